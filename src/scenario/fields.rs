//! The registry of scenario fields: one entry per input, with its path, label, unit, help text and
//! what values it accepts.
//!
//! The form is built from this list, user text is parsed and checked by it, and the CSV lists the
//! inputs through it, so a new input is added here once and appears everywhere.
//!
//! ```
//! use headroom::scenario::{fields, presets};
//! let mut scenario = presets::by_id("agent-platform").unwrap().scenario();
//! let field = fields::by_path("workload.runs_per_day").unwrap();
//! let value = field.parse("20,000").unwrap();
//! field.set(&mut scenario, value);
//! assert_eq!(scenario.workload.runs_per_day, 20_000.0);
//! assert!(field.parse("-5").is_err());
//! ```

use std::sync::OnceLock;

use super::{Billing, CUSTOM_MODEL, MAX_RUNS_PER_DAY, Scenario};
use crate::catalog::Catalog;
use crate::units::Unit;

/// The form sections, in the order they are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// The scenario's name.
    Scenario,
    /// Runs, steps, tools and streams.
    Workload,
    /// Model, tokens and budget.
    Llm,
    /// The step ledger.
    Storage,
    /// The Cloud Run service.
    Compute,
    /// The worker pool.
    Workers,
    /// Growth of the customer base.
    Growth,
    /// Per-tenant quotas.
    Quotas,
    /// Customers and contract.
    Deal,
    /// Concurrent users, actives and their requests.
    Users,
    /// Customers or tenant groups and their request rates.
    Tenants,
    /// Services sized one by one.
    Services,
    /// Aurora Serverless v2.
    Aurora,
    /// Firestore.
    Firestore,
    /// A fixed-price PostgreSQL server.
    Postgres,
    /// The cache cluster.
    Cache,
    /// Event bus or message broker.
    Messaging,
    /// Egress and load balancer.
    Network,
    /// Monthly costs added by hand.
    FixedCosts,
}

impl Section {
    /// Every section, in form order.
    pub const ALL: [Section; 19] = [
        Section::Scenario,
        Section::Workload,
        Section::Llm,
        Section::Storage,
        Section::Compute,
        Section::Workers,
        Section::Users,
        Section::Tenants,
        Section::Services,
        Section::Aurora,
        Section::Firestore,
        Section::Postgres,
        Section::Cache,
        Section::Messaging,
        Section::Network,
        Section::FixedCosts,
        Section::Quotas,
        Section::Deal,
        Section::Growth,
    ];

    /// The path of the yes/no field that switches the section on, for sections a scenario
    /// may leave out. Its other fields are shown only while it is on.
    pub fn switch(self) -> Option<&'static str> {
        match self {
            Section::Workload => Some("workload.enabled"),
            Section::Llm => Some("llm.enabled"),
            Section::Storage => Some("storage.enabled"),
            Section::Compute => Some("compute.enabled"),
            Section::Users => Some("users.enabled"),
            Section::Aurora => Some("aurora.enabled"),
            Section::Firestore => Some("firestore.enabled"),
            Section::Postgres => Some("postgres.enabled"),
            Section::Cache => Some("cache.enabled"),
            _ => None,
        }
    }

    /// Whether the section takes part in `scenario`: its switch is on, and for the sections
    /// that only exist for runs (LLM, ledger, run executor, worker pool), runs are on too.
    pub fn is_on(self, s: &Scenario) -> bool {
        let runs = s.workload.enabled;
        match self {
            Section::Workload => runs,
            Section::Llm => runs && s.llm.enabled,
            Section::Storage => runs && s.storage.enabled,
            Section::Compute => runs && s.compute.enabled,
            Section::Workers => runs,
            Section::Users => s.users.enabled,
            Section::Aurora => s.aurora.enabled,
            Section::Firestore => s.firestore.enabled,
            Section::Postgres => s.postgres.enabled,
            Section::Cache => s.cache.enabled,
            _ => true,
        }
    }

    /// Whether the section's heading is shown at all: a section that depends on runs is
    /// hidden, switch included, while runs are off.
    pub fn is_shown(self, s: &Scenario) -> bool {
        match self {
            Section::Llm | Section::Storage | Section::Compute | Section::Workers => {
                s.workload.enabled
            }
            _ => true,
        }
    }

    /// The heading shown for the section.
    pub fn title(self) -> &'static str {
        match self {
            Section::Scenario => "Scenario",
            Section::Workload => "Runs",
            Section::Llm => "LLM",
            Section::Storage => "Storage",
            Section::Compute => "Compute (Cloud Run)",
            Section::Workers => "Worker pool",
            Section::Growth => "Growth",
            Section::Quotas => "Quotas",
            Section::Deal => "Deal",
            Section::Users => "Users",
            Section::Tenants => "Customers and tenant groups",
            Section::Services => "Services",
            Section::Aurora => "Aurora Serverless v2",
            Section::Firestore => "Firestore",
            Section::Postgres => "PostgreSQL server",
            Section::Cache => "Cache",
            Section::Messaging => "Messaging",
            Section::Network => "Network",
            Section::FixedCosts => "Fixed monthly costs",
        }
    }
}

/// A field's value: a number, or the id of a choice or a text.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A number in the field's unit.
    Number(f64),
    /// A choice id or free text.
    Text(String),
}

impl Value {
    /// The value as the user would type it: shortest round-trip decimal for numbers.
    pub fn to_text(&self) -> String {
        match self {
            Value::Number(n) => format!("{n}"),
            Value::Text(t) => t.clone(),
        }
    }
}

/// What a field accepts.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A finite number in `[min, max]`, whole if `integer`.
    Number {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
        /// Whether only whole numbers are allowed.
        integer: bool,
    },
    /// One of a list of options: (id, label).
    Choice(Vec<(String, String)>),
    /// Free text up to this many characters.
    Text {
        /// Longest allowed text, in characters.
        max_chars: usize,
    },
}

type Getter = fn(&Scenario) -> Value;
type Setter = fn(&mut Scenario, Value);

/// One input of the scenario.
pub struct Field {
    /// Dotted path, the same as in the scenario's JSON: `section.name`.
    pub path: &'static str,
    /// The form section it belongs to.
    pub section: Section,
    /// The label shown beside the input.
    pub label: &'static str,
    /// Its unit.
    pub unit: Unit,
    /// What it means, shown under the input.
    pub help: &'static str,
    /// What it accepts.
    pub kind: Kind,
    /// Shown only when this holds (e.g. custom prices only for the custom model).
    pub relevant: fn(&Scenario) -> bool,
    get: Getter,
    set: Setter,
}

impl std::fmt::Debug for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Field").field("path", &self.path).finish()
    }
}

impl Field {
    /// Whether the form shows the field for `scenario`: its section is shown and on (a
    /// section's switch shows while the section is off), and the field applies.
    pub fn shown(&self, scenario: &Scenario) -> bool {
        let switch = self.section.switch() == Some(self.path);
        self.section.is_shown(scenario)
            && (switch || self.section.is_on(scenario))
            && (self.relevant)(scenario)
    }

    /// The field's current value in `scenario`.
    pub fn get(&self, scenario: &Scenario) -> Value {
        (self.get)(scenario)
    }

    /// Writes `value` into `scenario`. The value should have passed [`Field::parse`] or
    /// [`Field::check`]; a value of the wrong kind is ignored.
    pub fn set(&self, scenario: &mut Scenario, value: Value) {
        (self.set)(scenario, value)
    }

    /// Parses what a user typed into a value this field accepts, or says what is allowed.
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

/// Parses what a user typed into a value of `kind`, or says what is allowed.
fn parse_kind(kind: &Kind, unit: Unit, raw: &str) -> Result<Value, String> {
    let value = match kind {
        Kind::Number { .. } => {
            let trimmed = raw.trim();
            if trimmed.is_empty() {
                return Err(format!("Enter a number. {}", allowed_kind(kind, unit)));
            }
            let number = parse_number(trimmed).ok_or_else(|| {
                format!("“{trimmed}” is not a number. {}", allowed_kind(kind, unit))
            })?;
            Value::Number(number)
        }
        Kind::Choice(_) => Value::Text(raw.trim().to_string()),
        // Text is kept exactly as typed, so that what the form shows, the link carries and
        // the file holds are the same.
        Kind::Text { .. } => Value::Text(raw.to_string()),
    };
    check_kind(kind, unit, &value)?;
    Ok(value)
}

/// Checks a value against what `kind` accepts.
fn check_kind(kind: &Kind, unit: Unit, value: &Value) -> Result<(), String> {
    match (kind, value) {
        (Kind::Number { min, max, integer }, Value::Number(n)) => {
            if !n.is_finite() || n < min || n > max || (*integer && n.fract() != 0.0) {
                Err(allowed_kind(kind, unit))
            } else {
                Ok(())
            }
        }
        (Kind::Choice(options), Value::Text(t)) => {
            if options.iter().any(|(id, _)| id == t) {
                Ok(())
            } else {
                Err(allowed_kind(kind, unit))
            }
        }
        (Kind::Text { max_chars }, Value::Text(t)) => {
            if t.chars().count() > *max_chars || t.chars().any(char::is_control) {
                Err(allowed_kind(kind, unit))
            } else {
                Ok(())
            }
        }
        _ => Err(allowed_kind(kind, unit)),
    }
}

/// What `kind` accepts, in words.
fn allowed_kind(kind: &Kind, unit: Unit) -> String {
    match kind {
        Kind::Number { min, max, integer } => {
            let whole = if *integer {
                "a whole number"
            } else {
                "a number"
            };
            let unit = unit.symbol();
            let unit = if unit.is_empty() {
                String::new()
            } else {
                format!(" {unit}")
            };
            format!(
                "Allowed: {whole} from {} to {}{unit}.",
                crate::report::format::plain(*min),
                crate::report::format::plain(*max)
            )
        }
        Kind::Choice(options) => {
            let ids: Vec<&str> = options.iter().map(|(id, _)| id.as_str()).collect();
            format!("Allowed: one of {}.", ids.join(", "))
        }
        Kind::Text { max_chars } => {
            format!("Allowed: up to {max_chars} characters, on one line.")
        }
    }
}

/// Parses a decimal number as people type it: `10000`, `10,000`, `0.6`, `1e6`. Commas are
/// accepted only as thousands separators in the integer part; `inf` and `NaN` are refused.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let (integer_part, rest) = match text.find(['.', 'e', 'E']) {
        Some(i) => text.split_at(i),
        None => (text, ""),
    };
    let digits = if integer_part.contains(',') {
        let unsigned = integer_part.trim_start_matches(['-', '+']);
        let mut groups = unsigned.split(',');
        let first = groups.next()?;
        let well_grouped = (1..=3).contains(&first.len())
            && groups.all(|g| g.len() == 3)
            && unsigned.chars().all(|c| c.is_ascii_digit() || c == ',');
        if !well_grouped {
            return None;
        }
        integer_part.replace(',', "")
    } else {
        integer_part.to_string()
    };
    let candidate = format!("{digits}{rest}");
    let is_plain_decimal = candidate
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'));
    if !is_plain_decimal {
        return None;
    }
    candidate.parse::<f64>().ok().filter(|n| n.is_finite())
}

fn always(_: &Scenario) -> bool {
    true
}

fn custom_model(s: &Scenario) -> bool {
    s.llm.model == CUSTOM_MODEL
}

macro_rules! number {
    ($path:literal, $($field:ident).+, $section:ident, $label:literal, $unit:ident,
     $min:expr, $max:expr, $integer:expr, $help:literal $(, relevant = $relevant:expr)?) => {
        Field {
            path: $path,
            section: Section::$section,
            label: $label,
            unit: Unit::$unit,
            help: $help,
            kind: Kind::Number { min: $min, max: $max, integer: $integer },
            relevant: number!(@relevant $($relevant)?),
            get: |s| Value::Number(s.$($field).+),
            set: |s, v| {
                if let Value::Number(n) = v {
                    s.$($field).+ = n;
                }
            },
        }
    };
    (@relevant) => { always };
    (@relevant $relevant:expr) => { $relevant };
}

/// A yes/no field over a `bool`.
macro_rules! switch {
    ($path:literal, $($field:ident).+, $section:ident, $label:literal, $yes:literal, $no:literal,
     $help:literal) => {
        Field {
            path: $path,
            section: Section::$section,
            label: $label,
            unit: Unit::None,
            help: $help,
            kind: Kind::Choice(vec![("yes".into(), $yes.into()), ("no".into(), $no.into())]),
            relevant: always,
            get: |s| Value::Text(if s.$($field).+ { "yes" } else { "no" }.into()),
            set: |s, v| {
                if let Value::Text(t) = v {
                    match t.as_str() {
                        "yes" => s.$($field).+ = true,
                        "no" => s.$($field).+ = false,
                        _ => {}
                    }
                }
            },
        }
    };
}

/// A field choosing one variant of an enum, each with its id and label.
macro_rules! choice {
    ($path:literal, $($field:ident).+, $section:ident, $label:literal, $help:literal,
     [$(($variant:expr, $id:literal, $text:literal)),+ $(,)?] $(, relevant = $relevant:expr)?) => {
        Field {
            path: $path,
            section: Section::$section,
            label: $label,
            unit: Unit::None,
            help: $help,
            kind: Kind::Choice(vec![$(($id.into(), $text.into())),+]),
            relevant: number!(@relevant $($relevant)?),
            get: |s| {
                let current = s.$($field).+;
                $(if current == $variant {
                    return Value::Text($id.into());
                })+
                Value::Text(String::new())
            },
            set: |s, v| {
                if let Value::Text(t) = v {
                    let slot = &mut s.$($field).+;
                    $(if t == $id {
                        *slot = $variant;
                    })+
                }
            },
        }
    };
}

mod components;
mod lists;

pub use lists::{FieldRef, ItemField, List, lists};

fn llm_choices() -> Vec<(String, String)> {
    let mut choices: Vec<(String, String)> = Catalog::current()
        .llm_models()
        .into_iter()
        .map(|m| (m.id, m.label))
        .collect();
    choices.push((CUSTOM_MODEL.to_string(), "Custom prices".to_string()));
    choices
}

fn build() -> Vec<Field> {
    vec![
        Field {
            path: "name",
            section: Section::Scenario,
            label: "Scenario name",
            unit: Unit::None,
            help: "A short name for this scenario; it names the CSV export.",
            kind: Kind::Text { max_chars: 60 },
            relevant: always,
            get: |s| Value::Text(s.name.clone()),
            set: |s, v| {
                if let Value::Text(t) = v {
                    s.name = t;
                }
            },
        },
        number!(
            "workload.runs_per_day",
            workload.runs_per_day,
            Workload,
            "Runs per day",
            RunsPerDay,
            1.0,
            MAX_RUNS_PER_DAY,
            false,
            "Agent runs started per day, all teams and customers together."
        ),
        number!(
            "workload.peak_to_average",
            workload.peak_to_average,
            Workload,
            "Peak-to-average ratio",
            Ratio,
            1.0,
            100.0,
            false,
            "How many times the average arrival rate the busiest hour reaches (3 for a business-hours spike)."
        ),
        number!(
            "workload.run_duration_s",
            workload.run_duration_s,
            Workload,
            "Average run duration",
            Seconds,
            0.1,
            86_400.0,
            false,
            "Wall-clock time from a run's start to its end, including LLM and tool calls."
        ),
        number!(
            "workload.burst_concurrent_runs",
            workload.burst_concurrent_runs,
            Workload,
            "Burst concurrency",
            ConcurrentRuns,
            0.0,
            10_000_000.0,
            false,
            "Runs in flight at once when a batch trigger fires many together."
        ),
        number!(
            "workload.steps_per_run",
            workload.steps_per_run,
            Workload,
            "Steps per run (average)",
            StepsPerRun,
            1.0,
            10_000.0,
            false,
            "Steps an average run takes; each step is one activity with its LLM call and maybe a tool call."
        ),
        number!(
            "workload.max_steps_per_run",
            workload.max_steps_per_run,
            Workload,
            "Steps per run (hard cap)",
            StepsPerRun,
            1.0,
            10_000.0,
            true,
            "The most steps any run may take before it is stopped."
        ),
        number!(
            "workload.tool_call_share_pct",
            workload.tool_call_share_pct,
            Workload,
            "Steps with a tool call",
            Percent,
            0.0,
            100.0,
            false,
            "Share of steps that call a tool (an API call, a database query)."
        ),
        number!(
            "workload.tool_call_latency_s",
            workload.tool_call_latency_s,
            Workload,
            "Tool-call latency",
            Seconds,
            0.0,
            3_600.0,
            false,
            "Average time one tool call takes to answer."
        ),
        number!(
            "workload.stream_events_per_step",
            workload.stream_events_per_step,
            Workload,
            "Stream events per step",
            EventsPerStep,
            0.0,
            1_000.0,
            false,
            "Events streamed to watching clients per step (step start, tool call start and result, step end)."
        ),
        number!(
            "workload.clients_per_run",
            workload.clients_per_run,
            Workload,
            "Clients per run (SSE)",
            ClientsPerRun,
            0.0,
            1_000.0,
            false,
            "Clients holding a server-sent-events connection to each run while it executes."
        ),
        Field {
            path: "llm.model",
            section: Section::Llm,
            label: "Model",
            unit: Unit::None,
            help: "The model each LLM call uses, priced from the catalog; choose Custom prices to type your own.",
            kind: Kind::Choice(llm_choices()),
            relevant: always,
            get: |s| Value::Text(s.llm.model.clone()),
            set: |s, v| {
                if let Value::Text(t) = v {
                    s.llm.model = t;
                }
            },
        },
        number!(
            "llm.custom_input_usd_per_mtok",
            llm.custom_input_usd_per_mtok,
            Llm,
            "Custom input price",
            UsdPerMillionTokens,
            0.0,
            1_000.0,
            false,
            "Your model's price per million input tokens.",
            relevant = custom_model
        ),
        number!(
            "llm.custom_cached_input_usd_per_mtok",
            llm.custom_cached_input_usd_per_mtok,
            Llm,
            "Custom cached-input price",
            UsdPerMillionTokens,
            0.0,
            1_000.0,
            false,
            "Your model's price per million input tokens served from the prompt cache.",
            relevant = custom_model
        ),
        number!(
            "llm.custom_output_usd_per_mtok",
            llm.custom_output_usd_per_mtok,
            Llm,
            "Custom output price",
            UsdPerMillionTokens,
            0.0,
            1_000.0,
            false,
            "Your model's price per million output tokens.",
            relevant = custom_model
        ),
        number!(
            "llm.input_tokens_per_call",
            llm.input_tokens_per_call,
            Llm,
            "Input tokens per call",
            TokensPerCall,
            0.0,
            10_000_000.0,
            false,
            "Prompt tokens sent with each LLM call (instructions, context, tool results)."
        ),
        number!(
            "llm.output_tokens_per_call",
            llm.output_tokens_per_call,
            Llm,
            "Output tokens per call",
            TokensPerCall,
            0.0,
            1_000_000.0,
            false,
            "Tokens the model writes in answer to each call."
        ),
        number!(
            "llm.cached_input_share_pct",
            llm.cached_input_share_pct,
            Llm,
            "Input served from cache",
            Percent,
            0.0,
            100.0,
            false,
            "Share of input tokens billed at the cached-input price (a repeated prompt prefix)."
        ),
        number!(
            "llm.calls_per_step",
            llm.calls_per_step,
            Llm,
            "LLM calls per step",
            CallsPerStep,
            0.0,
            100.0,
            false,
            "LLM calls each step makes; 1 in the usual one-call-per-activity design."
        ),
        number!(
            "llm.token_budget_per_run",
            llm.token_budget_per_run,
            Llm,
            "Token budget per run",
            TokensPerRun,
            1.0,
            1.0e9,
            false,
            "Tokens one run may spend before the platform stops it."
        ),
        number!(
            "llm.rate_limit_requests_per_min",
            llm.rate_limit_requests_per_min,
            Llm,
            "Provider limit: requests",
            RequestsPerMinute,
            0.0,
            1.0e9,
            false,
            "The provider's requests-per-minute limit for your account and model; 0 if you do not know it (then it is not checked)."
        ),
        number!(
            "llm.rate_limit_tokens_per_min",
            llm.rate_limit_tokens_per_min,
            Llm,
            "Provider limit: tokens",
            TokensPerMinute,
            0.0,
            1.0e12,
            false,
            "The provider's tokens-per-minute limit (input + output); 0 if you do not know it."
        ),
        number!(
            "storage.metadata_kb_per_step",
            storage.metadata_kb_per_step,
            Storage,
            "Metadata per step",
            Kilobytes,
            0.0,
            1_000_000.0,
            false,
            "Step ledger row: ids, status, timings, tool arguments (1 KB = 1,000 bytes)."
        ),
        number!(
            "storage.context_kb_per_step",
            storage.context_kb_per_step,
            Storage,
            "Context snapshot per step",
            Kilobytes,
            0.0,
            1_000_000.0,
            false,
            "The LLM context saved with each step for audit and replay."
        ),
        number!(
            "storage.retention_days",
            storage.retention_days,
            Storage,
            "Retention",
            Days,
            1.0,
            36_500.0,
            false,
            "Days a step stays in the ledger before it is deleted."
        ),
        number!(
            "compute.vcpu_per_instance",
            compute.vcpu_per_instance,
            Compute,
            "vCPU per instance",
            Vcpu,
            0.08,
            8.0,
            false,
            "CPU allocated to each Cloud Run instance (0.08 to 8)."
        ),
        number!(
            "compute.memory_gib_per_instance",
            compute.memory_gib_per_instance,
            Compute,
            "Memory per instance",
            Gibibytes,
            0.125,
            32.0,
            false,
            "Memory allocated to each instance, in GiB (0.5 = 512 MiB)."
        ),
        number!(
            "compute.concurrency_per_instance",
            compute.concurrency_per_instance,
            Compute,
            "Concurrency per instance",
            ConcurrentRequests,
            1.0,
            1_000.0,
            true,
            "Requests one instance serves at once; Cloud Run's default is 80, its maximum 1,000."
        ),
        number!(
            "compute.min_instances",
            compute.min_instances,
            Compute,
            "Minimum instances",
            Instances,
            0.0,
            1_000.0,
            true,
            "Instances kept warm at all times, even with no traffic."
        ),
        number!(
            "compute.max_instances",
            compute.max_instances,
            Compute,
            "Maximum instances",
            Instances,
            1.0,
            1_000.0,
            true,
            "The most instances the service may scale to; Cloud Run's default is 100."
        ),
        choice!(
            "compute.billing",
            compute.billing,
            Compute,
            "Billing",
            "Request-based bills CPU and memory only while requests are in flight, plus a fee per request; instance-based bills instances for their whole life at a lower rate.",
            [
                (Billing::Request, "request", "Request-based"),
                (Billing::Instance, "instance", "Instance-based"),
            ]
        ),
        number!(
            "compute.target_utilization_pct",
            compute.target_utilization_pct,
            Compute,
            "Target utilisation",
            Percent,
            1.0,
            100.0,
            false,
            "Share of each instance's concurrency the autoscaler fills before it adds an instance; the rest is headroom."
        ),
        Field {
            path: "compute.free_tier",
            section: Section::Compute,
            label: "Free tier",
            unit: Unit::None,
            help: "The monthly free allowance is per billing account: count it only if nothing else in the account uses it.",
            kind: Kind::Choice(vec![
                ("no".into(), "Not available to this service".into()),
                ("yes".into(), "Deduct it from this service's bill".into()),
            ]),
            relevant: always,
            get: |s| {
                Value::Text(if s.compute.free_tier {
                    "yes".into()
                } else {
                    "no".into()
                })
            },
            set: |s, v| {
                if let Value::Text(t) = v {
                    match t.as_str() {
                        "yes" => s.compute.free_tier = true,
                        "no" => s.compute.free_tier = false,
                        _ => {}
                    }
                }
            },
        },
        number!(
            "compute.cpu_s_per_run",
            compute.cpu_s_per_run,
            Compute,
            "CPU time per run",
            VcpuSeconds,
            0.0,
            86_400.0,
            false,
            "vCPU-seconds of CPU one run uses on the service (most of a run waits on the LLM and tools); an instance serves at most its vCPU × target utilisation of CPU. 0 if CPU never limits it."
        ),
        number!(
            "workers.slots",
            workers.slots,
            Workers,
            "Worker slots",
            Count,
            0.0,
            1_000_000.0,
            true,
            "Steps the worker pool runs at once, all workers together (e.g. Temporal activity slots); 0 to leave the pool unsized."
        ),
        number!(
            "workers.p95_wait_target_s",
            workers.p95_wait_target_s,
            Workers,
            "Wait target (p95)",
            Seconds,
            0.01,
            3_600.0,
            false,
            "How long 95% of steps may wait for a free slot at the peak hour (e.g. trigger-to-start under 5 s)."
        ),
        number!(
            "quotas.max_runs_per_hour_per_tenant",
            quotas.max_runs_per_hour_per_tenant,
            Quotas,
            "Runs per hour per tenant",
            RunsPerHour,
            0.0,
            1.0e9,
            false,
            "The most runs one tenant (customer) may start in an hour; further ones are refused with HTTP 429. 0 for no quota."
        ),
        number!(
            "deal.customers",
            deal.customers,
            Deal,
            "Customers",
            Count,
            1.0,
            1_000_000.0,
            true,
            "Customers sharing this platform; the monthly bill is split evenly among them."
        ),
        number!(
            "deal.contract_value_per_year_usd",
            deal.contract_value_per_year_usd,
            Deal,
            "Contract value per customer",
            UsdPerYear,
            1.0,
            1.0e10,
            false,
            "What each customer pays per year (annual contract value)."
        ),
        number!(
            "deal.hours_per_month",
            deal.hours_per_month,
            Deal,
            "Hours per month",
            Hours,
            672.0,
            744.0,
            false,
            "Length of a billing month; 730 (365 × 24 ÷ 12) is the cloud calculators' convention."
        ),
        Field {
            path: "growth.months",
            section: Section::Growth,
            label: "Projection length",
            unit: Unit::None,
            help: "How many months the month-by-month projection covers.",
            kind: Kind::Choice(vec![
                ("24".into(), "24 months".into()),
                ("36".into(), "36 months".into()),
            ]),
            relevant: always,
            get: |s| Value::Text(s.growth.months.to_string()),
            set: |s, v| {
                if let Value::Text(t) = v
                    && let Ok(months @ (24 | 36)) = t.parse::<u32>()
                {
                    s.growth.months = months;
                }
            },
        },
        number!(
            "growth.customers_at_6_months",
            growth.customers_at_6_months,
            Growth,
            "Customers at 6 months",
            Count,
            0.0,
            1_000_000.0,
            true,
            "Customers expected six months after launch; 0 keeps the number at launch."
        ),
        number!(
            "growth.customers_at_12_months",
            growth.customers_at_12_months,
            Growth,
            "Customers at 12 months",
            Count,
            0.0,
            1_000_000.0,
            true,
            "Customers expected a year after launch; 0 keeps the number at 6 months."
        ),
        number!(
            "growth.customers_at_24_months",
            growth.customers_at_24_months,
            Growth,
            "Customers at 24 months",
            Count,
            0.0,
            1_000_000.0,
            true,
            "Customers expected two years after launch (and after); 0 keeps the number at 12 months."
        ),
    ]
}

/// Every field, in form order.
pub fn all() -> &'static [Field] {
    static FIELDS: OnceLock<Vec<Field>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        let mut fields = build();
        fields.extend(components::build());
        fields
    })
}

/// The field with this dotted path.
pub fn by_path(path: &str) -> Option<&'static Field> {
    all().iter().find(|f| f.path == path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_as_people_type_them() {
        assert_eq!(parse_number("10000"), Some(10_000.0));
        assert_eq!(parse_number("10,000"), Some(10_000.0));
        assert_eq!(parse_number("1,234,567.5"), Some(1_234_567.5));
        assert_eq!(parse_number("0.6"), Some(0.6));
        assert_eq!(parse_number("1e6"), Some(1.0e6));
        assert_eq!(parse_number("-3"), Some(-3.0));
    }

    #[test]
    fn malformed_numbers_are_refused() {
        for text in [
            "", "abc", "1,00", "10,5", "inf", "NaN", "infinity", "1e400", "12abc", "1,0000",
            "0x10", ",",
        ] {
            assert_eq!(parse_number(text), None, "{text}");
        }
    }

    #[test]
    fn paths_are_unique() {
        let mut paths: Vec<_> = all().iter().map(|f| f.path).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), all().len());
    }

    #[test]
    fn errors_say_what_is_allowed() {
        let field = by_path("workload.peak_to_average").unwrap();
        assert_eq!(
            field.parse("0.5").unwrap_err(),
            "Allowed: a number from 1 to 100 ×."
        );
        assert_eq!(
            field.parse("").unwrap_err(),
            "Enter a number. Allowed: a number from 1 to 100 ×."
        );
        let field = by_path("compute.max_instances").unwrap();
        assert_eq!(
            field.parse("2.5").unwrap_err(),
            "Allowed: a whole number from 1 to 1,000 instances."
        );
        let field = by_path("llm.model").unwrap();
        assert!(field.parse("gpt-99").unwrap_err().contains("gpt-4o"));
    }

    #[test]
    fn absurdly_large_values_are_refused() {
        let field = by_path("workload.runs_per_day").unwrap();
        assert!(field.parse("1e300").is_err());
        assert!(field.parse("99999999999999999999").is_err());
    }
}
