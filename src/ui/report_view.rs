//! The report: headline cards, findings, a table per section with each figure's formula one
//! click away, and the prices used with their sources. It shows what the engine made and
//! computes nothing itself.

use leptos::prelude::*;

use super::state::AppState;
use crate::report::{SECTIONS, Severity, format};

/// The figures shown as headline cards, in order.
pub const HEADLINES: [&str; 4] = [
    "cost.total_monthly_usd",
    "deal.cost_per_customer_monthly_usd",
    "deal.gross_margin_pct",
    "load.peak_concurrent_runs",
];

/// The raw value of a metric for `data-value`: the shortest decimal that reads back exactly.
fn raw(value: f64) -> String {
    format!("{value}")
}

/// The whole report.
#[component]
pub fn ReportView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let sections = SECTIONS
        .into_iter()
        .map(|(section, title)| view! { <SectionTable section title /> })
        .collect_view();
    view! {
        <section class="report" aria-label="Report">
            <p class="stale" role="status" hidden=move || !state.is_stale()>
                "These figures are stale: they show the last valid scenario. Fix the highlighted field to update them."
            </p>
            <Headlines />
            <Findings />
            {sections}
            <PricesUsed />
        </section>
    }
}

#[component]
fn Headlines() -> impl IntoView {
    let state = expect_context::<AppState>();
    let cards = HEADLINES
        .into_iter()
        .map(|id| {
            let metric = move || state.report.with(|r| r.metric(id).cloned());
            let label = move || metric().map(|m| m.label).unwrap_or_default();
            let value = move || metric().map(|m| raw(m.value)).unwrap_or_default();
            let shown = move || {
                metric()
                    .map(|m| format::with_unit(m.value, m.unit))
                    .unwrap_or_default()
            };
            view! {
                <div class="card" data-metric=id data-value=value>
                    <span class="card-label">{label}</span>
                    <span class="card-value">{shown}</span>
                </div>
            }
        })
        .collect_view();
    view! { <div class="headlines">{cards}</div> }
}

#[component]
fn Findings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let items = move || {
        state.report.with(|r| {
            r.warnings
                .iter()
                .map(|w| {
                    let class = match w.severity {
                        Severity::Warning => "finding warning",
                        Severity::Info => "finding info",
                    };
                    let tag = match w.severity {
                        Severity::Warning => "Warning",
                        Severity::Info => "Note",
                    };
                    view! {
                        <li class=class data-finding=w.id>
                            <strong>{tag}</strong>
                            " "
                            {w.message.clone()}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <ul class="findings" aria-label="Findings" hidden=move || state.report.with(|r| r.warnings.is_empty())>
            {items}
        </ul>
    }
}

#[component]
fn SectionTable(section: &'static str, title: &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    let ids = move || {
        state
            .report
            .with(|r| r.section(section).map(|m| m.id).collect::<Vec<_>>())
    };
    let heading_id = format!("report-{section}");
    let labelled_by = heading_id.clone();
    view! {
        <section class="report-section" aria-labelledby=labelled_by hidden=move || ids().is_empty()>
            <h2 id=heading_id>{title}</h2>
            <table>
                <tbody>
                    <For each=ids key=|id| *id let:id>
                        <MetricRow id />
                    </For>
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn MetricRow(id: &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    let metric = move || state.report.with(|r| r.metric(id).cloned());
    let value = move || metric().map(|m| raw(m.value)).unwrap_or_default();
    let shown = move || {
        metric()
            .map(|m| format::with_unit(m.value, m.unit))
            .unwrap_or_default()
    };
    let label = move || metric().map(|m| m.label).unwrap_or_default();
    let formula = move || metric().map(|m| m.formula).unwrap_or_default();
    view! {
        <tr data-metric=id data-value=value>
            <th scope="row">{label}</th>
            <td class="num">{shown}</td>
            <td class="how">
                <details>
                    <summary>"How"</summary>
                    <p class="formula">{formula}</p>
                    <p class="metric-id">{id}</p>
                </details>
            </td>
        </tr>
    }
}

#[component]
fn PricesUsed() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = move || {
        state.report.with(|r| {
            r.prices
                .iter()
                .map(|p| {
                    let dated = if p.as_of.is_empty() {
                        p.source.clone()
                    } else {
                        format!("{} (as of {})", p.source, p.as_of)
                    };
                    view! {
                        <tr data-price=p.id.clone()>
                            <th scope="row">{p.label.clone()}</th>
                            <td class="num">{format::price(p.value, &p.unit)}</td>
                            <td>{p.unit.clone()}</td>
                            <td class="source">{dated}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="report-section prices" aria-labelledby="report-prices">
            <h2 id="report-prices">"Prices used"</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Price"</th>
                        <th scope="col">"Value"</th>
                        <th scope="col">"Unit"</th>
                        <th scope="col">"Source"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="catalog">"Price catalog " {move || state.report.with(|r| r.catalog_version.clone())}</p>
        </section>
    }
}
