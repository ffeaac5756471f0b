// The demo page: the map, and an editor's import box for farms files.
import { mountFarmMap } from "./farmmap.js";

const app = document.getElementById("app");
const params = new URLSearchParams(location.search);
const ui = await mountFarmMap(app, { cooperative: params.has("cooperative"), hash: true });
window.farmmap = ui; // for tests and the console
// ?synthetic=N: N seeded synthetic farms, for load testing (marked illustrative).
const synthetic = Number(params.get("synthetic"));
if (synthetic > 0) ui.loadSynthetic(Math.min(synthetic, 5_000_000), Number(params.get("seed")) || 1);

// Import: every bad row listed, the good rows shown.
const box = document.createElement("section");
box.className = "fm-import";
const h = document.createElement("h2");
h.className = "fm-h";
h.textContent = "Load your own farms (CSV or GeoJSON)";
const input = document.createElement("input");
input.type = "file";
input.accept = ".csv,.geojson,.json,text/csv,application/geo+json";
input.setAttribute("aria-label", "Farms file");
const summary = document.createElement("p");
summary.className = "fm-import-summary";
summary.setAttribute("aria-live", "polite");
const list = document.createElement("ol");
list.className = "fm-import-errors";
const editorLink = document.createElement("p");
const a = document.createElement("a");
a.href = "editor.html";
a.textContent = "Open the editor: farms, ownership links, story steps and the embed snippet";
editorLink.append(a);
box.append(h, input, summary, list, editorLink);
app.after(box);

export function showReport(report) {
  const errors = report.errors.filter((e) => e.severity === "error").length;
  const warnings = report.errors.length - errors;
  summary.textContent = `Loaded ${report.loaded} farm${report.loaded === 1 ? "" : "s"}; ` +
    `${report.skipped} row${report.skipped === 1 ? "" : "s"} skipped` +
    (warnings ? `; ${warnings} value${warnings === 1 ? "" : "s"} left out or read as unknown` : "") + ".";
  list.replaceChildren(...report.errors.map((e) => {
    const li = document.createElement("li");
    li.className = e.severity === "error" ? "fm-err" : "fm-warn";
    li.textContent = e.text;
    return li;
  }));
}
input.addEventListener("change", async () => {
  const file = input.files[0];
  if (!file) return;
  const report = ui.loadFarms(file.name, new Uint8Array(await file.arrayBuffer()));
  if (report) showReport(report);
});
window.farmmapShowReport = showReport;
