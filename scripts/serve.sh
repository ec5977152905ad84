#!/usr/bin/env bash
# `make serve`: build the page in release mode, then serve dist/ on 127.0.0.1.
# PORT=NNNN picks the port; otherwise the first free one from 8000 up is used,
# since something else may already hold 8080.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/build-web.sh

port_is_free() {
    python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" \
        2> /dev/null
}
port="${PORT:-}"
if [[ -z "$port" ]]; then
    for candidate in $(seq 8000 8099); do
        if port_is_free "$candidate"; then
            port="$candidate"
            break
        fi
    done
fi
[[ -n "$port" ]] || { echo "serve: no free port between 8000 and 8099; set PORT" >&2; exit 1; }

echo
echo "  nginx lockdown is at  http://127.0.0.1:$port/"
echo "  (Ctrl-C stops it; dist/ can also be copied to any static web server)"
echo
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
