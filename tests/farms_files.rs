//! The farms importer on real files as they are (tests/fixtures/realworld/farms/, copied
//! byte for byte from public repositories) and on synthetic fixtures for each encoding,
//! delimiter, number format, line ending and spreadsheet kind (tests/fixtures/farms/, made
//! by scripts/data/make_farm_fixtures.py).

use farmmap::import::farms_csv::{parse, parse_with};
use farmmap::import::mapping::FarmsOptions;
use farmmap::import::{ImportError, Report, Severity};
use farmmap::model::{Farm, Precision, Status};
use std::path::PathBuf;

fn realworld(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/realworld/farms")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn fixture(name: &str) -> Report<Farm> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/farms")
        .join(name);
    parse(
        name,
        &std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
    )
}

fn of(r: &Report<Farm>, s: Severity) -> Vec<&ImportError> {
    r.errors.iter().filter(|e| e.severity == s).collect()
}

fn farm<'a>(r: &'a Report<Farm>, id: &str) -> &'a Farm {
    r.records
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no farm {id}"))
}

fn notes(r: &Report<Farm>) -> String {
    r.notes
        .iter()
        .map(|n| n.message.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn opsd_germany_loads_with_its_bad_latitude_at_the_row_a_spreadsheet_shows() {
    let r = parse("opsd.csv", &realworld("opsd-power_plants_germany.csv"));
    assert_eq!((r.records.len(), r.skipped), (892, 1));
    let errors = of(&r, Severity::Error);
    assert_eq!(errors.len(), 1, "{errors:?}");
    // CRLF and quoted newlines: the row Excel/LibreOffice show, not the physical line (504).
    assert_eq!(
        (errors[0].row, errors[0].column.as_deref()),
        (Some(484), Some("lat"))
    );
    // The empty first header cell is a pandas index: the ids.
    let f = farm(&r, "BNA0005");
    assert_eq!(f.name, "Ahrensfelde");
    assert_eq!(f.owner, "Vattenfall Europe Generation AG"); // OPSD's `company`
    assert_eq!(f.capacity_mw, Some(37.5)); // `capacity`, not `capacity_uba` (38.0)
    assert_eq!((f.lat, f.lng), (52.58950001, 13.5586524));
    assert_eq!(f.status, Status::Operating);
    assert!(notes(&r).contains("\"capacity_uba\""), "{}", notes(&r));
    // No capacity changed magnitude: every one is the file's number as written.
    let text = String::from_utf8(realworld("opsd-power_plants_germany.csv")).unwrap();
    let total: f64 = r.records.iter().filter_map(|f| f.capacity_mw).sum();
    assert!(total > 50_000.0 && total < 200_000.0, "{total}");
    assert!(text.contains(",37.5,38.0,"));
    // Unknown statuses: one warning per value, not one per row.
    assert!(of(&r, Severity::Warning).len() <= 5);
}

#[test]
fn wri_kazakhstan_loads_with_its_ids_capacities_and_links() {
    let r = parse("wri.csv", &realworld("wri-raw-Kazakhstan.csv"));
    assert_eq!((r.records.len(), r.skipped), (29, 5));
    let rows: Vec<Option<usize>> = of(&r, Severity::Error).iter().map(|e| e.row).collect();
    // Aktobe and Moynak have no coordinates; 1000290 and 1000293 repeat; row 20 has none.
    assert_eq!(rows, vec![Some(2), Some(3), Some(7), Some(8), Some(20)]);
    let f = farm(&r, "1000293");
    assert_eq!(f.name, "Pavlodar TPP-1");
    assert_eq!(f.capacity_mw, Some(350.0)); // Capacity (MW)
    assert_eq!(f.owner, "Aluminum of Kazakhstan");
    assert_eq!(f.status, Status::Operating); // "Operational"
                                             // The link column is URL (links), not Source (names such as "GEODB").
    assert_eq!(
        f.source_url,
        "http://caepco.kz/assets/files/go_caepco_2015_en.pdf"
    );
    assert!(f
        .extra
        .iter()
        .any(|(k, v)| k == "Source" && v == "Central Asian Electric Power Corporation"));
    assert!(of(&r, Severity::Warning).is_empty(), "{:?}", r.errors);
    assert!(r.records.iter().all(|f| f.source_url.starts_with("http")));
}

#[test]
fn windows_1251_russian_semicolons_and_decimal_commas() {
    let r = fixture("cp1251-ru-semicolon.csv");
    assert!(notes(&r).contains("Windows-1251"));
    assert_eq!((r.records.len(), r.skipped), (3, 1));
    let f = farm(&r, "1"); // the № column
    assert_eq!(
        (f.name.as_str(), f.lat, f.lng),
        ("Экибастуз ферма", 51.72371, 75.32287)
    );
    assert_eq!(
        (f.capacity_mw, f.owner.as_str(), f.status),
        (Some(12.5), "ТОО Альфа", Status::ShutDown)
    );
    assert_eq!(farm(&r, "2").capacity_mw, Some(1234.5)); // 1 234,5
    assert_eq!(farm(&r, "2").status, Status::Operating); // работает
    assert_eq!(of(&r, Severity::Error)[0].row, Some(5));
}

#[test]
fn windows_1251_kazakh_headers_and_generated_ids() {
    let r = fixture("cp1251-kk.csv");
    assert_eq!(r.records.len(), 2);
    assert_eq!(
        (r.records[0].id.as_str(), r.records[0].name.as_str()),
        ("row-2", "Екібастуз")
    );
    assert_eq!(r.records[0].capacity_mw, Some(10.0));
    let w = of(&r, Severity::Warning);
    assert_eq!(w.len(), 1, "one warning for the generated ids: {w:?}");
    assert!(w[0].message.contains("no id column"));
}

#[test]
fn koi8r_macroman_cp1252_utf16() {
    let r = fixture("koi8r.csv");
    assert!(notes(&r).contains("KOI8-R"));
    assert_eq!(farm(&r, "K1").name, "Караганда");
    assert_eq!(farm(&r, "K2").status, Status::ShutDown);

    let r = fixture("macroman-cr.csv");
    assert!(notes(&r).contains("Mac Roman"));
    assert_eq!(farm(&r, "M1").name, "Café Zürich");
    assert_eq!(farm(&r, "M4").owner, "Åberg");
    // CR-only line ends: the bad row is named where a spreadsheet shows it.
    assert_eq!(of(&r, Severity::Error)[0].row, Some(4));

    let r = fixture("cp1252-thousands.csv");
    assert!(notes(&r).contains("Windows-1252"));
    assert_eq!(farm(&r, "W1").name, "Köln Süd");
    assert_eq!(farm(&r, "W1").capacity_mw, Some(1600.5)); // "1,600.5"
    assert_eq!(farm(&r, "W2").capacity_mw, Some(2000.0)); // "2,000" next to it
    assert_eq!(farm(&r, "W3").capacity_mw, Some(12.25));

    for f in ["utf16le-tab.csv", "utf16be-tab.csv"] {
        let r = fixture(f);
        assert!(r.errors.is_empty(), "{f}: {:?}", r.errors);
        assert_eq!(farm(&r, "U1").name, "Екібастұз");
        assert_eq!(farm(&r, "U2").capacity_mw, Some(2.5));
        assert!(notes(&r).contains("UTF-16"));
    }
}

#[test]
fn utf8_with_bad_bytes_names_only_that_row() {
    let r = fixture("utf8-bad-bytes.csv");
    assert_eq!((r.records.len(), r.skipped), (2, 1));
    assert_eq!(r.errors[0].row, Some(3));
    assert_eq!(farm(&r, "B3").name, "Қостанай");
}

#[test]
fn number_formats_per_column() {
    let r = fixture("semicolon-decimal-comma.csv");
    assert!(of(&r, Severity::Error).is_empty(), "{:?}", r.errors);
    let s1 = farm(&r, "S1");
    assert_eq!((s1.lat, s1.lng), (51.72, 75.32));
    assert_eq!(s1.capacity_mw, Some(1.6005)); // 1.600,5 kW
    assert_eq!(farm(&r, "S2").capacity_mw, Some(1.234)); // 1.234 kW with a comma-decimal column
    assert!(notes(&r).contains("kW, converted to MW (× 0.001)"));

    let r = fixture("thousands-spaces.csv");
    assert_eq!(farm(&r, "T1").capacity_mw, Some(1.2345)); // 1 234,5 kW
    assert_eq!(farm(&r, "T2").capacity_mw, Some(1.6)); // 1 600 (NBSP) kW
}

#[test]
fn an_ambiguous_thousands_dot_is_warned_with_both_readings() {
    let r = parse(
        "f.csv",
        b"id,lat,lon,capacity_mw\nA,51.7,75.3,1.600\nB,51.8,75.4,2\n",
    );
    let w = of(&r, Severity::Warning);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].message.contains("1.6 or 1600"), "{}", w[0]);
    assert_eq!(w[0].row, Some(2));
    assert_eq!(farm(&r, "A").capacity_mw, Some(1.6));
    // In a semicolon file whose coordinates use decimal commas, it is a thousands dot.
    let r = parse("f.csv", b"id;lat;lon;capacity_mw\nA;51,7;75,3;1.600\n");
    assert_eq!(farm(&r, "A").capacity_mw, Some(1600.0));
    assert!(notes(&r).contains("read as 1600"), "{}", notes(&r));
}

#[test]
fn quoted_newlines_and_crlf_keep_spreadsheet_rows() {
    let r = fixture("quoted-newlines-no-id.csv");
    assert_eq!((r.records.len(), r.skipped), (4, 1));
    assert_eq!(of(&r, Severity::Error)[0].row, Some(5)); // D, spanning two lines
    assert_eq!(r.records[1].id, "row-3");
}

#[test]
fn xlsx_and_ods_cells_keep_their_types_and_errors_name_sheet_row_and_letter() {
    let r = fixture("plants.xlsx");
    assert_eq!((r.records.len(), r.skipped), (10, 1));
    assert_eq!(
        r.errors[0].to_string(),
        "plants.xlsx sheet Plants row 12, column C (lat): \"north\" is not a number"
    );
    let x1 = farm(&r, "X1");
    assert_eq!(x1.capacity_mw, Some(1600.0)); // a number cell: no locale guessing
    assert_eq!(x1.source_url, "https://example.org/1");
    assert_eq!(x1.owner, "Альфа");

    let r = fixture("plants-second-sheet.xlsx");
    assert!(r.errors[0].message.contains("\"Farms\""), "{}", r.errors[0]);
    let opts = FarmsOptions {
        sheet: Some("Farms".into()),
        ..Default::default()
    };
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/farms/plants-second-sheet.xlsx");
    let r = parse_with("p.xlsx", &std::fs::read(p).unwrap(), &opts);
    assert_eq!(r.records.len(), 3, "{:?}", r.errors);

    let r = fixture("kk-headers.xlsx");
    assert_eq!(r.records[0].capacity_mw, Some(1.6)); // Қуаты (кВт) 1600
    assert_eq!(r.records[0].name, "Екібастұз");

    let r = fixture("plants.ods");
    assert_eq!((r.records.len(), r.skipped), (2, 1));
    assert_eq!(farm(&r, "O1").capacity_mw, Some(1600.0));
    assert_eq!(
        r.errors[0].to_string().split(':').next(),
        Some("plants.ods sheet Лист1 row 4, column C (lat)")
    );
}

#[cfg(feature = "gazetteer")]
#[test]
fn place_names_are_placed_from_the_gazetteer() {
    let r = fixture("places-only.csv");
    assert_eq!((r.records.len(), r.skipped), (5, 2));
    for id in ["row-2", "row-3", "row-4", "row-5"] {
        let f = farm(&r, id);
        assert_eq!(
            (f.lat, f.lng, f.precision),
            (51.72371, 75.32287, Precision::City),
            "{id}"
        );
    }
    let errors = of(&r, Severity::Error);
    assert!(
        errors[0].message.contains("matches 3 places"),
        "{}",
        errors[0]
    );
    assert_eq!(errors[0].row, Some(6));
    assert_eq!(errors[1].row, Some(7));
    let r = fixture("places-ru.csv");
    assert_eq!(r.records.len(), 2, "{:?}", r.errors);
}

#[test]
fn precision_default_is_a_stated_choice() {
    let csv = b"id,lat,lon\nA,51.7,75.3\nB,51.8,75.4\n";
    let r = parse("f.csv", csv);
    assert_eq!(r.records[0].precision, Precision::Region);
    assert!(notes(&r).contains("2 rows give no precision; drawn as region"));
    let opts: FarmsOptions = serde_json::from_str(r#"{"precision_default":"exact"}"#).unwrap();
    let r = parse_with("f.csv", csv, &opts);
    assert_eq!(r.records[0].precision, Precision::Exact);
    assert!(!notes(&r).contains("precision"));
}

#[test]
fn an_explicit_mapping_overrides_the_guess() {
    let opts: FarmsOptions = serde_json::from_str(
        r#"{"columns": {"code": "id", "B": "ignore", "size": {"field": "capacity_mw", "unit": "GW"}}}"#,
    )
    .unwrap();
    let r = parse_with(
        "f.csv",
        b"code,name,lat,lon,size\nZ1,x,51.7,75.3,1.5\n",
        &opts,
    );
    let f = farm(&r, "Z1");
    assert_eq!(f.name, "Z1"); // column B (name) ignored
    assert_eq!(f.capacity_mw, Some(1500.0));
}

#[test]
fn capacities_beyond_any_plant_are_refused_by_name() {
    let r = parse(
        "f.csv",
        b"id,lat,lon,capacity_mw\nA,51.7,75.3,250000\nB,51.7,75.3,-1\nC,51.7,75.3,1e400\n",
    );
    assert!(r.records.iter().all(|f| f.capacity_mw.is_none()));
    assert_eq!(of(&r, Severity::Warning).len(), 3, "{:?}", r.errors);
    assert!(r.errors[0].message.contains("more than any farm"));
}

#[test]
fn a_link_column_holding_names_warns_once() {
    let r = parse(
        "f.csv",
        b"id,lat,lon,source_url\nA,51,75,GEODB\nB,51,75,GEODB2\nC,51,75,https://x.org\n",
    );
    let w = of(&r, Severity::Warning);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].message.contains("rows 2, 3"), "{}", w[0]);
    assert_eq!(farm(&r, "C").source_url, "https://x.org");
}
