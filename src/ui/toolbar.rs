//! The toolbar: the preset picker, "Copy link", "Copy summary" and "Export CSV" (the
//! projection's own export sits with the projection), and the notices about links and
//! work set aside.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::dom::{Drawn, Node};
use super::persist;
use super::recent::Entry;
use super::state::AppState;
use crate::export::csv;
use crate::scenario::presets;

/// The preset menu, the export buttons, and their status line.
#[component]
pub fn Toolbar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = state.status;
    let manual_link = RwSignal::new(None::<String>);
    let to_clipboard = move |text: String, done: &'static str, by_hand: &'static str| {
        copy_text(text, status, manual_link, [done, by_hand]);
    };
    let copy = move || {
        let scenario = state.scenario.get_untracked();
        persist::write_address(&scenario);
        let href = window().location().href().unwrap_or_default();
        to_clipboard(href, "Link copied", "Copy this link:");
    };
    let copy_summary = move || {
        let scenario = state.scenario.get_untracked();
        persist::write_address(&scenario);
        let href = window().location().href().unwrap_or_default();
        let text = state
            .report
            .with_untracked(|r| crate::export::summary::write(&scenario, r, &href));
        if state.is_stale() {
            to_clipboard(
                text,
                "Summary copied, without the highlighted field: it is not accepted",
                "Copy this summary (without the highlighted field, not accepted):",
            );
        } else {
            to_clipboard(text, "Summary copied", "Copy this summary:");
        }
    };
    // The toolbar's buttons are drawn with the preset menu; a click names what it does in its
    // `data-act`.
    let on_click = move |ev: leptos::ev::MouseEvent| match acted(&ev)
        .and_then(|b| b.get_attribute("data-act"))
        .as_deref()
    {
        Some("copy-link") => copy(),
        Some("copy-summary") => copy_summary(),
        Some("export") => export(&state, false),
        _ => act(&state, &ev),
    };
    view! {
        <div class="toolbar">
            <div class="actions" on:click=on_click>
                <Drawn class="actions" draw=buttons />
            </div>
            <Recent />
            <CopyStatus status manual=manual_link label="To copy" />
        </div>
    }
}

/// What the last copy did, and, when the browser refused it, the text to copy by hand
/// ([`copy_text`]).
#[component]
pub fn CopyStatus(
    status: RwSignal<String>,
    manual: RwSignal<Option<String>>,
    label: &'static str,
) -> impl IntoView {
    view! {
        <span class="status" role="status">{move || status.get()}</span>
        <input
            class="manual-link"
            type="text"
            readonly=true
            aria-label=label
            hidden=move || manual.with(Option::is_none)
            prop:value=move || manual.get().unwrap_or_default()
        />
    }
}

/// Puts `text` on the clipboard and says `said[0]` in `status`; when the browser refuses, puts
/// the text in `manual` to copy by hand and says `said[1]`.
pub fn copy_text(
    text: String,
    status: RwSignal<String>,
    manual: RwSignal<Option<String>>,
    said: [&'static str; 2],
) {
    let promise = window().navigator().clipboard().write_text(&text);
    let copied = Closure::once(move |_: JsValue| {
        manual.set(None);
        status.set(said[0].to_string());
    });
    let refused = Closure::once(move |_: JsValue| {
        manual.set(Some(text));
        status.set(said[1].to_string());
    });
    let _ = promise.then2(&copied, &refused);
    // The browser calls one of them later; the two small closures stay with it (a few bytes a
    // click) rather than pull an async executor into the page.
    copied.forget();
    refused.forget();
}

/// The preset menu, then "Copy link", "Copy summary" and "Export CSV".
fn buttons(state: &AppState) -> Vec<Node> {
    let mut nodes = preset_menu(state);
    for (act, label) in [
        ("copy-link", "Copy link"),
        ("copy-summary", "Copy summary"),
        ("export", "Export CSV"),
    ] {
        nodes.push(
            Node::html("button")
                .attr("type", "button")
                .attr("data-act", act)
                .text(label),
        );
    }
    nodes
}

/// The presets as a button and the menu it opens: picking one is a click on its name, never a
/// stray key on a focused control, and the scenario it replaces is kept under Recent.
fn preset_menu(state: &AppState) -> Vec<Node> {
    let current = state.scenario.with(|s| {
        presets::all()
            .iter()
            .find(|p| p.scenario() == *s)
            .map(|p| p.id)
    });
    let items = presets::all()
        .iter()
        .map(|p| {
            let button = Node::html("button")
                .attr("type", "button")
                .attr("data-act", "preset")
                .attr("data-preset", p.id)
                .text(p.title);
            let button = if current == Some(p.id) {
                button.attr("aria-current", "true")
            } else {
                button
            };
            Node::html("li").child(button)
        })
        .collect();
    vec![
        Node::html("button")
            .class("menu-toggle")
            .attr("type", "button")
            .attr("popovertarget", "preset-list")
            .text("Presets"),
        Node::html("div")
            .class("popover-list")
            .attr("id", "preset-list")
            .attr("popover", "")
            .attr("aria-label", "Presets")
            .child(Node::text_el(
                "p",
                "help",
                "Start from a sized example. Your scenario is kept under Recent.",
            ))
            .child(Node::html("ul").children(items)),
    ]
}

/// The banners: a link that did not open (with the link, to copy back to its sender), saved work
/// that did not open, and the offer to bring back work just set aside. Each button names what
/// it does in `data-act`, handled by [`act`].
#[component]
pub fn Notices() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div on:click=move |ev| act(&state, &ev)>
            <Drawn class="notices" draw=notices />
        </div>
    }
}

/// The notices that apply now.
fn notices(state: &AppState) -> Vec<Node> {
    let button = |act: &str, label: &str| {
        Node::html("button")
            .attr("type", "button")
            .attr("data-act", act)
            .text(label)
    };
    let mut shown = Vec::new();
    if let Some(problem) = state.link_error.get() {
        shown.push(
            Node::html("div")
                .class("link-error")
                .attr("role", "alert")
                .child(Node::text_el("p", "", &problem.message))
                .child(Node::text_el(
                    "p",
                    "",
                    "Your own scenario is shown instead, unchanged. The link, to send back to whoever shared it:",
                ))
                .child(copyable(
                    &persist::whole_link(&problem.fragment),
                    "The link that could not be opened",
                ))
                .child(button("dismiss-link", "Dismiss")),
        );
    }
    if let Some(reason) = state.saved_error.get() {
        shown.push(
            Node::html("div")
                .class("saved-error")
                .attr("role", "alert")
                .child(Node::text_el(
                    "p",
                    "",
                    &format!("The scenario saved in this browser could not be opened: {reason}"),
                ))
                .child(Node::text_el(
                    "p",
                    "",
                    "It is kept under Recent, where you can copy it.",
                ))
                .child(button("dismiss-saved", "Dismiss")),
        );
    }
    if let Some(kept) = state.set_aside.get() {
        shown.push(
            Node::html("div")
                .class("set-aside")
                .attr("role", "status")
                .child(Node::text_el(
                    "p",
                    "",
                    &format!(
                        "{} Your previous scenario, “{}”, is kept under Recent.",
                        kept.reason, kept.scenario.name
                    ),
                ))
                .child(button("restore", "Restore previous scenario"))
                .child(button("dismiss-set-aside", "Dismiss")),
        );
    }
    shown
}

/// Downloads the report as CSV, or, `by_month`, the projection as a plan (months as columns),
/// and says so in the status line.
pub fn export(state: &AppState, by_month: bool) {
    // The report's CSV waits for a Monte Carlo run under way, whose percentiles it carries: it
    // is saved when the run is done.
    if !by_month && state.sampling.with_untracked(Option::is_some) {
        state.export_waiting.set_value(true);
        state
            .status
            .set("Export CSV waits for the samples being drawn…".to_string());
        return;
    }
    let scenario = state.scenario.get_untracked();
    let (text, name) = state.report.with_untracked(|r| {
        if by_month {
            (
                state
                    .uncertainty
                    .with_untracked(|run| csv::write_projection(r, run.as_ref())),
                csv::projection_file_name(&scenario.name, &today()),
            )
        } else {
            // The run's percentiles go with the figures: it is done (see above).
            let text = state
                .uncertainty
                .with_untracked(|run| csv::write_with(&scenario, r, run.as_ref()));
            (text, csv::file_name(&scenario.name, &today()))
        }
    });
    state.status.set(match download(&name, &text) {
        Ok(()) if state.is_stale() => {
            format!("Saved {name}, without the highlighted field: it is not accepted")
        }
        Ok(()) => format!("Saved {name}"),
        Err(_) => "The browser refused the download.".to_string(),
    });
}

/// The button with a `data-act` that a click landed in, if any.
pub fn acted(ev: &leptos::ev::MouseEvent) -> Option<web_sys::Element> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("button[data-act]").ok().flatten())
}

/// Carries out what the clicked button's `data-act` (and `data-index`) says.
fn act(state: &AppState, ev: &leptos::ev::MouseEvent) {
    let Some(button) = acted(ev) else {
        return;
    };
    match button.get_attribute("data-act").as_deref() {
        Some("dismiss-link") => state.link_error.set(None),
        Some("dismiss-saved") => state.saved_error.set(None),
        Some("dismiss-set-aside") => state.set_aside.set(None),
        Some("restore") => state.restore(),
        Some("preset") => {
            let preset = button
                .get_attribute("data-preset")
                .and_then(|id| presets::by_id(&id));
            if let Some(preset) = preset {
                state.replace_keeping(preset.scenario(), "You picked a preset.");
                // The menu is drawn again; the keyboard goes back to the button that opens it.
                super::form::focus_soon("button[popovertarget='preset-list']".to_string());
            }
        }
        Some("open") => {
            let index = button
                .get_attribute("data-index")
                .and_then(|i| i.parse().ok());
            if let Some(index) = index {
                state.open_recent(index);
            }
        }
        _ => {}
    }
}

/// A read-only text box holding `text`, for the user to select and copy.
fn copyable(text: &str, label: &str) -> Node {
    Node::html("input")
        .class("copyable")
        .attr("type", "text")
        .attr("readonly", "")
        .attr("aria-label", label)
        .attr("value", text)
}

/// The recent scenarios, newest first: each opens again with one click; one that cannot be
/// opened shows why, and its text to copy.
#[component]
pub fn Recent() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div on:click=move |ev| act(&state, &ev)>
            <Drawn class="recent-region" draw=recent_list />
        </div>
    }
}

/// The recent scenarios as a button and the list it opens, closed whenever the list changes (as
/// it does when one is opened); nothing while there are none.
fn recent_list(state: &AppState) -> Vec<Node> {
    state.recent.with(|entries| {
        if entries.is_empty() {
            return Vec::new();
        }
        let items = entries
            .iter()
            .enumerate()
            .map(|(index, entry)| recent_item(index, entry))
            .collect();
        // A popover: the browser closes it on Escape or a click elsewhere, as any menu.
        vec![
            Node::html("div")
                .class("recent")
                .child(
                    Node::html("button")
                        .class("recent-toggle")
                        .attr("type", "button")
                        .attr("popovertarget", "recent-list")
                        .text(&format!("Recent ({})", entries.len())),
                )
                .child(
                    Node::html("div")
                        .class("recent-list")
                        .attr("id", "recent-list")
                        .attr("popover", "")
                        .child(Node::html("ol").children(items)),
                ),
        ]
    })
}

/// One recent scenario: a button that opens it, with its bill (which tells apart scenarios of
/// the same name), when and why it was set aside; or, for one that cannot be opened, why, and
/// its text to copy.
fn recent_item(index: usize, entry: &Entry) -> Node {
    let when = Node::text_el("span", "when", &local_time(entry.at_ms));
    match entry.opened() {
        Some(scenario) => {
            let total = crate::engine::evaluate_figures(&scenario)
                .0
                .total_monthly_usd();
            Node::html("li")
                .child(
                    Node::html("button")
                        .attr("type", "button")
                        .attr("data-act", "open")
                        .attr("data-index", &index.to_string())
                        .text(&format!("Open “{}”", scenario.name)),
                )
                .child(Node::text_el(
                    "span",
                    "total",
                    &crate::format::with_unit(total, crate::units::Unit::UsdPerMonth),
                ))
                .child(when)
                .child(Node::text_el("span", "why", &entry.why))
        }
        None => Node::html("li")
            .child(Node::text_el("strong", "", "Could not be opened"))
            .child(when)
            .child(Node::text_el(
                "span",
                "why",
                &format!(
                    "{} {}",
                    entry.why,
                    entry.unreadable.as_deref().unwrap_or_default()
                ),
            ))
            .child(copyable(&entry.text, "What could not be opened, to copy")),
    }
}

/// A time of the user's day: `2 Dec 14:03`; nothing for an unknown time (0).
fn local_time(at_ms: f64) -> String {
    // The latest time a JavaScript Date holds (ECMA-262, "Time Values and Time Range").
    const LATEST_MS: f64 = 8.64e15;
    if !(at_ms > 0.0 && at_ms <= LATEST_MS) {
        return String::new();
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let date = js_sys::Date::new(&JsValue::from_f64(at_ms));
    format!(
        "{} {} {:02}:{:02}",
        date.get_date(),
        MONTHS[date.get_month() as usize % 12],
        date.get_hours(),
        date.get_minutes()
    )
}

/// Today's local date as `YYYY-MM-DD`.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// Offers `text` to the user as a CSV file download.
pub fn download(file_name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let anchor: web_sys::HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // The download reads the blob after this handler returns; free it once it has.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
