//! The story file format as data: every field a story file has, so the editor builds and
//! edits stories through Rust and writes them back with [`StoryFile::to_json`].
//!
//! Keys are snake_case because this *is* the file format. [`StoryFile::parse`] checks the
//! file as the reader does ([`super::parse`], every problem named) and keeps what it could
//! read; `to_json` writes it the way `scripts/data/build_story.mjs` does
//! (`JSON.stringify(story, null, 1)` and a newline), so parsing a written file and writing
//! it again gives the same bytes.

//!
//! Editor only (feature `importers`), but for [`status_key`]: the reader's build reads
//! story files ([`super::parse`]) and never writes one.

#[cfg(feature = "importers")]
use super::{DataFile, Filter, Step, StepCamera, Story};
#[cfg(feature = "importers")]
use crate::import::ImportError;
use crate::model::Status;
#[cfg(feature = "importers")]
use serde::{Deserialize, Serialize, Serializer};
#[cfg(feature = "importers")]
use serde_json::Value;

/// The story file: `{title, language, dek, source, illustrative_note, tiles, charts, poster,
/// steps, farms, entities, links, ftm, bods, layout, published}`.
#[cfg(feature = "importers")]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct StoryFile {
    #[serde(default)]
    pub title: String,
    /// The language the story is written in: `"en"`, `"ru"` or `"kk"` (the embed's
    /// interface follows it unless the publisher's `lang` attribute says otherwise).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "\"en\" | \"ru\" | \"kk\"", optional)
    )]
    pub language: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub dek: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceFile>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub illustrative_note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiles: Option<TilesFile>,
    /// The charts the story asks for (`owners`, `capacity`, `shutdowns`); absent: none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "(\"owners\" | \"capacity\" | \"shutdowns\")[]", optional)
    )]
    pub charts: Vec<String>,
    /// The pre-rendered first step, a file next to the story file (`…poster.svg`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub poster: String,
    #[serde(default)]
    pub steps: Vec<StepFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub farms: Option<DataFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities: Option<DataFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<DataFile>,
    /// FollowTheMoney entities as JSON lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ftm: Option<DataFile>,
    /// BODS statements (a JSON array).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bods: Option<DataFile>,
    /// The network's saved layout: `{"positions": {"node id": [x, y]}}`, on one line like
    /// `published` (`farmmap publish` writes every shown node's position).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "one_line"
    )]
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "{ positions: Record<string, [number, number]> }")
    )]
    pub layout: Option<Value>,
    /// The data as loaded and checked (`farmmap publish`; see `story::published`): what the
    /// reader's build reads. Kept as it is written; `publishStory` writes it anew.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "one_line"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown", optional))]
    pub published: Option<Value>,
}

/// `{"name": …, "url": …}`.
#[cfg(feature = "importers")]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SourceFile {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
}

/// An optional raster tile layer (requests leave the page: it must carry its attribution).
#[cfg(feature = "importers")]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TilesFile {
    pub url: String,
    pub attribution: String,
    pub max_zoom: u8,
}

/// One step of the story.
#[cfg(feature = "importers")]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct StepFile {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub text: String,
    /// Absent: the camera stays where the reader put it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub camera: Option<CameraFile>,
    #[serde(default)]
    pub highlight: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<FilterFile>,
}

/// `{"bounds": [west, south, east, north]}` or `{"focus": ["farm or entity id", …]}`.
#[cfg(feature = "importers")]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum CameraFile {
    Bounds(#[serde(serialize_with = "js_numbers")] [f64; 4]),
    Focus(Vec<String>),
}

/// `{"status": "shut down", "owner": "text"}`, both optional.
#[cfg(feature = "importers")]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct FilterFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "\"operating\" | \"shut down\" | \"unknown\"")
    )]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

/// Numbers as JavaScript writes them: `87`, not `87.0`.
#[cfg(feature = "importers")]
fn js_numbers<S: Serializer>(values: &[f64; 4], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeTuple;
    let mut t = s.serialize_tuple(4)?;
    for &v in values {
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            t.serialize_element(&(v as i64))?;
        } else {
            t.serialize_element(&v)?;
        }
    }
    t.end()
}

/// A JSON value on one line, even inside the indented file: published data and layouts are
/// read by programs, and one line keeps the file small.
#[cfg(feature = "importers")]
fn one_line<S: Serializer>(value: &Option<Value>, s: S) -> Result<S::Ok, S::Error> {
    let text = serde_json::to_string(value).map_err(serde::ser::Error::custom)?;
    let raw = serde_json::value::RawValue::from_string(text).map_err(serde::ser::Error::custom)?;
    raw.serialize(s)
}

/// The word a story file uses for a status (`"shut down"`), which [`Status::parse`] reads.
pub fn status_key(status: Status) -> &'static str {
    match status {
        Status::Operating => "operating",
        Status::ShutDown => "shut down",
        Status::Unknown => "unknown",
    }
}

#[cfg(feature = "importers")]
impl StoryFile {
    /// Read a story file as [`super::parse`] does (every problem named, what can be read
    /// kept); `None` only when the file is not a JSON object.
    ///
    /// # Examples
    /// ```
    /// use farmmap::story::file::StoryFile;
    /// let text = "{\n \"title\": \"T\",\n \"steps\": [\n  {\n   \"id\": \"a\",\n   \"title\": \"A\",\n   \"text\": \"\",\n   \"highlight\": []\n  }\n ]\n}\n";
    /// let (story, problems) = StoryFile::parse("story.json", text);
    /// assert!(problems.is_empty());
    /// assert_eq!(story.unwrap().to_json(), text);
    /// ```
    pub fn parse(file: &str, text: &str) -> (Option<StoryFile>, Vec<ImportError>) {
        let (parsed, errors) = super::parse_with_layout(file, text);
        (
            parsed.map(|(story, layout)| StoryFile::from_story(&story, layout)),
            errors,
        )
    }

    /// The file of a parsed story and its saved layout.
    pub fn from_story(story: &Story, layout: Option<crate::json::Value>) -> StoryFile {
        StoryFile {
            title: story.title.clone(),
            language: story
                .language
                .map(|l| l.code().to_string())
                .unwrap_or_default(),
            dek: story.dek.clone(),
            source: (!story.source_name.is_empty() || !story.source_url.is_empty()).then(|| {
                SourceFile {
                    name: story.source_name.clone(),
                    url: story.source_url.clone(),
                }
            }),
            illustrative_note: story.illustrative_note.clone(),
            tiles: story.tiles.as_ref().map(|t| TilesFile {
                url: t.url.clone(),
                attribution: t.attribution.clone(),
                max_zoom: t.max_zoom,
            }),
            charts: story.charts.clone(),
            poster: story.poster.clone(),
            steps: story.steps.iter().map(step_file).collect(),
            farms: story.farms.clone(),
            entities: story.entities.clone(),
            links: story.links.clone(),
            ftm: story.ftm.clone(),
            bods: story.bods.clone(),
            layout: layout.as_ref().map(Value::from),
            published: story.published.as_ref().map(|p| {
                serde_json::to_value(p).expect("published data is plain strings and numbers")
            }),
        }
    }

    /// The file's text: one-space indentation and a final newline, keys in format order.
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
        // Serialising plain strings, numbers and a JSON value cannot fail.
        self.serialize(&mut ser)
            .expect("a story file always serialises");
        let mut text = String::from_utf8(out).expect("serde_json writes UTF-8");
        text.push('\n');
        text
    }
}

#[cfg(feature = "importers")]
fn step_file(step: &Step) -> StepFile {
    StepFile {
        id: step.id.clone(),
        title: step.title.clone(),
        text: step.text.clone(),
        camera: match &step.camera {
            StepCamera::Keep => None,
            StepCamera::Bounds(b) => Some(CameraFile::Bounds(*b)),
            StepCamera::Focus(ids) => Some(CameraFile::Focus(ids.clone())),
        },
        highlight: step.highlight.clone(),
        filter: filter_file(&step.filter),
    }
}

#[cfg(feature = "importers")]
fn filter_file(filter: &Filter) -> Option<FilterFile> {
    (!filter.is_empty()).then(|| FilterFile {
        status: filter.status.map(|s| status_key(s).to_string()),
        owner: filter.owner.clone(),
    })
}

#[cfg(all(test, feature = "importers"))]
mod tests {
    use super::*;

    const DEMO_FILE: &str = include_str!("../../www/stories/kazakhstan-2022.json");

    #[test]
    fn the_demo_story_file_round_trips_byte_for_byte() {
        let (story, problems) = StoryFile::parse("kazakhstan-2022.json", DEMO_FILE);
        assert!(problems.is_empty(), "{problems:?}");
        let story = story.unwrap();
        assert_eq!(story.steps.len(), 7);
        assert_eq!(
            story.steps[1].camera,
            Some(CameraFile::Focus(vec!["F-BN".into()]))
        );
        assert_eq!(story.to_json(), DEMO_FILE);
    }

    fn every_field() -> StoryFile {
        let file = |name: &str| {
            Some(DataFile::text(
                name,
                &format!("text of {name}\n\"quoted\"\tand tab"),
            ))
        };
        let options: crate::import::mapping::FarmsOptions = serde_json::from_str(
            r#"{"sheet": "Plants", "precision_default": "city", "number_format": "1.234,5",
                "columns": {"Power Plant ID": "id", "Leistung (kW)": {"field": "capacity_mw", "unit": "kW", "number_format": "1 234,5"}, "Ort": "place", "B": "ignore"}}"#,
        )
        .unwrap();
        StoryFile {
            title: "T".into(),
            language: "kk".into(),
            dek: "D".into(),
            source: Some(SourceFile {
                name: "S".into(),
                url: "https://example.org/s".into(),
            }),
            illustrative_note: "N".into(),
            tiles: Some(TilesFile {
                url: "https://t.example.org/{z}/{x}/{y}.png".into(),
                attribution: "© T".into(),
                max_zoom: 12,
            }),
            charts: vec!["shutdowns".into(), "owners".into()],
            poster: "stories/t.poster.svg".into(),
            steps: vec![
                StepFile {
                    id: "a".into(),
                    title: "A".into(),
                    text: "x".into(),
                    camera: Some(CameraFile::Bounds([46.5, 40.0, 87.25, 55.5])),
                    highlight: vec!["F1".into()],
                    filter: Some(FilterFile {
                        status: Some("shut down".into()),
                        owner: Some("bolat".into()),
                    }),
                },
                StepFile {
                    id: "b".into(),
                    title: "B".into(),
                    camera: Some(CameraFile::Focus(vec!["p1".into(), "F2".into()])),
                    ..Default::default()
                },
            ],
            farms: Some(DataFile {
                name: "plants.xlsx".into(),
                text: None,
                base64: Some(super::super::base64::encode(
                    b"PK\x03\x04 not really a workbook",
                )),
                options: Some(options),
            }),
            entities: file("entities.csv"),
            links: file("links.csv"),
            ftm: file("aleph.json"),
            bods: file("bods.json"),
            layout: Some(serde_json::json!({"positions": {"F1": [1.5, -2], "p1": [0, 3.25]}})),
            published: Some(
                serde_json::to_value(crate::story::published::Published {
                    format: crate::story::published::FORMAT,
                    sources: vec!["plants.xlsx".into()],
                    farms: crate::story::published::FarmColumns::from_farms(&[
                        crate::model::Farm::at("F1", 75.3, 51.7),
                    ]),
                    farm_nodes: 1,
                    ..Default::default()
                })
                .unwrap(),
            ),
        }
    }

    #[test]
    fn a_story_with_every_field_round_trips() {
        let story = every_field();
        let text = story.to_json();
        assert!(
            text.contains("\"bounds\": [\n     46.5,\n     40,\n"),
            "{text}"
        );
        assert!(text.contains("\"base64\": \"UEsDBC"), "{text}");
        assert!(text.contains("\"precision_default\": \"city\""), "{text}");
        assert!(
            text.starts_with("{\n \"title\": \"T\",\n \"language\": \"kk\",\n"),
            "{text}"
        );
        let (parsed, problems) = StoryFile::parse("story.json", &text);
        assert!(problems.is_empty(), "{problems:?}");
        let parsed = parsed.unwrap();
        assert_eq!(parsed, story);
        assert_eq!(parsed.to_json(), text);
    }

    #[test]
    fn a_data_file_names_the_field_at_fault() {
        let text = r#"{"steps": [{"title": "A"}],
          "farms": {"name": "p.xlsx", "base64": "UEsD*BA=="},
          "links": {"name": "l.csv", "text": "a", "options": {"sheet": "x"}},
          "entities": {"name": "e.csv", "text": "a", "base64": "YQ=="}}"#;
        let (story, problems) = StoryFile::parse("story.json", text);
        let story = story.unwrap();
        let texts: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(
            texts.iter().any(|t| t.starts_with(
                "story.json, column farms.base64: is not base64: \"*\" at character 5"
            )),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.contains("column links.options: only the farms file")),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.contains("column entities: has both")),
            "{texts:?}"
        );
        assert!(story.farms.is_none() && story.entities.is_none());
        assert!(story.links.is_some());
        let bad_options = r#"{"steps": [{"title": "A"}], "farms": {"name": "f.csv", "text": "id", "options": {"precision_default": "street"}}}"#;
        let (story, problems) = StoryFile::parse("story.json", bad_options);
        assert_eq!(problems[0].column.as_deref(), Some("farms.options"));
        assert!(story.unwrap().farms.unwrap().options.is_none());
    }

    #[test]
    fn a_language_the_interface_lacks_is_named_and_dropped() {
        for (value, shown) in [("\"de\"", "\"de\""), ("\"ru-RU\"", "\"ru-RU\""), ("3", "3")] {
            let text =
                format!(r#"{{"title": "T", "language": {value}, "steps": [{{"title": "A"}}]}}"#);
            let (story, problems) = StoryFile::parse("story.json", &text);
            assert_eq!(story.unwrap().language, "");
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(problems[0].column.as_deref(), Some("language"));
            assert!(
                problems[0]
                    .message
                    .starts_with(&format!("{shown} is not a language")),
                "{}",
                problems[0].message
            );
        }
    }

    #[test]
    fn an_unreadable_file_has_no_story_and_names_the_line() {
        let (story, problems) = StoryFile::parse("story.json", "{\n\"steps\": [\n}");
        assert!(story.is_none());
        assert_eq!(problems[0].row, Some(3));
    }
}
