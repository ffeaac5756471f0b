//! The ownership network beside the map: which nodes are shown, their layout, the camera,
//! what is lit (and why), and the draw list for the network canvas. Linked to the map
//! through farm ids (a farm node's id is the farm's id); nothing here knows about canvases.
//!
//! Only the connected part is shown: a farm the source names no owner for would be a lone
//! dot, and a hundred of them would hide the few ties that matter. The pane says in text how
//! many were left out. A very large network is drawn reduced to its [`MAX_SHOWN_NODES`]
//! best-connected nodes, and the pane says that too ([`NetworkView::left_out`]).
//!
//! Every public method speaks **nodes** (indices into `network.nodes`); the layout's own
//! numbering of the shown nodes (**slots**) stays inside [`Slots`]. Files:
//! - `layout`: the slots, and driving ForceAtlas2 a size-scaled budget per frame;
//! - `camera`: pan and zoom over layout coordinates;
//! - `selection`: what is lit and why (graph questions are in [`crate::network::queries`]);
//! - `render`: the draw list (tie groups cached per network); `look`: colours and shapes;
//! - `saved`: placing saved positions (the story file's format is read in `story`).

mod camera;
mod layout;
mod look;
mod render;
mod saved;
mod selection;
#[cfg(test)]
mod tests;

pub use camera::{LayoutCamera, FIT_PADDING};
pub use layout::{
    Slots, MAX_ITERATIONS_PER_FRAME, MAX_SHOWN_NODES, NODE_ITERATIONS_PER_FRAME,
    REFINE_UNITS_PER_FRAME,
};
pub use look::{node_radius, Line, Shape, KINDS, KIND_COLORS, KIND_SHAPES, LINES, TIE_COLOR};
pub use render::tie_label_in;
pub use render::MAX_NAME_CANDIDATES;
pub use render::{tie_groups, TieGroup};
pub use saved::Applied;
pub use selection::LitBy;

use super::draw::DrawList;
use super::focus;
use crate::i18n::Lang;
use crate::network::graph::Graph;
use crate::network::model::Network;
use crate::scene::camera::Insets;
use crate::scene::style::Theme;
use layout::{LayoutDriver, Phase};
use selection::Lit;

/// The pane (CSS px) whose fitted scale turns drawn node radii into layout units for the
/// prevent-overlap pass: a phone-sized embed. A fixed pane, not the view's own, so that the
/// settled picture is the same on every screen (before, a phone's and a desktop's differed);
/// nodes drawn in a pane at least this big do not overlap.
pub const SPREAD_PANE: (f64, f64) = (400.0, 400.0);

pub struct NetworkView {
    network: Network,
    graph: Graph,
    /// The shown nodes and their layout slots.
    slots: Slots,
    layout: LayoutDriver,
    pub width: f64,
    pub height: f64,
    cam: LayoutCamera,
    /// The hovered node.
    pub hovered: Option<u32>,
    /// The selected node.
    pub selected: Option<u32>,
    /// Keyboard focus (a node).
    pub focus: Option<u32>,
    lit: Option<Lit>,
    /// The story step's ids, restored when a selection is cleared.
    step_ids: Vec<String>,
    /// Per slot, as last drawn: x, y, radius in CSS px.
    screen: Vec<[f32; 3]>,
    /// Parallel ties grouped once per network (see `render`).
    tie_groups: Vec<TieGroup>,
    draw: DrawList,
    /// Light or dark: the palette every frame draws with.
    pub theme: Theme,
    /// The language of the words drawn on ties.
    pub lang: Lang,
    /// A screen rectangle (CSS px: x0, y0, x1, y1) the page's own controls cover (its zoom
    /// buttons): no label is placed under it ([`NetworkView::set_covered`]).
    covered: Option<[f32; 4]>,
}

impl NetworkView {
    pub fn new(network: Network) -> NetworkView {
        let (graph, _dropped) = Graph::new(&network);
        let slots = Slots::of_tied(&graph);
        let layout = LayoutDriver::new(&slots, &graph);
        let mut view = NetworkView {
            tie_groups: tie_groups(&graph),
            network,
            graph,
            slots,
            layout,
            width: 300.0,
            height: 300.0,
            cam: LayoutCamera::default(),
            hovered: None,
            selected: None,
            focus: None,
            lit: None,
            step_ids: Vec::new(),
            screen: Vec::new(),
            draw: DrawList::default(),
            theme: Theme::Light,
            lang: Lang::En,
            covered: None,
        };
        view.fit();
        view
    }

    /// The rectangle (x0, y0, x1, y1 in CSS px) the page's controls cover over this pane, so
    /// no label is drawn under them; one that is not finite or has no area clears it.
    ///
    /// # Examples
    /// ```
    /// let mut view = farmmap::scene::network_view::NetworkView::new(Default::default());
    /// view.set_covered(300.0, 8.0, 340.0, 130.0);
    /// assert_eq!(view.covered(), Some([300.0, 8.0, 340.0, 130.0]));
    /// view.set_covered(f64::NAN, 0.0, 1.0, 1.0);
    /// assert_eq!(view.covered(), None);
    /// ```
    pub fn set_covered(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        self.covered = crate::scene::labels::covered_rect(x0, y0, x1, y1);
    }

    /// What [`NetworkView::set_covered`] set.
    pub fn covered(&self) -> Option<[f32; 4]> {
        self.covered
    }

    pub fn resize(&mut self, width: f64, height: f64) {
        if width.is_finite() && height.is_finite() && width > 0.0 && height > 0.0 {
            (self.width, self.height) = (width, height);
        }
    }

    /// Network node indices of the shown nodes.
    pub fn shown(&self) -> &[u32] {
        self.slots.nodes()
    }

    /// Tied nodes left out because the network is too big to draw whole (see
    /// [`MAX_SHOWN_NODES`]); 0 for all but very large networks.
    pub fn left_out(&self) -> usize {
        self.slots.left_out()
    }

    /// The network shown (every node, tied or not), for questions asked of it (see
    /// [`crate::network::queries`]).
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The network's graph (same node numbering as [`NetworkView::network`]).
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// Whether the layout is still moving.
    pub fn is_animating(&self) -> bool {
        self.layout.phase != Phase::Settled
    }

    /// Advance the layout a little and build the frame; true while it still moves.
    pub fn frame(&mut self, _now_ms: f64) -> bool {
        if self.layout.advance() {
            self.start_spread();
        }
        if self.cam.follows_layout {
            self.fit();
        }
        self.place_screen();
        let mut d = std::mem::take(&mut self.draw);
        render::build(self, &mut d);
        self.draw = d;
        self.is_animating()
    }

    /// Start the prevent-overlap pass: node sizes are their drawn radii (plus a margin) in
    /// layout units at the scale that fits the layout in a [`SPREAD_PANE`] pane, whatever
    /// this view's pane: the settled picture is the same for every reader.
    fn start_spread(&mut self) {
        let (w, h) = SPREAD_PANE;
        let scale = LayoutCamera::fitted(&self.layout.pos, w, h).scale;
        let sizes: Vec<f64> = self
            .slots
            .nodes()
            .iter()
            .map(|&n| f64::from(look::node_radius(self.graph.degree(n)) + 6.0) / scale)
            .collect();
        self.layout.start_spread(&sizes);
    }

    /// The camera that shows every shown node, clear of the pane's buttons
    /// ([`NetworkView::set_covered`]).
    fn fitted(&self) -> LayoutCamera {
        let insets = Insets::clear_of(self.covered, self.width, FIT_PADDING);
        LayoutCamera::fitted_within(&self.layout.pos, self.width, self.height, insets)
    }

    fn fit(&mut self) {
        self.cam = self.fitted();
    }

    fn place_screen(&mut self) {
        let (w, h) = (self.width, self.height);
        let pos = &self.layout.pos;
        self.screen = (0..self.slots.len())
            .map(|k| {
                let (x, y) = self
                    .cam
                    .screen_from_layout(pos[2 * k], pos[2 * k + 1], w, h);
                let r = look::node_radius(self.graph.degree(self.slots.node_at(k)));
                [x as f32, y as f32, r]
            })
            .collect();
    }

    /// Screen x, y and radius of network node `node`, if shown and drawn.
    pub fn node_screen(&self, node: u32) -> Option<[f32; 3]> {
        self.screen.get(self.slots.slot_of(node)?).copied()
    }

    // ---- camera gestures ----------------------------------------------------------------

    pub fn pan_by(&mut self, dx: f64, dy: f64) {
        self.cam.pan_by(dx, dy);
    }

    /// Zoom by `delta` levels (×2 each) keeping the layout point under (sx, sy) fixed.
    pub fn zoom_at(&mut self, sx: f64, sy: f64, delta: f64) {
        let fit = self.fitted().scale;
        let size = (self.width, self.height);
        self.cam.zoom_at(sx, sy, delta, size, fit);
    }

    /// Back to the camera that shows the whole network, following the layout again.
    pub fn reset_camera(&mut self) {
        self.fit();
    }

    // ---- picking, dragging, keyboard ----------------------------------------------------

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
                (d2 <= reach * reach).then_some((d2, self.slots.node_at(k)))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, n)| n)
    }

    /// Hold `node` at the screen point (sx, sy); the others make room around it. The node
    /// stays pinned where it is dropped.
    pub fn drag_to(&mut self, node: u32, sx: f64, sy: f64) -> bool {
        let Some(k) = self.slots.slot_of(node) else {
            return false;
        };
        if !(sx.is_finite() && sy.is_finite()) {
            return false;
        }
        // Dragging is a camera-fixed gesture: the layout must not refit under the pointer.
        self.cam.follows_layout = false;
        let (x, y) = self.cam.layout_from_screen(sx, sy, self.width, self.height);
        // Let the neighbours react: a short spread pass from here.
        if self.layout.pin(k, x, y) && self.layout.phase == Phase::Settled {
            self.start_spread();
        }
        true
    }

    /// Run the layout to its end at once, drawing no frame (publishing saves the result):
    /// the positions are those the frames would have reached, since slicing never changes
    /// them. The camera fits the settled picture.
    ///
    /// # Examples
    /// ```
    /// use farmmap::network::model::{Confidence, Network, Node, NodeKind, Tie, TieKind};
    /// use farmmap::scene::network_view::NetworkView;
    /// let mut net = Network::default();
    /// for id in ["a", "b", "c"] {
    ///     net.nodes.push(Node::new(id, NodeKind::Company, id));
    /// }
    /// net.ties.push(Tie::new("a", "b", TieKind::Owns, Confidence::Reported));
    /// net.ties.push(Tie::new("b", "c", TieKind::Owns, Confidence::Reported));
    /// let mut view = NetworkView::new(net);
    /// assert!(view.is_animating());
    /// view.settle();
    /// assert!(!view.is_animating());
    /// assert_eq!(view.positions().len(), 6);
    /// ```
    pub fn settle(&mut self) {
        while self.is_animating() {
            if self.layout.advance() {
                self.start_spread();
            }
        }
        self.fit();
    }

    /// Run the layout again from its seeded start (every pin released).
    pub fn relayout(&mut self) {
        self.layout.restart(self.slots.len());
        self.fit();
    }

    pub fn is_pinned(&self, node: u32) -> bool {
        self.slots
            .slot_of(node)
            .is_some_and(|k| self.layout.is_pinned(k))
    }

    /// Move keyboard focus `step` nodes on, in reading order (see [`crate::scene::focus`]).
    /// Returns false when it would leave the network, so Tab moves on to the next control.
    pub fn move_focus(&mut self, step: i32) -> bool {
        let points: Vec<[f32; 2]> = self.screen.iter().map(|s| [s[0], s[1]]).collect();
        let (w, h) = (self.width as f32, self.height as f32);
        let current = self.focus.and_then(|n| self.slots.slot_of(n));
        let next = focus::move_focus(&points, w, h, current, step);
        self.focus = next.map(|k| self.slots.node_at(k));
        self.focus.is_some()
    }

    pub fn draw_list(&self) -> &DrawList {
        &self.draw
    }

    /// Layout positions of the shown nodes (x y interleaved, in `shown` order).
    pub fn positions(&self) -> &[f64] {
        &self.layout.pos
    }
}
