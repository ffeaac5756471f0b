//! `FarmMap`: the map and the network pane as JavaScript sees them. It holds the canvases
//! and an [`app::Session`]; every method converts its arguments, forwards to the session and
//! converts the answer. The rules are in `src/app/`, tested natively. The exact API is
//! docs/js-api.md.

#[cfg(feature = "inspect")]
use super::convert::number_field;
use super::convert::{clamp_dpr, context_2d, opt_to_js, size_canvas, to_js};
use super::paint::paint;
#[cfg(feature = "inspect")]
use crate::app::results::LngLatBounds;
use crate::app::Session;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A canvas being painted and its device pixel ratio.
pub(crate) struct Surface {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    dpr: f64,
}

impl Surface {
    fn new(canvas: HtmlCanvasElement) -> Result<Surface, JsError> {
        let ctx = context_2d(&canvas)?;
        Ok(Surface {
            canvas,
            ctx,
            dpr: 1.0,
        })
    }

    fn resize(&mut self, css_width: f64, css_height: f64, dpr: f64) {
        self.dpr = clamp_dpr(dpr);
        size_canvas(&self.canvas, css_width, css_height, self.dpr);
    }
}

#[wasm_bindgen]
pub struct FarmMap {
    pub(crate) session: Session,
    map: Surface,
    /// The network pane's canvas, once the page attaches one.
    net: Option<Surface>,
}

#[wasm_bindgen]
impl FarmMap {
    /// An empty map on `canvas` (the basemap, no farms) until a story is loaded: the demo
    /// story is a file (`www/stories/kazakhstan-2022.json`), not compiled into the wasm.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> Result<FarmMap, JsError> {
        Ok(FarmMap {
            session: Session::empty(),
            map: Surface::new(canvas)?,
            net: None,
        })
    }

    /// Draw the map and the network in `theme` ("dark"; anything else: light) from the
    /// next frame on. Returns whether it is dark.
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&mut self, theme: &str) -> bool {
        let theme = crate::app::Theme::parse(theme).unwrap_or_default();
        self.session.set_theme(theme);
        theme == crate::app::Theme::Dark
    }

    /// The interface's language by the one rule (`Session::choose_language`): the
    /// publisher's `lang`, else the story's `language`, else the page's; its code.
    #[wasm_bindgen(js_name = chooseLanguage)]
    pub fn choose_language(&mut self, publisher: &str, page: &str) -> String {
        self.session.choose_language(publisher, page).code().into()
    }

    /// Follow the canvas' CSS size and the display density.
    pub fn resize(&mut self, css_width: f64, css_height: f64, dpr: f64) {
        self.map.resize(css_width, css_height, dpr);
        self.session.resize_map(css_width, css_height);
    }

    /// Build and paint the frame at `now_ms`; true while an animation needs more frames.
    pub fn draw(&mut self, now_ms: f64) -> bool {
        let mut animating = self.session.frame_map(now_ms);
        animating |= paint(
            &self.map.ctx,
            self.session.map().draw_list(),
            self.map.dpr,
            now_ms,
        );
        if let Some(net) = &self.net {
            animating |= self.session.frame_network(now_ms);
            animating |= paint(
                &net.ctx,
                self.session.network().draw_list(),
                net.dpr,
                now_ms,
            );
        }
        animating
    }

    /// Draw the ownership network on `canvas` too, in the same frame as the map.
    #[wasm_bindgen(js_name = attachNetwork)]
    pub fn attach_network(&mut self, canvas: HtmlCanvasElement) -> Result<(), JsError> {
        self.net = Some(Surface::new(canvas)?);
        Ok(())
    }

    /// Follow the network canvas' CSS size and the display density.
    #[wasm_bindgen(js_name = resizeNetwork)]
    pub fn resize_network(&mut self, css_width: f64, css_height: f64, dpr: f64) {
        if let Some(net) = &mut self.net {
            net.resize(css_width, css_height, dpr);
        }
        self.session.resize_network(css_width, css_height);
    }

    /// The map canvas' rectangle (CSS px from its top left: x0, y0, x1, y1) that the map's
    /// buttons cover, so no place name is drawn under them.
    #[wasm_bindgen(js_name = setMapCovered)]
    pub fn set_map_covered(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        self.session.set_map_covered(x0, y0, x1, y1);
    }

    /// The network canvas' rectangle (CSS px from its top left: x0, y0, x1, y1) that the
    /// pane's buttons cover, so no label is drawn under them.
    #[wasm_bindgen(js_name = setNetworkCovered)]
    pub fn set_network_covered(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        self.session.set_network_covered(x0, y0, x1, y1);
    }

    #[wasm_bindgen(js_name = panBy)]
    pub fn pan_by(&mut self, dx: f64, dy: f64) {
        self.session.pan_by(dx, dy);
    }

    #[wasm_bindgen(js_name = zoomAt)]
    pub fn zoom_at(&mut self, x: f64, y: f64, delta: f64) {
        self.session.zoom_at(x, y, delta);
    }

    #[wasm_bindgen(js_name = zoomAnimated)]
    pub fn zoom_animated(&mut self, x: f64, y: f64, delta: f64, now_ms: f64, duration_ms: f64) {
        self.session.zoom_animated(x, y, delta, now_ms, duration_ms);
    }

    /// Back to the current step's view, or to all farms outside a story.
    pub fn reset(&mut self, now_ms: f64, duration_ms: f64) {
        self.session.reset(now_ms, duration_ms);
    }

    #[cfg(feature = "inspect")]
    #[wasm_bindgen(js_name = flyToBounds)]
    pub fn fly_to_bounds(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "LngLatBounds")] bounds: JsValue,
        now_ms: f64,
        duration_ms: f64,
    ) -> Result<(), JsError> {
        let number = |name: &str| number_field(&bounds, name);
        let b = (|| -> Option<LngLatBounds> {
            Some(LngLatBounds {
                west: number("west")?,
                south: number("south")?,
                east: number("east")?,
                north: number("north")?,
            })
        })()
        .ok_or_else(|| JsError::new("bounds must be {west, south, east, north}, four numbers"))?;
        self.session.fly_to_bounds(b, now_ms, duration_ms);
        Ok(())
    }

    #[wasm_bindgen(unchecked_return_type = "CameraInfo")]
    pub fn camera(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.camera())
    }

    #[cfg(feature = "inspect")]
    #[wasm_bindgen(js_name = viewBounds, unchecked_return_type = "LngLatBounds")]
    pub fn view_bounds(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.view_bounds())
    }

    #[wasm_bindgen(js_name = pickItem, unchecked_return_type = "MapItem | undefined")]
    pub fn pick_item(&self, x: f64, y: f64, slop_px: f64) -> Result<JsValue, JsError> {
        opt_to_js(self.session.pick_item(x, y, slop_px))
    }

    #[cfg(feature = "inspect")]
    #[wasm_bindgen(js_name = visibleItems, unchecked_return_type = "MapItem[]")]
    pub fn visible_items(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.visible_items())
    }

    #[wasm_bindgen(js_name = setHovered)]
    pub fn set_hovered(&mut self, farm: Option<u32>) {
        self.session.set_hovered(farm);
    }

    #[wasm_bindgen(js_name = setSelected)]
    pub fn set_selected(&mut self, farm: Option<u32>) {
        self.session.set_selected(farm);
    }

    #[wasm_bindgen(js_name = moveFocus)]
    pub fn move_focus(&mut self, step: i32) -> bool {
        self.session.move_focus(step)
    }

    #[wasm_bindgen(unchecked_return_type = "MapItem | undefined")]
    pub fn focused(&self) -> Result<JsValue, JsError> {
        opt_to_js(self.session.focused())
    }

    #[wasm_bindgen(js_name = clearFocus)]
    pub fn clear_focus(&mut self) {
        self.session.clear_focus();
    }

    #[wasm_bindgen(js_name = expandCluster)]
    pub fn expand_cluster(&mut self, cluster: u32, now_ms: f64, duration_ms: f64) -> bool {
        self.session.expand_cluster(cluster, now_ms, duration_ms)
    }

    #[wasm_bindgen(js_name = closeSpider)]
    pub fn close_spider(&mut self) -> bool {
        self.session.close_spider()
    }

    #[cfg(feature = "editor")]
    /// The ids of the farms inside a cluster, in the file's order (empty for none).
    #[wasm_bindgen(js_name = clusterFarmIds)]
    pub fn cluster_farm_ids(&self, cluster: u32) -> Vec<String> {
        self.session.cluster_farm_ids(cluster)
    }

    #[wasm_bindgen(js_name = clusterSummary)]
    pub fn cluster_summary(&self, cluster: u32) -> String {
        self.session.cluster_summary(cluster)
    }

    /// Where the publisher allows raster tiles from: `https://host[:port]` origins, or
    /// `self` for paths on the page's own site. A story's tile layer is drawn only when its
    /// template's origin is exactly one of these (none by default). Returns the entries that
    /// were refused, as sentences.
    #[wasm_bindgen(js_name = setAllowedTileOrigins)]
    pub fn set_allowed_tile_origins(&mut self, origins: Vec<String>) -> Vec<String> {
        self.session.set_allowed_tile_origins(&origins)
    }

    /// Panics, for the crash-isolation tests (only in builds with the `test-panic` feature).
    #[cfg(feature = "test-panic")]
    #[wasm_bindgen(js_name = panicForTest)]
    pub fn panic_for_test(&mut self) {
        panic!("panicForTest was called (a test build)");
    }

    #[cfg(feature = "inspect")]
    /// x0, y0, x1, y1, … (stride 2), CSS px; for tests.
    #[wasm_bindgen(js_name = farmScreenPositions)]
    pub fn farm_screen_positions(&self) -> Vec<f64> {
        self.session.farm_screen_positions()
    }
}
