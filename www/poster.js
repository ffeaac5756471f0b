// Poster first: the story's first step, pre-rendered by the native command line
// (`farmmap render`, the same Rust scene and SVG code as the live map; see
// scripts/data/build_posters.sh), shown as an <img> at the map's place the moment the story
// file has arrived, before the wasm is downloaded and compiled; the live map replaces it
// after its first frame. It is an image from the story's own site (the address the
// publisher already allowed), so it works under the strict CSP and makes no foreign request.

/**
 * @typedef {object} Poster
 * @property {string} src the image's absolute address
 * @property {string} alt what it shows, in words (the step's title and text)
 */

/** The first step's words as the image's alternative text. @param {unknown} step */
function stepAlt(step) {
  if (!step || typeof step !== "object") return "";
  const { title, text } = /** @type {{title?: unknown, text?: unknown}} */ (step);
  return [title, text].filter((t) => typeof t === "string" && t.trim()).map((t) => String(t).trim()).join(". ");
}

/**
 * The poster a story file names, or null. The story schema is Rust's (`story::parse`,
 * which warns about a bad `poster`); this reads only the three values the page needs before
 * the wasm can, and applies the same rule: a file name next to the story file (letters,
 * digits, `. - _ /`, no `..`), ending in .svg or .png. It resolves against the story's own
 * address, so it is on a site the publisher allowed.
 * @param {string | null} storyText
 * @param {string | URL} storyUrl the address the story file came from
 * @returns {Poster | null}
 */
export function posterOf(storyText, storyUrl) {
  if (!storyText) return null;
  /** @type {any} */
  let story;
  try {
    story = JSON.parse(storyText.replace(/^\uFEFF/, ""));
  } catch {
    return null; // Rust names the problem when it loads the story
  }
  /** @type {string} */
  const name = typeof story?.poster === "string" ? story.poster.trim() : "";
  const ok = name.length <= 200 && /^[A-Za-z0-9._\-/]+\.(svg|png)$/i.test(name)
    && !name.startsWith("/") && name.split("/").every((p) => p && p !== "." && p !== "..");
  if (!ok) return null;
  try {
    const src = new URL(name, storyUrl);
    const alt = stepAlt(Array.isArray(story.steps) ? story.steps[0] : null) || String(story.title ?? "");
    return { src: src.href, alt: alt || "The story's map" };
  } catch {
    return null;
  }
}

/**
 * The demo story's poster, for embeds given no story file (they show the demo story). The words are its first step's (tests/poster.test.mjs checks them against the file).
 * @type {Poster}
 */
export const DEMO_POSTER = {
  src: new URL("./stories/kazakhstan-2022.poster.svg", import.meta.url).href,
  alt: "More than 100 illegal farms. In March 2022 the Financial Monitoring Agency reported that more than 100 illegal crypto-mining farms had been found and shut down in a nationwide sweep. Mining had strained the power grid, with shortages and blackouts.",
};

/**
 * Show `poster` over the map's box (which is `position: relative`), the whole box, until
 * the returned function removes it. Styles are set through the CSSOM (allowed by a strict
 * CSP, unlike a style attribute).
 * @param {HTMLElement} mapBox
 * @param {Poster} poster
 * @returns {HTMLImageElement}
 */
export function showPoster(mapBox, poster) {
  const img = document.createElement("img");
  img.className = "fm-poster";
  img.alt = poster.alt;
  img.decoding = "async";
  img.setAttribute("fetchpriority", "high");
  Object.assign(img.style, {
    position: "absolute", inset: "0", width: "100%", height: "100%", objectFit: "contain",
    background: "#ffffff", zIndex: "1",
  });
  img.src = poster.src;
  mapBox.append(img);
  return img;
}
