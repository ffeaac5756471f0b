//! The network pane's camera: pan and zoom over layout coordinates.
//!
//! screen = (layout − centre) · scale + half the canvas, in CSS px. Until the reader pans
//! or zooms, the camera follows the layout (refitted every frame, so a settling layout
//! stays in view); after that it stays where the reader put it, until reset. Zoom is
//! bounded relative to the fitted scale (⅛× to 16×), so the network can neither vanish
//! to a dot nor blow up past any use.

use crate::scene::camera::Insets;

/// Room around the fitted layout, in CSS px, so labels beside edge nodes still fit.
pub const FIT_PADDING: f64 = 36.0;

/// Where the pane looks in layout coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutCamera {
    /// The layout point at the centre of the canvas.
    pub center_x: f64,
    pub center_y: f64,
    /// CSS px per layout unit.
    pub scale: f64,
    /// Whether the camera refits to the layout each frame (until the reader moves it).
    pub follows_layout: bool,
}

impl Default for LayoutCamera {
    fn default() -> Self {
        LayoutCamera {
            center_x: 0.0,
            center_y: 0.0,
            scale: 1.0,
            follows_layout: true,
        }
    }
}

impl LayoutCamera {
    /// The camera that shows every position (x y interleaved) on a `width` × `height`
    /// canvas with [`FIT_PADDING`] around; the default camera when there are none.
    pub fn fitted(pos: &[f64], width: f64, height: f64) -> LayoutCamera {
        LayoutCamera::fitted_within(pos, width, height, Insets::even(FIT_PADDING))
    }

    /// The camera that shows every position in the canvas less `insets`, centred there
    /// (each axis keeps at least half the canvas; the shift at most a quarter, as
    /// [`crate::scene::camera::Camera::fitted_within`]).
    pub fn fitted_within(pos: &[f64], width: f64, height: f64, insets: Insets) -> LayoutCamera {
        let (mut x0, mut y0, mut x1, mut y1) = (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        );
        for p in pos.chunks_exact(2) {
            (x0, y0, x1, y1) = (x0.min(p[0]), y0.min(p[1]), x1.max(p[0]), y1.max(p[1]));
        }
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
            return LayoutCamera::default();
        }
        let avail_w = (width - insets.left - insets.right).max(width * 0.5);
        let avail_h = (height - insets.top - insets.bottom).max(height * 0.5);
        let (w, h) = (x1 - x0, y1 - y0);
        // One node, or all on one point: any scale shows it; keep 1.
        let scale = if w.max(h) < 1e-9 {
            1.0
        } else {
            (avail_w / w.max(1e-9)).min(avail_h / h.max(1e-9))
        };
        let shift_x = ((insets.left - insets.right) / 2.0).clamp(-width / 4.0, width / 4.0);
        let shift_y = ((insets.top - insets.bottom) / 2.0).clamp(-height / 4.0, height / 4.0);
        LayoutCamera {
            center_x: (x0 + x1) / 2.0 - shift_x / scale,
            center_y: (y0 + y1) / 2.0 - shift_y / scale,
            scale,
            follows_layout: true,
        }
    }

    pub fn screen_from_layout(&self, x: f64, y: f64, width: f64, height: f64) -> (f64, f64) {
        (
            (x - self.center_x) * self.scale + width / 2.0,
            (y - self.center_y) * self.scale + height / 2.0,
        )
    }

    pub fn layout_from_screen(&self, sx: f64, sy: f64, width: f64, height: f64) -> (f64, f64) {
        (
            (sx - width / 2.0) / self.scale + self.center_x,
            (sy - height / 2.0) / self.scale + self.center_y,
        )
    }

    /// Move the view by (dx, dy) CSS px; non-finite moves are ignored.
    pub fn pan_by(&mut self, dx: f64, dy: f64) {
        if dx.is_finite() && dy.is_finite() {
            self.follows_layout = false;
            self.center_x -= dx / self.scale;
            self.center_y -= dy / self.scale;
        }
    }

    /// Zoom by `delta` levels (×2 each) keeping the layout point under screen (sx, sy)
    /// fixed, within ⅛× to 16× of `fit_scale`; non-finite input is ignored.
    pub fn zoom_at(&mut self, sx: f64, sy: f64, delta: f64, size: (f64, f64), fit_scale: f64) {
        if !(sx.is_finite() && sy.is_finite() && delta.is_finite()) {
            return;
        }
        let (width, height) = size;
        let (lx, ly) = self.layout_from_screen(sx, sy, width, height);
        self.scale =
            (self.scale * delta.clamp(-4.0, 4.0).exp2()).clamp(fit_scale / 8.0, fit_scale * 16.0);
        self.center_x = lx - (sx - width / 2.0) / self.scale;
        self.center_y = ly - (sy - height / 2.0) / self.scale;
        self.follows_layout = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitted_shows_every_position_inside_the_padding() {
        let pos = [-3.0, 1.0, 5.0, 2.0, 0.0, -4.0];
        let c = LayoutCamera::fitted(&pos, 400.0, 300.0);
        for p in pos.chunks_exact(2) {
            let (x, y) = c.screen_from_layout(p[0], p[1], 400.0, 300.0);
            assert!(
                (FIT_PADDING - 1e-9..=400.0 - FIT_PADDING + 1e-9).contains(&x),
                "{x}"
            );
            assert!(
                (FIT_PADDING - 1e-9..=300.0 - FIT_PADDING + 1e-9).contains(&y),
                "{y}"
            );
        }
        assert_eq!(
            LayoutCamera::fitted(&[], 400.0, 300.0),
            LayoutCamera::default()
        );
        assert_eq!(LayoutCamera::fitted(&[2.0, 2.0], 400.0, 300.0).scale, 1.0);
    }

    #[test]
    fn zoom_keeps_the_point_under_the_pointer_and_stays_bounded() {
        let mut c = LayoutCamera::fitted(&[0.0, 0.0, 10.0, 10.0], 400.0, 300.0);
        let fit = c.scale;
        let before = c.layout_from_screen(100.0, 80.0, 400.0, 300.0);
        c.zoom_at(100.0, 80.0, 1.0, (400.0, 300.0), fit);
        let after = c.layout_from_screen(100.0, 80.0, 400.0, 300.0);
        assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
        assert!(!c.follows_layout);
        c.zoom_at(100.0, 80.0, 1e9, (400.0, 300.0), fit);
        assert_eq!(c.scale, fit * 16.0);
        let kept = c;
        c.zoom_at(f64::NAN, 0.0, 1.0, (400.0, 300.0), fit);
        c.pan_by(f64::INFINITY, 0.0);
        assert_eq!(c, kept);
    }
}
