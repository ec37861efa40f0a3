#!/usr/bin/env bash
# Stop the daemons started by start-peers.sh: signal each process group by the PID it recorded, all at once, wait up
# to 5 s for them to shut down (about 2 s each, in parallel), then kill what is left.
#   stop-peers.sh REPOS_DIR
set -u
pids=()
for pidfile in "$1"/peer*/daemon.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  rm -f "$pidfile"
  kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || continue
  pids+=("$pid")
done
for _ in $(seq 1 50); do
  alive=
  for pid in ${pids[@]+"${pids[@]}"}; do kill -0 "$pid" 2>/dev/null && alive=1; done
  [ -z "$alive" ] && exit 0
  sleep 0.1
done
for pid in "${pids[@]}"; do kill -9 -- -"$pid" 2>/dev/null || true; done
