//! The share link: a whole scenario in the URL fragment, so it never reaches a server.
//!
//! A link is `#v<format>.<payload>`: one CSV record compressed with raw DEFLATE (`miniz_oxide`)
//! and written in unpadded base64url (`base64`). The record starts with the catalog version,
//! then holds, by position, the value of every input the positional formats carried — the
//! inputs whose declaration says they first appeared in format 1, then 2, up to 6, each group in
//! form order — then each list as its item count followed by its items' inputs, likewise.
//!
//! What follows is keyed, `path=value`: the inputs declared since format 6 whose value differs
//! from their starting value (`services.0.new_input=2`), and the price overrides. Format 8 keys
//! an override by the price's row in the link's catalog (`$12=0.5`; a catalog version never
//! reorders its rows, so the row names the same price forever), which keeps a link short however
//! many prices the catalog grows to; format 7 keyed it by the catalog id
//! (`prices.<catalog id>=<value>`), which format 8 still reads. Format 9 adds the inputs given
//! as a range, `~path=low..high` (with `:uniform` or `:triangular` for a shape other than
//! lognormal, as [`crate::scenario::ranges`] writes them); a scenario without ranges is still
//! written in format 8, so that its link opens in every build since. A new input never changes the
//! format: a link made before the input existed opens with it at its starting value, which its
//! declaration keeps the value under which the older scenario's figures are unchanged. Formats
//! 1 to 6 end with the price overrides as id, value pairs, and open with every input they did
//! not carry at its starting value.
//!
//! ```
//! use headroom::{export::link, scenario::presets};
//! let scenario = presets::by_id("inventory-cloud-run").unwrap().scenario();
//! let fragment = link::encode(&scenario);
//! assert!(fragment.starts_with("v8."));
//! assert_eq!(link::decode(&fragment).unwrap(), scenario);
//! let mut uncertain = scenario.clone();
//! let range = headroom::scenario::ranges::read_unchecked("20..60:uniform").unwrap();
//! uncertain.ranges.insert("tenants.1.peak_qps".into(), range);
//! let fragment = link::encode(&uncertain);
//! assert!(fragment.starts_with(&format!("v{}.", link::CURRENT_FORMAT)));
//! assert_eq!(link::decode(&fragment).unwrap(), uncertain);
//! assert!(link::decode("v1.not-a-scenario").is_err());
//! ```

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::catalog::Catalog;
use crate::records;
use crate::scenario::Scenario;
use crate::scenario::fields::{self, Field, ListEntry, Owner};
use crate::scenario::inputs::{Value, echo, escaped};
use crate::scenario::ranges::read_unchecked;

/// The format new links are written in: positional, then keyed, so that it never needs to
/// change.
pub const CURRENT_FORMAT: u32 = 9;

/// The last format that carried new inputs by position; every format since carries the
/// inputs of this one by position and any later ones keyed.
pub const LAST_POSITIONAL_FORMAT: u8 = 6;

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
    /// The link sets an input this build does not know (a newer Headroom).
    UnknownInput(String),
    /// The link prices with a catalog this build does not ship.
    UnknownCatalog(String),
    /// The link is cut short or altered: the payload does not decode.
    Damaged(String),
    /// The link decodes, but holds a value out of its range or that breaks a rule.
    Refused(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::NotALink => write!(
                f,
                "This is not a Headroom scenario link (such a link starts with #v and a number, as in #v{}.).",
                CURRENT_FORMAT - 1
            ),
            LinkError::UnknownFormat(v) => write!(
                f,
                "This link uses scenario format {}, which this version of Headroom does not know; it was probably made by a newer version.",
                echo(v)
            ),
            LinkError::UnknownInput(path) => write!(
                f,
                "This link sets {}, which this version of Headroom does not know; it was probably made by a newer version.",
                echo(path)
            ),
            LinkError::UnknownCatalog(v) => write!(
                f,
                "This link is priced with catalog “{}”, which this version of Headroom does not ship.",
                echo(v)
            ),
            LinkError::Damaged(why) => write!(
                f,
                "This link is damaged (perhaps cut short when it was copied): {}.",
                why.trim_end_matches('.')
            ),
            LinkError::Refused(why) => write!(
                f,
                "This link holds a value Headroom does not accept: {}.",
                why.trim_end_matches('.')
            ),
        }
    }
}

impl std::error::Error for LinkError {}

fn damaged(why: &str) -> LinkError {
    LinkError::Damaged(why.to_string())
}

/// A value the link holds that `what` does not accept, and why; `what` is escaped and cut short,
/// since a link may name anything.
fn out_of_range(what: &str, why: &str) -> LinkError {
    LinkError::Refused(format!(
        "{}: {}",
        escaped(what, 80),
        escaped(why.trim_end_matches('.'), 200)
    ))
}

/// What joins the two scenarios of a comparison link, `#<scenario>~vs~<compared with>`: the
/// scenario opens as the work, and the page compares it with the other. Neither a link's
/// base64url nor its `v<format>.` prefix ever holds a `~`, so no single scenario's link is
/// read as a comparison.
pub const COMPARED_WITH: &str = "~vs~";

/// The fragment (without `#`) of a comparison link: `scenario` compared with `other`.
pub fn encode_comparison(scenario: &Scenario, other: &Scenario) -> String {
    format!("{}{COMPARED_WITH}{}", encode(scenario), encode(other))
}

/// A fragment's scenario and, for a comparison link, the fragment of the scenario it is
/// compared with; a fragment without [`COMPARED_WITH`] is all scenario.
pub fn split_comparison(fragment: &str) -> (&str, Option<&str>) {
    match fragment.split_once(COMPARED_WITH) {
        Some((scenario, other)) => (scenario, Some(other)),
        None => (fragment, None),
    }
}

/// The fragment (without `#`) that reopens `scenario`.
pub fn encode(scenario: &Scenario) -> String {
    let mut record: Vec<String> = Vec::with_capacity(128 + scenario.prices.len());
    record.push(scenario.catalog.clone());
    let text = |field: Field| field.get(scenario).map(|v| v.to_text()).unwrap_or_default();
    for field in positional_fields(LAST_POSITIONAL_FORMAT) {
        record.push(text(field));
    }
    for list in fields::lists() {
        let carried = positional_item_inputs(list, LAST_POSITIONAL_FORMAT);
        if carried.is_empty() {
            continue;
        }
        let len = list.len(scenario);
        record.push(len.to_string());
        for index in 0..len {
            for position in &carried {
                record.extend(list.field_at(index, *position).map(text));
            }
        }
    }
    for field in fields::section_fields().filter(|f| f.input().since == 0) {
        keep_changed(&mut record, scenario, field, &field.default_value());
    }
    for list in fields::lists() {
        let keyed: Vec<usize> = (0..list.inputs.len())
            .filter(|p| list.inputs[*p].since == 0)
            .collect();
        for index in 0..list.len(scenario) {
            for position in &keyed {
                if let Some(field) = list.field_at(index, *position) {
                    keep_changed(&mut record, scenario, field, &field.default_value());
                }
            }
        }
    }
    let catalog = Catalog::by_version(&scenario.catalog);
    for (id, value) in &scenario.prices {
        match catalog.and_then(|c| c.row_of(id)) {
            Some(row) => record.push(format!("${row}={value}")),
            None => record.push(format!("prices.{id}={value}")),
        }
    }
    for (path, range) in scenario.ranges.iter() {
        record.push(format!("~{path}={}", range.to_text()));
    }
    // A scenario of point values is written in the format before ranges, which every build
    // since format 8 opens.
    let format = if scenario.ranges.is_empty() {
        CURRENT_FORMAT - 1
    } else {
        CURRENT_FORMAT
    };
    let mut payload = String::new();
    records::write(&mut payload, &record, "");
    let compressed = miniz_oxide::deflate::compress_to_vec(payload.as_bytes(), 10);
    format!("v{format}.{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// Adds `path=value` to a keyed record when the field's value is not its starting value.
fn keep_changed(record: &mut Vec<String>, scenario: &Scenario, field: Field, start: &Value) {
    if let Some(value) = field.get(scenario).filter(|v| v != start) {
        record.push(format!("{}={}", field.path(), value.to_text()));
    }
}

/// The scenario a fragment (with or without its leading `#`) holds.
pub fn decode(fragment: &str) -> Result<Scenario, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    let (version, payload) = fragment
        .strip_prefix('v')
        .and_then(|rest| rest.split_once('.'))
        .ok_or(LinkError::NotALink)?;
    // A format is a number written as Headroom writes it: digits, no leading zero, from 1.
    if version.is_empty()
        || !version.chars().all(|c| c.is_ascii_digit())
        || version.starts_with('0')
    {
        return Err(LinkError::NotALink);
    }
    let format = match version.parse::<u32>() {
        Ok(format) if (1..=CURRENT_FORMAT).contains(&format) => format,
        _ => return Err(LinkError::UnknownFormat(version.to_string())),
    };
    let compressed = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| damaged("it is incomplete or has characters a link never has"))?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_PAYLOAD_BYTES)
        .map_err(|_| damaged("its data does not unpack"))?;
    let text = std::str::from_utf8(&bytes).map_err(|_| damaged("its data is not a scenario"))?;
    let mut records = records::read(text).into_iter();
    let record = records
        .next()
        .ok_or_else(|| damaged("its data is not a scenario"))?;
    if records.next().is_some() {
        return Err(damaged("its data holds more than one scenario"));
    }
    let mut cells = record.iter().map(String::as_str);
    let catalog = cells.next().unwrap_or_default();
    if Catalog::by_version(catalog).is_none() {
        return Err(LinkError::UnknownCatalog(catalog.to_string()));
    }
    let mut scenario = Scenario {
        catalog: catalog.to_string(),
        ..Scenario::default()
    };
    let positional =
        u8::try_from(format).map_or(LAST_POSITIONAL_FORMAT, |f| f.min(LAST_POSITIONAL_FORMAT));
    let rest = read_positional(&mut scenario, positional, &mut cells)?;
    if format > u32::from(LAST_POSITIONAL_FORMAT) {
        read_keyed(&mut scenario, rest, format)?;
    } else {
        read_price_pairs(&mut scenario, rest)?;
    }
    if let Some(error) = scenario.validate().into_iter().next() {
        let what = Field::resolve(&error.path, &scenario).map_or(error.path, describe);
        return Err(out_of_range(&what, &error.message));
    }
    Ok(scenario)
}

/// Reads the keyed cells that end a record, `path=value` each: inputs declared since the
/// positional formats, and price overrides (by catalog row from format 8).
fn read_keyed(scenario: &mut Scenario, cells: Vec<&str>, format: u32) -> Result<(), LinkError> {
    // No scenario sets more than every keyed input of every section and of a list's every
    // item, and every price: more is damage. Within that, a name set twice is found by
    // comparing each with those before it.
    let keyed_inputs = fields::section_fields()
        .filter(|f| f.input().since == 0)
        .count()
        + fields::lists()
            .map(|l| l.max_items * l.inputs.iter().filter(|i| i.since == 0).count())
            .sum::<usize>();
    let prices = Catalog::by_version(&scenario.catalog).map_or(0, |c| c.prices().len());
    let ranges = match format >= 9 {
        true => {
            fields::section_fields().count()
                + fields::lists()
                    .map(|l| l.max_items * l.inputs.len())
                    .sum::<usize>()
        }
        false => 0,
    };
    if cells.len() > keyed_inputs + prices + ranges {
        return Err(damaged("it holds more values than a scenario has"));
    }
    let names: Vec<&str> = cells
        .iter()
        .filter_map(|c| Some(c.split_once('=')?.0))
        .collect();
    for (at, name) in names.iter().enumerate() {
        if names[..at].contains(name) {
            return Err(LinkError::Damaged(format!("it sets {} twice", echo(name))));
        }
    }
    for cell in cells {
        let (key, text) = cell
            .split_once('=')
            .filter(|(key, _)| !key.is_empty())
            .ok_or_else(|| damaged("a value has no name"))?;
        if let Some(path) = key.strip_prefix('~').filter(|_| format >= 9) {
            if path.is_empty() {
                return Err(damaged("a range has no name"));
            }
            let field = resolve(path, scenario)?;
            let range = read_unchecked(text)
                .ok_or_else(|| out_of_range(&describe(field), "its range is not low..high"))?;
            scenario.ranges.insert(path.to_string(), range);
            continue;
        }
        let row = key.strip_prefix('$').filter(|_| format >= 8);
        let id = match row {
            Some(row) => Some(
                row.parse::<usize>()
                    .ok()
                    .and_then(|row| Catalog::by_version(&scenario.catalog)?.prices().get(row))
                    .map(|price| price.id.as_str())
                    .ok_or_else(|| damaged("it overrides a price its catalog does not have"))?,
            ),
            None => key.strip_prefix("prices."),
        };
        if let Some(id) = id {
            // -0 is 0: a price typed as nothing but a sign is read as the number it is.
            let price: f64 = text
                .parse::<f64>()
                .map_err(|_| damaged("a price override is not a number"))?
                + 0.0;
            if scenario.prices.insert(id.to_string(), price).is_some() {
                return Err(LinkError::Damaged(format!(
                    "it sets the price {} twice",
                    echo(id)
                )));
            }
        } else {
            let field = resolve(key, scenario)?;
            if field.input().since != 0 {
                return Err(LinkError::Damaged(format!(
                    "it sets {} again after its place",
                    echo(key)
                )));
            }
            let value = field
                .parse(text, scenario)
                .map_err(|e| out_of_range(&describe(field), &e))?;
            field.set(scenario, &value);
        }
    }
    Ok(())
}

/// The field at `path` that a keyed cell names. An item the list has, but an input this build
/// does not know, is from a newer version; an item beyond the list's length is damage.
fn resolve(path: &str, scenario: &Scenario) -> Result<Field, LinkError> {
    Field::resolve(path, scenario).ok_or_else(|| {
        let mut parts = path.splitn(3, '.');
        let list = parts.next().and_then(fields::list);
        let index = parts.next().and_then(|i| i.parse::<usize>().ok());
        match (list, index) {
            (Some(list), Some(index)) if index >= list.len(scenario) => {
                damaged("it sets an item its list does not have")
            }
            _ => LinkError::UnknownInput(path.to_string()),
        }
    })
}

/// The section fields a positional link of `format` carries, in payload order: those that
/// first appeared in format 1, then 2, … up to `format`, each in form order.
fn positional_fields(format: u8) -> Vec<Field> {
    (1..=format)
        .flat_map(|since| fields::section_fields().filter(move |f| f.input().since == since))
        .collect()
}

/// The item inputs a positional link of `format` carries for `list`, as positions in its
/// inputs, in payload order; empty when the format predates the list.
fn positional_item_inputs(list: &ListEntry, format: u8) -> Vec<usize> {
    (1..=format)
        .flat_map(|since| (0..list.inputs.len()).filter(move |p| list.inputs[*p].since == since))
        .collect()
}

/// Reads the cells a positional format carries into a scenario at its starting values, and
/// returns the cells that follow.
fn read_positional<'a>(
    scenario: &mut Scenario,
    format: u8,
    cells: &mut impl Iterator<Item = &'a str>,
) -> Result<Vec<&'a str>, LinkError> {
    for field in positional_fields(format) {
        let cell = cells
            .next()
            .ok_or_else(|| damaged("it holds too few values"))?;
        let value = field
            .parse(cell, scenario)
            .map_err(|e| out_of_range(field.label(), &e))?;
        field.set(scenario, &value);
    }
    for list in fields::lists() {
        let carried = positional_item_inputs(list, format);
        if carried.is_empty() {
            continue;
        }
        let count: usize = cells
            .next()
            .and_then(|c| c.parse().ok())
            .filter(|n| *n <= list.max_items)
            .ok_or_else(|| damaged("a list's length is missing or too long"))?;
        for index in 0..count {
            list.push_default(scenario)
                .map_err(|e| LinkError::Damaged(e.to_string()))?;
            for position in &carried {
                let cell = cells
                    .next()
                    .ok_or_else(|| damaged("it holds too few values"))?;
                let Some(field) = list.field_at(index, *position) else {
                    return Err(damaged("it names an unknown field"));
                };
                let value = field
                    .parse(cell, scenario)
                    .map_err(|e| out_of_range(&describe(field), &e))?;
                field.set(scenario, &value);
            }
        }
    }
    Ok(cells.collect())
}

/// Reads the price overrides that end a record of formats 1 to 6: id, value pairs.
fn read_price_pairs(scenario: &mut Scenario, rest: Vec<&str>) -> Result<(), LinkError> {
    if !rest.len().is_multiple_of(2) {
        return Err(damaged("a price override has no value"));
    }
    for pair in rest.chunks(2) {
        let price: f64 = pair[1]
            .parse()
            .map_err(|_| damaged("a price override is not a number"))?;
        if scenario.prices.insert(pair[0].to_string(), price).is_some() {
            return Err(LinkError::Damaged(format!(
                "it sets the price {} twice",
                echo(pair[0])
            )));
        }
    }
    Ok(())
}

/// A field as a person finds it in the form: "Service 2: vCPU per instance".
fn describe(field: Field) -> String {
    match field.owner {
        Owner::Item(list, index) => format!("{} {}: {}", list.item_label, index + 1, field.label()),
        Owner::Section(_) => field.label().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::inputs::is_unsafe_in_text;
    use crate::scenario::presets;

    fn carried(format: u8) -> Vec<String> {
        positional_fields(format)
            .iter()
            .map(|f| f.path().into_owned())
            .collect()
    }

    #[test]
    fn the_positional_formats_keep_their_payload_order() {
        // The first and last inputs of each positional format, as links in the wild hold them.
        assert_eq!(
            carried(1)[..3],
            ["name", "workload.runs_per_day", "workload.peak_to_average"]
        );
        assert_eq!(carried(1).last().unwrap(), "deal.hours_per_month");
        assert_eq!(carried(1).len(), 34);
        assert_eq!(
            carried(2)[34..],
            [
                "llm.rate_limit_requests_per_min",
                "llm.rate_limit_tokens_per_min",
                "workers.slots",
                "workers.p95_wait_target_s"
            ]
        );
        assert_eq!(carried(3).len(), 42);
        assert_eq!(carried(4)[42], "compute.cpu_s_per_run");
        assert_eq!(carried(5)[43], "quotas.max_runs_per_hour_per_tenant");
        let six = carried(6);
        assert_eq!(six.len(), 44 + 49);
        assert_eq!(six[44], "workload.enabled");
        assert_eq!(six.last().unwrap(), "quotas.max_action_timeout_s");
        let services = fields::list("services").unwrap();
        assert_eq!(positional_item_inputs(services, 6).len(), 18);
        assert!(positional_item_inputs(services, 5).is_empty());
    }

    #[test]
    fn every_input_is_positional_or_keyed_only() {
        for field in fields::section_fields() {
            assert!(
                field.input().since <= LAST_POSITIONAL_FORMAT,
                "{}",
                field.path()
            );
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
    fn overrides_round_trip() {
        let mut scenario = presets::by_id("agent-platform").unwrap().scenario();
        scenario
            .prices
            .insert("gcp.run.request.vcpu_second".into(), 0.00002);
        scenario.name = "Acme, \"pilot\"".into();
        assert_eq!(decode(&encode(&scenario)).unwrap(), scenario);
    }

    /// A current link of the starting scenario with these cells appended to its record.
    fn with_tail(cells: &[&str]) -> String {
        let fragment = encode(&Scenario::default());
        let (_, payload) = fragment.split_once('.').unwrap();
        let compressed = URL_SAFE_NO_PAD.decode(payload).unwrap();
        let mut record = miniz_oxide::inflate::decompress_to_vec(&compressed).unwrap();
        for cell in cells {
            record.push(b',');
            record.extend_from_slice(cell.as_bytes());
        }
        let compressed = miniz_oxide::deflate::compress_to_vec(&record, 10);
        format!("v{CURRENT_FORMAT}.{}", URL_SAFE_NO_PAD.encode(compressed))
    }

    /// Found by trying hostile links in the page, which shows the message as it is: a price id
    /// with a line break and a right-to-left override, or of 200,000 characters, reached the
    /// notice whole.
    #[test]
    fn a_refused_value_was_quoted_whole_and_unescaped() {
        let long = format!("prices.{}=1", "Q".repeat(200_000));
        for cell in ["\"prices.a\nb\u{202e}catalog=1\"", long.as_str()] {
            let message = decode(&with_tail(&[cell])).unwrap_err().to_string();
            assert!(message.starts_with("This link holds a value"), "{message}");
            assert!(
                message.chars().count() < 400,
                "{} characters",
                message.len()
            );
            assert!(!message.chars().any(is_unsafe_in_text), "{message:?}");
        }
        // A value out of its range is refused, not called damaged, and reads once.
        let fragment = with_tail(&["workload.runs_per_day=-5"]);
        let message = decode(&fragment).unwrap_err().to_string();
        assert!(
            !message.contains(".)") && !message.contains(".."),
            "{message}"
        );
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        let fragment = encode(&presets::by_id("agent-platform").unwrap().scenario());
        let cut = &fragment[..fragment.len() / 2];
        assert!(matches!(decode(cut), Err(LinkError::Damaged(_))));
        assert_eq!(
            decode("v99.abc"),
            Err(LinkError::UnknownFormat("99".into()))
        );
        assert_eq!(decode("hello"), Err(LinkError::NotALink));
        assert!(matches!(decode("v1.!!!"), Err(LinkError::Damaged(_))));
        assert_eq!(decode(&with_tail(&[])), Ok(Scenario::default()));
        assert_eq!(
            decode(&with_tail(&["workload.warp_factor=9"])),
            Err(LinkError::UnknownInput("workload.warp_factor".into()))
        );
        assert!(matches!(
            decode(&with_tail(&["prices.aws.alb.hour=1", "prices.aws.alb.hour=2"])),
            Err(LinkError::Damaged(m)) if m.contains("twice")
        ));
        // From format 8 an override names its price by its row in the link's catalog.
        let catalog = Catalog::current();
        let row = catalog.row_of("aws.alb.hour").unwrap();
        let by_row = decode(&with_tail(&[&format!("${row}=0.03")])).unwrap();
        assert_eq!(by_row.prices.get("aws.alb.hour"), Some(&0.03));
        let fragment = encode(&by_row);
        let payload = URL_SAFE_NO_PAD
            .decode(fragment.split_once('.').unwrap().1)
            .unwrap();
        let record = miniz_oxide::inflate::decompress_to_vec(&payload).unwrap();
        let record = String::from_utf8(record).unwrap();
        assert!(record.ends_with(&format!(",${row}=0.03")), "{record}");
        assert_eq!(decode(&encode(&by_row)), Ok(by_row));
        assert!(matches!(
            decode(&with_tail(&[&format!("${row}=1"), "prices.aws.alb.hour=2"])),
            Err(LinkError::Damaged(m)) if m.contains("twice")
        ));
        // More values than any scenario sets: damage, refused before it is read.
        let many: Vec<String> = (0..5_000).map(|i| format!("k{i}=1")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(matches!(
            decode(&with_tail(&many)),
            Err(LinkError::Damaged(m)) if m.contains("more values")
        ));
        let beyond = catalog.prices().len();
        for cell in [
            format!("${beyond}=1"),
            "$-1=1".to_string(),
            "$x=1".to_string(),
        ] {
            assert!(matches!(
                decode(&with_tail(&[&cell])),
                Err(LinkError::Damaged(m)) if m.contains("does not have")
            ));
        }
        assert!(matches!(
            decode(&with_tail(&["workload.runs_per_day=5"])),
            Err(LinkError::Damaged(m)) if m.contains("after its place")
        ));
        assert!(matches!(
            decode(&with_tail(&["services.0.vcpu=2"])),
            Err(LinkError::Damaged(m)) if m.contains("item")
        ));
        assert!(matches!(
            decode(&with_tail(&["no equals sign"])),
            Err(LinkError::Damaged(_))
        ));
        assert!(matches!(
            decode(&with_tail(&["=1"])),
            Err(LinkError::Damaged(_))
        ));
        // An input this build does not know on an item the link has: made by a newer version.
        let mut one = Scenario::default();
        fields::list("services").unwrap().push(&mut one).unwrap();
        let (_, payload) = encode(&one)
            .split_once('.')
            .map(|(v, p)| (v.to_string(), p.to_string()))
            .unwrap();
        let compressed = URL_SAFE_NO_PAD.decode(payload).unwrap();
        let mut record = miniz_oxide::inflate::decompress_to_vec(&compressed).unwrap();
        record.extend_from_slice(b",services.0.new_input=2");
        let compressed = miniz_oxide::deflate::compress_to_vec(&record, 10);
        let newer = format!("v7.{}", URL_SAFE_NO_PAD.encode(compressed));
        assert_eq!(
            decode(&newer),
            Err(LinkError::UnknownInput("services.0.new_input".into()))
        );
        let error = decode(&with_tail(&["prices.no.such.price=1"]))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("no.such.price") && !error.contains(".."),
            "{error}"
        );
    }

    #[test]
    fn out_of_range_values_in_a_link_are_refused() {
        let mut scenario = presets::by_id("agent-platform").unwrap().scenario();
        scenario.workload.peak_to_average = 1_000.0;
        let error = decode(&encode(&scenario)).unwrap_err();
        assert!(error.to_string().contains("Peak-to-average"), "{error}");
        // A rule tying inputs together names the first of them as the form labels it: the
        // deal's count of customers, for customers listed with contracts.
        let mut scenario = presets::by_id("inventory-cloud-run").unwrap().scenario();
        scenario.deal.customers = 2.0;
        let error = decode(&encode(&scenario)).unwrap_err().to_string();
        assert!(
            error.contains(": Customers: 3 customers are listed"),
            "{error}"
        );
        // A price override of -0 is 0.
        let mut scenario = presets::by_id("agent-platform").unwrap().scenario();
        scenario.prices.insert("aws.alb.hour".into(), -0.0);
        let reopened = decode(&encode(&scenario)).unwrap();
        assert!(
            reopened
                .prices
                .get("aws.alb.hour")
                .unwrap()
                .is_sign_positive()
        );
    }
}
