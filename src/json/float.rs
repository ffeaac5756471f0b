//! Floats as text, as core's `{}` and `{:.N}` write them, without core's float formatting.
//!
//! Why not core's: its shortest and exact digit generators (Grisu with a Dragon fallback),
//! their table of cached powers and their big integer were ~12 KB of the reader's wasm,
//! pulled in by any `{}` of an `f64` or `f32` anywhere. Here one exact algorithm does both,
//! on the big integer `json::decimal` parses with. Slower than core's for long digit strings
//! but fast enough for the crate's uses (messages, labels, SVG and JSON output, never a
//! per-point loop of a frame): `cargo run --release --example float_text`, ns per number,
//! median of 9 runs, core / this: tie shares (`33.3`) `{}` 33 / 110, `{:.1}` 100 / 89;
//! coordinates (17 digits) `{}` 60 / 600, `{:.1}` 47 / 84; doubles of any magnitude `{}`
//! 104 / 3,513.
//!
//! - [`Plain`] / [`Plain32`]: the shortest digits that read back as the number (as `{}`
//!   gives them): Burger and Dybvig's free-format algorithm as core's Dragon runs it, the
//!   same interval (inclusive when the mantissa is even, half as wide below a power of
//!   two) and the same choice when two shortest candidates are as close (the upper).
//! - [`Fixed`]: the exact binary value rounded to `N` decimals, halfway to even (as
//!   `{:.N}`).
//!
//! Both are checked against core over edge values and 100,000+ random ones
//! (`json/tests.rs`). They ignore width, fill and sign flags (`{:>8}`): write the text
//! into a `String` first when a layout needs them.
//!
//! # Examples
//! ```
//! use farmmap::json::{Fixed, Plain, Plain32};
//! assert_eq!(Plain(0.1 + 0.2).to_string(), format!("{}", 0.1 + 0.2));
//! assert_eq!(Plain(1e21).to_string(), "1000000000000000000000");
//! assert_eq!(Plain(-0.0).to_string(), "-0");
//! assert_eq!(Plain32(0.1).to_string(), "0.1");
//! assert_eq!(Fixed(2.5, 0).to_string(), "2");
//! assert_eq!(Fixed(-0.04, 1).to_string(), "-0.0");
//! assert_eq!(Fixed(1.005, 2).to_string(), format!("{:.2}", 1.005));
//! ```

use std::cmp::Ordering;
use std::fmt;

use super::decimal::Big;

/// An `f64` written as `format!("{}", x)` writes it: the shortest digits that read back as
/// `x`, never in scientific notation (`0.000001`, `1000000000000000000000`, `-0`, `NaN`,
/// `inf`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plain(pub f64);

/// An `f32` written as `format!("{}", x)` writes it (its own shortest digits: `0.1`, not
/// the `f64`'s `0.10000000149011612`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plain32(pub f32);

/// An `f64` written as `format!("{:.N}", x)` writes it: `N` decimals, the exact value
/// rounded halfway to even (`Fixed(0.125, 2)` is `0.12`), the sign kept (`-0.0`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fixed(pub f64, pub usize);

impl fmt::Display for Plain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bits = self.0.to_bits();
        let (field, frac) = ((bits >> 52) as i32 & 0x7ff, bits & ((1 << 52) - 1));
        write_plain(f, split(bits >> 63 == 1, field, frac, 52, 0x7ff, 1075))
    }
}

impl fmt::Display for Plain32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bits = u64::from(self.0.to_bits());
        let (field, frac) = ((bits >> 23) as i32 & 0xff, bits & ((1 << 23) - 1));
        write_plain(f, split(bits >> 31 == 1, field, frac, 23, 0xff, 150))
    }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed(x, decimals) = *self;
        let bits = x.to_bits();
        let (field, frac) = ((bits >> 52) as i32 & 0x7ff, bits & ((1 << 52) - 1));
        let (mant, exp) = match split(bits >> 63 == 1, field, frac, 52, 0x7ff, 1075) {
            Kind::Nan => return f.write_str("NaN"),
            Kind::Inf(negative) => return f.write_str(if negative { "-inf" } else { "inf" }),
            Kind::Zero(negative) => {
                if negative {
                    f.write_str("-")?;
                }
                return write_point(f, "0", decimals);
            }
            Kind::Finite(negative, mant, exp, _) => {
                if negative {
                    f.write_str("-")?;
                }
                (mant, exp)
            }
        };
        // x·10ᴺ = mant·5ᴺ·2^(exp+N), rounded to an integer halfway to even.
        let mut n = Big::from_u64(mant);
        n.mul_pow5(decimals as u32);
        let shift = exp + decimals as i64;
        if shift >= 0 {
            n.shl(shift as u32);
        } else {
            let cut = n.shr(shift.unsigned_abs());
            let odd = n.0.first().is_some_and(|l| l & 1 == 1);
            if cut == Ordering::Greater || (cut == Ordering::Equal && odd) {
                n.mul_add(1, 1);
            }
        }
        write_point(f, &n.decimal(), decimals)
    }
}

/// `digits` (an integer's, no sign) with a point before its last `decimals`, and at least
/// one digit before the point.
fn write_point(f: &mut fmt::Formatter<'_>, digits: &str, decimals: usize) -> fmt::Result {
    let mut all = "0".repeat((decimals + 1).saturating_sub(digits.len()));
    all.push_str(digits);
    let (whole, fraction) = all.split_at(all.len() - decimals);
    f.write_str(whole)?;
    if decimals > 0 {
        f.write_str(".")?;
        f.write_str(fraction)?;
    }
    Ok(())
}

/// A float's class; a finite one as `mant · 2^exp` (core's `integer_decode`) and whether
/// it is subnormal.
enum Kind {
    Nan,
    Inf(bool),
    Zero(bool),
    Finite(bool, u64, i64, bool),
}

/// Splits a float given as its sign, biased exponent `field` and stored mantissa `frac`
/// (`bits` of them; `max` is the exponent field's all-ones, `bias` the exponent bias plus
/// `bits`).
fn split(negative: bool, field: i32, frac: u64, bits: u32, max: i32, bias: i64) -> Kind {
    match (field, frac) {
        (f, 0) if f == max => Kind::Inf(negative),
        (f, _) if f == max => Kind::Nan,
        (0, 0) => Kind::Zero(negative),
        (0, _) => Kind::Finite(negative, frac << 1, -bias, true),
        _ => Kind::Finite(negative, frac | 1 << bits, i64::from(field) - bias, false),
    }
}

/// The shortest digits (ASCII) of `x` (finite, not zero, sign ignored) and `k` such that
/// `|x|` is `0.DIGITS × 10ᵏ`: [`Plain`]'s digits, for `json::Number`'s layout.
pub(super) fn shortest_f64(x: f64) -> (Vec<u8>, i64) {
    let bits = x.to_bits();
    let (field, frac) = ((bits >> 52) as i32 & 0x7ff, bits & ((1 << 52) - 1));
    match split(false, field, frac, 52, 0x7ff, 1075) {
        Kind::Finite(_, mant, exp, subnormal) => shortest(mant, exp, subnormal),
        _ => (b"0".to_vec(), 1),
    }
}

/// `{}`'s layout of the shortest digits: `0.00123`, `12.5`, `1200`, `-0`.
fn write_plain(f: &mut fmt::Formatter<'_>, kind: Kind) -> fmt::Result {
    let (mant, exp, subnormal) = match kind {
        Kind::Nan => return f.write_str("NaN"),
        Kind::Inf(negative) => return f.write_str(if negative { "-inf" } else { "inf" }),
        Kind::Zero(negative) => return f.write_str(if negative { "-0" } else { "0" }),
        Kind::Finite(negative, mant, exp, subnormal) => {
            if negative {
                f.write_str("-")?;
            }
            (mant, exp, subnormal)
        }
    };
    let (digits, k) = shortest(mant, exp, subnormal);
    let digits = std::str::from_utf8(&digits).unwrap_or("");
    if k <= 0 {
        f.write_str("0.")?;
        for _ in 0..-k {
            f.write_str("0")?;
        }
        f.write_str(digits)
    } else if (k as usize) < digits.len() {
        let (a, b) = digits.split_at(k as usize);
        f.write_str(a)?;
        f.write_str(".")?;
        f.write_str(b)
    } else {
        f.write_str(digits)?;
        for _ in digits.len()..k as usize {
            f.write_str("0")?;
        }
        Ok(())
    }
}

/// The shortest digits (ASCII) that read back as `mant · 2^exp`, and `k` such that the
/// value is `0.DIGITS × 10ᵏ`: core's `flt2dec::strategy::dragon::format_shortest` on
/// core's `decode` (`mant` and `exp` as `integer_decode` gives them).
fn shortest(mant: u64, exp: i64, subnormal: bool) -> (Vec<u8>, i64) {
    let inclusive = mant & 1 == 0;
    // The value and its interval as (mant - minus, mant + plus)·2^exp, as core's decode
    // makes them: a normal power of two's lower neighbour is half as far.
    let (mant, minus, plus, exp) = if subnormal {
        (mant, 1, 1, exp)
    } else if mant.is_power_of_two() {
        (mant << 2, 1, 2, exp - 2)
    } else {
        (mant << 1, 1, 1, exp - 1)
    };
    // `a.cmp(b) < rounding` is `a <= b` when inclusive, else `a < b`.
    let rounding = if inclusive {
        Ordering::Greater
    } else {
        Ordering::Equal
    };
    // 10^(k-1) < high ≤ 10^(k+1); 1292913986 = ⌊2³²·log₁₀2⌋ (core's estimator).
    let nbits = 64 - i64::from((mant + plus - 1).leading_zeros());
    let mut k = ((nbits + exp) * 1_292_913_986) >> 32;
    let mut mant = Big::from_u64(mant);
    let mut minus = Big::from_u64(minus);
    let mut plus = Big::from_u64(plus);
    let mut scale = Big::from_u64(1);
    if exp < 0 {
        scale.shl(exp.unsigned_abs() as u32);
    } else {
        for b in [&mut mant, &mut minus, &mut plus] {
            b.shl(exp as u32);
        }
    }
    if k >= 0 {
        scale.mul_pow10(k as u32);
    } else {
        for b in [&mut mant, &mut minus, &mut plus] {
            b.mul_pow10(k.unsigned_abs() as u32);
        }
    }
    let times_ten = |bs: [&mut Big; 3]| {
        for b in bs {
            b.mul_add(10, 0);
        }
    };
    if scale.cmp_sum(&mant, &plus) < rounding {
        k += 1;
    } else {
        times_ten([&mut mant, &mut minus, &mut plus]);
    }
    let mut digits = Vec::with_capacity(17);
    let (down, up) = loop {
        let mut d = b'0';
        while mant.cmp(&scale) != Ordering::Less {
            mant.sub(&scale);
            d += 1;
        }
        digits.push(d);
        let down = mant.cmp(&minus) < rounding;
        let up = scale.cmp_sum(&mant, &plus) < rounding;
        if down || up {
            break (down, up);
        }
        times_ten([&mut mant, &mut minus, &mut plus]);
    };
    // Both candidates as close: the upper one (2·mant ≥ scale).
    if up && (!down || scale.cmp_sum(&mant, &mant) != Ordering::Greater) {
        match digits.iter().rposition(|&c| c != b'9') {
            Some(i) => {
                digits[i] += 1;
                digits[i + 1..].fill(b'0');
            }
            None => {
                digits.fill(b'0');
                digits[0] = b'1';
                digits.push(b'0');
                k += 1;
            }
        }
    }
    (digits, k)
}

impl Big {
    fn mul_pow10(&mut self, k: u32) {
        self.mul_pow5(k);
        self.shl(k);
    }

    /// `self.cmp(a + b)`, without making `a + b`.
    fn cmp_sum(&self, a: &Big, b: &Big) -> Ordering {
        let limb = |x: &Big, i: usize| i64::from(x.0.get(i).copied().unwrap_or(0));
        let (mut borrow, mut nonzero) = (0i64, false);
        for i in 0..self.0.len().max(a.0.len()).max(b.0.len()) {
            let v = limb(self, i) - limb(a, i) - limb(b, i) - borrow;
            borrow = -v.div_euclid(1 << 32);
            nonzero |= v.rem_euclid(1 << 32) != 0;
        }
        match (borrow > 0, nonzero) {
            (true, _) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => Ordering::Equal,
        }
    }

    /// `self >>= bits`; what was shifted out against half of `2^bits`.
    fn shr(&mut self, bits: u64) -> Ordering {
        let bit = |b: &Big, i: u64| {
            b.0.get((i / 32) as usize)
                .is_some_and(|l| l >> (i % 32) & 1 == 1)
        };
        let below = (0..bits.saturating_sub(1)).any(|i| bit(self, i));
        let cut = match (bit(self, bits - 1), below) {
            (false, _) => Ordering::Less,
            (true, false) => Ordering::Equal,
            (true, true) => Ordering::Greater,
        };
        let (limbs, bits) = ((bits / 32) as usize, (bits % 32) as u32);
        self.0.drain(..limbs.min(self.0.len()));
        if bits > 0 {
            for i in 0..self.0.len() {
                let high = self.0.get(i + 1).map_or(0, |&h| h << (32 - bits));
                self.0[i] = self.0[i] >> bits | high;
            }
        }
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        cut
    }

    /// The integer's decimal digits (`"0"` for zero).
    fn decimal(mut self) -> String {
        let mut chunks = Vec::new();
        while !self.is_zero() {
            let mut rest = 0u64;
            for limb in self.0.iter_mut().rev() {
                let v = rest << 32 | u64::from(*limb);
                *limb = (v / 1_000_000_000) as u32;
                rest = v % 1_000_000_000;
            }
            while self.0.last() == Some(&0) {
                self.0.pop();
            }
            chunks.push(rest as u32);
        }
        let mut out = chunks.pop().unwrap_or(0).to_string();
        for c in chunks.iter().rev() {
            let c = c.to_string();
            out.push_str(&"000000000"[c.len()..]);
            out.push_str(&c);
        }
        out
    }
}
