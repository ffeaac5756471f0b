// What the editor holds for each data file: its name, its size as uploaded, and a Remove
// button (undoable). One status line after each file picker.
import { el, plural } from "./dom.js";

/** @typedef {import("./editor-store.js").DataKey} DataKey */

/**
 * Fill a file's status line.
 * @param {HTMLElement} line
 * @param {{name: string, bytes?: number} | undefined} file undefined: no file
 * @param {() => void} remove
 */
export function showFile(line, file, remove) {
  if (!file) { line.replaceChildren(el("span", "ed-file-none", "No file.")); return; }
  const size = file.bytes === undefined ? "from the opened story file" : plural(file.bytes, "byte");
  const b = el("button", "fm-btn fm-btn-text", "Remove");
  b.type = "button";
  b.setAttribute("aria-label", `Remove ${file.name} (Undo brings it back)`);
  b.addEventListener("click", remove);
  line.replaceChildren(el("span", "ed-file-name", file.name), el("span", null, ` (${size}) `), b);
}

/**
 * The status line after a picker, made once.
 * @param {HTMLInputElement} picker
 * @param {DataKey} key
 */
export function fileLine(picker, key) {
  const id = `ed-file-${key}`;
  const found = document.getElementById(id);
  if (found) return found;
  const line = el("span", "ed-file");
  line.id = id;
  line.setAttribute("aria-live", "polite");
  picker.insertAdjacentElement("afterend", line);
  return line;
}
