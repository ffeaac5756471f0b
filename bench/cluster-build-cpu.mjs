// node bench/cluster-build-cpu.mjs [--pkgs pkg,/tmp/pkg-before] [--inputs gaussian,uniform] [--sizes 1000000] [--rounds 3] [--per 3]
// The CPU time of farmmap's index build alone (`new ClusterIndex().load(Float64Array)`), for
// one or more wasm builds (pkg/ directories, e.g. one built at an earlier commit) taken in
// turn, round by round, so all see the same load: the before/after measure of a build change
// on a shared machine, where wall time mostly measures being descheduled (bench/cluster.mjs
// gives the ratio to supercluster). CPU time is the process's (process.cpuUsage), V8's helper
// threads included. Prints JSON lines: per build and input, median (min–max) of rounds × per.
import os from "node:os";
import path from "node:path";
import { INPUTS } from "./cluster-inputs.mjs";

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const pkgs = arg("pkgs", "pkg").split(",").map((p) => path.resolve(p));
const inputs = arg("inputs", "gaussian").split(",");
const sizes = arg("sizes", "1000000").split(",").map(Number);
const rounds = Number(arg("rounds", "3"));
const per = Number(arg("per", "3"));

// One compiled module per build (each its own instance and memory).
const libs = [];
for (const dir of pkgs) {
  process.env.FARMMAP_PKG = dir;
  const { farmmapInstances } = await import(`./cluster-wasm.mjs?pkg=${encodeURIComponent(dir)}`);
  const [lib] = await farmmapInstances(1);
  libs.push(lib);
}
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const stat = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return { median: Math.round(s[s.length >> 1]), min: Math.round(s[0]), max: Math.round(s[s.length - 1]) };
};
console.log(JSON.stringify({ host: `node ${process.version}`, pkgs, loadavg_start: os.loadavg().map((v) => +v.toFixed(2)) }));
for (const n of sizes) {
  for (const input of inputs) {
    const lngLat = INPUTS[input](n);
    const times = pkgs.map(() => []);
    // A warm-up build each (the first build also grows wasm memory).
    for (const lib of libs) { const index = new lib.ClusterIndex({}); index.load(lngLat); index.free(); }
    for (let r = 0; r < rounds; r++) {
      libs.forEach((lib, k) => {
        for (let j = 0; j < per; j++) {
          const c0 = cpuMs();
          const index = new lib.ClusterIndex({});
          index.load(lngLat);
          times[k].push(cpuMs() - c0);
          index.free();
        }
      });
    }
    pkgs.forEach((pkg, k) => console.log(JSON.stringify({ pkg, input, n, builds: rounds * per, build_cpu_ms: stat(times[k]) })));
  }
}
console.log(JSON.stringify({ loadavg_end: os.loadavg().map((v) => +v.toFixed(2)) }));
