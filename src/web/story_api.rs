//! `FarmMap`'s story, data, charts, table and export methods: conversion and forwarding to
//! [`crate::app::Session`] only.

use super::charts_api::{draw_on, ChartHitMap};
use super::convert::to_js;
use super::map_api::FarmMap;
use crate::app::FarmsOptions;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

#[wasm_bindgen(typescript_custom_section)]
const FARMS_OPTIONS_TYPES: &str = r#"
/** A farms field a column (or GeoJSON property) fills; "ignore" keeps it as an extra column. */
export type FarmField = "id" | "name" | "lat" | "lon" | "status" | "capacity_mw" | "precision" | "owner" | "source_url" | "place" | "date" | "illustrative" | "ignore";
/** How a column writes the number 1234.5. */
export type NumberFormat = "1234.5" | "1234,5" | "1,234.5" | "1.234,5" | "1 234,5" | "1 234.5" | "1'234.5";
/** How a column writes the date 15 March 2022. */
export type DateFormat = "YYYY-MM-DD" | "DD.MM.YYYY" | "DD/MM/YYYY" | "MM/DD/YYYY";
/** What one column means (written back as this object; a bare FarmField is read too). */
export interface ColumnMapping { field: FarmField; unit?: "W" | "kW" | "MW" | "GW"; number_format?: NumberFormat; date_format?: DateFormat }
/** How to read a farms file: src/import/mapping.rs. snake_case: this is the story file's `farms.options`. */
export interface FarmsOptions {
  sheet?: string;
  precision_default?: "exact" | "city" | "region";
  number_format?: NumberFormat;
  columns?: Record<string, FarmField | ColumnMapping>;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// A `FarmsOptions` object from JavaScript (an extern type, so the parameter is optional
    /// in TypeScript).
    #[wasm_bindgen(typescript_type = "FarmsOptions")]
    pub type FarmsOptionsValue;
}

#[cfg(feature = "editor")]
/// Reads `CheckedStory.data`'s pieces one at a time (one per task on the page), for
/// `FarmMap.loadCheckedStory`. Create it from the same instance as the map.
#[wasm_bindgen]
#[derive(Default)]
pub struct CheckedDataReader {
    reader: crate::app::CheckedDataReader,
}

#[cfg(feature = "editor")]
#[wasm_bindgen]
impl CheckedDataReader {
    #[wasm_bindgen(constructor)]
    pub fn new() -> CheckedDataReader {
        CheckedDataReader::default()
    }

    /// Read the next piece (throws when it is not one).
    pub fn push(&mut self, piece: &[u8]) -> Result<(), JsError> {
        self.reader.push(piece).map_err(|m| JsError::new(&m))
    }
}

#[wasm_bindgen]
impl FarmMap {
    #[cfg(feature = "inspect")]
    /// Replace the story with a story file's. Throws (file, line and reason) only when the
    /// file cannot be read at all.
    #[wasm_bindgen(js_name = loadStory, unchecked_return_type = "ImportReport")]
    pub fn load_story(&mut self, name: &str, text: &str) -> Result<JsValue, JsError> {
        match self.session.load_story(name, text) {
            Ok(report) => to_js(&report),
            Err(problem) => Err(JsError::new(&problem.text)),
        }
    }

    #[cfg(feature = "editor")]
    /// Replace the story with a story file's, its data already checked by `checkStory` (in
    /// the editor's worker) and read piece by piece into `data`: the files are not parsed
    /// again. Returns the story file's own problems; throws when the text cannot be read
    /// or the data is incomplete.
    #[wasm_bindgen(js_name = loadCheckedStory, unchecked_return_type = "ImportReport")]
    pub fn load_checked_story(
        &mut self,
        name: &str,
        text: &str,
        data: &mut CheckedDataReader,
    ) -> Result<JsValue, JsError> {
        let data = std::mem::take(&mut data.reader)
            .finish()
            .map_err(|m| JsError::new(&m))?;
        match self.session.load_story_checked(name, text, data) {
            Ok(report) => to_js(&report),
            Err(problem) => Err(JsError::new(&problem.text)),
        }
    }

    /// `loadStory` in slices: reads the file and its data now (throws as `loadStory` does),
    /// then `loadStep` makes the farms ready; its last step shows the story and carries
    /// `loadStory`'s report.
    #[wasm_bindgen(js_name = beginStory)]
    pub fn begin_story(&mut self, name: &str, text: &str) -> Result<(), JsError> {
        self.session
            .begin_story(name, text)
            .map_err(|problem| JsError::new(&problem.text))
    }

    #[cfg(feature = "editor")]
    /// `loadCheckedStory` in slices (see `beginStory`).
    #[wasm_bindgen(js_name = beginCheckedStory)]
    pub fn begin_checked_story(
        &mut self,
        name: &str,
        text: &str,
        data: &mut CheckedDataReader,
    ) -> Result<(), JsError> {
        let data = std::mem::take(&mut data.reader)
            .finish()
            .map_err(|m| JsError::new(&m))?;
        self.session
            .begin_story_checked(name, text, data)
            .map_err(|problem| JsError::new(&problem.text))
    }

    #[wasm_bindgen(unchecked_return_type = "StoryInfo")]
    pub fn story(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.story_info())
    }

    /// Show step `i` (throws when there is none).
    #[wasm_bindgen(js_name = goToStep)]
    pub fn go_to_step(&mut self, i: usize, now_ms: f64, duration_ms: f64) -> Result<(), JsError> {
        if self.session.go_to_step(i, now_ms, duration_ms) {
            Ok(())
        } else {
            Err(JsError::new("no such step"))
        }
    }

    pub fn step(&self) -> Option<u32> {
        self.session.step().map(|s| s as u32)
    }

    /// Replace the farms with a file's (CSV, XLSX/XLS/ODS, GeoJSON), read with `options`
    /// (a `FarmsOptions`, as a story's `farms.options`; absent: every column guessed).
    /// Throws only when `options` is not a `FarmsOptions`.
    #[wasm_bindgen(js_name = loadFarms, unchecked_return_type = "ImportReport")]
    pub fn load_farms(
        &mut self,
        name: &str,
        bytes: &[u8],
        options: Option<FarmsOptionsValue>,
    ) -> Result<JsValue, JsError> {
        // The reader's build reads no farms file (it says so in the report): nor its options.
        #[cfg(not(feature = "importers"))]
        let (options, _) = (FarmsOptions::default(), options);
        #[cfg(feature = "importers")]
        let options: FarmsOptions = match options.map(JsValue::from).filter(|o| !o.is_null()) {
            None => FarmsOptions::default(),
            Some(o) => serde_wasm_bindgen::from_value(o)
                .map_err(|e| JsError::new(&format!("options: {e}")))?,
        };
        to_js(&self.session.load_farms(name, bytes, &options))
    }

    #[wasm_bindgen(js_name = loadSynthetic)]
    pub fn load_synthetic(&mut self, n: usize, seed: u32) {
        self.session.load_synthetic(n, seed);
    }

    /// Start loading `n` synthetic farms in steps: call `loadStep` until it says "done";
    /// the map shows what it showed until then.
    #[wasm_bindgen(js_name = beginSynthetic)]
    pub fn begin_synthetic(&mut self, n: usize, seed: u32) {
        self.session.begin_synthetic(n, seed);
    }

    /// About `units` units of work on a load in steps (a few thousand take ~1 ms).
    #[wasm_bindgen(js_name = loadStep, unchecked_return_type = "LoadProgress")]
    pub fn load_step(&mut self, units: f64) -> Result<JsValue, JsError> {
        to_js(&self.session.load_step(units.max(1.0) as u64))
    }

    #[wasm_bindgen(js_name = farmCount)]
    pub fn farm_count(&self) -> usize {
        self.session.farm_count()
    }

    #[wasm_bindgen(js_name = illustrativeCount)]
    pub fn illustrative_count(&self) -> usize {
        self.session.illustrative_count()
    }

    /// Farm `i` (throws when there is none).
    #[wasm_bindgen(unchecked_return_type = "FarmInfo")]
    pub fn farm(&self, i: u32) -> Result<JsValue, JsError> {
        let info = self
            .session
            .farm_info(i)
            .ok_or_else(|| JsError::new("no such farm"))?;
        to_js(&info)
    }

    #[wasm_bindgen(js_name = tableSentences, unchecked_return_type = "TableSentences")]
    pub fn table_sentences(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.table_sentences())
    }

    pub fn attribution(&self) -> Vec<String> {
        self.session.attribution()
    }

    #[wasm_bindgen(unchecked_return_type = "Legend")]
    pub fn legend(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.legend())
    }

    #[wasm_bindgen(unchecked_return_type = "ChartInfo[]")]
    pub fn charts(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.charts())
    }

    #[cfg(feature = "editor")]
    /// Every chart kind with whether the data supports it, whether the story lists it, and
    /// why not (the editor's chart choice).
    #[wasm_bindgen(js_name = chartChoices, unchecked_return_type = "ChartChoice[]")]
    pub fn chart_choices(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.chart_choices())
    }

    /// Chart `kind`'s data (throws for another kind).
    #[wasm_bindgen(js_name = chartData, unchecked_return_type = "ChartData")]
    pub fn chart_data(&self, kind: &str) -> Result<JsValue, JsError> {
        to_js(&self.chart(kind)?)
    }

    /// Draw chart `kind` of the farms shown on `canvas`; options and hits as `drawChart`.
    #[wasm_bindgen(js_name = paintChart)]
    pub fn paint_chart(
        &self,
        kind: &str,
        canvas: HtmlCanvasElement,
        #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
    ) -> Result<ChartHitMap, JsError> {
        draw_on(canvas, kind, &self.chart(kind)?, options)
    }

    #[wasm_bindgen(js_name = highlightBar)]
    pub fn highlight_bar(&mut self, kind: &str, key: &str) -> usize {
        self.session.highlight_bar(kind, key)
    }

    #[wasm_bindgen(js_name = clearHighlight)]
    pub fn clear_highlight(&mut self) {
        self.session.clear_highlight();
    }

    /// The map as SVG with its caption, laid out in Rust.
    #[wasm_bindgen(js_name = exportSvg)]
    pub fn export_svg(&self) -> String {
        self.session.export_svg()
    }
}

impl FarmMap {
    fn chart(&self, kind: &str) -> Result<crate::charts::BarData, JsError> {
        self.session.chart_data(kind).ok_or_else(|| {
            JsError::new("chart kind must be \"owners\", \"capacity\" or \"shutdowns\"")
        })
    }
}
