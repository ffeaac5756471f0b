//! Free functions over files and style: conversion and forwarding to [`crate::app::files`].

#[cfg(feature = "editor")]
use super::convert::from_js;
use super::convert::to_js;
use crate::app::files;
#[cfg(feature = "editor")]
use crate::app::files::StoryFile;
use wasm_bindgen::prelude::*;

/// CSS custom properties from Rust's palette in `theme` ("dark"; anything else: light), for
/// `style.setProperty(name, value)`.
#[wasm_bindgen(js_name = styleVariables, unchecked_return_type = "StyleVariable[]")]
pub fn style_variables(theme: Option<String>) -> Result<JsValue, JsError> {
    to_js(&files::style_variables_named(
        theme.as_deref().unwrap_or(""),
    ))
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

/// Read a story file: `{story?, problems}`.
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = parseStory, unchecked_return_type = "ParsedStory")]
pub fn parse_story(name: &str, text: &str) -> Result<JsValue, JsError> {
    to_js(&files::parse_story(name, text))
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
