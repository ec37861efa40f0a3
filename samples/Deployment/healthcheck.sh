#!/bin/bash
# Docker HEALTHCHECK: GET /health on the local API port and succeed only on HTTP 200.
# The ASP.NET runtime image has neither curl nor wget, so this speaks HTTP/1.0 through bash's /dev/tcp.
set -eu

port="${IPFS_KIT_API_PORT:-8000}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET /health HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || exit 1
exec 3<&-
case "$status" in
    "HTTP/1."[01]" 200 "*) exit 0 ;;
    *) echo "unhealthy: ${status}" >&2; exit 1 ;;
esac
