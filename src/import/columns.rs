//! Recognising farm columns by their headers, in English, Russian and Kazakh, with units in
//! the header (`Capacity (MW)`, `capacity_kw`, `Мощность, кВт`).

use super::mapping::{FarmField, Unit};

/// Fold text for matching: lower case, `ё`→`е`, Kazakh letters to their Russian
/// look-alikes (`қ`→`к`, `ұ`→`у`, `і`→`и`…), Latin diacritics dropped (`ū`→`u`).
///
/// # Examples
/// ```
/// use farmmap::import::columns::fold;
///
/// assert_eq!(fold("Екібастұз"), fold("Екибастуз"));
/// assert_eq!(fold("Ekibastūz"), "ekibastuz");
/// assert_eq!(fold("Населённый пункт"), "населенный пункт");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let r = match c {
            'ё' => 'е',
            'ә' => 'а',
            'ғ' => 'г',
            'қ' => 'к',
            'ң' => 'н',
            'ө' => 'о',
            'ұ' | 'ү' => 'у',
            'һ' => 'х',
            'і' | 'ї' => 'и',
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'ď' | 'đ' => 'd',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
            'ğ' | 'ġ' => 'g',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'į' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ř' => 'r',
            'ś' | 'š' | 'ş' => 's',
            'ť' | 'ţ' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            '’' | 'ʼ' | 'ʻ' | '`' | '´' => '\'',
            c => c,
        };
        out.push(r);
    }
    out
}

/// A header split into its name (folded, words joined by `_`) and the unit written in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub key: String,
    pub unit: Option<Unit>,
    /// Whether the header names an energy (MWh, GWh…) rather than a power.
    pub energy: bool,
}

fn unit_of(word: &str) -> Option<(Option<Unit>, bool)> {
    Some(match word {
        "mw" | "мвт" | "mwe" | "mwel" | "mw_e" => (Some(Unit::Mw), false),
        "kw" | "квт" | "kwe" | "kwp" => (Some(Unit::Kw), false),
        "gw" | "гвт" => (Some(Unit::Gw), false),
        "w" | "вт" => (Some(Unit::W), false),
        "mwh" | "gwh" | "kwh" | "мвт_ч" | "гвт_ч" | "квт_ч" | "мвтч" | "квтч" | "гвтч" => {
            (None, true)
        }
        _ => return None,
    })
}

/// Normalise a header: `"Capacity (MW)"` → key `capacity`, unit MW; `"capacity_kw"` →
/// `capacity`, kW; `"Населённый пункт"` → `населенныи_пункт`… (see [`fold`]).
///
/// # Examples
/// ```
/// use farmmap::import::columns::header;
/// use farmmap::import::mapping::Unit;
///
/// let h = header("Capacity (MW)");
/// assert_eq!((h.key.as_str(), h.unit), ("capacity", Some(Unit::Mw)));
/// assert_eq!(header("Мощность, кВт").unit, Some(Unit::Kw));
/// assert_eq!(header("capacity_kw").key, "capacity");
/// assert_eq!(header("Power Plant ID").key, "power_plant_id");
/// ```
pub fn header(raw: &str) -> Header {
    let folded = fold(raw.trim());
    let mut unit = None;
    let mut energy = false;
    // Units in brackets or after a comma: "Capacity (MW)", "Мощность, кВт".
    let mut base = String::new();
    let mut depth = 0;
    let mut bracket = String::new();
    for c in folded.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if let Some((u, e)) = unit_of(&words(&bracket)) {
                    unit = unit.or(u);
                    energy |= e;
                }
                bracket.clear();
            }
            _ if depth > 0 => bracket.push(c),
            _ => base.push(c),
        }
    }
    if let Some((before, after)) = base.split_once(',') {
        if let Some((u, e)) = unit_of(&words(after)) {
            unit = unit.or(u);
            energy |= e;
            base = before.to_string();
        }
    }
    let mut key = words(&base);
    // A unit as the last word: capacity_mw, capacity_kw, power_gw.
    if let Some((stem, last)) = key.rsplit_once('_') {
        if let Some((u, e)) = unit_of(last) {
            if !stem.is_empty() {
                unit = unit.or(u);
                energy |= e;
                key = stem.to_string();
            }
        }
    }
    Header { key, unit, energy }
}

/// Words joined by `_`: every run of characters that are not letters or digits is one `_`.
fn words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() || c == '№' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// The field a normalised header names, and how sure the guess is (lower = better; used to
/// choose between two columns that name the same field).
pub fn guess(key: &str) -> Option<(FarmField, u8)> {
    use FarmField::*;
    Some(match key {
        "id"
        | "farm_id"
        | "gppd_idnr"
        | "power_plant_id"
        | "plant_id"
        | "eic_g"
        | "eic_code"
        | "facilityid"
        | "facility_id"
        | "site_id"
        | "plant_code"
        | "id_code"
        | "ид"
        | "идентификатор"
        | "код"
        | "№"
        | "no"
        | "nr"
        | "номер" => (Id, 0),
        "bnetza_id" | "uba_id" | "eic_p" | "wepp_id" | "eic" => (Id, 1),
        "name"
        | "name_g"
        | "plant_name"
        | "farm"
        | "farm_name"
        | "facility_name"
        | "site_name"
        | "name_of_plant"
        | "название"
        | "наименование"
        | "атауы"
        | "атау" => (Name, 0),
        "name_p" | "name_uba" | "block_name" | "facilityname" => (Name, 1),
        "lat" | "latitude" | "lat_g" | "latitude_g" | "y_lat" | "широта" | "ендик" | "енд" => {
            (Lat, 0)
        }
        "lon" | "lng" | "long" | "longitude" | "lon_g" | "longitude_g" | "x_lon" | "долгота"
        | "боилык" | "бойлык" => (Lon, 0),
        "status" | "operational_status" | "plant_status" | "operating_status"
        | "state_of_operation" | "статус" | "состояние" | "мартебеси" | "куйи" => {
            (Status, 0)
        }
        "capacity"
        | "capacity_g"
        | "installed_capacity"
        | "capacity_net"
        | "capacity_net_bnetza"
        | "net_capacity"
        | "capacity_el"
        | "electrical_capacity"
        | "power"
        | "мощность"
        | "установленная_мощность"
        | "куаты"
        | "куат"
        | "электрическая_мощность" => (CapacityMw, 0),
        "capacity_gross" | "gross_capacity" | "capacity_gross_uba" | "mw" | "мвт" => {
            (CapacityMw, 1)
        }
        "precision" | "location_precision" | "geo_precision" | "точность" | "дэлдик" | "далдик" => {
            (Precision, 0)
        }
        "owner"
        | "owners"
        | "owner_group"
        | "company"
        | "owner_name"
        | "owner_company"
        | "owned_by"
        | "владелец"
        | "собственник"
        | "компания"
        | "иеси"
        | "иелери" => (Owner, 0),
        "source_url" | "url" | "link" | "source_link" | "url_1" | "ссылка" | "силтеме" => {
            (SourceUrl, 0)
        }
        "source" | "sources" | "источник" | "дерекkоз" | "дереккоз" | "geolocation_source" => {
            (SourceUrl, 2)
        }
        "place"
        | "town"
        | "city"
        | "municipality"
        | "settlement"
        | "locality"
        | "village"
        | "город"
        | "населенныи_пункт"
        | "населенный_пункт"
        | "нп"
        | "село"
        | "поселок"
        | "кала"
        | "елди_мекен"
        | "ауыл"
        | "мекен" => (Place, 0),
        // The farm's date: when it was shut down, raided, closed (not when built).
        "date"
        | "shut_down_by"
        | "shutdown_date"
        | "shut_down"
        | "shut_down_date"
        | "date_shut_down"
        | "closed_on"
        | "date_closed"
        | "closure_date"
        | "raid_date"
        | "date_of_raid"
        | "дата"
        | "дата_закрытия"
        | "дата_изъятия"
        | "дата_остановки"
        | "закрыта"
        | "закрыт"
        | "закрыто"
        | "кун"
        | "куни"
        | "жабылган_куни"
        | "жабылды" => (Date, 0),
        "illustrative"
        | "is_illustrative"
        | "illustrative_location"
        | "illustration"
        | "иллюстративно"
        | "иллюстративный"
        | "иллюстративная"
        | "условно"
        | "шартты" => (Illustrative, 0),
        _ => return None,
    })
}

/// Whether a header that matched no field still looks like one an editor meant to be used
/// (a second capacity, an operator, coordinates under another name…).
pub fn looks_meaningful(key: &str) -> bool {
    const HINTS: [&str; 22] = [
        "capacity",
        "мощн",
        "куат",
        "lat",
        "lon",
        "coord",
        "geo",
        "owner",
        "operator",
        "оператор",
        "владел",
        "status",
        "статус",
        "url",
        "link",
        "id",
        "name",
        "назв",
        "place",
        "город",
        "precision",
        "x_y",
    ];
    HINTS.iter().any(|h| key.contains(h))
}

/// Whether a value is a web link.
pub fn is_link(v: &str) -> bool {
    let t = v.trim().as_bytes();
    let lower = |n: usize| t.len() >= n && t[..n].eq_ignore_ascii_case(&b"https://"[..n]);
    lower(8) || (t.len() >= 7 && t[..7].eq_ignore_ascii_case(b"http://"))
}

/// `A`, `B`, … `Z`, `AA` for the 0-based column `i`.
pub fn letter(i: usize) -> String {
    let mut n = i + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_three_languages() {
        for (h, f) in [
            ("Power Plant ID", FarmField::Id),
            ("gppd_idnr", FarmField::Id),
            ("Capacity (MW)", FarmField::CapacityMw),
            ("capacity_g", FarmField::CapacityMw),
            ("Мощность (МВт)", FarmField::CapacityMw),
            ("Қуаты (кВт)", FarmField::CapacityMw),
            ("Широта", FarmField::Lat),
            ("Ендік", FarmField::Lat),
            ("Бойлық", FarmField::Lon),
            ("Владелец", FarmField::Owner),
            ("company", FarmField::Owner),
            ("Населённый пункт", FarmField::Place),
            ("Қала", FarmField::Place),
            ("Latitude", FarmField::Lat),
            ("name_g", FarmField::Name),
            ("Атауы", FarmField::Name),
            ("Date", FarmField::Date),
            ("Shut down by", FarmField::Date),
            ("shutdown_date", FarmField::Date),
            ("Дата закрытия", FarmField::Date),
            ("Закрыта", FarmField::Date),
            ("Жабылған күні", FarmField::Date),
            ("Illustrative", FarmField::Illustrative),
            ("Иллюстративно", FarmField::Illustrative),
        ] {
            assert_eq!(
                guess(&header(h).key).map(|g| g.0),
                Some(f),
                "{h} → {:?}",
                header(h)
            );
        }
        assert!(header("Annual Generation (GWh)").energy);
        assert_eq!(letter(0), "A");
        assert_eq!(letter(27), "AB");
    }
}
