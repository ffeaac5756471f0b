//! Clustering options, with supercluster's names (camelCase from JS) and defaults.

use serde::Deserialize;

use super::ClusterError;

/// supercluster's options; from JS (or JSON) with its camelCase names, missing ones taking
/// supercluster's defaults, unknown ones refused.
///
/// # Examples
/// ```
/// use farmmap::cluster::ClusterOptions;
///
/// let o: ClusterOptions = serde_json::from_str(r#"{"radius": 60, "maxZoom": 12}"#).unwrap();
/// assert_eq!((o.radius, o.max_zoom, o.min_points), (60.0, 12, 2));
/// assert!(serde_json::from_str::<ClusterOptions>(r#"{"radious": 60}"#).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ClusterOptions {
    /// Cluster radius in pixels of a tile `extent` wide.
    pub radius: f64,
    pub extent: f64,
    /// Lowest zoom that gets clusters; queries below it use it.
    pub min_zoom: u8,
    /// Highest zoom that clusters; above it every point stands alone. At most 30.
    pub max_zoom: u8,
    /// Fewest points a cluster may hold.
    pub min_points: u32,
    /// KD-tree leaf size; changes speed only.
    pub node_size: u32,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            radius: 40.0,
            extent: 512.0,
            min_zoom: 0,
            max_zoom: 16,
            min_points: 2,
            node_size: 64,
        }
    }
}

impl ClusterOptions {
    /// supercluster's own adjustments (maxZoom capped at 30, minZoom at maxZoom), plus
    /// rejecting values that would make every distance NaN.
    pub(crate) fn validated(mut self) -> Result<ClusterOptions, ClusterError> {
        if !(self.radius.is_finite() && self.radius >= 0.0) {
            return Err(ClusterError::BadOption(
                "radius must be a finite number ≥ 0",
            ));
        }
        if !(self.extent.is_finite() && self.extent > 0.0) {
            return Err(ClusterError::BadOption(
                "extent must be a finite number > 0",
            ));
        }
        self.max_zoom = self.max_zoom.min(30);
        self.min_zoom = self.min_zoom.min(self.max_zoom);
        Ok(self)
    }
}
