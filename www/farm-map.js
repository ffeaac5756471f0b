// <farm-map src="story.json"></farm-map>: the embeddable map as a custom element.
// Shadow DOM keeps the article's CSS out and ours in; it starts only when scrolled near
// (IntersectionObserver); a bad story or a crash shows an error box inside this element only.
import { mountFarmMap, fetchStory, errorBox, loadWasm } from "./farmmap.js";

const CSS_URLS = ["./farmmap.css", "./network.css"].map((u) => new URL(u, import.meta.url).href);

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
    /** @type {IntersectionObserver | null} */
    this.observer = null;
    /** @type {import("./farmmap.js").FarmMapUi | null} */
    this.ui = null;
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
    waiting.className = "fm-placeholder";
    waiting.textContent = "The map loads when you scroll to it.";
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
    Promise.all(links.map(settled)).then(() => observer.observe(this));
  }

  disconnectedCallback() {
    this.observer?.disconnect();
  }

  async start() {
    this.setAttribute("data-state", "loading");
    try {
      const src = this.getAttribute("src");
      // The story file and the wasm load side by side.
      const [storyText] = await Promise.all([fetchStory(src, document.baseURI), loadWasm()]);
      // Keep the placeholder's height while loading, so the article does not jump.
      this.box.style.minHeight = `${this.box.getBoundingClientRect().height}px`;
      this.box.replaceChildren();
      this.ui = await mountFarmMap(this.box, {
        storyText, storyName: src ? src.split("/").pop() : "story.json",
        cooperative: !this.hasAttribute("wheel-zoom"),
      });
      this.box.style.minHeight = "";
      this.setAttribute("data-state", "ready");
      this.dispatchEvent(new CustomEvent("farmmap-ready", { bubbles: true }));
    } catch (err) {
      this.box.style.minHeight = "";
      this.box.replaceChildren(errorBox(err));
      this.setAttribute("data-state", "error");
      console.warn("farm-map:", err);
    }
  }
}

if (!customElements.get("farm-map")) customElements.define("farm-map", FarmMapElement);
