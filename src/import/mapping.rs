//! How an editor tells the farms importer what a file's columns mean, overriding its
//! guesses. The story file can carry it per farms file (serde, snake_case keys):
//!
//! ```json
//! {
//!   "sheet": "Plants",
//!   "precision_default": "city",
//!   "number_format": "1.234,5",
//!   "columns": {
//!     "Power Plant ID": "id",
//!     "Leistung (kW)": { "field": "capacity_mw", "unit": "kW", "number_format": "1.234,5" },
//!     "Ort": "place",
//!     "Bemerkung": "ignore"
//!   }
//! }
//! ```
//!
//! Every key is optional. `columns` maps a header (as written, case and surrounding spaces
//! ignored) or a column letter (`"C"`) to a field — a string, or an object with `field`,
//! `unit` (`W`, `kW`, `MW`, `GW`: capacity values are converted to MW) and `number_format`.
//! Fields: `id`, `name`, `lat`, `lon`, `status`, `capacity_mw`, `precision`, `owner`,
//! `source_url`, `place` (a town to look up in the gazetteer), `date` (with an optional
//! `date_format`: `YYYY-MM-DD`, `DD.MM.YYYY`, `DD/MM/YYYY`, `MM/DD/YYYY`), `illustrative`
//! (yes/no), `ignore` (keep it as an extra column, never guess it). Number formats are written as the number 1234.5 would
//! be: `"1234.5"`, `"1234,5"`, `"1,234.5"`, `"1.234,5"`, `"1 234,5"`, `"1 234.5"`,
//! `"1'234.5"`. `precision_default` (`exact`, `city`, `region`) is the precision of rows
//! that do not give one; `sheet` names the sheet of an XLSX/XLS/ODS workbook (default: the
//! first).

use crate::model::Precision;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The farm field a column fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FarmField {
    Id,
    Name,
    Lat,
    Lon,
    Status,
    #[serde(alias = "capacity")]
    CapacityMw,
    Precision,
    Owner,
    #[serde(alias = "url", alias = "source")]
    SourceUrl,
    /// A town or village, placed from the gazetteer when the row has no coordinates.
    #[serde(alias = "town", alias = "city")]
    Place,
    /// The farm's date (shut down, raided, reported), read in the column's [`DateFormat`].
    Date,
    /// Whether the site is placed for illustration (yes/no).
    Illustrative,
    /// Not a farm field: kept as an extra column, never guessed.
    Ignore,
}

/// A unit of power in a capacity column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    #[serde(rename = "W", alias = "w")]
    W,
    #[serde(rename = "kW", alias = "kw", alias = "KW")]
    Kw,
    #[serde(rename = "MW", alias = "mw")]
    Mw,
    #[serde(rename = "GW", alias = "gw")]
    Gw,
}

impl Unit {
    /// The factor to megawatts.
    pub fn to_mw(self) -> f64 {
        match self {
            Unit::W => 1e-6,
            Unit::Kw => 1e-3,
            Unit::Mw => 1.0,
            Unit::Gw => 1e3,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Unit::W => "W",
            Unit::Kw => "kW",
            Unit::Mw => "MW",
            Unit::Gw => "GW",
        }
    }
}

/// How a column writes numbers, named by how it writes 1234.5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NumberFormat {
    #[serde(rename = "1234.5")]
    Point,
    #[serde(rename = "1234,5")]
    Comma,
    #[serde(rename = "1,234.5")]
    CommaThousandsPoint,
    #[serde(rename = "1.234,5")]
    DotThousandsComma,
    #[serde(rename = "1 234,5")]
    SpaceThousandsComma,
    #[serde(rename = "1 234.5")]
    SpaceThousandsPoint,
    #[serde(rename = "1'234.5")]
    ApostropheThousandsPoint,
}

/// How a column writes its dates, named by how it writes 15 March 2022.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateFormat {
    /// `2022-03-15` or `2022-03`.
    #[serde(rename = "YYYY-MM-DD")]
    Iso,
    /// `15.03.2022` or `03.2022`.
    #[serde(rename = "DD.MM.YYYY")]
    DayMonthDots,
    /// `15/03/2022`.
    #[serde(rename = "DD/MM/YYYY")]
    DayFirst,
    /// `03/15/2022`.
    #[serde(rename = "MM/DD/YYYY")]
    MonthFirst,
}

impl DateFormat {
    /// The format's name, as the mapping writes it (`DD.MM.YYYY`).
    pub fn label(self) -> &'static str {
        match self {
            DateFormat::Iso => "YYYY-MM-DD",
            DateFormat::DayMonthDots => "DD.MM.YYYY",
            DateFormat::DayFirst => "DD/MM/YYYY",
            DateFormat::MonthFirst => "MM/DD/YYYY",
        }
    }
}

/// What one column means: a field name alone (`"id"`), or the field with its unit and
/// number format. Written back the same way: the field name alone when it has neither.
///
/// # Examples
/// ```
/// use farmmap::import::mapping::ColumnMapping;
/// let m: ColumnMapping = serde_json::from_str(r#"{"field": "lat"}"#).unwrap();
/// assert_eq!(serde_json::to_string(&m).unwrap(), r#""lat""#);
/// let m: ColumnMapping = serde_json::from_str(r#"{"field": "capacity_mw", "unit": "kW"}"#).unwrap();
/// assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"field":"capacity_mw","unit":"kW"}"#);
/// ```
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "ColumnMappingRepr")]
pub struct ColumnMapping {
    pub field: FarmField,
    pub unit: Option<Unit>,
    pub number_format: Option<NumberFormat>,
    /// How a `date` column writes its dates (`None`: detected from its values).
    pub date_format: Option<DateFormat>,
}

impl Serialize for ColumnMapping {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if self.unit.is_none() && self.number_format.is_none() && self.date_format.is_none() {
            return self.field.serialize(s);
        }
        let n = 1
            + usize::from(self.unit.is_some())
            + usize::from(self.number_format.is_some())
            + usize::from(self.date_format.is_some());
        let mut st = s.serialize_struct("ColumnMapping", n)?;
        st.serialize_field("field", &self.field)?;
        if let Some(u) = &self.unit {
            st.serialize_field("unit", u)?;
        }
        if let Some(f) = &self.number_format {
            st.serialize_field("number_format", f)?;
        }
        if let Some(f) = &self.date_format {
            st.serialize_field("date_format", f)?;
        }
        st.end()
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ColumnMappingRepr {
    Field(FarmField),
    Full {
        field: FarmField,
        #[serde(default)]
        unit: Option<Unit>,
        #[serde(default)]
        number_format: Option<NumberFormat>,
        #[serde(default)]
        date_format: Option<DateFormat>,
    },
}

impl From<ColumnMappingRepr> for ColumnMapping {
    fn from(r: ColumnMappingRepr) -> Self {
        match r {
            ColumnMappingRepr::Field(field) => ColumnMapping {
                field,
                unit: None,
                number_format: None,
                date_format: None,
            },
            ColumnMappingRepr::Full {
                field,
                unit,
                number_format,
                date_format,
            } => ColumnMapping {
                field,
                unit,
                number_format,
                date_format,
            },
        }
    }
}

/// Options for reading one farms file: an explicit column mapping (overriding the guesses),
/// the precision of rows that give none, the default number format, the sheet. All optional;
/// `FarmsOptions::default()` guesses everything (see the module docs for the JSON shape).
///
/// # Examples
/// ```
/// use farmmap::import::farms_csv;
/// use farmmap::import::mapping::FarmsOptions;
/// use farmmap::model::Precision;
///
/// let opts: FarmsOptions = serde_json::from_str(r#"{
///     "precision_default": "city",
///     "columns": {"Ref": "id", "Leistung (kW)": {"field": "capacity_mw", "unit": "kW", "number_format": "1.234,5"}}
/// }"#).unwrap();
/// let csv = "Ref;lat;lon;Leistung (kW)\nA;51,7;75,3;1.600\n";
/// let r = farms_csv::parse_with("farms.csv", csv.as_bytes(), &opts);
/// assert_eq!(r.records[0].id, "A");
/// assert_eq!(r.records[0].capacity_mw, Some(1.6)); // 1,600 kW
/// assert_eq!(r.records[0].precision, Precision::City);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FarmsOptions {
    /// The sheet of a workbook to read; `None`: the first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The precision of rows that give none; `None`: region (and one note says so).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision_default: Option<Precision>,
    /// The number format of every numeric column not mapped otherwise; `None`: detected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_format: Option<NumberFormat>,
    /// Header (or column letter) → what it means.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, ColumnMapping>,
}
