//! The `analyses` binary: the page's compare-and-scale panel ([`headroom::ui::analyses::app`]),
//! built to WebAssembly and started by `public/analyses-start.js` when the panel is first
//! opened, so that a first visit downloads none of it.

#[cfg(target_arch = "wasm32")]
fn main() {
    headroom::ui::analyses::app::mount();
}

/// Natively there is no page: the command line runs the same analyses (`headroom tiers`,
/// `headroom breaking`, `headroom diff`).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "analyses: the page's compare-and-scale panel runs in a browser; on the command line, use `headroom tiers`, `headroom breaking` or `headroom diff`"
    );
    std::process::exit(2);
}
