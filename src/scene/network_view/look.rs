//! How the network looks: one colour and one shape per kind of node, so the kinds stay
//! apart for readers who cannot tell the colours apart (the shape alone says the kind).
//!
//! Colours are Okabe–Ito; the legend in www/network-ui.js reads them from here through
//! `FarmMap.networkLegend()`, so the two cannot drift.

use crate::network::model::{Confidence, NodeKind, Tie};
use crate::scene::draw::{Style, TextStyle};
use crate::scene::style::{Palette, LIGHT};

/// The outline of a node; every shape has about the same visual weight at equal radius.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Square,
    Diamond,
    Triangle,
    Hexagon,
}

impl Shape {
    pub fn name(self) -> &'static str {
        match self {
            Shape::Circle => "circle",
            Shape::Square => "square",
            Shape::Diamond => "diamond",
            Shape::Triangle => "triangle",
            Shape::Hexagon => "hexagon",
        }
    }

    /// Corners of the shape around (x, y) at radius r; empty for a circle.
    pub fn corners(self, x: f32, y: f32, r: f32) -> Vec<[f32; 2]> {
        // Unit vectors written out (no sin/cos) so native and wasm draw the same pixels.
        const HEX: [[f32; 2]; 6] = [
            [1.0, 0.0],
            [0.5, 0.866_025_4],
            [-0.5, 0.866_025_4],
            [-1.0, 0.0],
            [-0.5, -0.866_025_4],
            [0.5, -0.866_025_4],
        ];
        let at = |u: &[[f32; 2]], k: f32| {
            u.iter()
                .map(|p| [x + p[0] * r * k, y + p[1] * r * k])
                .collect()
        };
        match self {
            Shape::Circle => Vec::new(),
            // Squares and diamonds look larger than circles of the same radius: shrink them.
            Shape::Square => at(&[[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]], 0.85),
            Shape::Diamond => at(&[[0.0, -1.0], [1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]], 1.2),
            Shape::Triangle => at(&[[0.0, -1.0], [0.866, 0.5], [-0.866, 0.5]], 1.3),
            Shape::Hexagon => at(&HEX, 1.05),
        }
    }
}

pub const KINDS: [NodeKind; 5] = [
    NodeKind::Farm,
    NodeKind::Company,
    NodeKind::Person,
    NodeKind::PublicBody,
    NodeKind::Organisation,
];

/// The light palette's kind colours (what the legend shows before a theme is chosen).
pub const KIND_COLORS: [&str; 5] = LIGHT.kinds;
pub const KIND_SHAPES: [Shape; 5] = [
    Shape::Diamond,
    Shape::Square,
    Shape::Circle,
    Shape::Triangle,
    Shape::Hexagon,
];

/// A node at full strength, lit by a selection, or dimmed because something else is lit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emphasis {
    Normal,
    Lit,
    Dim,
}

pub const EMPHASES: [Emphasis; 3] = [Emphasis::Dim, Emphasis::Normal, Emphasis::Lit];

pub fn node_style(p: &Palette, kind: usize, e: Emphasis) -> Style {
    let s = Style::fill(p.kinds[kind]);
    match e {
        Emphasis::Normal => s.with_stroke(p.marker_edge, 1.5),
        Emphasis::Lit => s.with_stroke(p.selection, 2.0),
        Emphasis::Dim => s.with_stroke(p.marker_edge, 1.0).alpha(0.22),
    }
}

/// The pane's background (www/network.css reads it as `--fm-net-bg`).
pub fn background(p: &Palette) -> Style {
    Style::fill(p.network_background)
}

/// The light palette's tie colour (what the legend shows before a theme is chosen).
pub const TIE_COLOR: &str = LIGHT.tie;

/// How a tie's line is drawn, by what the tie is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    /// Solid grey: the source reports it.
    Reported,
    /// Dashed grey: the source hedges, so it is never drawn as a fact.
    Alleged,
    /// Dotted light grey: the tie no longer holds (its sentence says until when, and keeps
    /// any hedge).
    Former,
    /// Solid violet, with an arrow from payer to payee: a payment.
    Money,
    /// Dashed violet: an alleged payment.
    MoneyAlleged,
}

/// Drawing order: former ties under current ones, money flows on top.
pub const LINES: [Line; 5] = [
    Line::Former,
    Line::Reported,
    Line::Alleged,
    Line::Money,
    Line::MoneyAlleged,
];

impl Line {
    pub fn of(tie: &Tie) -> Line {
        let alleged = tie.confidence == Confidence::Alleged;
        match (tie.former, tie.is_money_flow(), alleged) {
            (true, ..) => Line::Former,
            (false, true, false) => Line::Money,
            (false, true, true) => Line::MoneyAlleged,
            (false, false, true) => Line::Alleged,
            (false, false, false) => Line::Reported,
        }
    }

    /// The line's colour, and its colour when lit.
    pub fn colors(self, p: &Palette) -> (&'static str, &'static str) {
        match self {
            Line::Reported | Line::Alleged => (p.tie, p.tie_lit),
            Line::Former => (p.former_tie, p.former_tie),
            Line::Money | Line::MoneyAlleged => (p.money_flow, p.money_flow),
        }
    }
}

/// Ties: solid when reported, dashed when alleged (the source hedges), so an allegation is
/// never drawn as a fact; former ties dotted light grey; money flows violet.
pub fn tie_style(p: &Palette, line: Line, e: Emphasis) -> Style {
    let (color, lit_color) = line.colors(p);
    let s = match e {
        Emphasis::Normal => Style::stroke(color, 1.4),
        Emphasis::Lit => Style::stroke(lit_color, 2.6),
        Emphasis::Dim => Style::stroke(color, 1.0).alpha(0.2),
    };
    match line {
        Line::Reported | Line::Money => s,
        Line::Alleged | Line::MoneyAlleged => s.dashed(6.0, 4.0),
        Line::Former => s.dashed(1.5, 3.5),
    }
}

/// Arrowheads, in their line's colour.
pub fn arrow_style(p: &Palette, line: Line, e: Emphasis) -> Style {
    let (color, lit_color) = line.colors(p);
    match e {
        Emphasis::Normal => Style::fill(color),
        Emphasis::Lit => Style::fill(lit_color),
        Emphasis::Dim => Style::fill(color).alpha(0.2),
    }
}

pub fn selected_ring(p: &Palette) -> Style {
    Style::stroke(p.selection, 2.5)
}

pub fn hover_ring(p: &Palette) -> Style {
    Style::stroke(p.hover_ring, 1.5)
}

pub fn focus_ring(p: &Palette) -> Style {
    Style::stroke(p.focus, 3.0)
}

fn text(p: &Palette, font: &'static str, fill: &'static str) -> TextStyle {
    TextStyle {
        font,
        fill,
        halo: Some(p.halo),
        align: "left",
    }
}

pub fn name_text(p: &Palette) -> TextStyle {
    text(p, "12px sans-serif", p.label)
}

pub fn name_lit_text(p: &Palette) -> TextStyle {
    text(p, "bold 12px sans-serif", p.label)
}

pub fn name_dim_text(p: &Palette) -> TextStyle {
    text(p, "12px sans-serif", p.name_dim)
}

pub fn tie_text(p: &Palette) -> TextStyle {
    TextStyle {
        align: "center",
        ..text(p, "italic 11px sans-serif", p.tie_text)
    }
}

/// Radius in CSS px: grows with the square root of the degree so hubs stand out without
/// swallowing their neighbours.
pub fn node_radius(degree: u32) -> f32 {
    (5.0 + 2.2 * (degree as f32).sqrt()).min(16.0)
}

/// Canvas labels stay short; the full name is in the tooltip.
pub fn short_label(name: &str) -> String {
    const MAX: usize = 26;
    if name.chars().count() <= MAX {
        return name.to_string();
    }
    let cut: String = name.chars().take(MAX - 1).collect();
    // Cut at a word boundary when one is near, so no word is split.
    let cut = match cut.rfind(' ') {
        Some(i) if i > MAX / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}
