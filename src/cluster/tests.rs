//! Port checks against supercluster's own fixtures and the facts its test suite asserts
//! (src/cluster/fixtures/README.md), plus invariants of the aggregates.

use super::*;
use serde_json::Value;

const PLACES: &str = include_str!("fixtures/places.json");
const TILE_Z0: &str = include_str!("fixtures/places-z0-0-0.json");
const TILE_Z0_MIN5: &str = include_str!("fixtures/places-z0-0-0-min5.json");

/// Coordinates (NaN pair for the feature without geometry), names and scaleranks.
fn places() -> (Vec<f64>, Vec<String>, Vec<f64>) {
    let v: Value = serde_json::from_str(PLACES).unwrap();
    let mut lnglat = Vec::new();
    let mut names = Vec::new();
    let mut ranks = Vec::new();
    for f in v["features"].as_array().unwrap() {
        match f["geometry"]["coordinates"].as_array() {
            Some(c) => lnglat.extend([c[0].as_f64().unwrap(), c[1].as_f64().unwrap()]),
            None => lnglat.extend([f64::NAN, f64::NAN]),
        }
        names.push(f["properties"]["name"].as_str().unwrap_or("").to_string());
        ranks.push(f["properties"]["scalerank"].as_f64().unwrap_or(0.0));
    }
    (lnglat, names, ranks)
}

fn index_with(options: ClusterOptions, lnglat: &[f64]) -> ClusterIndex {
    let mut index = ClusterIndex::new(options).unwrap();
    index.load(lnglat, &PointAttrs::default()).unwrap();
    index
}

fn places_index() -> ClusterIndex {
    index_with(ClusterOptions::default(), &places().0)
}

/// Compares our tile selection with a fixture tile, feature by feature, in order.
fn assert_tile_matches(index: &ClusterIndex, fixture: &str) {
    let (_, names, _) = places();
    let want: Value = serde_json::from_str(fixture).unwrap();
    let want = want["features"].as_array().unwrap();
    let got = index.tile(0, 0, 0);
    assert_eq!(got.len(), want.len());
    for (i, f) in want.iter().enumerate() {
        let tags = &f["tags"];
        if tags["cluster"].as_bool() == Some(true) {
            assert_eq!(
                got.id[i] as u64,
                tags["cluster_id"].as_u64().unwrap(),
                "feature {i}"
            );
            assert_eq!(
                got.count[i] as u64,
                tags["point_count"].as_u64().unwrap(),
                "feature {i}"
            );
        } else {
            assert_eq!(got.count[i], 1, "feature {i}");
            assert_eq!(
                names[got.id[i] as usize],
                tags["name"].as_str().unwrap(),
                "feature {i}"
            );
        }
        // Wrapped copies (x = 0 tile) sit one world to the right.
        let tx = f["geometry"][0][0].as_f64().unwrap();
        let ty = f["geometry"][0][1].as_f64().unwrap();
        let x = (512.0 * got.world_x[i]).round();
        assert!(
            x == tx || x + 512.0 == tx || x - 512.0 == tx,
            "feature {i}: {x} vs {tx}"
        );
        assert_eq!((512.0 * got.world_y[i]).round(), ty, "feature {i}");
    }
}

#[test]
fn tile_z0_matches_fixture() {
    assert_tile_matches(&places_index(), TILE_Z0);
}

#[test]
fn tile_z0_with_min_points_5_matches_fixture() {
    let options = ClusterOptions {
        min_points: 5,
        ..ClusterOptions::default()
    };
    assert_tile_matches(&index_with(options, &places().0), TILE_Z0_MIN5);
}

#[test]
fn children_of_164_count_6_7_2_1() {
    let children = places_index().children(164).unwrap();
    assert_eq!(children.count, vec![6, 7, 2, 1]);
}

#[test]
fn leaves_of_164_page_in_supercluster_order() {
    let (_, names, _) = places();
    let index = places_index();
    let leaves = index.leaves(164, 10, 5).unwrap();
    let got: Vec<&str> = leaves.iter().map(|&i| names[i as usize].as_str()).collect();
    assert_eq!(
        got,
        [
            "Niagara Falls",
            "Cape San Blas",
            "Cape Sable",
            "Cape Canaveral",
            "San  Salvador",
            "Cabo Gracias a Dios",
            "I. de Cozumel",
            "Grand Cayman",
            "Miquelon",
            "Cape Bauld"
        ]
    );
    let all = index.leaves(164, usize::MAX, 0).unwrap();
    assert_eq!(all.len(), 16);
    assert_eq!(&all[5..15], &leaves[..]);
}

#[test]
fn expansion_zooms() {
    let index = places_index();
    for (id, zoom) in [(164, 1), (196, 1), (581, 2), (1157, 2), (4134, 3)] {
        assert_eq!(index.expansion_zoom(id), Ok(zoom), "cluster {id}");
    }
    let options = ClusterOptions {
        radius: 60.0,
        extent: 256.0,
        max_zoom: 4,
        ..ClusterOptions::default()
    };
    assert_eq!(index_with(options, &places().0).expansion_zoom(2504), Ok(5));
}

#[test]
fn scalerank_sums_in_tiles() {
    let (lnglat, _, ranks) = places();
    let mut index = ClusterIndex::new(ClusterOptions {
        radius: 100.0,
        ..ClusterOptions::default()
    })
    .unwrap();
    let attrs = PointAttrs {
        capacity: ranks,
        ..PointAttrs::default()
    };
    index.load(&lnglat, &attrs).unwrap();
    let sums = |tile: Clusters| -> Vec<f64> {
        let agg = index.aggregates(&tile);
        (0..tile.len())
            .filter(|&i| tile.count[i] > 1 && agg.capacity_sum[i] != 0.0)
            .map(|i| agg.capacity_sum[i])
            .collect()
    };
    let z1: Vec<f64> = [146, 84, 63, 23, 34, 12, 19, 29, 8, 8, 80, 35]
        .map(f64::from)
        .to_vec();
    assert_eq!(sums(index.tile(1, 0, 0)), z1);
    let z0: Vec<f64> = [298, 122, 12, 36, 98, 7, 24, 8, 125, 98, 125, 12, 36, 8]
        .map(f64::from)
        .to_vec();
    assert_eq!(sums(index.tile(0, 0, 0)), z0);
}

#[test]
fn bbox_across_the_antimeridian() {
    let lnglat = [-178.989, 0.0, -178.990, 0.0, -178.991, 0.0, -178.992, 0.0];
    let index = index_with(ClusterOptions::default(), &lnglat);
    let crossing = index.clusters([179.0, -10.0, -177.0, 10.0], 1.0).unwrap();
    let plain = index.clusters([-179.0, -10.0, -177.0, 10.0], 1.0).unwrap();
    assert!(!plain.is_empty());
    assert_eq!(crossing.len(), plain.len());
}

#[test]
fn odd_bboxes() {
    let index = places_index();
    for (bbox, n) in [
        ([129.426390, -103.720017, -445.930843, 114.518236], 26),
        ([112.207836, -84.578666, -463.149397, 120.169159], 27),
        ([458.220043, -84.239039, -117.137190, 120.206585], 25),
        ([-180.0, -90.0, 180.0, 90.0], 61),
    ] {
        assert_eq!(index.clusters(bbox, 1.0).unwrap().len(), n, "{bbox:?}");
    }
}

#[test]
fn non_integer_zoom_uses_its_floor() {
    let index = places_index();
    let world = [-180.0, -90.0, 180.0, 90.0];
    assert_eq!(
        index.clusters(world, 1.25).unwrap(),
        index.clusters(world, 1.0).unwrap()
    );
    assert_eq!(index.clusters(world, f64::NAN), Err(ClusterError::BadZoom));
    assert_eq!(index.clusters(world, 99.0).unwrap().len(), 162);
}

#[test]
fn empty_input_gives_no_clusters() {
    let index = index_with(ClusterOptions::default(), &[]);
    assert!(index
        .clusters([-180.0, -90.0, 180.0, 90.0], 0.0)
        .unwrap()
        .is_empty());
    assert!(index.children(1).is_err());
}

#[test]
fn identical_points_merge_at_max_zoom_20() {
    let options = ClusterOptions {
        max_zoom: 20,
        extent: 8192.0,
        radius: 16.0,
        ..ClusterOptions::default()
    };
    let index = index_with(options, &[-1.426798, 53.943034, -1.426798, 53.943034]);
    let c = index.clusters([-180.0, -85.0, 180.0, 85.0], 20.0).unwrap();
    assert_eq!(c.count, vec![2]);
}

#[test]
fn unknown_ids_are_errors_not_panics() {
    let index = places_index();
    // Below n, origin zoom 31, origin index past every level, and the largest id.
    for id in [0, 1, 163, 163 + 31, 163 + (200 << 5) + 3, u32::MAX] {
        assert!(index.children(id).is_err(), "{id}");
        assert!(index.leaves(id, 10, 0).is_err(), "{id}");
        assert!(index.expansion_zoom(id).is_err(), "{id}");
    }
}

#[test]
fn hostile_input_is_refused_or_tolerated() {
    let mut index = ClusterIndex::new(ClusterOptions::default()).unwrap();
    let none = PointAttrs::default();
    assert!(index.load(&[1.0, 2.0, 3.0], &none).is_err());
    assert!(index.load(&[f64::INFINITY, 0.0], &none).is_err());
    let bad_status = PointAttrs {
        status: vec![7],
        ..none.clone()
    };
    assert!(index.load(&[1.0, 2.0], &bad_status).is_err());
    let short = PointAttrs {
        capacity: vec![1.0, 2.0],
        ..none.clone()
    };
    assert!(index.load(&[1.0, 2.0], &short).is_err());
    // Far outside the world, and huge: wrapped like supercluster's Int32 store, no panic.
    index
        .load(&[1e300, -1e300, 5000.0, 95.0, 0.0, 0.0], &none)
        .unwrap();
    let c = index.clusters([-1e9, -1e9, 1e9, 1e9], 0.0).unwrap();
    assert!(c.lng.iter().chain(&c.lat).all(|v| !v.is_nan()) || c.is_empty());
    let bad = ClusterOptions {
        radius: f64::NAN,
        ..ClusterOptions::default()
    };
    assert!(ClusterIndex::new(bad).is_err());
}

fn mulberry32(seed: u32) -> impl FnMut() -> f64 {
    let mut rng = crate::rng::Mulberry32::new(seed);
    move || rng.next_f64()
}

fn dense_points(n: usize, seed: u32) -> Vec<f64> {
    let mut r = mulberry32(seed);
    (0..n)
        .flat_map(|_| [70.0 + r() * 8.0, 45.0 + r() * 6.0])
        .collect()
}

#[test]
fn grid_search_gives_the_tree_search_results() {
    for min_points in [2, 3, 5] {
        let lnglat = dense_points(4000, 11 + min_points);
        let options = ClusterOptions {
            min_points,
            ..ClusterOptions::default()
        };
        let fast = index_with(options.clone(), &lnglat);
        let mut slow = ClusterIndex::new(options).unwrap();
        slow.use_grid = false;
        slow.load(&lnglat, &PointAttrs::default()).unwrap();
        assert_eq!(fast.counts_by_zoom(), slow.counts_by_zoom());
        for z in 0..=17 {
            let world = [-180.0, -90.0, 180.0, 90.0];
            let (a, b) = (
                fast.clusters(world, z as f64),
                slow.clusters(world, z as f64),
            );
            assert_eq!(a, b, "minPoints {min_points}, zoom {z}");
        }
    }
}

#[test]
fn aggregates_add_up_at_every_zoom() {
    let n = 3000;
    let lnglat = dense_points(n, 5);
    let mut r = mulberry32(9);
    let attrs = PointAttrs {
        capacity: (0..n)
            .map(|i| if i % 4 == 0 { f64::NAN } else { (i % 7) as f64 })
            .collect(),
        status: (0..n).map(|_| (r() * 3.0) as u8).collect(),
        group: (0..n)
            .map(|i| {
                if i % 5 == 0 {
                    UNASSIGNED
                } else {
                    (i % 3) as u16
                }
            })
            .collect(),
    };
    let mut index = ClusterIndex::new(ClusterOptions::default()).unwrap();
    index.load(&lnglat, &attrs).unwrap();
    let known = attrs.capacity.iter().filter(|c| c.is_finite()).count() as u32;
    let total: f64 = attrs.capacity.iter().filter(|c| c.is_finite()).sum();
    let mut saw_clusters = false;
    for z in 0..=17 {
        let c = index
            .clusters([-180.0, -90.0, 180.0, 90.0], z as f64)
            .unwrap();
        let a = index.aggregates(&c);
        assert_eq!(a.group_slots, 4);
        assert_eq!(c.count.iter().sum::<u32>(), n as u32);
        assert_eq!(a.capacity_known.iter().sum::<u32>(), known);
        assert!((a.capacity_sum.iter().sum::<f64>() - total).abs() < 1e-6);
        for i in 0..c.len() {
            let s: u32 = a.status_counts[i * STATUSES..(i + 1) * STATUSES]
                .iter()
                .sum();
            let g: u32 = a.group_counts[i * 4..(i + 1) * 4].iter().sum();
            assert_eq!((s, g), (c.count[i], c.count[i]));
            saw_clusters |= c.count[i] > 1;
        }
        // Each cluster's leaves are exactly its count, and carry its aggregates.
        for i in (0..c.len()).filter(|&i| c.count[i] > 1).take(5) {
            let leaves = index.leaves(c.id[i], usize::MAX, 0).unwrap();
            assert_eq!(leaves.len() as u32, c.count[i]);
            let unassigned = leaves.iter().filter(|&&p| p % 5 == 0).count() as u32;
            assert_eq!(a.group_counts[i * 4 + 3], unassigned);
        }
    }
    assert!(saw_clusters);
}
