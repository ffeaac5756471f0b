// The map's legend, from Rust's `legend()` (status colours and labels, precision symbols,
// the owner groups of the cluster rings, the badge), and the palette's CSS custom
// properties from `styleVariables()`: no status colour is written in CSS or JS.
import { styleVariables } from "./pkg/farmmap.js";
import { el, panelError, panelGuard } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./pkg/farmmap.js").Legend} Legend */
/** @typedef {import("./frame-loop.js").FrameLoop} FrameLoop */

/**
 * Set Rust's palette as CSS custom properties (`--fm-status-operating`, …) on `shell`.
 * @param {HTMLElement} shell
 */
export function applyStyleVariables(shell) {
  for (const { name, value } of styleVariables()) shell.style.setProperty(name, value);
}

/** A class-safe form of a key ("shut down" → "shut-down"). @param {string} key */
const slug = (key) => key.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/**
 * One legend row: a swatch (with `color` as its background, if given) and a label.
 * @param {string} rowCls @param {string} swatchCls @param {string} label @param {string} [color]
 */
function row(rowCls, swatchCls, label, color) {
  const r = el("div", `fm-legend-row ${rowCls}`.trim());
  const sw = el("span", swatchCls);
  if (color) sw.style.background = color;
  r.append(sw, el("span", null, label));
  return r;
}

/** The owner groups now on the cluster rings, with the badge explained. @param {Legend} legend */
function groups(legend) {
  const box = el("div", "fm-legend-groups");
  if (!legend.ownerGroups.length) return box;
  box.append(el("h3", "fm-h fm-h-small", "Clusters: ring shows who farms are tied to"));
  for (const g of legend.ownerGroups) box.append(row("", "fm-sw", g.name, g.color));
  if (legend.clusterBadge) box.append(el("p", "fm-legend-badge", legend.clusterBadge));
  return box;
}

/**
 * Build the legend in `box`; `update()` rebuilds it after the data change. A legend that
 * cannot be built says so in its box; the map goes on.
 * @param {HTMLElement} box
 * @param {FarmMap} map
 * @param {Pick<FrameLoop, "fail" | "broken">} [loop] the page's frame loop (a trap stops the
 *   map through it); without one, a trap is thrown on
 * @returns {{update: () => void}}
 */
export function mountLegend(box, map, loop = { fail: (err) => { throw err; }, broken: () => false }) {
  const show = (/** @type {unknown} */ err) => { box.replaceChildren(el("h2", "fm-h", "Legend"), panelError(err, "legend")); };
  const update = panelGuard(loop, show)(() => {
    const legend = map.legend();
    box.replaceChildren(el("h2", "fm-h", "Legend"));
    for (const s of legend.statuses) box.append(row("fm-legend-status", `fm-sw fm-sw-${slug(s.key)}`, s.label, s.color));
    for (const p of legend.precisions) box.append(row("fm-legend-precision", `fm-sym fm-sym-${slug(p.key)}`, p.label));
    box.append(groups(legend));
  });
  update();
  return { update: () => { update(); } };
}
