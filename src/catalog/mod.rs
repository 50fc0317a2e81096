//! The price catalog: every list price and free-tier allowance the engine uses, as versioned data.
//!
//! Prices live in a CSV file compiled into the program (`prices-<version>.csv` beside this module),
//! one row per price with its unit, region, as-of date and source. Code never writes a price as a
//! literal: it asks the catalog by id, and a scenario may override any price by the same id.
//!
//! ```
//! let catalog = headroom::catalog::Catalog::current();
//! let vcpu = catalog.get("gcp.run.request.vcpu_second").unwrap();
//! assert_eq!(vcpu.value, 0.000024);
//! assert_eq!(vcpu.as_of, "2025-08-19");
//! ```

use std::sync::OnceLock;

/// The version of the catalog this build ships. A scenario records the version it was priced with.
pub const CURRENT_VERSION: &str = "2026-11";

const CURRENT_CSV: &str = include_str!("prices-2026-11.csv");

/// One list price (or free allowance) with everything needed to trace it.
#[derive(Clone, Debug, PartialEq)]
pub struct Price {
    /// Stable id, e.g. `gcp.run.request.vcpu_second` or `llm.gpt-4o.input`.
    pub id: String,
    /// What the price is for, in words.
    pub label: String,
    /// The price itself, in `unit`.
    pub value: f64,
    /// What `value` counts, e.g. "USD per vCPU-second".
    pub unit: String,
    /// Region or market the price applies to.
    pub region: String,
    /// When the source showed this price: `YYYY-MM-DD`, or `YYYY-MM` where only the month of
    /// reading is known.
    pub as_of: String,
    /// Where the price was read.
    pub source: String,
}

/// A versioned set of prices.
#[derive(Debug)]
pub struct Catalog {
    /// The catalog version, e.g. `2026-11`.
    pub version: &'static str,
    prices: Vec<Price>,
}

impl Catalog {
    /// The catalog this build ships.
    pub fn current() -> &'static Catalog {
        static CURRENT: OnceLock<Catalog> = OnceLock::new();
        CURRENT.get_or_init(|| Catalog::parse(CURRENT_VERSION, CURRENT_CSV))
    }

    /// The shipped catalog with this version, if this build has it.
    pub fn by_version(version: &str) -> Option<&'static Catalog> {
        (version == CURRENT_VERSION).then(Catalog::current)
    }

    /// Parses the compiled-in CSV, whose columns are `id,label,value,unit,region,as_of,source`.
    /// The file is part of the build and checked by the tests, so a malformed row is a build
    /// defect, not a user error: it is skipped rather than shown.
    fn parse(version: &'static str, csv_text: &str) -> Catalog {
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let prices = reader
            .records()
            .filter_map(Result::ok)
            .filter_map(|row| {
                let cell = |i: usize| row.get(i).map(str::to_string);
                Some(Price {
                    id: cell(0)?,
                    label: cell(1)?,
                    value: row.get(2)?.parse().ok()?,
                    unit: cell(3)?,
                    region: cell(4)?,
                    as_of: cell(5)?,
                    source: cell(6)?,
                })
            })
            .collect();
        Catalog { version, prices }
    }

    /// Every price, in file order.
    pub fn prices(&self) -> &[Price] {
        &self.prices
    }

    /// The price with this id.
    pub fn get(&self, id: &str) -> Option<&Price> {
        self.prices.iter().find(|p| p.id == id)
    }

    /// The versions of every catalog this build ships, oldest first.
    pub fn versions() -> Vec<&'static str> {
        vec![CURRENT_VERSION]
    }

    /// The LLM models the catalog prices (those with an input price), in file order, as
    /// (model id, label), e.g. `("gpt-4o", "gpt-4o")`.
    pub fn llm_models(&'static self) -> Vec<(&'static str, &'static str)> {
        self.prices
            .iter()
            .filter_map(|p| {
                let model = p.id.strip_prefix("llm.")?.strip_suffix(".input")?;
                let label = p.label.strip_suffix(": input tokens").unwrap_or(&p.label);
                Some((model, label))
            })
            .collect()
    }

    /// The cache node types the catalog prices per node-hour, in file order, as (price id,
    /// label).
    pub fn cache_nodes(&'static self) -> Vec<(&'static str, &'static str)> {
        self.prices
            .iter()
            .filter(|p| p.id.starts_with("aws.elasticache."))
            .map(|p| (p.id.as_str(), p.label.as_str()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_shipped_file_parses() {
        let rows = CURRENT_CSV
            .lines()
            .skip(1)
            .filter(|l| !l.is_empty())
            .count();
        assert_eq!(Catalog::current().prices().len(), rows);
    }

    #[test]
    fn every_price_is_traceable_and_non_negative() {
        for p in Catalog::current().prices() {
            assert!(p.value.is_finite() && p.value >= 0.0, "{}", p.id);
            assert!(!p.unit.is_empty() && !p.region.is_empty(), "{}", p.id);
            let dated = p.as_of.len() == 7 || p.as_of.len() == 10; // YYYY-MM or YYYY-MM-DD
            assert!(dated && p.as_of.starts_with("20"), "{}", p.id);
            assert!(p.source.len() > 10, "{}", p.id);
        }
    }

    #[test]
    fn ids_are_unique() {
        let prices = Catalog::current().prices();
        let mut ids: Vec<_> = prices.iter().map(|p| &p.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), prices.len());
    }

    #[test]
    fn every_model_has_all_three_token_prices() {
        let catalog = Catalog::current();
        let models = catalog.llm_models();
        assert_eq!(models.len(), 14);
        for (id, _) in models {
            for kind in ["input", "cached_input", "output"] {
                assert!(catalog.get(&format!("llm.{id}.{kind}")).is_some(), "{id}");
            }
        }
    }
}
