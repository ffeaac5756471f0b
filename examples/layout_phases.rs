//! Where the time of bench/layout.mjs's farmmap run goes, natively: the ForceAtlas2
//! constructor, its iterations, the stress refinement (setup and sweeps, with the sweep
//! count) and the positions copied out, on a seeded Barabási–Albert graph (seed 1, as the
//! bench) or a bench fixture; medians and min–max of `--runs` runs, with a hash of the
//! output so a change that moves bits shows.
//!
//! ```sh
//! cargo run --release --example layout_phases                       # BA 10k, 300 iterations
//! cargo run --release --example layout_phases -- --n 1000 --iterations 300 --runs 5
//! cargo run --release --example layout_phases -- --file bench/fixtures/networks/debian_packages.json --iterations 500
//! cargo run --release --example layout_phases -- --file … --uncross-work 20 --quality   # + stress, crossings
//! ```
//!
//! The summary ends with the output's hash and, for a sparse component, its give-up checks
//! (`StressLayout::checks`: sweeps done, sampled stress / the input's) and whether it gave up.
//!
//! `--uncross-work X`, `--tie-length X`, `--hub-spread X`, `--monotone-sweeps N` and
//! `--backoff-slack X`, `--backoff-steps N` set those [`StressSettings`]; `--quality` also prints the
//! normalised stress (all BFS roots up to 5,000 nodes) and crossings of the ForceAtlas2 and
//! refined pictures; `--frontier` prints, as ratios to the ForceAtlas2 picture's, those of
//! the sweeps alone stopped after 1, 3, 10 and 100 sweeps, and of blends (1 − t)·FA2 +
//! t·swept (what an interpolating stage could reach; issue 13's site-packages).

use farmmap::network::forceatlas2::{ForceAtlas2, Settings};
use farmmap::network::generate::barabasi_albert;
use farmmap::network::metrics::{crossings, stress};
use farmmap::network::stress::{StressLayout, StressSettings};
use std::time::Instant;

mod common;
use common::load;

fn median_spread(v: &mut [f64]) -> String {
    farmmap::sort::sort_by(v, |a, b| a.total_cmp(b));
    format!("{:.1} ({:.1}–{:.1})", v[v.len() / 2], v[0], v[v.len() - 1])
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .map(|i| args[i + 1].clone())
    };
    let runs: usize = flag("--runs").map_or(3, |v| v.parse().expect("--runs N"));
    let iterations: u32 = flag("--iterations").map_or(300, |v| v.parse().expect("--iterations N"));
    let frontier = args.iter().any(|a| a == "--frontier");
    let (n, s, t) = match flag("--file") {
        Some(path) => load(&path),
        None => {
            let n = flag("--n").map_or(10_000, |v| v.parse().expect("--n N"));
            let (s, t) = barabasi_albert(n, 1);
            (n, s, t)
        }
    };
    let mut stress_settings = StressSettings::default();
    if let Some(w) = flag("--uncross-work") {
        stress_settings.uncross_work = w.parse().expect("--uncross-work X");
    }
    if let Some(w) = flag("--tie-length") {
        stress_settings.tie_length = w.parse().expect("--tie-length X");
    }
    if let Some(w) = flag("--hub-spread") {
        stress_settings.hub_spread = w.parse().expect("--hub-spread X");
    }
    if let Some(w) = flag("--monotone-sweeps") {
        stress_settings.monotone_sweeps = w.parse().expect("--monotone-sweeps N");
    }
    if let Some(w) = flag("--backoff-steps") {
        stress_settings.backoff_steps = w.parse().expect("--backoff-steps N");
    }
    if let Some(w) = flag("--backoff-slack") {
        stress_settings.backoff_slack = w.parse().expect("--backoff-slack X");
    }
    let quality = args.iter().any(|a| a == "--quality");
    let (mut new_ms, mut fa2_ms, mut setup_ms, mut sweep_ms, mut total_ms) =
        (vec![], vec![], vec![], vec![], vec![]);
    let mut summary = String::new();
    for _ in 0..runs {
        let t0 = Instant::now();
        let settings: Settings = serde_json::from_str(r#"{"seed":42}"#).expect("settings");
        let mut layout = ForceAtlas2::new(n, &s, &t, None, settings).expect("a valid network");
        let t1 = Instant::now();
        layout.tick(iterations);
        let t2 = Instant::now();
        let xy = layout.positions();
        let mut refine =
            StressLayout::new(n, &s, &t, &xy, &[], stress_settings.clone()).expect("valid");
        // Setup ends when the first sweep starts.
        while refine.sweeps() == 0 && !refine.run(1) {}
        let t3 = Instant::now();
        refine.finish();
        let out = refine.positions();
        let t4 = Instant::now();
        let hash = out.iter().fold(0u64, |h, v| h.rotate_left(5) ^ v.to_bits());
        summary = format!("sweeps {} hash {hash:016x}", refine.sweeps());
        // The sparse sweeps' give-up checks (sweeps done: sampled stress / the input's).
        if !refine.checks().is_empty() {
            let checks: Vec<String> = refine
                .checks()
                .iter()
                .map(|(k, _, r)| format!("{k}:{r:.3}"))
                .collect();
            let gave_up = refine.checks().iter().any(|(_, c, _)| refine.gave_up(*c));
            summary += &format!(
                "; checks {}{}",
                checks.join(" "),
                if gave_up { " (gave up)" } else { "" }
            );
        }
        if quality {
            // All BFS roots up to 5,000 nodes (as bench/layout.mjs), else the first 200.
            let some: Vec<u32> = (0..200.min(n) as u32).collect();
            let roots = (n > 5000).then_some(&some[..]);
            summary += &format!(
                "; stress fa2 {:.4} refined {:.4}, crossings fa2 {} refined {}",
                stress(n, &s, &t, &xy, roots),
                stress(n, &s, &t, &out, roots),
                crossings(&s, &t, &xy),
                crossings(&s, &t, &out)
            );
        }
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1e3;
        new_ms.push(ms(t0, t1));
        fa2_ms.push(ms(t1, t2));
        setup_ms.push(ms(t2, t3));
        sweep_ms.push(ms(t3, t4));
        total_ms.push(ms(t0, t4));
    }
    if frontier {
        print_frontier(n, &s, &t, iterations);
    }
    println!(
        "n {n} ties {} iterations {iterations} runs {runs}: new {} fa2 {} refine setup {} sweeps+moves {} total {}; {summary}",
        s.len(),
        median_spread(&mut new_ms),
        median_spread(&mut fa2_ms),
        median_spread(&mut setup_ms),
        median_spread(&mut sweep_ms),
        median_spread(&mut total_ms)
    );
}

/// Stress and crossings, as ratios to the ForceAtlas2 picture's, of the sweeps stopped early
/// and of blends between the two pictures (see the module notes).
fn print_frontier(n: usize, s: &[u32], t: &[u32], iterations: u32) {
    let settings: Settings = serde_json::from_str(r#"{"seed":42}"#).expect("settings");
    let mut layout = ForceAtlas2::new(n, s, t, None, settings).expect("a valid network");
    layout.tick(iterations);
    let fa2 = layout.positions();
    let some: Vec<u32> = (0..200.min(n) as u32).collect();
    let roots = (n > 5000).then_some(&some[..]);
    let quality = |xy: &[f64]| (stress(n, s, t, xy, roots), crossings(s, t, xy) as f64);
    let (s0, c0) = quality(&fa2);
    println!("frontier: fa2 stress {s0:.4} crossings {c0}");
    for sweeps in [1, 3, 10, 100] {
        let settings = StressSettings {
            max_sweeps: sweeps,
            uncross_up_to: 0,
            ..StressSettings::default()
        };
        let mut refine = StressLayout::new(n, s, t, &fa2, &[], settings).expect("valid");
        refine.finish();
        let swept = refine.positions();
        let (s1, c1) = quality(&swept);
        println!(
            "frontier: {sweeps} sweeps: stress {:.3} crossings {:.3} (× fa2)",
            s1 / s0,
            c1 / c0.max(1.0)
        );
        if sweeps == 100 {
            for k in 1..10 {
                let w = f64::from(k) / 10.0;
                let xy: Vec<f64> = fa2
                    .iter()
                    .zip(&swept)
                    .map(|(a, b)| (1.0 - w) * a + w * b)
                    .collect();
                let (s2, c2) = quality(&xy);
                println!(
                    "frontier:   blend t = {w}: stress {:.3} crossings {:.3} (× fa2)",
                    s2 / s0,
                    c2 / c0.max(1.0)
                );
            }
        }
    }
}
