//! What normalised stress a network can reach at all (issue 13, Perl modules): exact
//! all-pairs stress majorization with weights 1/hops² and ties at one hop (the sum
//! `metrics::stress` scores after its best scaling, so its minimum is the best normalised
//! stress there is), run long from several starts, with each end picture's crossings.
//!
//! Starts: the ForceAtlas2 picture (500 iterations, seed 42, as bench/layout.mjs runs
//! farmmap); the refinement's own result (`stress::refine`); classical MDS of the hop
//! matrix (top two eigenvectors by power iteration); pivot MDS (Brandes and Pich, 100
//! max–min pivots); uniform random squares (seeds 1…`--seeds`). Each is scaled to the best
//! fit and improved by `--sweeps` localized Gauss–Seidel sweeps (each update is the exact
//! minimiser of the node's own terms, so stress never rises) or until a sweep improves it by
//! less than 10⁻⁹; `--sgd` first runs (except from FA2 and the refinement's picture) the stochastic-gradient schedule of Zheng, Pawar and
//! Goodman (2018, 30 epochs, step from 1/w_min down to 0.01/w_max), which escapes more local
//! minima than majorization. Printed: stress and crossings, and both as ratios to the
//! ForceAtlas2 picture's; `--reference FILE` also prints them as ratios to graphology's
//! (`--reference FILE`: its positions, saved by `node bench/layout.mjs --save DIR`). Not deterministic across platforms (f64
//! `sin`/`cos` in the starts); an experiment, not part of the library.
//!
//! ```sh
//! mkdir -p /tmp/xy && node bench/layout.mjs --runs 1 --no-ba --only perl_modules --save /tmp/xy
//! cargo run --release --example layout_bound -- --file bench/fixtures/networks/perl_modules.json \
//!     --reference /tmp/xy/perl_modules.json --sgd --moves --monotone 6,20,60
//! ```
//!
//! `--monotone 6,20`: the library's refinement with that many monotone sweeps in its
//! crossing guard (default 6): the least stress it reaches with crossings ≤ FA2's.
//!
//! `--moves`: then, from majorization's picture started from FA2, the refinement's
//! crossing-aware moves (any degree, 10 passes, a crossing costing 0.1, 1 or 10 × the node's
//! stress weight × hop²) with normalised stress held ≤ 0.9 × the reference (graphology's
//! with `--reference`, else FA2's): how few crossings a picture within the bound has.
//!
//! Also prints the front between the ForceAtlas2 picture and majorization from it: blends
//! (1 − t)·FA2 + t·that (scaled to FA2's size) for t = 0.1 … 1, stress and crossings.

use farmmap::network::forceatlas2::{ForceAtlas2, Settings};
use farmmap::network::metrics::{crossings, stress};
use farmmap::network::stress::{refine, StressLayout, StressSettings};
use std::collections::VecDeque;
use std::time::Instant;

mod common;
use common::load;

/// All-pairs hops (u8, 255 = unreachable or farther).
fn hops(n: usize, s: &[u32], t: &[u32]) -> Vec<u8> {
    let mut adj = vec![Vec::new(); n];
    for (&a, &b) in s.iter().zip(t) {
        if a != b {
            adj[a as usize].push(b as usize);
            adj[b as usize].push(a as usize);
        }
    }
    let mut d = vec![255u8; n * n];
    let mut q = VecDeque::new();
    for r in 0..n {
        let row = &mut d[r * n..(r + 1) * n];
        row[r] = 0;
        q.push_back(r);
        while let Some(v) = q.pop_front() {
            for &w in &adj[v] {
                if row[w] == 255 {
                    row[w] = row[v].saturating_add(1).min(254);
                    q.push_back(w);
                }
            }
        }
    }
    d
}

/// Σ (X/D − 1)² over pairs and the normalised stress (after the best scaling).
fn raw_and_normalised(n: usize, d: &[u8], xy: &[f64]) -> (f64, f64) {
    let (mut a, mut b, mut p) = (0.0, 0.0, 0.0);
    for i in 0..n {
        for j in 0..i {
            let h = d[i * n + j];
            if h == 255 || h == 0 {
                continue;
            }
            let x = ((xy[2 * i] - xy[2 * j]).powi(2) + (xy[2 * i + 1] - xy[2 * j + 1]).powi(2))
                .sqrt()
                / f64::from(h);
            a += x * x;
            b += x;
            p += 1.0;
        }
    }
    (a - 2.0 * b + p, 1.0 - b * b / (a * p))
}

/// Scale `xy` (about its centroid) to the best fit of one hop = 1.
fn fit(n: usize, d: &[u8], xy: &mut [f64]) {
    let (mut a, mut b) = (0.0, 0.0);
    for i in 0..n {
        for j in 0..i {
            let h = d[i * n + j];
            if h == 255 || h == 0 {
                continue;
            }
            let x = ((xy[2 * i] - xy[2 * j]).powi(2) + (xy[2 * i + 1] - xy[2 * j + 1]).powi(2))
                .sqrt()
                / f64::from(h);
            a += x * x;
            b += x;
        }
    }
    let k = if a > 0.0 { b / a } else { 1.0 };
    for v in xy.iter_mut() {
        *v *= k;
    }
}

/// Localized majorization sweeps (w = 1/D², target D) until `max` sweeps or a sweep
/// improves the raw stress by less than 10⁻⁹ of it. Returns the sweeps run.
fn majorize(n: usize, d: &[u8], xy: &mut [f64], max: u32) -> u32 {
    let mut last = raw_and_normalised(n, d, xy).0;
    for sweep in 1..=max {
        for i in 0..n {
            let (xi, yi) = (xy[2 * i], xy[2 * i + 1]);
            let (mut nx, mut ny, mut den) = (0.0, 0.0, 0.0);
            for j in 0..n {
                let h = d[i * n + j];
                if h == 255 || h == 0 {
                    continue;
                }
                let h = f64::from(h);
                let w = 1.0 / (h * h);
                let (dx, dy) = (xi - xy[2 * j], yi - xy[2 * j + 1]);
                let dist = (dx * dx + dy * dy).sqrt().max(1e-12);
                nx += w * (xy[2 * j] + h * dx / dist);
                ny += w * (xy[2 * j + 1] + h * dy / dist);
                den += w;
            }
            if den > 0.0 {
                xy[2 * i] = nx / den;
                xy[2 * i + 1] = ny / den;
            }
        }
        if sweep % 10 == 0 {
            let now = raw_and_normalised(n, d, xy).0;
            if last - now < 1e-9 * now {
                return sweep;
            }
            last = now;
        }
    }
    max
}

/// Stochastic gradient descent on the pairs (Zheng, Pawar, Goodman 2018).
fn sgd(n: usize, d: &[u8], xy: &mut [f64], seed: u64) {
    let mut pairs = Vec::new();
    for i in 0..n {
        for j in 0..i {
            let h = d[i * n + j];
            if h != 255 && h != 0 {
                pairs.push((i as u32, j as u32, f64::from(h)));
            }
        }
    }
    let hmax = pairs.iter().map(|p| p.2).fold(1.0, f64::max);
    let (w_min, w_max) = (1.0 / (hmax * hmax), 1.0);
    let (eta_max, eta_min) = (1.0 / w_min, 0.01 / w_max);
    let epochs = 30;
    let lambda = (eta_max / eta_min).ln() / f64::from(epochs - 1);
    let mut rng = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    for epoch in 0..epochs {
        let eta = eta_max * (-lambda * f64::from(epoch)).exp();
        for k in (1..pairs.len()).rev() {
            let r = (next() % (k as u64 + 1)) as usize;
            pairs.swap(k, r);
        }
        for &(i, j, h) in &pairs {
            let (i, j) = (i as usize, j as usize);
            let w = 1.0 / (h * h);
            let mu = (eta * w).min(1.0);
            let (dx, dy) = (xy[2 * i] - xy[2 * j], xy[2 * i + 1] - xy[2 * j + 1]);
            let dist = (dx * dx + dy * dy).sqrt().max(1e-12);
            let r = mu * (dist - h) / (2.0 * dist);
            xy[2 * i] -= r * dx;
            xy[2 * i + 1] -= r * dy;
            xy[2 * j] += r * dx;
            xy[2 * j + 1] += r * dy;
        }
    }
}

/// Top two eigenvectors of a symmetric operator by power iteration with deflation, scaled
/// by √eigenvalue: the classical-MDS coordinates.
fn top2(n: usize, apply: impl Fn(&[f64], &mut [f64])) -> Vec<f64> {
    let mut vecs: Vec<(Vec<f64>, f64)> = Vec::new();
    for k in 0..2 {
        let mut v: Vec<f64> = (0..n)
            .map(|i| ((i * 7919 + k * 104_729) % 1000) as f64 / 1000.0 - 0.5)
            .collect();
        let mut lambda = 0.0;
        let mut out = vec![0.0; n];
        for _ in 0..500 {
            for (u, _) in &vecs {
                let dot: f64 = u.iter().zip(&v).map(|(a, b)| a * b).sum();
                for i in 0..n {
                    v[i] -= dot * u[i];
                }
            }
            let norm = v.iter().map(|a| a * a).sum::<f64>().sqrt();
            v.iter_mut().for_each(|a| *a /= norm);
            apply(&v, &mut out);
            lambda = v.iter().zip(&out).map(|(a, b)| a * b).sum();
            std::mem::swap(&mut v, &mut out);
        }
        let norm = v.iter().map(|a| a * a).sum::<f64>().sqrt();
        v.iter_mut().for_each(|a| *a /= norm);
        vecs.push((v, lambda));
    }
    let mut xy = vec![0.0; 2 * n];
    for (k, (v, l)) in vecs.iter().enumerate() {
        for i in 0..n {
            xy[2 * i + k] = v[i] * l.max(0.0).sqrt();
        }
    }
    xy
}

fn classical_mds(n: usize, d: &[u8]) -> Vec<f64> {
    let hmax = d.iter().filter(|&&h| h != 255).copied().max().unwrap_or(1);
    let sq = |h: u8| {
        let h = f64::from(if h == 255 { hmax + 1 } else { h });
        h * h
    };
    // B = −½ J D² J.
    let mut row_mean = vec![0.0; n];
    for i in 0..n {
        row_mean[i] = (0..n).map(|j| sq(d[i * n + j])).sum::<f64>() / n as f64;
    }
    let all = row_mean.iter().sum::<f64>() / n as f64;
    let b: Vec<f64> = (0..n * n)
        .map(|k| -0.5 * (sq(d[k]) - row_mean[k / n] - row_mean[k % n] + all))
        .collect();
    top2(n, |v, out| {
        for i in 0..n {
            out[i] = b[i * n..(i + 1) * n]
                .iter()
                .zip(v)
                .map(|(a, c)| a * c)
                .sum();
        }
    })
}

fn pivot_mds(n: usize, d: &[u8], k: usize) -> Vec<f64> {
    let hmax = d.iter().filter(|&&h| h != 255).copied().max().unwrap_or(1);
    let sq = |h: u8| {
        let h = f64::from(if h == 255 { hmax + 1 } else { h });
        h * h
    };
    let mut pivots = vec![0usize];
    let mut min_d: Vec<u8> = d[0..n].to_vec();
    while pivots.len() < k.min(n) {
        let p = (0..n)
            .max_by_key(|&i| (min_d[i], std::cmp::Reverse(i)))
            .unwrap();
        pivots.push(p);
        for i in 0..n {
            min_d[i] = min_d[i].min(d[p * n + i]);
        }
    }
    let k = pivots.len();
    // C = −½ J D²(n×k) J, centred both ways.
    let mut c = vec![0.0; n * k];
    for i in 0..n {
        for (q, &p) in pivots.iter().enumerate() {
            c[i * k + q] = sq(d[p * n + i]);
        }
    }
    let col: Vec<f64> = (0..k)
        .map(|q| (0..n).map(|i| c[i * k + q]).sum::<f64>() / n as f64)
        .collect();
    let row: Vec<f64> = (0..n)
        .map(|i| c[i * k..(i + 1) * k].iter().sum::<f64>() / k as f64)
        .collect();
    let all = col.iter().sum::<f64>() / k as f64;
    for i in 0..n {
        for q in 0..k {
            c[i * k + q] = -0.5 * (c[i * k + q] - col[q] - row[i] + all);
        }
    }
    // Eigenvectors of CᵀC (k×k), then coordinates C·v.
    let ctc: Vec<f64> = (0..k * k)
        .map(|e| (0..n).map(|i| c[i * k + e / k] * c[i * k + e % k]).sum())
        .collect();
    let v = top2(k, |v, out| {
        for a in 0..k {
            out[a] = ctc[a * k..(a + 1) * k]
                .iter()
                .zip(v)
                .map(|(x, y)| x * y)
                .sum();
        }
    });
    let mut xy = vec![0.0; 2 * n];
    for i in 0..n {
        for dim in 0..2 {
            xy[2 * i + dim] = (0..k).map(|q| c[i * k + q] * v[2 * q + dim]).sum();
        }
    }
    xy
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .map(|i| args[i + 1].clone())
    };
    let path = flag("--file").unwrap_or("bench/fixtures/networks/perl_modules.json".into());
    let sweeps: u32 = flag("--sweeps").map_or(2000, |v| v.parse().expect("--sweeps N"));
    let seeds: u64 = flag("--seeds").map_or(3, |v| v.parse().expect("--seeds N"));
    let use_sgd = args.iter().any(|a| a == "--sgd");
    let (n, s, t) = load(&path);
    let graphology: Option<(f64, f64)> = flag("--reference").map(|file| {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let xy: Vec<f64> = v["graphology"]
            .as_array()
            .expect("graphology positions")
            .iter()
            .map(|x| x.as_f64().expect("a number"))
            .collect();
        assert_eq!(xy.len(), 2 * n, "{file}: positions for another network");
        let g = (stress(n, &s, &t, &xy, None), crossings(&s, &t, &xy) as f64);
        println!("graphology ({file}): stress {:.5} crossings {}", g.0, g.1);
        g
    });
    let d = hops(n, &s, &t);
    let settings: Settings = serde_json::from_str(r#"{"seed":42}"#).expect("settings");
    let mut layout = ForceAtlas2::new(n, &s, &t, None, settings).expect("a valid network");
    layout.tick(500);
    let fa2 = layout.positions();
    let (s0, c0) = (
        stress(n, &s, &t, &fa2, None),
        crossings(&s, &t, &fa2) as f64,
    );
    println!(
        "{path}: n {n} ties {}; fa2 stress {s0:.4} crossings {c0}",
        s.len()
    );
    let refined = refine(n, &s, &t, &fa2, &[]).expect("valid");
    let report = |label: &str, xy: &[f64], extra: &str| {
        let (st, cr) = (stress(n, &s, &t, xy, None), crossings(&s, &t, xy) as f64);
        let vs_g = graphology.map_or(String::new(), |(gs, gc)| {
            format!(
                " | × graphology: stress {:.3} crossings {:.3}",
                st / gs,
                cr / gc
            )
        });
        println!(
            "{label:<28} stress {st:.4} crossings {cr:>9} | × fa2: stress {:.3} crossings {:.3}{vs_g} {extra}",
            st / s0,
            cr / c0.max(1.0)
        );
        st
    };
    report("fa2 500", &fa2, "");
    report("refine (library)", &refined, "");
    let mut starts: Vec<(String, Vec<f64>)> = vec![
        ("fa2".into(), fa2.clone()),
        ("refined".into(), refined.clone()),
        ("classical MDS".into(), classical_mds(n, &d)),
        ("pivot MDS (100)".into(), pivot_mds(n, &d, 100)),
    ];
    for seed in 1..=seeds {
        let mut rng = seed.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1;
        let mut next = move || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng >> 11) as f64 / (1u64 << 53) as f64
        };
        let xy: Vec<f64> = (0..2 * n).map(|_| 10.0 * next()).collect();
        starts.push((format!("random {seed}"), xy));
    }
    let mut best: Option<(f64, String)> = None;
    let mut from_fa2 = Vec::new();
    for (label, start) in starts {
        let mut xy = start.clone();
        fit(n, &d, &mut xy);
        report(&format!("start {label}"), &xy, "");
        let t0 = Instant::now();
        if use_sgd && label != "fa2" && label != "refined" {
            sgd(n, &d, &mut xy, 7);
            report(&format!("  sgd {label}"), &xy, "");
        }
        let k = majorize(n, &d, &mut xy, sweeps);
        let ms = t0.elapsed().as_secs_f64() * 1e3;
        let st = report(
            &format!("  smacof {label}"),
            &xy,
            &format!("({k} sweeps, {ms:.0} ms)"),
        );
        if best.as_ref().is_none_or(|b| st < b.0) {
            best = Some((st, label.clone()));
        }
        if label == "fa2" {
            from_fa2 = xy;
        }
    }
    if let Some((st, label)) = &best {
        report_best(*st, label, s0, graphology);
    }
    if let Some(list) = flag("--monotone") {
        // From the other side: the library's refinement with more monotone sweeps in its
        // crossing guard (sweeps in which no update adds a crossing): how low stress gets
        // with crossings held at most the FA2 picture's.
        for k in list.split(',') {
            let settings = StressSettings {
                monotone_sweeps: k.parse().expect("--monotone N,N"),
                ..StressSettings::default()
            };
            let t0 = Instant::now();
            let mut layout = StressLayout::new(n, &s, &t, &fa2, &[], settings).expect("valid");
            layout.finish();
            let ms = t0.elapsed().as_secs_f64() * 1e3;
            report(
                &format!("refine, {k} monotone sweeps"),
                &layout.positions(),
                &format!("({ms:.0} ms)"),
            );
        }
    }
    if args.iter().any(|a| a == "--moves") {
        // From majorization's picture (started from FA2), the refinement's crossing-aware
        // moves with a crossing weighing far more than stress, every degree, many passes,
        // and stress held at most 0.9 × the reference's (graphology's when given): how few
        // crossings a picture within the bound can have, by these moves.
        let reference = graphology.map_or(s0, |g| g.0);
        let start_stress = stress(n, &s, &t, &from_fa2, None);
        for cost in [0.1, 1.0, 10.0] {
            let settings = StressSettings {
                tie_length: 1.0,
                hub_spread: 0.0,
                max_sweeps: 1,
                uncross_up_to: n,
                crossing_cost: cost,
                uncross_passes: 10,
                uncross_max_degree: n,
                stress_bound: 0.9 * reference / start_stress,
                uncross_work: 200.0,
                backoff_steps: 0,
                ..StressSettings::default()
            };
            let t0 = Instant::now();
            let mut moves = StressLayout::new(n, &s, &t, &from_fa2, &[], settings).expect("valid");
            moves.finish();
            let ms = t0.elapsed().as_secs_f64() * 1e3;
            report(
                &format!("smacof fa2 + moves {cost}"),
                &moves.positions(),
                &format!("(stress ≤ 0.9 × {reference:.4}; {ms:.0} ms)"),
            );
        }
    }
    // The front between FA2 and majorization from it (the two are aligned, unlike the other
    // starts' pictures): blends with the latter scaled to FA2's size.
    let mut best = from_fa2;
    let size = |xy: &[f64]| {
        let (mut cx, mut cy) = (0.0, 0.0);
        for i in 0..n {
            cx += xy[2 * i];
            cy += xy[2 * i + 1];
        }
        let (cx, cy) = (cx / n as f64, cy / n as f64);
        let r: f64 = (0..n)
            .map(|i| (xy[2 * i] - cx).powi(2) + (xy[2 * i + 1] - cy).powi(2))
            .sum();
        (cx, cy, (r / n as f64).sqrt())
    };
    let (fx, fy, fr) = size(&fa2);
    let (bx, by, br) = size(&best);
    for i in 0..n {
        best[2 * i] = fx + (best[2 * i] - bx) * fr / br;
        best[2 * i + 1] = fy + (best[2 * i + 1] - by) * fr / br;
    }
    for k in 1..=10 {
        let w = f64::from(k) / 10.0;
        let xy: Vec<f64> = fa2
            .iter()
            .zip(&best)
            .map(|(a, b)| (1.0 - w) * a + w * b)
            .collect();
        report(&format!("blend fa2→smacof t = {w:.1}"), &xy, "");
    }
}

fn report_best(st: f64, label: &str, s0: f64, graphology: Option<(f64, f64)>) {
    let vs_g = graphology.map_or(String::new(), |(gs, _)| {
        format!(", {:.3} × graphology's", st / gs)
    });
    println!(
        "best: smacof from {label}: stress {st:.4} = {:.3} × fa2's{vs_g}",
        st / s0
    );
}
