// Story navigation: the step's title and text, Previous / Next, arrow keys and PageUp /
// PageDown on the story box, a horizontal swipe, and the URL hash (#step=<id>).
import { el, sourceLink, motion, now } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./pkg/farmmap.js").StoryInfo} StoryInfo */
/** @typedef {StoryInfo["steps"][number]} StepInfo */
/** @typedef {import("./frame-loop.js").FrameLoop} FrameLoop */
/** @typedef {import("./i18n.js").Translator} Translator */

/**
 * @typedef {object} StoryNav
 * @property {(i: number, opts?: {animate?: boolean, fromHash?: boolean}) => void} goTo
 * @property {() => number} step the current step's index, -1 before the first
 * @property {() => void} start show the step the URL names, or the first
 */

/**
 * The step id in a location hash such as "#step=brother", or undefined. Never throws,
 * whatever the hash holds (a lone "%" included).
 * @param {string} hash
 */
export function stepIdFromHash(hash) {
  return new URLSearchParams(hash.replace(/^#/, "")).get("step") ?? undefined;
}

/** "Source: <name>" with a link when Rust found the URL safe. @param {StoryInfo} story @param {Translator["t"]} t */
function sourceLine(story, t) {
  const line = el("p", "fm-source-line");
  const { name, url } = story.source;
  if (name) line.append(`${t("source")} `, url ? sourceLink(url, name) : name);
  return line;
}

/**
 * Swipe left / right on `box` moves by one step.
 * @param {HTMLElement} box @param {(delta: number) => void} move
 */
function onSwipe(box, move) {
  /** @type {[number, number] | null} */
  let start = null;
  box.addEventListener("pointerdown", (e) => { start = [e.clientX, e.clientY]; });
  box.addEventListener("pointerup", (e) => {
    if (!start) return;
    const dx = e.clientX - start[0], dy = e.clientY - start[1];
    start = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > 2 * Math.abs(dy)) move(dx < 0 ? 1 : -1);
  });
}

/**
 * @param {HTMLElement} box the story box (focusable)
 * @param {{map: FarmMap, loop: FrameLoop, hash: boolean, i18n: Translator, onStep: (step: StepInfo, i: number) => void}} deps
 * @returns {StoryNav}
 */
export function mountStoryNav(box, { map, loop, hash, i18n, onStep }) {
  const { t } = i18n;
  const story = map.story();
  const steps = story.steps;
  const title = el("h2", "fm-step-title"), text = el("p", "fm-step-text");
  const nav = el("div", "fm-step-nav");
  const prev = el("button", "fm-btn fm-btn-text", t("prev")), next = el("button", "fm-btn fm-btn-text", t("next"));
  const counter = el("span", "fm-step-count");
  counter.setAttribute("aria-live", "polite");
  nav.append(prev, counter, next);
  box.append(title, text, nav, sourceLine(story, t));
  box.hidden = steps.length === 0;
  let current = -1;
  const goTo = loop.guard(/** @type {StoryNav["goTo"]} */ (i, { animate = true, fromHash = false } = {}) => {
    if (!steps.length) return;
    current = Math.max(0, Math.min(steps.length - 1, i));
    const step = steps[current];
    map.goToStep(current, now(), animate ? motion(900) : 0);
    title.textContent = step.title;
    text.textContent = step.text;
    counter.textContent = t("stepCount", { i: i18n.num(current + 1), n: i18n.num(steps.length) });
    prev.disabled = current === 0;
    next.disabled = current === steps.length - 1;
    if (hash && !fromHash) history.replaceState(null, "", `#step=${encodeURIComponent(step.id)}`);
    onStep(step, current);
    loop.requestDraw();
  });
  /** @param {number} delta */
  const move = (delta) => goTo(current + delta);
  prev.addEventListener("click", () => move(-1));
  next.addEventListener("click", () => move(1));
  box.addEventListener("keydown", (e) => {
    if (e.target instanceof Element && e.target.closest("a")) return;
    if (e.key === "ArrowRight" || e.key === "PageDown") { e.preventDefault(); move(1); }
    if (e.key === "ArrowLeft" || e.key === "PageUp") { e.preventDefault(); move(-1); }
  });
  onSwipe(box, move);
  const fromHash = () => { const id = stepIdFromHash(location.hash); return steps.findIndex((s) => s.id === id); };
  if (hash) addEventListener("hashchange", loop.guard(() => { const i = fromHash(); if (i >= 0 && i !== current) goTo(i, { fromHash: true }); }));
  const start = () => {
    if (!steps.length) return;
    const i = hash ? fromHash() : -1;
    goTo(i >= 0 ? i : 0, { animate: false, fromHash: i >= 0 });
  };
  return { goTo: (i, opts) => { goTo(i, opts); }, step: () => current, start };
}
