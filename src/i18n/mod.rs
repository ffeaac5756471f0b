//! The interface's words in English, Russian and Kazakh, and the numbers written the way
//! each language writes them.
//!
//! One catalogue, `www/i18n-strings.js`, holds every interface string: the page's (read by
//! `www/i18n.js` as a module) and the ones Rust draws or writes (cluster summaries,
//! badge counts, chart titles, the table view's sentences, the network's ties in Russian
//! and Kazakh), read here with [`t`]. A string marked in its `review` list was written
//! without a native speaker's check.
//!
//! Counts are abbreviated by one rule ([`count`]: 1.2K, 118K; "1,2 тыс."; "1,2 мың"),
//! written to give exactly what the page's `Intl.NumberFormat` (compact notation) gives, so
//! a badge on the canvas and a count in the page agree (`tests/i18n.test.mjs` compares
//! them).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// An interface language (serialised as its code: "en", "ru", "kk").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ru,
    Kk,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ru, Lang::Kk];

    /// The language a tag names by its primary subtag ("ru-RU" → Russian, " KK" →
    /// Kazakh); `None` for any other.
    ///
    /// # Examples
    /// ```
    /// use farmmap::i18n::Lang;
    /// assert_eq!(Lang::parse("ru-RU"), Some(Lang::Ru));
    /// assert_eq!(Lang::parse("kk_KZ"), Some(Lang::Kk));
    /// assert_eq!(Lang::parse("de"), None);
    /// ```
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            "kk" => Some(Lang::Kk),
            _ => None,
        }
    }

    /// The BCP 47 code: "en", "ru", "kk".
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Kk => "kk",
        }
    }
}

/// A catalogue entry: one text, or one per plural form.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Entry {
    Text(String),
    Plural {
        one: String,
        few: Option<String>,
        many: Option<String>,
        other: String,
    },
}

#[derive(Default, Deserialize)]
struct File {
    en: HashMap<String, Entry>,
    ru: HashMap<String, Entry>,
    kk: HashMap<String, Entry>,
}

impl File {
    /// The catalogue from its JSON (with src/json, not serde: the reader's wasm has no
    /// serde_json), read as serde read it: `en`, `ru` and `kk` required, other keys
    /// ignored, each entry a string or `{one, few?, many?, other}`.
    fn read(json: &str) -> Result<File, String> {
        use crate::json::Value;
        let root = crate::json::parse(json).map_err(|e| e.to_string())?;
        let root = root.as_object().ok_or("expected an object")?;
        let text = |v: Option<&Value>, key: &str, field: &str| match v {
            Some(Value::String(s)) => Ok(Some(s.clone())),
            None | Some(Value::Null) => Ok(None),
            Some(_) => Err(format!("{key}.{field}: expected a string")),
        };
        let entry = |key: &str, v: &Value| -> Result<Entry, String> {
            if let Value::String(s) = v {
                return Ok(Entry::Text(s.clone()));
            }
            let plural = v.as_object().ok_or(format!(
                "{key}: expected a string or {{one, few, many, other}}"
            ))?;
            let text = |field: &str| text(plural.get(field), key, field);
            let required =
                |field: &str| text(field)?.ok_or(format!("{key}: missing field \"{field}\""));
            Ok(Entry::Plural {
                one: required("one")?,
                few: text("few")?,
                many: text("many")?,
                other: required("other")?,
            })
        };
        let table = |lang: &str| -> Result<HashMap<String, Entry>, String> {
            let t = root
                .get(lang)
                .ok_or(format!("missing field \"{lang}\""))?
                .as_object()
                .ok_or(format!("{lang}: expected an object"))?;
            t.iter()
                .map(|(k, v)| Ok((k.clone(), entry(&format!("{lang}.{k}"), v)?)))
                .collect()
        };
        Ok(File {
            en: table("en")?,
            ru: table("ru")?,
            kk: table("kk")?,
        })
    }
}

/// The catalogue's file, as the pages load it: a JavaScript module whose default export is
/// written in JSON (so every browser loads it as a plain module). Compiled in natively and
/// in the full build; the reader's wasm has no copy: its page hands it the one it already
/// loaded ([`provide_catalogue`], through `www/wasm.js`), so readers download it once.
#[cfg(any(feature = "importers", not(target_arch = "wasm32")))]
pub const CATALOGUE_MODULE: &str = include_str!("../../www/i18n-strings.js");

/// The JSON in [`CATALOGUE_MODULE`]: everything after the line-starting `export default `,
/// without the final `;`.
#[cfg(any(feature = "importers", not(target_arch = "wasm32")))]
pub fn catalogue_json() -> &'static str {
    let (_, json) = CATALOGUE_MODULE
        .split_once("\nexport default ")
        .unwrap_or(("", CATALOGUE_MODULE));
    json.trim_end().trim_end_matches(';')
}

/// Builds with the catalogue compiled in read it once, on the first lookup.
#[cfg(any(feature = "importers", not(target_arch = "wasm32")))]
static FILE: OnceLock<File> = OnceLock::new();

/// The file is part of the source; `tests` below and every build's tests read it.
#[cfg(any(feature = "importers", not(target_arch = "wasm32")))]
fn compiled_in() -> File {
    File::read(catalogue_json()).expect("www/i18n-strings.js is JSON after `export default`")
}

/// The reader's wasm: one table per language, each set the first time its page hands over
/// words for it ([`provide_catalogue`]), so a language chosen after the first words were
/// looked up (a story naming its own) can still come.
#[cfg(not(any(feature = "importers", not(target_arch = "wasm32"))))]
static PROVIDED: [OnceLock<HashMap<String, Entry>>; 3] =
    [OnceLock::new(), OnceLock::new(), OnceLock::new()];

/// Use the words in `json` (the JSON of `www/i18n-strings.js`'s default export: `en`, `ru`
/// and `kk`, each possibly empty) in a build that has no catalogue compiled in (the
/// reader's wasm): each language with words is taken the first time it comes and kept
/// from then on (an empty table means "not loaded": lookups fall back to English, then to
/// the key). Builds with the catalogue compiled in keep theirs (the same file). Text that
/// is not a catalogue is an error, and nothing changes.
///
/// # Examples
/// ```
/// use farmmap::i18n::{provide_catalogue, t, Lang};
/// assert!(provide_catalogue(r#"{"en": {}, "ru": {}, "kk": {}}"#).is_ok());
/// assert!(provide_catalogue("not json").is_err());
/// assert!(provide_catalogue(r#"{"en": {}}"#).is_err());
/// // Natively the catalogue is compiled in, and stays.
/// assert_eq!(t(Lang::Ru, "source", &[]), "Источник:");
/// ```
pub fn provide_catalogue(json: &str) -> Result<(), String> {
    let file = File::read(json).map_err(|e| format!("the catalogue: {e}"))?;
    #[cfg(not(any(feature = "importers", not(target_arch = "wasm32"))))]
    for (lang, words) in [
        (Lang::En, file.en),
        (Lang::Ru, file.ru),
        (Lang::Kk, file.kk),
    ] {
        if !words.is_empty() {
            // Already set: the same words came before and stay.
            let _ = PROVIDED[lang as usize].set(words);
        }
    }
    #[cfg(any(feature = "importers", not(target_arch = "wasm32")))]
    let _ = file;
    Ok(())
}

/// One language's table.
#[cfg(any(feature = "importers", not(target_arch = "wasm32")))]
pub fn table(lang: Lang) -> &'static HashMap<String, Entry> {
    let c = FILE.get_or_init(compiled_in);
    match lang {
        Lang::En => &c.en,
        Lang::Ru => &c.ru,
        Lang::Kk => &c.kk,
    }
}

/// One language's table (empty until its words are provided).
#[cfg(not(any(feature = "importers", not(target_arch = "wasm32"))))]
pub fn table(lang: Lang) -> &'static HashMap<String, Entry> {
    static NONE: OnceLock<HashMap<String, Entry>> = OnceLock::new();
    PROVIDED[lang as usize]
        .get()
        .unwrap_or_else(|| NONE.get_or_init(HashMap::new))
}

/// The string for `key` in `lang` exactly, if the catalogue has one (no fallback, no
/// placeholders filled): for names the catalogue may or may not have, such as a basemap
/// place (`city.Oral` → "Уральск").
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    match table(lang).get(key)? {
        Entry::Text(s) => Some(s.as_str()),
        Entry::Plural { .. } => None,
    }
}

/// The plural form `n` takes in `lang` (CLDR's rules for whole numbers): "one", "few",
/// "many" or "other".
///
/// # Examples
/// ```
/// use farmmap::i18n::{plural, Lang};
/// assert_eq!(plural(Lang::Ru, 21), "one");
/// assert_eq!(plural(Lang::Ru, 12), "many");
/// assert_eq!(plural(Lang::Ru, 3), "few");
/// assert_eq!(plural(Lang::Kk, 3), "other");
/// ```
pub fn plural(lang: Lang, n: u64) -> &'static str {
    match lang {
        Lang::En | Lang::Kk => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
        Lang::Ru => match (n % 10, n % 100) {
            (1, r) if r != 11 => "one",
            (2..=4, r) if !(12..=14).contains(&r) => "few",
            _ => "many",
        },
    }
}

/// A value put into a string: a count (written with [`count`]: "1.2K") or a whole number
/// written in full ([`number`]: "1,234"), either choosing the plural form when named `n`;
/// or text as it is.
#[derive(Clone, Debug)]
pub enum Arg<'a> {
    Count(u64),
    Number(u64),
    Text(&'a str),
}

/// The string for `key` in `lang` (English when the language lacks it, the key itself when
/// no language has it), with `{name}` filled from `args`; the plural form follows the
/// count named `n`.
///
/// # Examples
/// ```
/// use farmmap::i18n::{t, Arg, Lang};
/// assert_eq!(t(Lang::En, "sum.farms", &[("n", Arg::Count(1))]), "1 farm");
/// assert_eq!(t(Lang::Ru, "sum.farms", &[("n", Arg::Count(5))]), "5 ферм");
/// assert_eq!(t(Lang::Kk, "sum.farms", &[("n", Arg::Count(1234))]), "1,2 мың ферма");
/// ```
pub fn t(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let entry = table(lang).get(key).or_else(|| table(Lang::En).get(key));
    let n = args.iter().find_map(|(name, a)| match a {
        Arg::Count(n) | Arg::Number(n) if *name == "n" => Some(*n),
        _ => None,
    });
    let text = match entry {
        None => return key.to_string(),
        Some(Entry::Text(s)) => s.as_str(),
        Some(Entry::Plural {
            one,
            few,
            many,
            other,
        }) => match plural(lang, n.unwrap_or(0)) {
            "one" => one,
            "few" => few.as_ref().unwrap_or(other),
            "many" => many.as_ref().unwrap_or(other),
            _ => other,
        }
        .as_str(),
    };
    fill(lang, text, args)
}

fn fill(lang: Lang, text: &str, args: &[(&str, Arg)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        let name = close.map(|c| &after[..c]);
        match name.and_then(|name| args.iter().find(|(k, _)| *k == name)) {
            Some((_, Arg::Count(n))) => out.push_str(&count(lang, *n)),
            Some((_, Arg::Number(n))) => out.push_str(&number(lang, *n as f64, 0)),
            Some((_, Arg::Text(s))) => out.push_str(s),
            None => {
                out.push('{');
                rest = after;
                continue;
            }
        }
        rest = &after[close.unwrap_or(0) + 1..];
    }
    out.push_str(rest);
    out
}

/// A plain number in `lang`'s format, with at most `fraction` decimals: "118,330.5";
/// "118 330,5" (no-break space) in Russian and Kazakh. Not finite: as Rust writes it.
///
/// # Examples
/// ```
/// use farmmap::i18n::{number, Lang};
/// assert_eq!(number(Lang::En, 1234.56, 1), "1,234.6");
/// assert_eq!(number(Lang::Ru, 1234.5, 1), "1\u{a0}234,5");
/// assert_eq!(number(Lang::Kk, 12.0, 1), "12");
/// ```
pub fn number(lang: Lang, value: f64, fraction: u32) -> String {
    if !value.is_finite() {
        return crate::json::Plain(value).to_string();
    }
    let scale = 10f64.powi(fraction as i32);
    let scaled = (value.abs() * scale).round();
    if scaled >= 9.0e15 {
        return crate::json::Plain(value).to_string();
    }
    let scaled = scaled as u64;
    let unit = scale as u64;
    let (whole, frac) = (scaled / unit, scaled % unit);
    let (group, point) = match lang {
        Lang::En => (",", "."),
        Lang::Ru | Lang::Kk => ("\u{a0}", ","),
    };
    let mut out = String::new();
    if value < 0.0 && scaled > 0 {
        out.push('-');
    }
    out.push_str(&grouped(whole, group));
    if frac > 0 {
        let digits = format!("{frac:0width$}", width = fraction as usize);
        out.push_str(point);
        out.push_str(digits.trim_end_matches('0'));
    }
    out
}

fn grouped(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// A count as a reader takes it in at a glance: below 1,000 in full, above abbreviated
/// with one decimal while the leading part is below 100 ("1.2K", "99.9K", "118K", "1.5M";
/// Russian "1,2 тыс.", "118 тыс."; Kazakh "1,2 мың", "1,5 миллион" — Kazakh's short "мың"
/// for thousands reads well, its short "млн" is spelt out as Intl's long form does).
///
/// # Examples
/// ```
/// use farmmap::i18n::{count, Lang};
/// assert_eq!(count(Lang::En, 999), "999");
/// assert_eq!(count(Lang::En, 1234), "1.2K");
/// assert_eq!(count(Lang::En, 118_330), "118K");
/// assert_eq!(count(Lang::En, 999_500), "1M");
/// assert_eq!(count(Lang::Ru, 1234), "1,2\u{a0}тыс.");
/// assert_eq!(count(Lang::Kk, 1234), "1,2 мың");
/// ```
pub fn count(lang: Lang, n: u64) -> String {
    if n < 1000 {
        return n.to_string();
    }
    let n = n as u128;
    let mut exp = 1u32;
    while exp < 4 && n >= 1000u128.pow(exp + 1) {
        exp += 1;
    }
    // One decimal while the leading part is below 99.95 (it then rounds below 100).
    let digits = if n * 100 >= 9995 * 1000u128.pow(exp) {
        0
    } else {
        1
    };
    let rounded = |exp: u32| {
        let unit = 1000u128.pow(exp);
        let scale = 10u128.pow(digits);
        (n * scale * 2 + unit) / (unit * 2) // half up, exact
    };
    let mut scaled = rounded(exp);
    if exp < 4 && scaled >= 1000 * 10u128.pow(digits) {
        exp += 1;
        scaled = rounded(exp);
    }
    // Both fit a u64 (whole ≤ u64::MAX / 10¹²): printed as u64, whose digits core already
    // writes for every count, not u128 (1.6 KB of the reader's wasm for these two numbers).
    let (whole, frac) = (
        (scaled / 10u128.pow(digits)) as u64,
        (scaled % 10u128.pow(digits)) as u64,
    );
    let point = if lang == Lang::En { "." } else { "," };
    let mut out = whole.to_string();
    if frac > 0 {
        out.push_str(point);
        out.push_str(&frac.to_string());
    }
    let i = (exp - 1) as usize;
    let suffix = match lang {
        Lang::En => ["K", "M", "B", "T"][i],
        Lang::Ru => ["\u{a0}тыс.", "\u{a0}млн", "\u{a0}млрд", "\u{a0}трлн"][i],
        Lang::Kk => [" мың", " миллион", " миллиард", " триллион"][i],
    };
    out.push_str(suffix);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key_and_every_placeholder() {
        let en = table(Lang::En);
        for lang in [Lang::Ru, Lang::Kk] {
            let other = table(lang);
            let mut missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
            let mut extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
            crate::sort::sort(&mut missing);
            crate::sort::sort(&mut extra);
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{lang:?} has keys English lacks: {extra:?}"
            );
            // A translation keeps the English string's placeholders.
            let names = |e: &Entry| {
                let text = match e {
                    Entry::Text(s) => s.clone(),
                    Entry::Plural { one, other, .. } => format!("{one}{other}"),
                };
                let mut v: Vec<String> = text
                    .split('{')
                    .skip(1)
                    .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
                    .collect();
                crate::sort::sort(&mut v);
                v.dedup();
                v
            };
            for (k, e) in en {
                assert_eq!(names(e), names(&other[k]), "{lang:?} {k}");
            }
        }
    }

    #[test]
    fn counts_round_like_intl_compact() {
        let en = |n| count(Lang::En, n);
        assert_eq!(en(1000), "1K");
        assert_eq!(en(1049), "1K");
        assert_eq!(en(1050), "1.1K");
        assert_eq!(en(9_950), "10K");
        assert_eq!(en(99_949), "99.9K");
        assert_eq!(en(99_950), "100K");
        assert_eq!(en(999_499), "999K");
        assert_eq!(en(999_950), "1M");
        assert_eq!(en(1_234_567), "1.2M");
        assert_eq!(en(1_500_000_000), "1.5B");
        assert_eq!(count(Lang::Ru, 118_330), "118\u{a0}тыс.");
        assert_eq!(count(Lang::Kk, 999_500), "1 миллион");
        assert_eq!(count(Lang::Ru, u64::MAX), "18446744\u{a0}трлн");
        assert_eq!(en(u64::MAX - 1), "18446744T");
        assert_eq!(en(99_949_999_999_999), "99.9T");
        assert_eq!(en(999_949_999_999_999), "1000T");
        assert_eq!(en(1_949_999_999_999), "1.9T");
    }

    #[test]
    fn plural_forms_follow_cldr() {
        let ru: Vec<_> = [1, 2, 5, 11, 12, 21, 22, 25, 101, 111, 0]
            .iter()
            .map(|&n| plural(Lang::Ru, n))
            .collect();
        assert_eq!(
            ru,
            ["one", "few", "many", "many", "many", "one", "few", "many", "one", "many", "many"]
        );
        assert_eq!(plural(Lang::En, 1), "one");
        assert_eq!(plural(Lang::En, 0), "other");
    }

    #[test]
    fn strings_fill_and_fall_back() {
        assert_eq!(t(Lang::Ru, "no such key", &[]), "no such key");
        assert_eq!(
            t(
                Lang::En,
                "sum.tied",
                &[("n", Arg::Count(3)), ("name", Arg::Text("A {n}"))]
            ),
            "3 tied to A {n}"
        );
        assert_eq!(number(Lang::En, -0.04, 1), "0");
        assert_eq!(number(Lang::Ru, 1_000_000.0, 0), "1\u{a0}000\u{a0}000");
    }
}
