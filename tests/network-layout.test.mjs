// The ForceLayout JS API in node (pkg/ built by scripts/build.sh), and its layout quality
// against graphology-layout-forceatlas2 on the same graph, start and settings.
import { test } from "node:test";
import assert from "node:assert/strict";
import forceAtlas2 from "graphology-layout-forceatlas2";
import { loadFarmmap, barabasiAlbert, stress, crossings, runGraphology, runFarmmap } from "../bench/layout-common.mjs";

const { ForceLayout } = loadFarmmap();

test("ForceLayout ticks, returns positions, and is deterministic", () => {
  const g = barabasiAlbert(200, 3);
  const a = new ForceLayout(g.n, g.sources, g.targets, { seed: 42 });
  assert.equal(a.nodeCount, 200);
  const start = a.positions();
  assert.ok(start instanceof Float64Array);
  assert.equal(start.length, 400);
  assert.equal(typeof a.tick(50), "boolean");
  assert.equal(a.iterations, 50);
  const xy = a.positions();
  assert.ok(xy.every(Number.isFinite));
  assert.notDeepEqual(xy, start);
  const b = new ForceLayout(g.n, g.sources, g.targets, { seed: 42 });
  b.tick(50);
  assert.deepEqual(b.positions(), xy);
  const c = new ForceLayout(g.n, g.sources, g.targets, { seed: 43 });
  assert.notDeepEqual(c.positions(), start);
  for (const l of [a, b, c]) l.free();
});

test("wasm positions equal the native build's bit for bit", () => {
  // The same numbers are asserted natively in forceatlas2.rs
  // (native_positions_equal_the_wasm_build).
  const g = barabasiAlbert(2000, 3);
  // graphology's fixed defaults, farmmap's before issue 13 (its defaults are now inferred).
  const l = new ForceLayout(2000, g.sources, g.targets, { seed: 42, barnesHutOptimize: true, scalingRatio: 1, gravity: 1, strongGravityMode: false, slowDown: 1 });
  l.tick(100);
  const p = l.positions();
  assert.deepEqual([p[0], p[1], p[3999]], [1.8079620580504576, 6.873366452641516, 105.22952338628465]);
  l.free();
});

test("pin, setPositions and options behave; bad input throws a JS Error", () => {
  const g = barabasiAlbert(50, 1);
  const l = new ForceLayout(g.n, g.sources, g.targets, { linLogMode: true, gravity: 2, barnesHutTheta: 0.8, adjustSizes: false });
  l.pin(3, 10.5, -4);
  l.tick(20);
  const xy = l.positions();
  assert.deepEqual([xy[6], xy[7]], [10.5, -4]);
  l.unpin(3);
  const saved = new Float64Array(100).map((_, i) => i);
  l.setPositions(saved);
  assert.deepEqual(l.positions(), saved);
  assert.throws(() => l.setPositions(new Float64Array(3)), (e) => e instanceof Error && /expected 100 numbers/.test(e.message));
  assert.throws(() => l.pin(50, 0, 0), /node 50 does not exist/);
  assert.throws(() => new ForceLayout(3, Uint32Array.of(0), Uint32Array.of(3)), (e) => e instanceof Error && /target index 3/.test(e.message));
  assert.throws(() => new ForceLayout(3, Uint32Array.of(0), Uint32Array.of(1), { gravty: 1 }), /unknown field `gravty`/);
  assert.throws(() => new ForceLayout(3, Uint32Array.of(0), Uint32Array.of(1), { scalingRatio: -1 }), /scalingRatio/);
  const run = (o) => { const x = new ForceLayout(5, Uint32Array.of(0), Uint32Array.of(1), { seed: 3, ...o }); x.tick(20); const p = x.positions(); x.free(); return p; };
  assert.deepEqual(run({ strongGravity: true }), run({ strongGravityMode: true }));
  assert.deepEqual(run({}), run({ strongGravityMode: true })); // inferred: on
  assert.notDeepEqual(run({}), run({ strongGravityMode: false }));
  const empty = new ForceLayout(0, new Uint32Array(), new Uint32Array());
  assert.equal(empty.tick(5), true);
  assert.equal(empty.positions().length, 0);
  l.free();
  empty.free();
});

test("stress on a 500-node BA graph is no worse than graphology's", () => {
  const g = barabasiAlbert(500, 1);
  // The same explicit settings for both: graphology's inferred ones, Barnes-Hut on.
  const settings = { ...forceAtlas2.inferSettings(g.n), barnesHutOptimize: true, barnesHutTheta: 0.5 };
  const fm = runFarmmap(g, 300, { seed: 42, ...settings });
  const gr = runGraphology(g, fm.start, 300, settings);
  const ours = stress(g, fm.xy);
  const theirs = stress(g, gr.xy);
  const before = stress(g, fm.start);
  assert.ok(ours < before - 0.03, `farmmap did not untangle: ${before} -> ${ours}`);
  assert.ok(ours <= theirs + 0.005, `farmmap stress ${ours} vs graphology ${theirs}`);
});

test("refine lowers stress, respects pins, and slicing it changes nothing", () => {
  const g = barabasiAlbert(300, 5);
  const make = () => { const l = new ForceLayout(g.n, g.sources, g.targets, { seed: 42 }); l.tick(200); return l; };
  const whole = make();
  const before = stress(g, whole.positions());
  assert.equal(whole.refine(), true);
  const after = stress(g, whole.positions());
  assert.ok(after < 0.9 * before, `stress ${before} -> ${after}`);
  const sliced = make();
  let calls = 0;
  while (!sliced.refine(20000)) calls++;
  assert.ok(calls > 3);
  assert.deepEqual(sliced.positions(), whole.positions());
  const pinned = make();
  pinned.pin(7, 1.5, -2.5);
  pinned.refine();
  const p = pinned.positions();
  assert.deepEqual([p[14], p[15]], [1.5, -2.5]);
  assert.ok(p.every(Number.isFinite));
  for (const l of [whole, sliced, pinned]) l.free();
});

test("uncross removes exactly the crossings it reports, keeps pins, and repeats itself", () => {
  const g = barabasiAlbert(300, 5);
  const make = () => { const l = new ForceLayout(g.n, g.sources, g.targets, { seed: 42 }); l.tick(200); l.refine(); return l; };
  const a = make();
  const before = crossings(g, a.positions());
  const removed = a.uncross();
  const after = crossings(g, a.positions());
  assert.ok(removed > 0, "a refined BA picture has crossings a local move removes");
  assert.equal(before - after, removed);
  const b = make();
  b.uncross();
  assert.deepEqual(b.positions(), a.positions());
  const pinned = make();
  const start = pinned.positions();
  for (let i = 0; i < g.n; i++) pinned.pin(i, start[2 * i], start[2 * i + 1]);
  assert.equal(pinned.uncross(), 0);
  assert.deepEqual(pinned.positions(), start);
  for (const l of [a, b, pinned]) l.free();
});
