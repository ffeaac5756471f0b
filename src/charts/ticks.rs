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

/// `10f64.powf(e)` for a whole `e` (or -∞) as the wasm's libm computes it, without linking
/// libm's `pow` (~2 KB of the reader's wasm): 10ᵉ correctly rounded (`json::parse_f64`,
/// already in the wasm), then one unit in the last place up or down where libm's `pow` is
/// that far off (tested against the libm crate, whose `pow` the wasm links, for every `e`).
fn power_of_ten(e: f64) -> f64 {
    /// Exponents where libm's `pow(10, e)` is one unit above / below 10ᵉ correctly rounded.
    const ABOVE: [i16; 39] = [
        -303, -283, -278, -275, -272, -252, -227, -207, -163, -148, -145, -106, -104, -98, -88,
        -76, -67, -39, -29, -24, -21, -20, -11, 29, 34, 39, 49, 58, 61, 126, 165, 166, 169, 187,
        210, 215, 225, 247, 273,
    ];
    const BELOW: [i16; 25] = [
        -249, -222, -181, -138, -128, -122, -111, -86, -63, -32, -17, -5, 42, 70, 136, 142, 191,
        223, 232, 244, 260, 279, 284, 294, 301,
    ];
    if e < -400.0 {
        return 0.0;
    }
    if e > 400.0 {
        return f64::INFINITY;
    }
    let e = e as i16;
    let exact = crate::json::parse_f64(&format!("1e{e}")).unwrap_or(f64::NAN);
    if ABOVE.contains(&e) {
        f64::from_bits(exact.to_bits() + 1)
    } else if BELOW.contains(&e) {
        f64::from_bits(exact.to_bits() - 1)
    } else {
        exact
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powers_of_ten_are_pows() {
        for e in -500..=500 {
            let e = f64::from(e);
            assert_eq!(
                power_of_ten(e).to_bits(),
                libm::pow(10.0, e).to_bits(),
                "{e}"
            );
        }
        assert_eq!(
            power_of_ten(f64::NEG_INFINITY),
            libm::pow(10.0, f64::NEG_INFINITY)
        );
        // The exponents nice_ticks asks for: every finite maximum over 1–20 ticks.
        let mut rng = crate::rng::Mulberry32::new(4);
        for _ in 0..20_000 {
            let max = f64::from_bits(u64::from(rng.next_u32()) << 32 | u64::from(rng.next_u32()));
            let raw = max.abs() / f64::from(1 + rng.next_u32() % 20);
            let e = raw.log10().floor();
            if !e.is_nan() {
                assert_eq!(
                    power_of_ten(e).to_bits(),
                    libm::pow(10.0, e).to_bits(),
                    "{raw:e}"
                );
            }
        }
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
