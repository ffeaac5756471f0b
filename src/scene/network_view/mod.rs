//! The ownership network beside the map: which nodes are shown, their layout, the camera,
//! what is lit (and why), and the draw list for the network canvas. Linked to the map
//! through farm ids (a farm node's id is the farm's id); nothing here knows about canvases.
//!
//! Only the connected part is shown: a farm the source names no owner for would be a lone
//! dot, and a hundred of them would hide the few ties that matter. The pane says in text how
//! many were left out.

mod look;
mod render;
mod saved;
#[cfg(test)]
mod tests;

pub use look::{node_radius, Shape, KINDS, KIND_COLORS, KIND_SHAPES};

use super::draw::DrawList;
use crate::import::{ImportError, Report};
use crate::model::Farm;
use crate::network::forceatlas2::{ForceAtlas2, Settings};
use crate::network::graph::Graph;
use crate::network::links_csv;
use crate::network::model::{Network, NodeKind};
use crate::network::paths::{self, Reach, Step};
use crate::network::sentence;
use crate::story::DataFile;
use look::Emphasis;

/// Iterations per animation frame: a few dozen nodes cost microseconds each, so the layout
/// visibly settles in about a second without ever costing a frame.
const ITERATIONS_PER_FRAME: u32 = 8;
/// A layout that has not converged by then is as good as it gets; stop animating.
const MAX_ITERATIONS: u64 = 1200;
/// The prevent-overlap pass after convergence.
const SPREAD_ITERATIONS: u64 = 120;
/// Room around the fitted layout, in CSS px, so labels beside edge nodes still fit.
const FIT_PADDING: f64 = 36.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// ForceAtlas2 running.
    Layout,
    /// A short adjustSizes pass so no two nodes overlap.
    Spread,
    Settled,
}

/// Why nodes are lit: a clearing gesture falls back to the story step's highlight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LitBy {
    Farm,
    Node,
    Step,
    Path,
}

#[derive(Clone, Debug)]
struct Lit {
    /// Per node of the network.
    nodes: Vec<bool>,
    /// Per tie of the network.
    ties: Vec<bool>,
    by: LitBy,
}

/// Pan and zoom over layout coordinates: screen = (p − centre) · scale + half the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
struct NetCamera {
    cx: f64,
    cy: f64,
    scale: f64,
}

/// Tie ends as indices into the shown nodes (the layout's own numbering). Ties between
/// hidden nodes cannot occur: a node is shown exactly when it has a tie.
fn local_ties(graph: &Graph, local: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let map = |ends: &[u32]| ends.iter().map(|&i| local[i as usize]).collect();
    (map(&graph.tie_source), map(&graph.tie_target))
}

pub struct NetworkView {
    pub network: Network,
    pub graph: Graph,
    /// Network node index of each shown node (nodes with at least one tie).
    shown: Vec<u32>,
    /// Shown index of each network node; `u32::MAX` for hidden ones.
    local: Vec<u32>,
    layout: Option<ForceAtlas2>,
    phase: Phase,
    /// Layout coordinates of the shown nodes, x y interleaved (a copy of the layout's).
    pos: Vec<f64>,
    pub width: f64,
    pub height: f64,
    cam: NetCamera,
    /// Set once the reader pans or zooms: then the camera stops following the layout.
    user_camera: bool,
    pub hovered: Option<u32>,
    pub selected: Option<u32>,
    /// Keyboard focus (a network node index).
    pub focus: Option<u32>,
    lit: Option<Lit>,
    /// The story step's ids, restored when a selection is cleared.
    step_ids: Vec<String>,
    /// Shown nodes as last drawn: x, y, radius in CSS px.
    screen: Vec<[f32; 3]>,
    draw: DrawList,
}

impl NetworkView {
    /// The network of `farms` plus the story's entities and links; every bad row named.
    pub fn from_story(
        farms: &[Farm],
        entities: Option<&DataFile>,
        links: Option<&DataFile>,
    ) -> (NetworkView, Vec<ImportError>) {
        let mut network = Network::with_farms(farms);
        let mut errors = Vec::new();
        if let Some(f) = entities {
            let r: Report<_> = links_csv::parse_entities(&f.name, f.text.as_bytes(), &network);
            network.nodes.extend(r.records);
            errors.extend(r.errors);
        }
        if let Some(f) = links {
            let r = links_csv::parse_links(&f.name, f.text.as_bytes(), &network);
            network.ties.extend(r.records);
            errors.extend(r.errors);
        }
        (NetworkView::new(network), errors)
    }

    pub fn new(network: Network) -> NetworkView {
        let (graph, _dropped) = Graph::new(&network);
        let n = network.nodes.len();
        let shown: Vec<u32> = (0..n as u32).filter(|&i| graph.degree(i) > 0).collect();
        let mut local = vec![u32::MAX; n];
        for (k, &i) in shown.iter().enumerate() {
            local[i as usize] = k as u32;
        }
        let (src, dst) = local_ties(&graph, &local);
        let layout = ForceAtlas2::new(shown.len(), &src, &dst, None, Settings::default()).ok();
        let pos = layout
            .as_ref()
            .map(ForceAtlas2::positions)
            .unwrap_or_default();
        let mut view = NetworkView {
            network,
            graph,
            shown,
            local,
            phase: if layout.is_some() {
                Phase::Layout
            } else {
                Phase::Settled
            },
            layout,
            pos,
            width: 300.0,
            height: 300.0,
            cam: NetCamera {
                cx: 0.0,
                cy: 0.0,
                scale: 1.0,
            },
            user_camera: false,
            hovered: None,
            selected: None,
            focus: None,
            lit: None,
            step_ids: Vec::new(),
            screen: Vec::new(),
            draw: DrawList::default(),
        };
        view.fit();
        view
    }

    pub fn resize(&mut self, width: f64, height: f64) {
        if width.is_finite() && height.is_finite() && width > 0.0 && height > 0.0 {
            (self.width, self.height) = (width, height);
        }
    }

    /// Network node indices of the shown nodes.
    pub fn shown(&self) -> &[u32] {
        &self.shown
    }

    /// Farms with no tie (not drawn), and other nodes with no tie.
    pub fn hidden_counts(&self) -> (usize, usize) {
        let n = self.network.nodes.len();
        let hidden = |farm: bool| {
            (0..n)
                .filter(|&i| {
                    self.local[i] == u32::MAX
                        && (self.network.nodes[i].kind == NodeKind::Farm) == farm
                })
                .count()
        };
        (hidden(true), hidden(false))
    }

    /// Whether the layout is still moving.
    pub fn is_animating(&self) -> bool {
        self.phase != Phase::Settled
    }

    /// Advance the layout a little and build the frame; true while it still moves.
    pub fn frame(&mut self, _now_ms: f64) -> bool {
        self.advance_layout();
        if !self.user_camera {
            self.fit();
        }
        self.place_screen();
        let mut d = std::mem::take(&mut self.draw);
        render::build(self, &mut d);
        self.draw = d;
        self.is_animating()
    }

    fn advance_layout(&mut self) {
        let Some(layout) = &mut self.layout else {
            self.phase = Phase::Settled;
            return;
        };
        match self.phase {
            Phase::Settled => return,
            Phase::Layout => {
                let converged = layout.tick(ITERATIONS_PER_FRAME);
                if converged || layout.iterations() >= MAX_ITERATIONS {
                    self.pos = layout.positions();
                    self.start_spread();
                    return;
                }
            }
            Phase::Spread => {
                let converged = layout.tick(ITERATIONS_PER_FRAME);
                if converged || layout.iterations() >= SPREAD_ITERATIONS {
                    self.phase = Phase::Settled;
                }
            }
        }
        if let Some(l) = &self.layout {
            self.pos = l.positions();
        }
    }

    /// Swap in an adjustSizes layout from the settled positions: node sizes are their
    /// drawn radii (plus a margin) in layout units at the fitted scale, so what prevents
    /// overlap is what the reader sees.
    fn start_spread(&mut self) {
        let Some(old) = &self.layout else { return };
        let fit = self.fitted();
        let (src, dst) = local_ties(&self.graph, &self.local);
        let settings = Settings {
            adjust_sizes: true,
            ..Settings::default()
        };
        let spread = ForceAtlas2::new(self.shown.len(), &src, &dst, None, settings).ok();
        let Some(mut spread) = spread else {
            self.phase = Phase::Settled;
            return;
        };
        let sizes: Vec<f64> = self
            .shown
            .iter()
            .map(|&i| f64::from(look::node_radius(self.graph.degree(i)) + 6.0) / fit.scale)
            .collect();
        let pins: Vec<usize> = (0..self.shown.len())
            .filter(|&k| old.is_pinned(k))
            .collect();
        if spread.set_positions(&self.pos).is_ok() && spread.set_sizes(&sizes).is_ok() {
            for k in pins {
                let _ = spread.pin(k, self.pos[2 * k], self.pos[2 * k + 1]);
            }
            self.layout = Some(spread);
            self.phase = Phase::Spread;
        } else {
            self.phase = Phase::Settled;
        }
    }

    /// The camera that shows every shown node.
    fn fitted(&self) -> NetCamera {
        let (mut x0, mut y0, mut x1, mut y1) = (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        );
        for p in self.pos.chunks_exact(2) {
            (x0, y0, x1, y1) = (x0.min(p[0]), y0.min(p[1]), x1.max(p[0]), y1.max(p[1]));
        }
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
            return NetCamera {
                cx: 0.0,
                cy: 0.0,
                scale: 1.0,
            };
        }
        let avail_w = (self.width - 2.0 * FIT_PADDING).max(self.width * 0.5);
        let avail_h = (self.height - 2.0 * FIT_PADDING).max(self.height * 0.5);
        let (w, h) = (x1 - x0, y1 - y0);
        // One node, or all on one point: any scale shows it; keep 1.
        let scale = if w.max(h) < 1e-9 {
            1.0
        } else {
            (avail_w / w.max(1e-9)).min(avail_h / h.max(1e-9))
        };
        NetCamera {
            cx: (x0 + x1) / 2.0,
            cy: (y0 + y1) / 2.0,
            scale,
        }
    }

    fn fit(&mut self) {
        self.cam = self.fitted();
    }

    fn screen_from_layout(&self, x: f64, y: f64) -> (f64, f64) {
        let c = &self.cam;
        (
            (x - c.cx) * c.scale + self.width / 2.0,
            (y - c.cy) * c.scale + self.height / 2.0,
        )
    }

    fn layout_from_screen(&self, sx: f64, sy: f64) -> (f64, f64) {
        let c = &self.cam;
        (
            (sx - self.width / 2.0) / c.scale + c.cx,
            (sy - self.height / 2.0) / c.scale + c.cy,
        )
    }

    fn place_screen(&mut self) {
        self.screen = (0..self.shown.len())
            .map(|k| {
                let (x, y) = self.screen_from_layout(self.pos[2 * k], self.pos[2 * k + 1]);
                let r = look::node_radius(self.graph.degree(self.shown[k]));
                [x as f32, y as f32, r]
            })
            .collect();
    }

    /// Screen x, y and radius of network node `node`, if shown and drawn.
    pub fn node_screen(&self, node: u32) -> Option<[f32; 3]> {
        let k = *self.local.get(node as usize)?;
        self.screen.get(k as usize).copied()
    }

    // ---- camera gestures ----------------------------------------------------------------

    pub fn pan_by(&mut self, dx: f64, dy: f64) {
        if dx.is_finite() && dy.is_finite() {
            self.user_camera = true;
            self.cam.cx -= dx / self.cam.scale;
            self.cam.cy -= dy / self.cam.scale;
        }
    }

    /// Zoom by `delta` levels (×2 each) keeping the layout point under (sx, sy) fixed.
    pub fn zoom_at(&mut self, sx: f64, sy: f64, delta: f64) {
        if !(sx.is_finite() && sy.is_finite() && delta.is_finite()) {
            return;
        }
        let fit = self.fitted().scale;
        let (wx, wy) = self.layout_from_screen(sx, sy);
        self.cam.scale =
            (self.cam.scale * delta.clamp(-4.0, 4.0).exp2()).clamp(fit / 8.0, fit * 16.0);
        self.cam.cx = wx - (sx - self.width / 2.0) / self.cam.scale;
        self.cam.cy = wy - (sy - self.height / 2.0) / self.cam.scale;
        self.user_camera = true;
    }

    /// Back to the camera that shows the whole network, following the layout again.
    pub fn reset_camera(&mut self) {
        self.user_camera = false;
        self.fit();
    }

    // ---- picking, hover, dragging -------------------------------------------------------

    /// The shown node under (sx, sy) within `slop` px; the nearest centre wins.
    pub fn pick(&self, sx: f64, sy: f64, slop: f64) -> Option<u32> {
        let (sx, sy, slop) = (sx as f32, sy as f32, slop.max(0.0) as f32);
        if !(sx.is_finite() && sy.is_finite()) {
            return None;
        }
        self.screen
            .iter()
            .enumerate()
            .filter_map(|(k, s)| {
                let d2 = (s[0] - sx).powi(2) + (s[1] - sy).powi(2);
                let reach = s[2] + 2.0 + slop;
                (d2 <= reach * reach).then_some((d2, self.shown[k]))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, n)| n)
    }

    /// Hold `node` at the screen point (sx, sy); the others make room around it. The node
    /// stays pinned where it is dropped.
    pub fn drag_to(&mut self, node: u32, sx: f64, sy: f64) -> bool {
        let Some(&k) = self.local.get(node as usize) else {
            return false;
        };
        if k == u32::MAX || !(sx.is_finite() && sy.is_finite()) {
            return false;
        }
        // Dragging is a camera-fixed gesture: the layout must not refit under the pointer.
        self.user_camera = true;
        let (x, y) = self.layout_from_screen(sx, sy);
        let k = k as usize;
        self.pos[2 * k] = x;
        self.pos[2 * k + 1] = y;
        if let Some(l) = &mut self.layout {
            if l.pin(k, x, y).is_ok() {
                // Let the neighbours react: a short spread pass from here.
                if self.phase == Phase::Settled {
                    self.phase = Phase::Spread;
                    self.restart_spread_budget();
                }
            }
        }
        true
    }

    fn restart_spread_budget(&mut self) {
        // A fresh spread layout from the current positions keeps the pins.
        self.start_spread();
    }

    /// Let go of every pinned node (they rejoin the simulation).
    pub fn unpin_all(&mut self) {
        if let Some(l) = &mut self.layout {
            for k in 0..self.shown.len() {
                let _ = l.unpin(k);
            }
        }
    }

    /// Run the layout again from its seeded start (every pin released).
    pub fn relayout(&mut self) {
        let (src, dst) = local_ties(&self.graph, &self.local);
        self.layout =
            ForceAtlas2::new(self.shown.len(), &src, &dst, None, Settings::default()).ok();
        self.pos = self
            .layout
            .as_ref()
            .map(ForceAtlas2::positions)
            .unwrap_or_default();
        self.phase = if self.layout.is_some() {
            Phase::Layout
        } else {
            Phase::Settled
        };
        self.user_camera = false;
        self.fit();
    }

    pub fn is_pinned(&self, node: u32) -> bool {
        let k = self.local.get(node as usize).copied().unwrap_or(u32::MAX);
        k != u32::MAX
            && self
                .layout
                .as_ref()
                .is_some_and(|l| l.is_pinned(k as usize))
    }

    // ---- what is lit ---------------------------------------------------------------------

    pub fn node_index(&self, id: &str) -> Option<u32> {
        self.graph.index.get(id).copied()
    }

    fn lit_from_reach(&self, reach: &Reach, by: LitBy) -> Lit {
        let mut nodes = vec![false; self.network.nodes.len()];
        let mut ties = vec![false; self.network.ties.len()];
        for &n in &reach.nodes {
            nodes[n as usize] = true;
        }
        for &t in &reach.ties {
            ties[t] = true;
        }
        Lit { nodes, ties, by }
    }

    pub fn emphasis_of_node(&self, node: u32) -> Emphasis {
        match &self.lit {
            None => Emphasis::Normal,
            Some(l) if l.nodes[node as usize] => Emphasis::Lit,
            Some(_) => Emphasis::Dim,
        }
    }

    /// `tie` is a network tie index.
    pub fn emphasis_of_tie(&self, tie: usize) -> Emphasis {
        match &self.lit {
            None => Emphasis::Normal,
            Some(l) if l.ties[tie] => Emphasis::Lit,
            Some(_) => Emphasis::Dim,
        }
    }

    pub fn lit_by(&self) -> Option<LitBy> {
        self.lit.as_ref().map(|l| l.by)
    }

    /// Ids of the lit nodes, in node order (empty when nothing is lit).
    pub fn lit_ids(&self) -> Vec<String> {
        self.lit.as_ref().map_or_else(Vec::new, |l| {
            (0..l.nodes.len())
                .filter(|&i| l.nodes[i])
                .map(|i| self.network.nodes[i].id.clone())
                .collect()
        })
    }

    /// Ids of the lit farm nodes: what the map should light.
    pub fn lit_farm_ids(&self) -> Vec<String> {
        self.lit.as_ref().map_or_else(Vec::new, |l| {
            (0..l.nodes.len())
                .filter(|&i| l.nodes[i] && self.network.nodes[i].kind == NodeKind::Farm)
                .map(|i| self.network.nodes[i].id.clone())
                .collect()
        })
    }

    /// Light up the ownership chain of a farm (by farm id), or clear with `None`.
    pub fn highlight_farm(&mut self, farm_id: Option<&str>) {
        match farm_id.and_then(|id| self.node_index(id)) {
            Some(node) => {
                let reach = paths::controllers(&self.graph, &self.network, node);
                self.lit = Some(self.lit_from_reach(&reach, LitBy::Farm));
                self.selected = Some(node);
            }
            None => self.clear(),
        }
    }

    /// Select a person, company or any node: light the farms it may control and the chain
    /// leading there. Returns the ids of those farms (empty when it controls none; then
    /// the node and its own ties are lit, so the reader still sees what it is tied to).
    pub fn select_node(&mut self, node: u32) -> Vec<String> {
        if node as usize >= self.network.nodes.len() {
            self.clear();
            return Vec::new();
        }
        let mut reach = paths::controlled_farms(&self.graph, &self.network, node);
        if reach.nodes.is_empty() {
            reach.nodes.push(node);
            for (k, w) in self.graph.neighbours(node) {
                reach.nodes.push(w);
                reach.ties.push(self.graph.tie[k as usize] as usize);
            }
        }
        self.lit = Some(self.lit_from_reach(&reach, LitBy::Node));
        self.selected = Some(node);
        reach
            .farms
            .iter()
            .map(|&f| self.network.nodes[f as usize].id.clone())
            .collect()
    }

    /// The farm ids behind `ids`: farms stay themselves, a person or company stands for the
    /// farms it may control, so a story step can focus "Bolat Nazarbayev" and the map flies
    /// to his farms.
    pub fn farm_ids_of(&self, ids: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for id in ids {
            let Some(&node) = self.graph.index.get(id) else {
                out.push(id.clone()); // maybe a farm outside the network
                continue;
            };
            if self.network.nodes[node as usize].kind == crate::network::model::NodeKind::Farm {
                out.push(id.clone());
            } else {
                let reach = paths::controlled_farms(&self.graph, &self.network, node);
                out.extend(
                    reach
                        .farms
                        .iter()
                        .map(|&f| self.network.nodes[f as usize].id.clone()),
                );
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Light up the ids a story step names (farms and entities) and the ties between
    /// them, or clear with an empty list. A later selection falls back to this.
    pub fn highlight_ids(&mut self, ids: &[String]) {
        self.step_ids = ids.to_vec();
        self.selected = None;
        self.lit = self.step_lit();
    }

    fn step_lit(&self) -> Option<Lit> {
        if self.step_ids.is_empty() {
            return None;
        }
        let mut nodes = vec![false; self.network.nodes.len()];
        for id in &self.step_ids {
            if let Some(i) = self.node_index(id) {
                nodes[i as usize] = true;
            }
        }
        let ties = (0..self.network.ties.len())
            .map(|t| {
                let tie = &self.network.ties[t];
                let lit = |id: &str| self.node_index(id).is_some_and(|i| nodes[i as usize]);
                lit(&tie.source) && lit(&tie.target)
            })
            .collect();
        Some(Lit {
            nodes,
            ties,
            by: LitBy::Step,
        })
    }

    /// Clear a selection or path; the story step's highlight (if any) comes back.
    pub fn clear(&mut self) {
        self.selected = None;
        self.lit = self.step_lit();
    }

    /// "How is A connected to B?": light the shortest path and say it. `None` when either
    /// id is unknown or they are not connected (nothing is lit then).
    pub fn show_path(&mut self, from_id: &str, to_id: &str) -> Option<String> {
        let (a, b) = (self.node_index(from_id)?, self.node_index(to_id)?);
        let steps = paths::shortest_path(&self.graph, &self.network, a, b)?;
        let text = sentence::describe(&self.network, &steps)?;
        let mut reach = Reach::default();
        reach.nodes.push(a);
        for s in &steps {
            reach.nodes.push(s.to);
            reach.ties.push(s.tie);
        }
        self.lit = Some(self.lit_from_reach(&reach, LitBy::Path));
        self.selected = None;
        Some(text)
    }

    /// Each tie of `node` as a sentence from its side ("X is the brother of Y"), with the
    /// tie's source URL and whether it is alleged.
    pub fn tie_sentences(&self, node: u32) -> Vec<(String, Option<String>, bool)> {
        if node as usize >= self.network.nodes.len() {
            return Vec::new();
        }
        self.graph
            .neighbours(node)
            .filter_map(|(k, w)| {
                let tie = self.graph.tie[k as usize] as usize;
                let step = Step {
                    tie,
                    from: node,
                    to: w,
                };
                let t = &self.network.ties[tie];
                let alleged = t.confidence == crate::network::model::Confidence::Alleged;
                sentence::describe(&self.network, &[step])
                    .map(|s| (s, t.source_url.clone(), alleged))
            })
            .collect()
    }

    /// A farm and a person to prefill "How is A connected to B?": the connection that
    /// shows the most hedged ties over at least three steps (where the sentence has the
    /// most to say), the shortest such; else any connected farm and person.
    pub fn example_pair(&self) -> Option<(String, String)> {
        let of_kind = |k: NodeKind| -> Vec<u32> {
            self.shown
                .iter()
                .copied()
                .filter(|&i| self.network.nodes[i as usize].kind == k)
                .take(64)
                .collect()
        };
        let (farms, people) = (of_kind(NodeKind::Farm), of_kind(NodeKind::Person));
        // (at least three steps, hedged ties, fewer steps), farm, person
        type Score = (bool, usize, std::cmp::Reverse<usize>);
        let mut best: Option<(Score, u32, u32)> = None;
        for &f in &farms {
            for &p in &people {
                let Some(steps) = paths::shortest_path(&self.graph, &self.network, f, p) else {
                    continue;
                };
                let alleged = steps
                    .iter()
                    .filter(|s| {
                        self.network.ties[s.tie].confidence
                            == crate::network::model::Confidence::Alleged
                    })
                    .count();
                let score = (steps.len() >= 3, alleged, std::cmp::Reverse(steps.len()));
                if best.as_ref().is_none_or(|b| score > b.0) {
                    best = Some((score, f, p));
                }
            }
        }
        best.map(|(_, f, p)| {
            (
                self.network.nodes[f as usize].id.clone(),
                self.network.nodes[p as usize].id.clone(),
            )
        })
    }

    // ---- keyboard ------------------------------------------------------------------------

    /// Move keyboard focus `step` nodes on, in reading order (rows of 40 px, then x).
    /// Returns false when it would leave the network, so Tab moves on to the next control.
    pub fn move_focus(&mut self, step: i32) -> bool {
        let (w, h) = (self.width as f32, self.height as f32);
        let mut order: Vec<usize> = (0..self.screen.len())
            .filter(|&k| {
                let s = self.screen[k];
                s[0] >= 0.0 && s[1] >= 0.0 && s[0] <= w && s[1] <= h
            })
            .collect();
        order.sort_by(|&a, &b| {
            let (sa, sb) = (self.screen[a], self.screen[b]);
            ((sa[1] / 40.0).floor(), sa[0])
                .partial_cmp(&((sb[1] / 40.0).floor(), sb[0]))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let at = self
            .focus
            .and_then(|f| order.iter().position(|&k| self.shown[k] == f));
        let next = match at {
            None if step > 0 => Some(0),
            None => order.len().checked_sub(1),
            Some(p) => usize::try_from(p as i64 + i64::from(step))
                .ok()
                .filter(|&n| n < order.len()),
        };
        self.focus = next.and_then(|n| order.get(n)).map(|&k| self.shown[k]);
        self.focus.is_some()
    }

    pub fn draw_list(&self) -> &DrawList {
        &self.draw
    }

    /// Layout positions of the shown nodes (x y interleaved, in `shown` order).
    pub fn positions(&self) -> &[f64] {
        &self.pos
    }
}

/// One flag per farm (in the map's farm order): lit when its id is in `ids`.
pub fn farm_mask(farms: &[Farm], ids: &[String]) -> Vec<bool> {
    farms.iter().map(|f| ids.contains(&f.id)).collect()
}
