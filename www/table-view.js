// The table view: every farm and every tie as a sentence (Rust writes them), for screen
// readers and for reading. Filled when opened, and again when the data change.
import { el, appendAll } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./frame-loop.js").FrameLoop} FrameLoop */
/** @typedef {import("./i18n.js").Translator} Translator */

/**
 * A heading with the count, and the list (appended in chunks: any number of lines).
 * @param {string} title the heading, with the count in it @param {readonly string[]} lines
 */
function section(title, lines) {
  const list = el("ul", "fm-table-list");
  appendAll(list, lines, (t) => el("li", null, t));
  return [el("h3", "fm-h", title), list];
}

/**
 * @param {HTMLDetailsElement} table
 * @param {{map: FarmMap, loop: FrameLoop, i18n: Translator}} deps
 * @returns {{refresh: () => void}} refresh: refill if open (after new data)
 */
export function mountTable(table, { map, loop, i18n: { t, num } }) {
  const summary = el("summary", null, t("tableSummary"));
  table.append(summary);
  const fill = loop.guard(() => {
    const { farms, ties } = map.tableSentences();
    table.replaceChildren(summary, ...section(t("tableTies", { n: num(ties.length) }), ties), ...section(t("tableFarms", { n: num(farms.length) }), farms));
  });
  table.addEventListener("toggle", () => { if (table.open) fill(); });
  return { refresh: () => { if (table.open) fill(); } };
}
