//! The report: what the engine makes of a scenario. Every figure is a [`Metric`] with a stable id,
//! a unit, and the formula (with the values that went into it) that produced it; the views and
//! exports only show what is here.

pub mod format;

use crate::units::Unit;

/// One computed figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    /// Stable id, `section.name_unit`, e.g. `load.peak_runs_per_sec`.
    pub id: &'static str,
    /// What it is, in words.
    pub label: &'static str,
    /// The value, in `unit`.
    pub value: f64,
    /// Its unit.
    pub unit: Unit,
    /// How it was made: the formula in words, then with the numbers that went into it.
    pub formula: String,
}

impl Metric {
    /// The section the metric belongs to: the part of its id before the first dot.
    pub fn section(&self) -> &'static str {
        self.id.split('.').next().unwrap_or(self.id)
    }
}

/// The report sections, in the order they are shown: (id prefix, title).
pub const SECTIONS: [(&str, &str); 7] = [
    ("load", "Load"),
    ("llm", "LLM"),
    ("storage", "Storage"),
    ("capacity", "Capacity"),
    ("workers", "Worker pool"),
    ("cost", "Cost"),
    ("deal", "Deal"),
];

/// The title of a section id, e.g. `Load` for `load`.
pub fn section_title(section: &str) -> &'static str {
    SECTIONS
        .iter()
        .find(|(id, _)| *id == section)
        .map_or("Other", |(_, title)| *title)
}

/// How much a warning matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The plan does not hold as entered: demand above a limit, a budget overrun, a loss.
    Warning,
    /// Worth knowing, not wrong.
    Info,
}

impl Severity {
    /// `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A capacity or budget finding.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    /// Stable id, e.g. `capacity.instances_above_max`.
    pub id: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// What is wrong and by how much.
    pub message: String,
}

/// A price the report used, with where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceUsed {
    /// Catalog id, or `custom.*` for prices typed in the scenario.
    pub id: String,
    /// What the price is for.
    pub label: String,
    /// The value used.
    pub value: f64,
    /// What the value counts.
    pub unit: String,
    /// Region or market.
    pub region: String,
    /// When the source showed it (empty for typed prices).
    pub as_of: String,
    /// Where it was read, or that the user typed or overrode it.
    pub source: String,
}

/// Everything the engine made of one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Every figure, grouped by section in [`SECTIONS`] order.
    pub metrics: Vec<Metric>,
    /// Findings, most severe first.
    pub warnings: Vec<Warning>,
    /// The prices used, in the order first used.
    pub prices: Vec<PriceUsed>,
    /// The catalog version the prices came from.
    pub catalog_version: String,
}

impl Report {
    /// The metric with this id.
    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }

    /// The value of the metric with this id, if there is one.
    pub fn value(&self, id: &str) -> Option<f64> {
        self.metric(id).map(|m| m.value)
    }

    /// The metrics of one section, in report order.
    pub fn section<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Metric> + 'a {
        self.metrics.iter().filter(move |m| m.section() == section)
    }
}
