#!/bin/sh
# Starts the IpfsKit node host. The first argument, unless it is an option, is a role (master, worker or leecher); further arguments go
# to the host unchanged (e.g. --master URL). The role given by the command (the image's CMD, a compose `command:`, the
# arguments of `docker run`) is a default: IPFS_KIT_ROLE, when set, wins, so `docker run -e IPFS_KIT_ROLE=worker <image>`
# starts a worker. Without either the host starts a master.
set -eu

role=""
if [ "$#" -gt 0 ] && [ "${1#-}" = "$1" ]; then
    role="$1"
    case "$role" in
        master|worker|leecher) ;;
        *)
            echo "usage: docker run <image> [master|worker|leecher] [ipfs-kit options]; '$role' is not a role" >&2
            exit 64
            ;;
    esac
    shift
fi

dll="${IPFS_KIT_HOME:-/app}/IpfsKit.Node.dll"
if [ -n "${IPFS_KIT_ROLE:-}" ] || [ -z "$role" ]; then
    # The host reads IPFS_KIT_ROLE itself (and names it if its value is not a role).
    exec dotnet "$dll" "$@"
fi
exec dotnet "$dll" --role "$role" "$@"
