// Problems an editor can fix: the files' errors and warnings grouped by kind (the message
// without its row and values) with counts; a click on one shows its row in a small table with
// the cell marked; "Download the rows with problems" gives the header and those rows, as they
// are in the file, to fix in the spreadsheet and upload again. Any number of problems: the
// groups, and the problems in a group, are listed a thousand at a time with "Show more".
import { el, appendAll, download, pagedList, plural } from "./dom.js";
import { csvRows, rowsCsv } from "./editor-csv.js";

/** @typedef {import("./pkg/farmmap.js").ImportProblem} ImportProblem */
/** @typedef {import("./pkg/farmmap.js").DataFile} DataFile */
/** @typedef {{key: string, severity: string, file: string, column?: string, kind: string, items: ImportProblem[]}} Group */

/** A message's kind: its quoted values and numbers replaced by "…". @param {string} message */
export const kindOf = (message) => message.replace(/"(?:[^"]|"")*"/g, "“…”").replace(/-?\b\d+(?:\.\d+)?\b/g, "…");

/** @param {ImportProblem[]} problems @returns {Group[]} errors first, then the biggest groups */
export function groupProblems(problems) {
  /** @type {Map<string, Group>} */
  const groups = new Map();
  for (const p of problems) {
    const kind = kindOf(p.message);
    const key = [p.severity, p.file, p.column ?? "", kind].join("\u0000");
    let g = groups.get(key);
    if (!g) groups.set(key, g = { key, severity: p.severity, file: p.file, column: p.column, kind, items: [] });
    g.items.push(p);
  }
  return [...groups.values()].sort((a, b) => (a.severity === b.severity ? b.items.length - a.items.length : a.severity === "error" ? -1 : 1));
}

/** A file that has rows to show: CSV-like text (not JSON). @param {DataFile | undefined} f */
const tabular = (f) => !!f && f.text !== undefined && !/\.(geo)?json$|\.jsonl$|\.ndjson$|\.ftm$/i.test(f.name) && !/^\s*[[{]/.test(f.text);

/**
 * The header cell a problem names: "lat", or "Latitude (lat)" (the file's name, then farmmap's).
 * @param {string[]} header @param {string | undefined} column
 */
function columnIndex(header, column) {
  if (!column) return -1;
  const names = [column, column.replace(/\s*\([^)]*\)$/, "")].map((c) => c.trim().toLowerCase());
  for (const name of names) {
    const i = header.findIndex((h) => h.trim().toLowerCase() === name);
    if (i >= 0) return i;
  }
  return -1;
}

/**
 * The row's table: the header and the row, the problem's cell marked.
 * @param {DataFile} file @param {ImportProblem} p
 */
function rowTable(file, p) {
  const rows = csvRows(file.text ?? "");
  const header = rows[0]?.cells ?? [];
  const row = rows.find((r) => r.row === p.row);
  const col = columnIndex(header, p.column);
  const table = el("table", "ed-row-table");
  table.append(el("caption", null, `${file.name}, row ${p.row}${p.column ? `, column ${p.column}` : ""}: ${p.message}`));
  const head = el("tr");
  head.append(el("th", null, "row"));
  appendAll(head, header, (h, i) => { const th = el("th", i === col ? "ed-cell-bad" : null, h); th.scope = "col"; return th; });
  const body = el("tr", "ed-row-bad");
  body.append(el("th", null, String(p.row)));
  appendAll(body, row?.cells ?? [], (c, i) => {
    const td = el("td", i === col ? "ed-cell-bad" : null, c);
    if (i === col) td.setAttribute("aria-label", `${c} (the problem is here)`);
    return td;
  });
  table.append(head, body);
  return table;
}

/**
 * @param {HTMLOListElement} list where the groups go
 * @param {HTMLElement} rowBox where a clicked problem's row is shown
 */
export function mountProblems(list, rowBox) {
  /** @param {ImportProblem[]} problems @param {DataFile[]} files the story's data files (decoded text) */
  const show = (problems, files) => {
    const byName = new Map(files.map((f) => [f.name, f]));
    rowBox.replaceChildren();
    pagedList(list, groupProblems(problems), (g) => groupItem(g, byName.get(g.file), (file, p) => {
      rowBox.replaceChildren(rowTable(file, p));
      rowBox.scrollIntoView?.({ block: "nearest" });
    }), { noun: "groups of problems", label: "Problems found in the files" });
    placeDownloads(list, files.filter((f) => tabular(f) && problems.some((p) => p.file === f.name && p.row !== undefined)), problems);
  };
  return { show };
}

/**
 * One group: its kind, file and column, its count, and each problem (a button showing the row).
 * @param {Group} g @param {DataFile | undefined} file
 * @param {(file: DataFile, p: ImportProblem) => void} showRow
 */
function groupItem(g, file, showRow) {
  const li = el("li", `ed-problem-group ${g.severity === "error" ? "fm-err" : "fm-warn"}`);
  const details = el("details");
  const what = `${g.file}${g.column ? `, column ${g.column}` : ""}: ${g.kind}`;
  details.append(el("summary", null, `${plural(g.items.length, g.severity)} — ${what}`));
  const items = el("ol");
  details.append(items);
  pagedList(items, g.items, (p) => {
    const item = el("li");
    if (file && tabular(file) && p.row !== undefined) {
      const b = el("button", "ed-problem", p.text);
      b.type = "button";
      b.addEventListener("click", () => showRow(file, p));
      item.append(b);
    } else item.textContent = p.text;
    return item;
  }, { noun: "problems", label: what });
  items.removeAttribute("tabindex"); // not a scrolling box of its own (the list of groups is)
  details.open = g.items.length <= 20;
  li.append(details);
  return li;
}

/** "Download the rows with problems" for each file that has some. @param {HTMLElement} list @param {DataFile[]} files @param {ImportProblem[]} problems */
function placeDownloads(list, files, problems) {
  const old = list.parentElement?.querySelector(".ed-problem-downloads");
  old?.remove();
  if (!files.length) return;
  const box = el("p", "ed-problem-downloads");
  for (const f of files) {
    const rows = problems.filter((p) => p.file === f.name && p.row !== undefined).map((p) => /** @type {number} */ (p.row));
    const b = el("button", "fm-btn fm-btn-text", `Download the rows with problems in ${f.name} (${plural(new Set(rows).size, "row")})`);
    b.type = "button";
    b.addEventListener("click", () => {
      const name = f.name.replace(/(\.[^.]*)?$/, "-problems$1");
      download(new Blob([rowsCsv(f.text ?? "", rows)], { type: "text/csv" }), name, document.body);
    });
    box.append(b);
  }
  list.before(box);
}
