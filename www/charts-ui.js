// The story's charts, drawn by Rust with plotters: only those `map.charts()` lists, with
// Rust's titles. Clicking a bar, or its button in the list under the chart, lights up its
// farms on the map; clicking it again goes back to the step's highlight. Each chart has its
// own guard: one that cannot be drawn says so in its place, the others and the map go on.
import { el, appendAll, panelError, panelGuard } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./pkg/farmmap.js").ChartInfo} ChartInfo */
/** @typedef {import("./pkg/farmmap.js").ChartData} ChartData */
/** @typedef {import("./pkg/farmmap.js").ChartHitMap} ChartHits */
/** @typedef {import("./frame-loop.js").FrameLoop} FrameLoop */
/** @typedef {import("./i18n.js").Translator} Translator */
/** @typedef {{kind: string, key: string}} ActiveBar */
/**
 * @typedef {object} Chart
 * @property {string} kind
 * @property {HTMLCanvasElement} canvas
 * @property {HTMLUListElement} keys
 * @property {HTMLElement} error where this chart's own error goes
 * @property {ChartHits | null} hits
 * @property {Map<string, string>} labels bar key → label, for what is announced
 */

/**
 * @typedef {object} ChartsUi
 * @property {() => void} draw rebuild and draw the charts (after new data or a resize)
 * @property {(kind: string, key: string) => void} select toggle a bar's highlight
 * @property {() => ActiveBar | null} active
 */

/** A figure for one chart. @param {ChartInfo} info @param {Translator["t"]} t @returns {{fig: HTMLElement, chart: Chart}} */
function figure({ kind, title }, t) {
  const fig = el("figure", "fm-chart");
  const canvas = el("canvas", "fm-chart-canvas");
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", title);
  const keys = el("ul", "fm-chart-keys");
  keys.setAttribute("aria-label", t("chartKeys", { title }));
  const error = el("div", "fm-chart-error");
  error.hidden = true;
  fig.append(canvas, keys, error);
  return { fig, chart: { kind, canvas, keys, error, hits: null, labels: new Map() } };
}

/** @param {Chart} c @param {unknown} err @param {string} lead the error's sentence, translated */
function showChartError(c, err, lead) {
  c.hits?.free();
  c.hits = null;
  c.canvas.hidden = true;
  c.keys.replaceChildren();
  c.error.replaceChildren(panelError(err, lead));
  c.error.hidden = false;
}

/**
 * The bar buttons under a chart.
 * @param {Chart} c @param {ChartData} data @param {string | undefined} highlight
 * @param {(kind: string, key: string) => void} select @param {Translator} i18n
 */
function fillKeys(c, data, highlight, select, { t, num }) {
  c.keys.replaceChildren();
  c.labels = new Map(data.bars.map((b) => [b.key, b.label]));
  const bars = data.bars.filter((b) => b.value > 0 || (b.unknown ?? 0) > 0);
  appendAll(c.keys, bars, (b) => {
    const li = el("li");
    const value = c.kind === "capacity" ? t("mw", { n: num(b.value) }) : num(b.value);
    const btn = el("button", "fm-chip", `${b.label}: ${value}${b.unknown ? ` ${t("chartUnknown", { n: b.unknown })}` : ""}`);
    btn.type = "button";
    btn.setAttribute("aria-pressed", String(highlight === b.key));
    btn.addEventListener("click", () => select(c.kind, b.key));
    li.append(btn);
    return li;
  });
}

/**
 * @param {HTMLElement} container
 * @param {{map: FarmMap, loop: FrameLoop, announce: (t: string) => void, i18n: Translator}} deps
 * @returns {ChartsUi}
 */
export function mountCharts(container, { map, loop, announce, i18n }) {
  const { t } = i18n;
  /** @type {Chart[]} */
  let charts = [];
  /** @type {ActiveBar | null} */
  let active = null;
  /** Whether the whole charts box shows an error (the list of charts could not be had). */
  let failed = false;
  const boxGuard = panelGuard(loop, (err) => {
    for (const c of charts) c.hits?.free();
    charts = [];
    failed = true;
    container.replaceChildren(panelError(err, t("panelChart")));
  });
  /** @param {Chart} c */
  const chartGuard = (c) => panelGuard(loop, (err) => showChartError(c, err, t("panelChart")));
  /** The figures for the charts the data support (rebuilt when that list changes). */
  const build = () => {
    const infos = map.charts();
    if (!failed && infos.map((i) => i.kind).join() === charts.map((c) => c.kind).join()) return;
    failed = false;
    const made = infos.map((info) => figure(info, t));
    for (const c of charts) c.hits?.free();
    charts = made.map((m) => m.chart);
    container.replaceChildren();
    appendAll(container, made, (m) => m.fig);
    for (const c of charts) c.canvas.addEventListener("click", chartGuard(c)((e) => {
      const key = c.hits?.keyAtClient(c.canvas, e.clientX, e.clientY);
      if (key) select(c.kind, key);
    }));
  };
  /** @param {Chart} c */
  const drawOne = (c) => chartGuard(c)(() => {
    c.canvas.hidden = false;
    c.error.hidden = true;
    c.error.replaceChildren();
    const dpr = devicePixelRatio || 1;
    c.canvas.width = Math.round((c.canvas.clientWidth || 300) * dpr);
    c.canvas.height = Math.round((c.canvas.clientHeight || 220) * dpr);
    const highlight = active?.kind === c.kind ? active.key : undefined;
    c.hits?.free();
    c.hits = null;
    c.hits = map.paintChart(c.kind, c.canvas, { pixelRatio: dpr, highlight, illustrative: map.illustrativeCount() > 0 });
    fillKeys(c, map.chartData(c.kind), highlight, select, i18n);
  })();
  /** Counts draws: a newer one drops the rest of a spread-out draw. */
  let pending = 0;
  const draw = boxGuard(() => {
    pending += 1;
    build();
    for (const c of charts) drawOne(c);
  });
  /** @type {ChartsUi["select"]} */
  const select = (kind, key) => {
    const c = charts.find((x) => x.kind === kind);
    const run = c ? chartGuard(c) : boxGuard;
    run(() => {
      active = active?.kind === kind && active.key === key ? null : { kind, key };
      if (active) {
        const n = map.highlightBar(kind, key);
        announce(t("chartLit", { n, key: c?.labels.get(key) ?? key }));
      } else {
        map.clearHighlight();
        announce(t("chartCleared"));
      }
      loop.requestDraw();
    })();
    draw();
  };
  // After a resize: the figures at once, then one chart per task (each is a few ms of
  // plotters; the page's first seconds have no long task), after the map's first frame.
  const drawSpread = () => {
    const run = ++pending;
    boxGuard(build)();
    const next = (/** @type {number} */ i) => setTimeout(() => {
      if (run !== pending || i >= charts.length) return;
      drawOne(charts[i]);
      next(i + 1);
    });
    next(0);
  };
  let timer = 0;
  new ResizeObserver(() => { clearTimeout(timer); timer = setTimeout(drawSpread); }).observe(container);
  // The first draw comes from the ResizeObserver, in tasks after the frame that measured it.
  return { draw: () => { draw(); }, select: (k, key) => { select(k, key); }, active: () => active };
}
