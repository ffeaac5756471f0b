// The frame loop and the guard every call from JS into the wasm goes through: at most one
// `draw` per animation frame, and after the first exception nothing more runs and the map
// is replaced by an error box.
import { errorBox } from "./dom.js";

/**
 * @typedef {object} FrameLoop
 * @property {<A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => R | undefined} guard
 *   wraps a handler: it does nothing once the map has failed, and an exception stops the map
 * @property {() => void} requestDraw ask for a frame (several requests give one frame)
 * @property {(err: unknown) => void} fail stop the map and show the error in its place
 * @property {() => boolean} broken whether the map has stopped
 */

/**
 * @param {(now: number) => boolean} draw draws one frame; true when more frames are needed
 * @param {Element} shell what the error box replaces
 * @returns {FrameLoop}
 */
export function createFrameLoop(draw, shell) {
  let requested = false;
  let stopped = false;
  let firstFrame = false;
  /** @param {unknown} err */
  const fail = (err) => {
    stopped = true;
    console.error("farmmap:", err);
    shell.replaceChildren(errorBox(err, "The map stopped"));
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
