// Export: the current view as SVG (drawn and captioned by Rust: title, source line,
// attribution) and as PNG, made by rasterising that same SVG at the canvas's pixel density.
import { el, download } from "./dom.js";

/** @typedef {import("./pkg/farmmap.js").FarmMap} FarmMap */
/** @typedef {import("./frame-loop.js").FrameLoop} FrameLoop */
/** @typedef {import("./i18n.js").Translator} Translator */

/**
 * @typedef {object} Exporter
 * @property {() => Blob | undefined} exportSvg download the SVG; returns it
 * @property {() => Promise<Blob> | undefined} exportPng download the PNG; resolves to it
 */

/**
 * Draw an SVG document on a canvas `width` device pixels wide, keeping its aspect ratio.
 * @param {string} svg @param {number} width
 * @returns {Promise<Blob>}
 */
export async function rasteriseSvg(svg, width) {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const scale = width / (img.naturalWidth || width);
    const out = el("canvas");
    out.width = Math.round(width);
    out.height = Math.round((img.naturalHeight || img.height) * scale);
    const g = out.getContext("2d");
    if (!g) throw new Error("no 2D canvas for the PNG");
    g.drawImage(img, 0, 0, out.width, out.height);
    return await new Promise((ok, no) => out.toBlob((b) => (b ? ok(b) : no(new Error("the PNG could not be encoded"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * The Download PNG and Download SVG buttons.
 * @param {HTMLElement} box
 * @param {{map: FarmMap, loop: FrameLoop, canvas: HTMLCanvasElement, parent: Element, announce: (t: string) => void, i18n: Translator}} deps
 * @returns {Exporter}
 */
export function mountExport(box, { map, loop, canvas, parent, announce, i18n: { t } }) {
  const pngBtn = el("button", "fm-btn fm-btn-text", t("downloadPng"));
  const svgBtn = el("button", "fm-btn fm-btn-text", t("downloadSvg"));
  box.append(pngBtn, svgBtn);
  const exportSvg = loop.guard(() => {
    const blob = new Blob([map.exportSvg()], { type: "image/svg+xml" });
    download(blob, "farmmap.svg", parent);
    return blob;
  });
  const exportPng = loop.guard(() => rasteriseSvg(map.exportSvg(), canvas.width).then((blob) => {
    download(blob, "farmmap.png", parent);
    return blob;
  }));
  pngBtn.addEventListener("click", () => {
    exportPng()?.catch((err) => announce(t("pngFailed", { message: err instanceof Error ? err.message : String(err) })));
  });
  svgBtn.addEventListener("click", () => { exportSvg(); });
  return { exportSvg, exportPng };
}
