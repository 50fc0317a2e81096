//! The elementary functions Headroom computes with, from one library on every target.
//!
//! The page (WebAssembly) and the command line (native) must print the same figures to the last
//! digit. Addition, multiplication, division and the square root are exact to IEEE 754 on both;
//! logarithms and exponentials are not specified to the last bit, and a native build would take
//! them from the system's C library while WebAssembly takes Rust's port of musl's. Every such
//! function is therefore taken from the `libm` crate (that port, in pure Rust) on both sides, and
//! `clippy.toml` forbids the `f64` methods, so a new formula cannot bring the difference back.

/// ⌈x⌉ for a count worked out in floating point: a value within a part in 10¹² of a whole
/// number is that number, so that the noise binary arithmetic leaves in the last place
/// (0.7 × 80 = 56.00000000000001) never adds an instance.
pub fn ceil_count(x: f64) -> f64 {
    let whole = x.round();
    if (x - whole).abs() <= whole.abs() * 1e-12 {
        whole
    } else {
        x.ceil()
    }
}

/// Whole cents in a dollar amount, halves away from zero, rounded from the exact product
/// amount × 100 (its rounding error recovered with a fused multiply-add), so that a half cent is
/// found even where the product in floating point is off by more than a hundredth of a cent
/// (above a trillion dollars).
pub fn cents_of(usd: f64) -> i64 {
    let magnitude = usd.abs();
    let scaled = magnitude * 100.0;
    let error = libm::fma(magnitude, 100.0, -scaled);
    let whole = scaled.floor();
    let cents = whole as i64 + i64::from((scaled - whole) + error >= 0.5);
    if usd < 0.0 { -cents } else { cents }
}

/// The natural logarithm, ln x.
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// ln(1 + x), exact for small x.
pub fn ln_1p(x: f64) -> f64 {
    libm::log1p(x)
}

/// The common logarithm, log₁₀ x.
pub fn log10(x: f64) -> f64 {
    libm::log10(x)
}

/// eˣ.
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// xʸ.
pub fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

/// The complementary error function, erfc x = 1 − erf x, accurate in both tails.
pub fn erfc(x: f64) -> f64 {
    libm::erfc(x)
}

/// The standard normal distribution's quantile Φ⁻¹(p), for 0 < p < 1: algorithm AS 241
/// (PPND16) of M. J. Wichura, "The Percentage Points of the Normal Distribution", Applied
/// Statistics 37(3), 1988, pp. 477–484, accurate to about 1 part in 10¹⁶. Built of arithmetic,
/// [`ln`] and the square root only, so the same p gives the same bits on every target.
pub fn normal_quantile(p: f64) -> f64 {
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * polynomial(
            r,
            &[
                3.387_132_872_796_366_6,
                133.141_667_891_784_38,
                1_971.590_950_306_551_3,
                13_731.693_765_509_46,
                45_921.953_931_549_87,
                67_265.770_927_008_7,
                33_430.575_583_588_13,
                2_509.080_928_730_122_7,
            ],
        ) / polynomial(
            r,
            &[
                1.0,
                42.313_330_701_600_91,
                687.187_007_492_057_9,
                5_394.196_021_424_751,
                21_213.794_301_586_597,
                39_307.895_800_092_71,
                28_729.085_735_721_943,
                5_226.495_278_852_546,
            ],
        );
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let r = (-ln(tail)).sqrt();
    let x = if r <= 5.0 {
        let r = r - 1.6;
        polynomial(
            r,
            &[
                1.423_437_110_749_683_5,
                4.630_337_846_156_545,
                5.769_497_221_460_691,
                3.647_848_324_763_204_5,
                1.270_458_252_452_368_4,
                0.241_780_725_177_450_6,
                0.022_723_844_989_269_184,
                7.745_450_142_783_414e-4,
            ],
        ) / polynomial(
            r,
            &[
                1.0,
                2.053_191_626_637_759,
                1.676_384_830_183_803_8,
                0.689_767_334_985_1,
                0.148_103_976_427_480_08,
                0.015_198_666_563_616_457,
                5.475_938_084_995_345e-4,
                1.050_750_071_644_416_8e-9,
            ],
        )
    } else {
        let r = r - 5.0;
        polynomial(
            r,
            &[
                6.657_904_643_501_103,
                5.463_784_911_164_114,
                1.784_826_539_917_291_3,
                0.296_560_571_828_504_9,
                0.026_532_189_526_576_124,
                0.001_242_660_947_388_078_4,
                2.711_555_568_743_487_6e-5,
                2.010_334_399_292_288_1e-7,
            ],
        ) / polynomial(
            r,
            &[
                1.0,
                0.599_832_206_555_887_9,
                0.136_929_880_922_735_8,
                0.014_875_361_290_850_615,
                7.868_691_311_456_133e-4,
                1.846_318_317_510_054_8e-5,
                1.421_511_758_316_446e-7,
                2.044_263_103_389_939_8e-15,
            ],
        )
    };
    if q < 0.0 { -x } else { x }
}

/// c₀ + c₁x + c₂x² + …, by Horner's rule.
fn polynomial(x: f64, coefficients: &[f64]) -> f64 {
    coefficients.iter().rev().fold(0.0, |sum, c| sum * x + c)
}

/// The `index`th number of the pseudo-random stream `seed`, uniform in (0, 1): SplitMix64
/// (G. L. Steele, D. Lea and C. H. Flood, "Fast Splittable Pseudorandom Number Generators",
/// OOPSLA 2014), whose state after n steps is seed + n·γ, so any draw is computed on its own
/// and a run split into chunks draws exactly what it would in one go. The top 53 bits, plus
/// half a step, keep the number off 0 and 1.
pub fn uniform_draw(seed: u64, index: u64) -> f64 {
    const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut z = seed.wrapping_add(index.wrapping_add(1).wrapping_mul(GAMMA));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    ((z >> 11) as f64 + 0.5) / (1u64 << 53) as f64
}

/// A 64-bit seed from a text: FNV-1a (Fowler, Noll and Vo), the same on every target.
pub fn seed_of(text: &str) -> u64 {
    text.bytes().fold(0xCBF2_9CE4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3)
    })
}

#[cfg(test)]
mod draws {
    use super::*;

    /// Φ(x) = ½ erfc(−x / √2).
    fn normal_cdf(x: f64) -> f64 {
        0.5 * erfc(-x / std::f64::consts::SQRT_2)
    }

    #[test]
    fn the_normal_quantile_inverts_the_normal_distribution() {
        for p in [
            1e-300, 1e-20, 1e-9, 0.001, 0.025, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 0.999,
        ] {
            let x = normal_quantile(p);
            let back = normal_cdf(x);
            assert!(
                (back - p).abs() <= p.min(1.0 - p) * 1e-13,
                "Φ(Φ⁻¹({p})) = {back}"
            );
        }
        assert_eq!(normal_quantile(0.5), 0.0);
        // The 95th percentile, to the digits tables print it.
        assert!((normal_quantile(0.95) - 1.644_853_626_951_472_2).abs() < 1e-15);
        // 1 − 0.95 is 0.05 plus a little in binary: symmetric to the last digits only.
        assert!((normal_quantile(0.05) + normal_quantile(0.95)).abs() < 1e-14);
    }

    #[test]
    fn draws_are_uniform_and_repeatable() {
        let n = 100_000;
        let draws: Vec<f64> = (0..n).map(|i| uniform_draw(seed_of("x"), i)).collect();
        assert!(draws.iter().all(|u| *u > 0.0 && *u < 1.0));
        let mean = draws.iter().sum::<f64>() / n as f64;
        // The mean of n uniforms has standard deviation √(1/12n) ≈ 0.0009: five of them.
        assert!((mean - 0.5).abs() < 0.0046, "{mean}");
        let below_tenth = draws.iter().filter(|u| **u < 0.1).count() as f64 / n as f64;
        assert!((below_tenth - 0.1).abs() < 0.005, "{below_tenth}");
        assert_eq!(uniform_draw(seed_of("x"), 7), draws[7]);
        assert_ne!(
            seed_of("workload.runs_per_day"),
            seed_of("workload.peak_to_average")
        );
    }
}

#[cfg(test)]
mod cents {
    use super::cents_of;

    #[test]
    fn cents_round_the_exact_amount() {
        assert_eq!(cents_of(0.125), 13);
        assert_eq!(cents_of(-0.125), -13);
        assert_eq!(cents_of(-0.001), 0);
        // 1.005 is 1.00499999999999989… in binary: a hundred cents and a half, less a little.
        assert_eq!(cents_of(1.005), 100);
        assert_eq!(cents_of(21_024.0), 2_102_400);
        // Found by the CSV property test: × 100 in floating point gives …148.5, rounded up to a
        // cent the amount does not reach.
        assert_eq!(cents_of(6_776_382_765_941.484), 677_638_276_594_148);
    }
}
