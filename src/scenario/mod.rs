//! The scenario: everything a user types, and nothing the engine computes.
//!
//! A scenario is plain data. Each group of inputs is a struct declared once with
//! [`inputs::inputs!`] — every field with its starting value, label, unit, help and what it
//! accepts — and [`fields`] lists the groups in form order, so that the form, parsing and
//! validation, the CLI's `--set`, the CSV's input rows and the share link
//! ([`crate::export::link`]) all work from the declarations. It serialises to JSON (the file the
//! CLI reads and `--format scenario` prints); a field a file leaves out takes its starting value.
//!
//! ```
//! use headroom::scenario::presets;
//! let scenario = presets::by_id("agent-platform").unwrap().scenario();
//! assert_eq!(scenario.workload.runs_per_day, 10_000.0);
//! assert!(scenario.validate().is_empty());
//! ```

pub mod fields;
pub mod inputs;
pub mod keyed;
pub mod presets;
pub mod ranges;

use serde::{Deserialize, Serialize};

pub use crate::components::aurora::{Aurora, AuroraConfig};
pub use crate::components::cache::{Cache, CacheKind, MemorystoreTier};
use crate::components::cloud_run;
pub use crate::components::cloud_run::{Billing, PriceTier};
pub use crate::components::commitments::{CloudRunCommitment, Commitments, MemorystoreCommitment};
pub use crate::components::document_db::{AtlasTier, DocumentDb};
pub use crate::components::fargate::Arch;
pub use crate::components::firestore::{Firestore, Location as FirestoreLocation};
pub use crate::components::fixed_costs::FixedCost;
pub use crate::components::llm::Llm;
pub use crate::components::messaging::{Messaging, MessagingKind, MqBroker};
pub use crate::components::monitoring::{Monitoring, MonitoringKind};
pub use crate::components::network::{EgressProvider, LoadBalancer, Network};
pub use crate::components::object_storage::{ObjectStorage, ObjectStore};
pub use crate::components::postgres::Postgres;
pub use crate::components::vector_db::{VectorDb, VectorPlan};
use crate::units::{DEFAULT_HOURS_PER_MONTH, Unit};
use fields::{Broken, Group, Item, Section, SectionEntry, list_entry, section_entry};
use inputs::{Input, choices, inputs};
pub use keyed::Keyed;
pub use ranges::Ranges;

/// The model id that means "use the custom prices typed in the scenario".
pub const CUSTOM_MODEL: &str = inputs::CUSTOM;

/// The most runs per day the planner sizes, at launch or after growth.
pub const MAX_RUNS_PER_DAY: f64 = 1.0e9;

/// A whole scenario: the workload, what it runs on, and the deal it is priced against. Its
/// groups of inputs are listed, in form order, in [`fields::groups`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
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
    pub workers: Workers,
    /// People using the product, for a workload of users rather than runs (seed 002).
    pub users: Users,
    /// Customers or tenant groups, each with its own request rate and database operations
    /// (seed 003).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tenants: Vec<TenantGroup>,
    /// Services sized one by one (gateway, API, workers, AI service…; seeds 002 and 004).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    /// An Aurora Serverless v2 database.
    pub aurora: Aurora,
    /// A Firestore database.
    pub firestore: Firestore,
    /// A PostgreSQL server at a fixed monthly price.
    pub postgres: Postgres,
    /// A MongoDB Atlas cluster.
    pub documents: DocumentDb,
    /// A managed vector database.
    pub vectors: VectorDb,
    /// Object storage buckets.
    pub object_storage: ObjectStorage,
    /// An in-memory cache cluster.
    pub cache: Cache,
    /// An event bus or message broker.
    pub messaging: Messaging,
    /// Internet egress and the load balancer.
    pub network: Network,
    /// Logs, metrics and traces.
    pub monitoring: Monitoring,
    /// Discounts for committed use.
    pub commitments: Commitments,
    /// Monthly costs the user adds by hand (monitoring, support…).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixed_costs: Vec<FixedCost>,
    /// The customers and the contract the cost is set against.
    pub deal: Deal,
    /// How the customer base grows, for the month-by-month projection.
    pub growth: Growth,
    /// Per-tenant limits the platform enforces.
    pub quotas: Quotas,
    /// How many samples the Monte Carlo run draws, and the budget it weighs the bill against.
    pub uncertainty: Uncertainty,
    /// Catalog prices overridden by the user, by catalog id.
    #[serde(skip_serializing_if = "PriceOverrides::is_empty")]
    pub prices: PriceOverrides,
    /// The inputs the user gives as a range, by path: what the Monte Carlo run samples.
    #[serde(skip_serializing_if = "Ranges::is_empty")]
    pub ranges: Ranges,
}

impl Default for Scenario {
    /// Every input at its starting value, priced with the newest catalog.
    fn default() -> Self {
        Scenario {
            name: String::new(),
            catalog: crate::catalog::CURRENT_VERSION.to_string(),
            workload: Workload::default(),
            llm: Llm::default(),
            storage: Storage::default(),
            compute: CloudRun::default(),
            workers: Workers::default(),
            users: Users::default(),
            tenants: Vec::new(),
            services: Vec::new(),
            aurora: Aurora::default(),
            firestore: Firestore::default(),
            postgres: Postgres::default(),
            documents: DocumentDb::default(),
            vectors: VectorDb::default(),
            object_storage: ObjectStorage::default(),
            cache: Cache::default(),
            messaging: Messaging::default(),
            network: Network::default(),
            monitoring: Monitoring::default(),
            commitments: Commitments::default(),
            fixed_costs: Vec::new(),
            deal: Deal::default(),
            growth: Growth::default(),
            quotas: Quotas::default(),
            uncertainty: Uncertainty::default(),
            prices: PriceOverrides::default(),
            ranges: Ranges::default(),
        }
    }
}

/// Catalog prices the user typed over, by catalog id, in id order; written to a scenario file
/// as an object of id and value.
pub type PriceOverrides = Keyed<f64>;

impl Serialize for PriceOverrides {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for PriceOverrides {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Overrides;
        impl<'de> serde::de::Visitor<'de> for Overrides {
            type Value = PriceOverrides;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of catalog price ids and numbers")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Self::Value, M::Error> {
                let mut prices = PriceOverrides::default();
                while let Some((id, value)) = map.next_entry::<String, f64>()? {
                    if prices.insert(id, value).is_some() {
                        return Err(serde::de::Error::custom("a price is overridden twice"));
                    }
                }
                Ok(prices)
            }
        }
        deserializer.deserialize_map(Overrides)
    }
}

/// The scenario's own input: its name.
impl inputs::Inputs for Scenario {
    const INPUTS: &'static [Input] = &[Input {
        key: "name",
        ..Input::text("Scenario name", 60)
            .help("A short name for this scenario; it names the CSV export.")
            .since(1)
    }];

    fn get(&self, _: usize) -> inputs::Value {
        inputs::Value::Text(self.name.clone())
    }

    fn set(&mut self, index: usize, value: &inputs::Value) -> bool {
        match (index, value) {
            (0, inputs::Value::Text(name)) => {
                self.name = name.clone();
                true
            }
            _ => false,
        }
    }

    fn relevant(&self, _: usize) -> bool {
        true
    }

    fn is_yes(&self, _: usize) -> bool {
        false
    }
}

/// The scenario's own name, as a section without a key.
const NAME: SectionEntry = SectionEntry {
    key: "",
    title: "Scenario",
    inputs: <Scenario as inputs::Inputs>::INPUTS,
    switch: None,
    needs_runs: false,
    needs_ranges: false,
    adds: "",
    get: |s| s,
    get_mut: |s| s,
    broken: |_| Vec::new(),
    component: None,
};

/// Every group of inputs, in form order: the scenario's own name, then each section (a struct of
/// inputs) and each list (of items), a priced component marked `component` for the engine to
/// evaluate. A new group is a field of [`Scenario`] (and its `Default`) and a line here; a test
/// checks that every field of the scenario file has its line. A share link of a positional
/// format (1 to 6) holds the sections' inputs in this order, then the lists' (see
/// [`crate::export::link`]).
pub(crate) static GROUPS: &[Group] = &[
    Group::Section(&NAME),
    section_entry!(workload: Workload),
    section_entry!(llm: Llm, component),
    section_entry!(storage: Storage),
    section_entry!(compute: CloudRun),
    section_entry!(workers: Workers),
    section_entry!(users: Users),
    list_entry!(tenants: TenantGroup),
    list_entry!(services: Service),
    section_entry!(aurora: Aurora, component),
    section_entry!(firestore: Firestore, component),
    section_entry!(postgres: Postgres, component),
    section_entry!(documents: DocumentDb, component),
    section_entry!(vectors: VectorDb, component),
    section_entry!(object_storage: ObjectStorage, component),
    section_entry!(cache: Cache, component),
    section_entry!(messaging: Messaging, component),
    section_entry!(network: Network, component),
    section_entry!(monitoring: Monitoring, component),
    section_entry!(commitments: Commitments),
    list_entry!(fixed_costs: FixedCost, component),
    section_entry!(deal: Deal),
    section_entry!(growth: Growth),
    section_entry!(quotas: Quotas),
    section_entry!(uncertainty: Uncertainty),
];

/// What the region of a Cloud Run service changes, said once for the run executor and the
/// services of the list.
const REGION_HELP: &str = "Cloud Run prices its regions in two tiers (its pricing page lists them); tier 2 bills about 40% more for CPU. The price list has tier 2's request-based CPU and memory: type its other prices under Prices used.";

inputs! {
    /// Arrival and shape of agent runs (seed 000, "Assumptions" to "Stream Events Per Second").
    pub struct Workload {
        /// Whether the scenario has runs at all (a workload of requests or users may not).
        pub enabled: bool = true
            => Input::switch("Runs", "This scenario has runs", "No runs: requests or users only")
                .help("Runs are units of work (agent runs, workflow runs) that take seconds to minutes; turn them off for a request-serving API.")
                .since(6),
        /// Runs started per day, all customers together.
        pub runs_per_day: f64 = 10_000.0
            => Input::number("Runs per day", Unit::RunsPerDay, 1.0, MAX_RUNS_PER_DAY)
                .help("Agent runs started per day, all teams and customers together.")
                .since(1)
                .volume(),
        /// Runs started in the peak minute; 0 to derive the peak from the peak-to-average ratio.
        pub peak_runs_per_min: f64 = 0.0
            => Input::number("Peak runs per minute", Unit::RunsPerMinute, 0.0, 1.0e7)
                .help("Runs started in the busiest minute (e.g. 10 at launch); 0 to take the peak from the peak-to-average ratio instead.")
                .since(6)
                .volume(),
        /// Peak arrival rate ÷ average arrival rate.
        pub peak_to_average: f64 = 3.0
            => Input::number("Peak-to-average ratio", Unit::Ratio, 1.0, 100.0)
                .help("How many times the average arrival rate the busiest hour reaches (3 for a business-hours spike).")
                .since(1),
        /// Average wall-clock duration of a run, in seconds.
        pub run_duration_s: f64 = 30.0
            => Input::number("Average run duration", Unit::Seconds, 0.1, 86_400.0)
                .help("Wall-clock time from a run's start to its end, including LLM and tool calls.")
                .since(1),
        /// Concurrent runs in a batch-trigger burst.
        pub burst_concurrent_runs: f64 = 50.0
            => Input::number("Burst concurrency", Unit::ConcurrentRuns, 0.0, 10_000_000.0)
                .help("Runs in flight at once when a batch trigger fires many together.")
                .since(1)
                .volume(),
        /// Average steps per run.
        pub steps_per_run: f64 = 6.0
            => Input::number("Steps per run (average)", Unit::StepsPerRun, 1.0, 10_000.0)
                .help("Steps an average run takes; each step is one activity with its LLM call and maybe a tool call.")
                .since(1),
        /// Hard cap on steps per run.
        pub max_steps_per_run: f64 = 25.0
            => Input::whole("Steps per run (hard cap)", Unit::StepsPerRun, 1.0, 10_000.0)
                .help("The most steps any run may take before it is stopped.")
                .since(1),
        /// Share of steps that make a tool call, in percent.
        pub tool_call_share_pct: f64 = 60.0
            => Input::number("Steps with a tool call", Unit::Percent, 0.0, 100.0)
                .help("Share of steps that call a tool (an API call, a database query).")
                .since(1),
        /// Average latency of one tool call, in seconds.
        pub tool_call_latency_s: f64 = 2.0
            => Input::number("Tool-call latency", Unit::Seconds, 0.0, 3_600.0)
                .help("Average time one tool call takes to answer.")
                .since(1),
        /// Stream events emitted per step.
        pub stream_events_per_step: f64 = 4.0
            => Input::number("Stream events per step", Unit::EventsPerStep, 0.0, 1_000.0)
                .help("Events streamed to watching clients per step (step start, tool call start and result, step end).")
                .since(1),
        /// Clients watching each run over server-sent events.
        pub clients_per_run: f64 = 1.0
            => Input::number("Clients per run (SSE)", Unit::ClientsPerRun, 0.0, 1_000.0)
                .help("Clients holding a server-sent-events connection to each run while it executes.")
                .since(1),
    }
}

impl Section for Workload {
    const TITLE: &'static str = "Runs";
    const SWITCH: Option<&'static str> = Some("enabled");
    const ADDS: &'static str = "agent or workflow runs, with their LLM calls, ledger and executor";

    fn broken(&self) -> Vec<Broken> {
        broken_if(
            self.steps_per_run > self.max_steps_per_run,
            &["steps_per_run", "max_steps_per_run"],
            "Average steps per run must not exceed the hard cap on steps.",
        )
    }
}

inputs! {
    /// The step ledger (seed 000, "Storage").
    pub struct Storage {
        /// Whether runs keep a step ledger.
        pub enabled: bool = true
            => Input::switch("Step ledger", "Runs keep a step ledger", "No ledger")
                .help("Whether each step leaves a record that is kept for the retention window.")
                .since(6),
        /// Metadata stored per step, in KB.
        pub metadata_kb_per_step: f64 = 2.0
            => Input::number("Metadata per step", Unit::Kilobytes, 0.0, 1_000_000.0)
                .help("Step ledger row: ids, status, timings, tool arguments (1 KB = 1,000 bytes).")
                .since(1),
        /// LLM context snapshot stored per step, in KB.
        pub context_kb_per_step: f64 = 4.0
            => Input::number("Context snapshot per step", Unit::Kilobytes, 0.0, 1_000_000.0)
                .help("The LLM context saved with each step for audit and replay.")
                .since(1),
        /// Days the ledger keeps a step.
        pub retention_days: f64 = 90.0
            => Input::number("Retention", Unit::Days, 1.0, 36_500.0)
                .help("Days a step stays in the ledger before it is deleted.")
                .since(1),
        /// The database or bucket that keeps the ledger, whose storage price it pays.
        pub kept_in: LedgerStore = LedgerStore::NotPriced
            => Input::choice("Kept in", LedgerStore::OPTIONS)
                .help("The ledger's data is billed at the storage price of what keeps it."),
    }
}

choices! {
    /// What keeps the step ledger.
    pub enum LedgerStore {
        /// Its storage is not in the bill.
        NotPriced = "none" "Not priced",
        /// The Aurora cluster.
        Aurora = "aurora" "Aurora",
        /// The Firestore database.
        Firestore = "firestore" "Firestore",
        /// The PostgreSQL server.
        Postgres = "postgres" "PostgreSQL server",
        /// The MongoDB Atlas cluster.
        Mongodb = "mongodb" "MongoDB Atlas",
        /// The object storage bucket.
        ObjectStorage = "object_storage" "Object storage",
    }
}

impl Section for Storage {
    const TITLE: &'static str = "Storage";
    const SWITCH: Option<&'static str> = Some("enabled");
    const ADDS: &'static str = "a step ledger: what each step stores, and for how long";
    const NEEDS_RUNS: bool = true;
}

inputs! {
    /// The Cloud Run service that executes runs and serves their event streams.
    pub struct CloudRun {
        /// Whether runs execute on this Cloud Run service (rather than on a service of the list).
        pub enabled: bool = true
            => Input::switch("Run executor", "Runs execute on this Cloud Run service", "Runs execute on a service in the list")
                .help("Turn off to size the runs' compute as a service of the list (Fargate, a fixed instance…) instead.")
                .since(6),
        /// vCPUs per instance.
        pub vcpu_per_instance: f64 = 1.0
            => Input::number("vCPU per instance", Unit::Vcpu, 0.08, cloud_run::MAX_VCPU)
                .help("CPU allocated to each Cloud Run instance (0.08 to 8).")
                .since(1),
        /// Memory per instance, in GiB.
        pub memory_gib_per_instance: f64 = 0.5
            => Input::number("Memory per instance", Unit::Gibibytes, 0.125, cloud_run::MAX_MEMORY_GIB)
                .help("Memory allocated to each instance, in GiB (0.5 = 512 MiB).")
                .since(1),
        /// Concurrent requests one instance accepts.
        pub concurrency_per_instance: f64 = 80.0
            => Input::whole("Concurrency per instance", Unit::ConcurrentRequests, 1.0, cloud_run::MAX_CONCURRENCY)
                .help("Requests one instance serves at once; Cloud Run's default is 80, its maximum 1,000.")
                .since(1),
        /// Instances kept running at all times.
        pub min_instances: f64 = 0.0
            => Input::whole("Minimum instances", Unit::Instances, 0.0, 1_000.0)
                .help("Instances kept warm at all times, even with no traffic.")
                .since(1),
        /// The most instances the service may scale to.
        pub max_instances: f64 = 100.0
            => Input::whole("Maximum instances", Unit::Instances, 1.0, 1_000.0)
                .help("The most instances the service may scale to; Cloud Run's default is 100.")
                .since(1),
        /// Request-based or instance-based billing.
        pub billing: Billing = Billing::Request
            => Input::choice("Billing", Billing::OPTIONS)
                .help("Request-based bills CPU and memory only while requests are in flight, plus a fee per request; instance-based bills instances for their whole life at a lower rate.")
                .since(1),
        /// The price tier of the service's region.
        pub price_tier: PriceTier = PriceTier::Tier1
            => Input::choice("Region", PriceTier::OPTIONS)
                .help(REGION_HELP),
        /// Share of each instance's concurrency the autoscaler aims to use, in percent.
        pub target_utilization_pct: f64 = 70.0
            => Input::number("Target utilisation", Unit::Percent, 1.0, 100.0)
                .help("Share of each instance's concurrency the autoscaler fills before it adds an instance; the rest is headroom.")
                .since(1),
        /// Whether the billing account's monthly free tier is still available to this service.
        pub free_tier: bool = false
            => Input::switch_no_first("Free tier", "Not available to this service", "Deduct it from this service's bill")
                .help("The monthly free allowance is per billing account: count it only if nothing else in the account uses it.")
                .since(1),
        /// CPU time one run uses, in vCPU-seconds; 0 when CPU does not limit an instance (then
        /// only concurrency does).
        pub cpu_s_per_run: f64 = 0.0
            => Input::number("CPU time per run", Unit::VcpuSeconds, 0.0, 86_400.0)
                .help("vCPU-seconds of CPU one run uses on the service (most of a run waits on the LLM and tools); an instance serves at most its vCPU × target utilisation of CPU. 0 if CPU never limits it.")
                .since(4),
    }
}

impl Section for CloudRun {
    const TITLE: &'static str = "Compute (Cloud Run)";
    const SWITCH: Option<&'static str> = Some("enabled");
    const ADDS: &'static str = "a Cloud Run service that executes the runs, sized and billed";
    const NEEDS_RUNS: bool = true;

    fn broken(&self) -> Vec<Broken> {
        broken_if(
            self.min_instances > self.max_instances,
            &["min_instances", "max_instances"],
            "Minimum instances must not exceed maximum instances.",
        )
    }
}

inputs! {
    /// The pool of workers that executes steps (Temporal activity slots, queue consumers): a
    /// step waits in the queue until a slot is free.
    pub struct Workers {
        /// Steps the pool executes at once, all workers together; 0 when the pool is not sized
        /// here (then no queueing figures are made).
        pub slots: f64 = 0.0
            => Input::whole("Worker slots", Unit::Count, 0.0, 1_000_000.0)
                .help("Steps the worker pool runs at once, all workers together (e.g. Temporal activity slots); 0 to leave the pool unsized.")
                .since(2),
        /// The longest a step may wait for a slot, at the 95th percentile, in seconds.
        pub p95_wait_target_s: f64 = 5.0
            => Input::number("Wait target (p95)", Unit::Seconds, 0.01, 3_600.0)
                .help("How long 95% of steps may wait for a free slot at the peak hour (e.g. trigger-to-start under 5 s).")
                .since(2),
    }
}

impl Section for Workers {
    const TITLE: &'static str = "Worker pool";
    const NEEDS_RUNS: bool = true;
}

inputs! {
    /// Concurrent users and how they turn into daily and monthly actives, requests and
    /// connections (seed 002, "Realistic User Capacity").
    pub struct Users {
        /// Whether the workload includes users.
        pub enabled: bool = false
            => Input::switch("Users", "The workload includes users", "No users")
                .help("People using the product interactively, sized from how many are active at once.")
                .since(6),
        /// Users active at the same moment, at the peak.
        pub concurrent_peak: f64 = 500.0
            => Input::whole("Concurrent users at the peak", Unit::Users, 0.0, 1.0e8)
                .help("Users active at the same moment in the busiest hour.")
                .since(6)
                .volume(),
        /// Peak concurrent users ÷ daily active users, in percent.
        pub concurrent_pct_of_dau: f64 = 5.0
            => Input::number("Concurrent share of daily actives", Unit::Percent, 0.01, 100.0)
                .help("Peak concurrent users ÷ daily active users (5% when 1,000 at once means 20,000 a day).")
                .since(6),
        /// Daily active users ÷ monthly active users, in percent.
        pub dau_pct_of_mau: f64 = 20.0
            => Input::number("Daily share of monthly actives", Unit::Percent, 0.01, 100.0)
                .help("Daily active users ÷ monthly active users (20% is typical for a work tool).")
                .since(6),
        /// Requests each concurrent user sends per second.
        pub requests_per_user_per_s: f64 = 1.0
            => Input::number("Requests per concurrent user", Unit::RequestsPerUserPerSecond, 0.0, 1_000.0)
                .help("API requests each active user's client sends per second.")
                .since(6),
        /// WebSocket or SSE connections each concurrent user holds.
        pub connections_per_user: f64 = 1.0
            => Input::number("Connections per concurrent user", Unit::Connections, 0.0, 100.0)
                .help("WebSocket or SSE connections each active user holds open.")
                .since(6),
        /// Peak concurrent users ÷ average concurrent users over the day.
        pub peak_to_average: f64 = 3.0
            => Input::number("Peak-to-average ratio", Unit::Ratio, 1.0, 100.0)
                .help("Peak concurrent users ÷ concurrent users averaged over the whole day; sets the average load that the bill follows.")
                .since(6),
    }
}

impl Section for Users {
    const TITLE: &'static str = "Users";
    const SWITCH: Option<&'static str> = Some("enabled");
    const ADDS: &'static str =
        "people using the product: concurrent users, their requests and connections";
}

inputs! {
    /// One customer or group of tenants, with its request rates and database operations (seed
    /// 003, "Customer #1 Load Profile" and "3-Customer Load Projection").
    pub struct TenantGroup {
        /// What the group is called.
        pub name: String = String::new()
            => Input::text("Name", 40)
                .help("A customer, or a group of similar tenants.")
                .since(6),
        /// Requests per second at the group's peak.
        pub peak_qps: f64 = 10.0
            => Input::number("Peak requests per second", Unit::RequestsPerSecond, 0.0, 1.0e7)
                .help("Requests per second in the group's busiest minute. Groups are assumed to peak together.")
                .since(6)
                .volume(),
        /// Requests per second averaged over the day.
        pub avg_qps: f64 = 3.0
            => Input::number("Average requests per second", Unit::RequestsPerSecond, 0.0, 1.0e7)
                .help("Requests per second averaged over the day; what the bill follows.")
                .since(6)
                .volume(),
        /// Document reads per day.
        pub reads_per_day: f64 = 0.0
            => Input::number("Document reads per day", Unit::OpsPerDay, 0.0, 1.0e13)
                .help("Database document reads the group causes per day.")
                .since(6)
                .volume(),
        /// Document writes per day.
        pub writes_per_day: f64 = 0.0
            => Input::number("Document writes per day", Unit::OpsPerDay, 0.0, 1.0e13)
                .help("Database document writes the group causes per day.")
                .since(6)
                .volume(),
        /// Document deletes per day.
        pub deletes_per_day: f64 = 0.0
            => Input::number("Document deletes per day", Unit::OpsPerDay, 0.0, 1.0e13)
                .help("Database document deletes the group causes per day.")
                .since(6)
                .volume(),
        /// What this customer pays per year, in USD; 0 takes the deal's contract value.
        pub contract_value_per_year_usd: f64 = 0.0
            => Input::number("Contract value per year", Unit::UsdPerYear, 0.0, 1.0e10)
                .help("What this customer pays per year; 0 takes the deal's contract value per customer."),
    }
}

impl TenantGroup {
    /// The customer's contract per year: its own, or the deal's when it has none typed.
    pub fn contract_per_year_usd(&self, deal: &Deal) -> f64 {
        if self.contract_value_per_year_usd > 0.0 {
            self.contract_value_per_year_usd
        } else {
            deal.contract_value_per_year_usd
        }
    }
}

impl Item for TenantGroup {
    const TITLE: &'static str = "Customers and tenant groups";
    const ITEM: &'static str = "Customer or tenant group";
    const ADDS: &'static str = "customers with their own request rates and database operations";
    const MAX_ITEMS: usize = 50;

    fn numbered(number: usize) -> Self {
        TenantGroup {
            name: format!("Customer {number}"),
            ..TenantGroup::default()
        }
    }

    /// With contracts of their own, the customers listed are customers of the deal: one added
    /// raises the deal's count to hold it, and one removed while every customer was listed
    /// lowers it with it.
    fn resized(scenario: &mut Scenario, before: usize) {
        if !scenario.has_own_contracts() {
            return;
        }
        let listed = scenario.tenants.len() as f64;
        let customers = &mut scenario.deal.customers;
        if listed > *customers || (listed < before as f64 && *customers == before as f64) {
            *customers = listed.max(1.0);
        }
    }

    fn broken(&self) -> Vec<Broken> {
        let mut broken = broken_if(
            self.avg_qps > self.peak_qps,
            &["avg_qps", "peak_qps"],
            "Average requests per second must not exceed the peak.",
        );
        broken.extend(broken_if(
            self.contract_value_per_year_usd > 0.0 && self.contract_value_per_year_usd < 1.0,
            &["contract_value_per_year_usd"],
            "A contract is at least $1 a year, or 0 for the deal's contract value per customer.",
        ));
        broken
    }
}

choices! {
    /// Where a service runs.
    pub enum Platform {
        /// Google Cloud Run.
        CloudRun = "cloud_run" "Google Cloud Run",
        /// Amazon ECS on Fargate.
        Fargate = "fargate" "Amazon ECS on Fargate",
        /// Any instance at a fixed hourly price the user types.
        Fixed = "fixed" "An instance at a fixed hourly price",
    }
}

choices! {
    /// What load a service carries.
    pub enum Driver {
        /// Requests per second (from tenant groups and users), held for the service's latency.
        Requests = "requests" "Requests",
        /// Open connections (users' WebSockets and the SSE clients of runs).
        Connections = "connections" "Open connections",
        /// Runs in flight.
        Runs = "runs" "Runs in flight",
        /// No load: the service runs its minimum replicas.
        None = "none" "None (fixed replicas)",
    }
}

fn has_load(s: &Service) -> bool {
    s.driver != Driver::None
}

fn serves_requests(s: &Service) -> bool {
    s.driver == Driver::Requests
}

fn on_cloud_run(s: &Service) -> bool {
    s.platform == Platform::CloudRun
}

fn on_fargate(s: &Service) -> bool {
    s.platform == Platform::Fargate
}

fn on_spot(s: &Service) -> bool {
    on_fargate(s) && s.spot_share_pct > 0.0
}

fn on_fixed(s: &Service) -> bool {
    s.platform == Platform::Fixed
}

inputs! {
    /// One service, sized on its own: the load it carries, what one instance handles, and where
    /// it runs.
    pub struct Service {
        /// What the service is called.
        pub name: String = String::new()
            => Input::text("Name", 40)
                .help("What the service is called (gateway, API, workers…).")
                .since(6),
        /// Where it runs.
        pub platform: Platform = Platform::CloudRun
            => Input::choice("Runs on", Platform::OPTIONS)
                .help("Cloud Run bills per vCPU- and GiB-second; Fargate per task-hour (only AWS's CPU and memory pairs); a fixed instance at the hourly price you type.")
                .since(6),
        /// What load it carries.
        pub driver: Driver = Driver::Requests
            => Input::choice("Load it carries", Driver::OPTIONS)
                .help("Requests come from the customers and users; connections from users and the runs' stream clients; runs are the runs in flight.")
                .since(6),
        /// Share of that load reaching this service, in percent (above 100 when each unit fans
        /// out into several calls).
        pub share_pct: f64 = 100.0
            => Input::number("Share of that load", Unit::Percent, 0.0, 100_000.0)
                .help("Percent of the load reaching this service; above 100 when each request fans out into several calls to it.")
                .since(6)
            => if has_load,
        /// How long the service holds a request, in milliseconds (requests only).
        pub latency_ms: f64 = 100.0
            => Input::number("Latency per request", Unit::Milliseconds, 0.01, 3.6e6)
                .help("How long the service holds a request; requests in flight = requests per second × latency (Little's law).")
                .since(6)
            => if serves_requests,
        /// The spread of the latency: its standard deviation ÷ its mean (requests only).
        pub latency_cv: f64 = 1.0
            => Input::number("Latency spread", Unit::None, 0.0, 10.0)
                .help("How much the latency varies from request to request: 1 for a typical service (exponential times), 0 if every request takes the same time, above 1 if a few are very slow. The more it varies, the longer requests wait for a free slot near capacity.")
            => if serves_requests,
        /// The response time 95% of requests should beat at the peak, in milliseconds; 0 for
        /// none (requests only).
        pub p95_target_ms: f64 = 0.0
            => Input::number("p95 response target", Unit::Milliseconds, 0.0, 3.6e6)
                .help("The p95 response time the service must keep at the peak (its SLA), checked as a limit; 0 for none.")
            => if serves_requests,
        /// CPU time one request uses, in milliseconds (requests only); 0 when CPU never limits
        /// an instance.
        pub cpu_ms_per_request: f64 = 0.0
            => Input::number("CPU time per request", Unit::Milliseconds, 0.0, 3.6e6)
                .help("CPU one request uses; an instance serves at most vCPU × target utilisation ÷ this many requests per second. If you know an instance's top rate R at V vCPU, it is V ÷ R seconds. 0 if CPU never limits it.")
                .since(6)
            => if serves_requests,
        /// Requests in flight, connections or runs one instance holds at once.
        pub concurrency_per_instance: f64 = 80.0
            => Input::number("Concurrency per instance", Unit::Count, 1.0, 1.0e6)
                .help("Requests in flight, connections or runs one instance holds at once (Cloud Run: at most 1,000).")
                .since(6)
            => if has_load,
        /// vCPUs per instance.
        pub vcpu: f64 = 1.0
            => Input::number("vCPU per instance", Unit::Vcpu, 0.08, 192.0)
                .help("CPU of one instance. Cloud Run: 0.08 to 8. Fargate: 0.25, 0.5, 1, 2, 4, 8 or 16.")
                .since(6),
        /// Memory per instance, in GiB.
        pub memory_gib: f64 = 0.5
            => Input::number("Memory per instance", Unit::Gibibytes, 0.125, 1_024.0)
                .help("Memory of one instance, in GiB. Fargate allows 0.5–2 GiB at 0.25 vCPU, 1–8 at 0.5, 2–8 at 1, 4–16 at 2, 8–30 at 4, 16–60 at 8 and 32–120 at 16.")
                .since(6),
        /// Instances kept running at all times.
        pub min_instances: f64 = 0.0
            => Input::whole("Minimum instances", Unit::Instances, 0.0, 10_000.0)
                .help("Instances kept running at all times.")
                .since(6),
        /// The most instances the service may scale to.
        pub max_instances: f64 = 100.0
            => Input::whole("Maximum instances", Unit::Instances, 1.0, 100_000.0)
                .help("The most instances the service may scale to.")
                .since(6),
        /// Share of each instance's capacity the autoscaler aims to use, in percent.
        pub target_utilization_pct: f64 = 70.0
            => Input::number("Target utilisation", Unit::Percent, 1.0, 100.0)
                .help("Share of an instance's capacity the autoscaler fills before adding one; the rest is headroom.")
                .since(6)
            => if has_load,
        /// Cloud Run: request- or instance-based billing.
        pub billing: Billing = Billing::Request
            => Input::choice("Cloud Run billing", Billing::OPTIONS)
                .help("Request-based bills CPU and memory while requests are in flight, plus a fee per request; instance-based bills instances for their whole life at a lower rate.")
                .since(6)
            => if on_cloud_run,
        /// Cloud Run: the price tier of the service's region.
        pub price_tier: PriceTier = PriceTier::Tier1
            => Input::choice("Cloud Run region", PriceTier::OPTIONS)
                .help(REGION_HELP)
            => if on_cloud_run,
        /// Fargate: x86 or ARM.
        pub arch: Arch = Arch::X86
            => Input::choice("Architecture", Arch::OPTIONS)
                .help("Linux on x86, or on ARM (Graviton), which lists about 20% cheaper.")
                .since(6)
            => if on_fargate,
        /// Fargate: share of tasks on Fargate Spot, in percent.
        pub spot_share_pct: f64 = 0.0
            => Input::number("Share on Fargate Spot", Unit::Percent, 0.0, 100.0)
                .help("Percent of the tasks run on Fargate Spot, which AWS may reclaim with two minutes' notice.")
                .since(6)
            => if on_fargate,
        /// Fargate: the Spot discount, in percent (it varies; the user types it).
        pub spot_discount_pct: f64 = 0.0
            => Input::number("Spot discount", Unit::Percent, 0.0, 100.0)
                .help("How much less Spot costs than on-demand, in percent. It varies by region and over time and has no fixed list price: type the one you see.")
                .since(6)
            => if on_spot,
        /// Fixed: the price of one instance, in USD per hour.
        pub usd_per_instance_hour: f64 = 0.0
            => Input::number("Price per instance-hour", Unit::UsdPerHour, 0.0, 10_000.0)
                .help("What one instance costs per hour (a VM, a node's share, a reserved instance).")
                .since(6)
            => if on_fixed,
        /// Database connections each instance keeps in its pool.
        pub db_pool_per_instance: f64 = 0.0
            => Input::whole("Database pool per instance", Unit::Connections, 0.0, 100_000.0)
                .help("Database connections each instance keeps open; all instances at their maximum are checked against the database's max_connections.")
                .since(6),
    }
}

impl Service {
    /// A new Cloud Run service taking all requests, for the user to edit.
    pub fn new(name: &str) -> Self {
        Service {
            name: name.to_string(),
            ..Service::default()
        }
    }
}

impl Item for Service {
    const TITLE: &'static str = "Services";
    const ITEM: &'static str = "Service";
    const ADDS: &'static str = "services sized one by one on Cloud Run or Fargate";
    const MAX_ITEMS: usize = 20;

    fn numbered(number: usize) -> Self {
        Service::new(&format!("service-{number}"))
    }

    fn broken(&self) -> Vec<Broken> {
        let mut broken = broken_if(
            self.min_instances > self.max_instances,
            &["min_instances", "max_instances"],
            "Minimum instances must not exceed maximum instances.",
        );
        broken.extend(broken_if(
            self.cpu_ms_per_request > self.latency_ms * self.vcpu,
            &["cpu_ms_per_request", "latency_ms", "vcpu"],
            "A request cannot use more CPU time than its latency × the vCPU of an instance.",
        ));
        broken.extend(match self.platform {
            Platform::CloudRun => crate::components::cloud_run::broken(self),
            Platform::Fargate => crate::components::fargate::broken(self),
            Platform::Fixed => Vec::new(),
        });
        broken
    }
}

inputs! {
    /// The customers and the contract.
    pub struct Deal {
        /// Customers sharing the platform.
        pub customers: f64 = 1.0
            => Input::whole("Customers", Unit::Count, 1.0, 1_000_000.0)
                .help("Companies paying a contract (not their teams or users). Revenue is customers × contract value, with each customer listed by name at its own contract if it has one.")
                .since(1),
        /// Contract value per customer per year, in USD.
        pub contract_value_per_year_usd: f64 = 500_000.0
            => Input::number("Contract value per customer", Unit::UsdPerYear, 1.0, 1.0e10)
                .help("What each customer pays per year (annual contract value); a customer listed with a contract of its own pays that instead, and those growth adds pay this. Accepts 180k, 1.5M or $180,000.")
                .since(1),
        /// Hours in a billing month (730 by the cloud calculators' convention).
        pub hours_per_month: f64 = DEFAULT_HOURS_PER_MONTH
            => Input::number("Hours per month", Unit::Hours, 672.0, 744.0)
                .help("Length of a billing month; 730 (365 × 24 ÷ 12) is the cloud calculators' convention.")
                .since(1),
        /// The gross margin the price should reach, in percent.
        pub target_margin_pct: f64 = 70.0
            => Input::number("Target gross margin", Unit::Percent, 0.0, 99.0)
                .help("The gross margin the price should reach; the deal shows the contract and the price per run or per user that reach it."),
        /// How the lines no customer's load drives are shared among the customers.
        pub shared_split: SharedSplit = SharedSplit::Evenly
            => Input::choice("Shared costs split", SharedSplit::OPTIONS)
                .help("How the lines no single customer's load drives (minimum instances, a load balancer, a cache) are shared among the customers, those not listed by name included. Lines their load drives are always shared by use."),
    }
}

choices! {
    /// How the lines of the bill that no listed customer's load drives are shared among them.
    pub enum SharedSplit {
        /// The same amount for each customer.
        Evenly = "evenly" "Evenly",
        /// In proportion to the usage-driven cost each customer causes.
        Usage = "usage" "By usage",
        /// In proportion to each customer's contract value.
        Contract = "contract" "By contract value",
    }
}

impl Section for Deal {
    const TITLE: &'static str = "Deal";
}

/// The projection's lengths, in months, as choice options.
const PROJECTION_MONTHS: &[(&str, &str)] = &[("24", "24 months"), ("36", "36 months")];

inputs! {
    /// How many customers are expected as time passes. The workload grows with them: each
    /// customer brings the launch workload ÷ the launch customers. Between milestones the count
    /// moves in a straight line; after the last it stays.
    pub struct Growth {
        /// Months the projection covers: 24 or 36.
        pub months: u32 = 24
            => Input::choice("Projection length", PROJECTION_MONTHS)
                .help("How many months the month-by-month projection covers.")
                .since(3),
        /// Customers expected six months after launch; 0 keeps the count at launch.
        pub customers_at_6_months: f64 = 0.0
            => Input::whole("Customers at 6 months", Unit::Count, 0.0, 1_000_000.0)
                .help("Customers expected six months after launch; 0 keeps the number at launch.")
                .since(3),
        /// Customers expected twelve months after launch; 0 keeps the previous milestone.
        pub customers_at_12_months: f64 = 0.0
            => Input::whole("Customers at 12 months", Unit::Count, 0.0, 1_000_000.0)
                .help("Customers expected a year after launch; 0 keeps the number at 6 months.")
                .since(3),
        /// Customers expected twenty-four months after launch; 0 keeps the previous milestone.
        pub customers_at_24_months: f64 = 0.0
            => Input::whole("Customers at 24 months", Unit::Count, 0.0, 1_000_000.0)
                .help("Customers expected two years after launch (and after); 0 keeps the number at 12 months.")
                .since(3),
        /// Runs per day expected six months after launch; 0 grows runs with the customers.
        pub runs_per_day_at_6_months: f64 = 0.0
            => Input::number("Runs per day at 6 months", Unit::RunsPerDay, 0.0, MAX_RUNS_PER_DAY)
                .help("Runs per day expected six months after launch; 0 grows runs with the customers.")
                .since(6)
                .runs_only()
                .volume(),
        /// Runs per day expected twelve months after launch; 0 grows runs with the customers.
        pub runs_per_day_at_12_months: f64 = 0.0
            => Input::number("Runs per day at 12 months", Unit::RunsPerDay, 0.0, MAX_RUNS_PER_DAY)
                .help("Runs per day expected a year after launch; 0 grows runs with the customers.")
                .since(6)
                .runs_only()
                .volume(),
        /// Runs per day expected twenty-four months after launch; 0 grows runs with the
        /// customers.
        pub runs_per_day_at_24_months: f64 = 0.0
            => Input::number("Runs per day at 24 months", Unit::RunsPerDay, 0.0, MAX_RUNS_PER_DAY)
                .help("Runs per day expected two years after launch; 0 grows runs with the customers.")
                .since(6)
                .runs_only()
                .volume(),
    }
}

impl Section for Growth {
    const TITLE: &'static str = "Growth";
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

inputs! {
    /// Limits the platform enforces per tenant (each customer is a tenant).
    pub struct Quotas {
        /// Runs a tenant may start per hour before further ones are refused with HTTP 429; 0
        /// when there is no such quota.
        pub max_runs_per_hour_per_tenant: f64 = 0.0
            => Input::number("Runs per hour per tenant", Unit::RunsPerHour, 0.0, 1.0e9)
                .help("The most runs one tenant (customer) may start in an hour; further ones are refused with HTTP 429. 0 for no quota.")
                .since(5),
        /// The busiest tenant's runs ÷ the average tenant's (1 when tenants are alike).
        pub busiest_tenant_multiple: f64 = 1.0
            => Input::number("Busiest tenant", Unit::Ratio, 1.0, 1_000.0)
                .help("The busiest tenant's runs ÷ the average tenant's; quotas are checked against the busiest (1 when tenants are alike).")
                .since(6)
                .runs_only(),
        /// Workflow definitions a tenant may keep; 0 when there is no such quota.
        pub max_workflows_per_tenant: f64 = 0.0
            => Input::whole("Workflows per tenant (quota)", Unit::Workflows, 0.0, 1.0e6)
                .help("The most workflow definitions a tenant may keep; creating one more is refused. 0 for no quota.")
                .since(6),
        /// Workflow definitions an average tenant keeps.
        pub workflows_per_tenant: f64 = 0.0
            => Input::number("Workflows per tenant (expected)", Unit::Workflows, 0.0, 1.0e6)
                .help("Workflow definitions an average tenant keeps; checked against the quota, with the busiest tenant's multiple.")
                .since(6),
        /// The longest one action (step) may run before the runner stops it, in seconds; 0
        /// when there is no cap.
        pub max_action_timeout_s: f64 = 0.0
            => Input::number("Action timeout cap", Unit::Seconds, 0.0, 86_400.0)
                .help("The longest one step may run before the runner stops it (e.g. 300 s); it bounds how long a run can hold a worker. 0 for no cap.")
                .since(6)
                .runs_only(),
    }
}

impl Section for Quotas {
    const TITLE: &'static str = "Quotas";
}

inputs! {
    /// How the inputs given as a range are sampled, and what the bill is weighed against.
    pub struct Uncertainty {
        /// Samples the Monte Carlo run draws when any input has a range.
        pub samples: f64 = 10_000.0
            => Input::whole("Monte Carlo samples", Unit::Count, 1_000.0, 100_000.0)
                .help("How many scenarios are drawn from the ranges to make each figure's P10, P50 and P90. More samples steady the percentiles and take longer; the same link always draws the same samples.")
                .point_only(),
        /// The monthly bill the deal can carry; 0 when there is none.
        pub budget_monthly_usd: f64 = 0.0
            => Input::number("Monthly budget", Unit::UsdPerMonth, 0.0, 1.0e12)
                .help("With ranges set, the chance that the month's bill exceeds this is shown beside the chance of missing the target margin. 0 for no budget.")
                .point_only(),
    }
}

impl Section for Uncertainty {
    const TITLE: &'static str = "Uncertainty";
    const NEEDS_RANGES: bool = true;
}

/// The rule of `keys`, broken when `breaks` holds: none, or one with `message`.
fn broken_if(breaks: bool, keys: &'static [&'static str], message: &str) -> Vec<Broken> {
    if breaks {
        vec![Broken::new(keys, message.to_string())]
    } else {
        Vec::new()
    }
}

/// The largest price a user may type over a catalog price.
pub const MAX_PRICE_OVERRIDE: f64 = 1.0e6;

const PRICE_OVERRIDE_ALLOWED: &str =
    "Allowed: a number from 0 to 1,000,000 in the price's unit, or empty for the list price.";

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
        let mut errors: Vec<FieldError> = fields::all(self)
            .filter_map(|field| {
                let checked = field
                    .get(self)
                    .map_or_else(|| Err(String::new()), |v| field.check(&v, self));
                checked.err().map(|message| FieldError {
                    path: field.path().into_owned(),
                    message,
                })
            })
            .collect();
        for list in fields::lists() {
            if list.len(self) > list.max_items {
                errors.push(FieldError {
                    path: list.key.to_string(),
                    message: format!("At most {} items.", list.max_items),
                });
            }
        }
        if crate::catalog::Catalog::by_version(&self.catalog).is_none() {
            errors.push(FieldError {
                path: "catalog".to_string(),
                message: format!(
                    "Headroom has no price catalog “{}”; it ships {}.",
                    inputs::echo(&self.catalog),
                    crate::catalog::Catalog::versions().join(", ")
                ),
            });
        }
        errors.extend(self.cross_field_errors());
        for (id, value) in &self.prices {
            if let Err(message) = self.check_price_override(id, *value) {
                errors.push(FieldError {
                    path: format!("prices.{id}"),
                    message,
                });
            }
        }
        for (path, range) in self.ranges.iter() {
            let checked = match fields::Field::resolve(path, self) {
                Some(field) => range.check(field, self),
                None => Err(format!("{} is not an input.", inputs::echo(path))),
            };
            if let Err(message) = checked {
                errors.push(FieldError {
                    path: path.to_string(),
                    message: format!("The range {}: {message}", range.to_text()),
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
        let value = inputs::parse_typed(text, Unit::Usd).ok_or_else(|| {
            format!(
                "“{}” is not a number. {PRICE_OVERRIDE_ALLOWED}",
                inputs::echo(text)
            )
        })?;
        self.check_price_override(id, value)?;
        self.prices.insert(id.to_string(), value);
        Ok(())
    }

    /// The rules that tie inputs together, each where the data it checks lives: those of a
    /// section that is on or of a list item (with the item's paths), then those spanning
    /// sections. Each names every input it ties, and a section's switch too, so that whichever
    /// the user just edited — turning the section on included — can carry the message.
    pub fn cross_field_errors(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut add = |broken: Vec<Broken>, switch: Option<&str>, path: &dyn Fn(&str) -> String| {
            for rule in broken {
                for key in rule.keys.iter().copied().chain(switch) {
                    errors.push(FieldError {
                        path: path(key),
                        message: rule.message.clone(),
                    });
                }
            }
        };
        for section in fields::sections() {
            if fields::Group::Section(section).is_on(self) {
                let path = |key: &str| format!("{}.{key}", section.key);
                add(section.broken(self), section.switch, &path);
            }
        }
        for list in fields::lists() {
            for index in 0..list.len(self) {
                add(list.broken(self, index), None, &|key| list.path(index, key));
            }
        }
        let mut rule = |ok: bool, paths: &[&str], message: &str| {
            if !ok {
                for path in paths {
                    errors.push(FieldError {
                        path: (*path).to_string(),
                        message: message.to_string(),
                    });
                }
            }
        };
        let launch = self.deal.customers;
        let runs = self.workload.enabled;
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
                !runs || self.workload.runs_per_day * customers / launch <= MAX_RUNS_PER_DAY,
                &[path, "workload.runs_per_day", "deal.customers"],
                "Growth would take runs per day past 1,000,000,000, the most the planner sizes.",
            );
        }
        rule(
            !(runs && self.compute.enabled)
                || self.compute.cpu_s_per_run
                    <= self.workload.run_duration_s * self.compute.vcpu_per_instance,
            &[
                "compute.cpu_s_per_run",
                "workload.run_duration_s",
                "compute.vcpu_per_instance",
            ],
            "A run cannot use more CPU time than its duration × the vCPU of an instance.",
        );
        // Tier 2's prices came with catalog 2026-12: a scenario priced with an older one is
        // repriced before it can choose it.
        let catalog = fields::catalog_of(self);
        let unpriced = |tier: PriceTier, billing: Billing| {
            tier != PriceTier::Tier1
                && (catalog.get(&cloud_run::price_id(tier, billing, "vcpu_second"))).is_none()
        };
        let executor = (runs && self.compute.enabled).then_some((
            None,
            self.compute.price_tier,
            self.compute.billing,
        ));
        let services = (self.services.iter().enumerate())
            .filter(|(_, s)| s.platform == Platform::CloudRun)
            .map(|(i, s)| (Some(i), s.price_tier, s.billing));
        for (item, tier, billing) in executor.into_iter().chain(services) {
            if unpriced(tier, billing) {
                let path = match item {
                    None => "compute.price_tier".to_string(),
                    Some(i) => format!("services.{i}.price_tier"),
                };
                let message = format!(
                    "Price catalog {} has no tier-2 prices: reprice the scenario with the newest catalog (under Prices used) to choose tier 2.",
                    catalog.version
                );
                rule(false, &[&path], &message);
            }
        }
        let listed = self.tenants.len();
        if self.has_own_contracts() && listed as f64 > launch {
            // The deal's count first: a link refused by this rule names it.
            let paths: Vec<String> = std::iter::once("deal.customers".to_string())
                .chain(
                    (self.tenants.iter().enumerate())
                        .filter(|(_, t)| t.contract_value_per_year_usd > 0.0)
                        .map(|(i, _)| format!("tenants.{i}.contract_value_per_year_usd")),
                )
                .collect();
            rule(
                false,
                &paths.iter().map(String::as_str).collect::<Vec<_>>(),
                &format!(
                    "{listed} customers are listed by name, and with contracts of their own each is one of the deal's, but the deal counts {launch}: count each of them in Customers."
                ),
            );
        }
        errors
    }

    /// Whether `value` may override the price `id` of the scenario's catalog.
    fn check_price_override(&self, id: &str, value: f64) -> Result<(), String> {
        let Some(listed) = fields::catalog_of(self).get(id) else {
            return Err(format!(
                "{} is not a price in catalog {}.",
                inputs::echo(id),
                self.catalog
            ));
        };
        if !(value.is_finite() && (0.0..=MAX_PRICE_OVERRIDE).contains(&value)) {
            Err(PRICE_OVERRIDE_ALLOWED.to_string())
        } else if listed.unit == "percent off" && value > 100.0 {
            Err("A discount is a percentage from 0 to 100.".to_string())
        } else {
            Ok(())
        }
    }

    /// Whether any customer listed by name has a contract of its own: then every listed
    /// customer is counted at its contract, in the deal and in revenue.
    pub fn has_own_contracts(&self) -> bool {
        (self.tenants.iter()).any(|t| t.contract_value_per_year_usd > 0.0)
    }

    /// Days in this scenario's billing month.
    pub fn days_per_month(&self) -> f64 {
        crate::units::days_per_month(self.deal.hours_per_month)
    }
}
