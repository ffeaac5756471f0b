//! Load farm files with the importer and print one JSON line per file:
//! `{"file", "rows", "loaded", "errors", "warnings", "ms"}` (rows = loaded + skipped).
//!
//! ```sh
//! cargo run --release --example import_table -- tests/fixtures/realworld/farms/* tests/fixtures/farms/*
//! ```
//! Add `--messages` to print every message after its line.

use farmmap::import::{farms_csv, farms_geojson, Severity};
use std::time::Instant;

fn main() {
    let mut show = false;
    for path in std::env::args().skip(1) {
        if path == "--messages" {
            show = true;
            continue;
        }
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let name = std::path::Path::new(&path)
            .file_name()
            .map_or(path.clone(), |n| n.to_string_lossy().into_owned());
        let start = Instant::now();
        let lower = name.to_lowercase();
        let report = if lower.ends_with(".geojson") || lower.ends_with(".json") {
            farms_geojson::parse(&name, &bytes)
        } else {
            farms_csv::parse(&name, &bytes)
        };
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let count = |s: Severity| report.errors.iter().filter(|e| e.severity == s).count();
        let line = serde_json::json!({
            "file": name,
            "rows": report.records.len() + report.skipped,
            "loaded": report.records.len(),
            "errors": count(Severity::Error),
            "warnings": count(Severity::Warning),
            "notes": report.notes.len(),
            "ms": (ms * 100.0).round() / 100.0,
        });
        println!("{line}");
        if show {
            for e in report.notes.iter().chain(&report.errors) {
                println!("  {e}");
            }
        }
    }
}
