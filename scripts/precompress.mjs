// Writes `file.gz` (Zopfli's gzip) and `file.br` (brotli, quality 11; both scripts/compress.mjs) beside every text or wasm
// file under pkg/, pkg-reader/ and www/, as a CDN would serve them; scripts/serve.mjs sends them with
// Content-Encoding. Skips files whose compressed copies are newer than the file.
import fs from "node:fs";
import path from "node:path";
import { brotli, gzip } from "./compress.mjs";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const EXTS = new Set([".wasm", ".js", ".mjs", ".css", ".json", ".html", ".svg", ".geojson", ".csv"]);

function* files(dir) {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (EXTS.has(path.extname(e.name))) yield p;
  }
}

let written = 0;
for (const dir of ["pkg", "pkg-reader", "www"]) {
  for (const file of files(path.join(root, dir))) {
    const mtime = fs.statSync(file).mtimeMs;
    const fresh = (p) => fs.existsSync(p) && fs.statSync(p).mtimeMs >= mtime;
    if (fresh(file + ".gz") && fresh(file + ".br")) continue;
    const body = fs.readFileSync(file);
    fs.writeFileSync(file + ".gz", await gzip(body));
    fs.writeFileSync(file + ".br", brotli(body));
    written++;
  }
}
console.log(`[precompress] ${written} files compressed (.gz and .br)`);
