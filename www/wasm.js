// Loading the wasm: the module is downloaded and compiled once per page; every embed gets
// its own instance (its own memory), so a crash in one leaves the others running.
//
// Two builds (scripts/build.sh): the reader's, `pkg-reader/` (the default: `FarmMap` and
// the palette; published stories only, no importer), and the full one, `pkg/` (the
// importers, the editor's functions, the engines). A page asks for the full build with
// `<meta name="farmmap-build" content="full">` (editor.html does) or `selectBuild("full")`
// before anything loads.
//
// wasm-bindgen's glue keeps its instance in module scope, so each instance imports the glue
// under its own URL (`farmmap.js?instance=N`: a separate module record) and initialises it
// with the shared compiled `WebAssembly.Module` (no second download or compile of the
// wasm). The glue without a query is the shared instance for free functions (the editor's
// decoder and story schema, which it imports from `./pkg/farmmap.js`), started by `loadWasm`.
//
// The reader's wasm has no interface strings of its own: `provideCatalogue` hands an
// instance the languages this page loaded (i18n.js) before any word is looked up. The full
// build has them compiled in.

import { loadedCatalogueJson, loadedLanguages } from "./i18n.js";

/** @typedef {typeof import("./pkg/farmmap.js")} WasmApi */
/** @typedef {"reader" | "full"} Build */

/** Where each build is, next to this module. */
const BUILDS = { reader: "./pkg-reader/", full: "./pkg/" };

/** The page's choice: `<meta name="farmmap-build" content="full">`, else the reader's. @returns {Build} */
function pageBuild() {
  const meta = globalThis.document?.querySelector('meta[name="farmmap-build"]')?.getAttribute("content");
  return meta?.trim() === "full" ? "full" : "reader";
}

/** @type {Build} */
let build = pageBuild();

/** @type {Promise<WebAssembly.Module> | null} */
let compiled = null;

/**
 * Hand an instance of the reader's build the interface's words loaded so far (i18n.js's
 * `loadLanguage`) before Rust writes any word in them; again when a language is added later
 * (Rust keeps each language's words from the first time they come). The full build has its
 * own catalogue, which stays. Returns the languages the instance now has words for.
 * @param {WasmApi} api
 * @returns {import("./i18n.js").Lang[]}
 */
export function provideCatalogue(api) {
  if (build !== "reader") return ["en", "ru", "kk"];
  api.provideCatalogue(loadedCatalogueJson());
  return loadedLanguages();
}

/** @type {Promise<unknown> | null} */
let wasmReady = null;
/**
 * Instances counted page-wide: a page may hold two copies of this module (a bundle, and the
 * modules a page imports itself), and each instance needs a glue URL of its own.
 */
const INSTANCES = Symbol.for("farmmap.wasmInstances");

/**
 * Use `name`'s build on this page (before the wasm loads; later it is too late, and throws).
 * @param {Build} name
 */
export function selectBuild(name) {
  if (name === build) return;
  if (compiled) throw new Error(`the ${build} build is already loading; choose the build before the first map`);
  build = name;
}

/** The build this page uses. @returns {Build} */
export function currentBuild() {
  return build;
}

/** An address in the chosen build's folder. @param {string} file */
const inBuild = (file) => new URL(BUILDS[build] + file, import.meta.url);

/**
 * Download and compile the wasm once; later calls return the same promise.
 * @returns {Promise<WebAssembly.Module>}
 */
export function compileWasm() {
  compiled ??= (async () => {
    const res = await fetch(inBuild("farmmap_bg.wasm"));
    if (!res.ok) throw new Error(`the map's code could not be loaded (HTTP ${res.status})`);
    // compileStreaming needs the application/wasm type; a server without it still works.
    if (res.headers.get("content-type")?.startsWith("application/wasm")) return WebAssembly.compileStreaming(res);
    return WebAssembly.compile(await res.arrayBuffer());
  })();
  compiled.catch(() => { compiled = null; });
  return compiled;
}

/**
 * Start the shared instance (for the free functions); later calls return the same promise.
 * @returns {Promise<unknown>}
 */
export function loadWasm() {
  wasmReady ??= compileWasm().then(async (module) => {
    /** @type {WasmApi} */
    const api = await import(inBuild("farmmap.js").href);
    const exports = await api.default({ module_or_path: module });
    provideCatalogue(api);
    return exports;
  });
  return wasmReady;
}

/**
 * A new instance of its own for one embed (or one reload of it), without its words yet
 * (`provideCatalogue`).
 * @returns {Promise<WasmApi>}
 */
export async function newInstance() {
  const module = await compileWasm();
  const page = /** @type {{[INSTANCES]?: number}} */ (globalThis);
  const n = (page[INSTANCES] ?? 0) + 1;
  page[INSTANCES] = n;
  /** @type {WasmApi} */
  const api = await import(inBuild(`farmmap.js?instance=${n}`).href);
  await api.default({ module_or_path: module });
  return api;
}
