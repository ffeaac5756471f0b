// The publish kit: the two embed snippets and a static picture of every step. The snippets
// have no inline style or script, so a strict Content-Security-Policy allows them, and each
// carries a picture of the first step for pages that run no scripts (AMP, RSS, Apple News):
// the custom element as its own <img> child (also its poster while the map loads), the
// iframe inside <noscript>. The pictures are Rust's (`stepPosters`: the map's scene, settled, as SVG with
// the step's title, the source line and the attribution); PNG is that SVG drawn on a canvas.
import { el, download, plural } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").StepPoster} StepPoster */

/** The map's size in the pictures, CSS px (the caption adds to the height). */
export const POSTER_MAP = { width: 700, height: 500 };
/** PNG pixels per CSS pixel (sharp on high-density screens). */
const PNG_SCALE = 2;

/** @param {string} v text for a double-quoted HTML attribute */
const attr = (v) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Where the files go: the folder farmmap is published in (ends with "/") and the story's
 * file name without ".json" (letters, digits, "-" and "_"; anything else becomes "-").
 * @param {string} folder @param {string} name
 */
export function kitPlace(folder, name) {
  const f = folder.trim() || "https://YOUR-SITE/farmmap/";
  const n = name.trim().replace(/\.json$/i, "").replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "") || "story";
  return {
    folder: f.endsWith("/") ? f : `${f}/`,
    name: n,
    storyFile: `${n}.json`,
    /** @param {number} i @param {"svg" | "png"} ext */
    picture: (i, ext) => `${n}.step-${i + 1}.${ext}`,
  };
}

/**
 * The two embed snippets. Files live in `<folder>stories/`. Once the pictures are made, the
 * first step's PNG is the custom element's own <img> child (farm-map.js shows it as the
 * poster until the map is ready; the browser finds it while parsing the article, so it is
 * the first paint; pages that run no scripts show it as it is) and the iframe's fallback
 * inside <noscript>.
 * @param {ReturnType<typeof kitPlace>} place
 * @param {string} title the iframe's accessible name
 * @param {StepPoster | undefined} first the first step's picture
 */
export function snippets(place, title, first) {
  const { folder, storyFile } = place;
  const picture = first
    ? `<img src="${attr(`${folder}stories/${place.picture(0, "png")}`)}" width="${first.width}" height="${first.height}" alt="${attr(first.alt || first.title)}">`
    : "";
  const fallback = picture ? `\n<noscript>${picture}</noscript>` : "";
  const poster = picture.replace("<img ", '<img fetchpriority="high" ');
  return {
    element: `<script type="module" src="${attr(folder)}farm-map.min.js"></script>\n<farm-map src="${attr(`${folder}stories/${storyFile}`)}">${poster}</farm-map>`,
    iframe: `<iframe src="${attr(`${folder}embed.html?story=stories/${storyFile}&childId=farmmap`)}" title="${attr(title || "Map")}" class="farmmap-embed" width="100%" height="700" frameborder="0" scrolling="no"></iframe>${fallback}`,
  };
}

/**
 * Draw an SVG picture on a canvas and encode it as PNG.
 * @param {string} svg @param {number} width @param {number} height CSS px
 * @returns {Promise<Blob>}
 */
export async function svgToPng(svg, width, height) {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = el("canvas");
    canvas.width = Math.round(width * PNG_SCALE);
    canvas.height = Math.round(height * PNG_SCALE);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("this browser cannot draw on a canvas");
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) => canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error("the PNG could not be made"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * The kit's list: one row per step with its SVG and PNG downloads.
 * @param {HTMLElement} list
 * @param {StepPoster[]} posters
 * @param {ReturnType<typeof kitPlace>} place
 * @param {(text: string) => void} say
 */
function showPictures(list, posters, place, say) {
  list.replaceChildren();
  posters.forEach((p, i) => {
    const li = el("li", "ed-kit-step");
    const svgName = place.picture(i, "svg"), pngName = place.picture(i, "png");
    const svgButton = el("button", "fm-btn fm-btn-text", `SVG (${svgName})`);
    const pngButton = el("button", "fm-btn fm-btn-text", `PNG (${pngName})`);
    svgButton.type = pngButton.type = "button";
    svgButton.dataset.file = svgName;
    pngButton.dataset.file = pngName;
    svgButton.addEventListener("click", () => download(new Blob([p.svg], { type: "image/svg+xml" }), svgName, list));
    pngButton.addEventListener("click", async () => {
      try { download(await svgToPng(p.svg, p.width, p.height), pngName, list); }
      catch (err) { say(`${pngName} could not be made: ${err instanceof Error ? err.message : err}`); }
    });
    li.append(el("span", null, `Step ${i + 1}: ${p.title || p.id} (${p.width} × ${p.height} px) `), svgButton, " ", pngButton);
    list.append(li);
  });
}

/**
 * @typedef {object} KitIo
 * @property {(name: string, width: number, height: number) => Promise<StepPoster[]>} posters every step of the story as it is now, drawn (in the worker: editor-jobs.js)
 * @property {() => string} title the story's title (the iframe's accessible name)
 * @property {() => number} revision a number that changes with every edit of the story
 * @property {(text: string) => void} say
 */

/**
 * The publish section: folder and name fields, the snippets, the pictures.
 * @param {{folder: HTMLInputElement, name: HTMLInputElement, element: HTMLTextAreaElement, iframe: HTMLTextAreaElement, make: HTMLButtonElement, list: HTMLElement, status: HTMLElement}} ui
 * @param {KitIo} io
 */
export function mountKit(ui, io) {
  /** @type {{posters: StepPoster[], revision: number} | null} */
  let made = null;
  const place = () => kitPlace(ui.folder.value, ui.name.value);
  /** Fill the snippets (the fallback once the pictures are made) and say whether the pictures are current. */
  const update = () => {
    const p = place();
    const s = snippets(p, io.title(), made?.posters[0]);
    ui.element.value = s.element;
    ui.iframe.value = s.iframe;
    if (made) showPictures(ui.list, made.posters, p, io.say);
    const stale = made && made.revision !== io.revision();
    ui.status.textContent = !made ? "Make the pictures to get a fallback for pages that cannot run scripts (added to both snippets)."
      : stale ? "The story has changed since the pictures were made: make them again."
        : `${plural(made.posters.length, "step")} drawn; the first step's PNG is the snippets' poster and fallback. Put the files in ${p.folder}stories/.`;
  };
  ui.make.addEventListener("click", async () => {
    const revision = io.revision();
    ui.make.disabled = true;
    ui.status.textContent = "Drawing every step…";
    try {
      made = { posters: await io.posters(place().storyFile, POSTER_MAP.width, POSTER_MAP.height), revision };
      if (!made.posters.length) io.say("The story has no steps: add a step to get its picture.");
    } catch (err) {
      made = null;
      io.say(`The pictures cannot be made: ${err instanceof Error ? err.message : err}`);
    } finally {
      ui.make.disabled = false;
    }
    update();
  });
  for (const f of [ui.folder, ui.name]) f.addEventListener("input", update);
  update();
  return {
    update,
    /** The story file's name in the kit (`<name>.json`). */
    storyFile: () => place().storyFile,
  };
}
