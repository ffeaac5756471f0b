// The reader's JavaScript and CSS as readers download them (scripts/build.sh runs it after
// the wasm builds; esbuild from package.json, no source map):
//   - www/i18n-en.js, i18n-ru.js, i18n-kk.js: one language each, written from the one
//     catalogue www/i18n-strings.js (which Rust compiles in; edit that file, never these);
//     www/i18n.js bundles English and loads another language only when an embed shows it;
//   - www/farm-map.min.js, app.min.js, embed.min.js, scrolly.min.js: the reader pages'
//     entries (<farm-map>, index.html, embed.html, scrolly.html), minified ES modules
//     sharing chunks (www/*-HASH.min.js): what an entry imports lazily (farm-map.js loads
//     the map's modules after the poster, farmmap-*.min.js; Russian and Kazakh,
//     i18n-ru-*.min.js and i18n-kk-*.min.js) stays a chunk loaded when asked for. They sit beside the modules they come from, so every `new URL(…, import.meta.url)`
//     (the wasm in pkg-reader/, the stylesheet, the demo story and poster) resolves as before;
//   - www/farm-map.min.css: farmmap.css and network.css in one minified file (what
//     <farm-map>'s Shadow DOM and the reader pages link);
//   - pkg-reader/farmmap.js minified in place: wasm-bindgen's glue stays a module of its own,
//     since each embed imports it under its own URL for an instance of its own (wasm.js).
// The unbundled modules stay as they are, for the editor and for development.
//   node scripts/bundle.mjs
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const www = path.join(root, "www");
const ENTRIES = ["farm-map.js", "app.js", "embed.js", "scrolly.js"];
const TARGET = ["es2022", "chrome100", "firefox100", "safari15.4"];

// One file per language, from the one catalogue (JSON after `export default`, as Rust reads it).
const module = fs.readFileSync(path.join(www, "i18n-strings.js"), "utf8");
const json = module.slice(module.indexOf("\nexport default ") + "\nexport default ".length).trim().replace(/;$/, "");
const catalogue = JSON.parse(json);
for (const lang of ["en", "ru", "kk"]) {
  const out = `// Written by scripts/bundle.mjs from www/i18n-strings.js (the one catalogue): edit that file.\nexport default ${JSON.stringify(catalogue[lang])};\n`;
  const file = path.join(www, `i18n-${lang}.js`);
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== out) fs.writeFileSync(file, out);
}

// Outputs of an earlier run (chunk names carry a hash), with their precompressed copies.
for (const name of fs.readdirSync(www)) {
  if (/\.min\.(js|css)(\.gz|\.br)?$/.test(name)) fs.rmSync(path.join(www, name));
}

await esbuild.build({
  entryPoints: ENTRIES.map((e) => path.join(www, e)),
  outdir: www, entryNames: "[name].min", chunkNames: "[name]-[hash].min",
  bundle: true, splitting: true, format: "esm", minify: true, target: TARGET,
  sourcemap: false, legalComments: "none", logLevel: "warning", charset: "utf8",
  define: { FARMMAP_BUNDLED_CSS: JSON.stringify("./farm-map.min.css") },
});
await esbuild.build({
  stdin: { contents: '@import "./farmmap.css";\n@import "./network.css";\n', resolveDir: www, loader: "css", sourcefile: "farm-map.css" },
  outfile: path.join(www, "farm-map.min.css"),
  bundle: true, minify: true, target: TARGET, sourcemap: false, logLevel: "warning", charset: "utf8",
});

const glue = path.join(root, "pkg-reader", "farmmap.js");
if (fs.existsSync(glue)) {
  const text = fs.readFileSync(glue, "utf8");
  const { code } = await esbuild.transform(text, { format: "esm", minify: true, target: TARGET, legalComments: "none", charset: "utf8" });
  if (code !== text) fs.writeFileSync(glue, code);
}
const out = fs.readdirSync(www).filter((n) => /\.min\.(js|css)$/.test(n));
console.log(`[bundle] www/: ${out.join(" ")}; www/i18n-{en,ru,kk}.js; pkg-reader/farmmap.js minified`);
