// The ownership network pane: its canvas with tooltip and buttons, hover / click / keyboard
// selection, dragging a node to pin it, legend and finder below. Drawing, layout, picking
// and the linking with the map happen in Rust (FarmMap's network* methods); gestures go
// through the shared pan-zoom controller.
import { el, button, observeSize, panelError, panelGuard, appendAll } from "./dom.js";
import { PanZoom } from "./pan-zoom.js";
import { updateNetworkLegend } from "./network-legend.js";
import { createFinder } from "./network-finder.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./pkg/farmmap.js").NodeInfo} NodeInfo */
/** @typedef {import("./frame-loop.js").FrameLoop} FrameLoop */
/** @typedef {import("./pan-zoom.js").Point} Point */
/** @typedef {import("./i18n.js").Translator} Translator */
/**
 * @typedef {{map: FarmMap, loop: FrameLoop, announce: (t: string) => void, selectFarm: (farm: number | undefined) => void,
 *   i18n: Translator, lit?: (farms: number) => void}} NetworkDeps lit: how many farms a selection lit on the map
 */

/**
 * @typedef {object} NetworkPane
 * @property {() => void} refresh rebuild legend, note and finder after new data
 * @property {() => string | undefined} findPath
 * @property {(node: number) => void} activate select a node, as a click does
 * @property {() => void} clear
 * @property {HTMLElement} answer
 */

/** The most ties a tooltip or an announcement lists (a hub may have thousands). */
const TOOLTIP_TIES = 8;

/** @param {PointerEvent} e */
const slop = (e) => (e.pointerType === "mouse" ? 2 : 10);

/** A node's kind in the embed's language. @param {NodeInfo} n @param {Translator} i18n */
const kindOf = (n, i18n) => i18n.label(`kind.${n.kind}`, n.kindLabel);

/** The tooltip's content for a node. @param {NodeInfo} n @param {Translator} i18n */
function nodeLines(n, i18n) {
  const { t } = i18n;
  const lines = [el("strong", null, n.name), el("div", "fm-net-kind", kindOf(n, i18n))];
  if (n.description) lines.push(el("div", null, n.description));
  const list = el("ul", "fm-net-ties");
  appendAll(list, n.ties.slice(0, TOOLTIP_TIES), (tie) => {
    const src = tie.sourceHost ? t("tieSource", { host: tie.sourceHost }) : t("noTieSource");
    return el("li", tie.alleged ? "fm-net-alleged" : null, `${tie.text} (${tie.alleged ? t("alleged") : ""}${src})`);
  });
  if (n.ties.length > TOOLTIP_TIES) list.append(el("li", null, t("tiesMore", { n: n.ties.length - TOOLTIP_TIES })));
  lines.push(list);
  return lines;
}

/**
 * Show a node's tooltip next to (x, y), inside the stage.
 * @param {HTMLElement} tooltip @param {HTMLElement} stage @param {NodeInfo} n @param {Point} p @param {Translator} i18n
 */
function placeTooltip(tooltip, stage, n, [x, y], i18n) {
  tooltip.replaceChildren();
  appendAll(tooltip, nodeLines(n, i18n), (line) => line);
  tooltip.hidden = false;
  const w = stage.clientWidth, h = stage.clientHeight;
  tooltip.style.left = `${Math.max(4, Math.min(x + 14, w - tooltip.offsetWidth - 4))}px`;
  const above = y - tooltip.offsetHeight - 10;
  tooltip.style.top = `${above >= 4 ? above : Math.min(y + 14, Math.max(4, h - tooltip.offsetHeight - 4))}px`;
}

/** The stage (canvas, tooltip, buttons) in `box`. @param {HTMLElement} box @param {HTMLCanvasElement} canvas @param {Translator["t"]} t */
function buildStage(box, canvas, t) {
  const stage = el("div", "fm-net-stage");
  box.insertBefore(stage, canvas);
  const tooltip = el("div", "fm-tooltip fm-net-tooltip");
  tooltip.hidden = true;
  tooltip.setAttribute("role", "tooltip");
  const controls = el("div", "fm-controls fm-net-controls");
  const buttons = { zoomIn: button("+", t("netZoomIn")), zoomOut: button("−", t("netZoomOut")), reset: button("⌂", t("netReset")) };
  controls.append(buttons.zoomIn, buttons.zoomOut, buttons.reset);
  stage.append(canvas, tooltip, controls);
  canvas.setAttribute("aria-label", t("netLabel"));
  return { stage, tooltip, buttons, controls };
}

/**
 * Selecting and clearing: a farm node selects the farm on the map (Rust lights its owners);
 * a person or company lights the farms they may control.
 * @param {NetworkDeps & {onChange: () => void}} deps
 */
function selection({ map, loop, announce, selectFarm, onChange, i18n: { t }, lit }) {
  /** @param {number} node */
  const activate = (node) => {
    const n = map.networkNode(node);
    if (n.farm !== undefined) {
      selectFarm(n.farm);
      const above = map.networkHighlighted().length - 1;
      announce(above > 0 ? t("netFarmOwners", { name: n.name, n: above }) : t("netFarmNoOwner", { name: n.name }));
      lit?.(0);
    } else {
      selectFarm(undefined);
      const k = map.networkSelect(node);
      announce(k ? t("netNodeFarms", { name: n.name, n: k }) : t("netNodeNoFarms", { name: n.name }));
      lit?.(k);
    }
    onChange();
    loop.requestDraw();
  };
  const clear = () => {
    selectFarm(undefined);
    map.networkClear();
    onChange();
    lit?.(0);
    announce(t("netCleared"));
    loop.requestDraw();
  };
  return { activate, clear };
}

/**
 * @param {HTMLElement} box the pane's section; `canvas` is in it
 * @param {HTMLCanvasElement} canvas
 * @param {NetworkDeps} deps
 * @returns {NetworkPane}
 */
export function mountNetwork(box, canvas, deps) {
  const { map, loop, announce, i18n } = deps;
  const { t } = i18n;
  const { stage, tooltip, buttons, controls } = buildStage(box, canvas, t);
  const legend = el("div", "fm-net-legend"), note = el("p", "fm-net-note");
  const error = el("div", "fm-net-error");
  error.hidden = true;
  // The pane's own guard: when its legend, note or finder cannot be built, or a selection
  // or a path fails, the pane says so and the map and the other panels keep working.
  const guard = panelGuard(loop, (err) => {
    legend.replaceChildren();
    note.hidden = true;
    finder.form.hidden = true;
    error.replaceChildren(panelError(err, t("panelNetwork")));
    error.hidden = false;
  });
  const finder = createFinder({ ...deps, guard });
  box.append(error, legend, note, finder.form);
  const refresh = guard(() => { error.hidden = true; error.replaceChildren(); updateNetworkLegend(legend, note, map, i18n); finder.refresh(); });
  refresh();
  const picked = selection({ ...deps, onChange: () => { finder.answer.textContent = ""; } });
  const activate = guard(picked.activate), clear = guard(picked.clear);
  /** @type {number | undefined} */
  let hovered;
  /** @param {number | undefined} node @param {Point} p */
  const showTooltip = (node, p) => { if (node === undefined) tooltip.hidden = true; else placeTooltip(tooltip, stage, map.networkNode(node), p, i18n); };
  const hide = () => { tooltip.hidden = true; };
  const panZoom = new PanZoom(canvas, {
    panBy: (dx, dy) => map.networkPanBy(dx, dy),
    zoomAt: (x, y, d) => map.networkZoomAt(x, y, d),
    zoomStep: (x, y, dir) => map.networkZoomAt(x, y, dir),
    reset: () => map.networkResetView(),
    keyStep: 60,
    // The wheel zooms once the reader has engaged the pane (focus) or holds Ctrl/⌘, so a
    // page that scrolls past the network is never trapped.
    wheelAllowed: (e) => e.ctrlKey || e.metaKey || document.activeElement === canvas
      || (canvas.getRootNode() instanceof ShadowRoot && /** @type {ShadowRoot} */ (canvas.getRootNode()).activeElement === canvas),
    dblclickZooms: (p) => map.networkPick(p[0], p[1], 2) === undefined, // a double click on a node selects it
    grab: (p, e) => map.networkPick(p[0], p[1], slop(e)),
    dragTo: (node, p) => { map.networkDragTo(node, p[0], p[1]); },
    dropped: () => announce(t("netPinned")),
    interacted: hide,
    hover: (p, e) => {
      const node = map.networkPick(p[0], p[1], slop(e));
      if (node !== hovered) { hovered = node; if (map.networkHover(node)) loop.requestDraw(); }
      canvas.style.cursor = node !== undefined ? "pointer" : "grab";
      showTooltip(node, p);
    },
    leave: () => { hide(); if (hovered !== undefined) { hovered = undefined; map.networkHover(undefined); loop.requestDraw(); } },
    tap: (p, e) => {
      const node = map.networkPick(p[0], p[1], slop(e));
      if (node !== undefined) activate(node); else clear();
      if (e.pointerType !== "mouse") showTooltip(node, p);
    },
    focusMove: (dir) => {
      if (!map.networkMoveFocus(dir)) return false;
      const f = map.networkFocused();
      if (f) {
        const n = map.networkNode(f.node);
        const said = n.ties.slice(0, TOOLTIP_TIES).map((tie) => tie.text).join(" ");
        const more = n.ties.length > TOOLTIP_TIES ? t("netFocusMore", { n: n.ties.length - TOOLTIP_TIES }) : "";
        const ties = n.ties.length ? `: ${said}${more}` : ".";
        announce(t("netFocus", { name: n.name, kind: kindOf(n, i18n), n: n.ties.length, ties }));
      }
      return true;
    },
    focusClear: () => map.networkClearFocus(),
    focusActivate: () => { const f = map.networkFocused(); if (f) activate(f.node); return f !== undefined; },
    escape: clear,
  }, loop);
  panZoom.buttons(buttons);
  // Behind the Map tab the canvas keeps its last size rather than shrinking to 1 px.
  const resize = loop.guard(/** @type {(w: number, h: number, dpr: number) => void} */ ((w, h, dpr) => {
    if (!canvas.getClientRects().length) return;
    map.resizeNetwork(w, h, dpr);
    // The buttons sit over the canvas: no label goes under them.
    const c = controls.getBoundingClientRect(), v = canvas.getBoundingClientRect();
    map.setNetworkCovered(c.left - v.left, c.top - v.top, c.right - v.left, c.bottom - v.top);
    loop.requestDraw();
  }));
  observeSize(canvas, resize);
  return {
    refresh: () => { refresh(); }, findPath: finder.findPath,
    activate: (node) => { activate(node); }, clear: () => { clear(); }, answer: finder.answer,
  };
}
