//! The only module that touches wasm-bindgen, web-sys or js-sys: the exported JS API
//! (docs/js-api.md) and the canvas painter. It converts and forwards; the rules are in
//! `app::Session`, tested natively.
//!
//! The reader's build (no cargo feature) exports `FarmMap` and `styleVariables` only; the
//! standalone engines (`ClusterIndex`, `ForceLayout`, `NetworkData`, `drawChart`) need the
//! feature `engines`, the editor's free functions the feature `editor`.
use wasm_bindgen::prelude::*;

mod charts_api;
#[cfg(feature = "engines")]
mod cluster_api;
mod convert;
mod files_api;
mod map_api;
#[cfg(feature = "engines")]
mod network_api;
mod network_view_api;
mod paint;
mod story_api;

pub use charts_api::*;
#[cfg(feature = "engines")]
pub use cluster_api::*;
pub use files_api::*;
pub use map_api::*;
#[cfg(feature = "engines")]
pub use network_api::*;

/// The name of the JS error a panic becomes, so the page can tell a crash (this instance
/// is dead) from an ordinary error (`JsError`, the instance is fine).
pub const PANIC_ERROR_NAME: &str = "FarmmapPanic";

/// Runs when each instance starts: a panic is logged to the console, then thrown to the
/// JavaScript caller as an `Error` named [`PANIC_ERROR_NAME`] carrying the panic's message,
/// so the embed that made the call shows it in its own error box (instead of a bare
/// "unreachable" trap). The instance is not used again after that; the page re-instantiates.
/// The reader's build (scripts/build.sh) compiles with `-Cpanic=immediate-abort`: there a
/// panic is that trap at once and this hook never runs; `www/frame-loop.js` names it.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(not(panic = "immediate-abort"))]
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("a panic");
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        let err = js_sys::Error::new(&format!("farmmap crashed: {message}{place}"));
        err.set_name(PANIC_ERROR_NAME);
        wasm_bindgen::throw_val(err.into());
    }));
}
