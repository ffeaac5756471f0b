//! Radius-sized cells for the clustering pass's neighbour search, built by sorting.
//!
//! supercluster runs one KD-tree radius search per point per zoom. With cells one unit wider
//! than the radius, every neighbour of a point lies in the 3×3 cells around it. Sorting the
//! items by (row, column) makes each cell a run of the sorted order, and a merge-like sweep
//! links each cell to the cells of the rows above and below: all sequential memory, where a
//! hash table of cells missed cache on nearly every probe. The same sweep marks the items
//! that are alone in their 3×3 block. They have no neighbour, so the greedy pass copies them
//! without any look-up; at high zooms that is nearly every point.

const NONE: u32 = u32::MAX;
const COL: u64 = 0xFFFF_FFFF;

#[derive(Default)]
pub struct Grid {
    /// (row << 32 | column, item), sorted: items ascending within a cell.
    sorted: Vec<(u64, u32)>,
    /// Row-bucket starts for the counting pass that precedes the per-bucket sorts.
    bucket: Vec<u32>,
    /// Items of cell c are `sorted[cell_start[c]..cell_start[c + 1]]`.
    cell_start: Vec<u32>,
    /// First cell of the row above (below) whose column is ≥ this column − 1; NONE for the
    /// top row. Cells up to column + 1 follow it.
    up: Vec<u32>,
    down: Vec<u32>,
    /// Cell of each crowded item; stale for the others.
    cell_of: Vec<u32>,
    /// One bit per item: some other item shares its 3×3 block.
    crowded: Vec<u64>,
    /// Where a build in steps ([`begin`](Self::begin), [`advance`](Self::advance)) is.
    build: Build,
}

/// The stages of a build, in order; each loops over items, buckets or cells and can stop
/// between two of them.
#[derive(Clone, Copy, Default, PartialEq, Debug)]
enum Stage {
    Bounds,
    Count,
    Scatter,
    SortBuckets,
    Cells,
    Link,
    #[default]
    Done,
}

#[derive(Default)]
struct Build {
    stage: Stage,
    n: usize,
    /// Item, bucket or cell the current stage continues from.
    at: usize,
    cell: u64,
    min_x: i32,
    min_y: i32,
    max_y: i32,
    shift: u32,
    buckets: usize,
    /// SortBuckets: where the current bucket starts. Link: the two row cursors.
    start: u32,
    u: usize,
    d: usize,
}

/// Takes up to `budget` of the items `at..end`: the range to do now.
fn take(at: &mut usize, end: usize, budget: &mut u64) -> std::ops::Range<usize> {
    let k = (end - *at).min(usize::try_from(*budget).unwrap_or(usize::MAX));
    *budget -= k as u64;
    let r = *at..*at + k;
    *at += k;
    r
}

impl Grid {
    /// (Re)builds the grid over `xs`/`ys` for searches of radius `r`; reuses the buffers.
    #[cfg(test)]
    pub fn rebuild(&mut self, xs: &[i32], ys: &[i32], r: f64) {
        self.begin(xs.len(), r);
        let mut budget = u64::MAX;
        while !self.advance(xs, ys, &mut budget) {}
    }

    /// Starts a build over `n` items for searches of radius `r`; [`advance`](Self::advance)
    /// does the work. The result is the same however the work is split.
    pub fn begin(&mut self, n: usize, r: f64) {
        // One unit wider than the radius: f64 rounding can then never put a neighbour two
        // cells away. Differences of i32 fit a u32, so a wider cell means a single cell.
        let cell = if r.is_finite() && r < 4e9 {
            (r.max(0.0) as u64 + 1).max(2)
        } else {
            1 << 33
        };
        self.build = Build {
            stage: Stage::Bounds,
            n,
            cell,
            min_x: i32::MAX,
            min_y: i32::MAX,
            max_y: i32::MIN,
            ..Build::default()
        };
    }

    /// Continues the build begun with [`begin`](Self::begin) over `xs`/`ys` (the same
    /// items every call), spending about one unit of `budget` an item or cell visited;
    /// returns whether the grid is ready.
    pub fn advance(&mut self, xs: &[i32], ys: &[i32], budget: &mut u64) -> bool {
        let n = self.build.n;
        debug_assert!(xs.len() == n && ys.len() == n);
        let offset = |v: i32, min: i32| (i64::from(v) - i64::from(min)) as u64;
        while self.build.stage != Stage::Done {
            if *budget == 0 {
                return false;
            }
            let b = &mut self.build;
            let cell = b.cell;
            match b.stage {
                Stage::Bounds => {
                    for i in take(&mut b.at, n, budget) {
                        b.min_x = b.min_x.min(xs[i]);
                        b.min_y = b.min_y.min(ys[i]);
                        b.max_y = b.max_y.max(ys[i]);
                    }
                    if b.at < n {
                        return false;
                    }
                    if n == 0 {
                        (b.min_x, b.min_y, b.max_y) = (0, 0, 0);
                    }
                    // Counting pass on row buckets (rows grouped so there are at most n
                    // buckets), then a sort inside each bucket: buckets hold a handful of
                    // items, so this costs O(n) with one scattered write per item, even
                    // when the rows number in the millions.
                    let max_row = offset(b.max_y, b.min_y) / cell;
                    b.shift = 0;
                    while max_row >> b.shift >= n.max(1) as u64 {
                        b.shift += 1;
                    }
                    b.buckets = (max_row >> b.shift) as usize + 1;
                    self.bucket.clear();
                    self.bucket.resize(b.buckets + 1, 0);
                    (b.stage, b.at) = (Stage::Count, 0);
                }
                Stage::Count => {
                    for i in take(&mut b.at, n, budget) {
                        self.bucket[((offset(ys[i], b.min_y) / cell) >> b.shift) as usize + 1] += 1;
                    }
                    if b.at < n {
                        return false;
                    }
                    for k in 1..=b.buckets {
                        self.bucket[k] += self.bucket[k - 1];
                    }
                    self.sorted.clear();
                    self.sorted.resize(n, (0, 0));
                    (b.stage, b.at) = (Stage::Scatter, 0);
                }
                Stage::Scatter => {
                    for i in take(&mut b.at, n, budget) {
                        let row = offset(ys[i], b.min_y) / cell;
                        let key = (row << 32) | (offset(xs[i], b.min_x) / cell);
                        let at = &mut self.bucket[(row >> b.shift) as usize];
                        self.sorted[*at as usize] = (key, i as u32);
                        *at += 1;
                    }
                    if b.at < n {
                        return false;
                    }
                    (b.stage, b.at, b.start) = (Stage::SortBuckets, 0, 0);
                }
                Stage::SortBuckets => {
                    // Bucket k now ends at bucket[k] and starts at bucket[k - 1] (0 for
                    // the first).
                    while b.at < b.buckets && *budget > 0 {
                        let end = self.bucket[b.at];
                        if end - b.start > 1 {
                            self.sorted[b.start as usize..end as usize].sort_unstable();
                        }
                        *budget = budget.saturating_sub(u64::from(end - b.start) + 1);
                        b.start = end;
                        b.at += 1;
                    }
                    if b.at < b.buckets {
                        return false;
                    }
                    self.cell_start.clear();
                    (b.stage, b.at) = (Stage::Cells, 0);
                }
                Stage::Cells => {
                    for p in take(&mut b.at, n, budget) {
                        if p == 0 || self.sorted[p].0 != self.sorted[p - 1].0 {
                            self.cell_start.push(p as u32);
                        }
                    }
                    if b.at < n {
                        return false;
                    }
                    self.cell_start.push(n as u32);
                    let cells = self.cell_start.len() - 1;
                    self.up.clear();
                    self.up.resize(cells, NONE);
                    self.down.clear();
                    self.down.resize(cells, NONE);
                    self.cell_of.resize(n, NONE);
                    self.crowded.clear();
                    self.crowded.resize(n.div_ceil(64), 0);
                    (b.stage, b.at, b.u, b.d) = (Stage::Link, 0, 0, 0);
                }
                Stage::Link => {
                    let cells = self.cell_start.len() - 1;
                    let range = take(&mut self.build.at, cells, budget);
                    self.link_rows_and_mark(range);
                    if self.build.at < cells {
                        return false;
                    }
                    self.build.stage = Stage::Done;
                }
                Stage::Done => {}
            }
        }
        true
    }

    /// The sweep over cells `range`: links every cell to the touching cells of its
    /// neighbouring rows (two cursors that only move forward, kept between calls) and
    /// marks items whose 3×3 block holds another item.
    fn link_rows_and_mark(&mut self, range: std::ops::Range<usize>) {
        let cells = self.cell_start.len() - 1;
        let (sorted, starts) = (&self.sorted, &self.cell_start);
        // A cell's key is its first item's: no array of keys (8 bytes a cell) is kept.
        let keys = |c: usize| sorted[starts[c] as usize].0;
        let size = |c: usize| starts[c + 1] - starts[c];
        let (mut u, mut d) = (self.build.u, self.build.d);
        for c in range {
            let key = keys(c);
            let (row, col) = (key >> 32, key & COL);
            let mut block = size(c);
            if col > 0 && c > 0 && keys(c - 1) == key - 1 {
                block += size(c - 1);
            }
            if c + 1 < cells && keys(c + 1) == key + 1 {
                block += size(c + 1);
            }
            let first = col.saturating_sub(1);
            if row > 0 {
                let (lo, hi) = (((row - 1) << 32) | first, ((row - 1) << 32) | (col + 1));
                while u < cells && keys(u) < lo {
                    u += 1;
                }
                self.up[c] = u as u32;
                let mut v = u;
                while v < cells && keys(v) <= hi {
                    block += size(v);
                    v += 1;
                }
            }
            let (lo, hi) = (((row + 1) << 32) | first, ((row + 1) << 32) | (col + 1));
            while d < cells && keys(d) < lo {
                d += 1;
            }
            self.down[c] = d as u32;
            let mut v = d;
            while v < cells && keys(v) <= hi {
                block += size(v);
                v += 1;
            }
            if block >= 2 {
                for &(_, i) in &self.sorted[starts[c] as usize..starts[c + 1] as usize] {
                    self.cell_of[i as usize] = c as u32;
                    self.crowded[i as usize / 64] |= 1 << (i % 64);
                }
            }
        }
        (self.build.u, self.build.d) = (u, d);
    }

    /// Whether item `i` may have a neighbour; if not, it has none.
    pub fn crowded(&self, i: usize) -> bool {
        (self.crowded[i / 64] >> (i % 64)) & 1 == 1
    }

    /// Calls `visit` with every item in the 3×3 cells around crowded item `i` (including
    /// `i`): a superset of its neighbours within the radius the grid was built for. Cells
    /// come row by row, items ascending within a cell.
    pub fn for_candidates(&self, i: usize, mut visit: impl FnMut(u32)) {
        let c = self.cell_of[i] as usize;
        let cells = self.cell_start.len() - 1;
        let keys = |c: usize| self.sorted[self.cell_start[c] as usize].0;
        let key = keys(c);
        let (row, col) = (key >> 32, key & COL);
        let mut visit_cell = |c: usize| {
            let (s, e) = (self.cell_start[c], self.cell_start[c + 1]);
            for &(_, k) in &self.sorted[s as usize..e as usize] {
                visit(k);
            }
        };
        let mut row_run = |first: u32, row: u64| {
            let hi = (row << 32) | (col + 1);
            let mut v = first as usize;
            while v < cells && keys(v) <= hi {
                visit_cell(v);
                v += 1;
            }
        };
        if row > 0 {
            row_run(self.up[c], row - 1);
        }
        row_run(self.down[c], row + 1);
        if col > 0 && c > 0 && keys(c - 1) == key - 1 {
            visit_cell(c - 1);
        }
        visit_cell(c);
        if c + 1 < cells && keys(c + 1) == key + 1 {
            visit_cell(c + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::kdbush::sq_dist;

    fn lcg(seed: u32, spread: u32) -> impl FnMut() -> i32 {
        let mut rng = crate::rng::Mulberry32::new(seed);
        move || ((u64::from(rng.next_u32()) * u64::from(spread)) >> 32) as i32 - (spread / 2) as i32
    }

    fn neighbours(xs: &[i32], ys: &[i32], i: usize, r: f64) -> Vec<u32> {
        let d = |k: usize| sq_dist(xs[k] as f64, ys[k] as f64, xs[i] as f64, ys[i] as f64);
        (0..xs.len() as u32)
            .filter(|&k| d(k as usize) <= r * r)
            .collect()
    }

    /// Every item: crowded exactly when its block holds another item, and then the
    /// candidates, filtered by distance, are exactly its neighbours (itself included).
    fn check(xs: &[i32], ys: &[i32], r: f64) -> usize {
        let mut grid = Grid::default();
        grid.rebuild(xs, ys, r);
        let mut crowded = 0;
        for i in 0..xs.len() {
            let want = neighbours(xs, ys, i, r);
            if !grid.crowded(i) {
                assert_eq!(want, vec![i as u32], "item {i} has a neighbour");
                continue;
            }
            crowded += 1;
            let mut cand = Vec::new();
            grid.for_candidates(i, |k| cand.push(k));
            let mut sorted = cand.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), cand.len(), "item {i}: a candidate twice");
            cand.retain(|&k| want.binary_search(&k).is_ok());
            cand.sort_unstable();
            assert_eq!(cand, want, "item {i}");
        }
        crowded
    }

    #[test]
    fn candidates_cover_every_neighbour() {
        let mut next = lcg(99, 1 << 20);
        let (xs, ys): (Vec<i32>, Vec<i32>) = (0..3000).map(|_| (next(), next())).unzip();
        let crowded = check(&xs, &ys, 20_000.0);
        assert!(crowded > 100 && crowded < 3000, "{crowded}");
    }

    #[test]
    fn sparse_items_are_not_crowded() {
        // Many more rows than items: the counting pass groups rows into buckets.
        let mut next = lcg(5, 1 << 30);
        let (xs, ys): (Vec<i32>, Vec<i32>) = (0..2000).map(|_| (next(), next())).unzip();
        let crowded = check(&xs, &ys, 1000.0);
        assert!(crowded < 10, "{crowded}");
    }

    #[test]
    fn dense_rows_edges_and_duplicates() {
        // Items on a lattice one radius apart (neighbours in every direction, on cell
        // edges), some stacked on the same spot, around the i32 extremes.
        let (mut xs, mut ys) = (Vec::new(), Vec::new());
        for a in 0..30 {
            for b in 0..20 {
                xs.push(i32::MIN + a * 7);
                ys.push(i32::MAX - b * 7 - (a % 3));
            }
        }
        xs.extend([5, 5, 5, i32::MAX, i32::MAX]);
        ys.extend([0, 0, 0, i32::MIN, i32::MIN + 6]);
        check(&xs, &ys, 7.0);
        check(&xs, &ys, 0.0);
        check(&xs, &ys, 1e12);
    }

    /// A grid built a few units at a time equals the one built at once, field by field.
    #[test]
    fn built_in_steps_equals_built_at_once() {
        let mut next = lcg(3, 1 << 16);
        let (mut xs, mut ys): (Vec<i32>, Vec<i32>) = (0..4000).map(|_| (next(), next())).unzip();
        // Duplicates and a second, sparse scale.
        xs.extend([7, 7, 7, 1 << 29]);
        ys.extend([9, 9, 9, -(1 << 29)]);
        for r in [0.0, 300.0, 5000.0] {
            let mut whole = Grid::default();
            whole.rebuild(&xs, &ys, r);
            for per_call in [1, 7, 64, 1000] {
                let mut g = Grid::default();
                g.begin(xs.len(), r);
                let mut calls = 0;
                loop {
                    let mut budget = per_call;
                    calls += 1;
                    if g.advance(&xs, &ys, &mut budget) {
                        break;
                    }
                    assert_eq!(budget, 0, "stopped with budget left");
                }
                assert!(calls > 1);
                assert_eq!(g.sorted, whole.sorted);
                assert_eq!(g.cell_start, whole.cell_start);
                assert_eq!((&g.up, &g.down), (&whole.up, &whole.down));
                assert_eq!(g.crowded, whole.crowded);
                for i in 0..xs.len() {
                    if g.crowded(i) {
                        assert_eq!(g.cell_of[i], whole.cell_of[i]);
                    }
                }
            }
        }
    }

    #[test]
    fn empty_and_single() {
        check(&[], &[], 10.0);
        assert_eq!(check(&[3], &[4], 10.0), 0);
    }
}
