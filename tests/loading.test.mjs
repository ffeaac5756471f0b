// Loading many farms in slices (www/loading.js, src/app/loading.rs), in headless Chromium:
// a progress bar appears with its words and value and goes away; the map keeps panning and
// drawing while the farms load; the farms are then shown and announced; and the clusters
// built in slices are the ones the one-shot load builds.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const N = 100000;

test("a sliced load shows a progress bar, keeps the map pannable and ends with the same clusters as a one-shot load", async () => {
  const { page, problems, context } = await openPage(env, "/");
  await page.waitForFunction(() => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length > 0);
  const demo = await page.evaluate(() => window.farmmap.map.farmCount());
  // The bar and a pan during the load, watched from inside the page: a 100,000-farm load
  // takes well under a second here, and round trips from the test could miss it.
  const { seen, during, texts, progress } = await page.evaluate(async (n) => {
    const ui = window.farmmap, m = ui.map;
    const texts = [];
    /** @type {(bar: Element | null) => void} */
    let found = () => {};
    const first = new Promise((ok) => { found = ok; });
    const watch = new MutationObserver(() => {
      const b = document.querySelector(".fm-map [role=progressbar]");
      const words = b?.getAttribute("aria-valuetext");
      if (words && texts.at(-1) !== words) texts.push(words);
      if (b) found(b);
    });
    watch.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-valuetext"] });
    window.loaded = ui.loadSynthetic(n, 3);
    window.loaded.then(() => found(null));
    const b = await first;
    if (!b) { watch.disconnect(); return { seen: null, during: null, texts, progress: -1 }; }
    const r = b.getBoundingClientRect();
    const seen = {
      visible: r.width > 0 && r.height > 0,
      min: b.getAttribute("aria-valuemin"), max: b.getAttribute("aria-valuemax"), now: Number(b.getAttribute("aria-valuenow")),
      text: b.textContent, label: b.getAttribute("aria-label"), busy: b.parentElement?.getAttribute("aria-busy"),
    };
    // Meanwhile the map is the one it was, and it pans: a frame is drawn with the camera moved.
    const before = m.camera();
    m.panBy(40, -25);
    ui.requestDraw();
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    const after = m.camera();
    const during = {
      moved: after.centerX !== before.centerX && after.centerY !== before.centerY,
      farms: m.farmCount(), items: m.visibleItems().length,
      barStill: !!document.querySelector("[role=progressbar]"),
    };
    const progress = Number(b.getAttribute("aria-valuenow"));
    await window.loaded;
    watch.disconnect();
    return { seen, during, texts, progress };
  }, N);

  // The bar: role, value and words ("Loading 100,000 farms… 12 %", then "Clustering …"), over a busy map.
  assert.ok(seen, `a progress bar showed during the load (${texts.length} reports)`);
  assert.ok(seen.visible, "the bar is visible");
  assert.equal(seen.min, "0");
  assert.equal(seen.max, "100");
  assert.ok(seen.now >= 0 && seen.now < 100, `${seen.now}`);
  assert.match(seen.text ?? "", /^(Loading|Clustering) 100,000 farms… \d+ %$/);
  assert.equal(seen.label, seen.text);
  assert.equal(seen.busy, "true");
  assert.ok(texts.some((w) => /^Clustering 100,000 farms… \d+ %$/.test(w)), texts.join(" | "));
  assert.ok(during.barStill, "the load was still running while the map panned");
  assert.ok(during.moved, "the map panned during the load");
  assert.equal(during.farms, demo, "the old farms stay until the new ones are ready");
  assert.ok(during.items > 0, "the map still draws its farms");
  const bar = page.locator(".fm-map [role=progressbar]");

  assert.equal(await page.evaluate(() => window.loaded), true);
  assert.equal(await bar.count(), 0, "the bar is gone");
  assert.equal(await page.evaluate(() => window.farmmap.map.farmCount()), N);
  assert.equal(await page.locator(".fm-map").getAttribute("aria-busy"), null);
  await page.waitForFunction(() => document.querySelector(".fm-live")?.textContent === "100,000 farms loaded");
  const slices = await page.evaluate(() => performance.getEntriesByName("farmmap:load-slice").length);
  assert.ok(slices > 5, `${slices} slices`);
  assert.ok(progress >= seen.now, "progress never goes back");

  // The same clusters as the one-shot load (map.loadSynthetic), zoom by zoom.
  const clustersAtZooms = () => page.evaluate(() => {
    const m = window.farmmap.map, out = [];
    const { width, height } = m.camera();
    for (let k = 0; k < 5; k++) {
      m.draw(performance.now());
      out.push(m.visibleItems().map((i) => (i.kind === "cluster" ? `c${i.cluster}:${i.count}` : `f${i.farm}`)).sort().join(","));
      m.zoomAt(width / 2, height / 2, 1.3);
    }
    return out;
  });
  const sliced = await clustersAtZooms();
  await page.evaluate((n) => window.farmmap.map.loadSynthetic(n, 3), N);
  const oneShot = await clustersAtZooms();
  assert.ok(sliced[0].includes("c"), "clusters at the first zoom");
  assert.deepEqual(sliced, oneShot);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a second load replaces the first: one bar, the later farms win", async () => {
  const { page, problems, context } = await openPage(env, "/");
  await page.waitForFunction(() => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length > 0);
  const results = await page.evaluate(async () => {
    const ui = window.farmmap;
    // The most bars ever on the page at once, whatever the machine's speed.
    const count = () => document.querySelectorAll("[role=progressbar]").length;
    let bars = 0;
    const seen = new MutationObserver(() => { bars = Math.max(bars, count()); });
    seen.observe(document.body, { childList: true, subtree: true });
    const first = ui.loadSynthetic(50000, 1);
    let firstEnded = false;
    first.finally(() => { firstEnded = true; });
    // The second load starts while the first is running: once its bar is up (50,000 farms
    // take many slices), not after a fixed delay that a slow or fast machine can miss.
    while (count() === 0 && !firstEnded) await new Promise((ok) => setTimeout(ok, 1));
    const second = ui.loadSynthetic(2000, 2);
    const result = { first: await first, second: await second, farms: ui.map.farmCount() };
    await new Promise((ok) => setTimeout(ok, 0)); // the observer's last records
    seen.disconnect();
    return { ...result, bars: Math.max(bars, count()), left: count() };
  });
  assert.deepEqual(results, { first: false, second: true, bars: 1, farms: 2000, left: 0 });
  assert.deepEqual(problems, []);
  await context.close();
});
