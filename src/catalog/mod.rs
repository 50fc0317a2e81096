//! The price catalog: every list price and free-tier allowance the engine uses, as versioned data.
//!
//! Prices live in CSV files compiled into the program (`prices-<version>.csv` beside this module),
//! one row per price with its unit, region, as-of date and source. Code never writes a price as a
//! literal: it asks the catalog by id, and a scenario may override any price by the same id.
//!
//! Catalogs are versions, oldest first ([`SHIPPED`]). A scenario records the version it is priced
//! with, so a link keeps opening to the same figures after a newer catalog ships; new scenarios
//! take the newest ([`CURRENT_VERSION`]). Each file after the first lists only the rows that
//! changed or were added since the version before it: a version is its file over the one before.
//!
//! ```
//! let catalog = headroom::catalog::Catalog::current();
//! let vcpu = catalog.get("gcp.run.request.vcpu_second").unwrap();
//! assert_eq!(vcpu.value, Some(0.000024));
//! assert_eq!(vcpu.as_of, "2025-08-19");
//! ```

use std::sync::OnceLock;

/// Every catalog this build ships, oldest first: (version, the rows that changed or were added
/// since the version before).
pub const SHIPPED: &[(&str, &str)] = &[
    ("2026-11", include_str!("prices-2026-11.csv")),
    ("2026-12", include_str!("prices-2026-12.csv")),
];

/// The newest catalog this build ships: what new scenarios are priced with.
pub const CURRENT_VERSION: &str = SHIPPED[SHIPPED.len() - 1].0;

/// A catalog that only the tests know, one version after the newest shipped: Cloud Run's
/// request-based vCPU at $0.000030 a second and a new price, so that a scenario can be priced
/// with two catalogs.
#[cfg(test)]
pub const TEST_CATALOG: (&str, &str) = (
    "2099-01",
    "id,label,value,unit,region,as_of,source\n\
     gcp.run.request.vcpu_second,Cloud Run request-based: vCPU-second,0.00003,USD per vCPU-second,us-central1 (tier 1),2099-01-01,a catalog for the tests\n\
     test.only,A price only the test catalog has,1,USD,nowhere,2099-01-01,a catalog for the tests\n",
);

/// Every catalog known to this build, oldest first.
fn known() -> impl Iterator<Item = (&'static str, &'static str)> {
    let shipped = SHIPPED.iter().copied();
    #[cfg(test)]
    let shipped = shipped.chain([TEST_CATALOG]);
    shipped
}

/// One list price (or free allowance) with everything needed to trace it.
#[derive(Clone, Debug, PartialEq)]
pub struct Price {
    /// Stable id, e.g. `gcp.run.request.vcpu_second` or `llm.gpt-4o.input`.
    pub id: String,
    /// What the price is for, in words.
    pub label: String,
    /// The price itself, in `unit`; `None` for a price the price list does not confirm (a
    /// region's rate not yet read from its page): the user types it, and until then the report
    /// says it is missing.
    pub value: Option<f64>,
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
    /// The rows of `prices` by id: an open-addressing hash table ([`slot_of`]), four times as many
    /// slots as prices or more, each a row or [`EMPTY`]. A price is found with one hash and,
    /// nearly always, one comparison of ids (an evaluation looks up dozens, and a Monte Carlo
    /// run evaluates thousands of times).
    by_id: Vec<u32>,
}

/// A slot of [`Catalog::by_id`] that holds no row.
const EMPTY: u32 = u32::MAX;

/// The first slot to look in for `id` in a table of `slots` slots (a power of two): its length
/// and its first and last eight bytes (where ids that share a prefix differ), each rotated in and
/// multiplied (the "Fx" hash of Firefox and rustc), the top bits taken, as a multiplicative
/// hash's best are there (Knuth, *The Art of Computer Programming* vol. 3, §6.4). Ids alike in
/// all three share a first slot and are told apart by the probing.
fn slot_of(id: &str, slots: usize) -> usize {
    let bytes = id.as_bytes();
    let word = |part: &[u8]| part.iter().fold(0u64, |w, b| w << 8 | u64::from(*b));
    let (first, last) = match bytes.len() {
        0..8 => (word(bytes), 0),
        n => (word(&bytes[..8]), word(&bytes[n - 8..])),
    };
    let hash = [bytes.len() as u64, first, last]
        .iter()
        .fold(0u64, |hash, w| {
            (hash.rotate_left(5) ^ w).wrapping_mul(0x517C_C1B7_2722_0A95)
        });
    (hash >> (64 - slots.trailing_zeros())) as usize
}

impl Catalog {
    /// The newest catalog this build ships.
    pub fn current() -> &'static Catalog {
        Catalog::by_version(CURRENT_VERSION).unwrap_or_else(|| &Catalog::all()[0])
    }

    /// The catalog with this version, if this build has it.
    pub fn by_version(version: &str) -> Option<&'static Catalog> {
        Catalog::all().iter().find(|c| c.version == version)
    }

    /// Every catalog this build has, oldest first, each read once.
    fn all() -> &'static [Catalog] {
        static ALL: OnceLock<Vec<Catalog>> = OnceLock::new();
        ALL.get_or_init(|| {
            let mut all: Vec<Catalog> = Vec::new();
            for (version, csv_text) in known() {
                let before = all.last().map(|c| c.prices.clone()).unwrap_or_default();
                all.push(Catalog::over(version, before, csv_text));
            }
            all
        })
    }

    /// The versions of every catalog this build ships, oldest first.
    pub fn versions() -> Vec<&'static str> {
        SHIPPED.iter().map(|(version, _)| *version).collect()
    }

    /// Whether this is the newest catalog this build ships.
    pub fn is_newest(&self) -> bool {
        self.version == CURRENT_VERSION
    }

    /// The catalog `version`: the prices of the version before, with the rows of its CSV in
    /// place of theirs and after them.
    fn over(version: &'static str, before: Vec<Price>, csv_text: &str) -> Catalog {
        let mut prices = before;
        for price in Catalog::rows(csv_text) {
            match prices.iter_mut().find(|p| p.id == price.id) {
                Some(old) => *old = price,
                None => prices.push(price),
            }
        }
        let slots = (4 * prices.len()).next_power_of_two().max(2);
        let mut by_id = vec![EMPTY; slots];
        for (row, price) in prices.iter().enumerate() {
            let mut at = slot_of(&price.id, slots);
            while by_id[at] != EMPTY {
                at = (at + 1) & (slots - 1);
            }
            by_id[at] = row as u32;
        }
        Catalog {
            version,
            prices,
            by_id,
        }
    }

    /// The rows of a compiled-in CSV, whose columns are `id,label,value,unit,region,as_of,source`;
    /// an empty value is a price the user types. The file is part of the build and checked by
    /// the tests, so a malformed row is a build defect, not a user error: it is skipped rather
    /// than shown.
    fn rows(csv_text: &str) -> Vec<Price> {
        crate::records::read(csv_text)
            .into_iter()
            .skip(1)
            .filter_map(|row| {
                let cell = |i: usize| row.get(i).cloned();
                Some(Price {
                    id: cell(0)?,
                    label: cell(1)?,
                    value: match row.get(2)?.as_str() {
                        "" => None,
                        value => Some(value.parse().ok()?),
                    },
                    unit: cell(3)?,
                    region: cell(4)?,
                    as_of: cell(5)?,
                    source: cell(6)?,
                })
            })
            .collect()
    }

    /// Every price, in file order.
    pub fn prices(&self) -> &[Price] {
        &self.prices
    }

    /// The row of the price with this id: its place in [`Catalog::prices`], which a version
    /// never changes (a later version replaces a row in place or adds rows after).
    pub fn row_of(&self, id: &str) -> Option<usize> {
        let slots = self.by_id.len();
        let mut at = slot_of(id, slots);
        // Linear probing: an id lies between its own slot and the next empty one.
        loop {
            match self.by_id[at] {
                EMPTY => return None,
                row if self.prices[row as usize].id == id => return Some(row as usize),
                _ => at = (at + 1) & (slots - 1),
            }
        }
    }

    /// The price with this id.
    pub fn get(&self, id: &str) -> Option<&Price> {
        self.row_of(id).map(|row| &self.prices[row])
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
    fn every_row_of_every_shipped_file_parses() {
        for (_, csv_text) in SHIPPED {
            let rows = csv_text.lines().skip(1).filter(|l| !l.is_empty()).count();
            assert_eq!(Catalog::rows(csv_text).len(), rows);
        }
        let first = SHIPPED[0]
            .1
            .lines()
            .skip(1)
            .filter(|l| !l.is_empty())
            .count();
        assert!(Catalog::current().prices().len() >= first);
    }

    #[test]
    fn a_later_catalog_is_its_rows_over_the_one_before() {
        let old = Catalog::current();
        let test = Catalog::by_version(TEST_CATALOG.0).unwrap();
        let id = "gcp.run.request.vcpu_second";
        assert_eq!(old.get(id).unwrap().value, Some(0.000024));
        assert_eq!(test.get(id).unwrap().value, Some(0.00003));
        assert_eq!(test.get(id).unwrap().as_of, "2099-01-01");
        // Every other price carries over; a new one is added.
        assert_eq!(test.prices().len(), old.prices().len() + 1);
        assert_eq!(test.get("llm.gpt-4o.input"), old.get("llm.gpt-4o.input"));
        assert!(old.get("test.only").is_none() && test.get("test.only").is_some());
        // The test catalog is never what a new scenario is priced with.
        assert!(Catalog::current().is_newest());
        assert!(!test.is_newest());
        assert_eq!(Catalog::versions(), ["2026-11", "2026-12"]);
        // A version adds to the one before without changing it.
        let first = Catalog::by_version("2026-11").unwrap();
        for price in first.prices() {
            assert_eq!(old.get(&price.id), Some(price), "{}", price.id);
        }
    }

    #[test]
    fn every_price_is_traceable_and_non_negative() {
        for p in Catalog::current().prices() {
            assert!(
                p.value.is_none_or(|v| v.is_finite() && v >= 0.0),
                "{}",
                p.id
            );
            assert!(!p.unit.is_empty() && !p.region.is_empty(), "{}", p.id);
            let dated = p.as_of.len() == 7 || p.as_of.len() == 10; // YYYY-MM or YYYY-MM-DD
            assert!(dated && p.as_of.starts_with("20"), "{}", p.id);
            assert!(p.source.len() > 10, "{}", p.id);
        }
    }

    /// Every price of every version is found at its own row by its id, and an id no price has
    /// (one a character short or long of a real one, the empty id) is not found.
    #[test]
    fn every_price_is_found_by_its_id() {
        for catalog in Catalog::all() {
            for (row, price) in catalog.prices().iter().enumerate() {
                assert_eq!(catalog.row_of(&price.id), Some(row), "{}", price.id);
                let short = &price.id[..price.id.len() - 1];
                assert!(catalog.get(short).is_none_or(|p| p.id == short));
                assert_eq!(catalog.row_of(&format!("{}x", price.id)), None);
            }
            assert_eq!(catalog.row_of(""), None);
            // The hash spreads the ids: a price is found in its own slot or one of the next,
            // nearly always.
            let slots = catalog.by_id.len();
            let looked: usize = (catalog.prices().iter())
                .map(|p| {
                    let home = slot_of(&p.id, slots);
                    let at = (catalog.by_id.iter())
                        .position(|row| *row != EMPTY && catalog.prices[*row as usize].id == p.id)
                        .unwrap();
                    (at + slots - home) % slots + 1
                })
                .sum();
            let mean = looked as f64 / catalog.prices().len() as f64;
            assert!(mean < 1.5, "{} slots looked at per price", mean);
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
