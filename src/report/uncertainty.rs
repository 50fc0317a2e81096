//! What the Monte Carlo run makes of the inputs given as a range
//! ([`crate::engine::uncertainty`]): each figure's percentiles, the odds that matter to a deal,
//! the spread of the month's bill and of the margin, what drives it, and the projection's band.

use super::{Text, Warning};
use crate::units::Unit;

/// The 10th, 50th and 90th percentiles of one figure over the samples.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Spread {
    /// The 10th percentile.
    pub p10: f64,
    /// The median.
    pub p50: f64,
    /// The 90th percentile.
    pub p90: f64,
}

/// One input given as a range, as the run drew it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Drawn {
    /// The input's path, e.g. `workload.runs_per_day`.
    pub path: String,
    /// Its label, with its item's for an item's input.
    pub label: String,
    /// Its unit.
    pub unit: Unit,
    /// The range.
    pub range: crate::scenario::ranges::Range,
    /// Its 5th percentile, median and 95th percentile.
    pub p5: f64,
    /// Its median.
    pub median: f64,
    /// Its 95th percentile.
    pub p95: f64,
}

/// The chance of something that matters to the deal, over the samples.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Odds {
    /// Stable id, e.g. `uncertainty.margin_below_target`.
    pub id: Text,
    /// What it is the chance of, e.g. "Gross margin below 70%".
    pub label: String,
    /// The share of the samples in which it happens, from 0 to 1.
    pub probability: f64,
}

/// How many samples fell in each of equal bins from `low` up; the first and last bins also hold
/// the few samples beyond the drawing's ends (the lowest and highest 0.5%).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Histogram {
    /// The low edge of the first bin.
    pub low: f64,
    /// Each bin's width (0 when every sample is the same).
    pub width: f64,
    /// Samples in each bin.
    pub counts: Vec<u32>,
    /// The figure's unit.
    pub unit: Unit,
    /// The least sample, which the first bin holds however far below its edge.
    pub min: f64,
    /// The greatest sample, which the last bin holds however far above its edge.
    pub max: f64,
}

impl Histogram {
    /// The high edge of the last bin.
    pub fn high(&self) -> f64 {
        self.low + self.width * self.counts.len() as f64
    }

    /// Whether samples lie beyond the bins' edges, counted in the first or last bin.
    pub fn is_trimmed(&self) -> bool {
        self.width > 0.0 && (self.min < self.low || self.max > self.high())
    }
}

/// One input swung from its 5th to its 95th percentile, the others at their medians: what it
/// does to the month's bill and to the margin.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Swing {
    /// The input's path.
    pub path: String,
    /// Its label, with its item's for an item's input.
    pub label: String,
    /// The month's total with the input at its 5th percentile, USD.
    pub total_at_p5: f64,
    /// The month's total with the input at its 95th percentile, USD.
    pub total_at_p95: f64,
    /// The gross margin with the input at its 5th percentile, percent.
    pub margin_at_p5: f64,
    /// The gross margin with the input at its 95th percentile, percent.
    pub margin_at_p95: f64,
    /// Spearman's rank correlation of the input with the month's total over the samples, from
    /// −1 to 1.
    pub rank_correlation: f64,
}

impl Swing {
    /// How far the month's total moves across the swing, USD.
    pub fn total_effect(&self) -> f64 {
        (self.total_at_p95 - self.total_at_p5).abs()
    }

    /// How far the margin moves across the swing, percentage points.
    pub fn margin_effect(&self) -> f64 {
        (self.margin_at_p95 - self.margin_at_p5).abs()
    }
}

/// The band of one projected month.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MonthBand {
    /// Months after launch.
    pub month: u32,
    /// The month's total, USD.
    pub total: Spread,
    /// Its gross margin, percent.
    pub margin: Spread,
}

/// Everything the Monte Carlo run made of a scenario's ranges.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Uncertainty {
    /// Samples drawn.
    pub samples: usize,
    /// Samples left out because the values drawn broke a rule tying inputs together, and the
    /// first such rule.
    pub left_out: (usize, Option<String>),
    /// The inputs drawn, in path order.
    pub inputs: Vec<Drawn>,
    /// Each figure of the point report that the samples have, by its id, with its percentiles.
    pub spreads: Vec<(Text, Spread)>,
    /// The chances that matter to the deal: the margin below its target, the bill over the
    /// budget, any limit reached, then each limit reached in some sample.
    pub odds: Vec<Odds>,
    /// The findings the odds make.
    pub findings: Vec<Warning>,
    /// The month's total over the samples.
    pub total: Histogram,
    /// The gross margin over the samples.
    pub margin: Histogram,
    /// The target margin, percent, and the budget (0 for none), as marked on the histograms.
    pub target_margin_pct: f64,
    /// The monthly budget, USD (0 for none).
    pub budget_monthly_usd: f64,
    /// What drives the spread: each input's swing, the widest effect on the total first.
    pub tornado: Vec<Swing>,
    /// The places in `tornado` of the swings, the widest effect on the margin first.
    pub tornado_by_margin: Vec<usize>,
    /// The month's total and margin with every input at its median.
    pub at_medians: (f64, f64),
    /// The projection's band, month by month from the launch.
    pub months: Vec<MonthBand>,
    /// Samples drawn for each month of the projection.
    pub projection_samples: usize,
}

impl Uncertainty {
    /// The percentiles of the figure `id`, if the samples have it.
    pub fn spread(&self, id: &str) -> Option<Spread> {
        self.spreads
            .binary_search_by(|(k, _)| k.as_ref().cmp(id))
            .ok()
            .map(|at| self.spreads[at].1)
    }

    /// The chance with this id.
    pub fn odds(&self, id: &str) -> Option<&Odds> {
        self.odds.iter().find(|o| o.id == id)
    }
}
