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

/// The ranges the Monte Carlo benchmarks draw: for seed 000's model, the six inputs of the
/// peer model in `shared/peers/squiggle-seed000.mjs`; for the largest preset, its users, their
/// requests and the AI service's latency.
pub fn uncertain(preset: &str) -> headroom::scenario::Scenario {
    use headroom::scenario::ranges::read_unchecked;
    let mut s = presets::by_id(preset).unwrap().scenario();
    let ranges: &[(&str, &str)] = match preset {
        "agent-platform" => &[
            ("workload.runs_per_day", "8000..12000"),
            ("workload.peak_to_average", "2.5..3.5"),
            ("workload.run_duration_s", "20..45"),
            ("workload.steps_per_run", "4..9"),
            ("llm.input_tokens_per_call", "1500..2600"),
            ("llm.output_tokens_per_call", "350..700"),
        ],
        _ => &[
            ("users.concurrent_peak", "700..1500"),
            ("users.requests_per_user_per_s", "0.5..2"),
            ("services.1.latency_ms", "1000..4000"),
        ],
    };
    for (path, range) in ranges {
        s.ranges
            .insert(path.to_string(), read_unchecked(range).unwrap());
    }
    assert!(s.validate().is_empty(), "{:?}", s.validate());
    s
}

fn monte_carlo(c: &mut Criterion) {
    let mut group = c.benchmark_group("monte carlo");
    group.sample_size(10);
    for (preset, samples) in [
        ("agent-platform", 1_000.0),
        ("agent-platform", 10_000.0),
        ("agent-platform", 100_000.0),
        ("ux-flow-engine", 10_000.0),
    ] {
        let mut s = uncertain(preset);
        s.uncertainty.samples = samples;
        let point = engine::evaluate(&s);
        group.bench_function(format!("{preset}, {samples} samples, no projection"), |b| {
            b.iter(|| {
                let mut run = engine::uncertainty::Simulation::new(&s, &point)
                    .unwrap()
                    .without_projection();
                while !run.step(usize::MAX) {}
                run.finish()
            })
        });
    }
    group.finish();
}

/// What a Monte Carlo run of the seed-000 model costs before any figure is computed: drawing
/// its six inputs (the arithmetic of each lognormal draw: a uniform draw, Φ⁻¹ and an
/// exponential) and the P10, P50 and P90 of each figure that varies. The two set the least time
/// a run that reports every figure's percentiles can take, whatever the engine costs; the
/// comparison with Squiggle (`tests/bench/versus-squiggle.mjs`) reads them. Writes the count of
/// figures that vary to `target/bench/monte-carlo-floor.json`.
fn monte_carlo_floor(c: &mut Criterion) {
    use criterion::BatchSize;
    use engine::uncertainty::{self, Z_95};
    use headroom::math;
    let mut s = uncertain("agent-platform");
    let lognormals: Vec<(u64, f64, f64)> = (s.ranges.iter())
        .map(|(path, r)| {
            let (low, high) = (math::ln(r.low), math::ln(r.high));
            (
                math::seed_of(path),
                (low + high) / 2.0,
                (high - low) / (2.0 * Z_95),
            )
        })
        .collect();
    s.uncertainty.samples = 1_000.0;
    let run = uncertainty::simulate(&s).unwrap();
    let varying = (run.spreads.iter())
        .filter(|(_, spread)| spread.p10 != spread.p90)
        .count();
    std::fs::create_dir_all("target/bench").unwrap();
    std::fs::write(
        "target/bench/monte-carlo-floor.json",
        format!("{{\"varying_figures\": {varying}}}\n"),
    )
    .unwrap();
    let mut group = c.benchmark_group("monte carlo floor");
    group.sample_size(10);
    for samples in [1_000u64, 10_000, 100_000] {
        group.bench_function(format!("agent-platform, {samples} samples, drawing"), |b| {
            b.iter(|| {
                let mut sum = 0.0;
                for i in 0..samples {
                    for (seed, mu, sigma) in &lognormals {
                        let p = math::uniform_draw(*seed, i);
                        sum += math::exp(mu + sigma * math::normal_quantile(p));
                    }
                }
                sum
            })
        });
        let columns: Vec<Vec<f64>> = (0..varying as u64)
            .map(|k| (0..samples).map(|i| math::uniform_draw(k, i)).collect())
            .collect();
        group.bench_function(
            format!("agent-platform, {samples} samples, percentiles"),
            |b| {
                b.iter_batched(
                    || columns.clone(),
                    |mut columns| {
                        (columns.iter_mut())
                            .map(|c| uncertainty::spread(c).p50)
                            .sum::<f64>()
                    },
                    BatchSize::LargeInput,
                )
            },
        );
    }
    group.finish();
}

/// Tiers of ten values and the breaking points on the largest preset, by its concurrent users
/// (seed 002's driver), every volume of use moving with them.
fn scaling(c: &mut Criterion) {
    use engine::scaling::{self, Driver};
    let s = presets::by_id("ux-flow-engine").unwrap().scenario();
    let users = Driver::parse("users.concurrent_peak", &s).unwrap();
    let values: Vec<f64> = (1..=10).map(|k| 500.0 * f64::from(k)).collect();
    let mut group = c.benchmark_group("scaling");
    group.bench_function("ux-flow-engine, tiers of 10 values", |b| {
        b.iter(|| scaling::tiers(std::hint::black_box(&s), &users, &values))
    });
    group.bench_function("ux-flow-engine, breaking points", |b| {
        b.iter(|| scaling::breaking_points(std::hint::black_box(&s), &users))
    });
    group.finish();
}

criterion_group!(
    benches,
    evaluate_preset,
    monte_carlo,
    monte_carlo_floor,
    scaling
);
criterion_main!(benches);
