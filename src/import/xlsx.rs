//! Farms from spreadsheet workbooks (XLSX, XLS, ODS) via `calamine`: the first sheet or the
//! one the mapping names, cells typed as the spreadsheet typed them (a number cell is
//! never read through a locale), rows numbered as the spreadsheet shows them and columns
//! named by letter.

use super::farms_csv::{number_text, Cell, Table};
use super::mapping::FarmsOptions;
use super::{quote, ImportError};
use calamine::{Data, Reader};
use std::io::Cursor;

/// Whether the bytes are a workbook: a ZIP (XLSX, ODS) or an OLE compound file (XLS).
pub(crate) fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Read the sheet into a [`Table`] (label `file sheet Name`, header = first non-empty row).
pub(crate) fn read(file: &str, bytes: &[u8], opts: &FarmsOptions) -> Result<Table, ImportError> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        ImportError::file(
            file,
            format!("is not a workbook that can be read (XLSX, XLS or ODS): {e}"),
        )
    })?;
    let names = book.sheet_names();
    let sheet = match &opts.sheet {
        Some(want) => names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(want.trim()))
            .cloned()
            .ok_or_else(|| {
                let all: Vec<String> = names.iter().map(|n| quote(n)).collect();
                ImportError::file(
                    file,
                    format!(
                        "has no sheet {}; its sheets are {}",
                        quote(want),
                        all.join(", ")
                    ),
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| ImportError::file(file, "has no sheets"))?,
    };
    let range = book.worksheet_range(&sheet).map_err(|e| {
        ImportError::file(file, format!("sheet {} cannot be read: {e}", quote(&sheet)))
    })?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut table = Table {
        label: format!("{file} sheet {sheet}"),
        letters: true,
        other_sheets: names.iter().filter(|n| **n != sheet).cloned().collect(),
        ..Default::default()
    };
    let mut header_found = false;
    for (r, row) in range.rows().enumerate() {
        let shown = row0 as usize + r + 1;
        let mut cells: Vec<Cell> = (0..col0).map(|_| Cell::Empty).collect();
        cells.extend(row.iter().map(cell));
        if !header_found {
            if cells.iter().all(|c| *c == Cell::Empty) {
                continue;
            }
            header_found = true;
            table.header = cells
                .iter()
                .map(|c| match c {
                    Cell::Empty => String::new(),
                    Cell::Text(t) => t.clone(),
                    Cell::Number(v) => number_text(*v),
                    Cell::Date(d) => d.to_string(),
                })
                .collect();
            table.header_row = shown;
            continue;
        }
        table.rows.push((shown, cells));
    }
    if !header_found {
        return Err(ImportError::file(
            &table.label,
            "is empty; expected a header row naming at least the columns id, lat, lon",
        ));
    }
    Ok(table)
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Text(if *b { "yes" } else { "no" }.into()),
        // A date cell is the date it shows; a duration (or a date outside 1900–2100) is
        // text as the serial number, which the date column names as not a date.
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            super::dates::from_ymd(y, m, day)
                .map_or_else(|| Cell::Text(d.as_f64().to_string()), Cell::Date)
        }
        Data::DateTime(d) => Cell::Text(d.as_f64().to_string()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}
