// Loads pkg/farmmap.js (built with wasm-bindgen --target web) in node: the bytes are read
// from disk and handed to initSync, since node's fetch cannot read file URLs.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function loadFarmmap() {
  const mod = await import(path.join(root, "pkg", "farmmap.js"));
  const bytes = fs.readFileSync(path.join(root, "pkg", "farmmap_bg.wasm"));
  const exports = mod.initSync({ module: bytes });
  return { ...mod, memory: exports.memory };
}
