//! Ranges: what the user says when they do not know an input exactly ("8,000 to 12,000 runs a
//! day"). Any numeric input, a list item's included, may carry a range beside its value; the
//! value stays the point figure the report is made of, and the range is what the Monte Carlo
//! run ([`crate::engine::uncertainty`]) samples.
//!
//! A range is written `low..high`, or `low to high` as Squiggle writes it (or with a dash
//! between, `8k – 12k`), then optionally
//! `:lognormal` (the default), `:uniform` or `:triangular`; each bound is read as the input
//! reads a number (`8k..12k`, `20%..40%`).
//!
//! - **lognormal**: low and high are the 5th and 95th percentiles, a 90% interval (Squiggle's
//!   `a to b`); for quantities above zero, with a long tail on the high side.
//! - **uniform**: every value from low to high equally likely.
//! - **triangular**: from low to high, most likely at the input's value.
//!
//! ```
//! use headroom::scenario::{fields::Field, presets, ranges::{Range, Shape}};
//! let scenario = presets::by_id("agent-platform").unwrap().scenario();
//! let field = Field::resolve("workload.runs_per_day", &scenario).unwrap();
//! let range = Range::parse("8k..12k", field, &scenario).unwrap();
//! assert_eq!(range, Range { low: 8_000.0, high: 12_000.0, shape: Shape::Lognormal });
//! assert_eq!(range.to_text(), "8000..12000");
//! assert!(Range::parse("12000..8000", field, &scenario).is_err());
//! ```

use serde::{Deserialize, Serialize};

use super::Scenario;
use super::fields::Field;
use super::inputs::{Value, echo};
use super::keyed::Keyed;

/// How the values of a range are spread between its bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Shape {
    /// Low and high are the 5th and 95th percentiles of a lognormal distribution.
    Lognormal,
    /// Every value from low to high is equally likely.
    Uniform,
    /// From low to high, most likely at the input's value.
    Triangular,
}

impl Shape {
    /// Every shape: (id, label), the default first.
    pub const OPTIONS: [(Shape, &'static str, &'static str); 3] = [
        (Shape::Lognormal, "lognormal", "90% between low and high"),
        (Shape::Uniform, "uniform", "Evenly from low to high"),
        (Shape::Triangular, "triangular", "Most likely at the value"),
    ];

    /// Its id, as a range's text and the link write it.
    pub fn id(self) -> &'static str {
        Shape::OPTIONS
            .iter()
            .find(|(s, _, _)| *s == self)
            .map_or("lognormal", |(_, id, _)| id)
    }

    /// The shape with this id.
    pub fn from_id(id: &str) -> Option<Shape> {
        Shape::OPTIONS
            .iter()
            .find(|(_, i, _)| i.eq_ignore_ascii_case(id))
            .map(|(s, _, _)| *s)
    }
}

/// A range on one input: its bounds, in the input's unit, and its shape.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Range {
    /// The low bound: the 5th percentile (lognormal) or the smallest value.
    pub low: f64,
    /// The high bound: the 95th percentile (lognormal) or the largest value.
    pub high: f64,
    /// How values spread between them.
    pub shape: Shape,
}

impl Range {
    /// Reads a range typed for `field` (`8000..12000`, `8k to 12k:uniform`), each bound as the
    /// field reads a number, or says what is wrong.
    pub fn parse(text: &str, field: Field, scenario: &Scenario) -> Result<Range, String> {
        let text = text.trim();
        let (bounds, shape) = match text.rsplit_once(':') {
            Some((bounds, shape)) => (
                bounds,
                Shape::from_id(shape.trim()).ok_or_else(|| {
                    format!(
                        "“{}” is not a shape: use lognormal, uniform or triangular.",
                        echo(shape.trim())
                    )
                })?,
            ),
            None => (text, Shape::Lognormal),
        };
        let (low, high) = split(bounds).ok_or_else(|| {
            "A range is written low..high (or low to high), e.g. 8000..12000.".to_string()
        })?;
        let bound = |text: &str, which: &str| match field.parse(text, scenario) {
            Ok(Value::Number(n)) => Ok(n),
            Ok(Value::Text(_)) => Err("Only a number takes a range.".to_string()),
            Err(e) => Err(format!("Its {which}: {e}")),
        };
        let range = Range {
            low: bound(low, "low")?,
            high: bound(high, "high")?,
            shape,
        };
        range.check(field, scenario)?;
        Ok(range)
    }

    /// Checks the range against what `field` accepts: each bound allowed, low below high, and
    /// a lognormal range above zero.
    pub fn check(&self, field: Field, scenario: &Scenario) -> Result<(), String> {
        if !field.input().takes_range() {
            return Err(match field.kind().is_number() {
                true => "This setting takes one value, not a range.".to_string(),
                false => "Only a number takes a range.".to_string(),
            });
        }
        for (bound, which) in [(self.low, "low"), (self.high, "high")] {
            field
                .check(&Value::Number(bound), scenario)
                .map_err(|e| format!("Its {which}: {e}"))?;
        }
        if self.low >= self.high {
            return Err("A range's low must be below its high.".to_string());
        }
        if self.shape == Shape::Lognormal && self.low <= 0.0 {
            return Err(
                "A lognormal range needs a low above 0: choose uniform or triangular for a range from 0."
                    .to_string(),
            );
        }
        // Each end must keep the rules that tie the input to others (customers listed by name
        // with contracts count in the deal's customers; minimum ≤ maximum instances), or the
        // samples there could not be evaluated.
        let path = field.path();
        for (bound, which) in [(self.low, "low"), (self.high, "high")] {
            let mut at = scenario.clone();
            at.ranges = Ranges::default();
            field.set(&mut at, &Value::Number(bound));
            if let Some(rule) = at.cross_field_errors().into_iter().find(|e| e.path == path) {
                return Err(format!("At its {which}: {}", rule.message));
            }
        }
        Ok(())
    }

    /// The range as it is typed and kept: `8000..12000`, or `0..5:uniform` for a shape other
    /// than lognormal.
    pub fn to_text(&self) -> String {
        let bounds = format!(
            "{}..{}",
            crate::format::raw(self.low),
            crate::format::raw(self.high)
        );
        match self.shape {
            Shape::Lognormal => bounds,
            shape => format!("{bounds}:{}", shape.id()),
        }
    }
}

/// The ranges of a scenario, by the path of their input (`workload.runs_per_day`,
/// `tenants.0.peak_qps`), in path order.
pub type Ranges = Keyed<Range>;

/// The ranges a Monte Carlo run draws: those whose input is a number that applies to
/// `scenario`, each with its path and field. A range on an input the scenario does not use
/// (a section switched off) is kept but not drawn.
pub fn drawn(scenario: &Scenario) -> impl Iterator<Item = (&str, Field, &Range)> + '_ {
    scenario.ranges.iter().filter_map(|(path, range)| {
        let field =
            Field::resolve(path, scenario).filter(|f| f.shown(scenario) && f.kind().is_number())?;
        Some((path, field, range))
    })
}

impl Keyed<Range> {
    /// Keeps the ranges in step after the item at `index` of list `list` was removed: those on
    /// its inputs go, and those of the items after it move up one.
    pub fn item_removed(&mut self, list: &str, index: usize) {
        let mut kept = Ranges::default();
        for (path, range) in std::mem::take(self) {
            let mut parts = path.splitn(3, '.');
            let (l, i, key) = (parts.next(), parts.next(), parts.next());
            match (l, i.and_then(|i| i.parse::<usize>().ok()), key) {
                (Some(l), Some(i), Some(key)) if l == list && i >= index => {
                    if i > index {
                        kept.insert(format!("{list}.{}.{key}", i - 1), range);
                    }
                }
                _ => {
                    kept.insert(path, range);
                }
            }
        }
        *self = kept;
    }
}

impl Serialize for Ranges {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(path, range)| (path, range.to_text())))
    }
}

impl<'de> Deserialize<'de> for Ranges {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Ranges;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of input paths and ranges written low..high")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Self::Value, M::Error> {
                let mut ranges = Ranges::default();
                while let Some((path, text)) = map.next_entry::<String, String>()? {
                    let range = read_unchecked(&text).ok_or_else(|| {
                        serde::de::Error::custom(format!(
                            "the range of {} is not written low..high",
                            echo(&path)
                        ))
                    })?;
                    if ranges.insert(path, range).is_some() {
                        return Err(serde::de::Error::custom("an input has two ranges"));
                    }
                }
                Ok(ranges)
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// Splits a range's bounds where people write them apart: `8k..12k`, `8k to 12k`, `8k – 12k`
/// (an en or em dash) or `8k - 12k` (a hyphen between spaces).
fn split(bounds: &str) -> Option<(&str, &str)> {
    ["..", " to ", "–", "—", " - "]
        .iter()
        .find_map(|separator| bounds.split_once(separator))
}

/// Whether a text typed into a number is a range rather than one value: it holds a
/// separator [`Range::parse`] reads.
pub fn looks_like_range(text: &str) -> bool {
    split(text.trim()).is_some()
}

/// A range as [`Range::to_text`] writes it, read without a field to check it against (a file or
/// a link names the field beside it; [`Scenario::validate`] checks it there).
pub fn read_unchecked(text: &str) -> Option<Range> {
    let (bounds, shape) = match text.rsplit_once(':') {
        Some((bounds, shape)) => (bounds, Shape::from_id(shape)?),
        None => (text, Shape::Lognormal),
    };
    let (low, high) = bounds.split_once("..")?;
    let number = |t: &str| {
        t.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(|n| n + 0.0)
    };
    Some(Range {
        low: number(low)?,
        high: number(high)?,
        shape,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    fn field(path: &str, s: &Scenario) -> Field {
        Field::resolve(path, s).unwrap()
    }

    #[test]
    fn ranges_read_as_people_write_them() {
        let s = presets::by_id("agent-platform").unwrap().scenario();
        let runs = field("workload.runs_per_day", &s);
        let read = |t: &str| Range::parse(t, runs, &s);
        assert_eq!(read("8,000 to 12,000").unwrap().high, 12_000.0);
        assert_eq!(read(" 8k..12k : Uniform ").unwrap().shape, Shape::Uniform);
        let share = field("workload.tool_call_share_pct", &s);
        assert_eq!(
            Range::parse("0..60%", share, &s).unwrap_err(),
            "A lognormal range needs a low above 0: choose uniform or triangular for a range from 0."
        );
        assert!(Range::parse("0..60%:uniform", share, &s).is_ok());
        assert!(read("8000").unwrap_err().contains("low..high"));
        assert!(read("8k..12k:normal").unwrap_err().contains("not a shape"));
        assert!(read("0..12k:uniform").unwrap_err().starts_with("Its low: "));
        assert!(read("1..2e9").unwrap_err().starts_with("Its high: "));
        let model = field("llm.model", &s);
        assert!(Range::parse("1..2", model, &s).is_err());
    }

    #[test]
    fn text_round_trips() {
        for text in ["8000..12000", "0.5..2.25:uniform", "1..3:triangular"] {
            assert_eq!(read_unchecked(text).unwrap().to_text(), text);
        }
        assert!(read_unchecked("1..x").is_none());
        assert!(read_unchecked("1..inf").is_none());
    }

    #[test]
    fn removing_an_item_moves_the_ranges_of_those_after_it() {
        let range = Range {
            low: 1.0,
            high: 2.0,
            shape: Shape::Uniform,
        };
        let mut ranges = Ranges::default();
        for path in [
            "tenants.0.peak_qps",
            "tenants.1.peak_qps",
            "tenants.12.avg_qps",
            "services.1.vcpu",
            "workload.runs_per_day",
        ] {
            ranges.insert(path.to_string(), range);
        }
        ranges.item_removed("tenants", 1);
        let paths: Vec<&str> = ranges.iter().map(|(p, _)| p).collect();
        assert_eq!(
            paths,
            [
                "services.1.vcpu",
                "tenants.0.peak_qps",
                "tenants.11.avg_qps",
                "workload.runs_per_day"
            ]
        );
    }
}
