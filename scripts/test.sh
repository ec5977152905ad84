#!/usr/bin/env bash
# `make test`: every test. Installs what the tests need (only what is missing),
# then runs the native checks and tests (engine, CLI, golden files, docker CLI,
# make, shellcheck, hadolint, nginx in bwrap) and the browser tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/install-test-tools.sh
bash scripts/lint.sh
echo "test: cargo test (native)"
cargo test --locked
bash scripts/test-web.sh
echo "test: all green"
