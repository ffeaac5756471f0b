//! Edge-crossing reduction after the layout: move a low-degree node only when its ties then
//! cross fewer others.
//!
//! - **Index**: a uniform grid over the tie segments (cell side ≈ the median tie length,
//!   at most about four cells per tie overall); a segment is filed in every cell its
//!   bounding box touches, clamped to the grid, so counting the crossings of one node's
//!   ties looks only at the ties near them.
//! - **Moves**, per node that is not pinned, in node order, for [`UncrossSettings::sweeps`]
//!   sweeps (fewer when a sweep moves nothing): a leaf turns around its neighbour at the
//!   same distance (12 fixed angles, plus the bisectors of the 8 widest angular gaps
//!   between the neighbour's other ties); a node with two neighbours is reflected across
//!   the line through them, or put on that line's perpendicular through their midpoint
//!   (either side, or on the midpoint); a node of degree 3 up to
//!   [`UncrossSettings::shift_up_to_degree`] tries 16 small shifts (8 directions at ¼ and
//!   ½ of the median tie length) and its neighbours' barycentre. A candidate is dropped if
//!   one of the node's ties would end up longer than [`UncrossSettings::max_stretch`] ×
//!   the median tie length or shorter than the median ÷ that factor (unless it already
//!   was, and gets no further out), so the drawing keeps its edge-length scale.
//! - **Acceptance**: the candidate with the fewest crossings of the node's ties wins (ties
//!   broken by the shorter move, then by candidate order); it is taken only if that is
//!   strictly fewer than now. Only the node's own ties move, so the drawing's total
//!   crossings drop by exactly that difference: the pass never adds a crossing.
//! - **Deterministic**: no randomness, no trigonometry (fixed rotation constants), only
//!   +, −, ×, ÷ and √; the same input gives the same positions, native or wasm.

use super::forceatlas2::LayoutError;
use super::metrics::segments_cross;

/// How the pass runs; the defaults are the module's documented choices.
#[derive(Clone, Debug, PartialEq)]
pub struct UncrossSettings {
    /// Passes over all nodes.
    pub sweeps: u32,
    /// A moved node's ties may end up at most this factor longer or shorter than the
    /// median tie length (or than they were, when that is further out).
    pub max_stretch: f64,
    /// Nodes of degree 3 up to this also try small shifts: 8 directions at ¼ and ½ of the
    /// median tie length, and their neighbours' barycentre (0 or 2: leaves and degree-2
    /// nodes only).
    pub shift_up_to_degree: usize,
}

impl Default for UncrossSettings {
    fn default() -> Self {
        UncrossSettings {
            sweeps: 3,
            max_stretch: 1.5,
            shift_up_to_degree: 8,
        }
    }
}

/// What the pass did.
#[derive(Clone, Debug, PartialEq)]
pub struct Uncrossed {
    /// Positions `[x0, y0, x1, y1, …]`.
    pub xy: Vec<f64>,
    /// Moves accepted.
    pub moves: usize,
    /// Crossings removed (the drawing's total drops by exactly this much).
    pub removed: usize,
}

/// A uniform grid of tie segments.
#[derive(Debug)]
struct Grid {
    x0: f64,
    y0: f64,
    side: f64,
    cols: usize,
    rows: usize,
    cells: Vec<Vec<u32>>,
}

impl Grid {
    fn range(&self, a: (f64, f64), b: (f64, f64)) -> (usize, usize, usize, usize) {
        let cell = |v: f64, lo: f64, n: usize| -> usize {
            let c = ((v - lo) / self.side).floor();
            if c.is_nan() || c < 0.0 {
                0
            } else if c >= (n - 1) as f64 {
                n - 1
            } else {
                c as usize
            }
        };
        (
            cell(a.0.min(b.0), self.x0, self.cols),
            cell(a.0.max(b.0), self.x0, self.cols),
            cell(a.1.min(b.1), self.y0, self.rows),
            cell(a.1.max(b.1), self.y0, self.rows),
        )
    }

    /// Puts tie `e` (segment `a`–`b`) in the cells of its bounding box; returns how many.
    fn insert(&mut self, e: u32, a: (f64, f64), b: (f64, f64)) -> u64 {
        let (c0, c1, r0, r1) = self.range(a, b);
        for r in r0..=r1 {
            for c in c0..=c1 {
                self.cells[r * self.cols + c].push(e);
            }
        }
        ((r1 - r0 + 1) * (c1 - c0 + 1)) as u64
    }

    /// Takes tie `e` (segment `a`–`b`) out of its cells; returns the cells and entries
    /// looked at.
    fn remove(&mut self, e: u32, a: (f64, f64), b: (f64, f64)) -> u64 {
        let (c0, c1, r0, r1) = self.range(a, b);
        let mut looked = 0u64;
        for r in r0..=r1 {
            for c in c0..=c1 {
                let cell = &mut self.cells[r * self.cols + c];
                looked += 1 + cell.len() as u64;
                if let Some(k) = cell.iter().position(|&f| f == e) {
                    cell.swap_remove(k);
                }
            }
        }
        looked
    }
}

/// The drawing under repair: positions, ties, the grid and a visit stamp per tie. Also
/// the index of the stress refinement's crossing-aware moves (`stress`, issue 13).
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) xy: Vec<f64>,
    s: Vec<u32>,
    t: Vec<u32>,
    /// Per node: (tie, other end), self-loops left out.
    pub(crate) incident: Vec<Vec<(u32, u32)>>,
    grid: Grid,
    stamp: Vec<u32>,
    clock: u32,
    /// Segment pairs tested so far (the work measure of the stress refinement's slices).
    pub(crate) checks: u64,
    /// Grid cells and cell entries looked at so far, tested or not, counting or moving a
    /// node (a long tie's bounding box can hold thousands of cells listing the same few
    /// ties: the crossing guard's work measure counts these too).
    pub(crate) visits: u64,
}

impl State {
    /// The index of `xy` for ties `s[k]`–`t[k]` (valid indices, equal lengths: the caller
    /// checks), with the median tie length; `None` without a tie of positive length or
    /// with a non-finite position.
    pub(crate) fn new(node_count: usize, s: &[u32], t: &[u32], xy: &[f64]) -> Option<(State, f64)> {
        let (mut st, median) = State::unfilled(node_count, s, t, xy)?;
        for e in 0..s.len() {
            st.insert_tie(e);
        }
        Some((st, median))
    }

    /// As [`State::new`], but with no tie in the grid yet: [`State::insert_tie`] each tie,
    /// in index order, and the index is the one `new` builds, cell lists in the same order
    /// (so counts and moves on it are the same). The stress refinement fills it a few ties
    /// a step, so a big drawing's index is no single long task.
    pub(crate) fn unfilled(
        node_count: usize,
        s: &[u32],
        t: &[u32],
        xy: &[f64],
    ) -> Option<(State, f64)> {
        let mut incident = vec![Vec::new(); node_count];
        let mut lengths = Vec::with_capacity(s.len());
        for (e, (&a, &b)) in s.iter().zip(t).enumerate() {
            if a == b {
                continue;
            }
            incident[a as usize].push((e as u32, b));
            incident[b as usize].push((e as u32, a));
            let (dx, dy) = (
                xy[2 * a as usize] - xy[2 * b as usize],
                xy[2 * a as usize + 1] - xy[2 * b as usize + 1],
            );
            lengths.push((dx * dx + dy * dy).sqrt());
        }
        if lengths.is_empty() || xy.iter().any(|v| !v.is_finite()) {
            return None;
        }
        crate::sort::sort_by(&mut lengths, f64::total_cmp);
        let median = lengths[lengths.len() / 2];
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for i in 0..node_count {
            x0 = x0.min(xy[2 * i]);
            x1 = x1.max(xy[2 * i]);
            y0 = y0.min(xy[2 * i + 1]);
            y1 = y1.max(xy[2 * i + 1]);
        }
        let (w, h) = (
            (x1 - x0).max(f64::MIN_POSITIVE),
            (y1 - y0).max(f64::MIN_POSITIVE),
        );
        let max_cells = (4 * lengths.len()).max(16) as f64;
        let mut side = if median > 0.0 { median } else { w.max(h) };
        if (w / side + 1.0) * (h / side + 1.0) > max_cells {
            side = (w * h / max_cells).sqrt().max(w.max(h) / max_cells);
        }
        let cols = ((w / side).floor() as usize + 1).max(1);
        let rows = ((h / side).floor() as usize + 1).max(1);
        let st = State {
            xy: xy.to_vec(),
            s: s.to_vec(),
            t: t.to_vec(),
            incident,
            grid: Grid {
                x0,
                y0,
                side,
                cols,
                rows,
                cells: vec![Vec::new(); cols * rows],
            },
            stamp: vec![0; s.len()],
            clock: 0,
            checks: 0,
            visits: 0,
        };
        Some((st, median))
    }

    /// Puts tie `e` in the grid (a self-loop in none); returns the grid cells it was put
    /// in (the work measure of a sliced fill).
    pub(crate) fn insert_tie(&mut self, e: usize) -> u64 {
        let (a, b) = (self.s[e], self.t[e]);
        if a == b {
            return 0;
        }
        let (pa, pb) = (self.pt(a), self.pt(b));
        self.grid.insert(e as u32, pa, pb)
    }

    pub(crate) fn pt(&self, i: u32) -> (f64, f64) {
        (self.xy[2 * i as usize], self.xy[2 * i as usize + 1])
    }

    /// Crossings of node `v`'s ties if `v` stood at `p` (ties of `v` never count against
    /// each other: they share `v`). Stops counting at `cap`.
    pub(crate) fn node_crossings(&mut self, v: u32, p: (f64, f64), cap: usize) -> usize {
        let mut count = 0;
        for k in 0..self.incident[v as usize].len() {
            let (_, w) = self.incident[v as usize][k];
            let q = self.pt(w);
            count += self.segment_crossings(p, q, v, w, usize::MAX);
            if count >= cap {
                return count;
            }
        }
        count
    }

    /// Crossings of tie `e` with the ties of lower index (so summing over all ties counts
    /// each crossing once); self-loops have none.
    pub(crate) fn tie_crossings_before(&mut self, e: usize) -> usize {
        let (v, w) = (self.s[e], self.t[e]);
        if v == w {
            return 0;
        }
        let (p, q) = (self.pt(v), self.pt(w));
        self.segment_crossings(p, q, v, w, e)
    }

    /// Crossings of the segment `p`–`q` (a tie between `v` and `w`) with the indexed ties
    /// of index below `below` that touch neither `v` nor `w`, each tie checked once.
    fn segment_crossings(
        &mut self,
        p: (f64, f64),
        q: (f64, f64),
        v: u32,
        w: u32,
        below: usize,
    ) -> usize {
        self.clock = self.clock.wrapping_add(1);
        if self.clock == 0 {
            self.stamp.fill(0);
            self.clock = 1;
        }
        let mut count = 0;
        let (c0, c1, r0, r1) = self.grid.range(p, q);
        for r in r0..=r1 {
            for c in c0..=c1 {
                self.visits += 1 + self.grid.cells[r * self.grid.cols + c].len() as u64;
                for &f in &self.grid.cells[r * self.grid.cols + c] {
                    let fi = f as usize;
                    if fi >= below || self.stamp[fi] == self.clock {
                        continue;
                    }
                    self.stamp[fi] = self.clock;
                    self.checks += 1;
                    let (a, b) = (self.s[fi], self.t[fi]);
                    if a == v || b == v || a == w || b == w {
                        continue;
                    }
                    if segments_cross(p, q, self.pt(a), self.pt(b)) {
                        count += 1;
                    }
                }
            }
        }
        count
    }

    pub(crate) fn move_node(&mut self, v: u32, p: (f64, f64)) {
        let old = self.pt(v);
        for k in 0..self.incident[v as usize].len() {
            let (e, w) = self.incident[v as usize][k];
            let q = self.pt(w);
            self.visits += self.grid.remove(e, old, q);
            self.visits += self.grid.insert(e, p, q);
        }
        self.xy[2 * v as usize] = p.0;
        self.xy[2 * v as usize + 1] = p.1;
    }
}

/// cos and sin of 30°: the leaf's fixed candidate angles are its current one turned by
/// k × 30°, k = 1…11.
const COS30: f64 = 0.866_025_403_784_438_6;
const SIN30: f64 = 0.5;

/// A monotone stand-in for the angle of (x, y) in [0, 4): orders directions without atan2.
fn pseudo_angle(x: f64, y: f64) -> f64 {
    let r = x.abs() + y.abs();
    if r == 0.0 {
        return 0.0;
    }
    let p = x / r;
    if y >= 0.0 {
        1.0 - p
    } else {
        3.0 + p
    }
}

fn unit(x: f64, y: f64) -> Option<(f64, f64)> {
    let r = (x * x + y * y).sqrt();
    (r > 0.0 && r.is_finite()).then(|| (x / r, y / r))
}

/// Candidate positions for a leaf `v` hanging from `w` at distance `len`.
pub(crate) fn leaf_candidates(st: &State, v: u32, w: u32, out: &mut Vec<(f64, f64)>) {
    let (p, q) = (st.pt(v), st.pt(w));
    let Some((mut ux, mut uy)) = unit(p.0 - q.0, p.1 - q.1) else {
        return;
    };
    let len = ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt();
    for _ in 1..12 {
        let (nx, ny) = (ux * COS30 - uy * SIN30, ux * SIN30 + uy * COS30);
        (ux, uy) = (nx, ny);
        out.push((q.0 + len * ux, q.1 + len * uy));
    }
    // The widest gaps between w's other ties.
    let mut dirs: Vec<(f64, f64, f64)> = st.incident[w as usize]
        .iter()
        .filter(|&&(_, o)| o != v)
        .filter_map(|&(_, o)| {
            let r = st.pt(o);
            unit(r.0 - q.0, r.1 - q.1).map(|(x, y)| (pseudo_angle(x, y), x, y))
        })
        .collect();
    if dirs.len() < 2 {
        return;
    }
    crate::sort::sort_by(&mut dirs, |a, b| a.0.total_cmp(&b.0));
    let mut gaps: Vec<(f64, usize)> = (0..dirs.len())
        .map(|i| {
            let j = (i + 1) % dirs.len();
            let mut g = dirs[j].0 - dirs[i].0;
            if j == 0 {
                g += 4.0;
            }
            (g, i)
        })
        .collect();
    crate::sort::sort_by(&mut gaps, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(g, i) in gaps.iter().take(8) {
        let j = (i + 1) % dirs.len();
        let (a, b) = ((dirs[i].1, dirs[i].2), (dirs[j].1, dirs[j].2));
        let bisector = match unit(a.0 + b.0, a.1 + b.1) {
            Some((x, y)) if g > 2.0 => (-x, -y),
            Some(d) => d,
            None => (-a.1, a.0), // opposite directions: a quarter turn from a
        };
        out.push((q.0 + len * bisector.0, q.1 + len * bisector.1));
    }
}

/// Candidate positions for `v` between `a` and `b`.
pub(crate) fn middle_candidates(st: &State, v: u32, a: u32, b: u32, out: &mut Vec<(f64, f64)>) {
    let (p, pa, pb) = (st.pt(v), st.pt(a), st.pt(b));
    let Some((dx, dy)) = unit(pb.0 - pa.0, pb.1 - pa.1) else {
        return;
    };
    // Reflection of p across the line a–b.
    let (rx, ry) = (p.0 - pa.0, p.1 - pa.1);
    let along = rx * dx + ry * dy;
    let (fx, fy) = (pa.0 + along * dx, pa.1 + along * dy);
    out.push((2.0 * fx - p.0, 2.0 * fy - p.1));
    // On the perpendicular through the midpoint, at the same side distance, either side.
    let (mx, my) = (0.5 * (pa.0 + pb.0), 0.5 * (pa.1 + pb.1));
    let h = ((p.0 - fx).powi(2) + (p.1 - fy).powi(2)).sqrt();
    out.push((mx - dy * h, my + dx * h));
    out.push((mx + dy * h, my - dx * h));
    out.push((mx, my));
}

/// Candidate shifts of `v`: 8 directions at ¼ and ½ of `step`, and the barycentre.
pub(crate) fn shift_candidates(st: &State, v: u32, step: f64, out: &mut Vec<(f64, f64)>) {
    const D: f64 = std::f64::consts::FRAC_1_SQRT_2;
    let p = st.pt(v);
    for f in [0.25, 0.5] {
        for (dx, dy) in [
            (1.0, 0.0),
            (D, D),
            (0.0, 1.0),
            (-D, D),
            (-1.0, 0.0),
            (-D, -D),
            (0.0, -1.0),
            (D, -D),
        ] {
            out.push((p.0 + f * step * dx, p.1 + f * step * dy));
        }
    }
    let nb = &st.incident[v as usize];
    let (mut x, mut y) = (0.0, 0.0);
    for &(_, o) in nb {
        let q = st.pt(o);
        x += q.0;
        y += q.1;
    }
    out.push((x / nb.len() as f64, y / nb.len() as f64));
}

/// Run the pass on `xy` (`[x0, y0, …]`); `pinned` nodes (empty slice: none) never move.
///
/// # Errors
/// When a tie names a node that does not exist, or `xy` / `pinned` have the wrong length.
///
/// # Examples
/// ```
/// use farmmap::network::metrics::crossings;
/// use farmmap::network::uncross::{uncross, UncrossSettings};
///
/// // A square 0-1-2-3 with a leaf 4 on 0 drawn out through the square's side 1-2.
/// let (s, t) = ([0, 1, 2, 3, 0], [1, 2, 3, 0, 4]);
/// let xy = [0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 2.0, 0.5];
/// assert_eq!(crossings(&s, &t, &xy), 1);
/// // Square's corners pinned: only the leaf may move.
/// let pinned = [true, true, true, true, false];
/// let out = uncross(5, &s, &t, &xy, &pinned, &UncrossSettings::default()).unwrap();
/// assert_eq!(crossings(&s, &t, &out.xy), 0);
/// assert_eq!((out.moves, out.removed), (1, 1));
/// // The leaf turned around node 0 at the same distance; nothing else moved.
/// assert!(((out.xy[8].powi(2) + out.xy[9].powi(2)).sqrt() - 4.25f64.sqrt()).abs() < 1e-12);
/// assert_eq!(out.xy[..8], xy[..8]);
/// ```
pub fn uncross(
    node_count: usize,
    sources: &[u32],
    targets: &[u32],
    xy: &[f64],
    pinned: &[bool],
    settings: &UncrossSettings,
) -> Result<Uncrossed, LayoutError> {
    if xy.len() != 2 * node_count {
        return Err(LayoutError(format!(
            "positions have {} numbers; {node_count} nodes need {}",
            xy.len(),
            2 * node_count
        )));
    }
    if !pinned.is_empty() && pinned.len() != node_count {
        return Err(LayoutError(format!(
            "pinned has {} entries for {node_count} nodes",
            pinned.len()
        )));
    }
    if sources.len() != targets.len() {
        return Err(LayoutError("sources and targets differ in length".into()));
    }
    if let Some(e) = (0..sources.len())
        .find(|&e| sources[e] as usize >= node_count || targets[e] as usize >= node_count)
    {
        return Err(LayoutError(format!(
            "tie {e} names node {} but there are {node_count}",
            sources[e].max(targets[e])
        )));
    }
    let Some((mut st, median)) = State::new(node_count, sources, targets, xy) else {
        return Ok(Uncrossed {
            xy: xy.to_vec(),
            moves: 0,
            removed: 0,
        });
    };
    let (short, long) = (median / settings.max_stretch, median * settings.max_stretch);
    let (mut moves, mut removed) = (0, 0);
    let mut candidates = Vec::new();
    for _ in 0..settings.sweeps {
        let mut moved = false;
        for v in 0..node_count as u32 {
            let degree = st.incident[v as usize].len();
            let top = settings.shift_up_to_degree.max(2);
            if !(1..=top).contains(&degree) || pinned.get(v as usize) == Some(&true) {
                continue;
            }
            let p = st.pt(v);
            let now = st.node_crossings(v, p, usize::MAX);
            if now == 0 {
                continue;
            }
            candidates.clear();
            if degree == 1 {
                leaf_candidates(&st, v, st.incident[v as usize][0].1, &mut candidates);
            } else if degree == 2 {
                let (a, b) = (st.incident[v as usize][0].1, st.incident[v as usize][1].1);
                if a == b {
                    continue;
                }
                middle_candidates(&st, v, a, b, &mut candidates);
            } else {
                shift_candidates(&st, v, median, &mut candidates);
            }
            let mut best: Option<(usize, f64, (f64, f64))> = None;
            for &c in &candidates {
                if !c.0.is_finite() || !c.1.is_finite() {
                    continue;
                }
                let stretched = st.incident[v as usize].iter().any(|&(_, o)| {
                    let q = st.pt(o);
                    let old = ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt();
                    let new = ((c.0 - q.0).powi(2) + (c.1 - q.1).powi(2)).sqrt();
                    new > long.max(old) * (1.0 + 1e-9) || new < short.min(old) * (1.0 - 1e-9)
                });
                if stretched {
                    continue;
                }
                let cap = best.map_or(now, |b| b.0 + 1).min(now);
                let n = st.node_crossings(v, c, cap);
                if n >= now {
                    continue;
                }
                let d = (c.0 - p.0).powi(2) + (c.1 - p.1).powi(2);
                if best.is_none_or(|b| n < b.0 || (n == b.0 && d < b.1)) {
                    best = Some((n, d, c));
                }
            }
            if let Some((n, _, c)) = best {
                st.move_node(v, c);
                moves += 1;
                removed += now - n;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    Ok(Uncrossed {
        xy: st.xy,
        moves,
        removed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::generate::barabasi_albert;
    use crate::network::metrics::crossings;
    use crate::rng::Mulberry32;

    fn random_drawing(n: usize, m: usize, seed: u32) -> (Vec<u32>, Vec<u32>, Vec<f64>) {
        let mut rng = Mulberry32::new(seed);
        let (mut s, mut t) = (Vec::new(), Vec::new());
        for _ in 0..m {
            s.push((rng.next_f64() * n as f64) as u32);
            t.push((rng.next_f64() * n as f64) as u32);
        }
        let xy = (0..2 * n).map(|_| rng.next_f64() * 10.0).collect();
        (s, t, xy)
    }

    fn state(n: usize, s: &[u32], t: &[u32], xy: &[f64], side: f64) -> State {
        let mut incident = vec![Vec::new(); n];
        for e in 0..s.len() {
            if s[e] != t[e] {
                incident[s[e] as usize].push((e as u32, t[e]));
                incident[t[e] as usize].push((e as u32, s[e]));
            }
        }
        let cols = (10.0 / side) as usize + 1;
        let mut st = State {
            xy: xy.to_vec(),
            s: s.to_vec(),
            t: t.to_vec(),
            incident,
            grid: Grid {
                x0: 0.0,
                y0: 0.0,
                side,
                cols,
                rows: cols,
                cells: vec![Vec::new(); cols * cols],
            },
            stamp: vec![0; s.len()],
            clock: 0,
            checks: 0,
            visits: 0,
        };
        for e in 0..s.len() {
            if s[e] != t[e] {
                let (a, b) = (st.pt(s[e]), st.pt(t[e]));
                st.grid.insert(e as u32, a, b);
            }
        }
        st
    }

    /// Crossings of v's ties by brute force: pairs (tie of v, any tie) not sharing a node.
    fn brute(s: &[u32], t: &[u32], xy: &[f64], v: u32) -> usize {
        let pt = |i: u32| (xy[2 * i as usize], xy[2 * i as usize + 1]);
        let mut count = 0;
        for e in 0..s.len() {
            if (s[e] != v && t[e] != v) || s[e] == t[e] {
                continue;
            }
            for f in 0..s.len() {
                let (a, b, c, d) = (s[e], t[e], s[f], t[f]);
                if a == c || a == d || b == c || b == d {
                    continue;
                }
                if segments_cross(pt(a), pt(b), pt(c), pt(d)) {
                    count += 1;
                }
            }
        }
        count
    }

    #[test]
    fn grid_counting_matches_brute_force_on_random_drawings() {
        let mut seen = 0;
        for seed in 0..40 {
            let (s, t, xy) = random_drawing(30, 60, seed);
            // Coarse, fine and one-cell grids (positions outside are clamped in).
            for side in [0.7, 2.5, 20.0] {
                let mut st = state(30, &s, &t, &xy, side);
                for v in 0..30u32 {
                    let p = st.pt(v);
                    let got = st.node_crossings(v, p, usize::MAX);
                    assert_eq!(
                        got,
                        brute(&s, &t, &xy, v),
                        "seed {seed}, side {side}, node {v}"
                    );
                    seen += got;
                }
            }
            // After moves, the grid still answers as brute force does.
            let mut st = state(30, &s, &t, &xy, 1.3);
            let mut rng = Mulberry32::new(seed + 1000);
            for v in 0..30u32 {
                let p = (rng.next_f64() * 14.0 - 2.0, rng.next_f64() * 14.0 - 2.0);
                st.move_node(v, p);
            }
            let moved = st.xy.clone();
            for v in 0..30u32 {
                let p = st.pt(v);
                assert_eq!(
                    st.node_crossings(v, p, usize::MAX),
                    brute(&s, &t, &moved, v)
                );
            }
        }
        assert!(seen > 1000, "the drawings should cross a lot: {seen}");
    }

    #[test]
    fn the_pass_never_adds_crossings_and_reports_what_it_removed() {
        for shift in [0, 8] {
            let settings = UncrossSettings {
                shift_up_to_degree: shift,
                ..UncrossSettings::default()
            };
            let mut total_removed = 0;
            for seed in 0..30 {
                // Sparse random graphs (many leaves and degree-2 nodes), then denser ones.
                let m = if seed < 15 { 45 } else { 90 };
                let (s, t, xy) = random_drawing(40, m, seed);
                let before = crossings(&s, &t, &xy);
                let out = uncross(40, &s, &t, &xy, &[], &settings).unwrap();
                let after = crossings(&s, &t, &out.xy);
                assert!(
                    after <= before,
                    "shift {shift}, seed {seed}: {before} -> {after}"
                );
                assert_eq!(before - after, out.removed, "shift {shift}, seed {seed}");
                total_removed += out.removed;
            }
            assert!(total_removed > 100, "shift {shift}: {total_removed}");
        }
    }

    #[test]
    fn pinned_nodes_stay_and_moved_nodes_keep_their_tie_lengths_in_range() {
        let (s, t, xy) = random_drawing(40, 45, 7);
        let pinned: Vec<bool> = (0..40).map(|i| i % 3 == 0).collect();
        let out = uncross(40, &s, &t, &xy, &pinned, &UncrossSettings::default()).unwrap();
        assert!(out.moves > 0);
        for i in (0..40).filter(|i| pinned[*i]) {
            assert_eq!(
                (out.xy[2 * i], out.xy[2 * i + 1]),
                (xy[2 * i], xy[2 * i + 1])
            );
        }
        let len = |p: &[f64], e: usize| {
            let (a, b) = (s[e] as usize, t[e] as usize);
            ((p[2 * a] - p[2 * b]).powi(2) + (p[2 * a + 1] - p[2 * b + 1]).powi(2)).sqrt()
        };
        let mut lengths: Vec<f64> = (0..s.len())
            .filter(|&e| s[e] != t[e])
            .map(|e| len(&xy, e))
            .collect();
        crate::sort::sort_by(&mut lengths, f64::total_cmp);
        let median = lengths[lengths.len() / 2];
        for e in (0..s.len()).filter(|&e| s[e] != t[e]) {
            let (old, new) = (len(&xy, e), len(&out.xy, e));
            assert!(
                new <= (1.5 * median).max(old) * (1.0 + 1e-6),
                "tie {e}: {old} -> {new}"
            );
            assert!(
                new >= (median / 1.5).min(old) * (1.0 - 1e-6),
                "tie {e}: {old} -> {new}"
            );
        }
    }

    #[test]
    fn same_input_same_positions() {
        let (s, t) = barabasi_albert(400, 3);
        let mut rng = Mulberry32::new(5);
        let xy: Vec<f64> = (0..800).map(|_| rng.next_f64()).collect();
        let a = uncross(400, &s, &t, &xy, &[], &UncrossSettings::default()).unwrap();
        let b = uncross(400, &s, &t, &xy, &[], &UncrossSettings::default()).unwrap();
        assert!(a.moves > 0);
        assert_eq!(a, b);
        assert_ne!(a.xy, xy);
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(uncross(2, &[0], &[5], &[0.0; 4], &[], &UncrossSettings::default()).is_err());
        assert!(uncross(2, &[0], &[1], &[0.0; 3], &[], &UncrossSettings::default()).is_err());
    }
}
