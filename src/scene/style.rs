//! The map's palette and marker sizes, in one place so the legend (in www/) can match it.
//!
//! Status colours are from the Okabe–Ito palette, which stays distinguishable under the
//! common colour-vision deficiencies.

use super::draw::{Style, TextStyle};
use crate::model::Status;

pub const SEA: &str = "#dbe7ee";
pub const LAND: &str = "#eeeae2";
pub const KAZAKHSTAN: &str = "#fbfaf6";
pub const BORDER: &str = "#8c8577";
pub const ADMIN1: &str = "#c9c2b4";
pub const WATER: &str = "#b8d3e3";
pub const RIVER: &str = "#9cc2d9";
pub const CITY: &str = "#3d3a35";
pub const LABEL: &str = "#2b2925";
pub const REGION_LABEL: &str = "#8a8274";
pub const HALO: &str = "rgba(255,255,255,0.85)";
pub const SELECTION: &str = "#111111";
/// The keyboard focus ring (the same blue as the page's focus outlines).
pub const FOCUS: &str = "#0b57d0";

/// Money flows in the network (payments): a violet no node kind or status uses.
pub const MONEY_FLOW: &str = "#6a3d9a";
/// Former ties (closed, replaced or ended): a light grey, drawn dotted.
pub const FORMER_TIE: &str = "#9a958b";

/// Operating, shut down, unknown.
pub const STATUS_COLORS: [&str; 3] = ["#D55E00", "#0072B2", "#6b6b6b"];

/// Owner-group colours for cluster donuts (Okabe–Ito without the status colours, then
/// greys), indexed by group; the last is "no known owner".
pub const GROUP_COLORS: [&str; 8] = [
    "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442", "#8c564b", "#4d4d4d", "#bdbdbd",
];

pub fn status_color(status: Status) -> &'static str {
    STATUS_COLORS[status.index()]
}

/// Marker radius in CSS pixels: area grows with capacity, so a 100 MW farm does not dwarf
/// the map; unknown capacity gets the small default.
pub fn marker_radius(capacity_mw: Option<f64>) -> f32 {
    match capacity_mw {
        Some(mw) if mw.is_finite() && mw > 0.0 => (4.0 + 1.6 * mw.sqrt()).min(20.0) as f32,
        _ => 5.0,
    }
}

pub const CITY_TEXT: TextStyle = TextStyle {
    font: "12px sans-serif",
    fill: LABEL,
    halo: Some(HALO),
    align: "left",
};
pub const CAPITAL_TEXT: TextStyle = TextStyle {
    font: "bold 12px sans-serif",
    fill: LABEL,
    halo: Some(HALO),
    align: "left",
};
pub const REGION_TEXT: TextStyle = TextStyle {
    font: "italic 11px sans-serif",
    fill: REGION_LABEL,
    halo: Some(HALO),
    align: "center",
};
pub const COUNTRY_TEXT: TextStyle = TextStyle {
    font: "13px sans-serif",
    fill: "#9b9385",
    halo: None,
    align: "center",
};
pub const CLUSTER_TEXT: TextStyle = TextStyle {
    font: "bold 12px sans-serif",
    fill: "#ffffff",
    halo: None,
    align: "center",
};

pub const CITY_DOT: Style = Style::fill(CITY).with_stroke("#ffffff", 1.0);
