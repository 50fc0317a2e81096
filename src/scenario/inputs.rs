//! How an input is declared: once, beside the field that stores it.
//!
//! A group of inputs is a plain struct declared with [`inputs!`]: each field carries its
//! starting value (which is also what a scenario, a share link or a scenario file that leaves the
//! field out means) and its [`Input`] — label, unit, help, what it accepts, and the share-link
//! format it first appeared in. The macro writes the struct, its `Default`, its JSON form and
//! its [`Inputs`] table, from which the form, parsing and validation, the CLI's `--set`, the
//! CSV's input rows, the printed inputs and the share link all work. A choice between a few
//! options is an enum declared with [`choices!`].
//!
//! ```
//! use headroom::scenario::inputs::{Inputs, Value};
//! use headroom::scenario::Workload;
//! let workload = Workload::default();
//! let index = Workload::INPUTS.iter().position(|i| i.key == "runs_per_day").unwrap();
//! assert_eq!(workload.get(index), Value::Number(10_000.0));
//! assert_eq!(Workload::INPUTS[index].label, "Runs per day");
//! ```

use crate::catalog::Catalog;
use crate::units::Unit;

/// The model id, and the cache node id, that mean "use the price typed in the scenario".
pub const CUSTOM: &str = "custom";

/// A field's value: a number, or the id of a choice, or a text.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A number in the field's unit.
    Number(f64),
    /// A choice id (`yes`/`no` for a switch) or free text.
    Text(String),
}

impl Value {
    /// The value as the user would type it: the shortest decimal that reads back as the same
    /// number, or the text itself.
    pub fn to_text(&self) -> String {
        match self {
            Value::Number(n) => crate::format::raw(*n),
            Value::Text(t) => t.clone(),
        }
    }
}

/// Options whose list comes from the scenario's price catalog, followed by a price typed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CatalogOptions {
    /// The language models the catalog prices.
    LlmModels,
    /// The cache node types the catalog prices.
    CacheNodes,
}

/// What an input accepts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A finite number in `[min, max]`, whole if `integer`.
    Number {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
        /// Whether only whole numbers are allowed.
        integer: bool,
    },
    /// One of a fixed list of options: (id, label).
    Choice(&'static [(&'static str, &'static str)]),
    /// Yes or no, each with the words that say what it means here.
    Switch {
        /// What "yes" means.
        yes: &'static str,
        /// What "no" means.
        no: &'static str,
        /// Whether "no" is offered first (the safe answer, when "yes" changes the bill).
        no_first: bool,
    },
    /// One of the catalog's options, or [`CUSTOM`].
    Catalog(CatalogOptions),
    /// Free text up to this many characters, on one line.
    Text {
        /// Longest allowed text, in characters.
        max_chars: usize,
    },
}

impl Kind {
    /// The options of a choice, in the order offered, as (id, label); empty for numbers and text.
    pub fn options(&self, catalog: &'static Catalog) -> Vec<(&'static str, &'static str)> {
        match *self {
            Kind::Choice(options) => options.to_vec(),
            Kind::Switch { yes, no, no_first } if no_first => vec![("no", no), ("yes", yes)],
            Kind::Switch { yes, no, .. } => vec![("yes", yes), ("no", no)],
            Kind::Catalog(list) => {
                let (mut options, custom) = match list {
                    CatalogOptions::LlmModels => (catalog.llm_models(), "Custom prices"),
                    CatalogOptions::CacheNodes => {
                        (catalog.cache_nodes(), "Custom price per node-hour")
                    }
                };
                options.push((CUSTOM, custom));
                options
            }
            Kind::Number { .. } | Kind::Text { .. } => Vec::new(),
        }
    }

    /// Whether the value is a number of this kind.
    pub fn is_number(&self) -> bool {
        matches!(self, Kind::Number { .. })
    }
}

/// One input, as declared: everything the form, the parser, the CSV and the link need to know
/// about it. Built with the `const` constructors below, e.g.
/// `Input::number("Runs per day", Unit::RunsPerDay, 1.0, 1e9).help("…")`; [`inputs!`] fills in
/// the key from the field's name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Input {
    /// The field's name in its struct and in paths, e.g. `runs_per_day`.
    pub key: &'static str,
    /// The label shown beside the input.
    pub label: &'static str,
    /// Its unit.
    pub unit: Unit,
    /// What it means, shown under the input.
    pub help: &'static str,
    /// What it accepts.
    pub kind: Kind,
    /// The positional share-link format (1 to 6) that first carried it; 0 for an input added
    /// since, which only keyed links carry. A link of an earlier format opens with the input
    /// at its starting value.
    pub since: u8,
    /// Whether it applies only to a scenario with runs (a run milestone, a per-run quota).
    pub runs_only: bool,
    /// Whether it takes one value only, never a range (the settings of the Monte Carlo run).
    pub point_only: bool,
    /// Whether it is a volume of use: load or data that grows with the customers' use (runs
    /// per day, requests per second, GB stored), as opposed to a size, a price, a ratio or a
    /// limit. Scaling a scenario's use multiplies its volumes ([`crate::engine::scaling`]).
    pub volume: bool,
    /// The steps its values come in, as steps to a unit of it (2 for Aurora's capacity in half
    /// ACUs), 0 for any value: a value drawn from a range, or put at a range's median, is
    /// rounded to a step ([`Input::step`]).
    pub steps_per_unit: u8,
}

impl Input {
    const fn new(label: &'static str, unit: Unit, kind: Kind) -> Input {
        Input {
            key: "",
            label,
            unit,
            help: "",
            kind,
            since: 0,
            runs_only: false,
            point_only: false,
            volume: false,
            steps_per_unit: 0,
        }
    }

    /// The same input, its values coming in steps of 1 ÷ `steps_per_unit` of its unit.
    pub const fn in_steps(self, steps_per_unit: u8) -> Input {
        Input {
            steps_per_unit,
            ..self
        }
    }

    /// The step its values come in, 0 for any value.
    pub fn step(&self) -> f64 {
        match self.steps_per_unit {
            0 => 0.0,
            n => 1.0 / f64::from(n),
        }
    }

    /// A number from `min` to `max` in `unit`.
    pub const fn number(label: &'static str, unit: Unit, min: f64, max: f64) -> Input {
        Input::new(
            label,
            unit,
            Kind::Number {
                min,
                max,
                integer: false,
            },
        )
    }

    /// A whole number from `min` to `max` in `unit`.
    pub const fn whole(label: &'static str, unit: Unit, min: f64, max: f64) -> Input {
        Input::new(
            label,
            unit,
            Kind::Number {
                min,
                max,
                integer: true,
            },
        )
    }

    /// One of `options`, (id, label) in the order offered.
    pub const fn choice(
        label: &'static str,
        options: &'static [(&'static str, &'static str)],
    ) -> Input {
        Input::new(label, Unit::None, Kind::Choice(options))
    }

    /// Yes or no; `yes` and `no` say what each means.
    pub const fn switch(label: &'static str, yes: &'static str, no: &'static str) -> Input {
        Input::new(
            label,
            Unit::None,
            Kind::Switch {
                yes,
                no,
                no_first: false,
            },
        )
    }

    /// Yes or no, offering "no" first.
    pub const fn switch_no_first(
        label: &'static str,
        no: &'static str,
        yes: &'static str,
    ) -> Input {
        Input::new(
            label,
            Unit::None,
            Kind::Switch {
                yes,
                no,
                no_first: true,
            },
        )
    }

    /// One of the catalog's options, or a price typed in.
    pub const fn catalog(label: &'static str, options: CatalogOptions) -> Input {
        Input::new(label, Unit::None, Kind::Catalog(options))
    }

    /// Text up to `max_chars` characters.
    pub const fn text(label: &'static str, max_chars: usize) -> Input {
        Input::new(label, Unit::None, Kind::Text { max_chars })
    }

    /// The same input with its help text.
    pub const fn help(self, help: &'static str) -> Input {
        Input { help, ..self }
    }

    /// The same input, first carried by positional link format `format`.
    pub const fn since(self, format: u8) -> Input {
        Input {
            since: format,
            ..self
        }
    }

    /// The same input, applying only to a scenario with runs.
    pub const fn runs_only(self) -> Input {
        Input {
            runs_only: true,
            ..self
        }
    }

    /// The same input, taking one value only, never a range.
    pub const fn point_only(self) -> Input {
        Input {
            point_only: true,
            ..self
        }
    }

    /// The same input, marked as a volume of use (the `volume` field).
    pub const fn volume(self) -> Input {
        Input {
            volume: true,
            ..self
        }
    }

    /// Whether a range may be given in place of one value: a number that is not
    /// [`Input::point_only`].
    pub fn takes_range(&self) -> bool {
        self.kind.is_number() && !self.point_only
    }

    /// Parses what a user typed into a value this input accepts, or says what is allowed.
    pub fn parse(&self, raw: &str, catalog: &'static Catalog) -> Result<Value, String> {
        let value = match self.kind {
            Kind::Number { .. } => {
                let trimmed = raw.trim();
                if trimmed.is_empty() {
                    return Err(format!("Enter a number. {}", self.allowed(catalog)));
                }
                if let Some((int, frac)) = thousands_or_decimals(trimmed) {
                    let decimal = format!("{int}.{frac}");
                    let decimal = decimal.trim_end_matches('0').trim_end_matches('.');
                    return Err(format!(
                        "“{}” reads two ways: type {decimal}, or {int},{frac} for thousands.",
                        echo(trimmed)
                    ));
                }
                Value::Number(parse_typed(trimmed, self.unit).ok_or_else(|| {
                    let hidden = if trimmed.chars().any(is_unsafe_in_text) {
                        " It holds an invisible character (\\u…): type it again."
                    } else {
                        ""
                    };
                    // `8k-12k` is a range written with a hyphen, which a number may not hold;
                    // a setting of the run takes no range at all.
                    let range = if self.point_only && super::ranges::looks_like_range(trimmed) {
                        " This setting takes one value, not a range."
                    } else if self.takes_range() && trimmed.chars().skip(1).any(|c| c == '-') {
                        " For a range, type 8k..12k or 8k to 12k."
                    } else {
                        ""
                    };
                    format!(
                        "“{}” is not a number.{hidden} {}{range}",
                        echo(trimmed),
                        self.allowed(catalog)
                    )
                })?)
            }
            // A switch also reads the `true` and `false` that a scenario file holds.
            Kind::Switch { .. } => Value::Text(
                match raw.trim() {
                    t if t.eq_ignore_ascii_case("true") => "yes",
                    t if t.eq_ignore_ascii_case("false") => "no",
                    t => t,
                }
                .to_string(),
            ),
            Kind::Choice(_) | Kind::Catalog(_) => Value::Text(raw.trim().to_string()),
            // Text is kept as typed, so that what the form shows, the link carries and the file
            // holds are the same, but on one line and without invisible controls: each line
            // break, control or direction override becomes a space.
            Kind::Text { .. } => Value::Text(
                raw.chars()
                    .map(|c| if is_unsafe_in_text(c) { ' ' } else { c })
                    .collect(),
            ),
        };
        self.check(&value, catalog)?;
        Ok(value)
    }

    /// Checks a value against what the input accepts.
    pub fn check(&self, value: &Value, catalog: &'static Catalog) -> Result<(), String> {
        let ok = match (&self.kind, value) {
            (Kind::Number { min, max, integer }, Value::Number(n)) => {
                n.is_finite() && n >= min && n <= max && !(*integer && n.fract() != 0.0)
            }
            (Kind::Text { max_chars }, Value::Text(t)) => {
                t.chars().count() <= *max_chars && !t.chars().any(is_unsafe_in_text)
            }
            (kind, Value::Text(t)) if !kind.is_number() => {
                kind.options(catalog).iter().any(|(id, _)| id == t)
            }
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(self.allowed(catalog))
        }
    }

    /// What the input accepts, in words.
    pub fn allowed(&self, catalog: &'static Catalog) -> String {
        match self.kind {
            Kind::Number { min, max, integer } => {
                let whole = if integer {
                    "a whole number"
                } else {
                    "a number"
                };
                let unit = match self.unit.symbol() {
                    "" => String::new(),
                    symbol => format!(" {symbol}"),
                };
                format!(
                    "Allowed: {whole} from {} to {}{unit}.",
                    crate::format::plain(min),
                    crate::format::plain(max)
                )
            }
            Kind::Text { max_chars } => {
                format!("Allowed: up to {max_chars} characters, on one line.")
            }
            kind => {
                let ids: Vec<&str> = kind.options(catalog).iter().map(|(id, _)| *id).collect();
                format!("Allowed: one of {}.", ids.join(", "))
            }
        }
    }
}

/// Parses a number for an input in `unit` as people write it: a decimal number
/// ([`parse_number`]), then, each optional and in this order, a multiple (`k` or `K` for a
/// thousand, `M` for a million — in money also `m` and `mm` — `B` or `bn` for a billion) and the
/// input's unit (`45 s`, `20%`,
/// `3×` or `3x`, `120 ms`, `$180,000`, `180k USD/year`). A unit other than the input's is refused
/// rather than converted, so `45 min` in seconds is not read as 45. In a size in bytes (KB, GB,
/// GiB) `B` and `bn` are refused, as `5B` there reads as five bytes as much as five billion.
///
/// ```
/// use headroom::{scenario::inputs::parse_typed, units::Unit};
/// assert_eq!(parse_typed("180k", Unit::UsdPerYear), Some(180_000.0));
/// assert_eq!(parse_typed("$1.5M", Unit::UsdPerYear), Some(1_500_000.0));
/// assert_eq!(parse_typed("$1.5m", Unit::UsdPerYear), Some(1_500_000.0));
/// assert_eq!(parse_typed("2m", Unit::Seconds), None);
/// assert_eq!(parse_typed("45 s", Unit::Seconds), Some(45.0));
/// assert_eq!(parse_typed("20%", Unit::Percent), Some(20.0));
/// assert_eq!(parse_typed("45 min", Unit::Seconds), None);
/// ```
pub fn parse_typed(text: &str, unit: Unit) -> Option<f64> {
    let mut rest = text.trim();
    let money = unit.is_money();
    if money {
        rest = rest.strip_prefix('$').unwrap_or(rest).trim_start();
    }
    rest = strip_unit(rest, unit).trim_end();
    let bytes = unit.symbol().ends_with('B');
    let (number, multiple) = match rest.char_indices().last() {
        Some((i, 'k' | 'K')) => (&rest[..i], 1.0e3),
        // Money's millions as finance writes them, too: `$1.5m`, `$1.5mm`.
        _ if money && rest.ends_with("mm") => (&rest[..rest.len() - 2], 1.0e6),
        Some((i, 'M')) => (&rest[..i], 1.0e6),
        Some((i, 'm')) if money => (&rest[..i], 1.0e6),
        Some((i, 'B')) if !bytes => (&rest[..i], 1.0e9),
        _ if !bytes
            && rest.len() > 2
            && rest.is_char_boundary(rest.len() - 2)
            && rest[rest.len() - 2..].eq_ignore_ascii_case("bn") =>
        {
            (&rest[..rest.len() - 2], 1.0e9)
        }
        _ => (rest, 1.0),
    };
    let value = parse_number(&spaces_as_commas(number.trim_end()))? * multiple;
    value.is_finite().then_some(value)
}

/// Whether `text` is a number written with a point that may as well separate thousands, as
/// much of Europe writes them: one to three digits, a point and three digits the last of which
/// is 0 (`8.000`, `12.500`), which a person means as 8 only by typing zeros no one needs. Gives
/// the digits before and after the point. `8.125` is read as eight and an eighth: a figure the
/// form itself shows that way (see `format::typed`, which never ends on a 0).
fn thousands_or_decimals(text: &str) -> Option<(&str, &str)> {
    let number = text.strip_prefix('$').unwrap_or(text).trim_start();
    let end = number
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(number.len());
    let (int, frac) = number[..end].split_once('.')?;
    let ambiguous = (1..=3).contains(&int.len())
        && !int.starts_with('0')
        && frac.len() == 3
        && frac.ends_with('0')
        && frac.bytes().all(|b| b.is_ascii_digit());
    ambiguous.then_some((int, frac))
}

/// `text` with each space (or no-break space) between digits written as a comma, so that
/// `180 000` is read as `180,000` — and checked as thousands separators like one.
fn spaces_as_commas(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains([' ', '\u{a0}', '\u{202f}']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between = i > 0 && digit(i - 1) && digit(i + 1);
            if matches!(c, ' ' | '\u{a0}' | '\u{202f}') && between {
                ','
            } else {
                c
            }
        })
        .collect::<String>()
        .into()
}

/// `text` without the symbol of `unit` at its end (with or without a space before it), as
/// written by [`Unit::symbol`] or its singular, and `x` for a ratio's `×`, `USD` for money.
fn strip_unit(text: &str, unit: Unit) -> &str {
    let symbol = unit.symbol();
    let singular = unit.symbol_for(1.0);
    let alternatives: &[&str] = match unit {
        Unit::Ratio => &["×", "x"],
        _ if unit.is_money() => &[symbol, "USD", "$"],
        _ => &[symbol, singular],
    };
    for alternative in alternatives {
        if alternative.is_empty() {
            continue;
        }
        let ends = text.len() >= alternative.len()
            && text.is_char_boundary(text.len() - alternative.len())
            && text[text.len() - alternative.len()..].eq_ignore_ascii_case(alternative);
        if ends {
            let number = &text[..text.len() - alternative.len()];
            // The unit follows a number: "45s" or "45 s", never "4 5s".
            if number
                .trim_end()
                .ends_with(|c: char| c.is_ascii_digit() || "kKMmBn.".contains(c))
            {
                return number;
            }
        }
    }
    text
}

/// Parses a decimal number as people type it: `10000`, `10,000`, `0.6`, `1e6`. Commas are
/// accepted only as thousands separators in the integer part; `inf` and `NaN` are refused.
pub fn parse_number(text: &str) -> Option<f64> {
    let (integer_part, rest) = match text.find(['.', 'e', 'E']) {
        Some(i) => text.split_at(i),
        None => (text, ""),
    };
    let digits = if integer_part.contains(',') {
        let unsigned = integer_part.trim_start_matches(['-', '+']);
        let mut groups = unsigned.split(',');
        let first = groups.next()?;
        let well_grouped = (1..=3).contains(&first.len())
            && groups.all(|g| g.len() == 3)
            && unsigned.chars().all(|c| c.is_ascii_digit() || c == ',');
        if !well_grouped {
            return None;
        }
        integer_part.replace(',', "")
    } else {
        integer_part.to_string()
    };
    let candidate = format!("{digits}{rest}");
    let is_plain_decimal = candidate
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'));
    if !is_plain_decimal {
        return None;
    }
    // Minus zero is zero: a sign on nothing would show as "-0".
    candidate
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .map(|n| if n == 0.0 { 0.0 } else { n })
}

/// What the user typed, as a message repeats it: at most 40 characters, then an ellipsis, each
/// character a message should not carry as is escaped ([`escaped`]).
pub fn echo(text: &str) -> String {
    escaped(text, 40)
}

/// `text` on one line and at most `longest` characters (then an ellipsis), with every character
/// that could break a line, move a terminal's cursor or reorder what is shown
/// ([`is_unsafe_in_text`]) written as `\u{…}`.
pub fn escaped(text: &str, longest: usize) -> String {
    let mut out = String::with_capacity(text.len().min(4 * longest + 4));
    let mut shown = 0;
    for c in text.chars() {
        let piece = if is_unsafe_in_text(c) {
            format!("\\u{{{:x}}}", u32::from(c))
        } else {
            c.to_string()
        };
        // Counted as written, escapes included, so that no text makes the line longer.
        let width = piece.chars().count();
        if shown + width > longest {
            out.push('…');
            break;
        }
        out.push_str(&piece);
        shown += width;
    }
    out
}

/// Whether a text input refuses `c`: control characters (line breaks, tabs, escape sequences),
/// the Unicode line and paragraph separators, and the bidirectional embeddings, overrides and
/// isolates, which can make text read other than it is.
pub fn is_unsafe_in_text(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A type a declared field may have: how it reads and writes as a [`Value`].
pub trait FieldValue: Sized {
    /// The field's value.
    fn to_value(&self) -> Value;
    /// The field from a value of the right shape; `None` otherwise.
    fn from_value(value: &Value) -> Option<Self>;
    /// Whether the field reads "yes": a switch that is on. Only a yes/no input (a `bool`) can.
    fn is_yes(&self) -> bool {
        false
    }
}

impl FieldValue for f64 {
    fn to_value(&self) -> Value {
        Value::Number(*self)
    }
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Number(n) => Some(*n),
            Value::Text(_) => None,
        }
    }
}

impl FieldValue for bool {
    fn to_value(&self) -> Value {
        Value::Text(if *self { "yes" } else { "no" }.to_string())
    }
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Text(t) if t == "yes" => Some(true),
            Value::Text(t) if t == "no" => Some(false),
            _ => None,
        }
    }
    fn is_yes(&self) -> bool {
        *self
    }
}

impl FieldValue for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Text(t) => Some(t.clone()),
            Value::Number(_) => None,
        }
    }
}

/// A whole number offered as a choice (the projection's 24 or 36 months).
impl FieldValue for u32 {
    fn to_value(&self) -> Value {
        Value::Text(self.to_string())
    }
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Text(t) => t.parse().ok(),
            Value::Number(_) => None,
        }
    }
}

/// A struct of declared inputs, read and written by the input's position in [`Inputs::INPUTS`].
pub trait Inputs {
    /// The declared inputs, in form order.
    const INPUTS: &'static [Input];
    /// The value of the input at `index`.
    fn get(&self, index: usize) -> Value;
    /// Writes the input at `index`; `false`, and nothing written, when the value is of the
    /// wrong shape. The value should have passed [`Input::check`].
    fn set(&mut self, index: usize, value: &Value) -> bool;
    /// Whether the input at `index` applies, given the struct's other inputs (a custom price
    /// only for a custom model, a Spot discount only with a Spot share).
    fn relevant(&self, index: usize) -> bool;
    /// Whether the input at `index` reads "yes" ([`FieldValue::is_yes`]), without writing out
    /// its value: a section's switch is read at every evaluation.
    fn is_yes(&self, index: usize) -> bool;
}

/// [`Inputs`] through a reference, so that sections of different types can be listed together.
pub trait DynInputs {
    /// The declared inputs, in form order.
    fn inputs(&self) -> &'static [Input];
    /// See [`Inputs::get`].
    fn get(&self, index: usize) -> Value;
    /// See [`Inputs::set`].
    fn set(&mut self, index: usize, value: &Value) -> bool;
    /// See [`Inputs::relevant`].
    fn relevant(&self, index: usize) -> bool;
    /// See [`Inputs::is_yes`].
    fn is_yes(&self, index: usize) -> bool;
}

impl<T: Inputs> DynInputs for T {
    fn inputs(&self) -> &'static [Input] {
        T::INPUTS
    }
    fn get(&self, index: usize) -> Value {
        Inputs::get(self, index)
    }
    fn set(&mut self, index: usize, value: &Value) -> bool {
        Inputs::set(self, index, value)
    }
    fn relevant(&self, index: usize) -> bool {
        Inputs::relevant(self, index)
    }
    fn is_yes(&self, index: usize) -> bool {
        Inputs::is_yes(self, index)
    }
}

/// Declares a struct of inputs: each field with its type, its starting value after `=` (also
/// what a scenario, link or file that leaves it out means: it never changes once released),
/// its [`Input`] after `=>`, and, after a second `=> if`, when it applies.
///
/// ```ignore
/// inputs! {
///     /// The LLM calls each step makes.
///     pub struct Llm {
///         /// Catalog model id, or `custom`.
///         pub model: String = "custom".to_string()
///             => Input::catalog("Model", CatalogOptions::LlmModels).help("…").since(1),
///         /// Custom model: USD per million input tokens.
///         pub custom_input_usd_per_mtok: f64 = 3.0
///             => Input::number("Custom input price", Unit::UsdPerMillionTokens, 0.0, 1_000.0)
///             => if |l: &Llm| l.model == CUSTOM,
///     }
/// }
/// ```
macro_rules! inputs {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$field_meta:meta])*
                pub $field:ident : $ty:ty = $default:expr => $input:expr $(=> if $relevant:expr)?
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            $( $(#[$field_meta])* pub $field: $ty, )*
        }

        impl Default for $name {
            /// Every input at its starting value.
            fn default() -> Self {
                $name { $( $field: $default, )* }
            }
        }

        impl $crate::scenario::inputs::Inputs for $name {
            const INPUTS: &'static [$crate::scenario::inputs::Input] = &[
                $( $crate::scenario::inputs::Input { key: stringify!($field), ..$input }, )*
            ];

            fn get(&self, index: usize) -> $crate::scenario::inputs::Value {
                #[allow(non_camel_case_types, clippy::enum_variant_names)]
                enum Position { $($field),* }
                $(
                    if index == Position::$field as usize {
                        return $crate::scenario::inputs::FieldValue::to_value(&self.$field);
                    }
                )*
                $crate::scenario::inputs::Value::Text(String::new())
            }

            fn set(&mut self, index: usize, value: &$crate::scenario::inputs::Value) -> bool {
                #[allow(non_camel_case_types, clippy::enum_variant_names)]
                enum Position { $($field),* }
                $(
                    if index == Position::$field as usize {
                        return match $crate::scenario::inputs::FieldValue::from_value(value) {
                            Some(typed) => {
                                self.$field = typed;
                                true
                            }
                            None => false,
                        };
                    }
                )*
                false
            }

            #[allow(unused_variables)]
            fn relevant(&self, index: usize) -> bool {
                #[allow(non_camel_case_types, clippy::enum_variant_names)]
                enum Position { $($field),* }
                $(
                    if index == Position::$field as usize {
                        return inputs!(@relevant self $($relevant)?);
                    }
                )*
                true
            }

            fn is_yes(&self, index: usize) -> bool {
                #[allow(non_camel_case_types, clippy::enum_variant_names)]
                enum Position { $($field),* }
                $(
                    if index == Position::$field as usize {
                        return $crate::scenario::inputs::FieldValue::is_yes(&self.$field);
                    }
                )*
                false
            }
        }
    };
    (@relevant $self:ident) => { true };
    (@relevant $self:ident $relevant:expr) => { ($relevant)($self) };
}

/// Declares an enum whose variants are a choice's options, each with its id (in links, files
/// and `--set`) and its label (in the form).
///
/// ```ignore
/// choices! {
///     /// How Cloud Run bills the service.
///     pub enum Billing {
///         /// CPU and memory billed only while requests are in flight.
///         Request = "request" "Request-based",
///         /// CPU and memory billed for the instance's whole life.
///         Instance = "instance" "Instance-based",
///     }
/// }
/// ```
macro_rules! choices {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $id:literal $label:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $name {
            /// The options, (id, label), in the order offered.
            pub const OPTIONS: &'static [(&'static str, &'static str)] = &[$(($id, $label)),+];

            /// The option's id.
            pub fn id(self) -> &'static str {
                match self {
                    $( $name::$variant => $id, )+
                }
            }

            /// The option with this id.
            pub fn from_id(id: &str) -> Option<Self> {
                match id {
                    $( $id => Some($name::$variant), )+
                    _ => None,
                }
            }
        }

        impl $crate::scenario::inputs::FieldValue for $name {
            fn to_value(&self) -> $crate::scenario::inputs::Value {
                $crate::scenario::inputs::Value::Text(self.id().to_string())
            }
            fn from_value(value: &$crate::scenario::inputs::Value) -> Option<Self> {
                match value {
                    $crate::scenario::inputs::Value::Text(id) => $name::from_id(id),
                    $crate::scenario::inputs::Value::Number(_) => None,
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let id = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                $name::from_id(&id)
                    .ok_or_else(|| serde::de::Error::unknown_variant(&id, &[$($id),+]))
            }
        }
    };
}

pub(crate) use {choices, inputs};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_as_people_type_them() {
        assert_eq!(parse_number("10000"), Some(10_000.0));
        assert_eq!(parse_number("10,000"), Some(10_000.0));
        assert_eq!(parse_number("1,234,567.5"), Some(1_234_567.5));
        assert_eq!(parse_number("0.6"), Some(0.6));
        assert_eq!(parse_number("1e6"), Some(1.0e6));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert!(parse_number("-0").unwrap().is_sign_positive());
        assert!(parse_number("-1e-400").unwrap().is_sign_positive());
    }

    #[test]
    fn a_point_that_may_separate_thousands_is_asked_about() {
        let input = Input::number("Runs per day", Unit::RunsPerDay, 0.0, 1.0e9);
        for (text, message) in [
            (
                "8.000",
                "“8.000” reads two ways: type 8, or 8,000 for thousands.",
            ),
            (
                "12.500",
                "“12.500” reads two ways: type 12.5, or 12,500 for thousands.",
            ),
            (
                "$180.000",
                "“$180.000” reads two ways: type 180, or 180,000 for thousands.",
            ),
            (
                "1.250 runs/day",
                "“1.250 runs/day” reads two ways: type 1.25, or 1,250 for thousands.",
            ),
        ] {
            assert_eq!(
                input.parse(text, Catalog::current()),
                Err(message.to_string())
            );
        }
        for (text, value) in [
            ("8.125", 8.125),
            ("0.500", 0.5),
            ("8.0", 8.0),
            ("8,000", 8_000.0),
            ("1234.500", 1_234.5),
        ] {
            assert_eq!(
                input.parse(text, Catalog::current()),
                Ok(Value::Number(value)),
                "{text}"
            );
        }
    }

    #[test]
    fn an_invisible_character_in_a_number_is_named() {
        let input = Input::number("Contract value", Unit::UsdPerYear, 1.0, 1.0e10);
        let message = input.parse("1\u{202e}000", Catalog::current()).unwrap_err();
        assert!(
            message.starts_with("“1\\u{202e}000” is not a number. It holds an invisible character"),
            "{message}"
        );
        assert!(!message.chars().any(is_unsafe_in_text), "{message:?}");
        let plain = input.parse("abc", Catalog::current()).unwrap_err();
        assert!(!plain.contains("invisible"), "{plain}");
    }

    #[test]
    fn numbers_parse_with_the_multiples_and_units_people_write() {
        for (text, unit, value) in [
            ("180k", Unit::UsdPerYear, 180_000.0),
            ("180K", Unit::UsdPerYear, 180_000.0),
            ("1.5M", Unit::UsdPerYear, 1_500_000.0),
            ("$180,000", Unit::UsdPerYear, 180_000.0),
            ("$1.5m", Unit::UsdPerYear, 1_500_000.0),
            ("1.5mm", Unit::UsdPerYear, 1_500_000.0),
            ("$2m USD/year", Unit::UsdPerYear, 2_000_000.0),
            ("$ 180,000", Unit::UsdPerYear, 180_000.0),
            ("180,000 USD/year", Unit::UsdPerYear, 180_000.0),
            ("2bn", Unit::RunsPerDay, 2.0e9),
            ("2BN", Unit::RunsPerDay, 2.0e9),
            ("1B", Unit::RunsPerDay, 1.0e9),
            ("8,000 runs/day", Unit::RunsPerDay, 8_000.0),
            ("45 s", Unit::Seconds, 45.0),
            ("45s", Unit::Seconds, 45.0),
            ("20%", Unit::Percent, 20.0),
            ("20 %", Unit::Percent, 20.0),
            ("3×", Unit::Ratio, 3.0),
            ("3x", Unit::Ratio, 3.0),
            ("120 ms", Unit::Milliseconds, 120.0),
            ("1 instance", Unit::Instances, 1.0),
            ("4 instances", Unit::Instances, 4.0),
            ("2.5k", Unit::Count, 2_500.0),
            ("0.30", Unit::UsdPerMillionTokens, 0.30),
            ("180 000", Unit::UsdPerYear, 180_000.0),
            ("1\u{a0}234\u{a0}567.5", Unit::Count, 1_234_567.5),
        ] {
            assert_eq!(parse_typed(text, unit), Some(value), "{text}");
        }
    }

    #[test]
    fn another_unit_or_a_stray_letter_is_refused_not_guessed() {
        for (text, unit) in [
            ("45 min", Unit::Seconds),
            ("45 ms", Unit::Seconds),
            ("20%", Unit::Seconds),
            ("$5", Unit::Seconds),
            ("1.5m", Unit::Seconds),
            ("1.5m", Unit::Count),
            ("2mm", Unit::Count),
            ("k", Unit::Count),
            ("5 kk", Unit::Count),
            ("s", Unit::Seconds),
            ("4 5s", Unit::Seconds),
            ("18 00", Unit::Count),
            ("1  000", Unit::Count),
            ("1e400k", Unit::Count),
            ("9e305B", Unit::Count),
            ("5B", Unit::Kilobytes),
            ("5 bn", Unit::Gigabytes),
            ("2B", Unit::Gibibytes),
        ] {
            assert_eq!(parse_typed(text, unit), None, "{text}");
        }
    }

    #[test]
    fn a_message_repeats_at_most_forty_characters_of_what_was_typed() {
        assert_eq!(echo("abc"), "abc");
        let long = "9".repeat(100_000);
        assert_eq!(echo(&long).chars().count(), 41);
        assert!(echo("é".repeat(50).as_str()).ends_with("é…"));
    }

    #[test]
    fn malformed_numbers_are_refused() {
        for text in [
            "", "abc", "1,00", "10,5", "inf", "NaN", "infinity", "1e400", "12abc", "1,0000",
            "0x10", ",",
        ] {
            assert_eq!(parse_number(text), None, "{text}");
        }
    }
}
