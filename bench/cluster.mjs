// node bench/cluster.mjs [--sizes 100000,1000000] [--inputs uniform,gaussian]
// supercluster 9.1.0 vs farmmap's ClusterIndex (pkg/, built by scripts/build.sh) in one node
// process; prints JSON lines (per library, then the farmmap/supercluster ratios).
import v8 from "node:v8";
import vm from "node:vm";
import Supercluster from "supercluster";
import { loadFarmmap } from "./cluster-wasm.mjs";
import { runBench } from "./cluster-core.mjs";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const sizes = arg("sizes", "100000,1000000").split(",").map(Number);
const inputs = arg("inputs", "uniform,gaussian").split(",");

const farmmap = await loadFarmmap();
const memory = () => {
  gc();
  const m = process.memoryUsage();
  return { js_mb: (m.heapUsed + m.arrayBuffers) / 2 ** 20, wasm_mb: farmmap.memory.buffer.byteLength / 2 ** 20 };
};
runBench({
  Supercluster, farmmap, sizes, inputs, memory, host: `node ${process.version}`,
  emit: (r) => console.log(JSON.stringify(r)),
});
console.log(JSON.stringify({ host: `node ${process.version}`, peak_rss_mb: +(process.resourceUsage().maxRSS / 1024).toFixed(0) }));
