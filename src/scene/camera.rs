//! The map camera: where the screen looks in world coordinates, and how gestures move it.
//!
//! Screen coordinates are CSS pixels from the canvas' top-left; the painter applies the
//! device pixel ratio, so nothing here depends on the display's density.

use crate::geometry::WorldBounds;

/// Bounded zoom: below 2 the whole world is smaller than a phone; above 14 the basemap's
/// detail (1:10m, a few hundred metres) is long gone.
pub const MIN_ZOOM: f64 = 2.0;
pub const MAX_ZOOM: f64 = 14.0;

/// Space (CSS px) kept free at each side of the screen when fitting a view
/// ([`Camera::fitted_within`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Insets {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Insets {
    /// The same space on every side.
    pub fn even(padding: f64) -> Insets {
        Insets {
            left: padding,
            top: padding,
            right: padding,
            bottom: padding,
        }
    }

    /// `padding` on every side of a `width` px canvas, where the inner edge of a `covered`
    /// rectangle (x0, y0, x1, y1: the page's buttons over the canvas) counts as the
    /// screen's edge: one in the right half moves the right edge to its left side, one in
    /// the left half the left edge to its right side; one across the middle is ignored.
    ///
    /// # Examples
    /// ```
    /// use farmmap::scene::camera::Insets;
    /// let i = Insets::clear_of(Some([330.0, 10.0, 380.0, 140.0]), 390.0, 16.0);
    /// assert_eq!((i.left, i.right, i.top), (16.0, 76.0, 16.0));
    /// assert_eq!(Insets::clear_of(None, 390.0, 16.0), Insets::even(16.0));
    /// ```
    pub fn clear_of(covered: Option<[f32; 4]>, width: f64, padding: f64) -> Insets {
        let mut insets = Insets::even(padding);
        if let Some([x0, _, x1, _]) = covered.map(|r| r.map(f64::from)) {
            if x0 > width / 2.0 {
                insets.right = width - x0 + padding;
            } else if x1 < width / 2.0 {
                insets.left = x1 + padding;
            }
        }
        insets
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// The world point at the centre of the canvas.
    pub center_x: f64,
    pub center_y: f64,
    /// Web Mercator zoom: one world unit is `256 · 2^zoom` CSS pixels.
    pub zoom: f64,
    pub width: f64,
    pub height: f64,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            center_x: 0.5,
            center_y: 0.5,
            zoom: MIN_ZOOM,
            width: 300.0,
            height: 150.0,
        }
    }
}

impl Camera {
    /// CSS pixels per world unit.
    pub fn scale(&self) -> f64 {
        256.0 * 2f64.powf(self.zoom)
    }

    pub fn screen_from_world(&self, x: f64, y: f64) -> (f64, f64) {
        let s = self.scale();
        (
            (x - self.center_x) * s + self.width / 2.0,
            (y - self.center_y) * s + self.height / 2.0,
        )
    }

    pub fn world_from_screen(&self, sx: f64, sy: f64) -> (f64, f64) {
        let s = self.scale();
        (
            (sx - self.width / 2.0) / s + self.center_x,
            (sy - self.height / 2.0) / s + self.center_y,
        )
    }

    /// The world rectangle on screen.
    pub fn visible_world(&self) -> WorldBounds {
        let (x0, y0) = self.world_from_screen(0.0, 0.0);
        let (x1, y1) = self.world_from_screen(self.width, self.height);
        WorldBounds::new(x0, y0, x1, y1)
    }

    pub fn resize(&mut self, width: f64, height: f64) {
        if width.is_finite() && height.is_finite() && width > 0.0 && height > 0.0 {
            self.width = width;
            self.height = height;
        }
    }

    /// The camera that shows `bounds` (world units) with `padding` CSS pixels around it.
    pub fn fitted(&self, bounds: WorldBounds, padding: f64) -> Camera {
        self.fitted_within(bounds, Insets::even(padding))
    }

    /// The camera that shows `bounds` (world units) in the screen less `insets` (CSS px),
    /// centred there: e.g. a wider right inset keeps the data clear of buttons over the
    /// canvas' right edge. Each axis keeps at least half the screen whatever the insets.
    ///
    /// # Examples
    /// ```
    /// use farmmap::geometry::WorldBounds;
    /// use farmmap::scene::camera::{Camera, Insets};
    /// let screen = Camera { width: 400.0, height: 300.0, ..Camera::default() };
    /// let b = WorldBounds::new(0.6, 0.3, 0.7, 0.35);
    /// let c = screen.fitted_within(b, Insets { left: 10.0, top: 10.0, right: 100.0, bottom: 10.0 });
    /// let (x0, _) = c.screen_from_world(b.min_x, b.min_y);
    /// let (x1, _) = c.screen_from_world(b.max_x, b.max_y);
    /// assert!(x0 >= 10.0 - 1e-6 && x1 <= 300.0 + 1e-6, "{x0} {x1}");
    /// ```
    pub fn fitted_within(&self, bounds: WorldBounds, insets: Insets) -> Camera {
        let w = bounds.width().max(1e-9);
        let h = bounds.height().max(1e-9);
        let avail_w = (self.width - insets.left - insets.right).max(self.width * 0.5);
        let avail_h = (self.height - insets.top - insets.bottom).max(self.height * 0.5);
        let zoom = ((avail_w / w).min(avail_h / h) / 256.0)
            .log2()
            .clamp(MIN_ZOOM, MAX_ZOOM);
        // The bounds' centre goes to the middle of the inset area, (left − right) / 2 px
        // right of the screen's centre; at most a quarter of the screen, so bounds that
        // took the half an axis keeps stay wholly on screen.
        let s = 256.0 * 2f64.powf(zoom);
        let shift_x =
            ((insets.left - insets.right) / 2.0).clamp(-self.width / 4.0, self.width / 4.0);
        let shift_y =
            ((insets.top - insets.bottom) / 2.0).clamp(-self.height / 4.0, self.height / 4.0);
        Camera {
            center_x: (bounds.min_x + bounds.max_x) / 2.0 - shift_x / s,
            center_y: (bounds.min_y + bounds.max_y) / 2.0 - shift_y / s,
            zoom,
            ..*self
        }
    }

    /// This camera kept inside `b`: zoomed in at least far enough that `b` fills the
    /// screen, and centred so nothing outside `b` shows (where the basemap has no data, an
    /// empty area would read as sea).
    pub fn constrained(&self, b: WorldBounds) -> Camera {
        let (bw, bh) = (b.width().max(1e-12), b.height().max(1e-12));
        let fill = ((self.width / bw).max(self.height / bh) / 256.0).log2();
        let zoom = self.zoom.max(fill.min(MAX_ZOOM));
        let s = 256.0 * 2f64.powf(zoom);
        let (hw, hh) = (self.width / 2.0 / s, self.height / 2.0 / s);
        let clamp_axis = |c: f64, half: f64, lo: f64, hi: f64| {
            if 2.0 * half >= hi - lo {
                (lo + hi) / 2.0
            } else {
                c.clamp(lo + half, hi - half)
            }
        };
        Camera {
            center_x: clamp_axis(self.center_x, hw, b.min_x, b.max_x),
            center_y: clamp_axis(self.center_y, hh, b.min_y, b.max_y),
            zoom,
            ..*self
        }
    }

    pub fn pan_by(&mut self, dx: f64, dy: f64) {
        if !(dx.is_finite() && dy.is_finite()) {
            return;
        }
        let s = self.scale();
        self.center_x = (self.center_x - dx / s).clamp(0.0, 1.0);
        self.center_y = (self.center_y - dy / s).clamp(0.0, 1.0);
    }

    /// Zoom by `delta` levels keeping the world point under (sx, sy) fixed: the pointer
    /// stays on the same place, as every map reader expects.
    pub fn zoom_at(&mut self, sx: f64, sy: f64, delta: f64) {
        if !(sx.is_finite() && sy.is_finite() && delta.is_finite()) {
            return;
        }
        let (wx, wy) = self.world_from_screen(sx, sy);
        self.zoom = (self.zoom + delta).clamp(MIN_ZOOM, MAX_ZOOM);
        let s = self.scale();
        self.center_x = (wx - (sx - self.width / 2.0) / s).clamp(0.0, 1.0);
        self.center_y = (wy - (sy - self.height / 2.0) / s).clamp(0.0, 1.0);
    }

    /// The camera part of the way (`t` in 0..=1) from `self` to `to`. Zoom is interpolated
    /// linearly and the centre in screen-proportional terms, so a zoom-in does not first
    /// swing wide.
    pub fn lerp(&self, to: &Camera, t: f64) -> Camera {
        let t = t.clamp(0.0, 1.0);
        let zoom = self.zoom + (to.zoom - self.zoom) * t;
        let (s0, s1, s) = (self.scale(), to.scale(), 256.0 * 2f64.powf(zoom));
        // Weight the centres by scale so the motion looks uniform on screen.
        let u = if (s1 - s0).abs() < 1e-9 {
            t
        } else {
            (s - s0) / (s1 - s0) * (s1 / s)
        };
        let u = if u.is_finite() { u.clamp(0.0, 1.0) } else { t };
        Camera {
            center_x: self.center_x + (to.center_x - self.center_x) * u,
            center_y: self.center_y + (to.center_y - self.center_y) * u,
            zoom,
            ..*to
        }
    }
}

/// A camera move over time, advanced by the frame clock (no timers of its own).
#[derive(Clone, Copy, Debug)]
pub struct Flight {
    pub from: Camera,
    pub to: Camera,
    pub start_ms: f64,
    pub duration_ms: f64,
}

impl Flight {
    /// The camera at `now_ms`, and whether the flight is over.
    pub fn at(&self, now_ms: f64) -> (Camera, bool) {
        if self.duration_ms <= 0.0 {
            return (self.to, true);
        }
        let t = ((now_ms - self.start_ms) / self.duration_ms).clamp(0.0, 1.0);
        let eased = if t < 0.5 {
            4.0 * t * t * t
        } else {
            1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
        };
        (self.from.lerp(&self.to, eased), t >= 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cam() -> Camera {
        Camera {
            center_x: 0.7,
            center_y: 0.35,
            zoom: 5.0,
            width: 800.0,
            height: 600.0,
        }
    }

    #[test]
    fn screen_and_world_round_trip() {
        let c = cam();
        let (sx, sy) = c.screen_from_world(0.71, 0.34);
        let (x, y) = c.world_from_screen(sx, sy);
        assert!((x - 0.71).abs() < 1e-12 && (y - 0.34).abs() < 1e-12);
        assert_eq!(c.screen_from_world(0.7, 0.35), (400.0, 300.0));
    }

    #[test]
    fn zoom_keeps_the_point_under_the_pointer() {
        let mut c = cam();
        let before = c.world_from_screen(120.0, 80.0);
        c.zoom_at(120.0, 80.0, 1.5);
        let after = c.world_from_screen(120.0, 80.0);
        assert!((before.0 - after.0).abs() < 1e-12 && (before.1 - after.1).abs() < 1e-12);
        assert_eq!(c.zoom, 6.5);
    }

    #[test]
    fn zoom_is_bounded_and_ignores_nan() {
        let mut c = cam();
        c.zoom_at(10.0, 10.0, 100.0);
        assert_eq!(c.zoom, MAX_ZOOM);
        c.zoom_at(10.0, 10.0, -100.0);
        assert_eq!(c.zoom, MIN_ZOOM);
        let before = c;
        c.zoom_at(f64::NAN, 1.0, 1.0);
        c.pan_by(f64::INFINITY, 0.0);
        assert_eq!(c, before);
    }

    #[test]
    fn pan_moves_the_world_with_the_pointer() {
        let mut c = cam();
        let (sx, sy) = c.screen_from_world(0.71, 0.34);
        c.pan_by(30.0, -20.0);
        let (sx2, sy2) = c.screen_from_world(0.71, 0.34);
        assert!((sx2 - sx - 30.0).abs() < 1e-9 && (sy2 - sy + 20.0).abs() < 1e-9);
    }

    #[test]
    fn fitted_contains_the_bounds() {
        let c = cam().fitted(WorldBounds::new(0.6, 0.3, 0.75, 0.4), 20.0);
        let v = c.visible_world();
        assert!(
            v.min_x <= 0.6 && v.min_y <= 0.3 && v.max_x >= 0.75 && v.max_y >= 0.4,
            "{v:?}"
        );
        // and is tight on one axis
        assert!(v.width() < 0.15 * 1.2 || v.height() < 0.1 * 1.2);
    }

    #[test]
    fn constrained_keeps_the_screen_inside_the_bounds() {
        let b = WorldBounds::new(0.6, 0.3, 0.8, 0.4);
        let c = Camera {
            center_x: 0.61,
            center_y: 0.2,
            zoom: 2.0,
            ..cam()
        }
        .constrained(b);
        let v = c.visible_world();
        assert!(
            v.min_x >= b.min_x - 1e-12
                && v.min_y >= b.min_y - 1e-12
                && v.max_x <= b.max_x + 1e-12
                && v.max_y <= b.max_y + 1e-12,
            "{v:?}"
        );
        // a camera already inside is left alone
        let inside = Camera {
            center_x: 0.7,
            center_y: 0.35,
            zoom: 9.0,
            ..cam()
        };
        assert_eq!(inside.constrained(b), inside);
    }

    #[test]
    fn flight_ends_at_its_target() {
        let to = Camera {
            zoom: 8.0,
            center_x: 0.71,
            ..cam()
        };
        let f = Flight {
            from: cam(),
            to,
            start_ms: 100.0,
            duration_ms: 400.0,
        };
        assert_eq!(f.at(100.0).0, cam().lerp(&to, 0.0));
        let (mid, done) = f.at(300.0);
        assert!(!done && mid.zoom > 5.0 && mid.zoom < 8.0);
        let (end, done) = f.at(600.0);
        assert!(done);
        assert!((end.zoom - 8.0).abs() < 1e-12 && (end.center_x - 0.71).abs() < 1e-12);
    }
}
