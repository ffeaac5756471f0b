// A data file's rows as Rust reads them (fileRows, rowsCsv: src/import/rows.rs), in node:
// rows numbered as a spreadsheet and as the importers number them (quoted line breaks stay
// in their row, CRLF), for every format the problems panel shows — CSV in UTF-8 and in
// Windows-1251 (kept in the story as base64), and XLSX workbooks — and "the rows with
// problems" as a CSV that Excel opens as UTF-8.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { loadFarmmap } from "../bench/layout-common.mjs";
import { NetworkData, dataFile, fileRows, rowsCsv, checkStory } from "../pkg/farmmap.js";

loadFarmmap();
const fixture = (name) => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

test("rows as a spreadsheet numbers them: quoted line breaks and CRLF (OPSD's real file)", () => {
  const file = dataFile("opsd.csv", fixture("realworld/farms/opsd-power_plants_germany.csv"));
  const all = fileRows(file, 1, 100000);
  assert.equal(all.rows.length, 893, "935 lines, 893 rows under the header: some cells hold line breaks");
  assert.equal(all.header[0], "", "the empty first header cell (a pandas index) is a cell");
  const broken = all.rows.filter((r) => r.cells.some((c) => c.includes("\n")));
  assert.ok(broken.length >= 5);
  assert.equal(broken[0].row, 22);
  for (const r of all.rows) assert.equal(r.cells.length, all.header.length, `row ${r.row} has every column`);
  // A range gives those rows only.
  assert.deepEqual(fileRows(file, 22, 23).rows.map((r) => r.row), [22, 23]);
});

test("the rows Rust names are the rows shown, and the download is the header and those rows", () => {
  const bytes = fixture("editor/kz-owners-links.csv");
  const net = new NetworkData();
  net.loadEntitiesCsv("kz-owners-entities.csv", fixture("editor/kz-owners-entities.csv"));
  for (const id of ["1000286", "1023222", "1075835", "1023217", "1000288", "1075834"]) net.addFarm(id, id, 75, 50);
  const problems = net.loadLinksCsv("kz-owners-links.csv", bytes);
  assert.deepEqual(problems.map((p) => p.row).sort(), [7, 8, 9]);
  const file = dataFile("kz-owners-links.csv", bytes);
  for (const p of problems) {
    const { rows: [row], names } = fileRows(file, p.row, p.row);
    assert.equal(row.row, p.row);
    const col = names.indexOf(p.column);
    assert.ok(p.message.includes(row.cells[col]), `${p.text} / ${row.cells}`);
  }
  const csv = rowsCsv(file, Uint32Array.from(problems.map((p) => p.row)));
  const lines = bytes.toString("utf8").split("\n");
  assert.equal(csv, `\ufeff${[lines[0], lines[6], lines[7], lines[8], ""].join("\r\n")}`);
});

test("a Windows-1251 file (base64 in the story) shows its problem's row decoded", () => {
  const bytes = fixture("farms/cp1251-ru-semicolon.csv");
  const file = dataFile("ферма.csv", bytes);
  assert.ok(file.base64 && file.text === undefined, "not UTF-8: kept as base64");
  const story = JSON.stringify({ farms: { ...file }, steps: [] });
  const { report } = checkStory("story.json", story);
  const rows = fileRows(file, 1, 1000);
  assert.ok(rows.header.some((h) => /[а-яё]/i.test(h)), rows.header.join("|"));
  // Every row a problem names is a row the panel can show.
  for (const p of report.problems.filter((x) => x.row !== undefined && x.row > 1)) {
    assert.ok(rows.rows.some((r) => r.row === p.row), p.text);
  }
  const csv = rowsCsv(file, Uint32Array.from([2]));
  assert.ok(csv.startsWith("\ufeff"));
  assert.equal(csv.split("\r\n")[0].slice(1).split(",").length, rows.header.length);
  assert.ok(csv.includes(rows.rows[0].cells[1]), "row 2's text, decoded");
});

test("a workbook's problem rows: shown by letter, downloaded as CSV", () => {
  const bytes = fixture("farms/plants.xlsx");
  const file = dataFile("plants.xlsx", bytes);
  const all = fileRows(file, 1, 1000);
  assert.equal(all.problem, undefined);
  assert.equal(all.names[0], "A");
  const row = all.rows[0];
  const csv = rowsCsv(file, Uint32Array.from([row.row]));
  const [head, line, end] = csv.slice(1).split("\r\n");
  assert.equal(end, "");
  assert.equal(head.split(",")[0], all.header[0].includes(",") ? `"${all.header[0]}"` : all.header[0]);
  assert.ok(line.startsWith(row.cells[0]), line);
  assert.throws(() => rowsCsv(dataFile("e.csv", new Uint8Array()), Uint32Array.from([2])), /e\.csv: .*empty/);
});
