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
