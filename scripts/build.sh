#!/usr/bin/env bash
# Builds the release wasm into pkg/ (wasm-bindgen --target web, then wasm-opt -Oz).
# FARMMAP_FEATURES=test-panic scripts/build.sh adds test-only exports (FarmMap.panicForTest)
# for the browser tests; the demo and the size figures use the build without it.
# scripts/build.sh --reader builds the reader's wasm into pkg-reader/ instead: without the
# cargo feature `editor` (workbooks, code-page guessing), for pages that only show published
# stories (deploy it as pkg/ there). The editor page needs the full build in pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
features=()
label="shipped build"
out=pkg
if [[ "${1:-}" == "--reader" ]]; then
  out=pkg-reader
  features=(--no-default-features --features "gazetteer${FARMMAP_FEATURES:+,$FARMMAP_FEATURES}")
  label="reader build, no editor feature"
elif [[ -n "${FARMMAP_FEATURES:-}" ]]; then
  features=(--features "$FARMMAP_FEATURES")
  label="TEST build with features: $FARMMAP_FEATURES (not what readers get)"
fi
cargo build --release --lib --target wasm32-unknown-unknown "${features[@]}"
wasm-bindgen --target web --out-dir "$out" "$target_dir/wasm32-unknown-unknown/release/farmmap.wasm"
# npm's binaryen; never /usr/bin/wasm-opt (Debian's 108 produces modules Chromium rejects).
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/farmmap_bg.wasm" -o "$out/farmmap_bg.wasm"
raw=$(stat -c %s "$out/farmmap_bg.wasm")
gz=$(gzip -9 -c "$out/farmmap_bg.wasm" | wc -c)
echo "[build] $out/farmmap_bg.wasm: $raw bytes raw, $gz bytes gzipped ($label)"
# Precompressed copies for servers that send them (scripts/serve.mjs does, as a CDN would).
node scripts/precompress.mjs
