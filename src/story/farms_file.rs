//! Reading a farms data file with its [`FarmsOptions`]: the one place that picks the
//! importer (GeoJSON by its name; CSV, XLSX, XLS or ODS by its bytes), used both for a
//! story's farms and for a file the reader or editor loads.
//!
//! GeoJSON properties are recognised like CSV headers: a property named as a column the
//! spreadsheet importer recognises (`Power Plant ID`, `Capacity (kW)`, `широта`,
//! `владелец`…) or mapped in `options.columns` is read as that farm field, capacity units
//! in its name are converted to MW, and `options.precision_default` applies to features
//! that give no precision. One note names what was read as what.

use crate::import::columns::{fold, guess, header, letter};
use crate::import::describe::{values, ColumnInfo, ColumnSource, FileColumns};
use crate::import::farms_csv::Cell;
use crate::import::mapping::{ColumnMapping, FarmField, FarmsOptions, Unit};
use crate::import::{farms_csv, farms_geojson, ImportError, Progress, Report, Stage};
use crate::model::{Farm, Precision};
use serde_json::{Map, Value};

/// Whether a farms file is read as GeoJSON (by its name).
pub fn is_geojson(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.ends_with(".geojson") || lower.ends_with(".json")
}

/// Parse a farms file (see the module docs); never fails, every problem in the report.
///
/// # Examples
/// ```
/// use farmmap::import::mapping::FarmsOptions;
/// use farmmap::story::farms_file::parse;
///
/// let geojson = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
///   "geometry":{"type":"Point","coordinates":[75.3,51.7]},
///   "properties":{"Power Plant ID":"P1","Capacity (kW)":1500,"владелец":"Alpha LLP"}}]}"#;
/// let r = parse("plants.geojson", geojson.as_bytes(), &FarmsOptions::default());
/// let f = &r.records[0];
/// assert_eq!((f.id.as_str(), f.capacity_mw, f.owner.as_str()), ("P1", Some(1.5), "Alpha LLP"));
/// assert!(r.notes[0].message.contains("\"Capacity (kW)\" as capacity_mw"), "{:?}", r.notes);
/// ```
pub fn parse(name: &str, bytes: &[u8], opts: &FarmsOptions) -> Report<Farm> {
    parse_with_progress(name, bytes, opts, &mut |_| {})
}

/// [`parse`], telling `progress` how far it is (rows of a spreadsheet; a GeoJSON file is
/// one step).
pub fn parse_with_progress(
    name: &str,
    bytes: &[u8],
    opts: &FarmsOptions,
    progress: &mut dyn FnMut(Progress),
) -> Report<Farm> {
    if !is_geojson(name) {
        return farms_csv::parse_with_progress(name, bytes, opts, progress);
    }
    progress(Progress::new(Stage::Reading, 0, 1));
    let mut notes = Vec::new();
    let recognised = recognise_properties(name, bytes, opts, &mut notes);
    let mut report = farms_geojson::parse(name, recognised.as_deref().unwrap_or(bytes));
    report.notes.extend(notes);
    progress(Progress::new(Stage::Checking, 1, 1));
    report
}

/// The columns of a farms file (a GeoJSON file's properties) as the editor's column table
/// shows them, with `opts` applied: what each holds and what it is read as.
///
/// # Examples
/// ```
/// use farmmap::import::mapping::{FarmField, FarmsOptions};
/// use farmmap::story::farms_file::describe;
///
/// let geojson = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
///   "geometry":{"type":"Point","coordinates":[75.3,51.7]},
///   "properties":{"Ref":"P1","Capacity (kW)":1500,"notes":"x"}}]}"#;
/// let c = describe("plants.geojson", geojson.as_bytes(), &FarmsOptions::default());
/// let names: Vec<&str> = c.columns.iter().map(|c| c.header.as_str()).collect();
/// assert_eq!(names, ["Capacity (kW)", "Ref", "notes"]); // properties in sorted order
/// assert_eq!(c.columns[0].field, Some(FarmField::CapacityMw));
/// assert_eq!(c.columns[1].field, None);
/// let opts: FarmsOptions = serde_json::from_str(r#"{"columns": {"Ref": "id"}}"#).unwrap();
/// assert_eq!(describe("plants.geojson", geojson.as_bytes(), &opts).columns[1].field, Some(FarmField::Id));
/// ```
pub fn describe(name: &str, bytes: &[u8], opts: &FarmsOptions) -> FileColumns {
    if !is_geojson(name) {
        return crate::import::describe::describe(name, bytes, opts);
    }
    let fail = |why: &str| FileColumns {
        label: name.to_string(),
        problem: Some(why.to_string()),
        ..Default::default()
    };
    // The importer's decoder: bytes that are not UTF-8 are named by the importer.
    let text = crate::import::text::decode(name, bytes).text;
    let root: Value = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(v) => v,
        Err(e) => return fail(&format!("is not valid JSON ({e})")),
    };
    let features: Vec<&Value> = match root.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => root
            .get("features")
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_default(),
        Some("Feature") => vec![&root],
        _ => return fail("is not a GeoJSON FeatureCollection"),
    };
    let mut keys: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for f in &features {
        if let Some(props) = f.get("properties").and_then(Value::as_object) {
            for k in props.keys() {
                if seen.insert(k.clone()) {
                    keys.push(k.clone());
                }
            }
        }
    }
    let cell = |v: Option<&Value>| match v {
        None | Some(Value::Null) => Cell::Empty,
        Some(Value::Number(n)) => n.as_f64().map_or(Cell::Empty, Cell::Number),
        Some(Value::String(s)) => Cell::Text(s.clone()),
        Some(other) => Cell::Text(other.to_string()),
    };
    let columns = keys
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let cells: Vec<Cell> = features
                .iter()
                .map(|f| cell(f.get("properties").and_then(|p| p.get(key))))
                .collect();
            let v = values(cells.iter());
            let mapped = mapped_column(key, opts);
            let (field, unit) = match field_of(key, opts) {
                Some((f, _)) => (Some(f), mapped.and_then(|m| m.unit).or(header(key).unit)),
                None => (known_field(key), None),
            };
            let ignored = mapped.is_some_and(|m| m.field == FarmField::Ignore);
            let field = field.filter(|f| *f != FarmField::Ignore && !ignored);
            ColumnInfo {
                index: i,
                letter: letter(i),
                header: key.clone(),
                key: key.clone(),
                field,
                source: match (mapped, field) {
                    (Some(_), _) => ColumnSource::Mapped,
                    (None, Some(_)) => ColumnSource::Guessed,
                    (None, None) => ColumnSource::Extra,
                },
                unit: unit.filter(|_| field == Some(FarmField::CapacityMw)),
                mapped_format: mapped.and_then(|m| m.number_format),
                kind: v.kind,
                number_format: v.number_format,
                ambiguous: v.ambiguous,
                date_format: v.date_format,
                mapped_date_format: mapped.and_then(|m| m.date_format),
                ambiguous_dates: v.ambiguous_dates,
                filled: v.filled,
                samples: v.samples,
            }
        })
        .collect();
    FileColumns {
        label: name.to_string(),
        header_row: 0,
        rows: features.len(),
        columns,
        ..Default::default()
    }
}

/// The mapping's entry for a property, if any.
fn mapped_column<'a>(key: &str, opts: &'a FarmsOptions) -> Option<&'a ColumnMapping> {
    opts.columns
        .iter()
        .find(|(k, _)| {
            k.trim().eq_ignore_ascii_case(key.trim()) || fold(k.trim()) == fold(key.trim())
        })
        .map(|(_, m)| m)
}

/// The field a property the GeoJSON importer reads as it is fills.
fn known_field(key: &str) -> Option<FarmField> {
    Some(match canonical_of_known(&key.trim().to_lowercase())? {
        "id" => FarmField::Id,
        "name" => FarmField::Name,
        "lat" => FarmField::Lat,
        "lon" => FarmField::Lon,
        "status" => FarmField::Status,
        "capacity_mw" => FarmField::CapacityMw,
        "precision" => FarmField::Precision,
        "owner" => FarmField::Owner,
        "date" => FarmField::Date,
        "illustrative" => FarmField::Illustrative,
        _ => FarmField::SourceUrl,
    })
}

/// The precision a loaded file gave rows that state none, for the map's legend: the one
/// `opts` chose, else region when the importer's note says rows gave none.
pub fn default_precision(opts: &FarmsOptions, report: &Report<Farm>) -> Option<Precision> {
    opts.precision_default.or_else(|| {
        report
            .notes
            .iter()
            .any(|n| n.message.contains("give no precision"))
            .then_some(Precision::Region)
    })
}

/// The canonical property name the GeoJSON importer reads for a field.
fn canonical(field: FarmField) -> Option<&'static str> {
    Some(match field {
        FarmField::Id => "id",
        FarmField::Name => "name",
        FarmField::Lat => "lat",
        FarmField::Lon => "lon",
        FarmField::Status => "status",
        FarmField::CapacityMw => "capacity_mw",
        FarmField::Precision => "precision",
        FarmField::Owner => "owner",
        FarmField::SourceUrl => "source_url",
        FarmField::Date => "date",
        FarmField::Illustrative => "illustrative",
        FarmField::Place | FarmField::Ignore => return None,
    })
}

/// Names the GeoJSON importer already reads as they are.
fn known(key: &str) -> bool {
    let k = key.trim().to_lowercase().replace([' ', '-'], "_");
    matches!(
        k.as_str(),
        "id" | "farm_id"
            | "name"
            | "farm"
            | "farm_name"
            | "lat"
            | "latitude"
            | "lon"
            | "lng"
            | "long"
            | "longitude"
            | "status"
            | "capacity_mw"
            | "capacity"
            | "mw"
            | "precision"
            | "location_precision"
            | "owner"
            | "owner_group"
            | "owners"
            | "source_url"
            | "source"
            | "url"
            | "date"
            | "shut_down_by"
            | "shutdown_date"
            | "shut_down"
            | "illustrative"
    )
}

/// What a property is read as: its field and the factor to MW for capacities.
fn field_of(key: &str, opts: &FarmsOptions) -> Option<(FarmField, f64)> {
    let explicit = opts.columns.iter().find(|(k, _)| {
        k.trim().eq_ignore_ascii_case(key.trim()) || fold(k.trim()) == fold(key.trim())
    });
    let h = header(key);
    let (field, unit) = match explicit {
        Some((_, m)) => (m.field, m.unit.or(h.unit)),
        None if known(key) => return None,
        None => match guess(&h.key) {
            Some((f, rank)) if rank <= 1 => (f, h.unit),
            _ => return None,
        },
    };
    canonical(field)?;
    let scale = match field {
        FarmField::CapacityMw => unit.map_or(1.0, Unit::to_mw),
        _ => 1.0,
    };
    Some((field, scale))
}

/// The file with recognised properties renamed (and capacities converted), or `None` when
/// nothing changes or the file is not JSON text (the importer then names the problem).
fn recognise_properties(
    name: &str,
    bytes: &[u8],
    opts: &FarmsOptions,
    notes: &mut Vec<ImportError>,
) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut root: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    let features: Vec<&mut Value> = match root.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => root
            .get_mut("features")?
            .as_array_mut()?
            .iter_mut()
            .collect(),
        Some("Feature") => vec![&mut root],
        _ => return None,
    };
    let mut read_as: Vec<(String, FarmField, f64)> = Vec::new();
    let mut defaulted = 0usize;
    for feature in features {
        let Some(props) = feature.get_mut("properties").and_then(Value::as_object_mut) else {
            continue;
        };
        let mut out = Map::with_capacity(props.len());
        let mut taken: Vec<&'static str> = props
            .keys()
            .filter_map(|k| canonical_of_known(&k.trim().to_lowercase()))
            .collect();
        for (key, value) in std::mem::take(props) {
            let Some((field, scale)) = field_of(&key, opts) else {
                out.insert(key, value);
                continue;
            };
            let target = canonical(field).unwrap_or("id");
            if taken.contains(&target) || out.contains_key(target) {
                out.insert(key, value);
                continue;
            }
            taken.push(target);
            if !read_as.iter().any(|(k, ..)| *k == key) {
                read_as.push((key.clone(), field, scale));
            }
            let value = match (&value, scale) {
                (_, 1.0) => value,
                (Value::Number(n), s) => n
                    .as_f64()
                    .and_then(|v| serde_json::Number::from_f64(v * s))
                    .map_or(value, Value::Number),
                // A number written as text; anything else is left for the importer to name.
                (Value::String(t), s) => t
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .and_then(|v| serde_json::Number::from_f64(v * s))
                    .map_or(value, Value::Number),
                _ => value,
            };
            out.insert(target.to_string(), value);
        }
        if let Some(p) = opts.precision_default {
            let has = out
                .get("precision")
                .or_else(|| out.get("location_precision"))
                .is_some_and(|v| !v.is_null() && v.as_str() != Some(""));
            if !has {
                defaulted += 1;
                out.insert("precision".into(), Value::String(precision_word(p).into()));
            }
        }
        *props = out;
    }
    if read_as.is_empty() && defaulted == 0 {
        return None;
    }
    if !read_as.is_empty() {
        let list: Vec<String> = read_as
            .iter()
            .map(|(k, f, s)| {
                let field = canonical(*f).unwrap_or("");
                if *s == 1.0 {
                    format!("\"{k}\" as {field}")
                } else {
                    format!("\"{k}\" as {field} (× {s} to MW)")
                }
            })
            .collect();
        notes.push(
            ImportError::file(
                name,
                format!("properties read as farm fields: {}", list.join(", ")),
            )
            .warning(),
        );
    }
    serde_json::to_vec(&root).ok()
}

/// The canonical field a name the importer knows fills.
fn canonical_of_known(k: &str) -> Option<&'static str> {
    let k = k.replace([' ', '-'], "_");
    Some(match k.as_str() {
        "id" | "farm_id" => "id",
        "name" | "farm" | "farm_name" => "name",
        "lat" | "latitude" => "lat",
        "lon" | "lng" | "long" | "longitude" => "lon",
        "status" => "status",
        "capacity_mw" | "capacity" | "mw" => "capacity_mw",
        "precision" | "location_precision" => "precision",
        "owner" | "owner_group" | "owners" => "owner",
        "source_url" | "source" | "url" => "source_url",
        "date" | "shut_down_by" | "shutdown_date" | "shut_down" => "date",
        "illustrative" => "illustrative",
        _ => return None,
    })
}

fn precision_word(p: Precision) -> &'static str {
    match p {
        Precision::Exact => "exact",
        Precision::City => "city",
        Precision::Region => "region",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FC: &str = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"A","geometry":{"type":"Point","coordinates":[76.9,43.2]},
       "properties":{"name":"Almaty","Ref":"X1","Leistung (kW)":"2000"}},
      {"type":"Feature","id":"B","geometry":{"type":"Point","coordinates":[75.3,51.7]},
       "properties":{"name":"Ekibastuz","precision":"exact"}}]}"#;

    #[test]
    fn options_map_geojson_properties_and_set_the_default_precision() {
        let opts: FarmsOptions = serde_json::from_str(
            r#"{"precision_default":"city","columns":{"Leistung (kW)":{"field":"capacity_mw","unit":"kW"}}}"#,
        )
        .unwrap();
        let r = parse("f.geojson", FC.as_bytes(), &opts);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert_eq!(r.records[0].capacity_mw, Some(2.0)); // 2000 kW, written as text
        assert_eq!(r.records[0].precision, Precision::City);
        assert_eq!(r.records[1].precision, Precision::Exact);
        assert!(
            r.notes.iter().any(|n| n.message.contains("Leistung")),
            "{:?}",
            r.notes
        );
    }

    #[test]
    fn csv_and_unrecognised_json_go_to_their_importers() {
        let r = parse(
            "f.csv",
            b"id,lat,lon\nA,43.2,76.9\n",
            &FarmsOptions::default(),
        );
        assert_eq!(r.records.len(), 1);
        let r = parse("f.json", b"[1", &FarmsOptions::default());
        assert!(r.records.is_empty() && !r.errors.is_empty());
    }
}
