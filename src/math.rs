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
