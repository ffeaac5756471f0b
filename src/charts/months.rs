//! Monthly counts with the empty months filled in, for the shutdowns chart: a time axis that
//! skipped quiet months would make the pace of shutdowns look steadier than it was.

use super::{Bar, ChartError, MAX_BARS};

/// A calendar month; `month` is 1..=12.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    /// Months since year 0, so ranges are plain integer ranges.
    pub(super) fn ordinal(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    fn from_ordinal(n: i64) -> YearMonth {
        YearMonth {
            year: n.div_euclid(12) as i32,
            month: n.rem_euclid(12) as u32 + 1,
        }
    }

    /// "2021-11": sorts as text, reads in any language, and is the bar's key.
    pub fn label(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// One bar per month from the earliest to the latest given, counting each occurrence.
pub fn monthly_bars(months: &[YearMonth]) -> Result<Vec<Bar>, ChartError> {
    if let Some(bad) = months.iter().find(|m| !(1..=12).contains(&m.month)) {
        return Err(ChartError::InvalidData(format!(
            "month {} of {} is not 1..=12",
            bad.month, bad.year
        )));
    }
    let (Some(first), Some(last)) = (
        months.iter().map(|m| m.ordinal()).min(),
        months.iter().map(|m| m.ordinal()).max(),
    ) else {
        return Ok(Vec::new());
    };
    let span = (last - first + 1) as usize;
    if span > MAX_BARS {
        return Err(ChartError::InvalidData(format!(
            "{span} months from {} to {}: at most {MAX_BARS} can be drawn",
            YearMonth::from_ordinal(first).label(),
            YearMonth::from_ordinal(last).label()
        )));
    }
    let mut counts = vec![0u32; span];
    for m in months {
        counts[(m.ordinal() - first) as usize] += 1;
    }
    Ok(counts
        .iter()
        .enumerate()
        .map(|(i, &count)| {
            let label = YearMonth::from_ordinal(first + i as i64).label();
            Bar::new(&label, f64::from(count), &label)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(year: i32, month: u32) -> YearMonth {
        YearMonth { year, month }
    }

    #[test]
    fn gaps_are_filled_across_a_new_year() {
        let bars = monthly_bars(&[ym(2022, 1), ym(2021, 11), ym(2022, 1)]).unwrap();
        let got: Vec<(&str, f64)> = bars.iter().map(|b| (b.label.as_str(), b.value)).collect();
        assert_eq!(
            got,
            vec![("2021-11", 1.0), ("2021-12", 0.0), ("2022-01", 2.0)]
        );
        assert_eq!(bars[2].key, "2022-01");
    }

    #[test]
    fn empty_input_gives_no_bars() {
        assert!(monthly_bars(&[]).unwrap().is_empty());
    }

    #[test]
    fn bad_months_and_huge_spans_are_errors() {
        assert!(monthly_bars(&[ym(2021, 13)]).is_err());
        assert!(monthly_bars(&[ym(2021, 0)]).is_err());
        assert!(monthly_bars(&[ym(1900, 1), ym(2024, 1)]).is_err());
        assert!(monthly_bars(&[ym(i32::MIN, 1), ym(i32::MAX, 12)]).is_err());
    }
}
