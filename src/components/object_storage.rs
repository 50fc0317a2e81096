//! Object storage: Amazon S3 Standard or Google Cloud Storage Standard, for logs, artifacts,
//! snapshots and, where it keeps it, the step ledger. Billed for the data stored each month and
//! for the requests that write and read it.
//!
//! Sources: S3 us-east-1 as the AWS Price List API gives Infracost's golden bill
//! (`s3_bucket_test.golden`: $0.023 a GB-month for the first 50 TB, $0.005 per 1,000 PUT and
//! $0.0004 per 1,000 GET); Cloud Storage us-central1 from the Cloud Billing Catalog ($0.020 a
//! GiB-month) and Google's pricing examples (Class A $0.005, Class B $0.0004 per 1,000). S3's
//! prices beyond 50 TB are not confirmed: the first tier's price errs high there.

use super::Component;
use super::network::gib_from_gb;
use crate::engine::Arg::N;
use crate::engine::{Builder, Served, n, usd};
use crate::report::{Category, Severity};
use crate::scenario::LedgerStore;
use crate::scenario::fields::Section;
use crate::scenario::inputs::{Input, choices, inputs};
use crate::units::Unit;

choices! {
    /// Whose object storage.
    pub enum ObjectStore {
        /// None in the scenario.
        None = "none" "None",
        /// Amazon S3 Standard.
        S3 = "s3" "Amazon S3 Standard",
        /// Google Cloud Storage Standard.
        Gcs = "gcs" "Cloud Storage Standard (Google)",
    }
}

fn stored(o: &ObjectStorage) -> bool {
    o.kind != ObjectStore::None
}

inputs! {
    /// Buckets of objects.
    pub struct ObjectStorage {
        /// S3, Cloud Storage or none.
        pub kind: ObjectStore = ObjectStore::None
            => Input::choice("Object storage", ObjectStore::OPTIONS)
                .help("Buckets for logs, artifacts and snapshots, billed by GB-month and request."),
        /// Data stored at launch, in GB.
        pub stored_gb: f64 = 0.0
            => Input::number("Data stored", Unit::Gigabytes, 0.0, 1.0e9)
                .help("What the buckets hold at launch.")
                .volume()
            => if stored,
        /// What the data grows by each month, in GB.
        pub growth_gb_per_month: f64 = 0.0
            => Input::number("Growth", Unit::GigabytesPerMonth, 0.0, 1.0e8)
                .help("Data added each month, net of deletions; it grows in the projection.")
                .volume()
            => if stored,
        /// Objects written per request or run.
        pub writes_per_request: f64 = 0.0
            => Input::number("Writes per request", Unit::Ratio, 0.0, 1.0e4)
                .help("PUT (Class A) requests per request or run, e.g. 1 for an artifact a run.")
            => if stored,
        /// Objects read per request or run.
        pub reads_per_request: f64 = 0.0
            => Input::number("Reads per request", Unit::Ratio, 0.0, 1.0e4)
                .help("GET (Class B) requests per request or run.")
            => if stored,
    }
}

impl Section for ObjectStorage {
    const TITLE: &'static str = "Object storage";
}

/// A month's object storage: GB × GB-month, plus writes and reads per 1,000.
pub fn monthly_cost_usd(gb: f64, writes: f64, reads: f64, prices: [f64; 3]) -> f64 {
    gb * prices[0] + writes / 1_000.0 * prices[1] + reads / 1_000.0 * prices[2]
}

impl Component for ObjectStorage {
    fn category(&self) -> Category {
        Category::STORAGE
    }

    fn evaluate(&self, served: &Served, out: &mut Builder) {
        let o = self;
        let (prefix, name) = match o.kind {
            ObjectStore::None => return,
            ObjectStore::S3 => ("aws.s3.standard", "Amazon S3"),
            ObjectStore::Gcs => ("gcp.gcs.standard", "Cloud Storage"),
        };
        let ledger = served.ledger_in(LedgerStore::ObjectStorage);
        let gb = out.figure(
            "storage.objects_gb",
            "Object storage held",
            Unit::Gigabytes,
            o.stored_gb + ledger,
            "data + step ledger = {} + {}",
            &[N(o.stored_gb), N(ledger)],
        );
        let requests = served.requests_and_runs_per_month();
        let (billed, per_gb) = match o.kind {
            ObjectStore::Gcs => (gib_from_gb(gb), out.price("gcp.gcs.standard.gib_month")),
            _ => {
                let first = out.price("aws.s3.standard.first_tier_gb");
                if gb > first {
                    out.warn(
                        "storage.objects_beyond_first_tier",
                        Severity::Info,
                        || format!("S3 is billed at its first tier's price for all {} GB; the price list has no confirmed price beyond {} GB, which AWS bills lower: the line errs high.", n(gb), n(first)),
                    );
                }
                (gb, out.price("aws.s3.standard.gb_month"))
            }
        };
        let prices = [
            per_gb,
            out.price(&format!("{prefix}.writes_per_1000")),
            out.price(&format!("{prefix}.reads_per_1000")),
        ];
        let writes = requests * o.writes_per_request;
        let reads = requests * o.reads_per_request;
        let unit = if o.kind == ObjectStore::Gcs {
            "GiB"
        } else {
            "GB"
        };
        let cost = out.metric(
            "storage.objects_cost_monthly_usd",
            name,
            Unit::UsdPerMonth,
            monthly_cost_usd(billed, writes, reads, prices),
            || {
                format!(
                    "{unit} × {unit}-month + writes ÷ 1,000 × price + reads ÷ 1,000 × price = {} × {} + {} ÷ 1,000 × {} + {} ÷ 1,000 × {}",
                    n(billed),
                    usd(prices[0]),
                    n(writes),
                    usd(prices[1]),
                    n(reads),
                    usd(prices[2])
                )
            },
        );
        out.cost(
            "storage.objects_cost_monthly_usd",
            self.category(),
            name,
            cost,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;
    use crate::scenario::presets;

    #[test]
    fn data_and_requests_at_each_providers_prices() {
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        s.object_storage = ObjectStorage {
            kind: ObjectStore::S3,
            stored_gb: 10_000.0,
            growth_gb_per_month: 0.0,
            writes_per_request: 1.0,
            reads_per_request: 2.0,
        };
        // Infracost's golden S3 bill: 10,000 GB at $0.023 = $230; 304,167 runs a month, one
        // PUT ($0.005 per 1,000) and two GETs ($0.0004 per 1,000) each.
        let runs = 10_000.0 * 730.0 / 24.0;
        let report = engine::evaluate(&s);
        let expected = 230.0 + runs / 1_000.0 * 0.005 + 2.0 * runs / 1_000.0 * 0.0004;
        let cost = report.value("storage.objects_cost_monthly_usd").unwrap();
        assert!((cost - expected).abs() < 1e-9 * expected, "{cost}");
        // Cloud Storage bills the GiB: 10,000 GB is 9,313 GiB at $0.020.
        s.object_storage.kind = ObjectStore::Gcs;
        let report = engine::evaluate(&s);
        let gib = 10_000.0e9 / 1_073_741_824.0;
        let expected = gib * 0.020 + runs / 1_000.0 * 0.005 + 2.0 * runs / 1_000.0 * 0.0004;
        let cost = report.value("storage.objects_cost_monthly_usd").unwrap();
        assert!((cost - expected).abs() < 1e-9 * expected, "{cost}");
    }

    #[test]
    fn the_ledger_is_billed_where_it_is_kept_and_grows_with_the_runs() {
        // Seed 000's ledger: 360 MB a day for 90 days, 32.4 GB.
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        s.object_storage.kind = ObjectStore::S3;
        s.storage.kept_in = LedgerStore::ObjectStorage;
        let report = engine::evaluate(&s);
        let held = report.value("storage.objects_gb").unwrap();
        assert!((held - 32.4).abs() < 1e-9, "{held}");
        let cost = report.value("storage.objects_cost_monthly_usd").unwrap();
        assert!((cost - 32.4 * 0.023).abs() < 1e-9, "{cost}");
        // On Aurora, at its GB-month.
        s.object_storage.kind = ObjectStore::None;
        s.storage.kept_in = LedgerStore::Aurora;
        s.aurora.enabled = true;
        let without = {
            let mut t = s.clone();
            t.storage.kept_in = LedgerStore::NotPriced;
            engine::evaluate(&t)
                .value("database.aurora_cost_monthly_usd")
                .unwrap()
        };
        let with = engine::evaluate(&s)
            .value("database.aurora_cost_monthly_usd")
            .unwrap();
        assert!((with - without - 32.4 * 0.10).abs() < 1e-9);
        // Kept in a store the scenario does not have: said, not silently free.
        s.aurora.enabled = false;
        let report = engine::evaluate(&s);
        assert!(report.warnings.iter().any(|w| w.id == "storage.store_off"));
        // Twice the runs keep twice the ledger.
        s.aurora.enabled = true;
        s.workload.runs_per_day *= 2.0;
        let doubled = engine::evaluate(&s)
            .value("database.aurora_cost_monthly_usd")
            .unwrap();
        assert!(doubled > with);
    }

    #[test]
    fn stored_data_grows_in_the_projection() {
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        s.object_storage = ObjectStorage {
            kind: ObjectStore::S3,
            stored_gb: 100.0,
            growth_gb_per_month: 50.0,
            ..ObjectStorage::default()
        };
        s.growth.months = 12;
        let report = engine::evaluate(&s);
        let storage = |month: usize| report.projection[month].cost(Category::STORAGE).unwrap();
        assert!((storage(0) - 100.0 * 0.023).abs() < 1e-9);
        assert!((storage(12) - 700.0 * 0.023).abs() < 1e-9);
    }
}
