//! Time the farms importer on generated files of 10k, 100k and 1M rows, CSV and XLSX, to
//! show it stays linear. Prints one JSON line per run.
//!
//! ```sh
//! cargo run --release --example import_bench            # 10k, 100k, 1M
//! cargo run --release --example import_bench -- 10000 100000
//! ```

use farmmap::import::farms_csv;
use std::time::Instant;

fn row(i: usize) -> (String, String, f64, f64, f64, &'static str) {
    let lat = 41.0 + (i % 1000) as f64 * 0.013;
    let lon = 50.0 + (i / 1000 % 1000) as f64 * 0.035;
    let cap = (i % 500) as f64 * 0.25;
    (
        format!("F{i}"),
        format!("Farm {i}"),
        lat,
        lon,
        cap,
        if i % 3 == 0 { "shut down" } else { "operating" },
    )
}

fn csv(n: usize) -> Vec<u8> {
    let mut s = String::with_capacity(n * 60);
    s.push_str("Power Plant ID;Name;Широта;Долгота;Capacity (MW);Status;URL\r\n");
    for i in 0..n {
        let (id, name, lat, lon, cap, status) = row(i);
        let dec = |v: f64| format!("{v}").replace('.', ",");
        s.push_str(&format!(
            "{id};{name};{};{};{};{status};https://example.org/{i}\r\n",
            dec(lat),
            dec(lon),
            dec(cap)
        ));
    }
    s.into_bytes()
}

fn xlsx(n: usize) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in [
        "Power Plant ID",
        "Name",
        "Latitude",
        "Longitude",
        "Capacity (MW)",
        "Status",
        "URL",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for i in 0..n {
        let r = i as u32 + 1;
        let (id, name, lat, lon, cap, status) = row(i);
        sheet.write_string(r, 0, &id).expect("cell");
        sheet.write_string(r, 1, &name).expect("cell");
        sheet.write_number(r, 2, lat).expect("cell");
        sheet.write_number(r, 3, lon).expect("cell");
        sheet.write_number(r, 4, cap).expect("cell");
        sheet.write_string(r, 5, status).expect("cell");
        sheet
            .write_string(r, 6, format!("https://example.org/{i}"))
            .expect("cell");
    }
    book.save_to_buffer().expect("xlsx")
}

fn main() {
    let sizes: Vec<usize> = {
        let args: Vec<usize> = std::env::args()
            .skip(1)
            .filter_map(|a| a.parse().ok())
            .collect();
        if args.is_empty() {
            vec![10_000, 100_000, 1_000_000]
        } else {
            args
        }
    };
    for &n in &sizes {
        for (kind, bytes) in [("csv", csv(n)), ("xlsx", xlsx(n))] {
            let start = Instant::now();
            let r = farms_csv::parse(&format!("bench.{kind}"), &bytes);
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            assert_eq!(r.records.len(), n, "{:?}", r.errors.first());
            println!(
                "{}",
                serde_json::json!({
                    "kind": kind, "rows": n, "bytes": bytes.len(), "ms": ms.round(),
                    "us_per_row": (ms * 1000.0 / n as f64 * 100.0).round() / 100.0,
                })
            );
        }
    }
}
