// The editor's worker, and its one job: the work on a story's data files that would hold
// the page's main thread (parse and validate the farms, entities, links, FtM, BODS; publish;
// draw the steps' pictures), with the same wasm the page runs. The page (editor-check.js)
// ends it to cancel. Messages in: {module: WebAssembly.Module, job?, name, text, files}:
// `files` the data files' original bytes by key, as Blobs (the story text names them only;
// a Blob crosses without a copy on the page's main thread), read and put into the story here
// (`dataFile`) so the page never builds a big file's text or the story's JSON. `job`:
// - "check" (default): out {type: "progress", stage, done, total}, then {type: "done",
//   report, columns, charts, data} (data's buffers transferred; the page reads one piece
//   per task);
// - "publish": out {type: "done", bytes} — the story file as published (`publishStory`,
//   sources kept), UTF-8, its buffer transferred;
// - "posters" (with width, height): out {type: "done", posters} — `stepPosters`;
// - "rows" (with file: a DataFile, first, last): out {type: "done", rows} — `fileRows`;
// - "rowsCsv" (with file, rows: number[]): out {type: "done", text} — `rowsCsv`;
// or {type: "error", message}.
import init, { checkStory, dataFile, fileRows, parseStory, publishStory, rowsCsv, stepPosters, storyToJson } from "./pkg/farmmap.js";

/** @typedef {import("./pkg/farmmap.js").StoryFile} StoryFile */
/** @typedef {{name: string, blob: Blob, options?: import("./pkg/farmmap.js").FarmsOptions}} WorkerFile a data file's bytes and the story's options for it */
/** @typedef {Partial<Record<"farms" | "entities" | "links" | "ftm" | "bods", WorkerFile>>} Files */

/**
 * The story file with `files` in it (their bytes as `dataFile` keeps them, their options),
 * as the page's story has them.
 * @param {string} name @param {string} text @param {Files} files
 * @returns {Promise<string>}
 */
async function withFiles(name, text, files) {
  const keys = /** @type {(keyof Files)[]} */ (Object.keys(files));
  if (!keys.length) return text;
  const { story, problems } = parseStory(name, text);
  if (!story) throw new Error(problems.map((p) => p.text).join("; "));
  for (const key of keys) {
    const f = files[key];
    if (!f) continue;
    const file = dataFile(f.name, new Uint8Array(await f.blob.arrayBuffer()));
    story[key] = f.options ? { ...file, options: f.options } : file;
  }
  return storyToJson(story);
}

/** @type {Promise<unknown> | null} */
let ready = null;
/** Progress at most every 50 ms (and at the end of each stage). */
const PROGRESS_MS = 50;

/** The story file as published, sources kept (the Download's file). @param {string} name @param {string} text */
function published(name, text) {
  const p = publishStory(name, text, true);
  if (p.text === undefined) throw new Error(p.problems.map((x) => x.text).join("; "));
  return p.text;
}

self.addEventListener("message", async (/** @type {MessageEvent<{module: WebAssembly.Module, job?: "check" | "publish" | "posters" | "rows" | "rowsCsv", name: string, text: string, files?: Files, width?: number, height?: number, file?: import("./pkg/farmmap.js").DataFile, first?: number, last?: number, rows?: number[]}>} */ e) => {
  const { module, name, files = {}, job = "check" } = e.data;
  try {
    ready ??= init({ module_or_path: module });
    await ready;
    if (job === "rows" && e.data.file) {
      self.postMessage({ type: "done", rows: fileRows(e.data.file, e.data.first ?? 1, e.data.last ?? 1) });
      return;
    }
    if (job === "rowsCsv" && e.data.file) {
      self.postMessage({ type: "done", text: rowsCsv(e.data.file, Uint32Array.from(e.data.rows ?? [])) });
      return;
    }
    const text = await withFiles(name, e.data.text, files);
    if (job === "publish") {
      // As UTF-8 bytes, their buffer transferred: the page neither copies nor encodes a big text.
      const bytes = new TextEncoder().encode(published(name, text));
      self.postMessage({ type: "done", bytes }, { transfer: [bytes.buffer] });
      return;
    }
    if (job === "posters") {
      self.postMessage({ type: "done", posters: stepPosters(name, text, e.data.width ?? 700, e.data.height ?? 500) });
      return;
    }
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
