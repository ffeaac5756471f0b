// The editor's worker, and its one job: check a story's data files (parse and validate the
// farms, entities, links, FtM, BODS) off the page's main thread, with the same wasm the
// page runs, reporting progress as it goes. The page (editor-check.js) ends it to cancel.
// Messages in: {module: WebAssembly.Module, name, text, files}: `files` the data files'
// original bytes by key (the story text names them only), put into the story here
// (`dataFile`) so the page never builds a big file's text or the story's JSON. Out:
// {type: "progress", stage, done, total}, then {type: "done", report, columns, charts, data}
// (data's buffer transferred) or {type: "error", message}; `data` is in pieces (the page
// reads one per task).
import init, { checkStory, dataFile, parseStory, storyToJson } from "./pkg/farmmap.js";

/** @typedef {import("./pkg/farmmap.js").StoryFile} StoryFile */
/** @typedef {{name: string, bytes: Uint8Array, options?: import("./pkg/farmmap.js").FarmsOptions}} WorkerFile a data file's bytes and the story's options for it */
/** @typedef {Partial<Record<"farms" | "entities" | "links" | "ftm" | "bods", WorkerFile>>} Files */

/**
 * The story file with `files` in it (their bytes as `dataFile` keeps them, their options),
 * as the page's story has them.
 * @param {string} name @param {string} text @param {Files} files
 */
function withFiles(name, text, files) {
  const keys = /** @type {(keyof Files)[]} */ (Object.keys(files));
  if (!keys.length) return text;
  const { story, problems } = parseStory(name, text);
  if (!story) throw new Error(problems.map((p) => p.text).join("; "));
  for (const key of keys) {
    const f = files[key];
    if (!f) continue;
    const file = dataFile(f.name, f.bytes);
    story[key] = f.options ? { ...file, options: f.options } : file;
  }
  return storyToJson(story);
}

/** @type {Promise<unknown> | null} */
let ready = null;
/** Progress at most every 50 ms (and at the end of each stage). */
const PROGRESS_MS = 50;

self.addEventListener("message", async (/** @type {MessageEvent<{module: WebAssembly.Module, name: string, text: string, files?: Files}>} */ e) => {
  const { module, name, files = {} } = e.data;
  try {
    ready ??= init({ module_or_path: module });
    await ready;
    const text = withFiles(name, e.data.text, files);
    let last = 0;
    const checked = checkStory(name, text, (p) => {
      const now = performance.now();
      if (now - last < PROGRESS_MS && p.done < p.total) return;
      last = now;
      self.postMessage({ type: "progress", ...p });
    });
    self.postMessage({ type: "done", report: checked.report, columns: checked.columns, charts: checked.charts, data: checked.data }, { transfer: checked.data.map((d) => d.buffer) });
  } catch (err) {
    self.postMessage({ type: "error", message: err instanceof Error ? err.message : String(err) });
  }
});
