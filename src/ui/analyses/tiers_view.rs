//! Tiers and breaking points: the scenario at values of one driver, as a table and as grouped
//! bars by bill category; each service's p95 response time against the driver, with its
//! target; and the value of the driver at which each limit is first reached. Every figure is
//! the engine's ([`crate::engine::scaling`]); this view only lays them out.

use leptos::prelude::*;

use super::app::Panel;
use crate::engine::scaling::{self, Driver};
use crate::format;
use crate::math;
use crate::report::Category;
use crate::report::scaling::{BreakingPoint, Reached, Tiers};
use crate::scenario::Scenario;
use crate::scenario::fields::{Field, Value};
use crate::ui::charts::axis_ticks;
use crate::units::Unit;

/// How many values of the driver the p95 chart evaluates between the lowest and highest tier.
const CURVE_POINTS: usize = 40;

/// The tiers tab.
#[component]
pub fn TiersView() -> impl IntoView {
    let panel = expect_context::<Panel>();
    let scenario = move || panel.scenario.get().unwrap_or_default();
    // The chosen driver, or the scale factor when the scenario no longer has it (its customer
    // removed, say).
    let driver = move || {
        let s = scenario();
        let key = panel.driver.get();
        Driver::parse(&key, &s).unwrap_or(Driver::Scale)
    };
    let values = Memo::new(move |_| {
        let s = scenario();
        let driver = driver();
        match panel.values.get() {
            None => Ok(scaling::default_values(&s, &driver)),
            Some(text) => driver.read_values(&text, &s),
        }
    });
    let tiers = Memo::new(move |_| {
        let s = scenario();
        let values = values.get().unwrap_or_default();
        scaling::tiers(&s, &driver(), &values)
    });
    let points = Memo::new(move |_| scaling::breaking_points(&scenario(), &driver()));
    let curve = Memo::new(move |_| {
        let s = scenario();
        let values = values.get().unwrap_or_default();
        let driver = driver();
        // From a tenth of today's value, so that the load below today shows too.
        let mut span = values.clone();
        span.push(driver.today(&s) / 10.0);
        let mut dense: Vec<f64> = spread(&span)
            .into_iter()
            .map(|v| {
                if driver.takes(v).is_ok() {
                    v
                } else {
                    v.round()
                }
            })
            .collect();
        dense.dedup();
        scaling::tiers(&s, &driver, &dense)
    });
    let options = move || {
        let s = scenario();
        let chosen = driver().key();
        scaling::drivers(&s)
            .into_iter()
            .map(|d| {
                let info = d.info(&s);
                let selected = info.key == chosen;
                view! { <option value=info.key.clone() selected=selected>{info.label}</option> }
            })
            .collect_view()
    };
    let values_text = move || match panel.values.get() {
        Some(text) => text,
        None => values
            .get()
            .unwrap_or_default()
            .iter()
            .map(|v| format::typed(*v))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let values_error = move || values.get().err();
    // A driver that is gone from the scenario, or now names another item (one before it was
    // removed), gives way to the scale factor, and the panel says so.
    let gone = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let s = scenario();
        let key = panel.driver.get();
        if key == scaling::SCALE {
            return;
        }
        let chosen = panel.driver_label.get_value();
        let now = Driver::parse(&key, &s).ok().map(|d| d.info(&s).label);
        if now.as_deref() != Some(chosen.as_str()) {
            gone.set(Some(format!(
                "“{chosen}” is no longer in the scenario, or now names another item: the tiers are of the scale factor again."
            )));
            panel.driver.set(scaling::SCALE.to_string());
            panel.values.set(None);
        }
    });
    view! {
        <div class="tiers-controls">
            <label>
                "Driver "
                <select on:change=move |ev| {
                    let key = event_target_value(&ev);
                    let s = scenario();
                    let label = Driver::parse(&key, &s).map(|d| d.info(&s).label);
                    panel.driver_label.set_value(label.unwrap_or_default());
                    gone.set(None);
                    panel.driver.set(key);
                    panel.values.set(None);
                }>{options}</select>
            </label>
            <label>
                "Values "
                <input
                    type="text"
                    class="tier-values"
                    inputmode="decimal"
                    aria-describedby="tier-values-help"
                    aria-invalid=move || values_error().is_some().to_string()
                    prop:value=values_text
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        panel.values.set((!text.trim().is_empty()).then_some(text));
                    }
                />
            </label>
            <button type="button" on:click=move |_| panel.values.set(None)>
                "×1, ×10, ×100"
            </button>
            {move || seed_tiers(&scenario()).map(|(key, label, values)| {
                let text = format!("The seed's tiers: {values}");
                view! {
                    <button type="button" class="seed-tiers" on:click=move |_| {
                        panel.driver_label.set_value(label.clone());
                        gone.set(None);
                        panel.driver.set(key.to_string());
                        panel.values.set(Some(values.to_string()));
                    }>{text}</button>
                }
            })}
        </div>
        <p id="tier-values-help" class="hint">
            {move || {
                let info = tiers.with(|t| t.driver.clone());
                format!(
                    "Today {}: {}. Values: numbers separated by commas (10k, 1.5M), or ×10 for ten times today's.",
                    format::with_unit(info.today, info.unit),
                    info.moves,
                )
            }}
        </p>
        {move || values_error().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        {move || gone.get().map(|note| view! { <p class="notice" role="status">{note}</p> })}
        {move || tiers.with(tiers_table)}
        {move || tiers.with(category_bars)}
        {move || curve.with(|t| p95_chart(t, &scenario()))}
        <h3>"Breaking points"</h3>
        {move || points.with(|p| tiers.with(|t| breaking_list(&t.driver, p)))}
        {move || points.with(|p| tiers.with(|t| breaking_chart(&t.driver, p)))}
    }
}

/// The tiers the seed document of the scenario's preset tabulates (the scenario keeps the
/// preset's id as its name until renamed), when the scenario has their driver: its key, its
/// label and the values.
fn seed_tiers(scenario: &Scenario) -> Option<(&'static str, String, &'static str)> {
    let (key, values) = crate::scenario::presets::by_id(&scenario.name)?.tiers()?;
    let driver = Driver::parse(key, scenario).ok()?;
    Some((key, driver.info(scenario).label, values))
}

/// [`CURVE_POINTS`] values from the lowest to the highest of `values`, evenly spaced on a
/// logarithmic scale where they span more than ten times, else evenly (a whole-number driver's
/// are then rounded by the caller).
fn spread(values: &[f64]) -> Vec<f64> {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return values.to_vec();
    }
    let axis = Axis::new(lo, hi, 0.0, 1.0);
    (0..CURVE_POINTS)
        .map(|i| axis.value_at(i as f64 / (CURVE_POINTS - 1) as f64))
        .collect()
}

/// A dollar axis's tick, in whole dollars: `$0`, `$800`, `$1,000`.
fn dollars(usd: f64) -> String {
    format!("${}", format::plain(usd.round()))
}

/// A heading's unit where the figures do not show it themselves.
fn heading(label: &str, unit: Unit) -> String {
    match unit {
        Unit::Milliseconds | Unit::Gibibytes | Unit::Vcpu => {
            format!("{label} ({})", unit.symbol())
        }
        _ => label.to_string(),
    }
}

/// The tiers as a table: a column per tier, a row per figure, then each tier's tightest limit.
fn tiers_table(tiers: &Tiers) -> impl IntoView + use<> {
    let driver = &tiers.driver;
    // A tier past a limit says so in its heading: its figures are what it would need.
    let past =
        |t: &crate::report::scaling::Tier| t.binding.as_ref().is_some_and(|l| l.used_pct > 100.0);
    let head = tiers
        .tiers
        .iter()
        .map(|t| {
            let over = past(t);
            view! {
                <th scope="col" class:over=over>
                    {format::value(t.value, driver.unit)}
                    {over.then(|| view! { <span class="tier-note">"past a limit"</span> })}
                </th>
            }
        })
        .collect_view();
    let rows = tiers
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let cells = tiers
                .tiers
                .iter()
                .map(|t| {
                    let text = match (&t.error, t.figures.get(i).copied().flatten()) {
                        (Some(_), _) => String::new(),
                        (None, Some(v)) => format::value(v, column.unit),
                        (None, None) => "—".to_string(),
                    };
                    view! { <td>{text}</td> }
                })
                .collect_view();
            view! {
                <tr data-key=column.key.to_string()>
                    <th scope="row">{heading(&column.label, column.unit)}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let limits = tiers
        .tiers
        .iter()
        .map(|t| {
            let text = match (&t.error, &t.binding) {
                (Some(error), _) => format!("Cannot be evaluated: {error}"),
                (None, Some(limit)) => {
                    format!("{}: {}% used", limit.label, format::plain(limit.used_pct))
                }
                (None, None) => "No limit set".to_string(),
            };
            let reached = t.binding.as_ref().is_some_and(|l| l.used_pct >= 100.0);
            view! { <td class:over=reached>{text}</td> }
        })
        .collect_view();
    let footnote = tiers
        .tiers
        .iter()
        .any(|t| t.error.is_none() && t.figures.iter().any(Option::is_none))
        .then(|| view! {
            <p class="hint">
                "—: no such figure at that value (a p95 response time has none for a service without requests, or whose queue grows without bound)."
            </p>
        });
    let past_note = tiers.tiers.iter().any(past).then(|| view! {
        <p class="hint">
            "A tier past a limit shows what it would need — instances above a service's maximum included — and its bill and margin price them as if they ran; at its maximum the service could not keep up."
        </p>
    });
    view! {
        <div class="table-scroll">
            <table class="tiers">
                <caption>{format!("Tiers of {}", driver.label.to_lowercase())}</caption>
                <thead>
                    <tr>
                        <th scope="col">{driver.label.clone()}</th>
                        {head}
                    </tr>
                </thead>
                <tbody>
                    {rows}
                    <tr class="binding">
                        <th scope="row">"Tightest limit"</th>
                        {limits}
                    </tr>
                </tbody>
            </table>
        </div>
        {footnote}
        {past_note}
    }
}

/// An axis from `lo` to `hi` onto the drawing's `from`..`to`: logarithmic where the values are
/// positive and span more than ten times, else linear.
#[derive(Clone, Copy)]
struct Axis {
    lo: f64,
    hi: f64,
    from: f64,
    to: f64,
    log: bool,
}

impl Axis {
    fn new(lo: f64, hi: f64, from: f64, to: f64) -> Axis {
        let (lo, hi) = if hi > lo {
            (lo, hi)
        } else {
            (lo * 0.5, lo * 1.5 + 1.0)
        };
        Axis {
            lo,
            hi,
            from,
            to,
            log: lo > 0.0 && hi / lo > 10.0,
        }
    }

    /// Where on the drawing `value` sits.
    fn at(&self, value: f64) -> f64 {
        let share = if self.log {
            (math::log10(value) - math::log10(self.lo))
                / (math::log10(self.hi) - math::log10(self.lo))
        } else {
            (value - self.lo) / (self.hi - self.lo)
        };
        self.from + share.clamp(0.0, 1.0) * (self.to - self.from)
    }

    /// The value at `share` of the way from `lo` to `hi`.
    fn value_at(&self, share: f64) -> f64 {
        if self.log {
            math::pow(
                10.0,
                math::log10(self.lo) + share * (math::log10(self.hi) - math::log10(self.lo)),
            )
        } else {
            self.lo + share * (self.hi - self.lo)
        }
    }

    /// Round values to mark along the axis: powers of ten on a logarithmic one, round steps on
    /// a linear one.
    fn ticks(&self) -> Vec<f64> {
        if self.log {
            // Powers of ten; over three decades or fewer, with 2 and 5 times each between.
            let first = math::log10(self.lo).floor() as i32;
            let last = math::log10(self.hi).ceil() as i32;
            let steps: &[f64] = if last - first <= 3 {
                &[1.0, 2.0, 5.0]
            } else {
                &[1.0]
            };
            (first..=last)
                .flat_map(|p| steps.iter().map(move |k| k * math::pow(10.0, f64::from(p))))
                .filter(|t| *t >= self.lo * 0.999 && *t <= self.hi * 1.001)
                .collect()
        } else {
            axis_ticks(self.hi)
                .into_iter()
                .filter(|t| *t >= self.lo && *t <= self.hi)
                .collect()
        }
    }
}

/// The drawing's size, in its own units.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 72.0;
const BOTTOM: f64 = 208.0;
const TOP: f64 = 12.0;
const RIGHT: f64 = 600.0;

/// A chart's drawing, described by `title`: its marks over the driver's axis and label.
fn drawing(title: &str, marks: Vec<AnyView>, driver: &str) -> impl IntoView + use<> {
    view! {
        <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=title.to_string()>
            {marks}
            <line class="axis" x1=LEFT x2=RIGHT y1=BOTTOM y2=BOTTOM></line>
            <text class="axis-label" x=(LEFT + RIGHT) / 2.0 y=HEIGHT - 2.0 text-anchor="middle">{driver.to_string()}</text>
        </svg>
    }
}

/// Each tier's bill by category as grouped bars, a group per tier.
fn category_bars(tiers: &Tiers) -> Option<impl IntoView + use<>> {
    let categories: Vec<(usize, &Category)> = (tiers.columns.iter().enumerate())
        .filter_map(|(i, c)| {
            Category::ALL
                .iter()
                .find(|k| *c.key == *k.column)
                .map(|k| (i, k))
        })
        .collect();
    let shown: Vec<_> = tiers.tiers.iter().filter(|t| t.error.is_none()).collect();
    if categories.is_empty() || shown.is_empty() {
        return None;
    }
    let max = (shown.iter())
        .flat_map(|t| categories.iter().filter_map(|(i, _)| t.figures[*i]))
        .fold(0.0, f64::max);
    let ticks = axis_ticks(max);
    let top = ticks.last().copied().unwrap_or(1.0);
    let y = move |v: f64| BOTTOM - (BOTTOM - TOP) * v / top;
    let group = (RIGHT - LEFT) / shown.len() as f64;
    let bar = (group * 0.8) / categories.len() as f64;
    let unit = tiers.driver.unit;
    let mut marks = Vec::new();
    for t in &ticks {
        marks.push(view! {
            <line class="grid" x1=LEFT x2=RIGHT y1=y(*t) y2=y(*t)></line>
            <text class="axis-label" x=LEFT - 6.0 y=y(*t) + 4.0 text-anchor="end">{dollars(*t)}</text>
        }.into_any());
    }
    for (g, tier) in shown.iter().enumerate() {
        let x0 = LEFT + group * g as f64 + group * 0.1;
        for (b, (i, category)) in categories.iter().enumerate() {
            let v = tier.figures[*i].unwrap_or(0.0);
            let title = format!(
                "{} at {}: {}",
                category.title,
                format::value(tier.value, unit),
                format::money(v)
            );
            marks.push(view! {
                <rect class=format!("bar {}", category.key) x=x0 + bar * b as f64 y=y(v) width=bar * 0.9 height=BOTTOM - y(v)>
                    <title>{title}</title>
                </rect>
            }.into_any());
        }
        marks.push(
            view! {
                <text class="axis-label" x=x0 + group * 0.4 y=BOTTOM + 18.0 text-anchor="middle">
                    {format::value(tier.value, unit)}
                </text>
            }
            .into_any(),
        );
    }
    let legend = categories
        .iter()
        .map(|(_, c)| {
            view! {
                <li>
                    <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class=format!("bar {}", c.key) width="10" height="10"></rect></svg>
                    {c.title}
                </li>
            }
        })
        .collect_view();
    let title = format!(
        "Monthly bill by category at each tier of {}",
        tiers.driver.label.to_lowercase()
    );
    Some(view! {
        <figure class="chart tiers-chart">
            {drawing(&title, marks, &tiers.driver.label)}
            <figcaption>{title}</figcaption>
            <ul class="chart-key">{legend}</ul>
        </figure>
    })
}

/// The p95 target a service's p95 figure is held to, from the scenario's inputs: the input
/// beside it (`services.1.p95_target_ms` for `services.1.p95_response_ms`); `None` for no
/// target.
fn target_of(key: &str, scenario: &Scenario) -> Option<f64> {
    let path = key.replace("p95_response_ms", "p95_target_ms");
    match Field::resolve(&path, scenario).and_then(|f| f.get(scenario)) {
        Some(Value::Number(target)) if target > 0.0 => Some(target),
        _ => None,
    }
}

/// Each service's p95 response time against the driver, on the tiers' span, with its target
/// as a dashed line; a gap where the queue grows without bound.
fn p95_chart(curve: &Tiers, scenario: &Scenario) -> Option<impl IntoView + use<>> {
    let series: Vec<(usize, &str, Option<f64>)> = (curve.columns.iter().enumerate())
        .filter(|(_, c)| c.key.ends_with(".p95_response_ms"))
        .map(|(i, c)| (i, &*c.label, target_of(&c.key, scenario)))
        .collect();
    let shown: Vec<_> = curve.tiers.iter().filter(|t| t.error.is_none()).collect();
    if series.is_empty() || shown.len() < 2 {
        return None;
    }
    let figures = (shown.iter()).flat_map(|t| series.iter().filter_map(|(i, _, _)| t.figures[*i]));
    let targets = series.iter().filter_map(|(_, _, t)| *t);
    let (lo, hi) = figures
        .chain(targets)
        .filter(|v| *v > 0.0)
        .fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if !lo.is_finite() {
        return None;
    }
    let x = Axis::new(shown[0].value, shown[shown.len() - 1].value, LEFT, RIGHT);
    let y = Axis::new(lo * 0.8, hi * 1.2, BOTTOM, TOP);
    let unit = curve.driver.unit;
    let mut marks = Vec::new();
    for t in y.ticks() {
        marks.push(view! {
            <line class="grid" x1=LEFT x2=RIGHT y1=y.at(t) y2=y.at(t)></line>
            <text class="axis-label" x=LEFT - 6.0 y=y.at(t) + 4.0 text-anchor="end">{format!("{} ms", format::plain(t))}</text>
        }.into_any());
    }
    for t in x.ticks() {
        marks.push(view! {
            <text class="axis-label" x=x.at(t) y=BOTTOM + 18.0 text-anchor="middle">{format::value(t, unit)}</text>
        }.into_any());
    }
    let mut key = Vec::new();
    for (n, (i, label, target)) in series.iter().enumerate() {
        // The line breaks where the figure is missing: the queue grows without bound there.
        let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
        for t in &shown {
            match t.figures[*i] {
                Some(v) if v > 0.0 => runs
                    .last_mut()
                    .expect("one run at least")
                    .push((x.at(t.value), y.at(v))),
                _ => runs.push(Vec::new()),
            }
        }
        let series_class = format!("series-{}", n % 6);
        for run in runs.into_iter().filter(|r| !r.is_empty()) {
            // A run of one value is a dot: a line needs two.
            if let [(cx, cy)] = run[..] {
                let class = format!("p95-dot {series_class}");
                marks.push(view! { <circle class=class cx=cx cy=cy r="3"></circle> }.into_any());
                continue;
            }
            let points: String = run
                .iter()
                .map(|(px, py)| format!("{px:.1},{py:.1} "))
                .collect();
            let class = format!("p95-line {series_class}");
            marks.push(view! { <polyline class=class points=points></polyline> }.into_any());
        }
        if let Some(target) = target {
            marks.push(view! {
                <line class=format!("target-line series-{}", n % 6) x1=LEFT x2=RIGHT y1=y.at(*target) y2=y.at(*target)>
                    <title>{format!("{label}: target {} ms", format::plain(*target))}</title>
                </line>
            }.into_any());
        }
        let target_text = target.map(|t| format!(" (target {} ms, dashed)", format::plain(t)));
        key.push(view! {
            <li>
                <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><line class=format!("p95-line series-{}", n % 6) x1="0" x2="10" y1="5" y2="5"></line></svg>
                {label.to_string()}
                {target_text}
            </li>
        });
    }
    let title = format!(
        "p95 response time at the peak against {}",
        curve.driver.label.to_lowercase()
    );
    Some(view! {
        <figure class="chart p95-chart">
            {drawing(&title, marks, &curve.driver.label)}
            <figcaption>
                {title}
                {format!(", at {} values; where a line stops, the queue grows without bound.", shown.len())}
            </figcaption>
            <ul class="chart-key">{key}</ul>
        </figure>
    })
}

/// Where a limit is first reached, in words.
fn reached_text(reached: Reached, unit: Unit) -> String {
    match reached {
        Reached::At(v) => format!("reached at {}", format::with_unit(v, unit)),
        Reached::AtOrBelow(v) => {
            format!(
                "reached at every value searched, down to {}",
                format::with_unit(v, unit)
            )
        }
        Reached::Beyond(v) => format!("not reached up to {}", format::with_unit(v, unit)),
    }
}

/// The breaking points in order, first reached first.
fn breaking_list(
    driver: &crate::report::scaling::DriverInfo,
    points: &[BreakingPoint],
) -> impl IntoView + use<> {
    if points.is_empty() {
        return view! { <p class="hint">"The scenario sets no limit."</p> }.into_any();
    }
    let items = points
        .iter()
        .map(|p| {
            let today = p.used_today_pct.map_or_else(
                || "not set today".to_string(),
                |used| format!("{}% used today", format::plain(used)),
            );
            let reached = matches!(p.reached, Reached::At(_) | Reached::AtOrBelow(_));
            view! {
                <li class:reached=reached data-metric=p.metric.to_string()>
                    <strong>{p.label.to_string()}</strong>
                    {format!(" {} ({today})", reached_text(p.reached, driver.unit))}
                </li>
            }
        })
        .collect_view();
    view! {
        <ol class="breaking-points">{items}</ol>
    }
    .into_any()
}

/// The breaking points on the driver's axis: a row per limit, its mark where it is reached,
/// with today's value as a line.
fn breaking_chart(
    driver: &crate::report::scaling::DriverInfo,
    points: &[BreakingPoint],
) -> Option<impl IntoView + use<>> {
    let value = |p: &BreakingPoint| p.reached.parts().1;
    let all = points
        .iter()
        .map(value)
        .chain([driver.today])
        .filter(|v| *v > 0.0);
    let (lo, hi) = all.fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if points.is_empty() || !lo.is_finite() {
        return None;
    }
    let row = 22.0;
    let height = TOP + row * points.len() as f64 + 36.0;
    let bottom = height - 30.0;
    let left = 260.0;
    let x = Axis::new(lo / 2.0, hi * 2.0, left, RIGHT);
    let mut marks = Vec::new();
    for t in x.ticks() {
        marks.push(view! {
            <line class="grid" x1=x.at(t) x2=x.at(t) y1=TOP y2=bottom></line>
            <text class="axis-label" x=x.at(t) y=bottom + 16.0 text-anchor="middle">{format::value(t, driver.unit)}</text>
        }.into_any());
    }
    marks.push(
        view! {
            <line class="today-line" x1=x.at(driver.today) x2=x.at(driver.today) y1=TOP y2=bottom>
                <title>{format!("Today: {}", format::with_unit(driver.today, driver.unit))}</title>
            </line>
        }
        .into_any(),
    );
    for (n, p) in points.iter().enumerate() {
        let cy = TOP + row * (n as f64 + 0.5);
        let (kind, _) = p.reached.parts();
        let label = if p.label.chars().count() > 40 {
            format!("{}…", p.label.chars().take(39).collect::<String>())
        } else {
            p.label.to_string()
        };
        marks.push(view! {
            <text class="axis-label" x=left - 8.0 y=cy + 4.0 text-anchor="end">{label}</text>
            <circle class=format!("breaking-mark {kind}") cx=x.at(value(p)) cy=cy r="5">
                <title>{format!("{}: {}", p.label, reached_text(p.reached, driver.unit))}</title>
            </circle>
        }.into_any());
    }
    let title = format!(
        "Where each limit is first reached along {}; the dashed line is today",
        driver.label.to_lowercase()
    );
    Some(view! {
        <figure class="chart breaking-chart">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=title.clone()>
                {marks}
                <line class="axis" x1=left x2=RIGHT y1=bottom y2=bottom></line>
            </svg>
            <figcaption>{title}". A hollow mark is not reached within the search."</figcaption>
        </figure>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_axis_over_few_decades_marks_twos_and_fives_and_a_wide_one_powers_of_ten() {
        let few = Axis::new(40.0, 3_679.0, 0.0, 1.0);
        assert!(few.log);
        assert_eq!(few.ticks(), [50.0, 100.0, 200.0, 500.0, 1_000.0, 2_000.0]);
        let wide = Axis::new(1.0, 1e6, 0.0, 1.0);
        assert_eq!(wide.ticks(), [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6]);
        let linear = Axis::new(1.0, 5.0, 0.0, 100.0);
        assert!(!linear.log);
        assert_eq!(linear.at(3.0), 50.0);
    }

    #[test]
    fn the_curve_spans_the_tiers_evenly_on_the_axis_they_are_drawn_on() {
        let values = spread(&[100.0, 10_000.0]);
        assert_eq!(values.len(), CURVE_POINTS);
        assert!((values[0] - 100.0).abs() < 1e-9);
        assert!((values[CURVE_POINTS - 1] - 10_000.0).abs() < 1e-6);
        let ratio = values[1] / values[0];
        assert!(
            values
                .windows(2)
                .all(|w| (w[1] / w[0] - ratio).abs() < 1e-9)
        );
        assert_eq!(spread(&[5.0]), [5.0]);
    }
}
