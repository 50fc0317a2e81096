//! Headroom: each limit the scenario sets, how much of it the peak uses, and which binds first
//! (seed 002's "first bottleneck", seed 004's connection and scaling limits). The figures come
//! from the families that own them; this module only lines them up.

use super::{Builder, n};
use crate::report::{LimitUse, Severity};

/// The limits this scenario sets — each registered by the family that owns its figure
/// ([`Builder::limit`]) — tightest first, with a finding naming the one that binds.
pub fn evaluate(out: &mut Builder) -> Vec<LimitUse> {
    let mut limits = out.limit_uses();
    // Tightest first; a limit keeps its place among those used as much.
    super::sort_short(&mut limits, |a, b| {
        b.used_pct.total_cmp(&a.used_pct).is_lt()
    });
    // The finding is for a report that explains itself; a sample of a Monte Carlo run reads
    // the limits alone.
    if let Some(tightest) = limits.first().filter(|_| out.explains()) {
        let message = format!(
            "The tightest limit at the peak: {}, {}% used, {}.",
            tightest.label,
            n(tightest.used_pct),
            if tightest.used_pct > 100.0 {
                "already exceeded".to_string()
            } else {
                format!("{}% headroom", n(100.0 - tightest.used_pct))
            }
        );
        out.warn("headroom.tightest_limit", Severity::Info, || message);
    }
    limits
}

#[cfg(test)]
mod tests {
    use crate::engine;
    use crate::scenario::presets;

    #[test]
    fn limits_are_listed_tightest_first_and_the_first_is_named() {
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        s.llm.rate_limit_requests_per_min = 200.0; // 125 of 200: 62.5%
        let report = engine::evaluate(&s);
        let order: Vec<(&str, f64)> = report
            .limits
            .iter()
            .map(|l| (l.metric.as_ref(), l.used_pct))
            .collect();
        assert_eq!(order.len(), 3, "{order:?}");
        assert_eq!(order[0].0, "llm.rate_limit_requests_used_pct");
        assert!((order[0].1 - 62.5).abs() < 1e-9);
        assert_eq!(order[1].0, "workers.utilization_pct");
        assert_eq!(order[2].0, "capacity.peak_utilization_pct");
        let finding = report
            .warnings
            .iter()
            .find(|w| w.id == "headroom.tightest_limit")
            .unwrap();
        assert_eq!(
            finding.message,
            "The tightest limit at the peak: LLM requests per minute, 62.5% used, 37.5% headroom."
        );
    }
}
