//! The plain input of every chart: labelled values, with a key the page can map back to farms.
//!
//! Kept free of farms, regions and owners so a chart can be fed from any table, and so the
//! web layer can pass it as JSON without knowing the model.

use serde::{Deserialize, Serialize};

use super::ChartError;
use crate::json::{Fixed, Plain};

/// More bars than this cannot be read on a page-sized chart; refusing keeps hostile input
/// from turning into thousands of zero-pixel rectangles.
pub const MAX_BARS: usize = 240;

/// Longest label drawn; longer ones are cut with an ellipsis (the key stays whole).
pub const MAX_LABEL_CHARS: usize = 28;

/// Longest title or note drawn.
pub const MAX_TITLE_CHARS: usize = 120;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BarData {
    pub title: String,
    /// What a value counts, for the value axis: "farms", "MW".
    pub unit: String,
    /// What a bar stands for, for the category axis: "owner group", "region", "month".
    pub category: String,
    /// A line under the title, e.g. the source or a caveat.
    pub note: Option<String>,
    pub bars: Vec<Bar>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Returned by the hit test; the page maps it back to the farms behind the bar.
    pub key: String,
    /// Items in this bar whose value is unknown and so not in `value` (farms of unknown
    /// capacity). Shown beside the bar so a short bar is not read as "small".
    pub unknown: u32,
}

impl Bar {
    pub fn new(label: &str, value: f64, key: &str) -> Bar {
        Bar {
            label: label.into(),
            value,
            key: key.into(),
            unknown: 0,
        }
    }
}

impl BarData {
    /// Parses and validates, so the web layer hands over only drawable data (`drawChart`:
    /// feature `engines`).
    #[cfg(any(test, feature = "engines"))]
    pub fn from_json(text: &str) -> Result<BarData, ChartError> {
        let data: BarData = serde_json::from_str(text)
            .map_err(|e| ChartError::InvalidData(format!("chart data is not valid JSON: {e}")))?;
        data.validate()?;
        Ok(data)
    }

    /// Values must be finite and not negative: a bar chart of these quantities has no
    /// meaning for negative values, and NaN would poison the axis range.
    pub fn validate(&self) -> Result<(), ChartError> {
        if self.bars.len() > MAX_BARS {
            return Err(ChartError::InvalidData(format!(
                "{} bars, at most {MAX_BARS} can be drawn",
                self.bars.len()
            )));
        }
        for (i, bar) in self.bars.iter().enumerate() {
            if !bar.value.is_finite() || bar.value < 0.0 {
                return Err(ChartError::InvalidData(format!(
                    "bar {i} ({}): value {} is not a finite number ≥ 0",
                    crate::json::Quoted(&display_text(&bar.label, MAX_LABEL_CHARS)),
                    Plain(bar.value)
                )));
            }
        }
        Ok(())
    }

    pub fn max_value(&self) -> f64 {
        self.bars.iter().map(|b| b.value).fold(0.0, f64::max)
    }

    pub fn total_unknown(&self) -> u64 {
        self.bars.iter().map(|b| u64::from(b.unknown)).sum()
    }
}

/// Text as it is drawn: control characters and the noncharacters U+FFFE and U+FFFF (which
/// would make the SVG invalid XML) become spaces, and long text is cut with an ellipsis. Escaping is the backend's job: plotters'
/// SVG backend escapes `<>&"'`, and canvas `fillText` never parses markup.
pub fn display_text(text: &str, max_chars: usize) -> String {
    let clean: String = text
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    if clean.chars().count() <= max_chars {
        return clean;
    }
    let mut cut: String = clean.chars().take(max_chars.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// Numbers as the axis and bar ends show them: integers without decimals, others with one
/// or two, so "12" farms never reads "12.0" and 0.25 MW does not read "0".
pub fn format_value(value: f64) -> String {
    if value.abs() >= 1e15 {
        // Past this, "{:.0}" prints hundreds of digits: scientific notation instead.
        three_significant(value)
    } else if value.fract() == 0.0 {
        Fixed(value, 0).to_string()
    } else if value.abs() >= 10.0 {
        Fixed(value, 1).to_string()
    } else {
        let s = Fixed(value, 2).to_string();
        s.trim_end_matches('0').to_string()
    }
}

/// `value` (|value| ≥ 10¹⁵) as `format!("{value:.2e}")` writes it ("1.24e15", "-1.80e308",
/// "inf"), without core's `LowerExp` code in the reader's wasm: its exact decimal digits
/// rounded to three, halfway to even.
fn three_significant(value: f64) -> String {
    if !value.is_finite() {
        return Plain(value).to_string();
    }
    // From 2⁴⁹ up every f64 is a multiple of 1/8: three decimals write it exactly.
    let exact = Fixed(value.abs(), 3).to_string();
    let exp = exact.find('.').unwrap_or(exact.len()) - 1;
    let digits: Vec<u32> = exact.chars().filter_map(|c| c.to_digit(10)).collect();
    let mut head = digits[0] * 100 + digits[1] * 10 + digits[2];
    let rest = &digits[3..];
    let above_half = match rest.first() {
        Some(&d) if d != 5 => d > 5,
        _ => rest.iter().skip(1).any(|&d| d > 0) || head % 2 == 1,
    };
    let mut exp = exp;
    if above_half {
        head += 1;
        if head == 1000 {
            head = 100;
            exp += 1;
        }
    }
    let sign = if value < 0.0 { "-" } else { "" };
    format!("{sign}{}.{:02}e{exp}", head / 100, head % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_values_are_written_as_core_writes_two_decimals_of_scientific() {
        let mut rng = crate::rng::Mulberry32::new(3);
        let mut values = vec![
            1e15,
            -1e15,
            1.245e15,
            1.245e15 + 0.125,
            1.235e15,
            1.2345e15,
            9.995e15,
            9.985e15,
            9.9949999e15,
            99.95e15,
            1e308,
            f64::MAX,
            -f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
            2f64.powi(60),
            2f64.powi(60) + 2f64.powi(8),
        ];
        for _ in 0..20_000 {
            // Random bits of every magnitude from 10¹⁵ up, and three-digit ties.
            let bits = (u64::from(rng.next_u32()) << 32) | u64::from(rng.next_u32());
            values.push(
                f64::from_bits(bits | 0x4320_0000_0000_0000)
                    * if rng.next_u32() % 2 == 0 { 1.0 } else { -1.0 },
            );
            let head = f64::from(100 + rng.next_u32() % 900) + 0.5;
            values.push(head * 10f64.powi(13 + (rng.next_u32() % 280) as i32));
        }
        for v in values {
            if v.abs() >= 1e15 {
                assert_eq!(format_value(v), format!("{v:.2e}"), "{v:e}");
            }
        }
    }

    #[test]
    fn json_with_missing_fields_gets_defaults() {
        let d =
            BarData::from_json(r#"{"title": "T", "bars": [{"label": "a", "value": 2}]}"#).unwrap();
        assert_eq!(d.bars[0].key, "");
        assert_eq!(d.bars[0].unknown, 0);
        assert_eq!(d.unit, "");
    }

    #[test]
    fn bad_values_are_refused() {
        for json in [
            r#"{"bars": [{"label": "a", "value": -1}]}"#,
            r#"{"bars": [{"label": "a", "value": "x"}]}"#,
            r#"{"bars": [{"label": "a", "value": 1e400}]}"#,
            "not json",
        ] {
            assert!(BarData::from_json(json).is_err(), "{json}");
        }
        let nan = BarData {
            bars: vec![Bar::new("a", f64::NAN, "a")],
            ..Default::default()
        };
        assert!(nan.validate().is_err());
        let many = BarData {
            bars: vec![Bar::new("a", 1.0, "a"); MAX_BARS + 1],
            ..Default::default()
        };
        assert!(many.validate().is_err());
    }

    #[test]
    fn display_text_cuts_and_cleans() {
        assert_eq!(display_text(" Pavlodar ", 28), "Pavlodar");
        assert_eq!(display_text("a\u{0}b\nc", 28), "a b c");
        assert_eq!(display_text("abcdefghij", 5), "abcd…");
        assert_eq!(display_text("ab   cdefghij", 5), "ab…");
        assert_eq!(display_text("Қарағанды облысы", 9), "Қарағанд…");
    }

    #[test]
    fn fffe_and_ffff_in_a_label_do_not_reach_the_svg() {
        // Found by the chart_data fuzz target: U+FFFE passed display_text, and an SVG holding
        // it is not XML (fuzz/regressions/chart_data/).
        assert_eq!(display_text("a\u{FFFE}b\u{FFFF}c", 28), "a b c");
        assert_eq!(display_text("\u{FFFD}", 28), "\u{FFFD}");
    }

    #[test]
    fn values_format_without_spurious_decimals() {
        assert_eq!(format_value(12.0), "12");
        assert_eq!(format_value(12.34), "12.3");
        assert_eq!(format_value(0.25), "0.25");
        assert_eq!(format_value(2.5), "2.5");
        assert_eq!(format_value(0.0), "0");
        assert_eq!(format_value(1e308), "1.00e308");
        assert_eq!(format_value(f64::MAX), "1.80e308");
    }
}
