//! An offline gazetteer of Kazakh places, for farms known only by their town ("near
//! Ekibastuz"): 302 GeoNames places with their Kazakh, Russian and English spellings and
//! transliterations (Ekibastuz / Екибастуз / Екібастұз / Ekibastūz), embedded from
//! `data/kz_gazetteer.tsv` (GeoNames, CC BY 4.0; see data/README.md). No network request.
//!
//! Only the farms importer uses it, behind the cargo feature `gazetteer` (on by default),
//! so a reader-only build can leave its ~37 KB out. The index is built on first use.

use super::columns::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The embedded table (tab-separated; see scripts/data/build_gazetteer.py).
pub const DATA: &str = include_str!("../../data/kz_gazetteer.tsv");

/// One place of the gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub geonameid: u32,
    pub name: &'static str,
    pub lat: f64,
    pub lon: f64,
    /// GeoNames admin1 code (the oblast).
    pub admin1: &'static str,
    pub population: u64,
}

/// What a name matches.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    Found(&'static Place),
    /// Several places answer to the name.
    Ambiguous(Vec<&'static Place>),
    NotFound,
}

struct Index {
    places: Vec<Place>,
    by_name: HashMap<String, Vec<usize>>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut places = Vec::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for line in DATA
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() < 7 {
                continue;
            }
            let place = Place {
                geonameid: f[0].parse().unwrap_or(0),
                name: f[1],
                lat: f[2].parse().unwrap_or(f64::NAN),
                lon: f[3].parse().unwrap_or(f64::NAN),
                admin1: f[4],
                population: f[5].parse().unwrap_or(0),
            };
            if !place.lat.is_finite() || !place.lon.is_finite() {
                continue;
            }
            let i = places.len();
            places.push(place);
            for n in std::iter::once(f[1]).chain(f[6].split('|')) {
                let key = key(n);
                if key.is_empty() {
                    continue;
                }
                let v = by_name.entry(key).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
        Index { places, by_name }
    })
}

/// The matching key of a name: folded (see [`fold`]), apostrophes dropped, runs of spaces
/// and hyphens one space.
fn key(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c == '\'' || c == '"' || c == '«' || c == '»' {
            continue;
        }
        if c.is_whitespace() || c == '-' {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.trim_end().to_string()
}

/// Prefixes that name the kind of settlement ("г. Экибастуз", "пос. …", "city of …").
const PREFIXES: [&str; 12] = [
    "г. ",
    "г ",
    "город ",
    "гор. ",
    "пос. ",
    "п. ",
    "с. ",
    "село ",
    "поселок ",
    "аул ",
    "city of ",
    "town of ",
];

/// Look a town up by any of its names, folding case, diacritics and Kazakh letters; a
/// settlement-kind prefix ("г.") and anything after a comma ("Ekibastuz, Pavlodar region")
/// are tried away.
///
/// # Examples
/// ```
/// use farmmap::import::gazetteer::{lookup, Lookup};
///
/// for spelling in ["Ekibastuz", "Екибастуз", "Екібастұз", "ekibastūz", "г. Экибастуз"] {
///     match lookup(spelling) {
///         Lookup::Found(p) => assert_eq!(p.name, "Ekibastuz"),
///         other => panic!("{spelling}: {other:?}"),
///     }
/// }
/// assert!(matches!(lookup("Aktau"), Lookup::Ambiguous(c) if c.len() >= 2));
/// assert_eq!(lookup("Atlantis"), Lookup::NotFound);
/// ```
pub fn lookup(name: &str) -> Lookup {
    let idx = index();
    let mut tries = vec![key(name)];
    if let Some((head, _)) = name.split_once(',') {
        tries.push(key(head));
    }
    for t in tries.clone() {
        for p in PREFIXES {
            if let Some(rest) = t.strip_prefix(p) {
                tries.push(rest.trim().to_string());
            }
        }
    }
    // Last: a Cyrillic spelling transliterated to Latin (Қарағанды → karagandy).
    let latin: Vec<String> = tries.iter().map(|t| translit(t)).collect();
    tries.extend(latin);
    for t in tries {
        if let Some(hits) = idx.by_name.get(&t) {
            return match hits.as_slice() {
                [one] => Lookup::Found(&idx.places[*one]),
                many => Lookup::Ambiguous(many.iter().map(|&i| &idx.places[i]).collect()),
            };
        }
    }
    Lookup::NotFound
}

/// A folded Cyrillic name in Latin letters, the way GeoNames' English names spell them.
fn translit(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        out.push_str(match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' | 'ы' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ю' => "yu",
            'я' => "ya",
            _ => {
                out.push(c);
                continue;
            }
        });
    }
    out
}

/// How many bytes the gazetteer embeds.
pub fn embedded_bytes() -> usize {
    DATA.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_place_loads() {
        assert_eq!(index().places.len(), 302);
        assert!(embedded_bytes() < 40_000);
    }

    #[test]
    fn transliterations_and_scripts_fold_together() {
        for s in [
            "Stepnogorsk",
            "СТЕПНОГОРСК",
            "степногорск",
            "Karaganda",
            "Қарағанды",
        ] {
            assert!(
                matches!(lookup(s), Lookup::Found(_)),
                "{s}: {:?}",
                lookup(s)
            );
        }
    }
}
