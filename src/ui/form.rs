//! The scenario form, built from the registry of inputs: one folding group per section or list,
//! one labelled input per field with its unit, help text and, when the text is not accepted,
//! what is allowed.
//!
//! A section a scenario may leave out opens with its yes/no switch and shows its other fields
//! only while it is on. A list (services, customers, fixed costs) shows each item as a group of
//! its fields, with a button to remove it, and a button to add another.
//!
//! The elements are built once with the plain builder ([`super::dom`]) and kept up to date by
//! one effect per field: a field that stops applying leaves the page and comes back with what
//! was typed into it, and the input being typed into is never rebuilt, so it keeps the focus.
//! Every edit and click reaches the state through one listener on the form, which reads the
//! field's path from the control's `data-path`.

use std::time::Duration;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::dom::Node;
use super::state::AppState;
use crate::format;
use crate::scenario::Scenario;
use crate::scenario::fields::{self, Field, Group, Kind, ListEntry, Value};
use crate::scenario::ranges::{Range, Shape};

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

pub use crate::scenario::fields::DEAL_FIRST;

/// The id of the group holding [`DEAL_FIRST`], the target of the page's skip link.
pub const DEAL_ID: &str = "the-deal";

/// The id of a group of the form, e.g. `g-aurora` (`g-name` for the scenario's own name).
pub fn group_id(group: Group) -> String {
    match group.key() {
        "" => "g-name".to_string(),
        key => format!("g-{key}"),
    }
}

/// The whole form: the deal first, an index of the sections, then one group per section or
/// list, in the registry's order.
#[component]
pub fn ScenarioForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let form = NodeRef::<html::Form>::new();
    Effect::new(move |_| {
        if let Some(form) = form.get() {
            let _ = form.append_child(deal_first(state).element());
            let index = Node::html("ul");
            let index_el = index.element().clone();
            let _ = form.append_child(
                Node::html("nav")
                    .class("section-index")
                    .attr("aria-label", "Sections of the form")
                    .child(Node::text_el("span", "", "Jump to:"))
                    .child(index)
                    .element(),
            );
            for &group in fields::groups() {
                let link = Node::html("li").child(
                    Node::html("a")
                        .attr("href", &format!("#{}", group_id(group)))
                        .attr("data-jump", &group_id(group))
                        .text(group.title()),
                );
                let _ = index_el.append_child(link.element());
                let _ =
                    form.append_child(group_view(state, group, link.element().clone()).element());
            }
        }
    });
    view! {
        <form
            class="scenario-form"
            aria-label="Scenario"
            node_ref=form
            on:submit=|ev| ev.prevent_default()
            on:input=move |ev| edited(state, &ev, "INPUT")
            on:change=move |ev| edited(state, &ev, "SELECT")
            on:click=move |ev| clicked(state, &ev)
            on:focusin=move |ev| {
                if let Some(path) = path_of(&ev) {
                    state.focused(&path);
                } else if let Some(path) = range_of(&ev) {
                    state.focused_range(&path);
                }
            }
            on:focusout=move |ev| {
                if let Some(path) = path_of(&ev) {
                    state.left(&path);
                }
            }
        ></form>
    }
}

/// Takes an edit of a field — an `input` event of a text input, a `change` of a select — to
/// [`AppState::edit`], with the path the control carries.
fn edited(state: AppState, ev: &leptos::ev::Event, tag: &str) {
    let Some(control) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if control.tag_name() != tag {
        return;
    }
    if let Some(path) = control.get_attribute("data-path") {
        state.edit(&path, event_target_value(ev));
    } else if let Some(path) = control.get_attribute("data-range")
        && let Ok(Some(row)) = control.closest(".range")
    {
        // A range is its low, high and shape together, read from its row.
        let part = |name: &str| {
            row.query_selector(&format!("[data-part={name}]"))
                .ok()
                .flatten()
                .map(|c| match c.dyn_ref::<web_sys::HtmlInputElement>() {
                    Some(input) => input.value(),
                    None => c
                        .dyn_ref::<web_sys::HtmlSelectElement>()
                        .map(|s| s.value())
                        .unwrap_or_default(),
                })
                .unwrap_or_default()
        };
        state.edit_range(&path, &part("low"), &part("high"), &part("shape"));
    }
}

/// Takes a click on a list's "Add" or an item's "Remove" button, then moves the focus to what
/// follows: the new item's first field, the item that moved into the removed one's place, or
/// the list's "Add" button when none did.
fn clicked(state: AppState, ev: &leptos::ev::MouseEvent) {
    if jumped(ev) {
        return;
    }
    let Some(button) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("button").ok().flatten())
    else {
        return;
    };
    if let Some(path) = button.get_attribute("data-range-open") {
        state.open_range(&path);
        focus_soon(format!("#{}-low", input_id(&path)));
    } else if let Some(path) = button.get_attribute("data-range-remove") {
        state.remove_range(&path);
        focus_soon(format!("#{}-toggle", input_id(&path)));
    } else if let Some(key) = button.get_attribute("data-add") {
        if let Ok(index) = state.add_item(&key) {
            focus_soon(format!("#{} :is(input, select)", item_id(&key, index)));
        }
    } else if let Some((key, index)) = button.get_attribute("data-remove").and_then(|r| {
        r.split_once(':')
            .map(|(k, i)| (k.to_string(), i.parse().ok()))
    }) && let (Some(list), Some(index)) = (fields::list(&key), index)
    {
        state.remove_item(&key, index);
        let len = state.scenario.with_untracked(|s| list.len(s));
        let next = if index < len {
            remove_button_id(&key, index)
        } else {
            add_button_id(&key)
        };
        focus_soon(format!("#{next}"));
    }
}

/// The group of the inputs changed first ([`DEAL_FIRST`]), with how the revenue is made from
/// them as the engine reports it.
fn deal_first(state: AppState) -> Node {
    let rows = DEAL_FIRST
        .iter()
        .filter_map(|path| state.scenario.with_untracked(|s| Field::resolve(path, s)))
        .map(|field| field_slot(state, field))
        .collect();
    let revenue = Node::html("p").class("revenue").attr("aria-live", "polite");
    let revenue_el = revenue.element().clone();
    Effect::new(move |_| {
        let text = state.report.with(|r| {
            r.metric("deal.revenue_monthly_usd").map(|m| {
                format!(
                    "Revenue = {} = {}",
                    m.formula,
                    format::with_unit(m.value, m.unit)
                )
            })
        });
        revenue_el.set_text_content(text.as_deref());
    });
    Node::html("section")
        .class("form-section deal-first")
        .attr("id", DEAL_ID)
        .attr("tabindex", "-1")
        .attr("aria-labelledby", "deal-first-title")
        .child(Node::text_el("h2", "", "The deal").attr("id", "deal-first-title"))
        .children(rows)
        .child(revenue)
}

/// The `data-range` of the range input a focus event is about: its field's path.
fn range_of(ev: &leptos::ev::FocusEvent) -> Option<String> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.get_attribute("data-range"))
}

/// The `data-path` of the field a focus event is about.
fn path_of(ev: &leptos::ev::FocusEvent) -> Option<String> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.get_attribute("data-path"))
}

/// Follows a click on a link with a `data-jump` (the section index, the skip links) without
/// touching the address; whether the click was one.
pub fn jumped(ev: &leptos::ev::MouseEvent) -> bool {
    let Some(target) = jump_target(ev) else {
        return false;
    };
    ev.prevent_default();
    jump_to(&target);
    true
}

/// The group a click on a link of the section index goes to.
fn jump_target(ev: &leptos::ev::MouseEvent) -> Option<String> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("a[data-jump]").ok().flatten())
        .and_then(|a| a.get_attribute("data-jump"))
}

/// Opens the element with this id, if it folds, brings it into view and moves the focus to its
/// first control (or to it). The address keeps the scenario's link: the jump is not a fragment.
pub fn jump_to(id: &str) {
    let Some(target) = document().get_element_by_id(id) else {
        return;
    };
    if target.tag_name() == "DETAILS" {
        let _ = target.set_attribute("open", "");
    }
    target.scroll_into_view();
    let control = target
        .query_selector("input, select, button:not([disabled])")
        .ok()
        .flatten()
        .unwrap_or(target);
    if let Ok(control) = control.dyn_into::<web_sys::HtmlElement>() {
        let _ = control.focus();
    }
}

/// A group folds away by its heading; the fieldset keeps its fields grouped under the same name
/// for assistive technology. A group that does not apply is hidden, and so is its link in the
/// section index; one switched off, or a list with no items, folds to one line that says what
/// it adds, and unfolds when switched on.
fn group_view(state: AppState, group: Group, link: web_sys::Element) -> Node {
    let title = group.title();
    let body = match group {
        Group::List(list) => list_view(state, list),
        Group::Section(section) => {
            // The switch opens its section, wherever it is declared.
            let is_switch = |f: &Field| section.switch == Some(f.input().key);
            let first = |f: &Field| DEAL_FIRST.contains(&f.path().as_ref());
            let switch = section.fields().filter(is_switch);
            let rows = switch.chain(section.fields().filter(|f| !is_switch(f) && !first(f)));
            rows.map(|field| field_slot(state, field)).collect()
        }
    };
    let note = Node::html("span").class("summary-note");
    let note_el = note.element().clone();
    let details = Node::html("details")
        .class("form-section")
        .attr("id", &group_id(group))
        .child(Node::html("summary").text(title).child(note))
        .child(
            Node::html("fieldset")
                .child(Node::text_el("legend", "visually-hidden", title))
                .children(body),
        );
    let element = details.element().clone();
    Effect::new(move |was_in_use: Option<bool>| {
        let (shown, on, in_use) = state
            .scenario
            .with(|s| (group.is_shown(s), group.is_on(s), group.is_in_use(s)));
        toggle(&element, "hidden", !shown);
        toggle(&link, "hidden", !shown);
        // Opened when it comes into use. Folded when it goes out of it, unless the user is at
        // work in it (switching it off, removing a list's last item), so the focus is never
        // lost in a fold. In between, as the user leaves it.
        let working_in = || {
            matches!(group, Group::List(_))
                || document()
                    .active_element()
                    .is_some_and(|focused| element.contains(Some(&focused)))
        };
        let fold = was_in_use == Some(true) && !in_use && !working_in();
        if was_in_use.is_none() || (in_use && was_in_use == Some(false)) || fold {
            toggle(&element, "open", in_use);
        }
        let class = if on {
            "form-section"
        } else {
            "form-section off"
        };
        let _ = element.set_attribute("class", class);
        let adds = group.adds();
        let text = match (in_use, on) {
            (true, _) => String::new(),
            (false, true) => format!(" — none yet: add {adds}"),
            (false, false) => format!(" — off: open to switch on {adds}"),
        };
        note_el.set_text_content(Some(&text).filter(|t| !t.is_empty()).map(|t| t.as_str()));
        in_use
    });
    details
}

/// Sets an attribute with no value when `on` holds, removes it otherwise.
fn toggle(element: &web_sys::Element, name: &str, on: bool) {
    if on {
        let _ = element.set_attribute(name, "");
    } else {
        let _ = element.remove_attribute(name);
    }
}

/// The items of a list, each with its fields and a "Remove" button, then the "Add" button with
/// a note that says why it is disabled when the list is full.
fn list_view(state: AppState, list: &'static ListEntry) -> Vec<Node> {
    let len = Memo::new(move |_| state.scenario.with(|s| list.len(s)));
    let noun = list.item_label.to_ascii_lowercase();
    let empty = Node::text_el("p", "list-empty", &format!("No {noun} yet."));
    let items = Node::html("div").class("list-items");
    let add_id = add_button_id(list.key);
    let note_id = format!("{add_id}-note");
    let add = Node::html("button")
        .attr("type", "button")
        .class("add")
        .attr("id", &add_id)
        .attr("data-add", list.key)
        .attr("aria-describedby", &note_id)
        .text(&format!("Add {noun}"));
    let note = Node::html("p").class("help").attr("id", &note_id);
    let (empty_el, items_el, add_el, note_el) = (
        empty.element().clone(),
        items.element().clone(),
        add.element().clone(),
        note.element().clone(),
    );
    // An item is added or removed at the end, never rebuilt: each item's fields read the item at
    // their index, so when one is removed the items after it show what moved into their place.
    // Each item's effects live under an owner of its own, disposed when the item goes.
    let parent = Owner::current().unwrap_or_default();
    Effect::new(move |shown: Option<Vec<(Owner, web_sys::Element)>>| {
        let len = len.get();
        let mut shown = shown.unwrap_or_default();
        while shown.len() > len {
            if let Some((owner, element)) = shown.pop() {
                element.remove();
                owner.cleanup();
            }
        }
        while shown.len() < len {
            let index = shown.len();
            let owner = parent.child();
            let item = owner.with(|| item_view(state, list, index));
            let _ = items_el.append_child(item.element());
            shown.push((owner, item.element().clone()));
        }
        toggle(&empty_el, "hidden", len > 0);
        let full = len >= list.max_items;
        toggle(&add_el, "disabled", full);
        note_el.set_text_content(full.then(|| {
            format!(
                "The list is full: a scenario holds at most {} of these. Remove one to add another.",
                list.max_items
            )
        }).as_deref());
        shown
    });
    vec![
        empty,
        items,
        Node::html("div").class("list-add").child(add).child(note),
    ]
}

/// One list item: a group named after the item, its "Remove" button, and its fields.
fn item_view(state: AppState, list: &'static ListEntry, index: usize) -> Node {
    let legend = Node::html("legend");
    let remove = Node::html("button")
        .attr("type", "button")
        .class("remove")
        .attr("id", &remove_button_id(list.key, index))
        .attr("data-remove", &format!("{}:{index}", list.key))
        .text("Remove");
    let (legend_el, remove_el) = (legend.element().clone(), remove.element().clone());
    Effect::new(move |_| {
        let names = state.scenario.with(|s| item_names(list, s));
        let number = index + 1;
        let name = names.get(index).map(String::as_str).unwrap_or_default();
        let legend = match name {
            "" => format!("{} {number}", list.item_label),
            n => format!("{} {number}: {n}", list.item_label),
        };
        legend_el.set_text_content(Some(&legend));
        // The button's name says which item it removes: by its name when that is unique, else
        // by its number too.
        let noun = list.item_label.to_ascii_lowercase();
        let label = match name {
            "" => format!("Remove {noun} {number}"),
            n if names.iter().filter(|other| *other == n).count() == 1 => {
                format!("Remove {noun} {n}")
            }
            n => format!("Remove {noun} {number}: {n}"),
        };
        let _ = remove_el.set_attribute("aria-label", &label);
    });
    let rows = (0..list.inputs.len())
        .filter_map(|position| list.field_at(index, position))
        .map(|field| field_slot(state, field))
        .collect();
    Node::html("fieldset")
        .class("list-item")
        .attr("id", &item_id(list.key, index))
        .child(legend)
        .child(Node::html("div").class("item-actions").child(remove))
        .children(rows)
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

/// The place of one field in the form, holding its row while the field applies. A field that
/// does not apply (its section switched off, another platform's setting) is not in the page at
/// all, so no hidden input shares a label with a visible one; what was typed into it is kept
/// in the state for when it returns.
fn field_slot(state: AppState, field: Field) -> Node {
    let slot = Node::html("div").class("field-slot");
    let element = slot.element().clone();
    let path = field.path().into_owned();
    Effect::new(move |row: Option<Option<Row>>| {
        let (shown, value) = state.scenario.with(|s| {
            let value = match field.get(s) {
                Some(Value::Number(n)) => format::typed(n),
                Some(value) => value.to_text(),
                None => String::new(),
            };
            (field.shown(s), value)
        });
        if !shown {
            element.set_text_content(None);
            return None;
        }
        let row = row.flatten().unwrap_or_else(|| {
            let row = state.scenario.with_untracked(|s| Row::new(field, &path, s));
            let _ = element.append_child(&row.root);
            row
        });
        let draft = state.drafts.with(|d| d.get(&path).cloned());
        let (text, error) = match draft {
            Some(draft) => (draft.text, draft.error),
            None => (value, None),
        };
        row.show(&text, error.as_deref());
        if let Some(range) = &row.range {
            let set = state.scenario.with(|s| s.ranges.get(&path).copied());
            let draft = state.range_drafts.with(|d| d.get(&path).cloned());
            range.show(set, draft.as_ref());
        }
        Some(row)
    });
    slot
}

/// A field's row: its label, control, unit, help and error message, and for a number the
/// range it may be given.
struct Row {
    root: web_sys::Element,
    control: web_sys::Element,
    error: web_sys::Element,
    range: Option<RangeRow>,
}

/// The range of a numeric field: a "± range" button beside the control that opens a row of its
/// low, high and shape, with a button that takes it off again.
struct RangeRow {
    toggle: web_sys::Element,
    row: web_sys::Element,
    low: web_sys::HtmlInputElement,
    high: web_sys::HtmlInputElement,
    shape: web_sys::HtmlSelectElement,
    error: web_sys::Element,
}

impl RangeRow {
    /// The button and the row for the field at `path` labelled `label`.
    fn new(path: &str, label: &str) -> (Node, Node, RangeRow) {
        let id = input_id(path);
        let row_id = format!("{id}-range");
        let error_id = format!("{row_id}-error");
        let toggle = Node::html("button")
            .attr("type", "button")
            .class("range-toggle")
            .attr("id", &format!("{id}-toggle"))
            .attr("data-range-open", path)
            .attr("aria-controls", &row_id)
            .attr("aria-expanded", "false")
            .attr("aria-label", &format!("Give {label} a range"))
            .attr(
                "title",
                "Give a range: low and high, or type one into the field, e.g. 8k..12k",
            )
            // Out of the Tab order, so that Tab goes from field to field: from the keyboard, a
            // range is typed into the field itself.
            .attr("tabindex", "-1")
            .text("± range");
        let bound = |part: &str, text: &str| {
            let input = Node::html("input")
                .class("number")
                .attr("type", "text")
                .attr("inputmode", "decimal")
                .attr("autocomplete", "off")
                .attr("id", &format!("{id}-{part}"))
                .attr("data-range", path)
                .attr("data-part", part)
                .attr("aria-describedby", &error_id);
            let element = input.element().clone();
            let node = Node::html("label")
                .class("range-part")
                .attr("for", &format!("{id}-{part}"))
                .text(text);
            (node, input, element)
        };
        let (low_label, low, low_el) = bound("low", "Low");
        let (high_label, high, high_el) = bound("high", "High");
        let shape = Node::html("select")
            .attr("id", &format!("{id}-shape"))
            .attr("data-range", path)
            .attr("data-part", "shape")
            .children(
                Shape::OPTIONS
                    .iter()
                    .map(|(_, value, text)| Node::html("option").attr("value", value).text(text))
                    .collect(),
            );
        let shape_el = shape.element().clone();
        let error = Node::html("p").class("field-error").attr("id", &error_id);
        let error_el = error.element().clone();
        let remove = Node::html("button")
            .attr("type", "button")
            .class("remove")
            .attr("data-range-remove", path)
            .attr("aria-label", &format!("Remove the range of {label}"))
            .text("Remove range");
        let row = Node::html("div")
            .class("range")
            .attr("id", &row_id)
            .attr("role", "group")
            .attr("aria-label", &format!("Range of {label}"))
            .flag("hidden", true)
            .child(low_label)
            .child(low)
            .child(high_label)
            .child(high)
            .child(
                Node::html("label")
                    .class("range-part")
                    .attr("for", &format!("{id}-shape"))
                    .text("Shape"),
            )
            .child(shape)
            .child(remove)
            .child(error);
        let range = RangeRow {
            toggle: toggle.element().clone(),
            row: row.element().clone(),
            low: low_el.unchecked_into(),
            high: high_el.unchecked_into(),
            shape: shape_el.unchecked_into(),
            error: error_el,
        };
        (toggle, row, range)
    }

    /// Shows the range `set` on the field, or what is being typed into it: the row is open
    /// while either is there. What is being typed is left as it is in its inputs.
    fn show(&self, set: Option<Range>, draft: Option<&super::state::Draft>) {
        let open = set.is_some() || draft.is_some();
        toggle(&self.row, "hidden", !open);
        let _ = self
            .toggle
            .set_attribute("aria-expanded", if open { "true" } else { "false" });
        let _ = self.toggle.set_attribute(
            "class",
            if set.is_some() {
                "range-toggle on"
            } else {
                "range-toggle"
            },
        );
        match (draft, set) {
            (Some(draft), _) => {
                self.error.set_text_content(draft.error.as_deref());
                let invalid = if draft.error.is_some() {
                    "true"
                } else {
                    "false"
                };
                let _ = self.low.set_attribute("aria-invalid", invalid);
                let _ = self.high.set_attribute("aria-invalid", invalid);
            }
            (None, Some(range)) => {
                self.low.set_value(&format::typed(range.low));
                self.high.set_value(&format::typed(range.high));
                self.shape.set_value(range.shape.id());
                self.error.set_text_content(None);
            }
            (None, None) => {
                self.low.set_value("");
                self.high.set_value("");
                self.shape.set_value(Shape::Lognormal.id());
                self.error.set_text_content(None);
            }
        }
    }
}

impl Row {
    /// A labelled input or select with its unit, help text and a place for the error message.
    fn new(field: Field, path: &str, scenario: &Scenario) -> Row {
        let input = field.input();
        let id = input_id(path);
        let help_id = format!("{id}-help");
        let error_id = format!("{id}-error");
        let control = match input.kind {
            Kind::Number { .. } | Kind::Text { .. } => {
                let numeric = input.kind.is_number();
                Node::html("input")
                    .class(if numeric { "number" } else { "text" })
                    .attr("type", "text")
                    .attr("inputmode", if numeric { "decimal" } else { "text" })
                    .attr("autocomplete", "off")
                    .attr("spellcheck", "false")
            }
            kind => {
                let options = kind.options(fields::catalog_of(scenario));
                Node::html("select").children(
                    options
                        .into_iter()
                        .map(|(value, label)| Node::html("option").attr("value", value).text(label))
                        .collect(),
                )
            }
        }
        .attr("id", &id)
        .attr("data-path", path)
        .attr("aria-describedby", &format!("{help_id} {error_id}"));
        let error = Node::html("p").class("field-error").attr("id", &error_id);
        let (control_el, error_el) = (control.element().clone(), error.element().clone());
        let mut line = Node::html("div")
            .class("control")
            .child(control)
            .child(Node::text_el("span", "unit", input.unit.symbol()).attr("aria-hidden", "true"));
        let mut range_row = None;
        let mut range = None;
        if input.takes_range() {
            let (toggle, row, parts) = RangeRow::new(path, input.label);
            line = line.child(toggle);
            range_row = Some(row);
            range = Some(parts);
        }
        let root = Node::html("div")
            .class("field")
            .child(Node::html("label").attr("for", &id).text(input.label))
            .child(line)
            .children(range_row.into_iter().collect())
            .child(Node::text_el("p", "help", input.help).attr("id", &help_id))
            .child(error);
        Row {
            root: root.element().clone(),
            control: control_el,
            error: error_el,
            range,
        }
    }

    /// Shows `text` in the control — unless it already holds it, so that the caret stays where
    /// the user is typing — and the error, if there is one.
    fn show(&self, text: &str, error: Option<&str>) {
        if let Some(input) = self.control.dyn_ref::<web_sys::HtmlInputElement>() {
            if input.value() != text {
                input.set_value(text);
            }
        } else if let Some(select) = self.control.dyn_ref::<web_sys::HtmlSelectElement>()
            && select.value() != text
        {
            select.set_value(text);
        }
        let invalid = error.is_some();
        let _ = self
            .control
            .set_attribute("aria-invalid", if invalid { "true" } else { "false" });
        let _ = self
            .root
            .set_attribute("class", if invalid { "field invalid" } else { "field" });
        self.error.set_text_content(error);
    }
}

/// Moves the keyboard focus to the element matching `selector` once the views have caught up
/// with the change just made (an item added or removed).
pub(super) fn focus_soon(selector: String) {
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
