# Sourced by scripts/build.sh and scripts/setup.sh: the toolchain that builds the READER's
# wasm (pkg-reader/). By default a dated nightly, READER_NIGHTLY, that rebuilds the standard
# library (`-Z build-std`) with `optimize_for_size` at the reader profile's opt-level "z",
# plus -Zlocation-detail=file and -Zfmt-debug=none (scripts/build.sh); FARMMAP_READER_TOOLCHAIN=stable builds it
# on stable with its prebuilt std instead.
# What it gains (`scripts/build.sh --reader`, gzip -9 of the wasm; ARCHITECTURE.md "The two
# builds"): 630,718 B raw / 308,793 B gzip instead of 768,054 / 351,484 on stable.
# What it once cost: the article's first map frame took ~33 ms of CPU instead of ~22 and
# Lighthouse's mobile TBT on the article rose from 29 to 177 ms, so stable was the default.
# The cause (`node bench/wasm-profile.mjs`): this nightly's std has a correctly rounded
# `f64::hypot` (compiler_builtins' libm, CORE-MATH) built on three software `fma`s (wasm has
# no fma instruction), and geo's line simplification called it for every basemap point
# (~20 ms of a first load). The basemap now simplifies without hypot
# (src/basemap/simplify.rs), and this build's first frames cost no more than stable's:
# ~24 and ~18 ms for the article's two embeds vs ~27 and ~20 (`node bench/first-load.mjs
# --variants ...`; figures in CHANGELOG.md).
# scripts/setup.sh installs the nightly (with rust-src) unless stable is chosen.
READER_NIGHTLY=nightly-2026-10-29
READER_TOOLCHAIN=${FARMMAP_READER_TOOLCHAIN:-$READER_NIGHTLY}
