//! How long unpacking the embedded basemap and oblasts takes (`build.rs`'s packed files, read
//! by `geometry::Packed`: the first step of a reader's start, before projecting and building
//! the layers), with its paths' integers entropy-coded (adaptive Golomb–Rice codes,
//! `src/geometry/coder.rs`). Beside it,
//! in the same process and in turn, the anchor: the same integers read back from what
//! build.rs wrote before, zigzag LEB128 varints of second differences (a count, then the
//! first four integers as they are, then each minus the one two places before), decoded as
//! `geometry::Packed::ints` did. Prints the median (min–max) time of one unpacking over 9
//! runs of 50 each.
//!
//!   cargo run --release --example basemap_decode

use std::hint::black_box;
use std::time::Instant;

fn varints(paths: &[Vec<i64>]) -> Vec<u8> {
    let mut out = Vec::new();
    let uint = |mut n: u64, out: &mut Vec<u8>| {
        while n >= 0x80 {
            out.push((n as u8 & 0x7f) | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    };
    for p in paths {
        uint(p.len() as u64, &mut out);
        for (i, &n) in p.iter().enumerate() {
            let v = if i < 4 { n } else { n - p[i - 2] };
            uint(((v << 1) ^ (v >> 63)) as u64, &mut out);
        }
    }
    out
}

/// The varints' reader, as `geometry::Packed::ints` was.
fn read_varints(mut bytes: &[u8]) -> Option<Vec<Vec<i64>>> {
    let uint = |bytes: &mut &[u8]| -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = bytes.split_first()?;
            *bytes = rest;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    };
    let mut paths = Vec::new();
    while !bytes.is_empty() {
        let n = usize::try_from(uint(&mut bytes)?).ok()?;
        let mut out: Vec<i64> = Vec::with_capacity(n.min(bytes.len()));
        for i in 0..n {
            let z = uint(&mut bytes)?;
            let v = (z >> 1) as i64 ^ -((z & 1) as i64);
            out.push(if i < 4 { v } else { v.checked_add(out[i - 2])? });
        }
        paths.push(out);
    }
    Some(paths)
}

fn time(f: &dyn Fn() -> usize) -> f64 {
    let start = Instant::now();
    for _ in 0..50 {
        black_box(f());
    }
    start.elapsed().as_secs_f64() * 1e3 / 50.0
}

fn summary(mut runs: Vec<f64>) -> String {
    farmmap::sort::sort_by(&mut runs, f64::total_cmp);
    let n = runs.len();
    format!(
        "{:.3} ms median ({:.3}–{:.3})",
        runs[n / 2],
        runs[0],
        runs[n - 1]
    )
}

fn main() {
    let paths = farmmap::basemap::unpack_embedded();
    let ints: usize = paths.iter().map(Vec::len).sum();
    let old = varints(&paths);
    assert_eq!(read_varints(&old).as_ref(), Some(&paths));
    let (mut coded, mut anchor) = (Vec::new(), Vec::new());
    for _ in 0..9 {
        coded.push(time(&|| farmmap::basemap::unpack_embedded().len()));
        anchor.push(time(&|| {
            read_varints(black_box(&old)).map_or(0, |p| p.len())
        }));
    }
    println!(
        "{} paths, {ints} integers; per unpacking, 9 runs of 50:",
        paths.len()
    );
    println!("  both files, paths Rice-coded (now):  {}", summary(coded));
    println!(
        "  the paths alone as varints (before):  {} ({} bytes)",
        summary(anchor),
        old.len()
    );
}
