//! The map view: camera, basemap and farms in; a [`DrawList`] and hit-tests out.
//!
//! One call to [`MapView::frame`] per animation frame builds everything on screen; nothing
//! here knows about canvases or the DOM.

use super::camera::{union_of, Camera, Flight, WorldBounds};
use super::clusters::{group_color, spider_offsets, MapClusters, CLUSTER_MAX_ZOOM, OTHER_GROUP};
use super::draw::{DrawList, Label, Style, Tile};
use super::labels::{text_width, Placer};
use super::style::GROUP_COLORS;
use super::style::{self, marker_radius, status_color};
use crate::basemap::{Basemap, Layer};
use crate::cluster::{Aggregates, STATUSES};
use crate::model::{Farm, Precision, Status};
use crate::projection::{self, world_from_lnglat};
use crate::story::{Step, StepCamera, TileLayer};

/// A farm marker as last drawn, for hit-testing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Marker {
    /// The farm's index, or the cluster's id when `cluster`.
    pub farm: u32,
    pub x: f32,
    pub y: f32,
    pub r: f32,
    pub cluster: bool,
    /// Farms in the cluster (1 for a farm).
    pub count: u32,
    /// Of those, how many the current highlight lights.
    pub lit: u32,
    /// The cluster's row in this frame's aggregates.
    pub row: u32,
}

impl Marker {
    pub fn hit(&self) -> Hit {
        if self.cluster {
            Hit::Cluster {
                id: self.farm,
                count: self.count,
            }
        } else {
            Hit::Farm(self.farm as usize)
        }
    }

    fn farm(i: usize, x: f64, y: f64, r: f32) -> Marker {
        Marker {
            farm: i as u32,
            x: x as f32,
            y: y as f32,
            r,
            cluster: false,
            count: 1,
            lit: 1,
            row: 0,
        }
    }
}

/// What is under the pointer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hit {
    Farm(usize),
    Cluster { id: u32, count: u32 },
}

/// A cluster opened in place: its farms fanned out around it.
#[derive(Clone, Debug, PartialEq)]
pub struct Spider {
    pub cluster: u32,
    pub world_x: f64,
    pub world_y: f64,
    pub leaves: Vec<u32>,
    /// The zoom it was opened at; zooming closes it.
    pub zoom: f64,
}

pub struct MapView {
    pub camera: Camera,
    flight: Option<Flight>,
    basemap: Basemap,
    farms: Vec<Farm>,
    farm_world: Vec<[f64; 2]>,
    pub hovered: Option<usize>,
    pub selected: Option<usize>,
    /// When set, farms not flagged are dimmed (a network selection, a chart bar, a story step).
    highlight: Option<Vec<bool>>,
    markers: Vec<Marker>,
    draw: DrawList,
    clusters: Option<MapClusters>,
    spider: Option<Spider>,
    /// Keyboard focus: an index into `markers`.
    pub focus: Option<usize>,
    /// Whether farms are clustered (on by default).
    pub clustering: bool,
    /// This frame's cluster aggregates (rows as in `Marker::row`).
    agg: Aggregates,
    /// An optional raster layer under the data; `None` (the default) requests nothing.
    pub tiles: Option<TileLayer>,
}

impl MapView {
    pub fn new(basemap: Basemap) -> MapView {
        let mut view = MapView {
            camera: Camera::default(),
            flight: None,
            basemap,
            farms: Vec::new(),
            farm_world: Vec::new(),
            hovered: None,
            selected: None,
            highlight: None,
            markers: Vec::new(),
            draw: DrawList::default(),
            clusters: None,
            spider: None,
            focus: None,
            clustering: true,
            agg: Aggregates::default(),
            tiles: None,
        };
        view.camera = view.camera.fitted(view.basemap.home, 16.0);
        view
    }

    pub fn basemap(&self) -> &Basemap {
        &self.basemap
    }

    pub fn farms(&self) -> &[Farm] {
        &self.farms
    }

    pub fn set_farms(&mut self, farms: Vec<Farm>) {
        self.farm_world = farms
            .iter()
            .map(|f| world_from_lnglat(f.lng, f.lat).into())
            .collect();
        let lnglat: Vec<f64> = farms.iter().flat_map(|f| [f.lng, f.lat]).collect();
        // The index is built once here; frames only query it.
        self.clusters = if self.clustering {
            MapClusters::build(&farms, &lnglat)
        } else {
            None
        };
        self.spider = None;
        self.focus = None;
        self.farms = farms;
        self.hovered = None;
        self.selected = None;
        self.highlight = None;
    }

    /// World bounds of the farms, or of Kazakhstan when there are none.
    pub fn data_bounds(&self) -> WorldBounds {
        union_of(self.farm_world.iter().map(|p| [p[0], p[1], p[0], p[1]]))
            .unwrap_or(self.basemap.home)
    }

    /// The camera that shows all farms (and at least Kazakhstan's scale, so one farm does
    /// not fill the screen).
    pub fn home_camera(&self) -> Camera {
        let data = self.camera.fitted(self.data_bounds(), 40.0);
        let country = self.camera.fitted(self.basemap.home, 16.0);
        if data.zoom > country.zoom + 4.0 {
            Camera {
                zoom: country.zoom + 4.0,
                ..data
            }
        } else {
            data
        }
    }

    /// The camera a story step asks for; `None` keeps the reader's.
    pub fn step_camera(&self, camera: &StepCamera) -> Option<Camera> {
        match camera {
            StepCamera::Keep => None,
            StepCamera::Bounds([w, s, e, n]) => {
                let (x0, y0) = world_from_lnglat(*w, *n);
                let (x1, y1) = world_from_lnglat(*e, *s);
                Some(self.camera.fitted([x0, y0, x1, y1], 24.0))
            }
            StepCamera::Focus(ids) => {
                let pts: Vec<[f64; 2]> = (0..self.farms.len())
                    .filter(|&i| ids.contains(&self.farms[i].id))
                    .map(|i| self.farm_world[i])
                    .collect();
                let b = union_of(pts.iter().map(|p| [p[0], p[1], p[0], p[1]]))?;
                // Close enough to see the place, far enough to keep the country in mind.
                let country = self.camera.fitted(self.basemap.home, 16.0).zoom;
                let cam = self.camera.fitted(b, 60.0);
                Some(Camera {
                    zoom: cam.zoom.min(country + 2.0),
                    ..cam
                })
            }
        }
    }

    /// Which farms a step shows at full strength: those it names, and those its filter
    /// matches; `None` (nothing dimmed) when it names none and has no filter.
    pub fn step_highlight(&self, step: &Step) -> Option<Vec<bool>> {
        let named: Vec<bool> = self
            .farms
            .iter()
            .map(|f| step.highlight.contains(&f.id))
            .collect();
        let any_named = named.iter().any(|&b| b);
        if !any_named && step.filter.is_empty() {
            return None;
        }
        Some(
            self.farms
                .iter()
                .zip(named)
                .map(|(f, n)| n || (!step.filter.is_empty() && step.filter.matches(f)))
                .collect(),
        )
    }

    pub fn resize(&mut self, width: f64, height: f64) {
        self.camera.resize(width, height);
    }

    pub fn fly_to(&mut self, to: Camera, now_ms: f64, duration_ms: f64) {
        self.flight = Some(Flight {
            from: self.camera,
            to,
            start_ms: now_ms,
            duration_ms,
        });
    }

    /// Stop any flight where it is (a gesture takes over).
    pub fn stop_flight(&mut self) {
        self.flight = None;
    }

    pub fn set_highlight(&mut self, farms: Option<Vec<bool>>) {
        self.highlight = farms.filter(|h| h.len() == self.farms.len());
    }

    pub fn is_highlighted(&self, farm: usize) -> bool {
        self.highlight.as_ref().is_none_or(|h| h[farm])
    }

    /// The screen position of farm `i` under the current camera.
    pub fn farm_screen(&self, i: usize) -> (f64, f64) {
        let [x, y] = self.farm_world[i];
        self.camera.screen_from_world(x, y)
    }

    /// The farm under (sx, sy), within `slop` extra pixels (bigger for touch).
    pub fn pick(&self, sx: f64, sy: f64, slop: f64) -> Option<usize> {
        match self.pick_hit(sx, sy, slop) {
            Some(Hit::Farm(i)) => Some(i),
            _ => None,
        }
    }

    /// The farm or cluster under (sx, sy); the nearest centre wins where markers overlap.
    pub fn pick_hit(&self, sx: f64, sy: f64, slop: f64) -> Option<Hit> {
        let (sx, sy) = (sx as f32, sy as f32);
        self.markers
            .iter()
            .filter_map(|m| {
                let d2 = (m.x - sx).powi(2) + (m.y - sy).powi(2);
                let reach = m.r + slop as f32;
                (d2 <= reach * reach).then_some((d2 - m.r * m.r, m))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, m)| m.hit())
    }

    /// Open a cluster: fly to the zoom where it splits, or, when it never splits (farms at
    /// the same place, or past the clustering zoom), fan its farms out in place.
    /// Returns whether it spiderfied.
    pub fn expand_cluster(&mut self, id: u32, now_ms: f64, duration_ms: f64) -> bool {
        let Some(mc) = &self.clusters else {
            return false;
        };
        let Some(m) = self
            .markers
            .iter()
            .find(|m| m.cluster && m.farm == id)
            .copied()
        else {
            return false;
        };
        let zoom = mc
            .index
            .expansion_zoom(id)
            .map(f64::from)
            .unwrap_or(f64::INFINITY);
        let (wx, wy) = self.camera.world_from_screen(m.x as f64, m.y as f64);
        if zoom <= f64::from(CLUSTER_MAX_ZOOM)
            && zoom <= super::camera::MAX_ZOOM
            && zoom > self.camera.zoom.floor()
        {
            let to = Camera {
                center_x: wx,
                center_y: wy,
                zoom: zoom.max(self.camera.zoom),
                ..self.camera
            };
            self.fly_to(to, now_ms, duration_ms);
            self.spider = None;
            false
        } else {
            let leaves = mc.index.leaves(id, usize::MAX, 0).unwrap_or_default();
            self.spider = Some(Spider {
                cluster: id,
                world_x: wx,
                world_y: wy,
                leaves,
                zoom: self.camera.zoom,
            });
            true
        }
    }

    /// Close a spiderfied cluster; returns whether one was open.
    pub fn close_spider(&mut self) -> bool {
        self.spider.take().is_some()
    }

    pub fn owner_groups(&self) -> Vec<(String, &'static str)> {
        let Some(mc) = &self.clusters else {
            return Vec::new();
        };
        let mut out: Vec<(String, &'static str)> = mc
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.clone(), group_color(i)))
            .collect();
        if mc.farm_group.iter().any(|&g| g as usize == OTHER_GROUP) {
            out.push(("other owners".into(), group_color(OTHER_GROUP)));
        }
        if mc.farm_group.iter().any(|&g| g as usize > OTHER_GROUP) {
            out.push((
                "owner not named".into(),
                GROUP_COLORS[GROUP_COLORS.len() - 1],
            ));
        }
        out
    }

    /// A one-line summary of a cluster: "12 farms · 140 MW · 9 shut down · 5 tied to X".
    pub fn cluster_summary(&self, id: u32) -> Option<String> {
        let mc = self.clusters.as_ref()?;
        let m = self.markers.iter().find(|m| m.cluster && m.farm == id)?;
        let (agg, r) = (&self.agg, m.row as usize);
        let mut parts = vec![format!("{} farms", m.count)];
        if agg.capacity_known[r] > 0 {
            parts.push(format!(
                "{} MW",
                (agg.capacity_sum[r] * 10.0).round() / 10.0
            ));
        }
        for (k, s) in Status::ALL.iter().enumerate() {
            let n = agg.status_counts[r * STATUSES + k];
            if n > 0 && *s != Status::Unknown {
                parts.push(format!("{n} {}", s.label()));
            }
        }
        let row = &agg.group_counts[r * agg.group_slots..(r + 1) * agg.group_slots];
        if let Some((g, &n)) = row[..mc.groups.len().min(row.len())]
            .iter()
            .enumerate()
            .max_by_key(|(_, &n)| n)
        {
            if n > 0 {
                parts.push(format!("{n} tied to {}", mc.groups[g]));
            }
        }
        if self.highlight.is_some() && m.lit != m.count {
            parts.push(format!("{} of them highlighted", m.lit));
        }
        Some(parts.join(" · "))
    }

    /// Move keyboard focus `step` markers on (reading order: top-to-bottom, left-to-right).
    /// Returns false when it would leave the map, so Tab can move on to the next control.
    pub fn move_focus(&mut self, step: i32) -> bool {
        let mut order: Vec<usize> = (0..self.markers.len())
            .filter(|&i| {
                let m = &self.markers[i];
                m.x >= 0.0
                    && m.y >= 0.0
                    && m.x <= self.camera.width as f32
                    && m.y <= self.camera.height as f32
            })
            .collect();
        order.sort_by(|&a, &b| {
            let (ma, mb) = (&self.markers[a], &self.markers[b]);
            ((ma.y / 40.0).floor(), ma.x)
                .partial_cmp(&((mb.y / 40.0).floor(), mb.x))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let pos = self.focus.and_then(|f| order.iter().position(|&i| i == f));
        let next = match pos {
            None if step > 0 => Some(0),
            None => order.len().checked_sub(1),
            Some(p) => usize::try_from(p as i64 + i64::from(step))
                .ok()
                .filter(|&n| n < order.len()),
        };
        self.focus = next.and_then(|n| order.get(n).copied());
        self.focus.is_some()
    }

    /// The focused marker.
    pub fn focused(&self) -> Option<Marker> {
        self.focus.and_then(|i| self.markers.get(i)).copied()
    }

    /// Markers as last drawn (farm, screen position, radius), in drawing order.
    pub fn markers(&self) -> &[Marker] {
        &self.markers
    }

    pub fn draw_list(&self) -> &DrawList {
        &self.draw
    }

    /// Build the frame at `now_ms`; returns whether another frame is needed (a flight).
    pub fn frame(&mut self, now_ms: f64) -> bool {
        let mut animating = false;
        if let Some(f) = self.flight {
            let (cam, done) = f.at(now_ms);
            self.camera = Camera {
                width: self.camera.width,
                height: self.camera.height,
                ..cam
            };
            animating = !done;
            if done {
                self.flight = None;
            }
        }
        if self.tiles.is_none() {
            self.camera = self.camera.constrained(self.basemap.frame);
        }
        if self
            .spider
            .as_ref()
            .is_some_and(|sp| (sp.zoom - self.camera.zoom).abs() > 1e-9)
        {
            self.spider = None;
        }
        let focused = self.focused();
        let mut d = std::mem::take(&mut self.draw);
        d.clear();
        self.draw_basemap(&mut d);
        let mut placer = Placer::new(self.camera.width as f32, self.camera.height as f32);
        // Markers are placed first so labels avoid them, but painted last, on top.
        self.place_markers(&mut placer);
        // Keep keyboard focus on the same farm or cluster, wherever it now sits.
        self.focus = focused.and_then(|f| {
            self.markers
                .iter()
                .position(|m| m.cluster == f.cluster && m.farm == f.farm)
        });
        self.draw_labels(&mut d, &mut placer);
        self.draw_markers(&mut d);
        self.draw = d;
        animating
    }

    fn add_layer(&self, d: &mut DrawList, layer: &Layer, style: Style, closed: bool) {
        let cam = &self.camera;
        let v = cam.visible();
        let paths = layer.at_zoom(cam.zoom);
        let first = d.path_count();
        let (s, hw, hh) = (cam.scale(), cam.width / 2.0, cam.height / 2.0);
        for i in 0..paths.len() {
            let b = paths.bbox[i];
            if b[2] < v[0] || b[0] > v[2] || b[3] < v[1] || b[1] > v[3] {
                continue;
            }
            let pts = paths.path(i);
            let start = d.path_xy.len();
            let (mut lx, mut ly) = (f32::NAN, f32::NAN);
            for p in pts.chunks_exact(2) {
                let x = ((p[0] - cam.center_x) * s + hw) as f32;
                let y = ((p[1] - cam.center_y) * s + hh) as f32;
                // Skip vertices within a third of a pixel of the last one kept.
                if (x - lx).abs() + (y - ly).abs() < 0.33 {
                    continue;
                }
                d.path_xy.push(x);
                d.path_xy.push(y);
                (lx, ly) = (x, y);
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

    /// The tiles covering the screen at the tile zoom nearest the camera's (at most 64).
    fn visible_tiles(&self, layer: &TileLayer) -> Vec<Tile> {
        let cam = &self.camera;
        let z = cam.zoom.round().clamp(0.0, f64::from(layer.max_zoom)) as u32;
        let n = 1u32 << z;
        let v = cam.visible();
        let (x0, x1) = (
            (v[0] * f64::from(n)).floor() as i64,
            (v[2] * f64::from(n)).floor() as i64,
        );
        let (y0, y1) = (
            (v[1] * f64::from(n)).floor().max(0.0) as i64,
            (v[3] * f64::from(n)).floor().min(f64::from(n) - 1.0) as i64,
        );
        let size = (cam.scale() / f64::from(n)) as f32;
        let mut out = Vec::new();
        for ty in y0..=y1 {
            for tx in x0..=x1 {
                if out.len() >= 64 {
                    return out;
                }
                let wx = tx.rem_euclid(i64::from(n));
                let (sx, sy) =
                    cam.screen_from_world(tx as f64 / f64::from(n), ty as f64 / f64::from(n));
                let url = layer
                    .url
                    .replace("{z}", &z.to_string())
                    .replace("{x}", &wx.to_string())
                    .replace("{y}", &ty.to_string());
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

    fn draw_basemap(&self, d: &mut DrawList) {
        let b = &self.basemap;
        let z = self.camera.zoom;
        // The sea: one rectangle over the whole canvas.
        let (w, h) = (self.camera.width as f32, self.camera.height as f32);
        let first = d.path_count();
        d.path_xy
            .extend_from_slice(&[0.0, 0.0, w, 0.0, w, h, 0.0, h]);
        d.end_path();
        d.push_paths(Style::fill(style::SEA), first, true);
        if let Some(layer) = &self.tiles {
            // Raster tiles replace the fills; outlines stay for orientation.
            d.push_tiles(self.visible_tiles(layer));
            self.add_layer(d, &b.admin1, Style::stroke(style::ADMIN1, 0.8), true);
            self.add_layer(d, &b.kazakhstan, Style::stroke(style::BORDER, 1.3), true);
            return;
        }
        self.add_layer(d, &b.land, Style::fill(style::LAND), true);
        self.add_layer(d, &b.kazakhstan, Style::fill(style::KAZAKHSTAN), true);
        self.add_layer(d, &b.admin1, Style::stroke(style::ADMIN1, 0.8), true);
        self.add_layer(d, &b.water, Style::fill(style::WATER), true);
        if z >= 4.0 {
            self.add_layer(d, &b.rivers, Style::stroke(style::RIVER, 1.0), false);
        }
        self.add_layer(
            d,
            &b.borders,
            Style::stroke(style::BORDER, 0.8).dashed(4.0, 2.0),
            false,
        );
        self.add_layer(d, &b.kazakhstan, Style::stroke(style::BORDER, 1.3), true);
    }

    /// Farms, or farms and clusters, on screen this frame, in drawing order.
    fn place_markers(&mut self, placer: &mut Placer) {
        self.markers.clear();
        let cam = self.camera;
        let v = cam.visible();
        let margin = 40.0 / cam.scale();
        let (w, n) = (
            projection::lng(v[0] - margin),
            projection::lat(v[1] - margin),
        );
        let (e, s) = (
            projection::lng(v[2] + margin),
            projection::lat(v[3] + margin),
        );
        let mut farms: Vec<usize> = Vec::new();
        let mut clusters: Vec<Marker> = Vec::new();
        if let Some(mc) = &self.clusters {
            let c = mc.query([w.max(-180.0), s, e.min(180.0), n], cam.zoom);
            self.agg = mc.index.aggregates(&c);
            let count_lit = self.highlight.is_some() && self.farms.len() <= 200_000;
            for k in 0..c.len() {
                if c.count[k] <= 1 {
                    farms.push(c.id[k] as usize);
                    continue;
                }
                let id = c.id[k];
                if self.spider.as_ref().is_some_and(|sp| sp.cluster == id) {
                    continue; // drawn as its spiderfied farms below
                }
                let (x, y) = cam.screen_from_world(c.world_x[k], c.world_y[k]);
                let lit = if count_lit {
                    let leaves = mc.index.leaves(id, usize::MAX, 0).unwrap_or_default();
                    leaves
                        .iter()
                        .filter(|&&i| self.is_highlighted(i as usize))
                        .count() as u32
                } else {
                    c.count[k]
                };
                let r = (11.0 + 4.0 * (c.count[k] as f32).log2()).min(30.0);
                clusters.push(Marker {
                    farm: id,
                    x: x as f32,
                    y: y as f32,
                    r,
                    cluster: true,
                    count: c.count[k],
                    lit,
                    row: k as u32,
                });
            }
        } else {
            farms = (0..self.farms.len())
                .filter(|&i| {
                    let [x, y] = self.farm_world[i];
                    x >= v[0] - margin
                        && x <= v[2] + margin
                        && y >= v[1] - margin
                        && y <= v[3] + margin
                })
                .collect();
        }
        // Draw order: dimmed under highlighted, then big under small so small stay clickable.
        let radius = |i: usize| marker_radius(self.farms[i].capacity_mw);
        farms.sort_by(|&a, &b| {
            (self.is_highlighted(a), -radius(a))
                .partial_cmp(&(self.is_highlighted(b), -radius(b)))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        clusters.sort_by_key(|m| (m.lit > 0, m.count));
        self.markers.extend(clusters);
        for i in farms {
            let (x, y) = self.farm_screen(i);
            self.markers.push(Marker::farm(i, x, y, radius(i)));
        }
        if let Some(sp) = &self.spider {
            let (cx, cy) = cam.screen_from_world(sp.world_x, sp.world_y);
            for (&i, (dx, dy)) in sp.leaves.iter().zip(spider_offsets(sp.leaves.len())) {
                let m = Marker::farm(
                    i as usize,
                    cx + dx as f64,
                    cy + dy as f64,
                    radius(i as usize),
                );
                self.markers.push(m);
            }
        }
        for m in &self.markers {
            placer.block([m.x - m.r, m.y - m.r, m.x + m.r, m.y + m.r]);
        }
    }

    fn draw_markers(&self, d: &mut DrawList) {
        self.draw_cluster_markers(d);
        if let Some(sp) = &self.spider {
            let (cx, cy) = self.camera.screen_from_world(sp.world_x, sp.world_y);
            let first = d.path_count();
            for m in self
                .markers
                .iter()
                .filter(|m| !m.cluster && sp.leaves.contains(&m.farm))
            {
                d.path_xy
                    .extend_from_slice(&[cx as f32, cy as f32, m.x, m.y]);
                d.end_path();
            }
            d.push_paths(Style::stroke("#555555", 1.2), first, false);
            d.push_circles(Style::fill("#333333"), &[[cx as f32, cy as f32, 3.0]]);
        }
        // Batches by (dimmed, precision, status); the order above is kept within a batch.
        let farm_markers: Vec<&Marker> = self.markers.iter().filter(|m| !m.cluster).collect();
        for dimmed in [true, false] {
            let alpha = if dimmed { 0.22 } else { 1.0 };
            let pick = |p: Precision, s: Status| -> Vec<[f32; 3]> {
                farm_markers
                    .iter()
                    .filter(|m| {
                        let f = &self.farms[m.farm as usize];
                        f.precision == p
                            && f.status == s
                            && self.is_highlighted(m.farm as usize) != dimmed
                    })
                    .map(|m| [m.x, m.y, m.r])
                    .collect()
            };
            for s in Status::ALL {
                let c = status_color(s);
                // Region-level: a wide dashed halo says "somewhere around here".
                let region = pick(Precision::Region, s);
                let halo: Vec<[f32; 3]> = region.iter().map(|m| [m[0], m[1], m[2] + 9.0]).collect();
                d.push_circles(Style::fill(c).alpha(0.10 * alpha), &halo);
                d.push_circles(
                    Style::stroke(c, 1.0).dashed(3.0, 3.0).alpha(0.7 * alpha),
                    &halo,
                );
                // Approximate (city or region): hollow ring.
                let mut hollow = pick(Precision::City, s);
                hollow.extend(region);
                d.push_circles(Style::fill("#ffffff").alpha(0.85 * alpha), &hollow);
                d.push_circles(Style::stroke(c, 2.5).alpha(alpha), &hollow);
                // Exact site: solid dot.
                d.push_circles(
                    Style::fill(c).with_stroke("#ffffff", 1.5).alpha(alpha),
                    &pick(Precision::Exact, s),
                );
            }
        }
        let rings = [(self.hovered, 2.0, 3.0), (self.selected, 3.0, 4.5)];
        for (sel, width, extra) in rings {
            if let Some(m) = sel.and_then(|i| {
                self.markers
                    .iter()
                    .find(|m| !m.cluster && m.farm as usize == i)
            }) {
                d.push_circles(
                    Style::stroke(style::SELECTION, width),
                    &[[m.x, m.y, m.r + extra]],
                );
            }
        }
        if let Some(m) = self.focus.and_then(|i| self.markers.get(i)) {
            d.push_circles(Style::stroke(style::FOCUS, 3.0), &[[m.x, m.y, m.r + 6.0]]);
        }
    }

    /// Clusters: a dark disc with the count, ringed by a donut of who owns its farms. With a
    /// highlight, the label says how many of its farms are lit ("3/12").
    fn draw_cluster_markers(&self, d: &mut DrawList) {
        if self.clusters.is_none() {
            return;
        }
        let clusters: Vec<&Marker> = self.markers.iter().filter(|m| m.cluster).collect();
        if clusters.is_empty() {
            return;
        }
        let agg = &self.agg;
        let slots = agg.group_slots;
        let mut wedges: Vec<Vec<[f32; 6]>> = vec![Vec::new(); GROUP_COLORS.len()];
        let (mut lit, mut dim) = (Vec::new(), Vec::new());
        let mut labels = Vec::new();
        for m in &clusters {
            let disc = [m.x, m.y, m.r - 5.0];
            if m.lit > 0 {
                lit.push(disc)
            } else {
                dim.push(disc)
            }
            let r = m.row as usize;
            let row = &agg.group_counts[r * slots..(r + 1) * slots];
            let total: u32 = row.iter().sum();
            let mut a = -std::f32::consts::FRAC_PI_2;
            for (slot, &n) in row.iter().enumerate() {
                if n == 0 || total == 0 {
                    continue;
                }
                let sweep = std::f32::consts::TAU * n as f32 / total as f32;
                // The last slot is "no owner named": its colour is the last one.
                let colour = if slot == slots - 1 {
                    GROUP_COLORS.len() - 1
                } else {
                    slot.min(OTHER_GROUP)
                };
                wedges[colour].push([m.x, m.y, m.r - 5.0, m.r, a, a + sweep]);
                a += sweep;
            }
            let text = if self.highlight.is_some() && m.lit != m.count {
                format!("{}/{}", m.lit, m.count)
            } else {
                m.count.to_string()
            };
            labels.push(Label {
                x: m.x,
                y: m.y + 4.0,
                text,
            });
        }
        d.push_circles(
            Style::fill("#ffffff").alpha(0.9),
            &clusters
                .iter()
                .map(|m| [m.x, m.y, m.r + 1.0])
                .collect::<Vec<_>>(),
        );
        for (colour, w) in GROUP_COLORS.iter().zip(&wedges) {
            d.push_wedges(Style::fill(colour), w);
        }
        d.push_circles(Style::fill("#2f3b52").alpha(0.35), &dim);
        d.push_circles(Style::fill("#2f3b52"), &lit);
        d.push_labels(style::CLUSTER_TEXT, labels);
    }

    fn draw_labels(&self, d: &mut DrawList, placer: &mut Placer) {
        let cam = &self.camera;
        let b = &self.basemap;
        let mut cities: Vec<&crate::basemap::Place> = b.cities.iter().collect();
        cities.sort_by(|a, b| b.rank.total_cmp(&a.rank));
        let mut dots = Vec::new();
        let mut labels = Vec::new();
        let mut capitals = Vec::new();
        for c in cities {
            let (x, y) = cam.screen_from_world(c.x, c.y);
            let (x, y) = (x as f32, y as f32);
            let capital = c.rank >= 1_000_000.0;
            let size = 12.0;
            let w = text_width(&c.name, size);
            // Try right of the dot, then left.
            let right = [x + 5.0, y - 8.0, x + 7.0 + w, y + 8.0];
            let left = [x - 7.0 - w, y - 8.0, x - 5.0, y + 8.0];
            let label = if placer.try_place(right) {
                Some(Label {
                    x: x + 6.0,
                    y: y + 4.0,
                    text: c.name.clone(),
                })
            } else if placer.try_place(left) {
                Some(Label {
                    x: x - 6.0 - w,
                    y: y + 4.0,
                    text: c.name.clone(),
                })
            } else {
                None
            };
            if let Some(l) = label {
                dots.push([x, y, if capital { 3.5 } else { 2.5 }]);
                if capital {
                    capitals.push(l);
                } else {
                    labels.push(l);
                }
            } else if cam.zoom >= 6.0
                && x >= 0.0
                && y >= 0.0
                && x <= cam.width as f32
                && y <= cam.height as f32
            {
                dots.push([x, y, 2.0]);
            }
        }
        d.push_circles(style::CITY_DOT, &dots);
        d.push_labels(style::CAPITAL_TEXT, capitals);
        d.push_labels(style::CITY_TEXT, labels);

        let mut regions = Vec::new();
        if cam.zoom >= 4.6 {
            for r in &b.admin1_labels {
                let (x, y) = cam.screen_from_world(r.x, r.y);
                let (x, y) = (x as f32, y as f32);
                let w = text_width(&r.name, 11.0);
                if placer.try_place([x - w / 2.0, y - 7.0, x + w / 2.0, y + 7.0]) {
                    regions.push(Label {
                        x,
                        y: y + 4.0,
                        text: r.name.clone(),
                    });
                }
            }
        }
        d.push_labels(style::REGION_TEXT, regions);
        let mut countries = Vec::new();
        for c in &b.countries {
            let (x, y) = cam.screen_from_world(c.x, c.y);
            let (x, y) = (x as f32, y as f32);
            let text = c.name.to_uppercase();
            let w = text_width(&text, 13.0);
            if placer.try_place([x - w / 2.0, y - 8.0, x + w / 2.0, y + 8.0]) {
                countries.push(Label {
                    x,
                    y: y + 4.0,
                    text,
                });
            }
        }
        d.push_labels(style::COUNTRY_TEXT, countries);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::draw::Op;

    fn view() -> MapView {
        let mut v = MapView::new(Basemap::embedded());
        v.resize(800.0, 600.0);
        let mut a = Farm::at("a", 76.95, 52.28); // Pavlodar
        a.precision = Precision::Exact;
        a.capacity_mw = Some(25.0);
        let b = Farm::at("b", 73.1, 49.8); // Karaganda
        v.set_farms(vec![a, b]);
        v.camera = v.home_camera();
        v.frame(0.0);
        v
    }

    #[test]
    fn a_marker_is_drawn_where_the_projection_puts_it() {
        let v = view();
        let (wx, wy) = world_from_lnglat(76.95, 52.28);
        let (sx, sy) = v.camera.screen_from_world(wx, wy);
        let m = v.markers().iter().find(|m| m.farm == 0).unwrap();
        assert!((m.x as f64 - sx).abs() < 1e-3 && (m.y as f64 - sy).abs() < 1e-3);
        assert!(sx > 0.0 && sx < 800.0 && sy > 0.0 && sy < 600.0);
        // and a circle op holds it
        let d = v.draw_list();
        assert!(d
            .circles
            .iter()
            .any(|c| (c[0] - m.x).abs() < 1e-3 && (c[1] - m.y).abs() < 1e-3));
    }

    #[test]
    fn pick_finds_the_farm_under_the_pointer_only() {
        let v = view();
        let (sx, sy) = v.farm_screen(1);
        assert_eq!(v.pick(sx + 2.0, sy - 2.0, 0.0), Some(1));
        assert_eq!(v.pick(sx + 40.0, sy, 0.0), None);
    }

    #[test]
    fn city_labels_never_overlap() {
        let mut v = view();
        for zoom in [3.0, 4.0, 5.0, 6.5, 8.0] {
            v.camera.zoom = zoom;
            v.frame(0.0);
            let d = v.draw_list();
            let mut rects = Vec::new();
            for op in &d.ops {
                if let Op::Labels { labels, style } = op {
                    let size = if style.font.contains("13px") {
                        13.0
                    } else {
                        12.0
                    };
                    for l in &d.labels[labels.start as usize..labels.end as usize] {
                        let w = text_width(&l.text, size);
                        let x0 = if style.align == "center" {
                            l.x - w / 2.0
                        } else {
                            l.x
                        };
                        rects.push([x0, l.y - 10.0, x0 + w, l.y + 2.0]);
                    }
                }
            }
            if zoom <= 5.0 {
                assert!(rects.len() >= 3, "zoom {zoom}: {} labels", rects.len());
            }
            for i in 0..rects.len() {
                for j in i + 1..rects.len() {
                    let (a, b) = (rects[i], rects[j]);
                    let overlap = a[0] < b[2] - 0.5
                        && b[0] < a[2] - 0.5
                        && a[1] < b[3] - 0.5
                        && b[1] < a[3] - 0.5;
                    assert!(
                        !overlap,
                        "zoom {zoom}: {:?} overlaps {:?}",
                        d.labels[i].text, d.labels[j].text
                    );
                }
            }
        }
    }

    #[test]
    fn dims_farms_outside_the_highlight() {
        let mut v = view();
        v.set_highlight(Some(vec![true, false]));
        v.frame(0.0);
        let d = v.draw_list();
        let dim_ops = d.ops.iter().filter(|op| matches!(op, Op::Circles { style, .. } if style.alpha < 0.5 && style.alpha > 0.2)).count();
        assert!(dim_ops > 0);
        // the highlighted farm is drawn last, on top
        assert_eq!(v.markers().last().unwrap().farm, 0);
    }

    #[test]
    fn story_steps_move_the_camera_and_dim_the_rest() {
        let v = view();
        let step = Step {
            id: "s".into(),
            title: "t".into(),
            text: String::new(),
            camera: StepCamera::Focus(vec!["b".into()]),
            highlight: vec!["b".into()],
            filter: Default::default(),
        };
        let cam = v.step_camera(&step.camera).unwrap();
        let (x, y) = world_from_lnglat(73.1, 49.8);
        assert!((cam.center_x - x).abs() < 1e-9 && (cam.center_y - y).abs() < 1e-9);
        assert_eq!(v.step_highlight(&step), Some(vec![false, true]));
        let bounds = StepCamera::Bounds([70.0, 45.0, 80.0, 55.0]);
        let cam = v.step_camera(&bounds).unwrap();
        let vis = cam.visible();
        assert!(
            vis[0] <= world_from_lnglat(70.0, 0.0).0 && vis[2] >= world_from_lnglat(80.0, 0.0).0
        );
        assert_eq!(v.step_camera(&StepCamera::Focus(vec!["nope".into()])), None);
        let plain = Step {
            highlight: vec![],
            camera: StepCamera::Keep,
            ..step
        };
        assert_eq!(v.step_highlight(&plain), None);
    }

    fn crowd() -> MapView {
        let mut v = MapView::new(Basemap::embedded());
        v.resize(800.0, 600.0);
        let mut farms = Vec::new();
        for i in 0..40 {
            let mut f = Farm::at(
                &format!("p{i}"),
                75.0 + (i % 8) as f64 * 0.02,
                51.5 + (i / 8) as f64 * 0.02,
            );
            f.owner = if i % 3 == 0 {
                "A".into()
            } else {
                String::new()
            };
            farms.push(f);
        }
        for i in 0..5 {
            farms.push(Farm::at(&format!("same{i}"), 70.0, 45.0)); // one place, five farms
        }
        farms.push(Farm::at("lone", 82.0, 49.0));
        v.set_farms(farms);
        v.camera = v.home_camera();
        v.frame(0.0);
        v
    }

    #[test]
    fn cluster_counts_add_up_to_the_farms_in_view_at_every_zoom() {
        let mut v = crowd();
        for z in [3.0, 4.5, 6.0, 8.0, 10.0, 12.0] {
            v.camera.zoom = z;
            v.camera.center_x = world_from_lnglat(75.07, 51.54).0;
            v.camera.center_y = world_from_lnglat(75.07, 51.54).1;
            v.frame(0.0);
            let vis = v.camera.visible();
            let in_view = v
                .farm_world
                .iter()
                .filter(|p| p[0] >= vis[0] && p[0] <= vis[2] && p[1] >= vis[1] && p[1] <= vis[3])
                .count();
            let on_screen: u32 = v
                .markers()
                .iter()
                .filter(|m| m.x >= 0.0 && m.y >= 0.0 && m.x <= 800.0 && m.y <= 600.0)
                .map(|m| m.count)
                .sum();
            assert_eq!(on_screen as usize, in_view, "zoom {z}");
        }
    }

    #[test]
    fn clicking_a_cluster_zooms_to_where_it_splits() {
        let mut v = crowd();
        let c = *v
            .markers()
            .iter()
            .filter(|m| m.cluster)
            .max_by_key(|m| m.count)
            .unwrap();
        assert!(v
            .cluster_summary(c.farm)
            .unwrap()
            .starts_with(&format!("{} farms", c.count)));
        let z0 = v.camera.zoom;
        assert!(!v.expand_cluster(c.farm, 0.0, 0.0));
        v.frame(1.0);
        assert!(v.camera.zoom > z0);
        let inside: u32 = v
            .markers()
            .iter()
            .filter(|m| m.x >= 0.0 && m.x <= 800.0 && m.y >= 0.0 && m.y <= 600.0)
            .map(|m| m.count)
            .sum();
        assert!(v.markers().len() > 1 && inside >= c.count);
    }

    #[test]
    fn farms_at_one_place_spiderfy_and_each_can_be_picked() {
        let mut v = crowd();
        let (x, y) = world_from_lnglat(70.0, 45.0);
        v.camera = Camera {
            center_x: x,
            center_y: y,
            zoom: 13.0,
            ..v.camera
        };
        v.frame(0.0);
        let c = *v
            .markers()
            .iter()
            .find(|m| m.cluster && m.count == 5)
            .expect("the five farms cluster even at zoom 13");
        assert!(
            v.expand_cluster(c.farm, 0.0, 0.0),
            "it cannot split, so it spiderfies"
        );
        v.frame(0.0);
        let fanned: Vec<Marker> = v
            .markers()
            .iter()
            .filter(|m| !m.cluster && v.farms[m.farm as usize].id.starts_with("same"))
            .copied()
            .collect();
        assert_eq!(fanned.len(), 5);
        for m in &fanned {
            assert_eq!(v.pick(m.x as f64, m.y as f64, 0.0), Some(m.farm as usize));
        }
        v.camera.zoom_at(400.0, 300.0, -1.0);
        v.frame(0.0);
        assert!(
            v.markers()
                .iter()
                .all(|m| m.cluster || !v.farms[m.farm as usize].id.starts_with("same")),
            "zooming closes it"
        );
    }

    #[test]
    fn keyboard_focus_walks_the_markers_and_then_lets_go() {
        let mut v = crowd();
        let n = v
            .markers()
            .iter()
            .filter(|m| m.x >= 0.0 && m.y >= 0.0 && m.x <= 800.0 && m.y <= 600.0)
            .count();
        for _ in 0..n {
            assert!(v.move_focus(1));
        }
        assert!(!v.move_focus(1), "past the last marker Tab leaves the map");
        assert!(v.move_focus(-1));
        assert!(v.focused().is_some());
    }

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
        assert!(!t.is_empty() && t.len() <= 64);
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

    #[test]
    fn simplification_keeps_frames_small_when_zoomed_out() {
        let mut v = view();
        // As far out as the basemap allows: the whole map on screen.
        v.camera.zoom = 0.0;
        v.frame(0.0);
        let drawn = v.draw_list().path_xy.len() / 2;
        let b = v.basemap();
        let full: usize = [
            &b.land,
            &b.borders,
            &b.kazakhstan,
            &b.admin1,
            &b.water,
            &b.rivers,
        ]
        .iter()
        .map(|l| l.levels.last().unwrap().point_count())
        .sum();
        assert!(
            drawn * 5 < full * 4,
            "{drawn} vertices drawn of {full} at full detail"
        );
    }

    #[test]
    fn the_camera_never_shows_beyond_the_basemap() {
        let mut v = view();
        v.camera.zoom = 0.0;
        v.camera.center_y = 0.05;
        v.frame(0.0);
        let (vis, f) = (v.camera.visible(), v.basemap().frame);
        assert!(
            vis[0] >= f[0] - 1e-9
                && vis[1] >= f[1] - 1e-9
                && vis[2] <= f[2] + 1e-9
                && vis[3] <= f[3] + 1e-9
        );
    }
}
