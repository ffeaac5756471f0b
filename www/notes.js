// The lines under the map: the illustrative-locations note and the basemap attribution.
/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./i18n.js").Translator} Translator */

/**
 * Say when farm sites are placed for illustration (the story's own note when all are).
 * @param {HTMLElement} note
 * @param {FarmMap} map
 * @param {Translator} i18n
 */
export function updateNote(note, map, { t }) {
  const n = map.illustrativeCount();
  const all = n === map.farmCount();
  const storyNote = map.story().illustrativeNote;
  note.hidden = n === 0;
  if (n === 0) note.textContent = "";
  else if (all && storyNote) note.textContent = t("illustrativeStory", { note: storyNote });
  else note.textContent = all ? t("illustrativeAll") : t("illustrativeSome", { n });
}

/**
 * The basemap's (and any tile layer's) attribution, from Rust.
 * @param {HTMLElement} line
 * @param {FarmMap} map
 * @param {Translator} i18n
 */
export function updateAttribution(line, map, { t }) {
  line.textContent = t("basemap", { list: map.attribution().join(" · ") });
}
