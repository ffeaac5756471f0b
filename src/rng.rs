//! The crate's one random number generator: mulberry32 (Tommy Ettinger), seeded, tiny and
//! written with 32-bit integer operations only, so JavaScript's
//! `Math.imul`-based mulberry32 gives the same stream for the same seed. Layouts, synthetic
//! farms, test graphs and the benches all draw from it, so Rust and JS share inputs.
//!
//! ```
//! use farmmap::rng::Mulberry32;
//!
//! let mut rng = Mulberry32::new(1);
//! // mulberry32(1) in JS starts 0.6270739405881613, 0.002735721180215478
//! assert_eq!(rng.next_f64(), 0.627_073_940_588_161_3);
//! assert_eq!(rng.next_f64(), 0.002_735_721_180_215_478);
//! ```

/// mulberry32: a 32-bit state, one output per step.
#[derive(Clone, Debug)]
pub struct Mulberry32(u32);

impl Mulberry32 {
    pub fn new(seed: u32) -> Mulberry32 {
        Mulberry32(seed)
    }

    /// The next 32 bits.
    pub fn next_u32(&mut self) -> u32 {
        self.0 = self.0.wrapping_add(0x6D2B_79F5);
        let mut t = self.0;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        t ^ (t >> 14)
    }

    /// A float in [0, 1): the next 32 bits divided by 2³², as the JS version returns.
    pub fn next_f64(&mut self) -> f64 {
        f64::from(self.next_u32()) / 4_294_967_296.0
    }

    /// Approximately normal (mean 0, variance 1): the sum of 12 uniforms minus 6, with no
    /// library maths, so JS agrees bit for bit.
    pub fn gaussian(&mut self) -> f64 {
        (0..12).map(|_| self.next_f64()).sum::<f64>() - 6.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_js_reference() {
        // mulberry32(1) in JS: 0.6270739405881613, 0.002735721180215478, 0.5274470399599522
        let mut r = Mulberry32::new(1);
        assert_eq!(r.next_f64(), 0.627_073_940_588_161_3);
        assert_eq!(r.next_f64(), 0.002_735_721_180_215_478);
        assert_eq!(r.next_f64(), 0.527_447_039_959_952_2);
    }
}
