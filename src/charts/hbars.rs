//! Horizontal bars: one labelled bar per row, first bar on top, value axis at the bottom.
//!
//! Categories sit on a continuous axis (row i spans [i, i + 1)) with their labels at the row
//! centres, so the bar rectangles, the tick labels and the recorded hit bands all come from
//! one coordinate mapping ([`Frame`]).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::data::{display_text, format_value, MAX_LABEL_CHARS};
use super::frame::{Frame, Grid, Margins};
use super::hits::{BarHit, ChartHits, PixelRect};
use super::{check_size, header, nice_ticks, BarData, ChartError, ChartStyle};

/// Share of a row the bar fills; the rest is the gap between bars.
const BAR_FILL: f64 = 0.7;

pub struct Options {
    pub notes: Vec<String>,
    /// Counts: ticks at whole numbers only.
    pub whole_numbers: bool,
    /// Draw each bar's `unknown` count after its value.
    pub show_unknown: bool,
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &BarData,
    style: &ChartStyle,
    options: &Options,
) -> Result<ChartHits, ChartError> {
    data.validate()?;
    check_size(root)?;
    root.fill(&style.background)?;
    let body = header::draw(root, &data.title, &options.notes, style)?;
    if data.bars.is_empty() {
        return super::columns::draw_empty(&body, style);
    }
    let (width, _) = body.dim_in_pixel();
    let family = FontFamily::from(style.font_family.as_str());
    let label_font = FontDesc::new(family, style.label_px, FontStyle::Normal).color(&style.text);
    let muted_font = label_font.color(&style.muted);

    let labels: Vec<String> = data
        .bars
        .iter()
        .map(|b| display_text(&b.label, MAX_LABEL_CHARS))
        .collect();
    let ends: Vec<(String, String)> = data
        .bars
        .iter()
        .map(|b| {
            let unknown = if options.show_unknown && b.unknown > 0 {
                format!("+{} unknown", b.unknown)
            } else {
                String::new()
            };
            (format_value(b.value), unknown)
        })
        .collect();
    let gap = (style.label_px * 0.4).round() as u32;
    let mut label_w = 0;
    for label in &labels {
        label_w = label_w.max(body.estimate_text_size(label, &label_font)?.0);
    }
    let mut end_w = 0;
    for (value, unknown) in &ends {
        let mut w = body.estimate_text_size(value, &label_font)?.0;
        if !unknown.is_empty() {
            w += gap + body.estimate_text_size(unknown, &muted_font)?.0;
        }
        end_w = end_w.max(w);
    }
    // Long labels and end texts are clipped rather than allowed to squeeze the bars away.
    let desc_w = (style.label_px * 1.6).round() as u32;
    let y_area = (label_w + gap * 2 + desc_w).min(width * 2 / 5);
    let right = (end_w + gap * 2).min(width / 4);
    let x_area = (style.label_px * 3.2).round() as u32;

    let n = data.bars.len();
    let plot_w = width.saturating_sub(y_area + right + style.margin_px);
    let ticks = nice_ticks(
        data.max_value(),
        (plot_w / 70).clamp(2, 8) as usize,
        options.whole_numbers,
    );
    let x_max = ticks.last().copied().unwrap_or(1.0);
    // Every `step`-th label from the top when rows are shorter than a line of text.
    let (_, body_h) = body.dim_in_pixel();
    let plot_h = body_h.saturating_sub(x_area + gap + style.margin_px).max(1) as f64;
    let step = ((style.label_px * 1.2 * n as f64) / plot_h).ceil().max(1.0) as usize;
    // Rows are numbered bottom-up on the y axis; bar i goes to row n - 1 - i (on top).
    let row_of = |i: usize| (n - 1 - i) as f64;
    let row_labels: Vec<(f64, String)> = (0..n)
        .step_by(step)
        .map(|i| (row_of(i) + 0.5, labels[i].clone()))
        .collect();

    let margins = Margins {
        top: gap,
        bottom: style.margin_px,
        left: style.margin_px,
        right,
    };
    let frame = Frame::new(
        root,
        &body,
        &margins,
        y_area,
        x_area,
        0.0..x_max,
        0.0..n as f64,
    );
    let x_keys: Vec<(f64, String)> = ticks.iter().map(|&t| (t, format_value(t))).collect();
    frame.draw_axes(
        root,
        style,
        &label_font,
        Grid::X,
        &x_keys,
        &row_labels,
        &display_text(&data.unit, MAX_LABEL_CHARS),
        &display_text(&data.category, MAX_LABEL_CHARS),
    )?;

    let plot = frame.plot;
    let mut hits = Vec::with_capacity(n);
    let margin = (1.0 - BAR_FILL) / 2.0;
    for (i, bar) in data.bars.iter().enumerate() {
        let row = row_of(i);
        let colour = style.bar_colour(&bar.key);
        let (y0, y1) = (row + margin, row + 1.0 - margin);
        let (a, b) = (frame.point(0.0, y0), frame.point(bar.value, y1));
        root.draw(&Rectangle::new([a, b], colour.filled()))?;
        let bar_rect = PixelRect::from_corners(a, b);
        let band = PixelRect {
            x0: plot.x0,
            y0: frame.y.map(row + 1.0),
            x1: plot.x1,
            y1: frame.y.map(row),
        };
        let text_pos = (bar_rect.x1 + gap as i32, (bar_rect.y0 + bar_rect.y1) / 2);
        let (value, unknown) = &ends[i];
        let left_middle = Pos::new(HPos::Left, VPos::Center);
        root.draw_text(value, &label_font.pos(left_middle), text_pos)?;
        if !unknown.is_empty() {
            let w = root.estimate_text_size(value, &label_font)?.0 as i32;
            let pos = (text_pos.0 + w + gap as i32, text_pos.1);
            root.draw_text(unknown, &muted_font.pos(left_middle), pos)?;
        }
        hits.push(BarHit {
            key: bar.key.clone(),
            index: i,
            bar: bar_rect,
            band,
        });
    }
    root.present()?;
    Ok(ChartHits {
        bars: hits,
        plot: Some(plot),
    })
}
