//! Charts and the projection: the monthly bill line by line, the limits tightest first, and the
//! month-by-month projection as a chart and a table. Each chart is an inline SVG with a title
//! and a text alternative that says the same numbers in words. Bar lengths are the report's
//! figures scaled to the drawing; no figure is made here. A cost is coloured by its category:
//! its CSS class is the category's key, and the stylesheet gives each key a `--series-<key>`.

use leptos::prelude::*;

use super::state::AppState;
use crate::format;
use crate::report::MonthFigures;

/// The title of the cost chart.
const COST_CHART_TITLE: &str = "Monthly cost by category";

/// The title of the projection chart.
const PROJECTION_TITLE: &str = "Monthly cost by category and revenue, month by month";

/// The ticks of a dollar axis from zero to at or above `max`: a round step (1, 2, 2.5 or 5 × a
/// power of ten) that gives three to five ticks above zero. Where the drawing ends, not a figure.
fn axis_ticks(max: f64) -> Vec<f64> {
    let max = if max > 0.0 && max.is_finite() {
        max
    } else {
        1.0
    };
    let rough = max / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * power);
    let count = (max / step - 1e-9).ceil().max(1.0) as u32;
    (0..=count).map(|i| step * f64::from(i)).collect()
}

/// A tick's label: "$0" at the origin, the amount as money elsewhere.
fn tick_label(usd: f64) -> String {
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

/// An SVG `<title>`. Built by hand: the view macro makes a `<title>` among siblings inside an
/// `<svg>` in the HTML namespace, where it is not the drawing's title (nor a tooltip).
fn svg_title(id: Option<&'static str>, text: String) -> impl IntoView {
    leptos::tachys::svg::title().id(id).child(text)
}

/// A coordinate for an SVG attribute.
fn at(x: f64) -> String {
    format!("{:.1}", if x.is_finite() { x } else { 0.0 })
}

/// The monthly bill line by line, as horizontal bars coloured by category, each labelled with
/// its amount and share.
#[component]
pub fn CostBreakdown() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lines = move || state.report.with(|r| r.costs.clone());
    let total = move || {
        state
            .report
            .with(|r| r.value("cost.total_monthly_usd").unwrap_or(0.0))
    };
    let described = move || {
        let total = total();
        let lines: Vec<String> = lines()
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
        format!(
            "Monthly cost {}: {}.",
            format::money(total),
            lines.join("; ")
        )
    };
    let view_box = move || {
        let rows = state.report.with(|r| r.costs.len());
        format!("0 0 560 {}", at(10.0 + 34.0 * rows as f64))
    };
    let bars = move || {
        let lines = lines();
        let top = lines
            .iter()
            .map(|line| line.monthly_usd)
            .fold(0.0, f64::max);
        // The labels' column: wide enough for the longest label at the chart's font size.
        let longest = lines.iter().map(|line| line.label.chars().count()).max();
        let bar_x = (7.5 * longest.unwrap_or(0) as f64 + 12.0).clamp(90.0, 220.0);
        let bar_max = 560.0 - bar_x - 170.0;
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let y = 8.0 + 34.0 * i as f64;
                let value = line.monthly_usd;
                let share = line.share_pct;
                let class = line.category.key;
                // A sliver for any amount above zero, so that no line vanishes.
                let width = if top > 0.0 && value > 0.0 {
                    (bar_max * value / top).max(1.5)
                } else {
                    0.0
                };
                view! {
                    <g class=format!("cost-bar {class}") data-category=class data-line=line.id data-value=format!("{value}")>
                        <text x="0" y=at(y + 17.0) class="chart-label">{line.label}</text>
                        <rect x=at(bar_x) y=at(y) width=at(width) height="24" class=format!("bar {class}") />
                        <text x=at(bar_x + 6.0 + width) y=at(y + 17.0) class="chart-value">
                            {format!("{} ({}%)", format::money(value), format::plain(share))}
                        </text>
                    </g>
                }
            })
            .collect_view()
    };
    view! {
        <section class="report-section cost-breakdown" aria-labelledby="report-cost-breakdown">
            <h2 id="report-cost-breakdown">"Monthly cost by category"</h2>
            <figure class="chart cost-chart">
                <svg viewBox=view_box role="img" aria-labelledby="cost-chart-title" aria-describedby="cost-chart-desc" preserveAspectRatio="xMinYMin meet">
                    {svg_title(Some("cost-chart-title"), COST_CHART_TITLE.to_string())}
                    {bars}
                </svg>
                <figcaption id="cost-chart-desc">{described}</figcaption>
            </figure>
        </section>
    }
}

/// The limits the scenario sets, tightest first, each with how much of it the peak uses.
#[component]
pub fn Limits() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = move || {
        state.report.with(|r| {
            r.limits
                .iter()
                .map(|l| {
                    let width = l.used_pct.clamp(0.0, 100.0);
                    let over = l.used_pct > 100.0;
                    view! {
                        <tr data-limit=l.metric.clone() data-value=format!("{}", l.used_pct)>
                            <th scope="row">{l.label.clone()}</th>
                            <td class="meter-cell">
                                <svg class="meter" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
                                    <rect class="meter-track" width="100" height="8" />
                                    <rect class="meter-fill" class:over=over width=at(width) height="8" />
                                </svg>
                            </td>
                            <td class="num">{format!("{}% used", format::plain(l.used_pct))}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="report-section limits" aria-labelledby="report-limits" hidden=move || state.report.with(|r| r.limits.is_empty())>
            <h2 id="report-limits">"Limits at the peak"</h2>
            <table>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// The month-by-month projection: a chart of the monthly cost by category against revenue,
/// and every month's figures in a table.
#[component]
pub fn Projection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let months = move || state.report.with(|r| r.projection.clone());
    let described = move || {
        let months = months();
        let month = |m: &MonthFigures| {
            format!(
                "Month {}: {}, {} a month ({}) against {} revenue.",
                m.month,
                customers(m.customers),
                format::money(m.total_monthly_usd),
                cost_by_category(m),
                format::money(m.revenue_monthly_usd),
            )
        };
        match (months.first(), months.last()) {
            (Some(first), Some(last)) if months.len() > 1 => {
                format!("{} {}", month(first), month(last))
            }
            (Some(only), _) => month(only),
            _ => String::new(),
        }
    };
    let legend = move || {
        state.report.with(|r| {
            r.projection.first().map(|m| {
                m.costs()
                    .map(|(category, _)| {
                        view! {
                            <span class=format!("key {}", category.key)></span>
                            {category.title}
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section class="report-section projection" aria-labelledby="report-projection">
            <h2 id="report-projection">"Projection"</h2>
            <figure class="chart projection-chart">
                <p class="legend" aria-hidden="true">
                    {legend}
                    <span class="key revenue"></span>"Revenue"
                </p>
                <svg viewBox="0 0 640 250" role="img" aria-labelledby="projection-title" aria-describedby="projection-desc" preserveAspectRatio="xMinYMin meet">
                    {svg_title(Some("projection-title"), PROJECTION_TITLE.to_string())}
                    {move || projection_drawing(&months())}
                </svg>
                <figcaption id="projection-desc">{described}</figcaption>
            </figure>
            <details class="month-table">
                <summary>"Month by month"</summary>
                <MonthTable />
            </details>
        </section>
    }
}

/// A month's cost by category in words: "LLM $24,638, Compute $66.54".
fn cost_by_category(m: &MonthFigures) -> String {
    m.costs()
        .map(|(category, usd)| format!("{} {}", category.title, format::money(usd)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The chart's marks: a bar per month stacking the categories the projection carries (in
/// their order, the first at the bottom) and the revenue line, over a dollar axis with round
/// ticks and the month numbers below.
fn projection_drawing(months: &[MonthFigures]) -> impl IntoView + use<> {
    let (left, right, top_y, bottom_y) = (70.0, 632.0, 12.0, 214.0);
    let height = bottom_y - top_y;
    let stacked = |m: &MonthFigures| m.costs().map(|(_, usd)| usd.max(0.0)).sum::<f64>();
    let ticks = axis_ticks(
        months
            .iter()
            .map(|m| stacked(m).max(m.revenue_monthly_usd))
            .fold(0.0, f64::max),
    );
    let top = ticks.last().copied().unwrap_or(1.0);
    let slot = (right - left) / months.len().max(1) as f64;
    let y = move |usd: f64| bottom_y - height * (usd / top).clamp(0.0, 1.0);
    let label_every = if months.len() > 12 { 6 } else { 1 };
    let grid = ticks
        .into_iter()
        .map(|value| {
            view! {
                <line x1=at(left) x2=at(right) y1=at(y(value)) y2=at(y(value)) class="grid" />
                <text x=at(left - 6.0) y=at(y(value) + 4.0) class="axis-label" text-anchor="end">{tick_label(value)}</text>
            }
        })
        .collect_view();
    let bars = months
        .iter()
        .map(|m| {
            let x = left + slot * f64::from(m.month.saturating_sub(1)) + slot * 0.15;
            let w = slot * 0.7;
            let mut below = 0.0;
            let segments = m
                .costs()
                .map(|(category, usd)| {
                    let (base, top) = (y(below), y(below + usd.max(0.0)));
                    below += usd.max(0.0);
                    let class = category.key;
                    view! {
                        <rect x=at(x) y=at(top) width=at(w) height=at(base - top) class=format!("bar {class}") data-category=class />
                    }
                })
                .collect_view();
            let label = (m.month == 1 || m.month % label_every == 0).then(|| {
                view! { <text x=at(x + w / 2.0) y=at(bottom_y + 15.0) class="axis-label" text-anchor="middle">{m.month}</text> }
            });
            // Each month's figures as a tooltip, for a pointer over its bar.
            let tip = format!(
                "Month {}: {}, revenue {}",
                m.month,
                cost_by_category(m),
                format::money(m.revenue_monthly_usd)
            );
            view! {
                <g class="month" data-month=m.month>
                    {svg_title(None, tip)}
                    {segments}
                </g>
                {label}
            }
        })
        .collect_view();
    let revenue: Vec<String> = months
        .iter()
        .map(|m| {
            format!(
                "{},{}",
                at(left + slot * (f64::from(m.month) - 0.5)),
                at(y(m.revenue_monthly_usd))
            )
        })
        .collect();
    view! {
        {grid}
        <line x1=at(left) x2=at(left) y1=at(top_y) y2=at(bottom_y) class="axis" />
        {bars}
        <polyline points=revenue.join(" ") class="revenue-line" />
        <text x=at((left + right) / 2.0) y="246" class="axis-label" text-anchor="middle">"Month"</text>
    }
}

/// Every month's figures, one row a month, one column per [`MonthFigures::columns`] entry
/// (a cost column for each category the projection carries), with the unit under each
/// column's name.
#[component]
fn MonthTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    let header = move || {
        state.report.with(|r| {
            r.projection.first().map(|m| {
                m.column_list()
                    .map(|column| {
                        let symbol = column.unit().symbol();
                        view! {
                            <th scope="col" data-column=column.key()>
                                {column.label()}
                                <span class="col-unit" hidden=symbol.is_empty()>{symbol}</span>
                            </th>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let rows = move || {
        state.report.with(|r| {
            r.projection
                .iter()
                .map(|m| {
                    let cells = m
                        .columns()
                        .map(|(key, _, unit, value)| {
                            view! {
                                <td class="num" data-column=key data-value=format!("{value}")>
                                    {format::value(value, unit)}
                                </td>
                            }
                        })
                        .collect_view();
                    view! {
                        <tr data-month=m.month>
                            <th scope="row">{m.month}</th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Projection, month by month">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Month"</th>
                        {header}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
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
