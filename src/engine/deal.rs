//! The monthly bill and the deal: total cost, cost per run, per customer, as a share of the
//! contract, and the gross margin (the unit economics of seed 003, Part 6, applied here).

use super::load::Load;
use super::{Builder, n, ratio, usd};
use crate::engine::Arg::{N, Usd};
use crate::report::{Category, Severity, Text};
use crate::scenario::Scenario;
use crate::units::{MONTHS_PER_YEAR, Unit};

/// Gross margin: (revenue − cost of serving it) ÷ revenue, in percent. Negative when the
/// platform costs more than the contract brings in.
pub fn gross_margin_pct(revenue: f64, cost: f64) -> f64 {
    100.0 * ratio(revenue - cost, revenue)
}

/// What the customers pay per year when `listed` holds the contract of each customer listed by
/// name: each of them its own, every other customer `contract` (the deal's value). Fewer
/// customers than are listed (a projection that shrinks below them) pay the listed customers'
/// average each, so that revenue falls with the count and never below nothing.
pub fn contracts_per_year_usd(customers: f64, contract: f64, listed: &[f64]) -> f64 {
    let count = listed.len() as f64;
    let sum: f64 = listed.iter().sum();
    if customers >= count {
        (customers - count) * contract + sum
    } else {
        customers * ratio(sum, count)
    }
}

/// The price that leaves `margin_pct` of it as gross margin over `cost`: from margin = (price −
/// cost) ÷ price, price = cost ÷ (1 − margin). At a 0% margin it is the break-even price.
pub fn price_for_margin(cost: f64, margin_pct: f64) -> f64 {
    ratio(cost, 1.0 - margin_pct / 100.0)
}

/// A bill above this, in USD per month, is beyond any single deployment: a billion dollars a
/// month is more than the whole cloud bill of the largest companies that publish one, so a
/// scenario that reaches it almost always holds a misplaced digit.
pub const BEYOND_ANY_DEPLOYMENT_USD_PER_MONTH: f64 = 1.0e9;

/// The month's totals the projection follows.
#[derive(Clone, Copy, Debug, Default)]
pub struct Totals {
    /// The bill, USD per month.
    pub cost_monthly_usd: f64,
    /// Contract revenue, USD per month.
    pub revenue_monthly_usd: f64,
    /// Gross margin, percent.
    pub gross_margin_pct: f64,
}

/// The units a cost is split [`by_category`] over, as the figures' ids name them.
const PER: [&str; 2] = ["per_run", "per_user"];

/// The id `cost.<per>.<category>` of a cost per unit in one category, `per` an index of
/// [`PER`]: made once for every unit and category, so that a sample allocates none.
fn per_category_id(per: usize, category: Category) -> Text {
    static IDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let ids = IDS.get_or_init(|| {
        (PER.iter())
            .flat_map(|per| {
                (Category::ALL.iter()).map(move |c| &*format!("cost.{per}.{}", c.key).leak())
            })
            .collect()
    });
    Text::Borrowed(ids[per * Category::ALL.len() + category.rank()])
}

/// A cost per unit split by what it pays for (seed 001 §3: "cost per run = f(compute, egress,
/// storage)"): each category's lines of the bill ÷ the units in the month, as
/// `cost.<per>.<category>` ([`per_category_id`]). Nothing is split when the bill has one
/// category or none.
fn by_category(
    out: &mut Builder,
    per: usize,
    label: &str,
    unit: Unit,
    units: f64,
    units_name: &str,
) {
    let categories: Vec<(Category, f64)> = Category::ALL
        .iter()
        .filter(|c| out.costs().iter().any(|line| line.category == **c))
        .map(|c| (*c, crate::report::category_total(out.costs(), *c)))
        .collect();
    if categories.len() < 2 {
        return;
    }
    for (category, monthly_usd) in categories {
        // Its label is read only where the report explains itself.
        let label = match out.explains() {
            true => Text::Owned(format!("{label}: {}", category.title)),
            false => Text::Borrowed(category.title),
        };
        out.metric(
            per_category_id(per, category),
            label,
            unit,
            ratio(monthly_usd, units),
            || {
                format!(
                    "{} per month ÷ {units_name} = {} ÷ {}",
                    category.title,
                    usd(monthly_usd),
                    n(units)
                )
            },
        );
    }
}

/// Evaluates the cost and deal sections. The total is the sum of every line of the bill the
/// families recorded.
pub fn evaluate(s: &Scenario, load: &Load, out: &mut Builder) -> Totals {
    let d = &s.deal;
    let lines: f64 = out.costs().iter().map(|c| c.monthly_usd).sum();
    let formula = out.formula(lines, Unit::UsdPerMonth, || {
        let costs = out.costs();
        if costs.is_empty() {
            "no line of the bill: nothing is priced".to_string()
        } else {
            let names: Vec<&str> = costs.iter().map(|c| c.label.as_ref()).collect();
            let amounts: Vec<String> = costs
                .iter()
                .map(|c| super::usd_term(c.monthly_usd))
                .collect();
            format!("{} = {}", names.join(" + "), amounts.join(" + "))
        }
    });
    let total = out.metric(
        "cost.total_monthly_usd",
        "Total per month",
        Unit::UsdPerMonth,
        lines,
        || formula,
    );
    if total > BEYOND_ANY_DEPLOYMENT_USD_PER_MONTH {
        let largest = out
            .costs()
            .iter()
            .max_by(|a, b| a.monthly_usd.total_cmp(&b.monthly_usd))
            .map(|c| {
                format!(
                    " The largest line is {} at {}.",
                    c.label,
                    usd(c.monthly_usd)
                )
            })
            .unwrap_or_default();
        out.warn(
            "cost.beyond_any_deployment",
            Severity::Warning,
            || format!(
                "At {} a month this scenario costs more than any real deployment: check the inputs for a misplaced digit.{largest}",
                usd(total)
            ),
        );
    }
    if s.workload.enabled {
        let runs_per_month = load.runs_per_day * s.days_per_month();
        out.metric(
            "cost.per_run_usd",
            "Cost per run",
            Unit::Usd,
            ratio(total, runs_per_month),
            || {
                format!(
                    "total per month ÷ (runs per day × days per month) = {} ÷ ({} × {})",
                    usd(total),
                    n(load.runs_per_day),
                    super::n(s.days_per_month())
                )
            },
        );
        by_category(
            out,
            0,
            "Cost per run",
            Unit::Usd,
            runs_per_month,
            "runs per month",
        );
    }
    if s.users.enabled
        && let Some(monthly_users) = out.value("demand.monthly_active_users")
        && monthly_users > 0.0
    {
        out.figure(
            "cost.per_user_monthly_usd",
            "Cost per monthly active user",
            Unit::UsdPerMonth,
            ratio(total, monthly_users),
            "total per month ÷ monthly active users = {} ÷ {}",
            &[Usd(total), N(monthly_users)],
        );
        by_category(
            out,
            1,
            "Cost per monthly active user",
            Unit::UsdPerMonth,
            monthly_users,
            "monthly active users",
        );
    }
    let per_customer = out.figure(
        "deal.cost_per_customer_monthly_usd",
        "Cost per customer per month",
        Unit::UsdPerMonth,
        ratio(total, d.customers),
        "total per month ÷ customers = {} ÷ {}",
        &[Usd(total), N(d.customers)],
    );
    // With any customer on a contract of its own, every customer listed is counted at its
    // contract (its own, or the deal's).
    let own = s.has_own_contracts();
    let revenue = if !own {
        out.figure(
            "deal.revenue_monthly_usd",
            "Contract revenue per month",
            Unit::UsdPerMonth,
            d.customers * d.contract_value_per_year_usd / MONTHS_PER_YEAR,
            "customers × contract value per year ÷ 12 = {} × {} ÷ 12",
            &[N(d.customers), Usd(d.contract_value_per_year_usd)],
        )
    } else {
        let listed: Vec<f64> = (s.tenants.iter())
            .map(|t| t.contract_per_year_usd(d))
            .collect();
        let others = d.customers - listed.len() as f64;
        out.metric(
            "deal.revenue_monthly_usd",
            "Contract revenue per month",
            Unit::UsdPerMonth,
            contracts_per_year_usd(d.customers, d.contract_value_per_year_usd, &listed)
                / MONTHS_PER_YEAR,
            || {
                let terms: Vec<String> = listed.iter().map(|v| usd(*v)).collect();
                if others >= 0.0 {
                    format!(
                        "(customers not listed × contract value per year + each listed customer's contract) ÷ 12 = ({} × {} + {}) ÷ 12",
                        n(others),
                        usd(d.contract_value_per_year_usd),
                        terms.join(" + ")
                    )
                } else {
                    format!(
                        "customers × the listed customers' average contract ÷ 12 = {} × ({}) ÷ {} ÷ 12",
                        n(d.customers),
                        terms.join(" + "),
                        listed.len()
                    )
                }
            },
        )
    };
    if !own {
        out.figure(
            "deal.cost_pct_of_contract",
            "Cost as a share of contract value",
            Unit::Percent,
            100.0
                * ratio(
                    per_customer * MONTHS_PER_YEAR,
                    d.contract_value_per_year_usd,
                ),
            "cost per customer per month × 12 ÷ contract value per year = {} × 12 ÷ {}",
            &[Usd(per_customer), Usd(d.contract_value_per_year_usd)],
        );
    } else {
        // Customers on contracts of their own: the bill against what they all pay, so that
        // the share and the gross margin add up to 100%.
        out.figure(
            "deal.cost_pct_of_contract",
            "Cost as a share of the contracts",
            Unit::Percent,
            100.0 * ratio(total, revenue),
            "total per month ÷ contract revenue per month = {} ÷ {}",
            &[Usd(total), Usd(revenue)],
        );
    }
    out.figure(
        "deal.break_even_contract_per_year_usd",
        "Break-even contract value per customer",
        Unit::UsdPerYear,
        per_customer * MONTHS_PER_YEAR,
        "cost per customer per month × 12 = {} × 12",
        &[Usd(per_customer)],
    );
    let target = d.target_margin_pct;
    out.figure(
        "deal.contract_for_target_per_year_usd",
        "Contract per customer for the target margin",
        Unit::UsdPerYear,
        price_for_margin(per_customer * MONTHS_PER_YEAR, target),
        "cost per customer per month × 12 ÷ (1 − target margin) = {} × 12 ÷ (1 − {}%)",
        &[Usd(per_customer), N(target)],
    );
    for (unit_cost, id, label, unit, what) in [
        (
            "cost.per_run_usd",
            "deal.price_per_run_for_target_usd",
            "Price per run for the target margin",
            Unit::Usd,
            "cost per run ÷ (1 − target margin) = {} ÷ (1 − {}%)",
        ),
        (
            "cost.per_user_monthly_usd",
            "deal.price_per_user_for_target_usd",
            "Price per monthly active user for the target margin",
            Unit::UsdPerMonth,
            "cost per monthly active user ÷ (1 − target margin) = {} ÷ (1 − {}%)",
        ),
    ] {
        if let Some(cost) = out.value(unit_cost) {
            out.figure(
                id,
                label,
                unit,
                price_for_margin(cost, target),
                what,
                &[Usd(cost), N(target)],
            );
        }
    }
    let margin = out.metric(
        "deal.gross_margin_pct",
        "Gross margin",
        Unit::Percent,
        gross_margin_pct(revenue, total),
        || {
            format!(
                "(revenue − cost) ÷ revenue = ({}) ÷ {}",
                super::difference(revenue, total, usd),
                usd(revenue)
            )
        },
    );
    if margin < 0.0 {
        out.warn(
            "deal.negative_margin",
            Severity::Warning,
            || format!(
                "The platform costs {} a month but the contracts bring in {}: every month loses {}.",
                usd(total),
                usd(revenue),
                usd(total - revenue)
            ),
        );
    }
    Totals {
        cost_monthly_usd: total,
        revenue_monthly_usd: revenue,
        gross_margin_pct: margin,
    }
}

#[cfg(test)]
mod split {
    use crate::engine;
    use crate::scenario::presets;

    #[test]
    fn a_unit_cost_splits_into_categories_that_add_up_to_it() {
        for preset in presets::all() {
            let report = engine::evaluate(&preset.scenario());
            for (per, total) in [
                ("per_run", "cost.per_run_usd"),
                ("per_user", "cost.per_user_monthly_usd"),
            ] {
                let Some(total) = report.value(total) else {
                    continue;
                };
                let prefix = format!("cost.{per}.");
                let parts: Vec<f64> = report
                    .metrics
                    .iter()
                    .filter(|m| m.id.starts_with(&prefix))
                    .map(|m| m.value)
                    .collect();
                assert!(parts.len() >= 2, "{} {per}", preset.id);
                let sum: f64 = parts.iter().sum();
                assert!(
                    (sum - total).abs() <= 1e-12 * total.max(1.0),
                    "{} {per}",
                    preset.id
                );
            }
        }
    }
}

#[cfg(test)]
mod target {
    use super::price_for_margin;

    /// A cost of $30 at a 70% margin sells for $100: (100 − 30) ÷ 100 = 70%. At 0% the price is
    /// the cost (break-even).
    #[test]
    fn the_price_for_a_margin_leaves_that_margin() {
        assert!((price_for_margin(30.0, 70.0) - 100.0).abs() < 1e-12);
        assert_eq!(price_for_margin(30.0, 0.0), 30.0);
        let price = price_for_margin(1_234.5, 42.0);
        assert!((super::gross_margin_pct(price, 1_234.5) - 42.0).abs() < 1e-9);
    }

    /// Seed 003's three contracts ($50,000, $40,000, $35,000) among 5 customers, the other two
    /// at the deal's $30,000; and among 1 customer, their average.
    #[test]
    fn listed_contracts_and_the_rest_at_the_deals_value() {
        use super::contracts_per_year_usd as paid;
        let own = [50_000.0, 40_000.0, 35_000.0];
        assert_eq!(paid(5.0, 30_000.0, &own), 185_000.0);
        assert_eq!(paid(3.0, 30_000.0, &own), 125_000.0);
        assert!((paid(1.0, 30_000.0, &own) - 125_000.0 / 3.0).abs() < 1e-9);
        assert_eq!(paid(4.0, 30_000.0, &[]), 120_000.0);
    }
}
