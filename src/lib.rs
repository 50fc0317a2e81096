//! Headroom: a capacity and cost planner.
//!
//! Data flows one way:
//!
//! ```text
//! scenario (inputs) → engine (pure calculations) → report (metrics with id, unit, formula)
//!                                                 → views (ui) and exports (link, CSV, CLI)
//! ```
//!
//! - [`scenario`]: what the user types, its field registry and presets.
//! - [`catalog`]: list prices as versioned data, with sources.
//! - [`engine`]: one module per calculation family; each formula in one place.
//! - [`components`]: each priced component in one module — its inputs, its provider's rules and
//!   formulas, and its evaluation.
//! - [`report`]: the figures the engine makes.
//! - [`format`]: how numbers are written for people.
//! - [`math`]: logarithms and exponentials, the same natively and in WebAssembly.
//! - [`records`]: CSV records, the text the link, the catalog and the exports are made of.
//! - [`export`]: the share link and the CSV.
//! - [`ui`]: the Leptos single-page app (browser only in practice; it computes nothing).
//! - [`worker`]: the page's worker, where the Monte Carlo run is made, off the page's thread
//!   and outside the first visit's download.
//! - `cli`: the command-line tool over the same engine (native builds).
//!
//! ```
//! use headroom::{engine, scenario::presets};
//! let report = engine::evaluate(&presets::by_id("agent-platform").unwrap().scenario());
//! let peak = report.value("load.peak_runs_per_sec").unwrap();
//! assert!((peak - 0.347).abs() < 0.001);
//! ```

pub mod catalog;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod components;
pub mod engine;
pub mod export;
pub mod format;
pub mod math;
pub mod records;
pub mod report;
pub mod scenario;
pub mod ui;
pub mod units;
pub mod worker;

/// In WebAssembly (the page, its worker and the compare panel), memory comes from Talc rather
/// than Rust's default dlmalloc: the same allocations in less code (the worker's module is
/// about 9 KB smaller gzipped, the page's 0.4 KB).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
