//! The map under the reader's hands: camera gestures, what is on screen, keyboard focus and
//! clusters. Sizes and positions are CSS px; the camera's centre is in world units.

use super::results::{CameraInfo, LngLatBounds, MapItem};
use super::Session;
use crate::geometry;
use crate::scene::map::{Marker, MarkerItem};

/// Room around a box the page asks to fly to, in CSS px.
const FLY_PADDING: f64 = 40.0;
/// The canvas size before the page first sizes it (the HTML default).
const UNSIZED: (f64, f64) = (300.0, 150.0);

fn item(m: &Marker) -> MapItem {
    let (x, y) = (f64::from(m.x), f64::from(m.y));
    match m.item {
        MarkerItem::Cluster(cluster) => MapItem::Cluster {
            cluster,
            count: m.count,
            lit: m.lit,
            x,
            y,
        },
        MarkerItem::Farm(farm) => MapItem::Farm { farm, x, y },
    }
}

impl Session {
    /// Follow the map canvas' CSS size. The first real size frames the farms.
    pub fn resize_map(&mut self, css_width: f64, css_height: f64) {
        let c = &self.map.camera;
        let first = (c.width, c.height) == UNSIZED;
        self.map.resize(css_width.max(1.0), css_height.max(1.0));
        if first {
            self.map.camera = self.map.home_camera();
        }
    }

    /// Follow the network canvas' CSS size.
    pub fn resize_network(&mut self, css_width: f64, css_height: f64) {
        self.net.resize(css_width.max(1.0), css_height.max(1.0));
    }

    /// The rectangle (CSS px) the map's buttons cover: no name goes under it.
    pub fn set_map_covered(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        self.map.set_covered(x0, y0, x1, y1);
    }

    /// The rectangle (CSS px) the network pane's buttons cover: no label goes under it.
    pub fn set_network_covered(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        self.net.set_covered(x0, y0, x1, y1);
    }

    /// Pan by (dx, dy) CSS px at once (a gesture stops any flight).
    pub fn pan_by(&mut self, dx: f64, dy: f64) {
        self.map.stop_flight();
        self.map.camera.pan_by(dx, dy);
    }

    /// Zoom by `delta` levels around the screen point (x, y), at once.
    pub fn zoom_at(&mut self, x: f64, y: f64, delta: f64) {
        self.map.stop_flight();
        self.map.camera.zoom_at(x, y, delta);
    }

    /// Zoom by `delta` around (x, y), animated over `duration_ms`.
    pub fn zoom_animated(&mut self, x: f64, y: f64, delta: f64, now_ms: f64, duration_ms: f64) {
        let mut to = self.map.camera;
        to.zoom_at(x, y, delta);
        self.map.fly_to(to, now_ms, duration_ms);
    }

    /// Fly to show a lng/lat box.
    pub fn fly_to_bounds(&mut self, b: LngLatBounds, now_ms: f64, duration_ms: f64) {
        let world = geometry::LngLatBounds::from(b).to_world();
        let to = self.map.fitted(world, FLY_PADDING);
        self.map.fly_to(to, now_ms, duration_ms);
    }

    /// The camera now.
    pub fn camera(&self) -> CameraInfo {
        let c = &self.map.camera;
        CameraInfo {
            center_x: c.center_x,
            center_y: c.center_y,
            zoom: c.zoom,
            width: c.width,
            height: c.height,
        }
    }

    /// The lng/lat box on screen, rounded to 0.001° (for the editor's "use this view").
    pub fn view_bounds(&self) -> LngLatBounds {
        let v = self.map.camera.visible_world().to_lnglat();
        let r = |x: f64| (x * 1000.0).round() / 1000.0;
        LngLatBounds {
            west: r(v.west.max(-180.0)),
            south: r(v.south),
            east: r(v.east.min(180.0)),
            north: r(v.north),
        }
    }

    /// The farm or cluster under (x, y) within `slop` px, as last drawn.
    pub fn pick_item(&self, x: f64, y: f64, slop: f64) -> Option<MapItem> {
        let hit = self.map.pick_hit(x, y, slop)?;
        self.map.markers().iter().find(|m| m.hit() == hit).map(item)
    }

    /// Farms and clusters on screen, as last drawn.
    pub fn visible_items(&self) -> Vec<MapItem> {
        let c = &self.map.camera;
        self.map
            .markers()
            .iter()
            .filter(|m| {
                m.x >= 0.0 && m.y >= 0.0 && f64::from(m.x) <= c.width && f64::from(m.y) <= c.height
            })
            .map(item)
            .collect()
    }

    /// Move keyboard focus `step` markers on; false when it leaves the map.
    pub fn move_focus(&mut self, step: i32) -> bool {
        self.map.move_focus(step)
    }

    /// The marker with keyboard focus.
    pub fn focused(&self) -> Option<MapItem> {
        self.map.focused().as_ref().map(item)
    }

    pub fn clear_focus(&mut self) {
        self.map.focus = None;
    }

    /// Open a cluster: zoom to where it splits, or fan out farms that never split (then
    /// true).
    pub fn expand_cluster(&mut self, cluster: u32, now_ms: f64, duration_ms: f64) -> bool {
        self.map.expand_cluster(cluster, now_ms, duration_ms)
    }

    /// Close a fanned-out cluster; whether one was open.
    pub fn close_spider(&mut self) -> bool {
        self.map.close_spider()
    }

    /// "12 farms · 140 MW · 9 shut down · 5 tied to …" for a cluster on screen ("" when it
    /// is not on screen).
    pub fn cluster_summary(&self, cluster: u32) -> String {
        self.map.cluster_summary(cluster).unwrap_or_default()
    }

    /// The ids of the farms inside cluster `cluster` (a `MapItem`'s), in the file's order:
    /// what the editor picks when a cluster is clicked. Empty for an unknown cluster.
    pub fn cluster_farm_ids(&self, cluster: u32) -> Vec<String> {
        let farms = self.farms();
        self.map
            .cluster_farms(cluster)
            .into_iter()
            .filter_map(|i| farms.get(i as usize).map(|f| f.id.clone()))
            .collect()
    }

    /// Every farm's screen position: x0, y0, x1, y1, … (stride 2).
    pub fn farm_screen_positions(&self) -> Vec<f64> {
        (0..self.farm_count())
            .flat_map(|i| {
                let (x, y) = self.map.farm_screen(i);
                [x, y]
            })
            .collect()
    }
}
