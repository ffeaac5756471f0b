// Reorders a wasm module's functions so that similar bodies sit next to each other, which
// is what gzip's 32 KB window rewards:
//   node scripts/order-functions.mjs in.wasm out.wasm [wasm-opt feature flags…]
// (scripts/build.sh runs it after wasm-opt -Oz, with the same --enable-… flags.)
// Nothing a function does changes, only where it sits (and so its index): binaryen renumbers
// every call, table entry and export (`wasm-opt --reorder-functions-by-name`, after this
// script names each function by its rank in the new order; the names are stripped again).
//
// The order: start with the largest body, then always take the remaining body most like the
// last one taken (Jaccard similarity of their sets of 4-byte substrings; ties to the lower
// index), so runs of look-alike functions (monomorphised copies, drop glue, shims) end up
// within each other's window. Deterministic: the same input gives the same output.
// The reader's wasm (main at 8db7f8d): 225,922 → 222,376 B gzip as served (Zopfli), 199,220
// → 197,517 B brotli; raw 487,271 → 488,081 B (calls to functions that moved past index 127
// take a second LEB byte). Gram sizes 3, 5, 6, 8 and other scores (common count, keeping
// the first 32–100 functions in place for their one-byte indices) did no better.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

/** @param {number} n @returns {number[]} */
function encodeLeb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

/** The module's sections: id, payload start and end. */
export function sections(bytes) {
  if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new Error("not a wasm module");
  }
  const out = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    out.push({ id, start, end: start + size, headerStart: at });
    at = start + size;
  }
  return out;
}

/** How many functions the module imports (they come first in the index space). */
function importedFunctions(bytes, section) {
  if (!section) return 0;
  let [count, at] = leb(bytes, section.start);
  let funcs = 0;
  const skipName = () => { const [n, a] = leb(bytes, at); at = a + n; };
  const skipLimits = () => {
    const flags = bytes[at++];
    [, at] = leb(bytes, at);
    if (flags & 1) [, at] = leb(bytes, at);
  };
  for (; count > 0; count--) {
    skipName();
    skipName();
    const kind = bytes[at++];
    if (kind === 0) { funcs++; [, at] = leb(bytes, at); }
    else if (kind === 1) { at++; skipLimits(); }
    else if (kind === 2) skipLimits();
    else if (kind === 3) at += 2;
    else if (kind === 4) { at++; [, at] = leb(bytes, at); }
    else throw new Error(`unknown import kind ${kind}`);
  }
  return funcs;
}

/** The bodies of the module's own functions, in index order. */
export function functionBodies(bytes) {
  const all = sections(bytes);
  const code = all.find((s) => s.id === 10);
  if (!code) return [];
  let [count, at] = leb(bytes, code.start);
  const bodies = [];
  for (; count > 0; count--) {
    const [size, start] = leb(bytes, at);
    bodies.push(bytes.subarray(start, start + size));
    at = start + size;
  }
  return bodies;
}

/** A body's distinct 4-byte substrings, sorted (for merge intersections). */
function shingles(body) {
  const set = new Set();
  for (let i = 0; i + 4 <= body.length; i++) {
    set.add(((body[i] << 24) | (body[i + 1] << 16) | (body[i + 2] << 8) | body[i + 3]) >>> 0);
  }
  return Uint32Array.from(set).sort();
}

function jaccard(a, b) {
  if (!a.length && !b.length) return 1;
  let i = 0, j = 0, common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { common++; i++; j++; } else if (a[i] < b[j]) i++; else j++;
  }
  return common / (a.length + b.length - common);
}

/**
 * The new order: `order[k]` is the position (in `bodies`) of the function placed k-th.
 * @param {Uint8Array[]} bodies
 * @returns {number[]}
 */
export function similarityOrder(bodies) {
  const n = bodies.length;
  if (n === 0) return [];
  const sets = bodies.map(shingles);
  const left = new Set(bodies.keys());
  let current = 0;
  for (let k = 1; k < n; k++) if (bodies[k].length > bodies[current].length) current = k;
  const order = [current];
  left.delete(current);
  while (left.size) {
    let best = -1, bestScore = -1;
    for (const k of left) {
      const score = jaccard(sets[current], sets[k]);
      if (score > bestScore || (score === bestScore && k < best)) { best = k; bestScore = score; }
    }
    order.push(best);
    left.delete(best);
    current = best;
  }
  return order;
}

/** A "name" custom section naming every function by its rank in `order` (imports first). */
export function nameSection(imported, order) {
  const width = String(imported + order.length).length;
  const names = [];
  for (let i = 0; i < imported; i++) names.push([i, `a${String(i).padStart(width, "0")}`]);
  order.forEach((position, rank) => names.push([imported + position, `b${String(rank).padStart(width, "0")}`]));
  names.sort((x, y) => x[0] - y[0]);
  const map = [...encodeLeb(names.length)];
  for (const [index, name] of names) map.push(...encodeLeb(index), ...encodeLeb(name.length), ...Buffer.from(name));
  const payload = [...encodeLeb(4), ...Buffer.from("name"), 1, ...encodeLeb(map.length), ...map];
  return Uint8Array.from([0, ...encodeLeb(payload.length), ...payload]);
}

/** The module without its "name" section, with `extra` appended. */
function withNames(bytes, extra) {
  const parts = [bytes.subarray(0, 8)];
  for (const s of sections(bytes)) {
    const isName = s.id === 0 && (() => {
      const [len, at] = leb(bytes, s.start);
      return Buffer.from(bytes.subarray(at, at + len)).toString() === "name";
    })();
    if (!isName) parts.push(bytes.subarray(s.headerStart, s.end));
  }
  parts.push(extra);
  return Buffer.concat(parts);
}

/**
 * Reorders `input` into `output` (paths; they may be the same) with `wasmOpt` given
 * `features` (its --enable-… flags); returns the new order.
 */
export function orderFunctions(input, output, wasmOpt, features) {
  const bytes = new Uint8Array(readFileSync(input));
  const all = sections(bytes);
  const imported = importedFunctions(bytes, all.find((s) => s.id === 2));
  const order = similarityOrder(functionBodies(bytes));
  const dir = mkdtempSync(join(tmpdir(), "farmmap-order-"));
  try {
    const named = join(dir, "named.wasm");
    writeFileSync(named, withNames(bytes, nameSection(imported, order)));
    execFileSync(wasmOpt, [...features, "--reorder-functions-by-name", "--strip-debug", named, "-o", output], { stdio: "inherit" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return order;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output, ...features] = process.argv.slice(2);
  if (!input || !output) {
    console.error("usage: node scripts/order-functions.mjs in.wasm out.wasm [--enable-… flags]");
    process.exit(2);
  }
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  orderFunctions(input, output, join(root, "node_modules/.bin/wasm-opt"), features);
}
