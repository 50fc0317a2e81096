//! The engine: pure calculations from a [`Scenario`] to a [`Report`]. No web, no I/O.
//!
//! Each calculation family has its own module, and each formula lives in exactly one function
//! there, with a doc comment naming its source. The families run in the order data flows:
//! load → LLM → storage → compute → cost and deal.
//!
//! ```
//! use headroom::{engine, scenario::presets};
//! let scenario = presets::by_id("agent-platform").unwrap().scenario();
//! let report = engine::evaluate(&scenario);
//! assert_eq!(report.value("llm.tokens_per_day"), Some(150_000_000.0));
//! ```

pub mod deal;
pub mod demand;
pub mod growth;
pub mod headroom;
pub mod load;
pub mod queueing;
pub mod quotas;
pub mod services;
pub mod storage;
pub mod workers;

use crate::catalog::Catalog;
use crate::report::{
    Category, CostLine, LimitUse, Metric, PriceUsed, Report, SECTIONS, Severity, Text, Warning,
};
use crate::scenario::{Scenario, fields};
use crate::units::Unit;

/// Evaluates a scenario. The scenario should be valid ([`Scenario::validate`] is empty); the
/// engine does not panic on an invalid one, but its figures are then meaningless.
pub fn evaluate(scenario: &Scenario) -> Report {
    let mut out = Builder::new(scenario, true);
    run_families(scenario, &mut out);
    let limits = headroom::evaluate(&mut out);
    let reached_at_launch = out
        .warnings
        .iter()
        .filter(|w| w.severity == Severity::Warning)
        .map(|w| w.id.clone())
        .collect();
    let projection = growth::project(scenario, reached_at_launch, &mut out);
    let mut report = out.finish();
    report.projection = projection;
    report.limits = limits;
    report
}

/// The figures of one scenario without formulas or projection: what each projected month needs.
fn evaluate_figures(scenario: &Scenario) -> Report {
    let mut out = Builder::new(scenario, false);
    run_families(scenario, &mut out);
    out.finish()
}

/// What the engine hands a priced component: the scenario, and the figures of the load it
/// serves, as the families before it made them.
pub struct Served<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// The runs: arrival rates, concurrency, steps.
    pub load: &'a load::Load,
    /// The requests, connections and document operations of users and customers.
    pub demand: &'a demand::Demand,
    /// What the services add up to (their connection pools).
    pub services: &'a services::Services,
}

/// Runs every calculation family, in the order data flows: the load, the compute that serves
/// it, then each priced component whose section is on ([`crate::components`]), then quotas and
/// the deal. Families of a section the scenario leaves out do not run.
fn run_families(s: &Scenario, out: &mut Builder) {
    let load = if s.workload.enabled {
        let load = load::evaluate(s, out);
        if s.storage.enabled {
            storage::evaluate(s, &load, out);
        }
        workers::evaluate(s, &load, out);
        load
    } else {
        load::Load::default()
    };
    let demand = demand::evaluate(s, &load, out);
    let services = services::evaluate(s, &load, &demand, out);
    let served = Served {
        scenario: s,
        load: &load,
        demand: &demand,
        services: &services,
    };
    for group in fields::groups() {
        if let Some(component) = group.component(s)
            && group.is_on(s)
        {
            component.evaluate(&served, out);
        }
    }
    quotas::evaluate(s, &load, out);
    deal::evaluate(s, &load, out);
}

/// Collects metrics, warnings and the prices used while the families run.
pub struct Builder<'a> {
    scenario: &'a Scenario,
    catalog: &'static Catalog,
    metrics: Vec<Metric>,
    warnings: Vec<Warning>,
    prices: Vec<PriceUsed>,
    costs: Vec<CostLine>,
    limits: Vec<(Text, Text)>,
    explain: bool,
}

impl<'a> Builder<'a> {
    fn new(scenario: &'a Scenario, explain: bool) -> Self {
        Builder {
            scenario,
            catalog: Catalog::by_version(&scenario.catalog).unwrap_or_else(Catalog::current),
            metrics: Vec::with_capacity(48),
            warnings: Vec::new(),
            prices: Vec::new(),
            costs: Vec::with_capacity(8),
            limits: Vec::with_capacity(8),
            explain,
        }
    }

    /// Records a metric and returns its value, so a family can use what it just reported. The
    /// formula is written only when the report explains itself (not for the months of a
    /// projection, where only the figures are kept).
    pub fn metric(
        &mut self,
        id: impl Into<Text>,
        label: impl Into<Text>,
        unit: Unit,
        value: f64,
        formula: impl FnOnce() -> String,
    ) -> f64 {
        let formula = if self.explain {
            formula()
        } else {
            String::new()
        };
        self.metrics.push(Metric {
            id: id.into(),
            label: label.into(),
            value,
            unit,
            formula,
        });
        value
    }

    /// The value of a metric already recorded.
    pub fn value(&self, id: &str) -> Option<f64> {
        self.metrics.iter().find(|m| m.id == id).map(|m| m.value)
    }

    /// Whether the report explains itself: formulas are written, not only figures (a projected
    /// month keeps only the figures).
    pub fn explains(&self) -> bool {
        self.explain
    }

    /// Records a finding.
    pub fn warn(&mut self, id: impl Into<Text>, severity: Severity, message: String) {
        self.warnings.push(Warning {
            id: id.into(),
            severity,
            message,
        });
    }

    /// Records a line of the monthly bill; the total is the sum of the lines.
    pub fn cost(
        &mut self,
        id: impl Into<Text>,
        category: Category,
        label: impl Into<Text>,
        monthly_usd: f64,
    ) {
        self.costs.push(CostLine {
            id: id.into(),
            category,
            label: label.into(),
            monthly_usd,
            share_pct: 0.0,
        });
    }

    /// Notes a component whose price the user has not typed yet (one the price list does not
    /// give), so that a $0 line is never mistaken for a free one.
    pub fn price_not_typed(&mut self, what: &str, field: &str) {
        self.warn(
            "cost.price_not_typed",
            Severity::Info,
            format!("{what} but has no price yet: type {field} to include it in the bill."),
        );
    }

    /// Records a monthly amount the user typed as a metric and a line of the bill, noting it
    /// when it is still 0.
    pub fn typed_cost(
        &mut self,
        id: &'static str,
        category: Category,
        label: &'static str,
        monthly_usd: f64,
        missing: (&str, &str),
    ) {
        if monthly_usd <= 0.0 {
            self.price_not_typed(missing.0, missing.1);
        }
        let cost = self.metric(id, label, Unit::UsdPerMonth, monthly_usd, || {
            format!("price per month, as typed = {}", usd(monthly_usd))
        });
        self.cost(id, category, label, cost);
    }

    /// The lines of the bill recorded so far.
    pub fn costs(&self) -> &[CostLine] {
        &self.costs
    }

    /// Registers a capacity limit: the metric just recorded holds the share of it the peak
    /// uses, in percent. [`headroom::evaluate`] lines them up.
    pub fn limit(&mut self, label: impl Into<Text>, metric: impl Into<Text>) {
        self.limits.push((label.into(), metric.into()));
    }

    /// The limits registered, with the share of each the peak uses.
    fn limit_uses(&self) -> Vec<LimitUse> {
        self.limits
            .iter()
            .filter_map(|(label, metric)| {
                self.value(metric).map(|used_pct| LimitUse {
                    label: label.clone(),
                    metric: metric.clone(),
                    used_pct,
                })
            })
            .collect()
    }

    /// The price with this catalog id, or the scenario's override of it, recorded as used.
    pub fn price(&mut self, id: &str) -> f64 {
        let overridden = self.scenario.prices.get(id).copied();
        let Some(listed) = self.catalog.get(id) else {
            self.warn(
                "catalog.price_missing",
                Severity::Warning,
                format!(
                    "Catalog {} has no price {id}; it counts as 0.",
                    self.catalog.version
                ),
            );
            return 0.0;
        };
        let value = overridden.unwrap_or(listed.value);
        if !self.prices.iter().any(|p| p.id == id) {
            self.prices.push(PriceUsed {
                id: listed.id.clone(),
                label: listed.label.clone(),
                value,
                unit: listed.unit.clone(),
                region: listed.region.clone(),
                as_of: listed.as_of.clone(),
                source: match overridden {
                    Some(_) => format!(
                        "overridden in the scenario (list price {} from {})",
                        listed.value, listed.source
                    ),
                    None => listed.source.clone(),
                },
            });
        }
        value
    }

    /// A price the user typed into the scenario (a custom model), recorded as used.
    pub fn typed_price(&mut self, id: &str, label: &str, unit: &str, value: f64) -> f64 {
        if !self.prices.iter().any(|p| p.id == id) {
            self.prices.push(PriceUsed {
                id: id.to_string(),
                label: label.to_string(),
                value,
                unit: unit.to_string(),
                region: String::new(),
                as_of: String::new(),
                source: "typed in the scenario".to_string(),
            });
        }
        value
    }

    fn finish(mut self) -> Report {
        let rank = |id: &str| {
            let section = id.split('.').next().unwrap_or(id);
            SECTIONS
                .iter()
                .position(|(s, _)| *s == section)
                .unwrap_or(SECTIONS.len())
        };
        let metrics = by_rank(self.metrics, |m| rank(&m.id));
        // The bill category by category, each in the order the families priced its lines.
        self.costs = by_rank(self.costs, |line| line.category.rank());
        // Each line's share of the total, which is the lines' sum (deal.rs).
        let total: f64 = self.costs.iter().map(|c| c.monthly_usd).sum();
        for line in &mut self.costs {
            line.share_pct = 100.0 * ratio(line.monthly_usd, total);
        }
        let warnings = by_rank(self.warnings, |w| {
            usize::from(w.severity != Severity::Warning)
        });
        Report {
            metrics,
            warnings,
            prices: self.prices,
            costs: self.costs,
            catalog_version: self.catalog.version.to_string(),
            projection: Vec::new(),
            limits: Vec::new(),
        }
    }
}

/// `items` reordered by `rank`, a small whole number, keeping the order of items of equal rank
/// (a counting sort: the report's sections, categories and severities are few).
fn by_rank<T>(items: Vec<T>, rank: impl Fn(&T) -> usize) -> Vec<T> {
    let ranks: Vec<usize> = items.iter().map(rank).collect();
    let mut slots: Vec<Vec<T>> = Vec::new();
    for (item, r) in items.into_iter().zip(ranks) {
        if slots.len() <= r {
            slots.resize_with(r + 1, Vec::new);
        }
        slots[r].push(item);
    }
    slots.into_iter().flatten().collect()
}

/// Divides, treating a zero or non-finite denominator as "no rate": 0. The validated ranges keep
/// denominators positive; this guard keeps a report free of NaN and infinity whatever happens.
pub(crate) fn ratio(numerator: f64, denominator: f64) -> f64 {
    let q = numerator / denominator;
    if q.is_finite() { q } else { 0.0 }
}

/// Keeps a figure finite: NaN becomes 0 and overflow the largest finite number.
pub(crate) fn finite(x: f64) -> f64 {
    if x.is_nan() {
        0.0
    } else {
        x.clamp(f64::MIN, f64::MAX)
    }
}

/// A catalog price by id, for worked examples in tests.
#[cfg(test)]
pub(crate) fn catalog_price(id: &str) -> f64 {
    Catalog::current().get(id).map_or(f64::NAN, |p| p.value)
}

/// A number as it appears inside a formula.
pub(crate) fn n(value: f64) -> String {
    crate::format::plain(value)
}

/// An amount of money as it appears inside a formula.
pub(crate) fn usd(value: f64) -> String {
    crate::format::money(value)
}
