#!/usr/bin/env bash
# Prints what a reader downloads for one <farm-map> embed (after scripts/build.sh): every
# module reachable from www/farm-map.js, its stylesheets, the wasm and the story, each raw,
# gzipped and brotli-compressed, and the total against the goal (250 KB gzipped). See
# scripts/measure-size.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node scripts/measure-size.mjs "$@"
