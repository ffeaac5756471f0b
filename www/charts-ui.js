// The story's charts, drawn by Rust with plotters: only those `map.charts()` lists, with
// Rust's titles. Clicking a bar, or its button in the list under the chart, lights up its
// farms on the map; clicking it again goes back to the step's highlight.
import { el, appendAll } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./pkg/farmmap.js").ChartInfo} ChartInfo */
/** @typedef {import("./pkg/farmmap.js").ChartData} ChartData */
/** @typedef {import("./pkg/farmmap.js").ChartHitMap} ChartHits */
/** @typedef {import("./frame-loop.js").FrameLoop} FrameLoop */
/** @typedef {import("./i18n.js").Translator} Translator */
/** @typedef {{kind: string, key: string}} ActiveBar */
/** @typedef {{kind: string, canvas: HTMLCanvasElement, keys: HTMLUListElement, hits: ChartHits | null}} Chart */

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
  fig.append(canvas, keys);
  return { fig, chart: { kind, canvas, keys, hits: null } };
}

/**
 * The bar buttons under a chart.
 * @param {Chart} c @param {ChartData} data @param {string | undefined} highlight
 * @param {(kind: string, key: string) => void} select @param {Translator} i18n
 */
function fillKeys(c, data, highlight, select, { t, num }) {
  c.keys.replaceChildren();
  const bars = data.bars.filter((b) => b.value > 0 || (b.unknown ?? 0) > 0);
  appendAll(c.keys, bars, (b) => {
    const li = el("li");
    const value = data.unit === "MW" ? t("mw", { n: num(b.value) }) : num(b.value);
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
  /** The figures for the charts the data support (rebuilt when that list changes). */
  const build = () => {
    const infos = map.charts();
    if (infos.map((i) => i.kind).join() === charts.map((c) => c.kind).join()) return;
    const made = infos.map((info) => figure(info, t));
    charts = made.map((m) => m.chart);
    container.replaceChildren(...made.map((m) => m.fig));
    for (const c of charts) c.canvas.addEventListener("click", loop.guard((e) => {
      const key = c.hits?.keyAtClient(c.canvas, e.clientX, e.clientY);
      if (key) select(c.kind, key);
    }));
  };
  const draw = loop.guard(() => {
    build();
    const dpr = devicePixelRatio || 1;
    for (const c of charts) {
      c.canvas.width = Math.round((c.canvas.clientWidth || 300) * dpr);
      c.canvas.height = Math.round((c.canvas.clientHeight || 220) * dpr);
      const highlight = active?.kind === c.kind ? active.key : undefined;
      c.hits?.free();
      c.hits = map.paintChart(c.kind, c.canvas, { pixelRatio: dpr, highlight, illustrative: map.illustrativeCount() > 0 });
      fillKeys(c, map.chartData(c.kind), highlight, select, i18n);
    }
  });
  const select = loop.guard(/** @type {ChartsUi["select"]} */ (kind, key) => {
    active = active?.kind === kind && active.key === key ? null : { kind, key };
    if (active) {
      const n = map.highlightBar(kind, key);
      announce(t("chartLit", { n, key }));
    } else {
      map.clearHighlight();
      announce(t("chartCleared"));
    }
    draw();
    loop.requestDraw();
  });
  let pending = 0;
  new ResizeObserver(() => { cancelAnimationFrame(pending); pending = requestAnimationFrame(() => draw()); }).observe(container);
  // The first draw comes from the ResizeObserver, after the map's first frame.
  return { draw: () => { draw(); }, select: (k, key) => { select(k, key); }, active: () => active };
}
