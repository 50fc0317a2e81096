//! The worker pool: steps queue for a free slot, so the pool is an M/M/c queue whose arrivals
//! are the peak hour's steps and whose service time is a step's duration. Its p95 wait comes
//! from Erlang C, and so does the smallest pool that meets the wait target (seed 000 lines
//! 26–27: size workers around concurrency; seed 001 §2: trigger-to-start p95 under 5 s).

use super::load::Load;
use super::queueing::{smallest_pool_for_wait, wait_percentile_s};
use super::{Builder, n, ratio};
use crate::engine::Arg::N;
use crate::report::Severity;
use crate::scenario::Scenario;
use crate::units::Unit;

/// The percentile the wait target is set at.
const TARGET_PERCENTILE: f64 = 0.95;

/// The largest pool the sizing search considers.
const MAX_POOL: u32 = 1_000_000;

/// Evaluates the worker pool, when one is sized (`workers.slots` > 0).
pub fn evaluate(s: &Scenario, load: &Load, out: &mut Builder) {
    let w = &s.workers;
    if w.slots < 1.0 {
        return;
    }
    let steps = s.workload.steps_per_run;
    let arrivals = out.figure(
        "workers.peak_steps_per_sec",
        "Peak steps per second",
        Unit::StepsPerSecond,
        load.peak_runs_per_sec * steps,
        "peak runs/s × steps per run = {} × {}",
        &[N(load.peak_runs_per_sec), N(steps)],
    );
    let service = out.figure(
        "workers.step_duration_s",
        "Average step duration",
        Unit::Seconds,
        ratio(s.workload.run_duration_s, steps),
        "run duration ÷ steps per run = {} s ÷ {}",
        &[N(s.workload.run_duration_s), N(steps)],
    );
    let busy = out.figure(
        "workers.busy_slots_peak",
        "Busy slots at peak",
        Unit::Slots,
        arrivals * service,
        "Little's law: peak steps/s × step duration = {} × {} s",
        &[N(arrivals), N(service)],
    );
    out.figure(
        "workers.utilization_pct",
        "Pool utilisation at peak",
        Unit::Percent,
        100.0 * ratio(busy, w.slots),
        "busy slots ÷ slots = {} ÷ {}",
        &[N(busy), N(w.slots)],
    );
    out.limit("Worker pool slots", "workers.utilization_pct");
    let slots = w.slots as u32;
    match wait_percentile_s(arrivals, service, slots, TARGET_PERCENTILE) {
        Some(p95) => {
            out.figure(
                "workers.p95_wait_s",
                "Wait for a slot at peak (p95)",
                Unit::Seconds,
                p95,
                "Erlang C (M/M/c): t₉₅ = max(0, ln(C ÷ 0.05) ÷ (c ÷ S − λ)) with λ = {} steps/s, S = {} s, c = {} slots",
                &[N(arrivals), N(service), N(w.slots)],
            );
            if p95 > w.p95_wait_target_s {
                out.warn(
                    "workers.wait_above_target",
                    Severity::Warning,
                    || format!(
                        "At the peak 5% of steps wait more than {} s for a slot, above the {} s target.",
                        n(p95),
                        n(w.p95_wait_target_s)
                    ),
                );
            }
        }
        None => out.warn(
            "workers.pool_saturated",
            Severity::Warning,
            || format!(
                "The pool cannot keep up at the peak: {} steps are in flight on average but only {} slots exist, so the queue grows without end.",
                n(busy),
                n(w.slots)
            ),
        ),
    }
    if let Some(needed) = smallest_pool_for_wait(
        arrivals,
        service,
        w.p95_wait_target_s,
        TARGET_PERCENTILE,
        MAX_POOL,
    ) {
        out.figure(
            "workers.slots_for_target",
            "Smallest pool that meets the wait target",
            Unit::Slots,
            f64::from(needed),
            "the fewest slots c with Erlang C p95 wait ≤ {} s, for λ = {} steps/s and S = {} s",
            &[N(w.p95_wait_target_s), N(arrivals), N(service)],
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine;
    use crate::scenario::presets;

    fn pool_of(slots: f64) -> crate::report::Report {
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        s.workers.slots = slots;
        engine::evaluate(&s)
    }

    #[test]
    fn the_agent_platform_pool_against_erlang_c_by_hand() {
        // λ = 10,000 ÷ 86,400 × 3 × 6 = 2.0833 steps/s, S = 30 ÷ 6 = 5 s, a = 10.4167 busy slots.
        // Erlang C by the recurrence, then t₉₅ = ln(C ÷ 0.05) ÷ (c ÷ S − λ):
        // c = 12: C = 0.54374, t₉₅ = 7.5362 s; c = 13: C = 0.35396, t₉₅ = 3.7881 s.
        let twelve = pool_of(12.0);
        assert!(
            (twelve.value("workers.busy_slots_peak").unwrap() - 10.416_666_666_666_666).abs()
                < 1e-12
        );
        assert!((twelve.value("workers.p95_wait_s").unwrap() - 7.536_161_203_552_649).abs() < 1e-9);
        assert_eq!(twelve.value("workers.slots_for_target"), Some(13.0));
        assert!(
            twelve
                .warnings
                .iter()
                .any(|w| w.id == "workers.wait_above_target")
        );
        let thirteen = pool_of(13.0);
        assert!(
            (thirteen.value("workers.p95_wait_s").unwrap() - 3.788_057_710_935_199).abs() < 1e-9
        );
        assert!(
            thirteen
                .warnings
                .iter()
                .all(|w| w.id != "workers.wait_above_target")
        );
    }

    #[test]
    fn a_pool_smaller_than_the_load_is_saturated() {
        let report = pool_of(10.0);
        assert!(report.value("workers.p95_wait_s").is_none());
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.id == "workers.pool_saturated")
        );
        assert_eq!(report.value("workers.slots_for_target"), Some(13.0));
    }

    #[test]
    fn an_unsized_pool_makes_no_figures() {
        let report = pool_of(0.0);
        assert!(report.metrics.iter().all(|m| m.section() != "workers"));
    }
}
