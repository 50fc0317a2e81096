//! The compare-and-scale panel's views, as the `analyses` module draws them into the page's
//! [`ROOT_ID`] element: tiers and breaking points, compare, and the saved scenarios.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::ROOT_ID;
use super::compare_view::CompareView;
use super::saved_view::SavedView;
use super::tiers_view::TiersView;
use crate::export::link;
use crate::scenario::Scenario;
use crate::ui::saved::{self, Saved};

/// How long the panel waits for typing in the page to pause before it takes the scenario.
pub const FOLLOW_AFTER: std::time::Duration = std::time::Duration::from_millis(250);

/// Draws the panel into the page's [`ROOT_ID`] element, if the page has one.
pub fn mount() {
    let Some(root) = document().get_element_by_id(ROOT_ID) else {
        return;
    };
    let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    let into = root.clone();
    leptos::mount::mount_to(into, move || view! { <Analyses root /> }).forget();
}

/// The panel's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Tiers,
    Compare,
    Saved,
}

/// What the panel's views share: the page's scenario, the scenario a comparison link named,
/// the saved scenarios, and the tab shown.
#[derive(Clone, Copy)]
pub struct Panel {
    /// The page's scenario, or why its link did not open here.
    pub scenario: Memo<Result<Scenario, String>>,
    /// The other scenario of a comparison link, as its fragment.
    pub compare_with: RwSignal<Option<String>>,
    /// The saved scenarios, newest first, as localStorage holds them.
    pub saved: RwSignal<Vec<Saved>>,
    /// The tab shown.
    pub tab: RwSignal<Tab>,
    /// The saved scenario, or pasted link, compared with: `None` for the comparison link's.
    pub compared: RwSignal<Option<Compared>>,
    /// The tiers' driver, by its key ([`crate::engine::scaling::Driver::key`]).
    pub driver: RwSignal<String>,
    /// The tiers' values as typed; `None` for the driver's default tiers.
    pub values: RwSignal<Option<String>>,
    /// The chosen driver's label when it was chosen: a list item's driver names another item,
    /// or none, once an item before it is removed.
    pub driver_label: StoredValue<String>,
}

/// What the page's scenario is compared with.
#[derive(Clone, Debug, PartialEq)]
pub enum Compared {
    /// A saved scenario, by name.
    Saved(String),
    /// A link pasted into the panel.
    Pasted(String),
}

impl Panel {
    /// Opens `fragment` in the page, as a link pasted into the address bar opens: the page
    /// keeps the scenario it replaces under Recent.
    pub fn open_in_page(fragment: &str) {
        let _ = window().location().set_hash(fragment);
    }

    /// Reads the saved scenarios again, changes them, and stores them: another tab's saves
    /// since are kept. `Err` says why the browser did not store them.
    pub fn change_saved<T>(&self, change: impl FnOnce(&mut Vec<Saved>) -> T) -> Result<T, String> {
        let stored = stored_text();
        let mut list = stored.as_deref().map(saved::parse).unwrap_or_default();
        // Stored text that does not read back whole (damaged, or written by another version)
        // is kept aside before it is written over: the first such text is kept.
        if let (Some(text), Some(storage)) = (&stored, storage())
            && saved::write(&list) != *text
            && storage
                .get_item(saved::SET_ASIDE_KEY)
                .ok()
                .flatten()
                .is_none()
        {
            let _ = storage.set_item(saved::SET_ASIDE_KEY, text);
        }
        let result = change(&mut list);
        let stored = storage().and_then(|s| s.set_item(saved::KEY, &saved::write(&list)).ok());
        self.saved.set(list);
        match stored {
            Some(()) => Ok(result),
            None => Err("The browser did not keep it: its storage is full or turned off (a private window). Export the saved scenarios to keep them as a file.".into()),
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The saved scenarios' text as localStorage holds it.
fn stored_text() -> Option<String> {
    storage().and_then(|s| s.get_item(saved::KEY).ok().flatten())
}

/// The saved scenarios as localStorage holds them.
pub fn load_saved() -> Vec<Saved> {
    stored_text()
        .map(|text| saved::parse(&text))
        .unwrap_or_default()
}

/// The panel: its tabs and the view of the one chosen.
#[component]
fn Analyses(root: web_sys::HtmlElement) -> impl IntoView {
    let read = {
        let root = root.clone();
        move |name: &str| root.get_attribute(name)
    };
    let link_text = RwSignal::new(read("data-link").unwrap_or_default());
    let compare_with = RwSignal::new(read("data-compare"));
    // The page writes the scenario's link, and a comparison link's other scenario, into the
    // root's attributes; a change is read at once.
    // The scenario is taken once typing pauses, as the address bar is: a scenario whose tiers
    // and breaking points take long to find does not hold up each keystroke.
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let read_link = read.clone();
    let observed = Closure::<dyn FnMut()>::new(move || {
        let link = read_link("data-link").unwrap_or_default();
        if link_text.with_untracked(|l| *l != link) {
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let handle = set_timeout_with_handle(move || link_text.set(link), FOLLOW_AFTER).ok();
            pending.set_value(handle);
        }
        let other = read("data-compare");
        if compare_with.with_untracked(|c| *c != other) {
            compare_with.set(other);
        }
    });
    if let Ok(observer) = web_sys::MutationObserver::new(observed.as_ref().unchecked_ref()) {
        let options = web_sys::MutationObserverInit::new();
        options.set_attributes(true);
        let _ = observer.observe_with_options(&root, &options);
    }
    observed.forget();
    let panel = Panel {
        scenario: Memo::new(move |_| {
            link_text.with(|text| link::decode(text).map_err(|e| e.to_string()))
        }),
        compare_with,
        saved: RwSignal::new(load_saved()),
        tab: RwSignal::new(if compare_with.with_untracked(Option::is_some) {
            Tab::Compare
        } else {
            Tab::Tiers
        }),
        compared: RwSignal::new(None),
        driver: RwSignal::new(crate::engine::scaling::SCALE.to_string()),
        values: RwSignal::new(None),
        driver_label: StoredValue::new(String::new()),
    };
    let opens = Memo::new(move |_| panel.scenario.with(Result::is_ok));
    // A comparison link pasted while the panel is open shows its comparison.
    Effect::new(move |_| {
        if compare_with.with(Option::is_some) {
            panel.compared.set(None);
            panel.tab.set(Tab::Compare);
        }
    });
    provide_context(panel);
    let tab_button = move |tab: Tab, label: &'static str| {
        view! {
            <button
                type="button"
                role="tab"
                aria-selected=move || (panel.tab.get() == tab).to_string()
                on:click=move |_| panel.tab.set(tab)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="analyses-tabs" role="tablist" aria-label="Compare and scale">
            {tab_button(Tab::Tiers, "Tiers and breaking points")}
            {tab_button(Tab::Compare, "Compare")}
            {tab_button(Tab::Saved, "Saved scenarios")}
        </div>
        <div role="tabpanel" class="analyses-body">
            {move || match (opens.get(), panel.tab.get()) {
                (false, _) => {
                    let why = move || panel.scenario.with(|s| s.clone().err());
                    view! { <p class="error">{why}</p> }.into_any()
                }
                (true, Tab::Tiers) => view! { <TiersView /> }.into_any(),
                (true, Tab::Compare) => view! { <CompareView /> }.into_any(),
                (true, Tab::Saved) => view! { <SavedView /> }.into_any(),
            }}
        </div>
    }
}
