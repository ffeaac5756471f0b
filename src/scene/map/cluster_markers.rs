//! Cluster markers: what the cluster index says is on screen, the donuts (a dark disc with
//! the count, ringed by who owns its farms), opening a cluster (fly to where it splits, or
//! spiderfy farms that never split), and a cluster's one-line summary.
//!
//! A spiderfied cluster keeps its leaves twice: in fan-out order (`leaves`) and as a bitset
//! over farm indices, so drawing the legs tests membership in O(1) per marker: 32k farms at
//! one site draw in linear time instead of a billion `Vec::contains` comparisons a frame.

use super::markers::{Marker, MarkerItem};
use super::MapView;
use crate::cluster::STATUSES;
use crate::i18n::{self, Arg};
use crate::model::Status;
use crate::scene::bitset::IndexSet;
use crate::scene::camera::{Camera, MAX_ZOOM};
use crate::scene::clusters::{spider_offsets, CLUSTER_MAX_ZOOM, OTHER_GROUP};
use crate::scene::draw::{DrawList, Label, Style, TextStyle};
use crate::scene::labels::text_width;
use crate::scene::style::marker_radius;

/// Highlight counts per cluster walk every leaf; above this many farms they are skipped
/// (a cluster then counts as wholly lit) to keep frames short.
const COUNT_LIT_MAX_FARMS: usize = 200_000;

/// A cluster opened in place: its farms fanned out around it.
#[derive(Clone, Debug, PartialEq)]
pub struct Spider {
    pub cluster: u32,
    pub world_x: f64,
    pub world_y: f64,
    /// Farm indices, in fan-out order.
    pub leaves: Vec<u32>,
    /// The zoom it was opened at; zooming closes it.
    pub zoom: f64,
    /// The same farms as a set over farm indices.
    is_leaf: IndexSet,
    /// Leaves not fanned out in the last frame (off screen, or past `MAX_SPIDER_LEGS`).
    pub left_out: usize,
}

/// A badge's count on its disc: on one line when it fits ("118K", "3/12"); else a word
/// ("тыс.", "мың") goes on a second, smaller line under the number ("19,2" / "мың"); else
/// the whole text in the smaller size.
fn badge_text(m: &Marker, text: String, labels: &mut Vec<Label>, small: &mut Vec<Label>) {
    let room = 2.0 * (m.r - 5.0) - 4.0;
    if text_width(&text, 12.0) <= room {
        labels.push(Label {
            x: m.x,
            y: m.y + 4.0,
            text,
        });
        return;
    }
    match text.rsplit_once([' ', '\u{a0}']) {
        Some((number, word)) if !number.contains('/') => {
            labels.push(Label {
                x: m.x,
                y: m.y,
                text: number.to_string(),
            });
            small.push(Label {
                x: m.x,
                y: m.y + 10.0,
                text: word.to_string(),
            });
        }
        _ => small.push(Label {
            x: m.x,
            y: m.y + 3.0,
            text,
        }),
    }
}

/// Fanned-out farms (and legs) drawn at most per frame; a screen holds a few thousand.
pub const MAX_SPIDER_LEGS: usize = 5_000;
/// Fanned-out farms this far off screen (CSS px) are still drawn, so none pops in at the edge.
const SPIDER_MARGIN: f64 = 40.0;

impl MapView {
    /// Query the cluster index for the screen (plus 40 CSS px): lone farms (indices) and
    /// cluster markers in drawing order (dimmed first, then small under big). Sets this
    /// frame's aggregates.
    pub(super) fn query_clusters(&mut self) -> (Vec<usize>, Vec<Marker>) {
        let Some(mc) = &self.clusters else {
            return (Vec::new(), Vec::new());
        };
        let cam = self.camera;
        let mut near = cam.visible_world().expanded(40.0 / cam.scale()).to_lnglat();
        (near.west, near.east) = (near.west.max(-180.0), near.east.min(180.0));
        let mut c = std::mem::take(&mut self.rows);
        mc.query_into(near, cam.zoom, &mut c);
        self.agg = mc.index.aggregates(&c);
        let count_lit = self.highlight.is_some() && self.farms.len() <= COUNT_LIT_MAX_FARMS;
        let (mut farms, mut clusters) = (Vec::new(), Vec::new());
        for k in 0..c.len() {
            let (id, count) = (c.id[k], c.count[k]);
            if count <= 1 {
                farms.push(id as usize);
                continue;
            }
            if self.spider.as_ref().is_some_and(|sp| sp.cluster == id) {
                continue; // drawn as its spiderfied farms
            }
            let (sx, sy) = cam.screen_from_world(c.world_x[k], c.world_y[k]);
            let lit = if count_lit {
                self.lit_leaves(id)
            } else {
                count
            };
            let r = (11.0 + 4.0 * (count as f32).log2()).min(30.0);
            clusters.push(Marker::at_cluster(id, sx, sy, r, count, lit, k as u32));
        }
        crate::sort::sort_by_key(&mut clusters, |m| (m.lit > 0, m.count));
        self.rows = c;
        (farms, clusters)
    }

    /// How many of cluster `id`'s farms the highlight lights.
    fn lit_leaves(&self, id: u32) -> u32 {
        let Some(mc) = &self.clusters else { return 0 };
        let leaves = mc.index.leaves(id, usize::MAX, 0).unwrap_or_default();
        leaves
            .iter()
            .filter(|&&i| self.is_highlighted(i as usize))
            .count() as u32
    }

    /// The open spider's farms, fanned out around its centre: only those whose place is on
    /// screen (within [`SPIDER_MARGIN`] px), at most [`MAX_SPIDER_LEGS`]; how many are left
    /// out is said on the map ("+99,000 more at this site"), so a frame costs the same
    /// whatever the number of farms at one site.
    pub(super) fn place_spider_leaves(&mut self) {
        let Some(sp) = &mut self.spider else { return };
        let (cx, cy) = self.camera.screen_from_world(sp.world_x, sp.world_y);
        let (w, h) = (self.camera.width, self.camera.height);
        let on_screen = |x: f64, y: f64| {
            x >= -SPIDER_MARGIN
                && y >= -SPIDER_MARGIN
                && x <= w + SPIDER_MARGIN
                && y <= h + SPIDER_MARGIN
        };
        let offsets = spider_offsets(sp.leaves.len());
        let mut fanned = 0;
        for (&i, (dx, dy)) in sp.leaves.iter().zip(offsets) {
            let (x, y) = (cx + dx as f64, cy + dy as f64);
            if fanned == MAX_SPIDER_LEGS || !on_screen(x, y) {
                continue;
            }
            let r = marker_radius(self.farms[i as usize].capacity_mw);
            self.markers.push(Marker::at_farm(i as usize, x, y, r));
            fanned += 1;
        }
        sp.left_out = sp.leaves.len() - fanned;
    }

    /// Zooming closes a spider (its fan is laid out for the zoom it was opened at).
    pub(super) fn close_spider_if_zoomed(&mut self) {
        if self
            .spider
            .as_ref()
            .is_some_and(|sp| (sp.zoom - self.camera.zoom).abs() > 1e-9)
        {
            self.spider = None;
        }
    }

    /// Open a cluster: fly to the zoom where it splits, or, when it never splits (farms at
    /// the same place, or past the clustering zoom), fan its farms out in place.
    /// Returns whether it spiderfied.
    pub fn expand_cluster(&mut self, id: u32, now_ms: f64, duration_ms: f64) -> bool {
        let Some(mc) = &self.clusters else {
            return false;
        };
        let Some(m) = self.cluster_marker(id).copied() else {
            return false;
        };
        let zoom = mc
            .index
            .expansion_zoom(id)
            .map(f64::from)
            .unwrap_or(f64::INFINITY);
        let (wx, wy) = self.camera.world_from_screen(m.x as f64, m.y as f64);
        if zoom <= f64::from(CLUSTER_MAX_ZOOM)
            && zoom <= MAX_ZOOM
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
            let is_leaf =
                IndexSet::from_indices(self.farms.len(), leaves.iter().map(|&i| i as usize));
            self.spider = Some(Spider {
                cluster: id,
                world_x: wx,
                world_y: wy,
                leaves,
                zoom: self.camera.zoom,
                is_leaf,
                left_out: 0,
            });
            true
        }
    }

    /// The farms (indices) inside cluster `id`, in index order; empty when there is no such
    /// cluster. Cluster ids name a cluster at its zoom, so this holds after the view moves.
    pub fn cluster_farms(&self, id: u32) -> Vec<u32> {
        let Some(mc) = &self.clusters else {
            return Vec::new();
        };
        let mut farms = mc.index.leaves(id, usize::MAX, 0).unwrap_or_default();
        crate::sort::sort_u32(&mut farms);
        farms
    }

    /// Close a spiderfied cluster; returns whether one was open.
    pub fn close_spider(&mut self) -> bool {
        self.spider.take().is_some()
    }

    /// The marker of cluster `id` in the last frame.
    fn cluster_marker(&self, id: u32) -> Option<&Marker> {
        self.markers
            .iter()
            .find(|m| m.item == MarkerItem::Cluster(id))
    }

    /// The owner groups the donuts colour, with their colours; "other owners" and "owner
    /// not named" when some farm falls in them.
    pub fn owner_groups(&self) -> Vec<(String, &'static str)> {
        let Some(mc) = &self.clusters else {
            return Vec::new();
        };
        let pal = self.theme.palette();
        let mut out: Vec<(String, &'static str)> = mc
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.clone(), pal.group_color(i)))
            .collect();
        if mc.farm_group.iter().any(|&g| g as usize == OTHER_GROUP) {
            let other = i18n::t(self.lang, "group.other", &[]);
            out.push((other, pal.group_color(OTHER_GROUP)));
        }
        if mc.farm_group.iter().any(|&g| g as usize > OTHER_GROUP) {
            let unnamed = i18n::t(self.lang, "group.unnamed", &[]);
            out.push((unnamed, pal.groups[pal.groups.len() - 1]));
        }
        out
    }

    /// A one-line summary of a cluster: "12 farms · 140 MW · 9 shut down · 5 tied to X".
    pub fn cluster_summary(&self, id: u32) -> Option<String> {
        let mc = self.clusters.as_ref()?;
        let m = self.cluster_marker(id)?;
        let (agg, r) = (&self.agg, m.row as usize);
        let lang = self.lang;
        let count = |key: &str, n: u64| i18n::t(lang, key, &[("n", Arg::Count(n))]);
        let mut parts = vec![count("sum.farms", u64::from(m.count))];
        if agg.capacity_known[r] > 0 {
            let mw = i18n::number(lang, agg.capacity_sum[r], 1);
            parts.push(i18n::t(lang, "mw", &[("n", Arg::Text(&mw))]));
        }
        for (k, s) in Status::ALL.iter().enumerate() {
            let n = u64::from(agg.status_counts[r * STATUSES + k]);
            match s {
                Status::Operating if n > 0 => parts.push(count("sum.operating", n)),
                Status::ShutDown if n > 0 => parts.push(count("sum.shutDown", n)),
                _ => {}
            }
        }
        let row = &agg.group_counts[r * agg.group_slots..(r + 1) * agg.group_slots];
        if let Some((g, &n)) = row[..mc.groups.len().min(row.len())]
            .iter()
            .enumerate()
            .max_by_key(|(_, &n)| n)
        {
            if n > 0 {
                parts.push(i18n::t(
                    lang,
                    "sum.tied",
                    &[
                        ("n", Arg::Count(u64::from(n))),
                        ("name", Arg::Text(&mc.groups[g])),
                    ],
                ));
            }
        }
        if self.highlight.is_some() && m.lit != m.count {
            parts.push(count("sum.lit", u64::from(m.lit)));
        }
        Some(parts.join(" · "))
    }

    /// Lines from the spider's centre to each fanned-out farm, and a dot at the centre.
    pub(super) fn draw_spider_legs(&self, d: &mut DrawList) {
        let Some(sp) = &self.spider else { return };
        let (cx, cy) = self.camera.screen_from_world(sp.world_x, sp.world_y);
        let (cx, cy) = (cx as f32, cy as f32);
        let first = d.path_count();
        for m in &self.markers {
            if m.farm_index().is_some_and(|i| sp.is_leaf.contains(i)) {
                d.path_xy.extend_from_slice(&[cx, cy, m.x, m.y]);
                d.end_path();
            }
        }
        let pal = self.theme.palette();
        d.push_paths(Style::stroke(pal.spider_leg, 1.2), first, false);
        d.push_circles(Style::fill(pal.spider_leg), &[[cx, cy, 3.0]]);
        if sp.left_out > 0 {
            let n = Arg::Count(sp.left_out as u64);
            let text = i18n::t(self.lang, "spider.more", &[("n", n)]);
            let style = crate::scene::draw::TextStyle {
                font: "bold 12px sans-serif",
                ..pal.capital_text()
            };
            d.push_labels(
                crate::scene::draw::TextStyle {
                    align: "center",
                    ..style
                },
                vec![Label {
                    x: cx,
                    y: cy - 10.0,
                    text,
                }],
            );
        }
    }

    /// Clusters: a dark disc with the count, ringed by a donut of who owns its farms. With a
    /// highlight, the label says how many of its farms are lit ("3/12").
    pub(super) fn draw_cluster_markers(&self, d: &mut DrawList) {
        if self.clusters.is_none() {
            return;
        }
        let clusters: Vec<&Marker> = self.markers.iter().filter(|m| m.is_cluster()).collect();
        if clusters.is_empty() {
            return;
        }
        let pal = self.theme.palette();
        let mut wedges: Vec<Vec<[f32; 6]>> = vec![Vec::new(); pal.groups.len()];
        let (mut lit, mut dim) = (Vec::new(), Vec::new());
        let (mut labels, mut small) = (Vec::new(), Vec::new());
        for m in &clusters {
            let disc = [m.x, m.y, m.r - 5.0];
            if m.lit > 0 {
                lit.push(disc)
            } else {
                dim.push(disc)
            }
            self.push_donut(m, &mut wedges);
            let count = |n: u32| i18n::count(self.lang, u64::from(n));
            let text = if self.highlight.is_some() && m.lit != m.count {
                format!("{}/{}", count(m.lit), count(m.count))
            } else {
                count(m.count)
            };
            badge_text(m, text, &mut labels, &mut small);
        }
        let halos: Vec<[f32; 3]> = clusters.iter().map(|m| [m.x, m.y, m.r + 1.0]).collect();
        d.push_circles(Style::fill(pal.cluster_halo).alpha(0.9), &halos);
        for (colour, w) in pal.groups.iter().zip(&wedges) {
            d.push_wedges(Style::fill(colour), w);
        }
        d.push_circles(Style::fill(pal.cluster_disc).alpha(0.35), &dim);
        d.push_circles(Style::fill(pal.cluster_disc), &lit);
        d.push_labels(pal.cluster_text(), labels);
        let small_text = TextStyle {
            font: "bold 9px sans-serif",
            ..pal.cluster_text()
        };
        d.push_labels(small_text, small);
    }

    /// The donut of a cluster: one wedge per owner group, sized by its farms, clockwise
    /// from the top; `wedges[colour]` collects them per colour.
    fn push_donut(&self, m: &Marker, wedges: &mut [Vec<[f32; 6]>]) {
        let slots = self.agg.group_slots;
        let r = m.row as usize;
        let row = &self.agg.group_counts[r * slots..(r + 1) * slots];
        let total: u32 = row.iter().sum();
        let mut a = -std::f32::consts::FRAC_PI_2;
        for (slot, &n) in row.iter().enumerate() {
            if n == 0 || total == 0 {
                continue;
            }
            let sweep = std::f32::consts::TAU * n as f32 / total as f32;
            // The last slot is "no owner named": its colour is the last one.
            let colour = if slot == slots - 1 {
                wedges.len() - 1
            } else {
                slot.min(OTHER_GROUP)
            };
            wedges[colour].push([m.x, m.y, m.r - 5.0, m.r, a, a + sweep]);
            a += sweep;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::crowd;
    use super::super::MapView;
    use super::*;
    use crate::basemap::Basemap;
    use crate::model::Farm;
    use crate::projection::world_from_lnglat;
    use crate::scene::draw::Op;

    #[test]
    fn badges_are_abbreviated_in_the_maps_language_and_fit_their_discs() {
        let mut v = MapView::new(Basemap::embedded());
        v.resize(1000.0, 700.0);
        v.set_farms(crate::model::synthetic::farms(200_000, 3));
        v.camera = v.home_camera();
        for (lang, word) in [
            (crate::i18n::Lang::En, None),
            (crate::i18n::Lang::Ru, Some("тыс.")),
            (crate::i18n::Lang::Kk, Some("мың")),
        ] {
            v.lang = lang;
            v.frame(0.0);
            let d = v.draw_list();
            let clusters: Vec<&Marker> = v.markers().iter().filter(|m| m.is_cluster()).collect();
            let mut words = 0;
            for op in &d.ops {
                let Op::Labels { labels, style } = op else {
                    continue;
                };
                let size = match style.font {
                    "bold 12px sans-serif" => 12.0,
                    "bold 9px sans-serif" => 9.0,
                    _ => continue,
                };
                for l in &d.labels[labels.start as usize..labels.end as usize] {
                    let Some(m) = clusters.iter().find(|m| m.x == l.x) else {
                        continue;
                    };
                    let room = 2.0 * (m.r - 5.0);
                    assert!(
                        text_width(&l.text, size) <= room,
                        "{lang:?} {:?} on r {}",
                        l.text,
                        m.r
                    );
                    assert!(!l.text.ends_with('K') || lang == crate::i18n::Lang::En);
                    words += usize::from(word.is_some_and(|w| l.text == w));
                }
            }
            assert_eq!(words > 0, word.is_some(), "{lang:?}");
        }
    }

    #[test]
    fn cluster_counts_add_up_to_the_farms_in_view_at_every_zoom() {
        let mut v = crowd();
        for z in [3.0, 4.5, 6.0, 8.0, 10.0, 12.0] {
            v.camera.zoom = z;
            v.camera.center_x = world_from_lnglat(75.07, 51.54).0;
            v.camera.center_y = world_from_lnglat(75.07, 51.54).1;
            v.frame(0.0);
            let vis = v.camera.visible_world();
            let in_view = v
                .farm_world
                .iter()
                .filter(|p| vis.contains(p[0], p[1]))
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
            .filter(|m| m.is_cluster())
            .max_by_key(|m| m.count)
            .unwrap();
        let id = c.cluster_id().unwrap();
        assert!(v
            .cluster_summary(id)
            .unwrap()
            .starts_with(&format!("{} farms", c.count)));
        let z0 = v.camera.zoom;
        assert!(!v.expand_cluster(id, 0.0, 0.0));
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

    /// Zoom 13 over (70, 45), where `v`'s farms at one place cluster; the cluster's marker.
    fn cluster_at_one_place(v: &mut MapView) -> Marker {
        let (x, y) = world_from_lnglat(70.0, 45.0);
        v.camera = Camera {
            center_x: x,
            center_y: y,
            zoom: 13.0,
            ..v.camera
        };
        v.frame(0.0);
        *v.markers()
            .iter()
            .filter(|m| m.is_cluster())
            .max_by_key(|m| m.count)
            .expect("farms at one place cluster even at zoom 13")
    }

    #[test]
    fn farms_at_one_place_spiderfy_and_each_can_be_picked() {
        let mut v = crowd();
        let c = cluster_at_one_place(&mut v);
        assert_eq!(c.count, 5);
        assert!(
            v.expand_cluster(c.cluster_id().unwrap(), 0.0, 0.0),
            "it cannot split, so it spiderfies"
        );
        v.frame(0.0);
        let same = |v: &MapView, m: &Marker| {
            m.farm_index()
                .is_some_and(|i| v.farms[i].id.starts_with("same"))
        };
        let fanned: Vec<Marker> = v
            .markers()
            .iter()
            .filter(|m| same(&v, m))
            .copied()
            .collect();
        assert_eq!(fanned.len(), 5);
        for m in &fanned {
            assert_eq!(v.pick_hit(m.x as f64, m.y as f64, 0.0), Some(m.hit()));
        }
        v.camera.zoom_at(400.0, 300.0, -1.0);
        v.frame(0.0);
        assert!(
            !v.markers().iter().any(|m| same(&v, m)),
            "zooming closes it"
        );
    }

    /// 32,000 farms at one site: each fanned-out farm on screen gets one leg, at most
    /// [`MAX_SPIDER_LEGS`]; the rest are counted and said on the map, not drawn.
    #[test]
    fn thirty_two_thousand_farms_at_one_site_fan_out_what_fits_and_count_the_rest() {
        let n = 32_000;
        let mut farms: Vec<Farm> = (0..n)
            .map(|i| Farm::at(&format!("s{i}"), 70.0, 45.0))
            .collect();
        farms.push(Farm::at("elsewhere", 71.0, 45.5));
        let mut v = MapView::new(Basemap::embedded());
        v.resize(800.0, 600.0);
        v.set_farms(farms);
        let c = cluster_at_one_place(&mut v);
        assert_eq!(c.count as usize, n);
        assert!(v.expand_cluster(c.cluster_id().unwrap(), 0.0, 0.0));
        v.frame(0.0);
        let fanned = v.markers().iter().filter(|m| !m.is_cluster()).count();
        assert!(fanned > 100 && fanned <= MAX_SPIDER_LEGS, "{fanned}");
        // The legs are the only open paths in the spider's grey.
        let legs: usize = v
            .draw_list()
            .ops
            .iter()
            .map(|op| match op {
                Op::Paths {
                    paths,
                    style,
                    closed: false,
                } if style.stroke == Some(crate::scene::style::LIGHT.spider_leg) => paths.len(),
                _ => 0,
            })
            .sum();
        let left_out = v.spider.as_ref().unwrap().left_out;
        assert_eq!(
            legs + left_out,
            n,
            "one leg per fanned farm; the rest counted"
        );
        let said = format!(
            "+{} more at this site",
            crate::i18n::count(crate::i18n::Lang::En, left_out as u64)
        );
        assert!(
            v.draw_list().labels.iter().any(|l| l.text == said),
            "{said} is on the map"
        );
    }

    #[test]
    #[ignore]
    fn timing_hundred_thousand_at_one_site() {
        let n = 100_000;
        let farms: Vec<Farm> = (0..n)
            .map(|i| Farm::at(&format!("s{i}"), 70.0, 45.0))
            .collect();
        let mut v = MapView::new(Basemap::embedded());
        v.resize(800.0, 600.0);
        let t = std::time::Instant::now();
        v.set_farms(farms);
        eprintln!("set_farms: {:?}", t.elapsed());
        let c = cluster_at_one_place(&mut v);
        let t = std::time::Instant::now();
        assert!(v.expand_cluster(c.cluster_id().unwrap(), 0.0, 0.0));
        eprintln!("expand: {:?}", t.elapsed());
        for f in 0..3 {
            let t = std::time::Instant::now();
            v.frame(f as f64);
            eprintln!("frame {f}: {:?} markers {}", t.elapsed(), v.markers().len());
        }
        for f in 0..3 {
            v.camera.pan_by(7.0, 3.0);
            let t = std::time::Instant::now();
            v.frame(10.0 + f as f64);
            eprintln!(
                "pan frame {f}: {:?} markers {}",
                t.elapsed(),
                v.markers().len()
            );
        }
    }
}
