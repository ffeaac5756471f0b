//! Horizontal bars: one labelled bar per row, first bar on top, value axis at the bottom.
//!
//! Categories sit on a continuous axis (row i spans [i, i + 1)) with key points at the row
//! centres, so the bar rectangles, the tick labels and the recorded hit bands all come from
//! one coordinate mapping.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::KeyedAxis;
use super::data::{display_text, format_value, MAX_LABEL_CHARS};
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
    let row_centres: Vec<f64> = (0..n)
        .step_by(step)
        .map(|i| (n - 1 - i) as f64 + 0.5)
        .collect();
    // Rows are numbered bottom-up on plotters' axis; bar i goes to row n - 1 - i (on top).
    let row_of = |i: usize| (n - 1 - i) as f64;
    let label_of_row = |y: &f64| -> String {
        let row = y.floor();
        if row < 0.0 || row >= n as f64 {
            return String::new();
        }
        labels[n - 1 - row as usize].clone()
    };

    let row_centres_len = row_centres.len();
    let mut chart = ChartBuilder::on(&body)
        .margin_left(style.margin_px)
        .margin_right(right)
        .margin_top(gap)
        .margin_bottom(style.margin_px)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(
            KeyedAxis::new(0.0..x_max, ticks.clone()),
            KeyedAxis::new(0.0..n as f64, row_centres),
        )?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .bold_line_style(style.grid)
        .light_line_style(TRANSPARENT)
        .axis_style(style.muted)
        .x_labels(ticks.len())
        .y_labels(row_centres_len)
        .x_label_formatter(&|v| format_value(*v))
        .y_label_formatter(&label_of_row)
        .label_style(label_font.clone())
        .axis_desc_style(label_font.clone())
        .x_desc(display_text(&data.unit, MAX_LABEL_CHARS))
        .y_desc(display_text(&data.category, MAX_LABEL_CHARS))
        .draw()?;

    let (base_x, base_y) = root.get_base_pixel();
    let to_root = |(x, y): (i32, i32)| (x - base_x, y - base_y);
    let (plot_x, _) = chart.plotting_area().get_pixel_range();
    let mut hits = Vec::with_capacity(n);
    let margin = (1.0 - BAR_FILL) / 2.0;
    for (i, bar) in data.bars.iter().enumerate() {
        let row = row_of(i);
        let colour = style.bar_colour(&bar.key);
        let (y0, y1) = (row + margin, row + 1.0 - margin);
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.0, y0), (bar.value, y1)],
            colour.filled(),
        )))?;
        let bar_rect = PixelRect::from_corners(
            to_root(chart.backend_coord(&(0.0, y0))),
            to_root(chart.backend_coord(&(bar.value, y1))),
        );
        let band_top = to_root(chart.backend_coord(&(0.0, row + 1.0)));
        let band_bottom = to_root(chart.backend_coord(&(0.0, row)));
        let band = PixelRect {
            x0: plot_x.start - base_x,
            y0: band_top.1,
            x1: plot_x.end - base_x,
            y1: band_bottom.1,
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
    let plot = chart.plotting_area().get_pixel_range();
    root.present()?;
    Ok(ChartHits {
        bars: hits,
        plot: Some(PixelRect {
            x0: plot.0.start - base_x,
            y0: plot.1.start - base_y,
            x1: plot.0.end - base_x,
            y1: plot.1.end - base_y,
        }),
    })
}
