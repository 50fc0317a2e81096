//! Services sized one by one (seed 002, "Service-Level Performance"; seed 004, "ECS Task
//! Definitions"): the load each carries at the peak and on average, the instances that load
//! needs — bounded by concurrency and, for requests, by CPU time — against the service's
//! maximum, and what the instances cost on Cloud Run, Fargate or a fixed-price instance.

use super::compute::{instances_needed, slots_per_instance};
use super::demand::Demand;
use super::load::{Load, littles_law};
use super::queueing::expected_busy_instances;
use super::{Builder, fargate, n, ratio, usd};
use std::sync::OnceLock;

use crate::report::{Category, Severity, Text};
use crate::scenario::{Arch, Billing, Driver, Platform, Scenario, Service};
use crate::units::Unit;

/// The metric id of a service's figure, `services.<index>.<key>`. Ids of the first services a
/// list may hold are made once and shared, so a projected month allocates none.
fn item_id(index: usize, key: &'static str) -> Text {
    const KEYS: [&str; 5] = [
        "peak_in_flight",
        "instances_peak",
        "utilization_pct",
        "instances_avg",
        "cost_monthly_usd",
    ];
    static IDS: OnceLock<Vec<[&'static str; 5]>> = OnceLock::new();
    let ids = IDS.get_or_init(|| {
        (0..MAX_SERVICES)
            .map(|i| KEYS.map(|k| &*format!("services.{i}.{k}").leak()))
            .collect()
    });
    match (ids.get(index), KEYS.iter().position(|k| *k == key)) {
        (Some(row), Some(k)) => Text::Borrowed(row[k]),
        _ => Text::Owned(format!("services.{index}.{key}")),
    }
}

/// The services a scenario holds at most (the list's limit in the field registry).
const MAX_SERVICES: usize = 20;

/// What the services add up to.
#[derive(Clone, Copy, Debug, Default)]
pub struct Services {
    /// Database connections all instances of every service may hold at their maximum.
    pub db_pool_connections_max: f64,
}

/// A service's load: units in flight (requests, connections or runs) and CPU in use, in vCPU.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ServiceLoad {
    /// Requests in flight, connections or runs the service holds.
    pub in_flight: f64,
    /// CPU the load keeps busy, in vCPU (requests only).
    pub cpu_vcpu: f64,
    /// Requests per second (requests only).
    pub requests_per_sec: f64,
}

/// The load a service carries, given the requests per second, connections and runs in flight
/// of the whole scenario at one moment. Requests become requests in flight by Little's law
/// (requests/s × latency) and CPU in use by requests/s × CPU time per request — the correction
/// to seed 003's "QPS ÷ concurrent requests per instance" that its README names.
pub fn load_of(
    service: &Service,
    requests_per_sec: f64,
    connections: f64,
    runs_in_flight: f64,
) -> ServiceLoad {
    let share = service.share_pct / 100.0;
    match service.driver {
        Driver::Requests => {
            let rps = requests_per_sec * share;
            ServiceLoad {
                in_flight: littles_law(rps, service.latency_ms / 1_000.0),
                cpu_vcpu: rps * service.cpu_ms_per_request / 1_000.0,
                requests_per_sec: rps,
            }
        }
        Driver::Connections => ServiceLoad {
            in_flight: connections * share,
            ..ServiceLoad::default()
        },
        Driver::Runs => ServiceLoad {
            in_flight: runs_in_flight * share,
            ..ServiceLoad::default()
        },
        Driver::None => ServiceLoad::default(),
    }
}

/// Instances a load needs: ⌈in flight ÷ slots⌉ and ⌈CPU ÷ (vCPU × target)⌉, whichever is more,
/// never fewer than the minimum. Slots per instance are ⌊concurrency × target utilisation⌋.
pub fn instances_for(service: &Service, load: &ServiceLoad) -> f64 {
    let slots = slots_per_instance(
        service.concurrency_per_instance,
        service.target_utilization_pct,
    );
    let cpu_per_instance = service.vcpu * service.target_utilization_pct / 100.0;
    instances_needed(load.in_flight, slots, service.min_instances)
        .max(ratio(load.cpu_vcpu, cpu_per_instance).ceil())
}

/// Instances busy on average: the expected number busy when the load in flight is Poisson
/// around its mean (M/G/∞ occupancy, as for the run executor), or the CPU the load needs,
/// whichever is more. Instances kept running by the minimum are not counted.
pub fn busy_instances(service: &Service, load: &ServiceLoad) -> f64 {
    let slots = slots_per_instance(
        service.concurrency_per_instance,
        service.target_utilization_pct,
    );
    let cpu_per_instance = service.vcpu * service.target_utilization_pct / 100.0;
    let busy = if service.driver == Driver::None {
        0.0
    } else {
        expected_busy_instances(load.in_flight, slots)
    };
    busy.max(ratio(load.cpu_vcpu, cpu_per_instance))
}

/// The share of the service's capacity at its maximum instances the peak uses, in percent:
/// the larger of in flight ÷ (maximum × concurrency) and CPU ÷ (maximum × vCPU).
pub fn utilization_pct(service: &Service, peak: &ServiceLoad) -> f64 {
    100.0
        * ratio(
            peak.in_flight,
            service.max_instances * service.concurrency_per_instance,
        )
        .max(ratio(peak.cpu_vcpu, service.max_instances * service.vcpu))
}

fn load_unit(driver: Driver) -> Unit {
    match driver {
        Driver::Requests => Unit::ConcurrentRequests,
        Driver::Connections => Unit::Connections,
        Driver::Runs | Driver::None => Unit::ConcurrentRuns,
    }
}

/// Evaluates every service.
pub fn evaluate(s: &Scenario, load: &Load, demand: &Demand, out: &mut Builder) -> Services {
    let mut totals = Services::default();
    let hours = s.deal.hours_per_month;
    for (i, service) in s.services.iter().enumerate() {
        let name = service.name.trim();
        let name = if name.is_empty() {
            format!("Service {}", i + 1)
        } else {
            name.to_string()
        };
        let peak = load_of(
            service,
            demand.peak_requests_per_sec,
            demand.peak_connections,
            load.peak_concurrent_runs,
        );
        let avg = load_of(
            service,
            demand.avg_requests_per_sec,
            demand.avg_connections,
            load.avg_concurrent_runs,
        );
        let id = |key: &'static str| item_id(i, key);
        let explain = out.explain;
        // Labels are read only where the report explains itself, not in a projected month.
        let label = |what: &'static str| -> Text {
            if explain {
                Text::Owned(format!("{name}: {what}"))
            } else {
                Text::Borrowed(what)
            }
        };
        if service.driver != Driver::None {
            out.metric(
                id("peak_in_flight"),
                label("load at the peak"),
                load_unit(service.driver),
                peak.in_flight,
                || match service.driver {
                    Driver::Requests => format!(
                        "Little's law: peak requests/s × share × latency = {} × {}% × {} ms",
                        n(demand.peak_requests_per_sec),
                        n(service.share_pct),
                        n(service.latency_ms)
                    ),
                    Driver::Connections => format!(
                        "connections at the peak × share = {} × {}%",
                        n(demand.peak_connections),
                        n(service.share_pct)
                    ),
                    _ => format!(
                        "peak concurrent runs × share = {} × {}%",
                        n(load.peak_concurrent_runs),
                        n(service.share_pct)
                    ),
                },
            );
        }
        let slots = slots_per_instance(
            service.concurrency_per_instance,
            service.target_utilization_pct,
        );
        let cpu_per_instance = service.vcpu * service.target_utilization_pct / 100.0;
        let needed = out.metric(
            id("instances_peak"),
            label("instances at the peak"),
            Unit::Instances,
            instances_for(service, &peak),
            || {
                format!(
                    "max(⌈load ÷ ⌊concurrency × target⌋⌉, ⌈CPU ÷ (vCPU × target)⌉, minimum) = max(⌈{} ÷ {}⌉, ⌈{} ÷ {}⌉, {})",
                    n(peak.in_flight),
                    n(slots),
                    n(peak.cpu_vcpu),
                    n(cpu_per_instance),
                    n(service.min_instances)
                )
            },
        );
        let used = utilization_pct(service, &peak);
        if service.driver != Driver::None {
            out.metric(
                id("utilization_pct"),
                label("peak load as a share of its maximum"),
                Unit::Percent,
                used,
                || {
                    format!(
                        "max(load ÷ (maximum × concurrency), CPU ÷ (maximum × vCPU)) = max({} ÷ ({} × {}), {} ÷ ({} × {}))",
                        n(peak.in_flight),
                        n(service.max_instances),
                        n(service.concurrency_per_instance),
                        n(peak.cpu_vcpu),
                        n(service.max_instances),
                        n(service.vcpu)
                    )
                },
            );
            out.limit(label("maximum instances"), id("utilization_pct"));
        }
        if needed > service.max_instances {
            out.warn(
                "services.peak_above_max_instances",
                Severity::Warning,
                format!(
                    "{name} needs {} instances at the peak but at most {} may run ({}% of its capacity): requests would queue or be refused.",
                    n(needed),
                    n(service.max_instances),
                    n(used)
                ),
            );
        }
        let busy = busy_instances(service, &avg);
        let running = out.metric(
            id("instances_avg"),
            label("instances on average"),
            Unit::Instances,
            busy.max(service.min_instances),
            || {
                format!(
                    "max(E[⌈N ÷ {}⌉] with N ~ Poisson({}), average CPU ÷ (vCPU × target) = {} ÷ {}, minimum {})",
                    n(slots),
                    n(avg.in_flight),
                    n(avg.cpu_vcpu),
                    n(cpu_per_instance),
                    n(service.min_instances)
                )
            },
        );
        let (cost, how) = monthly_cost(service, busy, running, avg.requests_per_sec, hours, out);
        if service.platform == Platform::Fixed && service.usd_per_instance_hour <= 0.0 {
            out.price_not_typed(
                &format!("{name} runs on fixed instances"),
                "its price per instance-hour",
            );
        }
        out.metric(
            id("cost_monthly_usd"),
            label("cost per month"),
            Unit::UsdPerMonth,
            cost,
            || how,
        );
        out.cost(
            id("cost_monthly_usd"),
            Category::COMPUTE,
            name.clone(),
            cost,
        );
        totals.db_pool_connections_max += service.db_pool_per_instance * service.max_instances;
    }
    totals
}

/// A service's monthly bill, with the formula that made it: `busy` instances on average serve
/// the load, `instances` run (the busy ones or the minimum, whichever is more).
fn monthly_cost(
    service: &Service,
    busy: f64,
    instances: f64,
    avg_requests_per_sec: f64,
    hours: f64,
    out: &mut Builder,
) -> (f64, String) {
    let month_s = hours * 3_600.0;
    match service.platform {
        Platform::CloudRun => {
            // Cloud Run pricing: instance-based billing charges every instance for its whole
            // life; request-based billing charges busy instances at the active rate, idle
            // minimum instances at the idle rate, and a fee per request.
            let tier = match service.billing {
                Billing::Request => "request",
                Billing::Instance => "instance",
            };
            let vcpu_s = out.price(&format!("gcp.run.{tier}.vcpu_second"));
            let gib_s = out.price(&format!("gcp.run.{tier}.gib_second"));
            let per_instance_s = service.vcpu * vcpu_s + service.memory_gib * gib_s;
            match service.billing {
                Billing::Instance => {
                    let cost = instances * month_s * per_instance_s;
                    (
                        cost,
                        format!(
                            "instances × seconds per month × (vCPU × vCPU-second + GiB × GiB-second) = {} × {} × ({} × {} + {} × {}) = {}",
                            n(instances),
                            n(month_s),
                            n(service.vcpu),
                            vcpu_s,
                            n(service.memory_gib),
                            gib_s,
                            usd(cost)
                        ),
                    )
                }
                Billing::Request => {
                    let idle_vcpu = out.price("gcp.run.request.idle_vcpu_second");
                    let idle_gib = out.price("gcp.run.request.idle_gib_second");
                    let per_million = out.price("gcp.run.request.per_million_requests");
                    let idle = (service.min_instances - busy).max(0.0);
                    let requests = avg_requests_per_sec * month_s;
                    let active = busy * month_s * per_instance_s;
                    let idle_cost =
                        idle * month_s * (service.vcpu * idle_vcpu + service.memory_gib * idle_gib);
                    let fee = requests / 1.0e6 * per_million;
                    let cost = active + idle_cost + fee;
                    (
                        cost,
                        format!(
                            "busy instances × seconds × (vCPU × {vcpu_s} + GiB × {gib_s}) + idle minimum instances × seconds × (vCPU × {idle_vcpu} + GiB × {idle_gib}) + requests ÷ 10⁶ × {} = {} × {} × ({} × {vcpu_s} + {} × {gib_s}) + {} × {} × (…) + {} ÷ 10⁶ × {} = {}",
                            usd(per_million),
                            n(busy),
                            n(month_s),
                            n(service.vcpu),
                            n(service.memory_gib),
                            n(idle),
                            n(month_s),
                            n(requests),
                            usd(per_million),
                            usd(cost)
                        ),
                    )
                }
            }
        }
        Platform::Fargate => {
            let arch = match service.arch {
                Arch::X86 => fargate::Architecture::X86,
                Arch::Arm => fargate::Architecture::Arm,
            };
            let vcpu_h = out.price(arch.vcpu_hour_price_id());
            let gb_h = out.price(arch.gb_hour_price_id());
            let task_hour =
                fargate::task_hourly_usd(service.vcpu, service.memory_gib, vcpu_h, gb_h);
            let cost = fargate::monthly_cost_usd(
                instances,
                task_hour,
                0.0,
                hours,
                service.spot_share_pct,
                service.spot_discount_pct,
            );
            (
                cost,
                format!(
                    "tasks × hours × (vCPU × vCPU-hour + GB × GB-hour) × (1 − Spot share × Spot discount) = {} × {} × ({} × {} + {} × {}) × (1 − {}% × {}%) = {}",
                    n(instances),
                    n(hours),
                    n(service.vcpu),
                    vcpu_h,
                    n(service.memory_gib),
                    gb_h,
                    n(service.spot_share_pct),
                    n(service.spot_discount_pct),
                    usd(cost)
                ),
            )
        }
        Platform::Fixed => {
            let cost = instances * hours * service.usd_per_instance_hour;
            (
                cost,
                format!(
                    "instances × hours × price per instance-hour (typed) = {} × {} × {} = {}",
                    n(instances),
                    n(hours),
                    usd(service.usd_per_instance_hour),
                    usd(cost)
                ),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api() -> Service {
        let mut s = Service::new("api");
        s.latency_ms = 120.0;
        s.concurrency_per_instance = 30.0;
        s.target_utilization_pct = 100.0;
        s.min_instances = 2.0;
        s.max_instances = 50.0;
        s
    }

    #[test]
    fn littles_law_then_concurrency_sizes_instances() {
        // Seed 003, 3 customers: 125 requests/s at 120 ms p95 hold 15 requests in flight,
        // one instance at 30 concurrent requests — not "125 ÷ 50 = 2.5 → 3" as the document
        // divides requests per second by concurrency. The minimum of 2 then applies.
        let service = api();
        let peak = load_of(&service, 125.0, 0.0, 0.0);
        assert!((peak.in_flight - 15.0).abs() < 1e-9);
        assert_eq!(instances_for(&service, &peak), 2.0);
    }

    #[test]
    fn cpu_time_bounds_an_instance_too() {
        // 125 requests/s × 40 ms of CPU = 5 vCPU busy; 2 vCPU instances at 100% → 3.
        let mut service = api();
        service.vcpu = 2.0;
        service.cpu_ms_per_request = 40.0;
        let peak = load_of(&service, 125.0, 0.0, 0.0);
        assert!((peak.cpu_vcpu - 5.0).abs() < 1e-9);
        assert_eq!(instances_for(&service, &peak), 3.0);
        assert!((utilization_pct(&service, &peak) - 5.0).abs() < 1e-9);
    }

    #[test]
    fn connections_fill_a_gateway() {
        // Seed 004: a gateway holding 1,000 SSE connections per task, scaling at 800.
        let mut gateway = Service::new("gateway");
        gateway.driver = Driver::Connections;
        gateway.concurrency_per_instance = 1_000.0;
        gateway.target_utilization_pct = 80.0;
        gateway.min_instances = 2.0;
        gateway.max_instances = 20.0;
        let peak = load_of(&gateway, 0.0, 4_000.0, 0.0);
        assert_eq!(instances_for(&gateway, &peak), 5.0);
        assert!((utilization_pct(&gateway, &peak) - 20.0).abs() < 1e-9);
    }

    #[test]
    fn a_service_without_load_runs_its_minimum() {
        let mut supervisor = Service::new("supervisor");
        supervisor.driver = Driver::None;
        supervisor.min_instances = 1.0;
        let none = load_of(&supervisor, 1_000.0, 1_000.0, 1_000.0);
        assert_eq!(instances_for(&supervisor, &none), 1.0);
        assert_eq!(busy_instances(&supervisor, &none), 0.0);
    }
}
