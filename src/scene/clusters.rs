//! The map's cluster layer: one [`ClusterIndex`] built when the farms change, queried per
//! frame for what is on screen; owner groups for the donuts; spiderfied clusters.

use crate::cluster::{
    ClusterIndex, ClusterOptions, Clusters, IndexBuilder, PointAttrs, UNASSIGNED,
};
use crate::geometry::LngLatBounds;
use crate::model::Farm;
use std::collections::HashMap;

/// Named owner groups that get their own colour; the rest share "other owners".
pub const NAMED_GROUPS: usize = 6;
/// Colour slot of "other named owners".
pub const OTHER_GROUP: usize = NAMED_GROUPS;

/// supercluster's default; above the camera's own maximum (14), so farms at one place stay a
/// cluster at every zoom a reader can reach and open by spiderfying.
pub const CLUSTER_MAX_ZOOM: u8 = 16;

pub struct MapClusters {
    pub index: ClusterIndex,
    /// Owner text of each colour slot `0..NAMED_GROUPS`.
    pub groups: Vec<String>,
    /// Per farm: its group slot (`NAMED_GROUPS` = other, `NAMED_GROUPS + 1` = none).
    pub farm_group: Vec<u8>,
}

impl MapClusters {
    /// Index `farms` at once (see [`MapClustersBuild`] for the same in steps).
    pub fn build(farms: &[Farm], farm_world_lnglat: &[f64]) -> Option<MapClusters> {
        let mut b = MapClustersBuild::new(farm_world_lnglat.to_vec());
        while !b.step(farms, u64::MAX) {}
        b.finish()
    }

    /// What is on screen at `zoom` inside the lng/lat box.
    pub fn query(&self, bounds: LngLatBounds, zoom: f64) -> Clusters {
        let mut out = Clusters::default();
        self.query_into(bounds, zoom, &mut out);
        out
    }

    /// [`query`](Self::query) into a buffer kept between frames (empty for a NaN zoom).
    pub fn query_into(&self, bounds: LngLatBounds, zoom: f64, out: &mut Clusters) {
        // A NaN zoom leaves `out` empty, as `query`'s default.
        let _ = self.index.clusters_into(bounds.to_array(), zoom, out);
    }
}

/// Owner text of each colour slot: the [`NAMED_GROUPS`] most common owners, by count and
/// then name (so the order does not depend on a hash map's). Counts are u32 as farm numbers
/// are: the map's type is then the farm index's, one hash table in the reader's wasm.
fn top_groups(counts: HashMap<String, u32>) -> Vec<String> {
    let mut owners: Vec<(String, u32)> = counts.into_iter().collect();
    crate::sort::sort_by(&mut owners, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    owners
        .into_iter()
        .take(NAMED_GROUPS)
        .map(|(k, _)| k)
        .collect()
}

/// Where a [`MapClustersBuild`] is.
enum Stage {
    /// Counting owners, farm by farm.
    Count(HashMap<String, u32>),
    /// Each farm's group slot and the index's attributes.
    Assign,
    Index(Box<IndexBuilder>),
    Done(Option<Box<ClusterIndex>>),
}

/// The map's cluster layer built in steps: owners counted, groups assigned, the index
/// built (an [`IndexBuilder`]); the same result as [`MapClusters::build`] however the
/// work is cut. A step takes the same farms every time.
pub struct MapClustersBuild {
    stage: Stage,
    at: usize,
    lnglat: Vec<f64>,
    groups: Vec<String>,
    farm_group: Vec<u8>,
    attrs: PointAttrs,
}

/// Units a farm costs while counting owners and assigning groups (a hash of its owner
/// text), against one for an item the index visits: so a budget buys about the same time
/// in every stage.
const FARM_UNITS: u64 = 8;

impl MapClustersBuild {
    /// Starts over the farms' `[lng, lat, …]`; nothing is computed until [`step`](Self::step).
    pub fn new(lnglat: Vec<f64>) -> MapClustersBuild {
        MapClustersBuild {
            stage: Stage::Count(HashMap::new()),
            at: 0,
            lnglat,
            groups: Vec::new(),
            farm_group: Vec::new(),
            attrs: PointAttrs::default(),
        }
    }

    /// About `budget` units of work on `farms`; returns whether the layer is ready.
    pub fn step(&mut self, farms: &[Farm], budget: u64) -> bool {
        let mut left = budget;
        while left > 0 {
            let chunk = usize::try_from(left / FARM_UNITS)
                .unwrap_or(usize::MAX)
                .max(1);
            match &mut self.stage {
                Stage::Count(counts) => {
                    let end = farms.len().min(self.at.saturating_add(chunk));
                    for f in &farms[self.at..end] {
                        let o = f.owner.trim();
                        if o.is_empty() {
                            continue;
                        }
                        match counts.get_mut(o) {
                            Some(c) => *c += 1,
                            None => {
                                counts.insert(o.to_string(), 1);
                            }
                        }
                    }
                    left = left.saturating_sub((end - self.at) as u64 * FARM_UNITS);
                    self.at = end;
                    if end == farms.len() {
                        let Stage::Count(counts) =
                            std::mem::replace(&mut self.stage, Stage::Assign)
                        else {
                            unreachable!()
                        };
                        self.groups = top_groups(counts);
                        self.at = 0;
                        let n = farms.len();
                        self.farm_group.reserve_exact(n);
                        self.attrs.capacity.reserve_exact(n);
                        self.attrs.status.reserve_exact(n);
                        self.attrs.group.reserve_exact(n);
                    }
                }
                Stage::Assign => {
                    let end = farms.len().min(self.at.saturating_add(chunk));
                    for f in &farms[self.at..end] {
                        let o = f.owner.trim();
                        let g = if o.is_empty() {
                            (NAMED_GROUPS + 1) as u8
                        } else {
                            self.groups
                                .iter()
                                .position(|g| g == o)
                                .unwrap_or(OTHER_GROUP) as u8
                        };
                        self.farm_group.push(g);
                        self.attrs.capacity.push(f.capacity_mw.unwrap_or(f64::NAN));
                        self.attrs.status.push(f.status.index() as u8);
                        self.attrs.group.push(if g as usize > OTHER_GROUP {
                            UNASSIGNED
                        } else {
                            u16::from(g)
                        });
                    }
                    left = left.saturating_sub((end - self.at) as u64 * FARM_UNITS);
                    self.at = end;
                    if end == farms.len() {
                        // Radius 60 of extent 512 is 30 CSS pixels: markers closer than
                        // about a finger's width merge.
                        let options = ClusterOptions {
                            radius: 60.0,
                            max_zoom: CLUSTER_MAX_ZOOM,
                            ..ClusterOptions::default()
                        };
                        let lnglat = std::mem::take(&mut self.lnglat);
                        let attrs = std::mem::take(&mut self.attrs);
                        self.stage = match IndexBuilder::new(options, lnglat, attrs) {
                            Ok(b) => Stage::Index(Box::new(b)),
                            Err(_) => Stage::Done(None),
                        };
                    }
                }
                Stage::Index(b) => {
                    b.step(left);
                    if !b.is_done() {
                        return false;
                    }
                    let Stage::Index(b) = std::mem::replace(&mut self.stage, Stage::Done(None))
                    else {
                        unreachable!()
                    };
                    self.stage = Stage::Done(Some(Box::new(b.finish())));
                }
                Stage::Done(_) => return true,
            }
        }
        matches!(self.stage, Stage::Done(_))
    }

    /// Progress from 0 to 1: owners and groups count for a tenth, the index for the rest.
    pub fn progress(&self, farms: usize) -> f64 {
        let part = |at: usize| at as f64 / farms.max(1) as f64;
        match &self.stage {
            Stage::Count(_) => 0.05 * part(self.at),
            Stage::Assign => 0.05 + 0.05 * part(self.at),
            Stage::Index(b) => 0.1 + 0.9 * b.progress(),
            Stage::Done(_) => 1.0,
        }
    }

    /// The layer (completing any work left needs the farms: call only once `step` said
    /// ready); `None` when the farms cannot be indexed.
    pub fn finish(self) -> Option<MapClusters> {
        let Stage::Done(index) = self.stage else {
            return None;
        };
        Some(MapClusters {
            index: *index?,
            groups: self.groups,
            farm_group: self.farm_group,
        })
    }
}

/// Screen offsets of `n` spiderfied farms around their cluster: a circle for a few, an
/// Archimedean spiral for many, so none overlap.
pub fn spider_offsets(n: usize) -> Vec<(f32, f32)> {
    if n <= 9 {
        let r = (14.0 * n as f32 / std::f32::consts::PI).max(22.0);
        return (0..n)
            .map(|i| {
                let a = std::f32::consts::TAU * i as f32 / n as f32 - std::f32::consts::FRAC_PI_2;
                (r * cos(a), r * sin(a))
            })
            .collect();
    }
    let mut out = Vec::with_capacity(n);
    let (mut a, mut r) = (0.0f32, 18.0f32);
    for _ in 0..n {
        out.push((r * cos(a), r * sin(a)));
        a += 14.0 / r + 0.35;
        r += 16.0 / a.max(1.0).sqrt() * 0.6;
    }
    out
}

/// f32 cosine and sine through f64's (one set of trigonometry in the wasm: f32's sinf and
/// cosf with their own argument reduction cost the reader's wasm ~1.2 KB).
fn cos(a: f32) -> f32 {
    f64::from(a).cos() as f32
}

fn sin(a: f32) -> f32 {
    f64::from(a).sin() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spider_offsets_do_not_overlap() {
        for n in [2, 5, 9, 10, 30, 100] {
            let o = spider_offsets(n);
            assert_eq!(o.len(), n);
            for i in 0..n {
                for j in i + 1..n {
                    let d = ((o[i].0 - o[j].0).powi(2) + (o[i].1 - o[j].1).powi(2)).sqrt();
                    assert!(d >= 11.0, "n={n}: {i} and {j} are {d} px apart");
                }
            }
        }
    }

    #[test]
    fn groups_are_the_most_common_owners() {
        let mut farms = Vec::new();
        for (i, owner) in ["A", "A", "B", "", "C", "A", "B"].iter().enumerate() {
            let mut f = Farm::at(&format!("f{i}"), 70.0 + i as f64, 50.0);
            f.owner = owner.to_string();
            farms.push(f);
        }
        let ll: Vec<f64> = farms.iter().flat_map(|f| [f.lng, f.lat]).collect();
        let c = MapClusters::build(&farms, &ll).unwrap();
        assert_eq!(c.groups, vec!["A", "B", "C"]);
        assert_eq!(c.farm_group, vec![0, 0, 1, 7, 2, 0, 1]);
    }
}
