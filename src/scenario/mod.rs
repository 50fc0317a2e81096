//! The scenario: everything a user types, and nothing the engine computes.
//!
//! A scenario is plain data. It serialises to JSON (the file the CLI reads and `--format scenario`
//! prints), to a share link ([`crate::export::link`]), and is edited field by field through the
//! registry in [`fields`], which also holds each field's label, unit, help text and valid range.
//!
//! ```
//! use headroom::scenario::presets;
//! let scenario = presets::by_id("agent-platform").unwrap().scenario();
//! assert_eq!(scenario.workload.runs_per_day, 10_000.0);
//! assert!(scenario.validate().is_empty());
//! ```

pub mod fields;
pub mod presets;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The model id that means "use the custom prices typed in the scenario".
pub const CUSTOM_MODEL: &str = "custom";

/// A whole scenario: the workload, what it runs on, and the deal it is priced against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// A short name, used in the export file name.
    pub name: String,
    /// The price catalog version the scenario is priced with.
    pub catalog: String,
    /// How much work arrives and what each run does.
    pub workload: Workload,
    /// The language model each step calls.
    pub llm: Llm,
    /// What each step leaves in the step ledger.
    pub storage: Storage,
    /// The Cloud Run service the runs execute on.
    pub compute: CloudRun,
    /// The worker pool that executes steps, sized against a wait target.
    #[serde(default)]
    pub workers: Workers,
    /// How the customer base grows, for the month-by-month projection.
    #[serde(default)]
    pub growth: Growth,
    /// Per-tenant limits the platform enforces.
    #[serde(default)]
    pub quotas: Quotas,
    /// The customers and the contract the cost is set against.
    pub deal: Deal,
    /// Catalog prices overridden by the user, by catalog id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub prices: BTreeMap<String, f64>,
}

/// Arrival and shape of agent runs (seed 000, "Assumptions" to "Stream Events Per Second").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    /// Runs started per day, all customers together.
    pub runs_per_day: f64,
    /// Peak arrival rate ÷ average arrival rate.
    pub peak_to_average: f64,
    /// Average wall-clock duration of a run, in seconds.
    pub run_duration_s: f64,
    /// Concurrent runs in a batch-trigger burst.
    pub burst_concurrent_runs: f64,
    /// Average steps per run.
    pub steps_per_run: f64,
    /// Hard cap on steps per run.
    pub max_steps_per_run: f64,
    /// Share of steps that make a tool call, in percent.
    pub tool_call_share_pct: f64,
    /// Average latency of one tool call, in seconds.
    pub tool_call_latency_s: f64,
    /// Stream events emitted per step.
    pub stream_events_per_step: f64,
    /// Clients watching each run over server-sent events.
    pub clients_per_run: f64,
}

/// The LLM calls each step makes and what they cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Llm {
    /// Catalog model id, or [`CUSTOM_MODEL`].
    pub model: String,
    /// Input (prompt) tokens per call.
    pub input_tokens_per_call: f64,
    /// Output (completion) tokens per call.
    pub output_tokens_per_call: f64,
    /// Share of input tokens served from the provider's prompt cache, in percent.
    pub cached_input_share_pct: f64,
    /// LLM calls per step.
    pub calls_per_step: f64,
    /// Tokens one run may spend before it is stopped.
    pub token_budget_per_run: f64,
    /// Custom model: USD per million input tokens.
    pub custom_input_usd_per_mtok: f64,
    /// Custom model: USD per million cached input tokens.
    pub custom_cached_input_usd_per_mtok: f64,
    /// Custom model: USD per million output tokens.
    pub custom_output_usd_per_mtok: f64,
    /// The provider's limit on requests per minute; 0 when not known (then not checked).
    #[serde(default)]
    pub rate_limit_requests_per_min: f64,
    /// The provider's limit on tokens (input + output) per minute; 0 when not known.
    #[serde(default)]
    pub rate_limit_tokens_per_min: f64,
}

/// The step ledger (seed 000, "Storage").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Storage {
    /// Metadata stored per step, in KB.
    pub metadata_kb_per_step: f64,
    /// LLM context snapshot stored per step, in KB.
    pub context_kb_per_step: f64,
    /// Days the ledger keeps a step.
    pub retention_days: f64,
}

/// How Cloud Run bills the service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Billing {
    /// CPU and memory billed only while an instance handles requests, plus a per-request fee.
    Request,
    /// CPU and memory billed for an instance's whole lifetime; no per-request fee.
    Instance,
}

/// The Cloud Run service that executes runs and serves their event streams.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloudRun {
    /// vCPUs per instance.
    pub vcpu_per_instance: f64,
    /// Memory per instance, in GiB.
    pub memory_gib_per_instance: f64,
    /// Concurrent requests one instance accepts.
    pub concurrency_per_instance: f64,
    /// Instances kept running at all times.
    pub min_instances: f64,
    /// The most instances the service may scale to.
    pub max_instances: f64,
    /// Request-based or instance-based billing.
    pub billing: Billing,
    /// Share of each instance's concurrency the autoscaler aims to use, in percent.
    pub target_utilization_pct: f64,
    /// Whether the billing account's monthly free tier is still available to this service.
    pub free_tier: bool,
    /// CPU time one run uses, in vCPU-seconds; 0 when CPU does not limit an instance (then
    /// only concurrency does).
    #[serde(default)]
    pub cpu_s_per_run: f64,
}

/// The pool of workers that executes steps (Temporal activity slots, queue consumers): a step
/// waits in the queue until a slot is free.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workers {
    /// Steps the pool executes at once, all workers together; 0 when the pool is not sized
    /// here (then no queueing figures are made).
    pub slots: f64,
    /// The longest a step may wait for a slot, at the 95th percentile, in seconds.
    pub p95_wait_target_s: f64,
}

impl Default for Workers {
    /// No pool sized: what a scenario made before pools were modelled means.
    fn default() -> Self {
        Workers {
            slots: 0.0,
            p95_wait_target_s: 5.0,
        }
    }
}

/// How many customers are expected as time passes. The workload grows with them: each customer
/// brings the launch workload ÷ the launch customers. Between milestones the count moves in a
/// straight line; after the last it stays.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Growth {
    /// Months the projection covers: 24 or 36.
    pub months: u32,
    /// Customers expected six months after launch; 0 keeps the count at launch.
    pub customers_at_6_months: f64,
    /// Customers expected twelve months after launch; 0 keeps the previous milestone.
    pub customers_at_12_months: f64,
    /// Customers expected twenty-four months after launch; 0 keeps the previous milestone.
    pub customers_at_24_months: f64,
}

impl Default for Growth {
    /// No growth entered: the customers at launch stay for 24 months.
    fn default() -> Self {
        Growth {
            months: 24,
            customers_at_6_months: 0.0,
            customers_at_12_months: 0.0,
            customers_at_24_months: 0.0,
        }
    }
}

impl Growth {
    /// The milestones as (month, customers), starting at launch with `launch_customers`; a
    /// milestone of 0 repeats the one before it.
    pub fn milestones(&self, launch_customers: f64) -> [(f64, f64); 4] {
        let at_6 = if self.customers_at_6_months > 0.0 {
            self.customers_at_6_months
        } else {
            launch_customers
        };
        let at_12 = if self.customers_at_12_months > 0.0 {
            self.customers_at_12_months
        } else {
            at_6
        };
        let at_24 = if self.customers_at_24_months > 0.0 {
            self.customers_at_24_months
        } else {
            at_12
        };
        [
            (0.0, launch_customers),
            (6.0, at_6),
            (12.0, at_12),
            (24.0, at_24),
        ]
    }
}

/// Limits the platform enforces per tenant (each customer is a tenant).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quotas {
    /// Runs a tenant may start per hour before further ones are refused with HTTP 429; 0 when
    /// there is no such quota.
    pub max_runs_per_hour_per_tenant: f64,
}

/// The customers and the contract.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deal {
    /// Customers sharing the platform.
    pub customers: f64,
    /// Contract value per customer per year, in USD.
    pub contract_value_per_year_usd: f64,
    /// Hours in a billing month (730 by the cloud calculators' convention).
    pub hours_per_month: f64,
}

/// The most runs per day the planner sizes, at launch or after growth.
pub const MAX_RUNS_PER_DAY: f64 = 1.0e9;

/// The largest price a user may type over a catalog price.
pub const MAX_PRICE_OVERRIDE: f64 = 1.0e6;

const PRICE_OVERRIDE_ALLOWED: &str =
    "Allowed: a number from 0 to 1,000,000 in the price's unit, or empty for the list price.";

/// Whether `value` may override the catalog price `id`.
fn check_price_override(id: &str, value: f64) -> Result<(), String> {
    if crate::catalog::Catalog::current().get(id).is_none() {
        Err(format!("{id} is not a price in the catalog."))
    } else if !(value.is_finite() && (0.0..=MAX_PRICE_OVERRIDE).contains(&value)) {
        Err(PRICE_OVERRIDE_ALLOWED.to_string())
    } else {
        Ok(())
    }
}

/// A field the user typed that is not allowed, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The field's dotted path, e.g. `workload.runs_per_day`.
    pub path: &'static str,
    /// What is allowed, in words a user can act on.
    pub message: String,
}

impl Scenario {
    /// Every problem with the scenario: each field against its range, then the rules that
    /// tie fields together. An empty list means the engine may evaluate it.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = fields::all()
            .iter()
            .filter_map(|f| {
                f.check(&f.get(self)).err().map(|message| FieldError {
                    path: f.path,
                    message,
                })
            })
            .collect();
        errors.extend(self.cross_field_errors());
        for (id, value) in &self.prices {
            if let Err(message) = check_price_override(id, *value) {
                errors.push(FieldError {
                    path: "prices",
                    message,
                });
            }
        }
        errors
    }

    /// Overrides a catalog price with what the user typed; empty text goes back to the list
    /// price. The scenario is unchanged when the text is not accepted.
    pub fn set_price_override(&mut self, id: &str, text: &str) -> Result<(), String> {
        let text = text.trim();
        if text.is_empty() {
            self.prices.remove(id);
            return Ok(());
        }
        let value = fields::parse_number(text)
            .ok_or_else(|| format!("“{text}” is not a number. {PRICE_OVERRIDE_ALLOWED}"))?;
        check_price_override(id, value)?;
        self.prices.insert(id.to_string(), value);
        Ok(())
    }

    /// The rules that involve two fields. Each names both fields, so that whichever the user
    /// just edited can carry the message.
    pub fn cross_field_errors(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut rule = |ok: bool, paths: [&'static str; 2], message: &str| {
            if !ok {
                for path in paths {
                    errors.push(FieldError {
                        path,
                        message: message.to_string(),
                    });
                }
            }
        };
        rule(
            self.compute.min_instances <= self.compute.max_instances,
            ["compute.min_instances", "compute.max_instances"],
            "Minimum instances must not exceed maximum instances.",
        );
        let launch = self.deal.customers;
        for (path, customers) in [
            (
                "growth.customers_at_6_months",
                self.growth.customers_at_6_months,
            ),
            (
                "growth.customers_at_12_months",
                self.growth.customers_at_12_months,
            ),
            (
                "growth.customers_at_24_months",
                self.growth.customers_at_24_months,
            ),
        ] {
            rule(
                self.workload.runs_per_day * customers / launch <= MAX_RUNS_PER_DAY,
                [path, "workload.runs_per_day"],
                "Growth would take runs per day past 1,000,000,000, the most the planner sizes.",
            );
        }
        rule(
            self.compute.cpu_s_per_run
                <= self.workload.run_duration_s * self.compute.vcpu_per_instance,
            ["compute.cpu_s_per_run", "workload.run_duration_s"],
            "A run cannot use more CPU time than its duration × the vCPU of an instance.",
        );
        rule(
            self.workload.steps_per_run <= self.workload.max_steps_per_run,
            ["workload.steps_per_run", "workload.max_steps_per_run"],
            "Average steps per run must not exceed the hard cap on steps.",
        );
        errors
    }

    /// Days in this scenario's billing month.
    pub fn days_per_month(&self) -> f64 {
        crate::units::days_per_month(self.deal.hours_per_month)
    }
}
