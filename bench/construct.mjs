// node bench/construct.mjs [--runs 11] [SITE_DIR ...]
//
// The time of the first `new FarmMap(canvas)` of the reader's build in a fresh headless
// Chromium page: the embedded basemap and oblasts unpacked (geometry::Packed and its path
// coder), the scene set up, before any story. One JSON line per site: median, min and max
// in ms over --runs pages. SITE_DIR is a checkout after `scripts/build.sh` (default: this
// one); give two, e.g. a clone at an earlier commit and this one, to compare builds in one
// run (the pages alternate between them, so load affects both alike).
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const at = args.indexOf("--runs");
const runs = at >= 0 ? Number(args.splice(at, 2)[1]) : 11;
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sites = args.length ? args.map((d) => path.resolve(d)) : [here];

const { chromium } = await import(path.join(here, "node_modules/playwright-core/index.mjs"));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const servers = [];
for (const site of sites) {
  const { serve } = await import(path.join(site, "scripts/serve.mjs"));
  const server = await serve({ port: 0 }); // serves that checkout's www/
  servers.push({ site, server, origin: `http://127.0.0.1:${server.address().port}`, times: [] });
}
for (let run = 0; run < runs; run++) {
  for (const s of servers) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${s.origin}/bench-no-such-page.html`); // this origin, no script of ours
    s.times.push(await page.evaluate(async () => {
      const glue = await import("/pkg-reader/farmmap.js");
      await glue.default();
      const canvas = document.createElement("canvas");
      document.body.append(canvas);
      const t0 = performance.now();
      const map = new glue.FarmMap(canvas);
      const ms = performance.now() - t0;
      map.free();
      return ms;
    }));
    await context.close();
  }
}
await browser.close();
for (const s of servers) {
  s.server.close();
  const t = [...s.times].sort((a, b) => a - b);
  const r = (v) => +v.toFixed(2);
  console.log(JSON.stringify({ site: s.site, runs, construct_ms: { median: r(t[t.length >> 1]), min: r(t[0]), max: r(t[t.length - 1]) }, load: os.loadavg()[0].toFixed(2) }));
}
