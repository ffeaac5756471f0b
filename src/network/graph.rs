//! The network as flat arrays: what layout and path search need, indexed by position.

use super::model::Network;
use std::collections::HashMap;

/// Node i is `network.nodes[i]`; tie k joins `tie_source[k]` → `tie_target[k]`.
/// Adjacency is compressed (CSR): the ties touching node i, in either direction, are
/// `adjacent_tie[adjacent_start[i]..adjacent_start[i + 1]]`.
///
/// # Examples
/// ```
/// use farmmap::network::graph::Graph;
/// use farmmap::network::model::{Confidence, Network, Node, NodeKind, Tie, TieKind};
///
/// let mut net = Network::default();
/// for id in ["a", "b", "c"] {
///     net.nodes.push(Node::new(id, NodeKind::Person, id));
/// }
/// net.ties.push(Tie::new("a", "b", TieKind::Family, Confidence::Reported));
/// net.ties.push(Tie::new("b", "ghost", TieKind::Family, Confidence::Reported));
/// net.ties.push(Tie::new("c", "b", TieKind::Associate, Confidence::Alleged));
/// let (graph, dropped) = Graph::new(&net);
/// assert_eq!(dropped, vec![1]); // "ghost" is no node
/// assert_eq!(graph.tie, vec![0, 2]); // graph tie k is net.ties[graph.tie[k]]
/// let b = graph.index["b"];
/// assert_eq!(graph.degree(b), 2);
/// let others: Vec<u32> = graph.neighbours(b).map(|(_, other)| other).collect();
/// assert_eq!(others, vec![0, 2]);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Graph {
    pub index: HashMap<String, u32>,
    pub tie_source: Vec<u32>,
    pub tie_target: Vec<u32>,
    /// Which `network.ties` entry graph tie k is (they differ once a dangling tie is left
    /// out).
    pub tie: Vec<u32>,
    pub adjacent_start: Vec<u32>,
    pub adjacent_tie: Vec<u32>,
}

impl Graph {
    /// Ties naming an unknown node are left out and their positions returned; the loaders
    /// have already reported them, so this only guards hand-edited story files.
    pub fn new(network: &Network) -> (Graph, Vec<usize>) {
        let mut index = HashMap::with_capacity(network.nodes.len());
        for (i, n) in network.nodes.iter().enumerate() {
            index.entry(n.id.clone()).or_insert(i as u32);
        }
        let n = network.nodes.len();
        let mut g = Graph {
            index,
            ..Graph::default()
        };
        let mut dropped = Vec::new();
        for (k, tie) in network.ties.iter().enumerate() {
            match (g.index.get(&tie.source), g.index.get(&tie.target)) {
                (Some(&s), Some(&t)) => {
                    g.tie_source.push(s);
                    g.tie_target.push(t);
                    g.tie.push(k as u32);
                }
                _ => dropped.push(k),
            }
        }
        let mut degree = vec![0u32; n + 1];
        for k in 0..g.tie_source.len() {
            degree[g.tie_source[k] as usize + 1] += 1;
            if g.tie_source[k] != g.tie_target[k] {
                degree[g.tie_target[k] as usize + 1] += 1;
            }
        }
        for i in 0..n {
            degree[i + 1] += degree[i];
        }
        let mut fill = degree[..n].to_vec();
        g.adjacent_tie = vec![0; degree[n] as usize];
        for k in 0..g.tie_source.len() {
            let (s, t) = (g.tie_source[k] as usize, g.tie_target[k] as usize);
            g.adjacent_tie[fill[s] as usize] = k as u32;
            fill[s] += 1;
            if s != t {
                g.adjacent_tie[fill[t] as usize] = k as u32;
                fill[t] += 1;
            }
        }
        g.adjacent_start = degree;
        (g, dropped)
    }

    pub fn node_count(&self) -> usize {
        self.adjacent_start.len().saturating_sub(1)
    }

    pub fn degree(&self, node: u32) -> u32 {
        self.adjacent_start[node as usize + 1] - self.adjacent_start[node as usize]
    }

    /// The ties touching `node`, and the node at the other end of each.
    pub fn neighbours(&self, node: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let range = self.adjacent_start[node as usize] as usize
            ..self.adjacent_start[node as usize + 1] as usize;
        self.adjacent_tie[range].iter().map(move |&k| {
            let (s, t) = (self.tie_source[k as usize], self.tie_target[k as usize]);
            (k, if s == node { t } else { s })
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::network::model::{Confidence, Node, NodeKind, Tie, TieKind};

    /// A network of people tied by `ties` (also used by the network view's tests).
    pub(crate) fn ties_network(ids: &[&str], ties: Vec<Tie>) -> Network {
        Network {
            nodes: ids
                .iter()
                .map(|id| Node::new(id, NodeKind::Person, id))
                .collect(),
            ties,
        }
    }

    #[test]
    fn adjacency_lists_each_tie_at_both_ends_and_drops_dangling_ties() {
        let t = |a: &str, b: &str| Tie::new(a, b, TieKind::Owns, Confidence::Reported);
        let net = ties_network(
            &["a", "b", "c"],
            vec![t("a", "b"), t("b", "c"), t("c", "zz")],
        );
        let (g, dropped) = Graph::new(&net);
        assert_eq!(dropped, vec![2]);
        assert_eq!(
            (g.tie_source.clone(), g.tie_target.clone()),
            (vec![0, 1], vec![1, 2])
        );
        assert_eq!((g.degree(0), g.degree(1), g.degree(2)), (1, 2, 1));
        let around_b: Vec<_> = g.neighbours(1).collect();
        assert_eq!(around_b, vec![(0, 0), (1, 2)]);
    }
}
