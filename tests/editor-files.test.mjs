// The editor's files in headless Chromium: real files (a workbook, an ODS, a Windows-1251
// CSV, a WRI export, a GeoJSON) go in as their original bytes, are checked in the worker,
// and read exactly as the embed page reads the exported story; the column mapping fixes a
// file whose columns are named oddly, is undoable, survives a reload and is applied by the
// embed; cells pasted from a spreadsheet become a farms file; a check can be cancelled.
// (tests/fixtures/farms/plants-odd-names.geojson was written for this test, CC0.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { start, openPage } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const fixture = (p) => new URL(`./fixtures/${p}`, import.meta.url).pathname;

/** Download the story and open it in the embed page; its report. */
async function exportAndEmbed(page, context, name) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#ed-download")]);
  const text = fs.readFileSync(await dl.path(), "utf8");
  await context.route(`${env.origin}/stories/${name}`, (route) => route.fulfill({ status: 200, contentType: "application/json", body: text }));
  const embed = await context.newPage();
  await embed.goto(`${env.origin}/embed.html?story=stories/${name}`);
  await embed.waitForFunction(() => window.farmmap?.map);
  const report = await embed.evaluate(() => ({ ...window.farmmap.storyReport, count: window.farmmap.map.farmCount() }));
  await embed.close();
  return { story: JSON.parse(text), report };
}

/** Wait for the column table of `file` after a check. */
async function columnsOf(page, file) {
  await page.waitForFunction((f) => window.farmmapEditor.checked?.columns?.label.startsWith(f) && document.querySelector("#ed-check")?.hidden, file);
  return page.evaluate(() => window.farmmapEditor.checked);
}

test("every farms format goes in as its bytes and reads as the embed reads the exported story", async () => {
  const { page, context, problems } = await openPage(env, "/editor.html");
  await page.waitForSelector("body[data-ed-ready]");
  await page.fill("#ed-title", "Formats");
  const cases = [
    ["farms/plants.xlsx", "base64"],
    ["farms/plants.ods", "base64"],
    ["farms/cp1251-ru-semicolon.csv", "base64"],
    ["realworld/farms/wri-raw-Kazakhstan.csv", "text"],
    ["farms/plants-odd-names.geojson", "text"],
  ];
  for (const [i, [path, kept]] of cases.entries()) {
    const name = path.split("/").pop();
    const bytes = fs.readFileSync(fixture(path));
    await page.setInputFiles("#ed-farms", fixture(path));
    const checked = await columnsOf(page, name);
    assert.ok(checked.columns.columns.length >= 3, `${name}: ${JSON.stringify(checked.columns)}`);
    assert.ok(checked.report.loaded > 0, `${name}: ${JSON.stringify(checked.report)}`);
    // The table names each column and shows its samples.
    const rows = await page.$$eval(".ed-map-table tr", (trs) => trs.length);
    assert.equal(rows, checked.columns.columns.length + 1, name);
    const { story, report } = await exportAndEmbed(page, context, `formats-${i}.json`);
    // Kept byte for byte: text when UTF-8, else base64.
    assert.equal(story.farms.name, name);
    const got = kept === "text" ? Buffer.from(story.farms.text, "utf8") : Buffer.from(story.farms.base64, "base64");
    assert.ok(story.farms[kept] !== undefined && got.equals(bytes), `${name} kept as ${kept}`);
    // The same farms in the editor's worker and in the embed page. The embed reads the
    // story's published data (the farms as checked, story/published.rs), not the file: the
    // file's bad rows and notes are the editor's to show, so the reader has none of them.
    assert.equal(report.loaded, checked.report.loaded, name);
    assert.equal(report.count, checked.report.loaded, name);
    assert.equal(story.published.farms.id.length, checked.report.loaded, name);
    assert.deepEqual(story.published.sources, [name]);
    assert.equal(report.skipped, 0, name);
    const ofFile = (list) => list.filter((p) => p.file.startsWith(name)).map((p) => p.text);
    assert.deepEqual(ofFile(report.problems), [], name);
    assert.deepEqual(report.notes, [], name);
  }
  // The Windows-1251 file's names are read as Cyrillic, and said so.
  await page.setInputFiles("#ed-farms", fixture("farms/cp1251-ru-semicolon.csv"));
  const cp = await columnsOf(page, "cp1251-ru-semicolon.csv");
  assert.equal(cp.columns.columns[1].header, "Название");
  assert.ok(cp.report.notes.some((n) => n.text.includes("Windows-1251")), JSON.stringify(cp.report.notes));
  assert.deepEqual(problems, []);
  await context.close();
});

test("the column mapping fixes oddly named columns: undoable, autosaved, applied by the embed", async () => {
  const { page, context, problems } = await openPage(env, "/editor.html");
  await page.waitForSelector("body[data-ed-ready]");
  await page.click("#ed-new-draft");
  await page.fill("#ed-title", "Mapped");
  const csv = "Ref;Breite;Länge;Leistung (kW)\nA;51,72;75,32;1.600\nB;43,25;76,9;2.000,5\nC;49,8;73,1;\n";
  await page.setInputFiles("#ed-farms", { name: "odd.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  let checked = await columnsOf(page, "odd.csv");
  assert.equal(checked.report.loaded, 0);
  assert.ok(checked.report.problems.some((p) => p.text.includes("required column is missing")));
  const lat = checked.columns.columns[1];
  assert.deepEqual([lat.header, lat.kind, lat.numberFormat, lat.field], ["Breite", "number", "1234,5", undefined]);
  // Keyboard: focus the select and choose with the arrow keys' equivalent (selectOption).
  await page.getByLabel("Column B (Breite) is read as").selectOption("lat");
  await page.waitForFunction(() => window.farmmapEditor.checked?.columns?.columns[1].field === "lat");
  await page.getByLabel("Column C (Länge) is read as").selectOption("lon");
  await page.waitForFunction(() => window.farmmapEditor.checked?.report.loaded === 3);
  await page.getByLabel("Column A (Ref) is read as").selectOption("id");
  await page.waitForFunction(() => window.farmmapEditor.checked?.columns?.columns[0].field === "id");
  await page.getByLabel("Precision of the rows of odd.csv that give none").selectOption("city");
  await page.waitForFunction(() => window.farmmapEditor.buildStory().farms?.options?.precision_default === "city");
  assert.match(await page.textContent("#ed-summary"), /.+/);
  // Undo takes the precision back (and the table follows); redo brings it again.
  await page.locator("#ed-undo").click();
  await page.waitForFunction(() => window.farmmapEditor.buildStory().farms?.options?.precision_default === undefined);
  await page.waitForFunction(() => document.querySelector("[aria-label='Precision of the rows of odd.csv that give none']")?.value === "");
  await page.locator("#ed-redo").click();
  await page.waitForFunction(() => window.farmmapEditor.buildStory().farms?.options?.precision_default === "city");
  // Autosaved: a reload restores the file's bytes and its mapping.
  await page.waitForFunction(() => /Saved in this browser/.test(document.querySelector("#ed-saved")?.textContent ?? ""));
  await page.waitForTimeout(500);
  await page.reload();
  await page.waitForSelector("body[data-ed-ready]");
  checked = await columnsOf(page, "odd.csv");
  assert.equal(checked.report.loaded, 3);
  assert.equal(await page.getByLabel("Column B (Breite) is read as").inputValue(), "lat");
  const { story, report } = await exportAndEmbed(page, context, "mapped.json");
  assert.deepEqual(story.farms.options, { precision_default: "city", columns: { Breite: "lat", "Länge": "lon", Ref: "id" } });
  assert.equal(story.farms.text, csv);
  assert.equal(report.count, 3);
  assert.ok(!report.problems.some((p) => p.text.includes("required column")), JSON.stringify(report.problems));
  assert.deepEqual(problems, []);
  await context.close();
});

test("dates and the illustrative flag are meanings in the column table: the timeline follows, the reader's page gets them", async () => {
  const { page, context, problems } = await openPage(env, "/editor.html");
  await page.waitForSelector("body[data-ed-ready]");
  await page.click("#ed-new-draft");
  await page.fill("#ed-title", "Dated");
  const csv = "id,lat,lon,status,Raided,Guess\nA,51.72,75.32,shut down,01/02/2022,yes\nB,43.25,76.9,shut down,03/04/2022,no\nC,49.8,73.1,shut down,2022-05-10,no\n";
  await page.setInputFiles("#ed-farms", { name: "dated.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  let checked = await columnsOf(page, "dated.csv");
  const raided = checked.columns.columns[4];
  // Dates by their values, not yet by meaning; slashed ones read two ways.
  assert.deepEqual([raided.kind, raided.field, raided.ambiguousDates], ["date", undefined, 2]);
  const timeline = () => page.evaluate(() => window.farmmapEditor.checked.charts.find((c) => c.kind === "shutdowns"));
  let shutdowns = await timeline();
  assert.ok(!shutdowns.supported && shutdowns.reason.startsWith("no dates"), JSON.stringify(shutdowns));
  await page.getByLabel("Column E (Raided) is read as").selectOption("date");
  await page.waitForFunction(() => window.farmmapEditor.checked?.columns?.columns[4].field === "date");
  checked = await page.evaluate(() => window.farmmapEditor.checked);
  const amb = checked.report.problems.find((p) => p.column === "Raided (date)");
  assert.match(amb.text, /^dated\.csv row 2, column Raided \(date\): "01\/02\/2022" can be read as 2022-02-01 \(day first\) or 2022-01-02 \(month first\)/);
  // The table offers the date formats, the detected one named.
  await page.getByLabel("Date format of column E (Raided)").selectOption("DD/MM/YYYY");
  await page.waitForFunction(() => window.farmmapEditor.checked?.columns?.columns[4].mappedDateFormat === "DD/MM/YYYY");
  await page.getByLabel("Column F (Guess) is read as").selectOption("illustrative");
  await page.waitForFunction(() => window.farmmapEditor.checked?.columns?.columns[5].field === "illustrative");
  checked = await page.evaluate(() => window.farmmapEditor.checked);
  assert.ok(!checked.report.problems.some((p) => p.column === "Raided (date)"), JSON.stringify(checked.report.problems));
  shutdowns = await timeline();
  assert.ok(shutdowns.supported, JSON.stringify(shutdowns));
  const { story, report } = await exportAndEmbed(page, context, "dated.json");
  assert.deepEqual(story.farms.options, { columns: { Guess: "illustrative", Raided: { field: "date", date_format: "DD/MM/YYYY" } } });
  assert.deepEqual(story.published.farms.date, ["2022-02-01", "2022-04-03", "2022-05-10"]);
  assert.deepEqual(story.published.farms.illustrative, [true, false, false]);
  assert.equal(report.count, 3);
  // The reader's page (its own build, the published data) shows the date and the flag.
  const embed = await context.newPage();
  await embed.goto(`${env.origin}/embed.html?story=stories/dated.json`);
  await embed.waitForFunction(() => window.farmmap?.map);
  const farm = await embed.evaluate(() => window.farmmap.map.farm(0));
  assert.deepEqual([farm.date, farm.illustrative], ["2022-02-01", true]);
  assert.equal(await embed.evaluate(() => window.farmmap.map.illustrativeCount()), 1);
  // Its timeline counts the three shut-down farms by their dates (February to May 2022).
  const timelineData = await embed.evaluate(() => window.farmmap.map.chartData("shutdowns"));
  assert.deepEqual(timelineData.bars.map((b) => b.value), [1, 0, 1, 1]);
  await embed.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test("a workbook's problem rows show in the panel and download as CSV", async () => {
  const { page, context, problems } = await openPage(env, "/editor.html");
  await page.waitForSelector("body[data-ed-ready]");
  await page.click("#ed-new-draft");
  await page.setInputFiles("#ed-farms", fixture("farms/plants.xlsx"));
  await columnsOf(page, "plants.xlsx");
  await page.click("#ed-preview");
  await page.waitForSelector("#ed-problems button.ed-problem");
  const first = await page.evaluate(() => window.farmmapEditor.checked.report.problems.find((p) => p.row !== undefined && p.row > 1));
  assert.ok(first, "plants.xlsx has a problem with a row");
  await page.click(`#ed-problems button.ed-problem:has-text(${JSON.stringify(first.text.slice(0, 40))})`);
  await page.waitForSelector("#ed-problem-rows table");
  assert.match(await page.textContent("#ed-problem-rows caption"), new RegExp(`row ${first.row}`));
  assert.equal(await page.textContent("#ed-problem-rows tr.ed-row-bad th"), String(first.row));
  if (first.column) assert.equal(await page.locator("#ed-problem-rows td.ed-cell-bad").count(), 1);
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(".ed-problem-downloads button:has-text('plants.xlsx')")]);
  assert.equal(dl.suggestedFilename(), "plants-problems.csv");
  const text = fs.readFileSync(await dl.path(), "utf8");
  assert.ok(text.startsWith("\ufeff"), "UTF-8 with a BOM, so Excel reads it as UTF-8");
  assert.ok(text.split("\r\n").length >= 3, text);
  assert.deepEqual(problems, []);
  await context.close();
});

test("cells pasted from a spreadsheet become the farms file pasted.tsv", async () => {
  const { page, context, problems } = await openPage(env, "/editor.html");
  await page.waitForSelector("body[data-ed-ready]");
  await page.click("#ed-new-draft");
  const tsv = "id\tname\tlat\tlon\tstatus\r\nP1\tPasted one\t51.7\t75.3\tshut down\r\nP2\tPasted two\t43.2\tnorth\toperating\r\n";
  await page.focus("#ed-paste");
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", text);
    document.querySelector("#ed-paste").dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, tsv);
  const checked = await columnsOf(page, "pasted.tsv");
  assert.equal(checked.report.loaded, 1);
  assert.ok(checked.report.problems.some((p) => p.text.startsWith('pasted.tsv row 3, column lon: "north" is not a number')), JSON.stringify(checked.report.problems));
  assert.equal(await page.inputValue("#ed-paste"), ""); // nothing typed into the box
  assert.equal(await page.textContent("#ed-file-farms .ed-file-name"), "pasted.tsv");
  assert.equal(await page.evaluate(() => window.farmmapEditor.buildStory().farms.text), tsv);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a long check shows its progress and can be cancelled; the draft is unchanged", async () => {
  const { page, context, problems } = await openPage(env, "/editor.html");
  await page.waitForSelector("body[data-ed-ready]");
  await page.click("#ed-new-draft");
  const rows = ["id,name,lat,lon,capacity_mw"];
  for (let i = 0; i < 300000; i++) rows.push(`F${i},Farm ${i},${(40 + (i % 1000) / 100).toFixed(2)},${(60 + (i % 2000) / 100).toFixed(2)},${i % 50}`);
  const big = Buffer.from(rows.join("\n"));
  await page.setInputFiles("#ed-farms", { name: "big.csv", mimeType: "text/csv", buffer: big });
  await page.waitForSelector("#ed-check:not([hidden]) progress");
  await page.getByRole("button", { name: "Cancel the check" }).click();
  await page.waitForSelector("#ed-check", { state: "hidden" });
  assert.match(await page.textContent("#ed-summary"), /Check cancelled: the draft is as it was/);
  assert.equal(await page.evaluate(() => window.farmmapEditor.checked), null);
  assert.equal(await page.evaluate(() => window.farmmapEditor.buildStory().farms.name), "big.csv");
  // Checking again finishes.
  await page.click("#ed-preview");
  await page.waitForFunction(() => window.farmmapEditor.checked?.report.loaded === 300000, null, { timeout: 120000 });
  await page.waitForFunction(() => window.farmmapEditor.preview?.map.farmCount() === 300000);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a file dropped on a picker goes in like a picked one (a FollowTheMoney export)", async () => {
  const { page, context, problems } = await openPage(env, "/editor.html");
  await page.waitForSelector("body[data-ed-ready]");
  await page.click("#ed-new-draft");
  const bytes = fs.readFileSync(fixture("realworld/ftm/ftm-yente-zala.ftm.json"));
  await page.evaluate((b64) => {
    const file = new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], "ftm-yente-zala.ftm.json", { type: "application/json" });
    const dt = new DataTransfer();
    dt.items.add(file);
    const label = document.querySelector("#ed-ftm").closest("label");
    label.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    label.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes.toString("base64"));
  await page.waitForSelector("#ed-file-ftm .ed-file-name");
  assert.equal(await page.textContent("#ed-file-ftm .ed-file-name"), "ftm-yente-zala.ftm.json");
  assert.ok(Buffer.from(await page.evaluate(() => window.farmmapEditor.buildStory().ftm.text), "utf8").equals(bytes));
  await page.click("#ed-preview");
  await page.waitForFunction(() => window.farmmapEditor.preview?.map.networkLegend().length > 0);
  assert.deepEqual(problems, []);
  await context.close();
});
