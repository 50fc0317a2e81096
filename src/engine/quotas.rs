//! Quotas: the per-tenant runs-per-hour limit against the peak hour (seed 001 §4.2: runs over
//! the quota are refused with HTTP 429). The load is taken as spread evenly over the tenants
//! (each customer is one); a tenant busier than the average reaches the quota sooner.

use super::load::Load;
use super::{Builder, n, ratio};
use crate::report::Severity;
use crate::scenario::Scenario;
use crate::units::Unit;

/// Runs a tenant starts per hour at the peak: the peak arrival rate over an hour, shared
/// evenly among the tenants.
pub fn peak_runs_per_hour_per_tenant(peak_runs_per_sec: f64, tenants: f64) -> f64 {
    ratio(peak_runs_per_sec * 3_600.0, tenants)
}

/// Evaluates the quotas, when one is set.
pub fn evaluate(s: &Scenario, load: &Load, out: &mut Builder) {
    let quota = s.quotas.max_runs_per_hour_per_tenant;
    if quota <= 0.0 {
        return;
    }
    let tenants = s.deal.customers;
    let per_tenant = out.metric(
        "quotas.peak_runs_per_hour_per_tenant",
        "Runs per tenant in the peak hour",
        Unit::RunsPerHour,
        peak_runs_per_hour_per_tenant(load.peak_runs_per_sec, tenants),
        || {
            format!(
                "peak runs/s × 3,600 s ÷ tenants = {} × 3,600 ÷ {}",
                n(load.peak_runs_per_sec),
                n(tenants)
            )
        },
    );
    out.metric(
        "quotas.runs_quota_used_pct",
        "Peak hour as a share of the runs quota",
        Unit::Percent,
        100.0 * ratio(per_tenant, quota),
        || {
            format!(
                "runs per tenant in the peak hour ÷ quota = {} ÷ {}",
                n(per_tenant),
                n(quota)
            )
        },
    );
    let refused = out.metric(
        "quotas.refused_runs_per_hour_peak",
        "Runs refused (429) in the peak hour",
        Unit::RunsPerHour,
        (per_tenant - quota).max(0.0) * tenants,
        || {
            format!(
                "max(runs per tenant − quota, 0) × tenants = max({} − {}, 0) × {}",
                n(per_tenant),
                n(quota),
                n(tenants)
            )
        },
    );
    if refused > 0.0 {
        out.warn(
            "quotas.runs_refused",
            Severity::Warning,
            format!(
                "At the peak each tenant starts {} runs an hour against a quota of {}: {} runs an hour would be refused with HTTP 429.",
                n(per_tenant),
                n(quota),
                n(refused)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine;
    use crate::scenario::presets;

    #[test]
    fn runs_over_the_quota_are_refused_at_the_peak() {
        // 0.34722 peak runs/s × 3,600 = 1,250 runs in the peak hour; 5 tenants: 250 each.
        // A quota of 200 an hour refuses 50 per tenant, 250 in all.
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        s.deal.customers = 5.0;
        s.quotas.max_runs_per_hour_per_tenant = 200.0;
        let report = engine::evaluate(&s);
        let value = |id: &str| report.value(id).unwrap();
        assert!((value("quotas.peak_runs_per_hour_per_tenant") - 250.0).abs() < 1e-9);
        assert!((value("quotas.runs_quota_used_pct") - 125.0).abs() < 1e-9);
        assert!((value("quotas.refused_runs_per_hour_peak") - 250.0).abs() < 1e-9);
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.id == "quotas.runs_refused")
        );
        assert_eq!(report.limits[0].metric, "quotas.runs_quota_used_pct");
    }

    #[test]
    fn no_quota_makes_no_figures() {
        let report = engine::evaluate(&presets::by_id("agent-platform").unwrap().scenario());
        assert!(report.metrics.iter().all(|m| m.section() != "quotas"));
    }
}
