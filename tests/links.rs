#![cfg(not(target_arch = "wasm32"))]
//! Share links keep opening to the same scenario forever.
//!
//! `tests/links/v<N>.txt` are corpora of format-N links made with the CLI, each with the
//! headline figures it evaluated to when recorded (each file's header describes its format;
//! entries are only ever added). Every entry must decode and evaluate to the same figures to
//! 1e-9 relative, and an entry with ranges its recorded percentiles (`P50:<id>=…`) too. An
//! entry of the format its scenario is written in must also encode back to the identical
//! fragment; one of an older format encodes to a current-format link that reopens to the same
//! scenario. Links must also stay short enough to paste: the preset's under 400 characters, and
//! one with every field at its longest and every price its report shows overridden (the prices
//! the page offers to type over) under 2,000. Lists (services, customers, fixed costs) lengthen
//! a link with every item; one with every list full and every item at its longest, and every
//! price of the catalog overridden, stays under 32,768 characters, which every current browser
//! keeps whole in the address bar.

use headroom::catalog::Catalog;
use headroom::engine;
use headroom::export::link;
use headroom::scenario::fields::{self, Field, Kind, Value};
use headroom::scenario::{Scenario, presets};

/// Every corpus: (file, format, text).
const CORPORA: [(&str, u32, &str); 9] = [
    ("v1.txt", 1, include_str!("links/v1.txt")),
    ("v2.txt", 2, include_str!("links/v2.txt")),
    ("v3.txt", 3, include_str!("links/v3.txt")),
    ("v4.txt", 4, include_str!("links/v4.txt")),
    ("v5.txt", 5, include_str!("links/v5.txt")),
    ("v6.txt", 6, include_str!("links/v6.txt")),
    ("v7.txt", 7, include_str!("links/v7.txt")),
    ("v8.txt", 8, include_str!("links/v8.txt")),
    ("v9.txt", 9, include_str!("links/v9.txt")),
];

/// The headline figures every corpus entry records.
const HEADLINE: [&str; 2] = ["cost.total_monthly_usd", "deal.gross_margin_pct"];

/// The headline figures of runs, which every entry of a format before lists (when every
/// scenario had runs) records as well.
const RUNS_HEADLINE: [&str; 2] = ["load.peak_concurrent_runs", "llm.cost_per_month_usd"];

/// One corpus entry: where it is, the fragment, and the figures it evaluated to.
struct Entry {
    file: &'static str,
    format: u32,
    line: usize,
    fragment: &'static str,
    recorded: Vec<(&'static str, f64)>,
}

fn corpus() -> Vec<Entry> {
    CORPORA
        .iter()
        .flat_map(|(file, format, text)| {
            text.lines()
                .enumerate()
                .filter(|(_, text)| !text.trim().is_empty() && !text.starts_with('#'))
                .map(move |(i, text)| {
                    let line = i + 1;
                    let mut words = text.split(' ');
                    let fragment = words.next().unwrap_or_default();
                    let recorded = words
                        .map(|pair| {
                            let (id, value) = pair.split_once('=').unwrap_or_else(|| {
                                panic!("{file} line {line}: {pair:?} is not id=value")
                            });
                            let value = value
                                .parse()
                                .unwrap_or_else(|e| panic!("{file} line {line}: {value:?}: {e}"));
                            (id, value)
                        })
                        .collect();
                    Entry {
                        file,
                        format: *format,
                        line,
                        fragment,
                        recorded,
                    }
                })
        })
        .collect()
}

fn close(got: f64, expected: f64) -> bool {
    got == expected || (got - expected).abs() <= 1e-9 * expected.abs()
}

#[test]
fn corpus_is_well_formed() {
    let entries = corpus();
    for (file, format, _) in CORPORA {
        let count = entries.iter().filter(|e| e.file == file).count();
        let least = if format == 1 { 7 } else { 3 };
        assert!(count >= least, "{file} lost entries: {count}");
    }
    let mut fragments: Vec<&str> = entries.iter().map(|e| e.fragment).collect();
    fragments.sort_unstable();
    fragments.dedup();
    assert_eq!(fragments.len(), entries.len(), "a fragment appears twice");
    for entry in &entries {
        let prefix = format!("v{}.", entry.format);
        assert!(
            entry.fragment.starts_with(&prefix),
            "{} line {}",
            entry.file,
            entry.line
        );
        let runs = if entry.format < 6 {
            &RUNS_HEADLINE[..]
        } else {
            &[]
        };
        for id in HEADLINE.iter().chain(runs) {
            assert!(
                entry.recorded.iter().any(|(recorded, _)| recorded == id),
                "line {} does not record {id}",
                entry.line
            );
        }
    }
}

#[test]
fn every_recorded_link_opens_to_the_same_figures() {
    let mut mismatches = Vec::new();
    for entry in corpus() {
        let scenario = match link::decode(entry.fragment) {
            Ok(scenario) => scenario,
            Err(error) => {
                mismatches.push(format!(
                    "{} line {}: does not open: {error}",
                    entry.file, entry.line
                ));
                continue;
            }
        };
        let report = engine::evaluate(&scenario);
        let run = (!scenario.ranges.is_empty())
            .then(|| engine::uncertainty::simulate_with(&scenario, &report))
            .flatten();
        for (id, expected) in &entry.recorded {
            // `P10:<id>` (and P50, P90) records a figure's percentile over the Monte Carlo
            // samples of a link with ranges.
            let got = match id.split_once(':') {
                Some((percentile, id)) => {
                    let spread = run.as_ref().and_then(|run| run.spread(id));
                    spread.and_then(|p| match percentile {
                        "P10" => Some(p.p10),
                        "P50" => Some(p.p50),
                        "P90" => Some(p.p90),
                        _ => None,
                    })
                }
                None => report.value(id),
            };
            match got {
                Some(got) if close(got, *expected) => {}
                got => mismatches.push(format!(
                    "{} line {} ({}): {id}: recorded {expected}, now {got:?}",
                    entry.file, entry.line, scenario.name
                )),
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn every_recorded_link_encodes_back_to_itself() {
    // A scenario shares as one link text: if this fails while the figures above still hold, the
    // payload or its compression changed (a dependency upgrade, say); old links still open, but
    // the same scenario would now share as a different link.
    // An older format's link re-encodes in the current format, to the same scenario.
    for entry in corpus() {
        let scenario = link::decode(entry.fragment)
            .unwrap_or_else(|e| panic!("{} line {}: {e}", entry.file, entry.line));
        let encoded = link::encode(&scenario);
        // A link is written in the oldest format that carries its scenario (one without ranges
        // in format 8): an entry of that format encodes back to itself.
        if encoded.starts_with(&format!("v{}.", entry.format)) {
            assert_eq!(
                encoded, entry.fragment,
                "{} line {}",
                entry.file, entry.line
            );
        } else {
            assert_eq!(
                link::decode(&encoded),
                Ok(scenario),
                "{} line {}",
                entry.file,
                entry.line
            );
        }
    }
}

#[test]
fn every_format_has_a_corpus() {
    assert_eq!(CORPORA.len(), link::CURRENT_FORMAT as usize);
    for (i, (_, format, _)) in CORPORA.iter().enumerate() {
        assert_eq!(*format as usize, i + 1);
    }
}

#[test]
fn links_before_format_5_open_with_no_quota() {
    for entry in corpus().iter().filter(|e| e.format < 5) {
        let scenario = link::decode(entry.fragment).unwrap();
        assert_eq!(
            scenario.quotas.max_runs_per_hour_per_tenant, 0.0,
            "{} line {}",
            entry.file, entry.line
        );
    }
}

#[test]
fn links_before_format_4_open_with_no_cpu_bound() {
    for entry in corpus().iter().filter(|e| e.format < 4) {
        let scenario = link::decode(entry.fragment).unwrap();
        assert_eq!(
            scenario.compute.cpu_s_per_run, 0.0,
            "{} line {}",
            entry.file, entry.line
        );
    }
}

#[test]
fn links_before_format_3_open_with_no_growth() {
    for entry in corpus().iter().filter(|e| e.format < 3) {
        let scenario = link::decode(entry.fragment).unwrap();
        assert_eq!(
            scenario.growth,
            headroom::scenario::Growth::default(),
            "{} line {}",
            entry.file,
            entry.line
        );
    }
}

#[test]
fn a_format_1_link_opens_with_no_pool_and_no_rate_limit() {
    // Format 1 knew neither: its links open with nothing to check, and figures as they were.
    for entry in corpus().iter().filter(|e| e.format == 1) {
        let scenario = link::decode(entry.fragment).unwrap();
        assert_eq!(scenario.workers.slots, 0.0);
        assert_eq!(scenario.llm.rate_limit_requests_per_min, 0.0);
        assert_eq!(scenario.llm.rate_limit_tokens_per_min, 0.0);
        let report = engine::evaluate(&scenario);
        assert!(report.metrics.iter().all(|m| m.section() != "workers"));
        assert!(report.metric("llm.rate_limit_requests_used_pct").is_none());
    }
}

#[test]
fn corpus_names_keep_their_commas_quotes_and_spaces() {
    let names: Vec<String> = corpus()
        .iter()
        .map(|e| link::decode(e.fragment).unwrap().name)
        .collect();
    for expected in [
        "agent-platform",
        "Acme, \"pilot\" Q3",
        "three-customers",
        "  Acme pilot (spaces kept)  ",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected:?} not in {names:?}"
        );
    }
}

#[test]
fn the_preset_link_is_short() {
    let scenario = presets::by_id("agent-platform").unwrap().scenario();
    let url_fragment = format!("#{}", link::encode(&scenario));
    assert!(
        url_fragment.len() < 400,
        "{} characters: {url_fragment}",
        url_fragment.len()
    );
}

/// The longest decimal text among a number field's candidate values: its ends, a value with
/// seventeen significant digits, and for a range from zero the smallest positive double, whose
/// plain decimal runs to 326 characters.
fn longest_value(min: f64, max: f64, integer: bool) -> f64 {
    let mut candidates = vec![min, max];
    if !integer {
        candidates.push(min + (max - min) * 0.123_456_789_012_345_68);
        candidates.push(max - (max - min) * 1e-15);
        if min == 0.0 {
            candidates.push(f64::from_bits(1));
        }
    }
    candidates
        .into_iter()
        .filter(|v| (min..=max).contains(v))
        .max_by_key(|v| format!("{v}").len())
        .unwrap_or(max)
}

/// The value of a field that takes the most characters: the longest decimal of a number, the
/// longest option id of a choice, and for text as many characters as allowed, each four bytes
/// in UTF-8 and distinct (emoji and their neighbours), so that nothing compresses. `salt`
/// varies the text between list items.
fn longest_value_of(field: Field, scenario: &Scenario, salt: u32) -> Value {
    match *field.kind() {
        Kind::Number { min, max, integer } => Value::Number(longest_value(min, max, integer)),
        Kind::Text { max_chars } => Value::Text(
            (0..max_chars as u32)
                .filter_map(|i| char::from_u32(0x1F300 + i * 37 + salt))
                .collect(),
        ),
        kind => {
            let catalog = fields::catalog_of(scenario);
            let options = kind.options(catalog);
            let longest = options.iter().map(|(id, _)| *id).max_by_key(|id| id.len());
            Value::Text(longest.unwrap_or_default().to_string())
        }
    }
}

/// A scenario whose link is as long as a valid one gets: every text at its longest in
/// characters that neither compress nor fit in one byte, every number at its longest decimal,
/// and every catalog price overridden with seventeen significant digits.
fn longest_scenario() -> Scenario {
    let mut s = presets::by_id("agent-platform").unwrap().scenario();
    for field in fields::section_fields() {
        let value = longest_value_of(field, &s, 0);
        field.set(&mut s, &value);
    }
    if s.workload.steps_per_run > s.workload.max_steps_per_run {
        s.workload.max_steps_per_run = s.workload.steps_per_run.ceil();
    }
    // Aurora capacities come in steps of 0.5 ACU: the longest valid ones have one decimal.
    s.aurora.min_acu = 100.5;
    s.aurora.max_acu = 200.5;
    s.aurora.avg_acu = longest_value(100.5, 200.5, false);
    for price in Catalog::current().prices() {
        // A discount is at most 100%; any other price at seventeen significant digits.
        let longest = match price.unit.as_str() {
            "percent off" => longest_value(0.0, 100.0, false),
            _ => 987_654.321_098_765_4,
        };
        s.prices.insert(price.id.clone(), longest);
    }
    s
}

/// The longest scenario with every list full, every item's fields at their longest.
fn longest_scenario_with_lists() -> Scenario {
    let mut s = longest_scenario();
    for list in fields::lists() {
        while list.push(&mut s).is_ok() {}
        for index in 0..list.len(&s) {
            for position in 0..list.inputs.len() {
                let field = list.field_at(index, position).unwrap();
                let value = longest_value_of(field, &s, index as u32);
                field.set(&mut s, &value);
            }
        }
    }
    // Keep the rules that tie an item's fields together: a fixed instance (any size), a
    // request no longer on CPU than it is held, an average no higher than the peak.
    for service in &mut s.services {
        service.platform = headroom::scenario::Platform::Fixed;
        service.min_instances = service.min_instances.min(service.max_instances);
        service.cpu_ms_per_request = service.cpu_ms_per_request.min(service.latency_ms);
    }
    for group in &mut s.tenants {
        group.avg_qps = group.avg_qps.min(group.peak_qps);
        // A contract is 0 (the deal's) or at least $1 a year.
        group.contract_value_per_year_usd = longest_value(1.0, 1.0e10, false);
    }
    s
}

#[test]
fn the_longest_link_with_full_lists_still_fits_an_address_bar() {
    let s = longest_scenario_with_lists();
    assert!(s.validate().is_empty(), "{:?}", s.validate());
    assert_eq!(s.services.len(), 20);
    let url_fragment = format!("#{}", link::encode(&s));
    assert!(
        url_fragment.len() < 32_768,
        "{} characters",
        url_fragment.len()
    );
    assert!(
        link::decode(&url_fragment) == Ok(s),
        "the longest link does not reopen to its scenario"
    );
}

#[test]
fn the_longest_valid_link_stays_under_2000_characters() {
    // The page offers to type over the prices the report shows: those the scenario uses.
    let mut s = longest_scenario();
    let used: Vec<String> = engine::evaluate(&s)
        .prices
        .into_iter()
        .map(|p| p.id)
        .collect();
    s.prices = s
        .prices
        .iter()
        .filter(|(id, _)| used.iter().any(|u| u == id))
        .map(|(id, value)| (id.to_string(), *value))
        .collect();
    assert!(s.prices.len() >= 10, "{} prices", s.prices.len());
    assert!(s.validate().is_empty(), "{:?}", s.validate());
    assert_eq!(s.name.chars().count(), 60);
    let url_fragment = format!("#{}", link::encode(&s));
    assert!(
        url_fragment.len() < 2_000,
        "{} characters",
        url_fragment.len()
    );
    assert_eq!(link::decode(&url_fragment), Ok(s));
}

/// A comparison link holds two scenarios, each opening as its own link does; a scenario's own
/// link never reads as a comparison, whatever the corpus holds.
#[test]
fn a_comparison_link_opens_to_both_scenarios() {
    let a = presets::by_id("inventory-cloud-run").unwrap().scenario();
    let b = presets::by_id("ux-flow-engine").unwrap().scenario();
    let fragment = link::encode_comparison(&a, &b);
    let (first, second) = link::split_comparison(&fragment);
    assert_eq!(link::decode(first).unwrap(), a);
    assert_eq!(link::decode(second.unwrap()).unwrap(), b);
    for entry in corpus() {
        assert_eq!(
            link::split_comparison(entry.fragment),
            (entry.fragment, None)
        );
    }
    for preset in presets::all() {
        let own = link::encode(&preset.scenario());
        assert!(!own.contains(link::COMPARED_WITH), "{}", preset.id);
    }
}
