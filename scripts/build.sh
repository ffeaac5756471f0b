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
# The reader's wasm is built with a pinned nightly that also rebuilds std for size;
# FARMMAP_READER_TOOLCHAIN=stable builds it on stable (scripts/reader-toolchain.sh says
# what each gains and costs). FARMMAP_READER_PROFILE=release scripts/build.sh --reader builds the reader's wasm at
# opt-level 3 instead (to compare sizes and frame times: bench/frames.mjs).
# FARMMAP_FEATURES=test-panic scripts/build.sh adds test-only exports (FarmMap.panicForTest)
# to both, for the browser tests; the demo and the size figures use builds without it.
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
source scripts/reader-toolchain.sh
which="${1:-both}"

# build OUT_DIR PROFILE LABEL CARGO_ARGS... (CARGO_ARGS may start with +TOOLCHAIN)
build() {
  local out=$1 profile=$2 label=$3
  shift 3
  local toolchain=()
  if [[ "${1:-}" == +* ]]; then toolchain=("$1"); shift; fi
  cargo "${toolchain[@]}" build --profile "$profile" --lib --target wasm32-unknown-unknown "$@"
  wasm-bindgen --target web --out-dir "$out" "$target_dir/wasm32-unknown-unknown/$profile/farmmap.wasm"
  # npm's binaryen; never /usr/bin/wasm-opt (Debian's 108 produces modules Chromium rejects).
  # --converge: -Oz again until the module stops shrinking (~1 KB gzipped for the reader).
  # --low-memory-unused: binaryen may fold a constant added to a pointer into the access's
  # offset, which differs only when the sum wraps past 4 GiB into the first 1 KiB of memory;
  # Rust never makes such a pointer (the reader's wasm: 588,679 → 584,373 B raw, 279,704 →
  # 277,885 B gzip in scripts/measure-size.sh).
  # --strip-producers --strip-target-features: two custom sections no browser reads.
  local features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
    --enable-mutable-globals --enable-reference-types --enable-multivalue)
  node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --strip-producers --strip-target-features \
    "${features[@]}" "$out/farmmap_bg.wasm" -o "$out/farmmap_bg.wasm"
  # Look-alike functions next to each other, where gzip's window finds them (the reader's
  # wasm: 225,922 → 222,376 B gzip as served; scripts/order-functions.mjs).
  node scripts/order-functions.mjs "$out/farmmap_bg.wasm" "$out/farmmap_bg.wasm" "${features[@]}"
  local raw gz
  raw=$(stat -c %s "$out/farmmap_bg.wasm")
  gz=$(gzip -9 -c "$out/farmmap_bg.wasm" | wc -c)
  echo "[build] $out/farmmap_bg.wasm: $raw bytes raw, $gz bytes gzip -9 ($label)"
}

test_label="${FARMMAP_FEATURES:+; TEST build with $FARMMAP_FEATURES, not what readers get}"
if [[ "$which" != "--full" ]]; then
  std_args=()
  reader_rustflags=${RUSTFLAGS:-}
  if [[ "$READER_TOOLCHAIN" != stable ]]; then
    # std, core and alloc rebuilt with the reader profile and their size-optimised paths.
    std_args=(-Z build-std=core,alloc,std -Z build-std-features=optimize_for_size)
    # A panic aborts at once (-Cpanic=immediate-abort): a wasm trap, with no panic message
    # formatted, no hook and no location strings. The page sees a WebAssembly.RuntimeError,
    # which stops that embed alone (www/frame-loop.js: its error box, "Reload the map"), as
    # the panic hook's error did; the message stays in the full build (pkg/, the editor).
    # 253,190 → 246,083 B gzip -9 (/tmp experiment; ARCHITECTURE.md, "The two builds").
    reader_rustflags="$reader_rustflags -Zunstable-options -Cpanic=immediate-abort"
    # (Without it: a panic's location keeps its file but not its line and column.)
    # Debug formatting prints nothing (-Zfmt-debug=none): no message a reader sees uses `{:?}`
    # (tests/debug_format.rs; values are quoted with json::Quoted); ~4 KB gzipped fewer.
    reader_rustflags="$reader_rustflags -Zlocation-detail=file -Zfmt-debug=none"
    # Those files named from the toolchain and the crates rather than from this machine's
    # home: "/rustc/library/core/src/…", "/crates/hashbrown-0.17.1/src/…" (the crate's own
    # stay "src/…"): 581,740 → 578,292 B raw, 276,183 → 275,979 B gzip (measure-size.sh).
    reader_rustflags="$reader_rustflags --remap-path-prefix=$(rustc "+$READER_TOOLCHAIN" --print sysroot)/lib/rustlib/src/rust=/rustc"
    for index in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
      reader_rustflags="$reader_rustflags --remap-path-prefix=${index%/}=/crates"
    done
  fi
  RUSTFLAGS="$reader_rustflags" build pkg-reader "${FARMMAP_READER_PROFILE:-reader}" \
    "reader build, no cargo feature, $READER_TOOLCHAIN$test_label" \
    "+$READER_TOOLCHAIN" "${std_args[@]}" \
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
