//! Bar charts beside the map: farms by owner group, capacity by region, shutdowns by month.
//!
//! Pure Rust over plotters' [`DrawingBackend`], so the same code draws to a browser canvas
//! (`web::charts_api::MeasuredCanvas`, plotters-canvas' calls) and to SVG natively, where the snapshot tests run.
//! Each draw function returns [`ChartHits`], the pixel rectangle of every bar, so the page
//! can turn a click into a bar key and highlight that bar's farms on the map.
//!
//! Layout is our own (`frame`): plotters draws the lines, rectangles and text on a
//! `DrawingArea`, but its `ChartBuilder`, `ChartContext` and mesh are not used (they were
//! ~14 KB of the reader's wasm for one value axis and one category axis). Natively, without
//! plotters' `ttf` feature, text is measured by plotters' naive estimate (0.7 em a byte),
//! which sizes the label areas and cuts labels too long for them; SVG text is laid out by
//! the viewer, so no font files are needed. In the browser the canvas measures text
//! (`web::charts_api::MeasuredCanvas`), so label areas there follow the real font.

mod columns;
mod data;
mod frame;
pub mod from_farms;
mod hbars;
mod header;
mod hits;
mod months;
mod style;
mod svg;
mod ticks;

pub use data::{display_text, format_value, Bar, BarData, MAX_BARS, MAX_LABEL_CHARS};
pub use hits::{BarHit, ChartHits, PixelRect};
pub use months::{monthly_bars, YearMonth};
pub use style::ChartStyle;
pub use svg::{render_svg, render_svg_with_hits};
pub use ticks::nice_ticks;

use plotters::coord::Shift;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// Below this a chart's axes and labels leave no room for bars.
pub const MIN_WIDTH: u32 = 160;
pub const MIN_HEIGHT: u32 = 120;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChartError {
    /// The data cannot be drawn (negative or non-finite values, too many bars, bad JSON).
    InvalidData(String),
    /// The drawing area is smaller than [`MIN_WIDTH`] × [`MIN_HEIGHT`].
    TooSmall { width: u32, height: u32 },
    /// The backend failed (e.g. a canvas without a 2D context).
    Drawing(String),
}

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChartError::InvalidData(m) => write!(f, "chart data: {m}"),
            ChartError::TooSmall { width, height } => write!(
                f,
                "chart area {width}×{height} px is smaller than {MIN_WIDTH}×{MIN_HEIGHT}"
            ),
            ChartError::Drawing(m) => write!(f, "drawing the chart failed: {m}"),
        }
    }
}

impl std::error::Error for ChartError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> ChartError {
        ChartError::Drawing(e.to_string())
    }
}

/// Which of the three charts, as the page names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    OwnerGroups,
    CapacityByRegion,
    ShutdownsByMonth,
}

impl ChartKind {
    pub const ALL: [ChartKind; 3] = [
        ChartKind::OwnerGroups,
        ChartKind::CapacityByRegion,
        ChartKind::ShutdownsByMonth,
    ];

    /// The names the JS API accepts.
    pub fn parse(name: &str) -> Option<ChartKind> {
        match name.trim() {
            "owners" | "owner_groups" => Some(ChartKind::OwnerGroups),
            "capacity" | "capacity_by_region" => Some(ChartKind::CapacityByRegion),
            "shutdowns" | "shutdowns_by_month" => Some(ChartKind::ShutdownsByMonth),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ChartKind::OwnerGroups => "owners",
            ChartKind::CapacityByRegion => "capacity",
            ChartKind::ShutdownsByMonth => "shutdowns",
        }
    }

    pub fn draw<DB: DrawingBackend>(
        self,
        root: &DrawingArea<DB, Shift>,
        data: &BarData,
        style: &ChartStyle,
    ) -> Result<ChartHits, ChartError> {
        match self {
            ChartKind::OwnerGroups => draw_owner_groups(root, data, style),
            ChartKind::CapacityByRegion => draw_capacity_by_region(root, data, style),
            ChartKind::ShutdownsByMonth => draw_shutdowns_by_month(root, data, style),
        }
    }
}

/// A chart with everything needed to draw it again (for SVG export and snapshots).
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub kind: ChartKind,
    pub data: BarData,
    pub style: ChartStyle,
}

/// Horizontal bars, one per owner group, in the order given; values are farm counts.
pub fn draw_owner_groups<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &BarData,
    style: &ChartStyle,
) -> Result<ChartHits, ChartError> {
    let options = hbars::Options {
        notes: header::notes(data, style, None),
        whole_numbers: true,
        show_unknown: false,
    };
    hbars::draw(root, data, style, &options)
}

/// Horizontal bars of total known capacity per region. Farms of unknown capacity cannot be
/// drawn as length, so each bar carries a grey "+n unknown" and the caption gives the total.
pub fn draw_capacity_by_region<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &BarData,
    style: &ChartStyle,
) -> Result<ChartHits, ChartError> {
    let unknown = data.total_unknown();
    let unknown_note = (unknown > 0).then(|| {
        let farms = if unknown == 1 { "farm" } else { "farms" };
        format!("{unknown} {farms} of unknown capacity not included (grey “+n unknown”)")
    });
    let options = hbars::Options {
        notes: header::notes(data, style, unknown_note),
        whole_numbers: false,
        show_unknown: true,
    };
    hbars::draw(root, data, style, &options)
}

/// Columns by month, oldest first; values are counts of farms shut down that month.
/// [`monthly_bars`] builds the input with empty months filled in.
pub fn draw_shutdowns_by_month<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &BarData,
    style: &ChartStyle,
) -> Result<ChartHits, ChartError> {
    columns::draw(root, data, style, &header::notes(data, style, None))
}

/// Refuses areas too small to lay out, before plotters is asked to (it would produce
/// inverted ranges rather than an error).
fn check_size<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
    let (width, height) = root.dim_in_pixel();
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Err(ChartError::TooSmall { width, height });
    }
    Ok(())
}

#[cfg(test)]
mod snapshot_tests;
