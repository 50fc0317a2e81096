//! An in-memory cache cluster: ElastiCache node-hours from the catalog, or a price per node-hour
//! the user types (Memorystore, a self-managed Redis).

use super::Component;
use crate::engine::{Builder, Served, n, usd};
use crate::report::Category;
use crate::scenario::fields::Section;
use crate::scenario::inputs::{CUSTOM, CatalogOptions, Input, inputs};
use crate::units::Unit;

inputs! {
    /// An in-memory cache cluster (ElastiCache, Memorystore…).
    pub struct Cache {
        /// Whether the scenario has one.
        pub enabled: bool = false
            => Input::switch("Cache", "The scenario has a cache cluster", "No cache")
                .help("An in-memory cache (ElastiCache, Memorystore) billed per node-hour.")
                .since(6),
        /// Catalog node type (an ElastiCache node), or `custom` for a price the user types.
        pub node: String = "aws.elasticache.t4g_small.valkey_hour".to_string()
            => Input::catalog("Node type", CatalogOptions::CacheNodes)
                .help("A node type with a list price, or Custom to type the price per node-hour (e.g. for Memorystore).")
                .since(6),
        /// Nodes in the cluster.
        pub nodes: f64 = 1.0
            => Input::whole("Nodes", Unit::Count, 1.0, 1_000.0)
                .help("Nodes in the cluster, replicas included.")
                .since(6),
        /// Custom node: USD per node-hour.
        pub custom_usd_per_node_hour: f64 = 0.0
            => Input::number("Price per node-hour", Unit::UsdPerHour, 0.0, 10_000.0)
                .help("What one node costs per hour.")
                .since(6)
            => if |c: &Cache| c.node == CUSTOM,
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

    /// Nodes × hours × the node-hour price.
    fn evaluate(&self, served: &Served, out: &mut Builder) {
        let c = self;
        let hours = served.scenario.deal.hours_per_month;
        if c.node == CUSTOM && c.custom_usd_per_node_hour <= 0.0 {
            out.price_not_typed("The cache has custom nodes", "the price per node-hour");
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
        let cost = out.metric(
            "cache.cost_monthly_usd",
            "Cache cluster",
            Unit::UsdPerMonth,
            c.nodes * hours * node_hour,
            || {
                format!(
                    "nodes × hours × price per node-hour = {} × {} × {}",
                    n(c.nodes),
                    n(hours),
                    usd(node_hour)
                )
            },
        );
        out.cost("cache.cost_monthly_usd", self.category(), "Cache", cost);
    }
}
