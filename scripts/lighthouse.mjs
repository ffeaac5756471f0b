// Lighthouse's mobile profile (simulated slow 4G, 4x CPU slowdown: its default) on the pages
// a reader loads, served as a CDN would (precompressed files, scripts/serve.mjs), with
// Debian's chromium. Prints one JSON line per page and run, then the median per page:
// performance score, LCP, CLS, TBT, FCP, and the bytes transferred.
// A benchmark, not a test. Run after scripts/build.sh:
//   node scripts/lighthouse.mjs [--runs 3] [--pages examples/article.html,index.html] [--keep DIR]
// --keep DIR keeps each run's Lighthouse JSON there (its long-tasks, bootup-time and
// largest-contentful-paint-element audits say where the time goes).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./serve.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const runs = Number(arg("--runs", "3"));
const pages = arg("--pages", "examples/article.html,index.html,embed.html").split(",");
const chrome = process.env.CHROME_PATH || "/usr/bin/chromium";
const keep = arg("--keep", "");
const bin = path.join(root, "node_modules", ".bin", "lighthouse");

const server = await serve({ port: 0 });
const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
try {
  for (const page of pages) {
    const rows = [];
    for (let r = 0; r < runs; r++) {
      const out = path.join(os.tmpdir(), `farmmap-lh-${process.pid}-${r}.json`);
      // Asynchronous: the server below runs in this process and must keep answering.
      await promisify(execFile)(bin, [`http://127.0.0.1:${port}/${page}`, "--quiet", "--only-categories=performance",
        "--output=json", `--output-path=${out}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
      { env: { ...process.env, CHROME_PATH: chrome }, maxBuffer: 64 << 20 });
      const lhr = JSON.parse(fs.readFileSync(out, "utf8"));
      if (keep) fs.copyFileSync(out, path.join(keep, `${page.replace(/\W+/g, "_")}-${r + 1}.json`));
      fs.rmSync(out, { force: true });
      const a = lhr.audits;
      const row = {
        page, run: r + 1,
        performance: lhr.categories.performance.score,
        lcp_ms: Math.round(a["largest-contentful-paint"].numericValue),
        cls: Number(a["cumulative-layout-shift"].numericValue.toFixed(3)),
        tbt_ms: Math.round(a["total-blocking-time"].numericValue),
        fcp_ms: Math.round(a["first-contentful-paint"].numericValue),
        bytes: a["total-byte-weight"].numericValue,
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
    const med = Object.fromEntries(["performance", "lcp_ms", "cls", "tbt_ms", "fcp_ms", "bytes"].map((k) => [k, median(rows.map((x) => x[k]))]));
    console.log(JSON.stringify({ page, runs, median: med, lighthouse: "mobile (simulated slow 4G, 4x CPU)", load: os.loadavg()[0].toFixed(2) }));
  }
} finally {
  server.close();
}
