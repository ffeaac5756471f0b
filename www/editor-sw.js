// The editor's service worker (scope: the editor's pages, /editor*): once the editor has
// loaded, it keeps working without a network. Every request still goes to this site first;
// only when that fails is the copy kept here used. It handles GET requests to this origin
// only and never makes a request the page did not make, except to keep the files the
// editor page lists (what it loaded, and the phone and desktop frames' page).
const CACHE = "farmmap-editor-v1";

/** @typedef {Event & {waitUntil(p: Promise<unknown>): void}} Extendable */
/** @typedef {Extendable & {request: Request, respondWith(r: Promise<Response>): void}} FetchEvt */
/** @typedef {Extendable & {data: any, source: {postMessage(m: unknown): void} | null}} MessageEvt */
/** The worker's global scope (this project's typings are the page's, not a worker's). */
const sw = /** @type {{skipWaiting(): Promise<void>, clients: {claim(): Promise<void>}, location: Location, addEventListener(type: string, f: (e: any) => void): void}} */ (/** @type {unknown} */ (self));

sw.addEventListener("install", () => { void sw.skipWaiting(); });
sw.addEventListener("activate", (/** @type {Extendable} */ e) => { e.waitUntil(sw.clients.claim()); });

sw.addEventListener("message", (/** @type {MessageEvt} */ e) => {
  const data = e.data;
  if (!data || data.type !== "farmmap-editor-keep" || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((/** @type {unknown} */ u) => typeof u === "string" && new URL(u, sw.location.href).origin === sw.location.origin);
  e.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(urls.map((/** @type {string} */ u) => cache.add(new Request(u, { cache: "no-cache" })).catch(() => {})));
    e.source?.postMessage({ type: "farmmap-editor-kept", count: urls.length });
  })());
});

sw.addEventListener("fetch", (/** @type {FetchEvt} */ e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== sw.location.origin) return;
  e.respondWith((async () => {
    try {
      const res = await fetch(req);
      // Keep the newest copy of what is kept (not a per-instance address such as ?instance=2).
      if (res.ok && !url.search) {
        const cache = await caches.open(CACHE);
        if (await cache.match(req)) await cache.put(req, res.clone());
      }
      return res;
    } catch (err) {
      // Offline: the kept copy; `pkg/farmmap.js?instance=N` is the same file as `pkg/farmmap.js`.
      const kept = (await caches.match(req)) ?? (await caches.match(req, { ignoreSearch: true }));
      if (kept) return kept;
      throw err;
    }
  })());
});
