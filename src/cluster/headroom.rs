//! Grows the heap in a few large steps while an index is built.
//!
//! Why: on wasm32 every `memory.grow` makes V8 count the whole grown memory as new external
//! memory, which past a limit forces a full garbage collection of the page's JS heap. A
//! build allocates a few dozen large buffers one after another, and growing for each one
//! cost a GC apiece: with a large JS heap (1M GeoJSON features and 3M small objects),
//! indexing 1M points took 38 s instead of 5 s. Reserving ahead, in steps that grow with what the build has used, keeps
//! it to a handful of grows. The allocator keeps a freed block as free space and serves
//! later requests from it, so allocating and freeing a block reserves it.

#[derive(Default)]
pub struct Headroom {
    planned: usize,
    reserved: usize,
}

impl Headroom {
    /// Notes that the build is about to allocate about `bytes` more; reserves ahead (an
    /// eighth of all planned so far, at least the shortfall) when that passes what was
    /// reserved. An eighth, not more: wasm memory never shrinks, so every byte reserved and
    /// never used is kept by the page (a half cost 1.5× the needed memory at 1M points).
    pub fn plan(&mut self, bytes: usize) {
        self.planned = self.planned.saturating_add(bytes);
        if self.planned > self.reserved {
            let step = (self.planned - self.reserved).max(self.planned / 8);
            // Failing to reserve is harmless: the buffers then grow the heap themselves.
            if reserve(step) {
                self.reserved = self.reserved.saturating_add(step);
            } else {
                self.reserved = self.planned;
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn reserve(bytes: usize) -> bool {
    let mut block = Vec::<u8>::new();
    let ok = block.try_reserve_exact(bytes).is_ok();
    // Keeps the optimiser from removing the allocation as unused.
    std::hint::black_box(block.as_ptr());
    ok
}

/// Native allocators map large blocks on demand; there is nothing to gain.
#[cfg(not(target_arch = "wasm32"))]
fn reserve(_bytes: usize) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserves_geometrically_and_never_less_than_planned() {
        let mut h = Headroom::default();
        let mut steps = 0;
        let mut last = 0;
        for _ in 0..1000 {
            h.plan(1000);
            assert!(h.reserved >= h.planned);
            if h.reserved != last {
                steps += 1;
                last = h.reserved;
            }
        }
        // 1000 plans of equal size: each step adds an eighth of the total, so
        // ~log1.125(1000) ≈ 59. A build makes one large plan and ~17 small ones.
        assert!(steps <= 70, "{steps}");
        h.plan(usize::MAX);
        assert_eq!(h.planned, usize::MAX);
    }
}
