//! An in-memory cache: a cluster of nodes (ElastiCache node-hours from the catalog, or a price
//! per node-hour the user types), a Memorystore for Redis instance billed per GiB-hour by its
//! capacity tier, or ElastiCache Serverless billed for data stored and processing units.
//!
//! Sources: Memorystore's per-GiB-hour prices and capacity tiers (M1 1–4 GB … M5 over 100 GB)
//! as Infracost reads them from the Cloud Billing Catalog (`redis_instance_test.golden`,
//! `internal/resources/google/redis_instance.go`); ElastiCache Serverless from the AWS
//! Database Blog's launch post (GB-hours with a 1 GB minimum; one ECPU per KB transferred).

use super::Component;
use super::commitments::committed;
use crate::engine::Arg::{N, Usd};
use crate::engine::{Builder, Served, n, usd};
use crate::report::Category;
use crate::scenario::fields::Section;
use crate::scenario::inputs::{CUSTOM, CatalogOptions, Input, choices, inputs};
use crate::units::Unit;

choices! {
    /// How the cache is billed.
    pub enum CacheKind {
        /// Nodes billed by the hour.
        Nodes = "nodes" "Nodes (ElastiCache or a typed price)",
        /// Memorystore for Redis, billed per GiB-hour of capacity.
        Memorystore = "memorystore" "Memorystore for Redis (Google)",
        /// ElastiCache Serverless, billed for data stored and ECPUs.
        Serverless = "serverless" "ElastiCache Serverless (AWS)",
    }
}

choices! {
    /// Memorystore's service tier.
    pub enum MemorystoreTier {
        /// One node, no replica.
        Basic = "basic" "Basic",
        /// A primary with a replica in another zone.
        Standard = "standard" "Standard (high availability)",
    }
}

fn nodes(c: &Cache) -> bool {
    c.kind == CacheKind::Nodes
}

fn memorystore(c: &Cache) -> bool {
    c.kind == CacheKind::Memorystore
}

fn serverless(c: &Cache) -> bool {
    c.kind == CacheKind::Serverless
}

fn sized(c: &Cache) -> bool {
    c.kind != CacheKind::Nodes
}

inputs! {
    /// An in-memory cache cluster (ElastiCache, Memorystore…).
    pub struct Cache {
        /// Whether the scenario has one.
        pub enabled: bool = false
            => Input::switch("Cache", "The scenario has a cache cluster", "No cache")
                .help("An in-memory cache (ElastiCache, Memorystore) billed per node-hour.")
                .since(6),
        /// Nodes, Memorystore or ElastiCache Serverless.
        pub kind: CacheKind = CacheKind::Nodes
            => Input::choice("Billed as", CacheKind::OPTIONS)
                .help("Nodes by the hour, Memorystore by its capacity, or Serverless by use."),
        /// Catalog node type (an ElastiCache node), or `custom` for a price the user types.
        pub node: String = "aws.elasticache.t4g_small.valkey_hour".to_string()
            => Input::catalog("Node type", CatalogOptions::CacheNodes)
                .help("A node type with a list price, or Custom to type the price per node-hour.")
                .since(6)
            => if nodes,
        /// Nodes in the cluster.
        pub nodes: f64 = 1.0
            => Input::whole("Nodes", Unit::Count, 1.0, 1_000.0)
                .help("Nodes in the cluster, replicas included.")
                .since(6)
            => if nodes,
        /// Custom node: USD per node-hour.
        pub custom_usd_per_node_hour: f64 = 0.0
            => Input::number("Price per node-hour", Unit::UsdPerHour, 0.0, 10_000.0)
                .help("What one node costs per hour.")
                .since(6)
            => if |c: &Cache| nodes(c) && c.node == CUSTOM,
        /// Memorystore's tier.
        pub tier: MemorystoreTier = MemorystoreTier::Basic
            => Input::choice("Tier", MemorystoreTier::OPTIONS)
                .help("Standard keeps a replica in another zone, at a higher price per GiB.")
            => if memorystore,
        /// Memorystore: capacity; Serverless: data stored on average, in GB.
        pub size_gb: f64 = 1.0
            => Input::whole("Capacity", Unit::Gigabytes, 1.0, 300.0)
                .help("Memory provisioned (Memorystore: 1 to 300 GB) or stored on average (Serverless).")
            => if sized,
        /// Serverless: cache operations per request or run step.
        pub ops_per_request: f64 = 1.0
            => Input::number("Operations per request", Unit::Ratio, 0.0, 10_000.0)
                .help("Cache reads and writes per request or run step.")
            => if serverless,
        /// Serverless: KB moved by one operation.
        pub kb_per_op: f64 = 1.0
            => Input::number("Data per operation", Unit::Kilobytes, 0.0, 1.0e6)
                .help("KB read or written per operation; each KB, at least one, is an ECPU.")
            => if serverless,
    }
}

impl Section for Cache {
    const TITLE: &'static str = "Cache";
    const SWITCH: Option<&'static str> = Some("enabled");
    const ADDS: &'static str = "a cache cluster billed by node-hour";
}

impl Component for Cache {
    fn category(&self) -> Category {
        Category::CACHE
    }

    /// Nodes × hours × the node-hour price; Memorystore or Serverless by their own rules.
    fn evaluate(&self, served: &Served, out: &mut Builder) {
        let c = self;
        let hours = served.scenario.deal.hours_per_month;
        match c.kind {
            CacheKind::Nodes => {}
            CacheKind::Memorystore => return memorystore_cost(c, served, hours, out),
            CacheKind::Serverless => return serverless_cost(c, served, hours, out),
        }
        if c.node == CUSTOM && c.custom_usd_per_node_hour <= 0.0 {
            out.price_not_typed("The custom cache node", "its price per node-hour");
        }
        let node_hour = if c.node == CUSTOM {
            out.typed_price(
                "cache.custom_node_hour",
                "Cache node-hour (typed)",
                "USD per node-hour",
                c.custom_usd_per_node_hour,
            )
        } else {
            out.price(&c.node)
        };
        let cost = out.figure(
            "cache.cost_monthly_usd",
            "Cache cluster",
            Unit::UsdPerMonth,
            c.nodes * hours * node_hour,
            "nodes × hours × price per node-hour = {} × {} × {}",
            &[N(c.nodes), N(hours), Usd(node_hour)],
        );
        out.cost("cache.cost_monthly_usd", self.category(), "Cache", cost);
    }
}

/// Memorystore for Redis's capacity tier for `gb` provisioned: M1 (1–4 GB), M2 (5–10), M3
/// (11–35), M4 (36–100), M5 (over 100), as the Cloud Billing Catalog's SKUs are split.
pub fn memorystore_capacity_tier(gb: f64) -> &'static str {
    match gb {
        gb if gb <= 4.0 => "m1",
        gb if gb <= 10.0 => "m2",
        gb if gb <= 35.0 => "m3",
        gb if gb <= 100.0 => "m4",
        _ => "m5",
    }
}

/// Memorystore: GiB provisioned × hours × the price per GiB-hour of its tier and capacity tier.
fn memorystore_cost(c: &Cache, served: &Served, hours: f64, out: &mut Builder) {
    let tier = memorystore_capacity_tier(c.size_gb);
    let id = format!("gcp.memorystore.{}.{tier}_gib_hour", c.tier.id());
    let price = out.price(&id);
    let on_demand = c.size_gb * hours * price;
    let how = out.formula(on_demand, Unit::UsdPerMonth, || {
        format!(
            "GB × hours × price per GiB-hour ({} {}) = {} × {} × {}",
            c.tier.id(),
            tier.to_uppercase(),
            n(c.size_gb),
            n(hours),
            usd(price)
        )
    });
    let pct = match served.scenario.commitments.memorystore_price_id() {
        Some(id) => out.price(id),
        None => 0.0,
    };
    let (billed, how) = committed(
        out,
        (
            "cache.on_demand_monthly_usd".into(),
            "cache.commitment_saving_monthly_usd".into(),
        ),
        (
            "Memorystore on demand".into(),
            "Memorystore committed use saving".into(),
        ),
        on_demand,
        how,
        on_demand,
        pct,
    );
    let cost = out.metric(
        "cache.cost_monthly_usd",
        "Memorystore for Redis",
        Unit::UsdPerMonth,
        billed,
        || how,
    );
    out.cost(
        "cache.cost_monthly_usd",
        Category::CACHE,
        "Memorystore",
        cost,
    );
}

/// ElastiCache Serverless: the data stored (at least the minimum) × hours × the GB-hour price,
/// plus an ECPU for each KB (at least one) each operation moves, per million.
fn serverless_cost(c: &Cache, served: &Served, hours: f64, out: &mut Builder) {
    let operations = served.requests_and_steps_per_month();
    let ecpus = out.figure(
        "cache.ecpus_per_month",
        "ElastiCache Processing Units per month",
        Unit::Count,
        operations * c.ops_per_request * c.kb_per_op.max(1.0),
        "(requests + steps) × operations each × max(KB, 1) = {} × {} × {}",
        &[N(operations), N(c.ops_per_request), N(c.kb_per_op.max(1.0))],
    );
    let gb_hour = out.price("aws.elasticache-serverless.redis.gb_hour");
    let min_gb = out.price("aws.elasticache-serverless.redis.min_gb");
    let per_million = out.price("aws.elasticache-serverless.redis.ecpu_per_million");
    let cost = out.figure(
        "cache.cost_monthly_usd",
        "ElastiCache Serverless",
        Unit::UsdPerMonth,
        c.size_gb.max(min_gb) * hours * gb_hour + ecpus / 1.0e6 * per_million,
        "max(GB, minimum) × hours × GB-hour + ECPUs ÷ 10⁶ × price per million = max({}, {}) × {} × {} + {} ÷ 10⁶ × {}",
        &[N(c.size_gb), N(min_gb), N(hours), Usd(gb_hour), N(ecpus), Usd(per_million)],
    );
    out.cost(
        "cache.cost_monthly_usd",
        Category::CACHE,
        "ElastiCache Serverless",
        cost,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;
    use crate::scenario::presets;

    fn with_cache(cache: Cache) -> f64 {
        let mut s = presets::by_id("inventory-cloud-run").unwrap().scenario();
        s.cache = cache;
        engine::evaluate(&s)
            .value("cache.cost_monthly_usd")
            .unwrap()
    }

    fn close(got: f64, expected: f64) {
        assert!(
            (got - expected).abs() < 1e-9 * expected.max(1.0),
            "{got} ≠ {expected}"
        );
    }

    #[test]
    fn memorystore_bills_capacity_by_its_tier() {
        let memorystore = |tier, size_gb| Cache {
            enabled: true,
            kind: CacheKind::Memorystore,
            tier,
            size_gb,
            ..Cache::default()
        };
        // Infracost's golden bill: Basic M1, 1 GB, $35.77 a month.
        close(with_cache(memorystore(MemorystoreTier::Basic, 1.0)), 35.77);
        // 4 GB is still M1; 5 GB is M2, cheaper per GiB.
        close(
            with_cache(memorystore(MemorystoreTier::Basic, 4.0)),
            4.0 * 730.0 * 0.049,
        );
        close(
            with_cache(memorystore(MemorystoreTier::Basic, 5.0)),
            5.0 * 730.0 * 0.027,
        );
        close(
            with_cache(memorystore(MemorystoreTier::Standard, 16.0)),
            16.0 * 730.0 * 0.046,
        );
        close(
            with_cache(memorystore(MemorystoreTier::Standard, 300.0)),
            300.0 * 730.0 * 0.030,
        );
        assert_eq!(
            [1.0, 4.0, 5.0, 10.0, 11.0, 35.0, 36.0, 100.0, 101.0].map(memorystore_capacity_tier),
            ["m1", "m1", "m2", "m2", "m3", "m3", "m4", "m4", "m5"]
        );
    }

    #[test]
    fn serverless_bills_data_stored_and_processing_units() {
        let serverless = |size_gb, kb_per_op| Cache {
            enabled: true,
            kind: CacheKind::Serverless,
            size_gb,
            ops_per_request: 2.0,
            kb_per_op,
            ..Cache::default()
        };
        // Seed 003's 98,550,000 requests a month, two operations each of half a KB (billed as
        // one ECPU each): 197,100,000 ECPUs at $0.0034 a million, and the 1 GB minimum stored.
        let ecpus = 98_550_000.0 * 2.0;
        close(
            with_cache(serverless(1.0, 0.5)),
            730.0 * 0.125 + ecpus / 1.0e6 * 0.0034,
        );
        // 4 KB an operation is 4 ECPUs; 3 GB stored.
        close(
            with_cache(serverless(3.0, 4.0)),
            3.0 * 730.0 * 0.125 + 4.0 * ecpus / 1.0e6 * 0.0034,
        );
    }
}
