// node bench/longtasks.mjs [--sizes 100000,1000000] [--runs 3] [--seconds 3] [--no-trace]
//
// Does loading many farms freeze the page? In headless Debian Chromium, on the demo page
// (www/index.html), per size and run: `ui.loadSynthetic(N)` (made and clustered in slices,
// www/loading.js) while a rAF loop pans the map every frame; then a pan phase and a zoom
// phase on the loaded map. One JSON line per run, then one per size with medians (min–max):
//   load.totalMs          — from the call to the new farms shown (and the page updated)
//   load.longestTaskMs    — longest main-thread task during the load (PerformanceObserver
//                           "longtask": tasks over 50 ms only, so 0 means none over 50 ms)
//   load.longestSliceMs   — longest slice of loading work (User Timing "farmmap:load-slice"),
//                           slices, and the p95 slice
//   load.frameP50/P95/Max — requestAnimationFrame deltas during the load (the map pans)
//   load.pannedPx         — how far the map moved while loading (camera centre, CSS px)
//   pan / zoom            — rAF deltas p50/p95/max and longest task while panning / zooming
//   loadTrace / trace (every run unless --no-trace): DevTools traces (CDP Tracing via
//     playwright's browser.startTracing) of the load, and of the pan and zoom phases:
//     the renderer main thread's longest task by wall time and by its own CPU time (on a
//     shared machine wall time includes being descheduled) and counts over 50 ms; per
//     frame (FireAnimationFrame events) the time in the rAF callback, in paint, and
//     raster / GPU / display-compositor time from the worker and GPU processes (ms per
//     frame, p50/p95/max).
// A benchmark, not a test: nothing is asserted. Machines differ; compare runs on one machine
// (the load average is printed with each line).
import os from "node:os";
import { start } from "../tests/harness.mjs";

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const SIZES = arg("sizes", "100000,1000000").split(",").map(Number);
const RUNS = Number(arg("runs", "3"));
const SECONDS = Number(arg("seconds", "3"));
const TRACE = !process.argv.includes("--no-trace");

/** In the page: load N synthetic farms while panning every frame; measure the load. */
async function loadInPage({ n }) {
  const ui = window.farmmap, map = ui.map;
  const q = (xs, p) => {
    if (!xs.length) return null;
    const s = [...xs].sort((a, b) => a - b);
    return Math.round(s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))] * 10) / 10;
  };
  let longest = 0, longTasks = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) { longest = Math.max(longest, e.duration); longTasks++; }
  });
  obs.observe({ type: "longtask" });
  performance.clearMeasures("farmmap:load-slice");
  const deltas = [];
  let loading = true, i = 0, last = 0;
  const cam0 = map.camera();
  const pan = (now) => {
    if (last) deltas.push(now - last);
    last = now;
    i++;
    map.panBy(6 * Math.cos(i / 15), 6 * Math.sin(i / 15));
    ui.requestDraw();
    if (loading) requestAnimationFrame(pan);
  };
  let pannedPx = 0;
  const t0 = performance.now();
  requestAnimationFrame(pan);
  const probe = setInterval(() => {
    const c = map.camera();
    pannedPx = Math.max(pannedPx, Math.hypot(c.centerX - cam0.centerX, c.centerY - cam0.centerY) * (2 ** c.zoom) * 256);
  }, 50);
  const shown = await ui.loadSynthetic(n, 1);
  const totalMs = performance.now() - t0;
  loading = false;
  clearInterval(probe);
  await new Promise((r) => setTimeout(r, 200)); // late longtask entries
  obs.disconnect();
  const slices = performance.getEntriesByName("farmmap:load-slice").map((e) => e.duration);
  return {
    shown, farms: map.farmCount(), totalMs: Math.round(totalMs),
    longestTaskMs: Math.round(longest), longTasks,
    slices: slices.length, longestSliceMs: q(slices, 1), sliceP95: q(slices, 0.95),
    frames: deltas.length, frameP50: q(deltas, 0.5), frameP95: q(deltas, 0.95), frameMax: q(deltas, 1),
    pannedPx: Math.round(pannedPx),
  };
}

/** In the page: pan or zoom the loaded map once a frame for `seconds`; rAF deltas. */
function phaseInPage({ kind, seconds }) {
  const ui = window.farmmap, map = ui.map;
  const q = (xs, p) => {
    if (!xs.length) return null;
    const s = [...xs].sort((a, b) => a - b);
    return Math.round(s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))] * 10) / 10;
  };
  return new Promise((resolve) => {
    let longest = 0;
    const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) longest = Math.max(longest, e.duration); });
    obs.observe({ type: "longtask" });
    const deltas = [];
    const r = ui.canvas.getBoundingClientRect();
    const t0 = performance.now();
    let last = t0, i = 0;
    const step = (now) => {
      deltas.push(now - last);
      last = now;
      i++;
      if (kind === "pan") map.panBy(12 * Math.cos(i / 20), 12 * Math.sin(i / 20));
      else map.zoomAt(r.width / 2, r.height / 2, (Math.floor(i / 30) % 2 ? -1 : 1) * 0.08);
      ui.requestDraw();
      if (now - t0 < seconds * 1000 || deltas.length < 4) { requestAnimationFrame(step); return; }
      setTimeout(() => {
        obs.disconnect();
        const frames = deltas.slice(1);
        resolve({ frames: frames.length, p50: q(frames, 0.5), p95: q(frames, 0.95), max: q(frames, 1), longestTaskMs: Math.round(longest) });
      }, 100);
    };
    requestAnimationFrame((now) => { last = now; requestAnimationFrame(step); });
  });
}

/**
 * Per-frame times from a Chrome trace: frames are the renderer main thread's
 * FireAnimationFrame events; each other event counts toward the frame whose interval holds
 * its start. Raster = RasterTask (raster worker threads); GPU = GPUTask / the GPU process's
 * work; display = the viz compositor's DrawFrame / Display::DrawAndSwap.
 */
function traceFrames(trace) {
  const events = (trace.traceEvents ?? trace).filter((e) => e.ph === "X" && typeof e.dur === "number");
  const raf = events.filter((e) => e.name === "FireAnimationFrame").sort((a, b) => a.ts - b.ts);
  const mainPid = raf[0]?.pid, mainTid = raf[0]?.tid;
  const kinds = {
    rafCallback: (e) => e.name === "FireAnimationFrame",
    paint: (e) => e.pid === mainPid && e.tid === mainTid && (e.name === "Paint" || e.name === "PrePaint" || e.name === "Layerize" || e.name === "Commit"),
    raster: (e) => e.name === "RasterTask",
    gpu: (e) => e.name === "GPUTask" || e.name === "CommandBufferStub::OnAsyncFlush" || e.name === "GpuChannel::ExecuteDeferredRequest",
    display: (e) => e.name === "Display::DrawAndSwap" || e.name === "DirectRenderer::DrawFrame" || e.name === "SkiaOutputSurfaceImplOnGpu::SwapBuffers",
  };
  const perFrame = Object.fromEntries(Object.keys(kinds).map((k) => [k, new Array(raf.length).fill(0)]));
  const frameOf = (ts) => {
    let lo = 0, hi = raf.length - 1;
    if (hi < 0 || ts < raf[0].ts) return -1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (raf[mid].ts <= ts) lo = mid; else hi = mid - 1; }
    return lo;
  };
  const counts = {};
  for (const e of events) {
    for (const [k, is] of Object.entries(kinds)) {
      if (!is(e)) continue;
      counts[k] = (counts[k] ?? 0) + 1;
      const f = frameOf(e.ts);
      if (f >= 0) perFrame[k][f] += e.dur / 1000;
    }
  }
  const q = (xs, p) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))] * 100) / 100 : null;
  };
  const out = { frames: raf.length, events: counts };
  for (const k of Object.keys(kinds)) out[k] = { p50: q(perFrame[k], 0.5), p95: q(perFrame[k], 0.95), max: q(perFrame[k], 1) };
  return out;
}

/**
 * The renderer main thread's tasks (RunTask on the thread that fires animation frames) in a
 * trace: the longest by wall time (`dur`, what the page waits) and by the thread's own CPU
 * time (`tdur`: on a shared machine a task is often descheduled, and wall time then counts
 * other processes' work), and how many exceed 50 ms each way.
 */
function mainTasks(trace) {
  const events = (trace.traceEvents ?? trace);
  const raf = events.find((e) => e.name === "FireAnimationFrame");
  if (!raf) return null;
  const tasks = events.filter((e) => e.ph === "X" && e.name === "RunTask" && e.pid === raf.pid && e.tid === raf.tid);
  const ms = (us) => Math.round(us / 100) / 10;
  const wall = tasks.map((e) => e.dur ?? 0), cpu = tasks.map((e) => e.tdur ?? 0);
  return {
    tasks: tasks.length,
    longestWallMs: ms(Math.max(0, ...wall)), longestCpuMs: ms(Math.max(0, ...cpu)),
    over50Wall: wall.filter((d) => d > 50000).length, over50Cpu: cpu.filter((d) => d > 50000).length,
  };
}

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!s.length) return null;
  return { median: s[Math.floor((s.length - 1) / 2)], min: s[0], max: s.at(-1) };
};

const env = await start();
try {
  for (const n of SIZES) {
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      page.setDefaultTimeout(0);
      page.on("pageerror", (e) => console.error(`pageerror: ${e.message}`));
      await page.goto(`${env.origin}/`);
      await page.waitForFunction(() => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length, null, { timeout: 60000 });
      const trace = TRACE;
      const categories = ["devtools.timeline", "disabled-by-default-devtools.timeline", "disabled-by-default-devtools.timeline.frame",
        "blink", "cc", "gpu", "viz", "toplevel"];
      const stopTrace = async () => JSON.parse((await env.browser.stopTracing()).toString());
      if (trace) await env.browser.startTracing(page, { categories });
      const load = await page.evaluate(loadInPage, { n });
      const line = { bench: "longtasks", n, run, load };
      if (trace) {
        line.loadTrace = mainTasks(await stopTrace());
        await env.browser.startTracing(page, { categories });
      }
      line.pan = await page.evaluate(phaseInPage, { kind: "pan", seconds: SECONDS });
      line.zoom = await page.evaluate(phaseInPage, { kind: "zoom", seconds: SECONDS });
      line.loadavg = os.loadavg().map((x) => Math.round(x * 100) / 100);
      if (trace) {
        const t = await stopTrace();
        line.trace = { ...traceFrames(t), mainTasks: mainTasks(t) };
      }
      console.log(JSON.stringify(line));
      runs.push(line);
      await context.close().catch(() => {});
    }
    const pick = (f) => median(runs.map(f));
    console.log(JSON.stringify({
      bench: "longtasks", n, runs: runs.length, summary: "median (min–max) over runs",
      loadTotalMs: pick((r) => r.load.totalMs), loadLongestTaskMs: pick((r) => r.load.longestTaskMs),
      loadLongestSliceMs: pick((r) => r.load.longestSliceMs), loadFrameP50: pick((r) => r.load.frameP50),
      loadFrameP95: pick((r) => r.load.frameP95), panP50: pick((r) => r.pan.p50), panP95: pick((r) => r.pan.p95),
      zoomP50: pick((r) => r.zoom.p50), zoomP95: pick((r) => r.zoom.p95),
      phaseLongestTaskMs: pick((r) => Math.max(r.pan.longestTaskMs, r.zoom.longestTaskMs)),
      loadLongestTaskCpuMs: pick((r) => r.loadTrace?.longestCpuMs), loadTasksOver50Cpu: pick((r) => r.loadTrace?.over50Cpu),
      phaseLongestTaskCpuMs: pick((r) => r.trace?.mainTasks?.longestCpuMs),
      rafCallbackP95Ms: pick((r) => r.trace?.rafCallback.p95), paintP95Ms: pick((r) => r.trace?.paint.p95),
      rasterP95Ms: pick((r) => r.trace?.raster.p95), displayP95Ms: pick((r) => r.trace?.display.p95),
    }));
  }
} finally {
  await env.close();
}
