// The rows of a decoded CSV file as a spreadsheet numbers them (header = row 1; a quoted
// cell with line breaks stays in its row), each with its original text, so the editor can
// show a row that has a problem and give back exactly those rows. It reads no meaning into
// the cells: Rust's importers do that.

/**
 * @typedef {object} CsvRow
 * @property {number} row as a spreadsheet shows it (header = 1)
 * @property {string} raw the row's text as in the file, without its line end
 * @property {string[]} cells
 */

/** The delimiter the header uses most: comma, semicolon or tab. @param {string} header */
export function delimiterOf(header) {
  let best = ",", most = -1;
  for (const d of [",", ";", "\t"]) {
    const n = header.split(d).length;
    if (n > most) { best = d; most = n; }
  }
  return best;
}

/**
 * Every row of `text`.
 * @param {string} text the decoded file (Rust's `decodeDataFile`; a BOM is already gone)
 * @returns {CsvRow[]}
 */
export function csvRows(text) {
  const delim = delimiterOf(text.slice(0, text.search(/\r\n|\n|\r|$/)));
  /** @type {CsvRow[]} */
  const rows = [];
  let start = 0, cell = "", quoted = false;
  /** @type {string[]} */
  let cells = [];
  const endRow = (/** @type {number} */ end) => {
    cells.push(cell);
    rows.push({ row: rows.length + 1, raw: text.slice(start, end), cells });
    cells = []; cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') { cell += '"'; i++; }
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === delim) { cells.push(cell); cell = ""; }
    else if (c === "\n" || c === "\r") {
      endRow(i);
      if (c === "\r" && text[i + 1] === "\n") i++;
      start = i + 1;
    } else cell += c;
  }
  if (start < text.length) endRow(text.length);
  return rows;
}

/** The line end the file uses. @param {string} text */
export const lineEnd = (text) => (/\r\n/.test(text) ? "\r\n" : /\r/.test(text) ? "\r" : "\n");

/**
 * A CSV of the header and the given rows, each as in the file (the same delimiter, quoting
 * and line ends), to fix in the spreadsheet and upload again.
 * @param {string} text @param {Iterable<number>} rowNumbers
 */
export function rowsCsv(text, rowNumbers) {
  const rows = csvRows(text);
  const want = new Set(rowNumbers);
  const eol = lineEnd(text);
  const picked = rows.filter((r) => r.row === 1 || want.has(r.row)).map((r) => r.raw);
  return picked.join(eol) + eol;
}
