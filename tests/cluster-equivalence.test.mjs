// farmmap's ClusterIndex against supercluster 9.1.0 on the same seeded inputs: the same
// points and clusters, ids, counts, order and positions at every zoom. Needs pkg/ built.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import Supercluster from "supercluster";
import { INPUTS, features } from "../bench/cluster-inputs.mjs";
import { loadFarmmap } from "../bench/cluster-wasm.mjs";

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

// Positions go through Math.exp/Math.atan in supercluster and Rust's libm here: they agree
// to a few ulps, not always bit for bit. Counts and ids, which clustering decides, are exact.
function assertNear(got, want, what) {
  assert.equal(got.length, want.length, what);
  for (let k = 0; k < got.length; k++) {
    if (!(Math.abs(got[k] - want[k]) <= 1e-9)) assert.fail(`${what}: row ${k}: ${got[k]} vs ${want[k]}`);
  }
}

function assertSameRows(got, want, what) {
  assert.deepEqual(got.id, want.id, `${what}: ids`);
  assert.deepEqual(got.count, want.count, `${what}: counts`);
  assertNear(got.lng, want.lng, `${what}: lng`);
  assertNear(got.lat, want.lat, `${what}: lat`);
}

function ours(list) {
  const r = { id: [...list.id], count: [...list.count], lng: [...list.lng], lat: [...list.lat] };
  list.free();
  return r;
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
      assertNear(got.lng, want.lng, `zoom ${z}: lng`);
      assertNear(got.lat, want.lat, `zoom ${z}: lat`);
      if (z === 0) assert.equal(want.count.reduce((a, b) => a + b, 0), N);
    }
    // A viewport over the antimeridian, and Kazakhstan.
    for (const [bbox, z] of [[[170, -30, -170, 30], 5], [[46, 40, 88, 56], 6]]) {
      assertSameRows(ours(index.getClusters(bbox, z)), rows(sc.getClusters(bbox, z)), `${bbox}`);
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
