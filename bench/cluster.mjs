// node bench/cluster.mjs [--sizes 100000,1000000] [--inputs uniform,gaussian] [--runs 5]
// supercluster 9.1.0 vs farmmap's ClusterIndex (pkg/, built by scripts/build.sh; FARMMAP_PKG=dir for another build) in one node
// process, interleaved run by run; prints JSON lines: per library (median, min, max of the
// runs), then the farmmap/supercluster ratios (taken run by run). See bench/cluster-core.mjs
// for what is timed and how memory is measured.
import os from "node:os";
import v8 from "node:v8";
import vm from "node:vm";
import Supercluster from "supercluster";
import { farmmapInstances, pkg } from "./cluster-wasm.mjs";
import { runBench } from "./cluster-core.mjs";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const sizes = arg("sizes", "100000,1000000").split(",").map(Number);
const inputs = arg("inputs", "uniform,gaussian").split(",");
const runs = Number(arg("runs", "5"));

// One fresh instance for the warm-up, then one per size and input (see cluster-core.mjs).
const pool = await farmmapInstances(1 + sizes.length * inputs.length);
const memory = () => {
  gc(); gc();
  const m = process.memoryUsage();
  return { js_mb: (m.heapUsed + m.arrayBuffers) / 2 ** 20 };
};
console.log(JSON.stringify({ host: `node ${process.version}`, pkg, loadavg_start: os.loadavg().map((v) => +v.toFixed(2)) }));
runBench({
  Supercluster, farmmapInstance: () => pool.shift(), sizes, inputs, runs, memory,
  host: `node ${process.version}`, load: () => +os.loadavg()[0].toFixed(2),
  cpu: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; },
  emit: (r) => console.log(JSON.stringify(r)),
});
console.log(JSON.stringify({ host: `node ${process.version}`, loadavg_end: os.loadavg().map((v) => +v.toFixed(2)), peak_rss_mb: +(process.resourceUsage().maxRSS / 1024).toFixed(0) }));
