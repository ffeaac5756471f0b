//! What the app core answers, as plain serde structs: the JS API's objects, field for field
//! (camelCase, `Option` → key absent). They are the one definition of those shapes.
//!
//! **TypeScript.** Each type here also derives [`tsify::Tsify`], but only when compiling for
//! `wasm32` (`cfg_attr`): the derive emits the TypeScript interface into `pkg/farmmap.d.ts`
//! and needs wasm-bindgen, so the native build and its tests never see it, and the app core
//! stays plain Rust. We chose this over mirror DTOs in `src/web/` (two definitions that
//! drift) and over `#[serde(remote)]` (a mirror again, and it gives the mirror no
//! `Serialize` for tsify to use): one struct gives the Rust tests, the serde shape and the
//! `.d.ts` interface. The web layer writes these as JSON text ([`to_json_text`], serde_json's
//! shape: maps as objects, `None` as `null` unless skipped) that the page reads with
//! `JSON.parse`, and names the interface in `unchecked_return_type`.

use serde::{Deserialize, Serialize};

/// An answer as JSON text, for the web layer to hand to `JSON.parse` (see the module docs).
pub use crate::json::to_string as to_json_text;

/// Whether a record was skipped (`error`), kept with a value left unknown (`warning`), or
/// (`note`, only in [`ImportReport::notes`]) a fact about the whole file that changed nothing
/// unannounced: the encoding it was read in, a unit converted, a default applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// One problem in an input file, for every importer and loader.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ImportProblem {
    pub file: String,
    /// Row as a spreadsheet shows it (header = 1), or feature / line / step / statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    pub message: String,
    pub severity: Severity,
    /// The whole sentence: `farms.csv row 14, column lat: …`.
    pub text: String,
}

impl From<&crate::import::ImportError> for ImportProblem {
    fn from(e: &crate::import::ImportError) -> Self {
        ImportProblem {
            file: e.file.clone(),
            row: e.row,
            column: e.column.clone(),
            message: e.message.clone(),
            severity: match e.severity {
                crate::import::Severity::Error => Severity::Error,
                crate::import::Severity::Warning => Severity::Warning,
            },
            text: e.to_string(),
        }
    }
}

/// Every problem of a list, in order.
pub fn problems(errors: &[crate::import::ImportError]) -> Vec<ImportProblem> {
    errors.iter().map(ImportProblem::from).collect()
}

/// An importer's notes (`Report::notes`), each with severity [`Severity::Note`].
pub fn notes(notes: &[crate::import::ImportError]) -> Vec<ImportProblem> {
    notes
        .iter()
        .map(|n| ImportProblem {
            severity: Severity::Note,
            ..ImportProblem::from(n)
        })
        .collect()
}

/// What a load did: records loaded, records skipped, every problem, and the notes on the
/// whole file (how it was read: encoding, units converted, defaults applied, columns not
/// used, places found in the gazetteer).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub loaded: usize,
    pub skipped: usize,
    pub problems: Vec<ImportProblem>,
    /// Facts about the whole file, each with severity `note`; never a skipped row.
    pub notes: Vec<ImportProblem>,
}

/// A lng/lat box in degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LngLatBounds {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl From<LngLatBounds> for crate::geometry::LngLatBounds {
    fn from(b: LngLatBounds) -> Self {
        crate::geometry::LngLatBounds {
            west: b.west,
            south: b.south,
            east: b.east,
            north: b.north,
        }
    }
}

/// A marker on the map canvas; `x`, `y` in CSS px.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum MapItem {
    Farm {
        farm: u32,
        x: f64,
        y: f64,
    },
    Cluster {
        cluster: u32,
        count: u32,
        /// Of `count`, the farms the current highlight lights.
        lit: u32,
        x: f64,
        y: f64,
    },
}

/// One farm's fields for the tooltip and details panel (all plain text).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FarmInfo {
    pub index: u32,
    pub id: String,
    pub name: String,
    pub lng: f64,
    pub lat: f64,
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "\"operating\" | \"shut down\" | \"unknown\"")
    )]
    pub status: String,
    pub status_label: String,
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "\"exact\" | \"city\" | \"region\"")
    )]
    pub precision: String,
    pub precision_label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity_mw: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Present only when it is an http(s) link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_host: Option<String>,
    pub illustrative: bool,
    /// The farm's date, `YYYY-MM` or `YYYY-MM-DD` (the column mapped as `date`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The file's other columns, in file order.
    pub extra: Vec<(String, String)>,
}

/// The story's source line.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SourceInfo {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
}

/// A step as the reader sees it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StepInfo {
    pub id: String,
    pub title: String,
    pub text: String,
}

/// The story's text and steps.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StoryInfo {
    pub title: String,
    pub dek: String,
    pub illustrative_note: String,
    pub source: SourceInfo,
    pub steps: Vec<StepInfo>,
}

/// One tie of a network node, as a sentence from the node's side.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TieInfo {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_host: Option<String>,
    pub alleged: bool,
}

/// One network node for the tooltip.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct NodeInfo {
    pub index: u32,
    pub id: String,
    pub name: String,
    pub kind: String,
    pub kind_label: String,
    pub description: String,
    /// The map's farm index when this node is a farm shown on the map.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub farm: Option<u32>,
    pub ties: Vec<TieInfo>,
}

/// A status swatch of the legend.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LegendEntry {
    pub key: String,
    pub label: String,
    pub color: String,
}

/// A precision symbol of the legend.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PrecisionEntry {
    pub key: String,
    pub label: String,
}

/// An owner group of the cluster donuts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct OwnerGroup {
    pub name: String,
    pub color: String,
}

/// The map's legend.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Legend {
    pub statuses: Vec<LegendEntry>,
    pub precisions: Vec<PrecisionEntry>,
    /// The groups the cluster donuts show now.
    pub owner_groups: Vec<OwnerGroup>,
    /// Words explaining a cluster's "k/n" badge.
    pub cluster_badge: String,
}

/// A node kind of the network's legend.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct NetworkLegendEntry {
    pub label: String,
    pub color: String,
    pub shape: String,
}

/// A chart the data supports.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ChartInfo {
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "\"owners\" | \"capacity\" | \"shutdowns\"")
    )]
    pub kind: String,
    pub title: String,
}

/// A chart kind as the editor offers it: whether the data supports it, whether the story
/// lists it, and why not when it is not supported.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ChartChoice {
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "\"owners\" | \"capacity\" | \"shutdowns\"")
    )]
    pub kind: String,
    pub title: String,
    /// The farms have what it counts and it has at least two bars.
    pub supported: bool,
    /// The story's `charts` lists it.
    pub chosen: bool,
    /// The story's `charts` entries that name it (`owners`, or an alias such as
    /// `owner_groups`), to remove them all when it is unchosen.
    pub listed_as: Vec<String>,
    /// Why the data does not support it ("no farm gives a capacity"); absent when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One step drawn as a static picture, for pages that cannot run scripts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StepPoster {
    /// The step's id.
    pub id: String,
    pub title: String,
    /// The step's title and text, for the image's alternative text.
    pub alt: String,
    /// The picture's size in CSS px (the map plus its caption).
    pub width: f64,
    pub height: f64,
    /// The picture: SVG with the title, the source line and the attribution.
    pub svg: String,
}

/// A CSS custom property from Rust's palette.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StyleVariable {
    pub name: String,
    pub value: String,
}

/// A data file decoded to text.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DecodedFile {
    pub name: String,
    pub text: String,
    /// `utf-8`, `utf-8-bom`, `utf-16le` or `utf-16be`.
    pub encoding: String,
    pub problems: Vec<ImportProblem>,
}

/// The table view's sentences.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TableSentences {
    pub farms: Vec<String>,
    pub ties: Vec<String>,
}

/// The map camera: centre in world units, size in CSS px.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CameraInfo {
    pub center_x: f64,
    pub center_y: f64,
    pub zoom: f64,
    pub width: f64,
    pub height: f64,
}

/// A shown network node for the path finder.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct NodeName {
    pub id: String,
    pub name: String,
    pub kind: String,
}

/// Two ids to prefill "How is A connected to B?".
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct NodePair {
    pub from: String,
    pub to: String,
}

/// Nodes not drawn (said in text instead): those with no tie, and in a very large network
/// the tied ones left out of the drawn reduction.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct HiddenCounts {
    pub farms: usize,
    pub others: usize,
    /// Tied nodes left out because the network is too big to draw whole.
    pub left_out: usize,
    /// Tied nodes drawn (when `left_out` is not 0, the best-connected part).
    pub shown: usize,
}

/// A shown node on the network canvas (CSS px).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct NodePosition {
    pub node: u32,
    pub x: f64,
    pub y: f64,
    pub r: f64,
}

/// The network node with keyboard focus and where it is (CSS px).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FocusedNode {
    pub node: u32,
    pub x: f64,
    pub y: f64,
}

/// `parseStory`'s answer: the story file when it could be read, and every problem (editor
/// only: feature `importers`).
#[cfg(feature = "importers")]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ParsedStory {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<crate::story::file::StoryFile>,
    pub problems: Vec<ImportProblem>,
}

/// What a load in steps ([`crate::app::Session::load_step`]) is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum LoadPhase {
    /// Nothing is being loaded.
    Idle,
    /// Making the farms (synthetic data) and their positions.
    Loading,
    /// Building the cluster index.
    Clustering,
    /// This step finished the load: the new farms are shown.
    Done,
}

/// How far a load in steps is; the page words it ("Clustering 1,000,000 farms… 42 %").
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LoadProgress {
    pub phase: LoadPhase,
    /// Farms being loaded (0 when idle).
    pub farms: usize,
    /// From 0 to 1; 1 exactly when done.
    pub fraction: f64,
    /// A story's load, at its last step: what `loadStory` reports (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<ImportReport>,
}

/// `publishStory`'s answer: the published story file's text (absent when the file cannot
/// be read at all), every problem of the file and its sources, and how they were read.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PublishedStoryText {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    pub problems: Vec<ImportProblem>,
    pub notes: Vec<ImportProblem>,
}
