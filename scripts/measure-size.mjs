// What a reader downloads for one <farm-map> embed: the reader's bundle (www/farm-map.min.js
// and the chunks it imports, statically or by literal dynamic import, followed; the
// snippet's script since scripts/bundle.mjs), the stylesheet it links, the language file of
// the embed's language only (English comes in the bundle; another language is a chunk of its
// own, i18n-ru-*/i18n-kk-*), the reader's build (pkg-reader/: its glue and its wasm, as
// www/wasm.js loads them) and the demo story — each raw, gzipped and brotli-compressed as scripts/precompress.mjs writes them for the
// server (scripts/compress.mjs: Zopfli's gzip, brotli 11), a subtotal
// per kind (js, css, glue, wasm, story) and the total against the goal (250 KB gzipped,
// 1 KB = 1000 bytes). The story's poster is listed after the total (shown while the wasm
// loads; not in the goal). JSON lines.
// Run after scripts/build.sh:  node scripts/measure-size.mjs [entry.js] [story.json] [--lang=xx] [--modules] [--full]
//   --lang=xx  the interface's language (a publisher's lang="ru"); else the story's `language`, else English
//   --modules  the unbundled modules instead (www/farm-map.js and what it imports: development, and the
//              figure before the bundle: there every language's strings came in one module)
//   --full     the full build, pkg/, instead of the reader's, for comparison
import fs from "node:fs";
import path from "node:path";
import { brotli, gzip } from "./compress.mjs";
import { fileURLToPath } from "node:url";

const GOAL_GZIP = 250_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const flag = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const build = process.argv.includes("--full") ? "pkg" : "pkg-reader";
const modules = process.argv.includes("--modules");
const entry = path.resolve(root, args[0] || (modules ? "www/farm-map.js" : "www/farm-map.min.js"));
const story = path.resolve(root, args[1] || "www/stories/kazakhstan-2022.json");
const LANGS = ["en", "ru", "kk"];
const storyLang = fs.existsSync(story) ? JSON.parse(fs.readFileSync(story, "utf8")).language : undefined;
const lang = [flag("lang"), storyLang, "en"].find((l) => LANGS.includes(l ?? ""));

if (!fs.existsSync(entry)) {
  console.error(`measure-size: ${path.relative(root, entry)} missing: run scripts/build.sh first`);
  process.exit(1);
}

/** A language file (unbundled i18n-xx.js, or the bundle's chunk i18n-xx-HASH.min.js): its language. */
const languageOf = (file) => path.basename(file).match(/^i18n-(en|ru|kk)[-.]/)?.[1];

const seen = new Set();
function walk(file) {
  if (seen.has(file) || !fs.existsSync(file)) return;
  const fileLang = languageOf(file);
  if (fileLang && fileLang !== lang && fileLang !== "en") return; // another embed's language
  seen.add(file);
  // (JSDoc's `import("./x.js")` types are in block comments: not downloads)
  const text = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
  const dir = path.dirname(file);
  // Static imports (minified too: `import{a as b}from"./chunk.js"`, `export*from"./x.js"`).
  for (const m of text.matchAll(/(?:^|[\s;}])(?:import|export)\b[^;"'`]*?from\s*["'](\.{1,2}\/[^"']+)["']/g)) walk(path.resolve(dir, m[1]));
  for (const m of text.matchAll(/(?:^|[\s;}])import\s*["'](\.{1,2}\/[^"']+)["']/g)) walk(path.resolve(dir, m[1]));
  // Literal dynamic imports (farm-map.js loads the map's modules this way, after the poster).
  for (const m of text.matchAll(/\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) walk(path.resolve(dir, m[1]));
  // Stylesheets it links (`new URL("./x.css", import.meta.url)`).
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
function kind(file) {
  if (file === story) return "story";
  if (file.endsWith(".svg")) return "poster";
  if (file.endsWith(".wasm")) return "wasm";
  if (file.startsWith(path.join(root, build) + path.sep)) return "glue";
  return file.endsWith(".css") ? "css" : "js";
}

/** @param {string} file */
async function sizes(file) {
  const body = fs.readFileSync(file);
  return {
    file: path.relative(root, file), kind: kind(file), bytes: body.length,
    gzip: (await gzip(body)).length, brotli: brotli(body).length,
  };
}
const add = (a, b) => ({ files: a.files + 1, bytes: a.bytes + b.bytes, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const zero = { files: 0, bytes: 0, gzip: 0, brotli: 0 };
let total = zero;
/** @type {Record<string, typeof zero>} */
const kinds = {};
for (const file of seen) {
  const row = await sizes(file);
  total = add(total, row);
  kinds[row.kind] = add(kinds[row.kind] ?? zero, row);
  console.log(JSON.stringify(row));
}
for (const k of ["js", "css", "glue", "wasm", "story"]) if (kinds[k]) console.log(JSON.stringify({ subtotal: k, ...kinds[k] }));
console.log(JSON.stringify({
  file: "total", build, javascript: modules ? "modules" : "bundle", lang, ...total, requests: total.files,
  goal_gzip: GOAL_GZIP, within_goal: total.gzip <= GOAL_GZIP,
}));
const poster = story.replace(/\.json$/, ".poster.svg");
if (fs.existsSync(poster)) console.log(JSON.stringify({ ...(await sizes(poster)), note: "the poster, shown while the wasm loads (not in the total)" }));
