#!/usr/bin/env bash
# Builds the page in release mode into dist/, a plain static folder.
# Installs what is missing first (scripts/web-env.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/web-env.sh
source scripts/web-env.sh
(lockdown_release_env && trunk build --release)
echo "build-web: dist/ holds the page:"
ls -l dist/
