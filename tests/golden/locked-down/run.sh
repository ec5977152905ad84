#!/bin/sh
# Runs nginx-secure:1.30.5-trixie with a read-only root filesystem; only the tmpfs mounts below are writable.
set -eu
docker run --name nginx-secure --read-only \
    --user 101:101 \
    --cap-drop=ALL \
    --security-opt=no-new-privileges \
    --memory=128m --cpus=1 --pids-limit=128 \
    --restart=on-failure:5 \
    --tmpfs /tmp/nginx:rw,noexec,nosuid,nodev,size=1m,mode=1777 \
    -d -p 8080:8080 -t nginx-secure:1.30.5-trixie
