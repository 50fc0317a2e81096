//! Firestore (Standard edition): the database's inputs, and the document operations and storage
//! per month, with the daily free tier.
//!
//! Source: "Firestore (Standard edition)", read from
//! cloud.google.com/firestore/pricing. Operations are priced per 100,000; the free tier is per
//! day (50K reads, 20K writes, 20K deletes) and per project (it covers one database per
//! project), so it comes off each day's operations before the day is multiplied out to a month.
//! Prices and allowances come from the catalog
//! (`gcp.firestore.regional.reads_per_100k`, `gcp.firestore.free_reads_per_day`, …).

use super::Component;
use super::network::gib_from_gb;
use crate::engine::Arg::{N, Usd};
use crate::engine::{Builder, Served, finite};
use crate::report::Category;
use crate::scenario::LedgerStore;
use crate::scenario::fields::Section;
use crate::scenario::inputs::{Input, choices, inputs};
use crate::units::{SECONDS_PER_DAY, Unit};

choices! {
    /// Where the database lives, which sets the prices.
    pub enum Location {
        /// A regional database (us-central1 in the catalog).
        Regional = "regional" "Regional (us-central1)",
        /// A multi-region database (nam5 in the catalog).
        MultiRegion = "multi_region" "Multi-region (nam5)",
    }
}

inputs! {
    /// A Firestore database; its reads, writes and deletes come from the tenant groups.
    pub struct Firestore {
        /// Whether the scenario has one.
        pub enabled: bool = false
            => Input::switch("Firestore", "The scenario has a Firestore database", "No Firestore")
                .help("A Firestore database billed per document read, write and delete; the operations come from the customers and tenant groups.")
                .since(6),
        /// Regional or multi-region.
        pub location: Location = Location::Regional
            => Input::choice("Location", Location::OPTIONS)
                .help("A single region (us-central1 prices) or a multi-region location (nam5), which replicates across regions at about twice the price.")
                .since(6),
        /// Data stored, in GiB.
        pub storage_gib: f64 = 1.0
            => Input::number("Data stored", Unit::Gibibytes, 0.0, 1.0e6)
                .help("Documents and indexes stored, in GiB.")
                .since(6)
                .volume(),
        /// Whether the project's daily free quota is still available to this database.
        pub free_tier: bool = true
            => Input::switch("Free quota", "Deduct the daily free quota", "Not available to this database")
                .help("The free quota (50,000 reads, 20,000 writes and deletes a day, 1 GiB) is per project: count it only if nothing else uses it.")
                .since(6),
    }
}

impl Section for Firestore {
    const TITLE: &'static str = "Firestore";
    const SWITCH: Option<&'static str> = Some("enabled");
    const ADDS: &'static str = "a Firestore database billed by reads, writes, deletes and storage";
}

/// Seed 003, "Firestore Read/Write Capacity": the customers' daily reads, writes and deletes,
/// priced per 100,000 after the daily free quota, and the data stored.
impl Component for Firestore {
    fn category(&self) -> Category {
        Category::DATABASE
    }

    fn evaluate(&self, served: &Served, out: &mut Builder) {
        let f = self;
        let demand = served.demand;
        let reads = demand.reads_per_day;
        let writes = demand.writes_per_day;
        out.figure(
            "database.firestore_reads_per_sec",
            "Firestore reads per second, daily average",
            Unit::OpsPerSecond,
            reads / SECONDS_PER_DAY,
            "reads per day ÷ 86,400 = {} ÷ 86,400",
            &[N(reads)],
        );
        out.figure(
            "database.firestore_writes_per_sec",
            "Firestore writes per second, daily average",
            Unit::OpsPerSecond,
            writes / SECONDS_PER_DAY,
            "writes per day ÷ 86,400 = {} ÷ 86,400",
            &[N(writes)],
        );
        let location = f.location;
        let prices = Prices {
            reads_per_100k_usd: out.price(&location.reads_price_id()),
            writes_per_100k_usd: out.price(&location.writes_price_id()),
            deletes_per_100k_usd: out.price(&location.deletes_price_id()),
            storage_gib_month_usd: out.price(&location.storage_price_id()),
        };
        let free = if f.free_tier {
            FreeTier {
                reads_per_day: out.price("gcp.firestore.free_reads_per_day"),
                writes_per_day: out.price("gcp.firestore.free_writes_per_day"),
                deletes_per_day: out.price("gcp.firestore.free_deletes_per_day"),
                storage_gib: out.price("gcp.firestore.free_storage_gib"),
            }
        } else {
            FreeTier::NONE
        };
        let ops = DailyOps {
            reads,
            writes,
            deletes: demand.deletes_per_day,
        };
        let hours = served.scenario.deal.hours_per_month;
        // The step ledger, when Firestore keeps it, is data it stores (GB as GiB).
        let stored_gib = f.storage_gib + gib_from_gb(served.ledger_in(LedgerStore::Firestore));
        let cost = out.figure(
            "database.firestore_cost_monthly_usd",
            "Firestore",
            Unit::UsdPerMonth,
            monthly_cost_usd(&ops, stored_gib, &prices, &free, hours),
            "days × Σ max(ops per day − free per day, 0) ÷ 100,000 × price + max(GiB − free GiB, 0) × GiB-month = {} days × (reads {} − {}, writes {} − {}, deletes {} − {}) at {} / {} / {} per 100,000 + ({} − {}) GiB × {}",
            &[
                N(hours / 24.0),
                N(reads),
                N(free.reads_per_day),
                N(writes),
                N(free.writes_per_day),
                N(demand.deletes_per_day),
                N(free.deletes_per_day),
                Usd(prices.reads_per_100k_usd),
                Usd(prices.writes_per_100k_usd),
                Usd(prices.deletes_per_100k_usd),
                N(stored_gib),
                N(free.storage_gib),
                Usd(prices.storage_gib_month_usd),
            ],
        );
        out.cost(
            "database.firestore_cost_monthly_usd",
            self.category(),
            "Firestore",
            cost,
        );
    }
}

/// Operations in the unit Firestore prices them per.
pub const OPERATIONS_PER_PRICE_UNIT: f64 = 100_000.0;

impl Location {
    fn prefix(self) -> &'static str {
        match self {
            Location::Regional => "gcp.firestore.regional",
            Location::MultiRegion => "gcp.firestore.multi_region",
        }
    }

    /// Catalog id of the price per 100,000 document reads.
    pub fn reads_price_id(self) -> String {
        format!("{}.reads_per_100k", self.prefix())
    }

    /// Catalog id of the price per 100,000 document writes.
    pub fn writes_price_id(self) -> String {
        format!("{}.writes_per_100k", self.prefix())
    }

    /// Catalog id of the price per 100,000 document deletes.
    pub fn deletes_price_id(self) -> String {
        format!("{}.deletes_per_100k", self.prefix())
    }

    /// Catalog id of the storage price per GiB-month.
    pub fn storage_price_id(self) -> String {
        format!("{}.storage_gib_month", self.prefix())
    }
}

/// One kind of operation for a day: max(operations − free allowance, 0) ÷ 100,000 × price per
/// 100,000 (cloud.google.com/firestore/pricing, the Firestore table and "Free per day").
///
/// The allowance is per day, so this takes the operations of one day; with uneven days, price
/// each day (the average day understates what busy days pay).
pub fn ops_cost_per_day_usd(
    ops_per_day: f64,
    free_ops_per_day: f64,
    price_per_100k_usd: f64,
) -> f64 {
    finite(billable(ops_per_day, free_ops_per_day) / OPERATIONS_PER_PRICE_UNIT * price_per_100k_usd)
}

/// One kind of operation for a month of days like this one: the daily cost
/// ([`ops_cost_per_day_usd`], free tier already taken off) × days per month.
pub fn ops_cost_per_month_usd(
    ops_per_day: f64,
    free_ops_per_day: f64,
    price_per_100k_usd: f64,
    hours_per_month: f64,
) -> f64 {
    finite(
        ops_cost_per_day_usd(ops_per_day, free_ops_per_day, price_per_100k_usd)
            * crate::units::days_per_month(hours_per_month),
    )
}

/// Storage for a month: max(GiB stored − free GiB, 0) × price per GiB-month (cloud.google.com/firestore/pricing: 1 GiB
/// free; regional 0.00020 per GiB-hour, which the catalog carries as ≈ 0.146 per 730-hour
/// GiB-month; multi-region 0.18 per GiB-month).
pub fn storage_cost_per_month_usd(stored_gib: f64, free_gib: f64, price_gib_month_usd: f64) -> f64 {
    finite(billable(stored_gib, free_gib) * price_gib_month_usd)
}

/// A day's document operations.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DailyOps {
    /// Document reads per day.
    pub reads: f64,
    /// Document writes per day.
    pub writes: f64,
    /// Document deletes per day.
    pub deletes: f64,
}

/// The prices of one [`Location`], as read from the catalog.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prices {
    /// USD per 100,000 reads.
    pub reads_per_100k_usd: f64,
    /// USD per 100,000 writes.
    pub writes_per_100k_usd: f64,
    /// USD per 100,000 deletes.
    pub deletes_per_100k_usd: f64,
    /// USD per GiB-month stored.
    pub storage_gib_month_usd: f64,
}

/// The free tier, as read from the catalog (`gcp.firestore.free_*`); [`FreeTier::NONE`] for a
/// second database in the same project, or a project that has used its allowance elsewhere.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FreeTier {
    /// Free reads per day.
    pub reads_per_day: f64,
    /// Free writes per day.
    pub writes_per_day: f64,
    /// Free deletes per day.
    pub deletes_per_day: f64,
    /// Free GiB stored.
    pub storage_gib: f64,
}

impl FreeTier {
    /// No free allowance.
    pub const NONE: FreeTier = FreeTier {
        reads_per_day: 0.0,
        writes_per_day: 0.0,
        deletes_per_day: 0.0,
        storage_gib: 0.0,
    };
}

/// The month's bill: reads + writes + deletes ([`ops_cost_per_month_usd`] each) + storage
/// ([`storage_cost_per_month_usd`]).
pub fn monthly_cost_usd(
    ops: &DailyOps,
    stored_gib: f64,
    prices: &Prices,
    free: &FreeTier,
    hours_per_month: f64,
) -> f64 {
    let month = |ops_per_day, free_per_day, price| {
        ops_cost_per_month_usd(ops_per_day, free_per_day, price, hours_per_month)
    };
    finite(
        month(ops.reads, free.reads_per_day, prices.reads_per_100k_usd)
            + month(ops.writes, free.writes_per_day, prices.writes_per_100k_usd)
            + month(
                ops.deletes,
                free.deletes_per_day,
                prices.deletes_per_100k_usd,
            )
            + storage_cost_per_month_usd(
                stored_gib,
                free.storage_gib,
                prices.storage_gib_month_usd,
            ),
    )
}

/// What is above a free allowance, never below zero: max(usage − allowance, 0).
fn billable(usage: f64, allowance: f64) -> f64 {
    (usage - allowance).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn price(id: &str) -> f64 {
        crate::engine::catalog_price(id)
    }

    fn prices(location: Location) -> Prices {
        Prices {
            reads_per_100k_usd: price(&location.reads_price_id()),
            writes_per_100k_usd: price(&location.writes_price_id()),
            deletes_per_100k_usd: price(&location.deletes_price_id()),
            storage_gib_month_usd: price(&location.storage_price_id()),
        }
    }

    fn free_tier() -> FreeTier {
        FreeTier {
            reads_per_day: price("gcp.firestore.free_reads_per_day"),
            writes_per_day: price("gcp.firestore.free_writes_per_day"),
            deletes_per_day: price("gcp.firestore.free_deletes_per_day"),
            storage_gib: price("gcp.firestore.free_storage_gib"),
        }
    }

    #[test]
    fn seed_003_three_customers_are_inside_the_free_tier() {
        // Seed 003: 20,000 reads + 10,000 writes per day for three customers, ~95 MB stored.
        // Below 50K reads and 20K writes a day, and 1 GiB: the bill is $0, not the seed's
        // "$0.60/month" (it priced each operation at $0.000001 and ignored the free tier).
        let ops = DailyOps {
            reads: 20_000.0,
            writes: 10_000.0,
            deletes: 0.0,
        };
        let bill = monthly_cost_usd(
            &ops,
            0.095,
            &prices(Location::Regional),
            &free_tier(),
            730.0,
        );
        assert_eq!(bill, 0.0);
        // Its earlier single-customer day also deletes 100 documents: still free.
        let ops = DailyOps {
            reads: 8_000.0,
            writes: 4_000.0,
            deletes: 100.0,
        };
        assert_eq!(
            monthly_cost_usd(
                &ops,
                0.095,
                &prices(Location::Regional),
                &free_tier(),
                730.0
            ),
            0.0
        );
    }

    #[test]
    fn larger_regional_example_by_hand() {
        // 1,000,000 reads, 300,000 writes, 50,000 deletes a day; 10 GiB; us-central1; 730 h.
        // Per day: reads (1,000,000 − 50,000) ÷ 100,000 × 0.03 = 0.285
        //          writes (300,000 − 20,000) ÷ 100,000 × 0.09 = 0.252
        //          deletes (50,000 − 20,000) ÷ 100,000 × 0.01 = 0.003   → 0.540 a day
        // × 730 ÷ 24 = 30.41667 days → 16.425; storage (10 − 1) × 0.146 = 1.314. Total 17.739.
        let ops = DailyOps {
            reads: 1.0e6,
            writes: 3.0e5,
            deletes: 5.0e4,
        };
        let p = prices(Location::Regional);
        let free = free_tier();
        assert!(
            (ops_cost_per_day_usd(ops.reads, free.reads_per_day, p.reads_per_100k_usd) - 0.285)
                .abs()
                < 1e-12
        );
        let bill = monthly_cost_usd(&ops, 10.0, &p, &free, 730.0);
        assert!((bill - 17.739).abs() < 1e-9, "{bill}");
        // The same workload multi-region (nam5): every operation price doubles; storage 0.18.
        // 0.54 × 2 × 30.41667 = 32.85; (10 − 1) × 0.18 = 1.62. Total 34.47.
        let bill = monthly_cost_usd(&ops, 10.0, &prices(Location::MultiRegion), &free, 730.0);
        assert!((bill - 34.47).abs() < 1e-9, "{bill}");
        // Without the free tier (a second database in the project): 0.30 + 0.27 + 0.005 = 0.575 a day.
        let bill = monthly_cost_usd(&ops, 10.0, &p, &FreeTier::NONE, 730.0);
        assert!(
            (bill - (0.575 * 730.0 / 24.0 + 1.46)).abs() < 1e-9,
            "{bill}"
        );
    }

    #[test]
    fn the_allowance_is_daily_not_monthly() {
        // 60,000 reads a day: 10,000 billable every day, 0.1 × 0.03 = 0.003 a day, × 30 days
        // (a 720-hour month) = 0.09.
        let month = ops_cost_per_month_usd(60_000.0, 50_000.0, 0.03, 720.0);
        assert!((month - 0.09).abs() < 1e-12);
        assert_eq!(crate::units::days_per_month(720.0), 30.0);
    }

    #[test]
    fn extreme_inputs_stay_finite() {
        let odd = [0.0, -1.0, 1e308, -1e308, f64::MIN_POSITIVE, 50_000.0];
        for &a in &odd {
            for &b in &odd {
                assert!(ops_cost_per_month_usd(a, b, a, b).is_finite());
                assert!(storage_cost_per_month_usd(a, b, a).is_finite());
                let ops = DailyOps {
                    reads: a,
                    writes: b,
                    deletes: a,
                };
                let p = Prices {
                    reads_per_100k_usd: b,
                    writes_per_100k_usd: a,
                    deletes_per_100k_usd: b,
                    storage_gib_month_usd: a,
                };
                let free = FreeTier {
                    reads_per_day: b,
                    writes_per_day: a,
                    deletes_per_day: b,
                    storage_gib: a,
                };
                assert!(monthly_cost_usd(&ops, a, &p, &free, b).is_finite());
            }
        }
    }
}
