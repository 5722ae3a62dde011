#!/bin/sh
# Stops the nodes deploy/redis-cluster/start.sh started in DIR (by the pids they
# wrote there) and deletes DIR.   deploy/redis-cluster/stop.sh DIR
set -u
DIR=${1:?usage: stop.sh DIR (the directory start.sh printed)}
[ -d "$DIR" ] || exit 0
pids=""
for pidfile in "$DIR"/*/redis.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null && pids="$pids $pid"
done
# up to 10 s for a clean exit, then SIGKILL
for pid in $pids; do
  i=0
  while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
  kill -9 "$pid" 2>/dev/null || true
done
# only what start.sh wrote, so a DIR given by hand loses nothing else
for node in "$DIR"/*/; do [ -f "$node/redis.conf" ] && rm -rf "$node"; done
rm -f "$DIR/create.log"
rmdir "$DIR" 2>/dev/null || true
