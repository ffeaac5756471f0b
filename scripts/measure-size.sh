#!/usr/bin/env bash
# Prints what a reader downloads for one <farm-map> embed (after scripts/build.sh): each
# file raw and gzipped, and the total. The story file is optional (the demo is built in).
set -euo pipefail
cd "$(dirname "$0")/.."
total_raw=0; total_gz=0
for f in pkg/farmmap_bg.wasm pkg/farmmap.js www/farm-map.js www/farmmap.js www/charts-ui.js \
         www/network-ui.js www/gestures.js www/farmmap.css www/network.css www/stories/kazakhstan-2022.json; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '{"file":"%s","bytes":%d,"gzip":%d}\n' "$f" "$raw" "$gz"
done
printf '{"file":"total","bytes":%d,"gzip":%d}\n' "$total_raw" "$total_gz"
