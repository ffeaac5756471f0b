// farmmap's browser glue: `mountFarmMap` builds the map's UI inside a container (a page, or
// a Shadow root) from the modules below, each with one job, and hands back a controller.
// Text from data is only ever set with textContent; links only with URLs Rust checked.
import { el, errorBox, liveRegion } from "./dom.js";
import { newInstance } from "./wasm.js";
import { createFrameLoop, guardWasm } from "./frame-loop.js";
import { mapCanvas, mountMapPane } from "./map-pane.js";
import { mountStoryNav } from "./story-nav.js";
import { mountExport } from "./export.js";
import { mountTable } from "./table-view.js";
import { mountLegend } from "./legend.js";
import { updateNote, updateAttribution } from "./notes.js";
import { mountNetwork } from "./network-pane.js";
import { mountCharts } from "./charts-ui.js";
import { showPoster } from "./poster.js";

export { loadWasm, compileWasm } from "./wasm.js";
export { fetchStory, publisherPolicy } from "./story-source.js";
export { errorBox } from "./dom.js";
export { posterOf, DEMO_POSTER } from "./poster.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./pkg/farmmap.js").ImportReport} ImportReport */
/** @typedef {import("./pkg/farmmap.js").StoryInfo} StoryInfo */

/**
 * @typedef {object} MountOptions
 * @property {boolean} [cooperative] the wheel zooms only with Ctrl/⌘ (an article keeps scrolling)
 * @property {string | null} [storyText] a story file's text; null: the demo built into the wasm
 * @property {string} [storyName] the story file's name, for its problems
 * @property {boolean} [hash] follow and write the URL hash (#step=<id>)
 * @property {string[]} [allowTiles] where the publisher allows raster tiles from (`https://host`, `self`)
 * @property {(ui: FarmMapUi) => void} [onRemount] called with the new controller after "Reload the map"
 * @property {import("./poster.js").Poster | null} [poster] shown at the map's place until the map's first frame (poster.js)
 */

/**
 * @typedef {object} FarmMapUi
 * @property {FarmMap} map
 * @property {HTMLCanvasElement} canvas
 * @property {HTMLCanvasElement} netCanvas
 * @property {import("./network-pane.js").NetworkPane} network
 * @property {import("./charts-ui.js").ChartsUi} charts
 * @property {() => void} requestDraw
 * @property {(farm: number | undefined) => void} select
 * @property {(i: number, opts?: {animate?: boolean, fromHash?: boolean}) => void} goTo
 * @property {ImportReport | null} storyReport the story's import report (null for the demo)
 * @property {() => Promise<Blob> | undefined} exportPng
 * @property {() => Blob | undefined} exportSvg
 * @property {number} step the current step's index
 * @property {((step: StoryInfo["steps"][number], i: number) => void) | undefined} onStep set to follow steps
 * @property {(n: number, seed?: number) => void} loadSynthetic
 * @property {(name: string, bytes: Uint8Array) => ImportReport | undefined} loadFarms replace the farms (CSV or GeoJSON)
 */

/** The page's boxes, in reading order, appended to `root`. @param {Element | ShadowRoot} root */
function buildShell(root) {
  const shell = el("div", "fm-shell");
  const storyBox = el("section", "fm-story");
  storyBox.setAttribute("aria-label", "Story");
  storyBox.tabIndex = -1;
  const mapBox = el("div", "fm-map");
  const side = el("aside", "fm-side");
  const legend = el("div", "fm-legend"), exportBox = el("div", "fm-export");
  const details = el("section", "fm-details");
  details.setAttribute("aria-label", "Selected farm");
  side.append(legend, details, exportBox);
  const netBox = el("section", "fm-network");
  netBox.setAttribute("aria-label", "Ownership network");
  const netCanvas = el("canvas", "fm-net-canvas");
  netCanvas.tabIndex = 0;
  netCanvas.setAttribute("role", "application");
  netCanvas.setAttribute("aria-roledescription", "network diagram");
  netBox.append(netCanvas);
  const note = el("p", "fm-note"), attribution = el("p", "fm-attribution");
  note.hidden = true;
  const chartsBox = el("section", "fm-charts");
  chartsBox.setAttribute("aria-label", "Charts");
  const table = el("details", "fm-table");
  const live = liveRegion();
  shell.append(storyBox, mapBox, netBox, side, note, chartsBox, table, attribution, live.node);
  root.append(shell);
  return { shell, storyBox, mapBox, legend, details, exportBox, netBox, netCanvas, note, attribution, chartsBox, table, live };
}

/**
 * Build the map UI in `root` (an element or a ShadowRoot), on a wasm instance of its own.
 * Rejects when the wasm cannot load or the story file cannot be read at all. A crash later
 * (a trap or a panic) stops this map only: its error box offers "Reload the map", which
 * builds it again on a fresh instance and hands the new controller to `onRemount`.
 * @param {Element | ShadowRoot} root
 * @param {MountOptions} [options]
 * @returns {Promise<FarmMapUi>}
 */
export async function mountFarmMap(root, options = {}) {
  const { cooperative = false, storyText = null, storyName = "story.json", hash = false, allowTiles = [], onRemount } = options;
  const dom = buildShell(root);
  const canvas = mapCanvas();
  dom.mapBox.append(canvas);
  // Poster first (poster.js): the pre-rendered step while the wasm loads.
  const poster = options.poster ? showPoster(dom.mapBox, options.poster) : null;
  const wasm = await newInstance();
  performance.mark("farmmap:wasm-ready");
  // The palette from this instance (the shared one may be another embed's, or not started).
  for (const { name, value } of wasm.styleVariables()) dom.shell.style.setProperty(name, value);
  /** @type {(err: unknown) => void} */
  let onCrash = () => {}; // before the loop exists, the error rejects the mount instead
  const map = guardWasm(new wasm.FarmMap(canvas), (err) => onCrash(err));
  performance.mark("farmmap:constructed");
  const refused = map.setAllowedTileOrigins(allowTiles);
  if (refused.length) console.warn(`farmmap: allow-tiles entries ignored: ${refused.join("; ")}`);
  const storyReport = storyText != null ? map.loadStory(storyName, storyText) : null; // throws on an unreadable file
  const reload = async () => {
    dom.shell.remove();
    try {
      onRemount?.(await mountFarmMap(root, options));
    } catch (err) {
      root.append(errorBox(err));
    }
  };
  const loop = createFrameLoop((t) => map.draw(t), dom.shell, { reload });
  onCrash = loop.fail;
  const announce = dom.live.announce;
  const pane = mountMapPane(dom.mapBox, canvas, dom.details, { map, loop, announce, cooperative });
  const legend = mountLegend(dom.legend, map);
  const exporter = mountExport(dom.exportBox, { map, loop, canvas, parent: dom.shell, announce });
  updateNote(dom.note, map);
  updateAttribution(dom.attribution, map);
  map.attachNetwork(dom.netCanvas);
  const network = mountNetwork(dom.netBox, dom.netCanvas, { map, loop, announce, selectFarm: pane.select });
  const charts = mountCharts(dom.chartsBox, { map, loop, announce });
  const table = mountTable(dom.table, { map, loop });
  /** After new farms: everything that shows the data. */
  const dataChanged = () => {
    pane.select(undefined);
    legend.update();
    updateNote(dom.note, map);
    network.refresh();
    charts.draw();
    table.refresh();
    loop.requestDraw();
  };
  /** @type {FarmMapUi} */
  const ui = {
    map, canvas, netCanvas: dom.netCanvas, network, charts, storyReport,
    requestDraw: loop.requestDraw, select: pane.select, goTo: (i, o) => nav.goTo(i, o),
    exportPng: exporter.exportPng, exportSvg: exporter.exportSvg,
    get step() { return nav.step(); },
    onStep: undefined,
    loadSynthetic: (n, seed = 1) => {
      loop.guard(() => { map.loadSynthetic(n, seed); dom.storyBox.hidden = true; dataChanged(); })();
    },
    loadFarms: loop.guard((name, bytes) => { const report = map.loadFarms(name, bytes); dataChanged(); return report; }),
  };
  const nav = mountStoryNav(dom.storyBox, { map, loop, hash, onStep: (step, i) => ui.onStep?.(step, i) });
  nav.start();
  if (poster) requestAnimationFrame(() => requestAnimationFrame(() => poster.remove()));
  return ui;
}
