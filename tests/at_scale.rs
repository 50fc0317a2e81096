#![cfg(not(target_arch = "wasm32"))]
//! A hundred thousand random valid scenarios (`scenarios/random.rs`, price overrides included),
//! each evaluated whole, projection and all: none may panic, show a figure no one can read
//! (`scenarios/sound.rs`) or take more arithmetic than [`work::BUDGET`]. The time each takes is
//! measured and the slowest reported, not asserted: `.ci/bench` runs this and records it in
//! BENCHMARKS.md.
//!
//! ```text
//! cargo test --release --test at_scale -- --ignored --nocapture
//! ```
//!
//! `HEADROOM_SCENARIOS` sets how many (100,000 by default); `HEADROOM_AT_SCALE_OUT` names a file
//! to write the Markdown summary to. The draws are seeded, so a run is repeatable.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use headroom::engine::{self, work};
use headroom::export::link;
use headroom::scenario::Scenario;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

#[path = "scenarios/random.rs"]
mod random;
#[path = "scenarios/sound.rs"]
mod sound;

/// Scenarios drawn unless `HEADROOM_SCENARIOS` says otherwise.
const SCENARIOS: usize = 100_000;

/// One evaluation: how long it took and how much arithmetic, and the scenario's link.
struct Timed {
    elapsed: Duration,
    terms: u64,
    link: String,
}

#[test]
#[ignore = "a hundred thousand scenarios: run with --release --ignored (`.ci/bench` does)"]
fn a_hundred_thousand_random_valid_scenarios() {
    let count = std::env::var("HEADROOM_SCENARIOS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(SCENARIOS);
    let strategy = random::scenario_with_overrides();
    // Draws that break a rule after repair are drawn again; the runner counts them across all the
    // scenarios, so its default cap would end a long run.
    let config = Config {
        max_local_rejects: u32::MAX,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let mut times = Vec::with_capacity(count);
    let mut slowest: Vec<Timed> = Vec::new();
    let mut most_terms = 0;
    let started = Instant::now();
    for _ in 0..count {
        let s: Scenario = strategy
            .new_tree(&mut runner)
            .expect("a valid scenario can be drawn")
            .current();
        let start = Instant::now();
        let evaluated = catch_unwind(AssertUnwindSafe(|| work::counted(|| engine::evaluate(&s))));
        let elapsed = start.elapsed();
        let Ok((report, terms)) = evaluated else {
            panic!("the engine panicked on #{}", link::encode(&s));
        };
        if let Some(problem) = sound::problem(&s, &report) {
            panic!("{problem} in #{}", link::encode(&s));
        }
        assert!(
            terms <= work::BUDGET,
            "{terms} terms (budget {}) in #{}",
            work::BUDGET,
            link::encode(&s)
        );
        most_terms = most_terms.max(terms);
        times.push(elapsed);
        if slowest.len() < 3 || elapsed > slowest[slowest.len() - 1].elapsed {
            slowest.push(Timed {
                elapsed,
                terms,
                link: link::encode(&s),
            });
            slowest.sort_by_key(|t| std::cmp::Reverse(t.elapsed));
            slowest.truncate(3);
        }
    }
    let total = started.elapsed();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| format!("{:.3} ms", d.as_secs_f64() * 1e3);
    let summary = format!(
        "`tests/at_scale.rs`, release build, native, one thread: \
         {count} random valid scenarios, each evaluated whole (projection included), in {:.1} s: \
         no panic, no figure that is not finite, every one within the budget of arithmetic \
         (most: {most_terms} terms of {}).\n\n\
         | Median | 99th percentile | Slowest |\n|---|---|---|\n| {} | {} | {} |\n\n\
         The three slowest took {}; the slowest, to open in the page or `headroom eval`:\n\n\
         ```text\n#{}\n```\n",
        total.as_secs_f64(),
        work::BUDGET,
        ms(at(0.5)),
        ms(at(0.99)),
        ms(times[times.len() - 1]),
        slowest
            .iter()
            .map(|t| format!("{} ({} terms)", ms(t.elapsed), t.terms))
            .collect::<Vec<_>>()
            .join(", "),
        slowest[0].link,
    );
    println!("{summary}");
    if let Ok(out) = std::env::var("HEADROOM_AT_SCALE_OUT") {
        std::fs::write(&out, &summary).expect("the summary can be written");
    }
}
