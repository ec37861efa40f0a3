#!/usr/bin/env bash
# Stop the daemons started by start-peers.sh: kill each process group by the PID it recorded.
#   stop-peers.sh REPOS_DIR
set -u
for pidfile in "$1"/peer*/daemon.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 -- -"$pid" 2>/dev/null || true
  rm -f "$pidfile"
done
