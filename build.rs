//! Packs the embedded basemap and oblasts (data/basemap.json, data/admin1.json, written by
//! `node scripts/data/build_basemap.mjs`) into the compact binary form the crate embeds
//! (`OUT_DIR/basemap.bin`, `OUT_DIR/admin1.bin`): the same integers and numbers, without JSON.
//! A file has two parts: first (after its length, 4 bytes little-endian) everything but
//! the paths' integers, in reading order: integers as LEB128 varints (zigzag for signed
//! ones: arc references, decimals), strings as length + UTF-8, grids as 8-byte little-endian
//! floats, places' decimals as integers of 1e-5, and each path's count of integers; then the
//! paths' integers (start points and coordinate deltas, steps on each layer's grid) as one
//! stream of adaptive Golomb–Rice codes of their residuals from a prediction,
//! `src/geometry/coder.rs`, included below so that the encoder here and the crate's decoder
//! are one source (the format and why: that file's docs).
//! What the integers are (steps on each source's grid, shared lines stored once as arcs) and
//! the sizes: data/README.md, "Precision". Read without a JSON parser: see
//! `geometry::Packed` for the reader and the field order, and the tests in `basemap` and
//! `regions`, which check the packed copy against the JSON. Each file is also decoded here
//! once and compared with what was encoded.

use serde_json::Value;
use std::path::Path;

#[path = "src/geometry/coder.rs"]
mod coder;

/// A file being packed: its first part, and the paths coded apart (kept to check the decoder).
struct Writer {
    bytes: Vec<u8>,
    coded: coder::Encoder,
    paths: Vec<Vec<i64>>,
}

impl Writer {
    fn uint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.bytes.push((n as u8 & 0x7f) | 0x80);
            n >>= 7;
        }
        self.bytes.push(n as u8);
    }
    fn int(&mut self, n: i64) {
        self.uint(((n << 1) ^ (n >> 63)) as u64);
    }
    fn float(&mut self, v: &Value) {
        let v = v.as_f64().expect("a number");
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    /// A number of at most five decimals (a place's longitude or latitude, a population) as
    /// the integer of its hundred-thousandths: about 3 bytes instead of 8; `Packed::decimal`
    /// divides it back to the same f64 (checked here).
    fn decimal(&mut self, v: &Value) {
        let v = v.as_f64().expect("a number");
        let n = (v * 1e5).round();
        assert!(
            n.abs() < 1e15 && n / 1e5 == v,
            "{v} has more than five decimals"
        );
        self.int(n as i64);
    }
    fn string(&mut self, v: &Value) {
        let s = v.as_str().expect("a string");
        self.uint(s.len() as u64);
        self.bytes.extend_from_slice(s.as_bytes());
    }
    /// A layer's grid, `[x0, dx, y0, dy]` (its `grid` field): four floats.
    fn grid(&mut self, layer: &Value) {
        let g = layer["grid"].as_array().expect("a grid");
        assert_eq!(g.len(), 4, "a grid is [x0, dx, y0, dy]");
        for v in g {
            self.float(v);
        }
    }
    /// Nested arrays of `depth` levels around lists of arc references (`i`, or `!i` for arc
    /// `i` backwards): each a count and its references as zigzag varints.
    fn refs(&mut self, v: &Value, depth: u32) {
        for item in self.array(v) {
            if depth > 0 {
                self.refs(item, depth - 1);
            } else {
                self.int(item.as_i64().expect("an arc reference"));
            }
        }
    }
    fn array<'a>(&mut self, v: &'a Value) -> &'a [Value] {
        let a = v.as_array().expect("an array");
        self.uint(a.len() as u64);
        a
    }
    /// Nested arrays of `depth` levels around paths: arrays of integers (a start point and
    /// coordinate deltas), each written as its count in the first part and its integers in
    /// the coded stream. `geometry::Packed::ints` reads them back.
    fn ints(&mut self, v: &Value, depth: u32) {
        if depth > 0 {
            for item in self.array(v) {
                self.ints(item, depth - 1);
            }
            return;
        }
        let ints: Vec<i64> = self
            .array(v)
            .iter()
            .map(|n| n.as_i64().expect("an integer"))
            .collect();
        self.coded.path(&ints);
        self.paths.push(ints);
    }

    fn new() -> Writer {
        Writer {
            bytes: Vec::new(),
            coded: coder::Encoder::new(),
            paths: Vec::new(),
        }
    }

    /// The file: the first part's length, the first part, the coded paths (checked: decoded,
    /// they are the paths written, and the decoder reads every byte).
    fn finish(self) -> Vec<u8> {
        let coded = self.coded.finish();
        let mut decoder = coder::Decoder::new(&coded);
        for p in &self.paths {
            assert_eq!(
                decoder.path(p.len() as u64).as_ref(),
                Some(p),
                "a decoded path"
            );
        }
        assert!(decoder.is_done(), "the decoder reads every coded byte");
        let first = u32::try_from(self.bytes.len()).expect("a first part under 4 GiB");
        [&first.to_le_bytes(), &self.bytes[..], &coded[..]].concat()
    }
}

fn read(path: &str) -> Value {
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");

    let b = read("data/basemap.json");
    let mut w = Writer::new();
    for a in w.array(&b["attribution"]) {
        w.string(a);
    }
    for v in b["bbox"].as_array().expect("bbox") {
        w.float(v);
    }
    w.grid(&b["arcs"]);
    w.ints(&b["arcs"]["lines"], 1);
    w.refs(&b["land"], 2);
    w.refs(&b["borders"], 1);
    for n in w.array(&b["neighbours"]) {
        w.string(&n["name"]);
        w.decimal(&n["lng"]);
        w.decimal(&n["lat"]);
    }
    w.refs(&b["kazakhstan"], 2);
    w.refs(&b["sea"], 2);
    w.grid(&b["water"]);
    for area in w.array(&b["water"]["areas"]) {
        w.ints(&area["polygons"], 2);
    }
    w.grid(&b["rivers"]);
    w.ints(&b["rivers"]["lines"], 1);
    for c in w.array(&b["cities"]) {
        w.string(&c["name"]);
        w.decimal(&c["lng"]);
        w.decimal(&c["lat"]);
        w.decimal(&c["population"]);
    }
    std::fs::write(Path::new(&out).join("basemap.bin"), w.finish()).expect("write basemap.bin");

    let a = read("data/admin1.json");
    let mut w = Writer::new();
    w.grid(&a);
    w.ints(&a["arcs"], 1);
    for u in w.array(&a["admin1"]) {
        for key in ["name", "iso", "kind", "note"] {
            w.string(&u[key]);
        }
        w.decimal(&u["label"][0]);
        w.decimal(&u["label"][1]);
        w.refs(&u["polygons"], 2);
    }
    std::fs::write(Path::new(&out).join("admin1.bin"), w.finish()).expect("write admin1.bin");
}
