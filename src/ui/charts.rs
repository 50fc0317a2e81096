//! Charts and the projection: the monthly bill by category, the limits tightest first, and the
//! month-by-month projection as a chart and a table. Each chart is an inline SVG with a title
//! and a text alternative that says the same numbers in words. Bar lengths are the report's
//! figures scaled to the drawing; no figure is made here.

use leptos::prelude::*;

use super::state::AppState;
use crate::report::{MONTH_COLUMNS, MonthFigures, format};

/// The cost categories drawn, with the metric holding each one's monthly cost.
const COST_CATEGORIES: [(&str, &str, &str); 2] = [
    ("LLM", "llm.cost_per_month_usd", "llm"),
    ("Cloud Run", "cost.compute_monthly_usd", "compute"),
];

/// A round number at or above `max` for an axis: 1, 2 or 5 × a power of ten.
fn axis_top(max: f64) -> f64 {
    if !(max > 0.0 && max.is_finite()) {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|step| step * power)
        .find(|top| *top >= max)
        .unwrap_or(10.0 * power)
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
fn at(x: f64) -> String {
    format!("{:.1}", if x.is_finite() { x } else { 0.0 })
}

/// The monthly bill by category, as horizontal bars.
#[component]
pub fn CostBreakdown() -> impl IntoView {
    let state = expect_context::<AppState>();
    let parts = move || {
        state.report.with(|r| {
            COST_CATEGORIES
                .iter()
                .map(|(label, id, class)| (*label, r.value(id).unwrap_or(0.0), *class))
                .collect::<Vec<_>>()
        })
    };
    let total = move || {
        state
            .report
            .with(|r| r.value("cost.total_monthly_usd").unwrap_or(0.0))
    };
    let described = move || {
        let total = total();
        let lines: Vec<String> = parts()
            .iter()
            .map(|(label, value, _)| {
                let share = if total > 0.0 {
                    100.0 * value / total
                } else {
                    0.0
                };
                format!(
                    "{label} {} a month ({}%)",
                    format::money(*value),
                    format::plain(share)
                )
            })
            .collect();
        format!(
            "Monthly cost {}: {}.",
            format::money(total),
            lines.join("; ")
        )
    };
    let bars = move || {
        let parts = parts();
        let top = parts.iter().map(|(_, v, _)| *v).fold(0.0, f64::max);
        let total = total();
        parts
            .into_iter()
            .enumerate()
            .map(|(i, (label, value, class))| {
                let y = 8.0 + 34.0 * i as f64;
                let width = if top > 0.0 { 300.0 * value / top } else { 0.0 };
                let share = if total > 0.0 { 100.0 * value / total } else { 0.0 };
                view! {
                    <text x="0" y=at(y + 17.0) class="chart-label">{label}</text>
                    <rect x="90" y=at(y) width=at(width.max(1.0)) height="24" class=format!("bar {class}") />
                    <text x=at(96.0 + width.max(1.0)) y=at(y + 17.0) class="chart-value">
                        {format!("{} ({}%)", format::money(value), format::plain(share))}
                    </text>
                }
            })
            .collect_view()
    };
    view! {
        <figure class="chart cost-chart">
            <svg viewBox="0 0 560 78" role="img" aria-labelledby="cost-chart-title cost-chart-desc" preserveAspectRatio="xMinYMin meet">
                <title id="cost-chart-title">"Monthly cost by category"</title>
                {bars}
            </svg>
            <figcaption id="cost-chart-desc">{described}</figcaption>
        </figure>
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
                        <tr data-limit=l.metric data-value=format!("{}", l.used_pct)>
                            <th scope="row">{l.label}</th>
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
        match (months.first(), months.last()) {
            (Some(first), Some(last)) => format!(
                "Month {}: {}, {} a month against {} revenue. Month {}: {}, {} a month against {} revenue.",
                first.month,
                customers(first.customers),
                format::money(first.total_monthly_usd),
                format::money(first.revenue_monthly_usd),
                last.month,
                customers(last.customers),
                format::money(last.total_monthly_usd),
                format::money(last.revenue_monthly_usd),
            ),
            _ => String::new(),
        }
    };
    view! {
        <section class="report-section projection" aria-labelledby="report-projection">
            <h2 id="report-projection">"Projection"</h2>
            <figure class="chart projection-chart">
                <svg viewBox="0 0 640 240" role="img" aria-labelledby="projection-title projection-desc" preserveAspectRatio="xMinYMin meet">
                    <title id="projection-title">"Monthly cost by category and revenue, month by month"</title>
                    {move || projection_drawing(&months())}
                </svg>
                <figcaption id="projection-desc">{described}</figcaption>
            </figure>
            <p class="legend" aria-hidden="true">
                <span class="key llm"></span>"LLM "
                <span class="key compute"></span>"Cloud Run "
                <span class="key revenue"></span>"Revenue"
            </p>
            <details class="month-table">
                <summary>"Month by month"</summary>
                <MonthTable />
            </details>
        </section>
    }
}

/// The chart's marks: a stacked bar per month and the revenue line, with a dollar axis.
fn projection_drawing(months: &[MonthFigures]) -> impl IntoView + use<> {
    let (left, right, top_y, bottom_y) = (64.0, 632.0, 10.0, 210.0);
    let height = bottom_y - top_y;
    let top = axis_top(
        months
            .iter()
            .map(|m| (m.llm_monthly_usd + m.compute_monthly_usd).max(m.revenue_monthly_usd))
            .fold(0.0, f64::max),
    );
    let slot = (right - left) / months.len().max(1) as f64;
    let y = move |usd: f64| bottom_y - height * usd / top;
    let ticks = (0..=4)
        .map(|i| {
            let value = top * f64::from(i) / 4.0;
            view! {
                <line x1=at(left) x2=at(right) y1=at(y(value)) y2=at(y(value)) class="grid" />
                <text x=at(left - 6.0) y=at(y(value) + 4.0) class="axis-label" text-anchor="end">{format::money(value)}</text>
            }
        })
        .collect_view();
    let bars = months
        .iter()
        .map(|m| {
            let x = left + slot * f64::from(m.month - 1) + slot * 0.15;
            let w = slot * 0.7;
            let llm_top = y(m.llm_monthly_usd);
            let both_top = y(m.llm_monthly_usd + m.compute_monthly_usd);
            let label = (m.month == 1 || m.month % 6 == 0).then(|| {
                view! { <text x=at(x + w / 2.0) y=at(bottom_y + 16.0) class="axis-label" text-anchor="middle">{m.month}</text> }
            });
            view! {
                <rect x=at(x) y=at(llm_top) width=at(w) height=at(bottom_y - llm_top) class="bar llm" />
                <rect x=at(x) y=at(both_top) width=at(w) height=at(llm_top - both_top) class="bar compute" />
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
        {ticks}
        {bars}
        <polyline points=revenue.join(" ") class="revenue-line" />
        <text x=at((left + right) / 2.0) y="238" class="axis-label" text-anchor="middle">"Month"</text>
    }
}

/// Every month's figures, one row a month.
#[component]
fn MonthTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    let header = MONTH_COLUMNS
        .into_iter()
        .map(|(_, label, _)| view! { <th scope="col">{label}</th> })
        .collect_view();
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
        <div class="table-scroll">
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
    use super::axis_top;

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(axis_top(24_704.0), 50_000.0);
        assert_eq!(axis_top(246_506.0), 500_000.0);
        assert_eq!(axis_top(80.0), 100.0);
        assert_eq!(axis_top(100.0), 100.0);
        assert_eq!(axis_top(0.0), 1.0);
    }
}
