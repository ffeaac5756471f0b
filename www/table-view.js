// The table view: every farm and every tie as a sentence (Rust writes them), for screen
// readers and for reading. Filled when opened, and again when the data change; long lists
// a thousand lines at a time.
import { el, pagedList, panelError, panelGuard } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./frame-loop.js").FrameLoop} FrameLoop */
/** @typedef {import("./i18n.js").Translator} Translator */

/**
 * A heading with the count, and the list: a thousand lines at a time, with a button for
 * the next thousand (any number of lines).
 * @param {Element} parent @param {string} heading the heading, with the count in it
 * @param {string} label the list's name @param {"moreTies" | "moreFarms"} moreKey the "Show more" button's words
 * @param {readonly string[]} lines @param {Translator} i18n
 */
function section(parent, heading, label, moreKey, lines, { t, num }) {
  const list = el("ul", "fm-table-list");
  parent.append(el("h3", "fm-h", heading), list);
  pagedList(list, lines, (line) => el("li", null, line), {
    label,
    // Full numbers (not "1.2K") in the count; `n` picks the plural form.
    moreText: (page, shown, total) => t(moreKey, { n: total, page: num(page), shown: num(shown), total: num(total) }),
  });
}

/**
 * @param {HTMLDetailsElement} table
 * @param {{map: FarmMap, loop: FrameLoop, i18n: Translator}} deps
 * @returns {{refresh: () => void}} refresh: refill if open (after new data)
 */
export function mountTable(table, { map, loop, i18n }) {
  const { t, num } = i18n;
  const summary = el("summary", null, t("tableSummary"));
  table.append(summary);
  // Its own guard: a table that cannot be filled says so; the map and the rest go on.
  const fill = panelGuard(loop, (err) => { table.replaceChildren(summary, panelError(err, t("panelTable"))); })(() => {
    const { farms, ties } = map.tableSentences();
    table.replaceChildren(summary);
    section(table, t("tableTies", { n: num(ties.length) }), t("tableTiesList"), "moreTies", ties, i18n);
    section(table, t("tableFarms", { n: num(farms.length) }), t("tableFarmsList"), "moreFarms", farms, i18n);
  });
  table.addEventListener("toggle", () => { if (table.open) fill(); });
  return { refresh: () => { if (table.open) fill(); } };
}
