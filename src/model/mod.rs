//! The data farmmap draws: farms (with where they are and how sure we are of it).
//!
//! Kept free of any parsing or drawing concern so importers, clustering, the network and the
//! scene all share one vocabulary.

pub mod synthetic;

use serde::{Deserialize, Serialize};

/// What is known of a farm's state. Drawn as colour; `Unknown` is a first-class value
/// because most reporting does not say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Operating,
    ShutDown,
    #[default]
    Unknown,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Operating, Status::ShutDown, Status::Unknown];

    /// Accepts the spellings editors actually type; `None` means "not a status".
    pub fn parse(text: &str) -> Option<Status> {
        let t = text.trim().to_lowercase().replace(['_', '-'], " ");
        match t.as_str() {
            "operating" | "active" | "running" | "open" | "working" => Some(Status::Operating),
            "shut down" | "shutdown" | "closed" | "seized" | "raided" | "stopped" | "inactive" => {
                Some(Status::ShutDown)
            }
            "" | "unknown" | "n/a" | "na" | "?" => Some(Status::Unknown),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Operating => "operating",
            Status::ShutDown => "shut down",
            Status::Unknown => "status unknown",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// How precisely a farm is located. The map must not draw a farm known only to its region as
/// if it sat on an exact site, so this is part of the model, not a styling afterthought.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// The site itself (a building, a fenced plot).
    Exact,
    /// Known to the town or city only.
    City,
    /// Known to the region (oblast) only, or placed for illustration.
    #[default]
    Region,
}

impl Precision {
    pub fn parse(text: &str) -> Option<Precision> {
        match text.trim().to_lowercase().as_str() {
            "exact" | "site" | "address" | "precise" => Some(Precision::Exact),
            "city" | "town" | "settlement" | "approximate" | "approx" => Some(Precision::City),
            "" | "region" | "oblast" | "province" | "illustrative" | "unknown" => {
                Some(Precision::Region)
            }
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Precision::Exact => "exact site",
            Precision::City => "approximate (city)",
            Precision::Region => "approximate (region)",
        }
    }
}

/// One farm as imported. Coordinates are WGS84 degrees (`lnglat`); projection happens later.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Farm {
    pub id: String,
    pub name: String,
    pub lng: f64,
    pub lat: f64,
    pub status: Status,
    pub capacity_mw: Option<f64>,
    pub precision: Precision,
    /// Free text: who the reporting ties the farm to. The network gives the structure.
    pub owner: String,
    pub source_url: String,
    /// Columns the importer did not recognise, kept in file order for the details panel.
    pub extra: Vec<(String, String)>,
    /// The farm's date (when it was shut down, raided, reported: the column the editor
    /// mapped as `date`), to the month or the day. The timeline chart counts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<FarmDate>,
    /// Whether the site was placed for illustration (a column mapped as `illustrative`),
    /// which the map must say on screen.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub illustrative: bool,
}

/// A calendar date known to the month (`2022-03`) or to the day (`2022-03-15`), written
/// and read in ISO 8601 form. Years 1900–2100 only: a farm's date outside them is a typo.
///
/// # Examples
/// ```
/// use farmmap::model::FarmDate;
/// let d = FarmDate::parse_iso("2022-03-15").unwrap();
/// assert_eq!((d.year, d.month, d.day), (2022, 3, Some(15)));
/// assert_eq!(d.to_string(), "2022-03-15");
/// assert_eq!(FarmDate::parse_iso("2022-3").unwrap().to_string(), "2022-03");
/// assert!(FarmDate::parse_iso("2022-02-30").is_none());
/// assert!(FarmDate::parse_iso("15.03.2022").is_none()); // other forms: import::dates
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FarmDate {
    pub year: i32,
    pub month: u8,
    /// `None`: known to the month only.
    pub day: Option<u8>,
}

impl FarmDate {
    /// The years a farm's date may have.
    pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

    /// A date that exists (`day` within its month, leap years counted), or `None`.
    pub fn new(year: i32, month: u8, day: Option<u8>) -> Option<FarmDate> {
        let ok = Self::YEARS.contains(&year)
            && (1..=12).contains(&month)
            && day.is_none_or(|d| d >= 1 && d <= days_in_month(year, month));
        ok.then_some(FarmDate { year, month, day })
    }

    /// `YYYY-MM` or `YYYY-MM-DD` (a time after `T` or a space is ignored), or `None`.
    pub fn parse_iso(text: &str) -> Option<FarmDate> {
        let t = text.trim();
        let t = t.split(['T', ' ']).next().unwrap_or(t);
        let mut parts = t.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next());
        if parts.next().is_some() || y.len() != 4 || !(1..=2).contains(&m.len()) {
            return None;
        }
        let num = |s: &str| -> Option<u32> {
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let day = match d {
            None => None,
            Some(d) if (1..=2).contains(&d.len()) => Some(u8::try_from(num(d)?).ok()?),
            Some(_) => return None,
        };
        FarmDate::new(
            i32::try_from(num(y)?).ok()?,
            u8::try_from(num(m)?).ok()?,
            day,
        )
    }
}

/// The days of `month` (1–12) in `year` (Gregorian).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl std::fmt::Display for FarmDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)?;
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for FarmDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FarmDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        FarmDate::parse_iso(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{} is not a date; expected YYYY-MM or YYYY-MM-DD (years 1900–2100)",
                crate::json::Quoted(&s)
            ))
        })
    }
}

impl Farm {
    /// Whether the site was placed for illustration, which the map must say on screen: its
    /// `illustrative` field, or (data published before that field existed) an extra column
    /// named `illustrative` saying yes.
    pub fn is_illustrative(&self) -> bool {
        self.illustrative
            || self.extra.iter().any(|(k, v)| {
                k.eq_ignore_ascii_case("illustrative")
                    && matches!(v.trim().to_lowercase().as_str(), "yes" | "true" | "1" | "y")
            })
    }

    /// A farm with only an id and a position; the rest at its "unknown" value.
    pub fn at(id: &str, lng: f64, lat: f64) -> Farm {
        Farm {
            id: id.to_string(),
            name: id.to_string(),
            lng,
            lat,
            status: Status::Unknown,
            capacity_mw: None,
            precision: Precision::Region,
            owner: String::new(),
            source_url: String::new(),
            extra: Vec::new(),
            date: None,
            illustrative: false,
        }
    }
}
