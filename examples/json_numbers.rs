//! How fast `farmmap::json::parse_f64` reads numbers, next to core's `str::parse::<f64>`
//! (which it replaces to keep core's 10 KB power table out of the reader's wasm; see
//! src/json/decimal.rs). Three kinds of text, 200,000 numbers each: coordinates with six
//! decimals (what farm files hold), the shortest round-trip form of random longitudes (what
//! a writer of computed values prints: 16–17 digits), and random doubles of any magnitude.
//! Prints median (min–max) ns per number over 9 runs, both parsers in turn.
//!
//!   cargo run --release --example json_numbers

use farmmap::json::parse_f64;
use farmmap::rng::Mulberry32;
use std::hint::black_box;
use std::time::Instant;

fn time(texts: &[String], parse: &dyn Fn(&str) -> f64) -> f64 {
    let start = Instant::now();
    let mut sum = 0.0;
    for t in texts {
        sum += parse(black_box(t));
    }
    black_box(sum);
    start.elapsed().as_nanos() as f64 / texts.len() as f64
}

fn main() {
    let mut rng = Mulberry32::new(1);
    let n = 200_000;
    let coords: Vec<String> = (0..n)
        .map(|_| format!("{:.6}", rng.next_f64() * 360.0 - 180.0))
        .collect();
    let shortest: Vec<String> = (0..n)
        .map(|_| format!("{}", rng.next_f64() * 360.0 - 180.0))
        .collect();
    let any: Vec<String> = (0..n)
        .map(|_| loop {
            let bits = (u64::from(rng.next_u32()) << 32) | u64::from(rng.next_u32());
            let x = f64::from_bits(bits);
            if x.is_finite() {
                break format!("{x:e}");
            }
        })
        .collect();
    let core = |t: &str| t.parse::<f64>().unwrap();
    let mine = |t: &str| parse_f64(t).unwrap();
    println!("| numbers | core ns/number | parse_f64 ns/number |");
    println!("|---|---|---|");
    for (name, texts) in [
        ("coordinates, 6 decimals", &coords),
        ("shortest round-trip, |x| < 180", &shortest),
        ("any double, {:e}", &any),
    ] {
        let (mut a, mut b) = (vec![], vec![]);
        for _ in 0..9 {
            a.push(time(texts, &core));
            b.push(time(texts, &mine));
        }
        let stat = |v: &mut Vec<f64>| {
            farmmap::sort::sort_by(v, f64::total_cmp);
            format!("{:.0} ({:.0}–{:.0})", v[v.len() / 2], v[0], v[v.len() - 1])
        };
        println!("| {name} | {} | {} |", stat(&mut a), stat(&mut b));
    }
}
