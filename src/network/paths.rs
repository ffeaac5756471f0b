//! Which ties connect two nodes, and what to highlight around a farm or an owner.

use super::graph::Graph;
use super::model::{Confidence, Network, NodeKind, TieKind};
use std::collections::VecDeque;

/// One tie walked along a path: `network.ties[tie]`, entered at `from`, left at `to`
/// (node indices). Direction of walking, not of the tie: see the tie's source/target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub tie: usize,
    pub from: u32,
    pub to: u32,
}

/// The fewest ties between `from` and `to`, walking ties either way. Among paths of that
/// length the one with the fewest alleged ties wins, so a story cites reported facts when
/// it can. `Some(vec![])` when from == to; `None` when unconnected or out of range.
///
/// # Examples
/// ```
/// use farmmap::model::Farm;
/// use farmmap::network::graph::Graph;
/// use farmmap::network::model::{Confidence, Network, Node, NodeKind, Tie, TieKind};
/// use farmmap::network::{paths::shortest_path, sentence::describe};
///
/// let mut net = Network::with_farms(&[Farm::at("F1", 75.3, 51.7)]);
/// net.nodes.push(Node::new("C1", NodeKind::Company, "Alpha LLP"));
/// net.nodes.push(Node::new("P1", NodeKind::Person, "Ivan Petrov"));
/// net.ties.push(Tie::new("C1", "F1", TieKind::Owns, Confidence::Reported));
/// net.ties.push(Tie::new("P1", "C1", TieKind::Directs, Confidence::Alleged));
/// let (graph, _) = Graph::new(&net);
/// let (person, farm) = (graph.index["P1"], graph.index["F1"]);
///
/// let path = shortest_path(&graph, &net, person, farm).unwrap();
/// assert_eq!(path.iter().map(|s| s.tie).collect::<Vec<_>>(), vec![1, 0]);
/// assert_eq!((path[0].from, path[1].to), (person, farm));
/// assert!(describe(&net, &path).unwrap().contains("Alpha LLP"));
/// assert_eq!(shortest_path(&graph, &net, farm, farm), Some(vec![]));
/// ```
pub fn shortest_path(graph: &Graph, network: &Network, from: u32, to: u32) -> Option<Vec<Step>> {
    let n = graph.node_count();
    if from as usize >= n || to as usize >= n {
        return None;
    }
    const UNSEEN: u32 = u32::MAX;
    let mut hops = vec![UNSEEN; n];
    let mut alleged = vec![0u32; n];
    let mut via: Vec<Option<u32>> = vec![None; n]; // graph tie index
    let mut queue = VecDeque::new();
    hops[from as usize] = 0;
    queue.push_back(from);
    while let Some(v) = queue.pop_front() {
        if v == to {
            break;
        }
        for (k, w) in graph.neighbours(v) {
            let tie = &network.ties[graph.tie[k as usize] as usize];
            let cost = alleged[v as usize] + u32::from(tie.confidence == Confidence::Alleged);
            let w_ = w as usize;
            if hops[w_] == UNSEEN {
                hops[w_] = hops[v as usize] + 1;
                alleged[w_] = cost;
                via[w_] = Some(k);
                queue.push_back(w);
            } else if hops[w_] == hops[v as usize] + 1 && cost < alleged[w_] {
                // Same length, fewer allegations; w is not expanded yet (FIFO order), so
                // its own successors will see the better count.
                alleged[w_] = cost;
                via[w_] = Some(k);
            }
        }
    }
    if hops[to as usize] == UNSEEN {
        return None;
    }
    let mut steps = Vec::new();
    let mut at = to;
    while let Some(k) = via[at as usize] {
        if at == from {
            break;
        }
        let (s, t) = (graph.tie_source[k as usize], graph.tie_target[k as usize]);
        let prev = if s == at { t } else { s };
        steps.push(Step {
            tie: graph.tie[k as usize] as usize,
            from: prev,
            to: at,
        });
        at = prev;
    }
    steps.reverse();
    Some(steps)
}

/// Nodes and ties to highlight (indices into `network.nodes` / `network.ties`), and the
/// farms among the nodes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reach {
    pub nodes: Vec<u32>,
    pub ties: Vec<usize>,
    pub farms: Vec<u32>,
}

/// May control walk from the controlled end `v` to the controlling end? Owners, operators
/// and directors are above what they hold; family and associates are beside each other,
/// so they are followed both ways. Membership, employment and unknown links are too weak
/// to call control and are not followed.
fn upward(kind: TieKind, v_is_source: bool) -> bool {
    match kind {
        TieKind::Owns | TieKind::Operates | TieKind::Directs => !v_is_source,
        TieKind::Family | TieKind::Associate => true,
        TieKind::Member | TieKind::Employee | TieKind::Unknown => false,
    }
}

fn walk(
    graph: &Graph,
    network: &Network,
    start: u32,
    follow: impl Fn(TieKind, bool) -> bool,
) -> (Vec<bool>, Vec<usize>) {
    let n = graph.node_count();
    let mut seen = vec![false; n];
    let mut tie_seen = vec![false; network.ties.len()];
    let mut ties = Vec::new();
    if start as usize >= n {
        return (seen, ties);
    }
    seen[start as usize] = true;
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for (k, w) in graph.neighbours(v) {
            let tie = graph.tie[k as usize] as usize;
            let v_is_source = graph.tie_source[k as usize] == v;
            if follow(network.ties[tie].kind, v_is_source) {
                if !tie_seen[tie] {
                    tie_seen[tie] = true;
                    ties.push(tie);
                }
                if !seen[w as usize] {
                    seen[w as usize] = true;
                    queue.push_back(w);
                }
            }
        }
    }
    (seen, ties)
}

fn reach_from(network: &Network, seen: &[bool], mut ties: Vec<usize>) -> Reach {
    let nodes: Vec<u32> = (0..seen.len() as u32)
        .filter(|&i| seen[i as usize])
        .collect();
    let farms = nodes
        .iter()
        .copied()
        .filter(|&i| network.nodes[i as usize].kind == NodeKind::Farm)
        .collect();
    crate::sort::sort(&mut ties);
    Reach { nodes, ties, farms }
}

/// Everyone above a farm: its owners and operators, their owners and directors, and those
/// people's relatives and associates, transitively.
///
/// # Examples
/// ```
/// use farmmap::model::Farm;
/// use farmmap::network::graph::Graph;
/// use farmmap::network::model::{Confidence, Network, Node, NodeKind, Tie, TieKind};
/// use farmmap::network::paths::{controlled_farms, controllers};
///
/// let mut net = Network::with_farms(&[Farm::at("F1", 75.3, 51.7), Farm::at("F2", 76.9, 43.2)]);
/// net.nodes.push(Node::new("C1", NodeKind::Company, "Alpha LLP"));
/// net.nodes.push(Node::new("P1", NodeKind::Person, "Ivan Petrov"));
/// net.nodes.push(Node::new("E1", NodeKind::Person, "An employee"));
/// net.ties.push(Tie::new("C1", "F1", TieKind::Owns, Confidence::Reported));
/// net.ties.push(Tie::new("P1", "C1", TieKind::Directs, Confidence::Alleged));
/// net.ties.push(Tie::new("E1", "C1", TieKind::Employee, Confidence::Reported));
/// let (graph, _) = Graph::new(&net);
///
/// // Above F1: the owner and its director; an employee controls nothing.
/// let up = controllers(&graph, &net, graph.index["F1"]);
/// assert_eq!(up.nodes, vec![0, 2, 3]);
/// assert_eq!(up.ties, vec![0, 1]);
/// // Below P1: the farm the director may control, and not F2.
/// let down = controlled_farms(&graph, &net, graph.index["P1"]);
/// assert_eq!(down.farms, vec![0]);
/// assert!(controlled_farms(&graph, &net, graph.index["E1"]).farms.is_empty());
/// ```
pub fn controllers(graph: &Graph, network: &Network, farm: u32) -> Reach {
    let (seen, ties) = walk(graph, network, farm, upward);
    reach_from(network, &seen, ties)
}

/// The farms a person or company may control, and the ties and nodes on the way there
/// (only those leading to a farm, so the highlight is not the whole network).
pub fn controlled_farms(graph: &Graph, network: &Network, owner: u32) -> Reach {
    if owner as usize >= graph.node_count() {
        return Reach::default();
    }
    let down = |kind, v_is_source: bool| upward(kind, !v_is_source);
    let (seen, ties) = walk(graph, network, owner, down);
    // Keep what leads to a farm: walk back up from each farm inside the reached part.
    let mut useful = vec![false; seen.len()];
    let mut queue: VecDeque<u32> = (0..seen.len() as u32)
        .filter(|&i| seen[i as usize] && network.nodes[i as usize].kind == NodeKind::Farm)
        .collect();
    for &f in &queue {
        useful[f as usize] = true;
    }
    let mut reached_tie = vec![false; network.ties.len()];
    for &t in &ties {
        reached_tie[t] = true;
    }
    let mut kept_tie = vec![false; network.ties.len()];
    let mut kept = Vec::new();
    while let Some(v) = queue.pop_front() {
        for (k, w) in graph.neighbours(v) {
            let tie = graph.tie[k as usize] as usize;
            let v_is_source = graph.tie_source[k as usize] == v;
            if seen[w as usize] && reached_tie[tie] && upward(network.ties[tie].kind, v_is_source) {
                if !kept_tie[tie] {
                    kept_tie[tie] = true;
                    kept.push(tie);
                }
                if !useful[w as usize] {
                    useful[w as usize] = true;
                    queue.push_back(w);
                }
            }
        }
    }
    if !useful[owner as usize] {
        return Reach::default();
    }
    reach_from(network, &useful, kept)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::network::model::{Node, Tie};

    #[test]
    fn controlled_farms_of_an_unknown_index_is_empty_not_a_panic() {
        // An index past the last node indexed `useful[owner]` out of bounds.
        let net = story();
        let (graph, _) = Graph::new(&net);
        let n = net.nodes.len() as u32;
        assert_eq!(controlled_farms(&graph, &net, n), Reach::default());
        assert_eq!(controlled_farms(&graph, &net, u32::MAX), Reach::default());
        assert_eq!(controllers(&graph, &net, n), Reach::default());
        assert_eq!(shortest_path(&graph, &net, 0, n), None);
    }

    /// Farm X ← owned by Company Y ← chaired by Z — brother of W; W owns Company V which
    /// operates Farm U; Y also owned (alleged) by W directly; P is a mere employee of Y.
    pub(crate) fn story() -> Network {
        let node = |id: &str, kind, name: &str| Node::new(id, kind, name);
        let mut net = Network {
            nodes: vec![
                node("x", NodeKind::Farm, "Farm X"),
                node("y", NodeKind::Company, "Company Y"),
                node("z", NodeKind::Person, "Z"),
                node("w", NodeKind::Person, "W"),
                node("v", NodeKind::Company, "Company V"),
                node("u", NodeKind::Farm, "Farm U"),
                node("p", NodeKind::Person, "P"),
                node("lone", NodeKind::Person, "Nobody"),
            ],
            ties: Vec::new(),
        };
        let tie = |s: &str, t: &str, k, c| Tie::new(s, t, k, c);
        use Confidence::*;
        let mut owns = tie("y", "x", TieKind::Owns, Reported);
        owns.share = Some(crate::network::model::Share {
            min: 51.0,
            max: 51.0,
        });
        net.ties.push(owns);
        let mut chair = tie("z", "y", TieKind::Directs, Reported);
        chair.relationship = Some("chairman".into());
        net.ties.push(chair);
        let mut brother = tie("z", "w", TieKind::Family, Reported);
        brother.relationship = Some("brother".into());
        net.ties.push(brother);
        net.ties.push(tie("w", "v", TieKind::Owns, Reported));
        net.ties.push(tie("v", "u", TieKind::Operates, Alleged));
        net.ties.push(tie("w", "y", TieKind::Owns, Alleged));
        net.ties.push(tie("p", "y", TieKind::Employee, Reported));
        net
    }

    fn ids(net: &Network, nodes: &[u32]) -> Vec<String> {
        nodes
            .iter()
            .map(|&i| net.nodes[i as usize].id.clone())
            .collect()
    }

    #[test]
    fn shortest_path_prefers_reported_ties_at_equal_length() {
        let net = story();
        let (g, _) = Graph::new(&net);
        // x→y→w (via the alleged ownership) is 2 ties; x→y→z→w is 3: shortest wins.
        let p = shortest_path(&g, &net, 0, 3).unwrap();
        assert_eq!(p.iter().map(|s| s.tie).collect::<Vec<_>>(), vec![0, 5]);
        // Remove the alleged shortcut's advantage: add a reported y—w tie after it.
        let mut net2 = net.clone();
        net2.ties
            .push(Tie::new("w", "y", TieKind::Associate, Confidence::Reported));
        let (g2, _) = Graph::new(&net2);
        let p = shortest_path(&g2, &net2, 0, 3).unwrap();
        assert_eq!(p.iter().map(|s| s.tie).collect::<Vec<_>>(), vec![0, 7]);
        assert_eq!((p[1].from, p[1].to), (1, 3));
        assert_eq!(shortest_path(&g, &net, 0, 7), None);
        assert_eq!(shortest_path(&g, &net, 2, 2), Some(vec![]));
        assert_eq!(shortest_path(&g, &net, 0, 99), None);
    }

    #[test]
    fn controllers_of_a_farm_follow_ownership_direction_and_family_but_not_employment() {
        let net = story();
        let (g, _) = Graph::new(&net);
        let up = controllers(&g, &net, 0);
        assert_eq!(ids(&net, &up.nodes), vec!["x", "y", "z", "w"]);
        assert_eq!(up.ties, vec![0, 1, 2, 5]);
        assert_eq!(up.farms, vec![0]);
    }

    #[test]
    fn farms_controlled_by_a_person_include_relatives_holdings_and_only_paths_to_farms() {
        let net = story();
        let (g, _) = Graph::new(&net);
        let down = controlled_farms(&g, &net, 2); // Z
        assert_eq!(ids(&net, &down.farms), vec!["x", "u"]);
        assert_eq!(ids(&net, &down.nodes), vec!["x", "y", "z", "w", "v", "u"]);
        assert_eq!(down.ties, vec![0, 1, 2, 3, 4, 5]);
        // P is only an employee: controls nothing.
        assert_eq!(controlled_farms(&g, &net, 6), Reach::default());
    }
}
