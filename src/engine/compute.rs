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
use crate::report::{Category, Severity};
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

/// Instances a load needs: enough request slots for its requests in flight and enough CPU for
/// its CPU demand, whichever needs more, and never fewer than the minimum.
#[derive(Clone, Copy, Debug)]
struct Need {
    requests: f64,
    cpu: f64,
    slots: f64,
    cpu_per_instance: f64,
    min: f64,
    by_concurrency: f64,
    by_cpu: f64,
    instances: f64,
}

impl Need {
    fn of(requests: f64, cpu: f64, slots: f64, cpu_per_instance: f64, min: f64) -> Need {
        let by_concurrency = instances_needed(requests, slots, 0.0);
        let by_cpu = ratio(cpu, cpu_per_instance).ceil();
        Need {
            requests,
            cpu,
            slots,
            cpu_per_instance,
            min,
            by_concurrency,
            by_cpu,
            instances: by_concurrency.max(by_cpu).max(min),
        }
    }

    fn formula(&self, when: &str) -> String {
        format!(
            "max(⌈{when} requests ÷ requests per instance⌉, ⌈{when} CPU ÷ (vCPU × target utilisation)⌉, minimum) = max(⌈{} ÷ {}⌉, ⌈{} ÷ {}⌉, {})",
            n(self.requests),
            n(self.slots),
            n(self.cpu),
            n(self.cpu_per_instance),
            n(self.min)
        )
    }
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

/// What the month costs after the free tier: each resource's spend less its credit, which is
/// never below zero, not even by a rounding error.
pub fn after_free_tier(spend: &FreeTierSpend, allowance: &FreeTierSpend) -> f64 {
    (spend.cpu - spend.cpu.min(allowance.cpu))
        + (spend.memory - spend.memory.min(allowance.memory))
        + (spend.requests - spend.requests.min(allowance.requests))
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
    // CPU a run in flight keeps busy, in vCPU, and CPU one instance offers at its target.
    let cpu_per_run = ratio(c.cpu_s_per_run, s.workload.run_duration_s);
    let cpu_per_instance = c.vcpu_per_instance * c.target_utilization_pct / 100.0;
    let cpu_bound = c.cpu_s_per_run > 0.0;
    let peak_cpu = if cpu_bound {
        out.metric(
            "capacity.peak_cpu_vcpu",
            "Peak CPU demand",
            Unit::Vcpu,
            load.peak_runs_per_sec * c.cpu_s_per_run,
            || {
                format!(
                    "peak runs/s × CPU time per run = {} × {} vCPU-s",
                    n(load.peak_runs_per_sec),
                    n(c.cpu_s_per_run)
                )
            },
        )
    } else {
        0.0
    };
    let peak = Need::of(
        peak_requests,
        peak_cpu,
        slots,
        cpu_per_instance,
        c.min_instances,
    );
    let peak_instances = out.metric(
        "capacity.instances_peak",
        "Instances at peak",
        Unit::Instances,
        peak.instances,
        || peak.formula("peak"),
    );
    let burst_requests = load.burst_concurrent_runs * per_run;
    let burst = Need::of(
        burst_requests,
        load.burst_concurrent_runs * cpu_per_run,
        slots,
        cpu_per_instance,
        c.min_instances,
    );
    let burst_instances = out.metric(
        "capacity.instances_burst",
        "Instances in a burst",
        Unit::Instances,
        burst.instances,
        || burst.formula("burst"),
    );
    out.metric(
        "capacity.peak_utilization_pct",
        "Peak load as a share of maximum capacity",
        Unit::Percent,
        100.0
            * ratio(peak_requests, c.max_instances * c.concurrency_per_instance)
                .max(ratio(peak_cpu, c.max_instances * c.vcpu_per_instance)),
        || {
            format!(
                "max(peak requests ÷ (maximum instances × concurrency), peak CPU ÷ (maximum instances × vCPU)) = max({} ÷ ({} × {}), {} ÷ ({} × {}))",
                n(peak_requests),
                n(c.max_instances),
                n(c.concurrency_per_instance),
                n(peak_cpu),
                n(c.max_instances),
                n(c.vcpu_per_instance)
            )
        },
    );
    out.limit(
        "Cloud Run maximum instances",
        "capacity.peak_utilization_pct",
    );
    if peak.by_cpu > peak.by_concurrency {
        out.warn(
            "capacity.cpu_binds",
            Severity::Info,
            format!(
                "CPU, not concurrency, sets the instances at the peak: {} vCPU of CPU needs {} instances where the requests alone would fit in {}.",
                n(peak_cpu),
                n(peak.by_cpu),
                n(peak.by_concurrency)
            ),
        );
    }
    if peak_instances > c.max_instances {
        out.warn(
            "capacity.peak_above_max_instances",
            Severity::Warning,
            format!(
                "The peak needs {} instances but at most {} may run: requests would queue or be refused. Raise maximum instances{}.",
                n(peak_instances),
                n(c.max_instances),
                if peak.by_cpu > peak.by_concurrency { " or vCPU per instance" } else { " or concurrency" }
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
    let avg_cpu = load.avg_runs_per_sec * c.cpu_s_per_run;
    let busy = out.metric(
        "capacity.instances_busy_avg",
        "Instances busy on average",
        Unit::Instances,
        expected_busy_instances(avg_requests, slots).max(ratio(avg_cpu, cpu_per_instance)),
        || format!(
            "max(E[⌈N ÷ requests per instance⌉], average CPU ÷ (vCPU × target)), N ~ Poisson(average requests in flight = {} runs × {}) with {} per instance (M/G/∞) = max(…, {} ÷ {})",
            n(load.avg_concurrent_runs),
            n(per_run),
            n(slots),
            n(avg_cpu),
            n(cpu_per_instance)
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
    let no_allowance = FreeTierSpend {
        cpu: 0.0,
        memory: 0.0,
        requests: 0.0,
    };
    let (credit, allowance) = if c.free_tier {
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
        let credit = out.metric(
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
            ),);
        (credit, allowance)
    } else {
        (0.0, no_allowance)
    };
    let total = out.metric(
        "cost.compute_monthly_usd",
        "Cloud Run per month",
        Unit::UsdPerMonth,
        after_free_tier(&spend, &allowance),
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
    out.cost(
        "cost.compute_monthly_usd",
        Category::COMPUTE,
        "Cloud Run",
        total,
    );
    Compute {
        cost_per_month_usd: total,
    }
}

#[cfg(test)]
mod tests {
    use crate::engine;
    use crate::scenario::presets;

    #[test]
    fn cpu_time_bounds_an_instance_besides_its_concurrency() {
        // 0.3472 peak runs/s × 3 vCPU-s = 1.0417 vCPU at the peak; a 0.25-vCPU instance at 70%
        // offers 0.175 vCPU: ⌈5.95⌉ = 6 instances, where 20.8 requests fit in one.
        // A burst of 50 runs × 3 ÷ 30 s = 5 vCPU: ⌈28.6⌉ = 29 instances.
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        s.compute.cpu_s_per_run = 3.0;
        s.compute.vcpu_per_instance = 0.25;
        let report = engine::evaluate(&s);
        assert!(
            (report.value("capacity.peak_cpu_vcpu").unwrap() - 1.041_666_666_666_666_7).abs()
                < 1e-12
        );
        assert_eq!(report.value("capacity.instances_peak"), Some(6.0));
        assert_eq!(report.value("capacity.instances_burst"), Some(29.0));
        // On average 0.11574 runs/s × 3 = 0.3472 vCPU: 1.98 instances busy, more than the
        // requests alone would keep busy.
        let busy = report.value("capacity.instances_busy_avg").unwrap();
        assert!(
            (busy - 0.347_222_222_222_222_2 / 0.175).abs() < 1e-9,
            "{busy}"
        );
        assert!(report.warnings.iter().any(|w| w.id == "capacity.cpu_binds"));
    }

    #[test]
    fn without_cpu_time_concurrency_alone_sizes_instances() {
        let report = engine::evaluate(&presets::by_id("agent-platform").unwrap().scenario());
        assert!(report.metric("capacity.peak_cpu_vcpu").is_none());
        assert_eq!(report.value("capacity.instances_peak"), Some(1.0));
        assert!(report.warnings.iter().all(|w| w.id != "capacity.cpu_binds"));
    }
}
