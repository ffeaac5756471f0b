// The ownership network pane: gestures and text for the network canvas. The drawing, the
// layout and the linking with the map happen in Rust (FarmMap's network methods).
export function mountNetwork(box, canvas, { map, requestDraw, guard, announce }) {
  const resize = guard(() => {
    const r = canvas.getBoundingClientRect();
    map.resizeNetwork(Math.max(1, r.width), Math.max(1, r.height), devicePixelRatio || 1);
    requestDraw();
  });
  new ResizeObserver(resize).observe(canvas);
  resize();
  return { resize, announce };
}
