//! The only module that touches wasm-bindgen, web-sys or js-sys: the exported JS API and the
//! canvas painter. Keep it thin: logic belongs in the pure-Rust modules.
use wasm_bindgen::prelude::*;

mod charts_api;
mod cluster_api;
mod map_api;
mod network_api;
mod network_view_api;
mod paint;

pub use charts_api::*;
pub use cluster_api::*;
pub use map_api::*;
pub use network_api::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The crate version, so a page can tell which build it runs.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
