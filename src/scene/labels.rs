//! Greedy label placement: labels are offered in priority order and kept only where they
//! overlap nothing already placed, so the most important names always win.
//!
//! Text is measured by estimate (no font metrics outside the browser); the estimate errs
//! wide, so labels may be dropped early but never collide.
//!
//! Taken rectangles are also filed in a uniform grid of [`CELL`] px over the bounds, so a
//! test looks only at the rectangles in the cells it touches: a frame with 100k farm markers
//! blocked places its labels in linear time, not markers × labels. The answers are exactly
//! those of testing every taken rectangle.

/// An axis-aligned screen rectangle: x0, y0, x1, y1.
pub type Rect = [f32; 4];

/// Estimated width of `text` in a `size` px sans-serif font.
pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars().count() as f32 * size * 0.62
}

/// A rectangle the page's own controls cover over a canvas (x0, y0, x1, y1 in CSS px), as a
/// [`Rect`] to block; `None` (nothing covered) when a coordinate is not finite or it has no
/// area.
///
/// # Examples
/// ```
/// use farmmap::scene::labels::covered_rect;
/// assert_eq!(covered_rect(300.0, 8.0, 340.0, 130.0), Some([300.0, 8.0, 340.0, 130.0]));
/// assert_eq!(covered_rect(f64::NAN, 0.0, 1.0, 1.0), None);
/// assert_eq!(covered_rect(5.0, 0.0, 5.0, 10.0), None);
/// ```
pub fn covered_rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Option<Rect> {
    let r = [x0, y0, x1, y1];
    (r.iter().all(|v| v.is_finite()) && x1 > x0 && y1 > y0).then(|| r.map(|v| v as f32))
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Side of a grid cell, in CSS px.
pub const CELL: f32 = 32.0;

/// Rectangles already taken on screen.
#[derive(Default, Debug)]
pub struct Placer {
    taken: Vec<Rect>,
    /// Only rectangles inside this area count as placed; others are dropped.
    pub bounds: Option<Rect>,
    /// Columns and rows of the grid (0 without bounds: every test scans `taken`).
    cols: usize,
    rows: usize,
    /// Per cell, indices into `taken` of the rectangles touching it.
    cells: Vec<Vec<u32>>,
}

impl Placer {
    pub fn new(width: f32, height: f32) -> Placer {
        let (width, height) = (finite_or_zero(width), finite_or_zero(height));
        let cols = ((width / CELL).ceil() as usize).clamp(1, 4096);
        let rows = ((height / CELL).ceil() as usize).clamp(1, 4096);
        Placer {
            taken: Vec::new(),
            bounds: Some([0.0, 0.0, width, height]),
            cols,
            rows,
            cells: vec![Vec::new(); cols * rows],
        }
    }

    /// The grid cells `r` touches (clamped to the grid), or `None` when `r` lies wholly
    /// outside the bounds (it can then overlap nothing placed) or there is no grid.
    fn cell_range(&self, r: &Rect) -> Option<(usize, usize, usize, usize)> {
        let b = self.bounds?;
        if self.cells.is_empty() || !(r[2] > b[0] && r[0] < b[2] && r[3] > b[1] && r[1] < b[3]) {
            return None;
        }
        let col = |x: f32| (((x - b[0]) / CELL).floor().max(0.0) as usize).min(self.cols - 1);
        let row = |y: f32| (((y - b[1]) / CELL).floor().max(0.0) as usize).min(self.rows - 1);
        Some((col(r[0]), row(r[1]), col(r[2]), row(r[3])))
    }

    fn file(&mut self, r: Rect) {
        let k = self.taken.len() as u32;
        self.taken.push(r);
        if let Some((c0, r0, c1, r1)) = self.cell_range(&r) {
            for row in r0..=r1 {
                for col in c0..=c1 {
                    self.cells[row * self.cols + col].push(k);
                }
            }
        }
    }

    fn is_free(&self, r: &Rect) -> bool {
        if self.cells.is_empty() {
            return !self.taken.iter().any(|t| overlaps(t, r));
        }
        let Some((c0, r0, c1, r1)) = self.cell_range(r) else {
            return true;
        };
        for row in r0..=r1 {
            for col in c0..=c1 {
                let cell = &self.cells[row * self.cols + col];
                if cell.iter().any(|&k| overlaps(&self.taken[k as usize], r)) {
                    return false;
                }
            }
        }
        true
    }

    /// Reserve a rectangle without a label (a marker, a legend) so labels avoid it.
    pub fn block(&mut self, r: Rect) {
        self.file(r);
    }

    /// Place `r` if it is free (and inside the bounds); return whether it was placed.
    pub fn try_place(&mut self, r: Rect) -> bool {
        if let Some(b) = self.bounds {
            if r[0] < b[0] || r[1] < b[1] || r[2] > b[2] || r[3] > b[3] {
                return false;
            }
        }
        if !self.is_free(&r) {
            return false;
        }
        self.file(r);
        true
    }

    pub fn placed(&self) -> &[Rect] {
        &self.taken
    }
}

fn finite_or_zero(v: f32) -> f32 {
    if v.is_finite() {
        v.max(0.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_overlapping_labels_are_dropped() {
        let mut p = Placer::new(500.0, 500.0);
        assert!(p.try_place([10.0, 10.0, 60.0, 24.0]));
        assert!(!p.try_place([50.0, 20.0, 90.0, 34.0]));
        assert!(p.try_place([61.0, 10.0, 90.0, 24.0]));
        assert!(
            !p.try_place([480.0, 10.0, 520.0, 24.0]),
            "outside the canvas"
        );
    }

    #[test]
    fn no_two_placed_rects_overlap() {
        let mut p = Placer::new(300.0, 300.0);
        for i in 0..400 {
            let x = (i * 37 % 280) as f32;
            let y = (i * 53 % 290) as f32;
            p.try_place([x, y, x + 20.0 + (i % 7) as f32 * 5.0, y + 10.0]);
        }
        let r = p.placed();
        for i in 0..r.len() {
            for j in i + 1..r.len() {
                assert!(!overlaps(&r[i], &r[j]));
            }
        }
        assert!(r.len() > 20);
    }

    /// The grid answers exactly what scanning every taken rectangle answers, including
    /// rectangles reaching past the bounds and ones as big as the screen.
    #[test]
    fn the_grid_agrees_with_a_scan_of_every_rectangle() {
        let mut grid = Placer::new(300.0, 200.0);
        let mut scan = Placer {
            bounds: grid.bounds,
            ..Placer::default()
        };
        for i in 0..3000u32 {
            let x = (i * 37 % 340) as f32 - 20.0;
            let y = (i * 53 % 240) as f32 - 20.0;
            let w = 4.0 + (i % 11) as f32 * 6.0 + if i % 500 == 0 { 250.0 } else { 0.0 };
            let r = [x, y, x + w, y + 9.0];
            if i % 3 == 0 {
                grid.block(r);
                scan.block(r);
            } else {
                assert_eq!(grid.try_place(r), scan.try_place(r), "{i}: {r:?}");
            }
        }
        assert_eq!(grid.placed(), scan.placed());
    }
}
