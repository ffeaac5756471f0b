// "How is A connected to B?": two lists of names and the answer, a sentence written by Rust
// (`networkPath`), which also lights the chain on both views. A network of any size: each
// list holds at most WINDOW names, and past that a filter box narrows them (the count of
// names and of those shown is written beside it).
import { el, appendAll } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./pkg/farmmap.js").NodeName} NodeName */
/** @typedef {import("./frame-loop.js").FrameLoop} FrameLoop */

/** The most names one list holds at a time. */
export const WINDOW = 500;

/**
 * @typedef {object} Finder
 * @property {HTMLFormElement} form
 * @property {HTMLElement} answer the answer line (aria-live)
 * @property {() => void} refresh refill the lists after new data
 * @property {() => string | undefined} findPath answer for the chosen pair; the sentence, if connected
 */

/** @param {number} n */
const count = (n) => n.toLocaleString("en-US");

/**
 * One list of names: a select with at most WINDOW options and, for longer lists, a filter
 * box and the count.
 * @param {string} label "From" or "To"
 */
function namePicker(label) {
  const select = el("select", "fm-net-select");
  select.setAttribute("aria-label", label);
  const filter = el("input", "fm-net-filter");
  filter.type = "search";
  filter.placeholder = `Filter “${label}”`;
  filter.setAttribute("aria-label", `Filter the “${label}” names`);
  const status = el("span", "fm-net-count");
  status.setAttribute("aria-live", "polite");
  const box = el("span", "fm-net-pick");
  box.append(filter, select, status);
  /** @type {readonly NodeName[]} */
  let names = [];
  /** @type {string[]} lower-cased "name id" per name, made once per data set */
  let haystack = [];
  /** @param {string} [keep] an id kept in the window (the current choice) */
  const show = (keep = select.value) => {
    const q = filter.value.trim().toLowerCase();
    /** @type {NodeName[]} */
    const shown = [];
    let matches = 0;
    for (let i = 0; i < names.length; i++) {
      if (q && !haystack[i].includes(q)) continue;
      matches++;
      if (shown.length < WINDOW) shown.push(names[i]);
    }
    if (keep && !shown.some((n) => n.id === keep)) {
      const kept = names.find((n) => n.id === keep);
      if (kept) shown.unshift(kept);
    }
    select.replaceChildren();
    appendAll(select, shown, (n) => { const o = el("option", null, `${n.name} (${n.kind})`); o.value = n.id; return o; });
    if (keep) select.value = keep;
    const big = names.length > WINDOW;
    filter.hidden = !big;
    status.hidden = !big;
    status.textContent = `${count(Math.min(matches, WINDOW))} of ${count(matches)} ${q ? "matching names" : "names"} listed${matches > WINDOW ? "; filter to find others" : ""}`;
  };
  filter.addEventListener("input", () => show());
  return {
    box, select,
    /** @param {readonly NodeName[]} list */
    set(list) {
      names = list;
      haystack = list.map((n) => `${n.name} ${n.id}`.toLowerCase());
      filter.value = "";
      select.replaceChildren();
      show("");
    },
    /** @param {string} id */
    choose(id) { show(id); },
    chosen: () => select.selectedOptions[0]?.textContent ?? "",
  };
}

/**
 * @param {{map: FarmMap, loop: FrameLoop, announce: (t: string) => void, selectFarm: (farm: number | undefined) => void, guard?: FrameLoop["guard"]}} deps
 *   guard: what a failure goes through (the pane's own guard; the frame loop's by default)
 * @returns {Finder}
 */
export function createFinder({ map, loop, announce, selectFarm, guard = loop.guard }) {
  const form = el("form", "fm-net-finder");
  form.setAttribute("aria-label", "How is one name connected to another?");
  const from = namePicker("From"), to = namePicker("To");
  const go = el("button", "fm-btn fm-btn-text", "Show connection");
  go.type = "submit";
  const answer = el("p", "fm-net-answer");
  answer.setAttribute("aria-live", "polite");
  const row = el("div", "fm-net-finder-row");
  row.append(from.box, el("span", "fm-net-to", "to"), to.box, go);
  form.append(el("h3", "fm-h fm-h-small", "How is A connected to B?"), row, answer);
  const refresh = () => {
    const names = map.networkNames();
    from.set(names);
    to.set(names);
    const ex = map.networkExamplePair();
    if (ex) { from.choose(ex.from); to.choose(ex.to); }
    form.hidden = names.length < 2;
    answer.textContent = "";
  };
  const findPath = guard(() => {
    const a = from.select.value, b = to.select.value;
    if (!a || !b) return undefined;
    selectFarm(undefined);
    const text = map.networkPath(a, b);
    answer.textContent = a === b ? "Pick two different names."
      : text || `${from.chosen()} and ${to.chosen()} are not connected in this data.`;
    announce(answer.textContent);
    loop.requestDraw();
    return text;
  });
  form.addEventListener("submit", (e) => { e.preventDefault(); findPath(); });
  return { form, answer, refresh, findPath: () => findPath() };
}
