//! Value-axis ticks at round numbers (1, 2 or 5 × 10ⁿ), as d3-array's `ticks` chooses them.
//!
//! plotters' own linear key points are fine for floats but print "0.5 farms" on a count axis
//! with a small maximum; choosing ticks here keeps counts whole and the axis end round.

/// Ticks from 0 to a round maximum ≥ `max`, about `target` of them. With `whole`, the step is
/// at least 1 (for counts). Always returns at least `[0, step]` so the axis is never empty.
pub fn nice_ticks(max: f64, target: usize, whole: bool) -> Vec<f64> {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let target = target.clamp(1, 20) as f64;
    let raw = max / target;
    let power = power_of_ten(raw.log10().floor());
    let mut step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power);
    if whole {
        step = step.max(1.0).round();
    }
    let count = (max / step).ceil().max(1.0);
    // A subnormal maximum underflows the step to 0 (then `count` was infinite: a capacity
    // overflow): one step, 0 to max, instead.
    if !(step > 0.0 && count <= 1000.0) {
        return vec![0.0, max];
    }
    // Multiplying rather than accumulating keeps 0.1 + 0.2 style errors out of the labels;
    // near f64::MAX the last round tick would be infinite, so it stops at the largest float.
    (0..=count as usize)
        .map(|i| (i as f64 * step).min(f64::MAX))
        .collect()
}

/// 10ᵉ for a whole `e` (or ±∞), correctly rounded: read from its decimal text by
/// `json::parse_f64` (already in the wasm) instead of linking libm's `pow` (~2 KB of the
/// reader's wasm), which is one unit in the last place off for some exponents (10⁻⁵
/// among them). Ticks are whole multiples of it, so they are the closest doubles to
/// their decimals.
fn power_of_ten(e: f64) -> f64 {
    if e < -400.0 {
        return 0.0;
    }
    if e > 400.0 {
        return f64::INFINITY;
    }
    crate::json::parse_f64(&format!("1e{}", e as i16)).unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powers_of_ten_are_correctly_rounded_and_within_an_ulp_of_pow() {
        for e in -300..=300 {
            let p = power_of_ten(f64::from(e));
            // The closest double to 10ᵉ: as the Rust parser reads "1eN".
            assert_eq!(p, format!("1e{e}").parse::<f64>().unwrap(), "{e}");
            let pow = libm::pow(10.0, f64::from(e));
            assert!(p.to_bits().abs_diff(pow.to_bits()) <= 1, "{e}");
        }
        assert_eq!(power_of_ten(f64::NEG_INFINITY), 0.0);
        assert_eq!(power_of_ten(f64::INFINITY), f64::INFINITY);
        assert_eq!(power_of_ten(-5.0), 0.00001);
    }

    #[test]
    fn counts_get_whole_steps() {
        assert_eq!(nice_ticks(3.0, 5, true), vec![0.0, 1.0, 2.0, 3.0]);
        assert_eq!(
            nice_ticks(47.0, 5, true),
            vec![0.0, 10.0, 20.0, 30.0, 40.0, 50.0]
        );
        assert_eq!(nice_ticks(1.0, 8, true), vec![0.0, 1.0]);
    }

    #[test]
    fn fractions_when_allowed() {
        assert_eq!(nice_ticks(1.0, 4, false), vec![0.0, 0.5, 1.0]);
        let t = nice_ticks(0.3, 3, false);
        assert_eq!(t.len(), 4);
        assert!((t[3] - 0.3).abs() < 1e-12);
    }

    #[test]
    fn huge_maxima_give_finite_ticks() {
        for max in [1e300, 1e308, 1.7e308, f64::MAX] {
            let t = nice_ticks(max, 5, false);
            assert!(t.iter().all(|v| v.is_finite()), "{max}: {t:?}");
            assert!(*t.last().unwrap() >= max, "{max}: {t:?}");
        }
    }

    #[test]
    fn last_tick_covers_the_maximum() {
        for max in [0.7, 9.0, 10.0, 11.0, 123.4, 99_999.0] {
            let t = nice_ticks(max, 5, false);
            assert!(*t.last().unwrap() >= max, "{max}: {t:?}");
            assert!(t.len() <= 12, "{max}: {t:?}");
        }
    }

    #[test]
    fn degenerate_maxima_give_a_unit_axis() {
        assert_eq!(nice_ticks(0.0, 5, true), vec![0.0, 1.0]);
        assert_eq!(nice_ticks(f64::NAN, 5, true), vec![0.0, 1.0]);
        assert_eq!(nice_ticks(-4.0, 5, false).last(), Some(&1.0));
    }

    #[test]
    fn subnormal_or_huge_maximum_gives_finite_ticks_not_a_capacity_overflow() {
        // Found by the chart_data fuzz target: a capacity chart whose largest bar is 2e-323
        // panicked with "capacity overflow" (fuzz/regressions/chart_data/).
        for max in [2e-323, 5e-324, f64::MIN_POSITIVE, 1.7e308, f64::MAX] {
            let ticks = nice_ticks(max, 5, false);
            assert!(ticks.len() >= 2 && ticks.len() <= 1001, "{max}: {ticks:?}");
            assert!(ticks.iter().all(|t| t.is_finite()), "{max}: {ticks:?}");
            assert!(*ticks.last().unwrap() >= max, "{max}: {ticks:?}");
        }
    }
}
