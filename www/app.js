// The demo page: the map, and an editor's import box for farms files.
import { mountFarmMap } from "./farmmap.js";
import { el, appendAll, pagedList, plural } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").ImportReport} ImportReport */

const app = document.getElementById("app");
if (!app) throw new Error("index.html has no #app");
const params = new URLSearchParams(location.search);
const ui = await mountFarmMap(app, { cooperative: params.has("cooperative"), hash: true });
window.farmmap = ui; // for tests and the console
// ?synthetic=N: N seeded synthetic farms, for load testing (marked illustrative).
const synthetic = Number(params.get("synthetic"));
if (synthetic > 0) ui.loadSynthetic(Math.min(synthetic, 5_000_000), Number(params.get("seed")) || 1);

// Import: every bad row listed, the good rows shown.
const box = el("section", "fm-import");
const input = el("input");
input.type = "file";
input.accept = ".csv,.tsv,.txt,.xlsx,.xls,.ods,.geojson,.json,text/csv,application/geo+json";
input.setAttribute("aria-label", "Farms file");
const summary = el("p", "fm-import-summary");
summary.setAttribute("aria-live", "polite");
const list = el("ol", "fm-import-errors");
const editorLink = el("p");
const a = el("a", null, "Open the editor: farms, ownership links, story steps and the embed snippet");
a.href = "editor.html";
editorLink.append(a);
const notes = el("ul", "fm-import-notes");
box.append(el("h2", "fm-h", "Load your own farms (CSV, spreadsheet or GeoJSON)"), input, summary, list, notes, editorLink);
app.after(box);

/** Show an import report: the counts, every problem as its sentence, then the notes on how
 * the file was read (encoding, units, defaults, unused columns, places). @param {ImportReport} report */
export function showReport(report) {
  const errors = report.problems.filter((p) => p.severity === "error").length;
  const warnings = report.problems.length - errors;
  summary.textContent = `Loaded ${plural(report.loaded, "farm")}; ${plural(report.skipped, "row")} skipped` +
    (warnings ? `; ${plural(warnings, "value")} left out or read as unknown` : "") +
    (report.notes.length ? `; ${plural(report.notes.length, "note")} on how the file was read` : "") + ".";
  pagedList(list, report.problems, (p) => el("li", p.severity === "error" ? "fm-err" : "fm-warn", p.text),
    { noun: "problems", label: "Problems found in the file" });
  notes.replaceChildren();
  appendAll(notes, report.notes, (n) => el("li", "fm-note", n.text));
}
input.addEventListener("change", async () => {
  const file = input.files?.[0];
  if (!file) return;
  const report = ui.loadFarms(file.name, new Uint8Array(await file.arrayBuffer()));
  if (report) showReport(report);
});
window.farmmapShowReport = showReport;
