// Shared by bench/layout.mjs and tests/network-layout.test.mjs: the seeded graphs, the
// quality measures, and the two layouts run from the same start positions.
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
// FARMMAP_PKG=/path/to/pkg runs another build (e.g. a saved copy of main's) for a
// before/after comparison; pkg/ by default.
const pkgDir = process.env.FARMMAP_PKG ? pathToFileURL(process.env.FARMMAP_PKG + "/") : new URL("../pkg/", import.meta.url);
const { initSync, ForceLayout } = await import(new URL("farmmap.js", pkgDir).href);

let ready = false;
export function loadFarmmap() {
  if (!ready) {
    const bytes = readFileSync(fileURLToPath(new URL("farmmap_bg.wasm", pkgDir)));
    initSync({ module: bytes });
    ready = true;
  }
  return { ForceLayout };
}

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

// Barabási–Albert, m = 2, from a triangle, targets drawn from the endpoint list: the same
// graph as farmmap's network::generate::barabasi_albert for the same n and seed.
export function barabasiAlbert(n, seed) {
  const rand = mulberry32(seed);
  const sources = [], targets = [], endpoints = [];
  for (const [a, b] of [[0, 1], [1, 2], [2, 0]]) {
    sources.push(a); targets.push(b); endpoints.push(a, b);
  }
  for (let v = 3; v < n; v++) {
    const first = endpoints[Math.floor(rand() * endpoints.length)];
    let second = first;
    while (second === first) second = endpoints[Math.floor(rand() * endpoints.length)];
    for (const t of [first, second]) {
      sources.push(v); targets.push(t); endpoints.push(v, t);
    }
  }
  return { n, sources: Uint32Array.from(sources), targets: Uint32Array.from(targets) };
}

function adjacency(g) {
  const deg = new Uint32Array(g.n + 1);
  for (let k = 0; k < g.sources.length; k++) { deg[g.sources[k] + 1]++; deg[g.targets[k] + 1]++; }
  for (let i = 0; i < g.n; i++) deg[i + 1] += deg[i];
  const adj = new Uint32Array(deg[g.n]);
  const fill = deg.slice(0, g.n);
  for (let k = 0; k < g.sources.length; k++) {
    adj[fill[g.sources[k]]++] = g.targets[k];
    adj[fill[g.targets[k]]++] = g.sources[k];
  }
  return { start: deg, adj };
}

// Normalised stress 1 − B²/(A·P) over connected pairs (performance.md); BFS from `roots`
// sampled nodes (all nodes when roots ≥ n).
export function stress(g, xy, roots = g.n) {
  const { start, adj } = adjacency(g);
  const rand = mulberry32(7);
  const list = roots >= g.n ? [...Array(g.n).keys()] : Array.from({ length: roots }, () => Math.floor(rand() * g.n));
  const hops = new Int32Array(g.n);
  const queue = new Uint32Array(g.n);
  let A = 0, B = 0, P = 0;
  for (const r of list) {
    hops.fill(-1); hops[r] = 0;
    let head = 0, tail = 0; queue[tail++] = r;
    while (head < tail) {
      const v = queue[head++];
      for (let k = start[v]; k < start[v + 1]; k++) {
        const w = adj[k];
        if (hops[w] < 0) { hops[w] = hops[v] + 1; queue[tail++] = w; }
      }
    }
    for (let t = 0; t < g.n; t++) {
      if (t === r || hops[t] < 0) continue;
      const D = hops[t];
      const X = Math.hypot(xy[2 * r] - xy[2 * t], xy[2 * r + 1] - xy[2 * t + 1]);
      A += (X * X) / (D * D); B += X / D; P++;
    }
  }
  return P === 0 || A === 0 ? 0 : 1 - (B * B) / (A * P);
}

// Pairs of ties (no shared node) whose segments properly cross; O(E²).
export function crossings(g, xy) {
  const orient = (p, q, r) => (xy[2 * q] - xy[2 * p]) * (xy[2 * r + 1] - xy[2 * p + 1]) - (xy[2 * q + 1] - xy[2 * p + 1]) * (xy[2 * r] - xy[2 * p]);
  let count = 0;
  const m = g.sources.length;
  for (let e = 0; e < m; e++) {
    const a = g.sources[e], b = g.targets[e];
    for (let f = 0; f < e; f++) {
      const c = g.sources[f], d = g.targets[f];
      if (a === c || a === d || b === c || b === d) continue;
      if (orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0) count++;
    }
  }
  return count;
}

// graphology FA2 from positions `start`; returns { ms, xy }.
export function runGraphology(g, start, iterations, settings) {
  const graph = new Graph({ type: "undirected", multi: false });
  for (let i = 0; i < g.n; i++) graph.addNode(i, { x: start[2 * i], y: start[2 * i + 1] });
  for (let k = 0; k < g.sources.length; k++) graph.addEdge(g.sources[k], g.targets[k]);
  const t0 = performance.now();
  const pos = forceAtlas2(graph, { iterations, settings });
  const ms = performance.now() - t0;
  const xy = new Float64Array(2 * g.n);
  for (let i = 0; i < g.n; i++) { xy[2 * i] = pos[i].x; xy[2 * i + 1] = pos[i].y; }
  return { ms, xy };
}

// farmmap's layout with the same settings; `start` from a fresh layout's seeded positions.
export function runFarmmap(g, iterations, options) {
  const layout = new ForceLayout(g.n, g.sources, g.targets, options);
  const start = layout.positions();
  const t0 = performance.now();
  const converged = layout.tick(iterations);
  const ms = performance.now() - t0;
  const xy = layout.positions();
  layout.free();
  return { ms, xy, start, converged };
}
