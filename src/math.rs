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
