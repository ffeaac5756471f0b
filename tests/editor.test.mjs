// The newsroom editor in headless Chromium: upload files with bad rows, see each named,
// add a step, preview, and download a story file that the embed then loads.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { start, openPage } from "./harness.mjs";

let env;
// Every key `want` has is in `got` with the same value (`got` may have more: defaults).
function assertKept(got, want, path) {
  if (want === null || typeof want !== "object") { assert.deepEqual(got, want, path); return; }
  assert.ok(got && typeof got === "object", `${path} is missing`);
  if (Array.isArray(want)) assert.equal(got.length, want.length, `${path}: length`);
  for (const key of Object.keys(want)) assertKept(got[key], want[key], `${path}.${key}`);
}
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test("an editor's files: bad rows named, the rest previewed, story.json and snippet out", async () => {
  const { page, problems, context } = await openPage(env, "/editor.html");
  // The editor restores the last draft before any edit (tests/editor-undo): type after that.
  await page.waitForSelector("body[data-ed-ready]");
  await page.setInputFiles("#ed-farms", { name: "my-farms.csv", mimeType: "text/csv", buffer: Buffer.from(
    "id,name,lat,lon,status\nA,Farm A,51.7,75.3,operating\nB,Farm B,51,x,shut down\nC,Farm C,49.8,73.1,closed\n") });
  await page.setInputFiles("#ed-entities", { name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(
    "id,name,kind\nP,Person P,person\nQ,Company Q,company\n") });
  await page.setInputFiles("#ed-links", { name: "ties.csv", mimeType: "text/csv", buffer: Buffer.from(
    "source_id,target_id,type,relationship,percentage,source_url,confidence\nQ,A,owns,,60,https://example.org/q,reported\nP,Q,directs,chairman,,https://example.org/p,\nP,GHOST,owns,,,https://example.org/g,\n") });
  await page.fill("#ed-title", "Test story");
  await page.click("#ed-add-step");
  await page.fill(".ed-step input >> nth=0", "First step");
  await page.fill(".ed-step input >> nth=1", "A");
  await page.click("#ed-preview");
  await page.waitForSelector("#ed-problems li");
  const items = await page.$$eval("#ed-problems li", (lis) => lis.map((li) => li.textContent));
  assert.ok(items.some((t) => /^my-farms\.csv row 3, column lon: "x" is not a number/.test(t)), items.join("\n"));
  assert.ok(items.some((t) => /^ties\.csv row 4, column target_id: "GHOST"/.test(t)), items.join("\n"));
  assert.match(await page.textContent("#ed-summary"), /2 farms loaded, 1 rows skipped/);
  await page.waitForSelector("#ed-preview-box .fm-step-title");
  assert.equal(await page.textContent("#ed-preview-box .fm-step-title"), "First step");
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#ed-download")]);
  const story = JSON.parse(fs.readFileSync(await dl.path(), "utf8"));
  assert.equal(story.title, "Test story");
  assert.equal(story.farms.name, "my-farms.csv");
  assert.deepEqual(story.steps[0].camera, { focus: ["A"] });
  // The network layout of the preview is saved, so readers see it finished.
  assert.ok(story.layout && Object.keys(story.layout.positions).length >= 3, JSON.stringify(story.layout));
  assert.match(await page.inputValue("#ed-snippet"), /<farm-map src=".*story\.json"><\/farm-map>/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a FollowTheMoney export alone gives farms on the map and ties in the network, bad lines named", async () => {
  const { page, context } = await openPage(env, "/editor.html");
  const lines = [
    '{"id":"re1","schema":"RealEstate","properties":{"name":["Steppe site"],"latitude":["51.7"],"longitude":["75.3"],"sourceUrl":["https://example.org/re1"]}}',
    '{"id":"co1","schema":"Company","properties":{"name":["Mining LLP"]}}',
    '{"id":"own1","schema":"Ownership","properties":{"owner":["co1"],"asset":["re1"],"sourceUrl":["https://example.org/o"]}}',
    "{not json",
  ].join("\n");
  await page.setInputFiles("#ed-ftm", { name: "aleph.json", mimeType: "application/json", buffer: Buffer.from(lines) });
  await page.click("#ed-preview");
  await page.waitForSelector("#ed-problems li");
  const items = await page.$$eval("#ed-problems li", (lis) => lis.map((li) => li.textContent));
  assert.ok(items.some((t) => t.startsWith("aleph.json line 4")), items.join("\n"));
  assert.equal(await page.evaluate(() => window.farmmapEditor.preview.map.farmCount()), 1);
  const table = await page.evaluate(() => window.farmmapEditor.preview.map.tableSentences());
  assert.equal(table.ties.length, 1);
  assert.match(table.ties[0], /Steppe site|Mining LLP/);
  await context.close();
});

test("a story file opened in the editor comes back out with every field it had", async () => {
  const { page, problems, context } = await openPage(env, "/editor.html");
  const original = {
    title: "Round trip", dek: "Every field kept", source: { name: "A newspaper", url: "https://example.org/story" },
    illustrative_note: "Sites are placed for illustration.",
    farms: { name: "f.csv", text: "id,name,lat,lon,owner\nF1,Farm one,51.7,75.3,Holding One\nF2,Farm two,49.8,73.1,\n" },
    entities: { name: "e.csv", text: "id,name,kind\nP,Person P,person\n" },
    links: { name: "l.csv", text: "source_id,target_id,type\nP,F1,owns\n" },
    tiles: { url: "/examples/tiles/test-tile.png?z={z}&x={x}&y={y}", attribution: "Test tiles, CC0", max_zoom: 12 },
    layout: { positions: { F1: [1.5, 2.25], P: [-3, 4] } },
    steps: [
      { id: "one", title: "One", text: "First", camera: { bounds: [70, 45, 80, 55] }, highlight: ["F1"],
        filter: { status: "operating", owner: "Holding" } },
      { id: "two", title: "Two", text: "Second", camera: { focus: ["P"] }, highlight: [] },
    ],
  };
  await page.setInputFiles("#ed-story", { name: "story.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(original)) });
  await page.waitForFunction(() => /story\.json opened/.test(document.getElementById("ed-summary").textContent));
  assert.equal(await page.inputValue("#ed-title"), "Round trip");
  assert.equal(await page.inputValue(".ed-step input >> nth=0"), "One");
  await page.fill(".ed-step textarea >> nth=1", "Second, edited");
  await page.uncheck("#ed-keep-layout");
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#ed-download")]);
  const story = JSON.parse(fs.readFileSync(await dl.path(), "utf8"));
  assert.equal(story.steps[1].text, "Second, edited");
  story.steps[1].text = "Second";
  assertKept(story, original, "story");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the editor reads a UTF-16 farms file through Rust's decoder, as loadFarms does", async () => {
  const { page, context } = await openPage(env, "/editor.html");
  const csv = "id,name,lat,lon\nU1,Ферма,51.7,75.3\n";
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, "utf16le")]);
  await page.setInputFiles("#ed-farms", { name: "utf16.csv", mimeType: "text/csv", buffer: utf16 });
  await page.click("#ed-preview");
  // The check on picking may have said "farms loaded" already: wait for the preview's farms.
  await page.waitForFunction(() => window.farmmapEditor.preview?.map.farmCount() === 1, null, { polling: 100 });
  assert.match(await page.textContent("#ed-summary"), /^1 farms loaded, 0 rows skipped/);
  assert.equal(await page.evaluate(() => window.farmmapEditor.preview.map.farm(0).name), "Ферма");
  await context.close();
});
