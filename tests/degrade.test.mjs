// Degrade, never die: data that is ordinary for a newsroom (hundreds of differently spelled
// owners, absurd capacities, a mangled URL hash, very long lists) and a panel that fails
// leave the map drawing; a failing panel shows its own error and the rest keeps working.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

/** The demo page, its first frame drawn. */
async function demo(path = "/") {
  const opened = await openPage(env, path);
  await opened.page.waitForFunction(() => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length);
  return opened;
}

/** Two animation frames: what was asked is drawn. */
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Load a farms CSV through the page's own API (`ui.loadFarms(name, bytes)`). */
async function loadFarms(page, name, text) {
  const report = await page.evaluate(([n, t]) => window.farmmap.loadFarms(n, new TextEncoder().encode(t)), [name, text]);
  await frames(page);
  return report;
}

/** The map still draws: it was not replaced by an error box, its camera answers a pan, and
 * the last frame has markers. */
async function assertMapDraws(page) {
  assert.equal(await page.locator(".fm-error").count(), 0, "no error box replaced the map");
  assert.equal(await page.locator(".fm-canvas").count(), 1);
  const moved = await page.evaluate(() => {
    const { map } = window.farmmap;
    const a = map.camera();
    map.panBy(40, 25);
    const b = map.camera();
    map.panBy(-40, -25);
    window.farmmap.requestDraw();
    return a.centerX !== b.centerX && a.centerY !== b.centerY;
  });
  assert.ok(moved, "the camera responds to a pan");
  await frames(page);
  const items = await page.evaluate(() => window.farmmap.map.visibleItems().length);
  assert.ok(items > 0, "the last frame drew markers");
}

/** The chips under a chart, by kind (in the order the charts are listed). */
async function chips(page, kind) {
  const kinds = await page.evaluate(() => window.farmmap.map.charts().map((c) => c.kind));
  const i = kinds.indexOf(kind);
  assert.ok(i >= 0, `chart ${kind} listed: ${kinds}`);
  return page.locator(".fm-chart").nth(i).locator(".fm-chip").allTextContents();
}

test("241 differently spelled owners: the top bars and one \"N others\" bar, which lights those farms", async () => {
  const { page, problems, context } = await demo("/?build=full");
  const rows = Array.from({ length: 241 }, (_, i) => `f${i},Farm ${i},${(50 + (i % 20) * 0.1).toFixed(2)},${(70 + (i % 30) * 0.2).toFixed(2)},Owner ${i}`);
  // "owner 0" is another spelling, so another owner: 242 owners in all.
  rows.push("g1,Farm g1,51.0,71.0,Owner 0", "g2,Farm g2,51.1,71.1, owner 0 ", "u1,Farm u1,51.2,71.2,");
  const report = await loadFarms(page, "owners.csv", `id,name,lat,lon,owner\n${rows.join("\n")}\n`);
  assert.equal(report.loaded, 244);
  await assertMapDraws(page);
  const owners = await chips(page, "owners");
  assert.equal(owners.length, 14, owners.join(" | ")); // 12 owners, the others, the unnamed
  assert.equal(owners[0], "Owner 0: 2");
  assert.equal(owners[12], "230 others: 230");
  assert.equal(owners[13], "Owner not named: 1");
  assert.equal(await page.locator(".fm-chart .fm-panel-error").count(), 0);
  // Clicking "others" lights exactly those farms, and says so in words.
  const others = page.locator(".fm-chart .fm-chip", { hasText: "230 others" });
  await others.click();
  assert.equal(await page.evaluate(() => window.farmmap.map.highlightedFarms().length), 230);
  assert.match(await page.locator(".fm-live").textContent(), /^230 farms highlighted: 230 others$/);
  assert.equal(await page.locator(".fm-chart .fm-chip", { hasText: "230 others" }).getAttribute("aria-pressed"), "true");
  await assertMapDraws(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test("capacities of 1e308 MW: the sums stay finite numbers and the map keeps drawing", async () => {
  const { page, problems, context } = await demo("/?build=full");
  const csv = "id,name,lat,lon,capacity_mw,owner\n"
    + "a,A,51.72,75.32,1e308,X\nb,B,52.28,76.95,1e308,X\nc,C,49.8,73.1,5,Y\nd,D,49.9,73.2,,Y\n";
  const report = await loadFarms(page, "huge.csv", csv);
  assert.ok(report.loaded >= 2, JSON.stringify(report));
  await assertMapDraws(page);
  const data = await page.evaluate(() => {
    const { map } = window.farmmap;
    return map.charts().map((c) => ({ kind: c.kind, json: JSON.stringify(map.chartData(c.kind)) }));
  });
  for (const { kind, json } of data) {
    assert.doesNotMatch(json, /"value":null|Infinity|NaN/, `${kind}: ${json}`);
    const values = JSON.parse(json).bars.map((b) => b.value);
    assert.ok(values.every((v) => typeof v === "number" && Number.isFinite(v)), `${kind}: ${values}`);
  }
  // When the importer keeps both capacities, the capacity chart leaves the overflowing one out
  // and says so; either way no chart shows an error.
  const capacity = data.find((d) => d.kind === "capacity");
  if (capacity && report.loaded === 4 && JSON.parse(capacity.json).bars.some((b) => b.value >= 1e308)) {
    assert.match(JSON.parse(capacity.json).note ?? "", /left out: capacity too large to add up/);
  }
  assert.equal(await page.locator(".fm-chart .fm-panel-error").count(), 0);
  assert.ok(await page.locator(".fm-chart canvas:visible").count() >= 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("#step=% (a hash that is not valid percent-encoding) leaves the map drawing", async () => {
  const { page, problems, context } = await demo("/#step=%");
  await assertMapDraws(page);
  assert.match(await page.locator(".fm-step-count").textContent(), /Step 1 of/);
  // And changing the hash to another bad one later does not stop it either.
  await page.evaluate(() => { location.hash = "#step=%E0%A4%A"; });
  await frames(page);
  await assertMapDraws(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a failing panel shows its own error; the map and the other panels keep working", async () => {
  const { page, context } = await demo("/?build=full");
  // Two charts to show: the demo's story asks for the owners chart only, so load a story
  // that asks for two and whose farms give each at least two bars.
  await page.evaluate(() => {
    const farms = "id,lat,lon,status,owner,shut_down_by\nA,51.7,75.3,shut down,X,2022-01\nB,43.2,76.9,shut down,Y,2022-02\n";
    window.farmmap.map.loadStory("two-charts.json", JSON.stringify({
      title: "T", charts: ["owners", "shutdowns"], steps: [{ title: "A" }], farms: { name: "f.csv", text: farms },
    }));
  });
  // One chart fails to paint: that chart says so, the other chart is still drawn.
  await page.evaluate(() => {
    const { map } = window.farmmap;
    const paint = map.paintChart.bind(map);
    map.paintChart = (kind, canvas, opts) => { if (kind === "owners") throw new Error("owners went wrong"); return paint(kind, canvas, opts); };
    window.farmmap.charts.draw();
  });
  const figures = page.locator(".fm-chart");
  assert.equal(await figures.count(), 2);
  assert.equal(await figures.nth(0).locator(".fm-panel-error").textContent(), "This chart could not be drawn: owners went wrong");
  assert.equal(await figures.nth(0).locator("canvas").isHidden(), true);
  assert.equal(await figures.nth(1).locator(".fm-panel-error").count(), 0);
  assert.ok((await figures.nth(1).locator(".fm-chip").count()) > 0, "the other chart still has its bars");
  // The table cannot be filled: the table says so.
  await page.evaluate(() => { window.farmmap.map.tableSentences = () => { throw new Error("no sentences"); }; });
  await page.click(".fm-table summary");
  assert.equal(await page.locator(".fm-table .fm-panel-error").textContent(), "This table could not be drawn: no sentences");
  // The network pane and the legend fail on new data: each says so, in its own place.
  await page.evaluate(() => {
    const { map } = window.farmmap;
    map.networkNames = () => { throw new Error("no names"); };
    map.legend = () => { throw new Error("no legend"); };
  });
  const report = await loadFarms(page, "few.csv", "id,name,lat,lon,owner\na,A,51.7,75.3,X\nb,B,52.2,76.9,Y\n");
  assert.equal(report.loaded, 2);
  assert.equal(await page.locator(".fm-network .fm-panel-error").textContent(), "This network pane could not be drawn: no names");
  assert.equal(await page.locator(".fm-legend .fm-panel-error").textContent(), "This legend could not be drawn: no legend");
  // Everything else goes on: the map draws and answers; once painting works again, the
  // chart is drawn on the next redraw and its bars light their farms.
  await assertMapDraws(page);
  assert.equal(await page.locator(".fm-chart .fm-panel-error").count(), 1, "the owners chart still says it failed");
  await page.evaluate(() => {
    const ui = window.farmmap;
    ui.map.paintChart = Object.getPrototypeOf(ui.map).paintChart;
    ui.charts.draw();
  });
  await page.locator(".fm-chart .fm-chip").first().click();
  assert.match(await page.locator(".fm-live").textContent(), /farms? highlighted/);
  assert.equal(await page.locator(".fm-chart .fm-panel-error").count(), 0, "a chart that draws again drops its error");
  await context.close();
});

test("a panel that fails by a wasm trap still stops the map (the instance cannot be trusted)", async () => {
  const { page, context } = await demo();
  await page.evaluate(() => {
    window.farmmap.map.chartData = () => { throw new WebAssembly.RuntimeError("unreachable"); };
    window.farmmap.charts.draw();
  });
  // A trap carries no message a reader can use ("unreachable"): the box names it in words.
  assert.match(await page.locator(".fm-error").textContent(), /^The map stopped: farmmap ran into an error in its own code/);
  await context.close();
});

test("150,000 names in the network finder: no throw, a window of them and the count", async () => {
  const { page, problems, context } = await demo();
  // The finder is fed 150,000 names at the page API (FarmMap.networkNames), as a network of
  // that size would feed it; the pane is refreshed as after new data. (A real network of
  // 150,000 ties loads and fills the finder too, but then freezes the page in its frames:
  // see bench/frames.mjs and the closing note.)
  const counts = await page.evaluate((n) => {
    const { map, network } = window.farmmap;
    const names = Array.from({ length: n }, (_, i) => ({ id: `p${i}`, name: `Person ${i}`, kind: "person" }));
    map.networkNames = () => names;
    map.networkExamplePair = () => ({ from: "p149999", to: "p7" });
    network.refresh();
    const selects = document.querySelectorAll(".fm-net-finder select");
    return { options: [selects[0].options.length, selects[1].options.length], chosen: [selects[0].value, selects[1].value] };
  }, 150_000);
  assert.ok(counts.options.every((o) => o <= 501), `${counts.options} options in a list`);
  assert.deepEqual(counts.chosen, ["p149999", "p7"], "the example pair is chosen even outside the window");
  assert.equal(await page.locator(".fm-net-count").first().textContent(), "500 of 150,000 names listed; filter to find others");
  // Filtering narrows the window to the matches (the network is behind its tab below 1,000 px).
  await page.click(".fm-tabs [role=tab] >> nth=1");
  await page.locator(".fm-net-filter").first().fill("person 14999");
  const narrowed = await page.locator(".fm-net-finder select").first().locator("option").allTextContents();
  assert.ok(narrowed.includes("Person 149990 (person)"), narrowed.slice(0, 5).join(" | "));
  assert.equal(await page.locator(".fm-net-count").first().textContent(), "11 of 11 matching names listed");
  await assertMapDraws(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the editor lists 150,000 problems a thousand at a time, with the count", async () => {
  const { page, problems, context } = await openPage(env, "/editor.html");
  const rows = ["id,lat,lon"];
  for (let i = 0; i < 150_000; i++) rows.push(`F${i},x,75`);
  rows.push("ok,51.7,75.3");
  await page.setInputFiles("#ed-farms", { name: "farms.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n")) });
  await page.click("#ed-preview");
  await page.waitForSelector("#ed-problems li");
  await page.waitForFunction(() => /\d+ errors/.test(document.getElementById("ed-summary")?.textContent ?? ""));
  // The editor groups the problems by kind (tests/editor-workflow): here one group of them all,
  // closed at first (it is long), its problems a thousand at a time.
  const group = page.locator("#ed-problems > li.ed-problem-group").first();
  assert.match(await group.locator("summary").textContent(), /^150\d{3} errors — farms\.csv/);
  await group.locator("summary").click();
  const items = group.locator("details > ol > li");
  assert.equal(await items.count(), 1000);
  const more = group.locator("details > ol + .fm-more");
  assert.match(await more.textContent(), /^Show 1,000 more \(1,000 of 150,\d{3} problems shown\)$/);
  await more.click();
  assert.equal(await items.count(), 2000);
  assert.match(await more.textContent(), /\(2,000 of 150,\d{3} problems shown\)/);
  assert.deepEqual(problems, []);
  await context.close();
});
