//! The `headroom` binary: in the browser it mounts the app; built natively it is the
//! command-line tool over the same engine.

#[cfg(target_arch = "wasm32")]
fn main() {
    headroom::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let status = headroom::cli::run(
        std::env::args_os(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    std::process::exit(status);
}
