// Accessibility: axe-core (npm) run in headless Chromium on the demo page and the embed;
// no serious or critical violation.
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

for (const path of ["/", "/examples/article.html"]) {
  test(`axe finds no serious or critical violation on ${path}`, async () => {
    const { page, context } = await openPage(env, path);
    if (path === "/") await page.waitForFunction(() => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length);
    else {
      await page.waitForSelector("#good[data-state=ready]");
      await page.locator("#broken").scrollIntoViewIfNeeded();
      await page.waitForSelector("#broken[data-state=error]");
    }
    const violations = await axe(page);
    fs.writeFileSync(`artifacts/axe${path.replace(/[^a-z]+/g, "-")}.json`, JSON.stringify(violations, null, 1));
    const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad, []);
    await context.close();
  });
}

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
