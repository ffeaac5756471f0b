//! A linear f64 axis whose ticks are exactly the key points given.
//!
//! plotters' `with_key_points` wrapper would do, but it does not implement `ValueFormatter`,
//! which `configure_mesh` requires; this is the few lines needed instead.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};

pub struct KeyedAxis {
    range: Range<f64>,
    keys: Vec<f64>,
}

impl KeyedAxis {
    pub fn new(range: Range<f64>, keys: Vec<f64>) -> KeyedAxis {
        KeyedAxis { range, keys }
    }
}

impl Ranged for KeyedAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.range.end - self.range.start;
        if span <= 0.0 || !value.is_finite() {
            return limit.0;
        }
        let t = (value - self.range.start) / span;
        (f64::from(limit.0) + t * f64::from(limit.1 - limit.0)).round() as i32
    }

    /// Only bold points: plotters draws its light grid from the others, and these charts
    /// have no minor grid.
    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.keys.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_linearly_and_rounds() {
        let axis = KeyedAxis::new(0.0..4.0, vec![0.5, 1.5]);
        assert_eq!(axis.map(&0.0, (10, 110)), 10);
        assert_eq!(axis.map(&4.0, (10, 110)), 110);
        assert_eq!(axis.map(&1.0, (110, 10)), 85);
        assert_eq!(axis.map(&f64::NAN, (10, 110)), 10);
        assert_eq!(KeyedAxis::new(1.0..1.0, vec![]).map(&1.0, (0, 9)), 0);
    }
}
