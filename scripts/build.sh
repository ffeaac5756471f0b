#!/usr/bin/env bash
# Builds the release wasm into pkg/ (wasm-bindgen --target web, then wasm-opt -Oz).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --lib --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir pkg target/wasm32-unknown-unknown/release/farmmap.wasm
# npm's binaryen; never /usr/bin/wasm-opt (Debian's 108 produces modules Chromium rejects).
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/farmmap_bg.wasm -o pkg/farmmap_bg.wasm
raw=$(stat -c %s pkg/farmmap_bg.wasm)
gz=$(gzip -9 -c pkg/farmmap_bg.wasm | wc -c)
echo "[build] pkg/farmmap_bg.wasm: $raw bytes raw, $gz bytes gzipped"
# Precompressed copies for servers that send them (scripts/serve.mjs does, as a CDN would).
node scripts/precompress.mjs
