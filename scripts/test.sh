#!/usr/bin/env bash
# README command 2: set up and run every test (lint, native, wasm32, headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
echo "== cargo fmt --check"; cargo fmt --all -- --check
echo "== clippy (native)"; cargo clippy --all-targets -- -D warnings
echo "== clippy (wasm32)"; cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
echo "== clippy (wasm32, the reader's build: no feature)"
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
echo "== the reader's build has no serde_json (src/json reads its JSON: ARCHITECTURE.md)"
if cargo tree --no-default-features -e normal --prefix none | grep -q '^serde_json '; then
  echo "serde_json is a dependency of the reader's build (cargo tree --no-default-features -e normal -i serde_json)"; exit 1
fi
echo "== cargo test"; cargo test
echo "== cargo doc"; RUSTDOCFLAGS="-D warnings" cargo doc --no-deps
# The browser tests need the test-only export FarmMap.panicForTest (crash isolation), in
# both builds (the reader's, pkg-reader/, and the full one, pkg/).
echo "== build (test, with test-panic)"; FARMMAP_FEATURES=test-panic scripts/build.sh
echo "== tsc"; npx tsc --noEmit -p tsconfig.json
echo "== browser and node tests"
mkdir -p artifacts
node --test --test-concurrency=1 --test-timeout=180000 tests/
# Leave both builds as readers and editors get them (and print their real sizes).
echo "== build (shipped)"; scripts/build.sh
