//! The command-line tool: the same engine and exports as the browser.
//!
//! ```text
//! headroom eval (--preset NAME | FILE.json | 'LINK') [--set PATH=VALUE]... [--format table|json|csv|scenario]
//! headroom presets
//! headroom link (--preset NAME | FILE.json)
//! ```
//!
//! Any problem with the arguments, a file or a link prints one line naming it and exits with
//! status 2.

use std::io::Write;

use clap::{Parser, Subcommand, ValueEnum};

use crate::export::{csv, link};
use crate::format;
use crate::report::{Report, SECTIONS};
use crate::scenario::{Scenario, fields, presets};
use crate::units::Unit;

/// Exit status for bad arguments, files or links.
pub const USAGE_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "headroom",
    version,
    about = "Capacity and cost planner: load, capacity and the monthly bill of a scenario."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Evaluate a scenario and print its report.
    Eval {
        /// Start from this preset (see `headroom presets`).
        #[arg(long, conflicts_with = "source")]
        preset: Option<String>,
        /// A scenario file (JSON, as `--format scenario` prints) or a share link.
        source: Option<String>,
        /// Change a field first: `workload.runs_per_day=20000`, `prices.<catalog id>=0.00002`.
        #[arg(long = "set", value_name = "PATH=VALUE")]
        set: Vec<String>,
        /// What to print.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List the presets.
    Presets,
    /// Print the share-link fragment of a scenario.
    Link {
        /// Start from this preset.
        #[arg(long, conflicts_with = "source")]
        preset: Option<String>,
        /// A scenario file (JSON).
        source: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// A table for people.
    Table,
    /// Metrics and warnings as JSON.
    Json,
    /// The same CSV the browser exports.
    Csv,
    /// The scenario itself, as JSON.
    Scenario,
}

/// Runs the command line and returns the process exit status.
pub fn run(args: impl IntoIterator<Item = String>, stdout: &mut impl Write) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            use clap::error::ErrorKind;
            if matches!(
                error.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) {
                let _ = write!(stdout, "{error}");
                return 0;
            }
            let text = error.to_string();
            let first = text.lines().next().unwrap_or("bad arguments");
            eprintln!("headroom: {}", first.trim_start_matches("error: "));
            return USAGE_ERROR;
        }
    };
    match execute(cli.command) {
        Ok(text) => {
            let _ = stdout.write_all(text.as_bytes());
            0
        }
        Err(message) => {
            eprintln!("headroom: {message}");
            USAGE_ERROR
        }
    }
}

fn execute(command: Command) -> Result<String, String> {
    match command {
        Command::Presets => Ok(presets::all()
            .iter()
            .map(|p| format!("{:<16} {}\n", p.id, p.title))
            .collect()),
        Command::Link { preset, source } => {
            let scenario = load(preset.as_deref(), source.as_deref())?;
            Ok(format!("#{}\n", link::encode(&scenario)))
        }
        Command::Eval {
            preset,
            source,
            set,
            format,
        } => {
            let mut scenario = load(preset.as_deref(), source.as_deref())?;
            for assignment in &set {
                apply(&mut scenario, assignment)?;
            }
            check(&scenario)?;
            let report = crate::engine::evaluate(&scenario);
            Ok(match format {
                Format::Table => table(&report),
                Format::Json => json(&report),
                Format::Csv => csv::write(&scenario, &report),
                Format::Scenario => scenario_json(&scenario),
            })
        }
    }
}

/// The scenario named by `--preset`, a file, or a link.
fn load(preset: Option<&str>, source: Option<&str>) -> Result<Scenario, String> {
    match (preset, source) {
        (Some(id), _) => presets::by_id(id).map(|p| p.scenario()).ok_or_else(|| {
            let known: Vec<&str> = presets::all().iter().map(|p| p.id).collect();
            format!("no preset named {id:?} (presets: {})", known.join(", "))
        }),
        (None, Some(source)) => {
            if let Some(fragment) = link_fragment(source) {
                return link::decode(fragment).map_err(|e| e.to_string());
            }
            let text = std::fs::read_to_string(source)
                .map_err(|e| format!("cannot read {source}: {e}"))?;
            let scenario: Scenario = serde_json::from_str(&text)
                .map_err(|e| format!("{source} is not a valid scenario: {e}"))?;
            check(&scenario).map_err(|e| format!("{source}: {e}"))?;
            Ok(scenario)
        }
        (None, None) => Err("name a scenario: --preset NAME, a FILE.json, or a link".to_string()),
    }
}

/// The fragment of a share link given as `#v1.…`, `v1.…` or a whole URL; `None` for a path.
fn link_fragment(source: &str) -> Option<&str> {
    if std::path::Path::new(source).is_file() {
        return None;
    }
    if let Some((_, fragment)) = source.split_once('#') {
        return Some(fragment);
    }
    let looks_like_link = source.starts_with('v')
        && source[1..]
            .split_once('.')
            .is_some_and(|(v, _)| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()))
        && !std::path::Path::new(source).exists();
    looks_like_link.then_some(source)
}

/// Applies one `--set PATH=VALUE`.
fn apply(scenario: &mut Scenario, assignment: &str) -> Result<(), String> {
    let (path, raw) = assignment
        .split_once('=')
        .ok_or_else(|| format!("--set {assignment:?} needs the form PATH=VALUE"))?;
    if let Some(id) = path.strip_prefix("prices.") {
        return scenario
            .set_price_override(id, raw)
            .map_err(|e| format!("--set {path}: {e}"));
    }
    // An item one past the end of a list is added: `--set services.0.name=api` on a scenario
    // without services creates the first one.
    let mut parts = path.splitn(3, '.');
    if let (Some(key), Some(index), Some(_)) = (parts.next(), parts.next(), parts.next())
        && let Some(list) = fields::list(key)
        && index.parse::<usize>().ok() == Some(list.len(scenario))
    {
        list.push(scenario)
            .map_err(|e| format!("--set {path}: {e}"))?;
    }
    let field = fields::Field::resolve(path, scenario).ok_or_else(|| {
        format!("--set: no field {path:?} (see `headroom eval --preset agent-platform --format scenario`)")
    })?;
    let value = field
        .parse(raw, scenario)
        .map_err(|e| format!("--set {path}: {e}"))?;
    field.set(scenario, &value);
    Ok(())
}

fn check(scenario: &Scenario) -> Result<(), String> {
    match scenario.validate().into_iter().next() {
        Some(error) => Err(format!("{}: {}", error.path, error.message)),
        None => Ok(()),
    }
}

fn table(report: &Report) -> String {
    let mut text = String::new();
    for (section, title) in SECTIONS {
        let mut rows = report.section(section).peekable();
        if rows.peek().is_none() {
            continue;
        }
        text.push_str(&format!("{title}\n"));
        for m in rows {
            text.push_str(&format!(
                "  {:<44} {:>22}  {}\n",
                m.label,
                format::with_unit(m.value, m.unit),
                m.id
            ));
        }
    }
    if let Some(first) = report.projection.first() {
        text.push_str("Projection\n  month");
        // Each column as wide as its heading, at least 16 characters.
        let mut widths = Vec::new();
        for (_, label, unit, _) in first.columns() {
            let symbol = unit.symbol();
            let heading = if symbol.is_empty() || unit.is_money() || unit == Unit::Percent {
                label.to_string()
            } else {
                format!("{label} ({symbol})")
            };
            let width = heading.chars().count().max(16);
            text.push_str(&format!(" {heading:>width$}"));
            widths.push(width);
        }
        text.push('\n');
        for month in &report.projection {
            text.push_str(&format!("  {:>5}", month.month));
            for ((_, _, unit, value), width) in month.columns().zip(&widths) {
                text.push_str(&format!(" {:>width$}", format::value(value, unit)));
            }
            text.push('\n');
        }
    }
    if !report.warnings.is_empty() {
        text.push_str("Findings\n");
        for w in &report.warnings {
            text.push_str(&format!("  [{}] {}\n", w.severity.as_str(), w.message));
        }
    }
    text.push_str(&format!("Prices: catalog {}\n", report.catalog_version));
    text
}

fn json(report: &Report) -> String {
    use serde_json::{Map, Value, json};
    let metrics: Map<String, Value> = report
        .metrics
        .iter()
        .map(|m| {
            (
                m.id.to_string(),
                json!({
                    "value": m.value,
                    "unit": m.unit.symbol(),
                    "label": m.label,
                    "formula": m.formula,
                }),
            )
        })
        .collect();
    let warnings: Vec<Value> = report
        .warnings
        .iter()
        .map(|w| json!({"id": w.id, "severity": w.severity.as_str(), "message": w.message}))
        .collect();
    let prices: Vec<Value> = report
        .prices
        .iter()
        .map(|p| {
            json!({"id": p.id, "label": p.label, "value": p.value, "unit": p.unit,
                   "region": p.region, "as_of": p.as_of, "source": p.source})
        })
        .collect();
    let projection: Vec<Value> = report
        .projection
        .iter()
        .map(|month| {
            let mut row = Map::new();
            row.insert("month".to_string(), json!(month.month));
            for (key, _, _, value) in month.columns() {
                row.insert(key.to_string(), json!(value));
            }
            Value::Object(row)
        })
        .collect();
    let costs: Vec<Value> = report
        .costs
        .iter()
        .map(|c| {
            json!({"id": c.id, "category": c.category.key, "label": c.label,
                   "monthly_usd": c.monthly_usd})
        })
        .collect();
    let limits: Vec<Value> = report
        .limits
        .iter()
        .map(|l| json!({"label": l.label, "metric": l.metric, "used_pct": l.used_pct}))
        .collect();
    let document = json!({
        "metrics": metrics,
        "costs": costs,
        "limits": limits,
        "warnings": warnings,
        "projection": projection,
        "prices": prices,
        "catalog": report.catalog_version,
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&document).unwrap_or_default()
    )
}

fn scenario_json(scenario: &Scenario) -> String {
    format!(
        "{}\n",
        serde_json::to_string_pretty(scenario).unwrap_or_default()
    )
}
