# Sourced by scripts/build.sh and scripts/setup.sh: the toolchain that builds the READER's
# wasm (pkg-reader/). Stable by default (its prebuilt std).
# FARMMAP_READER_TOOLCHAIN=nightly-2026-10-29 (READER_NIGHTLY) builds it with a dated nightly
# that rebuilds the standard library (`-Z build-std`) with `optimize_for_size` at the reader
# profile's opt-level "z", plus -Zlocation-detail=file (scripts/build.sh): 633,633 B raw /
# 310,553 B gzip instead of 769,485 / 351,285 (main at 08d372d), but the article's first
# map frame then costs ~33 ms of CPU instead of ~22 (`node bench/first-load.mjs --over 12
# --pages examples/article.html`) and Lighthouse's mobile TBT on the article rose from 29 to
# 177 ms (`node scripts/lighthouse.mjs --runs 3`): readers wait less for 40 KB than for
# that, so stable is the default (ARCHITECTURE.md, "The two builds").
# scripts/setup.sh installs the nightly (with rust-src) only when it is chosen.
READER_NIGHTLY=nightly-2026-10-29
READER_TOOLCHAIN=${FARMMAP_READER_TOOLCHAIN:-stable}
