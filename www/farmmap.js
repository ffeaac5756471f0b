// farmmap's browser glue: builds the map's DOM inside a container (a page, or a Shadow
// root), forwards gestures to Rust and calls `draw` once per animation frame.
// Text from data is only ever set with textContent; links only with http(s) URLs.
import init, { FarmMap } from "./pkg/farmmap.js";
import { mountCharts } from "./charts-ui.js";
import { mountNetwork } from "./network-ui.js";
import { pinch } from "./gestures.js";

let wasmReady = null;
/** Load the wasm once per page, however many maps there are. */
export function loadWasm(base = new URL("./pkg/farmmap_bg.wasm", import.meta.url)) {
  wasmReady ??= init({ module_or_path: base });
  return wasmReady;
}

/** The text of a story file, or null without `src` (the demo built into the wasm). */
export async function fetchStory(src, base) {
  if (!src) return null;
  const res = await fetch(new URL(src, base));
  if (!res.ok) throw new Error(`${src} could not be loaded (HTTP ${res.status})`);
  return res.text();
}

/** The error box an embed shows instead of the map (the host page is left alone). */
export function errorBox(err) {
  const box = document.createElement("div");
  box.className = "fm-error";
  box.setAttribute("role", "alert");
  box.textContent = `This map could not be shown: ${err && err.message ? err.message : err}`;
  return box;
}

const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};
const reducedMotion = () => matchMedia("(prefers-reduced-motion: reduce)").matches;
const safeUrl = (u) => (typeof u === "string" && /^https?:\/\//i.test(u) ? u : null);
const hostOf = (u) => { try { return new URL(u).host.replace(/^www\./, ""); } catch { return ""; } };

const LEGEND = [
  ["status", "operating", "fm-sw fm-sw-operating"],
  ["status", "shut down", "fm-sw fm-sw-shut"],
  ["status", "status unknown", "fm-sw fm-sw-unknown"],
  ["precision", "exact site", "fm-sym fm-sym-exact"],
  ["precision", "known to the city", "fm-sym fm-sym-city"],
  ["precision", "known to the region / illustrative", "fm-sym fm-sym-region"],
];

/** Build the map UI in `root` (an element or a ShadowRoot). Returns a controller. */
export async function mountFarmMap(root, { cooperative = false, storyText = null, storyName = "story.json", hash = false } = {}) {
  const shell = el("div", "fm-shell");
  const storyBox = el("section", "fm-story");
  storyBox.setAttribute("aria-label", "Story");
  storyBox.tabIndex = -1;
  const mapBox = el("div", "fm-map");
  const canvas = el("canvas", "fm-canvas");
  canvas.tabIndex = 0;
  canvas.setAttribute("role", "application");
  canvas.setAttribute("aria-roledescription", "map");
  canvas.setAttribute("aria-label", "Map of farms. Tab moves between farms and clusters, Enter opens one, Escape goes back; arrow keys pan, plus and minus zoom, 0 resets.");
  const tooltip = el("div", "fm-tooltip");
  tooltip.hidden = true;
  tooltip.setAttribute("role", "tooltip");
  const controls = el("div", "fm-controls");
  const zoomIn = el("button", "fm-btn", "+");
  zoomIn.setAttribute("aria-label", "Zoom in");
  const zoomOut = el("button", "fm-btn", "−");
  zoomOut.setAttribute("aria-label", "Zoom out");
  const home = el("button", "fm-btn", "⌂");
  home.setAttribute("aria-label", "Reset the view");
  controls.append(zoomIn, zoomOut, home);
  const note = el("p", "fm-note");
  note.hidden = true;
  const hint = el("div", "fm-hint", "Use Ctrl + scroll to zoom the map");
  hint.hidden = true;
  const attribution = el("p", "fm-attribution");
  mapBox.append(canvas, tooltip, controls, hint);

  const side = el("aside", "fm-side");
  const legend = el("div", "fm-legend");
  legend.append(el("h2", "fm-h", "Legend"));
  for (const [group, label, cls] of LEGEND) {
    const row = el("div", `fm-legend-row fm-legend-${group}`);
    row.append(el("span", cls), el("span", null, label));
    legend.append(row);
  }
  const details = el("section", "fm-details");
  details.setAttribute("aria-label", "Selected farm");
  details.append(el("p", "fm-muted", "Select a farm on the map to see its details and source."));
  const live = el("div", "fm-live");
  live.setAttribute("aria-live", "polite");
  live.className = "fm-live fm-sr-only";
  const exportBox = el("div", "fm-export");
  const pngBtn = el("button", "fm-btn fm-btn-text", "Download PNG");
  const svgBtn = el("button", "fm-btn fm-btn-text", "Download SVG");
  exportBox.append(pngBtn, svgBtn);
  side.append(legend, details, exportBox);
  const netBox = el("section", "fm-network");
  netBox.setAttribute("aria-label", "Ownership network");
  const netCanvas = el("canvas", "fm-net-canvas");
  netCanvas.tabIndex = 0;
  netCanvas.setAttribute("role", "application");
  netCanvas.setAttribute("aria-roledescription", "network diagram");
  netCanvas.setAttribute("aria-label", "Ownership network: who the farms are tied to");
  netBox.append(netCanvas);
  const chartsBox = el("section", "fm-charts");
  chartsBox.setAttribute("aria-label", "Charts");
  // The table view: farms and ties as sentences, for screen readers and for reading.
  const table = el("details", "fm-table");
  const tableSummary = el("summary", null, "Table view: every farm and tie as a sentence");
  table.append(tableSummary);
  shell.append(storyBox, mapBox, netBox, side, note, chartsBox, table, attribution, live);
  root.append(shell);

  await loadWasm();
  performance.mark("farmmap:wasm-ready");
  const map = new FarmMap(canvas);
  performance.mark("farmmap:constructed");
  let storyReport = null;
  if (storyText != null) storyReport = map.loadStory(storyName, storyText); // throws on an unreadable file

  // ---- frame loop: at most one draw per animation frame --------------------------------
  let frameRequested = false;
  let broken = false;
  let firstFrame = false;
  const fail = (err) => {
    broken = true;
    console.error("farmmap:", err);
    const box = el("div", "fm-error");
    box.setAttribute("role", "alert");
    box.textContent = `The map stopped: ${err && err.message ? err.message : err}`;
    shell.replaceChildren(box);
  };
  const guard = (fn) => (...args) => {
    if (broken) return undefined;
    try { return fn(...args); } catch (err) { fail(err); return undefined; }
  };
  const requestDraw = () => {
    if (frameRequested || broken) return;
    frameRequested = true;
    requestAnimationFrame(guard((now) => {
      frameRequested = false;
      if (map.draw(now)) requestDraw();
      if (!firstFrame) { firstFrame = true; performance.mark("farmmap:first-frame"); }
    }));
  };
  const duration = (ms) => (reducedMotion() ? 0 : ms);

  // ---- size -------------------------------------------------------------------------------
  const resize = guard(() => {
    const r = canvas.getBoundingClientRect();
    map.resize(Math.max(1, r.width), Math.max(1, r.height), devicePixelRatio || 1);
    requestDraw();
  });
  new ResizeObserver(resize).observe(canvas);
  resize();

  // ---- tooltip and details ------------------------------------------------------------------
  let hovered = -1;
  let selected = -1;
  const farmLines = (f) => [
    f.name,
    f.owner ? `Tied to: ${f.owner}` : "Owner not named by the source",
    `${f.status_label[0].toUpperCase()}${f.status_label.slice(1)} · ${f.precision_label}`,
    f.source_url ? `Source: ${hostOf(f.source_url)}` : "No source given",
  ];
  const showTooltip = (i, x, y) => {
    if (i < 0) { tooltip.hidden = true; return; }
    const lines = farmLines(map.farm(i));
    tooltip.replaceChildren(...lines.map((t, k) => el(k === 0 ? "strong" : "div", null, t)));
    tooltip.hidden = false;
    const w = mapBox.clientWidth;
    tooltip.style.left = `${Math.min(x + 14, w - tooltip.offsetWidth - 4)}px`;
    tooltip.style.top = `${Math.max(4, y - tooltip.offsetHeight - 10)}px`;
  };
  const showDetails = (i) => {
    details.replaceChildren();
    if (i < 0) {
      details.append(el("p", "fm-muted", "Select a farm on the map to see its details and source."));
      return;
    }
    const f = map.farm(i);
    details.append(el("h2", "fm-h", f.name));
    const dl = el("dl", "fm-dl");
    const row = (k, v) => { dl.append(el("dt", null, k), el("dd", null, v)); };
    row("Tied to", f.owner || "not named by the source");
    row("Status", f.status_label);
    row("Capacity", f.capacity_mw == null ? "not known" : `${f.capacity_mw} MW`);
    row("Location", `${f.precision_label} (${f.lat.toFixed(3)}, ${f.lng.toFixed(3)})`);
    for (const [k, v] of f.extra) row(k.replace(/_/g, " "), v);
    details.append(dl);
    const url = safeUrl(f.source_url);
    if (url) {
      const p = el("p", "fm-source", "Source: ");
      const a = el("a", null, hostOf(url) || url);
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      p.append(a);
      details.append(p);
    }
    live.textContent = `Selected ${f.name}. ${f.status_label}.`;
  };
  const showClusterTooltip = (id, x, y) => {
    tooltip.replaceChildren(el("strong", null, map.clusterSummary(id)), el("div", null, "Click to zoom in"));
    tooltip.hidden = false;
    tooltip.style.left = `${Math.min(x + 14, mapBox.clientWidth - tooltip.offsetWidth - 4)}px`;
    tooltip.style.top = `${Math.max(4, y - tooltip.offsetHeight - 10)}px`;
  };
  const openCluster = guard((id, count) => {
    const summary = map.clusterSummary(id);
    const fanned = map.expandCluster(id, performance.now(), duration(500));
    tooltip.hidden = true;
    live.textContent = fanned ? `Cluster of ${count} farms at one place, spread out: ${summary}` : `Zooming into a cluster of ${count} farms`;
    requestDraw();
  });
  const select = guard((i) => {
    selected = i;
    map.setSelected(i);
    showDetails(i);
    requestDraw();
  });

  // ---- pointer: drag to pan, pinch to zoom, hover, click, double-tap ----------------------
  const pointers = new Map();
  let moved = 0;
  let lastTap = 0;
  const local = (e) => {
    const r = canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  canvas.addEventListener("pointerdown", guard((e) => {
    canvas.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, local(e));
    moved = 0;
  }));
  canvas.addEventListener("pointermove", guard((e) => {
    const p = local(e);
    if (!pointers.has(e.pointerId)) {
      const item = map.pickItem(p[0], p[1], e.pointerType === "mouse" ? 2 : 10);
      const i = item.length && item[0] === 0 ? item[1] : -1;
      if (i !== hovered) { hovered = i; map.setHovered(i); requestDraw(); }
      canvas.style.cursor = item.length ? "pointer" : "grab";
      if (item.length && item[0] === 1) showClusterTooltip(item[1], p[0], p[1]);
      else showTooltip(i, p[0], p[1]);
      return;
    }
    const prev = pointers.get(e.pointerId);
    if (pointers.size === 1) {
      map.panBy(p[0] - prev[0], p[1] - prev[1]);
      moved += Math.abs(p[0] - prev[0]) + Math.abs(p[1] - prev[1]);
      tooltip.hidden = true;
    } else if (pointers.size === 2) {
      const g = pinch(pointers, prev, p);
      if (g.dz) map.zoomAt(g.cx, g.cy, g.dz);
      map.panBy(g.dx, g.dy);
      moved += 10;
    }
    pointers.set(e.pointerId, p);
    requestDraw();
  }));
  const release = guard((e) => {
    if (!pointers.has(e.pointerId)) return;
    const p = local(e);
    pointers.delete(e.pointerId);
    if (e.type !== "pointerup" || pointers.size > 0 || moved > 6) return;
    const now = performance.now();
    if (e.pointerType !== "mouse" && now - lastTap < 300) {
      map.zoomAnimated(p[0], p[1], 1, now, duration(300)); // double-tap
      lastTap = 0;
      requestDraw();
      return;
    }
    lastTap = now;
    const item = map.pickItem(p[0], p[1], e.pointerType === "mouse" ? 2 : 10);
    if (item.length && item[0] === 1) {
      openCluster(item[1], item[2]);
      return;
    }
    const i = item.length ? item[1] : -1;
    select(i);
    if (e.pointerType !== "mouse") showTooltip(i, p[0], p[1]);
  });
  canvas.addEventListener("pointerup", release);
  canvas.addEventListener("pointercancel", release);
  canvas.addEventListener("pointerleave", () => { if (!pointers.size) { tooltip.hidden = true; } });
  canvas.addEventListener("dblclick", guard((e) => {
    const p = local(e);
    map.zoomAnimated(p[0], p[1], e.shiftKey ? -1 : 1, performance.now(), duration(300));
    requestDraw();
  }));
  let hintTimer = 0;
  canvas.addEventListener("wheel", guard((e) => {
    if (cooperative && !(e.ctrlKey || e.metaKey)) {
      hint.hidden = false;
      clearTimeout(hintTimer);
      hintTimer = setTimeout(() => { hint.hidden = true; }, 1200);
      return; // let the article scroll
    }
    e.preventDefault();
    const p = local(e);
    const unit = e.deltaMode === 1 ? 0.05 : e.deltaMode === 2 ? 1 : 0.0025;
    map.zoomAt(p[0], p[1], Math.max(-1, Math.min(1, -e.deltaY * unit)));
    requestDraw();
  }), { passive: false });

  // ---- buttons and keyboard -------------------------------------------------------------------
  const centre = () => [canvas.clientWidth / 2, canvas.clientHeight / 2];
  zoomIn.addEventListener("click", guard(() => { map.zoomAnimated(...centre(), 1, performance.now(), duration(250)); requestDraw(); }));
  zoomOut.addEventListener("click", guard(() => { map.zoomAnimated(...centre(), -1, performance.now(), duration(250)); requestDraw(); }));
  home.addEventListener("click", guard(() => { map.reset(performance.now(), duration(400)); requestDraw(); }));
  const announceFocus = () => {
    const f = map.focused();
    if (!f.length) return;
    const [kind, id, count] = f;
    live.textContent = kind === 1 ? `Cluster of ${count} farms: ${map.clusterSummary(id)}. Enter zooms in.`
      : (() => { const farm = map.farm(id); return `${farm.name}. ${farm.status_label}, ${farm.precision_label}.${farm.owner ? ` Tied to ${farm.owner}.` : ""} Enter for details.`; })();
  };
  canvas.addEventListener("blur", () => { map.clearFocus(); requestDraw(); });
  canvas.addEventListener("keydown", guard((e) => {
    if (e.key === "Tab") {
      if (map.moveFocus(e.shiftKey ? -1 : 1)) {
        e.preventDefault();
        map.draw(performance.now());
        announceFocus();
      } else {
        map.clearFocus();
      }
      requestDraw();
      return;
    }
    if (e.key === "Enter" || e.key === " ") {
      const f = map.focused();
      if (!f.length) return;
      e.preventDefault();
      if (f[0] === 1) openCluster(f[1], f[2]); else select(f[1]);
      return;
    }
    if (e.key === "Escape") {
      e.preventDefault();
      if (map.closeSpider()) live.textContent = "Spread-out farms closed";
      else if (selected >= 0) select(-1);
      else map.zoomAnimated(...centre(), -1, performance.now(), duration(250));
      requestDraw();
      return;
    }
    const step = 80;
    const keys = {
      ArrowLeft: () => map.panBy(step, 0), ArrowRight: () => map.panBy(-step, 0),
      ArrowUp: () => map.panBy(0, step), ArrowDown: () => map.panBy(0, -step),
      "+": () => map.zoomAnimated(...centre(), 1, performance.now(), duration(250)),
      "=": () => map.zoomAnimated(...centre(), 1, performance.now(), duration(250)),
      "-": () => map.zoomAnimated(...centre(), -1, performance.now(), duration(250)),
      "0": () => map.reset(performance.now(), duration(400)),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
    requestDraw();
  }));

  // ---- story steps: buttons, arrow keys, swipe, URL hash ---------------------------------------
  const story = map.story();
  let stepIndex = -1;
  const stepTitle = el("h2", "fm-step-title");
  const stepText = el("p", "fm-step-text");
  const nav = el("div", "fm-step-nav");
  const prev = el("button", "fm-btn fm-btn-text", "← Previous");
  const next = el("button", "fm-btn fm-btn-text", "Next →");
  const counter = el("span", "fm-step-count");
  counter.setAttribute("aria-live", "polite");
  nav.append(prev, counter, next);
  const sourceLine = el("p", "fm-source-line");
  if (story.source_name) {
    sourceLine.append("Source: ");
    const url = safeUrl(story.source_url);
    if (url) {
      const a = el("a", null, story.source_name);
      a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
      sourceLine.append(a);
    } else sourceLine.append(story.source_name);
  }
  storyBox.append(stepTitle, stepText, nav, sourceLine);
  storyBox.hidden = story.steps.length === 0;
  const goTo = guard((i, { animate = true, fromHash = false } = {}) => {
    if (!story.steps.length) return;
    i = Math.max(0, Math.min(story.steps.length - 1, i));
    stepIndex = i;
    const step = story.steps[i];
    map.goToStep(i, performance.now(), animate ? duration(900) : 0);
    stepTitle.textContent = step.title;
    stepText.textContent = step.text;
    counter.textContent = `Step ${i + 1} of ${story.steps.length}`;
    prev.disabled = i === 0;
    next.disabled = i === story.steps.length - 1;
    if (hash && !fromHash) history.replaceState(null, "", `#step=${encodeURIComponent(step.id)}`);
    ui.onStep?.(step, i);
    requestDraw();
  });
  prev.addEventListener("click", () => goTo(stepIndex - 1));
  next.addEventListener("click", () => goTo(stepIndex + 1));
  storyBox.addEventListener("keydown", (e) => {
    if (e.target.closest("a")) return;
    if (e.key === "ArrowRight" || e.key === "PageDown") { e.preventDefault(); goTo(stepIndex + 1); }
    if (e.key === "ArrowLeft" || e.key === "PageUp") { e.preventDefault(); goTo(stepIndex - 1); }
  });
  let swipeStart = null;
  storyBox.addEventListener("pointerdown", (e) => { swipeStart = [e.clientX, e.clientY]; });
  storyBox.addEventListener("pointerup", (e) => {
    if (!swipeStart) return;
    const dx = e.clientX - swipeStart[0], dy = e.clientY - swipeStart[1];
    swipeStart = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > 2 * Math.abs(dy)) goTo(stepIndex + (dx < 0 ? 1 : -1));
  });
  const stepFromHash = () => {
    const m = /step=([^&]+)/.exec(location.hash);
    if (!m) return -1;
    const id = decodeURIComponent(m[1]);
    return story.steps.findIndex((s) => s.id === id);
  };
  if (hash) addEventListener("hashchange", () => { const i = stepFromHash(); if (i >= 0 && i !== stepIndex) goTo(i, { fromHash: true }); });

  // ---- export: the current view with title, source line and attribution -------------------------
  const exportTitle = () => story.title || "farmmap";
  const download = (blob, name) => {
    const a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    shell.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 5000);
  };
  const exportPng = guard(() => new Promise((ok) => {
    const dpr = devicePixelRatio || 1;
    const w = canvas.width / dpr, h = canvas.height / dpr;
    const out = document.createElement("canvas");
    out.width = Math.round(w * dpr);
    out.height = Math.round((h + 74) * dpr);
    const g = out.getContext("2d");
    g.scale(dpr, dpr);
    g.fillStyle = "#fff";
    g.fillRect(0, 0, w, h + 74);
    g.fillStyle = "#111";
    g.font = "bold 17px sans-serif";
    g.fillText(exportTitle(), 8, 23);
    g.drawImage(canvas, 0, 34, w, h);
    g.fillStyle = "#333";
    g.font = "12px sans-serif";
    g.fillText(story.source_name ? `Source: ${story.source_name}` : "", 8, h + 51);
    g.fillStyle = "#555";
    g.font = "11px sans-serif";
    g.fillText(map.attribution().join(" · "), 8, h + 67);
    out.toBlob((blob) => { download(blob, "farmmap.png"); ok(blob); }, "image/png");
  }));
  const exportSvg = guard(() => {
    const blob = new Blob([map.exportSvg(exportTitle())], { type: "image/svg+xml" });
    download(blob, "farmmap.svg");
    return blob;
  });
  pngBtn.addEventListener("click", () => exportPng());
  svgBtn.addEventListener("click", () => exportSvg());

  // ---- owner groups of the cluster donuts -------------------------------------------------------
  const groupsLegend = el("div", "fm-legend-groups");
  legend.append(groupsLegend);
  const updateGroups = () => {
    const g = map.ownerGroups();
    groupsLegend.replaceChildren();
    if (!g.length) return;
    groupsLegend.append(el("h3", "fm-h fm-h-small", "Clusters: ring shows who farms are tied to"));
    for (let k = 0; k < g.length; k += 2) {
      const row = el("div", "fm-legend-row");
      const sw = el("span", "fm-sw");
      sw.style.background = g[k + 1];
      row.append(sw, el("span", null, g[k]));
      groupsLegend.append(row);
    }
  };
  updateGroups();

  // ---- notes ------------------------------------------------------------------------------------
  const updateNote = () => {
    const n = map.illustrativeCount();
    if (n > 0 && story.illustrative_note && n === map.farmCount()) {
      note.hidden = false;
      note.textContent = `Illustrative locations: ${story.illustrative_note}`;
      return;
    }
    note.hidden = n === 0;
    note.textContent = n === 0 ? "" :
      `Illustrative locations: the source does not give where the farms were, so ${n === map.farmCount() ? "all" : n} farm sites on this map are placed for illustration within a region (drawn as dashed halos).`;
  };
  updateNote();
  attribution.textContent = `Basemap: ${map.attribution().join(" · ")}`;

  map.attachNetwork(netCanvas);
  const network = mountNetwork(netBox, netCanvas, {
    map, requestDraw, guard, announce: (t) => { live.textContent = t; }, selectFarm: (i) => select(i),
  });
  const charts = mountCharts(chartsBox, {
    map, requestDraw, guard, announce: (t) => { live.textContent = t; },
  });
  const fillTable = guard(() => {
    const { farms, ties } = map.tableSentences();
    const section = (title, lines) => {
      const h = el("h3", "fm-h", `${title} (${lines.length})`);
      const list = el("ul", "fm-table-list");
      list.append(...lines.map((t) => el("li", null, t)));
      return [h, list];
    };
    table.replaceChildren(tableSummary, ...section("Ties", ties), ...section("Farms", farms));
  });
  table.addEventListener("toggle", () => { if (table.open) fillTable(); });
  const ui = {
    map, canvas, netCanvas, network, requestDraw, select, goTo, storyReport, charts, exportPng, exportSvg,
    get step() { return stepIndex; },
    loadSynthetic: guard((n, seed = 1) => {
      map.loadSynthetic(n, seed);
      select(-1);
      updateGroups();
      updateNote();
      storyBox.hidden = true;
      charts.draw();
      requestDraw();
    }),
    /** Replace the farms with a CSV or GeoJSON file; returns the import report. */
    loadFarms: guard((name, bytes) => {
      const report = map.loadFarms(name, bytes);
      select(-1);
      updateGroups();
      charts.draw();
      if (table.open) fillTable();
      updateNote();
      requestDraw();
      return report;
    }),
  };
  if (story.steps.length) {
    const fromHash = hash ? stepFromHash() : -1;
    goTo(fromHash >= 0 ? fromHash : 0, { animate: false, fromHash: fromHash >= 0 });
  }
  return ui;
}
