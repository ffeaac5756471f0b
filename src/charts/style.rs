//! Colours and type for the charts: Okabe–Ito, which stays distinguishable for the common
//! colour-vision deficiencies, and the browser's default sans-serif so nothing is downloaded.

use plotters::style::RGBColor;

/// The colours the charts use from Okabe & Ito (2008), "Color Universal Design" (orange
/// E69F00, sky blue 56B4E9, bluish green 009E73, yellow F0E442 and reddish purple CC79A7
/// complete the palette; add them here when a chart needs them).
mod okabe_ito {
    use plotters::style::RGBColor;
    pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
    pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
}

/// How a chart looks, separate from what it shows. Sizes are in drawing-area pixels: for a
/// canvas scaled by devicePixelRatio use [`ChartStyle::scaled`].
#[derive(Clone, Debug, PartialEq)]
pub struct ChartStyle {
    pub font_family: String,
    /// Tick and bar labels.
    pub label_px: f64,
    pub title_px: f64,
    pub text: RGBColor,
    /// Notes, grid lines and the "unknown" annotations: secondary information.
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub background: RGBColor,
    pub bar: RGBColor,
    /// The bar whose farms the map currently highlights.
    pub highlight: RGBColor,
    pub highlighted_key: Option<String>,
    /// Adds "Illustrative data" to the caption, for demo or made-up figures.
    pub illustrative: bool,
    /// Outer padding of the whole chart.
    pub margin_px: u32,
}

impl Default for ChartStyle {
    fn default() -> ChartStyle {
        ChartStyle {
            font_family: "sans-serif".into(),
            label_px: 14.0,
            title_px: 17.0,
            text: RGBColor(0x1a, 0x1a, 0x1a),
            muted: RGBColor(0x5f, 0x5f, 0x5f),
            grid: RGBColor(0xdd, 0xdd, 0xdd),
            background: RGBColor(0xff, 0xff, 0xff),
            bar: okabe_ito::BLUE,
            highlight: okabe_ito::VERMILLION,
            highlighted_key: None,
            illustrative: false,
            margin_px: 8,
        }
    }
}

impl ChartStyle {
    /// The same style for a backing store `ratio` times larger than its CSS size, so text
    /// keeps its apparent size on high-density screens. Ratios outside 0.5..=4 are clamped.
    pub fn scaled(&self, ratio: f64) -> ChartStyle {
        let r = if ratio.is_finite() {
            ratio.clamp(0.5, 4.0)
        } else {
            1.0
        };
        ChartStyle {
            label_px: self.label_px * r,
            title_px: self.title_px * r,
            margin_px: (f64::from(self.margin_px) * r).round() as u32,
            ..self.clone()
        }
    }

    pub fn bar_colour(&self, key: &str) -> RGBColor {
        match &self.highlighted_key {
            Some(k) if k == key => self.highlight,
            _ => self.bar,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling_multiplies_sizes_and_clamps_nonsense() {
        let s = ChartStyle::default();
        assert_eq!(s.scaled(2.0).label_px, 28.0);
        assert_eq!(s.scaled(2.0).margin_px, 16);
        assert_eq!(s.scaled(f64::NAN).title_px, s.title_px);
        assert_eq!(s.scaled(100.0).label_px, s.label_px * 4.0);
    }

    #[test]
    fn only_the_highlighted_key_changes_colour() {
        let s = ChartStyle {
            highlighted_key: Some("b".into()),
            ..ChartStyle::default()
        };
        assert_eq!(s.bar_colour("a"), s.bar);
        assert_eq!(s.bar_colour("b"), s.highlight);
    }
}
