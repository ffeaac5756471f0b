//! A story's published data: the farms and the ownership network as they were loaded and
//! checked from the story's source files, written compactly under the story file's
//! `published` key, so the reader's build (no importer, no gazetteer: see Cargo.toml's
//! features) shows the story without reading a spreadsheet.
//!
//! ```json
//! "published": {
//!  "format": 1,
//!  "sources": ["farms.csv", "entities.csv", "links.csv"],
//!  "precision_default": "region",
//!  "farms": {"id": ["F1", …], "name": […], "lng": […], "lat": […], "status": […],
//!            "capacity_mw": [12.5, null, …], "precision": […], "owner": […],
//!            "source_url": […], "extra": [[["note", "…"]], …],
//!            "date": ["2022-03", null, …], "illustrative": [true, false, …]},
//!  "network": {"nodes": [{"id", "kind", "name", …}], "ties": [{"source", "target", "kind",
//!              "confidence", "source_url", …}]}
//! }
//! ```
//!
//! The farms are columns (one array per field, farms in load order): the field names are
//! written once, not once per farm. Every field is kept — the extra columns, each tie's
//! source and confidence (its hedge), shares, interests — so the reader sees what the
//! editor saw. `farmmap publish` and the editor's download write it ([`publish`], feature
//! `importers`); a full build prefers the source files when a story has them (so an editor
//! always previews what it edits) and reads this otherwise; the reader's build reads only
//! this.

use super::Loaded;
use crate::import::Report;
use crate::json::{Map, Value};
use crate::model::{Farm, FarmDate, Precision, Status};
use crate::network::model::{
    Confidence, Directness, Interest, InterestKind, Money, Network, Node, NodeKind, Share,
    ShareRange, Tie, TieKind, TieNature,
};
use serde::{Deserialize, Serialize};

/// The version [`Published::format`] has; a file with another is refused with a sentence.
pub const FORMAT: u32 = 1;

/// The published data of a story (see the module docs).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Published {
    /// [`FORMAT`].
    pub format: u32,
    /// The names of the source files it was published from, in the story's order.
    #[serde(default)]
    pub sources: Vec<String>,
    /// The precision given to farms whose row stated none, when any did (the legend says it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision_default: Option<Precision>,
    pub farms: FarmColumns,
    /// How many of the first farms the network has as its first nodes (each made with
    /// [`Node::from_farm`], in order); those nodes are not written again.
    #[serde(default)]
    pub farm_nodes: usize,
    /// The network, less its first `farm_nodes` nodes.
    pub network: Network,
}

/// The farms, one array per field (all of the same length).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FarmColumns {
    pub id: Vec<String>,
    pub name: Vec<String>,
    pub lng: Vec<f64>,
    pub lat: Vec<f64>,
    pub status: Vec<Status>,
    pub capacity_mw: Vec<Option<f64>>,
    pub precision: Vec<Precision>,
    pub owner: Vec<String>,
    pub source_url: Vec<String>,
    pub extra: Vec<Vec<(String, String)>>,
    /// Each farm's date (`YYYY-MM` or `YYYY-MM-DD`, or null); absent when no farm has one
    /// (and in data published before dates were a field).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub date: Vec<Option<FarmDate>>,
    /// Whether each farm is placed for illustration; absent when none is (and in data
    /// published before it was a field, which says it in `extra`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub illustrative: Vec<bool>,
}

impl FarmColumns {
    /// The farms as columns.
    pub fn from_farms(farms: &[Farm]) -> FarmColumns {
        let col = |f: fn(&Farm) -> String| farms.iter().map(f).collect();
        FarmColumns {
            id: col(|f| f.id.clone()),
            name: col(|f| f.name.clone()),
            lng: farms.iter().map(|f| f.lng).collect(),
            lat: farms.iter().map(|f| f.lat).collect(),
            status: farms.iter().map(|f| f.status).collect(),
            capacity_mw: farms.iter().map(|f| f.capacity_mw).collect(),
            precision: farms.iter().map(|f| f.precision).collect(),
            owner: col(|f| f.owner.clone()),
            source_url: col(|f| f.source_url.clone()),
            extra: farms.iter().map(|f| f.extra.clone()).collect(),
            date: if farms.iter().any(|f| f.date.is_some()) {
                farms.iter().map(|f| f.date).collect()
            } else {
                Vec::new()
            },
            illustrative: if farms.iter().any(|f| f.illustrative) {
                farms.iter().map(|f| f.illustrative).collect()
            } else {
                Vec::new()
            },
        }
    }

    /// The farms back, or why the columns do not fit together (lengths differ).
    ///
    /// # Examples
    /// ```
    /// use farmmap::model::Farm;
    /// use farmmap::story::published::FarmColumns;
    /// let farms = vec![Farm::at("A", 76.9, 43.2), Farm::at("B", 75.0, 51.5)];
    /// let columns = FarmColumns::from_farms(&farms);
    /// assert_eq!(columns.to_farms().unwrap(), farms);
    /// let short = FarmColumns { lat: vec![43.2], ..columns };
    /// assert_eq!(short.to_farms().unwrap_err(), "\"lat\" has 1 values for 2 farms");
    /// ```
    pub fn to_farms(&self) -> Result<Vec<Farm>, String> {
        self.check()?;
        Ok((0..self.id.len())
            .map(|i| Farm {
                id: self.id[i].clone(),
                name: self.name[i].clone(),
                lng: self.lng[i],
                lat: self.lat[i],
                status: self.status[i],
                capacity_mw: self.capacity_mw[i],
                precision: self.precision[i],
                owner: self.owner[i].clone(),
                source_url: self.source_url[i].clone(),
                extra: self.extra[i].clone(),
                date: self.date.get(i).copied().flatten(),
                illustrative: self.illustrative.get(i).copied().unwrap_or(false),
            })
            .collect())
    }

    /// Whether every column has one value per farm; else the first that has not.
    pub fn check(&self) -> Result<(), String> {
        let n = self.id.len();
        let lengths = [
            ("name", self.name.len()),
            ("lng", self.lng.len()),
            ("lat", self.lat.len()),
            ("status", self.status.len()),
            ("capacity_mw", self.capacity_mw.len()),
            ("precision", self.precision.len()),
            ("owner", self.owner.len()),
            ("source_url", self.source_url.len()),
            ("extra", self.extra.len()),
        ];
        // Columns that may be absent (none of the farms has a value).
        let optional = [
            ("date", self.date.len()),
            ("illustrative", self.illustrative.len()),
        ];
        if let Some((field, len)) = lengths
            .iter()
            .chain(optional.iter().filter(|(_, len)| *len != 0))
            .find(|(_, len)| *len != n)
        {
            return Err(format!("\"{field}\" has {len} values for {n} farms"));
        }
        Ok(())
    }
}

impl Published {
    /// Read the `published` object of a story file, field for field as serde read
    /// [`Published`] (required fields, defaults, `null` for `None`; unknown fields are
    /// ignored), without serde; `Err` names the field at fault, e.g.
    /// `network.ties[2].kind: unknown value "x"`.
    ///
    /// # Examples
    /// ```
    /// use farmmap::story::published::Published;
    /// let v = farmmap::json::parse(r#"{"format": 1, "network": {"nodes": [], "ties": []},
    ///   "farms": {"id": ["A"], "name": [""], "lng": [76.9], "lat": [43], "status": ["operating"],
    ///   "capacity_mw": [null], "precision": ["city"], "owner": [""], "source_url": [""],
    ///   "extra": [[["note", "x"]]]}}"#).unwrap();
    /// let p = Published::from_json(&v).unwrap();
    /// assert_eq!((p.farms.lat[0], p.farms.extra[0][0].1.as_str()), (43.0, "x"));
    /// let v = farmmap::json::parse(r#"{"format": 1.5}"#).unwrap();
    /// assert_eq!(Published::from_json(&v).unwrap_err(), "format: expected a whole number ≥ 0, found 1.5");
    /// ```
    pub fn from_json(v: &Value) -> Result<Published, String> {
        <Published as ReadJson>::read(v).map_err(|bad| match bad.path.is_empty() {
            true => bad.why,
            false => format!("{}: {}", bad.path, bad.why),
        })
    }

    /// The published form of loaded data, naming the files it came from.
    pub fn from_loaded(loaded: &Loaded, sources: Vec<String>) -> Published {
        let farms = &loaded.farms.records;
        let nodes = &loaded.network.nodes;
        let farm_nodes = farms
            .iter()
            .zip(nodes)
            .take_while(|(f, n)| Node::from_farm(f) == **n)
            .count();
        Published {
            format: FORMAT,
            sources,
            precision_default: loaded.precision_default,
            farms: FarmColumns::from_farms(farms),
            farm_nodes,
            network: Network {
                nodes: nodes[farm_nodes..].to_vec(),
                ties: loaded.network.ties.clone(),
            },
        }
    }

    /// Whether the data can be used; else why not (one sentence).
    pub fn check(&self) -> Result<(), String> {
        if self.format != FORMAT {
            return Err(format!(
                "it is in format {}; this version reads format {FORMAT}",
                self.format
            ));
        }
        self.farms.check().map_err(|why| format!("farms: {why}"))?;
        if self.farm_nodes > self.farms.id.len() {
            return Err(format!(
                "\"farm_nodes\" is {} for {} farms",
                self.farm_nodes,
                self.farms.id.len()
            ));
        }
        Ok(())
    }

    /// The data as a story loads it, or why it cannot be used (one sentence).
    pub fn to_loaded(&self) -> Result<Loaded, String> {
        self.check()?;
        let farms = self.farms.to_farms()?;
        let mut nodes: Vec<Node> = farms[..self.farm_nodes]
            .iter()
            .map(Node::from_farm)
            .collect();
        nodes.extend(self.network.nodes.iter().cloned());
        Ok(Loaded {
            farms: Report {
                records: farms,
                ..Report::default()
            },
            network: Network {
                nodes,
                ties: self.network.ties.clone(),
            },
            precision_default: self.precision_default,
            farm_nodes: self.farm_nodes,
        })
    }
}

/// Why a JSON value is not the field it should be, and where (`farms.lat[3]`).
struct Bad {
    path: String,
    why: String,
}

impl Bad {
    fn new(why: String) -> Bad {
        Bad {
            path: String::new(),
            why,
        }
    }

    /// The same problem, one level further out.
    fn within(mut self, part: &str) -> Bad {
        let sep = if self.path.is_empty() || self.path.starts_with('[') {
            ""
        } else {
            "."
        };
        self.path = format!("{part}{sep}{}", self.path);
        self
    }
}

type Read<T> = Result<T, Bad>;

/// A published field read from JSON, as its serde `Deserialize` reads it.
trait ReadJson: Sized {
    fn read(v: &Value) -> Read<Self>;
}

fn expected<T>(what: &str, v: &Value) -> Read<T> {
    let found = match v {
        Value::Number(_) | Value::Bool(_) => v.to_string(),
        _ => v.kind().to_string(),
    };
    Err(Bad::new(format!("expected {what}, found {found}")))
}

fn object(v: &Value) -> Read<&Map> {
    v.as_object().map_or_else(|| expected("an object", v), Ok)
}

/// A field that must be there.
fn required<T: ReadJson>(o: &Map, key: &str) -> Read<T> {
    match o.get(key) {
        Some(v) => T::read(v).map_err(|b| b.within(key)),
        None => Err(Bad::new(format!("missing field \"{key}\""))),
    }
}

/// A field that may be absent (then its default; `#[serde(default)]` or an `Option`).
fn optional<T: ReadJson + Default>(o: &Map, key: &str) -> Read<T> {
    match o.get(key) {
        Some(v) => T::read(v).map_err(|b| b.within(key)),
        None => Ok(T::default()),
    }
}

impl ReadJson for String {
    fn read(v: &Value) -> Read<String> {
        v.as_str()
            .map_or_else(|| expected("a string", v), |s| Ok(s.to_string()))
    }
}

impl ReadJson for f64 {
    fn read(v: &Value) -> Read<f64> {
        v.as_f64().map_or_else(|| expected("a number", v), Ok)
    }
}

impl ReadJson for bool {
    fn read(v: &Value) -> Read<bool> {
        v.as_bool().map_or_else(|| expected("true or false", v), Ok)
    }
}

impl ReadJson for u32 {
    fn read(v: &Value) -> Read<u32> {
        match v.as_u64().map(u32::try_from) {
            Some(Ok(n)) => Ok(n),
            _ => expected("a whole number ≥ 0", v),
        }
    }
}

impl ReadJson for usize {
    fn read(v: &Value) -> Read<usize> {
        match v.as_u64().map(usize::try_from) {
            Some(Ok(n)) => Ok(n),
            _ => expected("a whole number ≥ 0", v),
        }
    }
}

impl<T: ReadJson> ReadJson for Option<T> {
    fn read(v: &Value) -> Read<Option<T>> {
        match v {
            Value::Null => Ok(None),
            v => T::read(v).map(Some),
        }
    }
}

impl<T: ReadJson> ReadJson for Vec<T> {
    fn read(v: &Value) -> Read<Vec<T>> {
        let Some(items) = v.as_array() else {
            return expected("a list", v);
        };
        // A loop, not `collect::<Result<Vec<_>, _>>()`: that adapter is compiled once per
        // element type with `T::read` inside it (18 KB of the reader's wasm for these
        // lists; twiggy).
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            out.push(T::read(v).map_err(|b| b.within(&format!("[{i}]")))?);
        }
        Ok(out)
    }
}

/// An extra column: `["name", "value"]`.
impl ReadJson for (String, String) {
    fn read(v: &Value) -> Read<(String, String)> {
        match v.as_array().map(Vec::as_slice) {
            Some([a, b]) => Ok((
                String::read(a).map_err(|e| e.within("[0]"))?,
                String::read(b).map_err(|e| e.within("[1]"))?,
            )),
            _ => expected("a [name, value] pair", v),
        }
    }
}

impl ReadJson for FarmDate {
    fn read(v: &Value) -> Read<FarmDate> {
        let s = String::read(v)?;
        FarmDate::parse_iso(&s).ok_or_else(|| {
            Bad::new(format!(
                "{} is not a date; expected YYYY-MM or YYYY-MM-DD (years 1900–2100)",
                crate::json::Quoted(&s)
            ))
        })
    }
}

/// The enums, by the names their serde derives give them (`rename_all = "snake_case"`).
/// The names are written once here; the exhaustive `json_name` (tests) checks that every
/// variant has one, and a test checks each against serde's.
macro_rules! read_names {
    ($($t:ident { $($variant:ident = $name:literal),+ $(,)? })+) => {$(
        impl ReadJson for $t {
            fn read(v: &Value) -> Read<$t> {
                match String::read(v)?.as_str() {
                    $($name => Ok($t::$variant),)+
                    other => {
                        // "a, b, c" written once at compile time (no join).
                        let names = concat!($($name, ", "),+);
                        Err(Bad::new(format!(
                            "unknown value {}; expected one of {}",
                            crate::json::Quoted(other),
                            &names[..names.len() - 2]
                        )))
                    }
                }
            }
        }
        #[cfg(test)]
        impl JsonName for $t {
            fn json_name(self) -> &'static str {
                match self {
                    $($t::$variant => $name,)+
                }
            }
            const ALL: &'static [$t] = &[$($t::$variant),+];
        }
    )+};
}

#[cfg(test)]
trait JsonName: Sized + 'static {
    fn json_name(self) -> &'static str;
    const ALL: &'static [Self];
}

read_names! {
    Status { Operating = "operating", ShutDown = "shut_down", Unknown = "unknown" }
    Precision { Exact = "exact", City = "city", Region = "region" }
    NodeKind {
        Farm = "farm", Company = "company", Person = "person", PublicBody = "public_body",
        Organisation = "organisation",
    }
    TieKind {
        Owns = "owns", Directs = "directs", Family = "family", Associate = "associate",
        Operates = "operates", Member = "member", Employee = "employee", Unknown = "unknown",
    }
    Confidence { Reported = "reported", Alleged = "alleged" }
    Directness { Direct = "direct", Indirect = "indirect", Unknown = "unknown" }
    TieNature {
        Payment = "payment", Representation = "representation", Succession = "succession",
    }
    InterestKind {
        Shareholding = "shareholding",
        VotingRights = "voting_rights",
        AppointmentOfBoard = "appointment_of_board",
        OtherInfluenceOrControl = "other_influence_or_control",
        SeniorManagingOfficial = "senior_managing_official",
        Settlor = "settlor",
        Trustee = "trustee",
        Protector = "protector",
        BeneficiaryOfLegalArrangement = "beneficiary_of_legal_arrangement",
        OtherInfluenceOrControlOfTrust = "other_influence_or_control_of_trust",
        RightsToSurplusAssetsOnDissolution = "rights_to_surplus_assets_on_dissolution",
        RightsToProfitOrIncome = "rights_to_profit_or_income",
        RightsGrantedByContract = "rights_granted_by_contract",
        ConditionalRightsGrantedByContract = "conditional_rights_granted_by_contract",
        ControlViaCompanyRulesOrArticles = "control_via_company_rules_or_articles",
        ControlByLegalFramework = "control_by_legal_framework",
        BoardMember = "board_member",
        BoardChair = "board_chair",
        UnknownInterest = "unknown_interest",
        UnpublishedInterest = "unpublished_interest",
        EnjoymentAndUseOfAssets = "enjoyment_and_use_of_assets",
        RightToProfitOrIncomeFromAssets = "right_to_profit_or_income_from_assets",
        Nominee = "nominee",
        Nominator = "nominator",
        Other = "other",
    }
}

impl ReadJson for Share {
    fn read(v: &Value) -> Read<Share> {
        let o = object(v)?;
        Ok(Share {
            min: required(o, "min")?,
            max: required(o, "max")?,
        })
    }
}

impl ReadJson for ShareRange {
    fn read(v: &Value) -> Read<ShareRange> {
        let o = object(v)?;
        Ok(ShareRange {
            exact: optional(o, "exact")?,
            min: optional(o, "min")?,
            max: optional(o, "max")?,
            exclusive_min: optional(o, "exclusive_min")?,
            exclusive_max: optional(o, "exclusive_max")?,
        })
    }
}

impl ReadJson for Interest {
    fn read(v: &Value) -> Read<Interest> {
        let o = object(v)?;
        Ok(Interest {
            kind: required(o, "kind")?,
            code: optional(o, "code")?,
            share: optional(o, "share")?,
            direct: optional(o, "direct")?,
            beneficial: optional(o, "beneficial")?,
            start: optional(o, "start")?,
            end: optional(o, "end")?,
            details: optional(o, "details")?,
        })
    }
}

impl ReadJson for Money {
    fn read(v: &Value) -> Read<Money> {
        let o = object(v)?;
        Ok(Money {
            value: required(o, "value")?,
            currency: optional(o, "currency")?,
        })
    }
}

impl ReadJson for Node {
    fn read(v: &Value) -> Read<Node> {
        let o = object(v)?;
        Ok(Node {
            id: required(o, "id")?,
            kind: required(o, "kind")?,
            name: required(o, "name")?,
            description: optional(o, "description")?,
            source_url: optional(o, "source_url")?,
            lng: optional(o, "lng")?,
            lat: optional(o, "lat")?,
            extra: optional(o, "extra")?,
        })
    }
}

impl ReadJson for Tie {
    fn read(v: &Value) -> Read<Tie> {
        let o = object(v)?;
        Ok(Tie {
            source: required(o, "source")?,
            target: required(o, "target")?,
            kind: required(o, "kind")?,
            confidence: required(o, "confidence")?,
            share: optional(o, "share")?,
            relationship: optional(o, "relationship")?,
            source_url: optional(o, "source_url")?,
            start: optional(o, "start")?,
            end: optional(o, "end")?,
            former: optional(o, "former")?,
            direct: optional(o, "direct")?,
            interests: optional(o, "interests")?,
            nature: optional(o, "nature")?,
            amount: optional(o, "amount")?,
            date: optional(o, "date")?,
        })
    }
}

impl ReadJson for Network {
    fn read(v: &Value) -> Read<Network> {
        let o = object(v)?;
        Ok(Network {
            nodes: required(o, "nodes")?,
            ties: required(o, "ties")?,
        })
    }
}

impl ReadJson for FarmColumns {
    fn read(v: &Value) -> Read<FarmColumns> {
        let o = object(v)?;
        Ok(FarmColumns {
            id: required(o, "id")?,
            name: required(o, "name")?,
            lng: required(o, "lng")?,
            lat: required(o, "lat")?,
            status: required(o, "status")?,
            capacity_mw: required(o, "capacity_mw")?,
            precision: required(o, "precision")?,
            owner: required(o, "owner")?,
            source_url: required(o, "source_url")?,
            extra: required(o, "extra")?,
            date: optional(o, "date")?,
            illustrative: optional(o, "illustrative")?,
        })
    }
}

impl ReadJson for Published {
    fn read(v: &Value) -> Read<Published> {
        let o = object(v)?;
        Ok(Published {
            format: required(o, "format")?,
            sources: optional(o, "sources")?,
            precision_default: optional(o, "precision_default")?,
            farms: required(o, "farms")?,
            farm_nodes: optional(o, "farm_nodes")?,
            network: required(o, "network")?,
        })
    }
}

/// A story file published by [`publish`]: its text, and what loading its sources said.
#[cfg(feature = "importers")]
#[derive(Debug)]
pub struct PublishedStory {
    /// The story file's text, with its `published` data.
    pub text: String,
    /// Every problem of the file and of its sources (rows with errors are left out of the
    /// published data, exactly as they are left out of the map).
    pub problems: Vec<crate::import::ImportError>,
    /// How the source files were read (encoding, units, defaults), as the editor shows it.
    pub notes: Vec<crate::import::ImportError>,
}

/// Publish a story file's text: its source files loaded and checked as a reader's map
/// loads them, written under `published` (replacing any there). `Err` only when the file
/// cannot be read at all. With `keep_sources` false the source files are dropped from the output (a
/// smaller file for readers; the editor needs them to edit the data).
///
/// # Examples
/// ```
/// use farmmap::story::published::publish;
/// let story = r#"{"title": "T", "steps": [{"title": "A"}],
///   "farms": {"name": "f.csv", "text": "id,lat,lon\nA,43.2,76.9\nB,north,76\n"}}"#;
/// let out = publish("s.json", story, false).unwrap();
/// assert_eq!(out.problems[0].to_string(), "f.csv row 3, column lat: \"north\" is not a number");
/// assert!(out.text.contains("\"published\"") && !out.text.contains("id,lat,lon"));
/// let (parsed, _) = farmmap::story::parse("s.json", &out.text);
/// assert_eq!(farmmap::story::load(&parsed.unwrap()).farms.records.len(), 1);
/// ```
#[cfg(feature = "importers")]
pub fn publish(
    file: &str,
    text: &str,
    keep_sources: bool,
) -> Result<PublishedStory, crate::import::ImportError> {
    let (parsed, mut problems) = super::parse_with_layout(file, text);
    let Some((mut story, layout)) = parsed else {
        return Err(problems
            .into_iter()
            .next()
            .unwrap_or_else(|| crate::import::ImportError::file(file, "cannot be read")));
    };
    // Without source files there is nothing to load: the data already published stays.
    if story.source_files().next().is_none() {
        return Ok(PublishedStory {
            text: super::file::StoryFile::from_story(&story, layout).to_json(),
            problems,
            notes: Vec::new(),
        });
    }
    let loaded = super::load_sources(&story);
    let sources = story.source_files().map(|f| f.name.clone()).collect();
    story.published = Some(Published::from_loaded(&loaded, sources));
    if !keep_sources {
        story.farms = None;
        story.entities = None;
        story.links = None;
        story.ftm = None;
        story.bods = None;
    }
    // A stale or broken `published` is what this replaces: not a problem of the result.
    problems.retain(|p| p.column.as_deref() != Some("published"));
    problems.extend(loaded.farms.errors.iter().cloned());
    Ok(PublishedStory {
        text: super::file::StoryFile::from_story(&story, layout).to_json(),
        problems,
        notes: loaded.farms.notes.clone(),
    })
}

#[cfg(all(test, feature = "importers"))]
mod tests {
    use super::*;
    use crate::story::{self, DataFile, Story};

    /// The story as published without its sources, parsed back.
    fn published_only(file: &str, text: &str) -> Story {
        let out = publish(file, text, false).unwrap();
        let (parsed, problems) = story::parse(file, &out.text);
        assert!(
            problems
                .iter()
                .all(|p| p.column.as_deref() != Some("published")),
            "{problems:?}"
        );
        let parsed = parsed.unwrap();
        assert_eq!(parsed.source_files().count(), 0);
        parsed
    }

    #[test]
    fn the_demo_story_file_is_published_from_its_sources() {
        let (story, problems) = story::parse("kazakhstan-2022.json", story::DEMO_PUBLISHED_JSON);
        assert!(problems.is_empty(), "{problems:?}");
        let story = story.unwrap();
        // Its sources are data/story's files…
        let text = |f: &Option<DataFile>| f.as_ref().and_then(|f| f.text.clone()).unwrap();
        assert_eq!(text(&story.farms), story::DEMO_FARMS_CSV);
        assert_eq!(text(&story.entities), story::DEMO_ENTITIES_CSV);
        assert_eq!(text(&story.links), story::DEMO_LINKS_CSV);
        // …and its published data is theirs: publishing again changes no byte.
        let again = publish("kazakhstan-2022.json", story::DEMO_PUBLISHED_JSON, true).unwrap();
        assert!(
            again.text == story::DEMO_PUBLISHED_JSON,
            "www/stories/kazakhstan-2022.json is out of date: run node scripts/data/build_story.mjs"
        );
        assert!(again.problems.is_empty(), "{:?}", again.problems);
    }

    #[test]
    fn publish_then_load_gives_what_the_sources_give() {
        let sources = story::demo();
        let from_sources = story::load_sources(&sources);
        let text = crate::story::file::StoryFile::from_story(&sources, None).to_json();
        let published = published_only("s.json", &text);
        let loaded = story::load(&published);
        assert_eq!(loaded.farms.records, from_sources.farms.records);
        assert_eq!(loaded.network, from_sources.network);
        assert_eq!(loaded.precision_default, from_sources.precision_default);
        assert_eq!(published.steps, sources.steps);
        assert_eq!(
            (published.title, published.charts),
            (sources.title, sources.charts)
        );
        // Every tie keeps its source and hedge.
        assert!(loaded
            .network
            .ties
            .iter()
            .any(|t| t.confidence == crate::network::model::Confidence::Alleged));
        assert!(loaded.network.ties.iter().all(|t| t.source_url.is_some()));
    }

    #[test]
    fn network_files_with_located_sites_and_interests_round_trip() {
        let ftm = [
            r#"{"id":"re1","schema":"RealEstate","properties":{"name":["Site"],"latitude":["51.7"],"longitude":["75.3"],"sourceUrl":["https://example.org/re1"]}}"#,
            r#"{"id":"co1","schema":"Company","properties":{"name":["Mining LLP"]}}"#,
            r#"{"id":"own1","schema":"Ownership","properties":{"owner":["co1"],"asset":["re1"],"percentage":["100"],"sourceUrl":["https://example.org/o"]}}"#,
        ]
        .join("\n");
        let story_text = serde_json::json!({
            "title": "T", "steps": [{"title": "A"}],
            "farms": {"name": "f.csv", "text": "id,name,lat,lon,capacity_mw,note\nA,Ä farm,43.25,76.9,1.5,x\nB,B,50,70,,\n",
                      "options": {"precision_default": "city"}},
            "ftm": {"name": "aleph.json", "text": ftm},
        })
        .to_string();
        let (parsed, _) = story::parse("s.json", &story_text);
        let from_sources = story::load_sources(&parsed.unwrap());
        assert_eq!(
            from_sources.farms.records.len(),
            3,
            "two rows and the FtM site"
        );
        let published = published_only("s.json", &story_text);
        let p = published.published.as_ref().unwrap();
        // The farms' own nodes (the file's two, and the FtM site's, which is the same
        // node) are not written twice.
        assert_eq!(p.farm_nodes, 3);
        assert_eq!(p.network.nodes.len(), from_sources.network.nodes.len() - 3);
        assert_eq!(p.sources, ["f.csv", "aleph.json"]);
        let loaded = story::load(&published);
        assert_eq!(loaded.farms.records, from_sources.farms.records);
        assert_eq!(loaded.network, from_sources.network);
        assert_eq!(loaded.precision_default, Some(Precision::City));
    }

    #[test]
    fn data_published_before_dates_were_a_field_reads_as_it_did() {
        // The extra columns said it; no date or illustrative column.
        let old = r#"{"id": ["A", "B"], "name": ["A", "B"], "lng": [75.3, 76.9], "lat": [51.7, 43.2],
            "status": ["shut_down", "shut_down"], "capacity_mw": [null, null], "precision": ["region", "city"],
            "owner": ["", ""], "source_url": ["", ""],
            "extra": [[["shut_down_by", "2022-03"], ["illustrative", "yes"]], [["shut_down_by", "2022-05"]]]}"#;
        let columns: FarmColumns = serde_json::from_str(old).unwrap();
        let farms = columns.to_farms().unwrap();
        assert!(farms[0].is_illustrative() && !farms[1].is_illustrative());
        assert_eq!(farms[0].date, None);
        let kind = crate::charts::ChartKind::ShutdownsByMonth;
        let bars = crate::charts::from_farms::chart_data(kind, &farms).bars;
        assert_eq!(bars.iter().map(|b| b.value).sum::<f64>(), 2.0);
        // Written again with the fields, which read back the same; a column of the wrong
        // length is named.
        let mut farms = farms;
        farms[1].date = crate::model::FarmDate::new(2022, 5, Some(2));
        let again = FarmColumns::from_farms(&farms);
        assert_eq!(again.date.len(), 2);
        assert!(again.illustrative.is_empty(), "no farm has the field set");
        assert_eq!(again.to_farms().unwrap(), farms);
        let short = FarmColumns {
            date: vec![None],
            ..again
        };
        assert_eq!(
            short.check().unwrap_err(),
            "\"date\" has 1 values for 2 farms"
        );
    }

    /// What serde's derive (the reader's path before src/json) reads of `text`'s
    /// `published`, and what `Published::from_json` reads.
    fn both_reads(text: &str) -> (Result<Published, String>, Result<Published, String>) {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let old =
            serde_json::from_value::<Published>(v["published"].clone()).map_err(|e| e.to_string());
        let root = crate::json::parse(text).unwrap();
        let new = Published::from_json(root.get("published").unwrap_or(&Value::Null));
        (old, new)
    }

    #[test]
    fn published_data_reads_as_serde_read_it_field_for_field() {
        let mut texts = vec![story::DEMO_PUBLISHED_JSON.to_string()];
        for name in ["story.json", "kazakhstan-2022.json"] {
            let path = format!("{}/fuzz/corpus/story/{name}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).unwrap();
            texts.push(publish(name, &text, false).unwrap().text);
        }
        let ftm = [
            r#"{"id":"re1","schema":"RealEstate","properties":{"name":["Site"],"latitude":["51.7"],"longitude":["75.3"]}}"#,
            r#"{"id":"co1","schema":"Company","properties":{"name":["Mining LLP"]}}"#,
            r#"{"id":"own1","schema":"Ownership","properties":{"owner":["co1"],"asset":["re1"],"percentage":["12.5"],"sourceUrl":["https://example.org/o"]}}"#,
        ]
        .join("\n");
        let with_ftm = serde_json::json!({"title": "T", "steps": [{"title": "A"}],
            "farms": {"name": "f.csv", "text": "id,lat,lon,capacity_mw,date\nA,43.25,76.9,1.5,2022-03\n"},
            "ftm": {"name": "aleph.json", "text": ftm}});
        texts.push(
            publish("s.json", &with_ftm.to_string(), false)
                .unwrap()
                .text,
        );
        let texts: Vec<&String> = texts
            .iter()
            .filter(|t| t.contains("\"published\""))
            .collect();
        assert!(texts.len() >= 3, "{} published texts", texts.len());
        for text in texts {
            let (old, new) = both_reads(text);
            let (old, new) = (old.unwrap(), new.unwrap());
            // Debug shows every float's shortest digits: equal strings, equal bits.
            assert_eq!(format!("{new:?}"), format!("{old:?}"));
            assert!(!new.farms.id.is_empty() || !new.network.ties.is_empty());
        }
    }

    #[test]
    fn a_published_field_of_the_wrong_kind_is_named_as_serde_refused_it() {
        let text = publish(
            "s.json",
            &crate::story::file::StoryFile::from_story(&story::demo(), None).to_json(),
            false,
        )
        .unwrap()
        .text;
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let cases: [(&str, serde_json::Value, &str); 8] = [
            ("/format", 1.5.into(), "format: expected a whole number ≥ 0, found 1.5"),
            ("/format", (-1).into(), "format: expected a whole number ≥ 0, found -1"),
            ("/farms/lat/3", "x".into(), "farms.lat[3]: expected a number, found a string"),
            ("/farms/status/0", "closed".into(), "farms.status[0]: unknown value \"closed\"; expected one of operating, shut_down, unknown"),
            ("/farms/extra/0", serde_json::json!([["a"]]), "farms.extra[0][0]: expected a [name, value] pair, found a list"),
            ("/network/ties/0/confidence", serde_json::Value::Null, "network.ties[0].confidence: expected a string, found null"),
            ("/network/nodes/0/name", serde_json::Value::Null, "network.nodes[0].name: expected a string, found null"),
            ("/farms/date/0", "2022-13".into(), "farms.date[0]: \"2022-13\" is not a date; expected YYYY-MM or YYYY-MM-DD (years 1900–2100)"),
        ];
        for (at, bad, message) in cases {
            let mut v = v.clone();
            let field = v["published"]
                .pointer_mut(at)
                .unwrap_or_else(|| panic!("{at}"));
            *field = bad;
            let (old, new) = both_reads(&v.to_string());
            assert!(old.is_err(), "{at}: serde read it");
            assert_eq!(new.unwrap_err(), message);
        }
        // A missing field, as serde refused it.
        let mut v = v.clone();
        v["published"]["network"]
            .as_object_mut()
            .unwrap()
            .remove("ties");
        let (old, new) = both_reads(&v.to_string());
        assert!(old.unwrap_err().contains("missing field `ties`"));
        assert_eq!(new.unwrap_err(), "network: missing field \"ties\"");
    }

    #[test]
    fn every_enum_value_is_read_by_the_name_serde_writes() {
        fn check<T: JsonName + ReadJson + Serialize + PartialEq + std::fmt::Debug + Copy>() {
            for &v in T::ALL {
                let name = serde_json::to_value(v).unwrap();
                assert_eq!(name.as_str(), Some(v.json_name()));
                let read = T::read(&Value::String(v.json_name().into())).ok();
                assert_eq!(read, Some(v));
            }
        }
        check::<Status>();
        check::<Precision>();
        check::<NodeKind>();
        check::<TieKind>();
        check::<Confidence>();
        check::<Directness>();
        check::<TieNature>();
        check::<InterestKind>();
    }

    #[test]
    fn a_published_block_that_does_not_fit_is_named_and_left_out() {
        let out = publish(
            "s.json",
            &crate::story::file::StoryFile::from_story(&story::demo(), None).to_json(),
            false,
        )
        .unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&out.text).unwrap();
        v["published"]["farms"]["lat"].as_array_mut().unwrap().pop();
        let (parsed, problems) = story::parse("s.json", &v.to_string());
        assert!(parsed.unwrap().published.is_none());
        assert_eq!(
            problems[0].to_string(),
            "s.json, column published: cannot be used (farms: \"lat\" has 100 values for 101 farms); publish the story again (farmmap publish)"
        );
        v["published"]["format"] = 2.into();
        let (_, problems) = story::parse("s.json", &v.to_string());
        assert!(problems[0].message.contains("format 2"), "{problems:?}");
    }

    #[test]
    fn publishing_a_story_without_sources_keeps_its_data_and_bytes() {
        let text = crate::story::file::StoryFile::from_story(&story::demo(), None).to_json();
        let once = publish("s.json", &text, false).unwrap().text;
        assert_eq!(publish("s.json", &once, false).unwrap().text, once);
        assert_eq!(publish("s.json", &once, true).unwrap().text, once);
    }
}
