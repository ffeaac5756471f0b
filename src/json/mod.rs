//! A small JSON reader and writer for the story file, its published data and the interface's
//! catalogue, so the reader's wasm carries no serde_json (see ARCHITECTURE.md, "The two
//! builds"). It reads exactly what serde_json's `Value` read before, value for value:
//!
//! - objects keep one value per key, the last one written (as serde_json's map did), and are
//!   walked in key order (a [`BTreeMap`], as serde_json's `Map` without `preserve_order`);
//! - numbers keep their kind: a whole number is a `u64` (or `i64` when negative) when it
//!   fits, else an `f64`; every `f64` is correctly rounded ([`parse_f64`], as core's `str::parse`); a number
//!   too large for an `f64` is an error, not infinity; `-0` is the float `-0.0`;
//! - strings refuse control characters and lone surrogates in `\u` escapes;
//! - nesting deeper than 127 arrays or objects is an error (never a stack overflow);
//! - anything after the value other than whitespace is an error.
//!
//! Errors say what is wrong and where ([`Error::line`], [`Error::column`], both 1-based).
//! Writing ([`Value`]'s `Display`) gives compact JSON with numbers as serde_json writes them
//! (`1.0`, `1e30`, `0.001`), and `Value` implements `serde::Serialize` for the editor's
//! writer (src/story/file.rs).

use std::collections::BTreeMap;
use std::fmt;

mod decimal;
mod float;
mod ser;
pub use decimal::parse_f64;
pub use float::{Fixed, Plain, Plain32};
pub use ser::{to_string, Error as WriteError};

/// An object: its values by key, in key order.
pub type Map = BTreeMap<String, Value>;

/// A JSON value.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// A JSON number, as it was written: a whole number that fits stays exact.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// A whole number ≥ 0 that fits in a `u64`.
    PosInt(u64),
    /// A whole number < 0 that fits in an `i64`.
    NegInt(i64),
    /// Any other number (a fraction, an exponent, `-0`, or too large for the above).
    Float(f64),
}

impl Number {
    /// The number as an `f64` (rounded when a whole number needs more than 53 bits).
    pub fn as_f64(self) -> f64 {
        match self {
            Number::PosInt(n) => n as f64,
            Number::NegInt(n) => n as f64,
            Number::Float(f) => f,
        }
    }
}

impl Value {
    /// The value under `key` when this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|o| o.get(key))
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Any number, as an `f64`.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n.as_f64()),
            _ => None,
        }
    }

    /// A whole number ≥ 0 written without fraction or exponent.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(Number::PosInt(n)) => Some(*n),
            _ => None,
        }
    }

    /// A whole number that fits in an `i64`, written without fraction or exponent.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(Number::PosInt(n)) => i64::try_from(*n).ok(),
            Value::Number(Number::NegInt(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// What kind of value this is, for messages: `null`, `a boolean`, `a number`, …
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }
}

impl From<f64> for Value {
    /// A finite number; `null` for NaN and infinities (JSON has none), as serde_json does.
    fn from(f: f64) -> Value {
        if f.is_finite() {
            Value::Number(Number::Float(f))
        } else {
            Value::Null
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

/// The same value in serde_json's form (for the importers, which read it with serde).
#[cfg(any(test, feature = "importers"))]
impl From<&Value> for serde_json::Value {
    fn from(v: &Value) -> serde_json::Value {
        match v {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(Number::PosInt(n)) => (*n).into(),
            Value::Number(Number::NegInt(n)) => (*n).into(),
            // Finite by construction (`parse`, `From<f64>`): never null here.
            Value::Number(Number::Float(x)) => serde_json::Number::from_f64(*x)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Array(a) => serde_json::Value::Array(a.iter().map(Into::into).collect()),
            Value::Object(o) => {
                serde_json::Value::Object(o.iter().map(|(k, v)| (k.clone(), v.into())).collect())
            }
        }
    }
}

/// Why a text is not JSON, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    message: &'static str,
    line: usize,
    column: usize,
}

impl Error {
    /// The 1-based line of the text where the problem was found.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column (in characters) where the problem was found.
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for Error {}

/// How many arrays and objects may be open at once (serde_json's limit, less one).
const MAX_DEPTH: usize = 127;

/// Read a JSON text (one value, whitespace around it allowed; no byte-order mark).
///
/// # Examples
/// ```
/// use farmmap::json::{parse, Number, Value};
/// let v = parse(r#"{"a": [1, -2, 2.5, 1e2], "b": null, "a": "last"}"#).unwrap();
/// assert_eq!(v.get("a").and_then(Value::as_str), Some("last"));
/// let n = parse("[1, -2, 2.5, 18446744073709551616]").unwrap();
/// let n: Vec<_> = n.as_array().unwrap().iter().map(|v| match v {
///     Value::Number(n) => *n,
///     _ => unreachable!(),
/// }).collect();
/// assert_eq!(n, [Number::PosInt(1), Number::NegInt(-2), Number::Float(2.5),
///                Number::Float(18446744073709551616.0)]);
/// let e = parse("{\n\"a\": [\n}").unwrap_err();
/// assert_eq!((e.line(), e.to_string()), (3, "expected value at line 3 column 1".into()));
/// assert!(parse("1e400").is_err() && parse(r#""\ud800""#).is_err() && parse("[1] x").is_err());
/// ```
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let v = p.value()?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(v)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, message: &'static str) -> Error {
        let before = &self.text[..self.pos.min(self.text.len())];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Error {
            message,
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &str, v: Value) -> Result<Value, Error> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(v)
        } else {
            Err(self.error("expected value"))
        }
    }

    fn value(&mut self) -> Result<Value, Error> {
        self.skip_ws();
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(b'[') => self.nested(Parser::array),
            Some(b'{') => self.nested(Parser::object),
            Some(_) => Err(self.error("expected value")),
        }
    }

    fn nested(&mut self, read: fn(&mut Self) -> Result<Value, Error>) -> Result<Value, Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.pos += 1;
        let v = read(self);
        self.depth -= 1;
        v
    }

    /// After `[`.
    fn array(&mut self) -> Result<Value, Error> {
        let mut out = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(out));
        }
        loop {
            out.push(self.value()?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(out));
                }
                None => return Err(self.error("EOF while parsing a list")),
                Some(_) => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    /// After `{`.
    fn object(&mut self) -> Result<Value, Error> {
        let mut out = Map::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(out));
        }
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("key must be a string")),
            }
            let key = self.string()?;
            self.skip_ws();
            match self.peek() {
                Some(b':') => self.pos += 1,
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("expected `:`")),
            }
            let v = self.value()?;
            out.insert(key, v);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(out));
                }
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    /// At `"`.
    fn string(&mut self) -> Result<String, Error> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Stops only at ASCII bytes, so both ends are on character boundaries.
            out.push_str(&self.text[start..self.pos]);
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = match self.peek() {
                        None => return Err(self.error("EOF while parsing a string")),
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            out.push(self.unicode_escape()?);
                            continue;
                        }
                        Some(_) => return Err(self.error("invalid escape")),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("invalid escape"))?;
        self.pos += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.error("invalid escape"))
    }

    /// After `\u`: one character, from a surrogate pair when it takes two escapes.
    fn unicode_escape(&mut self) -> Result<char, Error> {
        let first = self.hex4()?;
        let code = match first {
            0xDC00..=0xDFFF => return Err(self.error("lone leading surrogate in hex escape")),
            0xD800..=0xDBFF => {
                if !self.bytes[self.pos..].starts_with(b"\\u") {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            c => c,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// At `-` or a digit.
    fn number(&mut self) -> Result<Number, Error> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.digits() {
            0 => return Err(self.error("invalid number")),
            n if n > 1 && self.bytes[int_start] == b'0' => {
                self.pos = int_start + 1;
                return Err(self.error("invalid number"));
            }
            _ => {}
        }
        let int_end = self.pos;
        let mut whole = true;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            whole = false;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            whole = false;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if whole {
            if let Ok(n) = self.text[int_start..int_end].parse::<u64>() {
                return Ok(match (negative, n) {
                    (false, n) => Number::PosInt(n),
                    (true, 0) => Number::Float(-0.0),
                    (true, n) => match 0i64.checked_sub_unsigned(n) {
                        Some(i) => Number::NegInt(i),
                        None => Number::Float(-(n as f64)),
                    },
                });
            }
        }
        match parse_f64(&self.text[start..self.pos]) {
            Some(f) if f.is_finite() => Ok(Number::Float(f)),
            _ => {
                self.pos = start;
                Err(self.error("number out of range"))
            }
        }
    }
}

impl fmt::Display for Number {
    /// As serde_json writes it: whole numbers as integers, floats in their shortest form
    /// (`1.0`, `0.001`, `1e+30`, `1.5e-7`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Number::PosInt(n) => write!(f, "{n}"),
            Number::NegInt(n) => write!(f, "{n}"),
            Number::Float(x) if !x.is_finite() => f.write_str("null"),
            Number::Float(x) => write_float(f, x),
        }
    }
}

/// serde_json's layout (zmij's) of the shortest digits that read back as `x` (finite):
/// plain for exponents -5 to 15 (`0.00001`, `1e15` as `1000000000000000.0`), else
/// scientific with a signed exponent (`1e+16`, `1.5e-7`).
fn write_float(f: &mut fmt::Formatter<'_>, x: f64) -> fmt::Result {
    if x == 0.0 {
        return f.write_str(if x.is_sign_negative() { "-0.0" } else { "0.0" });
    }
    let (digits, e) = shortest_digits(x);
    let length = digits.len() as i64;
    // The value is D.IGITS × 10^e.
    if x.is_sign_negative() {
        f.write_str("-")?;
    }
    if (-5..=15).contains(&e) {
        if length - 1 <= e {
            write!(f, "{digits}{}.0", "0".repeat((e + 1 - length) as usize))
        } else if 0 <= e {
            let (a, b) = digits.split_at(e as usize + 1);
            write!(f, "{a}.{b}")
        } else {
            write!(f, "0.{}{digits}", "0".repeat((-e - 1) as usize))
        }
    } else {
        let (a, b) = digits.split_at(1);
        let point = if b.is_empty() { "" } else { "." };
        let exp_sign = if e >= 0 { "+" } else { "-" };
        write!(f, "{a}{point}{b}e{exp_sign}{}", e.abs())
    }
}

/// The shortest digits that read back as `x` (finite, not zero), without leading or
/// trailing zeros, and the power of ten of the first: `("15", -7)` for `1.5e-7`: [`Plain`]'s
/// digits, as core's `{:e}` gives them.
fn shortest_digits(x: f64) -> (String, i64) {
    let (digits, k) = float::shortest_f64(x);
    let all = std::str::from_utf8(&digits).unwrap_or("");
    let significant = all.trim_start_matches('0');
    let lead = all.len() - significant.len();
    (
        significant.trim_end_matches('0').to_string(),
        k - 1 - lead as i64,
    )
}

/// `s` as a JSON string, escaped as serde_json escapes it.
/// A text quoted as a JSON string literal (`"like \"this\""`) when displayed: how a message
/// quotes a value from a file. Not `{:?}`: the reader's wasm is built with
/// `-Zfmt-debug=none` (scripts/build.sh), where `Debug` prints nothing; `tests/layering.rs`
/// refuses `{:?}` in messages.
///
/// # Examples
/// ```
/// use farmmap::json::Quoted;
/// assert_eq!(format!("{} is not a date", Quoted("31.02")), r#""31.02" is not a date"#);
/// ```
pub struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_str(f, self.0)
    }
}

fn write_str(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        f.write_str(&s[start..i])?;
        if escape.is_empty() {
            write!(f, "\\u{b:04x}")?;
        } else {
            f.write_str(escape)?;
        }
        start = i + 1;
    }
    f.write_str(&s[start..])?;
    f.write_str("\"")
}

impl fmt::Display for Value {
    /// Compact JSON, as serde_json writes it (keys in key order).
    ///
    /// # Examples
    /// ```
    /// let text = r#"{"b":[1,-2,2.5,1e30,0.001,"a\"\n\u0001é"],"a":null}"#;
    /// let v = farmmap::json::parse(text).unwrap();
    /// assert_eq!(v.to_string(), r#"{"a":null,"b":[1,-2,2.5,1e+30,0.001,"a\"\n\u0001é"]}"#);
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => write!(f, "{n}"),
            Value::String(s) => write_str(f, s),
            Value::Array(a) => {
                f.write_str("[")?;
                for (i, v) in a.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{v}")?;
                }
                f.write_str("]")
            }
            Value::Object(o) => {
                f.write_str("{")?;
                for (i, (k, v)) in o.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write_str(f, k)?;
                    write!(f, ":{v}")?;
                }
                f.write_str("}")
            }
        }
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(Number::PosInt(n)) => s.serialize_u64(*n),
            Value::Number(Number::NegInt(n)) => s.serialize_i64(*n),
            Value::Number(Number::Float(x)) => s.serialize_f64(*x),
            Value::String(t) => s.serialize_str(t),
            Value::Array(a) => {
                let mut seq = s.serialize_seq(Some(a.len()))?;
                for v in a {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
            Value::Object(o) => {
                let mut map = s.serialize_map(Some(o.len()))?;
                for (k, v) in o {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests;
