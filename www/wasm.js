// Loading the wasm module: once per page, however many maps there are.
import init from "./pkg/farmmap.js";

/** @type {Promise<unknown> | null} */
let wasmReady = null;

/**
 * Load and instantiate the wasm once; later calls return the same promise.
 * @param {URL | string} [base] where farmmap_bg.wasm is
 * @returns {Promise<unknown>}
 */
export function loadWasm(base = new URL("./pkg/farmmap_bg.wasm", import.meta.url)) {
  wasmReady ??= init({ module_or_path: base });
  return wasmReady;
}
