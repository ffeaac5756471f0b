// The lines under the map: the illustrative-locations note and the basemap attribution.
/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */

/**
 * Say when farm sites are placed for illustration (the story's own note when all are).
 * @param {HTMLElement} note
 * @param {FarmMap} map
 */
export function updateNote(note, map) {
  const n = map.illustrativeCount();
  const all = n === map.farmCount();
  const storyNote = map.story().illustrativeNote;
  note.hidden = n === 0;
  if (n === 0) note.textContent = "";
  else if (all && storyNote) note.textContent = `Illustrative locations: ${storyNote}`;
  else note.textContent = `Illustrative locations: the source does not give where the farms were, so ${all ? "all" : n} farm sites on this map are placed for illustration within a region (drawn as dashed halos).`;
}

/**
 * The basemap's (and any tile layer's) attribution, from Rust.
 * @param {HTMLElement} line
 * @param {FarmMap} map
 */
export function updateAttribution(line, map) {
  line.textContent = `Basemap: ${map.attribution().join(" · ")}`;
}
