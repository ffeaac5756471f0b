//! Conversions at the boundary: Rust values to plain JS objects, JS objects to Rust, canvas
//! contexts, and the device pixel ratio. No rule lives here.

use crate::app::results::to_json_text;
#[cfg(feature = "editor")]
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A plain JS object of `value`: its JSON text (`app::results::to_json_text`: maps as plain
/// objects, `None` as null or absent) through `JSON.parse`, one call across the boundary.
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = to_json_text(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("an answer is not JSON"))
}

/// `undefined` for `None`, else the plain object.
pub(crate) fn opt_to_js<T: Serialize>(value: Option<T>) -> Result<JsValue, JsError> {
    value.map_or(Ok(JsValue::UNDEFINED), |v| to_js(&v))
}

/// Read a plain JS object into `T`, naming `what` in the error (the editor's functions;
/// the reader's build reads its few JS objects field by field).
#[cfg(feature = "editor")]
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

/// The number `object[name]`, when `object` is an object that has one.
#[cfg(feature = "inspect")]
pub(crate) fn number_field(object: &JsValue, name: &str) -> Option<f64> {
    if !object.is_object() {
        return None;
    }
    js_sys::Reflect::get(object, &JsValue::from_str(name))
        .ok()?
        .as_f64()
}

/// The 2D context of `canvas`.
pub(crate) fn context_2d(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsError> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or_else(|| JsError::new("this browser cannot draw on a canvas (no 2D context)"))
}

/// A usable device pixel ratio (1 for nonsense, at most 4).
pub(crate) fn clamp_dpr(dpr: f64) -> f64 {
    if dpr.is_finite() && dpr > 0.0 {
        dpr.min(4.0)
    } else {
        1.0
    }
}

/// Size a canvas' backing store for its CSS size at `dpr`.
pub(crate) fn size_canvas(canvas: &HtmlCanvasElement, css_width: f64, css_height: f64, dpr: f64) {
    canvas.set_width((css_width * dpr).round().max(1.0) as u32);
    canvas.set_height((css_height * dpr).round().max(1.0) as u32);
}
