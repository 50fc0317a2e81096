//! Where the scenario is kept in the browser: the address bar's fragment (so a link carries it
//! and it never reaches a server) and localStorage (so a reload brings the work back). Both hold
//! the same share-link encoding.

use std::time::Duration;

use leptos::prelude::*;

use super::state::AppState;
use crate::export::link::{self, LinkError};
use crate::scenario::{Scenario, presets};

/// localStorage key of the working scenario.
pub const WORK_KEY: &str = "headroom.scenario";

/// localStorage key of a scenario set aside when a link or preset replaced it.
pub const SET_ASIDE_KEY: &str = "headroom.set-aside";

/// How long the address bar waits for typing to pause before it is updated.
const ADDRESS_DEBOUNCE: Duration = Duration::from_millis(300);

/// The preset a first visit opens with.
pub const DEFAULT_PRESET: &str = "agent-platform";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Reads a stored scenario; a missing or unreadable entry is no scenario.
pub fn load(key: &str) -> Option<Scenario> {
    let text = storage()?.get_item(key).ok().flatten()?;
    link::decode(&text).ok()
}

/// Stores a scenario. Storage can be full or disabled (private windows); the work then lives
/// in the address bar only, which is not worth interrupting the user for.
pub fn save(key: &str, scenario: &Scenario) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, &link::encode(scenario));
    }
}

/// The fragment of the current address, without `#`; empty when there is none.
pub fn current_fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    hash.trim_start_matches('#').to_string()
}

/// Writes the scenario into the address bar without adding a history entry.
pub fn write_address(scenario: &Scenario) {
    let fragment = format!("#{}", link::encode(scenario));
    if window().location().hash().unwrap_or_default() != fragment
        && let Ok(history) = window().history()
    {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&fragment));
    }
}

/// The scenario to start with: the link in the address if it opens, else the saved work, else
/// the default preset. Also returns why the link did not open, if it did not.
pub fn initial_scenario() -> (Scenario, Option<LinkError>, Option<Scenario>) {
    let saved = load(WORK_KEY);
    let fragment = current_fragment();
    let fallback = || {
        saved
            .clone()
            .or_else(|| presets::by_id(DEFAULT_PRESET).map(|p| p.scenario()))
            .unwrap_or_else(|| presets::all()[0].scenario())
    };
    if fragment.is_empty() {
        return (fallback(), None, None);
    }
    match link::decode(&fragment) {
        Ok(from_link) => {
            let replaced = saved.filter(|work| *work != from_link);
            (from_link, None, replaced)
        }
        Err(error) => (fallback(), Some(error), None),
    }
}

/// Opens a link pasted into the address bar of an open page (a `hashchange`).
pub fn open_fragment(state: &AppState, fragment: &str) {
    if fragment.is_empty() || fragment == link::encode(&state.scenario.get_untracked()) {
        return;
    }
    match link::decode(fragment) {
        Ok(scenario) => {
            state.link_error.set(None);
            state.replace_keeping(scenario, "You opened a shared link.");
        }
        Err(error) => state.link_error.set(Some(error.to_string())),
    }
}

/// Keeps the address bar and localStorage in step with the scenario, and the set-aside
/// scenario in localStorage while there is one.
pub fn keep_in_step(state: AppState) {
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    Effect::new(move |_| {
        let scenario = state.scenario.get();
        save(WORK_KEY, &scenario);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle =
            set_timeout_with_handle(move || write_address(&scenario), ADDRESS_DEBOUNCE).ok();
        pending.set_value(handle);
    });
    Effect::new(move |_| {
        if let Some(kept) = state.set_aside.get() {
            save(SET_ASIDE_KEY, &kept.scenario);
        }
    });
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        open_fragment(&state, &current_fragment());
    });
    on_cleanup(move || listener.remove());
}
