//! The embedded basemap: Kazakhstan, its oblasts, water, neighbours and cities, projected once
//! to world coordinates and pre-simplified per zoom band; and [`TileLayer`], the raster layer
//! a story may put under the data instead.
//!
//! Embedded (not fetched) so the map needs no tile server and makes no request; simplified
//! ahead of time so a frame only picks a level and culls by bounding box.
//!
//! Layering: the basemap uses [`crate::regions`] (the one embedded copy of the oblasts) and
//! [`crate::geometry`]; neither uses the basemap, and nothing here imports `scene`.

use crate::geometry::{join_arcs, undelta, union_of, Grid, LngLatBounds, Packed, WorldBounds};
use crate::projection::world_from_lnglat;
use geo::{Coord, LineString};
use std::cell::OnceCell;

pub mod simplify;
pub mod tile_template;

/// An optional raster tile layer under the data, instead of the embedded basemap's look
/// (off unless a story asks): every tile is a request to `url`'s host, so a story that
/// turns it on must say whose tiles they are.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TileLayer {
    /// With `{z}`, `{x}` and `{y}`, e.g. `https://tiles.example.org/{z}/{x}/{y}.png`.
    pub url: String,
    pub attribution: String,
    pub max_zoom: u8,
}

impl TileLayer {
    /// The URL of tile `(z, x, y)`: the template with its placeholders filled in. Which
    /// templates may be drawn at all is decided by `app` ([`tile_template::TileTemplate`]
    /// against the publisher's allowed origins).
    pub fn tile_url(&self, z: u32, x: u32, y: u32) -> String {
        tile_template::fill(&self.url, z, x, y)
    }
}

/// The compact basemap built by `scripts/data/build_basemap.mjs` (data/basemap.json, see
/// data/README.md), packed by `build.rs` (the same numbers, without JSON text or a parser).
const BASEMAP_PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/basemap.bin"));

/// Zooms at which a simplified copy is kept; above the last, full detail is drawn.
pub const LEVEL_ZOOMS: [f64; 4] = [3.0, 5.0, 7.0, 9.0];

/// A set of rings or lines in world coordinates (x, y interleaved), with bounding boxes so a
/// frame can skip what is off screen.
#[derive(Clone, Debug, Default)]
pub struct Paths {
    pub xy: Vec<f64>,
    /// Path i is `xy[2*starts[i] .. 2*starts[i+1]]`; one more entry than paths.
    pub starts: Vec<u32>,
    /// Per path: its world bounds.
    pub bbox: Vec<WorldBounds>,
}

impl Paths {
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn path(&self, i: usize) -> &[f64] {
        &self.xy[2 * self.starts[i] as usize..2 * self.starts[i + 1] as usize]
    }

    fn push(&mut self, pts: &[Coord<f64>]) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let mut b = WorldBounds::EMPTY;
        for p in pts {
            self.xy.push(p.x);
            self.xy.push(p.y);
            b = b.union(&WorldBounds::point(p.x, p.y));
        }
        self.starts.push((self.xy.len() / 2) as u32);
        self.bbox.push(b);
    }

    pub fn point_count(&self) -> usize {
        self.xy.len() / 2
    }
}

/// One layer at every level of detail: level `i` for zooms below `LEVEL_ZOOMS[i]`, the last
/// for full detail.
///
/// Levels are simplified on first use: a reader's first frame needs one level of each
/// layer, and building all five at start was most of `new FarmMap` (≈10 ms natively, twice
/// that in wasm, for every embed on a page). The result is the same whenever it is made.
#[derive(Clone, Debug, Default)]
pub struct Layer {
    /// The paths in world coordinates, at full detail.
    world: Vec<LineString<f64>>,
    /// Rings (at least 4 points to stay one) rather than open lines (at least 2).
    closed: bool,
    levels: [OnceCell<Paths>; LEVEL_ZOOMS.len() + 1],
}

impl Layer {
    /// Build from paths of (lng, lat) pairs. `closed` rings need at least 4 points to stay
    /// rings after simplification; smaller ones vanish at that level, as they should.
    fn build(paths: &[Vec<f64>], closed: bool) -> Layer {
        let world: Vec<LineString<f64>> = paths
            .iter()
            .map(|flat| {
                flat.chunks_exact(2)
                    .map(|p| {
                        let (x, y) = world_from_lnglat(p[0], p[1]);
                        Coord { x, y }
                    })
                    .collect::<Vec<_>>()
                    .into()
            })
            .collect();
        Layer {
            world,
            closed,
            levels: Default::default(),
        }
    }

    /// How many levels of detail there are (the last is full detail).
    pub const LEVELS: usize = LEVEL_ZOOMS.len() + 1;

    /// Level `i` (`0..Layer::LEVELS`), simplified the first time it is asked for.
    pub fn level(&self, i: usize) -> &Paths {
        self.levels[i].get_or_init(|| {
            let min_points = if self.closed { 4 } else { 2 };
            let mut level = Paths::default();
            for line in &self.world {
                let simplified;
                let points = match LEVEL_ZOOMS.get(i) {
                    Some(&z) => {
                        simplified = simplify::simplify(&line.0, level_epsilon(z));
                        &simplified
                    }
                    None => &line.0,
                };
                if points.len() >= min_points {
                    level.push(points);
                }
            }
            level
        })
    }

    /// The paths at full detail.
    pub fn full(&self) -> &Paths {
        self.level(LEVEL_ZOOMS.len())
    }

    /// The paths to draw at `zoom`.
    pub fn at_zoom(&self, zoom: f64) -> &Paths {
        let i = LEVEL_ZOOMS
            .iter()
            .position(|&z| zoom < z)
            .unwrap_or(LEVEL_ZOOMS.len());
        self.level(i)
    }
}

/// The simplification tolerance (world units) of the level whose band ends at zoom `z`:
/// half a device pixel at the top of the band (device ratio up to 2).
fn level_epsilon(z: f64) -> f64 {
    0.25 / (256.0 * 2f64.powf(z))
}

/// A labelled place in world coordinates.
#[derive(Clone, Debug)]
pub struct Place {
    pub name: String,
    pub x: f64,
    pub y: f64,
    /// Ranking for label placement (bigger first); population for cities.
    pub rank: f64,
}

// The packed file's records (`build.rs` writes them in this order); natively also read from
// data/basemap.json by the tests, which check that both hold the same numbers.

/// Delta-encoded lines on a grid.
#[cfg_attr(test, derive(serde::Deserialize, Debug, PartialEq))]
struct RawLines {
    grid: Grid,
    lines: Vec<Vec<i64>>,
}

#[cfg_attr(test, derive(serde::Deserialize, Debug, PartialEq))]
struct RawArea {
    polygons: Vec<Vec<Vec<i64>>>,
}

/// Areas of water (the sea, lakes), one grid for all.
#[cfg_attr(test, derive(serde::Deserialize, Debug, PartialEq))]
struct RawWater {
    grid: Grid,
    areas: Vec<RawArea>,
}

#[cfg_attr(test, derive(serde::Deserialize, Debug, PartialEq))]
struct RawCity {
    name: String,
    lng: f64,
    lat: f64,
    population: f64,
}

#[cfg_attr(test, derive(serde::Deserialize, Debug, PartialEq))]
struct RawNamed {
    name: String,
    lng: f64,
    lat: f64,
}

#[cfg_attr(test, derive(serde::Deserialize, Debug, PartialEq))]
struct Raw {
    attribution: Vec<String>,
    /// `[west, south, east, north]` in degrees.
    bbox: [f64; 4],
    /// Natural Earth 1:50m's lines, each stored once: `land`, `borders`, `kazakhstan` and
    /// `sea` are lists of references to them (see [`crate::geometry::join_arcs`]).
    arcs: RawLines,
    /// Neighbours' land: polygons of rings of arc references.
    land: Vec<Vec<Vec<i64>>>,
    /// International borders: lines of arc references.
    borders: Vec<Vec<i64>>,
    neighbours: Vec<RawNamed>,
    kazakhstan: Vec<Vec<Vec<i64>>>,
    /// The Caspian Sea, a hole in 1:50m land (its coasts are the countries' arcs).
    sea: Vec<Vec<Vec<i64>>>,
    /// Lakes (1:10m).
    water: RawWater,
    rivers: RawLines,
    cities: Vec<RawCity>,
}

/// Polygons (lists of rings) of delta-encoded paths.
fn packed_polygons(p: &mut Packed) -> Option<Vec<Vec<Vec<i64>>>> {
    p.list(|p| p.list(Packed::ints))
}

/// Polygons of rings of arc references.
fn packed_refs(p: &mut Packed) -> Option<Vec<Vec<Vec<i64>>>> {
    p.list(|p| p.list(|p| p.list(Packed::int)))
}

fn packed_lines(p: &mut Packed) -> Option<RawLines> {
    Some(RawLines {
        grid: p.grid()?,
        lines: p.list(Packed::ints)?,
    })
}

impl Raw {
    /// Reads the fields in `build.rs`'s order; `None` if the bytes do not hold exactly them.
    fn unpack(bytes: &[u8]) -> Option<Raw> {
        let p = &mut Packed::new(bytes)?;
        let attribution = p.list(Packed::string)?;
        let bbox = [p.float()?, p.float()?, p.float()?, p.float()?];
        let raw = Raw {
            attribution,
            bbox,
            arcs: packed_lines(p)?,
            land: packed_refs(p)?,
            borders: p.list(|p| p.list(Packed::int))?,
            neighbours: p.list(|p| {
                Some(RawNamed {
                    name: p.string()?,
                    lng: p.decimal()?,
                    lat: p.decimal()?,
                })
            })?,
            kazakhstan: packed_refs(p)?,
            sea: packed_refs(p)?,
            water: RawWater {
                grid: p.grid()?,
                areas: p.list(|p| {
                    Some(RawArea {
                        polygons: packed_polygons(p)?,
                    })
                })?,
            },
            rivers: packed_lines(p)?,
            cities: p.list(|p| {
                Some(RawCity {
                    name: p.string()?,
                    lng: p.decimal()?,
                    lat: p.decimal()?,
                    population: p.decimal()?,
                })
            })?,
        };
        p.is_done().then_some(raw)
    }
}

/// Unpacks both embedded files (the basemap's and the oblasts', the first step of
/// [`Basemap::embedded`] and [`crate::regions::kazakhstan`]) and returns their paths'
/// integers (steps on their grids: 1:50m arcs, rivers, lakes, oblast arcs), what
/// `examples/basemap_decode.rs` times. Panics as those do if the embedded data does not
/// read, which the tests rule out.
pub fn unpack_embedded() -> Vec<Vec<i64>> {
    let raw = Raw::unpack(BASEMAP_PACKED).expect("embedded basemap is valid");
    let mut paths = raw.arcs.lines;
    paths.extend(raw.rivers.lines);
    for area in raw.water.areas {
        paths.extend(area.polygons.into_iter().flatten());
    }
    paths.extend(crate::regions::unpack_embedded().expect("embedded oblasts are valid"));
    paths
}

/// Everything the map draws under the data.
#[derive(Clone, Debug)]
pub struct Basemap {
    /// Neighbouring countries' land.
    pub land: Layer,
    /// International borders (lines).
    pub borders: Layer,
    pub kazakhstan: Layer,
    /// Oblast outlines; `admin1_names[i]` names the unit of ring group `admin1_owner`.
    pub admin1: Layer,
    pub admin1_labels: Vec<Place>,
    pub water: Layer,
    pub rivers: Layer,
    pub cities: Vec<Place>,
    pub countries: Vec<Place>,
    pub attribution: Vec<String>,
    /// World bounds of Kazakhstan: the default view and the camera's home.
    pub home: WorldBounds,
    /// World bounds of the whole basemap: outside it there is no data to draw.
    pub frame: WorldBounds,
}

/// Oblast rings from the one embedded copy of the boundaries (shared with the region lookup).
fn admin1_rings() -> Vec<Vec<f64>> {
    let mut out = Vec::new();
    for r in &crate::regions::kazakhstan().regions {
        for poly in &r.geometry.0 {
            for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                out.push(ring.0.iter().flat_map(|c| [c.x, c.y]).collect());
            }
        }
    }
    out
}

fn rings(polys: &[Vec<Vec<i64>>], grid: &Grid) -> Vec<Vec<f64>> {
    polys.iter().flatten().map(|r| undelta(r, grid)).collect()
}

fn lines(l: &RawLines) -> Vec<Vec<f64>> {
    l.lines.iter().map(|p| undelta(p, &l.grid)).collect()
}

/// Paths joined from the arcs; the embedded file's are checked by this module's tests.
fn joined<'a>(refs: impl IntoIterator<Item = &'a Vec<i64>>, arcs: &[Vec<f64>]) -> Vec<Vec<f64>> {
    refs.into_iter()
        .map(|r| join_arcs(r, arcs).expect("the embedded arcs join"))
        .collect()
}

fn place(name: &str, lng: f64, lat: f64, rank: f64) -> Place {
    let (x, y) = world_from_lnglat(lng, lat);
    Place {
        name: name.to_string(),
        x,
        y,
        rank,
    }
}

impl Basemap {
    /// The layers of lines and areas (the places apart).
    pub fn layers(&self) -> [&Layer; 6] {
        [
            &self.land,
            &self.borders,
            &self.kazakhstan,
            &self.admin1,
            &self.water,
            &self.rivers,
        ]
    }

    /// Parse the embedded basemap. The data is compiled in, so failure is a build defect,
    /// caught by this module's tests.
    pub fn embedded() -> Basemap {
        let raw = Raw::unpack(BASEMAP_PACKED).expect("embedded basemap is valid");
        let arcs = lines(&raw.arcs);
        let kazakhstan = Layer::build(&joined(raw.kazakhstan.iter().flatten(), &arcs), true);
        let full = kazakhstan.full();
        let home =
            union_of(full.bbox.iter().copied()).expect("the embedded Kazakhstan outline has paths");
        // The seas' rings, then the lakes': extended in a loop (a chained iterator's code was
        // most of this function's size in the reader's wasm).
        let mut water = joined(raw.sea.iter().flatten(), &arcs);
        for a in &raw.water.areas {
            water.extend(rings(&a.polygons, &raw.water.grid));
        }
        Basemap {
            land: Layer::build(&joined(raw.land.iter().flatten(), &arcs), true),
            borders: Layer::build(&joined(&raw.borders, &arcs), false),
            admin1: Layer::build(&admin1_rings(), true),
            admin1_labels: crate::regions::kazakhstan()
                .regions
                .iter()
                .map(|r| place(&r.name, r.label_lnglat[0], r.label_lnglat[1], 0.0))
                .collect(),
            water: Layer::build(&water, true),
            rivers: Layer::build(&lines(&raw.rivers), false),
            cities: raw
                .cities
                .iter()
                .map(|c| place(&c.name, c.lng, c.lat, c.population))
                .collect(),
            countries: raw
                .neighbours
                .iter()
                .map(|c| place(&c.name, c.lng, c.lat, 0.0))
                .collect(),
            attribution: raw.attribution,
            kazakhstan,
            home,
            frame: LngLatBounds::from_array(raw.bbox).to_world(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projection::{world_x, world_y};

    #[test]
    fn embedded_basemap_has_every_layer() {
        let b = Basemap::embedded();
        assert_eq!(b.cities.len(), 30);
        assert_eq!(b.admin1_labels.len(), 17);
        assert!(b.attribution.iter().any(|a| a.contains("GeoNames")));
        assert!(b.attribution.iter().any(|a| a.contains("Natural Earth")));
        for layer in b.layers() {
            assert!(!layer.at_zoom(20.0).is_empty());
        }
    }

    #[test]
    fn the_packed_basemap_holds_the_json_numbers() {
        let json: Raw = serde_json::from_str(include_str!("../../data/basemap.json")).unwrap();
        let packed = Raw::unpack(BASEMAP_PACKED).expect("the packed basemap reads");
        // The same integers and floats, so the same geometry and the same pictures.
        assert_eq!(packed, json);
        assert!(BASEMAP_PACKED.len() * 2 < include_str!("../../data/basemap.json").len());
        // A byte short or a byte too many is refused, not read as something else.
        assert!(Raw::unpack(&BASEMAP_PACKED[..BASEMAP_PACKED.len() - 1]).is_none());
        assert!(Raw::unpack(&[BASEMAP_PACKED, &[0]].concat()).is_none());
    }

    /// The Kazakhstan outline joined from the shared 1:50m arcs is the source's, point for
    /// point (the source GeoJSON rounds world-atlas's grid to 4–5 decimals), and every arc is
    /// used by some layer.
    #[test]
    fn the_arcs_give_back_the_source_outline() {
        let raw = Raw::unpack(BASEMAP_PACKED).unwrap();
        let arcs = lines(&raw.arcs);
        let ours = joined(raw.kazakhstan.iter().flatten(), &arcs);
        let src: serde_json::Value = serde_json::from_str(include_str!(
            "../../data/basemap-src/kz_country_50m.geojson"
        ))
        .unwrap();
        let polygons = src["features"][0]["geometry"]["coordinates"]
            .as_array()
            .unwrap();
        let rings: Vec<Vec<[f64; 2]>> = polygons
            .iter()
            .flat_map(|p| p.as_array().unwrap())
            .map(|r| {
                r.as_array()
                    .unwrap()
                    .iter()
                    .map(|c| [c[0].as_f64().unwrap(), c[1].as_f64().unwrap()])
                    .collect()
            })
            .collect();
        assert_eq!(ours.len(), rings.len());
        for (ring, want) in ours.iter().zip(&rings) {
            // A ring may start at another of its points (where its first arc starts).
            let got: Vec<&[f64]> = ring.chunks_exact(2).collect();
            assert_eq!(got.len(), want.len());
            let near =
                |a: &[f64], b: &[f64; 2]| (a[0] - b[0]).abs() < 6e-5 && (a[1] - b[1]).abs() < 6e-5;
            let start = want
                .iter()
                .position(|w| near(got[0], w))
                .expect("the first point");
            for (i, g) in got[..got.len() - 1].iter().enumerate() {
                let w = &want[(start + i) % (want.len() - 1)];
                assert!(near(g, w), "{g:?} vs {w:?}");
            }
        }
        let mut used = vec![false; arcs.len()];
        let all = raw.land.iter().flatten().chain(&raw.borders);
        let all = all
            .chain(raw.kazakhstan.iter().flatten())
            .chain(raw.sea.iter().flatten());
        for r in all.flatten() {
            used[usize::try_from(if *r < 0 { !*r } else { *r }).unwrap()] = true;
        }
        assert!(used.iter().all(|&u| u), "an arc no layer uses");
    }

    #[test]
    fn home_is_kazakhstan() {
        let b = Basemap::embedded();
        // Kazakhstan spans about 46.5–87.3 E and 40.6–55.4 N.
        assert!((b.home.min_x - world_x(46.5)).abs() < 0.002);
        assert!((b.home.max_x - world_x(87.3)).abs() < 0.002);
        assert!((b.home.min_y - world_y(55.4)).abs() < 0.002);
        assert!((b.home.max_y - world_y(40.6)).abs() < 0.002);
    }

    #[test]
    fn coarser_levels_have_fewer_points() {
        let b = Basemap::embedded();
        let counts: Vec<usize> = (0..Layer::LEVELS)
            .map(|i| b.admin1.level(i).point_count())
            .collect();
        assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
        // (The embedded oblasts are already simplified to 100 m, scripts/data/build_basemap.mjs:
        // what remains at full detail is mostly what the zoom-3 level drops.)
        assert!(counts[0] * 3 < counts[4], "{counts:?}");
    }

    /// The levels keep the points geo's `Simplify` kept before `simplify` replaced it.
    #[test]
    fn levels_are_what_geo_simplify_kept() {
        use geo::Simplify;
        let b = Basemap::embedded();
        for layer in b.layers() {
            let min_points = if layer.closed { 4 } else { 2 };
            for (i, &z) in LEVEL_ZOOMS.iter().enumerate() {
                let mut geo = Paths::default();
                for line in &layer.world {
                    let points = line.simplify(level_epsilon(z)).0;
                    if points.len() >= min_points {
                        geo.push(&points);
                    }
                }
                let ours = layer.level(i);
                assert!(ours.point_count() > 0, "level {i}");
                assert_eq!(ours.starts, geo.starts, "level {i}");
                assert!(ours.xy == geo.xy, "level {i}");
            }
        }
    }
}
