//! Where a viewport query's time goes, phase by phase, natively: the harness behind the
//! "How queries are fast" figures in docs/cluster.md. It only prints (timing is never
//! asserted in a test):
//!
//! ```sh
//! cargo test --release --lib query_phases -- --ignored --nocapture
//! ```
//!
//! Inputs and viewports are bench/cluster-inputs.mjs's and bench/cluster-core.mjs's, drawn
//! from the same mulberry32 streams: 100k and 1M points, uniform and a Gaussian mixture,
//! 1,700 viewports of 1000×800 px at zooms 0..16.

use super::mercator::y_lat;
use super::*;
use crate::rng::Mulberry32;
use std::cell::Cell;
use std::time::Instant;

fn uniform(n: usize) -> Vec<f64> {
    let mut r = Mulberry32::new(1);
    let mut out = Vec::with_capacity(2 * n);
    for _ in 0..n {
        let lng = r.next_f64() * 360.0 - 180.0;
        out.extend([lng, r.next_f64() * 170.0 - 85.0]);
    }
    out
}

fn gaussian(n: usize) -> Vec<f64> {
    let mut r = Mulberry32::new(2);
    let centres: Vec<[f64; 3]> = (0..12)
        .map(|_| {
            let lng = r.next_f64() * 300.0 - 150.0;
            let lat = r.next_f64() * 120.0 - 60.0;
            [lng, lat, 0.5 + r.next_f64() * 4.5]
        })
        .collect();
    let mut out = Vec::with_capacity(2 * n);
    for _ in 0..n {
        let [lng, lat, sd] = centres[(r.next_f64() * 12.0) as usize];
        let a = (lng + r.gaussian() * sd).clamp(-180.0, 180.0);
        let b = (lat + r.gaussian() * sd).clamp(-85.0, 85.0);
        out.extend([a, b]);
    }
    out
}

fn viewports() -> Vec<([f64; 4], f64)> {
    let mut r = Mulberry32::new(42);
    let x_lng = |x: f64| (x - 0.5) * 360.0;
    let mut out = Vec::new();
    for z in 0..17 {
        let hw = 500.0 / (256.0 * 2f64.powi(z));
        let hh = 400.0 / (256.0 * 2f64.powi(z));
        for _ in 0..100 {
            let cx = r.next_f64();
            let cy = 0.1 + 0.8 * r.next_f64();
            let bbox = [
                x_lng(cx - hw),
                y_lat((cy + hh).min(1.0)),
                x_lng(cx + hw),
                y_lat((cy - hh).max(0.0)),
            ];
            out.push((bbox, f64::from(z)));
        }
    }
    out
}

fn median(mut v: Vec<f64>) -> (f64, f64, f64) {
    crate::sort::sort_by(&mut v, f64::total_cmp);
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

#[test]
#[ignore = "timing harness: prints only"]
fn query_phases() {
    let vps = viewports();
    for n in [100_000, 1_000_000] {
        for (name, lnglat) in [("uniform", uniform(n)), ("gaussian", gaussian(n))] {
            let mut index = ClusterIndex::new(ClusterOptions::default()).unwrap();
            index.load(&lnglat, &PointAttrs::default()).unwrap();
            let (mut range, mut total, mut into) = (vec![], vec![], vec![]);
            let (mut hits_n, mut looked) = (0usize, 0usize);
            for run in 0..5 {
                // Phase 1: the tree walk alone (handles in output order).
                let lookups = Cell::new(0usize);
                let mut hits = Vec::new();
                let t = Instant::now();
                for &(bbox, z) in &vps {
                    hits.clear();
                    let level = index.level_for_zoom(z).unwrap();
                    index.range_counting(bbox, level, &mut hits, &lookups);
                    hits_n += (run == 0) as usize * hits.len();
                }
                range.push(t.elapsed().as_secs_f64() * 1e3);
                if run == 0 {
                    looked = lookups.get();
                }
                // Phase 2: the whole query (walk, then each row's position, count and id,
                // and the allocations).
                let t = Instant::now();
                let mut count = 0usize;
                for &(bbox, z) in &vps {
                    count += index.clusters(bbox, z).unwrap().len();
                }
                total.push(t.elapsed().as_secs_f64() * 1e3);
                assert_eq!(count, hits_n);
                // Phase 3: the same into one buffer kept between queries (`clusters_into`,
                // what the map and JS's `ClusterIndex.query` do).
                let mut rows = Clusters::default();
                let t = Instant::now();
                let mut count = 0usize;
                for &(bbox, z) in &vps {
                    count += index.clusters_into(bbox, z, &mut rows).unwrap();
                }
                into.push(t.elapsed().as_secs_f64() * 1e3);
                assert_eq!(count, hits_n);
            }
            let f = |v: (f64, f64, f64)| format!("{:.2} ({:.2}–{:.2})", v.0, v.1, v.2);
            println!(
                "{{\"input\":\"{name}\",\"n\":{n},\"rows\":{hits_n},\"coordinate_lookups\":{looked},\
                 \"walk_ms\":\"{}\",\"query_ms\":\"{}\",\"query_into_ms\":\"{}\"}}",
                f(median(range)),
                f(median(total)),
                f(median(into)),
            );
        }
    }
}

/// The build's time per input, medians of 5 (perf's target for the build's phases):
/// `cargo test --release --lib build_times -- --ignored --nocapture`; `BUILD_INPUTS=gaussian`
/// for one input.
#[test]
#[ignore = "timing harness: prints only"]
fn build_times() {
    let only = std::env::var("BUILD_INPUTS").unwrap_or_default();
    for n in [1_000_000] {
        for (name, make) in [
            ("uniform", uniform as fn(usize) -> Vec<f64>),
            ("gaussian", gaussian),
        ] {
            if !only.is_empty() && !only.split(',').any(|k| k == name) {
                continue;
            }
            let lnglat = make(n);
            let mut times = vec![];
            for _ in 0..5 {
                let t = Instant::now();
                let mut index = ClusterIndex::new(ClusterOptions::default()).unwrap();
                index.load(&lnglat, &PointAttrs::default()).unwrap();
                times.push(t.elapsed().as_secs_f64() * 1e3);
            }
            let (m, lo, hi) = median(times);
            println!(
                "{{\"input\":\"{name}\",\"n\":{n},\"build_ms\":\"{m:.0} ({lo:.0}–{hi:.0})\"}}"
            );
        }
    }
}
