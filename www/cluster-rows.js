// Reads a ClusterIndex's viewport queries in place: `query` returns a row count and the rows
// are read through typed-array views over wasm memory (one view per column, named as in
// ClusterIndex.queryLayout). The views are made again only when a query returned more rows
// than they cover or wasm memory grew (its ArrayBuffer is then a new one), so a query
// allocates nothing in JS either. Rows past the count are stale; after `index.free()` the
// views point at freed memory (make a new ClusterRows for a new index).

/** @typedef {import("./pkg/farmmap.js").ClusterIndex} ClusterIndex */

export class ClusterRows {
  /** @param {ClusterIndex} index */
  constructor(index) {
    this.index = index;
    /** Rows the views cover. */
    this.capacity = 0;
    /** @type {ArrayBuffer | null} the memory buffer the views are over */
    this.buffer = null;
    /** @type {WebAssembly.Memory | null} */
    this.memory = null;
    this.lng = new Float64Array(0);
    this.lat = new Float64Array(0);
    /** Web Mercator world coordinates in [0, 1]. */
    this.worldX = new Float64Array(0);
    this.worldY = new Float64Array(0);
    /** Points inside (1 for a lone point). */
    this.count = new Uint32Array(0);
    /** Cluster id where count > 1, else the input point index. */
    this.id = new Uint32Array(0);
    this.views();
  }

  /** (Re)make the views from the index's layout. */
  views() {
    const l = this.index.queryLayout();
    const b = /** @type {ArrayBuffer} */ (l.memory.buffer);
    this.memory = l.memory;
    this.buffer = b;
    this.capacity = l.capacity;
    this.lng = new Float64Array(b, l.lng, l.capacity);
    this.lat = new Float64Array(b, l.lat, l.capacity);
    this.worldX = new Float64Array(b, l.worldX, l.capacity);
    this.worldY = new Float64Array(b, l.worldY, l.capacity);
    this.count = new Uint32Array(b, l.count, l.capacity);
    this.id = new Uint32Array(b, l.id, l.capacity);
  }

  /**
   * supercluster's `getClusters(bbox, zoom)`: the number of rows, read from the views.
   * @param {ArrayLike<number>} bbox [west, south, east, north] @param {number} zoom
   */
  query(bbox, zoom) {
    const n = this.index.query(bbox[0], bbox[1], bbox[2], bbox[3], zoom);
    if (n > this.capacity || this.memory?.buffer !== this.buffer) this.views();
    return n;
  }
}
