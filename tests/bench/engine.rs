//! Engine benchmarks (criterion): `cargo bench --bench engine`.

use criterion::{Criterion, criterion_group, criterion_main};
use headroom::{engine, export, scenario::presets};

#[path = "../scenarios/heaviest.rs"]
mod heaviest;

fn evaluate_preset(c: &mut Criterion) {
    let scenario = presets::by_id("agent-platform").unwrap().scenario();
    c.bench_function("evaluate agent-platform", |b| {
        b.iter(|| engine::evaluate(std::hint::black_box(&scenario)))
    });
    // Figures only, no formulas or projection: what each projected month (and each sample of a
    // simulation) costs.
    c.bench_function("evaluate agent-platform, figures only", |b| {
        b.iter(|| engine::evaluate_figures(std::hint::black_box(&scenario)))
    });
    let mut growing = scenario.clone();
    growing.growth.months = 36;
    growing.growth.customers_at_6_months = 3.0;
    growing.growth.customers_at_12_months = 10.0;
    growing.growth.customers_at_24_months = 25.0;
    c.bench_function("evaluate agent-platform growing over 36 months", |b| {
        b.iter(|| engine::evaluate(std::hint::black_box(&growing)))
    });
    // Every preset over a 36-month projection: the recompute an edit triggers, at its largest.
    for preset in presets::all() {
        let mut scenario = preset.scenario();
        scenario.growth.months = 36;
        c.bench_function(&format!("evaluate {} over 36 months", preset.id), |b| {
            b.iter(|| engine::evaluate(std::hint::black_box(&scenario)))
        });
    }
    // The heaviest scenarios we know how to build within the valid ranges.
    for (name, scenario) in [
        (
            "twenty services of a million slots",
            heaviest::twenty_services_of_a_million_slots(),
        ),
        ("a million workers", heaviest::a_million_workers()),
    ] {
        c.bench_function(&format!("evaluate the heaviest: {name}"), |b| {
            b.iter(|| engine::evaluate(std::hint::black_box(&scenario)))
        });
    }
    c.bench_function("encode agent-platform link", |b| {
        b.iter(|| export::link::encode(std::hint::black_box(&scenario)))
    });
    let fragment = export::link::encode(&scenario);
    c.bench_function("decode agent-platform link", |b| {
        b.iter(|| export::link::decode(std::hint::black_box(&fragment)))
    });
}

criterion_group!(benches, evaluate_preset);
criterion_main!(benches);
