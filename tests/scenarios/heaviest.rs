//! The heaviest scenarios we know how to build within the valid ranges: what the engine's bound
//! on work is checked against, and what the benchmarks time.

use headroom::scenario::{Driver, Platform, Scenario, Service, presets};

/// The agent-platform preset with day-long runs, growing to a billion runs a day over a
/// 36-month projection, data growth set for an Aurora that is off, and twenty fixed-price
/// services that each take 100,000% of the runs at a million requests an instance: about
/// 10¹² requests in flight per service, which once cost a sum of 4·10⁷ terms per service and
/// month (27 s in the page).
pub fn twenty_services_of_a_million_slots() -> Scenario {
    let mut s = presets::by_id("agent-platform").unwrap().scenario();
    s.workload.run_duration_s = 86_400.0;
    s.growth.months = 36;
    s.growth.runs_per_day_at_6_months = 1.0e7;
    s.growth.runs_per_day_at_12_months = 1.0e8;
    s.growth.runs_per_day_at_24_months = 1.0e9;
    s.aurora.storage_growth_gb_per_month = 1_000.0;
    s.services = (0..20)
        .map(|i| Service {
            name: format!("service {i}"),
            platform: Platform::Fixed,
            driver: Driver::Runs,
            share_pct: 100_000.0,
            concurrency_per_instance: 1.0e6,
            usd_per_instance_hour: 0.1,
            ..Service::default()
        })
        .collect();
    s
}

/// A worker pool of a million slots under a load just below it, growing for three years: the
/// Erlang recurrences at their longest.
pub fn a_million_workers() -> Scenario {
    let mut s = presets::by_id("agent-platform").unwrap().scenario();
    s.workers.slots = 1.0e6;
    s.workload.run_duration_s = 86_400.0;
    s.growth.months = 36;
    s.growth.runs_per_day_at_6_months = 1.0e6;
    s.growth.runs_per_day_at_12_months = 1.0e7;
    s.growth.runs_per_day_at_24_months = 1.0e8;
    s
}
