// The one catalogue (www/i18n-strings.js) as the reader sees it, on the parts Rust draws: the
// map's badges and summaries, the exported map's text, the network's tie sentences and the
// table view in Russian and Kazakh; counts written by Rust exactly as the page's Intl writes
// them; the story's language choosing the interface unless the publisher's lang says
// otherwise; and the canvases following dark mode (live, and light again for print).
// Run after scripts/build.sh: node --test tests/i18n.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { start } from "./harness.mjs";
import CATALOGUE from "../www/i18n-strings.js"; // the one catalogue (the source of the per-language files)

let env;
before(async () => { env = await start(); fs.mkdirSync("artifacts", { recursive: true }); });
after(async () => { await env.close(); });

/** A page at `path`, once the map drew. */
async function open(path, { colorScheme = "light", viewport = { width: 1000, height: 800 } } = {}) {
  const context = await env.browser.newContext({ viewport, colorScheme, reducedMotion: "reduce" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  await page.goto(env.origin + path);
  await page.waitForFunction(() => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length > 0);
  return { page, context, problems };
}

/** English strings of the catalogue that `lang` words differently, as whole-text patterns. */
function englishIn(lang) {
  const forms = (e) => (typeof e === "string" ? [e] : Object.values(e));
  const out = [];
  for (const [key, entry] of Object.entries(CATALOGUE.en)) {
    const theirs = new Set(forms(CATALOGUE[lang][key]));
    for (const text of forms(entry)) {
      if (theirs.has(text)) continue;
      const src = text.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
        .replace(/\\\{(n|i|shown|total|page)\\\}/g, "[\\d.,\\u00a0 ]+[KMBT]?").replace(/\\\{\w+\\\}/g, ".*?");
      out.push(new RegExp(`^${src}$`));
    }
  }
  return (/** @type {string} */ s) => out.some((re) => re.test(s.trim()));
}

/**
 * The reference: ICU's compact notation as Node (full ICU) writes it, one decimal while the
 * leading part is below 99.95 (Kazakh's long form: its short "м." reads as metres).
 */
function icuCount(n, lang) {
  if (n < 1000) return new Intl.NumberFormat(lang).format(n);
  const lead = n / 1000 ** Math.floor(Math.log10(n) / 3);
  return new Intl.NumberFormat(lang, { notation: "compact", compactDisplay: lang === "kk" ? "long" : "short",
    maximumFractionDigits: lead >= 99.95 ? 0 : 1 }).format(n);
}

test("Rust writes every count as ICU does (1.2K; 1,2 тыс.; 1,2 мың), and the embed's text uses it", async () => {
  const numbers = [0, 7, 999, 1000, 1049, 1050, 1234, 9949, 9950, 9999, 12_345, 99_949, 99_950, 118_330,
    999_499, 999_500, 999_950, 1_000_000, 1_234_567, 99_950_000, 999_950_000, 1_500_000_000, 2_500_000_000_000];
  const { page, context } = await open("/?lang=kk");
  const rust = await page.evaluate(async (numbers) => {
    const wasm = await import("/pkg/farmmap.js");
    await wasm.default();
    return Object.fromEntries(["en", "ru", "kk"].map((lang) => [lang, numbers.map((n) => wasm.formatCount(n, lang))]));
  }, numbers);
  for (const lang of ["en", "ru", "kk"]) {
    assert.deepEqual(rust[lang], numbers.map((n) => icuCount(n, lang)), lang);
  }
  // The page's strings go through the same rule (Chromium's own Intl has no Kazakh data).
  const said = await page.evaluate(() => [window.farmmap.i18n.count(118_330), window.farmmap.i18n.num(1234.5)]);
  assert.deepEqual(said, ["118 мың", "1\u00a0234,5"]);
  await context.close();
});

for (const [lang, thousands] of [["ru", "\u00a0тыс."], ["kk", " мың"]]) {
  test(`${lang}: what Rust draws and writes is in ${lang} (badges, summaries, exported map, ties, table)`, async () => {
    const english = englishIn(lang);
    const { page, context, problems } = await open(`/?lang=${lang}`);
    // The story's map: cluster summaries and the exported map's text.
    const story = await page.evaluate(() => {
      const { map } = window.farmmap;
      const clusters = map.visibleItems().filter((i) => i.kind === "cluster");
      const svg = new DOMParser().parseFromString(map.exportSvg(), "image/svg+xml");
      const net = map.networkLegend().length ? map.tableSentences().ties : [];
      return {
        summaries: clusters.map((c) => map.clusterSummary(c.cluster)),
        texts: Array.from(svg.querySelectorAll("text"), (t) => t.textContent ?? ""),
        ties: net,
        farms: map.tableSentences().farms,
      };
    });
    assert.ok(story.summaries.length > 0, "the demo shows clusters");
    for (const s of story.summaries) assert.match(s, /[а-яёәіңғүұқөһ]/i, s);
    const left = [...story.summaries, ...story.texts, ...story.ties, ...story.farms].filter(english);
    assert.deepEqual(left, [], `English left in ${lang}`);
    assert.ok(story.texts.some((t) => t.startsWith(CATALOGUE[lang].source)), "the source line");
    // What the map draws between the title and the caption (places, badges) has no Latin
    // letter left: place names come from the catalogue's city.*, country.*, region.*.
    const drawn = story.texts.slice(1, -2);
    assert.ok(drawn.length > 5, drawn.join(" | "));
    assert.deepEqual(drawn.filter((t) => /[A-Za-z]/.test(t)), [], "Latin on the map");
    // Every alleged tie keeps a hedge and says it is alleged.
    const alleged = lang === "ru" ? "(предположительно)" : "(болжам)";
    assert.ok(story.ties.filter((t) => t.includes(alleged)).length >= 3, story.ties.join("\n"));
    // Many farms: abbreviated badges on the canvas (through the exported map's text).
    const badges = await page.evaluate(async () => {
      await window.farmmap.loadSynthetic(200_000, 3); // loads in slices (loading.js)
      window.farmmap.map.draw(performance.now());
      const svg = new DOMParser().parseFromString(window.farmmap.map.exportSvg(), "image/svg+xml");
      return Array.from(svg.querySelectorAll("text"), (t) => t.textContent ?? "");
    });
    // "19,2 тыс." on one line when it fits the disc, else the word under the number.
    assert.ok(badges.some((t) => t.endsWith(thousands) || t === thousands.trim()), badges.join(" | "));
    assert.ok(badges.some((t) => /^\d+,\d$/.test(t) || /^\d+,\d\s/.test(t)), "a decimal comma");
    assert.ok(!badges.some((t) => /^\d+(\.\d)?K$/.test(t)), "no English K");
    await page.screenshot({ path: `artifacts/i18n-badges-${lang}.png` });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

/** The demo story's text with `language` set (the file format's own field). */
const storyIn = (language) => {
  const story = JSON.parse(fs.readFileSync("www/stories/kazakhstan-2022.json", "utf8"));
  return JSON.stringify({ title: story.title, language, ...story });
};

test("the story's language picks the interface unless the publisher's lang says otherwise", async () => {
  const { page, context } = await open("/");
  // Each mount's wasm instance imports the glue under a URL of its own (wasm.js).
  const instances = [];
  page.on("request", (r) => { if (/farmmap\.js\?instance=/.test(r.url())) instances.push(r.url()); });
  const langs = await page.evaluate(async (text) => {
    const { mountFarmMap } = await import("/farmmap.js");
    const mount = async (opts) => {
      const box = document.createElement("div");
      document.body.append(box);
      const ui = await mountFarmMap(box, { storyText: text, storyName: "kk.json", ...opts });
      return { lang: ui.i18n.lang, shell: box.querySelector(".fm-shell")?.getAttribute("lang"),
        tab: box.querySelector(".fm-tab span")?.textContent, title: ui.map.tableSentences().farms[0] };
    };
    return {
      story: await mount({ pageLang: "en" }),
      publisher: await mount({ lang: "ru", pageLang: "en" }),
      unsupported: await mount({ lang: "de", pageLang: "en" }),
    };
  }, storyIn("kk"));
  assert.equal(langs.story.lang, "kk");
  assert.equal(langs.story.shell, "kk");
  assert.equal(langs.story.tab, CATALOGUE.kk.tabMap);
  assert.match(langs.story.title, /дереккөз/);
  assert.equal(langs.publisher.lang, "ru");
  assert.equal(langs.publisher.tab, CATALOGUE.ru.tabMap);
  assert.equal(langs.unsupported.lang, "kk", "a language the interface lacks does not override the story's");
  // The story's Kazakh came after its instance had English words: the same instance took
  // them (no second mount, no second instance).
  assert.equal(new Set(instances).size, 3, `one instance per mount: ${instances.join(", ")}`);
  await context.close();
});

/** The map canvas' pixel at (x, y) CSS px from its top left, and the network pane's. */
const pixels = (page) => page.evaluate(() => {
  const read = (canvas) => {
    const c = document.createElement("canvas");
    c.width = canvas.width; c.height = canvas.height;
    const ctx = c.getContext("2d");
    ctx.drawImage(canvas, 0, 0);
    const [r, g, b] = ctx.getImageData(2, 2, 1, 1).data;
    return [r, g, b];
  };
  return { map: read(document.querySelector(".fm-canvas")), net: read(document.querySelector(".fm-net-canvas")) };
});
const luminance = ([r, g, b]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;

test("dark mode: the canvases are drawn dark, follow the reader's setting live, and print light", async () => {
  const { page, context, problems } = await open("/?layout=wide", { colorScheme: "dark" });
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  let px = await pixels(page);
  assert.ok(luminance(px.map) < 0.2 && luminance(px.net) < 0.2, `dark canvases: ${JSON.stringify(px)}`);
  const vars = await page.evaluate(() => getComputedStyle(document.querySelector(".fm-shell")).getPropertyValue("--fm-status-shut-down").trim());
  assert.equal(vars, "#56B4E9", "the legend's swatch is the dark palette's");
  await page.screenshot({ path: "artifacts/i18n-dark-wide.png" });
  // The reader switches to light: no reload.
  await page.emulateMedia({ colorScheme: "light" });
  await page.waitForFunction(() => !document.querySelector(".fm-shell").classList.contains("fm-dark"));
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  px = await pixels(page);
  assert.ok(luminance(px.map) > 0.7 && luminance(px.net) > 0.7, `light canvases: ${JSON.stringify(px)}`);
  // Back to dark, then print: light on paper, at once.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForFunction(() => document.querySelector(".fm-shell").classList.contains("fm-dark"));
  await page.emulateMedia({ colorScheme: "dark", media: "print" });
  await page.waitForFunction(() => !document.querySelector(".fm-shell").classList.contains("fm-dark"));
  px = await pixels(page); // drawn at once, without an animation frame
  assert.ok(luminance(px.map) > 0.7, `printed map: ${JSON.stringify(px)}`);
  await page.emulateMedia({ colorScheme: "dark", media: "screen" });
  await page.waitForFunction(() => document.querySelector(".fm-shell").classList.contains("fm-dark"));
  px = await pixels(page);
  assert.ok(luminance(px.map) < 0.2, `after print: ${JSON.stringify(px)}`);
  // The exported map follows the theme on screen.
  const svg = await page.evaluate(() => window.farmmap.map.exportSvg());
  assert.match(svg, /fill="#0f1c24"/);
  assert.deepEqual(problems, []);
  await context.close();
});
