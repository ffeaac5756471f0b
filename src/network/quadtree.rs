//! A Barnes-Hut quadtree rebuilt every iteration without allocating.
//!
//! Instead of inserting points one by one into linked regions (graphology's approach, which
//! chases pointers and can run out of subdivision attempts on near-coincident nodes), points
//! are quantised to a 2^16 grid, sorted by Morton code (radix sort, linear time), and the
//! tree is cut out of the sorted order: every cell owns a contiguous run of points. Cells are
//! stored in depth-first pre-order with a `skip` index (the first cell after the subtree), so
//! a walk is one forward loop with no stack, and the points a leaf owns sit next to each
//! other in memory.

/// Levels below the root; quantisation uses 16 bits per axis, two Morton bits per level.
const MAX_LEVEL: u32 = 16;
/// A cell holding at most this many points is a leaf: its points interact exactly, which is
/// cheaper than descending further for a handful of points. ForceAtlas2 walks the tree once
/// per leaf, and that walk (one branchy step per cell visited) was half its repulsion's time
/// at 8; 16 halves the walks for more exact pairs: on Barabási–Albert 10k, 300 iterations
/// in the wasm build took 3,688 → 3,406 ms of CPU (12: 3,403; 32: 3,739), builds in turn in
/// one process, medians of 4 (`node bench/layout-cpu.mjs --pkgs <builds> --runs 4`; issue 13). Tried and dropped: a branch-free walk (select instead of
/// branches: 7 % slower, each step then waits on the last) and a local expansion of the
/// far cells about each leaf's centre (complex Taylor terms, 4 or 6: 5–12 % slower).
const LEAF_SIZE: usize = 16;

/// One cell. Kept as a small struct (not separate arrays) because a walk reads every field
/// of a cell at once.
#[derive(Clone, Copy, Debug, Default)]
pub struct Cell {
    /// Centre of mass.
    pub cx: f64,
    pub cy: f64,
    pub mass: f64,
    /// Squared distance beyond which the cell may be treated as one body: (width/θ)², the
    /// textbook Barnes-Hut test. graphology writes `4·s²/d² < θ²` (s = region size), but its
    /// child regions are centred a whole half-size off (at the parent's corners), so every
    /// other level holds all of its parent's points in one child whose true extent is 2·s;
    /// the test that decides is then width/d < θ on the points' true extent. The same θ
    /// therefore means the same accuracy in both.
    pub far_d2: f64,
    /// Index of the first cell after this subtree.
    pub skip: u32,
    /// The cell's points, as a range of the sorted order; empty for internal cells.
    pub start: u32,
    pub end: u32,
}

/// Reused buffers; `build` fills them from positions.
#[derive(Debug, Default)]
pub struct QuadTree {
    pub cells: Vec<Cell>,
    /// Point indices sorted by Morton code; `order[k]` is the point at sorted slot k.
    pub order: Vec<u32>,
    /// Positions and masses in sorted order, so leaf loops read contiguous memory.
    pub sx: Vec<f64>,
    pub sy: Vec<f64>,
    pub smass: Vec<f64>,
    codes: Vec<u32>,
    scratch_codes: Vec<u32>,
    scratch_order: Vec<u32>,
    far_d2_by_level: [f64; MAX_LEVEL as usize + 1],
}

impl QuadTree {
    /// Rebuild the tree over points (`x[i]`, `y[i]`) with masses, for opening angle `theta`.
    pub fn build(&mut self, x: &[f64], y: &[f64], mass: &[f64], theta: f64) {
        let n = x.len();
        self.cells.clear();
        if n == 0 {
            return;
        }
        let (mut min_x, mut min_y) = (f64::INFINITY, f64::INFINITY);
        let (mut max_x, mut max_y) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for i in 0..n {
            min_x = min_x.min(x[i]);
            max_x = max_x.max(x[i]);
            min_y = min_y.min(y[i]);
            max_y = max_y.max(y[i]);
        }
        let width = (max_x - min_x).max(max_y - min_y);
        // Points on the far edge must still quantise below 2^16.
        let scale = if width > 0.0 { 65535.0 / width } else { 0.0 };
        let theta2 = theta * theta;
        for (level, slot) in self.far_d2_by_level.iter_mut().enumerate() {
            let w = width / f64::from(1u32 << level);
            *slot = if theta2 > 0.0 {
                w * w / theta2
            } else {
                f64::INFINITY
            };
        }

        self.codes.clear();
        self.order.clear();
        for i in 0..n {
            let qx = ((x[i] - min_x) * scale) as u32;
            let qy = ((y[i] - min_y) * scale) as u32;
            self.codes.push(morton(qx.min(65535), qy.min(65535)));
            self.order.push(i as u32);
        }
        self.radix_sort();
        self.sx.clear();
        self.sy.clear();
        self.smass.clear();
        for &i in &self.order {
            self.sx.push(x[i as usize]);
            self.sy.push(y[i as usize]);
            self.smass.push(mass[i as usize]);
        }
        self.build_cell(0, n, 0);
    }

    /// LSD radix sort of (code, index) pairs, 8 bits a pass; stable, so ties keep input
    /// order and the layout stays deterministic.
    fn radix_sort(&mut self) {
        let n = self.codes.len();
        self.scratch_codes.resize(n, 0);
        self.scratch_order.resize(n, 0);
        for pass in 0..4 {
            let shift = pass * 8;
            let mut counts = [0usize; 257];
            for &c in &self.codes {
                counts[((c >> shift) & 0xFF) as usize + 1] += 1;
            }
            if counts[1..].contains(&n) {
                continue; // every code shares this byte: the pass would not move anything
            }
            for b in 0..256 {
                counts[b + 1] += counts[b];
            }
            for k in 0..n {
                let c = self.codes[k];
                let b = ((c >> shift) & 0xFF) as usize;
                let dst = counts[b];
                counts[b] += 1;
                self.scratch_codes[dst] = c;
                self.scratch_order[dst] = self.order[k];
            }
            std::mem::swap(&mut self.codes, &mut self.scratch_codes);
            std::mem::swap(&mut self.order, &mut self.scratch_order);
        }
    }

    fn build_cell(&mut self, start: usize, end: usize, level: u32) -> usize {
        let c = self.cells.len();
        self.cells.push(Cell {
            far_d2: self.far_d2_by_level[level as usize],
            ..Cell::default()
        });
        let (mut m, mut mx, mut my) = (0.0, 0.0, 0.0);
        if end - start <= LEAF_SIZE || level == MAX_LEVEL {
            for k in start..end {
                m += self.smass[k];
                mx += self.sx[k] * self.smass[k];
                my += self.sy[k] * self.smass[k];
            }
            self.cells[c].start = start as u32;
            self.cells[c].end = end as u32;
        } else {
            let shift = 2 * (MAX_LEVEL - 1 - level);
            let mut lo = start;
            for quadrant in 0..4u32 {
                let hi = lo
                    + self.codes[lo..end].partition_point(|&code| (code >> shift) & 3 <= quadrant);
                if hi > lo {
                    let child = self.build_cell(lo, hi, level + 1);
                    let cell = self.cells[child];
                    m += cell.mass;
                    mx += cell.cx * cell.mass;
                    my += cell.cy * cell.mass;
                }
                lo = hi;
            }
        }
        let skip = self.cells.len() as u32;
        let cell = &mut self.cells[c];
        cell.skip = skip;
        cell.mass = m;
        // Masses are at least 1 (FA2 uses 1 + degree), so m > 0 for a non-empty cell.
        cell.cx = mx / m;
        cell.cy = my / m;
        c
    }
}

/// Interleave the bits of two 16-bit numbers (x in the even bits).
fn morton(x: u32, y: u32) -> u32 {
    fn spread(mut v: u32) -> u32 {
        v &= 0xFFFF;
        v = (v | (v << 8)) & 0x00FF_00FF;
        v = (v | (v << 4)) & 0x0F0F_0F0F;
        v = (v | (v << 2)) & 0x3333_3333;
        v = (v | (v << 1)) & 0x5555_5555;
        v
    }
    spread(x) | (spread(y) << 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(n: usize) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
        let mut rng = crate::rng::Mulberry32::new(12345);
        let mut next = || rng.next_f64();
        let x: Vec<f64> = (0..n).map(|_| next() * 100.0 - 50.0).collect();
        let y: Vec<f64> = (0..n).map(|_| next() * 100.0 - 50.0).collect();
        let m: Vec<f64> = (0..n).map(|i| 1.0 + (i % 3) as f64).collect();
        (x, y, m)
    }

    #[test]
    fn morton_interleaves_bits() {
        assert_eq!(morton(0b11, 0b00), 0b0101);
        assert_eq!(morton(0b00, 0b11), 0b1010);
        assert_eq!(morton(65535, 65535), u32::MAX);
    }

    #[test]
    fn codes_come_out_sorted_and_every_point_once() {
        let (x, y, m) = grid(1000);
        let mut t = QuadTree::default();
        t.build(&x, &y, &m, 0.5);
        assert!(t.codes.windows(2).all(|w| w[0] <= w[1]));
        let mut seen = t.order.clone();
        crate::sort::sort(&mut seen);
        assert_eq!(seen, (0..1000u32).collect::<Vec<_>>());
    }

    #[test]
    fn root_holds_total_mass_and_centre_and_leaves_partition_points() {
        let (x, y, m) = grid(777);
        let mut t = QuadTree::default();
        t.build(&x, &y, &m, 0.5);
        let total: f64 = m.iter().sum();
        let cx: f64 = x.iter().zip(&m).map(|(a, b)| a * b).sum::<f64>() / total;
        assert!((t.cells[0].mass - total).abs() < 1e-9);
        assert!((t.cells[0].cx - cx).abs() < 1e-9);
        assert_eq!(t.cells[0].skip as usize, t.cells.len());
        let mut covered = 0;
        for c in &t.cells {
            covered += (c.end - c.start) as usize;
            assert!(c.end as usize - c.start as usize <= LEAF_SIZE);
        }
        assert_eq!(covered, 777);
    }

    #[test]
    fn coincident_points_end_in_one_deep_leaf_without_nan() {
        let x = vec![3.0; 20];
        let y = vec![-1.0; 20];
        let m = vec![1.0; 20];
        let mut t = QuadTree::default();
        t.build(&x, &y, &m, 0.5);
        assert!(t.cells.iter().all(|c| c.cx == 3.0 && c.cy == -1.0));
        assert_eq!(t.cells.iter().map(|c| c.end - c.start).sum::<u32>(), 20);
    }

    #[test]
    fn empty_input_gives_empty_tree() {
        let mut t = QuadTree::default();
        t.build(&[], &[], &[], 0.5);
        assert!(t.cells.is_empty());
    }
}
