//! JSON records one at a time, as publishers ship them: a JSON array (`[{…}, {…}]`),
//! JSON Lines (one record per line; blank lines are fine), or one or more objects one
//! after another (a single pretty-printed statement). Records are handed over as they are
//! read, so a large file is never held as one document tree.

use serde::de::{Deserializer as _, SeqAccess, Visitor};
use serde_json::Value;
use std::collections::HashSet;
use std::fmt;

/// How a file lays out its records, and so what a person calls a record's position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A JSON array: records are numbered from 1 ("statement 3").
    Array,
    /// JSON Lines: a record's number is its line ("line 3").
    Lines,
    /// Objects one after another (pretty-printed): numbered from 1.
    Objects,
}

/// One record: its number (see [`Layout`]) and the value, or why the line is not JSON
/// (JSON Lines only: one bad line does not stop the file).
pub struct Item {
    pub number: usize,
    pub value: Result<Value, String>,
}

/// A problem that stops reading; records before it were handed over.
#[derive(Debug, PartialEq)]
pub struct Stop {
    /// The line (1-based) where reading stopped, when known.
    pub line: Option<usize>,
    pub message: String,
}

/// Read every record of `text`, calling `each` as each one is read. `bad_lines` (lines
/// that were not valid text) are skipped in JSON Lines.
///
/// # Examples
/// ```
/// use farmmap::import::json_records::{read, Layout};
/// use std::collections::HashSet;
///
/// let mut seen = Vec::new();
/// let layout = read("{\"a\":1}\n\n{\"a\":2}\nnot json\n", &HashSet::new(), |item| {
///     seen.push((item.number, item.value.is_ok()))
/// });
/// assert_eq!(layout, Ok(Layout::Lines));
/// assert_eq!(seen, vec![(1, true), (3, true), (4, false)]);
///
/// let mut n = 0;
/// assert_eq!(read("[{\"a\":1}, {\"a\":2}]", &HashSet::new(), |_| n += 1), Ok(Layout::Array));
/// assert_eq!(n, 2);
/// ```
pub fn read(
    text: &str,
    bad_lines: &HashSet<usize>,
    mut each: impl FnMut(Item),
) -> Result<Layout, Stop> {
    let body = text.trim_start_matches('\u{feff}');
    let start = body.trim_start();
    if start.is_empty() {
        return Err(Stop {
            line: None,
            message: "is empty; expected JSON records".into(),
        });
    }
    if start.starts_with('[') {
        let mut de = serde_json::Deserializer::from_str(body);
        let mut visitor = Records { each: &mut each };
        let result = (&mut de)
            .deserialize_seq(&mut visitor)
            .and_then(|_| de.end());
        return result.map(|_| Layout::Array).map_err(stop);
    }
    if is_json_lines(body) {
        for (i, line) in body.lines().enumerate() {
            let number = i + 1;
            if line.trim().is_empty() || bad_lines.contains(&number) {
                continue;
            }
            let value = serde_json::from_str::<Value>(line)
                .map_err(|e| format!("is not valid JSON: {}", strip_position(&e)));
            each(Item { number, value });
        }
        return Ok(Layout::Lines);
    }
    let mut number = 0;
    for value in serde_json::Deserializer::from_str(body).into_iter::<Value>() {
        match value {
            Ok(v) => {
                number += 1;
                each(Item {
                    number,
                    value: Ok(v),
                });
            }
            Err(e) => return Err(stop(e)),
        }
    }
    Ok(Layout::Objects)
}

/// The layout [`read`] will find, from the start of the text: what to call a record's
/// position before reading.
pub fn sniff(text: &str) -> Layout {
    let body = text.trim_start_matches('\u{feff}');
    if body.trim_start().starts_with('[') {
        Layout::Array
    } else if is_json_lines(body) {
        Layout::Lines
    } else {
        Layout::Objects
    }
}

/// JSON Lines when the first non-blank line is a whole JSON value on its own.
fn is_json_lines(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| serde_json::from_str::<Value>(l).is_ok())
}

fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(k) => s[..k].to_string(),
        None => s,
    }
}

fn stop(e: serde_json::Error) -> Stop {
    Stop {
        line: (e.line() > 0).then(|| e.line()),
        message: format!(
            "is not valid JSON at line {}, column {}: {}; the records before it are kept",
            e.line(),
            e.column(),
            strip_position(&e)
        ),
    }
}

struct Records<'a, F> {
    each: &'a mut F,
}

impl<'de, F: FnMut(Item)> Visitor<'de> for &mut Records<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut number = 0;
        while let Some(value) = seq.next_element::<Value>()? {
            number += 1;
            (self.each)(Item {
                number,
                value: Ok(value),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> (Result<Layout, Stop>, Vec<(usize, bool)>) {
        let mut seen = Vec::new();
        let r = read(text, &HashSet::new(), |i| {
            seen.push((i.number, i.value.is_ok()))
        });
        (r, seen)
    }

    #[test]
    fn arrays_lines_and_pretty_objects() {
        assert_eq!(numbers("[]").1, vec![]);
        assert_eq!(
            numbers("\u{feff} [1, {\"a\":[2]}]").1,
            vec![(1, true), (2, true)]
        );
        let (r, seen) = numbers("{\n  \"a\": 1\n}\n");
        assert_eq!((r, seen), (Ok(Layout::Objects), vec![(1, true)]));
        let (r, seen) = numbers("{\"a\":1}\r\n{\"a\":2}\r\n");
        assert_eq!((r, seen), (Ok(Layout::Lines), vec![(1, true), (2, true)]));
    }

    #[test]
    fn a_broken_array_keeps_what_came_before_and_names_the_line() {
        let (r, seen) = numbers("[{\"a\":1},\n{\"a\":2},\n{\"a\":]");
        assert_eq!(seen, vec![(1, true), (2, true)]);
        let stop = r.unwrap_err();
        assert_eq!(stop.line, Some(3));
        assert!(stop.message.starts_with("is not valid JSON at line 3"));
        assert!(numbers("   ").0.is_err());
    }
}
