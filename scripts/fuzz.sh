#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser (cargo-fuzz, nightly). Not run in CI: CI replays
# the committed corpus and regressions on stable instead (`cargo test --test fuzz_corpus`).
#
#   scripts/fuzz.sh TARGET|all [SECONDS]     # default 300 s per target, one target at a time
#
# Targets: see `cargo +nightly fuzz list` (fuzz/fuzz_targets/; what each checks is in
# fuzz/checks.rs). The grown corpus goes to fuzz/corpus-grown/TARGET (not committed; it
# starts from the committed seeds in fuzz/corpus/TARGET); a crashing input goes to
# fuzz/artifacts/TARGET/ — copy it to fuzz/regressions/TARGET/ once it is fixed.
# Runs under `nice -n 19`. Prints, per target: executions, seconds, findings.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:-}"
seconds="${2:-300}"
all=(farms_csv farms_geojson entities links ftm bods story network_json chart_data)
if [[ -z "$target" ]]; then
  echo "usage: scripts/fuzz.sh TARGET|all [SECONDS]   (targets: ${all[*]})" >&2
  exit 2
fi
if [[ "$target" == all ]]; then
  targets=("${all[@]}")
else
  targets=("$target")
fi

if [[ "$target" == all ]]; then
  nice -n 19 cargo +nightly fuzz build
else
  nice -n 19 cargo +nightly fuzz build "$target"
fi
summary=()
found=0
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus-grown/$t" "fuzz/artifacts/$t"
  before=$(find "fuzz/artifacts/$t" -type f | wc -l)
  log="fuzz/artifacts/$t.log"
  start=$(date +%s)
  # -timeout: an input that takes 10 s is a finding too (a quadratic path on user data).
  # (cargo-fuzz puts findings in fuzz/artifacts/TARGET/.)
  # -fork=1 -ignore_crashes=1: one worker (this machine is shared), and a finding does not
  # end the run, so every target gets its SECONDS.
  nice -n 19 cargo +nightly fuzz run "$t" "fuzz/corpus-grown/$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -fork=1 -ignore_crashes=1 >"$log" 2>&1 || true
  elapsed=$(( $(date +%s) - start ))
  # Fork mode prints "#<executions>: cov: …" lines; the last one is the total.
  execs=$( (grep -o '^#[0-9]*' "$log" || true) | tail -1 | tr -d '#')
  after=$(find "fuzz/artifacts/$t" -type f | wc -l)
  new=$(( after - before ))
  found=$(( found + new ))
  line="$t: ${execs:-0} executions in ${elapsed} s, $new new finding(s)"
  if (( new > 0 )); then
    line+=": $(find "fuzz/artifacts/$t" -type f -newermt "@$start" | tr '\n' ' ')"
    line+=" (log: $log)"
  fi
  echo "$line"
  summary+=("$line")
done
echo "---"
printf '%s\n' "${summary[@]}"
exit $(( found > 0 ))
