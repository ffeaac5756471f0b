//! What is lit in the network, and why: a farm's ownership chain, a selected node's farms,
//! a story step's ids, or a path between two nodes; the graph questions themselves are in
//! [`crate::network::queries`]. Lit nodes and ties are flags per network node and tie, so
//! every emphasis test while drawing is one index.

use super::look::Emphasis;
use super::NetworkView;
use crate::network::model::NodeKind;
use crate::network::paths::{self, Reach};
use crate::network::{queries, sentence};

/// Why nodes are lit: a clearing gesture falls back to the story step's highlight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LitBy {
    Farm,
    Node,
    Step,
    Path,
    /// Ids lit from outside the network (a chart bar's farms): the step's ids are kept.
    Ids,
}

#[derive(Clone, Debug)]
pub(super) struct Lit {
    /// Per node of the network.
    nodes: Vec<bool>,
    /// Per tie of the network.
    ties: Vec<bool>,
    by: LitBy,
}

impl NetworkView {
    /// The node with `id`.
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
        self.lit_ids_where(|_| true)
    }

    /// Ids of the lit farm nodes: what the map should light.
    pub fn lit_farm_ids(&self) -> Vec<String> {
        self.lit_ids_where(|i| self.network.nodes[i].kind == NodeKind::Farm)
    }

    fn lit_ids_where(&self, keep: impl Fn(usize) -> bool) -> Vec<String> {
        self.lit.as_ref().map_or_else(Vec::new, |l| {
            (0..l.nodes.len())
                .filter(|&i| l.nodes[i] && keep(i))
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
        let reach = queries::node_reach(&self.network, &self.graph, node);
        self.lit = Some(self.lit_from_reach(&reach, LitBy::Node));
        self.selected = Some(node);
        queries::ids_of(&self.network, &reach.farms)
    }

    /// Light up the ids a story step names (farms and entities) and the ties between
    /// them, or clear with an empty list. A later selection falls back to this.
    pub fn highlight_ids(&mut self, ids: &[String]) {
        self.step_ids = ids.to_vec();
        self.selected = None;
        self.lit = self.step_lit();
    }

    /// Light up `ids` (a chart bar's farms) and the ties between them, or nothing with an
    /// empty list. The story step's ids are kept: [`NetworkView::clear`] comes back to them.
    pub fn light_ids(&mut self, ids: &[String]) {
        self.selected = None;
        self.lit = (!ids.is_empty()).then(|| self.lit_among(ids, LitBy::Ids));
    }

    fn step_lit(&self) -> Option<Lit> {
        (!self.step_ids.is_empty()).then(|| self.lit_among(&self.step_ids, LitBy::Step))
    }

    fn lit_among(&self, ids: &[String], by: LitBy) -> Lit {
        let (nodes, ties) = queries::ties_among(&self.network, &self.graph, ids);
        Lit { nodes, ties, by }
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
        let text = sentence::describe_in(self.lang, &self.network, &steps)?;
        let reach = queries::path_reach(a, &steps);
        self.lit = Some(self.lit_from_reach(&reach, LitBy::Path));
        self.selected = None;
        Some(text)
    }
}
