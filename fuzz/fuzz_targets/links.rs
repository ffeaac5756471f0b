//! Fuzz target `links`: see fuzz/checks.rs for what it feeds and checks.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::links(data));
