// The words about one farm: its tooltip, its details panel and what a screen reader hears
// when it gets keyboard focus. Everything comes from Rust's FarmInfo (labels, the checked
// source URL and its host); text is set with textContent only.
import { el, sourceLink } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmInfo} FarmInfo */

/** @param {string} s */
const capitalised = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The tooltip's lines: name (first), owner, status · precision, source host.
 * @param {FarmInfo} f
 * @returns {string[]}
 */
export function farmTooltipLines(f) {
  return [
    f.name,
    f.owner ? `Tied to: ${f.owner}` : "Owner not named by the source",
    `${capitalised(f.statusLabel)} · ${f.precisionLabel}`,
    f.sourceHost ? `Source: ${f.sourceHost}` : "No source given",
  ];
}

/** The details panel's text before anything is selected. */
export const NOTHING_SELECTED = "Select a farm on the map to see its details and source.";

/**
 * Fill the details panel with one farm, or the hint when `f` is undefined.
 * @param {HTMLElement} details
 * @param {FarmInfo | undefined} f
 */
export function renderDetails(details, f) {
  if (!f) {
    details.replaceChildren(el("p", "fm-muted", NOTHING_SELECTED));
    return;
  }
  const dl = el("dl", "fm-dl");
  /** @param {string} k @param {string} v */
  const row = (k, v) => { dl.append(el("dt", null, k), el("dd", null, v)); };
  row("Tied to", f.owner || "not named by the source");
  row("Status", f.statusLabel);
  row("Capacity", f.capacityMw === undefined ? "not known" : `${f.capacityMw} MW`);
  row("Location", `${f.precisionLabel} (${f.lat.toFixed(3)}, ${f.lng.toFixed(3)})`);
  for (const [k, v] of f.extra) row(k.replace(/_/g, " "), v);
  details.replaceChildren(el("h2", "fm-h", f.name), dl);
  if (f.sourceUrl) {
    const p = el("p", "fm-source", "Source: ");
    p.append(sourceLink(f.sourceUrl, f.sourceHost || f.sourceUrl));
    details.append(p);
  }
}

/**
 * What a screen reader hears when a farm gets keyboard focus.
 * @param {FarmInfo} f
 */
export function farmFocusText(f) {
  return `${f.name}. ${f.statusLabel}, ${f.precisionLabel}.${f.owner ? ` Tied to ${f.owner}.` : ""} Enter for details.`;
}
