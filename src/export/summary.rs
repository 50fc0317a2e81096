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
//! assert!(first.chars().count() <= summary::FIRST_LINE_MAX_CHARS);
//! assert!(text.ends_with("https://example.com/#v7.x"));
//! ```

use crate::format;
use crate::report::{Metric, Report};
use crate::scenario::Scenario;

/// The most characters of the first line: a one-line ticket field (Jira's summary, a GitHub
/// issue title shown whole) holds 255.
pub const FIRST_LINE_MAX_CHARS: usize = 255;

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
    let name = match scenario.name.trim() {
        "" => "Unnamed scenario",
        name => name,
    };
    let answer = answer.join(", ");
    let first = fit(name, &answer, FIRST_LINE_MAX_CHARS);

    let mut detail = Vec::new();
    if let (Some(revenue), Some(metric)) = (
        figure("deal.revenue_monthly_usd"),
        report.metric("deal.revenue_monthly_usd"),
    ) {
        let how = metric.formula.split(" = ").last().unwrap_or_default();
        detail.push(format!("Revenue {revenue} ({how})."));
    }
    if !report.unchecked.is_empty() {
        let names: Vec<&str> = report.unchecked.iter().map(|l| l.as_ref()).collect();
        detail.push(format!(
            "Not checked (no limit typed): {}.",
            names.join(", ")
        ));
    }
    let warnings = report
        .warnings
        .iter()
        .filter(|w| w.severity == crate::report::Severity::Warning)
        .count();
    if warnings > 0 {
        detail.push(format!(
            "{warnings} {} in the report.",
            if warnings == 1 { "warning" } else { "warnings" }
        ));
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
    if whole.chars().count() <= max {
        return whole;
    }
    let answer_len = answer.chars().count();
    let room_for_name = max.saturating_sub(answer_len + 2).max(20);
    let name = shorten(name, room_for_name);
    let room_for_answer = max.saturating_sub(name.chars().count() + 2);
    format!("{name}: {}", shorten(answer, room_for_answer))
}

/// `text` cut to at most `max` characters, ending with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
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
            assert!(first.chars().count() <= FIRST_LINE_MAX_CHARS, "{first}");
            assert!(
                first.starts_with(&format!("{}: $", scenario.name)),
                "{first}"
            );
            for part in ["/month", "gross margin ", "break-even $", "binding limit "] {
                assert!(first.contains(part), "{}: {first} lacks {part}", preset.id);
            }
            assert!(lines[1].contains(&report.catalog_version), "{}", lines[1]);
            assert_eq!(lines[2], "https://headroom.example/#v7.abc");
            assert!(!text.contains("NaN"), "{text}");
        }
    }

    #[test]
    fn a_long_name_and_a_long_limit_still_fit_the_first_line() {
        let mut scenario = presets::by_id("ux-flow-engine").unwrap().scenario();
        scenario.name = "N".repeat(60);
        for service in &mut scenario.services {
            service.name = "S".repeat(60);
        }
        let report = engine::evaluate(&scenario);
        let text = write(&scenario, &report, "l");
        let first = text.lines().next().unwrap();
        assert!(first.chars().count() <= FIRST_LINE_MAX_CHARS, "{first}");
        assert!(first.contains("gross margin"), "{first}");
        assert_eq!(
            fit(&"a".repeat(300), &"b".repeat(300), 255).chars().count(),
            255
        );
    }

    #[test]
    fn limits_left_unchecked_are_said() {
        let scenario = presets::by_id("agent-platform").unwrap().scenario();
        let report = engine::evaluate(&scenario);
        assert!(!report.unchecked.is_empty());
        let text = write(&scenario, &report, "l");
        assert!(text.contains("Not checked (no limit typed): LLM"), "{text}");
    }
}
