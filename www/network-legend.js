// The network pane's legend (node kinds from Rust's `networkLegend()`, then the line kinds
// from `networkLineLegend()`: former ties and money flows only when the data has them) and
// the note on what the network leaves out.
import { el, plural, appendAll } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */

/** @param {HTMLElement} swatch @param {string} label */
function item(swatch, label) {
  const it = el("span", "fm-net-legend-item");
  it.append(swatch, el("span", null, label));
  return it;
}

/**
 * Fill the legend and the note from the current data.
 * @param {HTMLElement} legend
 * @param {HTMLElement} note
 * @param {FarmMap} map
 */
export function updateNetworkLegend(legend, note, map) {
  const kinds = map.networkLegend();
  legend.replaceChildren();
  appendAll(legend, kinds, (k) => {
    const sw = el("span", `fm-net-sw fm-net-sw-${k.shape}`);
    sw.style.background = k.color;
    return item(sw, k.label);
  });
  if (kinds.length) appendAll(legend, map.networkLineLegend(), (l) => {
    const line = el("span", `fm-net-line fm-net-line-${l.shape}`);
    line.style.borderTopColor = l.color;
    return item(line, l.label);
  });
  const { farms, others, leftOut, shown } = map.networkHiddenCounts();
  const parts = [];
  if (!kinds.length) parts.push("No ties between the farms and named people or companies in this data.");
  if (farms) parts.push(`${plural(farms, "farm")} with no owner named by the source ${farms === 1 ? "is" : "are"} not shown.`);
  if (others) parts.push(`${plural(others, "other name")} with no tie ${others === 1 ? "is" : "are"} not shown.`);
  if (leftOut) parts.push(`This network is too large to draw whole: only its ${plural(shown, "best-connected name")} ${shown === 1 ? "is" : "are"} drawn; ${leftOut.toLocaleString("en")} more with ties ${leftOut === 1 ? "is" : "are"} left out.`);
  note.textContent = parts.join(" ");
  note.hidden = parts.length === 0;
}
