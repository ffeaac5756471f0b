//! JS face of the network layout: one handle per layout, ties in as typed arrays, positions
//! out as one Float64Array, so nothing crosses the boundary per node.

use crate::network::forceatlas2::{ForceAtlas2, LayoutError, Settings};
use wasm_bindgen::prelude::*;

fn js_error(e: LayoutError) -> JsError {
    JsError::new(&e.0)
}

/// The options ForceLayout understands (camelCase, as in graphology).
const OPTION_NAMES: &[&str] = &[
    "linLogMode",
    "outboundAttractionDistribution",
    "adjustSizes",
    "edgeWeightInfluence",
    "scalingRatio",
    "strongGravityMode",
    "gravity",
    "slowDown",
    "barnesHutOptimize",
    "barnesHutTheta",
    "seed",
    "convergenceThreshold",
];

/// Read options, rejecting unknown names: serde-wasm-bindgen only looks up the fields a
/// struct declares, so without this a typo ("gravty") would be silently ignored.
fn settings(options: JsValue) -> Result<Settings, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(Settings::default());
    }
    if !options.is_object() {
        return Err(JsError::new("ForceLayout options must be an object"));
    }
    for key in js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !OPTION_NAMES.contains(&key.as_str()) {
            return Err(JsError::new(&format!(
                "ForceLayout options: unknown field `{key}`, expected one of {}",
                OPTION_NAMES.join(", ")
            )));
        }
    }
    serde_wasm_bindgen::from_value(options)
        .map_err(|e| JsError::new(&format!("ForceLayout options: {e}")))
}

/// A running ForceAtlas2 layout (see `network::forceatlas2`).
#[wasm_bindgen]
pub struct ForceLayout {
    inner: ForceAtlas2,
}

#[wasm_bindgen]
impl ForceLayout {
    /// `new ForceLayout(nodeCount, sources, targets, options?)`: ties `sources[k]` →
    /// `targets[k]` as Uint32Arrays of node indices; options use graphology's names
    /// (linLogMode, gravity, strongGravityMode, scalingRatio, edgeWeightInfluence,
    /// barnesHutOptimize, barnesHutTheta, adjustSizes, slowDown, outboundAttractionDistribution)
    /// plus seed and convergenceThreshold. Throws on a bad index or an unknown option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        node_count: u32,
        sources: &[u32],
        targets: &[u32],
        options: JsValue,
    ) -> Result<ForceLayout, JsError> {
        let settings = settings(options)?;
        ForceAtlas2::new(node_count as usize, sources, targets, None, settings)
            .map(|inner| ForceLayout { inner })
            .map_err(js_error)
    }

    /// Like the constructor, with a positive weight per tie (Float64Array).
    #[wasm_bindgen(js_name = withWeights)]
    pub fn with_weights(
        node_count: u32,
        sources: &[u32],
        targets: &[u32],
        weights: &[f64],
        options: JsValue,
    ) -> Result<ForceLayout, JsError> {
        let settings = settings(options)?;
        ForceAtlas2::new(
            node_count as usize,
            sources,
            targets,
            Some(weights),
            settings,
        )
        .map(|inner| ForceLayout { inner })
        .map_err(js_error)
    }

    /// Run `iterations` steps; true once the layout has settled.
    pub fn tick(&mut self, iterations: u32) -> bool {
        self.inner.tick(iterations)
    }

    /// [x0, y0, x1, y1, …] as a Float64Array (a copy: safe across memory growth).
    pub fn positions(&self) -> Vec<f64> {
        self.inner.positions()
    }

    /// Replace all positions, e.g. those saved in a story. Throws on a wrong length or a
    /// non-finite number.
    #[wasm_bindgen(js_name = setPositions)]
    pub fn set_positions(&mut self, xy: &[f64]) -> Result<(), JsError> {
        self.inner.set_positions(xy).map_err(js_error)
    }

    /// Node radii for adjustSizes.
    #[wasm_bindgen(js_name = setSizes)]
    pub fn set_sizes(&mut self, sizes: &[f64]) -> Result<(), JsError> {
        self.inner.set_sizes(sizes).map_err(js_error)
    }

    /// Hold a node at (x, y) while dragging it.
    pub fn pin(&mut self, node: u32, x: f64, y: f64) -> Result<(), JsError> {
        self.inner.pin(node as usize, x, y).map_err(js_error)
    }

    pub fn unpin(&mut self, node: u32) -> Result<(), JsError> {
        self.inner.unpin(node as usize).map_err(js_error)
    }

    #[wasm_bindgen(getter, js_name = nodeCount)]
    pub fn node_count(&self) -> u32 {
        self.inner.node_count() as u32
    }

    #[wasm_bindgen(getter)]
    pub fn iterations(&self) -> f64 {
        self.inner.iterations() as f64
    }

    #[wasm_bindgen(getter)]
    pub fn converged(&self) -> bool {
        self.inner.converged()
    }
}
