//! Databases: Aurora Serverless v2 (seed 004, "Aurora Serverless v2 Sizing"), Firestore (seed
//! 003, "Firestore Read/Write Capacity") and a PostgreSQL server at a typed price — each with
//! its monthly cost line, and the services' connection pools checked against the database's
//! max_connections.

use super::demand::Demand;
use super::services::Services;
use super::{Builder, aurora, firestore, n, ratio, usd};
use crate::report::{CostCategory, Severity};
use crate::scenario::{AuroraConfig, FirestoreLocation, Scenario};
use crate::units::{SECONDS_PER_DAY, Unit};

/// Evaluates every database the scenario has.
pub fn evaluate(s: &Scenario, demand: &Demand, services: &Services, out: &mut Builder) {
    let pools = services.db_pool_connections_max;
    if s.aurora.enabled {
        evaluate_aurora(s, pools, out);
    }
    if s.firestore.enabled {
        evaluate_firestore(s, demand, out);
    }
    if s.postgres.enabled {
        let p = &s.postgres;
        connections(
            "database.postgres_connections_used_pct",
            "PostgreSQL max_connections",
            pools,
            p.max_connections,
            out,
        );
        out.typed_cost(
            "database.postgres_cost_monthly_usd",
            CostCategory::Database,
            "PostgreSQL server",
            p.usd_per_month,
            (
                "The scenario has a PostgreSQL server",
                "its price per month",
            ),
        );
    }
}

/// The services' pools at their maximum instances against a database's max_connections, as a
/// limit with a finding when they can exceed it (seed 004: "Connection Pool: 30 per service
/// instance", "Max Connections: 960").
fn connections(id: &'static str, label: &'static str, pools: f64, max: f64, out: &mut Builder) {
    if pools <= 0.0 {
        return;
    }
    let used = out.metric(
        id,
        "Connection pools as a share of max_connections",
        Unit::Percent,
        100.0 * ratio(pools, max),
        || {
            format!(
                "Σ pool per instance × maximum instances of each service ÷ max_connections = {} ÷ {}",
                n(pools),
                n(max)
            )
        },
    );
    out.limit(label, id);
    if used > 100.0 {
        out.warn(
            "database.pools_exceed_max_connections",
            Severity::Warning,
            format!(
                "At their maximum instances the services' pools open {} connections but {label} is {}: new connections would be refused. Use smaller pools, fewer instances, a larger database or a connection proxy (RDS Proxy, PgBouncer).",
                n(pools),
                n(max)
            ),
        );
    }
}

fn evaluate_aurora(s: &Scenario, pools: f64, out: &mut Builder) {
    let a = &s.aurora;
    let max_connections = out.metric(
        "database.aurora_max_connections",
        "Aurora max_connections",
        Unit::Connections,
        f64::from(aurora::max_connections(
            aurora::Engine::PostgreSql,
            a.min_acu,
            a.max_acu,
        )),
        || {
            format!(
                "Aurora PostgreSQL default at the maximum capacity: LEAST(memory ÷ 9,531,392 bytes, 5,000), capped at 2,000 when the minimum is 0.5 ACU or less; maximum {} ACU, minimum {} ACU",
                n(a.max_acu),
                n(a.min_acu)
            )
        },
    );
    connections(
        "database.aurora_connections_used_pct",
        "Aurora max_connections",
        pools,
        max_connections,
        out,
    );
    let config = match a.config {
        AuroraConfig::Standard => aurora::StorageConfig::Standard,
        AuroraConfig::IoOptimized => aurora::StorageConfig::IoOptimized,
    };
    let prices = aurora::Prices {
        acu_hour_usd: out.price(config.acu_hour_price_id()),
        storage_gb_month_usd: out.price(config.storage_gb_month_price_id()),
        io_per_million_usd: match config.io_per_million_price_id() {
            Some(id) => out.price(id),
            None => 0.0,
        },
    };
    let usage = aurora::Usage {
        avg_acu: a.avg_acu,
        storage_gb: a.storage_gb,
        io_requests_per_month: a.io_millions_per_month * 1.0e6,
    };
    let hours = s.deal.hours_per_month;
    let cost = out.metric(
        "database.aurora_cost_monthly_usd",
        "Aurora Serverless v2",
        Unit::UsdPerMonth,
        aurora::monthly_cost_usd(config, &usage, &prices, hours),
        || {
            format!(
                "average ACU × hours × ACU-hour + GB stored × GB-month + I/O millions × per million = {} × {} × {} + {} × {} + {} × {}",
                n(a.avg_acu),
                n(hours),
                usd(prices.acu_hour_usd),
                n(a.storage_gb),
                usd(prices.storage_gb_month_usd),
                n(if config == aurora::StorageConfig::Standard { a.io_millions_per_month } else { 0.0 }),
                usd(prices.io_per_million_usd)
            )
        },
    );
    out.cost(
        "database.aurora_cost_monthly_usd",
        CostCategory::Database,
        "Aurora Serverless v2",
        cost,
    );
}

fn evaluate_firestore(s: &Scenario, demand: &Demand, out: &mut Builder) {
    let f = &s.firestore;
    let location = match f.location {
        FirestoreLocation::Regional => firestore::Location::Regional,
        FirestoreLocation::MultiRegion => firestore::Location::MultiRegion,
    };
    let reads = demand.reads_per_day;
    let writes = demand.writes_per_day;
    out.metric(
        "database.firestore_reads_per_sec",
        "Firestore reads per second, daily average",
        Unit::OpsPerSecond,
        reads / SECONDS_PER_DAY,
        || format!("reads per day ÷ 86,400 = {} ÷ 86,400", n(reads)),
    );
    out.metric(
        "database.firestore_writes_per_sec",
        "Firestore writes per second, daily average",
        Unit::OpsPerSecond,
        writes / SECONDS_PER_DAY,
        || format!("writes per day ÷ 86,400 = {} ÷ 86,400", n(writes)),
    );
    let prices = firestore::Prices {
        reads_per_100k_usd: out.price(&location.reads_price_id()),
        writes_per_100k_usd: out.price(&location.writes_price_id()),
        deletes_per_100k_usd: out.price(&location.deletes_price_id()),
        storage_gib_month_usd: out.price(&location.storage_price_id()),
    };
    let free = if f.free_tier {
        firestore::FreeTier {
            reads_per_day: out.price("gcp.firestore.free_reads_per_day"),
            writes_per_day: out.price("gcp.firestore.free_writes_per_day"),
            deletes_per_day: out.price("gcp.firestore.free_deletes_per_day"),
            storage_gib: out.price("gcp.firestore.free_storage_gib"),
        }
    } else {
        firestore::FreeTier::NONE
    };
    let ops = firestore::DailyOps {
        reads,
        writes,
        deletes: demand.deletes_per_day,
    };
    let hours = s.deal.hours_per_month;
    let cost = out.metric(
        "database.firestore_cost_monthly_usd",
        "Firestore",
        Unit::UsdPerMonth,
        firestore::monthly_cost_usd(&ops, f.storage_gib, &prices, &free, hours),
        || {
            format!(
                "days × Σ max(ops per day − free per day, 0) ÷ 100,000 × price + max(GiB − free GiB, 0) × GiB-month = {} days × (reads {} − {}, writes {} − {}, deletes {} − {}) at {} / {} / {} per 100,000 + ({} − {}) GiB × {}",
                n(hours / 24.0),
                n(reads),
                n(free.reads_per_day),
                n(writes),
                n(free.writes_per_day),
                n(demand.deletes_per_day),
                n(free.deletes_per_day),
                usd(prices.reads_per_100k_usd),
                usd(prices.writes_per_100k_usd),
                usd(prices.deletes_per_100k_usd),
                n(f.storage_gib),
                n(free.storage_gib),
                usd(prices.storage_gib_month_usd)
            )
        },
    );
    out.cost(
        "database.firestore_cost_monthly_usd",
        CostCategory::Database,
        "Firestore",
        cost,
    );
}
