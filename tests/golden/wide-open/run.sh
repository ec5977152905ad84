#!/bin/sh
# Runs nginx-secure with a writable root filesystem: a process inside can change any file.
set -eu
docker run --name nginx-secure \
    --mount type=tmpfs,destination=/tmp/proxy_temp,tmpfs-size=2m \
    --mount type=tmpfs,destination=/tmp/client_temp,tmpfs-size=2m \
    --mount type=tmpfs,destination=/tmp/fastcgi_temp,tmpfs-size=2m \
    --mount type=tmpfs,destination=/tmp/uwsgi_temp,tmpfs-size=2m \
    --mount type=tmpfs,destination=/tmp/scgi_temp,tmpfs-size=2m \
    --mount type=tmpfs,destination=/tmp/nginx,tmpfs-size=1m \
    -d -p 8080:8080 -t nginx-secure
