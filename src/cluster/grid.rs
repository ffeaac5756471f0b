//! A hashed grid of radius-sized cells for the clustering pass's neighbour search.
//!
//! supercluster runs one KD-tree radius search per point per zoom; with cells as wide as the
//! radius, every neighbour lies in the 3×3 cells around a point, so a search costs nine
//! hash look-ups plus the few candidates, whatever the input size. Cells are hashed rather
//! than laid out densely because at high zooms the radius is tiny against the world (a
//! dense grid would need ~10^12 cells) while points sit in a few dense places.

const EMPTY: u64 = u64::MAX;

#[derive(Default)]
pub struct Grid {
    cell: i64,
    min_x: i64,
    min_y: i64,
    /// Open-addressing table of (packed cell key, cell number). A row's cells hash to
    /// consecutive slots, so the three look-ups of a 3×3 search row share cache lines.
    table: Vec<(u64, u32)>,
    /// Items of cell c are `items[starts[c]..starts[c + 1]]`, in ascending item order.
    starts: Vec<u32>,
    items: Vec<u32>,
    /// Cell number of each item, so a search needs no look-up for the item's own cell.
    cell_of: Vec<u32>,
}

impl Grid {
    /// (Re)builds the grid over `xs`/`ys` for searches of radius `r`; reuses the buffers.
    pub fn rebuild(&mut self, xs: &[i32], ys: &[i32], r: f64) {
        let n = xs.len();
        // One unit wider than the radius: f64 rounding can then never put a neighbour two
        // cells away.
        self.cell = if r.is_finite() && r < 4e9 {
            (r.max(0.0) as i64 + 1).max(2)
        } else {
            1 << 33
        };
        self.min_x = xs.iter().copied().min().unwrap_or(0) as i64;
        self.min_y = ys.iter().copied().min().unwrap_or(0) as i64;
        let cap = (2 * n + 2).next_power_of_two();
        self.table.clear();
        self.table.resize(cap, (EMPTY, 0));
        self.cell_of.clear();
        self.starts.clear();
        let mut cells = 0u32;
        for i in 0..n {
            let key = self.key(xs[i], ys[i]);
            let mut h = hash(key) & (cap - 1);
            loop {
                if self.table[h].0 == key {
                    break;
                }
                if self.table[h].0 == EMPTY {
                    self.table[h] = (key, cells);
                    cells += 1;
                    self.starts.push(0);
                    break;
                }
                h = (h + 1) & (cap - 1);
            }
            let c = self.table[h].1;
            self.cell_of.push(c);
            self.starts[c as usize] += 1;
        }
        // Counts to starts (exclusive prefix sums), then fill; items stay in input order.
        let mut sum = 0u32;
        for s in self.starts.iter_mut() {
            let count = *s;
            *s = sum;
            sum += count;
        }
        self.starts.push(sum);
        self.items.clear();
        self.items.resize(n, 0);
        let mut fill = self.starts.clone();
        for (i, &c) in self.cell_of.iter().enumerate() {
            self.items[fill[c as usize] as usize] = i as u32;
            fill[c as usize] += 1;
        }
    }

    fn cell_xy(&self, x: i32, y: i32) -> (u64, u64) {
        let cx = (x as i64 - self.min_x) / self.cell;
        let cy = (y as i64 - self.min_y) / self.cell;
        (cx as u64, cy as u64)
    }

    fn key(&self, x: i32, y: i32) -> u64 {
        let (cx, cy) = self.cell_xy(x, y);
        (cx << 32) | cy
    }

    fn find(&self, key: u64) -> Option<u32> {
        let mask = self.table.len() - 1;
        let mut h = hash(key) & mask;
        loop {
            let (k, c) = self.table[h];
            if k == key {
                return Some(c);
            }
            if k == EMPTY {
                return None;
            }
            h = (h + 1) & mask;
        }
    }

    /// Calls `visit` with every item in the 3×3 cells around item `i` (including `i`): a
    /// superset of its neighbours within the radius the grid was built for.
    pub fn for_candidates(&self, i: usize, xs: &[i32], ys: &[i32], mut visit: impl FnMut(u32)) {
        let (cx, cy) = self.cell_xy(xs[i], ys[i]);
        let own = self.cell_of[i];
        for dx in [-1i64, 0, 1] {
            for dy in [-1i64, 0, 1] {
                let c = if dx == 0 && dy == 0 {
                    own
                } else {
                    let (nx, ny) = (cx as i64 + dx, cy as i64 + dy);
                    if nx < 0 || ny < 0 {
                        continue;
                    }
                    match self.find(((nx as u64) << 32) | ny as u64) {
                        Some(c) => c,
                        None => continue,
                    }
                };
                let (s, e) = (self.starts[c as usize], self.starts[c as usize + 1]);
                for &k in &self.items[s as usize..e as usize] {
                    visit(k);
                }
            }
        }
    }
}

/// Row (low 32 bits) scrambled, column added: neighbours in a row get neighbouring slots.
fn hash(key: u64) -> usize {
    let (cx, cy) = (key >> 32, key & 0xFFFF_FFFF);
    ((cy.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 29).wrapping_add(cx)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::kdbush::sq_dist;

    #[test]
    fn candidates_cover_every_neighbour() {
        let mut s: u32 = 99;
        let mut next = || {
            s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (s >> 12) as i32 - (1 << 19)
        };
        let (xs, ys): (Vec<i32>, Vec<i32>) = (0..3000).map(|_| (next(), next())).unzip();
        let r = 20_000.0;
        let mut grid = Grid::default();
        grid.rebuild(&xs, &ys, r);
        for i in (0..xs.len()).step_by(7) {
            let mut cand = Vec::new();
            grid.for_candidates(i, &xs, &ys, |k| cand.push(k));
            let d = |k: usize| sq_dist(xs[k] as f64, ys[k] as f64, xs[i] as f64, ys[i] as f64);
            let mut near: Vec<u32> = cand
                .into_iter()
                .filter(|&k| d(k as usize) <= r * r)
                .collect();
            near.sort_unstable();
            let want: Vec<u32> = (0..xs.len() as u32)
                .filter(|&k| d(k as usize) <= r * r)
                .collect();
            assert_eq!(near, want);
        }
    }
}
