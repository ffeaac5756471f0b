// "How is A connected to B?": two lists of names and the answer, a sentence written by Rust
// (`networkPath`), which also lights the chain on both views. A network of any size: each
// list holds at most WINDOW names, and past that a filter box narrows them (the count of
// names and of those shown is written beside it).
import { el, appendAll } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./pkg/farmmap.js").NodeName} NodeName */
/** @typedef {import("./frame-loop.js").FrameLoop} FrameLoop */
/** @typedef {import("./i18n.js").Translator} Translator */

/** The most names one list holds at a time. */
export const WINDOW = 500;

/**
 * @typedef {object} Finder
 * @property {HTMLFormElement} form
 * @property {HTMLElement} answer the answer line (aria-live)
 * @property {() => void} refresh refill the lists after new data
 * @property {() => string | undefined} findPath answer for the chosen pair; the sentence, if connected
 */

/**
 * One list of names: a select with at most WINDOW options and, for longer lists, a filter
 * box and the count.
 * @param {string} label "From" or "To", in the embed's language
 * @param {Translator} i18n
 */
function namePicker(label, i18n) {
  const { t, num } = i18n;
  const select = el("select", "fm-net-select");
  select.setAttribute("aria-label", label);
  const filter = el("input", "fm-net-filter");
  filter.type = "search";
  filter.placeholder = t("finderFilter", { label });
  filter.setAttribute("aria-label", t("finderFilterLabel", { label }));
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
    appendAll(select, shown, (n) => { const o = el("option", null, `${n.name} (${i18n.label(`kind.${n.kind}`, n.kind)})`); o.value = n.id; return o; });
    if (keep) select.value = keep;
    const big = names.length > WINDOW;
    filter.hidden = !big;
    status.hidden = !big;
    // Full numbers (not "150K"): the reader compares them. `n` picks the plural form.
    const counts = { n: matches, shown: num(Math.min(matches, WINDOW)), total: num(matches) };
    status.textContent = t(q ? "finderCountMatching" : "finderCount", counts) + (matches > WINDOW ? t("finderFilterMore") : "");
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
 * @param {{map: FarmMap, loop: FrameLoop, announce: (t: string) => void, selectFarm: (farm: number | undefined) => void,
 *   i18n: Translator, guard?: FrameLoop["guard"]}} deps
 *   guard: what a failure goes through (the pane's own guard; the frame loop's by default)
 * @returns {Finder}
 */
export function createFinder({ map, loop, announce, selectFarm, i18n, guard = loop.guard }) {
  const { t } = i18n;
  const form = el("form", "fm-net-finder");
  form.setAttribute("aria-label", t("finderLabel"));
  const from = namePicker(t("finderFrom"), i18n), to = namePicker(t("finderTo"), i18n);
  const go = el("button", "fm-btn fm-btn-text", t("finderGo"));
  go.type = "submit";
  const answer = el("p", "fm-net-answer");
  answer.setAttribute("aria-live", "polite");
  const row = el("div", "fm-net-finder-row");
  row.append(from.box, el("span", "fm-net-to", t("finderBetween")), to.box, go);
  form.append(el("h3", "fm-h fm-h-small", t("finderTitle")), row, answer);
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
    answer.textContent = a === b ? t("finderSame")
      : text || t("finderNone", { a: from.chosen(), b: to.chosen() });
    announce(answer.textContent);
    loop.requestDraw();
    return text;
  });
  form.addEventListener("submit", (e) => { e.preventDefault(); findPath(); });
  return { form, answer, refresh, findPath: () => findPath() };
}
