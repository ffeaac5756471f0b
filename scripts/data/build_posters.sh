#!/usr/bin/env bash
# Writes the demo story's poster, www/stories/kazakhstan-2022.poster.svg: its first step drawn
# by the native command line (`farmmap render`, the same scene and SVG code as the embed's
# export), which the embed shows at once while the wasm loads, and as its no-script fallback.
# The story file names it ("poster"). Run after changing the story, the basemap or the
# drawing: node scripts/data/build_story.mjs && scripts/data/build_posters.sh (output
# committed; tests/cli.rs fails when it is stale).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet --bin farmmap
bin="${CARGO_TARGET_DIR:-target}/debug/farmmap"
"$bin" check www/stories/kazakhstan-2022.json
"$bin" render www/stories/kazakhstan-2022.json --step 1 --width 700 --height 500 \
  --out www/stories/kazakhstan-2022.poster.svg
