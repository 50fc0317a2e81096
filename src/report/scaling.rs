//! The scenario at other values of one driver, as the engine's scaling hands it to the views
//! and exports: tiers of the load, and the value at which each limit is first reached.

use super::{LimitUse, Text};
use crate::units::Unit;

/// What a driver is and what moves with it, as the tiers' heading says it.
#[derive(Clone, Debug, PartialEq)]
pub struct DriverInfo {
    /// Its key: `scale`, or the input's path (`users.concurrent_peak`, `tenants.0.peak_qps`).
    pub key: String,
    /// Its name in words: "Scale factor", "Concurrent users at the peak".
    pub label: String,
    /// The unit of its values.
    pub unit: Unit,
    /// Its value in the scenario as entered (1 for the scale factor).
    pub today: f64,
    /// What moves with it, in words: "every volume of use, in proportion".
    pub moves: String,
}

/// A column of the tiers table.
#[derive(Clone, Debug, PartialEq)]
pub struct TierColumn {
    /// Its stable key: a metric's id (`services.1.instances_peak`) or a column of its own
    /// (`vcpu_peak`, `compute_monthly_usd`, `total_monthly_usd`).
    pub key: Text,
    /// Its heading.
    pub label: Text,
    /// The unit of its figures.
    pub unit: Unit,
}

/// One tier: the driver's value and the scenario's figures there.
#[derive(Clone, Debug, PartialEq)]
pub struct Tier {
    /// The driver's value.
    pub value: f64,
    /// The figures, one per column of [`Tiers::columns`]; `None` where the scenario at this
    /// value has no such figure.
    pub figures: Vec<Option<f64>>,
    /// The tightest limit at the peak and how much of it is used.
    pub binding: Option<LimitUse>,
    /// Why the scenario cannot be evaluated at this value (an input pushed past what it
    /// accepts), instead of figures.
    pub error: Option<String>,
}

/// Tiers of one driver: one row per value.
#[derive(Clone, Debug, PartialEq)]
pub struct Tiers {
    /// The driver.
    pub driver: DriverInfo,
    /// The figures each tier has, in order.
    pub columns: Vec<TierColumn>,
    /// The tiers, in the order the values were given.
    pub tiers: Vec<Tier>,
}

/// Where, along the driver, a limit is first reached.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reached {
    /// At this value of the driver (the smallest found where the peak uses all of it).
    At(f64),
    /// Already at the lowest value searched, this one.
    AtOrBelow(f64),
    /// Not up to the highest value searched, this one: past it the scenario's inputs would
    /// leave what they accept, or the search stops.
    Beyond(f64),
}

impl Reached {
    /// Its kind as a key (`at`, `at_or_below`, `beyond`) and its value.
    pub fn parts(self) -> (&'static str, f64) {
        match self {
            Reached::At(v) => ("at", v),
            Reached::AtOrBelow(v) => ("at_or_below", v),
            Reached::Beyond(v) => ("beyond", v),
        }
    }
}

/// One limit's breaking point.
#[derive(Clone, Debug, PartialEq)]
pub struct BreakingPoint {
    /// The limit, e.g. "cognitive-core: maximum instances".
    pub label: Text,
    /// The metric holding the share of it used.
    pub metric: Text,
    /// The share used in the scenario as entered, percent; `None` when the limit appears
    /// only at other values of the driver.
    pub used_today_pct: Option<f64>,
    /// Where it is first reached.
    pub reached: Reached,
}
