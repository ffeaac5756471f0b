//! The map's and the network's palettes, light and dark, and marker sizes, in one place so
//! the legend (in www/) can match them (`styleVariables` → CSS custom properties).
//!
//! Status and kind colours are from the Okabe–Ito palette, which stays distinguishable
//! under the common colour-vision deficiencies. The dark palette keeps the same hues where
//! they read on a dark ground and swaps the dark blue for the sky blue where they do not
//! (shut down is #56B4E9 in the dark); `tests` below check text contrast (≥ 4.5:1) and that
//! the status colours stay apart for protanopes, deuteranopes and tritanopes.

use super::draw::{Style, TextStyle};
pub use super::svg::Page;
use crate::model::Status;

/// Light (the default; what prints) or dark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    /// "light" or "dark"; `None` for anything else.
    pub fn parse(name: &str) -> Option<Theme> {
        match name.trim().to_ascii_lowercase().as_str() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The theme's colours.
    pub fn palette(self) -> &'static Palette {
        match self {
            Theme::Light => &LIGHT,
            Theme::Dark => &DARK,
        }
    }
}

/// Every colour the map and the network draw with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub sea: &'static str,
    pub land: &'static str,
    pub kazakhstan: &'static str,
    pub border: &'static str,
    pub admin1: &'static str,
    pub water: &'static str,
    pub river: &'static str,
    pub city: &'static str,
    /// City, capital and network-name labels.
    pub label: &'static str,
    pub region_label: &'static str,
    pub country_label: &'static str,
    /// The outline under labels, so they read over any background.
    pub halo: &'static str,
    pub selection: &'static str,
    /// The keyboard focus ring (the page's focus outline colour).
    pub focus: &'static str,
    /// Money flows in the network: a violet no node kind or status uses.
    pub money_flow: &'static str,
    /// Former ties (closed, replaced or ended), drawn dotted.
    pub former_tie: &'static str,
    /// Operating, shut down, unknown.
    pub status: [&'static str; 3],
    /// Owner-group colours for cluster donuts, indexed by group; the last is "no known owner".
    pub groups: [&'static str; 8],
    /// Outlines of markers and nodes, and the fill of hollow (approximate) markers.
    pub marker_edge: &'static str,
    /// The halo under a cluster's donut.
    pub cluster_halo: &'static str,
    /// A cluster's disc (its count is written on it in `cluster_text`).
    pub cluster_disc: &'static str,
    pub cluster_text: &'static str,
    pub spider_leg: &'static str,
    pub network_background: &'static str,
    pub tie: &'static str,
    pub tie_lit: &'static str,
    pub hover_ring: &'static str,
    pub name_dim: &'static str,
    pub tie_text: &'static str,
    /// Farm, company, person, public body, organisation.
    pub kinds: [&'static str; 5],
    /// The page around an exported map (SVG export and posters).
    pub page: Page,
}

pub const LIGHT: Palette = Palette {
    sea: "#dbe7ee",
    land: "#eeeae2",
    kazakhstan: "#fbfaf6",
    border: "#8c8577",
    admin1: "#c9c2b4",
    water: "#b8d3e3",
    river: "#9cc2d9",
    city: "#3d3a35",
    label: "#2b2925",
    region_label: "#8a8274",
    country_label: "#9b9385",
    halo: "rgba(255,255,255,0.85)",
    selection: "#111111",
    focus: "#0b57d0",
    money_flow: "#6a3d9a",
    former_tie: "#9a958b",
    status: ["#D55E00", "#0072B2", "#6b6b6b"],
    groups: [
        "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442", "#8c564b", "#4d4d4d", "#bdbdbd",
    ],
    marker_edge: "#ffffff",
    cluster_halo: "#ffffff",
    cluster_disc: "#2f3b52",
    cluster_text: "#ffffff",
    spider_leg: "#555555",
    network_background: "#fcfbf8",
    tie: "#6f6a60",
    tie_lit: "#1d1b17",
    hover_ring: "#555555",
    name_dim: "#a29c90",
    tie_text: "#3d3a35",
    // Farm in the map's "operating" vermilion family would read as a status; orange instead.
    kinds: ["#E69F00", "#0072B2", "#009E73", "#CC79A7", "#56B4E9"],
    page: Page {
        ground: "#ffffff",
        title: None,
        source: "#333",
        attribution: "#555",
    },
};

pub const DARK: Palette = Palette {
    sea: "#0f1c24",
    land: "#23262b",
    kazakhstan: "#2c3036",
    border: "#8a8f98",
    admin1: "#4a4f57",
    water: "#17303d",
    river: "#2b5066",
    city: "#d8d4cc",
    label: "#ebe9e4",
    region_label: "#b3aea4",
    country_label: "#a9a49a",
    halo: "rgba(15,17,20,0.85)",
    selection: "#f4f2ee",
    focus: "#8ab4f8",
    money_flow: "#c9a2e8",
    former_tie: "#7d8189",
    status: ["#D55E00", "#56B4E9", "#9a9a9a"],
    groups: [
        "#E69F00", "#009E73", "#CC79A7", "#0072B2", "#F0E442", "#c08a6e", "#8c8c8c", "#50545b",
    ],
    marker_edge: "#15171a",
    cluster_halo: "#15171a",
    cluster_disc: "#e8e6e1",
    cluster_text: "#15171a",
    spider_leg: "#a9a49a",
    network_background: "#1b1e22",
    tie: "#9da1a8",
    tie_lit: "#f4f2ee",
    hover_ring: "#c9c5bd",
    name_dim: "#8f8b83",
    tie_text: "#d8d4cc",
    // Company and organisation swap blues: the dark blue does not read on the dark ground
    // as a fill next to the sky blue, so the company (the common kind) takes the sky blue.
    kinds: ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#3a8fd0"],
    // The page's dark colours (www/farmmap.css's .fm-dark --fm-bg, --fm-fg, --fm-muted).
    page: Page {
        ground: "#15171a",
        title: Some("#ebe9e4"),
        source: "#d8d4cc",
        attribution: "#b9b5ad",
    },
};

impl Palette {
    pub fn status_color(&self, status: Status) -> &'static str {
        self.status[status.index()]
    }

    /// A group's donut colour; past the last, "no known owner".
    pub fn group_color(&self, slot: usize) -> &'static str {
        self.groups[slot.min(self.groups.len() - 1)]
    }

    fn text(&self, font: &'static str, fill: &'static str, align: &'static str) -> TextStyle {
        TextStyle {
            font,
            fill,
            halo: Some(self.halo),
            align,
        }
    }

    pub fn city_text(&self) -> TextStyle {
        self.text("12px sans-serif", self.label, "left")
    }

    pub fn capital_text(&self) -> TextStyle {
        self.text("bold 12px sans-serif", self.label, "left")
    }

    pub fn region_text(&self) -> TextStyle {
        self.text("italic 11px sans-serif", self.region_label, "center")
    }

    pub fn country_text(&self) -> TextStyle {
        TextStyle {
            halo: None,
            ..self.text("13px sans-serif", self.country_label, "center")
        }
    }

    pub fn cluster_text(&self) -> TextStyle {
        TextStyle {
            halo: None,
            ..self.text("bold 12px sans-serif", self.cluster_text, "center")
        }
    }

    pub fn city_dot(&self) -> Style {
        Style::fill(self.city).with_stroke(self.marker_edge, 1.0)
    }
}

/// The light palette's status colour (what the legend shows before a theme is chosen).
pub fn status_color(status: Status) -> &'static str {
    LIGHT.status_color(status)
}

/// Marker radius in CSS pixels: area grows with capacity, so a 100 MW farm does not dwarf
/// the map; unknown capacity gets the small default.
pub fn marker_radius(capacity_mw: Option<f64>) -> f32 {
    match capacity_mw {
        Some(mw) if mw.is_finite() && mw > 0.0 => (4.0 + 1.6 * mw.sqrt()).min(20.0) as f32,
        _ => 5.0,
    }
}

/// Colour arithmetic for the tests and for anyone checking a palette: WCAG contrast and a
/// colour-vision-deficiency simulation.
pub mod check {
    /// `#rrggbb` as 0–1 channels; `rgba(r,g,b,a)` as its channels (alpha ignored).
    pub fn rgb(color: &str) -> Option<[f64; 3]> {
        if let Some(hex) = color.strip_prefix('#') {
            if hex.len() != 6 {
                return None;
            }
            let c = |i: usize| {
                u8::from_str_radix(&hex[i..i + 2], 16)
                    .ok()
                    .map(|v| v as f64 / 255.0)
            };
            return Some([c(0)?, c(2)?, c(4)?]);
        }
        let inner = color.strip_prefix("rgba(")?.strip_suffix(')')?;
        let v: Vec<f64> = inner
            .split(',')
            .filter_map(|p| crate::json::parse_f64(p.trim()))
            .collect();
        (v.len() >= 3).then(|| [v[0] / 255.0, v[1] / 255.0, v[2] / 255.0])
    }

    fn linear(c: f64) -> f64 {
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    /// WCAG relative luminance.
    pub fn luminance(c: [f64; 3]) -> f64 {
        0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2])
    }

    /// WCAG contrast ratio of two colours (1–21).
    ///
    /// # Examples
    /// ```
    /// use farmmap::scene::style::check::contrast;
    /// assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    /// ```
    pub fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(rgb(a).unwrap()), luminance(rgb(b).unwrap()));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// The colour as a protanope, deuteranope or tritanope sees it (Viénot/Brettel
    /// matrices on linear RGB, as colour-blindness simulators use), then as CIE L*a*b*.
    pub fn seen_as(color: &str, deficiency: usize) -> [f64; 3] {
        const M: [[[f64; 3]; 3]; 3] = [
            [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
            [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
            [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ],
        ];
        let c = rgb(color).unwrap().map(linear);
        let m = M[deficiency];
        let s =
            [0, 1, 2].map(|i| (m[i][0] * c[0] + m[i][1] * c[1] + m[i][2] * c[2]).clamp(0.0, 1.0));
        lab(s)
    }

    /// Linear sRGB → CIE L*a*b* (D65).
    pub fn lab(c: [f64; 3]) -> [f64; 3] {
        let x = (0.4124 * c[0] + 0.3576 * c[1] + 0.1805 * c[2]) / 0.95047;
        let y = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        let z = (0.0193 * c[0] + 0.1192 * c[1] + 0.9505 * c[2]) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    /// ΔE (CIE76) between two colours as seen with `deficiency` (0 protan, 1 deutan, 2 tritan).
    pub fn distance(a: &str, b: &str, deficiency: usize) -> f64 {
        let (p, q) = (seen_as(a, deficiency), seen_as(b, deficiency));
        ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::check::{contrast, distance, rgb};
    use super::*;

    #[test]
    fn labels_read_on_every_ground_in_both_themes() {
        for p in [LIGHT, DARK] {
            for ground in [p.sea, p.land, p.kazakhstan] {
                for (name, text) in [("label", p.label), ("city", p.city)] {
                    let c = contrast(text, ground);
                    assert!(c >= 4.5, "{name} {text} on {ground}: {c:.2}");
                }
            }
            // Region and country names are secondary, muted on purpose (the light palette's
            // are as they were before the dark one), and drawn on land: at least 2.5:1.
            for ground in [p.land, p.kazakhstan] {
                for text in [p.region_label, p.country_label] {
                    assert!(contrast(text, ground) >= 2.5, "{text} on {ground}");
                }
            }
            assert!(contrast(p.cluster_text, p.cluster_disc) >= 4.5);
            let page = p.page;
            for text in [
                page.title.unwrap_or("#000000"),
                page.source,
                page.attribution,
            ] {
                let text = if text.len() == 4 {
                    text.chars()
                        .flat_map(|c| [c, c])
                        .skip(1)
                        .collect::<String>()
                } else {
                    text.to_string()
                };
                assert!(
                    contrast(&text, page.ground) >= 4.5,
                    "{text} on {}",
                    page.ground
                );
            }
            assert!(contrast(p.label, p.network_background) >= 4.5);
            assert!(contrast(p.tie_text, p.network_background) >= 4.5);
            for c in p.status.iter().chain(&p.groups).chain(&p.kinds) {
                assert!(rgb(c).is_some(), "{c}");
            }
        }
    }

    #[test]
    fn markers_stand_out_and_statuses_stay_apart_for_colour_blind_readers() {
        for p in [LIGHT, DARK] {
            for s in p.status {
                // Graphics need 3:1 against what they sit on (WCAG 1.4.11).
                assert!(
                    contrast(s, p.kazakhstan) >= 3.0 || contrast(s, p.marker_edge) >= 3.0,
                    "{s}"
                );
            }
            for d in 0..3 {
                for i in 0..3 {
                    for j in i + 1..3 {
                        let e = distance(p.status[i], p.status[j], d);
                        assert!(e >= 20.0, "statuses {i}/{j} ΔE {e:.1} for deficiency {d}");
                    }
                }
                for i in 0..5 {
                    for j in i + 1..5 {
                        let e = distance(p.kinds[i], p.kinds[j], d);
                        // Kinds also differ by shape; colour only needs to help.
                        assert!(e >= 8.0, "kinds {i}/{j} ΔE {e:.1} for deficiency {d}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_dark_map_is_dark() {
        for c in [
            DARK.sea,
            DARK.land,
            DARK.kazakhstan,
            DARK.network_background,
        ] {
            assert!(check::luminance(rgb(c).unwrap()) < 0.05, "{c}");
        }
        assert_eq!(Theme::parse(" Dark"), Some(Theme::Dark));
        assert_eq!(Theme::parse("sepia"), None);
    }
}
