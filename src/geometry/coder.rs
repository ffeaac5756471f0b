//! The entropy coder of the embedded paths' integers: one source for `build.rs`, which
//! includes this file to encode (`#[path = "src/geometry/coder.rs"]`), and for
//! [`super::Packed`], which decodes. It uses nothing of the crate.
//!
//! A path is `[x0, y0, dx1, dy1, dx2, dy2, …]` (a start point, then deltas, on its layer's
//! grid; data/README.md, "Precision"). Each integer is coded as its *residual*, itself minus a
//! prediction: for a start, the previous path's last point (in one file: arcs often start
//! where the previous one ends); for the first delta, 0; for a later delta, half the same
//! axis' previous delta, rounded towards zero (lines bend slowly, but the simplified lines
//! zigzag: half the previous delta predicts better than all of it). Residuals are computed
//! modulo 2⁶⁴ (wrapping), so every `i64` codes and decodes exactly.
//!
//! A residual, zigzagged to `z` (0, −1, 1, −2, … → 0, 1, 2, 3, …), is written as an adaptive
//! Golomb–Rice code, as LOCO-I / JPEG-LS do: per *kind* of integer (start x, start y, first
//! dx, first dy, later dx, later dy), the running sum `A` of the last few `z` and their count
//! `N` (both halved every 16) set `k`, one less than the smallest with `N·2ᵏ ≥ A`; then
//! `z >> k` in unary (that many 0 bits, then a 1) and the `k` low bits of `z`. A quotient of
//! [`ESCAPE`] or more is written as `ESCAPE` zeros, `z`'s bit length in 7 bits and its bits.
//! Bits are packed most significant first; the last byte is padded with zeros.
//!
//! Chosen by measurement (`python3 scripts/data/measure_coder.py`: its figures for this code
//! are build.rs's output to the byte; data/README.md, "Precision", has the sizes). The
//! prediction by half the previous delta saves 303 bytes over the whole previous delta
//! (second differences, what the varints stored), that of starts 296; `k` − 1 rather than `k`
//! saves 1,038. An adaptive binary range coder (LZMA's) of the same residuals, bit length in
//! unary with adaptive models, was 317 bytes (1.3 %) smaller, but took about 1.1 ms to decode
//! natively, this code 0.4 (`cargo run --release --example basemap_decode`; every reader's
//! start runs it): a decision per bit, each as unpredictable as the data; its decoder was
//! also larger. Contexts (the previous residual's bit length, the other axis') did not help
//! it.
//!
//! The decoder reads exactly the bytes written (less the last byte's padding): reading past
//! the end (a truncated stream) sets an overrun, and a path read then is `None`. Decoding never
//! panics on any input: a garbled stream gives wrong integers (the callers then find the file
//! does not end where it should) or `None`, in work bounded by the stream's length (every
//! integer reads at least one bit).

/// The longest unary quotient; a larger one is escaped (see the module's documentation).
const ESCAPE: u64 = 24;
/// The kinds of integer with their own statistics: start x, start y, first dx, first dy,
/// later dx, later dy.
const KINDS: usize = 6;
/// `A` and `N` are halved when `N` reaches this: the statistics follow the last few integers.
const RESET: u64 = 16;

/// One kind's running statistics: the sum `a` of its last zigzagged residuals, their count `n`.
#[derive(Clone, Copy)]
struct Stats {
    a: u64,
    n: u64,
}

impl Stats {
    /// The Rice parameter: one less than the smallest `k` with `n·2ᵏ ≥ a` (at most 57, so
    /// `q << k` below stays in 64 bits; a larger `z` is merely longer).
    fn k(&self) -> u32 {
        let mut k: u32 = 0;
        while k < 58 && self.n << k < self.a {
            k += 1;
        }
        k.saturating_sub(1)
    }

    fn update(&mut self, z: u64) {
        self.a = self.a.saturating_add(z);
        self.n += 1;
        if self.n == RESET {
            self.a >>= 1;
            self.n >>= 1;
        }
    }
}

/// The state both sides share for one stream (one embedded file).
pub(crate) struct Models {
    stats: [Stats; KINDS],
    /// The last point of the paths so far (x, y): the next start's prediction.
    end: [i64; 2],
}

impl Models {
    pub(crate) fn new() -> Models {
        Models {
            stats: [Stats { a: 4, n: 1 }; KINDS],
            end: [0, 0],
        }
    }
}

/// What the encoder and the decoder do with the bits of one integer, so the models' logic
/// ([`value`], [`next`]) is written once: the encoder writes what it is given and returns it,
/// the decoder ignores it and returns what it reads.
pub(crate) trait Bits {
    /// `q` zeros and a one if `q` < [`ESCAPE`], else `ESCAPE` zeros; returns `q` (at most
    /// `ESCAPE`).
    fn unary(&mut self, q: u64) -> u64;
    /// The `n` low bits of `v` (`n` ≤ 64), most significant first.
    fn bits(&mut self, n: u32, v: u64) -> u64;
}

/// One integer of `kind`: encodes `r` and returns it, or decodes one (`r` ignored).
fn value(c: &mut impl Bits, m: &mut Models, kind: usize, r: i64) -> i64 {
    let z = ((r << 1) ^ (r >> 63)) as u64;
    let stats = &mut m.stats[kind];
    let k = stats.k();
    let q = c.unary(z >> k);
    let z = if q < ESCAPE {
        q << k | c.bits(k, z)
    } else {
        let len = c.bits(7, u64::from(64 - z.leading_zeros()));
        c.bits(len.min(64) as u32, z)
    };
    stats.update(z);
    (z >> 1) as i64 ^ -((z & 1) as i64)
}

/// The next integer of a path whose integers so far are `before`: the encoder codes `given`
/// and returns it, the decoder returns the integer it reads (`given` ignored). See the
/// module's documentation for the prediction.
fn next(c: &mut impl Bits, m: &mut Models, before: &[i64], given: i64) -> i64 {
    let i = before.len();
    let (kind, prediction) = match i {
        0..2 => (i, m.end[i]),
        2..4 => (i, 0),
        _ => (4 + (i & 1), before[i - 2] / 2),
    };
    let v = value(c, m, kind, given.wrapping_sub(prediction)).wrapping_add(prediction);
    let axis = &mut m.end[i & 1];
    *axis = if i < 2 { v } else { axis.wrapping_add(v) };
    v
}

/// The encoder (`build.rs`; also the tests): paths in, one stream of bytes out.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Encoder {
    out: BitWriter,
    models: Models,
}

#[cfg_attr(not(test), allow(dead_code))]
impl Encoder {
    pub(crate) fn new() -> Encoder {
        Encoder {
            out: BitWriter {
                bytes: Vec::new(),
                bits: 0,
            },
            models: Models::new(),
        }
    }

    /// Codes one path's integers (the decoder is given their count apart).
    pub(crate) fn path(&mut self, ints: &[i64]) {
        for i in 0..ints.len() {
            next(&mut self.out, &mut self.models, &ints[..i], ints[i]);
        }
    }

    /// The coded bytes of every path so far (the last one padded with zeros).
    pub(crate) fn finish(self) -> Vec<u8> {
        self.out.bytes
    }
}

#[cfg_attr(not(test), allow(dead_code))]
struct BitWriter {
    bytes: Vec<u8>,
    /// Bits written.
    bits: usize,
}

#[cfg_attr(not(test), allow(dead_code))]
impl BitWriter {
    fn bit(&mut self, one: bool) {
        if self.bits % 8 == 0 {
            self.bytes.push(0);
        }
        if one {
            *self.bytes.last_mut().expect("a byte was pushed") |= 0x80 >> (self.bits % 8);
        }
        self.bits += 1;
    }
}

impl Bits for BitWriter {
    fn unary(&mut self, q: u64) -> u64 {
        let q = q.min(ESCAPE);
        for _ in 0..q {
            self.bit(false);
        }
        if q < ESCAPE {
            self.bit(true);
        }
        q
    }

    fn bits(&mut self, n: u32, v: u64) -> u64 {
        for i in (0..n).rev() {
            self.bit((v >> i) & 1 == 1);
        }
        v & u64::MAX.checked_shr(64 - n).unwrap_or(0)
    }
}

/// The decoder of one stream written by [`Encoder::finish`]: paths out, given their counts.
pub(crate) struct Decoder<'a> {
    bits: BitReader<'a>,
    models: Models,
}

impl<'a> Decoder<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Decoder<'a> {
        Decoder {
            bits: BitReader { bytes, pos: 0 },
            models: Models::new(),
        }
    }

    /// Whether every byte was read (but the last one's padding), and no more.
    pub(crate) fn is_done(&self) -> bool {
        self.bits.pos.div_ceil(8) == self.bits.bytes.len()
    }

    /// The next path of `n` integers; `None` if the stream ends before it does. (Not inlined:
    /// the decoding loop is in the wasm once, not at every caller.)
    #[inline(never)]
    pub(crate) fn path(&mut self, n: u64) -> Option<Vec<i64>> {
        // Grown as read, not reserved from `n`: a wrong count stops at the overrun.
        let mut ints: Vec<i64> = Vec::new();
        while (ints.len() as u64) < n && !self.bits.overrun() {
            let v = next(&mut self.bits, &mut self.models, &ints, 0);
            ints.push(v);
        }
        (!self.bits.overrun()).then_some(ints)
    }
}

struct BitReader<'a> {
    bytes: &'a [u8],
    /// Bits read; past the end (`overrun`), the bits read were zeros.
    pos: usize,
}

impl BitReader<'_> {
    fn overrun(&self) -> bool {
        self.pos > 8 * self.bytes.len()
    }

    /// The next 57 bits or more, first in the highest bit (zeros past the end).
    fn peek(&self) -> u64 {
        let rest = self.bytes.get(self.pos / 8..).unwrap_or_default();
        let window = match rest.first_chunk::<8>() {
            Some(eight) => *eight,
            None => {
                // The last few bytes.
                let mut window = [0u8; 8];
                window[..rest.len()].copy_from_slice(rest);
                window
            }
        };
        u64::from_be_bytes(window) << (self.pos % 8)
    }
}

impl Bits for BitReader<'_> {
    fn unary(&mut self, _: u64) -> u64 {
        let q = u64::from(self.peek().leading_zeros()).min(ESCAPE);
        self.pos += q as usize + usize::from(q < ESCAPE);
        q
    }

    fn bits(&mut self, n: u32, _: u64) -> u64 {
        // At most 32 at a time (`peek` holds 57 or more).
        let mut v = 0;
        let mut left = n;
        while left > 0 {
            let take = left.min(32);
            v = v << take | self.peek() >> (64 - take);
            self.pos += take as usize;
            left -= take;
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(paths: &[Vec<i64>]) -> Vec<u8> {
        let mut e = Encoder::new();
        for p in paths {
            e.path(p);
        }
        e.finish()
    }

    /// Decodes paths of the given lengths; `None` if one is refused or bytes are left.
    fn decode(bytes: &[u8], lengths: &[usize]) -> Option<Vec<Vec<i64>>> {
        let mut d = Decoder::new(bytes);
        let paths: Option<Vec<_>> = lengths.iter().map(|&n| d.path(n as u64)).collect();
        paths.filter(|_| d.is_done())
    }

    fn round_trip(paths: &[Vec<i64>]) -> Vec<u8> {
        let bytes = encode(paths);
        let lengths: Vec<usize> = paths.iter().map(Vec::len).collect();
        assert_eq!(
            decode(&bytes, &lengths).as_deref(),
            Some(paths),
            "{bytes:?}"
        );
        bytes
    }

    /// A deterministic sequence like a line's deltas: mostly small, some large.
    fn wiggly(n: usize, seed: u64) -> Vec<i64> {
        let mut s = seed;
        (0..n)
            .map(|_| {
                s = s
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let bits = (s >> 59) as u32 % 16; // magnitudes up to 2¹⁵
                ((s >> 20) as i64 & ((1 << bits) - 1)) * if s >> 63 == 1 { -1 } else { 1 }
            })
            .collect()
    }

    #[test]
    fn paths_round_trip_exactly() {
        let huge = [
            i64::MIN,
            i64::MIN + 1,
            i64::MAX,
            i64::MAX - 1,
            i32::MIN.into(),
            i32::MAX.into(),
            1 << 62,
            -(1 << 62),
            17_212,
            -17_212,
        ];
        let mut paths: Vec<Vec<i64>> = vec![
            vec![],
            vec![0],
            vec![1],
            vec![-1],
            vec![5, -7],
            vec![0, 0, 0, 0, 0, 0],
            vec![1, -1, 1, -1, 1, -1, 1],
            vec![],
            huge.to_vec(),
            // A large delta after a large delta: the prediction and the residual wrap.
            vec![
                0,
                0,
                i64::MAX,
                i64::MIN,
                i64::MIN,
                i64::MAX,
                i64::MAX,
                i64::MIN,
            ],
        ];
        for &h in &huge {
            paths.push(vec![h]);
            paths.push(vec![3, 4, h, h.wrapping_neg(), 0, h]);
        }
        for seed in 0..20 {
            paths.push(wiggly(seed as usize * 37, seed));
        }
        round_trip(&paths);
        // One path at a time, and none at all.
        for p in &paths {
            round_trip(std::slice::from_ref(p));
        }
        assert!(round_trip(&[]).is_empty());
    }

    #[test]
    fn small_residuals_take_few_bits() {
        // 4,000 integers of a line of short steps (deltas of −2 to 2): under half a byte each
        // (a varint takes at least one), though the start is far from 0.
        let mut line = vec![12_000, 8_000];
        for i in 0..1_999i64 {
            line.extend([(i % 5) - 2, (i % 3) - 1]);
        }
        let bytes = round_trip(&[line]);
        assert!(bytes.len() < 2_000, "{}", bytes.len());
    }

    #[test]
    fn truncated_or_extended_streams_are_refused() {
        let paths: Vec<Vec<i64>> = (0..6).map(|s| wiggly(50 + s as usize, s)).collect();
        let lengths: Vec<usize> = paths.iter().map(Vec::len).collect();
        let bytes = encode(&paths);
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut], &lengths), None, "cut at {cut}");
        }
        assert_eq!(decode(&[&bytes[..], &[0]].concat(), &lengths), None);
        // A count far beyond the stream stops at its end, without panicking or reserving.
        let mut d = Decoder::new(&bytes);
        assert_eq!(d.path(u64::MAX), None);
        // Garbage decodes to something or to `None`, never a panic.
        for seed in 0..200u64 {
            let junk: Vec<u8> = wiggly(40, seed).iter().map(|&v| v as u8).collect();
            let mut d = Decoder::new(&junk);
            while d.path(7).is_some() {}
        }
    }
}
