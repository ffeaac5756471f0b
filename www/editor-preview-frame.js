// Inside the editor's phone and desktop previews (editor-preview.html, in an iframe of the
// editor's size): the editor posts the draft's story file and a step; this page shows them
// as the iframe embed does, at the iframe's width. Messages are taken only from the page that
// holds this frame, on this origin; nothing is fetched but this site's own files.
import { mountFarmMap, errorBox } from "./farmmap.js";

/**
 * @typedef {object} PreviewMessage
 * @property {"farmmap-preview"} type
 * @property {string} storyText the draft's story file
 * @property {number} step the step to show (0-based)
 */

const app = /** @type {HTMLElement} */ (document.getElementById("app"));
/** @type {string | null} */
let shown = null;
/** @type {Promise<import("./farmmap.js").FarmMapUi> | null} */
let mounting = null;

/** @param {unknown} data @returns {data is PreviewMessage} */
const isPreview = (data) => !!data && typeof data === "object" && /** @type {{type?: unknown}} */ (data).type === "farmmap-preview"
  && typeof /** @type {{storyText?: unknown}} */ (data).storyText === "string" && Number.isInteger(/** @type {{step?: unknown}} */ (data).step);

addEventListener("message", async (e) => {
  if (e.source !== parent || e.origin !== location.origin || !isPreview(e.data)) return;
  const { storyText, step } = e.data;
  try {
    if (storyText !== shown || !mounting) {
      shown = storyText;
      app.replaceChildren();
      mounting = mountFarmMap(app, { storyText, storyName: "story.json", cooperative: true });
    }
    const ui = await mounting;
    window.farmmap = ui;
    if (step < ui.map.story().steps.length) ui.goTo(step, { animate: false });
    document.body.dataset.step = String(ui.step);
  } catch (err) {
    app.replaceChildren(errorBox(err, "This step could not be shown"));
  }
  parent.postMessage({ type: "farmmap-preview-shown", step }, location.origin);
});
parent.postMessage({ type: "farmmap-preview-ready" }, location.origin);
