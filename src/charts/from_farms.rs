//! The story's three charts computed from the farms, and the farms behind each bar, so a
//! click on a bar can light its farms up on the map.

use super::{monthly_bars, Bar, BarData, ChartKind, YearMonth};
use crate::model::{Farm, Status};
use crate::regions;
use std::collections::HashMap;

/// A chart's title: the one place it is written (the chart draws it, the page lists it).
pub fn title(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::OwnerGroups => "Farms by the person they are tied to",
        ChartKind::CapacityByRegion => "Capacity by region (pre-2018 oblasts)",
        ChartKind::ShutdownsByMonth => "Farms shut down, by month (shut down by)",
    }
}

/// The data of chart `kind` for these farms.
pub fn chart_data(kind: ChartKind, farms: &[Farm]) -> BarData {
    match kind {
        ChartKind::OwnerGroups => owner_groups(farms),
        ChartKind::CapacityByRegion => capacity_by_region(farms),
        ChartKind::ShutdownsByMonth => shutdowns_by_month(farms),
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

/// The extra columns read as a farm's shutdown date (`YYYY-MM` or `YYYY-MM-DD`).
const SHUTDOWN_COLUMNS: [&str; 3] = ["shut_down_by", "shutdown_date", "shut_down"];

const NO_OWNER: &str = "Owner not named";

fn owner_key(f: &Farm) -> &str {
    match f.owner.trim() {
        "" => NO_OWNER,
        o => o,
    }
}

fn region_key(f: &Farm) -> String {
    regions::region_of(f.lng, f.lat)
        .and_then(|i| regions::kazakhstan().name(i))
        .unwrap_or("Outside Kazakhstan")
        .to_string()
}

fn shutdown_month(f: &Farm) -> Option<YearMonth> {
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

fn note(farms: &[Farm]) -> Option<String> {
    farms
        .iter()
        .any(Farm::is_illustrative)
        .then(|| "Farm sites are illustrative".to_string())
}

/// Farms per owner group, largest first; farms with no owner named last.
pub fn owner_groups(farms: &[Farm]) -> BarData {
    let mut by_key: HashMap<&str, f64> = HashMap::new();
    for f in farms {
        *by_key.entry(owner_key(f)).or_default() += 1.0;
    }
    let mut counts: Vec<(&str, f64)> = by_key.into_iter().collect();
    counts.sort_by(|a, b| {
        (a.0 == NO_OWNER)
            .cmp(&(b.0 == NO_OWNER))
            .then(b.1.total_cmp(&a.1))
            .then(a.0.cmp(b.0))
    });
    BarData {
        title: title(ChartKind::OwnerGroups).into(),
        unit: "farms".into(),
        category: "owner".into(),
        note: None,
        bars: counts.iter().map(|&(k, v)| Bar::new(k, v, k)).collect(),
    }
}

/// Total capacity per oblast (found by point-in-polygon), with farms of unknown capacity
/// counted beside each bar rather than silently read as zero.
pub fn capacity_by_region(farms: &[Farm]) -> BarData {
    let mut by_key: HashMap<String, (f64, u32)> = HashMap::new();
    for f in farms {
        let row = by_key.entry(region_key(f)).or_default();
        match f.capacity_mw {
            Some(mw) => row.0 += mw,
            None => row.1 += 1,
        }
    }
    let mut rows: Vec<(String, f64, u32)> =
        by_key.into_iter().map(|(k, (v, u))| (k, v, u)).collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    BarData {
        title: title(ChartKind::CapacityByRegion).into(),
        unit: "MW".into(),
        category: "region".into(),
        note: note(farms),
        bars: rows
            .iter()
            .map(|(k, v, u)| Bar {
                unknown: *u,
                ..Bar::new(k, *v, k)
            })
            .collect(),
    }
}

/// Farms shut down per month, from a `shut_down_by` column; farms without a date are named
/// in the note, not dropped silently.
pub fn shutdowns_by_month(farms: &[Farm]) -> BarData {
    let months: Vec<YearMonth> = farms
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
        notes.push(format!(
            "{undated} shut-down farm{} without a date",
            if undated == 1 { "" } else { "s" }
        ));
    }
    BarData {
        title: title(ChartKind::ShutdownsByMonth).into(),
        unit: "farms".into(),
        category: "month".into(),
        note: (!notes.is_empty()).then(|| notes.join("; ")),
        bars: monthly_bars(&months).unwrap_or_default(),
    }
}

/// Which farms a bar stands for.
pub fn farms_of_bar(kind: ChartKind, key: &str, farms: &[Farm]) -> Vec<bool> {
    farms
        .iter()
        .map(|f| match kind {
            ChartKind::OwnerGroups => owner_key(f) == key,
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
        let d = owner_groups(&farms());
        let bars: Vec<(&str, f64)> = d.bars.iter().map(|b| (b.key.as_str(), b.value)).collect();
        assert_eq!(bars, vec![("X", 2.0), (NO_OWNER, 1.0)]);
        assert_eq!(
            farms_of_bar(ChartKind::OwnerGroups, "X", &farms()),
            vec![true, true, false]
        );
    }

    #[test]
    fn capacity_sums_known_and_counts_unknown() {
        let d = capacity_by_region(&farms());
        let pavlodar = d.bars.iter().find(|b| b.key.contains("Pavlodar")).unwrap();
        assert_eq!((pavlodar.value, pavlodar.unknown), (10.0, 1));
        assert_eq!(d.bars.len(), 2);
        let mask = farms_of_bar(ChartKind::CapacityByRegion, &pavlodar.key, &farms());
        assert_eq!(mask, vec![true, true, false]);
    }

    #[test]
    fn shutdowns_fill_empty_months_and_note_the_undated() {
        let d = shutdowns_by_month(&farms());
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
}
