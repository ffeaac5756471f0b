//! A file's rows as a spreadsheet shows them, decoded (any encoding, any delimiter, or a
//! workbook's sheet), numbered as every importer numbers them (header = row 1 of a CSV;
//! a sheet's rows as the spreadsheet shows them): the editor shows the row a problem names,
//! and gives the rows with problems back as a CSV to fix and upload again. It reads no
//! meaning into the cells (the importers do that).

use super::farms_csv::{read_table, Cell, Table};
use super::mapping::FarmsOptions;
use serde::Serialize;

/// Some rows of a file, with its header.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileRows {
    /// How messages name the file (`farms.csv`, `plants.xlsx sheet Plants`).
    pub label: String,
    /// The header's row as a spreadsheet shows it.
    pub header_row: usize,
    pub header: Vec<String>,
    /// How problems name each column: its header, or its letter in a workbook (a problem's
    /// column is this name, or this name and the field in brackets: `D (date)`).
    pub names: Vec<String>,
    /// The rows asked for that the file has, in file order.
    pub rows: Vec<FileRow>,
    /// Why the file has no rows to show (empty, not a workbook…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// One row: its number as a spreadsheet shows it and its cells as text (a workbook's
/// numbers as the cell shows them, its dates as `YYYY-MM-DD`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileRow {
    pub row: usize,
    pub cells: Vec<String>,
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.clone(),
        Cell::Number(v) => super::farms_csv::number_text(*v),
        Cell::Date(d) => d.to_string(),
    }
}

fn table_rows(table: &Table, wanted: &dyn Fn(usize) -> bool) -> Vec<FileRow> {
    table
        .rows
        .iter()
        .filter(|(row, _)| wanted(*row))
        .map(|(row, cells)| FileRow {
            row: *row,
            cells: cells.iter().map(cell_text).collect(),
        })
        .collect()
}

fn read(file: &str, bytes: &[u8], opts: &FarmsOptions) -> Result<Table, String> {
    read_table(file, bytes, opts, &mut |_| {})
        .map(|r| r.table)
        .map_err(|report| {
            report
                .errors
                .first()
                .map_or_else(|| "cannot be read".to_string(), |e| e.message.clone())
        })
}

/// The rows `first..=last` (as a spreadsheet numbers them) of a CSV file or of a
/// workbook's sheet (`opts.sheet`, else the first), with the header.
///
/// # Examples
/// ```
/// use farmmap::import::{mapping::FarmsOptions, rows::rows};
/// let csv = "id;name\r\nA;\"two\r\nlines\"\r\nB;x\r\n";
/// let r = rows("f.csv", csv.as_bytes(), &FarmsOptions::default(), 3, 3);
/// assert_eq!(r.header, ["id", "name"]);
/// assert_eq!((r.rows[0].row, r.rows[0].cells[0].as_str()), (3, "B")); // row 2 spans two lines
/// ```
pub fn rows(file: &str, bytes: &[u8], opts: &FarmsOptions, first: usize, last: usize) -> FileRows {
    match read(file, bytes, opts) {
        Ok(table) => FileRows {
            rows: table_rows(&table, &|r| (first..=last).contains(&r)),
            names: (0..table.header.len())
                .map(|i| {
                    if table.letters {
                        super::columns::letter(i)
                    } else {
                        table.header[i].trim().to_string()
                    }
                })
                .collect(),
            label: table.label,
            header_row: table.header_row,
            header: table.header,
            problem: None,
        },
        Err(problem) => FileRows {
            label: file.to_string(),
            problem: Some(problem),
            ..Default::default()
        },
    }
}

/// The header and the rows `wanted` of a file (any format [`rows`] reads) as a CSV to fix
/// in a spreadsheet and upload again: UTF-8 with a byte-order mark (so Excel reads it as
/// UTF-8), commas, CRLF line ends, cells quoted when they need it. `Err` says why the file
/// has no rows.
///
/// # Examples
/// ```
/// use farmmap::import::{mapping::FarmsOptions, rows::rows_csv};
/// let csv = "id;name\nA;x\nB;\"y, z\"\nC;w\n";
/// let out = rows_csv("f.csv", csv.as_bytes(), &FarmsOptions::default(), &[3]).unwrap();
/// assert_eq!(out, "\u{feff}id,name\r\nB,\"y, z\"\r\n");
/// ```
pub fn rows_csv(
    file: &str,
    bytes: &[u8],
    opts: &FarmsOptions,
    wanted: &[usize],
) -> Result<String, String> {
    let table = read(file, bytes, opts)?;
    let set: std::collections::HashSet<usize> = wanted.iter().copied().collect();
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let bad = |e: csv::Error| e.to_string();
    w.write_record(&table.header).map_err(bad)?;
    for r in table_rows(&table, &|r| set.contains(&r)) {
        w.write_record(&r.cells).map_err(bad)?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cp1251_file_is_decoded_and_numbered() {
        let bytes = std::fs::read("tests/fixtures/farms/cp1251-ru-semicolon.csv").unwrap();
        let r = rows("f.csv", &bytes, &FarmsOptions::default(), 2, 3);
        assert!(r.problem.is_none());
        assert_eq!(r.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [2, 3]);
        // Cyrillic text, decoded from Windows-1251.
        assert!(
            r.header.iter().any(|h| h
                .chars()
                .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap()))),
            "{:?}",
            r.header
        );
        let out = rows_csv("f.csv", &bytes, &FarmsOptions::default(), &[3]).unwrap();
        assert!(out.starts_with('\u{feff}'));
        assert_eq!(out.matches("\r\n").count(), 2, "{out}");
    }

    #[cfg(feature = "editor")]
    #[test]
    fn a_workbook_sheet_gives_its_rows_as_the_spreadsheet_numbers_them() {
        let bytes = std::fs::read("tests/fixtures/farms/plants.xlsx").unwrap();
        let all = rows("p.xlsx", &bytes, &FarmsOptions::default(), 1, usize::MAX);
        assert!(all.problem.is_none(), "{:?}", all.problem);
        assert!(!all.rows.is_empty());
        let second = &all.rows[1];
        let one = rows(
            "p.xlsx",
            &bytes,
            &FarmsOptions::default(),
            second.row,
            second.row,
        );
        assert_eq!(one.rows, vec![second.clone()]);
        assert_eq!(one.header, all.header);
        assert_eq!(&one.names[..2], ["A", "B"]);
        let out = rows_csv("p.xlsx", &bytes, &FarmsOptions::default(), &[second.row]).unwrap();
        let lines: Vec<&str> = out.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines.len(), 3, "{out}"); // header, the row, the last line end
        assert!(lines[1].contains(&second.cells[0]), "{out}");
    }

    #[test]
    fn a_file_with_no_table_says_why() {
        let r = rows("f.csv", b"", &FarmsOptions::default(), 1, 9);
        assert!(r.problem.unwrap().contains("is empty"));
        assert!(rows_csv("f.csv", b"", &FarmsOptions::default(), &[2]).is_err());
    }
}
