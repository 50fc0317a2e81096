//! Load: arrival rates, concurrency by Little's law, and the per-day volumes of steps, tool
//! calls and stream events. Line numbers refer to seed document 000.

use super::{Builder, n, ratio};
use crate::engine::Arg::N;
use crate::report::Severity;
use crate::scenario::Scenario;
use crate::units::{SECONDS_PER_DAY, Unit};

/// The load figures later families build on.
#[derive(Clone, Copy, Debug, Default)]
pub struct Load {
    /// Runs started per day.
    pub runs_per_day: f64,
    /// Average arrival rate, runs per second.
    pub avg_runs_per_sec: f64,
    /// Arrival rate at the peak hour, runs per second.
    pub peak_runs_per_sec: f64,
    /// Runs in flight on average.
    pub avg_concurrent_runs: f64,
    /// Runs in flight at the peak hour.
    pub peak_concurrent_runs: f64,
    /// Runs in flight in a burst (never below the peak).
    pub burst_concurrent_runs: f64,
    /// Steps executed per day.
    pub steps_per_day: f64,
}

/// Average arrival rate: runs per day spread over the day's seconds (line 16).
pub fn avg_runs_per_sec(runs_per_day: f64) -> f64 {
    runs_per_day / SECONDS_PER_DAY
}

/// Little's law, L = λ·W: items in the system equal arrival rate times time in the system
/// (Little 1961; Kleinrock, Queueing Systems Vol. 1 §2.1). Line 25 applies it to runs.
pub fn littles_law(arrivals_per_sec: f64, seconds_in_system: f64) -> f64 {
    arrivals_per_sec * seconds_in_system
}

/// Evaluates the load section.
pub fn evaluate(s: &Scenario, out: &mut Builder) -> Load {
    let w = &s.workload;
    let runs_per_day = out.figure(
        "load.runs_per_day",
        "Runs per day",
        Unit::RunsPerDay,
        w.runs_per_day,
        "runs per day, as entered = {}",
        &[N(w.runs_per_day)],
    );
    let avg = out.figure(
        "load.avg_runs_per_sec",
        "Average new runs per second",
        Unit::RunsPerSecond,
        avg_runs_per_sec(runs_per_day),
        "runs per day ÷ 86,400 s/day = {} ÷ 86,400",
        &[N(runs_per_day)],
    );
    let peak = if w.peak_runs_per_min > 0.0 {
        out.figure(
            "load.peak_runs_per_sec",
            "Peak new runs per second",
            Unit::RunsPerSecond,
            w.peak_runs_per_min / 60.0,
            "peak runs per minute ÷ 60 s = {} ÷ 60",
            &[N(w.peak_runs_per_min)],
        )
    } else {
        out.figure(
            "load.peak_runs_per_sec",
            "Peak new runs per second",
            Unit::RunsPerSecond,
            avg * w.peak_to_average,
            "average runs/s × peak-to-average = {} × {}",
            &[N(avg), N(w.peak_to_average)],
        )
    };
    if peak < avg {
        out.warn(
            "load.peak_below_average",
            Severity::Warning,
            || format!(
                "The peak ({} runs a minute) is below the average ({} a minute): raise the peak runs per minute.",
                n(peak * 60.0),
                n(avg * 60.0)
            ),
        );
    }
    let avg_concurrent = out.figure(
        "load.avg_concurrent_runs",
        "Average concurrent runs",
        Unit::ConcurrentRuns,
        littles_law(avg, w.run_duration_s),
        "Little's law: average runs/s × run duration = {} × {} s",
        &[N(avg), N(w.run_duration_s)],
    );
    let peak_concurrent = out.figure(
        "load.peak_concurrent_runs",
        "Peak concurrent runs",
        Unit::ConcurrentRuns,
        littles_law(peak, w.run_duration_s),
        "Little's law: peak runs/s × run duration = {} × {} s",
        &[N(peak), N(w.run_duration_s)],
    );
    let burst = out.figure(
        "load.burst_concurrent_runs",
        "Burst concurrent runs",
        Unit::ConcurrentRuns,
        w.burst_concurrent_runs.max(peak_concurrent),
        "max(burst concurrency, peak concurrent runs) = max({}, {})",
        &[N(w.burst_concurrent_runs), N(peak_concurrent)],
    );
    let steps_per_day = out.figure(
        "load.steps_per_day",
        "Steps per day",
        Unit::StepsPerDay,
        runs_per_day * w.steps_per_run,
        "runs per day × steps per run = {} × {}",
        &[N(runs_per_day), N(w.steps_per_run)],
    );
    let tool_share = w.tool_call_share_pct / 100.0;
    out.figure(
        "load.tool_calls_per_day",
        "Tool calls per day",
        Unit::ToolCallsPerDay,
        steps_per_day * tool_share,
        "steps per day × share of steps with a tool call = {} × {}%",
        &[N(steps_per_day), N(w.tool_call_share_pct)],
    );
    let tool_seconds_per_run = w.steps_per_run * tool_share * w.tool_call_latency_s;
    out.figure(
        "load.peak_concurrent_tool_calls",
        "Peak concurrent tool calls",
        Unit::ToolCalls,
        littles_law(peak * w.steps_per_run * tool_share, w.tool_call_latency_s),
        "Little's law: peak runs/s × steps per run × tool-call share × tool latency = {} × {} × {}% × {} s",
        &[N(peak), N(w.steps_per_run), N(w.tool_call_share_pct), N(w.tool_call_latency_s)],
    );
    let tool_share_of_run = out.figure(
        "load.tool_time_share_of_run_pct",
        "Share of a run spent waiting on tools",
        Unit::Percent,
        100.0 * ratio(tool_seconds_per_run, w.run_duration_s),
        "steps per run × tool-call share × tool latency ÷ run duration = {} × {}% × {} s ÷ {} s",
        &[
            N(w.steps_per_run),
            N(w.tool_call_share_pct),
            N(w.tool_call_latency_s),
            N(w.run_duration_s),
        ],
    );
    if tool_share_of_run > 100.0 {
        out.warn(
            "load.tool_time_exceeds_run",
            Severity::Warning,
            || format!(
                "Tool calls alone take {} s per run, longer than the {} s run duration: one of the two is wrong.",
                n(tool_seconds_per_run),
                n(w.run_duration_s)
            ),
        );
    }
    let events_per_run = w.steps_per_run * w.stream_events_per_step;
    out.figure(
        "load.stream_events_per_sec_peak",
        "Peak stream events per second",
        Unit::EventsPerSecond,
        peak_concurrent * ratio(events_per_run, w.run_duration_s),
        "peak concurrent runs × (steps per run × events per step ÷ run duration) = {} × ({} × {} ÷ {} s)",
        &[N(peak_concurrent), N(w.steps_per_run), N(w.stream_events_per_step), N(w.run_duration_s)],
    );
    out.figure(
        "load.sse_connections_peak",
        "Peak SSE connections",
        Unit::Connections,
        peak_concurrent * w.clients_per_run,
        "peak concurrent runs × clients per run = {} × {}",
        &[N(peak_concurrent), N(w.clients_per_run)],
    );
    Load {
        runs_per_day,
        avg_runs_per_sec: avg,
        peak_runs_per_sec: peak,
        avg_concurrent_runs: avg_concurrent,
        peak_concurrent_runs: peak_concurrent,
        burst_concurrent_runs: burst,
        steps_per_day,
    }
}
