//! Nodes and typed ties of the ownership network, as the story file stores them.
//!
//! Ties refer to nodes by id (not index) so a saved story stays valid when nodes are added
//! or reordered; [`super::graph::Graph`] turns ids into indices for the algorithms.

use crate::model::Farm;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Farm,
    Company,
    Person,
    PublicBody,
    /// Any other organisation (party, association, foundation…).
    Organisation,
}

impl NodeKind {
    /// Words an editor may type in a `kind` column.
    pub fn parse(text: &str) -> Option<NodeKind> {
        let t = text.trim().to_lowercase().replace(['-', '_'], " ");
        Some(match t.as_str() {
            "farm" | "site" | "mine" | "mining farm" | "real estate" | "realestate" => {
                NodeKind::Farm
            }
            "company" | "firm" | "business" | "legal entity" | "legalentity" | "llp" | "llc" => {
                NodeKind::Company
            }
            "person" | "individual" | "people" | "natural person" => NodeKind::Person,
            "public body" | "publicbody" | "state body" | "government" | "agency" | "ministry" => {
                NodeKind::PublicBody
            }
            "organisation" | "organization" | "other" | "ngo" | "association" | "party" => {
                NodeKind::Organisation
            }
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            NodeKind::Farm => "farm",
            NodeKind::Company => "company",
            NodeKind::Person => "person",
            NodeKind::PublicBody => "public body",
            NodeKind::Organisation => "organisation",
        }
    }
}

/// What a tie says. Direction matters for all but family, associate and unknown links.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieKind {
    /// source owns (a share of) target.
    Owns,
    /// source is a director / officer of target (role says which).
    Directs,
    /// source and target are relatives (relationship says how, from source's side:
    /// "brother" = source is target's brother).
    Family,
    Associate,
    /// source runs target (a farm) without necessarily owning it.
    Operates,
    /// source is a member of target.
    Member,
    /// source is employed by target.
    Employee,
    /// A documented link of unstated nature.
    Unknown,
}

impl TieKind {
    /// The words editors and the formats use for a tie, case-insensitively.
    ///
    /// ```
    /// use farmmap::network::model::TieKind;
    /// assert_eq!(TieKind::parse("Owner"), Some(TieKind::Owns));
    /// assert_eq!(TieKind::parse("cousin-in-law"), None);
    /// assert!(TieKind::Family.is_symmetric() && !TieKind::Owns.is_symmetric());
    /// ```
    pub fn parse(text: &str) -> Option<TieKind> {
        let t = text.trim().to_lowercase().replace(['-', '_'], " ");
        Some(match t.as_str() {
            "owns" | "owner" | "ownership" | "shareholder" | "shareholding" | "owned by" => {
                TieKind::Owns
            }
            "directs" | "director" | "directorship" | "officer" | "board member" | "ceo"
            | "chairman" | "manager" => TieKind::Directs,
            "family" | "relative" | "kin" => TieKind::Family,
            "associate" | "associates" | "partner" => TieKind::Associate,
            "operates" | "operator" | "runs" => TieKind::Operates,
            "member" | "membership" => TieKind::Member,
            "employee" | "employment" | "employed by" | "works for" => TieKind::Employee,
            "unknown" | "link" | "unknown link" | "unknownlink" | "other" => TieKind::Unknown,
            _ => return None,
        })
    }

    /// Ties that read the same both ways.
    pub fn is_symmetric(self) -> bool {
        matches!(
            self,
            TieKind::Family | TieKind::Associate | TieKind::Unknown
        )
    }
}

/// How firmly the sources state a tie. The map must never present an allegation as fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Reported,
    Alleged,
}

impl Confidence {
    /// `None` for a word that is neither; the caller decides and warns.
    pub fn parse(text: &str) -> Option<Confidence> {
        match text.trim().to_lowercase().as_str() {
            "reported" | "confirmed" | "established" | "documented" | "official" => {
                Some(Confidence::Reported)
            }
            "alleged" | "suspected" | "believed" | "reportedly" | "unconfirmed" | "rumoured"
            | "rumored" => Some(Confidence::Alleged),
            _ => None,
        }
    }
}

/// A share of ownership in percent; `min == max` for an exact figure. BODS gives ranges.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Share {
    pub min: f64,
    pub max: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// Where the node is, for sites (farms, real estate) that carry coordinates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lng: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Columns or properties the importer does not interpret, kept for the editor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<(String, String)>,
}

impl Node {
    pub fn new(id: &str, kind: NodeKind, name: &str) -> Node {
        Node {
            id: id.to_string(),
            kind,
            name: name.to_string(),
            description: None,
            source_url: None,
            lng: None,
            lat: None,
            extra: Vec::new(),
        }
    }

    /// The farm as a node, so ties can point at it.
    pub fn from_farm(farm: &Farm) -> Node {
        Node {
            source_url: (!farm.source_url.is_empty()).then(|| farm.source_url.clone()),
            lng: Some(farm.lng),
            lat: Some(farm.lat),
            ..Node::new(
                &farm.id,
                NodeKind::Farm,
                if farm.name.is_empty() {
                    &farm.id
                } else {
                    &farm.name
                },
            )
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tie {
    pub source: String,
    pub target: String,
    pub kind: TieKind,
    pub confidence: Confidence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<Share>,
    /// The role (directs, member, employee) or relationship (family, associate) as the
    /// source words it: "chairman", "brother".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// ISO 8601 dates as given (YYYY, YYYY-MM or YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

impl Tie {
    pub fn new(source: &str, target: &str, kind: TieKind, confidence: Confidence) -> Tie {
        Tie {
            source: source.to_string(),
            target: target.to_string(),
            kind,
            confidence,
            share: None,
            relationship: None,
            source_url: None,
            start: None,
            end: None,
        }
    }
}

/// Everything the network view shows, as saved in the story file.
///
/// # Examples
/// ```
/// use farmmap::model::Farm;
/// use farmmap::network::model::{Confidence, Network, Node, NodeKind, Tie, TieKind};
///
/// // The map's farms come first, so ties can name them.
/// let mut net = Network::with_farms(&[Farm::at("F1", 75.3, 51.7)]);
/// net.nodes.push(Node::new("C1", NodeKind::Company, "Alpha LLP"));
/// net.ties.push(Tie::new("C1", "F1", TieKind::Owns, Confidence::Alleged));
/// assert_eq!(net.nodes[0].kind, NodeKind::Farm);
/// assert!(net.has_node("C1") && !net.has_node("C2"));
///
/// // As saved in a story file, and read back.
/// let json = serde_json::to_string(&net).unwrap();
/// assert!(json.contains(r#""confidence":"alleged""#));
/// assert_eq!(serde_json::from_str::<Network>(&json).unwrap(), net);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub ties: Vec<Tie>,
}

impl Network {
    /// A network whose first nodes are the map's farms, so loaded ties can name them.
    pub fn with_farms(farms: &[Farm]) -> Network {
        Network {
            nodes: farms.iter().map(Node::from_farm).collect(),
            ties: Vec::new(),
        }
    }

    pub fn has_node(&self, id: &str) -> bool {
        self.nodes.iter().any(|n| n.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_map_to_kinds_and_confidence() {
        assert_eq!(NodeKind::parse(" Public_Body"), Some(NodeKind::PublicBody));
        assert_eq!(NodeKind::parse("LegalEntity"), Some(NodeKind::Company));
        assert_eq!(NodeKind::parse("spaceship"), None);
        assert_eq!(TieKind::parse("Owner"), Some(TieKind::Owns));
        assert_eq!(Confidence::parse("Suspected"), Some(Confidence::Alleged));
        assert_eq!(Confidence::parse("confirmed"), Some(Confidence::Reported));
        assert_eq!(Confidence::parse("maybe"), None);
    }

    #[test]
    fn story_round_trips_through_json() {
        let mut net = Network::default();
        net.nodes.push(Node::new("p1", NodeKind::Person, "A"));
        net.nodes.push(Node::new("c1", NodeKind::Company, "B"));
        let mut tie = Tie::new("p1", "c1", TieKind::Owns, Confidence::Alleged);
        tie.share = Some(Share {
            min: 51.0,
            max: 51.0,
        });
        net.ties.push(tie);
        let text = serde_json::to_string(&net).unwrap();
        assert!(text.contains("\"alleged\"") && text.contains("\"owns\""));
        assert_eq!(serde_json::from_str::<Network>(&text).unwrap(), net);
    }
}
