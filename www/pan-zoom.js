// One pan-zoom controller for a canvas, shared by the map and the network pane: drag to pan
// (or to drag whatever `grab` returns), pinch, wheel, double click / double tap, hover and
// tap, the zoom buttons and the keyboard (arrows, + - 0, Tab / Enter / Escape for focus).
// What each gesture does to the view is given as callbacks; every handler goes through the
// frame loop's guard and asks for a frame.
import { pinch } from "./gestures.js";
import { localPoint } from "./dom.js";

/** @typedef {[number, number]} Point */
/** @typedef {import("./frame-loop.js").FrameLoop} FrameLoop */

/**
 * @typedef {object} PanZoomView
 * @property {(dx: number, dy: number) => void} panBy
 * @property {(x: number, y: number, delta: number) => void} zoomAt immediate zoom (wheel, pinch)
 * @property {(x: number, y: number, dir: number, ms: number) => void} zoomStep one level in (1) or
 *   out (-1) around (x, y), animated over `ms` where the view animates
 * @property {() => void} reset back to the whole view
 * @property {number} keyStep how far an arrow key pans, in CSS px
 * @property {(e: WheelEvent) => boolean} wheelAllowed whether this wheel event zooms
 * @property {(p: Point, e: PointerEvent) => void} hover the pointer moves with no button down
 * @property {() => void} leave the pointer left with no button down
 * @property {(p: Point, e: PointerEvent) => void} tap a click or tap that did not move
 * @property {() => void} interacted a drag or pinch started moving the view (hide tooltips)
 * @property {boolean} [doubleTapZooms] a quick second tap (touch, pen) zooms in
 * @property {(p: Point) => boolean} [dblclickZooms] whether a double click at p zooms
 * @property {(p: Point, e: PointerEvent) => number | undefined} [grab] something to drag instead of panning
 * @property {(target: number, p: Point) => void} [dragTo] move the grabbed thing
 * @property {(target: number) => void} [dropped] the grabbed thing was dragged and let go
 * @property {(dir: number) => boolean} focusMove Tab / Shift+Tab: false when focus leaves the items
 * @property {() => void} focusClear
 * @property {() => boolean} focusActivate Enter / Space on the focused item; false if none
 * @property {() => void} escape
 */

/** Pointer travel (CSS px) under which a press is a tap, and over which a grab drags. */
const TAP_SLOP = 6;
const DRAG_START = 4;
const DOUBLE_TAP_MS = 300;

export class PanZoom {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {PanZoomView} view
   * @param {FrameLoop} loop
   */
  constructor(canvas, view, loop) {
    this.canvas = canvas;
    this.view = view;
    this.loop = loop;
    /** @type {Map<number, Point>} */
    this.pointers = new Map();
    this.moved = 0;
    this.lastTap = 0;
    /** @type {number | undefined} */
    this.grabbed = undefined;
    this.attach();
  }

  /** @private */
  attach() {
    const c = this.canvas, g = this.loop.guard;
    c.addEventListener("pointerdown", g((e) => this.down(e)));
    c.addEventListener("pointermove", g((e) => this.move(e)));
    c.addEventListener("pointerup", g((e) => this.release(e)));
    c.addEventListener("pointercancel", g((e) => this.release(e)));
    c.addEventListener("pointerleave", g(() => { if (!this.pointers.size) this.view.leave(); }));
    c.addEventListener("dblclick", g((e) => this.dblclick(e)));
    c.addEventListener("wheel", g((e) => this.wheel(e)), { passive: false });
    c.addEventListener("keydown", g((e) => this.key(e)));
    c.addEventListener("blur", g(() => { this.view.focusClear(); this.loop.requestDraw(); }));
  }

  /**
   * Wire the +, − and reset buttons.
   * @param {{zoomIn: HTMLButtonElement, zoomOut: HTMLButtonElement, reset: HTMLButtonElement}} buttons
   */
  buttons({ zoomIn, zoomOut, reset }) {
    const g = this.loop.guard;
    zoomIn.addEventListener("click", g(() => this.step(1)));
    zoomOut.addEventListener("click", g(() => this.step(-1)));
    reset.addEventListener("click", g(() => { this.view.reset(); this.loop.requestDraw(); }));
  }

  /** The canvas centre in CSS px. @returns {Point} */
  centre() { return [this.canvas.clientWidth / 2, this.canvas.clientHeight / 2]; }

  /** Zoom one level in (1) or out (-1) around the centre. @param {number} dir */
  step(dir) {
    const [x, y] = this.centre();
    this.view.zoomStep(x, y, dir, 250);
    this.loop.requestDraw();
  }

  /** @private @param {PointerEvent} e */
  down(e) {
    this.canvas.setPointerCapture(e.pointerId);
    const p = localPoint(this.canvas, e);
    this.pointers.set(e.pointerId, p);
    this.moved = 0;
    this.grabbed = this.pointers.size === 1 && this.view.grab ? this.view.grab(p, e) : undefined;
  }

  /** @private @param {PointerEvent} e */
  move(e) {
    const p = localPoint(this.canvas, e);
    const prev = this.pointers.get(e.pointerId);
    if (!prev) { this.view.hover(p, e); return; }
    this.moved += Math.abs(p[0] - prev[0]) + Math.abs(p[1] - prev[1]);
    if (this.pointers.size === 1) this.drag(prev, p);
    else if (this.pointers.size === 2) this.pinch(prev, p);
    this.pointers.set(e.pointerId, p);
    this.loop.requestDraw();
  }

  /** @private @param {Point} prev @param {Point} p */
  drag(prev, p) {
    if (this.grabbed === undefined) {
      this.view.panBy(p[0] - prev[0], p[1] - prev[1]);
      this.view.interacted();
    } else if (this.moved > DRAG_START && this.view.dragTo) {
      this.view.dragTo(this.grabbed, p);
      this.view.interacted();
    }
  }

  /** @private @param {Point} prev @param {Point} p */
  pinch(prev, p) {
    const g = pinch(this.pointers, prev, p);
    if (!g) return;
    if (g.dz) this.view.zoomAt(g.cx, g.cy, g.dz);
    this.view.panBy(g.dx, g.dy);
    this.moved += 10;
  }

  /** @private @param {PointerEvent} e */
  release(e) {
    if (!this.pointers.has(e.pointerId)) return;
    const p = localPoint(this.canvas, e);
    this.pointers.delete(e.pointerId);
    const grabbed = this.grabbed;
    this.grabbed = undefined;
    if (grabbed !== undefined && this.moved > DRAG_START) this.view.dropped?.(grabbed);
    if (e.type !== "pointerup" || this.pointers.size > 0 || this.moved > TAP_SLOP) return;
    const t = performance.now();
    if (this.view.doubleTapZooms && e.pointerType !== "mouse" && t - this.lastTap < DOUBLE_TAP_MS) {
      this.lastTap = 0;
      this.view.zoomStep(p[0], p[1], 1, 300);
      this.loop.requestDraw();
      return;
    }
    this.lastTap = t;
    this.view.tap(p, e);
  }

  /** @private @param {MouseEvent} e */
  dblclick(e) {
    const p = localPoint(this.canvas, e);
    if (this.view.dblclickZooms && !this.view.dblclickZooms(p)) return;
    this.view.zoomStep(p[0], p[1], e.shiftKey ? -1 : 1, 300);
    this.loop.requestDraw();
  }

  /** @private @param {WheelEvent} e */
  wheel(e) {
    if (!this.view.wheelAllowed(e)) return; // let the page scroll
    e.preventDefault();
    const p = localPoint(this.canvas, e);
    const unit = e.deltaMode === 1 ? 0.05 : e.deltaMode === 2 ? 1 : 0.0025;
    this.view.zoomAt(p[0], p[1], Math.max(-1, Math.min(1, -e.deltaY * unit)));
    this.loop.requestDraw();
  }

  /** @private @param {KeyboardEvent} e */
  key(e) {
    const v = this.view;
    if (e.key === "Tab") {
      if (v.focusMove(e.shiftKey ? -1 : 1)) e.preventDefault();
      else v.focusClear();
    } else if (e.key === "Enter" || e.key === " ") {
      if (v.focusActivate()) e.preventDefault();
      return;
    } else if (e.key === "Escape") {
      e.preventDefault();
      v.escape();
    } else if (!this.navigate(e.key)) return;
    else e.preventDefault();
    this.loop.requestDraw();
  }

  /** Arrow keys pan, + = - zoom, 0 resets; false for any other key. @private @param {string} key */
  navigate(key) {
    const v = this.view, s = v.keyStep;
    /** @type {Record<string, () => void>} */
    const keys = {
      ArrowLeft: () => v.panBy(s, 0), ArrowRight: () => v.panBy(-s, 0),
      ArrowUp: () => v.panBy(0, s), ArrowDown: () => v.panBy(0, -s),
      "+": () => this.step(1), "=": () => this.step(1), "-": () => this.step(-1),
      0: () => v.reset(),
    };
    const action = keys[key];
    if (!action) return false;
    action();
    return true;
  }
}
