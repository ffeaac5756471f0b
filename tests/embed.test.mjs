// The embed in an article: custom elements with Shadow DOM (one broken), lazy start, the
// iframe's pym.js and Datawrapper height messages, and a strict Content-Security-Policy.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const expected404 = (p) => /404/.test(p);

for (const csp of [false, true]) {
  test(`two embeds, one broken: the error stays in its box and the page keeps working${csp ? " (strict CSP)" : ""}`, async () => {
    const { page, problems, foreign, context } = await openPage(env, `/examples/article.html${csp ? "?csp=1" : ""}`,
      { viewport: { width: 1000, height: 560 } });
    if (csp) {
      const res = await page.request.get(`${env.origin}/examples/article.html?csp=1`);
      assert.match(res.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
    }
    await page.waitForSelector("#good[data-state=ready]");
    // The broken one is below the fold: not started until the reader scrolls near it.
    assert.equal(await page.getAttribute("#broken", "data-state"), null);
    await page.locator("#broken").scrollIntoViewIfNeeded();
    await page.waitForSelector("#broken[data-state=error]");
    const message = await page.locator("#broken .fm-error").textContent();
    assert.match(message, /missing\.json could not be loaded \(HTTP 404\)/);
    // The good embed still works: it drew, and its Next button moves the story on.
    await page.locator("#good").scrollIntoViewIfNeeded();
    await page.locator("#good .fm-step-nav button:has-text('Next')").click();
    assert.match(await page.locator("#good .fm-step-count").textContent(), /Step 2 of 7/);
    assert.match(await page.locator("#good .fm-step-title").textContent(), /brother/);
    // The host page keeps working, and no CSS crossed the shadow boundary either way.
    await page.click("#host-button");
    assert.equal(await page.textContent("#host-count"), "1");
    const hostColour = await page.$eval("#after", (p) => getComputedStyle(p).color);
    assert.equal(hostColour, "rgb(200, 0, 0)");
    const inside = await page.locator("#good .fm-step-text").evaluate((p) => {
      const s = getComputedStyle(p);
      return [s.color, s.fontFamily];
    });
    assert.notEqual(inside[0], "rgb(200, 0, 0)");
    assert.doesNotMatch(inside[1], /Georgia/);
    const buttonBg = await page.locator("#good .fm-btn").first().evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.notEqual(buttonBg, "rgb(255, 255, 0)");
    assert.deepEqual(problems.filter((p) => !expected404(p)), [], "no console error but the broken file's 404");
    assert.ok(!problems.some((p) => /Content Security Policy|Refused to/.test(p)));
    assert.deepEqual(foreign, []);
    await context.close();
  });
}

test("the iframe reports its height in pym.js and Datawrapper formats, and grows with it", async () => {
  const { page, context, problems } = await openPage(env, "/examples/article.html");
  await page.locator("#frame").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.heightMessages.some((m) => m.kind === "pym" && m.value > 400));
  // Once the messages settle (the map may still be growing the iframe, and each height is two
  // messages), the last of each format says the iframe's height.
  await page.waitForFunction(() => {
    const last = (/** @type {string} */ kind) => (window.heightMessages ?? []).filter((m) => m.kind === kind).at(-1)?.value;
    return last("pym") === last("datawrapper") && Number(/** @type {HTMLIFrameElement} */ (document.getElementById("frame")).height) === last("pym");
  });
  const { msgs, height } = await page.evaluate(() => ({
    msgs: window.heightMessages ?? [], height: Number(/** @type {HTMLIFrameElement} */ (document.getElementById("frame")).height),
  }));
  const pym = msgs.filter((m) => m.kind === "pym");
  const dw = msgs.filter((m) => m.kind === "datawrapper");
  assert.ok(pym.every((m) => m.id === "fm1"));
  assert.ok(dw.length > 0 && dw.every((m) => m.id === "fm1"));
  assert.equal(dw.at(-1)?.value, pym.at(-1)?.value);
  assert.equal(height, pym.at(-1)?.value);
  // The content fits: the iframe's document is as tall as it says.
  const frame = page.frameLocator("#frame");
  await frame.locator(".fm-canvas").waitFor();
  assert.deepEqual(problems.filter((p) => !expected404(p)), []);
  await context.close();
});

test("the demo page itself works under the strict CSP", async () => {
  const { page, problems, context } = await openPage(env, "/?csp=1");
  await page.waitForFunction(() => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length);
  assert.deepEqual(problems, []);
  await context.close();
});

test("scrollytelling: scrolling a step card to the middle moves the map to that step", async () => {
  const { page, problems, context } = await openPage(env, "/scrolly.html", { viewport: { width: 1000, height: 800 } });
  await page.waitForFunction(() => window.farmmap && document.querySelectorAll(".sc-step").length > 3);
  const z0 = await page.evaluate(() => window.farmmap.map.camera().zoom);
  await page.evaluate(() => document.querySelectorAll(".sc-step")[2].scrollIntoView({ block: "center" }));
  await page.waitForFunction(() => window.farmmap.step === 2);
  assert.equal(await page.textContent(".sc-step.is-active h2"), "An electricity chairman");
  await page.waitForFunction((z) => window.farmmap.map.camera().zoom > z + 0.5, z0);
  assert.deepEqual(problems, []);
  await context.close();
});
