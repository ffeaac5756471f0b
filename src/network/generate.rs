//! Seeded test graphs shared with the JS bench (`bench/layout.mjs` builds the same ones), so
//! Rust tests and the bench measure identical inputs.

use crate::rng::Mulberry32;

/// Barabási–Albert graph with m = 2: start from a triangle, then each new node ties to two
/// distinct earlier nodes drawn from the endpoint list (so in proportion to degree).
/// Returns (sources, targets).
pub fn barabasi_albert(n: usize, seed: u32) -> (Vec<u32>, Vec<u32>) {
    let mut sources = Vec::new();
    let mut targets = Vec::new();
    if n < 2 {
        return (sources, targets);
    }
    let mut rng = Mulberry32::new(seed);
    let start = n.min(3) as u32;
    let mut endpoints: Vec<u32> = Vec::with_capacity(4 * n);
    for a in 0..start {
        let b = (a + 1) % start;
        if start == 2 && a == 1 {
            break;
        }
        sources.push(a);
        targets.push(b);
        endpoints.push(a);
        endpoints.push(b);
    }
    for v in start..n as u32 {
        let first = endpoints[(rng.next_f64() * endpoints.len() as f64) as usize];
        let mut second = first;
        while second == first {
            second = endpoints[(rng.next_f64() * endpoints.len() as f64) as usize];
        }
        for t in [first, second] {
            sources.push(v);
            targets.push(t);
            endpoints.push(v);
            endpoints.push(t);
        }
    }
    (sources, targets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ba_has_two_ties_per_new_node_and_no_self_or_double_ties() {
        let (s, t) = barabasi_albert(500, 7);
        assert_eq!(s.len(), 3 + 2 * 497);
        let mut seen = std::collections::HashSet::new();
        for k in 0..s.len() {
            assert_ne!(s[k], t[k]);
            assert!(seen.insert((s[k].min(t[k]), s[k].max(t[k]))));
        }
        assert_eq!(barabasi_albert(500, 7), (s, t));
    }
}
