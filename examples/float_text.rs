//! How fast `farmmap::json::{Plain, Fixed}` write floats, next to core's `{}` and `{:.1}`
//! (which they replace to keep core's float formatting out of the reader's wasm; see
//! src/json/float.rs). Three kinds of numbers, 100,000 each: tie shares (`50`, `33.3`,
//! `12.5`: what labels write), coordinates (random in 40–80: 16–17 shortest digits) and
//! random doubles of any magnitude. Prints median (min–max) ns per number over 9 runs.
//!
//!   cargo run --release --example float_text

use farmmap::json::{Fixed, Plain};
use farmmap::rng::Mulberry32;
use std::fmt::Write;
use std::hint::black_box;
use std::time::Instant;

/// Writes a number into a string.
type Writer = dyn Fn(&mut String, f64) -> std::fmt::Result;

fn time(values: &[f64], write: &Writer) -> f64 {
    let mut s = String::new();
    let start = Instant::now();
    for &x in values {
        s.clear();
        write(&mut s, black_box(x)).unwrap();
        black_box(&s);
    }
    start.elapsed().as_nanos() as f64 / values.len() as f64
}

fn main() {
    let mut rng = Mulberry32::new(1);
    let n = 100_000;
    let shares: Vec<f64> = (0..n)
        .map(|i| [50.0, 33.3, 100.0, 12.5, 0.25][i % 5])
        .collect();
    let coords: Vec<f64> = (0..n).map(|_| 40.0 + rng.next_f64() * 40.0).collect();
    let any: Vec<f64> = (0..n)
        .map(|_| loop {
            let bits = (u64::from(rng.next_u32()) << 32) | u64::from(rng.next_u32());
            let x = f64::from_bits(bits);
            if x.is_finite() {
                break x;
            }
        })
        .collect();
    let writers: [(&str, &Writer); 4] = [
        ("core {}", &|s, x| write!(s, "{x}")),
        ("Plain", &|s, x| write!(s, "{}", Plain(x))),
        ("core {:.1}", &|s, x| write!(s, "{x:.1}")),
        ("Fixed(_, 1)", &|s, x| write!(s, "{}", Fixed(x, 1))),
    ];
    println!("| numbers | core {{}} | Plain | core {{:.1}} | Fixed(_, 1) |");
    println!("|---|---|---|---|---|");
    for (name, values) in [
        ("tie shares", &shares),
        ("coordinates 40–80", &coords),
        ("any double", &any),
    ] {
        let mut times = vec![vec![]; writers.len()];
        for _ in 0..9 {
            for (t, (_, w)) in times.iter_mut().zip(&writers) {
                t.push(time(values, *w));
            }
        }
        let cells: Vec<String> = times
            .iter_mut()
            .map(|v| {
                farmmap::sort::sort_by(v, f64::total_cmp);
                format!("{:.0} ({:.0}–{:.0})", v[v.len() / 2], v[0], v[v.len() - 1])
            })
            .collect();
        println!("| {name} | {} |", cells.join(" | "));
    }
}
