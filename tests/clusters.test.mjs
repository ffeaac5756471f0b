// Clusters on the map, in headless Chromium: counts add up, a click zooms in and splits,
// farms at one place spiderfy and can each be hovered, keyboard Tab/Enter/Escape, and frame
// times while panning and zooming a large synthetic set.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { start, openPage } from "./harness.mjs";

let env;
before(async () => { env = await start(); fs.mkdirSync("artifacts", { recursive: true }); });
after(async () => { await env.close(); });

async function mapPage(path = "/") {
  const ctx = await openPage(env, path);
  await ctx.page.waitForFunction(() => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length > 0);
  return ctx;
}
const frame = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
// MapItem: {kind: "farm", farm, x, y} or {kind: "cluster", cluster, count, lit, x, y}.
const items = async (page) => {
  const list = await page.evaluate(() => window.farmmap.map.visibleItems());
  return list.map((i) => (i.kind === "cluster"
    ? { cluster: true, id: i.cluster, count: i.count, x: i.x, y: i.y }
    : { cluster: false, id: i.farm, count: 1, x: i.x, y: i.y }));
};
const canvasOrigin = (page) => page.evaluate(() => { const r = window.farmmap.canvas.getBoundingClientRect(); return [r.left, r.top]; });
// Farms whose projected position is on the canvas, counted independently of the clusters.
const farmsInView = (page) => page.evaluate(() => {
  const m = window.farmmap.map;
  const p = m.farmScreenPositions();
  const { width: w, height: h } = m.camera();
  let n = 0;
  for (let i = 0; i < p.length; i += 2) if (p[i] >= 0 && p[i + 1] >= 0 && p[i] <= w && p[i + 1] <= h) n++;
  return n;
});

test("count labels add up to the farms in view; clicking a cluster zooms in and splits it", async () => {
  const { page, problems, context } = await mapPage();
  await frame(page);
  let list = await items(page);
  assert.ok(list.some((i) => i.cluster), "the demo shows clusters at first");
  assert.equal(list.reduce((a, i) => a + i.count, 0), await farmsInView(page));
  // The label drawn on a cluster is its count (read back from the draw via the summary).
  const big = list.filter((i) => i.cluster).sort((a, b) => b.count - a.count)[0];
  const summary = await page.evaluate((id) => window.farmmap.map.clusterSummary(id), big.id);
  assert.match(summary, new RegExp(`^${big.count} farms · `));
  const zoom0 = await page.evaluate(() => window.farmmap.map.camera().zoom);
  const [left, top] = await canvasOrigin(page);
  await page.mouse.click(left + big.x, top + big.y);
  // It flies to the cluster's expansion zoom (where it splits).
  await page.waitForFunction((z) => window.farmmap.map.camera().zoom > z + 0.01, zoom0);
  await page.waitForTimeout(700); // the flight
  assert.ok((await page.evaluate(() => window.farmmap.map.camera().zoom)) >= Math.floor(zoom0) + 1);
  await frame(page);
  list = await items(page);
  assert.ok(list.length > 1, "the cluster split");
  assert.ok(list.every((i) => i.count < big.count) || list.filter((i) => i.cluster).length > 1);
  assert.equal(list.reduce((a, i) => a + i.count, 0), await farmsInView(page));
  assert.deepEqual(problems, []);
  await context.close();
});

test("farms at one place spiderfy, and each can be hovered", async () => {
  const { page, context } = await mapPage("/?build=full");
  const csv = ["id,name,lat,lon,status,owner",
    ...[1, 2, 3, 4].map((k) => `D${k},Stacked farm ${k},50.3,72.9,shut down,Owner ${k}`),
    "E1,Elsewhere,43.3,76.9,operating,"].join("\n");
  await page.evaluate((csv) => window.farmmap.loadFarms("stack.csv", new TextEncoder().encode(csv)), csv);
  // Fly in close: the four stay one cluster at any zoom a reader can reach.
  await page.evaluate(() => { const m = window.farmmap.map; m.flyToBounds({ west: 72.89, south: 50.29, east: 72.91, north: 50.31 }, performance.now(), 0); window.farmmap.requestDraw(); });
  await frame(page);
  let list = await items(page);
  const stack = list.find((i) => i.cluster && i.count === 4);
  assert.ok(stack, JSON.stringify(list));
  const [left, top] = await canvasOrigin(page);
  await page.mouse.click(left + stack.x, top + stack.y);
  await frame(page);
  list = await items(page);
  const fanned = list.filter((i) => !i.cluster);
  assert.equal(fanned.length, 4);
  const names = [];
  for (const f of fanned) {
    await page.mouse.move(left + f.x, top + f.y);
    await page.waitForSelector(".fm-tooltip:not([hidden])");
    names.push((await page.textContent(".fm-tooltip strong")).trim());
  }
  assert.deepEqual(names.sort(), ["Stacked farm 1", "Stacked farm 2", "Stacked farm 3", "Stacked farm 4"]);
  await context.close();
});

test("keyboard: Tab walks clusters and farms, the screen reader hears them, Enter expands, Escape goes back", async () => {
  const { page, context } = await mapPage();
  await page.focus(".fm-canvas");
  await page.keyboard.press("Tab");
  let f = await page.evaluate(() => window.farmmap.map.focused());
  assert.ok(f && (f.kind === "farm" || f.kind === "cluster"), "a marker has focus");
  // Walk to a cluster.
  for (let k = 0; k < 20 && f?.kind !== "cluster"; k++) {
    await page.keyboard.press("Tab");
    f = await page.evaluate(() => window.farmmap.map.focused());
  }
  assert.equal(f?.kind, "cluster", "a cluster can be reached by Tab");
  assert.match(await page.textContent(".fm-live"), new RegExp(`^Cluster of ${f.count} farms`));
  assert.equal(await page.evaluate(() => document.activeElement === window.farmmap.canvas || document.activeElement.className), true);
  const z0 = await page.evaluate(() => window.farmmap.map.camera().zoom);
  await page.keyboard.press("Enter");
  await page.waitForFunction((z) => window.farmmap.map.camera().zoom > z + 0.01, z0);
  await page.waitForTimeout(600);
  const z1 = await page.evaluate(() => window.farmmap.map.camera().zoom);
  await page.keyboard.press("Escape");
  await page.waitForFunction((z) => window.farmmap.map.camera().zoom < z - 0.5, z1);
  await context.close();
});

test("synthetic load: the index is built once, and panning and zooming stay smooth", async () => {
  const n = Number(process.env.FARMMAP_SYNTHETIC || 200000);
  const { page, problems, context } = await openPage(env, `/?synthetic=${n}`);
  await page.waitForFunction((n) => window.farmmap && window.farmmap.map.farmCount() === n, n, { timeout: 170000 });
  await frame(page);
  const stats = await page.evaluate(async () => {
    const ui = window.farmmap, m = ui.map;
    const times = [];
    const r = ui.canvas.getBoundingClientRect();
    for (let k = 0; k < 120; k++) {
      const t0 = performance.now();
      if (k % 3 === 0) m.zoomAt(r.width / 2, r.height / 2, k % 2 ? 0.35 : -0.3);
      else m.panBy(k % 4 < 2 ? 17 : -13, k % 5 < 2 ? 9 : -11);
      m.draw(t0);
      times.push(performance.now() - t0);
      await new Promise((ok) => requestAnimationFrame(ok));
    }
    times.sort((a, b) => a - b);
    return { p50: times[60], p95: times[Math.floor(times.length * 0.95)], max: times.at(-1) };
  });
  const line = { test: "synthetic-frames", points: n, ...stats };
  console.log(JSON.stringify(line));
  fs.writeFileSync("artifacts/cluster-frames.json", JSON.stringify(line) + "\n");
  assert.ok(Number.isFinite(stats.p95));
  assert.deepEqual(problems, []);
  await context.close();
});
