# shellcheck shell=bash
# Sourced, never run: installs what building and testing the page needs, only
# when it is missing, then sources wasm-env.sh for the wasm32 toolchain.
#
#   trunk 0.22.1            cargo install (about 8 minutes, once per machine)
#   wasm-bindgen-cli        the exact version Cargo.lock holds (about 2 minutes)
#   wasm-opt (binaryen 132) and playwright-core, axe-core: npm ci in tests/e2e
#   chromium, chromedriver  Debian's; no tool ever downloads a browser
#
# Everything lands in ~/.cargo/bin, tests/e2e/node_modules or Debian's paths;
# nothing in the repository changes.

lockdown_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

lockdown_lock_version() {
    # The version of package $1 in Cargo.lock.
    awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' \
        "$lockdown_root/Cargo.lock"
}

lockdown_web_tools() {
    local want_trunk=0.22.1 want_bindgen
    want_bindgen="$(lockdown_lock_version wasm-bindgen)"
    [ -n "$want_bindgen" ] || { echo "web-env: no wasm-bindgen in Cargo.lock" >&2; return 1; }

    if ! trunk --version 2> /dev/null | grep -qF "trunk $want_trunk"; then
        echo "web-env: installing trunk $want_trunk (takes several minutes, once)" >&2
        # trunk 0.22.1 declares a newer rustc than rustup's stable here; it builds fine.
        cargo install trunk --version "$want_trunk" --locked --ignore-rust-version >&2 || return 1
    fi
    if ! wasm-bindgen --version 2> /dev/null | grep -qF "wasm-bindgen $want_bindgen"; then
        echo "web-env: installing wasm-bindgen-cli $want_bindgen (Cargo.lock's version)" >&2
        # Not --locked: one of its pinned dependency versions is not served here.
        cargo install wasm-bindgen-cli --version "=$want_bindgen" --force >&2 || return 1
    fi

    local packages=()
    command -v chromium > /dev/null || packages+=(chromium)
    command -v chromedriver > /dev/null || packages+=(chromium-driver)
    command -v npm > /dev/null || packages+=(npm)
    command -v python3 > /dev/null || packages+=(python3)
    if [ "${#packages[@]}" -gt 0 ]; then
        echo "web-env: installing ${packages[*]} from Debian" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq > /dev/null &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                "${packages[@]}" > /dev/null || return 1
    fi

    local e2e="$lockdown_root/tests/e2e"
    if [ ! -f "$e2e/node_modules/.package-lock.json" ] ||
        ! cmp -s "$e2e/package-lock.json" "$e2e/node_modules/.lockdown-installed"; then
        echo "web-env: npm ci in tests/e2e" >&2
        (cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error >&2) || return 1
        cp "$e2e/package-lock.json" "$e2e/node_modules/.lockdown-installed"
    fi
}

lockdown_web_tools || { echo "web-env: could not install the web tools" >&2; return 1; }
# shellcheck source=scripts/wasm-env.sh
source "$lockdown_root/scripts/wasm-env.sh" || return 1
# Trunk's --offline cargo build needs every crate (and, on the Debian path, std's
# own dependencies) fetched first.
(cd "$lockdown_root" && cargo fetch --target wasm32-unknown-unknown -q) || return 1
