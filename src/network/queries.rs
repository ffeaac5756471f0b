//! Questions asked of a loaded network, as plain functions over [`Network`] and its
//! [`Graph`]: what a node reaches, the farms behind a set of ids, which ties join a set of
//! nodes, each tie of a node as a sentence, an example question, and what is left unshown.
//!
//! Nodes are numbered as in `network.nodes` (the graph uses the same numbering); ties in
//! results are `network.ties` indices. Ids are looked up once in the graph's id map, and
//! per-node flags are `Vec<bool>` indexed by node, never `Vec::contains` over user data.

use super::graph::Graph;
use super::model::{Confidence, Network, NodeKind};
use super::paths::{self, Reach, Step};
use super::sentence;
use crate::i18n::Lang;
use std::cmp::Reverse;

/// Farms and other nodes with no tie: the network pane leaves them out and says how many.
pub fn hidden_counts(network: &Network, graph: &Graph) -> (usize, usize) {
    let (mut farms, mut others) = (0, 0);
    for (i, n) in network.nodes.iter().enumerate() {
        if graph.degree(i as u32) == 0 {
            if n.kind == NodeKind::Farm {
                farms += 1;
            } else {
                others += 1;
            }
        }
    }
    (farms, others)
}

/// What selecting `node` lights: the farms it may control and the chain leading there;
/// when it controls none, the node, its ties and its neighbours, so the reader still sees
/// what it is tied to.
pub fn node_reach(network: &Network, graph: &Graph, node: u32) -> Reach {
    let mut reach = paths::controlled_farms(graph, network, node);
    if reach.nodes.is_empty() {
        reach.nodes.push(node);
        for (k, w) in graph.neighbours(node) {
            reach.nodes.push(w);
            reach.ties.push(graph.tie[k as usize] as usize);
        }
    }
    reach
}

/// The nodes and ties of a path walked from `from` (farms are not listed).
pub fn path_reach(from: u32, steps: &[Step]) -> Reach {
    let mut reach = Reach::default();
    reach.nodes.push(from);
    for s in steps {
        reach.nodes.push(s.to);
        reach.ties.push(s.tie);
    }
    reach
}

/// The ids of `nodes`, in the given order.
pub fn ids_of(network: &Network, nodes: &[u32]) -> Vec<String> {
    nodes
        .iter()
        .map(|&n| network.nodes[n as usize].id.clone())
        .collect()
}

/// The farm ids behind `ids`, sorted and without repeats: farms stay themselves, a person
/// or company stands for the farms it may control, and an id the network does not know
/// passes through (it may be a farm outside the network).
///
/// ```
/// use farmmap::network::graph::Graph;
/// use farmmap::network::model::{Confidence, Network, Node, NodeKind, Tie, TieKind};
/// use farmmap::network::queries::farm_ids_of;
/// let net = Network {
///     nodes: vec![Node::new("p", NodeKind::Person, "P"), Node::new("f", NodeKind::Farm, "F")],
///     ties: vec![Tie::new("p", "f", TieKind::Owns, Confidence::Reported)],
/// };
/// let (graph, _) = Graph::new(&net);
/// let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
/// assert_eq!(farm_ids_of(&net, &graph, &ids(&["p", "elsewhere"])), ids(&["elsewhere", "f"]));
/// ```
pub fn farm_ids_of(network: &Network, graph: &Graph, ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        let Some(&node) = graph.index.get(id) else {
            out.push(id.clone());
            continue;
        };
        if network.nodes[node as usize].kind == NodeKind::Farm {
            out.push(id.clone());
        } else {
            let reach = paths::controlled_farms(graph, network, node);
            out.extend(ids_of(network, &reach.farms));
        }
    }
    crate::sort::sort(&mut out);
    out.dedup();
    out
}

/// The nodes `ids` name (flags per node; unknown ids are skipped) and the ties with both
/// ends among them (flags per `network.ties` entry).
pub fn ties_among(network: &Network, graph: &Graph, ids: &[String]) -> (Vec<bool>, Vec<bool>) {
    let mut nodes = vec![false; network.nodes.len()];
    for id in ids {
        if let Some(&i) = graph.index.get(id) {
            nodes[i as usize] = true;
        }
    }
    let mut ties = vec![false; network.ties.len()];
    for k in 0..graph.tie.len() {
        let (s, t) = (graph.tie_source[k] as usize, graph.tie_target[k] as usize);
        if nodes[s] && nodes[t] {
            ties[graph.tie[k] as usize] = true;
        }
    }
    (nodes, ties)
}

/// A tie told from one of its ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TieSentence {
    /// "X is the brother of Y", with the source's hedge for an alleged tie.
    pub text: String,
    /// The tie's source, when it has one.
    pub source_url: Option<String>,
    pub alleged: bool,
}

/// Each tie of `node` as a sentence from its side, in `lang`; empty for an unknown node.
pub fn tie_sentences(lang: Lang, network: &Network, graph: &Graph, node: u32) -> Vec<TieSentence> {
    if node as usize >= network.nodes.len() {
        return Vec::new();
    }
    graph
        .neighbours(node)
        .filter_map(|(k, w)| {
            let tie = graph.tie[k as usize] as usize;
            let step = Step {
                tie,
                from: node,
                to: w,
            };
            let t = &network.ties[tie];
            sentence::describe_in(lang, network, &[step]).map(|text| TieSentence {
                text,
                source_url: t.source_url.clone(),
                alleged: t.confidence == Confidence::Alleged,
            })
        })
        .collect()
}

/// How many of the first tied farms and people [`example_pair`] tries (it runs a path
/// search per pair, so at most 64 × 64).
pub const EXAMPLE_CANDIDATES: usize = 64;

/// A farm and a person to prefill "How is A connected to B?": the connection with the
/// most hedged ties over at least three steps (where the sentence has the most to say),
/// the shortest such; else any connected farm and person. Ids, or `None` when no farm is
/// connected to a person.
pub fn example_pair(network: &Network, graph: &Graph) -> Option<(String, String)> {
    let of_kind = |k: NodeKind| -> Vec<u32> {
        (0..network.nodes.len() as u32)
            .filter(|&i| graph.degree(i) > 0 && network.nodes[i as usize].kind == k)
            .take(EXAMPLE_CANDIDATES)
            .collect()
    };
    let (farms, people) = (of_kind(NodeKind::Farm), of_kind(NodeKind::Person));
    // (at least three steps, hedged ties, fewer steps), farm, person
    type Score = (bool, usize, Reverse<usize>);
    let mut best: Option<(Score, u32, u32)> = None;
    for &f in &farms {
        for &p in &people {
            let Some(steps) = paths::shortest_path(graph, network, f, p) else {
                continue;
            };
            let alleged = steps
                .iter()
                .filter(|s| network.ties[s.tie].confidence == Confidence::Alleged)
                .count();
            let score = (steps.len() >= 3, alleged, Reverse(steps.len()));
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, f, p));
            }
        }
    }
    best.map(|(_, f, p)| {
        (
            network.nodes[f as usize].id.clone(),
            network.nodes[p as usize].id.clone(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::model::{Node, Tie, TieKind};

    /// p-boss owns c-firm (reported), which operates f-1; p-boss's brother p-kin is only
    /// alleged to be tied; p-staff works at c-firm; f-2 and c-idle have no tie; one tie
    /// names a node that does not exist.
    fn net() -> (Network, Graph) {
        let node = |id: &str, k| Node::new(id, k, id);
        let mut alleged = Tie::new("p-kin", "p-boss", TieKind::Family, Confidence::Alleged);
        alleged.source_url = Some("https://example.org/a".into());
        let network = Network {
            nodes: vec![
                node("f-1", NodeKind::Farm),
                node("f-2", NodeKind::Farm),
                node("c-firm", NodeKind::Company),
                node("p-boss", NodeKind::Person),
                node("p-kin", NodeKind::Person),
                node("c-idle", NodeKind::Company),
                node("p-staff", NodeKind::Person),
            ],
            ties: vec![
                Tie::new("p-boss", "c-firm", TieKind::Owns, Confidence::Reported),
                Tie::new("c-firm", "f-1", TieKind::Operates, Confidence::Reported),
                alleged,
                Tie::new("ghost", "f-1", TieKind::Owns, Confidence::Reported),
                Tie::new("p-staff", "c-firm", TieKind::Employee, Confidence::Reported),
            ],
        };
        let (graph, dropped) = Graph::new(&network);
        assert_eq!(dropped, vec![3]);
        (network, graph)
    }

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn hidden_counts_are_the_nodes_without_a_tie() {
        let (n, g) = net();
        assert_eq!(hidden_counts(&n, &g), (1, 1));
    }

    #[test]
    fn an_owner_reaches_its_farms_and_a_farmless_node_its_neighbours() {
        let (n, g) = net();
        let boss = node_reach(&n, &g, 3);
        assert_eq!(boss.farms, vec![0]);
        assert!(boss.nodes.contains(&2) && boss.ties.contains(&1));
        // An employee controls no farm: it lights itself, its tie and its employer.
        let staff = node_reach(&n, &g, 6);
        assert!(staff.farms.is_empty());
        assert_eq!(staff.nodes, vec![6, 2]);
        assert_eq!(staff.ties, vec![4]);
        // A farm stands for itself.
        assert_eq!(node_reach(&n, &g, 0).farms, vec![0]);
    }

    #[test]
    fn farm_ids_stand_for_owners_and_unknown_ids_pass_through() {
        let (n, g) = net();
        assert_eq!(farm_ids_of(&n, &g, &ids(&["p-boss"])), ids(&["f-1"]));
        assert_eq!(
            farm_ids_of(&n, &g, &ids(&["f-2", "p-kin", "nope", "f-2"])),
            ids(&["f-1", "f-2", "nope"]),
            "family counts as control; sorted, no repeats"
        );
        assert!(farm_ids_of(&n, &g, &ids(&["c-idle"])).is_empty());
    }

    #[test]
    fn ties_among_lights_only_ties_with_both_ends_named() {
        let (n, g) = net();
        let (nodes, ties) = ties_among(&n, &g, &ids(&["p-boss", "c-firm", "f-1", "ghost"]));
        assert_eq!(nodes, vec![true, false, true, true, false, false, false]);
        assert_eq!(
            ties,
            vec![true, true, false, false, false],
            "the dangling tie is never lit"
        );
    }

    #[test]
    fn each_tie_of_a_node_is_a_sentence_with_its_source_and_hedge() {
        let (n, g) = net();
        let t = tie_sentences(Lang::En, &n, &g, 3);
        assert_eq!(t.len(), 2);
        let kin = t.iter().find(|s| s.alleged).expect("the alleged tie");
        assert_eq!(kin.source_url.as_deref(), Some("https://example.org/a"));
        assert!(kin.text.contains("p-kin"), "{}", kin.text);
        assert!(tie_sentences(Lang::En, &n, &g, 99).is_empty());
    }

    #[test]
    fn the_example_prefers_long_hedged_paths() {
        let (n, g) = net();
        // f-1 → c-firm → p-boss (2 steps, reported) vs f-1 → … → p-kin (3 steps, hedged).
        assert_eq!(example_pair(&n, &g), Some(("f-1".into(), "p-kin".into())));
        let none = Network {
            nodes: vec![Node::new("f", NodeKind::Farm, "f")],
            ties: vec![],
        };
        assert_eq!(example_pair(&none, &Graph::new(&none).0), None);
    }

    #[test]
    fn a_path_reach_lists_its_nodes_and_ties_in_order() {
        let steps = [
            Step {
                tie: 4,
                from: 1,
                to: 2,
            },
            Step {
                tie: 7,
                from: 2,
                to: 5,
            },
        ];
        let r = path_reach(1, &steps);
        assert_eq!((r.nodes, r.ties), (vec![1, 2, 5], vec![4, 7]));
    }
}
