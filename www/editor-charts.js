// The editor's chart choice: one checkbox per chart the data supports, and each chart the
// data does not support named with the reason (Rust decides both: `FarmMap.chartChoices`).
// The choice is the story file's `charts` list, changed through the editor's `edit` (undo,
// autosave). A chart the story lists but the data does not support stays listed, marked,
// until the editor unticks it: nothing changes silently.
import { el } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").ChartChoice} ChartChoice */
/** @typedef {(key: string | undefined, change: () => void) => void} Edit */

/**
 * @typedef {object} ChartChoiceIo
 * @property {() => string[]} listed the story's `charts` list now (absent: empty)
 * @property {(charts: string[]) => void} setListed write the list into the story (inside an edit)
 * @property {Edit} edit
 */

/**
 * @param {HTMLElement} box where the choice is shown
 * @param {ChartChoiceIo} io
 * @returns {{show: (choices: ChartChoice[] | null) => void, refresh: () => void}} `show` the
 *   choices of the data just previewed (null: none previewed); `refresh` after the story
 *   changed (an undo, another draft)
 */
export function mountChartChoice(box, io) {
  /** @type {ChartChoice[] | null} */
  let last = null;
  /** @param {ChartChoice} c */
  const isListed = (c) => io.listed().some((name) => name === c.kind || c.listedAs.includes(name));
  /** @param {ChartChoice} c @param {boolean} on */
  const set = (c, on) => io.edit(undefined, () => {
    const rest = io.listed().filter((name) => name !== c.kind && !c.listedAs.includes(name));
    io.setListed(on ? [...rest, c.kind] : rest);
  });
  const show = (/** @type {ChartChoice[] | null} */ choices) => {
    last = choices;
    if (!choices) {
      const listed = io.listed();
      box.replaceChildren(el("p", "ed-hint", `Check and preview to see which charts your data supports.${listed.length ? ` The story lists: ${listed.join(", ")}.` : ""}`));
      return;
    }
    const list = el("ul", "ed-charts");
    const left = [];
    for (const c of choices) {
      const listed = isListed(c);
      if (!c.supported && !listed) { left.push(`${c.title}: ${c.reason}`); continue; }
      const li = el("li");
      const label = el("label");
      const tick = el("input");
      tick.type = "checkbox";
      tick.value = c.kind;
      tick.checked = listed;
      tick.addEventListener("change", () => { set(c, tick.checked); show(last); });
      label.append(tick, ` ${c.title}`);
      li.append(label);
      if (!c.supported) li.append(el("span", "ed-chart-unsupported", ` — the story lists it, but ${c.reason}: readers will not see it. Untick to take it out.`));
      list.append(li);
    }
    /** @type {HTMLElement[]} */
    const parts = [list];
    if (!choices.some((c) => c.supported)) parts.unshift(el("p", "ed-hint", "The data supports no chart."));
    if (left.length) parts.push(el("p", "ed-hint", `Not offered, because the data does not support them: ${left.join("; ")}.`));
    box.replaceChildren(...parts);
  };
  show(null);
  return { show, refresh: () => show(last) };
}
