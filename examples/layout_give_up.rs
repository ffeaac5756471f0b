//! How the sparse sweeps' give-up check (`network::stress`, **Giving up**) sees a network:
//! after 1, 2, 3, 4, 6, 8, 10, 16, 32, 64 and 99 sweeps from the ForceAtlas2 picture (seed
//! 42, `--iterations`), the normalised stress of the sweeps' picture as a ratio to the
//! ForceAtlas2 picture's, over several sets of BFS roots:
//! - `rows16`: the 16 members at q·m/16, the rows the end-of-sweeps check
//!   (`keep_only_improvements`) uses;
//! - `rows64`, `rows128`: the members at (2q + 1)·m/(2k), about the give-up check's rows (it
//!   also skips pivots), with the ratio's jackknife standard error over the roots (`± se`);
//! - `bench200`: 200 roots drawn as bench/layout.mjs draws them (mulberry32(7));
//! - `first200`: nodes 0–199 (`layout_phases --frontier`: a Barabási–Albert graph's oldest
//!   nodes, its hubs);
//! - `all` (with `--all`): every node, the measure itself (10,000 nodes: about a minute).
//!
//! Then the checks the refinement itself made, with the default settings.
//!
//! ```sh
//! cargo run --release --example layout_give_up -- --n 10000 --all        # BA 10k, 300 iterations
//! cargo run --release --example layout_give_up -- --n 50000 --iterations 20
//! cargo run --release --example layout_give_up -- --file bench/fixtures/networks/python_site_packages_imports.json --iterations 500
//! cargo run --release --example layout_give_up -- --file bench/fixtures/networks/debian_packages.json --iterations 500 --exact 400 --all
//! ```
//! `--exact N` sets `StressSettings::exact_up_to` (the sparse model above N nodes).

use farmmap::network::forceatlas2::{ForceAtlas2, Settings};
use farmmap::network::generate::barabasi_albert;
use farmmap::network::metrics::stress;
use farmmap::network::stress::{StressLayout, StressSettings};
use farmmap::rng::Mulberry32;

mod common;
use common::load;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .map(|i| args[i + 1].clone())
    };
    let iterations: u32 = flag("--iterations").map_or(300, |v| v.parse().expect("--iterations N"));
    let (n, s, t) = match flag("--file") {
        Some(path) => load(&path),
        None => {
            let n = flag("--n").map_or(10_000, |v| v.parse().expect("--n N"));
            let (s, t) = barabasi_albert(n, 1);
            (n, s, t)
        }
    };
    let exact_up_to: usize = flag("--exact").map_or(2000, |v| v.parse().expect("--exact N"));
    let settings: Settings = serde_json::from_str(r#"{"seed":42}"#).expect("settings");
    let mut layout = ForceAtlas2::new(n, &s, &t, None, settings).expect("a valid network");
    layout.tick(iterations);
    let fa2 = layout.positions();
    let spread = |k: usize| -> Vec<u32> { (0..k).map(|q| (q * n / k) as u32).collect() };
    let offset =
        |k: usize| -> Vec<u32> { (0..k).map(|q| ((2 * q + 1) * n / (2 * k)) as u32).collect() };
    let mut rng = Mulberry32::new(7);
    let bench: Vec<u32> = (0..200)
        .map(|_| (rng.next_f64() * n as f64) as u32)
        .collect();
    let mut sets: Vec<(&str, Vec<u32>)> = vec![
        ("rows16", spread(16)),
        ("bench200", bench),
        ("first200", (0..200.min(n) as u32).collect()),
    ];
    if args.iter().any(|a| a == "--all") {
        sets.push(("all", (0..n as u32).collect()));
    }
    let base: Vec<f64> = sets
        .iter()
        .map(|(_, r)| stress(n, &s, &t, &fa2, Some(r)))
        .collect();
    // The sweeps alone, never given up: the moves, the crossing guard and the check off.
    let swept = StressSettings {
        exact_up_to,
        uncross_up_to: 0,
        backoff_steps: 0,
        give_up_rows: 0,
        ..StressSettings::default()
    };
    let mut refine = StressLayout::new(n, &s, &t, &fa2, &[], swept).expect("valid");
    let marks = [1u32, 2, 3, 4, 6, 8, 10, 16, 32, 64, 99];
    let mut last = 0;
    println!(
        "n {n} ties {} iterations {iterations}: stress / ForceAtlas2's",
        s.len()
    );
    while !refine.run(1) {
        let k = refine.sweeps();
        if k == last || !marks.contains(&k) {
            last = k;
            continue;
        }
        last = k;
        let xy = refine.positions();
        let mut line = format!("sweep {k:3}:");
        for ((name, r), b) in sets.iter().zip(&base) {
            line += &format!(" {name} {:.4}", stress(n, &s, &t, &xy, Some(r)) / b);
        }
        for (name, k) in [("rows64", 64), ("rows128", 128)] {
            let (ratio, se) = jackknife(n, &s, &t, &fa2, &xy, &offset(k.min(n)));
            line += &format!(" {name} {ratio:.4} ± {se:.4}");
        }
        println!("{line}");
    }
    let mut checked = StressLayout::new(
        n,
        &s,
        &t,
        &fa2,
        &[],
        StressSettings {
            exact_up_to,
            ..StressSettings::default()
        },
    )
    .expect("valid");
    checked.finish();
    let gave_up = checked.checks().iter().any(|&(_, c, _)| checked.gave_up(c));
    println!(
        "the refinement's checks (sweeps: ratio): {}{}",
        checked
            .checks()
            .iter()
            .map(|(k, _, r)| format!("{k}: {r:.4}"))
            .collect::<Vec<_>>()
            .join(", "),
        if gave_up { "; gave up" } else { "" }
    );
}

/// Per BFS root: (Σ x², Σ x, pairs), x = drawn distance / hops.
fn root_sums(n: usize, adj: &[Vec<u32>], xy: &[f64], root: u32) -> (f64, f64, f64) {
    let mut hops = vec![u32::MAX; n];
    hops[root as usize] = 0;
    let mut queue = vec![root];
    let mut head = 0;
    while head < queue.len() {
        let v = queue[head] as usize;
        head += 1;
        for &w in &adj[v] {
            if hops[w as usize] == u32::MAX {
                hops[w as usize] = hops[v] + 1;
                queue.push(w);
            }
        }
    }
    let r = root as usize;
    let (mut a, mut b, mut p) = (0.0, 0.0, 0.0);
    for j in (0..n).filter(|&j| j != r && hops[j] != u32::MAX) {
        let d = ((xy[2 * r] - xy[2 * j]).powi(2) + (xy[2 * r + 1] - xy[2 * j + 1]).powi(2)).sqrt();
        let x = d / f64::from(hops[j]);
        a += x * x;
        b += x;
        p += 1.0;
    }
    (a, b, p)
}

/// The sampled stress of `xy` over `roots` as a ratio to `base`'s, and its jackknife
/// standard error over the roots (leave one root out).
fn jackknife(
    n: usize,
    s: &[u32],
    t: &[u32],
    base: &[f64],
    xy: &[f64],
    roots: &[u32],
) -> (f64, f64) {
    let mut adj = vec![Vec::new(); n];
    for (&a, &b) in s.iter().zip(t) {
        adj[a as usize].push(b);
        adj[b as usize].push(a);
    }
    let u: Vec<_> = roots.iter().map(|&r| root_sums(n, &adj, base, r)).collect();
    let v: Vec<_> = roots.iter().map(|&r| root_sums(n, &adj, xy, r)).collect();
    let normalised = |(a, b, p): (f64, f64, f64)| 1.0 - b * b / (a * p);
    let total = |w: &[(f64, f64, f64)], skip: usize| {
        w.iter()
            .enumerate()
            .filter(|&(i, _)| i != skip)
            .fold((0.0, 0.0, 0.0), |acc, (_, x)| {
                (acc.0 + x.0, acc.1 + x.1, acc.2 + x.2)
            })
    };
    let k = roots.len();
    let ratio = normalised(total(&v, usize::MAX)) / normalised(total(&u, usize::MAX));
    let left_out: Vec<f64> = (0..k)
        .map(|i| normalised(total(&v, i)) / normalised(total(&u, i)))
        .collect();
    let mean = left_out.iter().sum::<f64>() / k as f64;
    let var =
        left_out.iter().map(|x| (x - mean).powi(2)).sum::<f64>() * (k as f64 - 1.0) / k as f64;
    (ratio, var.sqrt())
}
