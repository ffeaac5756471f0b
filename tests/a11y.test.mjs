// Accessibility: axe-core (npm) run in headless Chromium on every page (demo, embed.html,
// scrolly, editor, article) and in the key states (details open, a path shown, the table
// open, a panel's error, the editor showing import errors, an error box): no serious or
// critical violation. Each run's full list lands in artifacts/axe-*.json.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { start, openPage } from "./harness.mjs";

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
let env;
before(async () => { env = await start(); fs.mkdirSync("artifacts", { recursive: true }); });
after(async () => { await env.close(); });

async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
}

/** Axe on the page as it is now: no serious or critical violation; the full list in artifacts/. */
async function assertAxe(page, name) {
  const violations = await axe(page);
  fs.writeFileSync(`artifacts/axe-${name.replace(/[^a-z0-9]+/gi, "-")}.json`, JSON.stringify(violations, null, 1));
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad, [], name);
}

const ready = (page) => page.waitForFunction(() => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length);

/** Every page, loaded, then each in its key states. */
const PAGES = {
  "/": ready,
  "/embed.html?story=stories/kazakhstan-2022.json": ready,
  "/scrolly.html": (page) => page.waitForFunction(() => window.farmmap && document.querySelectorAll(".sc-step").length > 3),
  "/editor.html": (page) => page.waitForSelector("#ed-snippet-iframe"),
  "/examples/article.html": async (page) => {
    await page.waitForSelector("#good[data-state=ready]");
    await page.locator("#broken").scrollIntoViewIfNeeded();
    await page.waitForSelector("#broken[data-state=error]");
    await page.locator("#frame").scrollIntoViewIfNeeded();
    await page.frameLocator("#frame").locator(".fm-canvas").waitFor();
  },
};

for (const [path, loaded] of Object.entries(PAGES)) {
  test(`axe finds no serious or critical violation on ${path}`, async () => {
    const { page, context } = await openPage(env, path);
    await loaded(page);
    await assertAxe(page, path);
    await context.close();
  });
}

test("axe in the key states: details open, a path shown, a bar lit, the table open", async () => {
  const { page, context } = await openPage(env, "/");
  await ready(page);
  await page.evaluate(() => window.farmmap.select(0));
  await page.waitForSelector(".fm-details .fm-dl");
  await assertAxe(page, "details-open");
  // Below 1,000 px of embed the network is a second view behind its tab (the reader's layout).
  await page.click(".fm-tabs [role=tab] >> nth=1");
  await page.locator(".fm-net-finder button[type=submit]").click();
  await page.waitForFunction(() => (document.querySelector(".fm-net-answer")?.textContent ?? "").length > 0);
  await assertAxe(page, "path-shown");
  await page.locator(".fm-chart .fm-chip").first().click();
  await page.click(".fm-table summary");
  await page.waitForSelector(".fm-table-list li");
  await assertAxe(page, "table-open");
  await context.close();
});

test("axe in the states where something went wrong: a panel's error, 241 owners, a long list", async () => {
  const { page, context } = await openPage(env, "/?build=full");
  await ready(page);
  const rows = Array.from({ length: 2500 }, (_, i) => `f${i},Farm ${i},${(50 + (i % 20) * 0.1).toFixed(2)},${(70 + (i % 30) * 0.2).toFixed(2)},Owner ${i}`);
  await page.evaluate((t) => {
    const ui = window.farmmap;
    ui.loadFarms("many.csv", new TextEncoder().encode(t));
    ui.map.tableSentences = () => { throw new Error("no sentences"); };
    const names = Array.from({ length: 2000 }, (_, i) => ({ id: `p${i}`, name: `Person ${i}`, kind: "person" }));
    ui.map.networkNames = () => names;
    ui.network.refresh();
    // many.csv has no ties, so the reader's layout drops the network view; these names bring it back.
    ui.views.setNetworkAvailable(true);
  }, `id,name,lat,lon,owner\n${rows.join("\n")}\n`);
  await page.click(".fm-table summary");
  await page.waitForSelector(".fm-table .fm-panel-error");
  await page.click(".fm-tabs [role=tab] >> nth=1"); // the network behind its tab, as above
  await page.waitForSelector(".fm-net-filter:visible");
  await assertAxe(page, "panel-error-and-long-lists");
  await context.close();
});

test("axe on the editor showing import errors and a preview", async () => {
  const { page, context } = await openPage(env, "/editor.html");
  const rows = ["id,lat,lon"];
  for (let i = 0; i < 2500; i++) rows.push(`F${i},${i % 2 ? "x" : "120"},75`);
  rows.push("ok,51.7,75.3");
  await page.setInputFiles("#ed-farms", { name: "farms.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n")) });
  await page.click("#ed-add-step");
  await page.click("#ed-preview");
  await page.waitForSelector("#ed-problems li");
  // Problems are grouped by kind; a group of 1,250 lists a thousand and a "Show more".
  await page.locator("#ed-problems > li.ed-problem-group summary").first().click();
  await page.waitForSelector("#ed-problems details[open] > ol + .fm-more");
  await page.waitForSelector("#ed-preview-box .fm-canvas");
  await assertAxe(page, "editor-errors");
  await context.close();
});

test("axe on an error box: embed.html with a story that cannot be read", async () => {
  const { page, context } = await openPage(env, "/embed.html?story=missing.json");
  await page.waitForSelector(".fm-error");
  await assertAxe(page, "embed-error-box");
  await context.close();
});

test("the table view lists every farm and every tie as a sentence with its source", async () => {
  const { page, context } = await openPage(env, "/");
  await page.waitForFunction(() => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length);
  await page.click(".fm-table summary");
  await page.waitForSelector(".fm-table-list li");
  const [ties, farms] = await page.$$eval(".fm-table-list", (ls) => ls.map((l) => Array.from(l.children, (li) => li.textContent)));
  assert.equal(farms.length, 101);
  assert.equal(ties.length, 16);
  assert.ok(ties.every((t) => /; source: eurasianet\.org\.$/.test(t)), ties.join("\n"));
  assert.ok(ties.some((t) => /^Kairat Sharipbayev .*believed.*Dariga Nazarbayeva.*\(alleged\)/.test(t)), ties.join("\n"));
  assert.ok(ties.some((t) => /^Bolat Nazarbayev is the brother of Nursultan Nazarbayev \(reported\)/.test(t)), ties.join("\n"));
  await context.close();
});

test("axe on the editor's steps and publish states: charts offered, a step on phone and desktop, the pictures made", async () => {
  const { page, context } = await openPage(env, "/editor.html", { viewport: { width: 1200, height: 900 } });
  await page.waitForSelector("body[data-ed-ready]");
  await page.click("#ed-demo");
  await page.waitForFunction(() => /Demo story loaded/.test(document.getElementById("ed-summary").textContent));
  await page.click("#ed-preview");
  await page.waitForSelector("#ed-charts input[type=checkbox]");
  await page.click("#ed-steps > li:nth-child(1) button:has-text('Phone and desktop')");
  await page.frameLocator(".ed-device-desktop iframe").locator("body[data-step='0'] .fm-step-title").waitFor();
  await page.click("#ed-kit-make");
  await page.waitForSelector("#ed-kit-list li");
  await assertAxe(page, "editor-publish");
  await context.close();
});
