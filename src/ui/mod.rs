//! The Yew page: a thin layer that shows what the engine computes.
//!
//! One file per part of the page, each only displaying what `State` and the
//! engine give it. Most parts are plain view functions; a part is a component
//! only when it keeps state of its own (`Output`, `Share`) or is the page
//! (`App`): every component costs wasm bytes, and the page has a size budget.
//! This module must never hold defaults or rules of its own: those live in
//! `crate::model`, and the page only asks for them.

mod add_mount;
mod app;
mod browser;
mod hardening;
mod mount_row;
mod mounts;
mod notices;
mod output;
mod presets;
mod score;
mod settings;
mod share;
mod state;
mod text_field;
mod verdict;

pub use app::App;
pub use browser::show_panic;
pub use state::{Action, NewDir, State, split_size};

/// Shows panics in the page, then mounts the app into `#app` (or `<body>`).
pub fn start() {
    browser::install_panic_hook();
    browser::flush_address_on_hide();
    let root =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
