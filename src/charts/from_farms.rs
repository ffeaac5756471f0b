//! The story's three charts computed from the farms, and the farms behind each bar, so a
//! click on a bar can light its farms up on the map.

use super::{monthly_bars, Bar, BarData, ChartKind, YearMonth, MAX_BARS};
use crate::i18n::{self, Arg, Lang};
use crate::model::{Farm, Status};
use crate::regions;
use std::collections::HashMap;

/// A chart's title in English (see [`title_in`]).
pub fn title(kind: ChartKind) -> String {
    title_in(Lang::En, kind)
}

/// A chart's title in `lang`: the one place it is chosen (the chart draws it, the page
/// lists it); the words are the catalogue's `chart.*`.
pub fn title_in(lang: Lang, kind: ChartKind) -> String {
    let key = match kind {
        ChartKind::OwnerGroups => "chart.owners",
        ChartKind::CapacityByRegion => "chart.capacity",
        ChartKind::ShutdownsByMonth => "chart.shutdowns",
    };
    i18n::t(lang, key, &[])
}

/// The data of chart `kind` for these farms, in English.
pub fn chart_data(kind: ChartKind, farms: &[Farm]) -> BarData {
    chart_data_in(Lang::En, kind, farms)
}

/// The data of chart `kind` for these farms, its words in `lang` (title, axes, notes, the
/// labels of the bars farmmap names: "Owner not named", "N others", oblasts). Bar keys
/// stay the same in every language ([`farms_of_bar`] reads them).
pub fn chart_data_in(lang: Lang, kind: ChartKind, farms: &[Farm]) -> BarData {
    match kind {
        ChartKind::OwnerGroups => owner_groups(lang, farms),
        ChartKind::CapacityByRegion => capacity_by_region(lang, farms),
        ChartKind::ShutdownsByMonth => shutdowns_by_month(lang, farms),
    }
}

/// Whether the farms have what chart `kind` shows: any farm for the owners, a capacity
/// for the capacity chart, a dated shutdown for the timeline.
pub fn supports(kind: ChartKind, farms: &[Farm]) -> bool {
    match kind {
        ChartKind::OwnerGroups => !farms.is_empty(),
        ChartKind::CapacityByRegion => farms.iter().any(|f| f.capacity_mw.is_some()),
        ChartKind::ShutdownsByMonth => farms
            .iter()
            .any(|f| f.status == Status::ShutDown && shutdown_month(f).is_some()),
    }
}

/// The extra columns read as a farm's shutdown date (`YYYY-MM` or `YYYY-MM-DD`) when it has
/// no [`Farm::date`]: data published before dates were a field kept them there.
const SHUTDOWN_COLUMNS: [&str; 3] = ["shut_down_by", "shutdown_date", "shut_down"];

const NO_OWNER: &str = "Owner not named";
/// The key of farms outside every oblast (its label is the catalogue's `chart.outside`).
const OUTSIDE: &str = "Outside Kazakhstan";

fn owner_key(f: &Farm) -> &str {
    match f.owner.trim() {
        "" => NO_OWNER,
        o => o,
    }
}

fn region_key(f: &Farm) -> String {
    regions::region_of(f.lng, f.lat)
        .and_then(|i| regions::kazakhstan().name(i))
        .unwrap_or(OUTSIDE)
        .to_string()
}

fn shutdown_month(f: &Farm) -> Option<YearMonth> {
    if let Some(d) = f.date {
        return Some(YearMonth {
            year: d.year,
            month: u32::from(d.month),
        });
    }
    let raw = f
        .extra
        .iter()
        .find(|(k, _)| SHUTDOWN_COLUMNS.contains(&k.to_lowercase().as_str()))?
        .1
        .trim();
    let mut parts = raw.split('-');
    let year = parts.next()?.parse::<i32>().ok()?;
    let month = parts.next()?.parse::<u32>().ok()?;
    ((1900..=2100).contains(&year) && (1..=12).contains(&month))
        .then_some(YearMonth { year, month })
}

fn note(lang: Lang, farms: &[Farm]) -> Option<String> {
    farms
        .iter()
        .any(Farm::is_illustrative)
        .then(|| say(lang, "chart.illustrative", &[]))
}

fn say(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    i18n::t(lang, key, args)
}

/// A bar's label in `lang`: farmmap's own words ("Owner not named", "Outside Kazakhstan")
/// and the oblasts' names from the catalogue; an owner's name as the data writes it.
fn bar_label(lang: Lang, key: &str) -> String {
    match key {
        NO_OWNER => say(lang, "chart.noOwner", &[]),
        OUTSIDE => say(lang, "chart.outside", &[]),
        k => i18n::lookup(lang, &format!("region.{k}"))
            .filter(|_| lang != Lang::En)
            .unwrap_or(k)
            .to_string(),
    }
}

/// The axes' words: what a bar counts, and what it is.
fn axes(lang: Lang, unit: &str, category: &str) -> (String, String) {
    (
        say(lang, &format!("chart.unit.{unit}"), &[]),
        say(lang, &format!("chart.category.{category}"), &[]),
    )
}

/// The owners chart shows at most this many named owners, the largest; the rest share one
/// "N others" bar (and farms with no owner named keep their own bar). The one place this
/// limit is set.
pub const OWNER_BARS: usize = 12;

/// The key of the "N others" bar. A key with leading white space can never be an owner's
/// key (those are trimmed), so no owner's bar is mistaken for it.
pub const OTHERS_KEY: &str = " others";

/// Owners by farm count, largest first (ties by name); farms with no owner named are not in
/// the list but counted apart.
fn owner_counts(farms: &[Farm]) -> (Vec<(String, usize)>, usize) {
    // Counted in a map of the farm index's type (HashMap<String, u32>: one hash table type
    // fewer in the reader's wasm), a key made once per owner.
    let mut by_key: HashMap<String, u32> = HashMap::new();
    for f in farms {
        match by_key.get_mut(owner_key(f)) {
            Some(n) => *n += 1,
            None => {
                by_key.insert(owner_key(f).to_string(), 1);
            }
        }
    }
    let unnamed = by_key.remove(NO_OWNER).map_or(0, |n| n as usize);
    let mut counts: Vec<(String, usize)> =
        by_key.into_iter().map(|(k, n)| (k, n as usize)).collect();
    crate::sort::sort_by(&mut counts, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    (counts, unnamed)
}

/// The owners with a bar of their own: the [`OWNER_BARS`] largest.
fn shown_owners(farms: &[Farm]) -> Vec<String> {
    let (counts, _) = owner_counts(farms);
    counts
        .into_iter()
        .take(OWNER_BARS)
        .map(|(k, _)| k)
        .collect()
}

/// Farms per owner group, largest first: the [`OWNER_BARS`] largest, then one "N others"
/// bar for the rest (any number of differently spelled owners still makes a drawable
/// chart), then farms with no owner named.
pub fn owner_groups(lang: Lang, farms: &[Farm]) -> BarData {
    let (counts, unnamed) = owner_counts(farms);
    let cut = counts.len().min(OWNER_BARS);
    let mut bars: Vec<Bar> = counts[..cut]
        .iter()
        .map(|(k, v)| Bar::new(k, *v as f64, k))
        .collect();
    let rest = &counts[cut..];
    let mut note = None;
    if !rest.is_empty() {
        let farms_in_rest: usize = rest.iter().map(|(_, v)| v).sum();
        let label = say(
            lang,
            "chart.others",
            &[("n", Arg::Number(rest.len() as u64))],
        );
        bars.push(Bar::new(&label, farms_in_rest as f64, OTHERS_KEY));
        let args = [
            ("total", Arg::Number(counts.len() as u64)),
            ("top", Arg::Number(OWNER_BARS as u64)),
            ("others", Arg::Text(&label)),
        ];
        note = Some(say(lang, "chart.ownersNote", &args));
    }
    if unnamed > 0 {
        bars.push(Bar::new(
            &bar_label(lang, NO_OWNER),
            unnamed as f64,
            NO_OWNER,
        ));
    }
    let (unit, category) = axes(lang, "farms", "owner");
    BarData {
        title: title_in(lang, ChartKind::OwnerGroups),
        unit,
        category,
        note,
        bars,
    }
}

/// Total capacity per oblast (found by point-in-polygon), with farms of unknown capacity
/// counted beside each bar rather than silently read as zero. A capacity that is not a
/// finite number ≥ 0, or that would make its region's sum overflow, is left out and
/// counted in the note, so every total stays a finite number.
pub fn capacity_by_region(lang: Lang, farms: &[Farm]) -> BarData {
    let mut by_key: HashMap<String, (f64, u32)> = HashMap::new();
    let mut left_out = 0usize;
    for f in farms {
        let row = by_key.entry(region_key(f)).or_default();
        match f.capacity_mw {
            Some(mw) if mw.is_finite() && mw >= 0.0 && (row.0 + mw).is_finite() => row.0 += mw,
            Some(_) => left_out += 1,
            None => row.1 += 1,
        }
    }
    let mut rows: Vec<(String, f64, u32)> =
        by_key.into_iter().map(|(k, (v, u))| (k, v, u)).collect();
    crate::sort::sort_by(&mut rows, |a, b| {
        b.1.total_cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0))
    });
    let mut notes: Vec<String> = note(lang, farms).into_iter().collect();
    if left_out > 0 {
        let n = [("n", Arg::Number(left_out as u64))];
        notes.push(say(lang, "chart.leftOut", &n));
    }
    let (unit, category) = axes(lang, "MW", "region");
    BarData {
        title: title_in(lang, ChartKind::CapacityByRegion),
        unit,
        category,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
        bars: rows
            .iter()
            .map(|(k, v, u)| Bar {
                unknown: *u,
                ..Bar::new(&bar_label(lang, k), *v, k)
            })
            .collect(),
    }
}

/// Farms shut down per month, from each farm's date (or, in data published before dates
/// were a field, a `shut_down_by` column); farms without a date are named
/// in the note, not dropped silently.
pub fn shutdowns_by_month(lang: Lang, farms: &[Farm]) -> BarData {
    let mut months: Vec<YearMonth> = farms
        .iter()
        .filter(|f| f.status == Status::ShutDown)
        .filter_map(shutdown_month)
        .collect();
    let undated = farms
        .iter()
        .filter(|f| f.status == Status::ShutDown)
        .count()
        - months.len();
    let mut notes = Vec::new();
    if undated > 0 {
        notes.push(say(
            lang,
            "chart.undated",
            &[("n", Arg::Number(undated as u64))],
        ));
    }
    // Dates spread over more months than a chart can show: the latest MAX_BARS months.
    if let Some(first) = first_month_shown(&months) {
        let before = months.len();
        months.retain(|m| m.ordinal() >= first);
        let earlier = before - months.len();
        if earlier > 0 {
            let args = [
                ("n", Arg::Number(earlier as u64)),
                ("months", Arg::Number(MAX_BARS as u64)),
            ];
            notes.push(say(lang, "chart.earlier", &args));
        }
    }
    let (unit, category) = axes(lang, "farms", "month");
    BarData {
        title: title_in(lang, ChartKind::ShutdownsByMonth),
        unit,
        category,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
        bars: monthly_bars(&months).unwrap_or_default(),
    }
}

/// The first month the timeline shows, when the dates span more than [`MAX_BARS`] months.
fn first_month_shown(months: &[YearMonth]) -> Option<i64> {
    let last = months.iter().map(|m| m.ordinal()).max()?;
    let first = months.iter().map(|m| m.ordinal()).min()?;
    (last - first + 1 > MAX_BARS as i64).then(|| last - MAX_BARS as i64 + 1)
}

/// Which farms a bar stands for ([`OTHERS_KEY`]: every owner without a bar of their own).
pub fn farms_of_bar(kind: ChartKind, key: &str, farms: &[Farm]) -> Vec<bool> {
    let shown = (kind == ChartKind::OwnerGroups && key == OTHERS_KEY).then(|| shown_owners(farms));
    farms
        .iter()
        .map(|f| match kind {
            ChartKind::OwnerGroups => match &shown {
                Some(shown) => owner_key(f) != NO_OWNER && !shown.iter().any(|o| o == owner_key(f)),
                None => owner_key(f) == key,
            },
            ChartKind::CapacityByRegion => region_key(f) == key,
            ChartKind::ShutdownsByMonth => {
                f.status == Status::ShutDown && shutdown_month(f).is_some_and(|m| m.label() == key)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn farm(
        id: &str,
        lng: f64,
        lat: f64,
        owner: &str,
        mw: Option<f64>,
        month: Option<&str>,
    ) -> Farm {
        let mut f = Farm::at(id, lng, lat);
        f.owner = owner.into();
        f.capacity_mw = mw;
        f.status = Status::ShutDown;
        if let Some(m) = month {
            f.extra.push(("shut_down_by".into(), m.into()));
        }
        f
    }

    fn farms() -> Vec<Farm> {
        vec![
            farm("a", 75.32, 51.72, "X", Some(10.0), Some("2022-01")), // Pavlodar
            farm("b", 76.95, 52.28, "X", None, Some("2022-03")),       // Pavlodar
            farm("c", 73.1, 49.8, "", Some(5.0), None),                // Karaganda
        ]
    }

    #[test]
    fn owner_bars_count_farms_and_put_unnamed_last() {
        let d = owner_groups(Lang::En, &farms());
        let bars: Vec<(&str, f64)> = d.bars.iter().map(|b| (b.key.as_str(), b.value)).collect();
        assert_eq!(bars, vec![("X", 2.0), (NO_OWNER, 1.0)]);
        assert_eq!(
            farms_of_bar(ChartKind::OwnerGroups, "X", &farms()),
            vec![true, true, false]
        );
    }

    #[test]
    fn capacity_sums_known_and_counts_unknown() {
        let d = capacity_by_region(Lang::En, &farms());
        let pavlodar = d.bars.iter().find(|b| b.key.contains("Pavlodar")).unwrap();
        assert_eq!((pavlodar.value, pavlodar.unknown), (10.0, 1));
        assert_eq!(d.bars.len(), 2);
        let mask = farms_of_bar(ChartKind::CapacityByRegion, &pavlodar.key, &farms());
        assert_eq!(mask, vec![true, true, false]);
    }

    #[test]
    fn the_date_field_counts_and_wins_over_an_old_column() {
        let mut a = farm("a", 75.32, 51.72, "X", None, Some("2021-01"));
        a.date = crate::model::FarmDate::new(2022, 3, Some(15));
        let mut b = farm("b", 75.32, 51.72, "X", None, None);
        b.date = crate::model::FarmDate::new(2022, 4, None);
        let d = shutdowns_by_month(Lang::En, &[a.clone(), b.clone()]);
        assert_eq!(d.bars.len(), 2, "{d:?}");
        assert!(supports(ChartKind::ShutdownsByMonth, &[a]));
        b.date = None;
        assert!(!supports(ChartKind::ShutdownsByMonth, &[b]));
    }

    #[test]
    fn shutdowns_fill_empty_months_and_note_the_undated() {
        let d = shutdowns_by_month(Lang::En, &farms());
        let bars: Vec<(&str, f64)> = d.bars.iter().map(|b| (b.key.as_str(), b.value)).collect();
        assert_eq!(
            bars,
            vec![("2022-01", 1.0), ("2022-02", 0.0), ("2022-03", 1.0)]
        );
        assert_eq!(d.note.as_deref(), Some("1 shut-down farm without a date"));
        assert_eq!(
            farms_of_bar(ChartKind::ShutdownsByMonth, "2022-03", &farms()),
            vec![false, true, false]
        );
    }

    /// Draws `kind` for `farms` as SVG: the data validates and plotters draws it.
    fn draws(kind: ChartKind, farms: &[Farm]) -> BarData {
        let data = chart_data(kind, farms);
        data.validate().expect("chart data is always valid");
        let chart = crate::charts::Chart {
            kind,
            data: data.clone(),
            style: crate::charts::ChartStyle::default(),
        };
        crate::charts::render_svg(&chart, 480, 320).expect("the chart draws");
        data
    }

    #[test]
    fn charts_speak_the_readers_language_and_keep_their_keys() {
        let mut many = farms();
        for i in 0..20 {
            many.push(farm(
                &format!("m{i}"),
                75.0,
                51.0,
                &format!("Owner {i}"),
                None,
                None,
            ));
        }
        for kind in [
            ChartKind::OwnerGroups,
            ChartKind::CapacityByRegion,
            ChartKind::ShutdownsByMonth,
        ] {
            let en = chart_data_in(Lang::En, kind, &many);
            let ru = chart_data_in(Lang::Ru, kind, &many);
            assert_eq!(en, chart_data(kind, &many));
            let keys = |d: &BarData| d.bars.iter().map(|b| b.key.clone()).collect::<Vec<_>>();
            assert_eq!(keys(&en), keys(&ru), "{kind:?}: the same bars");
            let latin = |t: &str| t.chars().any(|c| c.is_ascii_alphabetic());
            let mut words = vec![ru.title.clone(), ru.unit.clone(), ru.category.clone()];
            words.extend(ru.note.clone());
            for w in &words {
                assert!(!latin(w.replace("МВт", "").as_str()), "{kind:?}: {w}");
            }
            for b in &ru.bars {
                // Owners' names are data; every other label farmmap writes is Russian.
                let owner = many.iter().any(|f| f.owner == b.label);
                assert!(owner || !latin(&b.label), "{kind:?}: {}", b.label);
            }
        }
        let owners = chart_data_in(Lang::Kk, ChartKind::OwnerGroups, &many);
        assert!(owners
            .bars
            .iter()
            .any(|b| b.key == OTHERS_KEY && b.label.starts_with("тағы ")));
        assert!(owners
            .bars
            .iter()
            .any(|b| b.key == NO_OWNER && b.label == "Иесі аталмаған"));
    }

    #[test]
    fn many_owners_give_the_top_bars_and_one_others_bar() {
        // 241 differently spelled owners (one farm each, "Owner 0" with three), and two
        // farms with no owner named.
        let mut farms: Vec<Farm> = (0..241)
            .map(|i| {
                farm(
                    &format!("f{i}"),
                    75.0,
                    51.0,
                    &format!("Owner {i}"),
                    None,
                    None,
                )
            })
            .collect();
        farms.push(farm("g1", 75.0, 51.0, "Owner 0", None, None));
        farms.push(farm("g2", 75.0, 51.0, " Owner 0 ", None, None));
        farms.push(farm("u1", 75.0, 51.0, "", None, None));
        farms.push(farm("u2", 75.0, 51.0, "  ", None, None));
        let d = draws(ChartKind::OwnerGroups, &farms);
        assert_eq!(d.bars.len(), OWNER_BARS + 2);
        assert_eq!((d.bars[0].key.as_str(), d.bars[0].value), ("Owner 0", 3.0));
        let others = &d.bars[OWNER_BARS];
        let rest = 241 - OWNER_BARS;
        assert_eq!(others.key, OTHERS_KEY);
        assert_eq!(others.label, format!("{rest} others"));
        assert_eq!(others.value, rest as f64);
        assert_eq!(d.bars[OWNER_BARS + 1].key, NO_OWNER);
        assert!(
            d.note.as_deref().unwrap().contains("241 owners"),
            "{:?}",
            d.note
        );
        // The others bar lights exactly the farms of the owners without a bar.
        let lit = farms_of_bar(ChartKind::OwnerGroups, OTHERS_KEY, &farms);
        assert_eq!(lit.iter().filter(|&&b| b).count(), rest);
        let shown: std::collections::HashSet<&str> = d.bars[..OWNER_BARS]
            .iter()
            .map(|b| b.key.as_str())
            .collect();
        for (f, lit) in farms.iter().zip(&lit) {
            let k = owner_key(f);
            assert_eq!(*lit, k != NO_OWNER && !shown.contains(k), "{k}");
        }
        // A top owner's bar still lights that owner only.
        let top = farms_of_bar(ChartKind::OwnerGroups, "Owner 0", &farms);
        assert_eq!(top.iter().filter(|&&b| b).count(), 3);
    }

    #[test]
    fn few_owners_have_no_others_bar() {
        let d = owner_groups(Lang::En, &farms());
        assert!(d.bars.iter().all(|b| b.key != OTHERS_KEY));
        assert_eq!(d.note, None);
        // Nothing is lit by an others key when there is no others bar.
        let lit = farms_of_bar(ChartKind::OwnerGroups, OTHERS_KEY, &farms());
        assert!(lit.iter().all(|&b| !b));
    }

    #[test]
    fn an_owner_cannot_be_named_like_the_others_bar() {
        let farms = vec![farm("a", 75.0, 51.0, OTHERS_KEY, None, None)];
        let d = owner_groups(Lang::En, &farms);
        assert_eq!(d.bars[0].key, "others");
    }

    #[test]
    fn capacities_that_would_overflow_are_left_out_with_a_note() {
        let farms = vec![
            farm("a", 75.32, 51.72, "X", Some(1e308), None), // Pavlodar
            farm("b", 76.95, 52.28, "X", Some(1e308), None), // Pavlodar: the sum would be ∞
            farm("c", 73.1, 49.8, "", Some(f64::INFINITY), None),
            farm("d", 73.1, 49.8, "", Some(f64::NAN), None),
            farm("e", 73.1, 49.8, "", Some(-3.0), None),
            farm("f", 73.1, 49.8, "", Some(5.0), None),
        ];
        let d = draws(ChartKind::CapacityByRegion, &farms);
        assert!(d.bars.iter().all(|b| b.value.is_finite()));
        let pavlodar = d.bars.iter().find(|b| b.key.contains("Pavlodar")).unwrap();
        assert_eq!(pavlodar.value, 1e308);
        let other = d.bars.iter().find(|b| b.key != pavlodar.key).unwrap();
        assert_eq!(other.value, 5.0);
        assert_eq!(
            d.note.as_deref(),
            Some("4 farms left out: capacity too large to add up")
        );
        // As JSON the values stay numbers (an infinite sum would serialise as null).
        let json = serde_json::to_string(&d).unwrap();
        assert!(!json.contains("null"), "{json}");
        assert!(BarData::from_json(&json).is_ok());
    }

    #[test]
    fn shutdowns_over_centuries_show_the_latest_months() {
        let farms = vec![
            farm("a", 75.0, 51.0, "", None, Some("1900-01")),
            farm("b", 75.0, 51.0, "", None, Some("2100-12")),
            farm("c", 75.0, 51.0, "", None, Some("2099-01")),
        ];
        let d = draws(ChartKind::ShutdownsByMonth, &farms);
        // The latest 240 months hold 2099-01 to 2100-12: those are drawn, 1900 is noted.
        assert_eq!(d.bars.len(), 24);
        assert_eq!(d.bars[0].key, "2099-01");
        assert_eq!(d.bars.last().unwrap().key, "2100-12");
        assert_eq!(d.bars.iter().map(|b| b.value).sum::<f64>(), 2.0);
        assert_eq!(
            d.note.as_deref(),
            Some("1 earlier shutdown not shown (the chart shows 240 months)")
        );
    }

    #[test]
    fn every_chart_of_hostile_farms_is_valid_and_draws() {
        let mut farms: Vec<Farm> = (0..5000)
            .map(|i| {
                let mw = [None, Some(f64::MAX), Some(1e308), Some(0.0), Some(1.5)][i % 5];
                let month = format!("{}-{:02}", 1900 + i % 201, 1 + i % 12);
                farm(
                    &format!("f{i}"),
                    50.0 + (i % 40) as f64,
                    41.0 + (i % 14) as f64,
                    &format!("o{}\u{0}{i}", "x".repeat(i % 50)),
                    mw,
                    Some(&month),
                )
            })
            .collect();
        farms.push(Farm::at("plain", 0.0, 0.0));
        for kind in ChartKind::ALL {
            let d = draws(kind, &farms);
            assert!(d.bars.len() <= MAX_BARS, "{kind:?}");
        }
    }
}
