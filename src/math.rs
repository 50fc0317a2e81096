//! The elementary functions Headroom computes with, from one library on every target.
//!
//! The page (WebAssembly) and the command line (native) must print the same figures to the last
//! digit. Addition, multiplication, division and the square root are exact to IEEE 754 on both;
//! logarithms and exponentials are not specified to the last bit, and a native build would take
//! them from the system's C library while WebAssembly takes Rust's port of musl's. Every such
//! function is therefore taken from the `libm` crate (that port, in pure Rust) on both sides, and
//! `clippy.toml` forbids the `f64` methods, so a new formula cannot bring the difference back.

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
