//! How much arithmetic an evaluation takes, counted in the terms of the engine's sums and
//! recurrences (a term is a few multiplications and a division, or one evaluation of a closed
//! form), so that a test can hold every valid scenario to a budget without timing anything.
//!
//! Each sum adds its terms once, when it ends; the count is per thread, so tests running side by
//! side do not see each other's.

use std::cell::Cell;

thread_local! {
    static TERMS: Cell<u64> = const { Cell::new(0) };
}

/// Records that a sum or recurrence took `terms` terms.
pub(crate) fn add(terms: u64) {
    TERMS.with(|count| count.set(count.get().saturating_add(terms)));
}

/// The terms taken on this thread so far.
pub fn terms() -> u64 {
    TERMS.with(Cell::get)
}

/// What `f` returns, and the terms it took.
pub fn counted<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let before = terms();
    let value = f();
    (value, terms() - before)
}
