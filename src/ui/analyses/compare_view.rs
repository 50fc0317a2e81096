//! Compare: the page's scenario beside a saved scenario, a pasted link, or the other scenario
//! of a comparison link — the inputs that differ first, then every headline figure, line of
//! the bill and limit that moves, largest change first ([`crate::engine::compare`]) — and the
//! comparison as one link to share.

use leptos::prelude::*;

use super::app::{Compared, Panel};
use crate::engine::compare::compare;
use crate::export::link;
use crate::format;
use crate::report::compare::{Change, Comparison, FigureChange};
use crate::scenario::Scenario;
use crate::ui::persist::whole_link;
use crate::ui::toolbar::{CopyStatus, copy_text};

/// The scenario compared with: its name and the scenario, or why it does not open.
type Other = Result<(String, Scenario), String>;

/// The compare tab.
#[component]
pub fn CompareView() -> impl IntoView {
    let panel = expect_context::<Panel>();
    let pasted = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let manual = RwSignal::new(None::<String>);
    let other = Memo::new(move |_| -> Option<Other> {
        match panel.compared.get() {
            Some(Compared::Saved(name)) => {
                Some(
                    panel
                        .saved
                        .with(|list| match list.iter().find(|s| s.name == name) {
                            Some(saved) => saved.scenario().map(|s| (name.clone(), s)),
                            None => Err(format!("“{name}” is no longer saved.")),
                        }),
                )
            }
            Some(Compared::Pasted(text)) => Some(
                pasted_fragment(&text)
                    .map(|s| ("the pasted link".to_string(), s))
                    .map_err(|e| e.to_string()),
            ),
            None => panel.compare_with.get().map(|fragment| {
                link::decode(&fragment)
                    .map(|s| ("the scenario in the comparison link".to_string(), s))
                    .map_err(|e| format!("The comparison link's other scenario did not open. {e}"))
            }),
        }
    });
    let comparison = Memo::new(move |_| {
        let current = panel.scenario.get().ok()?;
        let other = other.get()?.ok()?;
        Some(compare(&other.1, &current))
    });
    let chosen = move || match panel.compared.get() {
        Some(Compared::Saved(name)) => format!("saved:{name}"),
        Some(Compared::Pasted(_)) => "pasted".to_string(),
        None if panel.compare_with.with(Option::is_some) => "link".to_string(),
        None => String::new(),
    };
    let options = move || {
        let chosen = chosen();
        let saved = panel.saved.with(|list| {
            list.iter()
                .map(|s| {
                    let value = format!("saved:{}", s.name);
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{s.name.clone()}</option> }
                })
                .collect_view()
        });
        let link_option = panel.compare_with.with(Option::is_some).then(|| {
            view! { <option value="link" selected=chosen == "link">"The scenario in the comparison link"</option> }
        });
        view! {
            <option value="" selected=chosen.is_empty()>"Choose a saved scenario…"</option>
            {link_option}
            {saved}
        }
    };
    let on_choose = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        status.set(String::new());
        match value.strip_prefix("saved:") {
            Some(name) => panel.compared.set(Some(Compared::Saved(name.to_string()))),
            None => panel.compared.set(None),
        }
    };
    let compare_pasted = move || {
        let text = pasted.get_untracked();
        if !text.trim().is_empty() {
            panel.compared.set(Some(Compared::Pasted(text)));
        }
    };
    let copy_link = move |_| {
        let (Some(Ok((_, other))), Ok(current)) =
            (other.get_untracked(), panel.scenario.get_untracked())
        else {
            return;
        };
        let text = whole_link(&link::encode_comparison(&current, &other));
        copy_text(
            text,
            status,
            manual,
            ["Comparison link copied", "Copy this comparison link:"],
        );
    };
    let open_other = move |_| {
        if let Some(Ok((_, other))) = other.get_untracked() {
            Panel::open_in_page(&link::encode(&other));
        }
    };
    view! {
        <div class="compare-controls">
            <label>
                "Compare this scenario with "
                <select class="compare-with" on:change=on_choose>{options}</select>
            </label>
            <label>
                "or a link "
                <input
                    type="text"
                    class="compare-link"
                    placeholder="Paste a Headroom link"
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            compare_pasted();
                        }
                    }
                />
            </label>
            <button type="button" on:click=move |_| compare_pasted()>"Compare"</button>
        </div>
        {move || match other.get() {
            None => view! {
                <p class="hint">
                    "Save scenarios under Saved scenarios, or paste a link, to compare this scenario with them."
                </p>
            }.into_any(),
            Some(Err(why)) => {
                // A comparison link's other scenario that does not open is kept as it came, to
                // copy: the address soon holds only the page's own scenario.
                let kept = (panel.compared.with(Option::is_none))
                    .then(|| panel.compare_with.get())
                    .flatten()
                    .map(|fragment| view! {
                        <label class="kept-link">
                            "The other scenario's link as it came, to copy: "
                            <input class="copyable" type="text" readonly=true prop:value=whole_link(&fragment) />
                        </label>
                    });
                view! { <p class="error" role="alert">{why}</p> {kept} }.into_any()
            }
            Some(Ok((name, _))) => view! {
                <div class="compare-actions">
                    <button type="button" on:click=copy_link>"Copy comparison link"</button>
                    <button type="button" on:click=open_other>"Open it in the page"</button>
                    <CopyStatus status manual label="Comparison link to copy" />
                </div>
                {move || comparison.get().map(|c| comparison_view(&name, &c))}
            }.into_any(),
        }}
    }
}

/// A pasted link's scenario: the whole address or just its fragment; a comparison link gives
/// its first scenario.
fn pasted_fragment(text: &str) -> Result<Scenario, link::LinkError> {
    let text = text.trim();
    let fragment = text.split_once('#').map_or(text, |(_, f)| f);
    link::decode(link::split_comparison(fragment).0)
}

/// The comparison's tables: the inputs that differ, then the figures that move.
fn comparison_view(other: &str, comparison: &Comparison) -> impl IntoView + use<> {
    if comparison.is_empty() {
        return view! {
            <p class="compare-same">{format!("This scenario and {other} are the same: no input differs and no figure moves.")}</p>
        }
        .into_any();
    }
    let inputs = comparison
        .inputs
        .iter()
        .map(|input| {
            let change = match input.change {
                Change::Changed => "Changed",
                Change::Added => "Added",
                Change::Removed => "Removed",
            };
            view! {
                <tr data-path=input.path.clone()>
                    <td>{change}</td>
                    <th scope="row">{input.label.clone()}</th>
                    <td>{input.before.clone()}</td>
                    <td>{input.after.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let inputs_table = (!comparison.inputs.is_empty()).then(|| {
        view! {
            <div class="table-scroll">
                <table class="compare-inputs">
                    <caption>{format!("Inputs that differ ({})", comparison.inputs.len())}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Change"</th>
                            <th scope="col">"Input"</th>
                            <th scope="col">{capitalized(other)}</th>
                            <th scope="col">"This scenario"</th>
                        </tr>
                    </thead>
                    <tbody>{inputs}</tbody>
                </table>
            </div>
        }
    });
    // Which way is worse: up for a line of the bill or a limit's use; the headline figures
    // (costs, revenue, margin) are left uncoloured, as up is better for some and worse for others.
    let tables = [
        ("Headline figures", &comparison.headlines, false),
        ("Lines of the bill", &comparison.costs, true),
        ("Limits used at the peak", &comparison.limits, true),
    ]
    .into_iter()
    .filter(|(_, figures, _)| !figures.is_empty())
    .map(|(title, figures, up_is_worse)| figures_table(title, other, figures, up_is_worse))
    .collect_view();
    let unchanged = (comparison.costs_unchanged > 0).then(|| {
        let n = comparison.costs_unchanged;
        view! {
            <p class="hint">
                {format!("{n} line{} of the bill the same in both.", if n == 1 { "" } else { "s" })}
            </p>
        }
    });
    view! {
        {inputs_table}
        {tables}
        {unchanged}
    }
    .into_any()
}

/// One table of figures that move: each with both values and the change, largest first.
fn figures_table(
    title: &str,
    other: &str,
    figures: &[FigureChange],
    up_is_worse: bool,
) -> impl IntoView + use<> {
    let rows = figures
        .iter()
        .map(|figure| {
            let shown = |v: Option<f64>| {
                v.map_or_else(|| "—".to_string(), |v| format::with_unit(v, figure.unit))
            };
            let difference = figure.difference();
            let (worse, better) = match up_is_worse {
                true => (difference > 0.0, difference < 0.0),
                false => (false, false),
            };
            // A limit's use past 100% is over the limit.
            let over = figure.unit == crate::units::Unit::Percent
                && up_is_worse
                && figure.after.is_some_and(|a| a > 100.0);
            view! {
                <tr data-id=figure.id.to_string()>
                    <th scope="row">{figure.label.to_string()}</th>
                    <td>{shown(figure.before)}</td>
                    <td>{shown(figure.after)}</td>
                    <td class:worse=worse class:better=better class:over=over>{format::change(figure)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="compare-figures">
                <caption>{format!("{title}, largest change first")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Figure"</th>
                        <th scope="col">{capitalized(other)}</th>
                        <th scope="col">"This scenario"</th>
                        <th scope="col">"Change"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// `text` with its first letter a capital.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
