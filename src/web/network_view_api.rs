//! The network pane as JavaScript sees it: a second `impl FarmMap` block, so the map's own
//! API file stays the map's. Every method here is thin; the logic (what is lit, the
//! layout, picking, focus) is in `scene::network_view`, tested natively.

use super::map_api::{to_js, FarmMap};
use crate::network::model::NodeKind;
use crate::scene::network_view::{farm_mask, KINDS, KIND_COLORS, KIND_SHAPES};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// "example.org" from "https://www.example.org/a": the tooltip names the source's host.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    host.strip_prefix("www.").unwrap_or(host).to_string()
}

fn node_arg(node: i32) -> Option<u32> {
    u32::try_from(node).ok()
}

impl FarmMap {
    /// Light the farms whose ids are given on the map (all lit again when `ids` is None).
    fn light_map(&mut self, ids: Option<&[String]>) {
        let mask = ids.map(|ids| farm_mask(self.view.farms(), ids));
        self.view.set_highlight(mask);
    }

    /// The map's highlight for the current story step (or none), as a clearing restores it.
    fn step_map_highlight(&mut self) {
        let h = self
            .step
            .and_then(|i| self.story.steps.get(i))
            .and_then(|s| self.view.step_highlight(s));
        self.view.set_highlight(h);
    }
}

#[wasm_bindgen]
impl FarmMap {
    /// The network node under (x, y) on the network canvas within `slop` px, or -1.
    #[wasm_bindgen(js_name = networkPick)]
    pub fn network_pick(&self, x: f64, y: f64, slop: f64) -> i32 {
        self.net.pick(x, y, slop).map_or(-1, |n| n as i32)
    }

    /// Hover a node (-1 for none): its neighbours and tie labels show. Returns whether the
    /// hover changed (so JS redraws only then).
    #[wasm_bindgen(js_name = networkHover)]
    pub fn network_hover(&mut self, node: i32) -> bool {
        let n = node_arg(node).filter(|&n| (n as usize) < self.net.network.nodes.len());
        let changed = self.net.hovered != n;
        self.net.hovered = n;
        changed
    }

    /// One node for the tooltip: `{id, name, kind, description, farm, ties: [{text, host,
    /// alleged}]}`; every string is plain text, for textContent. `farm` is the map's farm
    /// index for a farm node, else -1.
    #[wasm_bindgen(js_name = networkNode)]
    pub fn network_node(&self, node: u32) -> Result<JsValue, JsError> {
        let n = self
            .net
            .network
            .nodes
            .get(node as usize)
            .ok_or_else(|| JsError::new("no such network node"))?;
        #[derive(Serialize)]
        struct TieOut {
            text: String,
            host: String,
            alleged: bool,
        }
        #[derive(Serialize)]
        struct Out<'a> {
            id: &'a str,
            name: &'a str,
            kind: &'a str,
            description: &'a str,
            farm: i32,
            ties: Vec<TieOut>,
        }
        let ties = self
            .net
            .tie_sentences(node)
            .into_iter()
            .map(|(text, url, alleged)| TieOut {
                text,
                host: url.as_deref().map(host_of).unwrap_or_default(),
                alleged,
            })
            .collect();
        to_js(&Out {
            id: &n.id,
            name: &n.name,
            kind: n.kind.label(),
            description: n.description.as_deref().unwrap_or(""),
            farm: self.network_farm_index(node),
            ties,
        })
    }

    /// The map's farm index of a farm node, or -1 (not a farm).
    #[wasm_bindgen(js_name = networkFarmIndex)]
    pub fn network_farm_index(&self, node: u32) -> i32 {
        let Some(n) = self.net.network.nodes.get(node as usize) else {
            return -1;
        };
        if n.kind != NodeKind::Farm {
            return -1;
        }
        self.view
            .farms()
            .iter()
            .position(|f| f.id == n.id)
            .map_or(-1, |i| i as i32)
    }

    /// Select a person, company or other node: the network shows its chain to the farms it
    /// may control and the map lights those farms (cluster badges then count "k/n").
    /// Returns how many farms are lit on the map.
    #[wasm_bindgen(js_name = networkSelect)]
    pub fn network_select(&mut self, node: u32) -> usize {
        let farms = self.net.select_node(node);
        self.view.selected = None;
        if farms.is_empty() {
            self.light_map(None);
        } else {
            self.light_map(Some(&farms));
        }
        farms.len()
    }

    /// Escape / a click on empty space: drop the selection or path in both views; the
    /// story step's highlight, if any, comes back.
    #[wasm_bindgen(js_name = networkClear)]
    pub fn network_clear(&mut self) {
        self.net.clear();
        self.step_map_highlight();
    }

    /// Ids of the nodes lit in the network (empty when nothing is).
    #[wasm_bindgen(js_name = networkHighlighted)]
    pub fn network_highlighted(&self) -> Vec<String> {
        self.net.lit_ids()
    }

    /// Indices of the farms the map shows at full strength (all when nothing is dimmed).
    #[wasm_bindgen(js_name = highlightedFarms)]
    pub fn highlighted_farms(&self) -> Vec<u32> {
        (0..self.view.farms().len())
            .filter(|&i| self.view.is_highlighted(i))
            .map(|i| i as u32)
            .collect()
    }

    /// "How is A connected to B?": lights the shortest path in the network and its farms on
    /// the map; returns the sentence, or "" when they are not connected.
    #[wasm_bindgen(js_name = networkPath)]
    pub fn network_path(&mut self, from_id: &str, to_id: &str) -> String {
        match self.net.show_path(from_id, to_id) {
            Some(text) => {
                let farms = self.net.lit_farm_ids();
                self.light_map((!farms.is_empty()).then_some(farms.as_slice()));
                text
            }
            None => {
                self.network_clear();
                String::new()
            }
        }
    }

    /// The shown nodes for the path finder: `[{id, name, kind}]`, sorted by name.
    #[wasm_bindgen(js_name = networkNames)]
    pub fn network_names(&self) -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        struct Out<'a> {
            id: &'a str,
            name: &'a str,
            kind: &'a str,
        }
        let mut out: Vec<Out> = self
            .net
            .shown()
            .iter()
            .map(|&i| {
                let n = &self.net.network.nodes[i as usize];
                Out {
                    id: &n.id,
                    name: &n.name,
                    kind: n.kind.label(),
                }
            })
            .collect();
        out.sort_by_key(|a| a.name.to_lowercase());
        to_js(&out)
    }

    /// `[farm id, person id]` to prefill the path finder, or `[]`.
    #[wasm_bindgen(js_name = networkExamplePair)]
    pub fn network_example_pair(&self) -> Vec<String> {
        self.net
            .example_pair()
            .map_or_else(Vec::new, |(a, b)| vec![a, b])
    }

    /// `[farms with no tie, other nodes with no tie]`: not drawn, said in text instead.
    #[wasm_bindgen(js_name = networkHiddenCounts)]
    pub fn network_hidden_counts(&self) -> Vec<u32> {
        let (farms, others) = self.net.hidden_counts();
        vec![farms as u32, others as u32]
    }

    /// The legend: `[kind label, colour, shape, …]` for the kinds that are shown.
    #[wasm_bindgen(js_name = networkLegend)]
    pub fn network_legend(&self) -> Vec<String> {
        let net = &self.net;
        KINDS
            .iter()
            .enumerate()
            .filter(|(_, k)| {
                net.shown()
                    .iter()
                    .any(|&i| net.network.nodes[i as usize].kind == **k)
            })
            .flat_map(|(i, k)| {
                [
                    k.label().to_string(),
                    KIND_COLORS[i].to_string(),
                    KIND_SHAPES[i].name().to_string(),
                ]
            })
            .collect()
    }

    /// Shown nodes on the network canvas: `[node, x, y, r, …]` in CSS px (tests, tools).
    #[wasm_bindgen(js_name = networkScreenPositions)]
    pub fn network_screen_positions(&self) -> Vec<f64> {
        self.net
            .shown()
            .iter()
            .filter_map(|&n| {
                self.net.node_screen(n).map(|s| {
                    [
                        f64::from(n),
                        f64::from(s[0]),
                        f64::from(s[1]),
                        f64::from(s[2]),
                    ]
                })
            })
            .flatten()
            .collect()
    }

    #[wasm_bindgen(js_name = networkPanBy)]
    pub fn network_pan_by(&mut self, dx: f64, dy: f64) {
        self.net.pan_by(dx, dy);
    }

    /// Zoom the network by `delta` levels around (x, y).
    #[wasm_bindgen(js_name = networkZoomAt)]
    pub fn network_zoom_at(&mut self, x: f64, y: f64, delta: f64) {
        self.net.zoom_at(x, y, delta);
    }

    /// Fit the whole network again (and follow the layout).
    #[wasm_bindgen(js_name = networkResetView)]
    pub fn network_reset_view(&mut self) {
        self.net.reset_camera();
    }

    /// Drag a node to (x, y): it is pinned there and the others make room.
    #[wasm_bindgen(js_name = networkDragTo)]
    pub fn network_drag_to(&mut self, node: u32, x: f64, y: f64) -> bool {
        self.net.drag_to(node, x, y)
    }

    /// Run the layout again from its seeded start, releasing every pin.
    #[wasm_bindgen(js_name = networkRelayout)]
    pub fn network_relayout(&mut self) {
        self.net.relayout();
    }

    /// Release every pinned node back into the layout.
    #[wasm_bindgen(js_name = networkUnpinAll)]
    pub fn network_unpin_all(&mut self) {
        self.net.unpin_all();
    }

    /// Move keyboard focus among the shown nodes; false when it leaves the network.
    #[wasm_bindgen(js_name = networkMoveFocus)]
    pub fn network_move_focus(&mut self, step: i32) -> bool {
        self.net.move_focus(step)
    }

    /// The focused node and its position: `[node, x, y]`, or `[]`.
    #[wasm_bindgen(js_name = networkFocused)]
    pub fn network_focused(&self) -> Vec<f64> {
        self.net
            .focus
            .and_then(|n| self.net.node_screen(n).map(|s| (n, s)))
            .map_or_else(Vec::new, |(n, s)| {
                vec![f64::from(n), f64::from(s[0]), f64::from(s[1])]
            })
    }

    #[wasm_bindgen(js_name = networkClearFocus)]
    pub fn network_clear_focus(&mut self) {
        self.net.focus = None;
    }

    /// The layout as the story file's `layout` object (JSON text), to save in a story.
    #[wasm_bindgen(js_name = networkPositions)]
    pub fn network_positions(&self) -> String {
        self.net.layout_json().to_string()
    }

    /// Apply a saved `layout` object (JSON text): returns how many nodes were placed; bad
    /// entries are skipped with warnings (`console`-free: returned in the error only when
    /// nothing could be read).
    #[wasm_bindgen(js_name = setNetworkPositions)]
    pub fn set_network_positions(&mut self, json: &str) -> Result<usize, JsError> {
        let v: serde_json::Value = serde_json::from_str(json)
            .map_err(|e| JsError::new(&format!("layout is not valid JSON ({e})")))?;
        let applied = self
            .net
            .set_layout(&v)
            .map_err(|m| JsError::new(&format!("layout {m}")))?;
        Ok(applied.placed)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn host_of_keeps_only_the_host() {
        assert_eq!(
            super::host_of("https://www.eurasianet.org/a?b"),
            "eurasianet.org"
        );
        assert_eq!(super::host_of("http://x.org"), "x.org");
        assert_eq!(super::host_of("x.org/p"), "x.org");
    }
}
