//! Farms as a GeoJSON FeatureCollection of Points (RFC 7946: `[lon, lat]`).
//!
//! Properties use the same names as the CSV columns; a feature's top-level `id` is used when
//! `properties.id` is absent. Other properties are kept for the details panel.

use super::farm_fields::{known_column, Col, FarmFields, TextCells};
use super::text::decode;
use super::{ImportError, Report};
use crate::model::Farm;
use serde_json::Value;
use std::collections::HashMap;

const UNIT: &str = "feature";

fn value_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Parse a farms GeoJSON. Features are numbered from 1 in file order.
///
/// # Examples
/// ```
/// use farmmap::import::farms_geojson;
///
/// let text = r#"{"type": "FeatureCollection", "features": [
///   {"type": "Feature", "id": "A", "geometry": {"type": "Point", "coordinates": [76.9, 43.2]},
///    "properties": {"name": "Almaty site", "operator": "X"}},
///   {"type": "Feature", "geometry": {"type": "LineString", "coordinates": []},
///    "properties": {"id": "B"}}]}"#;
/// let r = farms_geojson::parse("farms.geojson", text.as_bytes());
/// let a = &r.records[0];
/// assert_eq!((a.id.as_str(), a.lng, a.lat), ("A", 76.9, 43.2)); // [lon, lat], RFC 7946
/// assert_eq!(a.extra, vec![("operator".to_string(), "X".to_string())]);
/// assert_eq!(
///     r.errors[0].to_string(),
///     "farms.geojson feature 2, column geometry: is a LineString; farms must be Points"
/// );
/// ```
pub fn parse(file: &str, bytes: &[u8]) -> Report<Farm> {
    let decoded = decode(file, bytes);
    let mut report = Report {
        errors: decoded
            .errors
            .into_iter()
            .map(|e| e.in_unit("line"))
            .collect(),
        ..Default::default()
    };
    if decoded.text.trim().is_empty() {
        report.errors.push(ImportError::file(
            file,
            "is empty; expected a GeoJSON FeatureCollection",
        ));
        return report;
    }
    let root: Value = match serde_json::from_str(&decoded.text) {
        Ok(v) => v,
        Err(e) => {
            report.errors.push(
                ImportError::at(
                    file,
                    e.line(),
                    None,
                    format!("is not valid JSON: {e}").replace(
                        &format!(" at line {} column {}", e.line(), e.column()),
                        &format!(" (column {})", e.column()),
                    ),
                )
                .in_unit("line"),
            );
            return report;
        }
    };
    let features: Vec<Value> = match root.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => match root.get("features") {
            Some(Value::Array(f)) => f.clone(),
            _ => {
                report.errors.push(ImportError::file(
                    file,
                    "is a FeatureCollection without a \"features\" array",
                ));
                return report;
            }
        },
        Some("Feature") => vec![root.clone()],
        Some(other) => {
            report.errors.push(ImportError::file(
                file,
                format!("is a GeoJSON {other}; expected a FeatureCollection of Point features"),
            ));
            return report;
        }
        None => {
            report.errors.push(ImportError::file(
                file,
                "has no \"type\"; expected a GeoJSON FeatureCollection",
            ));
            return report;
        }
    };
    if features.is_empty() {
        report
            .errors
            .push(ImportError::file(file, "has no features"));
    }

    let mut seen = HashMap::new();
    for (i, feature) in features.iter().enumerate() {
        let row = i + 1;
        let fail =
            |col: &str, msg: String| ImportError::at(file, row, Some(col), msg).in_unit(UNIT);
        let coords = match feature.get("geometry") {
            None | Some(Value::Null) => {
                Err(fail("geometry", "is missing; a farm needs a Point".into()))
            }
            Some(g) => match g.get("type").and_then(Value::as_str) {
                Some("Point") => match g.get("coordinates").and_then(Value::as_array) {
                    Some(c) if c.len() >= 2 => Ok((value_text(&c[1]), value_text(&c[0]))),
                    _ => Err(fail(
                        "geometry",
                        "is a Point without [lon, lat] coordinates".into(),
                    )),
                },
                Some(t) => Err(fail("geometry", format!("is a {t}; farms must be Points"))),
                None => Err(fail("geometry", "has no type; expected a Point".into())),
            },
        };
        let (lat, lon) = match coords {
            Ok(c) => c,
            Err(e) => {
                report.errors.push(e);
                report.skipped += 1;
                continue;
            }
        };
        let props = feature.get("properties").and_then(Value::as_object);
        let mut cells: HashMap<Col, String> = HashMap::new();
        let mut extra = Vec::new();
        if let Some(props) = props {
            for (k, v) in props {
                let key = k.trim().to_lowercase().replace([' ', '-'], "_");
                match known_column(&key) {
                    Some(Col::Lat) | Some(Col::Lon) => {} // the geometry is the position
                    Some(col) => {
                        cells.entry(col).or_insert_with(|| value_text(v));
                    }
                    None => {
                        let t = value_text(v);
                        if !t.is_empty() {
                            extra.push((k.clone(), t));
                        }
                    }
                }
            }
        }
        if let Some(id) = feature.get("id") {
            cells.entry(Col::Id).or_insert_with(|| value_text(id));
        }
        cells.insert(Col::Lat, lat);
        cells.insert(Col::Lon, lon);
        let cell = |c: Col| cells.get(&c).map(String::as_str).unwrap_or("");
        let fields = FarmFields {
            file,
            row,
            unit: UNIT,
            labels: None,
            precision_default: crate::model::Precision::Region,
        };
        match fields.build(&TextCells(&cell), extra, &mut seen, &mut report.errors) {
            Some(farm) => report.records.push(farm),
            None => report.skipped += 1,
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    #[test]
    fn reads_points_with_properties() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","id":"A","geometry":{"type":"Point","coordinates":[76.9,43.2]},
           "properties":{"name":"Almaty site","status":"operating","capacity_mw":5,"operator":"X"}}]}"#;
        let r = parse("farms.geojson", text.as_bytes());
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        let f = &r.records[0];
        assert_eq!((f.id.as_str(), f.lng, f.lat), ("A", 76.9, 43.2));
        assert_eq!(f.status, Status::Operating);
        assert_eq!(f.capacity_mw, Some(5.0));
        assert_eq!(f.extra, vec![("operator".into(), "X".into())]);
    }

    #[test]
    fn names_each_bad_feature_and_keeps_the_rest() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","geometry":{"type":"Polygon","coordinates":[]},"properties":{"id":"P"}},
          {"type":"Feature","geometry":{"type":"Point","coordinates":[76.9,95]},"properties":{"id":"B"}},
          {"type":"Feature","geometry":null,"properties":{"id":"N"}},
          {"type":"Feature","geometry":{"type":"Point","coordinates":[76.9,43]},"properties":{"id":"G"}}]}"#;
        let r = parse("farms.geojson", text.as_bytes());
        let msgs: Vec<String> = r.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(r.records.len(), 1);
        assert_eq!(r.skipped, 3);
        assert_eq!(
            msgs[0],
            "farms.geojson feature 1, column geometry: is a Polygon; farms must be Points"
        );
        assert!(
            msgs[1].starts_with("farms.geojson feature 2, column lat: 95 is out of range"),
            "{}",
            msgs[1]
        );
        assert!(msgs[2].starts_with("farms.geojson feature 3, column geometry: is missing"));
    }

    #[test]
    fn invalid_json_names_the_line() {
        let r = parse("farms.geojson", b"{\"type\":\n \"FeatureCollection\",,}");
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].row, Some(2));
        assert!(r.errors[0]
            .to_string()
            .starts_with("farms.geojson line 2: is not valid JSON"));
    }

    #[test]
    fn wrong_root_type() {
        let r = parse("farms.geojson", br#"{"type":"Point","coordinates":[1,2]}"#);
        assert!(r.errors[0].message.contains("expected a FeatureCollection"));
    }

    #[test]
    fn utf16_bom_twice_is_named_not_a_panic() {
        let r = parse("farms.geojson", &[0xFF, 0xFE, 0xFF, 0xFE]);
        assert!(r.records.is_empty());
        assert!(r.errors[0]
            .to_string()
            .starts_with("farms.geojson: is empty"));
        let r = parse(
            "farms.geojson",
            "\u{FEFF}{\"type\":\"FeatureCollection\",\"features\":[]}".as_bytes(),
        );
        assert_eq!(r.errors[0].message, "has no features");
    }
}
