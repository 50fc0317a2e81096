//! Each customer's economics (seed 003, Part 6, "Cost per Customer"): for every customer listed
//! by name, the cost it causes, that cost as a share of its contract, its margin, what it adds
//! to the bill, and the contract that reaches the target margin.
//!
//! The cost a customer causes is read from the engine itself, not from a rule per component:
//! each line of the bill is evaluated with no listed customer's load (its base), and without
//! each customer in turn. What a line costs above its base is shared in proportion to what each
//! customer adds to it (the line with every customer less the line without that one): for a
//! line billed in proportion to a driver (requests, document operations, egress bytes) that is
//! the customer's share of the driver, and above a free tier every customer that adds to the
//! line bears its part. The bases, and the rise of a line no single customer moves (a free tier
//! that only their sum leaves), are the shared lines, split by the rule the user picks
//! ([`SharedSplit`]) among every customer the deal counts, those not listed by name included.
//! The customers' costs, with the part of those not listed, add up to the bill.

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

/// What each customer causes: the lines its load drives, shared by what it adds to them, and
/// its part of the shared lines.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shares {
    /// Each listed customer's part of the usage-driven lines, USD per month.
    pub usage: Vec<f64>,
    /// Each listed customer's part of each usage-driven line: (the line's index in the bill,
    /// USD per month), in the bill's order.
    pub parts: Vec<Vec<(usize, f64)>>,
    /// The lines shared among all the customers, USD per month.
    pub shared: f64,
    /// Each listed customer's weight in the shared lines.
    pub weights: Vec<f64>,
    /// The weight of the customers the deal counts but does not list, together; the weights
    /// sum to 1 with it.
    pub unlisted_weight: f64,
}

impl Shares {
    /// The cost listed customer `i` causes, USD per month.
    pub fn cost(&self, i: usize) -> f64 {
        self.usage[i] + self.shared * self.weights[i]
    }
}

/// The customers the deal counts and how they split the shared lines.
#[derive(Clone, Copy, Debug)]
pub struct Split<'a> {
    /// The rule.
    pub rule: SharedSplit,
    /// Each listed customer's contract per year.
    pub contracts: &'a [f64],
    /// Customers the deal counts beyond those listed, none of whose load is in the scenario.
    pub unlisted: f64,
    /// The contract per year of each of those.
    pub unlisted_contract: f64,
}

/// Shares the bill `full` among the customers: `base` is the bill with none of the listed
/// customers' load and `without[i]` the bill without listed customer `i`'s.
pub fn share(
    full: &[CostLine],
    base: &[CostLine],
    without: &[Vec<CostLine>],
    split: Split,
) -> Shares {
    let count = without.len();
    let mut usage = vec![0.0; count];
    let mut parts = vec![Vec::new(); count];
    let mut shared = 0.0;
    for (index, l) in full.iter().enumerate() {
        let floor = line(base, &l.id);
        let rise = l.monthly_usd - floor;
        let adds: Vec<f64> = (without.iter())
            .map(|w| l.monthly_usd - line(w, &l.id))
            .collect();
        let sum: f64 = adds.iter().sum();
        // Only a line the customers' load raises, each adding to it or leaving it, is shared by
        // what each adds. One their load lowers (instances busy at the active rate in place of
        // minimum instances idle at a dearer rate a user typed) is shared like a fixed line, so
        // that no customer's part is below zero.
        let rises = adds.iter().all(|a| *a >= 0.0);
        if rise > NO_RISE_USD && sum > NO_RISE_USD && rises {
            for (i, a) in adds.iter().enumerate() {
                let part = rise * a / sum;
                usage[i] += part;
                if part != 0.0 {
                    parts[i].push((index, part));
                }
            }
            shared += floor;
        } else {
            shared += l.monthly_usd;
        }
    }
    let (listed, unlisted): (Vec<f64>, f64) = match split.rule {
        SharedSplit::Evenly => (vec![1.0; count], split.unlisted),
        SharedSplit::Usage => (usage.clone(), 0.0),
        SharedSplit::Contract => (
            split.contracts.to_vec(),
            split.unlisted * split.unlisted_contract,
        ),
    };
    let total = listed.iter().sum::<f64>() + unlisted;
    let (weights, unlisted_weight) = if total > 0.0 {
        (listed.iter().map(|w| w / total).collect(), unlisted / total)
    } else {
        let all = count as f64 + split.unlisted;
        (vec![ratio(1.0, all); count], ratio(split.unlisted, all))
    };
    Shares {
        usage,
        parts,
        shared,
        weights,
        unlisted_weight,
    }
}

/// Records each listed customer's economics in the deal section. Evaluates the scenario's
/// figures once without the listed customers and once without each of them.
pub fn evaluate(s: &Scenario, out: &mut Builder) {
    let groups = &s.tenants;
    if groups.is_empty() {
        return;
    }
    let d = &s.deal;
    let full: Vec<CostLine> = out.costs().to_vec();
    let bill: f64 = full.iter().map(|l| l.monthly_usd).sum();
    let base = lines_with(s, Vec::new());
    let without: Vec<Vec<CostLine>> = (0..groups.len())
        .map(|i| {
            let mut others = groups.clone();
            others.remove(i);
            lines_with(s, others)
        })
        .collect();
    let listed = groups.len() as f64;
    let contracts: Vec<f64> = groups.iter().map(|g| g.contract_per_year_usd(d)).collect();
    let shares = share(
        &full,
        &base,
        &without,
        Split {
            rule: d.shared_split,
            contracts: &contracts,
            unlisted: (d.customers - listed).max(0.0),
            unlisted_contract: d.contract_value_per_year_usd,
        },
    );
    let rule = match d.shared_split {
        SharedSplit::Evenly => "evenly",
        SharedSplit::Usage => "by usage",
        SharedSplit::Contract => "by contract value",
    };
    // Margins are read per customer only where the deal counts every customer listed: else
    // the contracts listed are not the revenue.
    let counted = listed <= d.customers;
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
                let parts = &shares.parts[i];
                let names: Vec<&str> = parts.iter().map(|(l, _)| full[*l].label.as_ref()).collect();
                let amounts: Vec<String> = parts.iter().map(|(_, part)| usd(*part)).collect();
                let driven = match names.is_empty() {
                    true => String::new(),
                    false => format!("its part of {} + ", names.join(", ")),
                };
                let terms = match amounts.is_empty() {
                    true => String::new(),
                    false => format!("{} + ", amounts.join(" + ")),
                };
                format!(
                    "{driven}its share of the shared lines ({rule}) = {terms}{} × {}%",
                    usd(shares.shared),
                    n(100.0 * shares.weights[i])
                )
            },
        );
        let bill_without: f64 = without[i].iter().map(|l| l.monthly_usd).sum();
        let adds = bill - bill_without;
        let adds = if adds.abs() <= ROUNDING * bill {
            0.0
        } else {
            adds
        };
        if adds < 0.0 {
            out.warn(
                "deal.customer_lowers_the_bill",
                Severity::Info,
                || format!(
                    "Without {name} the bill would be {} more, most likely because its load keeps busy instances that would otherwise idle at a rate typed above the busy one: check the idle prices under Prices used.",
                    usd(-adds)
                ),
            );
        }
        out.metric(
            id("marginal_monthly_usd"),
            label("what it adds to the bill"),
            Unit::UsdPerMonth,
            adds,
            || {
                format!(
                    "bill with it − bill without it = {}",
                    super::difference(bill, bill_without, usd)
                )
            },
        );
        if !counted {
            continue;
        }
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
                || format!(
                    "{name}'s part of the bill, {} a month, is more than its contract brings in, {}.",
                    usd(cost),
                    usd(revenue)
                ),
            );
        }
    }
    if shares.unlisted_weight > 0.0 {
        out.metric(
            "deal.unlisted_cost_monthly_usd",
            "Customers not listed by name: cost per month",
            Unit::UsdPerMonth,
            shares.shared * shares.unlisted_weight,
            || {
                format!(
                    "their share of the shared lines ({rule}; none of their load is in the scenario) = {} × {}%",
                    usd(shares.shared),
                    n(100.0 * shares.unlisted_weight)
                )
            },
        );
    }
    if !counted {
        out.warn(
            "deal.customers_listed",
            Severity::Info,
            || format!(
                "{} customers are listed by name but the deal counts {}: each listed customer's cost is its part of the bill, and its margin shows once the deal counts every one listed.",
                groups.len(),
                n(d.customers)
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

    fn split(rule: SharedSplit, contracts: &[f64], unlisted: f64) -> Split<'_> {
        Split {
            rule,
            contracts,
            unlisted,
            unlisted_contract: 2.0,
        }
    }

    /// Egress billed per GB, driven by two customers sending 300 and 100 GB ($27 and $9 at
    /// $0.09), and a load balancer of $18 whatever they send: the egress is theirs by what each
    /// adds to it (75% and 25%), the load balancer is shared by the rule.
    #[test]
    fn a_usage_driven_line_is_shared_by_use_and_a_fixed_one_by_the_rule() {
        let full = lines(&[("egress", 36.0), ("lb", 18.0)]);
        let base = lines(&[("egress", 0.0), ("lb", 18.0)]);
        let without = [
            lines(&[("egress", 9.0), ("lb", 18.0)]),
            lines(&[("egress", 27.0), ("lb", 18.0)]),
        ];
        let contracts = [1.0, 3.0];
        let evenly = share(
            &full,
            &base,
            &without,
            split(SharedSplit::Evenly, &contracts, 0.0),
        );
        assert_eq!(evenly.usage, vec![27.0, 9.0]);
        assert_eq!(evenly.shared, 18.0);
        assert_eq!((evenly.cost(0), evenly.cost(1)), (36.0, 18.0));
        let by_contract = share(
            &full,
            &base,
            &without,
            split(SharedSplit::Contract, &contracts, 0.0),
        );
        assert_eq!((by_contract.cost(0), by_contract.cost(1)), (31.5, 22.5));
        let by_usage = share(
            &full,
            &base,
            &without,
            split(SharedSplit::Usage, &contracts, 0.0),
        );
        assert_eq!((by_usage.cost(0), by_usage.cost(1)), (40.5, 13.5));
    }

    #[test]
    fn a_customer_that_lowers_the_bill_is_said_to() {
        // Minimum instances idling at a rate typed far above the busy one: the inventory
        // preset's first customer keeps its service busy, and without it the bill is higher.
        let mut s = crate::scenario::presets::by_id("inventory-cloud-run")
            .unwrap()
            .scenario();
        s.prices
            .insert("gcp.run.request.idle_vcpu_second".into(), 0.4);
        let report = crate::engine::evaluate(&s);
        let adds = report
            .value("deal.customers.0.marginal_monthly_usd")
            .unwrap();
        assert!(adds < 0.0, "{adds}");
        assert!(report.value("deal.customers.0.cost_monthly_usd").unwrap() >= 0.0);
        let said = report
            .warnings
            .iter()
            .find(|w| w.id == "deal.customer_lowers_the_bill")
            .expect("the finding");
        assert!(
            said.message
                .starts_with("Without Customer 1 the bill would be $"),
            "{}",
            said.message
        );
    }

    /// A service whose minimum instance idles at a rate typed far above the busy one: customer
    /// 0's load keeps it busy and the line falls from $100 to $10. No customer's part is below
    /// zero: the line is shared like a fixed one (found at scale, where a customer's cost came
    /// out at −$16.9 trillion).
    #[test]
    fn a_line_the_customers_lower_is_shared_and_no_part_is_negative() {
        let full = lines(&[("service", 10.0), ("egress", 4.0)]);
        let base = lines(&[("service", 100.0), ("egress", 0.0)]);
        let without = [
            lines(&[("service", 100.0), ("egress", 1.0)]),
            lines(&[("service", 10.0), ("egress", 3.0)]),
        ];
        let shares = share(
            &full,
            &base,
            &without,
            split(SharedSplit::Usage, &[1.0, 1.0], 0.0),
        );
        assert_eq!(shares.usage, vec![3.0, 1.0]);
        assert_eq!(shares.shared, 10.0);
        assert_eq!((shares.cost(0), shares.cost(1)), (10.5, 3.5));
    }

    /// Logs billed above a free tier that neither customer leaves alone: together they rise to
    /// $10, and without either the line is free, so each adds $10 and they bear it in halves —
    /// not all of it the one that happens to cross the tier first.
    #[test]
    fn a_line_above_a_free_tier_is_borne_by_each_customer_that_adds_to_it() {
        let full = lines(&[("logging", 10.0)]);
        let base = lines(&[("logging", 0.0)]);
        let without = [lines(&[("logging", 0.0)]), lines(&[("logging", 0.0)])];
        let shares = share(
            &full,
            &base,
            &without,
            split(SharedSplit::Evenly, &[1.0, 1.0], 0.0),
        );
        assert_eq!(shares.usage, vec![5.0, 5.0]);
        assert_eq!(shares.shared, 0.0);
    }

    /// Two customers listed of four the deal counts: the $18 load balancer is split evenly
    /// among all four, $9 to the two not listed; by contract, the two not listed at $2 each
    /// weigh 4 against the listed 1 and 3.
    #[test]
    fn the_customers_not_listed_bear_their_part_of_the_shared_lines() {
        let full = lines(&[("lb", 18.0)]);
        let without = [full.clone(), full.clone()];
        let evenly = share(
            &full,
            &full,
            &without,
            split(SharedSplit::Evenly, &[1.0, 3.0], 2.0),
        );
        assert_eq!((evenly.cost(0), evenly.cost(1)), (4.5, 4.5));
        assert_eq!(evenly.shared * evenly.unlisted_weight, 9.0);
        let by_contract = share(
            &full,
            &full,
            &without,
            split(SharedSplit::Contract, &[1.0, 3.0], 2.0),
        );
        assert_eq!((by_contract.cost(0), by_contract.cost(1)), (2.25, 6.75));
        assert_eq!(by_contract.unlisted_weight, 0.5);
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
