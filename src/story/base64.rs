//! Base64 (RFC 4648, standard alphabet) for binary data files kept in a story file, such as
//! a spreadsheet's original bytes. Whitespace and line breaks are ignored; padding is
//! optional. Errors say where the text stops being base64.

/// The value of one base64 character.
fn value(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    } as u32)
}

/// Decode base64 text; `Err` says why and where (1-based character position).
///
/// # Examples
/// ```
/// use farmmap::story::base64::{decode, encode};
/// assert_eq!(decode("UEsDBA==").unwrap(), b"PK\x03\x04");
/// assert_eq!(decode("UEsD\nBA").unwrap(), b"PK\x03\x04");
/// assert_eq!(decode(&encode(b"\xff\x00ab")).unwrap(), b"\xff\x00ab");
/// assert_eq!(
///     decode("UEs*").unwrap_err(),
///     "is not base64: \"*\" at character 4 (expected A–Z, a–z, 0–9, + and /)"
/// );
/// ```
pub fn decode(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits, mut padding) = (0u32, 0u32, 0usize);
    for (i, ch) in text.chars().enumerate() {
        if ch.is_ascii_whitespace() {
            continue;
        }
        if ch == '=' {
            padding += 1;
            continue;
        }
        let v = u8::try_from(ch).ok().and_then(value);
        let Some(v) = v.filter(|_| padding == 0) else {
            return Err(format!(
                "is not base64: \"{ch}\" at character {} (expected A–Z, a–z, 0–9, + and /)",
                i + 1
            ));
        };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 6 || padding > 2 {
        return Err("is not base64: it ends part-way through a byte (truncated?)".into());
    }
    Ok(out)
}

/// Encode bytes as base64 with padding, on one line.
pub fn encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_length_round_trips() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        for n in 0..10 {
            assert_eq!(decode(&encode(&bytes[..n])).unwrap(), &bytes[..n], "{n}");
        }
        assert_eq!(decode(&encode(&bytes)).unwrap(), bytes);
        assert_eq!(encode(b"Man"), "TWFu");
        assert_eq!(encode(b"Ma"), "TWE=");
    }

    #[test]
    fn bad_text_is_named() {
        assert!(decode("TWFu=x").is_err());
        assert!(decode("T").unwrap_err().contains("truncated"));
        assert!(decode("TWé").unwrap_err().contains("character 3"));
    }
}
