//! Hostile and broken inputs never panic an importer, and what comes back still keeps the
//! importers' promises: seeded random mutations of real files (bytes flipped, cut,
//! duplicated, quotes and separators injected) go through every loader and then through the
//! fuzz targets' checks (`fuzz/checks.rs`): every error names its file and, for a record, a
//! row/line/feature/statement that exists; loaded + skipped == records seen; every skipped
//! record is named by an error; every loaded farm has a finite lng in [-180, 180] and lat in
//! [-90, 90]; ties join nodes that exist; links are http(s).

#[path = "../fuzz/checks.rs"]
mod checks;

use farmmap::import::{self, Severity};
use farmmap::rng::Mulberry32;
use farmmap::story;

fn mutate(base: &[u8], rng: &mut Mulberry32) -> Vec<u8> {
    let mut b = base.to_vec();
    let edits = 1 + (rng.next_f64() * 12.0) as usize;
    for _ in 0..edits {
        if b.is_empty() {
            b.push(b'"');
        }
        let at = (rng.next_f64() * b.len() as f64) as usize % b.len();
        match (rng.next_f64() * 7.0) as u32 {
            0 => b[at] = (rng.next_f64() * 256.0) as u8,
            1 => b.truncate(at),
            2 => {
                let piece: Vec<u8> = b[at..(at + 40).min(b.len())].to_vec();
                b.splice(at..at, piece);
            }
            3 => b.insert(at, b"\",;\t\n\r{}[]:"[(rng.next_f64() * 11.0) as usize]),
            4 => {
                b.splice(at..at, "\u{FEFF}\u{202E}Ω\u{0}".bytes());
            }
            5 => {
                b.splice(
                    at..at,
                    b"1e308,-0,NaN,Infinity,99999999999999999999"
                        .iter()
                        .copied(),
                );
            }
            _ => {
                b.remove(at);
            }
        }
    }
    b
}

fn fuzz(name: &str, base: &[u8], rounds: usize, check: fn(&[u8])) {
    let mut rng = Mulberry32::new(name.len() as u32 * 7919);
    for round in 0..rounds {
        let input = mutate(base, &mut rng);
        if std::panic::catch_unwind(|| check(&input)).is_err() {
            panic!(
                "{name}, round {round}: the input that broke it, as bytes: {:?}",
                String::from_utf8_lossy(&input)
            );
        }
    }
}

const GEOJSON: &[u8] = br#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[75.3,51.7]},"properties":{"name":"A","status":"operating","capacity_mw":5}},{"type":"Feature","geometry":{"type":"Point","coordinates":[76,43]},"properties":{"id":"b"}}]}"#;

const FTM: &str = concat!(
    r#"{"id":"re1","schema":"RealEstate","properties":{"name":["Site"],"latitude":["51.7"],"longitude":["75.3"]}}"#,
    "\n",
    r#"{"id":"co1","schema":"Company","properties":{"name":["Mining LLP"]}}"#,
    "\n",
    r#"{"id":"o1","schema":"Ownership","properties":{"owner":["co1"],"asset":["re1"],"percentage":["51"]}}"#,
    "\n",
);

const BODS: &[u8] = br#"[{"statementId":"s1","recordId":"e1","recordType":"entity","recordDetails":{"name":"Co"}},{"statementId":"s2","recordId":"p1","recordType":"person","recordDetails":{"names":[{"fullName":"P"}]}},{"statementId":"s3","recordId":"r1","recordType":"relationship","recordDetails":{"subject":"e1","interestedParty":"p1","interests":[{"type":"shareholding","share":{"exact":60}}]}}]"#;

#[test]
fn farm_importers_survive_mutations() {
    fuzz(
        "farms.csv",
        story::DEMO_FARMS_CSV.as_bytes(),
        400,
        checks::farms_csv,
    );
    fuzz("farms.geojson", GEOJSON, 400, checks::farms_geojson);
}

#[test]
fn story_and_network_loaders_survive_mutations() {
    fuzz(
        "story.json",
        story::DEMO_STORY_JSON.as_bytes(),
        300,
        checks::story,
    );
    fuzz(
        "entities.csv",
        story::DEMO_ENTITIES_CSV.as_bytes(),
        300,
        checks::entities,
    );
    fuzz(
        "links.csv",
        story::DEMO_LINKS_CSV.as_bytes(),
        300,
        checks::links,
    );
    fuzz("aleph.json", FTM.as_bytes(), 300, checks::ftm);
    fuzz("bods.json", BODS, 300, checks::bods);
}

/// The checks themselves, on a file whose every problem is known: the report must name
/// exactly these rows, count exactly these skips, and keep every position in range.
#[test]
fn a_hostile_farms_file_is_named_row_by_row() {
    let text = "id,lat,lon,capacity_mw,source_url\n\
                F1,43.2,76.9,12,javascript:alert(1)\n\
                F2,NaN,76,,\n\
                F3,-91,0,,\n\
                F4,0,180.0000001,,\n\
                F1,10,10,,\n\
                \n\
                F5,\"90\",\"-180\",-0,https://example.org\n";
    let r = import::farms_csv::parse("farms.csv", text.as_bytes());
    checks::farms_csv(text.as_bytes());
    let ids: Vec<&str> = r.records.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["F1", "F5"]);
    assert_eq!(r.skipped, 4); // F2, F3, F4 and the second F1; the blank row is not data
    let skipped_rows: Vec<usize> = r
        .errors
        .iter()
        .filter(|e| e.severity == Severity::Error)
        .filter_map(|e| e.row)
        .collect();
    assert_eq!(skipped_rows, [3, 4, 5, 6]);
    assert!(r.errors.iter().all(|e| e.file == "farms.csv"));
    // F1's capacity is a warning naming row 2 and the column; its link is refused.
    let f1: Vec<String> = r
        .errors
        .iter()
        .filter(|e| e.row == Some(2))
        .map(|e| e.to_string())
        .collect();
    assert_eq!(f1.len(), 1, "{f1:?}");
    assert!(
        f1[0].starts_with("farms.csv row 2, column source_url"),
        "{f1:?}"
    );
    assert_eq!((r.records[1].lat, r.records[1].lng), (90.0, -180.0));
}

/// Every string of up to four bytes over an alphabet of byte-order-mark bytes, line ends,
/// delimiters, quotes and brackets, through every target's checks: the search that would
/// have found `FF FE FF FE` (a UTF-16 BOM twice, which reached an `unreachable!` in the farms
/// CSV importer) and a lone CR (which made every row "row 1").
#[test]
fn every_short_byte_string_keeps_the_promises() {
    const ALPHABET: &[u8] = b"\xFF\xFE\xEF\xBB\xBF\n\r\",{a";
    let mut input = Vec::new();
    let mut total = 0;
    for len in 0..=4u32 {
        for mut code in 0..ALPHABET.len().pow(len) {
            input.clear();
            for _ in 0..len {
                input.push(ALPHABET[code % ALPHABET.len()]);
                code /= ALPHABET.len();
            }
            for (name, check) in checks::TARGETS {
                // Four bytes for the file importers; three are plenty for the rest (which
                // parse JSON first and are slower per input in a debug build).
                let importer = matches!(
                    *name,
                    "farms_csv" | "farms_geojson" | "entities" | "links" | "ftm" | "bods"
                );
                if len == 4 && !importer {
                    continue;
                }
                if std::panic::catch_unwind(|| check(&input)).is_err() {
                    panic!("{name}: {input:02X?}");
                }
            }
            total += 1;
        }
    }
    assert_eq!(total, (0..=4).map(|n| ALPHABET.len().pow(n)).sum::<usize>());
}
