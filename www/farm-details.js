// The words about one farm: its tooltip, its details panel and what a screen reader hears
// when it gets keyboard focus. Everything comes from Rust's FarmInfo (labels, the checked
// source URL and its host); text is set with textContent only.
import { el, sourceLink } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmInfo} FarmInfo */
/** @typedef {import("./i18n.js").Translator} Translator */

/** @param {string} s */
const capitalised = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** Rust's status and precision labels, in the embed's language. @param {FarmInfo} f @param {Translator} i18n */
const labels = (f, i18n) => [i18n.label(`status.${f.status}`, f.statusLabel), i18n.label(`precision.${f.precision}`, f.precisionLabel)];

/**
 * The tooltip's lines: name (first), owner, status · precision, source host.
 * @param {FarmInfo} f
 * @param {Translator} i18n
 * @returns {string[]}
 */
export function farmTooltipLines(f, i18n) {
  const { t } = i18n;
  const [status, precision] = labels(f, i18n);
  return [
    f.name,
    f.owner ? t("tiedTo", { owner: f.owner }) : t("ownerUnnamed"),
    `${capitalised(status)} · ${precision}`,
    f.sourceHost ? t("sourceHost", { host: f.sourceHost }) : t("noSource"),
  ];
}

/**
 * Fill the details panel with one farm, or the hint when `f` is undefined.
 * @param {HTMLElement} details
 * @param {FarmInfo | undefined} f
 * @param {Translator} i18n
 */
export function renderDetails(details, f, i18n) {
  const { t } = i18n;
  if (!f) {
    details.replaceChildren(el("p", "fm-muted", t("nothingSelected")));
    return;
  }
  const [status, precision] = labels(f, i18n);
  const dl = el("dl", "fm-dl");
  /** @param {string} k @param {string} v */
  const row = (k, v) => { dl.append(el("dt", null, k), el("dd", null, v)); };
  row(t("dtTiedTo"), f.owner || t("ddUnnamed"));
  row(t("dtStatus"), status);
  row(t("dtCapacity"), f.capacityMw === undefined ? t("ddUnknown") : t("mw", { n: i18n.num(f.capacityMw) }));
  row(t("dtLocation"), `${precision} (${f.lat.toFixed(3)}, ${f.lng.toFixed(3)})`);
  if (f.date) row(t("dtDate"), f.date);
  for (const [k, v] of f.extra) row(k.replace(/_/g, " "), v);
  details.replaceChildren(el("h2", "fm-h", f.name), dl);
  if (f.sourceUrl) {
    const p = el("p", "fm-source", `${t("source")} `);
    p.append(sourceLink(f.sourceUrl, f.sourceHost || f.sourceUrl));
    details.append(p);
  }
}

/**
 * What a screen reader hears when a farm gets keyboard focus.
 * @param {FarmInfo} f
 * @param {Translator} i18n
 */
export function farmFocusText(f, i18n) {
  const [status, precision] = labels(f, i18n);
  const owner = f.owner ? i18n.t("farmFocusOwner", { owner: f.owner }) : "";
  return i18n.t("farmFocus", { name: f.name, status, precision, owner });
}
