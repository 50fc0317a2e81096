//! Services sized one by one — the run executor and every service of the list (seed 000's
//! Cloud Run service; seed 002, "Service-Level Performance"; seed 004, "ECS Task
//! Definitions"): the load each carries at the peak, on average and in a burst, the instances
//! that load needs — bounded by concurrency and by CPU time — against the service's maximum,
//! and what the instances cost on the platform it runs on ([`crate::components::cloud_run`],
//! [`crate::components::fargate`], [`crate::components::fixed_instances`]). The run executor is
//! a Cloud Run service driven by runs, each run in flight holding one request slot for itself
//! and one for each client watching its event stream.

use std::sync::OnceLock;

use super::demand::Demand;
use super::load::{Load, littles_law};
use super::queueing::expected_busy_instances;
use super::{Builder, n, ratio};
use crate::components::commitments::committed;
use crate::components::{cloud_run, fargate, fixed_instances};
use crate::math;
use crate::report::{Category, Severity, Text};
use crate::scenario::{Billing, Driver, Platform, Scenario, Service};
use crate::units::Unit;

/// The figures every service makes, in the order it makes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// Units one instance holds at its target.
    Slots,
    /// The load in flight at the peak.
    InFlight,
    /// CPU in use at the peak.
    Cpu,
    /// Instances at the peak.
    InstancesPeak,
    /// Instances in a burst.
    InstancesBurst,
    /// The peak's share of the capacity at the maximum instances.
    Utilization,
    /// The 95th-percentile response time at the peak.
    P95Response,
    /// The 95th-percentile response time as a share of its target.
    P95TargetUsed,
    /// Instances busy on average.
    InstancesBusy,
    /// Instances running on average.
    InstancesRunning,
    /// Instances billed on average (Cloud Run).
    InstancesBilled,
    /// vCPU-seconds billed (Cloud Run).
    VcpuSeconds,
    /// GiB-seconds billed (Cloud Run).
    GibSeconds,
    /// Requests per month (Cloud Run).
    Requests,
    /// CPU's cost (Cloud Run).
    CpuCost,
    /// Memory's cost (Cloud Run).
    MemoryCost,
    /// The request fee (Cloud Run).
    RequestsCost,
    /// Idle minimum instances (Cloud Run).
    IdleCost,
    /// The free tier credited (Cloud Run).
    FreeTierCredit,
    /// The month's bill.
    /// The cost at on-demand prices, under a commitment.
    OnDemand,
    /// What a commitment saves.
    Saving,
    Cost,
}

/// An id (or key) and the label (or what it is) of one figure.
type IdAndLabel = (&'static str, &'static str);

/// Each [`Key`]'s (id, label) for the run executor — the ids it has always had — and (key,
/// what) for a service of the list, `services.<index>.<key>`, labelled "<name>: <what>".
const NAMES: [(IdAndLabel, IdAndLabel); 22] = [
    (
        (
            "capacity.requests_per_instance",
            "Requests per instance at target",
        ),
        (
            "slots_per_instance",
            "load one instance holds at its target",
        ),
    ),
    (
        (
            "capacity.peak_concurrent_requests",
            "Peak concurrent requests",
        ),
        ("peak_in_flight", "load at the peak"),
    ),
    (
        ("capacity.peak_cpu_vcpu", "Peak CPU demand"),
        ("peak_cpu_vcpu", "CPU at the peak"),
    ),
    (
        ("capacity.instances_peak", "Instances at peak"),
        ("instances_peak", "instances at the peak"),
    ),
    (
        ("capacity.instances_burst", "Instances in a burst"),
        ("instances_burst", "instances in a burst"),
    ),
    (
        (
            "capacity.peak_utilization_pct",
            "Peak load as a share of maximum capacity",
        ),
        ("utilization_pct", "peak load as a share of its maximum"),
    ),
    (
        ("capacity.p95_response_ms", "p95 response time at the peak"),
        ("p95_response_ms", "p95 response time at the peak"),
    ),
    (
        (
            "capacity.p95_target_used_pct",
            "p95 response time against its target",
        ),
        (
            "p95_target_used_pct",
            "p95 response time against its target",
        ),
    ),
    (
        ("capacity.instances_busy_avg", "Instances busy on average"),
        ("instances_busy_avg", "instances busy on average"),
    ),
    (
        (
            "capacity.instances_running_avg",
            "Instances running on average",
        ),
        ("instances_avg", "instances on average"),
    ),
    (
        (
            "capacity.instances_billed_avg",
            "Instances billed on average",
        ),
        ("instances_billed_avg", "instances billed on average"),
    ),
    (
        ("capacity.vcpu_seconds_per_month", "vCPU-seconds per month"),
        ("vcpu_seconds_per_month", "vCPU-seconds per month"),
    ),
    (
        ("capacity.gib_seconds_per_month", "GiB-seconds per month"),
        ("gib_seconds_per_month", "GiB-seconds per month"),
    ),
    (
        ("capacity.requests_per_month", "Requests per month"),
        ("requests_per_month", "requests per month"),
    ),
    (
        ("cost.compute_cpu_monthly_usd", "Cloud Run CPU"),
        ("cpu_cost_monthly_usd", "Cloud Run CPU"),
    ),
    (
        ("cost.compute_memory_monthly_usd", "Cloud Run memory"),
        ("memory_cost_monthly_usd", "Cloud Run memory"),
    ),
    (
        ("cost.compute_requests_monthly_usd", "Cloud Run requests"),
        ("requests_cost_monthly_usd", "Cloud Run requests"),
    ),
    (
        (
            "cost.compute_idle_monthly_usd",
            "Cloud Run idle minimum instances",
        ),
        ("idle_cost_monthly_usd", "Cloud Run idle minimum instances"),
    ),
    (
        (
            "cost.compute_free_tier_credit_monthly_usd",
            "Cloud Run free tier (credited)",
        ),
        (
            "free_tier_credit_monthly_usd",
            "Cloud Run free tier (credited)",
        ),
    ),
    (
        (
            "cost.compute_on_demand_monthly_usd",
            "Cloud Run per month on demand",
        ),
        ("on_demand_monthly_usd", "cost per month on demand"),
    ),
    (
        (
            "cost.compute_commitment_saving_monthly_usd",
            "Cloud Run committed use saving",
        ),
        ("commitment_saving_monthly_usd", "commitment saving"),
    ),
    (
        ("cost.compute_monthly_usd", "Cloud Run per month"),
        ("cost_monthly_usd", "cost per month"),
    ),
];

/// The services a scenario holds at most (the list's limit).
const MAX_SERVICES: usize = 20;

/// How a service's figures are named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ids<'a> {
    /// The run executor, under the ids it has always had.
    Executor,
    /// The service at this index of the list, with its name.
    Item(usize, &'a str),
}

impl Ids<'_> {
    /// The id of one of the service's figures. Ids of the first services a list may hold are
    /// made once and shared, so that a projected month allocates none.
    pub fn id(self, key: Key) -> Text {
        let k = key as usize;
        match self {
            Ids::Executor => Text::Borrowed(NAMES[k].0.0),
            Ids::Item(index, _) => {
                static IDS: OnceLock<Vec<[&'static str; NAMES.len()]>> = OnceLock::new();
                let ids = IDS.get_or_init(|| {
                    (0..MAX_SERVICES)
                        .map(|i| NAMES.map(|(_, (key, _))| &*format!("services.{i}.{key}").leak()))
                        .collect()
                });
                match ids.get(index) {
                    Some(row) => Text::Borrowed(row[k]),
                    None => Text::Owned(format!("services.{index}.{}", NAMES[k].1.0)),
                }
            }
        }
    }

    /// The label of one of the service's figures; read only where the report explains itself.
    fn label(self, key: Key, explain: bool) -> Text {
        let k = key as usize;
        match self {
            Ids::Executor => Text::Borrowed(NAMES[k].0.1),
            Ids::Item(_, name) if explain => Text::Owned(format!("{name}: {}", NAMES[k].1.1)),
            Ids::Item(..) => Text::Borrowed(NAMES[k].1.1),
        }
    }

    /// Records one of the service's figures and returns its value.
    pub fn metric(
        self,
        out: &mut Builder,
        key: Key,
        unit: Unit,
        value: f64,
        formula: impl FnOnce() -> String,
    ) -> f64 {
        let label = self.label(key, out.explains());
        out.metric(self.id(key), label, unit, value, formula)
    }
}

/// The 95th-percentile response time at the peak of a service carrying `requests_per_sec`
/// with `instances` running, in milliseconds: the latency as entered plus the 95th-percentile
/// wait for a free slot. The slots (the instances running, at most the maximum, × concurrency)
/// are the servers of an M/M/c queue whose wait comes from Erlang C
/// ([`super::queueing::wait_percentile_s`]; `../shared/PRICES.md`, "Queueing"); for a latency of
/// spread C_s the wait is stretched by (1 + C_s²) ÷ 2, Poisson arrivals having C_a² = 1
/// (Allen–Cunneen, [`super::queueing::allen_cunneen_wait_s`]). The latency's own spread is not
/// added. Also the wait alone and the servers. `None` where the requests in flight reach the
/// slots: the queue then grows without bound.
pub fn p95_response_ms(
    service: &Service,
    requests_per_sec: f64,
    instances: f64,
) -> Option<(f64, f64, u32)> {
    let servers = slots_running(service, instances);
    let latency_s = service.latency_ms / 1_000.0;
    let wait_s = super::queueing::wait_percentile_s(requests_per_sec, latency_s, servers, P95)?;
    let cv2 = service.latency_cv * service.latency_cv;
    let wait_ms = 1_000.0 * super::queueing::allen_cunneen_wait_s(wait_s, 1.0, cv2);
    Some((service.latency_ms + wait_ms, wait_ms, servers))
}

/// The 95th percentile, as a fraction.
const P95: f64 = 0.95;

/// The slots a service's queue is served by with `instances` needed: the instances running (at
/// most its maximum) × concurrency, whole.
fn slots_running(service: &Service, instances: f64) -> u32 {
    let running = instances.min(service.max_instances);
    (running * service.concurrency_per_instance)
        .floor()
        .min(f64::from(u32::MAX)) as u32
}

/// Records a service's p95 response time at the peak ([`p95_response_ms`]) and, with a
/// target, its use as a limit; or a finding where its queue grows without bound.
fn response_time(
    service: &Service,
    peak: &ServiceLoad,
    instances: f64,
    ids: Ids,
    name: &str,
    out: &mut Builder,
) {
    let Some((p95, wait, servers)) = p95_response_ms(service, peak.requests_per_sec, instances)
    else {
        let message = || {
            format!(
                "{name}'s queue grows without bound at the peak: {} requests in flight for {} slots ({} instances × concurrency {}), so its p95 response time has no limit. Raise its maximum instances or its concurrency.",
                n(peak.in_flight),
                n(f64::from(slots_running(service, instances))),
                n(instances.min(service.max_instances)),
                n(service.concurrency_per_instance)
            )
        };
        out.warn("services.queue_unbounded", Severity::Warning, message);
        return;
    };
    let p95 = ids.metric(out, Key::P95Response, Unit::Milliseconds, p95, || {
        format!(
            "latency + p95 wait for a free slot (Erlang C, an M/M/c queue of {} requests/s on {} slots, stretched by (1 + spread²) ÷ 2 for a spread of {}) = {} + {}",
            n(peak.requests_per_sec),
            n(f64::from(servers)),
            n(service.latency_cv),
            n(service.latency_ms),
            n(wait)
        )
    });
    if service.p95_target_ms > 0.0 {
        let used = 100.0 * p95 / service.p95_target_ms;
        ids.metric(out, Key::P95TargetUsed, Unit::Percent, used, || {
            format!(
                "p95 response time ÷ target = {} ÷ {}",
                n(p95),
                n(service.p95_target_ms)
            )
        });
        let limit = match out.explains() {
            true => Text::Owned(format!("{name}: p95 response target")),
            false => Text::Borrowed("p95 response target"),
        };
        out.limit(limit, ids.id(Key::P95TargetUsed));
        if p95 > service.p95_target_ms {
            out.warn("services.p95_above_target", Severity::Warning, || {
                format!(
                    "{name}'s p95 response time at the peak, {} ms, misses its {} ms target. Raise its instances or concurrency, or cut its latency.",
                    n(p95),
                    n(service.p95_target_ms)
                )
            });
        }
    }
}

/// What the services add up to.
#[derive(Clone, Copy, Debug, Default)]
pub struct Services {
    /// Database connections all instances of every service may hold at their maximum.
    pub db_pool_connections_max: f64,
    /// Instances needed at the peak, the run executor's and every service's together.
    pub instances_peak: f64,
}

/// A service's load at one moment: units in flight (requests, connections or runs, each
/// holding one of an instance's slots) and CPU in use, in vCPU.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ServiceLoad {
    /// Requests in flight, connections or runs the service holds.
    pub in_flight: f64,
    /// CPU the load keeps busy, in vCPU.
    pub cpu_vcpu: f64,
    /// Requests per second.
    pub requests_per_sec: f64,
}

impl ServiceLoad {
    /// The requests a month of `hours_per_month` hours brings at this rate.
    pub fn requests_per_month(&self, hours_per_month: f64) -> f64 {
        self.requests_per_sec * hours_per_month * 3_600.0
    }
}

/// The load a service carries: at the peak, on average, and in a burst where the load has one.
#[derive(Clone, Debug)]
pub struct Carried {
    /// At the peak.
    pub peak: ServiceLoad,
    /// On average over the month.
    pub avg: ServiceLoad,
    /// In a burst, if the load has bursts (runs do).
    pub burst: Option<ServiceLoad>,
    /// The unit of the load in flight.
    pub unit: Unit,
    /// How the peak load was made, when the report explains itself.
    pub peak_formula: String,
    /// How the CPU at the peak was made, when the report explains itself.
    pub cpu_formula: String,
    /// How the requests per month were made, when the report explains itself.
    pub requests_formula: String,
}

/// What a service's platform bills: the instances busy and running on average over a month of
/// `hours_per_month` hours, and the requests it serves.
#[derive(Clone, Debug)]
pub struct Usage {
    /// Instances busy on average (serving load).
    pub busy: f64,
    /// Instances running on average: the busy ones, or the minimum.
    pub running: f64,
    /// Requests per month.
    pub requests_per_month: f64,
    /// How the requests per month were made.
    pub requests_formula: String,
    /// Hours in the month.
    pub hours_per_month: f64,
}

/// Concurrency slots the autoscaler fills on one instance before adding another: the
/// concurrency setting × target utilisation, whole units, at least one.
pub fn slots_per_instance(concurrency: f64, target_utilization_pct: f64) -> f64 {
    (concurrency * target_utilization_pct / 100.0)
        .floor()
        .max(1.0)
}

/// Instances needed to hold `in_flight` units at `slots` each, never fewer than the minimum.
pub fn instances_needed(in_flight: f64, slots: f64, min_instances: f64) -> f64 {
    math::ceil_count(in_flight / slots).max(min_instances)
}

/// CPU one instance offers at its target utilisation, in vCPU.
fn cpu_per_instance(service: &Service) -> f64 {
    service.vcpu * service.target_utilization_pct / 100.0
}

/// Instances a load needs: ⌈in flight ÷ slots⌉ and ⌈CPU ÷ (vCPU × target)⌉, whichever is more,
/// never fewer than the minimum. Slots per instance are ⌊concurrency × target utilisation⌋.
pub fn instances_for(service: &Service, load: &ServiceLoad) -> f64 {
    let slots = slots_per_instance(
        service.concurrency_per_instance,
        service.target_utilization_pct,
    );
    instances_needed(load.in_flight, slots, service.min_instances).max(math::ceil_count(ratio(
        load.cpu_vcpu,
        cpu_per_instance(service),
    )))
}

/// Instances busy on average: the expected number busy when the load in flight is Poisson
/// around its mean (M/G/∞ occupancy, [`expected_busy_instances`]), or the CPU the load needs,
/// whichever is more. Instances kept running by the minimum are not counted.
pub fn busy_instances(service: &Service, load: &ServiceLoad) -> f64 {
    let slots = slots_per_instance(
        service.concurrency_per_instance,
        service.target_utilization_pct,
    );
    let busy = if service.driver == Driver::None {
        0.0
    } else {
        expected_busy_instances(load.in_flight, slots)
    };
    busy.max(ratio(load.cpu_vcpu, cpu_per_instance(service)))
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

/// The load a service of the list carries, given the requests per second, connections and runs
/// in flight of the whole scenario at one moment. Requests become requests in flight by Little's
/// law (requests/s × latency) and CPU in use by requests/s × CPU time per request — the
/// correction to seed 003's "QPS ÷ concurrent requests per instance" that its README names.
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

/// The unit a driver's load in flight is counted in.
fn load_unit(driver: Driver) -> Unit {
    match driver {
        Driver::Requests => Unit::ConcurrentRequests,
        Driver::Connections => Unit::Connections,
        Driver::Runs | Driver::None => Unit::ConcurrentRuns,
    }
}

/// The run executor as a service of Cloud Run: its settings, driven by the runs.
pub fn executor(s: &Scenario) -> Service {
    let c = &s.compute;
    Service {
        name: "Cloud Run".to_string(),
        platform: Platform::CloudRun,
        driver: Driver::Runs,
        concurrency_per_instance: c.concurrency_per_instance,
        vcpu: c.vcpu_per_instance,
        memory_gib: c.memory_gib_per_instance,
        min_instances: c.min_instances,
        max_instances: c.max_instances,
        target_utilization_pct: c.target_utilization_pct,
        billing: c.billing,
        price_tier: c.price_tier,
        ..Service::default()
    }
}

/// The load the run executor carries: each run in flight holds 1 + (clients per run) request
/// slots (the run itself, and each watching client's event stream), and keeps its CPU time
/// busy over its duration.
pub fn executor_load(s: &Scenario, load: &Load, explain: bool) -> Carried {
    let w = &s.workload;
    let per_run = 1.0 + w.clients_per_run;
    let cpu_s = s.compute.cpu_s_per_run;
    let at = |runs_in_flight: f64, runs_per_sec: f64| ServiceLoad {
        in_flight: runs_in_flight * per_run,
        cpu_vcpu: runs_per_sec * cpu_s,
        requests_per_sec: runs_per_sec * per_run,
    };
    let days = s.days_per_month();
    let peak = at(load.peak_concurrent_runs, load.peak_runs_per_sec);
    let avg = at(load.avg_concurrent_runs, load.avg_runs_per_sec);
    Carried {
        peak,
        avg,
        burst: Some(ServiceLoad {
            in_flight: load.burst_concurrent_runs * per_run,
            cpu_vcpu: load.burst_concurrent_runs * ratio(cpu_s, w.run_duration_s),
            requests_per_sec: 0.0,
        }),
        unit: Unit::ConcurrentRequests,
        peak_formula: super::formula_for(explain, peak.in_flight, Unit::ConcurrentRequests, || {
            format!(
                "peak concurrent runs × (1 run request + clients per run) = {} × (1 + {})",
                n(load.peak_concurrent_runs),
                n(w.clients_per_run)
            )
        }),
        cpu_formula: super::formula_for(explain, peak.cpu_vcpu, Unit::Vcpu, || {
            format!(
                "peak runs/s × CPU time per run = {} × {} vCPU-s",
                n(load.peak_runs_per_sec),
                n(cpu_s)
            )
        }),
        requests_formula: super::formula_for(
            explain,
            avg.requests_per_month(s.deal.hours_per_month),
            Unit::RequestsPerMonth,
            || {
                format!(
                    "runs per day × days per month × (1 + clients per run) = {} × {} × {}",
                    n(load.runs_per_day),
                    n(days),
                    n(per_run)
                )
            },
        ),
    }
}

/// Sizes one service for the load it carries, against its maximum, and bills it on its
/// platform: the figures, the limit, the findings and the line of the bill. Returns the
/// instances at the peak.
pub fn size(
    service: &Service,
    free_tier: bool,
    carried: &Carried,
    ids: Ids,
    hours_per_month: f64,
    out: &mut Builder,
) -> f64 {
    let name = match ids {
        Ids::Executor => "Cloud Run",
        Ids::Item(_, name) => name,
    };
    let (peak, avg) = (&carried.peak, &carried.avg);
    let slots = ids.metric(
        out,
        Key::Slots,
        carried.unit,
        slots_per_instance(
            service.concurrency_per_instance,
            service.target_utilization_pct,
        ),
        || {
            format!(
                "max(⌊concurrency × target utilisation⌋, 1) = max(⌊{} × {}%⌋, 1)",
                n(service.concurrency_per_instance),
                n(service.target_utilization_pct)
            )
        },
    );
    let carries = service.driver != Driver::None;
    if carries {
        ids.metric(out, Key::InFlight, carried.unit, peak.in_flight, || {
            carried.peak_formula.clone()
        });
    }
    let cpu = cpu_per_instance(service);
    if peak.cpu_vcpu > 0.0 {
        ids.metric(out, Key::Cpu, Unit::Vcpu, peak.cpu_vcpu, || {
            carried.cpu_formula.clone()
        });
    }
    let need = |load: &ServiceLoad| {
        let by_slots = instances_needed(load.in_flight, slots, 0.0);
        let by_cpu = math::ceil_count(ratio(load.cpu_vcpu, cpu));
        (
            by_slots,
            by_cpu,
            by_slots.max(by_cpu).max(service.min_instances),
        )
    };
    let formula = |load: &ServiceLoad, when: &str| {
        format!(
            "max(⌈{when} load ÷ load per instance⌉, ⌈{when} CPU ÷ (vCPU × target utilisation)⌉, minimum) = max(⌈{} ÷ {}⌉, ⌈{} ÷ {}⌉, {})",
            n(load.in_flight),
            n(slots),
            n(load.cpu_vcpu),
            n(cpu),
            n(service.min_instances)
        )
    };
    let (by_slots, by_cpu, needed) = need(peak);
    let needed = ids.metric(out, Key::InstancesPeak, Unit::Instances, needed, || {
        formula(peak, "peak")
    });
    let burst = carried.burst.as_ref().map(|burst| {
        let (_, _, instances) = need(burst);
        let instances = ids.metric(out, Key::InstancesBurst, Unit::Instances, instances, || {
            formula(burst, "burst")
        });
        (burst, instances)
    });
    let used = utilization_pct(service, peak);
    if carries {
        ids.metric(out, Key::Utilization, Unit::Percent, used, || {
            format!(
                "max(load ÷ (maximum × concurrency), CPU ÷ (maximum × vCPU)) = max({} ÷ ({} × {}), {} ÷ ({} × {}))",
                n(peak.in_flight),
                n(service.max_instances),
                n(service.concurrency_per_instance),
                n(peak.cpu_vcpu),
                n(service.max_instances),
                n(service.vcpu)
            )
        });
        let limit = match ids {
            Ids::Executor => Text::Borrowed("Cloud Run maximum instances"),
            Ids::Item(..) if out.explains() => Text::Owned(format!("{name}: maximum instances")),
            Ids::Item(..) => Text::Borrowed("maximum instances"),
        };
        out.limit(limit, ids.id(Key::Utilization));
    }
    if service.driver == Driver::Requests && peak.requests_per_sec > 0.0 {
        response_time(service, peak, needed, ids, name, out);
    }
    // A finding's id names the family: the run executor's `capacity`, a service's `services`.
    let family = |executor: &'static str, service: &'static str| match ids {
        Ids::Executor => executor,
        Ids::Item(..) => service,
    };
    if by_cpu > by_slots {
        out.warn(
            family("capacity.cpu_binds", "services.cpu_binds"),
            Severity::Info,
            || format!(
                "CPU, not concurrency, sets {name}'s instances at the peak: {} vCPU of CPU needs {} instances where the load alone would fit in {}.",
                n(peak.cpu_vcpu),
                n(by_cpu),
                n(by_slots)
            ),
        );
    }
    if needed > service.max_instances {
        out.warn(
            family(
                "capacity.peak_above_max_instances",
                "services.peak_above_max_instances",
            ),
            Severity::Warning,
            || format!(
                "{name} needs {} instances at the peak but at most {} may run: {}. Raise its maximum instances or {}.",
                n(needed),
                n(service.max_instances),
                // At its maximum the service still holds the peak, above the target the
                // autoscaler keeps for headroom, until it is full.
                if used > 100.0 {
                    format!("the peak is {}% of its capacity, and requests would queue or be refused", n(used))
                } else {
                    format!(
                        "at {}% of its capacity it holds the peak, above its {}% target, with little headroom left for a burst",
                        n(used),
                        n(service.target_utilization_pct)
                    )
                },
                if by_cpu > by_slots { "its vCPU per instance" } else { "its concurrency" }
            ),
        );
    }
    if let Some((burst, instances)) = burst
        && instances > service.max_instances
    {
        out.warn(
            family(
                "capacity.burst_above_max_instances",
                "services.burst_above_max_instances",
            ),
            Severity::Warning,
            || {
                format!(
                    "A burst of {} {} needs {} instances of {name} but at most {} may run.",
                    n(burst.in_flight),
                    carried.unit.symbol_for(burst.in_flight),
                    n(instances),
                    n(service.max_instances)
                )
            },
        );
    }
    let busy = ids.metric(
        out,
        Key::InstancesBusy,
        Unit::Instances,
        busy_instances(service, avg),
        || {
            format!(
                "max(E[⌈N ÷ {}⌉] with N ~ Poisson(average load in flight = {}) (M/G/∞), average CPU ÷ (vCPU × target) = {} ÷ {})",
                n(slots),
                n(avg.in_flight),
                n(avg.cpu_vcpu),
                n(cpu)
            )
        },
    );
    let running = ids.metric(
        out,
        Key::InstancesRunning,
        Unit::Instances,
        busy.max(service.min_instances),
        || {
            format!(
                "max(instances busy on average, minimum) = max({}, {})",
                n(busy),
                n(service.min_instances)
            )
        },
    );
    let usage = Usage {
        busy,
        running,
        requests_per_month: avg.requests_per_month(hours_per_month),
        requests_formula: carried.requests_formula.clone(),
        hours_per_month,
    };
    let commitments = &out.scenario().commitments;
    let (cost, how, pct) = match service.platform {
        Platform::CloudRun => {
            let (cost, how) = cloud_run::bill(service, free_tier, &usage, ids, out);
            let id = commitments.cloud_run_price_id(service.billing == Billing::Instance);
            (cost, how, id.map_or(0.0, |id| out.price(id)))
        }
        Platform::Fargate => {
            let pct = commitments.fargate_discount_pct();
            let (cost, how) = fargate::bill(service, &usage, out);
            (cost, how, pct)
        }
        Platform::Fixed => {
            let (cost, how) = fixed_instances::bill(service, name, &usage, out);
            (cost, how, 0.0)
        }
    };
    // Spot tasks are outside a Savings Plan: it covers the on-demand share.
    let covered = match service.platform {
        Platform::Fargate => fargate::on_demand_part_usd(service, cost),
        _ => cost,
    };
    let (cost, how) = committed(
        out,
        (ids.id(Key::OnDemand), ids.id(Key::Saving)),
        (
            ids.label(Key::OnDemand, out.explains()),
            ids.label(Key::Saving, out.explains()),
        ),
        cost,
        how,
        covered,
        pct,
    );
    let cost = ids.metric(out, Key::Cost, Unit::UsdPerMonth, cost, || how);
    let line = match ids {
        Ids::Executor => Text::Borrowed("Cloud Run"),
        Ids::Item(..) => Text::Owned(name.to_string()),
    };
    out.cost(ids.id(Key::Cost), Category::COMPUTE, line, cost);
    needed
}

/// Sizes the run executor, if runs execute on it, and every service of the list.
pub fn evaluate(s: &Scenario, load: &Load, demand: &Demand, out: &mut Builder) -> Services {
    let mut totals = Services::default();
    let hours = s.deal.hours_per_month;
    let explain = out.explains();
    if s.workload.enabled && s.compute.enabled {
        let carried = executor_load(s, load, explain);
        totals.instances_peak += size(
            &executor(s),
            s.compute.free_tier,
            &carried,
            Ids::Executor,
            hours,
            out,
        );
    }
    for (i, service) in s.services.iter().enumerate() {
        let name = service.name.trim();
        let name = if name.is_empty() {
            format!("Service {}", i + 1)
        } else {
            name.to_string()
        };
        let share = service.share_pct / 100.0;
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
        let burst = (service.driver == Driver::Runs).then(|| ServiceLoad {
            in_flight: load.burst_concurrent_runs * share,
            ..ServiceLoad::default()
        });
        let carried = Carried {
            peak,
            avg,
            burst,
            unit: load_unit(service.driver),
            peak_formula: super::formula_for(
                explain,
                peak.in_flight,
                load_unit(service.driver),
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
            ),
            cpu_formula: super::formula_for(explain, peak.cpu_vcpu, Unit::Vcpu, || {
                format!(
                    "peak requests/s × share × CPU time per request = {} × {}% × {} ms",
                    n(demand.peak_requests_per_sec),
                    n(service.share_pct),
                    n(service.cpu_ms_per_request)
                )
            }),
            requests_formula: super::formula_for(
                explain,
                avg.requests_per_month(hours),
                Unit::RequestsPerMonth,
                || {
                    format!(
                        "average requests/s reaching the service × seconds per month = {} × {}",
                        n(avg.requests_per_sec),
                        n(hours * 3_600.0)
                    )
                },
            ),
        };
        totals.instances_peak += size(service, false, &carried, Ids::Item(i, &name), hours, out);
        totals.db_pool_connections_max += service.db_pool_per_instance * service.max_instances;
    }
    totals
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

    /// One slot (M/M/1) at 8 requests/s of 100 ms: it waits with probability ρ = 0.8 (Erlang C
    /// of one server), and the p95 wait is ln(C ÷ 0.05) ÷ (μ − λ) = ln 16 ÷ 2 s; Allen–Cunneen
    /// halves it for a constant latency (C_s = 0). At 10 requests/s the slot never catches up.
    #[test]
    fn p95_response_is_the_latency_and_the_m_m_c_wait() {
        let mut one = api();
        one.latency_ms = 100.0;
        one.concurrency_per_instance = 1.0;
        one.max_instances = 1.0;
        let wait_ms = 1_000.0 * math::ln(16.0) / 2.0;
        let (p95, wait, servers) = p95_response_ms(&one, 8.0, 1.0).unwrap();
        assert_eq!(servers, 1);
        assert!((wait - wait_ms).abs() < 1e-9 && (p95 - (100.0 + wait_ms)).abs() < 1e-9);
        one.latency_cv = 0.0;
        let (p95, _, _) = p95_response_ms(&one, 8.0, 1.0).unwrap();
        assert!((p95 - (100.0 + wait_ms / 2.0)).abs() < 1e-9);
        assert_eq!(p95_response_ms(&one, 10.0, 1.0), None);
        // The instances running are at most the maximum: three needed, one may run.
        assert_eq!(p95_response_ms(&one, 10.0, 3.0), None);
        // Far below its slots, a request never waits: the p95 is the latency.
        let (p95, wait, servers) = p95_response_ms(&api(), 125.0, 2.0).unwrap();
        assert_eq!((p95, wait, servers), (120.0, 0.0, 60));
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

    #[test]
    fn every_figure_of_a_service_has_an_id_and_the_executor_keeps_its_own() {
        assert_eq!(
            Ids::Executor.id(Key::InstancesPeak),
            "capacity.instances_peak"
        );
        assert_eq!(Ids::Executor.id(Key::Cost), "cost.compute_monthly_usd");
        assert_eq!(
            Ids::Item(2, "api").id(Key::Cost),
            "services.2.cost_monthly_usd"
        );
        assert_eq!(
            Ids::Item(25, "api").id(Key::InFlight),
            "services.25.peak_in_flight"
        );
    }
}
