//! Where a frame of the network view goes, natively: the bench's network (bench/frames.mjs
//! "network": a random recursive tree of N nodes, node i owned by a seeded random earlier
//! node) through `NetworkView`, frame after frame until the layout settles, then frames
//! while the camera pans and zooms. Per phase of the layout (ForceAtlas2, refinement,
//! spread, settled) and per gesture it prints a JSON line with the frame count and the
//! p50/p95/max of one `NetworkView::frame` in ms, and the draw list's size.
//!
//! ```sh
//! cargo run --release --example network_frames                  # 50,000 nodes (5,000 shown)
//! cargo run --release --example network_frames -- 2000 --runs 3
//! cargo run --release --example network_frames -- --file bench/fixtures/networks/perl_modules.json
//! ```
//! `--file` takes one of bench/fixtures/networks/ (node-link: `nodes`, `sources`, `targets`)
//! instead of the tree: real networks with crossings, where the refinement's crossing guard
//! (`network::stress`) works too; its slices are in "refine slice" and "layout".
//! A benchmark, not a test: machines differ; compare runs on one machine.

use farmmap::network::forceatlas2::{ForceAtlas2, Settings};
use farmmap::network::graph::Graph;
use farmmap::network::model::{Confidence, Network, Node, NodeKind, Tie, TieKind};
use farmmap::network::stress::{StressLayout, StressSettings};
use farmmap::rng::Mulberry32;
use farmmap::scene::network_view::{NetworkView, Slots, REFINE_UNITS_PER_FRAME};
use std::time::Instant;

/// The bench's tree (the same shape; its own seeded generator).
fn tree(n: usize) -> Network {
    let mut rng = Mulberry32::new(12345);
    let mut nodes = vec![Node::new("n0", NodeKind::Company, "Root Holding")];
    let mut ties = Vec::new();
    for i in 1..n {
        let (kind, word) = if i % 3 != 0 {
            (NodeKind::Person, "Person")
        } else {
            (NodeKind::Company, "Company")
        };
        nodes.push(Node::new(&format!("n{i}"), kind, &format!("{word} {i}")));
        let owner = (rng.next_f64() * i as f64) as usize;
        let mut t = Tie::new(
            &format!("n{owner}"),
            &format!("n{i}"),
            TieKind::Owns,
            Confidence::Reported,
        );
        t.source_url = Some("https://example.org/s".into());
        ties.push(t);
    }
    Network { nodes, ties }
}

/// A network of bench/fixtures/networks/ (nodes by index, ties as two index lists).
fn from_file(path: &str) -> Network {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let n = v["nodes"].as_array().expect("nodes").len();
    let index = |x: &serde_json::Value| x.as_u64().expect("a node index");
    let nodes = (0..n)
        .map(|i| Node::new(&format!("n{i}"), NodeKind::Company, &format!("Module {i}")))
        .collect();
    let ties = v["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .zip(v["targets"].as_array().expect("targets"))
        .map(|(a, b)| {
            let mut t = Tie::new(
                &format!("n{}", index(a)),
                &format!("n{}", index(b)),
                TieKind::Owns,
                Confidence::Reported,
            );
            t.source_url = Some("https://example.org/s".into());
            t
        })
        .collect();
    Network { nodes, ties }
}

fn quantiles(xs: &mut [f64]) -> (f64, f64, f64) {
    if xs.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    farmmap::sort::sort_by(xs, f64::total_cmp);
    let q = |p: f64| xs[((p * (xs.len() - 1) as f64) as usize).min(xs.len() - 1)];
    (q(0.5), q(0.95), xs[xs.len() - 1])
}

fn report(run: usize, phase: &str, ms: &mut [f64], v: &NetworkView) {
    let (p50, p95, max) = quantiles(ms);
    let d = v.draw_list();
    println!(
        "{{\"bench\":\"network_frames\",\"run\":{run},\"phase\":\"{phase}\",\"frames\":{},\"p50\":{p50:.2},\"p95\":{p95:.2},\"max\":{max:.2},\"shown\":{},\"ops\":{},\"points\":{},\"labels\":{}}}",
        ms.len(),
        v.shown().len(),
        d.ops.len(),
        d.path_xy.len() / 2,
        d.labels.len(),
    );
}

/// The layout's parts on the shown nodes, as the view drives them: one ForceAtlas2
/// iteration (the per-frame floor), and one refinement slice. */
fn parts(run: usize, net: &Network) {
    let (graph, _) = Graph::new(net);
    let slots = Slots::of_tied(&graph);
    let (mut s, mut t) = (Vec::new(), Vec::new());
    for (&a, &b) in graph.tie_source.iter().zip(&graph.tie_target) {
        if let (Some(a), Some(b)) = (slots.slot_of(a), slots.slot_of(b)) {
            s.push(a as u32);
            t.push(b as u32);
        }
    }
    let n = slots.len();
    let mut fa2 = ForceAtlas2::new(n, &s, &t, None, Settings::default()).expect("a layout");
    let mut ms = Vec::new();
    for _ in 0..100 {
        let t0 = Instant::now();
        fa2.tick(1);
        ms.push(t0.elapsed().as_secs_f64() * 1e3);
    }
    let (p50, p95, max) = quantiles(&mut ms);
    println!("{{\"bench\":\"network_frames\",\"run\":{run},\"part\":\"forceatlas2 iteration\",\"nodes\":{n},\"count\":100,\"p50\":{p50:.2},\"p95\":{p95:.2},\"max\":{max:.2}}}");
    let xy = fa2.positions();
    let mut refiner =
        StressLayout::new(n, &s, &t, &xy, &[], StressSettings::default()).expect("a refiner");
    let mut ms = Vec::new();
    // Per phase the slice started in (`StressLayout::phase`), in order of first appearance.
    let mut by_phase: Vec<(&str, Vec<f64>)> = Vec::new();
    loop {
        let phase = refiner.phase();
        let t0 = Instant::now();
        let done = refiner.run(REFINE_UNITS_PER_FRAME);
        let took = t0.elapsed().as_secs_f64() * 1e3;
        ms.push(took);
        match by_phase.iter_mut().find(|(p, _)| *p == phase) {
            Some((_, v)) => v.push(took),
            None => by_phase.push((phase, vec![took])),
        }
        if done {
            break;
        }
    }
    let (p50, p95, max) = quantiles(&mut ms);
    println!("{{\"bench\":\"network_frames\",\"run\":{run},\"part\":\"refine slice\",\"nodes\":{n},\"count\":{},\"p50\":{p50:.2},\"p95\":{p95:.2},\"max\":{max:.2}}}", ms.len());
    for (phase, mut v) in by_phase {
        let (p50, p95, max) = quantiles(&mut v);
        println!("{{\"bench\":\"network_frames\",\"run\":{run},\"part\":\"refine slice, {phase}\",\"count\":{},\"p50\":{p50:.2},\"p95\":{p95:.2},\"max\":{max:.2}}}", v.len());
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .map_or(1, |r| r.parse().expect("--runs N"));
    let file = args
        .iter()
        .position(|a| a == "--file")
        .map(|i| args[i + 1].clone());
    let value_of = |flag: &str| args.iter().skip_while(|a| *a != flag).nth(1);
    let n: usize = args
        .iter()
        .find(|a| {
            !a.starts_with("--") && Some(*a) != value_of("--runs") && Some(*a) != value_of("--file")
        })
        .map_or(50_000, |a| a.parse().expect("a node count"));
    let network = || match &file {
        Some(path) => from_file(path),
        None => tree(n),
    };
    for run in 1..=runs {
        parts(run, &network());
        let t = Instant::now();
        let mut v = NetworkView::new(network());
        let n = v.shown().len();
        v.resize(640.0, 480.0);
        let setup = t.elapsed().as_secs_f64() * 1e3;
        println!("{{\"bench\":\"network_frames\",\"run\":{run},\"phase\":\"setup\",\"ms\":{setup:.1},\"nodes\":{n}}}");
        let mut layout = Vec::new();
        let mut now = 0.0;
        loop {
            let t = Instant::now();
            let moving = v.frame(now);
            layout.push(t.elapsed().as_secs_f64() * 1e3);
            now += 16.0;
            if !moving || layout.len() > 20_000 {
                break;
            }
        }
        report(run, "layout", &mut layout, &v);
        for gesture in ["pan", "zoom"] {
            let mut ms = Vec::new();
            for i in 0..200 {
                if gesture == "pan" {
                    let a = i as f64 / 20.0;
                    v.pan_by(12.0 * a.cos(), 12.0 * a.sin());
                } else {
                    let d = if (i / 30) % 2 == 1 { -0.08 } else { 0.08 };
                    v.zoom_at(320.0, 240.0, d);
                }
                let t = Instant::now();
                v.frame(now);
                ms.push(t.elapsed().as_secs_f64() * 1e3);
                now += 16.0;
            }
            report(run, &format!("settled {gesture}"), &mut ms, &v);
        }
    }
}
