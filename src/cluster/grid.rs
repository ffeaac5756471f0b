//! Radius-sized cells for the clustering pass's neighbour search, built by sorting.
//!
//! supercluster runs one KD-tree radius search per point per zoom. With cells one unit wider
//! than the radius, every neighbour of a point lies in the 3×3 cells around it. Sorting the
//! items by (row, column) makes each cell a run of the sorted order, and a merge-like sweep
//! links each cell to the cells of the rows above and below: all sequential memory, where a
//! hash table of cells missed cache on nearly every probe. The same sweep marks the items
//! that are alone in their 3×3 block. They have no neighbour, so the greedy pass copies them
//! without any look-up; at high zooms that is nearly every point.
//!
//! For the others, what the greedy pass reads per point is laid out to be read in runs:
//! each [`Cell`] holds its start and the runs of touching cells above and below (resolved
//! once by the sweep), and the slots of crowded cells hold their items' coordinates. A
//! crowded point's 3×3 block is then its cell and three runs of slots (row above, row
//! below, its own row), where it was a chain of dependent look-ups per row (cell start →
//! first slot's key) and two per candidate (its x and y): at 1M Gaussian points the
//! candidate walk and the pass took 40 % of the build's perf samples, mostly in those
//! misses. Bytes an item stay ≤ 36: slots 12 (were 16), cells ≤ 16 (were ≤ 12 with keys
//! read from slots), cell of each item 4, row buckets ≤ 4.

const NONE: u32 = u32::MAX;
const COL_MASK: u64 = 0xFFFF_FFFF;

/// A slot of the sorted order: three u32 read through these offsets. While the grid is
/// built a slot is `[ROW, COL, ITEM]` (so sorting the arrays sorts by cell, then item);
/// once it is ready, every slot of a crowded cell is `[X, Y, ITEM]`, the item's own
/// coordinates (i32 bits), so the candidate walk reads a cell's items and their
/// coordinates in one sequential run instead of a cache miss in `xs` and `ys` per item.
type Slot = [u32; 3];
const ROW: usize = 0;
const COL: usize = 1;
const X: usize = 0;
const Y: usize = 1;
const ITEM: usize = 2;

/// One cell of the sorted order, with the touching cells of the rows above and below
/// resolved by the linking sweep: a crowded item's 3×3 block is then read from its cell
/// alone (one look-up), where reading each neighbouring cell's key through its first slot
/// cost two dependent cache misses per row (a third of the build's grid time at 1M
/// Gaussian points, perf). 16 bytes a cell; the slots lost 4 bytes an item in return.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Cell {
    /// First slot; the next cell's `start` ends this one (a last cell closes the array).
    start: u32,
    /// The touching cells of the row above (columns − 1..=+ 1): `up_n` cells from `up`,
    /// consecutive in the sorted order; the same for the row below.
    up: u32,
    down: u32,
    up_n: u8,
    down_n: u8,
    /// Whether the previous (next) cell is this row's column − 1 (+ 1).
    left: bool,
    right: bool,
}

#[derive(Default)]
pub struct Grid {
    /// The items sorted by (row, column), ascending within a cell: see [`Slot`].
    sorted: Vec<Slot>,
    /// Row-bucket starts for the counting pass that precedes the per-bucket sorts.
    bucket: Vec<u32>,
    /// Items of cell c are `sorted[cells[c].start..cells[c + 1].start]`; one more cell
    /// closes the array.
    cells: Vec<Cell>,
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
    Fill,
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
    /// SortBuckets: where the current bucket starts, and the cells counted so far.
    /// Cells: the cells started so far. Link: the two row cursors.
    start: u32,
    cells: usize,
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

/// Whether two sorted slots are in different cells (while slots hold row and column).
fn new_cell(a: &Slot, b: &Slot) -> bool {
    a[ROW] != b[ROW] || a[COL] != b[COL]
}

/// Cell `c`'s key, `row << 32 | column`, read from its first slot (during the build).
fn key(sorted: &[Slot], cells: &[Cell], c: usize) -> u64 {
    let s = &sorted[cells[c].start as usize];
    (u64::from(s[ROW]) << 32) | u64::from(s[COL])
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
                    self.sorted.resize(n, [0; 3]);
                    (b.stage, b.at) = (Stage::Scatter, 0);
                }
                Stage::Scatter => {
                    for i in take(&mut b.at, n, budget) {
                        // Rows and columns fit a u32: offsets do, and a cell is ≥ 2 wide.
                        let row = offset(ys[i], b.min_y) / cell;
                        let col = offset(xs[i], b.min_x) / cell;
                        let at = &mut self.bucket[(row >> b.shift) as usize];
                        self.sorted[*at as usize] = [row as u32, col as u32, i as u32];
                        *at += 1;
                    }
                    if b.at < n {
                        return false;
                    }
                    (b.stage, b.at, b.start, b.cells) = (Stage::SortBuckets, 0, 0, 0);
                }
                Stage::SortBuckets => {
                    // Bucket k now ends at bucket[k] and starts at bucket[k - 1] (0 for
                    // the first). Its cells are counted while its slots are in cache (a
                    // cell never spans buckets), so `cells` is allocated at its size.
                    while b.at < b.buckets && *budget > 0 {
                        let end = self.bucket[b.at];
                        let run = &mut self.sorted[b.start as usize..end as usize];
                        if run.len() > 1 {
                            // std's unstable sort on the slots themselves: this runs over
                            // every point of a 1M-point build (one copy, for `Slot`).
                            #[allow(clippy::disallowed_methods)]
                            run.sort_unstable();
                        }
                        if !run.is_empty() {
                            b.cells +=
                                1 + run.windows(2).filter(|w| new_cell(&w[0], &w[1])).count();
                        }
                        *budget = budget.saturating_sub(u64::from(end - b.start) + 1);
                        b.start = end;
                        b.at += 1;
                    }
                    if b.at < b.buckets {
                        return false;
                    }
                    self.cells.clear();
                    self.cells.reserve_exact(b.cells + 1);
                    self.cells.resize(b.cells + 1, Cell::default());
                    (b.stage, b.at, b.start) = (Stage::Cells, 0, 0);
                }
                Stage::Cells => {
                    for p in take(&mut b.at, n, budget) {
                        if p == 0 || new_cell(&self.sorted[p], &self.sorted[p - 1]) {
                            self.cells[b.start as usize].start = p as u32;
                            b.start += 1;
                        }
                    }
                    if b.at < n {
                        return false;
                    }
                    let cells = self.cells.len() - 1;
                    self.cells[cells].start = n as u32;
                    self.cell_of.resize(n, NONE);
                    self.crowded.clear();
                    self.crowded.resize(n.div_ceil(64), 0);
                    (b.stage, b.at, b.u, b.d) = (Stage::Link, 0, 0, 0);
                }
                Stage::Link => {
                    let cells = self.cells.len() - 1;
                    let range = take(&mut self.build.at, cells, budget);
                    self.link_rows_and_mark(range);
                    if self.build.at < cells {
                        return false;
                    }
                    (self.build.stage, self.build.at) = (Stage::Fill, 0);
                }
                Stage::Fill => {
                    // Rows and columns are no longer needed (the cells are linked): crowded
                    // cells' slots take their items' coordinates. The other cells are never
                    // visited (a cell in a crowded item's block is crowded itself).
                    let cells = self.cells.len() - 1;
                    for c in take(&mut self.build.at, cells, budget) {
                        let (s, e) = (
                            self.cells[c].start as usize,
                            self.cells[c + 1].start as usize,
                        );
                        if !self.crowded(self.sorted[s][ITEM] as usize) {
                            continue;
                        }
                        for slot in &mut self.sorted[s..e] {
                            let k = slot[ITEM] as usize;
                            (slot[X], slot[Y]) = (xs[k] as u32, ys[k] as u32);
                        }
                        *budget = budget.saturating_sub((e - s) as u64);
                    }
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
        let cells = self.cells.len() - 1;
        let (mut u, mut d) = (self.build.u, self.build.d);
        for c in range {
            let (sorted, all) = (&self.sorted, &self.cells);
            // A cell's key is its first slot's: no array of keys (8 bytes a cell) is kept.
            let keys = |c: usize| key(sorted, all, c);
            let size = |c: usize| all[c + 1].start - all[c].start;
            let key = keys(c);
            let (row, col) = (key >> 32, key & COL_MASK);
            let mut cell = all[c];
            let mut block = size(c);
            cell.left = col > 0 && c > 0 && keys(c - 1) == key - 1;
            if cell.left {
                block += size(c - 1);
            }
            cell.right = c + 1 < cells && keys(c + 1) == key + 1;
            if cell.right {
                block += size(c + 1);
            }
            let first = col.saturating_sub(1);
            if row > 0 {
                let (lo, hi) = (((row - 1) << 32) | first, ((row - 1) << 32) | (col + 1));
                while u < cells && keys(u) < lo {
                    u += 1;
                }
                let mut v = u;
                while v < cells && keys(v) <= hi {
                    block += size(v);
                    v += 1;
                }
                (cell.up, cell.up_n) = (u as u32, (v - u) as u8);
            }
            let (lo, hi) = (((row + 1) << 32) | first, ((row + 1) << 32) | (col + 1));
            while d < cells && keys(d) < lo {
                d += 1;
            }
            let mut v = d;
            while v < cells && keys(v) <= hi {
                block += size(v);
                v += 1;
            }
            (cell.down, cell.down_n) = (d as u32, (v - d) as u8);
            let (s, e) = (cell.start as usize, all[c + 1].start as usize);
            self.cells[c] = cell;
            if block >= 2 {
                for slot in &self.sorted[s..e] {
                    let i = slot[ITEM];
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

    /// Calls `visit(item, x, y)` with every item in the 3×3 cells around crowded item `i`
    /// (including `i`): a superset of its neighbours within the radius the grid was built
    /// for. Cells come row by row (above, below, then its own), items ascending within a
    /// cell. Each row's touching cells are consecutive, so each row is one run of slots.
    pub fn for_candidates(&self, i: usize, mut visit: impl FnMut(u32, i32, i32)) {
        let c = self.cell_of[i] as usize;
        let cell = self.cells[c];
        let mut run = |first: usize, count: usize| {
            let (s, e) = (self.cells[first].start, self.cells[first + count].start);
            for slot in &self.sorted[s as usize..e as usize] {
                visit(slot[ITEM], slot[X] as i32, slot[Y] as i32);
            }
        };
        run(cell.up as usize, usize::from(cell.up_n));
        run(cell.down as usize, usize::from(cell.down_n));
        let left = usize::from(cell.left);
        run(c - left, left + 1 + usize::from(cell.right));
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
            grid.for_candidates(i, |k, x, y| {
                assert_eq!(
                    (x, y),
                    (xs[k as usize], ys[k as usize]),
                    "item {k}'s coordinates"
                );
                cand.push(k);
            });
            let mut sorted = cand.clone();
            crate::sort::sort(&mut sorted);
            sorted.dedup();
            assert_eq!(sorted.len(), cand.len(), "item {i}: a candidate twice");
            cand.retain(|&k| want.binary_search(&k).is_ok());
            crate::sort::sort(&mut cand);
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
                assert_eq!(g.cells, whole.cells);
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
