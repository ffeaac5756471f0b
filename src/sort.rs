//! Sorting with one compiled merge sort instead of one per call site.
//!
//! std's `sort_by` / `sort_by_key` are generic over the slice's element *and* the closure,
//! so every call site compiles its own copy of driftsort (run detection, stable quicksort,
//! small-sort networks, bidirectional merges): in the reader's wasm, 16 stable and 4
//! unstable copies came to 78 KB of the 607 KB of code after `wasm-opt -Oz` (twiggy on a
//! names-kept build), about a tenth of what every reader downloads; gzipped, 355,436 →
//! 341,222 B. That was the stable build: the default reader build rebuilds std with
//! `optimize_for_size`, whose sorts are already small, and there this module saves next to
//! nothing (scripts/reader-toolchain.sh).
//!
//! Here the sorting itself is one non-generic function, [`order_by`]: a stable bottom-up
//! merge sort of the positions `0..n`, comparing through a `&mut dyn FnMut`. The generic
//! wrappers ([`sort_by`], [`sort_by_key`], [`sort_by_cached_key`], [`sort`]) only build that
//! closure and then move the elements into place by following the permutation's cycles
//! with swaps (no `Clone` needed, no second copy of the elements). Results are exactly
//! std's stable sort's: the merge keeps equal elements in their input order.
//!
//! The cost: a dynamic call per comparison and an index array (not benchmarked against std;
//! the crate sorts at most a few thousand items per frame: visible markers, network labels,
//! chart rows). Hot loops over millions of items keep std's unstable sort on their
//! own plain integer keys ([`sort_u32`]; the cluster grid's slots, see `cluster/grid.rs`),
//! one copy per element type.
//!
//! `clippy.toml` disallows std's slice sorts elsewhere, so a new call site cannot quietly
//! bring a copy back.
//!
//! # Examples
//!
//! ```
//! use farmmap::sort;
//! let mut v = [(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd')];
//! sort::sort_by_key(&mut v, |p| p.0);
//! assert_eq!(v, [(1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
//! ```

use std::cmp::Ordering;

/// Runs sorted by insertion before the first merge pass.
const RUN: usize = 12;

/// The stable order of `0..n` under `is_less`: position `k` of the result holds the index
/// of the element that belongs at `k`. Equal elements (neither less than the other) keep
/// their input order.
///
/// `is_less` must be a strict weak order for the result to be sorted; if it is not, the
/// result is still a permutation of `0..n` (nothing is lost or duplicated).
///
/// # Examples
///
/// ```
/// let v = [30, 10, 20, 10];
/// let order = farmmap::sort::order_by(v.len(), &mut |a, b| v[a] < v[b]);
/// assert_eq!(order, [1, 3, 2, 0]);
/// ```
pub fn order_by(n: usize, is_less: &mut dyn FnMut(usize, usize) -> bool) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    if n < 2 {
        return a;
    }
    // Stable insertion sort of each run: an element moves left only past larger ones.
    for start in (0..n).step_by(RUN) {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let x = a[i];
            let mut j = i;
            while j > start && is_less(x, a[j - 1]) {
                a[j] = a[j - 1];
                j -= 1;
            }
            a[j] = x;
        }
    }
    if n <= RUN {
        return a;
    }
    let mut b = vec![0usize; n];
    let mut width = RUN;
    while width < n {
        for lo in (0..n).step_by(2 * width) {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            merge(&a[lo..mid], &a[mid..hi], &mut b[lo..hi], is_less);
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Merges two sorted runs into `out`; on ties the left run's element goes first.
fn merge(
    left: &[usize],
    right: &[usize],
    out: &mut [usize],
    is_less: &mut dyn FnMut(usize, usize) -> bool,
) {
    // Already in order (common for nearly sorted input): one comparison, one copy.
    if right.is_empty() || left.is_empty() || !is_less(right[0], left[left.len() - 1]) {
        out[..left.len()].copy_from_slice(left);
        out[left.len()..].copy_from_slice(right);
        return;
    }
    let (mut i, mut j) = (0, 0);
    for slot in out.iter_mut() {
        let take_right = i == left.len() || (j < right.len() && is_less(right[j], left[i]));
        if take_right {
            *slot = right[j];
            j += 1;
        } else {
            *slot = left[i];
            i += 1;
        }
    }
}

/// Puts element `order[k]` at position `k` by following the permutation's cycles, calling
/// `swap(i, j)` for each exchange (at most `n - 1`). Non-generic: the callers' closure is
/// the only per-type code.
fn apply(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    for start in 0..order.len() {
        if order[start] == start {
            continue;
        }
        // Position j waits for the element now at order[j]; bring it in, then fill the
        // place it left. The element first at `start` travels along until the cycle closes.
        let mut j = start;
        loop {
            let k = order[j];
            order[j] = j;
            if k == start {
                break;
            }
            swap(j, k);
            j = k;
        }
    }
}

/// Stable sort by a comparator, as `slice::sort_by`.
///
/// # Examples
///
/// ```
/// let mut v = [3.5, -1.0, 2.0];
/// farmmap::sort::sort_by(&mut v, |a: &f64, b: &f64| b.total_cmp(a));
/// assert_eq!(v, [3.5, 2.0, -1.0]);
/// ```
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let v: &[T] = v;
        order_by(v.len(), &mut |a, b| compare(&v[a], &v[b]) == Ordering::Less)
    };
    apply(order, &mut |i, j| v.swap(i, j));
}

/// Stable sort by a key computed for each comparison, as `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Stable sort by a key computed once per element, as `slice::sort_by_cached_key` (for keys
/// that allocate, such as lower-cased names).
pub fn sort_by_cached_key<T, K: Ord>(v: &mut [T], key: impl FnMut(&T) -> K) {
    if v.len() < 2 {
        return;
    }
    let keys: Vec<K> = v.iter().map(key).collect();
    let order = order_by(keys.len(), &mut |a, b| keys[a] < keys[b]);
    apply(order, &mut |i, j| v.swap(i, j));
}

/// Stable sort by the elements' own order, as `slice::sort`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// A permutation of `0..n` whose first `k` positions hold `k` smallest elements under
/// `is_less`, in no particular order: quickselect on median-of-three pivots with three-way
/// partitions, the range left after `2·log₂ n` rounds sorted by [`order_by`] (so never
/// worse than `n log n`). Non-generic, like [`order_by`]: one copy in the wasm, where each
/// of std's `select_nth_unstable` call sites compiled its own (1.8 KB).
///
/// # Examples
///
/// ```
/// let v = [50, 10, 40, 20, 30];
/// let order = farmmap::sort::select_order(v.len(), 2, &mut |a, b| v[a] < v[b]);
/// let mut first: Vec<i32> = order[..2].iter().map(|&i| v[i]).collect();
/// first.sort_unstable();
/// assert_eq!(first, [10, 20]);
/// ```
pub fn select_order(
    n: usize,
    k: usize,
    is_less: &mut dyn FnMut(usize, usize) -> bool,
) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let (mut lo, mut hi) = (0, n);
    let mut rounds = 2 * (usize::BITS - n.leading_zeros());
    // Everything before `lo` is ≤ everything from `lo` on; everything from `hi` on is ≥
    // everything before it: done once `k` is at either end.
    while lo < k && k < hi {
        if rounds == 0 {
            let part = a[lo..hi].to_vec();
            let order = order_by(part.len(), &mut |x, y| is_less(part[x], part[y]));
            for (slot, o) in a[lo..hi].iter_mut().zip(order) {
                *slot = part[o];
            }
            break;
        }
        rounds -= 1;
        let (x, y, z) = (a[lo], a[lo + (hi - lo) / 2], a[hi - 1]);
        let pivot = if is_less(y, x) != is_less(z, x) {
            x
        } else if is_less(x, y) != is_less(z, y) {
            y
        } else {
            z
        };
        // [lo, lt) below the pivot, [lt, gt) equal to it, [gt, hi) above.
        let (mut lt, mut i, mut gt) = (lo, lo, hi);
        while i < gt {
            if is_less(a[i], pivot) {
                a.swap(lt, i);
                lt += 1;
                i += 1;
            } else if is_less(pivot, a[i]) {
                gt -= 1;
                a.swap(i, gt);
            } else {
                i += 1;
            }
        }
        if k <= lt {
            hi = lt;
        } else if k >= gt {
            lo = gt;
        } else {
            break;
        }
    }
    a
}

/// Moves `k` elements with the smallest keys to the front of `v`, in no particular order,
/// as `select_nth_unstable_by_key(k, key)` leaves `v[..k]`; with keys that all differ, the
/// same elements.
///
/// # Examples
///
/// ```
/// let mut v = [5, 1, 4, 2, 3];
/// farmmap::sort::select_by_key(&mut v, 2, |&x| x);
/// v[..2].sort_unstable();
/// assert_eq!(v[..2], [1, 2]);
/// ```
pub fn select_by_key<T, K: Ord>(v: &mut [T], k: usize, mut key: impl FnMut(&T) -> K) {
    if k >= v.len() {
        return;
    }
    let order = {
        let v: &[T] = v;
        select_order(v.len(), k, &mut |a, b| key(&v[a]) < key(&v[b]))
    };
    apply(order, &mut |i, j| v.swap(i, j));
}

/// Sorts integers with std's unstable sort: for hot loops over many items (one copy of
/// ipnsort for all `u32` call sites). Equal integers are indistinguishable, so the result
/// is the same as a stable sort's.
pub fn sort_u32(v: &mut [u32]) {
    #[allow(clippy::disallowed_methods)]
    v.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Mulberry32 as Rng;

    /// The same smallest keys as std's select, for every `k`, with ties, sorted and
    /// reversed input and a single value (what runs out of rounds and sorts the rest).
    #[test]
    fn select_by_key_keeps_the_smallest_as_std() {
        let mut rng = Rng::new(9);
        let mut inputs: Vec<Vec<u32>> = vec![
            (0..700).collect(),
            (0..700).rev().collect(),
            vec![7; 300],
            (0..600)
                .map(|i| if i < 300 { i } else { 600 - i })
                .collect(),
        ];
        for n in [0, 1, 2, 3, 10, 50, 333, 2000] {
            for distinct in [1, 2, 10, 1_000_000] {
                inputs.push((0..n).map(|_| rng.next_u32() % distinct).collect());
            }
        }
        for v in inputs {
            for k in [
                0,
                1,
                v.len() / 3,
                v.len() / 2,
                v.len().saturating_sub(1),
                v.len(),
                600,
            ] {
                let mut mine = v.clone();
                select_by_key(&mut mine, k, |&x| x);
                let mut theirs = v.clone();
                if k < v.len() {
                    #[allow(clippy::disallowed_methods)]
                    theirs.select_nth_unstable(k);
                }
                let k = k.min(v.len());
                let (mut a, mut b) = (mine[..k].to_vec(), theirs[..k].to_vec());
                sort_u32(&mut a);
                sort_u32(&mut b);
                assert_eq!(a, b, "k {k} of {}", v.len());
                let (mut all, mut input) = (mine.clone(), v.clone());
                sort_u32(&mut all);
                sort_u32(&mut input);
                assert_eq!(all, input, "a permutation");
            }
        }
    }

    /// Every length around the run and merge boundaries, keys with many ties (so
    /// stability shows), against std's stable sort.
    #[test]
    fn matches_std_stable_sort() {
        let mut rng = Rng::new(7);
        for n in (0..70).chain([95, 96, 97, 191, 192, 193, 1000, 4099]) {
            for distinct in [1u32, 3, 50, 1_000_000] {
                let v: Vec<(u32, usize)> = (0..n)
                    .map(|i| ((rng.next_f64() * f64::from(distinct)) as u32, i))
                    .collect();
                let mut want = v.clone();
                #[allow(clippy::disallowed_methods)]
                want.sort_by_key(|p| p.0);
                let mut got = v.clone();
                sort_by_key(&mut got, |p| p.0);
                assert_eq!(got, want, "n {n}, {distinct} distinct keys");
                let mut cached = v.clone();
                sort_by_cached_key(&mut cached, |p| p.0);
                assert_eq!(cached, want, "cached, n {n}");
            }
        }
    }

    #[test]
    fn sorted_reversed_and_descending_inputs() {
        for n in [2usize, 12, 13, 24, 25, 500] {
            let up: Vec<usize> = (0..n).collect();
            let mut v = up.clone();
            sort(&mut v);
            assert_eq!(v, up);
            let mut v: Vec<usize> = up.iter().rev().copied().collect();
            sort(&mut v);
            assert_eq!(v, up);
            let mut v = up.clone();
            sort_by(&mut v, |a, b| b.cmp(a));
            assert_eq!(v, up.iter().rev().copied().collect::<Vec<_>>());
        }
    }

    /// A comparator that is not an order (random answers) still leaves a permutation.
    #[test]
    fn inconsistent_comparator_loses_nothing() {
        let mut rng = Rng::new(3);
        let mut v: Vec<u32> = (0..300).collect();
        sort_by(&mut v, |_, _| {
            if rng.next_f64() < 0.5 {
                Ordering::Less
            } else {
                Ordering::Greater
            }
        });
        let mut seen = v.clone();
        sort_u32(&mut seen);
        assert_eq!(seen, (0..300).collect::<Vec<_>>());
    }

    /// Non-Clone elements move into place by swaps.
    #[test]
    fn moves_owned_values() {
        let mut v: Vec<String> = ["pear", "Apple", "fig", "apple"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort_by_cached_key(&mut v, |s| s.to_lowercase());
        assert_eq!(v, ["Apple", "apple", "fig", "pear"]);
    }

    #[test]
    fn apply_follows_cycles() {
        let mut v = ['a', 'b', 'c', 'd', 'e'];
        // Position k receives the element at order[k].
        apply(vec![2, 0, 1, 4, 3], &mut |i, j| v.swap(i, j));
        assert_eq!(v, ['c', 'a', 'b', 'e', 'd']);
    }
}
