//! Connected components, and packing them side by side without overlap.
//!
//! Stress refinement ([`super::stress`]) lays out each component on its own: hop distances
//! between components are infinite, so no term ties them together and their relative
//! placement would be whatever ForceAtlas2's gravity left. After refinement a component
//! usually has a different extent than before (ForceAtlas2 draws hubs' leaves much closer
//! than one edge length), so components that did not touch may now overlap and draw
//! crossings that belong to no graph. [`pack`] moves whole components onto shelves, the
//! biggest first, with a gap of two edge lengths: deterministic, no overlap (hence no
//! crossing between components), and close to square (a row is about √(total area) wide).
//!
//! Ties between components cannot exist; isolated nodes are components of one.

/// Component of every node (0, 1, … in order of each component's lowest node) and the
/// number of components. Self-loops are ignored.
///
/// # Examples
/// ```
/// use farmmap::network::components::components;
///
/// // 0–1–2 and 3–4, and 5 alone.
/// let (of, count) = components(6, &[0, 1, 3], &[1, 2, 4]);
/// assert_eq!(count, 3);
/// assert_eq!(of, vec![0, 0, 0, 1, 1, 2]);
/// ```
pub fn components(node_count: usize, sources: &[u32], targets: &[u32]) -> (Vec<u32>, usize) {
    // Union–find with path halving; then number roots in order of first appearance.
    let mut parent: Vec<u32> = (0..node_count as u32).collect();
    fn find(parent: &mut [u32], mut v: u32) -> u32 {
        while parent[v as usize] != v {
            let grand = parent[parent[v as usize] as usize];
            parent[v as usize] = grand;
            v = grand;
        }
        v
    }
    for (&s, &t) in sources.iter().zip(targets) {
        let (a, b) = (find(&mut parent, s), find(&mut parent, t));
        if a != b {
            let (lo, hi) = (a.min(b), a.max(b));
            parent[hi as usize] = lo;
        }
    }
    let mut label = vec![u32::MAX; node_count];
    let mut of = vec![0u32; node_count];
    let mut count = 0u32;
    for v in 0..node_count as u32 {
        let r = find(&mut parent, v) as usize;
        if label[r] == u32::MAX {
            label[r] = count;
            count += 1;
        }
        of[v as usize] = label[r];
    }
    (of, count as usize)
}

/// Move each component (`of[i]` as from [`components`]) as a whole so that their bounding
/// boxes, grown by `gap`, do not overlap: shelves of boxes, biggest area first (ties by
/// component number), rows about √(total area) wide, the whole centred where the input's
/// centroid was. A single component is left where it is. Positions are [x0, y0, x1, …].
///
/// # Examples
/// ```
/// use farmmap::network::components::{components, pack};
///
/// // Two edges drawn on top of each other: packing puts them apart.
/// let (of, count) = components(4, &[0, 2], &[1, 3]);
/// let mut xy = vec![0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0];
/// pack(&mut xy, &of, count, 1.0);
/// let apart = (xy[4] - xy[0]).abs() >= 2.0 || (xy[5] - xy[1]).abs() >= 1.0;
/// assert!(apart, "{xy:?}");
/// ```
pub fn pack(xy: &mut [f64], of: &[u32], count: usize, gap: f64) {
    if count < 2 {
        return;
    }
    let n = of.len();
    let mut lo = vec![[f64::INFINITY; 2]; count];
    let mut hi = vec![[f64::NEG_INFINITY; 2]; count];
    let (mut cx, mut cy) = (0.0, 0.0);
    for i in 0..n {
        let c = of[i] as usize;
        for a in 0..2 {
            lo[c][a] = lo[c][a].min(xy[2 * i + a]);
            hi[c][a] = hi[c][a].max(xy[2 * i + a]);
        }
        cx += xy[2 * i];
        cy += xy[2 * i + 1];
    }
    cx /= n as f64;
    cy /= n as f64;
    let size = |c: usize| (hi[c][0] - lo[c][0] + gap, hi[c][1] - lo[c][1] + gap);
    let mut order: Vec<usize> = (0..count).collect();
    crate::sort::sort_by(&mut order, |&a, &b| {
        let (wa, ha) = size(a);
        let (wb, hb) = size(b);
        (wb * hb).total_cmp(&(wa * ha)).then(a.cmp(&b))
    });
    let total: f64 = order.iter().map(|&c| size(c).0 * size(c).1).sum();
    let row_width = total.sqrt().max(size(order[0]).0);
    // Shelf packing: the offset each component's low corner moves to.
    let mut at = vec![[0.0f64; 2]; count];
    let (mut x, mut y, mut shelf, mut width) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for &c in &order {
        let (w, h) = size(c);
        if x > 0.0 && x + w > row_width {
            y += shelf;
            x = 0.0;
            shelf = 0.0;
        }
        at[c] = [x, y];
        x += w;
        width = width.max(x);
        shelf = shelf.max(h);
    }
    let height = y + shelf;
    let (ox, oy) = (cx - width / 2.0, cy - height / 2.0);
    for i in 0..n {
        let c = of[i] as usize;
        xy[2 * i] += ox + at[c][0] - lo[c][0];
        xy[2 * i + 1] += oy + at[c][1] - lo[c][1];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_components_do_not_overlap() {
        // Five paths of different lengths, all drawn on the same spot.
        let (mut s, mut t, mut xy) = (vec![], vec![], vec![]);
        let mut v = 0u32;
        for len in [1u32, 4, 2, 7, 3] {
            for k in 0..=len {
                xy.extend([f64::from(k), 0.5 * f64::from(k % 2)]);
                if k > 0 {
                    s.push(v + k - 1);
                    t.push(v + k);
                }
            }
            v += len + 1;
        }
        let (of, count) = components(v as usize, &s, &t);
        assert_eq!(count, 5);
        pack(&mut xy, &of, count, 1.0);
        let bbox = |c: u32| {
            let mut b = [
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ];
            for i in (0..of.len()).filter(|&i| of[i] == c) {
                b = [
                    b[0].min(xy[2 * i]),
                    b[1].min(xy[2 * i + 1]),
                    b[2].max(xy[2 * i]),
                    b[3].max(xy[2 * i + 1]),
                ];
            }
            b
        };
        for a in 0..5 {
            for b in 0..a {
                let (p, q) = (bbox(a), bbox(b));
                let apart = p[2] + 1.0 <= q[0] + 1e-9
                    || q[2] + 1.0 <= p[0] + 1e-9
                    || p[3] + 1.0 <= q[1] + 1e-9
                    || q[3] + 1.0 <= p[1] + 1e-9;
                assert!(apart, "components {a} and {b} overlap: {p:?} {q:?}");
            }
        }
        // Shapes are kept: each path still has unit steps.
        assert!(((xy[2] - xy[0]) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn one_component_stays_put_and_empty_is_fine() {
        let mut xy = vec![3.0, 4.0, 5.0, 6.0];
        let (of, count) = components(2, &[0], &[1]);
        pack(&mut xy, &of, count, 1.0);
        assert_eq!(xy, vec![3.0, 4.0, 5.0, 6.0]);
        let (of, count) = components(0, &[], &[]);
        assert_eq!(count, 0);
        pack(&mut [], &of, count, 1.0);
    }
}
