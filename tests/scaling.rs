#![cfg(not(target_arch = "wasm32"))]
//! Tiers and breaking points (`engine::scaling`).
//!
//! - Seed 002's resource tiers at 100, 1,000 and 10,000 concurrent users, and seed 004's scale
//!   factors 1×, 10×, 50× and 100×: golden rows where the documents' arithmetic holds (users,
//!   requests, connections and data grow in proportion; events, egress and data growth
//!   likewise), and seed 002's first degradation point, the AI service at its maximum.
//! - Properties over random scenarios: a scale factor of 1 is the scenario as entered; the
//!   bill never falls as the scale factor rises; each breaking point is where its limit's use
//!   crosses 100%, within the search's tolerance.

use headroom::engine::{self, scaling};
use headroom::report::scaling::{BreakingPoint, Reached};
use headroom::scenario::{Scenario, presets};
use proptest::prelude::*;
use proptest::test_runner::Config;

#[path = "scenarios/random.rs"]
mod random;

/// The bisection's tolerance, relative ([`scaling`]'s `TOLERANCE`).
const TOLERANCE: f64 = 1e-4;

fn preset(id: &str) -> Scenario {
    presets::by_id(id).unwrap().scenario()
}

fn driver(s: &Scenario, key: &str) -> scaling::Driver {
    scaling::Driver::parse(key, s).unwrap()
}

/// The value of `id` in the scenario with `key` at `value`.
fn figure_at(s: &Scenario, key: &str, value: f64, id: &str) -> f64 {
    let at = driver(s, key).at(s, value).unwrap();
    engine::evaluate(&at)
        .value(id)
        .unwrap_or_else(|| panic!("no figure {id}"))
}

/// The share of the limit `metric` used with `driver` at `value`; `None` where the scenario
/// does not set it there.
fn used_at(s: &Scenario, driver: &scaling::Driver, value: f64, metric: &str) -> Option<f64> {
    let at = driver.at(s, value).unwrap();
    (engine::evaluate_sample(&at).limits.iter())
        .find(|l| l.metric == metric)
        .map(|l| l.used_pct)
}

/// The breaking point labelled `label`, and the value where it is reached.
fn reached_at<'a>(points: &'a [BreakingPoint], label: &str) -> (&'a BreakingPoint, f64) {
    let point = (points.iter()).find(|p| p.label == label).unwrap();
    let Reached::At(at) = point.reached else {
        panic!("{point:?}")
    };
    (point, at)
}

#[test]
fn seed_002_tiers_of_concurrent_users() {
    let s = preset("ux-flow-engine");
    // (users, DAU, MAU, RPS, WebSockets, MongoDB GB): lines 11–15 at 1,000 users, 20–24 at
    // 10,000 (the upper end of each range), and 132, 142 and 152 for the data; 100 users is a
    // tenth of 1,000 on each line.
    let rows = [
        (100.0, 2_000.0, 10_000.0, 100.0, 200.0, 10.0),
        (1_000.0, 20_000.0, 100_000.0, 1_000.0, 2_000.0, 100.0),
        (
            10_000.0,
            200_000.0,
            1_000_000.0,
            10_000.0,
            20_000.0,
            1_000.0,
        ),
    ];
    for (users, dau, mau, rps, sockets, gb) in rows {
        let key = "users.concurrent_peak";
        for (id, stated) in [
            ("demand.daily_active_users", dau),
            ("demand.monthly_active_users", mau),
            ("demand.peak_requests_per_sec", rps),
            ("demand.peak_connections", sockets),
            ("database.mongodb_stored_gb", gb),
        ] {
            let got = figure_at(&s, key, users, id);
            assert!(
                (got - stated).abs() <= 1e-9 * stated,
                "{id} at {users} users: {got}, the document {stated}"
            );
        }
    }
    let driver = driver(&s, "users.concurrent_peak");
    let tiers = scaling::tiers(&s, &driver, &[100.0, 1_000.0, 10_000.0]);
    assert_eq!(tiers.driver.today, 1_000.0);
    let column = |key: &str| {
        let i = (tiers.columns.iter().position(|c| c.key == key))
            .unwrap_or_else(|| panic!("no column {key}"));
        (tiers.tiers.iter())
            .map(|t| t.figures[i].unwrap())
            .collect::<Vec<_>>()
    };
    // The AI service: 5% of the requests at 2.75 s, 10 slots an instance at its 70% target.
    assert_eq!(column("services.1.instances_peak"), [2.0, 14.0, 138.0]);
    // The tier at today's value is the scenario's own bill.
    let report = engine::evaluate(&s);
    assert_eq!(
        column("cost.total_monthly_usd")[1],
        report.value("cost.total_monthly_usd").unwrap()
    );
    let binding = tiers.tiers[1].binding.as_ref().unwrap();
    assert_eq!(binding.label, "cognitive-core: maximum instances");
    assert!(
        (binding.used_pct - 100.0 * 137.5 / 150.0).abs() < 1e-9,
        "{binding:?}"
    );

    // Line 162: queues for the AI service at 1,000 users. Its ten instances of 15 hold 150 in
    // flight; 1,000 users put 137.5 there, so it is full at 1,000 × 150 ÷ 137.5 users.
    let points = scaling::breaking_points(&s, &driver);
    let first = &points[0];
    assert_eq!(first.label, "cognitive-core: maximum instances");
    let Reached::At(at) = first.reached else {
        panic!("{first:?}")
    };
    // 1,090.9 users; concurrent users are whole, so the first that fills it is 1,091.
    let exact: f64 = 1_000.0 * 150.0 / 137.5;
    assert_eq!(at, exact.ceil(), "{at} against {exact}");
    assert!((first.used_today_pct.unwrap() - 91.666_666_666_666_67).abs() < 1e-9);
}

/// Seed 002's load test (lines 167–188): p95 response times rise with the users, steeply past
/// the AI service's slots. With a 5 s target on it, its SLA breaks before its maximum
/// instances are full: where its p95 (latency plus the M/M/c wait for one of its 150 slots)
/// crosses 5 s.
#[test]
fn seed_002_latency_under_load_and_where_the_sla_breaks() {
    let mut s = preset("ux-flow-engine");
    s.services[1].p95_target_ms = 5_000.0;
    let users = driver(&s, "users.concurrent_peak");
    let p95 = |value: f64| {
        let at = users.at(&s, value).unwrap();
        engine::evaluate(&at).value("services.1.p95_response_ms")
    };
    // Below its slots the AI service answers in its latency; the wait then grows without
    // bound as its 150 slots fill (at 1,000 × 150 ÷ 137.5 users).
    assert_eq!(p95(100.0), Some(2_750.0));
    let series: Vec<f64> = [500.0, 1_000.0, 1_050.0, 1_080.0]
        .iter()
        .map(|&v| p95(v).unwrap())
        .collect();
    assert!(series.windows(2).all(|w| w[0] < w[1]), "{series:?}");
    assert_eq!(p95(1_100.0), None);
    let points = scaling::breaking_points(&s, &users);
    let (sla, at) = reached_at(&points, "cognitive-core: p95 response target");
    assert!(p95(at).unwrap() >= 5_000.0, "{at}: {:?}", p95(at));
    // Concurrent users are whole: one user fewer keeps the target.
    assert!(p95(at - 1.0).unwrap() < 5_000.0);
    let capacity = points
        .iter()
        .find(|p| p.label == "cognitive-core: maximum instances")
        .unwrap();
    assert!(matches!(capacity.reached, Reached::At(full) if full > at));
    assert_eq!(points[0].label, sla.label);
    // A target the p95 misses is a warning, as a full service is.
    let mut missed = s.clone();
    missed.services[1].p95_target_ms = 3_000.0;
    let report = engine::evaluate(&missed);
    let warning = (report.warnings.iter())
        .find(|w| w.id == "services.p95_above_target")
        .unwrap();
    assert_eq!(warning.severity, headroom::report::Severity::Warning);
    assert!(
        warning
            .message
            .starts_with("cognitive-core's p95 response time at the peak, 3,066"),
        "{}",
        warning.message
    );
    // The tiers show each service's p95, and none where its queue grows without bound.
    let tiers = scaling::tiers(&s, &users, &[100.0, 2_000.0]);
    let column = (tiers.columns.iter())
        .position(|c| c.key == "services.1.p95_response_ms")
        .unwrap();
    assert_eq!(tiers.tiers[0].figures[column], Some(2_750.0));
    assert_eq!(tiers.tiers[1].figures[column], None);
}

#[test]
fn seed_004_scale_factors() {
    let s = preset("agent-swarm-ecs");
    for factor in [1.0, 10.0, 50.0, 100.0] {
        let at = driver(&s, "scale").at(&s, factor).unwrap();
        // Line 122: 1 million events a day; line 184: the gateway's 1 TB a month; line 97:
        // 10 GB a month of growth. Each is a volume of use, so each scales with the factor.
        assert_eq!(at.messaging.events_per_day, 1_000_000.0 * factor);
        assert_eq!(at.network.other_egress_gb_per_month, 1_000.0 * factor);
        assert_eq!(at.aurora.storage_growth_gb_per_month, 10.0 * factor);
        // Sizes, limits and prices do not move.
        assert_eq!(at.aurora.max_acu, s.aurora.max_acu);
        assert_eq!(at.services, s.services);
        let report = engine::evaluate(&at);
        let peak = report.value("messaging.peak_msgs_per_sec").unwrap();
        // Events a day ÷ 86,400 s × the peak-to-average ratio of 3.
        let expected = 1_000_000.0 * factor / 86_400.0 * 3.0;
        assert!(
            (peak - expected).abs() <= 1e-9 * expected,
            "{peak} against {expected}"
        );
        assert_eq!(
            report.value("network.egress_gb_per_month").unwrap(),
            1_000.0 * factor
        );
    }
    // The gateway (2–20 tasks, scaling at 800 connections of 1,000 SSE) is full at 20 × 1,000
    // connections: twenty times today's 1,000 clients.
    let points = scaling::breaking_points(&s, &driver(&s, "scale"));
    let (_, at) = reached_at(&points, "gateway: maximum instances");
    // Concurrent clients are whole: from 19.9995 × the 1,000 round to 20,000.
    assert!((19.9995..=20.0 * (1.0 + TOLERANCE)).contains(&at), "{at}");
    let full = driver(&s, "scale").at(&s, at).unwrap();
    assert_eq!(full.users.concurrent_peak, 20_000.0);
    // The connection pools already exceed Aurora's max_connections at the base size: reached
    // at every factor searched, listed first.
    assert_eq!(points[0].label, "Aurora max_connections");
    assert!(matches!(points[0].reached, Reached::AtOrBelow(_)));
}

#[test]
fn customers_carry_every_volume_and_a_customers_peak_its_own() {
    let s = preset("inventory-cloud-run");
    // Ten customers where the scenario has three: each brings today's use per customer.
    let at = driver(&s, "customers").at(&s, 10.0).unwrap();
    assert_eq!(at.deal.customers, 10.0);
    for (now, then) in s.tenants.iter().zip(&at.tenants) {
        assert!((then.peak_qps - now.peak_qps * 10.0 / 3.0).abs() < 1e-9);
    }
    // One customer's peak moves that customer's volumes alone.
    let one = driver(&s, "tenants.0.peak_qps").at(&s, 100.0).unwrap();
    assert_eq!(one.tenants[0].peak_qps, 100.0);
    assert_eq!(one.tenants[0].avg_qps, s.tenants[0].avg_qps * 2.0);
    assert_eq!(one.tenants[1], s.tenants[1]);
    assert_eq!(one.firestore.storage_gib, s.firestore.storage_gib);
    // An input that is not a volume moves alone.
    let alone = driver(&s, "services.0.max_instances").at(&s, 10.0).unwrap();
    assert_eq!(alone.services[0].max_instances, 10.0);
    assert_eq!(alone.tenants, s.tenants);
}

#[test]
fn a_driver_is_named_by_its_path_and_refused_with_a_reason() {
    let s = preset("agent-platform");
    for (key, says) in [
        ("nope.nothing", "no input “nope.nothing”"),
        ("name", "is not a number"),
        ("users.concurrent_peak", "does not apply to this scenario"),
        ("tenants.0.peak_qps", "no input"),
    ] {
        let error = scaling::Driver::parse(key, &s).unwrap_err();
        assert!(error.contains(says), "{key}: {error}");
    }
    let runs = driver(&s, "workload.runs_per_day");
    assert!(runs.at(&s, 0.5).unwrap_err().contains("from 1 to"));
    // A volume pushed past what its input accepts names the input.
    let error = driver(&s, "scale").at(&s, 1.0e6).unwrap_err();
    assert!(error.starts_with("workload."), "{error}");
    let tiers = scaling::tiers(&s, &driver(&s, "scale"), &[1.0, 1.0e6]);
    assert!(tiers.tiers[0].error.is_none());
    assert!(tiers.tiers[1].figures.is_empty());
    assert!(
        tiers.tiers[1]
            .error
            .as_deref()
            .unwrap()
            .starts_with("workload.")
    );
}

#[test]
fn values_are_read_as_a_person_types_them() {
    let s = preset("ux-flow-engine");
    let users = driver(&s, "users.concurrent_peak");
    for text in [
        "100, 1,000, 10k",
        "100,1000,10000",
        "100 1000 10000",
        "100; 1,000; 10,000",
    ] {
        assert_eq!(
            users.read_values(text, &s).unwrap(),
            [100.0, 1_000.0, 10_000.0],
            "{text}"
        );
    }
    let scale = driver(&s, "scale");
    assert_eq!(
        scale.read_values("×1, ×10, ×50", &s).unwrap(),
        [1.0, 10.0, 50.0]
    );
    assert_eq!(scale.read_values("  ", &s).unwrap(), [1.0, 10.0, 100.0]);
    // ×10 is ten times today's value, for any driver (today 1,000 users), with x for ×.
    assert_eq!(
        users.read_values("×1, x10, X0.5", &s).unwrap(),
        [1_000.0, 10_000.0, 500.0]
    );
    // Commas that read two ways are asked about, not guessed.
    let error = users.read_values("1,500,2000", &s).unwrap_err();
    assert!(error.contains("reads two ways"), "{error}");
    assert_eq!(
        scale.read_values("1,10,50,100", &s).unwrap(),
        [1.0, 10.0, 50.0, 100.0]
    );
    let error = users.read_values("100, lots", &s).unwrap_err();
    assert!(error.starts_with("“lots” is not a number."), "{error}");
    let error = users.read_values("100, 0.5", &s).unwrap_err();
    assert!(error.contains("whole numbers"), "{error}");
    let many = vec!["1"; scaling::MOST_TIERS + 1].join(",");
    assert!(
        users
            .read_values(&many, &s)
            .unwrap_err()
            .contains("At most")
    );
    // A driver the scenario does not have lists those it has.
    let error = scaling::Driver::parse("workload.nope", &s).unwrap_err();
    assert!(
        error.contains("this scenario's volumes are scale, deal.customers, users.concurrent_peak"),
        "{error}"
    );
}

#[test]
fn default_tiers_are_one_ten_and_a_hundred_times_today() {
    let s = preset("ux-flow-engine");
    let users = driver(&s, "users.concurrent_peak");
    assert_eq!(
        scaling::default_values(&s, &users),
        [1_000.0, 10_000.0, 100_000.0]
    );
    assert_eq!(
        scaling::default_values(&s, &driver(&s, "scale")),
        [1.0, 10.0, 100.0]
    );
}

proptest! {
    #![proptest_config(Config { cases: 48, failure_persistence: None, ..Config::default() })]

    /// A scale factor of 1, or a driver at today's value, is the scenario as entered.
    #[test]
    fn a_driver_at_todays_value_is_the_scenario(s in random::scenario()) {
        let mut pointwise = s.clone();
        pointwise.ranges = Default::default();
        prop_assert_eq!(&driver(&s, "scale").at(&s, 1.0).unwrap(), &pointwise);
        let customers = driver(&s, "customers");
        prop_assert_eq!(&customers.at(&s, customers.today(&s)).unwrap(), &pointwise);
    }

    /// The bill never falls as every volume of use rises.
    #[test]
    fn the_bill_never_falls_as_the_scale_rises(s in random::scenario()) {
        let factors = [0.25, 0.5, 1.0, 2.0, 4.0];
        let tiers = scaling::tiers(&s, &driver(&s, "scale"), &factors);
        let total = tiers.columns.iter().position(|c| c.key == "cost.total_monthly_usd").unwrap();
        let totals: Vec<f64> = (tiers.tiers.iter())
            .filter(|t| t.error.is_none())
            .map(|t| t.figures[total].unwrap())
            .collect();
        for pair in totals.windows(2) {
            prop_assert!(pair[1] >= pair[0] * (1.0 - 1e-9), "{:?}", totals);
        }
    }

    /// Each breaking point is where its limit's use crosses 100%: reached at the value found,
    /// not reached a tolerance below it.
    #[test]
    fn a_breaking_point_is_where_the_use_crosses_all_of_the_limit(
        s in random::scenario_with_overrides()
    ) {
        let scale = driver(&s, "scale");
        for point in scaling::breaking_points(&s, &scale) {
            if let Reached::At(at) = point.reached {
                // Reached: all of it used, or no finite use left (a p95 target where the
                // queue grows without bound).
                let used = used_at(&s, &scale, at, &point.metric);
                prop_assert!(used.is_none_or(|u| u >= 100.0), "{} at {}: {:?}%", point.label, at, used);
                let below = at * (1.0 - TOLERANCE);
                let used = used_at(&s, &scale, below, &point.metric);
                prop_assert!(used.is_none_or(|u| u < 100.0), "{} at {}: {:?}%", point.label, below, used);
            }
        }
    }
}

/// A figure the scenario as entered lacks (seed 002's AI service past its maximum, whose queue
/// grows without bound) keeps its service's name in the tiers that have it.
#[test]
fn a_figure_missing_today_is_named_by_the_tiers_that_have_it() {
    let mut s = preset("ux-flow-engine");
    s.users.concurrent_peak = 1_500.0;
    assert!(
        engine::evaluate(&s)
            .metric("services.1.p95_response_ms")
            .is_none()
    );
    let users = driver(&s, "users.concurrent_peak");
    let tiers = scaling::tiers(&s, &users, &[100.0, 1_000.0]);
    let column = (tiers.columns.iter())
        .find(|c| &*c.key == "services.1.p95_response_ms")
        .unwrap();
    assert_eq!(
        &*column.label,
        "cognitive-core: p95 response time at the peak"
    );
}

/// The tiers each seed document tabulates, which the compare panel offers in one click, read
/// as the panel reads them, on their preset's own driver.
#[test]
fn each_presets_seed_tiers_read_on_its_own_driver() {
    let mut offered = 0;
    for p in presets::all() {
        let Some((key, values)) = p.tiers() else {
            continue;
        };
        offered += 1;
        let s = p.scenario();
        assert_eq!(
            s.name, p.id,
            "the panel finds the preset by the scenario's name"
        );
        let values = driver(&s, key).read_values(values, &s).unwrap();
        let tiers = scaling::tiers(&s, &driver(&s, key), &values);
        assert!(tiers.tiers.iter().all(|t| t.error.is_none()), "{}", p.id);
    }
    assert_eq!(offered, 2);
}
