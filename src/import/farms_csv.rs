//! The farms spreadsheet (CSV).
//!
//! Columns (header row required, any order, case-insensitive, extra columns kept):
//! `id`, `lat`, `lon` (required); `name`, `status`, `capacity_mw`, `precision`, `owner`,
//! `source_url` (optional). Aliases: `latitude`; `lng`/`long`/`longitude`; `capacity`/`mw`;
//! `source`/`url`; `owner_group`. The delimiter (comma, semicolon or tab) is detected from
//! the header line, since spreadsheets in comma-decimal locales export semicolons.

use super::farm_fields::{canonical, known_column, Col, FarmFields};
use super::text::{decode, header_errors, last_line, not_utf8, sniff_delimiter, spans_bad_line};
use super::{quote, ImportError, Report};
use crate::model::Farm;
use std::collections::HashMap;

/// Parse a farms CSV. `file` is the name used in messages. Never fails and never panics:
/// every problem is an [`ImportError`] in the report, and good rows still load.
///
/// # Examples
/// ```
/// use farmmap::import::farms_csv;
/// use farmmap::model::Status;
///
/// // Excel in a comma-decimal locale: a BOM, semicolons, and one decimal comma.
/// let bytes = "\u{FEFF}id;name;lat;lon;status\nF1;Ekibastuz;51.72;75.32;shut down\nF2;Almaty;43,2;76.9;\n";
/// let r = farms_csv::parse("farms.csv", bytes.as_bytes());
/// assert_eq!(r.records.len(), 1);
/// assert_eq!((r.records[0].id.as_str(), r.records[0].status), ("F1", Status::ShutDown));
/// assert_eq!(
///     r.errors[0].to_string(),
///     "farms.csv row 3, column lat: \"43,2\" is not a number; use a dot for decimals"
/// );
/// ```
pub fn parse(file: &str, bytes: &[u8]) -> Report<Farm> {
    let decoded = decode(file, bytes);
    let mut report = Report {
        errors: decoded.errors,
        ..Default::default()
    };
    let text = decoded.text;
    if text.trim().is_empty() {
        report.errors.push(ImportError::file(
            file,
            "is empty; expected a header row naming at least the columns id, lat, lon",
        ));
        return report;
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(&text))
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            report.errors.push(ImportError::at(
                file,
                1,
                None,
                format!("header row cannot be read: {e}"),
            ));
            return report;
        }
        None => {
            // Unreachable since `decode` drops every byte-order mark (the csv crate skips
            // one more, which made FF FE FF FE an empty file here); kept as a named error
            // so no input can panic the importer.
            report.errors.push(ImportError::file(
                file,
                "has no header row; expected one naming at least the columns id, lat, lon",
            ));
            return report;
        }
    };

    // Lines that are not UTF-8 are named by the record holding them: the header here, the
    // others below (a quoted cell can span lines, so the line is not always the record's).
    report.errors = header_errors(report.errors, last_line(1, header.iter()));
    let names: Vec<String> = header
        .iter()
        .map(|h| h.trim().to_lowercase().replace([' ', '-'], "_"))
        .collect();
    let mut cols: HashMap<Col, usize> = HashMap::new();
    let mut extra_cols: Vec<(usize, String)> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        match known_column(name) {
            Some(col) => {
                if let Some(&first) = cols.get(&col) {
                    report.errors.push(
                        ImportError::at(
                            file,
                            1,
                            Some(&header[i]),
                            format!(
                                "duplicates column {} (column {}); the first one is used",
                                quote(&header[first]),
                                first + 1
                            ),
                        )
                        .warning(),
                    );
                } else {
                    cols.insert(col, i);
                }
            }
            None if name.is_empty() => {}
            None => extra_cols.push((i, header[i].trim().to_string())),
        }
    }
    let missing: Vec<&str> = [Col::Id, Col::Lat, Col::Lon]
        .into_iter()
        .filter(|c| !cols.contains_key(c))
        .map(canonical)
        .collect();
    if !missing.is_empty() {
        let found = header.iter().map(quote).collect::<Vec<_>>().join(", ");
        for m in &missing {
            report.errors.push(ImportError::at(
                file,
                1,
                Some(m),
                format!("required column is missing; the header has {found}"),
            ));
        }
        report.skipped = records.count();
        return report;
    }

    let mut seen: HashMap<String, usize> = HashMap::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let row = e.position().map_or(0, |p| p.line() as usize);
                report.errors.push(ImportError::at(
                    file,
                    row,
                    None,
                    format!("cannot be read: {e}"),
                ));
                report.skipped += 1;
                continue;
            }
        };
        let row = record.position().map_or(0, |p| p.line() as usize);
        if spans_bad_line(&decoded.bad_lines, row, last_line(row, record.iter())) {
            report.errors.push(not_utf8(file, row));
            report.skipped += 1;
            continue;
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue; // blank lines are not data
        }
        if record.len() != header.len() {
            report.errors.push(
                ImportError::at(
                    file,
                    row,
                    None,
                    format!(
                        "has {} cells but the header has {}; check for an unquoted delimiter",
                        record.len(),
                        header.len()
                    ),
                )
                .warning(),
            );
        }
        let cell = |c: Col| cols.get(&c).and_then(|&i| record.get(i)).unwrap_or("");
        let extra = extra_cols
            .iter()
            .filter_map(|(i, h)| {
                let v = record.get(*i)?.trim();
                (!v.is_empty()).then(|| (h.clone(), v.to_string()))
            })
            .collect();
        let fields = FarmFields {
            file,
            row,
            unit: "row",
        };
        match fields.build(&cell, extra, &mut seen, &mut report.errors) {
            Some(farm) => report.records.push(farm),
            None => report.skipped += 1,
        }
    }
    if report.records.is_empty() && report.skipped == 0 {
        report
            .errors
            .push(ImportError::file(file, "has a header row but no data rows"));
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Severity;
    use crate::model::{Precision, Status};

    const HEADER: &str = "id,name,lat,lon,status,capacity_mw,precision,source_url,notes\n";

    fn csv(rows: &str) -> Report<Farm> {
        parse("farms.csv", format!("{HEADER}{rows}").as_bytes())
    }

    fn messages(r: &Report<Farm>) -> Vec<String> {
        r.errors.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn loads_good_rows_and_keeps_unknown_columns() {
        let r = csv("F1,Ekibastuz farm,51.72,75.32,shut down,12.5,city,https://example.org/a,raided in March\n");
        assert!(r.errors.is_empty(), "{:?}", messages(&r));
        let f = &r.records[0];
        assert_eq!((f.id.as_str(), f.lat, f.lng), ("F1", 51.72, 75.32));
        assert_eq!(f.status, Status::ShutDown);
        assert_eq!(f.capacity_mw, Some(12.5));
        assert_eq!(f.precision, Precision::City);
        assert_eq!(
            f.extra,
            vec![("notes".to_string(), "raided in March".to_string())]
        );
    }

    #[test]
    fn decimal_comma_is_named_with_row_and_column_and_good_rows_still_load() {
        let r = csv("F1,a,43.2,76.9,,,,,\nF2,b,\"43,2\",76.9,,,,,\nF3,c,44,77,,,,,\n");
        assert_eq!(r.records.len(), 2);
        assert_eq!(r.skipped, 1);
        assert_eq!(
            messages(&r),
            vec!["farms.csv row 3, column lat: \"43,2\" is not a number; use a dot for decimals"]
        );
    }

    #[test]
    fn missing_required_column_names_it() {
        let r = parse("farms.csv", b"id,name,latitude\nF1,a,43\n");
        assert!(r.records.is_empty());
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].column.as_deref(), Some("lon"));
        assert!(r.errors[0].message.contains("required column is missing"));
        assert_eq!(r.skipped, 1);
    }

    #[test]
    fn out_of_range_latitude_suggests_a_swap() {
        let r = csv("F1,a,76.9,43.2,,,,,\nF2,a,95,120,,,,,\n");
        assert_eq!(r.records.len(), 1);
        let r = csv("F1,a,120,43.2,,,,,\n");
        assert_eq!(r.errors[0].column.as_deref(), Some("lat"));
        assert!(r.errors[0].message.contains("swapped"), "{}", r.errors[0]);
        let r = csv("F1,a,43,190,,,,,\n");
        assert_eq!(r.errors[0].column.as_deref(), Some("lon"));
        assert!(r.errors[0].message.contains("out of range"));
    }

    #[test]
    fn duplicate_id_names_the_first_row() {
        let r = csv("F1,a,43,76,,,,,\nF1,b,44,77,,,,,\n");
        assert_eq!(r.records.len(), 1);
        assert_eq!(r.records[0].name, "a");
        assert_eq!(
            messages(&r),
            vec!["farms.csv row 3, column id: \"F1\" is already used in row 2; ids must be unique"]
        );
    }

    #[test]
    fn empty_file_and_header_only() {
        let r = parse("farms.csv", b"");
        assert_eq!(
            messages(&r),
            vec![
            "farms.csv: is empty; expected a header row naming at least the columns id, lat, lon"
        ]
        );
        let r = parse("farms.csv", b"  \n\n");
        assert_eq!(r.errors.len(), 1);
        let r = parse("farms.csv", HEADER.as_bytes());
        assert_eq!(
            messages(&r),
            vec!["farms.csv: has a header row but no data rows"]
        );
    }

    #[test]
    fn bom_and_semicolons_from_excel() {
        let r = parse(
            "farms.csv",
            "\u{FEFF}id;name;lat;lon\nF1;Павлодар;52,28;76,95\nF2;ok;52.3;76.9\n".as_bytes(),
        );
        assert_eq!(r.records.len(), 1);
        assert_eq!(r.records[0].id, "F2");
        assert!(r.errors[0].message.contains("use a dot"), "{:?}", r.errors);
    }

    #[test]
    fn wrong_encoding_names_the_row_and_keeps_the_others() {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(
            b"F1,\xcf\xe0\xe2\xeb\xee\xe4\xe0\xf0,52.2,76.9,,,,,\nF2,ok,52,77,,,,,\n",
        );
        let r = parse("farms.csv", &bytes);
        assert_eq!(r.records.len(), 1);
        assert_eq!(r.records[0].id, "F2");
        assert_eq!(r.skipped, 1);
        assert_eq!(r.errors.len(), 1);
        assert!(r.errors[0]
            .to_string()
            .starts_with("farms.csv row 2: is not UTF-8"));
    }

    #[test]
    fn soft_problems_keep_the_row_as_warnings() {
        let r = csv("F1,a,43,76,maybe,-3,somewhere,javascript:alert(1),\n");
        assert_eq!(r.records.len(), 1);
        let f = &r.records[0];
        assert_eq!(
            (f.status, f.capacity_mw, f.precision),
            (Status::Unknown, None, Precision::Region)
        );
        assert_eq!(f.source_url, "");
        assert_eq!(r.errors.len(), 4);
        assert!(r.errors.iter().all(|e| e.severity == Severity::Warning));
        assert_eq!(r.skipped, 0);
    }

    #[test]
    fn several_problems_in_one_row_are_all_named_but_skip_it_once() {
        let r = csv(",a,x,y,,,,,\n");
        assert_eq!(r.errors.len(), 3);
        assert_eq!(r.skipped, 1);
    }

    #[test]
    fn data_text_is_kept_verbatim() {
        let r = csv("F1,<img src=x onerror=alert(1)>,43,76,,,,,\n");
        assert_eq!(r.records[0].name, "<img src=x onerror=alert(1)>");
    }

    #[test]
    fn a_line_not_utf8_inside_a_quoted_cell_skips_its_record_and_names_it() {
        // Found by the fuzz targets: the decoder named line 3, but the record holding it
        // starts on line 2 (a quoted cell spans both), so it loaded half-decoded while the
        // error said it was skipped.
        let r = parse(
            "farms.csv",
            b"id,name,lat,lon\nF1,\"two\n\xff lines\",43,76\nF2,ok,44,77\n",
        );
        assert_eq!(r.records.len(), 1);
        assert_eq!(r.records[0].id, "F2");
        assert_eq!(r.skipped, 1);
        assert_eq!(r.errors.len(), 1);
        assert!(
            r.errors[0]
                .to_string()
                .starts_with("farms.csv row 2: is not UTF-8"),
            "{}",
            r.errors[0]
        );
    }

    #[test]
    fn crlf_line_ends_name_the_spreadsheet_row() {
        // Found by the farms_csv fuzz target: after a CRLF the csv crate still reports the
        // previous line, so Excel's default files named every row one too low ("row 1" for
        // the first farm), and a line that is not UTF-8 was matched to the wrong record.
        let r = parse(
            "farms.csv",
            b"id,lat,lon\r\nF1,x,76\r\nF2,43,76\r\nF3,y,77\r\n",
        );
        assert_eq!(r.records.len(), 1);
        let rows: Vec<Option<usize>> = r.errors.iter().map(|e| e.row).collect();
        assert_eq!(rows, [Some(2), Some(4)]);
        let r = parse(
            "farms.csv",
            b"id,name,lat,lon\nF1,\xcf\xe0,43,76\r\nF2,ok,44,77\r\n",
        );
        assert_eq!(r.records.len(), 1);
        assert_eq!(r.records[0].id, "F2");
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].row, Some(2));
    }

    #[test]
    fn a_header_line_not_utf8_is_named_as_the_header() {
        // Found by the farms_csv fuzz target: a quoted header cell spanning lines 1–2, line 2
        // not UTF-8, was named "row 2" as a skipped record, though no record was skipped.
        let r = parse("farms.csv", b"id,lat,lon,\"notes\n\xff\"\nF1,43,76,a\n");
        assert_eq!(r.records.len(), 1);
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].row, Some(1));
        assert!(r.errors[0].message.contains("not UTF-8"));
    }

    #[test]
    fn cr_only_line_ends_name_the_spreadsheet_row() {
        // Found by the farms_csv fuzz target: with classic Mac line ends every row was
        // named "row 1" (the csv crate counts lines by LF only).
        let r = parse("farms.csv", b"id,lat,lon\rF1,43,76\rF2,x,76\rF3,44,77\r");
        assert_eq!(r.records.len(), 2);
        assert_eq!(r.skipped, 1);
        assert_eq!(
            messages(&r),
            vec!["farms.csv row 3, column lat: \"x\" is not a number"]
        );
    }

    #[test]
    fn utf16_bom_twice_is_named_not_a_panic() {
        // FF FE FF FE reached `unreachable!("non-empty text has a first record")`.
        let r = parse("farms.csv", &[0xFF, 0xFE, 0xFF, 0xFE]);
        assert!(r.records.is_empty());
        assert_eq!(
            messages(&r),
            vec![
            "farms.csv: is empty; expected a header row naming at least the columns id, lat, lon"
        ]
        );
        let r = parse(
            "farms.csv",
            "\u{FEFF}\u{FEFF}id,lat,lon\nF1,43,76\n".as_bytes(),
        );
        assert_eq!(r.records.len(), 1, "{:?}", messages(&r));
    }
}
