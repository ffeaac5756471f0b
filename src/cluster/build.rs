//! Building a [`ClusterIndex`] in steps, so a page can cluster a million points without
//! holding its main thread for seconds.
//!
//! The build is the same as supercluster's (`index` module docs): project the points, the
//! first tree, then per zoom from `max_zoom` down the coordinates of the level, the grid,
//! the greedy pass and, when something merged, the next level's tree. Every one of those
//! is a loop whose position is kept here ([`IndexBuilder`]'s stages, the grid's stages,
//! the tree's stack of ranges still to split), so the work can stop after any item and
//! resume. Nothing depends on where it stopped: the index is identical, bit for bit, to
//! the one [`ClusterIndex::load`] builds (which is this builder run to the end).
//!
//! Work is counted in units of about one item visited; a caller gives a budget per
//! [`IndexBuilder::step`] and measures time itself (the page: a few thousand units a call
//! until ~8 ms have passed). The largest single piece is selecting the median of the first
//! tree's items (one pass over all points).

use super::aggregate::{Aggregates, PointAttrs};
use super::grid::Grid;
use super::headroom::Headroom;
use super::index::{ClusterIndex, Coords, Rows, FIRST_BYTES, LEVEL_BYTES, MAX_POINTS, NONE};
use super::kdbush::{sq_dist, KdTree, TreeBuild};
use super::mercator::{lat_y, lng_x, to_int32, SCALE};
use super::{ClusterError, ClusterOptions};

/// Where a build is. Stages follow each other in this order, the zoom ones once per zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Stage {
    /// Degrees → world coordinates, in place.
    Project,
    /// The located points, in input order: the first level.
    Locate,
    /// Int32 coordinates of the current level, in entry order; then `Then`.
    Coords(Then),
    /// A tree over the current level (the first, or the one a pass just made).
    Tree,
    /// The radius grid of zoom `z`.
    Grid,
    /// The greedy pass of zoom `z`.
    Pass,
    Done,
}

/// What follows a `Coords` stage.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Then {
    Tree,
    Grid,
}

/// A greedy pass in progress.
struct Pass {
    /// Next entry to visit.
    i: usize,
    formed: bool,
    first_row: u32,
    /// The level being clustered, taken out of `levels` for the pass (the pass adds cluster
    /// rows while it searches the tree).
    tree: Option<KdTree>,
}

/// Buffers reused across zoom passes.
#[derive(Default)]
struct Scratch {
    grid: Grid,
    visited: Vec<bool>,
    near: Vec<u32>,
    ordered: Vec<u32>,
    /// Entry of each handle of the current level; only for the tree search (tests).
    entry_of: std::collections::HashMap<u32, u32>,
}

/// A [`ClusterIndex`] being built, a budget of work at a time.
///
/// # Examples
/// ```
/// use farmmap::cluster::{ClusterIndex, ClusterOptions, IndexBuilder, PointAttrs};
///
/// let lnglat = vec![75.3, 51.7, 75.32, 51.71, 76.9, 43.25];
/// let mut builder =
///     IndexBuilder::new(ClusterOptions::default(), lnglat.clone(), PointAttrs::default()).unwrap();
/// let mut last = 0.0;
/// while !builder.is_done() {
///     let progress = builder.step(2); // a tiny budget: many steps
///     assert!(progress >= last && progress <= 1.0);
///     last = progress;
/// }
/// let stepped = builder.finish();
///
/// let mut whole = ClusterIndex::new(ClusterOptions::default()).unwrap();
/// whole.load(&lnglat, &PointAttrs::default()).unwrap();
/// let world = [-180.0, -90.0, 180.0, 90.0];
/// assert_eq!(stepped.clusters(world, 3.0).unwrap(), whole.clusters(world, 3.0).unwrap());
/// ```
pub struct IndexBuilder {
    index: ClusterIndex,
    headroom: Headroom,
    stage: Stage,
    /// Item the current stage continues from.
    at: usize,
    /// The zoom being clustered; `None` before the first and after the last.
    z: Option<u8>,
    /// The current level's handles in entry order, the next level's, and the current
    /// level's Int32 coordinates.
    cur: Vec<u32>,
    next: Vec<u32>,
    xs: Vec<i32>,
    ys: Vec<i32>,
    s: Scratch,
    tree: Option<TreeBuild>,
    pass: Pass,
    /// Units of work done, and the progress last reported (it never goes back).
    spent: u64,
    progress: f64,
}

impl IndexBuilder {
    /// Starts indexing `lnglat` (`[lng0, lat0, …]`, degrees) with `attrs`, as
    /// [`ClusterIndex::load`] would; nothing is computed until [`step`](Self::step). The
    /// coordinates' buffer becomes the index's world coordinates (no copy).
    ///
    /// # Errors
    /// As [`ClusterIndex::new`] for the options and [`ClusterIndex::load`] for the input.
    pub fn new(
        options: ClusterOptions,
        lnglat: Vec<f64>,
        attrs: PointAttrs,
    ) -> Result<IndexBuilder, ClusterError> {
        let options = options.validated()?;
        if lnglat.len() % 2 != 0 {
            return Err(ClusterError::BadInput(
                "coordinates must come in lng, lat pairs".into(),
            ));
        }
        let n = lnglat.len() / 2;
        if n >= MAX_POINTS {
            return Err(ClusterError::BadInput(format!(
                "{n} points; at most {} fit the cluster id scheme",
                MAX_POINTS - 1
            )));
        }
        if let Some(k) = lnglat.iter().position(|v| v.is_infinite()) {
            return Err(ClusterError::BadInput(format!(
                "point {} has an infinite coordinate",
                k / 2
            )));
        }
        let groups = attrs.check(n)?;
        let mut headroom = Headroom::default();
        headroom.plan(n * FIRST_BYTES);
        let given = attrs.given();
        let index = ClusterIndex {
            num_points: n,
            world: lnglat,
            attrs: given.then_some(attrs),
            pool: Aggregates::new(groups),
            ..ClusterIndex::blank(options, true)
        };
        let mut b = IndexBuilder::from_world(index, headroom);
        b.stage = Stage::Project;
        Ok(b)
    }

    /// A build of `index`, whose `world` already holds world coordinates.
    pub(super) fn from_world(mut index: ClusterIndex, headroom: Headroom) -> IndexBuilder {
        let opts = &index.options;
        index.levels.clear();
        index.rows = Rows::default();
        index.rows.child_start.push(0);
        index.rows.zoom_rows = vec![(0, 0); opts.max_zoom as usize + 1];
        index.level_of_zoom = vec![NONE; opts.max_zoom as usize + 2];
        let n = index.num_points;
        IndexBuilder {
            index,
            headroom,
            stage: Stage::Locate,
            at: 0,
            z: None,
            cur: Vec::with_capacity(n),
            next: Vec::new(),
            xs: Vec::new(),
            ys: Vec::new(),
            s: Scratch::default(),
            tree: None,
            pass: Pass {
                i: 0,
                formed: false,
                first_row: 0,
                tree: None,
            },
            spent: 0,
            progress: 0.0,
        }
    }

    /// Whether the index is complete ([`finish`](Self::finish) then only hands it over).
    pub fn is_done(&self) -> bool {
        self.stage == Stage::Done
    }

    /// Does about `budget` units of work (an item visited is one unit; a stage may go
    /// past the budget by what one item costs, the first tree's median selection by up
    /// to all points). Returns the progress, from 0 to 1 (1 exactly when done).
    pub fn step(&mut self, budget: u64) -> f64 {
        let mut left = budget;
        while self.stage != Stage::Done && left > 0 {
            let before = left;
            self.advance(&mut left);
            self.spent += before - left;
        }
        self.progress = if self.is_done() {
            1.0
        } else {
            let est = self.spent as f64 / (self.spent + self.estimate_left()).max(1) as f64;
            est.clamp(self.progress, 0.999)
        };
        self.progress
    }

    /// The progress [`step`](Self::step) last returned.
    pub fn progress(&self) -> f64 {
        self.progress
    }

    /// Completes any work left and hands the index over.
    pub fn finish(mut self) -> ClusterIndex {
        while !self.is_done() {
            self.step(u64::MAX);
        }
        self.index
    }

    /// One stage's work, as much as `budget` allows; moves to the next stage when done.
    fn advance(&mut self, budget: &mut u64) {
        let n = self.index.num_points;
        match self.stage {
            Stage::Project => {
                let world = &mut self.index.world;
                for i in take(&mut self.at, n, budget) {
                    let (lng, lat) = (world[2 * i], world[2 * i + 1]);
                    if lng.is_nan() || lat.is_nan() {
                        world[2 * i..2 * i + 2].fill(f64::NAN);
                    } else {
                        world[2 * i] = lng_x(lng);
                        world[2 * i + 1] = lat_y(lat);
                    }
                }
                if self.at == n {
                    (self.stage, self.at) = (Stage::Locate, 0);
                }
            }
            Stage::Locate => {
                for i in take(&mut self.at, n, budget) {
                    if !self.index.world[2 * i].is_nan() {
                        self.cur.push(i as u32);
                    }
                }
                if self.at == n {
                    self.begin_coords(Then::Tree);
                }
            }
            Stage::Coords(then) => {
                let c = self.index.coords();
                for k in take(&mut self.at, self.cur.len(), budget) {
                    let (x, y) = c.xy(self.cur[k]);
                    self.xs.push(x);
                    self.ys.push(y);
                }
                if self.at < self.cur.len() {
                    return;
                }
                match then {
                    Then::Tree => {
                        let (xs, ys) = (std::mem::take(&mut self.xs), std::mem::take(&mut self.ys));
                        let node_size = self.index.options.node_size as usize;
                        self.tree = Some(TreeBuild::new(self.cur.clone(), xs, ys, node_size));
                        self.stage = Stage::Tree;
                    }
                    Then::Grid => {
                        if self.index.grid_on() {
                            self.s.grid.begin(self.cur.len(), self.radius());
                        }
                        self.stage = Stage::Grid;
                    }
                }
            }
            Stage::Tree => {
                let tree = self.tree.as_mut().expect("a tree is being built");
                if !tree.advance(budget) {
                    return;
                }
                let (tree, xs, ys) = self.tree.take().expect("a tree is being built").finish();
                (self.xs, self.ys) = (xs, ys);
                self.index.levels.push(tree);
                self.end_zoom();
            }
            Stage::Grid => {
                if self.index.grid_on() {
                    if !self.s.grid.advance(&self.xs, &self.ys, budget) {
                        return;
                    }
                } else {
                    self.s.entry_of = self
                        .cur
                        .iter()
                        .enumerate()
                        .map(|(k, &h)| (h, k as u32))
                        .collect();
                    *budget = budget.saturating_sub(self.cur.len() as u64);
                }
                self.s.visited.clear();
                self.s.visited.resize(self.cur.len(), false);
                self.next.clear();
                self.pass = Pass {
                    i: 0,
                    formed: false,
                    first_row: self.index.rows.id.len() as u32,
                    tree: self.index.levels.pop(),
                };
                self.stage = Stage::Pass;
            }
            Stage::Pass => {
                let z = self.z.expect("a zoom is being clustered");
                let r = self.radius();
                let done = self.index.pass_step(
                    &mut self.pass,
                    PassInput {
                        cur: &self.cur,
                        xs: &self.xs,
                        ys: &self.ys,
                        z,
                        r,
                    },
                    &mut self.next,
                    &mut self.s,
                    budget,
                );
                if !done {
                    return;
                }
                let rows = &mut self.index.rows;
                rows.zoom_rows[z as usize] = (self.pass.first_row, rows.id.len() as u32);
                let tree = self.pass.tree.take().expect("the pass's level");
                self.index.levels.push(tree);
                if self.pass.formed {
                    std::mem::swap(&mut self.cur, &mut self.next);
                    self.begin_coords(Then::Tree);
                } else {
                    // Nothing merged: the zoom shares the level above, as supercluster
                    // shares its tree.
                    self.end_zoom();
                }
            }
            Stage::Done => {}
        }
    }

    /// The search radius of the zoom being clustered, in Int32 units.
    fn radius(&self) -> f64 {
        let o = &self.index.options;
        let z = self.z.expect("a zoom is being clustered");
        o.radius / (o.extent * f64::from(1u32 << z)) * SCALE
    }

    fn begin_coords(&mut self, then: Then) {
        self.xs.clear();
        self.ys.clear();
        (self.stage, self.at) = (Stage::Coords(then), 0);
    }

    /// A level is complete (the first one, or zoom `z`'s): record it and start the next
    /// zoom, or end the build.
    fn end_zoom(&mut self) {
        let opts = &self.index.options;
        let (min, max) = (opts.min_zoom, opts.max_zoom);
        let last = self.index.levels.len() as u32 - 1;
        let next = match self.z {
            None => {
                self.index.level_of_zoom[max as usize + 1] = 0;
                self.next = Vec::with_capacity(self.cur.len());
                Some(max)
            }
            Some(z) => {
                self.index.level_of_zoom[z as usize] = last;
                (z > min).then(|| z - 1)
            }
        };
        self.z = next;
        match next {
            Some(_) => {
                self.headroom.plan(self.cur.len() * LEVEL_BYTES);
                self.begin_coords(Then::Grid);
            }
            None => {
                self.index.rows.shrink();
                // What only the build needed goes now, not when the builder is dropped.
                (self.cur, self.next, self.xs, self.ys) = Default::default();
                self.s = Scratch::default();
                self.stage = Stage::Done;
            }
        }
    }

    /// Units of work still to do, roughly: the current stage's rest and, per zoom left, a
    /// coordinates pass, the grid (~6 a point), the pass and a tree (~log2(m / node size)).
    fn estimate_left(&self) -> u64 {
        let n = self.index.num_points as u64;
        let m = if matches!(self.stage, Stage::Project | Stage::Locate) {
            n
        } else {
            self.cur.len() as u64
        };
        let opts = &self.index.options;
        let depth = (m / u64::from(opts.node_size.max(2))).max(1).ilog2() as u64 + 1;
        let tree = m * depth;
        let zoom = 9 * m + tree;
        let zooms_left = match self.z {
            None => u64::from(opts.max_zoom - opts.min_zoom) + 1,
            Some(z) => u64::from(z - opts.min_zoom),
        };
        let at = self.at as u64;
        let here = match self.stage {
            Stage::Project => 2 * n - at + tree,
            Stage::Locate => n - at + m + tree,
            Stage::Coords(Then::Tree) => m.saturating_sub(at) + tree,
            Stage::Coords(Then::Grid) => m.saturating_sub(at) + 8 * m + tree,
            Stage::Tree => self
                .tree
                .as_ref()
                .map_or(0, |t| t.pending() as u64 * depth / 2),
            Stage::Grid => 4 * m + tree,
            Stage::Pass => m.saturating_sub(self.pass.i as u64) + m + tree,
            Stage::Done => 0,
        };
        here + zooms_left * zoom
    }
}

/// Takes up to `budget` of the items `at..end`: the range to do now.
fn take(at: &mut usize, end: usize, budget: &mut u64) -> std::ops::Range<usize> {
    let k = (end - *at).min(usize::try_from(*budget).unwrap_or(usize::MAX));
    *budget -= k as u64;
    let r = *at..*at + k;
    *at += k;
    r
}

/// What a pass reads: the level (handles in entry order, their coordinates), the zoom and
/// the radius in Int32 units.
struct PassInput<'a> {
    cur: &'a [u32],
    xs: &'a [i32],
    ys: &'a [i32],
    z: u8,
    r: f64,
}

impl ClusterIndex {
    fn num_of(&self, h: u32) -> u32 {
        let n = self.num_points as u32;
        if h < n {
            1
        } else {
            self.rows.num[(h - n) as usize]
        }
    }

    /// Adds entry `h` (a point or a cluster) into aggregate `row`.
    fn add_entry(&mut self, h: u32, row: usize) {
        let n = self.num_points as u32;
        let Some(attrs) = &self.attrs else { return };
        if h < n {
            self.pool.add_point(row, attrs, h as usize);
        } else {
            self.pool.add_row(row, (h - n) as usize);
        }
    }

    /// The greedy pass at zoom `z` over the level `cur`, from entry `p.i` on, writing the
    /// next level to `out`, until `budget` (one unit an entry, plus one a candidate) is
    /// spent. Returns whether the pass is complete; `p.formed` says whether any cluster
    /// formed (if not, the zoom shares the level above).
    fn pass_step(
        &mut self,
        p: &mut Pass,
        input: PassInput,
        out: &mut Vec<u32>,
        s: &mut Scratch,
        budget: &mut u64,
    ) -> bool {
        let PassInput { cur, xs, ys, z, r } = input;
        let min_points = self.options.min_points;
        let n = self.num_points as u32;
        let id_base = u32::from(z) + 1 + n;
        let m = cur.len();
        let r2 = r * r;
        let tree = p.tree.as_ref().expect("the pass's level");

        while p.i < m {
            if *budget == 0 {
                return false;
            }
            *budget -= 1;
            let i = p.i;
            p.i += 1;
            if s.visited[i] {
                continue;
            }
            s.visited[i] = true;
            if self.grid_on() && !s.grid.crowded(i) {
                out.push(cur[i]);
                continue;
            }
            let (x, y) = (xs[i] as f64, ys[i] as f64);
            s.near.clear();
            // Candidates looked at (most already visited where points crowd): the work.
            let mut seen = 0u64;
            {
                let (visited, near, seen) = (&s.visited, &mut s.near, &mut seen);
                // The grid hands each candidate's coordinates along (from its own slots).
                let mut consider = |k: u32, kx: i32, ky: i32| {
                    *seen += 1;
                    if !visited[k as usize] && sq_dist(kx as f64, ky as f64, x, y) <= r2 {
                        near.push(k);
                    }
                };
                if self.grid_on() {
                    s.grid.for_candidates(i, consider);
                } else {
                    s.ordered.clear();
                    let c = Coords {
                        n,
                        world: &self.world,
                        x: &self.rows.x,
                        y: &self.rows.y,
                    };
                    tree.within(|h| c.xy(h), x, y, r, &mut s.ordered);
                    for h in &s.ordered {
                        let k = s.entry_of[h];
                        consider(k, xs[k as usize], ys[k as usize]);
                    }
                }
            }
            *budget = budget.saturating_sub(seen);

            let num_origin = self.num_of(cur[i]);
            let num_points = num_origin
                + s.near
                    .iter()
                    .map(|&k| self.num_of(cur[k as usize]))
                    .sum::<u32>();

            if num_points > num_origin && num_points >= min_points {
                p.formed = true;
                let row = self.rows.id.len();
                let id = ((i as u32) << 5) + id_base;
                let first_child = self.rows.children.len();
                self.rows.children.push(cur[i]);
                if self.attrs.is_some() {
                    self.pool.push_empty();
                    self.add_entry(cur[i], row);
                }
                let mut wx = x * num_origin as f64;
                let mut wy = y * num_origin as f64;
                for idx in 0..s.near.len() {
                    let k = s.near[idx] as usize;
                    s.visited[k] = true;
                    let w = self.num_of(cur[k]) as f64;
                    wx += xs[k] as f64 * w;
                    wy += ys[k] as f64 * w;
                    self.rows.children.push(cur[k]);
                    if self.attrs.is_some() {
                        self.add_entry(cur[k], row);
                    }
                }
                crate::sort::sort_u32(&mut self.rows.children[first_child..]);
                self.rows.child_start.push(self.rows.children.len() as u32);
                let np = num_points as f64;
                self.rows.id.push(id);
                self.rows.num.push(num_points);
                self.rows.x.push(to_int32(wx / np));
                self.rows.y.push(to_int32(wy / np));
                self.rows.center.push(cur[i]);
                out.push(n + row as u32);
            } else {
                out.push(cur[i]);
                if !s.near.is_empty() {
                    // Too few to cluster: the neighbours follow in kdbush's order, which
                    // only the tree knows (this happens only with minPoints > 2).
                    s.ordered.clear();
                    let c = self.coords();
                    tree.within(|h| c.xy(h), x, y, r, &mut s.ordered);
                    for &h in &s.ordered {
                        if let Some(&k) = s.near.iter().find(|&&k| cur[k as usize] == h) {
                            if !s.visited[k as usize] {
                                s.visited[k as usize] = true;
                                out.push(h);
                            }
                        }
                    }
                }
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything an index answers, for comparing two indexes: per zoom the world's
    /// clusters (positions, counts, ids, aggregates) and for every cluster its children,
    /// leaves and expansion zoom; plus the stored sizes.
    fn fingerprint(index: &ClusterIndex) -> String {
        use std::fmt::Write;
        let mut out = format!("{:?}\n", index.stats());
        let max = index.options().max_zoom;
        for z in 0..=max + 1 {
            let c = index
                .clusters([-180.0, -90.0, 180.0, 90.0], f64::from(z))
                .unwrap();
            let a = index.aggregates(&c);
            writeln!(
                out,
                "z{z} {:?} {:?} {:?} {:?} {a:?}",
                c.id, c.count, c.lng, c.lat
            )
            .unwrap();
            for (k, &id) in c.id.iter().enumerate() {
                if c.count[k] > 1 {
                    let ch = index.children(id).unwrap();
                    let leaves = index.leaves(id, usize::MAX, 0).unwrap();
                    let e = index.expansion_zoom(id).unwrap();
                    writeln!(out, " {id}: {:?} {leaves:?} {e}", ch.id).unwrap();
                }
            }
        }
        out
    }

    fn gaussian(n: usize, seed: u32) -> Vec<f64> {
        let mut rng = crate::rng::Mulberry32::new(seed);
        let mut v = Vec::with_capacity(2 * n);
        for _ in 0..n {
            let (cx, cy) = [(75.3, 51.7), (76.9, 43.3), (71.4, 51.2)][rng.next_u32() as usize % 3];
            v.extend([cx + rng.gaussian() * 0.8, cy + rng.gaussian() * 0.5]);
        }
        v
    }

    fn uniform(n: usize, seed: u32) -> Vec<f64> {
        let mut rng = crate::rng::Mulberry32::new(seed);
        (0..n)
            .flat_map(|_| {
                [
                    rng.next_f64() * 360.0 - 180.0,
                    rng.next_f64() * 170.0 - 85.0,
                ]
            })
            .collect()
    }

    /// 300 spots, ~10 points on each, plus points without a location.
    fn duplicates(n: usize, seed: u32) -> Vec<f64> {
        let spots = uniform(300, seed);
        let mut v = Vec::with_capacity(2 * n);
        for i in 0..n {
            if i % 97 == 5 {
                v.extend([f64::NAN, 40.0]);
            } else {
                let k = (i * 7919) % 300;
                v.extend([spots[2 * k], spots[2 * k + 1]]);
            }
        }
        v
    }

    fn attrs(n: usize) -> PointAttrs {
        PointAttrs {
            capacity: (0..n)
                .map(|i| {
                    if i % 5 == 0 {
                        f64::NAN
                    } else {
                        (i % 17) as f64 * 0.5
                    }
                })
                .collect(),
            status: (0..n).map(|i| (i % 3) as u8).collect(),
            group: (0..n)
                .map(|i| {
                    if i % 4 == 0 {
                        super::super::UNASSIGNED
                    } else {
                        (i % 6) as u16
                    }
                })
                .collect(),
        }
    }

    fn stepped(
        options: &ClusterOptions,
        lnglat: &[f64],
        a: &PointAttrs,
        per_call: u64,
    ) -> ClusterIndex {
        let mut b = IndexBuilder::new(options.clone(), lnglat.to_vec(), a.clone()).unwrap();
        let (mut calls, mut last) = (0, 0.0);
        while !b.is_done() {
            let p = b.step(per_call);
            assert!(p >= last && p <= 1.0, "progress went from {last} to {p}");
            last = p;
            calls += 1;
        }
        assert_eq!(last, 1.0);
        assert!(per_call == u64::MAX || calls > 10, "{calls} calls");
        b.finish()
    }

    #[test]
    fn stepped_build_equals_one_shot_build() {
        let cases: [(&str, Vec<f64>); 3] = [
            ("uniform", uniform(1500, 1)),
            ("gaussian", gaussian(1500, 2)),
            ("duplicates", duplicates(1500, 3)),
        ];
        let options = [
            ClusterOptions::default(),
            ClusterOptions {
                radius: 60.0,
                max_zoom: 16,
                min_zoom: 2,
                node_size: 8,
                ..ClusterOptions::default()
            },
            ClusterOptions {
                min_points: 4,
                max_zoom: 20,
                ..ClusterOptions::default()
            },
        ];
        for (name, lnglat) in &cases {
            let n = lnglat.len() / 2;
            for (o, opts) in options.iter().enumerate() {
                for a in [PointAttrs::default(), attrs(n)] {
                    let mut whole = ClusterIndex::new(opts.clone()).unwrap();
                    whole.load(lnglat, &a).unwrap();
                    let want = fingerprint(&whole);
                    for per_call in [1, 97, u64::MAX] {
                        let got = fingerprint(&stepped(opts, lnglat, &a, per_call));
                        assert!(got == want, "{name}, options {o}, {per_call} a step");
                    }
                }
            }
        }
    }

    #[test]
    fn builder_refuses_what_load_refuses() {
        let o = ClusterOptions::default;
        let none = PointAttrs::default;
        assert!(IndexBuilder::new(o(), vec![1.0], none()).is_err());
        assert!(IndexBuilder::new(o(), vec![1.0, f64::INFINITY], none()).is_err());
        let bad = PointAttrs {
            status: vec![0, 7],
            ..none()
        };
        assert!(IndexBuilder::new(o(), vec![1.0, 2.0, 3.0, 4.0], bad).is_err());
        let radius = ClusterOptions {
            radius: f64::NAN,
            ..o()
        };
        assert!(IndexBuilder::new(radius, vec![], none()).is_err());
        // Nothing to index: done after one step.
        let mut empty = IndexBuilder::new(o(), vec![], none()).unwrap();
        assert_eq!(empty.step(1_000), 1.0);
        assert!(empty
            .finish()
            .clusters([-180.0, -90.0, 180.0, 90.0], 0.0)
            .unwrap()
            .is_empty());
    }
}

#[cfg(test)]
mod timing {
    use super::*;

    /// `cargo test --release cluster::build::timing -- --ignored --nocapture`: the longest
    /// steps of 4096 units on a million synthetic farms' positions, and their stages (a
    /// diagnostic, not a benchmark: bench/longtasks.mjs measures the page).
    #[test]
    #[ignore]
    fn longest_steps_on_a_million_points() {
        let farms = crate::model::synthetic::farms(1_000_000, 1);
        let lnglat: Vec<f64> = farms.iter().flat_map(|f| [f.lng, f.lat]).collect();
        let options = ClusterOptions {
            radius: 60.0,
            max_zoom: 16,
            ..ClusterOptions::default()
        };
        let mut b = IndexBuilder::new(options, lnglat, PointAttrs::default()).unwrap();
        let mut steps = Vec::new();
        while !b.is_done() {
            let (stage, z) = (b.stage, b.z);
            let t = std::time::Instant::now();
            b.step(4096);
            steps.push((t.elapsed().as_secs_f64() * 1000.0, stage, z));
        }
        crate::sort::sort_by(&mut steps, |a, b| b.0.total_cmp(&a.0));
        for s in steps.iter().take(15) {
            println!("{:.2} ms {:?} z{:?}", s.0, s.1, s.2);
        }
    }
}
