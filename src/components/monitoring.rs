//! Monitoring: the logs, metrics and traces the workload sends, billed by Amazon CloudWatch and
//! AWS X-Ray or by Google Cloud Logging and Cloud Monitoring (seed 004 §5, "CloudWatch Metrics"
//! and "X-Ray Tracing"; seed 003's monitoring line).
//!
//! Logs follow the traffic: kilobytes per request and per run step, plus any other logs. Metric
//! series are a count plus a number per service instance at the peak. Traces are a sampled share
//! of the requests and runs. Prices and free tiers are read from the catalog (`aws.cloudwatch.*`,
//! `aws.xray.*`, `gcp.logging.*`, `gcp.monitoring.*`), each from the provider's pricing page.

use super::Component;
use super::network::{gib_from_gb, tiered_arithmetic, tiered_cost_usd};
use crate::engine::Arg::{N, Usd};
use crate::engine::{Builder, Served, n, usd};
use crate::report::{Category, Severity};
use crate::scenario::fields::Section;
use crate::scenario::inputs::{Input, choices, inputs};
use crate::units::{BYTES_PER_GB, BYTES_PER_KB, Unit};

choices! {
    /// Whose monitoring the scenario pays for.
    pub enum MonitoringKind {
        /// No monitoring in the bill.
        None = "none" "None",
        /// Amazon CloudWatch (logs, metrics, dashboards, alarms) and AWS X-Ray.
        Aws = "aws" "CloudWatch and X-Ray (AWS)",
        /// Google Cloud Logging and Cloud Monitoring.
        Gcp = "gcp" "Cloud Logging and Monitoring (Google)",
    }
}

fn monitored(m: &Monitoring) -> bool {
    m.kind != MonitoringKind::None
}

fn on_aws(m: &Monitoring) -> bool {
    m.kind == MonitoringKind::Aws
}

fn on_gcp(m: &Monitoring) -> bool {
    m.kind == MonitoringKind::Gcp
}

inputs! {
    /// Logs, metrics and traces.
    pub struct Monitoring {
        /// CloudWatch and X-Ray, Cloud Logging and Monitoring, or none.
        pub kind: MonitoringKind = MonitoringKind::None
            => Input::choice("Monitoring", MonitoringKind::OPTIONS)
                .help("Logs, metrics and traces, billed by what the workload sends."),
        /// Log written per request, all services together, in KB.
        pub log_kb_per_request: f64 = 1.0
            => Input::number("Logs per request", Unit::Kilobytes, 0.0, 1.0e6)
                .help("Log lines one request writes, all services together.")
            => if monitored,
        /// Log written per run step, in KB.
        pub log_kb_per_step: f64 = 2.0
            => Input::number("Logs per run step", Unit::Kilobytes, 0.0, 1.0e6)
                .help("Log lines one step of a run writes.")
                .runs_only()
            => if monitored,
        /// Logs from elsewhere, in GB a month.
        pub other_log_gb_per_month: f64 = 0.0
            => Input::number("Other logs", Unit::GigabytesPerMonth, 0.0, 1.0e9)
                .help("Logs not tied to requests or runs (load balancer, database, audit).")
                .volume()
            => if monitored,
        /// Days logs are kept.
        pub log_retention_days: f64 = 30.0
            => Input::whole("Logs kept", Unit::Days, 1.0, 3_650.0)
                .help("CloudWatch bills the logs it keeps; Cloud Logging includes 30 days.")
            => if monitored,
        /// Metric series besides those per instance.
        pub metrics: f64 = 10.0
            => Input::whole("Custom metrics", Unit::Count, 0.0, 1.0e7)
                .help("Custom metric series (each name and set of dimensions).")
            => if monitored,
        /// Metric series each service instance sends.
        pub metrics_per_instance: f64 = 0.0
            => Input::whole("Metrics per instance", Unit::Count, 0.0, 1.0e4)
                .help("Series each service instance sends, counted at the peak instances.")
            => if monitored,
        /// Seconds between two samples of a metric series (Cloud Monitoring bills each sample).
        pub metric_interval_s: f64 = 60.0
            => Input::number("Metric interval", Unit::Seconds, 1.0, 86_400.0)
                .help("Seconds between samples of a series: each costs 8 bytes.")
            => if on_gcp,
        /// Custom dashboards.
        pub dashboards: f64 = 3.0
            => Input::whole("Dashboards", Unit::Count, 0.0, 1.0e4)
                .help("Custom CloudWatch dashboards; the first three are free.")
            => if on_aws,
        /// Standard-resolution alarms.
        pub alarms: f64 = 10.0
            => Input::whole("Alarms", Unit::Count, 0.0, 1.0e6)
                .help("Standard-resolution alarms; the first ten are free.")
            => if on_aws,
        /// Share of requests and runs recorded as X-Ray traces.
        pub traced_pct: f64 = 0.0
            => Input::number("Requests traced", Unit::Percent, 0.0, 100.0)
                .help("X-Ray's sampling rate: the share of requests and runs recorded.")
            => if on_aws,
        /// Times each recorded trace is retrieved or scanned.
        pub trace_scans: f64 = 1.0
            => Input::number("Scans per trace", Unit::Ratio, 0.0, 1_000.0)
                .help("How often a recorded trace is retrieved or scanned by queries.")
            => if on_aws,
    }
}

impl Section for Monitoring {
    const TITLE: &'static str = "Monitoring";
}

/// Bytes in a MiB, as Cloud Monitoring's tiers count them.
const BYTES_PER_MIB: f64 = 1_048_576.0;

/// What is logged in a month, in GB: requests × KB per request plus steps × KB per step,
/// plus other logs.
pub fn log_gb_per_month(requests: f64, kb_per_request: f64, steps: f64, kb_per_step: f64) -> f64 {
    (requests * kb_per_request + steps * kb_per_step) * BYTES_PER_KB / BYTES_PER_GB
}

/// What `quantity` costs above a free allowance at a flat unit price.
pub fn above_free_usd(quantity: f64, free: f64, unit_usd: f64) -> f64 {
    (quantity - free).max(0.0) * unit_usd
}

impl Component for Monitoring {
    fn category(&self) -> Category {
        Category::MONITORING
    }

    fn evaluate(&self, served: &Served, out: &mut Builder) {
        let m = self;
        let s = served.scenario;
        let days = s.days_per_month();
        let requests = served.demand.requests_per_month;
        let steps = served.load.steps_per_day * days;
        let logs = out.figure(
            "monitoring.logs_gb_per_month",
            "Logs written per month",
            Unit::GigabytesPerMonth,
            log_gb_per_month(requests, m.log_kb_per_request, steps, m.log_kb_per_step)
                + m.other_log_gb_per_month,
            "(requests × KB per request + steps × KB per step) ÷ 10⁶ + other GB = ({} × {} + {} × {}) ÷ 10⁶ + {}",
            &[
                N(requests),
                N(m.log_kb_per_request),
                N(steps),
                N(m.log_kb_per_step),
                N(m.other_log_gb_per_month),
            ],
        );
        let instances = served.services.instances_peak;
        let series = out.figure(
            "monitoring.metric_series",
            "Metric series",
            Unit::Count,
            m.metrics + m.metrics_per_instance * instances,
            "custom metrics + per instance × peak instances = {} + {} × {}",
            &[N(m.metrics), N(m.metrics_per_instance), N(instances)],
        );
        match m.kind {
            MonitoringKind::None => {}
            MonitoringKind::Aws => {
                let traceable = served.requests_and_runs_per_month();
                aws(m, logs, series, traceable, days, out)
            }
            MonitoringKind::Gcp => gcp(m, logs, series, s.deal.hours_per_month, days, out),
        }
    }
}

/// CloudWatch Logs, metrics, dashboards and alarms, and X-Ray traces, each above its free tier.
fn aws(m: &Monitoring, logs_gb: f64, series: f64, traceable: f64, days: f64, out: &mut Builder) {
    let category = Category::MONITORING;
    let ingest = out.price("aws.cloudwatch.logs_ingested_gb");
    let store = out.price("aws.cloudwatch.logs_stored_gb_month");
    let free_logs = out.price("aws.cloudwatch.free_logs_gb");
    // What is kept is what was written over the retention window (CloudWatch stores it
    // compressed, so this errs high).
    let held = logs_gb * m.log_retention_days / days;
    out.bill(
        "monitoring.cloudwatch_logs_monthly_usd",
        "CloudWatch Logs",
        category,
        "CloudWatch Logs",
        above_free_usd(logs_gb, free_logs, ingest) + above_free_usd(held, free_logs, store),
        "max(GB written − free, 0) × ingestion + max(GB kept − free, 0) × GB-month = max({} − {}, 0) × {} + max({} × {} ÷ {} days − {}, 0) × {}",
        &[
            N(logs_gb),
            N(free_logs),
            Usd(ingest),
            N(logs_gb),
            N(m.log_retention_days),
            N(days),
            N(free_logs),
            Usd(store),
        ],
    );

    let metric = out.price("aws.cloudwatch.metric_month");
    let free_metrics = out.price("aws.cloudwatch.free_metrics");
    let dashboard = out.price("aws.cloudwatch.dashboard_month");
    let free_dashboards = out.price("aws.cloudwatch.free_dashboards");
    let alarm = out.price("aws.cloudwatch.alarm_month");
    let free_alarms = out.price("aws.cloudwatch.free_alarms");
    out.bill(
        "monitoring.cloudwatch_metrics_monthly_usd",
        "CloudWatch metrics, dashboards and alarms",
        category,
        "CloudWatch metrics and alarms",
        above_free_usd(series, free_metrics, metric)
            + above_free_usd(m.dashboards, free_dashboards, dashboard)
            + above_free_usd(m.alarms, free_alarms, alarm),
        "Σ max(count − free, 0) × price = max({} − {}, 0) × {} + max({} − {}, 0) × {} + max({} − {}, 0) × {}",
        &[
            N(series),
            N(free_metrics),
            Usd(metric),
            N(m.dashboards),
            N(free_dashboards),
            Usd(dashboard),
            N(m.alarms),
            N(free_alarms),
            Usd(alarm),
        ],
    );
    let first_tier = out.price("aws.cloudwatch.metric_first_tier");
    if series > first_tier {
        out.warn(
            "monitoring.metrics_beyond_first_tier",
            Severity::Info,
            || format!(
                "{} metric series are billed at the first tier's {} each; the price list has no confirmed price beyond {}, which AWS bills lower: the line errs high.",
                n(series),
                usd(metric),
                n(first_tier)
            ),
        );
    }

    if m.traced_pct <= 0.0 {
        return;
    }
    let traces = out.figure(
        "monitoring.traces_per_month",
        "Traces recorded per month",
        Unit::Count,
        traceable * m.traced_pct / 100.0,
        "(requests + runs per month) × share traced = {} × {}%",
        &[N(traceable), N(m.traced_pct)],
    );
    let recorded = out.price("aws.xray.traces_recorded_per_million");
    let free_recorded = out.price("aws.xray.free_traces_recorded");
    let scanned = out.price("aws.xray.traces_scanned_per_million");
    let free_scanned = out.price("aws.xray.free_traces_scanned");
    out.bill(
        "monitoring.xray_monthly_usd",
        "X-Ray",
        category,
        "X-Ray",
        above_free_usd(traces, free_recorded, recorded / 1.0e6)
            + above_free_usd(traces * m.trace_scans, free_scanned, scanned / 1.0e6),
        "max(traces − free, 0) ÷ 10⁶ × recorded + max(traces × scans − free, 0) ÷ 10⁶ × scanned = max({} − {}, 0) ÷ 10⁶ × {} + max({} × {} − {}, 0) ÷ 10⁶ × {}",
        &[
            N(traces),
            N(free_recorded),
            Usd(recorded),
            N(traces),
            N(m.trace_scans),
            N(free_scanned),
            Usd(scanned),
        ],
    );
}

/// Cloud Logging above its free 50 GiB, with retention beyond the 30 days included, and Cloud
/// Monitoring's metric data by the MiB under its tiers.
fn gcp(m: &Monitoring, logs_gb: f64, series: f64, hours: f64, days: f64, out: &mut Builder) {
    let category = Category::MONITORING;
    let logs_gib = gib_from_gb(logs_gb);
    let ingest = out.price("gcp.logging.ingested_gib");
    let free = out.price("gcp.logging.free_gib");
    let retained = out.price("gcp.logging.retained_gib_month");
    let included = out.price("gcp.logging.included_days");
    let beyond = (m.log_retention_days - included).max(0.0);
    out.bill(
        "monitoring.logging_monthly_usd",
        "Cloud Logging",
        category,
        "Cloud Logging",
        above_free_usd(logs_gib, free, ingest) + logs_gib * beyond / days * retained,
        "max(GiB − free, 0) × price + GiB × days kept beyond those included ÷ days a month × GiB-month = max({} − {}, 0) × {} + {} × {} ÷ {} × {}",
        &[
            N(logs_gib),
            N(free),
            Usd(ingest),
            N(logs_gib),
            N(beyond),
            N(days),
            Usd(retained),
        ],
    );

    let bytes_per_sample = out.price("gcp.monitoring.bytes_per_sample");
    let samples = hours * 3_600.0 / m.metric_interval_s;
    let mib = out.figure(
        "monitoring.metric_mib_per_month",
        "Metric data per month",
        Unit::Mebibytes,
        series * samples * bytes_per_sample / BYTES_PER_MIB,
        "series × samples a month × bytes per sample ÷ 1,048,576 = {} × {} × {} ÷ 1,048,576",
        &[N(series), N(samples), N(bytes_per_sample)],
    );
    let tiers = [
        (out.price("gcp.monitoring.free_mib"), 0.0),
        (100_000.0, out.price("gcp.monitoring.to_100k_mib")),
        (250_000.0, out.price("gcp.monitoring.to_250k_mib")),
        (f64::INFINITY, out.price("gcp.monitoring.over_250k_mib")),
    ];
    let cost = out.metric(
        "monitoring.cloud_monitoring_monthly_usd",
        "Cloud Monitoring",
        Unit::UsdPerMonth,
        tiered_cost_usd(mib, &tiers),
        || {
            format!(
                "MiB above the free {} priced by tier = {}",
                n(tiers[0].0),
                tiered_arithmetic(mib, &tiers)
            )
        },
    );
    out.cost(
        "monitoring.cloud_monitoring_monthly_usd",
        category,
        "Cloud Monitoring",
        cost,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;
    use crate::scenario::presets;

    /// Seed 003's three customers (37.5 requests a second on average, 98,550,000 a month) with
    /// 1 KB of logs a request.
    fn inventory(kind: MonitoringKind) -> crate::scenario::Scenario {
        let mut s = presets::by_id("inventory-cloud-run").unwrap().scenario();
        s.monitoring = Monitoring {
            kind,
            ..Monitoring::default()
        };
        s
    }

    fn close(got: Option<f64>, expected: f64) {
        let got = got.unwrap();
        assert!(
            (got - expected).abs() < 1e-9 * expected.max(1.0),
            "{got} ≠ {expected}"
        );
    }

    #[test]
    fn cloud_logging_bills_above_its_free_50_gib() {
        let report = engine::evaluate(&inventory(MonitoringKind::Gcp));
        let gb = 37.5 * 86_400.0 * 730.0 / 24.0 / 1.0e6;
        close(report.value("monitoring.logs_gb_per_month"), gb);
        // 98.55 GB is 91.78 GiB; 41.78 GiB above the free 50 at $0.50.
        let gib = gb * 1.0e9 / 1_073_741_824.0;
        close(
            report.value("monitoring.logging_monthly_usd"),
            (gib - 50.0) * 0.50,
        );
        // Ten series sampled each minute: 43,800 samples of 8 bytes, 3.34 MiB, within the
        // free 150 MiB.
        close(
            report.value("monitoring.metric_mib_per_month"),
            10.0 * 43_800.0 * 8.0 / 1_048_576.0,
        );
        close(report.value("monitoring.cloud_monitoring_monthly_usd"), 0.0);
    }

    #[test]
    fn cloud_monitoring_prices_metric_data_by_tier() {
        let mut s = inventory(MonitoringKind::Gcp);
        // 100,000 series each minute: 33,416 MiB; 150 free, the rest at $0.258.
        s.monitoring.metrics = 100_000.0;
        let mib = 100_000.0 * 43_800.0 * 8.0 / 1_048_576.0;
        let report = engine::evaluate(&s);
        close(
            report.value("monitoring.cloud_monitoring_monthly_usd"),
            (mib - 150.0) * 0.258,
        );
        // Every 10 seconds instead: 200,498 MiB, across the first two paid tiers.
        s.monitoring.metric_interval_s = 10.0;
        let report = engine::evaluate(&s);
        let mib = mib * 6.0;
        let expected = (100_000.0 - 150.0) * 0.258 + (mib - 100_000.0) * 0.151;
        close(
            report.value("monitoring.cloud_monitoring_monthly_usd"),
            expected,
        );
        // Logs kept 90 days pay 60 days beyond the included 30 at $0.01 a GiB-month.
        s.monitoring.log_retention_days = 90.0;
        let report = engine::evaluate(&s);
        let gib = 37.5 * 86_400.0 * 730.0 / 24.0 / 1_073_741_824.0 * 1_000.0;
        close(
            report.value("monitoring.logging_monthly_usd"),
            (gib - 50.0) * 0.50 + gib * 60.0 / (730.0 / 24.0) * 0.01,
        );
    }

    #[test]
    fn cloudwatch_and_x_ray_bill_above_their_free_tiers() {
        let mut s = inventory(MonitoringKind::Aws);
        s.monitoring.metrics = 25.0;
        s.monitoring.dashboards = 4.0;
        s.monitoring.alarms = 8.0;
        s.monitoring.traced_pct = 10.0;
        s.monitoring.trace_scans = 2.0;
        let report = engine::evaluate(&s);
        let gb = 37.5 * 86_400.0 * 730.0 / 24.0 / 1.0e6;
        // Logs: 93.55 GB above the free 5 at $0.50; 30 days' worth kept (of a 30.42-day
        // month), less 5 GB free, at $0.03.
        close(
            report.value("monitoring.cloudwatch_logs_monthly_usd"),
            (gb - 5.0) * 0.50 + (gb * 30.0 / (730.0 / 24.0) - 5.0) * 0.03,
        );
        // 15 metrics above the free 10 at $0.30, one dashboard above the free 3 at $3, the 8
        // alarms within the free 10.
        close(
            report.value("monitoring.cloudwatch_metrics_monthly_usd"),
            15.0 * 0.30 + 3.0,
        );
        // 9,855,000 traces: 9,755,000 above the free 100,000 at $5 a million; scanned twice,
        // 19,710,000, 18,710,000 above the free million at $0.50 a million.
        let traces = 98_550_000.0 * 0.10;
        close(report.value("monitoring.traces_per_month"), traces);
        close(
            report.value("monitoring.xray_monthly_usd"),
            (traces - 100_000.0) * 5.0e-6 + (2.0 * traces - 1.0e6) * 0.5e-6,
        );
    }

    #[test]
    fn logs_follow_run_steps_and_metrics_follow_instances() {
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        s.monitoring.kind = MonitoringKind::Aws;
        s.monitoring.metrics_per_instance = 4.0;
        let report = engine::evaluate(&s);
        // 60,000 steps a day × 2 KB over 30.42 days: 3.65 GB.
        close(
            report.value("monitoring.logs_gb_per_month"),
            60_000.0 * 2.0 * 730.0 / 24.0 / 1.0e6,
        );
        let instances = report.value("capacity.instances_peak").unwrap();
        close(
            report.value("monitoring.metric_series"),
            10.0 + 4.0 * instances,
        );
    }
}
