# Sourced by scripts/build.sh and scripts/setup.sh: the toolchain that builds the READER's
# wasm (pkg-reader/). A dated nightly, because only nightly cargo rebuilds the standard
# library (`-Z build-std`) with `optimize_for_size` (core's small sort, formatting and
# other size paths) at the reader profile's opt-level "z": the reader's wasm is 13% smaller
# raw, 10% gzipped than with stable's prebuilt std; with -Zlocation-detail=file
# (scripts/build.sh) 15% and 11% (ARCHITECTURE.md, "The two builds").
# Everything else (the full build, cargo test, clippy, doc) stays on stable.
# FARMMAP_READER_TOOLCHAIN=stable scripts/build.sh --reader builds the reader on stable with
# the prebuilt std instead (to compare sizes, or where no nightly can be installed).
READER_NIGHTLY=nightly-2026-10-29
READER_TOOLCHAIN=${FARMMAP_READER_TOOLCHAIN:-$READER_NIGHTLY}
