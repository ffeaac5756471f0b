//! The charts in the browser: plotters draws them on a canvas ([`MeasuredCanvas`]), and a [`ChartHitMap`] turns a click
//! into the key of the bar under it.
//!
//! Text is measured with the canvas' own `measureText` ([`MeasuredCanvas`]), not plotters'
//! default for wasm, which adds a `<span>` with an inline `style` attribute to the document
//! for every measurement: that is refused (and reported) under the embed's strict
//! Content-Security-Policy, and forces a page layout each time.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::charts::{BarData, ChartHits, ChartKind, ChartStyle};
use crate::json::Plain;

/// What the page may change about a chart's look; everything else is [`ChartStyle`]'s.
/// Read from the JS object by name ([`ChartOptions::from_js`]), without serde.
#[derive(Debug, Default)]
struct ChartOptions {
    /// Adds "Illustrative data" under the title.
    illustrative: bool,
    /// Key of the bar to draw in the highlight colour.
    highlight: Option<String>,
    /// The canvas' backing-store pixels per CSS pixel (usually devicePixelRatio), so text
    /// keeps its CSS size.
    pixel_ratio: Option<f64>,
}

impl ChartOptions {
    /// `{illustrative?, highlight?, pixelRatio?}`: an absent (or `undefined`) field is its
    /// default, `null` too for `highlight` and `pixelRatio`; a field of another type is an
    /// error naming it, as serde-wasm-bindgen's was.
    fn from_js(options: &JsValue) -> Result<ChartOptions, String> {
        if !options.is_object() {
            return Err("expected an object {illustrative?, highlight?, pixelRatio?}".into());
        }
        let field = |name: &str| js_sys::Reflect::get(options, &JsValue::from_str(name));
        let bad = |name: &str, what: &str| format!("{name} must be {what}");
        let illustrative =
            match field("illustrative").map_err(|_| bad("illustrative", "readable"))? {
                v if v.is_undefined() => false,
                v => v
                    .as_bool()
                    .ok_or_else(|| bad("illustrative", "true or false"))?,
            };
        let highlight = match field("highlight").map_err(|_| bad("highlight", "readable"))? {
            v if v.is_undefined() || v.is_null() => None,
            v => Some(v.as_string().ok_or_else(|| bad("highlight", "a string"))?),
        };
        let pixel_ratio = match field("pixelRatio").map_err(|_| bad("pixelRatio", "readable"))? {
            v if v.is_undefined() || v.is_null() => None,
            v => Some(v.as_f64().ok_or_else(|| bad("pixelRatio", "a number"))?),
        };
        Ok(ChartOptions {
            illustrative,
            highlight,
            pixel_ratio,
        })
    }
}

/// Draws a chart on a canvas and returns its hit map.
///
/// `target`: an `HTMLCanvasElement` or the id of one. `kind`: "owners", "capacity" or
/// "shutdowns". `data_json`: `{title, unit, category, note?, bars: [{label, value, key,
/// unknown?}]}`. `options`: `{illustrative?, highlight?, pixelRatio?}` or undefined.
/// Errors (bad data, unknown kind, canvas too small) are thrown as `Error`s; nothing is
/// drawn then.
#[cfg(feature = "engines")]
#[wasm_bindgen(js_name = drawChart)]
pub fn draw_chart(
    target: JsValue,
    kind: &str,
    data_json: &str,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
) -> Result<ChartHitMap, JsError> {
    let data = BarData::from_json(data_json).map_err(|e| JsError::new(&e.to_string()))?;
    draw_on(canvas_of(target)?, kind, &data, options)
}

/// Draw `data` as chart `kind` on `canvas` (for `drawChart` and `FarmMap.paintChart`).
pub(crate) fn draw_on(
    canvas: HtmlCanvasElement,
    kind: &str,
    data: &BarData,
    options: JsValue,
) -> Result<ChartHitMap, JsError> {
    let kind = ChartKind::parse(kind).ok_or_else(|| {
        JsError::new(&format!(
            "unknown chart kind {}: use \"owners\", \"capacity\" or \"shutdowns\"",
            crate::json::Quoted(&kind.chars().take(40).collect::<String>())
        ))
    })?;
    let options: ChartOptions = if options.is_undefined() || options.is_null() {
        ChartOptions::default()
    } else {
        ChartOptions::from_js(&options).map_err(|e| JsError::new(&format!("chart options: {e}")))?
    };
    let mut style = ChartStyle {
        illustrative: options.illustrative,
        highlighted_key: options.highlight,
        ..ChartStyle::default()
    };
    if let Some(ratio) = options.pixel_ratio {
        style = style.scaled(ratio);
    }
    let backend =
        MeasuredCanvas::new(canvas).ok_or_else(|| JsError::new("the canvas has no 2D context"))?;
    let root: DrawingArea<MeasuredCanvas, Shift> = backend.into_drawing_area();
    let hits = kind
        .draw(&root, data, &style)
        .map_err(|e| JsError::new(&e.to_string()))?;
    Ok(ChartHitMap { hits })
}

/// The TypeScript shapes of chart data and options (the Rust types live in `charts`,
/// which does not depend on wasm-bindgen).
#[wasm_bindgen(typescript_custom_section)]
const CHART_TYPES: &str = r#"
/** One bar: `key` maps it back to its farms (FarmMap.highlightBar). */
export interface ChartBar { label: string; value: number; key: string; unknown: number }
/** A chart's data, as FarmMap.chartData returns it and drawChart takes it (as JSON). */
export interface ChartData { title: string; unit: string; category: string; note: string | null; bars: ChartBar[] }
/** What the page may change about a chart's look. */
export interface ChartOptions { illustrative?: boolean; highlight?: string; pixelRatio?: number }
"#;

#[cfg(feature = "engines")]
fn canvas_of(target: JsValue) -> Result<HtmlCanvasElement, JsError> {
    if let Some(id) = target.as_string() {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .ok_or_else(|| {
                JsError::new(&format!("no element with id {}", crate::json::Quoted(&id)))
            })?;
        element.dyn_into::<HtmlCanvasElement>().map_err(|_| {
            JsError::new(&format!(
                "element {} is not a <canvas>",
                crate::json::Quoted(&id)
            ))
        })
    } else {
        target
            .dyn_into::<HtmlCanvasElement>()
            .map_err(|_| JsError::new("drawChart needs a <canvas> element or its id"))
    }
}

/// The bars of a drawn chart, for hit-testing clicks and pointer moves.
#[wasm_bindgen]
pub struct ChartHitMap {
    hits: ChartHits,
}

#[wasm_bindgen]
impl ChartHitMap {
    /// The bar key at (x, y) in canvas backing-store pixels, or undefined.
    #[wasm_bindgen(js_name = keyAt)]
    pub fn key_at(&self, x: f64, y: f64) -> Option<String> {
        self.hits.key_at(x, y).map(str::to_string)
    }

    #[cfg(feature = "inspect")]
    /// The index into the input's `bars` at (x, y), or -1.
    #[wasm_bindgen(js_name = indexAt)]
    pub fn index_at(&self, x: f64, y: f64) -> i32 {
        self.hits
            .hit(x, y)
            .map_or(-1, |h| i32::try_from(h.index).unwrap_or(-1))
    }

    /// The bar key under a pointer event's `clientX`/`clientY`: converts from CSS pixels of
    /// the page to the canvas' backing-store pixels, whatever its CSS size.
    #[wasm_bindgen(js_name = keyAtClient)]
    pub fn key_at_client(
        &self,
        canvas: &HtmlCanvasElement,
        client_x: f64,
        client_y: f64,
    ) -> Option<String> {
        let rect = canvas.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return None;
        }
        let x = (client_x - rect.left()) * f64::from(canvas.width()) / rect.width();
        let y = (client_y - rect.top()) * f64::from(canvas.height()) / rect.height();
        self.key_at(x, y)
    }

    /// `[{key, index, bar: {x0, y0, x1, y1}, band: {…}}]`, e.g. to draw focus rings or to
    /// build accessible descriptions.
    pub fn bars(&self) -> Result<JsValue, JsError> {
        super::convert::to_js(&self.hits.bars)
    }

    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.hits.bars.len()
    }
}

// The drawing calls of `MeasuredCanvas` below are adapted from plotters-canvas 0.3.1
// (src/canvas.rs), under its MIT licence:
//   Copyright (c) 2019 Hao Hou <haohou302@gmail.com>
//   Permission is hereby granted, free of charge, to any person obtaining a copy of this
//   software and associated documentation files (the "Software"), to deal in the Software
//   without restriction, including without limitation the rights to use, copy, modify,
//   merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
//   permit persons to whom the Software is furnished to do so, subject to the following
//   conditions: The above copyright notice and this permission notice shall be included in
//   all copies or substantial portions of the Software.
//   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
//   INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
//   PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT
//   HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF
//   CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR
//   THE USE OR OTHER DEALINGS IN THE SOFTWARE.

/// A plotters backend on a canvas' 2D context: plotters-canvas' `CanvasBackend` (0.3.1,
/// MIT), the same canvas calls in the same order, with text measured by the canvas itself
/// (see the module doc) and its colour and font strings written by `json::Plain` instead of
/// core's float formatting (which then stays out of the reader's wasm).
pub struct MeasuredCanvas {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
}

impl MeasuredCanvas {
    pub fn new(canvas: HtmlCanvasElement) -> Option<MeasuredCanvas> {
        let context = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        Some(MeasuredCanvas { canvas, context })
    }

    fn set_line_style(&self, style: &impl BackendStyle) {
        self.context
            .set_stroke_style_str(&canvas_color(style.color()));
        self.context.set_line_width(style.stroke_width() as f64);
    }
}

/// A canvas call that threw: what it threw, as JSON (plotters-canvas' `CanvasError`).
#[derive(Debug)]
pub struct CanvasError(String);

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Canvas Error: {}", self.0)
    }
}

impl std::error::Error for CanvasError {}

fn canvas_error(e: JsValue) -> DrawingErrorKind<CanvasError> {
    DrawingErrorKind::DrawingError(CanvasError(
        js_sys::JSON::stringify(&e)
            .map(String::from)
            .unwrap_or_else(|_| "Unknown".to_string()),
    ))
}

fn canvas_color(color: BackendColor) -> String {
    let (r, g, b) = color.rgb;
    format!("rgba({r},{g},{b},{})", Plain(color.alpha))
}

/// The font as plotters-canvas sets it: "normal 13px sans-serif".
fn canvas_font(style: &impl BackendTextStyle) -> String {
    format!(
        "{} {}px {}",
        style.style().as_str(),
        Plain(style.size()),
        style.family().as_str()
    )
}

/// A vertical or horizontal line moved half a pixel left or up, so it is not blurred
/// across two pixels.
fn fine_hor_ver_lines(from: BackendCoord, end: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let mut from = (from.0 as f64, from.1 as f64);
    let mut end = (end.0 as f64, end.1 as f64);
    if from.0 == end.0 {
        from.0 -= 0.5;
        end.0 -= 0.5;
    }
    if from.1 == end.1 {
        from.1 -= 0.5;
        end.1 -= 0.5;
    }
    (from, end)
}

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        (self.canvas.width(), self.canvas.height())
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.context.set_fill_style_str(&canvas_color(color));
        self.context
            .fill_rect(f64::from(point.0), f64::from(point.1), 1.0, 1.0);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let (from, to) = fine_hor_ver_lines(from, to);
        self.set_line_style(style);
        self.context.begin_path();
        self.context.move_to(from.0, from.1);
        self.context.line_to(to.0, to.1);
        self.context.stroke();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let (x, y) = (f64::from(upper_left.0), f64::from(upper_left.1));
        let w = f64::from(bottom_right.0 - upper_left.0);
        let h = f64::from(bottom_right.1 - upper_left.1);
        if fill {
            self.context
                .set_fill_style_str(&canvas_color(style.color()));
            self.context.fill_rect(x, y, w, h);
        } else {
            self.set_line_style(style);
            self.context.stroke_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let mut path = path.into_iter();
        self.context.begin_path();
        if let Some(start) = path.next() {
            self.set_line_style(style);
            self.context.move_to(f64::from(start.0), f64::from(start.1));
            for next in path {
                self.context.line_to(f64::from(next.0), f64::from(next.1));
            }
        }
        self.context.stroke();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        if fill {
            self.context
                .set_fill_style_str(&canvas_color(style.color()));
        } else {
            self.set_line_style(style);
        }
        self.context.begin_path();
        self.context
            .arc(
                f64::from(center.0),
                f64::from(center.1),
                f64::from(radius),
                0.0,
                std::f64::consts::PI * 2.0,
            )
            .map_err(canvas_error)?;
        if fill {
            self.context.fill();
        } else {
            self.context.stroke();
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let mut path = vert.into_iter();
        self.context.begin_path();
        if let Some(start) = path.next() {
            self.context
                .set_fill_style_str(&canvas_color(style.color()));
            self.context.move_to(f64::from(start.0), f64::from(start.1));
            for next in path {
                self.context.line_to(f64::from(next.0), f64::from(next.1));
            }
            self.context.close_path();
        }
        self.context.fill();
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let (mut x, mut y) = (pos.0, pos.1);
        let degree = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 90.0,
            FontTransform::Rotate180 => 180.0,
            FontTransform::Rotate270 => 270.0,
        } / 180.0
            * std::f64::consts::PI;
        if degree != 0.0 {
            self.context.save();
            self.context
                .translate(f64::from(x), f64::from(y))
                .map_err(canvas_error)?;
            self.context.rotate(degree).map_err(canvas_error)?;
            x = 0;
            y = 0;
        }
        self.context.set_text_baseline(match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        });
        self.context.set_text_align(match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        });
        self.context.set_fill_style_str(&canvas_color(color));
        self.context.set_font(&canvas_font(style));
        self.context
            .fill_text(text, f64::from(x), f64::from(y))
            .map_err(canvas_error)?;
        if degree != 0.0 {
            self.context.restore();
        }
        Ok(())
    }

    /// The font string [`DrawingBackend::draw_text`] sets, so measuring and drawing agree.
    /// Height is the font size: canvas metrics of ascent and descent vary by browser, and the
    /// layout only needs a line height.
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        self.context.set_font(&canvas_font(style));
        let width = self
            .context
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(0.0);
        let width = if width.is_finite() { width.ceil() } else { 0.0 };
        Ok((width as u32, style.size().ceil().max(0.0) as u32))
    }
}
