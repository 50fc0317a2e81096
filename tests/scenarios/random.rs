//! Random valid scenarios, drawn field by field from their declarations (`scenario::fields`),
//! for the property tests and the run of random scenarios at scale.
//!
//! Each number is within its range — log-uniformly across wide ranges, so that one run per day and
//! a billion both occur, plus the range's ends — and whole where the field is whole; each choice
//! is one of its options; each text any text a field keeps. Each list gets zero to three items
//! drawn the same way. The cross-field rules are repaired rather than filtered, so few draws are
//! lost.

use headroom::catalog::Catalog;
use headroom::math;
use headroom::scenario::fields::{self, Field, Kind, Value};
use headroom::scenario::inputs::is_unsafe_in_text;
use headroom::scenario::{Platform, Scenario};
use proptest::prelude::*;

/// A number in `[min, max]`: often an end of the range, otherwise uniform or log-uniform. The
/// log-uniform draw starts at `min` or, for a range from 0, at a billionth of `max`.
pub fn number_in(min: f64, max: f64, integer: bool) -> BoxedStrategy<f64> {
    let low = if min > 0.0 { min } else { max * 1e-9 };
    let (ln_low, ln_high) = (math::ln(low), math::ln(max));
    let log_uniform = (0.0..=1.0_f64).prop_map(move |t| math::exp(ln_low + t * (ln_high - ln_low)));
    prop_oneof![
        1 => Just(min),
        1 => Just(max),
        3 => min..=max,
        5 => log_uniform,
    ]
    .prop_map(move |x| {
        let x = if integer { x.round() } else { x };
        x.clamp(min, max)
    })
    .boxed()
}

/// A value the field accepts.
fn value_of(kind: &Kind) -> BoxedStrategy<Value> {
    match *kind {
        Kind::Number { min, max, integer } => {
            number_in(min, max, integer).prop_map(Value::Number).boxed()
        }
        Kind::Text { max_chars } => text_up_to(max_chars).prop_map(Value::Text).boxed(),
        kind => {
            let ids: Vec<String> = kind
                .options(Catalog::current())
                .iter()
                .map(|(id, _)| id.to_string())
                .collect();
            proptest::sample::select(ids).prop_map(Value::Text).boxed()
        }
    }
}

/// Text a field accepts: up to `max_chars` characters, none of them one a text input refuses
/// (controls, line separators, direction overrides: `inputs::is_unsafe_in_text`). Half
/// the draws use the characters that stress a CSV record and a trimmed input — spaces at either
/// end, commas, quotes — the other half any character of Unicode.
fn text_up_to(max_chars: usize) -> BoxedStrategy<String> {
    let tricky = proptest::sample::select(vec![
        ' ', ',', '"', '\'', 'a', 'Z', '0', '=', '-', '#', 'é', '€', '\u{a0}', '\u{3000}',
    ]);
    let any_printable =
        any::<char>().prop_filter("a character a text input keeps", |c| !is_unsafe_in_text(*c));
    prop_oneof![
        proptest::collection::vec(tricky, 0..=max_chars),
        proptest::collection::vec(any_printable, 0..=max_chars),
    ]
    .prop_map(|chars| chars.into_iter().collect())
    .boxed()
}

/// Fargate's task sizes, (vCPU, GB of memory), the smallest and largest of each vCPU.
const FARGATE_SIZES: [(f64, f64); 6] = [
    (0.25, 0.5),
    (0.5, 4.0),
    (1.0, 2.0),
    (2.0, 16.0),
    (4.0, 8.0),
    (16.0, 120.0),
];

/// Makes the cross-field rules hold without narrowing what each field may take.
pub fn repair(s: &mut Scenario) {
    if s.compute.min_instances > s.compute.max_instances {
        std::mem::swap(&mut s.compute.min_instances, &mut s.compute.max_instances);
    }
    if s.workload.steps_per_run > s.workload.max_steps_per_run {
        s.workload.max_steps_per_run = s.workload.steps_per_run.ceil();
    }
    let a = &mut s.aurora;
    let step = |acu: f64| (acu * 2.0).round() / 2.0;
    a.min_acu = step(a.min_acu);
    a.max_acu = step(a.max_acu).max(1.0);
    if a.min_acu > a.max_acu {
        std::mem::swap(&mut a.min_acu, &mut a.max_acu);
    }
    a.avg_acu = a.avg_acu.clamp(a.min_acu, a.max_acu);
    for (i, service) in s.services.iter_mut().enumerate() {
        if service.min_instances > service.max_instances {
            std::mem::swap(&mut service.min_instances, &mut service.max_instances);
        }
        match service.platform {
            Platform::CloudRun => {
                service.vcpu = service.vcpu.min(8.0);
                service.memory_gib = service.memory_gib.min(32.0);
                service.concurrency_per_instance = service.concurrency_per_instance.min(1_000.0);
            }
            Platform::Fargate => {
                (service.vcpu, service.memory_gib) = FARGATE_SIZES[i % FARGATE_SIZES.len()];
            }
            Platform::Fixed => {}
        }
        service.cpu_ms_per_request = service
            .cpu_ms_per_request
            .min(service.latency_ms * service.vcpu);
    }
    for group in &mut s.tenants {
        if group.avg_qps > group.peak_qps {
            std::mem::swap(&mut group.avg_qps, &mut group.peak_qps);
        }
    }
    if s.has_own_contracts() {
        s.deal.customers = s.deal.customers.max(s.tenants.len() as f64);
    }
}

/// Values for up to three items of each list, drawn from the item fields.
fn list_items() -> impl Strategy<Value = Vec<Vec<Vec<Value>>>> {
    fields::lists()
        .map(|list| {
            let item: Vec<BoxedStrategy<Value>> =
                list.inputs.iter().map(|i| value_of(&i.kind)).collect();
            proptest::collection::vec(item, 0..=3)
        })
        .collect::<Vec<_>>()
}

/// A valid scenario with every field of the registry drawn, and up to three items per list.
pub fn scenario() -> impl Strategy<Value = Scenario> {
    let fields: Vec<Field> = fields::section_fields().collect();
    let values: Vec<BoxedStrategy<Value>> = fields.iter().map(|f| value_of(f.kind())).collect();
    (values, list_items())
        .prop_map(move |(values, lists)| {
            let mut s = Scenario::default();
            for (field, value) in fields.iter().zip(values) {
                field.set(&mut s, &value);
            }
            for (list, items) in fields::lists().zip(lists) {
                for (index, item) in items.into_iter().enumerate() {
                    list.push(&mut s).expect("three items fit every list");
                    for (position, value) in item.into_iter().enumerate() {
                        list.field_at(index, position)
                            .map(|f| f.set(&mut s, &value));
                    }
                }
            }
            repair(&mut s);
            s
        })
        .prop_filter("the scenario validates", |s| s.validate().is_empty())
}

/// A valid scenario that also overrides a few catalog prices.
pub fn scenario_with_overrides() -> impl Strategy<Value = Scenario> {
    let ids: Vec<String> = Catalog::current()
        .prices()
        .iter()
        .map(|p| p.id.clone())
        .collect();
    let overrides = proptest::collection::btree_map(
        proptest::sample::select(ids),
        number_in(0.0, 1.0e6, false),
        0..4,
    );
    (scenario(), overrides)
        .prop_map(|(mut s, prices)| {
            s.prices = prices.into_iter().collect();
            s
        })
        .prop_filter("the scenario validates", |s| s.validate().is_empty())
}
