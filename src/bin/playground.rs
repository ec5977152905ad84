//! The browser entry point: Trunk builds this binary for wasm32.
//!
//! Natively it only says how to get the page, so `cargo build` on the host
//! stays free of web crates.

#[cfg(target_arch = "wasm32")]
fn main() {
    nginx_lockdown::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The playground runs in a browser: `make serve` builds it with Trunk and serves it.");
    std::process::exit(2);
}
