#![cfg(not(target_arch = "wasm32"))]
//! The Monte Carlo run over inputs given as a range, against closed forms: a lognormal range's
//! percentiles, the sum of two uniform ranges (a triangular distribution), a tornado whose order
//! is known by construction, and the same percentiles however the run is chunked.

use headroom::engine::{self, uncertainty};
use headroom::math;
use headroom::scenario::ranges::{Range, Shape};
use headroom::scenario::{FixedCost, Scenario, presets};

fn range(low: f64, high: f64, shape: Shape) -> Range {
    Range { low, high, shape }
}

/// The agent-platform preset with one input given a range.
fn agent_platform_with(path: &str, range: Range) -> Scenario {
    let mut s = presets::by_id("agent-platform").unwrap().scenario();
    s.ranges.insert(path.into(), range);
    s
}

/// Within `tolerance` (a share of `expected`).
fn near(actual: f64, expected: f64, tolerance: f64) -> bool {
    (actual - expected).abs() <= expected.abs() * tolerance
}

#[test]
fn a_lognormal_range_has_the_percentiles_of_its_closed_form() {
    let mut s = presets::by_id("agent-platform").unwrap().scenario();
    s.uncertainty.samples = 20_000.0;
    s.ranges.insert(
        "workload.runs_per_day".into(),
        range(8_000.0, 12_000.0, Shape::Lognormal),
    );
    let run = uncertainty::simulate(&s).unwrap();
    assert_eq!(run.samples, 20_000);
    // ln X ~ N(μ, σ²) with the 5th and 95th percentiles at 8,000 and 12,000.
    let mu = (math::ln(8_000.0) + math::ln(12_000.0)) / 2.0;
    let sigma = (math::ln(12_000.0) - math::ln(8_000.0)) / (2.0 * 1.644_853_626_951_472_2);
    let exact = |p: f64| math::exp(mu + sigma * math::normal_quantile(p));
    let runs = run.spread("load.runs_per_day").unwrap();
    // A sample percentile's standard error here is under 0.15% of it: four of them.
    assert!(
        near(runs.p10, exact(0.1), 0.006),
        "{runs:?} vs {}",
        exact(0.1)
    );
    assert!(
        near(runs.p50, exact(0.5), 0.006),
        "{runs:?} vs {}",
        exact(0.5)
    );
    assert!(
        near(runs.p90, exact(0.9), 0.006),
        "{runs:?} vs {}",
        exact(0.9)
    );
    // The input's own percentiles are exact.
    let input = &run.inputs[0];
    assert!(near(input.p5, 8_000.0, 1e-12) && near(input.p95, 12_000.0, 1e-12));
    assert!(near(input.median, (8_000.0f64 * 12_000.0).sqrt(), 1e-12));
}

/// A scenario whose bill is two fixed costs and nothing that varies with them.
fn two_fixed_costs(first: Range, second: Range) -> Scenario {
    let mut s = Scenario::default();
    s.workload.enabled = false;
    s.fixed_costs = vec![FixedCost::default(), FixedCost::default()];
    s.fixed_costs[0].name = "support".into();
    s.fixed_costs[1].name = "licences".into();
    s.ranges.insert("fixed_costs.0.usd_per_month".into(), first);
    s.ranges
        .insert("fixed_costs.1.usd_per_month".into(), second);
    assert!(s.validate().is_empty(), "{:?}", s.validate());
    s
}

#[test]
fn the_sum_of_two_uniform_ranges_has_the_percentiles_of_a_triangle() {
    let s = two_fixed_costs(
        range(0.0, 1_000.0, Shape::Uniform),
        range(0.0, 1_000.0, Shape::Uniform),
    );
    let run = uncertainty::simulate(&s).unwrap();
    let fixed = run.spread("fixed.0.cost_monthly_usd").unwrap();
    let total = run.spread("cost.total_monthly_usd").unwrap();
    // U(0, 1000) + U(0, 1000) is triangular on [0, 2000]: P(S ≤ s) = s² ÷ 2,000,000 below 1,000.
    let p10 = (0.1f64 * 2_000_000.0).sqrt();
    assert!(near(total.p10, p10, 0.03), "{total:?} vs {p10}");
    assert!(near(total.p50, 1_000.0, 0.02), "{total:?}");
    assert!(near(total.p90, 2_000.0 - p10, 0.02), "{total:?}");
    assert!(near(fixed.p50, 500.0, 0.03), "{fixed:?}");
}

#[test]
fn the_tornado_ranks_the_input_that_moves_the_bill_most_first() {
    let s = two_fixed_costs(
        range(100.0, 200.0, Shape::Uniform),
        range(0.0, 5_000.0, Shape::Triangular),
    );
    let run = uncertainty::simulate(&s).unwrap();
    let order: Vec<&str> = run.tornado.iter().map(|t| t.path.as_str()).collect();
    assert_eq!(
        order,
        ["fixed_costs.1.usd_per_month", "fixed_costs.0.usd_per_month"]
    );
    let wide = &run.tornado[0];
    // Triangular from 0 to 5,000, most likely at 0 (the cost's value): its 5th and 95th
    // percentiles are 5,000 (1 − √0.95) and 5,000 (1 − √0.05).
    let p5 = 5_000.0 * (1.0 - 0.95f64.sqrt());
    let p95 = 5_000.0 * (1.0 - 0.05f64.sqrt());
    assert!(near(wide.total_effect(), p95 - p5, 1e-9), "{wide:?}");
    assert!(near(run.tornado[1].total_effect(), 90.0, 1e-9));
    // The wide input all but decides the total; the narrow one barely does.
    assert!(wide.rank_correlation > 0.95, "{wide:?}");
    assert!(
        run.tornado[1].rank_correlation.abs() < 0.2,
        "{:?}",
        run.tornado[1]
    );
}

#[test]
fn a_run_in_chunks_draws_what_one_go_draws() {
    let mut s = presets::by_id("inventory-cloud-run").unwrap().scenario();
    s.uncertainty.samples = 1_000.0;
    s.ranges.insert(
        "tenants.1.peak_qps".into(),
        range(20.0, 60.0, Shape::Lognormal),
    );
    s.ranges.insert(
        "network.response_kb".into(),
        range(5.0, 50.0, Shape::Uniform),
    );
    assert!(s.validate().is_empty(), "{:?}", s.validate());
    let point = engine::evaluate(&s);
    let whole = uncertainty::simulate_with(&s, &point).unwrap();
    let mut chunked = uncertainty::Simulation::new(&s, &point).unwrap();
    while !chunked.step(37) {}
    assert_eq!(chunked.finish(), whole);
    assert_eq!(uncertainty::simulate(&s).unwrap(), whole);
    // One evaluation's worth at a time, the tornado's swings and the projection's months
    // included: the progress grows at every step and ends where it said it would.
    let mut single = uncertainty::Simulation::new(&s, &point).unwrap();
    let mut before = single.progress();
    while !single.step(1) {
        let now = single.progress();
        assert!(
            before.0 < now.0 && now.0 < now.1 && now.1 == before.1,
            "{before:?} {now:?}"
        );
        before = now;
    }
    assert_eq!(single.progress().0, single.progress().1);
    assert_eq!(single.finish(), whole);
}

#[test]
fn a_range_whose_end_breaks_a_rule_is_refused_and_a_run_without_valid_samples_says_so() {
    use headroom::scenario::fields::Field;
    let mut s = presets::by_id("inventory-cloud-run").unwrap().scenario();
    let customers = Field::resolve("deal.customers", &s).unwrap();
    // Three customers are listed by name with contracts: the deal cannot count fewer.
    let fewer = range(1.0, 2.0, Shape::Uniform);
    assert_eq!(
        fewer.check(customers, &s).unwrap_err(),
        "At its low: 3 customers are listed by name, and with contracts of their own each is one of the deal's, but the deal counts 1: count each of them in Customers."
    );
    // A scenario file or link may still hold one: every sample breaks the rule, and the run
    // says so rather than showing figures made of nothing.
    s.uncertainty.samples = 1_000.0;
    s.ranges.insert("deal.customers".into(), fewer);
    let run = uncertainty::simulate(&s).unwrap();
    assert_eq!(run.left_out.0, 1_000);
    assert!(run.spreads.is_empty() && run.odds.is_empty() && run.months.is_empty());
    assert_eq!(run.findings[0].id, "uncertainty.no_sample");
    // What was drawn is still said.
    assert_eq!(run.inputs.len(), 1);
    assert_eq!(run.inputs[0].path, "deal.customers");
}

#[test]
fn a_scenario_without_ranges_in_effect_has_no_run() {
    let mut s = presets::by_id("agent-platform").unwrap().scenario();
    assert!(uncertainty::simulate(&s).is_none());
    // A range on an input that does not apply (Aurora is off) is kept, but not drawn.
    s.ranges
        .insert("aurora.max_acu".into(), range(2.0, 8.0, Shape::Uniform));
    assert!(s.validate().is_empty());
    assert!(uncertainty::simulate(&s).is_none());
}

#[test]
fn odds_count_the_samples_below_the_target_and_over_the_budget() {
    let mut s = two_fixed_costs(
        range(0.0, 1_000.0, Shape::Uniform),
        range(0.0, 1_000.0, Shape::Uniform),
    );
    s.uncertainty.budget_monthly_usd = 1_500.0;
    let run = uncertainty::simulate(&s).unwrap();
    // P(S > 1,500) = (500)² ÷ 2,000,000 = 12.5%.
    let over = run.odds("uncertainty.over_budget").unwrap();
    assert!((over.probability - 0.125).abs() < 0.01, "{over:?}");
    let finding = run
        .findings
        .iter()
        .find(|f| f.id == "uncertainty.over_budget")
        .unwrap();
    assert!(
        finding
            .message
            .starts_with("Monthly bill over the $1,500 budget: ")
    );
}

/// Found by the properties: two services share a limit's label ("maximum instances"), and a
/// sample that exceeded both counted twice, a chance of 200%.
#[test]
fn a_limit_exceeded_twice_in_one_sample_counts_once() {
    let mut s = presets::by_id("ux-flow-engine").unwrap().scenario();
    s.uncertainty.samples = 1_000.0;
    s.ranges.insert(
        "users.concurrent_peak".into(),
        range(20_000.0, 60_000.0, Shape::Uniform),
    );
    let run = uncertainty::simulate(&s).unwrap();
    let exceeded: Vec<_> = (run.odds.iter())
        .filter(|o| o.id.starts_with("uncertainty.exceeded."))
        .collect();
    assert!(exceeded.len() >= 2, "{:?}", run.odds);
    for odds in &run.odds {
        assert!((0.0..=1.0).contains(&odds.probability), "{odds:?}");
    }
    assert_eq!(
        run.odds("uncertainty.limit_reached").unwrap().probability,
        1.0
    );
}

#[test]
fn a_range_given_over_a_value_outside_it_moves_the_value_to_its_median() {
    use headroom::scenario::fields::Field;
    let mut s = presets::by_id("agent-platform").unwrap().scenario();
    let runs = Field::resolve("workload.runs_per_day", &s).unwrap();
    // Inside: the value stays.
    uncertainty::give_range(&mut s, runs, range(8_000.0, 12_000.0, Shape::Lognormal));
    assert_eq!(s.workload.runs_per_day, 10_000.0);
    // Outside: √(20,000 × 30,000) = 24,494.9, to three significant digits.
    uncertainty::give_range(&mut s, runs, range(20_000.0, 30_000.0, Shape::Lognormal));
    assert_eq!(s.workload.runs_per_day, 24_500.0);
    // Triangular: the middle, the most likely value the field then holds.
    uncertainty::give_range(&mut s, runs, range(1_000.0, 2_000.0, Shape::Triangular));
    assert_eq!(s.workload.runs_per_day, 1_500.0);
    assert_eq!(
        s.ranges.get("workload.runs_per_day").unwrap().shape,
        Shape::Triangular
    );
    // A whole number stays whole.
    let customers = Field::resolve("deal.customers", &s).unwrap();
    uncertainty::give_range(&mut s, customers, range(3.0, 4.0, Shape::Uniform));
    assert_eq!(s.deal.customers, 4.0);
    assert!(s.validate().is_empty(), "{:?}", s.validate());
}

/// Found by a review: a figure some samples lack — the AI service's p95 response time where
/// the users drawn fill its slots and its queue grows without bound — had percentiles taken
/// over the samples that have it, so its P90 read 4.2 s where one sample in five had no bound.
#[test]
fn a_figure_some_samples_lack_has_no_percentiles() {
    let mut s = headroom::scenario::presets::by_id("ux-flow-engine")
        .unwrap()
        .scenario();
    s.ranges.insert(
        "users.concurrent_peak".to_string(),
        headroom::scenario::ranges::read_unchecked("800..1200").unwrap(),
    );
    s.uncertainty.samples = 2_000.0;
    let run = headroom::engine::uncertainty::simulate(&s).unwrap();
    assert_eq!(run.spread("services.1.p95_response_ms"), None);
    let used = run.spread("services.1.utilization_pct").unwrap();
    assert!(used.p90 > 100.0, "{used:?}");
    // A figure every sample has keeps its percentiles.
    assert!(run.spread("services.2.p95_response_ms").is_some());
}

/// Found by a hostile review: a count drawn evenly from 1 to 4 took 1 and 4 half as often as 2
/// and 3 (an even draw over 1 to 4, rounded). Each whole number is now as likely: with one
/// customer of agent-platform the margin misses the target, with two or more it does not.
#[test]
fn a_count_drawn_evenly_takes_each_whole_number_as_often() {
    let mut s = agent_platform_with("deal.customers", range(1.0, 4.0, Shape::Uniform));
    let run = uncertainty::simulate(&s).unwrap();
    let drawn = &run.inputs[0];
    assert_eq!((drawn.p5, drawn.median, drawn.p95), (1.0, 3.0, 4.0));
    let below = run.odds("uncertainty.margin_below_target").unwrap();
    assert!(near(below.probability, 0.25, 0.015), "{below:?}");
    // A triangle from 1 to 4 most likely at the value, 1, takes the half unit either side of
    // each whole number: 1 is drawn when the triangle from 0.5 to 4.5 falls below 1.5, a chance
    // of 1 − 3² ÷ (4 × 3.5) = 5/14 (before, the half from 0.5 to 1 was lost: 30%).
    assert_eq!(s.deal.customers, 1.0);
    s.ranges
        .insert("deal.customers".into(), range(1.0, 4.0, Shape::Triangular));
    let run = uncertainty::simulate(&s).unwrap();
    let below = run.odds("uncertainty.margin_below_target").unwrap();
    assert!(near(below.probability, 5.0 / 14.0, 0.03), "{below:?}");
}

/// Found by a hostile review: a range on the target margin moved the contract for the target,
/// while the odds of missing it read the target as typed. Each sample is now held to its own
/// target: with the margin near 70.4%, a target drawn evenly from 60% to 80% is missed about
/// (80 − 70.4) ÷ 20 of the time.
#[test]
fn a_target_margin_drawn_from_a_range_is_met_or_missed_sample_by_sample() {
    let mut s = presets::by_id("agent-platform").unwrap().scenario();
    s.deal.customers = 2.0;
    let margin = engine::evaluate(&s).value("deal.gross_margin_pct").unwrap();
    s.ranges.insert(
        "deal.target_margin_pct".into(),
        range(60.0, 80.0, Shape::Uniform),
    );
    let run = uncertainty::simulate(&s).unwrap();
    let below = run.odds("uncertainty.margin_below_target").unwrap();
    assert!(
        near(below.probability, (80.0 - margin) / 20.0, 0.015),
        "{below:?}"
    );
    assert_eq!(
        below.label,
        "Gross margin below its target (drawn from 60% to 80%)"
    );
}

/// Found by a hostile review: the histogram of the margin spanned its middle 99% and said so as
/// if it were every sample, so that 0.2% of samples above the 70% target were nowhere to be
/// seen. It now holds the extremes its end bins count beyond their edges.
#[test]
fn a_histogram_knows_the_samples_beyond_its_bars() {
    let s = agent_platform_with(
        "workload.runs_per_day",
        range(5_000.0, 20_000.0, Shape::Uniform),
    );
    let run = uncertainty::simulate(&s).unwrap();
    let below = run.odds("uncertainty.margin_below_target").unwrap();
    assert!(
        0.9 < below.probability && below.probability < 1.0,
        "{below:?}"
    );
    let margin = &run.margin;
    assert!(margin.is_trimmed(), "{margin:?}");
    assert!(margin.high() < 70.0 && margin.max >= 70.0, "{margin:?}");
    assert!(margin.min < margin.low);
}

/// Found by a hostile review: with the average steps and their hard cap drawn from the same
/// range, the tornado was made at medians that break the rule tying them (12.25 steps under a
/// cap of 12), and half the samples left out were only a note. The tornado is now left out with
/// the rule it breaks, and so many samples left out are a warning.
#[test]
fn no_tornado_is_made_of_a_scenario_that_breaks_a_rule() {
    let mut s = presets::by_id("agent-platform").unwrap().scenario();
    s.uncertainty.samples = 2_000.0;
    for path in ["workload.max_steps_per_run", "workload.steps_per_run"] {
        s.ranges
            .insert(path.into(), range(6.0, 25.0, Shape::Lognormal));
    }
    let run = uncertainty::simulate(&s).unwrap();
    assert!(run.tornado.is_empty(), "{:?}", run.tornado);
    let finding = |id: &str| run.findings.iter().find(|f| f.id == id).unwrap();
    let tornado = finding("uncertainty.tornado_left_out");
    assert!(
        tornado.message.contains("must not exceed the hard cap"),
        "{tornado:?}"
    );
    let left_out = finding("uncertainty.samples_left_out");
    assert_eq!(left_out.severity, headroom::report::Severity::Warning);
    assert!(left_out.message.ends_with(&format!(
        "The percentiles and odds are of the {} kept.",
        headroom::format::plain((run.samples - run.left_out.0) as f64)
    )));
}

/// Found by a hostile review: a range on Aurora's maximum capacity drew values between its
/// half-ACU steps, so that no sample kept the rules. Draws now come in its steps.
#[test]
fn a_capacity_in_steps_is_drawn_in_its_steps() {
    let mut s = presets::by_id("agent-platform").unwrap().scenario();
    s.aurora.enabled = true;
    s.uncertainty.samples = 1_000.0;
    s.ranges
        .insert("aurora.max_acu".into(), range(8.0, 32.0, Shape::Lognormal));
    let run = uncertainty::simulate(&s).unwrap();
    assert_eq!(run.left_out.0, 0, "{:?}", run.left_out);
    let drawn = &run.inputs[0];
    for value in [drawn.p5, drawn.median, drawn.p95] {
        assert_eq!((value / 0.5).fract(), 0.0, "{drawn:?}");
    }
}

/// Found by a hostile review: a range typed over Aurora's minimum capacity moved the value to
/// the range's median, 1.41 ACU, which is no Aurora capacity, and the range was refused. The
/// median is now put on the nearest half ACU.
#[test]
fn a_range_given_over_a_capacity_in_steps_moves_it_to_a_step() {
    let mut s = presets::by_id("agent-platform").unwrap().scenario();
    s.aurora.enabled = true;
    let field = headroom::scenario::fields::Field::resolve("aurora.min_acu", &s).unwrap();
    uncertainty::give_range(&mut s, field, range(1.0, 2.0, Shape::Lognormal));
    assert_eq!(s.aurora.min_acu, 1.5);
    assert!(s.validate().is_empty(), "{:?}", s.validate());
}

/// Found by a hostile review: a range on an input the scenario does not use (Users switched
/// off) was kept and silently not drawn. The report now says so, and of that range only.
#[test]
fn a_range_on_an_input_the_scenario_does_not_use_is_said_not_to_be_drawn() {
    let mut s = presets::by_id("agent-platform").unwrap().scenario();
    assert!(!s.users.enabled);
    s.ranges.insert(
        "users.requests_per_user_per_s".into(),
        range(0.5, 2.0, Shape::Lognormal),
    );
    s.ranges.insert(
        "workload.runs_per_day".into(),
        range(8_000.0, 12_000.0, Shape::Lognormal),
    );
    let report = engine::evaluate(&s);
    let notes: Vec<_> = (report.warnings.iter())
        .filter(|w| w.id.starts_with("uncertainty.not_drawn."))
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(
        notes[0].id,
        "uncertainty.not_drawn.users.requests_per_user_per_s"
    );
    assert!(notes[0].message.contains("does not apply to this scenario"));
}

/// Found by a hostile review: a lognormal range from 1 to 100 runs a day put 4.9% of its draws
/// below 1, the least the input accepts, where they silently counted as 1. The report now says
/// how many draws fell outside, as a note below a tenth of them.
#[test]
fn draws_beyond_what_an_input_accepts_are_counted() {
    let s = agent_platform_with("workload.runs_per_day", range(1.0, 100.0, Shape::Lognormal));
    let run = uncertainty::simulate(&s).unwrap();
    let note = (run.findings.iter())
        .find(|f| f.id == "uncertainty.drawn_beyond.workload.runs_per_day")
        .unwrap();
    assert_eq!(note.severity, headroom::report::Severity::Info);
    // Below the input's least value, 1: the 5% of a lognormal under its 5th percentile.
    let share: f64 = note
        .message
        .split(" draws (")
        .nth(1)
        .unwrap()
        .split('%')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((share - 5.0).abs() < 0.6, "{note:?}");
    let mut within = s.clone();
    within.ranges.insert(
        "workload.runs_per_day".into(),
        range(8_000.0, 12_000.0, Shape::Lognormal),
    );
    let run = uncertainty::simulate(&within).unwrap();
    assert!(
        !run.findings
            .iter()
            .any(|f| f.id.starts_with("uncertainty.drawn_beyond."))
    );
}
