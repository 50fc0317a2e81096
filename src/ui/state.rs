//! The app's state, provided once as context: the last valid scenario, what the user has typed
//! into each field that is not (yet) in the scenario, the report the engine made, and the
//! notices about links and saved work.

use leptos::prelude::*;

use super::recent::{self, Entry};
use crate::engine;
use crate::engine::uncertainty::give_range;
use crate::report::Report;
use crate::report::uncertainty::Uncertainty;
use crate::scenario::Scenario;
use crate::scenario::fields::{self, Field, ListEntry, Value};
use crate::scenario::ranges::{Range, looks_like_range};

/// What the user has typed into a field (or over a catalog price), and why it is not accepted,
/// if it is not.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The text in the input, valid or not.
    pub text: String,
    /// Why the text is not accepted; `None` when it is.
    pub error: Option<String>,
}

/// What was typed, by field path or price id: a handful at a time, so a list searched in order
/// (less code to download than an ordered map).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drafts(Vec<(String, Draft)>);

impl Drafts {
    /// What was typed at `key`.
    pub fn get(&self, key: &str) -> Option<&Draft> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, d)| d)
    }

    /// Keeps `draft` at `key`, in place of what was there.
    pub fn insert(&mut self, key: String, draft: Draft) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = draft,
            None => self.0.push((key, draft)),
        }
    }

    /// Forgets what was typed at `key`.
    pub fn remove(&mut self, key: &str) {
        self.0.retain(|(k, _)| k != key);
    }

    /// Keeps only the drafts `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &Draft) -> bool) {
        self.0.retain(|(k, d)| keep(k, d));
    }

    /// Every draft, as (key, draft).
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Draft)> {
        self.0.iter().map(|(k, d)| (k, d))
    }
}

impl IntoIterator for Drafts {
    type Item = (String, Draft);
    type IntoIter = std::vec::IntoIter<(String, Draft)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl FromIterator<(String, Draft)> for Drafts {
    fn from_iter<I: IntoIterator<Item = (String, Draft)>>(iter: I) -> Self {
        let mut drafts = Drafts::default();
        for (key, draft) in iter {
            drafts.insert(key, draft);
        }
        drafts
    }
}

/// A scenario set aside when another replaced it, which the user can bring back.
#[derive(Clone, Debug, PartialEq)]
pub struct SetAside {
    /// The scenario that was replaced.
    pub scenario: Scenario,
    /// Why it was replaced, e.g. "You opened a shared link."
    pub reason: String,
}

/// A link that could not be opened: why, and the link itself, so the user can copy it back to
/// whoever sent it.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkProblem {
    /// Why it could not be opened.
    pub message: String,
    /// The link's fragment, as it came.
    pub fragment: String,
}

impl LinkProblem {
    /// The link as an entry of the recent scenarios, so that it is still there after a reload.
    pub fn entry(&self, at_ms: f64) -> Entry {
        Entry::unreadable(
            &super::persist::whole_link(&self.fragment),
            &self.message,
            "A link that could not be opened.",
            at_ms,
        )
    }
}

/// How long a Monte Carlo run took in this browser, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RunTimes {
    /// The worker's slices that drew the samples of the launch, added up: the time the engine
    /// computed.
    pub computing_ms: f64,
    /// From the request's posting to the launch's last sample, the messages and the worker's
    /// time between slices included.
    pub samples_ms: f64,
    /// From the request's posting to the run's figures back in the page, with the projection's
    /// band and the summing up.
    pub total_ms: f64,
}

/// Everything the views read and write.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The last valid scenario: what the report shows.
    pub scenario: RwSignal<Scenario>,
    /// The report of `scenario`.
    pub report: Memo<Report>,
    /// Text typed into fields since the scenario was last replaced, by path
    /// (`workload.runs_per_day`, `services.0.vcpu`). A field with no entry shows the
    /// scenario's value.
    pub drafts: RwSignal<Drafts>,
    /// Text typed over catalog prices since the scenario was last replaced, by price id.
    pub price_drafts: RwSignal<Drafts>,
    /// The ranges being typed, by the path of their field: a field whose range is open shows
    /// it; the text is `low..high:shape` as typed, with why it is not accepted.
    pub range_drafts: RwSignal<Drafts>,
    /// What the Monte Carlo run made of the scenario's ranges, when it has any.
    pub uncertainty: RwSignal<Option<Uncertainty>>,
    /// Evaluations done and to do while a run is under way; `None` when none is.
    pub sampling: RwSignal<Option<(usize, usize)>>,
    /// Why the ranges' percentiles could not be drawn (the worker that draws them would not
    /// start), while the scenario has ranges.
    pub sampling_error: RwSignal<Option<String>>,
    /// How long the last run took in the page.
    pub run_ms: RwSignal<RunTimes>,
    /// The link the page was opened with, or one pasted since, that could not be used.
    pub link_error: RwSignal<Option<LinkProblem>>,
    /// Why the work saved in this browser could not be opened, when it could not.
    pub saved_error: RwSignal<Option<String>>,
    /// Work replaced by a link or a preset, kept so that it can be restored.
    pub set_aside: RwSignal<Option<SetAside>>,
    /// The recent scenarios, newest first, kept across reloads.
    pub recent: RwSignal<Vec<Entry>>,
    /// The texts of recent scenarios this page opened again, which another tab's stored list
    /// must not bring back.
    pub forgotten: StoredValue<Vec<String>>,
    /// The field being typed into and its value when it took the focus: what the figures show
    /// while its text is not accepted, so that a half-typed value never drives them.
    pub typing_from: StoredValue<Option<(String, Value)>>,
    /// The field being typed into, or whose range is, and its range when it took the focus:
    /// what a range typed half-way, or not accepted, goes back to.
    pub range_from: StoredValue<Option<(String, Option<Range>)>>,
    /// What the last copy or download did, said in the toolbar's status line.
    pub status: RwSignal<String>,
    /// Whether "Export CSV" waits for the Monte Carlo run under way, to export its percentiles
    /// when it is done.
    pub export_waiting: StoredValue<bool>,
    /// The other scenario of a comparison link the page was opened with, or one pasted since,
    /// as its link's fragment: the compare panel ([`super::analyses`]) compares with it.
    pub compare_with: RwSignal<Option<String>>,
    /// Whether the compare-and-scale panel has been opened (it loads its module then).
    pub analyses_open: RwSignal<bool>,
}

impl AppState {
    /// State for a starting scenario.
    pub fn new(initial: Scenario) -> Self {
        let scenario = RwSignal::new(initial);
        AppState {
            scenario,
            report: Memo::new(move |_| scenario.with(engine::evaluate)),
            drafts: RwSignal::new(Drafts::default()),
            price_drafts: RwSignal::new(Drafts::default()),
            range_drafts: RwSignal::new(Drafts::default()),
            uncertainty: RwSignal::new(None),
            sampling: RwSignal::new(None),
            sampling_error: RwSignal::new(None),
            run_ms: RwSignal::new(RunTimes::default()),
            link_error: RwSignal::new(None),
            saved_error: RwSignal::new(None),
            set_aside: RwSignal::new(None),
            recent: RwSignal::new(Vec::new()),
            forgotten: StoredValue::new(Vec::new()),
            typing_from: StoredValue::new(None),
            range_from: StoredValue::new(None),
            status: RwSignal::new(String::new()),
            export_waiting: StoredValue::new(false),
            compare_with: RwSignal::new(None),
            analyses_open: RwSignal::new(false),
        }
    }

    /// Whether any field the user can see, or any price, holds text that is not accepted, so
    /// the report is stale. Text left in a field that is now hidden (its section switched off)
    /// changes nothing the report shows, so it does not count.
    pub fn is_stale(&self) -> bool {
        let fields_pending = self.drafts.with(|drafts| {
            self.scenario.with(|s| {
                drafts
                    .iter()
                    .filter(|(_, d)| d.error.is_some())
                    .any(|(path, _)| Field::resolve(path, s).is_some_and(|f| f.shown(s)))
            })
        });
        let prices_pending = self.price_drafts.with(|drafts| {
            self.report.with(|r| {
                drafts
                    .iter()
                    .filter(|(_, d)| d.error.is_some())
                    .any(|(id, _)| r.prices.iter().any(|p| p.id == *id))
            })
        });
        let ranges_pending = self.range_drafts.with(|drafts| {
            self.scenario.with(|s| {
                drafts
                    .iter()
                    .filter(|(_, d)| d.error.is_some())
                    .any(|(path, _)| Field::resolve(path, s).is_some_and(|f| f.shown(s)))
            })
        });
        fields_pending || prices_pending || ranges_pending
    }

    /// Opens the range of the field at `path` for the user to type, when it has none.
    pub fn open_range(&self, path: &str) {
        if self
            .scenario
            .with_untracked(|s| s.ranges.get(path).is_none())
        {
            self.range_drafts.update(|drafts| {
                drafts.insert(
                    path.to_string(),
                    Draft {
                        text: String::new(),
                        error: None,
                    },
                );
            });
        }
    }

    /// Takes what the user typed into the range of the field at `path`: a range that is
    /// accepted goes into the scenario at once, both bounds empty takes the range off, and
    /// anything else is marked and changes nothing.
    pub fn edit_range(&self, path: &str, low: &str, high: &str, shape: &str) {
        let (low, high) = (low.trim(), high.trim());
        let text = format!("{low}..{high}:{shape}");
        let mut candidate = self.scenario.get_untracked();
        let Some(field) = Field::resolve(path, &candidate) else {
            return;
        };
        let error = if low.is_empty() && high.is_empty() {
            candidate.ranges.remove(path);
            None
        } else if low.is_empty() || high.is_empty() {
            // Half a range is not yet a range, nor a mistake: nothing changes until both are in.
            None
        } else {
            match Range::parse(&text, field, &candidate) {
                Ok(range) => {
                    give_range(&mut candidate, field, range);
                    None
                }
                Err(error) => Some(error),
            }
        };
        if error.is_none() && candidate != self.scenario.get_untracked() {
            self.scenario.set(candidate);
        } else if error.is_some() {
            self.back_to_range_at_focus(path);
        }
        self.range_drafts.update(|drafts| {
            drafts.insert(path.to_string(), Draft { text, error });
        });
    }

    /// Takes the range off the field at `path`: it is a point value again.
    pub fn remove_range(&self, path: &str) {
        self.range_drafts.update(|drafts| drafts.remove(path));
        let mut candidate = self.scenario.get_untracked();
        if candidate.ranges.remove(path).is_some() {
            self.scenario.set(candidate);
        }
    }

    /// Takes what the user typed over a catalog price: a number overrides it at once, empty
    /// text goes back to the list price, anything else is marked and changes nothing.
    pub fn override_price(&self, id: &str, text: String) {
        let mut candidate = self.scenario.get_untracked();
        let error = candidate.set_price_override(id, &text).err();
        if error.is_none() && candidate != self.scenario.get_untracked() {
            self.scenario.set(candidate);
        } else if error.is_some()
            && let Some((from, Value::Text(before))) = self.typing_from.get_value()
            && from == price_path(id)
        {
            // As for a field: the figures show the price as it was when its input took the
            // focus, not a value read from the start of what is being typed.
            let mut before_scenario = self.scenario.get_untracked();
            if before_scenario.set_price_override(id, &before).is_ok()
                && before_scenario != self.scenario.get_untracked()
            {
                self.scenario.set(before_scenario);
            }
        }
        self.price_drafts.update(|drafts| {
            drafts.insert(id.to_string(), Draft { text, error });
        });
    }

    /// Notes that the input over the catalog price `id` took the focus, with the price typed
    /// over it then (empty for the list price).
    pub fn focused_price(&self, id: &str) {
        let typed = self.scenario.with_untracked(|s| {
            s.prices
                .get(id)
                .map_or(String::new(), |v| crate::format::raw(*v))
        });
        self.typing_from
            .set_value(Some((price_path(id), Value::Text(typed))));
    }

    /// Notes that the field at `path` took the focus, with its value then.
    pub fn focused(&self, path: &str) {
        let value = self
            .scenario
            .with_untracked(|s| Field::resolve(path, s).and_then(|f| f.get(s)));
        self.typing_from
            .set_value(value.map(|value| (path.to_string(), value)));
        self.focused_range(path);
    }

    /// Notes that the field at `path`, or one of its range's inputs, took the focus, with the
    /// range it had then.
    pub fn focused_range(&self, path: &str) {
        let range = self
            .scenario
            .with_untracked(|s| s.ranges.get(path).copied());
        self.range_from.set_value(Some((path.to_string(), range)));
    }

    /// Puts the range the field at `path` had when it took the focus back into the scenario:
    /// a range typed half-way (`1..2` on the way to `1..2..3`) never drives the figures.
    fn back_to_range_at_focus(&self, path: &str) {
        let Some((from, range)) = self.range_from.get_value() else {
            return;
        };
        if from != path {
            return;
        }
        let mut before = self.scenario.get_untracked();
        match range {
            Some(range) => before.ranges.insert(path.to_string(), range),
            None => before.ranges.remove(path),
        };
        if before != self.scenario.get_untracked() {
            self.scenario.set(before);
        }
    }

    /// Notes that the field at `path` lost the focus: text it holds that was accepted is shown
    /// again as the form writes that value (`180k` as `180,000`).
    pub fn left(&self, path: &str) {
        let accepted = self
            .drafts
            .with_untracked(|d| d.get(path).is_some_and(|draft| draft.error.is_none()));
        if accepted {
            self.drafts.update(|d| {
                d.remove(path);
            });
        }
        self.typing_from.set_value(None);
    }

    /// Takes what the user typed into the field at `path` (`workload.runs_per_day`,
    /// `services.0.vcpu`): accepted text updates the scenario (and so the report) at once;
    /// anything else marks the field and leaves the scenario as it was.
    pub fn edit(&self, path: &str, text: String) {
        let Some(field) = self.scenario.with_untracked(|s| Field::resolve(path, s)) else {
            return;
        };
        // A range typed into a number (`8k..12k`, `8k to 12k`) gives it that range; its value
        // stays the point figure.
        if field.input().takes_range() && looks_like_range(&text) {
            // The value is what the field held before the range was typed over it, moved into
            // the range if it lies outside.
            self.back_to_where_typing_began(path);
            let mut candidate = self.scenario.get_untracked();
            let error = match Range::parse(&text, field, &candidate) {
                Ok(mut range) => {
                    // A range typed without a shape keeps the one it had.
                    if !text.contains(':')
                        && let Some(before) = candidate.ranges.get(path)
                    {
                        range.shape = before.shape;
                    }
                    give_range(&mut candidate, field, range);
                    self.range_drafts.update(|drafts| drafts.remove(path));
                    self.scenario.set(candidate);
                    None
                }
                Err(error) => {
                    self.back_to_range_at_focus(path);
                    Some(error)
                }
            };
            self.drafts.update(|drafts| {
                drafts.insert(path.to_string(), Draft { text, error });
            });
            return;
        }
        if self.try_commit(path, text) {
            self.retry_marked();
        }
    }

    /// Gives each marked field another try: a change can make another field's pending text
    /// acceptable (raising the maximum makes a pending minimum fit).
    fn retry_marked(&self) {
        let marked: Vec<(String, String)> = self.drafts.with_untracked(|drafts| {
            drafts
                .iter()
                .filter(|(_, d)| d.error.is_some())
                .map(|(path, d)| (path.clone(), d.text.clone()))
                .collect()
        });
        for (path, text) in marked {
            self.try_commit(&path, text);
        }
    }

    /// Keeps what was typed into `path` and, when it is accepted, writes it into the scenario.
    fn try_commit(&self, path: &str, text: String) -> bool {
        let candidate = self.candidate(path, &text);
        let error = candidate.as_ref().err().cloned();
        let accepted = error.is_none();
        self.drafts.update(|drafts| {
            drafts.insert(path.to_string(), Draft { text, error });
        });
        match candidate {
            Ok(candidate) => {
                if candidate != self.scenario.get_untracked() {
                    self.scenario.set(candidate);
                }
            }
            Err(_) => {
                self.back_to_where_typing_began(path);
                self.back_to_range_at_focus(path);
            }
        }
        accepted
    }

    /// Puts the value the field at `path` held when it took the focus back into the scenario,
    /// so that the figures do not show a value read from the start of what is being typed
    /// (`180` on the way to `180k`, until `k` was accepted).
    fn back_to_where_typing_began(&self, path: &str) {
        let Some((from, value)) = self.typing_from.get_value() else {
            return;
        };
        if from != path {
            return;
        }
        let mut before = self.scenario.get_untracked();
        let Some(field) = Field::resolve(path, &before) else {
            return;
        };
        field.set(&mut before, &value);
        if before != self.scenario.get_untracked() && before.cross_field_errors().is_empty() {
            self.scenario.set(before);
        }
    }

    /// The scenario with `text` written into the field at `path`, or why it cannot be: the text
    /// is not accepted, or it breaks a rule tying this field to another.
    fn candidate(&self, path: &str, text: &str) -> Result<Scenario, String> {
        let mut candidate = self.scenario.get_untracked();
        let field = Field::resolve(path, &candidate)
            .ok_or_else(|| format!("There is no field {path} in this scenario."))?;
        let value = field.parse(text, &candidate)?;
        field.set(&mut candidate, &value);
        // The scenario stays valid: a rule this edit breaks is refused here, with the rule's
        // message on the field — its own, or any rule it broke that names other fields.
        let before = self.scenario.with_untracked(Scenario::cross_field_errors);
        let broken = candidate.cross_field_errors();
        let own = broken.iter().find(|e| e.path == path);
        let new = broken.iter().find(|e| !before.contains(e));
        match own.or(new) {
            Some(conflict) => Err(conflict.message.clone()),
            None => Ok(candidate),
        }
    }

    /// Adds an item with starting values to the end of the list with this key (`services`,
    /// `tenants`, `fixed_costs`) and returns its index; says why not when the list is full.
    pub fn add_item(&self, list_key: &str) -> Result<usize, String> {
        let list = list_by_key(list_key)?;
        let mut candidate = self.scenario.get_untracked();
        list.push(&mut candidate)?;
        let index = list.len(&candidate) - 1;
        // Nothing typed belongs to the new item yet, whatever an earlier item at its index held.
        let prefix = format!("{}.{index}.", list.key);
        for drafts in [self.drafts, self.range_drafts] {
            drafts.update(|drafts| drafts.retain(|path, _| !path.starts_with(&prefix)));
        }
        self.scenario.set(candidate);
        Ok(index)
    }

    /// Removes the item at `index` from the list with this key. What was typed into the items
    /// after it moves with them, so pending text is not lost or shown on the wrong item.
    pub fn remove_item(&self, list_key: &str, index: usize) {
        let Ok(list) = list_by_key(list_key) else {
            return;
        };
        let mut candidate = self.scenario.get_untracked();
        if index >= list.len(&candidate) {
            return;
        }
        list.remove(&mut candidate, index);
        // A range being typed into an item after the removed one is dropped: its row shows the
        // range that moved into its place.
        self.range_drafts.update(|drafts| {
            drafts.retain(|path, _| item_of(path, list).is_none_or(|(i, _)| i < index))
        });
        self.drafts.update(|drafts| {
            *drafts = std::mem::take(drafts)
                .into_iter()
                .filter_map(|(path, draft)| {
                    let Some((i, key)) = item_of(&path, list) else {
                        return Some((path, draft));
                    };
                    match i.cmp(&index) {
                        std::cmp::Ordering::Less => Some((path, draft)),
                        std::cmp::Ordering::Equal => None,
                        std::cmp::Ordering::Greater => Some((list.path(i - 1, key), draft)),
                    }
                })
                .collect();
        });
        self.scenario.set(candidate);
    }

    /// Replaces the whole scenario (a preset, a link, a restore): every field shows the new
    /// value and no field is marked. The address bar follows at once rather than after typing
    /// pauses, so that a reload straight after shows this scenario, not the one before.
    pub fn replace(&self, scenario: Scenario) {
        super::persist::write_address(&scenario);
        self.typing_from.set_value(None);
        self.drafts.set(Drafts::default());
        self.price_drafts.set(Drafts::default());
        self.range_drafts.set(Drafts::default());
        self.scenario.set(scenario);
    }

    /// Replaces the scenario and keeps the current one so that it can be restored, now and
    /// after a reload (among the recent scenarios), unless the two are the same.
    pub fn replace_keeping(&self, scenario: Scenario, reason: &str) {
        let current = self.scenario.get_untracked();
        if current != scenario {
            self.remember(Entry::scenario(&current, reason, js_sys::Date::now()));
            self.set_aside.set(Some(SetAside {
                scenario: current,
                reason: reason.to_string(),
            }));
        }
        self.replace(scenario);
    }

    /// Adds an entry to the recent scenarios.
    pub fn remember(&self, entry: Entry) {
        self.recent.update(|entries| recent::push(entries, entry));
    }

    /// Opens the recent scenario at `index` (newest first), keeping the current one in turn.
    pub fn open_recent(&self, index: usize) {
        let opened = self
            .recent
            .with_untracked(|entries| entries.get(index).and_then(Entry::opened));
        if let Some(scenario) = opened {
            self.replace_keeping(scenario.clone(), "You opened a recent scenario.");
            self.forget(&scenario);
        }
    }

    /// Drops `scenario` from the recent scenarios: it is open again (and saved as the work).
    fn forget(&self, scenario: &Scenario) {
        let text = crate::export::link::encode(scenario);
        self.forgotten
            .update_value(|texts| texts.push(text.clone()));
        self.recent.update(|entries| recent::forget(entries, &text));
    }

    /// Brings back the scenario that was set aside; the one it replaces is set aside in turn.
    pub fn restore(&self) {
        if let Some(kept) = self.set_aside.get_untracked() {
            self.replace_keeping(
                kept.scenario.clone(),
                "You restored your previous scenario.",
            );
            self.forget(&kept.scenario);
        }
    }
}

/// The key under which the price `id`'s input is noted as being typed into.
fn price_path(id: &str) -> String {
    format!("price:{id}")
}

/// The list with this key.
fn list_by_key(key: &str) -> Result<&'static ListEntry, String> {
    fields::list(key).ok_or_else(|| format!("There is no list {key}."))
}

/// The item index and field key of `path` when it is a field of an item of `list`.
fn item_of<'a>(path: &'a str, list: &ListEntry) -> Option<(usize, &'a str)> {
    let rest = path.strip_prefix(list.key)?.strip_prefix('.')?;
    let (index, key) = rest.split_once('.')?;
    Some((index.parse().ok()?, key))
}
