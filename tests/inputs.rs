#![cfg(not(target_arch = "wasm32"))]
//! Every input is declared once and appears everywhere it should: for every preset, the CSV's
//! input rows are exactly the inputs the form shows (list items' included, a switched-off
//! section's left out) with the values the scenario holds (numbers to four decimals), and the share link and the scenario
//! file reopen to the same scenario. The scenario file's groups are the registry's.

use std::collections::BTreeSet;

use headroom::engine;
use headroom::export::{csv, link};
use headroom::scenario::{Scenario, fields, presets};

/// The CSV's input rows: (id, value), in file order.
fn input_rows(text: &str) -> Vec<(String, String)> {
    let mut reader = ::csv::Reader::from_reader(text.trim_start_matches(csv::BOM).as_bytes());
    reader
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[0] == "Input")
        .map(|r| (r[1].to_string(), r[3].to_string()))
        .collect()
}

#[test]
fn every_preset_exports_the_inputs_the_form_shows_and_no_others() {
    for preset in presets::all() {
        let scenario = preset.scenario();
        let report = engine::evaluate(&scenario);
        let rows = input_rows(&csv::write(&scenario, &report));
        let shown: Vec<(String, String)> = fields::all(&scenario)
            .filter(|f| f.shown(&scenario))
            .map(|f| {
                // Numbers as a file for finance writes them: four decimals at most.
                let value = match f.get(&scenario).unwrap() {
                    fields::Value::Number(n) => headroom::format::exported(n),
                    other => other.to_text(),
                };
                (f.path().into_owned(), value)
            })
            .collect();
        assert_eq!(rows, shown, "{}", preset.id);
        let exported: BTreeSet<&str> = rows.iter().map(|(path, _)| path.as_str()).collect();
        for field in fields::all(&scenario).filter(|f| !f.shown(&scenario)) {
            assert!(
                !exported.contains(field.path().as_ref()),
                "{}: {} is exported though the form does not show it",
                preset.id,
                field.path()
            );
        }
        // A list item's inputs are exported like any other.
        for list in fields::lists() {
            if list.len(&scenario) > 0 {
                let prefix = format!("{}.0.", list.key);
                assert!(
                    exported.iter().any(|path| path.starts_with(&prefix)),
                    "{}: no input of {}",
                    preset.id,
                    list.key
                );
            }
        }
        assert_eq!(
            link::decode(&link::encode(&scenario)).as_ref(),
            Ok(&scenario),
            "{}",
            preset.id
        );
    }
}

#[test]
fn a_switched_off_section_exports_only_its_switch() {
    let scenario = presets::by_id("agent-platform").unwrap().scenario();
    assert!(!scenario.aurora.enabled);
    let report = engine::evaluate(&scenario);
    let rows = input_rows(&csv::write(&scenario, &report));
    let aurora: Vec<&str> = rows
        .iter()
        .map(|(path, _)| path.as_str())
        .filter(|path| path.starts_with("aurora."))
        .collect();
    assert_eq!(aurora, ["aurora.enabled"]);
    // Without runs, no run input is exported, not even from a section that stays on.
    let requests = presets::by_id("inventory-cloud-run").unwrap().scenario();
    let report = engine::evaluate(&requests);
    let rows = input_rows(&csv::write(&requests, &report));
    assert!(rows.iter().all(|(path, _)| path != "workload.runs_per_day"));
    assert!(rows.iter().all(|(path, _)| path != "llm.model"));
    assert!(rows.iter().any(|(path, _)| path == "services.0.latency_ms"));
}

#[test]
fn the_scenario_file_holds_every_group_of_the_registry() {
    let mut scenario = Scenario::default();
    for list in fields::lists() {
        list.push(&mut scenario).unwrap();
    }
    let json = serde_json::to_value(&scenario).unwrap();
    let keys: BTreeSet<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected: BTreeSet<&str> = fields::groups()
        .iter()
        .map(|g| g.key())
        .filter(|k| !k.is_empty())
        .collect();
    expected.extend(["name", "catalog"]);
    assert_eq!(keys, expected);
    // A file that leaves an input out means the input's starting value.
    let sparse: Scenario =
        serde_json::from_str(r#"{"name": "sparse", "workload": {"runs_per_day": 20000}}"#).unwrap();
    assert_eq!(sparse.workload.runs_per_day, 20_000.0);
    assert_eq!(
        sparse.workload.steps_per_run,
        Scenario::default().workload.steps_per_run
    );
    assert!(serde_json::from_str::<Scenario>(r#"{"workload": {"warp": 9}}"#).is_err());
}
