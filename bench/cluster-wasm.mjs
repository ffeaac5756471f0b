// Loads pkg/farmmap.js (built with wasm-bindgen --target web) in node: the bytes are read
// from disk and handed to initSync, since node's fetch cannot read file URLs.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// FARMMAP_PKG=dir loads another build (e.g. a copy of pkg/ built at an earlier commit, to
// compare before and after in the same conditions).
export const pkg = process.env.FARMMAP_PKG ? path.resolve(process.env.FARMMAP_PKG) : path.join(root, "pkg");
let compiled;

export async function loadFarmmap() {
  const mod = await import(path.join(pkg, "farmmap.js"));
  const bytes = fs.readFileSync(path.join(pkg, "farmmap_bg.wasm"));
  const exports = mod.initSync({ module: bytes });
  return { ...mod, memory: exports.memory };
}

/**
 * `count` separate instances of the module (each its own wasm memory), compiled once so
 * they share optimised code: a benchmark uses one per build to measure that build's memory.
 */
export async function farmmapInstances(count) {
  compiled ??= new WebAssembly.Module(fs.readFileSync(path.join(pkg, "farmmap_bg.wasm")));
  const out = [];
  for (let k = 0; k < count; k++) {
    const mod = await import(`${path.join(pkg, "farmmap.js")}?instance=${k}`);
    const exports = mod.initSync({ module: compiled });
    out.push({ ...mod, memory: exports.memory });
  }
  return out;
}
