//! The ownership network: who owns, directs or is related to whom, behind the farms.
//!
//! - [`model`]: nodes and typed ties, as saved in the story file;
//! - [`graph`]: the same network as flat arrays with an id → index map, for layout and paths;
//! - loaders: [`links_csv`] (entities + links spreadsheets), [`ftm`] (FollowTheMoney JSON
//!   lines), [`bods`] (Beneficial Ownership Data Standard statements);
//! - [`forceatlas2`] (with [`quadtree`] and [`portable`]): the seeded, incremental layout;
//! - [`paths`]: the tie chain between two nodes, and what to highlight upward from a farm
//!   or downward from an owner; [`sentence`]: how to say a chain;
//! - [`metrics`] and [`generate`]: stress, crossings and seeded test graphs.

pub mod bods;
pub mod forceatlas2;
pub mod ftm;
pub mod generate;
pub mod graph;
pub mod links_csv;
pub mod metrics;
pub mod model;
pub mod paths;
pub mod portable;
pub mod quadtree;
pub mod queries;
pub mod sentence;
