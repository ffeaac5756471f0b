//! Hostile and broken inputs never panic an importer: seeded random mutations of real files
//! (bytes flipped, cut, duplicated, quotes and separators injected) go through every loader.

use farmmap::import::{bods, ftm, links_csv};
use farmmap::network::model::Network;
use farmmap::rng::Mulberry32;
use farmmap::{import, story};

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

fn fuzz(name: &str, base: &[u8], rounds: usize, f: impl Fn(&[u8])) {
    let mut rng = Mulberry32::new(name.len() as u32 * 7919);
    for _ in 0..rounds {
        let input = mutate(base, &mut rng);
        f(&input);
    }
}

#[test]
fn farm_importers_survive_mutations() {
    fuzz("farms.csv", story::DEMO_FARMS_CSV.as_bytes(), 400, |b| {
        let r = import::farms_csv::parse("farms.csv", b);
        assert!(r
            .records
            .iter()
            .all(|f| f.lat.is_finite() && f.lng.is_finite()));
    });
    let geojson = br#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[75.3,51.7]},"properties":{"name":"A","status":"operating","capacity_mw":5}},{"type":"Feature","geometry":{"type":"Point","coordinates":[76,43]},"properties":{"id":"b"}}]}"#;
    fuzz("farms.geojson", geojson, 400, |b| {
        let r = import::farms_geojson::parse("farms.geojson", b);
        assert!(r
            .records
            .iter()
            .all(|f| f.lat.abs() <= 90.0 && f.lng.abs() <= 180.0));
    });
}

#[test]
fn story_and_network_loaders_survive_mutations() {
    fuzz("story.json", story::DEMO_STORY_JSON.as_bytes(), 300, |b| {
        let _ = story::parse("story.json", &String::from_utf8_lossy(b));
    });
    let farms = import::farms_csv::parse("farms.csv", story::DEMO_FARMS_CSV.as_bytes()).records;
    let base = Network::with_farms(&farms);
    fuzz(
        "entities.csv",
        story::DEMO_ENTITIES_CSV.as_bytes(),
        300,
        |b| {
            let _ = links_csv::parse_entities("entities.csv", b, &base);
        },
    );
    fuzz("links.csv", story::DEMO_LINKS_CSV.as_bytes(), 300, |b| {
        let _ = links_csv::parse_links("links.csv", b, &base);
    });
    let ftm_lines = concat!(
        r#"{"id":"re1","schema":"RealEstate","properties":{"name":["Site"],"latitude":["51.7"],"longitude":["75.3"]}}"#,
        "\n",
        r#"{"id":"co1","schema":"Company","properties":{"name":["Mining LLP"]}}"#,
        "\n",
        r#"{"id":"o1","schema":"Ownership","properties":{"owner":["co1"],"asset":["re1"],"percentage":["51"]}}"#,
        "\n",
    );
    fuzz("aleph.json", ftm_lines.as_bytes(), 300, |b| {
        let _ = ftm::parse("aleph.json", b, &base);
    });
    let bods_json = br#"[{"statementId":"s1","recordId":"e1","recordType":"entity","recordDetails":{"name":"Co"}},{"statementId":"s2","recordId":"p1","recordType":"person","recordDetails":{"names":[{"fullName":"P"}]}},{"statementId":"s3","recordId":"r1","recordType":"relationship","recordDetails":{"subject":"e1","interestedParty":"p1","interests":[{"type":"shareholding","share":{"exact":60}}]}}]"#;
    fuzz("bods.json", bods_json, 300, |b| {
        let _ = bods::parse("bods.json", b, &base);
    });
}

/// Every string of up to four bytes over an alphabet of byte-order-mark bytes, delimiters,
/// quotes and brackets: the search that would have found `FF FE FF FE` (a UTF-16 BOM twice,
/// which reached an `unreachable!` in the farms CSV importer).
#[test]
fn every_short_byte_string_is_named_not_a_panic() {
    const ALPHABET: &[u8] = b"\xFF\xFE\xEF\xBB\xBF\n\",{[a";
    let base = Network::default();
    let mut input = Vec::new();
    let mut total = 0;
    for len in 0..=4u32 {
        for mut code in 0..ALPHABET.len().pow(len) {
            input.clear();
            for _ in 0..len {
                input.push(ALPHABET[code % ALPHABET.len()]);
                code /= ALPHABET.len();
            }
            let farms = import::farms_csv::parse("farms.csv", &input);
            assert!(
                !farms.errors.is_empty() || !farms.records.is_empty(),
                "{input:02X?}: a farms file that loads nothing must say why"
            );
            let _ = import::farms_geojson::parse("farms.geojson", &input);
            let _ = links_csv::parse_entities("entities.csv", &input, &base);
            let _ = links_csv::parse_links("links.csv", &input, &base);
            let _ = ftm::parse("aleph.json", &input, &base);
            let _ = bods::parse("bods.json", &input, &base);
            total += 1;
        }
    }
    assert_eq!(total, (0..=4).map(|n| ALPHABET.len().pow(n)).sum::<usize>());
}
