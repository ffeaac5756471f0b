//! The only module that touches wasm-bindgen, web-sys or js-sys: the exported JS API
//! (docs/js-api.md) and the canvas painter. It converts and forwards; the rules are in
//! `app::Session`, tested natively.
use wasm_bindgen::prelude::*;

mod charts_api;
mod cluster_api;
mod convert;
mod files_api;
mod map_api;
mod network_api;
mod network_view_api;
mod paint;
mod story_api;

pub use charts_api::*;
pub use cluster_api::*;
pub use files_api::*;
pub use map_api::*;
pub use network_api::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}
