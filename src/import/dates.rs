//! Dates and yes/no flags as newsroom spreadsheets write them: the farms importer's `date`
//! and `illustrative` columns.
//!
//! Dates: ISO (`2022-03-15`, `2022-03`), the dotted day-first form of Russian and Kazakh
//! spreadsheets (`15.03.2022`, `03.2022`), slashed dates (`15/03/2022`, `03/15/2022`), and
//! a workbook's date cells (read by calamine as dates, never as their serial numbers). A
//! slashed date whose first two parts are both 12 or less (`01/02/2022`) reads two ways:
//! the column's other values decide (a `15/03/2022` makes it day first), or the column
//! mapping's `date_format`; else it is left out and named, never guessed.

use super::columns::fold;
pub use super::mapping::DateFormat;
use crate::model::FarmDate;

/// Why a value is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// Not a date in any form read (the message says what is expected).
    NotADate(String),
    /// A slashed date that reads two ways (day first, month first), both given.
    Ambiguous {
        day_first: FarmDate,
        month_first: FarmDate,
    },
}

impl DateProblem {
    /// The problem as a sentence about `value` (the message of an import warning).
    pub fn message(&self, value: &str) -> String {
        match self {
            DateProblem::NotADate(why) => format!("{} is not a date; {why}", super::quote(value)),
            DateProblem::Ambiguous {
                day_first,
                month_first,
            } => format!(
                "{} can be read as {day_first} (day first) or {month_first} (month first); choose the column's date format (DD/MM/YYYY or MM/DD/YYYY) in the column mapping",
                super::quote(value)
            ),
        }
    }
}

const EXPECTED: &str = "expected YYYY-MM-DD, YYYY-MM, DD.MM.YYYY or DD/MM/YYYY (years 1900–2100)";

fn digits(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn ymd(y: u32, m: u32, d: Option<u32>) -> Option<FarmDate> {
    let day = match d {
        Some(d) => Some(u8::try_from(d).ok()?),
        None => None,
    };
    FarmDate::new(i32::try_from(y).ok()?, u8::try_from(m).ok()?, day)
}

/// The form a value is written in, without deciding a slashed date's order: `Some(Iso)`,
/// `Some(DayMonthDots)`, or for `a/b/yyyy` the orders it allows.
fn slashed(t: &str) -> Option<(u32, u32, u32)> {
    let mut p = t.split('/');
    let (a, b, y) = (p.next()?, p.next()?, p.next()?);
    if p.next().is_some() || y.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    Some((digits(a)?, digits(b)?, digits(y)?))
}

/// Read one date. `format`: the column's format when known (mapped, or decided by the
/// column's values); `None` reads every unambiguous form and names an ambiguous one.
///
/// # Examples
/// ```
/// use farmmap::import::dates::{parse_date, DateFormat, DateProblem};
/// let d = |s, f| parse_date(s, f).map(|d| d.to_string());
/// assert_eq!(d("2022-03-15", None).unwrap(), "2022-03-15");
/// assert_eq!(d("15.03.2022", None).unwrap(), "2022-03-15");
/// assert_eq!(d("03.2022", None).unwrap(), "2022-03");
/// assert_eq!(d("15/03/2022", None).unwrap(), "2022-03-15"); // 15 cannot be a month
/// assert!(matches!(parse_date("01/02/2022", None), Err(DateProblem::Ambiguous { .. })));
/// assert_eq!(d("01/02/2022", Some(DateFormat::MonthFirst)).unwrap(), "2022-01-02");
/// assert!(matches!(parse_date("31.02.2022", None), Err(DateProblem::NotADate(_))));
/// assert!(matches!(parse_date("March", None), Err(DateProblem::NotADate(_))));
/// ```
pub fn parse_date(text: &str, format: Option<DateFormat>) -> Result<FarmDate, DateProblem> {
    let t = text.trim();
    let bad = || DateProblem::NotADate(EXPECTED.to_string());
    if let Some(d) = FarmDate::parse_iso(t) {
        return Ok(d);
    }
    // Dotted, day first: DD.MM.YYYY or MM.YYYY (a time after a space is ignored).
    let date_part = t.split(' ').next().unwrap_or(t);
    let dots: Vec<&str> = date_part.split('.').collect();
    match dots.as_slice() {
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
            let (d, m, y) = (
                digits(d).ok_or_else(bad)?,
                digits(m).ok_or_else(bad)?,
                digits(y).ok_or_else(bad)?,
            );
            return ymd(y, m, Some(d)).ok_or_else(bad);
        }
        [m, y] if y.len() == 4 && m.len() <= 2 => {
            let (m, y) = (digits(m).ok_or_else(bad)?, digits(y).ok_or_else(bad)?);
            return ymd(y, m, None).ok_or_else(bad);
        }
        _ => {}
    }
    let (a, b, y) = slashed(date_part).ok_or_else(bad)?;
    let day_first = ymd(y, b, Some(a));
    let month_first = ymd(y, a, Some(b));
    match (format, day_first, month_first) {
        (Some(DateFormat::MonthFirst), _, Some(d)) => Ok(d),
        (Some(DateFormat::MonthFirst), _, None) => Err(bad()),
        (Some(_), Some(d), _) => Ok(d),
        (Some(_), None, _) => Err(bad()),
        (None, Some(d), Some(m)) if d != m => Err(DateProblem::Ambiguous {
            day_first: d,
            month_first: m,
        }),
        (None, Some(d), _) | (None, None, Some(d)) => Ok(d),
        (None, None, None) => Err(bad()),
    }
}

/// What a column's text values say about its date format: the form most of them use, and
/// whether its slashed dates are decided (a value such as `15/03/2022` makes the column
/// day first; `03/15/2022` month first; both, or neither, leaves them undecided).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateEvidence {
    /// The form most dated values use; `None`: no value is a date.
    pub format: Option<DateFormat>,
    /// Values read as dates in some form.
    pub dates: usize,
    /// Slashed values that read two ways, when the column does not decide their order.
    pub ambiguous: usize,
}

/// Read a column's values for [`DateEvidence`].
///
/// # Examples
/// ```
/// use farmmap::import::dates::{column_dates, DateFormat};
/// let e = column_dates(["01/02/2022", "15/03/2022", ""].into_iter());
/// assert_eq!((e.format, e.ambiguous), (Some(DateFormat::DayFirst), 0));
/// let e = column_dates(["01/02/2022", "03/04/2022"].into_iter());
/// assert_eq!((e.format, e.ambiguous), (None, 2));
/// assert_eq!(column_dates(["2022-03", "15.03.2022", "2022-04-01"].into_iter()).format, Some(DateFormat::Iso));
/// ```
pub fn column_dates<'a>(values: impl Iterator<Item = &'a str>) -> DateEvidence {
    let (mut iso, mut dots, mut day_first, mut month_first, mut either) = (0, 0, 0, 0, 0);
    for v in values {
        let t = v.trim();
        if t.is_empty() {
            continue;
        }
        if FarmDate::parse_iso(t).is_some() {
            iso += 1;
            continue;
        }
        match parse_date(t, None) {
            Ok(_) if !t.contains('/') => dots += 1,
            Ok(_) => {
                let (a, b, y) = slashed(t.split(' ').next().unwrap_or(t)).unwrap_or_default();
                if ymd(y, b, Some(a)).is_some() {
                    day_first += 1;
                } else {
                    month_first += 1;
                }
            }
            Err(DateProblem::Ambiguous { .. }) => either += 1,
            Err(_) => {}
        }
    }
    let slashes = day_first + month_first + either;
    let decided = match (day_first > 0, month_first > 0) {
        (true, false) => Some(DateFormat::DayFirst),
        (false, true) => Some(DateFormat::MonthFirst),
        _ => None,
    };
    let format = if iso == 0 && dots == 0 && slashes == 0 {
        None
    } else if iso >= dots && iso >= slashes {
        Some(DateFormat::Iso)
    } else if dots >= slashes {
        Some(DateFormat::DayMonthDots)
    } else {
        decided
    };
    DateEvidence {
        format,
        dates: iso + dots + slashes,
        ambiguous: if decided.is_some() { 0 } else { either },
    }
}

/// The order a column's slashed dates are read in: the mapping's, else the one its values
/// decide (see [`column_dates`]); `None` leaves ambiguous ones unread.
pub fn slash_order(mapped: Option<DateFormat>, evidence: &DateEvidence) -> Option<DateFormat> {
    mapped.or(match evidence.format {
        Some(f @ (DateFormat::DayFirst | DateFormat::MonthFirst)) => Some(f),
        _ => None,
    })
}

/// A workbook's date cell (days since 1899-12-30, or since 1904-01-01 in a 1904 workbook,
/// as calamine gives them) as the date it shows; the time of day is dropped.
///
/// # Examples
/// ```
/// use farmmap::import::dates::from_ymd;
/// assert_eq!(from_ymd(2022, 3, 15).unwrap().to_string(), "2022-03-15");
/// assert!(from_ymd(1800, 1, 1).is_none());
/// ```
pub fn from_ymd(year: u16, month: u8, day: u8) -> Option<FarmDate> {
    FarmDate::new(i32::from(year), month, Some(day))
}

/// A yes/no cell (`illustrative`): yes, true, 1, y, да, иә; no, false, 0, n, нет, жоқ; empty
/// is no. `Err` for anything else.
///
/// # Examples
/// ```
/// use farmmap::import::dates::parse_flag;
/// assert_eq!(parse_flag("Да"), Ok(true));
/// assert_eq!(parse_flag("жоқ"), Ok(false));
/// assert_eq!(parse_flag(""), Ok(false));
/// assert!(parse_flag("maybe").is_err());
/// ```
pub fn parse_flag(text: &str) -> Result<bool, String> {
    match fold(text.trim()).as_str() {
        "yes" | "y" | "true" | "1" | "x" | "да" | "д" | "иа" | "ия" | "истина" => Ok(true),
        "" | "no" | "n" | "false" | "0" | "нет" | "н" | "жок" | "ложь" => Ok(false),
        _ => Err(format!(
            "{} is neither yes nor no; expected yes/no, true/false, 1/0, да/нет or иә/жоқ (row skipped: whether its place is real is unknown)",
            super::quote(text.trim())
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_and_its_errors() {
        let ok = |s: &str, f: Option<DateFormat>| parse_date(s, f).unwrap().to_string();
        assert_eq!(ok("2022-3-5", None), "2022-03-05");
        assert_eq!(ok("2022-03-15T00:00:00", None), "2022-03-15");
        assert_eq!(ok("5.3.2022", None), "2022-03-05");
        assert_eq!(ok("15.03.2022 10:30", None), "2022-03-15");
        assert_eq!(ok("3/15/2022", None), "2022-03-15");
        assert_eq!(ok("01/02/2022", Some(DateFormat::DayFirst)), "2022-02-01");
        assert_eq!(ok("02/02/2022", None), "2022-02-02"); // the same both ways
                                                          // A mapped order refuses values that do not fit it.
        assert!(parse_date("15/03/2022", Some(DateFormat::MonthFirst)).is_err());
        for bad in [
            "2022",
            "29.02.2023",
            "2022-13",
            "1899-12-31",
            "15/03/22",
            "12.2022.01",
            "-",
        ] {
            assert!(
                matches!(parse_date(bad, None), Err(DateProblem::NotADate(_))),
                "{bad}"
            );
        }
        assert_eq!(ok("29.02.2024", None), "2024-02-29");
        let amb = parse_date("01/02/2022", None).unwrap_err();
        assert_eq!(
            amb.message("01/02/2022"),
            "\"01/02/2022\" can be read as 2022-02-01 (day first) or 2022-01-02 (month first); choose the column's date format (DD/MM/YYYY or MM/DD/YYYY) in the column mapping"
        );
    }

    #[test]
    fn a_column_decides_its_order_or_names_both() {
        let e = column_dates(["01/02/2022", "12/31/2021"].into_iter());
        assert_eq!((e.format, e.ambiguous), (Some(DateFormat::MonthFirst), 0));
        assert_eq!(slash_order(None, &e), Some(DateFormat::MonthFirst));
        // Both orders seen: undecided.
        let e = column_dates(["15/03/2022", "12/31/2021", "01/02/2022"].into_iter());
        assert_eq!((e.format, e.ambiguous), (None, 1));
        assert_eq!(
            slash_order(Some(DateFormat::DayFirst), &e),
            Some(DateFormat::DayFirst)
        );
        assert_eq!(
            column_dates(["a", "b"].into_iter()),
            DateEvidence::default()
        );
    }

    #[test]
    fn flags_in_three_languages() {
        for (t, v) in [
            ("yes", true),
            ("TRUE", true),
            ("1", true),
            ("Иә", true),
            ("нет", false),
            ("No", false),
            ("0", false),
        ] {
            assert_eq!(parse_flag(t), Ok(v), "{t}");
        }
        assert!(parse_flag("2")
            .unwrap_err()
            .contains("\"2\" is neither yes nor no"));
    }
}
