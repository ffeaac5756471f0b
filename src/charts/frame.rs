//! The frame both bar charts share, drawn directly on plotters' `DrawingArea` with its
//! elements (lines, paths, text): the plot rectangle, the linear value→pixel mappings, the
//! grid, the two axis lines with their ticks and labels, and the two axis descriptions.
//!
//! It lays a chart out as plotters' `ChartBuilder` and `configure_mesh` did (margins, a
//! left and a bottom label area, the plot in the rest; pixels `x0..=x1 - 1` left to right
//! and `y1 - 1..=y0` bottom to top; ticks of at most 5 px with labels twice that from the
//! axis), in the same drawing order, without their generic machinery: the bars, the tick
//! labels, the grid lines and the recorded hit rectangles all come from [`Frame::x`] and
//! [`Frame::y`].

use std::ops::Range;

use plotters::coord::Shift;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontTransform;
use plotters_backend::{BackendCoord, DrawingErrorKind};

use super::hits::PixelRect;
use super::{ChartError, ChartStyle};

/// A linear mapping of `range` onto the pixels `from..=to` (`to < from` for an axis that
/// grows upwards), rounded to the nearest pixel.
#[derive(Clone, Debug, PartialEq)]
pub struct Scale {
    range: Range<f64>,
    from: i32,
    to: i32,
}

impl Scale {
    pub fn new(range: Range<f64>, from: i32, to: i32) -> Scale {
        Scale { range, from, to }
    }

    /// The pixel of `value`; an empty range or a non-finite value maps to `from`.
    pub fn map(&self, value: f64) -> i32 {
        let span = self.range.end - self.range.start;
        if span <= 0.0 || !value.is_finite() {
            return self.from;
        }
        let t = (value - self.range.start) / span;
        (f64::from(self.from) + t * f64::from(self.to - self.from)).round() as i32
    }
}

/// Space around the label areas and the plot, in pixels.
pub struct Margins {
    pub top: u32,
    pub bottom: u32,
    pub left: u32,
    pub right: u32,
}

/// Which axis gets grid lines across the plot: the value axis.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Grid {
    /// Vertical lines at the x ticks (horizontal bars).
    X,
    /// Horizontal lines at the y ticks (columns).
    Y,
}

/// Ticks and labels on one axis: where (in the axis' values) and what text.
pub type Keys = [(f64, String)];

/// A laid-out chart body. Rectangles are relative to the root area the chart is drawn on
/// (as [`super::ChartHits`] reports them).
pub struct Frame {
    /// The plotting area, half-open.
    pub plot: PixelRect,
    /// Left of the plot: y labels and the rotated y description.
    left: PixelRect,
    /// Below the plot: x labels and the x description.
    bottom: PixelRect,
    /// Values on the horizontal axis → pixel columns.
    pub x: Scale,
    /// Values on the vertical axis → pixel rows (upwards).
    pub y: Scale,
}

impl Frame {
    /// Lays out `body` (a part of `root`): `margins` inside it, then a left label area
    /// `left_w` wide and a bottom one `bottom_h` high; the plot takes the rest (at least a
    /// pixel each way). `x` and `y` are the value ranges the plot's width and height show.
    pub fn new<DB: DrawingBackend>(
        root: &DrawingArea<DB, Shift>,
        body: &DrawingArea<DB, Shift>,
        margins: &Margins,
        left_w: u32,
        bottom_h: u32,
        x: Range<f64>,
        y: Range<f64>,
    ) -> Frame {
        let (root_x, root_y) = root.get_base_pixel();
        let (body_x, body_y) = body.get_base_pixel();
        let (w, h) = body.dim_in_pixel();
        let px = |v: u32| i32::try_from(v).unwrap_or(i32::MAX / 4);
        let x0 = body_x - root_x + px(margins.left);
        let y0 = body_y - root_y + px(margins.top);
        let x1 = (body_x - root_x + px(w) - px(margins.right)).max(x0);
        let y1 = (body_y - root_y + px(h) - px(margins.bottom)).max(y0);
        let plot_x0 = (x0 + px(left_w)).min(x1);
        let plot_y1 = (y1 - px(bottom_h)).max(y0);
        let plot = PixelRect {
            x0: plot_x0,
            y0,
            x1: x1.max(plot_x0 + 1),
            y1: plot_y1.max(y0 + 1),
        };
        Frame {
            left: PixelRect {
                x0,
                y0: plot.y0,
                x1: plot.x0,
                y1: plot.y1,
            },
            bottom: PixelRect {
                x0: plot.x0,
                y0: plot.y1,
                x1: plot.x1,
                y1: plot.y1.max(y1),
            },
            x: Scale::new(x, plot.x0, plot.x1 - 1),
            y: Scale::new(y, plot.y1 - 1, plot.y0),
            plot,
        }
    }

    /// The pixel of a point in the chart's values.
    pub fn point(&self, x: f64, y: f64) -> (i32, i32) {
        (self.x.map(x), self.y.map(y))
    }

    /// Tick length: 5 % of the plot's smaller side, at most 5 px (none on a plot under 10 px).
    fn tick(&self) -> i32 {
        let side = self.plot.width().min(self.plot.height());
        ((f64::from(side) * 0.05).round() as i32).min(5)
    }

    /// Draws the axis descriptions, the grid lines (at `grid`'s keys), then each axis line
    /// with its ticks and labels: `y_keys` right-aligned left of the plot, `x_keys` centred
    /// below it. A key whose pixel falls outside the plot's extent gets no label or tick.
    /// Text too long for its place is cut with "…" ([`fit`]): each description to its axis'
    /// length, each y label to the left label area (and, in the rows the rotated
    /// description spans, to the part right of it).
    #[allow(clippy::too_many_arguments)]
    pub fn draw_axes<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
        font: &TextStyle,
        grid: Grid,
        x_keys: &Keys,
        y_keys: &Keys,
        x_desc: &str,
        y_desc: &str,
    ) -> Result<(), ChartError> {
        let (plot, left, bottom) = (self.plot, self.left, self.bottom);
        let axis = ShapeStyle::from(&style.muted);
        let tick = self.tick();
        let label_dist = tick * 2;

        let rotated = font
            .transform(FontTransform::Rotate270)
            .pos(Pos::new(HPos::Center, VPos::Top));
        let y_mid = left.y0 + left.height() / 2;
        let y_desc = fit(root, y_desc, font, left.height())?;
        root.draw_text(&y_desc, &rotated, (left.x0, y_mid))?;
        let below = font.pos(Pos::new(HPos::Center, VPos::Bottom));
        let x_mid = bottom.x0 + bottom.width() / 2;
        let x_desc = fit(root, x_desc, font, bottom.width())?;
        root.draw_text(&x_desc, &below, (x_mid, bottom.y1))?;

        let grid_style = ShapeStyle::from(&style.grid);
        match grid {
            Grid::X => {
                for (v, _) in x_keys {
                    let x = self.x.map(*v);
                    root.draw(&Line([(x, plot.y1 - 1), (x, plot.y0)], grid_style))?;
                }
            }
            Grid::Y => {
                for (v, _) in y_keys {
                    let y = self.y.map(*v);
                    root.draw(&Line([(plot.x0, y), (plot.x1 - 1, y)], grid_style))?;
                }
            }
        }

        let axis_x = left.x1 - 1;
        root.draw(&PathElement::new(
            [(axis_x, plot.y0), (axis_x, plot.y1 - 1)],
            axis,
        ))?;
        let right_middle = font.pos(Pos::new(HPos::Right, VPos::Center));
        // A label fits between the margin and the axis; one in the rows the rotated
        // description spans (its length, centred, plus half a line either way) also keeps
        // clear of it: a line high, and a tick's length from it.
        let (desc_len, line_h) = if y_desc.is_empty() {
            (0, 0)
        } else {
            let (w, h) = root.estimate_text_size(&y_desc, font)?;
            (w as i32, h as i32)
        };
        let room = left.width() - label_dist;
        for (v, text) in y_keys {
            let y = self.y.map(*v);
            if y < plot.y0 || y > plot.y1 - 1 {
                continue;
            }
            let beside_desc = desc_len > 0 && (y - y_mid).abs() < (desc_len + line_h) / 2;
            let room = if beside_desc {
                room - line_h - tick
            } else {
                room
            };
            let text = fit(root, text, font, room)?;
            root.draw_text(&text, &right_middle, (left.x1 - label_dist, y))?;
            if tick > 0 {
                root.draw(&PathElement::new([(axis_x - tick, y), (axis_x, y)], axis))?;
            }
        }

        root.draw(&PathElement::new(
            [(plot.x0, bottom.y0), (plot.x1 - 1, bottom.y0)],
            axis,
        ))?;
        let centre_top = font.pos(Pos::new(HPos::Center, VPos::Top));
        for (v, text) in x_keys {
            let x = self.x.map(*v);
            if x < plot.x0 || x > plot.x1 - 1 {
                continue;
            }
            root.draw_text(text, &centre_top, (x, bottom.y0 + label_dist))?;
            if tick > 0 {
                let tick_end = (x, bottom.y0 + tick);
                root.draw(&PathElement::new([(x, bottom.y0), tick_end], axis))?;
            }
        }
        Ok(())
    }
}

/// `text`, or as much of it as fits in `max_w` pixels (as the backend measures it) followed
/// by "…"; nothing if not even that fits.
pub fn fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    font: &TextStyle,
    max_w: i32,
) -> Result<String, ChartError> {
    let width = |s: &str| -> Result<i32, ChartError> {
        Ok(i32::try_from(area.estimate_text_size(s, font)?.0).unwrap_or(i32::MAX))
    };
    let mut w = width(text)?;
    if w <= max_w {
        return Ok(text.to_string());
    }
    let mut keep = text.chars().count();
    while keep > 0 {
        // In proportion to the overshoot, and at least one character fewer each time.
        let guess = (keep as i64 * i64::from(max_w.max(0)) / i64::from(w.max(1))) as usize;
        keep = guess.min(keep - 1);
        let mut cut: String = text.chars().take(keep).collect();
        cut.truncate(cut.trim_end().len());
        cut.push('…');
        w = width(&cut)?;
        if w <= max_w {
            return Ok(cut);
        }
    }
    Ok(String::new())
}

/// A straight line drawn with the backend's `draw_line` (a canvas nudges horizontal and
/// vertical ones half a pixel so they stay one pixel wide); plotters' `PathElement` draws a
/// polyline instead.
struct Line([BackendCoord; 2], ShapeStyle);

impl<'a> PointCollection<'a, BackendCoord> for &'a Line {
    type Point = &'a BackendCoord;
    type IntoIter = &'a [BackendCoord];
    fn point_iter(self) -> &'a [BackendCoord] {
        &self.0
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Line {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        match (points.next(), points.next()) {
            (Some(a), Some(b)) => backend.draw_line(a, b, &self.1),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_map_linearly_and_round() {
        let s = Scale::new(0.0..4.0, 10, 110);
        assert_eq!(s.map(0.0), 10);
        assert_eq!(s.map(4.0), 110);
        assert_eq!(s.map(0.5), 23); // 12.5 rounds away from zero
        assert_eq!(Scale::new(0.0..4.0, 110, 10).map(1.0), 85);
        assert_eq!(s.map(f64::NAN), 10);
        assert_eq!(Scale::new(1.0..1.0, 0, 9).map(1.0), 0);
    }

    #[test]
    fn the_plot_is_what_the_margins_and_label_areas_leave() {
        let mut svg = String::new();
        let root = SVGBackend::with_string(&mut svg, (400, 300)).into_drawing_area();
        let (_, body) = root.split_vertically(50);
        let margins = Margins {
            top: 6,
            bottom: 8,
            left: 8,
            right: 30,
        };
        let frame = Frame::new(&root, &body, &margins, 100, 45, 0.0..10.0, 0.0..4.0);
        let expected = PixelRect {
            x0: 108,
            y0: 56,
            x1: 370,
            y1: 247,
        };
        assert_eq!(frame.plot, expected);
        assert_eq!(frame.point(0.0, 0.0), (108, 246));
        assert_eq!(frame.point(10.0, 4.0), (369, 56));
        // Too big label areas leave a one-pixel plot inside the body, not an inverted one.
        let squeezed = Frame::new(&root, &body, &margins, 1000, 1000, 0.0..1.0, 0.0..1.0);
        assert_eq!(squeezed.plot.width(), 1);
        assert_eq!(squeezed.plot.height(), 1);
        assert!(squeezed.plot.x1 <= 400 && squeezed.plot.y1 <= 300);
    }
}
