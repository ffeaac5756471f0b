// Fetching a story file named by an embed (`<farm-map src>`, `embed.html?story=`), under the
// publisher's rules: this site only, unless the publisher lists other origins (an
// `allow-origins` attribute on <farm-map>, or <meta name="farmmap-allow-origins"> in the
// page's head); only http(s); at most `max-story-bytes` / farmmap-max-story-bytes (20 MB by
// default), counted while the body streams in; and a time limit. The story file and the URL
// can never widen these rules. Each refusal is a sentence naming the address and the rule.

/** The largest story file loaded unless the publisher says otherwise. */
export const DEFAULT_MAX_STORY_BYTES = 20 * 1024 * 1024;
/** How long a story file may take to arrive. */
export const STORY_TIMEOUT_MS = 15000;

/**
 * What the publisher allows, read from the page (and the element, for <farm-map>).
 * @typedef {object} PublisherPolicy
 * @property {string} self the page's own origin (location.origin)
 * @property {string[]} allowOrigins other origins stories may come from (normalised)
 * @property {string[]} allowTiles tile origins as written (`https://host`, or `self`); Rust judges them
 * @property {number} maxStoryBytes
 * @property {number} timeoutMs
 */

/** A story address refused by the publisher's rules (shown in the embed's error box). */
export class StoryRefused extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "StoryRefused";
  }
}

/** @param {string | null | undefined} text */
const words = (text) => (text ?? "").split(/\s+/).filter(Boolean);

/** @param {string} name */
const metaContent = (name) => document.head?.querySelector(`meta[name="${name}"]`)?.getAttribute("content") ?? null;

/** An http(s) origin, or null for anything else. @param {string} text */
function originOf(text) {
  try {
    const u = new URL(text);
    return u.protocol === "https:" || u.protocol === "http:" ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * The publisher's rules for an embed: attributes on `element` (when given) and the page's
 * <meta> tags. Both are the publisher's; the lists are joined, the element's cap wins.
 * @param {Element | null} [element]
 * @returns {PublisherPolicy}
 */
export function publisherPolicy(element = null) {
  const attr = (/** @type {string} */ name) => element?.getAttribute(name) ?? null;
  const allowOrigins = [...words(attr("allow-origins")), ...words(metaContent("farmmap-allow-origins"))]
    .map(originOf).filter((o) => o !== null);
  const allowTiles = [...words(attr("allow-tiles")), ...words(metaContent("farmmap-allow-tiles"))];
  const cap = Number(attr("max-story-bytes") ?? metaContent("farmmap-max-story-bytes") ?? NaN);
  return {
    self: location.origin,
    allowOrigins: [...new Set(allowOrigins)],
    allowTiles: [...new Set(allowTiles)],
    maxStoryBytes: Number.isFinite(cap) && cap > 0 ? Math.floor(cap) : DEFAULT_MAX_STORY_BYTES,
    timeoutMs: STORY_TIMEOUT_MS,
  };
}

/** An address as shown in a message: never more than 200 characters. @param {URL} url */
const shown = (url) => {
  const s = url.origin + url.pathname;
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
};

/** "20 MB", "512 bytes". @param {number} n */
const size = (n) => (n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${+(n / 1024).toFixed(1)} KB` : `${n} bytes`);

/**
 * Throws StoryRefused unless `url` may be loaded under `policy`.
 * @param {URL} url
 * @param {PublisherPolicy} policy
 */
function checkAddress(url, policy) {
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    // Never the address itself: a data: or javascript: URL is the attacker's text.
    throw new StoryRefused(`the story address is a ${url.protocol} URL; stories are loaded only from http(s) addresses on this site (data:, blob:, javascript: and file: addresses are refused)`);
  }
  if (url.origin === policy.self || policy.allowOrigins.includes(url.origin)) return;
  const also = policy.allowOrigins.length ? ` and ${policy.allowOrigins.join(", ")}` : "";
  // Only the origin: the path of a foreign address is someone else's text.
  throw new StoryRefused(`the story at ${url.origin} is on another site; the publisher allows stories only from this site${also} (add it to allow-origins)`);
}

/**
 * The body of `res` as text, refused as soon as more than `max` bytes have arrived.
 * @param {Response} res
 * @param {URL} url
 * @param {number} max
 * @param {AbortController} abort
 */
async function readCapped(res, url, max, abort) {
  const tooBig = () => new StoryRefused(`the story ${shown(url)} is larger than ${size(max)}, the most this page loads (the publisher sets max-story-bytes)`);
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) { abort.abort(); throw tooBig(); }
  if (!res.body) return res.text();
  const reader = res.body.getReader();
  /** @type {BlobPart[]} */
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) { abort.abort(); throw tooBig(); }
    chunks.push(/** @type {Uint8Array<ArrayBuffer>} */ (value));
  }
  return new Blob(chunks).text();
}

/** The demo story file, next to this module (the wasm has no story built in). */
export const DEMO_STORY_URL = new URL("./stories/kazakhstan-2022.json", import.meta.url).href;

/**
 * The demo story's text, from this site (where the modules and the wasm come from).
 * @returns {Promise<string>}
 */
export async function fetchDemoStory() {
  const res = await fetch(DEMO_STORY_URL, { credentials: "same-origin" });
  if (!res.ok) throw new Error(`the demo story ${DEMO_STORY_URL} could not be loaded (HTTP ${res.status})`);
  return res.text();
}

/**
 * The text of a story file, or null without `src` (the demo: `fetchDemoStory`). Rejects
 * with a StoryRefused (or an Error) whose message names the address and the rule.
 * @param {string | null | undefined} src
 * @param {string | URL} base the URL `src` is relative to
 * @param {PublisherPolicy} [policy] default: this page's meta tags
 * @returns {Promise<string | null>}
 */
export async function fetchStory(src, base, policy = publisherPolicy()) {
  if (!src) return null;
  /** @type {URL} */
  let url;
  try {
    url = new URL(src, base);
  } catch {
    throw new StoryRefused("the story address is not a valid URL");
  }
  checkAddress(url, policy);
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; abort.abort(); }, policy.timeoutMs);
  try {
    const res = await fetch(url, { signal: abort.signal, credentials: "same-origin" });
    // A redirect must land somewhere allowed too.
    if (res.url) checkAddress(new URL(res.url), policy);
    if (!res.ok) throw new Error(`the story ${shown(url)} could not be loaded (HTTP ${res.status})`);
    return await readCapped(res, url, policy.maxStoryBytes, abort);
  } catch (err) {
    if (timedOut) throw new StoryRefused(`the story ${shown(url)} did not arrive within ${policy.timeoutMs / 1000} s`);
    if (err instanceof Error && err.name === "TypeError") throw new Error(`the story ${shown(url)} could not be loaded (${err.message})`);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
