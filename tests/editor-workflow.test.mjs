// The editor driven as a newsroom editor would use it, in headless Debian Chromium: a real
// farms file (WRI's Kazakhstan plants, CC BY 4.0) and a links file with three bad rows, the
// problems grouped and fixable, a column mapping fixed, three steps (one from the preview's view and a network
// node), reordered by keyboard and by drag, a reload that restores everything from
// IndexedDB, a deleted step brought back by Undo, the export opened in the embed page and
// back in the editor, exported again byte for byte. Nothing leaves the origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { start, openPage } from "./harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name) => path.join(here, "fixtures", "editor", name);
// The real file as WRI publishes it (tests/fixtures/realworld/README.md: source and licence).
const FARMS = fs.readFileSync(path.join(here, "fixtures", "realworld", "farms", "wri-raw-Kazakhstan.csv"));
const LINKS = fs.readFileSync(fixture("kz-owners-links.csv"));

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const ready = (page) => page.waitForSelector("body[data-ed-ready]");
const stepTitles = (page) => page.$$eval("#ed-steps > li", (lis) => lis.map((li) => li.querySelector("input")?.value));
/** Wait until the autosave has written what the page shows. */
async function saved(page) {
  await page.waitForFunction(() => /^Saved in this browser/.test(document.getElementById("ed-saved")?.textContent ?? ""));
  await page.evaluate(() => { document.getElementById("ed-saved").textContent = ""; });
}
/** Click and keep the downloaded file's bytes. */
async function downloadBytes(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  return fs.readFileSync(await dl.path());
}
/** The draft stored in IndexedDB (the page's own database). */
const storedDraft = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const req = indexedDB.open("farmmap-editor");
  req.onerror = () => reject(req.error);
  req.onsuccess = () => {
    const get = req.result.transaction("drafts").objectStore("drafts").getAll();
    get.onsuccess = () => {
      const d = get.result.sort((a, b) => b.updated - a.updated)[0];
      // The file is stored as a Blob (editor-store.js), read back here byte for byte.
      d.state.originals.farms.blob.arrayBuffer().then((buf) => resolve({ title: d.title, farms: Array.from(new Uint8Array(buf)), farmsName: d.state.originals.farms.name }), reject);
    };
  };
}));

async function loadFilesAndPreview(page) {
  await page.setInputFiles("#ed-farms", { name: "wri-raw-Kazakhstan.csv", mimeType: "text/csv", buffer: FARMS });
  await page.setInputFiles("#ed-entities", { name: "kz-owners-entities.csv", mimeType: "text/csv", buffer: fs.readFileSync(fixture("kz-owners-entities.csv")) });
  await page.setInputFiles("#ed-links", { name: "kz-owners-links.csv", mimeType: "text/csv", buffer: LINKS });
  await page.waitForSelector("#ed-file-links .ed-file-name");
  await page.fill("#ed-title", "Kazakhstan's power plants and their owners");
  await page.fill("#ed-dek", "Who owns the plants");
  await page.fill("#ed-source-name", "WRI Global Power Plant Database");
  await page.fill("#ed-source-url", "https://datasets.wri.org/");
  await page.click("#ed-preview");
  await page.waitForFunction(() => /farms loaded/.test(document.getElementById("ed-summary").textContent));
}

/** The three bad rows of the links file: grouped, shown with the cell marked, downloadable. */
async function checkProblems(page) {
  // Picking a file starts a check of its own; wait for the preview's, which has the links file.
  await page.waitForFunction(() => Array.from(document.querySelectorAll("#ed-problems > li > details > summary"), (s) => s.textContent).some((t) => t.includes("kz-owners-links.csv")));
  const groups = await page.$$eval("#ed-problems > li > details > summary", (s) => s.map((x) => x.textContent));
  const linkGroups = groups.filter((g) => g.includes("kz-owners-links.csv"));
  const linkCount = linkGroups.reduce((n, g) => n + Number(/^(\d+)/.exec(g)[1]), 0);
  assert.equal(linkCount, 3, groups.join("\n"));
  await page.click("#ed-problems button.ed-problem:has-text('kz-owners-links.csv row 7')");
  const marked = await page.textContent("#ed-problem-rows td.ed-cell-bad");
  assert.equal(marked, "9999999");
  const csv = await downloadBytes(page, ".ed-problem-downloads button:has-text('kz-owners-links.csv')");
  const lines = LINKS.toString("utf8").split("\n");
  // The header and those rows, as CSV that Excel opens as UTF-8 (a BOM, CRLF).
  assert.equal(csv.toString("utf8"), `\ufeff${[lines[0], lines[6], lines[7], lines[8], ""].join("\r\n")}`);
}

/**
 * Fix a mapping in the column table: WRI's "Owner" column is empty for these plants, and
 * its "Source" names the company (e.g. Samruk Energy); read "Source" as the owner. The
 * check and the preview follow, and the story's farms.options records it.
 */
async function fixMapping(page) {
  const columns = (p) => p.evaluate(() => Object.fromEntries(window.farmmapEditor.checked.columns.columns.map((c) => [c.header, c.field ?? null])));
  assert.deepEqual([(await columns(page)).Owner, (await columns(page)).Source], ["owner", null]);
  await page.getByLabel("Column X (Source) is read as").selectOption("owner");
  await page.waitForFunction(() => window.farmmapEditor.checked?.columns?.columns.find((c) => c.header === "Source")?.field === "owner" && document.querySelector("#ed-check")?.hidden);
  assert.deepEqual([(await columns(page)).Owner, (await columns(page)).Source], [null, "owner"]);
  assert.deepEqual(await page.evaluate(() => window.farmmapEditor.buildStory().farms.options), { columns: { Source: { field: "owner" } } });
  // The preview shows the data as now read: Samruk Energy owns farms on its map.
  await page.waitForFunction(() => window.farmmapEditor.preview?.map.farmCount() > 0);
  const owners = await page.evaluate(() => { const m = window.farmmapEditor.preview.map; return Array.from({ length: m.farmCount() }, (_, i) => m.farm(i).owner ?? ""); });
  assert.ok(owners.some((o) => o.includes("Samruk")), JSON.stringify(owners.slice(0, 5)));
}

/** Drag step `from`'s handle onto the top of step `to` (1-based), as a mouse would. */
async function dragStep(page, from, to) {
  await page.evaluate((n) => document.querySelector(`#ed-steps > li:nth-child(${n})`).scrollIntoView({ block: "start" }), from);
  const a = await page.locator(`#ed-steps > li:nth-child(${from}) .ed-drag`).boundingBox();
  const b = await page.locator(`#ed-steps > li:nth-child(${to})`).boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2 + 10, { steps: 5 });
  await page.mouse.move(b.x + 200, b.y + 20, { steps: 10 });
  await page.mouse.up();
}

/** Three steps: typed, from the preview's view and a network node, typed; reordered. */
async function addThreeSteps(page) {
  await page.click("#ed-add-step");
  await page.fill("#ed-steps > li:nth-child(1) input >> nth=0", "One: the biggest plant");
  await page.fill("#ed-steps > li:nth-child(1) input >> nth=1", "1000286");
  // Zoom the preview, then light a network node by clicking it.
  const box = await page.locator("#ed-preview-box canvas").first().boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await page.waitForTimeout(400);
  // The preview lays out as a reader's page does: below 1,000 px the network is behind its tab.
  await page.click("#ed-preview-box .fm-tabs [role=tab] >> nth=1");
  // The network's layout may still be settling: aim at the node's current place until it lights.
  await page.evaluate(() => window.farmmapEditor.preview.netCanvas.scrollIntoView({ block: "center" }));
  for (let tries = 0; tries < 20; tries++) {
    const node = await page.evaluate(() => {
      const ui = window.farmmapEditor.preview;
      const r = ui.netCanvas.getBoundingClientRect();
      const p = ui.map.networkScreenPositions().find((q) => ui.map.networkNode(q.node).id === "samruk");
      return p && { x: r.left + p.x, y: r.top + p.y };
    });
    assert.ok(node, "the network shows samruk");
    await page.mouse.click(node.x, node.y);
    if (await page.evaluate(() => window.farmmapEditor.preview.map.networkHighlighted().includes("samruk"))) break;
    await page.waitForTimeout(250);
  }
  await page.click("#ed-preview-box .fm-tabs [role=tab] >> nth=0"); // back to the map, whose view the step takes
  await page.click("#ed-add-step-view");
  await page.fill("#ed-steps > li:nth-child(2) input >> nth=0", "Two: from the view");
  await page.click("#ed-add-step");
  await page.fill("#ed-steps > li:nth-child(3) input >> nth=0", "Three: typed");
  const second = await page.evaluate(() => window.farmmapEditor.buildStory().steps[1]);
  assert.ok(second.camera && "bounds" in second.camera, JSON.stringify(second));
  assert.ok(second.highlight.includes("samruk"), JSON.stringify(second.highlight));
  // Keyboard: move "Three" up (focus follows it), then drag "One" below "Three".
  await page.focus("#ed-steps > li:nth-child(3) button[aria-label='Move step 3 up']");
  await page.keyboard.press("Enter");
  assert.deepEqual(await stepTitles(page), ["One: the biggest plant", "Three: typed", "Two: from the view"]);
  await dragStep(page, 1, 2);
  assert.deepEqual(await stepTitles(page), ["Three: typed", "One: the biggest plant", "Two: from the view"]);
}

test("a newsroom's files to an embedded story: autosaved, undoable, round-tripped byte for byte", async () => {
  const { page, problems, foreign, context } = await openPage(env, "/editor.html");
  await ready(page);
  await loadFilesAndPreview(page);
  await checkProblems(page);
  await fixMapping(page);
  await addThreeSteps(page);
  // Key order inside the JS object is not part of the story: story.json is written by Rust in one order.
  const before = await page.evaluate(() => { const sortKeys = (v) => Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])])) : v; const s = window.farmmapEditor.buildStory(); delete s.layout; return JSON.stringify(sortKeys(s)); });
  await saved(page);
  // Leaving now warns: nothing has been exported yet.
  assert.equal(await page.evaluate(() => { const e = new Event("beforeunload", { cancelable: true }); dispatchEvent(e); return e.defaultPrevented; }), true);
  page.on("dialog", (d) => d.accept());
  await page.reload();
  await ready(page);
  const after = await page.evaluate(() => { const sortKeys = (v) => Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])])) : v; const s = window.farmmapEditor.buildStory(); delete s.layout; return JSON.stringify(sortKeys(s)); });
  assert.equal(after, before, "the reload restored the story, its files and its steps");
  assert.deepEqual(await stepTitles(page), ["Three: typed", "One: the biggest plant", "Two: from the view"]);
  assert.equal(await page.inputValue("#ed-title"), "Kazakhstan's power plants and their owners");
  assert.match(await page.textContent("#ed-file-farms"), new RegExp(`wri-raw-Kazakhstan\\.csv \\(${FARMS.length} bytes\\)`));
  const draft = await storedDraft(page);
  assert.equal(draft.farmsName, "wri-raw-Kazakhstan.csv");
  assert.ok(Buffer.from(draft.farms).equals(FARMS), "the farms file's original bytes are kept");
  assert.equal(await page.textContent("#ed-drafts-box .ed-draft-current .ed-draft-title"), "Kazakhstan's power plants and their owners");
  // Delete a step; Ctrl+Z brings it back where it was; Ctrl+Shift+Z deletes it again; the Undo button undoes.
  await page.click("#ed-steps > li:nth-child(2) button:has-text('Delete step')");
  assert.deepEqual(await stepTitles(page), ["Three: typed", "Two: from the view"]);
  await page.locator("body").click({ position: { x: 2, y: 2 } });
  await page.keyboard.press("Control+z");
  assert.deepEqual(await stepTitles(page), ["Three: typed", "One: the biggest plant", "Two: from the view"]);
  await page.keyboard.press("Control+Shift+z");
  assert.equal((await stepTitles(page)).length, 2);
  await page.click("#ed-undo");
  assert.deepEqual(await stepTitles(page), ["Three: typed", "One: the biggest plant", "Two: from the view"]);

  const exported = await downloadBytes(page, "#ed-download");
  const story = JSON.parse(exported.toString("utf8"));
  assert.deepEqual(story.steps.map((s) => s.title), ["Three: typed", "One: the biggest plant", "Two: from the view"]);
  // The fixed mapping is in the export, and its published farms read "Source" as the owner.
  assert.deepEqual(story.farms.options, { columns: { Source: "owner" } });
  assert.ok(story.published.farms.owner.some((o) => o.includes("Samruk")), "the published farms have the mapped owner");
  assert.equal(await page.evaluate(() => { const e = new Event("beforeunload", { cancelable: true }); dispatchEvent(e); return e.defaultPrevented; }), false, "no warning once exported");

  // The export in the embed page, served by the test's server at a same-origin address.
  await context.route(`${env.origin}/stories/editor-export.json`, (route) => route.fulfill({ status: 200, contentType: "application/json", body: exported }));
  const embed = await context.newPage();
  await embed.goto(`${env.origin}/embed.html?story=stories/editor-export.json`);
  await embed.waitForFunction(() => window.farmmap?.map);
  assert.deepEqual(await embed.evaluate(() => window.farmmap.map.story().steps.map((s) => s.title)), story.steps.map((s) => s.title));
  await embed.waitForSelector(".fm-step-title");
  assert.equal(await embed.textContent(".fm-step-title"), "Three: typed");

  // Back in the editor: open the export, export again: the same bytes.
  await page.setInputFiles("#ed-story", { name: "story.json", mimeType: "application/json", buffer: exported });
  await page.waitForFunction(() => /story\.json opened/.test(document.getElementById("ed-summary").textContent));
  const again = await downloadBytes(page, "#ed-download");
  assert.ok(again.equals(exported), "export → open → export is byte-identical");
  assert.deepEqual(foreign, [], "no request left the origin");
  assert.deepEqual(problems, []);
  await context.close();
});
