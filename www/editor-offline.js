// The editor keeps working offline once loaded: a service worker (editor-sw.js, scope the
// editor's pages only) keeps a copy of every file this page loaded from this site, the demo
// story and the phone and desktop frames' page. Nothing goes anywhere but this site.

/**
 * The files the editor needs later that the page has not loaded yet: the check's worker
 * (started by the first check), and the phone and desktop frames' page, which is a
 * reader's page and so runs the reader's build.
 */
const LATER = ["editor-preview.html", "editor-preview-frame.js", "poster.css", "stories/kazakhstan-2022.json",
  "editor-worker.js", "pkg-reader/farmmap.js", "pkg-reader/farmmap_bg.wasm"];

/**
 * Register the worker and give it the list. Resolves to true once the copies are kept
 * (false where service workers are not available, e.g. a page not served over https).
 * @returns {Promise<boolean>}
 */
export async function keepOffline() {
  if (!("serviceWorker" in navigator)) return false;
  const reg = await navigator.serviceWorker.register("editor-sw.js", { scope: "./editor" });
  const worker = reg.active ?? (await navigator.serviceWorker.ready).active;
  if (!worker) return false;
  const loaded = performance.getEntriesByType("resource").map((e) => e.name)
    .concat(location.href.split("#")[0], ...LATER.map((u) => new URL(u, location.href).href))
    .filter((u) => new URL(u).origin === location.origin && !new URL(u).search);
  return new Promise((resolve) => {
    navigator.serviceWorker.addEventListener("message", function kept(e) {
      if (e.data?.type !== "farmmap-editor-kept") return;
      navigator.serviceWorker.removeEventListener("message", kept);
      resolve(true);
    });
    worker.postMessage({ type: "farmmap-editor-keep", urls: [...new Set(loaded)] });
  });
}
