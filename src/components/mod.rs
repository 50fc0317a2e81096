//! The priced components, one module each: its inputs (a section of the scenario, or a list),
//! the rules that tie them together, the provider's formulas and limits with their sources, the
//! catalog prices it reads, and one function from the load it serves to its figures, lines of
//! the bill and limits.
//!
//! A component takes part in a scenario through one line of [`crate::scenario::fields`]'s list
//! of groups: from it the form shows its section and switch, the CSV and the link carry its
//! inputs, and the engine evaluates it — while its section is on — once the load, the demand
//! and the services it serves are known ([`crate::engine::Served`]). Its figures are listed in
//! the report section named by its metric ids' prefix, and its lines of the bill under its
//! [`Category`], which colours them in the charts.
//!
//! The platforms a service runs on — [`cloud_run`], [`fargate`], [`fixed_instances`] — are
//! components of another kind: each bills the instances the service sizing finds
//! ([`crate::engine::services`]) and says which instance sizes it accepts.

pub mod aurora;
pub mod cache;
pub mod cloud_run;
pub mod commitments;
pub mod document_db;
pub mod fargate;
pub mod firestore;
pub mod fixed_costs;
pub mod fixed_instances;
pub mod llm;
pub mod messaging;
pub mod monitoring;
pub mod network;
pub mod object_storage;
pub mod postgres;
pub mod vector_db;

use crate::engine::{Builder, Served, n, ratio};
use crate::report::{Category, Severity};
use crate::units::Unit;

/// A priced component of a scenario.
pub trait Component {
    /// What its lines of the bill pay for.
    fn category(&self) -> Category;

    /// Its figures, lines of the bill and limits, given what it serves. Called only while its
    /// section is on.
    fn evaluate(&self, served: &Served, out: &mut Builder);
}

/// The services' connection pools at their maximum instances against a database's
/// max_connections, as a limit, with a finding when they can exceed it (seed 004: "Connection
/// Pool: 30 per service instance", "Max Connections: 960"). Nothing is recorded when no service
/// keeps a pool.
pub(crate) fn pools_within(
    id: &'static str,
    label: &'static str,
    pools: f64,
    max_connections: f64,
    out: &mut Builder,
) {
    if pools <= 0.0 {
        return;
    }
    let used = out.metric(
        id,
        "Connection pools as a share of max_connections",
        Unit::Percent,
        100.0 * ratio(pools, max_connections),
        || {
            format!(
                "Σ pool per instance × maximum instances of each service ÷ max_connections = {} ÷ {}",
                n(pools),
                n(max_connections)
            )
        },
    );
    out.limit(label, id);
    if used > 100.0 {
        out.warn(
            "database.pools_exceed_max_connections",
            Severity::Warning,
            || format!(
                "At their maximum instances the services' pools open {} connections but {label} is {}: new connections would be refused. Use smaller pools, fewer instances, a larger database or a connection proxy (RDS Proxy, PgBouncer).",
                n(pools),
                n(max_connections)
            ),
        );
    }
}
