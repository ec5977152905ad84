//! The Yew page: a thin layer that shows what the engine computes.
//!
//! Placeholder until the browser issue lands; it must never hold defaults or
//! rules of its own.

/// Mounts the page into `<body>`.
pub fn start() {}
