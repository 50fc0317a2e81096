//! Monthly costs the user adds by hand (seed 003, Part 6: monitoring, support, misc), each a line
//! of the bill whatever the load.

use super::Component;
use crate::engine::{Builder, Served, usd};
use crate::report::Category;
use crate::scenario::fields::Item;
use crate::scenario::inputs::{Input, inputs};
use crate::units::Unit;

inputs! {
    /// A monthly cost the user adds by hand.
    pub struct FixedCost {
        /// What it is.
        pub name: String = String::new()
            => Input::text("Name", 40)
                .help("What the cost is for (monitoring, support, misc).")
                .since(6),
        /// What it costs, in USD per month.
        pub usd_per_month: f64 = 0.0
            => Input::number("Cost", Unit::UsdPerMonth, 0.0, 1.0e8)
                .help("What it costs per month, whatever the load.")
                .since(6),
    }
}

impl Item for FixedCost {
    const TITLE: &'static str = "Fixed monthly costs";
    const ITEM: &'static str = "Fixed cost";
    const ADDS: &'static str =
        "monthly amounts you type: support, licences, a price not in the catalog";
    const MAX_ITEMS: usize = 20;

    fn numbered(number: usize) -> Self {
        FixedCost {
            name: format!("Cost {number}"),
            ..FixedCost::default()
        }
    }
}

/// Every fixed cost of the scenario, one line of the bill each.
impl Component for Vec<FixedCost> {
    fn category(&self) -> Category {
        Category::FIXED
    }

    fn evaluate(&self, _: &Served, out: &mut Builder) {
        for (i, line) in self.iter().enumerate() {
            let name = if line.name.trim().is_empty() {
                format!("Fixed cost {}", i + 1)
            } else {
                line.name.trim().to_string()
            };
            let id = format!("fixed.{i}.cost_monthly_usd");
            let cost = out.metric(
                id.clone(),
                name.clone(),
                Unit::UsdPerMonth,
                line.usd_per_month,
                || format!("as typed = {}", usd(line.usd_per_month)),
            );
            out.cost(id, self.category(), name, cost);
        }
    }
}
