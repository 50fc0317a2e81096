//! Compute on Cloud Run: instances needed at peak and in a burst, and the monthly bill under
//! request-based or instance-based billing (prices and free tier: cloud.google.com/run/pricing,
//! via the catalog).
//!
//! The service executes each run as one long request and serves each watching client's event
//! stream as another, so a run in flight holds 1 + (clients per run) of an instance's
//! concurrency slots. The autoscaler fills each instance to its target utilisation.

use super::load::Load;
use super::queueing::expected_busy_instances;
use super::{Builder, n, ratio, usd};
use crate::report::Severity;
use crate::scenario::{Billing, Scenario};
use crate::units::Unit;

/// The compute figures later families build on.
#[derive(Clone, Copy, Debug)]
pub struct Compute {
    /// Cloud Run's monthly bill.
    pub cost_per_month_usd: f64,
}

/// Concurrency slots the autoscaler fills on one instance before adding another: the
/// concurrency setting × target utilisation, whole requests, at least one.
pub fn slots_per_instance(concurrency: f64, target_utilization_pct: f64) -> f64 {
    (concurrency * target_utilization_pct / 100.0)
        .floor()
        .max(1.0)
}

/// Instances needed to hold `in_flight` requests at `slots` each, never fewer than the minimum.
pub fn instances_needed(in_flight: f64, slots: f64, min_instances: f64) -> f64 {
    (in_flight / slots).ceil().max(min_instances)
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

/// The free tier's credit. Cloud Run applies its monthly free tier as a spending-based
/// discount: each resource's allowance (180,000 vCPU-s, 360,000 GiB-s and 2M requests a month
/// under request-based billing; 240,000 vCPU-s and 450,000 GiB-s under instance-based), valued
/// at that resource's price, is taken off what the resource costs that month, idle time of
/// minimum instances included, and never beyond it (cloud.google.com/run/pricing, via the
/// catalog). Taken this way the bill never falls as traffic rises.
pub fn free_tier_credit(spend: &FreeTierSpend, allowance: &FreeTierSpend) -> f64 {
    spend.cpu.min(allowance.cpu)
        + spend.memory.min(allowance.memory)
        + spend.requests.min(allowance.requests)
}

/// Evaluates the compute section.
pub fn evaluate(s: &Scenario, load: &Load, out: &mut Builder) -> Compute {
    let c = &s.compute;
    let per_run = 1.0 + s.workload.clients_per_run;
    let slots = out.metric(
        "capacity.requests_per_instance",
        "Requests per instance at target",
        Unit::ConcurrentRequests,
        slots_per_instance(c.concurrency_per_instance, c.target_utilization_pct),
        || {
            format!(
                "⌊concurrency × target utilisation⌋ = ⌊{} × {}%⌋",
                n(c.concurrency_per_instance),
                n(c.target_utilization_pct)
            )
        },
    );
    let peak_requests = out.metric(
        "capacity.peak_concurrent_requests",
        "Peak concurrent requests",
        Unit::ConcurrentRequests,
        load.peak_concurrent_runs * per_run,
        || {
            format!(
                "peak concurrent runs × (1 run request + clients per run) = {} × (1 + {})",
                n(load.peak_concurrent_runs),
                n(s.workload.clients_per_run)
            )
        },
    );
    let peak_instances = out.metric(
        "capacity.instances_peak",
        "Instances at peak",
        Unit::Instances,
        instances_needed(peak_requests, slots, c.min_instances),
        || {
            format!(
                "max(⌈peak requests ÷ requests per instance⌉, minimum) = max(⌈{} ÷ {}⌉, {})",
                n(peak_requests),
                n(slots),
                n(c.min_instances)
            )
        },
    );
    let burst_requests = load.burst_concurrent_runs * per_run;
    let burst_instances = out.metric(
        "capacity.instances_burst",
        "Instances in a burst",
        Unit::Instances,
        instances_needed(burst_requests, slots, c.min_instances),
        || format!(
            "max(⌈burst runs × (1 + clients per run) ÷ requests per instance⌉, minimum) = max(⌈{} × {} ÷ {}⌉, {})",
            n(load.burst_concurrent_runs),
            n(per_run),
            n(slots),
            n(c.min_instances)
        ),);
    out.metric(
        "capacity.peak_utilization_pct",
        "Peak load as a share of maximum capacity",
        Unit::Percent,
        100.0 * ratio(peak_requests, c.max_instances * c.concurrency_per_instance),
        || {
            format!(
                "peak requests ÷ (maximum instances × concurrency) = {} ÷ ({} × {})",
                n(peak_requests),
                n(c.max_instances),
                n(c.concurrency_per_instance)
            )
        },
    );
    if peak_instances > c.max_instances {
        out.warn(
            "capacity.peak_above_max_instances",
            Severity::Warning,
            format!(
                "The peak needs {} instances but at most {} may run: about {} requests would queue or be refused. Raise maximum instances or concurrency.",
                n(peak_instances),
                n(c.max_instances),
                n(peak_requests - c.max_instances * slots)
            ),
        );
    }
    if burst_instances > c.max_instances {
        out.warn(
            "capacity.burst_above_max_instances",
            Severity::Warning,
            format!(
                "A burst of {} runs needs {} instances but at most {} may run.",
                n(load.burst_concurrent_runs),
                n(burst_instances),
                n(c.max_instances)
            ),
        );
    }

    let avg_requests = load.avg_concurrent_runs * per_run;
    let busy = out.metric(
        "capacity.instances_busy_avg",
        "Instances busy on average",
        Unit::Instances,
        expected_busy_instances(avg_requests, slots),
        || format!(
            "E[⌈N ÷ requests per instance⌉], N ~ Poisson(average requests in flight = {} runs × {}) with {} per instance (M/G/∞)",
            n(load.avg_concurrent_runs),
            n(per_run),
            n(slots)
        ),);
    let month_s = s.deal.hours_per_month * 3_600.0;
    let (billed, billed_formula) = match c.billing {
        Billing::Request => (busy, format!("instances busy on average = {}", n(busy))),
        Billing::Instance => (
            busy.max(c.min_instances),
            format!(
                "max(instances busy on average, minimum) = max({}, {})",
                n(busy),
                n(c.min_instances)
            ),
        ),
    };
    let billed = out.metric(
        "capacity.instances_billed_avg",
        "Instances billed on average",
        Unit::Instances,
        billed,
        || billed_formula,
    );
    let vcpu_s = out.metric(
        "capacity.vcpu_seconds_per_month",
        "vCPU-seconds per month",
        Unit::VcpuSecondsPerMonth,
        billed * c.vcpu_per_instance * month_s,
        || {
            format!(
                "instances billed × vCPU per instance × seconds per month = {} × {} × {}",
                n(billed),
                n(c.vcpu_per_instance),
                n(month_s)
            )
        },
    );
    let gib_s = out.metric(
        "capacity.gib_seconds_per_month",
        "GiB-seconds per month",
        Unit::GibSecondsPerMonth,
        billed * c.memory_gib_per_instance * month_s,
        || {
            format!(
                "instances billed × GiB per instance × seconds per month = {} × {} × {}",
                n(billed),
                n(c.memory_gib_per_instance),
                n(month_s)
            )
        },
    );
    let requests = out.metric(
        "capacity.requests_per_month",
        "Requests per month",
        Unit::RequestsPerMonth,
        load.runs_per_day * s.days_per_month() * per_run,
        || {
            format!(
                "runs per day × days per month × (1 + clients per run) = {} × {} × {}",
                n(load.runs_per_day),
                n(s.days_per_month()),
                n(per_run)
            )
        },
    );

    let tier = match c.billing {
        Billing::Request => "request",
        Billing::Instance => "instance",
    };
    let vcpu_price = out.price(&format!("gcp.run.{tier}.vcpu_second"));
    let gib_price = out.price(&format!("gcp.run.{tier}.gib_second"));
    let cpu_cost = out.metric(
        "cost.compute_cpu_monthly_usd",
        "Cloud Run CPU",
        Unit::UsdPerMonth,
        vcpu_s * vcpu_price,
        || format!("vCPU-seconds × price = {} × {}", n(vcpu_s), usd(vcpu_price)),
    );
    let memory_cost = out.metric(
        "cost.compute_memory_monthly_usd",
        "Cloud Run memory",
        Unit::UsdPerMonth,
        gib_s * gib_price,
        || format!("GiB-seconds × price = {} × {}", n(gib_s), usd(gib_price)),
    );
    let mut spend = FreeTierSpend {
        cpu: cpu_cost,
        memory: memory_cost,
        requests: 0.0,
    };
    let mut idle_cost = 0.0;
    let mut request_cost = 0.0;
    if c.billing == Billing::Request {
        let per_million = out.price("gcp.run.request.per_million_requests");
        request_cost = out.metric(
            "cost.compute_requests_monthly_usd",
            "Cloud Run requests",
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
        let idle_vcpu = out.price("gcp.run.request.idle_vcpu_second");
        let idle_gib = out.price("gcp.run.request.idle_gib_second");
        let idle_instances = (c.min_instances - busy).max(0.0);
        let idle_cpu = idle_instances * month_s * c.vcpu_per_instance * idle_vcpu;
        let idle_memory = idle_instances * month_s * c.memory_gib_per_instance * idle_gib;
        idle_cost = out.metric(
            "cost.compute_idle_monthly_usd",
            "Cloud Run idle minimum instances",
            Unit::UsdPerMonth,
            idle_cpu + idle_memory,
            || format!(
                "max(minimum − busy, 0) × seconds per month × (vCPU × idle vCPU price + GiB × idle GiB price) = max({} − {}, 0) × {} × ({} × {} + {} × {})",
                n(c.min_instances),
                n(busy),
                n(month_s),
                n(c.vcpu_per_instance),
                usd(idle_vcpu),
                n(c.memory_gib_per_instance),
                usd(idle_gib)
            ),);
        spend.cpu += idle_cpu;
        spend.memory += idle_memory;
        spend.requests = request_cost;
    }
    let credit = if c.free_tier {
        let allowance = FreeTierSpend {
            cpu: out.price(&format!("gcp.run.{tier}.free_vcpu_seconds")) * vcpu_price,
            memory: out.price(&format!("gcp.run.{tier}.free_gib_seconds")) * gib_price,
            requests: match c.billing {
                Billing::Request => {
                    out.price("gcp.run.request.free_requests") / 1.0e6
                        * out.price("gcp.run.request.per_million_requests")
                }
                Billing::Instance => 0.0,
            },
        };
        out.metric(
            "cost.compute_free_tier_credit_monthly_usd",
            "Cloud Run free tier (credited)",
            Unit::UsdPerMonth,
            free_tier_credit(&spend, &allowance),
            || format!(
                "min(CPU spend, free vCPU-s × price) + min(memory spend, free GiB-s × price) + min(request spend, free requests × price) = min({}, {}) + min({}, {}) + min({}, {})",
                usd(spend.cpu),
                usd(allowance.cpu),
                usd(spend.memory),
                usd(allowance.memory),
                usd(spend.requests),
                usd(allowance.requests)
            ),)
    } else {
        0.0
    };
    let total = out.metric(
        "cost.compute_monthly_usd",
        "Cloud Run per month",
        Unit::UsdPerMonth,
        cpu_cost + memory_cost + request_cost + idle_cost - credit,
        || {
            format!(
                "CPU + memory + requests + idle − free tier = {} + {} + {} + {} − {}",
                usd(cpu_cost),
                usd(memory_cost),
                usd(request_cost),
                usd(idle_cost),
                usd(credit)
            )
        },
    );
    Compute {
        cost_per_month_usd: total,
    }
}
