//! The share link: a whole scenario in the URL fragment, so it never reaches a server.
//!
//! A link is `#v<format>.<payload>`. The payload is the scenario as one CSV record — the
//! catalog version, then the fields of every format up to this one ([`FORMATS`]) in order, then
//! any price overrides as id, value pairs — compressed with raw DEFLATE (`miniz_oxide`) and
//! written in unpadded base64url (`base64`).
//!
//! A format's fields never change once links exist. A new field means a new format that
//! appends it, with the value a link of an older format stands for (the value under which that
//! link's report is unchanged), so every older link keeps opening to the same figures.
//!
//! ```
//! use headroom::{export::link, scenario::presets};
//! let scenario = presets::by_id("agent-platform").unwrap().scenario();
//! let fragment = link::encode(&scenario);
//! assert!(fragment.starts_with("v5."));
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

/// The fields each format added, in payload order: format N carries those of formats 1 to N.
/// Frozen: links in the wild depend on every entry.
pub const FORMATS: [&[Added]; 5] = [
    &V1_FIELDS_ADDED,
    &V2_FIELDS_ADDED,
    &V3_FIELDS_ADDED,
    &V4_FIELDS_ADDED,
    &V5_FIELDS_ADDED,
];

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

/// The largest payload a link may inflate to; a real scenario is a few hundred bytes.
const MAX_PAYLOAD_BYTES: usize = 64 * 1024;

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
    for path in FORMATS
        .iter()
        .flat_map(|added| added.iter().map(|a| a.path))
    {
        let value = fields::by_path(path).map(|f| f.get(scenario).to_text());
        record.push(value.unwrap_or_default());
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
    let (carried, later) = FORMATS.split_at(format);
    for path in carried
        .iter()
        .flat_map(|added| added.iter().map(|a| a.path))
    {
        let cell = cells
            .next()
            .ok_or_else(|| damaged("it holds too few values"))?;
        let field = fields::by_path(path).ok_or_else(|| damaged("it names an unknown field"))?;
        let value = field
            .parse(cell)
            .map_err(|e| LinkError::Damaged(format!("{} is out of range ({e})", field.label)))?;
        field.set(&mut scenario, value);
    }
    for added in later.iter().flat_map(|added| added.iter()) {
        let field =
            fields::by_path(added.path).ok_or_else(|| damaged("it names an unknown field"))?;
        let value = field
            .parse(added.before)
            .map_err(|e| LinkError::Damaged(format!("{}: {e}", field.label)))?;
        field.set(&mut scenario, value);
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
        FORMATS[..format]
            .iter()
            .flat_map(|added| added.iter().map(|a| a.path))
            .collect()
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
    }

    #[test]
    fn fields_added_later_have_a_valid_value_for_older_links() {
        for added in FORMATS[1..].iter().flat_map(|added| added.iter()) {
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
