// Problems an editor can fix: the files' errors and warnings grouped by kind (the message
// without its row and values) with counts; a click on one shows its row in a small table with
// the cell marked; "Download the rows with problems" gives the header and those rows as CSV
// (UTF-8 with a BOM) to fix in the spreadsheet and upload again. Rust reads the rows (any
// format: CSV in any encoding, workbooks), in the worker. Any number of problems: the
// groups, and the problems in a group, are listed a thousand at a time with "Show more".
import { el, appendAll, download, pagedList, plural } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").ImportProblem} ImportProblem */
/** @typedef {import("./pkg/farmmap.js").DataFile} DataFile */
/** @typedef {import("./pkg/farmmap.js").FileRows} FileRows */
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

/**
 * A file that has rows to show: a table (CSV in any encoding, a workbook), not JSON.
 * @param {DataFile | undefined} f
 */
const tabular = (f) => !!f && (f.text !== undefined || f.base64 !== undefined)
  && !/\.(geo)?json$|\.jsonl$|\.ndjson$|\.ftm$/i.test(f.name) && !/^\s*[[{]/.test(f.text ?? "");

/**
 * The column a problem names: "lat", "Latitude (lat)" or "D (date)" (how Rust names it,
 * then farmmap's field in brackets).
 * @param {string[]} names how problems name each column (FileRows.names)
 * @param {string | undefined} column
 */
function columnIndex(names, column) {
  if (!column) return -1;
  for (const name of [column, column.replace(/\s*\([^)]*\)$/, "")].map((c) => c.trim().toLowerCase())) {
    const i = names.findIndex((h) => h.trim().toLowerCase() === name);
    if (i >= 0) return i;
  }
  return -1;
}

/**
 * The row's table: the header and the row (as Rust read them), the problem's cell marked.
 * @param {DataFile} file @param {ImportProblem} p @param {FileRows} rows
 */
function rowTable(file, p, rows) {
  const header = rows.header;
  const row = rows.rows.find((r) => r.row === p.row);
  const col = columnIndex(rows.names, p.column);
  const table = el("table", "ed-row-table");
  table.append(el("caption", null, `${file.name}, row ${p.row}${p.column ? `, column ${p.column}` : ""}: ${p.message}`));
  const head = el("tr");
  head.append(el("th", null, "row"));
  appendAll(head, header, (h, i) => { const th = el("th", i === col ? "ed-cell-bad" : null, rows.names[i] && rows.names[i] !== h.trim() ? `${rows.names[i]}: ${h}` : h); th.scope = "col"; return th; });
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
 * @typedef {object} RowsIo the rows of a file, read by Rust in the worker (editor-jobs.js)
 * @property {(file: DataFile, first: number, last: number) => Promise<FileRows>} rows
 * @property {(file: DataFile, rows: number[]) => Promise<string>} rowsCsv
 */

/**
 * @param {HTMLOListElement} list where the groups go
 * @param {HTMLElement} rowBox where a clicked problem's row is shown
 * @param {RowsIo} io
 */
export function mountProblems(list, rowBox, io) {
  /** @type {number} the row asked for last (an older answer is dropped) */
  let asked = 0;
  /** @param {ImportProblem[]} problems @param {DataFile[]} files the story's data files */
  const show = (problems, files) => {
    const byName = new Map(files.map((f) => [f.name, f]));
    rowBox.replaceChildren();
    pagedList(list, groupProblems(problems), (g) => groupItem(g, byFile(byName, g.file), async (file, p) => {
      const mine = ++asked;
      rowBox.replaceChildren(el("p", "fm-muted", `Reading row ${p.row} of ${file.name}…`));
      let table;
      try {
        const rows = await io.rows(file, p.row ?? 0, p.row ?? 0);
        table = rows.problem ? el("p", "fm-err", `${file.name}: ${rows.problem}`) : rowTable(file, p, rows);
      } catch (err) {
        table = el("p", "fm-err", `The row cannot be shown: ${err instanceof Error ? err.message : err}`);
      }
      if (mine !== asked) return;
      rowBox.replaceChildren(table);
      rowBox.scrollIntoView?.({ block: "nearest" });
    }), { noun: "groups of problems", label: "Problems found in the files" });
    placeDownloads(list, files.filter((f) => tabular(f) && problems.some((p) => byFile(byName, p.file) === f && p.row !== undefined)), problems, byName, io);
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

/**
 * The data file a problem names: by name, or a workbook's "name sheet Sheet".
 * @param {Map<string, DataFile>} byName @param {string} file
 */
function byFile(byName, file) {
  return byName.get(file) ?? [...byName.values()].find((f) => file.startsWith(`${f.name} sheet `));
}

/**
 * "Download the rows with problems" for each file that has some: the header and those rows
 * as CSV (UTF-8 with a BOM, any format in: Rust reads the file).
 * @param {HTMLElement} list @param {DataFile[]} files @param {ImportProblem[]} problems
 * @param {Map<string, DataFile>} byName @param {RowsIo} io
 */
function placeDownloads(list, files, problems, byName, io) {
  const old = list.parentElement?.querySelector(".ed-problem-downloads");
  old?.remove();
  if (!files.length) return;
  const box = el("p", "ed-problem-downloads");
  for (const f of files) {
    const rows = problems.filter((p) => byFile(byName, p.file) === f && p.row !== undefined).map((p) => /** @type {number} */ (p.row));
    const b = el("button", "fm-btn fm-btn-text", `Download the rows with problems in ${f.name} (${plural(new Set(rows).size, "row")})`);
    b.type = "button";
    b.addEventListener("click", async () => {
      const name = f.name.replace(/(\.[^.]*)?$/, "-problems.csv");
      try {
        download(new Blob([await io.rowsCsv(f, [...new Set(rows)])], { type: "text/csv;charset=utf-8" }), name, document.body);
      } catch (err) {
        b.after(el("span", "fm-err", ` ${err instanceof Error ? err.message : err}`));
      }
    });
    box.append(b);
  }
  list.before(box);
}
