#![cfg(not(target_arch = "wasm32"))]
//! Properties that hold for every valid scenario, checked with proptest.
//!
//! Scenarios are drawn (`scenarios/random.rs`) field by field from their declarations: each number
//! within its range — log-uniformly across wide ranges, so that one run per day and a billion
//! both occur, plus the range's ends — whole where the field is whole; each choice from its
//! options; the name from any printable text. Each list (services, customers, fixed costs)
//! gets zero to three items drawn the same way from their item fields. The cross-field rules
//! (minimum ≤ maximum instances, average steps ≤ the step cap, Aurora capacities in steps of
//! 0.5, a service's size allowed on its platform, average ≤ peak requests) are repaired rather
//! than filtered, so few draws are lost. Some properties also draw price overrides for catalog
//! ids.
//!
//! - every figure is finite and non-negative (a gross margin may be negative: that is what it
//!   means), and no text shows "NaN" or "inf";
//! - the monthly total never falls when runs per day rise, all else equal;
//! - a share link reopens exactly the scenario it was made from;
//! - capacity below demand always comes with the warning that says so, for the run executor
//!   and for every service;
//! - the monthly total never falls when the customers' requests and the users rise;
//! - the costs of the customers listed by name, with the part of those not listed, add up to
//!   the monthly total;
//! - the CSV parses as a rectangular table with one row per metric whose raw value reads back
//!   as the same number;
//! - an evaluation takes no more than a fixed budget of arithmetic, however large the numbers
//!   ([`work::BUDGET`]);
//! - with any inputs given as a range, every figure's P10 ≤ P50 ≤ P90, and every chance the
//!   Monte Carlo run gives is a probability.
//!
//! Regression tests for bugs these properties found are at the end, named after the bug.

use headroom::engine::{self, queueing::expected_busy_instances, work};
use headroom::export::{self, csv::BOM};
use headroom::scenario::fields::{self, Kind, Value};
use headroom::scenario::ranges::{Range, Shape};
use headroom::scenario::{Billing, Scenario, presets};
use proptest::prelude::*;
use proptest::test_runner::Config;

#[path = "scenarios/heaviest.rs"]
mod heaviest;
#[path = "scenarios/random.rs"]
mod random;
#[path = "scenarios/sound.rs"]
mod sound;
use random::{repair, scenario, scenario_with_overrides};

/// Cases per property: enough to reach the corners of the ranges, few enough to stay quick.
const CASES: u32 = 256;

/// Cost lines that are products of runs per day and prices: exactly monotone, in floating
/// point too, as runs per day rise.
const COSTS_PROPORTIONAL_TO_RUNS: [&str; 2] = [
    "llm.cost_per_month_usd",
    "cost.compute_requests_monthly_usd",
];

/// Cost lines priced from the instances busy on average, E[⌈N ÷ slots⌉] with N ~ Poisson, which
/// the engine sums to about 1e-12 relative (its ln-probabilities come from Stirling's series).
/// Where the true change is below that — a load far under one instance, where E ≈ 1 − e^−L is
/// already 1 to fifteen digits — the computed value may wobble by that much either way.
const COSTS_OF_BUSY_INSTANCES: [&str; 2] = [
    "cost.compute_cpu_monthly_usd",
    "cost.compute_memory_monthly_usd",
];

/// The largest relative fall that is rounding in the busy-instance sum rather than a fall in
/// cost: the engine's own queueing tests bound that sum to 1e-9 relative. (The busy-instance
/// bug pinned below made the bill fall by 4e-3.)
const ROUNDING: f64 = 1e-9;

/// Whether `after` is no less than `before`, give or take `relative` of it.
fn not_below(after: f64, before: f64, relative: f64) -> bool {
    after >= before - relative * before.abs()
}

/// `CASES` per property, or `PROPTEST_CASES` for a deeper run. Failures are pinned as named
/// regression tests below, not in a seed file.
fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// What the form shows for a value reads back, typed as it is, as the value to the
    /// precision shown: two decimals from 100, three from 1, four significant digits below.
    #[test]
    fn a_value_shown_in_the_form_reads_back_as_itself(value in 1.0e-6f64..1.0e12) {
        let shown = headroom::format::typed(value);
        let read = headroom::scenario::inputs::parse_typed(&shown, headroom::units::Unit::Count)
            .expect("the form's text is accepted");
        let step = if value >= 100.0 { 0.005 } else if value >= 1.0 { 0.0005 } else {
            0.5 * headroom::math::pow(10.0, headroom::math::log10(value).floor() - 3.0)
        };
        prop_assert!((read - value).abs() <= step + 4.0 * f64::EPSILON * value, "{value} → {shown} → {read}");
    }

    #[test]
    fn an_evaluation_takes_a_bounded_amount_of_arithmetic(s in scenario()) {
        let (_, terms) = work::counted(|| engine::evaluate(&s));
        prop_assert!(terms <= work::BUDGET, "{terms} terms");
    }

    #[test]
    fn figures_are_finite_and_non_negative(s in scenario_with_overrides()) {
        let report = engine::evaluate(&s);
        if let Some(problem) = sound::problem(&s, &report) {
            prop_assert!(false, "{problem}");
        }
    }

    #[test]
    fn bill_never_falls_as_runs_rise(s in scenario(), growth in 1.0..10.0_f64) {
        let mut busier = s.clone();
        busier.workload.runs_per_day = (s.workload.runs_per_day * growth).min(1.0e9);
        prop_assume!(busier.validate().is_empty());
        let before = engine::evaluate(&s);
        let after = engine::evaluate(&busier);
        let change = |id: &str| (before.value(id), after.value(id));
        let runs = (s.workload.runs_per_day, busier.workload.runs_per_day);
        for (ids, tolerance) in [(COSTS_PROPORTIONAL_TO_RUNS, 0.0), (COSTS_OF_BUSY_INSTANCES, ROUNDING)] {
            for id in ids {
                let (b, a) = change(id);
                prop_assert_eq!(b.is_some(), a.is_some(), "{} appears in one report only", id);
                if let (Some(b), Some(a)) = (b, a) {
                    prop_assert!(not_below(a, b, tolerance), "runs/day {:?}: {} {} → {}", runs, id, b, a);
                }
            }
        }
        // The free tier is a credit against what each resource costs, idle time included, so
        // more traffic never lowers the bill (regression: `bill_fell_when_busy_time_replaced_idle_time`).
        let (b, a) = change("cost.total_monthly_usd");
        let (b, a) = (b.unwrap(), a.unwrap());
        prop_assert!(not_below(a, b, ROUNDING), "runs/day {:?}: total {} → {}", runs, b, a);
    }

    #[test]
    fn share_link_round_trip_is_exact(s in scenario_with_overrides()) {
        let fragment = export::link::encode(&s);
        prop_assert_eq!(export::link::decode(&fragment), Ok(s.clone()));
        prop_assert_eq!(export::link::decode(&format!("#{fragment}")), Ok(s));
    }

    #[test]
    fn capacity_below_demand_is_always_reported(s in scenario()) {
        let report = engine::evaluate(&s);
        let warned = report.warnings.iter().any(|w| w.id == "capacity.peak_above_max_instances");
        match report.value("capacity.instances_peak") {
            Some(peak) => prop_assert_eq!(
                warned,
                peak > s.compute.max_instances,
                "peak needs {} instances, maximum {}", peak, s.compute.max_instances
            ),
            // No run executor (runs or the executor switched off): nothing to warn about.
            None => prop_assert!(!warned && (!s.workload.enabled || !s.compute.enabled)),
        }
    }

    #[test]
    fn every_service_short_of_capacity_is_reported(s in scenario()) {
        let report = engine::evaluate(&s);
        let short = s.services.iter().enumerate().filter(|(i, service)| {
            report.value(&format!("services.{i}.instances_peak")).unwrap() > service.max_instances
        }).count();
        let warned = report.warnings.iter().filter(|w| w.id == "services.peak_above_max_instances").count();
        prop_assert_eq!(warned, short);
    }

    #[test]
    fn bill_never_falls_as_requests_and_users_rise(s in scenario(), growth in 1.0..10.0_f64) {
        let mut busier = s.clone();
        for group in &mut busier.tenants {
            group.peak_qps = (group.peak_qps * growth).min(1.0e7);
            group.avg_qps = (group.avg_qps * growth).min(group.peak_qps);
        }
        busier.users.concurrent_peak = (s.users.concurrent_peak * growth).round().min(1.0e8);
        prop_assume!(busier.validate().is_empty());
        let before = value_of_total(&s);
        let after = value_of_total(&busier);
        prop_assert!(not_below(after, before, ROUNDING), "total {} → {}", before, after);
    }

    #[test]
    fn the_customers_costs_add_up_to_the_bill(s in scenario_with_overrides()) {
        prop_assume!(!s.tenants.is_empty());
        let report = engine::evaluate(&s);
        let bill = report.value("cost.total_monthly_usd").expect("every report has a total");
        let mut sum = report.value("deal.unlisted_cost_monthly_usd").unwrap_or(0.0);
        for i in 0..s.tenants.len() {
            let id = format!("deal.customers.{i}.cost_monthly_usd");
            sum += report.value(&id).unwrap_or_else(|| panic!("{id} is reported"));
        }
        prop_assert!((sum - bill).abs() <= 1e-9 * bill.max(1.0), "{} ≠ {}", sum, bill);
    }

    #[test]
    fn csv_is_rectangular_and_carries_raw_values(s in scenario_with_overrides()) {
        let report = engine::evaluate(&s);
        let text = export::csv::write(&s, &report);
        let body = text.strip_prefix(BOM).expect("the CSV starts with a byte-order mark");
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(body.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("the CSV parses");
        prop_assert_eq!(&rows[0], &csv::StringRecord::from(export::csv::HEADER.to_vec()));
        for row in &rows {
            prop_assert_eq!(row.len(), export::csv::HEADER.len(), "{:?}", row);
        }
        for m in &report.metrics {
            let matching: Vec<&csv::StringRecord> = rows.iter().filter(|r| r[1] == m.id).collect();
            prop_assert_eq!(matching.len(), 1, "{} appears {} times", m.id, matching.len());
            let raw: f64 = matching[0][3].parse().map_err(|e| TestCaseError::fail(format!("{}: {:?}: {e}", m.id, &matching[0][3])))?;
            // Amounts for a period to the cent (a bill line may take the cent its rounding gives
            // the total), other money under a dollar to four significant digits; the rest to four
            // decimals, or four significant digits below 0.1, or ten significant digits.
            let size = m.value.abs();
            let per_period = m.unit.is_amount_per_period();
            // Half a cent as decimals count it, plus what the two binary numbers compared can
            // be off by at this size (a few units in their last place: 3·10⁻⁵ at $10¹¹).
            let binary = 1e-9_f64.max(size * 4.0 * f64::EPSILON);
            let tolerance = if size >= headroom::format::MAX_CENTS_USD {
                size * 5e-10
            } else if per_period || &matching[0][0] == "Bill" {
                0.01 + binary
            } else if m.unit.is_money() {
                if size >= 1.0 { 0.005 + binary } else { size * 5e-4 }
            } else if size < 0.1 {
                size * 5e-4
            } else {
                // Half a unit of the fourth decimal (or the tenth significant digit), and the
                // binary error: 81,949.21875 is written 81949.2188, and the two numbers read
                // back differ by 5e-5 plus 2e-12.
                5e-5_f64.max(size * 5e-10) + binary
            };
            prop_assert!((raw - m.value).abs() <= tolerance, "{}: {} read back as {}", m.id, m.value, raw);
        }
    }
}

fn value_of_total(s: &Scenario) -> f64 {
    engine::evaluate(s)
        .value("cost.total_monthly_usd")
        .expect("every report has a total")
}

/// Regression (fixed in 81c28d8, "precise Poisson mass for large loads"): the expected number of
/// busy instances, E[⌈N ÷ slots⌉] with N ~ Poisson(L), took ln P(N = mode) as k·ln L − L − ln k!,
/// three terms of ~3·10¹³ at a trillion requests in flight (10⁹ runs/day of a day each with 1,000
/// clients, a valid scenario). Their difference lost ~10⁻² to rounding: the result was off by up
/// to 0.6% and fell by 0.4% when the load rose by a millionth. The bound here, 1e-9 relative, is
/// the one the engine's own unit tests use; the summation itself keeps about 1e-11.
#[test]
fn busy_instances_fell_as_load_rose_at_a_trillion_requests() {
    for mean in [1.0e9, 1.0e10, 1.0e11, 1.0e12, 1.001e12] {
        let busy = expected_busy_instances(mean, 1.0);
        assert!(
            ((busy - mean) / mean).abs() < 1e-9,
            "E[N] at {mean:e} is {busy}"
        );
        let more = expected_busy_instances(mean * (1.0 + 1e-6), 1.0);
        assert!(more > busy, "{mean:e}: {busy} → {more}");
        for slots in [7.0, 56.0, 1_000.0] {
            // With a spread of √L ≫ slots, N mod slots is near uniform.
            let approx = mean / slots + (slots - 1.0) / (2.0 * slots);
            let busy = expected_busy_instances(mean, slots);
            assert!(
                ((busy - approx) / approx).abs() < 1e-9,
                "{mean:e} ÷ {slots}: {busy} vs {approx}"
            );
        }
    }
}

/// The same bug seen from the bill: before the fix, 920,100,000 → 920,200,000 runs/day of a
/// day each, 1,000 clients per run, one request per instance, cut the instances busy on average
/// from 926.4 to 919.3 billion (true: 921.0 and 921.1 billion) and the bill with them. With no
/// LLM spend the Cloud Run bill is all there is.
#[test]
fn bill_fell_as_runs_rose_at_the_largest_load() {
    let mut s = presets::by_id("agent-platform").unwrap().scenario();
    s.workload.run_duration_s = 86_400.0;
    s.workload.clients_per_run = 1_000.0;
    s.llm.calls_per_step = 0.0;
    s.compute.concurrency_per_instance = 1.0;
    s.compute.max_instances = 1_000.0;
    let bill = |runs_per_day: f64| {
        let mut s = s.clone();
        s.workload.runs_per_day = runs_per_day;
        assert!(s.validate().is_empty(), "{:?}", s.validate());
        let report = engine::evaluate(&s);
        let busy = report.value("capacity.instances_busy_avg").unwrap();
        let expected_busy = runs_per_day * 1_001.0;
        assert!(
            ((busy - expected_busy) / expected_busy).abs() < 1e-9,
            "{runs_per_day}: {busy}"
        );
        report.value("cost.total_monthly_usd").unwrap()
    };
    let (before, after) = (bill(920_100_000.0), bill(920_200_000.0));
    assert!(after > before, "{before} → {after}");
}

/// Regression: a share link dropped a name's leading and trailing spaces. The decoder read each
/// cell with the form's parser, which trims what a person types, so `" Acme "` reopened as
/// `"Acme"`: a different scenario, and the round trip was not exact.
#[test]
fn link_trimmed_the_name() {
    let mut s = presets::by_id("agent-platform").unwrap().scenario();
    for name in [
        " ",
        " Acme ",
        "Acme, \"pilot\"\u{a0}",
        "\u{3000}leading ideographic space",
    ] {
        s.name = name.to_string();
        assert!(s.validate().is_empty(), "{name:?}: {:?}", s.validate());
        assert_eq!(
            export::link::decode(&export::link::encode(&s)),
            Ok(s.clone()),
            "{name:?}"
        );
    }
}

/// With request billing, warm minimum instances and the free tier, busy time that replaced idle
/// time used to be deducted as free while the idle time it replaced had been charged, so the
/// bill fell as runs rose. The free tier is now a credit against each resource's whole spend.
#[test]
fn bill_fell_when_busy_time_replaced_idle_time() {
    let mut quiet = presets::by_id("agent-platform").unwrap().scenario();
    quiet.workload.runs_per_day = 100.0;
    quiet.compute.min_instances = 2.0;
    quiet.compute.vcpu_per_instance = 0.5;
    quiet.compute.free_tier = true;
    assert_eq!(quiet.compute.billing, Billing::Request);
    let mut busier = quiet.clone();
    // Busy time stays inside the free allowance: 0.13 instances busy × 0.5 vCPU × 2,628,000 s
    // ≈ 171,000 of the 180,000 free vCPU-seconds.
    busier.workload.runs_per_day = 200.0;
    let busy_vcpu_seconds = engine::evaluate(&busier).value("capacity.vcpu_seconds_per_month");
    assert!(busy_vcpu_seconds.unwrap() < 180_000.0);
    let (before, after) = (engine::evaluate(&quiet), engine::evaluate(&busier));
    let idle = |r: &headroom::report::Report| r.value("cost.compute_idle_monthly_usd").unwrap();
    assert!(
        idle(&after) < idle(&before),
        "the case needs idle time to shrink"
    );
    let compute = |r: &headroom::report::Report| r.value("cost.compute_monthly_usd").unwrap();
    assert!(
        compute(&after) >= compute(&before),
        "Cloud Run {} → {}",
        compute(&before),
        compute(&after)
    );
}

#[test]
fn twenty_services_of_a_million_slots_froze_the_page() {
    let s = heaviest::twenty_services_of_a_million_slots();
    assert_eq!(s.validate(), []);
    let (report, terms) = work::counted(|| engine::evaluate(&s));
    assert!(terms <= work::BUDGET, "{terms} terms");
    assert_eq!(report.projection.len(), 37);
    assert!(report.metrics.iter().all(|m| m.value.is_finite()));
}

#[test]
fn a_million_workers_are_sized_without_walking_every_one() {
    let s = heaviest::a_million_workers();
    assert_eq!(s.validate(), []);
    let (report, terms) = work::counted(|| engine::evaluate(&s));
    assert!(terms <= work::BUDGET, "{terms} terms");
    assert!(report.value("workers.utilization_pct").is_some());
}

/// The agent-platform preset with every section switched on and every numeric input at the top
/// of its range, with the rules that tie inputs repaired.
fn everything_at_its_maximum() -> Scenario {
    let mut s = presets::by_id("agent-platform").unwrap().scenario();
    for field in fields::all(&s.clone()) {
        match *field.kind() {
            Kind::Number { max, .. } => field.set(&mut s, &Value::Number(max)),
            Kind::Switch { .. } => field.set(&mut s, &Value::Text("yes".to_string())),
            _ => true,
        };
    }
    repair(&mut s);
    s
}

#[test]
fn everything_at_its_maximum_is_flagged_and_every_figure_reads() {
    let s = everything_at_its_maximum();
    assert_eq!(s.validate(), []);
    let report = engine::evaluate(&s);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.id == "cost.beyond_any_deployment"),
        "{:?}",
        report.warnings.iter().map(|w| &w.id).collect::<Vec<_>>()
    );
    // No figure runs past fifteen digits: "-$999,999,999,999,999" is the longest a person reads.
    let readable = |id: &str, value: f64, unit| {
        let shown = headroom::format::value(value, unit);
        assert!(shown.chars().count() <= 21, "{id}: {shown}");
    };
    for m in &report.metrics {
        readable(&m.id, m.value, m.unit);
    }
    for month in &report.projection {
        for (key, _, unit, value) in month.columns() {
            readable(key, value, unit);
        }
    }
}

proptest! {
    /// Headroom's CSV records and the `csv` crate's read each other's: any cells, of any text
    /// (commas, quotes, line ends, Unicode), come back as they went in, either way.
    #[test]
    fn records_and_the_csv_crate_read_each_other(
        rows in proptest::collection::vec(
            proptest::collection::vec("(?s)[a-z,\"\r\n é€\u{3000}]{0,8}|\\PC{0,6}", 1..5),
            1..4,
        )
    ) {
        let mut ours = String::new();
        for row in &rows {
            headroom::records::write(&mut ours, row, "\r\n");
        }
        let by_the_crate: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(ours.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        prop_assert_eq!(&by_the_crate, &rows);
        let mut theirs = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        for row in &rows {
            theirs.write_record(row).unwrap();
        }
        let theirs = String::from_utf8(theirs.into_inner().unwrap()).unwrap();
        prop_assert_eq!(headroom::records::read(&theirs), rows);
    }
}

fn any_ranges() -> impl Strategy<Value = (Scenario, Vec<(usize, f64, f64, usize)>)> {
    (
        random::scenario(),
        prop::collection::vec((0usize..400, 0.0f64..1.0, 0.0f64..1.0, 0usize..3), 1..4),
    )
}

proptest! {
    #![proptest_config(Config { cases: 16, ..Config::default() })]

    /// P10 ≤ P50 ≤ P90 for every figure, and every chance is a probability, whatever the
    /// inputs given a range.
    #[test]
    fn percentiles_are_ordered_and_odds_are_probabilities((mut s, picks) in any_ranges()) {
        s.uncertainty.samples = 1_000.0;
        let numbers: Vec<_> = fields::all(&s)
            .filter(|f| f.kind().is_number() && f.shown(&s))
            .collect();
        for (pick, a, b, shape) in picks {
            let field = numbers[pick % numbers.len()];
            let fields::Kind::Number { min, max, .. } = *field.kind() else { unreachable!() };
            let span = |u: f64| min + u * (max.min(min + 1e6) - min);
            let (low, high) = (span(a.min(b)), span(a.max(b)));
            let shape = [Shape::Lognormal, Shape::Uniform, Shape::Triangular][shape];
            let r = Range { low, high, shape };
            if r.check(field, &s).is_ok() {
                s.ranges.insert(field.path().into_owned(), r);
            }
        }
        if let Some(run) = engine::uncertainty::simulate(&s) {
            for (id, p) in &run.spreads {
                prop_assert!(p.p10 <= p.p50 && p.p50 <= p.p90, "{id}: {p:?}");
                prop_assert!(p.p10.is_finite() && p.p90.is_finite(), "{id}: {p:?}");
            }
            for odds in &run.odds {
                prop_assert!((0.0..=1.0).contains(&odds.probability), "{odds:?}");
            }
            for band in &run.months {
                prop_assert!(band.total.p10 <= band.total.p90);
            }
            // Every kept sample is in a bin, and the histogram knows the extremes its end
            // bins hold beyond their edges.
            let kept = (run.samples - run.left_out.0) as u32;
            for h in [&run.total, &run.margin] {
                prop_assert_eq!(h.counts.iter().sum::<u32>(), kept);
                prop_assert!(h.min <= h.low && h.low <= h.high() && h.high() <= h.max.max(h.low), "{h:?}");
            }
        }
    }
}
