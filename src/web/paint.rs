//! Replays a [`DrawList`] on a 2D canvas: one path and one fill or stroke per batch, styles
//! set once per batch; closed paths end with a line to their start (no `closePath`, which
//! is slow in Chromium on long paths), so the caps and joins must stay round. Knows nothing about maps, clusters or graphs.

use crate::app::{DrawList, Op, Style, Tile};
use std::f64::consts::TAU;
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, CanvasWindingRule, HtmlImageElement};

fn apply(ctx: &CanvasRenderingContext2d, style: &Style) {
    ctx.set_global_alpha(style.alpha as f64);
    if let Some(fill) = style.fill {
        ctx.set_fill_style_str(fill);
    }
    if let Some(stroke) = style.stroke {
        ctx.set_stroke_style_str(stroke);
        ctx.set_line_width(style.line_width as f64);
    }
    let dash = js_sys::Array::new();
    if let Some([on, off]) = style.dash {
        dash.push(&JsValue::from_f64(on as f64));
        dash.push(&JsValue::from_f64(off as f64));
    }
    let _ = ctx.set_line_dash(&dash);
}

fn finish(ctx: &CanvasRenderingContext2d, style: &Style, even_odd: bool) {
    if style.fill.is_some() {
        if even_odd {
            ctx.fill_with_canvas_winding_rule(CanvasWindingRule::Evenodd);
        } else {
            ctx.fill();
        }
    }
    if style.stroke.is_some() {
        ctx.stroke();
    }
}

/// Paths per stroke call for opaque solid lines (see [`paint`]): measured in headless
/// Chromium, 4 per stroke stroked 5,000 short lines 1.4 px wide in 60 ms, all in one in
/// 200 ms, 64 per stroke in 190 ms.
const STROKE_CHUNK: u32 = 4;
/// Circles per stroke call for opaque outlines: 5,000 circles' 1.5 px outlines took 34 ms
/// 16 per stroke, 51 ms 4 per stroke, 89 ms all in one.
const CIRCLE_STROKE_CHUNK: usize = 16;

/// How long a tile may take to load before it is dropped (drawn as absent, no longer
/// "loading", so the frame loop can stop).
pub const TILE_TIMEOUT_MS: f64 = 8000.0;

/// The most tile images kept; beyond it the cache starts over.
const TILE_CACHE_MAX: usize = 512;

/// A tile image and when it was asked for; `dropped` once it took too long.
struct CachedTile {
    img: HtmlImageElement,
    started_ms: f64,
    dropped: bool,
}

thread_local! {
    /// Tile images by URL, kept across frames; loading ones are drawn once they arrive.
    static TILES: std::cell::RefCell<std::collections::HashMap<String, CachedTile>> = Default::default();
}

/// A new image element requesting `url`, or `None` when none can be made.
fn request_tile(url: &str) -> Option<HtmlImageElement> {
    let img = HtmlImageElement::new().ok()?;
    img.set_cross_origin(Some("anonymous"));
    img.set_src(url);
    Some(img)
}

/// Draw the tiles that have loaded; start loading the others; drop those that have taken
/// longer than [`TILE_TIMEOUT_MS`]. Returns whether any is still loading (the caller keeps
/// drawing frames until none is).
fn paint_tiles(ctx: &CanvasRenderingContext2d, tiles: &[Tile], now_ms: f64) -> bool {
    let mut pending = false;
    TILES.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return;
        };
        if cache.len() > TILE_CACHE_MAX {
            cache.clear();
        }
        for t in tiles {
            if !cache.contains_key(&t.url) {
                let Some(img) = request_tile(&t.url) else {
                    continue;
                };
                let entry = CachedTile {
                    img,
                    started_ms: now_ms,
                    dropped: false,
                };
                cache.insert(t.url.clone(), entry);
            }
            let Some(entry) = cache.get_mut(&t.url) else {
                continue;
            };
            if entry.dropped {
                continue;
            }
            let img = &entry.img;
            if img.complete() && img.natural_width() > 0 {
                let (x, y, s) = (t.x as f64, t.y as f64, t.size as f64);
                let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(
                    img,
                    x,
                    y,
                    s + 0.5,
                    s + 0.5,
                );
            } else if !img.complete() {
                if now_ms - entry.started_ms > TILE_TIMEOUT_MS || now_ms < entry.started_ms {
                    // Too slow: stop the request and leave the tile out from now on.
                    let _ = img.remove_attribute("src");
                    entry.dropped = true;
                } else {
                    pending = true;
                }
            }
        }
    });
    pending
}

/// Paint `d` (CSS pixels) on `ctx` whose backing store is `dpr` times larger, at `now_ms`
/// (the frame's time, for tile time-outs). Returns whether raster tiles are still loading.
pub fn paint(ctx: &CanvasRenderingContext2d, d: &DrawList, dpr: f64, now_ms: f64) -> bool {
    let mut pending = false;
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.set_line_join("round");
    ctx.set_line_cap("round");
    for op in &d.ops {
        match op {
            Op::Paths {
                style,
                paths,
                closed,
            } => {
                apply(ctx, style);
                // An opaque solid stroke is the same in pieces (overlaps are painted over
                // with the same colour); Chromium's software raster strokes thousands of
                // short pieces about 3× faster than one path holding them all.
                let chunked =
                    !*closed && style.fill.is_none() && style.dash.is_none() && style.alpha >= 1.0;
                ctx.begin_path();
                for i in paths.clone() {
                    if chunked && i > paths.start && (i - paths.start) % STROKE_CHUNK == 0 {
                        ctx.stroke();
                        ctx.begin_path();
                    }
                    let pts = d.path(i);
                    ctx.move_to(pts[0] as f64, pts[1] as f64);
                    for p in pts[2..].chunks_exact(2) {
                        ctx.line_to(p[0] as f64, p[1] as f64);
                    }
                    // Closed by a line back to the start, not closePath: Chromium's
                    // closePath costs time in the length of the whole path so far (1.2 s
                    // of a 2.5 s profile of 5,000 arrowheads, bench/frames.mjs network).
                    // Painted with round joins and caps, the picture is the same.
                    if *closed && pts.len() >= 4 {
                        ctx.line_to(pts[0] as f64, pts[1] as f64);
                    }
                }
                finish(ctx, style, *closed);
            }
            Op::Circles { style, circles } => {
                apply(ctx, style);
                let all = &d.circles[circles.start as usize..circles.end as usize];
                let circle_path = |cs: &[[f32; 3]]| {
                    ctx.begin_path();
                    for c in cs {
                        let (x, y, r) = (c[0] as f64, c[1] as f64, c[2] as f64);
                        ctx.move_to(x + r, y);
                        let _ = ctx.arc(x, y, r, 0.0, TAU);
                    }
                };
                circle_path(all);
                if style.stroke.is_some() && style.dash.is_none() && style.alpha >= 1.0 {
                    // All discs filled, then the opaque outlines in pieces (as lines are).
                    if style.fill.is_some() {
                        ctx.fill();
                    }
                    for cs in all.chunks(CIRCLE_STROKE_CHUNK) {
                        circle_path(cs);
                        ctx.stroke();
                    }
                } else {
                    finish(ctx, style, false);
                }
            }
            Op::Wedges { style, wedges } => {
                apply(ctx, style);
                for w in &d.wedges[wedges.start as usize..wedges.end as usize] {
                    let [x, y, r0, r1, a0, a1] = w.map(|v| v as f64);
                    ctx.begin_path();
                    let _ = ctx.arc(x, y, r1, a0, a1);
                    let _ = ctx.arc_with_anticlockwise(x, y, r0, a1, a0, true);
                    ctx.close_path();
                    finish(ctx, style, false);
                }
            }
            Op::Tiles { tiles } => {
                ctx.set_global_alpha(1.0);
                let range = tiles.start as usize..tiles.end as usize;
                if let Some(tiles) = d.tiles.get(range) {
                    pending |= paint_tiles(ctx, tiles, now_ms);
                }
            }
            Op::Labels { style, labels } => {
                ctx.set_global_alpha(1.0);
                ctx.set_font(style.font);
                ctx.set_text_align(style.align);
                ctx.set_text_baseline("alphabetic");
                let _ = ctx.set_line_dash(&js_sys::Array::new());
                // Halo and text use separate state (stroke, fill): set once per batch.
                if let Some(halo) = style.halo {
                    ctx.set_stroke_style_str(halo);
                    ctx.set_line_width(3.0);
                }
                ctx.set_fill_style_str(style.fill);
                for l in &d.labels[labels.start as usize..labels.end as usize] {
                    if style.halo.is_some() {
                        let _ = ctx.stroke_text(&l.text, l.x as f64, l.y as f64);
                    }
                    let _ = ctx.fill_text(&l.text, l.x as f64, l.y as f64);
                }
            }
        }
    }
    ctx.set_global_alpha(1.0);
    pending
}
