//! One JSON line per BODS / FollowTheMoney file: how many statements or entities it holds,
//! and what farmmap made of them.
//!
//! ```sh
//! cargo run --release --example owners_table -- /path/to/bods/*/*.json /path/to/ftm/*.json
//! ```
//! A file whose name contains `ftm` (or whose first record has a `schema`) is read as
//! FollowTheMoney, anything else as BODS. `former_ties` counts ties marked former (closed,
//! replaced or ended; before issue 9 there was no such flag, and the same command counted
//! ties with an end date).

use farmmap::import::{bods, ftm, Severity};
use farmmap::network::model::Network;
use std::time::Instant;

fn count_records(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('[') {
        serde_json::from_str::<serde_json::Value>(t)
            .ok()
            .and_then(|v| v.as_array().map(Vec::len))
            .unwrap_or(0)
    } else {
        serde_json::Deserializer::from_str(t)
            .into_iter::<serde_json::Value>()
            .take_while(Result::is_ok)
            .count()
    }
}

fn is_ftm(path: &str, bytes: &[u8]) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_lowercase();
    if name.contains("ftm") {
        return true;
    }
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let first = text.trim_start().lines().next().unwrap_or("");
    first.starts_with('{') && first.contains("\"schema\"")
}

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        let start = Instant::now();
        let report = if is_ftm(&path, &bytes) {
            ftm::parse(&name, &bytes, &Network::default())
        } else {
            bods::parse(&name, &bytes, &Network::default())
        };
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let mut net = Network::default();
        let problems = report.merge_into(&mut net);
        let errors = problems
            .iter()
            .filter(|e| e.severity == Severity::Error)
            .count();
        let former = net.ties.iter().filter(|t| t.former).count();
        println!(
            "{}",
            serde_json::json!({
                "file": path,
                "statements_or_entities": count_records(&bytes),
                "nodes": net.nodes.len(),
                "ties": net.ties.len(),
                "former_ties": former,
                "errors": errors,
                "warnings": problems.len() - errors,
                "ms": (ms * 100.0).round() / 100.0,
            })
        );
    }
}
