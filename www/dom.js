// DOM helpers shared by every farmmap module: element creation, the error box, downloads,
// the live region and long lists. Text from data is only ever set with textContent.

/**
 * A new element with an optional class and text (set with textContent, never as HTML).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string | null} [cls]
 * @param {string | null} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

/**
 * A button of the map's style with an accessible name.
 * @param {string} text
 * @param {string} label
 * @param {string} [cls]
 */
export function button(text, label, cls = "fm-btn") {
  const b = el("button", cls, text);
  b.type = "button";
  b.setAttribute("aria-label", label);
  return b;
}

/**
 * A link to a source that opens in a new tab. `url` must come from Rust's URL check
 * (`sourceUrl`, `source.url`): this module never judges URLs.
 * @param {string} url
 * @param {string} text
 */
export function sourceLink(url, text) {
  const a = el("a", null, text);
  a.href = url;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  return a;
}

/** @param {unknown} err */
const messageOf = (err) => (err instanceof Error ? err.message : String(err));

/**
 * The error box an embed shows instead of the map (the host page is left alone).
 * @param {unknown} err
 * @param {string} [lead]
 */
export function errorBox(err, lead = "This map could not be shown") {
  const box = el("div", "fm-error", `${lead}: ${messageOf(err)}`);
  box.setAttribute("role", "alert");
  return box;
}

/**
 * A panel's own error line ("This chart could not be drawn: …"), shown in the panel's place
 * while the map and the other panels keep working.
 * @param {unknown} err
 * @param {string} lead the sentence before the error's message, in the embed's language
 *   (i18n.js: panelChart, panelNetwork, panelTable, panelLegend)
 */
export function panelError(err, lead) {
  const p = el("p", "fm-panel-error", `${lead}: ${messageOf(err)}`);
  p.setAttribute("role", "alert");
  return p;
}

/**
 * A panel's guard: an exception in a wrapped function calls `show(err)` (the panel shows its
 * own error) instead of stopping the whole map, as the frame loop's guard does. A trap of
 * the wasm itself (WebAssembly.RuntimeError) still stops the map: the instance cannot be
 * trusted after one. Nothing runs once the map has stopped.
 * @param {{fail: (err: unknown) => void, broken: () => boolean}} loop
 * @param {(err: unknown) => void} show
 * @returns {<A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => R | undefined}
 */
export function panelGuard(loop, show) {
  return (fn) => (...args) => {
    if (loop.broken()) return undefined;
    try {
      return fn(...args);
    } catch (err) {
      if (err instanceof WebAssembly.RuntimeError) { loop.fail(err); return undefined; }
      console.warn("farmmap: a panel failed:", err);
      try { show(err); } catch (e) { loop.fail(e); }
      return undefined;
    }
  };
}

/**
 * Save a blob as a file: a temporary link in `parent` (so it works inside a shadow root).
 * @param {Blob} blob
 * @param {string} name
 * @param {Element | ShadowRoot} parent
 */
export function download(blob, name, parent) {
  const a = el("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  parent.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 5000);
}

/**
 * The polite live region screen readers hear, and the function that speaks into it.
 * @returns {{node: HTMLDivElement, announce: (text: string) => void}}
 */
export function liveRegion() {
  const node = el("div", "fm-live fm-sr-only");
  node.setAttribute("aria-live", "polite");
  return { node, announce: (text) => { node.textContent = text; } };
}

/**
 * "1 farm", "3 farms".
 * @param {number} n
 * @param {string} one
 * @param {string} [many]
 */
export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** An animation's length, or 0 when the reader prefers reduced motion. @param {number} ms */
export const motion = (ms) => (matchMedia("(prefers-reduced-motion: reduce)").matches ? 0 : ms);

/** Milliseconds since the page started, as `draw` and the animations take them. */
export const now = () => performance.now();

/**
 * Append one element per item, in chunks through a DocumentFragment, so a list of any size
 * never goes through one call's argument list.
 * @template T
 * @param {Element} parent
 * @param {readonly T[]} items
 * @param {(item: T, index: number) => Node} make
 */
export function appendAll(parent, items, make) {
  const CHUNK = 2048;
  for (let start = 0; start < items.length; start += CHUNK) {
    const frag = document.createDocumentFragment();
    const end = Math.min(items.length, start + CHUNK);
    for (let k = start; k < end; k++) frag.appendChild(make(items[k], k));
    parent.appendChild(frag);
  }
}

/** The "Show more" button after each paged list. @type {WeakMap<Element, HTMLButtonElement>} */
const moreButtons = new WeakMap();

/**
 * A long list shown a page at a time: the first `page` items, then a "Show more" button
 * after the list that says how many of how many are shown. The list must be in the DOM (the
 * button goes after it); calling again replaces the items and the button.
 * @template T
 * @param {Element} list
 * @param {readonly T[]} items
 * @param {(item: T) => Node} make
 * @param {{page?: number, noun?: string, label?: string, moreText?: (next: number, shown: number, total: number) => string}} [options]
 *   noun: what an item is, plural ("problems"); label: the list's accessible name; moreText:
 *   the button's words in the embed's language (English with `noun` by default). The list
 *   is focusable, so a keyboard can scroll it when CSS makes it a scrolling box.
 * @returns {HTMLButtonElement} the button (hidden when everything is shown)
 */
export function pagedList(list, items, make, { page = 1000, noun = "items", label, moreText } = {}) {
  /** @param {number} n */
  const en = (n) => n.toLocaleString("en-US");
  const words = moreText ?? ((next, shown, total) => `Show ${en(next)} more (${en(shown)} of ${en(total)} ${noun} shown)`);
  moreButtons.get(list)?.remove();
  if (!list.hasAttribute("tabindex")) list.setAttribute("tabindex", "0");
  if (label) list.setAttribute("aria-label", label);
  const more = el("button", "fm-btn fm-btn-text fm-more");
  more.type = "button";
  moreButtons.set(list, more);
  list.replaceChildren();
  let shown = 0;
  const next = () => {
    const end = Math.min(items.length, shown + page);
    appendAll(list, items.slice(shown, end), make);
    shown = end;
    const left = items.length - shown;
    more.hidden = left === 0;
    more.textContent = words(Math.min(page, left), shown, items.length);
  };
  more.addEventListener("click", next);
  next();
  list.after(more);
  return more;
}

/**
 * Pointer position in CSS pixels relative to an element's top-left corner.
 * @param {Element} target
 * @param {{clientX: number, clientY: number}} e
 * @returns {[number, number]}
 */
export function localPoint(target, e) {
  const r = target.getBoundingClientRect();
  return [e.clientX - r.left, e.clientY - r.top];
}

/**
 * Keep a canvas's backing store in step with its CSS size: calls `resize(w, h, dpr)` now
 * and whenever the element's size changes.
 * @param {HTMLCanvasElement} canvas
 * @param {(w: number, h: number, dpr: number) => void} resize
 */
export function observeSize(canvas, resize) {
  let last = "";
  const apply = () => {
    const r = canvas.getBoundingClientRect();
    const size = /** @type {const} */ ([Math.max(1, r.width), Math.max(1, r.height), devicePixelRatio || 1]);
    // The observer's first report repeats the size measured at once: no second frame for it.
    if (size.join() === last) return;
    last = size.join();
    resize(...size);
  };
  new ResizeObserver(apply).observe(canvas);
  apply();
}
