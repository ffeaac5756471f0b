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
}

impl Grid {
    /// (Re)builds the grid over `xs`/`ys` for searches of radius `r`; reuses the buffers.
    pub fn rebuild(&mut self, xs: &[i32], ys: &[i32], r: f64) {
        let n = xs.len();
        // One unit wider than the radius: f64 rounding can then never put a neighbour two
        // cells away. Differences of i32 fit a u32, so a wider cell means a single cell.
        let cell = if r.is_finite() && r < 4e9 {
            (r.max(0.0) as u64 + 1).max(2)
        } else {
            1 << 33
        };
        let min_x = xs.iter().copied().min().unwrap_or(0);
        let (min_y, max_y) = (
            ys.iter().copied().min().unwrap_or(0),
            ys.iter().copied().max().unwrap_or(0),
        );
        let offset = |v: i32, min: i32| (i64::from(v) - i64::from(min)) as u64;

        // Counting pass on row buckets (rows grouped so there are at most n buckets), then
        // a sort inside each bucket: buckets hold a handful of items, so this costs O(n)
        // with one scattered write per item, even when the rows number in the millions.
        let max_row = offset(max_y, min_y) / cell;
        let mut shift = 0;
        while max_row >> shift >= n.max(1) as u64 {
            shift += 1;
        }
        let buckets = (max_row >> shift) as usize + 1;
        self.bucket.clear();
        self.bucket.resize(buckets + 1, 0);
        for &y in ys {
            self.bucket[((offset(y, min_y) / cell) >> shift) as usize + 1] += 1;
        }
        for b in 1..=buckets {
            self.bucket[b] += self.bucket[b - 1];
        }
        self.sorted.clear();
        self.sorted.resize(n, (0, 0));
        for (i, (&x, &y)) in xs.iter().zip(ys).enumerate() {
            let row = offset(y, min_y) / cell;
            let key = (row << 32) | (offset(x, min_x) / cell);
            let at = &mut self.bucket[(row >> shift) as usize];
            self.sorted[*at as usize] = (key, i as u32);
            *at += 1;
        }
        // Bucket b now ends at bucket[b] and starts at bucket[b - 1] (0 for the first).
        let mut start = 0;
        for &end in &self.bucket[..buckets] {
            if end - start > 1 {
                self.sorted[start as usize..end as usize].sort_unstable();
            }
            start = end;
        }

        self.cell_start.clear();
        let mut p = 0;
        while p < n {
            let key = self.sorted[p].0;
            self.cell_start.push(p as u32);
            while p < n && self.sorted[p].0 == key {
                p += 1;
            }
        }
        self.cell_start.push(n as u32);
        self.link_rows_and_mark(n);
    }

    /// The sweep: links every cell to the touching cells of its neighbouring rows (two
    /// cursors that only move forward) and marks items whose 3×3 block holds another item.
    fn link_rows_and_mark(&mut self, n: usize) {
        let cells = self.cell_start.len() - 1;
        self.up.clear();
        self.up.resize(cells, NONE);
        self.down.clear();
        self.down.resize(cells, NONE);
        self.cell_of.resize(n, NONE);
        self.crowded.clear();
        self.crowded.resize(n.div_ceil(64), 0);
        let (sorted, starts) = (&self.sorted, &self.cell_start);
        // A cell's key is its first item's: no array of keys (8 bytes a cell) is kept.
        let keys = |c: usize| sorted[starts[c] as usize].0;
        let size = |c: usize| starts[c + 1] - starts[c];
        let (mut u, mut d) = (0, 0);
        for c in 0..cells {
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

    #[test]
    fn empty_and_single() {
        check(&[], &[], 10.0);
        assert_eq!(check(&[3], &[4], 10.0), 0);
    }
}
