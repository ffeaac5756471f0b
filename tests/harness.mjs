// Shared by the browser tests: a server on a free port and Debian's headless Chromium
// (playwright launches it with a fresh temporary profile each time).
import { chromium } from "playwright-core";
import { serve } from "../scripts/serve.mjs";

export async function start({ csp = false, args = [] } = {}) {
  const server = await serve({ port: 0, csp });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", ...args],
  });
  return {
    origin, browser,
    async close() { await browser.close(); server.close(); },
  };
}

// A page that records console errors, page errors and every request leaving `origin`.
export async function openPage(env, path, { viewport = { width: 1000, height: 700 }, ...opts } = {}) {
  const context = await env.browser.newContext({ viewport, ...opts });
  const page = await context.newPage();
  const problems = [];
  const foreign = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(env.origin) && !u.startsWith("data:") && !u.startsWith("blob:")) foreign.push(u);
  });
  await page.goto(env.origin + path);
  return { page, context, problems, foreign };
}
