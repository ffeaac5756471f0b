#!/usr/bin/env bash
# Builds the two release wasms (wasm-bindgen --target web, then wasm-opt -Oz):
#   pkg-reader/  the reader's build (no cargo feature: no importer, gazetteer or editor
#                code; reads published stories; cargo profile `reader`, optimised for size:
#                Cargo.toml): what index.html, embed.html, scrolly.html,
#                <farm-map> and the article load;
#   pkg/         the full build (default features): the editor (editor.html), and pages
#                that ask for it (<meta name="farmmap-build" content="full">).
# Then bundles the reader's JavaScript and CSS (scripts/bundle.mjs), writes precompressed
# .br/.gz copies (scripts/precompress.mjs) and prints the sizes.
#   scripts/build.sh [--reader | --full]   (default: both)
# FARMMAP_READER_PROFILE=release scripts/build.sh --reader builds the reader's wasm at
# opt-level 3 instead (to compare sizes and frame times: bench/frames.mjs).
# FARMMAP_FEATURES=test-panic scripts/build.sh adds test-only exports (FarmMap.panicForTest)
# to both, for the browser tests; the demo and the size figures use builds without it.
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
which="${1:-both}"

# build OUT_DIR PROFILE LABEL CARGO_FEATURE_ARGS...
build() {
  local out=$1 profile=$2 label=$3
  shift 3
  cargo build --profile "$profile" --lib --target wasm32-unknown-unknown "$@"
  wasm-bindgen --target web --out-dir "$out" "$target_dir/wasm32-unknown-unknown/$profile/farmmap.wasm"
  # npm's binaryen; never /usr/bin/wasm-opt (Debian's 108 produces modules Chromium rejects).
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/farmmap_bg.wasm" -o "$out/farmmap_bg.wasm"
  local raw gz
  raw=$(stat -c %s "$out/farmmap_bg.wasm")
  gz=$(gzip -9 -c "$out/farmmap_bg.wasm" | wc -c)
  echo "[build] $out/farmmap_bg.wasm: $raw bytes raw, $gz bytes gzipped ($label)"
}

test_label="${FARMMAP_FEATURES:+; TEST build with $FARMMAP_FEATURES, not what readers get}"
if [[ "$which" != "--full" ]]; then
  build pkg-reader "${FARMMAP_READER_PROFILE:-reader}" "reader build, no cargo feature$test_label" \
    --no-default-features ${FARMMAP_FEATURES:+--features "$FARMMAP_FEATURES"}
fi
if [[ "$which" != "--reader" ]]; then
  build pkg release "full build, default features$test_label" ${FARMMAP_FEATURES:+--features "$FARMMAP_FEATURES"}
fi
# The reader's JavaScript and CSS as readers download them: one file per interface language
# (from www/i18n-strings.js), minified ES module bundles of the reader pages' entries
# (www/*.min.js: <farm-map>'s is farm-map.min.js), one minified stylesheet
# (www/farm-map.min.css), the reader's glue minified (scripts/bundle.mjs).
node scripts/bundle.mjs
# Precompressed copies for servers that send them (scripts/serve.mjs does, as a CDN would).
node scripts/precompress.mjs
