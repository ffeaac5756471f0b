// The newsroom editor: files in (decoded by Rust), every bad row named, story steps,
// preview, story.json and the embed snippet out. Everything stays in the browser. The story
// is the file format's own object, read by `parseStory` and written by `storyToJson`, so
// every field an opened story has is written back.
import { mountFarmMap, loadWasm } from "./farmmap.js";
import { decodeDataFile, parseStory, storyToJson } from "./pkg/farmmap.js";
import { el, download, appendAll, pagedList } from "./dom.js";
import { stepRow } from "./editor-steps.js";

/** @typedef {import("./pkg/farmmap.js").StoryFile} StoryFile */
/** @typedef {import("./pkg/farmmap.js").ImportProblem} ImportProblem */
/** @typedef {import("./farmmap.js").FarmMapUi} FarmMapUi */
/** @typedef {"farms" | "entities" | "links" | "ftm" | "bods"} DataKey */

/** @type {DataKey[]} */
const DATA_KEYS = ["farms", "entities", "links", "ftm", "bods"];
/** @type {[string, "title" | "dek" | "illustrative_note"][]} */
const TEXT_FIELDS = [["ed-title", "title"], ["ed-dek", "dek"], ["ed-note", "illustrative_note"]];

/** @template {HTMLElement} T @param {string} id @param {new () => T} type @returns {T} */
function $(id, type) {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`editor.html has no ${type.name} #${id}`);
  return node;
}
const input = (/** @type {string} */ id) => $(id, HTMLInputElement);

/** @type {StoryFile} */
let story;
/** @type {Partial<Record<DataKey, ImportProblem[]>>} what decoding each file found */
const decodeProblems = {};
/** @type {FarmMapUi | null} */
let preview = null;
const wasm = loadWasm().then(() => { story ??= newStory(); });

/** An empty story, as Rust reads an empty file. @returns {StoryFile} */
function newStory() {
  const { story: s, problems } = parseStory("story.json", "{}");
  if (!s) throw new Error(problems.map((p) => p.text).join("; "));
  return s;
}

/** Read a chosen file's bytes and decode them in Rust (BOM, UTF-16, bad bytes named). @param {DataKey} key @param {HTMLInputElement} picker */
async function readDataFile(key, picker) {
  const f = picker.files?.[0];
  const bytes = f ? new Uint8Array(await f.arrayBuffer()) : null;
  await wasm;
  if (!f || !bytes) { delete story[key]; delete decodeProblems[key]; return; }
  const decoded = decodeDataFile(f.name, bytes);
  story[key] = { name: decoded.name, text: decoded.text };
  decodeProblems[key] = decoded.problems;
}
/** @type {Set<Promise<void>>} files still being read */
const reading = new Set();
/** Wait for the wasm and for every file still being read. */
const ready = async () => { await wasm; await Promise.all(reading); };
for (const key of DATA_KEYS) {
  const picker = input(`ed-${key}`);
  picker.addEventListener("change", () => {
    const p = readDataFile(key, picker)
      .catch((err) => { $("ed-summary", HTMLElement).textContent = `${key} file could not be read: ${err instanceof Error ? err.message : err}`; })
      .finally(() => reading.delete(p));
    reading.add(p);
  });
}

function renderSteps() {
  const steps = (story.steps ??= []);
  const list = $("ed-steps", HTMLOListElement);
  list.replaceChildren();
  appendAll(list, steps, (step, i) => stepRow(step, {
    remove: () => { steps.splice(i, 1); renderSteps(); },
    currentView: () => preview?.map.viewBounds(),
  }));
}
$("ed-add-step", HTMLButtonElement).addEventListener("click", async () => {
  await wasm;
  const steps = (story.steps ??= []);
  steps.push({ id: `step-${steps.length + 1}`, title: "", text: "", highlight: [] });
  renderSteps();
});

/** The story as the form shows it (the same object: fields the form lacks are kept). */
function buildStory() {
  for (const [id, key] of TEXT_FIELDS) story[key] = input(id).value;
  const name = input("ed-source-name").value, url = input("ed-source-url").value;
  /** @type {import("./pkg/farmmap.js").SourceFile} */
  const source = { ...story.source, name };
  if (url) source.url = url; else delete source.url;
  if (name || url) story.source = source; else delete story.source;
  if (preview && input("ed-keep-layout").checked) story.layout = JSON.parse(preview.map.networkPositions());
  return story;
}

/** Fill the form from an opened story. @param {StoryFile} s */
function showStory(s) {
  story = s;
  for (const [id, key] of TEXT_FIELDS) input(id).value = s[key] ?? "";
  input("ed-source-name").value = s.source?.name ?? "";
  input("ed-source-url").value = s.source?.url ?? "";
  for (const key of DATA_KEYS) delete decodeProblems[key];
  renderSteps();
}

/**
 * The problems list: decoding first, then the story's import report; a thousand at a time
 * with a button for more (a file may have any number of bad rows).
 * @param {ImportProblem[]} problems
 */
function showProblems(problems) {
  pagedList($("ed-problems", HTMLOListElement), problems,
    (p) => el("li", p.severity === "error" ? "fm-err" : p.severity === "note" ? "fm-note" : "fm-warn", p.text),
    { noun: "problems", label: "Problems found in the files" });
}

$("ed-preview", HTMLButtonElement).addEventListener("click", async () => {
  await ready();
  const box = $("ed-preview-box", HTMLDivElement);
  const holder = el("div");
  box.replaceChildren(holder);
  const summary = $("ed-summary", HTMLElement);
  try {
    preview = await mountFarmMap(holder, { storyText: storyToJson(buildStory()), storyName: "story.json" });
    const r = preview.storyReport;
    const problems = DATA_KEYS.flatMap((k) => decodeProblems[k] ?? []).concat(r?.problems ?? []);
    const errors = problems.filter((p) => p.severity === "error").length;
    const notes = r?.notes ?? [];
    summary.textContent = `${r?.loaded ?? 0} farms loaded, ${r?.skipped ?? 0} rows skipped; ${errors} errors, ${problems.length - errors} warnings and ${notes.length} notes on how the files were read below.`;
    showProblems(problems.concat(notes));
  } catch (err) {
    summary.textContent = `The story cannot be shown: ${err instanceof Error ? err.message : err}`;
  }
  updateSnippets();
});

/**
 * The embed snippets. No inline `style="…"`: a publisher's strict Content-Security-Policy
 * (style-src without 'unsafe-inline') would refuse it; `frameborder="0"` and the size
 * attributes do the same job, and a class is there for the publisher's own CSS.
 */
function updateSnippets() {
  $("ed-snippet", HTMLTextAreaElement).value = `<script type="module" src="https://YOUR-SITE/farmmap/farm-map.js"></script>\n<farm-map src="https://YOUR-SITE/farmmap/stories/story.json"></farm-map>`;
  $("ed-snippet-iframe", HTMLTextAreaElement).value = `<iframe src="https://YOUR-SITE/farmmap/embed.html?story=stories/story.json&childId=farmmap" title="${(input("ed-title").value || "Map").replace(/"/g, "&quot;")}" class="farmmap-embed" width="100%" height="700" frameborder="0" scrolling="no"></iframe>`;
}
$("ed-download", HTMLButtonElement).addEventListener("click", async () => {
  await ready();
  download(new Blob([storyToJson(buildStory())], { type: "application/json" }), "story.json", document.body);
});
$("ed-copy", HTMLButtonElement).addEventListener("click", async () => {
  updateSnippets();
  try { await navigator.clipboard.writeText($("ed-snippet", HTMLTextAreaElement).value); $("ed-summary", HTMLElement).textContent = "Snippet copied."; }
  catch { $("ed-snippet", HTMLTextAreaElement).select(); }
});

/** Open a story file's text for editing; its problems are listed. @param {string} name @param {string} text @param {string} done */
function openStory(name, text, done) {
  const { story: opened, problems } = parseStory(name, text);
  showProblems(problems);
  if (!opened) { $("ed-summary", HTMLElement).textContent = `${name} could not be read: see below.`; return; }
  showStory(opened);
  $("ed-summary", HTMLElement).textContent = done;
}
$("ed-demo", HTMLButtonElement).addEventListener("click", async () => {
  const text = await (await fetch("stories/kazakhstan-2022.json")).text();
  await ready();
  openStory("kazakhstan-2022.json", text, "Demo story loaded: edit, then Check and preview.");
});
const storyPicker = input("ed-story");
storyPicker.addEventListener("change", async () => {
  const f = storyPicker.files?.[0];
  if (!f) return;
  const bytes = new Uint8Array(await f.arrayBuffer());
  await ready();
  const decoded = decodeDataFile(f.name, bytes);
  openStory(f.name, decoded.text, `${f.name} opened: edit, then Check and preview.`);
});
updateSnippets();
window.farmmapEditor = { buildStory, get preview() { return preview; } };
