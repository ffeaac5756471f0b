// Poster first: while the wasm is held back (request interception), the story's
// pre-rendered first step is in the DOM and visible at the map's place, with its words as
// alt text; the live map replaces it once ready. Under the strict CSP, with no foreign
// request; in the iframe page, in <farm-map> (Shadow DOM), and without JavaScript.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { start } from "./harness.mjs";
import { posterOf, DEMO_POSTER } from "../www/poster.js";

const STORY = fs.readFileSync(new URL("../www/stories/kazakhstan-2022.json", import.meta.url), "utf8");
const FIRST = JSON.parse(STORY).steps[0];

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

/** A page whose wasm download waits until `release()`; records problems and foreign requests. */
async function openHeld(path, { viewport = { width: 700, height: 900 }, javaScriptEnabled = true } = {}) {
  const context = await env.browser.newContext({ viewport, javaScriptEnabled });
  const page = await context.newPage();
  const problems = [], foreign = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("request", (r) => { if (!r.url().startsWith(env.origin) && !r.url().startsWith("data:")) foreign.push(r.url()); });
  /** @type {() => void} */
  let release = () => {};
  const gate = new Promise((ok) => { release = ok; });
  let wasmAsked = 0;
  await page.route("**/*.wasm", async (route) => { wasmAsked += 1; await gate; await route.continue(); });
  await page.goto(env.origin + path);
  return { page, context, problems, foreign, release, wasmAsked: () => wasmAsked };
}

/** The poster is loaded, visible, and the topmost thing at the middle of its map box. */
async function assertPosterShown(poster) {
  await poster.waitFor({ state: "visible" });
  const facts = await poster.evaluate(async (img) => {
    await img.decode().catch(() => {});
    const box = img.getBoundingClientRect();
    const map = /** @type {HTMLElement} */ (img.parentElement).getBoundingClientRect();
    const root = /** @type {Document | ShadowRoot} */ (img.getRootNode());
    const top = root.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return {
      loaded: img.complete && img.naturalWidth > 0, alt: img.alt, topmost: top === img,
      sameBox: Math.abs(box.width - map.width) < 3 && Math.abs(box.height - map.height) < 3,
      size: [box.width, box.height],
    };
  });
  assert.ok(facts.loaded, "the poster image loaded");
  assert.ok(facts.topmost, "nothing covers the poster");
  assert.ok(facts.sameBox, `the poster fills the map's box: ${facts.size}`);
  assert.ok(facts.size[0] > 200 && facts.size[1] > 200, `${facts.size}`);
  assert.equal(facts.alt, `${FIRST.title}. ${FIRST.text}`);
}

for (const csp of [false, true]) {
  test(`iframe page: the poster shows before the wasm and the map replaces it${csp ? " (strict CSP)" : ""}`, async () => {
    const { page, context, problems, foreign, release, wasmAsked } =
      await openHeld(`/embed.html?story=stories/kazakhstan-2022.json${csp ? "&csp=1" : ""}`);
    const poster = page.locator(".fm-map img.fm-poster");
    await assertPosterShown(poster);
    assert.equal(await poster.getAttribute("src"), `${env.origin}/stories/kazakhstan-2022.poster.svg`);
    // The wasm is asked for once the poster is in, and is still held: the map is not there yet.
    for (let i = 0; i < 100 && wasmAsked() < 1; i++) await page.waitForTimeout(50);
    assert.ok(wasmAsked() >= 1, "the wasm was asked for after the poster showed");
    assert.equal(await page.evaluate(() => "farmmap" in window), false);
    release();
    await page.waitForFunction(() => "farmmap" in window);
    await poster.waitFor({ state: "detached" });
    assert.equal(await page.locator(".fm-map canvas.fm-canvas").isVisible(), true);
    assert.deepEqual(problems, []);
    assert.deepEqual(foreign, []);
    await context.close();
  });
}

test("<farm-map> in an article (Shadow DOM, strict CSP): poster first, then the map", async () => {
  const { page, context, problems, foreign, release } =
    await openHeld("/examples/article.html?csp=1", { viewport: { width: 1000, height: 900 } });
  const poster = page.locator("#good .fm-map img.fm-poster");
  await assertPosterShown(poster);
  assert.equal(await page.getAttribute("#good", "data-state"), "loading");
  release();
  await page.waitForSelector("#good[data-state=ready]");
  await poster.waitFor({ state: "detached" });
  // The broken embed further down is the article's own test case (a 404 story).
  assert.deepEqual(problems.filter((p) => !/404/.test(p)), []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test("without JavaScript the iframe page shows the demo's poster with its words", async () => {
  const { page, context, foreign } = await openHeld("/embed.html?csp=1", { javaScriptEnabled: false });
  const img = page.locator("noscript img, img.fm-poster").first();
  await img.waitFor({ state: "visible" });
  const facts = await img.evaluate((i) => ({ ok: i.complete && i.naturalWidth > 0, alt: i.alt, w: i.getBoundingClientRect().width }));
  assert.ok(facts.ok);
  assert.equal(facts.alt, `${FIRST.title}. ${FIRST.text}`);
  assert.ok(facts.w > 300 && facts.w <= 700, `${facts.w}`);
  assert.deepEqual(foreign, []);
  await context.close();
});

test("<farm-map>'s own <img> (the snippet's poster) shows before any script, at the place the element keeps", async () => {
  // Where the snippet's poster and the text after the embed are: without JavaScript, and with
  // the element defined but its map's modules held back (the placeholder shows the same <img>).
  const facts = async (javaScriptEnabled) => {
    const context = await env.browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, javaScriptEnabled });
    const page = await context.newPage();
    const requests = [];
    // The <farm-map>'s (the page's own frame; the article's iframe is another embed).
    page.on("request", (r) => { if (r.frame() === page.mainFrame()) requests.push(new URL(r.url()).pathname); });
    await page.route("**/farmmap*.js", () => {}); // held back: never answered (the bundle's farmmap-*.min.js)
    await page.route("**/*.wasm", () => {});
    await page.goto(`${env.origin}/examples/article.html?csp=1`, { waitUntil: "domcontentloaded" });
    const img = page.locator("#good > img");
    await img.waitFor({ state: "visible" });
    const got = await img.evaluate(async (i) => {
      await i.decode().catch(() => {});
      const b = i.getBoundingClientRect();
      const next = /** @type {Element} */ (document.querySelector("#good + p")).getBoundingClientRect();
      const root = document.getElementById("good")?.shadowRoot;
      return { loaded: i.complete && i.naturalWidth > 0, alt: i.alt, box: [b.x, b.y, b.width, b.height].map(Math.round),
        next: Math.round(next.y), slotted: !!root?.querySelector("slot") && i.assignedSlot !== null,
        // (a slotted element is found through its host: the document sees the shadow's inside as the host)
        topmost: [i, i.parentElement].includes(document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2)) };
    });
    await context.close();
    return { ...got, asked: requests };
  };
  const plain = await facts(false), defined = await facts(true);
  for (const f of [plain, defined]) {
    assert.ok(f.loaded, "the poster loaded");
    assert.equal(f.alt, `${FIRST.title}. ${FIRST.text}`);
    assert.ok(f.box[2] > 300 && f.box[3] > 200 && f.box[1] < 823, `large and in the first screen: ${f.box}`);
    assert.ok(f.topmost, "nothing of the article covers the poster");
  }
  assert.equal(defined.slotted, true, "the defined element shows the snippet's <img> in its placeholder");
  // Same place before and after the element is defined: nothing in the article moves.
  assert.deepEqual(defined.box, plain.box);
  assert.equal(defined.next, plain.next);
  assert.ok(!defined.asked.some((p) => p.endsWith(".wasm")), "no wasm before the map's modules: the poster comes first");
});

test("posterOf reads the story's poster next to the story file, and nothing else", () => {
  const base = "https://news.example/graphics/stories/kazakhstan-2022.json";
  assert.deepEqual(posterOf(STORY, base), {
    src: "https://news.example/graphics/stories/kazakhstan-2022.poster.svg",
    alt: `${FIRST.title}. ${FIRST.text}`,
  });
  // The demo (embeds given no story) has the same words as the story file's first step.
  assert.equal(DEMO_POSTER.alt, `${FIRST.title}. ${FIRST.text}`);
  assert.match(DEMO_POSTER.src, /\/stories\/kazakhstan-2022\.poster\.svg$/);
  const withPoster = (poster) => JSON.stringify({ poster, steps: [{ title: "A", text: "" }] });
  for (const bad of ["https://evil.example/x.svg", "//evil.example/x.svg", "/abs.svg", "../up.svg",
    "javascript:alert(1).svg", "x.html", "a b.svg", "", 7, null]) {
    assert.equal(posterOf(withPoster(bad), base), null, String(bad));
  }
  assert.equal(posterOf(withPoster("posters/a.png"), base)?.src, "https://news.example/graphics/stories/posters/a.png");
  assert.equal(posterOf(withPoster("a.svg"), base)?.alt, "A");
  assert.equal(posterOf("{not json", base), null);
  assert.equal(posterOf(null, base), null);
});
