// node bench/wasm-profile.mjs --variants stable=DIR,nightly=DIR [--page examples/article.html]
//                             [--runs 3] [--top 25] [--interval-us 100] [--callers NAME]
//
// Where does a reader's first load spend its CPU, per reader wasm build? Each DIR holds a
// pkg-reader/ as scripts/build.sh writes it (farmmap.js + farmmap_bg.wasm); build it with
// function names kept to see Rust functions by name (wasm-bindgen --keep-debug, then
// wasm-opt -Oz -g; the names cost size, not time). Runs are interleaved (run 1 of every
// variant, then run 2, ...) so a load change on this shared machine hits them alike. Per run,
// in headless Chromium at a phone's size, the page's /pkg-reader/ requests are answered from
// DIR, a CDP `Profiler` sampling profile (every --interval-us µs) covers navigation until
// every <farm-map> is ready and 1 s more; then, per variant, the median self time of each
// function over the runs (ms), its share of all wasm self time, and the summed self time of
// wasm functions and of everything. A benchmark, not a test: nothing is asserted.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { start } from "../tests/harness.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const VARIANTS = arg("variants", "").split(",").filter(Boolean).map((v) => v.split("="));
if (!VARIANTS.length) throw new Error("--variants name=DIR[,name=DIR...] is required");
const PAGE = arg("page", "examples/article.html");
const RUNS = Number(arg("runs", "3"));
const TOP = Number(arg("top", "25"));
const INTERVAL = Number(arg("interval-us", "100"));
const CALLERS = arg("callers", "");
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm" };

const key = (f) => `${f.functionName || "(anonymous)"} [${f.url.startsWith("wasm://") || f.url.endsWith(".wasm") ? "wasm" : f.url ? "js" : "vm"}]`;

/** Self time (ms) per function of one CDP profile: { "name [wasm|js|vm]": ms }; with
 * `--callers SUBSTRING`, also the self time of matching functions per caller
 * ("callee <- caller"). */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const out = {};
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const f = n.callFrame;
    if (CALLERS && f.functionName.includes(CALLERS) && parent.has(n.id)) {
      const k = `${key(f)} <- ${key(parent.get(n.id).callFrame)}`;
      out[k] = (out[k] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
    }
    out[key(f)] = (out[key(f)] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
  }
  return out;
}

/** Summed self time of the wasm's functions. */
const wasmSelf = (times) => Object.entries(times).filter(([k]) => !k.includes(" <- ") && k.endsWith("[wasm]")).reduce((s, [, v]) => s + v, 0);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};
const r1 = (x) => Math.round(x * 10) / 10;

const results = Object.fromEntries(VARIANTS.map(([name]) => [name, []]));
const env = await start();
try {
  for (let run = 0; run < RUNS; run++) {
    for (const [name, dir] of VARIANTS) {
      const context = await env.browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
      await context.route("**/pkg-reader/**", (route) => {
        const file = path.join(dir, path.basename(new URL(route.request().url()).pathname));
        if (!fs.existsSync(file)) return route.fulfill({ status: 404 });
        return route.fulfill({ status: 200, body: fs.readFileSync(file), contentType: TYPES[path.extname(file)] ?? "application/octet-stream" });
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: INTERVAL });
      await cdp.send("Profiler.start");
      await page.goto(`${env.origin}/${PAGE}`);
      await page.waitForFunction(() => {
        const maps = [...document.querySelectorAll("farm-map")];
        return maps.length ? maps.every((m) => ["ready", "error"].includes(m.getAttribute("data-state") ?? "")) : !!window.farmmap;
      }, null, { timeout: 120000 });
      await page.waitForTimeout(1000);
      const { profile } = await cdp.send("Profiler.stop");
      const times = selfTimes(profile);
      results[name].push(times);
      const wasm = wasmSelf(times);
      console.log(JSON.stringify({ variant: name, run: run + 1, wasmSelfMs: r1(wasm), load: os.loadavg()[0].toFixed(2) }));
      await context.close();
    }
  }
} finally {
  await env.close();
}

for (const [name] of VARIANTS) {
  const runs = results[name];
  const keys = new Set(runs.flatMap((t) => Object.keys(t)));
  const med = [...keys].map((k) => [k, median(runs.map((t) => t[k] ?? 0))]);
  const wasmTotal = median(runs.map(wasmSelf));
  const total = median(runs.map((t) => Object.entries(t).filter(([k]) => !k.includes(" <- ") && !k.startsWith("(idle)") && !k.startsWith("(program)")).reduce((s, [, v]) => s + v, 0)));
  console.log(`\n== ${name}: median over ${RUNS} runs: wasm self ${r1(wasmTotal)} ms, all busy self ${r1(total)} ms`);
  for (const [k, v] of med.filter(([k]) => !k.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    const share = k.endsWith("[wasm]") && !k.includes(" <- ") && wasmTotal ? ` (${Math.round((v / wasmTotal) * 100)}% of wasm)` : "";
    console.log(`${r1(v).toFixed(1).padStart(7)} ms  ${k}${share}`);
  }
}
