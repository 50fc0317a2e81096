//! The lists in a scenario — services, customers or tenant groups, fixed monthly costs — and
//! the fields of each item. An item's field has the path `<list>.<index>.<key>`, e.g.
//! `services.0.vcpu`, everywhere a scalar field's path is used: the form, the CLI's `--set`,
//! the CSV and validation messages.

use std::sync::OnceLock;

use super::{Kind, Section, Value, allowed_kind, check_kind, parse_kind};
use crate::scenario::{Arch, Billing, Driver, FixedCost, Platform, Scenario, Service, TenantGroup};
use crate::units::Unit;

type ItemGetter = fn(&Scenario, usize) -> Option<Value>;
type ItemSetter = fn(&mut Scenario, usize, Value);

/// One field of every item of a list.
pub struct ItemField {
    /// The key within the item, e.g. `vcpu`.
    pub key: &'static str,
    /// The label shown beside the input.
    pub label: &'static str,
    /// Its unit.
    pub unit: Unit,
    /// What it means, shown under the input.
    pub help: &'static str,
    /// What it accepts.
    pub kind: Kind,
    /// Shown only when this holds for the item at this index.
    pub relevant: fn(&Scenario, usize) -> bool,
    get: ItemGetter,
    set: ItemSetter,
}

impl std::fmt::Debug for ItemField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ItemField").field("key", &self.key).finish()
    }
}

impl ItemField {
    /// The value for the item at `index`, or `None` when there is no such item.
    pub fn get(&self, scenario: &Scenario, index: usize) -> Option<Value> {
        (self.get)(scenario, index)
    }

    /// Writes `value` into the item at `index`; nothing happens when there is no such item or
    /// the value is of the wrong kind.
    pub fn set(&self, scenario: &mut Scenario, index: usize, value: Value) {
        (self.set)(scenario, index, value)
    }

    /// Parses what a user typed, or says what is allowed.
    pub fn parse(&self, raw: &str) -> Result<Value, String> {
        parse_kind(&self.kind, self.unit, raw)
    }

    /// Checks a value against what the field accepts.
    pub fn check(&self, value: &Value) -> Result<(), String> {
        check_kind(&self.kind, self.unit, value)
    }

    /// What the field accepts, in words.
    pub fn allowed(&self) -> String {
        allowed_kind(&self.kind, self.unit)
    }
}

/// A list of items in the scenario.
pub struct List {
    /// The list's key and JSON name, e.g. `services`.
    pub key: &'static str,
    /// The form section it is edited in.
    pub section: Section,
    /// What one item is called, e.g. "Service".
    pub item_label: &'static str,
    /// The most items the list holds.
    pub max_items: usize,
    /// The fields of each item, in form order.
    pub fields: Vec<ItemField>,
    len: fn(&Scenario) -> usize,
    push: fn(&mut Scenario),
    remove: fn(&mut Scenario, usize),
    truncate: fn(&mut Scenario, usize),
}

impl std::fmt::Debug for List {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("List").field("key", &self.key).finish()
    }
}

impl List {
    /// Items in the list.
    pub fn len(&self, scenario: &Scenario) -> usize {
        (self.len)(scenario)
    }

    /// Whether the list is empty.
    pub fn is_empty(&self, scenario: &Scenario) -> bool {
        self.len(scenario) == 0
    }

    /// Adds an item with starting values at the end; refused when the list is full.
    pub fn push(&self, scenario: &mut Scenario) -> Result<(), String> {
        if self.len(scenario) >= self.max_items {
            return Err(format!(
                "At most {} items of this kind ({}).",
                self.max_items,
                self.item_label.to_lowercase()
            ));
        }
        (self.push)(scenario);
        Ok(())
    }

    /// Removes the item at `index`, if there is one.
    pub fn remove(&self, scenario: &mut Scenario, index: usize) {
        if index < self.len(scenario) {
            (self.remove)(scenario, index)
        }
    }

    /// Keeps the first `len` items.
    pub fn truncate(&self, scenario: &mut Scenario, len: usize) {
        (self.truncate)(scenario, len)
    }

    /// The item field with this key.
    pub fn field(&self, key: &str) -> Option<&ItemField> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The path of a field of the item at `index`: `<list>.<index>.<key>`.
    pub fn path(&self, index: usize, key: &str) -> String {
        format!("{}.{index}.{key}", self.key)
    }
}

/// Every list, in form order.
pub fn lists() -> &'static [List] {
    static LISTS: OnceLock<Vec<List>> = OnceLock::new();
    LISTS.get_or_init(|| vec![tenants(), services(), fixed_costs()])
}

/// A text field of a list's items.
macro_rules! item_text {
    ($list:ident, $key:literal, $label:literal, $max:expr, $help:literal) => {
        ItemField {
            key: $key,
            label: $label,
            unit: Unit::None,
            help: $help,
            kind: Kind::Text { max_chars: $max },
            relevant: |_, _| true,
            get: |s, i| s.$list.get(i).map(|x| Value::Text(x.name.clone())),
            set: |s, i, v| {
                if let (Some(x), Value::Text(t)) = (s.$list.get_mut(i), v) {
                    x.name = t;
                }
            },
        }
    };
}

/// A number field of a list's items.
macro_rules! item_number {
    ($list:ident, $key:literal, $field:ident, $label:literal, $unit:ident, $min:expr, $max:expr,
     $integer:expr, $help:literal $(, relevant = $relevant:expr)?) => {
        ItemField {
            key: $key,
            label: $label,
            unit: Unit::$unit,
            help: $help,
            kind: Kind::Number { min: $min, max: $max, integer: $integer },
            relevant: item_number!(@relevant $($relevant)?),
            get: |s, i| s.$list.get(i).map(|x| Value::Number(x.$field)),
            set: |s, i, v| {
                if let (Some(x), Value::Number(n)) = (s.$list.get_mut(i), v) {
                    x.$field = n;
                }
            },
        }
    };
    (@relevant) => { |_, _| true };
    (@relevant $relevant:expr) => { $relevant };
}

/// A field of a list's items choosing one variant of an enum.
macro_rules! item_choice {
    ($list:ident, $key:literal, $field:ident, $label:literal, $help:literal,
     [$(($variant:expr, $id:literal, $text:literal)),+ $(,)?] $(, relevant = $relevant:expr)?) => {
        ItemField {
            key: $key,
            label: $label,
            unit: Unit::None,
            help: $help,
            kind: Kind::Choice(vec![$(($id.into(), $text.into())),+]),
            relevant: item_number!(@relevant $($relevant)?),
            get: |s, i| {
                let current = s.$list.get(i)?.$field;
                $(if current == $variant {
                    return Some(Value::Text($id.into()));
                })+
                None
            },
            set: |s, i, v| {
                if let (Some(x), Value::Text(t)) = (s.$list.get_mut(i), v) {
                    $(if t == $id {
                        x.$field = $variant;
                    })+
                }
            },
        }
    };
}

fn tenants() -> List {
    List {
        key: "tenants",
        section: Section::Tenants,
        item_label: "Customer or tenant group",
        max_items: 50,
        fields: vec![
            item_text!(
                tenants,
                "name",
                "Name",
                40,
                "A customer, or a group of similar tenants."
            ),
            item_number!(
                tenants,
                "peak_qps",
                peak_qps,
                "Peak requests per second",
                RequestsPerSecond,
                0.0,
                1.0e7,
                false,
                "Requests per second in the group's busiest minute. Groups are assumed to peak together."
            ),
            item_number!(
                tenants,
                "avg_qps",
                avg_qps,
                "Average requests per second",
                RequestsPerSecond,
                0.0,
                1.0e7,
                false,
                "Requests per second averaged over the day; what the bill follows."
            ),
            item_number!(
                tenants,
                "reads_per_day",
                reads_per_day,
                "Document reads per day",
                OpsPerDay,
                0.0,
                1.0e13,
                false,
                "Database document reads the group causes per day."
            ),
            item_number!(
                tenants,
                "writes_per_day",
                writes_per_day,
                "Document writes per day",
                OpsPerDay,
                0.0,
                1.0e13,
                false,
                "Database document writes the group causes per day."
            ),
            item_number!(
                tenants,
                "deletes_per_day",
                deletes_per_day,
                "Document deletes per day",
                OpsPerDay,
                0.0,
                1.0e13,
                false,
                "Database document deletes the group causes per day."
            ),
        ],
        len: |s| s.tenants.len(),
        push: |s| {
            let name = format!("Customer {}", s.tenants.len() + 1);
            s.tenants.push(TenantGroup::new(&name));
        },
        remove: |s, i| {
            s.tenants.remove(i);
        },
        truncate: |s, n| s.tenants.truncate(n),
    }
}

fn requests(s: &Scenario, i: usize) -> bool {
    s.services
        .get(i)
        .is_some_and(|x| x.driver == Driver::Requests)
}

fn has_load(s: &Scenario, i: usize) -> bool {
    s.services.get(i).is_some_and(|x| x.driver != Driver::None)
}

fn on_cloud_run(s: &Scenario, i: usize) -> bool {
    s.services
        .get(i)
        .is_some_and(|x| x.platform == Platform::CloudRun)
}

fn on_fargate(s: &Scenario, i: usize) -> bool {
    s.services
        .get(i)
        .is_some_and(|x| x.platform == Platform::Fargate)
}

fn on_fixed(s: &Scenario, i: usize) -> bool {
    s.services
        .get(i)
        .is_some_and(|x| x.platform == Platform::Fixed)
}

fn on_spot(s: &Scenario, i: usize) -> bool {
    on_fargate(s, i) && s.services.get(i).is_some_and(|x| x.spot_share_pct > 0.0)
}

fn services() -> List {
    List {
        key: "services",
        section: Section::Services,
        item_label: "Service",
        max_items: 20,
        fields: vec![
            item_text!(
                services,
                "name",
                "Name",
                40,
                "What the service is called (gateway, API, workers…)."
            ),
            item_choice!(
                services,
                "platform",
                platform,
                "Runs on",
                "Cloud Run bills per vCPU- and GiB-second; Fargate per task-hour (only AWS's CPU and memory pairs); a fixed instance at the hourly price you type.",
                [
                    (Platform::CloudRun, "cloud_run", "Google Cloud Run"),
                    (Platform::Fargate, "fargate", "Amazon ECS on Fargate"),
                    (
                        Platform::Fixed,
                        "fixed",
                        "An instance at a fixed hourly price"
                    ),
                ]
            ),
            item_choice!(
                services,
                "driver",
                driver,
                "Load it carries",
                "Requests come from the customers and users; connections from users and the runs' stream clients; runs are the runs in flight.",
                [
                    (Driver::Requests, "requests", "Requests"),
                    (Driver::Connections, "connections", "Open connections"),
                    (Driver::Runs, "runs", "Runs in flight"),
                    (Driver::None, "none", "None (fixed replicas)"),
                ]
            ),
            item_number!(
                services,
                "share_pct",
                share_pct,
                "Share of that load",
                Percent,
                0.0,
                100_000.0,
                false,
                "Percent of the load reaching this service; above 100 when each request fans out into several calls to it.",
                relevant = has_load
            ),
            item_number!(
                services,
                "latency_ms",
                latency_ms,
                "Latency per request",
                Milliseconds,
                0.01,
                3.6e6,
                false,
                "How long the service holds a request; requests in flight = requests per second × latency (Little's law).",
                relevant = requests
            ),
            item_number!(
                services,
                "cpu_ms_per_request",
                cpu_ms_per_request,
                "CPU time per request",
                Milliseconds,
                0.0,
                3.6e6,
                false,
                "CPU one request uses; an instance serves at most vCPU × target utilisation ÷ this many requests per second. If you know an instance's top rate R at V vCPU, it is V ÷ R seconds. 0 if CPU never limits it.",
                relevant = requests
            ),
            item_number!(
                services,
                "concurrency_per_instance",
                concurrency_per_instance,
                "Concurrency per instance",
                Count,
                1.0,
                1.0e6,
                false,
                "Requests in flight, connections or runs one instance holds at once (Cloud Run: at most 1,000).",
                relevant = has_load
            ),
            item_number!(
                services,
                "vcpu",
                vcpu,
                "vCPU per instance",
                Vcpu,
                0.08,
                192.0,
                false,
                "CPU of one instance. Cloud Run: 0.08 to 8. Fargate: 0.25, 0.5, 1, 2, 4, 8 or 16."
            ),
            item_number!(
                services,
                "memory_gib",
                memory_gib,
                "Memory per instance",
                Gibibytes,
                0.125,
                1_024.0,
                false,
                "Memory of one instance, in GiB. Fargate allows 0.5–2 GiB at 0.25 vCPU, 1–8 at 0.5, 2–8 at 1, 4–16 at 2, 8–30 at 4, 16–60 at 8 and 32–120 at 16."
            ),
            item_number!(
                services,
                "min_instances",
                min_instances,
                "Minimum instances",
                Instances,
                0.0,
                10_000.0,
                true,
                "Instances kept running at all times."
            ),
            item_number!(
                services,
                "max_instances",
                max_instances,
                "Maximum instances",
                Instances,
                1.0,
                100_000.0,
                true,
                "The most instances the service may scale to."
            ),
            item_number!(
                services,
                "target_utilization_pct",
                target_utilization_pct,
                "Target utilisation",
                Percent,
                1.0,
                100.0,
                false,
                "Share of an instance's capacity the autoscaler fills before adding one; the rest is headroom.",
                relevant = has_load
            ),
            item_choice!(
                services,
                "billing",
                billing,
                "Cloud Run billing",
                "Request-based bills CPU and memory while requests are in flight, plus a fee per request; instance-based bills instances for their whole life at a lower rate.",
                [
                    (Billing::Request, "request", "Request-based"),
                    (Billing::Instance, "instance", "Instance-based"),
                ],
                relevant = on_cloud_run
            ),
            item_choice!(
                services,
                "arch",
                arch,
                "Architecture",
                "Linux on x86, or on ARM (Graviton), which lists about 20% cheaper.",
                [
                    (Arch::X86, "x86", "Linux/x86"),
                    (Arch::Arm, "arm", "Linux/ARM (Graviton)"),
                ],
                relevant = on_fargate
            ),
            item_number!(
                services,
                "spot_share_pct",
                spot_share_pct,
                "Share on Fargate Spot",
                Percent,
                0.0,
                100.0,
                false,
                "Percent of the tasks run on Fargate Spot, which AWS may reclaim with two minutes' notice.",
                relevant = on_fargate
            ),
            item_number!(
                services,
                "spot_discount_pct",
                spot_discount_pct,
                "Spot discount",
                Percent,
                0.0,
                100.0,
                false,
                "How much less Spot costs than on-demand, in percent. It varies by region and over time and has no fixed list price: type the one you see.",
                relevant = on_spot
            ),
            item_number!(
                services,
                "usd_per_instance_hour",
                usd_per_instance_hour,
                "Price per instance-hour",
                UsdPerHour,
                0.0,
                10_000.0,
                false,
                "What one instance costs per hour (a VM, a node's share, a reserved instance).",
                relevant = on_fixed
            ),
            item_number!(
                services,
                "db_pool_per_instance",
                db_pool_per_instance,
                "Database pool per instance",
                Connections,
                0.0,
                100_000.0,
                true,
                "Database connections each instance keeps open; all instances at their maximum are checked against the database's max_connections."
            ),
        ],
        len: |s| s.services.len(),
        push: |s| {
            let name = format!("service-{}", s.services.len() + 1);
            s.services.push(Service::new(&name));
        },
        remove: |s, i| {
            s.services.remove(i);
        },
        truncate: |s, n| s.services.truncate(n),
    }
}

fn fixed_costs() -> List {
    List {
        key: "fixed_costs",
        section: Section::FixedCosts,
        item_label: "Fixed cost",
        max_items: 20,
        fields: vec![
            item_text!(
                fixed_costs,
                "name",
                "Name",
                40,
                "What the cost is for (monitoring, support, misc)."
            ),
            item_number!(
                fixed_costs,
                "usd_per_month",
                usd_per_month,
                "Cost",
                UsdPerMonth,
                0.0,
                1.0e8,
                false,
                "What it costs per month, whatever the load."
            ),
        ],
        len: |s| s.fixed_costs.len(),
        push: |s| {
            let name = format!("Cost {}", s.fixed_costs.len() + 1);
            s.fixed_costs.push(FixedCost {
                name,
                usd_per_month: 0.0,
            });
        },
        remove: |s, i| {
            s.fixed_costs.remove(i);
        },
        truncate: |s, n| s.fixed_costs.truncate(n),
    }
}

/// A field anywhere in the scenario: a scalar field, or a field of one item of a list.
#[derive(Clone, Copy, Debug)]
pub enum FieldRef {
    /// A field of the scenario itself.
    Scalar(&'static super::Field),
    /// A field of the item at this index of a list.
    Item(&'static List, usize, &'static ItemField),
}

impl FieldRef {
    /// The field at `path`: `section.name` or `<list>.<index>.<key>`. An item index must be
    /// below `len`, the number of items the list has (or may have, when a link is read).
    pub fn resolve(path: &str, scenario: &Scenario) -> Option<FieldRef> {
        if let Some(field) = super::by_path(path) {
            return Some(FieldRef::Scalar(field));
        }
        let mut parts = path.splitn(3, '.');
        let (list, index, key) = (parts.next()?, parts.next()?, parts.next()?);
        let list = lists().iter().find(|l| l.key == list)?;
        let index: usize = index.parse().ok()?;
        if index >= list.len(scenario) {
            return None;
        }
        Some(FieldRef::Item(list, index, list.field(key)?))
    }

    /// The label shown for the field.
    pub fn label(&self) -> &'static str {
        match self {
            FieldRef::Scalar(f) => f.label,
            FieldRef::Item(_, _, f) => f.label,
        }
    }

    /// Parses what a user typed.
    pub fn parse(&self, raw: &str) -> Result<Value, String> {
        match self {
            FieldRef::Scalar(f) => f.parse(raw),
            FieldRef::Item(_, _, f) => f.parse(raw),
        }
    }

    /// The current value.
    pub fn get(&self, scenario: &Scenario) -> Option<Value> {
        match self {
            FieldRef::Scalar(f) => Some(f.get(scenario)),
            FieldRef::Item(_, i, f) => f.get(scenario, *i),
        }
    }

    /// Writes a parsed value.
    pub fn set(&self, scenario: &mut Scenario, value: Value) {
        match self {
            FieldRef::Scalar(f) => f.set(scenario, value),
            FieldRef::Item(_, i, f) => f.set(scenario, *i, value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    #[test]
    fn item_paths_resolve_and_edit_one_item() {
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        let services = lists().iter().find(|l| l.key == "services").unwrap();
        services.push(&mut s).unwrap();
        services.push(&mut s).unwrap();
        let field = FieldRef::resolve("services.1.vcpu", &s).unwrap();
        let value = field.parse("2").unwrap();
        field.set(&mut s, value);
        assert_eq!(s.services[1].vcpu, 2.0);
        assert_eq!(s.services[0].vcpu, 1.0);
        assert!(FieldRef::resolve("services.2.vcpu", &s).is_none());
        assert!(FieldRef::resolve("services.0.nonsense", &s).is_none());
        services.remove(&mut s, 0);
        assert_eq!(s.services.len(), 1);
        assert_eq!(s.services[0].vcpu, 2.0);
    }

    #[test]
    fn a_full_list_refuses_another_item() {
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        let costs = lists().iter().find(|l| l.key == "fixed_costs").unwrap();
        for _ in 0..costs.max_items {
            costs.push(&mut s).unwrap();
        }
        assert!(costs.push(&mut s).is_err());
        assert_eq!(s.fixed_costs.len(), costs.max_items);
    }

    #[test]
    fn every_item_field_has_a_valid_starting_value() {
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        for list in lists() {
            list.push(&mut s).unwrap();
            for field in &list.fields {
                let value = field.get(&s, 0).unwrap();
                assert!(field.check(&value).is_ok(), "{}.{}", list.key, field.key);
            }
        }
    }
}
