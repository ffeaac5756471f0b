// Publishing off the page's main thread, and nothing else: the Download's story file
// (`publishStory`), the publish kit's pictures (`stepPosters`), and the rows of a file the
// problems panel shows or gives back (`fileRows`, `rowsCsv`) are made in a worker of
// their own (editor-worker.js, the same wasm, handed the compiled module), so a
// 100,000-row story never freezes the page. One job at a time, in order; a check's Cancel
// does not touch it.
import { compileWasm } from "./wasm.js";

/** @typedef {import("./pkg/farmmap.js").StepPoster} StepPoster */
/** @typedef {{text: string, files: import("./editor-worker.js").Files}} WorkerStory the story file without the uploaded files' bytes, and those bytes by key */

export function mountJobs() {
  /** @type {Worker | null} */
  let worker = null;
  /** @type {Promise<unknown>} the job before (jobs run one after another) */
  let queue = Promise.resolve();

  /**
   * Run one job in the worker.
   * @param {Record<string, unknown>} message
   * @returns {Promise<any>}
   */
  function run(message) {
    const job = queue.then(async () => {
      const module = await compileWasm();
      worker ??= new Worker(new URL("./editor-worker.js", import.meta.url), { type: "module" });
      const w = worker;
      return new Promise((resolve, reject) => {
        const end = () => { w.removeEventListener("message", onMessage); w.removeEventListener("error", onError); };
        /** @param {MessageEvent} e */
        const onMessage = (e) => {
          if (e.data.type === "done") { end(); resolve(e.data); }
          else if (e.data.type === "error") { end(); reject(new Error(e.data.message)); }
        };
        /** @param {ErrorEvent} e */
        const onError = (e) => { end(); w.terminate(); if (worker === w) worker = null; reject(new Error(e.message || "the worker stopped")); };
        w.addEventListener("message", onMessage);
        w.addEventListener("error", onError);
        w.postMessage({ module, name: "story.json", ...message });
      });
    });
    queue = job.catch(() => {});
    return job;
  }

  return {
    /** The story file as published (sources kept), UTF-8. @param {WorkerStory} s @returns {Promise<Uint8Array>} */
    publish: async (s) => (await run({ job: "publish", text: s.text, files: s.files })).bytes,
    /**
     * Every step as a picture on a `width` × `height` map.
     * @param {WorkerStory} s @param {string} name the story file's name @param {number} width @param {number} height
     * @returns {Promise<StepPoster[]>}
     */
    posters: async (s, name, width, height) => (await run({ job: "posters", name, text: s.text, files: s.files, width, height })).posters,
    /**
     * Rows `first` to `last` of a data file, decoded (any format), with its header.
     * @param {import("./pkg/farmmap.js").DataFile} file @param {number} first @param {number} last
     * @returns {Promise<import("./pkg/farmmap.js").FileRows>}
     */
    rows: async (file, first, last) => (await run({ job: "rows", file, first, last })).rows,
    /**
     * The header and `rows` of a data file as CSV (UTF-8 with a BOM).
     * @param {import("./pkg/farmmap.js").DataFile} file @param {number[]} rows
     * @returns {Promise<string>}
     */
    rowsCsv: async (file, rows) => (await run({ job: "rowsCsv", file, rows })).text,
  };
}
