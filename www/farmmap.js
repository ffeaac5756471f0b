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
import { translator, pickLanguage } from "./i18n.js";
import { mountViews, applyTheme } from "./layout.js";
import { showPoster } from "./poster.js";

export { loadWasm, compileWasm } from "./wasm.js";
export { fetchStory, publisherPolicy } from "./story-source.js";
export { errorBox } from "./dom.js";
export { pickLanguage, translator } from "./i18n.js";
export { layoutMode, themeMode, WIDE_FROM_PX } from "./layout.js";
export { posterOf, DEMO_POSTER } from "./poster.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./pkg/farmmap.js").ImportReport} ImportReport */
/** @typedef {import("./pkg/farmmap.js").StoryInfo} StoryInfo */

/**
 * @typedef {object} MountOptions
 * @property {boolean} [cooperative] the wheel zooms only with Ctrl/⌘ (an article keeps scrolling)
 * @property {string | null} [storyText] a story file's text; null: the demo built into the wasm
 * @property {string} [storyName] the story file's name, for its problems
 * @property {Uint8Array[]} [checkedData] the story's data already checked (`checkStory`'s `data`, from the editor's worker): its files are not parsed again; read one piece per task
 * @property {boolean} [hash] follow and write the URL hash (#step=<id>)
 * @property {string[]} [allowTiles] where the publisher allows raster tiles from (`https://host`, `self`)
 * @property {(ui: FarmMapUi) => void} [onRemount] called with the new controller after "Reload the map"
 * @property {string} [lang] the interface's language ("en", "ru", "kk"; others fall back to English)
 * @property {import("./layout.js").ThemeMode} [theme] "dark", "light", or "auto" (the reader's setting)
 * @property {import("./layout.js").LayoutMode} [layout] "wide": map and network side by side at any width
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
 * @property {(name: string, bytes: Uint8Array, options?: import("./pkg/farmmap.js").FarmsOptions) => ImportReport | undefined} loadFarms replace the farms (CSV, XLSX/XLS/ODS or GeoJSON; `options` as a story's `farms.options`)
 * @property {import("./layout.js").Views} views the Map | Network switch
 * @property {import("./i18n.js").Translator} i18n this embed's language
 */

/**
 * The page's boxes, in reading order, appended to `root`: the map (and the network, a second
 * view or beside it), the step card, the legend and details, then notes, charts and table.
 * @param {Element | ShadowRoot} root @param {import("./i18n.js").Translator["t"]} t
 */
function buildShell(root, t) {
  const shell = el("div", "fm-shell fm-loading"); // fm-loading: only the map's reserved box shows
  const storyBox = el("section", "fm-story");
  storyBox.setAttribute("aria-label", t("story"));
  storyBox.tabIndex = -1;
  const views = el("div", "fm-views");
  const mapBox = el("div", "fm-map");
  const side = el("aside", "fm-side");
  const legend = el("details", "fm-legend"), exportBox = el("div", "fm-export");
  const details = el("section", "fm-details");
  details.setAttribute("aria-label", t("selectedFarm"));
  side.append(legend, details, exportBox);
  const netBox = el("section", "fm-network");
  netBox.setAttribute("aria-label", t("network"));
  const netCanvas = el("canvas", "fm-net-canvas");
  netCanvas.tabIndex = 0;
  netCanvas.setAttribute("role", "application");
  netCanvas.setAttribute("aria-roledescription", t("networkRole"));
  netBox.append(netCanvas);
  views.append(mapBox, netBox);
  const note = el("p", "fm-note"), attribution = el("p", "fm-attribution");
  note.hidden = true;
  const chartsBox = el("section", "fm-charts");
  chartsBox.setAttribute("aria-label", t("charts"));
  const table = el("details", "fm-table");
  const live = liveRegion();
  shell.append(views, storyBox, side, note, chartsBox, table, attribution, live.node);
  root.append(shell);
  return { shell, storyBox, views, mapBox, legend, details, exportBox, netBox, netCanvas, note, attribution, chartsBox, table, live };
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
  const { storyText = null, storyName = "story.json", allowTiles = [], onRemount } = options;
  const i18n = translator(pickLanguage(options.lang));
  const dom = buildShell(root, i18n.t);
  dom.shell.lang = i18n.lang;
  applyTheme([dom.shell], options.theme ?? "auto");
  const views = mountViews(dom.shell, dom.views, dom.mapBox, dom.netBox, { t: i18n.t, layout: options.layout ?? "auto" });
  const canvas = mapCanvas(i18n.t);
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
  /** @type {ImportReport | null} */
  let storyReport = null;
  if (storyText != null && options.checkedData) {
    const data = new wasm.CheckedDataReader();
    for (const piece of options.checkedData) { data.push(piece); await new Promise((r) => setTimeout(r)); } // a short task each
    storyReport = map.loadCheckedStory(storyName, storyText, data);
    data.free();
  } else if (storyText != null) storyReport = map.loadStory(storyName, storyText); // throws on an unreadable file
  const reload = async () => {
    dom.shell.remove();
    try {
      onRemount?.(await mountFarmMap(root, options));
    } catch (err) {
      root.append(errorBox(err, i18n.t("notShown")));
    }
  };
  const loop = createFrameLoop((t) => map.draw(t), dom.shell, { reload });
  onCrash = loop.fail;
  const ui = mountPanels(dom, { map, loop, canvas, views, i18n, storyReport, options });
  // The live map replaces the poster after its first frame.
  if (poster) requestAnimationFrame(() => requestAnimationFrame(() => poster.remove()));
  return ui;
}

/**
 * The panels on a loaded map, and the controller.
 * @param {ReturnType<typeof buildShell>} dom
 * @param {{map: FarmMap, loop: import("./frame-loop.js").FrameLoop, canvas: HTMLCanvasElement, views: import("./layout.js").Views,
 *   i18n: import("./i18n.js").Translator, storyReport: ImportReport | null, options: MountOptions}} deps
 * @returns {FarmMapUi}
 */
function mountPanels(dom, { map, loop, canvas, views, i18n, storyReport, options }) {
  const { cooperative = false, hash = false } = options;
  const announce = dom.live.announce;
  const pane = mountMapPane(dom.mapBox, canvas, dom.details, { map, loop, announce, cooperative, i18n });
  const legend = mountLegend(dom.legend, map, i18n, views.wide(), loop);
  const exporter = mountExport(dom.exportBox, { map, loop, canvas, parent: dom.shell, announce, i18n });
  updateNote(dom.note, map, i18n);
  updateAttribution(dom.attribution, map, i18n);
  map.attachNetwork(dom.netCanvas);
  const lit = (/** @type {number} */ n) => views.markLit(n > 0 ? i18n.count(n) : "");
  const network = mountNetwork(dom.netBox, dom.netCanvas, { map, loop, announce, selectFarm: pane.select, i18n, lit });
  const charts = mountCharts(dom.chartsBox, { map, loop, announce, i18n });
  const table = mountTable(dom.table, { map, loop, i18n });
  // No network to show (synthetic farms, a farms file alone): no network view, not an empty frame.
  const networkShown = () => views.setNetworkAvailable(map.networkLegend().length > 0);
  networkShown();
  /** After new farms: everything that shows the data. */
  const dataChanged = () => {
    pane.select(undefined);
    legend.update();
    updateNote(dom.note, map, i18n);
    network.refresh();
    networkShown();
    lit(0);
    charts.draw();
    table.refresh();
    loop.requestDraw();
  };
  /** @type {FarmMapUi} */
  const ui = {
    map, canvas, netCanvas: dom.netCanvas, network, charts, storyReport, views, i18n,
    requestDraw: loop.requestDraw, select: pane.select, goTo: (i, o) => nav.goTo(i, o),
    exportPng: exporter.exportPng, exportSvg: exporter.exportSvg,
    get step() { return nav.step(); },
    onStep: undefined,
    loadSynthetic: (n, seed = 1) => {
      loop.guard(() => { map.loadSynthetic(n, seed); dom.storyBox.hidden = true; dataChanged(); })();
    },
    loadFarms: loop.guard((name, bytes, options) => { const report = map.loadFarms(name, bytes, options); dataChanged(); return report; }),
  };
  const nav = mountStoryNav(dom.storyBox, { map, loop, hash, i18n, onStep: (step, i) => ui.onStep?.(step, i) });
  nav.start();
  dom.shell.classList.remove("fm-loading");
  return ui;
}
