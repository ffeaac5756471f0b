//! `FarmMap`: the map as JavaScript sees it. JS forwards gestures and calls `draw` once per
//! animation frame; everything else happens in the pure-Rust scene.

use super::paint::paint;
use crate::basemap::Basemap;
use crate::import::{farms_csv, farms_geojson, ImportError, Report};
use crate::model::Farm;
use crate::scene::map::{Hit, MapView};
use crate::scene::network_view::NetworkView;
use crate::story::{self, Story};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

#[derive(Serialize)]
struct JsImportError {
    file: String,
    row: Option<usize>,
    column: Option<String>,
    message: String,
    severity: crate::import::Severity,
    text: String,
}

#[derive(Serialize)]
struct JsReport {
    loaded: usize,
    skipped: usize,
    errors: Vec<JsImportError>,
}

fn js_report(r: &Report<Farm>) -> JsReport {
    JsReport {
        loaded: r.records.len(),
        skipped: r.skipped,
        errors: r.errors.iter().map(js_error).collect(),
    }
}

fn js_error(e: &ImportError) -> JsImportError {
    JsImportError {
        file: e.file.clone(),
        row: e.row,
        column: e.column.clone(),
        message: e.message.clone(),
        severity: e.severity,
        text: e.to_string(),
    }
}

/// Serialize for JS with maps as plain objects (what JS code expects to read).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

#[wasm_bindgen]
pub struct FarmMap {
    pub(crate) view: MapView,
    ctx: CanvasRenderingContext2d,
    canvas: HtmlCanvasElement,
    dpr: f64,
    pub(crate) story: Story,
    pub(crate) step: Option<usize>,
    /// The ownership network and its canvas (attached by the page, optional).
    pub(crate) net: NetworkView,
    pub(crate) net_canvas: Option<(HtmlCanvasElement, CanvasRenderingContext2d, f64)>,
}

#[wasm_bindgen]
impl FarmMap {
    /// A map on `canvas`, showing the demo farms until other farms are loaded.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> Result<FarmMap, JsError> {
        let ctx = canvas
            .get_context("2d")
            .map_err(|_| JsError::new("this browser cannot draw on a canvas"))?
            .ok_or_else(|| JsError::new("this browser cannot draw on a canvas"))?
            .dyn_into::<CanvasRenderingContext2d>()
            .map_err(|_| JsError::new("the canvas has no 2D context"))?;
        let mut map = FarmMap {
            view: MapView::new(Basemap::embedded()),
            ctx,
            canvas,
            dpr: 1.0,
            story: Story::default(),
            step: None,
            net: NetworkView::new(Default::default()),
            net_canvas: None,
        };
        map.set_story(story::demo());
        Ok(map)
    }

    fn set_story(&mut self, story: Story) -> Option<Report<Farm>> {
        let has_data = story.farms.is_some() || story.ftm.is_some() || story.bods.is_some();
        let loaded = story::load(&story);
        if has_data {
            self.view.set_farms(loaded.farms.records.clone());
            self.view.camera = self.view.home_camera();
        }
        self.net = NetworkView::new(loaded.network);
        self.view.tiles = story.tiles.clone();
        self.story = story;
        self.step = None;
        has_data.then_some(loaded.farms)
    }

    /// Replace the story with a story file's. Throws (with the file, line and reason) when
    /// the file cannot be read at all; otherwise returns the report of its farms and steps.
    #[wasm_bindgen(js_name = loadStory)]
    pub fn load_story(&mut self, file_name: &str, text: &str) -> Result<JsValue, JsError> {
        let (story, mut errors) = story::parse(file_name, text);
        let story = story.ok_or_else(|| {
            let first = errors.first().map(|e| e.to_string());
            JsError::new(&first.unwrap_or_else(|| format!("{file_name} cannot be read")))
        })?;
        let farms = self.set_story(story);
        errors.extend(self.net.apply_story_layout(file_name, text));
        let (loaded, skipped) = farms
            .as_ref()
            .map_or((0, 0), |r| (r.records.len(), r.skipped));
        if let Some(r) = farms {
            errors.extend(r.errors);
        }
        to_js(&JsReport {
            loaded,
            skipped,
            errors: errors.iter().map(js_error).collect(),
        })
    }

    /// The story's text and steps (to be shown as text).
    pub fn story(&self) -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        struct Out<'a> {
            title: &'a str,
            dek: &'a str,
            source_name: &'a str,
            source_url: &'a str,
            illustrative_note: &'a str,
            steps: &'a [story::Step],
        }
        let s = &self.story;
        to_js(&Out {
            title: &s.title,
            dek: &s.dek,
            source_name: &s.source_name,
            source_url: &s.source_url,
            illustrative_note: &s.illustrative_note,
            steps: &s.steps,
        })
    }

    /// Show step `i`: fly the camera (over `duration_ms`; 0 for reduced motion) and dim the
    /// farms the step does not name.
    #[wasm_bindgen(js_name = goToStep)]
    pub fn go_to_step(&mut self, i: usize, now_ms: f64, duration_ms: f64) -> Result<(), JsError> {
        let step = self
            .story
            .steps
            .get(i)
            .ok_or_else(|| JsError::new("no such step"))?;
        // A step may focus people or companies: the camera goes to their farms.
        let camera = match &step.camera {
            story::StepCamera::Focus(ids) => story::StepCamera::Focus(self.net.farm_ids_of(ids)),
            other => other.clone(),
        };
        if let Some(to) = self.view.step_camera(&camera) {
            self.view.fly_to(to, now_ms, duration_ms);
        }
        let highlight = self.view.step_highlight(step);
        self.view.set_highlight(highlight);
        self.net.highlight_ids(&step.highlight);
        self.step = Some(i);
        Ok(())
    }

    /// Follow the canvas' CSS size and the display density. Sizes the backing store.
    pub fn resize(&mut self, css_width: f64, css_height: f64, dpr: f64) {
        let dpr = if dpr.is_finite() && dpr > 0.0 {
            dpr.min(4.0)
        } else {
            1.0
        };
        let first = self.view.camera.width == 300.0 && self.view.camera.height == 150.0;
        self.view.resize(css_width.max(1.0), css_height.max(1.0));
        self.dpr = dpr;
        self.canvas
            .set_width((css_width * dpr).round().max(1.0) as u32);
        self.canvas
            .set_height((css_height * dpr).round().max(1.0) as u32);
        if first {
            self.view.camera = self.view.home_camera();
        }
    }

    /// Build and paint the frame at `now_ms`; true while an animation needs more frames.
    pub fn draw(&mut self, now_ms: f64) -> bool {
        let mut animating = self.view.frame(now_ms);
        animating |= paint(&self.ctx, self.view.draw_list(), self.dpr);
        if let Some((_, ctx, dpr)) = &self.net_canvas {
            animating |= self.net.frame(now_ms);
            animating |= paint(ctx, self.net.draw_list(), *dpr);
        }
        animating
    }

    /// Draw the ownership network on `canvas` too, in the same frame as the map.
    #[wasm_bindgen(js_name = attachNetwork)]
    pub fn attach_network(&mut self, canvas: HtmlCanvasElement) -> Result<(), JsError> {
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
            .ok_or_else(|| JsError::new("the network canvas has no 2D context"))?;
        self.net_canvas = Some((canvas, ctx, 1.0));
        Ok(())
    }

    /// Follow the network canvas' CSS size and the display density.
    #[wasm_bindgen(js_name = resizeNetwork)]
    pub fn resize_network(&mut self, css_width: f64, css_height: f64, dpr: f64) {
        let dpr = if dpr.is_finite() && dpr > 0.0 {
            dpr.min(4.0)
        } else {
            1.0
        };
        if let Some((canvas, _, d)) = &mut self.net_canvas {
            canvas.set_width((css_width * dpr).round().max(1.0) as u32);
            canvas.set_height((css_height * dpr).round().max(1.0) as u32);
            *d = dpr;
        }
        self.net.resize(css_width.max(1.0), css_height.max(1.0));
    }

    #[wasm_bindgen(js_name = panBy)]
    pub fn pan_by(&mut self, dx: f64, dy: f64) {
        self.view.stop_flight();
        self.view.camera.pan_by(dx, dy);
    }

    /// Zoom by `delta` levels around the screen point (x, y), at once.
    #[wasm_bindgen(js_name = zoomAt)]
    pub fn zoom_at(&mut self, x: f64, y: f64, delta: f64) {
        self.view.stop_flight();
        self.view.camera.zoom_at(x, y, delta);
    }

    /// Zoom by `delta` around (x, y) with an animation of `duration_ms` (0 when the reader
    /// prefers reduced motion).
    #[wasm_bindgen(js_name = zoomAnimated)]
    pub fn zoom_animated(&mut self, x: f64, y: f64, delta: f64, now_ms: f64, duration_ms: f64) {
        let mut to = self.view.camera;
        to.zoom_at(x, y, delta);
        self.view.fly_to(to, now_ms, duration_ms);
    }

    /// Back to the view that shows all farms.
    pub fn reset(&mut self, now_ms: f64, duration_ms: f64) {
        // In a story, "reset" means the current step's view, not the whole data set.
        let step_camera = self
            .step
            .and_then(|i| self.story.steps.get(i))
            .and_then(|s| self.view.step_camera(&s.camera));
        let to = step_camera.unwrap_or_else(|| self.view.home_camera());
        self.view.fly_to(to, now_ms, duration_ms);
    }

    /// Fly to show the lng/lat box [west, south, east, north].
    #[wasm_bindgen(js_name = flyToBounds)]
    pub fn fly_to_bounds(
        &mut self,
        bbox: &[f64],
        now_ms: f64,
        duration_ms: f64,
    ) -> Result<(), JsError> {
        let [w, s, e, n] = <[f64; 4]>::try_from(bbox)
            .map_err(|_| JsError::new("bounds must be [west, south, east, north]"))?;
        let (x0, y0) = crate::projection::world_from_lnglat(w, n);
        let (x1, y1) = crate::projection::world_from_lnglat(e, s);
        let to = self.view.camera.fitted([x0, y0, x1, y1], 40.0);
        self.view.fly_to(to, now_ms, duration_ms);
        Ok(())
    }

    /// The farm under (x, y) within `slop` px, or -1.
    pub fn pick(&self, x: f64, y: f64, slop: f64) -> i32 {
        self.view.pick(x, y, slop).map_or(-1, |i| i as i32)
    }

    #[wasm_bindgen(js_name = setHovered)]
    pub fn set_hovered(&mut self, farm: i32) {
        self.view.hovered = usize::try_from(farm)
            .ok()
            .filter(|&i| i < self.view.farms().len());
    }

    #[wasm_bindgen(js_name = setSelected)]
    pub fn set_selected(&mut self, farm: i32) {
        self.view.selected = usize::try_from(farm)
            .ok()
            .filter(|&i| i < self.view.farms().len());
        let id = self.view.selected.map(|i| self.view.farms()[i].id.clone());
        self.net.highlight_farm(id.as_deref());
    }

    /// Dim every farm whose flag is 0 (one byte per farm); an empty array clears it.
    #[wasm_bindgen(js_name = setHighlight)]
    pub fn set_highlight(&mut self, mask: &[u8]) {
        self.view
            .set_highlight((!mask.is_empty()).then(|| mask.iter().map(|&b| b != 0).collect()));
    }

    #[wasm_bindgen(js_name = farmCount)]
    pub fn farm_count(&self) -> usize {
        self.view.farms().len()
    }

    /// One farm's fields for the tooltip and details panel (strings to be shown as text).
    pub fn farm(&self, i: usize) -> Result<JsValue, JsError> {
        let f = self
            .view
            .farms()
            .get(i)
            .ok_or_else(|| JsError::new("no such farm"))?;
        #[derive(Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            farm: &'a Farm,
            status_label: &'a str,
            precision_label: &'a str,
        }
        let out = Out {
            farm: f,
            status_label: f.status.label(),
            precision_label: f.precision.label(),
        };
        to_js(&out)
    }

    /// Screen positions (CSS px) of all farms under the current camera: [x0, y0, x1, y1, …].
    #[wasm_bindgen(js_name = farmScreenPositions)]
    pub fn farm_screen_positions(&self) -> Vec<f64> {
        (0..self.view.farms().len())
            .flat_map(|i| {
                let (x, y) = self.view.farm_screen(i);
                [x, y]
            })
            .collect()
    }

    /// The camera: [centre x, centre y (world units), zoom, width, height (CSS px)].
    pub fn camera(&self) -> Vec<f64> {
        let c = &self.view.camera;
        vec![c.center_x, c.center_y, c.zoom, c.width, c.height]
    }

    /// Replace the farms with a CSV or GeoJSON file's (chosen by name). Returns the import
    /// report; the farms shown change only if at least one row loaded.
    #[wasm_bindgen(js_name = loadFarms)]
    pub fn load_farms(&mut self, file_name: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
        let lower = file_name.to_lowercase();
        let report = if lower.ends_with(".geojson") || lower.ends_with(".json") {
            farms_geojson::parse(file_name, bytes)
        } else {
            farms_csv::parse(file_name, bytes)
        };
        let out = js_report(&report);
        if !report.records.is_empty() {
            self.view.set_farms(report.records);
            self.view.camera = self.view.home_camera();
            // The story's ties named the old farms; the new farms start a network of their own.
            self.story.entities = None;
            self.story.links = None;
            self.net = NetworkView::from_story(self.view.farms(), None, None).0;
        }
        to_js(&out)
    }

    /// How many farms are placed for illustration (an `illustrative` column set to yes), so
    /// the page can say so on screen.
    #[wasm_bindgen(js_name = illustrativeCount)]
    pub fn illustrative_count(&self) -> usize {
        self.view
            .farms()
            .iter()
            .filter(|f| f.is_illustrative())
            .count()
    }

    /// The data of chart `kind` ("owners", "capacity" or "shutdowns") for `drawChart`, as
    /// JSON, computed from the farms shown.
    #[wasm_bindgen(js_name = chartData)]
    pub fn chart_data(&self, kind: &str) -> Result<String, JsError> {
        use crate::charts::from_farms;
        let farms = self.view.farms();
        let data = match kind {
            "owners" => from_farms::owner_groups(farms),
            "capacity" => from_farms::capacity_by_region(farms),
            "shutdowns" => from_farms::shutdowns_by_month(farms),
            _ => {
                return Err(JsError::new(
                    "chart kind must be owners, capacity or shutdowns",
                ))
            }
        };
        serde_json::to_string(&data).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Light up the farms behind a chart bar (dim the rest); returns how many. An empty
    /// key clears the highlight.
    #[wasm_bindgen(js_name = highlightBar)]
    pub fn highlight_bar(&mut self, kind: &str, key: &str) -> usize {
        if key.is_empty() {
            // Back to what the current story step shows, in both views.
            let step = self.step.and_then(|i| self.story.steps.get(i));
            let highlight = step.and_then(|s| self.view.step_highlight(s));
            let ids = step.map(|s| s.highlight.clone()).unwrap_or_default();
            self.view.set_highlight(highlight);
            self.net.highlight_ids(&ids);
            return 0;
        }
        let mask = crate::charts::from_farms::farms_of_bar(kind, key, self.view.farms());
        let ids: Vec<String> = self
            .view
            .farms()
            .iter()
            .zip(&mask)
            .filter(|(_, &lit)| lit)
            .map(|(f, _)| f.id.clone())
            .collect();
        self.view.set_highlight(Some(mask));
        // The same farms light up in the network (those with ties are shown there).
        self.net.highlight_ids(&ids);
        ids.len()
    }

    /// The current view as SVG with `title`, the story's source line and the attribution.
    #[wasm_bindgen(js_name = exportSvg)]
    pub fn export_svg(&self, title: &str) -> String {
        let source = if self.story.source_name.is_empty() {
            String::new()
        } else {
            format!("Source: {}", self.story.source_name)
        };
        let attribution = self.view.basemap().attribution.join(" · ");
        let c = &self.view.camera;
        crate::scene::svg::to_svg(
            self.view.draw_list(),
            c.width,
            c.height,
            &crate::scene::svg::Caption {
                title,
                source: &source,
                attribution: &attribution,
            },
        )
    }

    /// What is under (x, y) within `slop` px: `[]`, `[0, farm]` or `[1, clusterId, count]`.
    #[wasm_bindgen(js_name = pickItem)]
    pub fn pick_item(&self, x: f64, y: f64, slop: f64) -> Vec<f64> {
        match self.view.pick_hit(x, y, slop) {
            None => Vec::new(),
            Some(Hit::Farm(i)) => vec![0.0, i as f64],
            Some(Hit::Cluster { id, count }) => vec![1.0, f64::from(id), f64::from(count)],
        }
    }

    /// Open a cluster: zoom to where it splits (animated), or fan out farms that never
    /// split. Returns true when it fanned out.
    #[wasm_bindgen(js_name = expandCluster)]
    pub fn expand_cluster(&mut self, id: u32, now_ms: f64, duration_ms: f64) -> bool {
        self.view.expand_cluster(id, now_ms, duration_ms)
    }

    #[wasm_bindgen(js_name = closeSpider)]
    pub fn close_spider(&mut self) -> bool {
        self.view.close_spider()
    }

    /// "12 farms · 140 MW · 9 shut down · 5 tied to …" for a cluster on screen.
    #[wasm_bindgen(js_name = clusterSummary)]
    pub fn cluster_summary(&self, id: u32) -> String {
        self.view.cluster_summary(id).unwrap_or_default()
    }

    /// Owner groups of the cluster donuts: [name, colour, name, colour, …].
    #[wasm_bindgen(js_name = ownerGroups)]
    pub fn owner_groups(&self) -> Vec<String> {
        self.view
            .owner_groups()
            .into_iter()
            .flat_map(|(n, c)| [n, c.to_string()])
            .collect()
    }

    /// Move keyboard focus among the markers on screen; false when it leaves the map.
    #[wasm_bindgen(js_name = moveFocus)]
    pub fn move_focus(&mut self, step: i32) -> bool {
        self.view.move_focus(step)
    }

    #[wasm_bindgen(js_name = clearFocus)]
    pub fn clear_focus(&mut self) {
        self.view.focus = None;
    }

    /// The focused item as `pickItem` describes it, plus its screen position: `[kind, id,
    /// count, x, y]`, or `[]`.
    pub fn focused(&self) -> Vec<f64> {
        self.view.focused().map_or_else(Vec::new, |m| {
            vec![
                f64::from(u8::from(m.cluster)),
                f64::from(m.farm),
                f64::from(m.count),
                f64::from(m.x),
                f64::from(m.y),
            ]
        })
    }

    /// Farms and clusters on screen: [kind, id, count, x, y] per item, for tests and for
    /// readers' tools.
    #[wasm_bindgen(js_name = visibleItems)]
    pub fn visible_items(&self) -> Vec<f64> {
        let c = &self.view.camera;
        self.view
            .markers()
            .iter()
            .filter(|m| {
                m.x >= 0.0 && m.y >= 0.0 && f64::from(m.x) <= c.width && f64::from(m.y) <= c.height
            })
            .flat_map(|m| {
                [
                    f64::from(u8::from(m.cluster)),
                    f64::from(m.farm),
                    f64::from(m.count),
                    f64::from(m.x),
                    f64::from(m.y),
                ]
            })
            .collect()
    }

    /// Replace the farms with `n` seeded synthetic farms (load testing; marked illustrative).
    #[wasm_bindgen(js_name = loadSynthetic)]
    pub fn load_synthetic(&mut self, n: usize, seed: u32) {
        self.view.set_farms(crate::model::synthetic::farms(
            n.min(crate::cluster::MAX_POINTS),
            seed,
        ));
        // A million farm nodes would be no network to read: synthetic farms have none.
        self.net = NetworkView::new(Default::default());
        self.view.camera = self.view.home_camera();
        self.story = Story::default();
        self.step = None;
    }

    /// The table view: every farm, then every tie, as a sentence with its source.
    #[wasm_bindgen(js_name = tableSentences)]
    pub fn table_sentences(&self) -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        struct Out {
            farms: Vec<String>,
            ties: Vec<String>,
        }
        to_js(&Out {
            farms: crate::story::table::farm_sentences(self.view.farms()),
            ties: crate::story::table::tie_sentences(&self.net.network),
        })
    }

    /// The lng/lat box on screen: [west, south, east, north] (for the editor's "use this
    /// view" button).
    #[wasm_bindgen(js_name = viewBounds)]
    pub fn view_bounds(&self) -> Vec<f64> {
        let v = self.view.camera.visible();
        let r = |x: f64| (x * 1000.0).round() / 1000.0;
        vec![
            r(crate::projection::lng(v[0]).max(-180.0)),
            r(crate::projection::lat(v[3])),
            r(crate::projection::lng(v[2]).min(180.0)),
            r(crate::projection::lat(v[1])),
        ]
    }

    /// The map's attribution lines (basemap, and the tile layer's when on), to be shown as
    /// text.
    pub fn attribution(&self) -> Vec<String> {
        let mut lines = self.view.basemap().attribution.clone();
        if let Some(t) = &self.view.tiles {
            lines.insert(0, format!("Tiles: {}", t.attribution));
        }
        lines
    }
}
