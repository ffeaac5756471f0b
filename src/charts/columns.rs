//! Vertical columns in time order, for counts by month: value axis on the left, labels
//! thinned out so they never overlap when there are many months.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::KeyedAxis;
use super::data::{display_text, format_value, MAX_LABEL_CHARS};
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
    let centres: Vec<f64> = (0..n).step_by(step).map(|i| i as f64 + 0.5).collect();
    let label_of_slot = |x: &f64| -> String {
        let slot = x.floor();
        if slot < 0.0 || slot >= n as f64 {
            return String::new();
        }
        labels[slot as usize].clone()
    };

    let mut chart = ChartBuilder::on(&body)
        .margin_left(style.margin_px)
        .margin_right(style.margin_px * 2)
        .margin_top(gap * 2)
        .margin_bottom(style.margin_px)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(
            KeyedAxis::new(0.0..n as f64, centres.clone()),
            KeyedAxis::new(0.0..y_max, ticks.clone()),
        )?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(style.grid)
        .light_line_style(TRANSPARENT)
        .axis_style(style.muted)
        .x_labels(centres.len())
        .y_labels(ticks.len())
        .x_label_formatter(&label_of_slot)
        .y_label_formatter(&|v| format_value(*v))
        .label_style(label_font.clone())
        .axis_desc_style(label_font.clone())
        .x_desc(display_text(&data.category, MAX_LABEL_CHARS))
        .y_desc(display_text(&data.unit, MAX_LABEL_CHARS))
        .draw()?;

    let (base_x, base_y) = root.get_base_pixel();
    let to_root = |(x, y): (i32, i32)| (x - base_x, y - base_y);
    let (_, plot_y) = chart.plotting_area().get_pixel_range();
    let margin = (1.0 - COLUMN_FILL) / 2.0;
    let mut hits = Vec::with_capacity(n);
    for (i, bar) in data.bars.iter().enumerate() {
        let slot = i as f64;
        let (x0, x1) = (slot + margin, slot + 1.0 - margin);
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x0, 0.0), (x1, bar.value)],
            style.bar_colour(&bar.key).filled(),
        )))?;
        let rect = PixelRect::from_corners(
            to_root(chart.backend_coord(&(x0, 0.0))),
            to_root(chart.backend_coord(&(x1, bar.value))),
        );
        let left = to_root(chart.backend_coord(&(slot, 0.0)));
        let right = to_root(chart.backend_coord(&(slot + 1.0, 0.0)));
        let band = PixelRect {
            x0: left.0,
            y0: plot_y.start - base_y,
            x1: right.0,
            y1: plot_y.end - base_y,
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
