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
