// "How is A connected to B?": two lists of names and the answer, a sentence written by Rust
// (`networkPath`), which also lights the chain on both views.
import { el, appendAll } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./frame-loop.js").FrameLoop} FrameLoop */
/** @typedef {import("./i18n.js").Translator} Translator */

/**
 * @typedef {object} Finder
 * @property {HTMLFormElement} form
 * @property {HTMLElement} answer the answer line (aria-live)
 * @property {() => void} refresh refill the lists after new data
 * @property {() => string | undefined} findPath answer for the chosen pair; the sentence, if connected
 */

/** @param {string} label */
function nameSelect(label) {
  const sel = el("select", "fm-net-select");
  sel.setAttribute("aria-label", label);
  return sel;
}

/**
 * @param {{map: FarmMap, loop: FrameLoop, announce: (t: string) => void, selectFarm: (farm: number | undefined) => void, i18n: Translator}} deps
 * @returns {Finder}
 */
export function createFinder({ map, loop, announce, selectFarm, i18n }) {
  const { t } = i18n;
  const form = el("form", "fm-net-finder");
  form.setAttribute("aria-label", t("finderLabel"));
  const fromSel = nameSelect(t("finderFrom")), toSel = nameSelect(t("finderTo"));
  const go = el("button", "fm-btn fm-btn-text", t("finderGo"));
  go.type = "submit";
  const answer = el("p", "fm-net-answer");
  answer.setAttribute("aria-live", "polite");
  const row = el("div", "fm-net-finder-row");
  row.append(fromSel, el("span", "fm-net-to", t("finderBetween")), toSel, go);
  form.append(el("h3", "fm-h fm-h-small", t("finderTitle")), row, answer);
  const refresh = () => {
    const names = map.networkNames();
    for (const sel of [fromSel, toSel]) {
      sel.replaceChildren();
      appendAll(sel, names, (n) => { const o = el("option", null, `${n.name} (${i18n.label(`kind.${n.kind}`, n.kind)})`); o.value = n.id; return o; });
    }
    const ex = map.networkExamplePair();
    if (ex) { fromSel.value = ex.from; toSel.value = ex.to; }
    form.hidden = names.length < 2;
    answer.textContent = "";
  };
  /** @param {HTMLSelectElement} sel */
  const chosen = (sel) => sel.selectedOptions[0]?.textContent ?? "";
  const findPath = loop.guard(() => {
    if (!fromSel.value || !toSel.value) return undefined;
    selectFarm(undefined);
    const text = map.networkPath(fromSel.value, toSel.value);
    answer.textContent = fromSel.value === toSel.value ? t("finderSame")
      : text || t("finderNone", { a: chosen(fromSel), b: chosen(toSel) });
    announce(answer.textContent);
    loop.requestDraw();
    return text;
  });
  form.addEventListener("submit", (e) => { e.preventDefault(); findPath(); });
  return { form, answer, refresh, findPath };
}
