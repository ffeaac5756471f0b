// The cluster benchmark itself, shared by node (bench/cluster.mjs) and Chromium
// (bench/cluster-browser.mjs): supercluster 9.1.0 and farmmap's ClusterIndex on the same
// seeded points, in the same process, one after the other.
import { INPUTS, features, mulberry32 } from "./cluster-inputs.mjs";

const WORLD = [-180, -90, 180, 90];
const ZOOMS = 17; // 0..16
const VIEWPORTS_PER_ZOOM = 100;

const xLng = (x) => (x - 0.5) * 360;
const yLat = (y) => 360 * Math.atan(Math.exp((180 - y * 360) * Math.PI / 180)) / Math.PI - 90;

// 1000×800 CSS-pixel viewports at seeded centres, for every zoom 0..16.
function viewports() {
  const r = mulberry32(42);
  const out = [];
  for (let z = 0; z < ZOOMS; z++) {
    const hw = 500 / (256 * 2 ** z), hh = 400 / (256 * 2 ** z);
    for (let v = 0; v < VIEWPORTS_PER_ZOOM; v++) {
      const cx = r(), cy = 0.1 + 0.8 * r();
      out.push([[xLng(cx - hw), yLat(Math.min(1, cy + hh)), xLng(cx + hw), yLat(Math.max(0, cy - hh))], z]);
    }
  }
  return out;
}

const engines = {
  supercluster: (Supercluster) => ({
    load(lngLat, feats) { return new Supercluster({}).load(feats); },
    query(index, bbox, z) { return index.getClusters(bbox, z).length; },
    free() {},
  }),
  farmmap: (farmmap) => ({
    load(lngLat) { const index = new farmmap.ClusterIndex({}); index.load(lngLat); return index; },
    // Reads every field a map draws from, so the copy out of wasm is paid for.
    query(index, bbox, z) {
      const list = index.getClusters(bbox, z);
      const n = list.id.length + list.count.length * 0 + list.lng.length * 0 + list.lat.length * 0;
      list.free();
      return n;
    },
    free(index) { index.free(); },
  }),
};

function time(f) {
  const t = performance.now();
  const v = f();
  return [performance.now() - t, v];
}

/**
 * Runs the benchmark; `emit` gets one plain object per result line.
 * `memory` returns { js_mb, wasm_mb } at that moment (after a GC where the host allows it).
 */
export function runBench({ Supercluster, farmmap, sizes, inputs, memory, emit, host }) {
  const vps = viewports();
  // Warm both: JS and wasm code both start in a baseline tier and are optimised once hot.
  for (const make of [engines.supercluster(Supercluster), engines.farmmap(farmmap)]) {
    const small = INPUTS.uniform(20_000, 9);
    for (let k = 0; k < 3; k++) {
      const index = make.load(small, features(small));
      for (const [bbox, z] of vps.slice(0, 200)) make.query(index, bbox, z);
      make.free(index);
    }
  }
  for (const n of sizes) {
    for (const input of inputs) {
      const lngLat = INPUTS[input](n);
      const feats = features(lngLat);
      const rowsByEngine = {};
      const results = {};
      for (const [name, make] of Object.entries(engines)) {
        const engine = make(name === "supercluster" ? Supercluster : farmmap);
        const before = memory();
        const [indexMs, index] = time(() => engine.load(lngLat, feats));
        const after = memory();
        const rows = [];
        const [worldMs] = time(() => { for (let z = 0; z < ZOOMS; z++) rows.push(engine.query(index, WORLD, z)); });
        let total = 0;
        const [viewportMs] = time(() => { for (const [bbox, z] of vps) total += engine.query(index, bbox, z); });
        rowsByEngine[name] = rows.join(",") + ";" + total;
        const r = {
          host, lib: name, input, n,
          index_ms: +indexMs.toFixed(1),
          world_z0_16_ms: +worldMs.toFixed(1),
          viewports: vps.length,
          viewport_ms: +viewportMs.toFixed(1),
          index_mb: +(name === "farmmap" ? after.wasm_mb - before.wasm_mb : after.js_mb - before.js_mb).toFixed(1),
          wasm_memory_mb: +after.wasm_mb.toFixed(1),
          rows_per_zoom: rows,
        };
        results[name] = r;
        emit(r);
        engine.free(index);
      }
      const [s, f] = [results.supercluster, results.farmmap];
      emit({
        host, ratio: "farmmap/supercluster", input, n,
        same_rows: rowsByEngine.supercluster === rowsByEngine.farmmap,
        index: +(f.index_ms / s.index_ms).toFixed(3),
        world_z0_16: +(f.world_z0_16_ms / s.world_z0_16_ms).toFixed(3),
        viewports: +(f.viewport_ms / s.viewport_ms).toFixed(3),
        index_memory: +(Math.max(f.index_mb, f.wasm_memory_mb) / s.index_mb).toFixed(3),
      });
    }
  }
}
