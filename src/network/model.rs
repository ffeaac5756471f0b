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

/// Whether an interest is held directly or through other entities (BODS
/// `directOrIndirect`, 0.2 `interestLevel`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Directness {
    Direct,
    Indirect,
    Unknown,
}

impl Directness {
    /// `direct`, `indirect`, `unknown` (any case); `None` for anything else.
    pub fn parse(text: &str) -> Option<Directness> {
        match text.trim().to_ascii_lowercase().as_str() {
            "direct" => Some(Directness::Direct),
            "indirect" => Some(Directness::Indirect),
            "unknown" => Some(Directness::Unknown),
            _ => None,
        }
    }
}

/// The kind of an interest, from the BODS `interestType` codelists of 0.2 (hyphenated),
/// 0.3 and 0.4 (camelCase). Unlisted codes are [`InterestKind::Other`], kept with their
/// code in [`Interest::code`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterestKind {
    Shareholding,
    VotingRights,
    AppointmentOfBoard,
    OtherInfluenceOrControl,
    SeniorManagingOfficial,
    Settlor,
    Trustee,
    Protector,
    BeneficiaryOfLegalArrangement,
    /// 0.2 only: `other-influence-or-control-of-trust`.
    OtherInfluenceOrControlOfTrust,
    RightsToSurplusAssetsOnDissolution,
    RightsToProfitOrIncome,
    RightsGrantedByContract,
    ConditionalRightsGrantedByContract,
    ControlViaCompanyRulesOrArticles,
    ControlByLegalFramework,
    BoardMember,
    BoardChair,
    UnknownInterest,
    UnpublishedInterest,
    EnjoymentAndUseOfAssets,
    RightToProfitOrIncomeFromAssets,
    Nominee,
    Nominator,
    /// A code no published codelist has.
    Other,
}

impl InterestKind {
    /// Read a code of any BODS version: `voting-rights`, `votingRights`, `settlor-of-trust`
    /// and `settlor` alike.
    ///
    /// ```
    /// use farmmap::network::model::InterestKind;
    /// assert_eq!(InterestKind::parse("voting-rights"), InterestKind::VotingRights);
    /// assert_eq!(InterestKind::parse("votingRights"), InterestKind::VotingRights);
    /// assert_eq!(InterestKind::parse("trustee-of-trust"), InterestKind::Trustee);
    /// assert_eq!(InterestKind::parse("owns-a-boat"), InterestKind::Other);
    /// assert_eq!(InterestKind::VotingRights.words(), "voting rights");
    /// ```
    pub fn parse(code: &str) -> InterestKind {
        use InterestKind::*;
        let key: String = code
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match key.as_str() {
            "shareholding" => Shareholding,
            "votingrights" => VotingRights,
            "appointmentofboard" => AppointmentOfBoard,
            "otherinfluenceorcontrol" => OtherInfluenceOrControl,
            "seniormanagingofficial" => SeniorManagingOfficial,
            "settloroftrust" | "settlor" => Settlor,
            "trusteeoftrust" | "trustee" => Trustee,
            "protectoroftrust" | "protector" => Protector,
            "beneficiaryoftrust" | "beneficiaryoflegalarrangement" => BeneficiaryOfLegalArrangement,
            "otherinfluenceorcontroloftrust" => OtherInfluenceOrControlOfTrust,
            "rightstosurplusassetsondissolution" => RightsToSurplusAssetsOnDissolution,
            "rightstoprofitorincome" => RightsToProfitOrIncome,
            "rightsgrantedbycontract" => RightsGrantedByContract,
            "conditionalrightsgrantedbycontract" => ConditionalRightsGrantedByContract,
            "controlviacompanyrulesorarticles" => ControlViaCompanyRulesOrArticles,
            "controlbylegalframework" => ControlByLegalFramework,
            "boardmember" => BoardMember,
            "boardchair" => BoardChair,
            "unknowninterest" => UnknownInterest,
            "unpublishedinterest" => UnpublishedInterest,
            "enjoymentanduseofassets" => EnjoymentAndUseOfAssets,
            "righttoprofitorincomefromassets" => RightToProfitOrIncomeFromAssets,
            "nominee" => Nominee,
            "nominator" => Nominator,
            _ => Other,
        }
    }

    /// The interest in plain words, as the codelist titles say it.
    pub fn words(self) -> &'static str {
        use InterestKind::*;
        match self {
            Shareholding => "shareholding",
            VotingRights => "voting rights",
            AppointmentOfBoard => "right to appoint the board",
            OtherInfluenceOrControl => "other influence or control",
            SeniorManagingOfficial => "senior managing official",
            Settlor => "settlor",
            Trustee => "trustee",
            Protector => "protector",
            BeneficiaryOfLegalArrangement => "beneficiary",
            OtherInfluenceOrControlOfTrust => "other influence or control of a trust",
            RightsToSurplusAssetsOnDissolution => "rights to surplus assets on dissolution",
            RightsToProfitOrIncome => "rights to profit or income",
            RightsGrantedByContract => "rights granted by contract",
            ConditionalRightsGrantedByContract => "conditional rights granted by contract",
            ControlViaCompanyRulesOrArticles => "control via company rules or articles",
            ControlByLegalFramework => "control by legal framework",
            BoardMember => "board member",
            BoardChair => "board chair",
            UnknownInterest => "unknown interest",
            UnpublishedInterest => "unpublished interest",
            EnjoymentAndUseOfAssets => "enjoyment and use of assets",
            RightToProfitOrIncomeFromAssets => "right to profit or income from assets",
            Nominee => "nominee",
            Nominator => "nominator",
            Other => "interest",
        }
    }

    /// The tie kind an interest of this kind makes: shares and votes own, board seats,
    /// senior management and the running of a trust direct, the rest is an unknown link
    /// (with the interest's words).
    pub fn tie_kind(self) -> TieKind {
        use InterestKind::*;
        match self {
            Shareholding | VotingRights => TieKind::Owns,
            AppointmentOfBoard
            | SeniorManagingOfficial
            | BoardMember
            | BoardChair
            | Trustee
            | Protector => TieKind::Directs,
            _ => TieKind::Unknown,
        }
    }

    /// Which interest a sentence names first when a tie carries several.
    pub fn rank(self) -> u8 {
        use InterestKind::*;
        match self {
            Shareholding => 0,
            VotingRights => 1,
            BoardChair => 2,
            BoardMember => 3,
            SeniorManagingOfficial => 4,
            AppointmentOfBoard => 5,
            Trustee | Settlor | Protector | BeneficiaryOfLegalArrangement => 6,
            Nominee | Nominator => 7,
            Other | UnknownInterest | UnpublishedInterest => 9,
            _ => 8,
        }
    }
}

/// A share as published: an exact figure, or a range whose bounds may be exclusive
/// (BODS `exact`, `minimum`/`maximum`, `exclusiveMinimum`/`exclusiveMaximum`), in percent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ShareRange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exact: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// The lower bound is exclusive (more than `min`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub exclusive_min: bool,
    /// The upper bound is exclusive (less than `max`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub exclusive_max: bool,
}

impl ShareRange {
    /// As the `{min, max}` a tie draws (open ends become 0 and 100).
    pub fn bounds(&self) -> Share {
        match self.exact {
            Some(e) => Share { min: e, max: e },
            None => Share {
                min: self.min.unwrap_or(0.0),
                max: self.max.unwrap_or(100.0),
            },
        }
    }
}

/// One interest of a tie, as the source states it (BODS `interests[]`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interest {
    pub kind: InterestKind,
    /// The code as the file gives it (`voting-rights`, `votingRights`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<ShareRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct: Option<Directness>,
    /// BODS `beneficialOwnershipOrControl`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beneficial: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Free-text details the source gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

impl Interest {
    pub fn new(kind: InterestKind) -> Interest {
        Interest {
            kind,
            code: String::new(),
            share: None,
            direct: None,
            beneficial: None,
            start: None,
            end: None,
            details: None,
        }
    }
}

/// A sum of money (FtM `amount` + `currency`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Money {
    pub value: f64,
    /// ISO 4217 code as given (`EUR`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

/// What a tie is, where its [`TieKind`] alone cannot say it: the edge schemata that have no
/// kind of their own. The kind stays [`TieKind::Unknown`] for these, so older readers still
/// draw them; all three are directed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieNature {
    /// source paid target (FtM Payment): a money flow, with [`Tie::amount`] and [`Tie::date`].
    Payment,
    /// source represents target (FtM Representation: agent → client).
    Representation,
    /// source was succeeded by target (FtM Succession: predecessor → successor).
    Succession,
}

fn is_false(b: &bool) -> bool {
    !*b
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
    /// The tie no longer holds: a closed or replaced record, or an interest that ended
    /// (`end` says when, if known). Draw and word it as former.
    #[serde(default, skip_serializing_if = "is_false")]
    pub former: bool,
    /// Held directly or through others, when every interest says the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct: Option<Directness>,
    /// Every interest the source states (BODS), each with its own share range and dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interests: Vec<Interest>,
    /// For ties whose kind alone cannot say what they are (payments, representation,
    /// succession).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nature: Option<TieNature>,
    /// A money flow's sum (payments).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// The day of a one-off event such as a payment (ISO, as given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
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
            former: false,
            direct: None,
            interests: Vec::new(),
            nature: None,
            amount: None,
            date: None,
        }
    }

    /// Whether the tie reads one way only: its kind is directed, or it is a payment,
    /// a representation or a succession (drawn with an arrow).
    ///
    /// ```
    /// use farmmap::network::model::{Confidence, Tie, TieKind, TieNature};
    /// let mut pay = Tie::new("a", "b", TieKind::Unknown, Confidence::Reported);
    /// assert!(!pay.is_directed());
    /// pay.nature = Some(TieNature::Payment);
    /// assert!(pay.is_directed() && pay.is_money_flow());
    /// ```
    pub fn is_directed(&self) -> bool {
        self.nature.is_some() || !self.kind.is_symmetric()
    }

    /// A payment (source paid target).
    pub fn is_money_flow(&self) -> bool {
        self.nature == Some(TieNature::Payment)
    }

    /// The interest a sentence names first (shares before votes before board seats…).
    pub fn main_interest(&self) -> Option<&Interest> {
        self.interests.iter().min_by_key(|i| i.kind.rank())
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
