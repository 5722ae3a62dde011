#!/bin/sh
# A local Redis Cluster for development and the tests: 3 masters and 3
# replicas (redis-server --cluster-enabled yes), no persistence, each node in
# a directory of its own under DIR (a new temporary one unless given).
#
#   deploy/redis-cluster/start.sh [DIR]        then   deploy/redis-cluster/stop.sh DIR
#
# Prints REDIS_CLUSTER_NODES=... for the apps, and DIR on the last line.
# POSIX sh, so the docker-compose profile `cluster` runs it in redis:7-alpine.
#
# Environment (all optional):
#   REDIS_CLUSTER_PORTS      six client ports, masters first (default 7000 ... 7005)
#   REDIS_CLUSTER_BUS_PORTS  their cluster-bus ports (default: each port + 10000)
#   REDIS_CLUSTER_BIND       address to listen on (default 127.0.0.1)
#   REDIS_CLUSTER_ANNOUNCE_HOSTNAME  name the nodes tell clients to use instead
#                            of their address (a container's service name)
#   REDIS_CLUSTER_PASSWORD   requirepass and masterauth of every node
#   REDIS_CLUSTER_NODE_TIMEOUT_MS  how long a silent master takes to be failed
#                            over to its replica (default 2000: tests kill masters)
#   REDIS_CLUSTER_FOREGROUND=1  stay in the foreground until SIGTERM/SIGINT,
#                            then stop the nodes (for a container)
set -eu

DIR=${1:-$(mktemp -d "${TMPDIR:-/tmp}/newsroom-redis-cluster.XXXXXX")}
PORTS=${REDIS_CLUSTER_PORTS:-7000 7001 7002 7003 7004 7005}
PORTS=$(echo "$PORTS" | tr ',' ' ')
BUS_PORTS=$(echo "${REDIS_CLUSTER_BUS_PORTS:-}" | tr ',' ' ')
BIND=${REDIS_CLUSTER_BIND:-127.0.0.1}
NODE_TIMEOUT_MS=${REDIS_CLUSTER_NODE_TIMEOUT_MS:-2000}
HOST=127.0.0.1
[ "$BIND" = "0.0.0.0" ] || HOST=$BIND

set -- $PORTS
if [ $# -ne 6 ]; then
  echo "redis-cluster: REDIS_CLUSTER_PORTS needs six ports (3 masters, 3 replicas), got: $PORTS" >&2
  exit 2
fi
if [ -n "$BUS_PORTS" ] && [ "$(echo $BUS_PORTS | wc -w)" -ne 6 ]; then
  echo "redis-cluster: REDIS_CLUSTER_BUS_PORTS needs six ports, got: $BUS_PORTS" >&2
  exit 2
fi

cli() { # cli <port> <args...>
  port=$1; shift
  if [ -n "${REDIS_CLUSTER_PASSWORD:-}" ]; then
    REDISCLI_AUTH=$REDIS_CLUSTER_PASSWORD redis-cli -h "$HOST" -p "$port" "$@"
  else
    redis-cli -h "$HOST" -p "$port" "$@"
  fi
}

wait_until() { # wait_until <what> <command...>: up to 30 s
  what=$1; shift
  i=0
  while [ $i -lt 150 ]; do
    if "$@" >/dev/null 2>&1; then return 0; fi
    i=$((i + 1))
    sleep 0.2
  done
  echo "redis-cluster: $what did not happen within 30 s (logs in $DIR/*/redis.log)" >&2
  exit 1
}

mkdir -p "$DIR"
i=0
for port in $PORTS; do
  i=$((i + 1))
  node="$DIR/$port"
  mkdir -p "$node"
  bus=$((port + 10000))
  [ -z "$BUS_PORTS" ] || bus=$(echo $BUS_PORTS | cut -d' ' -f$i)
  {
    echo "port $port"
    echo "bind $BIND"
    echo "protected-mode no"
    echo "daemonize yes"
    echo "pidfile $node/redis.pid"
    echo "logfile $node/redis.log"
    echo "dir $node"
    echo "cluster-enabled yes"
    echo "cluster-port $bus"
    # rewritten by the node itself; a node restarted from this file rejoins with its old identity
    echo "cluster-config-file nodes.conf"
    echo "cluster-node-timeout $NODE_TIMEOUT_MS"
    # a replica takes over however long it was cut off: there is no other copy to wait for
    echo "cluster-replica-validity-factor 0"
    # the other masters keep serving their slots while one is failed over
    echo "cluster-require-full-coverage no"
    # no persistence: a cluster for development and tests
    echo 'save ""'
    echo "appendonly no"
    # a replica (re)joining gets its copy at once, not after the default 5 s wait for more replicas
    echo "repl-diskless-sync-delay 0"
    if [ -n "${REDIS_CLUSTER_ANNOUNCE_HOSTNAME:-}" ]; then
      echo "cluster-announce-hostname $REDIS_CLUSTER_ANNOUNCE_HOSTNAME"
      echo "cluster-preferred-endpoint-type hostname"
    fi
    if [ -n "${REDIS_CLUSTER_PASSWORD:-}" ]; then
      echo "requirepass $REDIS_CLUSTER_PASSWORD"
      echo "masterauth $REDIS_CLUSTER_PASSWORD"
    fi
  } > "$node/redis.conf"
  redis-server "$node/redis.conf"
done

for port in $PORTS; do wait_until "node $port to answer" cli "$port" ping; done

addresses=""
for port in $PORTS; do addresses="$addresses $HOST:$port"; done
# the first three become masters, each of the last three a replica of one of them
cli "$1" --cluster create $addresses --cluster-replicas 1 --cluster-yes > "$DIR/create.log" 2>&1 || {
  cat "$DIR/create.log" >&2
  exit 1
}

cluster_ok() {
  for port in $PORTS; do cli "$port" cluster info | grep -q '^cluster_state:ok' || return 1; done
}
wait_until "the cluster to be ready on every node" cluster_ok

replicas_synced() {
  for port in $PORTS; do
    info=$(cli "$port" info replication)
    echo "$info" | grep -q '^role:slave' || continue
    echo "$info" | grep -q '^master_link_status:up' || return 1
  done
}
# until then a master's writes have no copy, and killing it loses them
wait_until "every replica to hold a copy of its master" replicas_synced

echo "REDIS_CLUSTER_NODES=$HOST:$1,$HOST:$2,$HOST:$3"
echo "$DIR"

if [ "${REDIS_CLUSTER_FOREGROUND:-}" = "1" ]; then
  trap '"$(dirname "$0")/stop.sh" "$DIR"; exit 0' TERM INT
  while :; do sleep 1; done
fi
