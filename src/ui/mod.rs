//! The browser app: a Leptos single-page app over the engine.
//!
//! The views only read and write the scenario and show the report; every number comes from
//! [`crate::engine`]. State is provided once as context ([`state::AppState`]).

pub mod analyses;
pub mod charts;
pub mod dom;
pub mod form;
pub mod persist;
pub mod recent;
pub mod report_view;
pub mod sampling;
pub mod saved;
pub mod state;
pub mod toolbar;
pub mod uncertainty_view;

use leptos::prelude::*;

use form::ScenarioForm;
use report_view::ReportView;
use state::{AppState, SetAside};
use toolbar::{Notices, Toolbar};

/// Mounts the app on the page's body.
pub fn mount() {
    // A panic says where it happened in the console. The message itself is left out: its
    // formatting (console_error_panic_hook's) cost 1.5 KB of every first visit.
    std::panic::set_hook(Box::new(|info| {
        if let Some(at) = info.location() {
            let line = format!("Headroom stopped at {}:{}", at.file(), at.line());
            web_sys::console::error_1(&line.into());
        }
    }));
    leptos::mount::mount_to_body(App);
}

/// The app: starts from the link, the saved work or the default preset, and keeps the address
/// bar and saved work in step with every edit.
#[component]
pub fn App() -> impl IntoView {
    let start = persist::start();
    let state = AppState::new(start.scenario);
    state.link_error.set(start.link_error);
    state.saved_error.set(start.saved_error);
    state.recent.set(start.recent);
    state.compare_with.set(start.compare_with);
    if let Some(work) = start.replaced {
        state.set_aside.set(Some(SetAside {
            scenario: work,
            reason: "You opened a shared link.".to_string(),
        }));
    }
    persist::keep_in_step(state);
    sampling::keep_sampling(state);
    if let Some(place) = start.place {
        // The address takes the scenario's link, and the page goes to the place once drawn.
        persist::write_address(&state.scenario.get_untracked());
        set_timeout(move || form::jump_to(&place), std::time::Duration::ZERO);
    }
    view! { <Shell state /> }
}

/// The page for a given state: header, notices, form and report.
#[component]
pub fn Shell(state: AppState) -> impl IntoView {
    provide_context(state);
    // The skip links move the focus without touching the address, which holds the scenario.
    view! {
        <nav class="skip-links" aria-label="Skip links" on:click=|ev| { form::jumped(&ev); }>
            <a href="#the-deal" data-jump=form::DEAL_ID>"Skip to the deal"</a>
            <a href="#answer" data-jump="answer">"Skip to the answer"</a>
        </nav>
        <header class="top">
            <h1>"Headroom"</h1>
            <p class="tagline">"Capacity and cost, from workload to deal. Everything stays in your browser."</p>
            <Toolbar />
        </header>
        <Notices />
        <main class="layout">
            <ScenarioForm />
            <ReportView />
        </main>
        <analyses::Panel />
    }
}
