// The map's legend, from Rust's `legend()` (status colours and labels, precision symbols,
// the owner groups of the cluster rings, the badge); the palette's CSS custom properties
// come from the instance's `styleVariables()` (farmmap.js): no status colour is written in
// CSS or JS.
import { el, panelError, panelGuard } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./pkg/farmmap.js").Legend} Legend */
/** @typedef {import("./frame-loop.js").FrameLoop} FrameLoop */
/** @typedef {import("./i18n.js").Translator} Translator */

/** A class-safe form of a key ("shut down" → "shut-down"). @param {string} key */
const slug = (key) => key.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/**
 * One legend row: a swatch (with `color` as its background, if given) and a label.
 * @param {string} rowCls @param {string} swatchCls @param {string} label @param {string} [color]
 */
function row(rowCls, swatchCls, label, color) {
  const r = el("span", `fm-legend-row ${rowCls}`.trim());
  const sw = el("span", swatchCls);
  if (color) sw.style.background = color;
  r.append(sw, el("span", null, label));
  return r;
}

/**
 * The owner groups now on the cluster rings, and the cluster badge explained in words.
 * @param {Legend} legend @param {Translator["t"]} t
 */
function clusters(legend, t) {
  const box = el("div", "fm-legend-groups");
  if (legend.ownerGroups.length) {
    box.append(el("h3", "fm-h fm-h-small", t("legendGroups")));
    for (const g of legend.ownerGroups) box.append(row("", "fm-sw", g.name, g.color));
  }
  box.append(el("p", "fm-legend-badge", t("badge")));
  return box;
}

/**
 * Build the legend in `box` (a <details>: its summary names the statuses with their colours,
 * so a closed legend still keys the map); `update()` rebuilds it after the data change. A
 * legend that cannot be built says so in its box (opened, so the error is seen); the map goes on.
 * @param {HTMLDetailsElement} box
 * @param {FarmMap} map
 * @param {Translator} i18n
 * @param {boolean} open open at first (the wide layout has room for it)
 * @param {Pick<FrameLoop, "fail" | "broken">} [loop] the page's frame loop (a trap stops the
 *   map through it); without one, a trap is thrown on
 * @returns {{update: () => void}}
 */
export function mountLegend(box, map, i18n, open, loop = { fail: (err) => { throw err; }, broken: () => false }) {
  const { t } = i18n;
  box.open = open;
  const title = () => {
    const summary = el("summary", "fm-legend-summary");
    summary.append(el("span", "fm-legend-title", t("legend")));
    return summary;
  };
  const show = (/** @type {unknown} */ err) => {
    box.replaceChildren(title(), panelError(err, t("panelLegend")));
    box.open = true;
  };
  const update = panelGuard(loop, show)(() => {
    const legend = map.legend();
    const summary = title();
    const body = el("div", "fm-legend-body");
    for (const s of legend.statuses) {
      const label = i18n.label(`status.${s.key}`, s.label);
      summary.append(row("fm-legend-status", `fm-sw fm-sw-${slug(s.key)}`, label, s.color));
    }
    for (const p of legend.precisions) body.append(row("fm-legend-precision", `fm-sym fm-sym-${slug(p.key)}`, i18n.label(`precision.${p.key}`, p.label)));
    body.append(clusters(legend, t));
    box.replaceChildren(summary, body);
  });
  update();
  return { update: () => { update(); } };
}
