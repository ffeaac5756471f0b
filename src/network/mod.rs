//! The ownership network: who owns, directs or is related to whom, behind the farms.
//!
//! - [`model`]: nodes and typed ties, as saved in the story file;
//! - [`graph`]: the same network as flat arrays with an id → index map, for layout and paths;
//! - the loaders (entities + links spreadsheets, FollowTheMoney, BODS) live in
//!   [`crate::import`], with the farms importers, since they share its report type;
//! - [`forceatlas2`]: the seeded, incremental layout (with two private helpers: `quadtree`,
//!   the Barnes-Hut tree, and `portable`, maths that gives the same bits natively and in wasm);
//! - [`paths`]: the tie chain between two nodes, and what to highlight upward from a farm
//!   or downward from an owner; [`sentence`]: how to say a chain;
//! - [`stress`]: stress majorization that refines a ForceAtlas2 picture (exact, or sparse
//!   with pivots on big components), and [`components`]: components found and packed;
//! - [`uncross`]: a pass that turns leaves and reflects degree-2 nodes when their ties then
//!   cross fewer others;
//! - [`metrics`] and [`generate`]: stress, crossings and seeded test graphs.

pub mod components;
pub mod forceatlas2;
pub mod generate;
pub mod graph;
pub mod metrics;
pub mod model;
pub mod paths;
mod portable;
mod quadtree;
pub mod queries;
pub mod sentence;
pub mod stress;
pub mod uncross;
