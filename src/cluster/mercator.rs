//! supercluster 9.1.0's coordinate arithmetic, reproduced operation for operation.
//!
//! Cluster membership depends on which side of a truncation a coordinate falls, so the
//! formulas keep JavaScript's evaluation order and `ToInt32` semantics exactly; a
//! "cleaner" formula would give different clusters on some inputs.
//!
//! # How exact, and why not more
//! The transcendental functions are the `libm` crate's (FreeBSD msun, i.e. fdlibm), which
//! is also what Rust's `f64::sin`/`exp`/… link to in wasm32; natively they would be the C
//! library's (glibc), which rounds differently. So native and wasm give the same bits, and
//! against V8 11.3 (node 20), as the tests here check on 3,000 seeded values each
//! (fixtures/v8-mercator.json), and tests/cluster-equivalence.test.mjs on every cluster
//! latitude its queries return:
//! - [`y_lat`] (`exp`, `atan`) equals supercluster's `yLat` **bit for bit** (all 3,000;
//!   with glibc's `exp`/`atan` it did not);
//! - [`lat_y`] (`sin`, `log`) differs on 23 of 3,000 latitudes: V8's `Math.sin` and
//!   `Math.log` disagree with fdlibm's (and with glibc's) in the last bit now and then. The
//!   difference in world y is at most 1.1e-16 up to 60° and grows towards the poles, where
//!   1 − sin cancels (7.8e-16 at most in the sample). So a point's stored world y, and the
//!   latitude a lone point comes back with, can be a few units in the last place from
//!   supercluster's (≤ ~1e-13°). Ids, counts and order change only if that moves a
//!   coordinate across an integer of the Int32 storage (2^30 a world unit, so under one
//!   point in a million; none in the equivalence test's inputs, which include ±85.06°,
//!   ±89.5° and ±89.99°). Exact agreement would
//!   need a port of V8's own `sin` and `log`.

use std::f64::consts::PI;

/// Int32 storage scale of supercluster v9: world coordinate `c` in [0, 1] is stored as
/// `(c - 0.5) * 2^30`, so stored values and their differences stay small integers.
pub const SCALE: f64 = 1_073_741_824.0;
const INV_SCALE: f64 = 1.0 / SCALE;

pub fn encode(c: f64) -> f64 {
    (c - 0.5) * SCALE
}

pub fn decode(v: i32) -> f64 {
    v as f64 * INV_SCALE + 0.5
}

/// ECMAScript `ToInt32`, what an `Int32Array` store does: truncate, then wrap modulo 2^32.
/// NaN and infinities become 0.
pub fn to_int32(v: f64) -> i32 {
    if !v.is_finite() {
        return 0;
    }
    let t = v.trunc();
    if t >= i32::MIN as f64 && t <= i32::MAX as f64 {
        return t as i32;
    }
    (t.rem_euclid(4_294_967_296.0) as u64) as u32 as i32
}

pub fn lng_x(lng: f64) -> f64 {
    lng / 360.0 + 0.5
}

/// Not [`crate::projection::world_y`]: supercluster clamps after the log, not the latitude
/// before it, and the last bits decide truncation.
pub fn lat_y(lat: f64) -> f64 {
    let sin = libm::sin(lat * PI / 180.0);
    let y = 0.5 - 0.25 * libm::log((1.0 + sin) / (1.0 - sin)) / PI;
    // NaN stays NaN, as in JavaScript.
    y.clamp(0.0, 1.0)
}

pub fn x_lng(x: f64) -> f64 {
    (x - 0.5) * 360.0
}

pub fn y_lat(y: f64) -> f64 {
    let y2 = (180.0 - y * 360.0) * PI / 180.0;
    360.0 * libm::atan(libm::exp(y2)) / PI - 90.0
}

/// JavaScript's `%` on numbers is C's `fmod`, which Rust's `%` on f64 also is.
pub fn wrap_lng(lng: f64) -> f64 {
    ((lng + 180.0) % 360.0 + 360.0) % 360.0 - 180.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_int32_wraps_like_an_int32_array_store() {
        assert_eq!(to_int32(1.9), 1);
        assert_eq!(to_int32(-1.9), -1);
        assert_eq!(to_int32(2_147_483_648.0), i32::MIN);
        assert_eq!(to_int32(4_294_967_297.5), 1);
        assert_eq!(to_int32(-2_147_483_649.0), i32::MAX);
        assert_eq!(to_int32(f64::NAN), 0);
        assert_eq!(to_int32(f64::INFINITY), 0);
    }

    /// supercluster's `latY`/`yLat` as V8 computes them (fixtures/v8-mercator.mjs).
    fn v8_pairs(key: &str) -> Vec<(f64, f64)> {
        let v: serde_json::Value =
            serde_json::from_str(include_str!("fixtures/v8-mercator.json")).unwrap();
        let f = |h: &serde_json::Value| {
            f64::from_bits(u64::from_str_radix(h.as_str().unwrap(), 16).unwrap())
        };
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (f(&p[0]), f(&p[1])))
            .collect()
    }

    #[test]
    fn y_lat_equals_v8_bit_for_bit_and_lat_y_nearly_always() {
        let pairs = v8_pairs("y_lat");
        assert_eq!(pairs.len(), 3000);
        for (y, want) in pairs {
            assert_eq!(y_lat(y).to_bits(), want.to_bits(), "yLat({y})");
        }
        // sin and log: V8's differ from fdlibm's in a last bit now and then (module docs).
        let pairs = v8_pairs("lat_y");
        let off: Vec<(f64, f64, f64)> = pairs
            .iter()
            .filter(|(lat, want)| lat_y(*lat).to_bits() != want.to_bits())
            .map(|&(lat, want)| (lat, want, lat_y(lat)))
            .collect();
        // One ulp of sin grows as 1 − sin cancels towards the poles: tiny below 60°.
        let (mut worst_60, mut worst): (f64, f64) = (0.0, 0.0);
        for &(lat, want, got) in &off {
            let d = (got - want).abs();
            worst = worst.max(d);
            if lat.abs() <= 60.0 {
                worst_60 = worst_60.max(d);
                assert!(d <= 2.0 * f64::EPSILON, "latY({lat}): {got} vs {want}");
            }
        }
        assert!(
            off.len() * 50 < pairs.len(),
            "{} of {} latY differ",
            off.len(),
            pairs.len()
        );
        println!(
            "latY: {} of {} differ from V8's, by at most {worst_60:e} up to 60°, {worst:e} in all",
            off.len(),
            pairs.len()
        );
    }

    #[test]
    fn poles_clamp_without_nan() {
        assert_eq!(lat_y(90.0), 0.0);
        assert_eq!(lat_y(-90.0), 1.0);
        assert_eq!(lat_y(0.0), 0.5);
        assert_eq!(wrap_lng(190.0), -170.0);
        assert_eq!(wrap_lng(-540.0), -180.0);
    }
}
