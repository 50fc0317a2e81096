//! The command-line tool: the same engine and exports as the browser.
//!
//! ```text
//! headroom eval (--preset NAME | FILE.json | 'LINK') [--set PATH=VALUE]... [--format table|json|csv|projection-csv|scenario]
//! headroom presets
//! headroom link (--preset NAME | FILE.json)
//! headroom tiers (--preset NAME | FILE.json | 'LINK') [--set PATH=VALUE]... [--driver KEY] [--values V,V,…] [--format table|json|csv]
//! headroom breaking (--preset NAME | FILE.json | 'LINK') [--set PATH=VALUE]... [--driver KEY] [--format table|json|csv]
//! headroom diff (NAME | FILE.json | 'LINK') (NAME | FILE.json | 'LINK') [--format table|json|csv]
//! ```
//!
//! Any problem with the arguments, a file or a link prints one line naming it and exits with
//! status 2; output that cannot be written (a full disk) is reported and exits with status 1.
//! Every message is one line: what came from a file or a link is quoted escaped and cut short.

use std::ffi::OsString;
use std::io::{ErrorKind, Write};

use clap::{Parser, Subcommand, ValueEnum};

use crate::engine::scaling::{self, Driver};
use crate::engine::uncertainty;
use crate::export::{csv, link};
use crate::format;
use crate::report::compare::{Change, Comparison};
use crate::report::scaling::{BreakingPoint, DriverInfo, Tiers};
use crate::report::uncertainty::Uncertainty;
use crate::report::{Report, SECTIONS};
use crate::scenario::fields::{self, Group};
use crate::scenario::inputs::{echo, escaped};
use crate::scenario::ranges::{Range, looks_like_range};
use crate::scenario::{Scenario, presets};
use crate::units::Unit;

/// Exit status for bad arguments, files or links.
pub const USAGE_ERROR: i32 = 2;

/// Exit status when the output cannot be written.
pub const OUTPUT_ERROR: i32 = 1;

/// The longest message printed, in characters.
const LONGEST_MESSAGE: usize = 400;

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
        /// A number may be given a range instead, for a Monte Carlo run: `8000..12000` (90% of
        /// the values between low and high, lognormal), or `8000..12000:uniform` (every value
        /// equally likely) or `:triangular` (most likely at the scenario's value).
        #[arg(long = "set", value_name = "PATH=VALUE")]
        set: Vec<String>,
        /// What to print.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Evaluate a scenario at several values of one driver (tiers), with the breaking points.
    Tiers {
        #[command(flatten)]
        scaling: Scaling,
        /// The driver's values, comma-separated (`100,1000,10k`); by default ×1, ×10 and ×100
        /// of today's.
        #[arg(long, value_name = "V,V,…", allow_hyphen_values = true)]
        values: Option<String>,
    },
    /// The value of a driver at which each limit is first reached, found by search.
    Breaking {
        #[command(flatten)]
        scaling: Scaling,
    },
    /// Compare two scenarios: the inputs that differ, then each headline figure and line of the
    /// bill that moves, largest first.
    Diff {
        /// The first scenario: a preset's name, a scenario file or a share link; or, alone, a
        /// comparison link (the page's "Copy comparison link"), whose other scenario is first.
        first: String,
        /// The second, likewise.
        second: Option<String>,
        /// What to print.
        #[arg(long, value_enum, default_value_t = ScalingFormat::Table)]
        format: ScalingFormat,
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
        /// Change a field first, as `eval --set` does (a range included).
        #[arg(long = "set", value_name = "PATH=VALUE")]
        set: Vec<String>,
    },
}

/// The scenario and the driver of `tiers` and `breaking`.
#[derive(clap::Args, Debug)]
struct Scaling {
    /// Start from this preset (see `headroom presets`).
    #[arg(long, conflicts_with = "source")]
    preset: Option<String>,
    /// A scenario file (JSON, as `eval --format scenario` prints) or a share link.
    source: Option<String>,
    /// Change a field first: `workload.runs_per_day=20000`. Tiers and breaking points are of
    /// each input's value: a range set here is kept in the scenario but not drawn.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    set: Vec<String>,
    /// What to scale: `scale` (every volume of use, by a factor), `customers`, or a numeric
    /// input's path (`users.concurrent_peak`, `workload.runs_per_day`, `tenants.0.peak_qps`).
    /// A volume of the whole scenario carries every volume with it, in proportion.
    #[arg(long, default_value = crate::engine::scaling::SCALE)]
    driver: String,
    /// What to print.
    #[arg(long, value_enum, default_value_t = ScalingFormat::Table)]
    format: ScalingFormat,
}

/// How `tiers` and `breaking` print.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum ScalingFormat {
    /// A table for people.
    Table,
    /// JSON.
    Json,
    /// CSV, as a spreadsheet reads it.
    Csv,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// A table for people.
    Table,
    /// Metrics and warnings as JSON.
    Json,
    /// The same CSV the browser exports.
    Csv,
    /// The projection month by month, months as columns: the browser's "Export projection".
    ProjectionCsv,
    /// The scenario itself, as JSON.
    Scenario,
}

/// What a command prints: its output, and notes for stderr.
struct Printed {
    output: String,
    notes: Vec<String>,
}

impl From<String> for Printed {
    fn from(output: String) -> Printed {
        Printed {
            output,
            notes: Vec::new(),
        }
    }
}

/// Runs the command line and returns the process exit status.
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            use clap::error::ErrorKind as Clap;
            return match error.kind() {
                Clap::DisplayHelp | Clap::DisplayVersion => {
                    emit(stdout, stderr, &error.to_string())
                }
                Clap::DisplayHelpOnMissingArgumentOrSubcommand | Clap::MissingSubcommand => {
                    say(
                        stderr,
                        "name a command: eval, tiers, breaking, diff, presets or link (`headroom --help` describes them)",
                    );
                    USAGE_ERROR
                }
                _ => {
                    let text = error.to_string();
                    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
                    let mut first = lines.next().unwrap_or("bad arguments").to_string();
                    // A line that ends in a colon goes on in the next: what was not given.
                    if first.ends_with(':')
                        && let Some(next) = lines.next()
                    {
                        first = format!("{first} {}", next.trim());
                    }
                    say(stderr, first.trim_start_matches("error: "));
                    USAGE_ERROR
                }
            };
        }
    };
    match execute(cli.command) {
        Ok(printed) => {
            for note in &printed.notes {
                say(stderr, &format!("note: {note}"));
            }
            emit(stdout, stderr, &printed.output)
        }
        Err(message) => {
            say(stderr, &message);
            USAGE_ERROR
        }
    }
}

/// Writes the output and flushes it. A reader that stops reading (a closed pipe) ends the
/// program quietly; any other failure (a full disk) is reported and gives [`OUTPUT_ERROR`].
fn emit(stdout: &mut impl Write, stderr: &mut impl Write, text: &str) -> i32 {
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => 0,
        Err(error) if error.kind() == ErrorKind::BrokenPipe => 0,
        Err(error) => {
            say(stderr, &format!("cannot write the output: {error}"));
            OUTPUT_ERROR
        }
    }
}

/// One line on stderr, `headroom: ` and the message, escaped and cut short as
/// [`escaped`] does. If even that cannot be written, there is no one left to tell.
fn say(stderr: &mut impl Write, message: &str) {
    let _ = writeln!(stderr, "headroom: {}", escaped(message, LONGEST_MESSAGE));
    let _ = stderr.flush();
}

fn execute(command: Command) -> Result<Printed, String> {
    match command {
        Command::Presets => {
            let width = presets::all().iter().map(|p| p.id.len()).max().unwrap_or(0);
            Ok(presets::all()
                .iter()
                .map(|p| format!("{:<width$}  {}\n", p.id, p.title))
                .collect::<String>()
                .into())
        }
        Command::Tiers { scaling, values } => {
            let (scenario, driver) = scaling_scenario(&scaling)?;
            let values = match values {
                None => scaling::default_values(&scenario, &driver),
                Some(text) => {
                    (driver.read_values(&text, &scenario)).map_err(|e| format!("--values: {e}"))?
                }
            };
            let tiers = scaling::tiers(&scenario, &driver, &values);
            let points = scaling::breaking_points(&scenario, &driver);
            let output = match scaling.format {
                ScalingFormat::Table => {
                    format!(
                        "{}\n{}",
                        tiers_table(&tiers),
                        breaking_table(&tiers.driver, &points)
                    )
                }
                ScalingFormat::Json => scaling_json(&tiers.driver, Some(&tiers), &points),
                ScalingFormat::Csv => csv::write_tiers(&tiers),
            };
            Ok(Printed {
                output,
                notes: ranges_not_drawn(&scenario),
            })
        }
        Command::Breaking { scaling } => {
            let (scenario, driver) = scaling_scenario(&scaling)?;
            let points = scaling::breaking_points(&scenario, &driver);
            let info = driver.info(&scenario);
            let output = match scaling.format {
                ScalingFormat::Table => breaking_table(&info, &points),
                ScalingFormat::Json => scaling_json(&info, None, &points),
                ScalingFormat::Csv => csv::write_breaking_points(&info, &points),
            };
            Ok(Printed {
                output,
                notes: ranges_not_drawn(&scenario),
            })
        }
        Command::Diff {
            first,
            second,
            format,
        } => {
            let (names, a, b) = match second {
                Some(second) => {
                    let (a, b) = (load_named(&first)?, load_named(&second)?);
                    ([first, second], a, b)
                }
                None => {
                    let (this, other) = link_fragment(&first)
                        .map(link::split_comparison)
                        .and_then(|(this, other)| Some((this, other?)))
                        .ok_or("diff takes two scenarios, or one comparison link (the page's “Copy comparison link”)")?;
                    let names = ["the link's other scenario", "the link's scenario"];
                    let open = |fragment: &str, name: &str| {
                        link::decode(fragment).map_err(|e| format!("{name}: {e}"))
                    };
                    let (a, b) = (open(other, names[0])?, open(this, names[1])?);
                    (names.map(str::to_string), a, b)
                }
            };
            let comparison = crate::engine::compare::compare(&a, &b);
            Ok(match format {
                ScalingFormat::Table => diff_table([(&names[0], &a), (&names[1], &b)], &comparison),
                ScalingFormat::Json => diff_json(&comparison),
                ScalingFormat::Csv => csv::write_comparison(&comparison),
            }
            .into())
        }
        Command::Link {
            preset,
            source,
            set,
        } => {
            let (scenario, _) = edited(preset.as_deref(), source.as_deref(), &set)?;
            Ok(format!("#{}\n", link::encode(&scenario)).into())
        }
        Command::Eval {
            preset,
            source,
            set,
            format,
        } => {
            let (scenario, paths) = edited(preset.as_deref(), source.as_deref(), &set)?;
            // The scenario itself needs no evaluation.
            if let Format::Scenario = format {
                return Ok(Printed {
                    output: scenario_json(&scenario),
                    notes: Vec::new(),
                });
            }
            let report = crate::engine::evaluate(&scenario);
            let run = uncertainty::simulate_with(&scenario, &report);
            let output = match format {
                Format::Table => {
                    let note = preset
                        .as_deref()
                        .and_then(presets::by_id)
                        .map(|p| format!("Preset {}: {}\n\n", p.id, p.note()));
                    format!(
                        "{}{}",
                        note.unwrap_or_default(),
                        table(&report, run.as_ref())
                    )
                }
                Format::Json => json(&report, run.as_ref()),
                Format::Csv => csv::write_with(&scenario, &report, run.as_ref()),
                Format::ProjectionCsv | Format::Scenario => {
                    csv::write_projection(&report, run.as_ref())
                }
            };
            let notes = paths
                .iter()
                .filter_map(|path| not_applied(&scenario, path))
                .collect();
            Ok(Printed { output, notes })
        }
    }
}

/// The scenario of a preset or a source with the `--set`s applied and checked, and the paths
/// they set.
fn edited(
    preset: Option<&str>,
    source: Option<&str>,
    set: &[String],
) -> Result<(Scenario, Vec<String>), String> {
    let mut scenario = load(preset, source)?;
    let mut paths = Vec::new();
    for assignment in set {
        paths.push(apply_set(&mut scenario, assignment)?);
    }
    check(&scenario, &paths)?;
    Ok((scenario, paths))
}

/// The note for stderr when `tiers` or `breaking` is given a scenario with ranges: they are of
/// each input's value, and draw no range.
fn ranges_not_drawn(scenario: &Scenario) -> Vec<String> {
    match scenario.ranges.is_empty() {
        true => Vec::new(),
        false => vec![
            "the scenario's ranges are not drawn here: tiers and breaking points are of each input's value (eval gives the ranges' percentiles)".to_string(),
        ],
    }
}

/// The scenario of `tiers` or `breaking`, its `--set`s applied and checked, and the driver.
fn scaling_scenario(args: &Scaling) -> Result<(Scenario, Driver), String> {
    let (scenario, _) = edited(args.preset.as_deref(), args.source.as_deref(), &args.set)?;
    let driver = Driver::parse(&args.driver, &scenario).map_err(|e| format!("--driver: {e}"))?;
    Ok((scenario, driver))
}

/// The characters of the longest of `labels`: the width of a column of them.
fn widest<'a>(labels: impl Iterator<Item = &'a str>) -> usize {
    labels.map(|l| l.chars().count()).max().unwrap_or(0)
}

/// A driver in a heading: what it is, its value today and what moves with it.
fn along(driver: &DriverInfo) -> String {
    format!(
        "{} (today {}; {})",
        lower_first(&driver.label),
        format::with_unit(driver.today, driver.unit),
        driver.moves
    )
}

/// The text with its first letter in lower case, to stand inside a sentence.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Tiers as a table for people: a column per tier, a row per figure, then each tier's
/// tightest limit.
fn tiers_table(tiers: &Tiers) -> String {
    let driver = &tiers.driver;
    let mut text = format!("Tiers of {}\n", along(driver));
    // A unit the figures do not show themselves follows the label: "(ms)".
    let labels: Vec<String> = (tiers.columns.iter())
        .map(|c| match c.unit {
            Unit::Milliseconds | Unit::Gibibytes => format!("{} ({})", c.label, c.unit.symbol()),
            _ => c.label.to_string(),
        })
        .collect();
    let width = widest(labels.iter().chain([&driver.label]).map(String::as_str));
    let cell = |v: f64, unit: Unit| format::value(v, unit);
    let mut row = |label: &str, cells: Vec<String>| {
        text.push_str(&format!("{label:<width$}"));
        for c in cells {
            text.push_str(&format!(" {c:>14}"));
        }
        text.push('\n');
    };
    row(
        &driver.label,
        tiers
            .tiers
            .iter()
            .map(|t| cell(t.value, driver.unit))
            .collect(),
    );
    for (i, column) in tiers.columns.iter().enumerate() {
        let cells = (tiers.tiers.iter())
            .map(|t| match t.figures.get(i).copied().flatten() {
                Some(v) => cell(v, column.unit),
                None => "—".to_string(),
            })
            .collect();
        row(&labels[i], cells);
    }
    if (tiers.tiers.iter()).any(|t| t.error.is_none() && t.figures.iter().any(Option::is_none)) {
        text.push_str("  —: no such figure at that value (a p95 response time has none for a service without requests, or whose queue grows without bound)\n");
    }
    for tier in &tiers.tiers {
        let at = format::with_unit(tier.value, driver.unit);
        match (&tier.error, &tier.binding) {
            (Some(error), _) => {
                text.push_str(&format!("  At {at}: cannot be evaluated: {error}\n"))
            }
            (None, Some(limit)) => text.push_str(&format!(
                "  At {at}: tightest limit {}, {}% used\n",
                limit.label,
                format::plain(limit.used_pct)
            )),
            (None, None) => text.push_str(&format!("  At {at}: no limit set\n")),
        }
    }
    text
}

/// Breaking points as a list for people, first reached first.
fn breaking_table(driver: &DriverInfo, points: &[BreakingPoint]) -> String {
    let mut text = format!("Breaking points along {}\n", along(driver));
    if points.is_empty() {
        text.push_str("  The scenario sets no limit.\n");
    }
    let width = widest(points.iter().map(|p| &*p.label));
    for point in points {
        let today = point.used_today_pct.map_or_else(
            || "not set today".to_string(),
            |used| format!("{}% used today", format::plain(used)),
        );
        let (reached, value) = point.reached.parts();
        let value = format::with_unit(value, driver.unit);
        let reached = match reached {
            "at" => format!("reached at {value}"),
            "at_or_below" => format!("reached at every value searched, down to {value}"),
            _ => format!("not reached up to {value}"),
        };
        text.push_str(&format!("  {:<width$}  {reached} ({today})\n", point.label));
    }
    text
}

/// Tiers (when given) and breaking points as JSON.
fn scaling_json(driver: &DriverInfo, tiers: Option<&Tiers>, points: &[BreakingPoint]) -> String {
    use serde_json::{Map, Value, json};
    let mut document = json!({
        "driver": {
            "key": driver.key, "label": driver.label, "unit": driver.unit.symbol(),
            "today": driver.today, "moves": driver.moves,
        },
        "breaking_points": points.iter().map(|p| {
            let (reached, value) = p.reached.parts();
            json!({"limit": p.label, "metric": p.metric, "used_today_pct": p.used_today_pct,
                   "reached": reached, "value": value})
        }).collect::<Vec<_>>(),
    });
    if let Some(tiers) = tiers {
        document["columns"] = tiers
            .columns
            .iter()
            .map(|c| {
                json!({
                    "key": c.key, "label": c.label, "unit": c.unit.symbol(),
                })
            })
            .collect();
        document["tiers"] = tiers.tiers.iter().map(|t| {
            let figures: Map<String, Value> = (tiers.columns.iter().zip(&t.figures))
                .map(|(c, v)| (c.key.to_string(), json!(v)))
                .collect();
            json!({
                "value": t.value,
                "figures": figures,
                "binding_limit": t.binding.as_ref().map(|l| json!({"label": l.label, "used_pct": l.used_pct})),
                "error": t.error,
            })
        }).collect();
    }
    format!(
        "{}\n",
        serde_json::to_string_pretty(&document).unwrap_or_default()
    )
}

/// The scenario a preset's name, a scenario file or a link gives; a file or link first, where
/// one by that name exists.
fn load_named(source: &str) -> Result<Scenario, String> {
    let is_file = std::path::Path::new(source).exists();
    match presets::by_id(source) {
        Some(preset) if !is_file => Ok(preset.scenario()),
        _ => load(None, Some(source)).map_err(|e| match is_file {
            true => e,
            false => format!("{e} (nor is it a preset: `headroom presets` lists them)"),
        }),
    }
}

/// A comparison for people: the inputs that differ, then the figures that move.
fn diff_table(sides: [(&str, &Scenario); 2], comparison: &Comparison) -> String {
    // Each side as given, with the scenario's name where it says more.
    let name = |(source, s): (&str, &Scenario)| match s.name.trim() {
        name if name.is_empty() || name == source => escaped(source, 80),
        name => format!("{} (“{}”)", escaped(source, 80), escaped(name, 80)),
    };
    let mut text = format!("Comparing {} with {}\n", name(sides[0]), name(sides[1]));
    if comparison.is_empty() {
        text.push_str("No input differs and no figure moves.\n");
        return text;
    }
    text.push_str(&format!(
        "\nInputs that differ ({})\n",
        comparison.inputs.len()
    ));
    for input in &comparison.inputs {
        let values = match input.change {
            Change::Changed => format!("{} → {}", input.before, input.after),
            Change::Added => input.after.clone(),
            Change::Removed => input.before.clone(),
        };
        text.push_str(&format!(
            "  {:<8} {}  ({}): {values}\n",
            input.change.key(),
            input.label,
            input.path
        ));
    }
    for (title, figures) in [
        ("Headline figures", &comparison.headlines),
        ("Lines of the bill", &comparison.costs),
        ("Limits used at the peak", &comparison.limits),
    ] {
        if figures.is_empty() {
            continue;
        }
        text.push_str(&format!("\n{title}, largest change first\n"));
        let width = widest(figures.iter().map(|f| &*f.label));
        for figure in figures {
            let shown = |v: Option<f64>| {
                v.map_or_else(|| "—".to_string(), |v| format::with_unit(v, figure.unit))
            };
            text.push_str(&format!(
                "  {:<width$}  {} → {}  {}\n",
                figure.label,
                shown(figure.before),
                shown(figure.after),
                format::change(figure),
            ));
        }
    }
    if comparison.costs_unchanged > 0 {
        text.push_str(&format!(
            "\n{} line{} of the bill the same in both.\n",
            comparison.costs_unchanged,
            if comparison.costs_unchanged == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
    text
}

/// A comparison as JSON.
fn diff_json(comparison: &Comparison) -> String {
    use serde_json::{Value, json};
    let figures = |list: &[crate::report::compare::FigureChange]| -> Vec<Value> {
        list.iter()
            .map(|f| {
                json!({"id": f.id, "label": f.label, "unit": f.unit.symbol(), "first": f.before,
                       "second": f.after, "difference": f.difference(),
                       "difference_pct": f.difference_pct()})
            })
            .collect()
    };
    let document = json!({
        "inputs": comparison.inputs.iter().map(|i| json!({
            "path": i.path, "label": i.label, "change": i.change.key(),
            "first": i.before, "second": i.after,
        })).collect::<Vec<_>>(),
        "headlines": figures(&comparison.headlines),
        "costs": figures(&comparison.costs),
        "limits": figures(&comparison.limits),
        "costs_unchanged": comparison.costs_unchanged,
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&document).unwrap_or_default()
    )
}

/// The scenario named by `--preset`, a file, or a link.
fn load(preset: Option<&str>, source: Option<&str>) -> Result<Scenario, String> {
    match (preset, source) {
        (Some(id), _) => presets::by_id(id).map(|p| p.scenario()).ok_or_else(|| {
            let known: Vec<&str> = presets::all().iter().map(|p| p.id).collect();
            format!(
                "no preset named “{}” (presets: {})",
                echo(id),
                known.join(", ")
            )
        }),
        (None, Some(source)) => {
            if let Some(fragment) = link_fragment(source) {
                return link::decode(fragment).map_err(|e| e.to_string());
            }
            let text = read_file(source)?;
            read_scenario(&text).map_err(|e| format!("{source}: {e}"))
        }
        (None, None) => Err("name a scenario: --preset NAME, a FILE.json, or a link".to_string()),
    }
}

/// The longest scenario file read, in bytes: a scenario with every list full is about 100 KB.
const LONGEST_FILE: u64 = 16 * 1024 * 1024;

/// The text of the file at `path`, read no further than [`LONGEST_FILE`] (so that `/dev/zero` is
/// refused rather than read until memory runs out).
fn read_file(path: &str) -> Result<String, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(LONGEST_FILE + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read {}: {e}", escaped(path, 200)))?;
    if bytes.len() as u64 > LONGEST_FILE {
        return Err(format!(
            "{} is larger than a scenario file can be ({} MB)",
            escaped(path, 200),
            LONGEST_FILE / 1024 / 1024
        ));
    }
    String::from_utf8(bytes)
        .map_err(|_| format!("cannot read {}: it is not UTF-8 text", escaped(path, 200)))
}

/// The scenario a scenario file holds (JSON, as `--format scenario` prints it), valid: or why
/// not, as `not a valid scenario: …` or `<field>: <problem>`.
pub fn read_scenario(text: &str) -> Result<Scenario, String> {
    // A byte-order mark, as some editors write, is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let scenario: Scenario =
        serde_json::from_str(text).map_err(|e| format!("not a valid scenario: {e}"))?;
    check(&scenario, &[])?;
    Ok(scenario)
}

/// The fragment of a share link given as `#v1.…`, `v1.…` or a whole URL; `None` for a file:
/// one that exists, or a name that ends in `.json` or holds a folder. A link comes first when
/// it reads as one, so that a damaged link (a `/` of standard base64 in it) is said to be
/// damaged, not a file that cannot be read.
fn link_fragment(source: &str) -> Option<&str> {
    let path = std::path::Path::new(source);
    let url = source.contains("://");
    let json = (path.extension()).is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if (path.exists() || json) && !url {
        return None;
    }
    let fragment = source.strip_prefix('#').unwrap_or(source);
    let looks_like_link = fragment.starts_with('v')
        && fragment[1..]
            .split_once('.')
            .is_some_and(|(v, _)| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()));
    if looks_like_link {
        return Some(fragment);
    }
    if source.contains(['/', '\\']) && !url {
        return None;
    }
    source.split_once('#').map(|(_, fragment)| fragment)
}

/// Applies one `--set PATH=VALUE` and returns the path it set. The scenario may break a rule
/// that ties inputs until [`check`] says otherwise.
pub fn apply_set(scenario: &mut Scenario, assignment: &str) -> Result<String, String> {
    let (path, raw) = assignment
        .split_once('=')
        .ok_or_else(|| format!("--set “{}” needs the form PATH=VALUE", echo(assignment)))?;
    // `ranges.<path>=low..high` sets a range as `<path>=low..high` does; empty takes it off.
    let range_path = path.strip_prefix("ranges.");
    let path = range_path.unwrap_or(path);
    if let Some(id) = path.strip_prefix("prices.") {
        scenario
            .set_price_override(id, raw)
            .map_err(|e| format!("--set {}: {e}", echo(path)))?;
        return Ok(path.to_string());
    }
    // An item one past the end of a list is added: `--set services.0.name=api` on a scenario
    // without services creates the first one; an index beyond that says how many there are.
    let mut parts = path.splitn(3, '.');
    if let (None, Some(key), Some(index), Some(_)) =
        (range_path, parts.next(), parts.next(), parts.next())
        && let Some(list) = fields::list(key)
        && let Ok(index) = index.parse::<usize>()
    {
        let len = list.len(scenario);
        if index == len {
            list.push(scenario)
                .map_err(|e| format!("--set {}: {e}", echo(path)))?;
        } else if index > len {
            return Err(format!(
                "--set {}: the scenario has {len} {key}, numbered from 0; --set {key}.{len}.… adds the next",
                echo(path)
            ));
        }
    }
    let field = fields::Field::resolve(path, scenario).ok_or_else(|| {
        format!(
            "--set: no field “{}” (`--format scenario` prints every field)",
            echo(path)
        )
    })?;
    // A range, `low..high`, is kept beside the value, which stays the point figure.
    if (looks_like_range(raw) && field.input().takes_range()) || range_path.is_some() {
        let path = field.path().into_owned();
        if raw.trim().is_empty() {
            scenario.ranges.remove(&path);
        } else {
            let range = Range::parse(raw, field, scenario)
                .map_err(|e| format!("--set {}: {e}", echo(&path)))?;
            crate::engine::uncertainty::give_range(scenario, field, range);
        }
        return Ok(path);
    }
    let value = field
        .parse(raw, scenario)
        .map_err(|e| format!("--set {}: {e}", echo(path)))?;
    field.set(scenario, &value);
    Ok(path.to_string())
}

/// The scenario's first problem, preferring one about the path the user set last (a rule that
/// ties two inputs is reported against the one just changed).
pub fn check(scenario: &Scenario, set: &[String]) -> Result<(), String> {
    let errors = scenario.validate();
    let first = set
        .iter()
        .rev()
        .find_map(|path| errors.iter().find(|e| &e.path == path))
        .or(errors.first());
    match first {
        Some(error) => Err(format!("{}: {}", error.path, error.message)),
        None => Ok(()),
    }
}

/// A note when `path` was set but does not apply to the scenario, so changes nothing.
fn not_applied(scenario: &Scenario, path: &str) -> Option<String> {
    let field = fields::Field::resolve(path, scenario)?;
    if field.shown(scenario) {
        return None;
    }
    let group = field.group();
    let why = match group {
        _ if !group.is_shown(scenario)
            || (field.input().runs_only && !scenario.workload.enabled) =>
        {
            "the scenario has no runs (--set workload.enabled=yes)".to_string()
        }
        Group::Section(section) if !section.is_switched_on(scenario) => format!(
            "{} is switched off (--set {}.{}=yes)",
            section.title,
            section.key,
            section.switch.unwrap_or("enabled")
        ),
        _ => format!(
            "it does not apply given the other inputs of {}",
            group.title()
        ),
    };
    Some(format!("{path} is set but changes nothing: {why}."))
}

fn table(report: &Report, run: Option<&Uncertainty>) -> String {
    let mut text = String::new();
    if let Some(run) = run {
        text.push_str(&format!(
            "Uncertainty: {} samples of {}\n",
            format::plain(run.samples as f64),
            (run.inputs.iter())
                .map(|i| format!("{} {}", i.label, i.range.to_text()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        for odds in &run.odds {
            text.push_str(&format!(
                "  {:<58} {:>8}%\n",
                odds.label,
                format::plain(100.0 * odds.probability)
            ));
        }
        if !run.tornado.is_empty() {
            text.push_str(
                "What drives the spread of the month's total (each input from P5 to P95)\n",
            );
        }
        for swing in &run.tornado {
            text.push_str(&format!(
                "  {:<44} {:>14} → {:<14} rank correlation {:.2}\n",
                swing.label,
                format::money(swing.total_at_p5),
                format::money(swing.total_at_p95),
                swing.rank_correlation
            ));
        }
    }
    for (section, title) in SECTIONS {
        let mut rows = report.section(section).peekable();
        if rows.peek().is_none() {
            continue;
        }
        match run {
            Some(_) => text.push_str(&format!(
                "{title:<47} {:>22}  {:>16} {:>16} {:>16}\n",
                "value", "P10", "P50", "P90"
            )),
            None => text.push_str(&format!("{title}\n")),
        }
        for m in rows {
            let spread = run.and_then(|run| run.spread(&m.id)).map(|p| {
                [p.p10, p.p50, p.p90]
                    .map(|v| format!(" {:>16}", format::with_unit(v, m.unit)))
                    .concat()
            });
            text.push_str(&format!(
                "  {:<44} {:>22}{}  {}\n",
                m.label,
                format::with_unit(m.value, m.unit),
                spread.unwrap_or_default(),
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
    let run_findings = run.map(|run| run.findings.as_slice()).unwrap_or_default();
    if !report.warnings.is_empty() || !run_findings.is_empty() {
        text.push_str("Findings\n");
        for w in report.warnings.iter().chain(run_findings) {
            text.push_str(&format!("  [{}] {}\n", w.severity.as_str(), w.message));
        }
    }
    text.push_str(&format!("Prices: catalog {}\n", report.catalog_version));
    text
}

fn json(report: &Report, run: Option<&Uncertainty>) -> String {
    use serde_json::{Map, Value, json};
    let metrics: Map<String, Value> = report
        .metrics
        .iter()
        .map(|m| {
            let mut figure = json!({
                "value": m.value,
                "unit": m.unit.symbol(),
                "label": m.label,
                "formula": m.formula,
            });
            if let Some(p) = run.and_then(|run| run.spread(&m.id)) {
                figure["p10"] = json!(p.p10);
                figure["p50"] = json!(p.p50);
                figure["p90"] = json!(p.p90);
            }
            (m.id.to_string(), figure)
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
    let mut warnings = warnings;
    warnings.extend(
        (run.map(|run| run.findings.as_slice()).unwrap_or_default())
            .iter()
            .map(|w| json!({"id": w.id, "severity": w.severity.as_str(), "message": w.message})),
    );
    let mut document = json!({
        "metrics": metrics,
        "costs": costs,
        "limits": limits,
        "warnings": warnings,
        "projection": projection,
        "prices": prices,
        "catalog": report.catalog_version,
    });
    if let Some(run) = run {
        document["uncertainty"] = uncertainty_json(run);
    }
    format!(
        "{}\n",
        serde_json::to_string_pretty(&document).unwrap_or_default()
    )
}

/// The Monte Carlo run as JSON: its samples, the inputs drawn, the odds, what drives the
/// spread, the histograms and the projection's band.
fn uncertainty_json(run: &Uncertainty) -> serde_json::Value {
    use serde_json::json;
    let spread =
        |p: crate::report::uncertainty::Spread| json!({"p10": p.p10, "p50": p.p50, "p90": p.p90});
    let histogram = |h: &crate::report::uncertainty::Histogram| json!({"low": h.low, "bin_width": h.width, "counts": h.counts, "unit": h.unit.symbol(), "min": h.min, "max": h.max});
    json!({
        "samples": run.samples,
        "samples_left_out": run.left_out.0,
        "inputs": run.inputs.iter().map(|i| json!({
            "path": i.path, "label": i.label, "unit": i.unit.symbol(), "range": i.range.to_text(),
            "p5": i.p5, "median": i.median, "p95": i.p95,
        })).collect::<Vec<_>>(),
        "odds": run.odds.iter().map(|o| json!({
            "id": o.id, "label": o.label, "probability": o.probability,
        })).collect::<Vec<_>>(),
        "drivers": run.tornado.iter().map(|t| json!({
            "path": t.path, "label": t.label,
            "total_monthly_usd_at_p5": t.total_at_p5, "total_monthly_usd_at_p95": t.total_at_p95,
            "gross_margin_pct_at_p5": t.margin_at_p5, "gross_margin_pct_at_p95": t.margin_at_p95,
            "rank_correlation_with_total": t.rank_correlation,
        })).collect::<Vec<_>>(),
        // Only a run whose tornado was swung has figures at the medians.
        "at_medians": (!run.tornado.is_empty()).then(|| json!({"total_monthly_usd": run.at_medians.0, "gross_margin_pct": run.at_medians.1})),
        "target_margin_pct": run.target_margin_pct,
        "budget_monthly_usd": run.budget_monthly_usd,
        "total_histogram": histogram(&run.total),
        "margin_histogram": histogram(&run.margin),
        "projection_samples": run.projection_samples,
        "projection": run.months.iter().map(|m| json!({
            "month": m.month, "total_monthly_usd": spread(m.total), "gross_margin_pct": spread(m.margin),
        })).collect::<Vec<_>>(),
    })
}

fn scenario_json(scenario: &Scenario) -> String {
    format!(
        "{}\n",
        serde_json::to_string_pretty(scenario).unwrap_or_default()
    )
}
