//! The embedded oblasts are the Natural Earth source on a 1e-3° grid, simplified to 100 m
//! (data/README.md, "Precision"). A farm must not change oblast because of that without us
//! knowing: every farm of the demo story (data/story/farms.csv) and of the farm fixtures
//! (tests/fixtures/farms/, tests/fixtures/realworld/farms/wri-raw-Kazakhstan.csv) gets the
//! same oblast from the embedded copy as from the source GeoJSON.

use farmmap::import::{farms_csv, farms_geojson};
use farmmap::regions::{kazakhstan, Regions};
use std::path::PathBuf;

fn read(path: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// (file, farm id, lng, lat) of every farm the importers read from these files.
fn farms() -> Vec<(String, String, f64, f64)> {
    let mut files = vec![
        "data/story/farms.csv".to_string(),
        "tests/fixtures/realworld/farms/wri-raw-Kazakhstan.csv".to_string(),
    ];
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/farms");
    let mut fixtures: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            format!(
                "tests/fixtures/farms/{}",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .collect();
    farmmap::sort::sort(&mut fixtures);
    files.extend(fixtures);
    let mut out = Vec::new();
    for file in files {
        let bytes = read(&file);
        let report = if file.ends_with(".geojson") {
            farms_geojson::parse(&file, &bytes)
        } else {
            farms_csv::parse(&file, &bytes)
        };
        for f in report.records {
            out.push((file.clone(), f.id, f.lng, f.lat));
        }
    }
    out
}

#[test]
fn no_farm_changes_oblast_with_the_embedded_precision() {
    let source = Regions::from_geojson(
        std::str::from_utf8(&read("data/basemap-src/kz_admin1.geojson")).unwrap(),
    )
    .unwrap();
    let embedded = kazakhstan();
    let farms = farms();
    let (mut inside, mut changed) = (0, Vec::new());
    for (file, id, lng, lat) in &farms {
        let want = source.region_of(*lng, *lat).and_then(|i| source.name(i));
        let got = embedded
            .region_of(*lng, *lat)
            .and_then(|i| embedded.name(i));
        inside += usize::from(want.is_some());
        if want != got {
            changed.push(format!("{file} {id} ({lng}, {lat}): {want:?} → {got:?}"));
        }
    }
    eprintln!(
        "{} farms, {inside} in an oblast; {} changed oblast",
        farms.len(),
        changed.len()
    );
    // The demo's 101 farms are all in Kazakhstan, so the comparison is not vacuous.
    assert!(
        inside >= 101,
        "{inside} of {} farms in an oblast",
        farms.len()
    );
    assert!(changed.is_empty(), "{changed:#?}");
}
