// Checking a story's data in the editor's worker (editor-worker.js), and nothing else: one
// check at a time, a progress bar with a Cancel button while it runs. Cancel ends the
// worker at once (the draft is not touched); the next check starts a new one. The wasm is
// compiled once on the page and handed to the worker, not downloaded again.
import { compileWasm } from "./wasm.js";
import { el } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").CheckedStory} CheckedStory */
/** @typedef {import("./pkg/farmmap.js").CheckProgress} CheckProgress */

/** The error a cancelled check rejects with. */
export class CheckCancelled extends Error {
  constructor() { super("the check was cancelled"); this.name = "CheckCancelled"; }
}

const STAGE = { reading: "Reading", checking: "Checking rows of" };

/**
 * @param {HTMLElement} box where the progress bar and Cancel button show while a check runs
 * @param {(text: string) => void} say
 */
export function mountChecker(box, say) {
  /** @type {Worker | null} */
  let worker = null;
  /** @type {((quiet?: boolean) => void) | null} ends the check running now */
  let stop = null;
  const bar = el("progress", "ed-check-bar");
  bar.max = 1;
  bar.value = 0;
  const label = el("span", "ed-check-label", "");
  label.id = "ed-check-label";
  bar.setAttribute("aria-labelledby", label.id);
  const cancel = el("button", "fm-btn fm-btn-text", "Cancel");
  cancel.type = "button";
  cancel.addEventListener("click", () => stop?.());
  cancel.setAttribute("aria-label", "Cancel the check");
  box.replaceChildren(label, bar, cancel);
  box.hidden = true;

  /** @param {string} file @param {CheckProgress} p */
  const show = (file, p) => {
    bar.max = Math.max(1, p.total);
    bar.value = p.done;
    label.textContent = `${STAGE[p.stage]} ${file}: ${Math.round((100 * p.done) / Math.max(1, p.total))}% `;
  };

  /**
   * Check `text` (a story file) in the worker, with `files` (data files' original bytes by
   * key; the worker puts them into the story, see editor-worker.js). Rejects with
   * CheckCancelled when cancelled or replaced by a newer check.
   * @param {string} name @param {string} text @param {string} file what the bar names
   * @param {import("./editor-worker.js").Files} [files]
   * @returns {Promise<CheckedStory>}
   */
  async function run(name, text, file, files = {}) {
    stop?.(true);
    const module = await compileWasm();
    worker ??= new Worker(new URL("./editor-worker.js", import.meta.url), { type: "module" });
    const w = worker;
    box.hidden = false;
    show(file, { stage: "reading", done: 0, total: 1 });
    return new Promise((resolve, reject) => {
      const end = () => { w.removeEventListener("message", onMessage); w.removeEventListener("error", onError); stop = null; box.hidden = true; };
      stop = (quiet) => {
        end(); w.terminate(); if (worker === w) worker = null;
        if (!quiet) say("Check cancelled: the draft is as it was.");
        reject(new CheckCancelled());
      };
      /** @param {MessageEvent} e */
      const onMessage = (e) => {
        const m = e.data;
        if (m.type === "progress") show(file, m);
        else if (m.type === "done") { end(); resolve({ report: m.report, columns: m.columns, charts: m.charts, data: m.data }); }
        else if (m.type === "error") { end(); reject(new Error(m.message)); }
      };
      /** @param {ErrorEvent} e */
      const onError = (e) => { end(); w.terminate(); if (worker === w) worker = null; reject(new Error(e.message || "the check stopped")); };
      w.addEventListener("message", onMessage);
      w.addEventListener("error", onError);
      w.postMessage({ module, name, text, files }); // Blobs: nothing big is copied on this thread
    });
  }
  return { run, cancel: () => stop?.(), get running() { return stop !== null; } };
}
