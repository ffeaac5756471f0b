// Screenshots of the embedded basemap as readers see it, to compare two versions of the
// geography by eye (data/README.md, "Precision"): the demo's own view on a desktop and a
// phone, and close-ups of oblast borders (a junction of three oblasts, Almaty City's edge,
// the Caspian coast) where a change of precision would show first.
// After scripts/build.sh --reader (only the reader's exports: panBy, zoomAt, camera):
//   node scripts/data/basemap-screenshots.mjs LABEL      → artifacts/basemap-LABEL-*.png
import fs from "node:fs";
import { start, openPage } from "../../tests/harness.mjs";

const label = process.argv[2] || "now";
/** name → [lng, lat, zoom] of the centre (null: the demo's own first view). */
const VIEWS = {
  "demo-desktop": null,
  "demo-phone": null,
  "junction-aqmola-qaraghandy-pavlodar-z10": [73.714, 51.257, 10],
  "junction-aqmola-qaraghandy-pavlodar-z8": [73.714, 51.257, 8],
  "almaty-city-z10": [76.92, 43.27, 10],
  "caspian-atyrau-z7": [52.5, 47.1, 7],
  "kz-china-border-z7": [80.3, 45.0, 7],
};
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
