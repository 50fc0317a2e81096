//! Fields of the optional components and of the workload shapes beyond runs: section switches,
//! users, databases, cache, messaging and network, and the quotas and growth milestones that
//! came with them.

use super::{Field, Kind, Section, Value, always};
use crate::catalog::Catalog;
use crate::scenario::{
    AuroraConfig, CUSTOM_MODEL, EgressProvider, FirestoreLocation, LoadBalancer, MAX_RUNS_PER_DAY,
    MessagingKind, Scenario,
};
use crate::units::Unit;

fn runs_on(s: &Scenario) -> bool {
    s.workload.enabled
}

fn aurora_standard(s: &Scenario) -> bool {
    s.aurora.config == AuroraConfig::Standard
}

fn custom_cache_node(s: &Scenario) -> bool {
    s.cache.node == CUSTOM_MODEL
}

fn messaging_on(s: &Scenario) -> bool {
    s.messaging.kind != MessagingKind::None
}

fn broker(s: &Scenario) -> bool {
    s.messaging.kind == MessagingKind::Broker
}

fn network_priced(s: &Scenario) -> bool {
    s.network.egress != EgressProvider::None || s.network.load_balancer != LoadBalancer::None
}

fn gcp_lb(s: &Scenario) -> bool {
    s.network.load_balancer == LoadBalancer::GcpRegional
}

fn alb(s: &Scenario) -> bool {
    s.network.load_balancer == LoadBalancer::AwsAlb
}

/// The cache node types the catalog prices (ElastiCache node-hours), then a typed price.
fn cache_choices() -> Vec<(String, String)> {
    let mut choices: Vec<(String, String)> = Catalog::current()
        .prices()
        .iter()
        .filter(|p| p.id.starts_with("aws.elasticache."))
        .map(|p| (p.id.clone(), p.label.clone()))
        .collect();
    choices.push((
        CUSTOM_MODEL.to_string(),
        "Custom price per node-hour".to_string(),
    ));
    choices
}

pub(super) fn build() -> Vec<Field> {
    vec![
        switch!(
            "workload.enabled",
            workload.enabled,
            Workload,
            "Runs",
            "This scenario has runs",
            "No runs: requests or users only",
            "Runs are units of work (agent runs, workflow runs) that take seconds to minutes; turn them off for a request-serving API."
        ),
        number!(
            "workload.peak_runs_per_min",
            workload.peak_runs_per_min,
            Workload,
            "Peak runs per minute",
            RunsPerMinute,
            0.0,
            1.0e7,
            false,
            "Runs started in the busiest minute (e.g. 10 at launch); 0 to take the peak from the peak-to-average ratio instead."
        ),
        switch!(
            "llm.enabled",
            llm.enabled,
            Llm,
            "Language model",
            "Steps call an LLM",
            "No LLM calls",
            "Whether each step of a run calls a language model."
        ),
        switch!(
            "storage.enabled",
            storage.enabled,
            Storage,
            "Step ledger",
            "Runs keep a step ledger",
            "No ledger",
            "Whether each step leaves a record that is kept for the retention window."
        ),
        switch!(
            "compute.enabled",
            compute.enabled,
            Compute,
            "Run executor",
            "Runs execute on this Cloud Run service",
            "Runs execute on a service in the list",
            "Turn off to size the runs' compute as a service of the list (Fargate, a fixed instance…) instead."
        ),
        switch!(
            "users.enabled",
            users.enabled,
            Users,
            "Users",
            "The workload includes users",
            "No users",
            "People using the product interactively, sized from how many are active at once."
        ),
        number!(
            "users.concurrent_peak",
            users.concurrent_peak,
            Users,
            "Concurrent users at the peak",
            Users,
            0.0,
            1.0e8,
            true,
            "Users active at the same moment in the busiest hour."
        ),
        number!(
            "users.concurrent_pct_of_dau",
            users.concurrent_pct_of_dau,
            Users,
            "Concurrent share of daily actives",
            Percent,
            0.01,
            100.0,
            false,
            "Peak concurrent users ÷ daily active users (5% when 1,000 at once means 20,000 a day)."
        ),
        number!(
            "users.dau_pct_of_mau",
            users.dau_pct_of_mau,
            Users,
            "Daily share of monthly actives",
            Percent,
            0.01,
            100.0,
            false,
            "Daily active users ÷ monthly active users (20% is typical for a work tool)."
        ),
        number!(
            "users.requests_per_user_per_s",
            users.requests_per_user_per_s,
            Users,
            "Requests per concurrent user",
            RequestsPerUserPerSecond,
            0.0,
            1_000.0,
            false,
            "API requests each active user's client sends per second."
        ),
        number!(
            "users.connections_per_user",
            users.connections_per_user,
            Users,
            "Connections per concurrent user",
            Connections,
            0.0,
            100.0,
            false,
            "WebSocket or SSE connections each active user holds open."
        ),
        number!(
            "users.peak_to_average",
            users.peak_to_average,
            Users,
            "Peak-to-average ratio",
            Ratio,
            1.0,
            100.0,
            false,
            "Peak concurrent users ÷ concurrent users averaged over the whole day; sets the average load that the bill follows."
        ),
        switch!(
            "aurora.enabled",
            aurora.enabled,
            Aurora,
            "Aurora Serverless v2",
            "The scenario has an Aurora cluster",
            "No Aurora cluster",
            "An Aurora PostgreSQL-compatible cluster billed per ACU-hour."
        ),
        choice!(
            "aurora.config",
            aurora.config,
            Aurora,
            "Storage configuration",
            "Standard bills I/O per request; I/O-Optimized bills none but charges more for capacity and storage.",
            [
                (AuroraConfig::Standard, "standard", "Aurora Standard"),
                (
                    AuroraConfig::IoOptimized,
                    "io_optimized",
                    "Aurora I/O-Optimized"
                ),
            ]
        ),
        number!(
            "aurora.min_acu",
            aurora.min_acu,
            Aurora,
            "Minimum capacity",
            Acu,
            0.0,
            256.0,
            false,
            "The least the cluster scales down to: 0 (auto-pause) or 0.5 to 256 ACUs in steps of 0.5. It also sets max_connections."
        ),
        number!(
            "aurora.max_acu",
            aurora.max_acu,
            Aurora,
            "Maximum capacity",
            Acu,
            1.0,
            256.0,
            false,
            "The most the cluster scales up to: 1 to 256 ACUs in steps of 0.5."
        ),
        number!(
            "aurora.avg_acu",
            aurora.avg_acu,
            Aurora,
            "Average capacity",
            Acu,
            0.0,
            256.0,
            false,
            "Capacity averaged over the month; what the bill follows. Between the minimum and the maximum."
        ),
        number!(
            "aurora.storage_gb",
            aurora.storage_gb,
            Aurora,
            "Storage at launch",
            Gigabytes,
            0.0,
            131_072.0,
            false,
            "Data the cluster holds at launch (Aurora stores up to 128 TiB)."
        ),
        number!(
            "aurora.storage_growth_gb_per_month",
            aurora.storage_growth_gb_per_month,
            Aurora,
            "Storage growth",
            GigabytesPerMonth,
            0.0,
            131_072.0,
            false,
            "Data added each month; the projection accumulates it."
        ),
        number!(
            "aurora.io_millions_per_month",
            aurora.io_millions_per_month,
            Aurora,
            "I/O requests",
            MillionsPerMonth,
            0.0,
            1.0e9,
            false,
            "Read and write I/O requests per month, in millions; billed on Aurora Standard only.",
            relevant = aurora_standard
        ),
        switch!(
            "firestore.enabled",
            firestore.enabled,
            Firestore,
            "Firestore",
            "The scenario has a Firestore database",
            "No Firestore",
            "A Firestore database billed per document read, write and delete; the operations come from the customers and tenant groups."
        ),
        choice!(
            "firestore.location",
            firestore.location,
            Firestore,
            "Location",
            "A single region (us-central1 prices) or a multi-region location (nam5), which replicates across regions at about twice the price.",
            [
                (
                    FirestoreLocation::Regional,
                    "regional",
                    "Regional (us-central1)"
                ),
                (
                    FirestoreLocation::MultiRegion,
                    "multi_region",
                    "Multi-region (nam5)"
                ),
            ]
        ),
        number!(
            "firestore.storage_gib",
            firestore.storage_gib,
            Firestore,
            "Data stored",
            Gibibytes,
            0.0,
            1.0e6,
            false,
            "Documents and indexes stored, in GiB."
        ),
        switch!(
            "firestore.free_tier",
            firestore.free_tier,
            Firestore,
            "Free quota",
            "Deduct the daily free quota",
            "Not available to this database",
            "The free quota (50,000 reads, 20,000 writes and deletes a day, 1 GiB) is per project: count it only if nothing else uses it."
        ),
        switch!(
            "postgres.enabled",
            postgres.enabled,
            Postgres,
            "PostgreSQL server",
            "The scenario has a PostgreSQL server",
            "No PostgreSQL server",
            "A PostgreSQL server at a fixed monthly price (self-managed, or a managed instance)."
        ),
        number!(
            "postgres.usd_per_month",
            postgres.usd_per_month,
            Postgres,
            "Price",
            UsdPerMonth,
            0.0,
            1.0e7,
            false,
            "What the server costs per month. Headroom has no list price for it: type your provider's."
        ),
        number!(
            "postgres.max_connections",
            postgres.max_connections,
            Postgres,
            "max_connections",
            Connections,
            1.0,
            1.0e6,
            true,
            "The server's max_connections setting (PostgreSQL's default is 100); the services' pools are checked against it."
        ),
        switch!(
            "cache.enabled",
            cache.enabled,
            Cache,
            "Cache",
            "The scenario has a cache cluster",
            "No cache",
            "An in-memory cache (ElastiCache, Memorystore) billed per node-hour."
        ),
        Field {
            path: "cache.node",
            section: Section::Cache,
            label: "Node type",
            unit: Unit::None,
            help: "A node type with a list price, or Custom to type the price per node-hour (e.g. for Memorystore).",
            kind: Kind::Choice(cache_choices()),
            relevant: always,
            get: |s| Value::Text(s.cache.node.clone()),
            set: |s, v| {
                if let Value::Text(t) = v {
                    s.cache.node = t;
                }
            },
        },
        number!(
            "cache.nodes",
            cache.nodes,
            Cache,
            "Nodes",
            Count,
            1.0,
            1_000.0,
            true,
            "Nodes in the cluster, replicas included."
        ),
        number!(
            "cache.custom_usd_per_node_hour",
            cache.custom_usd_per_node_hour,
            Cache,
            "Price per node-hour",
            UsdPerHour,
            0.0,
            10_000.0,
            false,
            "What one node costs per hour.",
            relevant = custom_cache_node
        ),
        choice!(
            "messaging.kind",
            messaging.kind,
            Messaging,
            "Event bus or broker",
            "EventBridge bills per event; a broker (Amazon MQ, a NATS cluster…) bills by the hour at a price you type.",
            [
                (MessagingKind::None, "none", "None"),
                (
                    MessagingKind::Eventbridge,
                    "eventbridge",
                    "Amazon EventBridge (custom bus)"
                ),
                (MessagingKind::Broker, "broker", "A message broker"),
            ]
        ),
        number!(
            "messaging.events_per_day",
            messaging.events_per_day,
            Messaging,
            "Events per day",
            EventsPerDay,
            0.0,
            1.0e12,
            false,
            "Events or messages published per day, all services together.",
            relevant = messaging_on
        ),
        number!(
            "messaging.peak_to_average",
            messaging.peak_to_average,
            Messaging,
            "Peak-to-average ratio",
            Ratio,
            1.0,
            1_000.0,
            false,
            "Peak message rate ÷ average message rate.",
            relevant = messaging_on
        ),
        number!(
            "messaging.broker_usd_per_month",
            messaging.broker_usd_per_month,
            Messaging,
            "Broker price",
            UsdPerMonth,
            0.0,
            1.0e7,
            false,
            "What the broker costs per month, instances and storage together. Headroom has no list price for brokers: type your provider's.",
            relevant = broker
        ),
        number!(
            "messaging.broker_capacity_msgs_per_s",
            messaging.broker_capacity_msgs_per_s,
            Messaging,
            "Broker throughput",
            MessagesPerSecond,
            1.0,
            1.0e9,
            false,
            "Messages per second the broker sustains (e.g. 1,000 for mq.t3.micro by seed 004's table).",
            relevant = broker
        ),
        choice!(
            "network.egress",
            network.egress,
            Network,
            "Internet egress",
            "Whose tiered prices the data leaving the cloud pays.",
            [
                (EgressProvider::None, "none", "Not priced"),
                (
                    EgressProvider::Gcp,
                    "gcp",
                    "Google Cloud, Premium Tier to North America"
                ),
                (
                    EgressProvider::Aws,
                    "aws",
                    "AWS, data transfer out to the internet"
                ),
            ]
        ),
        number!(
            "network.response_kb",
            network.response_kb,
            Network,
            "Response size",
            Kilobytes,
            0.0,
            1.0e6,
            false,
            "Average size of one response; every request's response leaves the cloud.",
            relevant = network_priced
        ),
        number!(
            "network.other_egress_gb_per_month",
            network.other_egress_gb_per_month,
            Network,
            "Other egress",
            GigabytesPerMonth,
            0.0,
            1.0e9,
            false,
            "Data leaving the cloud besides responses: streams, webhooks, replication.",
            relevant = network_priced
        ),
        choice!(
            "network.load_balancer",
            network.load_balancer,
            Network,
            "Load balancer",
            "The load balancer in front of the services.",
            [
                (LoadBalancer::None, "none", "Not priced"),
                (
                    LoadBalancer::GcpRegional,
                    "gcp_regional",
                    "Google Cloud regional external Application LB"
                ),
                (
                    LoadBalancer::AwsAlb,
                    "aws_alb",
                    "AWS Application Load Balancer"
                ),
            ]
        ),
        number!(
            "network.forwarding_rules",
            network.forwarding_rules,
            Network,
            "Forwarding rules",
            Count,
            1.0,
            1_000.0,
            true,
            "Forwarding rules on the load balancer; the first five are billed at a higher hourly rate.",
            relevant = gcp_lb
        ),
        number!(
            "network.alb_rules",
            network.alb_rules,
            Network,
            "Listener rules per request",
            Count,
            0.0,
            1_000.0,
            false,
            "Listener rules the ALB evaluates for each request; the first 10 are free.",
            relevant = alb
        ),
        number!(
            "growth.runs_per_day_at_6_months",
            growth.runs_per_day_at_6_months,
            Growth,
            "Runs per day at 6 months",
            RunsPerDay,
            0.0,
            MAX_RUNS_PER_DAY,
            false,
            "Runs per day expected six months after launch; 0 grows runs with the customers.",
            relevant = runs_on
        ),
        number!(
            "growth.runs_per_day_at_12_months",
            growth.runs_per_day_at_12_months,
            Growth,
            "Runs per day at 12 months",
            RunsPerDay,
            0.0,
            MAX_RUNS_PER_DAY,
            false,
            "Runs per day expected a year after launch; 0 grows runs with the customers.",
            relevant = runs_on
        ),
        number!(
            "growth.runs_per_day_at_24_months",
            growth.runs_per_day_at_24_months,
            Growth,
            "Runs per day at 24 months",
            RunsPerDay,
            0.0,
            MAX_RUNS_PER_DAY,
            false,
            "Runs per day expected two years after launch; 0 grows runs with the customers.",
            relevant = runs_on
        ),
        number!(
            "quotas.busiest_tenant_multiple",
            quotas.busiest_tenant_multiple,
            Quotas,
            "Busiest tenant",
            Ratio,
            1.0,
            1_000.0,
            false,
            "The busiest tenant's runs ÷ the average tenant's; quotas are checked against the busiest (1 when tenants are alike).",
            relevant = runs_on
        ),
        number!(
            "quotas.max_workflows_per_tenant",
            quotas.max_workflows_per_tenant,
            Quotas,
            "Workflows per tenant (quota)",
            Workflows,
            0.0,
            1.0e6,
            true,
            "The most workflow definitions a tenant may keep; creating one more is refused. 0 for no quota."
        ),
        number!(
            "quotas.workflows_per_tenant",
            quotas.workflows_per_tenant,
            Quotas,
            "Workflows per tenant (expected)",
            Workflows,
            0.0,
            1.0e6,
            false,
            "Workflow definitions an average tenant keeps; checked against the quota, with the busiest tenant's multiple."
        ),
        number!(
            "quotas.max_action_timeout_s",
            quotas.max_action_timeout_s,
            Quotas,
            "Action timeout cap",
            Seconds,
            0.0,
            86_400.0,
            false,
            "The longest one step may run before the runner stops it (e.g. 300 s); it bounds how long a run can hold a worker. 0 for no cap.",
            relevant = runs_on
        ),
    ]
}
