// Loads farms in slices: calls the wasm's `loadStep` (Rust builds the farms and the cluster
// index a budget of work at a time, src/app/loading.rs) for about SLICE_MS, then gives the
// main thread back so the page keeps drawing and answering gestures, and shows a progress
// bar (role=progressbar) over the map until the new farms are in. The map meanwhile shows
// what it showed before; the last step swaps the new farms in at once.
import { el } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./pkg/farmmap.js").LoadProgress} LoadProgress */
/** @typedef {import("./i18n.js").Translator} Translator */

/** Time a slice may take: well under a 16 ms frame, so a frame and input fit beside it. */
export const SLICE_MS = 8;
/** Work units a `loadStep` call does (~0.1–1 ms): the slice ends at the first call past SLICE_MS. */
const UNITS = 4096;

/**
 * Give the main thread back: a frame, input and the page's other tasks run, then this
 * continues. A posted message, not `scheduler.yield()`: its continuation would go before
 * the page's timers and messages, which would then wait for the whole load.
 */
export function yieldToBrowser() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { channel.port1.close(); resolve(undefined); };
    channel.port2.postMessage(null);
  });
}

/**
 * The progress bar, in `box` (the map's box) while a load runs.
 * @param {Element} box @param {Translator} i18n
 */
function progressBar(box, i18n) {
  const node = el("div", "fm-progress");
  node.setAttribute("role", "progressbar");
  node.setAttribute("aria-valuemin", "0");
  node.setAttribute("aria-valuemax", "100");
  const fill = el("div", "fm-progress-fill");
  const text = el("span", "fm-progress-text");
  node.append(fill, text);
  box.append(node);
  let shown = "";
  return {
    node,
    /** @param {LoadProgress} p */
    update(p) {
      const pct = Math.floor(p.fraction * 100);
      const key = p.phase === "clustering" ? "clusteringFarms" : "loadingFarms";
      const words = i18n.t(key, { n: p.farms, count: i18n.num(p.farms), pct: i18n.num(pct) });
      if (words === shown) return; // the DOM (and assistive technology) hears only changes
      shown = words;
      node.setAttribute("aria-valuenow", String(pct));
      node.setAttribute("aria-valuetext", words);
      node.setAttribute("aria-label", words);
      text.textContent = words;
      /** @type {HTMLElement} */ (fill).style.setProperty("--fm-progress", `${pct}%`);
    },
    remove: () => node.remove(),
  };
}

/**
 * A loader for one map: `run(begin)` calls `begin` (which starts a load in the wasm) and
 * drives it in slices to the end. Resolves with the last step's progress (phase "done", a
 * story's `report`) once the new farms are shown, null when the load was dropped (the map
 * failed, or a later `run` or another load replaced it). The bar shows from the first
 * slice that does not finish the load; `quiet` says nothing when done (a story's first
 * load: the page shows it). Each slice is recorded as a User Timing measure
 * "farmmap:load-slice" (bench/longtasks.mjs reads them).
 * @param {FarmMap} map
 * @param {{box: Element, i18n: Translator, announce: (t: string) => void}} deps
 */
export function sliceLoader(map, { box, i18n, announce }) {
  let latest = 0;
  /** @type {ReturnType<typeof progressBar> | null} */
  let shownBar = null;
  /** @param {() => void} begin @param {{quiet?: boolean}} [opts] @returns {Promise<LoadProgress | null>} */
  const run = async (begin, { quiet = false } = {}) => {
    const id = ++latest;
    let t0 = performance.now(); // the first slice counts starting the load (reading a story file)
    begin();
    shownBar?.remove(); // one bar: the load it showed is dropped
    shownBar = null;
    /** @type {ReturnType<typeof progressBar> | null} */
    let bar = null;
    box.setAttribute("aria-busy", "true");
    performance.mark("farmmap:load-start");
    try {
      for (;;) {
        if (id !== latest) return null; // a later load took over (it drives the wasm's load)
        /** @type {LoadProgress | undefined} */
        let p;
        do p = map.loadStep(UNITS);
        while (p && p.phase !== "done" && p.phase !== "idle" && performance.now() - t0 < SLICE_MS);
        performance.measure("farmmap:load-slice", { start: t0, end: performance.now() });
        if (!p || p.phase === "idle") return null; // the map failed, or something else was loaded
        if (p.phase === "done") {
          performance.mark("farmmap:load-done");
          if (!quiet) announce(i18n.t("farmsLoaded", { n: p.farms, count: i18n.num(p.farms) }));
          return p;
        }
        bar ??= shownBar = progressBar(box, i18n);
        bar.update(p);
        await yieldToBrowser();
        t0 = performance.now();
      }
    } finally {
      bar?.remove();
      if (id === latest) { box.removeAttribute("aria-busy"); shownBar = null; }
    }
  };
  return { run };
}
