// <farm-map src="story.json"></farm-map>: the embeddable map as a custom element.
// Shadow DOM keeps the article's CSS out and ours in; it starts only when scrolled near
// (IntersectionObserver); a bad story or a crash shows an error box inside this element only.
// Each element runs its own wasm instance. The publisher's rules are attributes here or
// <meta> tags in the page's head: allow-origins / farmmap-allow-origins (other sites stories
// may come from), allow-tiles / farmmap-allow-tiles (tile servers), max-story-bytes /
// farmmap-max-story-bytes (20 MB by default). The story file can never widen them.
// How it looks: lang="ru" (else the nearest lang on the page), theme="dark" | "light" (else
// the reader's setting), layout="wide" (map and network side by side at any width).
// Poster first: the publisher's snippet may carry the poster as the element's own <img>
// child (`<farm-map src="story.json"><img src="story.poster.svg" alt="…" width="700"
// height="574"></farm-map>`, as the editor's publish kit can write it): the browser finds it
// while parsing the article, it shows without JavaScript, and here it shows in the
// placeholder (a <slot>). Otherwise the story's poster shows in the placeholder the moment
// the story file is here. This module imports only what the placeholder and the poster
// need; the map's modules (farmmap.js) load side by side with the story, and the wasm once
// the poster is in (farmmap.js).
import { fetchStory, publisherPolicy } from "./story-source.js";
import { errorBox } from "./dom.js";
import { pickLanguage, translator, loadLanguage } from "./i18n.js";
import { themeMode, layoutMode, WIDE_FROM_PX } from "./layout.js";
import { posterOf, showPoster, DEMO_POSTER } from "./poster.js";

/** The publisher's poster over the placeholder, the whole box (as poster.js's). */
const POSTER_STYLE = {
  position: "absolute", inset: "0", width: "100%", height: "100%", objectFit: "contain",
  background: "#ffffff", zIndex: "1",
};

/** Its stylesheets; the bundle (scripts/bundle.mjs) links its one minified file instead. */
const CSS_FILES = typeof FARMMAP_BUNDLED_CSS === "string" ? [FARMMAP_BUNDLED_CSS] : ["./farmmap.css", "./network.css"];
const CSS_URLS = CSS_FILES.map((u) => new URL(u, import.meta.url).href);

/** Resolves once a stylesheet link has loaded or failed. @param {HTMLLinkElement} link */
const settled = (link) => new Promise((ok) => {
  link.addEventListener("load", ok, { once: true });
  link.addEventListener("error", ok, { once: true });
});

class FarmMapElement extends HTMLElement {
  constructor() {
    super();
    this.box = document.createElement("div");
    this.box.className = "fm-embed";
    this.box.style.display = "flow-root"; // as farmmap.css's .fm-embed, before it arrives: the placeholder's margins stay inside
    /** @type {IntersectionObserver | null} */
    this.observer = null;
    /** @type {import("./farmmap.js").FarmMapUi | null} */
    this.ui = null;
    /** @type {HTMLElement | null} the placeholder, until the map is mounted */
    this.placeholder = null;
    /** @type {HTMLImageElement | null} the snippet's own poster (a light-DOM <img> child) */
    this.lightPoster = null;
  }

  connectedCallback() {
    if (this.shadowRoot) return;
    const shadow = this.attachShadow({ mode: "open" });
    const links = CSS_URLS.map((href) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      return link;
    });
    const waiting = document.createElement("p");
    const wide = this.getAttribute("layout") === "wide" || (this.parentElement?.getBoundingClientRect().width ?? 0) >= WIDE_FROM_PX;
    waiting.className = wide ? "fm-placeholder fm-wide-placeholder" : "fm-placeholder";
    // Its words: this language's file (unless English) loads beside the stylesheets.
    const lang = this.language();
    const label = document.createTextNode("");
    waiting.append(label);
    const words = loadLanguage(lang).then(() => { label.data = translator(lang).t("placeholder"); });
    // The reserved height holds before our stylesheet arrives (as in farmmap.css's .fm-placeholder).
    Object.assign(waiting.style, { display: "flex", boxSizing: "border-box", aspectRatio: "4 / 3", maxHeight: "72vh", margin: wide ? "0 0 196px" : "44px 0 196px" });
    this.placeholder = waiting;
    // The publisher's poster (a light-DOM <img> child) shows at the map's place until the map is here.
    this.lightPoster = this.querySelector(":scope > img");
    if (this.lightPoster) {
      waiting.style.position = "relative";
      Object.assign(this.lightPoster.style, POSTER_STYLE);
      waiting.append(document.createElement("slot"));
    }
    this.box.append(waiting);
    shadow.append(...links, this.box);
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        this.start();
      }
    }, { rootMargin: "100px" });
    this.observer = observer;
    // Observe once our stylesheet applies: before that the placeholder has no height and
    // every embed on the page would look "near".
    Promise.all([...links.map(settled), words]).then(() => observer.observe(this));
  }

  /** The interface's language: this element's lang, else the nearest on the page. */
  language() {
    return pickLanguage(this.closest("[lang]")?.getAttribute("lang"), document.documentElement.lang);
  }

  disconnectedCallback() {
    this.observer?.disconnect();
  }

  async start() {
    this.setAttribute("data-state", "loading");
    try {
      const src = this.getAttribute("src");
      const policy = publisherPolicy(this);
      // The story file and the map's modules load side by side; the story's poster
      // (poster.js), unless the snippet carries one, shows in the placeholder as soon as the
      // story is here, and at the map's place until the map's first frame.
      const modules = import("./farmmap.js");
      modules.catch(() => {}); // reported below
      const storyText = await fetchStory(src, document.baseURI, policy);
      const light = this.lightPoster?.currentSrc || this.lightPoster?.src;
      const fromStory = src ? posterOf(storyText, new URL(src, document.baseURI)) : DEMO_POSTER;
      // The snippet's picture, with its words (else the story's first step's).
      const poster = light ? { src: light, alt: this.lightPoster?.alt || fromStory?.alt || "" } : fromStory;
      if (poster && this.placeholder && !light) {
        this.placeholder.style.position = "relative";
        showPoster(this.placeholder, poster);
      }
      const { mountFarmMap } = await modules;
      // Keep the placeholder's height while loading, so the article does not jump.
      this.box.style.minHeight = `${this.box.getBoundingClientRect().height}px`;
      this.box.replaceChildren();
      this.placeholder = null;
      this.ui = await mountFarmMap(this.box, {
        storyText, storyName: src ? src.split("/").pop() : "story.json",
        cooperative: !this.hasAttribute("wheel-zoom"),
        allowTiles: policy.allowTiles,
        poster,
        onRemount: (ui) => { this.ui = ui; },
        lang: this.getAttribute("lang") ?? "", pageLang: this.language(), theme: themeMode(this.getAttribute("theme")), layout: layoutMode(this.getAttribute("layout")),
      });
      this.box.style.minHeight = "";
      this.setAttribute("data-state", "ready");
      this.dispatchEvent(new CustomEvent("farmmap-ready", { bubbles: true }));
    } catch (err) {
      this.box.style.minHeight = "";
      this.box.replaceChildren(errorBox(err, translator(this.language()).t("notShown")));
      this.setAttribute("data-state", "error");
      console.warn("farm-map:", err);
    }
  }
}

if (!customElements.get("farm-map")) customElements.define("farm-map", FarmMapElement);
