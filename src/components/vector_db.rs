//! A vector database: Pinecone serverless (seed 002's ChromaDB, managed), billed for the read
//! units its queries use, the write units and the storage, at rates the user types, and never
//! less than its plan's monthly minimum. A self-hosted one (ChromaDB, pgvector) is a service of
//! the list, or the database it lives in.
//!
//! Source: Pinecone's "Understanding cost" (docs.pinecone.io/guides/organizations/manage-cost):
//! Standard $50 and Enterprise $500 a month minimum usage; a query uses 1 read unit per GB of
//! its namespace, at least 0.25. The unit rates are not confirmed in the price list: typed.

use super::Component;
use crate::engine::Arg::{N, Usd};
use crate::engine::{Builder, Served};
use crate::report::Category;
use crate::scenario::fields::Section;
use crate::scenario::inputs::{Input, choices, inputs};
use crate::units::Unit;

choices! {
    /// Pinecone's plan, which sets the monthly minimum.
    pub enum VectorPlan {
        /// Standard: $50 a month at least.
        Standard = "standard" "Pinecone Standard",
        /// Enterprise: $500 a month at least.
        Enterprise = "enterprise" "Pinecone Enterprise",
    }
}

inputs! {
    /// A managed vector database.
    pub struct VectorDb {
        /// Whether the scenario has one.
        pub enabled: bool = false
            => Input::switch("Vector database", "The scenario has a Pinecone index", "No vector database")
                .help("A managed vector index; a self-hosted one is a service of the list."),
        /// The plan.
        pub plan: VectorPlan = VectorPlan::Standard
            => Input::choice("Plan", VectorPlan::OPTIONS)
                .help("Each plan bills its usage, and at least its monthly minimum."),
        /// Queries per request or run step.
        pub queries_per_request: f64 = 0.1
            => Input::number("Queries per request", Unit::Ratio, 0.0, 1_000.0)
                .help("Similarity searches per request or run step."),
        /// The index's namespace size, in GB.
        pub index_gb: f64 = 1.0
            => Input::number("Index size", Unit::Gigabytes, 0.0, 1.0e6)
                .help("Vectors and metadata stored; a query reads 1 unit per GB of it.")
                .volume(),
        /// Write units per month.
        pub write_units_per_month: f64 = 0.0
            => Input::number("Write units", Unit::MillionsPerMonth, 0.0, 1.0e9)
                .help("Millions of write units a month (upserts and deletes).")
                .volume(),
        /// USD per million read units.
        pub usd_per_million_reads: f64 = 0.0
            => Input::number("Price per million read units", Unit::Usd, 0.0, 1_000.0)
                .help("From Pinecone's pricing page for your cloud and region."),
        /// USD per million write units.
        pub usd_per_million_writes: f64 = 0.0
            => Input::number("Price per million write units", Unit::Usd, 0.0, 1_000.0)
                .help("From Pinecone's pricing page for your cloud and region."),
        /// USD per GB-month stored.
        pub usd_per_gb_month: f64 = 0.0
            => Input::number("Price per GB-month", Unit::Usd, 0.0, 1_000.0)
                .help("Storage of the index, from Pinecone's pricing page."),
    }
}

impl Section for VectorDb {
    const TITLE: &'static str = "Vector database";
    const SWITCH: Option<&'static str> = Some("enabled");
    const ADDS: &'static str = "a Pinecone index billed by use, with its plan's minimum";
}

impl Component for VectorDb {
    fn category(&self) -> Category {
        Category::DATABASE
    }

    fn evaluate(&self, served: &Served, out: &mut Builder) {
        let v = self;
        let queried = served.requests_and_steps_per_month();
        let least = out.price("pinecone.query_min_ru");
        let reads = out.figure(
            "database.vector_read_units_per_month",
            "Vector read units per month",
            Unit::Count,
            queried * v.queries_per_request * v.index_gb.max(least),
            "(requests + steps) × queries each × max(GB, least per query) = {} × {} × max({}, {})",
            &[
                N(queried),
                N(v.queries_per_request),
                N(v.index_gb),
                N(least),
            ],
        );
        let minimum = out.price(match v.plan {
            VectorPlan::Standard => "pinecone.standard.minimum_month",
            VectorPlan::Enterprise => "pinecone.enterprise.minimum_month",
        });
        let writes = v.write_units_per_month * 1.0e6;
        let unpriced = (reads > 0.0 && v.usd_per_million_reads <= 0.0)
            || (writes > 0.0 && v.usd_per_million_writes <= 0.0)
            || (v.index_gb > 0.0 && v.usd_per_gb_month <= 0.0);
        if unpriced {
            out.price_not_typed(
                "The vector database",
                "its prices per million read and write units and per GB-month",
            );
        }
        let cost = out.figure("database.vector_cost_monthly_usd", "Vector database", Unit::UsdPerMonth, (reads / 1.0e6 * v.usd_per_million_reads
                + writes / 1.0e6 * v.usd_per_million_writes
                + v.index_gb * v.usd_per_gb_month)
                .max(minimum), "max(read units ÷ 10⁶ × price + write units ÷ 10⁶ × price + GB × GB-month, plan minimum) = max({} ÷ 10⁶ × {} + {} ÷ 10⁶ × {} + {} × {}, {})", &[N(reads), Usd(v.usd_per_million_reads), N(writes), Usd(v.usd_per_million_writes), N(v.index_gb), Usd(v.usd_per_gb_month), Usd(minimum)]);
        out.cost(
            "database.vector_cost_monthly_usd",
            self.category(),
            "Vector database",
            cost,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;
    use crate::scenario::presets;

    fn evaluate(vectors: VectorDb) -> crate::report::Report {
        let mut s = presets::by_id("inventory-cloud-run").unwrap().scenario();
        s.vectors = vectors;
        engine::evaluate(&s)
    }

    #[test]
    fn usage_at_typed_rates_and_never_below_the_plan_minimum() {
        let index = VectorDb {
            enabled: true,
            queries_per_request: 0.1,
            index_gb: 2.0,
            write_units_per_month: 3.0,
            usd_per_million_reads: 16.0,
            usd_per_million_writes: 4.0,
            usd_per_gb_month: 0.33,
            ..VectorDb::default()
        };
        // 98,550,000 requests a month, a tenth of them querying a 2 GB namespace: 2 read units
        // each, 19,710,000 in all.
        let report = evaluate(index.clone());
        let reads = 98_550_000.0 * 0.1 * 2.0;
        let read = report
            .value("database.vector_read_units_per_month")
            .unwrap();
        assert!((read - reads).abs() < 1e-6 * reads);
        let usage = reads / 1.0e6 * 16.0 + 3.0 * 4.0 + 2.0 * 0.33;
        let cost = report.value("database.vector_cost_monthly_usd").unwrap();
        assert!((cost - usage).abs() < 1e-9 * usage, "{cost}");
        // A small namespace still costs a quarter unit a query; light use pays the minimum.
        let light = VectorDb {
            queries_per_request: 0.0001,
            index_gb: 0.1,
            write_units_per_month: 0.0,
            ..index.clone()
        };
        let report = evaluate(light.clone());
        let read = report
            .value("database.vector_read_units_per_month")
            .unwrap();
        assert!((read - 98_550_000.0 * 0.0001 * 0.25).abs() < 1e-6);
        assert_eq!(report.value("database.vector_cost_monthly_usd"), Some(50.0));
        let enterprise = VectorDb {
            plan: VectorPlan::Enterprise,
            ..light
        };
        assert_eq!(
            evaluate(enterprise).value("database.vector_cost_monthly_usd"),
            Some(500.0)
        );
        // Rates not typed: the minimum, and a note that the usage is unpriced.
        let untyped = evaluate(VectorDb {
            enabled: true,
            ..VectorDb::default()
        });
        assert!(
            untyped
                .warnings
                .iter()
                .any(|w| w.id == "cost.price_not_typed")
        );
    }
}
