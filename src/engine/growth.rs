//! Growth: the month-by-month projection, from the launch (month 0, the scenario as entered, which
//! the headline bills) to the last month chosen. Each month the customer count follows the scenario's
//! milestones (launch, 6, 12 and 24 months; seed 001 §1 and seed 003's 1 → 3 → 10 customers),
//! the workload grows with it, and the whole engine runs again for that month. Storage
//! accumulates under its retention window, and the month each limit is first reached is found.

use super::{Builder, Summary, evaluate_figures, n, storage};
use crate::report::{Category, MonthFigures, Report, Severity, Text};
use crate::scenario::{ObjectStore, Scenario};

/// Customers expected `month` months after launch: a straight line between milestones, flat
/// after the last one.
pub fn customers_at(milestones: &[(f64, f64)], month: f64) -> f64 {
    let mut previous = milestones[0];
    for &(at, customers) in &milestones[1..] {
        if month <= at {
            let share = (month - previous.0) / (at - previous.0);
            return previous.1 + (customers - previous.1) * share;
        }
        previous = (at, customers);
    }
    previous.1
}

/// The scenario as it stands `month` months after launch: customers from the milestones, as a
/// whole number (a customer has signed or not); runs per day from their own milestones where
/// the scenario gives them (seed 001: 10K, 100K and 500K runs a month), otherwise grown with
/// the customers, in either case per customer times the whole number of customers; users, the customers' requests and
/// document operations, and events grown with the customers (each customer brings the launch
/// load ÷ the launch customers); the data of the Aurora cluster, the MongoDB cluster and the
/// object storage, where the scenario has them, grown by their monthly growth.
pub fn scenario_at(s: &Scenario, month: f64) -> Scenario {
    let between = customers_at(&s.growth.milestones(s.deal.customers), month);
    let customers = between.round();
    let scale = customers / s.deal.customers;
    let mut at = s.clone();
    at.deal.customers = customers;
    // The runs a customer brings that month, times the customers signed: runs follow the whole
    // count as revenue does, so that constant economics per customer give a flat margin.
    let runs_between = customers_at(&runs_milestones(s), month);
    let per_customer = runs_between / between;
    let runs = if per_customer.is_finite() {
        per_customer * customers
    } else {
        runs_between
    };
    at.workload.runs_per_day = runs;
    at.workload.peak_runs_per_min = s.workload.peak_runs_per_min * runs / s.workload.runs_per_day;
    at.users.concurrent_peak = s.users.concurrent_peak * scale;
    for group in &mut at.tenants {
        group.peak_qps *= scale;
        group.avg_qps *= scale;
        group.reads_per_day *= scale;
        group.writes_per_day *= scale;
        group.deletes_per_day *= scale;
    }
    at.messaging.events_per_day = s.messaging.events_per_day * scale;
    // An Aurora cluster that is off holds no data to grow: leaving it as it was keeps the
    // month the same as the one before wherever nothing else grows, so it is not recomputed.
    if s.aurora.enabled {
        at.aurora.storage_gb = s.aurora.storage_gb + s.aurora.storage_growth_gb_per_month * month;
    }
    // Likewise a MongoDB cluster's data and the object storage's.
    if s.documents.enabled {
        at.documents.storage_gb = s.documents.storage_gb + s.documents.growth_gb_per_month * month;
    }
    if s.object_storage.kind != ObjectStore::None {
        at.object_storage.stored_gb =
            s.object_storage.stored_gb + s.object_storage.growth_gb_per_month * month;
    }
    at
}

/// The runs-per-day milestones (launch, 6, 12, 24 months): each the scenario's own figure, or,
/// where it gives none (0), the milestone before grown with the customers.
pub fn runs_milestones(s: &Scenario) -> [(f64, f64); 4] {
    let customers = s.growth.milestones(s.deal.customers);
    let given = [
        s.workload.runs_per_day,
        s.growth.runs_per_day_at_6_months,
        s.growth.runs_per_day_at_12_months,
        s.growth.runs_per_day_at_24_months,
    ];
    let mut runs = [(0.0, s.workload.runs_per_day); 4];
    for k in 1..4 {
        let grown = runs[k - 1].1 * customers[k].1 / customers[k - 1].1;
        runs[k] = (
            customers[k].0,
            if given[k] > 0.0 { given[k] } else { grown },
        );
    }
    runs
}

/// Data held at the end of the last month under a retention window of `retention_days`, when
/// month k added `gb_per_day[k]` each day for `days_per_month` days: the newest days first,
/// until the window is full. Storage starts empty: the launch month holds its own month's data,
/// where the report's ledger size is the window full.
pub fn retained_gb(gb_per_day: &[f64], days_per_month: f64, retention_days: f64) -> f64 {
    let mut window = retention_days;
    let mut held = 0.0;
    for daily in gb_per_day.iter().rev() {
        if window <= 0.0 {
            break;
        }
        let days = days_per_month.min(window);
        held += storage::retained_gb(*daily, days);
        window -= days;
    }
    held
}

/// Evaluates the figures of each month from the launch (month 0) to `growth.months`, and hands
/// each month's number, scenario, figures and summary to `each`. Where the customer count does
/// not move (no growth, or past the last milestone) a month is the month before again, so its
/// figures are reused rather than recomputed.
pub fn each_month(s: &Scenario, each: &mut dyn FnMut(u32, &Scenario, &Report, &Summary)) {
    let mut previous: Option<(Scenario, Report, Summary)> = None;
    for month in 0..=s.growth.months {
        let at = scenario_at(s, f64::from(month));
        let (report, summary) = match previous.take() {
            Some((before, report, summary)) if before == at => (report, summary),
            _ => evaluate_figures(&at),
        };
        each(month, &at, &report, &summary);
        previous = Some((at, report, summary));
    }
}

/// Projects the scenario month by month, from the launch (month 0: the scenario as entered, the
/// figures the headline shows) to `growth.months` months after it, and records, as findings,
/// the month each limit is first reached, for the limits not in `reached` (those already
/// reached at launch).
pub fn project(s: &Scenario, mut reached: Vec<Text>, out: &mut Builder) -> Vec<MonthFigures> {
    let days = s.days_per_month();
    let rows = s.growth.months as usize + 1;
    let mut months = Vec::with_capacity(rows);
    let mut daily_storage = Vec::with_capacity(rows);
    // Every month carries the categories the launch bill has a line in, so that the columns
    // stay the same from month to month.
    let carried: Vec<Category> = Category::ALL
        .iter()
        .copied()
        .filter(|category| out.costs().iter().any(|c| c.category == *category))
        .collect();
    each_month(s, &mut |month, at, report, summary| {
        let customers = at.deal.customers;
        daily_storage.push(summary.ledger_gb_per_day);
        for w in report
            .warnings
            .iter()
            .filter(|w| w.severity == Severity::Warning)
        {
            if !reached.contains(&w.id) {
                reached.push(w.id.clone());
                out.warn("growth.limit_reached", Severity::Warning, || {
                    format!("Month {month} ({} customers): {}", n(customers), w.message)
                });
            }
        }
        months.push(MonthFigures {
            month,
            customers,
            runs_per_day: summary.runs_per_day,
            peak_concurrent_runs: summary.peak_concurrent_runs,
            instances_peak: summary.instances_peak,
            costs: carried
                .iter()
                .map(|category| (*category, by_category(report, *category)))
                .collect(),
            total_monthly_usd: summary.totals.cost_monthly_usd,
            revenue_monthly_usd: summary.totals.revenue_monthly_usd,
            gross_margin_pct: summary.totals.gross_margin_pct,
            retained_gb: retained_gb(&daily_storage, days, s.storage.retention_days),
            concurrent_users: at.users.concurrent_peak,
            has_runs: s.workload.enabled,
            has_users: s.users.enabled,
            has_ledger: s.workload.enabled && s.storage.enabled,
        });
    });
    if months.iter().all(|m| m.same_as(&months[0])) {
        out.warn(
            "growth.none",
            Severity::Info,
            || "Nothing grows: every month of the projection is the launch month. Enter customers, or runs per day, at 6, 12 or 24 months to project growth.".to_string(),
        );
    }
    months
}

/// The month's bill for one category.
fn by_category(report: &Report, category: Category) -> f64 {
    crate::report::category_total(&report.costs, category)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customers_follow_the_milestones() {
        // Seed 003: 1 customer now, 3 at month 6 … 10 at month 12 (its phases 1 and 2).
        let milestones = [(0.0, 1.0), (6.0, 3.0), (12.0, 10.0), (24.0, 10.0)];
        assert_eq!(customers_at(&milestones, 0.0), 1.0);
        assert_eq!(customers_at(&milestones, 3.0), 2.0);
        assert_eq!(customers_at(&milestones, 6.0), 3.0);
        assert_eq!(customers_at(&milestones, 9.0), 6.5);
        assert_eq!(customers_at(&milestones, 30.0), 10.0);
    }

    use crate::engine;
    use crate::scenario::presets;

    fn growing() -> Scenario {
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        s.growth.customers_at_12_months = 4.0;
        s.growth.customers_at_24_months = 10.0;
        s.compute.max_instances = 3.0;
        s
    }

    #[test]
    fn a_scenario_without_runs_projects_no_run_columns() {
        let s = presets::by_id("inventory-cloud-run").unwrap().scenario();
        let report = engine::evaluate(&s);
        let keys: Vec<&str> = report.projection[0].columns().map(|c| c.0).collect();
        assert_eq!(
            keys,
            [
                "customers",
                "instances_peak",
                "compute_monthly_usd",
                "database_monthly_usd",
                "cache_monthly_usd",
                "network_monthly_usd",
                "monitoring_monthly_usd",
                "fixed_monthly_usd",
                "total_monthly_usd",
                "revenue_monthly_usd",
                "gross_margin_pct"
            ]
        );
    }

    #[test]
    fn users_grow_with_the_customers_and_have_their_column() {
        // Seed 002: its user teams are the customers; concurrent users scale with them.
        let mut s = presets::by_id("ux-flow-engine").unwrap().scenario();
        assert!(s.users.enabled);
        s.growth.customers_at_24_months = s.deal.customers * 3.0;
        let report = engine::evaluate(&s);
        let first = &report.projection[0];
        let last = report.projection.last().unwrap();
        assert!(first.columns().any(|c| c.0 == "concurrent_users"));
        assert_eq!(
            last.concurrent_users / first.concurrent_users,
            last.customers / first.customers
        );
        // A scenario without users leaves the column out.
        let runs_only = engine::evaluate(&growing());
        assert!(
            !runs_only.projection[0]
                .columns()
                .any(|c| c.0 == "concurrent_users")
        );
    }

    #[test]
    fn a_month_like_the_one_before_is_not_recomputed() {
        // Past the last milestone nothing grows: months 25 to 36 repeat month 24, and data
        // growth set for an Aurora that is off changes nothing.
        let mut s = growing();
        s.aurora.enabled = false;
        s.aurora.storage_growth_gb_per_month = 1_000.0;
        let (_, two_years) = crate::engine::work::counted(|| engine::evaluate(&s));
        s.growth.months = 36;
        let (report, three_years) = crate::engine::work::counted(|| engine::evaluate(&s));
        assert!(two_years > 0);
        assert_eq!(three_years, two_years);
        assert_eq!(report.projection.len(), 37);
    }

    #[test]
    fn the_projection_covers_the_chosen_months() {
        let mut s = growing();
        assert_eq!(engine::evaluate(&s).projection.len(), 25);
        s.growth.months = 36;
        let projection = engine::evaluate(&s).projection;
        assert_eq!(projection.len(), 37);
        assert_eq!(
            projection.iter().map(|m| m.month).collect::<Vec<_>>(),
            (0..=36).collect::<Vec<_>>()
        );
    }

    #[test]
    fn each_month_is_the_whole_engine_run_on_that_month() {
        let s = growing();
        let report = engine::evaluate(&s);
        for month in [0_u32, 1, 7, 12, 18, 24] {
            let direct = engine::evaluate(&scenario_at(&s, f64::from(month)));
            let row = &report.projection[month as usize];
            assert_eq!(
                row.total_monthly_usd,
                direct.value("cost.total_monthly_usd").unwrap()
            );
            assert_eq!(
                row.instances_peak,
                direct.value("capacity.instances_peak").unwrap()
            );
            assert_eq!(
                row.gross_margin_pct,
                direct.value("deal.gross_margin_pct").unwrap()
            );
        }
        // Month 24: ten customers bring ten times the launch workload.
        assert_eq!(report.projection[24].runs_per_day, 100_000.0);
        assert_eq!(report.projection[24].customers, 10.0);
    }

    #[test]
    fn runs_follow_the_customers_counted_so_the_margin_does_not_zig_zag() {
        // Customers are whole (2 in months 1 and 2 on the way from 1 to 5); the runs are each
        // customer's runs times that count, as revenue is, not the fractional customers' runs.
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        s.growth.customers_at_6_months = 5.0;
        s.growth.customers_at_12_months = 20.0;
        s.growth.customers_at_24_months = 100.0;
        let report = engine::evaluate(&s);
        for m in &report.projection {
            assert!(
                (m.runs_per_day / m.customers - s.workload.runs_per_day).abs() < 1e-6,
                "month {}: {} runs for {} customers",
                m.month,
                m.runs_per_day,
                m.customers
            );
        }
        let margins: Vec<f64> = report
            .projection
            .iter()
            .map(|m| m.gross_margin_pct)
            .collect();
        assert!(
            margins.windows(2).all(|w| w[1] >= w[0] - 0.5),
            "{margins:?}"
        );
    }

    #[test]
    fn the_first_row_is_the_launch_the_headline_shows() {
        // Seed 003's customers grow from their launch count; the first row is that count and
        // the launch bill, not a month already on its way to the next milestone.
        for preset in presets::all() {
            let s = preset.scenario();
            let report = engine::evaluate(&s);
            let launch = &report.projection[0];
            assert_eq!(launch.month, 0, "{}", preset.id);
            assert_eq!(launch.customers, s.deal.customers, "{}", preset.id);
            for (row, id) in [
                (launch.total_monthly_usd, "cost.total_monthly_usd"),
                (launch.revenue_monthly_usd, "deal.revenue_monthly_usd"),
                (launch.gross_margin_pct, "deal.gross_margin_pct"),
            ] {
                assert_eq!(row, report.value(id).unwrap(), "{} {id}", preset.id);
            }
        }
    }

    #[test]
    fn the_month_a_limit_is_first_reached_is_reported_once() {
        // The peak needs a fourth instance once the runs reach 85,000 a day (month 21, when the
        // customers pass 8.5 on their way to 10: 9 of them): 88.5 runs × 2 requests ÷ 56 per
        // instance = 3.2 → 4 instances, above the maximum of 3.
        let report = engine::evaluate(&growing());
        let reached: Vec<&str> = report
            .warnings
            .iter()
            .filter(|w| w.id == "growth.limit_reached")
            .map(|w| w.message.as_str())
            .collect();
        let instances: Vec<&&str> = reached
            .iter()
            .filter(|m| m.contains("at most 3 may run"))
            .collect();
        assert!(
            instances.iter().any(|m| m
                .starts_with("Month 21 (9 customers): Cloud Run needs 4 instances at the peak")),
            "{reached:?}"
        );
        assert_eq!(
            instances
                .iter()
                .filter(|m| m.contains("at the peak but at most 3 may run"))
                .count(),
            1
        );
        // A limit already reached at launch is reported once, as it stands, not as reached later.
        let mut tight = growing();
        tight.compute.max_instances = 1.0;
        tight.compute.min_instances = 1.0;
        tight.workload.burst_concurrent_runs = 100.0;
        let report = engine::evaluate(&tight);
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.id == "capacity.burst_above_max_instances")
        );
        assert!(
            report
                .warnings
                .iter()
                .all(|w| !(w.id == "growth.limit_reached" && w.message.contains("A burst")))
        );
    }

    #[test]
    fn storage_fills_its_window_then_holds() {
        // 1 GB a day, 30-day months, 90-day retention: 30, 60, 90, then 90 GB.
        let daily = [1.0; 5];
        let held: Vec<f64> = (1..=5)
            .map(|m| retained_gb(&daily[..m], 30.0, 90.0))
            .collect();
        assert_eq!(held, [30.0, 60.0, 90.0, 90.0, 90.0]);
        // Growth: only the newest 90 days count.
        assert_eq!(
            retained_gb(&[1.0, 2.0, 3.0, 4.0], 30.0, 90.0),
            4.0 * 30.0 + 3.0 * 30.0 + 2.0 * 30.0
        );
    }
}
