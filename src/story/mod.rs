//! The story file: title, source, the steps a reader walks through, and (optionally) the data
//! itself as the editor's original files, so errors still name the editor's own rows.
//!
//! ```json
//! { "title": "…", "source": {"name": "…", "url": "https://…"},
//!   "farms": {"name": "farms.csv", "text": "id,name,lat,lon\n…"},
//!   "steps": [{"id": "s1", "title": "…", "text": "…",
//!              "camera": {"bounds": [w, s, e, n]} | {"focus": ["farm or entity id"]},
//!              "highlight": ["id", …], "filter": {"status": "shut down"}}] }
//! ```

pub mod file;
pub mod layout;
pub mod table;
pub mod url;

use crate::basemap::TileLayer;
use crate::charts::ChartKind;
use crate::import::{check_url, ImportError};
use crate::model::{Farm, Status};
use serde::Serialize;
use serde_json::Value;

/// The embedded demo story (see data/README.md: its farm sites are illustrative).
pub const DEMO_STORY_JSON: &str = include_str!("../../data/story/story.json");
pub const DEMO_FARMS_CSV: &str = include_str!("../../data/story/farms.csv");
pub const DEMO_ENTITIES_CSV: &str = include_str!("../../data/story/entities.csv");
pub const DEMO_LINKS_CSV: &str = include_str!("../../data/story/links.csv");

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

/// An embedded data file: its original name (for messages) and its text.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DataFile {
    pub name: String,
    pub text: String,
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
    let root: Value = match serde_json::from_str(json.trim_start_matches('\u{feff}')) {
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
    for key in ["farms", "entities", "links", "ftm", "bods"] {
        let Some(v) = obj.get(key) else { continue };
        let df = match (
            v.get("name").and_then(Value::as_str),
            v.get("text").and_then(Value::as_str),
        ) {
            (name, Some(t)) => Some(DataFile {
                name: name.unwrap_or(key).to_string(),
                text: t.to_string(),
            }),
            _ => {
                errors.push(ImportError {
                    column: Some(key.into()),
                    ..ImportError::file(
                        file,
                        "must be {\"name\": \"file name\", \"text\": \"the file's text\"}",
                    )
                });
                None
            }
        };
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
pub struct Loaded {
    pub farms: crate::import::Report<Farm>,
    pub network: crate::network::model::Network,
}

pub fn load(story: &Story) -> Loaded {
    use crate::import::{bods, ftm, links_csv};
    use crate::network::model::{Network, NodeKind};
    let mut farms = match &story.farms {
        Some(f) => crate::import::farms_csv::parse(&f.name, f.text.as_bytes()),
        None => crate::import::Report::default(),
    };
    let mut network = Network::with_farms(&farms.records);
    let first_new = network.nodes.len();
    if let Some(f) = &story.entities {
        let r = links_csv::parse_entities(&f.name, f.text.as_bytes(), &network);
        network.nodes.extend(r.records);
        farms.errors.extend(r.errors);
    }
    if let Some(f) = &story.ftm {
        let parsed = ftm::parse(&f.name, f.text.as_bytes(), &network);
        farms.errors.extend(parsed.merge_into(&mut network));
    }
    if let Some(f) = &story.bods {
        let parsed = bods::parse(&f.name, f.text.as_bytes(), &network);
        farms.errors.extend(parsed.merge_into(&mut network));
    }
    if let Some(f) = &story.links {
        let r = links_csv::parse_links(&f.name, f.text.as_bytes(), &network);
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
    Loaded { farms, network }
}

/// The demo story, with its data files attached.
pub fn demo() -> Story {
    let (story, errors) = parse("story.json", DEMO_STORY_JSON);
    debug_assert!(errors.is_empty(), "{errors:?}");
    let mut story = story.unwrap_or_default();
    story.farms = Some(DataFile {
        name: "farms.csv".into(),
        text: DEMO_FARMS_CSV.into(),
    });
    story.entities = Some(DataFile {
        name: "entities.csv".into(),
        text: DEMO_ENTITIES_CSV.into(),
    });
    story.links = Some(DataFile {
        name: "links.csv".into(),
        text: DEMO_LINKS_CSV.into(),
    });
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
            ftm: Some(DataFile {
                name: "aleph.json".into(),
                text: ftm,
            }),
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
