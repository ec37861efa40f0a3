#!/bin/bash
# Docker HEALTHCHECK: GET /health (or the path given as the first argument, e.g. /ready) on the local API port and
# succeed only on HTTP 200.
# The ASP.NET runtime image has neither curl nor wget, so this speaks HTTP/1.0 through bash's /dev/tcp.
set -eu

port="${IPFS_KIT_API_PORT:-8000}"
path="${1:-/health}"
case "$path" in
    /health|/ready) ;;
    *) echo "usage: healthcheck.sh [/health|/ready]" >&2; exit 2 ;;
esac
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3 || exit 1
exec 3<&-
case "$status" in
    "HTTP/1."[01]" 200 "*) exit 0 ;;
    *) echo "unhealthy: ${status}" >&2; exit 1 ;;
esac
