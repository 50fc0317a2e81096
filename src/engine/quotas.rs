//! Quotas (seed 001 §4): the per-tenant runs-per-hour limit against the peak hour (runs over
//! the quota are refused with HTTP 429), with the busiest tenant above the average by a
//! multiple the user gives; workflow definitions per tenant against their cap; and the cap on
//! one action's duration, which bounds how long a run can hold a runner.

use super::load::Load;
use super::{Builder, n, ratio};
use crate::engine::Arg::N;
use crate::report::Severity;
use crate::scenario::Scenario;
use crate::units::Unit;

/// Runs a tenant starts per hour at the peak: the peak arrival rate over an hour, shared
/// evenly among the tenants.
pub fn peak_runs_per_hour_per_tenant(peak_runs_per_sec: f64, tenants: f64) -> f64 {
    ratio(peak_runs_per_sec * 3_600.0, tenants)
}

/// Runs refused per hour when the busiest tenant starts `multiple` × the average `per_tenant`
/// and the others share the rest evenly: max(busiest − quota, 0) + (tenants − 1) ×
/// max(others' average − quota, 0). With one tenant, or a multiple of 1, every tenant is alike.
pub fn refused_runs_per_hour(per_tenant: f64, tenants: f64, multiple: f64, quota: f64) -> f64 {
    let multiple = multiple.clamp(1.0, tenants.max(1.0));
    let busiest = per_tenant * multiple;
    let others = if tenants > 1.0 {
        (per_tenant * tenants - busiest) / (tenants - 1.0)
    } else {
        0.0
    };
    (busiest - quota).max(0.0) + (tenants - 1.0).max(0.0) * (others - quota).max(0.0)
}

/// Evaluates the quotas that are set.
pub fn evaluate(s: &Scenario, load: &Load, out: &mut Builder) {
    let q = &s.quotas;
    if s.workload.enabled && q.max_runs_per_hour_per_tenant > 0.0 {
        runs_per_hour(s, load, out);
    }
    if q.max_workflows_per_tenant > 0.0 {
        let busiest = q.workflows_per_tenant * q.busiest_tenant_multiple;
        let used = out.figure(
            "quotas.workflows_quota_used_pct",
            "Busiest tenant's workflows as a share of the quota",
            Unit::Percent,
            100.0 * ratio(busiest, q.max_workflows_per_tenant),
            "workflows per tenant × busiest-tenant multiple ÷ quota = {} × {} ÷ {}",
            &[
                N(q.workflows_per_tenant),
                N(q.busiest_tenant_multiple),
                N(q.max_workflows_per_tenant),
            ],
        );
        out.limit("Workflows per tenant", "quotas.workflows_quota_used_pct");
        out.figure(
            "quotas.workflow_definitions",
            "Workflow definitions, all tenants",
            Unit::Workflows,
            q.workflows_per_tenant * s.deal.customers,
            "workflows per tenant × tenants = {} × {}",
            &[N(q.workflows_per_tenant), N(s.deal.customers)],
        );
        if used > 100.0 {
            out.warn(
                "quotas.workflows_refused",
                Severity::Warning,
                || format!(
                    "The busiest tenant would keep {} workflows against a quota of {}: creating the rest is refused.",
                    n(busiest),
                    n(q.max_workflows_per_tenant)
                ),
            );
        }
    }
    if s.workload.enabled && q.max_action_timeout_s > 0.0 {
        let w = &s.workload;
        out.figure(
            "quotas.longest_run_hold_s",
            "Longest a run can hold a runner",
            Unit::Seconds,
            w.max_steps_per_run * q.max_action_timeout_s,
            "hard cap on steps × action timeout cap = {} × {} s",
            &[N(w.max_steps_per_run), N(q.max_action_timeout_s)],
        );
        if w.tool_call_share_pct > 0.0 && w.tool_call_latency_s > q.max_action_timeout_s {
            out.warn(
                "quotas.actions_time_out",
                Severity::Warning,
                || format!(
                    "An average tool call takes {} s but the action timeout cap is {} s: most calls would be stopped.",
                    n(w.tool_call_latency_s),
                    n(q.max_action_timeout_s)
                ),
            );
        }
    }
}

/// The runs-per-hour quota against the peak hour.
fn runs_per_hour(s: &Scenario, load: &Load, out: &mut Builder) {
    let quota = s.quotas.max_runs_per_hour_per_tenant;
    let multiple = s.quotas.busiest_tenant_multiple;
    let tenants = s.deal.customers;
    let per_tenant = out.figure(
        "quotas.peak_runs_per_hour_per_tenant",
        "Runs per tenant in the peak hour",
        Unit::RunsPerHour,
        peak_runs_per_hour_per_tenant(load.peak_runs_per_sec, tenants),
        "peak runs/s × 3,600 s ÷ tenants = {} × 3,600 ÷ {}",
        &[N(load.peak_runs_per_sec), N(tenants)],
    );
    out.figure(
        "quotas.runs_quota_used_pct",
        "Busiest tenant's peak hour as a share of the runs quota",
        Unit::Percent,
        100.0 * ratio(per_tenant * multiple.max(1.0), quota),
        "runs per tenant in the peak hour × busiest-tenant multiple ÷ quota = {} × {} ÷ {}",
        &[N(per_tenant), N(multiple), N(quota)],
    );
    out.limit("Runs per hour per tenant", "quotas.runs_quota_used_pct");
    let refused = out.figure(
        "quotas.refused_runs_per_hour_peak",
        "Runs refused (429) in the peak hour",
        Unit::RunsPerHour,
        refused_runs_per_hour(per_tenant, tenants, multiple, quota),
        "max(busiest − quota, 0) + (tenants − 1) × max(others' average − quota, 0), busiest = {} × {}, quota {}, {} tenants",
        &[N(per_tenant), N(multiple), N(quota), N(tenants)],
    );
    if refused > 0.0 {
        out.warn(
            "quotas.runs_refused",
            Severity::Warning,
            || format!(
                "At the peak the busiest tenant starts {} runs an hour against a quota of {}: {} runs an hour would be refused with HTTP 429.",
                n(per_tenant * multiple.max(1.0)),
                n(quota),
                n(refused)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::refused_runs_per_hour;

    #[test]
    fn a_busy_tenant_is_refused_before_the_others() {
        // 10 tenants averaging 60 runs an hour, the busiest at 3 × = 180 against 100: 80 of
        // its runs are refused; the other nine average (600 − 180) ÷ 9 = 46.7, under the quota.
        assert!((refused_runs_per_hour(60.0, 10.0, 3.0, 100.0) - 80.0).abs() < 1e-9);
        // Alike tenants over the quota are all refused the excess.
        assert!((refused_runs_per_hour(150.0, 4.0, 1.0, 100.0) - 200.0).abs() < 1e-9);
    }

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
