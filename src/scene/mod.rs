//! Scene building: the camera, and the draw list for one frame. Pure Rust; the painter in
//! `web` replays the draw list on a canvas.

pub mod bitset;
pub mod camera;
pub mod clusters;
pub mod draw;
pub mod focus;
pub mod labels;
pub mod map;
pub mod network_view;
pub mod style;
pub mod svg;
