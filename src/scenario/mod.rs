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
    /// People using the product, for a workload of users rather than runs (seed 002).
    #[serde(default)]
    pub users: Users,
    /// Customers or tenant groups, each with its own request rate and database operations
    /// (seed 003).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tenants: Vec<TenantGroup>,
    /// Services sized one by one (gateway, API, workers, AI service…; seeds 002 and 004).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    /// An Aurora Serverless v2 database.
    #[serde(default)]
    pub aurora: Aurora,
    /// A Firestore database.
    #[serde(default)]
    pub firestore: Firestore,
    /// A PostgreSQL server at a fixed monthly price.
    #[serde(default)]
    pub postgres: Postgres,
    /// An in-memory cache cluster.
    #[serde(default)]
    pub cache: Cache,
    /// An event bus or message broker.
    #[serde(default)]
    pub messaging: Messaging,
    /// Internet egress and the load balancer.
    #[serde(default)]
    pub network: Network,
    /// Monthly costs the user adds by hand (monitoring, support…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixed_costs: Vec<FixedCost>,
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
    /// Whether the scenario has runs at all (a workload of requests or users may not).
    #[serde(default = "yes")]
    pub enabled: bool,
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
    /// Runs started in the peak minute; 0 to derive the peak from the peak-to-average ratio.
    #[serde(default)]
    pub peak_runs_per_min: f64,
}

/// The LLM calls each step makes and what they cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Llm {
    /// Whether runs call a language model.
    #[serde(default = "yes")]
    pub enabled: bool,
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
    /// Whether runs keep a step ledger.
    #[serde(default = "yes")]
    pub enabled: bool,
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
    /// Whether runs execute on this Cloud Run service (rather than on a service of the list).
    #[serde(default = "yes")]
    pub enabled: bool,
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
    /// Runs per day expected six months after launch; 0 grows runs with the customers.
    #[serde(default)]
    pub runs_per_day_at_6_months: f64,
    /// Runs per day expected twelve months after launch; 0 grows runs with the customers.
    #[serde(default)]
    pub runs_per_day_at_12_months: f64,
    /// Runs per day expected twenty-four months after launch; 0 grows runs with the customers.
    #[serde(default)]
    pub runs_per_day_at_24_months: f64,
}

impl Default for Growth {
    /// No growth entered: the customers at launch stay for 24 months.
    fn default() -> Self {
        Growth {
            months: 24,
            customers_at_6_months: 0.0,
            customers_at_12_months: 0.0,
            customers_at_24_months: 0.0,
            runs_per_day_at_6_months: 0.0,
            runs_per_day_at_12_months: 0.0,
            runs_per_day_at_24_months: 0.0,
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quotas {
    /// Runs a tenant may start per hour before further ones are refused with HTTP 429; 0 when
    /// there is no such quota.
    pub max_runs_per_hour_per_tenant: f64,
    /// The busiest tenant's runs ÷ the average tenant's (1 when tenants are alike).
    #[serde(default = "one")]
    pub busiest_tenant_multiple: f64,
    /// Workflow definitions a tenant may keep; 0 when there is no such quota.
    #[serde(default)]
    pub max_workflows_per_tenant: f64,
    /// Workflow definitions an average tenant keeps.
    #[serde(default)]
    pub workflows_per_tenant: f64,
    /// The longest one action (step) may run before the runner stops it, in seconds; 0 when
    /// there is no cap.
    #[serde(default)]
    pub max_action_timeout_s: f64,
}

impl Default for Quotas {
    /// No quotas: what a scenario made before quotas were modelled means.
    fn default() -> Self {
        Quotas {
            max_runs_per_hour_per_tenant: 0.0,
            busiest_tenant_multiple: 1.0,
            max_workflows_per_tenant: 0.0,
            workflows_per_tenant: 0.0,
            max_action_timeout_s: 0.0,
        }
    }
}

fn yes() -> bool {
    true
}

fn one() -> f64 {
    1.0
}

/// Concurrent users and how they turn into daily and monthly actives, requests and connections
/// (seed 002, "Realistic User Capacity").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Users {
    /// Whether the workload includes users.
    pub enabled: bool,
    /// Users active at the same moment, at the peak.
    pub concurrent_peak: f64,
    /// Peak concurrent users ÷ daily active users, in percent.
    pub concurrent_pct_of_dau: f64,
    /// Daily active users ÷ monthly active users, in percent.
    pub dau_pct_of_mau: f64,
    /// Requests each concurrent user sends per second.
    pub requests_per_user_per_s: f64,
    /// WebSocket or SSE connections each concurrent user holds.
    pub connections_per_user: f64,
    /// Peak concurrent users ÷ average concurrent users over the day.
    pub peak_to_average: f64,
}

impl Default for Users {
    /// No users: a workload of runs or requests only.
    fn default() -> Self {
        Users {
            enabled: false,
            concurrent_peak: 500.0,
            concurrent_pct_of_dau: 5.0,
            dau_pct_of_mau: 20.0,
            requests_per_user_per_s: 1.0,
            connections_per_user: 1.0,
            peak_to_average: 3.0,
        }
    }
}

/// One customer or group of tenants, with its request rates and database operations (seed 003,
/// "Customer #1 Load Profile" and "3-Customer Load Projection").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantGroup {
    /// What the group is called.
    pub name: String,
    /// Requests per second at the group's peak.
    pub peak_qps: f64,
    /// Requests per second averaged over the day.
    pub avg_qps: f64,
    /// Document reads per day.
    pub reads_per_day: f64,
    /// Document writes per day.
    pub writes_per_day: f64,
    /// Document deletes per day.
    pub deletes_per_day: f64,
}

impl TenantGroup {
    /// A new group with modest traffic, for the user to edit.
    pub fn new(name: &str) -> Self {
        TenantGroup {
            name: name.to_string(),
            peak_qps: 10.0,
            avg_qps: 3.0,
            reads_per_day: 0.0,
            writes_per_day: 0.0,
            deletes_per_day: 0.0,
        }
    }
}

/// Where a service runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// Google Cloud Run.
    CloudRun,
    /// Amazon ECS on Fargate.
    Fargate,
    /// Any instance at a fixed hourly price the user types.
    Fixed,
}

/// What load a service carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Driver {
    /// Requests per second (from tenant groups and users), held for the service's latency.
    Requests,
    /// Open connections (users' WebSockets and the SSE clients of runs).
    Connections,
    /// Runs in flight.
    Runs,
    /// No load: the service runs its minimum replicas.
    None,
}

/// CPU architecture of a Fargate task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arch {
    /// Linux on x86.
    X86,
    /// Linux on ARM (Graviton).
    Arm,
}

/// One service, sized on its own: the load it carries, what one instance handles, and where it
/// runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// What the service is called.
    pub name: String,
    /// Where it runs.
    pub platform: Platform,
    /// What load it carries.
    pub driver: Driver,
    /// Share of that load reaching this service, in percent (above 100 when each unit fans
    /// out into several calls).
    pub share_pct: f64,
    /// How long the service holds a request, in milliseconds (requests only).
    pub latency_ms: f64,
    /// CPU time one request uses, in milliseconds (requests only); 0 when CPU never limits
    /// an instance.
    pub cpu_ms_per_request: f64,
    /// Requests in flight, connections or runs one instance holds at once.
    pub concurrency_per_instance: f64,
    /// vCPUs per instance.
    pub vcpu: f64,
    /// Memory per instance, in GiB.
    pub memory_gib: f64,
    /// Instances kept running at all times.
    pub min_instances: f64,
    /// The most instances the service may scale to.
    pub max_instances: f64,
    /// Share of each instance's capacity the autoscaler aims to use, in percent.
    pub target_utilization_pct: f64,
    /// Cloud Run: request- or instance-based billing.
    pub billing: Billing,
    /// Fargate: x86 or ARM.
    pub arch: Arch,
    /// Fargate: share of tasks on Fargate Spot, in percent.
    pub spot_share_pct: f64,
    /// Fargate: the Spot discount, in percent (it varies; the user types it).
    pub spot_discount_pct: f64,
    /// Fixed: the price of one instance, in USD per hour.
    pub usd_per_instance_hour: f64,
    /// Database connections each instance keeps in its pool.
    pub db_pool_per_instance: f64,
}

impl Service {
    /// A new Cloud Run service taking all requests, for the user to edit.
    pub fn new(name: &str) -> Self {
        Service {
            name: name.to_string(),
            platform: Platform::CloudRun,
            driver: Driver::Requests,
            share_pct: 100.0,
            latency_ms: 100.0,
            cpu_ms_per_request: 0.0,
            concurrency_per_instance: 80.0,
            vcpu: 1.0,
            memory_gib: 0.5,
            min_instances: 0.0,
            max_instances: 100.0,
            target_utilization_pct: 70.0,
            billing: Billing::Request,
            arch: Arch::X86,
            spot_share_pct: 0.0,
            spot_discount_pct: 0.0,
            usd_per_instance_hour: 0.0,
            db_pool_per_instance: 0.0,
        }
    }
}

/// Aurora Serverless v2 storage configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuroraConfig {
    /// Aurora Standard: I/O billed per request.
    Standard,
    /// Aurora I/O-Optimized: no I/O charge, dearer capacity and storage.
    IoOptimized,
}

/// An Aurora Serverless v2 (PostgreSQL-compatible) cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aurora {
    /// Whether the scenario has one.
    pub enabled: bool,
    /// Standard or I/O-Optimized.
    pub config: AuroraConfig,
    /// The least capacity the cluster scales down to, in ACUs.
    pub min_acu: f64,
    /// The most capacity it scales up to, in ACUs.
    pub max_acu: f64,
    /// Capacity averaged over the month, in ACUs.
    pub avg_acu: f64,
    /// Data stored at launch, in GB.
    pub storage_gb: f64,
    /// Data added each month, in GB.
    pub storage_growth_gb_per_month: f64,
    /// I/O requests per month, in millions (billed on Standard only).
    pub io_millions_per_month: f64,
}

impl Default for Aurora {
    /// No Aurora cluster.
    fn default() -> Self {
        Aurora {
            enabled: false,
            config: AuroraConfig::Standard,
            min_acu: 0.5,
            max_acu: 16.0,
            avg_acu: 2.0,
            storage_gb: 10.0,
            storage_growth_gb_per_month: 0.0,
            io_millions_per_month: 0.0,
        }
    }
}

/// Where a Firestore database is located.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FirestoreLocation {
    /// One region (us-central1 prices).
    Regional,
    /// A multi-region location (nam5 prices).
    MultiRegion,
}

/// A Firestore database; its reads, writes and deletes come from the tenant groups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Firestore {
    /// Whether the scenario has one.
    pub enabled: bool,
    /// Regional or multi-region.
    pub location: FirestoreLocation,
    /// Data stored, in GiB.
    pub storage_gib: f64,
    /// Whether the project's daily free quota is still available to this database.
    pub free_tier: bool,
}

impl Default for Firestore {
    /// No Firestore database.
    fn default() -> Self {
        Firestore {
            enabled: false,
            location: FirestoreLocation::Regional,
            storage_gib: 1.0,
            free_tier: true,
        }
    }
}

/// A PostgreSQL server (self-managed or a managed instance) at a price the user types.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Postgres {
    /// Whether the scenario has one.
    pub enabled: bool,
    /// Its price, in USD per month.
    pub usd_per_month: f64,
    /// Its `max_connections` setting.
    pub max_connections: f64,
}

impl Default for Postgres {
    /// No PostgreSQL server.
    fn default() -> Self {
        Postgres {
            enabled: false,
            usd_per_month: 0.0,
            max_connections: 100.0,
        }
    }
}

/// An in-memory cache cluster (ElastiCache, Memorystore…).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cache {
    /// Whether the scenario has one.
    pub enabled: bool,
    /// Catalog node type (an ElastiCache node), or `custom` for a price the user types.
    pub node: String,
    /// Nodes in the cluster.
    pub nodes: f64,
    /// Custom node: USD per node-hour.
    pub custom_usd_per_node_hour: f64,
}

impl Default for Cache {
    /// No cache.
    fn default() -> Self {
        Cache {
            enabled: false,
            node: "aws.elasticache.t4g_small.valkey_hour".to_string(),
            nodes: 1.0,
            custom_usd_per_node_hour: 0.0,
        }
    }
}

/// How events travel between services.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessagingKind {
    /// No event bus or broker in the scenario.
    None,
    /// Amazon EventBridge custom events, billed per event.
    Eventbridge,
    /// A message broker (Amazon MQ, a NATS cluster…) at a price the user types.
    Broker,
}

/// The event bus or message broker between services (seed 004, "Message Queue Capacity").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Messaging {
    /// EventBridge, a broker, or none.
    pub kind: MessagingKind,
    /// Events or messages published per day.
    pub events_per_day: f64,
    /// Peak message rate ÷ average message rate.
    pub peak_to_average: f64,
    /// Broker: its price, in USD per month.
    pub broker_usd_per_month: f64,
    /// Broker: the messages per second it sustains.
    pub broker_capacity_msgs_per_s: f64,
}

impl Default for Messaging {
    /// No messaging priced.
    fn default() -> Self {
        Messaging {
            kind: MessagingKind::None,
            events_per_day: 0.0,
            peak_to_average: 3.0,
            broker_usd_per_month: 0.0,
            broker_capacity_msgs_per_s: 1_000.0,
        }
    }
}

/// Internet egress pricing to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EgressProvider {
    /// No egress priced.
    None,
    /// Google Cloud Premium Tier to North America.
    Gcp,
    /// AWS data transfer out to the internet.
    Aws,
}

/// Which load balancer fronts the services.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoadBalancer {
    /// None priced.
    None,
    /// Google Cloud regional external Application Load Balancer.
    GcpRegional,
    /// AWS Application Load Balancer.
    AwsAlb,
}

/// Internet egress and the load balancer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// Whose egress prices apply.
    pub egress: EgressProvider,
    /// Average response size of a request, in KB (each request's response leaves the cloud).
    pub response_kb: f64,
    /// Egress besides responses (streams, webhooks, replication), in GB per month.
    pub other_egress_gb_per_month: f64,
    /// The load balancer.
    pub load_balancer: LoadBalancer,
    /// GCP: forwarding rules on the load balancer.
    pub forwarding_rules: f64,
    /// AWS ALB: listener rules evaluated per request.
    pub alb_rules: f64,
}

impl Default for Network {
    /// No network priced.
    fn default() -> Self {
        Network {
            egress: EgressProvider::None,
            response_kb: 10.0,
            other_egress_gb_per_month: 0.0,
            load_balancer: LoadBalancer::None,
            forwarding_rules: 1.0,
            alb_rules: 1.0,
        }
    }
}

/// A monthly cost the user adds by hand (seed 003: monitoring, support, misc).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedCost {
    /// What it is.
    pub name: String,
    /// What it costs, in USD per month.
    pub usd_per_month: f64,
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
    /// The field's dotted path, e.g. `workload.runs_per_day` or `services.0.vcpu`.
    pub path: String,
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
                    path: f.path.to_string(),
                    message,
                })
            })
            .collect();
        for list in fields::lists() {
            let len = list.len(self);
            if len > list.max_items {
                errors.push(FieldError {
                    path: list.key.to_string(),
                    message: format!("At most {} items.", list.max_items),
                });
            }
            for index in 0..len {
                for field in &list.fields {
                    let checked = field
                        .get(self, index)
                        .map_or_else(|| Err(field.allowed()), |v| field.check(&v));
                    if let Err(message) = checked {
                        errors.push(FieldError {
                            path: list.path(index, field.key),
                            message,
                        });
                    }
                }
            }
        }
        errors.extend(self.cross_field_errors());
        for (id, value) in &self.prices {
            if let Err(message) = check_price_override(id, *value) {
                errors.push(FieldError {
                    path: "prices".to_string(),
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
        let mut rule = |ok: bool, paths: [&str; 2], message: &str| {
            if !ok {
                for path in paths {
                    errors.push(FieldError {
                        path: path.to_string(),
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
        if self.aurora.enabled {
            let a = &self.aurora;
            if let Err(message) = crate::engine::aurora::validate_acu_range(a.min_acu, a.max_acu) {
                rule(false, ["aurora.min_acu", "aurora.max_acu"], &message);
            }
            rule(
                (a.min_acu..=a.max_acu).contains(&a.avg_acu),
                ["aurora.avg_acu", "aurora.max_acu"],
                "Average capacity must lie between the minimum and the maximum.",
            );
        }
        for (i, service) in self.services.iter().enumerate() {
            let path = |key: &str| format!("services.{i}.{key}");
            let mut item_rule = |ok: bool, keys: [&str; 2], message: &str| {
                if !ok {
                    for key in keys {
                        errors.push(FieldError {
                            path: path(key),
                            message: message.to_string(),
                        });
                    }
                }
            };
            item_rule(
                service.min_instances <= service.max_instances,
                ["min_instances", "max_instances"],
                "Minimum instances must not exceed maximum instances.",
            );
            item_rule(
                service.cpu_ms_per_request <= service.latency_ms * service.vcpu,
                ["cpu_ms_per_request", "latency_ms"],
                "A request cannot use more CPU time than its latency × the vCPU of an instance.",
            );
            match service.platform {
                Platform::CloudRun => {
                    item_rule(
                        service.vcpu <= 8.0 && service.memory_gib <= 32.0,
                        ["vcpu", "memory_gib"],
                        "Cloud Run allows up to 8 vCPU and 32 GiB per instance.",
                    );
                    item_rule(
                        service.concurrency_per_instance <= 1_000.0,
                        ["concurrency_per_instance", "platform"],
                        "Cloud Run allows at most 1,000 concurrent requests per instance.",
                    );
                }
                Platform::Fargate => {
                    if let Err(message) =
                        crate::engine::fargate::validate_task_size(service.vcpu, service.memory_gib)
                    {
                        item_rule(false, ["vcpu", "memory_gib"], &message);
                    }
                }
                Platform::Fixed => {}
            }
        }
        for (i, group) in self.tenants.iter().enumerate() {
            if group.avg_qps > group.peak_qps {
                for key in ["avg_qps", "peak_qps"] {
                    errors.push(FieldError {
                        path: format!("tenants.{i}.{key}"),
                        message: "Average requests per second must not exceed the peak."
                            .to_string(),
                    });
                }
            }
        }
        errors
    }

    /// Days in this scenario's billing month.
    pub fn days_per_month(&self) -> f64 {
        crate::units::days_per_month(self.deal.hours_per_month)
    }
}
