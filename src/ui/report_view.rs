//! The report: headline cards, findings, a table per section with each figure's formula one
//! click away, and the prices used with their sources. It shows what the engine made and
//! computes nothing itself.

use leptos::prelude::*;

use super::charts::{CostBreakdown, Limits, Projection};
use super::state::AppState;
use crate::format;
use crate::report::{SECTIONS, Severity, Text};
use crate::scenario::fields::{self, Owner, Value};

/// The figures shown as headline cards, in order. A card shows the first of its figures the
/// report has: the load a scenario is sized by is runs, requests or connections.
pub const HEADLINES: [&[&str]; 4] = [
    &["cost.total_monthly_usd"],
    &["deal.cost_per_customer_monthly_usd"],
    &["deal.gross_margin_pct"],
    &[
        "load.peak_concurrent_runs",
        "demand.peak_requests_per_sec",
        "demand.peak_connections",
    ],
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
            <CostBreakdown />
            <Findings />
            <Limits />
            {sections}
            <Projection />
            <PricesUsed />
            <InputsForPrint />
        </section>
    }
}

#[component]
fn Headlines() -> impl IntoView {
    let state = expect_context::<AppState>();
    let cards = HEADLINES
        .into_iter()
        .map(|ids| {
            let metric = Memo::new(move |_| {
                state
                    .report
                    .with(|r| ids.iter().find_map(|id| r.metric(id).cloned()))
            });
            let id = move || metric.get().map(|m| m.id.to_string()).unwrap_or_default();
            let label = move || metric.get().map(|m| m.label.to_string()).unwrap_or_default();
            let value = move || metric.get().map(|m| raw(m.value)).unwrap_or_default();
            let shown = move || {
                metric
                    .get()
                    .map(|m| format::with_unit(m.value, m.unit))
                    .unwrap_or_default()
            };
            view! {
                <div class="card" data-metric=id data-value=value hidden=move || metric.with(Option::is_none)>
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
                        <li class=class data-finding=w.id.to_string()>
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
            .with(|r| r.section(section).map(|m| m.id.clone()).collect::<Vec<_>>())
    };
    let heading_id = format!("report-{section}");
    let labelled_by = heading_id.clone();
    view! {
        <section class="report-section" aria-labelledby=labelled_by hidden=move || ids().is_empty()>
            <h2 id=heading_id>{title}</h2>
            <table>
                <tbody>
                    <For each=ids key=|id| id.clone() let:id>
                        <MetricRow id />
                    </For>
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn MetricRow(id: Text) -> impl IntoView {
    let state = expect_context::<AppState>();
    let key = id.clone();
    let metric = Memo::new(move |_| state.report.with(|r| r.metric(&key).cloned()));
    let value = move || metric.get().map(|m| raw(m.value)).unwrap_or_default();
    let shown = move || {
        metric
            .get()
            .map(|m| format::with_unit(m.value, m.unit))
            .unwrap_or_default()
    };
    let label = move || {
        metric
            .get()
            .map(|m| m.label.to_string())
            .unwrap_or_default()
    };
    let formula = move || metric.get().map(|m| m.formula).unwrap_or_default();
    view! {
        <tr data-metric=id.to_string() data-value=value>
            <th scope="row">{label}</th>
            <td class="num">{shown}</td>
            <td class="how">
                <details>
                    <summary>"How"</summary>
                    <p class="formula">{formula}</p>
                    <p class="metric-id">{id.to_string()}</p>
                </details>
            </td>
        </tr>
    }
}

/// The scenario's inputs, shown only on paper, where the form is not: those the form shows,
/// list items' included.
#[component]
fn InputsForPrint() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = move || {
        state.scenario.with(|s| {
            let catalog = fields::catalog_of(s);
            fields::all(s)
                .filter(|f| f.shown(s))
                .map(|f| {
                    let shown = match f.get(s) {
                        Some(Value::Number(n)) => format::with_unit(n, f.unit()),
                        Some(Value::Text(t)) => f
                            .kind()
                            .options(catalog)
                            .into_iter()
                            .find(|(id, _)| *id == t)
                            .map_or(t, |(_, label)| label.to_string()),
                        None => String::new(),
                    };
                    let label = match f.owner {
                        Owner::Item(list, index) => {
                            format!("{} {}: {}", list.item_label, index + 1, f.label())
                        }
                        Owner::Section(_) => f.label().to_string(),
                    };
                    view! {
                        <tr>
                            <th scope="row">{label}</th>
                            <td class="num">{shown}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="report-section print-only" aria-labelledby="report-inputs">
            <h2 id="report-inputs">"Inputs"</h2>
            <table>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[component]
fn PricesUsed() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ids = move || {
        state
            .report
            .with(|r| r.prices.iter().map(|p| p.id.clone()).collect::<Vec<_>>())
    };
    view! {
        <section class="report-section prices" aria-labelledby="report-prices">
            <h2 id="report-prices">"Prices used"</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Price"</th>
                        <th scope="col">"Value"</th>
                        <th scope="col">"Your price"</th>
                        <th scope="col">"Source"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=ids key=|id| id.clone() let:id>
                        <PriceRow id />
                    </For>
                </tbody>
            </table>
            <p class="catalog">"Price catalog " {move || state.report.with(|r| r.catalog_version.clone())}</p>
        </section>
    }
}

/// One price: its value and unit, an input to type your own over a catalog price, and where
/// the price comes from.
#[component]
fn PriceRow(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let price = {
        let id = id.clone();
        move || {
            state
                .report
                .with(|r| r.prices.iter().find(|p| p.id == id).cloned())
        }
    };
    let label = {
        let price = price.clone();
        move || price().map(|p| p.label).unwrap_or_default()
    };
    let shown = {
        let price = price.clone();
        move || {
            price()
                .map(|p| format::price(p.value, &p.unit))
                .unwrap_or_default()
        }
    };
    let source = move || {
        price()
            .map(|p| {
                if p.as_of.is_empty() {
                    p.source
                } else {
                    format!("{} (as of {})", p.source, p.as_of)
                }
            })
            .unwrap_or_default()
    };
    let own = if id.starts_with("custom.") {
        view! { <span class="typed">"typed in the form"</span> }.into_any()
    } else {
        let input_id = format!("price-{}", id.replace('.', "-"));
        let error_id = format!("{input_id}-error");
        let draft = {
            let id = id.clone();
            move || state.price_drafts.with(|d| d.get(&id).cloned())
        };
        let text = {
            let id = id.clone();
            let draft = draft.clone();
            move || match draft() {
                Some(d) => d.text,
                None => state.scenario.with(|s| {
                    s.prices
                        .get(&id)
                        .map(|v| format!("{v}"))
                        .unwrap_or_default()
                }),
            }
        };
        let error = {
            let draft = draft.clone();
            move || draft().and_then(|d| d.error)
        };
        let invalid = {
            let error = error.clone();
            move || if error().is_some() { "true" } else { "false" }
        };
        let on_input = {
            let id = id.clone();
            move |ev: leptos::ev::Event| state.override_price(&id, event_target_value(&ev))
        };
        let aria_label = {
            let label = label.clone();
            move || format!("Your price: {}", label())
        };
        view! {
            <input
                id=input_id
                type="text"
                inputmode="decimal"
                autocomplete="off"
                placeholder="list price"
                aria-label=aria_label
                aria-describedby=error_id.clone()
                aria-invalid=invalid
                prop:value=text
                on:input=on_input
            />
            <p class="field-error" id=error_id>{error}</p>
        }
        .into_any()
    };
    view! {
        <tr data-price=id.clone()>
            <th scope="row">{label}</th>
            <td class="num">{shown}</td>
            <td class="own">{own}</td>
            <td class="source">{source}</td>
        </tr>
    }
}
