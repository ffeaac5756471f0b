// What a reader downloads for one <farm-map> embed: the modules reachable from
// www/farm-map.js (static imports, followed), the stylesheets it links, the wasm and the
// demo story — each raw, gzip -9 and brotli 11, then the total. JSON lines.
// Run after scripts/build.sh:  node scripts/measure-size.mjs [entry.js] [story.json]
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entry = path.resolve(root, process.argv[2] || "www/farm-map.js");
const story = path.resolve(root, process.argv[3] || "www/stories/kazakhstan-2022.json");
/** www/pkg is served from pkg/ (scripts/serve.mjs mounts it at /pkg/). */
const onDisk = (p) => p.replace(path.join(root, "www", "pkg") + path.sep, path.join(root, "pkg") + path.sep);

const seen = new Set();
function walk(file) {
  file = onDisk(file);
  if (seen.has(file) || !fs.existsSync(file)) return;
  seen.add(file);
  const text = fs.readFileSync(file, "utf8");
  const dir = path.dirname(file);
  // Static imports and `new URL("./x", import.meta.url)` assets (the wasm, the stylesheets).
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["'](\.{1,2}\/[^"']+)["']/g)) walk(path.resolve(dir, m[1]));
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*["'](\.{1,2}\/[^"']+)["']/g)) walk(path.resolve(dir, m[1]));
  for (const m of text.matchAll(/["'](\.{1,2}\/[^"']+\.(?:css|wasm))["']/g)) walk(path.resolve(dir, m[1]));
}
walk(entry);
if (fs.existsSync(story)) seen.add(story);

let total = { bytes: 0, gzip: 0, brotli: 0 };
for (const file of seen) {
  const body = fs.readFileSync(file);
  const row = {
    file: path.relative(root, file), bytes: body.length,
    gzip: zlib.gzipSync(body, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  total = { bytes: total.bytes + row.bytes, gzip: total.gzip + row.gzip, brotli: total.brotli + row.brotli };
  console.log(JSON.stringify(row));
}
console.log(JSON.stringify({ file: "total", ...total }));
