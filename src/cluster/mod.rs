//! Point clustering for the map: supercluster 9.1.0's results, computed faster.
//!
//! Same greedy radius clustering per zoom, same Int32 coordinate storage, same cluster ids
//! and orders (kdbush's tree is ported exactly, since output order comes from it), so a
//! page can swap supercluster for [`ClusterIndex`] and get identical clusters. Faster
//! because the neighbour search uses a cell-sorted radius grid (the private `grid` module)
//! instead of one tree search per point, points alone in their cells skip the search
//! entirely, and everything is flat arrays grown in few steps (`headroom`). Smaller because a
//! level stores only its tree order (4 bytes an entry, not supercluster's 36) and a cluster
//! is one row made where it forms: 0.18–0.21× supercluster's memory kept at 1M points (see
//! `index`'s module docs). Each cluster can also carry the map's aggregates (capacity,
//! statuses, owner groups), see [`PointAttrs`].

mod aggregate;
mod build;
mod grid;
mod headroom;
mod index;
mod kdbush;
mod mercator;
mod options;
#[cfg(test)]
mod query_phases;
#[cfg(test)]
mod tests;

use std::fmt;

pub use aggregate::{Aggregates, PointAttrs, MAX_GROUPS, STATUSES, UNASSIGNED};
pub use build::IndexBuilder;
pub use index::{ClusterIndex, Clusters, IndexStats, MAX_POINTS};
pub use options::ClusterOptions;

/// Why a cluster call failed; the message (`Display`) matches supercluster's where it has
/// one.
#[derive(Clone, Debug, PartialEq)]
pub enum ClusterError {
    /// An option that would make every distance NaN.
    BadOption(&'static str),
    /// Coordinates or attributes that cannot be clustered (odd length, infinite, too many).
    BadInput(String),
    /// A NaN zoom.
    BadZoom,
    /// supercluster's "No cluster with the specified id." (unknown or stale id).
    NoCluster(u32),
}

impl fmt::Display for ClusterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClusterError::BadOption(m) => write!(f, "bad cluster option: {m}"),
            ClusterError::BadInput(m) => write!(f, "bad cluster input: {m}"),
            ClusterError::BadZoom => write!(f, "zoom must be a number"),
            ClusterError::NoCluster(id) => write!(f, "No cluster with the specified id ({id})."),
        }
    }
}

impl std::error::Error for ClusterError {}
