#!/bin/sh
# Runs nginx-secure with a read-only root filesystem; only the tmpfs mounts below are writable.
set -eu
docker run --name nginx-secure --read-only \
    --mount type=tmpfs,destination=/tmp/proxy_temp,tmpfs-size=2m \
    --mount type=tmpfs,destination=/tmp/client_temp,tmpfs-size=2m \
    --mount type=tmpfs,destination=/tmp/fastcgi_temp,tmpfs-size=2m \
    --mount type=tmpfs,destination=/tmp/uwsgi_temp,tmpfs-size=2m \
    --mount type=tmpfs,destination=/tmp/scgi_temp,tmpfs-size=2m \
    -d -p 8080:8080 -t nginx-secure
