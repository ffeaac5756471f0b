//! Importers: bytes in, model out, and every bad record named.
//!
//! An importer never stops at the first problem: it loads every good record and returns one
//! [`ImportError`] per bad one, so an editor can fix a whole spreadsheet in one pass. Every
//! importer returns the same shapes: a [`Report`] of records (or, for the network formats,
//! a [`NetworkReport`]: one report of nodes and one of ties), each error an [`ImportError`].
//!
//! - farms: [`farms_csv`] (spreadsheet) and [`farms_geojson`] (Point features), both checked
//!   by one private `farm_fields` module, so both name the same problems the same way;
//! - the ownership network: [`links_csv`] (entities + links spreadsheets), [`ftm`]
//!   (FollowTheMoney JSON lines), [`bods`] (Beneficial Ownership Data Standard statements);
//! - [`text`]: bytes → text (BOMs, UTF-16, legacy code pages guessed, bytes that are not text);
//!   [`columns`], [`mapping`], and the private `numbers` and `xlsx` modules serve the farms
//!   importer; [`gazetteer`] (feature `gazetteer`) places farms known only by their town.

//!
//! Every importer is behind the cargo feature `importers` (on by default); without it (the
//! reader's wasm) only the shared shapes remain: [`ImportError`], [`Report`], [`mapping`]
//! and [`check_url`].

#[cfg(feature = "importers")]
pub mod bods;
#[cfg(feature = "importers")]
pub mod columns;
#[cfg(feature = "importers")]
pub mod dates;
#[cfg(feature = "importers")]
pub mod describe;
#[cfg(feature = "importers")]
mod farm_fields;
#[cfg(feature = "importers")]
pub mod farms_csv;
#[cfg(feature = "importers")]
pub mod farms_geojson;
#[cfg(feature = "importers")]
pub mod ftm;
#[cfg(feature = "gazetteer")]
pub mod gazetteer;
#[cfg(feature = "importers")]
pub mod json_records;
#[cfg(feature = "importers")]
pub mod links_csv;
pub mod mapping;
#[cfg(feature = "importers")]
mod numbers;
#[cfg(feature = "importers")]
pub mod rows;
#[cfg(feature = "importers")]
pub mod text;
#[cfg(feature = "editor")]
mod xlsx;

use crate::network::model::{Network, Node, Tie};
use serde::Serialize;
use std::fmt;

/// One problem in an input file, located the way an editor finds it: file, row (as numbered
/// in a spreadsheet, header = row 1) or line, feature, statement, and column. Every
/// importer reports in this one shape.
///
/// # Examples
/// ```
/// use farmmap::import::{ImportError, Severity};
///
/// let e = ImportError::at("farms.csv", 14, Some("lat"), "\"43,2\" is not a number");
/// assert_eq!(e.to_string(), "farms.csv row 14, column lat: \"43,2\" is not a number");
/// assert_eq!(e.severity, Severity::Error);
///
/// let w = ImportError::at("aleph.json", 3, None, "no source").in_unit("line").warning();
/// assert_eq!(w.to_string(), "aleph.json line 3: no source");
/// assert_eq!(w.severity, Severity::Warning);
///
/// assert_eq!(ImportError::file("l.csv", "is empty").to_string(), "l.csv: is empty");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImportError {
    pub file: String,
    /// 1-based; `None` for a problem with the whole file.
    pub row: Option<usize>,
    /// The column or field; `None` when the whole row (or file) is at fault.
    pub column: Option<String>,
    pub message: String,
    pub severity: Severity,
    /// What a record is called in this format: "row" for CSV, "line" for JSON lines,
    /// "feature" for GeoJSON, "statement" for BODS.
    pub unit: &'static str,
}

/// Whether the record was dropped or kept with the offending value replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The record was skipped.
    Error,
    /// The record was kept; the value named was replaced by "unknown" (or left out).
    Warning,
}

impl ImportError {
    /// A problem with the whole file (no row, no column).
    pub fn file(file: &str, message: impl Into<String>) -> ImportError {
        ImportError {
            file: file.to_string(),
            row: None,
            column: None,
            message: message.into(),
            severity: Severity::Error,
            unit: "row",
        }
    }

    /// A problem in row `row` (1-based, header = 1), and in `column` when one is at fault.
    pub fn at(file: &str, row: usize, column: Option<&str>, message: impl Into<String>) -> Self {
        ImportError {
            file: file.to_string(),
            row: Some(row),
            column: column.map(str::to_string),
            message: message.into(),
            severity: Severity::Error,
            unit: "row",
        }
    }

    /// Name the record as this format does: "line", "feature", "statement"…
    pub fn in_unit(mut self, unit: &'static str) -> Self {
        self.unit = unit;
        self
    }

    /// The record was kept (the value named left unknown).
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(row) = self.row {
            write!(f, " {} {row}", self.unit)?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What an import produced: the good records, and one error per bad one.
///
/// # Examples
/// ```
/// use farmmap::import::{farms_csv, Severity};
///
/// let r = farms_csv::parse("farms.csv", b"id,lat,lon,status\nF1,43.2,76.9,raided\nF2,x,76,\n");
/// assert_eq!(r.records.len(), 1); // F1 loads, its status read as "shut down"
/// assert_eq!(r.skipped, 1); // F2 has no position
/// assert_eq!(r.errors.len(), 1);
/// assert_eq!((r.errors[0].row, r.errors[0].severity), (Some(3), Severity::Error));
/// ```
#[derive(Clone, Debug, Serialize)]
pub struct Report<T> {
    pub records: Vec<T>,
    pub errors: Vec<ImportError>,
    /// Rows that were dropped (a row with several problems counts once).
    pub skipped: usize,
    /// Facts about the whole file that drop or change nothing unannounced: the encoding it
    /// was read in, units converted, defaults applied, columns not used (farms importer).
    pub notes: Vec<ImportError>,
}

impl<T> Default for Report<T> {
    fn default() -> Self {
        Report {
            records: Vec::new(),
            errors: Vec::new(),
            skipped: 0,
            notes: Vec::new(),
        }
    }
}

/// A stage of reading a file, for [`Progress`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Decoding the bytes and splitting rows (`done`/`total` in bytes of text; a workbook
    /// is one step).
    Reading,
    /// Checking each row's values (`done`/`total` in rows).
    Checking,
}

/// How far an import is: `done` of `total` units of `stage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

impl Progress {
    /// `done` of `total` in `stage`.
    pub fn new(stage: Stage, done: usize, total: usize) -> Progress {
        Progress { stage, done, total }
    }
}

/// What a network file yields: nodes and ties, each with its own errors and skipped count.
/// Merge it into a [`Network`] with [`NetworkReport::merge_into`].
///
/// # Examples
/// ```
/// use farmmap::import::ftm;
/// use farmmap::network::model::Network;
///
/// let lines = br#"{"id":"c1","schema":"Company","properties":{"name":["Alpha LLP"]}}
/// {"id":"p1","schema":"Person","properties":{"name":["Ivan Petrov"]}}
/// {"id":"d1","schema":"Directorship","properties":{"director":["p1"],"organization":["c1"],"sourceUrl":["https://example.org"]}}"#;
/// let mut net = Network::default();
/// let errors = ftm::parse("aleph.json", lines, &net).merge_into(&mut net);
/// assert!(errors.is_empty(), "{errors:?}");
/// assert_eq!((net.nodes.len(), net.ties.len()), (2, 1));
/// ```
#[derive(Debug, Default)]
pub struct NetworkReport {
    pub nodes: Report<Node>,
    pub ties: Report<Tie>,
}

impl NetworkReport {
    /// Add the nodes and ties to `network`; returns every error (nodes' first).
    pub fn merge_into(self, network: &mut Network) -> Vec<ImportError> {
        network.nodes.extend(self.nodes.records);
        network.ties.extend(self.ties.records);
        let mut errors = self.nodes.errors;
        errors.extend(self.ties.errors);
        errors
    }
}

/// Quote a value from the data for a message, shortened so one huge cell cannot flood the
/// error list.
pub(crate) fn quote(value: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::from("\"");
    let mut chars = value.chars();
    out.extend(chars.by_ref().take(MAX));
    if chars.next().is_some() {
        out.push('…');
    }
    out.push('"');
    out
}

#[cfg(feature = "importers")]
/// Parse a decimal number as editors type it, explaining the common mistakes.
pub(crate) fn parse_number(raw: &str) -> Result<f64, String> {
    let t = raw.trim();
    if t.is_empty() {
        return Err("is empty; a number is required".into());
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err(format!("{} is not a finite number", quote(t))),
        Err(_) => {
            let comma = t.replacen(',', ".", 1);
            if t.matches(',').count() == 1 && comma.parse::<f64>().is_ok() {
                Err(format!(
                    "{} is not a number; use a dot for decimals",
                    quote(t)
                ))
            } else if t.contains('°') || t.contains('\'') || t.contains('"') {
                Err(format!(
                    "{} is not a number; give decimal degrees (e.g. 43.25), not degrees-minutes-seconds",
                    quote(t)
                ))
            } else {
                Err(format!("{} is not a number", quote(t)))
            }
        }
    }
}

/// Accept only web links, so a `javascript:` URL from data can never reach an `href`.
/// An empty link is fine (there is none); the link comes back trimmed.
///
/// # Examples
/// ```
/// use farmmap::import::check_url;
///
/// assert_eq!(check_url(" https://example.org/a "), Ok("https://example.org/a".into()));
/// assert_eq!(check_url(""), Ok(String::new()));
/// assert!(check_url("javascript:alert(1)").is_err());
/// ```
pub fn check_url(raw: &str) -> Result<String, String> {
    let t = raw.trim();
    let lower = t.to_ascii_lowercase();
    if t.is_empty() || lower.starts_with("https://") || lower.starts_with("http://") {
        Ok(t.to_string())
    } else {
        Err(format!(
            "{} is not a web link; expected an address starting with https:// or http://",
            quote(t)
        ))
    }
}

#[cfg(feature = "importers")]
/// Check a latitude/longitude pair, naming the column at fault.
pub(crate) fn check_lat_lng(lat: f64, lng: f64) -> Result<(), (&'static str, String)> {
    if !(-90.0..=90.0).contains(&lat) {
        let hint = if (-90.0..=90.0).contains(&lng) && (-180.0..=180.0).contains(&lat) {
            "; are lat and lon swapped?"
        } else {
            ""
        };
        return Err((
            "lat",
            format!("{lat} is out of range; latitude must be between -90 and 90{hint}"),
        ));
    }
    if !(-180.0..=180.0).contains(&lng) {
        return Err((
            "lon",
            format!("{lng} is out of range; longitude must be between -180 and 180"),
        ));
    }
    Ok(())
}

#[cfg(feature = "importers")]
/// A share in percent, 0–100; "51%" accepted, "51,5" explained.
pub(crate) fn parse_percentage(raw: &str) -> Result<f64, String> {
    let t = raw.trim().trim_end_matches('%').trim();
    let v = parse_number(t)?;
    if (0.0..=100.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is not a percentage between 0 and 100"))
    }
}

#[cfg(feature = "importers")]
/// Accept ISO dates (YYYY, YYYY-MM, YYYY-MM-DD, optionally followed by a time), the forms
/// FtM and BODS use, and nothing else, so a "03/04/2021" cannot be read two ways.
pub(crate) fn check_date(raw: &str) -> Result<String, String> {
    let t = raw.trim();
    let date = t.split('T').next().unwrap_or("");
    let parts: Vec<&str> = date.split('-').collect();
    let ok = !parts.is_empty()
        && parts.len() <= 3
        && parts[0].len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[1..].iter().all(|p| p.len() == 2)
        && parts.get(1).is_none_or(|m| ("01"..="12").contains(m))
        && parts.get(2).is_none_or(|d| ("01"..="31").contains(d));
    if ok {
        Ok(t.to_string())
    } else {
        Err(format!(
            "{} is not an ISO date; write YYYY-MM-DD (or YYYY-MM, YYYY)",
            quote(t)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_iso() {
        assert!(check_date("2021").is_ok());
        assert!(check_date("2021-03-04").is_ok());
        assert!(check_date("2021-03-04T10:00:00Z").is_ok());
        assert!(check_date("03/04/2021").is_err());
        assert!(check_date("2021-13").is_err());
        assert!(check_date("21-03-04").is_err());
    }
}
