//! Where the scenario is kept in the browser: the address bar's fragment (so a link carries it
//! and it never reaches a server) and localStorage (so a reload brings the work back). Both hold
//! the same share-link encoding.

use std::time::Duration;

use leptos::prelude::*;

use super::recent::{self, Entry};
use super::state::{AppState, LinkProblem};
use crate::export::link;
use crate::scenario::{Scenario, presets};

/// localStorage key of the working scenario.
pub const WORK_KEY: &str = "headroom.scenario";

/// localStorage key of the recent scenarios ([`recent`]).
pub const RECENT_KEY: &str = "headroom.recent";

/// localStorage key of the fragment last written into an address bar ([`write_address`]): a
/// page reloaded before its address caught up with the work shows the work, not the address.
const ADDRESS_KEY: &str = "headroom.address";

/// localStorage key where earlier versions kept the one scenario a link or preset replaced; it
/// is moved to the recent scenarios on the first visit.
const SET_ASIDE_KEY: &str = "headroom.set-aside";

/// How long the address bar waits for typing to pause before it is updated.
const ADDRESS_DEBOUNCE: Duration = Duration::from_millis(300);

/// The preset a first visit opens with.
pub const DEFAULT_PRESET: &str = "agent-platform";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The text stored under `key`, if any.
fn load_text(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores text. Storage can be full or disabled (private windows); the work then lives in the
/// address bar only, which is not worth interrupting the user for.
fn save_text(key: &str, text: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, text);
    }
}

/// The fragment of the current address, without `#`; empty when there is none.
pub fn current_fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    hash.trim_start_matches('#').to_string()
}

/// Whether a fragment names a place in the page — the deal (`the-deal`), the answer
/// (`answer`) or a group of the form (`g-aurora`) — as the skip links and the section index
/// write it, rather than a scenario. Such an address (a jump link opened in a new tab) opens the
/// work as it is, at that place; it is not a link that failed to open.
pub fn is_place(fragment: &str) -> bool {
    fragment == super::form::DEAL_ID
        || fragment == "answer"
        || fragment.strip_prefix("g-").is_some_and(|key| {
            !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        })
}

/// The whole address of the link with this fragment (without `#`), as it can be sent back.
pub fn whole_link(fragment: &str) -> String {
    let location = window().location();
    format!(
        "{}{}#{fragment}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// Writes the scenario into the address bar without adding a history entry.
pub fn write_address(scenario: &Scenario) {
    let text = link::encode(scenario);
    let fragment = format!("#{text}");
    if window().location().hash().unwrap_or_default() != fragment
        && let Ok(history) = window().history()
    {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&fragment));
    }
    save_text(ADDRESS_KEY, &text);
}

/// What the page starts with.
pub struct Start {
    /// The scenario shown: the link's, else the saved work, else the default preset.
    pub scenario: Scenario,
    /// The link in the address, when it could not be opened.
    pub link_error: Option<LinkProblem>,
    /// Why the saved work could not be opened, when it could not (it is kept among the recent
    /// scenarios).
    pub saved_error: Option<String>,
    /// The saved work a link replaced, when they differ.
    pub replaced: Option<Scenario>,
    /// The recent scenarios, with what this start set aside.
    pub recent: Vec<Entry>,
    /// The place in the page the address named instead of a scenario ([`is_place`]).
    pub place: Option<String>,
    /// The other scenario of a comparison link ([`link::split_comparison`]).
    pub compare_with: Option<String>,
}

/// Reads the address and localStorage: the link in the address if it opens, else the saved
/// work, else the default preset. Nothing is dropped on the way: saved work replaced by a link,
/// or saved work that cannot be opened (made by a newer version, or damaged), goes to the
/// recent scenarios, which are stored again at once.
pub fn start() -> Start {
    let now = js_sys::Date::now();
    let mut recent = load_text(RECENT_KEY)
        .map(|text| recent::parse(&text))
        .unwrap_or_default();
    let recent_before = recent.clone();
    if let Some(text) = load_text(SET_ASIDE_KEY) {
        let why = "Set aside when a link or preset replaced it.";
        recent::push(&mut recent, Entry::stored(&text, why, now));
        if let Some(storage) = storage() {
            let _ = storage.remove_item(SET_ASIDE_KEY);
        }
    }
    let (saved, saved_error) = match load_text(WORK_KEY) {
        None => (None, None),
        Some(text) => match link::decode(&text) {
            Ok(saved) => (Some(saved), None),
            Err(error) => {
                let reason = error.to_string();
                recent::push(
                    &mut recent,
                    Entry::unreadable(
                        &text,
                        &reason,
                        "Your saved scenario could not be opened.",
                        now,
                    ),
                );
                (None, Some(reason))
            }
        },
    };
    let fallback = || {
        saved
            .clone()
            .or_else(|| presets::by_id(DEFAULT_PRESET).map(|p| p.scenario()))
            .unwrap_or_else(|| presets::all()[0].scenario())
    };
    let whole = current_fragment();
    let (fragment, compare_with) = link::split_comparison(&whole);
    let (fragment, compare_with) = (fragment.to_string(), compare_with.map(str::to_string));
    let place = is_place(&fragment).then(|| fragment.clone());
    let (scenario, link_error, replaced) = if fragment.is_empty() || place.is_some() {
        (fallback(), None, None)
    } else {
        match link::decode(&fragment) {
            // The address this browser last wrote, behind work saved since (the page was
            // reloaded before its address caught up): the work is shown, the address's
            // earlier state kept under Recent.
            Ok(from_link)
                if load_text(ADDRESS_KEY).as_deref() == Some(fragment.as_str())
                    && saved.as_ref().is_some_and(|work| *work != from_link) =>
            {
                recent::push(
                    &mut recent,
                    Entry::scenario(&from_link, "The address held an earlier state.", now),
                );
                (fallback(), None, None)
            }
            Ok(from_link) => {
                let replaced = saved.clone().filter(|work| *work != from_link);
                if let Some(work) = &replaced {
                    recent::push(
                        &mut recent,
                        Entry::scenario(work, "You opened a shared link.", now),
                    );
                }
                (from_link, None, replaced)
            }
            Err(error) => {
                let problem = LinkProblem {
                    message: error.to_string(),
                    fragment,
                };
                recent::push(&mut recent, problem.entry(now));
                (fallback(), Some(problem), None)
            }
        }
    };
    if recent != recent_before {
        save_text(RECENT_KEY, &recent::write(&recent));
    }
    Start {
        scenario,
        link_error,
        saved_error,
        replaced,
        recent,
        place,
        compare_with,
    }
}

/// Opens a link pasted into the address bar of an open page (a `hashchange`).
pub fn open_fragment(state: &AppState, fragment: &str) {
    let (fragment, compare_with) = link::split_comparison(fragment);
    // A comparison link compares with its other scenario; any other link ends a comparison
    // made by one.
    if !is_place(fragment) {
        state.compare_with.set(compare_with.map(str::to_string));
    }
    if is_place(fragment) {
        write_address(&state.scenario.get_untracked());
        super::form::jump_to(fragment);
        return;
    }
    if fragment.is_empty() || fragment == link::encode(&state.scenario.get_untracked()) {
        return;
    }
    match link::decode(fragment) {
        Ok(scenario) => {
            state.link_error.set(None);
            state.replace_keeping(scenario, "You opened a shared link.");
        }
        Err(error) => {
            let problem = LinkProblem {
                message: error.to_string(),
                fragment: fragment.to_string(),
            };
            state.remember(problem.entry(js_sys::Date::now()));
            state.link_error.set(Some(problem));
        }
    }
}

/// Keeps the address bar and localStorage in step with the scenario, and the recent scenarios
/// in localStorage. A link that could not be opened stays in the address bar, where the user
/// can copy it, until the scenario changes.
pub fn keep_in_step(state: AppState) {
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let hold_address = StoredValue::new(state.link_error.with_untracked(Option::is_some));
    let last_saved = StoredValue::new(load_text(WORK_KEY));
    Effect::new(move |_| {
        let scenario = state.scenario.get();
        let text = link::encode(&scenario);
        // Work another tab saved since this one last did is kept under Recent, not lost, when
        // this tab saves over it.
        if let Some(stored) = load_text(WORK_KEY)
            && stored != text
            && last_saved.with_value(|last| last.as_deref() != Some(stored.as_str()))
        {
            state.remember(Entry::stored(
                &stored,
                "Saved in another tab, then saved over in this one.",
                js_sys::Date::now(),
            ));
        }
        save_text(WORK_KEY, &text);
        last_saved.set_value(Some(text));
        if hold_address.get_value() {
            hold_address.set_value(false);
            return;
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle =
            set_timeout_with_handle(move || write_address(&scenario), ADDRESS_DEBOUNCE).ok();
        pending.set_value(handle);
    });
    // Another tab may have stored entries since: they are kept beside this tab's.
    Effect::new(move |_| {
        state.recent.with(|entries| {
            let forgotten = state.forgotten.get_value();
            let stored = load_text(RECENT_KEY)
                .map(|text| recent::parse(&text))
                .unwrap_or_default()
                .into_iter()
                .filter(|e| !forgotten.contains(&e.text))
                .collect();
            save_text(RECENT_KEY, &recent::write(&recent::merge(entries, stored)));
        });
    });
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        open_fragment(&state, &current_fragment());
    });
    on_cleanup(move || listener.remove());
}
