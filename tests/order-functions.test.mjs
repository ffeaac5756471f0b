// scripts/order-functions.mjs: the reordered module does what the original did (calls,
// call_indirect through the table, imports, exports), look-alike functions end up next to
// each other, and the output is the same every time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functionBodies, orderFunctions, similarityOrder } from "../scripts/order-functions.mjs";

const wasmAs = "node_modules/.bin/wasm-as";
const wasmOpt = "node_modules/.bin/wasm-opt";
const features = ["--enable-bulk-memory", "--enable-reference-types", "--enable-multivalue"];

// Two families of look-alike functions, interleaved (sum1, poly1, sum2, poly2, …), an
// import, calls across families and a table for call_indirect.
const WAT = `(module
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (type $unary (func (param i32) (result i32)))
  (table 3 funcref)
  (elem (i32.const 0) $poly1 $sum2 $poly3)
  (func $sum1 (export "sum1") (param $n i32) (result i32) (local $s i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $s (i32.add (local.get $s) (i32.mul (local.get $n) (i32.const 3))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $s))
  (func $poly1 (export "poly1") (param $x i32) (result i32)
    (i32.add (i32.mul (i32.mul (local.get $x) (local.get $x)) (i32.const 7)) (call $twice (local.get $x))))
  (func $sum2 (export "sum2") (param $n i32) (result i32) (local $s i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $s (i32.add (local.get $s) (i32.mul (local.get $n) (i32.const 5))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (i32.add (local.get $s) (call $poly1 (i32.const 2))))
  (func $poly2 (export "poly2") (param $x i32) (result i32)
    (i32.add (i32.mul (i32.mul (local.get $x) (local.get $x)) (i32.const 9)) (call $twice (local.get $x))))
  (func $sum3 (export "sum3") (param $n i32) (result i32) (local $s i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $s (i32.add (local.get $s) (i32.mul (local.get $n) (i32.const 11))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $s))
  (func $poly3 (export "poly3") (param $x i32) (result i32)
    (i32.add (i32.mul (i32.mul (local.get $x) (local.get $x)) (i32.const 13)) (call $sum3 (local.get $x))))
  (func (export "indirect") (param $slot i32) (param $x i32) (result i32)
    (call_indirect (type $unary) (local.get $x) (local.get $slot))))`;

const run = (bytes) => {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { twice: (x) => 2 * x } });
  const out = {};
  for (const name of ["sum1", "sum2", "sum3", "poly1", "poly2", "poly3"]) out[name] = [0, 1, 4, 10].map((x) => exports[name](x));
  out.indirect = [0, 1, 2].map((slot) => exports.indirect(slot, 6));
  return out;
};

test("the reordered module computes what the original did, and is the same every time", () => {
  const dir = mkdtempSync(join(tmpdir(), "order-test-"));
  try {
    const wat = join(dir, "m.wat"), wasm = join(dir, "m.wasm");
    writeFileSync(wat, WAT);
    execFileSync(wasmAs, [...features, wat, "-o", wasm]);
    const before = readFileSync(wasm);
    const order = orderFunctions(wasm, join(dir, "a.wasm"), wasmOpt, features);
    orderFunctions(wasm, join(dir, "b.wasm"), wasmOpt, features);
    const a = readFileSync(join(dir, "a.wasm"));
    assert.deepEqual(a, readFileSync(join(dir, "b.wasm")), "deterministic");
    assert.notDeepEqual(order, [...order.keys()], "the order changed");
    assert.deepEqual(run(a), run(before));
    assert.equal(run(a).indirect[2], 6 * 6 * 13 + 11 * 21, "call_indirect reaches poly3: 6² × 13 + sum3(6)");
    assert.equal(functionBodies(a).length, functionBodies(before).length);
    // The sums (positions 0, 2, 4) sit together, and so do the polynomials (1, 3, 5).
    const place = (p) => order.indexOf(p);
    const sums = [0, 2, 4].map(place).sort((x, y) => x - y);
    const polys = [1, 3, 5].map(place).sort((x, y) => x - y);
    assert.ok(sums[2] - sums[0] === 2 || polys[2] - polys[0] === 2, `families apart: ${order}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("similarityOrder starts at the largest body and follows the most similar one", () => {
  const a = Uint8Array.from({ length: 64 }, (_, i) => i);
  const b = Uint8Array.from({ length: 48 }, (_, i) => 200 - i);
  const a2 = Uint8Array.from({ length: 60 }, (_, i) => (i === 30 ? 99 : i));
  const b2 = Uint8Array.from({ length: 40 }, (_, i) => 200 - i);
  assert.deepEqual(similarityOrder([a, b, a2, b2]), [0, 2, 1, 3]);
  assert.deepEqual(similarityOrder([]), []);
  assert.deepEqual(similarityOrder([b]), [0]);
});
