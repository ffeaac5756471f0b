//! The story file: title, source, the steps a reader walks through, and (optionally) the data
//! itself as the editor's original files, so errors still name the editor's own rows.
//!
//! ```json
//! { "title": "…", "source": {"name": "…", "url": "https://…"},
//!   "farms": {"name": "farms.csv", "text": "id,name,lat,lon\n…",
//!             "options": {"precision_default": "city", "columns": {"Ref": "id"}}},
//!   "steps": [{"id": "s1", "title": "…", "text": "…",
//!              "camera": {"bounds": [w, s, e, n]} | {"focus": ["farm or entity id"]},
//!              "highlight": ["id", …], "filter": {"status": "shut down"}}] }
//! ```
//!
//! A data file is `{"name", "text"}` (the text as the editor read it) or, for a binary file
//! such as a spreadsheet, `{"name", "base64"}` (its original bytes). The farms file may carry
//! `options`: how to read its columns, a [`FarmsOptions`] (sheet, precision_default,
//! number_format, columns), applied whenever the story is loaded.
//!
//! A published story also carries its data as loaded and checked, under `published`
//! ([`published`]): the reader's build reads only that; a full build (feature `importers`)
//! reads the source files when the story has them, else that.

pub mod base64;
#[cfg(feature = "importers")]
pub mod farms_file;
pub mod file;
pub mod layout;
pub mod published;
pub mod table;
pub mod url;

use crate::basemap::TileLayer;
use crate::charts::ChartKind;
use crate::i18n::Lang;
use crate::import::mapping::FarmsOptions;
use crate::import::{check_url, ImportError};
use crate::json::Value;
use crate::model::{Farm, Precision, Status};
use serde::Serialize;
use std::borrow::Cow;

/// The embedded demo story (see data/README.md: its farm sites are illustrative).
pub const DEMO_STORY_JSON: &str = include_str!("../../data/story/story.json");
pub const DEMO_FARMS_CSV: &str = include_str!("../../data/story/farms.csv");
pub const DEMO_ENTITIES_CSV: &str = include_str!("../../data/story/entities.csv");
pub const DEMO_LINKS_CSV: &str = include_str!("../../data/story/links.csv");
/// The demo story as the site serves it: its source files and its published data
/// (`node scripts/data/build_story.mjs` writes it; a test checks it is up to date).
pub const DEMO_PUBLISHED_JSON: &str = include_str!("../../www/stories/kazakhstan-2022.json");

/// Where a step points the camera.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepCamera {
    /// A lng/lat box: west, south, east, north.
    Bounds([f64; 4]),
    /// Fit these farms (or the farms of these entities).
    Focus(Vec<String>),
    /// Leave the camera where the reader put it.
    Keep,
}

/// Which farms a step shows at full strength (the rest are dimmed).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Filter {
    pub status: Option<Status>,
    /// Case-insensitive substring of the farm's owner text.
    pub owner: Option<String>,
}

impl Filter {
    pub fn matches(&self, farm: &Farm) -> bool {
        self.status.is_none_or(|s| farm.status == s)
            && self
                .owner
                .as_ref()
                .is_none_or(|o| farm.owner.to_lowercase().contains(&o.to_lowercase()))
    }

    pub fn is_empty(&self) -> bool {
        self.status.is_none() && self.owner.is_none()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    pub id: String,
    pub title: String,
    pub text: String,
    pub camera: StepCamera,
    pub highlight: Vec<String>,
    pub filter: Filter,
}

/// An embedded data file: its original name (for messages) and its content — `text` as the
/// editor read it, or `base64`, the original bytes of a binary file (a spreadsheet) — and,
/// for the farms file, the `options` saying how to read its columns.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DataFile {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The file's bytes in base64 (standard alphabet), for files that are not text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base64: Option<String>,
    /// How to read a farms file's columns (see [`FarmsOptions`]); farms only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "FarmsOptions"))]
    pub options: Option<FarmsOptions>,
}

impl DataFile {
    /// A text file.
    pub fn text(name: &str, text: &str) -> DataFile {
        DataFile {
            name: name.to_string(),
            text: Some(text.to_string()),
            ..Default::default()
        }
    }

    /// The file's bytes: its text, or its base64 decoded (`Err` says why it is not base64).
    ///
    /// # Examples
    /// ```
    /// use farmmap::story::DataFile;
    /// let f = DataFile { base64: Some("aWQ=".into()), ..DataFile::text("f.csv", "") };
    /// assert_eq!(&*f.bytes().unwrap(), b""); // text wins when both are given
    /// let f = DataFile { text: None, ..f };
    /// assert_eq!(&*f.bytes().unwrap(), b"id");
    /// ```
    pub fn bytes(&self) -> Result<Cow<'_, [u8]>, String> {
        match (&self.text, &self.base64) {
            (Some(t), _) => Ok(Cow::Borrowed(t.as_bytes())),
            (None, Some(b)) => base64::decode(b).map(Cow::Owned),
            (None, None) => Ok(Cow::Borrowed(&[])),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Story {
    pub tiles: Option<TileLayer>,
    pub title: String,
    pub dek: String,
    pub source_name: String,
    pub source_url: String,
    pub illustrative_note: String,
    pub steps: Vec<Step>,
    pub farms: Option<DataFile>,
    pub entities: Option<DataFile>,
    pub links: Option<DataFile>,
    /// FollowTheMoney entities as JSON lines (e.g. an Aleph export).
    pub ftm: Option<DataFile>,
    /// Beneficial Ownership Data Standard statements (a JSON array).
    pub bods: Option<DataFile>,
    /// The charts the story asks for, by name (`owners`, `capacity`, `shutdowns`), in its
    /// order; none when the file lists none. A listed chart is shown only when the data
    /// supports it (`app::Session::charts`).
    pub charts: Vec<String>,
    /// The first step pre-rendered (`farmmap render`), a file next to the story file
    /// (`kazakhstan-2022.poster.svg`), shown by the embed before the map is ready; empty:
    /// none.
    pub poster: String,
    /// The language the story is written in (`"language": "ru"`), which the embed's
    /// interface follows unless the publisher's `lang` attribute says otherwise; `None`
    /// when the file names none.
    pub language: Option<Lang>,
    /// The data as published (`farmmap publish`): what the reader's build shows.
    pub published: Option<published::Published>,
}

impl Story {
    /// The source data files the story carries (farms, entities, links, FtM, BODS), in that
    /// order.
    pub fn source_files(&self) -> impl Iterator<Item = &DataFile> {
        [
            &self.farms,
            &self.entities,
            &self.links,
            &self.ftm,
            &self.bods,
        ]
        .into_iter()
        .flatten()
    }

    /// Whether the story brings data of its own (else the map keeps what it has).
    pub fn has_data(&self) -> bool {
        self.farms.is_some()
            || self.ftm.is_some()
            || self.bods.is_some()
            || self.published.is_some()
    }
}

fn text(v: Option<&Value>) -> String {
    v.and_then(Value::as_str).unwrap_or("").trim().to_string()
}

/// Parse a story file. Problems are named by step and field; a step with a bad camera keeps
/// its text (the camera stays put), so one typo does not lose a step.
pub fn parse(file: &str, json: &str) -> (Option<Story>, Vec<ImportError>) {
    let (parsed, errors) = parse_with_layout(file, json);
    (parsed.map(|(story, _)| story), errors)
}

/// [`parse`], plus the file's saved network `layout` object as it is written (checked when
/// it is applied to a network).
pub fn parse_with_layout(
    file: &str,
    json: &str,
) -> (Option<(Story, Option<Value>)>, Vec<ImportError>) {
    let mut errors = Vec::new();
    let root: Value = match crate::json::parse(json.trim_start_matches('\u{feff}')) {
        Ok(v) => v,
        Err(e) => {
            errors.push(
                ImportError::at(file, e.line(), None, format!("is not valid JSON ({e})"))
                    .in_unit("line"),
            );
            return (None, errors);
        }
    };
    let Some(obj) = root.as_object() else {
        errors.push(ImportError::file(
            file,
            "must be a JSON object with a \"steps\" list",
        ));
        return (None, errors);
    };
    let mut story = Story {
        title: text(obj.get("title")),
        dek: text(obj.get("dek")),
        illustrative_note: text(obj.get("illustrative_note")),
        ..Default::default()
    };
    if let Some(src) = obj.get("source") {
        story.source_name = text(src.get("name"));
        match check_url(&text(src.get("url"))) {
            Ok(u) => story.source_url = u,
            Err(m) => errors.push(
                ImportError {
                    column: Some("source.url".into()),
                    ..ImportError::file(file, m)
                }
                .warning(),
            ),
        }
    }
    if let Some(t) = obj.get("tiles").filter(|t| !t.is_null()) {
        story.tiles = parse_tiles(file, t, &mut errors);
    }
    if let Some(c) = obj.get("charts").filter(|c| !c.is_null()) {
        story.charts = parse_charts(file, c, &mut errors);
    }
    if let Some(p) = obj.get("poster").filter(|p| !p.is_null()) {
        story.poster = parse_poster(file, p, &mut errors);
    }
    if let Some(l) = obj.get("language").filter(|l| !l.is_null()) {
        story.language = parse_language(file, l, &mut errors);
    }
    if let Some(p) = obj.get("published").filter(|p| !p.is_null()) {
        let read = published::Published::from_json(p).and_then(|p| p.check().map(|()| p));
        match read {
            Ok(p) => story.published = Some(p),
            Err(why) => errors.push(ImportError {
                column: Some("published".into()),
                ..ImportError::file(
                    file,
                    format!("cannot be used ({why}); publish the story again (farmmap publish)"),
                )
            }),
        }
    }
    for key in ["farms", "entities", "links", "ftm", "bods"] {
        let Some(v) = obj.get(key).filter(|v| !v.is_null()) else {
            continue;
        };
        let df = parse_data_file(file, key, v, &mut errors);
        match key {
            "farms" => story.farms = df,
            "entities" => story.entities = df,
            "links" => story.links = df,
            "ftm" => story.ftm = df,
            _ => story.bods = df,
        }
    }
    let steps = match obj.get("steps") {
        Some(Value::Array(s)) => s.as_slice(),
        Some(_) => {
            errors.push(ImportError {
                column: Some("steps".into()),
                ..ImportError::file(file, "must be a list of steps")
            });
            &[]
        }
        None => &[],
    };
    for (i, s) in steps.iter().enumerate() {
        story.steps.push(parse_step(file, i + 1, s, &mut errors));
    }
    if story.steps.is_empty() {
        errors.push(
            ImportError::file(file, "has no steps; the map is shown without a story").warning(),
        );
    }
    let layout = obj.get("layout").filter(|v| !v.is_null()).cloned();
    (Some((story, layout)), errors)
}

/// The data file under `key`: `{"name", "text"}` or `{"name", "base64"}`, and for the farms
/// its `options`. Problems are named by field (`farms.base64`, `farms.options`); a file
/// whose content cannot be read is left out, bad options are left out with a warning.
fn parse_data_file(
    file: &str,
    key: &str,
    v: &Value,
    errors: &mut Vec<ImportError>,
) -> Option<DataFile> {
    let at = |field: &str, m: String| ImportError {
        column: Some(field.to_string()),
        ..ImportError::file(file, m)
    };
    let name = v.get("name").and_then(Value::as_str).unwrap_or(key);
    let text = v.get("text").and_then(Value::as_str);
    let base64 = v.get("base64").and_then(Value::as_str);
    let mut df = match (text, base64) {
        (Some(t), None) => DataFile::text(name, t),
        (None, Some(b)) => {
            if let Err(m) = base64::decode(b) {
                errors.push(at(
                    &format!("{key}.base64"),
                    format!("{m}; the file is left out"),
                ));
                return None;
            }
            DataFile {
                name: name.to_string(),
                base64: Some(b.to_string()),
                ..Default::default()
            }
        }
        (Some(_), Some(_)) => {
            errors.push(at(
                key,
                "has both \"text\" and \"base64\"; give one (the file is left out)".into(),
            ));
            return None;
        }
        (None, None) => {
            errors.push(at(
                key,
                "must be {\"name\": \"file name\", \"text\": \"the file's text\"} or {\"name\": …, \"base64\": \"the file's bytes\"}".into(),
            ));
            return None;
        }
    };
    match v.get("options").filter(|o| !o.is_null()) {
        None => {}
        Some(_) if key != "farms" => errors.push(
            at(
                &format!("{key}.options"),
                "only the farms file has options; ignored".into(),
            )
            .warning(),
        ),
        Some(o) => match read_farms_options(o) {
            Ok(opts) => df.options = opts,
            Err(e) => errors.push(
                at(
                    "farms.options",
                    format!(
                        "cannot be read ({e}); the farms file is read with every column guessed"
                    ),
                )
                .warning(),
            ),
        },
    }
    Some(df)
}

/// A farms file's `options`, read as serde reads [`FarmsOptions`]. The reader's build
/// (no feature `importers`) never reads a farms file, so it leaves them out, unread.
#[cfg(feature = "importers")]
fn read_farms_options(o: &Value) -> Result<Option<FarmsOptions>, String> {
    serde_json::from_value(serde_json::Value::from(o))
        .map(Some)
        .map_err(|e| e.to_string())
}

#[cfg(not(feature = "importers"))]
fn read_farms_options(_: &Value) -> Result<Option<FarmsOptions>, String> {
    Ok(None)
}

/// A story's tile layer, or `None` (with a warning) when it lacks a usable template or its
/// attribution.
fn parse_tiles(file: &str, t: &Value, errors: &mut Vec<ImportError>) -> Option<TileLayer> {
    let url = text(t.get("url"));
    let attribution = text(t.get("attribution"));
    let max_zoom = t
        .get("max_zoom")
        .and_then(Value::as_u64)
        .unwrap_or(18)
        .min(22) as u8;
    let relative = url.starts_with('/') && !url.starts_with("//");
    let ok_url = ["{z}", "{x}", "{y}"].iter().all(|k| url.contains(k))
        && (relative || check_url(&url).is_ok_and(|u| !u.is_empty()));
    if !ok_url {
        errors.push(ImportError {
            column: Some("tiles.url".into()),
            ..ImportError::file(file, "must be an https:// (or same-site /…) address with {z}, {x} and {y}; the tile layer is off")
        }.warning());
    } else if attribution.is_empty() {
        errors.push(
            ImportError {
                column: Some("tiles.attribution".into()),
                ..ImportError::file(
                    file,
                    "is empty; tiles need their attribution, so the tile layer is off",
                )
            }
            .warning(),
        );
    } else {
        return Some(TileLayer {
            url,
            attribution,
            max_zoom,
        });
    }
    None
}

/// The charts a story lists, by their names; unknown names are dropped with a warning.
fn parse_charts(file: &str, c: &Value, errors: &mut Vec<ImportError>) -> Vec<String> {
    let warn = |m: String| {
        ImportError {
            column: Some("charts".into()),
            ..ImportError::file(file, m)
        }
        .warning()
    };
    let Some(list) = c.as_array() else {
        errors.push(warn(
            "must be a list of chart names, e.g. [\"owners\", \"shutdowns\"]; no chart is shown"
                .into(),
        ));
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for v in list {
        let name = v.as_str().unwrap_or("").trim();
        match ChartKind::parse(name) {
            Some(k) if !out.iter().any(|n| n == k.name()) => out.push(k.name().to_string()),
            Some(_) => {}
            None => errors.push(warn(format!(
                "{v} is not a chart; expected owners, capacity or shutdowns"
            ))),
        }
    }
    out
}

/// The story's language: exactly `en`, `ru` or `kk` (so the file is written back as it
/// was); anything else is dropped with a warning and the page's language is used.
fn parse_language(file: &str, l: &Value, errors: &mut Vec<ImportError>) -> Option<Lang> {
    let code = l.as_str().unwrap_or("");
    let lang = Lang::ALL.into_iter().find(|lang| lang.code() == code);
    if lang.is_none() {
        let shown = match l.as_str() {
            Some(s) => format!("\"{s}\""),
            None => l.to_string(),
        };
        errors.push(
            ImportError {
                column: Some("language".into()),
                ..ImportError::file(
                    file,
                    format!("{shown} is not a language the interface has; expected \"en\", \"ru\" or \"kk\"; the page's language is used"),
                )
            }
            .warning(),
        );
    }
    lang
}

/// A poster's file name: relative to the story file, on its site (no scheme, no `//`, no
/// `..`), `.svg` or `.png`. Anything else is dropped with a warning.
fn parse_poster(file: &str, p: &Value, errors: &mut Vec<ImportError>) -> String {
    let name = p.as_str().unwrap_or("").trim();
    let lower = name.to_ascii_lowercase();
    let ok = !name.is_empty()
        && name.len() <= 200
        && (lower.ends_with(".svg") || lower.ends_with(".png"))
        && !name.starts_with('/')
        && name
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/'));
    if !ok {
        errors.push(
            ImportError {
                column: Some("poster".into()),
                ..ImportError::file(
                    file,
                    "must be a file name next to the story file (letters, digits, . - _ /), ending in .svg or .png; the poster is off",
                )
            }
            .warning(),
        );
        return String::new();
    }
    name.to_string()
}

/// Step `n` (1-based) of a story file; problems named by step and field.
fn parse_step(file: &str, n: usize, s: &Value, errors: &mut Vec<ImportError>) -> Step {
    let err = |col: &str, msg: String| ImportError::at(file, n, Some(col), msg).in_unit("step");
    let id = match text(s.get("id")) {
        id if id.is_empty() => format!("step-{n}"),
        id => id,
    };
    let camera = match s.get("camera") {
        None | Some(Value::Null) => StepCamera::Keep,
        Some(c) => parse_camera(c).unwrap_or_else(|(col, msg)| {
            errors.push(err(col, msg.into()).warning());
            StepCamera::Keep
        }),
    };
    let highlight = s
        .get("highlight")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let mut filter = Filter::default();
    if let Some(f) = s.get("filter") {
        if let Some(st) = f.get("status").and_then(Value::as_str) {
            match Status::parse(st) {
                Some(s) => filter.status = Some(s),
                None => errors.push(
                    err(
                        "filter.status",
                        format!(
                            "\"{st}\" is not a status; expected operating, shut down or unknown"
                        ),
                    )
                    .warning(),
                ),
            }
        }
        filter.owner = f.get("owner").and_then(Value::as_str).map(str::to_string);
    }
    let title = text(s.get("title"));
    if title.is_empty() {
        errors.push(err("title", "is empty; every step needs a title".into()).warning());
    }
    Step {
        id,
        title,
        text: text(s.get("text")),
        camera,
        highlight,
        filter,
    }
}

/// A step's camera, or the field at fault and why (the camera then stays put).
fn parse_camera(c: &Value) -> Result<StepCamera, (&'static str, &'static str)> {
    if let Some(b) = c.get("bounds") {
        let nums: Option<Vec<f64>> = b
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect());
        match nums.as_deref() {
            Some(&[w, s, e, n])
                if (-180.0..=180.0).contains(&w)
                    && (-180.0..=180.0).contains(&e)
                    && (-90.0..=90.0).contains(&s)
                    && (-90.0..=90.0).contains(&n)
                    && s < n =>
            {
                Ok(StepCamera::Bounds([w, s, e, n]))
            }
            _ => Err((
                "camera.bounds",
                "must be [west, south, east, north] in degrees, south below north",
            )),
        }
    } else if let Some(f) = c.get("focus") {
        let ids: Vec<String> = match f {
            Value::String(s) => vec![s.clone()],
            Value::Array(a) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        if ids.is_empty() {
            Err(("camera.focus", "must name at least one farm or entity id"))
        } else {
            Ok(StepCamera::Focus(ids))
        }
    } else {
        Err(("camera", "must have \"bounds\" or \"focus\""))
    }
}

/// Everything a story's data files hold: the farms for the map (from the farms file, plus
/// sites with coordinates from a FollowTheMoney export), the ownership network over them,
/// and every problem, named by file and row.
#[derive(Default)]
pub struct Loaded {
    pub farms: crate::import::Report<Farm>,
    pub network: crate::network::model::Network,
    /// The precision given to farms whose row gives none, when any row needed it (or the
    /// story's options chose one): the map's legend says it.
    pub precision_default: Option<Precision>,
    /// How many of the network's first nodes are the farms file's farms
    /// (`Network::with_farms` of the first farms).
    pub farm_nodes: usize,
}

/// A story's data as [`load`] checked it, handed from the editor's worker to the page's
/// map so the page never parses the files again. It crosses in pieces ([`to_chunks`],
/// read back by [`CheckedDataReader`]), each small enough to read in one short task on
/// the page: JSON between two instances of the same wasm build — an in-page hand-over,
/// not a file format.
///
/// [`to_chunks`]: CheckedData::to_chunks
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CheckedData {
    /// Whether the story has data files (else the map keeps what it shows).
    pub has_data: bool,
    pub farms: Vec<Farm>,
    pub network: crate::network::model::Network,
    pub precision_default: Option<Precision>,
    /// How many of the network's first nodes are `Network::with_farms` of the first farms
    /// (rebuilt on arrival rather than sent twice).
    pub farm_nodes: usize,
}

/// The first piece: everything but the farms.
#[derive(Serialize, serde::Deserialize)]
struct CheckedHead {
    has_data: bool,
    farms: usize,
    farm_nodes: usize,
    nodes: Vec<crate::network::model::Node>,
    ties: Vec<crate::network::model::Tie>,
    precision_default: Option<Precision>,
}

impl CheckedData {
    /// What the map needs of a loaded story.
    pub fn of(story: &Story, loaded: Loaded) -> CheckedData {
        CheckedData {
            has_data: story.has_data(),
            farms: loaded.farms.records,
            network: loaded.network,
            precision_default: loaded.precision_default,
            farm_nodes: loaded.farm_nodes,
        }
    }

    /// The data in pieces: the network's other nodes and ties first, then the farms,
    /// `farms_per_chunk` at a time.
    ///
    /// Editor only (feature `importers`).
    ///
    /// # Examples
    /// ```
    /// use farmmap::story::{CheckedData, CheckedDataReader};
    /// use farmmap::model::Farm;
    /// let farms: Vec<Farm> = (0..5).map(|i| Farm::at(&format!("F{i}"), 76.9, 43.2)).collect();
    /// let data = CheckedData { has_data: true, farms, ..Default::default() };
    /// let chunks = data.to_chunks(2);
    /// assert_eq!(chunks.len(), 4); // the head, then 2 + 2 + 1 farms
    /// let mut reader = CheckedDataReader::default();
    /// for c in &chunks {
    ///     reader.push(c).unwrap();
    /// }
    /// assert_eq!(reader.finish().unwrap(), data);
    /// assert!(CheckedDataReader::default().push(b"[1").is_err());
    /// ```
    #[cfg(feature = "importers")]
    pub fn to_chunks(&self, farms_per_chunk: usize) -> Vec<Vec<u8>> {
        let k = self
            .farm_nodes
            .min(self.farms.len())
            .min(self.network.nodes.len());
        let head = CheckedHead {
            has_data: self.has_data,
            farms: self.farms.len(),
            farm_nodes: k,
            nodes: self.network.nodes[k..].to_vec(),
            ties: self.network.ties.clone(),
            precision_default: self.precision_default,
        };
        // Plain data with string keys: serialising cannot fail.
        let mut out = vec![serde_json::to_vec(&head).unwrap_or_default()];
        out.extend(
            self.farms
                .chunks(farms_per_chunk.max(1))
                .map(|c| serde_json::to_vec(c).unwrap_or_default()),
        );
        out
    }
}

/// Reads [`CheckedData::to_chunks`]' pieces one at a time (the page reads one per task).
#[derive(Default)]
pub struct CheckedDataReader {
    head: Option<CheckedHead>,
    farms: Vec<Farm>,
}

impl CheckedDataReader {
    /// Read the next piece; `Err` says why it cannot be read (never a panic). Editor only
    /// (feature `importers`).
    #[cfg(feature = "importers")]
    pub fn push(&mut self, bytes: &[u8]) -> Result<(), String> {
        let bad = |e: serde_json::Error| format!("the checked data cannot be read ({e})");
        match &self.head {
            None => {
                let head: CheckedHead = serde_json::from_slice(bytes).map_err(bad)?;
                self.farms.reserve(head.farms);
                self.head = Some(head);
            }
            Some(_) => {
                let farms: Vec<Farm> = serde_json::from_slice(bytes).map_err(bad)?;
                self.farms.extend(farms);
            }
        }
        Ok(())
    }

    /// The data, once every piece is read.
    pub fn finish(self) -> Result<CheckedData, String> {
        let head = self.head.ok_or("the checked data is empty")?;
        if head.farms != self.farms.len() || head.farm_nodes > self.farms.len() {
            return Err(format!(
                "the checked data is incomplete: {} of {} farms",
                self.farms.len(),
                head.farms
            ));
        }
        let mut network =
            crate::network::model::Network::with_farms(&self.farms[..head.farm_nodes]);
        network.nodes.extend(head.nodes);
        network.ties = head.ties;
        Ok(CheckedData {
            has_data: head.has_data,
            farms: self.farms,
            network,
            precision_default: head.precision_default,
            farm_nodes: head.farm_nodes,
        })
    }
}

/// Load a story's data: its source files when this build reads them (feature `importers`)
/// and the story has any, else its published data ([`published`]), else nothing.
///
/// # Examples
/// ```
/// let story = farmmap::story::demo();
/// assert!(farmmap::story::load(&story).farms.records.len() > 10);
/// ```
pub fn load(story: &Story) -> Loaded {
    load_with_progress(story, &mut |_| {})
}

/// [`load`], telling `progress` how far the farms file is (the network files follow in
/// one step each).
pub fn load_with_progress(
    story: &Story,
    progress: &mut dyn FnMut(crate::import::Progress),
) -> Loaded {
    #[cfg(feature = "importers")]
    if story.source_files().next().is_some() {
        return load_sources_with_progress(story, progress);
    }
    let _ = progress;
    story
        .published
        .as_ref()
        .and_then(|p| p.to_loaded().ok())
        .unwrap_or_default()
}
/// Why this build cannot show a story's data, when it cannot: the reader's build reads
/// only published data, so a story with nothing but source files gets one sentence saying
/// how to publish it. `None` in a full build (feature `importers`).
///
/// # Examples
/// ```
/// let story = farmmap::story::Story {
///     farms: Some(farmmap::story::DataFile::text("farms.csv", "id,lat,lon\n")),
///     ..Default::default()
/// };
/// let refusal = farmmap::story::unreadable_sources("s.json", &story);
/// assert_eq!(refusal.is_some(), !cfg!(feature = "importers"));
/// ```
pub fn unreadable_sources(file: &str, story: &Story) -> Option<ImportError> {
    if cfg!(feature = "importers") || story.published.is_some() {
        return None;
    }
    let names: Vec<String> = story.source_files().map(|f| f.name.clone()).collect();
    (!names.is_empty()).then(|| {
        ImportError::file(
            file,
            format!(
                "carries its data only as source files ({}), which this reader's build does not read; publish the story (`farmmap publish {file} --out {file}`, or the editor's Download) and serve the published file",
                names.join(", ")
            ),
        )
    })
}

/// Load a story's source data files: the farms with the story's `options` (see
/// [`farms_report`]), then the network files over them.
#[cfg(feature = "importers")]
pub fn load_sources(story: &Story) -> Loaded {
    load_sources_with_progress(story, &mut |_| {})
}

/// [`load_sources`], telling `progress` how far the farms file is.
#[cfg(feature = "importers")]
pub fn load_sources_with_progress(
    story: &Story,
    progress: &mut dyn FnMut(crate::import::Progress),
) -> Loaded {
    use crate::import::{bods, ftm, links_csv};
    use crate::network::model::{Network, NodeKind};
    let (mut farms, precision_default) = match &story.farms {
        Some(f) => farms_report_with_progress(f, progress),
        None => (crate::import::Report::default(), None),
    };
    let mut network = Network::with_farms(&farms.records);
    let first_new = network.nodes.len();
    let mut bytes_of = |f: &DataFile| match f.bytes() {
        Ok(b) => b.into_owned(),
        Err(m) => {
            farms.errors.push(ImportError::file(&f.name, m));
            Vec::new()
        }
    };
    let entities = story.entities.as_ref().map(|f| (f, bytes_of(f)));
    let ftm_file = story.ftm.as_ref().map(|f| (f, bytes_of(f)));
    let bods_file = story.bods.as_ref().map(|f| (f, bytes_of(f)));
    let links = story.links.as_ref().map(|f| (f, bytes_of(f)));
    if let Some((f, b)) = entities {
        let r = links_csv::parse_entities(&f.name, &b, &network);
        network.nodes.extend(r.records);
        farms.errors.extend(r.errors);
    }
    if let Some((f, b)) = ftm_file {
        let parsed = ftm::parse(&f.name, &b, &network);
        farms.errors.extend(parsed.merge_into(&mut network));
    }
    if let Some((f, b)) = bods_file {
        let parsed = bods::parse(&f.name, &b, &network);
        farms.errors.extend(parsed.merge_into(&mut network));
    }
    if let Some((f, b)) = links {
        let r = links_csv::parse_links(&f.name, &b, &network);
        network.ties.extend(r.records);
        farms.errors.extend(r.errors);
    }
    // Located sites from the network files are farms on the map too (exact: a cadastral
    // site or an address with coordinates).
    for node in &network.nodes[first_new..] {
        if let (NodeKind::Farm, Some(lng), Some(lat)) = (node.kind, node.lng, node.lat) {
            let mut farm = Farm::at(&node.id, lng, lat);
            farm.name = node.name.clone();
            farm.precision = crate::model::Precision::Exact;
            farm.source_url = node.source_url.clone().unwrap_or_default();
            farms.records.push(farm);
        }
    }
    Loaded {
        farms,
        network,
        precision_default,
        farm_nodes: first_new,
    }
}

/// Read a farms data file with its options (CSV or a workbook by its bytes, GeoJSON by its
/// name); the report, and the precision rows that give none were drawn with, when any
/// were (or the options chose one).
#[cfg(feature = "importers")]
pub fn farms_report(f: &DataFile) -> (crate::import::Report<Farm>, Option<Precision>) {
    farms_report_with_progress(f, &mut |_| {})
}

/// [`farms_report`], telling `progress` how far it is.
#[cfg(feature = "importers")]
pub fn farms_report_with_progress(
    f: &DataFile,
    progress: &mut dyn FnMut(crate::import::Progress),
) -> (crate::import::Report<Farm>, Option<Precision>) {
    let bytes = match f.bytes() {
        Ok(b) => b,
        Err(m) => {
            let mut r = crate::import::Report::default();
            r.errors.push(ImportError::file(&f.name, m));
            return (r, None);
        }
    };
    let opts = f.options.clone().unwrap_or_default();
    let report = farms_file::parse_with_progress(&f.name, &bytes, &opts, progress);
    let default = farms_file::default_precision(&opts, &report);
    (report, default)
}

/// The demo story, with its data: the source files in a full build, the published data
/// (from the site's story file) in the reader's.
pub fn demo() -> Story {
    #[cfg(not(feature = "importers"))]
    {
        let (story, errors) = parse("kazakhstan-2022.json", DEMO_PUBLISHED_JSON);
        debug_assert!(errors.is_empty(), "{errors:?}");
        story.unwrap_or_default()
    }
    #[cfg(feature = "importers")]
    demo_from_sources()
}

/// The demo story from data/story/ (its steps and its source files).
#[cfg(feature = "importers")]
fn demo_from_sources() -> Story {
    let (story, errors) = parse("story.json", DEMO_STORY_JSON);
    debug_assert!(errors.is_empty(), "{errors:?}");
    let mut story = story.unwrap_or_default();
    story.farms = Some(DataFile::text("farms.csv", DEMO_FARMS_CSV));
    story.entities = Some(DataFile::text("entities.csv", DEMO_ENTITIES_CSV));
    story.links = Some(DataFile::text("links.csv", DEMO_LINKS_CSV));
    story
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::farms_csv;

    #[test]
    fn demo_story_parses_cleanly_and_every_focus_names_a_farm() {
        let (story, errors) = parse("story.json", DEMO_STORY_JSON);
        assert!(errors.is_empty(), "{errors:?}");
        let story = story.unwrap();
        assert!(story.steps.len() >= 6);
        let farms = farms_csv::parse("farms.csv", DEMO_FARMS_CSV.as_bytes());
        assert!(farms.errors.is_empty(), "{:?}", farms.errors);
        for step in &story.steps {
            if let StepCamera::Focus(ids) = &step.camera {
                for id in ids {
                    assert!(farms.records.iter().any(|f| &f.id == id), "{id}");
                }
            }
        }
        // Every demo farm is marked illustrative, and the story says so.
        assert!(farms.records.iter().all(Farm::is_illustrative));
        assert!(story.illustrative_note.contains("illustrative"));
    }

    #[test]
    fn bad_steps_are_named_and_kept() {
        let json = r#"{"steps":[{"title":"A","camera":{"bounds":[1,2,3]}},{"title":"","filter":{"status":"gone"}},{"title":"C","camera":{"focus":"F1"}}]}"#;
        let (story, errors) = parse("story.json", json);
        let story = story.unwrap();
        assert_eq!(story.steps.len(), 3);
        let msgs: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert!(
            msgs[0].starts_with(
                "story.json step 1, column camera.bounds: must be [west, south, east, north]"
            ),
            "{msgs:?}"
        );
        assert!(msgs
            .iter()
            .any(|m| m.starts_with("story.json step 2, column filter.status: \"gone\"")));
        assert!(msgs
            .iter()
            .any(|m| m.starts_with("story.json step 2, column title: is empty")));
        assert_eq!(story.steps[0].camera, StepCamera::Keep);
        assert_eq!(story.steps[2].camera, StepCamera::Focus(vec!["F1".into()]));
    }

    #[test]
    fn a_tile_layer_needs_a_template_and_its_attribution() {
        let ok = r#"{"steps":[{"title":"A"}],"tiles":{"url":"https://t.example.org/{z}/{x}/{y}.png","attribution":"© Example"}}"#;
        let (s, e) = parse("story.json", ok);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(s.unwrap().tiles.unwrap().max_zoom, 18);
        let no_attr =
            r#"{"steps":[{"title":"A"}],"tiles":{"url":"https://t.example.org/{z}/{x}/{y}.png"}}"#;
        let (s, e) = parse("story.json", no_attr);
        assert!(s.unwrap().tiles.is_none());
        assert_eq!(e[0].column.as_deref(), Some("tiles.attribution"));
        let bad =
            r#"{"steps":[{"title":"A"}],"tiles":{"url":"javascript:{z}{x}{y}","attribution":"x"}}"#;
        assert!(parse("story.json", bad).0.unwrap().tiles.is_none());
        // The demo story has none: no request leaves the page by default.
        assert!(demo().tiles.is_none());
    }

    #[test]
    fn followthemoney_sites_become_farms_and_ties_join_the_network() {
        let ftm = [
            r#"{"id":"re1","schema":"RealEstate","properties":{"name":["Site on the steppe"],"latitude":["51.7"],"longitude":["75.3"],"sourceUrl":["https://example.org/re1"]}}"#,
            r#"{"id":"co1","schema":"Company","properties":{"name":["Mining LLP"]}}"#,
            r#"{"id":"own1","schema":"Ownership","properties":{"owner":["co1"],"asset":["re1"],"percentage":["100"],"sourceUrl":["https://example.org/o"]}}"#,
            r#"{"id":"bad","schema":"Ownership","properties":{"owner":["ghost"],"asset":["re1"]}}"#,
        ]
        .join("\n");
        let story = Story {
            ftm: Some(DataFile::text("aleph.json", &ftm)),
            ..Default::default()
        };
        let loaded = load(&story);
        assert_eq!(loaded.farms.records.len(), 1);
        assert_eq!(loaded.farms.records[0].name, "Site on the steppe");
        assert_eq!(loaded.network.ties.len(), 1);
        assert!(
            loaded
                .farms
                .errors
                .iter()
                .any(|e| e.to_string().starts_with("aleph.json line 4")),
            "{:?}",
            loaded.farms.errors
        );
    }

    #[test]
    fn checked_data_crosses_in_chunks_unchanged() {
        let mut story = demo();
        story.ftm = Some(DataFile::text(
            "aleph.json",
            r#"{"id":"re1","schema":"RealEstate","properties":{"name":["Site"],"latitude":["51.7"],"longitude":["75.3"]}}"#,
        ));
        let loaded = load(&story);
        let data = CheckedData::of(&story, loaded);
        assert!(data.farm_nodes > 0 && data.farm_nodes < data.farms.len());
        for n in [1, 3, 1000] {
            let mut reader = CheckedDataReader::default();
            for c in data.to_chunks(n) {
                reader.push(&c).unwrap();
            }
            assert_eq!(reader.finish().unwrap(), data, "{n}");
        }
        let chunks = data.to_chunks(2);
        let mut reader = CheckedDataReader::default();
        reader.push(&chunks[0]).unwrap();
        assert!(reader.finish().unwrap_err().contains("incomplete"));
    }

    #[test]
    fn broken_json_names_the_line() {
        let (story, errors) = parse("story.json", "{\n\"steps\": [\n}");
        assert!(story.is_none());
        assert_eq!(errors[0].row, Some(3));
    }

    #[test]
    fn filter_matches_status_and_owner() {
        let mut f = Farm::at("a", 0.0, 0.0);
        f.status = Status::ShutDown;
        f.owner = "Bolat Nazarbayev".into();
        let filter = Filter {
            status: Some(Status::ShutDown),
            owner: Some("bolat".into()),
        };
        assert!(filter.matches(&f));
        f.status = Status::Operating;
        assert!(!filter.matches(&f));
    }
}
