//! The map's cluster layer: one [`ClusterIndex`] built when the farms change, queried per
//! frame for what is on screen; owner groups for the donuts; spiderfied clusters.

use crate::cluster::{ClusterIndex, ClusterOptions, Clusters, PointAttrs, UNASSIGNED};
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
    /// Index `farms`. Radius 60 of extent 512 is 30 CSS pixels: markers closer than about a
    /// finger's width merge.
    pub fn build(farms: &[Farm], farm_world_lnglat: &[f64]) -> Option<MapClusters> {
        // Counted in a map (one pass, whatever the number of distinct owners), then sorted
        // by count and name, so the order does not depend on the map's.
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for f in farms {
            let o = f.owner.trim();
            if !o.is_empty() {
                *counts.entry(o).or_default() += 1;
            }
        }
        let mut owners: Vec<(&str, usize)> = counts.into_iter().collect();
        owners.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let groups: Vec<String> = owners
            .iter()
            .take(NAMED_GROUPS)
            .map(|(k, _)| k.to_string())
            .collect();
        let farm_group: Vec<u8> = farms
            .iter()
            .map(|f| {
                let o = f.owner.trim();
                if o.is_empty() {
                    (NAMED_GROUPS + 1) as u8
                } else {
                    groups.iter().position(|g| g == o).unwrap_or(OTHER_GROUP) as u8
                }
            })
            .collect();
        let attrs = PointAttrs {
            capacity: farms
                .iter()
                .map(|f| f.capacity_mw.unwrap_or(f64::NAN))
                .collect(),
            status: farms.iter().map(|f| f.status.index() as u8).collect(),
            group: farm_group
                .iter()
                .map(|&g| {
                    if g as usize > OTHER_GROUP {
                        UNASSIGNED
                    } else {
                        u16::from(g)
                    }
                })
                .collect(),
        };
        let options = ClusterOptions {
            radius: 60.0,
            max_zoom: CLUSTER_MAX_ZOOM,
            ..ClusterOptions::default()
        };
        let mut index = ClusterIndex::new(options).ok()?;
        index.load(farm_world_lnglat, &attrs).ok()?;
        Some(MapClusters {
            index,
            groups,
            farm_group,
        })
    }

    /// What is on screen at `zoom` inside the lng/lat box.
    pub fn query(&self, bounds: LngLatBounds, zoom: f64) -> Clusters {
        self.index
            .clusters(bounds.to_array(), zoom)
            .unwrap_or_default()
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
                (r * a.cos(), r * a.sin())
            })
            .collect();
    }
    let mut out = Vec::with_capacity(n);
    let (mut a, mut r) = (0.0f32, 18.0f32);
    for _ in 0..n {
        out.push((r * a.cos(), r * a.sin()));
        a += 14.0 / r + 0.35;
        r += 16.0 / a.max(1.0).sqrt() * 0.6;
    }
    out
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
