// The editor's row splitter (www/editor-csv.js) in node: rows numbered as a spreadsheet and as
// Rust's importers number them (quoted line breaks stay in their row, CRLF), and "the rows
// with problems" given back exactly as they are in the file.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { loadFarmmap } from "../bench/layout-common.mjs";
import { NetworkData, decodeDataFile } from "../pkg/farmmap.js";
import { csvRows, rowsCsv, delimiterOf } from "../www/editor-csv.js";

loadFarmmap();
const fixture = (name) => fs.readFileSync(new URL(`./fixtures/editor/${name}`, import.meta.url));

const OPSD = new URL("fixtures/realworld/farms/opsd-power_plants_germany.csv", import.meta.url);
test("rows as a spreadsheet numbers them: quoted line breaks and CRLF (OPSD's real file)", () => {
  const bytes = fs.readFileSync(OPSD);
  const { text } = decodeDataFile("opsd.csv", bytes);
  const rows = csvRows(text);
  assert.equal(rows.length, 894, "935 lines, 894 rows: some cells hold line breaks");
  assert.equal(rows[0].cells[0], "", "the empty first header cell (a pandas index) is a cell");
  const broken = rows.filter((r) => r.cells.some((c) => c.includes("\n")));
  assert.ok(broken.length >= 5);
  assert.equal(broken[0].row, 22);
  for (const r of rows) assert.equal(r.cells.length, rows[0].cells.length, `row ${r.row} has every column`);
});

test("the rows Rust names are the rows shown, and the download is the header and those rows", () => {
  const net = new NetworkData();
  net.loadEntitiesCsv("kz-owners-entities.csv", fixture("kz-owners-entities.csv"));
  for (const id of ["1000286", "1023222", "1075835", "1023217", "1000288", "1075834"]) net.addFarm(id, id, 75, 50);
  const problems = net.loadLinksCsv("kz-owners-links.csv", fixture("kz-owners-links.csv"));
  const { text } = decodeDataFile("kz-owners-links.csv", fixture("kz-owners-links.csv"));
  const rows = csvRows(text);
  assert.deepEqual(problems.map((p) => p.row).sort(), [7, 8, 9]);
  for (const p of problems) {
    const row = rows.find((r) => r.row === p.row);
    const col = rows[0].cells.indexOf(p.column);
    assert.ok(p.message.includes(row.cells[col]), `${p.text} / ${row.raw}`);
  }
  const lines = text.split("\n");
  assert.equal(rowsCsv(text, problems.map((p) => p.row)), [lines[0], lines[6], lines[7], lines[8], ""].join("\n"));
});

test("semicolons and tabs; CRLF kept in the download; quotes kept as written", () => {
  assert.equal(delimiterOf("id;name;lat;lon"), ";");
  assert.equal(delimiterOf("id\tname\tlat"), "\t");
  const text = 'id;name;lat\r\nA;"Farm; ""A""";51\r\nB;"two\r\nlines";x\r\n';
  const rows = csvRows(text);
  assert.deepEqual(rows.map((r) => r.cells), [["id", "name", "lat"], ["A", 'Farm; "A"', "51"], ["B", "two\r\nlines", "x"]]);
  assert.equal(rowsCsv(text, [3]), 'id;name;lat\r\nB;"two\r\nlines";x\r\n');
});
