// Undo and redo for the editor, and nothing else: snapshots of the draft's state taken
// before each edit. Typing in one field is one step (edits with the same key in a row are
// coalesced); any other edit, an undo or a redo ends the run.

/**
 * @template S
 * @typedef {object} History
 * @property {(key?: string) => void} before call before changing the state; `key` coalesces a run of edits (one field's typing)
 * @property {() => boolean} undo
 * @property {() => boolean} redo
 * @property {() => boolean} canUndo
 * @property {() => boolean} canRedo
 * @property {() => void} clear forget every step (a new draft was opened)
 */

/**
 * @template S
 * @param {object} io
 * @param {() => S} io.snapshot a copy of the state now (later edits must not change it)
 * @param {(s: S) => void} io.restore put a snapshot back (and show it)
 * @param {() => void} [io.changed] after every change of what can be undone or redone
 * @param {number} [limit] the most undo steps kept
 * @returns {History<S>}
 */
export function createHistory({ snapshot, restore, changed = () => {} }, limit = 200) {
  /** @type {S[]} */
  const past = [];
  /** @type {S[]} */
  let future = [];
  /** @type {string | undefined} */
  let runKey;
  /** @param {S[]} from @param {S[]} to */
  const move = (from, to) => {
    const s = from.pop();
    if (s === undefined) return false;
    to.push(snapshot());
    runKey = undefined;
    restore(s);
    changed();
    return true;
  };
  return {
    before(key) {
      if (key !== undefined && key === runKey) return;
      runKey = key;
      past.push(snapshot());
      if (past.length > limit) past.shift();
      future = [];
      changed();
    },
    undo: () => move(past, future),
    redo: () => move(future, past),
    canUndo: () => past.length > 0,
    canRedo: () => future.length > 0,
    clear() { past.length = 0; future = []; runKey = undefined; changed(); },
  };
}

/**
 * Ctrl/⌘+Z undoes, Ctrl/⌘+Shift+Z (and Ctrl+Y) redoes, in text fields too, so a field's
 * typing and the rest of the editor share one history.
 * @param {Window} win
 * @param {{undo: () => boolean, redo: () => boolean}} h
 */
export function bindUndoKeys(win, h) {
  win.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const k = e.key.toLowerCase();
    if (k === "z" && !e.shiftKey) { e.preventDefault(); h.undo(); }
    else if ((k === "z" && e.shiftKey) || (k === "y" && !e.metaKey)) { e.preventDefault(); h.redo(); }
  }, true);
}
