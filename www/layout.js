// The embed's layout and theme. Below 1,000 px of embed width the map and the network are
// two views of one box behind a "Map | Network" tab switch (WAI-ARIA tabs); at 1,000 px or
// more, or when the publisher asks (`layout="wide"`), they sit side by side. The theme is the
// reader's `prefers-color-scheme` unless the publisher sets `theme="dark"` / `"light"`.
import { el } from "./dom.js";

/** @typedef {import("./i18n.js").Translator} Translator */
/** @typedef {"auto" | "wide"} LayoutMode */
/** @typedef {"auto" | "dark" | "light"} ThemeMode */
/** @typedef {"map" | "network"} View */

/** The embed width from which map and network sit side by side. */
export const WIDE_FROM_PX = 1000;

/**
 * @typedef {object} Views
 * @property {HTMLElement} tabs the tab list (hidden in the wide layout)
 * @property {(view: View, focus?: boolean) => void} show
 * @property {(on: boolean) => void} setNetworkAvailable false: the network view is not offered at all
 * @property {(text: string) => void} markLit after the Map tab's name: how many farms the network lit ("" for none)
 * @property {() => boolean} wide
 * @property {(t: Translator["t"]) => void} rename the tabs' names in another language
 */

/** @param {string | null | undefined} v @returns {LayoutMode} */
export const layoutMode = (v) => (v === "wide" ? "wide" : "auto");
/** @param {string | null | undefined} v @returns {ThemeMode} */
export const themeMode = (v) => (v === "dark" || v === "light" ? v : "auto");

/**
 * Dark or light on `targets` (class `fm-dark`), following the reader's setting when `mode` is
 * "auto" (live, when the setting changes); always light while printing (paper is white).
 * `onChange(dark)` is called now and on each change, until `signal` aborts (an embed that is
 * rebuilt stops listening). Returns whether it is dark now.
 * @param {Element[]} targets @param {ThemeMode} mode @param {(dark: boolean) => void} [onChange]
 * @param {AbortSignal} [signal]
 */
export function applyTheme(targets, mode, onChange, signal) {
  const query = matchMedia("(prefers-color-scheme: dark)");
  const print = matchMedia("print");
  /** @type {boolean | undefined} */
  let was;
  let printing = false; // between beforeprint and afterprint (the media query may lag)
  const set = () => {
    const dark = !printing && !print.matches && (mode === "dark" || (mode === "auto" && query.matches));
    for (const t of targets) t.classList.toggle("fm-dark", dark);
    if (dark !== was) onChange?.(dark);
    was = dark;
    return dark;
  };
  const opts = { signal };
  if (mode === "auto") query.addEventListener("change", set, opts);
  print.addEventListener("change", set, opts);
  addEventListener("beforeprint", () => { printing = true; set(); }, opts);
  addEventListener("afterprint", () => { printing = false; set(); }, opts);
  return set();
}

/**
 * One tab of the switch (its name is set by `rename`).
 * @param {string} id @param {HTMLElement} panel
 */
function tab(id, panel) {
  const b = el("button", "fm-tab");
  b.type = "button";
  b.id = `${id}-tab`;
  b.setAttribute("role", "tab");
  b.setAttribute("aria-controls", panel.id);
  b.append(el("span"), el("span", "fm-tab-count"));
  panel.setAttribute("role", "tabpanel");
  panel.setAttribute("aria-labelledby", b.id);
  return b;
}

let nextId = 0;

/**
 * The tab switch before `mapBox` and `netBox` (both inside `views`); the wide class on `shell`
 * follows the width of `shell`'s parent.
 * @param {HTMLElement} shell @param {HTMLElement} views @param {HTMLElement} mapBox @param {HTMLElement} netBox
 * @param {{t: Translator["t"], layout: LayoutMode}} opts
 * @returns {Views}
 */
export function mountViews(shell, views, mapBox, netBox, { t, layout }) {
  const id = `fm${++nextId}`;
  mapBox.id = `${id}-map`;
  netBox.id = `${id}-net`;
  const tabs = el("div", "fm-tabs");
  tabs.setAttribute("role", "tablist");
  const mapTab = tab(`${id}-map`, mapBox), netTab = tab(`${id}-net`, netBox);
  /** @param {Translator["t"]} t */
  const rename = (t) => {
    tabs.setAttribute("aria-label", t("views"));
    /** @type {HTMLElement} */ (mapTab.firstElementChild).textContent = t("tabMap");
    /** @type {HTMLElement} */ (netTab.firstElementChild).textContent = t("tabNetwork");
  };
  rename(t);
  tabs.append(mapTab, netTab);
  views.before(tabs);
  /** @type {View} */
  let current = "map";
  let available = true;
  const isWide = () => shell.classList.contains("fm-wide");
  const sync = () => {
    const wide = isWide();
    tabs.hidden = wide || !available;
    for (const [b, panel, v] of /** @type {const} */ ([[mapTab, mapBox, "map"], [netTab, netBox, "network"]])) {
      const on = v === current;
      b.setAttribute("aria-selected", String(on));
      b.tabIndex = on ? 0 : -1;
      panel.hidden = v === "network" ? !available || (!wide && !on) : !wide && !on;
      if (wide) panel.removeAttribute("role"); else panel.setAttribute("role", "tabpanel");
    }
  };
  /** @type {Views["show"]} */
  const show = (view, focus = false) => {
    current = view === "network" && !available ? "map" : view;
    sync();
    if (focus) (current === "map" ? mapTab : netTab).focus();
  };
  mapTab.addEventListener("click", () => show("map"));
  netTab.addEventListener("click", () => show("network"));
  tabs.addEventListener("keydown", (e) => {
    const keys = { ArrowLeft: "map", ArrowRight: "network", Home: "map", End: "network" };
    const to = /** @type {Record<string, View>} */ (keys)[e.key];
    if (to) { e.preventDefault(); show(to, true); }
  });
  const measure = () => {
    const width = (shell.parentElement ?? shell).getBoundingClientRect().width;
    const wide = layout === "wide" || width >= WIDE_FROM_PX;
    if (wide !== isWide()) { shell.classList.toggle("fm-wide", wide); sync(); }
  };
  measure();
  sync();
  if (shell.parentElement) new ResizeObserver(measure).observe(shell.parentElement);
  const count = /** @type {HTMLElement} */ (mapTab.lastElementChild);
  return {
    tabs, show, wide: isWide, rename,
    setNetworkAvailable: (on) => { available = on; show(current); },
    markLit: (text) => { count.textContent = text ? ` · ${text}` : ""; },
  };
}
