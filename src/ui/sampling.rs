//! The Monte Carlo run of the page: while the scenario has ranges, its samples are drawn in
//! slices of a few milliseconds between which the page handles typing and draws, so a run never
//! blocks an input. The progress is in the state, and an edit cancels the run under way and
//! starts another; the last run's figures stay shown, marked as updating, until the new one is
//! done.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;

use super::state::AppState;
use crate::engine::uncertainty::Simulation;

/// How long one slice of a run may take, in milliseconds: well under a frame, so a keystroke
/// waits at most this long.
const SLICE_MS: f64 = 12.0;

/// Evaluations drawn between two looks at the clock.
const STEP: usize = 8;

/// Starts a run whenever the scenario (and so its report) changes, and drops the one before.
pub fn keep_sampling(state: AppState) {
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let run = state
            .scenario
            .with(|s| state.report.with(|r| Simulation::new(s, r)));
        generation.update_value(|g| *g += 1);
        match run {
            None => {
                state.sampling.set(None);
                if state.uncertainty.with_untracked(Option::is_some) {
                    state.uncertainty.set(None);
                }
            }
            Some(run) => {
                state.sampling.set(Some(run.progress()));
                slice(
                    state,
                    generation,
                    generation.get_value(),
                    Rc::new(RefCell::new(Some(run))),
                );
            }
        }
    });
}

/// Draws samples for one slice, then hands the rest to the next, unless a newer run replaced
/// this one; the last slice shows what the run made.
fn slice(
    state: AppState,
    generation: StoredValue<u64>,
    this: u64,
    run: Rc<RefCell<Option<Simulation>>>,
) {
    set_timeout(
        move || {
            if generation.get_value() != this {
                return;
            }
            let started = js_sys::Date::now();
            let done = {
                let mut held = run.borrow_mut();
                let Some(simulation) = held.as_mut() else {
                    return;
                };
                loop {
                    if simulation.step(STEP) {
                        break true;
                    }
                    if js_sys::Date::now() - started >= SLICE_MS {
                        state.sampling.set(Some(simulation.progress()));
                        break false;
                    }
                }
            };
            if done {
                if let Some(simulation) = run.borrow_mut().take() {
                    state.uncertainty.set(Some(simulation.finish()));
                }
                state.sampling.set(None);
            } else {
                slice(state, generation, this, run);
            }
        },
        Duration::ZERO,
    );
}
