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
//! ```

use crate::engine::math;
use crate::units::Unit;

/// A number with thousands separators and a precision that suits its size: whole numbers from
/// 1,000 up, one decimal from 10, two from 1, three significant digits below 1. Not-a-number
/// and infinities, which the engine never makes, print as an em dash rather than "NaN".
pub fn plain(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let magnitude = value.abs();
    let decimals = if magnitude == 0.0 || magnitude >= 1_000.0 {
        0
    } else if magnitude >= 10.0 {
        1
    } else if magnitude >= 1.0 {
        2
    } else {
        // three significant digits: 0.116, 0.0347, 0.000024
        (2 - math::log10(magnitude).floor() as i32).clamp(0, 12) as usize
    };
    let mut text = format!("{value:.decimals$}");
    if text.contains('.') {
        let kept = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(kept);
    }
    group_thousands(&text)
}

/// An amount in US dollars: whole dollars from $1,000, cents from $1, and three significant
/// digits (and at least cents) below a dollar, where unit costs and prices live ($0.0135 a call,
/// $0.000024 a second).
pub fn money(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let magnitude = value.abs();
    let digits = if magnitude >= 1_000.0 {
        group_thousands(&format!("{magnitude:.0}"))
    } else if magnitude >= 1.0 || magnitude == 0.0 {
        format!("{magnitude:.2}")
    } else {
        let digits = plain(magnitude);
        let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len());
        format!("{digits}{}", "0".repeat(2usize.saturating_sub(decimals)))
    };
    if value < 0.0 && digits.chars().any(|c| matches!(c, '1'..='9')) {
        format!("-${digits}")
    } else {
        format!("${digits}")
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

#[cfg(test)]
mod tests {
    use super::*;

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
