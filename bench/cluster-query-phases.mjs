// node bench/cluster-query-phases.mjs [--sizes 100000] [--inputs uniform,gaussian] [--runs 5]
// Where a viewport query's time goes on the JS side, phase by phase (bench/cluster.mjs times
// the whole query; src/cluster/query_phases.rs the Rust walk and rows natively). For the
// same 1,700 viewports as bench/cluster-core.mjs, per run: farmmap's `getClusters` call
// (bbox passed in, the walk, the rows, the ClusterList wrapper), reading lng, lat, count and
// id (four typed arrays copied out), `free()`; supercluster's `getClusters` with its rows
// read, alongside; the same through `ClusterRows.query` (a count back, rows read in place:
// www/cluster-rows.js). Then the fixed cost of one query on an empty box (200,000 calls): the
// raw wasm export (bbox written into wasm memory by hand, no wrapper), `ClusterRows.query`, the wrapped call, the
// wrapped call with its four reads, supercluster. Medians (min–max) of the runs, in ms.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import Supercluster from "supercluster";
import { INPUTS, features } from "./cluster-inputs.mjs";
import { viewports } from "./cluster-core.mjs";
import { ClusterRows } from "../www/cluster-rows.js";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const mod = await import(path.join(root, "pkg", "farmmap.js"));
const raw = mod.initSync({ module: fs.readFileSync(path.join(root, "pkg", "farmmap_bg.wasm")) });

const arg = (name, fallback) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : fallback; };
const sizes = arg("sizes", "100000").split(",").map(Number);
const inputs = arg("inputs", "uniform,gaussian").split(",");
const runs = Number(arg("runs", "5"));
const median = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const stat = (a, d = 2) => `${median(a).toFixed(d)} (${Math.min(...a).toFixed(d)}–${Math.max(...a).toFixed(d)})`;
const vps = viewports();

for (const n of sizes) {
  for (const input of inputs) {
    const lngLat = INPUTS[input](n);
    const index = new mod.ClusterIndex({});
    index.load(lngLat);
    const sc = new Supercluster({}).load(features(lngLat));
    const t = { call: [], read: [], free: [], farmmap: [], supercluster: [] };
    let rows = 0;
    for (let run = 0; run <= runs; run++) { // run 0 warms up
      let call = 0, read = 0, free = 0;
      gc();
      const f0 = performance.now();
      for (const [bbox, z] of vps) {
        const a = performance.now();
        const list = index.getClusters(bbox, z);
        const b = performance.now();
        const lng = list.lng, lat = list.lat, count = list.count, id = list.id;
        const c = performance.now();
        list.free();
        const d = performance.now();
        call += b - a; read += c - b; free += d - c;
        if (run === 0) rows += count.length + 0 * (lng.length + lat.length + id.length);
      }
      const f1 = performance.now();
      gc();
      const s0 = performance.now();
      for (const [bbox, z] of vps) {
        let s = 0;
        for (const f of sc.getClusters(bbox, z)) s += f.geometry.coordinates[0] * 0 + (f.properties.cluster ? f.properties.point_count : 1);
      }
      const s1 = performance.now();
      if (run === 0) continue;
      t.call.push(call); t.read.push(read); t.free.push(free); t.farmmap.push(f1 - f0); t.supercluster.push(s1 - s0);
    }
    // The same viewports through ClusterRows (the API pages and bench/cluster.mjs use):
    // one call returning a count, the rows read in place.
    const cr = new ClusterRows(index);
    t.rows = [];
    for (let run = 0; run <= runs; run++) {
      gc();
      const r0 = performance.now();
      for (const [bbox, z] of vps) {
        const k = cr.query(bbox, z);
        let s = 0;
        for (let j = 0; j < k; j++) s += (cr.lng[j] + cr.lat[j] + cr.id[j]) * 0 + cr.count[j];
      }
      if (run > 0) t.rows.push(performance.now() - r0);
    }
    console.log(JSON.stringify({ input, n, runs, viewports: vps.length, rows,
      farmmap_rows_query_ms: stat(t.rows),
      farmmap_call_ms: stat(t.call), farmmap_read_4_arrays_ms: stat(t.read), farmmap_free_ms: stat(t.free),
      farmmap_total_ms: stat(t.farmmap), supercluster_ms: stat(t.supercluster) }));

    // The fixed cost of one query: an empty box at zoom 16.
    const empty = [10, -80, 10.001, -79.999], calls = 200_000;
    const per = (f) => { const a = []; for (let r = 0; r <= runs; r++) { gc(); const t0 = performance.now(); f(); a.push((performance.now() - t0) * 1000 / calls); } return stat(a.slice(1), 3); };
    const line = { input, n, empty_box_us: {
      raw_export: per(() => {
        for (let i = 0; i < calls; i++) {
          const p = raw.__wbindgen_malloc(32, 8);
          new Float64Array(raw.memory.buffer).set(empty, p / 8);
          const r = raw.clusterindex_getClusters(index.__wbg_ptr, p, 4, 16);
          raw.__wbg_clusterlist_free(r[0], 0);
        }
      }),
      rows_query: per(() => { for (let i = 0; i < calls; i++) cr.query(empty, 16); }),
      wrapped_call_free: per(() => { for (let i = 0; i < calls; i++) index.getClusters(empty, 16).free(); }),
      wrapped_call_4_reads_free: per(() => { for (let i = 0; i < calls; i++) { const l = index.getClusters(empty, 16); l.lng; l.lat; l.count; l.id; l.free(); } }),
      finalization_registry_alone: per(() => { const fr = new FinalizationRegistry(() => {}); for (let i = 0; i < calls; i++) { const o = {}; fr.register(o, 1, o); fr.unregister(o); } }),
      supercluster: per(() => { for (let i = 0; i < calls; i++) sc.getClusters(empty, 16); }),
    } };
    console.log(JSON.stringify(line));
    index.free();
  }
}
