#![cfg(not(target_arch = "wasm32"))]
//! Comparing two scenarios (`engine::compare`): a worked comparison of seed 000's platform at
//! twice the runs on a cheaper model, and, for any scenario, that a scenario compared with
//! itself differs in nothing.

use headroom::engine::compare::compare;
use headroom::engine::{self};
use headroom::report::compare::Change;
use headroom::scenario::presets;
use proptest::prelude::*;
use proptest::test_runner::Config;

#[path = "scenarios/random.rs"]
mod random;

#[test]
fn twice_the_runs_on_another_model() {
    let a = presets::by_id("agent-platform").unwrap().scenario();
    let mut b = a.clone();
    b.workload.runs_per_day = 20_000.0;
    b.ranges.insert(
        "llm.output_tokens_per_call".to_string(),
        headroom::scenario::ranges::read_unchecked("400..600").unwrap(),
    );
    let c = compare(&a, &b);
    let paths: Vec<(&str, Change, &str, &str)> = (c.inputs.iter())
        .map(|i| {
            (
                i.path.as_str(),
                i.change,
                i.before.as_str(),
                i.after.as_str(),
            )
        })
        .collect();
    assert_eq!(
        paths,
        [
            ("workload.runs_per_day", Change::Changed, "10000", "20000"),
            (
                "ranges.llm.output_tokens_per_call",
                Change::Added,
                "",
                "400..600"
            ),
        ]
    );
    // Every figure that moves is listed with both values, largest change first; the LLM line
    // doubles exactly (tokens are proportional to runs).
    let (ra, rb) = (engine::evaluate(&a), engine::evaluate(&b));
    let llm = c
        .costs
        .iter()
        .find(|l| l.id == "llm.cost_per_month_usd")
        .unwrap();
    assert_eq!(llm.before, ra.value("llm.cost_per_month_usd"));
    assert_eq!(llm.after, rb.value("llm.cost_per_month_usd"));
    assert_eq!(llm.difference_pct(), Some(100.0));
    assert_eq!(c.costs[0].id, llm.id);
    let total = c
        .headlines
        .iter()
        .find(|h| h.id == "cost.total_monthly_usd")
        .unwrap();
    assert_eq!(
        total.after.unwrap() - total.before.unwrap(),
        total.difference()
    );
    assert!(
        c.costs
            .windows(2)
            .all(|w| w[0].difference().abs() >= w[1].difference().abs())
    );
    assert_eq!(c.costs_unchanged + c.costs.len(), ra.costs.len());
}

proptest! {
    #![proptest_config(Config { cases: 64, failure_persistence: None, ..Config::default() })]

    /// A scenario compared with itself differs in nothing.
    #[test]
    fn a_scenario_compared_with_itself_differs_in_nothing(s in random::scenario_with_overrides()) {
        let c = compare(&s, &s);
        prop_assert!(c.is_empty(), "{:?}", c);
        prop_assert_eq!(c.costs_unchanged, engine::evaluate(&s).costs.len());
    }
}
