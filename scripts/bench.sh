#!/usr/bin/env bash
# `make bench`: prints figures, asserts nothing. The engine's render time
# (criterion), then the release page: first-load bytes (raw, gzip, brotli),
# cold load to outputs painted and click-to-paint latency, each with and
# without 4x CPU throttling, in Debian's headless Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

echo "bench: engine (cargo bench --bench render)"
cargo bench --bench render -- --noplot 2>&1 | grep -E "^[a-z].*:|time:" || true
bash scripts/build-web.sh > /dev/null
echo "bench: the page (tests/e2e/bench.mjs)"
(cd tests/e2e && node bench.mjs)
