//! Ramer–Douglas–Peucker simplification of a polyline, as `geo::Simplify` does it for a
//! `LineString` (same farthest-point rule, ties to the later point, same ends kept), but
//! comparing **squared** distances: no `hypot`, no square root.
//!
//! Why not `geo`'s: its point-to-segment distance calls `f64::hypot` once per point. In
//! WebAssembly that is a call into the standard library's libm (`compiler_builtins`), which
//! since 2025 is a correctly rounded hypot built on three software `fma`s (wasm has no fused
//! multiply-add instruction): building the basemap's levels for the first map frame spent
//! ~20 ms in it when std is rebuilt for size (`-Z build-std`, scripts/reader-toolchain.sh;
//! `node bench/wasm-profile.mjs`). Squared distances need only `+ - * /`, which are exact
//! IEEE operations on every target, so native tests and the wasm keep the same points.

use geo::Coord;

/// The points of `line` that RDP keeps with tolerance `epsilon` (world units): the first and
/// the last, and recursively the farthest point from the chord between two kept points
/// while it is farther than `epsilon`. `epsilon <= 0` keeps every point; a NaN one only the
/// ends (as geo's).
///
/// # Examples
/// ```
/// use farmmap::basemap::simplify::simplify;
/// use geo::Coord;
/// let c = |x, y| Coord { x, y };
/// let line = [c(0.0, 0.0), c(1.0, 0.1), c(2.0, -0.1), c(3.0, 5.0), c(4.0, 6.0), c(5.0, 7.0)];
/// assert_eq!(simplify(&line, 1.0), [c(0.0, 0.0), c(2.0, -0.1), c(3.0, 5.0), c(5.0, 7.0)]);
/// ```
pub fn simplify(line: &[Coord<f64>], epsilon: f64) -> Vec<Coord<f64>> {
    if line.len() <= 2 || epsilon <= 0.0 {
        return line.to_vec();
    }
    let eps2 = epsilon * epsilon;
    let mut keep = vec![false; line.len()];
    keep[0] = true;
    keep[line.len() - 1] = true;
    // Spans (first, last) still to examine; depth-first, like geo's recursion (the order
    // does not change the result: each span is decided by its own points).
    let mut spans = vec![(0, line.len() - 1)];
    while let Some((first, last)) = spans.pop() {
        if last - first < 2 {
            continue;
        }
        let (a, b) = (line[first], line[last]);
        let (mut far, mut far_d2) = (0, 0.0);
        for (i, &p) in line.iter().enumerate().take(last).skip(first + 1) {
            let d2 = segment_distance2(p, a, b);
            // `>=`: a tie goes to the later point, as in geo's fold.
            if d2 >= far_d2 {
                (far, far_d2) = (i, d2);
            }
        }
        if far_d2 > eps2 {
            keep[far] = true;
            spans.push((far, last));
            spans.push((first, far));
        }
    }
    line.iter()
        .zip(&keep)
        .filter(|(_, &k)| k)
        .map(|(&p, _)| p)
        .collect()
}

/// Squared distance from `p` to the segment `a`–`b` (geo-types' `line_segment_distance`,
/// squared).
fn segment_distance2(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let d2 = |u: Coord<f64>, v: Coord<f64>| (u.x - v.x) * (u.x - v.x) + (u.y - v.y) * (u.y - v.y);
    if a == b {
        return d2(p, a);
    }
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let r = ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2;
    if r <= 0.0 {
        return d2(p, a);
    }
    if r >= 1.0 {
        return d2(p, b);
    }
    let cross = (a.y - p.y) * dx - (a.x - p.x) * dy;
    cross * cross / len2
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, Simplify};

    fn c(x: f64, y: f64) -> Coord<f64> {
        Coord { x, y }
    }

    #[test]
    fn keeps_ends_and_short_lines() {
        assert_eq!(simplify(&[], 1.0), []);
        assert_eq!(simplify(&[c(1.0, 2.0)], 1.0), [c(1.0, 2.0)]);
        let flat = [c(0.0, 0.0), c(1.0, 0.0), c(2.0, 0.0), c(3.0, 0.0)];
        assert_eq!(simplify(&flat, 0.5), [c(0.0, 0.0), c(3.0, 0.0)]);
        assert_eq!(simplify(&flat, 0.0), flat);
        let wiggly = [c(0.0, 0.0), c(1.0, 5.0), c(2.0, -5.0), c(3.0, 0.0)];
        assert_eq!(simplify(&wiggly, f64::NAN), [c(0.0, 0.0), c(3.0, 0.0)]);
        let theirs = geo::Simplify::simplify(&geo::LineString::from(wiggly.to_vec()), f64::NAN);
        assert_eq!(theirs.0, [c(0.0, 0.0), c(3.0, 0.0)]);
    }

    #[test]
    fn a_closed_ring_keeps_its_farthest_points() {
        // First == last: distances are to that point, as in geo.
        let ring = [
            c(0.0, 0.0),
            c(4.0, 0.0),
            c(4.0, 3.0),
            c(0.0, 3.0),
            c(0.0, 0.0),
        ];
        assert_eq!(simplify(&ring, 0.1), ring);
        assert_eq!(
            simplify(&ring, 4.9),
            [c(0.0, 0.0), c(4.0, 3.0), c(0.0, 0.0)]
        );
    }

    /// The same points as geo's `LineString::simplify` on pseudo-random wiggly lines at
    /// several tolerances (the behaviour this replaces).
    #[test]
    fn agrees_with_geo() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut compared = 0;
        for n in [3, 5, 17, 200, 1000] {
            for _ in 0..20 {
                let (mut x, mut y) = (next(), next());
                let line: Vec<Coord<f64>> = (0..n)
                    .map(|_| {
                        x += next() - 0.3;
                        y += next() - 0.5;
                        c(x, y)
                    })
                    .collect();
                for eps in [1e-4, 0.01, 0.1, 0.5, 2.0] {
                    let ours = simplify(&line, eps);
                    let theirs = LineString::from(line.clone()).simplify(eps).0;
                    assert_eq!(ours, theirs, "n {n}, epsilon {eps}");
                    compared += 1;
                }
            }
        }
        assert_eq!(compared, 5 * 20 * 5);
    }
}
