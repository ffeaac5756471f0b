// The pinch arithmetic shared by the map and the network pane.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pinch } from "../www/gestures.js";

test("spreading two fingers to twice the distance zooms in one level around their middle", () => {
  const fixed = [100, 100];
  const prev = [200, 100];
  const pointers = new Map([[1, fixed], [2, prev]]);
  const g = pinch(pointers, prev, [300, 100]);
  assert.equal(g.dz, 1);
  assert.deepEqual([g.cx, g.cy], [200, 100]);
  assert.deepEqual([g.dx, g.dy], [50, 0]);
  assert.equal(pinch(new Map([[1, prev]]), prev, [1, 1]), null, "one finger is not a pinch");
  assert.equal(pinch(new Map([[1, [5, 5]], [2, [5, 5]]]), [5, 5], [6, 6]).dz, 0, "coincident fingers do not zoom");
});
