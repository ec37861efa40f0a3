#!/bin/sh
# Starts the IpfsKit node host in the role given as the first argument (master, worker or leecher; default: the
# IPFS_KIT_ROLE variable, else master). Further arguments go to the host unchanged (e.g. --api, --master URL).
set -eu

role="${1:-${IPFS_KIT_ROLE:-master}}"
case "$role" in
    master|worker|leecher) ;;
    *)
        echo "usage: docker run <image> master|worker|leecher [ipfs-kit options]; '$role' is not a role" >&2
        exit 64
        ;;
esac
if [ "$#" -gt 0 ]; then shift; fi

exec dotnet "${IPFS_KIT_HOME:-/app}/IpfsKit.Node.dll" --role "$role" "$@"
