// Benchmark: farmmap's layout (wasm) vs graphology-layout-forceatlas2 0.10.1, both in this
// node process, interleaved (odd runs farmmap first, even runs graphology first), on real
// networks (bench/fixtures/networks/, src/network/testdata/) and seeded Barabási–Albert
// graphs. Prints one JSON line per (graph, library), then a markdown table.
//
// Settings rule, the same for both: graphology runs as its users run it,
// `forceAtlas2(graph, {iterations, settings: forceAtlas2.inferSettings(graph)})`; farmmap
// runs with its defaults (`new ForceLayout(n, sources, targets, {seed: 42})`, whose
// defaults are graphology's inferred settings since issue 13), then `refine()` when the
// build has it (stress majorization on the ForceAtlas2 result), and copies positions out.
// Both run the same number of ForceAtlas2 iterations from the same seeded start.
//
// Timed, for both: construction (graphology: the Graph with start positions, settings,
// graphToByteArrays inside forceAtlas2; farmmap: the ForceLayout constructor with its typed
// arrays), the iterations (+ refine), and the copy of positions out into a Float64Array.
// Medians and min–max over `--runs` runs (default 5) per library; quality (normalised stress,
// crossings) from the first run of each, by the same JS functions (layout-common.mjs).
//
// `--uncross`: farmmap also runs `uncross()` (network::uncross) after refine, timed with it.
//
// Run: scripts/build.sh && node bench/layout.mjs [--runs 5] [--only name,name] [--no-ba] [--uncross] [--save dir]
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import { loadFarmmap, barabasiAlbert, stress, crossings } from "./layout-common.mjs";

const { ForceLayout } = loadFarmmap();
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
const RUNS = Number(flag("--runs", 5));
const UNCROSS = args.includes("--uncross");
const only = flag("--only", "") ? flag("--only", "").split(",") : null;
// `--save DIR`: each network's first-run positions as DIR/<name>.json, { graphology, farmmap }
// ([x0, y0, …]), e.g. for examples/layout_bound.rs --reference.
const SAVE = flag("--save", "");
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

function loadFixture(path) {
  const j = JSON.parse(readFileSync(path, "utf8"));
  if (j.sources) return { n: j.nodes.length, sources: Uint32Array.from(j.sources), targets: Uint32Array.from(j.targets) };
  // networkx node-link (src/network/testdata)
  const index = new Map(j.nodes.map((v, i) => [v.id, i]));
  const s = [], t = [];
  for (const l of j.links) { s.push(index.get(l.source)); t.push(index.get(l.target)); }
  return { n: j.nodes.length, sources: Uint32Array.from(s), targets: Uint32Array.from(t) };
}

const plan = [];
for (const f of ["karate_club", "florentine_families"]) {
  plan.push({ name: f, g: loadFixture(here(`../src/network/testdata/${f}.json`)), iterations: 500 });
}
for (const f of readdirSync(here("fixtures/networks")).filter((f) => f.endsWith(".json")).sort()) {
  plan.push({ name: f.replace(/\.json$/, ""), g: loadFixture(here(`fixtures/networks/${f}`)), iterations: 500 });
}
if (!args.includes("--no-ba")) {
  // 50k: graphology takes about a second per iteration here, so 20 iterations × 5 runs;
  // a timing figure only (its stress at 20 iterations says nothing).
  for (const [n, iterations] of [[1000, 300], [10000, 300], [50000, 20]]) {
    plan.push({ name: `ba_${n / 1000}k`, g: barabasiAlbert(n, 1), iterations, ba: true });
  }
}

function runGraphology(g, start, iterations) {
  const t0 = performance.now();
  const graph = new Graph({ type: "undirected", multi: false });
  for (let i = 0; i < g.n; i++) graph.addNode(i, { x: start[2 * i], y: start[2 * i + 1] });
  for (let k = 0; k < g.sources.length; k++) graph.addEdge(g.sources[k], g.targets[k]);
  const settings = forceAtlas2.inferSettings(graph);
  const pos = forceAtlas2(graph, { iterations, settings });
  const xy = new Float64Array(2 * g.n);
  for (let i = 0; i < g.n; i++) { xy[2 * i] = pos[i].x; xy[2 * i + 1] = pos[i].y; }
  return { ms: performance.now() - t0, xy, settings };
}

function runFarmmap(g, iterations) {
  const t0 = performance.now();
  const layout = new ForceLayout(g.n, g.sources, g.targets, { seed: 42 });
  layout.tick(iterations);
  const t1 = performance.now();
  const refined = typeof layout.refine === "function";
  if (refined) layout.refine();
  if (UNCROSS) layout.uncross();
  const xy = layout.positions();
  const ms = performance.now() - t0;
  layout.free();
  return { ms, msRefine: refined ? ms - (t1 - t0) : 0, xy, refined };
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const spread = (a) => `${Math.min(...a).toFixed(0)}–${Math.max(...a).toFixed(0)}`;
const same = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

const table = [];
for (const { name, g, iterations, ba } of plan) {
  if (only && !only.includes(name)) continue;
  const fresh = new ForceLayout(g.n, g.sources, g.targets, { seed: 42 });
  const start = fresh.positions();
  fresh.free();
  const times = { farmmap: [], graphology: [], refine: [] };
  let first = {}, deterministic = true;
  const load = loadavg()[0];
  for (let r = 0; r < RUNS; r++) {
    const order = r % 2 === 0 ? ["farmmap", "graphology"] : ["graphology", "farmmap"];
    for (const lib of order) {
      const out = lib === "farmmap" ? runFarmmap(g, iterations) : runGraphology(g, start, iterations);
      times[lib].push(out.ms);
      if (lib === "farmmap") times.refine.push(out.msRefine);
      if (!first[lib]) first[lib] = out;
      else deterministic &&= same(first[lib].xy, out.xy);
    }
  }
  const roots = g.n <= 5000 ? g.n : 200;
  const doCross = !ba || g.n <= 10000;
  const row = { graph: name, nodes: g.n, ties: g.sources.length, iterations, runs: RUNS, load_1min: +load.toFixed(2), deterministic };
  for (const lib of ["graphology", "farmmap"]) {
    row[lib] = {
      ms_median: +median(times[lib]).toFixed(1), ms_min: +Math.min(...times[lib]).toFixed(1), ms_max: +Math.max(...times[lib]).toFixed(1),
      stress: +stress(g, first[lib].xy, roots).toFixed(4),
      ...(doCross ? { crossings: crossings(g, first[lib].xy) } : {}),
    };
  }
  row.farmmap.refine_ms_median = +median(times.refine).toFixed(1);
  row.farmmap.refined = first.farmmap.refined;
  row.farmmap.uncross = UNCROSS;
  row.graphology.settings = first.graphology.settings;
  row.start_stress = +stress(g, start, roots).toFixed(4);
  row.stress_roots = roots;
  row.ratio_stress = +(row.farmmap.stress / row.graphology.stress).toFixed(3);
  row.ratio_ms = +(row.farmmap.ms_median / row.graphology.ms_median).toFixed(3);
  console.log(JSON.stringify(row));
  table.push(row);
  if (SAVE) writeFileSync(`${SAVE}/${name}.json`, JSON.stringify({ graphology: [...first.graphology.xy], farmmap: [...first.farmmap.xy] }));
}

console.log("\n| graph | nodes | ties | it. | stress graphology | stress farmmap | ratio | crossings graphology / farmmap | ms graphology median (min–max) | ms farmmap median (min–max) | time ratio | load |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of table) {
  const c = r.graphology.crossings === undefined ? "–" : `${r.graphology.crossings} / ${r.farmmap.crossings}`;
  console.log(`| ${r.graph} | ${r.nodes} | ${r.ties} | ${r.iterations} | ${r.graphology.stress} | ${r.farmmap.stress} | ${r.ratio_stress} | ${c} | ${r.graphology.ms_median} (${spread(times_of(r, "graphology"))}) | ${r.farmmap.ms_median} (${spread(times_of(r, "farmmap"))}) | ${r.ratio_ms} | ${r.load_1min} |`);
}
function times_of(r, lib) { return [r[lib].ms_min, r[lib].ms_max]; }
