#![cfg(not(target_arch = "wasm32"))]
//! The `headroom` binary, run as a user runs it (`std::process::Command` on the built binary).
//!
//! - `eval --format json` carries every metric's value, unit, label and formula, and the findings;
//! - `eval --format csv` is byte for byte what the library's CSV export writes (the browser's
//!   download), and `--format scenario` reopens as a file to the same report;
//! - `--set` edits a field before evaluating;
//! - every problem with the arguments, a file or a link exits with status 2 and one line on
//!   stderr naming it, what the file or link holds quoted escaped and cut short; output that
//!   cannot be written exits with status 1 and says so;
//! - `link` prints a fragment that `eval` reopens to the same numbers; `presets` lists them.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use headroom::export::link;
use headroom::scenario::presets;
use headroom::{engine, export};
use serde_json::Value;

/// Runs the binary with `args`.
fn headroom(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(args)
        .output()
        .expect("the headroom binary runs")
}

/// Runs the binary, expects success, and returns its stdout.
fn stdout_of(args: &[&str]) -> String {
    let output = headroom(args);
    assert!(
        output.status.success(),
        "headroom {args:?} exited with {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "headroom {args:?} wrote to stderr"
    );
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

/// Runs the binary, expects the usage-error status, and returns its one line of stderr.
fn usage_error_of(args: &[&str]) -> String {
    let output = headroom(args);
    assert_eq!(output.status.code(), Some(2), "headroom {args:?}");
    assert!(
        output.stdout.is_empty(),
        "headroom {args:?} printed to stdout on error"
    );
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "headroom {args:?} should print one line, printed: {stderr:?}"
    );
    assert!(lines[0].starts_with("headroom: "), "{stderr:?}");
    lines[0].to_string()
}

/// A path in the temporary directory no other test (or test run) uses; removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn with(contents: &str) -> TempFile {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "headroom-cli-test-{}-{}.json",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::write(&path, contents).expect("the temporary file is written");
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("the temporary path is UTF-8")
    }
}

/// A scenario file of `preset` with the edit `set`, as `eval --format scenario` writes it.
fn scenario_file(preset: &str, set: &str) -> TempFile {
    TempFile::with(&stdout_of(&[
        "eval", "--preset", preset, "--set", set, "--format", "scenario",
    ]))
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&stdout_of(args)).expect("--format json prints JSON")
}

/// A number as it reads back after serde_json prints and parses it. Without its
/// `float_roundtrip` feature serde_json's parser may land one unit in the last place away from
/// the shortest decimal the CLI prints, so the library's value takes the same path for an exact
/// comparison.
fn as_json_reads_it(value: f64) -> Value {
    serde_json::from_str(&serde_json::to_string(&value).unwrap()).unwrap()
}

fn metric_value(report: &Value, id: &str) -> f64 {
    report["metrics"][id]["value"]
        .as_f64()
        .unwrap_or_else(|| panic!("no value for {id}"))
}

#[test]
fn json_report_carries_every_metric_with_its_formula() {
    let report = json_of(&["eval", "--preset", "agent-platform", "--format", "json"]);
    let metrics = report["metrics"].as_object().expect("metrics is an object");
    let scenario = presets::by_id("agent-platform").unwrap().scenario();
    let expected = engine::evaluate(&scenario);
    assert_eq!(metrics.len(), expected.metrics.len());
    for m in &expected.metrics {
        let got = &metrics[m.id.as_ref()];
        assert_eq!(got["value"], as_json_reads_it(m.value), "{}", m.id);
        assert_eq!(got["unit"].as_str(), Some(m.unit.symbol()), "{}", m.id);
        assert_eq!(got["label"].as_str(), Some(m.label.as_ref()), "{}", m.id);
        assert_eq!(
            got["formula"].as_str(),
            Some(m.formula.as_str()),
            "{}",
            m.id
        );
        assert!(!m.formula.is_empty(), "{}", m.id);
    }
    let warnings = report["warnings"].as_array().expect("warnings is an array");
    assert_eq!(warnings.len(), expected.warnings.len());
    for (got, w) in warnings.iter().zip(&expected.warnings) {
        assert_eq!(got["id"].as_str(), Some(w.id.as_ref()));
        assert_eq!(got["severity"].as_str(), Some(w.severity.as_str()));
        assert_eq!(got["message"].as_str(), Some(w.message.as_str()));
    }
}

#[test]
fn csv_is_the_browser_download_byte_for_byte() {
    let printed = headroom(&["eval", "--preset", "agent-platform", "--format", "csv"]);
    assert!(printed.status.success());
    let scenario = presets::by_id("agent-platform").unwrap().scenario();
    let expected = export::csv::write(&scenario, &engine::evaluate(&scenario));
    assert_eq!(printed.stdout, expected.as_bytes());
}

#[test]
fn projection_csv_is_the_browser_download_byte_for_byte() {
    let printed = headroom(&[
        "eval",
        "--preset",
        "workflow-saas",
        "--format",
        "projection-csv",
    ]);
    assert!(printed.status.success());
    let scenario = presets::by_id("workflow-saas").unwrap().scenario();
    let expected = export::csv::write_projection(&engine::evaluate(&scenario), None);
    assert_eq!(printed.stdout, expected.as_bytes());
}

/// Found by a review: the command line's projection CSV left out the band that the page's
/// "Export projection" ends with. A scenario with a range gives the same bytes in both.
#[test]
fn projection_csv_of_a_scenario_with_ranges_carries_its_band() {
    let set = "workload.runs_per_day=8000..12000";
    let printed = stdout_of(&[
        "eval",
        "--preset",
        "agent-platform",
        "--set",
        set,
        "--format",
        "projection-csv",
    ]);
    let mut scenario = presets::by_id("agent-platform").unwrap().scenario();
    let field =
        headroom::scenario::fields::Field::resolve("workload.runs_per_day", &scenario).unwrap();
    let range = headroom::scenario::ranges::Range::parse("8000..12000", field, &scenario).unwrap();
    engine::uncertainty::give_range(&mut scenario, field, range);
    let report = engine::evaluate(&scenario);
    let run = engine::uncertainty::simulate_with(&scenario, &report);
    assert_eq!(
        printed,
        export::csv::write_projection(&report, run.as_ref())
    );
    assert!(
        printed.contains("\nprojection.gross_margin_pct.p90,"),
        "{printed}"
    );
}

/// Reads every preset's CSV as finance's tools do, with Python's `csv` module and exact
/// decimals: the bill's lines add up to the summary's total, to the cent; the projection's
/// launch column is that total too, and its months add up across its cost rows.
#[test]
fn python_reads_the_csvs_and_the_bill_adds_up() {
    const CHECK: &str = r#"
import csv, sys
from decimal import Decimal
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    rows = list(csv.DictReader(f))
summary = {r["id"]: r for r in rows if r["section"] == "Summary"}
total = Decimal(summary["cost.total_monthly_usd"]["value"])
bill = [Decimal(r["value"]) for r in rows if r["section"] == "Bill"]
assert bill, "no bill lines"
assert sum(bill) == total, (sum(bill), total)
assert rows[0]["section"] == "Summary", rows[0]
for r in rows:
    if r["section"] == "Finding":
        assert r["severity"] in ("info", "warning"), r
        assert r["unit"] == "", r
    if r["section"] == "Price":
        assert r["formula"] == "", r
with open(sys.argv[2], newline="", encoding="utf-8-sig") as f:
    plan = list(csv.reader(f))
assert plan[0][:4] == ["id", "label", "unit", "Launch"], plan[0]
by_id = {r[0]: r for r in plan[1:]}
launch_total = Decimal(by_id["projection.total_monthly_usd"][3])
assert launch_total == total, (launch_total, total)
costs = [r for r in plan[1:] if r[0].endswith("_monthly_usd") and r[0] not in ("projection.total_monthly_usd", "projection.revenue_monthly_usd")]
for month in range(3, len(plan[0])):
    parts = sum(Decimal(r[month]) for r in costs)
    whole = Decimal(by_id["projection.total_monthly_usd"][month])
    assert abs(parts - whole) <= Decimal("0.01") * len(costs), (plan[0][month], parts, whole)
print("ok", len(bill))
"#;
    for preset in presets::all() {
        let bill = TempFile::with(&stdout_of(&[
            "eval", "--preset", preset.id, "--format", "csv",
        ]));
        let plan = TempFile::with(&stdout_of(&[
            "eval",
            "--preset",
            preset.id,
            "--format",
            "projection-csv",
        ]));
        let run = std::process::Command::new("python3")
            .args(["-c", CHECK, bill.path(), plan.path()])
            .output()
            .expect("python3 runs");
        assert!(
            run.status.success(),
            "{}: {}",
            preset.id,
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(String::from_utf8_lossy(&run.stdout).starts_with("ok "));
    }
}

#[test]
fn scenario_output_reopens_to_the_same_report() {
    let preset_json = stdout_of(&["eval", "--preset", "agent-platform", "--format", "json"]);
    let file = TempFile::with(&stdout_of(&[
        "eval",
        "--preset",
        "agent-platform",
        "--format",
        "scenario",
    ]));
    let reopened = stdout_of(&["eval", file.path(), "--format", "json"]);
    assert_eq!(reopened, preset_json);
}

#[test]
fn set_edits_a_field_before_evaluating() {
    let base = json_of(&["eval", "--preset", "agent-platform", "--format", "json"]);
    let doubled = json_of(&[
        "eval",
        "--preset",
        "agent-platform",
        "--set",
        "workload.runs_per_day=20000",
        "--format",
        "json",
    ]);
    assert_eq!(metric_value(&base, "load.steps_per_day"), 60_000.0);
    assert_eq!(metric_value(&doubled, "load.steps_per_day"), 120_000.0);
    assert_eq!(metric_value(&doubled, "load.runs_per_day"), 20_000.0);
}

#[test]
fn set_accepts_a_price_override() {
    let report = json_of(&[
        "eval",
        "--preset",
        "agent-platform",
        "--set",
        "prices.gcp.run.request.vcpu_second=0.00002",
        "--format",
        "json",
    ]);
    let vcpu_seconds = metric_value(&report, "capacity.vcpu_seconds_per_month");
    let cpu = metric_value(&report, "cost.compute_cpu_monthly_usd");
    assert!(
        (cpu - vcpu_seconds * 0.000_02).abs() <= 1e-12 * cpu,
        "{cpu}"
    );
}

#[test]
fn unknown_field_is_a_usage_error() {
    let line = usage_error_of(&[
        "eval",
        "--preset",
        "agent-platform",
        "--set",
        "workload.runs_per_hour=5",
    ]);
    assert!(line.contains("workload.runs_per_hour"), "{line}");
}

#[test]
fn out_of_range_value_is_a_usage_error() {
    let line = usage_error_of(&[
        "eval",
        "--preset",
        "agent-platform",
        "--set",
        "workload.peak_to_average=1000",
    ]);
    assert!(line.contains("workload.peak_to_average"), "{line}");
    assert!(line.contains("from 1 to 100"), "{line}");
}

#[test]
fn min_above_max_instances_is_a_usage_error() {
    let line = usage_error_of(&[
        "eval",
        "--preset",
        "agent-platform",
        "--set",
        "compute.min_instances=200",
    ]);
    assert!(line.contains("compute.min_instances"), "{line}");
}

#[test]
fn missing_preset_is_a_usage_error() {
    let line = usage_error_of(&["eval", "--preset", "no-such-preset"]);
    assert!(line.contains("no-such-preset"), "{line}");
    assert!(
        line.contains("agent-platform"),
        "the line lists the presets: {line}"
    );
}

#[test]
fn missing_file_is_a_usage_error() {
    let path = std::env::temp_dir().join(format!(
        "headroom-cli-test-{}-absent.json",
        std::process::id()
    ));
    let path = path.to_str().unwrap();
    let line = usage_error_of(&["eval", path]);
    assert!(line.contains(path), "{line}");
}

#[test]
fn damaged_link_is_a_usage_error() {
    let fragment = stdout_of(&["link", "--preset", "agent-platform"]);
    let cut = &fragment.trim()[..fragment.trim().len() / 2];
    let line = usage_error_of(&["eval", cut]);
    assert!(line.contains("damaged"), "{line}");
    let line = usage_error_of(&["eval", "#v1.!!!"]);
    assert!(line.contains("damaged"), "{line}");
    let line = usage_error_of(&["eval", "#v10.abc"]);
    assert!(line.contains("format 10"), "{line}");
    // Standard base64 in place of base64url: a damaged link, not a file.
    for source in ["#v8.ab/cd+e", "v8.ab/cd+e"] {
        let line = usage_error_of(&["eval", source]);
        assert!(line.contains("damaged"), "{line}");
    }
}

#[test]
fn non_json_file_is_a_usage_error() {
    let file = TempFile::with("runs_per_day = 10000\n");
    let line = usage_error_of(&["eval", file.path()]);
    assert!(
        line.contains(file.path()) && line.contains("not a valid scenario"),
        "{line}"
    );
}

#[test]
fn invalid_scenario_file_is_a_usage_error() {
    let mut scenario = presets::by_id("agent-platform").unwrap().scenario();
    scenario.workload.runs_per_day = -5.0;
    let file = TempFile::with(&serde_json::to_string(&scenario).unwrap());
    let line = usage_error_of(&["eval", file.path()]);
    assert!(line.contains("workload.runs_per_day"), "{line}");
}

#[test]
fn set_without_a_value_is_a_usage_error() {
    let line = usage_error_of(&[
        "eval",
        "--preset",
        "agent-platform",
        "--set",
        "workload.runs_per_day",
    ]);
    assert!(line.contains("PATH=VALUE"), "{line}");
}

#[test]
fn unknown_format_is_a_usage_error() {
    // clap's own message runs to several lines; the CLI keeps the first.
    let line = usage_error_of(&["eval", "--preset", "agent-platform", "--format", "xml"]);
    assert!(line.contains("xml"), "{line}");
}

#[test]
fn no_scenario_is_a_usage_error() {
    let line = usage_error_of(&["eval"]);
    assert!(line.contains("--preset"), "{line}");
}

#[test]
fn link_reopens_to_the_same_numbers() {
    let printed = stdout_of(&["link", "--preset", "agent-platform"]);
    assert!(printed.ends_with('\n'));
    let fragment = printed.trim_end();
    // A scenario of point values is written in the format before ranges.
    let prefix = format!("#v{}.", headroom::export::link::CURRENT_FORMAT - 1);
    assert!(fragment.starts_with(&prefix), "{fragment}");
    let preset_json = stdout_of(&["eval", "--preset", "agent-platform", "--format", "json"]);
    assert_eq!(
        stdout_of(&["eval", fragment, "--format", "json"]),
        preset_json
    );
    // A whole URL and a fragment without its `#` open too.
    let url = format!("https://headroom.example/{fragment}");
    assert_eq!(stdout_of(&["eval", &url, "--format", "json"]), preset_json);
    assert_eq!(
        stdout_of(&["eval", &fragment[1..], "--format", "json"]),
        preset_json
    );
}

#[test]
fn link_of_a_file_matches_the_library() {
    let mut scenario = presets::by_id("agent-platform").unwrap().scenario();
    scenario.name = "Acme, \"pilot\"".to_string();
    scenario.deal.customers = 3.0;
    let file = TempFile::with(&serde_json::to_string_pretty(&scenario).unwrap());
    let printed = stdout_of(&["link", file.path()]);
    assert_eq!(printed, format!("#{}\n", export::link::encode(&scenario)));
}

/// `link` takes the `--set`s `eval` takes, ranges included: the link of a preset with an edit
/// is the link of the scenario file `eval` writes with it; a bad edit is refused alike.
#[test]
fn link_takes_edits_as_eval_does() {
    let set = "workload.runs_per_day=8000..12000:uniform";
    let file = scenario_file("agent-platform", set);
    assert_eq!(
        stdout_of(&["link", "--preset", "agent-platform", "--set", set]),
        stdout_of(&["link", file.path()])
    );
    let error = usage_error_of(&[
        "link",
        "--preset",
        "agent-platform",
        "--set",
        "workload.runs_per_day=-1",
    ]);
    assert!(error.contains("workload.runs_per_day"), "{error}");
}

#[test]
fn presets_lists_agent_platform() {
    let listed = stdout_of(&["presets"]);
    let ids: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(ids.contains(&"agent-platform"), "{listed}");
    assert_eq!(ids.len(), presets::all().len(), "{listed}");
}

#[test]
fn table_names_each_metric_id() {
    let table = stdout_of(&["eval", "--preset", "agent-platform"]);
    let scenario = presets::by_id("agent-platform").unwrap().scenario();
    for m in &engine::evaluate(&scenario).metrics {
        assert!(
            table.contains(m.id.as_ref()),
            "{} is missing from the table",
            m.id
        );
    }
    assert!(table.contains("$24,638/month"), "{table}");
}

/// A share link whose payload is `record`, compressed and encoded as the app does: a way to
/// craft links a hostile sender could.
fn crafted_link(format: u32, record: &str) -> String {
    use base64::Engine;
    let compressed = miniz_oxide::deflate::compress_to_vec(record.as_bytes(), 9);
    format!(
        "#v{format}.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(compressed)
    )
}

#[test]
fn errors_quote_what_a_link_holds_escaped_cut_short_and_on_one_line() {
    // A catalog name with a terminal title change, a bell, a screen clear and a line break
    // (quoted, so that the break stays inside the cell).
    let hostile = "\"\u{1b}]0;owned\u{7}\u{1b}[2J\nsecond line\"";
    let line = usage_error_of(&["eval", &crafted_link(7, hostile)]);
    assert!(!line.chars().any(char::is_control), "{line:?}");
    assert!(line.contains("\\u{1b}]0;owned\\u{7}"), "{line}");
    // A catalog name of 200,000 characters makes a short message.
    let long = "x".repeat(200_000);
    let line = usage_error_of(&["eval", &crafted_link(7, &long)]);
    assert!(line.chars().count() < 500, "{} characters", line.len());
    // A preset name likewise.
    let line = usage_error_of(&["eval", "--preset", "a\u{1b}[31mred\nb"]);
    assert!(line.contains("a\\u{1b}[31mred\\u{a}b"), "{line}");
}

/// Found by the fuzzer: a scenario file with a field name of 48 DEL characters made a 654-byte
/// message, each escape (`\u{7f}`) counted as one character of the 400 allowed.
#[test]
fn a_message_of_escaped_characters_was_longer_than_its_bound() {
    let file = TempFile::with(&format!(
        "{{\"llm\": {{\"custom{}\": 1}}}}",
        "\u{7f}".repeat(500)
    ));
    let line = usage_error_of(&["eval", file.path()]);
    assert!(line.contains("\\u{7f}"), "{line}");
    assert!(
        line.chars().count() <= "headroom: ".len() + 401,
        "{} characters",
        line.chars().count()
    );
}

/// Found by the fuzzer: serde_json's fast float parser read 10.777777777777779 as the double
/// next to it, so a scenario file that `--format scenario` printed read back as another scenario.
#[test]
fn a_scenario_file_read_a_number_one_unit_in_the_last_place_off() {
    let printed = stdout_of(&[
        "eval",
        "--preset",
        "inventory-cloud-run",
        "--format",
        "scenario",
    ]);
    let at = printed
        .find("\"avg_qps\": ")
        .expect("the preset has customers")
        + 11;
    let end = at + printed[at..].find(',').unwrap();
    let edited = format!("{}10.777777777777779{}", &printed[..at], &printed[end..]);
    let scenario = headroom::cli::read_scenario(&edited).unwrap();
    assert_eq!(scenario.tenants[0].avg_qps, 10.777777777777779);
    let file = TempFile::with(&edited);
    let again =
        headroom::cli::read_scenario(&stdout_of(&["eval", file.path(), "--format", "scenario"]))
            .unwrap();
    assert!(again == scenario);
}

/// Found by a hostile review: a file without end was read until memory ran out (3 GB in 3 s).
#[test]
fn a_file_without_end_was_read_until_memory_ran_out() {
    let line = usage_error_of(&["eval", "/dev/zero"]);
    assert!(
        line.contains("larger than a scenario file can be"),
        "{line}"
    );
}

#[test]
fn a_link_holds_one_scenario_and_each_price_once() {
    use base64::Engine;
    let fragment = stdout_of(&["link", "--preset", "agent-platform"]);
    let payload = fragment.trim().split_once('.').unwrap().1;
    let compressed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    let record =
        String::from_utf8(miniz_oxide::inflate::decompress_to_vec(&compressed).unwrap()).unwrap();
    let record = record.trim_end();
    // The preset's own record, then a second one.
    stdout_of(&["eval", &crafted_link(7, record)]);
    let line = usage_error_of(&["eval", &crafted_link(7, &format!("{record}\nmore,text\n"))]);
    assert!(line.contains("more than one scenario"), "{line}");
    // A price set twice, in a format that carries prices as pairs.
    let v6 = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/links/v6.txt"))
        .unwrap();
    let entry = v6
        .lines()
        .find(|l| l.starts_with("v6."))
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    let compressed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(entry.split_once('.').unwrap().1)
        .unwrap();
    let record =
        String::from_utf8(miniz_oxide::inflate::decompress_to_vec(&compressed).unwrap()).unwrap();
    let record = record.trim_end();
    let twice = format!("{record},llm.gpt-4o.input,1,llm.gpt-4o.input,2");
    let line = usage_error_of(&["eval", &crafted_link(6, &twice)]);
    assert!(line.contains("twice"), "{line}");
}

#[test]
fn format_zero_or_a_padded_format_is_not_a_link() {
    for fragment in ["#v0.abc", "#v007.abc"] {
        let line = usage_error_of(&["eval", fragment]);
        assert!(
            line.contains("not a Headroom scenario link"),
            "{fragment}: {line}"
        );
    }
}

#[test]
fn a_missing_json_file_is_a_file_not_a_link() {
    let line = usage_error_of(&["eval", "v2.json"]);
    assert!(line.contains("cannot read v2.json"), "{line}");
}

#[test]
fn a_file_with_a_byte_order_mark_is_read() {
    let scenario = presets::by_id("agent-platform").unwrap().scenario();
    let file = TempFile::with(&format!(
        "\u{feff}{}",
        serde_json::to_string(&scenario).unwrap()
    ));
    let text = stdout_of(&["eval", file.path(), "--format", "csv"]);
    assert_eq!(
        text,
        export::csv::write(&scenario, &engine::evaluate(&scenario))
    );
}

#[test]
fn a_file_priced_with_an_unknown_or_empty_catalog_is_refused() {
    for catalog in ["", "1999-01"] {
        let mut scenario = presets::by_id("agent-platform").unwrap().scenario();
        scenario.catalog = catalog.to_string();
        let file = TempFile::with(&serde_json::to_string(&scenario).unwrap());
        let line = usage_error_of(&["eval", file.path()]);
        assert!(
            line.contains(&format!("no price catalog “{catalog}”")),
            "{line}"
        );
        let line = usage_error_of(&["link", file.path()]);
        assert!(line.contains("catalog"), "{line}");
    }
}

#[test]
fn no_arguments_names_the_problem() {
    let line = usage_error_of(&[]);
    assert!(line.contains("name a command"), "{line}");
}

#[test]
fn presets_are_listed_in_aligned_columns() {
    let text = stdout_of(&["presets"]);
    let columns: Vec<usize> = text
        .lines()
        .map(|line| {
            line.find("  ").unwrap()
                + line[line.find("  ").unwrap()..]
                    .find(|c: char| c != ' ')
                    .unwrap()
        })
        .collect();
    assert_eq!(columns.len(), presets::all().len());
    assert!(columns.iter().all(|c| *c == columns[0]), "{text}");
}

#[test]
fn the_table_begins_with_the_presets_note() {
    let preset = presets::by_id("agent-platform").unwrap();
    let text = stdout_of(&["eval", "--preset", "agent-platform"]);
    assert!(
        text.starts_with(&format!("Preset agent-platform: {}\n", preset.note())),
        "{}",
        &text[..200]
    );
}

#[test]
fn a_switch_reads_the_true_and_false_a_scenario_file_holds() {
    let text = stdout_of(&[
        "eval",
        "--preset",
        "agent-platform",
        "--set",
        "aurora.enabled=true",
        "--set",
        "workload.enabled=FALSE",
        "--format",
        "scenario",
    ]);
    let scenario: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(scenario["aurora"]["enabled"], Value::Bool(true));
    assert_eq!(scenario["workload"]["enabled"], Value::Bool(false));
}

#[test]
fn an_index_past_the_next_item_says_how_many_there_are() {
    let line = usage_error_of(&[
        "eval",
        "--preset",
        "agent-platform",
        "--set",
        "services.2.name=api",
    ]);
    assert!(
        line.contains("has 0 services") && line.contains("services.0."),
        "{line}"
    );
}

#[test]
fn a_rule_broken_by_a_set_is_reported_against_the_field_set() {
    let line = usage_error_of(&[
        "eval",
        "--preset",
        "agent-platform",
        "--set",
        "aurora.enabled=yes",
        "--set",
        "aurora.max_acu=16.25",
    ]);
    assert!(line.starts_with("headroom: aurora.max_acu:"), "{line}");
}

#[test]
fn a_set_that_changes_nothing_says_so() {
    let output = headroom(&[
        "eval",
        "--preset",
        "agent-platform",
        "--set",
        "aurora.max_acu=8",
        "--format",
        "csv",
    ]);
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("aurora.max_acu is set but changes nothing")
            && stderr.contains("aurora.enabled=yes"),
        "{stderr}"
    );
}

#[test]
fn a_name_is_kept_on_one_line() {
    let text = stdout_of(&[
        "eval",
        "--preset",
        "agent-platform",
        "--set",
        "name=Acme\u{2028}Corp\u{202e}\tpilot",
        "--format",
        "scenario",
    ]);
    let scenario: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(scenario["name"], "Acme Corp  pilot");
}

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_is_reported_not_aborted() {
    let full = || std::fs::File::create("/dev/full").expect("/dev/full opens");
    // A full disk under stdout: status 1 and the reason on stderr.
    let output = Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(["eval", "--preset", "agent-platform", "--format", "csv"])
        .stdout(full())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("cannot write the output"),
        "{output:?}"
    );
    // A full disk under stderr: the usage error's status, no abort.
    let output = Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(["eval", "--preset", "nope"])
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_range_is_set_and_taken_off_with_set() {
    let json = stdout_of(&[
        "eval",
        "--preset",
        "inventory-cloud-run",
        "--set",
        "tenants.1.peak_qps=20..60:uniform",
        "--set",
        "uncertainty.samples=1000",
        "--format",
        "json",
    ]);
    let document: serde_json::Value = serde_json::from_str(&json).unwrap();
    let total = &document["metrics"]["cost.total_monthly_usd"];
    assert!(total["p10"].as_f64().unwrap() <= total["p90"].as_f64().unwrap());
    assert_eq!(document["uncertainty"]["samples"], 1000);
    // Text with " to " or ".." in it is text, not a range.
    let named = stdout_of(&[
        "eval",
        "--preset",
        "agent-platform",
        "--set",
        "name=Road to launch v1..v2",
        "--format",
        "scenario",
    ]);
    assert!(
        named.contains("\"name\": \"Road to launch v1..v2\""),
        "{named}"
    );
    // Refused at --set, each with its reason: taking off a range of an item the list lacks
    // (which adds no item), a range whose end breaks a rule tying inputs together, and a range
    // on the run's own settings, which take one value.
    for (preset, set, says) in [
        (
            "inventory-cloud-run",
            "ranges.tenants.3.peak_qps=",
            "no field",
        ),
        (
            "inventory-cloud-run",
            "deal.customers=1..2:uniform",
            "At its low",
        ),
        (
            "agent-platform",
            "uncertainty.samples=1000..2000",
            "takes one value",
        ),
    ] {
        let line = usage_error_of(&["eval", "--preset", preset, "--set", set]);
        assert!(line.contains(says), "{set}: {line}");
    }
}

#[test]
fn tiers_print_a_column_per_tier_and_the_breaking_points() {
    let args = [
        "tiers",
        "--preset",
        "ux-flow-engine",
        "--driver",
        "users.concurrent_peak",
        "--values",
        "100,1k,10000",
    ];
    let table = stdout_of(&args);
    let row = |label: &str| {
        (table.lines())
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no row {label} in {table}"))
            .split_whitespace()
            .rev()
            .take(3)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        row("cognitive-core: instances at the peak"),
        ["138", "14", "2"]
    );
    let first = (table.lines())
        .skip_while(|l| !l.starts_with("Breaking points"))
        .nth(1)
        .unwrap();
    assert!(
        first.starts_with("  cognitive-core: maximum instances "),
        "{table}"
    );
    assert!(
        first.ends_with(" reached at 1,091 users (91.7% used today)"),
        "{table}"
    );
    // JSON: the same tiers and breaking points.
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let json = json_of(&json_args);
    let tiers = json["tiers"].as_array().unwrap();
    assert_eq!(tiers.len(), 3);
    assert_eq!(tiers[1]["value"], 1000.0);
    assert_eq!(tiers[2]["figures"]["services.1.instances_peak"], 138.0);
    assert_eq!(
        tiers[1]["binding_limit"]["label"],
        "cognitive-core: maximum instances"
    );
    let first = &json["breaking_points"][0];
    assert_eq!(first["metric"], "services.1.utilization_pct");
    assert_eq!(first["reached"], "at");
    let at = first["value"].as_f64().unwrap();
    assert!((1_090.9..1_091.1).contains(&at), "{at}");
    // CSV: a rectangular table, a column per tier after id, label and unit.
    let mut csv_args = args.to_vec();
    csv_args.extend(["--format", "csv"]);
    let text = stdout_of(&csv_args);
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(rows.iter().all(|r| r.len() == 6));
    let total = rows
        .iter()
        .find(|r| &r[0] == "tiers.cost.total_monthly_usd")
        .unwrap();
    let report = json_of(&["eval", "--preset", "ux-flow-engine", "--format", "json"]);
    let today = metric_value(&report, "cost.total_monthly_usd");
    assert_eq!(
        total[4].parse::<f64>().unwrap(),
        (today * 100.0).round() / 100.0
    );
}

#[test]
fn breaking_points_alone_and_bad_drivers_or_values() {
    let text = stdout_of(&["breaking", "--preset", "agent-swarm-ecs"]);
    assert!(
        text.contains("gateway: maximum instances  reached at 20 ×"),
        "{text}"
    );
    let error = usage_error_of(&["tiers", "--preset", "agent-platform", "--driver", "nope"]);
    assert!(error.contains("--driver: no input “nope”"), "{error}");
    let error = usage_error_of(&["tiers", "--preset", "agent-platform", "--values", "2,abc"]);
    assert!(error.contains("--values: “abc” is not a number"), "{error}");
    let error = usage_error_of(&[
        "tiers",
        "--preset",
        "agent-platform",
        "--driver",
        "workload.runs_per_day",
        "--values",
        "5e9",
    ]);
    assert!(
        error.contains("takes values from 1 to 1,000,000,000"),
        "{error}"
    );
}

#[test]
fn diff_compares_two_scenarios_in_every_format() {
    let same = stdout_of(&["diff", "agent-platform", "agent-platform"]);
    assert!(
        same.contains("No input differs and no figure moves."),
        "{same}"
    );
    let double = scenario_file("agent-platform", "workload.runs_per_day=20000");
    let file = double.path();
    let table = stdout_of(&["diff", "agent-platform", file]);
    assert!(
        table.contains("changed  Runs per day  (workload.runs_per_day): 10000 → 20000"),
        "{table}"
    );
    let llm = table.lines().find(|l| l.starts_with("  LLM ")).unwrap();
    assert_eq!(
        llm.split_whitespace().collect::<Vec<_>>(),
        [
            "LLM",
            "$24,638/month",
            "→",
            "$49,275/month",
            "+$24,638/month",
            "(+100%)"
        ]
    );
    let json = json_of(&["diff", "agent-platform", file, "--format", "json"]);
    assert_eq!(json["inputs"][0]["path"], "workload.runs_per_day");
    assert_eq!(json["costs"][0]["id"], "llm.cost_per_month_usd");
    assert_eq!(json["costs"][0]["difference_pct"], 100.0);
    let text = stdout_of(&["diff", "agent-platform", file, "--format", "csv"]);
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(rows.iter().all(|r| r.len() == 9));
    assert!(
        rows.iter()
            .any(|r| &r[0] == "cost" && &r[1] == "llm.cost_per_month_usd" && &r[8] == "100")
    );
    let error = usage_error_of(&["diff", "agent-platform", "no-such-thing"]);
    assert!(error.contains("no-such-thing"), "{error}");
}

/// Found by a hostile review of tiers and diff: a missing argument's name was cut from the
/// message, a negative value was taken for a flag, `1,000` became two tiers, volumes the
/// scenario does not use blocked its tiers, and diff said nothing of limits.
#[test]
fn tiers_and_diff_read_what_was_meant() {
    let error = usage_error_of(&["diff"]);
    assert!(error.contains("were not provided: <FIRST>"), "{error}");
    let error = usage_error_of(&["diff", "ux-flow-engine"]);
    assert!(
        error.contains("diff takes two scenarios, or one comparison link"),
        "{error}"
    );
    let error = usage_error_of(&["tiers", "--preset", "ux-flow-engine", "--values", "-1"]);
    assert!(
        error.contains("--values: scale takes values from"),
        "{error}"
    );
    let one = json_of(&[
        "tiers",
        "--preset",
        "agent-platform",
        "--driver",
        "workload.runs_per_day",
        "--values",
        "1,000",
        "--format",
        "json",
    ]);
    assert_eq!(one["tiers"].as_array().unwrap().len(), 1);
    assert_eq!(one["tiers"][0]["value"], 1000.0);
    // ux-flow-engine keeps runs off: its runs per day, however small a millionth makes them,
    // are not used and do not block the tier.
    let tiny = json_of(&[
        "tiers",
        "--preset",
        "ux-flow-engine",
        "--values",
        "0.000001",
        "--format",
        "json",
    ]);
    assert_eq!(tiny["tiers"][0]["error"], serde_json::Value::Null);
    let raised = scenario_file("ux-flow-engine", "services.1.max_instances=12");
    let json = json_of(&["diff", "ux-flow-engine", raised.path(), "--format", "json"]);
    assert_eq!(
        json["limits"][0]["label"],
        "cognitive-core: maximum instances"
    );
    let (first, second) = (
        json["limits"][0]["first"].as_f64().unwrap(),
        json["limits"][0]["second"].as_f64().unwrap(),
    );
    assert!(
        (first - 100.0 * 137.5 / 150.0).abs() < 1e-9
            && (second - 100.0 * 137.5 / 180.0).abs() < 1e-9
    );
}

/// A comparison link copied from the page is one argument to `diff`: its other scenario first,
/// as the page compares; a single link that is not a comparison is refused.
#[test]
fn diff_of_a_comparison_link_is_the_diff_of_its_two_scenarios() {
    let this = presets::by_id("ux-flow-engine").unwrap().scenario();
    let mut other = this.clone();
    other.users.concurrent_peak = 1_500.0;
    let shared = format!(
        "https://headroom.example/#{}",
        link::encode_comparison(&this, &other)
    );
    let (a, b) = (link::encode(&other), link::encode(&this));
    assert_eq!(
        json_of(&["diff", &shared, "--format", "json"]),
        json_of(&["diff", &a, &b, "--format", "json"])
    );
    let table = stdout_of(&["diff", &shared]);
    assert!(
        table.starts_with("Comparing the link's other scenario"),
        "{table}"
    );
    assert!(table.contains("users.concurrent_peak"), "{table}");
    let error = usage_error_of(&["diff", &b]);
    assert!(error.contains("one comparison link"), "{error}");
    let damaged = format!("#{b}~vs~v8.AAAA");
    let error = usage_error_of(&["diff", &damaged]);
    assert!(error.contains("the link's other scenario: "), "{error}");
}
