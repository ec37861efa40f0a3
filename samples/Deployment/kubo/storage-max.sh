#!/bin/sh
# Run by the ipfs/kubo image before its daemon starts (/container-init.d): the room the daemon reports in repo/stat
# (StorageMax), which the IpfsKit master plans with (free = StorageMax - RepoSize). Kubo's own default is 10GB.
set -e
ipfs config Datastore.StorageMax "${KUBO_STORAGE_MAX:-10GB}"
