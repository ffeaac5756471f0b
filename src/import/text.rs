//! Turning the bytes an editor uploads into text, with a clear word where they are not UTF-8.

use super::ImportError;
use std::collections::HashSet;

/// Text decoded from a file, and the 1-based lines that were not valid UTF-8.
#[derive(Debug, Default)]
pub struct Decoded {
    pub text: String,
    /// Lines already reported in `errors` (counted by LF, as JSON readers count them);
    /// line-based importers skip the records on them.
    pub bad_lines: HashSet<usize>,
    /// Byte offsets in `text` of the U+FFFD characters that replaced bytes which are not
    /// UTF-8: CSV importers name the record each falls in by the row a spreadsheet shows,
    /// which is right whatever the line ends and however many lines a quoted cell spans.
    pub bad_offsets: Vec<usize>,
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
pub fn decode(file: &str, bytes: &[u8]) -> Decoded {
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
                for chunk in line.utf8_chunks() {
                    out.text.push_str(chunk.valid());
                    if !chunk.invalid().is_empty() {
                        out.bad_offsets.push(out.text.len());
                        out.text.push('\u{FFFD}');
                    }
                }
                out.bad_lines.insert(i + 1);
                out.errors
                    .push(ImportError::at(file, i + 1, None, NOT_UTF8));
            }
        }
    }
    out
}

/// The error for a CSV record that holds bytes which are not UTF-8, named by its first row.
pub(crate) fn not_utf8(file: &str, row: usize) -> ImportError {
    ImportError::at(file, row, None, NOT_UTF8)
}

/// The rows of a CSV text as a spreadsheet shows them (header = row 1): a row ends at every
/// line end (CRLF, LF or a lone CR) that is not inside a quoted cell. This is the one way
/// CSV importers number records; the csv crate's line numbers count LF only, count the
/// lines inside quoted cells, and give the record after a CRLF the line before it.
///
/// It works on decoded text, so a 0x0D byte inside a UTF-16 character is never a line end,
/// and line ends inside quoted cells are kept as the file has them.
#[derive(Debug)]
pub(crate) struct Rows<'a> {
    text: &'a [u8],
    /// The byte offset where each row begins.
    starts: Vec<usize>,
}

impl<'a> Rows<'a> {
    pub(crate) fn new(text: &'a str, delimiter: u8) -> Self {
        let b = text.as_bytes();
        let mut starts = vec![0];
        let (mut quoted, mut field_start) = (false, true);
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if quoted {
                if c == b'"' {
                    if b.get(i + 1) == Some(&b'"') {
                        i += 1;
                    } else {
                        quoted = false;
                    }
                }
            } else if c == b'"' && field_start {
                quoted = true;
                field_start = false;
            } else if c == delimiter {
                field_start = true;
            } else if c == b'\r' || c == b'\n' {
                if c == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                starts.push(i + 1);
                field_start = true;
            } else {
                field_start = false;
            }
            i += 1;
        }
        Rows { text: b, starts }
    }

    /// The row holding byte `byte` of the text. The csv crate can put a record's start on
    /// the line end before it (the LF of a CRLF), so line ends there are stepped over.
    pub(crate) fn of(&self, byte: usize) -> usize {
        let mut b = byte;
        while b < self.text.len() && (self.text[b] == b'\r' || self.text[b] == b'\n') {
            b += 1;
        }
        self.starts.partition_point(|&s| s <= b)
    }

    /// The rows holding each of `offsets`, sorted, each once.
    pub(crate) fn of_all(&self, offsets: &[usize]) -> Vec<usize> {
        let mut rows: Vec<usize> = offsets.iter().map(|&o| self.of(o)).collect();
        crate::sort::sort(&mut rows);
        rows.dedup();
        rows
    }
}

/// Text decoded by [`decode_guess`], with the encoding it was read as.
#[derive(Debug, Default)]
pub struct Guessed {
    pub text: String,
    /// The encoding's name as an editor knows it ("UTF-8", "Windows-1251", "Mac Roman"…).
    pub encoding: &'static str,
    /// Whether the encoding was guessed from the bytes (no BOM, not UTF-8).
    pub guessed: bool,
    /// Byte offsets in `text` of U+FFFD characters that replaced bytes which could not be
    /// decoded (UTF-8 files with a few bad bytes); importers name the rows they fall in.
    pub bad_offsets: Vec<usize>,
}

/// Decode a text file in whatever encoding it was saved in: UTF-8 (with or without BOM),
/// UTF-16 LE/BE (BOM, or the zero bytes of ASCII text), or a legacy code page guessed with
/// `chardetng` (Windows-1251, KOI8-R, Windows-1252…), with Mac Roman told apart from
/// Windows-1252 by which reading gives ordinary words. A file that is UTF-8 except for a
/// few bad bytes stays UTF-8, and the bad bytes are listed in `bad_offsets`.
///
/// # Examples
/// ```
/// use farmmap::import::text::decode_guess;
///
/// // "Широта" in Windows-1251, as Excel saves a CSV on a Russian Windows.
/// let g = decode_guess(b"\xd8\xe8\xf0\xee\xf2\xe0;\xc4\xee\xeb\xe3\xee\xf2\xe0\n51,7;75,3\n");
/// assert_eq!((g.encoding, g.text.lines().next()), ("Windows-1251", Some("Широта;Долгота")));
/// // Mac Roman: é is 0x8E, ü is 0x9F.
/// assert_eq!(decode_guess(b"name\rCaf\x8e Z\x9frich\r").text, "name\rCafé Zürich\r");
/// assert_eq!(decode_guess("Ақтөбе".as_bytes()).encoding, "UTF-8");
/// ```
pub fn decode_guess(bytes: &[u8]) -> Guessed {
    let mut bytes = bytes;
    while let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        bytes = rest;
    }
    // (little-endian, the bytes after a BOM, guessed)
    let utf16 = match bytes {
        [0xFF, 0xFE, rest @ ..] => Some((true, rest, false)),
        [0xFE, 0xFF, rest @ ..] => Some((false, rest, false)),
        _ => utf16_without_bom(bytes).map(|le| (le, bytes, true)),
    };
    if let Some((le, rest, guessed)) = utf16 {
        let text = decode_utf16(rest, le);
        let text = text.trim_start_matches('\u{FEFF}').to_string();
        let bad_offsets = text.match_indices('\u{FFFD}').map(|(i, _)| i).collect();
        let encoding = if le { "UTF-16 LE" } else { "UTF-16 BE" };
        return Guessed {
            text,
            encoding,
            guessed,
            bad_offsets,
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Guessed {
            text: text.trim_start_matches('\u{FEFF}').to_string(),
            encoding: "UTF-8",
            ..Default::default()
        };
    }
    let (valid_multibyte, invalid) = utf8_evidence(bytes);
    if valid_multibyte > invalid {
        // UTF-8 with a few bad bytes: keep UTF-8 and name the rows.
        return utf8_naming_bad_bytes(bytes);
    }
    // The reader's build guesses no code page: the bytes that are not UTF-8 are named.
    #[cfg(not(feature = "editor"))]
    return utf8_naming_bad_bytes(bytes);
    #[cfg(feature = "editor")]
    guess_code_page(bytes)
}

/// UTF-8 text with U+FFFD for each run of bytes that is not UTF-8, and where each stands.
fn utf8_naming_bad_bytes(bytes: &[u8]) -> Guessed {
    let mut text = String::with_capacity(bytes.len());
    let mut bad_offsets = Vec::new();
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            bad_offsets.push(text.len());
            text.push('\u{FFFD}');
        }
    }
    Guessed {
        text,
        encoding: "UTF-8",
        guessed: false,
        bad_offsets,
    }
}

/// A legacy code page guessed with `chardetng` (the editor's build only).
#[cfg(feature = "editor")]
fn guess_code_page(bytes: &[u8]) -> Guessed {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    if enc == encoding_rs::WINDOWS_1252 || enc == encoding_rs::MACINTOSH {
        let score = |e: &'static encoding_rs::Encoding| {
            latin_score(&e.decode_without_bom_handling(bytes).0)
        };
        enc = if score(encoding_rs::MACINTOSH) > score(encoding_rs::WINDOWS_1252) {
            encoding_rs::MACINTOSH
        } else {
            encoding_rs::WINDOWS_1252
        };
    }
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let mut text = text.into_owned();
    if enc == encoding_rs::KOI8_U && !text.contains(['ґ', 'є', 'і', 'ї', 'Ґ', 'Є', 'І', 'Ї'])
    {
        // KOI8-U differs from KOI8-R only in Ukrainian letters: with none, it is KOI8-R.
        enc = encoding_rs::KOI8_R;
        text = enc.decode_without_bom_handling(bytes).0.into_owned();
    }
    let bad_offsets = text.match_indices('\u{FFFD}').map(|(i, _)| i).collect();
    Guessed {
        text,
        encoding: encoding_label(enc),
        guessed: true,
        bad_offsets,
    }
}

/// UTF-16 text (little- or big-endian); an unpaired surrogate or a lone last byte becomes
/// U+FFFD (as a WHATWG decoder does).
fn decode_utf16(bytes: &[u8], le: bool) -> String {
    let units = bytes.chunks_exact(2).map(|p| {
        if le {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let mut text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or('\u{FFFD}'))
        .collect();
    if bytes.len() % 2 == 1 {
        text.push('\u{FFFD}');
    }
    text
}

/// UTF-16 without a byte-order mark (true: little-endian): ASCII text has a zero in every
/// other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd * 10 >= pairs * 3 && even == 0 {
        Some(true)
    } else if even * 10 >= pairs * 3 && odd == 0 {
        Some(false)
    } else {
        None
    }
}

/// Valid multi-byte UTF-8 sequences and invalid bytes: a UTF-8 file with a few stray bytes
/// has many more of the first.
fn utf8_evidence(bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    (valid, invalid)
}

/// How much a Latin-script reading looks like words: accented lower-case letters inside
/// words count for it, capitals or symbols right after a lower-case letter against it.
#[cfg(feature = "editor")]
fn latin_score(text: &str) -> i64 {
    let mut score = 0;
    let mut prev = ' ';
    for c in text.chars() {
        if !c.is_ascii() {
            if c.is_lowercase() {
                score += 1;
            } else if prev.is_lowercase() {
                score -= 2;
            }
        }
        prev = c;
    }
    score
}

/// The name editors know an encoding by.
#[cfg(feature = "editor")]
pub fn encoding_label(enc: &'static encoding_rs::Encoding) -> &'static str {
    match enc.name() {
        "windows-1251" => "Windows-1251",
        "windows-1252" => "Windows-1252",
        "KOI8-R" => "KOI8-R",
        "KOI8-U" => "KOI8-U",
        "macintosh" => "Mac Roman",
        "x-mac-cyrillic" => "Mac Cyrillic",
        "IBM866" => "DOS 866",
        "UTF-16LE" => "UTF-16 LE",
        "UTF-16BE" => "UTF-16 BE",
        "UTF-8" => "UTF-8",
        other => other,
    }
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
    fn rows_end_at_crlf_lone_cr_and_lf_outside_quoted_cells() {
        // From the fuzz branch's finding: the csv crate counts lines by LF only, so in a
        // CR-only file every row was "row 1", a record after a CRLF got the row before it,
        // and a record after a lone CR inside a line that is not UTF-8 was named wrongly.
        // Rows are counted on the decoded text and the line ends are kept as they are.
        let d = decode("f.csv", b"id,lat\r1,\xff\r2,ok\r\n3,x");
        assert_eq!(d.text, "id,lat\r1,\u{FFFD}\r2,ok\r\n3,x");
        let rows = Rows::new(&d.text, b',');
        assert_eq!(rows.of_all(&d.bad_offsets), [2]);
        assert_eq!(rows.of(d.text.find('3').unwrap()), 4);
        // The LF of a CRLF belongs to the row it ends (the csv crate may start a record on it).
        assert_eq!(rows.of(d.text.find('\n').unwrap()), 4);
        // A quoted cell spanning lines (CRLF, LF or CR inside) is one row, and keeps them.
        let text = "id,notes\r\n1,\"a\r\nb\rc\nd\"\r\n2,e";
        let rows = Rows::new(text, b',');
        assert_eq!(rows.of(text.rfind('d').unwrap()), 2);
        assert_eq!(rows.of(text.find('2').unwrap()), 3);
        // UTF-16: line ends are known only once decoded, so 0x0D inside a character (U+0D15
        // is 15 0D in LE) is not one.
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(
            "a\rb\r\n\u{0D15}\nc"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let d = decode("f.csv", &bytes);
        assert_eq!(d.text, "a\rb\r\n\u{0D15}\nc");
        let rows = Rows::new(&d.text, b',');
        assert_eq!(rows.of(d.text.find('c').unwrap()), 4);
    }

    #[test]
    fn bad_offsets_point_at_each_replacement() {
        let d = decode("f.csv", b"id\n\xffa\xfe\nok");
        assert_eq!(d.text, "id\n\u{FFFD}a\u{FFFD}\nok");
        assert_eq!(d.bad_offsets, [3, 7]);
        assert!(d
            .bad_offsets
            .iter()
            .all(|&o| d.text[o..].starts_with('\u{FFFD}')));
    }

    #[test]
    fn odd_length_utf16_is_named() {
        let d = decode("f.csv", &[0xFF, 0xFE, b'i', 0, b'd']);
        assert_eq!(d.text, "i");
        assert_eq!(d.errors.len(), 1);
        assert!(d.errors[0].message.contains("not valid UTF-16"));
    }
}
