//! Presets: ready-made scenarios taken from real capacity plans, each with a note on where its
//! numbers come from and where the planner departs from the document.

use std::collections::BTreeMap;

use super::{
    Aurora, Billing, CUSTOM_MODEL, Cache, CloudRun, Deal, Firestore, Growth, Llm, Messaging,
    Network, Postgres, Quotas, Scenario, Storage, Users, Workers, Workload,
};
use crate::catalog;
use crate::units::DEFAULT_HOURS_PER_MONTH;

/// A named, documented starting scenario.
#[derive(Debug)]
pub struct Preset {
    /// Stable id used by the picker, the CLI and the export file name.
    pub id: &'static str,
    /// Title shown in the picker.
    pub title: &'static str,
    /// Where the numbers come from, and any departures from the source document.
    pub note: &'static str,
    build: fn() -> Scenario,
}

impl Preset {
    /// A fresh copy of the preset's scenario.
    pub fn scenario(&self) -> Scenario {
        (self.build)()
    }
}

/// The enterprise AI-agent platform of seed document 000 (Temporal workers, LLM steps, SSE
/// streams, a Postgres step ledger). Line numbers refer to that document.
fn agent_platform() -> Scenario {
    Scenario {
        name: "agent-platform".to_string(),
        catalog: catalog::CURRENT_VERSION.to_string(),
        workload: Workload {
            enabled: true,
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
        },
        llm: Llm {
            enabled: true,
            model: CUSTOM_MODEL.to_string(),
            input_tokens_per_call: 2_000.0,        // line 61
            output_tokens_per_call: 500.0,         // line 61
            cached_input_share_pct: 0.0,           // the document assumes no prompt caching
            calls_per_step: 1.0,                   // line 62
            token_budget_per_run: 50_000.0,        // line 68 asks for a budget without a figure
            custom_input_usd_per_mtok: 3.0,        // line 64
            custom_cached_input_usd_per_mtok: 3.0, // no cache discount assumed
            custom_output_usd_per_mtok: 15.0,      // line 64
            rate_limit_requests_per_min: 0.0,      // not in the document: not checked
            rate_limit_tokens_per_min: 0.0,
        },
        storage: Storage {
            enabled: true,
            metadata_kb_per_step: 2.0, // line 74
            context_kb_per_step: 4.0,  // line 74
            retention_days: 90.0,      // line 76
        },
        compute: CloudRun {
            enabled: true,
            vcpu_per_instance: 1.0,
            memory_gib_per_instance: 0.5,
            concurrency_per_instance: 80.0,
            min_instances: 0.0,
            max_instances: 100.0,
            billing: Billing::Request,
            target_utilization_pct: 70.0,
            free_tier: false,
            cpu_s_per_run: 0.0, // not in the document: concurrency alone sizes instances
        },
        workers: Workers {
            slots: 50.0,            // lines 26–27: workers sized for the 50-run burst
            p95_wait_target_s: 5.0, // an example target: the document sets none
        },
        growth: Growth::default(), // a single organisation: no growth in the document
        quotas: Quotas::default(), // none in the document
        users: Users::default(),   // the workload is runs, not users
        tenants: Vec::new(),
        services: Vec::new(), // the document sizes no services besides the run executor
        aurora: Aurora::default(),
        firestore: Firestore::default(),
        postgres: Postgres::default(), // the step ledger's server is not priced in the document
        cache: Cache::default(),
        messaging: Messaging::default(),
        network: Network::default(),
        fixed_costs: Vec::new(),
        deal: Deal {
            customers: 1.0,                         // line 7: a single organisation
            contract_value_per_year_usd: 500_000.0, // not in the document: an example to edit
            hours_per_month: DEFAULT_HOURS_PER_MONTH,
        },
        prices: BTreeMap::new(),
    }
}

/// Every preset, in picker order.
pub fn all() -> &'static [Preset] {
    &[Preset {
        id: "agent-platform",
        title: "Agent platform (seed 000)",
        note: "Enterprise AI-agent platform: 10,000 runs/day, 3× peak, 30 s runs of 6 steps, one LLM call per step at a generic GPT-4-class price of $3 / $15 per million tokens (claude-sonnet-4-5 lists the same), 6 KB of ledger per step kept 90 days. The document does not size compute or name a contract value: Cloud Run uses its defaults (1 vCPU, 512 MiB, concurrency 80) and the $500,000 contract is an example to replace. The document's ~10 events/s and ~12 SSE connections round peak concurrency up to 12 runs; Little's law gives 10.4, hence 8.3 events/s and 10.4 connections here.",
        build: agent_platform,
    }]
}

/// The preset with this id.
pub fn by_id(id: &str) -> Option<&'static Preset> {
    all().iter().find(|p| p.id == id)
}
