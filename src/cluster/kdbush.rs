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
//!
//! Building the trees is a third of building the index, nearly all of it in the selection's
//! partition loop, whose branches on each comparison mispredict about once an item. Its
//! swaps cannot change (they fix the order), but which swaps it makes can be found without
//! those branches: [`partition`] scans blocks from both ends, counting instead of
//! branching, and makes kdbush's swaps in kdbush's order (a test compares every array,
//! position for position, with kdbush's loop). At 1M Gaussian points the selection went
//! from 36 % of the build's perf samples to 24 % of a smaller total, the build's CPU time
//! down by about a tenth (figures and commands: docs/cluster.md, "How indexing is fast").

pub struct KdTree {
    node_size: usize,
    /// The item at each tree position: a handle (input point or cluster row) that the
    /// caller's `xy` lookup turns into coordinates. No coordinates are kept: 4 bytes an
    /// item instead of kdbush's 12 (see the module docs of `index`).
    ids: Vec<u32>,
    /// Each node of kdbush's implicit tree (heap-numbered: the root 0, the children of
    /// node k are 2k + 1 and 2k + 2): the bounding box of its items. See [`Node`].
    nodes: Vec<Node>,
}

/// What [`KdTree::range`] needs to know about one node of the tree without looking up
/// its items' coordinates: their bounding box.
///
/// kdbush descends by the median's split line only, and then tests every item of each
/// bucket it reaches. Here a box query skips a subtree whose box misses the query, takes a
/// subtree whose box lies inside it whole, and tests items one by one only in buckets the
/// query's edge crosses. The output is the same items in the same order (kdbush's walk
/// order is kept; only work that finds nothing, or tests that cannot fail, is left out).
/// 16 bytes a node slot: with the default `node_size` 64, one slot per 24–30 items on the
/// bench's levels (at most one per 8), under a byte an item (kept memory 0.18–0.21× →
/// 0.20–0.23× supercluster's). In return a query no longer looks up the coordinates of
/// every item of every bucket it visits, each a cache miss in the point array.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Node {
    min_x: i32,
    min_y: i32,
    max_x: i32,
    max_y: i32,
}

impl KdTree {
    /// Builds over `ids` with coordinates `xs`, `ys` (same order), exactly as kdbush orders
    /// items added in that order. `xs` and `ys` are reordered along (scratch).
    #[cfg(test)]
    pub fn new(mut ids: Vec<u32>, xs: &mut [i32], ys: &mut [i32], node_size: usize) -> KdTree {
        let n = ids.len();
        assert!(xs.len() == n && ys.len() == n);
        let node_size = node_size.clamp(2, 65535);
        let mut nodes = Vec::new();
        if n > 0 {
            let mut items = Items {
                ids: &mut ids,
                xs,
                ys,
            };
            sort(&mut items, node_size, 0, n as isize - 1, 0);
            boxes(&mut nodes, xs, ys, node_size, 0, n - 1, 0);
        }
        ids.shrink_to_fit();
        nodes.shrink_to_fit();
        KdTree {
            node_size,
            ids,
            nodes,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn heap_bytes(&self) -> usize {
        self.ids.capacity() * 4 + self.nodes.capacity() * std::mem::size_of::<Node>()
    }

    /// Items inside the box (bounds inclusive), appended to `out` in kdbush's order: the
    /// items kdbush's `range` returns, in its order, with the node boxes sparing most
    /// coordinate look-ups (see [`Node`]).
    pub fn range(
        &self,
        xy: impl Fn(u32) -> (i32, i32),
        [min_x, min_y, max_x, max_y]: [f64; 4],
        out: &mut Vec<u32>,
    ) {
        // An empty or NaN box holds nothing (kdbush walks the tree and finds nothing).
        if self.ids.is_empty() || !(min_x <= max_x && min_y <= max_y) {
            return;
        }
        let inside = |x: i32, y: i32| {
            let (x, y) = (f64::from(x), f64::from(y));
            x >= min_x && x <= max_x && y >= min_y && y <= max_y
        };
        let ids = &self.ids;
        // kdbush's stack walk: a node's own item, then its right half, then its left half.
        let mut stack = [(0usize, 0usize, 0usize); 96];
        stack[0] = (0, ids.len() - 1, 0);
        let mut sp = 1;
        while sp > 0 {
            sp -= 1;
            let (left, right, k) = stack[sp];
            let b = self.nodes[k];
            if f64::from(b.max_x) < min_x
                || f64::from(b.min_x) > max_x
                || f64::from(b.max_y) < min_y
                || f64::from(b.min_y) > max_y
            {
                continue; // nothing of this subtree is inside
            }
            if inside(b.min_x, b.min_y) && inside(b.max_x, b.max_y) {
                self.append_subtree(left, right, out); // all of it is inside
                continue;
            }
            if right - left <= self.node_size {
                for &id in &ids[left..=right] {
                    let (x, y) = xy(id);
                    if inside(x, y) {
                        out.push(id);
                    }
                }
                continue;
            }
            let m = (left + right) >> 1;
            let (x, y) = xy(ids[m]);
            if inside(x, y) {
                out.push(ids[m]);
            }
            stack[sp] = (left, m - 1, 2 * k + 1);
            stack[sp + 1] = (m + 1, right, 2 * k + 2);
            sp += 2;
        }
    }

    /// Every item of the subtree over `left..=right`, in kdbush's walk order.
    fn append_subtree(&self, left: usize, right: usize, out: &mut Vec<u32>) {
        let ids = &self.ids;
        let mut stack = [(0usize, 0usize); 96];
        stack[0] = (left, right);
        let mut sp = 1;
        while sp > 0 {
            sp -= 1;
            let (left, right) = stack[sp];
            if right - left <= self.node_size {
                out.extend_from_slice(&ids[left..=right]);
                continue;
            }
            let m = (left + right) >> 1;
            out.push(ids[m]);
            stack[sp] = (left, m - 1);
            stack[sp + 1] = (m + 1, right);
            sp += 2;
        }
    }

    /// kdbush's own `range`, step for step (every bucket item looked up): what
    /// [`range`](Self::range) must equal, order included.
    #[cfg(test)]
    fn range_kdbush(
        &self,
        xy: impl Fn(u32) -> (i32, i32),
        [min_x, min_y, max_x, max_y]: [f64; 4],
        out: &mut Vec<u32>,
    ) {
        self.walk(
            xy,
            out,
            |x, y| {
                let (x, y) = (x as f64, y as f64);
                x >= min_x && x <= max_x && y >= min_y && y <= max_y
            },
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
        // The node boxes the query walk uses: one linear pass over the sorted items.
        let mut nodes = Vec::new();
        if !self.ids.is_empty() {
            let last = self.ids.len() - 1;
            boxes(&mut nodes, &self.xs, &self.ys, self.node_size, 0, last, 0);
        }
        nodes.shrink_to_fit();
        let tree = KdTree {
            node_size: self.node_size,
            ids: self.ids,
            nodes,
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

    /// The coordinates along `axis`.
    fn axis(&self, axis: usize) -> &[i32] {
        if axis == 0 {
            self.xs
        } else {
            self.ys
        }
    }

    fn swap(&mut self, i: isize, j: isize) {
        let (i, j) = (i as usize, j as usize);
        self.ids.swap(i, j);
        self.xs.swap(i, j);
        self.ys.swap(i, j);
    }
}

/// Fills `nodes[k]` for the subtree over `left..=right` (items already in tree order),
/// returning its box.
fn boxes(
    nodes: &mut Vec<Node>,
    xs: &[i32],
    ys: &[i32],
    node_size: usize,
    left: usize,
    right: usize,
    k: usize,
) -> Node {
    if nodes.len() <= k {
        nodes.resize(k + 1, Node::default());
    }
    let node = if right - left <= node_size {
        let (xs, ys) = (&xs[left..=right], &ys[left..=right]);
        Node {
            min_x: *xs.iter().min().expect("a bucket is never empty"),
            min_y: *ys.iter().min().expect("a bucket is never empty"),
            max_x: *xs.iter().max().expect("a bucket is never empty"),
            max_y: *ys.iter().max().expect("a bucket is never empty"),
        }
    } else {
        let m = (left + right) >> 1;
        let a = boxes(nodes, xs, ys, node_size, left, m - 1, 2 * k + 1);
        let b = boxes(nodes, xs, ys, node_size, m + 1, right, 2 * k + 2);
        let (x, y) = (xs[m], ys[m]);
        Node {
            min_x: a.min_x.min(b.min_x).min(x),
            min_y: a.min_y.min(b.min_y).min(y),
            max_x: a.max_x.max(b.max_x).max(x),
            max_y: a.max_y.max(b.max_y).max(y),
        }
    };
    nodes[k] = node;
    node
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
/// window would leave the halves in a different (equally valid) order. The partition is
/// kdbush's Hoare loop, done in blocks ([`partition`]): the same swaps, in the same order.
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
        items.swap(left, k);
        if items.c(right, axis) > t {
            items.swap(left, right);
        }
        let mut j = partition(items, t, left, right, axis);
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

/// Positions [`partition`] scans per block.
const BLOCK: usize = 64;

/// kdbush's Hoare loop around pivot value `t` over `left..=right`, returning where `j`
/// stops (called as kdbush enters it: `left` and `right` hold `t` and a value ≤ `t`, or a
/// value > `t` and `t`, so after the first swap both scans stop in range):
/// ```text
/// i = left; j = right
/// while i < j { swap(i, j); i++; j--; while a[i] < t { i++ } while a[j] > t { j-- } }
/// ```
/// Its k-th swap pairs the k-th position from the left holding a value ≥ `t` with the k-th
/// from the right holding one ≤ `t`, in the values as they were before the loop, for as
/// long as the first lies left of the second (positions between the last pair swapped
/// are untouched). So blocks of `BLOCK` positions are scanned from both ends without a
/// branch per item (each comparison's outcome only advances a count: kdbush's loop
/// mispredicted a branch about once per item, a third of the build's time at 1M
/// points), and their positions paired and swapped in order, as long as both ends have a
/// whole block left between them; the last few positions take kdbush's own loop from the
/// last pair swapped. The swaps, and so the tree, are kdbush's.
fn partition(items: &mut Items, t: i32, left: isize, right: isize, axis: usize) -> isize {
    items.swap(left, right);
    let (mut last_l, mut last_r) = (left, right);
    // The next positions to scan from each end; everything strictly between the last pair
    // swapped still holds its value from before the loop.
    let (mut i, mut j) = (left as usize + 1, right as usize - 1);
    let (mut lbuf, mut rbuf) = ([0usize; BLOCK], [0usize; BLOCK]);
    let (mut lh, mut ln, mut rh, mut rn) = (0, 0, 0, 0);
    loop {
        if lh == ln {
            if j + 1 < i + BLOCK {
                break;
            }
            let c = items.axis(axis);
            (lh, ln) = (0, 0);
            for (o, &v) in c[i..i + BLOCK].iter().enumerate() {
                lbuf[ln] = i + o;
                ln += usize::from(v >= t);
            }
            i += BLOCK;
        }
        if rh == rn {
            if j + 1 < i + BLOCK {
                break;
            }
            let c = items.axis(axis);
            (rh, rn) = (0, 0);
            let first = j + 1 - BLOCK;
            for (o, &v) in c[first..=j].iter().enumerate().rev() {
                rbuf[rn] = first + o;
                rn += usize::from(v <= t);
            }
            j -= BLOCK;
        }
        let pairs = (ln - lh).min(rn - rh);
        for _ in 0..pairs {
            let (l, r) = (lbuf[lh], rbuf[rh]);
            items.swap(l as isize, r as isize);
            (last_l, last_r) = (l as isize, r as isize);
            lh += 1;
            rh += 1;
        }
    }
    // kdbush's loop, from just after the last pair swapped.
    let (mut i, mut j) = (last_l + 1, last_r - 1);
    loop {
        while items.c(i, axis) < t {
            i += 1;
        }
        while items.c(j, axis) > t {
            j -= 1;
        }
        if i >= j {
            return j;
        }
        items.swap(i, j);
        i += 1;
        j -= 1;
    }
}

/// kdbush's `select` as written (one branch per item scanned): what [`select`] must equal,
/// swap for swap.
#[cfg(test)]
fn select_kdbush(items: &mut Items, k: isize, mut left: isize, mut right: isize, axis: usize) {
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
            select_kdbush(items, k, new_left, new_right, axis);
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

    /// The block partition makes kdbush's swaps: every position of every array equal to
    /// kdbush's own `select`'s, on random, clustered, duplicate, sorted and constant
    /// coordinates, ranges from 1 to 5,000 items (below and above 600, the sampling size,
    /// and around the block size) and every kind of k.
    #[test]
    fn select_equals_kdbush_select() {
        let mut rng = crate::rng::Mulberry32::new(23);
        let mut checked = 0;
        for case in 0..400 {
            let n = match case % 8 {
                0 => 1 + rng.next_u32() as usize % 5,
                1 => 60 + rng.next_u32() as usize % 140,
                2 => 550 + rng.next_u32() as usize % 200,
                _ => 1 + rng.next_u32() as usize % 5000,
            };
            let spread = [u32::MAX, 1000, 3, 1][case % 4];
            let mut xs: Vec<i32> = (0..n).map(|_| (rng.next_u32() % spread) as i32).collect();
            let ys: Vec<i32> = (0..n).map(|_| rng.next_u32() as i32).collect();
            if case % 5 == 4 {
                crate::sort::sort(&mut xs);
            }
            if case % 7 == 6 {
                xs.reverse();
            }
            let k = match case % 3 {
                0 => 0,
                1 => n - 1,
                _ => rng.next_u32() as usize % n,
            } as isize;
            let axis = case % 2;
            let (mut ids_a, mut xs_a, mut ys_a) =
                ((0..n as u32).collect::<Vec<_>>(), xs.clone(), ys.clone());
            let (mut ids_b, mut xs_b, mut ys_b) = (ids_a.clone(), xs, ys);
            let mut a = Items {
                ids: &mut ids_a,
                xs: &mut xs_a,
                ys: &mut ys_a,
            };
            let mut b = Items {
                ids: &mut ids_b,
                xs: &mut xs_b,
                ys: &mut ys_b,
            };
            select(&mut a, k, 0, n as isize - 1, axis);
            select_kdbush(&mut b, k, 0, n as isize - 1, axis);
            assert_eq!(ids_a, ids_b, "case {case}: {n} items, k {k}, axis {axis}");
            assert_eq!((&xs_a, &ys_a), (&xs_b, &ys_b), "case {case}");
            checked += n;
        }
        assert!(checked > 300_000, "{checked}");
    }

    #[test]
    fn range_and_within_match_brute_force() {
        let (xs, ys) = lcg_points(5000);
        let tree = tree_of(&xs, &ys, 16);
        let xy = |i: u32| (xs[i as usize], ys[i as usize]);
        let mut got = Vec::new();
        tree.range(xy, [-1e6, -2e6, 3e6, 1e6], &mut got);
        crate::sort::sort(&mut got);
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
        crate::sort::sort(&mut got);
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
    fn range_equals_kdbush_walk_in_order() {
        // Uniform, clustered and duplicate points; boxes of every size, some inverted or
        // NaN; node sizes from 2 to 64.
        let mut rng = crate::rng::Mulberry32::new(11);
        let (ux, uy) = lcg_points(3000);
        let mut cx = Vec::new();
        let mut cy = Vec::new();
        for i in 0..3000 {
            let c = (i % 7) as f64 * 1e8;
            cx.push((c + rng.gaussian() * 1e6) as i32);
            cy.push((c * 0.5 + rng.gaussian() * 1e6) as i32);
        }
        let (dx, dy): (Vec<i32>, Vec<i32>) = (0..500).map(|i| ((i % 3) * 5, 7)).unzip();
        let mut checked = 0;
        for (xs, ys) in [(&ux, &uy), (&cx, &cy), (&dx, &dy)] {
            for node_size in [2, 5, 16, 64] {
                let tree = tree_of(xs, ys, node_size);
                let xy = |i: u32| (xs[i as usize], ys[i as usize]);
                for q in 0i32..300 {
                    let w = 2f64.powi(q % 31);
                    let x = (rng.next_f64() - 0.5) * 1.2e9;
                    let y = (rng.next_f64() - 0.5) * 1.2e9;
                    let bbox = match q % 50 {
                        0 => [f64::NAN, y, x + w, y + w],
                        1 => [x + w, y, x, y + w],
                        2 => [-1e10, -1e10, 1e10, 1e10],
                        3 => [0.0, 7.0, 5.0, 7.0],
                        _ => [x - w, y - w, x + w, y + w],
                    };
                    let (mut got, mut want) = (Vec::new(), Vec::new());
                    tree.range(xy, bbox, &mut got);
                    tree.range_kdbush(xy, bbox, &mut want);
                    assert_eq!(got, want, "node size {node_size}, box {bbox:?}");
                    checked += want.len();
                }
            }
        }
        assert!(
            checked > 10_000,
            "the boxes found too little to compare: {checked}"
        );
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
