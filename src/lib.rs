//! nginx-lockdown: run NGINX distroless with a read-only root filesystem.
//!
//! The crate is a pure engine (the model, the generators, the startup
//! prediction, the security score and the presets) with a thin Yew UI on top that exists only when
//! compiled for wasm32. The engine has no dependencies and never logs, reads a
//! clock or touches the DOM; `cargo test` on the host exercises all of it.

pub mod generate;
pub mod model;
pub mod predict;
pub mod preset;
pub mod score;

#[cfg(target_arch = "wasm32")]
pub mod ui;
