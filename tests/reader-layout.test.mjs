// The reader's embed at the sizes readers have: a 320 × 640 and a 390 × 844 phone, a 700 px
// article column and a 1440 × 900 desktop. No horizontal overflow; on the phone and in the
// column the map is full width and in the first screen with the step card, and the network is
// a second view behind a "Map | Network" tab; side by side from 1,000 px. Russian and Kazakh
// leave no catalogue-English string; dark mode keeps text contrast ≥ 4.5:1; print shows the
// map with its source line and no controls. Screenshots (light, dark, Russian) of each size
// go to artifacts/; the layout-shift sum is measured and reported (not asserted on time).
// Run after scripts/build.sh: node --test tests/reader-layout.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { start } from "./harness.mjs";
import CATALOGUE from "../www/i18n-strings.js";
import { translator, loadLanguage } from "../www/i18n.js";

let env;
before(async () => { env = await start(); fs.mkdirSync("artifacts", { recursive: true }); });
after(async () => { await env.close(); });

const SIZES = [
  { name: "phone-320", width: 320, height: 640, path: "/", mobile: true },
  { name: "phone-390", width: 390, height: 844, path: "/", mobile: true },
  { name: "column-700", width: 1280, height: 900, path: "/examples/article.html", embed: "#good" },
  { name: "desktop-1440", width: 1440, height: 900, path: "/" },
];

// Layout shifts, summed as CLS counts them (shifts without recent input), from page start.
const CLS_SCRIPT = () => {
  window.__cls = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
  }).observe({ type: "layout-shift", buffered: true });
};

/** Open a size; `query` is appended to the page's path; resolves once the map drew. */
async function open(size, { query = "", colorScheme = "light" } = {}) {
  const context = await env.browser.newContext({
    viewport: { width: size.width, height: size.height }, colorScheme, reducedMotion: "reduce",
    ...(size.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => { if (m.type() === "error" && !/404/.test(m.text())) problems.push(m.text()); });
  await page.addInitScript(CLS_SCRIPT);
  const sep = size.path.includes("?") ? "&" : "?";
  await page.goto(env.origin + size.path + (query ? sep + query : ""));
  if (size.embed) {
    await page.waitForSelector(`${size.embed}[data-state=ready]`);
    await page.locator(size.embed).evaluate((e) => e.scrollIntoView({ block: "start" }));
  } else {
    await page.waitForFunction(() => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length > 0);
  }
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  return { page, context, problems };
}

/** The embed's shell (inside the custom element's shadow root for the column). */
const shellHandle = (page, size) => page.evaluateHandle((sel) => {
  const root = sel ? document.querySelector(sel).shadowRoot : document;
  return root.querySelector(".fm-shell");
}, size.embed ?? null);

/** Boxes (viewport px) of the parts that matter, and overflow. */
async function measure(page, size) {
  const shell = await shellHandle(page, size);
  return shell.evaluate((s) => {
    const box = (sel) => { const e = sel === ":scope" ? s : s.querySelector(sel); if (!e) return null; const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height }; };
    return {
      vw: innerWidth, vh: innerHeight,
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      shellOverflow: s.scrollWidth - s.clientWidth,
      shell: box(":scope"), map: box(".fm-map"), card: box(".fm-story"), title: box(".fm-step-title"),
      nav: box(".fm-step-nav"), net: box(".fm-network"), tabsHidden: s.querySelector(".fm-tabs").hidden,
      wide: s.classList.contains("fm-wide"),
    };
  });
}

for (const size of SIZES) {
  test(`${size.name}: no overflow; the map and the step card in the first screen; the right views`, async () => {
    const { page, context, problems } = await open(size);
    const m = await measure(page, size);
    console.log(`${size.name}: shell ${m.shell.width}px; map ${Math.round(m.map.width)}×${Math.round(m.map.height)} at ${Math.round(m.map.top)}; card ${Math.round(m.card.top)}–${Math.round(m.card.bottom)} of ${m.vh}`);
    assert.ok(m.pageOverflow <= 0, `the page scrolls sideways by ${m.pageOverflow}px`);
    assert.ok(m.shellOverflow <= 0, `the embed overflows by ${m.shellOverflow}px`);
    if (size.width < 1000 || size.embed) {
      assert.ok(!m.wide && !m.tabsHidden, "narrow: the Map | Network tabs");
      assert.ok(m.map.width >= 0.9 * m.shell.width, `map ${m.map.width} of ${m.shell.width}`);
      assert.ok(m.map.top >= 0 && m.map.bottom <= m.vh, `map ${m.map.top}–${m.map.bottom} not all in the first screen (${m.vh})`);
      assert.ok(m.title.bottom <= m.vh, `step title ends at ${m.title.bottom}, below the first screen (${m.vh})`);
      assert.ok(m.net.height === 0, "the network is behind its tab");
    } else {
      assert.ok(m.wide && m.tabsHidden, "wide: no tabs");
      assert.ok(m.net.width > 300 && Math.abs(m.net.top - m.map.top) < 2, "the network beside the map");
      assert.ok(m.card.top < m.vh, "the step card starts in the first screen");
    }
    if (size.mobile) {
      // The first step's view puts no farm or cluster under the map's buttons (the fit counts
      // their inner edge as the screen's: FarmMap.setMapCovered from map-pane.js): each
      // marker's centre 20 px or more left of them (a small cluster's radius).
      const under = await page.evaluate(() => new Promise((ok) => {
        const m = window.farmmap.map;
        const tick = () => {
          if (m.draw(performance.now())) { requestAnimationFrame(tick); return; }
          const canvas = document.querySelector(".fm-map canvas").getBoundingClientRect();
          const c = document.querySelector(".fm-map .fm-controls").getBoundingClientRect();
          const items = m.visibleItems();
          ok({ count: items.length, left: c.left - canvas.left, under: items.filter((i) => i.x + 20 > c.left - canvas.left).map((i) => [i.kind, Math.round(i.x), Math.round(i.y)]) });
        };
        tick();
      }));
      assert.ok(under.count > 0, "markers on the map");
      assert.deepEqual(under.under, [], `markers within 20 px of the buttons' edge (${Math.round(under.left)} px)`);
    }
    await page.screenshot({ path: `artifacts/reader-${size.name}-light.png` });
    const cls = await page.evaluate(() => window.__cls);
    console.log(`${size.name}: layout shift sum ${cls.toFixed(4)} (CLS goal ≤ 0.05)`);
    fs.appendFileSync("artifacts/reader-cls.jsonl", JSON.stringify({ size: size.name, cls }) + "\n");
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("the Map | Network tabs: ARIA, arrow keys, and a network selection lights farms on the map", async () => {
  const { page, context, problems } = await open(SIZES[1]);
  const tabs = page.locator(".fm-tabs [role=tab]");
  assert.equal(await tabs.count(), 2);
  assert.equal(await page.getAttribute(".fm-tabs", "role"), "tablist");
  assert.equal(await tabs.nth(0).getAttribute("aria-selected"), "true");
  const panel = await tabs.nth(1).getAttribute("aria-controls");
  assert.equal(await page.getAttribute(`#${panel}`, "role"), "tabpanel");
  await tabs.nth(0).focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await tabs.nth(1).getAttribute("aria-selected"), "true");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("role")), "tab");
  assert.ok(await page.locator(".fm-network").isVisible());
  assert.ok(!(await page.locator(".fm-map").isVisible()));
  // Select a person: the farms they may control are lit on the map, and the Map tab says how many.
  const node = await page.evaluate(() => {
    const m = window.farmmap.map;
    return m.networkNames().map((n, i) => ({ ...n, i })).find((n) => n.kind === "person")?.id;
  });
  const lit = await page.evaluate((id) => {
    const m = window.farmmap.map;
    const i = m.networkScreenPositions().map((p) => p.node).find((k) => m.networkNode(k).id === id);
    window.farmmap.network.activate(i);
    return m.highlightedFarms().length;
  }, node);
  assert.ok(lit > 0, "the person lights farms");
  // The tab's count is written with the next frame's answers: wait for it (up to 5 s).
  await page.waitForFunction((n) => document.querySelector(".fm-tabs [role=tab]")?.textContent?.endsWith(`· ${n}`), lit, { timeout: 5000 }).catch(() => {});
  assert.match(await tabs.nth(0).textContent(), new RegExp(`· ${lit}$`));
  await tabs.nth(0).click();
  assert.ok(await page.locator(".fm-map").isVisible());
  assert.equal(await page.evaluate(() => window.farmmap.map.highlightedFarms().length), lit, "still lit on the map");
  assert.ok((await page.evaluate(() => window.farmmap.map.camera().width)) > 300, "the map kept its size behind the tab");
  assert.deepEqual(problems, []);
  await context.close();
});

test("layout=wide puts the network beside the map at any width; synthetic farms have no network view", async () => {
  let { page, context } = await open({ ...SIZES[1], path: "/" }, { query: "layout=wide" });
  let m = await measure(page, SIZES[1]);
  assert.ok(m.wide && m.tabsHidden && m.net.width > 0);
  await context.close();
  ({ page, context } = await open(SIZES[1], { query: "synthetic=3000" }));
  await page.waitForFunction(() => window.farmmap.map.farmCount() === 3000);
  m = await measure(page, SIZES[1]);
  assert.ok(m.tabsHidden, "no tabs without a network");
  assert.equal(await page.locator(".fm-network").isVisible(), false);
  assert.equal(await page.locator(".fm-import").count(), 0, "no editor controls on the reader's page");
  assert.equal(await page.locator("input[type=file]").count(), 0);
  await context.close();
});

/** A count or number as the interface writes it (1,234; 1.2K; 118 тыс.). */
const NUMBER = "[\\d.,\\u00a0 ]+(?:K|M|B|T|\\u00a0тыс\\.|\\u00a0млн| мың| миллион)?";

/**
 * Every English catalogue string as a whole-text pattern: a count placeholder ({n}, {i},
 * {shown}, {total}, {page}) matches a number, any other anything. Strings `lang` writes the
 * same way as English ("{a} → {b}: {what}") say nothing about the language and are left out.
 * @param {"ru" | "kk"} lang
 */
function englishPatterns(lang) {
  const out = [];
  const forms = (entry) => (typeof entry === "string" ? [entry] : Object.values(entry));
  for (const [key, entry] of Object.entries(CATALOGUE.en)) {
    const theirs = new Set(forms(CATALOGUE[lang][key]));
    for (const text of forms(entry)) {
      if (theirs.has(text)) continue;
      const src = text.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
        .replace(/\\\{(n|i|shown|total|page)\\\}/g, NUMBER).replace(/\\\{\w+\\\}/g, ".*?");
      out.push({ text, re: new RegExp(`^${src}$`) });
    }
  }
  return out;
}

for (const lang of ["ru", "kk"]) {
  test(`${lang}: no interface string left in English (text and labels, every view opened)`, async () => {
    const size = SIZES[1];
    const { page, context, problems } = await open(size, { query: `lang=${lang}` });
    await page.screenshot({ path: `artifacts/reader-${size.name}-${lang}.png` });
    await page.click(".fm-legend summary");
    await page.click(".fm-tabs [role=tab] >> nth=1");
    await page.click(".fm-table summary");
    await page.waitForSelector(".fm-table-list");
    await page.locator(".fm-network").screenshot({ path: `artifacts/reader-network-${lang}.png` });
    const found = await page.evaluate(() => {
      const s = document.querySelector(".fm-shell");
      const texts = [];
      const walker = document.createTreeWalker(s, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) texts.push(walker.currentNode.textContent.trim());
      for (const e of s.querySelectorAll("*")) for (const a of ["aria-label", "aria-roledescription", "title"]) {
        const v = e.getAttribute(a);
        if (v) texts.push(v.trim());
      }
      texts.push(...Array.from(s.querySelectorAll(".fm-legend-row, .fm-dl dt, .fm-tab, button"), (e) => e.textContent.trim()));
      return texts.filter(Boolean);
    });
    const patterns = englishPatterns(lang);
    const english = found.filter((t) => patterns.some((p) => p.re.test(t)) && !/^[\s\d.,·+−⌂←→-]*$/.test(t));
    assert.deepEqual(english, [], `English left in ${lang}`);
    assert.equal(await page.getAttribute(".fm-shell", "lang"), lang);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// Counts (1.2K; "1,2 тыс."; "1,2 мың") are Rust's rule: tests/i18n.test.mjs.
test("plural forms by count; every language has every key; each language's file is its table of the catalogue", async () => {
  // Russian is a file of its own (scripts/bundle.mjs writes it from i18n-strings.js): English until it is loaded.
  assert.equal(translator("ru").t("tabMap"), CATALOGUE.en.tabMap);
  await loadLanguage("ru");
  assert.equal(translator("ru").t("netHiddenFarms", { n: 95 }), "95 ферм, владельцев которых источник не называет, не показаны.");
  for (const lang of ["en", "ru", "kk"]) {
    assert.deepEqual((await import(`../www/i18n-${lang}.js`)).default, CATALOGUE[lang], `www/i18n-${lang}.js is out of date: scripts/build.sh`);
  }
  for (const lang of ["ru", "kk"]) assert.deepEqual(Object.keys(CATALOGUE[lang]).sort(), Object.keys(CATALOGUE.en).sort());
  assert.match(CATALOGUE.en.badge, /3\/12/, "the k/n badge is explained in words");
});

/** Contrast of each key text against the first opaque background behind it. */
async function contrasts(page) {
  return page.evaluate(() => {
    const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const bgOf = (e) => {
      for (let n = e; n; n = n.parentElement) {
        const c = rgb(getComputedStyle(n).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const sels = [".fm-step-title", ".fm-step-text", ".fm-step-count", ".fm-source-line", ".fm-source-line a", ".fm-legend-title",
      ".fm-legend-row span:last-child", ".fm-attribution", ".fm-tab", ".fm-tab[aria-selected=true]", ".fm-muted", ".fm-btn-text", ".fm-dek", ".fm-header h1", ".fm-note"];
    return sels.flatMap((sel) => {
      const e = document.querySelector(sel);
      if (!e || !e.getClientRects().length) return [];
      const fg = lum(rgb(getComputedStyle(e).color)), bg = lum(bgOf(e));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      return [{ sel, ratio: Math.round(ratio * 100) / 100, color: getComputedStyle(e).color, bg: bgOf(e).join(",") }];
    });
  });
}

test("dark mode: the reader's setting or theme=dark; text contrast ≥ 4.5:1; screenshots of each size", async () => {
  for (const size of SIZES) {
    const { page, context, problems } = await open(size, { colorScheme: "dark" });
    const shell = await shellHandle(page, size);
    assert.ok(await shell.evaluate((s) => s.classList.contains("fm-dark")), `${size.name}: dark follows the reader`);
    await page.screenshot({ path: `artifacts/reader-${size.name}-dark.png` });
    if (!size.embed) {
      const low = (await contrasts(page)).filter((c) => c.ratio < 4.5);
      assert.deepEqual(low, [], `${size.name}: low contrast in dark mode`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
  const { page, context } = await open(SIZES[3], { query: "theme=dark" });
  assert.ok(await page.evaluate(() => document.querySelector(".fm-shell").classList.contains("fm-dark")));
  const all = await contrasts(page);
  assert.ok(all.length >= 8, `measured ${all.length} texts`);
  assert.deepEqual(all.filter((c) => c.ratio < 4.5), []);
  fs.writeFileSync("artifacts/reader-dark-contrast.json", JSON.stringify(all, null, 1) + "\n");
  await context.close();
});

test("print: the map with the step and its source line; no controls", async () => {
  const { page, context } = await open(SIZES[1]);
  await page.emulateMedia({ media: "print" });
  for (const sel of [".fm-controls", ".fm-tabs", ".fm-step-nav", ".fm-export", ".fm-network"]) {
    assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} printed`);
  }
  assert.ok(await page.locator(".fm-map").isVisible());
  assert.ok(await page.locator(".fm-source-line").isVisible());
  await page.screenshot({ path: "artifacts/reader-print.png", fullPage: true });
  await context.close();
});
