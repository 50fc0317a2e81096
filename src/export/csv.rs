//! The CSVs for finance, written as RFC 4180 records by [`crate::records`] (the tests read
//! them back with the `csv` crate); the browser's downloads and
//! `headroom eval --format csv | projection-csv` are the same bytes.
//!
//! [`write`] is one rectangular table that opens with the answer: a summary (the headline's
//! figures and the binding limit, with the limits left unchecked and what the bill leaves out
//! for want of a price), then the bill's lines, which
//! add up to the summary's total to the cent, then each customer listed by name with its figures
//! (the customers' costs add up to the total too), then every input the form shows (those of a
//! section switched off are left out; each list item's are in), then every other metric, the
//! prices used, the findings and the catalog version. [`write_projection`] lays the projection
//! out as a plan: one row per figure, one column per month from the launch.
//!
//! Numbers are raw (no thousands separators, no currency signs): amounts for a month, a day or a
//! year to the cent, a unit cost under a dollar (a cost per run) to four significant digits, and
//! every other figure, inputs included, to four decimals (or four significant digits), which
//! drops the noise of binary arithmetic (`21024.000000000004`). Prices are as the catalog lists
//! them. A bill line rounded so that the lines add up to the total may read a cent off the
//! page's figure, which rounds each line on its own.

use std::borrow::Cow;

use crate::records;
use crate::report::compare::Comparison;
use crate::report::scaling::{BreakingPoint, DriverInfo, Tier, Tiers};
use crate::report::uncertainty::Uncertainty;
use crate::report::{Metric, MonthColumn, MonthFigures, Report, section_title};
use crate::scenario::Scenario;
use crate::scenario::fields;
use crate::units::Unit;

/// The header row. Each column holds one kind of thing: a finding's severity and a price's
/// region have their own columns.
pub const HEADER: [&str; 10] = [
    "section", "id", "label", "value", "unit", "formula", "severity", "region", "as_of", "source",
];

/// The UTF-8 byte-order mark each file starts with, so that spreadsheets read it as UTF-8.
pub const BOM: &str = "\u{feff}";

/// One row of [`HEADER`]'s columns.
type Row<'a> = [&'a str; 10];

/// A row of a figure or an input: its section, id, label, value, unit and formula, the
/// columns of findings and prices left empty.
fn row<'a>(cells: [&'a str; 6]) -> Row<'a> {
    let [section, id, label, value, unit, formula] = cells;
    [section, id, label, value, unit, formula, "", "", "", ""]
}

/// The columns a CSV adds after [`HEADER`]'s when inputs are given as a range: each figure's
/// percentiles over the Monte Carlo samples.
pub const SPREAD_HEADER: [&str; 3] = ["p10", "p50", "p90"];

/// The CSV text of a report and the scenario that produced it.
pub fn write(scenario: &Scenario, report: &Report) -> String {
    write_with(scenario, report, None)
}

/// [`write`], with each figure's P10, P50 and P90 in three more columns when the scenario's
/// ranges were run ([`crate::engine::uncertainty`]), the odds in the summary, and what drives
/// the spread after the customers.
pub fn write_with(scenario: &Scenario, report: &Report, run: Option<&Uncertainty>) -> String {
    let mut rows = Table {
        text: String::new(),
        run,
    };
    rows.add(HEADER);
    let mut written: Vec<&str> = Vec::new();
    for m in report.headline_figures() {
        rows.figure(
            metric_row("Summary", m, &figure(m.value, m.unit)),
            &m.id,
            m.unit,
        );
        written.push(&m.id);
    }
    if let Some(limit) = report.binding() {
        let formula = report
            .metric(&limit.metric)
            .map_or("", |m| m.formula.as_str());
        rows.add(row([
            "Summary",
            "limits.binding_pct",
            &format!("Binding limit: {}", limit.label),
            &crate::format::exported(limit.used_pct),
            Unit::Percent.symbol(),
            formula,
        ]));
    }
    for name in &report.unchecked {
        rows.add(row([
            "Summary",
            "limits.not_checked",
            &format!("Not checked (no limit typed): {name}"),
            "",
            "",
            "",
        ]));
    }
    for name in &report.unpriced {
        rows.add(row([
            "Summary",
            "cost.not_priced",
            &format!("Left out of the bill (no price yet): {name}"),
            "",
            "",
            "",
        ]));
    }
    if let Some(run) = run {
        rows.add(row([
            "Summary",
            "uncertainty.samples",
            "Monte Carlo samples",
            &run.samples.to_string(),
            "",
            "",
        ]));
        for odds in &run.odds {
            rows.add(row([
                "Summary",
                &odds.id,
                &format!("Chance: {}", odds.label),
                &crate::format::exported(100.0 * odds.probability),
                Unit::Percent.symbol(),
                "share of the samples",
            ]));
        }
    }
    let total = report
        .value("cost.total_monthly_usd")
        .unwrap_or_else(|| report.total_monthly_usd());
    let lines: Vec<f64> = report.costs.iter().map(|c| c.monthly_usd).collect();
    let amounts: Vec<String> = match cents_summing_to(&lines, total) {
        Some(cents) => cents.into_iter().map(crate::format::cents).collect(),
        None => lines
            .iter()
            .map(|&usd| crate::format::exported_money(usd))
            .collect(),
    };
    for (line, amount) in report.costs.iter().zip(&amounts) {
        let formula = report.metric(&line.id).map_or("", |m| m.formula.as_str());
        rows.figure(
            row([
                "Bill",
                &line.id,
                &line.full_label(),
                amount,
                Unit::UsdPerMonth.symbol(),
                formula,
            ]),
            &line.id,
            Unit::UsdPerMonth,
        );
        written.push(&line.id);
    }
    // Each customer listed by name, its figures together after the bill; the customers' costs,
    // with the part of those not listed, add up to the total to the cent as the bill's lines
    // do.
    let customers: Vec<&Metric> = (report.metrics.iter())
        .filter(|m| m.id == "deal.unlisted_cost_monthly_usd" || m.id.starts_with("deal.customers."))
        .collect();
    let costs: Vec<&Metric> = (customers.iter().copied())
        .filter(|m| m.id == "deal.unlisted_cost_monthly_usd" || m.id.ends_with(".cost_monthly_usd"))
        .collect();
    let values: Vec<f64> = costs.iter().map(|m| m.value).collect();
    let cents = cents_summing_to(&values, total).filter(|_| !values.is_empty());
    for m in customers {
        let apportioned = (cents.as_ref())
            .and_then(|cents| Some(cents[costs.iter().position(|c| c.id == m.id)?]));
        let value = match apportioned {
            Some(cents) => crate::format::cents(cents),
            None => figure(m.value, m.unit),
        };
        rows.figure(metric_row("Customers", m, &value), &m.id, m.unit);
        written.push(&m.id);
    }
    // What drives the spread: each input swung from its 5th to its 95th percentile, the
    // others at their medians.
    for swing in run.map(|run| run.tornado.as_slice()).unwrap_or_default() {
        let usd = crate::format::exported_cents;
        rows.add(row([
            "Drivers",
            &format!("uncertainty.swing.{}", swing.path),
            &format!("{}: the month's total from its P5 to its P95", swing.label),
            &usd(swing.total_at_p95 - swing.total_at_p5),
            Unit::UsdPerMonth.symbol(),
            &format!(
                "{} → {}; gross margin {}% → {}%; rank correlation with the total {}",
                usd(swing.total_at_p5),
                usd(swing.total_at_p95),
                crate::format::exported(swing.margin_at_p5),
                crate::format::exported(swing.margin_at_p95),
                crate::format::exported(swing.rank_correlation)
            ),
        ]));
    }
    for field in fields::all(scenario).filter(|f| f.shown(scenario)) {
        let value = match field.get(scenario) {
            Some(crate::scenario::inputs::Value::Number(n)) => crate::format::exported(n),
            Some(other) => other.to_text(),
            None => String::new(),
        };
        let range = (scenario.ranges.get(&field.path()))
            .map(|r| {
                let raw = crate::format::raw;
                format!("range {}..{} ({})", raw(r.low), raw(r.high), r.shape.id())
            })
            .unwrap_or_default();
        rows.add(row([
            "Input",
            &field.path(),
            &field.label_in(scenario),
            &value,
            field.unit().symbol(),
            &range,
        ]));
    }
    for m in report.metrics.iter().filter(|m| !written.contains(&&*m.id)) {
        rows.figure(
            metric_row(section_title(m.section()), m, &figure(m.value, m.unit)),
            &m.id,
            m.unit,
        );
    }
    for p in &report.prices {
        rows.add([
            "Price",
            &p.id,
            &p.label,
            &p.value.map(crate::format::raw).unwrap_or_default(),
            &p.unit,
            "",
            "",
            &p.region,
            &p.as_of,
            &p.source,
        ]);
    }
    let run_findings = run.map(|run| run.findings.as_slice()).unwrap_or_default();
    for w in report.warnings.iter().chain(run_findings) {
        rows.add([
            "Finding",
            &w.id,
            &w.message,
            "",
            "",
            "",
            w.severity.as_str(),
            "",
            "",
            "",
        ]);
    }
    rows.add(row([
        "Catalog",
        "catalog.version",
        "Price catalog version",
        &report.catalog_version,
        "",
        "",
    ]));
    rows.text()
}

/// The projection as a plan: a row per figure (customers, runs, each cost category, the
/// total, revenue, margin…) with its id, label and unit, then one column per month, from the
/// launch (`Launch`, the headline's figures) to the last month projected (`Month 24`). With a
/// Monte Carlo run, the band follows: the P10 and P90 of the total and of the margin each month
/// ([`Uncertainty::months`]), the samples it took said in the label.
pub fn write_projection(report: &Report, run: Option<&Uncertainty>) -> String {
    let months = &report.projection;
    let mut header = vec!["id".to_string(), "label".to_string(), "unit".to_string()];
    header.extend(months.iter().map(MonthFigures::name));
    let mut table = Table::default();
    table.add(header);
    // Each month's categories in whole cents that add up to its total, as the bill's lines do.
    let apportioned: Vec<Option<Vec<i64>>> = months
        .iter()
        .map(|m| {
            let costs: Vec<f64> = m.costs().map(|(_, usd)| usd).collect();
            cents_summing_to(&costs, m.total_monthly_usd)
        })
        .collect();
    let columns = months.first().into_iter().flat_map(|m| m.column_list());
    for column in columns {
        let mut row = vec![
            format!("projection.{}", column.key()),
            column.label().to_string(),
            column.unit().symbol().to_string(),
        ];
        row.extend(months.iter().zip(&apportioned).map(|(m, cents)| {
            let share = match (column, cents) {
                (MonthColumn::Cost(category), Some(cents)) => m
                    .costs()
                    .position(|(c, _)| c == category)
                    .map(|i| crate::format::cents(cents[i])),
                _ => None,
            };
            share.unwrap_or_else(|| figure(m.value(column), column.unit()))
        }));
        table.add(row);
    }
    let band = run.filter(|run| run.months.len() == months.len() && run.projection_samples > 0);
    if let Some(run) = band {
        for (column, p10) in [
            (MonthColumn::Total, true),
            (MonthColumn::Total, false),
            (MonthColumn::GrossMargin, true),
            (MonthColumn::GrossMargin, false),
        ] {
            let (id, which) = if p10 { ("p10", "P10") } else { ("p90", "P90") };
            let mut row = vec![
                format!("projection.{}.{id}", column.key()),
                format!(
                    "{}, {which} of {} samples",
                    column.label(),
                    crate::format::plain(run.projection_samples as f64)
                ),
                column.unit().symbol().to_string(),
            ];
            row.extend(run.months.iter().map(|band| {
                let spread = match column {
                    MonthColumn::Total => band.total,
                    _ => band.margin,
                };
                figure(if p10 { spread.p10 } else { spread.p90 }, column.unit())
            }));
            table.add(row);
        }
    }
    table.text()
}

/// Tiers as a plan: a row for the driver, then one per figure (each service's instances, vCPU
/// and memory at the peak, each cost category, the total, cost per customer and per unit, the
/// margin) with its id, label and unit, then the tightest limit and how much of it is used;
/// one column per tier, headed by the driver's value. A tier the scenario cannot take has its
/// reason in an `error` row and its figures empty.
pub fn write_tiers(tiers: &Tiers) -> String {
    let driver = &tiers.driver;
    let mut table = Table::default();
    let mut header = vec!["id".to_string(), "label".to_string(), "unit".to_string()];
    header.extend(
        tiers
            .tiers
            .iter()
            .map(|t| format!("{} {}", driver.key, crate::format::raw(t.value))),
    );
    table.add(header);
    let mut row = vec![
        format!("tiers.{}", driver.key),
        driver.label.clone(),
        driver.unit.symbol().to_string(),
    ];
    row.extend(tiers.tiers.iter().map(|t| figure(t.value, driver.unit)));
    table.add(row);
    for (i, column) in tiers.columns.iter().enumerate() {
        let mut row = vec![
            format!("tiers.{}", column.key),
            column.label.to_string(),
            column.unit.symbol().to_string(),
        ];
        row.extend(tiers.tiers.iter().map(|t| {
            (t.figures.get(i).copied().flatten())
                .map_or_else(String::new, |v| figure(v, column.unit))
        }));
        table.add(row);
    }
    let binding = |t: &Tier, used: bool| match &t.binding {
        Some(limit) if used => figure(limit.used_pct, Unit::Percent),
        Some(limit) => limit.label.to_string(),
        None => String::new(),
    };
    for (key, label, unit, used) in [
        ("tiers.binding_limit", "Tightest limit", "", false),
        (
            "tiers.binding_limit_used_pct",
            "Tightest limit: share used",
            "%",
            true,
        ),
    ] {
        let mut row = vec![key.to_string(), label.to_string(), unit.to_string()];
        row.extend(tiers.tiers.iter().map(|t| binding(t, used)));
        table.add(row);
    }
    if tiers.tiers.iter().any(|t| t.error.is_some()) {
        let mut row = vec![
            "tiers.error".to_string(),
            "Cannot be evaluated".to_string(),
            String::new(),
        ];
        row.extend(
            tiers
                .tiers
                .iter()
                .map(|t| t.error.clone().unwrap_or_default()),
        );
        table.add(row);
    }
    table.text()
}

/// A comparison as one table: a row per input that differs (`input`, its path, label, how it
/// differs, and its two values as typed), then per headline figure, line of the bill and limit
/// that moves (`headline`, `cost`, `limit`: its id, label, unit, the two values, the difference
/// and the difference in percent of the first).
pub fn write_comparison(comparison: &Comparison) -> String {
    let mut table = Table::default();
    table.add([
        "kind",
        "id",
        "label",
        "change",
        "unit",
        "first",
        "second",
        "difference",
        "difference_pct",
    ]);
    for input in &comparison.inputs {
        table.add([
            "input",
            &input.path,
            &input.label,
            input.change.key(),
            "",
            &input.before,
            &input.after,
            "",
            "",
        ]);
    }
    for (kind, figures) in [
        ("headline", &comparison.headlines),
        ("cost", &comparison.costs),
        ("limit", &comparison.limits),
    ] {
        for f in figures {
            let value = |v: Option<f64>| v.map_or_else(String::new, |v| figure(v, f.unit));
            let change = match (f.before, f.after) {
                (None, _) => "added",
                (_, None) => "removed",
                _ => "changed",
            };
            table.add([
                kind.to_string(),
                f.id.to_string(),
                f.label.to_string(),
                change.to_string(),
                f.unit.symbol().to_string(),
                value(f.before),
                value(f.after),
                figure(f.difference(), f.unit),
                f.difference_pct()
                    .map_or_else(String::new, |p| figure(p, Unit::Percent)),
            ]);
        }
    }
    table.text()
}

/// Breaking points as a list: a row per limit with the metric of its use, its label, the share
/// used today, and where along the driver it is first reached (`at`, `at_or_below` the lowest
/// value searched, or `beyond` the highest) in the driver's unit.
pub fn write_breaking_points(driver: &DriverInfo, points: &[BreakingPoint]) -> String {
    let mut table = Table::default();
    table.add([
        "metric",
        "limit",
        "used_today_pct",
        "reached",
        driver.key.as_str(),
        "unit",
    ]);
    for point in points {
        let (reached, value) = point.reached.parts();
        table.add([
            point.metric.to_string(),
            point.label.to_string(),
            point
                .used_today_pct
                .map_or_else(String::new, |v| figure(v, Unit::Percent)),
            reached.to_string(),
            figure(value, driver.unit),
            driver.unit.symbol().to_string(),
        ]);
    }
    table.text()
}

/// A metric's row: its section, id, label, value (already written for export) and formula.
fn metric_row<'a>(section: &'a str, m: &'a Metric, value: &'a str) -> Row<'a> {
    row([section, &m.id, &m.label, value, m.unit.symbol(), &m.formula])
}

/// A figure as a file for finance writes it: an amount for a month, a day or a year to the
/// cent; a unit cost or a price under a dollar to four significant digits, above it to the
/// cent; anything else to four decimals ([`crate::format::exported`]).
fn figure(value: f64, unit: Unit) -> String {
    if unit.is_amount_per_period() {
        crate::format::exported_cents(value)
    } else if unit.is_money() {
        crate::format::exported_money(value)
    } else {
        crate::format::exported(value)
    }
}

/// Amounts in whole cents that add up to `total` in whole cents: each amount rounded down,
/// then the cents left over given to the amounts that lost the most (the largest-remainder
/// method, as apportionment does it), so that a spreadsheet's SUM of the bill's lines is the
/// summary's total, not a cent off. None when an amount is too large to count in cents
/// ([`crate::format::MAX_CENTS_USD`]).
pub fn cents_summing_to(amounts: &[f64], total: f64) -> Option<Vec<i64>> {
    let limit = crate::format::MAX_CENTS_USD;
    if total.abs() >= limit || amounts.iter().any(|a| a.abs() >= limit) {
        return None;
    }
    let scaled: Vec<f64> = amounts.iter().map(|a| a * 100.0).collect();
    let mut cents: Vec<i64> = scaled.iter().map(|c| c.floor() as i64).collect();
    let left = crate::math::cents_of(total) - cents.iter().sum::<i64>();
    // The lines are few: take the largest remainder left, `left` times, rather than sort.
    let mut remainders: Vec<f64> = scaled.iter().map(|c| c - c.floor()).collect();
    for _ in 0..left.clamp(0, cents.len() as i64) {
        let mut largest = 0;
        for (i, r) in remainders.iter().enumerate() {
            if *r > remainders[largest] {
                largest = i;
            }
        }
        cents[largest] += 1;
        remainders[largest] = -1.0;
    }
    Some(cents)
}

/// Rows on their way to CSV text: each cell defused ([`neutralise`]), CRLF line ends, the
/// byte-order mark first.
#[derive(Default)]
struct Table<'a> {
    text: String,
    /// The Monte Carlo run, whose percentiles fill three more columns.
    run: Option<&'a Uncertainty>,
}

impl Table<'_> {
    /// A row; with a run, its percentile cells are the header's or empty.
    fn add<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        let header = self.text.is_empty();
        let spread = match self.run {
            Some(_) if header => SPREAD_HEADER.iter().map(|c| c.to_string()).collect(),
            Some(_) => vec![String::new(); 3],
            None => Vec::new(),
        };
        self.write(cells, spread);
    }

    /// A figure's row, with the percentiles of the figure `id` when the run has them.
    fn figure<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>, id: &str, unit: Unit) {
        let spread = match self.run {
            Some(run) => match run.spread(id) {
                Some(p) => [p.p10, p.p50, p.p90].map(|v| figure(v, unit)).to_vec(),
                None => vec![String::new(); 3],
            },
            None => Vec::new(),
        };
        self.write(cells, spread);
    }

    fn write<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>, spread: Vec<String>) {
        let cells = cells
            .into_iter()
            .map(|c| neutralise(c.as_ref()).into_owned())
            .chain(spread);
        records::write(&mut self.text, cells, "\r\n");
    }

    fn text(self) -> String {
        format!("{BOM}{}", self.text)
    }
}

/// The download's file name: `headroom-<scenario name as a slug>-<date>.csv`, e.g.
/// `headroom-agent-platform-2026-11-23.csv`. The slug keeps ASCII letters and digits, lowercased,
/// joined by single hyphens; a name with none gives `scenario`.
pub fn file_name(scenario_name: &str, date: &str) -> String {
    format!("headroom-{}-{date}.csv", slug(scenario_name))
}

/// The projection's file name: `headroom-<slug>-projection-<date>.csv`.
pub fn projection_file_name(scenario_name: &str, date: &str) -> String {
    format!("headroom-{}-projection-{date}.csv", slug(scenario_name))
}

/// A scenario name as it goes into a file name: ASCII letters and digits, lowercased, joined
/// by single hyphens; a name with none gives `scenario`.
fn slug(scenario_name: &str) -> String {
    let mut slug = String::new();
    for c in scenario_name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() { "scenario" } else { slug }.to_string()
}

/// Defuses a cell a spreadsheet would evaluate (OWASP, "CSV Injection"), also behind leading
/// spaces (which an import may trim) and in their full-width forms (which some locales read as
/// the ASCII ones).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['\t', '\r'])
        || cell
            .trim_start()
            .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']);
    if risky && cell.trim().parse::<f64>().map_or(true, |v| !v.is_finite()) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.trim_start_matches(BOM).as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    fn preset(id: &str) -> (Scenario, Report) {
        let scenario = crate::scenario::presets::by_id(id).unwrap().scenario();
        let report = crate::engine::evaluate(&scenario);
        (scenario, report)
    }

    #[test]
    fn it_opens_with_the_answer_then_the_bill_inputs_metrics_prices_findings() {
        let (scenario, report) = preset("agent-platform");
        let rows = rows(&write(&scenario, &report));
        assert_eq!(rows[0], HEADER);
        let sections: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
        let ids: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
        assert_eq!(
            ids[..5],
            [
                "cost.total_monthly_usd",
                "deal.cost_per_customer_monthly_usd",
                "deal.revenue_monthly_usd",
                "deal.gross_margin_pct",
                "deal.break_even_contract_per_year_usd",
            ]
        );
        assert!(ids.contains(&"limits.binding_pct"));
        // Each block in its place, each once.
        let mut blocks: Vec<&str> = sections.clone();
        blocks.dedup();
        let metrics_from = blocks.iter().position(|s| *s == "Input").unwrap() + 1;
        let prices_at = blocks.iter().position(|s| *s == "Price").unwrap();
        assert_eq!(blocks[..metrics_from], ["Summary", "Bill", "Input"]);
        assert_eq!(blocks[prices_at..], ["Price", "Finding", "Catalog"]);
        assert!(prices_at - metrics_from > 5, "{blocks:?}");
        // Every metric once, the summary's and the bill's not repeated below.
        for m in &report.metrics {
            let count = ids.iter().filter(|id| **id == m.id.as_ref()).count();
            assert_eq!(count, 1, "{} is written once", m.id);
        }
    }

    #[test]
    fn every_figure_is_a_raw_number_without_float_noise_and_money_to_the_cent() {
        for preset in crate::scenario::presets::all() {
            let (scenario, report) = (
                preset.scenario(),
                crate::engine::evaluate(&preset.scenario()),
            );
            for row in rows(&write(&scenario, &report)).iter().skip(1) {
                let (section, id, value, unit) = (&row[0], &row[1], &row[3], &row[4]);
                if matches!(section.as_str(), "Input" | "Finding" | "Catalog") || value.is_empty() {
                    continue;
                }
                let number: f64 = value.parse().unwrap_or_else(|_| panic!("{id}: {value}"));
                assert!(number.is_finite() && !value.contains(','), "{id}: {value}");
                if section == "Price" {
                    continue;
                }
                let digits = value
                    .split(['e', 'E'])
                    .next()
                    .unwrap()
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>();
                let significant = digits.trim_start_matches('0').len();
                let per_period = ["USD/month", "USD/day", "USD/year"].contains(&unit.as_str());
                if unit.starts_with("USD") && (number.abs() >= 1.0 || per_period) {
                    let (_, decimals) = value.split_once('.').expect("cents");
                    assert_eq!(decimals.len(), 2, "{} {id}: {value}", preset.id);
                } else {
                    assert!(significant <= 10, "{} {id}: {value}", preset.id);
                }
            }
        }
    }

    #[test]
    fn findings_have_a_severity_and_prices_a_region_each_in_its_own_column() {
        let (scenario, report) = preset("agent-platform");
        let rows = rows(&write(&scenario, &report));
        let finding = rows.iter().find(|r| r[0] == "Finding").expect("a finding");
        assert!(["info", "warning"].contains(&finding[6].as_str()));
        assert_eq!(finding[4], "");
        let price = rows.iter().find(|r| r[0] == "Price").expect("a price");
        assert_eq!(price[5], "");
        assert_eq!(price[7], report.prices[0].region);
        // What the bill leaves out for want of a price is said in the summary.
        let left_out = rows
            .iter()
            .find(|r| r[1] == "cost.not_priced")
            .expect("a part unpriced");
        assert_eq!(left_out[0], "Summary");
        assert_eq!(
            left_out[2],
            "Left out of the bill (no price yet): The PostgreSQL server"
        );
    }

    /// Three customers of the seed-003 preset at half a request a second each: rounded one by
    /// one their costs made a cent less than the total.
    #[test]
    fn the_customers_costs_add_up_to_the_total_to_the_cent() {
        let mut scenario = crate::scenario::presets::by_id("inventory-cloud-run")
            .unwrap()
            .scenario();
        for customers in [3.0, 5.0] {
            scenario.deal.customers = customers;
            for group in &mut scenario.tenants {
                group.avg_qps = 0.5;
            }
            let report = crate::engine::evaluate(&scenario);
            let text = write(&scenario, &report);
            let cents_of = |id: &str| -> i64 {
                let row = text
                    .lines()
                    .find(|l| l.contains(&format!(",{id},")))
                    .unwrap_or_else(|| panic!("{id} is a row"));
                let value = row.split(',').nth(3).unwrap();
                crate::math::cents_of(value.parse().unwrap())
            };
            let mut ids: Vec<String> = (0..3)
                .map(|i| format!("deal.customers.{i}.cost_monthly_usd"))
                .collect();
            if customers > 3.0 {
                ids.push("deal.unlisted_cost_monthly_usd".to_string());
            }
            let sum: i64 = ids.iter().map(|id| cents_of(id)).sum();
            assert_eq!(
                sum,
                cents_of("cost.total_monthly_usd"),
                "{customers} customers"
            );
            // Each customer's figures come together right after the bill, for finance to read
            // as a table of its own.
            let mut blocks: Vec<&str> = (text.lines().skip(1))
                .map(|l| l.split(',').next().unwrap())
                .collect();
            blocks.dedup();
            assert_eq!(blocks[..4], ["Summary", "Bill", "Customers", "Input"]);
            let customer_rows = text.lines().filter(|l| l.starts_with("Customers,"));
            assert_eq!(customer_rows.count(), 3 * 5 + ids.len() - 3);
        }
    }

    #[test]
    fn the_bill_adds_up_to_the_total_to_the_cent() {
        assert_eq!(
            cents_summing_to(&[0.333, 0.333, 0.334], 1.0),
            Some(vec![33, 33, 34])
        );
        // Rounded one by one these would make $6.06, a cent over the total.
        assert_eq!(
            cents_summing_to(&[1.016, 2.016, 3.018], 6.05),
            Some(vec![102, 201, 302])
        );
        assert_eq!(cents_summing_to(&[2.0e13], 2.0e13), None);
        for preset in crate::scenario::presets::all() {
            let (scenario, report) = (
                preset.scenario(),
                crate::engine::evaluate(&preset.scenario()),
            );
            let rows = rows(&write(&scenario, &report));
            let cents = |v: &str| -> i64 { v.replace('.', "").parse().unwrap() };
            let total = rows
                .iter()
                .find(|r| r[1] == "cost.total_monthly_usd")
                .unwrap();
            let bill: i64 = rows
                .iter()
                .filter(|r| r[0] == "Bill")
                .map(|r| cents(&r[3]))
                .sum();
            assert_eq!(bill, cents(&total[3]), "{}", preset.id);
        }
    }

    #[test]
    fn the_projection_is_a_plan_with_a_column_per_month_from_the_launch() {
        let (mut scenario, _) = preset("workflow-saas");
        scenario.growth.months = 36;
        let report = crate::engine::evaluate(&scenario);
        let rows = rows(&write_projection(&report, None));
        assert_eq!(rows[0][..5], ["id", "label", "unit", "Launch", "Month 1"]);
        assert_eq!(rows[0].last().unwrap(), "Month 36");
        assert_eq!(rows.len(), 1 + report.projection[0].columns().count());
        let customers = &rows[1];
        assert_eq!(customers[..3], ["projection.customers", "Customers", ""]);
        // The launch column is the headline's: seed 003's ten customers, not month 1's.
        assert_eq!(customers[3], "10");
        assert!(rows.iter().all(|r| r.len() == 3 + 37));
        let total = rows
            .iter()
            .find(|r| r[0] == "projection.total_monthly_usd")
            .unwrap();
        assert_eq!(total[2], "USD/month");
        assert_eq!(
            total[3],
            crate::format::exported_money(report.value("cost.total_monthly_usd").unwrap())
        );
    }

    /// Found by a hostile review: the projection's band was in the page but not in the
    /// projection's CSV. It now follows the figures: the P10 and P90 of the total and the
    /// margin each month.
    #[test]
    fn the_projection_of_a_run_carries_its_band() {
        let (mut scenario, _) = preset("agent-platform");
        scenario.growth.months = 12;
        scenario.uncertainty.samples = 1_000.0;
        let path = "workload.runs_per_day";
        let runs = scenario.workload.runs_per_day;
        scenario.ranges.insert(
            path.into(),
            crate::scenario::ranges::Range {
                low: runs * 0.8,
                high: runs * 1.2,
                shape: crate::scenario::ranges::Shape::Lognormal,
            },
        );
        let report = crate::engine::evaluate(&scenario);
        let run = crate::engine::uncertainty::simulate(&scenario).unwrap();
        let rows = rows(&write_projection(&report, Some(&run)));
        let ids: Vec<&str> = rows[rows.len() - 4..].iter().map(|r| &*r[0]).collect();
        assert_eq!(
            ids,
            [
                "projection.total_monthly_usd.p10",
                "projection.total_monthly_usd.p90",
                "projection.gross_margin_pct.p10",
                "projection.gross_margin_pct.p90"
            ]
        );
        assert!(rows[rows.len() - 4][1].ends_with(", P10 of 1,000 samples"));
        assert!(rows.iter().all(|r| r.len() == 3 + 13));
        let (p10, p90) = (&rows[rows.len() - 4], &rows[rows.len() - 3]);
        for month in 3..16 {
            let (low, high): (f64, f64) =
                (p10[month].parse().unwrap(), p90[month].parse().unwrap());
            assert!(low < high, "{low} {high}");
        }
        assert_eq!(rows.len(), 1 + report.projection[0].columns().count() + 4);
    }

    #[test]
    fn file_names_are_safe_slugs() {
        assert_eq!(
            file_name("agent-platform", "2026-11-23"),
            "headroom-agent-platform-2026-11-23.csv"
        );
        assert_eq!(
            file_name("Acme / Q3 pilot!", "2026-11-23"),
            "headroom-acme-q3-pilot-2026-11-23.csv"
        );
        assert_eq!(
            file_name("../../etc", "2026-11-23"),
            "headroom-etc-2026-11-23.csv"
        );
        assert_eq!(
            file_name("  ", "2026-11-23"),
            "headroom-scenario-2026-11-23.csv"
        );
        assert_eq!(
            projection_file_name("Acme pilot", "2026-11-23"),
            "headroom-acme-pilot-projection-2026-11-23.csv"
        );
    }

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+1+1"), "'+1+1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tcmd"), "'\tcmd");
        assert_eq!(neutralise("\rcmd"), "'\rcmd");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("-inf"), "'-inf");
        assert_eq!(neutralise("-12.5"), "-12.5");
        assert_eq!(neutralise(" =1+1"), "' =1+1");
        assert_eq!(neutralise("\n@SUM(A1)"), "'\n@SUM(A1)");
        assert_eq!(neutralise("＝1+1"), "'＝1+1");
        assert_eq!(neutralise(" -12.5"), " -12.5");
        assert_eq!(neutralise("plain text"), "plain text");
    }
}
