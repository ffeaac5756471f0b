// The editor's list of story steps. Each row edits a step object of the story file in place
// (title, text, camera, highlight, filter), so every field the file had that the form does
// not show (filter.owner set elsewhere, future fields) is kept as it was.
import { el } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").StoryFile} StoryFile */
/** @typedef {StoryFile["steps"][number]} StoryStep */
/** @typedef {import("./pkg/farmmap.js").LngLatBounds} LngLatBounds */

/** @param {string} value */
const idList = (value) => value.split(",").map((s) => s.trim()).filter(Boolean);

/** @param {StoryStep} step */
const cameraText = (step) => (step.camera?.bounds ? `Camera: [${step.camera.bounds.join(", ")}]`
  : "Camera: fits the farms named in Focus (or stays put)");

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

/** Set or clear one filter key, dropping an empty filter. @param {StoryStep} step @param {"status" | "owner"} key @param {string} v */
function setFilter(step, key, v) {
  const filter = { ...step.filter };
  if (v.trim()) filter[key] = v.trim(); else delete filter[key];
  if (Object.keys(filter).length) step.filter = filter; else delete step.filter;
}

/** Focus ids replace the camera (a saved view included); none clears a focus camera. @param {StoryStep} step @param {string} v */
function setFocus(step, v) {
  const ids = idList(v);
  if (ids.length) step.camera = { focus: ids };
  else if (step.camera?.focus) delete step.camera;
}

/**
 * One step's row.
 * @param {StoryStep} step
 * @param {{remove: () => void, currentView: () => LngLatBounds | undefined}} actions
 */
export function stepRow(step, { remove, currentView }) {
  const li = el("li", "ed-step");
  const camera = el("p", null, cameraText(step));
  const useView = el("button", "fm-btn fm-btn-text", "Use the preview's current view");
  useView.type = "button";
  useView.addEventListener("click", () => {
    const b = currentView();
    if (!b) { alert("Preview first, then move the map."); return; }
    step.camera = { bounds: [b.west, b.south, b.east, b.north] };
    camera.textContent = cameraText(step);
  });
  const del = el("button", "fm-btn fm-btn-text", "Remove step");
  del.type = "button";
  del.addEventListener("click", remove);
  li.append(
    field("Title", step.title, (v) => { step.title = v; }),
    field("Text", step.text, (v) => { step.text = v; }, { multiline: true }),
    field("Focus (farm, person or company ids, comma-separated)", (step.camera?.focus ?? []).join(", "),
      (v) => { setFocus(step, v); camera.textContent = cameraText(step); }, { placeholder: "F-BN, p-bolat" }),
    field("Highlight (farm or entity ids)", (step.highlight ?? []).join(", "), (v) => { step.highlight = idList(v); }, { placeholder: "F-BN, p-bolat" }),
    field("Filter by status", step.filter?.status ?? "", (v) => setFilter(step, "status", v), { placeholder: "shut down" }),
    field("Filter by owner (text in the owner column)", step.filter?.owner ?? "", (v) => setFilter(step, "owner", v), { placeholder: "Nazarbayev" }),
    camera, useView, del);
  return li;
}
