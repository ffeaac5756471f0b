//! `FarmMap`'s network pane methods: conversion and forwarding to [`crate::app::Session`]
//! only (what is lit and why, the layout, picking and focus are in `src/app/` and
//! `scene::network_view`, tested natively).

use super::convert::{opt_to_js, to_js};
use super::map_api::FarmMap;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl FarmMap {
    /// The node under (x, y) on the network canvas within `slop` px.
    #[wasm_bindgen(js_name = networkPick)]
    pub fn network_pick(&self, x: f64, y: f64, slop: f64) -> Option<u32> {
        self.session.network_pick(x, y, slop)
    }

    /// Hover a node (undefined for none); whether the hover changed.
    #[wasm_bindgen(js_name = networkHover)]
    pub fn network_hover(&mut self, node: Option<u32>) -> bool {
        self.session.network_hover(node)
    }

    /// Node `node` for the tooltip (throws when there is none).
    #[wasm_bindgen(js_name = networkNode, unchecked_return_type = "NodeInfo")]
    pub fn network_node(&self, node: u32) -> Result<JsValue, JsError> {
        let info = self
            .session
            .node_info(node)
            .ok_or_else(|| JsError::new("no such network node"))?;
        to_js(&info)
    }

    /// Select a node; returns how many farms are lit on the map.
    #[wasm_bindgen(js_name = networkSelect)]
    pub fn network_select(&mut self, node: u32) -> usize {
        self.session.network_select(node)
    }

    #[wasm_bindgen(js_name = networkClear)]
    pub fn network_clear(&mut self) {
        self.session.network_clear();
    }

    #[wasm_bindgen(js_name = networkHighlighted)]
    pub fn network_highlighted(&self) -> Vec<String> {
        self.session.network_highlighted()
    }

    #[cfg(feature = "inspect")]
    #[wasm_bindgen(js_name = highlightedFarms)]
    pub fn highlighted_farms(&self) -> Vec<u32> {
        self.session.highlighted_farms()
    }

    /// The path's sentence; undefined when the two are not connected.
    #[wasm_bindgen(js_name = networkPath)]
    pub fn network_path(&mut self, from_id: &str, to_id: &str) -> Option<String> {
        self.session.network_path(from_id, to_id)
    }

    #[wasm_bindgen(js_name = networkNames, unchecked_return_type = "NodeName[]")]
    pub fn network_names(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.network_names())
    }

    #[wasm_bindgen(js_name = networkExamplePair, unchecked_return_type = "NodePair | undefined")]
    pub fn network_example_pair(&self) -> Result<JsValue, JsError> {
        opt_to_js(self.session.network_example_pair())
    }

    #[wasm_bindgen(js_name = networkHiddenCounts, unchecked_return_type = "HiddenCounts")]
    pub fn network_hidden_counts(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.network_hidden_counts())
    }

    /// The line kinds of the network legend (former ties and money flows only when present).
    #[wasm_bindgen(js_name = networkLineLegend, unchecked_return_type = "NetworkLegendEntry[]")]
    pub fn network_line_legend(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.network_line_legend())
    }

    #[wasm_bindgen(js_name = networkLegend, unchecked_return_type = "NetworkLegendEntry[]")]
    pub fn network_legend(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.network_legend())
    }

    #[cfg(feature = "inspect")]
    #[wasm_bindgen(js_name = networkScreenPositions, unchecked_return_type = "NodePosition[]")]
    pub fn network_screen_positions(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.network_screen_positions())
    }

    #[wasm_bindgen(js_name = networkPanBy)]
    pub fn network_pan_by(&mut self, dx: f64, dy: f64) {
        self.session.network_pan_by(dx, dy);
    }

    #[wasm_bindgen(js_name = networkZoomAt)]
    pub fn network_zoom_at(&mut self, x: f64, y: f64, delta: f64) {
        self.session.network_zoom_at(x, y, delta);
    }

    #[wasm_bindgen(js_name = networkResetView)]
    pub fn network_reset_view(&mut self) {
        self.session.network_reset_view();
    }

    #[wasm_bindgen(js_name = networkDragTo)]
    pub fn network_drag_to(&mut self, node: u32, x: f64, y: f64) -> bool {
        self.session.network_drag_to(node, x, y)
    }

    #[cfg(feature = "inspect")]
    #[wasm_bindgen(js_name = networkRelayout)]
    pub fn network_relayout(&mut self) {
        self.session.network_relayout();
    }

    #[wasm_bindgen(js_name = networkMoveFocus)]
    pub fn network_move_focus(&mut self, step: i32) -> bool {
        self.session.network_move_focus(step)
    }

    #[wasm_bindgen(js_name = networkFocused, unchecked_return_type = "FocusedNode | undefined")]
    pub fn network_focused(&self) -> Result<JsValue, JsError> {
        opt_to_js(self.session.network_focused())
    }

    #[wasm_bindgen(js_name = networkClearFocus)]
    pub fn network_clear_focus(&mut self) {
        self.session.network_clear_focus();
    }

    #[cfg(feature = "inspect")]
    /// Whether the network's layout has stopped moving (its positions are final).
    #[wasm_bindgen(js_name = networkSettled)]
    pub fn network_settled(&self) -> bool {
        self.session.network_settled()
    }

    #[cfg(feature = "inspect")]
    /// The layout as the story file's `layout` object, as JSON text.
    #[wasm_bindgen(js_name = networkPositions)]
    pub fn network_positions(&self) -> String {
        self.session.network_positions().to_string()
    }

    #[cfg(feature = "inspect")]
    /// Apply a saved `layout` object (JSON text): how many nodes were placed; throws when
    /// nothing could be read.
    #[wasm_bindgen(js_name = setNetworkPositions)]
    pub fn set_network_positions(&mut self, json: &str) -> Result<usize, JsError> {
        self.session
            .set_network_positions_json(json)
            .map_err(|m| JsError::new(&m))
    }
}
