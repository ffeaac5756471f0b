//! farmmap: a map of farm locations and the ownership network behind them.
//!
//! Everything but [`web`] is plain Rust, tested natively with `cargo test`; [`web`] is the
//! thin wasm-bindgen layer the browser talks to. See ARCHITECTURE.md for the data flow.

pub mod app;
pub mod basemap;
pub mod charts;
pub mod cluster;
pub mod geometry;
pub mod i18n;
pub mod import;
pub mod json;
pub mod model;
pub mod network;
pub mod projection;
pub mod regions;
pub mod rng;
pub mod scene;
pub mod sort;
pub mod story;
pub mod web;

/// The reader's wasm allocates with talc instead of std's dlmalloc: 486,961 → 483,030 B raw,
/// 221,883 → 220,074 B gzip (`scripts/build.sh && scripts/measure-size.sh`). The heap grows with `memory.grow`
/// as dlmalloc's did. The full build (the editor, and the engines `bench/` measures) keeps
/// dlmalloc: with talc the 1M-point cluster index's wasm memory was 2.6 % larger (uniform,
/// 151.6 → 155.6 MB; Gaussian 133.9 → 135.8 MB; `node bench/cluster.mjs --sizes 1000000
/// --runs 2` on both builds), and its timings, on a loaded machine, could not tell them apart.
#[cfg(all(
    target_family = "wasm",
    not(target_feature = "atomics"),
    not(feature = "importers")
))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
