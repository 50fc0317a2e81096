//! Queueing results used for sizing.

/// Standard deviations of load, counted in instances' slots, from which the remainder of N
/// divided by slots is taken as uniform (deviation below e^(−2π²·9) ≈ 10⁻⁷⁷).
const UNIFORM_REMAINDER_SPREAD: f64 = 3.0;

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
/// The sum runs over the Poisson mass within twelve standard deviations of the mean, starting
/// from the mode (its probability from Stirling's series). Once the spread is several times one
/// instance's slots, N mod slots is uniform to machine precision (the deviation is of order
/// e^(−2π²·σ²/slots²)), and E = L ÷ slots + (slots − 1) ÷ (2·slots) exactly as far as a double
/// can tell; that form keeps a load of millions of requests as quick as a load of ten.
pub fn expected_busy_instances(mean_in_flight: f64, slots: f64) -> f64 {
    let slots = slots.max(1.0).floor();
    if !(mean_in_flight > 0.0 && mean_in_flight.is_finite()) {
        return 0.0;
    }
    let mean = mean_in_flight;
    if mean.sqrt() >= UNIFORM_REMAINDER_SPREAD * slots {
        return mean / slots + (slots - 1.0) / (2.0 * slots);
    }
    let spread = 12.0 * mean.sqrt() + 30.0;
    let low = (mean - spread).max(0.0).floor() as u64;
    let high = (mean + spread).ceil() as u64;
    let mode = mean.floor() as u64;
    let busy = |j: u64| (j as f64 / slots).ceil();
    let p_mode = ln_poisson_pmf(mode, mean).exp();
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
}

/// ln P(N = k) for N ~ Poisson(mean): k·ln(mean) − mean − ln k!.
///
/// Above k = 30, ln k! comes from Stirling's series (error below 10⁻¹²) and the terms are
/// regrouped as k·ln(mean/k) + (k − mean) − ½·ln(2πk) − …, so that near the mode no two large
/// numbers are subtracted: the result keeps full precision even for millions in flight.
fn ln_poisson_pmf(k: u64, mean: f64) -> f64 {
    if k < 30 {
        let ln_factorial: f64 = (2..=k).map(|i| (i as f64).ln()).sum();
        return k as f64 * mean.ln() - mean - ln_factorial;
    }
    let x = k as f64;
    x * ((mean - x) / x).ln_1p() + (x - mean)
        - 0.5 * (2.0 * std::f64::consts::PI * x).ln()
        - 1.0 / (12.0 * x)
        + 1.0 / (360.0 * x.powi(3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn light_load_is_the_chance_anything_is_in_flight() {
        for l in [0.001_f64, 0.1, 2.0, 6.94] {
            let expected = 1.0 - (-l).exp();
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
            let mean = (UNIFORM_REMAINDER_SPREAD * slots).powi(2);
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

    #[test]
    fn stirling_meets_the_exact_sum() {
        let (k, mean) = (40_u64, 37.5_f64);
        let ln_factorial: f64 = (2..=k).map(|i| (i as f64).ln()).sum();
        let exact = k as f64 * mean.ln() - mean - ln_factorial;
        assert!((ln_poisson_pmf(k, mean) - exact).abs() < 1e-10);
    }

    #[test]
    fn no_load_needs_no_instance() {
        assert_eq!(expected_busy_instances(0.0, 10.0), 0.0);
    }
}
