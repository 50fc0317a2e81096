//! The app's state, provided once as context: the last valid scenario, what the user has typed
//! into each field, the report the engine made, and the notices about links and saved work.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::engine;
use crate::report::Report;
use crate::scenario::Scenario;
use crate::scenario::fields::{self, Field};

/// What the user has typed into one field, and what is wrong with it.
#[derive(Clone, Copy)]
pub struct Draft {
    /// The field.
    pub field: &'static Field,
    /// The text in the input, valid or not.
    pub text: RwSignal<String>,
    /// Why the text is not accepted; `None` when it is.
    pub error: RwSignal<Option<String>>,
}

/// What the user has typed over a catalog price, and why it is not accepted, if it is not.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceDraft {
    /// The text in the input.
    pub text: String,
    /// Why the text is not accepted; `None` when it is.
    pub error: Option<String>,
}

/// A scenario set aside when another replaced it, which the user can bring back.
#[derive(Clone, Debug, PartialEq)]
pub struct SetAside {
    /// The scenario that was replaced.
    pub scenario: Scenario,
    /// Why it was replaced, e.g. "You opened a shared link."
    pub reason: String,
}

/// Everything the views read and write.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The last valid scenario: what the report shows.
    pub scenario: RwSignal<Scenario>,
    /// One draft per field, in registry order.
    pub drafts: StoredValue<Vec<Draft>>,
    /// The report of `scenario`.
    pub report: Memo<Report>,
    /// Why the link the page was opened with could not be used.
    pub link_error: RwSignal<Option<String>>,
    /// Work replaced by a link or a preset, kept so that it can be restored.
    pub set_aside: RwSignal<Option<SetAside>>,
    /// Text typed over catalog prices since the scenario was last replaced, by price id.
    pub price_drafts: RwSignal<BTreeMap<String, PriceDraft>>,
}

impl AppState {
    /// State for a starting scenario.
    pub fn new(initial: Scenario) -> Self {
        let drafts = fields::all()
            .iter()
            .map(|field| Draft {
                field,
                text: RwSignal::new(field.get(&initial).to_text()),
                error: RwSignal::new(None),
            })
            .collect();
        let scenario = RwSignal::new(initial);
        AppState {
            scenario,
            drafts: StoredValue::new(drafts),
            report: Memo::new(move |_| scenario.with(engine::evaluate)),
            link_error: RwSignal::new(None),
            set_aside: RwSignal::new(None),
            price_drafts: RwSignal::new(BTreeMap::new()),
        }
    }

    /// The draft of the field with this path.
    pub fn draft(&self, path: &str) -> Option<Draft> {
        self.drafts
            .with_value(|drafts| drafts.iter().find(|d| d.field.path == path).copied())
    }

    /// Whether any field or price holds text that is not accepted, so the report is stale.
    pub fn is_stale(&self) -> bool {
        let fields_pending = self
            .drafts
            .with_value(|drafts| drafts.iter().any(|d| d.error.with(Option::is_some)));
        fields_pending
            || self
                .price_drafts
                .with(|drafts| drafts.values().any(|d| d.error.is_some()))
    }

    /// Takes what the user typed over a catalog price: a number overrides it at once, empty
    /// text goes back to the list price, anything else is marked and changes nothing.
    pub fn override_price(&self, id: &str, text: String) {
        let mut candidate = self.scenario.get_untracked();
        let error = candidate.set_price_override(id, &text).err();
        if error.is_none() && candidate != self.scenario.get_untracked() {
            self.scenario.set(candidate);
        }
        self.price_drafts.update(|drafts| {
            drafts.insert(id.to_string(), PriceDraft { text, error });
        });
    }

    /// Takes what the user typed into a field: accepted text updates the scenario (and so the
    /// report) at once; anything else marks the field and leaves the scenario as it was.
    pub fn edit(&self, path: &str, text: String) {
        let Some(draft) = self.draft(path) else {
            return;
        };
        draft.text.set(text);
        if self.try_commit(draft) {
            // A change can make another field's pending text acceptable (raising the maximum
            // makes a pending minimum fit), so give each marked field another try.
            self.drafts.with_value(|drafts| {
                for other in drafts.iter().filter(|d| d.error.with(Option::is_some)) {
                    self.try_commit(*other);
                }
            });
        }
    }

    fn try_commit(&self, draft: Draft) -> bool {
        let field = draft.field;
        let parsed = draft.text.with_untracked(|text| field.parse(text));
        let value = match parsed {
            Ok(value) => value,
            Err(message) => {
                draft.error.set(Some(message));
                return false;
            }
        };
        let mut candidate = self.scenario.get_untracked();
        field.set(&mut candidate, value);
        let conflict = candidate
            .cross_field_errors()
            .into_iter()
            .find(|e| e.path == field.path);
        match conflict {
            Some(e) => {
                draft.error.set(Some(e.message));
                false
            }
            None => {
                draft.error.set(None);
                if candidate != self.scenario.get_untracked() {
                    self.scenario.set(candidate);
                }
                true
            }
        }
    }

    /// Replaces the whole scenario (a preset, a link, a restore): every field shows the new
    /// value and no field is marked.
    pub fn replace(&self, scenario: Scenario) {
        self.drafts.with_value(|drafts| {
            for d in drafts {
                d.text.set(d.field.get(&scenario).to_text());
                d.error.set(None);
            }
        });
        self.price_drafts.set(BTreeMap::new());
        self.scenario.set(scenario);
    }

    /// Replaces the scenario and keeps the current one so that it can be restored, unless the
    /// two are the same.
    pub fn replace_keeping(&self, scenario: Scenario, reason: &str) {
        let current = self.scenario.get_untracked();
        if current != scenario {
            self.set_aside.set(Some(SetAside {
                scenario: current,
                reason: reason.to_string(),
            }));
        }
        self.replace(scenario);
    }

    /// Brings back the scenario that was set aside; the one it replaces is set aside in turn.
    pub fn restore(&self) {
        if let Some(kept) = self.set_aside.get_untracked() {
            self.replace_keeping(kept.scenario, "You restored your previous scenario.");
        }
    }
}
