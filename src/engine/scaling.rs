//! Scaling: the scenario at other values of one driver. Tiers evaluate it at values the user
//! lists (seed 002's resource tiers at 100, 1,000 and 10,000 concurrent users, seed 004's
//! scale factors 1×, 10×, 50× and 100×); breaking points find, by search, the value at which
//! each limit is first reached (seed 002's "expected degradation points").
//!
//! A driver is the scale factor on every volume of use, or one numeric input. What moves with
//! it ([`Reach`]) follows from what the input is: a volume of the whole scenario (runs per day,
//! concurrent users) carries every volume in proportion, as the customers' use grows together;
//! the customer count does too (each customer brings today's use per customer); a volume of one
//! list item (a customer's peak requests per second) carries that item's volumes; any other
//! input (a service's maximum instances, a price) moves alone.

use super::{evaluate, evaluate_sample};
use crate::report::scaling::{BreakingPoint, DriverInfo, Reached, Tier, TierColumn, Tiers};
use crate::report::{Category, LimitUse, Report, Text, category_total};
use crate::scenario::Scenario;
use crate::scenario::fields::{self, Field, Owner};
use crate::scenario::inputs::{Kind, Value};
use crate::units::Unit;

/// The scale factor's key, as the CLI and a tiers table name it.
pub const SCALE: &str = "scale";

/// The customer count's path; `customers` names it too.
const CUSTOMERS: &str = "deal.customers";

/// The smallest and largest scale factors searched for a breaking point: 2⁻²⁰ and 2²⁰, about
/// a millionth and a million times today's use.
const SCALE_SEARCHED: (f64, f64) = (1.0 / 1_048_576.0, 1_048_576.0);

/// How far from today the search's first pass reaches, in doublings either way.
const DOUBLINGS: i32 = 40;

/// The search stops once the value where a limit is reached is known to within this share of
/// itself (or to a whole unit, for a whole-number driver).
const TOLERANCE: f64 = 1e-4;

/// What a driver scales.
#[derive(Clone, Copy, Debug)]
pub enum Driver {
    /// Every volume of use times the value: ×1 is the scenario as entered.
    Scale,
    /// One numeric input.
    Input(Field),
}

/// What moves with a driver.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reach {
    /// Every volume of use, in proportion to the driver.
    Everything,
    /// The volumes of the list item the driver belongs to, in proportion.
    Item,
    /// The driver alone.
    Alone,
}

impl Driver {
    /// The driver named `key`: `scale`, `customers`, or the path of a numeric input
    /// (`users.concurrent_peak`, `workload.runs_per_day`, `tenants.0.peak_qps`).
    pub fn parse(key: &str, scenario: &Scenario) -> Result<Driver, String> {
        let key = key.trim();
        if key == SCALE {
            return Ok(Driver::Scale);
        }
        let path = if key == "customers" { CUSTOMERS } else { key };
        let field = Field::resolve(path, scenario).ok_or_else(|| {
            let mut offered: Vec<String> = drivers(scenario).iter().map(Driver::key).collect();
            if offered.len() > 6 {
                offered.truncate(6);
                offered.push("…".to_string());
            }
            format!(
                "no input “{}” to drive the tiers: name `scale`, `customers` or a numeric input's path; this scenario's volumes are {}",
                crate::scenario::inputs::echo(key),
                offered.join(", ")
            )
        })?;
        if !field.kind().is_number() {
            return Err(format!("{path} is not a number: a driver must be one"));
        }
        if !field.shown(scenario) {
            return Err(format!(
                "{path} does not apply to this scenario ({}): it would change nothing",
                field.group().title()
            ));
        }
        Ok(Driver::Input(field))
    }

    /// Its key: `scale`, or the input's path.
    pub fn key(&self) -> String {
        match self {
            Driver::Scale => SCALE.to_string(),
            Driver::Input(field) => field.path().into_owned(),
        }
    }

    /// What moves with it in `scenario`. A driver at 0 today moves alone: no proportion can
    /// be taken from it.
    pub fn reach(&self, scenario: &Scenario) -> Reach {
        match self {
            Driver::Scale => Reach::Everything,
            Driver::Input(_) if self.today(scenario) <= 0.0 => Reach::Alone,
            Driver::Input(field) if field.path() == CUSTOMERS => Reach::Everything,
            Driver::Input(field) if !field.input().volume => Reach::Alone,
            Driver::Input(field) => match field.owner {
                Owner::Section(_) => Reach::Everything,
                Owner::Item(..) => Reach::Item,
            },
        }
    }

    /// Its value in `scenario`: 1 for the scale factor.
    pub fn today(&self, scenario: &Scenario) -> f64 {
        match self {
            Driver::Scale => 1.0,
            Driver::Input(field) => match field.get(scenario) {
                Some(Value::Number(n)) => n,
                _ => 0.0,
            },
        }
    }

    /// Whether only whole values are allowed.
    fn whole(&self) -> bool {
        matches!(self, Driver::Input(f) if matches!(f.kind(), Kind::Number { integer: true, .. }))
    }

    /// The values the driver accepts, smallest and largest.
    fn bounds(&self) -> (f64, f64) {
        match self {
            Driver::Scale => SCALE_SEARCHED,
            Driver::Input(field) => match *field.kind() {
                Kind::Number { min, max, .. } => (min, max),
                _ => (0.0, 0.0),
            },
        }
    }

    /// Whether the driver takes `value`: a finite number within its bounds, whole if its input
    /// is; or what it takes.
    pub fn takes(&self, value: f64) -> Result<(), String> {
        let (min, max) = self.bounds();
        let whole = self.whole();
        if value.is_finite() && value >= min && value <= max && !(whole && value.fract() != 0.0) {
            return Ok(());
        }
        Err(format!(
            "{} takes {} from {} to {}",
            self.key(),
            if whole { "whole numbers" } else { "values" },
            crate::format::plain(min),
            crate::format::plain(max)
        ))
    }

    /// The unit of its values: × for the scale factor, else its input's.
    pub fn unit(&self) -> Unit {
        match self {
            Driver::Scale => Unit::Ratio,
            Driver::Input(field) => field.unit(),
        }
    }

    /// How the tiers' heading names it and what moves with it.
    pub fn info(&self, scenario: &Scenario) -> DriverInfo {
        let label = match self {
            Driver::Scale => "Scale factor".to_string(),
            Driver::Input(field) => field.label_in(scenario),
        };
        let unit = self.unit();
        let customers = matches!(self, Driver::Input(f) if f.path() == CUSTOMERS);
        let moves = match self.reach(scenario) {
            Reach::Everything if customers => {
                "every volume of use moves with it, in proportion, and the revenue with the customers"
            }
            Reach::Everything => {
                "every volume of use moves with it, in proportion; the customers and their contracts stay as entered"
            }
            Reach::Item => "its item's volumes move with it, in proportion",
            Reach::Alone => "it moves alone",
        };
        DriverInfo {
            key: self.key(),
            label,
            unit,
            today: self.today(scenario),
            moves: moves.to_string(),
        }
    }

    /// The scenario with the driver at `value` and what moves with it in proportion, ready
    /// to evaluate: or why it cannot be (a value the driver does not take, or a volume pushed
    /// past what its input accepts). A whole-number volume is rounded to the nearest whole.
    /// Ranges are left out: a tier is a point.
    pub fn at(&self, scenario: &Scenario, value: f64) -> Result<Scenario, String> {
        self.takes(value)?;
        let mut at = scenario.clone();
        at.ranges = Default::default();
        let today = self.today(scenario);
        let reach = self.reach(scenario);
        let factor = match self {
            Driver::Scale => value,
            Driver::Input(_) => value / today,
        };
        let driver = match self {
            Driver::Input(field) => Some(*field),
            Driver::Scale => None,
        };
        if reach != Reach::Alone {
            let moved: Vec<Field> = fields::all(scenario)
                // Volumes the scenario does not use (a section switched off) stay as they are.
                .filter(|f| f.input().volume && f.kind().is_number() && f.shown(scenario))
                .filter(|f| reach == Reach::Everything || driver.is_some_and(|d| same_item(d, *f)))
                .collect();
            for field in moved {
                if let Some(Value::Number(n)) = field.get(scenario) {
                    let whole = matches!(field.kind(), Kind::Number { integer: true, .. });
                    let scaled = if whole {
                        (n * factor).round()
                    } else {
                        n * factor
                    };
                    field.set(&mut at, &Value::Number(scaled));
                }
            }
        }
        if let Some(field) = driver {
            field.set(&mut at, &Value::Number(value));
        }
        match at.validate().into_iter().next() {
            Some(error) => Err(format!("{}: {}", error.path, error.message)),
            None => Ok(at),
        }
    }
}

/// Whether two fields belong to the same list item.
fn same_item(a: Field, b: Field) -> bool {
    match (a.owner, b.owner) {
        (Owner::Item(la, ia), Owner::Item(lb, ib)) => std::ptr::eq(la, lb) && ia == ib,
        _ => false,
    }
}

/// A tier's figure that is not a metric of the report: how it is made from one.
#[derive(Clone, Copy, Debug)]
enum Made {
    /// A metric of the report, by its id.
    Metric,
    /// vCPU at the peak: each service's (and the run executor's) instances at the peak × its
    /// vCPU per instance, as entered.
    VcpuPeak,
    /// Memory at the peak, likewise with each one's memory per instance.
    MemoryPeak,
    /// The bill's lines in one category ([`category_total`]).
    Category(Category),
}

/// Ids of the headline figures a tier shows after its bill, when the scenario has them.
const HEADLINES: [&str; 5] = [
    "cost.total_monthly_usd",
    "deal.cost_per_customer_monthly_usd",
    "cost.per_run_usd",
    "cost.per_user_monthly_usd",
    "deal.gross_margin_pct",
];

/// The instance figures of a report: the run executor's `capacity.instances_peak` and each
/// service's `services.<i>.instances_peak`, with the inputs that size one instance.
fn instance_figures(report: &Report) -> impl Iterator<Item = (&str, [&'static str; 2])> {
    report.metrics.iter().filter_map(|m| {
        if m.id == "capacity.instances_peak" {
            return Some((
                &*m.id,
                [
                    "compute.vcpu_per_instance",
                    "compute.memory_gib_per_instance",
                ],
            ));
        }
        m.id.strip_prefix("services.")
            .and_then(|rest| rest.strip_suffix(".instances_peak"))
            .map(|_| (&*m.id, ["vcpu", "memory_gib"]))
    })
}

/// The size input (`[vCPU, memory]`, by `which`) of the instances of `metric`.
fn instance_size(scenario: &Scenario, metric: &str, inputs: [&str; 2], which: usize) -> f64 {
    let path = match metric
        .strip_suffix(".instances_peak")
        .and_then(|p| p.strip_prefix("services."))
    {
        Some(index) => format!("services.{index}.{}", inputs[which]),
        None => inputs[which].to_string(),
    };
    match Field::resolve(&path, scenario).and_then(|f| f.get(scenario)) {
        Some(Value::Number(n)) => n,
        _ => 0.0,
    }
}

/// One figure of a tier.
fn figure(made: Made, key: &str, scenario: &Scenario, report: &Report) -> Option<f64> {
    match made {
        Made::Metric => report.value(key),
        Made::VcpuPeak | Made::MemoryPeak => {
            let which = usize::from(matches!(made, Made::MemoryPeak));
            Some(
                instance_figures(report)
                    .map(|(id, inputs)| {
                        report.value(id).unwrap_or(0.0) * instance_size(scenario, id, inputs, which)
                    })
                    .sum(),
            )
        }
        Made::Category(category) => Some(category_total(&report.costs, category)),
    }
}

/// The tiers of `driver` at `values`: each value's instances per service, each service's p95
/// response time at the peak (none where its queue grows without bound), vCPU and memory at
/// the peak, bill by category, total, cost per customer and per unit, gross margin and the
/// tightest limit. The columns are those of the scenario as entered, with any category or
/// figure a tier adds; a value at which the scenario cannot be evaluated gives a tier with its
/// reason instead of figures.
pub fn tiers(scenario: &Scenario, driver: &Driver, values: &[f64]) -> Tiers {
    let evaluated: Vec<Result<(Scenario, Report), String>> = values
        .iter()
        .map(|&v| {
            driver.at(scenario, v).map(|s| {
                let report = evaluate_sample(&s);
                (s, report)
            })
        })
        .collect();
    // The scenario as entered, explained: its figures' labels name their services.
    let today = evaluate(scenario);
    let reports: Vec<&Report> = std::iter::once(&today)
        .chain(
            evaluated
                .iter()
                .filter_map(|e| e.as_ref().ok().map(|(_, r)| r)),
        )
        .collect();
    let mut columns: Vec<(TierColumn, Made)> = Vec::new();
    let mut add = |key: Text, label: Text, unit: Unit, made: Made| {
        if !columns.iter().any(|(c, _)| c.key == key) {
            // A label as the explained report has it, naming its service: the scenario as
            // entered's, or else that of the first tier to have the figure.
            let label = today.metric(&key).map_or_else(
                || {
                    (evaluated.iter().flatten())
                        .find(|(_, report)| report.metric(&key).is_some())
                        .and_then(|(s, _)| evaluate(s).metric(&key).map(|m| m.label.clone()))
                        .unwrap_or(label)
                },
                |m| m.label.clone(),
            );
            columns.push((TierColumn { key, label, unit }, made));
        }
    };
    for report in &reports {
        for (id, _) in instance_figures(report) {
            let metric = report.metric(id).expect("listed from the report");
            add(
                metric.id.clone(),
                metric.label.clone(),
                Unit::Instances,
                Made::Metric,
            );
        }
    }
    for report in &reports {
        for metric in (report.metrics.iter()).filter(|m| m.id.ends_with(".p95_response_ms")) {
            add(
                metric.id.clone(),
                metric.label.clone(),
                Unit::Milliseconds,
                Made::Metric,
            );
        }
    }
    add(
        "vcpu_peak".into(),
        "vCPU at the peak".into(),
        Unit::Vcpu,
        Made::VcpuPeak,
    );
    add(
        "memory_gib_peak".into(),
        "Memory at the peak".into(),
        Unit::Gibibytes,
        Made::MemoryPeak,
    );
    for &category in Category::ALL.iter() {
        if reports
            .iter()
            .any(|r| r.costs.iter().any(|c| c.category == category))
        {
            add(
                category.column.into(),
                category.title.into(),
                Unit::UsdPerMonth,
                Made::Category(category),
            );
        }
    }
    for id in HEADLINES {
        if let Some(metric) = reports.iter().find_map(|r| r.metric(id)) {
            add(
                metric.id.clone(),
                metric.label.clone(),
                metric.unit,
                Made::Metric,
            );
        }
    }
    let tiers = values
        .iter()
        .zip(evaluated)
        .map(|(&value, evaluated)| match evaluated {
            Ok((s, report)) => Tier {
                value,
                figures: (columns.iter())
                    .map(|(c, made)| figure(*made, &c.key, &s, &report))
                    .collect(),
                binding: report.binding().map(|l| LimitUse {
                    label: label_of(&today, l),
                    ..l.clone()
                }),
                error: None,
            },
            Err(error) => Tier {
                value,
                figures: Vec::new(),
                binding: None,
                error: Some(error),
            },
        })
        .collect();
    Tiers {
        driver: driver.info(scenario),
        columns: columns.into_iter().map(|(c, _)| c).collect(),
        tiers,
    }
}

/// A limit's label as the scenario as entered explains it (naming its service), or as `limit`
/// has it where the scenario as entered does not set it.
fn label_of(today: &Report, limit: &LimitUse) -> Text {
    (today.limits.iter())
        .find(|l| l.metric == limit.metric)
        .map_or_else(|| limit.label.clone(), |l| l.label.clone())
}

/// The most tiers one table holds.
pub const MOST_TIERS: usize = 100;

impl Driver {
    /// The values typed for tiers, separated by spaces, commas or semicolons (`100, 1,000,
    /// 10k` or `100,1000,10000`), each read as the driver's input reads a number (a comma
    /// between thousands included); `×10` (or `x10`) is ten times today's value (of 1 for a
    /// driver at 0), as the default tiers are. Or what is wrong with the first that cannot be
    /// one, and a run of commas that reads two ways (`1,500,2000`). No value at all gives the
    /// default tiers ([`default_values`]).
    pub fn read_values(&self, text: &str, scenario: &Scenario) -> Result<Vec<f64>, String> {
        let unit = self.unit();
        let today = self.today(scenario);
        let base = if today > 0.0 { today } else { 1.0 };
        let read = |word: &str| {
            let times = word
                .strip_prefix(['×', 'x', 'X'])
                .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit() || c == '.'));
            let read = match times {
                Some(rest) => crate::scenario::inputs::parse_typed(rest, Driver::Scale.unit())
                    .map(|k| k * base),
                None => crate::scenario::inputs::parse_typed(word, unit),
            };
            read.ok_or_else(|| {
                format!(
                    "“{}” is not a number. Type values separated by commas, such as 100, 1k, 10k, or ×10 for ten times today's.",
                    crate::scenario::inputs::echo(word)
                )
            })
        };
        let mut values = Vec::new();
        for word in text.split(|c: char| c == ';' || c.is_whitespace()) {
            let word = word.trim_matches(',');
            if word.is_empty() {
                continue;
            }
            // A word that is not one number (`100,1000`) is several, split at its commas.
            match read(word) {
                Ok(value) => values.push(value),
                Err(error) if !word.contains(',') => return Err(error),
                Err(_) => {
                    // `1,500,2000` could be 1,500 and 2,000 or 1, 500 and 2,000: a first value
                    // followed by three digits may be thousands, so it is asked, not guessed
                    // (`1,10,50,100` and `100,1000,10000` are lists).
                    let mut parts = word.split(',').filter(|p| !p.is_empty());
                    let first = parts.next().unwrap_or_default();
                    let rest: Vec<&str> = parts.collect();
                    if rest
                        .first()
                        .is_some_and(|p| p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
                    {
                        return Err(format!(
                            "“{}” reads two ways: separate the values with a comma and a space, as in 1,500, 2,000.",
                            crate::scenario::inputs::echo(word)
                        ));
                    }
                    for part in std::iter::once(first).chain(rest) {
                        values.push(read(part)?);
                    }
                }
            }
            if values.len() > MOST_TIERS {
                return Err(format!("At most {MOST_TIERS} tiers."));
            }
        }
        if values.is_empty() {
            return Ok(default_values(scenario, self));
        }
        for &value in &values {
            self.takes(value)?;
        }
        Ok(values)
    }
}

/// The drivers `scenario` offers, in the order a person would look for them: the scale factor,
/// the customers, each volume of the whole scenario it uses (runs per day, concurrent users,
/// events per day…), then each volume of each list item (a customer's peak requests per
/// second).
pub fn drivers(scenario: &Scenario) -> Vec<Driver> {
    let mut drivers = vec![Driver::Scale];
    drivers.extend(Field::resolve(CUSTOMERS, scenario).map(Driver::Input));
    let volumes = fields::all(scenario).filter(|f| {
        f.input().volume && f.kind().is_number() && f.shown(scenario) && f.path() != CUSTOMERS
    });
    let (sections, items): (Vec<Field>, Vec<Field>) =
        volumes.partition(|f| matches!(f.owner, Owner::Section(_)));
    drivers.extend(sections.into_iter().chain(items).map(Driver::Input));
    drivers
}

/// The values of the default tiers: ×1, ×10 and ×100 of today's (today itself, 10 and 100 times
/// it; 1, 10 and 100 for a driver at 0), kept to those the driver accepts.
pub fn default_values(scenario: &Scenario, driver: &Driver) -> Vec<f64> {
    let today = driver.today(scenario);
    let base = if today > 0.0 { today } else { 1.0 };
    [1.0, 10.0, 100.0]
        .iter()
        .map(|k| base * k)
        .filter(|&v| driver.at(scenario, v).is_ok())
        .collect()
}

/// The share of each limit used at `value`, by metric; `None` when the scenario cannot be
/// evaluated there.
fn limits_at(scenario: &Scenario, driver: &Driver, value: f64) -> Option<Vec<LimitUse>> {
    let at = driver.at(scenario, value).ok()?;
    Some(evaluate_sample(&at).limits)
}

/// [`limits_at`] for one search: each value evaluated once, however many limits' bisections
/// pass through it (limits reached between the same two rungs share their first steps).
struct Search<'a> {
    scenario: &'a Scenario,
    driver: &'a Driver,
    seen: std::cell::RefCell<Vec<(f64, Option<Vec<LimitUse>>)>>,
}

impl Search<'_> {
    fn limits_at(&self, value: f64) -> Option<Vec<LimitUse>> {
        if let Some((_, limits)) = self.seen.borrow().iter().find(|(v, _)| *v == value) {
            return limits.clone();
        }
        let limits = limits_at(self.scenario, self.driver, value);
        self.seen.borrow_mut().push((value, limits.clone()));
        limits
    }
}

/// Whether the limit `metric` is reached among `limits`: used at 100% or more; or, where they
/// do not hold it and `unset_is_reached`, not set any more. A limit the scenario sets at lower
/// values and not at this one has no finite use left: a p95 response target where the queue
/// grows without bound.
fn reached(limits: &[LimitUse], metric: &str, unset_is_reached: bool) -> bool {
    match limits.iter().find(|l| l.metric == metric) {
        Some(limit) => limit.used_pct >= 100.0,
        None => unset_is_reached,
    }
}

/// The value between `below` (where the limit is not reached) and `above` (where it is) at
/// which it is first reached, by bisection: geometric while both are positive, to
/// [`TOLERANCE`] of the value, or to a whole unit for a whole-number driver. `unset_is_reached`
/// as in [`reached`].
fn bisect(
    search: &Search,
    metric: &str,
    unset_is_reached: bool,
    (mut below, mut above): (f64, f64),
) -> f64 {
    loop {
        let middle = if search.driver.whole() {
            if above - below <= 1.0 {
                return above;
            }
            ((below + above) / 2.0).floor()
        } else {
            if above - below <= TOLERANCE * above {
                return above;
            }
            if below > 0.0 {
                (below * above).sqrt()
            } else {
                (below + above) / 2.0
            }
        };
        // A value the scenario cannot take (a volume past its input's maximum) lies beyond the
        // last that can: the search goes below it.
        let at = search.limits_at(middle);
        match at.is_none_or(|limits| reached(&limits, metric, unset_is_reached)) {
            true => above = middle,
            false => below = middle,
        }
    }
}

/// The values of the search's first pass, smallest first: today's, doubled and halved up to
/// [`DOUBLINGS`] times, up to the driver's bounds and as far as the scenario can be evaluated
/// (a driver at 0 today starts from its largest value, halved).
fn ladder(scenario: &Scenario, driver: &Driver) -> Vec<(f64, Vec<LimitUse>)> {
    let (min, max) = driver.bounds();
    let today = driver.today(scenario);
    let mut rungs = Vec::new();
    let mut push = |value: f64| -> bool {
        let value = if driver.whole() { value.round() } else { value };
        if rungs.iter().any(|(v, _)| *v == value) {
            return true;
        }
        match limits_at(scenario, driver, value) {
            Some(limits) => {
                rungs.push((value, limits));
                true
            }
            None => false,
        }
    };
    push(today);
    if today > 0.0 {
        // Doubling and halving are exact in binary floating point.
        // Each way until a value is refused, the driver's bound itself the last step.
        let mut v = today;
        for _ in 0..DOUBLINGS {
            v = (v * 2.0).min(max);
            if !push(v) || v == max {
                break;
            }
        }
        let mut v = today;
        for _ in 0..DOUBLINGS {
            v = (v / 2.0).max(min);
            if !push(v) || v == min {
                break;
            }
        }
    } else {
        let mut v = max;
        for _ in 0..=DOUBLINGS {
            if v < min || v <= 0.0 {
                break;
            }
            push(v);
            v /= 2.0;
        }
    }
    rungs.sort_by(|a, b| a.0.total_cmp(&b.0));
    rungs
}

/// Where, along `driver`, each limit of the scenario is first reached: the smallest value at
/// which the peak uses all of it, found by doubling and halving from today's value, then by
/// bisection to [`TOLERANCE`]. Every limit the scenario sets at any value searched is listed:
/// those already reached at the lowest value first, then by the value where they are
/// reached, then those not reached within the search.
pub fn breaking_points(scenario: &Scenario, driver: &Driver) -> Vec<BreakingPoint> {
    let rungs = ladder(scenario, driver);
    let today = evaluate(scenario).limits;
    let search = Search {
        scenario,
        driver,
        seen: std::cell::RefCell::new(Vec::new()),
    };
    let mut metrics: Vec<(Text, Text)> = Vec::new();
    for (_, limits) in &rungs {
        for limit in limits {
            if !metrics.iter().any(|m| m.0 == limit.metric) {
                metrics.push((limit.metric.clone(), limit.label.clone()));
            }
        }
    }
    let mut points: Vec<BreakingPoint> = metrics
        .into_iter()
        .map(|(metric, label)| {
            // Not set below the first value that sets it: not reached there.
            let set_from = (rungs.iter())
                .position(|(_, limits)| limits.iter().any(|l| l.metric == metric))
                .unwrap_or(0);
            let first = (rungs.iter().enumerate())
                .position(|(i, (_, limits))| reached(limits, &metric, i > set_from));
            let reached = match first {
                None => Reached::Beyond(rungs.last().map_or(0.0, |r| r.0)),
                Some(0) => Reached::AtOrBelow(rungs[0].0),
                Some(i) => Reached::At(bisect(
                    &search,
                    &metric,
                    i > set_from,
                    (rungs[i - 1].0, rungs[i].0),
                )),
            };
            let known = today.iter().find(|l| l.metric == metric);
            BreakingPoint {
                used_today_pct: known.map(|l| l.used_pct),
                label: known.map_or(label, |l| l.label.clone()),
                metric,
                reached,
            }
        })
        .collect();
    let order = |r: &Reached| match *r {
        Reached::AtOrBelow(v) => (0, v),
        Reached::At(v) => (1, v),
        Reached::Beyond(v) => (2, v),
    };
    points.sort_by(|a, b| {
        let (a, b) = (order(&a.reached), order(&b.reached));
        a.0.cmp(&b.0).then(a.1.total_cmp(&b.1))
    });
    points
}
