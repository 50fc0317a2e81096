//! How much arithmetic an evaluation takes, counted in the terms of the engine's sums and
//! recurrences (a term is a few multiplications and a division, or one evaluation of a closed
//! form), so that a test can hold every valid scenario to a budget without timing anything.
//!
//! Each sum adds its terms once, when it ends; the count is per thread, so tests running side by
//! side do not see each other's.

use std::cell::Cell;

use super::queueing::TERMS_MAX;
use crate::scenario::fields::Item;
use crate::scenario::{Service, TenantGroup};

/// The longest projection, in months (the "Projection length" choice).
const LONGEST_PROJECTION_MONTHS: u64 = 36;

/// The most terms one evaluation may take, however large its numbers: the launch, up to
/// [`LONGEST_PROJECTION_MONTHS`] projected months, and the bills that share the launch among the
/// customers listed by name (one without them, and one alone and one without for each of up to
/// [`TenantGroup::MAX_ITEMS`]; [`super::customers`]), each sizing the run executor and up to
/// [`Service::MAX_ITEMS`] services (one occupancy sum each) and a worker pool (Erlang C, and the
/// smallest pool for the wait target), each sum at most [`TERMS_MAX`] terms and a hundred more
/// for the closed forms that replace a longer one. The property tests, the fuzzers and the run
/// of random scenarios at scale hold every evaluation to it.
pub const BUDGET: u64 = (1 + LONGEST_PROJECTION_MONTHS + 1 + 2 * TenantGroup::MAX_ITEMS as u64)
    * (1 + Service::MAX_ITEMS as u64 + 2)
    * (TERMS_MAX + 100);

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
