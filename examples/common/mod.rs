//! What the layout examples share: reading a network in the bench's form.

/// A network file in the bench's form (`bench/fixtures/networks/*.json`,
/// `src/network/testdata/*.json`): `{"nodes": [...], "sources": [i...], "targets": [i...]}`,
/// as (node count, sources, targets).
pub fn load(path: &str) -> (usize, Vec<u32>, Vec<u32>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let numbers = |a: &serde_json::Value| -> Vec<u32> {
        a.as_array()
            .expect("an array")
            .iter()
            .map(|x| x.as_u64().expect("a node index") as u32)
            .collect()
    };
    let n = v["nodes"].as_array().expect("nodes").len();
    (n, numbers(&v["sources"]), numbers(&v["targets"]))
}
