// node bench/first-load.mjs [--pages examples/article.html,index.html] [--runs 3] [--over 12] [--cpu 1]
//                            [--kids 6] [--kid-us 1000] [--variants name=DIR,name=DIR]
//
// Which main-thread tasks does a reader's first load run? Lighthouse's mobile profile
// multiplies every observed task by 4 (simulated throttling), so a task over ~12 ms here
// counts as blocking there (scripts/lighthouse.mjs gives the scores). In headless Debian
// Chromium at a phone's size (412 × 823), per page and run: a DevTools trace (CDP Tracing)
// from navigation until every map on the page is ready and 3 s more have passed; then the
// renderer main thread's tasks over `--over` ms (wall time and the thread's CPU time), each
// with what ran inside it (its `--kids` longest events over `--kid-us` µs: script calls, timers, frames, layout, parse and
// compile events, and the User Timing marks in it), and the time of the poster's paint
// (the first `farmmap:*` marks and LCP candidates). `--cpu N` throttles the CPU by N (CDP).
// One JSON line per run, then the median per page of the task count and the longest task.
// `--variants`: A/B of reader wasm builds, each DIR a pkg-reader/ as scripts/build.sh writes it;
// the page's /pkg-reader/ requests are answered from DIR (uncompressed), runs interleaved
// (run 1 of each variant, then run 2, ...), medians per page and variant.
// A benchmark, not a test: nothing is asserted. The machine is shared: the load average is
// printed with each line.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { start } from "../tests/harness.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const PAGES = arg("pages", "examples/article.html,index.html").split(",");
const RUNS = Number(arg("runs", "3"));
const OVER = Number(arg("over", "12"));
const CPU = Number(arg("cpu", "1"));
const VARIANTS = arg("variants", "").split(",").filter(Boolean).map((v) => v.split("="));
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm" };

const CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "loading", "v8", "toplevel", "v8.execute"];

/** What ran inside one task: its longest named children. */
function inside(task, events) {
  const end = task.ts + task.dur;
  const kids = events.filter((e) => e !== task && e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts < end && e.ph === "X" && (e.dur ?? 0) > Number(arg("kid-us", "1000")));
  const label = (e) => {
    const d = e.args?.data ?? {};
    const where = d.functionName || d.url ? `${d.functionName ?? ""}@${String(d.url ?? "").split("/").slice(-2).join("/")}:${d.lineNumber ?? ""}` : "";
    return `${e.name}${where ? ` ${where}` : ""}`;
  };
  return kids.sort((a, b) => b.dur - a.dur).slice(0, Number(arg("kids", "6"))).map((e) => `${label(e)} ${(e.dur / 1000).toFixed(1)}ms`);
}

function analyse(trace) {
  const events = trace.traceEvents ?? trace;
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain"
    && events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === "ParseHTML"));
  if (!main) return null;
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const nav = onMain.find((e) => e.name === "ParseHTML")?.ts ?? onMain[0].ts;
  const ms = (us) => Math.round(us / 100) / 10;
  const tasks = onMain.filter((e) => e.ph === "X" && e.name === "RunTask" && (e.dur ?? 0) > OVER * 1000);
  const marks = onMain.filter((e) => e.cat?.includes("user_timing") && e.name.startsWith("farmmap:") && (e.ph === "R" || e.ph === "I" || e.ph === "n"));
  const lcp = events.filter((e) => e.name === "largestContentfulPaint::Candidate").map((e) => ms(e.ts - nav));
  return {
    tasksOver: tasks.length,
    longestWallMs: ms(Math.max(0, ...tasks.map((t) => t.dur))),
    longestCpuMs: ms(Math.max(0, ...tasks.map((t) => t.tdur ?? 0))),
    // The CPU time of each task over `--over` ms that drew an embed's first map frame.
    firstFrameCpuMs: tasks.filter((t) => marks.some((m) => m.name === "farmmap:first-frame" && m.ts >= t.ts && m.ts < t.ts + t.dur)).map((t) => ms(t.tdur ?? 0)),
    sumOverWallMs: ms(tasks.reduce((s, t) => s + t.dur, 0)),
    lcpCandidatesMs: lcp,
    marks: Object.fromEntries(marks.map((m) => [m.name, ms(m.ts - nav)])),
    tasks: tasks.map((t) => ({ atMs: ms(t.ts - nav), wallMs: ms(t.dur), cpuMs: ms(t.tdur ?? 0), inside: inside(t, onMain),
      marks: marks.filter((m) => m.ts >= t.ts && m.ts < t.ts + t.dur).map((m) => m.name) })),
  };
}

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  return s.length ? { median: s[Math.floor((s.length - 1) / 2)], min: s[0], max: s.at(-1) } : null;
};

/** One run of `page`: its trace's analysis; with `dir`, /pkg-reader/ answered from there. */
async function measure(page, dir) {
  const context = await env.browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  if (dir) {
    await context.route("**/pkg-reader/**", (route) => {
      const file = path.join(dir, path.basename(new URL(route.request().url()).pathname));
      if (!fs.existsSync(file)) return route.fulfill({ status: 404 });
      return route.fulfill({ status: 200, body: fs.readFileSync(file), contentType: TYPES[path.extname(file)] ?? "application/octet-stream" });
    });
  }
  const tab = await context.newPage();
  if (CPU > 1) await (await context.newCDPSession(tab)).send("Emulation.setCPUThrottlingRate", { rate: CPU });
  await env.browser.startTracing(tab, { categories: CATEGORIES });
  await tab.goto(`${env.origin}/${page}`);
  await tab.waitForFunction(() => {
    const maps = [...document.querySelectorAll("farm-map")];
    return maps.length ? maps.every((m) => ["ready", "error"].includes(m.getAttribute("data-state") ?? "")) : !!window.farmmap;
  }, null, { timeout: 120000 });
  await tab.waitForTimeout(3000);
  const trace = JSON.parse((await env.browser.stopTracing()).toString());
  await context.close();
  return analyse(trace);
}

const env = await start();
try {
  for (const page of PAGES) {
    const variants = VARIANTS.length ? VARIANTS : [[undefined, undefined]];
    const rows = new Map(variants.map(([name]) => [name, []]));
    for (let run = 0; run < RUNS; run++) {
      for (const [variant, dir] of variants) {
        const row = { page, ...(variant ? { variant } : {}), run: run + 1, cpu: CPU, ...await measure(page, dir), load: os.loadavg()[0].toFixed(2) };
        rows.get(variant).push(row);
        console.log(JSON.stringify(row));
      }
    }
    for (const [variant, runs] of rows) {
      console.log(JSON.stringify({ page, ...(variant ? { variant } : {}), runs: RUNS, overMs: OVER, tasksOver: median(runs.map((r) => r.tasksOver)),
        longestWallMs: median(runs.map((r) => r.longestWallMs)), longestCpuMs: median(runs.map((r) => r.longestCpuMs)),
        firstFrameCpuMs: median(runs.flatMap((r) => r.firstFrameCpuMs)),
        sumOverWallMs: median(runs.map((r) => r.sumOverWallMs)), load: os.loadavg()[0].toFixed(2) }));
    }
  }
} finally {
  await env.close();
}
