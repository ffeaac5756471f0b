//! The cluster hierarchy: supercluster 9.1.0's greedy radius clustering, zoom by zoom,
//! with a grid for the neighbour search and per-cluster aggregates.
//!
//! # What is stored, and why (1M points, default options)
//!
//! supercluster keeps, for every zoom that formed a cluster, a full copy of the level: six
//! Int32 a entry (x, y, zoom, id, parent, count) and a kdbush tree (ids and x, y again):
//! 36 bytes an entry and level, plus 16 bytes a point of Float64 world coordinates. 1M
//! uniform points make 17 stored levels of 7.7M entries in all (each of zooms 16..10
//! still holds ≥ 95 % of the points): 394–412 MB. A Gaussian mixture makes 6.4M entries,
//! about 250 MB.
//!
//! Most of that repeats itself: a point is the same point at every zoom where it stands
//! alone, and only its place in each level's tree differs. So here:
//! - a **level is only its tree order**: one u32 *handle* per entry (an input point below
//!   `n`, a cluster row from `n`), 4 bytes an entry and level instead of 36. The tree walk
//!   looks coordinates up through the handle.
//! - **points keep their f64 world coordinates once** (16 bytes a point): supercluster
//!   returns a lone point through `xLng`/`yLat` of exactly these, so no fixed-point form
//!   could replace them; their Int32 form (`to_int32(encode(·))`) is recomputed on demand,
//!   which is exact by construction (the same expression supercluster stores).
//! - **a cluster is one row**, made once at the zoom where it forms: id, count, Int32
//!   centroid, the handle it grew from (where `getChildren` searches) and its children's
//!   handles (what supercluster's `parent` field encodes, stored only where it is not −1):
//!   24 bytes plus 4 a child. Clusters number at most `n` over all zooms (each removes at
//!   least one entry), and children at most `2n`.
//! - **aggregates only when asked**: without attributes a cluster's sums follow from its
//!   count; with them, one pool row a cluster (the map's case).
//! - **no copy of the input**: the coordinates are read in chunks (`load_from`), so the JS
//!   API does not copy a 16 MB Float64Array into wasm memory first.
//!
//! Measured figures are in docs/cluster.md ("Memory").

use super::aggregate::{Aggregates, PointAttrs};
use super::build::IndexBuilder;
use super::headroom::Headroom;
use super::kdbush::KdTree;
use super::mercator::{decode, encode, lat_y, lng_x, to_int32, wrap_lng, x_lng, y_lat, SCALE};
use super::{ClusterError, ClusterOptions};

pub(super) const NONE: u32 = u32::MAX;
/// Bytes per point allocated by the first pass: world coordinates (16), the first tree (4)
/// and its copy being sorted (4), the current and next level's handles (8), entry-order
/// x, y (8), visited flags (1), the grid (≤ 36).
pub(super) const FIRST_BYTES: usize = 77;
/// Bytes per entry a later pass keeps: its tree (4) and a share of cluster rows.
pub(super) const LEVEL_BYTES: usize = 6;
/// Ids are `(index << 5) + zoom + 1 + n` in 31 bits, as in supercluster's Int32 storage.
pub const MAX_POINTS: usize = 1 << 25;
/// Coordinates read per chunk by `load_from`.
const CHUNK: usize = 1 << 14;

/// Clusters, one row each, in the order they formed (zoom max_zoom down, then entry order,
/// so ids ascend within a zoom).
#[derive(Default)]
pub(super) struct Rows {
    /// supercluster's cluster id.
    pub(super) id: Vec<u32>,
    /// Input points inside.
    pub(super) num: Vec<u32>,
    /// Int32-encoded centroid (see `mercator::encode`).
    pub(super) x: Vec<i32>,
    pub(super) y: Vec<i32>,
    /// Handle of the entry the cluster grew from: `getChildren` searches around it.
    pub(super) center: Vec<u32>,
    /// Children of row c: `children[child_start[c]..child_start[c + 1]]`, handles, sorted.
    pub(super) child_start: Vec<u32>,
    pub(super) children: Vec<u32>,
    /// Rows formed at zoom z: `zoom_start[z]..zoom_start[z + 1]`... stored as (start, end).
    pub(super) zoom_rows: Vec<(u32, u32)>,
}

impl Rows {
    fn heap_bytes(&self) -> usize {
        4 * (self.id.capacity()
            + self.num.capacity()
            + self.x.capacity()
            + self.y.capacity()
            + self.center.capacity()
            + self.child_start.capacity()
            + self.children.capacity())
            + 8 * self.zoom_rows.capacity()
    }

    pub(super) fn shrink(&mut self) {
        for v in [
            &mut self.id,
            &mut self.num,
            &mut self.center,
            &mut self.child_start,
            &mut self.children,
        ] {
            v.shrink_to_fit();
        }
        self.x.shrink_to_fit();
        self.y.shrink_to_fit();
    }

    fn children_of(&self, row: usize) -> &[u32] {
        &self.children[self.child_start[row] as usize..self.child_start[row + 1] as usize]
    }
}

/// Turns a handle into the Int32 coordinates supercluster stores for it.
#[derive(Clone, Copy)]
pub(super) struct Coords<'a> {
    pub(super) n: u32,
    pub(super) world: &'a [f64],
    pub(super) x: &'a [i32],
    pub(super) y: &'a [i32],
}

impl Coords<'_> {
    #[inline]
    pub(super) fn xy(&self, h: u32) -> (i32, i32) {
        if h < self.n {
            let i = 2 * h as usize;
            (
                to_int32(encode(self.world[i])),
                to_int32(encode(self.world[i + 1])),
            )
        } else {
            let r = (h - self.n) as usize;
            (self.x[r], self.y[r])
        }
    }
}

/// Query results as flat arrays, one row per point or cluster.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clusters {
    /// Position in degrees, computed as supercluster computes it: a lone point too comes
    /// back through `xLng`/`yLat` of its world coordinates (a point at 89.5° at 85.0511°).
    pub lng: Vec<f64>,
    pub lat: Vec<f64>,
    /// Web Mercator world coordinates in [0, 1] (the scene's space).
    pub world_x: Vec<f64>,
    pub world_y: Vec<f64>,
    /// Input points inside; 1 for a lone point.
    pub count: Vec<u32>,
    /// Cluster id where `count > 1`, else the input point index.
    pub id: Vec<u32>,
    handle: Vec<u32>,
}

impl Clusters {
    pub fn len(&self) -> usize {
        self.id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }

    /// Rows every column holds without reallocating: the least of their capacities.
    pub fn capacity(&self) -> usize {
        self.lng
            .capacity()
            .min(self.lat.capacity())
            .min(self.world_x.capacity())
            .min(self.world_y.capacity())
            .min(self.count.capacity())
            .min(self.id.capacity())
    }

    fn with_capacity(n: usize) -> Clusters {
        let mut out = Clusters::default();
        out.reserve(n);
        out
    }

    /// Empties every column, keeping its allocation.
    fn clear(&mut self) {
        self.lng.clear();
        self.lat.clear();
        self.world_x.clear();
        self.world_y.clear();
        self.count.clear();
        self.id.clear();
        self.handle.clear();
    }

    /// Room for `n` rows in every column (one allocation per column, not a doubling
    /// series: queries run every frame). A column that must grow gets at least twice its
    /// old capacity, so a caller reusing the buffer reallocates O(log n) times.
    fn reserve(&mut self, n: usize) {
        let more = |cap: usize, len: usize| n.max(2 * cap) - len;
        if self.capacity() >= n {
            return;
        }
        let cap = self.capacity();
        self.lng.reserve_exact(more(cap, self.lng.len()));
        self.lat.reserve_exact(more(cap, self.lat.len()));
        self.world_x.reserve_exact(more(cap, self.world_x.len()));
        self.world_y.reserve_exact(more(cap, self.world_y.len()));
        self.count.reserve_exact(more(cap, self.count.len()));
        self.id.reserve_exact(more(cap, self.id.len()));
    }
}

/// Sizes of an index, for the benchmarks' bytes-per-point-per-level line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndexStats {
    /// Heap bytes the index holds (capacities, not lengths).
    pub bytes: usize,
    /// Distinct levels stored (a zoom where nothing merged shares the level above).
    pub levels: usize,
    /// Entries over all stored levels.
    pub entries: usize,
    /// Clusters over all zooms.
    pub clusters: usize,
}

/// A static clustering of points for every zoom, built once by [`ClusterIndex::load`].
///
/// ```
/// use farmmap::cluster::{ClusterIndex, ClusterOptions, PointAttrs};
/// let mut index = ClusterIndex::new(ClusterOptions::default()).unwrap();
/// // Two farms a few km apart near Ekibastuz, one in Almaty.
/// index.load(&[75.3, 51.7, 75.32, 51.71, 76.9, 43.25], &PointAttrs::default()).unwrap();
/// let world = index.clusters([-180.0, -90.0, 180.0, 90.0], 3.0).unwrap();
/// assert_eq!(world.len(), 2);
/// let big = world.count.iter().position(|&c| c == 2).unwrap();
/// assert_eq!(index.leaves(world.id[big], usize::MAX, 0).unwrap(), vec![0, 1]);
/// assert!(index.expansion_zoom(world.id[big]).unwrap() > 3);
/// ```
pub struct ClusterIndex {
    pub(super) options: ClusterOptions,
    pub(super) num_points: usize,
    /// World x, y of each input point (supercluster's `coords`); NaN for a point without
    /// a location.
    pub(super) world: Vec<f64>,
    /// Each stored level's tree of handles.
    pub(super) levels: Vec<KdTree>,
    /// Level index for zoom 0..=max_zoom + 1; NONE below min_zoom.
    pub(super) level_of_zoom: Vec<u32>,
    pub(super) rows: Rows,
    /// Present only when attributes were given; then `pool` has one row per cluster row.
    pub(super) attrs: Option<PointAttrs>,
    pub(super) pool: Aggregates,
    /// Off only in tests, to check the grid against supercluster's tree search.
    pub(crate) use_grid: bool,
}

impl ClusterIndex {
    /// An empty index; [`load`](Self::load) fills it. The options get supercluster's own
    /// adjustments (`max_zoom` capped at 30, `min_zoom` at `max_zoom`).
    ///
    /// # Errors
    /// [`ClusterError::BadOption`] for a radius or extent that is not a finite number (a
    /// NaN would make every distance NaN).
    ///
    /// # Examples
    /// ```
    /// use farmmap::cluster::{ClusterError, ClusterIndex, ClusterOptions};
    ///
    /// let deep = ClusterOptions { max_zoom: 40, ..ClusterOptions::default() };
    /// assert_eq!(ClusterIndex::new(deep).unwrap().options().max_zoom, 30);
    ///
    /// let bad = ClusterOptions { radius: f64::NAN, ..ClusterOptions::default() };
    /// assert!(matches!(ClusterIndex::new(bad), Err(ClusterError::BadOption(_))));
    /// ```
    pub fn new(options: ClusterOptions) -> Result<ClusterIndex, ClusterError> {
        let mut index = ClusterIndex::blank(options.validated()?, true);
        index.load(&[], &PointAttrs::default())?;
        Ok(index)
    }

    /// An index of nothing, not even built (no levels): what a build starts from.
    /// Whether a build finds neighbours on the grid: always, except in tests that turn
    /// `use_grid` off to check the grid against supercluster's tree search
    /// (compiled out of other builds, with its hash map of entries).
    pub(crate) fn grid_on(&self) -> bool {
        !cfg!(test) || self.use_grid
    }

    pub(super) fn blank(options: ClusterOptions, use_grid: bool) -> ClusterIndex {
        ClusterIndex {
            options,
            num_points: 0,
            world: Vec::new(),
            levels: Vec::new(),
            level_of_zoom: Vec::new(),
            rows: Rows::default(),
            attrs: None,
            pool: Aggregates::new(0),
            use_grid,
        }
    }

    pub fn options(&self) -> &ClusterOptions {
        &self.options
    }

    /// Number of input points, skipped ones included.
    pub fn num_points(&self) -> usize {
        self.num_points
    }

    /// What the index holds (see [`IndexStats`]).
    pub fn stats(&self) -> IndexStats {
        let attrs = self.attrs.as_ref().map_or(0, |a| {
            8 * a.capacity.capacity() + a.status.capacity() + 2 * a.group.capacity()
        });
        let pool = 8 * self.pool.capacity_sum.capacity()
            + 4 * (self.pool.capacity_known.capacity()
                + self.pool.status_counts.capacity()
                + self.pool.group_counts.capacity());
        IndexStats {
            bytes: 8 * self.world.capacity()
                + self.levels.iter().map(KdTree::heap_bytes).sum::<usize>()
                + 4 * self.level_of_zoom.capacity()
                + self.rows.heap_bytes()
                + attrs
                + pool,
            levels: self.levels.len(),
            entries: self.levels.iter().map(KdTree::len).sum(),
            clusters: self.rows.id.len(),
        }
    }

    pub(super) fn coords(&self) -> Coords<'_> {
        Coords {
            n: self.num_points as u32,
            world: &self.world,
            x: &self.rows.x,
            y: &self.rows.y,
        }
    }

    /// Clusters `lnglat` (`[lng0, lat0, lng1, lat1, …]`, degrees), replacing any earlier
    /// load. A pair with a NaN stands for a feature without geometry: it keeps its index
    /// (and so shifts ids, as in supercluster) but is not clustered. Infinite values are
    /// refused.
    ///
    /// # Errors
    /// [`ClusterError::BadInput`] for an odd number of values, an infinite coordinate,
    /// [`MAX_POINTS`] points or more, or `attrs` of the wrong length.
    ///
    /// # Examples
    /// ```
    /// use farmmap::cluster::{ClusterIndex, ClusterOptions, PointAttrs};
    ///
    /// let mut index = ClusterIndex::new(ClusterOptions::default()).unwrap();
    /// // The second farm has no position: it keeps index 1 but is never clustered.
    /// let lnglat = [75.3, 51.7, f64::NAN, f64::NAN, 76.9, 43.25];
    /// index.load(&lnglat, &PointAttrs::default()).unwrap();
    /// assert_eq!(index.num_points(), 3);
    /// let alone = index.clusters([-180.0, -90.0, 180.0, 90.0], 17.0).unwrap();
    /// assert_eq!(alone.id, vec![0, 2]);
    ///
    /// assert!(index.load(&[75.3], &PointAttrs::default()).is_err());
    /// ```
    pub fn load(&mut self, lnglat: &[f64], attrs: &PointAttrs) -> Result<(), ClusterError> {
        if lnglat.len() % 2 != 0 {
            return Err(ClusterError::BadInput(
                "coordinates must come in lng, lat pairs".into(),
            ));
        }
        self.load_from(
            lnglat.len() / 2,
            |start, out| out.copy_from_slice(&lnglat[start..start + out.len()]),
            attrs,
        )
    }

    /// As [`load`](Self::load) for `n` points whose coordinates `read(start, out)` copies
    /// into `out` (values `start..start + out.len()` of the `[lng, lat, …]` sequence), a
    /// chunk at a time: the caller needs no copy of the whole input.
    ///
    /// # Errors
    /// As [`load`](Self::load); on an error the earlier load stays.
    pub fn load_from(
        &mut self,
        n: usize,
        mut read: impl FnMut(usize, &mut [f64]),
        attrs: &PointAttrs,
    ) -> Result<(), ClusterError> {
        if n >= MAX_POINTS {
            return Err(ClusterError::BadInput(format!(
                "{n} points; at most {} fit the cluster id scheme",
                MAX_POINTS - 1
            )));
        }
        let groups = attrs.check(n)?;
        let mut headroom = Headroom::default();
        headroom.plan(n * FIRST_BYTES);
        let mut world = Vec::with_capacity(2 * n);
        let mut chunk = vec![0.0; (2 * n).min(2 * CHUNK)];
        let mut start = 0;
        while start < 2 * n {
            let len = (2 * n - start).min(chunk.len());
            let buf = &mut chunk[..len];
            read(start, buf);
            if let Some(k) = buf.iter().position(|v| v.is_infinite()) {
                return Err(ClusterError::BadInput(format!(
                    "point {} has an infinite coordinate",
                    (start + k) / 2
                )));
            }
            for p in buf.chunks_exact(2) {
                let (lng, lat) = (p[0], p[1]);
                if lng.is_nan() || lat.is_nan() {
                    world.extend([f64::NAN, f64::NAN]);
                } else {
                    world.extend([lng_x(lng), lat_y(lat)]);
                }
            }
            start += len;
        }
        drop(chunk);

        // The earlier index goes first: the build's peak is then this index's alone.
        let use_grid = self.use_grid;
        *self = ClusterIndex::blank(self.options.clone(), use_grid);
        let index = ClusterIndex {
            num_points: n,
            world,
            attrs: attrs.given().then(|| attrs.clone()),
            pool: Aggregates::new(groups),
            ..ClusterIndex::blank(self.options.clone(), use_grid)
        };
        *self = IndexBuilder::from_world(index, headroom).finish();
        Ok(())
    }

    /// supercluster's `_limitZoom`: floor, then clamp to [min_zoom, max_zoom + 1].
    pub(crate) fn level_for_zoom(&self, zoom: f64) -> Result<usize, ClusterError> {
        if zoom.is_nan() {
            return Err(ClusterError::BadZoom);
        }
        let max = f64::from(self.options.max_zoom) + 1.0;
        let z = zoom.floor().min(max).max(f64::from(self.options.min_zoom));
        Ok(self.level_of_zoom[z as usize] as usize)
    }

    /// Points and clusters of zoom `zoom` inside `bbox` = [west, south, east, north]
    /// (degrees), in supercluster's order; a box across ±180° is split as supercluster does.
    /// A fractional zoom is floored, and clamped to `min_zoom..=max_zoom + 1`.
    ///
    /// # Errors
    /// [`ClusterError::BadZoom`] for a NaN zoom.
    ///
    /// # Examples
    /// ```
    /// use farmmap::cluster::{ClusterIndex, ClusterOptions, PointAttrs};
    ///
    /// let mut index = ClusterIndex::new(ClusterOptions::default()).unwrap();
    /// index.load(&[75.3, 51.7, 75.32, 51.71, 76.9, 89.5], &PointAttrs::default()).unwrap();
    /// // Around the pole there is only the third farm, a lone point. As in supercluster, it
    /// // comes back through the projection: clamped to Web Mercator's 85.0511°.
    /// let north = index.clusters([76.0, 80.0, 78.0, 90.0], 5.0).unwrap();
    /// assert_eq!((north.len(), north.count[0], north.id[0]), (1, 1, 2));
    /// assert!((north.lng[0] - 76.9).abs() < 1e-12);
    /// assert!((north.lat[0] - 85.0511287798).abs() < 1e-9);
    /// assert!(index.clusters([76.0, 43.0, 78.0, 44.0], f64::NAN).is_err());
    /// ```
    pub fn clusters(&self, bbox: [f64; 4], zoom: f64) -> Result<Clusters, ClusterError> {
        let mut out = Clusters::default();
        self.clusters_into(bbox, zoom, &mut out)?;
        Ok(out)
    }

    /// [`clusters`](Self::clusters) written into `out`, replacing what it held, and the
    /// number of rows. `out` keeps its allocations between calls, so a caller that queries
    /// every frame (the map, the JS `ClusterIndex.query`) allocates only when a result is
    /// larger than every one before it. Every column's capacity is then at least the
    /// returned length ([`Clusters::capacity`]).
    ///
    /// # Errors
    /// [`ClusterError::BadZoom`] for a NaN zoom (`out` is then left empty).
    ///
    /// # Examples
    /// ```
    /// use farmmap::cluster::{ClusterIndex, ClusterOptions, Clusters, PointAttrs};
    ///
    /// let mut index = ClusterIndex::new(ClusterOptions::default()).unwrap();
    /// index.load(&[75.3, 51.7, 75.32, 51.71, 76.9, 43.25], &PointAttrs::default()).unwrap();
    /// let mut rows = Clusters::default();
    /// let world = [-180.0, -90.0, 180.0, 90.0];
    /// assert_eq!(index.clusters_into(world, 3.0, &mut rows).unwrap(), 2);
    /// assert_eq!(rows, index.clusters(world, 3.0).unwrap());
    /// // Zoomed in, the two farms near Ekibastuz stand apart: three rows, same buffer.
    /// assert_eq!(index.clusters_into(world, 12.0, &mut rows).unwrap(), 3);
    /// assert!(rows.capacity() >= 3);
    /// ```
    pub fn clusters_into(
        &self,
        bbox: [f64; 4],
        zoom: f64,
        out: &mut Clusters,
    ) -> Result<usize, ClusterError> {
        out.clear();
        let level = self.level_for_zoom(zoom)?;
        // The walk writes the handles first; the other columns are then reserved once
        // (together, so they grow together) and filled from them.
        let mut handle = std::mem::take(&mut out.handle);
        self.range_into(bbox, level, &mut handle);
        out.reserve(handle.len());
        for &h in &handle {
            self.push_row(out, h);
        }
        out.handle = handle;
        Ok(out.len())
    }

    fn range_into(&self, bbox: [f64; 4], level: usize, hits: &mut Vec<u32>) {
        let c = self.coords();
        self.range_with(bbox, level, hits, &|h| c.xy(h));
    }

    /// `range_into` with the coordinate look-up given (the query-phase harness counts
    /// them).
    fn range_with(
        &self,
        bbox: [f64; 4],
        level: usize,
        hits: &mut Vec<u32>,
        xy: &impl Fn(u32) -> (i32, i32),
    ) {
        let mut min_lng = wrap_lng(bbox[0]);
        let min_lat = bbox[1].clamp(-90.0, 90.0);
        let mut max_lng = if bbox[2] == 180.0 {
            180.0
        } else {
            wrap_lng(bbox[2])
        };
        let max_lat = bbox[3].clamp(-90.0, 90.0);
        if bbox[2] - bbox[0] >= 360.0 {
            min_lng = -180.0;
            max_lng = 180.0;
        } else if min_lng > max_lng {
            self.range_with([min_lng, min_lat, 180.0, max_lat], level, hits, xy);
            self.range_with([-180.0, min_lat, max_lng, max_lat], level, hits, xy);
            return;
        }
        self.levels[level].range(
            xy,
            [
                encode(lng_x(min_lng)),
                encode(lat_y(max_lat)),
                encode(lng_x(max_lng)),
                encode(lat_y(min_lat)),
            ],
            hits,
        );
    }

    /// `range_into` counting coordinate look-ups in `lookups` (the query-phase harness).
    #[cfg(test)]
    pub(crate) fn range_counting(
        &self,
        bbox: [f64; 4],
        level: usize,
        hits: &mut Vec<u32>,
        lookups: &std::cell::Cell<usize>,
    ) {
        let c = self.coords();
        self.range_with(bbox, level, hits, &|h| {
            lookups.set(lookups.get() + 1);
            c.xy(h)
        });
    }

    /// supercluster's `_featureJSON` position, count and id for handle `h` (the caller
    /// sets `out.handle`).
    fn push_row(&self, out: &mut Clusters, h: u32) {
        let n = self.num_points as u32;
        let (wx, wy, count, id) = if h < n {
            let i = 2 * h as usize;
            (self.world[i], self.world[i + 1], 1, h)
        } else {
            let r = (h - n) as usize;
            let (x, y) = (decode(self.rows.x[r]), decode(self.rows.y[r]));
            (x, y, self.rows.num[r], self.rows.id[r])
        };
        out.lng.push(x_lng(wx));
        out.lat.push(y_lat(wy));
        out.world_x.push(wx);
        out.world_y.push(wy);
        out.count.push(count);
        out.id.push(id);
    }

    /// supercluster's `getTile` selection (features in tile order, wrapped copies
    /// included); only the fixture tests need it.
    #[cfg(test)]
    pub(crate) fn tile(&self, z: u32, x: u32, y: u32) -> Clusters {
        let level = self.level_for_zoom(f64::from(z)).unwrap_or(0);
        let z2 = 2f64.powi(z as i32);
        let p = self.options.radius / self.options.extent;
        let (xf, yf) = (f64::from(x), f64::from(y));
        let top = encode((yf - p) / z2);
        let bottom = encode((yf + 1.0 + p) / z2);
        let tree = &self.levels[level];
        let c = self.coords();
        let xy = |h| c.xy(h);
        let mut hits = Vec::new();
        tree.range(
            xy,
            [
                encode((xf - p) / z2),
                top,
                encode((xf + 1.0 + p) / z2),
                bottom,
            ],
            &mut hits,
        );
        if x == 0 {
            tree.range(
                xy,
                [encode(1.0 - p / z2), top, encode(1.0), bottom],
                &mut hits,
            );
        }
        if xf == z2 - 1.0 {
            tree.range(xy, [encode(0.0), top, encode(p / z2), bottom], &mut hits);
        }
        let mut out = Clusters::default();
        for &h in &hits {
            self.push_row(&mut out, h);
        }
        out.handle = hits;
        out
    }

    /// The cluster row of `id`, if `id` is a cluster of this index.
    fn row_of(&self, id: u32) -> Option<usize> {
        let d = i64::from(id) - self.num_points as i64;
        let origin_zoom = d % 32;
        if d < 0
            || origin_zoom < i64::from(self.options.min_zoom) + 1
            || origin_zoom > i64::from(self.options.max_zoom) + 1
        {
            return None;
        }
        let (start, end) = self.rows.zoom_rows[origin_zoom as usize - 1];
        let ids = &self.rows.id[start as usize..end as usize];
        ids.binary_search(&id).ok().map(|k| start as usize + k)
    }

    /// Handles of the children of cluster `id`, in supercluster's order (kdbush's order
    /// around the entry it grew from, one zoom down).
    fn child_handles(&self, id: u32) -> Result<Vec<u32>, ClusterError> {
        let row = self.row_of(id).ok_or(ClusterError::NoCluster(id))?;
        let origin_zoom = (i64::from(id) - self.num_points as i64) % 32;
        let level = self.level_of_zoom[origin_zoom as usize] as usize;
        let c = self.coords();
        let (x, y) = c.xy(self.rows.center[row]);
        let r = self.options.radius / (self.options.extent * 2f64.powi(origin_zoom as i32 - 1));
        let mut near = Vec::new();
        self.levels[level].within(|h| c.xy(h), x as f64, y as f64, r * SCALE, &mut near);
        let children = self.rows.children_of(row);
        near.retain(|h| children.binary_search(h).is_ok());
        Ok(near)
    }

    /// The points and clusters that merged into cluster `id` one zoom down.
    ///
    /// # Errors
    /// [`ClusterError::NoCluster`] when `id` is not a cluster of this index.
    ///
    /// # Examples
    /// ```
    /// use farmmap::cluster::{ClusterIndex, ClusterOptions, PointAttrs};
    ///
    /// let mut index = ClusterIndex::new(ClusterOptions::default()).unwrap();
    /// index.load(&[75.3, 51.7, 75.32, 51.71, 76.9, 43.25], &PointAttrs::default()).unwrap();
    /// let top = index.clusters([-180.0, -90.0, 180.0, 90.0], 3.0).unwrap();
    /// let big = top.count.iter().position(|&c| c == 2).unwrap();
    /// let children = index.children(top.id[big]).unwrap();
    /// assert_eq!(children.count.iter().sum::<u32>(), 2);
    /// assert!(index.children(1_000_000).is_err());
    /// ```
    pub fn children(&self, id: u32) -> Result<Clusters, ClusterError> {
        let handles = self.child_handles(id)?;
        let mut out = Clusters::with_capacity(handles.len());
        for &h in &handles {
            self.push_row(&mut out, h);
        }
        out.handle = handles;
        Ok(out)
    }

    /// Input point indices inside cluster `id`, depth first in supercluster's order,
    /// skipping `offset` and returning at most `limit` (0 means supercluster's default 10).
    ///
    /// # Errors
    /// [`ClusterError::NoCluster`] when `id` is not a cluster of this index.
    ///
    /// # Examples
    /// ```
    /// use farmmap::cluster::{ClusterIndex, ClusterOptions, PointAttrs};
    ///
    /// let mut index = ClusterIndex::new(ClusterOptions::default()).unwrap();
    /// index.load(&[75.3, 51.7, 75.32, 51.71, 76.9, 43.25], &PointAttrs::default()).unwrap();
    /// let top = index.clusters([-180.0, -90.0, 180.0, 90.0], 3.0).unwrap();
    /// let id = top.id[top.count.iter().position(|&c| c == 2).unwrap()];
    /// assert_eq!(index.leaves(id, 0, 0).unwrap(), vec![0, 1]);
    /// assert_eq!(index.leaves(id, 1, 1).unwrap(), vec![1]); // one page of one, second page
    /// ```
    pub fn leaves(&self, id: u32, limit: usize, offset: usize) -> Result<Vec<u32>, ClusterError> {
        let limit = if limit == 0 { 10 } else { limit };
        let mut out = Vec::new();
        self.append_leaves(&mut out, id, limit, offset, 0)?;
        Ok(out)
    }

    fn append_leaves(
        &self,
        out: &mut Vec<u32>,
        id: u32,
        limit: usize,
        offset: usize,
        mut skipped: usize,
    ) -> Result<usize, ClusterError> {
        let n = self.num_points as u32;
        for h in self.child_handles(id)? {
            if h >= n {
                let row = (h - n) as usize;
                let num = self.rows.num[row] as usize;
                if skipped + num <= offset {
                    skipped += num;
                } else {
                    skipped = self.append_leaves(out, self.rows.id[row], limit, offset, skipped)?;
                }
            } else if skipped < offset {
                skipped += 1;
            } else {
                out.push(h);
            }
            if out.len() == limit {
                break;
            }
        }
        Ok(skipped)
    }

    /// The zoom at which cluster `id` splits into more than one child (where a click on
    /// it should zoom to).
    /// Unlike supercluster, an id that is no cluster is an error even when its bits name a
    /// zoom above max_zoom (supercluster returns that zoom).
    ///
    /// # Errors
    /// [`ClusterError::NoCluster`] when `id` is not a cluster of this index.
    ///
    /// # Examples
    /// ```
    /// use farmmap::cluster::{ClusterIndex, ClusterOptions, PointAttrs};
    ///
    /// let world = [-180.0, -90.0, 180.0, 90.0];
    /// let mut index = ClusterIndex::new(ClusterOptions::default()).unwrap();
    /// index.load(&[75.3, 51.7, 75.32, 51.71, 76.9, 43.25], &PointAttrs::default()).unwrap();
    /// let top = index.clusters(world, 3.0).unwrap();
    /// let id = top.id[top.count.iter().position(|&c| c == 2).unwrap()];
    /// let z = index.expansion_zoom(id).unwrap();
    /// // At that zoom the two nearby farms stand apart.
    /// assert!(index.clusters(world, f64::from(z)).unwrap().count.iter().all(|&c| c == 1));
    /// assert!(index.clusters(world, f64::from(z - 1)).unwrap().count.contains(&2));
    /// ```
    pub fn expansion_zoom(&self, mut id: u32) -> Result<u32, ClusterError> {
        self.child_handles(id)?;
        let n = self.num_points as u32;
        let d = i64::from(id) - i64::from(n);
        let mut zoom = d % 32 - 1;
        while zoom <= i64::from(self.options.max_zoom) {
            let children = self.child_handles(id)?;
            zoom += 1;
            if children.len() != 1 {
                break;
            }
            if children[0] < n {
                return Err(ClusterError::NoCluster(id));
            }
            id = self.rows.id[(children[0] - n) as usize];
        }
        u32::try_from(zoom).map_err(|_| ClusterError::NoCluster(id))
    }

    /// Sums for each row of `clusters` (one input point's attributes for a lone point).
    ///
    /// # Examples
    /// ```
    /// use farmmap::cluster::{ClusterIndex, ClusterOptions, PointAttrs, STATUSES};
    ///
    /// let attrs = PointAttrs {
    ///     capacity: vec![10.0, f64::NAN, 5.0], // the second farm's capacity is unknown
    ///     status: vec![0, 1, 1],               // operating, shut down, shut down
    ///     group: vec![],
    /// };
    /// let mut index = ClusterIndex::new(ClusterOptions::default()).unwrap();
    /// index.load(&[75.3, 51.7, 75.32, 51.71, 76.9, 43.25], &attrs).unwrap();
    /// let top = index.clusters([-180.0, -90.0, 180.0, 90.0], 3.0).unwrap();
    /// let sums = index.aggregates(&top);
    /// let row = top.count.iter().position(|&c| c == 2).unwrap();
    /// assert_eq!((sums.capacity_sum[row], sums.capacity_known[row]), (10.0, 1));
    /// assert_eq!(sums.status_counts[row * STATUSES..][..STATUSES], [1, 1, 0]);
    /// ```
    pub fn aggregates(&self, clusters: &Clusters) -> Aggregates {
        let mut out = Aggregates::new(self.pool.group_slots - 1);
        let n = self.num_points as u32;
        let none = PointAttrs::default();
        for &h in &clusters.handle {
            match (&self.attrs, h < n) {
                (Some(attrs), true) => out.push_point(attrs, h as usize),
                (None, true) => out.push_point(&none, h as usize),
                (Some(_), false) => out.push_copy_of(&self.pool, (h - n) as usize),
                (None, false) => out.push_unknown(self.rows.num[(h - n) as usize]),
            }
        }
        out
    }

    /// Number of points and clusters at each zoom from 0 to max_zoom + 1 (0 below min_zoom).
    #[cfg(test)]
    pub(crate) fn counts_by_zoom(&self) -> Vec<usize> {
        self.level_of_zoom
            .iter()
            .map(|&l| {
                if l == NONE {
                    0
                } else {
                    self.levels[l as usize].len()
                }
            })
            .collect()
    }
}
