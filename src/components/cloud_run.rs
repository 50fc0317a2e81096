//! Google Cloud Run as a platform for a service — the run executor or a service of the list: the
//! instance sizes and concurrency it accepts, and the month's bill under request-based or
//! instance-based billing, with the account's free tier where it is still available (prices and
//! free tier: cloud.google.com/run/pricing, via the catalog).

use crate::engine::services::{Ids, Key, Usage};
use crate::engine::{Builder, difference, n, usd, usd_term};
use crate::scenario::Service;
use crate::scenario::fields::Broken;
use crate::scenario::inputs::choices;
use crate::units::Unit;

choices! {
    /// How Cloud Run bills the service.
    pub enum Billing {
        /// CPU and memory billed only while an instance handles requests, plus a per-request fee.
        Request = "request" "Request-based",
        /// CPU and memory billed for an instance's whole lifetime; no per-request fee.
        Instance = "instance" "Instance-based",
    }
}

impl Billing {
    /// The catalog's name for the billing mode's prices, as in `gcp.run.<billing>.vcpu_second`.
    fn key(self) -> &'static str {
        match self {
            Billing::Request => "request",
            Billing::Instance => "instance",
        }
    }
}

choices! {
    /// The price tier of the service's region: Cloud Run prices its regions in two tiers
    /// (cloud.google.com/run/pricing), and lists the regions of each
    /// (cloud.google.com/run/docs/locations: us-central1, us-east1, us-west1 and europe-west1
    /// are in tier 1, europe-west3 in tier 2).
    pub enum PriceTier {
        /// Tier 1, us-central1's prices.
        Tier1 = "tier1" "Tier 1 (us-central1, us-east1, us-west1, europe-west1…)",
        /// Tier 2, about 40% more for CPU.
        Tier2 = "tier2" "Tier 2 (europe-west3…)",
    }
}

/// The catalog id of a Cloud Run price in `tier` under `billing`: `gcp.run.request.<item>` in
/// tier 1, `gcp.run.tier2.request.<item>` in tier 2. The free tier's allowances are the same in
/// every region and keep their tier-1 ids.
pub fn price_id(tier: PriceTier, billing: Billing, item: &str) -> String {
    let billing = billing.key();
    match tier {
        PriceTier::Tier1 => format!("gcp.run.{billing}.{item}"),
        PriceTier::Tier2 => format!("gcp.run.tier2.{billing}.{item}"),
    }
}

/// The most vCPU an instance may have.
pub const MAX_VCPU: f64 = 8.0;

/// The most memory an instance may have, in GiB.
pub const MAX_MEMORY_GIB: f64 = 32.0;

/// The most requests an instance may serve at once.
pub const MAX_CONCURRENCY: f64 = 1_000.0;

/// The rules Cloud Run sets on a service: at most 8 vCPU and 32 GiB per instance, and at most
/// 1,000 concurrent requests (cloud.google.com/run/docs/configuring, "CPU", "Memory limits" and
/// "Maximum concurrent requests per instance").
pub fn broken(service: &Service) -> Vec<Broken> {
    let mut broken = Vec::new();
    if service.vcpu > MAX_VCPU || service.memory_gib > MAX_MEMORY_GIB {
        broken.push(Broken::new(
            &["vcpu", "memory_gib", "platform"],
            "Cloud Run allows up to 8 vCPU and 32 GiB per instance.".to_string(),
        ));
    }
    if service.concurrency_per_instance > MAX_CONCURRENCY {
        broken.push(Broken::new(
            &["concurrency_per_instance", "platform"],
            "Cloud Run allows at most 1,000 concurrent requests per instance.".to_string(),
        ));
    }
    broken
}

/// Monthly Cloud Run spend on each resource the free tier covers, in USD.
#[derive(Clone, Copy, Debug)]
pub struct FreeTierSpend {
    /// CPU, busy and idle.
    pub cpu: f64,
    /// Memory, busy and idle.
    pub memory: f64,
    /// Requests.
    pub requests: f64,
}

impl FreeTierSpend {
    /// No spend, and no allowance.
    pub const NONE: FreeTierSpend = FreeTierSpend {
        cpu: 0.0,
        memory: 0.0,
        requests: 0.0,
    };
}

/// The free tier's credit. Cloud Run applies its monthly free tier as a spending-based
/// discount: each resource's allowance (180,000 vCPU-s, 360,000 GiB-s and 2M requests a month
/// under request-based billing; 240,000 vCPU-s and 450,000 GiB-s under instance-based), valued
/// at that resource's tier-1 price in every region ("applied as a spending based discount using
/// Tier 1 pricing"), is taken off what the resource costs that month, idle time of minimum
/// instances included, and never beyond it (cloud.google.com/run/pricing, via the catalog).
/// Taken this way the bill never falls as traffic rises.
pub fn free_tier_credit(spend: &FreeTierSpend, allowance: &FreeTierSpend) -> f64 {
    spend.cpu.min(allowance.cpu)
        + spend.memory.min(allowance.memory)
        + spend.requests.min(allowance.requests)
}

/// What the month costs after the free tier: each resource's spend less its credit, which is
/// never below zero, not even by a rounding error.
pub fn after_free_tier(spend: &FreeTierSpend, allowance: &FreeTierSpend) -> f64 {
    (spend.cpu - spend.cpu.min(allowance.cpu))
        + (spend.memory - spend.memory.min(allowance.memory))
        + (spend.requests - spend.requests.min(allowance.requests))
}

/// The month's bill for a service on Cloud Run, each part a figure of its own. Instance-based
/// billing charges every instance running for its whole life; request-based billing charges
/// the busy instances at the active rate, idle minimum instances at the idle rate, and a fee per
/// request. With `free_tier`, the account's monthly allowance is credited against it
/// ([`free_tier_credit`]). Returns the bill, after any credit, and how it was made.
pub fn bill(
    service: &Service,
    free_tier: bool,
    usage: &Usage,
    ids: Ids,
    out: &mut Builder,
) -> (f64, String) {
    let month_s = usage.hours_per_month * 3_600.0;
    let (busy, running) = (usage.busy, usage.running);
    let (billed, billed_formula) = match service.billing {
        Billing::Request => (busy, "instances busy on average"),
        Billing::Instance => (
            running,
            "instances running on average (busy, or the minimum)",
        ),
    };
    let billed = ids.metric(out, Key::InstancesBilled, Unit::Instances, billed, || {
        format!("{billed_formula} = {}", n(billed))
    });
    let vcpu_s = ids.metric(
        out,
        Key::VcpuSeconds,
        Unit::VcpuSecondsPerMonth,
        billed * service.vcpu * month_s,
        || {
            format!(
                "instances billed × vCPU per instance × seconds per month = {} × {} × {}",
                n(billed),
                n(service.vcpu),
                n(month_s)
            )
        },
    );
    let gib_s = ids.metric(
        out,
        Key::GibSeconds,
        Unit::GibSecondsPerMonth,
        billed * service.memory_gib * month_s,
        || {
            format!(
                "instances billed × GiB per instance × seconds per month = {} × {} × {}",
                n(billed),
                n(service.memory_gib),
                n(month_s)
            )
        },
    );
    let price = |item| price_id(service.price_tier, service.billing, item);
    let vcpu_price = out.price(&price("vcpu_second"));
    let gib_price = out.price(&price("gib_second"));
    let cpu_cost = ids.metric(
        out,
        Key::CpuCost,
        Unit::UsdPerMonth,
        vcpu_s * vcpu_price,
        || format!("vCPU-seconds × price = {} × {}", n(vcpu_s), usd(vcpu_price)),
    );
    let memory_cost = ids.metric(
        out,
        Key::MemoryCost,
        Unit::UsdPerMonth,
        gib_s * gib_price,
        || format!("GiB-seconds × price = {} × {}", n(gib_s), usd(gib_price)),
    );
    let mut spend = FreeTierSpend {
        cpu: cpu_cost,
        memory: memory_cost,
        requests: 0.0,
    };
    let requests = ids.metric(
        out,
        Key::Requests,
        Unit::RequestsPerMonth,
        usage.requests_per_month,
        || usage.requests_formula.clone(),
    );
    let (mut request_cost, mut idle_cost) = (0.0, 0.0);
    if service.billing == Billing::Request {
        let per_million = out.price(&price("per_million_requests"));
        request_cost = ids.metric(
            out,
            Key::RequestsCost,
            Unit::UsdPerMonth,
            requests / 1.0e6 * per_million,
            || {
                format!(
                    "requests ÷ 1M × price per million = {} ÷ 1M × {}",
                    n(requests),
                    usd(per_million)
                )
            },
        );
        // The idle rates are read only when an instance idles, so that a region whose idle
        // rates the price list lacks asks for them only when they count.
        let idle_instances = (service.min_instances - busy).max(0.0);
        let (idle_vcpu, idle_gib) = if idle_instances > 0.0 {
            (
                out.price(&price("idle_vcpu_second")),
                out.price(&price("idle_gib_second")),
            )
        } else {
            (0.0, 0.0)
        };
        let idle_cpu = idle_instances * month_s * service.vcpu * idle_vcpu;
        let idle_memory = idle_instances * month_s * service.memory_gib * idle_gib;
        idle_cost = ids.metric(out, Key::IdleCost, Unit::UsdPerMonth, idle_cpu + idle_memory, || {
            format!(
                "max(minimum − busy, 0) × seconds per month × (vCPU × idle vCPU price + GiB × idle GiB price) = max({}, 0) × {} × ({} × {} + {} × {})",
                difference(service.min_instances, busy, n),
                n(month_s),
                n(service.vcpu),
                usd(idle_vcpu),
                n(service.memory_gib),
                usd(idle_gib)
            )
        });
        spend.cpu += idle_cpu;
        spend.memory += idle_memory;
        spend.requests = request_cost;
    }
    let (credit, allowance) = if free_tier {
        // The allowance is valued at tier 1's prices in every region.
        let tier_1 = |item| price_id(PriceTier::Tier1, service.billing, item);
        let allowance = FreeTierSpend {
            cpu: out.price(&tier_1("free_vcpu_seconds")) * out.price(&tier_1("vcpu_second")),
            memory: out.price(&tier_1("free_gib_seconds")) * out.price(&tier_1("gib_second")),
            requests: match service.billing {
                Billing::Request => {
                    out.price("gcp.run.request.free_requests") / 1.0e6
                        * out.price(&tier_1("per_million_requests"))
                }
                Billing::Instance => 0.0,
            },
        };
        let credit = ids.metric(
            out,
            Key::FreeTierCredit,
            Unit::UsdPerMonth,
            free_tier_credit(&spend, &allowance),
            || {
                format!(
                    "min(CPU spend, free vCPU-s × price) + min(memory spend, free GiB-s × price) + min(request spend, free requests × price) = min({}, {}) + min({}, {}) + min({}, {})",
                    usd(spend.cpu),
                    usd(allowance.cpu),
                    usd(spend.memory),
                    usd(allowance.memory),
                    usd(spend.requests),
                    usd(allowance.requests)
                )
            },
        );
        (credit, allowance)
    } else {
        (0.0, FreeTierSpend::NONE)
    };
    let total = after_free_tier(&spend, &allowance);
    let how = out.formula(total, Unit::UsdPerMonth, || {
        format!(
            "CPU + memory + requests + idle − free tier = {} + {} + {} + {} − {}",
            usd_term(cpu_cost),
            usd_term(memory_cost),
            usd_term(request_cost),
            usd_term(idle_cost),
            usd_term(credit)
        )
    });
    (total, how)
}
