//! A static KD-tree over Int32 points: kdbush 4.1.0 ported step for step.
//!
//! Why an exact port rather than any spatial index: supercluster's outputs are in the order
//! kdbush visits its tree (cluster lists, children, and so the paging of leaves), and that
//! order is fixed by kdbush's Floyd–Rivest selection and its stack walk. Keeping both
//! identical keeps every result identical, order included.
//!
//! Unlike kdbush, a tree keeps no coordinates: its items are handles (an input point, or a
//! cluster row) and the walk looks their coordinates up. A point's coordinates are the same
//! at every zoom and a cluster's never change, so kdbush's per-level copy (8 bytes an item
//! and level) only repeated them; see `index`'s module docs for what that saves.

pub struct KdTree {
    node_size: usize,
    /// The item at each tree position: a handle (input point or cluster row) that the
    /// caller's `xy` lookup turns into coordinates. No coordinates are kept: 4 bytes an
    /// item instead of kdbush's 12 (see the module docs of `index`).
    ids: Vec<u32>,
}

impl KdTree {
    /// Builds over `ids` with coordinates `xs`, `ys` (same order), exactly as kdbush orders
    /// items added in that order. `xs` and `ys` are reordered along (scratch).
    #[cfg(test)]
    pub fn new(mut ids: Vec<u32>, xs: &mut [i32], ys: &mut [i32], node_size: usize) -> KdTree {
        let n = ids.len();
        assert!(xs.len() == n && ys.len() == n);
        let node_size = node_size.clamp(2, 65535);
        if n > 0 {
            let mut items = Items {
                ids: &mut ids,
                xs,
                ys,
            };
            sort(&mut items, node_size, 0, n as isize - 1, 0);
        }
        ids.shrink_to_fit();
        KdTree { node_size, ids }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn heap_bytes(&self) -> usize {
        self.ids.capacity() * 4
    }

    /// Items inside the box (bounds inclusive), appended to `out` in kdbush's order.
    pub fn range(
        &self,
        xy: impl Fn(u32) -> (i32, i32),
        [min_x, min_y, max_x, max_y]: [f64; 4],
        out: &mut Vec<u32>,
    ) {
        let inside = |x: i32, y: i32| {
            let (x, y) = (x as f64, y as f64);
            x >= min_x && x <= max_x && y >= min_y && y <= max_y
        };
        self.walk(
            xy,
            out,
            inside,
            |axis, x, y| if axis == 0 { min_x <= x } else { min_y <= y },
            |axis, x, y| if axis == 0 { max_x >= x } else { max_y >= y },
        );
    }

    /// Items within `r` of (qx, qy), appended to `out` in kdbush's order. Distances are
    /// computed in f64 as kdbush does, so ties at exactly `r` resolve the same way.
    pub fn within(
        &self,
        xy: impl Fn(u32) -> (i32, i32),
        qx: f64,
        qy: f64,
        r: f64,
        out: &mut Vec<u32>,
    ) {
        let r2 = r * r;
        self.walk(
            xy,
            out,
            |x, y| sq_dist(x as f64, y as f64, qx, qy) <= r2,
            |axis, x, y| if axis == 0 { qx - r <= x } else { qy - r <= y },
            |axis, x, y| if axis == 0 { qx + r >= x } else { qy + r >= y },
        );
    }

    /// kdbush's explicit-stack walk; the stack order (left pushed first, so the right half
    /// is visited first) is what fixes the output order.
    fn walk(
        &self,
        xy: impl Fn(u32) -> (i32, i32),
        out: &mut Vec<u32>,
        hit: impl Fn(i32, i32) -> bool,
        go_left: impl Fn(usize, f64, f64) -> bool,
        go_right: impl Fn(usize, f64, f64) -> bool,
    ) {
        if self.ids.is_empty() {
            return;
        }
        let ids = &self.ids;
        let mut stack: [(usize, usize, usize); 96] = [(0, 0, 0); 96];
        stack[0] = (0, ids.len() - 1, 0);
        let mut sp = 1;
        while sp > 0 {
            sp -= 1;
            let (left, right, axis) = stack[sp];
            if right - left <= self.node_size {
                for &id in &ids[left..=right] {
                    let (x, y) = xy(id);
                    if hit(x, y) {
                        out.push(id);
                    }
                }
                continue;
            }
            let m = (left + right) >> 1;
            let (x, y) = xy(ids[m]);
            if hit(x, y) {
                out.push(ids[m]);
            }
            if go_left(axis, x as f64, y as f64) {
                stack[sp] = (left, m - 1, 1 - axis);
                sp += 1;
            }
            if go_right(axis, x as f64, y as f64) {
                stack[sp] = (m + 1, right, 1 - axis);
                sp += 1;
            }
        }
    }
}

/// A [`KdTree`] built in steps: kdbush's recursive sort as a stack of ranges still to
/// split. Ranges are disjoint, so the order they are split in cannot change the result:
/// the tree equals [`KdTree::new`]'s however the work is cut.
pub struct TreeBuild {
    node_size: usize,
    ids: Vec<u32>,
    xs: Vec<i32>,
    ys: Vec<i32>,
    /// (left, right, axis) ranges left to sort.
    stack: Vec<(isize, isize, usize)>,
}

impl TreeBuild {
    /// Starts a tree over `ids` with coordinates `xs`, `ys` (same order; reordered along
    /// and handed back by [`finish`](Self::finish)).
    pub fn new(ids: Vec<u32>, xs: Vec<i32>, ys: Vec<i32>, node_size: usize) -> TreeBuild {
        let n = ids.len();
        assert!(xs.len() == n && ys.len() == n);
        let node_size = node_size.clamp(2, 65535);
        let stack = if n > 0 {
            vec![(0, n as isize - 1, 0)]
        } else {
            Vec::new()
        };
        TreeBuild {
            node_size,
            ids,
            xs,
            ys,
            stack,
        }
    }

    /// Splits ranges until `budget` (one unit an item of each range selected) is spent;
    /// returns whether the tree is complete. One range is the smallest piece of work: the
    /// first one is all the items.
    pub fn advance(&mut self, budget: &mut u64) -> bool {
        let mut items = Items {
            ids: &mut self.ids,
            xs: &mut self.xs,
            ys: &mut self.ys,
        };
        while *budget > 0 {
            let Some((left, right, axis)) = self.stack.pop() else {
                return true;
            };
            if right - left <= self.node_size as isize {
                continue;
            }
            let m = (left + right) >> 1;
            select(&mut items, m, left, right, axis);
            *budget = budget.saturating_sub((right - left + 1) as u64);
            // Right pushed first: the left half is split first, as kdbush's recursion does.
            self.stack.push((m + 1, right, 1 - axis));
            self.stack.push((left, m - 1, 1 - axis));
        }
        self.stack.is_empty()
    }

    /// Items still to place (an upper bound of the work left, per level of the tree).
    pub fn pending(&self) -> usize {
        self.stack
            .iter()
            .map(|&(l, r, _)| (r - l + 1).max(0) as usize)
            .sum()
    }

    /// The tree (completing any work left) and the scratch coordinates.
    pub fn finish(mut self) -> (KdTree, Vec<i32>, Vec<i32>) {
        let mut budget = u64::MAX;
        while !self.advance(&mut budget) {}
        self.ids.shrink_to_fit();
        let tree = KdTree {
            node_size: self.node_size,
            ids: self.ids,
        };
        (tree, self.xs, self.ys)
    }
}

struct Items<'a> {
    ids: &'a mut [u32],
    xs: &'a mut [i32],
    ys: &'a mut [i32],
}

impl Items<'_> {
    fn c(&self, i: isize, axis: usize) -> i32 {
        if axis == 0 {
            self.xs[i as usize]
        } else {
            self.ys[i as usize]
        }
    }

    fn swap(&mut self, i: isize, j: isize) {
        let (i, j) = (i as usize, j as usize);
        self.ids.swap(i, j);
        self.xs.swap(i, j);
        self.ys.swap(i, j);
    }
}

pub fn sq_dist(ax: f64, ay: f64, bx: f64, by: f64) -> f64 {
    let dx = ax - bx;
    let dy = ay - by;
    dx * dx + dy * dy
}

#[cfg(test)]
fn sort(items: &mut Items, node_size: usize, left: isize, right: isize, axis: usize) {
    if right - left <= node_size as isize {
        return;
    }
    let m = (left + right) >> 1;
    select(items, m, left, right, axis);
    sort(items, node_size, left, m - 1, 1 - axis);
    sort(items, node_size, m + 1, right, 1 - axis);
}

/// Floyd–Rivest selection with kdbush's exact sampling arithmetic: a different sample
/// window would leave the halves in a different (equally valid) order.
fn select(items: &mut Items, k: isize, mut left: isize, mut right: isize, axis: usize) {
    while right > left {
        if right - left > 600 {
            let n = (right - left + 1) as f64;
            let m = (k - left + 1) as f64;
            let z = n.ln();
            let s = 0.5 * (2.0 * z / 3.0).exp();
            let sign = if m - n / 2.0 < 0.0 { -1.0 } else { 1.0 };
            let sd = 0.5 * (z * s * (n - s) / n).sqrt() * sign;
            let kf = k as f64;
            let new_left = (left as f64).max((kf - m * s / n + sd).floor()) as isize;
            let new_right = (right as f64).min((kf + (n - m) * s / n + sd).floor()) as isize;
            select(items, k, new_left, new_right, axis);
        }

        let t = items.c(k, axis);
        let mut i = left;
        let mut j = right;

        items.swap(left, k);
        if items.c(right, axis) > t {
            items.swap(left, right);
        }
        while i < j {
            items.swap(i, j);
            i += 1;
            j -= 1;
            while items.c(i, axis) < t {
                i += 1;
            }
            while items.c(j, axis) > t {
                j -= 1;
            }
        }
        if items.c(left, axis) == t {
            items.swap(left, j);
        } else {
            j += 1;
            items.swap(j, right);
        }
        if j <= k {
            left = j + 1;
        }
        if k <= j {
            right = j - 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lcg_points(n: usize) -> (Vec<i32>, Vec<i32>) {
        let mut rng = crate::rng::Mulberry32::new(7);
        let mut next = || (rng.next_u32() >> 8) as i32 - (1 << 23);
        (0..n).map(|_| (next(), next())).unzip()
    }

    fn tree_of(xs: &[i32], ys: &[i32], node_size: usize) -> KdTree {
        let ids = (0..xs.len() as u32).collect();
        KdTree::new(ids, &mut xs.to_vec(), &mut ys.to_vec(), node_size)
    }

    #[test]
    fn range_and_within_match_brute_force() {
        let (xs, ys) = lcg_points(5000);
        let tree = tree_of(&xs, &ys, 16);
        let xy = |i: u32| (xs[i as usize], ys[i as usize]);
        let mut got = Vec::new();
        tree.range(xy, [-1e6, -2e6, 3e6, 1e6], &mut got);
        got.sort_unstable();
        let want: Vec<u32> = (0..xs.len() as u32)
            .filter(|&i| {
                let (x, y) = (xs[i as usize], ys[i as usize]);
                (-1_000_000..=3_000_000).contains(&x) && (-2_000_000..=1_000_000).contains(&y)
            })
            .collect();
        assert!(!want.is_empty());
        assert_eq!(got, want);

        let mut got = Vec::new();
        tree.within(xy, 1000.0, -5000.0, 9e5, &mut got);
        got.sort_unstable();
        let want: Vec<u32> = (0..xs.len() as u32)
            .filter(|&i| {
                let i = i as usize;
                sq_dist(xs[i] as f64, ys[i] as f64, 1000.0, -5000.0) <= 9e5 * 9e5
            })
            .collect();
        assert!(!want.is_empty());
        assert_eq!(got, want);
    }

    /// A tree built a few ranges at a time has kdbush's order, item for item.
    #[test]
    fn built_in_steps_equals_built_at_once() {
        let (mut xs, mut ys) = lcg_points(20_000);
        // Duplicates and a line: ties in the selection.
        xs.extend(vec![5; 700]);
        ys.extend((0..700).map(|i| i % 3));
        for node_size in [2, 16, 64] {
            let whole = tree_of(&xs, &ys, node_size);
            for per_call in [1, 100, 5000] {
                let ids = (0..xs.len() as u32).collect();
                let mut b = TreeBuild::new(ids, xs.clone(), ys.clone(), node_size);
                let mut calls = 0;
                loop {
                    calls += 1;
                    let mut budget = per_call;
                    if b.advance(&mut budget) {
                        break;
                    }
                }
                assert!(calls > 3, "{calls}");
                let (tree, bx, by) = b.finish();
                assert_eq!(
                    tree.ids, whole.ids,
                    "node size {node_size}, {per_call} a call"
                );
                let ids = &tree.ids;
                assert!(ids.iter().zip(&bx).all(|(&i, &x)| xs[i as usize] == x));
                assert!(ids.iter().zip(&by).all(|(&i, &y)| ys[i as usize] == y));
            }
        }
    }

    #[test]
    fn empty_tree_finds_nothing() {
        let tree = tree_of(&[], &[], 64);
        let xy = |_: u32| (0, 0);
        let mut out = Vec::new();
        tree.range(xy, [-1e9, -1e9, 1e9, 1e9], &mut out);
        tree.within(xy, 0.0, 0.0, 1e9, &mut out);
        assert!(out.is_empty());
    }
}
