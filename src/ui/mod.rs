//! The browser app.

/// Mounts the app on the page's body.
pub fn mount() {}
