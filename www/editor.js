// The newsroom editor: files in (decoded by Rust), every bad row named, story steps,
// preview, story.json and the embed snippet out. Everything stays in the browser. The story
// is the file format's own object, read by `parseStory` and written by `storyToJson`, so
// every field an opened story has is written back.
import { mountFarmMap, loadWasm, fetchStory, publisherPolicy } from "./farmmap.js";
import { dataFile, decodeDataFile, parseStory, storyToJson } from "./pkg/farmmap.js";
import { el, download, appendAll, pagedList } from "./dom.js";
import { stepRow, enableDrag, duplicateStep, freshStepId } from "./editor-steps.js";
import { createHistory, bindUndoKeys } from "./editor-history.js";
import { debounced, loadDraft, saveDraft, listDrafts, newDraftId, blobOf } from "./editor-store.js";
import { mountDrafts } from "./editor-drafts.js";
import { mountChartChoice } from "./editor-charts.js";
import { mountKit } from "./editor-publish.js";
import { mountDevices } from "./editor-devices.js";
import { keepOffline } from "./editor-offline.js";
import { showFile, fileLine } from "./editor-files.js";
import { previewSelection } from "./editor-selection.js";
import { mountProblems } from "./editor-problems.js";
import { mountChecker, CheckCancelled } from "./editor-check.js";
import { mountJobs } from "./editor-jobs.js";
import { mountMapping } from "./editor-mapping.js";

/** @typedef {import("./pkg/farmmap.js").StoryFile} StoryFile */
/** @typedef {import("./pkg/farmmap.js").ImportProblem} ImportProblem */
/** @typedef {import("./farmmap.js").FarmMapUi} FarmMapUi */
/** @typedef {import("./editor-store.js").DataKey} DataKey */
/** @typedef {import("./editor-store.js").DraftState} DraftState */
/** @typedef {import("./editor-store.js").OriginalFile} OriginalFile */

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
/** @type {Partial<Record<DataKey, OriginalFile>>} each file's bytes as uploaded (kept in the draft) */
let originals = {};
/** @type {FarmMapUi | null} */
let preview = null;
/** @type {(() => string[]) | null} the preview's selected farm and lit network ids */
let selection = null;
/** "Check and preview" was clicked and no preview shows yet: the check that ends shows one (even one a newer file started). */
let previewAsked = false;
const wasm = loadWasm().then(() => { story ??= newStory(); });

/** An empty story, as Rust reads an empty file. @returns {StoryFile} */
function newStory() {
  const { story: s, problems } = parseStory("story.json", "{}");
  if (!s) throw new Error(problems.map((p) => p.text).join("; "));
  return s;
}

/** Read a chosen (or dropped) file's bytes into the draft. @param {DataKey} key @param {File | undefined} f */
async function readDataFile(key, f) {
  const bytes = f ? new Uint8Array(await f.arrayBuffer()) : null;
  await draftReady;
  if (!f || !bytes) return;
  setOriginal(key, { name: f.name, bytes });
}
/** A file in, as its original bytes (undoable); a farms file is checked at once (its columns shown). @param {DataKey} key @param {OriginalFile} file */
function setOriginal(key, file) {
  edit(undefined, () => { originals[key] = file; delete story[key]; attach(key); });
  renderFiles();
  if (key === "farms") void check(false);
}
/** @type {WeakMap<OriginalFile, import("./pkg/farmmap.js").DataFile>} each upload made a story file once */
const asDataFile = new WeakMap();
/**
 * Put a file's original bytes into the story as the story file keeps them (Rust's
 * `dataFile`: text when UTF-8, else base64, byte for byte), keeping the farms file's options.
 * @param {DataKey} key
 */
function attach(key) {
  const o = originals[key], cur = story[key];
  if (!o || (cur && (cur.text !== undefined || cur.base64 !== undefined))) return; // has its bytes already
  let f = asDataFile.get(o);
  if (!f) asDataFile.set(o, f = dataFile(o.name, o.bytes));
  const options = cur?.options;
  story[key] = options ? { ...f, options } : f;
}
/** Each file's status line: name, size, Remove. */
function renderFiles() {
  for (const key of DATA_KEYS) {
    const f = story[key], o = originals[key];
    showFile(fileLine(input(`ed-${key}`), key), f && { name: f.name, bytes: o?.bytes.length }, () => {
      edit(undefined, () => { delete story[key]; delete originals[key]; });
      if (key === "farms") mapping.show(undefined, undefined);
      renderFiles();
      say(`${f?.name} removed. Undo (Ctrl+Z) brings it back.`);
    });
  }
}
/** @type {Set<Promise<void>>} files still being read */
const reading = new Set();
/** Wait for the wasm and for every file still being read. */
const ready = async () => { await wasm; await draftReady; await Promise.all(reading); };
for (const key of DATA_KEYS) {
  const picker = input(`ed-${key}`);
  /** @param {File | undefined} f */
  const read = (f) => {
    const p = readDataFile(key, f)
      .catch((err) => { $("ed-summary", HTMLElement).textContent = `${key} file could not be read: ${err instanceof Error ? err.message : err}`; })
      .finally(() => reading.delete(p));
    reading.add(p);
  };
  picker.addEventListener("change", () => { const f = picker.files?.[0]; picker.value = ""; read(f); });
  // Drop a file on the picker's label.
  const label = picker.closest("label");
  label?.addEventListener("dragover", (e) => { e.preventDefault(); label.classList.add("ed-drop"); });
  label?.addEventListener("dragleave", () => label.classList.remove("ed-drop"));
  label?.addEventListener("drop", (e) => { e.preventDefault(); label.classList.remove("ed-drop"); read(e.dataTransfer?.files[0]); });
}
// Cells pasted from a spreadsheet (tab-separated text) become the farms file "pasted.tsv".
document.addEventListener("paste", (e) => {
  const target = e.target instanceof HTMLElement ? e.target : null;
  if (target?.closest("input, textarea, select, [contenteditable]") && target.id !== "ed-paste") return;
  const text = e.clipboardData?.getData("text/plain") ?? "";
  if (!text.includes("\t") || !/\r?\n|\r/.test(text.trim())) {
    if (target?.id === "ed-paste") { e.preventDefault(); say("That is not cells from a spreadsheet: copy a header row and farm rows."); }
    return;
  }
  e.preventDefault();
  void draftReady.then(() => {
    setOriginal("farms", { name: "pasted.tsv", bytes: new TextEncoder().encode(text) });
    say("Pasted cells are the farms file pasted.tsv. Undo (Ctrl+Z) takes them back.");
  });
});

function renderSteps() {
  const steps = (story.steps ??= []);
  const list = $("ed-steps", HTMLOListElement);
  list.replaceChildren();
  appendAll(list, steps, (step, i) => stepRow(step, i, steps.length, {
    edit,
    remove: () => {
      edit(undefined, () => steps.splice(i, 1));
      renderSteps();
      say(`Step ${i + 1} deleted. Undo (Ctrl+Z) brings it back.`);
    },
    duplicate: () => { edit(undefined, () => steps.splice(i + 1, 0, duplicateStep(step, steps))); renderSteps(); },
    move: (delta) => moveStep(i, i + delta),
    currentView: () => preview?.map.viewBounds(),
    currentSelection: () => selection?.() ?? undefined,
    showDevices: () => { void devices.show(i); $("ed-devices", HTMLElement).scrollIntoView({ block: "nearest" }); },
  }));
}
/** Move a step to another place; focus follows it. @param {number} from @param {number} to */
function moveStep(from, to) {
  const steps = (story.steps ??= []);
  if (to < 0 || to >= steps.length || from === to) return;
  edit(undefined, () => { const [s] = steps.splice(from, 1); steps.splice(to, 0, s); });
  renderSteps();
  say(`Step moved to place ${to + 1} of ${steps.length}.`);
  const row = $("ed-steps", HTMLOListElement).children[to];
  const btn = row?.querySelector(to > from ? "button[aria-label$=' down']" : "button[aria-label$=' up']");
  if (btn instanceof HTMLButtonElement && !btn.disabled) btn.focus(); else row?.querySelector("button")?.focus();
}
enableDrag($("ed-steps", HTMLOListElement), moveStep);
/** Add a step at the end. @param {Partial<import("./pkg/farmmap.js").StepFile>} fields */
async function addStep(fields) {
  await wasm;
  const steps = (story.steps ??= []);
  edit(undefined, () => steps.push({ id: freshStepId(steps), title: "", text: "", highlight: [], ...fields }));
  renderSteps();
  $("ed-steps", HTMLOListElement).lastElementChild?.querySelector("input")?.focus();
}
$("ed-add-step", HTMLButtonElement).addEventListener("click", () => { void addStep({}); });
$("ed-add-step-view", HTMLButtonElement).addEventListener("click", () => {
  const b = preview?.map.viewBounds();
  if (!b) { say("Check and preview first, then move the map and select what the step should light."); return; }
  void addStep({ camera: { bounds: [b.west, b.south, b.east, b.north] }, highlight: selection?.() ?? [] });
});

/** The form's story fields into the story (the same object: fields the form lacks are kept). */
function readForm() {
  for (const [id, key] of TEXT_FIELDS) story[key] = input(id).value;
  const name = input("ed-source-name").value, url = input("ed-source-url").value;
  /** @type {import("./pkg/farmmap.js").SourceFile} */
  const source = { ...story.source, name };
  if (url) source.url = url; else delete source.url;
  if (name || url) story.source = source; else delete story.source;
}
/**
 * The preview's network layout, when it is kept and has stopped moving; else undefined (a
 * layout still settling is not saved: publishing lays the network out to its end).
 * @returns {{positions: Record<string, [number, number]>} | undefined}
 */
function previewLayout() {
  if (!preview || !input("ed-keep-layout").checked || !preview.map.networkSettled()) return undefined;
  return JSON.parse(preview.map.networkPositions());
}
/** The story as the form shows it, with the preview's layout when it is kept. */
function buildStory() {
  readForm();
  const layout = previewLayout();
  if (layout) story.layout = layout;
  return story;
}
for (const id of [...TEXT_FIELDS.map(([id]) => id), "ed-source-name", "ed-source-url"]) {
  input(id).addEventListener("input", () => edit(`field-${id}`, readForm));
}
input("ed-keep-layout").addEventListener("change", () => edit(undefined, () => {}));

/** Fill the form from an opened story. @param {StoryFile} s */
function showStory(s) {
  story = s;
  for (const [id, key] of TEXT_FIELDS) input(id).value = s[key] ?? "";
  input("ed-source-name").value = s.source?.name ?? "";
  input("ed-source-url").value = s.source?.url ?? "";
  for (const key of DATA_KEYS) attach(key);
  renderSteps();
  renderFiles();
  chartChoice.refresh();
}
/** Drop the preview: it shows other data than the draft now holds (its layout must not be saved). */
function dropPreview() {
  previewAsked = false;
  preview = null;
  selection = null;
  $("ed-preview-box", HTMLDivElement).replaceChildren();
  $("ed-selection", HTMLElement).textContent = "";
  chartChoice.show(null);
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

/**
 * The story for the worker: files uploaded here go as their bytes, in Blobs (it puts them
 * into the story), so the page builds no big file's text into the story's JSON and copies
 * no file into a message.
 * @param {StoryFile} built
 * @returns {import("./editor-jobs.js").WorkerStory}
 */
function forWorker(built) {
  /** @type {import("./editor-worker.js").Files} */
  const files = {};
  const bare = { ...built };
  for (const key of DATA_KEYS) {
    const f = built[key], o = originals[key];
    if (!f || !o || (f.text === undefined && f.base64 === undefined)) continue;
    files[key] = { name: o.name, blob: blobOf(o), options: f.options };
    delete bare[key];
  }
  return { text: storyToJson(bare), files };
}
/** @type {import("./pkg/farmmap.js").DataFile | undefined} the farms file the column table shows */
let checkedFarms;
/** @type {{report: import("./pkg/farmmap.js").ImportReport, columns?: import("./pkg/farmmap.js").FileColumns, charts: import("./pkg/farmmap.js").ChartChoice[]} | null} the last check (for tests) */
let lastChecked = null;
/** @type {{files: unknown[], checked: import("./pkg/farmmap.js").CheckedStory} | null} the data files last checked, and what the check found */
let lastCheck = null;
/** @type {number} the check running now (an older one's result is dropped) */
let checkRun = 0;
/** A new task: the page paints and answers between the pieces of a check of a big file. */
const nextTask = () => new Promise((r) => setTimeout(r));
/**
 * Check the story's data in the worker (progress bar, Cancel), show the farms file's
 * columns, the problems and the summary; with `show` (or a preview already shown) the
 * preview map then loads the checked data, parsing nothing again.
 * @param {boolean} show
 */
async function check(show) {
  const run = ++checkRun;
  await ready();
  // Not in the task that read the file and made its story text.
  await nextTask();
  if (run !== checkRun) return;
  const summary = $("ed-summary", HTMLElement);
  const built = buildStory();
  // The data files are replaced, never changed in place: the same objects need no new check.
  const files = DATA_KEYS.map((k) => built[k]);
  let checked = lastCheck && lastCheck.files.every((f, i) => f === files[i]) ? lastCheck.checked : null;
  if (!checked) {
    const w = forWorker(built);
    try {
      checked = await checker.run("story.json", w.text, built.farms?.name ?? "the files", w.files);
    } catch (err) {
      if (!(err instanceof CheckCancelled)) summary.textContent = `The files cannot be checked: ${err instanceof Error ? err.message : err}`;
      return;
    }
    lastCheck = { files, checked };
  }
  if (run !== checkRun) return;
  // Not in the task that received the worker's answer.
  await nextTask();
  if (run !== checkRun) return;
  checkedFarms = built.farms;
  lastChecked = { report: checked.report, columns: checked.columns, charts: checked.charts };
  mapping.show(checked.columns, built.farms?.options);
  const r = checked.report;
  /** @type {ImportProblem[]} */
  let storyProblems = [];
  if (show || preview || previewAsked) {
    const box = $("ed-preview-box", HTMLDivElement);
    const holder = el("div");
    dropPreview();
    previewAsked = true; // until a preview shows (this one, or a newer check's)
    box.replaceChildren(holder);
    /** @type {import("./pkg/farmmap.js").StoryFile} the story without its files: the checked data replaces them */
    const bare = { ...built };
    for (const key of DATA_KEYS) delete bare[key];
    try {
      const mounted = await mountFarmMap(holder, { storyText: storyToJson(bare), storyName: "story.json", checkedData: checked.data });
      if (run !== checkRun) return; // a newer check shows a preview of its own
      preview = mounted;
      previewAsked = false;
      selection = previewSelection(preview, showPicked);
      // The worker's answer when the story has data (the page's map would count 100,000 farms by region again).
      chartChoice.show(checked.charts.length ? checked.charts : preview.map.chartChoices());
      storyProblems = preview.storyReport?.problems ?? [];
    } catch (err) {
      if (run !== checkRun) return;
      dropPreview();
      summary.textContent = `The story cannot be shown: ${err instanceof Error ? err.message : err}`;
      return;
    }
  }
  // The problems list in a task of its own, after the column table and the preview.
  await nextTask();
  if (run !== checkRun) return;
  const problems = r.problems.concat(storyProblems);
  const errors = problems.filter((p) => p.severity === "error").length;
  summary.textContent = `${r.loaded} farms loaded, ${r.skipped} rows skipped; ${errors} errors, ${problems.length - errors} warnings and ${r.notes.length} notes on how the files were read below.`;
  problemsView.show(problems.concat(r.notes), DATA_KEYS.flatMap((k) => story[k] ?? []));
  updateSnippets();
}
$("ed-preview", HTMLButtonElement).addEventListener("click", async () => {
  // The draft this page restores replaces the form and drops any preview when it arrives
  // (openDraft): a click before that is acted on once the draft is here, or it was lost.
  await draftReady;
  // What the last check showed goes at once (its problems, its preview and charts): what follows is this check's.
  $("ed-problems", HTMLOListElement).replaceChildren();
  dropPreview();
  previewAsked = true;
  void check(true);
});

/** What the preview has picked (ids a step can highlight), in words. @param {string[]} ids */
function showPicked(ids) {
  const few = ids.slice(0, 8).join(", ") + (ids.length > 8 ? `, … (${ids.length} in all)` : "");
  $("ed-selection", HTMLElement).textContent = ids.length ? `Picked in the preview: ${few}. “Add a step from the preview's view and selection” highlights them.` : "";
}
const jobs = mountJobs();
/** The story file as published (story::published, made in the worker), UTF-8: with the data as checked here, which the reader's build reads. */
async function publishedBytes() {
  await ready();
  return jobs.publish(forWorker(buildStory()));
}
/** The snippets follow the title and the kit's folder and name (editor-publish.js). */
const updateSnippets = () => kit.update();
$("ed-download", HTMLButtonElement).addEventListener("click", async () => {
  let bytes;
  try { bytes = await publishedBytes(); } catch (err) { say(`The story cannot be published: ${err instanceof Error ? err.message : err}`); return; }
  download(new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (bytes)], { type: "application/json" }), kit.storyFile(), document.body);
  unexported = false;
  save.schedule();
});
$("ed-copy", HTMLButtonElement).addEventListener("click", async () => {
  updateSnippets();
  try { await navigator.clipboard.writeText($("ed-snippet", HTMLTextAreaElement).value); $("ed-summary", HTMLElement).textContent = "Snippet copied."; }
  catch { $("ed-snippet", HTMLTextAreaElement).select(); }
});

/** Open a story file's text for editing (undoable); its problems are listed. @param {string} name @param {string} text @param {string} done */
function openStory(name, text, done) {
  const { story: opened, problems } = parseStory(name, text);
  showProblems(problems);
  if (!opened) { say(`${name} could not be read: see below.`); return; }
  edit(undefined, () => { originals = {}; story = opened; });
  dropPreview();
  showStory(opened);
  input("ed-keep-layout").checked = true;
  say(`${done} Undo (Ctrl+Z) brings back what was here before.`);
}
$("ed-demo", HTMLButtonElement).addEventListener("click", async () => {
  await ready();
  if (hasContent() && !confirm("Replace this draft with the demo story? (Undo brings this draft back.)")) return;
  const text = await (await fetch("stories/kazakhstan-2022.json")).text();
  openStory("kazakhstan-2022.json", text, "Demo story loaded: edit, then Check and preview.");
});
const storyPicker = input("ed-story");
storyPicker.addEventListener("change", async () => {
  const f = storyPicker.files?.[0];
  if (!f) return;
  const bytes = new Uint8Array(await f.arrayBuffer());
  await ready();
  storyPicker.value = "";
  const decoded = decodeDataFile(f.name, bytes);
  openStory(f.name, decoded.text, `${f.name} opened: edit, then Check and preview.`);
});
$("ed-open-url-form", HTMLFormElement).addEventListener("submit", async (e) => {
  e.preventDefault();
  const src = input("ed-story-url").value.trim();
  await ready();
  try {
    const text = await fetchStory(src, location.href, publisherPolicy());
    if (text != null) openStory(src.split(/[?#]/)[0].split("/").pop() || "story.json", text, `${src} opened: edit, then Check and preview.`);
  } catch (err) {
    say(`That story could not be opened: ${err instanceof Error ? err.message : err}`);
  }
});

/** Speak to the editor (the summary line is a polite live region). @param {string} text */
function say(text) { $("ed-summary", HTMLElement).textContent = text; }

// ---- The draft: undo history, autosave, the drafts list, the warning before leaving ----
let draftId = "";
let unexported = false;
/** Changes with every edit: the publish kit's pictures are current while it has not. */
let revision = 0;
/** Something worth keeping: a file, a field or a step. */
const hasContent = () => DATA_KEYS.some((k) => story[k]) || (story.steps?.length ?? 0) > 0 ||
  [story.title, story.dek, story.illustrative_note, story.source?.name].some((v) => v);

/** A copy of the story; its data files are shared (they are replaced, never changed in place). @returns {StoryFile} */
function copyStory() {
  /** @type {StoryFile} */
  const copy = structuredClone({ ...story, farms: undefined, entities: undefined, links: undefined, ftm: undefined, bods: undefined });
  for (const key of DATA_KEYS) { const f = story[key]; if (f) copy[key] = f; else delete copy[key]; }
  return copy;
}
/** A copy of the draft's state (original bytes are never changed either, so they are shared). @returns {DraftState} */
const snapshot = () => ({ story: copyStory(), originals: { ...originals }, keepLayout: input("ed-keep-layout").checked });
/** Show a state: the form, the steps, the files. @param {DraftState} s */
function restore(s) {
  story = s.story;
  originals = { ...s.originals };
  input("ed-keep-layout").checked = s.keepLayout;
  showStory(story);
  // The column table follows the farms file and its options (undo, redo, another draft).
  if (story.farms !== checkedFarms) { if (story.farms) void check(false); else mapping.show(undefined, undefined); }
}
/** Undo and redo keep the keyboard where it was (the step rows are drawn again). @param {DraftState} s */
function restoreKeepingFocus(s) {
  const fields = () => [...$("ed-steps", HTMLOListElement).querySelectorAll("input, textarea, select, button")];
  const at = document.activeElement instanceof HTMLElement ? fields().indexOf(document.activeElement) : -1;
  restore(s);
  if (at >= 0) /** @type {HTMLElement | undefined} */ (fields()[Math.min(at, fields().length - 1)])?.focus();
  changed();
}
const history = createHistory({ snapshot, restore: restoreKeepingFocus, changed: showUndo });
/** Record an undo step (coalesced by `key`), make the change, autosave. @param {string | undefined} key @param {() => void} change */
function edit(key, change) {
  history.before(key);
  change();
  changed();
}
function changed() {
  unexported = true;
  revision++;
  kit.update();
  devices.changed();
  save.schedule();
}
function showUndo() {
  $("ed-undo", HTMLButtonElement).disabled = !history.canUndo();
  $("ed-redo", HTMLButtonElement).disabled = !history.canRedo();
}
$("ed-undo", HTMLButtonElement).addEventListener("click", () => history.undo());
$("ed-redo", HTMLButtonElement).addEventListener("click", () => history.redo());
bindUndoKeys(window, history);

/**
 * The time the "Saved" line shows, as `toLocaleTimeString()` writes it. Made when the page
 * starts: the first date formatted loads the locale's data, a long task in the middle of a
 * big file's load otherwise (its first autosave).
 */
const savedAt = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "numeric", second: "numeric" });
const save = debounced(async () => {
  if (!draftId) return;
  const state = snapshot();
  const layout = state.keepLayout ? previewLayout() : undefined;
  if (layout) state.story.layout = layout;
  for (const key of DATA_KEYS) {
    const f = state.story[key]; // kept as the original bytes; only the name and options here
    if (state.originals[key] && f) state.story[key] = f.options ? { name: f.name, options: f.options } : { name: f.name };
  }
  try {
    await saveDraft({ id: draftId, schema: 1, title: story.title || "Untitled story", updated: Date.now(), unexported, state });
    localStorage.setItem("farmmap-editor-draft", draftId);
    $("ed-saved", HTMLElement).textContent = `Saved in this browser at ${savedAt.format(new Date())}.`;
    await drafts.refresh();
  } catch (err) {
    $("ed-saved", HTMLElement).textContent = `Not saved: ${err instanceof Error ? err.message : err}. Download story.json to keep your work.`;
  }
});
$("ed-preview-box", HTMLDivElement).addEventListener("pointerup", () => { if (preview && input("ed-keep-layout").checked) save.schedule(); });
addEventListener("pagehide", () => { void save.flush(); });
addEventListener("beforeunload", (e) => {
  void save.flush();
  if (unexported && hasContent()) { e.preventDefault(); e.returnValue = ""; }
});

/** Open a stored draft (or a new, empty one). @param {string | null} id */
async function openDraft(id) {
  await save.flush();
  await wasm;
  const d = id ? await loadDraft(id) : null;
  draftId = d?.id ?? newDraftId();
  unexported = d?.unexported ?? false;
  dropPreview();
  restore(d?.state ?? { story: newStory(), originals: {}, keepLayout: true });
  history.clear();
  localStorage.setItem("farmmap-editor-draft", draftId);
  $("ed-saved", HTMLElement).textContent = d ? `Draft “${d.title}” restored (saved ${new Date(d.updated).toLocaleString()}).` : "A new draft: every change is saved in this browser.";
  await drafts.refresh();
}
const drafts = mountDrafts($("ed-drafts-box", HTMLElement), {
  currentId: () => draftId,
  open: (id) => { void openDraft(id); },
  deleted: (id) => { if (id === draftId) { draftId = ""; void openDraft(null); } },
  flush: () => save.flush(),
  say,
});
$("ed-new-draft", HTMLButtonElement).addEventListener("click", () => { void openDraft(null); });
const problemsView = mountProblems($("ed-problems", HTMLOListElement), $("ed-problem-rows", HTMLElement), jobs);
const checker = mountChecker($("ed-check", HTMLElement), say);
const mapping = mountMapping($("ed-mapping", HTMLElement), (options, said) => {
  const f = story.farms;
  if (!f) return;
  edit(undefined, () => { story.farms = { ...f, options }; });
  say(said);
  void check(false);
});

showUndo();
// Steps, charts and publishing (the kit fills the snippets at once).
const chartChoice = mountChartChoice($("ed-charts", HTMLElement), {
  listed: () => story?.charts ?? [],
  setListed: (charts) => { if (charts.length) story.charts = /** @type {StoryFile["charts"]} */ (charts); else delete story.charts; },
  edit,
});
const kit = mountKit({
  folder: input("ed-pub-folder"), name: input("ed-pub-name"), make: $("ed-kit-make", HTMLButtonElement),
  element: $("ed-snippet", HTMLTextAreaElement), iframe: $("ed-snippet-iframe", HTMLTextAreaElement),
  list: $("ed-kit-list", HTMLElement), status: $("ed-kit-status", HTMLElement),
}, { posters: async (name, width, height) => { await ready(); return jobs.posters(forWorker(buildStory()), name, width, height); }, title: () => input("ed-title").value, revision: () => revision, say });
const devices = mountDevices($("ed-devices", HTMLElement), { storyText: async () => new TextDecoder().decode(await publishedBytes()) });
// Offline once loaded (editor-offline.js), after the draft is open; without service workers the editor needs the network.
void wasm.then(() => draftReady).then(keepOffline)
  .then((kept) => { document.body.dataset.edOffline = kept ? "kept" : "unavailable"; })
  .catch((err) => { document.body.dataset.edOffline = "unavailable"; console.warn(`The editor will need the network: ${err instanceof Error ? err.message : err}`); });
/** The draft this tab was editing (or the newest, or a new one), restored before any edit. */
async function restoreLast() {
  await wasm;
  const last = localStorage.getItem("farmmap-editor-draft");
  const known = last ? await loadDraft(last) : null;
  await openDraft(known ? known.id : (await listDrafts())[0]?.id ?? null);
}
const draftReady = restoreLast()
  .catch((err) => { say(`Drafts cannot be kept in this browser: ${err instanceof Error ? err.message : err}`); })
  .finally(() => { document.body.dataset.edReady = "true"; });
window.farmmapEditor = { buildStory, get preview() { return preview; }, get checked() { return lastChecked; } };
