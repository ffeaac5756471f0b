//! A fixed-size set of small indices (farms, nodes), one bit each.
//!
//! For membership tests inside per-frame loops: `contains` is one shift and mask, where
//! `Vec::contains` on an id list made drawing a spiderfied cluster of n farms O(n²) (32k
//! farms at one site: a billion comparisons per frame). A million farms take 125 kB.

/// A set of indices below the length given at construction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndexSet {
    words: Vec<u64>,
    len: usize,
}

impl IndexSet {
    /// An empty set for indices `0..len`.
    pub fn with_len(len: usize) -> IndexSet {
        IndexSet {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    /// The set of `indices` (those at or above `len` are ignored).
    pub fn from_indices(len: usize, indices: impl IntoIterator<Item = usize>) -> IndexSet {
        let mut s = IndexSet::with_len(len);
        for i in indices {
            s.insert(i);
        }
        s
    }

    /// Add `i`; ignored when `i` is out of range.
    pub fn insert(&mut self, i: usize) {
        if i < self.len {
            self.words[i / 64] |= 1 << (i % 64);
        }
    }

    /// Whether `i` is in the set (false when out of range).
    pub fn contains(&self, i: usize) -> bool {
        i < self.len && self.words[i / 64] & (1 << (i % 64)) != 0
    }

    /// How many indices are in the set.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_what_was_inserted_and_ignores_out_of_range() {
        let s = IndexSet::from_indices(130, [0, 63, 64, 129, 130, 5000, 64]);
        assert!(s.contains(0) && s.contains(63) && s.contains(64) && s.contains(129));
        assert!(!s.contains(1) && !s.contains(130) && !s.contains(usize::MAX));
        assert_eq!(s.count(), 4);
        assert_eq!(IndexSet::with_len(0).count(), 0);
    }
}
