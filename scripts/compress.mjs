// The two encodings a reader's browser is sent, as scripts/precompress.mjs writes them and
// scripts/measure-size.mjs counts them (one definition for both):
// - gzip: Zopfli (npm @gfx/zopfli, 15 iterations), a slower deflate encoder whose output is
//   ordinary gzip that every browser decodes; 3–5 % smaller than zlib's level 9 here (the
//   reader's wasm 253,181 → 242,132 B). The smaller of Zopfli's and zlib -9's is kept.
// - brotli: quality 11, with the body's size as hint.
import zlib from "node:zlib";
import { gzipAsync } from "@gfx/zopfli";

/** @param {Buffer} body @returns {Promise<Buffer>} */
export async function gzip(body) {
  const zopfli = Buffer.from(await gzipAsync(body, { numiterations: 15 }));
  const level9 = zlib.gzipSync(body, { level: 9 });
  return zopfli.length <= level9.length ? zopfli : level9;
}

/** @param {Buffer} body @returns {Buffer} */
export function brotli(body) {
  return zlib.brotliCompressSync(body, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
}
