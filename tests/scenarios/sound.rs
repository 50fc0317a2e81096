//! What every report must be, whatever the scenario: figures a person can read.

use headroom::report::Report;
use headroom::scenario::Scenario;
use headroom::scenario::fields::{self, Kind, Value};

/// The first thing wrong with `report`, the evaluation of `scenario`: a figure that is not
/// finite, or negative where it cannot be (a gross margin, the deal's or a customer's, may be
/// negative: that is what it means; so may what a customer adds to the bill, the bill with it
/// less the bill without it, where its load keeps instances busy that would otherwise idle at
/// a rate typed above the busy one); "NaN" or "inf" in a formula or a finding; a price that is not a finite non-negative
/// number; a projection that does not cover every month of the horizon.
pub fn problem(scenario: &Scenario, report: &Report) -> Option<String> {
    if let Some(problem) = problem_at_launch(scenario, report) {
        return Some(problem);
    }
    // The launch, then each month projected.
    let months = scenario.growth.months as usize + 1;
    if report.projection.len() != months {
        return Some(format!(
            "{} projected months, not {months}",
            report.projection.len()
        ));
    }
    for month in &report.projection {
        for (key, _, _, value) in month.columns() {
            if !value.is_finite() || (value < 0.0 && key != "gross_margin_pct") {
                return Some(format!("month {} {} = {}", month.month, key, value));
            }
        }
    }
    None
}

/// The first thing wrong with the launch figures of `report` (all of [`problem`] but the
/// projection): what `engine::evaluate_figures` gives is checked with this.
pub fn problem_at_launch(scenario: &Scenario, report: &Report) -> Option<String> {
    let own = own_texts(scenario);
    let unreadable = |text: &str| shows_non_number(text, &own);
    for m in &report.metrics {
        if !m.value.is_finite() {
            return Some(format!("{} = {}", m.id, m.value));
        }
        let may_be_negative = ["gross_margin_pct", "marginal_monthly_usd"];
        if m.value < 0.0 && !may_be_negative.iter().any(|key| m.id.ends_with(key)) {
            return Some(format!("{} = {} is negative", m.id, m.value));
        }
        if unreadable(&m.formula) {
            return Some(format!("{}: {}", m.id, m.formula));
        }
    }
    if let Some(w) = report.warnings.iter().find(|w| unreadable(&w.message)) {
        return Some(format!("{}: {}", w.id, w.message));
    }
    if let Some(p) = report
        .prices
        .iter()
        .find(|p| !p.value.is_none_or(|v| v.is_finite() && v >= 0.0))
    {
        return Some(format!("price {} = {:?}", p.id, p.value));
    }
    None
}

/// The texts the user typed into the scenario (its name, the names of services and customers):
/// they may hold anything, "inf" included.
fn own_texts(scenario: &Scenario) -> Vec<String> {
    let mut texts: Vec<String> = fields::all(scenario)
        .filter(|f| matches!(f.kind(), Kind::Text { .. }))
        .filter_map(|f| match f.get(scenario) {
            Some(Value::Text(text)) if !text.is_empty() => Some(text),
            _ => None,
        })
        .collect();
    // The longest first, so that a name holding another is taken out whole.
    texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
    texts
}

/// Whether `text` shows a number that is not one, as Rust writes it ("NaN", "inf") as a word of
/// its own, once the user's own texts are taken out of it.
fn shows_non_number(text: &str, own: &[String]) -> bool {
    let mut text = text.to_string();
    for t in own {
        text = text.replace(t.as_str(), " ");
    }
    text.split(|c: char| !c.is_alphanumeric())
        .any(|word| word == "NaN" || word == "inf")
}
