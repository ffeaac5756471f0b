//! Greedy label placement: labels are offered in priority order and kept only where they
//! overlap nothing already placed, so the most important names always win.
//!
//! Text is measured by estimate (no font metrics outside the browser); the estimate errs
//! wide, so labels may be dropped early but never collide.

/// An axis-aligned screen rectangle: x0, y0, x1, y1.
pub type Rect = [f32; 4];

/// Estimated width of `text` in a `size` px sans-serif font.
pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars().count() as f32 * size * 0.62
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Rectangles already taken on screen.
#[derive(Default, Debug)]
pub struct Placer {
    taken: Vec<Rect>,
    /// Only rectangles inside this area count as placed; others are dropped.
    pub bounds: Option<Rect>,
}

impl Placer {
    pub fn new(width: f32, height: f32) -> Placer {
        Placer {
            taken: Vec::new(),
            bounds: Some([0.0, 0.0, width, height]),
        }
    }

    /// Reserve a rectangle without a label (a marker, a legend) so labels avoid it.
    pub fn block(&mut self, r: Rect) {
        self.taken.push(r);
    }

    /// Place `r` if it is free (and inside the bounds); return whether it was placed.
    pub fn try_place(&mut self, r: Rect) -> bool {
        if let Some(b) = self.bounds {
            if r[0] < b[0] || r[1] < b[1] || r[2] > b[2] || r[3] > b[3] {
                return false;
            }
        }
        if self.taken.iter().any(|t| overlaps(t, &r)) {
            return false;
        }
        self.taken.push(r);
        true
    }

    pub fn placed(&self) -> &[Rect] {
        &self.taken
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
}
