//! Where each bar ended up in pixels, so a click can be mapped back to a bar's key.
//!
//! Recorded while drawing, from the same coordinate mapping that placed the rectangles, so
//! the hit areas cannot drift from the picture.

use serde::Serialize;

/// A pixel rectangle, half-open: contains x when `x0 <= x < x1`. Coordinates are relative to
/// the top-left corner of the drawing area the chart was drawn on (for a whole canvas: the
/// canvas' backing-store pixels, not CSS pixels).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PixelRect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl PixelRect {
    /// Normalises corner order, since plotters' y axis grows upwards.
    pub fn from_corners(a: (i32, i32), b: (i32, i32)) -> PixelRect {
        PixelRect {
            x0: a.0.min(b.0),
            y0: a.1.min(b.1),
            x1: a.0.max(b.0),
            y1: a.1.max(b.1),
        }
    }

    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= f64::from(self.x0)
            && x < f64::from(self.x1)
            && y >= f64::from(self.y0)
            && y < f64::from(self.y1)
    }

    pub fn width(&self) -> i32 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> i32 {
        self.y1 - self.y0
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BarHit {
    pub key: String,
    /// Index into the input's `bars`.
    pub index: usize,
    /// The drawn rectangle (zero length for a zero value).
    pub bar: PixelRect,
    /// The bar's whole slot across the plot: what a click hits, so short and zero bars are
    /// as easy to pick as long ones. Slots of neighbouring bars do not overlap.
    pub band: PixelRect,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ChartHits {
    pub bars: Vec<BarHit>,
    /// The plotting area (inside the axes).
    pub plot: Option<PixelRect>,
}

impl ChartHits {
    /// The bar under a point, by its slot. NaN never hits.
    pub fn hit(&self, x: f64, y: f64) -> Option<&BarHit> {
        self.bars.iter().find(|b| b.band.contains(x, y))
    }

    pub fn key_at(&self, x: f64, y: f64) -> Option<&str> {
        self.hit(x, y).map(|b| b.key.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rect_is_half_open_and_normalised() {
        let r = PixelRect::from_corners((10, 40), (30, 20));
        assert_eq!((r.x0, r.y0, r.x1, r.y1), (10, 20, 30, 40));
        assert!(r.contains(10.0, 20.0));
        assert!(!r.contains(30.0, 25.0));
        assert!(!r.contains(f64::NAN, 25.0));
    }

    #[test]
    fn key_at_uses_bands() {
        let band = |y0, y1| PixelRect {
            x0: 0,
            y0,
            x1: 100,
            y1,
        };
        let hits = ChartHits {
            bars: vec![
                BarHit {
                    key: "a".into(),
                    index: 0,
                    bar: band(0, 10),
                    band: band(0, 10),
                },
                BarHit {
                    key: "b".into(),
                    index: 1,
                    bar: PixelRect {
                        x0: 0,
                        y0: 12,
                        x1: 0,
                        y1: 18,
                    },
                    band: band(10, 20),
                },
            ],
            plot: None,
        };
        assert_eq!(hits.key_at(50.0, 5.0), Some("a"));
        assert_eq!(hits.key_at(50.0, 15.0), Some("b"));
        assert_eq!(hits.key_at(50.0, 25.0), None);
        assert_eq!(hits.key_at(-1.0, 5.0), None);
    }
}
