// The newsroom editor: files in, every bad row named, story steps, preview, story.json and
// the embed snippet out. Everything stays in the browser.
import { mountFarmMap } from "./farmmap.js";

const $ = (id) => document.getElementById(id);
const files = { farms: null, entities: null, links: null, ftm: null, bods: null }; // {name, text}
let steps = [];
let preview = null;

const readFile = (input) => new Promise((ok) => {
  const f = input.files[0];
  if (!f) return ok(null);
  f.arrayBuffer().then((buf) => {
    // Keep the bytes' text as the importer will see it (BOM and encodings are handled there;
    // here a lossless latin1 fallback keeps bad bytes visible as errors, not silent).
    let text;
    try { text = new TextDecoder("utf-8", { fatal: true }).decode(buf); }
    catch { text = new TextDecoder("utf-8").decode(buf); }
    ok({ name: f.name, text });
  });
});

for (const key of Object.keys(files)) {
  $(`ed-${key}`).addEventListener("change", async (e) => { files[key] = await readFile(e.target); });
}

function stepRow(step, i) {
  const li = document.createElement("li");
  li.className = "ed-step";
  const field = (label, key, placeholder = "") => {
    const l = document.createElement("label");
    l.textContent = label;
    const input = document.createElement(key === "text" ? "textarea" : "input");
    if (key !== "text") input.type = "text";
    input.placeholder = placeholder;
    input.value = key === "focus" || key === "highlight" ? (step[key] || []).join(", ") : step[key] || "";
    input.addEventListener("input", () => {
      step[key] = key === "focus" || key === "highlight"
        ? input.value.split(",").map((s) => s.trim()).filter(Boolean) : input.value;
    });
    l.append(input);
    return l;
  };
  const bounds = document.createElement("p");
  bounds.textContent = step.bounds ? `Camera: [${step.bounds.join(", ")}]` : "Camera: fits the farms named in Focus (or stays put)";
  const useView = document.createElement("button");
  useView.type = "button";
  useView.className = "fm-btn fm-btn-text";
  useView.textContent = "Use the preview's current view";
  useView.addEventListener("click", () => {
    if (!preview) { alert("Preview first, then move the map."); return; }
    step.bounds = Array.from(preview.map.viewBounds());
    bounds.textContent = `Camera: [${step.bounds.join(", ")}]`;
  });
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "fm-btn fm-btn-text";
  remove.textContent = "Remove step";
  remove.addEventListener("click", () => { steps.splice(i, 1); renderSteps(); });
  li.append(field("Title", "title"), field("Text", "text"), field("Focus (farm, person or company ids, comma-separated)", "focus", "F-BN, p-bolat"),
    field("Highlight (farm or entity ids)", "highlight", "F-BN, p-bolat"), field("Filter by status", "status", "shut down"),
    bounds, useView, remove);
  return li;
}
function renderSteps() { $("ed-steps").replaceChildren(...steps.map(stepRow)); }
$("ed-add-step").addEventListener("click", () => { steps.push({ id: `step-${steps.length + 1}`, title: "", text: "" }); renderSteps(); });

function buildStory() {
  const story = {
    title: $("ed-title").value, dek: $("ed-dek").value,
    source: { name: $("ed-source-name").value, url: $("ed-source-url").value },
    illustrative_note: $("ed-note").value,
    steps: steps.map((s, i) => ({
      id: s.id || `step-${i + 1}`, title: s.title || "", text: s.text || "",
      ...(s.bounds ? { camera: { bounds: s.bounds } } : s.focus?.length ? { camera: { focus: s.focus } } : {}),
      highlight: s.highlight || [],
      ...(s.status ? { filter: { status: s.status } } : {}),
    })),
  };
  for (const [k, f] of Object.entries(files)) if (f) story[k] = f;
  if (preview && $("ed-keep-layout").checked) story.layout = JSON.parse(preview.map.networkPositions());
  return story;
}

$("ed-preview").addEventListener("click", async () => {
  const story = buildStory();
  const box = $("ed-preview-box");
  box.replaceChildren();
  const holder = document.createElement("div");
  box.append(holder);
  try {
    preview = await mountFarmMap(holder, { storyText: JSON.stringify(story), storyName: "story.json" });
    const r = preview.storyReport;
    const errors = r.errors.filter((e) => e.severity === "error").length;
    $("ed-summary").textContent = `${r.loaded} farms loaded, ${r.skipped} rows skipped; ${errors} errors and ${r.errors.length - errors} warnings below.`;
    $("ed-problems").replaceChildren(...r.errors.map((e) => {
      const li = document.createElement("li");
      li.className = e.severity === "error" ? "fm-err" : "fm-warn";
      li.textContent = e.text;
      return li;
    }));
  } catch (err) {
    $("ed-summary").textContent = `The story cannot be shown: ${err.message || err}`;
  }
  updateSnippets();
});

function updateSnippets() {
  $("ed-snippet").value = `<script type="module" src="https://YOUR-SITE/farmmap/farm-map.js"></script>\n<farm-map src="https://YOUR-SITE/farmmap/stories/story.json"></farm-map>`;
  $("ed-snippet-iframe").value = `<iframe src="https://YOUR-SITE/farmmap/embed.html?story=stories/story.json&childId=farmmap" title="${($("ed-title").value || "Map").replace(/"/g, "&quot;")}" width="100%" height="700" style="border:0"></iframe>`;
}
$("ed-download").addEventListener("click", () => {
  const blob = new Blob([JSON.stringify(buildStory(), null, 1)], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = "story.json";
  document.body.append(a);
  a.click();
  a.remove();
});
$("ed-copy").addEventListener("click", async () => {
  updateSnippets();
  try { await navigator.clipboard.writeText($("ed-snippet").value); $("ed-summary").textContent = "Snippet copied."; }
  catch { $("ed-snippet").select(); }
});

$("ed-demo").addEventListener("click", async () => {
  const demo = await (await fetch("stories/kazakhstan-2022.json")).json();
  $("ed-title").value = demo.title || "";
  $("ed-dek").value = demo.dek || "";
  $("ed-source-name").value = demo.source?.name || "";
  $("ed-source-url").value = demo.source?.url || "";
  $("ed-note").value = demo.illustrative_note || "";
  for (const k of Object.keys(files)) files[k] = demo[k] || null;
  steps = (demo.steps || []).map((s) => ({
    id: s.id, title: s.title, text: s.text, highlight: s.highlight || [],
    ...(s.camera?.bounds ? { bounds: s.camera.bounds } : {}), ...(s.camera?.focus ? { focus: [].concat(s.camera.focus) } : {}),
    ...(s.filter?.status ? { status: s.filter.status } : {}),
  }));
  renderSteps();
  $("ed-summary").textContent = "Demo story loaded: edit, then Check and preview.";
});
updateSnippets();
window.farmmapEditor = { buildStory, get preview() { return preview; } };
