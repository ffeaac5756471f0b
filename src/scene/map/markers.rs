//! Farm markers: which farms are on screen, in which order they are drawn, how they are
//! batched, the selection rings, and hit-testing on the markers of the last frame.
//!
//! Drawing order is a choice for correctness: dimmed farms under highlighted ones, then big
//! under small, so a small farm next to a big one stays visible and clickable. Hit-testing
//! picks the nearest centre (relative to the radius) where markers overlap, so the marker
//! that looks under the pointer is the one picked.

use super::MapView;
use crate::model::{Precision, Status};
use crate::scene::draw::{DrawList, Style};
use crate::scene::labels::Placer;
use crate::scene::style::marker_radius;

/// What a marker stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerItem {
    /// A farm, by its index in [`MapView::farms`].
    Farm(u32),
    /// A cluster, by its id in the cluster index.
    Cluster(u32),
}

/// A farm or cluster marker as last drawn, for hit-testing and keyboard focus.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Marker {
    /// What the marker stands for.
    pub item: MarkerItem,
    /// Centre, screen CSS px.
    pub x: f32,
    pub y: f32,
    /// Radius, CSS px.
    pub r: f32,
    /// Farms in the cluster (1 for a farm).
    pub count: u32,
    /// Of those, how many the current highlight lights.
    pub lit: u32,
    /// The cluster's row in this frame's aggregates.
    pub row: u32,
}

impl Marker {
    /// The marker of farm `index` at screen (sx, sy).
    pub fn at_farm(index: usize, sx: f64, sy: f64, r: f32) -> Marker {
        Marker {
            item: MarkerItem::Farm(index as u32),
            x: sx as f32,
            y: sy as f32,
            r,
            count: 1,
            lit: 1,
            row: 0,
        }
    }

    /// The marker of cluster `id` (of `count` farms, `lit` of them highlighted) at screen
    /// (sx, sy); `row` is its row in the frame's aggregates.
    pub fn at_cluster(id: u32, sx: f64, sy: f64, r: f32, count: u32, lit: u32, row: u32) -> Marker {
        Marker {
            item: MarkerItem::Cluster(id),
            x: sx as f32,
            y: sy as f32,
            r,
            count,
            lit,
            row,
        }
    }

    /// The farm's index when this marks a farm.
    pub fn farm_index(&self) -> Option<usize> {
        match self.item {
            MarkerItem::Farm(i) => Some(i as usize),
            MarkerItem::Cluster(_) => None,
        }
    }

    /// The cluster's id when this marks a cluster.
    pub fn cluster_id(&self) -> Option<u32> {
        match self.item {
            MarkerItem::Cluster(id) => Some(id),
            MarkerItem::Farm(_) => None,
        }
    }

    pub fn is_cluster(&self) -> bool {
        matches!(self.item, MarkerItem::Cluster(_))
    }

    pub fn hit(&self) -> Hit {
        match self.item {
            MarkerItem::Farm(i) => Hit::Farm(i as usize),
            MarkerItem::Cluster(id) => Hit::Cluster {
                id,
                count: self.count,
            },
        }
    }
}

/// What is under the pointer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hit {
    /// A farm, by its index in [`MapView::farms`].
    Farm(usize),
    Cluster {
        id: u32,
        count: u32,
    },
}

impl MapView {
    /// Markers as last drawn (screen position, radius), in drawing order.
    pub fn markers(&self) -> &[Marker] {
        &self.markers
    }

    /// The farm or cluster under screen (sx, sy), within `slop` extra CSS px (bigger for
    /// touch); the nearest centre wins where markers overlap.
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

    /// Farms, or farms and clusters, on screen this frame, in drawing order; their discs
    /// are blocked in `placer` so labels avoid them.
    pub(super) fn place_markers(&mut self, placer: &mut Placer) {
        self.markers.clear();
        let (mut farms, clusters) = if self.clusters.is_some() {
            self.query_clusters()
        } else {
            (self.farms_in_view(), Vec::new())
        };
        self.sort_for_drawing(&mut farms);
        self.markers.extend(clusters);
        for i in farms {
            let (sx, sy) = self.farm_screen(i);
            let r = marker_radius(self.farms[i].capacity_mw);
            self.markers.push(Marker::at_farm(i, sx, sy, r));
        }
        self.place_spider_leaves();
        for m in &self.markers {
            placer.block([m.x - m.r, m.y - m.r, m.x + m.r, m.y + m.r]);
        }
    }

    /// Without clustering: every farm within 40 CSS px of the screen.
    fn farms_in_view(&self) -> Vec<usize> {
        let margin = 40.0 / self.camera.scale();
        let near = self.camera.visible_world().expanded(margin);
        (0..self.farms.len())
            .filter(|&i| near.contains(self.farm_world[i][0], self.farm_world[i][1]))
            .collect()
    }

    /// Dimmed under highlighted, then big under small so small stay clickable.
    fn sort_for_drawing(&self, farms: &mut [usize]) {
        let radius = |i: usize| marker_radius(self.farms[i].capacity_mw);
        crate::sort::sort_by(farms, |&a, &b| {
            (self.is_highlighted(a), -radius(a))
                .partial_cmp(&(self.is_highlighted(b), -radius(b)))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }

    /// Every marker layer, in painting order.
    pub(super) fn draw_markers(&self, d: &mut DrawList) {
        self.draw_cluster_markers(d);
        self.draw_spider_legs(d);
        self.draw_farm_markers(d);
        self.draw_rings(d);
    }

    /// Farm markers batched by (dimmed, status, precision); the drawing order is kept
    /// within a batch.
    fn draw_farm_markers(&self, d: &mut DrawList) {
        let farm_markers: Vec<(usize, [f32; 3])> = self
            .markers
            .iter()
            .filter_map(|m| m.farm_index().map(|i| (i, [m.x, m.y, m.r])))
            .collect();
        let pal = self.theme.palette();
        for dimmed in [true, false] {
            let alpha = if dimmed { 0.22 } else { 1.0 };
            let pick = |p: Precision, s: Status| -> Vec<[f32; 3]> {
                farm_markers
                    .iter()
                    .filter(|(i, _)| {
                        let f = &self.farms[*i];
                        f.precision == p && f.status == s && self.is_highlighted(*i) != dimmed
                    })
                    .map(|(_, c)| *c)
                    .collect()
            };
            for s in Status::ALL {
                let c = pal.status_color(s);
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
                d.push_circles(Style::fill(pal.marker_edge).alpha(0.85 * alpha), &hollow);
                d.push_circles(Style::stroke(c, 2.5).alpha(alpha), &hollow);
                // Exact site: solid dot.
                d.push_circles(
                    Style::fill(c)
                        .with_stroke(pal.marker_edge, 1.5)
                        .alpha(alpha),
                    &pick(Precision::Exact, s),
                );
            }
        }
    }

    /// Hover and selection rings around farm markers, and the keyboard focus ring.
    fn draw_rings(&self, d: &mut DrawList) {
        let rings = [(self.hovered, 2.0, 3.0), (self.selected, 3.0, 4.5)];
        for (farm, width, extra) in rings {
            let Some(farm) = farm else { continue };
            if let Some(m) = self.markers.iter().find(|m| m.farm_index() == Some(farm)) {
                d.push_circles(
                    Style::stroke(self.theme.palette().selection, width),
                    &[[m.x, m.y, m.r + extra]],
                );
            }
        }
        if let Some(m) = self.focus.and_then(|i| self.markers.get(i)) {
            d.push_circles(
                Style::stroke(self.theme.palette().focus, 3.0),
                &[[m.x, m.y, m.r + 6.0]],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::view;
    use super::Hit;
    use crate::projection::world_from_lnglat;
    use crate::scene::draw::Op;

    #[test]
    fn a_marker_is_drawn_where_the_projection_puts_it() {
        let v = view();
        let (wx, wy) = world_from_lnglat(76.95, 52.28);
        let (sx, sy) = v.camera.screen_from_world(wx, wy);
        let m = v
            .markers()
            .iter()
            .find(|m| m.farm_index() == Some(0))
            .unwrap();
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
        assert_eq!(v.pick_hit(sx + 2.0, sy - 2.0, 0.0), Some(Hit::Farm(1)));
        assert_eq!(v.pick_hit(sx + 40.0, sy, 0.0), None);
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
        assert_eq!(v.markers().last().unwrap().farm_index(), Some(0));
    }
}
