//! The scenario form, built from the field registry: one fieldset per section, one labelled
//! input per field with its unit, help text and, when the text is not accepted, what is allowed.
//!
//! A section a scenario may leave out opens with its yes/no switch and shows its other fields
//! only while it is on. A list (services, customers, fixed costs) shows each item as a group of
//! its fields, with a button to remove it, and a button to add another.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::AppState;
use crate::scenario::fields::{self, Field, Group, Kind, ListEntry};
use crate::scenario::{Scenario, inputs};

/// The id of a field's input element, e.g. `f-workload-runs_per_day` or `f-services-0-vcpu`.
pub fn input_id(path: &str) -> String {
    format!("f-{}", path.replace('.', "-"))
}

/// The id of a list's "Add" button, e.g. `add-services`.
pub fn add_button_id(list_key: &str) -> String {
    format!("add-{list_key}")
}

/// The id of the "Remove" button of a list item, e.g. `remove-services-0`.
pub fn remove_button_id(list_key: &str, index: usize) -> String {
    format!("remove-{list_key}-{index}")
}

/// The id of the group holding a list item's fields, e.g. `item-services-0`.
pub fn item_id(list_key: &str, index: usize) -> String {
    format!("item-{list_key}-{index}")
}

/// The whole form: one group per section or list, in the registry's order.
#[component]
pub fn ScenarioForm() -> impl IntoView {
    let groups = fields::groups()
        .iter()
        .map(|&group| view! { <FormGroup group /> })
        .collect_view();
    view! {
        <form class="scenario-form" aria-label="Scenario" on:submit=|ev| ev.prevent_default()>
            {groups}
        </form>
    }
}

#[component]
fn FormGroup(group: Group) -> impl IntoView {
    let state = expect_context::<AppState>();
    let body = match group {
        Group::List(list) => view! { <ListEditor list /> }.into_any(),
        Group::Section(section) => {
            let mut rows: Vec<Field> = section.fields().collect();
            // The switch opens its section, wherever it is declared.
            rows.sort_by_key(|f| section.switch != Some(f.input().key));
            rows.into_iter().map(field_row).collect_view().into_any()
        }
    };
    let shown = move || state.scenario.with(|s| group.is_shown(s));
    let off = move || state.scenario.with(|s| !group.is_on(s));
    // A group folds away by its heading; the fieldset keeps its fields grouped under the same
    // name for assistive technology.
    view! {
        <details class="form-section" class:off=off open=true hidden=move || !shown()>
            <summary>{group.title()}</summary>
            <fieldset>
                <legend class="visually-hidden">{group.title()}</legend>
                {body}
            </fieldset>
        </details>
    }
}

/// The items of a list, each with its fields and a "Remove" button, then the "Add" button.
#[component]
fn ListEditor(list: &'static ListEntry) -> impl IntoView {
    let state = expect_context::<AppState>();
    let len = Memo::new(move |_| state.scenario.with(|s| list.len(s)));
    let full = move || len.get() >= list.max_items;
    let has_items = move || len.get() > 0;
    let noun = list.item_label.to_lowercase();
    let add_id = add_button_id(list.key);
    let note_id = format!("{add_id}-note");
    let add = move |_| {
        if let Ok(index) = state.add_item(list.key) {
            focus_soon(format!("#{} :is(input, select)", item_id(list.key, index)));
        }
    };
    view! {
        <p class="list-empty" hidden=has_items>{format!("No {noun} yet.")}</p>
        <For each=move || 0..len.get() key=|index| *index let:index>
            <ListItem list index />
        </For>
        <div class="list-add">
            <button
                type="button"
                class="add"
                id=add_id
                aria-describedby=note_id.clone()
                disabled=full
                on:click=add
            >
                {format!("Add {noun}")}
            </button>
            <p class="help" id=note_id>
                {move || {
                    if full() {
                        format!(
                            "The list is full: a scenario holds at most {} of these. Remove one to add another.",
                            list.max_items,
                        )
                    } else {
                        String::new()
                    }
                }}
            </p>
        </div>
    }
}

/// One list item: a group named after the item, its fields, and its "Remove" button.
#[component]
fn ListItem(list: &'static ListEntry, index: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let names = Memo::new(move |_| state.scenario.with(|s| item_names(list, s)));
    let name = move || names.with(|n| n.get(index).cloned().unwrap_or_default());
    let number = index + 1;
    let legend = move || match name() {
        n if n.is_empty() => format!("{} {number}", list.item_label),
        n => format!("{} {number}: {n}", list.item_label),
    };
    // The button's name says which item it removes: by its name when that is unique, else by
    // its number too.
    let remove_label = move || {
        let noun = list.item_label.to_lowercase();
        names.with(|all| match all.get(index) {
            Some(n) if !n.is_empty() && all.iter().filter(|other| *other == n).count() == 1 => {
                format!("Remove {noun} {n}")
            }
            Some(n) if !n.is_empty() => format!("Remove {noun} {number}: {n}"),
            _ => format!("Remove {noun} {number}"),
        })
    };
    let remove = move |_| {
        state.remove_item(list.key, index);
        // The next item has moved up into this place; with none, focus the "Add" button.
        let len = state.scenario.with_untracked(|s| list.len(s));
        let next = if index < len {
            remove_button_id(list.key, index)
        } else {
            add_button_id(list.key)
        };
        focus_soon(format!("#{next}"));
    };
    let rows = (0..list.inputs.len())
        .filter_map(|position| list.field_at(index, position))
        .map(field_row)
        .collect_view();
    view! {
        <fieldset class="list-item" id=item_id(list.key, index)>
            <legend>{legend}</legend>
            <div class="item-actions">
                <button
                    type="button"
                    class="remove"
                    id=remove_button_id(list.key, index)
                    aria-label=remove_label
                    on:click=remove
                >
                    "Remove"
                </button>
            </div>
            {rows}
        </fieldset>
    }
}

/// The names of a list's items, in order; empty for a list whose items have no name.
fn item_names(list: &'static ListEntry, scenario: &Scenario) -> Vec<String> {
    (0..list.len(scenario))
        .map(|i| {
            list.field(i, "name")
                .and_then(|name| name.get(scenario))
                .map(|v| v.to_text().trim().to_string())
                .unwrap_or_default()
        })
        .collect()
}

/// The row of one field: what was typed into it, or else its value.
fn field_row(field: Field) -> impl IntoView {
    let state = expect_context::<AppState>();
    let path = field.path().into_owned();
    let draft = {
        let path = path.clone();
        Memo::new(move |_| state.drafts.with(|d| d.get(&path).cloned()))
    };
    let text = Memo::new(
        move |_| match draft.with(|d| d.as_ref().map(|d| d.text.clone())) {
            Some(text) => text,
            None => state
                .scenario
                .with(|s| field.get(s).map(|v| v.to_text()).unwrap_or_default()),
        },
    );
    let error = Memo::new(move |_| draft.with(|d| d.as_ref().and_then(|d| d.error.clone())));
    let shown = Signal::derive(move || state.scenario.with(|s| field.shown(s)));
    let options = state
        .scenario
        .with_untracked(|s| field.kind().options(fields::catalog_of(s)));
    input_row(Input {
        path,
        input: field.input(),
        options,
        text: text.into(),
        error: error.into(),
        shown,
    })
}

/// What a row needs to show one field, scalar or of a list item.
#[derive(Clone)]
struct Input {
    path: String,
    input: &'static inputs::Input,
    options: Vec<(&'static str, &'static str)>,
    text: Signal<String>,
    error: Signal<Option<String>>,
    shown: Signal<bool>,
}

/// A field's row while the field is shown. A field that does not apply (its section switched
/// off, another platform's setting) is not in the page at all, so no hidden input shares a
/// label with a visible one; what was typed into it is kept in the state for when it returns.
fn input_row(input: Input) -> impl IntoView {
    // Rebuilt only when the field comes or goes, not on every edit, so the focus stays put.
    let when = input.shown;
    let shown = Memo::new(move |_| when.get());
    move || shown.get().then(|| field_view(input.clone()))
}

/// A labelled input or select with its unit, help text and error message; every edit goes to
/// [`AppState::edit`] with the field's path.
fn field_view(input: Input) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Input {
        path,
        input,
        options,
        text,
        error,
        shown: _,
    } = input;
    let (label, unit, help) = (input.label, input.unit, input.help);
    let id = input_id(&path);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described_by = format!("{help_id} {error_id}");
    let invalid = move || {
        if error.with(Option::is_some) {
            "true"
        } else {
            "false"
        }
    };
    let on_edit = move |ev: leptos::ev::Event| state.edit(&path, event_target_value(&ev));
    let control = match input.kind {
        Kind::Choice(_) | Kind::Switch { .. } | Kind::Catalog(_) => {
            let options = options
                .into_iter()
                .map(|(value, label)| {
                    view! {
                        <option
                            value=value
                            selected=move || text.with(|t| t == value)
                        >
                            {label}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <select
                    id=id.clone()
                    aria-describedby=described_by.clone()
                    aria-invalid=invalid
                    prop:value=move || text.get()
                    on:change=on_edit
                >
                    {options}
                </select>
            }
            .into_any()
        }
        Kind::Number { .. } | Kind::Text { .. } => {
            let numeric = input.kind.is_number();
            view! {
                <input
                    id=id.clone()
                    class=if numeric { "number" } else { "text" }
                    type="text"
                    inputmode=if numeric { "decimal" } else { "text" }
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=described_by.clone()
                    aria-invalid=invalid
                    prop:value=move || text.get()
                    on:input=on_edit
                />
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <div class="control">
                {control}
                <span class="unit" aria-hidden="true">{unit.symbol()}</span>
            </div>
            <p class="help" id=help_id>{help}</p>
            <p class="field-error" id=error_id>{move || error.get()}</p>
        </div>
    }
}

/// Moves the keyboard focus to the element matching `selector` once the views have caught up
/// with the change just made (an item added or removed).
fn focus_soon(selector: String) {
    set_timeout(
        move || {
            let element = document()
                .query_selector(&selector)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(element) = element {
                let _ = element.focus();
            }
        },
        Duration::ZERO,
    );
}
