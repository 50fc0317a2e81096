//! What every fuzz target asserts of what Headroom accepts and of what it refuses.
//!
//! - A scenario accepted from outside is valid, its share link reopens exactly it, and its
//!   evaluation (projection included) takes no more than [`work::BUDGET`] terms of arithmetic and
//!   shows only figures a person can read.
//! - A refusal is one line, at most [`LONGEST_MESSAGE`] characters, and free of control characters,
//!   line separators and direction overrides, whatever the input held.
//!
//! Time and memory are bounded by libFuzzer itself (`-timeout`, `-rss_limit_mb`, `-malloc_limit_mb`
//! in `.ci/fuzz`): an input that takes longer or allocates more is a failure.

use headroom::engine::{self, work};
use headroom::export::link;
use headroom::scenario::Scenario;
use headroom::scenario::inputs::is_unsafe_in_text;

#[path = "../../scenarios/sound.rs"]
mod sound;

/// The longest refusal, in characters: the command line's own limit (400) and its `headroom: `
/// prefix.
pub const LONGEST_MESSAGE: usize = 420;

/// Panics unless `scenario`, accepted from outside, is valid, round-trips through its link, and
/// evaluates within the budget to figures that read.
pub fn accepted(scenario: &Scenario) {
    let errors = scenario.validate();
    assert!(errors.is_empty(), "accepted but invalid: {errors:?}");
    let fragment = link::encode(scenario);
    let reopened = link::decode(&fragment)
        .unwrap_or_else(|e| panic!("its own link does not open: {e} (#{fragment})"));
    assert!(
        reopened == *scenario,
        "its link opens another scenario (#{fragment})"
    );
    let (report, terms) = work::counted(|| engine::evaluate(scenario));
    assert!(
        terms <= work::BUDGET,
        "{terms} terms, over the budget of {} (#{fragment})",
        work::BUDGET
    );
    if let Some(problem) = sound::problem(scenario, &report) {
        panic!("{problem} (#{fragment})");
    }
}

/// Panics unless `scenario`, accepted from outside, is valid and its launch figures read
/// (`engine::evaluate_figures`, without the projection). For `--set` edits, which reach no
/// scenario a link cannot: the link target checks the round trip and evaluates whole, at a
/// tenth of the speed.
pub fn accepted_at_launch(scenario: &Scenario) {
    let errors = scenario.validate();
    assert!(errors.is_empty(), "accepted but invalid: {errors:?}");
    let (report, _) = engine::evaluate_figures(scenario);
    if let Some(problem) = sound::problem_at_launch(scenario, &report) {
        panic!("{problem} ({})", link::encode(scenario));
    }
}

/// Panics unless `message` is one safe line of at most [`LONGEST_MESSAGE`] characters.
pub fn refused(message: &str) {
    assert!(
        message.chars().count() <= LONGEST_MESSAGE,
        "a message of {} characters",
        message.chars().count()
    );
    assert!(
        !message.chars().any(is_unsafe_in_text),
        "a message with a control character: {message:?}"
    );
}
