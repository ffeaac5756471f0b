// node bench/frames.mjs [--cases synthetic,highlighted,one-site,network] [--seconds 3] [--farms 100000]
//   [--nodes 50000] [--stuck-seconds 120] [--runs 1] [--unthrottled]
//
// Frame times of the demo page (www/index.html) in headless Debian Chromium while a script
// pans and zooms, one JSON line per case and phase:
//   frame p50/p95/max  — requestAnimationFrame deltas (what a reader sees), ms
//   draw p50/p95/max   — the time of FarmMap.draw itself inside those frames, ms
//   longestTaskMs      — the longest main-thread task in the phase (PerformanceObserver
//                        "longtask"; tasks over 50 ms only, so 0 means none)
//   setupMs            — loading the case's data through the page API
//   stuck              — a setup or phase that did not finish within --stuck-seconds (one
//                        task holding the main thread); the line says where
// Cases (all through the page's own API, `window.farmmap`):
//   synthetic   — ui.loadSynthetic(N): N seeded synthetic farms
//   highlighted — N farms in a CSV (ui.loadFarms) all tied to one owner; that owner's bar
//                 in the owners chart lit (charts.select), so all N are highlighted
//   one-site    — N farms at one site (ui.loadFarms); the cluster there expanded with
//                 map.expandCluster (fanned out if the UI allows, said in "spiderfied")
//   network     — a generated story (map.loadStory) whose entities/links files hold a
//                 random recursive tree of M nodes (node i owned by a seeded random earlier
//                 node), one farm tied to the root; the pane refreshed; pan and zoom on the
//                 network canvas (networkPanBy / networkZoomAt) while the layout runs
// --runs N repeats each case N times (a fresh page each): one line per run, then per case and
// phase a "summary" line with each figure's median and its spread [min, max] over the runs.
// --unthrottled starts Chromium without its frame-rate limit and vsync: rAF deltas are then
// each frame's own cost (script, paint, raster) rather than the display's 16.7 ms period,
// which hides any frame cheaper than that (a 60 Hz p95 of 16.8 ms means no frame missed).
// A benchmark, not a test: nothing is asserted. Machines differ; compare runs on one machine.
import { start } from "../tests/harness.mjs";

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const CASES = arg("cases", "synthetic,highlighted,one-site,network").split(",");
const SECONDS = Number(arg("seconds", "3"));
const FARMS = Number(arg("farms", "100000"));
const NODES = Number(arg("nodes", "50000"));
/** A setup or phase still running after this long is reported as stuck (and the page closed). */
const STUCK_MS = Number(arg("stuck-seconds", "120")) * 1000;
const RUNS = Math.max(1, Number(arg("runs", "1")));
/** Figures summarised over runs (medians with spread). */
const FIGURES = ["p50", "p95", "max", "drawP50", "drawP95", "drawMax", "longestTaskMs", "setupMs"];
/** Median and [min, max] of each figure over the runs' lines of one case and phase. */
function summary(lines) {
  const out = { bench: "frames", summary: true, case: lines[0].case, phase: lines[0].phase, runs: lines.length };
  for (const f of FIGURES) {
    const xs = lines.map((l) => l[f]).filter((x) => typeof x === "number").sort((a, b) => a - b);
    if (!xs.length) continue;
    const m = xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
    out[f] = { median: Math.round(m * 10) / 10, spread: [xs[0], xs[xs.length - 1]] };
  }
  if (lines.some((l) => l.stuck)) out.stuck = lines.filter((l) => l.stuck).length;
  return out;
}

/** In the page: drive one phase (pan or zoom, on the map or the network) and measure it. */
function phaseInPage({ target, kind, seconds }) {
  const ui = window.farmmap;
  const map = ui.map;
  const q = (xs, p) => {
    if (!xs.length) return null;
    const s = [...xs].sort((a, b) => a - b);
    return Math.round(s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))] * 10) / 10;
  };
  return new Promise((resolve) => {
    const draws = [];
    const own = Object.prototype.hasOwnProperty.call(map, "draw");
    const draw = map.draw;
    map.draw = function (now) { const t = performance.now(); try { return draw.call(this, now); } finally { draws.push(performance.now() - t); } };
    let longest = 0;
    const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) longest = Math.max(longest, e.duration); });
    obs.observe({ type: "longtask" });
    const deltas = [];
    const t0 = performance.now();
    let last = t0, i = 0;
    const canvas = target === "network" ? ui.netCanvas : ui.canvas;
    const r = canvas.getBoundingClientRect();
    const step = (now) => {
      deltas.push(now - last);
      last = now;
      i++;
      // A steady pan in a circle, or a zoom in and out around the middle, once a frame.
      if (kind === "pan") {
        const a = i / 20, dx = 12 * Math.cos(a), dy = 12 * Math.sin(a);
        if (target === "network") map.networkPanBy(dx, dy); else map.panBy(dx, dy);
      } else {
        const d = (Math.floor(i / 30) % 2 ? -1 : 1) * 0.08;
        if (target === "network") map.networkZoomAt(r.width / 2, r.height / 2, d); else map.zoomAt(r.width / 2, r.height / 2, d);
      }
      ui.requestDraw();
      // At least a few frames, however slow they are.
      if (now - t0 < seconds * 1000 || deltas.length < 4) { requestAnimationFrame(step); return; }
      setTimeout(() => {
        obs.disconnect();
        if (own) map.draw = draw; else delete map.draw;
        const frames = deltas.slice(1);
        resolve({
          frames: frames.length, p50: q(frames, 0.5), p95: q(frames, 0.95), max: q(frames, 1),
          drawP50: q(draws, 0.5), drawP95: q(draws, 0.95), drawMax: q(draws, 1),
          longestTaskMs: Math.round(longest),
        });
      }, 100);
    };
    requestAnimationFrame((now) => { last = now; requestAnimationFrame(step); });
  });
}

/** In the page: load a case's data; returns what the case set up. */
async function setupInPage({ name, farms, nodes }) {
  const ui = window.farmmap;
  const { map } = ui;
  const t = performance.now();
  let rng = 12345;
  const rand = () => { rng = (rng * 1103515245 + 12345) % 2147483648; return rng / 2147483648; };
  const info = {};
  const csv = (row) => {
    const lines = ["id,name,lat,lon,owner,status"];
    for (let i = 0; i < farms; i++) lines.push(row(i));
    return new TextEncoder().encode(lines.join("\n"));
  };
  if (name === "synthetic") await ui.loadSynthetic(farms, 1); // in slices (www/loading.js)
  if (name === "highlighted") {
    ui.loadFarms("all-one-owner.csv", csv((i) => `f${i},Farm ${i},${(41 + rand() * 13).toFixed(4)},${(47 + rand() * 38).toFixed(4)},Holding X,${i % 2 ? "operating" : "shut down"}`));
    ui.charts.select("owners", "Holding X");
    info.highlighted = map.highlightedFarms().length;
  }
  if (name === "one-site") {
    ui.loadFarms("one-site.csv", csv((i) => `f${i},Farm ${i},51.7,75.3,Owner ${i % 7},operating`));
    map.draw(performance.now());
    const cluster = map.visibleItems().find((it) => it.kind === "cluster");
    info.clusterCount = cluster?.kind === "cluster" ? cluster.count : 0;
    // Zoom into the cluster until it fans out (expandCluster zooms in while it can).
    for (let k = 0; k < 40 && cluster; k++) {
      const c = map.visibleItems().find((it) => it.kind === "cluster");
      if (!c || c.kind !== "cluster") break;
      if (map.expandCluster(c.cluster, performance.now(), 0)) { info.spiderfied = true; break; }
      map.draw(performance.now() + 1000);
    }
    info.spiderfied ??= false;
    // The first frame with the cluster fanned out, on its own.
    const f0 = performance.now();
    map.draw(performance.now() + 1000);
    info.firstFrameMs = Math.round(performance.now() - f0);
    info.visibleItems = map.visibleItems().length;
  }
  if (name === "network") {
    const entities = ["id,name,kind", "n0,Root Holding,company"];
    const links = ["source_id,target_id,type,source_url,confidence"];
    for (let i = 1; i < nodes; i++) {
      entities.push(`n${i},${i % 3 ? "Person" : "Company"} ${i},${i % 3 ? "person" : "company"}`);
      links.push(`n${Math.floor(rand() * i)},n${i},owns,https://example.org/s,reported`);
    }
    const story = {
      title: "Generated network", steps: [{ id: "all", title: "All", text: "" }],
      farms: { name: "farms.csv", text: "id,name,lat,lon,owner\nf1,Farm,51.7,75.3,Root Holding\n" },
      entities: { name: "entities.csv", text: entities.join("\n") }, links: { name: "links.csv", text: links.join("\n") },
    };
    map.loadStory("generated.json", JSON.stringify(story));
    ui.network.refresh();
    info.shownNodes = map.networkNames().length;
  }
  ui.requestDraw();
  info.setupMs = Math.round(performance.now() - t);
  return info;
}

/** A step that has not finished after `ms`: the page is stuck in one task; say so and move on. */
class Stuck extends Error {}
const within = (ms, promise) => Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Stuck()), ms))]);

// --unthrottled: Chromium draws frames as fast as it can (no 60 Hz vsync cap), so the rAF
// deltas measure a frame's own cost (script, paint, raster) instead of the display's period.
const UNTHROTTLED = process.argv.includes("--unthrottled");
const env = await start({ args: UNTHROTTLED ? ["--disable-frame-rate-limit", "--disable-gpu-vsync"] : [] });
try {
  for (const name of CASES) {
    /** @type {Map<string, object[]>} this case's lines by phase, over the runs */
    const byPhase = new Map();
    const emit = (line) => {
      console.log(JSON.stringify(line));
      if (!byPhase.has(line.phase)) byPhase.set(line.phase, []);
      byPhase.get(line.phase).push(line);
    };
    for (let run = 1; run <= RUNS; run++) {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(0);
    page.on("pageerror", (e) => console.error(`pageerror: ${e.message}`));
    // Cases that load farms or entities files need the full build (the reader's reads
    // published stories only).
    await page.goto(`${env.origin}/${name === "synthetic" ? "" : "?build=full"}`);
    await page.waitForFunction(() => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length, null, { timeout: 60000 });
    const size = name === "network" ? NODES : FARMS;
    const target = name === "network" ? "network" : "map";
    let phase = "setup";
    let info = {};
    try {
      info = await within(STUCK_MS, page.evaluate(setupInPage, { name, farms: FARMS, nodes: NODES }));
      for (const kind of ["pan", "zoom"]) {
        phase = `${target} ${kind}`;
        const r = await within(STUCK_MS + SECONDS * 1000, page.evaluate(phaseInPage, { target, kind, seconds: SECONDS }));
        const broken = await page.evaluate(() => document.querySelector(".fm-error")?.textContent ?? null);
        emit({ bench: "frames", case: name, phase, run, size, ...info, ...r, ...(broken ? { broken } : {}) });
      }
    } catch (err) {
      if (!(err instanceof Stuck)) throw err;
      emit({ bench: "frames", case: name, phase, run, size, ...info, stuck: true, note: `one main-thread task ran past ${STUCK_MS / 1000} s; the page was closed` });
    }
    await context.close().catch(() => {});
    }
    if (RUNS > 1) for (const lines of byPhase.values()) console.log(JSON.stringify(summary(lines)));
  }
} finally {
  await env.close();
}
