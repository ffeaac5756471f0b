// node bench/cluster-browser.mjs [--sizes 100000,1000000] [--inputs uniform,gaussian]
// The same benchmark as bench/cluster.mjs, inside headless Chromium (/usr/bin/chromium via
// playwright-core): supercluster and kdbush are served from node_modules by a route, the
// page and bench modules from bench/, pkg/ by the project's server. Prints JSON lines.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { start } from "../tests/harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const sizes = arg("sizes", "100000,1000000");
const inputs = arg("inputs", "uniform,gaussian");

const FILES = {
  "/vendor/kdbush/index.js": "node_modules/kdbush/index.js",
  "/vendor/supercluster/index.js": "node_modules/supercluster/index.js",
  "/bench/cluster.html": "bench/cluster.html",
  "/bench/cluster-core.mjs": "bench/cluster-core.mjs",
  "/bench/cluster-inputs.mjs": "bench/cluster-inputs.mjs",
  "/www/cluster-rows.js": "www/cluster-rows.js",
};

const env = await start();
try {
  const context = await env.browser.newContext();
  await context.route((url) => url.pathname in FILES, (route) => {
    const file = FILES[new URL(route.request().url()).pathname];
    const type = file.endsWith(".html") ? "text/html; charset=utf-8" : "text/javascript; charset=utf-8";
    route.fulfill({ status: 200, contentType: type, body: fs.readFileSync(path.join(root, file)) });
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`pageerror: ${e.message}`));
  await page.goto(`${env.origin}/bench/cluster.html?sizes=${sizes}&inputs=${inputs}`);
  await page.waitForFunction(() => window.benchDone === true, null, { timeout: 0, polling: 1000 });
  const { lines, error } = await page.evaluate(() => ({ lines: window.benchLines, error: window.benchError }));
  for (const l of lines) console.log(JSON.stringify(l));
  if (error) { console.error(error); process.exitCode = 1; }
} finally {
  await env.close();
}
