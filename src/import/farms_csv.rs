//! The farms spreadsheet: CSV in any common encoding, delimiter and number format, and
//! (through the private `xlsx` module) XLSX, XLS and ODS workbooks.
//!
//! Columns are recognised by their headers in English, Russian and Kazakh (see
//! [`super::columns`]), units in headers are converted to MW, and an explicit
//! [`FarmsOptions`] mapping overrides every guess. Rows are numbered as a spreadsheet shows
//! them (header = row 1), whatever the line ends and however many lines a quoted cell spans.
//! Problems with the position or id skip the row (errors); problems with other values keep
//! it with that value unknown (warnings); facts about the whole file (the encoding read,
//! units converted, defaults applied, columns not used) are `notes`.

use super::columns::{self, fold, guess, header as norm_header, is_link, letter};
use super::dates::{column_dates, parse_date, slash_order, DateProblem};
use super::farm_fields::{canonical, precision_word, Cells, Col, FarmFields};
use super::mapping::{DateFormat, FarmField, FarmsOptions, NumberFormat, Unit};
use super::numbers::{column_decimal, evidence, parse_in, Evidence, Format};
use super::text::{decode_guess, sniff_delimiter, Rows};
use super::{quote, ImportError, Progress, Report, Stage};
use crate::model::{Farm, FarmDate, Precision};
use std::collections::HashMap;

/// One cell as the file typed it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    /// A spreadsheet's numeric cell: never read through a locale (workbooks are read only
    /// with the `editor` feature).
    #[cfg_attr(not(feature = "editor"), allow(dead_code))]
    Number(f64),
    /// A spreadsheet's date cell, as the date it shows (never its serial number).
    #[cfg_attr(not(feature = "editor"), allow(dead_code))]
    Date(FarmDate),
}

impl Cell {
    fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Empty => "".into(),
            Cell::Text(t) => t.as_str().into(),
            Cell::Number(v) => number_text(*v).into(),
            Cell::Date(d) => d.to_string().into(),
        }
    }
}

/// A spreadsheet number as its cell shows it: `1023210`, not `1023210.0`.
pub(crate) fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A table read from a CSV file or a sheet: the header, then each row with the number a
/// spreadsheet shows for it.
#[derive(Debug, Default)]
pub(crate) struct Table {
    /// How messages name the file: `farms.csv`, or `plants.xlsx sheet Plants`.
    pub label: String,
    pub header: Vec<String>,
    pub header_row: usize,
    pub rows: Vec<(usize, Vec<Cell>)>,
    /// Name columns by letter (spreadsheets) rather than by header.
    pub letters: bool,
    /// The CSV delimiter, if any (a semicolon suggests a decimal-comma locale).
    pub delimiter: Option<u8>,
    /// A workbook's other sheets, named when this one has no farm columns.
    pub other_sheets: Vec<String>,
}

/// Parse a farms file (CSV, or an XLSX/XLS/ODS workbook, recognised by its bytes) with every
/// column guessed. `file` is the name used in messages. Never fails and never panics: every
/// problem is an [`ImportError`] in the report, and good rows still load.
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
    parse_with(file, bytes, &FarmsOptions::default())
}

/// Parse a farms file with an explicit mapping and defaults (see [`FarmsOptions`] for its
/// serde shape): mapped columns override the guesses, `precision_default` is the precision
/// of rows that give none, `sheet` picks a workbook's sheet.
///
/// # Examples
/// ```
/// use farmmap::import::{farms_csv, mapping::FarmsOptions};
/// use farmmap::model::Precision;
///
/// let opts = FarmsOptions { precision_default: Some(Precision::Exact), ..Default::default() };
/// let r = farms_csv::parse_with("f.csv", b"Power Plant ID,Latitude,Longitude,Capacity (kW)\n7,51.7,75.3,1500\n", &opts);
/// let f = &r.records[0];
/// assert_eq!((f.id.as_str(), f.capacity_mw, f.precision), ("7", Some(1.5), Precision::Exact));
/// assert!(r.notes[0].message.contains("kW"), "{:?}", r.notes);
/// ```
pub fn parse_with(file: &str, bytes: &[u8], opts: &FarmsOptions) -> Report<Farm> {
    parse_with_progress(file, bytes, opts, &mut |_| {})
}

/// [`parse_with`], telling `progress` how far it is: reading the file (bytes of text, or
/// one step for a workbook) then checking its rows, every [`PROGRESS_EVERY`] rows and at
/// the end of each stage. The editor's worker shows it as a progress bar.
///
/// # Examples
/// ```
/// use farmmap::import::{farms_csv, mapping::FarmsOptions, Progress, Stage};
///
/// let mut seen: Vec<Progress> = Vec::new();
/// let csv = "id,lat,lon\nA,43.2,76.9\nB,44,77\n";
/// let r = farms_csv::parse_with_progress("f.csv", csv.as_bytes(), &FarmsOptions::default(), &mut |p| seen.push(p));
/// assert_eq!(r.records.len(), 2);
/// assert_eq!(seen.last(), Some(&Progress { stage: Stage::Checking, done: 2, total: 2 }));
/// assert!(seen.iter().any(|p| p.stage == Stage::Reading && p.done == p.total));
/// ```
pub fn parse_with_progress(
    file: &str,
    bytes: &[u8],
    opts: &FarmsOptions,
    progress: &mut dyn FnMut(Progress),
) -> Report<Farm> {
    match read_table(file, bytes, opts, progress) {
        Err(report) => report,
        Ok(read) => {
            let mut report = load_table(read.table, opts, read.notes, progress);
            let mut errors = read.errors;
            errors.append(&mut report.errors);
            report.errors = errors;
            report.skipped += read.skipped;
            report
        }
    }
}

/// How often (in rows) [`parse_with_progress`] reports.
pub const PROGRESS_EVERY: usize = 2000;

/// A file read into a [`Table`], with what reading it found: notes on the encoding, rows
/// that could not be read (named, and counted as skipped).
pub(crate) struct ReadTable {
    pub table: Table,
    pub notes: Vec<ImportError>,
    pub errors: Vec<ImportError>,
    pub skipped: usize,
}

/// Read a farms file (CSV text in any encoding, or a workbook) into its table; `Err` is the
/// report when there is no table to read (empty, no header, not a workbook).
pub(crate) fn read_table(
    file: &str,
    bytes: &[u8],
    opts: &FarmsOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ReadTable, Report<Farm>> {
    let fail = |e: ImportError| {
        let mut report = Report::default();
        report.errors.push(e);
        report
    };
    #[cfg(not(feature = "editor"))]
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        let _ = opts;
        return Err(fail(ImportError::file(
            file,
            "is a spreadsheet workbook; this reader build reads CSV text only (save it as \"CSV UTF-8\", or use the editor)",
        )));
    }
    #[cfg(feature = "editor")]
    if super::xlsx::is_workbook(bytes) {
        progress(Progress::new(Stage::Reading, 0, 1));
        let table = super::xlsx::read(file, bytes, opts).map_err(fail)?;
        progress(Progress::new(Stage::Reading, 1, 1));
        return Ok(ReadTable {
            table,
            notes: Vec::new(),
            errors: Vec::new(),
            skipped: 0,
        });
    }
    let decoded = decode_guess(bytes);
    let mut notes = Vec::new();
    if decoded.encoding != "UTF-8" {
        let how = if decoded.guessed {
            "guessed from its bytes"
        } else {
            "from its byte-order mark"
        };
        notes.push(
            ImportError::file(
                file,
                format!(
                    "read as {} text ({how}); if names look garbled, save the file as UTF-8",
                    decoded.encoding
                ),
            )
            .warning(),
        );
    }
    let text = decoded.text;
    if text.trim().is_empty() {
        return Err(fail(ImportError::file(
            file,
            "is empty; expected a header row naming at least the columns id, lat, lon",
        )));
    }
    let delimiter = sniff_delimiter(&text);
    let rows = Rows::new(&text, delimiter);
    let row_of = |byte: usize| rows.of(byte);
    let bad_rows = rows.of_all(&decoded.bad_offsets);
    let not_text = |row: usize| {
        ImportError::at(
            file,
            row,
            None,
            format!(
                "has bytes that are not {} text; save the file as UTF-8 (\"CSV UTF-8\" in Excel)",
                decoded.encoding
            ),
        )
    };

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut table = Table {
        label: file.to_string(),
        delimiter: Some(delimiter),
        ..Default::default()
    };
    let mut pre_errors = Vec::new();
    let mut pre_skipped = 0;
    let mut first = true;
    let mut record = csv::StringRecord::new();
    let mut records = 0usize;
    loop {
        let at = reader.position().byte() as usize;
        records += 1;
        if records % PROGRESS_EVERY == 0 {
            progress(Progress::new(Stage::Reading, at, text.len()));
        }
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let row = record
                    .position()
                    .map_or_else(|| row_of(at), |p| row_of(p.byte() as usize));
                let bad = bad_rows.binary_search(&row).is_ok();
                if first {
                    first = false;
                    table.header = record.iter().map(str::to_string).collect();
                    table.header_row = row;
                    if bad {
                        // Named as the header (however many lines it spans); no record is
                        // skipped for it.
                        pre_errors.push(not_text(row));
                    }
                    continue;
                }
                if bad {
                    pre_errors.push(not_text(row));
                    pre_skipped += 1;
                    continue;
                }
                let cells = record
                    .iter()
                    .map(|c| {
                        if c.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(c.to_string())
                        }
                    })
                    .collect();
                table.rows.push((row, cells));
            }
            Err(e) => {
                let row = e.position().map_or(0, |p| row_of(p.byte() as usize));
                if first {
                    return Err(fail(ImportError::at(
                        file,
                        1,
                        None,
                        format!("header row cannot be read: {e}"),
                    )));
                }
                pre_errors.push(ImportError::at(
                    file,
                    row,
                    None,
                    format!("cannot be read: {e}"),
                ));
                pre_skipped += 1;
            }
        }
    }
    if first {
        return Err(fail(ImportError::file(
            file,
            "has no header row; expected one naming at least the columns id, lat, lon",
        )));
    }
    progress(Progress::new(Stage::Reading, text.len(), text.len()));
    Ok(ReadTable {
        table,
        notes,
        errors: pre_errors,
        skipped: pre_skipped,
    })
}

fn col_of(field: FarmField) -> Option<Col> {
    Some(match field {
        FarmField::Id => Col::Id,
        FarmField::Name => Col::Name,
        FarmField::Lat => Col::Lat,
        FarmField::Lon => Col::Lon,
        FarmField::Status => Col::Status,
        FarmField::CapacityMw => Col::Capacity,
        FarmField::Precision => Col::Precision,
        FarmField::Owner => Col::Owner,
        FarmField::SourceUrl => Col::Source,
        FarmField::Date => Col::Date,
        FarmField::Illustrative => Col::Illustrative,
        FarmField::Place | FarmField::Ignore => return None,
    })
}

/// Which column fills which field: the mapping's columns first, then the guesses from the
/// headers (the best-ranked column per field; for links, the column that holds links).
pub(crate) struct Assignment {
    /// Column → what the mapping says it is.
    pub explicit: HashMap<usize, (FarmField, Option<Unit>, Option<NumberFormat>)>,
    /// Column → the date format the mapping sets for it.
    pub date_formats: HashMap<usize, DateFormat>,
    /// Every header, normalised.
    pub heads: Vec<columns::Header>,
    /// Field → the column that fills it.
    pub field_col: HashMap<FarmField, usize>,
    /// Columns that look like a field but fill none (sorted).
    pub unused_meaningful: Vec<usize>,
    /// The mapping's columns the header lacks (warnings).
    pub errors: Vec<ImportError>,
}

/// Decide which column fills which field (the one place: the importer and the editor's
/// column table both use it).
pub(crate) fn assign_columns(table: &Table, opts: &FarmsOptions) -> Assignment {
    let file = table.label.as_str();
    let header = &table.header;
    let n = header.len();
    let mut errors = Vec::new();
    let mut explicit: HashMap<usize, (FarmField, Option<Unit>, Option<NumberFormat>)> =
        HashMap::new();
    let mut date_formats: HashMap<usize, DateFormat> = HashMap::new();
    for (key, m) in &opts.columns {
        let k = key.trim();
        let hit = header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(k))
            .or_else(|| header.iter().position(|h| fold(h.trim()) == fold(k)))
            .or_else(|| {
                (k.len() <= 3 && k.bytes().all(|b| b.is_ascii_uppercase()))
                    .then(|| (0..n).find(|&i| letter(i) == k))
                    .flatten()
            });
        match hit {
            Some(i) => {
                explicit.insert(i, (m.field, m.unit, m.number_format));
                if let Some(f) = m.date_format {
                    date_formats.insert(i, f);
                }
            }
            None => errors.push(
                ImportError::file(
                    file,
                    format!(
                        "the column mapping names column {} but the header has no such column",
                        quote(k)
                    ),
                )
                .warning(),
            ),
        }
    }
    let heads: Vec<columns::Header> = header.iter().map(|h| norm_header(h)).collect();
    // candidates: field → (rank, column); rank 0 = mapped explicitly.
    let mut candidates: HashMap<FarmField, Vec<(u8, usize)>> = HashMap::new();
    let mut unused_meaningful: Vec<usize> = Vec::new();
    for (i, head) in heads.iter().enumerate() {
        if let Some((field, _, _)) = explicit.get(&i) {
            candidates.entry(*field).or_default().push((0, i));
            continue;
        }
        let g = if i == 0 && header[0].trim().is_empty() {
            Some((FarmField::Id, 1)) // a pandas index
        } else if head.energy {
            None
        } else {
            guess(&head.key)
        };
        match g {
            Some((field, rank)) => candidates.entry(field).or_default().push((rank + 1, i)),
            None if looks_meaningful(&head.key) => unused_meaningful.push(i),
            None => {}
        }
    }
    let link_count = |i: usize| {
        table
            .rows
            .iter()
            .filter(|(_, c)| c.get(i).is_some_and(|c| is_link(&c.text())))
            .count()
    };
    let mut field_col: HashMap<FarmField, usize> = HashMap::new();
    for (field, list) in &candidates {
        if *field == FarmField::Ignore {
            continue;
        }
        let best = if *field == FarmField::SourceUrl && list.iter().all(|c| c.0 > 0) {
            // The column that holds links wins over one named "source" holding names.
            list.iter()
                .max_by_key(|&&(rank, i)| {
                    (link_count(i), std::cmp::Reverse(rank), std::cmp::Reverse(i))
                })
                .copied()
        } else {
            list.iter().min().copied()
        };
        if let Some((_, i)) = best {
            field_col.insert(*field, i);
            for &(_, j) in list {
                if j != i {
                    unused_meaningful.push(j);
                }
            }
        }
    }
    crate::sort::sort(&mut unused_meaningful);

    Assignment {
        explicit,
        date_formats,
        heads,
        field_col,
        unused_meaningful,
        errors,
    }
}

/// Load the farms of a table: recognise the columns, decide each numeric column's format,
/// then build every row.
pub(crate) fn load_table(
    table: Table,
    opts: &FarmsOptions,
    mut notes: Vec<ImportError>,
    progress: &mut dyn FnMut(Progress),
) -> Report<Farm> {
    let file = table.label.as_str();
    let mut report: Report<Farm> = Report::default();
    let header = &table.header;
    let n = header.len();
    let col_name = |i: usize| -> String {
        if table.letters {
            letter(i)
        } else {
            header[i].trim().to_string()
        }
    };

    // 1. Which column fills which field: the mapping first, then the guesses.
    let Assignment {
        explicit,
        date_formats,
        heads,
        field_col,
        unused_meaningful,
        errors,
    } = assign_columns(&table, opts);
    report.errors.extend(errors);

    // 2. Labels for messages.
    let mut labels: HashMap<Col, String> = HashMap::new();
    for (field, &i) in &field_col {
        if let Some(col) = col_of(*field) {
            let canon = canonical(col);
            let label = if table.letters {
                format!("{} ({canon})", letter(i))
            } else if heads[i].key == canon || header[i].trim() == canon {
                canon.to_string()
            } else {
                format!("{} ({canon})", header[i].trim())
            };
            labels.insert(col, label);
        }
    }
    let place_col = field_col.get(&FarmField::Place).copied();
    let has_coords =
        field_col.contains_key(&FarmField::Lat) && field_col.contains_key(&FarmField::Lon);
    let missing: Vec<&str> = [(FarmField::Lat, "lat"), (FarmField::Lon, "lon")]
        .into_iter()
        .filter(|(f, _)| !field_col.contains_key(f))
        .map(|(_, n)| n)
        .collect();
    if !missing.is_empty() && place_col.is_none() {
        let found = header
            .iter()
            .map(|h| quote(h))
            .collect::<Vec<_>>()
            .join(", ");
        for m in &missing {
            report.errors.push(ImportError::at(
                file,
                table.header_row.max(1),
                Some(m),
                format!(
                    "required column is missing (or give a place column: town, город, населённый пункт); the header has {found}{}",
                    if table.other_sheets.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "; the workbook's other sheets are {} (name one as sheet in the column mapping)",
                            table.other_sheets.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ")
                        )
                    }
                ),
            ));
        }
        report.skipped = table.rows.len();
        report.notes = notes;
        return report;
    }

    // 3. Number formats and units.
    let file_fmt = opts.number_format.map(Format::from);
    let numeric = [FarmField::Lat, FarmField::Lon, FarmField::CapacityMw];
    let text_values = |i: usize| {
        table.rows.iter().filter_map(move |(_, c)| match c.get(i) {
            Some(Cell::Text(t)) => Some(t.as_str()),
            _ => None,
        })
    };
    let file_decimal = {
        let mut decided = None;
        for f in numeric {
            if let Some(&i) = field_col.get(&f) {
                if let Some(d) = column_decimal(text_values(i)) {
                    decided = Some((d, i));
                    if f != FarmField::CapacityMw {
                        break;
                    }
                }
            }
        }
        decided
    };
    let mut formats: HashMap<Col, Format> = HashMap::new();
    let mut scale: HashMap<Col, f64> = HashMap::new();
    for f in numeric {
        let Some(&i) = field_col.get(&f) else {
            continue;
        };
        let col = col_of(f).unwrap_or(Col::Lat);
        let mapped = explicit
            .get(&i)
            .and_then(|e| e.2)
            .map(Format::from)
            .or(file_fmt);
        let coord = f != FarmField::CapacityMw;
        let fmt = if let Some(m) = mapped {
            m
        } else if let Some(d) = column_decimal(text_values(i)) {
            Format {
                decimal: d,
                grouping: !coord,
            }
        } else if coord {
            Format {
                decimal: file_decimal.map_or('.', |d| d.0),
                grouping: false,
            }
        } else {
            let ambiguous: Vec<(usize, &str)> = table
                .rows
                .iter()
                .filter_map(|(row, c)| match c.get(i) {
                    Some(Cell::Text(t)) if evidence(t) == Evidence::Ambiguous => {
                        Some((*row, t.as_str()))
                    }
                    _ => None,
                })
                .collect();
            // A decimal comma elsewhere in the file makes `1.600` a thousands dot; a decimal
            // point elsewhere says nothing about it (1.6, or 1,600 written German-style?).
            let decimal = match file_decimal.filter(|d| d.0 == ',') {
                Some((d, j)) => {
                    if let Some(&(row, v)) = ambiguous.first() {
                        let reading = parse_in(
                            v,
                            Format {
                                decimal: d,
                                grouping: true,
                            },
                        )
                        .unwrap_or(0.0);
                        notes.push(ImportError::file(file, format!(
                            "column {}: {} values such as {} (row {row}) are read as {} ({}), since the file writes decimals with a {} (column {})",
                            quote(&col_name(i)), ambiguous.len(), quote(v), number_text(reading),
                            if d == ',' { "a thousands dot" } else { "a decimal point" },
                            if d == ',' { "comma" } else { "dot" }, quote(&col_name(j))
                        )).warning());
                    }
                    d
                }
                None => {
                    let d = if table.delimiter == Some(b';') {
                        ','
                    } else {
                        '.'
                    };
                    if let Some(&(row, v)) = ambiguous.first() {
                        let as_point = parse_in(
                            v,
                            Format {
                                decimal: '.',
                                grouping: true,
                            },
                        )
                        .unwrap_or(0.0);
                        let as_comma = parse_in(
                            v,
                            Format {
                                decimal: ',',
                                grouping: true,
                            },
                        )
                        .unwrap_or(0.0);
                        let rows: Vec<String> =
                            ambiguous.iter().take(10).map(|r| r.0.to_string()).collect();
                        let (chosen, why) = if d == ',' {
                            (
                                as_comma,
                                "a thousands separator, as in a file with semicolons",
                            )
                        } else {
                            (as_point, "a decimal point")
                        };
                        report.errors.push(ImportError::at(file, row, Some(&labels.get(&col).cloned().unwrap_or_default()), format!(
                            "{} can be read two ways: {} or {}; {} value{} like it (rows {}{}) read as {} ({why}); if that is wrong, set number_format for this column in the column mapping",
                            quote(v), number_text(as_point), number_text(as_comma), ambiguous.len(),
                            if ambiguous.len() == 1 { "" } else { "s" }, rows.join(", "),
                            if ambiguous.len() > 10 { ", …" } else { "" }, number_text(chosen)
                        )).warning());
                    }
                    d
                }
            };
            Format {
                decimal,
                grouping: true,
            }
        };
        formats.insert(col, fmt);
        if f == FarmField::CapacityMw {
            let unit = explicit.get(&i).and_then(|e| e.1).or(heads[i].unit);
            if let Some(u) = unit.filter(|u| *u != Unit::Mw) {
                scale.insert(col, u.to_mw());
                notes.push(
                    ImportError::file(
                        file,
                        format!(
                            "column {}: capacities are in {}, converted to MW (× {})",
                            quote(&col_name(i)),
                            u.label(),
                            number_text(u.to_mw())
                        ),
                    )
                    .warning(),
                );
            }
        }
    }

    // 4. Extra columns: everything not used as a field.
    let used: Vec<usize> = field_col.values().copied().collect();
    let extra_cols: Vec<(usize, String)> = (0..n)
        .filter(|i| !used.contains(i) && !header[*i].trim().is_empty())
        .map(|i| (i, header[i].trim().to_string()))
        .collect();

    // 5. The rows.
    let idx = |c: Col| -> Option<usize> {
        let f = match c {
            Col::Id => FarmField::Id,
            Col::Name => FarmField::Name,
            Col::Lat => FarmField::Lat,
            Col::Lon => FarmField::Lon,
            Col::Status => FarmField::Status,
            Col::Capacity => FarmField::CapacityMw,
            Col::Precision => FarmField::Precision,
            Col::Owner => FarmField::Owner,
            Col::Source => FarmField::SourceUrl,
            Col::Date => FarmField::Date,
            Col::Illustrative => FarmField::Illustrative,
        };
        field_col.get(&f).copied()
    };
    let cols: HashMap<Col, usize> = [
        Col::Id,
        Col::Name,
        Col::Lat,
        Col::Lon,
        Col::Status,
        Col::Capacity,
        Col::Precision,
        Col::Owner,
        Col::Source,
        Col::Date,
        Col::Illustrative,
    ]
    .into_iter()
    .filter_map(|c| idx(c).map(|i| (c, i)))
    .collect();
    // The date column's format: the mapping's, else what its values decide.
    let date_order = cols.get(&Col::Date).and_then(|&i| {
        let evidence = column_dates(text_values(i));
        slash_order(date_formats.get(&i).copied(), &evidence)
    });
    let mut bad_dates: Vec<(usize, String, DateProblem)> = Vec::new();
    let generated_ids = !cols.contains_key(&Col::Id);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut bad_links: Vec<(usize, String)> = Vec::new();
    let mut defaulted = 0usize;
    let mut placed = 0usize;
    let default_precision = opts.precision_default.unwrap_or(Precision::Region);
    let total = table.rows.len();
    for (k, (row, cells)) in table.rows.iter().enumerate() {
        let row = *row;
        if k % PROGRESS_EVERY == 0 && k > 0 {
            progress(Progress::new(Stage::Checking, k, total));
        }
        if cells.iter().all(|c| c.text().trim().is_empty()) {
            continue; // blank lines are not data
        }
        if !table.letters && cells.len() != n {
            report.errors.push(
                ImportError::at(
                    file,
                    row,
                    None,
                    format!(
                        "has {} cells but the header has {n}; check for an unquoted delimiter",
                        cells.len()
                    ),
                )
                .warning(),
            );
        }
        let get = |c: Col| cols.get(&c).and_then(|&i| cells.get(i));
        let mut row_cells = RowCells {
            texts: HashMap::new(),
            numbers: HashMap::new(),
            date: None,
        };
        for (&c, &i) in &cols {
            let cell = cells.get(i).unwrap_or(&Cell::Empty);
            row_cells.texts.insert(c, cell.text().trim().to_string());
            if matches!(c, Col::Lat | Col::Lon | Col::Capacity) {
                let factor = scale.get(&c).copied().unwrap_or(1.0);
                let v = match cell {
                    Cell::Empty => Ok(None),
                    Cell::Number(v) => Ok(Some(*v)),
                    Cell::Date(d) => {
                        Err(format!("is a date ({d}) in the spreadsheet, not a number"))
                    }
                    Cell::Text(t) if t.trim().is_empty() => Ok(None),
                    Cell::Text(t) => parse_in(
                        t,
                        formats.get(&c).copied().unwrap_or(Format {
                            decimal: '.',
                            grouping: false,
                        }),
                    )
                    .map(Some),
                };
                row_cells
                    .numbers
                    .insert(c, v.map(|o| o.map(|x| x * factor)));
            }
            if c == Col::Date {
                row_cells.date = match cell {
                    Cell::Date(d) => Some(*d),
                    Cell::Number(v) => {
                        let t = number_text(*v);
                        bad_dates.push((row, t, DateProblem::NotADate(
                            "the spreadsheet holds it as a number; format the cell as a date, or write it as YYYY-MM-DD".into(),
                        )));
                        None
                    }
                    Cell::Empty => None,
                    Cell::Text(t) if t.trim().is_empty() => None,
                    Cell::Text(t) => match parse_date(t, date_order) {
                        Ok(d) => Some(d),
                        Err(p) => {
                            bad_dates.push((row, t.trim().to_string(), p));
                            None
                        }
                    },
                };
            }
        }
        if generated_ids {
            row_cells.texts.insert(Col::Id, format!("row-{row}"));
        }
        // A link column holding other things: one warning for the column, after the rows.
        if let Some(t) = row_cells.texts.get_mut(&Col::Source) {
            if !t.is_empty() && super::check_url(t).is_err() {
                bad_links.push((row, std::mem::take(t)));
            }
        }
        let mut precision_default = default_precision;
        let mut extra: Vec<(String, String)> = extra_cols
            .iter()
            .filter_map(|(i, h)| {
                let v = cells.get(*i)?.text();
                let v = v.trim();
                (!v.is_empty()).then(|| (h.clone(), v.to_string()))
            })
            .collect();
        // No coordinates but a town: the gazetteer.
        let no_coords = !has_coords
            || (get(Col::Lat).is_none_or(|c| c.text().trim().is_empty())
                && get(Col::Lon).is_none_or(|c| c.text().trim().is_empty()));
        if let (true, Some(pi)) = (no_coords, place_col) {
            let place = cells
                .get(pi)
                .map(|c| c.text().trim().to_string())
                .unwrap_or_default();
            let label = if table.letters {
                format!("{} (place)", letter(pi))
            } else {
                format!("{} (place)", header[pi].trim())
            };
            if !place.is_empty() {
                match place_at(&place) {
                    Ok((lat, lon, name)) => {
                        row_cells.numbers.insert(Col::Lat, Ok(Some(lat)));
                        row_cells.numbers.insert(Col::Lon, Ok(Some(lon)));
                        row_cells.texts.insert(Col::Lat, lat.to_string());
                        row_cells.texts.insert(Col::Lon, lon.to_string());
                        precision_default = Precision::City;
                        row_cells.texts.insert(Col::Precision, String::new());
                        extra.push(("placed at".into(), name));
                        placed += 1;
                    }
                    Err(msg) => {
                        report
                            .errors
                            .push(ImportError::at(file, row, Some(&label), msg));
                        report.skipped += 1;
                        continue;
                    }
                }
            }
        }
        if row_cells
            .texts
            .get(&Col::Precision)
            .is_none_or(|p| p.is_empty())
            && precision_default == default_precision
        {
            defaulted += 1;
        }
        let fields = FarmFields {
            file,
            row,
            unit: "row",
            labels: Some(&labels),
            precision_default,
        };
        match fields.build(&row_cells, extra, &mut seen, &mut report.errors) {
            Some(farm) => report.records.push(farm),
            None => report.skipped += 1,
        }
    }

    progress(Progress::new(Stage::Checking, total, total));

    // 6. One message per column or file, not per row.
    report.errors = merge_repeats(std::mem::take(&mut report.errors));
    if !bad_links.is_empty() {
        let label = labels.get(&Col::Source).cloned().unwrap_or_default();
        let (row, v) = &bad_links[0];
        let rows: Vec<String> = bad_links.iter().take(10).map(|b| b.0.to_string()).collect();
        let message = if bad_links.len() == 1 {
            format!(
                "{} is not a web link; expected an address starting with https:// or http:// (left out)",
                quote(v)
            )
        } else {
            format!(
                "{} and {} other values (rows {}{}) are not web links; expected addresses starting with https:// or http:// (left out)",
                quote(v),
                bad_links.len() - 1,
                rows.join(", "),
                if bad_links.len() > 10 { ", …" } else { "" }
            )
        };
        report
            .errors
            .push(ImportError::at(file, *row, Some(&label), message).warning());
    }
    if !bad_dates.is_empty() {
        let label = labels.get(&Col::Date).cloned().unwrap_or_default();
        report
            .errors
            .extend(date_warnings(file, &label, &bad_dates));
    }
    if generated_ids && !report.records.is_empty() {
        report.errors.push(ImportError::file(file, format!(
            "has no id column (id, Power Plant ID, gppd_idnr, FacilityID, …); each farm gets its row number as id (row-{}, …), which stays the same as long as rows are not reordered",
            table.rows.first().map_or(2, |r| r.0)
        )).warning());
    }
    if placed > 0 {
        notes.push(ImportError::file(file, format!(
            "{placed} row{} with a town but no coordinates placed at the town from the GeoNames gazetteer (precision city)",
            if placed == 1 { "" } else { "s" }
        )).warning());
    }
    if defaulted > 0 && opts.precision_default.is_none() {
        notes.push(ImportError::file(file, format!(
            "{defaulted} row{} give no precision; drawn as {} (approximate, known to the region) — choose the default in the story (precision_default: exact, city or region)",
            if defaulted == 1 { "" } else { "s" }, precision_word(default_precision)
        )).warning());
    }
    if !unused_meaningful.is_empty() {
        let names: Vec<String> = unused_meaningful
            .iter()
            .map(|&i| quote(&col_name(i)))
            .collect();
        notes.push(ImportError::file(file, format!(
            "columns not used as farm fields (kept in each farm's details): {}; map them in the column mapping to use them",
            names.join(", ")
        )).warning());
    }
    if report.records.is_empty() && report.skipped == 0 {
        report
            .errors
            .push(ImportError::file(file, "has a header row but no data rows"));
    }
    report.notes = notes;
    report
}

/// Warnings that repeat word for word in several rows (the same status "reserve" in 12
/// rows) become one, naming the rows; errors stay one per row.
fn merge_repeats(errors: Vec<ImportError>) -> Vec<ImportError> {
    use super::Severity;
    let mut out: Vec<ImportError> = Vec::with_capacity(errors.len());
    let mut first: HashMap<(Option<String>, String), (usize, Vec<usize>)> = HashMap::new();
    for e in errors {
        if e.severity == Severity::Warning && e.row.is_some() {
            let key = (e.column.clone(), e.message.clone());
            if let Some((_, rows)) = first.get_mut(&key) {
                rows.push(e.row.unwrap_or(0));
                continue;
            }
            first.insert(key, (out.len(), Vec::new()));
        }
        out.push(e);
    }
    for (_, (at, rows)) in first {
        if rows.is_empty() {
            continue;
        }
        let shown: Vec<String> = rows.iter().take(10).map(usize::to_string).collect();
        let more = if rows.len() > 10 { ", …" } else { "" };
        out[at].message = format!(
            "{} — also rows {}{more} ({} rows in all)",
            out[at].message,
            shown.join(", "),
            rows.len() + 1
        );
    }
    out
}

/// Whether a header looks like a farm field that matched nothing.
fn looks_meaningful(key: &str) -> bool {
    columns::looks_meaningful(key)
}

/// One warning per kind of date problem in a column (not a date; reads two ways),
/// naming the first value and row and up to ten rows: a column of bad dates is one
/// message, not one per row. The dates are left out; the rows stay.
fn date_warnings(
    file: &str,
    label: &str,
    bad: &[(usize, String, DateProblem)],
) -> Vec<ImportError> {
    let mut out = Vec::new();
    for ambiguous in [false, true] {
        let list: Vec<&(usize, String, DateProblem)> = bad
            .iter()
            .filter(|b| matches!(b.2, DateProblem::Ambiguous { .. }) == ambiguous)
            .collect();
        let Some((row, value, problem)) = list.first() else {
            continue;
        };
        let mut message = format!("{} (left out)", problem.message(value));
        if list.len() > 1 {
            let rows: Vec<String> = list.iter().take(10).map(|b| b.0.to_string()).collect();
            message = format!(
                "{message} — {} values like it (rows {}{})",
                list.len(),
                rows.join(", "),
                if list.len() > 10 { ", …" } else { "" }
            );
        }
        out.push(ImportError::at(file, *row, Some(label), message).warning());
    }
    out
}

/// The cells of one row, ready for [`FarmFields::build`].
struct RowCells {
    texts: HashMap<Col, String>,
    numbers: HashMap<Col, Result<Option<f64>, String>>,
    /// The date, read already (its problems are named per column: [`date_warnings`]).
    date: Option<FarmDate>,
}

impl Cells for RowCells {
    fn text(&self, col: Col) -> &str {
        self.texts.get(&col).map_or("", String::as_str)
    }
    fn date(&self, _col: Col) -> Result<Option<FarmDate>, String> {
        Ok(self.date)
    }
    fn number(&self, col: Col) -> Result<Option<f64>, String> {
        self.numbers.get(&col).cloned().unwrap_or(Ok(None))
    }
}

#[cfg(feature = "gazetteer")]
fn place_at(place: &str) -> Result<(f64, f64, String), String> {
    use super::gazetteer::{lookup, Lookup};
    match lookup(place) {
        Lookup::Found(p) => Ok((
            p.lat,
            p.lon,
            format!("{} (GeoNames {})", p.name, p.geonameid),
        )),
        Lookup::Ambiguous(list) => {
            let names: Vec<String> = list
                .iter()
                .map(|p| {
                    format!(
                        "{} ({:.3}, {:.3}; population {})",
                        p.name, p.lat, p.lon, p.population
                    )
                })
                .collect();
            Err(format!(
                "{} matches {} places: {}; give lat and lon or a more specific name (row skipped)",
                quote(place),
                list.len(),
                names.join("; ")
            ))
        }
        Lookup::NotFound => Err(format!(
            "{} is not in the gazetteer of Kazakh towns (GeoNames); give lat and lon (row skipped)",
            quote(place)
        )),
    }
}

#[cfg(not(feature = "gazetteer"))]
fn place_at(place: &str) -> Result<(f64, f64, String), String> {
    Err(format!(
        "{} is a place name, but this build has no gazetteer; give lat and lon (row skipped)",
        quote(place)
    ))
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
    fn dates_and_illustrative_flags_by_header_in_three_languages() {
        let text = "id,Дата закрытия,lat,lon,Иллюстративно\nA,15.03.2022,51.7,75.3,да\nB,2022-04,51.7,75.3,нет\nC,,51.7,75.3,\nD,31.02.2022,51.7,75.3,yes\nE,2022-05-01,51.7,75.3,maybe\n";
        let r = parse("f.csv", text.as_bytes());
        let by = |id: &str| r.records.iter().find(|f| f.id == id).unwrap();
        assert_eq!(by("A").date.unwrap().to_string(), "2022-03-15");
        assert!(by("A").illustrative && by("A").is_illustrative());
        assert_eq!(by("B").date.unwrap().to_string(), "2022-04");
        assert!(!by("B").illustrative);
        assert_eq!((by("C").date, by("C").illustrative), (None, false));
        // A date that does not exist: a warning naming the cell; the farm stays, undated.
        assert_eq!(by("D").date, None);
        let m = messages(&r);
        assert!(
            m.contains(&"f.csv row 5, column Дата закрытия (date): \"31.02.2022\" is not a date; expected YYYY-MM-DD, YYYY-MM, DD.MM.YYYY or DD/MM/YYYY (years 1900–2100) (left out)".to_string()),
            "{m:?}"
        );
        // A flag that says neither yes nor no: an error naming the cell; the row is skipped.
        assert!(r.records.iter().all(|f| f.id != "E"));
        let e = r.errors.iter().find(|e| e.row == Some(6)).unwrap();
        assert_eq!(
            (e.severity, e.column.as_deref()),
            (Severity::Error, Some("Иллюстративно (illustrative)"))
        );
        assert!(
            e.message.starts_with("\"maybe\" is neither yes nor no"),
            "{e}"
        );
        // Neither column is kept as an extra any more.
        assert!(by("A").extra.is_empty());
    }

    #[test]
    fn old_column_names_still_give_the_date_and_the_flag() {
        // The demo's own columns, as stories written before the date field had them.
        let text = "id,lat,lon,shut_down_by,illustrative\nA,51.7,75.3,2022-03,yes\n";
        let r = parse("f.csv", text.as_bytes());
        let f = &r.records[0];
        assert_eq!(f.date.unwrap().to_string(), "2022-03");
        assert!(f.illustrative);
        assert!(r.errors.is_empty(), "{:?}", messages(&r));
    }

    #[test]
    fn slashed_dates_are_decided_by_the_column_or_named() {
        // 13/03/2022 makes the column day first, so 01/02/2022 is 1 February.
        let r = parse(
            "f.csv",
            b"id,lat,lon,date\nA,51,75,01/02/2022\nB,51,75,13/03/2022\n",
        );
        assert_eq!(r.records[0].date.unwrap().to_string(), "2022-02-01");
        assert!(r.errors.is_empty(), "{:?}", messages(&r));
        // Nothing decides: left out and named, once for the column, with both readings.
        let r = parse(
            "f.csv",
            b"id,lat,lon,date\nA,51,75,01/02/2022\nB,51,75,03/04/2022\nC,51,75,2022-05\n",
        );
        assert_eq!((r.records[0].date, r.records[1].date), (None, None));
        assert_eq!(r.records[2].date.unwrap().to_string(), "2022-05");
        assert_eq!(
            messages(&r),
            ["f.csv row 2, column date: \"01/02/2022\" can be read as 2022-02-01 (day first) or 2022-01-02 (month first); choose the column's date format (DD/MM/YYYY or MM/DD/YYYY) in the column mapping (left out) — 2 values like it (rows 2, 3)"]
        );
        // The mapping decides.
        let opts: FarmsOptions = serde_json::from_str(
            r#"{"columns": {"date": {"field": "date", "date_format": "MM/DD/YYYY"}}}"#,
        )
        .unwrap();
        let r = parse_with("f.csv", b"id,lat,lon,date\nA,51,75,01/02/2022\n", &opts);
        assert_eq!(r.records[0].date.unwrap().to_string(), "2022-01-02");
        // A column mapped as date whatever its header says; another as the flag.
        let opts: FarmsOptions =
            serde_json::from_str(r#"{"columns": {"Raided": "date", "Guess": "illustrative"}}"#)
                .unwrap();
        let r = parse_with(
            "f.csv",
            "id,lat,lon,Raided,Guess\nA,51,75,2022-03-15,иә\n".as_bytes(),
            &opts,
        );
        assert_eq!(r.records[0].date.unwrap().to_string(), "2022-03-15");
        assert!(r.records[0].illustrative);
    }

    #[cfg(feature = "editor")]
    #[test]
    fn a_workbooks_date_cells_are_dates_not_serial_numbers() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["id", "lat", "lon", "date", "illustrative"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        let fmt = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
        let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2022, 3, 15).unwrap();
        for r in 1..=2u32 {
            sheet.write_string(r, 0, format!("F{r}")).unwrap();
            sheet.write_number(r, 1, 51.7).unwrap();
            sheet.write_number(r, 2, 75.3).unwrap();
        }
        sheet.write_datetime_with_format(1, 3, &day, &fmt).unwrap();
        sheet.write_boolean(1, 4, true).unwrap();
        // A number in a date column is not read as a serial date: it is named.
        sheet.write_number(2, 3, 44635.0).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let r = parse("p.xlsx", &bytes);
        assert_eq!(r.records[0].date.unwrap().to_string(), "2022-03-15");
        assert!(r.records[0].illustrative);
        assert_eq!(r.records[1].date, None);
        let m = messages(&r);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].starts_with("p.xlsx sheet Sheet1 row 3, column D (date): \"44635\" is not a date; the spreadsheet holds it as a number"),
            "{m:?}"
        );
        let c = super::super::describe::describe("p.xlsx", &bytes, &FarmsOptions::default());
        assert_eq!(c.columns[3].samples[0], "2022-03-15");
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
    fn windows_1251_is_read_as_such_and_named_once() {
        // Was: the row rejected as "not UTF-8". Files from Kazakhstan are often Windows-1251.
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(
            b"F1,\xcf\xe0\xe2\xeb\xee\xe4\xe0\xf0,52.2,76.9,,,,,\nF2,ok,52,77,,,,,\n",
        );
        let r = parse("farms.csv", &bytes);
        assert_eq!(r.records.len(), 2);
        assert_eq!(r.records[0].name, "Павлодар");
        assert!(r.errors.is_empty(), "{:?}", messages(&r));
        assert!(r.notes[0].message.starts_with("read as Windows-1251"));
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_names_the_row_and_keeps_the_others() {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice("F1,Ақтөбе,52.2,76.9,,,,,\n".as_bytes());
        bytes.extend_from_slice(b"F2,bad \xff name,52,77,,,,,\nF3,ok,52,77,,,,,\n");
        let r = parse("farms.csv", &bytes);
        assert_eq!(r.records.len(), 2);
        assert_eq!(r.skipped, 1);
        assert_eq!(r.errors.len(), 1);
        assert!(r.errors[0]
            .to_string()
            .starts_with("farms.csv row 3: has bytes that are not UTF-8 text"));
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
        // From the fuzz branch: the bad line is line 3, but the record holding it starts on
        // row 2 (a quoted cell spans both), so it must be skipped and named as row 2, not
        // load half-decoded. (UTF-8 names elsewhere keep the file UTF-8 rather than a
        // guessed code page.)
        let mut bytes = b"id,name,lat,lon\nF1,\"two\n\xff lines\",43,76\n".to_vec();
        bytes.extend_from_slice("F2,Ақтөбе,44,77\nF3,ok,45,78\n".as_bytes());
        let r = parse("farms.csv", &bytes);
        let ids: Vec<&str> = r.records.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["F2", "F3"]);
        assert_eq!(r.skipped, 1);
        assert_eq!(r.errors.len(), 1);
        assert!(
            r.errors[0]
                .to_string()
                .starts_with("farms.csv row 2: has bytes that are not UTF-8 text"),
            "{}",
            r.errors[0]
        );
    }

    #[test]
    fn crlf_line_ends_name_the_spreadsheet_row() {
        // From the fuzz branch: after a CRLF the csv crate reports the previous line, so
        // Excel's default files named every row one too low, and bad bytes were matched to
        // the wrong record.
        let r = parse(
            "farms.csv",
            b"id,lat,lon\r\nF1,x,76\r\nF2,43,76\r\nF3,y,77\r\n",
        );
        assert_eq!(r.records.len(), 1);
        let rows: Vec<Option<usize>> = r.errors.iter().map(|e| e.row).collect();
        assert_eq!(rows, [Some(2), Some(4)]);
        let mut bytes = b"id,name,lat,lon\nF1,\xff,43,76\r\n".to_vec();
        bytes.extend_from_slice("F2,Ақтөбе,44,77\r\n".as_bytes());
        let r = parse("farms.csv", &bytes);
        assert_eq!(r.records.len(), 1);
        assert_eq!(r.records[0].id, "F2");
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].row, Some(2));
    }

    #[test]
    fn a_header_line_not_utf8_is_named_as_the_header() {
        // From the fuzz branch: a quoted header cell spanning lines 1–2, line 2 with bytes
        // that are not UTF-8, is named as the header, row 1; no record is skipped.
        let mut bytes = b"id,lat,lon,\"notes\n\xff\"\n".to_vec();
        bytes.extend_from_slice("F1,43,76,Ақтөбе\n".as_bytes());
        let r = parse("farms.csv", &bytes);
        assert_eq!(r.records.len(), 1);
        assert_eq!(r.skipped, 0);
        assert_eq!(r.errors.len(), 1, "{:?}", messages(&r));
        assert_eq!(r.errors[0].row, Some(1));
        assert!(r.errors[0].message.contains("not UTF-8"));
    }

    #[test]
    fn cr_only_line_ends_name_the_spreadsheet_row() {
        // From the fuzz branch: with classic Mac line ends every row was named "row 1".
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
