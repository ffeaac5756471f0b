//! Free functions over files and style: conversion and forwarding to [`crate::app::files`].

use super::convert::{from_js, to_js};
use crate::app::files::{self, StoryFile};
use wasm_bindgen::prelude::*;

/// CSS custom properties from Rust's palette, for `style.setProperty(name, value)`.
#[wasm_bindgen(js_name = styleVariables, unchecked_return_type = "StyleVariable[]")]
pub fn style_variables() -> Result<JsValue, JsError> {
    to_js(&files::style_variables())
}

/// The one decoder for uploaded files (BOM, UTF-16, bad bytes named by row).
#[wasm_bindgen(js_name = decodeDataFile, unchecked_return_type = "DecodedFile")]
pub fn decode_data_file(name: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
    to_js(&files::decode_data_file(name, bytes))
}

/// Read a story file: `{story?, problems}`.
#[wasm_bindgen(js_name = parseStory, unchecked_return_type = "ParsedStory")]
pub fn parse_story(name: &str, text: &str) -> Result<JsValue, JsError> {
    to_js(&files::parse_story(name, text))
}

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
#[wasm_bindgen(js_name = storyToJson)]
pub fn story_to_json(
    #[wasm_bindgen(unchecked_param_type = "StoryFile")] story: JsValue,
) -> Result<String, JsError> {
    let story: StoryFile = from_js(story, "story")?;
    Ok(files::story_to_json(&story))
}
