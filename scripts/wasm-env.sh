# shellcheck shell=bash
# Sourced, never run: sets up the environment that builds this crate for wasm32.
#
# Two paths give a wasm32 standard library (see shared/TOOLCHAIN.md):
#   rustup  - rustup's prebuilt wasm32-unknown-unknown target (added if missing);
#   debian  - Debian's rustc-web + rust-web-src + lld-22, building std from source.
# LOCKDOWN_WASM_PATH=rustup|debian forces one. Nothing here is committed as
# .cargo/config.toml, because build-std settings break the rustup path.
# After sourcing: LOCKDOWN_WASM_PATH says which path is in use, and `cargo` and
# `rustc` on PATH are the ones that build for wasm32.

lockdown_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$lockdown_root/tests/e2e/node_modules/.bin:$PATH"

lockdown_rustup_has_wasm() {
    command -v rustc > /dev/null 2>&1 &&
        [ -d "$(rustc --print sysroot 2> /dev/null)/lib/rustlib/wasm32-unknown-unknown/lib" ]
}

lockdown_use_debian() {
    local missing=()
    [ -x /usr/bin/rustc ] && /usr/bin/rustc --version 2> /dev/null | grep -q . || missing+=(rustc-web)
    [ -d /usr/lib/rustlib/src/rust/library ] || missing+=(rust-web-src)
    [ -x /usr/lib/llvm-22/bin/wasm-ld ] || missing+=(lld-22)
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "wasm-env: installing ${missing[*]} from Debian" >&2
        apt-get update -qq > /dev/null && apt-get install -y -qq "${missing[@]}" > /dev/null ||
            return 1
    fi
    export PATH="/usr/bin:$PATH"
    export RUSTC_BOOTSTRAP=1
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-22/bin/wasm-ld
    # rustup's proxies must not answer for the Debian toolchain.
    unset RUSTUP_TOOLCHAIN
    export LOCKDOWN_WASM_PATH=debian
}

case "${LOCKDOWN_WASM_PATH:-}" in
    rustup)
        lockdown_rustup_has_wasm || timeout 120 rustup target add wasm32-unknown-unknown >&2 ||
            { echo "wasm-env: rustup has no wasm32 target" >&2; return 1; }
        ;;
    debian)
        lockdown_use_debian || { echo "wasm-env: the Debian path failed" >&2; return 1; }
        ;;
    *)
        if lockdown_rustup_has_wasm; then
            export LOCKDOWN_WASM_PATH=rustup
        elif command -v rustup > /dev/null 2>&1 &&
            timeout 120 rustup target add wasm32-unknown-unknown >&2 && lockdown_rustup_has_wasm; then
            export LOCKDOWN_WASM_PATH=rustup
        else
            lockdown_use_debian || { echo "wasm-env: no wasm32 toolchain" >&2; return 1; }
        fi
        ;;
esac
export LOCKDOWN_WASM_PATH
echo "wasm-env: wasm32 via $LOCKDOWN_WASM_PATH ($(rustc --version))" >&2

# The release page only (trunk build --release runs in a subshell after this):
# settings that make the shipped wasm smaller and change nothing it does.
#   -Zlocation-detail=none  panic messages keep their text, not file:line:col;
#   -Zfmt-debug=none        `{:?}` prints nothing (the page shows no Debug text);
#   build-std with std's optimize_for_size, when the toolchain has std's source
#   (the Debian path always; rustup's after `rustup component add rust-src`).
# These are unstable flags, hence RUSTC_BOOTSTRAP, as the Debian path already needs.
# Without std's source the page is built from the prebuilt std, about 7 KB
# (brotli) bigger, and says so.
lockdown_release_env() {
    export RUSTC_BOOTSTRAP=1
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zlocation-detail=none -Zfmt-debug=none"
    if [ "$LOCKDOWN_WASM_PATH" = rustup ]; then
        local src
        src="$(rustc --print sysroot)/lib/rustlib/src/rust/library"
        [ -d "$src" ] || timeout 120 rustup component add rust-src >&2 || true
        if [ ! -d "$src" ]; then
            echo "wasm-env: no rust-src for rustup's toolchain; the page uses the prebuilt std" >&2
            return 0
        fi
        export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
        # Trunk's cargo build runs offline: std's own dependencies are fetched
        # first (web-env.sh's fetch already did so on the Debian path).
        (cd "$lockdown_root" && cargo fetch --target wasm32-unknown-unknown -q) || return 1
    fi
    export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
}
