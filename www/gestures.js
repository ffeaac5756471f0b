// Shared by the map and the network pane: what a two-finger move means.

/**
 * `pointers` maps pointer ids to their last [x, y]; `prev` is the moving finger's last
 * position and `p` its new one. Returns the zoom (in levels, around [cx, cy]) and the pan
 * (dx, dy) that keep both fingers on the same points, or null if it is not a pinch.
 * @param {Map<number, [number, number]>} pointers
 * @param {[number, number]} prev
 * @param {[number, number]} p
 * @returns {{cx: number, cy: number, dz: number, dx: number, dy: number} | null}
 */
export function pinch(pointers, prev, p) {
  if (pointers.size !== 2) return null;
  const [a, b] = [...pointers.values()];
  const other = a === prev ? b : a;
  const d0 = Math.hypot(prev[0] - other[0], prev[1] - other[1]);
  const d1 = Math.hypot(p[0] - other[0], p[1] - other[1]);
  return {
    cx: (p[0] + other[0]) / 2, cy: (p[1] + other[1]) / 2,
    dz: d0 > 0 && d1 > 0 ? Math.log2(d1 / d0) : 0,
    dx: (p[0] - prev[0]) / 2, dy: (p[1] - prev[1]) / 2,
  };
}
