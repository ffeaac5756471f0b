//! JS face of the network layout: one handle per layout, ties in as typed arrays, positions
//! out as one Float64Array, so nothing crosses the boundary per node.

use crate::network::forceatlas2::{ForceAtlas2, LayoutError, Settings};
use crate::network::stress::{StressLayout, StressSettings};
use crate::network::uncross::{uncross, UncrossSettings};
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
    "strongGravity",
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
    /// A stress refinement under way (see `refine`); dropped by anything that moves nodes.
    refiner: Option<StressLayout>,
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
            .map(|inner| ForceLayout {
                inner,
                refiner: None,
            })
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
        .map(|inner| ForceLayout {
            inner,
            refiner: None,
        })
        .map_err(js_error)
    }

    /// Run `iterations` steps; true once the layout has settled.
    pub fn tick(&mut self, iterations: u32) -> bool {
        self.refiner = None;
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
        self.refiner = None;
        self.inner.set_positions(xy).map_err(js_error)
    }

    /// Node radii for adjustSizes.
    #[wasm_bindgen(js_name = setSizes)]
    pub fn set_sizes(&mut self, sizes: &[f64]) -> Result<(), JsError> {
        self.inner.set_sizes(sizes).map_err(js_error)
    }

    /// Hold a node at (x, y) while dragging it.
    pub fn pin(&mut self, node: u32, x: f64, y: f64) -> Result<(), JsError> {
        self.refiner = None;
        self.inner.pin(node as usize, x, y).map_err(js_error)
    }

    pub fn unpin(&mut self, node: u32) -> Result<(), JsError> {
        self.inner.unpin(node as usize).map_err(js_error)
    }

    /// Stress majorization on the current positions (`network::stress`): hop distances
    /// drawn as distances, pins respected, components packed apart, the layout's own units
    /// kept. `refine()` runs to the end; `refine(budget)` does about `budget` units of work
    /// (one unit ≈ one pair term of one node update; 10⁶ take a few ms) and returns true once
    /// finished, so a page can spread it over frames — the result is the same either way.
    /// `tick`, `pin` and `setPositions` afterwards go on from the positions then current.
    /// Run it once ForceAtlas2 has settled: `layout.tick(500); layout.refine();`.
    pub fn refine(&mut self, budget: Option<f64>) -> Result<bool, JsError> {
        if self.refiner.is_none() {
            let (s, t) = self.inner.ties();
            self.refiner = Some(
                StressLayout::new(
                    self.inner.node_count(),
                    s,
                    t,
                    &self.inner.positions(),
                    self.inner.pinned(),
                    StressSettings::default(),
                )
                .map_err(js_error)?,
            );
        }
        let Some(refiner) = self.refiner.as_mut() else {
            return Ok(true);
        };
        let budget = budget.map_or(u64::MAX, |b| if b >= 1.0 { b as u64 } else { 1 });
        let done = refiner.run(budget);
        let xy = refiner.positions();
        self.inner.set_positions(&xy).map_err(js_error)?;
        Ok(done)
    }

    /// The crossing-reduction pass (`network::uncross`, default settings) on the current
    /// positions: moves low-degree nodes only when their ties then cross fewer others;
    /// pinned nodes stay. Not part of the default pipeline; returns how many crossings it
    /// removed. Run it after `refine()`.
    pub fn uncross(&mut self) -> Result<u32, JsError> {
        self.refiner = None;
        let (s, t) = self.inner.ties();
        let out = uncross(
            self.inner.node_count(),
            s,
            t,
            &self.inner.positions(),
            self.inner.pinned(),
            &UncrossSettings::default(),
        )
        .map_err(js_error)?;
        self.inner.set_positions(&out.xy).map_err(js_error)?;
        Ok(out.removed as u32)
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

use crate::app::files;
use crate::app::results::ImportProblem;
use crate::network::graph::Graph;
use crate::network::model::{Network, Node, NodeKind};
use crate::network::{paths, sentence};
use serde::Serialize;

/// The ownership network behind the map, loaded from editors' files. Every `load*` call
/// returns the list of problems (`ImportProblem[]`: file, row, column, message, severity,
/// text) and keeps every good record.
#[wasm_bindgen]
pub struct NetworkData {
    network: Network,
    graph: Graph,
}

use super::convert::to_js;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PathOut {
    /// Indices into `ties` of the network, in walking order.
    ties: Vec<usize>,
    /// Node indices visited, from start to end.
    nodes: Vec<u32>,
    /// Plain text: set with textContent.
    sentence: String,
}

#[derive(Serialize)]
struct ReachOut {
    nodes: Vec<u32>,
    ties: Vec<usize>,
    farms: Vec<u32>,
}

impl NetworkData {
    fn rebuild(&mut self) {
        self.graph = Graph::new(&self.network).0;
    }

    fn node(&self, id: &str) -> Result<u32, JsError> {
        self.graph
            .index
            .get(id)
            .copied()
            .ok_or_else(|| JsError::new(&format!("no node has the id {}", crate::json::Quoted(id))))
    }

    /// Rebuild the graph; the loader's problems as `ImportProblem[]`, the one shape every
    /// importer returns.
    fn finish(&mut self, problems: Vec<ImportProblem>) -> Result<JsValue, JsError> {
        self.rebuild();
        to_js(&problems)
    }
}

#[wasm_bindgen]
impl NetworkData {
    #[wasm_bindgen(constructor)]
    pub fn new() -> NetworkData {
        NetworkData {
            network: Network::default(),
            graph: Graph::default(),
        }
    }

    /// A saved network (the story file's `network` object).
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(value: JsValue) -> Result<NetworkData, JsError> {
        let network: Network = serde_wasm_bindgen::from_value(value)
            .map_err(|e| JsError::new(&format!("network: {e}")))?;
        let mut data = NetworkData {
            network,
            graph: Graph::default(),
        };
        data.rebuild();
        Ok(data)
    }

    /// Make a map farm a node of kind farm, so links can name it by id.
    #[wasm_bindgen(js_name = addFarm)]
    pub fn add_farm(&mut self, id: &str, name: &str, lng: f64, lat: f64) -> Result<(), JsError> {
        if self.network.has_node(id) {
            return Err(JsError::new(&format!(
                "the id {} is already used",
                crate::json::Quoted(id)
            )));
        }
        let mut node = Node::new(id, NodeKind::Farm, if name.is_empty() { id } else { name });
        if lng.is_finite() && lat.is_finite() {
            node.lng = Some(lng);
            node.lat = Some(lat);
        }
        self.network.nodes.push(node);
        self.rebuild();
        Ok(())
    }

    /// Many farms at once (one index rebuild instead of one per farm): parallel arrays.
    /// Throws, adding none, on a repeated id or arrays of different lengths.
    #[wasm_bindgen(js_name = addFarms)]
    pub fn add_farms(
        &mut self,
        ids: Vec<String>,
        names: Vec<String>,
        lngs: &[f64],
        lats: &[f64],
    ) -> Result<(), JsError> {
        let n = ids.len();
        if names.len() != n || lngs.len() != n || lats.len() != n {
            return Err(JsError::new(
                "addFarms: ids, names, lngs and lats must have the same length",
            ));
        }
        let mut seen: std::collections::HashSet<&str> =
            self.network.nodes.iter().map(|n| n.id.as_str()).collect();
        if let Some(dup) = ids.iter().find(|id| !seen.insert(id.as_str())) {
            return Err(JsError::new(&format!(
                "the id {} is already used",
                crate::json::Quoted(dup)
            )));
        }
        for k in 0..n {
            let name = if names[k].is_empty() {
                &ids[k]
            } else {
                &names[k]
            };
            let mut node = Node::new(&ids[k], NodeKind::Farm, name);
            if lngs[k].is_finite() && lats[k].is_finite() {
                node.lng = Some(lngs[k]);
                node.lat = Some(lats[k]);
            }
            self.network.nodes.push(node);
        }
        self.rebuild();
        Ok(())
    }

    #[wasm_bindgen(js_name = loadEntitiesCsv, unchecked_return_type = "ImportProblem[]")]
    pub fn load_entities_csv(&mut self, file: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
        let problems = files::load_entities_csv(&mut self.network, file, bytes);
        self.finish(problems)
    }

    #[wasm_bindgen(js_name = loadLinksCsv, unchecked_return_type = "ImportProblem[]")]
    pub fn load_links_csv(&mut self, file: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
        let problems = files::load_links_csv(&mut self.network, file, bytes);
        self.finish(problems)
    }

    #[wasm_bindgen(js_name = loadFtm, unchecked_return_type = "ImportProblem[]")]
    pub fn load_ftm(&mut self, file: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
        let problems = files::load_ftm(&mut self.network, file, bytes);
        self.finish(problems)
    }

    #[wasm_bindgen(js_name = loadBods, unchecked_return_type = "ImportProblem[]")]
    pub fn load_bods(&mut self, file: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
        let problems = files::load_bods(&mut self.network, file, bytes);
        self.finish(problems)
    }

    /// `{nodes, ties}` as saved in the story file.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<JsValue, JsError> {
        to_js(&self.network)
    }

    #[wasm_bindgen(getter, js_name = nodeCount)]
    pub fn node_count(&self) -> u32 {
        self.network.nodes.len() as u32
    }

    /// Tie ends as node indices, for `new ForceLayout(nodeCount, sources, targets)`.
    pub fn sources(&self) -> Vec<u32> {
        self.graph.tie_source.clone()
    }

    pub fn targets(&self) -> Vec<u32> {
        self.graph.tie_target.clone()
    }

    /// Index of the node with this id, or -1.
    #[wasm_bindgen(js_name = indexOf)]
    pub fn index_of(&self, id: &str) -> i32 {
        self.graph.index.get(id).map_or(-1, |&i| i as i32)
    }

    /// Shortest chain of ties between two ids, with its sentence; null when unconnected.
    pub fn path(&self, from_id: &str, to_id: &str) -> Result<JsValue, JsError> {
        let (from, to) = (self.node(from_id)?, self.node(to_id)?);
        let Some(steps) = paths::shortest_path(&self.graph, &self.network, from, to) else {
            return Ok(JsValue::NULL);
        };
        let mut nodes = vec![from];
        nodes.extend(steps.iter().map(|s| s.to));
        to_js(&PathOut {
            ties: steps.iter().map(|s| s.tie).collect(),
            nodes,
            sentence: sentence::describe(&self.network, &steps).unwrap_or_default(),
        })
    }

    /// Who may control a farm: `{nodes, ties, farms}` to highlight.
    pub fn controllers(&self, farm_id: &str) -> Result<JsValue, JsError> {
        let r = paths::controllers(&self.graph, &self.network, self.node(farm_id)?);
        to_js(&ReachOut {
            nodes: r.nodes,
            ties: r.ties,
            farms: r.farms,
        })
    }

    /// The farms a person or company may control, and the chain there.
    #[wasm_bindgen(js_name = controlledFarms)]
    pub fn controlled_farms(&self, owner_id: &str) -> Result<JsValue, JsError> {
        let r = paths::controlled_farms(&self.graph, &self.network, self.node(owner_id)?);
        to_js(&ReachOut {
            nodes: r.nodes,
            ties: r.ties,
            farms: r.farms,
        })
    }
}

impl Default for NetworkData {
    fn default() -> Self {
        NetworkData::new()
    }
}
