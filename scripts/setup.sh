#!/usr/bin/env bash
# Installs what building (and, with --test, testing) farmmap needs, skipping what is there.
# Everything comes from package registries: rustup, crates.io, npm, Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

log() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
# The pinned nightly with its std sources that builds the reader's wasm, unless
# FARMMAP_READER_TOOLCHAIN=stable (scripts/reader-toolchain.sh).
source scripts/reader-toolchain.sh
if [ "$READER_TOOLCHAIN" != stable ] &&
  ! rustup component list --toolchain "$READER_TOOLCHAIN" --installed 2>/dev/null | grep -q '^rust-src'; then
  log "installing $READER_TOOLCHAIN with rust-src (the reader's build; about 30 s, once)"
  rustup toolchain install "$READER_TOOLCHAIN" --profile minimal --component rust-src
fi
if [ "$want_test" = 1 ]; then
  rustup component list --installed | grep -q '^clippy' || rustup component add clippy
  rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
fi

# The CLI must equal the wasm-bindgen in Cargo.lock exactly. `--locked` fails on the
# registry mirror (one pinned dependency is missing), so it is installed without it.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  log "installing wasm-bindgen-cli $wb_version (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$wb_version"
fi

# npm packages: wasm-opt (binaryen 132; Debian's wasm-opt 108 breaks the module), the test
# driver and the benchmarks' anchors. Reinstall only when the lock file changed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund
fi

if [ "$want_test" = 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  log "installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null
fi
log "ready"
