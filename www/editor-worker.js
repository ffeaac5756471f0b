// The editor's worker, and its one job: check a story's data files (parse and validate the
// farms, entities, links, FtM, BODS) off the page's main thread, with the same wasm the
// page runs, reporting progress as it goes. The page (editor-check.js) ends it to cancel.
// Messages in: {module: WebAssembly.Module, name, text}. Out: {type: "progress", stage,
// done, total}, then {type: "done", report, columns, data} (data's buffer transferred) or
// {type: "error", message}; `data` is in pieces (the page reads one per task).
import init, { checkStory } from "./pkg/farmmap.js";

/** @type {Promise<unknown> | null} */
let ready = null;
/** Progress at most every 50 ms (and at the end of each stage). */
const PROGRESS_MS = 50;

self.addEventListener("message", async (/** @type {MessageEvent<{module: WebAssembly.Module, name: string, text: string}>} */ e) => {
  const { module, name, text } = e.data;
  try {
    ready ??= init({ module_or_path: module });
    await ready;
    let last = 0;
    const checked = checkStory(name, text, (p) => {
      const now = performance.now();
      if (now - last < PROGRESS_MS && p.done < p.total) return;
      last = now;
      self.postMessage({ type: "progress", ...p });
    });
    self.postMessage({ type: "done", report: checked.report, columns: checked.columns, data: checked.data }, { transfer: checked.data.map((d) => d.buffer) });
  } catch (err) {
    self.postMessage({ type: "error", message: err instanceof Error ? err.message : String(err) });
  }
});
