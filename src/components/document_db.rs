//! A document database: MongoDB Atlas (seed 002's MongoDB), as a Flex cluster priced by its
//! operations a second, the M30 dedicated tier, or another tier at a price per hour the user
//! types.
//!
//! Source: MongoDB's Atlas documentation (`atlas/billing/atlas-flex-costs`: Flex from $0.011 an
//! hour at up to 100 operations a second to $0.0411 at 400–500, capped at $30 a month, 5 GB
//! included; `atlas/billing/invoice-breakdown`: M30 on AWS at $0.54 an hour). Flex's rates
//! between 100 and 400 operations a second are not in the price list: such a cluster is billed
//! at the monthly cap, the most it can cost. M30's price is for its default settings, its
//! default disk included; a larger disk costs more at a rate the price list does not have, so
//! storage beyond the default is not billed here (the figure for data stored says how much
//! there is).

use super::Component;
use crate::engine::Arg::{N, Usd};
use crate::engine::{Builder, Served, n, ratio, usd};
use crate::report::{Category, Severity};
use crate::scenario::LedgerStore;
use crate::scenario::fields::Section;
use crate::scenario::inputs::{Input, choices, inputs};
use crate::units::Unit;

choices! {
    /// The cluster tier.
    pub enum AtlasTier {
        /// Flex: shared, up to 500 operations a second and 5 GB.
        Flex = "flex" "Flex (up to 500 ops/s, 5 GB)",
        /// M30 dedicated.
        M30 = "m30" "M30 dedicated",
        /// Any other tier, at a typed price.
        Custom = "custom" "Another tier (type its price)",
    }
}

inputs! {
    /// A MongoDB Atlas cluster.
    pub struct DocumentDb {
        /// Whether the scenario has one.
        pub enabled: bool = false
            => Input::switch("MongoDB Atlas", "The scenario has a MongoDB Atlas cluster", "No MongoDB")
                .help("A MongoDB Atlas cluster on AWS, billed by the hour."),
        /// Flex, M30 or a typed tier.
        pub tier: AtlasTier = AtlasTier::Flex
            => Input::choice("Tier", AtlasTier::OPTIONS)
                .help("Flex bills by operations a second; a dedicated tier by the hour, its default disk included."),
        /// Operations a second at the peak.
        pub peak_ops_per_sec: f64 = 50.0
            => Input::number("Peak operations", Unit::OpsPerSecond, 0.0, 1.0e9)
                .help("Reads and writes a second at the busiest time.")
                .volume(),
        /// Data stored, in GB.
        pub storage_gb: f64 = 1.0
            => Input::number("Data stored", Unit::Gigabytes, 0.0, 1.0e7)
                .help("Documents and indexes. A dedicated tier's price includes its default disk; a larger disk costs extra, not in the price list: include it in a typed tier's price.")
                .volume(),
        /// What the data grows by each month, in GB.
        pub growth_gb_per_month: f64 = 0.0
            => Input::number("Growth", Unit::GigabytesPerMonth, 0.0, 1.0e6)
                .help("Data added each month, net of deletions; it grows in the projection.")
                .volume(),
        /// Another tier: its price per hour.
        pub custom_usd_per_hour: f64 = 0.0
            => Input::number("Price per hour", Unit::UsdPerHour, 0.0, 10_000.0)
                .help("The tier's hourly price from MongoDB's pricing page (M10, M20, M40…).")
            => if |d: &DocumentDb| d.tier == AtlasTier::Custom,
    }
}

impl Section for DocumentDb {
    const TITLE: &'static str = "MongoDB Atlas";
    const SWITCH: Option<&'static str> = Some("enabled");
    const ADDS: &'static str = "a MongoDB Atlas cluster, Flex or dedicated";
}

/// Flex's price for a month of `hours` at `peak_ops` operations a second: the base rate up to
/// the base operations, the top rate from the top operations, and the cap in between (the most
/// Flex bills, as the price list has no rate there); never above the cap.
pub fn flex_monthly_usd(peak_ops: f64, hours: f64, prices: &FlexPrices) -> f64 {
    let hourly = if peak_ops <= prices.base_ops {
        prices.base_hour
    } else if peak_ops >= prices.top_ops {
        prices.top_hour
    } else {
        return prices.cap_month;
    };
    (hourly * hours).min(prices.cap_month)
}

/// Flex's prices, from the catalog.
pub struct FlexPrices {
    /// USD an hour up to `base_ops`.
    pub base_hour: f64,
    /// Operations a second the base rate covers.
    pub base_ops: f64,
    /// USD an hour from `top_ops`.
    pub top_hour: f64,
    /// Operations a second from which the top rate applies.
    pub top_ops: f64,
    /// The most a month costs.
    pub cap_month: f64,
}

impl Component for DocumentDb {
    fn category(&self) -> Category {
        Category::DATABASE
    }

    fn evaluate(&self, served: &Served, out: &mut Builder) {
        let d = self;
        let hours = served.scenario.deal.hours_per_month;
        let ledger = served.ledger_in(LedgerStore::Mongodb);
        let stored = out.figure(
            "database.mongodb_stored_gb",
            "MongoDB data stored",
            Unit::Gigabytes,
            d.storage_gb + ledger,
            "data + step ledger = {} + {}",
            &[N(d.storage_gb), N(ledger)],
        );
        let cost = match d.tier {
            AtlasTier::Flex => {
                let prices = FlexPrices {
                    base_hour: out.price("mongodb.atlas.flex.base_hour"),
                    base_ops: out.price("mongodb.atlas.flex.base_ops"),
                    top_hour: out.price("mongodb.atlas.flex.top_hour"),
                    top_ops: out.price("mongodb.atlas.flex.top_ops"),
                    cap_month: out.price("mongodb.atlas.flex.cap_month"),
                };
                let max_ops = out.price("mongodb.atlas.flex.max_ops");
                let max_gb = out.price("mongodb.atlas.flex.storage_gb");
                let used = out.figure(
                    "database.mongodb_flex_used_pct",
                    "Peak operations as a share of Flex's",
                    Unit::Percent,
                    100.0 * ratio(d.peak_ops_per_sec, max_ops),
                    "peak ops/s ÷ Flex's most = {} ÷ {}",
                    &[N(d.peak_ops_per_sec), N(max_ops)],
                );
                out.limit("MongoDB Flex operations", "database.mongodb_flex_used_pct");
                if used > 100.0 || stored > max_gb {
                    out.warn(
                        "database.mongodb_flex_too_small",
                        Severity::Warning,
                        || format!(
                            "A Flex cluster serves up to {} operations a second and holds {} GB; this one needs {} ops/s and {} GB. Choose a dedicated tier.",
                            n(max_ops),
                            n(max_gb),
                            n(d.peak_ops_per_sec),
                            n(stored)
                        ),
                    );
                }
                let cost = flex_monthly_usd(d.peak_ops_per_sec, hours, &prices);
                out.metric(
                    "database.mongodb_cost_monthly_usd",
                    "MongoDB Atlas",
                    Unit::UsdPerMonth,
                    cost,
                    || {
                        let between = d.peak_ops_per_sec > prices.base_ops
                            && d.peak_ops_per_sec < prices.top_ops;
                        if between {
                            format!(
                                "Flex's monthly cap, as the price list has no rate between {} and {} ops/s = {}",
                                n(prices.base_ops),
                                n(prices.top_ops),
                                usd(prices.cap_month)
                            )
                        } else {
                            let hourly = if d.peak_ops_per_sec <= prices.base_ops {
                                prices.base_hour
                            } else {
                                prices.top_hour
                            };
                            format!(
                                "min(hours × Flex rate at {} ops/s, cap) = min({} × {}, {})",
                                n(d.peak_ops_per_sec),
                                n(hours),
                                usd(hourly),
                                usd(prices.cap_month)
                            )
                        }
                    },
                )
            }
            AtlasTier::M30 | AtlasTier::Custom => {
                let hourly = if d.tier == AtlasTier::M30 {
                    out.price("mongodb.atlas.m30_hour")
                } else {
                    if d.custom_usd_per_hour <= 0.0 {
                        out.price_not_typed("The MongoDB cluster's tier", "its price per hour");
                    }
                    out.typed_price(
                        "mongodb.custom_hour",
                        "MongoDB Atlas tier (typed)",
                        "USD per hour",
                        d.custom_usd_per_hour,
                    )
                };
                out.figure(
                    "database.mongodb_cost_monthly_usd",
                    "MongoDB Atlas",
                    Unit::UsdPerMonth,
                    hours * hourly,
                    "hours × price per hour = {} × {}",
                    &[N(hours), Usd(hourly)],
                )
            }
        };
        out.cost(
            "database.mongodb_cost_monthly_usd",
            self.category(),
            "MongoDB Atlas",
            cost,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;
    use crate::scenario::presets;

    fn cost(documents: DocumentDb) -> (f64, Vec<String>) {
        let mut s = presets::by_id("inventory-cloud-run").unwrap().scenario();
        s.documents = documents;
        let report = engine::evaluate(&s);
        let findings = report.warnings.iter().map(|w| w.id.to_string()).collect();
        (
            report.value("database.mongodb_cost_monthly_usd").unwrap(),
            findings,
        )
    }

    fn flex(peak_ops_per_sec: f64, storage_gb: f64) -> DocumentDb {
        DocumentDb {
            enabled: true,
            peak_ops_per_sec,
            storage_gb,
            ..DocumentDb::default()
        }
    }

    #[test]
    fn flex_bills_by_operations_up_to_its_cap() {
        // MongoDB's page: $0.011 an hour at up to 100 ops/s ($8.03 in 730 hours); $0.0411 at
        // 400–500 ($30.00, the cap).
        assert!((cost(flex(100.0, 1.0)).0 - 730.0 * 0.011).abs() < 1e-9);
        assert!((cost(flex(450.0, 1.0)).0 - 30.0).abs() < 1e-9);
        // Between, the price list has no rate: the cap, the most Flex bills.
        assert!((cost(flex(250.0, 1.0)).0 - 30.0).abs() < 1e-9);
        let (_, findings) = cost(flex(450.0, 5.0));
        assert!(
            !findings
                .iter()
                .any(|f| f == "database.mongodb_flex_too_small")
        );
        for (ops, gb) in [(600.0, 1.0), (50.0, 6.0)] {
            let (_, findings) = cost(flex(ops, gb));
            assert!(
                findings
                    .iter()
                    .any(|f| f == "database.mongodb_flex_too_small"),
                "{ops} {gb}"
            );
        }
    }

    #[test]
    fn a_dedicated_tier_bills_the_hour() {
        let m30 = DocumentDb {
            tier: AtlasTier::M30,
            ..flex(2_000.0, 200.0)
        };
        // MongoDB's invoice example: M30 at $0.54 an hour.
        assert!((cost(m30).0 - 730.0 * 0.54).abs() < 1e-9);
        let typed = DocumentDb {
            tier: AtlasTier::Custom,
            custom_usd_per_hour: 0.08,
            ..flex(2_000.0, 200.0)
        };
        assert!((cost(typed).0 - 730.0 * 0.08).abs() < 1e-9);
        let untyped = DocumentDb {
            tier: AtlasTier::Custom,
            ..flex(2_000.0, 200.0)
        };
        let (usd, findings) = cost(untyped);
        assert_eq!(usd, 0.0);
        assert!(findings.iter().any(|f| f == "cost.price_not_typed"));
    }
}
