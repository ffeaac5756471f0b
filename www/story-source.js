// Fetching a story file named by an embed (`src`, `?story=`).

/**
 * The text of a story file, or null without `src` (the demo built into the wasm).
 * @param {string | null | undefined} src
 * @param {string | URL} base the URL `src` is relative to
 * @returns {Promise<string | null>}
 */
export async function fetchStory(src, base) {
  if (!src) return null;
  const res = await fetch(new URL(src, base));
  if (!res.ok) throw new Error(`${src} could not be loaded (HTTP ${res.status})`);
  return res.text();
}
