//! What the page asks of Rust without a session: decoding an uploaded file, reading and
//! writing story files, loading the editor's network files, and the palette as CSS custom
//! properties.

#[cfg(feature = "importers")]
use super::results::ParsedStory;
#[cfg(feature = "importers")]
use super::results::{notes, ImportReport};
use super::results::{problems, DecodedFile, ImportProblem, StyleVariable};
use crate::import::ImportError;
#[cfg(feature = "importers")]
pub use crate::import::Progress;
#[cfg(feature = "importers")]
use crate::import::{bods, describe::FileColumns, ftm, links_csv};
use crate::model::Status;
use crate::network::model::Network;
use crate::scene::network_view::KINDS;
use crate::scene::style::Theme;
use crate::story;
use crate::story::file::status_key;
#[cfg(feature = "importers")]
pub use crate::story::file::StoryFile;
pub use crate::story::DataFile;
#[cfg(feature = "importers")]
use crate::story::{farms_file, CheckedData};

/// Decode an uploaded file's bytes to text: the one decoder (UTF-8 with or without a BOM,
/// UTF-16 with a BOM; lines that are not UTF-8 named by row). The reader's build (no
/// feature `importers`) decodes nothing: one problem says so.
///
/// # Examples
/// ```
/// # #[cfg(feature = "importers")] {
/// use farmmap::app::files::decode_data_file;
/// let utf16: Vec<u8> = [0xFF, 0xFE].into_iter()
///     .chain("id\n".encode_utf16().flat_map(u16::to_le_bytes))
///     .collect();
/// let d = decode_data_file("farms.csv", &utf16);
/// assert_eq!((d.text.as_str(), d.encoding.as_str()), ("id\n", "utf-16le"));
/// let bad = decode_data_file("farms.csv", b"id\n\xff\n");
/// assert_eq!(bad.problems[0].row, Some(2));
/// # }
/// ```
pub fn decode_data_file(name: &str, bytes: &[u8]) -> DecodedFile {
    #[cfg(not(feature = "importers"))]
    {
        let _ = bytes;
        DecodedFile {
            name: name.to_string(),
            text: String::new(),
            encoding: String::new(),
            problems: not_read_here(name),
        }
    }
    #[cfg(feature = "importers")]
    decode_with_importers(name, bytes)
}

/// The one problem the reader's build gives for a data file: it reads none.
pub fn not_read_here(file: &str) -> Vec<ImportProblem> {
    problems(&[ImportError::file(
        file,
        "is not read here: this is the reader's build, which shows published stories only; open the file in the editor (editor.html), which uses the full build",
    )])
}

#[cfg(feature = "importers")]
fn decode_with_importers(name: &str, bytes: &[u8]) -> DecodedFile {
    let encoding = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        "utf-8-bom"
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        "utf-16le"
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        "utf-16be"
    } else {
        "utf-8"
    };
    let decoded = crate::import::text::decode(name, bytes);
    DecodedFile {
        name: name.to_string(),
        text: decoded.text,
        encoding: encoding.into(),
        problems: problems(&decoded.errors),
    }
}

/// A file as a story keeps it, byte for byte: `text` when the bytes are UTF-8 (with or
/// without a BOM), else `base64` (a workbook, a legacy code page, UTF-16). Every importer
/// then reads the same bytes the editor was given.
///
/// # Examples
/// ```
/// use farmmap::app::files::data_file;
/// assert_eq!(data_file("f.csv", b"id\n").text.as_deref(), Some("id\n"));
/// let cp1251 = data_file("f.csv", b"\xcf\xe0\xe2\xeb\xee\xe4\xe0\xf0");
/// assert_eq!((cp1251.text.as_deref(), cp1251.base64.as_deref()), (None, Some("z+Di6+7k4PA=")));
/// assert_eq!(&*cp1251.bytes().unwrap(), b"\xcf\xe0\xe2\xeb\xee\xe4\xe0\xf0");
/// ```
pub fn data_file(name: &str, bytes: &[u8]) -> DataFile {
    match std::str::from_utf8(bytes) {
        Ok(text) => DataFile::text(name, text),
        Err(_) => DataFile {
            name: name.to_string(),
            base64: Some(story::base64::encode(bytes)),
            ..Default::default()
        },
    }
}

/// Rows `first..=last` of a data file (CSV in any encoding, or a workbook's sheet: the
/// file's `options.sheet`), decoded, with its header, numbered as a spreadsheet shows them:
/// the row a problem names, for any format ([`crate::import::rows`]).
///
/// # Examples
/// ```
/// use farmmap::app::files::{data_file, file_rows};
/// let f = data_file("f.csv", b"id,name\nA,\xcf\xe0\xe2\xeb\xee\xe4\xe0\xf0\n"); // Windows-1251
/// assert!(f.base64.is_some());
/// let r = file_rows(&f, 2, 2);
/// assert_eq!(r.rows[0].cells, ["A", "Павлодар"]);
/// ```
#[cfg(feature = "importers")]
pub fn file_rows(file: &DataFile, first: usize, last: usize) -> crate::import::rows::FileRows {
    let opts = file.options.clone().unwrap_or_default();
    match file.bytes() {
        Ok(bytes) => crate::import::rows::rows(&file.name, &bytes, &opts, first, last),
        Err(why) => crate::import::rows::FileRows {
            label: file.name.clone(),
            problem: Some(why),
            ..Default::default()
        },
    }
}

/// The header and the rows `rows` of a data file as a CSV to fix in a spreadsheet (UTF-8
/// with a byte-order mark, for any format: [`crate::import::rows::rows_csv`]); `Err` says
/// why the file has no rows.
#[cfg(feature = "importers")]
pub fn rows_csv(file: &DataFile, rows: &[usize]) -> Result<String, String> {
    let opts = file.options.clone().unwrap_or_default();
    let bytes = file.bytes()?;
    crate::import::rows::rows_csv(&file.name, &bytes, &opts, rows)
}

#[cfg(feature = "importers")]
/// How many farms each piece of [`CheckedStory::data`] holds when it crosses to the page
/// ([`CheckedData::to_chunks`]): about a megabyte, read in one short task.
pub const FARMS_PER_CHUNK: usize = 10_000;

#[cfg(feature = "importers")]
/// A story's data files checked as the reader's page loads them ([`story::load`]), for the
/// editor's worker: the files' problems and notes, the farms file's columns, and the data
/// for the page's map ([`CheckedData`], handed over in bulk).
pub struct CheckedStory {
    /// The data files' problems (the story file's own come from
    /// [`super::Session::load_story_checked`]).
    pub report: ImportReport,
    /// The farms file's columns with its options applied (the editor's column table).
    pub columns: Option<FileColumns>,
    /// The charts the data supports, as [`super::Session::chart_choices`] gives them once
    /// the data is shown (the editor's chart choice).
    pub charts: Vec<super::results::ChartChoice>,
    pub data: CheckedData,
}

#[cfg(feature = "importers")]
/// Check a story file's data (see [`CheckedStory`]), telling `progress` how far the farms
/// file is. `Err` only when the story file cannot be read at all.
///
/// # Examples
/// ```
/// use farmmap::app::files::check_story;
/// let text = r#"{"steps": [], "farms": {"name": "f.csv", "text": "Ref,Breite,Länge\nA,43.2,76.9\n",
///   "options": {"columns": {"Breite": "lat", "Länge": "lon"}}}}"#;
/// let mut steps = 0;
/// let checked = check_story("s.json", text, &mut |_| steps += 1).unwrap();
/// assert_eq!(checked.report.loaded, 1);
/// assert_eq!(checked.data.farms[0].lat, 43.2);
/// assert_eq!(checked.columns.unwrap().columns[1].key, "Breite");
/// assert_eq!(checked.charts[0].kind, "owners");
/// assert!(steps >= 2);
/// ```
pub fn check_story(
    name: &str,
    text: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<CheckedStory, ImportProblem> {
    let (parsed, errors) = story::parse(name, text);
    let Some(parsed) = parsed else {
        let first = errors.first().cloned();
        return Err(ImportProblem::from(
            &first.unwrap_or_else(|| ImportError::file(name, "cannot be read")),
        ));
    };
    let columns = parsed.farms.as_ref().and_then(|f| {
        let bytes = f.bytes().ok()?;
        Some(farms_file::describe(
            &f.name,
            &bytes,
            &f.options.clone().unwrap_or_default(),
        ))
    });
    let loaded = story::load_with_progress(&parsed, progress);
    let report = ImportReport {
        loaded: loaded.farms.records.len(),
        skipped: loaded.farms.skipped,
        problems: problems(&loaded.farms.errors),
        notes: notes(&loaded.farms.notes),
    };
    let data = CheckedData::of(&parsed, loaded);
    // Without data files the map keeps its farms: the page asks its map then.
    let charts = if data.has_data {
        super::publish::chart_choices(&data.farms, &parsed.charts)
    } else {
        Vec::new()
    };
    Ok(CheckedStory {
        report,
        columns,
        charts,
        data,
    })
}

/// Read a story file: the story when it could be read, and every problem.
///
/// # Examples
/// ```
/// use farmmap::app::files::{parse_story, story_to_json};
/// let text = "{\n \"title\": \"T\",\n \"steps\": []\n}\n";
/// let parsed = parse_story("s.json", text);
/// assert_eq!(parsed.problems.len(), 1); // "has no steps", a warning
/// assert_eq!(story_to_json(&parsed.story.unwrap()), text);
/// ```
#[cfg(feature = "importers")]
pub fn parse_story(name: &str, text: &str) -> ParsedStory {
    let (story, errors) = StoryFile::parse(name, text);
    ParsedStory {
        story,
        problems: problems(&errors),
    }
}

/// Publish a story file ([`crate::story::published::publish`]): its text with the
/// published data and its network's settled layout
/// ([`super::publish::with_settled_layout`]), every problem, and how the sources were read. The text is absent only
/// when the file cannot be read at all.
///
/// # Examples
/// ```
/// # #[cfg(feature = "importers")] {
/// let story = r#"{"steps": [{"title": "A"}], "farms": {"name": "f.csv", "text": "id,lat,lon\nA,43.2,76.9\n"}}"#;
/// let out = farmmap::app::files::publish_story("s.json", story, true);
/// assert!(out.text.unwrap().contains("\"published\""));
/// assert!(out.problems.is_empty());
/// # }
/// ```
#[cfg(feature = "importers")]
pub fn publish_story(
    name: &str,
    text: &str,
    keep_sources: bool,
) -> super::results::PublishedStoryText {
    use super::results::{notes, PublishedStoryText};
    match crate::story::published::publish(name, text, keep_sources) {
        Ok(out) => PublishedStoryText {
            text: Some(super::publish::with_settled_layout(name, out.text)),
            problems: problems(&out.problems),
            notes: notes(&out.notes),
        },
        Err(e) => PublishedStoryText {
            text: None,
            problems: problems(&[e]),
            notes: Vec::new(),
        },
    }
}

/// A story file's text, as [`parse_story`] reads it back.
#[cfg(feature = "importers")]
pub fn story_to_json(story: &StoryFile) -> String {
    story.to_json()
}

/// Use `json` as the interface's catalogue in a build without one compiled in (the
/// reader's wasm): see [`crate::i18n::provide_catalogue`].
pub fn provide_catalogue(json: &str) -> Result<(), String> {
    crate::i18n::provide_catalogue(json)
}

/// [`style_variables_for`] the theme named `name` ("dark"; anything else: light).
pub fn style_variables_named(name: &str) -> Vec<StyleVariable> {
    style_variables_for(Theme::parse(name).unwrap_or_default())
}

/// A count in the language tagged `lang` (English for another), as the badges write it
/// ([`crate::i18n::count`]); a negative, fractional or non-finite number is written as
/// Rust writes it.
///
/// # Examples
/// ```
/// assert_eq!(farmmap::app::files::format_count(118_330.0, "ru-RU"), "118\u{a0}тыс.");
/// ```
pub fn format_count(n: f64, lang: &str) -> String {
    let lang = crate::i18n::Lang::parse(lang).unwrap_or_default();
    if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n < 1.8e19 {
        crate::i18n::count(lang, n as u64)
    } else {
        crate::json::Plain(n).to_string()
    }
}

/// A number in the language tagged `lang` (English for another) with at most `fraction`
/// decimals (capped at 6), as [`crate::i18n::number`] writes it.
///
/// # Examples
/// ```
/// assert_eq!(farmmap::app::files::format_number(1234.5, "kk", 1), "1\u{a0}234,5");
/// ```
pub fn format_number(value: f64, lang: &str, fraction: u32) -> String {
    let lang = crate::i18n::Lang::parse(lang).unwrap_or_default();
    crate::i18n::number(lang, value, fraction.min(6))
}

/// CSS custom properties from Rust's light palette ([`style_variables_for`]).
///
/// # Examples
/// ```
/// let vars = farmmap::app::files::style_variables();
/// let op = vars.iter().find(|v| v.name == "--fm-status-operating").unwrap();
/// assert_eq!(op.value, "#D55E00");
/// ```
pub fn style_variables() -> Vec<StyleVariable> {
    style_variables_for(Theme::Light)
}

/// CSS custom properties from Rust's palette in `theme`: status colours
/// (`--fm-status-shut-down`), the network's kind colours (`--fm-kind-public-body`), its tie
/// lines (`--fm-tie`, `--fm-tie-former`, `--fm-money-flow`), selection and focus, and the
/// grounds the canvases are drawn on (`--fm-map-bg`, `--fm-net-bg`), so the page's legend
/// and frames match what Rust draws.
///
/// # Examples
/// ```
/// use farmmap::app::files::style_variables_for;
/// use farmmap::scene::style::Theme;
/// let dark = style_variables_for(Theme::Dark);
/// let shut = dark.iter().find(|v| v.name == "--fm-status-shut-down").unwrap();
/// assert_eq!(shut.value, "#56B4E9");
/// ```
pub fn style_variables_for(theme: Theme) -> Vec<StyleVariable> {
    let p = theme.palette();
    let var = |name: String, value: &str| StyleVariable {
        name,
        value: value.to_string(),
    };
    let slug = |s: &str| s.replace([' ', '_'], "-");
    let mut out: Vec<StyleVariable> = Status::ALL
        .iter()
        .map(|&s| {
            var(
                format!("--fm-status-{}", slug(status_key(s))),
                p.status_color(s),
            )
        })
        .collect();
    out.extend(
        KINDS
            .iter()
            .zip(p.kinds)
            .map(|(k, c)| var(format!("--fm-kind-{}", slug(k.label())), c)),
    );
    out.push(var("--fm-tie".into(), p.tie));
    out.push(var("--fm-tie-former".into(), p.former_tie));
    out.push(var("--fm-money-flow".into(), p.money_flow));
    out.push(var("--fm-selection".into(), p.selection));
    out.push(var("--fm-focus".into(), p.focus));
    out.push(var("--fm-map-bg".into(), p.sea));
    out.push(var("--fm-net-bg".into(), p.network_background));
    out
}

/// Add an entities spreadsheet's people and companies to `network`; every problem, in the
/// one shape every importer reports. Good rows are kept. (The network loaders below read
/// nothing in the reader's build, without feature `importers`: one problem says so.)
///
/// # Examples
/// ```
/// # #[cfg(feature = "importers")] {
/// use farmmap::app::files::load_entities_csv;
/// let mut net = farmmap::network::model::Network::default();
/// let problems = load_entities_csv(&mut net, "e.csv", b"id,kind,name\np1,person,Ann\n");
/// assert!(problems.is_empty());
/// assert_eq!(net.nodes.len(), 1);
/// # }
/// ```
pub fn load_entities_csv(network: &mut Network, file: &str, bytes: &[u8]) -> Vec<ImportProblem> {
    #[cfg(feature = "importers")]
    {
        let report = links_csv::parse_entities(file, bytes, network);
        network.nodes.extend(report.records);
        problems(&report.errors)
    }
    #[cfg(not(feature = "importers"))]
    {
        let _ = (network, bytes);
        not_read_here(file)
    }
}

/// Add a links spreadsheet's ties to `network` (their ends must be nodes already).
pub fn load_links_csv(network: &mut Network, file: &str, bytes: &[u8]) -> Vec<ImportProblem> {
    #[cfg(feature = "importers")]
    {
        let report = links_csv::parse_links(file, bytes, network);
        network.ties.extend(report.records);
        problems(&report.errors)
    }
    #[cfg(not(feature = "importers"))]
    {
        let _ = (network, bytes);
        not_read_here(file)
    }
}

/// Add FollowTheMoney entities (JSON lines) to `network`.
pub fn load_ftm(network: &mut Network, file: &str, bytes: &[u8]) -> Vec<ImportProblem> {
    #[cfg(feature = "importers")]
    {
        let parsed = ftm::parse(file, bytes, network);
        problems(&parsed.merge_into(network))
    }
    #[cfg(not(feature = "importers"))]
    {
        let _ = (network, bytes);
        not_read_here(file)
    }
}

/// Add BODS statements (a JSON array) to `network`.
pub fn load_bods(network: &mut Network, file: &str, bytes: &[u8]) -> Vec<ImportProblem> {
    #[cfg(feature = "importers")]
    {
        let parsed = bods::parse(file, bytes, network);
        problems(&parsed.merge_into(network))
    }
    #[cfg(not(feature = "importers"))]
    {
        let _ = (network, bytes);
        not_read_here(file)
    }
}
