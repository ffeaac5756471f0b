// Seeded inputs shared by the cluster tests and benches (performance.md, "Reproducible
// inputs"): mulberry32, plain arithmetic only, so every run and every engine sees the same
// Float64Array of [lng, lat] pairs.

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function uniform(n, seed = 1) {
  const r = mulberry32(seed);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = r() * 360 - 180;
    out[2 * i + 1] = r() * 170 - 85;
  }
  return out;
}

// 12 centres, spreads of 0.5° to 5°; a normal deviate is the sum of 12 uniforms minus 6.
export function gaussianMixture(n, seed = 2) {
  const r = mulberry32(seed);
  const k = 12;
  const centres = [];
  for (let c = 0; c < k; c++) centres.push([r() * 300 - 150, r() * 120 - 60, 0.5 + r() * 4.5]);
  const normal = () => { let s = 0; for (let j = 0; j < 12; j++) s += r(); return s - 6; };
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const [lng, lat, sd] = centres[Math.floor(r() * k)];
    out[2 * i] = Math.max(-180, Math.min(180, lng + normal() * sd));
    out[2 * i + 1] = Math.max(-85, Math.min(85, lat + normal() * sd));
  }
  return out;
}

// Many farms at identical coordinates (a city-level location shared by many sites):
// `sites` places, each repeated, in shuffled order, plus a few stray uniform points.
export function duplicates(n, seed = 3, sites = 300) {
  const r = mulberry32(seed);
  const places = [];
  for (let s = 0; s < sites; s++) places.push([46 + r() * 41, 40.5 + r() * 15]);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const [lng, lat] = r() < 0.95 ? places[Math.floor(r() * sites)] : [r() * 360 - 180, r() * 170 - 85];
    out[2 * i] = lng;
    out[2 * i + 1] = lat;
  }
  return out;
}

export const INPUTS = { uniform, gaussian: gaussianMixture, duplicates };

// GeoJSON features for supercluster, with the input index as the only property.
export function features(lngLat) {
  const n = lngLat.length / 2;
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = { type: "Feature", properties: { i }, geometry: { type: "Point", coordinates: [lngLat[2 * i], lngLat[2 * i + 1]] } };
  }
  return out;
}
