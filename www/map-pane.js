// The map pane: the canvas with its tooltip, zoom buttons and wheel hint; hover, tap and
// keyboard focus on farms and clusters; the selected farm's details. Gestures go through the
// shared pan-zoom controller; picking, focus order and clusters are Rust's.
import { el, button, motion, now, observeSize, appendAll } from "./dom.js";
import { PanZoom } from "./pan-zoom.js";
import { farmTooltipLines, renderDetails, farmFocusText } from "./farm-details.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./pkg/farmmap.js").MapItem} MapItem */
/** @typedef {import("./frame-loop.js").FrameLoop} FrameLoop */
/** @typedef {import("./pan-zoom.js").Point} Point */
/** @typedef {import("./i18n.js").Translator} Translator */

/**
 * @typedef {object} MapPane
 * @property {(farm: number | undefined) => void} select select a farm (undefined: none)
 * @property {() => number | undefined} selected
 */

/** @param {PointerEvent} e */
const slop = (e) => (e.pointerType === "mouse" ? 2 : 10);

/** The map's canvas, focusable, with its role and keyboard help. @param {Translator["t"]} t */
export function mapCanvas(t) {
  const canvas = el("canvas", "fm-canvas");
  canvas.tabIndex = 0;
  canvas.setAttribute("role", "application");
  nameMapCanvas(canvas, t);
  return canvas;
}

/** The canvas' role and keyboard help in a language. @param {HTMLCanvasElement} canvas @param {Translator["t"]} t */
export function nameMapCanvas(canvas, t) {
  canvas.setAttribute("aria-roledescription", t("mapRole"));
  canvas.setAttribute("aria-label", t("mapLabel"));
}

/**
 * The tooltip, buttons and hint, appended to `box` after the canvas.
 * @param {HTMLElement} box @param {HTMLCanvasElement} canvas @param {Translator["t"]} t
 */
function buildDom(box, canvas, t) {
  const tooltip = el("div", "fm-tooltip");
  tooltip.hidden = true;
  tooltip.setAttribute("role", "tooltip");
  const controls = el("div", "fm-controls");
  const zoomIn = button("+", t("zoomIn")), zoomOut = button("−", t("zoomOut")), reset = button("⌂", t("resetView"));
  controls.append(zoomIn, zoomOut, reset);
  const hint = el("div", "fm-hint", t("wheelHint"));
  hint.hidden = true;
  box.append(canvas, tooltip, controls, hint);
  return { tooltip, hint, controls, buttons: { zoomIn, zoomOut, reset } };
}

/**
 * Show `lines` in the tooltip next to (x, y); the first line is bold.
 * @param {HTMLElement} tooltip @param {HTMLElement} box @param {string[]} lines
 * @param {number} x @param {number} y
 */
function placeTooltip(tooltip, box, lines, x, y) {
  tooltip.replaceChildren();
  appendAll(tooltip, lines, (t, k) => el(k === 0 ? "strong" : "div", null, t));
  tooltip.hidden = false;
  tooltip.style.left = `${Math.min(x + 14, box.clientWidth - tooltip.offsetWidth - 4)}px`;
  tooltip.style.top = `${Math.max(4, y - tooltip.offsetHeight - 10)}px`;
}

/**
 * In cooperative mode (an article) the plain wheel scrolls the page and a hint says how to
 * zoom; returns whether a wheel event zooms.
 * @param {HTMLElement} hint @param {boolean} cooperative
 */
function wheelGate(hint, cooperative) {
  let timer = 0;
  return (/** @type {WheelEvent} */ e) => {
    if (!cooperative || e.ctrlKey || e.metaKey) return true;
    hint.hidden = false;
    clearTimeout(timer);
    timer = window.setTimeout(() => { hint.hidden = true; }, 1200);
    return false;
  };
}

/**
 * What a screen reader hears when a marker gets keyboard focus.
 * @param {FarmMap} map @param {MapItem} item @param {Translator} i18n
 */
function focusText(map, item, i18n) {
  return item.kind === "cluster" ? i18n.t("clusterFocus", { n: item.count, summary: map.clusterSummary(item.cluster) })
    : farmFocusText(map.farm(item.farm), i18n);
}

/**
 * @param {HTMLElement} box the map's box
 * @param {HTMLCanvasElement} canvas from `mapCanvas()`, the one FarmMap draws on
 * @param {HTMLElement} details the selected farm's panel
 * @param {{map: FarmMap, loop: FrameLoop, announce: (text: string) => void, cooperative: boolean, i18n: Translator}} deps
 * @returns {MapPane}
 */
export function mountMapPane(box, canvas, details, { map, loop, announce, cooperative, i18n }) {
  const { t } = i18n;
  const { tooltip, hint, controls, buttons } = buildDom(box, canvas, t);
  /** @type {number | undefined} */
  let hovered;
  /** @type {number | undefined} */
  let selected;
  /** @param {MapItem | undefined} item @param {Point} p */
  const showTooltip = (item, p) => {
    if (!item) { tooltip.hidden = true; return; }
    const lines = item.kind === "cluster" ? [map.clusterSummary(item.cluster), t("clickToZoom")] : farmTooltipLines(map.farm(item.farm), i18n);
    placeTooltip(tooltip, box, lines, p[0], p[1]);
  };
  /** @param {number | undefined} farm */
  const select = (farm) => {
    selected = farm;
    map.setSelected(farm);
    renderDetails(details, farm === undefined ? undefined : map.farm(farm), i18n);
    if (farm !== undefined) { const f = map.farm(farm); announce(t("selected", { name: f.name, status: i18n.label(`status.${f.status}`, f.statusLabel) })); }
    loop.requestDraw();
  };
  /** @param {number} cluster @param {number} count */
  const openCluster = (cluster, count) => {
    const summary = map.clusterSummary(cluster);
    const fanned = map.expandCluster(cluster, now(), motion(500));
    tooltip.hidden = true;
    announce(fanned ? t("clusterSpread", { n: count, summary }) : t("clusterZoom", { n: count }));
    loop.requestDraw();
  };
  /** @param {MapItem} item */
  const open = (item) => { if (item.kind === "cluster") openCluster(item.cluster, item.count); else select(item.farm); };
  const panZoom = new PanZoom(canvas, {
    panBy: (dx, dy) => map.panBy(dx, dy),
    zoomAt: (x, y, d) => map.zoomAt(x, y, d),
    zoomStep: (x, y, dir, ms) => map.zoomAnimated(x, y, dir, now(), motion(ms)),
    reset: () => map.reset(now(), motion(400)),
    keyStep: 80,
    wheelAllowed: wheelGate(hint, cooperative),
    doubleTapZooms: true,
    interacted: () => { tooltip.hidden = true; },
    leave: () => { tooltip.hidden = true; },
    hover: (p, e) => {
      const item = map.pickItem(p[0], p[1], slop(e));
      const farm = item?.kind === "farm" ? item.farm : undefined;
      if (farm !== hovered) { hovered = farm; map.setHovered(farm); loop.requestDraw(); }
      canvas.style.cursor = item ? "pointer" : "grab";
      showTooltip(item, p);
    },
    tap: (p, e) => {
      const item = map.pickItem(p[0], p[1], slop(e));
      if (item?.kind === "cluster") { openCluster(item.cluster, item.count); return; }
      select(item?.farm);
      if (e.pointerType !== "mouse") showTooltip(item, p);
    },
    focusMove: (dir) => {
      if (!map.moveFocus(dir)) return false;
      map.draw(now()); // the focused marker's place on screen is known once drawn
      const f = map.focused();
      if (f) announce(focusText(map, f, i18n));
      return true;
    },
    focusClear: () => map.clearFocus(),
    focusActivate: () => { const f = map.focused(); if (f) open(f); return f !== undefined; },
    escape: () => {
      if (map.closeSpider()) announce(t("spreadClosed"));
      else if (selected !== undefined) select(undefined);
      else panZoom.step(-1);
    },
  }, loop);
  panZoom.buttons(buttons);
  // A hidden view (the Network tab is showing) keeps its last size rather than shrinking to 1 px.
  const resize = loop.guard(/** @type {(w: number, h: number, dpr: number) => void} */ ((w, h, dpr) => {
    if (!canvas.getClientRects().length) return;
    // The buttons sit over the canvas: no place name goes under them, and no view fitted
    // from here on (the first one is fitted in resize) puts its farms there.
    const c = controls.getBoundingClientRect(), v = canvas.getBoundingClientRect();
    map.setMapCovered(c.left - v.left, c.top - v.top, c.right - v.left, c.bottom - v.top);
    map.resize(w, h, dpr);
    loop.requestDraw();
  }));
  observeSize(canvas, resize);
  return { select: loop.guard(select), selected: () => selected };
}
