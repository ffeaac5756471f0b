//! The farm fields shared by every farm importer (CSV columns, GeoJSON properties), and the
//! one place that checks them, so each format names the same problems the same way.

use super::{check_lat_lng, check_url, parse_number, quote, ImportError};
use crate::model::{Farm, Precision, Status};
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
    }
}

/// Where a record sits, for its messages.
pub struct FarmFields<'a> {
    pub file: &'a str,
    pub row: usize,
    pub unit: &'static str,
}

impl FarmFields<'_> {
    fn err(&self, col: Col, msg: String) -> ImportError {
        ImportError::at(self.file, self.row, Some(canonical(col)), msg).in_unit(self.unit)
    }

    /// Build a farm from its cells. Hard problems (id, position) skip the record and return
    /// `None`; soft ones (status, capacity, precision, link) keep it with the value left
    /// unknown. Every problem is pushed to `errors`. `seen` maps ids to the row that used
    /// them first.
    pub fn build<'c>(
        &self,
        cell: &dyn Fn(Col) -> &'c str,
        extra: Vec<(String, String)>,
        seen: &mut HashMap<String, usize>,
        errors: &mut Vec<ImportError>,
    ) -> Option<Farm> {
        let cell = |c: Col| cell(c).trim();
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
        let lat = parse_number(cell(Col::Lat))
            .map_err(|m| hard.push(self.err(Col::Lat, m)))
            .ok();
        let lon = parse_number(cell(Col::Lon))
            .map_err(|m| hard.push(self.err(Col::Lon, m)))
            .ok();
        if let (Some(lat), Some(lon)) = (lat, lon) {
            if let Err((col, msg)) = check_lat_lng(lat, lon) {
                hard.push(self.err(if col == "lat" { Col::Lat } else { Col::Lon }, msg));
            }
        }
        if !hard.is_empty() {
            errors.extend(hard);
            return None;
        }

        let mut warn = |col: Col, msg: String| errors.push(self.err(col, msg).warning());
        let status = Status::parse(cell(Col::Status)).unwrap_or_else(|| {
            warn(
                Col::Status,
                format!(
                    "{} is not a status; expected operating, shut down or unknown (read as unknown)",
                    quote(cell(Col::Status))
                ),
            );
            Status::Unknown
        });
        let precision = Precision::parse(cell(Col::Precision)).unwrap_or_else(|| {
            warn(
                Col::Precision,
                format!(
                    "{} is not a precision; expected exact, city or region (read as region)",
                    quote(cell(Col::Precision))
                ),
            );
            Precision::Region
        });
        let capacity_mw = match cell(Col::Capacity) {
            "" => None,
            raw => match parse_number(raw) {
                Ok(v) if v >= 0.0 => Some(v),
                Ok(v) => {
                    warn(
                        Col::Capacity,
                        format!("{v} is negative; capacity must be 0 or more MW (left out)"),
                    );
                    None
                }
                Err(m) => {
                    warn(Col::Capacity, format!("{m} (left out)"));
                    None
                }
            },
        };
        let source_url = check_url(cell(Col::Source)).unwrap_or_else(|m| {
            warn(Col::Source, format!("{m} (left out)"));
            String::new()
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
        })
    }
}
