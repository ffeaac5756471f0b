//! Turning the bytes an editor uploads into text, with a clear word where they are not UTF-8.

use super::ImportError;
use std::collections::HashSet;

/// Text decoded from a file, and the 1-based lines that were not valid UTF-8.
#[derive(Debug, Default)]
pub struct Decoded {
    pub text: String,
    /// Lines already reported in `errors`; importers skip the records on them.
    pub bad_lines: HashSet<usize>,
    pub errors: Vec<ImportError>,
}

const NOT_UTF8: &str = "is not UTF-8 text (perhaps Windows-1251 or Latin-1); save the file as UTF-8 (\"CSV UTF-8\" in Excel)";

/// Decode file bytes as UTF-8, dropping a UTF-8 byte-order mark (Excel writes one).
///
/// UTF-16 (Excel's "Unicode text") is decoded too, since its BOM makes it unambiguous.
/// Lines that are not UTF-8 are reported one by one and replaced lossily so the rest of the
/// file still loads; guessing a legacy code page (Windows-1251 is common for Kazakh data)
/// would silently garble names instead.
///
/// # Examples
/// ```
/// use farmmap::import::text::decode;
///
/// // Excel's "Unicode text": UTF-16 LE with a byte-order mark.
/// assert_eq!(decode("f.csv", &[0xFF, 0xFE, b'i', 0, b'd', 0]).text, "id");
/// // A Windows-1251 line is named and the others kept.
/// let d = decode("f.csv", b"id,name\n1,\xcf\xe0\n2,ok");
/// assert!(d.bad_lines.contains(&2) && d.text.ends_with("2,ok"));
/// assert!(d.errors[0].to_string().starts_with("f.csv row 2: is not UTF-8"));
/// ```
///
/// Byte-order marks are dropped however many there are (a file saved twice by different
/// tools can carry two), so an importer never sees one in its text.
///
/// Line ends become LF: CRLF (Windows, Excel's default) and a lone CR (classic Mac, Excel's
/// "CSV (Macintosh)"). The csv crate counts lines by LF only, and gave the record after a
/// CRLF the line number of the one before it; with LF only, every reader numbers lines as a
/// spreadsheet shows them, and the same as the lines named here.
pub fn decode(file: &str, bytes: &[u8]) -> Decoded {
    let mut start = bytes;
    while let Some(rest) = start.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        start = rest;
    }
    if start.starts_with(&[0xFF, 0xFE]) || start.starts_with(&[0xFE, 0xFF]) {
        // UTF-16: a 0x0D byte may be half of another character; normalise the text.
        let mut out = decode_raw(file, bytes);
        if out.text.contains('\r') {
            let mut text = String::with_capacity(out.text.len());
            let mut chars = out.text.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '\r' if chars.peek() == Some(&'\n') => {}
                    '\r' => text.push('\n'),
                    c => text.push(c),
                }
            }
            out.text = text;
        }
        return out;
    }
    decode_raw(file, &lf_line_ends(bytes))
}

/// CRLF and a lone CR become LF (0x0D never occurs inside a multi-byte UTF-8 sequence, so
/// this is safe on bytes that are partly not UTF-8).
fn lf_line_ends(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if !bytes.contains(&b'\r') {
        return std::borrow::Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
            b'\r' => out.push(b'\n'),
            b => out.push(b),
        }
    }
    std::borrow::Cow::Owned(out)
}

fn decode_raw(file: &str, bytes: &[u8]) -> Decoded {
    let mut bytes = bytes;
    while let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        bytes = rest; // a loop, not recursion: a file of a million BOMs must not overflow
    }
    let utf16 = match bytes {
        [0xFF, 0xFE, rest @ ..] => Some((true, rest)),
        [0xFE, 0xFF, rest @ ..] => Some((false, rest)),
        _ => None,
    };
    if let Some((little, rest)) = utf16 {
        let chunks = rest.chunks_exact(2);
        let odd = !chunks.remainder().is_empty();
        let units: Vec<u16> = chunks
            .map(|c| {
                if little {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        let text = String::from_utf16_lossy(&units);
        let mut out = Decoded {
            text: text.trim_start_matches('\u{FEFF}').to_string(),
            ..Default::default()
        };
        if odd || out.text.contains('\u{FFFD}') {
            out.errors.push(ImportError::file(
                file,
                "starts with a UTF-16 byte-order mark but is not valid UTF-16; save it as UTF-8",
            ));
        }
        return out;
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.trim_start_matches('\u{FEFF}').to_string(),
            ..Default::default()
        };
    }
    let mut out = Decoded::default();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.text.push('\n');
        }
        match std::str::from_utf8(line) {
            Ok(s) => out.text.push_str(s),
            Err(_) => {
                out.text.push_str(&String::from_utf8_lossy(line));
                out.bad_lines.insert(i + 1);
                out.errors
                    .push(ImportError::at(file, i + 1, None, NOT_UTF8));
            }
        }
    }
    out
}

/// The error for a record that holds a line that is not UTF-8, named by the row it starts on.
pub(crate) fn not_utf8(file: &str, row: usize) -> ImportError {
    ImportError::at(file, row, None, NOT_UTF8)
}

/// The decoder's errors for a CSV file whose header spans lines `1..=header_last`: lines
/// that are not UTF-8 inside the header are named once, as the header (row 1: a record is
/// named by its first row); those after it are left out, since the importer names each by
/// the record holding it. Errors about the whole file stay.
pub(crate) fn header_errors(errors: Vec<ImportError>, header_last: usize) -> Vec<ImportError> {
    let mut out: Vec<ImportError> = Vec::new();
    for mut e in errors {
        match e.row {
            None => out.push(e),
            Some(row) if row <= header_last => {
                e.row = Some(1);
                if !out.contains(&e) {
                    out.push(e);
                }
            }
            Some(_) => {}
        }
    }
    out
}

/// The last line of a CSV record starting on line `first`: a quoted cell can hold line ends.
pub(crate) fn last_line<'a>(first: usize, cells: impl IntoIterator<Item = &'a str>) -> usize {
    first
        + cells
            .into_iter()
            .map(|c| c.matches('\n').count())
            .sum::<usize>()
}

/// Does a CSV record on lines `first..=last` hold a line that is not UTF-8? (Every line, not
/// only the first: a quoted cell spanning lines must not load half-decoded.)
pub(crate) fn spans_bad_line(bad_lines: &HashSet<usize>, first: usize, last: usize) -> bool {
    !bad_lines.is_empty() && (first..=last).any(|l| bad_lines.contains(&l))
}

/// The delimiter of a CSV file, from its header line: comma, semicolon (spreadsheets in
/// comma-decimal locales export those) or tab; comma on a tie.
pub fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.matches(c).count();
    [(b',', count(',')), (b';', count(';')), (b'\t', count('\t'))]
        .into_iter()
        .max_by_key(|&(d, n)| (n, d == b','))
        .map(|(d, _)| d)
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_utf8_bom() {
        assert_eq!(decode("f.csv", b"\xEF\xBB\xBFid,lat").text, "id,lat");
    }

    #[test]
    fn decodes_utf16_le() {
        let bytes = [0xFF, 0xFE, b'i', 0, b'd', 0];
        let d = decode("f.csv", &bytes);
        assert_eq!(d.text, "id");
        assert!(d.errors.is_empty());
    }

    #[test]
    fn names_each_line_of_invalid_utf8_and_keeps_the_rest() {
        let d = decode("farms.csv", b"id,name\n1,ok\n2,\xC0\xFF\n3,fine");
        assert_eq!(d.bad_lines, HashSet::from([3]));
        assert_eq!(d.errors.len(), 1);
        assert!(
            d.errors[0]
                .to_string()
                .starts_with("farms.csv row 3: is not UTF-8"),
            "{}",
            d.errors[0]
        );
        assert!(d.text.ends_with("3,fine"));
    }

    #[test]
    fn utf16_bom_twice_decodes_to_empty_text() {
        // FF FE FF FE: a UTF-16 LE BOM, then a second one (reached `unreachable!` in
        // farms_csv before the second mark was dropped here).
        let d = decode("f.csv", &[0xFF, 0xFE, 0xFF, 0xFE]);
        assert_eq!(d.text, "");
        assert!(d.errors.is_empty());
        let d = decode("f.csv", &[0xFE, 0xFF, 0xFE, 0xFF, 0, b'a']);
        assert_eq!(d.text, "a");
    }

    #[test]
    fn many_utf8_boms_do_not_overflow_the_stack() {
        let bytes: Vec<u8> = [0xEF, 0xBB, 0xBF].repeat(200_000);
        assert_eq!(decode("f.csv", &bytes).text, "");
        assert_eq!(decode("f.csv", b"\xEF\xBB\xBF\xEF\xBB\xBFid").text, "id");
    }

    #[test]
    fn crlf_and_lone_cr_line_ends_become_lf() {
        // Found by the farms_csv fuzz target: the csv crate counts lines by LF only, so in a
        // CR-only file every row was "row 1", a record after a CRLF got the row before it,
        // and a record after a lone CR inside a line that is not UTF-8 was skipped with no
        // error naming it.
        let d = decode("f.csv", b"id,lat\r1,\xff\r2,ok\r\n3,x");
        assert_eq!(d.text, "id,lat\n1,\u{FFFD}\n2,ok\n3,x");
        assert_eq!(d.bad_lines, HashSet::from([2]));
        // UTF-16 too (CR is only known once decoded).
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("a\rb\r\nc".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode("f.csv", &bytes).text, "a\nb\nc");
        // A 0x0D byte inside a UTF-16 character is not a line end: U+0D15 is 15 0D in LE.
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("\u{0D15}".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode("f.csv", &bytes).text, "\u{0D15}");
    }

    #[test]
    fn odd_length_utf16_is_named() {
        let d = decode("f.csv", &[0xFF, 0xFE, b'i', 0, b'd']);
        assert_eq!(d.text, "i");
        assert_eq!(d.errors.len(), 1);
        assert!(d.errors[0].message.contains("not valid UTF-16"));
    }
}
