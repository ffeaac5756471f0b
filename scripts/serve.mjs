// A dependency-free static server for the demo and the tests.
// Serves www/ at /, pkg/ at /pkg/, and data/ at /data/; binds to 127.0.0.1 only.
// `--csp` adds the strict Content-Security-Policy the embed must work under.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MOUNTS = [["/pkg/", "pkg"], ["/data/", "data"], ["/", "www"]];
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json", ".geojson": "application/geo+json", ".wasm": "application/wasm",
  ".csv": "text/csv; charset=utf-8", ".png": "image/png", ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors *";

function resolve(urlPath) {
  for (const [prefix, dir] of MOUNTS) {
    if (urlPath.startsWith(prefix)) {
      const base = path.join(root, dir);
      const file = path.normalize(path.join(base, decodeURIComponent(urlPath.slice(prefix.length))));
      if (!file.startsWith(base)) return null; // no escaping the mount
      return file;
    }
  }
  return null;
}

export function serve({ port = 8080, csp = false, host = "127.0.0.1" } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let file = resolve(url.pathname);
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    const headers = {
      "content-type": TYPES[path.extname(file)] || "application/octet-stream",
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    };
    if (csp || url.searchParams.has("csp")) headers["content-security-policy"] = STRICT_CSP;
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const port = Number(args[args.indexOf("--port") + 1]) || 8080;
  const server = await serve({ port: args.includes("--port") ? port : 8080, csp: args.includes("--csp") });
  const { port: actual } = server.address();
  console.log(`farmmap demo: http://127.0.0.1:${actual}/`);
}
