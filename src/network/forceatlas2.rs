//! ForceAtlas2 (Jacomy, Venturini, Heymann, Bastian; PLoS ONE 2014), following the
//! formulas and defaults of graphology-layout-forceatlas2 0.10.1 (`iterate.js`) so the two
//! can be compared on the same graphs and settings:
//! - mass of a node = 1 + weighted degree; repulsion k·m₁·m₂/d; attraction d (or
//!   log(1 + d) in linLog mode) times weight^edgeWeightInfluence;
//! - gravity k·m·g/k toward the origin (constant magnitude in strong-gravity mode);
//! - per-node adaptive speed from swinging and traction, with graphology's per-node
//!   convergence factor.
//!
//! Differences, each deliberate: positions are f64 (graphology keeps f32); the Barnes-Hut
//! tree is the Morton-sorted one in the private `quadtree` module, with leaves of up to 16
//! points that interact exactly; coincident nodes push each other apart with a
//! unit-distance force in a deterministic direction (graphology leaves them stuck together
//! forever); adjustSizes subtracts node sizes in Barnes-Hut leaves too (graphology only does
//! so without Barnes-Hut).

use super::portable::{direction, ln};
use super::quadtree::QuadTree;
use crate::rng::Mulberry32;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Settings, named as in graphology (camelCase through serde) so the same option object
/// drives both.
///
/// The four force settings left `None` (the default) are inferred from the node count n
/// exactly as graphology's `forceAtlas2.inferSettings(graph)` infers them, which is how its
/// users run it: `scalingRatio` 10, `gravity` 0.05, `strongGravityMode` on, `slowDown`
/// 1 + ln n. On real networks this beats graphology's fixed defaults (1, 1, off, 1), which
/// were farmmap's before: after 500 iterations (bench/layout.mjs) normalised stress on the
/// Python standard library's import graph (653 nodes) 0.154 against 0.200, on an import
/// graph of 3,980 modules 0.202 against 0.293, on Les Misérables 0.132 against 0.150.
/// `barnesHutOptimize` stays on above 1,000 nodes rather than
/// graphology's 2,000: this tree is within 0.04 % of the exact force, so it only saves time.
/// [`Settings::graphology_defaults`] gives graphology's fixed defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Settings {
    pub lin_log_mode: bool,
    pub outbound_attraction_distribution: bool,
    pub adjust_sizes: bool,
    pub edge_weight_influence: f64,
    /// `None`: 10 (inferred).
    pub scaling_ratio: Option<f64>,
    /// `None`: on (inferred).
    #[serde(alias = "strongGravity")]
    pub strong_gravity_mode: Option<bool>,
    /// `None`: 0.05 (inferred).
    pub gravity: Option<f64>,
    /// `None`: 1 + ln(node count) (inferred).
    pub slow_down: Option<f64>,
    /// `None` = on above 1,000 nodes, where the exact O(n²) repulsion starts to cost more
    /// than the tree.
    pub barnes_hut_optimize: Option<bool>,
    pub barnes_hut_theta: f64,
    /// Start positions come from this seed (mulberry32).
    pub seed: u32,
    /// `tick` reports convergence once the mean displacement of the free nodes in one
    /// iteration falls below this fraction of the layout's extent.
    pub convergence_threshold: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lin_log_mode: false,
            outbound_attraction_distribution: false,
            adjust_sizes: false,
            edge_weight_influence: 1.0,
            scaling_ratio: None,
            strong_gravity_mode: None,
            gravity: None,
            slow_down: None,
            barnes_hut_optimize: None,
            barnes_hut_theta: 0.5,
            seed: 42,
            convergence_threshold: 1e-3,
        }
    }
}

impl Settings {
    /// graphology-layout-forceatlas2's fixed defaults (scalingRatio 1, gravity 1, no strong
    /// gravity, slowDown 1): farmmap's defaults before issue 13, kept for comparisons.
    pub fn graphology_defaults() -> Settings {
        Settings {
            scaling_ratio: Some(1.0),
            strong_gravity_mode: Some(false),
            gravity: Some(1.0),
            slow_down: Some(1.0),
            ..Settings::default()
        }
    }
}

/// The settings a layout runs with, every inferred value filled in.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Forces {
    scaling_ratio: f64,
    strong_gravity_mode: bool,
    gravity: f64,
    slow_down: f64,
    barnes_hut_optimize: bool,
}

impl Forces {
    fn infer(s: &Settings, n: usize) -> Forces {
        Forces {
            scaling_ratio: s.scaling_ratio.unwrap_or(10.0),
            strong_gravity_mode: s.strong_gravity_mode.unwrap_or(true),
            gravity: s.gravity.unwrap_or(0.05),
            // The portable ln keeps native and wasm identical.
            slow_down: s.slow_down.unwrap_or(1.0 + ln(n.max(1) as f64)),
            barnes_hut_optimize: s.barnes_hut_optimize.unwrap_or(n > BARNES_HUT_FROM),
        }
    }
}

/// Why a layout could not be made; the message is for the person calling the API.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutError(pub String);

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LayoutError {}

/// Cap on a node's force with adjustSizes, as in graphology, so overlap pushes stay bounded.
const MAX_FORCE: f64 = 10.0;
/// A bound on the node count so a bad count from JS is an error, not an out-of-memory abort
/// (the layout keeps about 100 bytes a node).
const MAX_NODES: usize = 10_000_000;
/// Up to this many nodes the exact repulsion is used unless told otherwise.
const BARNES_HUT_FROM: usize = 1000;

/// A running layout: node state in separate arrays (struct of arrays), edges as flat
/// source/target/weight arrays, and every buffer reused between iterations.
///
/// # Examples
/// ```
/// use farmmap::network::forceatlas2::{ForceAtlas2, Settings};
/// use farmmap::network::generate::barabasi_albert;
///
/// let (sources, targets) = barabasi_albert(50, 7);
/// let mut layout = ForceAtlas2::new(50, &sources, &targets, None, Settings::default()).unwrap();
/// let start = layout.positions();
/// layout.tick(100);
/// assert_eq!(layout.iterations(), 100);
/// assert_eq!(layout.positions().len(), 2 * 50); // [x0, y0, x1, y1, …]
/// assert_ne!(layout.positions(), start);
///
/// // Seeded: the same graph and settings give the same picture.
/// let mut again = ForceAtlas2::new(50, &sources, &targets, None, Settings::default()).unwrap();
/// again.tick(100);
/// assert_eq!(again.positions(), layout.positions());
///
/// // A dragged node stays where it is held while the others move.
/// layout.pin(0, 5.0, -5.0).unwrap();
/// layout.tick(10);
/// assert_eq!(layout.positions()[..2], [5.0, -5.0]);
/// assert!(layout.pin(50, 0.0, 0.0).is_err());
/// ```
#[derive(Debug)]
pub struct ForceAtlas2 {
    settings: Settings,
    forces: Forces,
    x: Vec<f64>,
    y: Vec<f64>,
    dx: Vec<f64>,
    dy: Vec<f64>,
    old_dx: Vec<f64>,
    old_dy: Vec<f64>,
    mass: Vec<f64>,
    convergence: Vec<f64>,
    size: Vec<f64>,
    fixed: Vec<bool>,
    edge_source: Vec<u32>,
    edge_target: Vec<u32>,
    /// weight^edgeWeightInfluence, computed once.
    edge_factor: Vec<f64>,
    tree: QuadTree,
    lists: InteractionLists,
    iterations: u64,
    last_mean_move: f64,
}

fn check_setting(name: &str, v: f64, positive: bool) -> Result<(), LayoutError> {
    if !v.is_finite() || v < 0.0 || (positive && v == 0.0) {
        let need = if positive { "> 0" } else { ">= 0" };
        return Err(LayoutError(format!(
            "{name} must be a finite number {need}, got {}",
            crate::json::Plain(v)
        )));
    }
    Ok(())
}

impl ForceAtlas2 {
    /// A layout of `node_count` nodes tied by `sources[k]` → `targets[k]`, with optional
    /// positive `weights` (1 when absent). Self-loops are accepted and ignored, as they
    /// pull nothing.
    ///
    /// # Errors
    /// A [`LayoutError`] naming the problem: a setting out of range, a tie naming a node
    /// past `node_count`, arrays of different lengths, a weight that is not positive.
    ///
    /// # Examples
    /// ```
    /// use farmmap::network::forceatlas2::{ForceAtlas2, Settings};
    ///
    /// let settings: Settings = serde_json::from_str(r#"{"linLogMode": true, "seed": 7}"#).unwrap();
    /// assert!(ForceAtlas2::new(3, &[0, 1], &[1, 2], None, settings.clone()).is_ok());
    /// assert!(ForceAtlas2::new(2, &[0], &[5], None, settings).is_err());
    /// ```
    pub fn new(
        node_count: usize,
        sources: &[u32],
        targets: &[u32],
        weights: Option<&[f64]>,
        settings: Settings,
    ) -> Result<ForceAtlas2, LayoutError> {
        Self::build(node_count, sources, targets, weights, settings, f64::powf)
    }

    /// [`ForceAtlas2::new`] without weights (every tie weighs 1), as the network view lays
    /// out: the same layout, without `powf` (1 to any influence is 1), which then stays out
    /// of the reader's wasm.
    ///
    /// # Examples
    /// ```
    /// use farmmap::network::forceatlas2::{ForceAtlas2, Settings};
    ///
    /// let settings = Settings { edge_weight_influence: 0.5, ..Settings::default() };
    /// let mut a = ForceAtlas2::unweighted(3, &[0, 1], &[1, 2], settings.clone()).unwrap();
    /// let mut b = ForceAtlas2::new(3, &[0, 1], &[1, 2], None, settings).unwrap();
    /// a.tick(10);
    /// b.tick(10);
    /// assert_eq!(a.positions(), b.positions());
    /// ```
    pub fn unweighted(
        node_count: usize,
        sources: &[u32],
        targets: &[u32],
        settings: Settings,
    ) -> Result<ForceAtlas2, LayoutError> {
        Self::build(node_count, sources, targets, None, settings, |_, _| 1.0)
    }

    /// `new`, with `power(w, influence)` for a tie's force factor when the influence is
    /// neither 0 nor 1.
    fn build(
        node_count: usize,
        sources: &[u32],
        targets: &[u32],
        weights: Option<&[f64]>,
        settings: Settings,
        power: fn(f64, f64) -> f64,
    ) -> Result<ForceAtlas2, LayoutError> {
        check_setting("edgeWeightInfluence", settings.edge_weight_influence, false)?;
        let forces = Forces::infer(&settings, node_count);
        check_setting("scalingRatio", forces.scaling_ratio, true)?;
        check_setting("gravity", forces.gravity, false)?;
        check_setting("slowDown", forces.slow_down, true)?;
        check_setting("barnesHutTheta", settings.barnes_hut_theta, false)?;
        check_setting(
            "convergenceThreshold",
            settings.convergence_threshold,
            false,
        )?;
        if node_count > MAX_NODES {
            return Err(LayoutError(format!(
                "{node_count} nodes is more than this layout handles ({MAX_NODES})"
            )));
        }
        if sources.len() != targets.len() {
            return Err(LayoutError(format!(
                "sources has {} entries but targets has {}; they must pair up",
                sources.len(),
                targets.len()
            )));
        }
        if let Some(w) = weights {
            if w.len() != sources.len() {
                return Err(LayoutError(format!(
                    "weights has {} entries for {} ties",
                    w.len(),
                    sources.len()
                )));
            }
        }
        let mut mass = vec![1.0; node_count];
        let mut edge_source = Vec::with_capacity(sources.len());
        let mut edge_target = Vec::with_capacity(sources.len());
        let mut edge_factor = Vec::with_capacity(sources.len());
        for k in 0..sources.len() {
            let (s, t) = (sources[k] as usize, targets[k] as usize);
            for (name, v) in [("source", s), ("target", t)] {
                if v >= node_count {
                    return Err(LayoutError(format!(
                        "tie {k}: {name} index {v} is not below the node count {node_count}"
                    )));
                }
            }
            let w = weights.map_or(1.0, |w| w[k]);
            if !(w.is_finite() && w > 0.0) {
                return Err(LayoutError(format!(
                    "tie {k}: weight {} must be a finite number > 0",
                    crate::json::Plain(w)
                )));
            }
            mass[s] += w;
            mass[t] += w;
            if s != t {
                edge_source.push(s as u32);
                edge_target.push(t as u32);
                // The common influences exactly, so they are identical in every build.
                let influence = settings.edge_weight_influence;
                edge_factor.push(if influence == 1.0 {
                    w
                } else if influence == 0.0 {
                    1.0
                } else {
                    power(w, influence)
                });
            }
        }
        let mut layout = ForceAtlas2 {
            x: vec![0.0; node_count],
            y: vec![0.0; node_count],
            dx: vec![0.0; node_count],
            dy: vec![0.0; node_count],
            old_dx: vec![0.0; node_count],
            old_dy: vec![0.0; node_count],
            mass,
            convergence: vec![1.0; node_count],
            size: vec![1.0; node_count],
            fixed: vec![false; node_count],
            edge_source,
            edge_target,
            edge_factor,
            tree: QuadTree::default(),
            lists: InteractionLists::default(),
            settings,
            forces,
            iterations: 0,
            last_mean_move: f64::INFINITY,
        };
        layout.seed_positions();
        Ok(layout)
    }

    /// Uniform random start in a square whose side grows with √n, so the density at the
    /// start is the same for every graph size; mulberry32 makes it reproducible in JS too.
    fn seed_positions(&mut self) {
        let mut rng = Mulberry32::new(self.settings.seed);
        let side = 10.0 * (self.x.len() as f64).sqrt().max(1.0);
        for i in 0..self.x.len() {
            self.x[i] = (rng.next_f64() - 0.5) * side;
            self.y[i] = (rng.next_f64() - 0.5) * side;
        }
    }

    pub fn node_count(&self) -> usize {
        self.x.len()
    }

    /// The ties the layout pulls along (self-loops left out), as (sources, targets).
    pub fn ties(&self) -> (&[u32], &[u32]) {
        (&self.edge_source, &self.edge_target)
    }

    /// Which nodes are pinned, one flag per node.
    pub fn pinned(&self) -> &[bool] {
        &self.fixed
    }

    pub fn iterations(&self) -> u64 {
        self.iterations
    }

    /// Positions as [x0, y0, x1, y1, …].
    pub fn positions(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.x.len() * 2);
        for i in 0..self.x.len() {
            out.push(self.x[i]);
            out.push(self.y[i]);
        }
        out
    }

    /// Replace every position (e.g. from a saved story). Resets the adaptive speed, since
    /// the old swinging history belongs to other positions.
    pub fn set_positions(&mut self, xy: &[f64]) -> Result<(), LayoutError> {
        if xy.len() != self.x.len() * 2 {
            return Err(LayoutError(format!(
                "expected {} numbers (x and y for {} nodes), got {}",
                self.x.len() * 2,
                self.x.len(),
                xy.len()
            )));
        }
        if let Some(k) = xy.iter().position(|v| !v.is_finite()) {
            return Err(LayoutError(format!(
                "position {k} (node {}) is not a finite number",
                k / 2
            )));
        }
        for i in 0..self.x.len() {
            self.x[i] = xy[2 * i];
            self.y[i] = xy[2 * i + 1];
        }
        self.dx.fill(0.0);
        self.dy.fill(0.0);
        self.convergence.fill(1.0);
        self.last_mean_move = f64::INFINITY;
        Ok(())
    }

    /// Node radii for adjustSizes (1 by default, as in graphology).
    pub fn set_sizes(&mut self, sizes: &[f64]) -> Result<(), LayoutError> {
        if sizes.len() != self.x.len() {
            return Err(LayoutError(format!(
                "expected {} sizes, got {}",
                self.x.len(),
                sizes.len()
            )));
        }
        if let Some(k) = sizes.iter().position(|v| !(v.is_finite() && *v >= 0.0)) {
            return Err(LayoutError(format!(
                "size of node {k} must be a finite number >= 0"
            )));
        }
        self.size.copy_from_slice(sizes);
        Ok(())
    }

    /// Hold a node at (x, y) — the node being dragged — while the others keep moving.
    pub fn pin(&mut self, node: usize, x: f64, y: f64) -> Result<(), LayoutError> {
        self.check_node(node)?;
        if !(x.is_finite() && y.is_finite()) {
            return Err(LayoutError("pin position must be finite".into()));
        }
        self.x[node] = x;
        self.y[node] = y;
        self.fixed[node] = true;
        // Its neighbours must be allowed to react at full speed again.
        self.convergence.fill(1.0);
        Ok(())
    }

    pub fn unpin(&mut self, node: usize) -> Result<(), LayoutError> {
        self.check_node(node)?;
        self.fixed[node] = false;
        Ok(())
    }

    pub fn is_pinned(&self, node: usize) -> bool {
        self.fixed.get(node).copied().unwrap_or(false)
    }

    fn check_node(&self, node: usize) -> Result<(), LayoutError> {
        if node >= self.x.len() {
            return Err(LayoutError(format!(
                "node {node} does not exist (there are {})",
                self.x.len()
            )));
        }
        Ok(())
    }

    /// Run exactly `iterations` steps; return whether the layout has settled (mean move of
    /// the free nodes in the last step below `convergenceThreshold` × extent). A caller
    /// animating the layout stops calling once it returns true.
    pub fn tick(&mut self, iterations: u32) -> bool {
        for _ in 0..iterations {
            self.step();
        }
        self.converged()
    }

    pub fn converged(&self) -> bool {
        let extent = self.extent();
        self.x.is_empty()
            || self.last_mean_move <= self.settings.convergence_threshold * extent.max(1e-12)
    }

    /// The larger side of the bounding box.
    pub fn extent(&self) -> f64 {
        let (mut x0, mut y0, mut x1, mut y1) = (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        );
        for i in 0..self.x.len() {
            x0 = x0.min(self.x[i]);
            x1 = x1.max(self.x[i]);
            y0 = y0.min(self.y[i]);
            y1 = y1.max(self.y[i]);
        }
        if self.x.is_empty() {
            0.0
        } else {
            (x1 - x0).max(y1 - y0)
        }
    }

    /// Mean displacement of the free nodes in the last step.
    pub fn last_mean_move(&self) -> f64 {
        self.last_mean_move
    }

    fn use_barnes_hut(&self) -> bool {
        self.forces.barnes_hut_optimize
    }

    /// One iteration: repulsion, gravity, attraction, then the adaptive move.
    pub fn step(&mut self) {
        let n = self.x.len();
        self.iterations += 1;
        if n == 0 {
            self.last_mean_move = 0.0;
            return;
        }
        std::mem::swap(&mut self.old_dx, &mut self.dx);
        std::mem::swap(&mut self.old_dy, &mut self.dy);
        self.dx.fill(0.0);
        self.dy.fill(0.0);
        if self.use_barnes_hut() {
            self.repulse_barnes_hut();
        } else {
            self.repulse_exact();
        }
        self.gravity();
        self.attract();
        self.apply_speed();
    }

    fn repulse_exact(&mut self) {
        let k = self.forces.scaling_ratio;
        let adjust = self.settings.adjust_sizes;
        let n = self.x.len();
        for i in 0..n {
            let (xi, yi, mi, si) = (self.x[i], self.y[i], self.mass[i], self.size[i]);
            let (mut fx, mut fy) = (0.0, 0.0);
            for j in 0..i {
                let (ex, ey, f) = pair_repulsion(
                    i,
                    j,
                    xi - self.x[j],
                    yi - self.y[j],
                    k * mi * self.mass[j],
                    {
                        if adjust {
                            si + self.size[j]
                        } else {
                            0.0
                        }
                    },
                );
                fx += ex * f;
                fy += ey * f;
                self.dx[j] -= ex * f;
                self.dy[j] -= ey * f;
            }
            self.dx[i] += fx;
            self.dy[i] += fy;
        }
    }

    /// Barnes-Hut with one tree walk per leaf rather than per node (Barnes 1990's
    /// grouping): a cell is far for the whole leaf when its centre of mass is far from the
    /// leaf's bounding box, which is stricter than graphology's per-node test. The walk —
    /// the branchy, mispredicting part — then runs once for up to `LEAF_SIZE` nodes, and
    /// each node sums two flat interaction lists in branch-free loops.
    fn repulse_barnes_hut(&mut self) {
        let k = self.forces.scaling_ratio;
        let adjust = self.settings.adjust_sizes;
        self.tree
            .build(&self.x, &self.y, &self.mass, self.settings.barnes_hut_theta);
        let t = &self.tree;
        let cells = &t.cells[..];
        let lists = &mut self.lists;
        for leaf in cells.iter().filter(|c| c.end > c.start) {
            let (lo, hi) = (leaf.start as usize, leaf.end as usize);
            let (mut x0, mut y0) = (f64::INFINITY, f64::INFINITY);
            let (mut x1, mut y1) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
            for s in lo..hi {
                x0 = x0.min(t.sx[s]);
                x1 = x1.max(t.sx[s]);
                y0 = y0.min(t.sy[s]);
                y1 = y1.max(t.sy[s]);
            }
            lists.clear();
            let mut c = 0;
            while c < cells.len() {
                let cell = &cells[c];
                let ex = (x0 - cell.cx).max(cell.cx - x1).max(0.0);
                let ey = (y0 - cell.cy).max(cell.cy - y1).max(0.0);
                if ex * ex + ey * ey > cell.far_d2 {
                    lists.far_x.push(cell.cx);
                    lists.far_y.push(cell.cy);
                    lists.far_m.push(cell.mass);
                    c = cell.skip as usize;
                } else if cell.end > cell.start {
                    for j in cell.start as usize..cell.end as usize {
                        lists.near_x.push(t.sx[j]);
                        lists.near_y.push(t.sy[j]);
                        lists.near_m.push(t.smass[j]);
                        lists.near_id.push(t.order[j]);
                    }
                    c = cell.skip as usize;
                } else {
                    c += 1;
                }
            }
            for s in lo..hi {
                let (x, y, km) = (t.sx[s], t.sy[s], k * t.smass[s]);
                let node = t.order[s] as usize;
                let (mut fx, mut fy) = (0.0, 0.0);
                // Far cells: the node is inside the leaf's box, so d² > far_d2 >= 0 here.
                let (far_fx, far_fy) = sum_far(x, y, &lists.far_x, &lists.far_y, &lists.far_m);
                fx += km * far_fx;
                fy += km * far_fy;
                for q in 0..lists.near_x.len() {
                    let other = lists.near_id[q] as usize;
                    if other == node {
                        continue;
                    }
                    let radii = if adjust {
                        self.size[node] + self.size[other]
                    } else {
                        0.0
                    };
                    let (ex, ey, f) = pair_repulsion(
                        node,
                        other,
                        x - lists.near_x[q],
                        y - lists.near_y[q],
                        km * lists.near_m[q],
                        radii,
                    );
                    fx += ex * f;
                    fy += ey * f;
                }
                self.dx[node] += fx;
                self.dy[node] += fy;
            }
        }
    }

    fn gravity(&mut self) {
        let k = self.forces.scaling_ratio;
        let g = self.forces.gravity / k;
        let strong = self.forces.strong_gravity_mode;
        for i in 0..self.x.len() {
            let (x, y) = (self.x[i], self.y[i]);
            let d = (x * x + y * y).sqrt();
            if d > 0.0 {
                let f = if strong {
                    k * self.mass[i] * g
                } else {
                    k * self.mass[i] * g / d
                };
                self.dx[i] -= x * f;
                self.dy[i] -= y * f;
            }
        }
    }

    fn attract(&mut self) {
        let s = &self.settings;
        let coefficient = if s.outbound_attraction_distribution {
            self.mass.iter().sum::<f64>() / self.mass.len() as f64
        } else {
            1.0
        };
        for e in 0..self.edge_source.len() {
            let a = self.edge_source[e] as usize;
            let b = self.edge_target[e] as usize;
            let ex = self.x[a] - self.x[b];
            let ey = self.y[a] - self.y[b];
            let mut d = (ex * ex + ey * ey).sqrt();
            if s.adjust_sizes {
                d -= self.size[a] + self.size[b];
                if d <= 0.0 {
                    continue;
                }
            }
            let mut f = -coefficient * self.edge_factor[e];
            if s.lin_log_mode {
                if d <= 0.0 {
                    continue;
                }
                f *= ln(1.0 + d) / d;
            }
            if s.outbound_attraction_distribution {
                f /= self.mass[a];
            }
            self.dx[a] += ex * f;
            self.dy[a] += ey * f;
            self.dx[b] -= ex * f;
            self.dy[b] -= ey * f;
        }
    }

    fn apply_speed(&mut self) {
        let slow_down = self.forces.slow_down;
        let adjust = self.settings.adjust_sizes;
        let (mut moved, mut free) = (0.0, 0usize);
        for i in 0..self.x.len() {
            if self.fixed[i] {
                continue;
            }
            let (mut dx, mut dy) = (self.dx[i], self.dy[i]);
            if adjust {
                let force = (dx * dx + dy * dy).sqrt();
                if force > MAX_FORCE {
                    dx = dx * MAX_FORCE / force;
                    dy = dy * MAX_FORCE / force;
                    self.dx[i] = dx;
                    self.dy[i] = dy;
                }
            }
            let (odx, ody) = (self.old_dx[i], self.old_dy[i]);
            let swinging =
                self.mass[i] * ((odx - dx) * (odx - dx) + (ody - dy) * (ody - dy)).sqrt();
            let traction = ((odx + dx) * (odx + dx) + (ody + dy) * (ody + dy)).sqrt() / 2.0;
            let speed = if adjust {
                0.1 * ln(1.0 + traction) / (1.0 + swinging.sqrt())
            } else {
                let speed = self.convergence[i] * ln(1.0 + traction) / (1.0 + swinging.sqrt());
                self.convergence[i] = (speed * (dx * dx + dy * dy) / (1.0 + swinging.sqrt()))
                    .sqrt()
                    .min(1.0);
                speed
            };
            let step = speed / slow_down;
            let (mx, my) = (dx * step, dy * step);
            // Forces are finite for finite positions; this guard keeps one bad step (an
            // overflow on absurd input) from poisoning the layout with NaN.
            if mx.is_finite() && my.is_finite() {
                self.x[i] += mx;
                self.y[i] += my;
                moved += (mx * mx + my * my).sqrt();
            }
            free += 1;
        }
        self.last_mean_move = if free > 0 { moved / free as f64 } else { 0.0 };
    }
}

/// Σ m·e/|e|² over far bodies, e = (x, y) − body. Four independent partial sums, because
/// float addition is not reassociated by the compiler and one running sum would make the
/// loop wait on each add.
#[inline]
fn sum_far(x: f64, y: f64, bx: &[f64], by: &[f64], bm: &[f64]) -> (f64, f64) {
    let n = bx.len().min(by.len()).min(bm.len());
    let (bx, by, bm) = (&bx[..n], &by[..n], &bm[..n]);
    let mut sx = [0.0f64; 4];
    let mut sy = [0.0f64; 4];
    let chunks = n / 4;
    for c in 0..chunks {
        for l in 0..4 {
            let q = 4 * c + l;
            let ex = x - bx[q];
            let ey = y - by[q];
            let f = bm[q] / (ex * ex + ey * ey);
            sx[l] += ex * f;
            sy[l] += ey * f;
        }
    }
    for q in 4 * chunks..n {
        let ex = x - bx[q];
        let ey = y - by[q];
        let f = bm[q] / (ex * ex + ey * ey);
        sx[0] += ex * f;
        sy[0] += ey * f;
    }
    (
        (sx[0] + sx[1]) + (sx[2] + sx[3]),
        (sy[0] + sy[1]) + (sy[2] + sy[3]),
    )
}

/// What one leaf of the tree interacts with: far cells as bodies, near points exactly.
/// Reused across leaves and iterations.
#[derive(Debug, Default)]
struct InteractionLists {
    far_x: Vec<f64>,
    far_y: Vec<f64>,
    far_m: Vec<f64>,
    near_x: Vec<f64>,
    near_y: Vec<f64>,
    near_m: Vec<f64>,
    near_id: Vec<u32>,
}

impl InteractionLists {
    fn clear(&mut self) {
        self.far_x.clear();
        self.far_y.clear();
        self.far_m.clear();
        self.near_x.clear();
        self.near_y.clear();
        self.near_m.clear();
        self.near_id.clear();
    }
}

/// Repulsion between two nodes, as (direction x, direction y, factor) with the force
/// being direction × factor (graphology's form: `k·m₁·m₂ / d²` times the offset). With
/// `radii` > 0 (adjustSizes) the gap between the discs replaces the distance, and
/// overlapping discs push with 100× strength. Coincident nodes get a unit-length direction
/// from their indices, opposite for the two of them, so they separate deterministically.
#[inline(always)]
fn pair_repulsion(i: usize, j: usize, ex: f64, ey: f64, kmm: f64, radii: f64) -> (f64, f64, f64) {
    let d2 = ex * ex + ey * ey;
    if d2 == 0.0 {
        let (ux, uy) = direction(i.min(j) as u32);
        let sign = if i < j { -1.0 } else { 1.0 };
        return (sign * ux, sign * uy, kmm);
    }
    if radii > 0.0 {
        let d = d2.sqrt();
        let gap = d - radii;
        if gap > 0.0 {
            (ex, ey, kmm / gap / gap)
        } else {
            (ex, ey, 100.0 * kmm)
        }
    } else {
        (ex, ey, kmm / d2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::generate::barabasi_albert;
    use crate::network::metrics::{crossings, stress};

    /// networkx node-link JSON → (node count, sources, targets, node attrs).
    fn load_node_link(text: &str) -> (usize, Vec<u32>, Vec<u32>, Vec<serde_json::Value>) {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let nodes = v["nodes"].as_array().unwrap().clone();
        let index =
            |id: &serde_json::Value| nodes.iter().position(|n| n["id"] == *id).unwrap() as u32;
        let (mut s, mut t) = (Vec::new(), Vec::new());
        for l in v["links"].as_array().unwrap() {
            s.push(index(&l["source"]));
            t.push(index(&l["target"]));
        }
        (nodes.len(), s, t, nodes)
    }

    fn karate() -> (usize, Vec<u32>, Vec<u32>, Vec<serde_json::Value>) {
        load_node_link(include_str!("testdata/karate_club.json"))
    }

    fn all_finite(l: &ForceAtlas2) -> bool {
        l.positions().iter().all(|v| v.is_finite())
    }

    #[test]
    fn same_seed_same_positions_bit_for_bit_and_other_seed_differs() {
        let (s, t) = barabasi_albert(1500, 3);
        let run = |seed| {
            let mut l = ForceAtlas2::new(
                1500,
                &s,
                &t,
                None,
                Settings {
                    seed,
                    ..Settings::default()
                },
            )
            .unwrap();
            l.tick(30);
            l.positions()
        };
        let a = run(1);
        let b = run(1);
        assert!(a.iter().zip(&b).all(|(p, q)| p.to_bits() == q.to_bits()));
        assert_ne!(a, run(2));
    }

    /// The same numbers are asserted on the wasm build in tests/network-layout.test.mjs:
    /// with the portable ln and no sin/cos, native and wasm layouts agree bit for bit.
    #[test]
    fn native_positions_equal_the_wasm_build() {
        let (s, t) = barabasi_albert(2000, 3);
        let settings = Settings {
            barnes_hut_optimize: Some(true),
            ..Settings::graphology_defaults()
        };
        let mut l = ForceAtlas2::new(2000, &s, &t, None, settings).unwrap();
        l.tick(100);
        let p = l.positions();
        assert_eq!(
            (p[0], p[1], p[3999]),
            (1.8079620580504576, 6.873366452641516, 105.22952338628465)
        );
    }

    #[test]
    fn karate_club_layout_separates_the_two_factions_and_lowers_stress() {
        let (n, s, t, nodes) = karate();
        let mut l = ForceAtlas2::new(n, &s, &t, None, Settings::default()).unwrap();
        let start = stress(n, &s, &t, &l.positions(), None);
        l.tick(500);
        let xy = l.positions();
        let end = stress(n, &s, &t, &xy, None);
        assert!(end < start * 0.8, "stress {start} -> {end}");
        assert!(end < 0.15, "stress {end}");
        // Mean distance within a faction is smaller than across the split.
        let (mut within, mut nw, mut across, mut na) = (0.0, 0, 0.0, 0);
        for i in 0..n {
            for j in 0..i {
                let d = ((xy[2 * i] - xy[2 * j]).powi(2) + (xy[2 * i + 1] - xy[2 * j + 1]).powi(2))
                    .sqrt();
                if nodes[i]["club"] == nodes[j]["club"] {
                    within += d;
                    nw += 1;
                } else {
                    across += d;
                    na += 1;
                }
            }
        }
        assert!(within / nw as f64 * 1.2 < across / na as f64);
    }

    #[test]
    fn florentine_families_settle_and_report_convergence() {
        let (n, s, t, _) = load_node_link(include_str!("testdata/florentine_families.json"));
        let mut l = ForceAtlas2::new(n, &s, &t, None, Settings::default()).unwrap();
        assert!(!l.tick(1));
        let mut settled = false;
        for _ in 0..40 {
            if l.tick(50) {
                settled = true;
                break;
            }
        }
        assert!(
            settled,
            "mean move {} extent {}",
            l.last_mean_move(),
            l.extent()
        );
        assert!(crossings(&s, &t, &l.positions()) <= 3);
        assert!(all_finite(&l));
    }

    #[test]
    fn barnes_hut_matches_exact_repulsion_closely() {
        let (s, t) = barabasi_albert(600, 5);
        let make = |bh| {
            ForceAtlas2::new(
                600,
                &s,
                &t,
                None,
                Settings {
                    barnes_hut_optimize: Some(bh),
                    ..Settings::default()
                },
            )
            .unwrap()
        };
        let (mut exact, mut approx) = (make(false), make(true));
        exact.step();
        approx.step();
        let (mut err, mut norm) = (0.0, 0.0);
        for i in 0..600 {
            err += (exact.dx[i] - approx.dx[i]).powi(2) + (exact.dy[i] - approx.dy[i]).powi(2);
            norm += exact.dx[i].powi(2) + exact.dy[i].powi(2);
        }
        // graphology 0.10.1 on this same graph and start (θ 0.5, one iteration, exact vs
        // Barnes-Hut) is off by 0.024 of the force norm; this tree measured 0.0004.
        let relative = (err / norm).sqrt();
        assert!(relative < 0.005, "relative force error {relative}");
    }

    #[test]
    fn ba_500_stress_drops_with_barnes_hut() {
        let (s, t) = barabasi_albert(500, 1);
        let mut l = ForceAtlas2::new(
            500,
            &s,
            &t,
            None,
            Settings {
                barnes_hut_optimize: Some(true),
                ..Settings::default()
            },
        )
        .unwrap();
        let start = stress(500, &s, &t, &l.positions(), None);
        l.tick(300);
        let end = stress(500, &s, &t, &l.positions(), None);
        assert!(end < start - 0.05, "{start} -> {end}");
    }

    #[test]
    fn degenerate_graphs_never_produce_nan() {
        for bh in [false, true] {
            let settings = Settings {
                barnes_hut_optimize: Some(bh),
                ..Settings::default()
            };
            let mut empty = ForceAtlas2::new(0, &[], &[], None, settings.clone()).unwrap();
            assert!(empty.tick(10));
            assert!(empty.positions().is_empty());
            let mut one = ForceAtlas2::new(1, &[0], &[0], None, settings.clone()).unwrap();
            one.tick(10);
            assert!(all_finite(&one));
            // Isolated nodes and all nodes piled on one point.
            let mut pile = ForceAtlas2::new(30, &[0, 1], &[1, 2], None, settings.clone()).unwrap();
            pile.set_positions(&[0.0; 60]).unwrap();
            pile.tick(100);
            assert!(all_finite(&pile));
            let xy = pile.positions();
            assert!(
                xy.chunks(2).any(|p| p != [0.0, 0.0]),
                "coincident nodes separate"
            );
            let mut strong = ForceAtlas2::new(
                5,
                &[0],
                &[1],
                None,
                Settings {
                    strong_gravity_mode: Some(true),
                    lin_log_mode: true,
                    adjust_sizes: true,
                    ..settings
                },
            )
            .unwrap();
            strong.set_positions(&[0.0; 10]).unwrap();
            strong.tick(50);
            assert!(all_finite(&strong));
        }
    }

    #[test]
    fn adjust_sizes_keeps_big_nodes_from_overlapping() {
        let (n, s, t, _) = karate();
        let mut l = ForceAtlas2::new(
            n,
            &s,
            &t,
            None,
            Settings {
                adjust_sizes: true,
                ..Settings::default()
            },
        )
        .unwrap();
        l.set_sizes(&vec![2.0; n]).unwrap();
        l.tick(1500);
        let xy = l.positions();
        let mut overlaps = 0;
        for i in 0..n {
            for j in 0..i {
                let d = ((xy[2 * i] - xy[2 * j]).powi(2) + (xy[2 * i + 1] - xy[2 * j + 1]).powi(2))
                    .sqrt();
                if d < 4.0 * 0.9 {
                    overlaps += 1;
                }
            }
        }
        assert_eq!(overlaps, 0);
    }

    #[test]
    fn a_pinned_node_stays_put_and_moves_again_once_unpinned() {
        let (n, s, t, _) = karate();
        let mut l = ForceAtlas2::new(n, &s, &t, None, Settings::default()).unwrap();
        l.tick(50);
        l.pin(0, 123.5, -7.25).unwrap();
        l.tick(40);
        let xy = l.positions();
        assert_eq!((xy[0], xy[1]), (123.5, -7.25));
        assert!(l.is_pinned(0));
        l.unpin(0).unwrap();
        l.tick(5);
        assert_ne!(l.positions()[0], 123.5);
    }

    #[test]
    fn positions_round_trip_through_set_positions() {
        let (n, s, t, _) = karate();
        let mut a = ForceAtlas2::new(n, &s, &t, None, Settings::default()).unwrap();
        a.tick(100);
        let saved = a.positions();
        let mut b = ForceAtlas2::new(n, &s, &t, None, Settings::default()).unwrap();
        b.set_positions(&saved).unwrap();
        assert_eq!(b.positions(), saved);
        assert!(b.set_positions(&saved[1..]).is_err());
        let mut bad = saved.clone();
        bad[5] = f64::NAN;
        assert!(b.set_positions(&bad).unwrap_err().0.contains("node 2"));
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        let err = ForceAtlas2::new(3, &[0, 1], &[1, 3], None, Settings::default()).unwrap_err();
        assert!(
            err.0.contains("tie 1") && err.0.contains("target index 3"),
            "{err}"
        );
        assert!(ForceAtlas2::new(3, &[0], &[1, 2], None, Settings::default()).is_err());
        assert!(ForceAtlas2::new(u32::MAX as usize, &[], &[], None, Settings::default()).is_err());
        assert!(ForceAtlas2::new(3, &[0], &[1], Some(&[-1.0]), Settings::default()).is_err());
        let bad = Settings {
            scaling_ratio: Some(f64::NAN),
            ..Settings::default()
        };
        assert!(ForceAtlas2::new(3, &[0], &[1], None, bad).is_err());
        let mut l = ForceAtlas2::new(3, &[0], &[1], None, Settings::default()).unwrap();
        assert!(l.pin(3, 0.0, 0.0).is_err());
        assert!(l.pin(0, f64::INFINITY, 0.0).is_err());
    }

    #[test]
    fn settings_read_graphology_names() {
        let s: Settings = serde_json::from_str(
            r#"{"linLogMode":true,"barnesHutTheta":0.8,"strongGravity":true,"seed":9}"#,
        )
        .unwrap();
        assert!(s.lin_log_mode && s.strong_gravity_mode == Some(true));
        assert_eq!((s.barnes_hut_theta, s.seed, s.gravity), (0.8, 9, None));
        assert!(serde_json::from_str::<Settings>(r#"{"gravty":1}"#).is_err());
    }
}
