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

pub mod compare;
pub mod customers;
pub mod deal;
pub mod demand;
pub mod growth;
pub mod headroom;
pub mod load;
pub mod poisson;
pub mod queueing;
pub mod quotas;
pub mod scaling;
pub mod services;
pub mod storage;
pub mod uncertainty;
pub mod work;
pub mod workers;

use crate::catalog::Catalog;
use crate::report::{
    Category, CostLine, LimitUse, Metric, PriceUsed, Report, SECTIONS, Severity, Text, Warning,
    same_text,
};
use crate::scenario::{LedgerStore, Scenario, fields};
use crate::units::Unit;

/// Evaluates a scenario. The scenario should be valid ([`Scenario::validate`] is empty); the
/// engine does not panic on an invalid one, but its figures are then meaningless.
pub fn evaluate(scenario: &Scenario) -> Report {
    let (mut out, limits) = evaluate_with(Builder::new(scenario, true));
    uncertainty::note_ranges_not_drawn(scenario, &mut out);
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

/// The figures of one scenario as the Monte Carlo run draws it ([`uncertainty`]): every figure
/// of [`evaluate`] (each listed customer's included), the bill, the findings (their ids and
/// severities: no message is written) and the limits, without formulas, prices used or
/// projection.
pub fn evaluate_sample(scenario: &Scenario) -> Report {
    evaluate_sample_into(scenario, Report::default())
}

/// [`evaluate_sample`] written into the lists of `spare`, a report read and done with: a run of
/// thousands of samples allocates them once, and their memory stays warm.
pub fn evaluate_sample_into(scenario: &Scenario, spare: Report) -> Report {
    let mut out = Builder::into(scenario, false, spare);
    out.findings_written = false;
    let (out, limits) = evaluate_with(out);
    let mut report = out.finish();
    report.limits = limits;
    report
}

/// Every family, each listed customer's economics and the limits lined up: what [`evaluate`]
/// and [`evaluate_sample`] share, with formulas written or not.
fn evaluate_with(mut out: Builder<'_>) -> (Builder<'_>, Vec<LimitUse>) {
    let scenario = out.scenario;
    run_families(scenario, &mut out);
    customers::evaluate(scenario, &mut out);
    let limits = headroom::evaluate(&mut out);
    (out, limits)
}

/// The figures of one scenario without formulas, prices used or projection: every metric's
/// value, the bill, the findings, and the figures a projected month shows, typed.
pub fn evaluate_figures(scenario: &Scenario) -> (Report, Summary) {
    let mut out = Builder::new(scenario, false);
    let summary = run_families(scenario, &mut out);
    (out.finish(), summary)
}

/// What one evaluation hands the projection, as the families made it: the figures a month's
/// row shows besides its bill.
#[derive(Clone, Copy, Debug, Default)]
pub struct Summary {
    /// Runs per day.
    pub runs_per_day: f64,
    /// Runs in flight at the peak.
    pub peak_concurrent_runs: f64,
    /// Instances at the peak, the run executor's and every service's.
    pub instances_peak: f64,
    /// What the step ledger grows by per day, in GB.
    pub ledger_gb_per_day: f64,
    /// The bill, revenue and margin.
    pub totals: deal::Totals,
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
    /// The step ledger's size under retention, in GB (0 without one).
    pub ledger_gb: f64,
}

impl Served<'_> {
    /// Requests a month and run steps a month, together: what touches a cache or an index once
    /// each per lookup.
    pub fn requests_and_steps_per_month(&self) -> f64 {
        self.demand.requests_per_month + self.load.steps_per_day * self.scenario.days_per_month()
    }

    /// Requests a month and runs a month, together: what writes an object or makes a trace.
    pub fn requests_and_runs_per_month(&self) -> f64 {
        self.demand.requests_per_month + self.load.runs_per_day * self.scenario.days_per_month()
    }

    /// The step ledger's GB when `store` keeps it, else 0: a store adds it to the data it bills.
    pub fn ledger_in(&self, store: LedgerStore) -> f64 {
        if self.scenario.storage.kept_in == store {
            self.ledger_gb
        } else {
            0.0
        }
    }
}

/// Runs every calculation family, in the order data flows: the load, the compute that serves
/// it, then each priced component whose section is on ([`crate::components`]), then quotas and
/// the deal. Families of a section the scenario leaves out do not run.
fn run_families(s: &Scenario, out: &mut Builder) -> Summary {
    let mut ledger_gb_per_day = 0.0;
    let load = if s.workload.enabled {
        let load = load::evaluate(s, out);
        if s.storage.enabled {
            ledger_gb_per_day = storage::evaluate(s, &load, out);
        }
        workers::evaluate(s, &load, out);
        load
    } else {
        load::Load::default()
    };
    let demand = demand::evaluate(s, &load, out);
    let services = services::evaluate(s, &load, &demand, out);
    let ledger_gb = match s.workload.enabled && s.storage.enabled {
        true => storage::retained_gb(ledger_gb_per_day, s.storage.retention_days),
        false => 0.0,
    };
    let served = Served {
        scenario: s,
        load: &load,
        demand: &demand,
        services: &services,
        ledger_gb,
    };
    if ledger_gb > 0.0 {
        storage::check_store(s, out);
    }
    for group in fields::groups() {
        if let Some(component) = group.component(s)
            && group.is_on(s)
        {
            component.evaluate(&served, out);
        }
    }
    quotas::evaluate(s, &load, out);
    let totals = deal::evaluate(s, &load, out);
    Summary {
        runs_per_day: load.runs_per_day,
        peak_concurrent_runs: load.peak_concurrent_runs,
        instances_peak: services.instances_peak,
        ledger_gb_per_day,
        totals,
    }
}

/// Collects metrics, warnings and the prices used while the families run.
pub struct Builder<'a> {
    scenario: &'a Scenario,
    catalog: &'static Catalog,
    metrics: Vec<Metric>,
    warnings: Vec<Warning>,
    prices: Vec<PriceUsed>,
    costs: Vec<CostLine>,
    /// Each limit registered: its label, its metric's id, and where the metric is listed when it
    /// was recorded before the limit (as it nearly always is).
    limits: Vec<(Text, Text, Option<usize>)>,
    unchecked: Vec<Text>,
    unpriced: Vec<Text>,
    catalog_version: String,
    explain: bool,
    /// Whether the findings' messages are written: everywhere but in a Monte Carlo sample.
    findings_written: bool,
}

impl<'a> Builder<'a> {
    fn new(scenario: &'a Scenario, explain: bool) -> Self {
        Builder::into(scenario, explain, Report::default())
    }

    /// A builder writing into the lists of `spare`, emptied: a report read and done with
    /// ([`evaluate_sample_into`]), or a new one.
    fn into(scenario: &'a Scenario, explain: bool, spare: Report) -> Self {
        let Report {
            mut metrics,
            mut warnings,
            mut prices,
            mut costs,
            catalog_version,
            mut unchecked,
            mut unpriced,
            ..
        } = spare;
        metrics.clear();
        metrics.reserve(48);
        warnings.clear();
        prices.clear();
        costs.clear();
        costs.reserve(8);
        unchecked.clear();
        unpriced.clear();
        Builder {
            scenario,
            catalog: Catalog::by_version(&scenario.catalog).unwrap_or_else(Catalog::current),
            metrics,
            warnings,
            prices,
            costs,
            limits: Vec::with_capacity(8),
            unchecked,
            unpriced,
            catalog_version,
            explain,
            findings_written: true,
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
        let formula = formula_for(self.explain, value, unit, formula);
        self.record(id.into(), label.into(), unit, value, formula)
    }

    /// Records a metric whose formula is written; kept out of line in the browser, as every
    /// figure calls it (in a fraction of the code), and inlined natively, where size is not
    /// downloaded and its arguments then pass in registers.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    fn record(&mut self, id: Text, label: Text, unit: Unit, value: f64, formula: String) -> f64 {
        self.metrics.push(Metric {
            id,
            label,
            value,
            unit,
            formula,
        });
        value
    }

    /// Records a metric whose formula is `template` with each `{}` replaced by the next of
    /// `args` ([`fill`]), and returns its value. The same as [`Builder::metric`] with a
    /// `format!` of [`n`] and [`usd`], in a fraction of the code: one writer for every figure.
    #[inline(never)]
    pub fn figure(
        &mut self,
        id: &'static str,
        label: &'static str,
        unit: Unit,
        value: f64,
        template: &'static str,
        args: &[Arg],
    ) -> f64 {
        let formula = formula_for(self.explain, value, unit, || fill(template, args));
        self.record(
            Text::Borrowed(id),
            Text::Borrowed(label),
            unit,
            value,
            formula,
        )
    }

    /// [`Builder::figure`] for a line of the bill: the metric, and the line under `category`
    /// named `line`.
    #[inline(never)]
    #[allow(clippy::too_many_arguments)]
    pub fn bill(
        &mut self,
        id: &'static str,
        label: &'static str,
        category: Category,
        line: &'static str,
        value: f64,
        template: &'static str,
        args: &[Arg],
    ) -> f64 {
        let cost = self.figure(id, label, Unit::UsdPerMonth, value, template, args);
        self.cost(id, category, line, cost);
        cost
    }

    /// Writes the formula of a figure recorded later (see [`formula_for`]); empty when the
    /// report does not explain itself.
    pub fn formula(&self, figure: f64, unit: Unit, write: impl FnOnce() -> String) -> String {
        formula_for(self.explain, figure, unit, write)
    }

    /// The scenario being evaluated.
    pub fn scenario(&self) -> &'a Scenario {
        self.scenario
    }

    /// The value of a metric already recorded.
    pub fn value(&self, id: &str) -> Option<f64> {
        // A family reads figures it, or the one before it, just made: from the newest.
        self.metrics
            .iter()
            .rev()
            .find(|m| same_text(&m.id, id))
            .map(|m| m.value)
    }

    /// Whether the report explains itself: formulas are written, not only figures (a projected
    /// month keeps only the figures).
    pub fn explains(&self) -> bool {
        self.explain
    }

    /// Records a finding; its message is written only where it is read (not in a sample of a
    /// Monte Carlo run, which reads the findings' ids).
    pub fn warn(
        &mut self,
        id: impl Into<Text>,
        severity: Severity,
        message: impl FnOnce() -> String,
    ) {
        let message = match self.findings_written {
            true => message(),
            false => String::new(),
        };
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

    /// Notes a part of the bill, `name`d, whose price the user has not typed yet (one the price
    /// list does not give), so that a $0 line is never mistaken for a free one and the total
    /// says what it leaves out.
    pub fn price_not_typed(&mut self, name: &str, field: &str) {
        self.leaves_out(
            "cost.price_not_typed",
            Severity::Info,
            name,
            format!("{name} has no price yet: type {field} to include it in the bill."),
        );
    }

    /// Records that the bill leaves out `name`, once however often it is priced, with the
    /// finding that says why.
    fn leaves_out(&mut self, id: &'static str, severity: Severity, name: &str, message: String) {
        if !self.unpriced.iter().any(|n| n == name) {
            self.warn(id, severity, || message);
            self.unpriced.push(Text::Owned(name.to_string()));
        }
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
        let metric = metric.into();
        // Found from the newest, a step or two back: read at the end without a search by id.
        let at = (self.metrics.iter()).rposition(|m| same_text(&m.id, &metric));
        self.limits.push((label.into(), metric, at));
    }

    /// Registers a limit the scenario does not check because the input that sets it is 0 (not
    /// known), so that the binding limit is never named without saying what was left out.
    pub fn unchecked(&mut self, label: impl Into<Text>) {
        self.unchecked.push(label.into());
    }

    /// The limits registered, with the share of each the peak uses.
    fn limit_uses(&self) -> Vec<LimitUse> {
        self.limits
            .iter()
            .filter_map(|(label, metric, at)| {
                let used_pct = match at {
                    Some(at) => self.metrics[*at].value,
                    None => self.value(metric)?,
                };
                Some(LimitUse {
                    label: label.clone(),
                    metric: metric.clone(),
                    used_pct,
                })
            })
            .collect()
    }

    /// The price with this catalog id, or the scenario's override of it, recorded as used. A
    /// price the catalog lists without a value (one the price list does not confirm) counts as
    /// 0 until the user types it, and a finding says so.
    pub fn price(&mut self, id: &str) -> f64 {
        let overridden = self.scenario.prices.get(id).copied();
        let Some(listed) = self.catalog.get(id) else {
            self.warn("catalog.price_missing", Severity::Warning, || {
                format!(
                    "Catalog {} has no price {id}; it counts as 0.",
                    self.catalog.version
                )
            });
            return 0.0;
        };
        let value = overridden.or(listed.value);
        if value.is_none() {
            let message = format!(
                "No price for “{}”: the price list does not have it, so the bill leaves it out. Type it under Prices used.",
                listed.label
            );
            self.leaves_out(
                "cost.price_not_listed",
                Severity::Warning,
                &listed.label,
                message,
            );
        }
        // The prices used are listed where the report explains itself; the figures alone do
        // not need them.
        if self.explain && !self.prices.iter().any(|p| p.id == id) {
            self.prices.push(PriceUsed {
                value,
                source: match (overridden, listed.value) {
                    (Some(_), Some(list)) => format!(
                        "overridden in the scenario (list price {list} from {})",
                        listed.source
                    ),
                    (Some(_), None) => format!("typed in the scenario ({})", listed.source),
                    (None, _) => listed.source.clone(),
                },
                // A price the list lacks has no date: the row says where to read it.
                as_of: match listed.value {
                    Some(_) => listed.as_of.clone(),
                    None => String::new(),
                },
                ..listed.clone()
            });
        }
        value.unwrap_or(0.0)
    }

    /// A price the user typed into the scenario (a custom model), recorded as used.
    pub fn typed_price(&mut self, id: &str, label: &str, unit: &str, value: f64) -> f64 {
        if self.explain && !self.prices.iter().any(|p| p.id == id) {
            self.prices.push(PriceUsed {
                id: id.to_string(),
                label: label.to_string(),
                value: Some(value),
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
        // A report that explains itself lists its figures section by section; the figures of a
        // projected month or a sample are read by id, in the order the families made them.
        let metrics = match self.explain {
            true => by_rank(self.metrics, |m| rank(&m.id)),
            false => self.metrics,
        };
        // The bill category by category, each in the order the families priced its lines.
        sort_short(&mut self.costs, |a, b| {
            a.category.rank() < b.category.rank()
        });
        // Each line's share of the total, which is the lines' sum (deal.rs).
        let total: f64 = self.costs.iter().map(|c| c.monthly_usd).sum();
        for line in &mut self.costs {
            line.share_pct = 100.0 * ratio(line.monthly_usd, total);
        }
        let mut warnings = self.warnings;
        sort_short(&mut warnings, |a, b| {
            a.severity == Severity::Warning && b.severity != Severity::Warning
        });
        if self.catalog_version != self.catalog.version {
            self.catalog_version = self.catalog.version.to_string();
        }
        Report {
            metrics,
            warnings,
            prices: self.prices,
            costs: self.costs,
            catalog_version: self.catalog_version,
            projection: Vec::new(),
            limits: Vec::new(),
            unchecked: self.unchecked,
            unpriced: self.unpriced,
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

/// Sorts a short list by `less` in place, keeping equal items in order: an insertion sort, as
/// the engine sorts a few dozen limits, figures' ids or inputs at a time, in a fraction of the
/// code of the standard library's sort.
pub(crate) fn sort_short<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
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
    Catalog::current()
        .get(id)
        .and_then(|p| p.value)
        .unwrap_or(f64::NAN)
}

std::thread_local! {
    /// The formula being written: the significant digits its numbers are shown with
    /// ([`crate::format::formula_digits`] of its figure) in the low byte, and the decimals its
    /// figure is shown with above; 0 outside a formula. One cell, set and restored once around
    /// each formula: every figure writes one.
    static FORMULA: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Writes the formula of `figure` with [`n`] and [`usd`] showing its numbers to the digits that
/// make it multiply out to the figure as shown; empty when `explain` is off (a projected month
/// keeps only its figures).
pub(crate) fn formula_for(
    explain: bool,
    figure: f64,
    unit: Unit,
    write: impl FnOnce() -> String,
) -> String {
    if !explain {
        return String::new();
    }
    let outer = enter_formula(figure, unit);
    let text = write();
    FORMULA.set(outer);
    text
}

/// Sets the digits of the formula about to be written for `figure`; returns those of the one
/// around it. Kept out of line: every figure's formula calls it.
#[inline(never)]
fn enter_formula(figure: f64, unit: Unit) -> usize {
    FORMULA.replace(
        crate::format::formula_digits(figure, unit)
            | crate::format::shown_decimals(figure, unit) << 8,
    )
}

/// The significant digits the numbers of the formula being written are shown with.
fn formula_digits() -> usize {
    FORMULA.get() & 0xff
}

/// A number as it appears inside a formula: with the digits that make the formula multiply out
/// to its figure as shown ([`crate::format::formula_digits`]).
pub(crate) fn n(value: f64) -> String {
    crate::format::operand(value, formula_digits())
}

/// `a − b` inside a formula, each shown (by `show`, [`n`] or [`usd`]) with the digits more that
/// two close numbers need for their difference to be as precise as the formula's other numbers:
/// `1 − 0.99904`, where `1 − 0.999` would make an idle share of 0.00096 read 0.001.
pub(crate) fn difference(a: f64, b: f64, show: fn(f64) -> String) -> String {
    let spread = crate::math::log10(ratio(a.abs().max(b.abs()), (a - b).abs()))
        .ceil()
        .clamp(0.0, 12.0) as usize;
    let outer = FORMULA.get();
    let digits = outer & 0xff;
    FORMULA.set(if digits == 0 { outer } else { outer + spread });
    let text = format!("{} − {}", show(a), show(b));
    FORMULA.set(outer);
    text
}

/// An amount of money as a line of a sum inside a formula: to a decimal more than the sum
/// shows, so that the lines as written add up to it ([`crate::format::money_term`]).
pub(crate) fn usd_term(value: f64) -> String {
    crate::format::money_term(value, FORMULA.get() >> 8)
}

/// A number of a formula written by [`fill`], shown as [`n`], [`usd`] or [`usd_term`] show it.
#[derive(Clone, Copy, Debug)]
pub enum Arg {
    /// A number ([`n`]).
    N(f64),
    /// An amount of money or a price ([`usd`]).
    Usd(f64),
    /// A line of a sum of money ([`usd_term`]).
    Term(f64),
}

/// `template` with each `{}` replaced by the next of `args`, each shown with the digits of the
/// formula being written; a `{}` without an argument is left out.
#[inline(never)]
pub(crate) fn fill(template: &str, args: &[Arg]) -> String {
    let mut text = String::with_capacity(template.len() + 12 * args.len());
    let mut args = args.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        text.push_str(&rest[..at]);
        if let Some(arg) = args.next() {
            text.push_str(&match *arg {
                Arg::N(v) => n(v),
                Arg::Usd(v) => usd(v),
                Arg::Term(v) => usd_term(v),
            });
        }
        rest = &rest[at + 2..];
    }
    text.push_str(rest);
    text
}

/// An amount of money as it appears inside a formula, as [`n`].
pub(crate) fn usd(value: f64) -> String {
    crate::format::money_operand(value, formula_digits())
}

/// One price a scenario uses that another catalog lists differently.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceChange {
    /// Its catalog id.
    pub id: String,
    /// What it is.
    pub label: String,
    /// Its unit.
    pub unit: String,
    /// The value the scenario is priced with now; `None` for a price it will newly use.
    pub before: Option<f64>,
    /// The value the other catalog lists; `None` for a price it will no longer use.
    pub after: Option<f64>,
}

/// What pricing a scenario with another catalog changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Repricing {
    /// The scenario priced with the other catalog.
    pub scenario: Scenario,
    /// The prices it uses that change, in the order the report lists them.
    pub changed: Vec<PriceChange>,
    /// The monthly total now, in USD.
    pub total_before: f64,
    /// The monthly total with the other catalog, in USD.
    pub total_after: f64,
}

/// Prices `scenario` with `catalog` instead of its own, and says what changes: each price it uses
/// that the catalog lists at another value, and the monthly total before and after. A price the
/// user typed over stays as typed. Refused, with the reason, when the catalog cannot price the
/// scenario (it lacks the scenario's model, or a price the scenario overrides).
pub fn repricing(scenario: &Scenario, catalog: &'static Catalog) -> Result<Repricing, String> {
    let repriced = Scenario {
        catalog: catalog.version.to_string(),
        ..scenario.clone()
    };
    if let Some(error) = repriced.validate().into_iter().next() {
        return Err(format!(
            "Catalog {} cannot price this scenario: {}",
            catalog.version, error.message
        ));
    }
    let before = evaluate(scenario);
    let after = evaluate(&repriced);
    let mut changed: Vec<PriceChange> = Vec::new();
    for new in &after.prices {
        let old = before.prices.iter().find(|p| p.id == new.id);
        if old.is_none_or(|old| old.value != new.value) {
            changed.push(PriceChange {
                id: new.id.clone(),
                label: new.label.clone(),
                unit: new.unit.clone(),
                before: old.and_then(|p| p.value),
                after: new.value,
            });
        }
    }
    for old in &before.prices {
        if after.prices.iter().all(|p| p.id != old.id) {
            changed.push(PriceChange {
                id: old.id.clone(),
                label: old.label.clone(),
                unit: old.unit.clone(),
                before: old.value,
                after: None,
            });
        }
    }
    Ok(Repricing {
        total_before: before.total_monthly_usd(),
        total_after: after.total_monthly_usd(),
        scenario: repriced,
        changed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::TEST_CATALOG;
    use crate::export::link;
    use crate::scenario::presets;

    /// A sample written into the lists of another scenario's report is the sample made afresh:
    /// nothing of the report before is left in it.
    #[test]
    fn a_sample_written_into_a_spare_report_is_made_afresh() {
        let all = presets::all();
        for (i, preset) in all.iter().enumerate() {
            let scenario = preset.scenario();
            let other = all[(i + 1) % all.len()].scenario();
            let spare = evaluate(&other);
            assert_eq!(
                evaluate_sample_into(&scenario, spare),
                evaluate_sample(&scenario),
                "{}",
                preset.id
            );
        }
    }

    #[test]
    fn a_scenario_keeps_its_catalog_and_reprices_with_another() {
        // A scenario priced with catalog 2026-11 keeps its figures once another catalog exists:
        // its link records the version, and the engine prices with that version.
        let mut s = presets::by_id("inventory-cloud-run").unwrap().scenario();
        s.services[0].min_instances = 0.0;
        // As a link of catalog 2026-11 held it: without the components that catalog predates.
        s.catalog = "2026-11".to_string();
        s.cache = crate::scenario::Cache::default();
        s.monitoring = crate::scenario::Monitoring::default();
        let old = evaluate(&s);
        let reopened = link::decode(&link::encode(&s)).unwrap();
        assert_eq!(reopened.catalog, "2026-11");
        assert_eq!(evaluate(&reopened), old);

        // Priced with the test catalog, the Cloud Run service's CPU costs 0.00003 a vCPU-second
        // instead of 0.000024: a quarter more.
        let newer = Catalog::by_version(TEST_CATALOG.0).unwrap();
        let repricing = repricing(&s, newer).unwrap();
        assert_eq!(repricing.scenario.catalog, TEST_CATALOG.0);
        assert_eq!(
            repricing.changed,
            [PriceChange {
                id: "gcp.run.request.vcpu_second".into(),
                label: "Cloud Run request-based: vCPU-second".into(),
                unit: "USD per vCPU-second".into(),
                before: Some(0.000024),
                after: Some(0.00003),
            }]
        );
        let new = evaluate(&repricing.scenario);
        let cpu = "services.0.cpu_cost_monthly_usd";
        let ratio = new.value(cpu).unwrap() / old.value(cpu).unwrap();
        assert!((ratio - 1.25).abs() < 1e-12, "{ratio}");
        assert!(repricing.total_after > repricing.total_before);
        assert_eq!(repricing.total_before, old.total_monthly_usd());
        // The repriced scenario's link keeps the new catalog in turn.
        let link = link::encode(&repricing.scenario);
        assert_eq!(link::decode(&link).unwrap().catalog, TEST_CATALOG.0);

        // A price typed over stays as typed: then nothing changes.
        s.prices
            .insert("gcp.run.request.vcpu_second".into(), 0.00002);
        assert!(repricing_changes_nothing(&s, newer));
    }

    fn repricing_changes_nothing(s: &Scenario, catalog: &'static Catalog) -> bool {
        let r = repricing(s, catalog).unwrap();
        r.changed.is_empty() && r.total_after == r.total_before
    }

    #[test]
    fn a_catalog_without_the_scenarios_prices_cannot_reprice_it() {
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        s.catalog = TEST_CATALOG.0.to_string();
        s.prices.insert("test.only".into(), 2.0);
        let old = Catalog::by_version("2026-11").unwrap();
        let refused = repricing(&s, old).unwrap_err();
        assert!(refused.contains("test.only"), "{refused}");
    }
}
