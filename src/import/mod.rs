//! Importers: text in, model out, and every bad record named.
//!
//! An importer never stops at the first problem: it loads every good record and returns one
//! [`ImportError`] per bad one, so an editor can fix a whole spreadsheet in one pass.

pub mod farm_fields;
pub mod farms_csv;
pub mod farms_geojson;
pub mod text;

use serde::Serialize;
use std::fmt;

/// One problem in an input file, located the way an editor finds it: file, row (as numbered
/// in a spreadsheet, header = row 1), column.
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

    pub fn in_unit(mut self, unit: &'static str) -> Self {
        self.unit = unit;
        self
    }

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
#[derive(Clone, Debug, Serialize)]
pub struct Report<T> {
    pub records: Vec<T>,
    pub errors: Vec<ImportError>,
    /// Rows that were dropped (a row with several problems counts once).
    pub skipped: usize,
}

impl<T> Default for Report<T> {
    fn default() -> Self {
        Report {
            records: Vec::new(),
            errors: Vec::new(),
            skipped: 0,
        }
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
