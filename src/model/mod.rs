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
}

impl Farm {
    /// Whether the site was placed for illustration (an `illustrative` column saying yes),
    /// which the map must say on screen.
    pub fn is_illustrative(&self) -> bool {
        self.extra.iter().any(|(k, v)| {
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
        }
    }
}
