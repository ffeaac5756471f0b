// farmmap's ClusterIndex against supercluster 9.1.0 on the same seeded inputs: the same
// points and clusters, ids, counts, order and positions at every zoom. Needs pkg/ built.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import Supercluster from "supercluster";
import { INPUTS, features, mulberry32 } from "../bench/cluster-inputs.mjs";
import { loadFarmmap } from "../bench/cluster-wasm.mjs";
import { ClusterRows } from "../www/cluster-rows.js";

const N = 100_000;
const WORLD = [-180, -90, 180, 90];
let farmmap;
before(async () => { farmmap = await loadFarmmap(); });

// supercluster's features as flat rows, the shape ClusterIndex returns.
function rows(list) {
  const id = [], count = [], lng = [], lat = [];
  for (const f of list) {
    const p = f.properties;
    id.push(p.cluster ? p.cluster_id : p.i);
    count.push(p.cluster ? p.point_count : 1);
    lng.push(f.geometry.coordinates[0]);
    lat.push(f.geometry.coordinates[1]);
  }
  return { id, count, lng, lat };
}

// Longitudes bit for bit (plain arithmetic). A cluster's latitude bit for bit too: its
// Int32 y is the same, and `yLat` uses fdlibm's exp/atan, as V8 does (src/cluster/mercator.rs).
// A lone point's latitude is yLat of the point's stored world y, which `latY` computes with
// sin and log, and V8's Math.sin/Math.log differ from fdlibm's in the last bit now and then;
// through `360 * atan(exp(y)) / PI - 90` a few ulps become ≤ ~1e-13°. So those within 1e-12°
// (0.1 µm); ids, counts and order, which clustering decides, are exact.
function assertNear(got, want, what, counts) {
  assert.equal(got.length, want.length, what);
  for (let k = 0; k < got.length; k++) {
    const exact = what.endsWith("lng") || counts[k] > 1;
    const ok = exact ? Object.is(got[k], want[k]) : Math.abs(got[k] - want[k]) <= 1e-12;
    if (!ok) assert.fail(`${what}: row ${k}${exact ? " (exact)" : ""}: ${got[k]} vs ${want[k]}`);
  }
}

function assertSameRows(got, want, what) {
  assert.deepEqual(got.id, want.id, `${what}: ids`);
  assert.deepEqual(got.count, want.count, `${what}: counts`);
  assertNear(got.lng, want.lng, `${what}: lng`, want.count);
  assertNear(got.lat, want.lat, `${what}: lat`, want.count);
}

// 1000×800 px viewports at seeded centres, zooms 0..16 (as bench/cluster-core.mjs draws
// them): the tree walk's partly covered nodes, where its shortcuts apply.
function viewports(count) {
  const r = mulberry32(42);
  const xLng = (x) => (x - 0.5) * 360;
  const yLat = (y) => 360 * Math.atan(Math.exp((180 - y * 360) * Math.PI / 180)) / Math.PI - 90;
  const out = [];
  for (let v = 0; v < count; v++) {
    const z = v % 17, hw = 500 / (256 * 2 ** z), hh = 400 / (256 * 2 ** z);
    const cx = r(), cy = 0.1 + 0.8 * r();
    out.push([[xLng(cx - hw), yLat(Math.min(1, cy + hh)), xLng(cx + hw), yLat(Math.max(0, cy - hh))], z]);
  }
  return out;
}

function ours(list) {
  const r = { id: [...list.id], count: [...list.count], lng: [...list.lng], lat: [...list.lat] };
  list.free();
  return r;
}

// The first `n` rows of a ClusterRows (read in place from wasm memory), copied out.
function inPlace(cr, n) {
  return { id: [...cr.id.subarray(0, n)], count: [...cr.count.subarray(0, n)], lng: [...cr.lng.subarray(0, n)], lat: [...cr.lat.subarray(0, n)] };
}

for (const [name, make] of Object.entries(INPUTS)) {
  test(`${name} ${N}: identical clusters at every zoom, and identical children, leaves, expansion zooms`, () => {
    const lngLat = make(N);
    const sc = new Supercluster().load(features(lngLat));
    const index = new farmmap.ClusterIndex({});
    index.load(lngLat);
    for (let z = 0; z <= 17; z++) {
      const want = rows(sc.getClusters(WORLD, z));
      const got = ours(index.getClusters(WORLD, z));
      assert.equal(got.id.length, want.id.length, `zoom ${z}: number of points and clusters`);
      assert.deepEqual(got.count, want.count, `zoom ${z}: counts`);
      assert.deepEqual(got.id, want.id, `zoom ${z}: ids`);
      assertNear(got.lng, want.lng, `zoom ${z}: lng`, want.count);
      assertNear(got.lat, want.lat, `zoom ${z}: lat`, want.count);
      if (z === 0) assert.equal(want.count.reduce((a, b) => a + b, 0), N);
    }
    // A viewport over the antimeridian, and Kazakhstan; then the bench's viewports, through
    // ClusterRows (the query pages use: one buffer reused, results of every size).
    for (const [bbox, z] of [[[170, -30, -170, 30], 5], [[46, 40, 88, 56], 6]]) {
      assertSameRows(ours(index.getClusters(bbox, z)), rows(sc.getClusters(bbox, z)), `${bbox} z${z}`);
    }
    const cr = new ClusterRows(index);
    for (const [bbox, z] of viewports(850)) {
      assertSameRows(inPlace(cr, cr.query(bbox, z)), rows(sc.getClusters(bbox, z)), `rows in place: ${bbox} z${z}`);
    }
    const sample = rows(sc.getClusters(WORLD, 4)).id.filter((_, k, a) => k % 7 === 0);
    let clusters = 0;
    for (const [k, id] of sample.entries()) {
      if (id < N) continue; // a lone point
      clusters++;
      assertSameRows(ours(index.getChildren(id)), rows(sc.getChildren(id)), `children of ${id}`);
      assert.equal(index.getClusterExpansionZoom(id), sc.getClusterExpansionZoom(id));
      const [limit, offset] = [1 + (k % 25), k % 13];
      assert.deepEqual([...index.getLeaves(id, limit, offset)],
        sc.getLeaves(id, limit, offset).map((f) => f.properties.i), `leaves of ${id}`);
    }
    assert.ok(clusters > 0, "the sample holds clusters");
    index.free();
  });
}

test("minPoints 5 and radius 60 keep supercluster's order too", () => {
  const lngLat = INPUTS.gaussian(20_000, 7);
  const options = { minPoints: 5, radius: 60 };
  const sc = new Supercluster(options).load(features(lngLat));
  const index = new farmmap.ClusterIndex(options);
  index.load(lngLat);
  for (let z = 0; z <= 17; z++) {
    const got = ours(index.getClusters(WORLD, z));
    const want = rows(sc.getClusters(WORLD, z));
    assert.deepEqual(got.id, want.id, `zoom ${z}`);
    assert.deepEqual(got.count, want.count, `zoom ${z}`);
  }
  index.free();
});

test("errors are thrown as JS Errors with a message", () => {
  const index = new farmmap.ClusterIndex({ radius: 40 });
  index.load(new Float64Array([76.9, 43.25, 76.91, 43.26]));
  assert.throws(() => index.getChildren(12345), /No cluster with the specified id/);
  assert.throws(() => index.getClusterExpansionZoom(-1), /No cluster/);
  assert.throws(() => index.getClusters([0, 0, 1], 1), /bbox/);
  assert.throws(() => index.getClusters(WORLD, NaN), /zoom/);
  assert.throws(() => index.load(new Float64Array([1, 2, 3])), /pairs/);
  assert.throws(() => new farmmap.ClusterIndex({ radius: "far" }), Error);
  assert.throws(() => new farmmap.ClusterIndex({ radius: -1 }), /radius/);
  const c = index.getClusters(WORLD, 0);
  assert.deepEqual([...c.count], [2]);
  assert.ok(c.id instanceof Uint32Array && c.lng instanceof Float64Array);
  c.free();
  index.free();
});

test("aggregates sum capacity, statuses and owner groups", () => {
  const index = new farmmap.ClusterIndex();
  // Three farms near Ekibastuz, one in Almaty.
  const lngLat = new Float64Array([75.30, 51.70, 75.31, 51.71, 75.32, 51.70, 76.9, 43.25]);
  index.loadWithAttributes(lngLat, new Float64Array([10, NaN, 5.5, 100]),
    new Uint8Array([0, 1, 0, 2]), new Uint16Array([1, 65535, 1, 0]));
  const list = index.getClusters(WORLD, 4);
  const agg = index.getAggregates(list);
  const row = [...list.count].indexOf(3);
  const other = 1 - row;
  assert.equal(agg.groupSlots, 3);
  assert.equal(agg.capacitySum[row], 15.5);
  assert.equal(agg.capacityKnown[row], 2);
  assert.deepEqual([...agg.statusCounts.slice(3 * row, 3 * row + 3)], [2, 1, 0]);
  assert.deepEqual([...agg.groupCounts.slice(3 * row, 3 * row + 3)], [0, 2, 1]);
  assert.equal(agg.capacitySum[other], 100);
  assert.deepEqual([...agg.groupCounts.slice(3 * other, 3 * other + 3)], [1, 0, 0]);
  assert.throws(() => index.loadWithAttributes(lngLat, null, new Uint8Array([0, 3, 0, 0])), /status/);
  agg.free(); list.free(); index.free();
});

// supercluster features for `lngLat`, a pair with a NaN becoming a feature without geometry
// (what farmmap's NaN pair stands for).
function nullableFeatures(lngLat) {
  const out = [];
  for (let i = 0; i < lngLat.length / 2; i++) {
    const [lng, lat] = [lngLat[2 * i], lngLat[2 * i + 1]];
    out.push({ type: "Feature", properties: { i },
      geometry: Number.isNaN(lng) || Number.isNaN(lat) ? null : { type: "Point", coordinates: [lng, lat] } });
  }
  return out;
}

// Everything a page can ask, compared at every zoom (integer and fractional, below minZoom
// and above maxZoom): getClusters over the world and a few boxes, then for each cluster
// (up to `perZoom` a zoom) its children, all its leaves, a page of them, its expansion zoom.
function assertEquivalent(lngLat, options, what, perZoom = 40) {
  const sc = new Supercluster(options).load(nullableFeatures(lngLat));
  const index = new farmmap.ClusterIndex(options);
  index.load(lngLat);
  const maxZoom = Math.min(options.maxZoom ?? 16, 30);
  const zooms = [-1, 0.5];
  for (let z = 0; z <= maxZoom + 2; z++) zooms.push(z, z + 0.75);
  zooms.push(99);
  const boxes = [WORLD, [-180, 80, 180, 90], [-180, -90, 180, -80], [170, -90, -170, 90], [46, 40, 88, 56]];
  for (const z of zooms) {
    for (const bbox of boxes) {
      assertSameRows(ours(index.getClusters(bbox, z)), rows(sc.getClusters(bbox, z)), `${what}: zoom ${z}, ${bbox}`);
    }
    const world = rows(sc.getClusters(WORLD, z));
    let checked = 0;
    for (let k = 0; k < world.id.length && checked < perZoom; k++) {
      if (world.count[k] < 2) continue;
      const id = world.id[k];
      checked++;
      const w = `${what}: zoom ${z}, cluster ${id}`;
      assertSameRows(ours(index.getChildren(id)), rows(sc.getChildren(id)), `${w}: children`);
      assert.deepEqual([...index.getLeaves(id, Infinity)], sc.getLeaves(id, Infinity).map((f) => f.properties.i), `${w}: leaves`);
      assert.deepEqual([...index.getLeaves(id, 3, 2)], sc.getLeaves(id, 3, 2).map((f) => f.properties.i), `${w}: leaves page`);
      assert.equal(index.getClusterExpansionZoom(id), sc.getClusterExpansionZoom(id), `${w}: expansion zoom`);
    }
  }
  index.free();
}

// Points beyond Web Mercator's ±85.0511°, exactly at the poles, past ±180°, stacked.
function polarPoints() {
  const out = [];
  const lats = [-90, -89.99, -89.5, -85.06, -85.0511287798066, -85, 0, 85, 85.0511287798066, 85.06, 89.5, 89.99, 90];
  for (const [k, lat] of lats.entries()) {
    for (const lng of [-180, -179.999, -120 + k, 0.123 * k, 179.999, 180, 190, -540]) out.push(lng, lat);
  }
  for (let k = 0; k < 30; k++) out.push(-1.426798, 53.943034); // 30 farms on one spot
  return new Float64Array(out);
}

function mixed(seed) {
  const g = INPUTS.gaussian(4000, seed);
  const p = polarPoints();
  const out = new Float64Array(g.length + p.length);
  out.set(g.subarray(0, 4000), 0);
  out.set(p, 4000);
  out.set(g.subarray(4000), 4000 + p.length);
  return out;
}

test("lone points come back through latY/yLat as supercluster 9.1.0 returns them (89.5° as 85.0511°)", () => {
  const lngLat = new Float64Array([10, 89.5, -60, -90, 120, 90, 33.3, 41.1]);
  const sc = new Supercluster().load(nullableFeatures(lngLat));
  const index = new farmmap.ClusterIndex();
  index.load(lngLat);
  const got = ours(index.getClusters(WORLD, 17)), want = rows(sc.getClusters(WORLD, 17));
  assertSameRows(got, want, "poles");
  const north = got.id.indexOf(0);
  assert.ok(Math.abs(got.lat[north] - 85.0511287798066) < 1e-9, `${got.lat[north]}`);
  index.free();
});

test("latitudes beyond ±85° and at ±90°, longitudes past ±180°, stacked points: identical at every zoom", () => {
  assertEquivalent(mixed(21), {}, "defaults");
});

test("option variants: minZoom, maxZoom, extent, nodeSize, radius, minPoints", () => {
  const lngLat = mixed(22);
  for (const options of [
    { minZoom: 3, maxZoom: 10 },
    { minZoom: 5, maxZoom: 5 },
    { maxZoom: 0 },
    { maxZoom: 22, radius: 16, extent: 8192 },
    { extent: 256, radius: 60 },
    { nodeSize: 2 },
    { nodeSize: 16, minPoints: 3 },
    { radius: 0 },
    { radius: 120, minPoints: 5, maxZoom: 12 },
  ]) {
    assertEquivalent(lngLat, options, JSON.stringify(options), 15);
  }
});

test("NaN coordinates are features without geometry (ids shift as in supercluster); Infinity is refused", () => {
  const lngLat = mixed(23);
  for (const k of [0, 7, 100, 2001, 4003]) lngLat[2 * k] = NaN;           // lng NaN
  for (const k of [1, 8, 2500]) lngLat[2 * k + 1] = NaN;                   // lat NaN
  for (const k of [9, 3000]) { lngLat[2 * k] = NaN; lngLat[2 * k + 1] = NaN; }
  assertEquivalent(lngLat, {}, "NaN", 20);
  const index = new farmmap.ClusterIndex();
  for (const bad of [[Infinity, 0], [0, -Infinity]]) {
    assert.throws(() => index.load(new Float64Array([1, 2, ...bad])), /infinite/);
  }
  index.free();
});

test("duplicates: many farms on the same spots, at every zoom up to 20", () => {
  assertEquivalent(INPUTS.duplicates(5000, 24, 40), { maxZoom: 20 }, "duplicates", 25);
});

test("ClusterRows: in-place rows stay right as the buffer grows, shrinks back and wasm memory grows", () => {
  const lngLat = INPUTS.gaussian(20_000, 5);
  const sc = new Supercluster().load(features(lngLat));
  const index = new farmmap.ClusterIndex({});
  index.load(lngLat);
  const cr = new ClusterRows(index);
  const before = cr.capacity;
  // Small, then the whole world at the deepest zoom (every point: the buffer must grow and
  // the views be made again), then small again (stale rows past the count are not read).
  const plan = [[[46, 40, 88, 56], 3], [WORLD, 17], [[46, 40, 88, 56], 3], [[170, -30, -170, 30], 9]];
  for (const [k, [bbox, z]] of plan.entries()) {
    // Between queries, wasm memory grows: its old ArrayBuffer is detached, so views over it
    // would read nothing.
    if (k === 2) farmmap.memory.grow(1);
    const n = cr.query(bbox, z);
    assertSameRows(inPlace(cr, n), rows(sc.getClusters(bbox, z)), `step ${k}: ${bbox} z${z}`);
    assert.ok(cr.capacity >= n, `step ${k}: the views cover the result`);
  }
  assert.ok(cr.capacity >= 20_000 && cr.capacity > before, "the buffer grew to the largest result");
  assert.throws(() => cr.query(WORLD, NaN), /zoom/);
  assert.equal(cr.query(WORLD, 0) > 0, true, "a query after an error works");
  index.free();
});
