// The frame loop and the guard every call from JS into the wasm goes through: at most one
// `draw` per animation frame, and after the first exception nothing more runs and the map
// is replaced by an error box (with "Reload the map", which starts a fresh wasm instance).
// `guardWasm` puts the same guard on the wasm object itself, so a call from any module —
// an event handler, an observer, a panel — that crashes the instance stops this map only.
import { button, errorBox } from "./dom.js";
import { ENGLISH } from "./i18n.js";

/**
 * @typedef {object} FrameLoop
 * @property {<A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => R | undefined} guard
 *   wraps a handler: it does nothing once the map has failed, and an exception stops the map
 * @property {() => void} requestDraw ask for a frame (several requests give one frame)
 * @property {(err: unknown) => void} fail stop the map and show the error in its place
 * @property {() => boolean} broken whether the map has stopped
 */

/**
 * @typedef {object} FrameLoopOptions
 * @property {() => void} [reload] offered as "Reload the map" in the error box
 * @property {import("./i18n.js").Translator["t"]} [t] the embed's strings (i18n.js; English by default):
 *   "stopped" leads the error box, "reload" labels its button, and "crashed" stands for a
 *   trap's own message ("unreachable": the reader's build aborts at once on a panic)
 */

/**
 * Whether `err` means the wasm instance itself is dead: a trap, or a Rust panic (thrown as
 * an Error named "FarmmapPanic" by the panic hook in src/web/mod.rs).
 * @param {unknown} err
 */
export const isCrash = (err) =>
  err instanceof WebAssembly.RuntimeError || (err instanceof Error && err.name === "FarmmapPanic");

/**
 * @param {(now: number) => boolean} draw draws one frame; true when more frames are needed
 * @param {Element} shell what the error box replaces
 * @param {FrameLoopOptions} [options]
 * @returns {FrameLoop}
 */
export function createFrameLoop(draw, shell, { reload, t = ENGLISH.t } = {}) {
  let requested = false;
  let stopped = false;
  let firstFrame = false;
  /** @param {unknown} err */
  const fail = (err) => {
    if (stopped) return;
    stopped = true;
    console.error("farmmap:", err);
    const box = errorBox(err instanceof WebAssembly.RuntimeError ? t("crashed") : err, t("stopped"));
    if (reload) {
      const again = button(t("reload"), t("reload"), "fm-btn fm-btn-text fm-reload");
      again.addEventListener("click", () => { again.disabled = true; reload(); }, { once: true });
      box.append(" ", again);
    }
    shell.replaceChildren(box);
  };
  /** @type {FrameLoop["guard"]} */
  const guard = (fn) => (...args) => {
    if (stopped) return undefined;
    try { return fn(...args); } catch (err) { fail(err); return undefined; }
  };
  const frame = guard(/** @param {number} now */ (now) => {
    requested = false;
    if (draw(now)) requestDraw();
    if (!firstFrame) { firstFrame = true; performance.mark("farmmap:first-frame"); }
  });
  const requestDraw = () => {
    if (requested || stopped) return;
    requested = true;
    requestAnimationFrame(frame);
  };
  return { guard, requestDraw, fail, broken: () => stopped };
}

/** Whether `v` is an object wasm-bindgen made (its methods call into the instance). @param {unknown} v */
const isWasmObject = (v) => typeof v === "object" && v !== null && "__wbg_ptr" in v;

/**
 * `target` (a wasm-bindgen object) behind the guard: a call that crashes the instance calls
 * `onCrash(err)` once and rethrows; after that every call does nothing and returns
 * undefined. Objects the calls return (e.g. a `ChartHitMap`) get the same guard. Ordinary
 * errors (a missing step, a bad file) pass through unchanged.
 * @template {object} T
 * @param {T} target
 * @param {(err: unknown) => void} onCrash
 * @returns {T}
 */
export function guardWasm(target, onCrash) {
  let dead = false;
  /** @template {object} U @param {U} obj @returns {U} */
  const wrap = (obj) => new Proxy(obj, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t);
      if (typeof value !== "function") return value;
      return (/** @type {unknown[]} */ ...args) => {
        if (dead) return undefined;
        try {
          const result = value.apply(t, args);
          return isWasmObject(result) ? wrap(/** @type {object} */ (result)) : result;
        } catch (err) {
          if (isCrash(err)) { dead = true; onCrash(err); }
          throw err;
        }
      };
    },
  });
  return wrap(target);
}
