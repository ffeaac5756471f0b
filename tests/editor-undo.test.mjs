// The editor's safety nets, in headless Chromium: undo across every kind of edit (a field's
// typing as one step, files removed, steps duplicated, the demo story that replaced a draft),
// several drafts listed, opened and deleted with Undo, stories opened by same-origin address
// and round-tripped byte for byte with every field the format has, and the whole editor under
// the strict CSP with no request leaving the origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { start, openPage } from "./harness.mjs";

let env, strict;
before(async () => { env = await start(); strict = await start({ csp: true }); });
after(async () => { await env.close(); await strict.close(); });

const ready = (page) => page.waitForSelector("body[data-ed-ready]");
const stepTitles = (page) => page.$$eval("#ed-steps > li", (lis) => lis.map((li) => li.querySelector("input")?.value));
const csv = (text) => ({ name: "farms.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
async function downloadBytes(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  return fs.readFileSync(await dl.path());
}
/** Undo with the keyboard, from outside any field. */
async function undo(page) {
  await page.locator("h1").click();
  await page.keyboard.press("Control+z");
}

test("undo: a field's typing is one step; a removed file, a duplicate step and the demo story come back", async () => {
  const { page, problems, foreign, context } = await openPage(env, "/editor.html");
  await ready(page);
  await page.type("#ed-title", "First title");
  await page.type("#ed-dek", "A dek");
  await undo(page);
  assert.equal(await page.inputValue("#ed-dek"), "", "the dek's typing is undone as one step");
  assert.equal(await page.inputValue("#ed-title"), "First title", "the title's typing is its own step");
  await page.keyboard.press("Control+Shift+z");
  assert.equal(await page.inputValue("#ed-dek"), "A dek");

  await page.setInputFiles("#ed-farms", csv("id,name,lat,lon\nA,Farm A,51.7,75.3\n"));
  await page.waitForSelector("#ed-file-farms .ed-file-name");
  await page.click("#ed-file-farms button:has-text('Remove')");
  assert.equal(await page.textContent("#ed-file-farms"), "No file.");
  assert.equal(await page.evaluate(() => window.farmmapEditor.buildStory().farms), undefined);
  await page.click("#ed-undo");
  assert.match(await page.textContent("#ed-file-farms"), /^farms\.csv \(35 bytes\)/);
  assert.equal((await page.evaluate(() => window.farmmapEditor.buildStory().farms)).text, "id,name,lat,lon\nA,Farm A,51.7,75.3\n");

  await page.click("#ed-add-step");
  await page.fill("#ed-steps > li:nth-child(1) input >> nth=0", "Only");
  await page.click("#ed-steps > li:nth-child(1) button:has-text('Duplicate')");
  assert.deepEqual(await stepTitles(page), ["Only", "Only"]);
  const ids = await page.evaluate(() => window.farmmapEditor.buildStory().steps.map((s) => s.id));
  assert.notEqual(ids[0], ids[1], "a duplicate gets its own id");
  await undo(page);
  assert.deepEqual(await stepTitles(page), ["Only"]);

  // The demo replaces a draft with content only after asking; Undo brings the draft back.
  const asked = [];
  page.on("dialog", (d) => { asked.push(d.message()); void d.dismiss(); });
  await page.click("#ed-demo");
  await page.waitForTimeout(200);
  assert.equal(asked.length, 1);
  assert.equal(await page.inputValue("#ed-title"), "First title", "dismissed: nothing replaced");
  page.removeAllListeners("dialog");
  page.on("dialog", (d) => { asked.push(d.message()); void d.accept(); });
  await page.click("#ed-demo");
  await page.waitForFunction(() => /Demo story loaded/.test(document.getElementById("ed-summary").textContent));
  assert.notEqual(await page.inputValue("#ed-title"), "First title");
  assert.ok((await stepTitles(page)).length > 1);
  await page.click("#ed-undo");
  assert.equal(await page.inputValue("#ed-title"), "First title");
  assert.deepEqual(await stepTitles(page), ["Only"]);
  assert.match(await page.textContent("#ed-file-farms"), /^farms\.csv/);
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("several drafts: listed by title, opened, deleted and brought back", async () => {
  const { page, problems, context } = await openPage(env, "/editor.html");
  await ready(page);
  await page.fill("#ed-title", "Draft one");
  await page.waitForFunction(() => /Draft one/.test(document.querySelector("#ed-drafts-box .ed-draft-current")?.textContent ?? ""));
  await page.click("#ed-new-draft");
  await page.waitForFunction(() => document.getElementById("ed-title").value === "");
  await page.fill("#ed-title", "Draft two");
  await page.waitForFunction(() => document.querySelectorAll("#ed-drafts-box .ed-draft").length === 2);
  const titles = () => page.$$eval("#ed-drafts-box .ed-draft-title", (s) => s.map((x) => x.textContent));
  await page.waitForFunction(() => document.querySelector("#ed-drafts-box .ed-draft-title")?.textContent === "Draft two");
  assert.deepEqual(await titles(), ["Draft two", "Draft one"], "newest first");
  await page.click("#ed-drafts-box button[aria-label='Open the draft Draft one']");
  await page.waitForFunction(() => document.getElementById("ed-title").value === "Draft one");
  await page.click("#ed-drafts-box button[aria-label='Delete the draft Draft two']");
  await page.waitForFunction(() => document.querySelectorAll("#ed-drafts-box .ed-draft").length === 1);
  await page.click("#ed-drafts-box .ed-undo-delete button");
  await page.waitForFunction(() => document.querySelectorAll("#ed-drafts-box .ed-draft").length === 2);
  await page.reload();
  await ready(page);
  assert.equal(await page.inputValue("#ed-title"), "Draft one", "a reload reopens the draft that was open");
  assert.deepEqual((await titles()).sort(), ["Draft one", "Draft two"]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("open by address: the demo story on this site round-trips byte for byte; another site is refused", async () => {
  const { page, problems, foreign, context } = await openPage(env, "/editor.html");
  await ready(page);
  await page.fill("#ed-story-url", "stories/kazakhstan-2022.json");
  await page.click("#ed-open-url-form button");
  await page.waitForFunction(() => /opened/.test(document.getElementById("ed-summary").textContent));
  assert.ok((await stepTitles(page)).length > 1);
  await page.uncheck("#ed-keep-layout");
  const first = await downloadBytes(page, "#ed-download");
  await page.setInputFiles("#ed-story", { name: "story.json", mimeType: "application/json", buffer: first });
  await page.waitForFunction(() => /story\.json opened/.test(document.getElementById("ed-summary").textContent));
  await page.uncheck("#ed-keep-layout");
  assert.ok((await downloadBytes(page, "#ed-download")).equals(first));
  // Every field the format has, including the ones the form does not show.
  const every = {
    title: "T", dek: "D", source: { name: "S", url: "https://example.org/s" }, illustrative_note: "N",
    farms: { name: "f.csv", text: "id,name,lat,lon,owner\r\nF1,One,51.7,75.3,Holding\r\n" },
    entities: { name: "e.csv", text: "id,name,kind\nP,Person,person\n" },
    links: { name: "l.csv", text: "source_id,target_id,type\nP,F1,owns\n" },
    tiles: { url: "/examples/tiles/test-tile.png?z={z}&x={x}&y={y}", attribution: "Test tiles, CC0", max_zoom: 12 },
    layout: { positions: { F1: [1.5, 2.25], P: [-3, 4] } },
    steps: [{ id: "a", title: "A", text: "x", camera: { bounds: [70, 45, 80, 55] }, highlight: ["F1"], filter: { status: "operating", owner: "Holding" } },
      { id: "b", title: "B", text: "y", camera: { focus: ["P"] }, highlight: [] }],
  };
  await page.setInputFiles("#ed-story", { name: "every.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(every)) });
  await page.waitForFunction(() => /every\.json opened/.test(document.getElementById("ed-summary").textContent));
  const a = await downloadBytes(page, "#ed-download");
  await page.setInputFiles("#ed-story", { name: "again.json", mimeType: "application/json", buffer: a });
  await page.waitForFunction(() => /again\.json opened/.test(document.getElementById("ed-summary").textContent));
  const b = await downloadBytes(page, "#ed-download");
  assert.ok(b.equals(a), "export → open → export is byte-identical");
  const out = JSON.parse(a.toString("utf8"));
  assert.deepEqual([out.tiles, out.layout, out.steps[0].filter, out.farms.text], [every.tiles, every.layout, every.steps[0].filter, every.farms.text]);
  // A story on another site: refused by the publisher's rules, with no request made.
  await page.fill("#ed-story-url", "https://elsewhere.example/story.json");
  await page.click("#ed-open-url-form button");
  await page.waitForFunction(() => /could not be opened.*another site/.test(document.getElementById("ed-summary").textContent));
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("under the strict CSP: files, preview, steps, undo and export, with no request leaving the origin", async () => {
  const { page, problems, foreign, context } = await openPage(strict, "/editor.html");
  await ready(page);
  await page.setInputFiles("#ed-farms", csv("id,name,lat,lon\nA,Farm A,51.7,75.3\nB,Farm B,x,75\n"));
  await page.waitForSelector("#ed-file-farms .ed-file-name");
  await page.fill("#ed-title", "Strict");
  await page.click("#ed-preview");
  await page.waitForSelector("#ed-problems button.ed-problem");
  await page.click("#ed-problems button.ed-problem");
  assert.equal(await page.textContent("#ed-problem-rows td.ed-cell-bad"), "x");
  // Pick the farm on the preview's map, then light it in a step.
  await page.evaluate(() => window.farmmapEditor.preview.canvas.scrollIntoView({ block: "center" }));
  const farm = await page.evaluate(() => {
    const ui = window.farmmapEditor.preview, r = ui.canvas.getBoundingClientRect();
    const item = ui.map.visibleItems().find((i) => i.kind === "farm");
    return item && { x: r.left + item.x, y: r.top + item.y };
  });
  assert.ok(farm, "farm A is on the map");
  await page.mouse.click(farm.x, farm.y);
  await page.click("#ed-add-step-view");
  assert.deepEqual(await page.evaluate(() => window.farmmapEditor.buildStory().steps[0].highlight), ["A"]);
  await page.click("#ed-steps > li button:has-text('Delete step')");
  await page.click("#ed-undo");
  assert.equal((await stepTitles(page)).length, 1);
  const story = JSON.parse((await downloadBytes(page, "#ed-download")).toString("utf8"));
  assert.ok(story.steps[0].camera.bounds);
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, [], "no CSP violation, no error");
  await context.close();
});
