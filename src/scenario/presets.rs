//! Presets: ready-made scenarios taken from real capacity plans, each with a note on where its
//! numbers come from and where the planner departs from the document.

use super::{
    AtlasTier, Aurora, AuroraConfig, Billing, CUSTOM_MODEL, Cache, CacheKind, CloudRun, Deal,
    DocumentDb, Driver, EgressProvider, Firestore, FirestoreLocation, FixedCost, Growth,
    LedgerStore, Llm, LoadBalancer, MemorystoreTier, Messaging, MessagingKind, Monitoring,
    MonitoringKind, MqBroker, Network, Platform, Postgres, Quotas, Scenario, Service, Storage,
    TenantGroup, Users, Workers, Workload,
};
use crate::units::DEFAULT_HOURS_PER_MONTH;

/// A named, documented starting scenario.
#[derive(Debug)]
pub struct Preset {
    /// Stable id used by the picker, the CLI and the export file name.
    pub id: &'static str,
    /// Title shown in the picker.
    pub title: &'static str,
    build: fn() -> Scenario,
}

impl Preset {
    /// The tiers the preset's seed document tabulates, as a driver's key and its values: seed
    /// 002's 100, 1,000 and 10,000 concurrent users, seed 004's scale factors of 1×, 10×, 50×
    /// and 100×. The compare panel offers them in one click. (Seed 003's phases of 1, 3 and 10
    /// customers are not tiers of its preset, which lists its 3 customers by name.)
    pub fn tiers(&self) -> Option<(&'static str, &'static str)> {
        match self.id {
            "ux-flow-engine" => Some(("users.concurrent_peak", "100, 1,000, 10,000")),
            "agent-swarm-ecs" => Some(("scale", "1, 10, 50, 100")),
            _ => None,
        }
    }

    /// Where the numbers come from, and any departures from the source document. Kept apart
    /// from the presets' list, so that a build that never shows it (the page) does not carry it.
    pub fn note(&self) -> &'static str {
        match self.id {
            "agent-platform" => {
                "Enterprise AI-agent platform: 10,000 runs/day, 3× peak, 30 s runs of 6 steps, one LLM call per step at a generic GPT-4-class price of $3 / $15 per million tokens (claude-sonnet-4-5 lists the same), 6 KB of ledger per step kept 90 days on a PostgreSQL server, whose price the document does not give (the form asks for it). The document does not size compute or name a contract value: Cloud Run uses its defaults (1 vCPU, 512 MiB, concurrency 80) and the $500,000 contract is an example to replace. The document's ~10 events/s and ~12 SSE connections round peak concurrency up to 12 runs; Little's law gives 10.4, hence 8.3 events/s and 10.4 connections here. Source: seed document 000."
            }
            "workflow-saas" => {
                "Multi-tenant workflow automation: 10 tenants and 10,000 runs a month at launch, 50 and 100,000 at 6 months, 200 and 500,000 at 12; a peak of 10 runs a minute at launch; 2-minute runs. Runs execute on a runner pool at 0.1 vCPU a run (10 runs per 1 vCPU task, on Fargate prices for want of the document's Kubernetes nodes); the queue's trigger-to-start p95 target is 5 s; quotas of 100 runs an hour and 200 workflows per tenant, 300 s per action. The peak per minute grows with the runs (to 500 a minute at 12 months, where the document expects 200 at scale: more tenants smooth the peak, which one ratio cannot show). Steps, ledger sizes, the PostgreSQL price and the contract value are not in the document: examples to edit. Source: seed document 001."
            }
            "ux-flow-engine" => {
                "AI-assisted design tool: 1,000 concurrent users (20,000 daily, 100,000 monthly), 1 request a second and 2 WebSockets each, six services with the document's capacities, latencies, CPU and replicas on Fargate (256 MB instances take Fargate's smallest 0.5 GB). The document gives each service's capacity but not its share of traffic: user management sees every request, flow 50%, knowledge 20%, billing 1%, and 5% call the AI service, which puts its limit near 1,000 users, where the document expects AI queues of 5–10 s. MongoDB (100 GB at 1,000 users) is an Atlas M30 at $0.54 an hour, the price of its default settings (a disk larger than the default, for 100 GB, costs extra at a rate the price list does not have); Redis (4 GB) one ElastiCache cache.r7g.large; ChromaDB one self-hosted Fargate task of 1 vCPU and 2 GB without replicas (its size and 50 ms queries are examples); CloudWatch Logs at 1 KB a request, an example. The bill, about $1,350 a month, is under the document's $1,500–2,000 for 1,000 users: its 16 cores and 16 GB of pods cost more than the replicas the traffic needs here, and the AI provider's tokens are not priced. Growth follows the document's tiers to 5,000 and 10,000 users. Latency under load: each service's p95 is its latency plus the p95 wait for a free slot (an M/M/c queue); the AI service's is its 2.75 s up to about 900 users, 3.1 s at 1,000, 68 s at 1,090 and without bound from 1,091, when its 150 slots are full. The document's 150 ms, 500 ms, 2 s and 5 s at 100 to 2,000 users are over all requests together, which the model does not give: its knee, near 1,000 users, is where the document's is, not its curve. Source: seed document 002."
            }
            "inventory-cloud-run" => {
                "Inventory API for three customers (peaks of 50, 40 and 35 requests/s, all at once: 125), on one Cloud Run service of 2 vCPU and 1 GiB, 2–50 instances, concurrency 30; Firestore with 20,000 reads and 10,000 writes a day; 100 KB responses; a regional load balancer; Cloud Logging at 1 KB a request (an example) above its free 50 GiB, about $21 where the document says $25; Redis on Memorystore's smallest instance, Basic 1 GB at $35.77 (the document's 0.5 GB for $25 does not exist); misc at the document's $10; contracts of $50,000, $40,000 and $35,000 a year. Each customer's cost is what its requests and operations drive, with the fixed lines split evenly as the document splits them (its \"40% / 40% / 20% allocation\" labels contradict its own even $143 each). Two corrections to the document: its 50 requests/s × 100 KB × 86,400 s is 432 GB a day, not the ~400 GB a month it prices, so egress here is 100 KB × the average request rate over the month; and instances come from Little's law (125 requests/s × 120 ms = 15 in flight) and CPU time per request, not from dividing requests per second by concurrency. Average rates for customers 2 and 3 scale customer 1's 15 of 50. Source: seed document 003."
            }
            "agent-swarm-ecs" => {
                "Agent swarm at base production size on ECS Fargate: supervisor 2 vCPU / 4 GB (1–10), 10 to 100 worker agents at 0.5 vCPU / 1 GB on Spot at the document's 70% saving, a gateway of 2 vCPU / 4 GB holding 1,000 SSE connections (scaling at 800, 2–20); Aurora Serverless v2 at 2–16 ACU with 100 GB growing 10 GB a month; 1 million EventBridge events a day (the document's recommended custom bus; its Amazon MQ alternative, one mq.m5.xlarge with 100 GB of EBS, is $430.48 a month); 1 TB a month of egress behind an ALB; 30 database connections per task; CloudWatch with five custom metrics (one per agent), four dashboards and five alarms, logs at 1 KB a request (an example), and X-Ray tracing 10% of requests: 13 million traces a month where the document expects about 10 million segments at 1,000 agents. The document's 960 max connections at 32 ACU is not Aurora's figure: the documented default gives 5,000 there and 3,360 at the base's 16 ACU, which the pools of 130 tasks (3,900) exceed. Average ACU and the contract value are not in the document: examples to edit. Source: seed document 004."
            }
            _ => "",
        }
    }

    /// A fresh copy of the preset's scenario.
    pub fn scenario(&self) -> Scenario {
        (self.build)()
    }
}

/// The enterprise AI-agent platform of seed document 000 (Temporal workers, LLM steps, SSE
/// streams, a Postgres step ledger). Line numbers refer to that document. The inputs' starting
/// values are this document's figures, so only what differs is written here.
fn agent_platform() -> Scenario {
    Scenario {
        name: "agent-platform".to_string(),
        workload: Workload {
            runs_per_day: 10_000.0,      // line 9
            peak_to_average: 3.0,        // line 10
            run_duration_s: 30.0,        // line 24
            burst_concurrent_runs: 50.0, // line 26
            steps_per_run: 6.0,          // line 33
            max_steps_per_run: 25.0,     // line 34
            tool_call_share_pct: 60.0,   // line 42
            tool_call_latency_s: 2.0,    // line 44
            stream_events_per_step: 4.0, // line 51
            clients_per_run: 1.0,        // line 53
            peak_runs_per_min: 0.0,      // the peak comes from the 3× ratio
            ..Workload::default()
        },
        llm: Llm {
            model: CUSTOM_MODEL.to_string(),
            input_tokens_per_call: 2_000.0,        // line 61
            output_tokens_per_call: 500.0,         // line 61
            cached_input_share_pct: 0.0,           // the document assumes no prompt caching
            calls_per_step: 1.0,                   // line 62
            token_budget_per_run: 50_000.0,        // line 68 asks for a budget without a figure
            custom_input_usd_per_mtok: 3.0,        // line 64
            custom_cached_input_usd_per_mtok: 3.0, // no cache discount assumed
            custom_output_usd_per_mtok: 15.0,      // line 64
            ..Llm::default() // no provider rate limits in the document: not checked
        },
        storage: Storage {
            metadata_kb_per_step: 2.0,      // line 74
            context_kb_per_step: 4.0,       // line 74
            retention_days: 90.0,           // line 76
            kept_in: LedgerStore::Postgres, // line 76: "a single PostgreSQL instance"
            ..Storage::default()
        },
        // Cloud Run's defaults (1 vCPU, 512 MiB, concurrency 80): the document does not size
        // compute, nor the CPU time of a run (concurrency alone sizes instances).
        compute: CloudRun::default(),
        workers: Workers {
            slots: 50.0,            // lines 26–27: workers sized for the 50-run burst
            p95_wait_target_s: 5.0, // an example target: the document sets none
        },
        deal: Deal {
            customers: 1.0,                         // line 7: a single organisation
            contract_value_per_year_usd: 500_000.0, // not in the document: an example to edit
            hours_per_month: DEFAULT_HOURS_PER_MONTH,
            ..Deal::default()
        },
        // Line 76's PostgreSQL server keeps the ledger. The document gives no price for it (a
        // Cloud SQL instance, which the price list does not have): the form asks for it.
        postgres: Postgres {
            enabled: true,
            ..Postgres::default()
        },
        // A single organisation without growth or quotas in the document: every other
        // component is left out.
        ..Scenario::default()
    }
}

/// Days in the default 730-hour month, to turn the documents' monthly volumes into daily ones.
const DAYS_PER_MONTH: f64 = DEFAULT_HOURS_PER_MONTH / 24.0;

/// The multi-tenant workflow-automation SaaS of seed document 001 (a queue and a runner pool).
/// Line numbers refer to that document.
fn workflow_saas() -> Scenario {
    let mut s = agent_platform();
    s.name = "workflow-saas".to_string();
    s.workload = Workload {
        enabled: true,
        runs_per_day: 10_000.0 / DAYS_PER_MONTH, // line 12: 10K runs a month at launch
        peak_to_average: 3.0,                    // unused: the peak is given per minute
        run_duration_s: 120.0,                   // line 23: 2 min average
        burst_concurrent_runs: 0.0,              // no burst beyond the peak in the document
        steps_per_run: 5.0,                      // not in the document: five actions a run
        max_steps_per_run: 25.0,                 // not in the document
        tool_call_share_pct: 100.0,              // every action calls an external API
        tool_call_latency_s: 24.0,               // 2 min ÷ 5 actions
        stream_events_per_step: 0.0,             // no streams to clients
        clients_per_run: 0.0,
        peak_runs_per_min: 10.0, // line 22: 10 runs/min at launch
    };
    s.llm.enabled = false; // workflow actions call APIs, not a language model
    s.storage = Storage {
        enabled: true,
        metadata_kb_per_step: 1.0, // line 35: run metadata and step rows; sizes not given
        context_kb_per_step: 4.0,  // line 35: execution log per step; size not given
        retention_days: 30.0,      // not in the document
        kept_in: LedgerStore::Postgres, // line 35: run metadata and step runs in PostgreSQL
    };
    s.compute.enabled = false; // runs execute on the runner pool below
    s.workers = Workers {
        slots: 50.0,            // line 25: plan for 20–50 concurrent runs
        p95_wait_target_s: 5.0, // line 20: trigger-to-start p95 < 5 s
    };
    s.services = vec![Service {
        platform: Platform::Fargate,
        driver: Driver::Runs,
        concurrency_per_instance: 10.0, // line 33: 0.1 vCPU a run, so 10 runs per vCPU
        vcpu: 1.0,
        memory_gib: 2.0,
        min_instances: 1.0,
        max_instances: 50.0,          // not in the document
        target_utilization_pct: 70.0, // line 68: scale up above 70% CPU
        ..Service::new("runners")
    }];
    s.postgres = Postgres {
        enabled: true,
        usd_per_month: 0.0, // line 35: PostgreSQL's price is not in the document: type it
        max_connections: 100.0,
        usd_per_gb_month: 0.0, // line 35 gives no $/GB-month: type it, or leave 0 if included
    };
    s.growth = Growth {
        months: 24,
        customers_at_6_months: 50.0,                           // line 11
        customers_at_12_months: 200.0,                         // line 11
        customers_at_24_months: 0.0,                           // the document stops at 12 months
        runs_per_day_at_6_months: 100_000.0 / DAYS_PER_MONTH,  // line 12
        runs_per_day_at_12_months: 500_000.0 / DAYS_PER_MONTH, // line 12
        runs_per_day_at_24_months: 0.0,
    };
    s.quotas = Quotas {
        max_runs_per_hour_per_tenant: 100.0, // line 52: 100 runs/hour per tenant at MVP
        busiest_tenant_multiple: 1.0,        // tenants alike: the document gives no skew
        max_workflows_per_tenant: 200.0,     // line 46: max 200
        workflows_per_tenant: 50.0,          // line 46: default 50
        max_action_timeout_s: 300.0,         // line 58: 300 s cap
    };
    s.deal = Deal {
        customers: 10.0,                      // line 11: 10 tenants at launch
        contract_value_per_year_usd: 6_000.0, // not in the document: an example to edit
        hours_per_month: DEFAULT_HOURS_PER_MONTH,
        ..Deal::default()
    };
    s
}

/// One microservice of seed 002, on Fargate: requests it carries (share of all requests), its
/// latency, what one instance holds and its replicas. Fargate's smallest task is 0.25 vCPU
/// with 0.5 GB, and 1 vCPU needs 2 GB, so 256 MB and 1 GB instances take those sizes.
#[allow(clippy::too_many_arguments)]
fn ux_service(
    name: &str,
    share_pct: f64,
    latency_ms: f64,
    capacity_rps: f64,
    vcpu: f64,
    memory_gib: f64,
    replicas: (f64, f64),
    pool: f64,
) -> Service {
    Service {
        platform: Platform::Fargate,
        driver: Driver::Requests,
        share_pct,
        latency_ms,
        // An instance's stated capacity R at V vCPU: V ÷ R seconds of CPU per request, and
        // R × latency requests in flight (Little's law).
        cpu_ms_per_request: vcpu / capacity_rps * 1_000.0,
        concurrency_per_instance: capacity_rps * latency_ms / 1_000.0,
        vcpu,
        memory_gib,
        min_instances: replicas.0,
        max_instances: replicas.1,
        target_utilization_pct: 70.0,
        db_pool_per_instance: pool,
        ..Service::new(name)
    }
}

/// The AI-assisted UX design tool of seed document 002 (microservices, an AI service,
/// WebSockets). Line numbers refer to that document.
fn ux_flow_engine() -> Scenario {
    let mut s = agent_platform();
    s.name = "ux-flow-engine".to_string();
    s.postgres = Postgres::default(); // no run ledger to keep
    s.workload.enabled = false; // users and their requests, not runs
    s.workers.slots = 0.0;
    s.users = Users {
        enabled: true,
        concurrent_peak: 1_000.0, // line 11: 500–1,000 concurrent users, the upper end
        concurrent_pct_of_dau: 5.0, // lines 11–12: 1,000 concurrent of 20,000 daily
        dau_pct_of_mau: 20.0,     // lines 12–13: 20,000 daily of 100,000 monthly
        requests_per_user_per_s: 1.0, // lines 11, 14: 1,000 RPS at 1,000 users
        connections_per_user: 2.0, // lines 11, 15: 2,000 WebSockets at 1,000 users
        peak_to_average: 3.0,     // not in the document: a business-hours day
    };
    let mut gateway = ux_service(
        "api-gateway",
        100.0,
        10.0,
        5_000.0,
        0.25,
        0.5,
        (1.0, 20.0),
        0.0,
    );
    // Line 69: 10,000 WebSocket connections per gateway instance bound it before its 5,000 RPS.
    gateway.driver = Driver::Connections;
    gateway.concurrency_per_instance = 10_000.0;
    gateway.cpu_ms_per_request = 0.0;
    let mut ai = ux_service(
        "cognitive-core",
        5.0,
        2_750.0,
        0.0,
        1.0,
        2.0,
        (2.0, 10.0),
        0.0,
    );
    // Lines 80–85: 10–20 concurrent AI requests per instance, 500–5,000 ms each (midpoints);
    // waiting on the AI provider, not on CPU.
    ai.concurrency_per_instance = 15.0;
    ai.cpu_ms_per_request = 0.0;
    // Lines 39–46: ChromaDB self-hosted, one instance without replicas, ~1,000 concurrent
    // queries; the knowledge service's requests (20%) query it. Its size and query time are not
    // in the document: 1 vCPU, 2 GB and 50 ms are examples.
    let mut chromadb = ux_service("chromadb", 20.0, 50.0, 0.0, 1.0, 2.0, (1.0, 1.0), 0.0);
    chromadb.concurrency_per_instance = 1_000.0;
    chromadb.cpu_ms_per_request = 0.0;
    s.services = vec![
        gateway,
        ai,
        ux_service(
            "user-management",
            100.0,
            50.0,
            10_000.0,
            0.25,
            0.5,
            (2.0, 10.0),
            20.0,
        ), // lines 88–95
        ux_service(
            "flow-service",
            50.0,
            100.0,
            2_000.0,
            0.5,
            1.0,
            (2.0, 10.0),
            20.0,
        ), // lines 98–105
        ux_service(
            "knowledge-service",
            20.0,
            200.0,
            1_000.0,
            0.5,
            1.0,
            (2.0, 8.0),
            0.0,
        ), // lines 108–115
        ux_service(
            "billing-service",
            1.0,
            300.0,
            500.0,
            0.25,
            0.5,
            (2.0, 5.0),
            0.0,
        ), // lines 118–125
        chromadb,
    ];
    // Lines 132–153: MongoDB (10 GB at 100 users, 100 GB at 1,000, 1 TB at 10,000) on MongoDB
    // Atlas (line 209): M30, the dedicated tier the price list has, for 1,000 users, at the
    // price of its default settings (the larger disk 100 GB needs is not in the price list).
    // Redis (line 143: 4 GB at 1,000 users) on ElastiCache: one cache.r7g.large, the smallest
    // listed node that holds 4 GB.
    s.documents = DocumentDb {
        enabled: true,
        tier: AtlasTier::M30,
        peak_ops_per_sec: 1_000.0, // not in the document: a write or read per request
        storage_gb: 100.0,         // line 142
        growth_gb_per_month: 0.0,
        custom_usd_per_hour: 0.0,
    };
    s.cache = Cache {
        enabled: true,
        node: "aws.elasticache.r7g_large.redis_hour".to_string(),
        nodes: 1.0,
        ..Cache::default()
    };
    // "Basic monitoring" (line 215): CloudWatch Logs at 1 KB a request (an example: the
    // document gives no volume) and its free metrics, dashboards and alarms.
    s.monitoring = Monitoring {
        kind: MonitoringKind::Aws,
        ..Monitoring::default()
    };
    s.growth = Growth {
        months: 24,
        customers_at_6_months: 50.0, // line 20: 5,000 concurrent users "with scaling"
        customers_at_12_months: 100.0, // line 20: 10,000
        ..Growth::default()
    };
    s.deal = Deal {
        customers: 10.0, // teams of 100 concurrent users each (an example)
        contract_value_per_year_usd: 20_000.0, // not in the document: an example to edit
        hours_per_month: DEFAULT_HOURS_PER_MONTH,
        ..Deal::default()
    };
    s
}

/// The inventory API on Cloud Run and Firestore of seed document 003, at its Week 13 target of
/// three customers. Line numbers refer to that document.
fn inventory_cloud_run() -> Scenario {
    let mut s = agent_platform();
    s.name = "inventory-cloud-run".to_string();
    s.postgres = Postgres::default(); // no run ledger to keep
    s.workload.enabled = false; // requests, not runs
    s.workers.slots = 0.0;
    let customer = |name: &str, peak, avg, reads, writes, deletes, contract| TenantGroup {
        name: name.to_string(),
        peak_qps: peak,
        avg_qps: avg,
        reads_per_day: reads,
        writes_per_day: writes,
        deletes_per_day: deletes,
        contract_value_per_year_usd: contract,
    };
    s.tenants = vec![
        // Lines 30–31, 78–80, 201; the contracts of lines 593–595.
        customer("Customer 1", 50.0, 15.0, 8_000.0, 4_000.0, 100.0, 50_000.0),
        customer("Customer 2", 40.0, 12.0, 7_000.0, 3_500.0, 100.0, 40_000.0), // lines 151, 202
        customer("Customer 3", 35.0, 10.5, 5_000.0, 2_500.0, 100.0, 35_000.0), // lines 152, 203
    ];
    s.services = vec![Service {
        platform: Platform::CloudRun,
        driver: Driver::Requests,
        share_pct: 100.0,
        latency_ms: 120.0, // line 37: p95 latency, on the safe side of the mean
        cpu_ms_per_request: 5.0, // lines 30–34: 20–30% of 1 vCPU at 40–50 requests/s
        concurrency_per_instance: 30.0, // line 377
        vcpu: 2.0,         // line 375
        memory_gib: 1.0,   // line 376
        min_instances: 2.0, // line 373
        max_instances: 50.0, // line 374
        target_utilization_pct: 70.0, // Cloud Run's default target; not in the document
        billing: Billing::Request,
        ..Service::new("tai-api")
    }];
    s.firestore = Firestore {
        enabled: true,
        location: FirestoreLocation::Regional, // line 52
        storage_gib: 2.0,                      // line 57
        free_tier: true,                       // line 86: within the free tier
    };
    s.network = Network {
        egress: EgressProvider::Gcp, // line 124
        response_kb: 100.0,          // line 110
        other_egress_gb_per_month: 0.0,
        load_balancer: LoadBalancer::GcpRegional, // line 96
        forwarding_rules: 1.0,
        alb_rules: 1.0,
        ..Network::default()
    };
    // Line 413, 580: a Memorystore for Redis cache of 0.5 GB at $25. Memorystore's smallest
    // instance is 1 GB (Basic, M1): $35.77 at list price.
    s.cache = Cache {
        enabled: true,
        kind: CacheKind::Memorystore,
        tier: MemorystoreTier::Basic,
        size_gb: 1.0,
        ..Cache::default()
    };
    // Lines 411, 581: "Cloud Monitoring logs + dashboards", $25. Cloud Logging above its free
    // 50 GiB at 1 KB a request (an example: the document gives no volume) comes to about $21;
    // dashboards and alerting are free.
    s.monitoring = Monitoring {
        kind: MonitoringKind::Gcp,
        ..Monitoring::default()
    };
    s.fixed_costs = vec![FixedCost {
        name: "Misc".to_string(),
        usd_per_month: 10.0, // line 414
    }];
    s.growth = Growth {
        months: 24,
        customers_at_6_months: 10.0, // line 418: 10 customers by month 5
        ..Growth::default()
    };
    s.deal = Deal {
        customers: 3.0,
        contract_value_per_year_usd: 125_000.0 / 3.0, // lines 593–598: $125,000 ACV for three
        hours_per_month: DEFAULT_HOURS_PER_MONTH,
        ..Deal::default()
    };
    s
}

/// One ECS service of seed 004 on Fargate.
fn ecs_service(
    name: &str,
    driver: Driver,
    vcpu: f64,
    memory_gib: f64,
    replicas: (f64, f64),
) -> Service {
    Service {
        platform: Platform::Fargate,
        driver,
        vcpu,
        memory_gib,
        min_instances: replicas.0,
        max_instances: replicas.1,
        target_utilization_pct: 70.0,
        db_pool_per_instance: 30.0, // line 88: 30 per service instance
        ..Service::new(name)
    }
}

/// The agent swarm on ECS (Fargate), Aurora Serverless v2 and an event bus of seed document
/// 004, at its base production size. Line numbers refer to that document.
fn agent_swarm_ecs() -> Scenario {
    let mut s = agent_platform();
    s.name = "agent-swarm-ecs".to_string();
    s.postgres = Postgres::default(); // no run ledger to keep
    s.workload.enabled = false; // agents and streams, not runs of known shape
    s.workers.slots = 0.0;
    s.users = Users {
        enabled: true,
        concurrent_peak: 1_000.0, // line 13: up to 1,000 concurrent SSE connections
        concurrent_pct_of_dau: 10.0, // not in the document
        dau_pct_of_mau: 20.0,     // not in the document
        requests_per_user_per_s: 0.1, // not in the document
        connections_per_user: 1.0, // one SSE stream each
        peak_to_average: 2.0,     // not in the document
    };
    let mut gateway = ecs_service("gateway", Driver::Connections, 2.0, 4.0, (2.0, 20.0)); // lines 66–74, 133
    gateway.concurrency_per_instance = 1_000.0; // line 74: 2 vCPU, 4 GB handles 1,000 SSE
    gateway.target_utilization_pct = 80.0; // line 133: scale at 800 connections
    let mut workers = ecs_service("workers", Driver::None, 0.5, 1.0, (10.0, 100.0)); // lines 53–63, 132
    workers.spot_share_pct = 100.0; // line 193: Spot for worker agents
    workers.spot_discount_pct = 70.0; // line 193: "70% savings", the document's figure
    s.services = vec![
        ecs_service("supervisor", Driver::None, 2.0, 4.0, (1.0, 10.0)), // lines 41–51, 131
        workers,
        gateway,
    ];
    s.aurora = Aurora {
        enabled: true,
        config: AuroraConfig::Standard,
        min_acu: 2.0,                      // line 85: Production (Base)
        max_acu: 16.0,                     // line 85
        avg_acu: 4.0,                      // not in the document
        storage_gb: 100.0,                 // line 85
        storage_growth_gb_per_month: 10.0, // line 97: 10 GB/month at 1,000 agents
        io_millions_per_month: 0.0,        // line 90's IOPS are capacity, not use: type yours
    };
    s.messaging = Messaging {
        kind: MessagingKind::Eventbridge, // lines 121–122: the custom bus, recommended
        events_per_day: 1_000_000.0,      // line 122
        peak_to_average: 3.0,             // not in the document
        broker_usd_per_month: 0.0,
        broker_capacity_msgs_per_s: 10_000.0, // line 118: the custom bus's 10,000 events/s
        // Lines 101–112, the Amazon MQ alternative, should the broker be chosen instead: the
        // production mq.m5.xlarge (50K msg/s, which the throughput above then stands for)
        // with 100 GB of EBS.
        mq_broker: MqBroker::M5XlargeRabbitmq,
        mq_storage_gb: 100.0,
    };
    // Lines 147–177: CloudWatch with five custom metrics, one of them per agent (memory), four
    // dashboards, five alarms, and X-Ray sampling 10% of requests ("~10M segments a month at
    // 1,000 agents"; 13M traces here). Logs at 1 KB a request are an example.
    s.monitoring = Monitoring {
        kind: MonitoringKind::Aws,
        metrics: 4.0,              // lines 151–155, less the per-agent one
        metrics_per_instance: 1.0, // line 156: memory usage per agent
        dashboards: 4.0,           // lines 158–162
        alarms: 5.0,               // lines 164–169
        traced_pct: 10.0,          // line 174
        ..Monitoring::default()
    };
    s.network = Network {
        egress: EgressProvider::Aws,
        response_kb: 0.0,
        other_egress_gb_per_month: 1_000.0, // line 184: the API gateway's 1 TB a month
        load_balancer: LoadBalancer::AwsAlb,
        forwarding_rules: 1.0,
        alb_rules: 1.0,
        ..Network::default()
    };
    s.deal = Deal {
        customers: 1.0,
        contract_value_per_year_usd: 250_000.0, // not in the document: an example to edit
        hours_per_month: DEFAULT_HOURS_PER_MONTH,
        ..Deal::default()
    };
    s
}

/// Every preset, in picker order.
pub fn all() -> &'static [Preset] {
    &[
        Preset {
            id: "agent-platform",
            title: "Agent platform, 10,000 runs a day",
            build: agent_platform,
        },
        Preset {
            id: "workflow-saas",
            title: "Workflow automation for many tenants",
            build: workflow_saas,
        },
        Preset {
            id: "ux-flow-engine",
            title: "AI design tool, 1,000 users at once",
            build: ux_flow_engine,
        },
        Preset {
            id: "inventory-cloud-run",
            title: "Inventory API for three customers",
            build: inventory_cloud_run,
        },
        Preset {
            id: "agent-swarm-ecs",
            title: "Agent swarm on AWS Fargate",
            build: agent_swarm_ecs,
        },
    ]
}

/// The preset with this id.
pub fn by_id(id: &str) -> Option<&'static Preset> {
    all().iter().find(|p| p.id == id)
}
