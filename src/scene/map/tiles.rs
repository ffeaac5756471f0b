//! The optional raster tile layer a story may turn on: which tiles cover the screen.
//!
//! The tile zoom is the camera's rounded to the nearest whole level (tiles scale between
//! levels), x wraps around the antimeridian, y is clamped to the world, and at most
//! [`MAX_TILES`] are requested per frame, so a huge canvas cannot flood the tile server.

use super::MapView;
use crate::basemap::TileLayer;
use crate::scene::draw::Tile;

/// The most tiles one frame asks for.
pub const MAX_TILES: usize = 64;

impl MapView {
    /// The tiles covering the screen at the tile zoom nearest the camera's.
    pub(super) fn visible_tiles(&self, layer: &TileLayer) -> Vec<Tile> {
        let cam = &self.camera;
        let z = cam.zoom.round().clamp(0.0, f64::from(layer.max_zoom)) as u32;
        let n = 1u32 << z;
        let tiles = f64::from(n);
        let v = cam.visible_world();
        let (x0, x1) = (
            (v.min_x * tiles).floor() as i64,
            (v.max_x * tiles).floor() as i64,
        );
        let (y0, y1) = (
            (v.min_y * tiles).floor().max(0.0) as i64,
            (v.max_y * tiles).floor().min(tiles - 1.0) as i64,
        );
        let size = (cam.scale() / tiles) as f32;
        let mut out = Vec::new();
        for ty in y0..=y1 {
            for tx in x0..=x1 {
                if out.len() >= MAX_TILES {
                    return out;
                }
                let wrapped_x = tx.rem_euclid(i64::from(n));
                let (sx, sy) = cam.screen_from_world(tx as f64 / tiles, ty as f64 / tiles);
                let url = layer.tile_url(z, wrapped_x as u32, ty as u32);
                out.push(Tile {
                    url,
                    x: sx as f32,
                    y: sy as f32,
                    size,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::view;
    use super::*;

    #[test]
    fn tiles_cover_the_screen_only_when_a_story_turns_them_on() {
        let mut v = view();
        assert!(v.draw_list().tiles.is_empty());
        v.tiles = Some(TileLayer {
            url: "/t/{z}/{x}/{y}.png".into(),
            attribution: "© T".into(),
            max_zoom: 18,
        });
        v.camera.zoom = 5.3;
        v.frame(0.0);
        let t = &v.draw_list().tiles;
        assert!(!t.is_empty() && t.len() <= MAX_TILES);
        assert!(t.iter().all(|t| t.url.starts_with("/t/5/")));
        let size = t[0].size;
        assert!((size - 256.0 * 2f32.powf(0.3)).abs() < 0.01);
        // together they cover the canvas
        let (minx, miny) = t
            .iter()
            .fold((f32::MAX, f32::MAX), |a, t| (a.0.min(t.x), a.1.min(t.y)));
        let (maxx, maxy) = t.iter().fold((f32::MIN, f32::MIN), |a, t| {
            (a.0.max(t.x + t.size), a.1.max(t.y + t.size))
        });
        assert!(minx <= 0.0 && miny <= 0.0 && maxx >= 800.0 && maxy >= 600.0);
    }
}
