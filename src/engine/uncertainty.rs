//! Decisions under uncertainty: a Monte Carlo run over the inputs given as a range
//! ([`crate::scenario::ranges`]).
//!
//! Each sample draws every uncertain input from its range, independently, and evaluates the
//! whole scenario ([`super::evaluate_sample`]: every figure of the report, the customers'
//! included), so each figure gets its P10, P50 and P90. The samples also give the chance that
//! the gross margin falls below the target, that the bill exceeds the budget and that a limit is
//! reached; the histograms of the month's total and of the margin; the rank correlation of each
//! input with the total; and, from fewer samples, the projection's band. A tornado swings each
//! input from its 5th to its 95th percentile with the others at their medians.
//!
//! The run is deterministic: draw `i` of an input is [`math::uniform_draw`] of a seed made from
//! the input's path, so the same scenario (the same link) gives the same percentiles, bit for
//! bit, in the browser and on the command line, and a range added to one input leaves the
//! others' draws as they were. A run may be done in chunks ([`Simulation::step`]), which draw
//! exactly what one go would.
//!
//! ```
//! use headroom::{engine, scenario::{presets, ranges::{Range, Shape}}};
//! let mut scenario = presets::by_id("agent-platform").unwrap().scenario();
//! scenario.uncertainty.samples = 1_000.0;
//! let range = Range { low: 8_000.0, high: 12_000.0, shape: Shape::Lognormal };
//! scenario.ranges.insert("workload.runs_per_day".into(), range);
//! let run = engine::uncertainty::simulate(&scenario).unwrap();
//! let runs = run.spread("load.runs_per_day").unwrap();
//! assert!(8_000.0 < runs.p10 && runs.p10 < runs.p50 && runs.p50 < runs.p90 && runs.p90 < 12_000.0);
//! ```

use super::{evaluate_sample, evaluate_sample_into};
use crate::math;
use crate::report::uncertainty::{Drawn, Histogram, MonthBand, Odds, Spread, Swing, Uncertainty};
use crate::report::{Report, Severity, Text, Warning, same_text};
use crate::scenario::Scenario;
use crate::scenario::fields::Field;
use crate::scenario::inputs::{Kind, Value};
use crate::scenario::ranges::{Range, Shape};
use crate::units::Unit;

/// The standard normal distribution's 95th percentile, z₀.₉₅ = Φ⁻¹(0.95): a lognormal range's
/// low and high lie this many standard deviations of its logarithm below and above its median.
pub const Z_95: f64 = 1.644_853_626_951_472_2;

/// The most samples a month of the projection's band draws: a month is a whole evaluation per
/// sample, and a band wants far fewer samples than a percentile of the launch.
pub const PROJECTION_SAMPLES: usize = 1_000;

/// The input of the target margin, which the odds of missing it read sample by sample when it
/// is drawn from a range.
const TARGET_MARGIN: &str = "deal.target_margin_pct";

/// Bins of the histograms.
pub const BINS: usize = 24;

/// Odds at or above this share of the samples are a warning; below it, a note.
pub const WARNING_ODDS: f64 = 0.10;

/// A finding about `share` of the samples: a warning from [`WARNING_ODDS`] up, a note below.
fn severity_of(share: f64) -> Severity {
    if share >= WARNING_ODDS {
        Severity::Warning
    } else {
        Severity::Info
    }
}

/// The value at cumulative probability `p` of `range`, an input's value `point` being the most
/// likely of a triangular range.
///
/// - Lognormal: low and high are the 5th and 95th percentiles (Squiggle's `a to b`,
///   squiggle-language.com, "Distribution Creation"), so ln x is normal with mean
///   μ = (ln low + ln high) ÷ 2 and standard deviation σ = (ln high − ln low) ÷ (2 z₀.₉₅), and
///   x = exp(μ + σ Φ⁻¹(p)).
/// - Uniform: low + p × (high − low).
/// - Triangular with mode c: the inverse of its distribution function (Kotz and van Dorp,
///   *Beyond Beta*, 2004, ch. 1): low + √(p (high − low)(c − low)) below
///   F(c) = (c − low) ÷ (high − low), high − √((1 − p)(high − low)(high − c)) above it.
pub fn quantile(range: &Range, point: f64, p: f64) -> f64 {
    let (low, high) = (range.low, range.high);
    match range.shape {
        Shape::Lognormal => lognormal_quantile(lognormal_of(range), p),
        Shape::Uniform => low + p * (high - low),
        Shape::Triangular => {
            let mode = point.clamp(low, high);
            let width = high - low;
            if p * width < mode - low {
                low + (p * width * (mode - low)).sqrt()
            } else {
                high - ((1.0 - p) * width * (high - mode)).sqrt()
            }
        }
    }
}

/// The mean μ and standard deviation σ of ln x for a lognormal `range` ([`quantile`]).
fn lognormal_of(range: &Range) -> (f64, f64) {
    let (ln_low, ln_high) = (math::ln(range.low), math::ln(range.high));
    ((ln_low + ln_high) / 2.0, (ln_high - ln_low) / (2.0 * Z_95))
}

/// exp(μ + σ Φ⁻¹(p)): the value at cumulative probability `p` of a lognormal distribution
/// whose logarithm has mean μ and standard deviation σ.
fn lognormal_quantile((mu, sigma): (f64, f64), p: f64) -> f64 {
    math::exp(mu + sigma * math::normal_quantile(p))
}

/// Gives the input `field` of `scenario` the range `range`. A value outside the range moves to
/// the range's median (the middle, for a triangular range, whose most likely value the value
/// is), to three significant digits and whole for a whole number: a range typed over a value
/// says where the value lies.
pub fn give_range(scenario: &mut Scenario, field: Field, range: Range) {
    if let (Some(Value::Number(value)), Kind::Number { integer, .. }) =
        (field.get(scenario), field.kind())
        && !(range.low..=range.high).contains(&value)
    {
        let middle = (range.low + range.high) / 2.0;
        let median = match range.shape {
            Shape::Triangular => middle,
            _ => quantile(&range, middle, 0.5),
        };
        // To three significant digits, as a person would put it, and whole for a count.
        let step = math::pow(10.0, (math::log10(median.abs().max(1e-300))).floor() - 2.0);
        let rounded = ((median / step).round() * step).clamp(range.low, range.high);
        let value = on_step(
            rounded,
            *integer,
            field.input().step(),
            range.low,
            range.high,
        );
        field.set(scenario, &Value::Number(value));
    }
    scenario.ranges.insert(field.path().into_owned(), range);
}

/// `x` as the input takes it: whole for a count, on a step for an input whose values come in
/// steps (the nearest within `low` to `high`), as it is otherwise.
fn on_step(x: f64, integer: bool, step: f64, low: f64, high: f64) -> f64 {
    if integer {
        x.round()
    } else if step > 0.0 {
        let steps = (x / step).round();
        let within = |s: f64| (low..=high).contains(&(s * step));
        match () {
            _ if within(steps) => steps * step,
            _ if within(steps + 1.0) => (steps + 1.0) * step,
            _ if within(steps - 1.0) => (steps - 1.0) * step,
            _ => x,
        }
    } else {
        x
    }
}

/// The percentile `p` (from 0 to 1) of `values`, interpolated between the two nearest order
/// statistics (Hyndman and Fan, "Sample Quantiles in Statistical Packages", 1996, definition 7:
/// the default of R, NumPy and spreadsheets' PERCENTILE). Reorders `values`.
pub fn percentile(values: &mut [f64], p: f64) -> f64 {
    percentiles(values, [p])[0]
}

/// The percentiles `ps` of `values`, each as [`percentile`] makes it, from one partial sort:
/// the order statistics they read (the values at places ⌊h⌋ and ⌊h⌋ + 1 of the values sorted,
/// h = (n − 1) p) are selected the middle one first, then each among the values on its side
/// only (Hoare's FIND, 1961, applied to several places at once). Reorders `values`.
pub fn percentiles<const K: usize>(values: &mut [f64], ps: [f64; K]) -> [f64; K] {
    let n = values.len();
    if n == 0 {
        return [0.0; K];
    }
    let place = |p: f64| {
        let h = (n - 1) as f64 * p;
        (h, h.floor() as usize)
    };
    let mut places: Vec<usize> = (ps.iter())
        .flat_map(|p| {
            let below = place(*p).1;
            [below, (below + 1).min(n - 1)]
        })
        .collect();
    super::sort_short(&mut places, |a, b| a < b);
    places.dedup();
    let mut ordered = vec![0.0; places.len()];
    select_places(values, 0, &places, &mut ordered);
    let at = |k: usize| ordered[places.partition_point(|p| *p < k)];
    ps.map(|p| {
        let (h, below) = place(p);
        match below + 1 < n {
            true => at(below) + (h - below as f64) * (at(below + 1) - at(below)),
            false => at(below),
        }
    })
}

/// Puts into `ordered` the value at each of `places` (ascending, from `offset`) of `values`
/// sorted: the middle place by a selection, then the places below it among the values below,
/// and those above among the values above.
fn select_places(values: &mut [f64], offset: usize, places: &[usize], ordered: &mut [f64]) {
    if places.is_empty() {
        return;
    }
    let middle = places.len() / 2;
    let k = places[middle] - offset;
    let (below, at, above) = values.select_nth_unstable_by(k, f64::total_cmp);
    ordered[middle] = *at;
    let (lower, higher) = ordered.split_at_mut(middle);
    select_places(below, offset, &places[..middle], lower);
    select_places(
        above,
        offset + k + 1,
        &places[middle + 1..],
        &mut higher[1..],
    );
}

/// The P10, P50 and P90 of `values` ([`percentiles`]). Reorders `values`.
pub fn spread(values: &mut [f64]) -> Spread {
    let [p10, p50, p90] = percentiles(values, [0.1, 0.5, 0.9]);
    Spread { p10, p50, p90 }
}

/// Spearman's rank correlation of two samples of equal length: the Pearson correlation of their
/// ranks, ties given their average rank (Spearman, 1904). 0 when either does not vary.
pub fn rank_correlation(x: &[f64], y: &[f64]) -> f64 {
    correlation_of_ranks(&ranks(x), &ranks(y))
}

/// The Pearson correlation of two lists of ranks from 1 to n ([`ranks`]), whose mean is
/// (n + 1) ÷ 2; 0 when either does not vary.
fn correlation_of_ranks(rx: &[f64], ry: &[f64]) -> f64 {
    let n = rx.len() as f64;
    if n < 2.0 {
        return 0.0;
    }
    let mean = (n + 1.0) / 2.0;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in rx.iter().zip(ry) {
        let (dx, dy) = (a - mean, b - mean);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

/// The rank of each value, from 1, ties at their average rank: where it falls among the
/// values sorted. Values that tie are equal to the bit ([`f64::total_cmp`]); a run of them from
/// place `first` to `last` (from 0) shares the rank (first + last) ÷ 2 + 1.
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut sorted: Vec<(f64, u32)> = (values.iter().copied()).zip(0..).collect();
    sorted.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut ranks = vec![0.0; values.len()];
    let mut first = 0;
    while first < sorted.len() {
        let tie = sorted[first].0.to_bits();
        let mut end = first + 1;
        while end < sorted.len() && sorted[end].0.to_bits() == tie {
            end += 1;
        }
        let rank = (first + end + 1) as f64 / 2.0;
        for (_, at) in &sorted[first..end] {
            ranks[*at as usize] = rank;
        }
        first = end;
    }
    ranks
}

/// One input given as a range, ready to draw.
struct Ranged {
    field: Field,
    path: String,
    label: String,
    range: Range,
    /// [`lognormal_of`] the range, once for every draw.
    lognormal: (f64, f64),
    point: f64,
    seed: u64,
    min: f64,
    max: f64,
    integer: bool,
    /// The steps its values come in ([`crate::scenario::inputs::Input::step`]), 0 for any.
    step: f64,
}

impl Ranged {
    /// The value at cumulative probability `p`, within what the input accepts (a lognormal's
    /// tail can pass an input's largest value, and a count is whole). A count drawn evenly or
    /// by a triangle is drawn from half a unit below its low to half a unit above its high, then
    /// rounded, so that each whole number takes the half unit either side of it: drawing from
    /// low to high and rounding would give the two ends half their share.
    fn at(&self, p: f64) -> f64 {
        self.fit(self.raw(p))
    }

    /// The value at cumulative probability `p` of the range itself, which a lognormal's tail
    /// may take beyond what the input accepts.
    fn raw(&self, p: f64) -> f64 {
        match self.range.shape {
            Shape::Lognormal => lognormal_quantile(self.lognormal, p),
            // Each whole number takes the half unit either side of it, the ends too.
            _ if self.integer => {
                let widened = Range {
                    low: self.range.low - 0.5,
                    high: self.range.high + 0.5,
                    ..self.range
                };
                quantile(&widened, self.point, p)
            }
            _ => quantile(&self.range, self.point, p),
        }
    }

    /// `x` as the input takes it: within its least and greatest values, and on its steps.
    fn fit(&self, x: f64) -> f64 {
        on_step(
            x.clamp(self.min, self.max),
            self.integer,
            self.step,
            self.min,
            self.max,
        )
    }

    fn set(&self, scenario: &mut Scenario, value: f64) {
        self.field.set(scenario, &Value::Number(value));
    }
}

/// A figure's samples: one value repeated while it does not vary (most figures do not), then
/// every value.
enum Column {
    Same(f64, usize),
    Varies(Vec<f64>),
}

impl Column {
    fn push(&mut self, value: f64, capacity: usize) {
        match self {
            Column::Same(first, count) if *count == 0 || first.to_bits() == value.to_bits() => {
                *first = value;
                *count += 1;
            }
            Column::Same(first, count) => {
                let mut values = Vec::with_capacity(capacity);
                values.resize(*count, *first);
                values.push(value);
                *self = Column::Varies(values);
            }
            Column::Varies(values) => values.push(value),
        }
    }

    /// The samples it holds.
    fn len(&self) -> usize {
        match self {
            Column::Same(_, count) => *count,
            Column::Varies(values) => values.len(),
        }
    }

    fn spread(&mut self) -> Option<Spread> {
        match self {
            Column::Same(_, 0) => None,
            Column::Same(value, _) => Some(Spread {
                p10: *value,
                p50: *value,
                p90: *value,
            }),
            Column::Varies(values) => Some(spread(values)),
        }
    }
}

/// A Monte Carlo run in progress: [`Simulation::step`] draws more samples, then swings the
/// tornado's inputs and draws the projection's band (the page's worker does a slice's worth
/// at a time, so that a new request is read between slices); [`Simulation::finish`] makes the
/// [`Uncertainty`].
pub struct Simulation {
    scenario: Scenario,
    draw: Scenario,
    inputs: Vec<Ranged>,
    samples: usize,
    projection_samples: usize,
    done: usize,
    projected: usize,
    ids: Vec<Text>,
    order: Vec<Option<usize>>,
    columns: Vec<Column>,
    drawn: Vec<Vec<f64>>,
    totals: Vec<f64>,
    margins: Vec<f64>,
    limits: Vec<(Text, Text, usize)>,
    any_limit: usize,
    left_out: usize,
    broken: Option<String>,
    months: Vec<(Vec<f64>, Vec<f64>)>,
    /// The last sample's report, done with: the next is written into its lists.
    spare: Report,
    /// The values of the sample being drawn, input by input.
    values: Vec<f64>,
    /// Each input's draws beyond what it accepts, which count as its least or greatest value.
    beyond: Vec<usize>,
    /// The tornado, made input by input once the samples of the launch are drawn.
    tornado: Option<Tornado>,
}

/// The tornado under way: the scenario with every uncertain input at its median and the month's
/// total and margin there, the ranks of the samples' totals, each input's swing so far, and the
/// next input to swing. A swing, or the whole tornado, whose scenario breaks a rule tying the
/// inputs together is left out, and `left_out` says why: its figures would be of a scenario
/// the planner refuses.
struct Tornado {
    at_medians: Scenario,
    base: (f64, f64),
    total_ranks: Vec<f64>,
    swings: Vec<Swing>,
    next: usize,
    left_out: Vec<Warning>,
}

/// The month's total and gross margin of a sample's report.
fn total_and_margin(report: &Report) -> (f64, f64) {
    let margin = report.value("deal.gross_margin_pct").unwrap_or(0.0);
    (report.total_monthly_usd(), margin)
}

impl Simulation {
    /// A run over the ranges of `scenario` that apply to it, whose point figures are `point`
    /// (the report [`super::evaluate`] made of it); `None` when no input in effect has a range.
    pub fn new(scenario: &Scenario, point: &Report) -> Option<Simulation> {
        let inputs: Vec<Ranged> = crate::scenario::ranges::drawn(scenario)
            .filter_map(|(path, field, range)| {
                let Kind::Number { min, max, integer } = *field.kind() else {
                    return None;
                };
                let Some(Value::Number(point)) = field.get(scenario) else {
                    return None;
                };
                Some(Ranged {
                    field,
                    path: path.to_string(),
                    label: field.label_in(scenario),
                    range: *range,
                    lognormal: lognormal_of(range),
                    point,
                    seed: math::seed_of(path),
                    min,
                    max,
                    integer,
                    step: field.input().step(),
                })
            })
            .collect();
        if inputs.is_empty() {
            return None;
        }
        let samples = scenario.uncertainty.samples as usize;
        let projection_samples = samples.min(PROJECTION_SAMPLES);
        let mut ids: Vec<Text> = point.metrics.iter().map(|m| m.id.clone()).collect();
        super::sort_short(&mut ids, |a, b| a < b);
        ids.dedup();
        let columns = ids.iter().map(|_| Column::Same(0.0, 0)).collect();
        let months = (0..=scenario.growth.months)
            .map(|_| {
                (
                    Vec::with_capacity(projection_samples),
                    Vec::with_capacity(projection_samples),
                )
            })
            .collect();
        let limits = (point.limits.iter())
            .map(|l| (l.metric.clone(), l.label.clone(), 0))
            .collect();
        let inputs_len = inputs.len();
        Some(Simulation {
            scenario: scenario.clone(),
            draw: scenario.clone(),
            drawn: inputs.iter().map(|_| Vec::with_capacity(samples)).collect(),
            inputs,
            samples,
            projection_samples,
            done: 0,
            projected: 0,
            ids,
            order: Vec::new(),
            columns,
            totals: Vec::with_capacity(samples),
            margins: Vec::with_capacity(samples),
            limits,
            any_limit: 0,
            left_out: 0,
            broken: None,
            months,
            spare: Report::default(),
            values: Vec::new(),
            beyond: vec![0; inputs_len],
            tornado: None,
        })
    }

    /// The same run without the projection's band: only the samples of the launch.
    pub fn without_projection(mut self) -> Simulation {
        self.projection_samples = 0;
        self
    }

    /// Evaluations done and to do, the tornado's (two an input) and the projection's months
    /// included.
    pub fn progress(&self) -> (usize, usize) {
        let months = self.months.len();
        let swings = 2 * (self.inputs.len() - self.swings_left());
        (
            self.done + swings + self.projected * months,
            self.samples + 2 * self.inputs.len() + self.projection_samples * months,
        )
    }

    /// The inputs whose swing the tornado has yet to make: none once the run has no sample
    /// to rank them against.
    fn swings_left(&self) -> usize {
        match &self.tornado {
            _ if self.done == self.samples && self.totals.is_empty() => 0,
            Some(tornado) => self.inputs.len() - tornado.next,
            None => self.inputs.len(),
        }
    }

    /// Whether every sample of the launch is drawn (the projection's band may not be).
    pub fn samples_done(&self) -> bool {
        self.done == self.samples
    }

    /// Whether every sample is drawn and every input swung.
    pub fn is_done(&self) -> bool {
        self.done == self.samples
            && self.swings_left() == 0
            && self.projected == self.projection_samples
    }

    /// Draws up to `evaluations` more evaluations' worth of samples (a projected sample counts
    /// one per month, a swing of the tornado two); returns whether the run is done.
    pub fn step(&mut self, evaluations: usize) -> bool {
        let mut left = evaluations;
        while left > 0 && self.done < self.samples {
            self.sample();
            left -= 1;
        }
        while left > 0 && self.done == self.samples && self.swings_left() > 0 {
            self.swing();
            left = left.saturating_sub(2);
        }
        let months = self.months.len().max(1);
        while left > 0 && self.projected < self.projection_samples {
            self.project();
            left = left.saturating_sub(months);
        }
        self.is_done()
    }

    /// Sets every input to its draw `index`, and keeps the values drawn in `values`.
    /// Counts, when `counting`, the draws beyond what their input accepts.
    fn draw(&mut self, index: usize, counting: bool) {
        self.values.clear();
        for (k, input) in self.inputs.iter().enumerate() {
            let raw = input.raw(math::uniform_draw(input.seed, index as u64));
            // A count's widened ends round to its bounds: only what rounds beyond counts.
            let kept = if input.integer { raw.round() } else { raw };
            if counting && !(input.min..=input.max).contains(&kept) {
                self.beyond[k] += 1;
            }
            let value = input.fit(raw);
            input.set(&mut self.draw, value);
            self.values.push(value);
        }
    }

    /// Draws and evaluates the next sample.
    fn sample(&mut self) {
        let index = self.done;
        self.done += 1;
        self.draw(index, true);
        if let Some(rule) = self.draw.cross_field_errors().into_iter().next() {
            self.left_out += 1;
            self.broken.get_or_insert(rule.message);
            return;
        }
        let report = evaluate_sample_into(&self.draw, std::mem::take(&mut self.spare));
        let capacity = self.samples;
        // A sample lists its figures in the order the last one did, nearly always: each
        // figure's column is found where it was, or one place off (a sample that has a figure
        // the last one lacked, or lacks one it had: a p95 where a queue grows without bound),
        // and searched for only when it moved further.
        self.order.resize(report.metrics.len(), None);
        let ids = &self.ids;
        let holds = |at: Option<usize>, id: &str| at.filter(|&at| same_text(&ids[at], id));
        for (k, metric) in report.metrics.iter().enumerate() {
            let near = |i: usize| self.order.get(i).copied().flatten();
            let column = holds(near(k), &metric.id)
                .or_else(|| holds(near(k + 1), &metric.id))
                .or_else(|| holds(k.checked_sub(1).and_then(near), &metric.id))
                .or_else(|| self.ids.binary_search(&metric.id).ok());
            self.order[k] = column;
            if let Some(at) = column {
                self.columns[at].push(metric.value, capacity);
            }
        }
        for (drawn, value) in self.drawn.iter_mut().zip(&self.values) {
            drawn.push(*value);
        }
        let (total, margin) = total_and_margin(&report);
        self.totals.push(total);
        self.margins.push(margin);
        // A limit counts once a sample, however many of its uses the report lists.
        let exceeded = |l: &&crate::report::LimitUse| l.used_pct > 100.0;
        let mut any = false;
        for (i, limit) in report
            .limits
            .iter()
            .enumerate()
            .filter(|(_, l)| exceeded(l))
        {
            if (report.limits[..i].iter().filter(exceeded)).any(|e| e.metric == limit.metric) {
                continue;
            }
            any = true;
            match self.limits.iter_mut().find(|l| l.0 == limit.metric) {
                Some((_, _, count)) => *count += 1,
                None => self
                    .limits
                    .push((limit.metric.clone(), limit.label.clone(), 1)),
            }
        }
        self.any_limit += usize::from(any);
        self.spare = report;
    }

    /// Draws the next projected sample and evaluates each month of it.
    fn project(&mut self) {
        let index = self.projected;
        self.projected += 1;
        self.draw(index, false);
        if !self.draw.cross_field_errors().is_empty() {
            return;
        }
        let months = &mut self.months;
        super::growth::each_month(&self.draw, &mut |month, _, _, summary| {
            let (totals, margins) = &mut months[month as usize];
            totals.push(summary.totals.cost_monthly_usd);
            margins.push(summary.totals.gross_margin_pct);
        });
    }

    /// Everything the samples drawn so far say.
    pub fn finish(mut self) -> Uncertainty {
        let counted = self.totals.len();
        if counted == 0 && self.done > 0 {
            return self.none_kept_the_rules();
        }
        let share = |count: usize| match counted {
            0 => 0.0,
            n => count as f64 / n as f64,
        };
        let s = &self.scenario;
        let target = s.deal.target_margin_pct;
        let budget = s.uncertainty.budget_monthly_usd;
        // A target drawn from a range is met or missed sample by sample: its draws are kept
        // with the other inputs', one for each sample kept.
        let drawn_target = (self.inputs.iter()).position(|i| i.path == TARGET_MARGIN);
        let (label, below) = match drawn_target.map(|i| (&self.inputs[i], &self.drawn[i])) {
            Some((drawn, targets)) => (
                format!(
                    "Gross margin below its target (drawn from {}% to {}%)",
                    super::n(drawn.range.low),
                    super::n(drawn.range.high)
                ),
                (self.margins.iter().zip(targets))
                    .filter(|(m, t)| m < t)
                    .count(),
            ),
            None => (
                format!("Gross margin below the {}% target", super::n(target)),
                self.margins.iter().filter(|m| **m < target).count(),
            ),
        };
        let mut odds = vec![Odds {
            id: Text::Borrowed("uncertainty.margin_below_target"),
            label,
            probability: share(below),
        }];
        if budget > 0.0 {
            odds.push(Odds {
                id: Text::Borrowed("uncertainty.over_budget"),
                label: format!("Monthly bill over the {} budget", super::usd(budget)),
                probability: share(self.totals.iter().filter(|t| **t > budget).count()),
            });
        }
        if !self.limits.is_empty() {
            odds.push(Odds {
                id: Text::Borrowed("uncertainty.limit_reached"),
                label: "Any limit exceeded at the peak".to_string(),
                probability: share(self.any_limit),
            });
        }
        for (metric, label, count) in self.limits.iter().filter(|l| l.2 > 0) {
            odds.push(Odds {
                id: Text::Owned(format!("uncertainty.exceeded.{metric}")),
                label: format!("{label} exceeded"),
                probability: share(*count),
            });
        }
        let mut findings = findings(&odds, counted, self.left_out, self.broken.as_deref());
        for (input, beyond) in self
            .inputs
            .iter()
            .zip(&self.beyond)
            .filter(|(_, b)| **b > 0)
        {
            let unit = input.field.unit();
            let share = *beyond as f64 / self.done as f64;
            findings.push(Warning {
                id: Text::Owned(format!("uncertainty.drawn_beyond.{}", input.path)),
                severity: severity_of(share),
                message: format!(
                    "{}: {} of the {} draws ({}%) fell outside what it accepts, {} to {}, and count as the nearest of those.",
                    input.label,
                    crate::format::plain(*beyond as f64),
                    crate::format::plain(self.done as f64),
                    super::n(100.0 * share),
                    crate::format::with_unit(input.min, unit),
                    crate::format::with_unit(input.max, unit),
                ),
            });
        }
        for input in
            (self.inputs.iter()).filter(|i| i.point < i.range.low || i.point > i.range.high)
        {
            let unit = input.field.unit();
            findings.push(Warning {
                id: Text::Owned(format!("uncertainty.outside_range.{}", input.path)),
                severity: Severity::Warning,
                message: format!(
                    "{}: the value {} lies outside its range, {} to {}. The figures use the value; their P10, P50 and P90 use the range.",
                    input.label,
                    crate::format::with_unit(input.point, unit),
                    crate::format::with_unit(input.range.low, unit),
                    crate::format::with_unit(input.range.high, unit),
                ),
            });
        }
        let tornado = self.tornado();
        findings.extend(tornado.3);
        // A figure some kept samples lack (a p95 response time where the queue grows without
        // bound) has no percentiles: taken over the samples that have it, they would be too low.
        let spreads = (self.ids.drain(..))
            .zip(self.columns.iter_mut())
            .filter(|(_, column)| column.len() == counted)
            .filter_map(|(id, column)| Some((id, column.spread()?)))
            .collect();
        let months = (self.months.iter_mut().enumerate())
            .map(|(month, (totals, margins))| MonthBand {
                month: month as u32,
                total: spread(totals),
                margin: spread(margins),
            })
            .collect();
        let inputs = self.drawn_inputs();
        Uncertainty {
            samples: self.done,
            left_out: (self.left_out, self.broken.take()),
            inputs,
            spreads,
            odds,
            findings,
            total: histogram(&self.totals, Unit::UsdPerMonth),
            margin: histogram(&self.margins, Unit::Percent),
            target_margin_pct: target,
            budget_monthly_usd: budget,
            at_medians: tornado.0,
            tornado: tornado.1,
            tornado_by_margin: tornado.2,
            months,
            projection_samples: self.projected,
        }
    }

    /// The inputs drawn, each with its range and its 5th, 50th and 95th percentiles.
    fn drawn_inputs(&self) -> Vec<Drawn> {
        (self.inputs.iter())
            .map(|input| Drawn {
                path: input.path.clone(),
                label: input.label.clone(),
                unit: input.field.unit(),
                range: input.range,
                p5: input.at(0.05),
                median: input.at(0.5),
                p95: input.at(0.95),
            })
            .collect()
    }

    /// What a run says when every sample broke a rule tying inputs together: that, and no
    /// figure, chance, histogram or driver made of nothing.
    fn none_kept_the_rules(self) -> Uncertainty {
        let empty = |unit| Histogram {
            low: 0.0,
            width: 0.0,
            counts: Vec::new(),
            unit,
            min: 0.0,
            max: 0.0,
        };
        Uncertainty {
            samples: self.done,
            findings: vec![Warning {
                id: Text::Borrowed("uncertainty.no_sample"),
                severity: Severity::Warning,
                message: format!(
                    "None of the {} samples keeps the rules that tie the inputs together ({}): narrow the ranges.",
                    crate::format::plain(self.done as f64),
                    self.broken
                        .as_deref()
                        .unwrap_or_default()
                        .trim_end_matches('.')
                ),
            }],
            inputs: self.drawn_inputs(),
            left_out: (self.left_out, self.broken),
            spreads: Vec::new(),
            odds: Vec::new(),
            total: empty(Unit::UsdPerMonth),
            margin: empty(Unit::Percent),
            target_margin_pct: self.scenario.deal.target_margin_pct,
            budget_monthly_usd: self.scenario.uncertainty.budget_monthly_usd,
            tornado: Vec::new(),
            tornado_by_margin: Vec::new(),
            at_medians: (0.0, 0.0),
            months: Vec::new(),
            projection_samples: 0,
        }
    }

    /// Swings the next input from its 5th to its 95th percentile with the others at their
    /// medians, and ranks its draws against the totals.
    fn swing(&mut self) {
        let inputs = &self.inputs;
        let tornado = self.tornado.get_or_insert_with(|| {
            let mut at_medians = self.scenario.clone();
            for input in inputs {
                input.set(&mut at_medians, input.at(0.5));
            }
            let broken = at_medians.cross_field_errors().into_iter().next();
            Tornado {
                base: total_and_margin(&evaluate_sample(&at_medians)),
                at_medians,
                total_ranks: ranks(&self.totals),
                swings: Vec::with_capacity(inputs.len()),
                // With every input at its median the scenario breaks a rule: no swing is made.
                next: if broken.is_some() { inputs.len() } else { 0 },
                left_out: broken.into_iter().map(|rule| Warning {
                    id: Text::Borrowed("uncertainty.tornado_left_out"),
                    severity: Severity::Warning,
                    message: format!(
                        "What drives the spread is not shown: with every uncertain input at its median the scenario breaks a rule ({}).",
                        rule.message.trim_end_matches('.')
                    ),
                }).collect(),
            }
        });
        let i = tornado.next;
        let Some(input) = inputs.get(i) else {
            return;
        };
        tornado.next += 1;
        let mut swung = tornado.at_medians.clone();
        let mut end = |p: f64| {
            input.set(&mut swung, input.at(p));
            match swung.cross_field_errors().into_iter().next() {
                Some(rule) => Err(rule.message),
                None => Ok(total_and_margin(&evaluate_sample(&swung))),
            }
        };
        let (low, high) = match (end(0.05), end(0.95)) {
            (Ok(low), Ok(high)) => (low, high),
            (Err(rule), _) | (_, Err(rule)) => {
                tornado.left_out.push(Warning {
                    id: Text::Owned(format!("uncertainty.swing_left_out.{}", input.path)),
                    severity: Severity::Info,
                    message: format!(
                        "{} is left out of what drives the spread: at its 5th or 95th percentile, the others at their medians, the scenario breaks a rule ({}).",
                        input.label,
                        rule.trim_end_matches('.')
                    ),
                });
                return;
            }
        };
        tornado.swings.push(Swing {
            path: input.path.clone(),
            label: input.label.clone(),
            total_at_p5: low.0,
            total_at_p95: high.0,
            margin_at_p5: low.1,
            margin_at_p95: high.1,
            rank_correlation: correlation_of_ranks(&ranks(&self.drawn[i]), &tornado.total_ranks),
        });
    }

    /// The tornado, every input swung ([`Simulation::swing`]): the month's total and margin at
    /// the medians, the swings with the widest effect on the month's total first (ties by the
    /// effect on the margin), and their order by the effect on the margin.
    /// Also the findings of the swings left out.
    fn tornado(&mut self) -> ((f64, f64), Vec<Swing>, Vec<usize>, Vec<Warning>) {
        while self.swings_left() > 0 {
            self.swing();
        }
        let Some(Tornado {
            base,
            mut swings,
            left_out,
            ..
        }) = self.tornado.take()
        else {
            return ((0.0, 0.0), Vec::new(), Vec::new(), Vec::new());
        };
        super::sort_short(&mut swings, |a, b| {
            (b.total_effect().total_cmp(&a.total_effect()))
                .then(b.margin_effect().total_cmp(&a.margin_effect()))
                .is_lt()
        });
        let mut by_margin: Vec<usize> = (0..swings.len()).collect();
        super::sort_short(&mut by_margin, |a, b| {
            swings[*a].margin_effect() > swings[*b].margin_effect()
        });
        (base, swings, by_margin, left_out)
    }
}

/// The findings the odds make: a warning for a chance of at least [`WARNING_ODDS`], a note
/// otherwise; and a note of the samples left out.
fn findings(odds: &[Odds], samples: usize, left_out: usize, broken: Option<&str>) -> Vec<Warning> {
    let mut findings: Vec<Warning> = odds
        .iter()
        .filter(|o| o.id != "uncertainty.limit_reached" || o.probability > 0.0)
        .map(|o| Warning {
            id: o.id.clone(),
            severity: severity_of(o.probability),
            message: format!(
                "{}: {} of {} samples ({}%).",
                o.label,
                crate::format::plain((o.probability * samples as f64).round()),
                crate::format::plain(samples as f64),
                super::n(100.0 * o.probability)
            ),
        })
        .collect();
    if left_out > 0 {
        // Many left out make every percentile one of the samples that keep the rules only.
        let share = left_out as f64 / (left_out + samples) as f64;
        findings.push(Warning {
            id: Text::Borrowed("uncertainty.samples_left_out"),
            severity: severity_of(share),
            message: format!(
                "{} samples were left out: the values drawn broke a rule ({}). The percentiles and odds are of the {} kept.",
                crate::format::plain(left_out as f64),
                broken.unwrap_or_default().trim_end_matches('.'),
                crate::format::plain(samples as f64),
            ),
        });
    }
    findings
}

/// `values` in [`BINS`] equal bins from their 0.5th to their 99.5th percentile, the few beyond
/// either end counted in its bin, so that a long tail of a lognormal range does not squeeze the
/// rest into a corner.
fn histogram(values: &[f64], unit: Unit) -> Histogram {
    let mut sorted = values.to_vec();
    let [min, low, high, max] = percentiles(&mut sorted, [0.0, 0.005, 0.995, 1.0]);
    if values.is_empty() || low == high {
        return Histogram {
            low: if values.is_empty() { 0.0 } else { low },
            width: 0.0,
            counts: vec![values.len() as u32],
            unit,
            min,
            max,
        };
    }
    let width = (high - low) / BINS as f64;
    let mut counts = vec![0u32; BINS];
    for v in values {
        let bin = (((v - low) / width).max(0.0) as usize).min(BINS - 1);
        counts[bin] += 1;
    }
    Histogram {
        low,
        width,
        counts,
        unit,
        min,
        max,
    }
}

/// Notes each range the scenario keeps on an input it does not use (a section switched off, a
/// price of a model not chosen): the run does not draw it, so it moves no figure.
pub(super) fn note_ranges_not_drawn(scenario: &Scenario, out: &mut super::Builder) {
    for (path, _) in scenario.ranges.iter() {
        if crate::scenario::ranges::drawn(scenario).any(|(drawn, _, _)| drawn == path) {
            continue;
        }
        let label = Field::resolve(path, scenario)
            .map_or_else(|| path.to_string(), |f| f.label_in(scenario));
        out.warn(
            Text::Owned(format!("uncertainty.not_drawn.{path}")),
            Severity::Info,
            || format!("{label} has a range but does not apply to this scenario: the range is kept, not drawn, and moves no figure."),
        );
    }
}

/// The whole Monte Carlo run of `scenario` at once (the command line's; the page runs it in
/// chunks); `None` when no input in effect has a range.
pub fn simulate(scenario: &Scenario) -> Option<Uncertainty> {
    let point = super::evaluate(scenario);
    simulate_with(scenario, &point)
}

/// [`simulate`] for a scenario whose point report is already made.
pub fn simulate_with(scenario: &Scenario, point: &Report) -> Option<Uncertainty> {
    let mut run = Simulation::new(scenario, point)?;
    while !run.step(usize::MAX) {}
    Some(run.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Percentiles made together, from one partial sort, are those of the values sorted whole
    /// (Hyndman and Fan's definition 7), bit for bit: ties, repeats and every length up to 60.
    #[test]
    fn percentiles_are_those_of_the_values_sorted() {
        let ps = [0.0, 0.005, 0.1, 0.25, 0.5, 0.5, 0.9, 0.995, 1.0];
        for n in 1..=60u64 {
            for seed in 0..4u64 {
                // A few values repeat, so that ties are selected too.
                let values: Vec<f64> = (0..n)
                    .map(|i| (math::uniform_draw(seed, i) * 40.0).round() / 4.0 - 3.0)
                    .collect();
                let mut sorted = values.clone();
                sorted.sort_by(f64::total_cmp);
                let by_definition = ps.map(|p| {
                    let h = (n - 1) as f64 * p;
                    let below = h.floor() as usize;
                    match sorted.get(below + 1) {
                        Some(next) => sorted[below] + (h - below as f64) * (next - sorted[below]),
                        None => sorted[below],
                    }
                });
                let together = percentiles(&mut values.clone(), ps);
                assert_eq!(together.map(f64::to_bits), by_definition.map(f64::to_bits));
                for (p, expected) in ps.iter().zip(by_definition) {
                    assert_eq!(
                        percentile(&mut values.clone(), *p).to_bits(),
                        expected.to_bits()
                    );
                }
            }
        }
        assert_eq!(percentiles(&mut [], [0.1, 0.9]), [0.0, 0.0]);
    }

    /// Ranks from 1, ties at their average rank, -0 and 0 apart (they differ to the bit).
    #[test]
    fn ranks_share_ties() {
        assert_eq!(ranks(&[3.0, 1.0, 3.0, 2.0]), [3.5, 1.0, 3.5, 2.0]);
        assert_eq!(ranks(&[5.0, 5.0, 5.0]), [2.0, 2.0, 2.0]);
        assert_eq!(ranks(&[0.0, -0.0, -1.0]), [3.0, 2.0, 1.0]);
        assert_eq!(ranks(&[]), [0.0; 0]);
        // The average rank of a tie is where the definition puts it: the values below it, plus
        // half the tie, plus a half.
        let values = [2.0, 7.0, 2.0, 2.0, 9.0, 7.0, 1.0];
        for (v, rank) in values.iter().zip(ranks(&values)) {
            let below = values.iter().filter(|x| *x < v).count() as f64;
            let equal = values.iter().filter(|x| *x == v).count() as f64;
            assert_eq!(rank, below + (equal + 1.0) / 2.0);
        }
        assert_eq!(rank_correlation(&[1.0, 2.0, 3.0], &[10.0, 40.0, 90.0]), 1.0);
        assert_eq!(rank_correlation(&[1.0, 2.0, 3.0], &[9.0, 4.0, 1.0]), -1.0);
        assert_eq!(rank_correlation(&[1.0, 1.0, 1.0], &[9.0, 4.0, 1.0]), 0.0);
    }
}
