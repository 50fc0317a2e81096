//! The report: what the engine makes of a scenario. Every figure is a [`Metric`] with a stable id,
//! a unit, and the formula (with the values that went into it) that produced it; the views and
//! exports only show what is here.

use std::borrow::Cow;

pub mod compare;
pub mod scaling;
pub mod uncertainty;

use crate::units::Unit;

/// An id or label: a fixed text for the scenario's own figures, or one made for an item of a
/// list (a service's `services.0.instances_peak`, "api: instances at the peak").
pub type Text = Cow<'static, str>;

/// One computed figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    /// Stable id, `section.name_unit`, e.g. `load.peak_runs_per_sec`.
    pub id: Text,
    /// What it is, in words.
    pub label: Text,
    /// The value, in `unit`.
    pub value: f64,
    /// Its unit.
    pub unit: Unit,
    /// How it was made: the formula in words, then with the numbers that went into it.
    pub formula: String,
}

impl Metric {
    /// The section the metric belongs to: the part of its id before the first dot.
    pub fn section(&self) -> &str {
        self.id.split('.').next().unwrap_or(&self.id)
    }
}

/// The report sections, in the order they are shown: (id prefix, title).
pub const SECTIONS: [(&str, &str); 16] = [
    ("load", "Load"),
    ("demand", "Users and requests"),
    ("llm", "LLM"),
    ("storage", "Storage"),
    ("capacity", "Capacity"),
    ("workers", "Worker pool"),
    ("services", "Services"),
    ("database", "Databases"),
    ("cache", "Cache"),
    ("messaging", "Messaging"),
    ("network", "Network"),
    ("monitoring", "Monitoring"),
    ("fixed", "Fixed costs"),
    ("quotas", "Quotas"),
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Warning {
    /// Stable id, e.g. `capacity.instances_above_max`.
    pub id: Text,
    /// How much it matters.
    pub severity: Severity,
    /// What is wrong and by how much.
    pub message: String,
}

/// A price the report used, with where it came from: a catalog price, the user's override of
/// one (its source says so), or a price typed for a custom model (source "typed in the
/// scenario", no date).
pub type PriceUsed = crate::catalog::Price;

/// Everything the engine made of one scenario.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Every figure, grouped by section in [`SECTIONS`] order.
    pub metrics: Vec<Metric>,
    /// Findings, most severe first.
    pub warnings: Vec<Warning>,
    /// The prices used, in the order first used.
    pub prices: Vec<PriceUsed>,
    /// The catalog version the prices came from.
    pub catalog_version: String,
    /// The monthly bill, line by line, in the order the families priced them.
    pub costs: Vec<CostLine>,
    /// The month-by-month projection, months 1 to the scenario's growth horizon.
    pub projection: Vec<MonthFigures>,
    /// The limits the scenario sets and how much of each the peak uses, tightest first.
    pub limits: Vec<LimitUse>,
    /// The limits the scenario does not check because the input that sets them is 0 (not
    /// known), e.g. "LLM tokens per minute".
    pub unchecked: Vec<Text>,
    /// What the bill leaves out because its price is not typed yet (one the price list does
    /// not give), e.g. "The PostgreSQL server": the total is short of them.
    pub unpriced: Vec<Text>,
}

/// A headline figure, with a second figure that reads with it (the cost per customer under the
/// month's total when there are several customers; the break-even per run or per user under
/// the break-even contract).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Headline<'a> {
    /// What the card says it is, short enough for a narrow card: "Cost per month".
    pub label: &'static str,
    /// The figure.
    pub metric: &'a Metric,
    /// The figure that reads with it, if the scenario has one.
    pub detail: Option<&'a Metric>,
}

/// How much of one limit the peak uses.
#[derive(Clone, Debug, PartialEq)]
pub struct LimitUse {
    /// The limit, e.g. "Worker pool slots".
    pub label: Text,
    /// The metric holding the share used, in percent.
    pub metric: Text,
    /// The share used at the peak, in percent (above 100 when exceeded).
    pub used_pct: f64,
}

/// What a line of the bill pays for. The bill lists its lines category by category, the charts
/// colour them by category (the stylesheet's `--series-<key>`), and the projection has a cost
/// column for each category the bill has a line in. Every category is in [`Category::ALL`].
#[derive(Clone, Copy, Debug, Eq)]
pub struct Category {
    /// Its key, in CSV rows, the projection's columns (`<key>_monthly_usd`) and CSS classes.
    pub key: &'static str,
    /// Its name in words.
    pub title: &'static str,
    /// Its column in the projection, `<key>_monthly_usd`.
    pub column: &'static str,
    /// Its place in [`Category::ALL`]: what tells categories apart.
    place: u8,
}

/// Whether two texts are the same: at once when both are the same text in the program (an id
/// or a key nearly always is), else letter by letter.
pub fn same_text(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// Categories are the same when their places in [`Category::ALL`] are, as their keys are
/// unique (a test checks both).
impl PartialEq for Category {
    fn eq(&self, other: &Category) -> bool {
        self.place == other.place
    }
}

impl Category {
    /// Language-model tokens.
    pub const LLM: Category = Category::new(0, "llm", "LLM", "llm_monthly_usd");
    /// Cloud Run, Fargate and fixed instances.
    pub const COMPUTE: Category = Category::new(1, "compute", "Compute", "compute_monthly_usd");
    /// Aurora, Firestore, PostgreSQL.
    pub const DATABASE: Category = Category::new(2, "database", "Database", "database_monthly_usd");
    /// The cache cluster.
    pub const CACHE: Category = Category::new(3, "cache", "Cache", "cache_monthly_usd");
    /// Event bus or broker.
    pub const MESSAGING: Category =
        Category::new(4, "messaging", "Messaging", "messaging_monthly_usd");
    /// Egress and load balancer.
    pub const NETWORK: Category = Category::new(5, "network", "Network", "network_monthly_usd");
    /// Object storage, and the data a database keeps.
    pub const STORAGE: Category = Category::new(7, "storage", "Storage", "storage_monthly_usd");
    /// Logs, metrics and traces.
    pub const MONITORING: Category =
        Category::new(6, "monitoring", "Monitoring", "monitoring_monthly_usd");
    /// Monthly costs the user adds.
    pub const FIXED: Category = Category::new(8, "fixed", "Fixed costs", "fixed_monthly_usd");

    /// Every category, in the order the bill and the charts list them.
    pub const ALL: &'static [Category] = &[
        Category::LLM,
        Category::COMPUTE,
        Category::DATABASE,
        Category::CACHE,
        Category::MESSAGING,
        Category::NETWORK,
        Category::MONITORING,
        Category::STORAGE,
        Category::FIXED,
    ];

    const fn new(
        place: u8,
        key: &'static str,
        title: &'static str,
        column: &'static str,
    ) -> Category {
        Category {
            key,
            title,
            column,
            place,
        }
    }

    /// Its place in [`Category::ALL`].
    pub fn rank(self) -> usize {
        usize::from(self.place)
    }
}

/// The bill's lines in `category`, summed, USD per month (0 when it has none).
pub fn category_total(lines: &[CostLine], category: Category) -> f64 {
    lines
        .iter()
        .filter(|c| c.category == category)
        .map(|c| c.monthly_usd)
        .sum()
}

/// One line of the monthly bill.
#[derive(Clone, Debug, PartialEq)]
pub struct CostLine {
    /// The metric (or, for a typed fixed cost, the line) it comes from, e.g. `llm.cost_per_month_usd`.
    pub id: Text,
    /// What it pays for.
    pub category: Category,
    /// Its name, e.g. "Cloud Run" or a service's name.
    pub label: Text,
    /// USD per month.
    pub monthly_usd: f64,
    /// Its share of the month's total, in percent (0 when the total is 0).
    pub share_pct: f64,
}

impl CostLine {
    /// Its label with its category first, "Compute: Cloud Run", or the label alone where it is
    /// the category's name ("LLM").
    pub fn full_label(&self) -> String {
        if *self.label == *self.category.title {
            self.label.to_string()
        } else {
            format!("{}: {}", self.category.title, self.label)
        }
    }
}

/// One month of the projection: the figures at the end of month `month` after launch.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthFigures {
    /// Months after launch, from 1.
    pub month: u32,
    /// Customers expected: a straight line between the scenario's milestones, in whole
    /// customers.
    pub customers: f64,
    /// Users active at once at the peak, grown with the customers (0 without users).
    pub concurrent_users: f64,
    /// Runs per day, grown with the customers.
    pub runs_per_day: f64,
    /// Runs in flight at the peak hour.
    pub peak_concurrent_runs: f64,
    /// Instances needed at the peak: the run executor's and every service's.
    pub instances_peak: f64,
    /// The month's cost in each category the launch bill has a line in, in
    /// [`Category::ALL`] order, USD per month: every month carries the same categories.
    pub costs: Vec<(Category, f64)>,
    /// Total cost, USD per month.
    pub total_monthly_usd: f64,
    /// Contract revenue, USD per month.
    pub revenue_monthly_usd: f64,
    /// Gross margin, percent.
    pub gross_margin_pct: f64,
    /// The step ledger at the end of the month, under retention, GB.
    pub retained_gb: f64,
    /// Whether the scenario has runs (else its run columns are left out).
    pub has_runs: bool,
    /// Whether the scenario has users (else their column is left out).
    pub has_users: bool,
    /// Whether the runs keep a step ledger (else its column is left out).
    pub has_ledger: bool,
}

/// A column of the projection. The CSV, the CLI and the view all list a month through
/// [`MonthFigures::columns`]: the load columns, one cost column per category the month
/// carries (in [`Category::ALL`] order), then the total, revenue, margin and storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthColumn {
    /// Customers expected.
    Customers,
    /// Users active at once at the peak.
    ConcurrentUsers,
    /// Runs per day.
    RunsPerDay,
    /// Runs in flight at the peak hour.
    PeakConcurrentRuns,
    /// Instances at the peak, all services together.
    InstancesPeak,
    /// The month's cost in one category.
    Cost(Category),
    /// Total cost.
    Total,
    /// Contract revenue.
    Revenue,
    /// Gross margin.
    GrossMargin,
    /// The step ledger stored.
    RetainedGb,
}

impl MonthColumn {
    /// The columns before the cost categories.
    const BEFORE_COSTS: [MonthColumn; 5] = [
        MonthColumn::Customers,
        MonthColumn::ConcurrentUsers,
        MonthColumn::RunsPerDay,
        MonthColumn::PeakConcurrentRuns,
        MonthColumn::InstancesPeak,
    ];

    /// The columns after the cost categories.
    const AFTER_COSTS: [MonthColumn; 4] = [
        MonthColumn::Total,
        MonthColumn::Revenue,
        MonthColumn::GrossMargin,
        MonthColumn::RetainedGb,
    ];

    /// Its stable key, e.g. `total_monthly_usd`: the CSV's `projection.month_NN.<key>` and the
    /// JSON's field.
    pub fn key(self) -> &'static str {
        match self {
            MonthColumn::Customers => "customers",
            MonthColumn::ConcurrentUsers => "concurrent_users",
            MonthColumn::RunsPerDay => "runs_per_day",
            MonthColumn::PeakConcurrentRuns => "peak_concurrent_runs",
            MonthColumn::InstancesPeak => "instances_peak",
            MonthColumn::Cost(category) => category.column,
            MonthColumn::Total => "total_monthly_usd",
            MonthColumn::Revenue => "revenue_monthly_usd",
            MonthColumn::GrossMargin => "gross_margin_pct",
            MonthColumn::RetainedGb => "retained_gb",
        }
    }

    /// Its heading.
    pub fn label(self) -> &'static str {
        match self {
            MonthColumn::Customers => "Customers",
            MonthColumn::ConcurrentUsers => "Concurrent users",
            MonthColumn::RunsPerDay => "Runs per day",
            MonthColumn::PeakConcurrentRuns => "Peak concurrent runs",
            MonthColumn::InstancesPeak => "Instances at peak",
            MonthColumn::Cost(category) => category.title,
            MonthColumn::Total => "Total",
            MonthColumn::Revenue => "Revenue",
            MonthColumn::GrossMargin => "Gross margin",
            MonthColumn::RetainedGb => "Ledger stored since launch",
        }
    }

    /// Its unit.
    pub fn unit(self) -> Unit {
        match self {
            MonthColumn::Customers => Unit::Count,
            MonthColumn::ConcurrentUsers => Unit::Users,
            MonthColumn::RunsPerDay => Unit::RunsPerDay,
            MonthColumn::PeakConcurrentRuns => Unit::ConcurrentRuns,
            MonthColumn::InstancesPeak => Unit::Instances,
            MonthColumn::Cost(_) | MonthColumn::Total | MonthColumn::Revenue => Unit::UsdPerMonth,
            MonthColumn::GrossMargin => Unit::Percent,
            MonthColumn::RetainedGb => Unit::Gigabytes,
        }
    }
}

impl MonthFigures {
    /// Whether the month bills as `other`: the same customers, cost in each category, total
    /// and revenue (other figures, such as a ledger filling up, may differ).
    pub fn same_bill(&self, other: &MonthFigures) -> bool {
        self.costs == other.costs
            && self.total_monthly_usd == other.total_monthly_usd
            && self.revenue_monthly_usd == other.revenue_monthly_usd
            && self.customers == other.customers
    }

    /// Whether the month shows the same figures as `other` (whatever its number).
    pub fn same_as(&self, other: &MonthFigures) -> bool {
        MonthFigures {
            month: other.month,
            ..self.clone()
        } == *other
    }

    /// The month's cost in one category, if the projection carries that category.
    pub fn cost(&self, category: Category) -> Option<f64> {
        self.costs
            .iter()
            .find(|(c, _)| *c == category)
            .map(|(_, usd)| *usd)
    }

    /// The categories the month carries, with their cost, in [`Category::ALL`] order.
    pub fn costs(&self) -> impl Iterator<Item = (Category, f64)> + '_ {
        self.costs.iter().copied()
    }

    /// The month's columns, in table order.
    pub fn column_list(&self) -> impl Iterator<Item = MonthColumn> + '_ {
        let (runs, users, ledger) = (self.has_runs, self.has_users, self.has_ledger);
        MonthColumn::BEFORE_COSTS
            .into_iter()
            .filter(move |column| match column {
                MonthColumn::RunsPerDay | MonthColumn::PeakConcurrentRuns => runs,
                MonthColumn::ConcurrentUsers => users,
                _ => true,
            })
            .chain(
                self.costs()
                    .map(|(category, _)| MonthColumn::Cost(category)),
            )
            .chain(
                MonthColumn::AFTER_COSTS
                    .into_iter()
                    .filter(move |column| ledger || *column != MonthColumn::RetainedGb),
            )
    }

    /// The month's value in one column (0 for a category the month does not carry).
    pub fn value(&self, column: MonthColumn) -> f64 {
        match column {
            MonthColumn::Customers => self.customers,
            MonthColumn::ConcurrentUsers => self.concurrent_users,
            MonthColumn::RunsPerDay => self.runs_per_day,
            MonthColumn::PeakConcurrentRuns => self.peak_concurrent_runs,
            MonthColumn::InstancesPeak => self.instances_peak,
            MonthColumn::Cost(category) => self.cost(category).unwrap_or(0.0),
            MonthColumn::Total => self.total_monthly_usd,
            MonthColumn::Revenue => self.revenue_monthly_usd,
            MonthColumn::GrossMargin => self.gross_margin_pct,
            MonthColumn::RetainedGb => self.retained_gb,
        }
    }

    /// The month's name in tables and exports: `Launch` for the launch (month 0), then
    /// `Month 1`, `Month 2`…
    pub fn name(&self) -> String {
        if self.month == 0 {
            "Launch".to_string()
        } else {
            format!("Month {}", self.month)
        }
    }

    /// The month as (key, label, unit, value), in [`MonthFigures::column_list`] order.
    pub fn columns(&self) -> impl Iterator<Item = (&'static str, &'static str, Unit, f64)> + '_ {
        self.column_list().map(|column| {
            (
                column.key(),
                column.label(),
                column.unit(),
                self.value(column),
            )
        })
    }
}

/// The figures that answer a deal's questions, in order — what it costs a month, what it
/// brings in, the margin, and the price at which it breaks even — each as (figure, the figures
/// that may read with it, the first the report has, and the card's short label).
const HEADLINES: [(&str, &[&str], &str); 4] = [
    (
        "cost.total_monthly_usd",
        &["deal.cost_per_customer_monthly_usd"],
        "Cost per month",
    ),
    ("deal.revenue_monthly_usd", &[], "Revenue per month"),
    ("deal.gross_margin_pct", &[], "Gross margin"),
    (
        "deal.break_even_contract_per_year_usd",
        &["cost.per_run_usd", "cost.per_user_monthly_usd"],
        "Break-even contract per year",
    ),
];

impl Report {
    /// The headline figures ([`HEADLINES`]) the report has. A detail that repeats its figure
    /// (the cost per customer when there is one customer) is left out.
    pub fn headlines(&self) -> Vec<Headline<'_>> {
        HEADLINES
            .iter()
            .filter_map(|&(id, details, label)| {
                let metric = self.metric(id)?;
                let detail = details
                    .iter()
                    .find_map(|d| self.metric(d))
                    .filter(|d| d.value != metric.value || d.unit != metric.unit);
                Some(Headline {
                    label,
                    metric,
                    detail,
                })
            })
            .collect()
    }

    /// Every figure of the headline ([`HEADLINES`]), each followed by the figures that may read
    /// with it, those the report has, in order: what an export opens with.
    pub fn headline_figures(&self) -> impl Iterator<Item = &Metric> {
        HEADLINES
            .iter()
            .flat_map(|(id, details, _)| std::iter::once(id).chain(details.iter()))
            .filter_map(|id| self.metric(id))
    }

    /// The limit that binds first: the one the peak uses most of, if the scenario sets any.
    pub fn binding(&self) -> Option<&LimitUse> {
        self.limits.first()
    }

    /// Whether every month of the projection bills as the launch (nothing grows the bill): the
    /// projection is then told in one line rather than drawn.
    pub fn flat_bill(&self) -> bool {
        self.projection
            .first()
            .is_some_and(|first| self.projection.iter().all(|m| m.same_bill(first)))
    }

    /// The month's total: the sum of the bill's lines.
    pub fn total_monthly_usd(&self) -> f64 {
        self.costs.iter().map(|line| line.monthly_usd).sum()
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    /// A category's place is where [`Category::ALL`] lists it, and keys are unique, so that
    /// comparing places is comparing keys.
    #[test]
    fn categories_are_told_apart_by_their_place_in_the_list() {
        for (i, category) in Category::ALL.iter().enumerate() {
            assert_eq!(category.rank(), i, "{}", category.key);
            for other in &Category::ALL[..i] {
                assert_ne!(category.key, other.key);
            }
        }
    }

    #[test]
    fn every_category_has_its_colours_in_the_stylesheet() {
        let css = include_str!("../../style/main.css");
        for category in Category::ALL {
            let key = category.key;
            for rule in [
                format!("--series-{key}:"),
                format!(".bar.{key} {{ fill: var(--series-{key}); }}"),
                format!(".key.{key} {{ background: var(--series-{key}); }}"),
            ] {
                assert!(css.contains(&rule), "style/main.css lacks {rule}");
            }
            assert_eq!(category.column, format!("{key}_monthly_usd"));
        }
    }
}
