//! The farm fields shared by every farm importer (CSV columns, GeoJSON properties), and the
//! one place that checks them, so each format names the same problems the same way.

use super::dates::{parse_date, parse_flag};
use super::{check_lat_lng, check_url, parse_number, quote, ImportError};
use crate::model::{Farm, FarmDate, Precision, Status};
use std::collections::HashMap;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Col {
    Id,
    Name,
    Lat,
    Lon,
    Status,
    Capacity,
    Precision,
    Owner,
    Source,
    Date,
    Illustrative,
}

pub fn known_column(name: &str) -> Option<Col> {
    Some(match name {
        "id" | "farm_id" => Col::Id,
        "name" | "farm" | "farm_name" => Col::Name,
        "lat" | "latitude" => Col::Lat,
        "lon" | "lng" | "long" | "longitude" => Col::Lon,
        "status" => Col::Status,
        "capacity_mw" | "capacity" | "mw" => Col::Capacity,
        "precision" | "location_precision" => Col::Precision,
        "owner" | "owner_group" | "owners" => Col::Owner,
        "source_url" | "source" | "url" => Col::Source,
        "date" | "shut_down_by" | "shutdown_date" | "shut_down" => Col::Date,
        "illustrative" => Col::Illustrative,
        _ => return None,
    })
}

pub fn canonical(col: Col) -> &'static str {
    match col {
        Col::Id => "id",
        Col::Name => "name",
        Col::Lat => "lat",
        Col::Lon => "lon",
        Col::Status => "status",
        Col::Capacity => "capacity_mw",
        Col::Precision => "precision",
        Col::Owner => "owner",
        Col::Source => "source_url",
        Col::Date => "date",
        Col::Illustrative => "illustrative",
    }
}

/// The largest capacity one farm can have: more than any power station on Earth (the
/// largest is about 22,500 MW). Above it a value is a typo or a unit mistake, and it would
/// let sums overflow.
pub const MAX_CAPACITY_MW: f64 = 100_000.0;

/// A record's cells, as the importer reads them: text for text fields, numbers for the
/// numeric ones (a spreadsheet's typed cell, or text read in the column's number format).
pub trait Cells {
    /// The text of `col` (empty when the column is absent).
    fn text(&self, col: Col) -> &str;
    /// The number in `col`: `Ok(None)` when empty, `Err` with the reason when not a number.
    fn number(&self, col: Col) -> Result<Option<f64>, String> {
        match self.text(col).trim() {
            "" => Ok(None),
            t => parse_number(t).map(Some),
        }
    }
    /// The date in `col`: `Ok(None)` when empty, `Err` with the sentence when not a date
    /// (text read in every unambiguous form; see [`super::dates::parse_date`]).
    fn date(&self, col: Col) -> Result<Option<FarmDate>, String> {
        let t = self.text(col).trim();
        if t.is_empty() {
            return Ok(None);
        }
        parse_date(t, None).map(Some).map_err(|p| p.message(t))
    }
}

/// Text cells given by a function (GeoJSON properties).
pub struct TextCells<'c>(pub &'c dyn Fn(Col) -> &'c str);

impl Cells for TextCells<'_> {
    fn text(&self, col: Col) -> &str {
        (self.0)(col)
    }
}

/// Where a record sits, for its messages, and the defaults that apply to it.
pub struct FarmFields<'a> {
    pub file: &'a str,
    pub row: usize,
    pub unit: &'static str,
    /// How each field's column is named in messages (default: the canonical name).
    pub labels: Option<&'a HashMap<Col, String>>,
    /// The precision of a record that gives none.
    pub precision_default: Precision,
}

impl FarmFields<'_> {
    fn err(&self, col: Col, msg: String) -> ImportError {
        let label = self
            .labels
            .and_then(|l| l.get(&col))
            .map_or(canonical(col), String::as_str);
        ImportError::at(self.file, self.row, Some(label), msg).in_unit(self.unit)
    }

    /// Build a farm from its cells. Hard problems (id, position) skip the record and return
    /// `None`; soft ones (status, capacity, precision, link) keep it with the value left
    /// unknown. Every problem is pushed to `errors`. `seen` maps ids to the row that used
    /// them first.
    pub fn build(
        &self,
        cells: &dyn Cells,
        extra: Vec<(String, String)>,
        seen: &mut HashMap<String, usize>,
        errors: &mut Vec<ImportError>,
    ) -> Option<Farm> {
        let cell = |c: Col| cells.text(c).trim();
        let mut hard = Vec::new();
        let id = cell(Col::Id).to_string();
        if id.is_empty() {
            hard.push(self.err(Col::Id, "is empty; every farm needs a unique id".into()));
        } else if let Some(&first) = seen.get(&id) {
            hard.push(self.err(
                Col::Id,
                format!(
                    "{} is already used in {} {first}; ids must be unique",
                    quote(&id),
                    self.unit
                ),
            ));
        }
        let coord = |col: Col, hard: &mut Vec<ImportError>| match cells.number(col) {
            Ok(Some(v)) => Some(v),
            Ok(None) => {
                hard.push(self.err(col, "is empty; a number is required".into()));
                None
            }
            Err(m) => {
                hard.push(self.err(col, m));
                None
            }
        };
        let (lat, lon) = if matches!(
            (cells.number(Col::Lat), cells.number(Col::Lon)),
            (Ok(None), Ok(None))
        ) {
            hard.push(self.err(
                Col::Lat,
                "has no position: lat and lon are both empty".into(),
            ));
            (None, None)
        } else {
            (coord(Col::Lat, &mut hard), coord(Col::Lon, &mut hard))
        };
        if let (Some(lat), Some(lon)) = (lat, lon) {
            if let Err((col, msg)) = check_lat_lng(lat, lon) {
                hard.push(self.err(if col == "lat" { Col::Lat } else { Col::Lon }, msg));
            }
        }
        // Whether the place is real: a value that says neither cannot be drawn either way.
        let illustrative = parse_flag(cell(Col::Illustrative)).unwrap_or_else(|m| {
            hard.push(self.err(Col::Illustrative, m));
            false
        });
        if !hard.is_empty() {
            errors.extend(hard);
            return None;
        }

        let mut warn = |col: Col, msg: String| errors.push(self.err(col, msg).warning());
        let status = parse_status(cell(Col::Status)).unwrap_or_else(|| {
            warn(
                Col::Status,
                format!(
                    "{} is not a status; expected operating, shut down or unknown (read as unknown)",
                    quote(cell(Col::Status))
                ),
            );
            Status::Unknown
        });
        let precision = match cell(Col::Precision) {
            "" => self.precision_default,
            raw => Precision::parse(raw).unwrap_or_else(|| {
                warn(
                    Col::Precision,
                    format!(
                        "{} is not a precision; expected exact, city or region (read as {})",
                        quote(raw),
                        precision_word(self.precision_default)
                    ),
                );
                self.precision_default
            }),
        };
        let capacity_mw = match cells.number(Col::Capacity) {
            Ok(None) => None,
            Ok(Some(v)) if (0.0..=MAX_CAPACITY_MW).contains(&v) => Some(v),
            Ok(Some(v)) if v < 0.0 => {
                warn(
                    Col::Capacity,
                    format!("{v} is negative; capacity must be 0 or more MW (left out)"),
                );
                None
            }
            Ok(Some(v)) => {
                warn(
                    Col::Capacity,
                    format!(
                        "{v} MW is more than any farm or power station can have (at most {MAX_CAPACITY_MW} MW); check the unit (left out)"
                    ),
                );
                None
            }
            Err(m) => {
                warn(Col::Capacity, format!("{m} (left out)"));
                None
            }
        };
        let source_url = check_url(cell(Col::Source)).unwrap_or_else(|m| {
            warn(Col::Source, format!("{m} (left out)"));
            String::new()
        });
        let date = cells.date(Col::Date).unwrap_or_else(|m| {
            warn(Col::Date, format!("{m} (left out)"));
            None
        });
        let name = match cell(Col::Name) {
            "" => id.clone(),
            n => n.to_string(),
        };
        seen.insert(id.clone(), self.row);
        Some(Farm {
            id,
            name,
            lng: lon.unwrap_or_default(),
            lat: lat.unwrap_or_default(),
            status,
            capacity_mw,
            precision,
            owner: cell(Col::Owner).to_string(),
            source_url,
            extra,
            date,
            illustrative,
        })
    }
}

/// The word a precision is written as in files.
pub fn precision_word(p: Precision) -> &'static str {
    match p {
        Precision::Exact => "exact",
        Precision::City => "city",
        Precision::Region => "region",
    }
}

/// A status as registries and newsrooms write it (English, Russian, Kazakh), or `None`.
pub fn parse_status(raw: &str) -> Option<Status> {
    if let Some(s) = Status::parse(raw) {
        return Some(s);
    }
    let t = super::columns::fold(raw.trim()).replace(['_', '-'], " ");
    Some(match t.as_str() {
        "operational"
        | "in operation"
        | "commissioned"
        | "in service"
        | "online"
        | "работает"
        | "действует"
        | "действующая"
        | "действующий"
        | "работающая"
        | "жумыс истеиди"
        | "жумыс истейди"
        | "иске косылган" => Status::Operating,
        "shutdown temporary"
        | "shut down temporary"
        | "decommissioned"
        | "retired"
        | "mothballed"
        | "dismantled"
        | "closed down"
        | "закрыта"
        | "закрыт"
        | "закрыто"
        | "остановлена"
        | "остановлен"
        | "изъята"
        | "изъят"
        | "ликвидирована"
        | "не работает"
        | "жабылды"
        | "жабык"
        | "токтатылды" => Status::ShutDown,
        "не известно" | "неизвестно" | "белгисиз" | "-" => {
            Status::Unknown
        }
        _ => return None,
    })
}
