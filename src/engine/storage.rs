//! Storage: what the step ledger grows by each day and holds under retention (seed 000,
//! lines 74–76). Sizes are decimal: 1 KB = 1,000 bytes, 1 GB = 10⁹ bytes, as the document's
//! "60,000 × 6 KB = 360 MB" implies.

use super::Builder;
use super::load::Load;
use crate::engine::Arg::N;
use crate::report::Severity;
use crate::scenario::{LedgerStore, Scenario};
use crate::units::{BYTES_PER_GB, BYTES_PER_KB, Unit};

/// Ledger growth per day: steps per day × bytes per step (line 75).
pub fn gb_per_day(steps_per_day: f64, kb_per_step: f64) -> f64 {
    steps_per_day * kb_per_step * BYTES_PER_KB / BYTES_PER_GB
}

/// Data held in steady state under a retention window: daily growth × days kept (line 76).
/// Rows older than the window are deleted as fast as new ones arrive.
pub fn retained_gb(gb_per_day: f64, retention_days: f64) -> f64 {
    gb_per_day * retention_days
}

/// Evaluates the storage section; returns what the ledger grows by per day, in GB.
pub fn evaluate(s: &Scenario, load: &Load, out: &mut Builder) -> f64 {
    let st = &s.storage;
    let kb_per_step = st.metadata_kb_per_step + st.context_kb_per_step;
    let per_day = out.figure(
        "storage.gb_per_day",
        "Ledger growth per day",
        Unit::GigabytesPerDay,
        gb_per_day(load.steps_per_day, kb_per_step),
        "steps per day × (metadata + context KB per step) ÷ 1,000,000 KB/GB = {} × ({} + {}) ÷ 1,000,000",
        &[N(load.steps_per_day), N(st.metadata_kb_per_step), N(st.context_kb_per_step)],
    );
    out.figure(
        "storage.retained_gb",
        "Ledger size under retention",
        Unit::Gigabytes,
        retained_gb(per_day, st.retention_days),
        "growth per day × retention days = {} GB × {}",
        &[N(per_day), N(st.retention_days)],
    );
    per_day
}

/// Notes a ledger whose store is not in the scenario (switched off, or not priced), so that its
/// storage missing from the bill is never mistaken for free.
pub fn check_store(s: &Scenario, out: &mut Builder) {
    let (on, name) = match s.storage.kept_in {
        LedgerStore::NotPriced => {
            out.warn(
                "storage.not_priced",
                Severity::Info,
                || "The step ledger's storage is not in the bill: choose what keeps it (Storage, “Kept in”).".to_string(),
            );
            return;
        }
        LedgerStore::Aurora => (s.aurora.enabled, "the Aurora cluster"),
        LedgerStore::Firestore => (s.firestore.enabled, "Firestore"),
        LedgerStore::Postgres => (s.postgres.enabled, "the PostgreSQL server"),
        LedgerStore::Mongodb => (s.documents.enabled, "MongoDB Atlas"),
        LedgerStore::ObjectStorage => (
            s.object_storage.kind != crate::scenario::ObjectStore::None,
            "object storage",
        ),
    };
    if !on {
        out.warn(
            "storage.store_off",
            Severity::Warning,
            || format!("The step ledger is kept in {name}, which the scenario does not have: its storage is not in the bill. Turn {name} on, or choose another store."),
        );
    }
}
