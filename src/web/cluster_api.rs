//! The clustering engine for JavaScript: supercluster's method names, flat typed arrays out.
//!
//! Results cross the boundary as one typed array per field (never an object per cluster),
//! which is most of the speed-up a page sees over supercluster's GeoJSON features.

use wasm_bindgen::prelude::*;

use crate::cluster::{self, Aggregates, ClusterOptions, Clusters, PointAttrs};

/// A cluster hierarchy over points (supercluster 9.1.0 results, same ids).
#[wasm_bindgen(js_name = ClusterIndex)]
pub struct JsClusterIndex {
    inner: cluster::ClusterIndex,
    /// The last `query`'s rows, kept between calls: JS reads them in place
    /// (`queryLayout`), so a query allocates nothing on either side.
    rows: Clusters,
}

#[wasm_bindgen(typescript_custom_section)]
const QUERY_LAYOUT_TS: &str = r#"
/** Where `ClusterIndex.query` writes its rows: byte offsets of each column in `memory`, each
 * column `capacity` rows long (the first `query()` rows are the result). Valid until a query
 * returns more than `capacity` rows or `memory` grows (its buffer is then replaced). */
export interface ClusterQueryLayout {
  memory: WebAssembly.Memory;
  capacity: number;
  /** Float64 columns: degrees, and Web Mercator world x, y in [0, 1]. */
  lng: number; lat: number; worldX: number; worldY: number;
  /** Uint32 columns: points inside (1 for a lone point); cluster id, or the input index. */
  count: number; id: number;
}
"#;

fn js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// JS numbers to a cluster id; anything else cannot name a cluster.
fn cluster_id(id: f64) -> Result<u32, JsError> {
    if id.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&id) {
        Ok(id as u32)
    } else {
        Err(js_error(cluster::ClusterError::NoCluster(u32::MAX)))
    }
}

/// supercluster's `limit || 10` and `offset || 0`, with Infinity meaning "all".
fn count_arg(v: Option<f64>, default: usize) -> usize {
    match v {
        Some(v) if v.is_nan() || v <= 0.0 => default,
        Some(v) if v >= usize::MAX as f64 => usize::MAX,
        Some(v) => v as usize,
        None => default,
    }
}

/// Reads the coordinates straight from the JS array in chunks: no copy of the whole input
/// in wasm memory (16 MB for 1M points, which wasm memory would keep, since it never
/// shrinks).
fn load_chunked(
    index: &mut cluster::ClusterIndex,
    lng_lat: &JsValue,
    attrs: &PointAttrs,
) -> Result<(), JsError> {
    let array = match lng_lat.dyn_ref::<js_sys::Float64Array>() {
        Some(a) => a.clone(),
        None if js_sys::Array::is_array(lng_lat) => js_sys::Float64Array::new(lng_lat),
        None => return Err(JsError::new("lngLat must be a Float64Array or an array")),
    };
    let len = array.length() as usize;
    if len % 2 != 0 {
        return Err(js_error(cluster::ClusterError::BadInput(
            "coordinates must come in lng, lat pairs".into(),
        )));
    }
    index
        .load_from(
            len / 2,
            |start, out| {
                array
                    .subarray(start as u32, (start + out.len()) as u32)
                    .copy_to(out)
            },
            attrs,
        )
        .map_err(js_error)
}

#[wasm_bindgen(js_class = ClusterIndex)]
impl JsClusterIndex {
    /// `options`: `{ radius, extent, minZoom, maxZoom, minPoints, nodeSize }`, each optional
    /// with supercluster's defaults.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsClusterIndex, JsError> {
        let options: ClusterOptions = if options.is_undefined() || options.is_null() {
            ClusterOptions::default()
        } else {
            serde_wasm_bindgen::from_value(options).map_err(js_error)?
        };
        let inner = cluster::ClusterIndex::new(options).map_err(js_error)?;
        Ok(JsClusterIndex {
            inner,
            rows: Clusters::default(),
        })
    }

    /// `lngLat`: Float64Array (or array of numbers) `[lng0, lat0, lng1, lat1, …]`; a NaN
    /// pair is a point without a location (keeps its index, never clustered).
    pub fn load(&mut self, lng_lat: JsValue) -> Result<(), JsError> {
        load_chunked(&mut self.inner, &lng_lat, &PointAttrs::default())
    }

    /// Sizes of the index: `{ bytes, levels, entries, clusters }` (heap bytes held, stored
    /// levels, entries over those levels, clusters over all zooms).
    pub fn stats(&self) -> Result<JsValue, JsError> {
        let s = self.inner.stats();
        let o = js_sys::Object::new();
        for (k, v) in [
            ("bytes", s.bytes),
            ("levels", s.levels),
            ("entries", s.entries),
            ("clusters", s.clusters),
        ] {
            js_sys::Reflect::set(&o, &k.into(), &(v as f64).into())
                .map_err(|_| JsError::new("stats"))?;
        }
        Ok(o.into())
    }

    /// As `load`, with per-point attributes for the aggregates (each optional, one value a
    /// point): capacity (Float64Array, NaN unknown), status (Uint8Array, 0 operating,
    /// 1 shut down, 2 unknown), owner group (Uint16Array, 65535 unassigned).
    #[wasm_bindgen(js_name = loadWithAttributes)]
    pub fn load_with_attributes(
        &mut self,
        lng_lat: JsValue,
        capacity: Option<Vec<f64>>,
        status: Option<Vec<u8>>,
        group: Option<Vec<u16>>,
    ) -> Result<(), JsError> {
        let attrs = PointAttrs {
            capacity: capacity.unwrap_or_default(),
            status: status.unwrap_or_default(),
            group: group.unwrap_or_default(),
        };
        load_chunked(&mut self.inner, &lng_lat, &attrs)
    }

    #[wasm_bindgen(getter, js_name = numPoints)]
    pub fn num_points(&self) -> usize {
        self.inner.num_points()
    }

    /// Points and clusters in `bbox` = [west, south, east, north] at `zoom`.
    #[wasm_bindgen(js_name = getClusters)]
    pub fn get_clusters(&self, bbox: &[f64], zoom: f64) -> Result<ClusterList, JsError> {
        let bbox: [f64; 4] = bbox
            .try_into()
            .map_err(|_| JsError::new("bbox must be [west, south, east, north]"))?;
        let inner = self.inner.clusters(bbox, zoom).map_err(js_error)?;
        Ok(ClusterList { inner })
    }

    /// `getClusters` without a result object: the rows are written into a buffer the index
    /// keeps (read in place through `queryLayout`'s views; `www/cluster-rows.js` keeps
    /// them) and only their number is returned. Numbers in, a number out: nothing is
    /// allocated per call on either side once the buffer has grown to the largest result.
    pub fn query(
        &mut self,
        west: f64,
        south: f64,
        east: f64,
        north: f64,
        zoom: f64,
    ) -> Result<usize, JsError> {
        self.inner
            .clusters_into([west, south, east, north], zoom, &mut self.rows)
            .map_err(js_error)
    }

    /// Where the last `query`'s columns are in wasm memory (`ClusterQueryLayout`).
    #[wasm_bindgen(js_name = queryLayout, unchecked_return_type = "ClusterQueryLayout")]
    pub fn query_layout(&self) -> Result<JsValue, JsError> {
        let r = &self.rows;
        let o = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            js_sys::Reflect::set(&o, &k.into(), &v).map_err(|_| JsError::new("queryLayout"))
        };
        set("memory", wasm_bindgen::memory())?;
        set("capacity", (r.capacity() as f64).into())?;
        for (k, ptr) in [
            ("lng", r.lng.as_ptr() as usize),
            ("lat", r.lat.as_ptr() as usize),
            ("worldX", r.world_x.as_ptr() as usize),
            ("worldY", r.world_y.as_ptr() as usize),
            ("count", r.count.as_ptr() as usize),
            ("id", r.id.as_ptr() as usize),
        ] {
            set(k, (ptr as f64).into())?;
        }
        Ok(o.into())
    }

    #[wasm_bindgen(js_name = getChildren)]
    pub fn get_children(&self, cluster_id_: f64) -> Result<ClusterList, JsError> {
        let inner = self
            .inner
            .children(cluster_id(cluster_id_)?)
            .map_err(js_error)?;
        Ok(ClusterList { inner })
    }

    /// Input point indices (Uint32Array); `limit` defaults to 10, Infinity for all.
    #[wasm_bindgen(js_name = getLeaves)]
    pub fn get_leaves(
        &self,
        cluster_id_: f64,
        limit: Option<f64>,
        offset: Option<f64>,
    ) -> Result<Vec<u32>, JsError> {
        let (limit, offset) = (count_arg(limit, 10), count_arg(offset, 0));
        self.inner
            .leaves(cluster_id(cluster_id_)?, limit, offset)
            .map_err(js_error)
    }

    #[wasm_bindgen(js_name = getClusterExpansionZoom)]
    pub fn get_cluster_expansion_zoom(&self, cluster_id_: f64) -> Result<u32, JsError> {
        self.inner
            .expansion_zoom(cluster_id(cluster_id_)?)
            .map_err(js_error)
    }

    /// Capacity, status and owner-group sums for every row of `list`.
    #[wasm_bindgen(js_name = getAggregates)]
    pub fn get_aggregates(&self, list: &ClusterList) -> ClusterAggregates {
        ClusterAggregates {
            inner: self.inner.aggregates(&list.inner),
        }
    }
}

/// Rows of points and clusters; each getter returns one typed array.
#[wasm_bindgen]
pub struct ClusterList {
    inner: Clusters,
}

#[wasm_bindgen]
impl ClusterList {
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.len()
    }
    // Each getter copies straight from wasm memory into a new typed array (one copy, no
    // intermediate Vec), so reading a query result costs what it returns.
    #[wasm_bindgen(getter)]
    pub fn lng(&self) -> js_sys::Float64Array {
        js_sys::Float64Array::from(&self.inner.lng[..])
    }
    #[wasm_bindgen(getter)]
    pub fn lat(&self) -> js_sys::Float64Array {
        js_sys::Float64Array::from(&self.inner.lat[..])
    }
    /// Web Mercator world x in [0, 1].
    #[wasm_bindgen(getter, js_name = worldX)]
    pub fn world_x(&self) -> js_sys::Float64Array {
        js_sys::Float64Array::from(&self.inner.world_x[..])
    }
    #[wasm_bindgen(getter, js_name = worldY)]
    pub fn world_y(&self) -> js_sys::Float64Array {
        js_sys::Float64Array::from(&self.inner.world_y[..])
    }
    /// Points inside (1 for a lone point).
    #[wasm_bindgen(getter)]
    pub fn count(&self) -> js_sys::Uint32Array {
        js_sys::Uint32Array::from(&self.inner.count[..])
    }
    /// Cluster id where count > 1, else the input point index.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> js_sys::Uint32Array {
        js_sys::Uint32Array::from(&self.inner.id[..])
    }
}

/// Aggregates, one row per `ClusterList` row; multi-valued fields are flat with a stride.
#[wasm_bindgen]
pub struct ClusterAggregates {
    inner: Aggregates,
}

#[wasm_bindgen]
impl ClusterAggregates {
    /// Stride of `groupCounts`: one slot per owner group, the last for unassigned.
    #[wasm_bindgen(getter, js_name = groupSlots)]
    pub fn group_slots(&self) -> usize {
        self.inner.group_slots
    }
    #[wasm_bindgen(getter, js_name = capacitySum)]
    pub fn capacity_sum(&self) -> Vec<f64> {
        self.inner.capacity_sum.clone()
    }
    #[wasm_bindgen(getter, js_name = capacityKnown)]
    pub fn capacity_known(&self) -> Vec<u32> {
        self.inner.capacity_known.clone()
    }
    /// Stride 3: operating, shut down, unknown.
    #[wasm_bindgen(getter, js_name = statusCounts)]
    pub fn status_counts(&self) -> Vec<u32> {
        self.inner.status_counts.clone()
    }
    #[wasm_bindgen(getter, js_name = groupCounts)]
    pub fn group_counts(&self) -> Vec<u32> {
        self.inner.group_counts.clone()
    }
}
