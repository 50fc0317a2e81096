//! The Poisson distribution: its probabilities and tails, each at a cost that does not grow with
//! the mean, for the queueing results built on them.
//!
//! Sources: Stirling's series for ln k! (Abramowitz & Stegun 6.1.41); P(N ≤ k) = Q(k + 1, mean),
//! the regularized upper incomplete gamma function (DLMF 8.4.10); Temme's uniform asymptotic
//! expansion of Q(a, x) for large a (DLMF 8.12.3–8.12.8, N. M. Temme, *The asymptotic expansion
//! of the incomplete gamma functions*, SIAM J. Math. Anal. 10 (1979) 757–766).

use super::work;
use crate::math;

/// Above this shape a = k + 1, a tail comes from Temme's expansion; below it, from the
/// probabilities summed term by term. At a = 1,000 the first omitted term of the expansion,
/// c₃(η)/a³, is below 10⁻¹² of the density e^(−aη²/2)/√(2πa), itself below 0.013: the tail is
/// right to about 10⁻¹⁴ absolute (checked against mpmath in the tests), and closer the larger a
/// is.
const EXPANSION_FROM_SHAPE: f64 = 1_000.0;

/// ln P(N = k) for N ~ Poisson(mean): k·ln(mean) − mean − ln k!.
///
/// Above k = 30, ln k! comes from Stirling's series to its 1/(1260k⁵) term (error below
/// 3·10⁻¹⁴), and the terms are regrouped as k·ln(mean/k) + (k − mean) − ½·ln(2πk) − …, so that
/// near the mode no two large numbers are subtracted: the result keeps full precision even for
/// millions in flight.
pub fn ln_pmf(k: u64, mean: f64) -> f64 {
    if k < 30 {
        let ln_factorial: f64 = (2..=k).map(|i| math::ln(i as f64)).sum();
        return k as f64 * math::ln(mean) - mean - ln_factorial;
    }
    let x = k as f64;
    x * math::ln_1p((mean - x) / x) + (x - mean)
        - 0.5 * math::ln(2.0 * std::f64::consts::PI * x)
        - 1.0 / (12.0 * x)
        + 1.0 / (360.0 * x * x * x)
        - 1.0 / (1260.0 * x * x * x * x * x)
}

/// The two tails at `k` of N ~ Poisson(`mean`): (P(N ≤ k), P(N > k)), each to 10⁻¹³
/// absolute or better, whatever the mean, at a bounded cost: at most about 10·√`mean` + 60
/// terms below a shape k + 1 of [`EXPANSION_FROM_SHAPE`], and a fixed few operations above it.
pub fn tails(k: u64, mean: f64) -> (f64, f64) {
    if mean.is_nan() || mean <= 0.0 {
        return (1.0, 0.0);
    }
    if mean == f64::INFINITY {
        return (0.0, 1.0);
    }
    let a = k as f64 + 1.0;
    if a >= EXPANSION_FROM_SHAPE {
        let (q, p) = temme_q_p(a, mean);
        return (q, p);
    }
    // Sum the smaller tail term by term from k outward, and take the other as its complement.
    let mut p = math::exp(ln_pmf(k, mean));
    let mut terms = 1_u64;
    if (k as f64) < mean {
        // P(N ≤ k): k, k − 1, …, 0; each term (j ÷ mean) of the one above.
        let mut below = p;
        for j in (1..=k).rev() {
            p *= j as f64 / mean;
            below += p;
            terms += 1;
            if p < below * 1e-17 {
                break;
            }
        }
        work::add(terms);
        let below = below.min(1.0);
        (below, 1.0 - below)
    } else {
        // P(N > k): k + 1, k + 2, …; each term (mean ÷ j) of the one below.
        let mut above = 0.0;
        let mut j = k + 1;
        loop {
            p *= mean / j as f64;
            above += p;
            terms += 1;
            if p <= above * 1e-17 || p == 0.0 {
                break;
            }
            j += 1;
        }
        work::add(terms);
        let above = above.min(1.0);
        (1.0 - above, above)
    }
}

/// Q(a, x) and P(a, x) = 1 − Q(a, x), the regularized incomplete gamma functions, for large a
/// by Temme's uniform expansion with its first three coefficients (DLMF 8.12.3–8.12.8):
/// Q = ½·erfc(η·√(a/2)) + R, P = ½·erfc(−η·√(a/2)) − R,
/// R = e^(−aη²/2) ÷ √(2πa) · (c₀(η) + c₁(η)/a + c₂(η)/a²),
/// where λ = x/a and ½η² = λ − 1 − ln λ, η of the sign of λ − 1.
fn temme_q_p(a: f64, x: f64) -> (f64, f64) {
    let mu = (x - a) / a; // λ − 1
    let eta = {
        let half_eta2 = mu_minus_ln_1p(mu);
        (2.0 * half_eta2).max(0.0).sqrt().copysign(mu)
    };
    let [c0, c1, c2] = temme_coefficients(eta, mu);
    let remainder = math::exp(-0.5 * a * eta * eta) / (2.0 * std::f64::consts::PI * a).sqrt()
        * (c0 + (c1 + c2 / a) / a);
    let z = eta * (0.5 * a).sqrt();
    let q = 0.5 * math::erfc(z) + remainder;
    let p = 0.5 * math::erfc(-z) - remainder;
    work::add(1);
    (q.clamp(0.0, 1.0), p.clamp(0.0, 1.0))
}

/// μ − ln(1 + μ), without the cancellation of the two near μ = 0: its series
/// Σ_{k≥2} (−μ)^k ÷ k there.
fn mu_minus_ln_1p(mu: f64) -> f64 {
    if mu.abs() >= 0.1 {
        return mu - math::ln_1p(mu);
    }
    let mut sum = 0.0;
    let mut power = mu * mu;
    for k in 2..=24 {
        let term = power / f64::from(k);
        sum += if k % 2 == 0 { term } else { -term };
        power *= mu;
    }
    sum
}

/// Temme's c₀(η) = 1/μ − 1/η, c₁(η) = 1/η³ − 1/μ³ − 1/μ² − 1/(12μ) and
/// c₂(η) = (1/η)·c₁′(η) + 1/(288μ) = −3/η⁵ + (3/μ⁴ + 2/μ³ + 1/(12μ²))·(1 + μ)/μ + 1/(288μ)
/// (DLMF 8.12.8, μ = λ − 1, dμ/dη = η(1 + μ)/μ). Near η = 0 the closed forms cancel to nothing;
/// there their Taylor series in η are used: the coefficients of DLMF 8.12.9 and Temme (1979),
/// the later ones computed from the closed forms with mpmath at 150 digits.
fn temme_coefficients(eta: f64, mu: f64) -> [f64; 3] {
    const SERIES: [[f64; 8]; 3] = [
        [
            -1.0 / 3.0,
            1.0 / 12.0,
            -2.0 / 135.0,
            1.0 / 864.0,
            1.0 / 2835.0,
            -139.0 / 777_600.0,
            1.0 / 25_515.0,
            -571.0 / 261_273_600.0,
        ],
        [
            -1.0 / 540.0,
            -1.0 / 288.0,
            1.0 / 378.0,
            -77.0 / 77_760.0,
            1.0 / 4860.0,
            -1.0 / 2_488_320.0,
            -1.809_855_033_448_998e-5,
            7.649_160_916_081_11e-6,
        ],
        [
            25.0 / 6048.0,
            -139.0 / 51_840.0,
            1.0 / 1296.0,
            2.009_387_860_082_304_6e-6,
            -1.073_665_322_636_516_1e-4,
            5.292_344_882_912_012_5e-5,
            -1.276_063_518_861_872_8e-5,
            3.423_578_734_096_138e-8,
        ],
    ];
    if eta.abs() < 0.3 {
        return SERIES.map(|c| c.iter().rev().fold(0.0, |sum, c| sum * eta + c));
    }
    let c0 = 1.0 / mu - 1.0 / eta;
    let c1 = 1.0 / (eta * eta * eta) - 1.0 / (mu * mu * mu) - 1.0 / (mu * mu) - 1.0 / (12.0 * mu);
    let c2 = -3.0 / (eta * eta * eta * eta * eta)
        + (3.0 / (mu * mu * mu * mu) + 2.0 / (mu * mu * mu) + 1.0 / (12.0 * mu * mu)) * (1.0 + mu)
            / mu
        + 1.0 / (288.0 * mu);
    [c0, c1, c2]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// P(N ≤ k) by summing every probability from 0: slow, simple, independent of the code
    /// under test; for means small enough that e^(−mean) does not underflow.
    fn cdf_by_sum(k: u64, mean: f64) -> f64 {
        let mut p = math::exp(-mean);
        let mut sum = p;
        for j in 1..=k {
            p *= mean / j as f64;
            sum += p;
        }
        sum
    }

    #[test]
    fn stirling_meets_the_exact_sum() {
        let (k, mean) = (40_u64, 37.5_f64);
        let ln_factorial: f64 = (2..=k).map(|i| math::ln(i as f64)).sum();
        let exact = k as f64 * math::ln(mean) - mean - ln_factorial;
        assert!((ln_pmf(k, mean) - exact).abs() < 1e-10);
    }

    #[test]
    fn the_tails_meet_the_plain_sum() {
        for mean in [0.3_f64, 5.0, 80.0, 700.0] {
            let sd = mean.sqrt();
            for z in [-6.0, -3.0, -1.0, -0.2, 0.0, 0.4, 1.0, 2.5, 6.0] {
                let k = (mean + z * sd).max(0.0).round() as u64;
                let exact = cdf_by_sum(k, mean);
                let (below, above) = tails(k, mean);
                assert!(
                    (below - exact).abs() < 1e-13 && (above - (1.0 - exact)).abs() < 1e-13,
                    "mean {mean}, k {k}: {below} / {above} against {exact}"
                );
            }
        }
    }

    /// P(N ≤ k) = Q(k + 1, mean) computed with mpmath 1.3 at 50 digits
    /// (`gammainc(k + 1, mean, inf, regularized=True)`), from 8 standard deviations below the
    /// mean to 6 above, for means up to millions of millions.
    const BY_MPMATH: [(u64, f64, f64); 45] = [
        (2100, 2500.0, 1.061379999681087e-16),
        (2350, 2500.0, 0.0012756038690057974),
        (2450, 2500.0, 0.16109936248562218),
        (2490, 2500.0, 0.4259146364370533),
        (2500, 2500.0, 0.5053189585432876),
        (2520, 2500.0, 0.6601126250323784),
        (2550, 2500.0, 0.8437404571023803),
        (2625, 2500.0, 0.9936617987179601),
        (2800, 2500.0, 0.9999999981661957),
        (38400, 40000.0, 4.11040331506422e-16),
        (39400, 40000.0, 0.001331404497015839),
        (39800, 40000.0, 0.15926169623104972),
        (39960, 40000.0, 0.42203152851325165),
        (40000, 40000.0, 0.5013298033533511),
        (40080, 40000.0, 0.6565987750264989),
        (40200, 40000.0, 0.8419481637208931),
        (40500, 40000.0, 0.9937576539076388),
        (41200, 40000.0, 0.9999999988401513),
        (992000, 1000000.0, 5.733829743574131e-16),
        (997000, 1000000.0, 0.0013462037182411046),
        (999000, 1000000.0, 0.1587762998117256),
        (999800, 1000000.0, 0.4209984107344878),
        (1000000, 1000000.0, 0.5002659614862837),
        (1000400, 1000000.0, 0.6556573773116713),
        (1001000, 1000000.0, 0.8414656709634282),
        (1002500, 1000000.0, 0.9937837689739604),
        (1006000, 1000000.0, 0.9999999989805702),
        (999747018, 1000000000.0, 6.20534155285591e-16),
        (999905132, 1000000000.0, 0.0013498274608972059),
        (999968377, 1000000000.0, 0.15865737044987896),
        (999993675, 1000000000.0, 0.4207429531863327),
        (1000000000, 1000000000.0, 0.5000084104417389),
        (1000012649, 1000000000.0, 0.655427906340923),
        (1000031623, 1000000000.0, 0.8413502812461953),
        (1000079057, 1000000000.0, 0.9937901592454373),
        (1000189737, 1000000000.0, 0.9999999990124526),
        (3699984611693, 3700000000000.0, 6.220704472907424e-16),
        (3699994229385, 3700000000000.0, 0.0013498966150516318),
        (3699998076462, 3700000000000.0, 0.1586553679224238),
        (3699999615292, 3700000000000.0, 0.4207403599314091),
        (3700000000000, 3700000000000.0, 0.5000001382668104),
        (3700000769415, 3700000000000.0, 0.655421794745298),
        (3700001923538, 3700000000000.0, 0.8413447578722102),
        (3700004808846, 3700000000000.0, 0.9937903311165318),
        (3700011541230, 3700000000000.0, 0.9999999990133941),
    ];

    #[test]
    fn the_expansion_meets_an_independent_computation() {
        for (k, mean, exact) in BY_MPMATH {
            let (below, above) = tails(k, mean);
            assert!(
                (below - exact).abs() < 1e-13 && (above - (1.0 - exact)).abs() < 1e-13,
                "mean {mean}, k {k}: {below} / {above} against {exact}"
            );
        }
    }

    #[test]
    fn the_expansion_and_the_sum_agree_where_they_meet() {
        // At k = 999 (shape 1,000) the expansion takes over; at k = 998 the sum still holds.
        // P(N ≤ 999) by mpmath as in BY_MPMATH.
        let k = EXPANSION_FROM_SHAPE as u64 - 1;
        for (mean, exact) in [
            (900.0, 0.9994500977342882),
            (999.0, 0.508413573932144),
            (1_000.0, 0.4957947558197845),
            (1_100.0, 0.0010593232539299773),
        ] {
            let (below, _) = tails(k, mean);
            assert!(
                (below - exact).abs() < 1e-13,
                "mean {mean}: {below} vs {exact}"
            );
            let by_sum = tails(k - 1, mean).0;
            let pmf = math::exp(ln_pmf(k, mean));
            assert!((below - by_sum - pmf).abs() < 1e-13, "mean {mean}");
        }
    }

    #[test]
    fn the_coefficients_series_meet_their_closed_forms() {
        // At |η| = 0.3 both forms are usable: the closed forms lose only a few digits there.
        for eta in [-0.3_f64, 0.3] {
            // μ from η: solve μ − ln(1 + μ) = η²/2 by Newton's method.
            let mut mu = eta;
            for _ in 0..60 {
                let f = mu - math::ln_1p(mu) - 0.5 * eta * eta;
                mu -= f / (mu / (1.0 + mu));
            }
            let closed = temme_coefficients(eta, mu);
            let series = temme_coefficients(eta * (1.0 - 1e-15), mu);
            for (i, tolerance) in [1e-9, 1e-7, 1e-6].into_iter().enumerate() {
                assert!(
                    (closed[i] - series[i]).abs() < tolerance,
                    "c{i} at {eta}: {} vs {}",
                    closed[i],
                    series[i]
                );
            }
        }
    }

    #[test]
    fn no_load_is_never_above_anything() {
        assert_eq!(tails(0, 0.0), (1.0, 0.0));
        assert_eq!(tails(5_000, 0.0), (1.0, 0.0));
    }
}
