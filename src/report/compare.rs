//! Two scenarios side by side, as the engine's comparison hands it to the exports: the inputs
//! that differ, then every headline figure, line of the bill and limit that moves, largest
//! change first.

use super::Text;
use crate::units::Unit;

/// How an input differs between the first scenario and the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Both have it, with different values.
    Changed,
    /// Only the second has it (a list item added, a price typed over, a range given).
    Added,
    /// Only the first has it.
    Removed,
}

impl Change {
    /// Its key, as the exports write it.
    pub fn key(self) -> &'static str {
        match self {
            Change::Changed => "changed",
            Change::Added => "added",
            Change::Removed => "removed",
        }
    }
}

/// One input that differs.
#[derive(Clone, Debug, PartialEq)]
pub struct InputChange {
    /// Its path: `workload.runs_per_day`, `services.1.vcpu`, `prices.<id>`, `ranges.<path>`.
    pub path: String,
    /// Its label, naming its item.
    pub label: String,
    /// How it differs.
    pub change: Change,
    /// Its value in the first scenario, as typed; empty where it has none.
    pub before: String,
    /// Its value in the second.
    pub after: String,
}

/// One figure that moves: a headline figure or a line of the bill.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureChange {
    /// Its id.
    pub id: Text,
    /// Its label.
    pub label: Text,
    /// Its unit.
    pub unit: Unit,
    /// Its value in the first scenario; `None` where it has none.
    pub before: Option<f64>,
    /// Its value in the second.
    pub after: Option<f64>,
}

impl FigureChange {
    /// The second value less the first (a figure one side lacks counts as 0 there).
    pub fn difference(&self) -> f64 {
        self.after.unwrap_or(0.0) - self.before.unwrap_or(0.0)
    }

    /// The difference as a percentage of the first value; `None` when the first is 0 or
    /// missing.
    pub fn difference_pct(&self) -> Option<f64> {
        self.before
            .filter(|b| *b != 0.0)
            .map(|b| 100.0 * self.difference() / b.abs())
    }
}

/// What differs between two scenarios.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    /// The inputs that differ, in form order (the first scenario's order for those removed).
    pub inputs: Vec<InputChange>,
    /// The headline figures that move, largest change relative to the first value first.
    pub headlines: Vec<FigureChange>,
    /// The lines of the bill that move, largest change in dollars first.
    pub costs: Vec<FigureChange>,
    /// The limits whose use at the peak moves (a maximum raised, a target set), largest change
    /// in points first; each as the percentage of it used.
    pub limits: Vec<FigureChange>,
    /// The lines of the bill the same in both.
    pub costs_unchanged: usize,
}

impl Comparison {
    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
            && self.headlines.is_empty()
            && self.costs.is_empty()
            && self.limits.is_empty()
    }
}
