//! Numbers as spreadsheets in different locales write them: `1234.5`, `1234,5`, `1,234.5`,
//! `1.234,5`, `1 234,5` (space or no-break space), `1'234.5`. The format is decided per
//! column from the values that can only be read one way; a value that can be read two ways
//! (`1.600` in a column with no other evidence) is reported with both readings, never
//! silently scaled.

use super::mapping::NumberFormat;
use super::quote;

/// How a column writes numbers: the decimal mark, and whether thousands are grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Format {
    pub decimal: char,
    /// Whether group separators (the other of `.`/`,`, spaces, apostrophes) are allowed.
    pub grouping: bool,
}

impl From<NumberFormat> for Format {
    fn from(f: NumberFormat) -> Format {
        let decimal = match f {
            NumberFormat::Point
            | NumberFormat::CommaThousandsPoint
            | NumberFormat::SpaceThousandsPoint
            | NumberFormat::ApostropheThousandsPoint => '.',
            _ => ',',
        };
        let grouping = !matches!(f, NumberFormat::Point | NumberFormat::Comma);
        Format { decimal, grouping }
    }
}

/// What one value says about its column's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// Can only be a decimal point (`51.72`, `1,234.5`).
    Point,
    /// Can only be a decimal comma (`51,72`, `1.234,5`, `1 234,5`).
    Comma,
    /// Reads as a plain number whatever the format (`1234`, `1 234`).
    Neutral,
    /// `1.600` or `1,600`: a decimal or a thousands separator.
    Ambiguous,
    /// Not a number in any format.
    NotANumber,
}

const GROUP_SPACES: [char; 4] = [' ', '\u{00A0}', '\u{202F}', '\u{2009}'];

fn strip_sign(t: &str) -> &str {
    t.strip_prefix(['-', '+', '\u{2212}']).unwrap_or(t)
}

/// Whether `s` is digits grouped in threes by `sep` (`1.234.567`), the first group 1–3 digits.
fn grouped(s: &str, sep: char) -> bool {
    let mut parts = s.split(sep);
    let first = parts.next().unwrap_or("");
    let mut n = 0;
    let ok_rest = parts.all(|p| {
        n += 1;
        p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit())
    });
    n > 0 && ok_rest && (1..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_digit())
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// What a value says about the format of its column.
pub fn evidence(raw: &str) -> Evidence {
    let t = strip_sign(raw.trim());
    if t.is_empty() {
        return Evidence::NotANumber;
    }
    // Spaces and apostrophes only ever group thousands.
    let t: String = if t.contains(GROUP_SPACES) || t.contains('\'') || t.contains('’') {
        let mut parts = t.split(|c| GROUP_SPACES.contains(&c) || c == '\'' || c == '’');
        let first = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        let (last, middle) = rest.split_last().map_or(("", &[][..]), |(l, m)| (*l, m));
        let last_int = last.split(['.', ',']).next().unwrap_or("");
        if !(1..=3).contains(&first.len())
            || !digits(first)
            || middle.iter().any(|p| p.len() != 3 || !digits(p))
            || last_int.len() != 3
            || !digits(last_int)
        {
            return Evidence::NotANumber;
        }
        let frac = &last[3..];
        let whole = format!("{first}{}{last_int}", middle.concat());
        return match frac.chars().next() {
            None => Evidence::Neutral,
            Some(',') if digits(&frac[1..]) => Evidence::Comma,
            Some('.') if digits(&frac[1..]) => Evidence::Point,
            _ => {
                let _ = whole;
                Evidence::NotANumber
            }
        };
    } else {
        t.to_string()
    };
    let dots = t.matches('.').count();
    let commas = t.matches(',').count();
    let exp_ok = |s: &str| s.parse::<f64>().is_ok_and(f64::is_finite);
    match (dots, commas) {
        (0, 0) => {
            if digits(&t)
                || (exp_ok(&t)
                    && t.bytes()
                        .all(|b| b.is_ascii_digit() || b"eE-+".contains(&b)))
            {
                Evidence::Neutral
            } else {
                Evidence::NotANumber
            }
        }
        (1, 0) | (0, 1) => {
            let sep = if dots == 1 { '.' } else { ',' };
            let (int, frac) = t.split_once(sep).unwrap_or(("", ""));
            let frac_digits: &str = frac.split(['e', 'E']).next().unwrap_or("");
            if !digits(frac_digits) || !(int.is_empty() || digits(int)) {
                return Evidence::NotANumber;
            }
            if frac.len() != frac_digits.len() && !exp_ok(&t.replace(',', ".")) {
                return Evidence::NotANumber;
            }
            let could_group =
                frac.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with('0');
            if could_group {
                Evidence::Ambiguous
            } else if sep == '.' {
                Evidence::Point
            } else {
                Evidence::Comma
            }
        }
        _ => {
            // Several marks: the last one alone is a decimal; repeated ones are groups.
            let last = t.rfind(['.', ',']).unwrap_or(0);
            let mark = t[last..].chars().next().unwrap_or('.');
            let other = if mark == '.' { ',' } else { '.' };
            let (int, frac) = t.split_at(last);
            let frac = &frac[1..];
            let count_mark = if mark == '.' { dots } else { commas };
            if count_mark == 1 && digits(frac) && grouped(int, other) {
                if mark == '.' {
                    Evidence::Point
                } else {
                    Evidence::Comma
                }
            } else if count_mark > 1 && (dots == 0 || commas == 0) && grouped(&t, mark) {
                // 1.234.567: thousands only, so the decimal is the other mark.
                if mark == '.' {
                    Evidence::Comma
                } else {
                    Evidence::Point
                }
            } else {
                Evidence::NotANumber
            }
        }
    }
}

/// Read `raw` in `format`. Errors explain the common mistakes.
pub fn parse_in(raw: &str, format: Format) -> Result<f64, String> {
    let t = raw.trim();
    if t.is_empty() {
        return Err("is empty; a number is required".into());
    }
    let group = if format.decimal == '.' { ',' } else { '.' };
    let mut s = String::with_capacity(t.len());
    for c in t.chars() {
        if c == format.decimal {
            s.push('.');
        } else if format.grouping
            && (c == group || GROUP_SPACES.contains(&c) || c == '\'' || c == '’')
        {
            continue;
        } else if c == '\u{2212}' {
            s.push('-');
        } else {
            s.push(c);
        }
    }
    let plain = !s.contains(['\'', ' ']);
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && plain => {
            // A group mark is only valid where groups are: `1.2.3` is not a number.
            if format.grouping && t.contains(group) && !grouped_ok(t, format) {
                return Err(format!("{} is not a number", quote(t)));
            }
            Ok(v)
        }
        Ok(_) if plain => Err(format!("{} is not a finite number", quote(t))),
        _ => Err(explain(t, format)),
    }
}

fn grouped_ok(t: &str, format: Format) -> bool {
    let t = strip_sign(t);
    let int = t.split(format.decimal).next().unwrap_or("");
    let group = if format.decimal == '.' { ',' } else { '.' };
    grouped(int, group)
}

fn explain(t: &str, format: Format) -> String {
    let other = if format.decimal == '.' { ',' } else { '.' };
    if t.matches(other).count() == 1 && t.replace(other, ".").parse::<f64>().is_ok() {
        if format.decimal == '.' {
            format!("{} is not a number; use a dot for decimals", quote(t))
        } else {
            format!(
                "{} is not a number; this column writes decimals with a comma",
                quote(t)
            )
        }
    } else if t.contains('°') || t.contains('\'') || t.contains('"') || t.contains('′') {
        format!(
            "{} is not a number; give decimal degrees (e.g. 43.25), not degrees-minutes-seconds",
            quote(t)
        )
    } else {
        format!("{} is not a number", quote(t))
    }
}

/// The format a column's values show: the decimal mark most of the unambiguous values use
/// (a dot on a tie), or `None` when no value decides.
pub fn column_decimal<'a>(values: impl Iterator<Item = &'a str>) -> Option<char> {
    let (mut point, mut comma) = (0usize, 0usize);
    for v in values {
        match evidence(v) {
            Evidence::Point => point += 1,
            Evidence::Comma => comma += 1,
            _ => {}
        }
    }
    match (point, comma) {
        (0, 0) => None,
        (p, c) if c > p => Some(','),
        _ => Some('.'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_of_each_form() {
        use Evidence::*;
        for (v, e) in [
            ("51.72", Point),
            ("51,72", Comma),
            ("1,234.5", Point),
            ("1.234,5", Comma),
            ("1 234,5", Comma),
            ("1\u{a0}600", Neutral),
            ("1'234.5", Point),
            ("1.600", Ambiguous),
            ("1,600", Ambiguous),
            ("0.600", Point),
            ("1.234.567", Comma),
            ("1,234,567", Point),
            ("1234", Neutral),
            ("-43.2", Point),
            ("north", NotANumber),
            ("1.2.3", NotANumber),
            ("", NotANumber),
        ] {
            assert_eq!(evidence(v), e, "{v}");
        }
    }

    #[test]
    fn parse_in_each_format() {
        let comma = Format {
            decimal: ',',
            grouping: true,
        };
        let point = Format {
            decimal: '.',
            grouping: true,
        };
        assert_eq!(parse_in("1 234,5", comma), Ok(1234.5));
        assert_eq!(parse_in("1.600", comma), Ok(1600.0));
        assert_eq!(parse_in("1.600,5", comma), Ok(1600.5));
        assert_eq!(parse_in("1,600.5", point), Ok(1600.5));
        assert_eq!(parse_in("1'234.5", point), Ok(1234.5));
        assert_eq!(parse_in("1.600", point), Ok(1.6));
        let plain = Format {
            decimal: '.',
            grouping: false,
        };
        assert!(parse_in("43,2", plain).unwrap_err().contains("use a dot"));
        assert!(parse_in("1.2.3", comma).is_err());
        assert!(parse_in("inf", plain).is_err());
    }
}
