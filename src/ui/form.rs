//! The scenario form, built from the field registry: one fieldset per section, one labelled
//! input per field with its unit, help text and, when the text is not accepted, what is allowed.

use leptos::prelude::*;

use super::state::{AppState, Draft};
use crate::scenario::fields::{Kind, Section};

/// The id of a field's input element, e.g. `f-workload-runs_per_day`.
pub fn input_id(path: &str) -> String {
    format!("f-{}", path.replace('.', "-"))
}

/// The whole form.
#[component]
pub fn ScenarioForm() -> impl IntoView {
    let sections = Section::ALL
        .into_iter()
        .map(|section| view! { <FormSection section /> })
        .collect_view();
    view! {
        <form class="scenario-form" aria-label="Scenario" on:submit=|ev| ev.prevent_default()>
            {sections}
        </form>
    }
}

#[component]
fn FormSection(section: Section) -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = state
        .drafts
        .with_value(|drafts| {
            drafts
                .iter()
                .filter(|d| d.field.section == section)
                .copied()
                .collect::<Vec<_>>()
        })
        .into_iter()
        .map(|draft| view! { <FieldRow draft /> })
        .collect_view();
    // A section folds away by its heading; the fieldset keeps its fields grouped under the same
    // name for assistive technology.
    view! {
        <details class="form-section" open=true>
            <summary>{section.title()}</summary>
            <fieldset>
                <legend class="visually-hidden">{section.title()}</legend>
                {rows}
            </fieldset>
        </details>
    }
}

#[component]
fn FieldRow(draft: Draft) -> impl IntoView {
    let state = expect_context::<AppState>();
    let field = draft.field;
    let id = input_id(field.path);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described_by = format!("{help_id} {error_id}");
    let invalid = move || {
        if draft.error.with(Option::is_some) {
            "true"
        } else {
            "false"
        }
    };
    let relevant = move || state.scenario.with(|s| (field.relevant)(s));
    let on_edit = move |ev: leptos::ev::Event| state.edit(field.path, event_target_value(&ev));
    let unit = field.unit.symbol();
    let control = match &field.kind {
        Kind::Choice(options) => {
            let options = options
                .iter()
                .map(|(value, label)| {
                    let value = value.clone();
                    let selected_value = value.clone();
                    view! {
                        <option
                            value=value
                            selected=move || draft.text.with(|t| *t == selected_value)
                        >
                            {label.clone()}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <select
                    id=id.clone()
                    aria-describedby=described_by.clone()
                    aria-invalid=invalid
                    prop:value=move || draft.text.get()
                    on:change=on_edit
                >
                    {options}
                </select>
            }
            .into_any()
        }
        Kind::Number { .. } | Kind::Text { .. } => {
            let numeric = matches!(field.kind, Kind::Number { .. });
            view! {
                <input
                    id=id.clone()
                    type="text"
                    inputmode=if numeric { "decimal" } else { "text" }
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=described_by.clone()
                    aria-invalid=invalid
                    prop:value=move || draft.text.get()
                    on:input=on_edit
                />
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:invalid=move || draft.error.with(Option::is_some) hidden=move || !relevant()>
            <label for=id.clone()>{field.label}</label>
            <div class="control">
                {control}
                <span class="unit" aria-hidden="true">{unit}</span>
            </div>
            <p class="help" id=help_id>{field.help}</p>
            <p class="field-error" id=error_id>{move || draft.error.get()}</p>
        </div>
    }
}
