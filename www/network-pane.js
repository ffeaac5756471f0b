// The ownership network pane: its canvas with tooltip and buttons, hover / click / keyboard
// selection, dragging a node to pin it, legend and finder below. Drawing, layout, picking
// and the linking with the map happen in Rust (FarmMap's network* methods); gestures go
// through the shared pan-zoom controller.
import { el, button, plural, observeSize, panelError, panelGuard, appendAll } from "./dom.js";
import { PanZoom } from "./pan-zoom.js";
import { updateNetworkLegend } from "./network-legend.js";
import { createFinder } from "./network-finder.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./pkg/farmmap.js").NodeInfo} NodeInfo */
/** @typedef {import("./frame-loop.js").FrameLoop} FrameLoop */
/** @typedef {import("./pan-zoom.js").Point} Point */
/** @typedef {{map: FarmMap, loop: FrameLoop, announce: (t: string) => void, selectFarm: (farm: number | undefined) => void}} NetworkDeps */

/**
 * @typedef {object} NetworkPane
 * @property {() => void} refresh rebuild legend, note and finder after new data
 * @property {() => string | undefined} findPath
 * @property {(node: number) => void} activate select a node, as a click does
 * @property {() => void} clear
 * @property {HTMLElement} answer
 */

const CANVAS_LABEL = "Ownership network: who the farms are tied to. Tab moves between people, companies and farms, Enter selects one and lights its farms on the map, Escape clears; arrow keys pan, plus and minus zoom, 0 fits.";

/** The most ties a tooltip or an announcement lists (a hub may have thousands). */
const TOOLTIP_TIES = 8;

/** @param {PointerEvent} e */
const slop = (e) => (e.pointerType === "mouse" ? 2 : 10);

/** The tooltip's content for a node. @param {NodeInfo} n */
function nodeLines(n) {
  const lines = [el("strong", null, n.name), el("div", "fm-net-kind", n.kindLabel)];
  if (n.description) lines.push(el("div", null, n.description));
  const list = el("ul", "fm-net-ties");
  appendAll(list, n.ties.slice(0, TOOLTIP_TIES), (t) => {
    const src = t.sourceHost ? `source: ${t.sourceHost}` : "no source given";
    return el("li", t.alleged ? "fm-net-alleged" : null, `${t.text} (${t.alleged ? "alleged; " : ""}${src})`);
  });
  if (n.ties.length > TOOLTIP_TIES) list.append(el("li", null, `and ${plural(n.ties.length - TOOLTIP_TIES, "more tie")}`));
  lines.push(list);
  return lines;
}

/**
 * Show a node's tooltip next to (x, y), inside the stage.
 * @param {HTMLElement} tooltip @param {HTMLElement} stage @param {NodeInfo} n @param {Point} p
 */
function placeTooltip(tooltip, stage, n, [x, y]) {
  tooltip.replaceChildren();
  appendAll(tooltip, nodeLines(n), (line) => line);
  tooltip.hidden = false;
  const w = stage.clientWidth, h = stage.clientHeight;
  tooltip.style.left = `${Math.max(4, Math.min(x + 14, w - tooltip.offsetWidth - 4))}px`;
  const above = y - tooltip.offsetHeight - 10;
  tooltip.style.top = `${above >= 4 ? above : Math.min(y + 14, Math.max(4, h - tooltip.offsetHeight - 4))}px`;
}

/** The stage (canvas, tooltip, buttons) in `box`. @param {HTMLElement} box @param {HTMLCanvasElement} canvas */
function buildStage(box, canvas) {
  const stage = el("div", "fm-net-stage");
  box.insertBefore(stage, canvas);
  const tooltip = el("div", "fm-tooltip fm-net-tooltip");
  tooltip.hidden = true;
  tooltip.setAttribute("role", "tooltip");
  const controls = el("div", "fm-controls fm-net-controls");
  const buttons = { zoomIn: button("+", "Zoom the network in"), zoomOut: button("−", "Zoom the network out"), reset: button("⌂", "Show the whole network") };
  controls.append(buttons.zoomIn, buttons.zoomOut, buttons.reset);
  stage.append(canvas, tooltip, controls);
  canvas.setAttribute("aria-label", CANVAS_LABEL);
  return { stage, tooltip, buttons };
}

/**
 * Selecting and clearing: a farm node selects the farm on the map (Rust lights its owners);
 * a person or company lights the farms they may control.
 * @param {NetworkDeps & {onChange: () => void}} deps
 */
function selection({ map, loop, announce, selectFarm, onChange }) {
  /** @param {number} node */
  const activate = (node) => {
    const n = map.networkNode(node);
    if (n.farm !== undefined) {
      selectFarm(n.farm);
      const above = map.networkHighlighted().length - 1;
      announce(`Selected ${n.name}. ${above > 0 ? `${plural(above, "owner, director or relative")} above it lit in the network.` : "No owner named."}`);
    } else {
      selectFarm(undefined);
      const k = map.networkSelect(node);
      announce(k ? `${n.name}: ${plural(k, "farm")} they may control lit on the map, and the chain leading there in the network.`
        : `${n.name}: no farm tied to them through ownership or control; their own ties are lit.`);
    }
    onChange();
    loop.requestDraw();
  };
  const clear = () => {
    selectFarm(undefined);
    map.networkClear();
    onChange();
    announce("Network selection cleared");
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
  const { map, loop, announce } = deps;
  const { stage, tooltip, buttons } = buildStage(box, canvas);
  const legend = el("div", "fm-net-legend"), note = el("p", "fm-net-note");
  const error = el("div", "fm-net-error");
  error.hidden = true;
  // The pane's own guard: when its legend, note or finder cannot be built, or a selection
  // or a path fails, the pane says so and the map and the other panels keep working.
  const guard = panelGuard(loop, (err) => {
    legend.replaceChildren();
    note.hidden = true;
    finder.form.hidden = true;
    error.replaceChildren(panelError(err, "network pane"));
    error.hidden = false;
  });
  const finder = createFinder({ ...deps, guard });
  box.append(error, legend, note, finder.form);
  const refresh = guard(() => { error.hidden = true; error.replaceChildren(); updateNetworkLegend(legend, note, map); finder.refresh(); });
  refresh();
  const picked = selection({ ...deps, onChange: () => { finder.answer.textContent = ""; } });
  const activate = guard(picked.activate), clear = guard(picked.clear);
  /** @type {number | undefined} */
  let hovered;
  /** @param {number | undefined} node @param {Point} p */
  const showTooltip = (node, p) => { if (node === undefined) tooltip.hidden = true; else placeTooltip(tooltip, stage, map.networkNode(node), p); };
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
    dropped: () => announce("Node pinned where you dropped it"),
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
        const said = n.ties.slice(0, TOOLTIP_TIES).map((t) => t.text).join(" ");
        const more = n.ties.length > TOOLTIP_TIES ? ` And ${plural(n.ties.length - TOOLTIP_TIES, "more tie")}.` : "";
        announce(`${n.name}, ${n.kindLabel}. ${plural(n.ties.length, "tie")}${n.ties.length ? `: ${said}${more}` : "."} Enter selects.`);
      }
      return true;
    },
    focusClear: () => map.networkClearFocus(),
    focusActivate: () => { const f = map.networkFocused(); if (f) activate(f.node); return f !== undefined; },
    escape: clear,
  }, loop);
  panZoom.buttons(buttons);
  const resize = loop.guard(/** @type {(w: number, h: number, dpr: number) => void} */ ((w, h, dpr) => { map.resizeNetwork(w, h, dpr); loop.requestDraw(); }));
  observeSize(canvas, resize);
  return {
    refresh: () => { refresh(); }, findPath: finder.findPath,
    activate: (node) => { activate(node); }, clear: () => { clear(); }, answer: finder.answer,
  };
}
