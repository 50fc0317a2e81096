#![cfg(not(target_arch = "wasm32"))]
//! "How" adds up: for every metric of every preset (and of every scenario in the share-link
//! corpus), the numbers its formula shows, multiplied out as written, give the figure the report
//! shows, to the precision it is shown with.
//!
//! A formula reads `words = numbers`, sometimes `= numbers = result`. Each part after the words
//! is read as arithmetic: `×`, `÷`, `+`, `−`, brackets, `max(…)`, `min(…)`, `⌈…⌉`, `⌊…⌋`; numbers
//! with thousands separators, `$`, `%` (a hundredth), `1M` and `10⁶`; and a unit after a number,
//! which counts as 1 except `ms` (a thousandth of a second). A percentage figure is compared as
//! the fraction its arithmetic gives. A part agrees when it shows as the figure shows, or lies
//! within half a unit of the figure's last shown digit of it (the two roundings may straddle a
//! boundary).
//!
//! Some formulas describe a computation a person cannot multiply out from the shown numbers
//! (an Erlang C search, a Poisson expectation, a tiered price list). They are named in
//! [`DESCRIBED`] with the reason; the test also checks that each of them indeed is not plain
//! arithmetic, so the list cannot hide one that is.

use headroom::engine;
use headroom::export::link;
use headroom::format;
use headroom::math;
use headroom::report::Metric;
use headroom::scenario::{Scenario, presets};
use headroom::units::Unit;

/// Formulas told in words around their numbers, by words they contain, and why.
const DESCRIBED: [(&str, &str); 10] = [
    ("E[⌈N ÷", "an expectation over a Poisson count (M/G/∞)"),
    (
        "Erlang C (M/M/c)",
        "Erlang C's waiting probability, a series over the slots",
    ),
    (
        "the fewest slots c",
        "a search for the fewest slots meeting the target",
    ),
    ("through the tiers", "a price in tiers, listed tier by tier"),
    (
        "ops per day − free per day",
        "each operation against its free quota, listed",
    ),
    (
        "Aurora PostgreSQL default",
        "a formula over the instance's memory",
    ),
    (
        "the largest of new connections/s",
        "the largest of four dimensions, each listed",
    ),
    (
        "forwarding rules per hour",
        "forwarding rules priced in tiers, listed",
    ),
    (
        "max(busiest − quota, 0)",
        "each tenant's excess over the quota, listed",
    ),
    (
        "Σ peak of each customer or group",
        "each customer or group's peak, listed by name",
    ),
];

/// The entry of [`DESCRIBED`] a formula matches.
fn described(formula: &str) -> Option<usize> {
    DESCRIBED
        .iter()
        .position(|(words, _)| formula.contains(words))
}

/// The scenarios checked: every preset and every entry of the share-link corpus.
fn scenarios() -> Vec<(String, Scenario)> {
    let mut all: Vec<(String, Scenario)> = presets::all()
        .iter()
        .map(|p| (format!("preset {}", p.id), p.scenario()))
        .collect();
    for (file, text) in [
        ("v1", include_str!("links/v1.txt")),
        ("v2", include_str!("links/v2.txt")),
        ("v3", include_str!("links/v3.txt")),
        ("v4", include_str!("links/v4.txt")),
        ("v5", include_str!("links/v5.txt")),
        ("v6", include_str!("links/v6.txt")),
        ("v7", include_str!("links/v7.txt")),
        ("v8", include_str!("links/v8.txt")),
    ] {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fragment = line.split(' ').next().unwrap_or_default();
            let scenario = link::decode(fragment).expect("the corpus decodes (tests/links.rs)");
            all.push((format!("links/{file}.txt:{}", i + 1), scenario));
        }
    }
    all
}

#[test]
fn every_formula_multiplies_out_to_its_figure() {
    let mut misses = Vec::new();
    let mut checked = 0;
    for (name, scenario) in scenarios() {
        for metric in engine::evaluate(&scenario).metrics {
            let described = described(&metric.formula).is_some();
            match agrees(&metric) {
                Ok(()) => checked += 1,
                Err(Miss::NotArithmetic(why)) if !described => misses.push(format!(
                    "{name}: {} is not arithmetic ({why}): {}",
                    metric.id, metric.formula
                )),
                Err(Miss::NotArithmetic(_)) => {}
                Err(Miss::Differs { part, got }) => misses.push(format!(
                    "{name}: {} shows {} but `{part}` gives {}: {}",
                    metric.id,
                    format::value(metric.value, metric.unit),
                    format::value(got, metric.unit),
                    metric.formula
                )),
            }
        }
    }
    assert!(
        misses.is_empty(),
        "{} formulas do not add up:\n{}",
        misses.len(),
        misses.join("\n")
    );
    assert!(checked > 500, "only {checked} formulas were checked");
}

#[test]
fn the_described_formulas_are_not_arithmetic() {
    let mut seen = vec![false; DESCRIBED.len()];
    for (name, scenario) in scenarios() {
        for metric in engine::evaluate(&scenario).metrics {
            let Some(i) = described(&metric.formula) else {
                continue;
            };
            seen[i] = true;
            let parts = parts(&metric.formula);
            assert!(
                parts.is_empty() || parts.iter().any(|p| evaluate(p).is_err()),
                "{name}: {} is plain arithmetic, so it should be checked: {}",
                metric.id,
                metric.formula
            );
        }
    }
    for ((end, _), seen) in DESCRIBED.iter().zip(seen) {
        assert!(seen, "no scenario has a formula with `{end}`");
    }
}

/// Why a formula was not confirmed.
#[derive(Debug)]
enum Miss {
    /// A part could not be read as arithmetic.
    NotArithmetic(String),
    /// A part multiplies out to another figure.
    Differs { part: String, got: f64 },
}

/// Whether every numeric part of the metric's formula gives its figure.
fn agrees(metric: &Metric) -> Result<(), Miss> {
    let parts = parts(&metric.formula);
    if parts.is_empty() {
        return Err(Miss::NotArithmetic("no `=`".into()));
    }
    let scale = if metric.unit == Unit::Percent {
        100.0
    } else {
        1.0
    };
    for part in parts {
        let got = evaluate(&part).map_err(Miss::NotArithmetic)? * scale;
        if !shows_as(got, metric.value, metric.unit) {
            return Err(Miss::Differs { part, got });
        }
    }
    Ok(())
}

/// Whether `got`, worked out by hand, is the figure `value` as shown.
fn shows_as(got: f64, value: f64, unit: Unit) -> bool {
    let shown = format::value(value, unit);
    if format::value(got, unit) == shown {
        return true;
    }
    (got - value).abs() <= last_digit(&shown) / 2.0 * (1.0 + 1e-9)
}

/// The value of one unit in the last digit of a shown number: 0.01 for "$3.60", 1 for "24,638".
fn last_digit(shown: &str) -> f64 {
    let digits: String = shown
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    match digits.split_once('.') {
        Some((_, decimals)) => math::pow(10.0, -(decimals.len() as f64)),
        None => 1.0,
    }
}

/// The numeric parts of a formula: what follows each ` = ` after the words, with any
/// parenthesised aside `(= …)` left out.
fn parts(formula: &str) -> Vec<String> {
    let mut text = formula.to_string();
    while let Some(start) = text.find("(= ") {
        let end = text[start..]
            .find(')')
            .map_or(text.len(), |e| start + e + 1);
        text.replace_range(start..end, "");
    }
    let mut parts: Vec<String> = text.split(" = ").map(|p| p.trim().to_string()).collect();
    parts.remove(0);
    parts
}

/// A token of shown arithmetic.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    Number(f64),
    Op(char),
    Function(&'static str),
}

/// Units a number may carry, and what one of each counts as.
const UNITS: [(&str, f64); 17] = [
    ("vCPU-s", 1.0),
    ("ms", 1e-3),
    ("s", 1.0),
    ("h", 1.0),
    ("days", 1.0),
    ("KB/GB", 1.0),
    ("KB", 1.0),
    ("GB", 1.0),
    ("GiB", 1.0),
    ("TB", 1.0),
    ("MB", 1.0),
    ("slots", 1.0),
    ("runs", 1.0),
    ("steps/s", 1.0),
    ("s/day", 1.0),
    ("runs/s", 1.0),
    ("instances", 1.0),
];

fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '$' => i += 1,
            '×' | '÷' | '+' | '(' | ')' | ',' | '⌈' | '⌉' | '⌊' | '⌋' => {
                out.push(Token::Op(c));
                i += 1;
            }
            '−' | '-' => {
                out.push(Token::Op('−'));
                i += 1;
            }
            '0'..='9' | '.' => {
                let mut digits = String::new();
                while i < chars.len() {
                    let d = chars[i];
                    if d.is_ascii_digit() || d == '.' {
                        digits.push(d);
                    } else if d == ',' && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit()) {
                        // a thousands separator
                    } else {
                        break;
                    }
                    i += 1;
                }
                let mut value: f64 = digits.parse().map_err(|_| format!("number {digits}"))?;
                let exponent: String = chars[i..]
                    .iter()
                    .take_while(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(**c))
                    .map(|c| {
                        char::from(b'0' + "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == *c).unwrap() as u8)
                    })
                    .collect();
                if !exponent.is_empty() {
                    i += exponent.chars().count();
                    value = math::pow(value, exponent.parse::<f64>().unwrap());
                }
                match chars.get(i) {
                    Some('%') => {
                        value /= 100.0;
                        i += 1;
                    }
                    Some('M') if !chars.get(i + 1).is_some_and(|c| c.is_alphabetic()) => {
                        value *= 1e6;
                        i += 1;
                    }
                    _ => {}
                }
                // a unit after a space: the longest that matches a whole word
                if chars.get(i) == Some(&' ') {
                    let rest: String = chars[i + 1..].iter().collect();
                    let word: String = rest
                        .chars()
                        .take_while(|c| !c.is_whitespace() && !"),⌉⌋".contains(*c))
                        .collect();
                    if let Some((unit, per)) = UNITS.iter().find(|(u, _)| *u == word) {
                        value *= per;
                        i += 1 + unit.chars().count();
                    }
                }
                out.push(Token::Number(value));
            }
            _ if c.is_alphabetic() => {
                let word: String = chars[i..]
                    .iter()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                match word.as_str() {
                    "max" => out.push(Token::Function("max")),
                    "min" => out.push(Token::Function("min")),
                    _ => return Err(format!("the word `{word}`")),
                }
                i += word.chars().count();
            }
            _ => return Err(format!("the sign `{c}`")),
        }
    }
    Ok(out)
}

/// The value of a part of a formula, read as arithmetic.
fn evaluate(text: &str) -> Result<f64, String> {
    let tokens = tokens(text)?;
    let mut reader = Reader { tokens, at: 0 };
    let value = reader.sum()?;
    if reader.at != reader.tokens.len() {
        return Err(format!("what follows {:?}", reader.tokens.get(reader.at)));
    }
    Ok(value)
}

/// A recursive-descent reader over the tokens: sums of products of factors.
struct Reader {
    tokens: Vec<Token>,
    at: usize,
}

impl Reader {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn expect(&mut self, op: char) -> Result<(), String> {
        if self.peek() == Some(&Token::Op(op)) {
            self.at += 1;
            Ok(())
        } else {
            Err(format!("`{op}` expected at {:?}", self.peek()))
        }
    }

    fn sum(&mut self) -> Result<f64, String> {
        let mut value = self.product()?;
        while let Some(Token::Op(op @ ('+' | '−'))) = self.peek().cloned() {
            self.at += 1;
            let rhs = self.product()?;
            value = if op == '+' { value + rhs } else { value - rhs };
        }
        Ok(value)
    }

    fn product(&mut self) -> Result<f64, String> {
        let mut value = self.factor()?;
        while let Some(Token::Op(op @ ('×' | '÷'))) = self.peek().cloned() {
            self.at += 1;
            let rhs = self.factor()?;
            value = if op == '×' { value * rhs } else { value / rhs };
        }
        Ok(value)
    }

    fn factor(&mut self) -> Result<f64, String> {
        let token = self.peek().cloned().ok_or("an empty expression")?;
        self.at += 1;
        match token {
            Token::Number(value) => Ok(value),
            Token::Op('−') => Ok(-self.factor()?),
            Token::Op(open @ ('(' | '⌈' | '⌊')) => {
                let value = self.sum()?;
                match open {
                    '(' => self.expect(')').map(|()| value),
                    '⌈' => self.expect('⌉').map(|()| value.ceil()),
                    _ => self.expect('⌋').map(|()| value.floor()),
                }
            }
            Token::Function(name) => {
                self.expect('(')?;
                let mut values = vec![self.sum()?];
                while self.peek() == Some(&Token::Op(',')) {
                    self.at += 1;
                    values.push(self.sum()?);
                }
                self.expect(')')?;
                let pick = if name == "max" { f64::max } else { f64::min };
                Ok(values.into_iter().reduce(pick).unwrap_or(0.0))
            }
            other => Err(format!("{other:?} where a number belongs")),
        }
    }
}

#[test]
fn the_reader_reads_shown_arithmetic() {
    let cases = [
        ("$810.00 × 30.417", 810.0 * 30.417),
        ("max(⌈20.8 ÷ 56⌉, ⌈0 ÷ 0.7⌉, 0)", 1.0),
        ("⌊80 × 70%⌋", 56.0),
        ("1,000 × 5% × 2,750 ms", 137.5),
        ("98,550,000 ÷ 1M × $0.40", 39.42),
        ("37.5 × 100 × 3,600 × 730 ÷ 10⁶ + 0", 9_855.0),
        (
            "($41,667 − $24,704) ÷ $41,667",
            (41_667.0 - 24_704.0) / 41_667.0,
        ),
        ("max(2 − 0.989, 0) × 2", (2.0 - 0.989) * 2.0),
    ];
    for (text, expected) in cases {
        let got = evaluate(text).unwrap();
        assert!(
            (got - expected).abs() < 1e-9 * expected.abs().max(1.0),
            "{text}: {got}"
        );
    }
    assert!(evaluate("max(E[⌈N ÷ 56⌉] with N").is_err());
    assert!(evaluate("1 rule(s) at $0.025").is_err());
    assert!(evaluate("2 × (3").is_err());
    assert!(shows_as(3.471, 3.472_222, Unit::ConcurrentRuns));
    assert!(!shows_as(3.48, 3.472_222, Unit::ConcurrentRuns));
}
