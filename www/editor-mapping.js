// The column mapping, and nothing else: a table of the farms file's columns as Rust describes
// them (header, sample values, the kind of values and how their numbers are written, what
// each is read as), where the editor changes what a column means, its unit and number
// or date format, and the file's precision and sheet. Each change hands new `farms.options` (the
// story file's own shape, src/import/mapping.rs) to `change`; the editor re-checks, saves
// and can undo it. Every control is a labelled native <select>: keyboard and screen
// readers work as they do everywhere.
import { el } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FileColumns} FileColumns */
/** @typedef {import("./pkg/farmmap.js").ColumnInfo} ColumnInfo */
/** @typedef {import("./pkg/farmmap.js").FarmsOptions} FarmsOptions */
/** @typedef {import("./pkg/farmmap.js").FarmField} FarmField */
/** @typedef {import("./pkg/farmmap.js").NumberFormat} NumberFormat */
/** @typedef {import("./pkg/farmmap.js").DateFormat} DateFormat */
/** @typedef {NonNullable<import("./pkg/farmmap.js").ColumnMapping["unit"]>} Unit */

/** @type {[FarmField, string][]} */
export const FIELDS = [
  ["id", "Id"], ["name", "Name"], ["lat", "Latitude"], ["lon", "Longitude"],
  ["place", "Place (a town, looked up)"], ["status", "Status"], ["capacity_mw", "Capacity"],
  ["precision", "Precision"], ["owner", "Owner"], ["source_url", "Source link"],
  ["date", "Date (shut down, raided)"], ["illustrative", "Illustrative site (yes/no)"],
  ["ignore", "Not a farm field (kept in the details)"],
];
/** @type {NumberFormat[]} */
const FORMATS = ["1234.5", "1234,5", "1,234.5", "1.234,5", "1 234,5", "1 234.5", "1'234.5"];
/** @type {DateFormat[]} */
const DATE_FORMATS = ["YYYY-MM-DD", "DD.MM.YYYY", "DD/MM/YYYY", "MM/DD/YYYY"];
/** @type {Unit[]} */
const UNITS = ["W", "kW", "MW", "GW"];
const NUMERIC = new Set(["lat", "lon", "capacity_mw"]);
const KIND = { number: "numbers", date: "dates", link: "links", text: "text", empty: "empty" };

/** @param {FarmField | undefined} f */
const fieldLabel = (f) => FIELDS.find(([k]) => k === f)?.[1] ?? "not used";

/**
 * A labelled <select>.
 * @param {string} label its accessible name
 * @param {[string, string][]} choices value, text
 * @param {string} value
 * @param {(value: string) => void} onChange
 */
function select(label, choices, value, onChange) {
  const s = el("select");
  s.setAttribute("aria-label", label);
  for (const [v, text] of choices) {
    const o = el("option", null, text);
    o.value = v;
    s.append(o);
  }
  s.value = value;
  s.addEventListener("change", () => onChange(s.value));
  return s;
}

/**
 * Options with one column's mapping replaced (`null`: back to what the header says).
 * @param {FarmsOptions} options @param {string} key
 * @param {import("./pkg/farmmap.js").ColumnMapping | null} mapping
 * @returns {FarmsOptions}
 */
export function withColumn(options, key, mapping) {
  const columns = { ...options.columns };
  if (mapping) columns[key] = mapping; else delete columns[key];
  /** @type {FarmsOptions} */
  const next = { ...options, columns };
  if (!Object.keys(columns).length) delete next.columns;
  return next;
}

/** The column's mapping now (explicit or not), as an object. @param {ColumnInfo} c @returns {import("./pkg/farmmap.js").ColumnMapping | null} */
function mappingOf(c) {
  if (!c.field && c.source !== "mapped") return null;
  /** @type {import("./pkg/farmmap.js").ColumnMapping} */
  const m = { field: c.field ?? "ignore" };
  if (c.source === "mapped" && c.unit) m.unit = c.unit;
  if (c.mappedFormat) m.number_format = c.mappedFormat;
  if (c.mappedDateFormat) m.date_format = c.mappedDateFormat;
  return m;
}

/**
 * @param {HTMLElement} box
 * @param {(options: FarmsOptions, said: string) => void} change
 */
export function mountMapping(box, change) {
  /**
   * Show a file's columns (undefined: no farms file, or not checked yet).
   * @param {FileColumns | undefined} cols @param {FarmsOptions | undefined} current
   */
  function show(cols, current) {
    box.replaceChildren();
    if (!cols) return;
    const options = current ?? {};
    box.append(el("h3", null, `Columns of ${cols.label}`));
    if (cols.problem) { box.append(el("p", "fm-err", `${cols.label}: ${cols.problem}`)); return; }
    const file = el("p", "ed-map-file");
    file.append(el("span", null, "Precision of rows that give none: "),
      select(`Precision of the rows of ${cols.label} that give none`, [
        ["", "not chosen (drawn as region; a note says so)"], ["exact", "exact (the site)"], ["city", "city (the town)"], ["region", "region"]],
      options.precision_default ?? "", (v) => {
        const next = { ...options };
        if (v) next.precision_default = /** @type {"exact" | "city" | "region"} */ (v); else delete next.precision_default;
        change(next, v ? `Rows of ${cols.label} that give no precision are now ${v}.` : "The precision of rows that give none is not chosen.");
      }));
    if (cols.sheets.length > 1) {
      file.append(el("span", null, " Sheet: "), select(`Sheet of ${cols.label} to read`, cols.sheets.map((s) => [s, s]), cols.sheet ?? "", (v) => {
        change({ ...options, sheet: v }, `Now reading the sheet ${v}.`);
      }));
    }
    box.append(file);
    const table = el("table", "ed-map-table");
    table.append(el("caption", null, `What each column of ${cols.label} (${cols.rows} rows) is read as. Change a column's meaning, unit or number format; the file is checked again.`));
    const head = el("tr");
    for (const h of ["Column", "Sample values", "Values", "Read as", "Unit", "Number or date format"]) {
      const th = el("th", null, h);
      th.scope = "col";
      head.append(th);
    }
    table.append(head);
    for (const c of cols.columns) table.append(row(c, options));
    box.append(table);
  }

  /** @param {ColumnInfo} c @param {FarmsOptions} options */
  function row(c, options) {
    const name = `${c.letter}${c.header && c.header !== c.letter ? ` (${c.header})` : ""}`;
    const tr = el("tr", c.source === "mapped" ? "ed-map-mapped" : null);
    const th = el("th", null, name);
    th.scope = "row";
    let values = KIND[c.kind];
    if (c.numberFormat) values += `, written ${c.numberFormat}`;
    if (c.ambiguous) values += `; ${c.ambiguous} read two ways (set the number format)`;
    if (c.dateFormat) values += `, written ${c.dateFormat}`;
    if (c.ambiguousDates) values += `; ${c.ambiguousDates} dates read two ways, day or month first (set the date format)`;
    const samples = el("td", "ed-map-samples", c.samples.join(" · "));
    /** @param {import("./pkg/farmmap.js").ColumnMapping | null} m @param {string} said */
    const set = (m, said) => change(withColumn(options, c.key, m), said);
    const auto = `Recognised from the header: ${c.source === "mapped" ? "…" : fieldLabel(c.field)}`;
    const readAs = select(`Column ${name} is read as`, [["auto", auto], ...FIELDS],
      c.source === "mapped" ? (c.field ?? "ignore") : "auto", (v) => {
        if (v === "auto") set(null, `Column ${name}: back to what its header says.`);
        else set({ field: /** @type {FarmField} */ (v) }, `Column ${name} is now read as ${fieldLabel(/** @type {FarmField} */ (v))}.`);
      });
    const base = mappingOf(c);
    const unit = select(`Unit of column ${name}`, [["", c.unit && c.source !== "mapped" ? `as the header says (${c.unit})` : "MW (or as the header says)"], ...UNITS.map((u) => /** @type {[string, string]} */ ([u, u]))],
      c.source === "mapped" ? (c.unit ?? "") : "", (v) => {
        if (!base) return;
        const m = { ...base };
        if (v) m.unit = /** @type {Unit} */ (v); else delete m.unit;
        set(m, `Column ${name}: capacities in ${v || "MW"}.`);
      });
    unit.disabled = c.field !== "capacity_mw";
    const format = c.field === "date"
      ? select(`Date format of column ${name}`, [["", c.dateFormat ? `as detected (${c.dateFormat})` : "as detected"], ...DATE_FORMATS.map((f) => /** @type {[string, string]} */ ([f, f]))],
        c.mappedDateFormat ?? "", (v) => {
          if (!base) return;
          const m = { ...base };
          if (v) m.date_format = /** @type {DateFormat} */ (v); else delete m.date_format;
          set(m, `Column ${name}: dates read as ${v || "detected"}.`);
        })
      : select(`Number format of column ${name}`, [["", c.numberFormat ? `as detected (${c.numberFormat})` : "as detected"], ...FORMATS.map((f) => /** @type {[string, string]} */ ([f, f]))],
        c.mappedFormat ?? "", (v) => {
          if (!base) return;
          const m = { ...base };
          if (v) m.number_format = /** @type {NumberFormat} */ (v); else delete m.number_format;
          set(m, `Column ${name}: numbers read as ${v || "detected"}.`);
        });
    format.disabled = !c.field || (!NUMERIC.has(c.field) && c.field !== "date");
    const cells = [samples, el("td", null, values)];
    for (const s of [readAs, unit, format]) { const td = el("td"); td.append(s); cells.push(td); }
    tr.append(th, ...cells);
    return tr;
  }
  return { show };
}
