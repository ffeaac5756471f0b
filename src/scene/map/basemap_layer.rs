//! The basemap under the data: sea, neighbours' land, Kazakhstan, oblast outlines, water,
//! rivers and borders, or, when a story turns on a tile layer, the tiles with the outlines
//! kept for orientation.
//!
//! For speed each layer draws its pre-simplified level for the zoom, skips paths whose
//! bounding box is off screen, and drops vertices within a third of a CSS pixel of the last
//! one kept: zoomed out, a frame carries a fraction of the full detail.

use super::MapView;
use crate::basemap::Layer;
use crate::scene::draw::{DrawList, Style};

/// Screen distance (|dx| + |dy|, CSS px) under which a vertex adds nothing visible.
const MIN_VERTEX_STEP: f32 = 0.33;

impl MapView {
    pub(super) fn draw_basemap(&self, d: &mut DrawList) {
        let b = &self.basemap;
        let p = self.theme.palette();
        // The sea: one rectangle over the whole canvas.
        let (w, h) = (self.camera.width as f32, self.camera.height as f32);
        let first = d.path_count();
        d.path_xy
            .extend_from_slice(&[0.0, 0.0, w, 0.0, w, h, 0.0, h]);
        d.end_path();
        d.push_paths(Style::fill(p.sea), first, true);
        if let Some(layer) = &self.tiles {
            // Raster tiles replace the fills; outlines stay for orientation.
            d.push_tiles(self.visible_tiles(layer));
            self.add_layer(d, &b.admin1, Style::stroke(p.admin1, 0.8), true);
            self.add_layer(d, &b.kazakhstan, Style::stroke(p.border, 1.3), true);
            return;
        }
        self.add_layer(d, &b.land, Style::fill(p.land), true);
        self.add_layer(d, &b.kazakhstan, Style::fill(p.kazakhstan), true);
        self.add_layer(d, &b.admin1, Style::stroke(p.admin1, 0.8), true);
        self.add_layer(d, &b.water, Style::fill(p.water), true);
        if self.camera.zoom >= 4.0 {
            self.add_layer(d, &b.rivers, Style::stroke(p.river, 1.0), false);
        }
        self.add_layer(
            d,
            &b.borders,
            Style::stroke(p.border, 0.8).dashed(4.0, 2.0),
            false,
        );
        self.add_layer(d, &b.kazakhstan, Style::stroke(p.border, 1.3), true);
    }

    /// One layer as one batch: the paths on screen, in screen px.
    fn add_layer(&self, d: &mut DrawList, layer: &Layer, style: Style, closed: bool) {
        let cam = &self.camera;
        let visible = cam.visible_world();
        let paths = layer.at_zoom(cam.zoom);
        let first = d.path_count();
        let (s, hw, hh) = (cam.scale(), cam.width / 2.0, cam.height / 2.0);
        for i in 0..paths.len() {
            if !visible.intersects(&paths.bbox[i]) {
                continue;
            }
            let start = d.path_xy.len();
            let (mut last_x, mut last_y) = (f32::NAN, f32::NAN);
            for p in paths.path(i).chunks_exact(2) {
                let sx = ((p[0] - cam.center_x) * s + hw) as f32;
                let sy = ((p[1] - cam.center_y) * s + hh) as f32;
                if (sx - last_x).abs() + (sy - last_y).abs() < MIN_VERTEX_STEP {
                    continue;
                }
                d.path_xy.push(sx);
                d.path_xy.push(sy);
                (last_x, last_y) = (sx, sy);
            }
            let n = (d.path_xy.len() - start) / 2;
            if n < if closed { 3 } else { 2 } {
                d.path_xy.truncate(start);
                continue;
            }
            d.end_path();
        }
        d.push_paths(style, first, closed);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::view;

    #[test]
    fn simplification_keeps_frames_small_when_zoomed_out() {
        let mut v = view();
        // As far out as the basemap allows: the whole map on screen.
        v.camera.zoom = 0.0;
        v.frame(0.0);
        let drawn = v.draw_list().path_xy.len() / 2;
        let b = v.basemap();
        let full: usize = b.layers().iter().map(|l| l.full().point_count()).sum();
        assert!(
            drawn * 5 < full * 4,
            "{drawn} vertices drawn of {full} at full detail"
        );
    }
}
