// The ownership network pane: gestures, tooltip, legend, the "how is A connected to B?"
// finder and keyboard for the network canvas. The drawing, the layout, picking and the
// linking with the map happen in Rust (FarmMap's network* methods); this file only forwards
// events and writes text. Data text is only ever set with textContent.
import { pinch } from "./gestures.js";
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function mountNetwork(box, canvas, { map, requestDraw, guard, announce, selectFarm = () => {} }) {
  // ---- DOM: the canvas on a stage with its tooltip and buttons; legend, note, finder below
  const stage = el("div", "fm-net-stage");
  box.insertBefore(stage, canvas);
  const tooltip = el("div", "fm-tooltip fm-net-tooltip");
  tooltip.hidden = true;
  tooltip.setAttribute("role", "tooltip");
  const controls = el("div", "fm-controls fm-net-controls");
  const button = (text, label) => { const b = el("button", "fm-btn", text); b.type = "button"; b.setAttribute("aria-label", label); return b; };
  const zoomIn = button("+", "Zoom the network in");
  const zoomOut = button("−", "Zoom the network out");
  const fit = button("⌂", "Show the whole network");
  controls.append(zoomIn, zoomOut, fit);
  stage.append(canvas, tooltip, controls);
  canvas.setAttribute("aria-label", "Ownership network: who the farms are tied to. Tab moves between people, companies and farms, Enter selects one and lights its farms on the map, Escape clears; arrow keys pan, plus and minus zoom, 0 fits.");

  const legend = el("div", "fm-net-legend");
  const note = el("p", "fm-net-note");
  const finder = el("form", "fm-net-finder");
  finder.setAttribute("aria-label", "How is one name connected to another?");
  const h = el("h3", "fm-h fm-h-small", "How is A connected to B?");
  const fromSel = el("select", "fm-net-select");
  fromSel.setAttribute("aria-label", "From");
  const toSel = el("select", "fm-net-select");
  toSel.setAttribute("aria-label", "To");
  const go = el("button", "fm-btn fm-btn-text", "Show connection");
  go.type = "submit";
  const answer = el("p", "fm-net-answer");
  answer.setAttribute("aria-live", "polite");
  const row = el("div", "fm-net-finder-row");
  row.append(fromSel, el("span", "fm-net-to", "to"), toSel, go);
  finder.append(h, row, answer);
  box.append(legend, note, finder);

  // ---- legend and the note on what is not drawn (both rebuilt when the data change) -----
  const refreshText = () => {
    legend.replaceChildren();
    const g = map.networkLegend();
    for (let k = 0; k < g.length; k += 3) {
      const item = el("span", "fm-net-legend-item");
      const sw = el("span", `fm-net-sw fm-net-sw-${g[k + 2]}`);
      sw.style.background = g[k + 1];
      item.append(sw, el("span", null, g[k]));
      legend.append(item);
    }
    if (g.length) {
      for (const [cls, label] of [["solid", "reported tie"], ["dashed", "alleged tie (the source hedges)"], ["arrow", "direction: owns, runs, directs"]]) {
        const item = el("span", "fm-net-legend-item");
        item.append(el("span", `fm-net-line fm-net-line-${cls}`), el("span", null, label));
        legend.append(item);
      }
    }
    const [farms, others] = map.networkHiddenCounts();
    const parts = [];
    if (!g.length) parts.push("No ties between the farms and named people or companies in this data.");
    if (farms) parts.push(`${plural(farms, "farm")} with no owner named by the source ${farms === 1 ? "is" : "are"} not shown.`);
    if (others) parts.push(`${plural(others, "other name")} with no tie ${others === 1 ? "is" : "are"} not shown.`);
    note.textContent = parts.join(" ");
    note.hidden = parts.length === 0;
    const names = map.networkNames();
    const fill = (sel) => sel.replaceChildren(...names.map((n) => { const o = el("option", null, `${n.name} (${n.kind})`); o.value = n.id; return o; }));
    fill(fromSel); fill(toSel);
    const ex = map.networkExamplePair();
    if (ex.length) { fromSel.value = ex[0]; toSel.value = ex[1]; }
    finder.hidden = names.length < 2;
    answer.textContent = "";
  };
  refreshText();

  // ---- tooltip ------------------------------------------------------------------------------
  const showTooltip = (node, x, y) => {
    if (node < 0) { tooltip.hidden = true; return; }
    const n = map.networkNode(node);
    const lines = [el("strong", null, n.name), el("div", "fm-net-kind", n.kind)];
    if (n.description) lines.push(el("div", null, n.description));
    const list = el("ul", "fm-net-ties");
    for (const t of n.ties) {
      const src = t.host ? `source: ${t.host}` : "no source given";
      list.append(el("li", t.alleged ? "fm-net-alleged" : null, `${t.text} (${t.alleged ? "alleged; " : ""}${src})`));
    }
    lines.push(list);
    tooltip.replaceChildren(...lines);
    tooltip.hidden = false;
    const w = stage.clientWidth, hgt = stage.clientHeight;
    tooltip.style.left = `${Math.max(4, Math.min(x + 14, w - tooltip.offsetWidth - 4))}px`;
    const above = y - tooltip.offsetHeight - 10;
    tooltip.style.top = `${above >= 4 ? above : Math.min(y + 14, Math.max(4, hgt - tooltip.offsetHeight - 4))}px`;
  };

  // ---- selection ----------------------------------------------------------------------------
  const activate = guard((node) => {
    const n = map.networkNode(node);
    if (n.farm >= 0) {
      selectFarm(n.farm); // the map selects it; Rust lights its chain of owners here
      const above = map.networkHighlighted().length - 1;
      announce(`Selected ${n.name}. ${above > 0 ? `${plural(above, "owner, director or relative")} above it lit in the network.` : "No owner named."}`);
    } else {
      selectFarm(-1);
      const k = map.networkSelect(node);
      announce(k ? `${n.name}: ${plural(k, "farm")} they may control lit on the map, and the chain leading there in the network.`
        : `${n.name}: no farm tied to them through ownership or control; their own ties are lit.`);
    }
    answer.textContent = "";
    requestDraw();
  });
  const clear = guard(() => {
    selectFarm(-1);
    map.networkClear();
    answer.textContent = "";
    announce("Network selection cleared");
    requestDraw();
  });

  // ---- pointer: drag empty space to pan, drag a node to pin it, pinch, hover, click -------
  const pointers = new Map();
  let moved = 0;
  let dragNode = -1;
  let hovered = -1;
  const local = (e) => { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
  const slop = (e) => (e.pointerType === "mouse" ? 2 : 10);
  canvas.addEventListener("pointerdown", guard((e) => {
    canvas.setPointerCapture(e.pointerId);
    const p = local(e);
    pointers.set(e.pointerId, p);
    moved = 0;
    dragNode = pointers.size === 1 ? map.networkPick(p[0], p[1], slop(e)) : -1;
  }));
  canvas.addEventListener("pointermove", guard((e) => {
    const p = local(e);
    if (!pointers.has(e.pointerId)) {
      const node = map.networkPick(p[0], p[1], slop(e));
      if (node !== hovered) { hovered = node; if (map.networkHover(node)) requestDraw(); }
      canvas.style.cursor = node >= 0 ? "pointer" : "grab";
      showTooltip(node, p[0], p[1]);
      return;
    }
    const prev = pointers.get(e.pointerId);
    moved += Math.abs(p[0] - prev[0]) + Math.abs(p[1] - prev[1]);
    if (pointers.size === 1) {
      if (dragNode >= 0) { if (moved > 4) { map.networkDragTo(dragNode, p[0], p[1]); tooltip.hidden = true; } }
      else { map.networkPanBy(p[0] - prev[0], p[1] - prev[1]); tooltip.hidden = true; }
    } else if (pointers.size === 2) {
      const g = pinch(pointers, prev, p);
      if (g.dz) map.networkZoomAt(g.cx, g.cy, g.dz);
      map.networkPanBy(g.dx, g.dy);
      moved += 10;
    }
    pointers.set(e.pointerId, p);
    requestDraw();
  }));
  const release = guard((e) => {
    if (!pointers.has(e.pointerId)) return;
    const p = local(e);
    pointers.delete(e.pointerId);
    if (dragNode >= 0 && moved > 4) announce("Node pinned where you dropped it");
    const wasDrag = moved > 6;
    dragNode = -1;
    if (e.type !== "pointerup" || pointers.size > 0 || wasDrag) return;
    const node = map.networkPick(p[0], p[1], slop(e));
    if (node >= 0) activate(node); else clear();
    if (e.pointerType !== "mouse") showTooltip(node, p[0], p[1]);
  });
  canvas.addEventListener("pointerup", release);
  canvas.addEventListener("pointercancel", release);
  canvas.addEventListener("pointerleave", () => {
    if (pointers.size) return;
    tooltip.hidden = true;
    if (hovered >= 0) { hovered = -1; map.networkHover(-1); requestDraw(); }
  });
  canvas.addEventListener("dblclick", guard((e) => {
    const p = local(e);
    if (map.networkPick(p[0], p[1], 2) >= 0) return; // a double click on a node selects it, no zoom
    map.networkZoomAt(p[0], p[1], e.shiftKey ? -1 : 1);
    requestDraw();
  }));
  // The wheel zooms once the reader has engaged the pane (focus) or holds Ctrl/⌘, so a page
  // that scrolls past the network is never trapped.
  canvas.addEventListener("wheel", guard((e) => {
    if (!(e.ctrlKey || e.metaKey || document.activeElement === canvas || canvas.getRootNode().activeElement === canvas)) return;
    e.preventDefault();
    const p = local(e);
    const unit = e.deltaMode === 1 ? 0.05 : e.deltaMode === 2 ? 1 : 0.0025;
    map.networkZoomAt(p[0], p[1], Math.max(-1, Math.min(1, -e.deltaY * unit)));
    requestDraw();
  }), { passive: false });

  // ---- buttons and keyboard ---------------------------------------------------------------------
  const centre = () => [canvas.clientWidth / 2, canvas.clientHeight / 2];
  zoomIn.addEventListener("click", guard(() => { map.networkZoomAt(...centre(), 1); requestDraw(); }));
  zoomOut.addEventListener("click", guard(() => { map.networkZoomAt(...centre(), -1); requestDraw(); }));
  fit.addEventListener("click", guard(() => { map.networkResetView(); requestDraw(); }));
  const announceFocus = () => {
    const f = map.networkFocused();
    if (!f.length) return;
    const n = map.networkNode(f[0]);
    announce(`${n.name}, ${n.kind}. ${plural(n.ties.length, "tie")}${n.ties.length ? `: ${n.ties.map((t) => t.text).join(" ")}` : "."} Enter selects.`);
  };
  canvas.addEventListener("blur", () => { map.networkClearFocus(); requestDraw(); });
  canvas.addEventListener("keydown", guard((e) => {
    if (e.key === "Tab") {
      if (map.networkMoveFocus(e.shiftKey ? -1 : 1)) {
        e.preventDefault();
        announceFocus();
      } else {
        map.networkClearFocus();
      }
      requestDraw();
      return;
    }
    if (e.key === "Enter" || e.key === " ") {
      const f = map.networkFocused();
      if (!f.length) return;
      e.preventDefault();
      activate(f[0]);
      return;
    }
    if (e.key === "Escape") { e.preventDefault(); clear(); return; }
    const step = 60;
    const keys = {
      ArrowLeft: () => map.networkPanBy(step, 0), ArrowRight: () => map.networkPanBy(-step, 0),
      ArrowUp: () => map.networkPanBy(0, step), ArrowDown: () => map.networkPanBy(0, -step),
      "+": () => map.networkZoomAt(...centre(), 1), "=": () => map.networkZoomAt(...centre(), 1),
      "-": () => map.networkZoomAt(...centre(), -1), "0": () => map.networkResetView(),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
    requestDraw();
  }));

  // ---- "How is A connected to B?" -----------------------------------------------------------------
  const findPath = guard(() => {
    if (!fromSel.value || !toSel.value) return "";
    selectFarm(-1);
    const text = map.networkPath(fromSel.value, toSel.value);
    const name = (sel) => sel.selectedOptions[0]?.textContent ?? "";
    answer.textContent = fromSel.value === toSel.value ? "Pick two different names."
      : text || `${name(fromSel)} and ${name(toSel)} are not connected in this data.`;
    announce(answer.textContent);
    requestDraw();
    return text;
  });
  finder.addEventListener("submit", (e) => { e.preventDefault(); findPath(); });

  // ---- size ---------------------------------------------------------------------------------------
  const resize = guard(() => {
    const r = canvas.getBoundingClientRect();
    map.resizeNetwork(Math.max(1, r.width), Math.max(1, r.height), devicePixelRatio || 1);
    requestDraw();
  });
  new ResizeObserver(resize).observe(canvas);
  resize();
  return { resize, announce, refresh: refreshText, findPath, activate, clear, answer };
}
