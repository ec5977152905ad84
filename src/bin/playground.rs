//! The browser entry point: Trunk builds this binary for wasm32.
//!
//! Natively it only says how to get the page, so `cargo build` on the host
//! stays free of web crates.

/// Talc instead of Rust's default dlmalloc: smaller in the module and faster.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    nginx_lockdown::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The playground runs in a browser: `make serve` builds it with Trunk and serves it.");
    std::process::exit(2);
}
