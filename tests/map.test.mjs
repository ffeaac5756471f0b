// The farm map in real headless Chromium: drawing, projection, gestures, tooltip, import,
// privacy. Run by scripts/test.sh after the wasm is built into pkg/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { start, openPage } from "./harness.mjs";

let env;
before(async () => { env = await start(); fs.mkdirSync("artifacts", { recursive: true }); });
after(async () => { await env.close(); });

// Web Mercator written out independently of the Rust code under test.
function predict(cam, lng, lat) {
  const { centerX: cx, centerY: cy, zoom, width: w, height: h } = cam;
  const x = lng / 360 + 0.5;
  const s = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI;
  const scale = 256 * 2 ** zoom;
  return [(x - cx) * scale + w / 2, (y - cy) * scale + h / 2];
}

const TEST_CSV = [
  "id,name,lat,lon,status,capacity_mw,precision,owner,source_url",
  "T1,Test farm Ekibastuz,51.72,75.32,operating,36,exact,Test Holding,https://example.org/ekibastuz",
  "T2,Second farm,49.8,73.1,shut down,,city,,https://example.org/b",
].join("\n");

async function mapPage(path = "/") {
  const ctx = await openPage(env, path);
  await ctx.page.waitForFunction(() => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length > 0);
  return ctx;
}

async function loadTestFarms(page, csv = TEST_CSV, name = "farms.csv") {
  return page.evaluate(([csv, name]) => {
    return window.farmmap.loadFarms(name, new TextEncoder().encode(csv));
  }, [csv, name]);
}

const frame = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
const camera = (page) => page.evaluate(() => window.farmmap.map.camera());
const canvasBox = (page) => page.evaluate(() => { const r = window.farmmap.canvas.getBoundingClientRect(); return [r.left, r.top]; });
const pixel = (page, x, y) => page.evaluate(([x, y]) => {
  const c = window.farmmap.canvas;
  const k = c.width / c.getBoundingClientRect().width;
  return Array.from(c.getContext("2d").getImageData(Math.round(x * k), Math.round(y * k), 1, 1).data);
}, [x, y]);

test("the demo loads with no console error, draws the basemap and makes no foreign request", async () => {
  const { page, problems, foreign, context } = await mapPage();
  // Many distinct colours: sea, land, Kazakhstan, borders, markers.
  const colours = await page.evaluate(() => {
    const c = window.farmmap.canvas;
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 97) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  });
  assert.ok(colours > 20, `only ${colours} colours drawn`);
  assert.equal(await page.evaluate(() => window.farmmap.map.farmCount()), 101);
  assert.match(await page.textContent(".fm-note"), /Illustrative locations/);
  assert.match(await page.textContent(".fm-attribution"), /Natural Earth.*GeoNames/);
  await page.screenshot({ path: "artifacts/map.png" });
  const ttf = await page.evaluate(() => performance.getEntriesByName("farmmap:first-frame")[0].startTime);
  fs.writeFileSync("artifacts/map-metrics.json", JSON.stringify({ firstFrameMs: ttf }) + "\n");
  console.log(`time to first drawn frame: ${ttf.toFixed(0)} ms`);
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test("a known farm's marker is at the pixel the projection predicts", async () => {
  const { page, context } = await mapPage("/?build=full");
  await loadTestFarms(page);
  await frame(page);
  const cam = await camera(page);
  const [px, py] = predict(cam, 75.32, 51.72);
  const [rx, ry] = await page.evaluate(() => Array.from(window.farmmap.map.farmScreenPositions()).slice(0, 2));
  assert.ok(Math.abs(px - rx) < 0.01 && Math.abs(py - ry) < 0.01, `${px},${py} vs ${rx},${ry}`);
  // The operating (vermillion #D55E00), exact-site marker is painted there.
  const [r, g, b] = await pixel(page, px, py);
  assert.ok(Math.abs(r - 0xd5) < 12 && Math.abs(g - 0x5e) < 12 && b < 20, `pixel ${r},${g},${b}`);
  await context.close();
});

test("dragging pans and the wheel zooms around the pointer, as predicted", async () => {
  const { page, context } = await mapPage("/?build=full");
  await loadTestFarms(page);
  await frame(page);
  const [left, top] = await canvasBox(page);
  let cam = await camera(page);
  const [x0, y0] = predict(cam, 75.32, 51.72);
  // Drag the marker towards the middle of the canvas by (dx, dy).
  const [dx, dy] = [cam.width / 2 - x0, cam.height / 2 - y0].map((v) => Math.round(v / 2));
  await page.mouse.move(left + 150, top + 150);
  await page.mouse.down();
  await page.mouse.move(left + 150 + dx / 2, top + 150 + dy / 2, { steps: 4 });
  await page.mouse.move(left + 150 + dx, top + 150 + dy, { steps: 4 });
  await page.mouse.up();
  await frame(page);
  cam = await camera(page);
  const [x1, y1] = predict(cam, 75.32, 51.72);
  assert.ok(Math.abs(dx) + Math.abs(dy) > 20, "a real drag");
  assert.ok(Math.abs(x1 - x0 - dx) < 0.5 && Math.abs(y1 - y0 - dy) < 0.5, `moved by ${x1 - x0},${y1 - y0} for ${dx},${dy}`);
  const [r, g] = await pixel(page, x1, y1);
  assert.ok(Math.abs(r - 0xd5) < 12 && Math.abs(g - 0x5e) < 12, "marker drawn at its new place");

  const zoomBefore = cam.zoom;
  await page.mouse.move(left + 200, top + 150);
  await page.mouse.wheel(0, -200);
  await page.waitForFunction((z) => window.farmmap.map.camera().zoom > z, zoomBefore);
  await frame(page);
  cam = await camera(page);
  const k = 2 ** (cam.zoom - zoomBefore);
  const [x2, y2] = predict(cam, 75.32, 51.72);
  assert.ok(k > 1.1, `zoomed by ${k}`);
  assert.ok(Math.abs(x2 - (200 + (x1 - 200) * k)) < 0.5 && Math.abs(y2 - (150 + (y1 - 150) * k)) < 0.5,
    "the point under the pointer stays put");
  await context.close();
});

test("hovering a marker shows its tooltip; clicking opens details with the source link", async () => {
  const { page, context } = await mapPage("/?build=full");
  await loadTestFarms(page);
  await frame(page);
  const [left, top] = await canvasBox(page);
  const [x, y] = predict(await camera(page), 75.32, 51.72);
  await page.mouse.move(left + x + 1, top + y + 1);
  await page.waitForSelector(".fm-tooltip:not([hidden])");
  const tip = await page.textContent(".fm-tooltip");
  assert.match(tip, /Test farm Ekibastuz/);
  assert.match(tip, /Test Holding/);
  assert.match(tip, /Operating · exact site/);
  assert.match(tip, /example\.org/);
  await page.mouse.click(left + x + 1, top + y + 1);
  await page.waitForSelector(".fm-details a");
  assert.equal(await page.getAttribute(".fm-details a", "href"), "https://example.org/ekibastuz");
  assert.match(await page.textContent(".fm-details"), /36 MW/);
  await context.close();
});

test("keyboard: arrows pan, + zooms, 0 resets", async () => {
  const { page, context } = await mapPage();
  await page.focus(".fm-canvas");
  const c0 = await camera(page);
  await page.keyboard.press("ArrowRight");
  const c1 = await camera(page);
  const scale = 256 * 2 ** c0.zoom;
  assert.ok(Math.abs((c1.centerX - c0.centerX) * scale - 80) < 1e-6, "ArrowRight shows what is east");
  await page.keyboard.press("+");
  await page.waitForFunction((z) => window.farmmap.map.camera().zoom >= z + 0.999, c0.zoom);
  await page.keyboard.press("0");
  await page.waitForFunction((z) => Math.abs(window.farmmap.map.camera().zoom - z) < 1e-6, c0.zoom);
  await context.close();
});

test("a bad farms file: every bad row named, the good rows loaded", async () => {
  const { page, context } = await mapPage("/?build=full");
  const csv = [
    "id,name,lat,lon,status",
    "A,Good,51.7,75.3,operating",
    'B,Comma,"43,2",76.9,operating',
    "C,<img src=x onerror=window.pwned=1>,95,76.9,shut down",
    "A,Duplicate,50,70,",
    "D,Also good,49.8,73.1,closed",
  ].join("\n");
  const report = await loadTestFarms(page, csv, "farms.csv");
  assert.equal(report.loaded, 2);
  assert.equal(report.skipped, 3);
  // The reader's page has no import box (the editor lists these); the report carries the sentences.
  const items = report.problems.map((p) => p.text);
  assert.deepEqual(items.slice(0, 1), ['farms.csv row 3, column lat: "43,2" is not a number; use a dot for decimals']);
  assert.match(items[1], /^farms\.csv row 4, column lat: 95 is out of range/);
  assert.match(items[2], /^farms\.csv row 5, column id: "A" is already used in row 2/);
  assert.equal(await page.evaluate(() => window.farmmap.map.farmCount()), 2);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await context.close();
});

test("a file's notes (units, defaults) are listed apart from its problems; options apply and the legend states the default", async () => {
  const { page, context } = await mapPage("/?build=full");
  const csv = "Power Plant ID,Latitude,Longitude,Capacity (kW),operator\nP1,51.7,75.3,1500,X\nP2,43.2,76.9,800,Y\n";
  const report = await loadTestFarms(page, csv, "plants.csv");
  assert.equal(report.loaded, 2);
  assert.ok(report.notes.every((n) => n.severity === "note"));
  // The reader's page has no import panel (the editor lists notes); the report carries them.
  const notes = report.notes.map((n) => n.text);
  assert.ok(notes.some((t) => /capacities are in kW, converted to MW/.test(t)), notes.join("\n"));
  assert.ok(notes.some((t) => /give no precision/.test(t)), notes.join("\n"));
  assert.ok(report.problems.every((p) => p.severity !== "note"), "notes are not problems");
  const labels = await page.evaluate(([csv]) => {
    const r = window.farmmap.loadFarms("plants.csv", new TextEncoder().encode(csv), { precision_default: "city", columns: { operator: "owner" } });
    const city = window.farmmap.map.legend().precisions.find((p) => p.key === "city");
    return { owner: window.farmmap.map.farm(0).owner, city: city?.label, loaded: r.loaded };
  }, [csv]);
  assert.equal(labels.loaded, 2);
  assert.equal(labels.owner, "X");
  assert.match(labels.city ?? "", /the file's default/);
  await context.close();
});

test("data text is shown as text, never as HTML", async () => {
  const { page, context } = await mapPage("/?build=full");
  await loadTestFarms(page, "id,name,lat,lon,owner,source_url\nX,<b id=inj>bold</b>,51.72,75.32,<img src=x onerror=window.pwned=1>,javascript:alert(1)\n");
  await frame(page);
  const [left, top] = await canvasBox(page);
  const [x, y] = predict(await camera(page), 75.32, 51.72);
  await page.mouse.click(left + x, top + y);
  await page.waitForSelector(".fm-details h2");
  assert.equal(await page.textContent(".fm-details h2"), "<b id=inj>bold</b>");
  assert.equal(await page.$("#inj"), null);
  assert.equal(await page.$(".fm-details a"), null, "a javascript: URL never becomes a link");
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await context.close();
});

test("export: PNG and SVG downloads carry the title, source line and attribution", async () => {
  const { page, context } = await mapPage();
  const [svgDl] = await Promise.all([page.waitForEvent("download"), page.click("text=Download SVG")]);
  assert.equal(svgDl.suggestedFilename(), "farmmap.svg");
  const svg = fs.readFileSync(await svgDl.path(), "utf8");
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /Kazakhstan&#39;s illegal crypto-mining farms/);
  assert.match(svg, /Source: Almaz Kumenov/);
  assert.match(svg, /Made with Natural Earth · Place data © GeoNames/);
  const shown = await page.evaluate(() => window.farmmap.map.visibleItems().length);
  assert.ok((svg.match(/<circle/g) || []).length >= shown, "every farm marker and cluster is in the SVG");
  const [pngDl] = await Promise.all([page.waitForEvent("download"), page.click("text=Download PNG")]);
  assert.equal(pngDl.suggestedFilename(), "farmmap.png");
  const png = fs.readFileSync(await pngDl.path());
  assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  const [cw, ch] = await page.evaluate(() => [window.farmmap.canvas.width, window.farmmap.canvas.height]);
  assert.equal(w, cw);
  assert.ok(h > ch, "caption rows added under the map");
  fs.writeFileSync("artifacts/export.png", png);
  await context.close();
});

test("a raster tile layer is off by default and drawn, with its attribution, when a story turns it on", async () => {
  const { page, context } = await mapPage();
  const tileRequests = [];
  page.on("request", (r) => { if (r.url().includes("test-tile.png")) tileRequests.push(r.url()); });
  await frame(page);
  assert.equal(tileRequests.length, 0, "no tile request by default");
  const story = JSON.stringify({ title: "Tiles", steps: [{ title: "One" }],
    tiles: { url: "/examples/tiles/test-tile.png?z={z}&x={x}&y={y}", attribution: "Test tiles, CC0" } });
  await page.evaluate((s) => { window.farmmap.map.setAllowedTileOrigins(["self"]); window.farmmap.map.loadStory("tiles.json", s); window.farmmap.requestDraw(); }, story);
  await page.waitForFunction(() => new Promise((ok) => requestAnimationFrame(() => ok(true))));
  await page.waitForTimeout(500);
  await frame(page);
  assert.ok(tileRequests.length > 0 && tileRequests.every((u) => /z=\d+&x=\d+&y=\d+/.test(u)), tileRequests.join(" "));
  assert.ok(await page.evaluate(() => window.farmmap.map.attribution().some((l) => l === "Tiles: Test tiles, CC0")));
  // The tile's green shows where the basemap would be (a corner, away from markers).
  const [r, g, b] = await pixel(page, 3, 3);
  assert.deepEqual([r, g, b], [0x88, 0xcc, 0x88]);
  await context.close();
});

test("touch: a tap on a farm opens it; double-tap zooms in around the finger", async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(env.origin + "/?build=full");
  await page.waitForFunction(() => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length > 0);
  await loadTestFarms(page);
  await page.evaluate(() => window.farmmap.canvas.scrollIntoView({ block: "end" }));
  await frame(page);
  const [left, top] = await canvasBox(page);
  // The second test farm sits clear of the zoom buttons on a phone.
  const [x, y] = predict(await camera(page), 73.1, 49.8);
  await page.touchscreen.tap(left + x, top + y);
  await page.waitForSelector(".fm-details h2");
  assert.equal(await page.textContent(".fm-details h2"), "Second farm");
  await page.waitForTimeout(350); // so the next two taps are their own double-tap
  const z0 = (await camera(page)).zoom;
  const [cx, cy] = [left + 60, top + 230]; // the Caspian, clear of markers, inside the phone's 4:3 map
  await page.touchscreen.tap(cx, cy);
  await page.touchscreen.tap(cx, cy);
  await page.waitForFunction((z) => window.farmmap.map.camera().zoom > z + 0.9, z0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a URL hash that is not valid percent-encoding is ignored, not thrown", async () => {
  const { page, problems, context } = await mapPage("/#step=%E0%A4%A");
  assert.match(await page.textContent(".fm-step-count"), /^Step 1 of/);
  await page.evaluate(() => { location.hash = "#step=%"; });
  await page.evaluate(() => { location.hash = "#step=brother"; });
  await page.waitForFunction(() => window.farmmap.step === 1);
  assert.deepEqual(problems, []);
  await context.close();
});
