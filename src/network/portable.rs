//! Math the layout needs, written with +, −, ×, ÷ and √ only, so native and wasm builds
//! (whose `f64::ln` come from different libms) produce the same positions bit for bit.

/// Natural logarithm, fdlibm's `__ieee754_log` algorithm (error < 1 ulp) for normal
/// positive finite inputs; anything else falls back to `f64::ln`, which the layout never
/// reaches (it takes ln(1 + x) with x ≥ 0 finite).
pub fn ln(x: f64) -> f64 {
    // fdlibm's constants, by bit pattern (ln 2 split into a high part with trailing
    // zeros, so k·LN2_HI is exact, and the remainder).
    let ln2_hi = f64::from_bits(0x3fe6_2e42_fee0_0000);
    let ln2_lo = f64::from_bits(0x3dea_39ef_3579_3c76);
    let lg = [
        f64::from_bits(0x3fe5_5555_5555_5593),
        f64::from_bits(0x3fd9_9999_9997_fa04),
        f64::from_bits(0x3fd2_4924_9422_9359),
        f64::from_bits(0x3fcc_71c5_1d8e_78af),
        f64::from_bits(0x3fc7_4664_96cb_03de),
        f64::from_bits(0x3fc3_9a09_d078_c69f),
        f64::from_bits(0x3fc2_f112_df3e_5244),
    ];
    if !(x.is_finite() && x >= f64::MIN_POSITIVE) {
        return x.ln();
    }
    let bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i32 - 1023;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    let f = m - 1.0;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (lg[1] + w * (lg[3] + w * lg[5]));
    let t2 = z * (lg[0] + w * (lg[2] + w * (lg[4] + w * lg[6])));
    let r = t2 + t1;
    let hfsq = 0.5 * f * f;
    let k = f64::from(e);
    k * ln2_hi - ((hfsq - (s * (hfsq + r) + k * ln2_lo)) - f)
}

/// A unit vector from an index, for pushing apart coincident nodes, from the same
/// integer hash in every build (no sin/cos).
pub fn direction(seed: u32) -> (f64, f64) {
    let mut rng = crate::rng::Mulberry32::new(seed);
    loop {
        let (x, y) = (rng.next_f64() - 0.5, rng.next_f64() - 0.5);
        let d2 = x * x + y * y;
        if d2 > 1e-6 && d2 <= 0.25 {
            let d = d2.sqrt();
            return (x / d, y / d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_agrees_with_std_to_an_ulp_or_so() {
        let mut x = 1e-300;
        while x < 1e300 {
            for v in [x, x * 1.37, x * 1.4143, x * 1.999] {
                let (a, b) = (ln(v), v.ln());
                assert!(
                    (a - b).abs() <= 2e-16 * b.abs().max(1.0),
                    "ln({v}) = {a}, std {b}"
                );
            }
            x *= 7.3;
        }
        assert_eq!(ln(1.0), 0.0);
        assert!(ln(0.0).is_infinite() && ln(-1.0).is_nan());
    }

    #[test]
    fn directions_are_unit_length_and_differ() {
        let (a, b) = (direction(1), direction(2));
        assert!(((a.0 * a.0 + a.1 * a.1) - 1.0).abs() < 1e-12);
        assert_ne!(a, b);
        assert_eq!(direction(1), a);
    }
}
