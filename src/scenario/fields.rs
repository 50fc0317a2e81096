//! Every input of a scenario, by path: the groups of the form in order, and the one [`Field`]
//! type through which the form, the CLI's `--set`, the CSV, the printed inputs and the share link
//! read and write a scalar input (`workload.runs_per_day`) or an input of a list item
//! (`services.0.vcpu`) alike.
//!
//! ```
//! use headroom::scenario::{fields::Field, presets};
//! let mut scenario = presets::by_id("agent-platform").unwrap().scenario();
//! let field = Field::resolve("workload.runs_per_day", &scenario).unwrap();
//! let value = field.parse("20,000", &scenario).unwrap();
//! field.set(&mut scenario, &value);
//! assert_eq!(scenario.workload.runs_per_day, 20_000.0);
//! assert!(field.parse("-5", &scenario).is_err());
//! ```

use std::borrow::Cow;

use super::Scenario;
use super::inputs::{DynInputs, Input, Inputs};
pub use super::inputs::{Kind, Value};
use crate::catalog::Catalog;
use crate::components::Component;
use crate::units::Unit;

/// The inputs a product manager changes first, in this order: what the scenario is sized by
/// (runs a day, or users at the peak), the model, the customers, the contract, the margin
/// it should reach and, once an input has a range, the budget the bill's odds are weighed
/// against. The form shows them together at the top (each left out of its own
/// section) and the summary for a ticket names them; one that does not apply (runs switched
/// off) is left out of both.
pub const DEAL_FIRST: [&str; 7] = [
    "workload.runs_per_day",
    "users.concurrent_peak",
    "llm.model",
    "deal.customers",
    "deal.contract_value_per_year_usd",
    "deal.target_margin_pct",
    "uncertainty.budget_monthly_usd",
];

/// A struct of inputs shown as one group of the form.
pub trait Section: Inputs {
    /// The group's heading.
    const TITLE: &'static str;
    /// The key of the yes/no input that switches the section on, for a section a scenario may
    /// leave out; its other inputs apply only while it is on.
    const SWITCH: Option<&'static str> = None;
    /// Whether the section exists only for runs (its heading is hidden while runs are off).
    const NEEDS_RUNS: bool = false;
    /// Whether the section exists only while some input is given as a range (it is hidden,
    /// and its inputs are left out of the CSV, for a scenario of point values).
    const NEEDS_RANGES: bool = false;
    /// What switching the section on adds to the scenario, in a few words, for the one line a
    /// switched-off section folds to.
    const ADDS: &'static str = "";

    /// The rules tying the section's inputs together that its values break.
    fn broken(&self) -> Vec<Broken> {
        Vec::new()
    }
}

/// A rule tying inputs of one section or item together, broken: the keys of the inputs it
/// names (so that whichever the user just edited can carry the message) and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Broken {
    /// The keys of the inputs the rule ties together, e.g. `["min_instances", "max_instances"]`.
    pub keys: &'static [&'static str],
    /// What is allowed, in words a user can act on.
    pub message: String,
}

impl Broken {
    /// A broken rule naming these inputs.
    pub fn new(keys: &'static [&'static str], message: String) -> Broken {
        Broken { keys, message }
    }
}

/// An item of a list of the scenario (a service, a customer, a fixed cost).
pub trait Item: Inputs + Default {
    /// The list's heading.
    const TITLE: &'static str;
    /// What one item is called, e.g. "Service".
    const ITEM: &'static str;
    /// The most items the list holds.
    const MAX_ITEMS: usize;
    /// What adding an item adds to the scenario, in a few words, for the one line an empty list
    /// folds to.
    const ADDS: &'static str;
    /// A new item for the user to edit, the `number`th of its list (from 1).
    fn numbered(number: usize) -> Self;

    /// Keeps the rest of `scenario` in step after the user added an item to this list or
    /// removed one from it, when it held `before` items.
    fn resized(_scenario: &mut Scenario, _before: usize) {}

    /// The rules tying the item's inputs together that its values break.
    fn broken(&self) -> Vec<Broken> {
        Vec::new()
    }
}

/// One group of the form: a section, or a list of items.
#[derive(Clone, Copy, Debug)]
pub enum Group {
    /// A section: one struct of inputs.
    Section(&'static SectionEntry),
    /// A list of items, each a struct of inputs.
    List(&'static ListEntry),
}

impl Group {
    /// The priced component the group is in `scenario`, if it is one.
    pub fn component(self, scenario: &Scenario) -> Option<&dyn Component> {
        match self {
            Group::Section(s) => s.component.map(|get| get(scenario)),
            Group::List(l) => l.component.map(|get| get(scenario)),
        }
    }

    /// The group's key: the first part of its inputs' paths (empty for the scenario's name).
    pub fn key(self) -> &'static str {
        match self {
            Group::Section(s) => s.key,
            Group::List(l) => l.key,
        }
    }

    /// The group's heading.
    pub fn title(self) -> &'static str {
        match self {
            Group::Section(s) => s.title,
            Group::List(l) => l.title,
        }
    }

    /// Whether the group's heading is shown for `scenario`: a group that exists only for runs
    /// is hidden, switch included, while runs are off.
    pub fn is_shown(self, scenario: &Scenario) -> bool {
        match self {
            Group::Section(s) => {
                (!s.needs_runs || scenario.workload.enabled)
                    && (!s.needs_ranges || !scenario.ranges.is_empty())
            }
            Group::List(_) => true,
        }
    }

    /// What switching the group on (or adding to the list) adds, in a few words.
    pub fn adds(self) -> &'static str {
        match self {
            Group::Section(s) => s.adds,
            Group::List(l) => l.adds,
        }
    }

    /// Whether the group holds anything that counts in `scenario`: it is on and, for a list,
    /// has items. A group that does not fold to one line in the form.
    pub fn is_in_use(self, scenario: &Scenario) -> bool {
        self.is_on(scenario)
            && match self {
                Group::Section(_) => true,
                Group::List(l) => !l.is_empty(scenario),
            }
    }

    /// Whether the group takes part in `scenario`: it is shown, and its switch, if it has
    /// one, is on.
    pub fn is_on(self, scenario: &Scenario) -> bool {
        self.is_shown(scenario)
            && match self {
                Group::Section(s) => s.is_switched_on(scenario),
                Group::List(_) => true,
            }
    }
}

/// A section in the registry: its key, heading, inputs and where the scenario keeps it.
pub struct SectionEntry {
    /// The section's key, e.g. `workload`; empty for the scenario's own name.
    pub key: &'static str,
    /// Its heading.
    pub title: &'static str,
    /// Its inputs, in form order.
    pub inputs: &'static [Input],
    /// The key of its on/off switch, if it has one.
    pub switch: Option<&'static str>,
    /// Whether it exists only for runs.
    pub needs_runs: bool,
    /// Whether it exists only while some input is given as a range.
    pub needs_ranges: bool,
    /// What switching it on adds.
    pub adds: &'static str,
    pub(super) get: fn(&Scenario) -> &dyn DynInputs,
    pub(super) get_mut: fn(&mut Scenario) -> &mut dyn DynInputs,
    pub(super) broken: fn(&Scenario) -> Vec<Broken>,
    pub(super) component: Option<fn(&Scenario) -> &dyn Component>,
}

impl std::fmt::Debug for SectionEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SectionEntry")
            .field("key", &self.key)
            .finish()
    }
}

impl SectionEntry {
    /// The rules tying the section's inputs together that `scenario` breaks.
    pub fn broken(&self, scenario: &Scenario) -> Vec<Broken> {
        (self.broken)(scenario)
    }

    /// The section's fields, in form order.
    pub fn fields(&'static self) -> impl Iterator<Item = Field> {
        (0..self.inputs.len()).map(move |position| Field {
            owner: Owner::Section(self),
            position,
        })
    }

    /// Whether the section's switch is on (a section without a switch is always on).
    pub fn is_switched_on(&self, scenario: &Scenario) -> bool {
        let Some(switch) = self.switch else {
            return true;
        };
        let data = (self.get)(scenario);
        self.inputs
            .iter()
            .position(|i| i.key == switch)
            .is_none_or(|index| data.is_yes(index))
    }
}

/// A list in the registry: its key, headings, inputs and where the scenario keeps it.
pub struct ListEntry {
    /// The list's key and JSON name, e.g. `services`.
    pub key: &'static str,
    /// Its heading.
    pub title: &'static str,
    /// What one item is called, e.g. "Service".
    pub item_label: &'static str,
    /// The most items it holds.
    pub max_items: usize,
    /// Each item's inputs, in form order.
    pub inputs: &'static [Input],
    /// What adding an item adds.
    pub adds: &'static str,
    pub(super) len: fn(&Scenario) -> usize,
    pub(super) item: fn(&Scenario, usize) -> Option<&dyn DynInputs>,
    pub(super) item_mut: fn(&mut Scenario, usize) -> Option<&mut dyn DynInputs>,
    pub(super) push: fn(&mut Scenario, Option<usize>),
    pub(super) remove: fn(&mut Scenario, usize),
    pub(super) resized: fn(&mut Scenario, usize),
    pub(super) truncate: fn(&mut Scenario, usize),
    pub(super) broken: fn(&Scenario, usize) -> Vec<Broken>,
    pub(super) component: Option<fn(&Scenario) -> &dyn Component>,
}

impl std::fmt::Debug for ListEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListEntry").field("key", &self.key).finish()
    }
}

impl ListEntry {
    /// The rules tying the inputs of the item at `index` together that it breaks.
    pub fn broken(&self, scenario: &Scenario, index: usize) -> Vec<Broken> {
        (self.broken)(scenario, index)
    }

    /// Items in the list.
    pub fn len(&self, scenario: &Scenario) -> usize {
        (self.len)(scenario)
    }

    /// Whether the list is empty.
    pub fn is_empty(&self, scenario: &Scenario) -> bool {
        self.len(scenario) == 0
    }

    /// Adds an item for the user to edit at the end, named by the first number from its place
    /// that no other item's name has; refused when the list is full.
    pub fn push(&'static self, scenario: &mut Scenario) -> Result<(), String> {
        let before = self.len(scenario);
        let name = |scenario: &Scenario, index| self.field(index, "name")?.get(scenario);
        let taken: Vec<Value> = (0..before).filter_map(|i| name(scenario, i)).collect();
        for number in before + 1.. {
            self.add(scenario, Some(number))?;
            if !name(scenario, before).is_some_and(|n| taken.contains(&n)) {
                break;
            }
            self.truncate(scenario, before);
        }
        (self.resized)(scenario, before);
        Ok(())
    }

    /// Adds an item with every input at its starting value (what a link's item means before
    /// its inputs are read); refused when the list is full.
    pub fn push_default(&self, scenario: &mut Scenario) -> Result<(), String> {
        self.add(scenario, None)
    }

    fn add(&self, scenario: &mut Scenario, numbered: Option<usize>) -> Result<(), String> {
        if self.len(scenario) >= self.max_items {
            return Err(format!(
                "At most {} items of this kind ({}).",
                self.max_items,
                self.item_label.to_ascii_lowercase()
            ));
        }
        (self.push)(scenario, numbered);
        Ok(())
    }

    /// Removes the item at `index`, if there is one.
    pub fn remove(&self, scenario: &mut Scenario, index: usize) {
        let before = self.len(scenario);
        if index < before {
            (self.remove)(scenario, index);
            scenario.ranges.item_removed(self.key, index);
            (self.resized)(scenario, before);
        }
    }

    /// Keeps the first `len` items.
    pub fn truncate(&self, scenario: &mut Scenario, len: usize) {
        (self.truncate)(scenario, len)
    }

    /// The path of an input of the item at `index`: `<list>.<index>.<key>`.
    pub fn path(&self, index: usize, key: &str) -> String {
        format!("{}.{index}.{key}", self.key)
    }

    /// The field at `position` in the inputs of the item at `index`.
    pub fn field_at(&'static self, index: usize, position: usize) -> Option<Field> {
        (position < self.inputs.len()).then_some(Field {
            owner: Owner::Item(self, index),
            position,
        })
    }

    /// The field `key` of the item at `index`.
    pub fn field(&'static self, index: usize, key: &str) -> Option<Field> {
        let position = self.inputs.iter().position(|i| i.key == key)?;
        Some(Field {
            owner: Owner::Item(self, index),
            position,
        })
    }
}

/// A section's entry in [`super::GROUPS`], `section_entry!(key: Type)`; `section_entry!(key: Type, component)` for a priced
/// component, which the engine then evaluates.
macro_rules! section_entry {
    ($key:ident : $ty:ty $(, $component:ident)?) => {
        $crate::scenario::fields::Group::Section(&$crate::scenario::fields::SectionEntry {
            key: stringify!($key),
            title: <$ty as $crate::scenario::fields::Section>::TITLE,
            inputs: <$ty as $crate::scenario::inputs::Inputs>::INPUTS,
            switch: <$ty as $crate::scenario::fields::Section>::SWITCH,
            needs_runs: <$ty as $crate::scenario::fields::Section>::NEEDS_RUNS,
            needs_ranges: <$ty as $crate::scenario::fields::Section>::NEEDS_RANGES,
            adds: <$ty as $crate::scenario::fields::Section>::ADDS,
            get: |s| &s.$key,
            get_mut: |s| &mut s.$key,
            broken: |s| <$ty as $crate::scenario::fields::Section>::broken(&s.$key),
            component: section_entry!(@component $key $($component)?),
        })
    };
    (@component $key:ident) => { None };
    (@component $key:ident component) => { Some(|s| &s.$key) };
}

/// A list's entry in [`super::GROUPS`], `list_entry!(key: Item)`; `list_entry!(key: Item, component)` for a list that is a
/// priced component as a whole.
macro_rules! list_entry {
    ($key:ident : $ty:ty $(, $component:ident)?) => {
        $crate::scenario::fields::Group::List(&$crate::scenario::fields::ListEntry {
            key: stringify!($key),
            title: <$ty as $crate::scenario::fields::Item>::TITLE,
            item_label: <$ty as $crate::scenario::fields::Item>::ITEM,
            max_items: <$ty as $crate::scenario::fields::Item>::MAX_ITEMS,
            inputs: <$ty as $crate::scenario::inputs::Inputs>::INPUTS,
            adds: <$ty as $crate::scenario::fields::Item>::ADDS,
            len: |s| s.$key.len(),
            item: |s, i| s.$key.get(i).map(|x| x as &dyn $crate::scenario::inputs::DynInputs),
            item_mut: |s, i| s.$key.get_mut(i).map(|x| x as &mut dyn $crate::scenario::inputs::DynInputs),
            push: |s, numbered| {
                let item = match numbered {
                    Some(number) => <$ty as $crate::scenario::fields::Item>::numbered(number),
                    None => <$ty>::default(),
                };
                s.$key.push(item)
            },
            remove: |s, i| {
                s.$key.remove(i);
            },
            resized: <$ty as $crate::scenario::fields::Item>::resized,
            truncate: |s, n| s.$key.truncate(n),
            broken: |s, i| s.$key.get(i).map(<$ty as $crate::scenario::fields::Item>::broken).unwrap_or_default(),
            component: section_entry!(@component $key $($component)?),
        })
    };
}

pub(super) use {list_entry, section_entry};

/// Every group of inputs, in form order ([`super::GROUPS`]).
pub fn groups() -> &'static [Group] {
    super::GROUPS
}

/// Every section, in form order.
pub fn sections() -> impl Iterator<Item = &'static SectionEntry> {
    groups().iter().filter_map(|g| match g {
        Group::Section(s) => Some(*s),
        Group::List(_) => None,
    })
}

/// Every list, in form order.
pub fn lists() -> impl Iterator<Item = &'static ListEntry> {
    groups().iter().filter_map(|g| match g {
        Group::List(l) => Some(*l),
        Group::Section(_) => None,
    })
}

/// The list with this key.
pub fn list(key: &str) -> Option<&'static ListEntry> {
    lists().find(|l| l.key == key)
}

/// Where a field's value is kept: a section, or the item at an index of a list.
#[derive(Clone, Copy, Debug)]
pub enum Owner {
    /// A section of the scenario.
    Section(&'static SectionEntry),
    /// The item at this index of a list.
    Item(&'static ListEntry, usize),
}

impl Owner {
    /// The group of the form the input is in.
    pub fn group(self) -> Group {
        match self {
            Owner::Section(section) => Group::Section(section),
            Owner::Item(list, _) => Group::List(list),
        }
    }
}

/// One input of one scenario: a section's input, or an input of one item of a list.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// Where its value is kept.
    pub owner: Owner,
    position: usize,
}

impl Field {
    /// The field at `path`: `section.key`, `name`, or `<list>.<index>.<key>` for an item that
    /// `scenario` has.
    pub fn resolve(path: &str, scenario: &Scenario) -> Option<Field> {
        if let Some(field) = Field::of_section(path) {
            return Some(field);
        }
        let mut parts = path.splitn(3, '.');
        let (list, index, key) = (parts.next()?, parts.next()?, parts.next()?);
        let list = lists().find(|l| l.key == list)?;
        let index: usize = index.parse().ok()?;
        if index >= list.len(scenario) || index.to_string() != parts_index(path) {
            return None;
        }
        list.field(index, key)
    }

    /// The section field at `path` (`workload.runs_per_day`, `name`).
    pub fn of_section(path: &str) -> Option<Field> {
        let (key, input) = path.split_once('.').unwrap_or(("", path));
        let section = sections().find(|s| s.key == key)?;
        let position = section.inputs.iter().position(|i| i.key == input)?;
        Some(Field {
            owner: Owner::Section(section),
            position,
        })
    }

    /// The field's declaration.
    pub fn input(&self) -> &'static Input {
        match self.owner {
            Owner::Section(s) => &s.inputs[self.position],
            Owner::Item(l, _) => &l.inputs[self.position],
        }
    }

    /// The field's dotted path: `workload.runs_per_day`, `name`, `services.0.vcpu`.
    pub fn path(&self) -> Cow<'static, str> {
        let key = self.input().key;
        match self.owner {
            Owner::Section(s) if s.key.is_empty() => Cow::Borrowed(key),
            Owner::Section(s) => Cow::Owned(format!("{}.{key}", s.key)),
            Owner::Item(l, index) => Cow::Owned(l.path(index, key)),
        }
    }

    /// The label shown beside the input.
    pub fn label(&self) -> &'static str {
        self.input().label
    }

    /// Its label where it must stand on its own (a CSV row, a list of ranges): an item's input
    /// names its item, e.g. "Service 2 (api): vCPU per instance".
    pub fn label_in(&self, scenario: &Scenario) -> String {
        match self.owner {
            Owner::Item(list, index) => {
                let name = list
                    .field(index, "name")
                    .and_then(|name| name.get(scenario))
                    .map(|name| name.to_text().trim().to_string())
                    .filter(|name| !name.is_empty())
                    .map(|name| format!(" ({name})"))
                    .unwrap_or_default();
                format!("{} {}{name}: {}", list.item_label, index + 1, self.label())
            }
            Owner::Section(_) => self.label().to_string(),
        }
    }

    /// Its unit.
    pub fn unit(&self) -> Unit {
        self.input().unit
    }

    /// What it accepts.
    pub fn kind(&self) -> &'static Kind {
        &self.input().kind
    }

    /// The group it belongs to.
    pub fn group(&self) -> Group {
        match self.owner {
            Owner::Section(s) => Group::Section(s),
            Owner::Item(l, _) => Group::List(l),
        }
    }

    fn data<'a>(&self, scenario: &'a Scenario) -> Option<&'a dyn DynInputs> {
        match self.owner {
            Owner::Section(s) => Some((s.get)(scenario)),
            Owner::Item(l, index) => (l.item)(scenario, index),
        }
    }

    /// Its value in `scenario`; `None` for an item the scenario does not have.
    pub fn get(&self, scenario: &Scenario) -> Option<Value> {
        self.data(scenario).map(|d| d.get(self.position))
    }

    /// Writes `value` into `scenario`; `false`, and nothing written, for a value of the wrong
    /// shape or an item the scenario does not have. The value should have passed
    /// [`Field::parse`] or [`Field::check`].
    pub fn set(&self, scenario: &mut Scenario, value: &Value) -> bool {
        let data = match self.owner {
            Owner::Section(s) => Some((s.get_mut)(scenario)),
            Owner::Item(l, index) => (l.item_mut)(scenario, index),
        };
        data.is_some_and(|d| d.set(self.position, value))
    }

    /// Its starting value: what a scenario, link or file that leaves it out means.
    pub fn default_value(&self) -> Value {
        match self.owner {
            Owner::Section(s) => (s.get)(&Scenario::default()).get(self.position),
            Owner::Item(l, _) => {
                let mut scenario = Scenario::default();
                (l.push)(&mut scenario, None);
                (l.item)(&scenario, 0).map_or(Value::Text(String::new()), |d| d.get(self.position))
            }
        }
    }

    /// Whether the field applies to `scenario`: its group is on (a section's switch applies
    /// while the section is off), and the field applies given its group's other inputs.
    pub fn shown(&self, scenario: &Scenario) -> bool {
        let input = self.input();
        let group = self.group();
        let is_switch = matches!(self.owner, Owner::Section(s) if s.switch == Some(input.key));
        group.is_shown(scenario)
            && (is_switch || group.is_on(scenario))
            && (!input.runs_only || scenario.workload.enabled)
            && self
                .data(scenario)
                .is_some_and(|d| d.relevant(self.position))
    }

    /// Parses what a user typed, against the scenario's price catalog for a catalog choice.
    pub fn parse(&self, raw: &str, scenario: &Scenario) -> Result<Value, String> {
        self.input().parse(raw, catalog_of(scenario))
    }

    /// Checks a value against what the field accepts.
    pub fn check(&self, value: &Value, scenario: &Scenario) -> Result<(), String> {
        self.input().check(value, catalog_of(scenario))
    }
}

/// The index part of a `<list>.<index>.<key>` path, as written.
fn parts_index(path: &str) -> &str {
    path.split('.').nth(1).unwrap_or_default()
}

/// The catalog a scenario is priced with, or the newest when it names none this build ships.
pub fn catalog_of(scenario: &Scenario) -> &'static Catalog {
    Catalog::by_version(&scenario.catalog).unwrap_or_else(Catalog::current)
}

/// Every field of `scenario`, in form order: each section's inputs, and each list item's.
pub fn all(scenario: &Scenario) -> impl Iterator<Item = Field> + '_ {
    groups().iter().flat_map(move |group| {
        let fields: Vec<Field> = match *group {
            Group::Section(s) => (0..s.inputs.len())
                .map(|position| Field {
                    owner: Owner::Section(s),
                    position,
                })
                .collect(),
            Group::List(l) => (0..l.len(scenario))
                .flat_map(|index| {
                    (0..l.inputs.len()).map(move |position| Field {
                        owner: Owner::Item(l, index),
                        position,
                    })
                })
                .collect(),
        };
        fields
    })
}

/// Every section field, in form order (the inputs that do not belong to a list item).
pub fn section_fields() -> impl Iterator<Item = Field> {
    sections().flat_map(SectionEntry::fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    #[test]
    fn every_group_that_can_fold_says_what_it_adds() {
        for &group in groups() {
            let can_fold = match group {
                Group::Section(s) => s.switch.is_some(),
                Group::List(_) => true,
            };
            assert_eq!(
                can_fold,
                !group.adds().is_empty(),
                "{}: a section with a switch or a list says what it adds; no other does",
                group.title()
            );
        }
    }

    #[test]
    fn paths_are_unique() {
        let mut s = Scenario::default();
        for list in lists() {
            list.push(&mut s).unwrap();
        }
        let mut paths: Vec<String> = all(&s).map(|f| f.path().into_owned()).collect();
        let count = paths.len();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), count);
    }

    #[test]
    fn errors_say_what_is_allowed() {
        let s = Scenario::default();
        let field = Field::resolve("workload.peak_to_average", &s).unwrap();
        assert_eq!(
            field.parse("0.5", &s).unwrap_err(),
            "Allowed: a number from 1 to 100 ×."
        );
        assert_eq!(
            field.parse("", &s).unwrap_err(),
            "Enter a number. Allowed: a number from 1 to 100 ×."
        );
        let field = Field::resolve("compute.max_instances", &s).unwrap();
        assert_eq!(
            field.parse("2.5", &s).unwrap_err(),
            "Allowed: a whole number from 1 to 1,000 instances."
        );
        let field = Field::resolve("llm.model", &s).unwrap();
        assert!(field.parse("gpt-99", &s).unwrap_err().contains("gpt-4o"));
    }

    #[test]
    fn absurdly_large_values_are_refused() {
        let s = Scenario::default();
        let field = Field::resolve("workload.runs_per_day", &s).unwrap();
        assert!(field.parse("1e300", &s).is_err());
        assert!(field.parse("99999999999999999999", &s).is_err());
    }

    #[test]
    fn item_paths_resolve_and_edit_one_item() {
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        let services = list("services").unwrap();
        services.push(&mut s).unwrap();
        services.push(&mut s).unwrap();
        let field = Field::resolve("services.1.vcpu", &s).unwrap();
        let value = field.parse("2", &s).unwrap();
        field.set(&mut s, &value);
        assert_eq!(s.services[1].vcpu, 2.0);
        assert_eq!(s.services[0].vcpu, 1.0);
        assert!(Field::resolve("services.2.vcpu", &s).is_none());
        assert!(Field::resolve("services.01.vcpu", &s).is_none());
        assert!(Field::resolve("services.0.nonsense", &s).is_none());
        services.remove(&mut s, 0);
        assert_eq!(s.services.len(), 1);
        assert_eq!(s.services[0].vcpu, 2.0);
    }

    #[test]
    fn a_full_list_refuses_another_item() {
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        let costs = list("fixed_costs").unwrap();
        for _ in 0..costs.max_items {
            costs.push(&mut s).unwrap();
        }
        assert!(costs.push(&mut s).is_err());
        assert_eq!(s.fixed_costs.len(), costs.max_items);
    }

    #[test]
    fn an_added_item_never_takes_a_name_another_has() {
        let mut s = presets::by_id("inventory-cloud-run").unwrap().scenario();
        let tenants = list("tenants").unwrap();
        tenants.remove(&mut s, 1); // Customer 2
        tenants.push(&mut s).unwrap();
        tenants.push(&mut s).unwrap();
        let names: Vec<&str> = s.tenants.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            ["Customer 1", "Customer 3", "Customer 4", "Customer 5"]
        );
    }

    #[test]
    fn customers_with_contracts_added_or_removed_count_in_the_deal() {
        let mut s = presets::by_id("inventory-cloud-run").unwrap().scenario();
        assert_eq!((s.tenants.len(), s.deal.customers), (3, 3.0));
        let tenants = list("tenants").unwrap();
        tenants.push(&mut s).unwrap();
        assert_eq!(s.deal.customers, 4.0);
        assert!(s.validate().is_empty(), "{:?}", s.validate());
        tenants.remove(&mut s, 0);
        tenants.remove(&mut s, 0);
        assert_eq!(s.deal.customers, 2.0);
        // Customers the deal counts beyond those listed stay when a listed one goes.
        s.deal.customers = 10.0;
        tenants.remove(&mut s, 0);
        assert_eq!(s.deal.customers, 10.0);
        // Tenant groups without contracts are usage, not customers: the count is the user's.
        let mut groups = presets::by_id("inventory-cloud-run").unwrap().scenario();
        for t in &mut groups.tenants {
            t.contract_value_per_year_usd = 0.0;
        }
        tenants.push(&mut groups).unwrap();
        tenants.remove(&mut groups, 0);
        tenants.remove(&mut groups, 0);
        assert_eq!(groups.deal.customers, 3.0);
    }

    #[test]
    fn every_field_starts_at_a_valid_value() {
        let mut s = Scenario::default();
        for list in lists() {
            list.push_default(&mut s).unwrap();
            list.push(&mut s).unwrap();
        }
        for field in all(&s) {
            let value = field.get(&s).unwrap();
            assert!(field.check(&value, &s).is_ok(), "{}", field.path());
            if !matches!(field.owner, Owner::Item(_, 1)) {
                assert_eq!(field.default_value(), value, "{}", field.path());
            }
        }
    }

    #[test]
    fn a_switch_is_shown_while_its_section_is_off() {
        let s = Scenario::default();
        assert!(!s.aurora.enabled);
        assert!(Field::resolve("aurora.enabled", &s).unwrap().shown(&s));
        assert!(!Field::resolve("aurora.max_acu", &s).unwrap().shown(&s));
        let mut runless = s.clone();
        runless.workload.enabled = false;
        assert!(
            !Field::resolve("llm.enabled", &runless)
                .unwrap()
                .shown(&runless)
        );
        assert!(
            !Field::resolve("growth.runs_per_day_at_6_months", &runless)
                .unwrap()
                .shown(&runless)
        );
    }
}
