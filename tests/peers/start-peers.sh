#!/usr/bin/env bash
# Start N js-ipfs daemons (Kubo-compatible RPC API) on loopback, each with its own repo.
#   start-peers.sh REPOS_DIR N [BASE_PORT]
# Peer i: repo REPOS_DIR/peer<i>; swarm BASE+i, API BASE+1000+i, gateway BASE+2000+i, gRPC BASE+3000+i.
# The test profile gives loopback-only addresses, an empty bootstrap list and no MDNS: nothing leaves the machine.
# Prints one API URL a line once every /api/v0/id answers; writes REPOS_DIR/peer<i>/daemon.pid (process group leader).
# Needs `npm install --no-audit --no-fund` in this folder first.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repos=$1; n=$2; base=${3:-24000}
jsipfs="$here/node_modules/.bin/jsipfs"
[ -x "$jsipfs" ] || { echo "js-ipfs is not installed: run 'npm install --no-audit --no-fund' in $here" >&2; exit 1; }
export NODE_OPTIONS="--require $here/polyfill.cjs"
mkdir -p "$repos"
for i in $(seq 0 $((n - 1))); do
  repo="$repos/peer$i"
  if [ ! -f "$repo/config" ]; then
    IPFS_PATH="$repo" "$jsipfs" init --profile test >"$repo.init.log" 2>&1 || { cat "$repo.init.log" >&2; exit 1; }
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
for i in $(seq 0 $((n - 1))); do
  api=http://127.0.0.1:$((base + 1000 + i)); ok=
  for _ in $(seq 1 120); do
    if curl -sf -X POST "$api/api/v0/id" >/dev/null 2>&1; then ok=1; break; fi
    sleep 0.5
  done
  if [ -z "$ok" ]; then
    echo "js-ipfs daemon $i did not answer on $api within 60 s; last lines of its log:" >&2
    tail -n 30 "$repos/peer$i/daemon.log" >&2
    exit 1
  fi
  echo "$api"
done
