//! Replays every committed fuzz input on stable, through the same checks the fuzz targets
//! run (`fuzz/checks.rs`): the seed corpora (`fuzz/corpus/<target>/`) and every input the
//! fuzzer found (`fuzz/regressions/<target>/`). CI runs this; it does not fuzz.
//!
//! Inputs whose fix belongs to code being rewritten elsewhere wait in
//! `fuzz/regressions/<target>/open/`; `cargo test --test fuzz_corpus -- --ignored` replays
//! them (they are expected to fail until fixed, then move up one folder).

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    farmmap::sort::sort(&mut out);
    out
}

/// Run every file of `folder/<target>/` (plus `sub`) through its target; panics name the
/// file that failed.
fn replay(folder: &str, sub: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(folder);
    let mut count = 0;
    for (target, check) in checks::TARGETS {
        for path in files(&root.join(target).join(sub)) {
            let bytes = std::fs::read(&path).unwrap();
            let result = std::panic::catch_unwind(|| check(&bytes));
            if let Err(e) = result {
                let msg = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                panic!("{target}: {} fails: {msg}", path.display());
            }
            count += 1;
        }
    }
    count
}

#[test]
fn seed_corpus_passes_every_check() {
    let n = replay("corpus", "");
    assert!(n >= 9, "only {n} seed files found");
}

#[test]
fn every_fixed_finding_stays_fixed() {
    replay("regressions", "");
}

#[test]
#[ignore = "findings whose fix belongs to modules being rewritten; see fuzz/README.md"]
fn open_findings() {
    replay("regressions", "open");
}

/// Triage: `FUZZ_TARGET=farms_csv FUZZ_DIR=fuzz/artifacts/farms_csv cargo test --test
/// fuzz_corpus replay_dir -- --ignored --nocapture` runs every file of a folder through one
/// target and lists each that fails with its message (the fuzzer's own log hides it in fork
/// mode).
#[test]
#[ignore = "triage tool: needs FUZZ_TARGET and FUZZ_DIR"]
fn replay_dir() {
    let (Ok(target), Ok(dir)) = (std::env::var("FUZZ_TARGET"), std::env::var("FUZZ_DIR")) else {
        panic!("set FUZZ_TARGET and FUZZ_DIR");
    };
    let (_, check) = checks::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .expect("FUZZ_TARGET is one of checks::TARGETS");
    let mut failed = 0;
    for path in files(Path::new(&dir)) {
        let bytes = std::fs::read(&path).unwrap();
        if let Err(e) = std::panic::catch_unwind(|| check(&bytes)) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let first: String = msg.lines().take(2).collect::<Vec<_>>().join(" ");
            println!("FAIL {}: {first}", path.display());
            failed += 1;
        }
    }
    assert_eq!(failed, 0, "{failed} inputs fail");
}
