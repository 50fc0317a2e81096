//! Numbers for people: thousands separators, currency, and a precision that suits the size of
//! the number. Used by the report view, the CLI table and the formulas, so a figure reads the
//! same everywhere. Exports (CSV, JSON) carry raw numbers instead.
//!
//! ```
//! use headroom::format;
//! assert_eq!(format::plain(24_637.5), "24,638");
//! assert_eq!(format::plain(0.115_740_7), "0.116");
//! assert_eq!(format::money(66.61), "$66.61");
//! assert_eq!(format::plain(f64::NAN), "—");
//! assert_eq!(format::money(1.46e28), "$1.46 × 10²⁸");
//! assert_eq!(format::raw(1e-320), "1e-320");
//! ```

use crate::math;
use crate::units::Unit;

/// From this size up a figure is written as a power of ten, `1.46 × 10¹⁵`: sixteen digits and
/// five commas are more than a person reads at a glance, and no real deployment needs them.
pub const POWER_OF_TEN_FROM: f64 = 1.0e15;

/// A number with thousands separators and a precision that suits its size: whole numbers from
/// 1,000 up, one decimal from 10, two from 1, three significant digits below 1, and three
/// significant digits times a power of ten from [`POWER_OF_TEN_FROM`]. Not-a-number and
/// infinities, which the engine never makes, print as an em dash rather than "NaN".
pub fn plain(value: f64) -> String {
    operand(value, 0)
}

/// The decimals [`plain`] shows a magnitude with.
fn decimals(magnitude: f64) -> usize {
    if magnitude == 0.0 || magnitude >= 1_000.0 {
        0
    } else if magnitude >= 10.0 {
        1
    } else if magnitude >= 1.0 {
        2
    } else {
        // three significant digits: 0.116, 0.0347, 0.000024
        (2 - math::log10(magnitude).floor() as i32).clamp(0, 12) as usize
    }
}

/// A number to `decimals` places, trailing zeros dropped, with thousands separators.
fn fixed(value: f64, decimals: usize) -> String {
    fixed_keeping(value, decimals, 0)
}

/// A number to `decimals` places, trailing zeros dropped down to `keep` places, with thousands
/// separators.
fn fixed_keeping(value: f64, decimals: usize, keep: usize) -> String {
    let mut text = format!("{value:.decimals$}");
    if let Some(point) = text.find('.') {
        let kept = text.trim_end_matches('0').len().max(point + 1 + keep);
        text.truncate(kept);
        if text.ends_with('.') {
            text.pop();
        }
    }
    group_thousands(&text)
}

/// The significant digits the numbers of a figure's formula are shown with, so that multiplied
/// out as written they give the figure as [`value`] shows it: one more than the figure shows
/// (`24,638` shows five, so its formula's numbers carry six: `$810.00 × 30.4167`). Each number
/// is then off by at most a twentieth of the figure's last digit, relatively, and a product of
/// a few of them stays within half of it. 0 for a figure written as a power of ten, or 0.
pub fn formula_digits(figure: f64, unit: Unit) -> usize {
    let magnitude = figure.abs();
    if !(magnitude > 0.0 && magnitude < POWER_OF_TEN_FROM) {
        return 0;
    }
    (math::log10(magnitude).floor() as i32 + 2 + shown_decimals(figure, unit) as i32).clamp(0, 15)
        as usize
}

/// The decimals a figure is shown with ([`value`]), trailing zeros counted.
pub fn shown_decimals(figure: f64, unit: Unit) -> usize {
    let magnitude = figure.abs();
    if unit.is_money() {
        money_decimals(magnitude)
    } else if magnitude < POWER_OF_TEN_FROM {
        decimals(magnitude)
    } else {
        0
    }
}

/// A number inside a formula: as [`plain`] shows it, or to `digits` significant digits where
/// that is more (see [`formula_digits`]); whole numbers stay whole.
///
/// ```
/// use headroom::format;
/// assert_eq!(format::operand(0.115_740_74, 4), "0.1157");
/// assert_eq!(format::operand(30.416_666_7, 6), "30.4167");
/// assert_eq!(format::operand(2_628_000.0, 8), "2,628,000");
/// assert_eq!(format::operand(0.115_740_74, 0), format::plain(0.115_740_74));
/// ```
pub fn operand(value: f64, digits: usize) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let magnitude = value.abs();
    if magnitude == 0.0 {
        return fixed(value, 0);
    }
    if magnitude >= POWER_OF_TEN_FROM {
        let sign = if value < 0.0 { "-" } else { "" };
        return format!("{sign}{}", power_of_ten(magnitude, digits));
    }
    fixed(value, decimals(magnitude).max(needed(magnitude, digits)))
}

/// An amount of money inside a formula: as [`money`] shows it, or to `digits` significant
/// digits where that is more, with cents at least (`$3.604`, `$24,637.50`, `$6,000`).
///
/// ```
/// use headroom::format;
/// assert_eq!(format::money_operand(3.604_01, 5), "$3.604");
/// assert_eq!(format::money_operand(24_637.5, 6), "$24,637.50");
/// assert_eq!(format::money_operand(6_000.0, 6), "$6,000");
/// assert_eq!(format::money_operand(810.0, 6), "$810.00");
/// assert_eq!(format::money_operand(3.604_01, 0), format::money(3.604_01));
/// ```
pub fn money_operand(value: f64, digits: usize) -> String {
    let magnitude = value.abs();
    if !(magnitude > 0.0 && magnitude < POWER_OF_TEN_FROM) {
        return money(value);
    }
    money_to(value, needed(magnitude, digits))
}

/// A line of a sum of money inside a formula: to one decimal more than the sum shows
/// (`shown`), and at least cents, so that the lines as written add up to the sum as shown
/// (`$66.54 + $24,637.50` for `$24,704`).
pub fn money_term(value: f64, shown: usize) -> String {
    if !value.is_finite() || value.abs() >= POWER_OF_TEN_FROM {
        return money(value);
    }
    money_to(value, shown + 1)
}

/// An amount of money to `places` decimals where that is more than [`money`] shows, with cents
/// at least, and whole dollars from $1,000 when the cents are none: "$6,000", not "$6,000.00".
fn money_to(value: f64, places: usize) -> String {
    let magnitude = value.abs();
    if places <= money_decimals(magnitude) {
        return money(value);
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let mut digits = fixed_keeping(magnitude, places.max(2), 2);
    if magnitude >= 1_000.0 && digits.ends_with(".00") {
        digits.truncate(digits.len() - 3);
    }
    format!("{sign}${digits}")
}

/// The decimals that show a magnitude to `digits` significant digits.
fn needed(magnitude: f64, digits: usize) -> usize {
    (digits as i32 - 1 - math::log10(magnitude).floor() as i32).clamp(0, 12) as usize
}

/// An amount in US dollars: whole dollars from $1,000, cents from $1, and three significant
/// digits (and at least cents) below a dollar, where unit costs and prices live ($0.0135 a call,
/// $0.000024 a second).
pub fn money(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let magnitude = value.abs();
    let digits = if magnitude >= POWER_OF_TEN_FROM {
        power_of_ten(magnitude, 3)
    } else {
        // Below a dollar, what rounds to a whole dollar or to nothing (below 10⁻¹²) still
        // shows its cents: "$1.00", "$0.00".
        fixed_keeping(magnitude, money_decimals(magnitude), 2)
    };
    if value < 0.0 && digits.chars().any(|c| matches!(c, '1'..='9')) {
        format!("-${digits}")
    } else {
        format!("${digits}")
    }
}

/// The decimals [`money`] shows a magnitude with: none from $1,000, cents from $1, three
/// significant digits and at least cents below.
fn money_decimals(magnitude: f64) -> usize {
    if magnitude >= 1_000.0 {
        0
    } else if magnitude >= 1.0 || magnitude == 0.0 {
        2
    } else {
        decimals(magnitude).max(2)
    }
}

/// A value formatted for its unit: money with a dollar sign, percentages with `%`, the rest
/// plain. The unit symbol itself is shown separately, except for these two.
pub fn value(value: f64, unit: Unit) -> String {
    if unit.is_money() {
        money(value)
    } else if unit == Unit::Percent {
        format!("{}%", plain(value))
    } else {
        plain(value)
    }
}

/// A value with its unit, e.g. `10.4 runs` or `$24,638/month`.
pub fn with_unit(amount: f64, unit: Unit) -> String {
    let shown = value(amount, unit);
    match unit {
        Unit::Usd | Unit::Percent | Unit::Count | Unit::None => shown,
        Unit::UsdPerDay => format!("{shown}/day"),
        Unit::UsdPerMonth => format!("{shown}/month"),
        Unit::UsdPerYear => format!("{shown}/year"),
        Unit::UsdPerMillionTokens => format!("{shown}/1M tokens"),
        other => format!("{shown} {}", other.symbol_for(amount)),
    }
}

/// A catalog price or allowance with its unit: `$0.000024 per vCPU-second` for a price in USD,
/// `180,000 vCPU-seconds per month per billing account` for a free allowance.
pub fn price(value: f64, unit: &str) -> String {
    match unit.strip_prefix("USD ") {
        Some(per) => format!("{} {per}", money(value)),
        None => format!("{} {unit}", plain(value)),
    }
}

/// A number as a person would type it into a field: thousands separators, and no more decimals
/// than someone would write — two from 100, three from 1, four significant digits below 1 —
/// so that a preset's `328.7671232876712` runs a day reads `328.77`. Whole numbers are exact.
/// What the field holds is unchanged until the user types into it.
///
/// ```
/// use headroom::format;
/// assert_eq!(format::typed(328.767_123_287_671_2), "328.77");
/// assert_eq!(format::typed(180_000.0), "180,000");
/// assert_eq!(format::typed(0.000_125), "0.000125");
/// assert_eq!(format::typed(2.375), "2.375");
/// assert_eq!(format::typed(0.3), "0.3");
/// ```
pub fn typed(value: f64) -> String {
    let magnitude = value.abs();
    if !value.is_finite() || magnitude >= POWER_OF_TEN_FROM || value.fract() == 0.0 {
        return if value.is_finite() && magnitude < POWER_OF_TEN_FROM {
            group_thousands(&format!("{value:.0}"))
        } else {
            raw(value)
        };
    }
    let decimals = if magnitude >= 100.0 {
        2
    } else if magnitude >= 1.0 {
        3
    } else {
        (3 - math::log10(magnitude).floor() as i32).clamp(0, 15) as usize
    };
    let mut text = format!("{value:.decimals$}");
    let kept = text.trim_end_matches('0').trim_end_matches('.').len();
    text.truncate(kept);
    group_thousands(&text)
}

/// A raw number, as exports and links carry it: the shortest decimal that reads back as the
/// same value, in exponent form (`1.4608106225651285e28`, `1e-320`) below 10⁻⁷ and from 10²¹,
/// where JavaScript's numbers switch too, instead of hundreds of zeros.
pub fn raw(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1.0e-7..1.0e21).contains(&magnitude) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

/// A figure for a file: four decimals, or four significant digits where that is more (a rate
/// of 0.003805 runs a second), and never more than ten significant digits — enough for any
/// plan, and none of the noise binary arithmetic leaves in the last places
/// (`21024.000000000004` → `21024`, `20.833333333333332` → `20.8333`); written raw ([`raw`]).
pub fn exported(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return raw(value + 0.0);
    }
    let magnitude = math::log10(value.abs()).floor() as i32;
    let decimals = (3 - magnitude).max(4).min(9 - magnitude);
    let text = if decimals >= 0 {
        format!("{value:.0$}", decimals as usize)
    } else {
        format!("{value:.9e}")
    };
    raw(text.parse::<f64>().unwrap_or(value) + 0.0)
}

/// An amount of money for a file: to the cent (`21024.00`); under a dollar (a cost per run or
/// per request, which cents would round away) to four significant digits (`0.003604`); from
/// [`MAX_CENTS_USD`] up as [`exported`].
pub fn exported_money(value: f64) -> String {
    if value.abs() >= 1.0 || value == 0.0 {
        exported_cents(value)
    } else {
        raw(format!("{value:.3e}").parse().unwrap_or(value))
    }
}

/// An amount billed for a period (a month, a day, a year) for a file: to the cent, however
/// small; from [`MAX_CENTS_USD`] up as [`exported`].
pub fn exported_cents(value: f64) -> String {
    if value.abs() >= MAX_CENTS_USD {
        exported(value)
    } else {
        cents(math::cents_of(value))
    }
}

/// The largest amount written to the cent: ten trillion dollars, far below where whole cents
/// stop fitting a 64-bit integer or being exact in a float.
pub const MAX_CENTS_USD: f64 = 1.0e13;

/// Whole cents as dollars with two decimals: `2102400` → `21024.00`, `-5` → `-0.05`.
pub fn cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let magnitude = cents.unsigned_abs();
    format!("{sign}{}.{:02}", magnitude / 100, magnitude % 100)
}

/// A positive magnitude as `digits` significant digits (at least three) times a power of ten:
/// `1.46 × 10²⁸`.
fn power_of_ten(magnitude: f64, digits: usize) -> String {
    let places = digits.clamp(3, 15) - 1;
    const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    // Rust's exponent form rounds the mantissa correctly: "1.46e28".
    let text = format!("{magnitude:.places$e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    let exponent: String = exponent
        .chars()
        .filter_map(|d| d.to_digit(10).map(|d| SUPERSCRIPTS[d as usize]))
        .collect();
    format!("{mantissa} × 10{exponent}")
}

/// Inserts a comma between each group of three digits of the integer part.
fn group_thousands(text: &str) -> String {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (integer, fraction) = match unsigned.find('.') {
        Some(i) => unsigned.split_at(i),
        None => (unsigned, ""),
    };
    let mut grouped = String::with_capacity(text.len() + integer.len() / 3);
    grouped.push_str(sign);
    for (i, digit) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped.push_str(fraction);
    grouped
}

/// How a figure moves between two scenarios, as a comparison shows it: `+$1,234/month (+12%)`,
/// `-3 points` for a percentage, with `(added)` or `(removed)` for a figure one side lacks.
pub fn change(figure: &crate::report::compare::FigureChange) -> String {
    let difference = figure.difference();
    let sign = if difference > 0.0 { "+" } else { "" };
    let moved = match figure.unit {
        Unit::Percent => format!("{} points", plain(difference)),
        unit => with_unit(difference, unit),
    };
    let pct = match (figure.before, figure.after, figure.difference_pct()) {
        (None, _, _) => " (added)".to_string(),
        (_, None, _) => " (removed)".to_string(),
        _ if figure.unit == Unit::Percent => String::new(),
        (_, _, Some(p)) => format!(" ({}{}%)", if p > 0.0 { "+" } else { "" }, plain(p)),
        _ => String::new(),
    };
    format!("{sign}{moved}{pct}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_that_rounds_to_a_dollar_or_to_nothing_keeps_its_cents() {
        assert_eq!(money(0.999_999_5), "$1.00");
        assert_eq!(money(1e-30), "$0.00");
        assert_eq!(money(-1e-30), "$0.00");
        assert_eq!(money(0.0135), "$0.0135");
        assert_eq!(money(0.5), "$0.50");
    }

    #[test]
    fn precision_follows_magnitude() {
        assert_eq!(plain(0.0), "0");
        assert_eq!(plain(1_000_000.0), "1,000,000");
        assert_eq!(plain(150_000_000.0), "150,000,000");
        assert_eq!(plain(999.94), "999.9");
        assert_eq!(plain(10.416_666), "10.4");
        assert_eq!(plain(3.0), "3");
        assert_eq!(plain(2.345), "2.35");
        assert_eq!(plain(0.347_222), "0.347");
        assert_eq!(plain(0.000_024), "0.000024");
        assert_eq!(plain(-1_234.6), "-1,235");
    }

    #[test]
    fn figures_beyond_any_deployment_read_as_powers_of_ten() {
        assert_eq!(plain(999_999_999_999_999.0), "999,999,999,999,999");
        assert_eq!(plain(1.0e15), "1 × 10¹⁵");
        assert_eq!(
            money(14_608_106_225_651_285_235_725_238_272.0),
            "$1.46 × 10²⁸"
        );
        assert_eq!(with_unit(3.6e14, Unit::Percent), "360,000,000,000,000%");
        assert_eq!(with_unit(3.6e16, Unit::Percent), "3.6 × 10¹⁶%");
        assert_eq!(money(-1.5e21), "-$1.5 × 10²¹");
        assert_eq!(plain(-2.0e300), "-2 × 10³⁰⁰");
        assert_eq!(with_unit(1.0e15, Unit::Instances), "1 × 10¹⁵ instances");
    }

    #[test]
    fn raw_numbers_read_back_exactly_and_stay_short() {
        for (value, text) in [
            (0.0, "0"),
            (10_000.0, "10000"),
            (0.000_024, "0.000024"),
            (2.5e-7, "0.00000025"),
            (1.0e-320, "1e-320"),
            (1.460_810_622_565_128_5e28, "1.4608106225651285e28"),
            (-1.5e21, "-1.5e21"),
        ] {
            assert_eq!(raw(value), text);
            assert_eq!(raw(value).parse::<f64>(), Ok(value));
        }
    }

    #[test]
    fn exported_figures_keep_four_decimals_and_round_a_half_up() {
        // A figure exactly halfway between two fourth decimals (a CloudWatch metric volume in
        // MiB that a property test drew) rounds up, half a unit from the figure.
        assert_eq!(exported(81_949.218_75), "81949.2188");
        assert_eq!(exported(20.833_333_333_333_332), "20.8333");
        assert_eq!(exported(21_024.000_000_000_004), "21024");
    }

    #[test]
    fn money_reads_like_money() {
        assert_eq!(money(24_637.5), "$24,638");
        assert_eq!(money(810.0), "$810.00");
        assert_eq!(money(0.0), "$0.00");
        assert_eq!(money(0.002_47), "$0.00247");
        assert_eq!(money(0.013_5), "$0.0135");
        assert_eq!(money(0.4), "$0.40");
        assert_eq!(money(0.5), "$0.50");
        assert_eq!(money(-1_500.0), "-$1,500");
        assert_eq!(money(-0.001), "-$0.001");
    }

    #[test]
    fn non_finite_never_prints_as_nan_or_inf() {
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            for text in [plain(v), money(v), with_unit(v, Unit::Percent)] {
                assert!(
                    !text.to_lowercase().contains("nan") && !text.contains("inf"),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn prices_read_with_their_unit() {
        assert_eq!(
            price(0.000_024, "USD per vCPU-second"),
            "$0.000024 per vCPU-second"
        );
        assert_eq!(
            price(180_000.0, "vCPU-seconds per month"),
            "180,000 vCPU-seconds per month"
        );
    }

    #[test]
    fn units_follow_values() {
        assert_eq!(with_unit(41.234, Unit::Percent), "41.2%");
        assert_eq!(with_unit(24_637.5, Unit::UsdPerMonth), "$24,638/month");
        assert_eq!(with_unit(10.416, Unit::ConcurrentRuns), "10.4 runs");
        assert_eq!(with_unit(1.0, Unit::Instances), "1 instance");
        assert_eq!(with_unit(2.0, Unit::Instances), "2 instances");
    }
}
