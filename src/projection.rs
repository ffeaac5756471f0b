//! Web Mercator, in "world" units: the whole world is the unit square, x east, y south.
//!
//! The same space supercluster uses, so clustering and drawing share coordinates; one world
//! unit is `256 · 2^zoom` CSS pixels on screen.

use std::f64::consts::PI;

/// Web Mercator's latitude limit: beyond it the square world would be taller than wide.
pub const MAX_LAT: f64 = 85.051_128_779_806_59;

/// Longitude (degrees) to world x in [0, 1].
pub fn world_x(lng: f64) -> f64 {
    lng / 360.0 + 0.5
}

/// Latitude (degrees) to world y in [0, 1], clamped at the poles.
pub fn world_y(lat: f64) -> f64 {
    let sin = lat.clamp(-MAX_LAT, MAX_LAT).to_radians().sin();
    (0.5 - 0.25 * ((1.0 + sin) / (1.0 - sin)).ln() / PI).clamp(0.0, 1.0)
}

/// World x back to longitude.
pub fn lng(world_x: f64) -> f64 {
    (world_x - 0.5) * 360.0
}

/// World y back to latitude.
pub fn lat(world_y: f64) -> f64 {
    let y2 = (180.0 - world_y * 360.0) * PI / 180.0;
    360.0 * y2.exp().atan() / PI - 90.0
}

/// Both coordinates at once.
///
/// ```
/// let (x, y) = farmmap::projection::world_from_lnglat(0.0, 0.0);
/// assert_eq!((x, y), (0.5, 0.5));
/// ```
pub fn world_from_lnglat(lng: f64, lat: f64) -> (f64, f64) {
    (world_x(lng), world_y(lat))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for &(lng_, lat_) in &[(76.9, 43.25), (-120.0, -33.0), (0.0, 0.0), (179.9, 84.0)] {
            let (x, y) = world_from_lnglat(lng_, lat_);
            assert!((lng(x) - lng_).abs() < 1e-9);
            assert!((lat(y) - lat_).abs() < 1e-9);
        }
    }

    #[test]
    fn north_is_up() {
        assert!(world_y(50.0) < world_y(40.0));
        assert_eq!(world_y(90.0), 0.0);
        assert_eq!(world_y(-90.0), 1.0);
    }
}
