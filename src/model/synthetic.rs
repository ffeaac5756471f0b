//! Seeded synthetic farms for load tests and the `?synthetic=N` demo: clumped around
//! Kazakhstan's cities like real farms are, reproducible from the seed.

use super::{Farm, Precision, Status};
use crate::rng::Mulberry32;

const CENTRES: [(f64, f64, f64); 8] = [
    (75.3, 51.7, 0.8), // Ekibastuz / Pavlodar
    (73.1, 49.8, 0.9), // Karaganda
    (82.6, 49.9, 0.7), // Ust-Kamenogorsk
    (76.9, 43.3, 0.6), // Almaty
    (71.4, 51.2, 0.6), // Astana
    (69.6, 42.3, 0.5), // Shymkent
    (63.6, 53.2, 0.6), // Kostanay
    (57.2, 50.3, 0.5), // Aktobe
];

const GROUPS: [&str; 5] = [
    "Synthetic group A",
    "Synthetic group B",
    "Synthetic group C",
    "Synthetic group D",
    "",
];

/// `n` synthetic farms; every one is marked `synthetic` and `illustrative`.
pub fn farms(n: usize, seed: u32) -> Vec<Farm> {
    let mut out = Vec::with_capacity(n);
    Generator::new(n, seed).fill(&mut out, n);
    out
}

/// The same farms as [`farms`], made a few at a time (a page makes a million in slices).
///
/// # Examples
/// ```
/// use farmmap::model::synthetic::{farms, Generator};
/// let mut g = Generator::new(10, 7);
/// let mut out = Vec::new();
/// while !g.fill(&mut out, 3) {}
/// assert_eq!(out, farms(10, 7));
/// ```
pub struct Generator {
    rng: Mulberry32,
    next: usize,
    n: usize,
}

impl Generator {
    pub fn new(n: usize, seed: u32) -> Generator {
        Generator {
            rng: Mulberry32::new(seed),
            next: 0,
            n,
        }
    }

    /// Farms still to make.
    pub fn remaining(&self) -> usize {
        self.n - self.next
    }

    /// Appends up to `count` more farms to `out`; returns whether all `n` are made.
    pub fn fill(&mut self, out: &mut Vec<Farm>, count: usize) -> bool {
        let end = self.n.min(self.next.saturating_add(count));
        out.reserve(end - self.next);
        for i in self.next..end {
            out.push(self.farm(i));
        }
        self.next = end;
        self.next == self.n
    }

    fn farm(&mut self, i: usize) -> Farm {
        let rng = &mut self.rng;
        let (lng, lat) = if rng.next_f64() < 0.8 {
            let (x, y, s) = CENTRES[(rng.next_f64() * CENTRES.len() as f64) as usize];
            (x + rng.gaussian() * s, y + rng.gaussian() * s * 0.6)
        } else {
            (50.0 + rng.next_f64() * 35.0, 42.0 + rng.next_f64() * 12.0)
        };
        let status = match rng.next_f64() {
            r if r < 0.55 => Status::ShutDown,
            r if r < 0.8 => Status::Operating,
            _ => Status::Unknown,
        };
        let capacity_mw =
            (rng.next_f64() < 0.6).then(|| (rng.next_f64() * 40.0 * 10.0).round() / 10.0);
        Farm {
            id: format!("S{i}"),
            name: format!("Synthetic farm {i}"),
            lng: lng.clamp(-180.0, 180.0),
            lat: lat.clamp(-85.0, 85.0),
            status,
            capacity_mw,
            precision: if rng.next_f64() < 0.3 {
                Precision::Exact
            } else {
                Precision::City
            },
            owner: GROUPS[(rng.next_f64() * GROUPS.len() as f64) as usize].to_string(),
            source_url: String::new(),
            extra: vec![
                ("synthetic".into(), "yes".into()),
                ("illustrative".into(), "yes".into()),
            ],
            date: None,
            illustrative: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_farms_are_seeded_and_in_range() {
        let a = farms(1000, 7);
        assert_eq!(a, farms(1000, 7));
        assert_ne!(a, farms(1000, 8));
        assert!(a
            .iter()
            .all(|f| f.lat.abs() <= 85.0 && f.lng.abs() <= 180.0 && f.is_illustrative()));
    }
}
