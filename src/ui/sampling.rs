//! The Monte Carlo run of the page: while the scenario has ranges, its samples are drawn in
//! slices of a few milliseconds between which the page handles typing and draws, so a run never
//! blocks an input. The progress is in the state, and an edit drops the run under way and
//! starts another; the last run's figures stay shown, marked as updating, until the new one is
//! done.
//!
//! Each slice is scheduled with a message to the page itself (a `MessageChannel`), which the
//! browser delivers as soon as it has handled what is waiting, where a zero timeout would be
//! held back four milliseconds once timeouts nest.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::state::AppState;
use crate::engine::uncertainty::Simulation;

/// How long one slice of a run may take, in milliseconds: well under a frame, so a keystroke
/// waits at most this long.
const SLICE_MS: f64 = 12.0;

/// Evaluations drawn between two looks at the clock.
const STEP: usize = 8;

/// The run under way, if any, and how the next slice is asked for.
struct Runner {
    state: AppState,
    run: Option<(Simulation, Timing)>,
    /// Whether a message for the next slice is on its way (one at a time).
    scheduled: bool,
    port: Option<web_sys::MessagePort>,
}

/// When a run's first slice started (the page may first draw the report the run is of), when
/// its samples of the launch were all drawn, and how long the slices that drew them took.
struct Timing {
    started: Option<f64>,
    samples_done: Option<f64>,
    computing: f64,
}

thread_local! {
    static RUNNER: RefCell<Option<Runner>> = const { RefCell::new(None) };
}

/// Starts a run whenever the scenario (and so its report) changes, and drops the one before.
pub fn keep_sampling(state: AppState) {
    RUNNER.with(|runner| {
        *runner.borrow_mut() = Some(Runner {
            state,
            run: None,
            scheduled: false,
            port: channel(),
        })
    });
    Effect::new(move |_| {
        let run = state
            .scenario
            .with(|s| state.report.with(|r| Simulation::new(s, r)));
        match run {
            None => {
                RUNNER.with(|r| r.borrow_mut().as_mut().map(|r| r.run = None));
                state.sampling.set(None);
                if state.uncertainty.with_untracked(Option::is_some) {
                    state.uncertainty.set(None);
                }
                // An export waiting for a run the edit dropped is saved now, without it.
                if state.export_waiting.get_value() {
                    state.export_waiting.set_value(false);
                    super::toolbar::export(&state, false);
                }
            }
            Some(run) => {
                state.sampling.set(Some(run.progress()));
                let timing = Timing {
                    started: None,
                    samples_done: None,
                    computing: 0.0,
                };
                RUNNER.with(|r| {
                    if let Some(runner) = r.borrow_mut().as_mut() {
                        runner.run = Some((run, timing));
                        schedule(runner);
                    }
                });
            }
        }
    });
}

/// The channel whose messages run the slices: its first port listens, the second sends.
fn channel() -> Option<web_sys::MessagePort> {
    let channel = web_sys::MessageChannel::new().ok()?;
    let listener = Closure::<dyn FnMut()>::new(slice);
    channel
        .port1()
        .set_onmessage(Some(listener.as_ref().unchecked_ref()));
    // One listener for the page's whole life.
    listener.forget();
    Some(channel.port2())
}

/// Asks for the next slice, unless it is already asked for.
fn schedule(runner: &mut Runner) {
    if runner.scheduled {
        return;
    }
    runner.scheduled = true;
    match &runner.port {
        Some(port) => {
            let _ = port.post_message(&wasm_bindgen::JsValue::NULL);
        }
        None => set_timeout(slice, std::time::Duration::ZERO),
    }
}

/// What a slice left: the run under way with its progress, or the run done.
enum Slice {
    Going((usize, usize)),
    Done(Box<(Simulation, Timing)>),
}

/// Draws samples for one slice of the run under way, then asks for the next; the last slice
/// shows what the run made.
fn slice() {
    let outcome = RUNNER.with(|r| {
        let mut held = r.borrow_mut();
        let runner = held.as_mut()?;
        runner.scheduled = false;
        let (simulation, timing) = runner.run.as_mut()?;
        let started = js_sys::Date::now();
        timing.started.get_or_insert(started);
        loop {
            let done = simulation.step(STEP);
            if timing.samples_done.is_none() && simulation.samples_done() {
                let now = js_sys::Date::now();
                timing.samples_done = Some(now);
                timing.computing += now - started;
            }
            if done {
                let (simulation, timing) = runner.run.take()?;
                return Some((runner.state, Slice::Done(Box::new((simulation, timing)))));
            }
            let now = js_sys::Date::now();
            if now - started >= SLICE_MS {
                if timing.samples_done.is_none() {
                    timing.computing += now - started;
                }
                let progress = simulation.progress();
                schedule(runner);
                return Some((runner.state, Slice::Going(progress)));
            }
        }
    });
    // The state is told outside the runner, as what it shows may start another run.
    match outcome {
        Some((state, Slice::Going(progress))) => state.sampling.set(Some(progress)),
        Some((state, Slice::Done(done))) => {
            let (simulation, timing) = *done;
            let uncertainty = simulation.finish();
            let end = js_sys::Date::now();
            let started = timing.started.unwrap_or(end);
            state.run_ms.set(super::state::RunTimes {
                computing_ms: timing.computing,
                samples_ms: timing.samples_done.unwrap_or(end) - started,
                total_ms: end - started,
            });
            state.uncertainty.set(Some(uncertainty));
            state.sampling.set(None);
            if state.export_waiting.get_value() {
                state.export_waiting.set_value(false);
                super::toolbar::export(&state, false);
            }
        }
        None => {}
    }
}
