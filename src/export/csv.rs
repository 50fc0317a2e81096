//! The CSV for finance: every metric, then every input the form shows (those of a section
//! switched off are left out; each list item's are in), the prices used with their sources, the
//! month-by-month projection, the findings, and the catalog version — one rectangular table,
//! raw numbers, written with the `csv` crate. The browser's download and
//! `headroom eval --format csv` are the same bytes.

use std::borrow::Cow;

use crate::report::{Report, section_title};
use crate::scenario::Scenario;
use crate::scenario::fields;

/// The header row.
pub const HEADER: [&str; 8] = [
    "section", "id", "label", "value", "unit", "formula", "as_of", "source",
];

/// The UTF-8 byte-order mark the file starts with.
pub const BOM: &str = "\u{feff}";

/// The CSV text of a report and the scenario that produced it.
pub fn write(scenario: &Scenario, report: &Report) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut row = |cells: [&str; 8]| {
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(cells.iter().map(|c| neutralise(c).into_owned()));
    };
    row(HEADER);
    for m in &report.metrics {
        row([
            section_title(m.section()),
            &m.id,
            &m.label,
            &number(m.value),
            m.unit.symbol(),
            &m.formula,
            "",
            "",
        ]);
    }
    for field in fields::all(scenario).filter(|f| f.shown(scenario)) {
        let value = field.get(scenario).map(|v| v.to_text()).unwrap_or_default();
        row([
            "Input",
            &field.path(),
            &input_label(field, scenario),
            &value,
            field.unit().symbol(),
            "",
            "",
            "",
        ]);
    }
    for p in &report.prices {
        row([
            "Price",
            &p.id,
            &p.label,
            &number(p.value),
            &p.unit,
            &p.region,
            &p.as_of,
            &p.source,
        ]);
    }
    for month in &report.projection {
        for (key, label, unit, value) in month.columns() {
            row([
                "Projection",
                &format!("projection.month_{:02}.{key}", month.month),
                &format!("Month {}: {label}", month.month),
                &number(value),
                unit.symbol(),
                "",
                "",
                "",
            ]);
        }
    }
    for w in &report.warnings {
        row([
            "Finding",
            &w.id,
            &w.message,
            "",
            w.severity.as_str(),
            "",
            "",
            "",
        ]);
    }
    row([
        "Catalog",
        "catalog.version",
        "Price catalog version",
        &report.catalog_version,
        "",
        "",
        "",
        "",
    ]);
    let bytes = writer.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

/// An input's label in the CSV: an item's input names its item, e.g. "Service 2 (api): vCPU
/// per instance".
fn input_label(field: fields::Field, scenario: &Scenario) -> String {
    match field.owner {
        fields::Owner::Item(list, index) => {
            let name = list
                .field(index, "name")
                .and_then(|name| name.get(scenario))
                .map(|name| name.to_text().trim().to_string())
                .filter(|name| !name.is_empty())
                .map(|name| format!(" ({name})"))
                .unwrap_or_default();
            format!("{} {}{name}: {}", list.item_label, index + 1, field.label())
        }
        fields::Owner::Section(_) => field.label().to_string(),
    }
}

/// The download's file name: `headroom-<scenario name as a slug>-<date>.csv`, e.g.
/// `headroom-agent-platform-2026-11-23.csv`. The slug keeps ASCII letters and digits, lowercased,
/// joined by single hyphens; a name with none gives `scenario`.
pub fn file_name(scenario_name: &str, date: &str) -> String {
    let mut slug = String::new();
    for c in scenario_name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "scenario" } else { slug };
    format!("headroom-{slug}-{date}.csv")
}

/// A raw number: the shortest decimal that reads back as the same value ([`format::raw`]).
fn number(value: f64) -> String {
    crate::format::raw(value)
}

/// Defuses a cell a spreadsheet would evaluate (OWASP, "CSV Injection").
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().map_or(true, |v| !v.is_finite()) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_projection_is_one_row_per_month_and_column() {
        let mut scenario = crate::scenario::presets::by_id("agent-platform")
            .unwrap()
            .scenario();
        scenario.growth.months = 36;
        let report = crate::engine::evaluate(&scenario);
        let text = write(&scenario, &report);
        let rows: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("Projection,"))
            .collect();
        assert_eq!(rows.len(), 36 * report.projection[0].columns().count());
        assert!(
            rows[0].starts_with("Projection,projection.month_01.customers,Month 1: Customers,1,")
        );
        assert!(
            rows.last()
                .unwrap()
                .starts_with("Projection,projection.month_36.retained_gb,")
        );
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
        assert_eq!(neutralise("plain text"), "plain text");
    }
}
