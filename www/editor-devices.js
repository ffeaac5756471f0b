// A step as readers will see it, at a phone's and a desktop's width side by side: two
// iframes of editor-preview.html at the devices' own viewport sizes (so the embed's width
// rules and media queries apply as on those screens), drawn smaller to fit. The draft's story
// file is posted to them (same origin only); nothing is stored or fetched from elsewhere.
import { el } from "./dom.js";

/** The two screens, in CSS px, and how much smaller each is drawn. */
export const DEVICES = [
  { key: "phone", label: "Phone", width: 390, height: 844, scale: 0.6 },
  { key: "desktop", label: "Desktop", width: 1280, height: 800, scale: 0.5 },
];

/**
 * @param {HTMLElement} box where the two screens go
 * @param {{storyText: () => Promise<string>}} io the draft's story file now (made in the worker)
 * @returns {{show: (step: number) => void, changed: () => void}} show step `step` (0-based)
 *   on both screens; `changed`: the draft has changed since (the screens offer to catch up)
 */
export function mountDevices(box, io) {
  /** @type {{frame: HTMLIFrameElement, ready: boolean}[]} */
  let screens = [];
  /** @type {{storyText: string, step: number} | null} */
  let wanted = null;
  const caption = el("p", "ed-devices-caption");
  caption.setAttribute("aria-live", "polite");
  const again = el("button", "fm-btn fm-btn-text", "Show the draft as it is now");
  again.type = "button";
  again.hidden = true;
  const say = el("span");
  caption.append(say, " ", again);
  /** @param {{frame: HTMLIFrameElement, ready: boolean}} s */
  const send = (s) => {
    if (wanted && s.ready) s.frame.contentWindow?.postMessage({ type: "farmmap-preview", ...wanted }, location.origin);
  };
  addEventListener("message", (e) => {
    const s = screens.find((x) => x.frame.contentWindow === e.source);
    if (!s || e.origin !== location.origin || !e.data || typeof e.data !== "object") return;
    if (e.data.type === "farmmap-preview-ready") { s.ready = true; send(s); }
  });
  const build = () => {
    const row = el("div", "ed-devices-row");
    screens = DEVICES.map((d) => {
      const fig = el("figure", `ed-device ed-device-${d.key}`);
      const frame = el("iframe");
      frame.title = `The step on a ${d.label.toLowerCase()} screen (${d.width} × ${d.height} px)`;
      frame.width = String(d.width);
      frame.height = String(d.height);
      frame.src = "editor-preview.html";
      const screen = el("div", "ed-device-screen");
      screen.append(frame);
      fig.append(el("figcaption", null, `${d.label}: ${d.width} × ${d.height} px, drawn at ${Math.round(d.scale * 100)}%`), screen);
      row.append(fig);
      return { frame, ready: false };
    });
    box.replaceChildren(caption, row);
  };
  /** @param {number} step */
  const show = async (step) => {
    wanted = { storyText: await io.storyText(), step };
    if (!screens.length) build();
    say.textContent = `Step ${step + 1} as readers will see it (the screens are live: readers' Next and Previous work in them).`;
    again.hidden = true;
    for (const s of screens) send(s);
  };
  again.addEventListener("click", () => { if (wanted) show(wanted.step); });
  return {
    show,
    changed() {
      if (!wanted || !again.hidden) return;
      say.textContent = `Step ${wanted.step + 1} as it was: the draft has changed since.`;
      again.hidden = false;
    },
  };
}
