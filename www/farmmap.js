// farmmap's browser glue: `mountFarmMap` builds the map's UI inside a container (a page, or
// a Shadow root) from the modules below, each with one job, and hands back a controller.
// Text from data is only ever set with textContent; links only with URLs Rust checked.
import { FarmMap } from "./pkg/farmmap.js";
import { el, liveRegion } from "./dom.js";
import { loadWasm } from "./wasm.js";
import { createFrameLoop } from "./frame-loop.js";
import { mapCanvas, mountMapPane } from "./map-pane.js";
import { mountStoryNav } from "./story-nav.js";
import { mountExport } from "./export.js";
import { mountTable } from "./table-view.js";
import { applyStyleVariables, mountLegend } from "./legend.js";
import { updateNote, updateAttribution } from "./notes.js";
import { mountNetwork } from "./network-pane.js";
import { mountCharts } from "./charts-ui.js";

export { loadWasm } from "./wasm.js";
export { fetchStory } from "./story-source.js";
export { errorBox } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").ImportReport} ImportReport */
/** @typedef {import("./pkg/farmmap.js").StoryInfo} StoryInfo */

/**
 * @typedef {object} MountOptions
 * @property {boolean} [cooperative] the wheel zooms only with Ctrl/⌘ (an article keeps scrolling)
 * @property {string | null} [storyText] a story file's text; null: the demo built into the wasm
 * @property {string} [storyName] the story file's name, for its problems
 * @property {boolean} [hash] follow and write the URL hash (#step=<id>)
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
 * Build the map UI in `root` (an element or a ShadowRoot). Rejects when the wasm cannot load
 * or the story file cannot be read at all.
 * @param {Element | ShadowRoot} root
 * @param {MountOptions} [options]
 * @returns {Promise<FarmMapUi>}
 */
export async function mountFarmMap(root, { cooperative = false, storyText = null, storyName = "story.json", hash = false } = {}) {
  const dom = buildShell(root);
  const canvas = mapCanvas();
  dom.mapBox.append(canvas);
  await loadWasm();
  performance.mark("farmmap:wasm-ready");
  applyStyleVariables(dom.shell);
  const map = new FarmMap(canvas);
  performance.mark("farmmap:constructed");
  const storyReport = storyText != null ? map.loadStory(storyName, storyText) : null; // throws on an unreadable file
  const loop = createFrameLoop((t) => map.draw(t), dom.shell);
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
  return ui;
}
