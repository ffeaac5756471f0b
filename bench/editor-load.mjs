// node bench/editor-load.mjs [--rows 100000] [--runs 3] [--formats csv,xlsx]
//
// A big farms file through the editor (www/editor.html) in headless Debian Chromium, the
// way an editor loads it: pick the file (its bytes go into the draft, the worker checks it
// and the column table appears), then "Check and preview" (checked again in the worker; the
// preview map loads the checked data), then one step is added and the story published:
// "Download the story file" (phase "download") and the publish kit's "Make a picture of
// every step" (phase "kit"), both made in the editor's worker. The anchor, side by side:
// the same calls (`publishStory`, `stepPosters`) on the page's main thread, as the editor
// made them before (phases "download-on-main-thread", "kit-on-main-thread"). The files are
// generated first — the same N seeded farms as CSV and XLSX, by `cargo run --release --example write_farms` (nothing big is
// committed). One JSON line per format and phase, medians of --runs fresh pages with the
// spread (min–max):
//   totalMs        — from picking the file to the column table (phase "pick"), from the
//                    click to the preview's farms on the map (phase "preview"), to the
//                    downloaded file ("download"), to the pictures listed ("kit")
//   longestTaskMs  — the longest main-thread task meanwhile (PerformanceObserver "longtask":
//                    only tasks over 50 ms are reported, so 0 means none over 50 ms)
//   longTasks      — how many tasks over 50 ms
//   trace (with --trace): a DevTools trace (CDP Tracing, as bench/longtasks.mjs takes it) of
//                    the phase; for each main-thread task over 50 ms its wall and CPU time
//                    and what ran in it: the trace events with the most self time (a JS
//                    call as function@file:line, GC, layout, style, message deserialisation…);
//                    and per phase (pick, preview, download) longestTaskCpuMs: the longest
//                    task by the main thread's own CPU time (on a loaded machine a task's wall
//                    time also counts the time it was descheduled)
// A benchmark, not a test: nothing is asserted. Machines differ; compare runs on one machine.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { start, openPage } from "../tests/harness.mjs";

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const ROWS = Number(arg("rows", "100000"));
const RUNS = Number(arg("runs", "3"));
const FORMATS = arg("formats", "csv,xlsx").split(",");
const STUCK_MS = 600000;
const TRACE = process.argv.includes("--trace");
const CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.execute", "blink", "toplevel", "disabled-by-default-v8.gc"];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "farmmap-editor-load-"));
const files = { csv: path.join(dir, "farms.csv"), xlsx: path.join(dir, "farms.xlsx") };
execFileSync("cargo", ["run", "--quiet", "--release", "--example", "write_farms", "--", String(ROWS), files.csv, files.xlsx], { stdio: "inherit" });

/** In the page: start counting long tasks. */
function observe() {
  window.benchTasks = [];
  window.benchObserver = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.benchTasks.push(e.duration); });
  window.benchObserver.observe({ type: "longtask" });
  window.benchT0 = performance.now();
}
/** In the page: the tasks since `observe` (those not yet handed to the observer too), and the time. */
function collect() {
  for (const e of window.benchObserver.takeRecords()) window.benchTasks.push(e.duration);
  const tasks = window.benchTasks;
  window.benchTasks = [];
  const ms = performance.now() - window.benchT0;
  window.benchT0 = performance.now();
  return { totalMs: ms, longestTaskMs: tasks.length ? Math.max(...tasks) : 0, longTasks: tasks.length };
}

/**
 * The main threads' (CrRendererMain) tasks over 50 ms in a trace, each with the events that
 * spent most of its time themselves (self time: an event's duration less its children's).
 */
function longTasksIn(trace) {
  const events = trace.traceEvents ?? trace;
  const mains = new Set(events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  const ms = (us) => Math.round(us / 100) / 10;
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== "X" || typeof e.dur !== "number" || !mains.has(`${e.pid}:${e.tid}`)) continue;
    const k = `${e.pid}:${e.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  const label = (e) => {
    const d = e.args?.data ?? e.args?.beginData ?? {};
    if (d.functionName !== undefined || d.url) return `${e.name} ${d.functionName || "(anonymous)"}@${String(d.url ?? "").split("/").pop()}:${d.lineNumber ?? ""}`;
    if (d.type) return `${e.name} ${d.type}`;
    return e.name;
  };
  const out = [];
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    for (const task of list.filter((e) => e.name === "ThreadControllerImpl::RunTask" || e.name === "RunTask")) {
      if (task.dur < 50000) continue;
      const end = task.ts + task.dur;
      const inside = list.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= end);
      // Self time: each event less the events directly inside it.
      const self = new Map();
      const stack = [];
      for (const e of inside) {
        while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
        const parent = stack.at(-1);
        if (parent) parent.self -= e.dur;
        const node = { ts: e.ts, dur: e.dur, self: e.dur, label: label(e) };
        stack.push(node);
        self.set(node, true);
      }
      const sums = new Map();
      for (const node of self.keys()) sums.set(node.label, (sums.get(node.label) ?? 0) + node.self);
      const top = [...sums].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([l, us]) => `${ms(us)} ${l}`);
      out.push({ wallMs: ms(task.dur), cpuMs: ms(task.tdur ?? 0), top });
    }
  }
  return out;
}

async function once(env, format) {
  const { page, context } = await openPage(env, "/editor.html");
  const traces = {};
  let tracing = null;
  const trace = async (phase) => {
    if (!TRACE) return;
    if (tracing) traces[tracing] = longTasksIn(JSON.parse((await env.browser.stopTracing()).toString()));
    tracing = phase;
    if (phase) await env.browser.startTracing(page, { categories: CATEGORIES });
  };
  page.setDefaultTimeout(STUCK_MS);
  await page.waitForSelector("body[data-ed-ready]");
  await page.click("#ed-new-draft");
  await page.waitForTimeout(300);
  await trace("pick");
  await page.evaluate(observe);
  await page.setInputFiles("#ed-farms", files[format]);
  await page.waitForFunction((n) => window.farmmapEditor.checked?.report.loaded === n && document.querySelector(".ed-map-table"), ROWS, { polling: 50 });
  const pick = await page.evaluate(collect);
  await trace("preview");
  await page.click("#ed-preview");
  await page.waitForFunction((n) => window.farmmapEditor.preview?.map.farmCount() === n, ROWS, { polling: 50 });
  // The frame after the preview's first paint.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const preview = await page.evaluate(collect);
  await trace(null);
  // One step, so the publish kit has a picture to draw.
  await page.click("#ed-add-step-view");
  await page.waitForTimeout(300);
  await page.evaluate(collect);
  // "Download the story file": published in the worker (editor-jobs.js).
  await trace("download");
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#ed-download")]);
  await dl.path();
  const download = await page.evaluate(collect);
  await trace(null);
  // "Make a picture of every step": drawn in the worker.
  await page.click("#ed-kit-make");
  await page.waitForFunction(() => /drawn/.test(document.getElementById("ed-kit-status")?.textContent ?? ""), null, { polling: 50 });
  const kit = await page.evaluate(collect);
  // The anchor: the same two calls on the page's main thread, as the editor made them before.
  await page.evaluate(async () => {
    const m = await import("./pkg/farmmap.js");
    m.publishStory("story.json", m.storyToJson(window.farmmapEditor.buildStory()), true);
  });
  const downloadMain = await page.evaluate(collect);
  await page.evaluate(async () => {
    const m = await import("./pkg/farmmap.js");
    const text = m.storyToJson(window.farmmapEditor.buildStory());
    m.stepPosters("story.json", m.publishStory("story.json", text, true).text ?? text, 700, 500);
  });
  const kitMain = await page.evaluate(collect);
  await context.close();
  if (TRACE) {
    console.log(JSON.stringify({ bench: "editor-load", format, traces }));
    // The longest task by the main thread's own CPU time (wall time counts being descheduled).
    for (const [phase, r] of [["pick", pick], ["preview", preview], ["download", download]]) r.longestTaskCpuMs = Math.max(0, ...traces[phase].map((t) => t.cpuMs));
  }
  return { pick, preview, download, kit, "download-on-main-thread": downloadMain, "kit-on-main-thread": kitMain };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const r1 = (x) => Math.round(x * 10) / 10;
const env = await start();
try {
  for (const format of FORMATS) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await once(env, format));
    for (const phase of ["pick", "preview", "download", "kit", "download-on-main-thread", "kit-on-main-thread"]) {
      const line = { bench: "editor-load", format, rows: ROWS, bytes: fs.statSync(files[format]).size, phase, runs: RUNS, loadavg: os.loadavg().map((x) => Math.round(x * 10) / 10) };
      for (const key of ["totalMs", "longestTaskMs", "longTasks", "longestTaskCpuMs"]) {
        const xs = runs.map((r) => r[phase][key]);
        if (xs.some((x) => x === undefined)) continue;
        line[key] = r1(median(xs));
        line[`${key}Spread`] = [r1(Math.min(...xs)), r1(Math.max(...xs))];
      }
      console.log(JSON.stringify(line));
    }
  }
} finally {
  await env.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
