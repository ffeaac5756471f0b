// What a reader downloads for one <farm-map> embed: the modules reachable from
// www/farm-map.js (static and literal dynamic imports, followed), the stylesheets it links, the reader's build
// (pkg-reader/: its glue and its wasm, as www/wasm.js loads them) and the demo story —
// each raw, gzip -9 and brotli 11, then the total against the goal (250 KB gzipped,
// 1 KB = 1000 bytes). The story's poster is listed after the total (shown while the wasm
// loads; not in the goal). JSON lines.
// Run after scripts/build.sh:  node scripts/measure-size.mjs [entry.js] [story.json] [--full]
// (--full: the full build, pkg/, instead of the reader's, for comparison)
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const GOAL_GZIP = 250_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const build = process.argv.includes("--full") ? "pkg" : "pkg-reader";
const entry = path.resolve(root, args[0] || "www/farm-map.js");
const story = path.resolve(root, args[1] || "www/stories/kazakhstan-2022.json");

const seen = new Set();
function walk(file) {
  if (seen.has(file) || !fs.existsSync(file)) return;
  seen.add(file);
  const text = fs.readFileSync(file, "utf8");
  const dir = path.dirname(file);
  // Static imports and `new URL("./x.css", import.meta.url)` stylesheets.
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["'](\.{1,2}\/[^"']+)["']/g)) walk(path.resolve(dir, m[1]));
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*["'](\.{1,2}\/[^"']+)["']/g)) walk(path.resolve(dir, m[1]));
  // Literal dynamic imports (farm-map.js loads the map's modules this way, after the poster).
  for (const m of text.matchAll(/\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) walk(path.resolve(dir, m[1]));
  for (const m of text.matchAll(/["'](\.{1,2}\/[^"']+\.css)["']/g)) walk(path.resolve(dir, m[1]));
}
walk(entry);
const missing = [];
for (const f of [`${build}/farmmap.js`, `${build}/farmmap_bg.wasm`]) {
  const p = path.join(root, f);
  if (fs.existsSync(p)) seen.add(p); else missing.push(f);
}
if (missing.length) {
  console.error(`measure-size: ${missing.join(", ")} missing: run scripts/build.sh first`);
  process.exit(1);
}
if ([...seen].some((f) => f.startsWith(path.join(root, "pkg") + path.sep) && build !== "pkg")) {
  console.error("measure-size: a reader module imports the full build (pkg/) statically");
  process.exit(1);
}
if (fs.existsSync(story)) seen.add(story);

/** @param {string} file */
function sizes(file) {
  const body = fs.readFileSync(file);
  return {
    file: path.relative(root, file), bytes: body.length,
    gzip: zlib.gzipSync(body, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
let total = { bytes: 0, gzip: 0, brotli: 0 };
for (const file of seen) {
  const row = sizes(file);
  total = { bytes: total.bytes + row.bytes, gzip: total.gzip + row.gzip, brotli: total.brotli + row.brotli };
  console.log(JSON.stringify(row));
}
console.log(JSON.stringify({
  file: "total", build, ...total, goal_gzip: GOAL_GZIP, within_goal: total.gzip <= GOAL_GZIP,
}));
const poster = story.replace(/\.json$/, ".poster.svg");
if (fs.existsSync(poster)) console.log(JSON.stringify({ ...sizes(poster), note: "the poster, shown while the wasm loads (not in the total)" }));
