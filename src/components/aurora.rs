//! Aurora Serverless v2 (seed 004, "Aurora Serverless v2 Sizing"): the cluster's inputs, the
//! capacity range AWS accepts, the monthly bill under Aurora Standard or I/O-Optimized, and the
//! connection limit that the maximum capacity fixes, against the services' pools.
//!
//! Sources: "Aurora Serverless v2, us-east-1" (prices from the AWS Price List API; capacity
//! range and the max_connections table from the Amazon Aurora User Guide,
//! aurora-serverless-v2.setting-capacity). Prices come from the catalog
//! (`aws.aurora.standard.acu_hour`, `aws.aurora.io_optimized.storage_gb_month`, …).

use super::commitments::committed;
use super::{Component, pools_within};
use crate::engine::Arg::{N, Usd};
use crate::engine::{Builder, Served, fill, finite};
use crate::format::plain;
use crate::report::Category;
use crate::scenario::LedgerStore;
use crate::scenario::fields::{Broken, Section};
use crate::scenario::inputs::{Input, choices, inputs};
use crate::units::Unit;

choices! {
    /// The Aurora storage configuration, which sets the prices and whether I/O is billed.
    pub enum AuroraConfig {
        /// Aurora Standard: lower ACU and storage prices, I/O billed per request.
        Standard = "standard" "Aurora Standard",
        /// Aurora I/O-Optimized: higher ACU and storage prices, I/O included.
        IoOptimized = "io_optimized" "Aurora I/O-Optimized",
    }
}

inputs! {
    /// An Aurora Serverless v2 (PostgreSQL-compatible) cluster.
    pub struct Aurora {
        /// Whether the scenario has one.
        pub enabled: bool = false
            => Input::switch("Aurora Serverless v2", "The scenario has an Aurora cluster", "No Aurora cluster")
                .help("An Aurora PostgreSQL-compatible cluster billed per ACU-hour.")
                .since(6),
        /// Standard or I/O-Optimized.
        pub config: AuroraConfig = AuroraConfig::Standard
            => Input::choice("Storage configuration", AuroraConfig::OPTIONS)
                .help("Standard bills I/O per request; I/O-Optimized bills none but charges more for capacity and storage.")
                .since(6),
        /// The least capacity the cluster scales down to, in ACUs.
        pub min_acu: f64 = 0.5
            => Input::number("Minimum capacity", Unit::Acu, 0.0, MAX_ACU)
                .help("The least the cluster scales down to: 0 (auto-pause) or 0.5 to 256 ACUs in steps of 0.5. It also sets max_connections.")
                .since(6)
                .in_steps(ACU_STEPS_PER_ACU),
        /// The most capacity it scales up to, in ACUs.
        pub max_acu: f64 = 16.0
            => Input::number("Maximum capacity", Unit::Acu, MIN_MAX_ACU, MAX_ACU)
                .help("The most the cluster scales up to: 1 to 256 ACUs in steps of 0.5.")
                .since(6)
                .in_steps(ACU_STEPS_PER_ACU),
        /// Capacity averaged over the month, in ACUs.
        pub avg_acu: f64 = 2.0
            => Input::number("Average capacity", Unit::Acu, 0.0, MAX_ACU)
                .help("Capacity averaged over the month; what the bill follows. Between the minimum and the maximum.")
                .since(6),
        /// Data stored at launch, in GB.
        pub storage_gb: f64 = 10.0
            => Input::number("Storage at launch", Unit::Gigabytes, 0.0, 131_072.0)
                .help("Data the cluster holds at launch (Aurora stores up to 128 TiB).")
                .since(6)
                .volume(),
        /// Data added each month, in GB.
        pub storage_growth_gb_per_month: f64 = 0.0
            => Input::number("Storage growth", Unit::GigabytesPerMonth, 0.0, 131_072.0)
                .help("Data added each month; the projection accumulates it.")
                .since(6)
                .volume(),
        /// I/O requests per month, in millions (billed on Standard only).
        pub io_millions_per_month: f64 = 0.0
            => Input::number("I/O requests", Unit::MillionsPerMonth, 0.0, 1.0e9)
                .help("Read and write I/O requests per month, in millions; billed on Aurora Standard only.")
                .since(6)
                .volume()
            => if |a: &Aurora| a.config == AuroraConfig::Standard,
    }
}

impl Section for Aurora {
    const TITLE: &'static str = "Aurora Serverless v2";
    const SWITCH: Option<&'static str> = Some("enabled");
    const ADDS: &'static str = "an Aurora database billed by ACU-hour, storage and I/O";

    fn broken(&self) -> Vec<Broken> {
        let mut broken = Vec::new();
        if let Err(message) = validate_acu_range(self.min_acu, self.max_acu) {
            broken.push(Broken::new(&["min_acu", "max_acu"], message));
        }
        if !(self.min_acu..=self.max_acu).contains(&self.avg_acu) {
            broken.push(Broken::new(
                &["avg_acu", "min_acu", "max_acu"],
                "Average capacity must lie between the minimum and the maximum.".to_string(),
            ));
        }
        broken
    }
}

impl Component for Aurora {
    fn category(&self) -> Category {
        Category::DATABASE
    }

    fn evaluate(&self, served: &Served, out: &mut Builder) {
        let a = self;
        let max_connections = out.figure(
            "database.aurora_max_connections",
            "Aurora max_connections",
            Unit::Connections,
            f64::from(max_connections(Engine::PostgreSql, a.min_acu, a.max_acu)),
            "Aurora PostgreSQL default at the maximum capacity: LEAST(memory ÷ 9,531,392 bytes, 5,000), capped at 2,000 when the minimum is 0.5 ACU or less; maximum {} ACU, minimum {} ACU",
            &[N(a.max_acu), N(a.min_acu)],
        );
        pools_within(
            "database.aurora_connections_used_pct",
            "Aurora max_connections",
            served.services.db_pool_connections_max,
            max_connections,
            out,
        );
        let config = a.config;
        let prices = Prices {
            acu_hour_usd: out.price(config.acu_hour_price_id()),
            storage_gb_month_usd: out.price(config.storage_gb_month_price_id()),
            io_per_million_usd: match config.io_per_million_price_id() {
                Some(id) => out.price(id),
                None => 0.0,
            },
        };
        // The step ledger, when the cluster keeps it, is data it stores.
        let usage = Usage {
            avg_acu: a.avg_acu,
            storage_gb: a.storage_gb + served.ledger_in(LedgerStore::Aurora),
            io_requests_per_month: a.io_millions_per_month * 1.0e6,
        };
        let hours = served.scenario.deal.hours_per_month;
        let on_demand = monthly_cost_usd(config, &usage, &prices, hours);
        let how = out.formula(on_demand, Unit::UsdPerMonth, || {
            fill(
                "average ACU × hours × ACU-hour + GB stored × GB-month + I/O millions × per million = {} × {} × {} + {} × {} + {} × {}",
                &[
                    N(a.avg_acu),
                    N(hours),
                    Usd(prices.acu_hour_usd),
                    N(usage.storage_gb),
                    Usd(prices.storage_gb_month_usd),
                    N(if config == AuroraConfig::Standard { a.io_millions_per_month } else { 0.0 }),
                    Usd(prices.io_per_million_usd),
                ],
            )
        });
        // A Database Savings Plan covers the ACU-hours, not storage or I/O.
        let (billed, how) = committed(
            out,
            (
                "database.aurora_on_demand_monthly_usd".into(),
                "database.aurora_commitment_saving_monthly_usd".into(),
            ),
            (
                "Aurora Serverless v2 on demand".into(),
                "Aurora Savings Plan saving".into(),
            ),
            on_demand,
            how,
            capacity_cost_usd(a.avg_acu, hours, prices.acu_hour_usd),
            served.scenario.commitments.aurora_discount_pct(),
        );
        let cost = out.metric(
            "database.aurora_cost_monthly_usd",
            "Aurora Serverless v2",
            Unit::UsdPerMonth,
            billed,
            || how,
        );
        out.cost(
            "database.aurora_cost_monthly_usd",
            self.category(),
            "Aurora Serverless v2",
            cost,
        );
    }
}

/// The largest capacity Aurora Serverless v2 accepts, in ACUs (recent engine versions; older
/// ones stop at 128).
pub const MAX_ACU: f64 = 256.0;

/// Capacity settings to an ACU: Aurora takes them in steps of half an ACU.
pub const ACU_STEPS_PER_ACU: u8 = 2;

/// The capacity step, in ACUs.
pub const ACU_STEP: f64 = 1.0 / ACU_STEPS_PER_ACU as f64;

/// The smallest maximum capacity AWS accepts, in ACUs: "The maximum capacity must be higher than
/// 0.5 ACUs … Use a value of 1 or higher" (Aurora User Guide, setting-capacity, "Choosing the
/// maximum capacity"). Not in the catalog.
pub const MIN_MAX_ACU: f64 = 1.0;

impl AuroraConfig {
    /// Catalog id of the ACU-hour price.
    pub fn acu_hour_price_id(self) -> &'static str {
        match self {
            AuroraConfig::Standard => "aws.aurora.standard.acu_hour",
            AuroraConfig::IoOptimized => "aws.aurora.io_optimized.acu_hour",
        }
    }

    /// Catalog id of the storage GB-month price.
    pub fn storage_gb_month_price_id(self) -> &'static str {
        match self {
            AuroraConfig::Standard => "aws.aurora.standard.storage_gb_month",
            AuroraConfig::IoOptimized => "aws.aurora.io_optimized.storage_gb_month",
        }
    }

    /// Catalog id of the I/O price per million requests; none for I/O-Optimized (included).
    pub fn io_per_million_price_id(self) -> Option<&'static str> {
        match self {
            AuroraConfig::Standard => Some("aws.aurora.standard.io_per_million"),
            AuroraConfig::IoOptimized => None,
        }
    }
}

/// The database engine, which sets the connection limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Aurora PostgreSQL.
    PostgreSql,
    /// Aurora MySQL.
    MySql,
}

/// Checks one capacity setting: 0 (auto-pause) or 0.5 to 256 ACUs in steps of 0.5
/// (the Aurora pricing page and User Guide "ACU range").
pub fn validate_acu(acu: f64) -> Result<(), String> {
    let on_step = (acu / ACU_STEP).fract() == 0.0;
    if acu == 0.0 || ((ACU_STEP..=MAX_ACU).contains(&acu) && on_step) {
        Ok(())
    } else {
        Err(format!(
            "{acu} ACU is not an Aurora Serverless v2 capacity; use 0 (auto-pause) or 0.5 to 256 ACU in steps of 0.5 (older engine versions stop at 128)."
        ))
    }
}

/// Checks a capacity range: each end valid ([`validate_acu`]), the maximum at least
/// [`MIN_MAX_ACU`], and the minimum no higher than the maximum.
pub fn validate_acu_range(min_acu: f64, max_acu: f64) -> Result<(), String> {
    validate_acu(min_acu).map_err(|e| format!("Minimum capacity: {e}"))?;
    validate_acu(max_acu).map_err(|e| format!("Maximum capacity: {e}"))?;
    if max_acu < MIN_MAX_ACU {
        return Err(format!(
            "Maximum capacity is {max_acu} ACU; Aurora needs a maximum of at least 1 ACU."
        ));
    }
    if min_acu > max_acu {
        return Err(format!(
            "Minimum capacity ({min_acu} ACU) is above the maximum ({max_acu} ACU); make the minimum at most the maximum."
        ));
    }
    Ok(())
}

/// Monthly capacity charge: average ACUs × hours per month × ACU-hour price.
///
/// `avg_acu` is the month's average capacity summed over the cluster's Serverless v2 instances
/// (writer and readers each bill their own ACUs), counting paused time as 0. A month is
/// `hours_per_month` hours. (the Aurora pricing page and User Guide, Aurora table, "ACU-hour".)
pub fn capacity_cost_usd(avg_acu: f64, hours_per_month: f64, acu_hour_usd: f64) -> f64 {
    finite(avg_acu.max(0.0) * hours_per_month.max(0.0) * acu_hour_usd)
}

/// Monthly storage charge: GB stored × GB-month price (the Aurora pricing page and User Guide, Aurora table, "storage
/// GB-month").
pub fn storage_cost_usd(storage_gb: f64, storage_gb_month_usd: f64) -> f64 {
    finite(storage_gb.max(0.0) * storage_gb_month_usd)
}

/// Monthly I/O charge: I/O requests ÷ 1M × price per million under Aurora Standard; 0 under
/// I/O-Optimized, where I/O is included (the Aurora pricing page and User Guide, Aurora table, "I/O per million requests").
pub fn io_cost_usd(
    config: AuroraConfig,
    io_requests_per_month: f64,
    io_per_million_usd: f64,
) -> f64 {
    match config {
        AuroraConfig::Standard => {
            finite(io_requests_per_month.max(0.0) / 1.0e6 * io_per_million_usd)
        }
        AuroraConfig::IoOptimized => 0.0,
    }
}

/// The prices of one storage configuration, as read from the catalog (see [`AuroraConfig`]'s
/// id helpers). `io_per_million_usd` is ignored under I/O-Optimized.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prices {
    /// USD per ACU-hour.
    pub acu_hour_usd: f64,
    /// USD per GB-month of storage.
    pub storage_gb_month_usd: f64,
    /// USD per million I/O requests.
    pub io_per_million_usd: f64,
}

/// The month's use of an Aurora Serverless v2 cluster.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Usage {
    /// Average ACUs over the month, summed over the cluster's instances.
    pub avg_acu: f64,
    /// GB stored.
    pub storage_gb: f64,
    /// I/O requests per month.
    pub io_requests_per_month: f64,
}

/// The month's bill: capacity + storage + I/O, each from its own function above.
pub fn monthly_cost_usd(
    config: AuroraConfig,
    usage: &Usage,
    prices: &Prices,
    hours_per_month: f64,
) -> f64 {
    finite(
        capacity_cost_usd(usage.avg_acu, hours_per_month, prices.acu_hour_usd)
            + storage_cost_usd(usage.storage_gb, prices.storage_gb_month_usd)
            + io_cost_usd(
                config,
                usage.io_requests_per_month,
                prices.io_per_million_usd,
            ),
    )
}

/// Default max_connections by maximum ACU (the Aurora pricing page and User Guide, from the Aurora User Guide,
/// aurora-serverless-v2.setting-capacity, "Maximum connections"): (max ACU, MySQL, PostgreSQL).
pub const MAX_CONNECTIONS_TABLE: [(f64, u32, u32); 7] = [
    (1.0, 90, 189),
    (4.0, 135, 823),
    (8.0, 1_000, 1_669),
    (16.0, 2_000, 3_360),
    (32.0, 3_000, 5_000),
    (64.0, 4_000, 5_000),
    (128.0, 5_000, 5_000),
];

/// Bytes of DBInstanceClassMemory per connection in the Aurora PostgreSQL default:
/// max_connections = LEAST(DBInstanceClassMemory / 9531392, 5000) (the Aurora pricing page and User Guide).
const POSTGRES_BYTES_PER_CONNECTION: f64 = 9_531_392.0;

/// The ceiling in that default formula.
const POSTGRES_CONNECTION_CEILING: f64 = 5_000.0;

/// The ceiling AWS applies to PostgreSQL when the minimum capacity is 0.5 ACU: "when you specify
/// a minimum capacity of 0.5 ACUs on PostgreSQL-compatible DB instances, the maximum value of
/// max_connections is capped at 2,000" (Aurora User Guide, setting-capacity, the note under the
/// max_connections table). Not in the catalog.
const POSTGRES_CEILING_AT_HALF_ACU_MIN: u32 = 2_000;

/// The documented Aurora PostgreSQL default, LEAST(DBInstanceClassMemory / 9531392, 5000), with
/// the division rounded down as the engine does (the Aurora pricing page and User Guide "PostgreSQL formula").
pub fn postgres_max_connections_for_memory(db_instance_class_memory_bytes: f64) -> u32 {
    let connections = (db_instance_class_memory_bytes / POSTGRES_BYTES_PER_CONNECTION).floor();
    connections.clamp(0.0, POSTGRES_CONNECTION_CEILING) as u32
}

/// DBInstanceClassMemory of an Aurora PostgreSQL Serverless v2 instance at `acu`, in bytes,
/// as the documented table implies it.
///
/// "≈ 2 GiB per ACU" is the memory of the capacity unit, but DBInstanceClassMemory is what is
/// left after the operating system and RDS processes take theirs: at 2 GiB per ACU the formula
/// gives 225, 901, 1,802 and 3,604 connections at 1, 4, 8 and 16 ACU, 7–19% above the table's
/// 189, 823, 1,669 and 3,360. The table itself is affine in ACU (about 211.4 connections per
/// ACU at every step from 1 to 16), so this takes the line through its 1 and 16 ACU rows, at
/// the middle of each row's rounding interval: ≈ 1.88 GiB per ACU less ≈ 200 MiB. Fed to
/// [`postgres_max_connections_for_memory`], it reproduces every PostgreSQL row of the table
/// exactly and fills the ACUs between them.
pub fn postgres_instance_class_memory_bytes(acu: f64) -> f64 {
    let (low_acu, low_connections) = (1.0, 189.5);
    let (high_acu, high_connections) = (16.0, 3_360.5);
    let per_acu = (high_connections - low_connections) / (high_acu - low_acu);
    (low_connections + (acu - low_acu) * per_acu) * POSTGRES_BYTES_PER_CONNECTION
}

/// Default max_connections of one Aurora Serverless v2 instance, fixed by the **maximum** ACU
/// (the Aurora pricing page and User Guide; Aurora User Guide, setting-capacity, "Maximum connections").
///
/// - PostgreSQL: the documented formula LEAST(DBInstanceClassMemory / 9531392, 5000) with the
///   memory the table implies ([`postgres_instance_class_memory_bytes`] explains why not
///   2 GiB per ACU); matches the table at its rows. With a minimum of 0.5 ACU AWS caps it at
///   2,000; a minimum of 0 (auto-pause) is treated the same, since the guide is silent there and
///   the lower limit is the safe one to plan against.
/// - MySQL: the table's step values, taking the row for the largest table ACU ≤ the maximum
///   (the guide's own example: 80 ACU → 4,000, the 64 ACU row). The MySQL formula adds 1,000
///   per doubling of memory, so between rows the step value is the lower bound.
///
/// A maximum below 1 ACU (which Aurora rejects, see [`validate_acu_range`]) reads as 1 ACU;
/// above 256 as 256.
pub fn max_connections(engine: Engine, min_acu: f64, max_acu: f64) -> u32 {
    let max_acu = if max_acu >= MIN_MAX_ACU {
        max_acu.min(MAX_ACU)
    } else {
        MIN_MAX_ACU
    };
    match engine {
        Engine::PostgreSql => {
            let by_memory =
                postgres_max_connections_for_memory(postgres_instance_class_memory_bytes(max_acu));
            if min_acu <= ACU_STEP {
                by_memory.min(POSTGRES_CEILING_AT_HALF_ACU_MIN)
            } else {
                by_memory
            }
        }
        Engine::MySql => MAX_CONNECTIONS_TABLE
            .iter()
            .rev()
            .find(|(acu, _, _)| *acu <= max_acu)
            .map_or(MAX_CONNECTIONS_TABLE[0].1, |(_, mysql, _)| *mysql),
    }
}

/// Checks that the application's connection pools fit the database: pool per instance ×
/// instances ≤ max_connections. The error names both numbers and what to change.
///
/// `replicas` counts every application instance (task, pod, container) that holds a pool open
/// to this database instance, at its scaled-out maximum. Equality fits but leaves no room for
/// administrative sessions.
pub fn connection_pool_fits(
    pool_per_instance: u32,
    replicas: u32,
    max_connections: u32,
) -> Result<(), String> {
    let needed = u64::from(pool_per_instance) * u64::from(replicas);
    if needed <= u64::from(max_connections) {
        return Ok(());
    }
    Err(format!(
        "{} application instances × {} connections each need {} connections, but the database allows {} (max_connections). Use a smaller pool, fewer instances, a higher maximum ACU, or a connection proxy (RDS Proxy).",
        plain(f64::from(replicas)),
        plain(f64::from(pool_per_instance)),
        plain(needed as f64),
        plain(f64::from(max_connections))
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn price(id: &str) -> f64 {
        crate::engine::catalog_price(id)
    }

    fn prices(config: AuroraConfig) -> Prices {
        Prices {
            acu_hour_usd: price(config.acu_hour_price_id()),
            storage_gb_month_usd: price(config.storage_gb_month_price_id()),
            io_per_million_usd: config.io_per_million_price_id().map_or(0.0, price),
        }
    }

    #[test]
    fn acu_settings() {
        for ok in [0.0, 0.5, 1.0, 2.5, 128.0, 255.5, 256.0] {
            assert_eq!(validate_acu(ok), Ok(()), "{ok}");
        }
        for bad in [0.25, 0.3, 1.2, 256.5, 300.0, -0.5, f64::NAN, f64::INFINITY] {
            let err = validate_acu(bad).unwrap_err();
            assert!(
                err.contains("0 (auto-pause) or 0.5 to 256 ACU in steps of 0.5"),
                "{err}"
            );
        }
    }

    #[test]
    fn acu_ranges() {
        assert_eq!(validate_acu_range(0.0, 1.0), Ok(()));
        assert_eq!(validate_acu_range(2.0, 16.0), Ok(()));
        assert_eq!(validate_acu_range(4.0, 4.0), Ok(()));
        let err = validate_acu_range(8.0, 4.0).unwrap_err();
        assert!(err.contains("8 ACU") && err.contains("4 ACU"), "{err}");
        assert!(
            validate_acu_range(0.5, 0.5)
                .unwrap_err()
                .contains("at least 1 ACU")
        );
        assert!(validate_acu_range(0.0, 0.0).is_err());
        assert!(
            validate_acu_range(0.7, 4.0)
                .unwrap_err()
                .starts_with("Minimum capacity")
        );
        assert!(
            validate_acu_range(1.0, 300.0)
                .unwrap_err()
                .starts_with("Maximum capacity")
        );
    }

    #[test]
    fn standard_and_io_optimized_worked_example() {
        // Average 4 ACU over a 730-hour month, 100 GB stored, 50 million I/O requests.
        let usage = Usage {
            avg_acu: 4.0,
            storage_gb: 100.0,
            io_requests_per_month: 50.0e6,
        };
        // Standard: 4 × 730 × 0.12 + 100 × 0.10 + 50 × 0.20 = 350.40 + 10 + 10 = 370.40
        let standard = monthly_cost_usd(
            AuroraConfig::Standard,
            &usage,
            &prices(AuroraConfig::Standard),
            730.0,
        );
        assert!((standard - 370.40).abs() < 1e-9, "{standard}");
        // I/O-Optimized: 4 × 730 × 0.16 + 100 × 0.225 + 0 = 467.20 + 22.50 = 489.70
        let optimized = monthly_cost_usd(
            AuroraConfig::IoOptimized,
            &usage,
            &prices(AuroraConfig::IoOptimized),
            730.0,
        );
        assert!((optimized - 489.70).abs() < 1e-9, "{optimized}");
        // I/O-Optimized ignores an I/O price even if one is passed.
        assert_eq!(io_cost_usd(AuroraConfig::IoOptimized, 50.0e6, 0.20), 0.0);
        // The month length is the scenario's: 720 hours.
        assert!((capacity_cost_usd(4.0, 720.0, 0.12) - 345.6).abs() < 1e-9);
    }

    #[test]
    fn postgres_reproduces_the_documented_table() {
        for (acu, _, postgres) in MAX_CONNECTIONS_TABLE {
            assert_eq!(
                max_connections(Engine::PostgreSql, 1.0, acu),
                postgres,
                "{acu} ACU"
            );
        }
        // Between rows: monotone, and capped at 5,000 from about 24 ACU.
        let mut last = 0;
        for half_acus in 2..=512 {
            let m = max_connections(Engine::PostgreSql, 1.0, f64::from(half_acus) / 2.0);
            assert!(m >= last);
            last = m;
        }
        assert_eq!(max_connections(Engine::PostgreSql, 1.0, 24.0), 5_000);
        assert_eq!(max_connections(Engine::PostgreSql, 1.0, 2.0), 400);
    }

    #[test]
    fn two_gib_per_acu_overstates_the_table() {
        // The brief's reading (DBInstanceClassMemory ≈ 2 GiB × ACU) does not reproduce the
        // table's PostgreSQL row within rounding: it is 7–19% high, which is why the table's own
        // memory is used instead.
        const GIB: f64 = 1_073_741_824.0;
        for (acu, _, postgres) in MAX_CONNECTIONS_TABLE.iter().take(4) {
            let naive = postgres_max_connections_for_memory(2.0 * GIB * acu);
            assert!(
                f64::from(naive) > 1.07 * f64::from(*postgres),
                "{acu}: {naive} vs {postgres}"
            );
        }
        assert_eq!(postgres_max_connections_for_memory(2.0 * GIB), 225);
    }

    #[test]
    fn postgres_with_a_half_acu_minimum_is_capped_at_2000() {
        assert_eq!(max_connections(Engine::PostgreSql, 0.5, 128.0), 2_000);
        assert_eq!(max_connections(Engine::PostgreSql, 0.0, 128.0), 2_000);
        assert_eq!(max_connections(Engine::PostgreSql, 0.5, 1.0), 189);
        assert_eq!(max_connections(Engine::PostgreSql, 1.0, 128.0), 5_000);
    }

    #[test]
    fn mysql_takes_the_row_at_or_below() {
        for (acu, mysql, _) in MAX_CONNECTIONS_TABLE {
            assert_eq!(max_connections(Engine::MySql, 0.5, acu), mysql, "{acu} ACU");
        }
        assert_eq!(max_connections(Engine::MySql, 0.5, 80.0), 4_000); // the guide's example
        assert_eq!(max_connections(Engine::MySql, 0.5, 7.5), 135);
        assert_eq!(max_connections(Engine::MySql, 0.5, 256.0), 5_000);
        assert_eq!(max_connections(Engine::MySql, 0.5, 0.5), 90);
    }

    #[test]
    fn seed_004_max_connections_claim() {
        // Seed 004: "Connection Pool: 30 per service instance / Max Connections: 960 (32 ACU)".
        // 960 is 30 × 32 (pool × ACU), not a documented value: with the seed's production range
        // of 4–32 ACU, Aurora PostgreSQL allows 5,000 connections and Aurora MySQL 3,000.
        assert_eq!(max_connections(Engine::PostgreSql, 4.0, 32.0), 5_000);
        assert_eq!(max_connections(Engine::MySql, 4.0, 32.0), 3_000);
        assert_ne!(max_connections(Engine::PostgreSql, 4.0, 32.0), 960);
        // Its scaled-out services: supervisor 10 + workers 100 + gateway 20 = 130 instances × 30.
        assert_eq!(connection_pool_fits(30, 130, 5_000), Ok(()));
        let err = connection_pool_fits(30, 130, 3_000).unwrap_err();
        assert!(err.contains("3,900") && err.contains("3,000"), "{err}");
        assert!(
            err.contains("130") && err.contains("30 connections each"),
            "{err}"
        );
    }

    #[test]
    fn pool_fits_at_the_limit() {
        assert_eq!(connection_pool_fits(30, 32, 960), Ok(()));
        assert!(connection_pool_fits(30, 33, 960).is_err());
        assert_eq!(connection_pool_fits(0, u32::MAX, 0), Ok(()));
        assert!(connection_pool_fits(u32::MAX, u32::MAX, u32::MAX).is_err());
    }

    #[test]
    fn extreme_inputs_stay_finite() {
        let odd = [0.0, -1.0, 1e308, -1e308, f64::MIN_POSITIVE, 0.5, f64::NAN];
        for &a in &odd {
            for &b in &odd {
                let _ = validate_acu_range(a, b);
                let _ = max_connections(Engine::PostgreSql, a, b);
                let _ = max_connections(Engine::MySql, a, b);
                if a.is_finite() && b.is_finite() {
                    let usage = Usage {
                        avg_acu: a,
                        storage_gb: b,
                        io_requests_per_month: a,
                    };
                    let prices = Prices {
                        acu_hour_usd: b,
                        storage_gb_month_usd: a,
                        io_per_million_usd: b,
                    };
                    assert!(
                        monthly_cost_usd(AuroraConfig::Standard, &usage, &prices, a).is_finite()
                    );
                }
            }
        }
    }
}
