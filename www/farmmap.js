// farmmap's browser glue: `mountFarmMap` builds the map's UI inside a container (a page, or
// a Shadow root) from the modules below, each with one job, and hands back a controller.
// Text from data is only ever set with textContent; links only with URLs Rust checked.
import { el, errorBox, liveRegion } from "./dom.js";
import { newInstance, provideCatalogue } from "./wasm.js";
import { createFrameLoop, guardWasm } from "./frame-loop.js";
import { mapCanvas, nameMapCanvas, mountMapPane } from "./map-pane.js";
import { mountStoryNav } from "./story-nav.js";
import { mountExport } from "./export.js";
import { mountTable } from "./table-view.js";
import { mountLegend } from "./legend.js";
import { updateNote, updateAttribution } from "./notes.js";
import { mountNetwork } from "./network-pane.js";
import { mountCharts } from "./charts-ui.js";
import { translator, pickLanguage, loadLanguage } from "./i18n.js";
import { mountViews, applyTheme } from "./layout.js";
import { showPoster } from "./poster.js";
import { sliceLoader, yieldToBrowser } from "./loading.js";
import { fetchDemoStory } from "./story-source.js";

export { loadWasm, compileWasm, selectBuild, currentBuild } from "./wasm.js";
export { fetchStory, publisherPolicy } from "./story-source.js";
export { errorBox } from "./dom.js";
export { pickLanguage, translator, loadLanguage } from "./i18n.js";
export { layoutMode, themeMode, WIDE_FROM_PX } from "./layout.js";
export { posterOf, DEMO_POSTER } from "./poster.js";

/** How long the wasm waits for the poster to arrive before it is asked for anyway. */
const POSTER_WAIT_MS = 3000;

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./pkg/farmmap.js").ImportReport} ImportReport */
/** @typedef {import("./pkg/farmmap.js").StoryInfo} StoryInfo */

/**
 * @typedef {object} MountOptions
 * @property {boolean} [cooperative] the wheel zooms only with Ctrl/⌘ (an article keeps scrolling)
 * @property {string | null} [storyText] a story file's text; null: the demo story (fetched from this site)
 * @property {string} [storyName] the story file's name, for its problems
 * @property {Uint8Array[]} [checkedData] the story's data already checked (`checkStory`'s `data`, from the editor's worker): its files are not parsed again; read one piece per task
 * @property {boolean} [hash] follow and write the URL hash (#step=<id>)
 * @property {string[]} [allowTiles] where the publisher allows raster tiles from (`https://host`, `self`)
 * @property {(ui: FarmMapUi) => void} [onRemount] called with the new controller after "Reload the map"
 * @property {string} [lang] the publisher's choice of interface language ("en", "ru", "kk"; others are ignored): wins over the story's `language`
 * @property {string} [pageLang] the page's language, used when neither the publisher nor the story names one (else English)
 * @property {string} [storyLang] the story's language when known before it loads (the interface's words are downloaded for it first)
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
 * @property {(n: number, seed?: number) => Promise<boolean>} loadSynthetic N seeded synthetic farms, made and clustered
 *   in slices (loading.js) under a progress bar; resolves true once they are shown
 * @property {(name: string, bytes: Uint8Array, options?: import("./pkg/farmmap.js").FarmsOptions) => ImportReport | undefined} loadFarms replace the farms (CSV, XLSX/XLS/ODS or GeoJSON; `options` as a story's `farms.options`)
 * @property {import("./layout.js").Views} views the Map | Network switch
 * @property {import("./i18n.js").Translator} i18n this embed's language
 */

/**
 * The page's boxes, in reading order, appended to `root`: the map (and the network, a second
 * view or beside it), the step card, the legend and details, then notes, charts and table.
 * Their names are set by `nameShell` once the language is known.
 * @param {Element | ShadowRoot} root
 */
function buildShell(root) {
  const shell = el("div", "fm-shell fm-loading"); // fm-loading: only the map's reserved box shows
  const storyBox = el("section", "fm-story");
  storyBox.tabIndex = -1;
  const views = el("div", "fm-views");
  const mapBox = el("div", "fm-map");
  const side = el("aside", "fm-side");
  const legend = el("details", "fm-legend"), exportBox = el("div", "fm-export");
  const details = el("section", "fm-details");
  side.append(legend, details, exportBox);
  const netBox = el("section", "fm-network");
  const netCanvas = el("canvas", "fm-net-canvas");
  netCanvas.tabIndex = 0;
  netCanvas.setAttribute("role", "application");
  netBox.append(netCanvas);
  views.append(mapBox, netBox);
  const note = el("p", "fm-note"), attribution = el("p", "fm-attribution");
  note.hidden = true;
  const chartsBox = el("section", "fm-charts");
  const table = el("details", "fm-table");
  const live = liveRegion();
  shell.append(views, storyBox, side, note, chartsBox, table, attribution, live.node);
  root.append(shell);
  return { shell, storyBox, views, mapBox, legend, details, exportBox, netBox, netCanvas, note, attribution, chartsBox, table, live };
}

/**
 * The shell's names in the embed's language.
 * @param {ReturnType<typeof buildShell>} dom @param {import("./i18n.js").Translator} i18n
 */
function nameShell(dom, { lang, t }) {
  dom.shell.lang = lang;
  dom.storyBox.setAttribute("aria-label", t("story"));
  dom.details.setAttribute("aria-label", t("selectedFarm"));
  dom.netBox.setAttribute("aria-label", t("network"));
  dom.netCanvas.setAttribute("aria-roledescription", t("networkRole"));
  dom.chartsBox.setAttribute("aria-label", t("charts"));
}

/**
 * The canvases and the legend's colours follow the page's theme: Rust's palette for it
 * (styleVariables, setTheme), now and whenever the reader's setting changes, and light for
 * print (drawn at once: a printed page takes no animation frame).
 * @param {HTMLElement} shell @param {FarmMap} map @param {import("./wasm.js").WasmApi} wasm
 * @param {import("./layout.js").ThemeMode} mode @param {() => void} redraw draw now
 * @param {AbortSignal} signal stops following (the map is rebuilt)
 */
function followTheme(shell, map, wasm, mode, redraw, signal) {
  applyTheme([shell], mode, (dark) => {
    const theme = dark ? "dark" : "light";
    for (const { name, value } of wasm.styleVariables(theme)) shell.style.setProperty(name, value);
    map.setTheme(theme);
    redraw();
  }, signal);
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
  const { allowTiles = [], onRemount } = options;
  // No story given: the demo's file, fetched while the wasm loads (it is not in the wasm).
  const demo = options.storyText == null ? fetchDemoStory() : null;
  demo?.catch(() => {}); // reported below
  // A first guess (the publisher's or the page's) until the story names its language; its
  // words are downloaded unless English (i18n.js; <farm-map> asked for them already).
  const guess = pickLanguage(options.lang, options.storyLang, options.pageLang);
  await loadLanguage(guess);
  let i18n = translator(guess);
  const dom = buildShell(root);
  nameShell(dom, i18n);
  // Everything this mount listens to on the page stops when the map is rebuilt.
  const mounted = new AbortController();
  applyTheme([dom.shell], options.theme ?? "auto", undefined, mounted.signal);
  const views = mountViews(dom.shell, dom.views, dom.mapBox, dom.netBox, { t: i18n.t, layout: options.layout ?? "auto" });
  const canvas = mapCanvas(i18n.t);
  dom.mapBox.append(canvas);
  // Poster first (poster.js): the pre-rendered step while the wasm loads.
  const poster = options.poster ? showPoster(dom.mapBox, options.poster) : null;
  // The poster is in and painted before the wasm is asked for (it would share the reader's
  // connection with the poster) and before the instance starts (main-thread work).
  if (poster) {
    // A poster that cannot load, or is slow, does not hold the map for long.
    await Promise.race([poster.decode().catch(() => {}), new Promise((ok) => setTimeout(ok, POSTER_WAIT_MS))]);
    await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  }
  const wasm = await newInstance();
  // The guess's words (and any other this page loaded), before Rust writes any.
  const worded = provideCatalogue(wasm);
  performance.mark("farmmap:wasm-ready");
  const storyText = demo ? await demo : /** @type {string} */ (options.storyText);
  const storyName = demo ? "kazakhstan-2022.json" : options.storyName ?? "story.json";
  await yieldToBrowser(); // every step below is a short task of its own (Lighthouse's TBT)
  /** @type {(err: unknown) => void} */
  let onCrash = () => {}; // before the loop exists, the error rejects the mount instead
  const map = guardWasm(new wasm.FarmMap(canvas), (err) => onCrash(err));
  performance.mark("farmmap:constructed");
  await yieldToBrowser();
  const refused = map.setAllowedTileOrigins(allowTiles);
  if (refused.length) console.warn(`farmmap: allow-tiles entries ignored: ${refused.join("; ")}`);
  /** @type {ImportReport | null} */
  let storyReport = null;
  // The story's farms are made ready in slices (loading.js), a bar over the map meanwhile.
  const storyLoader = sliceLoader(map, { box: dom.mapBox, i18n, announce: dom.live.announce });
  if (options.checkedData && !demo) {
    const data = new wasm.CheckedDataReader();
    for (const piece of options.checkedData) { data.push(piece); await new Promise((r) => setTimeout(r)); } // a short task each
    storyReport = (await storyLoader.run(() => map.beginCheckedStory(storyName, storyText, data), { quiet: true }))?.report ?? null;
    data.free();
  } else { // throws on an unreadable file
    storyReport = (await storyLoader.run(() => map.beginStory(storyName, storyText), { quiet: true }))?.report ?? null;
  }
  await yieldToBrowser();
  // The interface's language by Rust's one rule: the publisher's, else the story's, else the page's.
  const lang = pickLanguage(map.chooseLanguage(options.lang ?? "", options.pageLang ?? ""));
  await loadLanguage(lang); // the page's words for it (at once when it was the guess)
  // A language the story named (neither the publisher nor the page did): its words, too,
  // before Rust writes any in it (Rust takes each language's words the first time they come).
  if (!worded.includes(lang)) provideCatalogue(wasm);
  const relabel = lang !== i18n.lang;
  i18n = translator(lang, wasm); // numbers by Rust's rules from here on
  if (relabel) {
    nameShell(dom, i18n);
    views.rename(i18n.t);
    nameMapCanvas(canvas, i18n.t);
  }
  /** @type {() => void} */
  let redraw = () => {};
  // The palette from this instance (the shared one may be another embed's, or not started).
  followTheme(dom.shell, map, wasm, options.theme ?? "auto", () => redraw(), mounted.signal);
  const reload = async () => {
    mounted.abort();
    dom.shell.remove();
    try {
      onRemount?.(await mountFarmMap(root, options));
    } catch (err) {
      root.append(errorBox(err, i18n.t("notShown")));
    }
  };
  const loop = createFrameLoop((t) => map.draw(t), dom.shell, { reload, t: i18n.t });
  onCrash = loop.fail;
  // A theme change draws at once (a printed page takes no animation frame), then as usual.
  redraw = () => { if (!loop.broken()) { loop.guard(() => map.draw(performance.now()))(); loop.requestDraw(); } };
  await yieldToBrowser();
  const ui = await mountPanels(dom, { map, loop, canvas, views, i18n, storyReport, options });
  // The live map replaces the poster after its first frame.
  if (poster) requestAnimationFrame(() => requestAnimationFrame(() => poster.remove()));
  return ui;
}

/**
 * The network is laid out and drawn only once its view shows (on a phone or in a column it
 * is the second view): until then a frame is the map's alone, and the page's first seconds
 * carry no layout work. Its canvas is sized when it shows (network-pane.js observes it).
 * @param {FarmMap} map @param {HTMLElement} netBox @param {HTMLCanvasElement} netCanvas
 * @param {import("./frame-loop.js").FrameLoop} loop
 */
function attachNetworkWhenShown(map, netBox, netCanvas, loop) {
  const attach = loop.guard(() => { map.attachNetwork(netCanvas); loop.requestDraw(); });
  if (!netBox.hidden) { attach(); return; }
  const watch = new MutationObserver(() => {
    if (netBox.hidden) return;
    watch.disconnect();
    attach();
  });
  watch.observe(netBox, { attributes: true, attributeFilter: ["hidden"] });
}

/**
 * The panels on a loaded map, and the controller: the map's pane first (its first frame),
 * then the rest, each group a short task of its own.
 * @param {ReturnType<typeof buildShell>} dom
 * @param {{map: FarmMap, loop: import("./frame-loop.js").FrameLoop, canvas: HTMLCanvasElement, views: import("./layout.js").Views,
 *   i18n: import("./i18n.js").Translator, storyReport: ImportReport | null, options: MountOptions}} deps
 * @returns {Promise<FarmMapUi>}
 */
async function mountPanels(dom, { map, loop, canvas, views, i18n, storyReport, options }) {
  const { cooperative = false, hash = false } = options;
  const announce = dom.live.announce;
  const pane = mountMapPane(dom.mapBox, canvas, dom.details, { map, loop, announce, cooperative, i18n });
  // The first step before the map's first frame (the pane's size observer asks for it).
  /** @type {FarmMapUi | null} */
  let controller = null;
  const nav = mountStoryNav(dom.storyBox, { map, loop, hash, i18n, onStep: (step, i) => controller?.onStep?.(step, i) });
  nav.start();
  await yieldToBrowser();
  const legend = mountLegend(dom.legend, map, i18n, views.wide(), loop);
  const exporter = mountExport(dom.exportBox, { map, loop, canvas, parent: dom.shell, announce, i18n });
  updateNote(dom.note, map, i18n);
  updateAttribution(dom.attribution, map, i18n);
  attachNetworkWhenShown(map, dom.netBox, dom.netCanvas, loop);
  const lit = (/** @type {number} */ n) => views.markLit(n > 0 ? i18n.count(n) : "");
  await yieldToBrowser();
  const network = mountNetwork(dom.netBox, dom.netCanvas, { map, loop, announce, selectFarm: pane.select, i18n, lit });
  await yieldToBrowser();
  const charts = mountCharts(dom.chartsBox, { map, loop, announce, i18n });
  const loader = sliceLoader(map, { box: dom.mapBox, i18n, announce });
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
    loadSynthetic: async (n, seed = 1) => {
      const shown = (await loader.run(() => map.beginSynthetic(n, seed))) !== null;
      if (shown) loop.guard(() => { dom.storyBox.hidden = true; dataChanged(); })();
      return shown;
    },
    loadFarms: loop.guard((name, bytes, options) => { const report = map.loadFarms(name, bytes, options); dataChanged(); return report; }),
  };
  controller = ui;
  dom.shell.classList.remove("fm-loading");
  return ui;
}
