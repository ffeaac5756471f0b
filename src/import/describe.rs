//! The editor's column table: what each column of a farms file holds (header, the kind of
//! values, how its numbers are written, a few samples) and what the importer reads it as,
//! decided by the same code the importer uses ([`super::farms_csv`]'s column assignment),
//! so the table never disagrees with the import.

use super::columns::{is_link, letter};
use super::dates::column_dates;
use super::farms_csv::{assign_columns, read_table, Cell, Table};
use super::mapping::{DateFormat, FarmField, FarmsOptions, NumberFormat, Unit};
use super::numbers::{column_decimal, evidence, Evidence};
use serde::Serialize;

/// How many sample values each column shows.
pub const SAMPLES: usize = 3;

/// A farms file's columns, as the editor's column table shows them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileColumns {
    /// How messages name the file (`farms.csv`, `plants.xlsx sheet Plants`).
    pub label: String,
    /// The workbook sheet read, if the file is a workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Every sheet of a workbook, in order (empty for text files).
    pub sheets: Vec<String>,
    /// The header's row as a spreadsheet shows it.
    pub header_row: usize,
    /// Data rows.
    pub rows: usize,
    pub columns: Vec<ColumnInfo>,
    /// Why there is no table (an empty file, not a workbook…); the columns are then empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// Where a column's meaning comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnSource {
    /// The column mapping (the story's `farms.options.columns`) names it.
    Mapped,
    /// Recognised by its header.
    Guessed,
    /// Its header names a field another column fills (or looks like one): kept as an
    /// extra column.
    Unused,
    /// An extra column, shown in each farm's details.
    Extra,
}

/// What most of a column's values are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    Number,
    /// Dates (a workbook's date cells, or text in a date form: [`super::dates`]).
    Date,
    Link,
    Text,
    Empty,
}

/// One column of the table.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnInfo {
    /// 0-based.
    pub index: usize,
    /// `A`, `B`, … as a spreadsheet names it.
    pub letter: String,
    /// The header as written (may be empty).
    pub header: String,
    /// The key that names this column in `options.columns`: the header, or its letter when
    /// the header is empty or repeated (or the file is a workbook, whose columns the
    /// importer names by letter).
    pub key: String,
    /// The farm field it fills; `None`: an extra column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<FarmField>,
    pub source: ColumnSource,
    /// The unit of a capacity column (mapped, or written in the header).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// The number format the mapping sets for it, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mapped_format: Option<NumberFormat>,
    pub kind: ValueKind,
    /// How its numbers are written, as far as the values tell (`None`: no value decides,
    /// or the spreadsheet typed them as numbers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_format: Option<NumberFormat>,
    /// Values that read two ways (`1.600`: 1.6 or 1600).
    pub ambiguous: usize,
    /// How its dates are written, as far as the values tell (`YYYY-MM-DD` also for a
    /// workbook's date cells); `None`: no value is a date, or slashed dates that do not
    /// decide day first or month first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_format: Option<DateFormat>,
    /// The date format the mapping sets for it, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mapped_date_format: Option<DateFormat>,
    /// Slashed dates that read two ways (`01/02/2022`) while the values do not decide.
    pub ambiguous_dates: usize,
    /// Non-empty values.
    pub filled: usize,
    /// The first few non-empty values, as written.
    pub samples: Vec<String>,
}

/// What a column's values tell: kind, number format, ambiguous values, samples.
pub(crate) struct Values {
    pub kind: ValueKind,
    pub number_format: Option<NumberFormat>,
    pub ambiguous: usize,
    pub date_format: Option<DateFormat>,
    pub ambiguous_dates: usize,
    pub filled: usize,
    pub samples: Vec<String>,
}

/// Read a column's values (numbers typed as numbers count as numbers in any format).
pub(crate) fn values<'a>(cells: impl Iterator<Item = &'a Cell>) -> Values {
    let (mut filled, mut numbers, mut links, mut ambiguous, mut dates) = (0, 0, 0, 0, 0);
    let mut texts: Vec<&str> = Vec::new();
    let mut samples = Vec::new();
    for c in cells {
        let t = match c {
            Cell::Empty => continue,
            Cell::Number(v) => {
                filled += 1;
                numbers += 1;
                if samples.len() < SAMPLES {
                    samples.push(super::farms_csv::number_text(*v));
                }
                continue;
            }
            Cell::Date(d) => {
                filled += 1;
                dates += 1;
                if samples.len() < SAMPLES {
                    samples.push(d.to_string());
                }
                continue;
            }
            Cell::Text(t) if t.trim().is_empty() => continue,
            Cell::Text(t) => t.as_str(),
        };
        filled += 1;
        if samples.len() < SAMPLES {
            samples.push(t.trim().to_string());
        }
        match evidence(t) {
            Evidence::NotANumber if is_link(t) => links += 1,
            Evidence::NotANumber => {}
            Evidence::Ambiguous => {
                ambiguous += 1;
                numbers += 1;
            }
            _ => numbers += 1,
        }
        texts.push(t);
    }
    let date_evidence = column_dates(texts.iter().copied());
    let dates = dates + date_evidence.dates;
    let kind = if filled == 0 {
        ValueKind::Empty
    } else if dates * 10 >= filled * 9 {
        ValueKind::Date
    } else if numbers * 10 >= filled * 9 {
        ValueKind::Number
    } else if links * 2 >= filled {
        ValueKind::Link
    } else {
        ValueKind::Text
    };
    let number_format = (kind == ValueKind::Number)
        .then(|| format_of(&texts))
        .flatten();
    Values {
        kind,
        number_format,
        ambiguous,
        date_format: (kind == ValueKind::Date)
            .then(|| {
                date_evidence
                    .format
                    .or((date_evidence.dates == 0).then_some(DateFormat::Iso))
            })
            .flatten(),
        ambiguous_dates: date_evidence.ambiguous,
        filled,
        samples,
    }
}

/// The number format the values show: the decimal mark the unambiguous values use, and
/// the thousands separator seen next to it.
fn format_of(texts: &[&str]) -> Option<NumberFormat> {
    let decimal = column_decimal(texts.iter().copied())?;
    let has = |c: char| {
        texts.iter().any(|t| {
            let t = t.trim();
            t.contains(c) && !matches!(evidence(t), Evidence::NotANumber | Evidence::Ambiguous)
        })
    };
    let space = has(' ') || has('\u{00A0}') || has('\u{202F}');
    Some(match decimal {
        '.' if has(',') => NumberFormat::CommaThousandsPoint,
        '.' if space => NumberFormat::SpaceThousandsPoint,
        '.' if has('\'') => NumberFormat::ApostropheThousandsPoint,
        '.' => NumberFormat::Point,
        _ if has('.') => NumberFormat::DotThousandsComma,
        _ if space => NumberFormat::SpaceThousandsComma,
        _ => NumberFormat::Comma,
    })
}

/// Describe a CSV file's or a workbook sheet's columns with `opts` applied (see
/// [`FileColumns`]). Never fails: a file with no table says why in `problem`.
///
/// # Examples
/// ```
/// use farmmap::import::describe::{describe, ColumnSource, ValueKind};
/// use farmmap::import::mapping::{FarmField, FarmsOptions, NumberFormat};
///
/// let csv = "Ref;Breite;Länge;Leistung (kW)\nA;51,7;75,3;1.600\nB;43,25;76,9;2.000,5\n";
/// let c = describe("f.csv", csv.as_bytes(), &FarmsOptions::default());
/// let lat = &c.columns[1];
/// assert_eq!((lat.header.as_str(), lat.field), ("Breite", None)); // not recognised
/// assert_eq!((lat.kind, lat.number_format), (ValueKind::Number, Some(NumberFormat::Comma)));
/// let cap = &c.columns[3];
/// assert_eq!(cap.number_format, Some(NumberFormat::DotThousandsComma));
/// assert_eq!((cap.ambiguous, cap.samples[0].as_str()), (1, "1.600"));
///
/// let opts: FarmsOptions = serde_json::from_str(r#"{"columns": {"Breite": "lat", "Länge": "lon"}}"#).unwrap();
/// let c = describe("f.csv", csv.as_bytes(), &opts);
/// assert_eq!((c.columns[1].field, c.columns[1].source), (Some(FarmField::Lat), ColumnSource::Mapped));
/// ```
pub fn describe(file: &str, bytes: &[u8], opts: &FarmsOptions) -> FileColumns {
    match read_table(file, bytes, opts, &mut |_| {}) {
        Ok(read) => describe_table(&read.table, opts),
        Err(report) => FileColumns {
            label: file.to_string(),
            problem: Some(
                report
                    .errors
                    .first()
                    .map_or_else(|| "cannot be read".to_string(), |e| e.message.clone()),
            ),
            ..Default::default()
        },
    }
}

/// Describe a table's columns (the one assignment the importer uses).
pub(crate) fn describe_table(table: &Table, opts: &FarmsOptions) -> FileColumns {
    let a = assign_columns(table, opts);
    let header = &table.header;
    let repeated = |i: usize| {
        let h = header[i].trim();
        h.is_empty()
            || header
                .iter()
                .enumerate()
                .any(|(j, o)| j != i && o.trim().eq_ignore_ascii_case(h))
    };
    let columns = (0..header.len())
        .map(|i| {
            let field = a
                .field_col
                .iter()
                .find(|(_, &c)| c == i)
                .map(|(f, _)| *f)
                .filter(|f| *f != FarmField::Ignore);
            let mapped = a.explicit.get(&i);
            let source = match (mapped, field) {
                (Some(_), _) => ColumnSource::Mapped,
                (None, Some(_)) => ColumnSource::Guessed,
                (None, None) if a.unused_meaningful.contains(&i) => ColumnSource::Unused,
                (None, None) => ColumnSource::Extra,
            };
            let unit = match field {
                Some(FarmField::CapacityMw) => mapped.and_then(|m| m.1).or(a.heads[i].unit),
                _ => None,
            };
            let v = values(
                table
                    .rows
                    .iter()
                    .map(|(_, cells)| cells.get(i).unwrap_or(&Cell::Empty)),
            );
            ColumnInfo {
                index: i,
                letter: letter(i),
                header: header[i].trim().to_string(),
                key: if table.letters || repeated(i) {
                    letter(i)
                } else {
                    header[i].trim().to_string()
                },
                field,
                source,
                unit,
                mapped_format: mapped.and_then(|m| m.2),
                kind: v.kind,
                number_format: v.number_format,
                ambiguous: v.ambiguous,
                date_format: v.date_format,
                mapped_date_format: a.date_formats.get(&i).copied(),
                ambiguous_dates: v.ambiguous_dates,
                filled: v.filled,
                samples: v.samples,
            }
        })
        .collect();
    let sheet = table
        .label
        .split_once(" sheet ")
        .filter(|_| table.letters)
        .map(|(_, s)| s.to_string());
    let mut sheets = Vec::new();
    if let Some(s) = &sheet {
        sheets.push(s.clone());
        sheets.extend(table.other_sheets.iter().cloned());
    }
    FileColumns {
        label: table.label.clone(),
        sheet,
        sheets,
        header_row: table.header_row,
        rows: table.rows.len(),
        columns,
        problem: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_overrides_the_guess_and_the_old_column_becomes_unused() {
        let csv = b"id,lat,lon,Latitude2\nA,1,2,43.2\n";
        let c = describe("f.csv", csv, &FarmsOptions::default());
        assert_eq!(c.columns[1].field, Some(FarmField::Lat));
        assert_eq!(c.columns[3].source, ColumnSource::Unused); // looks like a latitude
        let opts: FarmsOptions =
            serde_json::from_str(r#"{"columns": {"Latitude2": "lat"}}"#).unwrap();
        let c = describe("f.csv", csv, &opts);
        assert_eq!(
            (c.columns[3].field, c.columns[3].source),
            (Some(FarmField::Lat), ColumnSource::Mapped)
        );
        assert_eq!(
            (c.columns[1].field, c.columns[1].source),
            (None, ColumnSource::Unused)
        );
    }

    #[test]
    fn kinds_formats_samples_and_keys() {
        let csv = "name,url,n,,name\nA,https://a.example,\"1,234.5\",x,y\nB,https://b.example,\"2,000\",,\nC,,7,,\nD,,8,,\n";
        let c = describe("f.csv", csv.as_bytes(), &FarmsOptions::default());
        assert_eq!(c.rows, 4);
        assert_eq!(c.columns[0].kind, ValueKind::Text);
        assert_eq!(c.columns[1].kind, ValueKind::Link);
        assert_eq!(
            (c.columns[2].number_format, c.columns[2].ambiguous),
            (Some(NumberFormat::CommaThousandsPoint), 1)
        );
        assert_eq!(c.columns[2].samples, ["1,234.5", "2,000", "7"]);
        // An empty or repeated header is named by its letter.
        assert_eq!(
            (c.columns[3].key.as_str(), c.columns[4].key.as_str()),
            ("D", "E")
        );
        assert_eq!(c.columns[0].key, "A");
    }

    #[test]
    fn a_file_with_no_table_says_why() {
        let c = describe("f.csv", b"", &FarmsOptions::default());
        assert!(c.columns.is_empty());
        assert!(c.problem.unwrap().contains("is empty"));
    }

    #[cfg(feature = "editor")]
    #[test]
    fn a_workbook_names_its_sheets_and_types_its_numbers() {
        let bytes = std::fs::read("tests/fixtures/farms/plants-second-sheet.xlsx").unwrap();
        let c = describe("p.xlsx", &bytes, &FarmsOptions::default());
        assert!(c.sheets.len() >= 2, "{c:?}");
        assert!(c.columns.iter().all(|col| col.key == col.letter));
    }
}
