#!/usr/bin/env bash
# Start N js-ipfs daemons (Kubo-compatible RPC API) on loopback, each with its own repo.
#   start-peers.sh REPOS_DIR N [BASE_PORT]          (BASE_PORT defaults to 24000)
# Peer i: repo REPOS_DIR/peer<i>; swarm BASE+i, API BASE+1000+i, gateway BASE+2000+i, gRPC BASE+3000+i.
# The test profile gives loopback-only addresses, an empty bootstrap list and no MDNS: nothing leaves the machine.
# Each daemon runs in its own process group (setsid); its PID is in REPOS_DIR/peer<i>/daemon.pid, its output in
# daemon.log. Prints one API URL a line once every /api/v0/id answers. If one does not within 60 s (or exits), prints
# the tail of its log, stops the daemons it started and exits 1. Needs `npm install --no-audit --no-fund` here first.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { echo "usage: $0 REPOS_DIR N [BASE_PORT]" >&2; exit 2; }
repos=$1; n=$2; base=${3:-24000}
jsipfs="$here/node_modules/.bin/jsipfs"
[ -x "$jsipfs" ] || { echo "js-ipfs is not installed: run 'npm install --no-audit --no-fund' in $here" >&2; exit 1; }
export NODE_OPTIONS="--require $here/polyfill.cjs"
mkdir -p "$repos"

fail() {
  echo "$1; last lines of $2:" >&2
  tail -n 40 "$2" >&2 || true
  "$here/stop-peers.sh" "$repos"
  exit 1
}

for i in $(seq 0 $((n - 1))); do
  repo="$repos/peer$i"
  if [ ! -f "$repo/config" ]; then
    IPFS_PATH="$repo" "$jsipfs" init --profile test >"$repos/peer$i.init.log" 2>&1 \
      || fail "jsipfs init of $repo failed" "$repos/peer$i.init.log"
    node -e '
      const fs = require("fs"); const [p, i, b] = [process.argv[1], +process.argv[2], +process.argv[3]];
      const c = JSON.parse(fs.readFileSync(p, "utf8"));
      Object.assign(c.Addresses, { Swarm: [`/ip4/127.0.0.1/tcp/${b + i}`], API: `/ip4/127.0.0.1/tcp/${b + 1000 + i}`,
        Gateway: `/ip4/127.0.0.1/tcp/${b + 2000 + i}`, RPC: `/ip4/127.0.0.1/tcp/${b + 3000 + i}` });
      c.Bootstrap = []; fs.writeFileSync(p, JSON.stringify(c, null, 1));' "$repo/config" "$i" "$base"
  fi
  IPFS_PATH="$repo" setsid "$jsipfs" daemon >"$repo/daemon.log" 2>&1 </dev/null &
  echo $! >"$repo/daemon.pid"
done

deadline=$((SECONDS + 60))
for i in $(seq 0 $((n - 1))); do
  repo="$repos/peer$i"; pid=$(cat "$repo/daemon.pid"); api=http://127.0.0.1:$((base + 1000 + i))
  until curl -sf -m 2 -X POST "$api/api/v0/id" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || fail "js-ipfs daemon $i exited before answering on $api" "$repo/daemon.log"
    # js-ipfs logs a busy port and then hangs instead of exiting.
    ! grep -q EADDRINUSE "$repo/daemon.log" || fail "js-ipfs daemon $i found a port in use" "$repo/daemon.log"
    [ "$SECONDS" -lt "$deadline" ] || fail "js-ipfs daemon $i did not answer on $api within 60 s" "$repo/daemon.log"
    sleep 0.5
  done
  echo "$api"
done
