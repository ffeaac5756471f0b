// The iframe embed: renders the story and tells the parent page its height, in pym.js's
// message format and in Datawrapper's, so CMSs that already resize either kind of iframe
// resize this one. Query: ?story=URL (default: the demo story), &childId=… (pym),
// &chartId=… (Datawrapper; defaults to childId or "farmmap"), &lang=en|ru|kk (else the
// page's <html lang>), &theme=dark|light (else the reader's setting), &layout=wide.
// The publisher's rules are this file's own <meta> tags (embed.html is served from the
// publisher's site): farmmap-allow-origins, farmmap-allow-tiles, farmmap-max-story-bytes.
// The query can name a story but never widen them.
import { mountFarmMap, fetchStory, errorBox, publisherPolicy, pickLanguage, themeMode, layoutMode, translator, loadLanguage, posterOf, DEMO_POSTER } from "./farmmap.js";
import { applyTheme } from "./layout.js";

const params = new URLSearchParams(location.search);
const childId = params.get("childId") || "farmmap";
const chartId = params.get("chartId") || childId;
const app = /** @type {HTMLElement} */ (document.getElementById("app"));
const theme = themeMode(params.get("theme"));
applyTheme([document.documentElement], theme);
const lang = pickLanguage(params.get("lang"), document.documentElement.lang);
loadLanguage(lang); // its words (unless English) load beside the story

let lastHeight = -1;
function sendHeight() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === lastHeight || parent === window) return;
  lastHeight = height;
  parent.postMessage(`pymxPYMx${childId}xPYMxheightxPYMx${height}`, "*");
  parent.postMessage({ "datawrapper-height": { [chartId]: height } }, "*");
}
new ResizeObserver(sendHeight).observe(document.documentElement);

try {
  const src = params.get("story");
  const policy = publisherPolicy();
  const storyText = await fetchStory(src, location.href, policy);
  const storyName = storyText != null && src ? (src.split(/[/?#]/).filter(Boolean).pop() ?? "story.json").slice(0, 80) : "story.json";
  window.farmmap = await mountFarmMap(app, {
    storyText, storyName, cooperative: true, hash: true, allowTiles: policy.allowTiles,
    lang: params.get("lang") ?? "", pageLang: document.documentElement.lang, theme, layout: layoutMode(params.get("layout")),
    // Poster first (poster.js): the story's pre-rendered first step until the map's first
    // frame; the wasm is asked for once the poster is in (farmmap.js).
    poster: src ? posterOf(storyText, new URL(src, location.href)) : DEMO_POSTER,
    onRemount: (ui) => { window.farmmap = ui; sendHeight(); },
  });
} catch (err) {
  await loadLanguage(lang);
  app.replaceChildren(errorBox(err, translator(lang).t("notShown")));
}
sendHeight();
