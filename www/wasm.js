// Loading the wasm: the module is downloaded and compiled once per page; every embed gets
// its own instance (its own memory), so a crash in one leaves the others running.
//
// wasm-bindgen's glue keeps its instance in module scope, so each instance imports the glue
// under its own URL (`pkg/farmmap.js?instance=N`: a separate module record) and initialises
// it with the shared compiled `WebAssembly.Module` (no second download or compile of the
// wasm). The static `./pkg/farmmap.js` is the shared instance for free functions (the
// editor's decoder and story schema), started by `loadWasm`.
import init from "./pkg/farmmap.js";

/** @typedef {typeof import("./pkg/farmmap.js")} WasmApi */

const WASM_URL = new URL("./pkg/farmmap_bg.wasm", import.meta.url);

/** @type {Promise<WebAssembly.Module> | null} */
let compiled = null;
/** @type {Promise<unknown> | null} */
let wasmReady = null;
let instances = 0;

/**
 * Download and compile the wasm once; later calls return the same promise.
 * @returns {Promise<WebAssembly.Module>}
 */
export function compileWasm() {
  compiled ??= (async () => {
    const res = await fetch(WASM_URL);
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
  wasmReady ??= compileWasm().then((module) => init({ module_or_path: module }));
  return wasmReady;
}

/**
 * A new instance of its own for one embed (or one reload of it).
 * @returns {Promise<WasmApi>}
 */
export async function newInstance() {
  const module = await compileWasm();
  instances += 1;
  /** @type {WasmApi} */
  const api = await import(`./pkg/farmmap.js?instance=${instances}`);
  await api.default({ module_or_path: module });
  return api;
}
