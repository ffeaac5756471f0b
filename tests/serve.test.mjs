// The dev server answers bad requests without dying, keeps paths inside their mounts, and
// sends precompressed files as a CDN would.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { serve } from "../scripts/serve.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A raw GET (no URL normalisation by a client library). */
function get(port, rawPath, headers = {}) {
  return new Promise((ok, fail) => {
    const req = http.request({ host: "127.0.0.1", port, path: rawPath, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", fail);
    req.end();
  });
}

test("bad percent-encoding is a 400 and the server keeps serving", async () => {
  const server = await serve({ port: 0 });
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  try {
    assert.equal((await get(port, "/%E0%A4%A")).status, 400);
    assert.equal((await get(port, "/%00index.html")).status, 400);
    const ok = await get(port, "/index.html");
    assert.equal(ok.status, 200);
    assert.match(ok.body.toString(), /<html/i);
  } finally { server.close(); }
});

test("paths cannot leave their mount, not even into a sibling with the same prefix", async () => {
  const sibling = path.join(root, "www-private-test");
  fs.mkdirSync(sibling, { recursive: true });
  fs.writeFileSync(path.join(sibling, "secret.txt"), "secret");
  const server = await serve({ port: 0 });
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  try {
    for (const p of ["/../www-private-test/secret.txt", "/%2e%2e/www-private-test/secret.txt",
      "/..%2fwww-private-test%2fsecret.txt", "/pkg/..%2f..%2fCargo.toml", "/..%5cCargo.toml"]) {
      const r = await get(port, p);
      assert.notEqual(r.status, 200, `${p} must not be served`);
      assert.ok(!r.body.toString().includes("secret") && !r.body.toString().includes("[package]"), p);
    }
  } finally {
    server.close();
    fs.rmSync(sibling, { recursive: true, force: true });
  }
});

test("a precompressed sibling is sent with Content-Encoding when accepted", async () => {
  const dir = path.join(root, "www", "serve-test-tmp");
  fs.mkdirSync(dir, { recursive: true });
  const text = "body { color: red; }\n".repeat(50);
  fs.writeFileSync(path.join(dir, "a.css"), text);
  fs.writeFileSync(path.join(dir, "a.css.gz"), zlib.gzipSync(text));
  fs.writeFileSync(path.join(dir, "a.css.br"), zlib.brotliCompressSync(text));
  const server = await serve({ port: 0 });
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  try {
    const br = await get(port, "/serve-test-tmp/a.css", { "accept-encoding": "gzip, deflate, br" });
    assert.equal(br.headers["content-encoding"], "br");
    assert.equal(br.headers["content-type"], "text/css; charset=utf-8");
    assert.equal(zlib.brotliDecompressSync(br.body).toString(), text);
    const gz = await get(port, "/serve-test-tmp/a.css", { "accept-encoding": "gzip" });
    assert.equal(gz.headers["content-encoding"], "gzip");
    assert.equal(zlib.gunzipSync(gz.body).toString(), text);
    // An edit after compressing makes the copies stale: the edited file is sent as it is.
    const edited = text + "p { color: blue; }\n";
    const later = new Date(Date.now() + 5000);
    fs.writeFileSync(path.join(dir, "a.css"), edited);
    fs.utimesSync(path.join(dir, "a.css"), later, later);
    const fresh = await get(port, "/serve-test-tmp/a.css", { "accept-encoding": "gzip, br" });
    assert.equal(fresh.headers["content-encoding"], undefined);
    assert.equal(fresh.body.toString(), edited);
    fs.writeFileSync(path.join(dir, "a.css"), text);
    const none = await get(port, "/serve-test-tmp/a.css", { "accept-encoding": "br;q=0, gzip;q=0" });
    assert.equal(none.headers["content-encoding"], undefined);
    assert.equal(none.body.toString(), text);
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("both builds are served precompressed, and a matching ETag is answered 304 (a second embed revalidates)", async () => {
  const server = await serve({ port: 0 });
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  try {
    for (const build of ["pkg-reader", "pkg"]) {
      const first = await get(port, `/${build}/farmmap_bg.wasm`, { "accept-encoding": "br, gzip" });
      assert.equal(first.status, 200, build);
      assert.equal(first.headers["content-encoding"], "br", `${build}: run scripts/build.sh first`);
      assert.equal(first.headers["content-type"], "application/wasm");
      const wasm = zlib.brotliDecompressSync(first.body);
      assert.deepEqual([...wasm.subarray(0, 4)], [0, 0x61, 0x73, 0x6d], `${build}: a wasm module`);
      const tag = first.headers.etag;
      assert.match(String(tag), /^".+-br"$/);
      const again = await get(port, `/${build}/farmmap_bg.wasm`, { "accept-encoding": "br, gzip", "if-none-match": String(tag) });
      assert.equal(again.status, 304);
      assert.equal(again.body.length, 0);
      // Another encoding is another representation: its own tag, a full answer.
      const gz = await get(port, `/${build}/farmmap_bg.wasm`, { "accept-encoding": "gzip", "if-none-match": String(tag) });
      assert.equal(gz.status, 200);
      assert.equal(gz.headers["content-encoding"], "gzip");
      // Zopfli's gzip (scripts/compress.mjs) is ordinary gzip: it decodes to the very file.
      assert.ok(zlib.gunzipSync(gz.body).equals(fs.readFileSync(path.join(root, build, "farmmap_bg.wasm"))), build);
      assert.ok(wasm.equals(fs.readFileSync(path.join(root, build, "farmmap_bg.wasm"))), build);
    }
  } finally {
    server.close();
  }
});
