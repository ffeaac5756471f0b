//! Vertical columns in time order, for counts by month: value axis on the left, labels
//! thinned out so they never overlap when there are many months.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::data::{display_text, format_value, MAX_LABEL_CHARS};
use super::frame::{Frame, Grid, Margins};
use super::hits::{BarHit, ChartHits, PixelRect};
use super::{check_size, header, nice_ticks, BarData, ChartError, ChartStyle};

/// Share of a slot the column fills.
const COLUMN_FILL: f64 = 0.8;

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &BarData,
    style: &ChartStyle,
    notes: &[String],
) -> Result<ChartHits, ChartError> {
    data.validate()?;
    check_size(root)?;
    root.fill(&style.background)?;
    let body = header::draw(root, &data.title, notes, style)?;
    if data.bars.is_empty() {
        return draw_empty(&body, style);
    }
    let (width, height) = body.dim_in_pixel();
    let family = FontFamily::from(style.font_family.as_str());
    let label_font = FontDesc::new(family, style.label_px, FontStyle::Normal).color(&style.text);
    let labels: Vec<String> = data
        .bars
        .iter()
        .map(|b| display_text(&b.label, MAX_LABEL_CHARS))
        .collect();
    let gap = (style.label_px * 0.4).round() as u32;
    let mut label_w = 1;
    for label in &labels {
        label_w = label_w.max(body.estimate_text_size(label, &label_font)?.0);
    }
    let ticks = nice_ticks(data.max_value(), (height / 50).clamp(2, 8) as usize, true);
    let y_max = ticks.last().copied().unwrap_or(1.0);
    let mut tick_w = 0;
    for t in &ticks {
        tick_w = tick_w.max(body.estimate_text_size(&format_value(*t), &label_font)?.0);
    }
    let desc_w = (style.label_px * 1.6).round() as u32;
    let y_area = (tick_w + gap * 2 + desc_w).min(width / 4);
    let x_area = (style.label_px * 3.2).round() as u32;

    let n = data.bars.len();
    let plot_w = width.saturating_sub(y_area + style.margin_px * 2).max(1);
    // Every `step`-th label, so each has room for its own width plus a gap.
    let per_label = label_w + gap * 2;
    let step = (per_label as usize * n).div_ceil(plot_w as usize).max(1);
    let slot_labels: Vec<(f64, String)> = (0..n)
        .step_by(step)
        .map(|i| (i as f64 + 0.5, labels[i].clone()))
        .collect();

    let margins = Margins {
        top: gap * 2,
        bottom: style.margin_px,
        left: style.margin_px,
        right: style.margin_px * 2,
    };
    let frame = Frame::new(
        root,
        &body,
        &margins,
        y_area,
        x_area,
        0.0..n as f64,
        0.0..y_max,
    );
    let y_keys: Vec<(f64, String)> = ticks.iter().map(|&t| (t, format_value(t))).collect();
    frame.draw_axes(
        root,
        style,
        &label_font,
        Grid::Y,
        &slot_labels,
        &y_keys,
        &display_text(&data.category, MAX_LABEL_CHARS),
        &display_text(&data.unit, MAX_LABEL_CHARS),
    )?;

    let plot = frame.plot;
    let margin = (1.0 - COLUMN_FILL) / 2.0;
    let mut hits = Vec::with_capacity(n);
    for (i, bar) in data.bars.iter().enumerate() {
        let slot = i as f64;
        let (x0, x1) = (slot + margin, slot + 1.0 - margin);
        let (a, b) = (frame.point(x0, 0.0), frame.point(x1, bar.value));
        root.draw(&Rectangle::new([a, b], style.bar_colour(&bar.key).filled()))?;
        let rect = PixelRect::from_corners(a, b);
        let band = PixelRect {
            x0: frame.x.map(slot),
            y0: plot.y0,
            x1: frame.x.map(slot + 1.0),
            y1: plot.y1,
        };
        // Value on top of the column only where it fits in the column's width.
        let value = format_value(bar.value);
        let (value_w, _) = root.estimate_text_size(&value, &label_font)?;
        if bar.value > 0.0 && value_w as i32 <= rect.width() + gap as i32 {
            let pos = ((rect.x0 + rect.x1) / 2, rect.y0 - gap as i32 / 2);
            let centre_bottom = Pos::new(HPos::Center, VPos::Bottom);
            root.draw_text(&value, &label_font.pos(centre_bottom), pos)?;
        }
        hits.push(BarHit {
            key: bar.key.clone(),
            index: i,
            bar: rect,
            band,
        });
    }
    root.present()?;
    Ok(ChartHits {
        bars: hits,
        plot: Some(plot),
    })
}

/// An explicit "No data" instead of empty axes, which would read as "all zero".
pub fn draw_empty<DB: DrawingBackend>(
    body: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
) -> Result<ChartHits, ChartError> {
    let (width, height) = body.dim_in_pixel();
    let font = FontDesc::new(
        FontFamily::from(style.font_family.as_str()),
        style.label_px,
        FontStyle::Normal,
    )
    .color(&style.muted)
    .pos(Pos::new(HPos::Center, VPos::Center));
    body.draw_text("No data", &font, (width as i32 / 2, height as i32 / 2))?;
    body.present()?;
    Ok(ChartHits::default())
}
