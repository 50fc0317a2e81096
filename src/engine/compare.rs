//! Comparing two scenarios, as `infracost diff` compares two plans: the inputs that changed,
//! were added or were removed, then each headline figure and each line of the bill that moves,
//! in dollars and percent, and each limit whose use moves, largest first. Both scenarios are evaluated as they are, each with
//! its own price catalog.

use super::evaluate;
use crate::report::compare::{Change, Comparison, FigureChange, InputChange};
use crate::report::{Report, Text};
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

/// The headline figures of both reports (each card's figure and the figure under it).
fn headline_ids(a: &Report, b: &Report) -> Vec<Text> {
    let mut ids: Vec<Text> = Vec::new();
    for report in [a, b] {
        for headline in report.headlines() {
            for metric in std::iter::once(headline.metric).chain(headline.detail) {
                if !ids.contains(&metric.id) {
                    ids.push(metric.id.clone());
                }
            }
        }
    }
    ids
}

/// What differs between scenario `a` and scenario `b`: the inputs, then the headline figures
/// and the lines of the bill that move.
pub fn compare(a: &Scenario, b: &Scenario) -> Comparison {
    let (ra, rb) = (evaluate(a), evaluate(b));
    let headlines = headline_ids(&ra, &rb)
        .into_iter()
        .filter_map(|id| {
            let metric = ra.metric(&id).or_else(|| rb.metric(&id))?;
            Some(FigureChange {
                label: metric.label.clone(),
                unit: metric.unit,
                before: ra.value(&id),
                after: rb.value(&id),
                id,
            })
        })
        .collect();
    let mut lines: Vec<FigureChange> = Vec::new();
    for (report, first) in [(&ra, true), (&rb, false)] {
        for line in &report.costs {
            if lines.iter().any(|l| l.id == line.id) {
                continue;
            }
            let other = if first { &rb } else { &ra };
            let there = (other.costs.iter())
                .find(|l| l.id == line.id)
                .map(|l| l.monthly_usd);
            let (before, after) = match first {
                true => (Some(line.monthly_usd), there),
                false => (there, Some(line.monthly_usd)),
            };
            lines.push(FigureChange {
                id: line.id.clone(),
                label: line.full_label().into(),
                unit: crate::units::Unit::UsdPerMonth,
                before,
                after,
            });
        }
    }
    let all_lines = lines.len();
    let costs = moved(lines, in_its_unit);
    let mut limits: Vec<FigureChange> = Vec::new();
    for limit in ra.limits.iter().chain(&rb.limits) {
        if limits.iter().any(|l| l.id == limit.metric) {
            continue;
        }
        let used = |report: &Report| {
            (report.limits.iter())
                .find(|l| l.metric == limit.metric)
                .map(|l| l.used_pct)
        };
        limits.push(FigureChange {
            id: limit.metric.clone(),
            label: limit.label.clone(),
            unit: crate::units::Unit::Percent,
            before: used(&ra),
            after: used(&rb),
        });
    }
    Comparison {
        inputs: input_changes(a, b),
        headlines: moved(headlines, relative),
        costs_unchanged: all_lines - costs.len(),
        costs,
        limits: moved(limits, in_its_unit),
    }
}
