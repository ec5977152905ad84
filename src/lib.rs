//! nginx-lockdown: run NGINX distroless with a read-only root filesystem.
//!
//! The crate is a pure engine (the model, the generators, the startup
//! prediction, the security score, the presets, the share-link codec and the
//! session rules) with a thin Yew UI on top that exists only when compiled for
//! wasm32. The engine's only dependency is `percent-encoding`; it never logs,
//! reads a clock or touches the DOM, and `cargo test` on the host exercises all
//! of it.

pub mod generate;
pub mod link;
pub mod model;
pub mod predict;
pub mod preset;
pub mod score;
pub mod session;

#[cfg(target_arch = "wasm32")]
pub mod ui;
