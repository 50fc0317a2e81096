//! The report's view of the Monte Carlo run ([`crate::engine::uncertainty`]): what was drawn,
//! the odds that matter to the deal, histograms of the month's total and of the margin with the
//! budget and the target marked, what drives the spread (a tornado and its table, with each
//! input's rank correlation with the total), and the projection's band. Like the other charts,
//! each drawing is an SVG with a title and the same numbers in words; nothing is computed here
//! but where a bar is drawn.

use super::charts::{at, figure, section, svg, svg_title};
use super::dom::Node;
use super::state::RunTimes;
use crate::format;
use crate::report::Report;
use crate::report::uncertainty::{Histogram, Spread, Swing, Uncertainty};
use crate::units::Unit;

/// A figure's P10, P50 and P90 in words, e.g. "P10 $16,307 · P50 $24,990 · P90 $38,263".
pub fn spread_text(spread: Spread, unit: Unit) -> String {
    format!(
        "P10 {} · P50 {} · P90 {}",
        format::value(spread.p10, unit),
        format::value(spread.p50, unit),
        format::value(spread.p90, unit)
    )
}

/// The drawing's width, in SVG units.
const WIDTH: f64 = 560.0;

/// Where a histogram's bars start and end across the drawing.
const PLOT: (f64, f64) = (12.0, 548.0);

/// The panel of the run: empty when the scenario has no ranges.
pub fn panel(report: &Report, run: Option<&Uncertainty>, times: RunTimes) -> Vec<Node> {
    let Some(run) = run else {
        return Vec::new();
    };
    let drawn: Vec<String> = (run.inputs.iter())
        .map(|i| {
            format!(
                "{} {} to {} ({})",
                i.label,
                format::with_unit(i.range.low, i.unit),
                format::with_unit(i.range.high, i.unit),
                i.range.shape.id()
            )
        })
        .collect();
    let mut lead = format!(
        "{} samples, each drawing {}. Each figure's P10 and P90: a 1-in-10 chance of less, and a 1-in-10 chance of more; P50, the middle.",
        format::plain(run.samples as f64),
        drawn.join("; ")
    );
    if times.total_ms > 0.0 {
        lead.push_str(&format!(
            " Drawn in {} s in this browser ({} s of it computing), and the projection's band ({} samples a month) in {} s more.",
            format::plain(times.samples_ms / 1_000.0),
            format::plain(times.computing_ms / 1_000.0),
            format::plain(run.projection_samples as f64),
            format::plain((times.total_ms - times.samples_ms) / 1_000.0)
        ));
    }
    if run.left_out.0 > 0 {
        lead.push_str(&format!(
            " {} left out: the values drawn broke a rule.",
            format::plain(run.left_out.0 as f64)
        ));
    }
    // A run without a sample that keeps the rules has only its finding to show.
    if run.spreads.is_empty() {
        return vec![
            section("uncertainty", "uncertainty", "Uncertainty", false)
                .child(Node::text_el("p", "lead", &lead)),
        ];
    }
    let odds = run.odds.iter().map(|o| {
        Node::html("li")
            .attr("data-odds", &o.id)
            .attr("data-value", &format::raw(o.probability))
            .child(Node::text_el(
                "strong",
                "odds-value",
                &format!("{}%", format::plain(100.0 * o.probability)),
            ))
            .text(" ")
            .text(&o.label)
    });
    let total = report.total_monthly_usd();
    let margin = report.value("deal.gross_margin_pct").unwrap_or(0.0);
    let mut total_marks = vec![("point", total, "Point estimate")];
    if run.budget_monthly_usd > 0.0 {
        total_marks.push(("budget", run.budget_monthly_usd, "Budget"));
    }
    let margin_marks = [
        ("point", margin, "Point estimate"),
        ("target", run.target_margin_pct, "Target"),
    ];
    vec![
        section("uncertainty", "uncertainty", "Uncertainty", false)
            .child(
                Node::text_el("p", "lead", &lead)
                    .attr("data-computing-ms", &format::raw(times.computing_ms))
                    .attr("data-samples-ms", &format::raw(times.samples_ms))
                    .attr("data-total-ms", &format::raw(times.total_ms)),
            )
            .child(
                Node::html("ul")
                    .class("odds")
                    .attr("aria-label", "The odds")
                    .children(odds.collect()),
            )
            .child(histogram(
                "total-histogram",
                "The month's total over the samples",
                &run.total,
                run.spread("cost.total_monthly_usd"),
                &total_marks,
            ))
            .child(histogram(
                "margin-histogram",
                "The gross margin over the samples",
                &run.margin,
                run.spread("deal.gross_margin_pct"),
                &margin_marks,
            ))
            .children(tornado(run))
            .child(band(run)),
    ]
}

/// A histogram of `h`, each mark a labelled line at its value.
fn histogram(
    id: &str,
    title: &str,
    h: &Histogram,
    spread: Option<Spread>,
    marks: &[(&str, f64, &str)],
) -> Node {
    let top = h.counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let (left, right) = PLOT;
    // The axis reaches every mark: a target or a budget beyond the samples is drawn where it
    // is, not at their edge. Samples all alike make one bar a twentieth of the axis wide.
    let (from, to) = marks
        .iter()
        .fold((h.low, h.high()), |(from, to), (_, v, _)| {
            (from.min(*v), to.max(*v))
        });
    let (from, to) = match to > from {
        true => (from, to),
        false => (from - 1.0, to + 1.0),
    };
    let x_of = |v: f64| left + (v - from) / (to - from) * (right - left);
    let bar_width = match h.width > 0.0 {
        true => h.width / (to - from) * (right - left),
        false => (right - left) / 20.0,
    };
    let mut nodes: Vec<Node> = (h.counts.iter().enumerate())
        .map(|(i, count)| {
            let height = 110.0 * f64::from(*count) / top;
            let edge = h.low + h.width * i as f64;
            // The first and last bars also hold the samples beyond their edges.
            let from = if i == 0 { h.min.min(edge) } else { edge };
            let to = match i + 1 == h.counts.len() {
                true => h.max.max(edge + h.width),
                false => edge + h.width,
            };
            // A bin starts at its low edge; a lone bar (samples all alike) is centred on it.
            let x = match h.width > 0.0 {
                true => x_of(edge),
                false => x_of(edge) - bar_width / 2.0,
            };
            svg("g", &[("class", "histogram-bin")])
                .child(svg_title(
                    None,
                    &format!(
                        "{} to {}: {} samples",
                        format::with_unit(from, h.unit),
                        format::with_unit(to, h.unit),
                        format::plain(f64::from(*count))
                    ),
                ))
                .child(svg(
                    "rect",
                    &[
                        ("x", &at(x + 0.5)),
                        ("y", &at(120.0 - height)),
                        ("width", &at((bar_width - 1.0).max(0.5))),
                        ("height", &at(height)),
                        ("class", "bar histogram-bar"),
                    ],
                ))
        })
        .collect();
    for (i, (class, value, label)) in marks.iter().enumerate() {
        let x = x_of(*value);
        let anchor = if x > WIDTH / 2.0 { "end" } else { "start" };
        let dx = if anchor == "end" { -4.0 } else { 4.0 };
        nodes.push(
            svg("g", &[("class", &format!("mark {class}"))])
                .child(svg(
                    "line",
                    &[("x1", &at(x)), ("x2", &at(x)), ("y1", "4"), ("y2", "122")],
                ))
                .child(
                    svg(
                        "text",
                        &[
                            ("x", &at(x + dx)),
                            ("y", &at(14.0 + 14.0 * i as f64)),
                            ("text-anchor", anchor),
                            ("class", "chart-label"),
                        ],
                    )
                    .text(&format!("{label} {}", format::value(*value, h.unit))),
                ),
        );
    }
    for (x, value, anchor) in [(left, from, "start"), (right, to, "end")] {
        nodes.push(
            svg(
                "text",
                &[
                    ("x", &at(x)),
                    ("y", "140"),
                    ("text-anchor", anchor),
                    ("class", "chart-label"),
                ],
            )
            .text(&format::value(value, h.unit)),
        );
    }
    let marked: Vec<String> = marks
        .iter()
        .map(|(_, v, label)| format!("{label} {}", format::value(*v, h.unit)))
        .collect();
    let trimmed = match h.is_trimmed() {
        true => format!(
            " (the bars span {} to {}, the middle 99%; the first and last also hold the samples beyond)",
            format::value(h.low, h.unit),
            format::value(h.high(), h.unit),
        ),
        false => String::new(),
    };
    let words = format!(
        "{title}: from {} to {}{trimmed}{}; {}.",
        format::value(h.min, h.unit),
        format::value(h.max, h.unit),
        spread.map_or(String::new(), |s| format!(", {}", spread_text(s, h.unit))),
        marked.join(", ")
    );
    figure(
        &format!("chart histogram {id}"),
        None,
        ("0 0 560 146", id, title),
        nodes,
        words,
    )
}

/// What drives the spread: a chart of each input's swing of the month's total and one of the
/// margin, each widest first, then the swings in a table with the rank correlations.
fn tornado(run: &Uncertainty) -> Vec<Node> {
    if run.tornado.is_empty() {
        return Vec::new();
    }
    vec![
        swings(run, Measure::Total),
        swings(run, Measure::Margin),
        drivers_table(run),
    ]
}

/// What a tornado chart swings: the month's total or the gross margin.
#[derive(Clone, Copy, PartialEq)]
enum Measure {
    Total,
    Margin,
}

impl Measure {
    /// The measure with an input at its 5th and at its 95th percentile.
    fn of(self, s: &Swing) -> (f64, f64) {
        match self {
            Measure::Total => (s.total_at_p5, s.total_at_p95),
            Measure::Margin => (s.margin_at_p5, s.margin_at_p95),
        }
    }

    fn show(self, v: f64) -> String {
        match self {
            Measure::Total => format::money(v),
            Measure::Margin => format::with_unit(v, Unit::Percent),
        }
    }
}

/// One tornado chart: each input's bar from the measure at its 5th percentile to that at its
/// 95th, about the measure with every input at its median, the widest first.
fn swings(run: &Uncertainty, measure: Measure) -> Node {
    let base = match measure {
        Measure::Total => run.at_medians.0,
        Measure::Margin => run.at_medians.1,
    };
    // In the engine's order for the measure: the widest swing first.
    let order: Vec<&Swing> = match measure {
        Measure::Total => run.tornado.iter().collect(),
        Measure::Margin => (run.tornado_by_margin.iter())
            .filter_map(|at| run.tornado.get(*at))
            .collect(),
    };
    let reach = (order.iter())
        .map(|s| {
            let (a, b) = measure.of(s);
            (a - base).abs().max((b - base).abs())
        })
        .fold(0.0, f64::max);
    let (left, right) = (200.0, 548.0);
    let middle = (left + right) / 2.0;
    let x_of = |v: f64| match reach > 0.0 {
        true => middle + (v - base) / reach * (right - middle - 60.0),
        false => middle,
    };
    let label = |text: &str| -> String {
        if text.chars().count() > 26 {
            let kept: String = text.chars().take(25).collect();
            format!("{}…", kept.trim_end())
        } else {
            text.to_string()
        }
    };
    let mut nodes: Vec<Node> = (order.iter().enumerate())
        .map(|(i, s)| {
            let y = 8.0 + 30.0 * i as f64;
            let (low, high) = measure.of(s);
            let (a, b) = (x_of(low), x_of(high));
            let (from, to) = (a.min(b), a.max(b));
            let text = |x: f64, anchor: &str, value: f64| {
                svg(
                    "text",
                    &[
                        ("x", &at(x)),
                        ("y", &at(y + 15.0)),
                        ("text-anchor", anchor),
                        ("class", "chart-value"),
                    ],
                )
                .text(&measure.show(value))
            };
            svg("g", &[("class", "swing"), ("data-input", &s.path)])
                .child(svg_title(None, &s.label))
                .child(
                    svg(
                        "text",
                        &[("x", "0"), ("y", &at(y + 15.0)), ("class", "chart-label")],
                    )
                    .text(&label(&s.label)),
                )
                .child(svg(
                    "rect",
                    &[
                        ("x", &at(from)),
                        ("y", &at(y)),
                        ("width", &at((to - from).max(1.0))),
                        ("height", "20"),
                        ("class", "bar swing-bar"),
                    ],
                ))
                .child(text(from - 4.0, "end", low.min(high)))
                .child(text(to + 4.0, "start", low.max(high)))
        })
        .collect();
    let height = 12.0 + 30.0 * order.len() as f64;
    nodes.push(svg(
        "line",
        &[
            ("class", "axis"),
            ("x1", &at(middle)),
            ("x2", &at(middle)),
            ("y1", "0"),
            ("y2", &at(height)),
        ],
    ));
    let (id, title, what) = match measure {
        Measure::Total => (
            "tornado-total",
            "What moves the month's total: each input from its P5 to its P95, the others at their medians",
            "the month's total",
        ),
        Measure::Margin => (
            "tornado-margin",
            "What moves the gross margin: each input from its P5 to its P95, the others at their medians",
            "the gross margin",
        ),
    };
    let words: Vec<String> = (order.iter())
        .map(|s| {
            let (low, high) = measure.of(s);
            format!(
                "{}: {} at its P5, {} at its P95",
                s.label,
                measure.show(low),
                measure.show(high)
            )
        })
        .collect();
    let words = format!(
        "With every input at its median {what} is {}. {}.",
        measure.show(base),
        words.join("; ")
    );
    figure(
        &format!("chart tornado {id}"),
        Some(Node::text_el("h3", "chart-title", title)),
        (&format!("0 0 560 {}", at(height)), id, title),
        nodes,
        words,
    )
}

/// Each input's swings in a table, with how closely the month's total follows it over the
/// samples.
fn drivers_table(run: &Uncertainty) -> Node {
    let head = [
        "Input",
        "Total at its P5",
        "Total at its P95",
        "Margin at its P5",
        "Margin at its P95",
        "How closely the total follows it (rank correlation, −1 to 1)",
    ]
    .iter()
    .map(|t| Node::html("th").attr("scope", "col").text(t))
    .collect();
    let rows = (run.tornado.iter())
        .map(|s| {
            let percent = |v: f64| format::with_unit(v, Unit::Percent);
            Node::html("tr")
                .attr("data-input", &s.path)
                .child(Node::html("th").attr("scope", "row").text(&s.label))
                .child(Node::text_el("td", "num", &format::money(s.total_at_p5)))
                .child(Node::text_el("td", "num", &format::money(s.total_at_p95)))
                .child(Node::text_el("td", "num", &percent(s.margin_at_p5)))
                .child(Node::text_el("td", "num", &percent(s.margin_at_p95)))
                .child(
                    // Rounded to two places first, so that −0.001 reads 0.00, not −0.00.
                    Node::text_el(
                        "td",
                        "num",
                        &format!("{:.2}", (s.rank_correlation * 100.0).round() / 100.0 + 0.0),
                    )
                    .attr("data-value", &format::raw(s.rank_correlation)),
                )
        })
        .collect();
    Node::html("div")
        .class("table-scroll")
        .attr("tabindex", "0")
        .attr("role", "region")
        .attr("aria-label", "What drives the spread")
        .child(
            Node::html("table")
                .class("drivers")
                .child(Node::html("thead").child(Node::html("tr").children(head)))
                .child(Node::html("tbody").children(rows)),
        )
}

/// The projection's band: each month's total and margin, P10 to P90, folded away.
fn band(run: &Uncertainty) -> Node {
    let rows = (run.months.iter())
        .map(|m| {
            let money = |v: f64| format::money(v);
            let percent = |v: f64| format::with_unit(v, Unit::Percent);
            Node::html("tr")
                .child(Node::html("th").attr("scope", "row").text(&match m.month {
                    0 => "Launch".to_string(),
                    n => format!("Month {n}"),
                }))
                .child(Node::text_el("td", "num", &money(m.total.p10)))
                .child(Node::text_el("td", "num", &money(m.total.p50)))
                .child(Node::text_el("td", "num", &money(m.total.p90)))
                .child(Node::text_el("td", "num", &percent(m.margin.p10)))
                .child(Node::text_el("td", "num", &percent(m.margin.p90)))
        })
        .collect();
    let head = [
        "Month",
        "Total P10",
        "Total P50",
        "Total P90",
        "Margin P10",
        "Margin P90",
    ]
    .iter()
    .map(|t| Node::html("th").attr("scope", "col").text(t))
    .collect();
    Node::html("details")
        .class("band")
        .attr("data-keep", "projection-band")
        .child(Node::html("summary").text(&format!(
            "The projection's band, month by month ({} samples a month)",
            format::plain(run.projection_samples as f64)
        )))
        .child(
            Node::html("div")
                .class("table-scroll")
                .attr("tabindex", "0")
                .attr("role", "region")
                .attr("aria-label", "The projection's band")
                .child(
                    Node::html("table")
                        .child(Node::html("thead").child(Node::html("tr").children(head)))
                        .child(Node::html("tbody").children(rows)),
                ),
        )
}
