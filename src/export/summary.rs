//! The summary for a ticket or a chat: one short paragraph that answers a deal's questions —
//! what it costs a month, the margin, the break-even price, the limit that binds first — then
//! the link that opens the scenario. Plain text; its first line fits a one-line ticket field.
//!
//! ```
//! use headroom::{engine, export::summary, scenario::presets};
//! let scenario = presets::by_id("agent-platform").unwrap().scenario();
//! let report = engine::evaluate(&scenario);
//! let text = summary::write(&scenario, &report, "https://example.com/#v7.x");
//! let first = text.lines().next().unwrap();
//! assert!(first.starts_with("agent-platform: $"));
//! assert!(summary::length(first) <= summary::FIRST_LINE_MAX_CHARS);
//! assert!(text.ends_with("https://example.com/#v7.x"));
//! ```

use crate::format;
use crate::report::{Metric, Report};
use crate::scenario::Scenario;
use crate::scenario::fields::{self, Value};

/// The most characters of the first line: a one-line ticket field (Jira's summary, a GitHub
/// issue title shown whole) holds 255, counted as JavaScript and Java count a string's length —
/// in UTF-16 code units, so that a character outside the Basic Multilingual Plane (an emoji,
/// `𝕏`) counts two ([`length`]).
pub const FIRST_LINE_MAX_CHARS: usize = 255;

/// A text's length as ticket tools count it: UTF-16 code units.
pub fn length(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The summary of `scenario`'s report, ending with `link`, the address that opens it.
pub fn write(scenario: &Scenario, report: &Report, link: &str) -> String {
    let figure = |id: &str| report.metric(id).map(shown);
    let mut answer = Vec::new();
    if let Some(total) = figure("cost.total_monthly_usd") {
        answer.push(total);
    }
    if let Some(margin) = figure("deal.gross_margin_pct") {
        answer.push(format!("gross margin {margin}"));
    }
    if let Some(break_even) = figure("deal.break_even_contract_per_year_usd") {
        answer.push(format!("break-even {break_even} per customer"));
    }
    if let Some(limit) = report.binding() {
        answer.push(format!(
            "binding limit {} at {}",
            limit.label,
            format::value(limit.used_pct, crate::units::Unit::Percent)
        ));
    }
    // A name of nothing visible (spaces, zero-width characters) is no name.
    let invisible = |c: char| {
        c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}')
    };
    let name = match scenario.name.trim_matches(invisible) {
        "" => "Unnamed scenario",
        name => name,
    };
    let answer = answer.join(", ");
    let first = fit(name, &answer, FIRST_LINE_MAX_CHARS);

    let mut detail = Vec::new();
    let inputs: Vec<String> = fields::DEAL_FIRST
        .iter()
        .filter_map(|path| fields::Field::resolve(path, scenario))
        .filter(|field| field.shown(scenario))
        .filter_map(|field| {
            let shown = match field.get(scenario)? {
                Value::Number(n) => format::with_unit(n, field.unit()),
                Value::Text(id) => field
                    .kind()
                    .options(fields::catalog_of(scenario))
                    .into_iter()
                    .find(|(option, _)| *option == id)
                    .map_or(id, |(_, label)| label.to_string()),
            };
            // A range reads after the value: "Runs per day: 10,000 runs/day (8,000 to 12,000)".
            let range = (scenario.ranges.get(&field.path())).map_or(String::new(), |r| {
                format!(
                    " ({} to {}, {})",
                    format::plain(r.low),
                    format::plain(r.high),
                    r.shape.id()
                )
            });
            Some(format!("{}: {shown}{range}", field.label()))
        })
        .collect();
    if !inputs.is_empty() {
        detail.push(format!("{}.", inputs.join("; ")));
    }
    if let (Some(revenue), Some(metric)) = (
        figure("deal.revenue_monthly_usd"),
        report.metric("deal.revenue_monthly_usd"),
    ) {
        let how = metric.formula.split(" = ").last().unwrap_or_default();
        detail.push(format!("Revenue {revenue} ({how})."));
    }
    for (list, what) in [
        (&report.unpriced, "Left out of the bill (no price yet)"),
        (&report.unchecked, "Not checked (no limit typed)"),
    ] {
        if !list.is_empty() {
            let names: Vec<&str> = list.iter().map(|l| l.as_ref()).collect();
            detail.push(format!("{what}: {}.", names.join(", ")));
        }
    }
    for warning in report
        .warnings
        .iter()
        .filter(|w| w.severity == crate::report::Severity::Warning)
    {
        detail.push(format!("Warning: {}", warning.message));
    }
    detail.push(format!(
        "Prices: catalog {}. Made with Headroom.",
        report.catalog_version
    ));
    format!("{first}\n{}\n{link}", detail.join(" "))
}

/// A figure as the report shows it, with its unit.
fn shown(metric: &Metric) -> String {
    format::with_unit(metric.value, metric.unit)
}

/// `name: answer`, within `max` characters: the name is shortened first (to no less than 20
/// characters), then the answer, each with an ellipsis.
fn fit(name: &str, answer: &str, max: usize) -> String {
    let whole = format!("{name}: {answer}");
    if length(&whole) <= max {
        return whole;
    }
    let room_for_name = max.saturating_sub(length(answer) + 2).max(20);
    let name = shorten(name, room_for_name);
    let room_for_answer = max.saturating_sub(length(&name) + 2);
    format!("{name}: {}", shorten(answer, room_for_answer))
}

/// `text` cut to at most `max` UTF-16 code units ([`length`]), ending with an ellipsis when
/// cut; never inside a character.
fn shorten(text: &str, max: usize) -> String {
    if length(text) <= max {
        return text.to_string();
    }
    let mut kept = String::new();
    for c in text.chars() {
        if length(&kept) + c.len_utf16() > max.saturating_sub(1) {
            break;
        }
        kept.push(c);
    }
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;
    use crate::scenario::presets;

    #[test]
    fn every_preset_answers_the_four_questions_on_a_first_line_that_fits_a_ticket() {
        for preset in presets::all() {
            let scenario = preset.scenario();
            let report = engine::evaluate(&scenario);
            let text = write(&scenario, &report, "https://headroom.example/#v7.abc");
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len(), 3, "{}: {text}", preset.id);
            let first = lines[0];
            assert!(length(first) <= FIRST_LINE_MAX_CHARS, "{first}");
            assert!(
                first.starts_with(&format!("{}: $", scenario.name)),
                "{first}"
            );
            for part in ["/month", "gross margin ", "break-even $", "binding limit "] {
                assert!(first.contains(part), "{}: {first} lacks {part}", preset.id);
            }
            assert!(lines[1].contains(&report.catalog_version), "{}", lines[1]);
            assert!(lines[1].contains("Customers: "), "{}", lines[1]);
            assert!(
                lines[1].contains("Contract value per customer: $"),
                "{}",
                lines[1]
            );
            for warning in &report.warnings {
                let said = lines[1].contains(&warning.message);
                assert_eq!(said, warning.severity == crate::report::Severity::Warning);
            }
            assert_eq!(lines[2], "https://headroom.example/#v7.abc");
            assert!(!text.contains("NaN"), "{text}");
        }
    }

    #[test]
    fn a_long_name_and_a_long_limit_still_fit_the_first_line() {
        let mut scenario = presets::by_id("ux-flow-engine").unwrap().scenario();
        for (name, service) in [
            ("N".repeat(60), "S".repeat(60)),
            ("𝕏".repeat(60), "🚀".repeat(39)),
        ] {
            scenario.name = name;
            for item in &mut scenario.services {
                item.name = service.clone();
            }
            let report = engine::evaluate(&scenario);
            let text = write(&scenario, &report, "l");
            let first = text.lines().next().unwrap();
            assert!(length(first) <= FIRST_LINE_MAX_CHARS, "{first}");
            assert!(first.contains("gross margin"), "{first}");
        }
        assert_eq!(length(&fit(&"a".repeat(300), &"b".repeat(300), 255)), 255);
        assert!(length(&fit(&"𝕏".repeat(300), &"b".repeat(300), 255)) <= 255);
        scenario.name = "\u{200b} ".to_string();
        let report = engine::evaluate(&scenario);
        assert!(write(&scenario, &report, "l").starts_with("Unnamed scenario: $"));
    }

    #[test]
    fn limits_left_unchecked_are_said() {
        let scenario = presets::by_id("agent-platform").unwrap().scenario();
        let report = engine::evaluate(&scenario);
        assert!(!report.unchecked.is_empty());
        let text = write(&scenario, &report, "l");
        assert!(text.contains("Not checked (no limit typed): LLM"), "{text}");
        assert!(
            text.contains("Runs per day: 10,000 runs/day; Model: Custom prices; Customers: 1; Contract value per customer: $500,000/year; Target gross margin: 70%."),
            "{text}"
        );
    }
}
