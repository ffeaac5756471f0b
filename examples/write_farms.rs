//! Write the same N seeded farms as a CSV and as an XLSX workbook (for the editor's load
//! benchmark, `bench/editor-load.mjs`; big files are generated, never committed).
//!
//! ```sh
//! cargo run --release --example write_farms -- 100000 /tmp/farms.csv /tmp/farms.xlsx
//! ```

use farmmap::rng::Mulberry32;
use rust_xlsxwriter::Workbook;

const HEADER: [&str; 7] = ["id", "name", "lat", "lon", "capacity_mw", "status", "owner"];
const STATUS: [&str; 3] = ["operating", "shut down", "unknown"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [n, csv_path, xlsx_path] = args.as_slice() else {
        return Err("usage: write_farms N out.csv out.xlsx".into());
    };
    let n: u32 = n.parse()?;
    let mut rng = Mulberry32::new(2022);
    let mut csv = HEADER.join(",");
    csv.push('\n');
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    for i in 0..n {
        // Kazakhstan's box, two and four decimals, a capacity, a status, one of 500 owners.
        let lat = ((41.0 + rng.next_f64() * 14.0) * 10000.0).round() / 10000.0;
        let lon = ((51.0 + rng.next_f64() * 34.0) * 10000.0).round() / 10000.0;
        let cap = (rng.next_f64() * 500.0).round() / 10.0;
        let status = STATUS[(rng.next_f64() * 3.0) as usize % 3];
        let owner = format!("Owner {} LLP", (rng.next_f64() * 500.0) as u32);
        let (id, name) = (format!("F{i}"), format!("Farm {i}"));
        csv.push_str(&format!("{id},{name},{lat},{lon},{cap},{status},{owner}\n"));
        let r = i + 1;
        sheet.write_string(r, 0, &id)?;
        sheet.write_string(r, 1, &name)?;
        sheet.write_number(r, 2, lat)?;
        sheet.write_number(r, 3, lon)?;
        sheet.write_number(r, 4, cap)?;
        sheet.write_string(r, 5, status)?;
        sheet.write_string(r, 6, &owner)?;
    }
    std::fs::write(csv_path, csv)?;
    book.save(xlsx_path)?;
    Ok(())
}
