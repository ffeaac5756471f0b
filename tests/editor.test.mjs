// The newsroom editor in headless Chromium: upload files with bad rows, see each named,
// add a step, preview, and download a story file that the embed then loads.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { start, openPage } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test("an editor's files: bad rows named, the rest previewed, story.json and snippet out", async () => {
  const { page, problems, context } = await openPage(env, "/editor.html");
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
