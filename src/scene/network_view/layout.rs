//! Driving the network layout from the frame clock, and the layout's numbering of nodes.
//!
//! Two numberings of nodes meet here, and only here:
//! - a **node** is an index into `network.nodes` (the graph numbers nodes the same way);
//!   every public method of the view speaks nodes;
//! - a **slot** is an index into the *shown* nodes (those with at least one tie), in node
//!   order: the numbering of the ForceAtlas2 layout, of `pos` (x y interleaved per slot) and
//!   of the nodes' screen positions. [`Slots`] converts between the two.
//!
//! The layout runs in four phases: ForceAtlas2 until it converges (or [`MAX_ITERATIONS`]),
//! then stress refinement ([`crate::network::stress`], about
//! [`REFINE_UNITS_PER_FRAME`] terms a frame, so no frame blocks for long; sliced or not it
//! gives the same positions; up to 5,000 nodes its crossing guard ends it with no more
//! edge crossings than the ForceAtlas2 picture), then a short adjustSizes pass so no two
//! drawn nodes overlap, then settled. The refinement is cargo feature `refine`: the
//! reader's build goes from ForceAtlas2 straight to the spread pass, and shows a published
//! story's settled layout (saved in the story by `farmmap publish`) without running any of
//! it. Each frame
//! runs [`LayoutDriver::iterations_per_frame`] iterations: a budget of about
//! [`NODE_ITERATIONS_PER_FRAME`] node-iterations (≈2 µs each, docs/network.md), capped at
//! [`MAX_ITERATIONS_PER_FRAME`] so a small network settles visibly in about a second, and at
//! least one so a big one still moves. The same input gives the same frames: seeded.

use crate::network::forceatlas2::{ForceAtlas2, Settings};
use crate::network::graph::Graph;
#[cfg(feature = "refine")]
use crate::network::stress::{StressLayout, StressSettings};

/// Iterations per frame for small networks (a few dozen nodes cost microseconds each).
pub const MAX_ITERATIONS_PER_FRAME: u32 = 8;
/// Nodes × iterations per frame: about 4 ms of ForceAtlas2 (≈2 µs per node-iteration at
/// 1k nodes), a quarter of a 60 Hz frame.
pub const NODE_ITERATIONS_PER_FRAME: u32 = 2_000;
/// A layout that has not converged by then is as good as it gets; stop animating.
pub const MAX_ITERATIONS: u64 = 1200;
/// Stress-refinement work per frame: about 2 ms of wasm (a term costs 2–4 ns).
pub const REFINE_UNITS_PER_FRAME: u64 = 600_000;
/// The prevent-overlap pass after convergence. It is ForceAtlas2 (with adjustSizes), so
/// every iteration also pulls the refined picture back toward ForceAtlas2's: after 120
/// iterations karate's stress was back to 0.99× ForceAtlas2's (refined: 0.77×), after 30 it
/// is 0.84× (`cargo run --release --example layout_tradeoff`, "refined + spread" lines).
pub const SPREAD_ITERATIONS: u64 = 30;

/// A network with more tied nodes than this is drawn reduced: the [`MAX_SHOWN_NODES`]
/// best-connected ones (see [`Slots::of_tied_up_to`]), and the pane says how many are left
/// out. Layout, ties and labels then cost the same per frame whatever the network's size.
pub const MAX_SHOWN_NODES: usize = 5_000;

/// Which nodes are shown, and the two-way map between nodes and layout slots.
#[derive(Clone, Debug, Default)]
pub struct Slots {
    /// The node in each slot, ascending.
    nodes: Vec<u32>,
    /// The slot of each node; `u32::MAX` for hidden nodes (never leaves this type).
    slot: Vec<u32>,
    /// Tied nodes left out by the size reduction.
    left_out: usize,
}

impl Slots {
    /// Nodes with at least one tie are shown: a lone node would say nothing. Past
    /// [`MAX_SHOWN_NODES`], only the best-connected part (see [`Slots::of_tied_up_to`]).
    pub fn of_tied(graph: &Graph) -> Slots {
        Slots::of_tied_up_to(graph, MAX_SHOWN_NODES)
    }

    /// The tied nodes, or when there are more than `cap`, a stated reduction to `cap` of
    /// them: grown best-first from the highest-degree node (the highest-degree neighbour
    /// of what is already shown next, ties to the lower index), so what is shown is
    /// connected and holds the hubs; when that part is used up, from the next highest-degree
    /// node left. O((n + ties) log n).
    pub fn of_tied_up_to(graph: &Graph, cap: usize) -> Slots {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        let n = graph.node_count();
        let tied: Vec<u32> = (0..n as u32).filter(|&i| graph.degree(i) > 0).collect();
        let total = tied.len();
        let nodes = if total <= cap {
            tied
        } else {
            let mut by_degree = tied;
            crate::sort::sort_by_key(&mut by_degree, |&i| (Reverse(graph.degree(i)), i));
            let mut seen = vec![false; n];
            let mut chosen = Vec::with_capacity(cap);
            let mut heap = BinaryHeap::new();
            let mut next_root = by_degree.iter();
            while chosen.len() < cap {
                let Some((_, Reverse(i))) = heap.pop() else {
                    match next_root.find(|&&r| !seen[r as usize]) {
                        Some(&r) => {
                            seen[r as usize] = true;
                            heap.push((graph.degree(r), Reverse(r)));
                            continue;
                        }
                        None => break,
                    }
                };
                chosen.push(i);
                for (_, w) in graph.neighbours(i) {
                    if !seen[w as usize] {
                        seen[w as usize] = true;
                        heap.push((graph.degree(w), Reverse(w)));
                    }
                }
            }
            crate::sort::sort(&mut chosen);
            chosen
        };
        let mut slot = vec![u32::MAX; n];
        for (k, &i) in nodes.iter().enumerate() {
            slot[i as usize] = k as u32;
        }
        let left_out = total - nodes.len();
        Slots {
            nodes,
            slot,
            left_out,
        }
    }

    /// Tied nodes not shown because the network is too big to draw whole.
    pub fn left_out(&self) -> usize {
        self.left_out
    }

    /// The shown nodes, in slot order.
    pub fn nodes(&self) -> &[u32] {
        &self.nodes
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The slot of `node`, when shown.
    pub fn slot_of(&self, node: u32) -> Option<usize> {
        self.slot
            .get(node as usize)
            .filter(|&&k| k != u32::MAX)
            .map(|&k| k as usize)
    }

    /// The node in `slot`.
    pub fn node_at(&self, slot: usize) -> u32 {
        self.nodes[slot]
    }

    /// Tie ends as slots, for the ties whose two ends are shown (all of them unless the
    /// network was reduced: a node is otherwise shown exactly when it has a tie).
    fn tie_ends(&self, graph: &Graph) -> (Vec<u32>, Vec<u32>) {
        let (mut source, mut target) = (Vec::new(), Vec::new());
        for (&s, &t) in graph.tie_source.iter().zip(&graph.tie_target) {
            let (s, t) = (self.slot[s as usize], self.slot[t as usize]);
            if s != u32::MAX && t != u32::MAX {
                source.push(s);
                target.push(t);
            }
        }
        (source, target)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// ForceAtlas2 running.
    Layout,
    /// Stress majorization on the ForceAtlas2 result, a slice a frame.
    Refine,
    /// A short adjustSizes pass so no two nodes overlap.
    Spread,
    Settled,
}

/// The layout simulation and its positions, advanced a budget per frame.
pub struct LayoutDriver {
    sim: Option<ForceAtlas2>,
    #[cfg(feature = "refine")]
    refiner: Option<StressLayout>,
    pub phase: Phase,
    /// Layout coordinates per slot, x y interleaved (a copy of the simulation's).
    pub pos: Vec<f64>,
    /// Tie ends in slots, kept for restarts and the spread pass.
    source: Vec<u32>,
    target: Vec<u32>,
}

impl LayoutDriver {
    /// A fresh seeded layout of the shown nodes.
    pub fn new(slots: &Slots, graph: &Graph) -> LayoutDriver {
        let (source, target) = slots.tie_ends(graph);
        let mut d = LayoutDriver {
            sim: None,
            #[cfg(feature = "refine")]
            refiner: None,
            phase: Phase::Settled,
            pos: Vec::new(),
            source,
            target,
        };
        d.restart(slots.len());
        d
    }

    /// Back to the seeded start, every pin released.
    pub fn restart(&mut self, slots: usize) {
        #[cfg(feature = "refine")]
        {
            self.refiner = None;
        }
        self.sim =
            ForceAtlas2::unweighted(slots, &self.source, &self.target, Settings::default()).ok();
        self.pos = self
            .sim
            .as_ref()
            .map(ForceAtlas2::positions)
            .unwrap_or_default();
        self.phase = if self.sim.is_some() {
            Phase::Layout
        } else {
            Phase::Settled
        };
    }

    /// Iterations one frame runs for `slots` shown nodes (see the module notes).
    pub fn iterations_per_frame(slots: usize) -> u32 {
        let n = u32::try_from(slots.max(1)).unwrap_or(u32::MAX);
        (NODE_ITERATIONS_PER_FRAME / n).clamp(1, MAX_ITERATIONS_PER_FRAME)
    }

    /// One frame's worth of iterations. Returns true when the layout phase just ended: the
    /// caller then starts the spread pass ([`LayoutDriver::start_spread`]), which needs
    /// the drawn node sizes.
    pub fn advance(&mut self) -> bool {
        let Some(sim) = &mut self.sim else {
            self.phase = Phase::Settled;
            return false;
        };
        let budget = Self::iterations_per_frame(self.pos.len() / 2);
        match self.phase {
            Phase::Settled => return false,
            Phase::Layout => {
                let converged = sim.tick(budget);
                if converged || sim.iterations() >= MAX_ITERATIONS {
                    self.pos = sim.positions();
                    #[cfg(feature = "refine")]
                    {
                        let n = self.pos.len() / 2;
                        self.refiner = StressLayout::new(
                            n,
                            &self.source,
                            &self.target,
                            &self.pos,
                            sim.pinned(),
                            StressSettings::default(),
                        )
                        .ok();
                        self.phase = Phase::Refine;
                        return false;
                    }
                    // Without the refinement (the reader's build): straight to the spread pass.
                    #[cfg(not(feature = "refine"))]
                    return true;
                }
            }
            #[cfg(not(feature = "refine"))]
            Phase::Refine => return true,
            #[cfg(feature = "refine")]
            Phase::Refine => {
                let Some(refiner) = &mut self.refiner else {
                    return true;
                };
                let done = refiner.run(REFINE_UNITS_PER_FRAME);
                self.pos = refiner.positions();
                if done {
                    self.refiner = None;
                    let _ = sim.set_positions(&self.pos);
                    return true;
                }
                return false;
            }
            Phase::Spread => {
                let converged = sim.tick(budget);
                if converged || sim.iterations() >= SPREAD_ITERATIONS {
                    self.phase = Phase::Settled;
                }
            }
        }
        self.pos = sim.positions();
        false
    }

    /// Swap in an adjustSizes layout from the current positions, keeping the pins; `sizes`
    /// are the nodes' drawn radii (plus a margin) in layout units, so what prevents
    /// overlap is what the reader sees.
    pub fn start_spread(&mut self, sizes: &[f64]) {
        let Some(old) = &self.sim else { return };
        let settings = Settings {
            adjust_sizes: true,
            ..Settings::default()
        };
        let n = sizes.len();
        let Ok(mut spread) = ForceAtlas2::unweighted(n, &self.source, &self.target, settings)
        else {
            self.phase = Phase::Settled;
            return;
        };
        let pins: Vec<usize> = (0..n).filter(|&k| old.is_pinned(k)).collect();
        if spread.set_positions(&self.pos).is_ok() && spread.set_sizes(sizes).is_ok() {
            for k in pins {
                let _ = spread.pin(k, self.pos[2 * k], self.pos[2 * k + 1]);
            }
            self.sim = Some(spread);
            self.phase = Phase::Spread;
        } else {
            self.phase = Phase::Settled;
        }
    }

    /// Hold `slot` at layout (x, y). Returns whether it is pinned (the caller restarts the
    /// spread pass when the layout had settled, so the neighbours make room).
    pub fn pin(&mut self, slot: usize, x: f64, y: f64) -> bool {
        if self.phase == Phase::Refine {
            // The refinement's positions are the picture; the simulation goes on from them.
            if let Some(sim) = &mut self.sim {
                let _ = sim.set_positions(&self.pos);
            }
            #[cfg(feature = "refine")]
            {
                self.refiner = None;
            }
            self.phase = Phase::Layout;
        }
        self.pos[2 * slot] = x;
        self.pos[2 * slot + 1] = y;
        self.sim.as_mut().is_some_and(|l| l.pin(slot, x, y).is_ok())
    }

    pub fn is_pinned(&self, slot: usize) -> bool {
        self.sim.as_ref().is_some_and(|l| l.is_pinned(slot))
    }

    /// Replace the positions (a saved layout); the simulation goes on from there.
    pub fn set_positions(&mut self, xy: Vec<f64>) -> Result<(), String> {
        #[cfg(feature = "refine")]
        {
            self.refiner = None;
        }
        if self.phase == Phase::Refine {
            self.phase = Phase::Layout;
        }
        if let Some(l) = &mut self.sim {
            l.set_positions(&xy).map_err(|e| e.0)?;
        }
        self.pos = xy;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::graph::tests::ties_network;
    use crate::network::model::{Confidence, Node, NodeKind, Tie, TieKind};

    #[test]
    fn small_networks_run_the_full_budget_and_big_ones_scale_down_to_one() {
        assert_eq!(
            LayoutDriver::iterations_per_frame(0),
            MAX_ITERATIONS_PER_FRAME
        );
        assert_eq!(
            LayoutDriver::iterations_per_frame(21),
            MAX_ITERATIONS_PER_FRAME
        );
        for n in [21, 250, 251, 1_000, 2_000, 10_000, 1_000_000] {
            let it = LayoutDriver::iterations_per_frame(n);
            assert!((1..=MAX_ITERATIONS_PER_FRAME).contains(&it), "{n}: {it}");
            assert!(
                it == 1 || n as u32 * it <= NODE_ITERATIONS_PER_FRAME,
                "{n} nodes × {it} iterations is over the frame budget"
            );
        }
        assert_eq!(LayoutDriver::iterations_per_frame(1_000), 2);
        assert_eq!(LayoutDriver::iterations_per_frame(1_000_000), 1);
    }

    /// The frames take the picture from ForceAtlas2 through refinement to the spread pass;
    /// the refined picture has clearly lower stress, and the spread keeps most of the gain.
    #[test]
    #[cfg(feature = "refine")]
    fn frames_refine_the_force_layout_then_spread() {
        use crate::network::metrics::stress;
        let text = include_str!("../../network/testdata/karate_club.json");
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let ids: Vec<String> = v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_string())
            .collect();
        let idr: Vec<&str> = ids.iter().map(String::as_str).collect();
        let ties = v["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                Tie::new(
                    l["source"].as_str().unwrap(),
                    l["target"].as_str().unwrap(),
                    TieKind::Associate,
                    Confidence::Reported,
                )
            })
            .collect();
        let (graph, _) = Graph::new(&ties_network(&idr, ties));
        let slots = Slots::of_tied(&graph);
        let (s, t) = slots.tie_ends(&graph);
        let n = slots.len();
        let mut d = LayoutDriver::new(&slots, &graph);
        let mut frames = 0;
        while d.phase == Phase::Layout {
            assert!(!d.advance());
            frames += 1;
            assert!(frames < 10_000);
        }
        assert_eq!(d.phase, Phase::Refine);
        let force = stress(n, &s, &t, &d.pos, None);
        while !d.advance() {
            frames += 1;
            assert!(frames < 10_000);
        }
        let refined = stress(n, &s, &t, &d.pos, None);
        assert!(refined < 0.8 * force, "stress {force} -> {refined}");
        d.start_spread(&vec![0.01; n]);
        while d.phase != Phase::Settled {
            d.advance();
        }
        let spread = stress(n, &s, &t, &d.pos, None);
        assert!(
            spread < 0.9 * force,
            "stress {force} -> {refined} -> {spread}"
        );
    }

    #[test]
    fn slots_map_shown_nodes_both_ways_and_hide_lone_ones() {
        let tie = |a, b| Tie::new(a, b, TieKind::Owns, Confidence::Reported);
        let mut net = ties_network(&["a", "b", "c"], vec![tie("a", "b"), tie("c", "b")]);
        net.nodes
            .insert(1, Node::new("lone", NodeKind::Person, "lone"));
        let (graph, _) = Graph::new(&net);
        let slots = Slots::of_tied(&graph);
        assert_eq!(slots.nodes(), &[0, 2, 3]);
        assert_eq!(slots.slot_of(1), None);
        assert_eq!(slots.slot_of(999), None);
        for k in 0..slots.len() {
            assert_eq!(slots.slot_of(slots.node_at(k)), Some(k));
        }
    }

    /// A tree bigger than the cap is drawn as a connected part of `cap` nodes holding the
    /// biggest hub, and says how many it leaves out.
    #[test]
    fn a_network_over_the_cap_shows_a_connected_part_with_its_hub() {
        let tie = |a: &str, b: &str| Tie::new(a, b, TieKind::Owns, Confidence::Reported);
        let ids: Vec<String> = (0..200).map(|i| format!("n{i}")).collect();
        let idr: Vec<&str> = ids.iter().map(String::as_str).collect();
        // n7 is the hub (owns 20), the rest a path.
        let mut ties: Vec<Tie> = (0..199)
            .filter(|&i| !(8..28).contains(&(i + 1)))
            .map(|i| tie(&ids[i], &ids[i + 1]))
            .collect();
        ties.extend((8..28).map(|i| tie(&ids[7], &ids[i])));
        let (graph, _) = Graph::new(&ties_network(&idr, ties));
        let slots = Slots::of_tied_up_to(&graph, 30);
        assert_eq!(slots.len(), 30);
        assert_eq!(slots.left_out(), 170);
        assert!(slots.slot_of(7).is_some(), "the hub is shown");
        let (s, t) = slots.tie_ends(&graph);
        assert_eq!(
            s.len(),
            29,
            "a connected part of a tree: one tie fewer than nodes"
        );
        assert!(s.iter().chain(&t).all(|&k| (k as usize) < slots.len()));
        assert_eq!(
            Slots::of_tied(&graph).left_out(),
            0,
            "200 nodes are drawn whole"
        );
    }
}
