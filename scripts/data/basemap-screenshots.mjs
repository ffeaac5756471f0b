// Screenshots of the embedded basemap as readers see it, to compare two versions of the
// geography by eye (data/README.md, "Precision"): the demo's own view on a desktop and a
// phone, and close-ups of oblast borders (a junction of three oblasts, Almaty City's edge,
// the Caspian coast) where a change of precision would show first.
// After scripts/build.sh --reader (only the reader's exports: panBy, zoomAt, camera):
//   node scripts/data/basemap-screenshots.mjs LABEL      → artifacts/basemap-LABEL-*.png
//   node scripts/data/basemap-screenshots.mjs --diff A B → per view, the pixels that differ
//     between artifacts/basemap-A-* and -B-* (a channel by more than 16 of 255), printed, and
//     artifacts/basemap-diff-*.png (B, with the differing pixels in red).
import fs from "node:fs";
import { start, openPage } from "../../tests/harness.mjs";

const label = process.argv[2] || "now";

/** Compares two labels' screenshots in the browser (no image library needed). */
async function diff(a, b) {
  const env = await start();
  try {
    const { page, context } = await openPage(env, "/", { viewport: { width: 400, height: 300 } });
    for (const name of Object.keys(VIEWS)) {
      const [pa, pb] = [a, b].map((l) => `artifacts/basemap-${l}-${name}.png`);
      if (!fs.existsSync(pa) || !fs.existsSync(pb)) continue;
      const urls = [pa, pb].map((p) => `data:image/png;base64,${fs.readFileSync(p).toString("base64")}`);
      const r = await page.evaluate(async ([ua, ub]) => {
        const load = async (u) => { const i = new Image(); i.src = u; await i.decode(); return i; };
        const [ia, ib] = [await load(ua), await load(ub)];
        const c = document.createElement("canvas");
        c.width = ib.width; c.height = ib.height;
        const g = c.getContext("2d");
        g.drawImage(ia, 0, 0);
        const da = g.getImageData(0, 0, c.width, c.height).data;
        g.drawImage(ib, 0, 0);
        const out = g.getImageData(0, 0, c.width, c.height);
        let n = 0;
        for (let i = 0; i < da.length; i += 4) {
          const d = Math.max(...[0, 1, 2].map((k) => Math.abs(da[i + k] - out.data[i + k])));
          if (d > 16) { n++; out.data.set([255, 0, 0, 255], i); }
        }
        g.putImageData(out, 0, 0);
        return { differing: n, pixels: c.width * c.height, png: c.toDataURL("image/png") };
      }, urls);
      const file = `artifacts/basemap-diff-${name}.png`;
      fs.writeFileSync(file, Buffer.from(r.png.split(",")[1], "base64"));
      console.log(JSON.stringify({ view: name, differing: r.differing, pixels: r.pixels, share: Number((r.differing / r.pixels).toFixed(6)), file }));
    }
    await context.close();
  } finally {
    await env.close();
  }
}
/** name → [lng, lat, zoom] of the centre (null: the demo's own first view). */
const VIEWS = {
  "demo-desktop": null,
  "demo-phone": null,
  "junction-aqmola-qaraghandy-pavlodar-z10": [73.714, 51.257, 10],
  "junction-aqmola-qaraghandy-pavlodar-z8": [73.714, 51.257, 8],
  "almaty-city-z10": [76.92, 43.27, 10],
  "caspian-atyrau-z7": [52.5, 47.1, 7],
  "lake-balkhash-z8": [74.5, 46.4, 8],
  "kz-china-border-z7": [80.3, 45.0, 7],
};
if (label === "--diff") {
  await diff(process.argv[3], process.argv[4]);
  process.exit(0);
}
fs.mkdirSync("artifacts", { recursive: true });
const env = await start();
try {
  for (const [name, view] of Object.entries(VIEWS)) {
    const viewport = name === "demo-phone" ? { width: 390, height: 700 } : { width: 1000, height: 700 };
    const { page, context, problems } = await openPage(env, "/", { viewport, deviceScaleFactor: 2 });
    await page.waitForFunction(() => window.farmmap && performance.getEntriesByName("farmmap:first-frame").length > 0);
    if (view) {
      await page.evaluate(([lng, lat, zoom]) => {
        const m = window.farmmap.map;
        const c = m.camera();
        const s = Math.sin((lat * Math.PI) / 180);
        const x = lng / 360 + 0.5, y = 0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI;
        const scale = 256 * 2 ** c.zoom;
        m.panBy((c.centerX - x) * scale, (c.centerY - y) * scale);
        m.zoomAt(c.width / 2, c.height / 2, zoom - c.zoom);
        window.farmmap.requestDraw();
      }, view);
    }
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const zoom = await page.evaluate(() => window.farmmap.map.camera().zoom);
    const file = `artifacts/basemap-${label}-${name}.png`;
    await page.locator("canvas").first().screenshot({ path: file });
    console.log(JSON.stringify({ file, zoom: Number(zoom.toFixed(2)), problems }));
    await context.close();
  }
} finally {
  await env.close();
}
