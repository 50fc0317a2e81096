//! The share link: a whole scenario in the URL fragment, so it never reaches a server.
//!
//! A link is `#v<format>.<payload>`. The payload is the scenario as one CSV record — the
//! catalog version, then the fields of every format up to this one ([`FORMATS`]) in order, then
//! each list as its number of items followed by each item's fields, then any price overrides
//! as id, value pairs — compressed with raw DEFLATE (`miniz_oxide`) and written in unpadded
//! base64url (`base64`).
//!
//! A format's fields never change once links exist. A new field means a new format that
//! appends it, with the value a link of an older format stands for (the value under which that
//! link's report is unchanged), so every older link keeps opening to the same figures.
//!
//! ```
//! use headroom::{export::link, scenario::presets};
//! let scenario = presets::by_id("agent-platform").unwrap().scenario();
//! let fragment = link::encode(&scenario);
//! assert!(fragment.starts_with("v6."));
//! assert_eq!(link::decode(&fragment).unwrap(), scenario);
//! assert!(link::decode("v1.not-a-scenario").is_err());
//! ```

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::catalog::Catalog;
use crate::scenario::Scenario;
use crate::scenario::fields;

/// The format new links are written in.
pub const CURRENT_FORMAT: u32 = FORMATS.len() as u32;

/// What each format added, in payload order: format N carries the fields and lists of formats
/// 1 to N. Frozen: links in the wild depend on every entry.
pub const FORMATS: [Format; 6] = [
    Format::fields(&V1_FIELDS_ADDED),
    Format::fields(&V2_FIELDS_ADDED),
    Format::fields(&V3_FIELDS_ADDED),
    Format::fields(&V4_FIELDS_ADDED),
    Format::fields(&V5_FIELDS_ADDED),
    Format {
        fields: &V6_FIELDS_ADDED,
        lists: &[
            ("tenants", &V6_TENANTS_ADDED),
            ("services", &V6_SERVICES_ADDED),
            ("fixed_costs", &V6_FIXED_COSTS_ADDED),
        ],
    },
];

/// What one format added.
pub struct Format {
    /// Fields of the scenario, appended after those of earlier formats.
    pub fields: &'static [Added],
    /// Lists, by key, with the item fields the format added to each (a list's first format
    /// adds all of them; a later one may append more).
    pub lists: &'static [(&'static str, &'static [Added])],
}

impl Format {
    const fn fields(fields: &'static [Added]) -> Format {
        Format { fields, lists: &[] }
    }
}

/// The scalar fields a link of `format` carries, in payload order.
fn carried_fields(format: usize) -> impl Iterator<Item = &'static Added> {
    FORMATS[..format].iter().flat_map(|f| f.fields.iter())
}

/// The lists a link of `format` carries, in payload order, each with the item fields it
/// carries.
fn carried_lists(format: usize) -> Vec<(&'static str, Vec<&'static Added>)> {
    let mut layout: Vec<(&'static str, Vec<&'static Added>)> = Vec::new();
    for (key, added) in FORMATS[..format].iter().flat_map(|f| f.lists.iter()) {
        match layout.iter_mut().find(|(k, _)| k == key) {
            Some((_, fields)) => fields.extend(added.iter()),
            None => layout.push((key, added.iter().collect())),
        }
    }
    layout
}

/// A field a format added, and the value it takes when a link of an earlier format opens.
pub struct Added {
    /// The field's path.
    pub path: &'static str,
    /// Its value in a link made before the field existed.
    pub before: &'static str,
}

const fn first(path: &'static str) -> Added {
    Added { path, before: "" }
}

/// Format 1: the first release.
const V1_FIELDS_ADDED: [Added; 34] = [
    first("name"),
    first("workload.runs_per_day"),
    first("workload.peak_to_average"),
    first("workload.run_duration_s"),
    first("workload.burst_concurrent_runs"),
    first("workload.steps_per_run"),
    first("workload.max_steps_per_run"),
    first("workload.tool_call_share_pct"),
    first("workload.tool_call_latency_s"),
    first("workload.stream_events_per_step"),
    first("workload.clients_per_run"),
    first("llm.model"),
    first("llm.custom_input_usd_per_mtok"),
    first("llm.custom_cached_input_usd_per_mtok"),
    first("llm.custom_output_usd_per_mtok"),
    first("llm.input_tokens_per_call"),
    first("llm.output_tokens_per_call"),
    first("llm.cached_input_share_pct"),
    first("llm.calls_per_step"),
    first("llm.token_budget_per_run"),
    first("storage.metadata_kb_per_step"),
    first("storage.context_kb_per_step"),
    first("storage.retention_days"),
    first("compute.vcpu_per_instance"),
    first("compute.memory_gib_per_instance"),
    first("compute.concurrency_per_instance"),
    first("compute.min_instances"),
    first("compute.max_instances"),
    first("compute.billing"),
    first("compute.target_utilization_pct"),
    first("compute.free_tier"),
    first("deal.customers"),
    first("deal.contract_value_per_year_usd"),
    first("deal.hours_per_month"),
];

/// Format 2: the provider's LLM rate limits and the worker pool. A format-1 link knew neither,
/// so it opens with no limit to check and no pool sized.
const V2_FIELDS_ADDED: [Added; 4] = [
    Added {
        path: "llm.rate_limit_requests_per_min",
        before: "0",
    },
    Added {
        path: "llm.rate_limit_tokens_per_min",
        before: "0",
    },
    Added {
        path: "workers.slots",
        before: "0",
    },
    Added {
        path: "workers.p95_wait_target_s",
        before: "5",
    },
];

/// Format 3: growth of the customer base for the month-by-month projection. An older link opens
/// with no growth: its customers stay as at launch for 24 months.
const V3_FIELDS_ADDED: [Added; 4] = [
    Added {
        path: "growth.months",
        before: "24",
    },
    Added {
        path: "growth.customers_at_6_months",
        before: "0",
    },
    Added {
        path: "growth.customers_at_12_months",
        before: "0",
    },
    Added {
        path: "growth.customers_at_24_months",
        before: "0",
    },
];

/// Format 4: CPU time per run, which bounds an instance besides its concurrency. An older link
/// opens with none: concurrency alone sizes its instances, as it did.
const V4_FIELDS_ADDED: [Added; 1] = [Added {
    path: "compute.cpu_s_per_run",
    before: "0",
}];

/// Format 5: the per-tenant runs-per-hour quota. An older link opens with no quota.
const V5_FIELDS_ADDED: [Added; 1] = [Added {
    path: "quotas.max_runs_per_hour_per_tenant",
    before: "0",
}];

/// Format 6: the components and workload shapes beyond runs — users, customers or tenant
/// groups, a list of services, databases, cache, messaging, network, fixed costs — with the
/// growth milestones of runs and the remaining quotas. An older link opens with runs, LLM,
/// ledger and run executor on, as they always were, and every new component off.
const V6_FIELDS_ADDED: [Added; 49] = [
    Added {
        path: "workload.enabled",
        before: "yes",
    },
    Added {
        path: "workload.peak_runs_per_min",
        before: "0",
    },
    Added {
        path: "llm.enabled",
        before: "yes",
    },
    Added {
        path: "storage.enabled",
        before: "yes",
    },
    Added {
        path: "compute.enabled",
        before: "yes",
    },
    Added {
        path: "users.enabled",
        before: "no",
    },
    Added {
        path: "users.concurrent_peak",
        before: "500",
    },
    Added {
        path: "users.concurrent_pct_of_dau",
        before: "5",
    },
    Added {
        path: "users.dau_pct_of_mau",
        before: "20",
    },
    Added {
        path: "users.requests_per_user_per_s",
        before: "1",
    },
    Added {
        path: "users.connections_per_user",
        before: "1",
    },
    Added {
        path: "users.peak_to_average",
        before: "3",
    },
    Added {
        path: "aurora.enabled",
        before: "no",
    },
    Added {
        path: "aurora.config",
        before: "standard",
    },
    Added {
        path: "aurora.min_acu",
        before: "0.5",
    },
    Added {
        path: "aurora.max_acu",
        before: "16",
    },
    Added {
        path: "aurora.avg_acu",
        before: "2",
    },
    Added {
        path: "aurora.storage_gb",
        before: "10",
    },
    Added {
        path: "aurora.storage_growth_gb_per_month",
        before: "0",
    },
    Added {
        path: "aurora.io_millions_per_month",
        before: "0",
    },
    Added {
        path: "firestore.enabled",
        before: "no",
    },
    Added {
        path: "firestore.location",
        before: "regional",
    },
    Added {
        path: "firestore.storage_gib",
        before: "1",
    },
    Added {
        path: "firestore.free_tier",
        before: "yes",
    },
    Added {
        path: "postgres.enabled",
        before: "no",
    },
    Added {
        path: "postgres.usd_per_month",
        before: "0",
    },
    Added {
        path: "postgres.max_connections",
        before: "100",
    },
    Added {
        path: "cache.enabled",
        before: "no",
    },
    Added {
        path: "cache.node",
        before: "aws.elasticache.t4g_small.valkey_hour",
    },
    Added {
        path: "cache.nodes",
        before: "1",
    },
    Added {
        path: "cache.custom_usd_per_node_hour",
        before: "0",
    },
    Added {
        path: "messaging.kind",
        before: "none",
    },
    Added {
        path: "messaging.events_per_day",
        before: "0",
    },
    Added {
        path: "messaging.peak_to_average",
        before: "3",
    },
    Added {
        path: "messaging.broker_usd_per_month",
        before: "0",
    },
    Added {
        path: "messaging.broker_capacity_msgs_per_s",
        before: "1000",
    },
    Added {
        path: "network.egress",
        before: "none",
    },
    Added {
        path: "network.response_kb",
        before: "10",
    },
    Added {
        path: "network.other_egress_gb_per_month",
        before: "0",
    },
    Added {
        path: "network.load_balancer",
        before: "none",
    },
    Added {
        path: "network.forwarding_rules",
        before: "1",
    },
    Added {
        path: "network.alb_rules",
        before: "1",
    },
    Added {
        path: "growth.runs_per_day_at_6_months",
        before: "0",
    },
    Added {
        path: "growth.runs_per_day_at_12_months",
        before: "0",
    },
    Added {
        path: "growth.runs_per_day_at_24_months",
        before: "0",
    },
    Added {
        path: "quotas.busiest_tenant_multiple",
        before: "1",
    },
    Added {
        path: "quotas.max_workflows_per_tenant",
        before: "0",
    },
    Added {
        path: "quotas.workflows_per_tenant",
        before: "0",
    },
    Added {
        path: "quotas.max_action_timeout_s",
        before: "0",
    },
];

/// Format 6: the fields of each item of `tenants`.
const V6_TENANTS_ADDED: [Added; 6] = [
    first("name"),
    first("peak_qps"),
    first("avg_qps"),
    first("reads_per_day"),
    first("writes_per_day"),
    first("deletes_per_day"),
];

/// Format 6: the fields of each item of `services`.
const V6_SERVICES_ADDED: [Added; 18] = [
    first("name"),
    first("platform"),
    first("driver"),
    first("share_pct"),
    first("latency_ms"),
    first("cpu_ms_per_request"),
    first("concurrency_per_instance"),
    first("vcpu"),
    first("memory_gib"),
    first("min_instances"),
    first("max_instances"),
    first("target_utilization_pct"),
    first("billing"),
    first("arch"),
    first("spot_share_pct"),
    first("spot_discount_pct"),
    first("usd_per_instance_hour"),
    first("db_pool_per_instance"),
];

/// Format 6: the fields of each item of `fixed_costs`.
const V6_FIXED_COSTS_ADDED: [Added; 2] = [first("name"), first("usd_per_month")];

/// The largest payload a link may inflate to. A real scenario is a few hundred bytes; one with
/// every list full of the longest names is under 100 KB.
const MAX_PAYLOAD_BYTES: usize = 256 * 1024;

/// Why a link could not be opened.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// The link has no `v<number>.` prefix.
    NotALink,
    /// The link was made by a format this build does not know (a newer Headroom).
    UnknownFormat(String),
    /// The link prices with a catalog this build does not ship.
    UnknownCatalog(String),
    /// The link is cut short or altered: the payload does not decode.
    Damaged(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::NotALink => write!(
                f,
                "This is not a Headroom scenario link (it should start with #v1.)."
            ),
            LinkError::UnknownFormat(v) => write!(
                f,
                "This link uses scenario format {v}, which this version of Headroom does not know; it was probably made by a newer version."
            ),
            LinkError::UnknownCatalog(v) => write!(
                f,
                "This link is priced with catalog {v}, which this version of Headroom does not ship."
            ),
            LinkError::Damaged(why) => write!(
                f,
                "This link is damaged (perhaps cut short when it was copied): {why}."
            ),
        }
    }
}

impl std::error::Error for LinkError {}

/// The fragment (without `#`) that reopens `scenario`.
pub fn encode(scenario: &Scenario) -> String {
    let mut record: Vec<String> = Vec::with_capacity(64 + 2 * scenario.prices.len());
    record.push(scenario.catalog.clone());
    for added in carried_fields(FORMATS.len()) {
        let value = fields::by_path(added.path).map(|f| f.get(scenario).to_text());
        record.push(value.unwrap_or_default());
    }
    for (key, item_fields) in carried_lists(FORMATS.len()) {
        let Some(list) = fields::lists().iter().find(|l| l.key == key) else {
            record.push("0".to_string());
            continue;
        };
        let len = list.len(scenario);
        record.push(len.to_string());
        for index in 0..len {
            for added in &item_fields {
                let value = list
                    .field(added.path)
                    .and_then(|f| f.get(scenario, index))
                    .map(|v| v.to_text());
                record.push(value.unwrap_or_default());
            }
        }
    }
    for (id, value) in &scenario.prices {
        record.push(id.clone());
        record.push(format!("{value}"));
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(&record);
    let payload = writer.into_inner().unwrap_or_default();
    let payload = payload.strip_suffix(b"\n").unwrap_or(&payload);
    let compressed = miniz_oxide::deflate::compress_to_vec(payload, 10);
    format!("v{CURRENT_FORMAT}.{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// The scenario a fragment (with or without its leading `#`) holds.
pub fn decode(fragment: &str) -> Result<Scenario, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    let (version, payload) = fragment
        .strip_prefix('v')
        .and_then(|rest| rest.split_once('.'))
        .ok_or(LinkError::NotALink)?;
    if version.is_empty() || !version.chars().all(|c| c.is_ascii_digit()) {
        return Err(LinkError::NotALink);
    }
    match version.parse::<usize>() {
        Ok(format) if (1..=FORMATS.len()).contains(&format) => decode_format(format, payload),
        _ => Err(LinkError::UnknownFormat(version.to_string())),
    }
}

fn decode_format(format: usize, payload: &str) -> Result<Scenario, LinkError> {
    let damaged = |why: &str| LinkError::Damaged(why.to_string());
    let compressed = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| damaged("it is incomplete or has characters a link never has"))?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_PAYLOAD_BYTES)
        .map_err(|_| damaged("its data does not unpack"))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice());
    let record = reader
        .records()
        .next()
        .and_then(Result::ok)
        .ok_or_else(|| damaged("its data is not a scenario"))?;
    let mut cells = record.iter();
    let catalog = cells.next().unwrap_or_default();
    if Catalog::by_version(catalog).is_none() {
        return Err(LinkError::UnknownCatalog(catalog.to_string()));
    }
    // Every field of the scenario is in the payload, so the starting values are all replaced.
    let mut scenario = crate::scenario::presets::all()[0].scenario();
    scenario.catalog = catalog.to_string();
    scenario.prices.clear();
    for list in fields::lists() {
        list.truncate(&mut scenario, 0);
    }
    for added in carried_fields(format) {
        let cell = cells
            .next()
            .ok_or_else(|| damaged("it holds too few values"))?;
        let field =
            fields::by_path(added.path).ok_or_else(|| damaged("it names an unknown field"))?;
        let value = field
            .parse(cell)
            .map_err(|e| LinkError::Damaged(format!("{} is out of range ({e})", field.label)))?;
        field.set(&mut scenario, value);
    }
    for added in FORMATS[format..].iter().flat_map(|f| f.fields.iter()) {
        let field =
            fields::by_path(added.path).ok_or_else(|| damaged("it names an unknown field"))?;
        let value = field
            .parse(added.before)
            .map_err(|e| LinkError::Damaged(format!("{}: {e}", field.label)))?;
        field.set(&mut scenario, value);
    }
    let current_lists = carried_lists(FORMATS.len());
    for (key, item_fields) in carried_lists(format) {
        let list = fields::lists()
            .iter()
            .find(|l| l.key == key)
            .ok_or_else(|| damaged("it names an unknown list"))?;
        let count: usize = cells
            .next()
            .and_then(|c| c.parse().ok())
            .filter(|n| *n <= list.max_items)
            .ok_or_else(|| damaged("a list's length is missing or too long"))?;
        let later: Vec<&Added> = current_lists
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, all)| all[item_fields.len()..].to_vec())
            .unwrap_or_default();
        for index in 0..count {
            list.push(&mut scenario)
                .map_err(|e| LinkError::Damaged(e.to_string()))?;
            for added in &item_fields {
                let cell = cells
                    .next()
                    .ok_or_else(|| damaged("it holds too few values"))?;
                let field = list
                    .field(added.path)
                    .ok_or_else(|| damaged("it names an unknown field"))?;
                let value = field.parse(cell).map_err(|e| {
                    LinkError::Damaged(format!(
                        "{} {}: {} is out of range ({e})",
                        list.item_label,
                        index + 1,
                        field.label
                    ))
                })?;
                field.set(&mut scenario, index, value);
            }
            for added in &later {
                let field = list
                    .field(added.path)
                    .ok_or_else(|| damaged("it names an unknown field"))?;
                let value = field
                    .parse(added.before)
                    .map_err(|e| LinkError::Damaged(format!("{}: {e}", field.label)))?;
                field.set(&mut scenario, index, value);
            }
        }
    }
    let rest: Vec<&str> = cells.collect();
    if !rest.len().is_multiple_of(2) {
        return Err(damaged("a price override has no value"));
    }
    for pair in rest.chunks(2) {
        let price: f64 = pair[1]
            .parse()
            .map_err(|_| damaged("a price override is not a number"))?;
        scenario.prices.insert(pair[0].to_string(), price);
    }
    if let Some(error) = scenario.validate().into_iter().next() {
        return Err(LinkError::Damaged(format!(
            "{}: {}",
            error.path, error.message
        )));
    }
    Ok(scenario)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    fn carried(format: usize) -> Vec<&'static str> {
        carried_fields(format).map(|a| a.path).collect()
    }

    #[test]
    fn the_current_format_carries_every_field_once() {
        let paths = carried(FORMATS.len());
        for field in fields::all() {
            assert_eq!(
                paths.iter().filter(|p| **p == field.path).count(),
                1,
                "{}",
                field.path
            );
        }
        assert_eq!(paths.len(), fields::all().len());
        let lists = carried_lists(FORMATS.len());
        assert_eq!(lists.len(), fields::lists().len());
        for list in fields::lists() {
            let (_, carried) = lists.iter().find(|(k, _)| *k == list.key).unwrap();
            let keys: Vec<&str> = carried.iter().map(|a| a.path).collect();
            let expected: Vec<&str> = list.fields.iter().map(|f| f.key).collect();
            assert_eq!(keys, expected, "{}", list.key);
        }
    }

    #[test]
    fn lists_round_trip() {
        let mut scenario = presets::by_id("agent-platform").unwrap().scenario();
        for list in fields::lists() {
            list.push(&mut scenario).unwrap();
            list.push(&mut scenario).unwrap();
        }
        scenario.services[1].name = "ai, \"core\"".into();
        scenario.services[1].vcpu = 2.0;
        scenario.services[1].memory_gib = 4.0;
        scenario.tenants[0].peak_qps = 50.0;
        scenario.fixed_costs[1].usd_per_month = 25.0;
        scenario.aurora.enabled = true;
        scenario
            .prices
            .insert("gcp.run.request.vcpu_second".into(), 0.00002);
        assert_eq!(decode(&encode(&scenario)).unwrap(), scenario);
    }

    #[test]
    fn fields_added_later_have_a_valid_value_for_older_links() {
        for added in FORMATS[1..].iter().flat_map(|f| f.fields.iter()) {
            let field = fields::by_path(added.path).unwrap();
            assert!(field.parse(added.before).is_ok(), "{}", added.path);
        }
    }

    #[test]
    fn overrides_round_trip() {
        let mut scenario = presets::by_id("agent-platform").unwrap().scenario();
        scenario
            .prices
            .insert("gcp.run.request.vcpu_second".into(), 0.00002);
        scenario.name = "Acme, \"pilot\"".into();
        assert_eq!(decode(&encode(&scenario)).unwrap(), scenario);
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        let fragment = encode(&presets::by_id("agent-platform").unwrap().scenario());
        let cut = &fragment[..fragment.len() / 2];
        assert!(matches!(decode(cut), Err(LinkError::Damaged(_))));
        assert_eq!(decode("v9.abc"), Err(LinkError::UnknownFormat("9".into())));
        assert_eq!(decode("hello"), Err(LinkError::NotALink));
        assert!(matches!(decode("v1.!!!"), Err(LinkError::Damaged(_))));
    }

    #[test]
    fn out_of_range_values_in_a_link_are_refused() {
        let mut scenario = presets::by_id("agent-platform").unwrap().scenario();
        scenario.workload.peak_to_average = 1_000.0;
        let error = decode(&encode(&scenario)).unwrap_err();
        assert!(error.to_string().contains("Peak-to-average"), "{error}");
    }
}
