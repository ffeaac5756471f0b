// A dependency-free static server for the demo and the tests.
// Serves www/ at /, pkg/ (the full build) at /pkg/, pkg-reader/ (the reader's build) at
// /pkg-reader/, and data/ at /data/; binds to 127.0.0.1 only.
// `--csp` adds the strict Content-Security-Policy the embed must work under.
// Like a CDN, it answers a repeated request with 304 Not Modified when the ETag matches
// (so a second embed on a page, e.g. an iframe, revalidates the wasm instead of downloading
// it again), and it sends a precompressed `file.br` or `file.gz` beside a file when the client
// accepts it (scripts/build.sh writes them for both builds and www/), with Content-Encoding
// and Vary.
// A bad request never stops it: malformed percent-encoding is answered 400, a path that
// leaves its mount 404, and any other error 500.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MOUNTS = [["/pkg/", "pkg"], ["/pkg-reader/", "pkg-reader"], ["/data/", "data"], ["/", "www"]];
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json", ".geojson": "application/geo+json", ".wasm": "application/wasm",
  ".csv": "text/csv; charset=utf-8", ".png": "image/png", ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors *";

/** Thrown for a request path that cannot be a file name (answered 400). */
class BadRequest extends Error {}

/**
 * The file a URL path names, or null when it names none (outside every mount).
 * Throws BadRequest on malformed percent-encoding or a NUL byte.
 * @param {string} urlPath
 * @returns {string | null}
 */
export function resolve(urlPath) {
  for (const [prefix, dir] of MOUNTS) {
    if (!urlPath.startsWith(prefix)) continue;
    let rel;
    try {
      rel = decodeURIComponent(urlPath.slice(prefix.length));
    } catch {
      throw new BadRequest("malformed percent-encoding");
    }
    if (rel.includes("\0")) throw new BadRequest("NUL in path");
    const base = path.join(root, dir);
    const file = path.resolve(base, "." + path.sep + rel);
    // Contained means the mount itself or below it: "www-private" is not inside "www".
    if (file !== base && !file.startsWith(base + path.sep)) return null;
    return file;
  }
  return null;
}

/** The codings a client accepts, from its Accept-Encoding header (q=0 means refused). */
function acceptedCodings(header) {
  const ok = new Set();
  for (const part of (header || "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";").map((s) => s.trim());
    const q = params.find((p) => p.startsWith("q="));
    if (name && !(q && Number(q.slice(2)) === 0)) ok.add(name);
  }
  return ok;
}

/**
 * The precompressed sibling to send, if the client accepts it, it exists, and it is not
 * older than the file (a stale copy after an edit is never sent: the file is, uncompressed).
 */
function encoded(file, acceptEncoding) {
  const ok = acceptedCodings(acceptEncoding);
  const mtime = fs.statSync(file).mtimeMs;
  for (const [enc, ext] of [["br", ".br"], ["gzip", ".gz"]]) {
    const pre = file + ext;
    if (ok.has(enc) && fs.existsSync(pre) && fs.statSync(pre).mtimeMs >= mtime) return { enc, file: pre };
  }
  return null;
}

function send(req, res, csp) {
  const url = new URL(req.url || "/", "http://x");
  let file = resolve(url.pathname);
  if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
    return;
  }
  const headers = {
    "content-type": TYPES[path.extname(file)] || "application/octet-stream",
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
    vary: "Accept-Encoding",
  };
  if (csp || url.searchParams.has("csp")) headers["content-security-policy"] = STRICT_CSP;
  const pre = encoded(file, /** @type {string} */ (req.headers["accept-encoding"]));
  if (pre) headers["content-encoding"] = pre.enc;
  const body = pre ? pre.file : file;
  const stat = fs.statSync(body);
  // One tag per file and encoding: size and modification time, as static servers do.
  headers.etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${pre ? "-" + pre.enc : ""}"`;
  const known = String(req.headers["if-none-match"] || "").split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (known.includes(headers.etag)) {
    delete headers["content-type"];
    res.writeHead(304, headers);
    res.end();
    return;
  }
  headers["content-length"] = String(stat.size);
  res.writeHead(200, headers);
  if (req.method === "HEAD") { res.end(); return; }
  fs.createReadStream(body).on("error", () => res.destroy()).pipe(res);
}

export function serve({ port = 8080, csp = false, host = "127.0.0.1" } = {}) {
  const server = http.createServer((req, res) => {
    try {
      send(req, res, csp);
    } catch (err) {
      const bad = err instanceof BadRequest;
      if (!res.headersSent) res.writeHead(bad ? 400 : 500, { "content-type": "text/plain" });
      res.end(bad ? `bad request: ${err.message}` : "server error");
    }
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const port = Number(args[args.indexOf("--port") + 1]) || 8080;
  const server = await serve({ port: args.includes("--port") ? port : 8080, csp: args.includes("--csp") });
  const { port: actual } = /** @type {import("node:net").AddressInfo} */ (server.address());
  console.log(`farmmap demo: http://127.0.0.1:${actual}/`);
}
