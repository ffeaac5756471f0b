// The network pane's legend (node kinds from Rust's `networkLegend()`, then the line kinds
// from `networkLineLegend()`: former ties and money flows only when the data has them) and
// the note on what the network leaves out.
import { el, appendAll } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./i18n.js").Translator} Translator */

/** The catalogue key of each line shape Rust's `networkLineLegend()` names. */
/** @type {Record<string, import("./i18n.js").Key>} */
const LINE_KEYS = { solid: "lineReported", dashed: "lineAlleged", arrow: "lineArrow", dotted: "lineFormer", money: "lineMoney" };

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
 * @param {Translator} i18n
 */
export function updateNetworkLegend(legend, note, map, i18n) {
  const { t } = i18n;
  const kinds = map.networkLegend();
  legend.replaceChildren();
  appendAll(legend, kinds, (k) => {
    const sw = el("span", `fm-net-sw fm-net-sw-${k.shape}`);
    sw.style.background = k.color;
    return item(sw, i18n.label(`kind.${k.label}`, k.label));
  });
  if (kinds.length) appendAll(legend, map.networkLineLegend(), (l) => {
    const line = el("span", `fm-net-line fm-net-line-${l.shape}`);
    line.style.borderTopColor = l.color;
    const key = LINE_KEYS[l.shape];
    return item(line, key ? t(key) : l.label);
  });
  const { farms, others, leftOut, shown } = map.networkHiddenCounts();
  const parts = [];
  if (!kinds.length) parts.push(t("netNoTies"));
  if (farms) parts.push(t("netHiddenFarms", { n: farms }));
  if (others) parts.push(t("netHiddenOthers", { n: others }));
  if (leftOut) parts.push(t("netLeftOut", { n: leftOut, shown }));
  note.textContent = parts.join(" ");
  note.hidden = parts.length === 0;
}
