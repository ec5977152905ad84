#!/usr/bin/env bash
# The browser half of `make test`: clippy on the UI for wasm32, the release
# build, component tests in headless Chromium (wasm-bindgen-test), then the
# end-to-end tests against dist/ served on 127.0.0.1 (tests/e2e).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/web-env.sh
source scripts/web-env.sh

if cargo clippy --version > /dev/null 2>&1; then
    echo "test-web: cargo clippy (wasm32: the UI)"
    cargo clippy --target wasm32-unknown-unknown --lib --bins --test web -- -D warnings
else
    # FIXME: Debian's rustc-web ships no clippy, so on that path the UI is only
    # compiled, not linted; rustup's path (CI here) lints it.
    echo "test-web: no clippy for the $LOCKDOWN_WASM_PATH toolchain; the UI is built, not linted"
fi

echo "test-web: trunk build --release"
(lockdown_release_env && trunk build --release)

echo "test-web: component tests in headless Chromium"
export CHROMEDRIVER=/usr/bin/chromedriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT=120
cargo test --target wasm32-unknown-unknown --test web

echo "test-web: end-to-end tests in Chromium against dist/"
(cd tests/e2e && node --test --test-concurrency=1 e2e.test.mjs)
