#!/bin/sh
# A local Redis Cluster for development and the tests: 3 masters and 3
# replicas by default (redis-server --cluster-enabled yes), no persistence,
# each node in a directory of its own under DIR (a new temporary one unless given).
#
#   deploy/redis-cluster/start.sh [DIR]        then   deploy/redis-cluster/stop.sh DIR
#
# Prints REDIS_CLUSTER_NODES=... for the apps, and DIR on the last line.
# POSIX sh, so the docker-compose profile `cluster` runs it in redis:7-alpine.
#
# Environment (all optional):
#   REDIS_CLUSTER_MASTERS    how many masters (default 3); the slots are split evenly
#   REDIS_CLUSTER_REPLICAS   replicas per master (default 1)
#   REDIS_CLUSTER_PORTS      client ports, masters first, then the replicas (default
#                            7000 onwards: 7000 ... 7005 for 3 masters and 3 replicas)
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
MASTERS=${REDIS_CLUSTER_MASTERS:-3}
REPLICAS=${REDIS_CLUSTER_REPLICAS:-1}
NODES=$((MASTERS * (1 + REPLICAS)))
PORTS=${REDIS_CLUSTER_PORTS:-$(seq 7000 $((7000 + NODES - 1)))}
PORTS=$(echo "$PORTS" | tr ',\n' '  ')
BUS_PORTS=$(echo "${REDIS_CLUSTER_BUS_PORTS:-}" | tr ',' ' ')
BIND=${REDIS_CLUSTER_BIND:-127.0.0.1}
NODE_TIMEOUT_MS=${REDIS_CLUSTER_NODE_TIMEOUT_MS:-2000}
HOST=127.0.0.1
[ "$BIND" = "0.0.0.0" ] || HOST=$BIND

set -- $PORTS
if [ "$MASTERS" -lt 1 ] || [ $# -ne "$NODES" ]; then
  echo "redis-cluster: REDIS_CLUSTER_PORTS needs $NODES ports ($MASTERS masters, $REPLICAS replicas each), got: $PORTS" >&2
  exit 2
fi
if [ -n "$BUS_PORTS" ] && [ "$(echo $BUS_PORTS | wc -w)" -ne "$NODES" ]; then
  echo "redis-cluster: REDIS_CLUSTER_BUS_PORTS needs $NODES ports, got: $BUS_PORTS" >&2
  exit 2
fi
bus_of() { # bus_of <i>: the cluster-bus port of the i-th node (1-based)
  if [ -z "$BUS_PORTS" ]; then echo $(($(echo $PORTS | cut -d' ' -f"$1") + 10000)); else echo $BUS_PORTS | cut -d' ' -f"$1"; fi
}

follow() { # follow <port> <master id>: redis-cli exits 0 on an error reply, so look at the reply
  cli "$1" cluster replicate "$2" | grep -q '^OK'
}

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
  bus=$(bus_of $i)
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
    # a lone node is never met by another, so it never learns the address to tell clients (it says "")
    [ "$NODES" -gt 1 ] || echo "cluster-announce-ip $HOST"
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

if [ "$MASTERS" -ge 3 ]; then
  addresses=""
  for port in $PORTS; do addresses="$addresses $HOST:$port"; done
  # the first MASTERS become masters, the rest their replicas
  cli "$1" --cluster create $addresses --cluster-replicas "$REPLICAS" --cluster-yes > "$DIR/create.log" 2>&1 || {
    cat "$DIR/create.log" >&2
    exit 1
  }
else
  # redis-cli --cluster create refuses fewer than three masters: the same by hand (equal slot
  # ranges, every node meets the first, the replicas follow the masters in turn)
  width=$((16384 / MASTERS))
  n=0
  for port in $PORTS; do
    n=$((n + 1))
    if [ $n -le "$MASTERS" ]; then
      low=$(((n - 1) * width))
      high=$((low + width - 1))
      [ $n -lt "$MASTERS" ] || high=16383
      cli "$port" cluster addslotsrange "$low" "$high" >> "$DIR/create.log"
    fi
    [ $n -eq 1 ] || cli "$port" cluster meet "$HOST" "$1" "$(bus_of 1)" >> "$DIR/create.log"
  done
  n=0
  for port in $PORTS; do
    n=$((n + 1))
    [ $n -gt "$MASTERS" ] || continue
    master=$(echo $PORTS | cut -d' ' -f$(((n - MASTERS - 1) % MASTERS + 1)))
    id=$(cli "$master" cluster myid)
    # the replica must have heard of its master by gossip first (until then: ERR Unknown node)
    wait_until "node $port to follow $master" follow "$port" "$id"
  done
fi

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

seeds=""
for port in $(echo $PORTS | cut -d' ' -f1-"$MASTERS"); do seeds="$seeds${seeds:+,}$HOST:$port"; done
echo "REDIS_CLUSTER_NODES=$seeds"
echo "$DIR"

if [ "${REDIS_CLUSTER_FOREGROUND:-}" = "1" ]; then
  trap '"$(dirname "$0")/stop.sh" "$DIR"; exit 0' TERM INT
  while :; do sleep 1; done
fi
