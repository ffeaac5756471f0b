//! The stress / edge-crossing trade-off of the network layout, natively: ForceAtlas2 (500
//! iterations, the inferred settings, seed 42, as bench/layout.mjs runs it), plain stress
//! majorization of that picture (ties aiming at one hop, no hub spread), the refinement's
//! sweeps without its crossing-aware moves ("swept"), the default stress refinement
//! (`network::stress`, "refined", with its time in ms, one run), the refinement followed by the network view's
//! prevent-overlap pass (30 or 120 adjustSizes iterations), and the refinement followed by 5 and 20 more ForceAtlas2
//! iterations (and 10), and the refined, +5 and +10 pictures followed by the
//! crossing-reduction pass (`network::uncross`; "shift 8" is its default settings, "shift
//! 0" moves leaves and degree-2 nodes only; with its time in ms, one run). Each line gives
//! normalised stress (all pairs) and crossings, and both as a ratio to the ForceAtlas2
//! picture, which on these networks draws what graphology's does (bench/layout.mjs: the
//! same crossings on karate, Florentine, Davis and Les Misérables, 3,618 vs 3,621 on cargo
//! crates).
//!
//! ```sh
//! cargo run --release --example layout_tradeoff                 # the networks up to 809 nodes
//! cargo run --release --example layout_tradeoff -- karate lesmis
//! cargo run --release --example layout_tradeoff -- sitepkgs     # 3,980 nodes, not by default
//! ```

use farmmap::network::forceatlas2::{ForceAtlas2, Settings};
use farmmap::network::metrics::{crossings, stress};
use farmmap::network::stress::{refine, StressLayout, StressSettings};
use farmmap::network::uncross::{uncross, UncrossSettings};
use serde_json::Value;
use std::time::Instant;

/// A bench fixture (`nodes` + `sources`/`targets`) or a networkx node-link file.
fn load(path: &str) -> (usize, Vec<u32>, Vec<u32>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let numbers = |a: &Value| -> Vec<u32> {
        a.as_array()
            .expect("an array")
            .iter()
            .map(|x| x.as_u64().expect("a node index") as u32)
            .collect()
    };
    let nodes = v["nodes"].as_array().expect("nodes");
    if v.get("sources").is_some() {
        return (nodes.len(), numbers(&v["sources"]), numbers(&v["targets"]));
    }
    let index = |id: &Value| nodes.iter().position(|n| n["id"] == *id).expect("a node") as u32;
    let links = v["links"].as_array().expect("links");
    let s = links.iter().map(|l| index(&l["source"])).collect();
    let t = links.iter().map(|l| index(&l["target"])).collect();
    (nodes.len(), s, t)
}

fn force(n: usize, s: &[u32], t: &[u32], start: Option<&[f64]>, iterations: u32) -> Vec<f64> {
    let settings: Settings = serde_json::from_str(r#"{"seed":42}"#).expect("settings");
    let mut layout = ForceAtlas2::new(n, s, t, None, settings).expect("a valid network");
    if let Some(xy) = start {
        layout.set_positions(xy).expect("positions");
    }
    layout.tick(iterations);
    layout.positions()
}

fn main() {
    let only: Vec<String> = std::env::args().skip(1).collect();
    let graphs = [
        ("karate", "src/network/testdata/karate_club.json"),
        (
            "florentine",
            "src/network/testdata/florentine_families.json",
        ),
        ("davis", "bench/fixtures/networks/davis_southern_women.json"),
        ("lesmis", "bench/fixtures/networks/les_miserables.json"),
        ("cargo", "bench/fixtures/networks/cargo_crates.json"),
        (
            "stdlib",
            "bench/fixtures/networks/python_stdlib_imports.json",
        ),
        ("debian", "bench/fixtures/networks/debian_packages.json"),
        (
            "sitepkgs",
            "bench/fixtures/networks/python_site_packages_imports.json",
        ),
    ];
    for (name, path) in graphs {
        let wanted = only.iter().any(|o| o == name);
        if (only.is_empty() && name == "sitepkgs") || (!only.is_empty() && !wanted) {
            continue;
        }
        let (n, s, t) = load(path);
        let fa2 = force(n, &s, &t, None, 500);
        let t0 = Instant::now();
        let refined = refine(n, &s, &t, &fa2, &[]).expect("a valid network");
        let refine_ms = t0.elapsed().as_secs_f64() * 1e3;
        let base = (
            stress(n, &s, &t, &fa2, None),
            crossings(&s, &t, &fa2) as f64,
        );
        let report = |label: &str, xy: &[f64]| {
            let (st, cr) = (stress(n, &s, &t, xy, None), crossings(&s, &t, xy) as f64);
            println!(
                "{{\"graph\":\"{name}\",\"layout\":\"{label}\",\"stress\":{st:.4},\"crossings\":{cr},\
                 \"stress_vs_fa2\":{:.3},\"crossings_vs_fa2\":{:.3}}}",
                st / base.0,
                cr / base.1.max(1.0)
            );
        };
        let uncrossed = |label: &str, xy: &[f64]| {
            for shift in [0, 8] {
                let settings = UncrossSettings {
                    shift_up_to_degree: shift,
                    ..UncrossSettings::default()
                };
                let t0 = Instant::now();
                let out = uncross(n, &s, &t, xy, &[], &settings).expect("valid");
                let ms = t0.elapsed().as_secs_f64() * 1e3;
                report(
                    &format!("{label} + uncross shift {shift} ({ms:.1} ms)"),
                    &out.xy,
                );
            }
        };
        report("fa2 500", &fa2);
        // Plain stress (ties aim at one hop, no hub spread): the refinement before issue
        // 13's crossing work.
        let plain = StressSettings {
            tie_length: 1.0,
            hub_spread: 0.0,
            uncross_up_to: 0,
            ..StressSettings::default()
        };
        let mut layout = StressLayout::new(n, &s, &t, &fa2, &[], plain).expect("valid");
        layout.finish();
        report("plain stress", &layout.positions());
        let swept = StressSettings {
            uncross_up_to: 0,
            ..StressSettings::default()
        };
        let t0 = Instant::now();
        let mut layout = StressLayout::new(n, &s, &t, &fa2, &[], swept).expect("valid");
        layout.finish();
        let swept_ms = t0.elapsed().as_secs_f64() * 1e3;
        report(&format!("swept ({swept_ms:.1} ms)"), &layout.positions());
        report(&format!("refined ({refine_ms:.1} ms)"), &refined);
        // The network view's prevent-overlap pass after refinement: ForceAtlas2 with
        // adjustSizes (tiny sizes here, so only its forces act) for 30 iterations (now) or
        // 120 (before issue 13's crossing work).
        for k in [30, 120] {
            let settings: Settings =
                serde_json::from_str(r#"{"seed":42,"adjustSizes":true}"#).expect("settings");
            let mut spread = ForceAtlas2::new(n, &s, &t, None, settings).expect("valid");
            spread.set_positions(&refined).expect("positions");
            spread.set_sizes(&vec![0.01; n]).expect("sizes");
            spread.tick(k);
            report(&format!("refined + spread {k}"), &spread.positions());
        }
        uncrossed("refined", &refined);
        for k in [5, 10, 20] {
            let xy = force(n, &s, &t, Some(&refined), k);
            report(&format!("refined + fa2 {k}"), &xy);
            if k <= 10 {
                uncrossed(&format!("refined + fa2 {k}"), &xy);
            }
        }
    }
}
