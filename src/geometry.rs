//! Named boxes that say their space, and the small helpers both the basemap and the scene
//! need. A leaf module: it depends on nothing in the crate but [`crate::projection`], so the
//! basemap can use it without importing `scene`.
//!
//! Two spaces, two types, so a box cannot be passed where the other is meant:
//! - [`WorldBounds`]: Web Mercator world units (the unit square, x east, y *south*), so
//!   `min_y` is the *north* edge;
//! - [`LngLatBounds`]: degrees, `west, south, east, north`, the order GeoJSON and
//!   supercluster use for a bbox.

use crate::projection::{self, world_from_lnglat};

pub(crate) mod coder;

/// A world-space rectangle (see [`crate::projection`]): `min_y` is the north edge.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct WorldBounds {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

impl WorldBounds {
    pub const fn new(min_x: f64, min_y: f64, max_x: f64, max_y: f64) -> WorldBounds {
        WorldBounds {
            min_x,
            min_y,
            max_x,
            max_y,
        }
    }

    /// A point as a box with min = max.
    pub const fn point(x: f64, y: f64) -> WorldBounds {
        WorldBounds::new(x, y, x, y)
    }

    /// The box nothing is in: the identity of [`WorldBounds::union`].
    pub const EMPTY: WorldBounds = WorldBounds::new(
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );

    pub fn width(&self) -> f64 {
        self.max_x - self.min_x
    }

    pub fn height(&self) -> f64 {
        self.max_y - self.min_y
    }

    /// The smallest box holding both.
    pub fn union(&self, o: &WorldBounds) -> WorldBounds {
        WorldBounds::new(
            self.min_x.min(o.min_x),
            self.min_y.min(o.min_y),
            self.max_x.max(o.max_x),
            self.max_y.max(o.max_y),
        )
    }

    /// This box grown by `margin` world units on every side.
    pub fn expanded(&self, margin: f64) -> WorldBounds {
        WorldBounds::new(
            self.min_x - margin,
            self.min_y - margin,
            self.max_x + margin,
            self.max_y + margin,
        )
    }

    /// Whether the point is inside (edges included).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.min_x && x <= self.max_x && y >= self.min_y && y <= self.max_y
    }

    /// Whether the two boxes share a point (touching counts).
    pub fn intersects(&self, o: &WorldBounds) -> bool {
        !(o.max_x < self.min_x
            || o.min_x > self.max_x
            || o.max_y < self.min_y
            || o.min_y > self.max_y)
    }

    /// The same box in degrees. World y grows south, so `min_y` becomes `north`.
    pub fn to_lnglat(&self) -> LngLatBounds {
        LngLatBounds {
            west: projection::lng(self.min_x),
            south: projection::lat(self.max_y),
            east: projection::lng(self.max_x),
            north: projection::lat(self.min_y),
        }
    }
}

/// A box in degrees: the order of a GeoJSON bbox and of supercluster's `getClusters`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LngLatBounds {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl LngLatBounds {
    /// From `[west, south, east, north]` (a story step's `bounds`, a bbox).
    pub fn from_array(b: [f64; 4]) -> LngLatBounds {
        LngLatBounds {
            west: b[0],
            south: b[1],
            east: b[2],
            north: b[3],
        }
    }

    /// `[west, south, east, north]`.
    pub fn to_array(&self) -> [f64; 4] {
        [self.west, self.south, self.east, self.north]
    }

    /// The same box in world units (north-west corner first: world y grows south).
    ///
    /// ```
    /// use farmmap::geometry::LngLatBounds;
    /// let w = LngLatBounds::from_array([-180.0, -10.0, 0.0, 10.0]).to_world();
    /// assert_eq!((w.min_x, w.max_x), (0.0, 0.5));
    /// assert!(w.min_y < 0.5 && w.max_y > 0.5);
    /// ```
    pub fn to_world(&self) -> WorldBounds {
        let (x0, y0) = world_from_lnglat(self.west, self.north);
        let (x1, y1) = world_from_lnglat(self.east, self.south);
        WorldBounds::new(x0, y0, x1, y1)
    }
}

/// The smallest box holding every box (a point is a box with min = max); `None` for none.
pub fn union_of(boxes: impl IntoIterator<Item = WorldBounds>) -> Option<WorldBounds> {
    boxes.into_iter().reduce(|a, b| a.union(&b))
}

/// A grid the embedded files store coordinates on, `[x0, dx, y0, dy]`: step `(i, j)` is at
/// longitude `x0 + i·dx`, latitude `y0 + j·dy`. Each layer keeps its source's own grid
/// (data/README.md): Natural Earth 1:50m from world-atlas is quantized to 0.0036° × 0.0017°,
/// so storing its steps rather than rounded degrees loses nothing and takes fewer bits.
pub(crate) type Grid = [f64; 4];

/// Undo the embedded files' delta encoding: `[i0, j0, di1, dj1, …]` in steps of `grid` →
/// lng, lat interleaved. Shared by the basemap and the regions (both embed such rings).
pub(crate) fn undelta(deltas: &[i64], grid: &Grid) -> Vec<f64> {
    let (mut x, mut y) = (0i64, 0i64);
    let mut out = Vec::with_capacity(deltas.len());
    for d in deltas.chunks_exact(2) {
        x += d[0];
        y += d[1];
        out.push(grid[0] + x as f64 * grid[1]);
        out.push(grid[2] + y as f64 * grid[3]);
    }
    out
}

/// A path from arcs stored once (lng, lat interleaved, see [`undelta`]), as TopoJSON
/// joins them: reference `i` is `arcs[i]`, `!i` (that is `-1 - i`) is `arcs[i]` backwards;
/// each arc after the first starts where the previous one ended, and that point is not
/// repeated. `None` for a reference to no arc or arcs that do not join.
pub(crate) fn join_arcs(refs: &[i64], arcs: &[Vec<f64>]) -> Option<Vec<f64>> {
    let mut path: Vec<f64> = Vec::new();
    for &r in refs {
        let arc = arcs.get(usize::try_from(if r < 0 { !r } else { r }).ok()?)?;
        let mut points: Vec<&[f64]> = arc.chunks_exact(2).collect();
        if r < 0 {
            points.reverse();
        }
        if let Some(end) = path.len().checked_sub(2).map(|i| &path[i..]) {
            (points.first() == Some(&end)).then_some(())?;
            points.remove(0);
        }
        path.extend(points.into_iter().flatten());
    }
    Some(path)
}

/// Reads the embedded data packed by `build.rs` (the basemap and the oblasts): a file is
/// the length of its first part (4 bytes, little-endian), that part, then the paths'
/// integers as one entropy-coded stream ([`coder`]). The first part holds everything else
/// in reading order:
/// LEB128 varints (zigzag for signed integers), strings as a length and UTF-8, floats as 8
/// bytes little-endian, and each path's count of integers. Every read is `None` past the end
/// or on a malformed value; the embedded files are checked against their JSON by the tests
/// of `basemap` and `regions`.
pub(crate) struct Packed<'a> {
    bytes: &'a [u8],
    paths: coder::Decoder<'a>,
}

impl<'a> Packed<'a> {
    /// `None` if the first part's length is more than the file.
    pub(crate) fn new(file: &'a [u8]) -> Option<Packed<'a>> {
        let (n, rest) = file.split_first_chunk::<4>()?;
        let (bytes, coded) = rest.split_at_checked(u32::from_le_bytes(*n) as usize)?;
        Some(Packed {
            bytes,
            paths: coder::Decoder::new(coded),
        })
    }

    /// Whether every byte of both parts was read.
    pub(crate) fn is_done(&self) -> bool {
        self.bytes.is_empty() && self.paths.is_done()
    }

    pub(crate) fn uint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }

    /// A count of items that follow: never more than the bytes left, so a bad count cannot
    /// make a caller reserve without bound.
    pub(crate) fn count(&mut self) -> Option<usize> {
        usize::try_from(self.uint()?)
            .ok()
            .filter(|&n| n <= self.bytes.len())
    }

    pub(crate) fn int(&mut self) -> Option<i64> {
        let z = self.uint()?;
        Some((z >> 1) as i64 ^ -((z & 1) as i64))
    }

    pub(crate) fn float(&mut self) -> Option<f64> {
        let (head, rest) = self.bytes.split_first_chunk::<8>()?;
        self.bytes = rest;
        Some(f64::from_le_bytes(*head))
    }

    /// A number of at most five decimals, stored by `build.rs` as the integer of its
    /// hundred-thousandths: divided back, it is the same f64 as the decimal.
    pub(crate) fn decimal(&mut self) -> Option<f64> {
        Some(self.int()? as f64 / 1e5)
    }

    /// A [`Grid`]: four floats.
    pub(crate) fn grid(&mut self) -> Option<Grid> {
        Some([self.float()?, self.float()?, self.float()?, self.float()?])
    }

    pub(crate) fn string(&mut self) -> Option<String> {
        let n = self.count()?;
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        std::str::from_utf8(head).ok().map(str::to_string)
    }

    /// A counted list of items read by `item`.
    pub(crate) fn list<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        let n = self.count()?;
        // A loop, not `collect::<Option<Vec<_>>>()`: the same items for less code per `T`.
        let mut out = Vec::new();
        for _ in 0..n {
            out.push(item(self)?);
        }
        Some(out)
    }

    /// A path's integers (a start point and deltas, see [`undelta`]): their count from the
    /// first part, the integers from the coded stream ([`coder`]).
    pub(crate) fn ints(&mut self) -> Option<Vec<i64>> {
        let n = self.uint()?;
        self.paths.path(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_of_boxes_and_points() {
        assert_eq!(
            union_of([
                WorldBounds::new(0.1, 0.2, 0.3, 0.4),
                WorldBounds::new(0.2, 0.1, 0.25, 0.5)
            ]),
            Some(WorldBounds::new(0.1, 0.1, 0.3, 0.5))
        );
        assert_eq!(
            union_of([WorldBounds::point(0.2, 0.3), WorldBounds::point(0.1, 0.4)]),
            Some(WorldBounds::new(0.1, 0.3, 0.2, 0.4))
        );
        assert_eq!(union_of([]), None);
        let b = WorldBounds::new(0.1, 0.2, 0.3, 0.4);
        assert_eq!(WorldBounds::EMPTY.union(&b), b);
    }

    #[test]
    fn lnglat_and_world_round_trip() {
        let ll = LngLatBounds::from_array([70.0, 45.0, 80.0, 55.0]);
        let w = ll.to_world();
        assert!(
            w.min_x < w.max_x && w.min_y < w.max_y,
            "north is the smaller y"
        );
        let back = w.to_lnglat();
        for (a, b) in back.to_array().iter().zip(ll.to_array()) {
            assert!((a - b).abs() < 1e-9, "{back:?}");
        }
    }

    #[test]
    fn contains_and_intersects_count_edges() {
        let b = WorldBounds::new(0.0, 0.0, 1.0, 1.0);
        assert!(b.contains(1.0, 0.0) && !b.contains(1.1, 0.5));
        assert!(b.intersects(&WorldBounds::new(1.0, 1.0, 2.0, 2.0)));
        assert!(!b.intersects(&WorldBounds::new(1.01, 0.0, 2.0, 2.0)));
        assert_eq!(b.expanded(0.5), WorldBounds::new(-0.5, -0.5, 1.5, 1.5));
    }

    #[test]
    fn packed_reads_what_build_rs_writes() {
        // The first part (13 bytes): "ab", then -2 zigzagged (3), then a path's count (3),
        // then 1.5; after it, the path's integers coded.
        let mut coded = coder::Encoder::new();
        coded.path(&[100, -200, 5]);
        let mut bytes = vec![13, 0, 0, 0, 2, b'a', b'b', 3, 3];
        bytes.extend_from_slice(&1.5f64.to_le_bytes());
        bytes.extend(coded.finish());
        let mut p = Packed::new(&bytes).unwrap();
        assert_eq!(p.string().as_deref(), Some("ab"));
        assert_eq!(p.int(), Some(-2));
        assert_eq!(p.ints(), Some(vec![100, -200, 5]));
        assert_eq!(p.float(), Some(1.5));
        assert!(p.is_done());
        assert_eq!(p.uint(), None);
        // 43.25249 as 4325249, zigzagged to 8650498 (0x82 0xfe 0x8f 0x04).
        let decimal = [4, 0, 0, 0, 0x82, 0xfe, 0x8f, 0x04];
        let mut p = Packed::new(&decimal).unwrap();
        assert_eq!(p.decimal(), Some(43.25249));
        // What is left is an empty coded stream.
        assert!(p.is_done());
        // A first part longer than the file, a count longer than the bytes left, a truncated
        // varint and a path longer than its stream are refused.
        assert!(Packed::new(&[5, 0, 0, 0, 0]).is_none());
        assert!(Packed::new(&[0, 0, 0]).is_none());
        assert_eq!(Packed::new(&[2, 0, 0, 0, 5, 0]).unwrap().string(), None);
        assert_eq!(Packed::new(&[1, 0, 0, 0, 0x80]).unwrap().uint(), None);
        let long_path = [1, 0, 0, 0, 100, 0, 0, 0, 0];
        assert_eq!(Packed::new(&long_path).unwrap().ints(), None);
        // Bytes left over in either part are not done.
        assert!(!Packed::new(&[1, 0, 0, 0, 0, 0, 0, 0, 0]).unwrap().is_done());
        assert!(!Packed::new(&[0, 0, 0, 0, 0, 0, 0, 0, 0]).unwrap().is_done());
    }

    #[test]
    fn arcs_join_forwards_and_backwards() {
        let arcs = vec![
            vec![0.0, 0.0, 1.0, 0.0, 1.0, 1.0],
            vec![0.0, 0.0, 0.0, 1.0, 1.0, 1.0],
        ];
        // Along arc 0, then back along arc 1: a closed square.
        assert_eq!(
            join_arcs(&[0, !1], &arcs),
            Some(vec![0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0])
        );
        // Arcs that do not meet, and an arc not in the file, are refused.
        assert_eq!(join_arcs(&[0, 1], &arcs), None);
        assert_eq!(join_arcs(&[2], &arcs), None);
        assert_eq!(join_arcs(&[], &arcs), Some(vec![]));
    }

    #[test]
    fn undelta_accumulates() {
        assert_eq!(
            undelta(&[10, 20, 1, -2, 3, 4], &[0.0, 0.5, -90.0, 0.25]),
            vec![5.0, -85.0, 5.5, -85.5, 7.0, -84.5]
        );
    }
}
