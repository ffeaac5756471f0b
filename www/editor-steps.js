// The editor's list of story steps. Each row edits a step object of the story file in place
// (title, text, camera, highlight, filter), so every field the file had that the form does
// not show is kept as it was.
import { el } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").StepFile} StepFile */
/** @typedef {import("./pkg/farmmap.js").FilterFile} FilterFile */
/** @typedef {import("./pkg/farmmap.js").LngLatBounds} LngLatBounds */

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
 * A labelled text field bound to one value of the step.
 * @param {string} label @param {string} value @param {(v: string) => void} set
 * @param {{multiline?: boolean, placeholder?: string}} [opts]
 */
function field(label, value, set, { multiline = false, placeholder = "" } = {}) {
  const l = el("label", null, label);
  const input = multiline ? el("textarea") : el("input");
  if (input instanceof HTMLInputElement) input.type = "text";
  input.placeholder = placeholder;
  input.value = value;
  input.addEventListener("input", () => set(input.value));
  l.append(input);
  return l;
}

/** The filter's status: any, or one of the three. @param {StepFile} step @param {() => void} changed */
function statusField(step, changed) {
  const l = el("label", null, "Filter by status");
  const select = el("select");
  select.append(el("option", null, "any status"));
  select.options[0].value = "";
  for (const s of STATUSES) select.append(el("option", null, s));
  select.value = step.filter?.status ?? "";
  select.addEventListener("change", () => {
    const filter = { ...step.filter, status: STATUSES.find((s) => s === select.value) };
    if (!filter.status) delete filter.status;
    setFilter(step, filter);
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
 * One step's row.
 * @param {StepFile} step
 * @param {{remove: () => void, currentView: () => LngLatBounds | undefined}} actions
 */
export function stepRow(step, { remove, currentView }) {
  const li = el("li", "ed-step");
  const camera = el("p", null, cameraText(step));
  const showCamera = () => { camera.textContent = cameraText(step); };
  const useView = textButton("Use the preview's current view", () => {
    const b = currentView();
    if (!b) { alert("Preview first, then move the map."); return; }
    step.camera = { bounds: [b.west, b.south, b.east, b.north] };
    showCamera();
  });
  const owner = (/** @type {string} */ v) => {
    const filter = { ...step.filter, owner: v.trim() || undefined };
    if (!filter.owner) delete filter.owner;
    setFilter(step, filter);
  };
  li.append(
    field("Title", step.title ?? "", (v) => { step.title = v; }),
    field("Text", step.text ?? "", (v) => { step.text = v; }, { multiline: true }),
    field("Focus (farm, person or company ids, comma-separated)", focus(step).join(", "),
      (v) => { setFocus(step, v); showCamera(); }, { placeholder: "F-BN, p-bolat" }),
    field("Highlight (farm or entity ids)", (step.highlight ?? []).join(", "), (v) => { step.highlight = idList(v); }, { placeholder: "F-BN, p-bolat" }),
    statusField(step, showCamera),
    field("Filter by owner (text in the owner column)", step.filter?.owner ?? "", owner, { placeholder: "Nazarbayev" }),
    camera, useView, textButton("Remove step", remove));
  return li;
}
