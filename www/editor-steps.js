// The editor's list of story steps. Each row edits a step object of the story file in place
// (title, text, camera, highlight, filter), so every field the file had that the form does
// not show is kept as it was. Every change goes through the editor's `edit` (undo, autosave);
// rows move by drag or by their Up / Down buttons; each can be shown as readers will see it,
// on a phone and a desktop (editor-devices.js).
import { el } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").StepFile} StepFile */
/** @typedef {import("./pkg/farmmap.js").FilterFile} FilterFile */
/** @typedef {import("./pkg/farmmap.js").LngLatBounds} LngLatBounds */
/** @typedef {(key: string | undefined, change: () => void) => void} Edit */

/** @type {NonNullable<FilterFile["status"]>[]} */
const STATUSES = ["operating", "shut down", "unknown"];

/** @param {string} value */
const idList = (value) => value.split(",").map((s) => s.trim()).filter(Boolean);
/** @param {StepFile} step */
const bounds = (step) => (step.camera && "bounds" in step.camera ? step.camera.bounds : undefined);
/** @param {StepFile} step */
const focus = (step) => (step.camera && "focus" in step.camera ? step.camera.focus : []);
/** @param {StepFile} step */
const cameraText = (step) => {
  const b = bounds(step);
  return b ? `Camera: [${b.join(", ")}]` : "Camera: fits the farms named in Focus (or stays put)";
};

/**
 * A labelled text field bound to one value of the step; `set` runs inside an edit.
 * @param {string} label @param {string} value @param {(v: string) => void} set
 * @param {{multiline?: boolean, placeholder?: string, edit: Edit, key: string}} opts
 */
function field(label, value, set, { multiline = false, placeholder = "", edit, key }) {
  const l = el("label", null, label);
  const input = multiline ? el("textarea") : el("input");
  if (input instanceof HTMLInputElement) input.type = "text";
  input.placeholder = placeholder;
  input.value = value;
  input.addEventListener("input", () => edit(key, () => set(input.value)));
  l.append(input);
  return l;
}

/** The filter's status: any, or one of the three. @param {StepFile} step @param {Edit} edit @param {() => void} changed */
function statusField(step, edit, changed) {
  const l = el("label", null, "Filter by status");
  const select = el("select");
  select.append(el("option", null, "any status"));
  select.options[0].value = "";
  for (const s of STATUSES) select.append(el("option", null, s));
  select.value = step.filter?.status ?? "";
  select.addEventListener("change", () => {
    const filter = { ...step.filter, status: STATUSES.find((s) => s === select.value) };
    if (!filter.status) delete filter.status;
    edit(undefined, () => setFilter(step, filter));
    changed();
  });
  l.append(select);
  return l;
}

/** Keep a filter only when it has a key. @param {StepFile} step @param {FilterFile} filter */
function setFilter(step, filter) {
  if (Object.keys(filter).length) step.filter = filter; else delete step.filter;
}

/** Focus ids replace the camera (a saved view included); none clears a focus camera. @param {StepFile} step @param {string} v */
function setFocus(step, v) {
  const ids = idList(v);
  if (ids.length) step.camera = { focus: ids };
  else if (step.camera && "focus" in step.camera) delete step.camera;
}

/** @param {string} text @param {() => void} onClick */
function textButton(text, onClick) {
  const b = el("button", "fm-btn fm-btn-text", text);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}

/**
 * What a step's row can ask of the editor.
 * @typedef {object} StepActions
 * @property {Edit} edit record an undo step (coalesced by key), then change the step, then save
 * @property {() => void} remove
 * @property {() => void} duplicate
 * @property {(delta: number) => void} move up (-1) or down (+1)
 * @property {() => LngLatBounds | undefined} currentView the preview's view, if there is a preview
 * @property {() => string[] | undefined} currentSelection the preview's selected farm and lit network ids
 * @property {() => void} showDevices show this step as readers will, on a phone and a desktop
 */

/**
 * One step's row.
 * @param {StepFile} step
 * @param {number} i its place in the list
 * @param {number} count how many steps there are
 * @param {StepActions} actions
 */
export function stepRow(step, i, count, actions) {
  const { edit } = actions;
  const li = el("li", "ed-step");
  li.dataset.index = String(i);
  const k = (/** @type {string} */ name) => `step-${i}-${name}`;
  const camera = el("p", null, cameraText(step));
  const showCamera = () => { camera.textContent = cameraText(step); };
  const highlight = field("Highlight (farm or entity ids)", (step.highlight ?? []).join(", "),
    (v) => { step.highlight = idList(v); }, { placeholder: "F-BN, p-bolat", edit, key: k("highlight") });
  const useView = textButton("Use the preview's current view", () => {
    const b = actions.currentView();
    if (!b) { camera.textContent = "Preview first (Check and preview), then move the map."; return; }
    edit(undefined, () => { step.camera = { bounds: [b.west, b.south, b.east, b.north] }; });
    showCamera();
  });
  const useSelection = textButton("Highlight the preview's selection", () => {
    const ids = actions.currentSelection();
    if (!ids?.length) { camera.textContent = "Select a farm or a network node in the preview first."; return; }
    edit(undefined, () => { step.highlight = ids; });
    const input = highlight.querySelector("input");
    if (input) input.value = ids.join(", ");
  });
  const owner = (/** @type {string} */ v) => {
    const filter = { ...step.filter, owner: v.trim() || undefined };
    if (!filter.owner) delete filter.owner;
    setFilter(step, filter);
  };
  li.append(
    stepToolbar(i, count, actions),
    field("Title", step.title ?? "", (v) => { step.title = v; }, { edit, key: k("title") }),
    field("Text", step.text ?? "", (v) => { step.text = v; }, { multiline: true, edit, key: k("text") }),
    field("Focus (farm, person or company ids, comma-separated)", focus(step).join(", "),
      (v) => { setFocus(step, v); showCamera(); }, { placeholder: "F-BN, p-bolat", edit, key: k("focus") }),
    highlight,
    statusField(step, edit, showCamera),
    field("Filter by owner (text in the owner column)", step.filter?.owner ?? "", owner, { placeholder: "Nazarbayev", edit, key: k("owner") }),
    camera, useView, useSelection);
  return li;
}

/** The row's handle and its buttons: move up/down, duplicate, delete. @param {number} i @param {number} count @param {StepActions} actions */
function stepToolbar(i, count, actions) {
  const bar = el("div", "ed-step-bar");
  const handle = el("span", "ed-drag", "⠿ Step " + (i + 1));
  handle.draggable = true;
  handle.title = "Drag to reorder (or use Up / Down)";
  // Visible words inside the accessible name (axe: label-content-name-mismatch).
  const up = textButton("Up", () => actions.move(-1));
  up.setAttribute("aria-label", `Move step ${i + 1} up`);
  up.disabled = i === 0;
  const down = textButton("Down", () => actions.move(1));
  down.setAttribute("aria-label", `Move step ${i + 1} down`);
  down.disabled = i === count - 1;
  const devices = textButton("Phone and desktop", actions.showDevices);
  devices.setAttribute("aria-label", `Phone and desktop: show step ${i + 1} as readers will see it`);
  const dup = textButton("Duplicate", actions.duplicate);
  dup.setAttribute("aria-label", `Duplicate step ${i + 1}`);
  const del = textButton("Delete step", actions.remove);
  del.setAttribute("aria-label", `Delete step ${i + 1} (Undo brings it back)`);
  bar.append(handle, up, down, devices, dup, del);
  return bar;
}

/**
 * Reorder by dragging a row's handle onto another row.
 * @param {HTMLElement} list the <ol> of rows
 * @param {(from: number, to: number) => void} moveTo
 */
export function enableDrag(list, moveTo) {
  /** @param {EventTarget | null} t */
  const rowOf = (t) => (t instanceof Element ? t.closest(".ed-step") : null);
  /** @type {number | null} */
  let from = null;
  list.addEventListener("dragstart", (e) => {
    const row = rowOf(e.target);
    if (!(row instanceof HTMLElement) || !(e.target instanceof HTMLElement) || !e.target.classList.contains("ed-drag")) return;
    from = Number(row.dataset.index);
    e.dataTransfer?.setData("text/plain", String(from));
    if (e.dataTransfer) e.dataTransfer.effectAllowed = "move";
    row.classList.add("ed-dragging");
  });
  list.addEventListener("dragover", (e) => { if (from !== null && rowOf(e.target)) e.preventDefault(); });
  list.addEventListener("drop", (e) => {
    const row = rowOf(e.target);
    if (from === null || !(row instanceof HTMLElement)) return;
    e.preventDefault();
    const to = Number(row.dataset.index), f = from;
    from = null;
    if (to !== f) moveTo(f, to);
  });
  list.addEventListener("dragend", () => {
    from = null;
    for (const r of list.querySelectorAll(".ed-dragging")) r.classList.remove("ed-dragging");
  });
}

/**
 * A copy of a step with an id no other step has.
 * @param {StepFile} step @param {StepFile[]} steps
 * @returns {StepFile}
 */
export function duplicateStep(step, steps) {
  const ids = new Set(steps.map((s) => s.id));
  let n = 2, id = `${step.id}-${n}`;
  while (ids.has(id)) id = `${step.id}-${++n}`;
  return { ...structuredClone(step), id };
}

/** An id no step has yet. @param {StepFile[]} steps */
export function freshStepId(steps) {
  const ids = new Set(steps.map((s) => s.id));
  let n = steps.length + 1;
  while (ids.has(`step-${n}`)) n++;
  return `step-${n}`;
}
