//! Comparing two scenarios, as `infracost diff` compares two plans: the inputs that changed,
//! were added or were removed, then each headline figure and each line of the bill that moves,
//! in dollars and percent, and each limit whose use moves, largest first. Both scenarios are evaluated as they are, each with
//! its own price catalog.

use super::evaluate;
use crate::report::compare::{Change, Comparison, FigureChange, InputChange};
use crate::report::{Metric, Report};
use crate::scenario::Scenario;
use crate::scenario::fields::{self, Field};

/// One input of a scenario as the comparison reads it: its path, label, value as typed, and
/// whether it applies to the scenario.
struct Typed {
    path: String,
    label: String,
    value: String,
    applies: bool,
}

/// Every input `scenario` holds, list items' included; then its price overrides
/// (`prices.<id>`), its ranges (`ranges.<path>`) and its catalog, which always apply.
fn inputs_of(scenario: &Scenario) -> Vec<Typed> {
    let mut inputs: Vec<Typed> = fields::all(scenario)
        .filter_map(|f: Field| {
            Some(Typed {
                value: f.get(scenario)?.to_text(),
                path: f.path().into_owned(),
                label: f.label_in(scenario),
                applies: f.shown(scenario),
            })
        })
        .collect();
    let always = |path: String, label: String, value: String| Typed {
        path,
        label,
        value,
        applies: true,
    };
    for (id, price) in scenario.prices.iter() {
        inputs.push(always(
            format!("prices.{id}"),
            format!("Price {id}"),
            crate::format::raw(*price),
        ));
    }
    for (path, range) in scenario.ranges.iter() {
        let label = Field::resolve(path, scenario)
            .map_or_else(|| path.to_string(), |f| f.label_in(scenario));
        inputs.push(always(
            format!("ranges.{path}"),
            format!("Range: {label}"),
            range.to_text(),
        ));
    }
    inputs.push(always(
        "catalog".to_string(),
        "Price catalog version".to_string(),
        scenario.catalog.clone(),
    ));
    inputs
}

/// The inputs that differ, where either scenario uses them: those both hold with different
/// values, those only the second holds (added), in its order, then those only the first holds
/// (removed). An input one scenario does not use (a section switched off) but holds at the
/// same value is no difference.
fn input_changes(a: &Scenario, b: &Scenario) -> Vec<InputChange> {
    let (before, after) = (inputs_of(a), inputs_of(b));
    let find = |list: &[Typed], path: &str| list.iter().position(|t| t.path == path);
    let mut changes: Vec<InputChange> = Vec::new();
    for new in &after {
        let (change, old) = match find(&before, &new.path).map(|i| &before[i]) {
            Some(old) if old.value == new.value || !(old.applies || new.applies) => continue,
            Some(old) => (Change::Changed, old.value.clone()),
            None if !new.applies => continue,
            None => (Change::Added, String::new()),
        };
        changes.push(InputChange {
            path: new.path.clone(),
            label: new.label.clone(),
            change,
            before: old,
            after: new.value.clone(),
        });
    }
    for old in before
        .iter()
        .filter(|t| t.applies && find(&after, &t.path).is_none())
    {
        changes.push(InputChange {
            path: old.path.clone(),
            label: old.label.clone(),
            change: Change::Removed,
            before: old.value.clone(),
            after: String::new(),
        });
    }
    changes
}

/// The figures that move between the two reports, largest change first: by `size`.
fn moved(figures: Vec<FigureChange>, size: fn(&FigureChange) -> f64) -> Vec<FigureChange> {
    let mut moved: Vec<FigureChange> = figures
        .into_iter()
        .filter(|f| f.before != f.after)
        .collect();
    moved.sort_by(|x, y| size(y).total_cmp(&size(x)));
    moved
}

/// A figure's change in its own unit: dollars a month for a line of the bill, points for a
/// limit's use.
fn in_its_unit(line: &FigureChange) -> f64 {
    line.difference().abs()
}

/// A headline figure's change relative to its first value, as figures of different units
/// (dollars a month, a year, a run; percent) compare only so: one the first scenario lacks, or
/// had at 0, counts as the largest.
fn relative(figure: &FigureChange) -> f64 {
    figure.difference_pct().map_or(f64::INFINITY, |p| p.abs())
}

/// The items of two lists, each id once, as it first appears: those of `a` in order, then those
/// of `b` that `a` lacks.
fn union_by_id<'r, T>(a: &'r [T], b: &'r [T], id: impl Fn(&T) -> &str) -> Vec<&'r T> {
    let mut union: Vec<&T> = Vec::new();
    for item in a.iter().chain(b) {
        if !union.iter().any(|u| id(u) == id(item)) {
            union.push(item);
        }
    }
    union
}

/// The headline figures of a report: each card's figure and the figure under it.
fn headline_metrics(report: &Report) -> Vec<&Metric> {
    (report.headlines().into_iter())
        .flat_map(|h| std::iter::once(h.metric).chain(h.detail))
        .collect()
}

/// What differs between scenario `a` and scenario `b`: the inputs, then the headline figures
/// and the lines of the bill that move. A figure, line or limit either report has is compared,
/// named as the first that has it names it.
pub fn compare(a: &Scenario, b: &Scenario) -> Comparison {
    let (ra, rb) = (evaluate(a), evaluate(b));
    let (ha, hb) = (headline_metrics(&ra), headline_metrics(&rb));
    let headlines = (union_by_id(&ha, &hb, |m| &m.id).into_iter())
        .map(|metric| FigureChange {
            id: metric.id.clone(),
            label: metric.label.clone(),
            unit: metric.unit,
            before: ra.value(&metric.id),
            after: rb.value(&metric.id),
        })
        .collect();
    let amount = |report: &Report, id: &str| {
        (report.costs.iter())
            .find(|l| l.id == id)
            .map(|l| l.monthly_usd)
    };
    let lines: Vec<FigureChange> = (union_by_id(&ra.costs, &rb.costs, |l| &l.id).into_iter())
        .map(|line| FigureChange {
            id: line.id.clone(),
            label: line.full_label().into(),
            unit: crate::units::Unit::UsdPerMonth,
            before: amount(&ra, &line.id),
            after: amount(&rb, &line.id),
        })
        .collect();
    let all_lines = lines.len();
    let costs = moved(lines, in_its_unit);
    let used = |report: &Report, id: &str| {
        (report.limits.iter())
            .find(|l| l.metric == id)
            .map(|l| l.used_pct)
    };
    let limits = (union_by_id(&ra.limits, &rb.limits, |l| &l.metric).into_iter())
        .map(|limit| FigureChange {
            id: limit.metric.clone(),
            label: limit.label.clone(),
            unit: crate::units::Unit::Percent,
            before: used(&ra, &limit.metric),
            after: used(&rb, &limit.metric),
        })
        .collect();
    Comparison {
        inputs: input_changes(a, b),
        headlines: moved(headlines, relative),
        costs_unchanged: all_lines - costs.len(),
        costs,
        limits: moved(limits, in_its_unit),
    }
}
