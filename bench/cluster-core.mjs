// The cluster benchmark itself, shared by node (bench/cluster.mjs) and Chromium
// (bench/cluster-browser.mjs): supercluster 9.1.0 and farmmap's ClusterIndex on the same
// seeded points, in the same process, interleaved run by run (the order alternates), the
// same phases timed for both:
//   index    — construction from the caller's data (wall time; in node also the process's
//              CPU time, `index_cpu`): supercluster `new Supercluster().load(features)`,
//              farmmap `new ClusterIndex().load(Float64Array)` (reading the input into wasm
//              included); building the features is not timed (it is supercluster's input format).
//   world    — getClusters over the world at zooms 0..16, every row read (position,
//              count, id).
//   viewports— 1,700 getClusters of 1000×800 CSS px at zooms 0..16, every row read
//              (farmmap: `ClusterRows.query`, the rows read in place, www/cluster-rows.js).
// Memory, measured after the build:
//   supercluster — JS heap + ArrayBuffers retained (delta around load, two full GCs each
//                  side), and, as a check, the bytes of its typed arrays counted directly.
//   farmmap      — wasm memory growth during load of a fresh instance (what the page pays:
//                  wasm memory never shrinks, so this is the build's peak, not what is kept),
//                  and the bytes the index keeps (`stats().bytes`).
// Ratios are taken run by run (same run for both libraries), then the median and spread.
import { INPUTS, features, mulberry32 } from "./cluster-inputs.mjs";
import { ClusterRows } from "../www/cluster-rows.js";

const WORLD = [-180, -90, 180, 90];
const ZOOMS = 17; // 0..16
const VIEWPORTS_PER_ZOOM = 100;
const MB = 2 ** 20;

const xLng = (x) => (x - 0.5) * 360;
const yLat = (y) => 360 * Math.atan(Math.exp((180 - y * 360) * Math.PI / 180)) / Math.PI - 90;

// 1000×800 CSS-pixel viewports at seeded centres, for every zoom 0..16.
export function viewports() {
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

// supercluster's typed arrays: each distinct tree's buffer and data slab, plus coords.
function scTypedBytes(sc) {
  const seen = new Set();
  let bytes = sc.coords.byteLength + 8 * sc.props.length;
  for (const t of sc.trees) {
    if (!t || seen.has(t)) continue;
    seen.add(t);
    bytes += t.data.buffer.byteLength;
    if (!seen.has(t.ids.buffer)) { seen.add(t.ids.buffer); bytes += t.ids.buffer.byteLength; }
  }
  return { bytes, levels: seen.size / 2 };
}

const engines = {
  supercluster: {
    load(Supercluster, lngLat, feats) { return new Supercluster({}).load(feats); },
    query(index, bbox, z) {
      // Reads what a map draws from: position, count, id.
      let s = 0;
      for (const f of index.getClusters(bbox, z)) {
        const p = f.properties;
        s += f.geometry.coordinates[0] * 0 + (p.cluster ? p.point_count : 1);
      }
      return s;
    },
    free() {},
  },
  farmmap: {
    // The query API a page uses (www/cluster-rows.js): `query` returns the row count and
    // the rows are read in place through typed-array views over wasm memory.
    load(farmmap, lngLat) {
      const index = new farmmap.ClusterIndex({});
      index.load(lngLat);
      return { index, rows: new ClusterRows(index), stats: () => index.stats() };
    },
    query({ rows }, bbox, z) {
      const n = rows.query(bbox, z);
      const lng = rows.lng, lat = rows.lat, count = rows.count, id = rows.id;
      let s = 0;
      for (let k = 0; k < n; k++) s += (lng[k] + lat[k] + id[k]) * 0 + count[k];
      return s;
    },
    free({ index }) { index.free(); },
  },
};

function time(f) {
  const t = performance.now();
  const v = f();
  return [performance.now() - t, v];
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const stat = (a, digits = 1) => ({ median: +median(a).toFixed(digits), min: +Math.min(...a).toFixed(digits), max: +Math.max(...a).toFixed(digits) });

/**
 * Runs the benchmark; `emit` gets one plain object per result line.
 * `memory()` returns { js_mb } after full GCs where the host allows it.
 * `farmmapInstance()` returns a fresh farmmap module instance ({ ClusterIndex, memory })
 * for each farmmap run, so its wasm memory growth is that build's alone; without it one
 * instance serves every run and growth after the first large build reads 0.
 */
export function runBench({ Supercluster, farmmap, farmmapInstance, sizes, inputs, runs = 5, memory, emit, host, load, cpu }) {
  const vps = viewports();
  const fresh = farmmapInstance || (() => farmmap);
  // Warm both: JS and wasm code both start in a baseline tier and are optimised once hot.
  {
    const small = INPUTS.uniform(20_000, 9);
    const feats = features(small);
    const fm = fresh();
    for (let k = 0; k < 3; k++) {
      for (const [name, lib] of [["supercluster", Supercluster], ["farmmap", fm]]) {
        const e = engines[name];
        const index = e.load(lib, small, feats);
        for (const [bbox, z] of vps.slice(0, 300)) e.query(index, bbox, z);
        e.free(index);
      }
    }
  }
  for (const n of sizes) {
    for (const input of inputs) {
      const lngLat = INPUTS[input](n);
      const feats = features(lngLat);
      const per = { supercluster: [], farmmap: [] };
      const sums = {};
      // One fresh farmmap instance per size and input: its growth over the first build is
      // that build's peak; later runs reuse it (growth 0, so memory is from run 1 only; it
      // is deterministic, as is `stats().bytes`).
      const fm = fresh();
      for (let run = 0; run < runs; run++) {
        const order = run % 2 === 0 ? ["supercluster", "farmmap"] : ["farmmap", "supercluster"];
        for (const name of order) {
          const e = engines[name];
          const lib = name === "supercluster" ? Supercluster : fm;
          const m0 = memory();
          const w0 = lib.memory ? lib.memory.buffer.byteLength : 0;
          const c0 = cpu ? cpu() : 0;
          const [indexMs, index] = time(() => e.load(lib, lngLat, feats));
          const indexCpuMs = cpu ? cpu() - c0 : undefined;
          const m1 = memory();
          const w1 = lib.memory ? lib.memory.buffer.byteLength : 0;
          // A full GC before each timed phase, for both libraries: otherwise the garbage of
          // the previous phase (supercluster's world queries make millions of objects) is
          // collected in the middle of whichever library runs next.
          const rows = [];
          memory();
          const [worldMs] = time(() => { for (let z = 0; z < ZOOMS; z++) rows.push(e.query(index, WORLD, z)); });
          let total = 0;
          memory();
          const [viewportMs] = time(() => { for (const [bbox, z] of vps) total += e.query(index, bbox, z); });
          const r = { index_ms: indexMs, index_cpu_ms: indexCpuMs, world_ms: worldMs, viewport_ms: viewportMs, load: load ? load() : undefined };
          if (name === "supercluster") {
            const t = scTypedBytes(index);
            Object.assign(r, { mem_mb: (m1.js_mb - m0.js_mb), typed_mb: t.bytes / MB, levels: t.levels });
          } else {
            const s = index.stats();
            Object.assign(r, { mem_mb: (w1 - w0) / MB, kept_mb: s.bytes / MB, levels: s.levels, entries: s.entries, clusters: s.clusters });
          }
          per[name].push(r);
          sums[name] = rows.join(",") + ";" + total;
          e.free(index);
        }
      }
      for (const name of ["supercluster", "farmmap"]) {
        const rs = per[name];
        const line = {
          host, lib: name, input, n, runs,
          index_ms: stat(rs.map((r) => r.index_ms), 0),
          ...(cpu ? { index_cpu_ms: stat(rs.map((r) => r.index_cpu_ms), 0) } : {}),
          world_z0_16_ms: stat(rs.map((r) => r.world_ms), 0),
          viewports_ms: stat(rs.map((r) => r.viewport_ms), 1),
          memory_mb: name === "farmmap" ? +rs[0].mem_mb.toFixed(1) : stat(rs.map((r) => r.mem_mb)),
          levels: rs[0].levels,
        };
        if (name === "supercluster") {
          line.typed_arrays_mb = +rs[0].typed_mb.toFixed(1);
          line.bytes_per_point_per_level = +(rs[0].typed_mb * MB / (n * rs[0].levels)).toFixed(2);
        } else {
          line.kept_mb = +rs[0].kept_mb.toFixed(1);
          line.entries = rs[0].entries;
          line.clusters = rs[0].clusters;
          line.bytes_per_point_per_level = +(rs[0].kept_mb * MB / (n * rs[0].levels)).toFixed(2);
          line.bytes_per_entry = +(rs[0].kept_mb * MB / rs[0].entries).toFixed(2);
        }
        if (load) line.load = rs.map((r) => r.load);
        emit(line);
      }
      const [s, f] = [per.supercluster, per.farmmap];
      const ratio = (k) => stat(s.map((_, i) => f[i][k] / s[i][k]), 3);
      emit({
        host, ratio: "farmmap/supercluster", input, n, runs,
        same_rows: sums.supercluster === sums.farmmap,
        index: ratio("index_ms"),
        // CPU time of the process over the build (node only): what the build costs without
        // the time spent descheduled on a loaded machine. It includes V8's helper threads
        // (concurrent GC and compilation), which a build keeps busy as much as its own.
        ...(cpu ? { index_cpu: ratio("index_cpu_ms") } : {}),
        world_z0_16: ratio("world_ms"),
        viewports: ratio("viewport_ms"),
        // Against supercluster's typed arrays counted directly: its heap delta, equal in the
        // median, reads ~0 in some runs (a collection between the two readings).
        memory: +(f[0].mem_mb / s[0].typed_mb).toFixed(3),
        memory_kept_vs_sc_typed: +(f[0].kept_mb / s[0].typed_mb).toFixed(3),
      });
    }
  }
}
