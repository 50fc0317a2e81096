//! The report: headline cards, findings, a table per section with each figure's formula one
//! click away, and the prices used with their sources. It shows what the engine made and
//! computes nothing itself.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::charts;
use super::dom::{Drawn, Node};
use super::state::AppState;
use super::uncertainty_view::spread_text;
use crate::catalog::Catalog;
use crate::engine;
use crate::format;
use crate::report::uncertainty::{Spread, Uncertainty};
use crate::report::{Metric, Report, SECTIONS, Severity};
use crate::scenario::Scenario;
use crate::scenario::fields::{self, Owner, Value};

/// The whole report: the answer first, kept in view while the form is edited, then the detail.
#[component]
pub fn ReportView() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section
            class="report"
            aria-label="Report"
            on:click=move |ev| {
                let act = super::toolbar::acted(&ev).and_then(|b| b.get_attribute("data-act"));
                match act.as_deref() {
                    Some("export-projection") => super::toolbar::export(&state, true),
                    Some("compare-and-scale") => super::analyses::open(&state),
                    _ => {}
                }
            }
        >
            <Drawn class="drawn" draw=print_header />
            <section class="answer" id="answer" aria-label="The answer" tabindex="-1">
                <p class="stale" role="status" hidden=move || !state.is_stale()>
                    "These figures are stale: they show the scenario before the highlighted field was changed. Fix it to update them."
                </p>
                <Drawn class="drawn" draw=|state| state.report.with(|r| state.uncertainty.with(|u| headlines(r, u.as_ref()))) />
                <p class="sampling" role="status" hidden=move || state.sampling.get().is_none()>
                    {move || state.sampling.get().map(|(done, of)| format!(
                        "Drawing samples from the ranges… {}%",
                        100 * done / of.max(1)
                    ))}
                </p>
                <p class="sampling-error" role="alert" hidden=move || state.sampling_error.with(Option::is_none)>
                    {move || state.sampling_error.get()}
                </p>
                <button type="button" class="to-analyses" data-act="compare-and-scale">
                    "Tiers, breaking points and compare ↓"
                </button>
            </section>
            <Drawn class="drawn" draw=|state| state.report.with(|r| state.uncertainty.with(|u| super::uncertainty_view::panel(r, u.as_ref(), state.run_ms.get()))) />
            <Drawn class="drawn" draw=|state| state.report.with(|r| state.uncertainty.with(|u| body(r, u.as_ref()))) />
            <PricesUsed />
            <Drawn class="drawn" draw=|state| state.scenario.with(inputs_for_print) />
        </section>
    }
}

/// The report below the answer: the bill by component, the findings, the limits, every
/// section's figures, and the projection.
fn body(report: &Report, run: Option<&Uncertainty>) -> Vec<Node> {
    let mut nodes = charts::cost_breakdown(report);
    nodes.extend(findings(report, run));
    nodes.extend(charts::limits(report));
    nodes.extend(sections(report, run));
    nodes.extend(charts::projection(report, run));
    nodes
}

/// On paper only, before everything: the scenario's name, the day it was printed, the catalog
/// its prices come from, and the link that opens it.
fn print_header(state: &AppState) -> Vec<Node> {
    let (name, catalog) = state
        .scenario
        .with(|s| (s.name.clone(), fields::catalog_of(s).version));
    let link = state
        .scenario
        .with(|s| super::persist::whole_link(&crate::export::link::encode(s)));
    vec![
        Node::html("header")
            .class("print-only print-header")
            .child(Node::text_el("h2", "", &name))
            .child(Node::text_el(
                "p",
                "",
                &format!(
                    "Printed {} · price catalog {catalog}",
                    super::toolbar::today()
                ),
            ))
            .child(Node::text_el("p", "print-link", &link)),
    ]
}

/// The headline cards, which answer a deal's questions: the month's cost, the revenue, the
/// margin, the break-even price, and the limit that binds first with those not checked. Each
/// opens to show how it was made.
fn headlines(report: &Report, run: Option<&Uncertainty>) -> Vec<Node> {
    let mut cards: Vec<Node> = report
        .headlines()
        .into_iter()
        .map(|h| {
            let m = h.metric;
            // With ranges, the figure's P10 to P90 reads under it.
            let spread = (run.and_then(|run| run.spread(&m.id)))
                .filter(|p| format::value(p.p10, m.unit) != format::value(p.p90, m.unit))
                .map(|p| {
                    Node::text_el(
                        "span",
                        "card-detail spread",
                        &format!(
                            "P10–P90: {} to {}",
                            format::value(p.p10, m.unit),
                            format::value(p.p90, m.unit)
                        ),
                    )
                    .attr("aria-label", &spread_text(p, m.unit))
                    .attr("data-spread", &m.id)
                });
            let detail = h.detail.map(|d| {
                Node::text_el(
                    "span",
                    "card-detail",
                    &format!("{} · {}", format::with_unit(d.value, d.unit), d.label),
                )
                .attr("data-metric", &d.id)
                .attr("data-value", &format::raw(d.value))
            });
            // The total says what it leaves out for want of a price, as the binding limit says
            // which limits it did not check.
            let unpriced =
                (m.id == "cost.total_monthly_usd" && !report.unpriced.is_empty()).then(|| {
                    let names: Vec<&str> = report.unpriced.iter().map(|n| n.as_ref()).collect();
                    Node::text_el(
                        "span",
                        "card-detail unpriced",
                        &format!("Leaves out (no price yet): {}", names.join(", ")),
                    )
                });
            let details = [spread, detail, unpriced].into_iter().flatten().collect();
            let formulas = std::iter::once(m)
                .chain(h.detail)
                .map(|f| Node::text_el("p", "formula", &format!("{} = {}", f.label, f.formula)))
                .collect();
            card(
                &m.id,
                h.label,
                &format::value(m.value, m.unit),
                details,
                formulas,
            )
            .attr("data-metric", &m.id)
            .attr("data-value", &format::raw(m.value))
        })
        .collect();
    let unchecked = (!report.unchecked.is_empty()).then(|| {
        let names: Vec<&str> = report.unchecked.iter().map(|l| l.as_ref()).collect();
        Node::text_el(
            "span",
            "card-detail unchecked",
            &format!("Not checked (no limit typed): {}", names.join(", ")),
        )
    });
    let binding = match report.binding() {
        Some(limit) => {
            let formula = report
                .metric(&limit.metric)
                .map_or(String::new(), |m| format!("{} = {}", m.label, m.formula));
            let over = limit.used_pct > 100.0;
            // With ranges, the chance the samples exceed it reads under it.
            let odds = run
                .and_then(|run| run.odds(&format!("uncertainty.exceeded.{}", limit.metric)))
                .map(|odds| {
                    Node::text_el(
                        "span",
                        "card-detail spread",
                        &format!(
                            "Exceeded in {}% of the samples",
                            format::plain(100.0 * odds.probability)
                        ),
                    )
                    .attr("data-odds-of", &limit.metric)
                });
            let details = [odds, unchecked].into_iter().flatten().collect();
            card(
                "binding",
                "Binding limit",
                &format!(
                    "{} at {}{}",
                    limit.label,
                    format::value(limit.used_pct, crate::units::Unit::Percent),
                    if over { ": exceeded" } else { "" }
                ),
                details,
                vec![Node::text_el("p", "formula", &formula)],
            )
            .attr("data-limit", &limit.metric)
            .attr("data-value", &format::raw(limit.used_pct))
        }
        None => card(
            "binding",
            "Binding limit",
            "none set",
            unchecked.into_iter().collect(),
            vec![Node::text_el(
                "p",
                "formula",
                "The scenario sets no limit to check: no maximum instances, pool, quota or provider limit.",
            )],
        ),
    };
    let exceeded = report.binding().is_some_and(|l| l.used_pct > 100.0);
    cards.push(binding.class(if exceeded {
        "card binding exceeded"
    } else {
        "card binding"
    }));
    vec![Node::html("div").class("headlines").children(cards)]
}

/// A headline card: its label and value, and the details that read with it (a second figure,
/// its P10 to P90, what it leaves out), opening to how they were made.
fn card(key: &str, label: &str, value: &str, details: Vec<Node>, how: Vec<Node>) -> Node {
    let summary = Node::html("summary")
        .child(Node::text_el("span", "card-label", label))
        .child(Node::text_el("span", "card-value", value));
    let summary = match details.len() {
        0 => summary,
        1 => summary.children(details),
        _ => summary.child(Node::html("span").class("card-details").children(details)),
    };
    Node::html("details")
        .class("card")
        .attr("data-keep", &format!("card-{key}"))
        .child(summary)
        .child(Node::html("div").class("card-how").children(how))
}

/// The findings, most severe first, then the run's.
fn findings(report: &Report, run: Option<&Uncertainty>) -> Vec<Node> {
    let run_findings = run.map(|run| run.findings.as_slice()).unwrap_or_default();
    let items = report
        .warnings
        .iter()
        .chain(run_findings)
        .map(|w| {
            let (class, tag) = match w.severity {
                Severity::Warning => ("finding warning", "Warning"),
                Severity::Info => ("finding info", "Note"),
            };
            Node::html("li")
                .class(class)
                .attr("data-finding", &w.id)
                .child(Node::html("strong").text(tag))
                .text(" ")
                .text(&w.message)
        })
        .collect();
    vec![
        Node::html("ul")
            .class("findings")
            .attr("aria-label", "Findings")
            .flag(
                "hidden",
                report.warnings.is_empty() && run_findings.is_empty(),
            )
            .children(items),
    ]
}

/// A table per report section, each figure with its formula and id one click away ("How"); the
/// deal's ends with a row per customer listed by name.
fn sections(report: &Report, run: Option<&Uncertainty>) -> Vec<Node> {
    SECTIONS
        .iter()
        .map(|(key, title)| {
            let rows: Vec<Node> = (report.section(key))
                .filter(|m| !m.id.starts_with(CUSTOMER))
                .map(|m| metric_row(m, run.and_then(|run| run.spread(&m.id))))
                .collect();
            let section = charts::section(key, "", title, rows.is_empty())
                .child(Node::html("table").child(Node::html("tbody").children(rows)));
            match *key {
                "deal" => section.children(customers(report)),
                _ => section,
            }
        })
        .collect()
}

/// The ids of a listed customer's figures start with this, then its index.
const CUSTOMER: &str = "deal.customers.";

/// A listed customer's figures, in the table's column order: (key, column heading).
const CUSTOMER_COLUMNS: [(&str, &str); 5] = [
    ("cost_monthly_usd", "Cost per month"),
    ("marginal_monthly_usd", "Adds to the bill"),
    ("cost_pct_of_contract", "Cost as a share of its contract"),
    ("gross_margin_pct", "Gross margin"),
    (
        "contract_for_target_per_year_usd",
        "Contract for the target margin",
    ),
];

/// Each customer listed by name as a row of its figures, each opening to how it was made.
fn customers(report: &Report) -> Vec<Node> {
    let rows: Vec<Node> = (0..)
        .map_while(|i| {
            report
                .metric(&format!("{CUSTOMER}{i}.cost_monthly_usd"))
                .map(|m| (i, m))
        })
        .map(|(i, cost)| {
            // The engine labels each figure "<name>: <what>".
            let name = cost.label.strip_suffix(": cost per month");
            // A figure the engine does not make (a margin where the deal does not count
            // every customer listed) leaves its cell empty.
            let cells = CUSTOMER_COLUMNS.iter().map(|(key, _)| {
                let Some(m) = report.metric(&format!("{CUSTOMER}{i}.{key}")) else {
                    return Node::html("td");
                };
                Node::html("td")
                    .class("num")
                    .attr("data-metric", &m.id)
                    .attr("data-value", &format::raw(m.value))
                    .child(
                        Node::html("details")
                            .attr("data-keep", &m.id)
                            .child(Node::html("summary").text(&format::with_unit(m.value, m.unit)))
                            .child(Node::text_el("p", "formula", &m.formula)),
                    )
            });
            Node::html("tr")
                .child(
                    Node::html("th")
                        .attr("scope", "row")
                        .text(name.unwrap_or(&cost.label)),
                )
                .children(cells.collect())
        })
        .collect();
    if rows.is_empty() {
        return Vec::new();
    }
    let head = std::iter::once("Customer")
        .chain(CUSTOMER_COLUMNS.iter().map(|(_, title)| *title))
        .map(|title| Node::html("th").attr("scope", "col").text(title))
        .collect();
    vec![
        Node::html("div")
            .class("table-scroll customers")
            .attr("tabindex", "0")
            .attr("role", "region")
            .attr("aria-label", "Each customer's economics")
            .child(
                Node::html("table")
                    .child(Node::html("thead").child(Node::html("tr").children(head)))
                    .child(Node::html("tbody").children(rows)),
            ),
    ]
}

/// One figure: its label, value with its unit, and how it was made.
fn metric_row(m: &Metric, spread: Option<Spread>) -> Node {
    let value = Node::text_el("td", "num", &format::with_unit(m.value, m.unit));
    // A figure the ranges do not move, to the digits shown, has no spread to show.
    let moves = |p: &Spread| format::with_unit(p.p10, m.unit) != format::with_unit(p.p90, m.unit);
    let value = match spread.filter(moves) {
        Some(p) => value.child(
            Node::text_el("span", "spread", &spread_text(p, m.unit))
                .attr("data-spread", &m.id)
                .attr("data-p10", &format::raw(p.p10))
                .attr("data-p50", &format::raw(p.p50))
                .attr("data-p90", &format::raw(p.p90)),
        ),
        None => value,
    };
    Node::html("tr")
        .attr("data-metric", &m.id)
        .attr("data-value", &format::raw(m.value))
        .child(Node::html("th").attr("scope", "row").text(&m.label))
        .child(value)
        .child(
            Node::html("td").class("how").child(
                Node::html("details")
                    .attr("data-keep", &m.id)
                    .child(Node::html("summary").text("How"))
                    .child(Node::text_el("p", "formula", &m.formula))
                    .child(Node::text_el("p", "metric-id", &m.id)),
            ),
        )
}

/// The scenario's inputs, shown only on paper, where the form is not: those the form shows,
/// list items' included.
fn inputs_for_print(s: &Scenario) -> Vec<Node> {
    let catalog = fields::catalog_of(s);
    let rows = fields::all(s)
        .filter(|f| f.shown(s) && f.owner.group().is_in_use(s))
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
            Node::html("tr")
                .child(Node::html("th").attr("scope", "row").text(&label))
                .child(Node::text_el("td", "num", &shown))
        })
        .collect();
    vec![
        charts::section("inputs", "print-only", "Inputs", false)
            .child(Node::html("table").child(Node::html("tbody").children(rows))),
    ]
}

/// The prices the report used: each with its value and unit, an input to type your own over a
/// catalog price, and where it comes from; then the catalog's version. Rows are rebuilt only
/// when the set of prices changes, so a price being typed over keeps the focus; every edit
/// reaches the state through one listener, which reads the price's id from `data-price`.
#[component]
fn PricesUsed() -> impl IntoView {
    let state = expect_context::<AppState>();
    let body = NodeRef::<leptos::html::Tbody>::new();
    let ids = Memo::new(move |_| {
        state
            .report
            .with(|r| r.prices.iter().map(|p| p.id.clone()).collect::<Vec<_>>())
    });
    Effect::new(move |_| {
        let Some(body) = body.get() else {
            return;
        };
        body.set_text_content(None);
        for id in ids.get() {
            let _ = body.append_child(price_row(state, id).element());
        }
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if target.is_some_and(|t| t.has_attribute("data-reprice")) {
            let repriced = state
                .scenario
                .with_untracked(|s| engine::repricing(s, Catalog::current()));
            if let Ok(repriced) = repriced {
                let reason = format!(
                    "You repriced the scenario with catalog {}.",
                    Catalog::current().version
                );
                state.replace_keeping(repriced.scenario, &reason);
            }
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if let Some(id) = target.and_then(|t| t.get_attribute("data-price")) {
            state.override_price(&id, event_target_value(&ev));
        }
    };
    let on_focus = move |ev: leptos::ev::FocusEvent| {
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if let Some(id) = target.and_then(|t| t.get_attribute("data-price")) {
            state.focused_price(&id);
        }
    };
    view! {
        <section class="report-section prices" aria-labelledby="report-prices" on:input=on_input on:click=on_click on:focusin=on_focus>
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
                <tbody node_ref=body></tbody>
            </table>
            <Drawn class="drawn" draw=|state| state.scenario.with(catalog_note) />
        </section>
    }
}

/// The catalog the scenario is priced with and, when a newer one ships, what repricing with it
/// would change and a button to do it (the scenario it replaces is set aside, to restore).
fn catalog_note(scenario: &Scenario) -> Vec<Node> {
    let catalog = fields::catalog_of(scenario);
    let newest = Catalog::current();
    if catalog.is_newest() {
        return vec![Node::text_el(
            "p",
            "catalog",
            &format!("Price catalog {}, the newest.", catalog.version),
        )];
    }
    let note = Node::text_el(
        "p",
        "catalog",
        &format!(
            "Price catalog {}. A newer catalog, {}, ships with this version of Headroom.",
            catalog.version, newest.version
        ),
    );
    let offer = match engine::repricing(scenario, newest) {
        Err(reason) => Node::text_el("p", "reprice", &reason),
        Ok(repricing) => {
            let changes = repricing
                .changed
                .iter()
                .map(|c| {
                    let value = |v: Option<f64>| {
                        v.map_or("not used".to_string(), |v| format::price(v, &c.unit))
                    };
                    Node::text_el(
                        "li",
                        "",
                        &format!("{}: {} → {}", c.label, value(c.before), value(c.after)),
                    )
                })
                .collect();
            let summary = if repricing.changed.is_empty() {
                "None of the prices this scenario uses differ.".to_string()
            } else {
                format!(
                    "The total per month would go from {} to {}.",
                    format::money(repricing.total_before),
                    format::money(repricing.total_after)
                )
            };
            Node::html("div")
                .class("reprice")
                .child(Node::html("ul").children(changes))
                .child(Node::html("p").text(&summary))
                .child(
                    Node::html("button")
                        .attr("type", "button")
                        .attr("data-reprice", "")
                        .text(&format!("Reprice with catalog {}", newest.version)),
                )
        }
    };
    vec![note, offer]
}

/// One price's row, kept up to date by its own effect.
fn price_row(state: AppState, id: String) -> Node {
    let value = Node::html("td").class("num");
    let source = Node::html("td").class("source");
    let label = Node::html("th").attr("scope", "row");
    let (value_el, source_el, label_el) = (
        value.element().clone(),
        source.element().clone(),
        label.element().clone(),
    );
    let own = Node::html("td").class("own");
    let (own, input) = if id.starts_with("custom.") {
        (
            own.child(Node::text_el("span", "typed", "typed in the form")),
            None,
        )
    } else {
        let input_id = format!("price-{}", id.replace('.', "-"));
        let error_id = format!("{input_id}-error");
        let input = Node::html("input")
            .attr("id", &input_id)
            .attr("data-price", &id)
            .attr("type", "text")
            .attr("inputmode", "decimal")
            .attr("autocomplete", "off")
            .attr("placeholder", "list price")
            .attr("aria-describedby", &error_id);
        let error = Node::html("p").class("field-error").attr("id", &error_id);
        let elements = (input.element().clone(), error.element().clone());
        (own.child(input).child(error), Some(elements))
    };
    let row = Node::html("tr")
        .attr("data-price", &id)
        .child(label)
        .child(value)
        .child(own)
        .child(source);
    Effect::new(move |_| {
        let price = state
            .report
            .with(|r| r.prices.iter().find(|p| p.id == id).cloned());
        let Some(price) = price else {
            return;
        };
        label_el.set_text_content(Some(&price.label));
        let value = match price.value {
            Some(value) => format::price(value, &price.unit),
            None => "not in the price list: type it".to_string(),
        };
        value_el.set_text_content(Some(&value));
        let from = if price.as_of.is_empty() {
            price.source.clone()
        } else {
            format!("{} (as of {})", price.source, price.as_of)
        };
        source_el.set_text_content(Some(&from));
        let Some((input, error)) = &input else {
            return;
        };
        let draft = state.price_drafts.with(|d| d.get(&id).cloned());
        let (text, message) = match draft {
            Some(d) => (d.text, d.error),
            None => {
                let typed = state
                    .scenario
                    .with(|s| s.prices.get(&id).map(|v| format::raw(*v)));
                (typed.unwrap_or_default(), None)
            }
        };
        if let Some(input) = input.dyn_ref::<web_sys::HtmlInputElement>()
            && input.value() != text
        {
            input.set_value(&text);
        }
        let _ = input.set_attribute("aria-label", &format!("Your price: {}", price.label));
        let placeholder = if price.value.is_some() {
            "list price"
        } else {
            "type it"
        };
        let _ = input.set_attribute("placeholder", placeholder);
        let invalid = if message.is_some() { "true" } else { "false" };
        let _ = input.set_attribute("aria-invalid", invalid);
        error.set_text_content(message.as_deref());
    });
    row
}
