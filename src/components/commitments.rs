//! Commitments: a discount for committing to a year or three of use, where the provider offers
//! one — Cloud Run's committed use discounts (17% on request-based services; the Compute
//! flexible CUD's 28% for one year or 46% for three on instance-based ones), AWS Compute
//! Savings Plans on Fargate and Database Savings Plans on Aurora Serverless v2 (their rates are
//! not in the price list: typed), and Memorystore's CUDs (20% or 40%). Sources:
//! cloud.google.com/run/cud, cloud.google.com/memorystore/docs/valkey/cuds, and the savings-plan
//! notes in the price list.
//!
//! A committed line shows its on-demand figure and the saving beside it, and bills the
//! difference ([`committed`]); Spot tasks, storage and I/O are not covered.

use crate::engine::Arg::{N, Usd};
use crate::engine::Builder;
use crate::report::Text;
use crate::scenario::fields::Section;
use crate::scenario::inputs::{Input, choices, inputs};
use crate::units::Unit;

choices! {
    /// Cloud Run's committed use discount.
    pub enum CloudRunCommitment {
        /// None.
        None = "none" "None",
        /// The Cloud Run CUD: 17% on every service.
        Cud = "cud" "Cloud Run CUD: 17%",
        /// The Compute flexible CUD for a year: 28% instance-based, 17% request-based.
        Flexible1y = "flex_1y" "Flexible CUD, 1 year: 28% (17% request-based)",
        /// The Compute flexible CUD for three years: 46% instance-based, 17% request-based.
        Flexible3y = "flex_3y" "Flexible CUD, 3 years: 46% (17% request-based)",
    }
}

choices! {
    /// Memorystore's committed use discount.
    pub enum MemorystoreCommitment {
        /// None.
        None = "none" "None",
        /// A year: 20%.
        OneYear = "1y" "1 year: 20%",
        /// Three years: 40%.
        ThreeYears = "3y" "3 years: 40%",
    }
}

inputs! {
    /// Discounts for committed use.
    pub struct Commitments {
        /// Whether the scenario commits to use for a discount.
        pub enabled: bool = false
            => Input::switch("Commitments", "Committed use at a discount", "On-demand prices")
                .help("Discounts for committing to one or three years of use, where the provider offers one."),
        /// Cloud Run.
        pub cloud_run: CloudRunCommitment = CloudRunCommitment::None
            => Input::choice("Cloud Run", CloudRunCommitment::OPTIONS)
                .help("A spend commitment for one or three years on Cloud Run (CPU, memory, requests)."),
        /// Fargate: the Compute Savings Plan's discount, in percent.
        pub fargate_pct: f64 = 0.0
            => Input::number("Fargate Savings Plan", Unit::Percent, 0.0, 90.0)
                .help("Your Compute Savings Plan's discount on Fargate (AWS says up to 50%); not on Spot."),
        /// Aurora Serverless v2: the Database Savings Plan's discount, in percent.
        pub aurora_pct: f64 = 0.0
            => Input::number("Aurora Savings Plan", Unit::Percent, 0.0, 90.0)
                .help("Your Database Savings Plan's discount on ACU-hours (AWS says up to 35%)."),
        /// Memorystore.
        pub memorystore: MemorystoreCommitment = MemorystoreCommitment::None
            => Input::choice("Memorystore", MemorystoreCommitment::OPTIONS)
                .help("A one- or three-year committed use discount on Memorystore."),
    }
}

impl Section for Commitments {
    const TITLE: &'static str = "Commitments";
    const SWITCH: Option<&'static str> = Some("enabled");
    const ADDS: &'static str = "discounts for committing to one or three years of use";
}

impl Commitments {
    /// The catalog price of Cloud Run's discount for a service, by its billing.
    pub fn cloud_run_price_id(&self, instance_based: bool) -> Option<&'static str> {
        if !self.enabled {
            return None;
        }
        match (self.cloud_run, instance_based) {
            (CloudRunCommitment::None, _) => None,
            (CloudRunCommitment::Flexible1y, true) => Some("gcp.compute.flex_cud.1y_pct"),
            (CloudRunCommitment::Flexible3y, true) => Some("gcp.compute.flex_cud.3y_pct"),
            _ => Some("gcp.run.cud.request_pct"),
        }
    }

    /// The catalog price of Memorystore's discount.
    pub fn memorystore_price_id(&self) -> Option<&'static str> {
        if !self.enabled {
            return None;
        }
        match self.memorystore {
            MemorystoreCommitment::None => None,
            MemorystoreCommitment::OneYear => Some("gcp.memorystore.cud.1y_pct"),
            MemorystoreCommitment::ThreeYears => Some("gcp.memorystore.cud.3y_pct"),
        }
    }
}

impl Commitments {
    /// The Savings Plan's discount on Fargate, in percent (0 without commitments).
    pub fn fargate_discount_pct(&self) -> f64 {
        if self.enabled { self.fargate_pct } else { 0.0 }
    }

    /// The Savings Plan's discount on Aurora Serverless v2, in percent (0 without commitments).
    pub fn aurora_discount_pct(&self) -> f64 {
        if self.enabled { self.aurora_pct } else { 0.0 }
    }
}

/// A line under a commitment: records its on-demand figure (`on_demand`, with the formula
/// `how`) and the saving (`pct` of the part the commitment covers, `covered`), and returns what
/// is billed, with its formula. Without a discount, the line is as it was.
#[allow(clippy::too_many_arguments)]
pub fn committed(
    out: &mut Builder,
    ids: (Text, Text),
    labels: (Text, Text),
    on_demand: f64,
    how: String,
    covered: f64,
    pct: f64,
) -> (f64, String) {
    // A discount is 0 to 100%: the validation keeps it so, and this keeps a line from going
    // below nothing whatever a scenario holds.
    let pct = pct.min(100.0);
    if pct.is_nan() || pct <= 0.0 {
        return (on_demand, how);
    }
    let on_demand = out.metric(ids.0, labels.0, Unit::UsdPerMonth, on_demand, || how);
    let saving = covered * pct / 100.0;
    let saving = out.metric(ids.1, labels.1, Unit::UsdPerMonth, saving, || {
        crate::engine::fill(
            "covered on-demand × discount = {} × {}%",
            &[Usd(covered), N(pct)],
        )
    });
    let billed = on_demand - saving;
    let how = out.formula(billed, Unit::UsdPerMonth, || {
        crate::engine::fill(
            "on demand − commitment saving = {} − {}",
            &[Usd(on_demand), Usd(saving)],
        )
    });
    (billed, how)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;
    use crate::scenario::{Billing, presets};

    fn value(report: &crate::report::Report, id: &str) -> f64 {
        report.value(id).unwrap_or_else(|| panic!("no {id}"))
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9 * b.abs().max(1.0), "{a} ≠ {b}");
    }

    #[test]
    fn cloud_run_and_memorystore_at_their_listed_discounts() {
        let mut s = presets::by_id("inventory-cloud-run").unwrap().scenario();
        let before = engine::evaluate(&s);
        let service = value(&before, "services.0.cost_monthly_usd");
        let cache = value(&before, "cache.cost_monthly_usd");
        // The request-based service under the Compute flexible CUD: 17%, not 28%.
        s.commitments.enabled = true;
        s.commitments.cloud_run = CloudRunCommitment::Flexible1y;
        s.commitments.memorystore = MemorystoreCommitment::ThreeYears;
        let after = engine::evaluate(&s);
        close(value(&after, "services.0.on_demand_monthly_usd"), service);
        close(
            value(&after, "services.0.commitment_saving_monthly_usd"),
            service * 0.17,
        );
        close(value(&after, "services.0.cost_monthly_usd"), service * 0.83);
        close(value(&after, "cache.cost_monthly_usd"), cache * 0.60);
        close(
            value(&after, "cache.commitment_saving_monthly_usd"),
            35.77 * 0.40,
        );
        // Instance-based: 28% for a year, 46% for three.
        s.services[0].billing = Billing::Instance;
        let on_demand = value(&engine::evaluate(&s), "services.0.on_demand_monthly_usd");
        close(
            value(&engine::evaluate(&s), "services.0.cost_monthly_usd"),
            on_demand * 0.72,
        );
        s.commitments.cloud_run = CloudRunCommitment::Flexible3y;
        close(
            value(&engine::evaluate(&s), "services.0.cost_monthly_usd"),
            on_demand * 0.54,
        );
        // The bill's total is the committed lines.
        let report = engine::evaluate(&s);
        let lines: f64 = report.costs.iter().map(|c| c.monthly_usd).sum();
        close(value(&report, "cost.total_monthly_usd"), lines);
    }

    #[test]
    fn savings_plans_cover_on_demand_fargate_and_aurora_capacity_only() {
        let mut s = presets::by_id("agent-swarm-ecs").unwrap().scenario();
        let before = engine::evaluate(&s);
        s.commitments.fargate_pct = 30.0;
        s.commitments.aurora_pct = 20.0;
        // A discount above 100% is refused where it is typed.
        let mut over = s.clone();
        over.commitments.enabled = true;
        assert!(
            over.set_price_override("gcp.run.cud.request_pct", "101")
                .is_err()
        );
        assert!(
            over.set_price_override("gcp.run.cud.request_pct", "25")
                .is_ok()
        );
        // Typed, but not committed yet: nothing changes.
        assert_eq!(engine::evaluate(&s), before);
        s.commitments.enabled = true;
        let after = engine::evaluate(&s);
        // The supervisor runs on demand: 30% off. The workers are all on Spot: nothing.
        let supervisor = value(&before, "services.0.cost_monthly_usd");
        close(
            value(&after, "services.0.cost_monthly_usd"),
            supervisor * 0.70,
        );
        close(
            value(&after, "services.1.cost_monthly_usd"),
            value(&before, "services.1.cost_monthly_usd"),
        );
        assert_eq!(
            after.value("services.1.commitment_saving_monthly_usd"),
            Some(0.0)
        );
        // Aurora: 20% of the ACU-hours (4 ACU × 730 h × $0.12), not of the storage.
        let acu = 4.0 * 730.0 * 0.12;
        close(
            value(&after, "database.aurora_commitment_saving_monthly_usd"),
            acu * 0.20,
        );
        close(
            value(&after, "database.aurora_cost_monthly_usd"),
            value(&before, "database.aurora_cost_monthly_usd") - acu * 0.20,
        );
    }
}
