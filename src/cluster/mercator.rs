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
//! against V8 11.3 (node 20), checked on 400,000 seeded values (and by
//! tests/cluster-equivalence.test.mjs, which wants every cluster's latitude bit for bit):
//! - [`y_lat`] (`exp`, `atan`) equals supercluster's `yLat` **bit for bit** (glibc's
//!   `exp`/`atan` differed on 5 % of them);
//! - [`lat_y`] (`sin`, `log`) differs in the last bit on 0.8 % of latitudes: V8's
//!   `Math.sin` and `Math.log` disagree with fdlibm's on 0.9 % and 1.3 % of arguments
//!   (glibc's on 3.4 % and 6 %). Neither library here reproduces V8's, so a point's stored
//!   world y, and the latitude a lone point comes back with, can be one unit in the last
//!   place away from supercluster's (≤ ~1e-14°). Ids, counts and order are unaffected
//!   unless that last bit moves a coordinate across an integer of the Int32 storage (about
//!   one point in 4 million; none in the equivalence test's inputs). Exact agreement would
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

    #[test]
    fn poles_clamp_without_nan() {
        assert_eq!(lat_y(90.0), 0.0);
        assert_eq!(lat_y(-90.0), 1.0);
        assert_eq!(lat_y(0.0), 0.5);
        assert_eq!(wrap_lng(190.0), -170.0);
        assert_eq!(wrap_lng(-540.0), -180.0);
    }
}
