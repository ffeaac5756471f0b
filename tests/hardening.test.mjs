// Hardening (issue 12), in headless Chromium: story addresses obey the publisher's rules
// (same site unless allow-origins / farmmap-allow-origins lists another; http(s) only; a
// streamed size cap); a story's tile layer makes no request to a host the publisher did not
// allow, whatever trick its template uses, and a tile that never answers stops counting as
// loading; each <farm-map> runs its own wasm instance, so a real panic in one (the
// test-panic build's FarmMap.panicForTest) leaves the other panning and drawing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import { chromium } from "playwright-core";
import { serve } from "../scripts/serve.mjs";
import { openPage } from "./harness.mjs";

const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob: https:; connect-src 'self' http://127.0.0.2:*";
const FAKE = "FAKE-TITLE-from-the-attacker";
const fakeStory = (title = FAKE) => JSON.stringify({ title, dek: "Injected", source: { name: "Reuters", url: "https://example.org" }, steps: [{ title: "EVIL STEP" }] });

// Publisher pages written by the tests (a copy of embed.html with meta tags, articles with
// <farm-map> attributes), served by the real server on the test origin under the strict CSP.
// (Not page.route: Chromium treats a routed document as public and then refuses its
// requests to the loopback "other origin" before farmmap's rules are even reached.)
const pages = new Map();

/** The harness's server and Chromium, plus `pages`. */
async function startWithPages() {
  const server = await serve({ port: 0 });
  const [handler] = server.listeners("request");
  server.removeAllListeners("request");
  server.on("request", (req, res) => {
    const html = pages.get(new URL(req.url || "/", "http://x").pathname);
    if (html === undefined) return handler.call(server, req, res);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": STRICT_CSP });
    res.end(html);
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  return { origin: `http://127.0.0.1:${server.address().port}`, browser, async close() { await browser.close(); server.close(); } };
}

let env, other, otherOrigin;
before(async () => {
  env = await startWithPages();
  // Another origin: a second server on another loopback address, open to any site (CORS *).
  other = http.createServer((req, res) => {
    const headers = { "access-control-allow-origin": "*", "content-type": "application/json" };
    if (req.url === "/story.json") { res.writeHead(200, headers); res.end(fakeStory("Second site story")); return; }
    if (req.url === "/big.json") {
      // No Content-Length (chunked): only the streamed count can stop it.
      res.writeHead(200, headers);
      let sent = 0;
      const more = () => { if (sent >= 64) { res.end(); return; } sent += 1; res.write(" ".repeat(4096), () => setTimeout(more, 2)); };
      res.write('{"title":"big",'); more();
      return;
    }
    res.writeHead(404, headers); res.end();
  });
  await new Promise((ok) => other.listen(0, "127.0.0.2", ok));
  otherOrigin = `http://127.0.0.2:${other.address().port}`;
});
after(async () => { await env.close(); other.close(); });

/** Serve `html` at `path` on the test origin, under the strict CSP. */
async function routePage(_context, path, html) {
  pages.set(path, html);
}

/** embed.html with extra <meta> tags in its head (the publisher's own copy). */
const embedWith = (metas) => fs.readFileSync("www/embed.html", "utf8").replace("</head>", `${metas}\n</head>`);

const articleWith = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<script type="module" src="/farm-map.min.js"></script></head><body>${body}</body></html>`;

async function errorText(page, selector = ".fm-error") {
  await page.waitForSelector(selector);
  return page.locator(selector).first().textContent();
}

for (const [kind, url] of [
  ["data:", `data:application/json,${encodeURIComponent(fakeStory())}`],
  ["javascript:", `javascript:alert('${FAKE}')`],
  ["blob:", `blob:http://127.0.0.1/${FAKE}`],
  ["file:", `file:///etc/${FAKE}.json`],
]) {
  test(`embed.html?story=${kind}… is refused with a message, and none of its text reaches the page`, async () => {
    const { page, context, foreign } = await openPage(env, `/embed.html?csp=1&story=${encodeURIComponent(url)}`);
    const msg = await errorText(page);
    assert.match(msg, new RegExp(`story address is a ${kind} URL; stories are loaded only from http\\(s\\) addresses on this site`));
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    assert.ok(!html.includes(FAKE) && !html.includes("EVIL STEP") && !html.includes("Reuters"), "attacker text in the DOM");
    assert.deepEqual(foreign, []);
    await context.close();
  });
}

test("embed.html?story= on another origin is refused (no request is made) unless the page's meta lists it", async () => {
  const { page, context, foreign } = await openPage(env, `/embed.html?csp=1&story=${encodeURIComponent(`${otherOrigin}/story.json`)}`);
  const msg = await errorText(page);
  assert.match(msg, new RegExp(`the story at ${otherOrigin.replaceAll(".", "\\.")} is on another site; the publisher allows stories only from this site \\(add it to allow-origins\\)`));
  assert.ok(!(await page.content()).includes("Second site story"));
  assert.deepEqual(foreign, [], "the other origin was never contacted");
  await context.close();

  // The publisher's copy of embed.html lists that origin: the same address loads.
  const allowed = await env.browser.newContext();
  await routePage(allowed, "/embed-allowed.html", embedWith(`<meta name="farmmap-allow-origins" content="https://a.example ${otherOrigin}">`));
  const p2 = await allowed.newPage();
  const problems = [];
  p2.on("pageerror", (e) => problems.push(e.message));
  await p2.goto(`${env.origin}/embed-allowed.html?story=${encodeURIComponent(`${otherOrigin}/story.json`)}`);
  await p2.waitForFunction(() => window.farmmap);
  assert.equal(await p2.evaluate(() => window.farmmap.map.story().title), "Second site story");
  assert.equal(await p2.locator(".fm-error").count(), 0);
  assert.deepEqual(problems, []);
  await allowed.close();
});

test("a <farm-map> loads another origin only with allow-origins; a story over max-story-bytes is refused while it streams", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 4000 } });
  await routePage(context, "/sources.html", articleWith(`
    <farm-map id="foreign" src="${otherOrigin}/story.json"></farm-map>
    <farm-map id="listed" src="${otherOrigin}/story.json" allow-origins="${otherOrigin}"></farm-map>
    <farm-map id="capped" src="/stories/kazakhstan-2022.json" max-story-bytes="1000"></farm-map>
    <farm-map id="streamed" src="${otherOrigin}/big.json" allow-origins="${otherOrigin}" max-story-bytes="10000"></farm-map>`));
  const page = await context.newPage();
  await page.goto(`${env.origin}/sources.html`);
  for (const id of ["foreign", "listed", "capped", "streamed"]) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.waitForSelector(`#${id}[data-state=ready], #${id}[data-state=error]`);
  }
  assert.match(await page.locator("#foreign .fm-error").textContent(), /is on another site; the publisher allows stories only from this site \(add it to allow-origins\)/);
  assert.equal(await page.getAttribute("#listed", "data-state"), "ready", await page.locator("#listed").evaluate((e) => e.shadowRoot?.textContent));
  assert.equal(await page.$eval("#listed", (e) => e.ui.map.story().title), "Second site story");
  assert.match(await page.locator("#capped .fm-error").textContent(), /the story http:\/\/127\.0\.0\.1:\d+\/stories\/kazakhstan-2022\.json is larger than 1000 bytes, the most this page loads \(the publisher sets max-story-bytes\)/);
  assert.match(await page.locator("#streamed .fm-error").textContent(), /big\.json is larger than 9\.8 KB/);
  await context.close();
});

test("a story's tile layer requests only hosts the publisher allows: every template trick makes no request, and a silent tile server stops counting as loading", async () => {
  const context = await env.browser.newContext();
  await routePage(context, "/tiles.html", articleWith(`<farm-map id="m" allow-tiles="https://tiles.example https://slow.example http://plain.example"></farm-map>`));
  const png = fs.readFileSync("www/examples/tiles/test-tile.png");
  await context.route("https://tiles.example/**", (r) => r.fulfill({ status: 200, body: png, headers: { "content-type": "image/png", "access-control-allow-origin": "*" } }));
  await context.route("https://slow.example/**", () => { /* never answers */ });
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => { if (!r.url().startsWith(env.origin)) requests.push(r.url()); });
  await page.goto(`${env.origin}/tiles.html`);
  await page.waitForSelector("#m[data-state=ready]");
  const tryTemplate = (url) => page.$eval("#m", async (el, url) => {
    const story = JSON.stringify({ title: "T", steps: [{ title: "One" }], tiles: { url, attribution: "Test tiles" } });
    const report = el.ui.map.loadStory("tiles.json", story);
    el.ui.requestDraw();
    await new Promise((ok) => setTimeout(ok, 400));
    return { warnings: report.problems.filter((p) => p.column === "tiles.url").map((p) => p.text), attribution: el.ui.map.attribution() };
  }, url);
  const tricks = [
    "https://evil.example/{z}/{x}/{y}.png",
    "/\\evil.example/{z}/{x}/{y}.png",
    "\\\\evil.example/{z}/{x}/{y}.png",
    "//evil.example/{z}/{x}/{y}.png",
    "https://tiles.example@evil.example/{z}/{x}/{y}.png",
    "https:\\\\evil.example/{z}/{x}/{y}.png",
    "https://evil.example\\@tiles.example/{z}/{x}/{y}.png",
    "https://tiles.example.evil.example/{z}/{x}/{y}.png",
    "http://tiles.example/{z}/{x}/{y}.png",
    "http://plain.example/{z}/{x}/{y}.png",
    "/examples/tiles/test-tile.png?z={z}&x={x}&y={y}",
  ];
  for (const t of tricks) {
    const { warnings, attribution } = await tryTemplate(t);
    assert.equal(warnings.length, 1, `${t}: ${JSON.stringify(warnings)}`);
    assert.match(warnings[0], /the tile layer is off$/);
    assert.ok(!attribution.includes("Tiles: Test tiles"), t);
  }
  assert.deepEqual(requests, [], "no request for any refused template");
  // The allowed host is drawn (the positive control).
  const ok = await tryTemplate("https://tiles.example/{z}/{x}/{y}.png");
  assert.deepEqual(ok.warnings, []);
  assert.ok(ok.attribution.includes("Tiles: Test tiles"));
  assert.ok(requests.length > 0 && requests.every((u) => u.startsWith("https://tiles.example/")), requests.join(" "));
  // A tile server that never answers: after 8 s the tiles are dropped and draw() says done.
  await tryTemplate("https://slow.example/{z}/{x}/{y}.png");
  assert.equal(await page.$eval("#m", (el) => el.ui.map.draw(performance.now())), true, "still loading at first");
  await page.waitForTimeout(8600);
  assert.equal(await page.$eval("#m", (el) => el.ui.map.draw(performance.now())), false, "dropped after the time budget");
  assert.ok(!requests.some((u) => /evil|plain\.example|^http:/.test(u)), requests.join(" "));
  await context.close();
});

test("two embeds: a real panic in one shows its own error box; the other still pans and draws; Reload starts a fresh instance", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 700 } });
  await routePage(context, "/two.html", articleWith(`
    <farm-map id="a"></farm-map><farm-map id="b"></farm-map>`));
  const page = await context.newPage();
  const wasmRequests = [], glueRequests = [], cspErrors = [];
  page.on("request", (r) => {
    if (r.url().includes("farmmap_bg.wasm")) wasmRequests.push(r.url());
    if (r.url().includes("/pkg/farmmap.js")) glueRequests.push(r.url());
  });
  page.on("console", (m) => { if (/Content Security Policy|Refused to/.test(m.text())) cspErrors.push(m.text()); });
  await page.goto(`${env.origin}/two.html`);
  for (const id of ["a", "b"]) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.waitForSelector(`#${id}[data-state=ready]`);
  }
  // One download and compile of the wasm, an instance (its own glue module record) each.
  assert.equal(wasmRequests.length, 1, wasmRequests.join(" "));
  assert.deepEqual(cspErrors, []);
  assert.ok(await page.$eval("#a", (a) => a.ui.map !== document.getElementById("b").ui.map));

  await page.locator("#a").scrollIntoViewIfNeeded();
  const thrown = await page.$eval("#a", (a) => { try { a.ui.map.panicForTest(); return null; } catch (e) { return { name: e.name, message: e.message }; } });
  // The reader's build aborts at once on a panic (scripts/build.sh: -Cpanic=immediate-abort):
  // a trap, which the page names in words of its own (the full build's hook is not in it).
  assert.equal(thrown?.name, "RuntimeError");
  const box = await errorText(page, "#a .fm-error");
  assert.equal(box.replace(/\s*Reload the map\s*$/, ""), "The map stopped: farmmap ran into an error in its own code");
  assert.equal(await page.locator("#a .fm-reload").textContent(), "Reload the map");
  // The dead instance does nothing more; a call through its guard is a no-op, not a throw.
  assert.equal(await page.$eval("#a", (a) => a.ui.map.camera()), undefined);

  // The other embed: a real drag pans it, and it draws the new view.
  await page.locator("#b").scrollIntoViewIfNeeded();
  await page.waitForTimeout(200);
  const canvas = page.locator("#b canvas.fm-map-canvas, #b .fm-map canvas").first();
  const before = await page.$eval("#b", (b) => ({ cam: b.ui.map.camera(), png: b.ui.canvas.toDataURL() }));
  const box2 = await canvas.boundingBox();
  await page.mouse.move(box2.x + box2.width / 2, box2.y + box2.height / 2);
  await page.mouse.down();
  await page.mouse.move(box2.x + box2.width / 2 + 120, box2.y + box2.height / 2 + 40, { steps: 6 });
  await page.mouse.up();
  await page.waitForTimeout(300);
  const afterPan = await page.$eval("#b", (b) => ({ cam: b.ui.map.camera(), png: b.ui.canvas.toDataURL(), err: b.shadowRoot.querySelector(".fm-error") !== null }));
  assert.notEqual(afterPan.cam.centerX, before.cam.centerX, "b's camera moved");
  assert.notEqual(afterPan.png, before.png, "b drew the new view");
  assert.equal(afterPan.err, false);

  // Reload the map: a fresh instance, drawing again.
  await page.locator("#a").scrollIntoViewIfNeeded();
  await page.locator("#a .fm-reload").click();
  await page.waitForFunction(() => document.getElementById("a").ui?.map.camera()?.zoom > 0);
  assert.equal(await page.locator("#a .fm-error").count(), 0);
  assert.equal(wasmRequests.length, 1, "reloading compiles nothing again");
  console.log(`# glue module requests (one per instance): ${glueRequests.length}`);
  await context.close();
});
