// node bench/layout-cpu.mjs [--pkgs pkg,/tmp/pkg-before] [--n 10000] [--iterations 300] [--runs 6]
// The CPU time of farmmap's layout alone, split as bench/layout.mjs runs it: the
// ForceLayout constructor + `tick(iterations)` ("fa2") and `refine()` + `positions()`
// ("refine"), on the seeded Barabási–Albert graph of n nodes (seed 1, as bench/layout.mjs),
// for one or more wasm builds (pkg/ directories, e.g. one built at an earlier commit) taken
// in turn, run by run (odd runs in reverse order), so all see the same load: the
// before/after measure of a layout change on a shared machine, where wall time mostly
// measures being descheduled (bench/layout.mjs gives the ratio to graphology). CPU time is
// the process's (process.cpuUsage). Prints per build: median (min–max) ms, and whether its
// positions were the same in every run and the same as the first build's.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { barabasiAlbert } from "./layout-common.mjs";

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const pkgs = arg("pkgs", "pkg").split(",").map((p) => path.resolve(p));
const n = Number(arg("n", "10000"));
const iterations = Number(arg("iterations", "300"));
const runs = Number(arg("runs", "6"));
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

const libs = [];
for (const dir of pkgs) {
  // A query string makes each build its own module instance.
  const m = await import(`${pathToFileURL(path.join(dir, "farmmap.js")).href}?pkg=${encodeURIComponent(dir)}`);
  m.initSync({ module: readFileSync(path.join(dir, "farmmap_bg.wasm")) });
  libs.push({ dir, ForceLayout: m.ForceLayout, fa2: [], refine: [], xy: null, deterministic: true });
}
const g = barabasiAlbert(n, 1);
for (let r = 0; r < runs; r++) {
  for (const lib of r % 2 ? [...libs].reverse() : libs) {
    const t0 = cpuMs();
    const layout = new lib.ForceLayout(g.n, g.sources, g.targets, { seed: 42 });
    layout.tick(iterations);
    const t1 = cpuMs();
    layout.refine();
    const xy = layout.positions();
    const t2 = cpuMs();
    layout.free();
    lib.fa2.push(t1 - t0);
    lib.refine.push(t2 - t1);
    if (lib.xy) lib.deterministic &&= xy.every((v, i) => Object.is(v, lib.xy[i]));
    else lib.xy = xy;
  }
}
const stat = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return `${s[s.length >> 1].toFixed(0)} (${s[0].toFixed(0)}–${s[s.length - 1].toFixed(0)})`;
};
for (const lib of libs) {
  const same = lib.xy.every((v, i) => Object.is(v, libs[0].xy[i]));
  console.log(JSON.stringify({
    pkg: lib.dir, n, iterations, runs,
    fa2_cpu_ms: stat(lib.fa2), refine_cpu_ms: stat(lib.refine),
    total_cpu_ms: stat(lib.fa2.map((v, i) => v + lib.refine[i])),
    deterministic: lib.deterministic, same_positions_as_first: same,
  }));
}
