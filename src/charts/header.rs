//! The caption block above a chart: title, then muted note lines (illustrative-data flag,
//! the data's own note, chart-specific caveats). Drawn with primitives rather than
//! `ChartBuilder::caption` because that takes a single line.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::data::{display_text, MAX_TITLE_CHARS};
use super::{BarData, ChartError, ChartStyle};

pub const ILLUSTRATIVE_NOTE: &str = "Illustrative data";

/// Note lines for a chart, in reading order.
pub fn notes(data: &BarData, style: &ChartStyle, extra: Option<String>) -> Vec<String> {
    let mut lines = Vec::new();
    if style.illustrative {
        lines.push(ILLUSTRATIVE_NOTE.to_string());
    }
    if let Some(note) = data.note.as_deref().filter(|n| !n.trim().is_empty()) {
        lines.push(note.to_string());
    }
    lines.extend(extra);
    lines
}

/// Draws the caption and returns the area left below it.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    notes: &[String],
    style: &ChartStyle,
) -> Result<DrawingArea<DB, Shift>, ChartError> {
    let margin = style.margin_px as i32;
    let top_left = Pos::new(HPos::Left, VPos::Top);
    let title_font = FontDesc::new(
        FontFamily::from(style.font_family.as_str()),
        style.title_px,
        FontStyle::Bold,
    )
    .color(&style.text)
    .pos(top_left);
    let note_font = FontDesc::new(
        FontFamily::from(style.font_family.as_str()),
        style.label_px,
        FontStyle::Normal,
    )
    .color(&style.muted)
    .pos(top_left);
    let mut y = margin;
    let title = display_text(title, MAX_TITLE_CHARS);
    if !title.is_empty() {
        root.draw_text(&title, &title_font, (margin, y))?;
        y += (style.title_px * 1.35).round() as i32;
    }
    for note in notes {
        root.draw_text(
            &display_text(note, MAX_TITLE_CHARS),
            &note_font,
            (margin, y),
        )?;
        y += (style.label_px * 1.35).round() as i32;
    }
    let (_, height) = root.dim_in_pixel();
    // Never hand back less than half the area: long captions get clipped instead.
    let header = (y + margin / 2).min(height as i32 / 2).max(0);
    Ok(root.split_vertically(header).1)
}
