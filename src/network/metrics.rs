//! Layout quality, measured the way `bench/layout.mjs` measures it for both layouts.

use std::collections::VecDeque;

/// Normalised stress of positions `xy` against hop distances: 1 − B²/(A·P) over connected
/// pairs, with A = Σ X²/D², B = Σ X/D (X layout distance, D hops, P pairs). It is the stress
/// after the best uniform scaling, so it compares layouts of any size; 0 is perfect.
/// `sources` limits the BFS roots (every node when `None`) to keep big graphs cheap.
pub fn stress(
    node_count: usize,
    edge_source: &[u32],
    edge_target: &[u32],
    xy: &[f64],
    roots: Option<&[u32]>,
) -> f64 {
    let adjacency = undirected_adjacency(node_count, edge_source, edge_target);
    let all: Vec<u32> = (0..node_count as u32).collect();
    let roots = roots.unwrap_or(&all);
    let (mut a, mut b, mut p) = (0.0, 0.0, 0.0);
    let mut hops = vec![u32::MAX; node_count];
    let mut queue = VecDeque::new();
    for &root in roots {
        let root = root as usize;
        hops.fill(u32::MAX);
        hops[root] = 0;
        queue.push_back(root);
        while let Some(v) = queue.pop_front() {
            for &w in &adjacency[v] {
                if hops[w as usize] == u32::MAX {
                    hops[w as usize] = hops[v] + 1;
                    queue.push_back(w as usize);
                }
            }
        }
        for (t, &h) in hops.iter().enumerate() {
            if h == u32::MAX || t == root {
                continue;
            }
            let d = f64::from(h);
            let x = ((xy[2 * root] - xy[2 * t]).powi(2)
                + (xy[2 * root + 1] - xy[2 * t + 1]).powi(2))
            .sqrt();
            a += x * x / (d * d);
            b += x / d;
            p += 1.0;
        }
    }
    if p == 0.0 || a == 0.0 {
        return 0.0;
    }
    1.0 - b * b / (a * p)
}

/// Number of pairs of ties, not sharing a node, whose straight segments cross. O(E²): for
/// graphs up to about a thousand nodes.
pub fn crossings(edge_source: &[u32], edge_target: &[u32], xy: &[f64]) -> usize {
    let pt = |i: u32| (xy[2 * i as usize], xy[2 * i as usize + 1]);
    let mut count = 0;
    for e in 0..edge_source.len() {
        let (a, b) = (edge_source[e], edge_target[e]);
        for f in 0..e {
            let (c, d) = (edge_source[f], edge_target[f]);
            if a == c || a == d || b == c || b == d {
                continue;
            }
            if segments_cross(pt(a), pt(b), pt(c), pt(d)) {
                count += 1;
            }
        }
    }
    count
}

fn orient(p: (f64, f64), q: (f64, f64), r: (f64, f64)) -> f64 {
    (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0)
}

pub(crate) fn segments_cross(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    let (o1, o2) = (orient(a, b, c), orient(a, b, d));
    let (o3, o4) = (orient(c, d, a), orient(c, d, b));
    o1 * o2 < 0.0 && o3 * o4 < 0.0
}

pub(crate) fn undirected_adjacency(n: usize, s: &[u32], t: &[u32]) -> Vec<Vec<u32>> {
    let mut adjacency = vec![Vec::new(); n];
    for k in 0..s.len() {
        adjacency[s[k] as usize].push(t[k]);
        adjacency[t[k] as usize].push(s[k]);
    }
    adjacency
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_laid_on_a_line_has_zero_stress_and_a_folded_one_does_not() {
        let s = [0, 1, 2];
        let t = [1, 2, 3];
        let straight = [0.0, 0.0, 2.0, 0.0, 4.0, 0.0, 6.0, 0.0];
        assert!(stress(4, &s, &t, &straight, None).abs() < 1e-12);
        let folded = [0.0, 0.0, 2.0, 0.0, 2.0, 2.0, 0.0, 2.0];
        assert!(stress(4, &s, &t, &folded, None) > 0.01);
    }

    #[test]
    fn crossing_diagonals_count_once() {
        let xy = [0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0];
        assert_eq!(crossings(&[0, 2], &[1, 3], &xy), 1);
        assert_eq!(crossings(&[0, 0], &[1, 3], &xy), 0);
        let apart = [0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0];
        assert_eq!(crossings(&[0, 2], &[1, 3], &apart), 0);
    }
}
