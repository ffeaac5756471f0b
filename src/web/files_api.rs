//! Free functions over files and style: conversion and forwarding to [`crate::app::files`].

use super::convert::to_js;
#[cfg(feature = "editor")]
use super::convert::{from_js, opt_to_js};
use crate::app::files;
#[cfg(feature = "editor")]
use crate::app::files::DataFile;
#[cfg(feature = "editor")]
use crate::app::files::StoryFile;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const CHECK_TYPES: &str = r#"
/** How far a check is: `done` of `total` (bytes while reading, rows while checking). */
export interface CheckProgress { stage: "reading" | "checking"; done: number; total: number }
/** One column of a farms file, as the editor's column table shows it (src/import/describe.rs). */
export interface ColumnInfo {
  index: number; letter: string; header: string;
  /** the key naming it in `FarmsOptions.columns` */
  key: string;
  field?: FarmField;
  source: "mapped" | "guessed" | "unused" | "extra";
  unit?: "W" | "kW" | "MW" | "GW";
  mappedFormat?: NumberFormat;
  kind: "number" | "date" | "link" | "text" | "empty";
  numberFormat?: NumberFormat;
  /** how its dates are written, as far as its values tell */
  dateFormat?: DateFormat;
  mappedDateFormat?: DateFormat;
  /** slashed dates that read two ways (01/02/2022) while the values do not decide */
  ambiguousDates: number;
  ambiguous: number; filled: number; samples: string[];
}
/** Some rows of a data file, decoded, numbered as a spreadsheet shows them (src/import/rows.rs). */
export interface FileRows { label: string; headerRow: number; header: string[];
  /** how problems name each column: its header, or its letter in a workbook */
  names: string[]; rows: { row: number; cells: string[] }[]; problem?: string }
/** A farms file's columns (a GeoJSON file's properties). */
export interface FileColumns { label: string; sheet?: string; sheets: string[]; headerRow: number; rows: number; columns: ColumnInfo[]; problem?: string }
/** A story's data checked (checkStory): the files' problems, the farms file's columns, the charts the data supports (as `FarmMap.chartChoices`; empty without data files), and the data for `FarmMap.loadCheckedStory`, in pieces (`CheckedDataReader.push` each). */
export interface CheckedStory { report: ImportReport; columns?: FileColumns; charts: ChartChoice[]; data: Uint8Array[] }
"#;

/// A file as a story keeps it: `{name, text}` when its bytes are UTF-8, else
/// `{name, base64}` (byte for byte).
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = dataFile, unchecked_return_type = "DataFile")]
pub fn data_file(name: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
    to_js(&files::data_file(name, bytes))
}

/// Check a story file's data as the reader's page loads it; `onProgress` (optional) gets a
/// `CheckProgress` as it goes. Throws when the story file cannot be read at all.
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = checkStory, unchecked_return_type = "CheckedStory")]
pub fn check_story(
    name: &str,
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "(p: CheckProgress) => void")] on_progress: Option<
        js_sys::Function,
    >,
) -> Result<JsValue, JsError> {
    let mut report = |p: files::Progress| {
        if let (Some(f), Ok(v)) = (&on_progress, to_js(&p)) {
            let _ = f.call1(&JsValue::NULL, &v);
        }
    };
    let checked = files::check_story(name, text, &mut report).map_err(|p| JsError::new(&p.text))?;
    let out = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &JsValue::from_str(k), v);
    let bytes: js_sys::Array = checked
        .data
        .to_chunks(files::FARMS_PER_CHUNK)
        .iter()
        .map(|c| js_sys::Uint8Array::from(c.as_slice()))
        .collect();
    set("report", &to_js(&checked.report)?)
        .and_then(|_| set("columns", &opt_to_js(checked.columns)?))
        .and_then(|_| set("charts", &to_js(&checked.charts)?))
        .and_then(|_| set("data", &bytes))
        .map_err(|_| JsError::new("the check's result cannot be built"))?;
    Ok(out.into())
}

/// CSS custom properties from Rust's palette in `theme` ("dark"; anything else: light), for
/// `style.setProperty(name, value)`.
#[wasm_bindgen(js_name = styleVariables, unchecked_return_type = "StyleVariable[]")]
pub fn style_variables(theme: Option<String>) -> Result<JsValue, JsError> {
    to_js(&files::style_variables_named(
        theme.as_deref().unwrap_or(""),
    ))
}

/// Hand the reader's wasm the interface's catalogue (the JSON of `www/i18n-strings.js`'s
/// default export; `www/wasm.js` does it for every instance before any map is made): the
/// reader's build has no copy of its own. Each language's words are kept from the first
/// call that has them (a later call may add a language); the full build keeps its own.
/// Throws when `json` is not a catalogue.
#[wasm_bindgen(js_name = provideCatalogue)]
pub fn provide_catalogue(json: &str) -> Result<(), JsError> {
    files::provide_catalogue(json).map_err(|e| JsError::new(&e))
}

/// A count as the map's badges write it in `lang` ("en", "ru", "kk"; others: English):
/// 1.2K / 118K, "1,2 тыс.", "1,2 мың".
#[wasm_bindgen(js_name = formatCount)]
pub fn format_count(n: f64, lang: &str) -> String {
    files::format_count(n, lang)
}

/// A number in `lang`'s format with at most `fraction` decimals (0–6): "118,330.5",
/// "118 330,5". The same in every browser (some ship no Kazakh number data).
#[wasm_bindgen(js_name = formatNumber)]
pub fn format_number(value: f64, lang: &str, fraction: u32) -> String {
    files::format_number(value, lang, fraction)
}

/// The one decoder for uploaded files (BOM, UTF-16, bad bytes named by row).
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = decodeDataFile, unchecked_return_type = "DecodedFile")]
pub fn decode_data_file(name: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
    to_js(&files::decode_data_file(name, bytes))
}

/// Rows `first` to `last` (as a spreadsheet numbers them) of a data file, decoded, with its
/// header: `FileRows`.
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = fileRows, unchecked_return_type = "FileRows")]
pub fn file_rows(
    #[wasm_bindgen(unchecked_param_type = "DataFile")] file: JsValue,
    first: u32,
    last: u32,
) -> Result<JsValue, JsError> {
    let file: DataFile = from_js(file, "file")?;
    to_js(&files::file_rows(&file, first as usize, last as usize))
}

/// The header and the rows `rows` of a data file as CSV (UTF-8 with a byte-order mark);
/// throws with the reason when the file has no rows.
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = rowsCsv)]
pub fn rows_csv(
    #[wasm_bindgen(unchecked_param_type = "DataFile")] file: JsValue,
    rows: &[u32],
) -> Result<String, JsError> {
    let file: DataFile = from_js(file, "file")?;
    let rows: Vec<usize> = rows.iter().map(|&r| r as usize).collect();
    files::rows_csv(&file, &rows).map_err(|m| JsError::new(&format!("{}: {m}", file.name)))
}

/// Read a story file: `{story?, problems}`.
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = parseStory, unchecked_return_type = "ParsedStory")]
pub fn parse_story(name: &str, text: &str) -> Result<JsValue, JsError> {
    to_js(&files::parse_story(name, text))
}

#[cfg(feature = "editor")]
/// A story file's steps as static pictures (SVG with title, source line and attribution),
/// the map `width` × `height` CSS px (100 to 4000); throws when the file cannot be read as a
/// story.
#[wasm_bindgen(js_name = stepPosters, unchecked_return_type = "StepPoster[]")]
pub fn step_posters(name: &str, text: &str, width: f64, height: f64) -> Result<JsValue, JsError> {
    match crate::app::publish::story_posters(name, text, width, height) {
        Ok(posters) => to_js(&posters),
        Err(problem) => Err(JsError::new(&problem.text)),
    }
}

/// A story file's text (one-space indentation, final newline).
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = storyToJson)]
pub fn story_to_json(
    #[wasm_bindgen(unchecked_param_type = "StoryFile")] story: JsValue,
) -> Result<String, JsError> {
    let story: StoryFile = from_js(story, "story")?;
    Ok(files::story_to_json(&story))
}

/// Publish a story file (`farmmap publish`): its source files loaded and checked, written
/// under `published`, for the reader's build. `{text?, problems, notes}`: `text` absent
/// only when the file cannot be read at all (then `problems` says why).
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = publishStory, unchecked_return_type = "PublishedStoryText")]
pub fn publish_story(name: &str, text: &str, keep_sources: bool) -> Result<JsValue, JsError> {
    to_js(&files::publish_story(name, text, keep_sources))
}
