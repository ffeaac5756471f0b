//! The cluster hierarchy: supercluster 9.1.0's greedy radius clustering, zoom by zoom,
//! with a grid for the neighbour search and per-cluster aggregates.

use super::aggregate::{Aggregates, PointAttrs};
use super::grid::Grid;
use super::headroom::Headroom;
use super::kdbush::{sq_dist, KdTree};
use super::mercator::{decode, encode, lat_y, lng_x, to_int32, wrap_lng, x_lng, y_lat, SCALE};
use super::{ClusterError, ClusterOptions};

const NONE: u32 = u32::MAX;
/// Bytes allocated per entry: a level (entries, parents, tree) with its share of new
/// aggregate rows; the input coordinates and first level; the clustering pass's scratch.
const LEVEL_BYTES: usize = 44;
const FIRST_BYTES: usize = 52;
const SCRATCH_BYTES: usize = 64;
/// Ids are `(index << 5) + zoom + 1 + n` in 31 bits, as in supercluster's Int32 storage.
pub const MAX_POINTS: usize = 1 << 25;

/// One zoom's entries (points and clusters) in supercluster's order, as flat arrays.
struct Level {
    /// Int32-encoded world coordinates (see `mercator::encode`).
    x: Vec<i32>,
    y: Vec<i32>,
    /// Input point index for a point, cluster id for a cluster (supercluster's OFFSET_ID).
    origin: Vec<u32>,
    /// Input points inside (1 for a point).
    num: Vec<u32>,
    /// Id of the cluster this entry joined at the next zoom down, or NONE.
    parent: Vec<u32>,
    /// Row in the aggregate pool for a cluster, NONE for a point.
    agg: Vec<u32>,
    tree: KdTree,
}

impl Level {
    fn with_capacity(n: usize) -> Level {
        Level {
            x: Vec::with_capacity(n),
            y: Vec::with_capacity(n),
            origin: Vec::with_capacity(n),
            num: Vec::with_capacity(n),
            parent: Vec::new(),
            agg: Vec::with_capacity(n),
            tree: KdTree::new(&[], &[], 2),
        }
    }

    fn push(&mut self, x: i32, y: i32, origin: u32, num: u32, agg: u32) {
        self.x.push(x);
        self.y.push(y);
        self.origin.push(origin);
        self.num.push(num);
        self.agg.push(agg);
    }

    fn copy_from(&mut self, src: &Level, k: usize) {
        self.push(src.x[k], src.y[k], src.origin[k], src.num[k], src.agg[k]);
    }

    fn finish(&mut self, node_size: u32) {
        // Outputs were sized for the input level; most zooms end far smaller.
        for v in [&mut self.x, &mut self.y] {
            v.shrink_to_fit();
        }
        for v in [&mut self.origin, &mut self.num, &mut self.agg] {
            v.shrink_to_fit();
        }
        self.parent = vec![NONE; self.x.len()];
        self.tree = KdTree::new(&self.x, &self.y, node_size as usize);
    }
}

/// Query results as flat arrays, one row per point or cluster.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clusters {
    /// Position in degrees, computed as supercluster computes it.
    pub lng: Vec<f64>,
    pub lat: Vec<f64>,
    /// Web Mercator world coordinates in [0, 1] (the scene's space).
    pub world_x: Vec<f64>,
    pub world_y: Vec<f64>,
    /// Input points inside; 1 for a lone point.
    pub count: Vec<u32>,
    /// Cluster id where `count > 1`, else the input point index.
    pub id: Vec<u32>,
    level: usize,
    entry: Vec<u32>,
}

impl Clusters {
    pub fn len(&self) -> usize {
        self.id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }
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
    options: ClusterOptions,
    num_points: usize,
    /// World x, y of each input point (supercluster's `coords`), for exact point output.
    world: Vec<f64>,
    /// The input lng, lat: a lone point is returned with its own coordinates, as
    /// supercluster returns the input feature, without a trip through the projection.
    lnglat: Vec<f64>,
    levels: Vec<Level>,
    /// Level index for zoom 0..=max_zoom + 1; NONE below min_zoom.
    level_of_zoom: Vec<u32>,
    attrs: PointAttrs,
    pool: Aggregates,
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
        let options = options.validated()?;
        let mut index = ClusterIndex {
            options,
            num_points: 0,
            world: Vec::new(),
            lnglat: Vec::new(),
            levels: Vec::new(),
            level_of_zoom: Vec::new(),
            attrs: PointAttrs::default(),
            pool: Aggregates::new(0),
            use_grid: true,
        };
        index.load(&[], &PointAttrs::default())?;
        Ok(index)
    }

    pub fn options(&self) -> &ClusterOptions {
        &self.options
    }

    /// Number of input points, skipped ones included.
    pub fn num_points(&self) -> usize {
        self.num_points
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
        let n = lnglat.len() / 2;
        if n >= MAX_POINTS {
            return Err(ClusterError::BadInput(format!(
                "{n} points; at most {} fit the cluster id scheme",
                MAX_POINTS - 1
            )));
        }
        if let Some(i) = lnglat.iter().position(|v| v.is_infinite()) {
            return Err(ClusterError::BadInput(format!(
                "point {} has an infinite coordinate",
                i / 2
            )));
        }
        let groups = attrs.check(n)?;
        let opts = self.options.clone();

        self.num_points = n;
        self.world = vec![f64::NAN; 2 * n];
        self.lnglat = lnglat.to_vec();
        self.levels.clear();
        self.level_of_zoom = vec![NONE; opts.max_zoom as usize + 2];
        self.attrs = attrs.clone();
        self.pool = Aggregates::new(groups);

        let mut headroom = Headroom::default();
        headroom.plan(n * (FIRST_BYTES + SCRATCH_BYTES));
        let mut first = Level::with_capacity(n);
        for i in 0..n {
            let (lng, lat) = (lnglat[2 * i], lnglat[2 * i + 1]);
            if lng.is_nan() || lat.is_nan() {
                continue;
            }
            let (px, py) = (lng_x(lng), lat_y(lat));
            self.world[2 * i] = px;
            self.world[2 * i + 1] = py;
            first.push(
                to_int32(encode(px)),
                to_int32(encode(py)),
                i as u32,
                1,
                NONE,
            );
        }
        first.finish(opts.node_size);
        self.levels.push(first);
        self.level_of_zoom[opts.max_zoom as usize + 1] = 0;

        let mut scratch = Scratch::default();
        for z in (opts.min_zoom..=opts.max_zoom).rev() {
            let r = opts.radius / (opts.extent * f64::from(1u32 << z)) * SCALE;
            let input = self.levels.len() - 1;
            headroom.plan(self.levels[input].x.len() * LEVEL_BYTES);
            match self.cluster_pass(input, z, r, &mut scratch) {
                Some(mut level) => {
                    level.finish(opts.node_size);
                    self.levels.push(level);
                    self.level_of_zoom[z as usize] = input as u32 + 1;
                }
                None => self.level_of_zoom[z as usize] = input as u32,
            }
        }
        Ok(())
    }

    /// One greedy pass at zoom `z` over level `input`; `None` when nothing merged (the
    /// zoom then shares the level above, as supercluster shares its tree).
    fn cluster_pass(&mut self, input: usize, z: u8, r: f64, s: &mut Scratch) -> Option<Level> {
        let min_points = self.options.min_points;
        let id_base = u32::from(z) + 1 + self.num_points as u32;
        let src = &mut self.levels[input];
        let n = src.x.len();
        let r2 = r * r;
        if self.use_grid {
            s.grid.rebuild(&src.x, &src.y, r);
        }
        s.visited.clear();
        s.visited.resize(n, false);
        let mut out = Level::with_capacity(n);
        let mut formed = false;

        for i in 0..n {
            if s.visited[i] {
                continue;
            }
            s.visited[i] = true;
            if self.use_grid && !s.grid.crowded(i) {
                out.copy_from(src, i);
                continue;
            }
            let (x, y) = (src.x[i] as f64, src.y[i] as f64);
            s.near.clear();
            let (xs, ys, visited, near) = (&src.x, &src.y, &s.visited, &mut s.near);
            let mut consider = |k: u32| {
                let k = k as usize;
                if !visited[k] && sq_dist(xs[k] as f64, ys[k] as f64, x, y) <= r2 {
                    near.push(k as u32);
                }
            };
            if self.use_grid {
                s.grid.for_candidates(i, consider);
            } else {
                s.ordered.clear();
                src.tree.within(x, y, r, &mut s.ordered);
                s.ordered.iter().for_each(|&k| consider(k));
            }

            let num_origin = src.num[i];
            let num_points = num_origin + s.near.iter().map(|&k| src.num[k as usize]).sum::<u32>();

            if num_points > num_origin && num_points >= min_points {
                formed = true;
                let id = ((i as u32) << 5) + id_base;
                let row = self.pool.push_empty() as usize;
                add_entry(&mut self.pool, &self.attrs, src, i, row);
                let mut wx = x * num_origin as f64;
                let mut wy = y * num_origin as f64;
                for &k in s.near.iter() {
                    let k = k as usize;
                    s.visited[k] = true;
                    let w = src.num[k] as f64;
                    wx += src.x[k] as f64 * w;
                    wy += src.y[k] as f64 * w;
                    src.parent[k] = id;
                    add_entry(&mut self.pool, &self.attrs, src, k, row);
                }
                src.parent[i] = id;
                let np = num_points as f64;
                out.push(
                    to_int32(wx / np),
                    to_int32(wy / np),
                    id,
                    num_points,
                    row as u32,
                );
            } else {
                out.copy_from(src, i);
                if !s.near.is_empty() {
                    // Too few to cluster: the neighbours follow in kdbush's order, which
                    // only the tree knows (this happens only with minPoints > 2).
                    s.ordered.clear();
                    src.tree.within(x, y, r, &mut s.ordered);
                    for &k in s.ordered.iter() {
                        let k = k as usize;
                        if !s.visited[k] {
                            s.visited[k] = true;
                            out.copy_from(src, k);
                        }
                    }
                }
            }
        }
        formed.then_some(out)
    }

    /// supercluster's `_limitZoom`: floor, then clamp to [min_zoom, max_zoom + 1].
    fn level_for_zoom(&self, zoom: f64) -> Result<usize, ClusterError> {
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
    /// index.load(&[75.3, 51.7, 75.32, 51.71, 76.9, 43.25], &PointAttrs::default()).unwrap();
    /// // Around Almaty there is only the Almaty farm, a lone point with its input position.
    /// let almaty = index.clusters([76.0, 43.0, 78.0, 44.0], 5.0).unwrap();
    /// assert_eq!((almaty.len(), almaty.count[0], almaty.id[0]), (1, 1, 2));
    /// assert_eq!((almaty.lng[0], almaty.lat[0]), (76.9, 43.25));
    /// assert!(index.clusters([76.0, 43.0, 78.0, 44.0], f64::NAN).is_err());
    /// ```
    pub fn clusters(&self, bbox: [f64; 4], zoom: f64) -> Result<Clusters, ClusterError> {
        let level = self.level_for_zoom(zoom)?;
        let mut out = Clusters {
            level,
            ..Clusters::default()
        };
        let mut hits = Vec::new();
        self.range_into(bbox, level, &mut hits);
        // One allocation per column, not a doubling series (queries run every frame).
        let n = hits.len();
        for v in [
            &mut out.lng,
            &mut out.lat,
            &mut out.world_x,
            &mut out.world_y,
        ] {
            v.reserve_exact(n);
        }
        for v in [&mut out.count, &mut out.id, &mut out.entry] {
            v.reserve_exact(n);
        }
        for &e in &hits {
            self.push_entry(&mut out, e as usize);
        }
        Ok(out)
    }

    fn range_into(&self, bbox: [f64; 4], level: usize, hits: &mut Vec<u32>) {
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
            self.range_into([min_lng, min_lat, 180.0, max_lat], level, hits);
            self.range_into([-180.0, min_lat, max_lng, max_lat], level, hits);
            return;
        }
        self.levels[level].tree.range(
            encode(lng_x(min_lng)),
            encode(lat_y(max_lat)),
            encode(lng_x(max_lng)),
            encode(lat_y(min_lat)),
            hits,
        );
    }

    fn push_entry(&self, out: &mut Clusters, e: usize) {
        let l = &self.levels[out.level];
        let (num, origin) = (l.num[e], l.origin[e]);
        if num > 1 {
            let (wx, wy) = (decode(l.x[e]), decode(l.y[e]));
            out.lng.push(x_lng(wx));
            out.lat.push(y_lat(wy));
            out.world_x.push(wx);
            out.world_y.push(wy);
        } else {
            let o = 2 * origin as usize;
            out.lng.push(self.lnglat[o]);
            out.lat.push(self.lnglat[o + 1]);
            out.world_x.push(self.world[o]);
            out.world_y.push(self.world[o + 1]);
        }
        out.count.push(num);
        out.id.push(origin);
        out.entry.push(e as u32);
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
        let tree = &self.levels[level].tree;
        let mut hits = Vec::new();
        tree.range(
            encode((xf - p) / z2),
            top,
            encode((xf + 1.0 + p) / z2),
            bottom,
            &mut hits,
        );
        if x == 0 {
            tree.range(encode(1.0 - p / z2), top, encode(1.0), bottom, &mut hits);
        }
        if xf == z2 - 1.0 {
            tree.range(encode(0.0), top, encode(p / z2), bottom, &mut hits);
        }
        let mut out = Clusters {
            level,
            ..Clusters::default()
        };
        for e in hits {
            self.push_entry(&mut out, e as usize);
        }
        out
    }

    /// Level and entries of the children of cluster `id`, in supercluster's order.
    fn child_entries(&self, id: u32) -> Result<(usize, Vec<u32>), ClusterError> {
        let d = i64::from(id) - self.num_points as i64;
        let origin_zoom = d % 32;
        let origin_id = to_int32(d as f64) >> 5;
        let no = ClusterError::NoCluster(id);
        if origin_zoom < i64::from(self.options.min_zoom)
            || origin_zoom > i64::from(self.options.max_zoom) + 1
            || origin_id < 0
        {
            return Err(no);
        }
        let level = self.level_of_zoom[origin_zoom as usize] as usize;
        let l = &self.levels[level];
        let o = origin_id as usize;
        if o >= l.x.len() {
            return Err(no);
        }
        let r = self.options.radius / (self.options.extent * 2f64.powi(origin_zoom as i32 - 1));
        let mut near = Vec::new();
        l.tree
            .within(l.x[o] as f64, l.y[o] as f64, r * SCALE, &mut near);
        near.retain(|&k| l.parent[k as usize] == id);
        if near.is_empty() {
            return Err(no);
        }
        Ok((level, near))
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
        let (level, entries) = self.child_entries(id)?;
        let mut out = Clusters {
            level,
            ..Clusters::default()
        };
        for e in entries {
            self.push_entry(&mut out, e as usize);
        }
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
        let (level, entries) = self.child_entries(id)?;
        let l = &self.levels[level];
        for e in entries {
            let (num, origin) = (l.num[e as usize] as usize, l.origin[e as usize]);
            if num > 1 {
                if skipped + num <= offset {
                    skipped += num;
                } else {
                    skipped = self.append_leaves(out, origin, limit, offset, skipped)?;
                }
            } else if skipped < offset {
                skipped += 1;
            } else {
                out.push(origin);
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
        self.child_entries(id)?;
        let d = i64::from(id) - self.num_points as i64;
        let mut zoom = d % 32 - 1;
        while zoom <= i64::from(self.options.max_zoom) {
            let (level, children) = self.child_entries(id)?;
            zoom += 1;
            if children.len() != 1 {
                break;
            }
            let l = &self.levels[level];
            let only = children[0] as usize;
            if l.num[only] < 2 {
                return Err(ClusterError::NoCluster(id));
            }
            id = l.origin[only];
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
        let Some(l) = self.levels.get(clusters.level) else {
            return out;
        };
        for &e in &clusters.entry {
            let row = l.agg[e as usize];
            if row == NONE {
                out.push_point(&self.attrs, l.origin[e as usize] as usize);
            } else {
                out.push_copy_of(&self.pool, row as usize);
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
                    self.levels[l as usize].x.len()
                }
            })
            .collect()
    }
}

/// Adds entry `k` of `src` (a point or a cluster) into aggregate `row`.
fn add_entry(pool: &mut Aggregates, attrs: &PointAttrs, src: &Level, k: usize, row: usize) {
    let a = src.agg[k];
    if a == NONE {
        pool.add_point(row, attrs, src.origin[k] as usize);
    } else {
        pool.add_row(row, a as usize);
    }
}

/// Buffers reused across zoom passes.
#[derive(Default)]
struct Scratch {
    grid: Grid,
    visited: Vec<bool>,
    near: Vec<u32>,
    ordered: Vec<u32>,
}
