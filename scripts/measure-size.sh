#!/usr/bin/env bash
# Prints what a reader downloads for one <farm-map> embed (after scripts/build.sh): the
# reader's bundle (www/farm-map.min.js and the chunks it loads), its stylesheet, the strings
# of the embed's language, the glue, the wasm and the story, each raw, gzipped and
# brotli-compressed, subtotals per kind, and the total against the goal (250 KB gzipped).
# --modules: the unbundled modules instead; --lang=ru: a Russian interface. See
# scripts/measure-size.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node scripts/measure-size.mjs "$@"
