// The reader's demo page: the story's map and nothing an editor needs (farms files are
// loaded in editor.html; `window.farmmap.loadFarms` stays for tests and the console).
// Query: ?lang=ru|kk|en (else the story's language, else the page's <html lang>), &theme=dark|light, &layout=wide,
// &synthetic=N[&seed=S] (N seeded synthetic farms, for load tests), &cooperative,
// &build=full (the full wasm, which reads farms files: tests and the console; readers get
// the reader's build, wasm.js).
import { mountFarmMap, themeMode, layoutMode, selectBuild } from "./farmmap.js";
import { applyTheme } from "./layout.js";

const app = document.getElementById("app");
if (!app) throw new Error("index.html has no #app");
const params = new URLSearchParams(location.search);
if (params.get("build") === "full") selectBuild("full");
const theme = themeMode(params.get("theme"));
applyTheme([document.documentElement], theme);
// Poster first: the wasm is asked for once the poster (index.html's <img>) is in, so the
// two do not share the reader's connection; a poster that fails or is slow holds nothing.
const first = document.getElementById("fm-poster-first");
if (first instanceof HTMLImageElement) await Promise.race([first.decode().catch(() => {}), new Promise((ok) => setTimeout(ok, 3000))]);
const ui = await mountFarmMap(app, {
  cooperative: params.has("cooperative"), hash: true, theme, layout: layoutMode(params.get("layout")),
  lang: params.get("lang") ?? "", pageLang: document.documentElement.lang,
});
document.documentElement.lang = ui.i18n.lang;
window.farmmap = ui; // for tests and the console
// The live map replaces the static poster (index.html) after its first frame.
if (first) requestAnimationFrame(() => requestAnimationFrame(() => first.remove()));
// ?synthetic=N: N seeded synthetic farms, for load testing (marked illustrative).
const synthetic = Number(params.get("synthetic"));
if (synthetic > 0) ui.loadSynthetic(Math.min(synthetic, 5_000_000), Number(params.get("seed")) || 1);
