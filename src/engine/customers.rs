//! Each customer's economics (seed 003, Part 6, "Cost per Customer"): for every customer listed
//! by name, the cost it causes, that cost as a share of its contract, its margin, what it adds
//! to the bill, and the contract that reaches the target margin.
//!
//! The cost a customer causes is read from the engine itself, not from a rule per component:
//! each line of the bill is evaluated with no listed customer's load (its base) and with each
//! customer's load alone. What a line costs above its base with every customer is shared in
//! proportion to what it costs above its base with each one alone — for a line billed in
//! proportion to a driver (requests, document operations, egress bytes) that is the customer's
//! share of that driver. The bases, and the rise of a line no single customer moves (a free
//! tier that only their sum leaves), are the shared lines, split by the rule the user picks
//! ([`SharedSplit`]). The customers' costs add up to the bill.

use super::deal::{gross_margin_pct, price_for_margin};
use super::{Builder, n, ratio, usd};
use crate::report::{CostLine, Severity};
use crate::scenario::{Scenario, SharedSplit, TenantGroup};
use crate::units::{MONTHS_PER_YEAR, Unit};

/// A line's rise above its base this small, in USD per month, is no rise: what a sum of
/// floating-point lines leaves behind.
const NO_RISE_USD: f64 = 1e-9;

/// Two bills this close, relative to the larger, are the same bill: the busy-instance sums that
/// make one are good to about 1e-9 relative ([`super::queueing`]), so a customer that changes
/// less than that changes nothing.
const ROUNDING: f64 = 1e-9;

/// The bill of `s` with `tenants` as its listed customers, line by line.
fn lines_with(s: &Scenario, tenants: Vec<TenantGroup>) -> Vec<CostLine> {
    let variant = Scenario {
        tenants,
        ..s.clone()
    };
    super::evaluate_figures(&variant).0.costs
}

/// The monthly amount of the line `id` in `lines`, 0 when it has none.
fn line(lines: &[CostLine], id: &str) -> f64 {
    lines
        .iter()
        .filter(|l| l.id == id)
        .map(|l| l.monthly_usd)
        .sum()
}

/// What each customer causes: the lines its load drives, shared by use, and its part of the
/// shared lines.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shares {
    /// Each customer's part of the usage-driven lines, USD per month.
    pub usage: Vec<f64>,
    /// The lines shared among all, USD per month.
    pub shared: f64,
    /// Each customer's weight in the shared lines, summing to 1.
    pub weights: Vec<f64>,
}

impl Shares {
    /// The cost customer `i` causes, USD per month.
    pub fn cost(&self, i: usize) -> f64 {
        self.usage[i] + self.shared * self.weights[i]
    }
}

/// Shares the bill `full` among the customers: `base` is the bill with none of their load and
/// `alone[i]` the bill with customer `i`'s alone; the shared lines split by `split` over the
/// customers' `contracts`.
pub fn share(
    full: &[CostLine],
    base: &[CostLine],
    alone: &[Vec<CostLine>],
    split: SharedSplit,
    contracts: &[f64],
) -> Shares {
    let count = alone.len();
    let mut usage = vec![0.0; count];
    let mut shared = 0.0;
    for l in full {
        let floor = line(base, &l.id);
        let rise = l.monthly_usd - floor;
        let each: Vec<f64> = alone.iter().map(|a| line(a, &l.id) - floor).collect();
        let sum: f64 = each.iter().sum();
        let one_way = each.iter().all(|e| e * sum >= 0.0);
        if rise.abs() > NO_RISE_USD && sum.abs() > NO_RISE_USD && one_way {
            for (u, e) in usage.iter_mut().zip(&each) {
                *u += rise * e / sum;
            }
            shared += floor;
        } else {
            shared += l.monthly_usd;
        }
    }
    let by = |amounts: &[f64]| -> Option<Vec<f64>> {
        let total: f64 = amounts.iter().sum();
        (total > 0.0).then(|| amounts.iter().map(|a| a / total).collect())
    };
    let weights = match split {
        SharedSplit::Evenly => None,
        SharedSplit::Usage => by(&usage),
        SharedSplit::Contract => by(contracts),
    }
    .unwrap_or_else(|| vec![ratio(1.0, count as f64); count]);
    Shares {
        usage,
        shared,
        weights,
    }
}

/// Records each listed customer's economics in the deal section. Evaluates the scenario's
/// figures once without the listed customers and twice per customer (alone, and without it).
pub fn evaluate(s: &Scenario, out: &mut Builder) {
    let groups = &s.tenants;
    if groups.is_empty() {
        return;
    }
    let d = &s.deal;
    let full: Vec<CostLine> = out.costs().to_vec();
    let bill: f64 = full.iter().map(|l| l.monthly_usd).sum();
    let base = lines_with(s, Vec::new());
    let alone: Vec<Vec<CostLine>> = groups
        .iter()
        .map(|g| lines_with(s, vec![g.clone()]))
        .collect();
    let contracts: Vec<f64> = groups.iter().map(|g| g.contract_per_year_usd(d)).collect();
    let shares = share(&full, &base, &alone, d.shared_split, &contracts);
    let rule = match d.shared_split {
        SharedSplit::Evenly => "evenly",
        SharedSplit::Usage => "by usage",
        SharedSplit::Contract => "by contract value",
    };
    let target = d.target_margin_pct;
    for (i, group) in groups.iter().enumerate() {
        let name = match group.name.trim() {
            "" => format!("Customer {}", i + 1),
            name => name.to_string(),
        };
        let id = |key: &str| format!("deal.customers.{i}.{key}");
        let label = |what: &str| format!("{name}: {what}");
        let cost = out.metric(
            id("cost_monthly_usd"),
            label("cost per month"),
            Unit::UsdPerMonth,
            shares.cost(i),
            || {
                format!(
                    "its share of the lines its load drives + its share of the shared lines ({rule}) = {} + {} × {}%",
                    usd(shares.usage[i]),
                    usd(shares.shared),
                    n(100.0 * shares.weights[i])
                )
            },
        );
        let without: Vec<TenantGroup> = (groups.iter().enumerate())
            .filter(|(j, _)| *j != i)
            .map(|(_, g)| g.clone())
            .collect();
        let bill_without: f64 = lines_with(s, without).iter().map(|l| l.monthly_usd).sum();
        let adds = bill - bill_without;
        out.metric(
            id("marginal_monthly_usd"),
            label("what it adds to the bill"),
            Unit::UsdPerMonth,
            if adds.abs() <= ROUNDING * bill {
                0.0
            } else {
                adds
            },
            || {
                format!(
                    "bill with it − bill without it = {}",
                    super::difference(bill, bill_without, usd)
                )
            },
        );
        let contract = contracts[i];
        out.metric(
            id("cost_pct_of_contract"),
            label("cost as a share of its contract"),
            Unit::Percent,
            100.0 * ratio(cost * MONTHS_PER_YEAR, contract),
            || {
                format!(
                    "cost per month × 12 ÷ contract per year = {} × 12 ÷ {}",
                    usd(cost),
                    usd(contract)
                )
            },
        );
        let revenue = contract / MONTHS_PER_YEAR;
        let margin = out.metric(
            id("gross_margin_pct"),
            label("gross margin"),
            Unit::Percent,
            gross_margin_pct(revenue, cost),
            || {
                format!(
                    "(contract per year ÷ 12 − cost per month) ÷ (contract per year ÷ 12) = ({} ÷ 12 − {}) ÷ ({} ÷ 12)",
                    usd(contract),
                    usd(cost),
                    usd(contract)
                )
            },
        );
        out.metric(
            id("contract_for_target_per_year_usd"),
            label("contract for the target margin"),
            Unit::UsdPerYear,
            price_for_margin(cost * MONTHS_PER_YEAR, target),
            || {
                format!(
                    "cost per month × 12 ÷ (1 − target margin) = {} × 12 ÷ (1 − {}%)",
                    usd(cost),
                    n(target)
                )
            },
        );
        if margin < 0.0 {
            out.warn(
                "deal.customer_negative_margin",
                Severity::Warning,
                format!(
                    "{name}'s part of the bill, {} a month, is more than its contract brings in, {}.",
                    usd(cost),
                    usd(revenue)
                ),
            );
        }
    }
    if groups.len() as f64 != d.customers {
        out.warn(
            "deal.customers_listed",
            Severity::Info,
            format!(
                "The deal counts {} customers and {} are listed by name: each listed customer's cost is its part of the whole bill, shared among the {} listed.",
                n(d.customers),
                groups.len(),
                groups.len()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Category;

    fn lines(amounts: &[(&'static str, f64)]) -> Vec<CostLine> {
        (amounts.iter())
            .map(|(id, usd)| CostLine {
                id: (*id).into(),
                category: Category::ALL[0],
                label: (*id).into(),
                monthly_usd: *usd,
                share_pct: 0.0,
            })
            .collect()
    }

    /// Egress billed per GB, driven by two customers sending 300 and 100 GB, and a load
    /// balancer of $18 an hour whatever they send: the egress is theirs by what they send
    /// (75% and 25%), the load balancer is shared by the rule.
    #[test]
    fn a_usage_driven_line_is_shared_by_use_and_a_fixed_one_by_the_rule() {
        let full = lines(&[("egress", 36.0), ("lb", 18.0)]);
        let base = lines(&[("egress", 0.0), ("lb", 18.0)]);
        let alone = [
            lines(&[("egress", 27.0), ("lb", 18.0)]),
            lines(&[("egress", 9.0), ("lb", 18.0)]),
        ];
        let evenly = share(&full, &base, &alone, SharedSplit::Evenly, &[1.0, 3.0]);
        assert_eq!(evenly.usage, vec![27.0, 9.0]);
        assert_eq!(evenly.shared, 18.0);
        assert_eq!((evenly.cost(0), evenly.cost(1)), (36.0, 18.0));
        let by_contract = share(&full, &base, &alone, SharedSplit::Contract, &[1.0, 3.0]);
        assert_eq!((by_contract.cost(0), by_contract.cost(1)), (31.5, 22.5));
        let by_usage = share(&full, &base, &alone, SharedSplit::Usage, &[1.0, 3.0]);
        assert_eq!((by_usage.cost(0), by_usage.cost(1)), (40.5, 13.5));
    }

    /// A free tier that neither customer leaves alone but both together do: the line rises
    /// with no one customer to pin it on, so it is shared by the rule.
    #[test]
    fn a_rise_that_only_the_sum_causes_is_shared() {
        let full = lines(&[("logging", 10.0)]);
        let base = lines(&[("logging", 0.0)]);
        let alone = [lines(&[("logging", 0.0)]), lines(&[("logging", 0.0)])];
        let shares = share(&full, &base, &alone, SharedSplit::Evenly, &[1.0, 1.0]);
        assert_eq!((shares.cost(0), shares.cost(1)), (5.0, 5.0));
    }

    #[test]
    fn the_customers_costs_add_up_to_the_bill_and_a_margin_is_read_per_customer() {
        let mut s = crate::scenario::presets::by_id("inventory-cloud-run")
            .unwrap()
            .scenario();
        for split in [
            SharedSplit::Evenly,
            SharedSplit::Usage,
            SharedSplit::Contract,
        ] {
            s.deal.shared_split = split;
            let report = crate::engine::evaluate(&s);
            let bill = report.value("cost.total_monthly_usd").unwrap();
            let costs: Vec<f64> = (0..3)
                .map(|i| {
                    report
                        .value(&format!("deal.customers.{i}.cost_monthly_usd"))
                        .unwrap()
                })
                .collect();
            let sum: f64 = costs.iter().sum();
            assert!(
                (sum - bill).abs() < 1e-9 * bill,
                "{split:?}: {sum} ≠ {bill}"
            );
            // The busiest customer causes the most.
            assert!(costs[0] > costs[1] && costs[1] > costs[2], "{costs:?}");
            // Customer 1's margin on its own $50,000.
            let margin = report.value("deal.customers.0.gross_margin_pct").unwrap();
            let by_hand = 100.0 * (50_000.0 / 12.0 - costs[0]) / (50_000.0 / 12.0);
            assert!((margin - by_hand).abs() < 1e-9, "{margin} vs {by_hand}");
        }
    }

    /// What a customer adds is the bill with it less the bill without it: removing customer 3
    /// by hand gives the same figure.
    #[test]
    fn what_a_customer_adds_is_the_bill_with_it_less_the_bill_without() {
        let s = crate::scenario::presets::by_id("inventory-cloud-run")
            .unwrap()
            .scenario();
        let report = crate::engine::evaluate(&s);
        let mut without = s.clone();
        without.tenants.pop();
        let bill = |s: &Scenario| {
            crate::engine::evaluate(s)
                .value("cost.total_monthly_usd")
                .unwrap()
        };
        let adds = report
            .value("deal.customers.2.marginal_monthly_usd")
            .unwrap();
        assert_eq!(adds, bill(&s) - bill(&without));
        assert!(adds > 0.0 && adds < report.value("deal.customers.2.cost_monthly_usd").unwrap());
    }
}
