// The two builds (scripts/build.sh): every reader page loads the reader's wasm
// (pkg-reader/) and nothing of the full build (pkg/); the editor loads the full build. The
// reader's build shows published stories and says, in one sentence, how to publish a story
// that carries only source files, and where to read a farms file. Poster first: index.html
// and the article's <farm-map> show the pre-rendered first step before the wasm has arrived.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { start, openPage } from "./harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

/** Every same-origin request path the page makes while `path` loads and settles. */
async function requests(path, ready) {
  const context = await env.browser.newContext({ viewport: { width: 700, height: 900 } });
  const page = await context.newPage();
  const paths = [], problems = [];
  page.on("request", (r) => { if (r.url().startsWith(env.origin)) paths.push(new URL(r.url()).pathname); });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(env.origin + path);
  await page.waitForFunction(ready);
  await context.close();
  return { paths, problems };
}

const mapReady = () => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length > 0;

test("reader pages load only the reader's build; the editor loads the full one", async () => {
  for (const [page, ready] of [
    ["/", mapReady],
    ["/embed.html?story=stories/kazakhstan-2022.json", mapReady],
    ["/scrolly.html", () => document.querySelector(".fm-shell:not(.fm-loading)")],
    ["/examples/article.html", () => document.getElementById("good")?.getAttribute("data-state") === "ready"],
  ]) {
    const { paths, problems } = await requests(page, ready);
    assert.ok(paths.includes("/pkg-reader/farmmap_bg.wasm"), `${page}: ${paths.join(" ")}`);
    assert.deepEqual(paths.filter((p) => p.startsWith("/pkg/")), [], `${page} loads nothing of the full build`);
    assert.deepEqual(problems, [], page);
  }
  const editor = await requests("/editor.html", () => document.getElementById("ed-summary"));
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(editor.paths.includes("/pkg/farmmap_bg.wasm"), editor.paths.join(" "));
  assert.deepEqual(editor.paths.filter((p) => p.startsWith("/pkg-reader/")), []);
});

test("the reader's build shows the published story and explains what it does not read", async () => {
  const dir = path.join(root, "www", "bundle-test-tmp");
  fs.mkdirSync(dir, { recursive: true });
  // A story with source files only (never published): the reader's build says how to publish it.
  fs.writeFileSync(path.join(dir, "raw.json"), JSON.stringify({
    title: "Raw", steps: [{ title: "One" }],
    farms: { name: "farms.csv", text: "id,lat,lon\nA,43.2,76.9\n" },
  }));
  try {
    const { page, problems, context } = await openPage(env, "/embed.html?story=bundle-test-tmp/raw.json");
    await page.waitForSelector(".fm-error");
    const said = await page.textContent(".fm-error");
    assert.match(said, /raw\.json: carries its data only as source files \(farms\.csv\), which this reader's build does not read; publish the story \(`farmmap publish raw\.json --out raw\.json`/);
    assert.deepEqual(problems.filter((p) => !p.includes("farm-map") && !p.includes("Failed to load")), []);
    await context.close();

    // The published demo: its data, from "published"; a farms file is not read here.
    const demo = await openPage(env, "/embed.html?story=stories/kazakhstan-2022.json");
    await demo.page.waitForFunction(mapReady);
    const state = await demo.page.evaluate(() => {
      const ui = /** @type {any} */ (window).farmmap;
      const report = ui.loadFarms("more.csv", new TextEncoder().encode("id,lat,lon\nZ,43,76\n"));
      return { farms: ui.map.farmCount(), steps: ui.map.story().steps.length, loaded: report.loaded, problem: report.problems[0]?.text };
    });
    assert.deepEqual({ farms: state.farms, steps: state.steps, loaded: state.loaded }, { farms: 101, steps: 7, loaded: 0 });
    assert.match(state.problem, /^more\.csv: is not read here: this is the reader's build, which shows published stories only; open the file in the editor/);
    assert.deepEqual(demo.problems, []);
    await demo.context.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// The reader's build has no stress refinement (Cargo.toml, feature `refine`): a published
// story carries its settled layout, shown as it is; without one, ForceAtlas2 and its spread
// pass still draw every node.
test("the reader's build shows a published layout as it is, and lays out a story without one", async () => {
  const story = JSON.parse(fs.readFileSync(path.join(root, "www", "stories", "kazakhstan-2022.json"), "utf8"));
  const published = story.layout.positions;
  assert.ok(Object.keys(published).length > 10);
  const dir = path.join(root, "www", "bundle-test-layout");
  fs.mkdirSync(dir, { recursive: true });
  const { layout: _, poster: __, ...bare } = story; // (its poster path is relative to the demo)
  fs.writeFileSync(path.join(dir, "no-layout.json"), JSON.stringify(bare));
  // Positions once two reads 400 ms apart agree (the layout has stopped moving).
  const settled = async (page) => {
    await page.waitForFunction(mapReady);
    let last = null;
    for (let i = 0; i < 100; i++) {
      const now = await page.evaluate(() => /** @type {any} */ (window).farmmap.map.networkPositions());
      if (now === last) return JSON.parse(now).positions;
      last = now;
      await page.waitForTimeout(400);
    }
    throw new Error("the network never settled");
  };
  try {
    const demo = await openPage(env, "/embed.html?story=stories/kazakhstan-2022.json");
    const first = await demo.page.evaluate(async () => {
      await new Promise((r) => { const f = () => (window.farmmap ? r(undefined) : setTimeout(f, 20)); f(); });
      return JSON.parse(/** @type {any} */ (window).farmmap.map.networkPositions()).positions;
    });
    assert.deepEqual(first, published, "the published positions from the first frame on");
    assert.deepEqual(await settled(demo.page), published, "and they never move");
    assert.deepEqual(demo.problems, []);
    await demo.context.close();

    const raw = await openPage(env, "/embed.html?story=bundle-test-layout/no-layout.json");
    const drawn = await settled(raw.page);
    assert.deepEqual(Object.keys(drawn).sort(), Object.keys(published).sort(), "every shown node placed");
    assert.ok(Object.values(drawn).flat().every(Number.isFinite));
    assert.notDeepEqual(drawn, published, "laid out here, by ForceAtlas2 alone");
    assert.deepEqual(raw.problems, []);
    await raw.context.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("poster first: index.html and the article's <farm-map> show the first step before the wasm arrives", async () => {
  for (const [page, find] of [
    ["/", () => document.getElementById("fm-poster-first")],
    ["/examples/article.html", () => document.getElementById("good")?.shadowRoot?.querySelector("img.fm-poster")],
  ]) {
    const context = await env.browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true });
    const p = await context.newPage();
    await p.route("**/*.wasm", () => {}); // held back: never answered
    await p.goto(env.origin + page, { waitUntil: "domcontentloaded" });
    const shown = await p.waitForFunction((f) => {
      const img = /** @type {HTMLImageElement | null} */ (new Function(`return (${f})()`)());
      if (!img || !img.complete || img.naturalWidth === 0) return null;
      const r = img.getBoundingClientRect();
      return { top: r.top, height: r.height, width: r.width, src: img.src, alt: img.alt };
    }, find.toString());
    const box = await shown.jsonValue();
    assert.ok(box.src.endsWith("/stories/kazakhstan-2022.poster.svg"), page);
    assert.ok(box.top < 823 && box.height > 150 && box.width > 300, `${page}: in view, large: ${JSON.stringify(box)}`);
    assert.match(box.alt, /^More than 100 illegal farms\./);
    await context.close();
  }
});

test("reader pages load the minified bundle (scripts/bundle.mjs) and only their language's strings", async () => {
  // The article's <farm-map>: the bundle's entry, its chunks and the reader's glue; no unbundled module.
  const article = await requests("/examples/article.html", () => document.getElementById("good")?.getAttribute("data-state") === "ready");
  const scripts = (paths) => paths.filter((p) => p.endsWith(".js") || p.includes(".js?"));
  const js = scripts(article.paths);
  assert.ok(js.includes("/farm-map.min.js"), js.join(" "));
  assert.deepEqual(js.filter((p) => !p.endsWith(".min.js") && !p.startsWith("/pkg-reader/farmmap.js") && p !== "/examples/article.js"), [],
    "every script the article loads is a bundle, its chunk or the glue");
  // (its iframe, embed.html, adds poster.css)
  assert.deepEqual([...new Set(article.paths.filter((p) => p.endsWith(".css")))].sort(), ["/examples/article.css", "/farm-map.min.css", "/poster.css"]);
  assert.deepEqual(article.paths.filter((p) => /\/i18n-/.test(p)), [], "an English page downloads no other language");
  assert.deepEqual(article.problems, []);
  // A Kazakh interface downloads Kazakh (a chunk of its own), not Russian, and shows it.
  const kk = await requests("/?lang=kk", () => window.farmmap && document.querySelector(".fm-shell")?.getAttribute("lang") === "kk"
    && performance.getEntriesByName("farmmap:first-frame").length > 0);
  assert.equal(kk.paths.filter((p) => /^\/i18n-kk-\w+\.min\.js$/.test(p)).length, 1, kk.paths.join(" "));
  assert.deepEqual(kk.paths.filter((p) => /\/i18n-(ru|en)/.test(p) || p === "/i18n-strings.js"), []);
  assert.deepEqual(kk.problems, []);
});

test("the unbundled modules still work as they are (development): <farm-map> from farm-map.js", async () => {
  const dir = path.join(root, "www", "bundle-test-dev");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "dev.html"), `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>dev</title>
<script type="module" src="/farm-map.js"></script></head><body><farm-map id="m" src="/stories/kazakhstan-2022.json"></farm-map></body></html>`);
  try {
    const { paths, problems } = await requests("/bundle-test-dev/dev.html", () => document.getElementById("m")?.getAttribute("data-state") === "ready");
    for (const p of ["/farm-map.js", "/farmmap.js", "/wasm.js", "/i18n-en.js", "/i18n-ru.js", "/farmmap.css", "/network.css"]) assert.ok(paths.includes(p), `${p}: ${paths.join(" ")}`);
    assert.deepEqual(paths.filter((p) => p.endsWith(".min.js") || p.endsWith(".min.css") || p === "/i18n-kk.js"), []);
    assert.deepEqual(problems, []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
