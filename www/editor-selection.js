// What is picked in the editor's preview, as ids a step can highlight: the farm clicked on
// the map (or chosen by keyboard), every farm of a cluster clicked on the map, and the nodes
// lit in the network by a click on a node. The map's and the network's own handlers do the
// selecting (a cluster click also zooms in); this only remembers what was picked, asking
// Rust what is under the click and which farms a cluster holds.
import { localPoint } from "./dom.js";

/**
 * @param {import("./farmmap.js").FarmMapUi} ui
 * @param {(ids: string[]) => void} [changed] after every pick, with the ids picked now
 * @returns {() => string[]} the ids picked now (map farms first, then the lit network nodes)
 */
export function previewSelection(ui, changed = () => {}) {
  const { map, canvas, netCanvas } = ui;
  /** @type {string[]} the farms picked on the map */
  let farms = [];
  /** @type {[number, number]} */
  let down = [0, 0];
  const picked = () => [...new Set([...farms, ...map.networkHighlighted()])];
  const tell = () => changed(picked());
  /** @param {import("./pkg/farmmap.js").MapItem | undefined} item */
  const remember = (item) => {
    farms = !item ? [] : item.kind === "farm" ? [map.farm(item.farm).id] : map.clusterFarmIds(item.cluster);
    tell();
  };
  // Capture: read what is under the pointer before the map's own tap handler (on pointerup)
  // selects the farm or zooms into the cluster.
  canvas.addEventListener("pointerdown", (e) => { down = [e.clientX, e.clientY]; }, true);
  canvas.addEventListener("pointerup", (e) => {
    if (Math.hypot(e.clientX - down[0], e.clientY - down[1]) > 5) return; // a pan, not a pick
    const [x, y] = localPoint(canvas, e);
    remember(map.pickItem(x, y, 8));
  }, true);
  canvas.addEventListener("keydown", (e) => {
    if (e.key === "Escape") remember(undefined);
    if (e.key === "Enter" || e.key === " ") { const item = map.focused(); if (item) remember(item); }
  }, true);
  // The network's handlers light nodes; read what they lit once they have.
  for (const type of ["pointerup", "keyup"]) netCanvas.addEventListener(type, () => queueMicrotask(tell));
  return picked;
}
