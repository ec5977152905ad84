#!/usr/bin/env bash
# Native checks: formatting, clippy with -D warnings, rustdoc warnings, and
# every script through ShellCheck. The wasm32 half (clippy on the UI) runs in
# scripts/test-web.sh, where the wasm32 toolchain is set up.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

echo "lint: cargo fmt --check"
cargo fmt --all -- --check
echo "lint: cargo clippy (native, all targets)"
cargo clippy --all-targets --locked -- -D warnings
echo "lint: cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked -q
if command -v shellcheck > /dev/null; then
    echo "lint: shellcheck"
    shellcheck -x scripts/*.sh .ci/run
else
    echo "lint: shellcheck is missing: run scripts/install-test-tools.sh" >&2
    exit 1
fi
