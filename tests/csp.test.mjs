// Every page under the strict Content-Security-Policy a publisher may send
// (scripts/serve.mjs's STRICT_CSP: no inline script or style, wasm allowed, nothing from
// another origin): no console error, no CSP violation (recorded in every frame from the
// `securitypolicyviolation` event), and no request leaving the page's origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage } from "./harness.mjs";
import { STRICT_CSP } from "../scripts/serve.mjs";

let env;
before(async () => { env = await start({ csp: true }); });
after(async () => { await env.close(); });

/** Records every CSP violation of every frame in `window.cspViolations`, from the start. */
const RECORD = () => {
  window.cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
  });
};

/** Open `path` with the recorder installed before any script of the page runs. */
async function open(path, viewport) {
  const context = await env.browser.newContext({ viewport: viewport ?? { width: 1000, height: 700 } });
  await context.addInitScript(RECORD);
  const opened = await openPage({ ...env, browser: { newContext: async () => context } }, path);
  return opened;
}

/** Violations recorded in the page and all its frames. */
async function violations(page) {
  const all = [];
  for (const f of page.frames()) all.push(...(await f.evaluate(() => window.cspViolations ?? []).catch(() => [])));
  return all;
}

const ready = (page) => page.waitForFunction(() => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length);

/** The checks every page gets, after its own interactions. */
async function assertClean(page, problems, foreign, { allow = /$^/ } = {}) {
  assert.deepEqual(await violations(page), [], "no CSP violation");
  assert.deepEqual(problems.filter((p) => !allow.test(p)), [], "no console error");
  assert.deepEqual(foreign, [], "no foreign request");
}

test("the server sends the strict policy", async () => {
  const res = await fetch(`${env.origin}/embed.html`);
  assert.equal(res.headers.get("content-security-policy"), STRICT_CSP);
  assert.match(STRICT_CSP, /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
});

test("control: the recorder sees what the policy refuses (an inline style, a foreign image)", async () => {
  const { page, context } = await open("/editor.html");
  await page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", '<iframe src="embed.html" style="border:0"></iframe><img src="https://example.invalid/x.png" alt="">');
  });
  await page.waitForFunction(() => window.cspViolations.length >= 2);
  const seen = (await violations(page)).join("\n");
  assert.match(seen, /style-src-attr blocked inline/);
  assert.match(seen, /img-src blocked https:\/\/example\.invalid/);
  await context.close();
});

test("demo (index.html) under strict CSP: load, select a farm, a step, the table, a path", async () => {
  const { page, problems, foreign, context } = await open("/");
  await ready(page);
  await page.evaluate(() => window.farmmap.select(0));
  await page.locator(".fm-step-nav button:has-text('Next')").click();
  await page.click(".fm-table summary");
  await page.waitForSelector(".fm-table-list li");
  await page.click(".fm-tabs [role=tab] >> nth=1"); // below 1,000 px of embed the network is behind its tab
  await page.locator(".fm-net-finder button[type=submit]").click();
  await page.locator(".fm-chart .fm-chip").first().click();
  await assertClean(page, problems, foreign);
  await context.close();
});

test("embed.html under strict CSP: the story from the same origin, and a refused one in its box", async () => {
  for (const path of ["/embed.html?story=stories/kazakhstan-2022.json&childId=fm", "/embed.html"]) {
    const { page, problems, foreign, context } = await open(path);
    await ready(page);
    await page.locator(".fm-step-nav button:has-text('Next')").click();
    await assertClean(page, problems, foreign);
    await context.close();
  }
  const { page, problems, foreign, context } = await open("/embed.html?story=missing.json");
  await page.waitForSelector(".fm-error");
  await assertClean(page, problems, foreign, { allow: /404/ });
  await context.close();
});

test("scrolly.html under strict CSP: the cards move the map", async () => {
  const { page, problems, foreign, context } = await open("/scrolly.html", { width: 1000, height: 800 });
  await page.waitForFunction(() => window.farmmap && document.querySelectorAll(".sc-step").length > 3);
  await page.locator(".sc-step").nth(2).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.farmmap.step === 2);
  await assertClean(page, problems, foreign);
  await context.close();
});

test("editor.html under strict CSP: demo story, preview, and its iframe snippet works on a strict page", async () => {
  const { page, problems, foreign, context } = await open("/editor.html");
  await page.click("#ed-demo");
  await page.waitForFunction(() => /Demo story loaded/.test(document.getElementById("ed-summary")?.textContent ?? ""));
  await page.click("#ed-preview");
  await page.waitForSelector("#ed-preview-box .fm-canvas");
  await page.waitForFunction(() => /farms loaded/.test(document.getElementById("ed-summary")?.textContent ?? ""));
  const snippet = await page.inputValue("#ed-snippet-iframe");
  assert.doesNotMatch(snippet, /style=/, "no inline style a strict policy would refuse");
  assert.match(snippet, /frameborder="0"/);
  // The snippet, pointed at this server, on this strict page: no violation, and it shows.
  const html = snippet.replaceAll("https://YOUR-SITE/farmmap/", `${env.origin}/`).replace("stories/story.json", "stories/kazakhstan-2022.json");
  await page.evaluate((h) => document.body.insertAdjacentHTML("beforeend", h), html);
  const frame = page.frameLocator("iframe.farmmap-embed");
  await frame.locator(".fm-canvas").waitFor();
  const border = await page.$eval("iframe.farmmap-embed", (f) => getComputedStyle(f).borderTopWidth);
  assert.equal(border, "0px", "frameborder=0 draws no border");
  await assertClean(page, problems, foreign);
  await context.close();
});

test("examples/article.html under strict CSP: two custom elements (one broken) and the iframe", async () => {
  const { page, problems, foreign, context } = await open("/examples/article.html", { width: 1000, height: 560 });
  await page.waitForSelector("#good[data-state=ready]");
  await page.locator("#broken").scrollIntoViewIfNeeded();
  await page.waitForSelector("#broken[data-state=error]");
  await page.locator("#frame").scrollIntoViewIfNeeded();
  await page.frameLocator("#frame").locator(".fm-canvas").waitFor();
  await page.waitForFunction(() => window.heightMessages?.some((m) => m.kind === "pym" && m.value > 400));
  await assertClean(page, problems, foreign, { allow: /404/ });
  await context.close();
});
