// The table view: every farm and every tie as a sentence (Rust writes them), for screen
// readers and for reading. Filled when opened, and again when the data change; long lists
// a thousand lines at a time.
import { el, pagedList, panelError, panelGuard } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./frame-loop.js").FrameLoop} FrameLoop */

/**
 * A heading with the count, and the list: a thousand lines at a time, with a button for
 * the next thousand (any number of lines).
 * @param {Element} parent @param {string} title @param {readonly string[]} lines
 */
function section(parent, title, lines) {
  const list = el("ul", "fm-table-list");
  parent.append(el("h3", "fm-h", `${title} (${lines.length.toLocaleString("en-US")})`), list);
  pagedList(list, lines, (t) => el("li", null, t), { noun: title.toLowerCase(), label: title });
}

/**
 * @param {HTMLDetailsElement} table
 * @param {{map: FarmMap, loop: FrameLoop}} deps
 * @returns {{refresh: () => void}} refresh: refill if open (after new data)
 */
export function mountTable(table, { map, loop }) {
  const summary = el("summary", null, "Table view: every farm and tie as a sentence");
  table.append(summary);
  // Its own guard: a table that cannot be filled says so; the map and the rest go on.
  const fill = panelGuard(loop, (err) => { table.replaceChildren(summary, panelError(err, "table")); })(() => {
    const { farms, ties } = map.tableSentences();
    table.replaceChildren(summary);
    section(table, "Ties", ties);
    section(table, "Farms", farms);
  });
  table.addEventListener("toggle", () => { if (table.open) fill(); });
  return { refresh: () => { if (table.open) fill(); } };
}
