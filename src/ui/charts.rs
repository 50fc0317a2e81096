//! Charts and the projection: the monthly bill line by line, the limits tightest first, and the
//! month-by-month projection as a chart and a table. Each chart is an inline SVG with a title
//! and a text alternative that says the same numbers in words. Bar lengths are the report's
//! figures scaled to the drawing; no figure is made here. A cost is coloured by its category:
//! its CSS class is the category's key, and the stylesheet gives each key a `--series-<key>`.

use super::dom::Node;
use crate::format;
use crate::math;
use crate::report::uncertainty::{MonthBand, Uncertainty};
use crate::report::{MonthFigures, Report};

/// The title of the cost chart.
const COST_CHART_TITLE: &str = "Monthly cost by category";

/// The lowest gross margin the projection's margin axis reaches; a lower margin is drawn at
/// this floor, and the chart's key says so.
const MARGIN_AXIS_FLOOR_PCT: f64 = -100.0;

/// The title of the projection chart.
const PROJECTION_TITLE: &str = "Monthly cost by category, with the gross margin on its own axis, from the launch month by month";

/// The ticks of a dollar axis from zero to at or above `max`: a round step (1, 2, 2.5 or 5 × a
/// power of ten) that gives three to five ticks above zero. Where the drawing ends, not a figure.
pub fn axis_ticks(max: f64) -> Vec<f64> {
    let max = if max > 0.0 && max.is_finite() {
        max
    } else {
        1.0
    };
    let rough = max / 5.0;
    let power = math::pow(10.0, math::log10(rough).floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * power);
    let count = (max / step - 1e-9).ceil().max(1.0) as u32;
    (0..=count).map(|i| step * f64::from(i)).collect()
}

/// A tick's label: "$0" at the origin, the amount as money elsewhere.
pub fn tick_label(usd: f64) -> String {
    if usd == 0.0 {
        "$0".to_string()
    } else {
        format::money(usd)
    }
}

/// A count of customers in words: "1 customer", "2.5 customers".
fn customers(count: f64) -> String {
    let noun = if count == 1.0 {
        "customer"
    } else {
        "customers"
    };
    format!("{} {noun}", format::plain(count))
}

/// A coordinate for an SVG attribute.
pub(super) fn at(x: f64) -> String {
    format!("{:.1}", if x.is_finite() { x } else { 0.0 })
}

/// An SVG element with these attributes.
pub(super) fn svg(tag: &str, attributes: &[(&str, &str)]) -> Node {
    attributes
        .iter()
        .fold(Node::svg(tag), |node, (name, value)| node.attr(name, value))
}

/// An SVG `<title>`: the drawing's title when it comes first, a tooltip inside a group.
pub(super) fn svg_title(id: Option<&str>, text: &str) -> Node {
    let title = Node::svg("title");
    let title = match id {
        Some(id) => title.attr("id", id),
        None => title,
    };
    title.text(text)
}

/// A chart: a `<figure>` holding an SVG drawing with its title and a caption that says the same
/// numbers in words, which the drawing is labelled and described by; `lead` (a legend) comes
/// first.
pub(super) fn figure(
    class: &str,
    lead: Option<Node>,
    (view_box, id, title): (&str, &str, &str),
    marks: Vec<Node>,
    words: String,
) -> Node {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let drawing = svg(
        "svg",
        &[
            ("viewBox", view_box),
            ("role", "img"),
            ("aria-labelledby", &title_id),
            ("aria-describedby", &desc_id),
            ("preserveAspectRatio", "xMinYMin meet"),
        ],
    )
    .child(svg_title(Some(&title_id), title))
    .children(marks);
    Node::html("figure")
        .class(class)
        .children(lead.into_iter().collect())
        .child(drawing)
        .child(Node::html("figcaption").attr("id", &desc_id).text(&words))
}

/// A report section with its heading: `<section class="report-section <class>">`, labelled by
/// its `<h2 id="report-<key>">`.
pub fn section(key: &str, class: &str, title: &str, hidden: bool) -> Node {
    let heading = format!("report-{key}");
    let class = if class.is_empty() {
        "report-section".to_string()
    } else {
        format!("report-section {class}")
    };
    Node::html("section")
        .class(&class)
        .attr("aria-labelledby", &heading)
        .flag("hidden", hidden)
        .child(Node::html("h2").attr("id", &heading).text(title))
}

/// The most characters a bar's label shows: what fits the widest label column (220 units at
/// about 7.5 a character).
const LONGEST_BAR_LABEL: usize = 28;

/// The monthly bill line by line, as horizontal bars coloured by category, each labelled with
/// its amount and share.
pub fn cost_breakdown(report: &Report) -> Vec<Node> {
    let lines = &report.costs;
    let total = report.total_monthly_usd();
    let words: Vec<String> = lines
        .iter()
        .map(|line| {
            format!(
                "{} {} a month ({}%)",
                line.label,
                format::money(line.monthly_usd),
                format::plain(line.share_pct)
            )
        })
        .collect();
    let words = format!(
        "Monthly cost {}: {}.",
        format::money(total),
        words.join("; ")
    );
    let top = lines
        .iter()
        .map(|line| line.monthly_usd)
        .fold(0.0, f64::max);
    // The labels' column: wide enough for the longest label at the chart's font size, a long
    // name cut short with an ellipsis (whole in its tooltip and in the words beside the chart)
    // so that no label runs into its bar or past the chart.
    let label = |text: &str| -> String {
        if text.chars().count() > LONGEST_BAR_LABEL {
            let kept: String = text.chars().take(LONGEST_BAR_LABEL - 1).collect();
            format!("{}…", kept.trim_end())
        } else {
            text.to_string()
        }
    };
    let longest = lines
        .iter()
        .map(|line| label(&line.label).chars().count())
        .max();
    let bar_x = (7.5 * longest.unwrap_or(0) as f64 + 12.0).clamp(90.0, 220.0);
    let bar_max = 560.0 - bar_x - 170.0;
    let bars = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let y = 8.0 + 34.0 * i as f64;
            let value = line.monthly_usd;
            let class = line.category.key;
            // A sliver for any amount above zero, so that no line vanishes.
            let width = if top > 0.0 && value > 0.0 {
                (bar_max * value / top).max(1.5)
            } else {
                0.0
            };
            svg(
                "g",
                &[
                    ("class", &format!("cost-bar {class}")),
                    ("data-category", class),
                    ("data-line", &line.id),
                    ("data-value", &format::raw(value)),
                ],
            )
            .child(svg_title(None, &line.label))
            .child(
                svg(
                    "text",
                    &[("x", "0"), ("y", &at(y + 17.0)), ("class", "chart-label")],
                )
                .text(&label(&line.label)),
            )
            .child(svg(
                "rect",
                &[
                    ("x", &at(bar_x)),
                    ("y", &at(y)),
                    ("width", &at(width)),
                    ("height", "24"),
                    ("class", &format!("bar {class}")),
                ],
            ))
            .child(
                svg(
                    "text",
                    &[
                        ("x", &at(bar_x + 6.0 + width)),
                        ("y", &at(y + 17.0)),
                        ("class", "chart-value"),
                    ],
                )
                .text(&format!(
                    "{} ({}%)",
                    format::money(value),
                    format::plain(line.share_pct)
                )),
            )
        })
        .collect();
    let view_box = format!("0 0 560 {}", at(10.0 + 34.0 * lines.len() as f64));
    vec![
        section("cost-breakdown", "cost-breakdown", COST_CHART_TITLE, false).child(figure(
            "chart cost-chart",
            None,
            (&view_box, "cost-chart", COST_CHART_TITLE),
            bars,
            words,
        )),
    ]
}

/// The limits the scenario sets, tightest first, each with how much of it the peak uses.
pub fn limits(report: &Report) -> Vec<Node> {
    let rows = report
        .limits
        .iter()
        .map(|l| {
            let width = l.used_pct.clamp(0.0, 100.0);
            let fill = if l.used_pct > 100.0 {
                "meter-fill over"
            } else {
                "meter-fill"
            };
            let meter = svg(
                "svg",
                &[
                    ("class", "meter"),
                    ("viewBox", "0 0 100 8"),
                    ("preserveAspectRatio", "none"),
                    ("aria-hidden", "true"),
                ],
            )
            .child(svg(
                "rect",
                &[("class", "meter-track"), ("width", "100"), ("height", "8")],
            ))
            .child(svg(
                "rect",
                &[("class", fill), ("width", &at(width)), ("height", "8")],
            ));
            Node::html("tr")
                .attr("data-limit", &l.metric)
                .attr("data-value", &format::raw(l.used_pct))
                .child(Node::html("th").attr("scope", "row").text(&l.label))
                .child(Node::html("td").class("meter-cell").child(meter))
                .child(Node::text_el(
                    "td",
                    "num",
                    &format!("{}% used", format::plain(l.used_pct)),
                ))
        })
        .collect();
    vec![
        section(
            "limits",
            "limits",
            "Limits at the peak",
            report.limits.is_empty(),
        )
        .child(Node::html("table").child(Node::html("tbody").children(rows))),
    ]
}

/// The month-by-month projection from the launch: a chart of the monthly cost by category with
/// the gross margin as a line on its own axis (revenue far above cost would flatten the cost
/// bars on a shared one), and every month's figures in a table that folds away.
pub fn projection(report: &Report, run: Option<&Uncertainty>) -> Vec<Node> {
    let months = &report.projection;
    let band = run.map(|run| run.months.as_slice()).unwrap_or_default();
    let month = |m: &MonthFigures| {
        let parts = cost_by_category(m);
        format!(
            "{}: {}, {} a month{} against {} revenue, a gross margin of {}.",
            m.name(),
            customers(m.customers),
            format::money(m.total_monthly_usd),
            if parts.is_empty() {
                String::new()
            } else {
                format!(" ({parts})")
            },
            format::money(m.revenue_monthly_usd),
            format::with_unit(m.gross_margin_pct, crate::units::Unit::Percent),
        )
    };
    // Without growth every month bills as the launch month: one line says so, where 24 equal
    // bars would say nothing more. The month-by-month table stays, for what does change (a
    // ledger filling up to its retention).
    if let Some(first) = months.first()
        && report.flat_bill()
    {
        return vec![
            section("projection", "projection", "Projection", false)
                .child(Node::text_el(
                    "p",
                    "flat-projection",
                    &format!(
                        "Every month bills as the launch. {} Set the customers expected at 6, 12 and 24 months (Growth) to see the bill grow.",
                        month(first)
                    ),
                ))
                .child(month_table_fold(months)),
        ];
    }
    let words = match (months.first(), months.last()) {
        (Some(first), Some(last)) if months.len() > 1 => {
            format!("{} {}", month(first), month(last))
        }
        (Some(only), _) => month(only),
        _ => String::new(),
    };
    let mut legend = Node::html("p").class("legend").attr("aria-hidden", "true");
    for (category, _) in months.first().into_iter().flat_map(MonthFigures::costs) {
        legend = legend
            .child(Node::html("span").class(&format!("key {}", category.key)))
            .text(category.title);
    }
    let below_floor = months
        .iter()
        .any(|m| m.gross_margin_pct < MARGIN_AXIS_FLOOR_PCT);
    let floor = format::with_unit(MARGIN_AXIS_FLOOR_PCT, crate::units::Unit::Percent);
    let legend = legend
        .child(Node::html("span").class("key margin"))
        .text(&if below_floor {
            format!("Gross margin (right axis; below {floor} drawn at {floor})")
        } else {
            "Gross margin (right axis)".to_string()
        });
    let legend = match band.is_empty() {
        true => legend,
        false => legend
            .child(Node::html("span").class("key band"))
            .text("P10 to P90 of the total and of the margin"),
    };
    let figure = figure(
        "chart projection-chart",
        Some(legend),
        ("0 0 640 250", "projection", PROJECTION_TITLE),
        projection_drawing(months, band),
        words,
    );
    vec![
        section("projection", "projection", "Projection", false)
            .child(figure)
            .child(month_table_fold(months)),
    ]
}

/// The month-by-month table, folded under its heading, and the button that exports it as a
/// plan (months as columns).
fn month_table_fold(months: &[MonthFigures]) -> Node {
    Node::html("div")
        .class("months")
        .child(
            Node::html("details")
                .class("month-table")
                .attr("data-keep", "month-table")
                .child(Node::html("summary").text("Month by month"))
                .child(month_table(months)),
        )
        .child(
            Node::html("button")
                .class("export")
                .attr("type", "button")
                .attr("data-act", "export-projection")
                .text("Export projection"),
        )
}

/// A month's cost by category in words: "LLM $24,638, Compute $66.54".
fn cost_by_category(m: &MonthFigures) -> String {
    m.costs()
        .map(|(category, usd)| format!("{} {}", category.title, format::money(usd)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The chart's marks: a bar per month stacking the categories the projection carries (in
/// their order, the first at the bottom) over a dollar axis with round ticks on the left, the
/// gross margin as a line over a percent axis on the right (from 100% down to the lowest
/// margin's step of 25, at most to −100%, where a lower margin is drawn at the floor), and the
/// months after launch below.
fn projection_drawing(months: &[MonthFigures], band: &[MonthBand]) -> Vec<Node> {
    let (left, right, top_y, bottom_y) = (70.0, 598.0, 12.0, 214.0);
    let height = bottom_y - top_y;
    let stacked = |m: &MonthFigures| m.costs().map(|(_, usd)| usd.max(0.0)).sum::<f64>();
    let highest_band = band.iter().map(|b| b.total.p90).fold(0.0, f64::max);
    let ticks = axis_ticks(months.iter().map(stacked).fold(highest_band, f64::max));
    let top = ticks.last().copied().unwrap_or(1.0);
    let slot = (right - left) / months.len().max(1) as f64;
    let y = move |usd: f64| bottom_y - height * (usd / top).clamp(0.0, 1.0);
    let lowest = (months.iter().map(|m| m.gross_margin_pct))
        .chain(band.iter().map(|b| b.margin.p10))
        .fold(0.0, f64::min);
    let floor = ((lowest / 25.0).floor() * 25.0).max(MARGIN_AXIS_FLOOR_PCT);
    let y_margin =
        move |pct: f64| bottom_y - height * ((pct - floor) / (100.0 - floor)).clamp(0.0, 1.0);
    let label_every = if months.len() > 13 { 6 } else { 1 };
    let mut marks = Vec::new();
    for value in ticks {
        let at_y = at(y(value));
        marks.push(svg(
            "line",
            &[
                ("x1", &at(left)),
                ("x2", &at(right)),
                ("y1", &at_y),
                ("y2", &at_y),
                ("class", "grid"),
            ],
        ));
        marks.push(axis_label(
            left - 6.0,
            y(value) + 4.0,
            "end",
            &tick_label(value),
        ));
    }
    let step = if floor < -50.0 { 50.0 } else { 25.0 };
    let mut pct = 100.0;
    while pct >= floor {
        marks.push(axis_label(
            right + 6.0,
            y_margin(pct) + 4.0,
            "start",
            &format!("{pct}%"),
        ));
        pct -= step;
    }
    for x in [left, right] {
        marks.push(svg(
            "line",
            &[
                ("x1", &at(x)),
                ("x2", &at(x)),
                ("y1", &at(top_y)),
                ("y2", &at(bottom_y)),
                ("class", "axis"),
            ],
        ));
    }
    let mut margin = Vec::with_capacity(months.len());
    for (i, m) in months.iter().enumerate() {
        let x = left + slot * i as f64 + slot * 0.15;
        let w = slot * 0.7;
        // Each month's figures as a tooltip, for a pointer over its bar.
        let tip = format!(
            "{}: {}, revenue {}, margin {}",
            m.name(),
            cost_by_category(m),
            format::money(m.revenue_monthly_usd),
            format::with_unit(m.gross_margin_pct, crate::units::Unit::Percent),
        );
        let mut group = svg(
            "g",
            &[("class", "month"), ("data-month", &m.month.to_string())],
        )
        .child(svg_title(None, &tip));
        let mut below = 0.0;
        for (category, usd) in m.costs() {
            let (base, bar_top) = (y(below), y(below + usd.max(0.0)));
            below += usd.max(0.0);
            group = group.child(svg(
                "rect",
                &[
                    ("x", &at(x)),
                    ("y", &at(bar_top)),
                    ("width", &at(w)),
                    ("height", &at(base - bar_top)),
                    ("class", &format!("bar {}", category.key)),
                    ("data-category", category.key),
                ],
            ));
        }
        marks.push(group);
        if m.month % label_every == 0 {
            marks.push(axis_label(
                x + w / 2.0,
                bottom_y + 15.0,
                "middle",
                &m.month.to_string(),
            ));
        }
        margin.push(format!(
            "{},{}",
            at(x + w / 2.0),
            at(y_margin(m.gross_margin_pct))
        ));
    }
    // With ranges, each month's total from its P10 to its P90 as a whisker over its bar, and
    // the margin's P10 to P90 as a band about its line.
    if band.len() == months.len() {
        let centre = |i: usize| left + slot * i as f64 + slot * 0.5;
        let mut outline: Vec<String> = Vec::with_capacity(2 * band.len());
        for (i, b) in band.iter().enumerate() {
            marks.push(svg(
                "line",
                &[
                    ("x1", &at(centre(i))),
                    ("x2", &at(centre(i))),
                    ("y1", &at(y(b.total.p10))),
                    ("y2", &at(y(b.total.p90))),
                    ("class", "band-whisker"),
                ],
            ));
            outline.push(format!("{},{}", at(centre(i)), at(y_margin(b.margin.p90))));
        }
        for (i, b) in band.iter().enumerate().rev() {
            outline.push(format!("{},{}", at(centre(i)), at(y_margin(b.margin.p10))));
        }
        marks.push(svg(
            "polygon",
            &[("points", &outline.join(" ")), ("class", "margin-band")],
        ));
    }
    marks.push(svg(
        "polyline",
        &[("points", &margin.join(" ")), ("class", "margin-line")],
    ));
    marks.push(axis_label(
        (left + right) / 2.0,
        246.0,
        "middle",
        "Months after launch",
    ));
    marks
}

/// A label on an axis, anchored at its start, middle or end.
fn axis_label(x: f64, y: f64, anchor: &str, text: &str) -> Node {
    svg(
        "text",
        &[
            ("x", &at(x)),
            ("y", &at(y)),
            ("class", "axis-label"),
            ("text-anchor", anchor),
        ],
    )
    .text(text)
}

/// Every month's figures, one row a month, one column per [`MonthFigures::columns`] entry
/// (a cost column for each category the projection carries), with the unit under each
/// column's name.
fn month_table(months: &[MonthFigures]) -> Node {
    let mut header = Node::html("tr").child(Node::html("th").attr("scope", "col").text("Month"));
    for column in months
        .first()
        .into_iter()
        .flat_map(MonthFigures::column_list)
    {
        let symbol = column.unit().symbol();
        header = header.child(
            Node::html("th")
                .attr("scope", "col")
                .attr("data-column", column.key())
                .text(column.label())
                .child(
                    Node::html("span")
                        .class("col-unit")
                        .flag("hidden", symbol.is_empty())
                        .text(symbol),
                ),
        );
    }
    let rows = months
        .iter()
        .map(|m| {
            let mut row = Node::html("tr")
                .attr("data-month", &m.month.to_string())
                .child(Node::html("th").attr("scope", "row").text(&m.name()));
            for (key, _, unit, value) in m.columns() {
                row = row.child(
                    Node::html("td")
                        .class("num")
                        .attr("data-column", key)
                        .attr("data-value", &format::raw(value))
                        .text(&format::value(value, unit)),
                );
            }
            row
        })
        .collect();
    Node::html("div")
        .class("table-scroll")
        .attr("tabindex", "0")
        .attr("role", "region")
        .attr("aria-label", "Projection, month by month")
        .child(
            Node::html("table")
                .child(Node::html("thead").child(header))
                .child(Node::html("tbody").children(rows)),
        )
}

#[cfg(test)]
mod tests {
    use super::axis_ticks;

    #[test]
    fn axes_step_in_round_numbers() {
        let top = |max: f64| *axis_ticks(max).last().unwrap();
        assert_eq!(
            axis_ticks(416_667.0),
            [0.0, 100_000.0, 200_000.0, 300_000.0, 400_000.0, 500_000.0]
        );
        assert_eq!(top(246_506.0), 250_000.0);
        assert_eq!(top(41_667.0), 50_000.0);
        assert_eq!(axis_ticks(80.0), [0.0, 20.0, 40.0, 60.0, 80.0]);
        assert_eq!(top(100.0), 100.0);
        assert_eq!(top(0.0), 1.0);
        for max in [0.3, 7.0, 12.5, 999.0, 1_234.0, 24_704.0, 3.3e6] {
            let ticks = axis_ticks(max);
            assert!(top(max) >= max, "{max}");
            assert!((4..=6).contains(&ticks.len()), "{max}: {ticks:?}");
        }
    }
}
