//! Compare and scale: the scenario at tiers of one driver, the load at which each limit breaks,
//! the p95 response time against the load, scenarios saved by name, and comparisons.
//!
//! The page itself holds only [`Panel`]: a heading, a button, and the element the panel's views
//! are drawn into. The views ([`app`]) are a module of their own, built from
//! `src/bin/analyses.rs` and loaded by `public/analyses-start.js` when the panel is first
//! opened, so that a first visit downloads none of them. The page hands that module the
//! scenario as its link, in the `data-link` attribute of [`ROOT_ID`], and the other scenario
//! of a comparison link in `data-compare`; the module opens a scenario in the page by writing
//! its link into the address, as a pasted link is opened.

pub mod app;
pub mod compare_view;
pub mod saved_view;
pub mod tiers_view;

use leptos::prelude::*;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::dom::Node;
use super::state::AppState;
use crate::export::link;

/// The id of the panel's section, which the toolbar's "Compare and scale" brings into view.
pub const SECTION_ID: &str = "compare-and-scale";

/// Opens the panel and brings it into view, with the keyboard's focus.
pub fn open(state: &AppState) {
    state.analyses_open.set(true);
    // Once the section is drawn open (tall enough to reach the top of the window).
    set_timeout(into_view, std::time::Duration::ZERO);
}

/// Brings the panel's section to the top of the window, with the keyboard's focus.
fn into_view() {
    if let Some(section) = document().get_element_by_id(SECTION_ID) {
        section.scroll_into_view();
        if let Ok(section) = section.dyn_into::<web_sys::HtmlElement>() {
            let _ = section.focus();
        }
    }
}

/// The id of the element the panel's views are drawn into.
pub const ROOT_ID: &str = "analyses-root";

/// The panel's place in the page: its heading, the button that opens it (a comparison link
/// opens it at once), and the element its views are drawn into. Plain DOM rather than views:
/// it is part of every first visit.
#[component]
pub fn Panel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let opened = state.analyses_open;
    // Once opened, the root holds the scenario's link, and a comparison link's other scenario,
    // for the panel's module to read; the module is loaded the first time.
    Effect::new(move |_| {
        let compare_with = state.compare_with.get();
        if !(opened.get() || compare_with.is_some()) {
            return;
        }
        if !opened.get_untracked() {
            opened.set(true);
        }
        let Some(root) = document().get_element_by_id(ROOT_ID) else {
            return;
        };
        let _ = root.set_attribute("data-link", &state.scenario.with(link::encode));
        let _ = match compare_with {
            Some(other) => root.set_attribute("data-compare", &other),
            None => root.remove_attribute("data-compare"),
        };
        if !root.has_attribute("data-loading") {
            let _ = root.set_attribute("data-loading", "");
            load(root);
        }
    });
    // A comparison link opens the page at its comparison.
    Effect::new(move |_| {
        if state.compare_with.with(Option::is_some) {
            set_timeout(into_view, std::time::Duration::ZERO);
        }
    });
    view! {
        <section
            id=SECTION_ID
            class="analyses"
            class:open=opened
            tabindex="-1"
            aria-labelledby="analyses-title"
        >
            <h2 id="analyses-title">"Compare and scale"</h2>
            <p class="hint" hidden=opened>
                "The scenario at ×1, ×10 and ×100 of its load, where each limit breaks, and side by side with a scenario you saved or a link."
            </p>
            <button class="primary" hidden=opened on:click=move |_| opened.set(true)>
                "Open tiers, breaking points and compare"
            </button>
            <div id=ROOT_ID></div>
        </section>
    }
}

/// Adds the panel's start script to the page; if it cannot be fetched, the root says so.
fn load(root: web_sys::Element) {
    let script = Node::html("script").attr("src", "analyses-start.js");
    let failed = Closure::once_into_js(move || {
        let message = Node::text_el(
            "p",
            "error",
            "Compare and scale could not be loaded. Reload the page to try again.",
        )
        .attr("role", "alert");
        let _ = root.append_child(message.element());
    });
    let _ = script
        .element()
        .add_event_listener_with_callback("error", failed.unchecked_ref());
    if let Some(head) = document().head() {
        let _ = head.append_child(script.element());
    }
}
