// The editor's steps, charts and publish kit, in headless Debian Chromium: a cluster picked
// by a click becomes a step's highlight; a step shown at phone and desktop widths as the
// reader's embed shows it; only the charts the data supports are offered and the choice is
// the story's; every step as SVG and PNG with title, source line and attribution; the two
// embed snippets working on an article page under a strict Content-Security-Policy, and
// their <noscript> fallback shown when the page runs no scripts. Nothing leaves the origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { start, openPage } from "./harness.mjs";

let env;
// The editor itself under the strict policy the server sends on request (scripts/serve.mjs):
// its phone and desktop frames and the PNG drawing must need nothing more.
before(async () => { env = await start({ csp: true }); });
after(async () => { await env.close(); });

const ready = (page) => page.waitForSelector("body[data-ed-ready]");
const say = (page) => page.textContent("#ed-summary");
/** Click and keep the downloaded file's name and bytes. */
async function downloaded(page, locator) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.locator(locator).click()]);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(await dl.path()) };
}
async function demoPreviewed(page) {
  await ready(page);
  await page.click("#ed-demo");
  await page.waitForFunction(() => /Demo story loaded/.test(document.getElementById("ed-summary").textContent));
  await page.click("#ed-preview");
  await page.waitForFunction(() => /farms loaded/.test(document.getElementById("ed-summary").textContent));
}
/** A PNG's size from its IHDR chunk. */
const pngSize = (b) => ({ width: b.readUInt32BE(16), height: b.readUInt32BE(20) });

test("a click on a cluster picks its farms; the step made from it highlights them all", async () => {
  const { page, problems, foreign, context } = await openPage(env, "/editor.html");
  await demoPreviewed(page);
  await page.evaluate(() => window.farmmapEditor.preview.canvas.scrollIntoView({ block: "center" }));
  const cluster = await page.evaluate(() => {
    const { map, canvas } = window.farmmapEditor.preview;
    const c = map.visibleItems().find((i) => i.kind === "cluster");
    const r = canvas.getBoundingClientRect();
    return c && { x: r.left + c.x, y: r.top + c.y, ids: map.clusterFarmIds(c.cluster), count: c.count };
  });
  assert.ok(cluster && cluster.count >= 2, "the demo's home view has a cluster");
  assert.equal(cluster.ids.length, cluster.count);
  await page.mouse.click(cluster.x, cluster.y);
  await page.waitForFunction(() => /^Picked in the preview/.test(document.getElementById("ed-selection").textContent));
  const picked = await page.textContent("#ed-selection");
  for (const id of cluster.ids.slice(0, 8)) assert.ok(picked.includes(id), `${id} in: ${picked}`);
  await page.click("#ed-add-step-view");
  const steps = await page.evaluate(() => window.farmmapEditor.buildStory().steps);
  const added = steps[steps.length - 1];
  for (const id of cluster.ids) assert.ok(added.highlight.includes(id), `${id} highlighted: ${added.highlight}`);
  assert.ok("bounds" in added.camera);
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a step on a phone and a desktop screen, side by side, as the reader's embed shows it", async () => {
  const { page, problems, foreign, context } = await openPage(env, "/editor.html", { viewport: { width: 1200, height: 900 } });
  await demoPreviewed(page);
  await page.fill("#ed-steps > li:nth-child(2) input >> nth=0", "The second step, edited");
  await page.click("#ed-steps > li:nth-child(2) button:has-text('Phone and desktop')");
  const frames = { phone: page.frameLocator(".ed-device-phone iframe"), desktop: page.frameLocator(".ed-device-desktop iframe") };
  for (const f of Object.values(frames)) {
    await f.locator("body[data-step='1']").waitFor();
    assert.equal(await f.locator(".fm-step-title").textContent(), "The second step, edited", "the draft as it is now, at that step");
  }
  // The phone's 390 px: map and network behind tabs; the desktop's 1,280 px: side by side.
  const look = (f) => f.locator("body").evaluate(() => ({ width: innerWidth, wide: !!document.querySelector(".fm-wide"), tabs: !document.querySelector(".fm-tabs")?.hidden }));
  assert.deepEqual(await look(frames.phone), { width: 390, wide: false, tabs: true });
  assert.deepEqual(await look(frames.desktop), { width: 1280, wide: true, tabs: false });
  // Side by side on the editor's page, both whole.
  const [a, b] = await Promise.all([page.locator(".ed-device-phone .ed-device-screen").boundingBox(), page.locator(".ed-device-desktop .ed-device-screen").boundingBox()]);
  assert.ok(Math.abs(a.y - b.y) < 1 && a.x + a.width < b.x, JSON.stringify({ a, b }));
  // An edit afterwards: the screens say they show the draft as it was, and catch up on request.
  await page.fill("#ed-steps > li:nth-child(2) input >> nth=0", "Edited again");
  assert.match(await page.textContent(".ed-devices-caption"), /the draft has changed since/);
  await page.click(".ed-devices-caption button:has-text('Show the draft as it is now')");
  await frames.desktop.locator(".fm-step-title:has-text('Edited again')").waitFor();
  await frames.phone.locator(".fm-step-title:has-text('Edited again')").waitFor();
  // Another step: the same frames move to it.
  await page.click("#ed-steps > li:nth-child(4) button:has-text('Phone and desktop')");
  await frames.phone.locator("body[data-step='3']").waitFor();
  await frames.desktop.locator("body[data-step='3']").waitFor();
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("only the charts the data supports are offered, and the story keeps the choice", async () => {
  const { page, problems, context } = await openPage(env, "/editor.html");
  await ready(page);
  // Two owners and capacities in two regions; no shutdown dates.
  await page.setInputFiles("#ed-farms", { name: "plants.csv", mimeType: "text/csv", buffer: Buffer.from(
    "id,name,lat,lon,owner,capacity_mw\nA,Ekibastuz,51.72,75.32,Alpha,10\nB,Almaty,43.24,76.89,Beta,5\nC,Aktobe,50.28,57.17,Alpha,7\n") });
  await page.waitForSelector("#ed-file-farms .ed-file-name");
  await page.click("#ed-add-step");
  assert.match(await page.textContent("#ed-charts"), /Check and preview to see which charts/);
  await page.click("#ed-preview");
  await page.waitForSelector("#ed-charts input[type=checkbox]");
  const offered = await page.$$eval("#ed-charts input[type=checkbox]", (xs) => xs.map((x) => x.value));
  assert.deepEqual(offered, ["owners", "capacity"]);
  assert.match(await page.textContent("#ed-charts"), /Not offered, because the data does not support them: Farms shut down, by month \(shut down by\): no dates: no shut-down farm gives the month/);
  await page.check("#ed-charts input[value=capacity]");
  await page.check("#ed-charts input[value=owners]");
  assert.deepEqual(await page.evaluate(() => window.farmmapEditor.buildStory().charts), ["capacity", "owners"]);
  // The story's choice is what the reader's charts show.
  await page.click("#ed-preview");
  await page.waitForFunction(() => window.farmmapEditor.preview?.map.charts().length === 2);
  assert.deepEqual(await page.evaluate(() => window.farmmapEditor.preview.map.charts().map((c) => c.kind)), ["capacity", "owners"]);
  // Unticking is an edit like any other: undone by Ctrl+Z.
  await page.uncheck("#ed-charts input[value=capacity]");
  assert.deepEqual(await page.evaluate(() => window.farmmapEditor.buildStory().charts), ["owners"]);
  await page.locator("body").click({ position: { x: 2, y: 2 } });
  await page.keyboard.press("Control+z");
  assert.deepEqual(await page.evaluate(() => window.farmmapEditor.buildStory().charts), ["capacity", "owners"]);
  assert.equal(await page.isChecked("#ed-charts input[value=capacity]"), true);

  // Data without capacities: the capacity chart the story still lists is kept, marked, until unticked.
  await page.setInputFiles("#ed-farms", { name: "plants.csv", mimeType: "text/csv", buffer: Buffer.from(
    "id,name,lat,lon,owner\nA,Ekibastuz,51.72,75.32,Alpha\nB,Almaty,43.24,76.89,Beta\n") });
  await page.waitForFunction(() => /plants\.csv \(\d+ bytes\)/.test(document.getElementById("ed-file-farms").textContent) && window.farmmapEditor.buildStory().farms.text.split("\n")[0] === "id,name,lat,lon,owner");
  await page.click("#ed-preview");
  await page.waitForFunction(() => /readers will not see it/.test(document.getElementById("ed-charts").textContent));
  assert.match(await page.textContent("#ed-charts"), /Capacity by region \(pre-2018 oblasts\) — the story lists it, but no farm gives a capacity/);
  await page.click("#ed-charts input[value=capacity]"); // unticked, it is no longer offered
  assert.deepEqual(await page.evaluate(() => window.farmmapEditor.buildStory().charts), ["owners"]);
  assert.deepEqual(await page.$$eval("#ed-charts input[type=checkbox]", (xs) => xs.map((x) => x.value)), ["owners"]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the publish kit: every step as SVG and PNG, snippets that work under a strict CSP, and a noscript fallback", async () => {
  const { page, problems, foreign, context } = await openPage(env, "/editor.html");
  await demoPreviewed(page);
  await page.fill("#ed-pub-folder", `${env.origin}/`);
  await page.fill("#ed-pub-name", "kit test!");
  const story = await downloaded(page, "#ed-download");
  assert.equal(story.name, "kit-test.json");
  const steps = JSON.parse(story.bytes.toString("utf8")).steps;
  await page.click("#ed-kit-make");
  await page.waitForSelector("#ed-kit-list li");
  assert.equal(await page.locator("#ed-kit-list li").count(), steps.length);
  assert.match(await page.textContent("#ed-kit-status"), new RegExp(`${steps.length} steps drawn`));

  const files = new Map([["kit-test.json", story.bytes]]);
  for (const [i, step] of steps.entries()) {
    const svg = await downloaded(page, `#ed-kit-list li:nth-child(${i + 1}) button[data-file$=svg]`);
    assert.equal(svg.name, `kit-test.step-${i + 1}.svg`);
    const text = svg.bytes.toString("utf8");
    assert.ok(text.startsWith("<svg") && text.includes('width="700" height="574"'), text.slice(0, 200));
    assert.ok(text.includes(`>${step.title.replace(/&/g, "&amp;").replace(/'/g, "&#39;")}</text>`), `step ${i + 1}'s title`);
    assert.ok(text.includes("Source: Almaz Kumenov"), "the source line");
    assert.ok(text.includes("Natural Earth"), "the attribution");
    files.set(svg.name, svg.bytes);
  }
  const png = await downloaded(page, "#ed-kit-list li:nth-child(1) button[data-file$=png]");
  assert.equal(png.name, "kit-test.step-1.png");
  assert.deepEqual([...png.bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], "a PNG");
  assert.deepEqual(pngSize(png.bytes), { width: 1400, height: 1148 }, "the SVG at twice its size");
  files.set(png.name, png.bytes);
  // The PNG is the SVG drawn, not a blank canvas: its pixels vary (the map, the words).
  const distinct = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 97) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  }, png.bytes.toString("base64"));
  assert.ok(distinct > 20, `${distinct} colours`);

  const element = await page.inputValue("#ed-snippet");
  const iframe = await page.inputValue("#ed-snippet-iframe");
  for (const s of [element, iframe]) assert.doesNotMatch(s, /style=|<script>|on[a-z]+=/i, "no inline style, script or handler");
  assert.ok(iframe.includes(`<noscript><img src="${env.origin}/stories/kit-test.step-1.png" width="700" height="574" alt="${steps[0].title}. `), iframe);
  assert.match(iframe, new RegExp(`^<iframe src="${env.origin}/embed\\.html\\?story=stories/kit-test\\.json&amp;childId=farmmap"`));
  // The custom element carries the first step's picture as its own <img>: its poster, and
  // what a page without scripts shows.
  assert.ok(element.includes(`<farm-map src="${env.origin}/stories/kit-test.json"><img fetchpriority="high" src="${env.origin}/stories/kit-test.step-1.png" width="700" height="574" alt="${steps[0].title}. `), element);
  assert.match(element, /<\/farm-map>$/);
  await context.close();

  // An article page on this site, serving the kit's files, with the policy a strict CMS sends.
  const article = async (snippet, csp, opts = {}) => {
    const ctx = await env.browser.newContext({ viewport: { width: 900, height: 900 }, ...opts });
    for (const [name, bytes] of files) {
      await ctx.route(`${env.origin}/stories/${name}`, (r) => r.fulfill({ status: 200, body: bytes,
        contentType: name.endsWith(".json") ? "application/json" : name.endsWith(".png") ? "image/png" : "image/svg+xml" }));
    }
    await ctx.route(`${env.origin}/article.html`, (r) => r.fulfill({ status: 200, contentType: "text/html; charset=utf-8",
      headers: { "Content-Security-Policy": csp },
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head><body><h1>Article</h1><p>Before.</p>\n${snippet}\n<p>After.</p></body></html>` }));
    const p = await ctx.newPage();
    const seen = [];
    const off = [];
    p.on("console", (m) => { if (m.type() === "error") seen.push(m.text()); });
    p.on("pageerror", (e) => seen.push(e.message));
    p.on("request", (r) => { if (!r.url().startsWith(env.origin) && !/^(data|blob):/.test(r.url())) off.push(r.url()); });
    await p.goto(`${env.origin}/article.html`);
    return { ctx, p, seen, off };
  };
  const strict = "default-src 'self'; style-src 'self'";
  // The iframe on a page with exactly that policy: the story, at its first step.
  {
    const { ctx, p, seen, off } = await article(iframe, strict);
    const f = p.frameLocator("iframe.farmmap-embed");
    await f.locator(".fm-step-title").waitFor();
    assert.equal(await f.locator(".fm-step-title").textContent(), steps[0].title);
    assert.equal(await p.locator("noscript").count(), 1, "the fallback is there, unused while scripts run");
    assert.equal(await p.locator("img").count(), 0);
    assert.deepEqual(seen, [], "no policy violation or error");
    assert.deepEqual(off, []);
    await ctx.close();
  }
  // The custom element: the same, with the one thing WebAssembly needs added to script-src.
  {
    const { ctx, p, seen, off } = await article(element, `${strict}; script-src 'self' 'wasm-unsafe-eval'`);
    // The snippet's picture is in the page as parsed: the poster until the map is ready.
    assert.equal(await p.evaluate(() => document.querySelector("farm-map > img")?.getAttribute("src")), `${env.origin}/stories/kit-test.step-1.png`);
    await p.waitForSelector("farm-map[data-state=ready]");
    assert.equal(await p.evaluate(() => document.querySelector("farm-map").shadowRoot.querySelector(".fm-step-title")?.textContent), steps[0].title);
    assert.deepEqual(seen, [], "no policy violation or error");
    assert.deepEqual(off, []);
    await ctx.close();
  }
  // A page that runs no scripts (AMP, RSS, Apple News): the first step's PNG, with its words.
  for (const [snippet, where] of [[iframe, "noscript > img"], [element, "farm-map > img"]]) {
    const { ctx, p, seen } = await article(snippet, strict, { javaScriptEnabled: false });
    const img = p.locator(where).first();
    await p.waitForFunction((w) => document.querySelector(w)?.complete, where);
    assert.equal(await img.getAttribute("src"), `${env.origin}/stories/kit-test.step-1.png`);
    assert.equal(await img.evaluate((i) => i.naturalWidth), 1400, "the PNG loaded");
    assert.equal(await img.getAttribute("alt"), [steps[0].title, steps[0].text].join(". "));
    assert.deepEqual(seen, []);
    await ctx.close();
  }
  assert.deepEqual(foreign, [], "the editor sent nothing anywhere");
  assert.deepEqual(problems, []);
});

test("offline once loaded: the demo, a preview, a step on phone and desktop, the pictures and the export, with no network", async () => {
  const { page, problems, foreign, context } = await openPage(env, "/editor.html", { viewport: { width: 1200, height: 900 } });
  await ready(page);
  await page.waitForSelector("body[data-ed-offline=kept]");
  const failed = [];
  page.on("requestfailed", (r) => failed.push(r.url()));
  await context.setOffline(true);
  assert.equal(await page.evaluate(() => fetch("/probe-offline.txt").then(() => "online", () => "offline")), "offline", "the network is really gone");
  await demoPreviewed(page);
  await page.click("#ed-steps > li:nth-child(3) button:has-text('Phone and desktop')");
  for (const d of ["phone", "desktop"]) await page.frameLocator(`.ed-device-${d} iframe`).locator("body[data-step='2'] .fm-step-title").waitFor();
  await page.click("#ed-kit-make");
  const png = await downloaded(page, "#ed-kit-list li:nth-child(1) button[data-file$=png]");
  assert.deepEqual(pngSize(png.bytes), { width: 1400, height: 1148 });
  const story = await downloaded(page, "#ed-download");
  assert.ok(JSON.parse(story.bytes.toString("utf8")).steps.length >= 3);
  // A reload without the network still opens the editor, with the draft.
  await page.reload();
  await ready(page);
  assert.equal(await page.inputValue("#ed-title"), JSON.parse(story.bytes.toString("utf8")).title);
  assert.deepEqual(failed.filter((u) => !u.includes("probe-offline")), [], "nothing the editor asked for was missing");
  assert.deepEqual(foreign, []);
  // The probe's own failure is the one resource the console reports (every failed request is in `failed`).
  assert.deepEqual(problems.filter((p) => !/^console: Failed to load resource: net::ERR_FAILED$/.test(p)), []);
  await context.close();
});

// Publishing saves the layout readers see at once (app::publish::with_settled_layout). A
// preview whose layout is still moving is not saved half-way: the story gets the settled one.
test("a network layout still settling in the preview is not saved: the story holds the settled layout", async () => {
  const demo = JSON.parse(fs.readFileSync(new URL("../www/stories/kazakhstan-2022.json", import.meta.url), "utf8"));
  const { layout: settled, ...bare } = demo;
  const { page, problems, context } = await openPage(env, "/editor.html");
  await ready(page);
  await page.setInputFiles("#ed-story", { name: "no-layout.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bare)) });
  await page.waitForFunction(() => /no-layout\.json opened/.test(document.getElementById("ed-summary").textContent));
  await page.click("#ed-preview");
  await page.waitForFunction(() => /farms loaded/.test(document.getElementById("ed-summary").textContent));
  // The preview's network has not been laid out (its pane is not shown beside the map
  // here): its positions are the layout's seeded start.
  assert.equal(await page.evaluate(() => window.farmmapEditor.preview.map.networkSettled()), false);
  const story = JSON.parse((await downloaded(page, "#ed-download")).bytes.toString("utf8"));
  assert.deepEqual(story.layout, settled, "the settled layout, as `farmmap publish` writes it");
  assert.deepEqual(problems, []);
  await context.close();
});
