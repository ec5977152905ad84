#!/bin/sh
# Runs nginx-secure with a read-only root filesystem; only the tmpfs mounts below are writable.
set -eu
docker run --name nginx-secure --read-only \
    --mount type=tmpfs,destination=/tmp/nginx,tmpfs-size=1m \
    -d -p 8080:8080 -t nginx-secure
