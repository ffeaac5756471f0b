//! Decimal text to the nearest `f64` (ties to even), as core's `str::parse::<f64>` gives it,
//! without core's parser.
//!
//! Why not core's: its fast algorithm (Eisel–Lemire) reads a table of 651 128-bit powers of
//! five, 10.4 KB of numbers that do not compress. With it and its fallback gone the reader's
//! wasm went from 629,381 to 618,683 B raw and from 310,999 to 299,144 B gzip
//! (`scripts/build.sh --reader`). Readers download every byte; the numbers they parse are
//! the story's (mostly coordinates with a few decimals), so three paths do:
//!
//! - **Clinger's fast path**: an integer up to 2⁵³ (exact in an `f64`) times or over a power
//!   of ten up to 10²² (exact too): one correctly rounded IEEE operation gives the correctly
//!   rounded result. `43.2567`, `76.945612`, `0.25`.
//! - **128-bit division**: up to 19 significant digits and 10^±27 (5²⁷ < 2⁶⁴): the digits
//!   times or over 5ᵏ (the 2ᵏ of `10ᵏ = 5ᵏ·2ᵏ` only moves the binary exponent), scaled so the
//!   quotient has 64 or 65 bits, rounded to 53 bits (fewer below the normal range) with the
//!   remainder as the sticky bit. What a shortest round-trip writer prints (17 digits) lands
//!   here.
//! - **Big integers** for the rest (more digits, larger exponents): the same division on
//!   32-bit limbs, its quotient estimated from the top 128 bits and corrected by at most a
//!   few subtractions.
//!
//! `cargo run --release --example json_numbers` (200,000 numbers each, median (min–max) of
//! 9 runs, ns per number, core / this): coordinates with six decimals 22 (20–28) / 26
//! (24–32); shortest round-trip longitudes 36 (32–38) / 61 (49–99); random doubles of any
//! magnitude 49 (45–69) / 448 (396–635).
//!
//! More than [`MAX_DIGITS`] significant digits are cut, a non-zero digit among the cut ones
//! kept as a sticky bit: 767 digits decide any `f64`'s rounding. Checked against core's parse
//! on edge cases, exact halfway points, long inputs and random numbers (`json/tests.rs`).
//!
//! # Examples
//! ```
//! use farmmap::json::parse_f64;
//! assert_eq!(parse_f64("43.2567"), Some(43.2567));
//! assert_eq!(parse_f64("-1.5e-7"), Some(-1.5e-7));
//! // Halfway between 2⁵³ and 2⁵³ + 2: to the even one.
//! assert_eq!(parse_f64("9007199254740993"), Some(9007199254740992.0));
//! assert_eq!(parse_f64("1e400"), Some(f64::INFINITY));
//! assert_eq!(parse_f64("1."), None);
//! ```

use std::cmp::Ordering;

/// Significant digits kept; any non-zero digit after them only breaks a tie upward.
pub const MAX_DIGITS: usize = 800;

/// Exact powers of ten an `f64` holds.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `text` in JSON's number syntax, `-?d+(.d+)?([eE][+-]?d+)?` (leading zeros allowed), to the
/// nearest `f64`, ties to even; too large gives ±infinity, too small ±0. `None` for anything
/// else (no spaces, no `+`, no `inf`/`nan`).
pub fn parse_f64(text: &str) -> Option<f64> {
    let negative = text.starts_with('-');
    let body = &text.as_bytes()[usize::from(negative)..];
    // The first 19 significant digits fit in a u64; almost every number has no more.
    let (mut w, mut count) = (0u64, 0usize);
    let exp10 = scan(body, |d| {
        if count < 19 {
            w = w * 10 + u64::from(d);
        }
        count += 1;
    })?;
    let magnitude = if count <= 19 {
        small(w, exp10)
    } else {
        let (mut digits, mut dropped, mut truncated) = (Vec::new(), 0i64, false);
        scan(body, |d| {
            if digits.len() < MAX_DIGITS {
                digits.push(d);
            } else {
                dropped += 1;
                truncated |= d != 0;
            }
        });
        // digits × 10^(dropped) is the number without its dropped digits.
        let mut exp10 = exp10 + dropped;
        while digits.last() == Some(&0) {
            digits.pop();
            exp10 += 1;
        }
        big(&digits, exp10, truncated)
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// Calls `digit` for each significant digit of `body` (a number without its sign: leading
/// zeros are not significant) and gives `e` such that the number is those digits, read as
/// one integer, times 10ᵉ; `None` when `body` is not a number.
fn scan(body: &[u8], mut digit: impl FnMut(u8)) -> Option<i64> {
    let mut i = 0;
    let mut significant = false;
    let mut run = |i: &mut usize| {
        let start = *i;
        while let Some(&c) = body.get(*i).filter(|c| c.is_ascii_digit()) {
            significant |= c != b'0';
            if significant {
                digit(c - b'0');
            }
            *i += 1;
        }
        *i - start
    };
    if run(&mut i) == 0 {
        return None;
    }
    let mut exp10: i64 = 0;
    if body.get(i) == Some(&b'.') {
        i += 1;
        let fraction = run(&mut i);
        if fraction == 0 {
            return None;
        }
        exp10 -= fraction as i64;
    }
    if matches!(body.get(i), Some(b'e' | b'E')) {
        i += 1;
        let negative = body.get(i) == Some(&b'-');
        i += usize::from(matches!(body.get(i), Some(b'+' | b'-')));
        let start = i;
        let mut e: i64 = 0;
        while let Some(&c) = body.get(i).filter(|c| c.is_ascii_digit()) {
            // Past ±10¹², every value is 0 or infinity anyway.
            e = (e * 10 + i64::from(c - b'0')).min(1_000_000_000_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp10 += if negative { -e } else { e };
    }
    (i == body.len()).then_some(exp10)
}

/// `w × 10^exp10`.
fn small(mut w: u64, mut exp10: i64) -> f64 {
    if w == 0 {
        return 0.0;
    }
    while w % 10 == 0 {
        w /= 10;
        exp10 += 1;
    }
    if let Some(early) = out_of_range(w.ilog10() as i64 + 1 + exp10) {
        return early;
    }
    let k = exp10.unsigned_abs() as u32;
    if w <= 1 << 53 && k <= 22 {
        // Clinger: both operands exact, one rounding.
        let m = w as f64;
        return if exp10 >= 0 {
            m * POW10[k as usize]
        } else {
            m / POW10[k as usize]
        };
    }
    if k > 27 {
        return exact(Big::from_u64(w), exp10, false);
    }
    // 5ᵏ < 2⁶⁴: the division fits in 128 bits.
    let pow5 = 5u128.pow(k);
    let (mut n, mut d) = if exp10 >= 0 {
        (u128::from(w) * pow5, 1)
    } else {
        (u128::from(w), pow5)
    };
    // Scale so that n / d lies in [2⁶³, 2⁶⁵).
    let s = (128 - d.leading_zeros() as i64) + 64 - (128 - n.leading_zeros() as i64);
    if s > 0 {
        n <<= s;
    } else {
        d <<= -s;
    }
    round(n / d, exp10 - s, n % d != 0)
}

/// A value with `top` digits before its decimal point (negative: zeros after it) that is
/// certainly infinite or zero, or `None`.
fn out_of_range(top: i64) -> Option<f64> {
    if top > 310 {
        Some(f64::INFINITY) // at least 10³⁰⁹ × 10 > f64::MAX
    } else if top <= -324 {
        Some(0.0) // below 10⁻³²⁴, under half the smallest subnormal (4.9e-324)
    } else {
        None
    }
}

/// `digits × 10^exp10` (plus a little when `truncated`).
fn big(digits: &[u8], exp10: i64, truncated: bool) -> f64 {
    if let Some(early) = out_of_range(digits.len() as i64 + exp10) {
        return early;
    }
    exact(Big::from_digits(digits), exp10, truncated)
}

/// `n × 10^exp10` by big-integer arithmetic, as `n / d × 2^e`.
fn exact(mut n: Big, exp10: i64, truncated: bool) -> f64 {
    let mut d = Big(vec![1]);
    let k = exp10.unsigned_abs() as u32;
    let mut e = exp10; // the 2ᵏ of 10ᵏ = 5ᵏ·2ᵏ
    if exp10 >= 0 {
        n.mul_pow5(k);
    } else {
        d.mul_pow5(k);
    }
    // Scale so that n / d lies in [2⁶³, 2⁶⁵).
    let s = d.bits() as i64 + 64 - n.bits() as i64;
    if s > 0 {
        n.shl(s as u32);
    } else {
        d.shl((-s) as u32);
    }
    e -= s;
    let (q, rest) = divide(&n, &d);
    round(q, e, rest || truncated)
}

/// `floor(n / d)` and whether a remainder is left, for `n / d < 2⁶⁵`.
fn divide(n: &Big, d: &Big) -> (u128, bool) {
    let shift = d.bits().saturating_sub(64);
    // d's top 64 bits (all of d when it is smaller) and n's bits from the same place: the
    // estimate n_top / (d_top + 1) never exceeds the quotient and misses it by a few units.
    let n_top = n.bits_from(shift);
    let d_top = d.bits_from(shift);
    let mut q = if shift == 0 {
        n_top / d_top
    } else {
        n_top / (d_top + 1)
    };
    let mut r = n.clone();
    r.sub(&d.mul_u128(q));
    while r.cmp(d) != Ordering::Less {
        r.sub(d);
        q += 1;
    }
    (q, !r.is_zero())
}

/// The `f64` nearest `(q + a bit more when sticky) × 2^e`, for `q` in `[2⁶³, 2⁶⁵)`.
fn round(q: u128, e: i64, sticky: bool) -> f64 {
    let len = 128 - i64::from(q.leading_zeros());
    let msb = len - 1 + e;
    // The exponent of the result's last bit: 52 below the first, never under 2⁻¹⁰⁷⁴.
    let mut lsb = (msb - 52).max(-1074);
    let drop = lsb - e; // ≥ 11: q has at least 64 bits
    if drop >= 128 {
        return 0.0; // below half the smallest subnormal
    }
    let mut mant = q >> drop;
    let rem = q & ((1u128 << drop) - 1);
    let half = 1u128 << (drop - 1);
    if rem > half || (rem == half && (sticky || mant & 1 == 1)) {
        mant += 1;
        if mant == 1 << 53 {
            mant >>= 1;
            lsb += 1;
        }
    }
    let mant = mant as u64;
    if mant < 1 << 52 {
        return f64::from_bits(mant); // subnormal (lsb is 2⁻¹⁰⁷⁴)
    }
    let biased = lsb + 52 + 1023;
    if biased >= 2047 {
        return f64::INFINITY;
    }
    f64::from_bits(((biased as u64) << 52) | (mant & ((1 << 52) - 1)))
}

/// An unsigned big integer: 32-bit limbs, least significant first, no leading zero limbs.
/// Also what `json::float` writes floats with.
#[derive(Clone, Debug)]
pub(super) struct Big(pub(super) Vec<u32>);

impl Big {
    pub(super) fn from_u64(v: u64) -> Big {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        b.trim();
        b
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut b = Big(Vec::with_capacity(digits.len() / 9 + 1));
        for chunk in digits.chunks(9) {
            let v = chunk.iter().fold(0u32, |v, &d| v * 10 + u32::from(d));
            b.mul_add(10u32.pow(chunk.len() as u32), v);
        }
        b
    }

    pub(super) fn mul_add(&mut self, m: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    pub(super) fn mul_pow5(&mut self, mut k: u32) {
        const POW5_13: u32 = 1_220_703_125; // the largest power of five in a u32
        while k >= 13 {
            self.mul_add(POW5_13, 0);
            k -= 13;
        }
        self.mul_add(5u32.pow(k), 0);
    }

    pub(super) fn shl(&mut self, bits: u32) {
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let v = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = v;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if limbs > 0 {
            // Not `splice`: its generic code was most of this function in the reader's wasm.
            let mut shifted = vec![0; limbs];
            shifted.extend_from_slice(&self.0);
            self.0 = shifted;
        }
    }

    fn bits(&self) -> u32 {
        match self.0.last() {
            Some(&top) => 32 * self.0.len() as u32 - top.leading_zeros(),
            None => 0,
        }
    }

    /// `self >> shift`, which must fit in 128 bits.
    fn bits_from(&self, shift: u32) -> u128 {
        let (first, bits) = ((shift / 32) as usize, shift % 32);
        let mut v: u128 = 0;
        for (i, &limb) in self.0.iter().enumerate().skip(first).take(5) {
            let at = 32 * (i - first) as i32 - bits as i32;
            v |= if at < 0 {
                u128::from(limb >> -at)
            } else {
                // Past bit 127 only zero limbs are left (the caller's bound).
                u128::from(limb).checked_shl(at as u32).unwrap_or(0)
            };
        }
        v
    }

    fn mul_u128(&self, m: u128) -> Big {
        let m: Vec<u32> = (0..4).map(|i| (m >> (32 * i)) as u32).collect();
        let mut out = vec![0u32; self.0.len() + 4];
        for (i, &a) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in m.iter().enumerate() {
                let v = u64::from(a) * u64::from(b) + u64::from(out[i + j]) + carry;
                out[i + j] = v as u32;
                carry = v >> 32;
            }
            out[i + 4] = carry as u32;
        }
        let mut b = Big(out);
        b.trim();
        b
    }

    /// `self -= other`, for `other ≤ self`.
    pub(super) fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            borrow = i64::from(v < 0);
            *limb = v.rem_euclid(1 << 32) as u32;
        }
        self.trim();
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    pub(super) fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    pub(super) fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    //! Against core's `str::parse::<f64>` (correctly rounded), bit for bit.
    use super::*;
    use crate::rng::Mulberry32;

    fn agrees(text: &str) {
        let core: f64 = text.parse().unwrap();
        let mine = parse_f64(text).unwrap_or_else(|| panic!("{text:?} refused"));
        assert_eq!(
            mine.to_bits(),
            core.to_bits(),
            "{text:?}: {mine:e} vs core {core:e}"
        );
    }

    fn random_double(rng: &mut Mulberry32) -> f64 {
        loop {
            let bits = (u64::from(rng.next_u32()) << 32) | u64::from(rng.next_u32());
            let x = f64::from_bits(bits);
            if x.is_finite() {
                return x;
            }
        }
    }

    #[test]
    fn edge_cases_agree_with_core() {
        for t in [
            "0", "-0", "0.0", "-0.0", "0e999999", "1", "-1", "00012.5000", "0.1", "0.3",
            "123456789012345", "1234567890123456", "12345678901234567", "9007199254740992",
            "9007199254740993", "9007199254740993.0000000000000000001", "9007199254740995",
            "1e22", "1e23", "123456789e-22", "1e-22", "1e-23", "4.35e-22",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999",
            "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308",
            "2.2250738585072009e-308", "4.9406564584124654e-324", "2.4703282292062327e-324",
            "2.4703282292062328e-324", "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324",
            "1e-324", "1e-400", "1e400", "-1e400", "1e310", "1e-350", "0.000001", "1e-6",
            "3.14159265358979323846264338327950288419716939937510582097494459",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
            "7.2057594037927933e16", "43.2567", "76.945612", "-127.63438880116627",
        ] {
            agrees(t);
        }
    }

    #[test]
    fn random_doubles_printed_every_way_agree_with_core() {
        let mut rng = Mulberry32::new(7);
        for _ in 0..40_000 {
            let x = random_double(&mut rng);
            for t in [
                format!("{x:e}"),
                format!("{x:.0e}"),
                format!("{x:.16e}"),
                format!("{x:.17e}"),
                format!("{x:.25e}"),
                format!("{x}"),
            ] {
                agrees(&t);
            }
        }
    }

    #[test]
    fn random_digit_strings_agree_with_core() {
        let mut rng = Mulberry32::new(11);
        for _ in 0..200_000 {
            let len = 1 + rng.next_u32() as usize % 40;
            let mut t = String::new();
            if rng.next_u32() % 2 == 0 {
                t.push('-');
            }
            let point = rng.next_u32() as usize % (len + 1);
            for i in 0..len {
                if i == point && i > 0 {
                    t.push('.');
                }
                t.push((b'0' + (rng.next_u32() % 10) as u8) as char);
            }
            if rng.next_u32() % 3 > 0 {
                let e = (rng.next_u32() % 701) as i32 - 350;
                t.push_str(&format!("e{e}"));
            }
            agrees(&t);
        }
    }

    /// The exact decimal of `(2m + 1) · 2^(e - 1)`: the point halfway between `m · 2^e` and
    /// the next double up. Digits in base 10⁹, least significant first.
    fn halfway(m: u64, e: i32) -> String {
        let mut limbs: Vec<u64> = vec![];
        let mut v = 2 * u128::from(m) + 1;
        while v > 0 {
            limbs.push((v % 1_000_000_000) as u64);
            v /= 1_000_000_000;
        }
        let mul = |limbs: &mut Vec<u64>, k: u64| {
            let mut carry = 0;
            for l in limbs.iter_mut() {
                let v = *l * k + carry;
                *l = v % 1_000_000_000;
                carry = v / 1_000_000_000;
            }
            while carry > 0 {
                limbs.push(carry % 1_000_000_000);
                carry /= 1_000_000_000;
            }
        };
        let (times, exp10) = if e > 0 { (2, 0) } else { (5, e - 1) };
        for _ in 0..(e - 1).unsigned_abs() {
            mul(&mut limbs, times);
        }
        let mut s = limbs.last().unwrap().to_string();
        for l in limbs.iter().rev().skip(1) {
            s.push_str(&format!("{l:09}"));
        }
        format!("{s}e{exp10}")
    }

    #[test]
    fn halfway_points_and_their_neighbours_agree_with_core() {
        let mut rng = Mulberry32::new(3);
        let mut cases: Vec<(u64, i32)> = vec![
            (1, -1074),                 // half the smallest subnormal
            (0, -1074),                 // ... and the point below it
            ((1 << 52) - 1, -1074),     // the top subnormal and the smallest normal
            ((1 << 53) - 1, 1023 - 52), // f64::MAX and 2¹⁰²⁴
            (1 << 52, -52),             // 1 and its successor
        ];
        for _ in 0..1_500 {
            let x = random_double(&mut rng).abs();
            let (bits, exp) = (x.to_bits() & ((1 << 52) - 1), (x.to_bits() >> 52) as i32);
            cases.push(if exp == 0 {
                (bits, -1074)
            } else {
                (bits | (1 << 52), exp - 1075)
            });
        }
        for (m, e) in cases {
            let mid = halfway(m, e);
            let (digits, exp) = mid.split_once('e').unwrap();
            agrees(&mid);
            // Just above: a 1 far past the last digit (past MAX_DIGITS for most).
            agrees(&format!("{digits}{}1e{exp}", "0".repeat(900)));
            // Just below: the last digit 5 as 4999….
            let below = format!("{}4{}", &digits[..digits.len() - 1], "9".repeat(30));
            agrees(&format!("{below}e{exp}"));
        }
    }

    #[test]
    fn long_inputs_agree_with_core() {
        agrees(&format!("1{}", "0".repeat(1000)));
        agrees(&format!("0.{}1", "0".repeat(400)));
        agrees(&format!("0.{}1", "0".repeat(1000)));
        agrees(&format!("{}e-1500", "9".repeat(1200)));
        agrees(&format!("1.{}e300", "9".repeat(2000)));
        agrees(&format!("{}.{}", "7".repeat(500), "3".repeat(500)));
    }

    #[test]
    fn anything_but_a_json_number_is_refused() {
        for t in [
            "", "-", ".5", "1.", "1e", "1e+", "1e-", "+1", " 1", "1 ", "inf", "NaN", "1x", "--1",
            "0x10", "1.2.3", "1e5e5", "١",
        ] {
            assert_eq!(parse_f64(t), None, "{t:?}");
        }
    }
}
