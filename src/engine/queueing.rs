//! Queueing results used for sizing.

use super::poisson;
use super::work;
use crate::math;

/// Standard deviations of load, counted in instances' slots, from which the remainder of N
/// divided by slots is taken as uniform (deviation below e^(−2π²·4) ≈ 10⁻³⁴).
const UNIFORM_REMAINDER_SPREAD: f64 = 2.0;

/// The longest a sum or recurrence over single requests or servers may run: past it, the same
/// quantity comes from the Poisson tails in a bounded number of steps. Every figure a sum of this
/// length gives is unchanged; a scenario that would need more (millions in flight on instances of
/// a million slots, a pool of a million workers) no longer costs time in proportion.
pub const TERMS_MAX: u64 = 2_000;

/// A share of a sum below which an added term cannot change it: 2⁻⁵⁴, a quarter of the
/// smallest ulp a sum of that size can have (an ulp of x is at least x·2⁻⁵², and a term under
/// half an ulp rounds away).
const NEGLIGIBLE: f64 = 1.0 / 18_014_398_509_481_984.0;

/// Expected number of busy instances when the requests in flight are packed `slots` to an
/// instance: E[⌈N/slots⌉] with N ~ Poisson(`mean_in_flight`).
///
/// The number of requests in service in an M/G/∞ system is Poisson-distributed with mean λ·E[S]
/// whatever the distribution of service times (Ross, *Introduction to Probability Models*, the
/// infinite-server queue of the Poisson-process chapter; Kleinrock, *Queueing Systems* Vol. 1,
/// the M/M/∞ system). An autoscaled service therefore has at least one instance busy for a
/// share 1 − e^−L of the time, two for P(N > slots), and so on. At light load this is much more
/// than L ÷ slots: an instance serving one request is billed as fully as one serving eighty.
///
/// Three ways ([`Method`]), by the spread σ = √L against one instance's slots, all exact to
/// double precision or within 10⁻¹² instances:
/// - Once σ is several times the slots, N mod slots is uniform to machine precision (the
///   deviation is of order e^(−2π²·σ²/slots²)), and E = L ÷ slots + (slots − 1) ÷ (2·slots).
/// - Otherwise, while the mass within ten standard deviations of the mean spans at most
///   [`TERMS_MAX`] values, the sum of P(N = j)·⌈j/slots⌉ over them, from the mode (its
///   probability from Stirling's series).
/// - Beyond that, or where the mass spans at most three multiples of the slots (a few requests
///   in flight on instances of many slots), E[⌈N/s⌉] = Σ_{k≥0} P(N > k·s): every boundary k·s
///   well below the mass counts 1, every one well above it 0, and the few within twelve
///   standard deviations (at most about fifty, since σ is under two instances' slots here) take
///   their tail from [`poisson::tails`].
pub fn expected_busy_instances(mean_in_flight: f64, slots: f64) -> f64 {
    let slots = slots.max(1.0).floor();
    if !(mean_in_flight > 0.0 && mean_in_flight.is_finite()) {
        return 0.0;
    }
    let mean = mean_in_flight;
    let sd = mean.sqrt();
    match Method::of(mean, slots) {
        Method::Uniform => return mean / slots + (slots - 1.0) / (2.0 * slots),
        Method::Boundaries => return busy_instances_by_boundaries(mean, sd, slots),
        Method::Sum => {}
    }
    let spread = 10.0 * sd + 30.0;
    let low = (mean - spread).max(0.0).floor() as u64;
    let high = (mean + spread).ceil() as u64;
    let mode = mean.floor() as u64;
    // ⌈j/s⌉ steps by one at each multiple of s: it is kept as the walk passes them rather than
    // divided out for every j (the same whole numbers, as j and s are whole), which with the
    // ratio of each term to the next is all a term costs.
    let busy = |j: u64| (j as f64 / slots).ceil();
    let step = slots as u64;
    let p_mode = math::exp(poisson::ln_pmf(mode, mean));
    let mut expected = p_mode * busy(mode);
    let mut p = p_mode;
    let (mut instances, mut last) = (busy(mode), mode.div_ceil(step) * step);
    // A term under a quarter of an ulp of the sum leaves it as it is; past mean + s every term
    // is smaller than the one before (P(N = j + 1) ÷ P(N = j) = mean ÷ (j + 1), and ⌈j/s⌉ grows
    // by at most s ÷ j of itself), and below the mean likewise going down: the walk stops at the
    // first such term, with the same sum to the bit.
    let mut terms = 1;
    for j in mode + 1..=high {
        if j > last {
            instances += 1.0;
            last += step;
        }
        p *= mean / j as f64;
        let term = p * instances;
        expected += term;
        terms += 1;
        if term < expected * NEGLIGIBLE && j as f64 >= mean + slots {
            break;
        }
    }
    let mut p = p_mode;
    let (mut instances, mut first) = (busy(mode), mode.div_ceil(step).saturating_sub(1) * step);
    for j in (low..mode).rev() {
        if j <= first {
            instances -= 1.0;
            first = first.saturating_sub(step);
        }
        p *= (j + 1) as f64 / mean;
        let term = p * instances;
        expected += term;
        terms += 1;
        if term < expected * NEGLIGIBLE {
            break;
        }
    }
    work::add(terms);
    expected
}

/// How [`expected_busy_instances`] finds E[⌈N/s⌉] for a mean and a whole number of slots.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Method {
    /// N mod s uniform: σ at least [`UNIFORM_REMAINDER_SPREAD`] instances' slots.
    Uniform,
    /// The sum over every j within ten standard deviations, at most [`TERMS_MAX`] terms.
    Sum,
    /// The tails at the multiples of s: for a mass too wide to sum, or one that spans at most three
    /// multiples (instances of many slots, a few requests in flight), where a tail or two take
    /// fewer terms than the sum.
    Boundaries,
}

impl Method {
    fn of(mean: f64, slots: f64) -> Method {
        let sd = mean.sqrt();
        if sd >= UNIFORM_REMAINDER_SPREAD * slots {
            Method::Uniform
        } else if 2.0 * (10.0 * sd + 30.0) > TERMS_MAX as f64
            || boundaries_within(mean, sd, slots).count() <= 3
        {
            Method::Boundaries
        } else {
            Method::Sum
        }
    }
}

/// E[⌈N/s⌉] = Σ_{k≥0} P(N > k·s) for N ~ Poisson(`mean`) with spread `sd`, taking the boundaries
/// more than twelve standard deviations (plus 40) below the mean as certain and those as far
/// above as impossible (each error below e^(−72)).
fn busy_instances_by_boundaries(mean: f64, sd: f64, slots: f64) -> f64 {
    let near = boundaries_within(mean, sd, slots);
    let mut expected = near.start as f64;
    for k in near {
        expected += poisson::tails(k * slots as u64, mean).1;
    }
    expected
}

/// The multiples k of the slots whose boundary k·s lies within twelve standard deviations (plus
/// 40) of the mean; those below are certain to be passed, those above never.
fn boundaries_within(mean: f64, sd: f64, slots: f64) -> std::ops::Range<u64> {
    let spread = 12.0 * sd + 40.0;
    let (low, high) = (mean - spread, mean + spread);
    let certain = if low > 0.0 { (low / slots).ceil() } else { 0.0 };
    certain as u64..(high / slots).floor() as u64 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk keeps ⌈j/s⌉ as it passes the multiples of s: the same sum, to the bit, as
    /// dividing it out for every j.
    #[test]
    fn busy_instances_keep_the_ceiling_as_they_walk() {
        let direct = |mean: f64, slots: f64| {
            let slots = slots.max(1.0).floor();
            let spread = 10.0 * mean.sqrt() + 30.0;
            let low = (mean - spread).max(0.0).floor() as u64;
            let high = (mean + spread).ceil() as u64;
            let mode = mean.floor() as u64;
            let busy = |j: u64| (j as f64 / slots).ceil();
            let p_mode = crate::math::exp(super::poisson::ln_pmf(mode, mean));
            let mut expected = p_mode * busy(mode);
            let mut p = p_mode;
            for j in mode + 1..=high {
                p *= mean / j as f64;
                expected += p * busy(j);
            }
            let mut p = p_mode;
            for j in (low..mode).rev() {
                p *= (j + 1) as f64 / mean;
                expected += p * busy(j);
            }
            expected
        };
        for mean in [
            0.3f64, 1.0, 2.5, 7.0, 29.5, 56.0, 100.0, 333.3, 1_000.0, 4_321.0,
        ] {
            for slots in [1.0, 2.0, 3.0, 7.0, 56.0, 80.0, 250.0] {
                if Method::of(mean, slots) != Method::Sum {
                    continue;
                }
                assert_eq!(
                    expected_busy_instances(mean, slots).to_bits(),
                    direct(mean, slots).to_bits(),
                    "mean {mean}, slots {slots}"
                );
            }
        }
    }

    #[test]
    fn a_pool_full_to_a_rounding_error_cannot_keep_up() {
        // 50 steps in flight against 50 slots, as λ·S rounds: the queue never drains.
        let (arrivals, service) = (50.0 / 7.0, 7.0 * (1.0 - 1e-15));
        assert!(arrivals * service < 50.0);
        assert_eq!(wait_percentile_s(arrivals, service, 50, 0.95), None);
        assert_eq!(mean_wait_s(arrivals, service, 50), None);
        assert!(wait_percentile_s(49.9 / 7.0, 7.0, 50, 0.95).is_some());
    }

    #[test]
    fn light_load_is_the_chance_anything_is_in_flight() {
        for l in [0.001_f64, 0.1, 2.0, 6.94] {
            let expected = 1.0 - math::exp(-l);
            assert!(
                (expected_busy_instances(l, 1_000.0) - expected).abs() < 1e-12,
                "{l}"
            );
        }
    }

    #[test]
    fn one_slot_per_instance_is_the_mean() {
        // ⌈N/1⌉ = N, so E[⌈N/1⌉] = L.
        for l in [0.5, 3.0, 40.0, 400.0, 12_345.6, 2.0e6] {
            let e = expected_busy_instances(l, 1.0);
            assert!((e - l).abs() < 1e-9 * l.max(1.0), "{l}: {e}");
        }
    }

    #[test]
    fn the_sum_and_the_uniform_form_agree_where_they_meet() {
        for slots in [1.0_f64, 7.0, 56.0, 700.0] {
            let mean = UNIFORM_REMAINDER_SPREAD * slots * UNIFORM_REMAINDER_SPREAD * slots;
            let below = expected_busy_instances(mean * (1.0 - 1e-12), slots);
            let at = expected_busy_instances(mean, slots);
            assert!(
                (at - below).abs() <= 1e-9 * at,
                "slots {slots}: {below} vs {at}"
            );
        }
    }

    #[test]
    fn heavy_load_meets_the_uniform_remainder_form() {
        // With a spread far wider than one instance, N mod slots is near uniform:
        // E ≈ L/slots + (slots − 1)/(2·slots).
        let (l, slots) = (1.0e6, 10.0);
        let approx = l / slots + (slots - 1.0) / (2.0 * slots);
        let e = expected_busy_instances(l, slots);
        assert!((e - approx).abs() < 1e-6 * approx, "{e} vs {approx}");
    }

    /// E[⌈N/slots⌉] by summing P(N = j)·⌈j/slots⌉ over every j within fifteen standard
    /// deviations, however many: the sum the bounded forms stand in for.
    fn busy_by_full_sum(mean: f64, slots: f64) -> f64 {
        let spread = 15.0 * mean.sqrt() + 40.0;
        let low = (mean - spread).max(0.0) as u64;
        let high = (mean + spread) as u64;
        (low..=high)
            .map(|j| math::exp(poisson::ln_pmf(j, mean)) * (j as f64 / slots).ceil())
            .sum()
    }

    /// A few requests in flight on instances of many slots: the tails at up to three multiples
    /// of the slots give the full sum's E[⌈N/s⌉] to 1e-13, in fewer terms than the sum.
    #[test]
    fn a_mass_within_three_multiples_takes_their_tails() {
        for (mean, slots) in [
            (0.9999999999999999, 105.0),
            (10.0, 105.0),
            (100.0, 140.0),
            (138.33, 140.0),
            (125.0, 350.0),
            (1_133.3, 7_000.0),
            (300.0, 290.0),
        ] {
            assert_eq!(
                Method::of(mean, slots),
                Method::Boundaries,
                "{mean}, {slots}"
            );
            let (busy, terms) = work::counted(|| expected_busy_instances(mean, slots));
            let exact = busy_by_full_sum(mean, slots);
            assert!(
                (busy - exact).abs() < 1e-13 * exact,
                "{mean} in flight, {slots} slots: {busy} vs {exact}"
            );
            // The sum walks about 8.6 standard deviations each way from the mode.
            let sum_terms = 2.0 * 8.6 * mean.sqrt();
            assert!(
                (terms as f64) < sum_terms.max(20.0),
                "{mean}, {slots}: {terms}"
            );
        }
    }

    #[test]
    fn long_sums_are_replaced_by_the_tails_at_the_boundaries() {
        // Loads whose sum would run past TERMS_MAX, on instances of many slots.
        for (mean, slots) in [
            (12_000.0, 400.0),
            (40_000.0, 1_000.0),
            (250_000.0, 3_000.0),
            (1.0e6, 1.0e5),
            (4.0e6, 1.0e6),
        ] {
            let (busy, terms) = work::counted(|| expected_busy_instances(mean, slots));
            let exact = busy_by_full_sum(mean, slots);
            assert!(
                (busy - exact).abs() < 1e-9 * exact,
                "{mean} in flight, {slots} slots: {busy} vs {exact}"
            );
            assert!(
                terms <= 100,
                "{mean} in flight, {slots} slots: {terms} terms"
            );
        }
        // Where the sum and the boundaries meet they agree.
        let sd = (TERMS_MAX as f64 / 2.0 - 30.0) / 10.0;
        let mean = sd * sd;
        for slots in [500.0, 5_000.0, 1.0e6] {
            let summed = expected_busy_instances(mean * (1.0 - 1e-13), slots);
            let bounded = expected_busy_instances(mean * (1.0 + 1e-13), slots);
            assert!(
                (summed - bounded).abs() < 1e-9 * summed,
                "{slots}: {summed} vs {bounded}"
            );
        }
    }

    #[test]
    fn no_load_takes_work_in_proportion_to_its_size() {
        for mean in [1.0e3, 1.0e6, 1.0e9, 1.0e12, 4.0e15] {
            for slots in [1.0, 80.0, 1_000.0, 1.0e6] {
                let (_, terms) = work::counted(|| expected_busy_instances(mean, slots));
                assert!(
                    terms <= TERMS_MAX,
                    "{mean} in flight, {slots} slots: {terms} terms"
                );
            }
        }
    }

    #[test]
    fn no_load_needs_no_instance() {
        assert_eq!(expected_busy_instances(0.0, 10.0), 0.0);
    }
}

// ---------------------------------------------------------------------------------------------
// M/M/c: sizing a pool of servers against a wait target.
//
// Arrivals λ per second, mean service time S seconds (μ = 1/S per server), c servers, offered
// load a = λ·S, utilisation ρ = a/c. Source for every formula below:
// Kleinrock, *Queueing Systems* Vol. 1, §3.5 (M/M/m); Harchol-Balter,
// *Performance Modeling and Design of Computer Systems*, ch. 14 (M/M/k, Erlang C).
// ---------------------------------------------------------------------------------------------

/// Erlang C: the probability that an arrival to an M/M/c queue must wait, P(W_q > 0).
///
/// Uses the stable Erlang B recurrence B₀ = 1, B_k = a·B_{k−1} / (k + a·B_{k−1}), then
/// C = B_c / (1 − ρ·(1 − B_c)) with ρ = a/c; no factorial or power is formed, so it neither
/// overflows nor loses precision for large loads. (Kleinrock Vol. 1 §3.5; Harchol-Balter ch. 14.)
/// Where the recurrence would run past [`TERMS_MAX`] steps, B_c comes from the Poisson tails
/// instead ([`erlang_b_by_tails`]).
///
/// Edge cases: no load (a ≤ 0, or not a number) never waits: 0. An unstable system (ρ ≥ 1,
/// including zero servers) always waits: 1.
pub fn erlang_c(offered_load: f64, servers: u32) -> f64 {
    let a = offered_load;
    if a.is_nan() || a <= 0.0 {
        return 0.0;
    }
    if a >= f64::from(servers) {
        return 1.0;
    }
    let b = match erlang_b_by_recurrence(a, servers) {
        Some(b) => b,
        None => erlang_b_by_tails(a, servers),
    };
    erlang_c_from_b(b, a / f64::from(servers))
}

/// Erlang B by its recurrence, or `None` where it would take more than [`TERMS_MAX`] steps
/// (it stops early once B underflows: B_c, and so C, is 0 to double precision).
///
/// It runs on 1/B: 1/B_k = 1 + (k/a)·(1/B_{k−1}), the same recurrence without a division at
/// each step (a multiply-add each; the division of [`erlang_b_step`] held each step up for its
/// latency), and B_c = 1 ÷ (1/B_c) at the end. All terms are positive, so it is as stable.
fn erlang_b_by_recurrence(a: f64, servers: u32) -> Option<f64> {
    let steps = servers.min(TERMS_MAX as u32);
    let per_server = 1.0 / a;
    let mut inverse = 1.0_f64;
    for k in 1..=steps {
        inverse = 1.0 + f64::from(k) * per_server * inverse;
        if inverse.is_infinite() {
            work::add(u64::from(k));
            return Some(0.0);
        }
    }
    work::add(u64::from(steps));
    (steps == servers).then_some(1.0 / inverse)
}

/// Erlang B from the Poisson distribution: the Erlang loss system holds n busy servers with
/// probability P(N = n) ÷ P(N ≤ c), N ~ Poisson(a) (the truncated Poisson distribution; Kleinrock
/// Vol. 1 §3.6), so B_c = P(N = c) ÷ P(N ≤ c). A fixed few operations whatever c.
fn erlang_b_by_tails(a: f64, servers: u32) -> f64 {
    let c = u64::from(servers);
    let below = poisson::tails(c, a).0;
    if below <= 0.0 {
        return 1.0;
    }
    (math::exp(poisson::ln_pmf(c, a)) / below).min(1.0)
}

/// One step of the Erlang B recurrence: B_k from B_{k−1} at offered load `a`.
fn erlang_b_step(a: f64, b_previous: f64, k: u32) -> f64 {
    a * b_previous / (f64::from(k) + a * b_previous)
}

/// Erlang C from Erlang B with the same servers: C = B / (1 − ρ(1 − B)). Needs ρ < 1.
fn erlang_c_from_b(b: f64, utilization: f64) -> f64 {
    b / (1.0 - utilization * (1.0 - b))
}

/// Offered load a = λ·S in erlangs, or `None` when either input is negative or not finite.
fn offered_load(arrivals_per_sec: f64, service_time_s: f64) -> Option<f64> {
    let valid = |x: f64| x.is_finite() && x >= 0.0;
    let a = arrivals_per_sec * service_time_s;
    (valid(arrivals_per_sec) && valid(service_time_s) && a.is_finite()).then_some(a)
}

/// The p-th percentile of the wait in queue, given the chance of waiting C and the rate at
/// which the queue drains, cμ − λ: t_p = max(0, ln(C / (1 − p)) / (cμ − λ)), from
/// P(W_q > t) = C·e^{−(cμ−λ)t}. Zero when C ≤ 1 − p (at least a share p never waits).
fn percentile_wait_from_c(p_wait: f64, percentile: f64, drain_per_sec: f64) -> f64 {
    if p_wait <= 1.0 - percentile {
        return 0.0;
    }
    (math::ln(p_wait / (1.0 - percentile)) / drain_per_sec).max(0.0)
}

/// Whether `p` is a usable percentile, as a fraction: 0 ≤ p < 1 (0.95 for the 95th).
fn valid_percentile(p: f64) -> bool {
    (0.0..1.0).contains(&p)
}

/// Mean wait in queue (before service starts) of an M/M/c queue, in seconds:
/// W_q = C / (cμ − λ), where cμ − λ = (c − a)/S.
///
/// `None` when the pool cannot keep up (λ·S ≥ c, including zero servers) or an input is
/// negative or not finite. With no arrivals or no service time the wait is 0.
/// (Kleinrock Vol. 1 §3.5.)
pub fn mean_wait_s(arrivals_per_sec: f64, service_time_s: f64, servers: u32) -> Option<f64> {
    match stable_pool(arrivals_per_sec, service_time_s, servers)? {
        None => Some(0.0),
        Some((c_wait, drain_per_sec)) => Some(c_wait / drain_per_sec).filter(|w| w.is_finite()),
    }
}

/// Whether a pool is so far above its load that fewer than 1 − `percentile` of arrivals wait,
/// so that its `percentile` wait is exactly 0, known without Erlang C's recurrence (which runs
/// over every server: a thousand slots for a few dozen requests in flight made each figure
/// cost thousands of steps).
///
/// For N ~ Poisson(a), Bernstein's inequality gives P(N ≥ a + t) ≤ exp(−t² ÷ (2(a + t/3))),
/// which is at most 10⁻³ from t = (4.61 + √(21.25 + 55.26·a)) ÷ 2 (the root of
/// t² − 4.61·t − 13.82·a = 0, 13.82 = 2·ln 1000). With c ≥ a + t servers, Erlang B =
/// P(N = c) ÷ P(N ≤ c) ≤ 10⁻³ ÷ 0.999, and at utilisation ρ = a/c ≤ 0.9 Erlang C =
/// B ÷ (1 − ρ(1 − B)) ≤ B ÷ (1 − ρ) < 0.011: below 1 − p for any p up to 0.98, where the
/// percentile wait max(0, ln(C ÷ (1 − p)) ÷ (cμ − λ)) is 0.
fn far_below_its_servers(
    arrivals_per_sec: f64,
    service_time_s: f64,
    servers: u32,
    percentile: f64,
) -> bool {
    let Some(a) = offered_load(arrivals_per_sec, service_time_s) else {
        return false;
    };
    let c = f64::from(servers);
    let t = (4.61 + (21.25 + 55.26 * a).sqrt()) / 2.0;
    percentile <= 0.98 && a <= 0.9 * c && c >= a + t
}

/// For a pool that keeps up: `Some(None)` with no load, else `Some(Some((C, cμ − λ)))`, the
/// chance to wait and the rate the queue drains at. `None` when the pool cannot keep up
/// (a ≥ c, to within [`FULL_POOL_TOLERANCE`]) or an input is invalid.
fn stable_pool(
    arrivals_per_sec: f64,
    service_time_s: f64,
    servers: u32,
) -> Option<Option<(f64, f64)>> {
    let a = offered_load(arrivals_per_sec, service_time_s)?;
    let c = f64::from(servers);
    // A pool within a billionth of full is full: its queue drains so slowly that the wait runs
    // past any horizon a plan has, and the rounding of λ·S alone decides which side of c the
    // load falls on.
    if a >= c * (1.0 - FULL_POOL_TOLERANCE) {
        return None;
    }
    if a == 0.0 {
        return Some(None);
    }
    Some(Some((erlang_c(a, servers), (c - a) / service_time_s)))
}

/// How close to its slots a pool's load may come, as a share of them, before it counts as full.
const FULL_POOL_TOLERANCE: f64 = 1e-9;

/// The `percentile` wait in queue of an M/M/c queue, in seconds (`percentile` as a fraction:
/// 0.95 for the 95th): t_p = max(0, ln(C / (1 − p)) / (cμ − λ)).
///
/// `None` when the pool cannot keep up (λ·S ≥ c), an input is negative or not finite, or the
/// percentile is outside 0 ≤ p < 1. (Harchol-Balter ch. 14.)
pub fn wait_percentile_s(
    arrivals_per_sec: f64,
    service_time_s: f64,
    servers: u32,
    percentile: f64,
) -> Option<f64> {
    if !valid_percentile(percentile) {
        return None;
    }
    if far_below_its_servers(arrivals_per_sec, service_time_s, servers, percentile) {
        return Some(0.0);
    }
    match stable_pool(arrivals_per_sec, service_time_s, servers)? {
        None => Some(0.0),
        Some((c_wait, drain_per_sec)) => {
            Some(percentile_wait_from_c(c_wait, percentile, drain_per_sec))
                .filter(|t| t.is_finite())
        }
    }
}

/// Allen–Cunneen correction of an M/M/c wait for non-exponential traffic (G/G/c):
/// W(G/G/c) ≈ W(M/M/c) · (C_a² + C_s²) / 2, where C_a² and C_s² are the squared coefficients of
/// variation of inter-arrival and service times (1 for exponential, 0 for constant).
///
/// The approximation is stated for the mean wait (Allen, *Probability,
/// Statistics and Queueing Theory*, 2nd ed., §6). Applied to a percentile it keeps the chance of
/// waiting (Erlang C) and stretches the exponential tail of the conditional wait by the same
/// factor, so every percentile scales alike; treat that as an estimate. To size a pool for a
/// G/G/c target, divide the target by the factor and call [`smallest_pool_for_wait`].
/// Negative or non-numeric variations count as 0; the result is always finite.
pub fn allen_cunneen_wait_s(mm_c_wait_s: f64, arrival_cv2: f64, service_cv2: f64) -> f64 {
    let cv2 = |x: f64| if x > 0.0 { x } else { 0.0 };
    let wait = mm_c_wait_s.max(0.0) * (cv2(arrival_cv2) + cv2(service_cv2)) / 2.0;
    wait.min(f64::MAX)
}

/// The fewest servers (at most `max_servers`) whose `percentile` wait in queue is at most
/// `target_s` seconds, for Poisson arrivals and exponential service (M/M/c).
///
/// Walks c upward with the Erlang B recurrence, so the search costs one pass of [`erlang_c`] at
/// the answer; past [`TERMS_MAX`] servers it doubles c, then halves the interval, taking each
/// Erlang B from the Poisson tails: the wait falls as servers are added, so the first c that
/// meets the target is found either way. At least one server. `None` when even `max_servers`
/// misses the target, or an input is invalid (negative, not finite, percentile outside
/// 0 ≤ p < 1). (Harchol-Balter ch. 14, the square-root staffing discussion.)
pub fn smallest_pool_for_wait(
    arrivals_per_sec: f64,
    service_time_s: f64,
    target_s: f64,
    percentile: f64,
    max_servers: u32,
) -> Option<u32> {
    if !valid_percentile(percentile) || target_s.is_nan() || target_s < 0.0 {
        return None;
    }
    let a = offered_load(arrivals_per_sec, service_time_s)?;
    if a == 0.0 {
        return (max_servers >= 1).then_some(1);
    }
    if a >= f64::from(max_servers) {
        return None; // no pool within the limit keeps up
    }
    let meets = |c: u32, b: f64| {
        let servers = f64::from(c);
        let drain_per_sec = (servers - a) / service_time_s;
        percentile_wait_from_c(erlang_c_from_b(b, a / servers), percentile, drain_per_sec)
            <= target_s
    };
    let walked = max_servers.min(TERMS_MAX as u32);
    let mut b = 1.0;
    for k in 1..=walked {
        b = erlang_b_step(a, b, k);
        if a < f64::from(k) && meets(k, b) {
            work::add(u64::from(k));
            return Some(k);
        }
    }
    work::add(u64::from(walked));
    // Every c up to `walked` misses; the first stable c beyond it is where the search starts.
    let meets_by_tails = |c: u32| meets(c, erlang_b_by_tails(a, c));
    let mut missed = walked.max(a.floor() as u32);
    let mut step = 1_u32;
    let mut hit = loop {
        let c = missed.saturating_add(step).min(max_servers);
        if meets_by_tails(c) {
            break c;
        }
        if c == max_servers {
            return None;
        }
        missed = c;
        step = step.saturating_mul(2);
    };
    while hit - missed > 1 {
        let middle = missed + (hit - missed) / 2;
        if meets_by_tails(middle) {
            hit = middle;
        } else {
            missed = middle;
        }
    }
    Some(hit)
}

#[cfg(test)]
mod mmc_tests {
    use super::*;

    /// Erlang C from its closed form, Σ a^k/k! summed term by term: independent of the
    /// recurrence under test.
    fn erlang_c_by_series(a: f64, c: u32) -> f64 {
        let mut term = 1.0; // a^0/0!
        let mut below_c = 0.0;
        for k in 0..c {
            below_c += term;
            term *= a / f64::from(k + 1);
        }
        // term is now a^c/c!
        let top = term * f64::from(c) / (f64::from(c) - a);
        top / (below_c + top)
    }

    #[test]
    fn erlang_c_meets_textbook_values() {
        // Two servers at a = 1: C = 1/3. Three servers at a = 2: C = 4/9.
        assert!((erlang_c(1.0, 2) - 1.0 / 3.0).abs() < 1e-12);
        assert!((erlang_c(2.0, 3) - 4.0 / 9.0).abs() < 1e-12);
        // One server: C = ρ.
        assert!((erlang_c(0.7, 1) - 0.7).abs() < 1e-12);
    }

    #[test]
    fn erlang_c_meets_published_table_values() {
        // Erlang C table entries (4 decimals), checked against the closed-form series.
        for (a, c, table) in [
            (10.0, 12, 0.4494),
            (10.0, 11, 0.6821),
            (5.0, 6, 0.5875),
            (20.0, 25, 0.2091),
        ] {
            let recurrence = erlang_c(a, c);
            assert!(
                (recurrence - table).abs() < 5e-5,
                "a={a} c={c}: {recurrence}"
            );
            assert!(
                (recurrence - erlang_c_by_series(a, c)).abs() < 1e-12,
                "a={a} c={c}"
            );
        }
    }

    #[test]
    fn erlang_c_at_the_edges() {
        assert_eq!(erlang_c(0.0, 3), 0.0);
        assert_eq!(erlang_c(-1.0, 3), 0.0);
        assert_eq!(erlang_c(f64::NAN, 3), 0.0);
        assert_eq!(erlang_c(3.0, 3), 1.0);
        assert_eq!(erlang_c(5.0, 0), 1.0);
        assert_eq!(erlang_c(f64::INFINITY, 3), 1.0);
        // A huge pool for a small load: B underflows, C is 0, and the loop stops early.
        assert_eq!(erlang_c(1.0, u32::MAX), 0.0);
        // A large load stays accurate (no factorials): a = 900, c = 1000 lies strictly inside (0, 1).
        let c = erlang_c(900.0, 1_000);
        assert!(c > 0.0 && c < 1.0, "{c}");
    }

    #[test]
    fn mean_and_percentile_waits_worked_example() {
        // λ = 1/s, S = 1 s, c = 2: a = 1, C = 1/3, cμ − λ = 1/s.
        let mean = mean_wait_s(1.0, 1.0, 2).unwrap();
        assert!((mean - 1.0 / 3.0).abs() < 1e-12);
        // t_95 = ln((1/3)/0.05) / 1 = ln(20/3).
        let p95 = wait_percentile_s(1.0, 1.0, 2, 0.95).unwrap();
        assert!((p95 - math::ln(20.0 / 3.0)).abs() < 1e-12);
        // The median is 0: two thirds of arrivals never wait.
        assert_eq!(wait_percentile_s(1.0, 1.0, 2, 0.5), Some(0.0));
    }

    #[test]
    fn unstable_or_invalid_has_no_wait() {
        assert_eq!(mean_wait_s(2.0, 1.0, 2), None);
        assert_eq!(wait_percentile_s(3.0, 1.0, 2, 0.95), None);
        assert_eq!(wait_percentile_s(1.0, 1.0, 2, 1.0), None);
        assert_eq!(wait_percentile_s(1.0, 1.0, 2, -0.1), None);
        assert_eq!(mean_wait_s(-1.0, 1.0, 2), None);
        assert_eq!(mean_wait_s(1.0, f64::NAN, 2), None);
        assert_eq!(mean_wait_s(1.0, 1.0, 0), None);
        assert_eq!(mean_wait_s(0.0, 1.0, 2), Some(0.0));
        assert_eq!(wait_percentile_s(5.0, 0.0, 1, 0.99), Some(0.0));
    }

    #[test]
    fn p95_wait_falls_as_servers_are_added() {
        // λ = 8/s, S = 1 s: a = 8, stable from 9 servers.
        let waits: Vec<f64> = (9..=30)
            .map(|c| wait_percentile_s(8.0, 1.0, c, 0.95).unwrap())
            .collect();
        for pair in waits.windows(2) {
            assert!(pair[1] <= pair[0], "{waits:?}");
            if pair[0] > 0.0 {
                assert!(pair[1] < pair[0], "{waits:?}");
            }
        }
        assert!(waits[0] > 0.0);
        assert_eq!(*waits.last().unwrap(), 0.0);
    }

    #[test]
    fn smallest_pool_meets_the_target_and_one_fewer_does_not() {
        for (lambda, service, target, p) in [
            (20.0, 0.5, 0.1, 0.95),
            (8.0, 1.0, 0.5, 0.95),
            (100.0, 0.2, 0.05, 0.99),
            (0.347, 10.0, 1.0, 0.95),
        ] {
            let c = smallest_pool_for_wait(lambda, service, target, p, 10_000).unwrap();
            let met = wait_percentile_s(lambda, service, c, p).unwrap();
            assert!(met <= target, "λ={lambda}: {c} servers wait {met}");
            match wait_percentile_s(lambda, service, c - 1, p) {
                None => {} // one fewer cannot keep up at all
                Some(missed) => assert!(
                    missed > target,
                    "λ={lambda}: {} servers wait {missed}",
                    c - 1
                ),
            }
        }
    }

    /// Erlang B by the recurrence run to the end, however long.
    fn erlang_b_full(a: f64, c: u32) -> f64 {
        (1..=c).fold(1.0, |b, k| erlang_b_step(a, b, k))
    }

    #[test]
    fn large_pools_take_erlang_b_from_the_poisson_tails() {
        for (a, c) in [
            (1_900.0, 2_100_u32),
            (4_900.0, 5_000),
            (95_000.0, 96_000),
            (500_000.0, 502_000),
            (10.0, 1_000_000),
        ] {
            let exact = erlang_c_from_b(erlang_b_full(a, c), a / f64::from(c));
            let (got, terms) = work::counted(|| erlang_c(a, c));
            assert!(
                (got - exact).abs() <= 1e-9 * exact.max(1e-300),
                "a = {a}, c = {c}: {got} vs {exact}"
            );
            assert!(terms <= TERMS_MAX + 1, "a = {a}, c = {c}: {terms} terms");
        }
    }

    #[test]
    fn large_pools_are_sized_by_halving_not_walking() {
        for (lambda, service, target) in [
            (500.0, 10.0, 0.5),
            (40_000.0, 2.0, 0.01),
            (3_000.0, 200.0, 5.0),
        ] {
            let (c, terms) =
                work::counted(|| smallest_pool_for_wait(lambda, service, target, 0.95, 1_000_000));
            let c = c.unwrap();
            assert!(terms <= TERMS_MAX + 100, "λ = {lambda}: {terms} terms");
            // The answer meets the target and one fewer does not, by the full recurrence.
            let a = lambda * service;
            let wait = |c: u32| {
                let servers = f64::from(c);
                percentile_wait_from_c(
                    erlang_c_from_b(erlang_b_full(a, c), a / servers),
                    0.95,
                    (servers - a) / service,
                )
            };
            assert!(
                wait(c) <= target,
                "λ = {lambda}: {c} servers wait {}",
                wait(c)
            );
            assert!(
                wait(c - 1) > target,
                "λ = {lambda}: {} servers wait {}",
                c - 1,
                wait(c - 1)
            );
        }
        // A load above the largest pool is refused at once.
        let (none, terms) =
            work::counted(|| smallest_pool_for_wait(1.0e9, 1.0, 1.0, 0.95, 1_000_000));
        assert_eq!((none, terms), (None, 0));
    }

    #[test]
    fn smallest_pool_edges() {
        // Not reachable within the cap.
        assert_eq!(smallest_pool_for_wait(20.0, 0.5, 0.1, 0.95, 10), None);
        // No traffic: one server.
        assert_eq!(smallest_pool_for_wait(0.0, 0.5, 0.1, 0.95, 10), Some(1));
        assert_eq!(smallest_pool_for_wait(0.0, 0.5, 0.1, 0.95, 0), None);
        // Invalid inputs.
        assert_eq!(smallest_pool_for_wait(1.0, 1.0, -1.0, 0.95, 10), None);
        assert_eq!(smallest_pool_for_wait(1.0, 1.0, 1.0, 1.0, 10), None);
        assert_eq!(smallest_pool_for_wait(f64::NAN, 1.0, 1.0, 0.9, 10), None);
        // A zero-wait target is met once at least 95% of arrivals find a free server.
        let c = smallest_pool_for_wait(8.0, 1.0, 0.0, 0.95, 100).unwrap();
        assert!(erlang_c(8.0, c) <= 0.05 && erlang_c(8.0, c - 1) > 0.05);
    }

    #[test]
    fn a_pool_far_above_its_load_has_no_wait_without_the_recurrence() {
        // Wherever the shortcut says so, Erlang C is indeed below 1 − p: the wait is 0.
        for servers in [1u32, 2, 5, 10, 50, 100, 400, 1_000, 1_999] {
            for load in [0.01, 0.5, 1.0, 3.0, 10.0, 40.0, 137.5, 300.0, 900.0] {
                for p in [0.5, 0.9, 0.95, 0.98] {
                    if far_below_its_servers(load, 1.0, servers, p) {
                        let c = erlang_c(load, servers);
                        assert!(
                            c < 1.0 - p,
                            "{servers} servers, load {load}, p {p}: C = {c}"
                        );
                        assert!(c < 0.011, "{servers} servers, load {load}: C = {c}");
                    }
                }
            }
        }
        // The pools the presets' services hold: a thousand slots for fifty in flight.
        assert!(far_below_its_servers(1_000.0, 0.05, 1_000, 0.95));
        assert_eq!(wait_percentile_s(1_000.0, 0.05, 1_000, 0.95), Some(0.0));
        // Near full it does not apply, nor for a percentile above 0.98.
        assert!(!far_below_its_servers(50.0, 2.75, 150, 0.95));
        assert!(!far_below_its_servers(1.0, 0.05, 1_000, 0.99));
    }

    #[test]
    fn allen_cunneen_scales_the_wait() {
        // Poisson arrivals, exponential service: unchanged.
        assert_eq!(allen_cunneen_wait_s(2.0, 1.0, 1.0), 2.0);
        // Constant service (M/D/c): about half.
        assert_eq!(allen_cunneen_wait_s(2.0, 1.0, 0.0), 1.0);
        // Bursty arrivals (C_a² = 4): 2.5×.
        assert_eq!(allen_cunneen_wait_s(2.0, 4.0, 1.0), 5.0);
        assert_eq!(allen_cunneen_wait_s(2.0, f64::NAN, -3.0), 0.0);
        assert!(allen_cunneen_wait_s(f64::MAX, f64::MAX, 1.0).is_finite());
    }
}
