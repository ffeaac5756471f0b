// What is selected in the editor's preview, as ids a step can highlight: the farm picked on
// the map (by click or keyboard) and the nodes lit in the network. The map's own handlers do
// the selecting; this only remembers which farm it was, asking Rust what is under the click.
import { localPoint } from "./dom.js";

/**
 * @param {import("./farmmap.js").FarmMapUi} ui
 * @returns {() => string[]} the ids selected now (farm first, then the lit network nodes)
 */
export function previewSelection(ui) {
  const { map, canvas } = ui;
  /** @type {string | null} */
  let farmId = null;
  /** @type {[number, number]} */
  let down = [0, 0];
  /** @param {number | undefined} farm */
  const remember = (farm) => { farmId = farm === undefined ? null : map.farm(farm).id; };
  canvas.addEventListener("pointerdown", (e) => { down = [e.clientX, e.clientY]; });
  canvas.addEventListener("click", (e) => {
    if (Math.hypot(e.clientX - down[0], e.clientY - down[1]) > 5) return; // a pan, not a pick
    const [x, y] = localPoint(canvas, e);
    const item = map.pickItem(x, y, 8);
    if (!item) remember(undefined);
    else if (item.kind === "farm") remember(item.farm);
  });
  canvas.addEventListener("keydown", (e) => {
    if (e.key === "Escape") remember(undefined);
    if (e.key !== "Enter" && e.key !== " ") return;
    const item = map.focused();
    if (item?.kind === "farm") remember(item.farm);
  });
  return () => {
    const ids = [...(farmId === null ? [] : [farmId]), ...map.networkHighlighted()];
    return [...new Set(ids)];
  };
}
