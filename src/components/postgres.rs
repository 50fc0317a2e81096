//! A PostgreSQL server at a price the user types (a self-managed server or a managed instance
//! whose price Headroom has no list for), with the services' connection pools checked against
//! its `max_connections`.

use super::{Component, pools_within};
use crate::engine::Arg::{N, Usd};
use crate::engine::{Builder, Served};
use crate::report::Category;
use crate::scenario::LedgerStore;
use crate::scenario::fields::Section;
use crate::scenario::inputs::{Input, inputs};
use crate::units::Unit;

inputs! {
    /// A PostgreSQL server (self-managed or a managed instance) at a price the user types.
    pub struct Postgres {
        /// Whether the scenario has one.
        pub enabled: bool = false
            => Input::switch("PostgreSQL server", "The scenario has a PostgreSQL server", "No PostgreSQL server")
                .help("A PostgreSQL server at a fixed monthly price (self-managed, or a managed instance).")
                .since(6),
        /// Its price, in USD per month.
        pub usd_per_month: f64 = 0.0
            => Input::number("Price", Unit::UsdPerMonth, 0.0, 1.0e7)
                .help("What the server costs per month. Headroom has no list price for it: type your provider's.")
                .since(6),
        /// Its `max_connections` setting.
        pub max_connections: f64 = 100.0
            => Input::whole("max_connections", Unit::Connections, 1.0, 1.0e6)
                .help("The server's max_connections setting (PostgreSQL's default is 100); the services' pools are checked against it.")
                .since(6),
        /// Storage for the step ledger it keeps, in USD per GB-month.
        pub usd_per_gb_month: f64 = 0.0
            => Input::number("Storage price", Unit::Usd, 0.0, 1_000.0)
                .help("Per GB-month, for the step ledger it keeps (Storage, “Kept in”); 0 if the price above includes the disk."),
    }
}

impl Section for Postgres {
    const TITLE: &'static str = "PostgreSQL server";
    const SWITCH: Option<&'static str> = Some("enabled");
    const ADDS: &'static str =
        "a PostgreSQL server at a monthly price you type, with its connection limit";
}

impl Component for Postgres {
    fn category(&self) -> Category {
        Category::DATABASE
    }

    fn evaluate(&self, served: &Served, out: &mut Builder) {
        pools_within(
            "database.postgres_connections_used_pct",
            "PostgreSQL max_connections",
            served.services.db_pool_connections_max,
            self.max_connections,
            out,
        );
        let ledger = served.ledger_in(LedgerStore::Postgres);
        if ledger > 0.0 {
            let price = self.usd_per_gb_month;
            let cost = out.figure(
                "database.postgres_storage_monthly_usd",
                "PostgreSQL storage for the step ledger",
                Unit::UsdPerMonth,
                ledger * price,
                "ledger GB × price per GB-month, as typed = {} × {}",
                &[N(ledger), Usd(price)],
            );
            // A price of 0 is a disk the server's price includes: no line of its own.
            if cost > 0.0 {
                out.cost(
                    "database.postgres_storage_monthly_usd",
                    self.category(),
                    "PostgreSQL storage",
                    cost,
                );
            }
        }
        out.typed_cost(
            "database.postgres_cost_monthly_usd",
            self.category(),
            "PostgreSQL server",
            self.usd_per_month,
            ("The PostgreSQL server", "its price per month"),
        );
    }
}
