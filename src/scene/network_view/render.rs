//! The network's draw list: curved ties (parallel ties between the same two nodes bent
//! apart), dashes for alleged ties, dots for former ones, violet for money flows,
//! arrowheads for direction, shaped nodes, rings for selection, hover and keyboard focus,
//! and labels that never collide.
//!
//! Which ties are parallel depends on the graph only, so the groups are built once per
//! network ([`tie_groups`], cached by the view), not every frame; a frame only bends them.
//! Ties here are graph ties (`k`, see [`crate::network::graph::Graph::tie`]); nodes are
//! network nodes.

use super::look::{self, Emphasis, Line, EMPHASES, KINDS, LINES};
use super::NetworkView;
use crate::i18n::Lang;
use crate::json::Plain;
use crate::network::graph::Graph;
use crate::network::model::{Confidence, Tie, TieKind, TieNature};
use crate::network::sentence::money_text;
use crate::scene::draw::{DrawList, Label};
use crate::scene::labels::{text_width, Placer, Rect};

/// Distance between two parallel ties at their middle, in CSS px.
const PARALLEL_GAP: f32 = 18.0;
/// Segments of a curved tie's polyline.
const CURVE_SEGMENTS: usize = 12;
const ARROW_LENGTH: f32 = 8.0;
const ARROW_HALF_WIDTH: f32 = 4.0;

/// How far past the pane's edges something drawn may reach and still be drawn, in CSS px:
/// the widest line, an arrowhead and a node's outline.
const CULL_MARGIN: f32 = 12.0;

/// A tie's geometry on screen: a quadratic Bézier from its source to its target.
#[derive(Clone, Copy, Debug)]
struct Curve {
    from: [f32; 2],
    ctrl: [f32; 2],
    to: [f32; 2],
    /// A lone tie between its two nodes: its control point is the middle, so the curve is
    /// the straight segment and is drawn as one (two vertices, not [`CURVE_SEGMENTS`]).
    straight: bool,
}

impl Curve {
    /// Whether any of it can show in a `w` × `h` pane: the curve lies in the triangle of
    /// its three points, so a box around them that misses the pane means nothing shows.
    fn on_screen(&self, w: f32, h: f32) -> bool {
        let xs = [self.from[0], self.ctrl[0], self.to[0]];
        let ys = [self.from[1], self.ctrl[1], self.to[1]];
        let lo = |v: [f32; 3]| v[0].min(v[1]).min(v[2]);
        let hi = |v: [f32; 3]| v[0].max(v[1]).max(v[2]);
        hi(xs) >= -CULL_MARGIN
            && lo(xs) <= w + CULL_MARGIN
            && hi(ys) >= -CULL_MARGIN
            && lo(ys) <= h + CULL_MARGIN
    }

    fn at(&self, t: f32) -> [f32; 2] {
        let u = 1.0 - t;
        let (a, b, c) = (u * u, 2.0 * u * t, t * t);
        [
            a * self.from[0] + b * self.ctrl[0] + c * self.to[0],
            a * self.from[1] + b * self.ctrl[1] + c * self.to[1],
        ]
    }
}

fn unit(v: [f32; 2]) -> Option<[f32; 2]> {
    let len = (v[0] * v[0] + v[1] * v[1]).sqrt();
    (len > 1e-6 && len.is_finite()).then(|| [v[0] / len, v[1] / len])
}

/// [`tie_label_in`] English, for the tests.
#[cfg(test)]
pub fn tie_label(tie: &Tie) -> String {
    tie_label_in(Lang::En, tie)
}

/// The words shown on a tie when its node is hovered: the role or relationship the source
/// gives, else what the tie kind means; a payment's sum and day ("paid €12,000 ·
/// 2019-05-01"); a former tie in the past ("owned 50% until 2019", "former director").
/// Russian and Kazakh say the tie as `sentence::tie_words` does, with the source's hedge
/// and a former tie's end.
pub fn tie_label_in(lang: Lang, tie: &Tie) -> String {
    if lang != Lang::En {
        return crate::network::sentence::tie_words(lang, tie);
    }
    let given = tie
        .relationship
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let share = tie.share.map(|s| {
        let (min, max) = (Plain(s.min), Plain(s.max));
        if s.min == s.max {
            format!("{min}%")
        } else {
            format!("{min}–{max}%")
        }
    });
    let word = match (given, tie.nature, tie.kind, share) {
        (_, Some(TieNature::Payment), ..) => {
            let mut w = match &tie.amount {
                Some(m) => format!("paid {}", money_text(m)),
                None => "paid".to_string(),
            };
            if let Some(d) = &tie.date {
                w.push_str(&format!(" · {d}"));
            }
            w
        }
        (Some(r), ..) => r.to_string(),
        (None, Some(TieNature::Representation), ..) => "represents".into(),
        (None, Some(TieNature::Succession), ..) => "succeeded by".into(),
        (None, _, TieKind::Owns, Some(s)) if tie.former => format!("owned {s}"),
        (None, _, TieKind::Owns, Some(s)) => format!("owns {s}"),
        (None, _, TieKind::Owns, None) if tie.former => "owned".into(),
        (None, _, TieKind::Owns, None) => "owns".into(),
        (None, _, TieKind::Directs, _) => "director".into(),
        (None, _, TieKind::Family, _) => "relative".into(),
        (None, _, TieKind::Associate, _) => "associate".into(),
        (None, _, TieKind::Operates, _) => "operates".into(),
        (None, _, TieKind::Member, _) => "member".into(),
        (None, _, TieKind::Employee, _) => "employee".into(),
        (None, _, TieKind::Unknown, _) => "linked".into(),
    };
    let word = match (tie.former, &tie.end) {
        (false, _) => word,
        (true, _) if word.starts_with("owned") => match &tie.end {
            Some(end) => format!("{word} until {end}"),
            None => format!("{word} (former)"),
        },
        (true, Some(end)) => format!("former {word} (until {end})"),
        (true, None) => format!("former {word}"),
    };
    if tie.confidence == Confidence::Alleged {
        format!("{word} (alleged)")
    } else {
        word
    }
}

fn emphasis_rank(e: Emphasis) -> usize {
    match e {
        Emphasis::Dim => 0,
        Emphasis::Normal => 1,
        Emphasis::Lit => 2,
    }
}

/// Ties between the same two nodes (either direction), bent apart when drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TieGroup {
    /// The two ends, `a < b`: the canonical direction, so offsets do not flip with a tie's.
    pub a: u32,
    pub b: u32,
    /// Graph ties joining them, ascending.
    pub ties: Vec<u32>,
}

/// The groups of parallel ties of `graph`, ordered by their ends (self-loops are not
/// drawn and not grouped).
pub fn tie_groups(graph: &Graph) -> Vec<TieGroup> {
    // Each tie as (its ends in order, its index), sorted: a group's ties are neighbours,
    // ascending (no hash map: its table code for this key stays out of the reader's wasm).
    let mut ends: Vec<(u32, u32, u32)> = Vec::with_capacity(graph.tie_source.len());
    for k in 0..graph.tie_source.len() {
        let (s, t) = (graph.tie_source[k], graph.tie_target[k]);
        if s != t {
            ends.push((s.min(t), s.max(t), k as u32));
        }
    }
    crate::sort::sort(&mut ends);
    let mut groups: Vec<TieGroup> = Vec::new();
    for (a, b, k) in ends {
        match groups.last_mut() {
            Some(g) if (g.a, g.b) == (a, b) => g.ties.push(k),
            _ => groups.push(TieGroup {
                a,
                b,
                ties: vec![k],
            }),
        }
    }
    groups
}

pub(super) fn build(v: &NetworkView, d: &mut DrawList) {
    d.clear();
    // The painter does not clear: the background is the first batch.
    let (w, h) = (v.width as f32, v.height as f32);
    d.path_xy
        .extend_from_slice(&[0.0, 0.0, w, 0.0, w, h, 0.0, h]);
    d.end_path();
    let p = v.theme.palette();
    d.push_paths(look::background(p), 0, true);
    let curves = tie_curves(v);
    let batches = tie_batches(v, &curves);
    for (ei, e) in EMPHASES.into_iter().enumerate() {
        let batches = &batches[ei * LINES.len()..(ei + 1) * LINES.len()];
        draw_ties(v, d, &curves, batches, e);
        draw_arrows(v, d, &curves, batches, e);
    }
    draw_nodes(v, d);
    let ring = |n: Option<u32>, extra: f32| {
        n.and_then(|n| v.node_screen(n))
            .map(|s| vec![[s[0], s[1], s[2] + extra]])
            .unwrap_or_default()
    };
    d.push_circles(look::hover_ring(p), &ring(v.hovered, 3.0));
    d.push_circles(look::selected_ring(p), &ring(v.selected, 4.0));
    d.push_circles(look::focus_ring(p), &ring(v.focus, 6.0));
    draw_labels(v, d, &curves);
}

/// Each graph tie's curve on screen (`None` when an end is not drawn).
fn tie_curves(v: &NetworkView) -> Vec<Option<Curve>> {
    let g = &v.graph;
    let mut curves: Vec<Option<Curve>> = vec![None; g.tie_source.len()];
    for group in &v.tie_groups {
        let (Some(pa), Some(pb)) = (v.node_screen(group.a), v.node_screen(group.b)) else {
            continue;
        };
        // The normal of the canonical direction, so offsets do not flip with tie direction.
        let normal = unit([pb[0] - pa[0], pb[1] - pa[1]]).map_or([0.0, 0.0], |u| [-u[1], u[0]]);
        let mid = [(pa[0] + pb[0]) / 2.0, (pa[1] + pb[1]) / 2.0];
        let m = group.ties.len() as f32;
        for (j, &k) in group.ties.iter().enumerate() {
            // The curve's middle sits half-way to the control point, hence the factor 2.
            let offset = (j as f32 - (m - 1.0) / 2.0) * PARALLEL_GAP * 2.0;
            let ctrl = [mid[0] + normal[0] * offset, mid[1] + normal[1] * offset];
            let (ps, pt) = if g.tie_source[k as usize] == group.a {
                (pa, pb)
            } else {
                (pb, pa)
            };
            curves[k as usize] = Some(Curve {
                from: [ps[0], ps[1]],
                ctrl,
                to: [pt[0], pt[1]],
                straight: group.ties.len() == 1,
            });
        }
    }
    curves
}

/// The graph ties that show on screen, per (emphasis, line) in [`EMPHASES`] × [`LINES`]
/// order (emphasis first), each ascending: one pass over the ties a frame, not one per
/// batch.
fn tie_batches(v: &NetworkView, curves: &[Option<Curve>]) -> Vec<Vec<u32>> {
    let g = &v.graph;
    let (w, h) = (v.width as f32, v.height as f32);
    let mut batches = vec![Vec::new(); EMPHASES.len() * LINES.len()];
    for (k, c) in curves.iter().enumerate() {
        if !c.is_some_and(|c| c.on_screen(w, h)) {
            continue;
        }
        let tie = g.tie[k] as usize;
        let line = Line::of(&v.network.ties[tie]);
        let Some(li) = LINES.iter().position(|&l| l == line) else {
            continue;
        };
        let ei = emphasis_rank(v.emphasis_of_tie(tie));
        batches[ei * LINES.len() + li].push(k as u32);
    }
    batches
}

/// The ties of emphasis `e`, batched by line (see [`Line`]; `batches` are this emphasis'
/// ties per line): former ones dotted, reported ones solid, alleged ones dashed, money
/// flows violet. A lone tie is a straight segment; parallel ones are bent polylines.
fn draw_ties(
    v: &NetworkView,
    d: &mut DrawList,
    curves: &[Option<Curve>],
    batches: &[Vec<u32>],
    e: Emphasis,
) {
    for (line, ties) in LINES.into_iter().zip(batches) {
        let first = d.path_count();
        for &k in ties {
            let Some(c) = curves[k as usize] else {
                continue;
            };
            if c.straight {
                d.path_xy
                    .extend_from_slice(&[c.from[0], c.from[1], c.to[0], c.to[1]]);
            } else {
                for i in 0..=CURVE_SEGMENTS {
                    let p = c.at(i as f32 / CURVE_SEGMENTS as f32);
                    d.path_xy.extend_from_slice(&p);
                }
            }
            d.end_path();
        }
        d.push_paths(look::tie_style(v.theme.palette(), line, e), first, false);
    }
}

/// Arrowheads at the target's edge, for ties of emphasis `e` that read one way
/// ([`Tie::is_directed`]: owns, directs, operates, pays, represents, is succeeded by), in
/// their line's colour.
fn draw_arrows(
    v: &NetworkView,
    d: &mut DrawList,
    curves: &[Option<Curve>],
    batches: &[Vec<u32>],
    e: Emphasis,
) {
    let g = &v.graph;
    for (line, ties) in LINES.into_iter().zip(batches) {
        let first = d.path_count();
        for &k in ties {
            let Some(c) = curves[k as usize] else {
                continue;
            };
            let tie = &v.network.ties[g.tie[k as usize] as usize];
            if !tie.is_directed() {
                continue;
            }
            let Some(r) = v.node_screen(g.tie_target[k as usize]).map(|s| s[2]) else {
                continue;
            };
            let Some(dir) = unit([c.to[0] - c.ctrl[0], c.to[1] - c.ctrl[1]]) else {
                continue;
            };
            let tip = [c.to[0] - dir[0] * (r + 3.0), c.to[1] - dir[1] * (r + 3.0)];
            let base = [
                tip[0] - dir[0] * ARROW_LENGTH,
                tip[1] - dir[1] * ARROW_LENGTH,
            ];
            let side = [-dir[1] * ARROW_HALF_WIDTH, dir[0] * ARROW_HALF_WIDTH];
            d.path_xy.extend_from_slice(&[
                tip[0],
                tip[1],
                base[0] + side[0],
                base[1] + side[1],
                base[0] - side[0],
                base[1] - side[1],
            ]);
            d.end_path();
        }
        d.push_paths(look::arrow_style(v.theme.palette(), line, e), first, true);
    }
}

/// Nodes, batched by emphasis then kind; each kind has its shape.
/// Nodes wholly off screen are left out.
fn draw_nodes(v: &NetworkView, d: &mut DrawList) {
    let (w, h) = (v.width as f32, v.height as f32);
    // Per (emphasis, kind), the shown nodes' screen circles: one pass over the nodes.
    let mut batches: Vec<Vec<[f32; 3]>> = vec![Vec::new(); EMPHASES.len() * KINDS.len()];
    for &n in v.slots.nodes() {
        let Some(s) = v.node_screen(n) else { continue };
        let m = s[2] + CULL_MARGIN;
        if s[0] + m < 0.0 || s[0] - m > w || s[1] + m < 0.0 || s[1] - m > h {
            continue;
        }
        let kind = v.network.nodes[n as usize].kind;
        let Some(ki) = KINDS.iter().position(|&k| k == kind) else {
            continue;
        };
        batches[emphasis_rank(v.emphasis_of_node(n)) * KINDS.len() + ki].push(s);
    }
    for (ei, e) in EMPHASES.into_iter().enumerate() {
        for ki in 0..KINDS.len() {
            let shape = look::KIND_SHAPES[ki];
            let style = look::node_style(v.theme.palette(), ki, e);
            let members = &batches[ei * KINDS.len() + ki];
            if shape == look::Shape::Circle {
                d.push_circles(style, members);
            } else {
                let first = d.path_count();
                for s in members {
                    for c in shape.corners(s[0], s[1], s[2]) {
                        d.path_xy.extend_from_slice(&c);
                    }
                    d.end_path();
                }
                d.push_paths(style, first, true);
            }
        }
    }
}

/// Labels: nodes and the page's controls are blocked first so no label covers a node or
/// hides under a button; the hovered node's ties say what they are; then names, most
/// important first.
fn draw_labels(v: &NetworkView, d: &mut DrawList, curves: &[Option<Curve>]) {
    let mut placer = Placer::new(v.width as f32, v.height as f32);
    if let Some(r) = v.covered() {
        placer.block(r);
    }
    // The placer's grid skips nodes off screen, so this is linear in the shown nodes.
    for &n in v.slots.nodes() {
        if let Some(s) = v.node_screen(n) {
            placer.block([s[0] - s[2], s[1] - s[2], s[0] + s[2], s[1] + s[2]]);
        }
    }
    let tie_labels = hovered_tie_labels(v, curves, &mut placer);
    let [dim, normal, lit] = name_labels(v, &mut placer);
    let p = v.theme.palette();
    d.push_labels(look::name_dim_text(p), dim);
    d.push_labels(look::name_text(p), normal);
    d.push_labels(look::name_lit_text(p), lit);
    d.push_labels(look::tie_text(p), tie_labels);
}

/// The hovered node's ties, each labelled at its middle with what it is.
fn hovered_tie_labels(
    v: &NetworkView,
    curves: &[Option<Curve>],
    placer: &mut Placer,
) -> Vec<Label> {
    let g = &v.graph;
    let mut out = Vec::new();
    let Some(h) = v.hovered else { return out };
    for (k, _) in g.neighbours(h) {
        let Some(c) = curves[k as usize] else {
            continue;
        };
        let text = tie_label_in(v.lang, &v.network.ties[g.tie[k as usize] as usize]);
        let p = c.at(0.5);
        let w = text_width(&text, 11.0);
        if placer.try_place([p[0] - w / 2.0, p[1] - 9.0, p[0] + w / 2.0, p[1] + 4.0]) {
            out.push(Label {
                x: p[0],
                y: p[1] + 1.0,
                text,
            });
        }
    }
    out
}

/// Names tried per frame, at most: the first this many in priority order. A screen holds a
/// few hundred names at most, and trying every node of a big network against the placed
/// ones would make a frame grow with the network.
pub const MAX_NAME_CANDIDATES: usize = 600;

/// Names, by emphasis (dim, normal, lit): the hovered, selected and focused nodes first,
/// then lit ones, then by degree; each at the first free place around its node. Only the
/// [`MAX_NAME_CANDIDATES`] first in that order on screen are tried (chosen in linear time).
fn name_labels(v: &NetworkView, placer: &mut Placer) -> [Vec<Label>; 3] {
    // A node this far off screen can have no label on it (a name is at most 26 characters).
    let longest = text_width(&"m".repeat(26), 12.0);
    let reach = |s: [f32; 3]| s[2] + 16.0 + longest;
    let (w, h) = (v.width as f32, v.height as f32);
    let mut order: Vec<u32> = v
        .slots
        .nodes()
        .iter()
        .copied()
        .filter(|&n| {
            v.node_screen(n).is_some_and(|s| {
                let m = reach(s);
                s[0] + m >= 0.0 && s[0] - m <= w && s[1] + m >= 0.0 && s[1] - m <= h
            })
        })
        .collect();
    let key = |n: u32| {
        let first = Some(n) == v.hovered || Some(n) == v.selected || Some(n) == v.focus;
        (
            std::cmp::Reverse(first),
            std::cmp::Reverse(emphasis_rank(v.emphasis_of_node(n))),
            std::cmp::Reverse(v.graph.degree(n)),
            n,
        )
    };
    if order.len() > MAX_NAME_CANDIDATES {
        // A selection, not a sort, of what can be tens of thousands of shown nodes (the
        // keys all differ: the same nodes as std's select).
        crate::sort::select_by_key(&mut order, MAX_NAME_CANDIDATES, |&n| key(n));
        order.truncate(MAX_NAME_CANDIDATES);
    }
    crate::sort::sort_by_key(&mut order, |&n| key(n));
    let mut by_style: [Vec<Label>; 3] = Default::default();
    for n in order {
        let Some(s) = v.node_screen(n) else { continue };
        let text = look::short_label(&v.network.nodes[n as usize].name);
        let w = text_width(&text, 12.0);
        for (rect, lx, ly) in label_candidates(s, w) {
            if placer.try_place(rect) {
                by_style[emphasis_rank(v.emphasis_of_node(n))].push(Label { x: lx, y: ly, text });
                break;
            }
        }
    }
    by_style
}

/// Where a name `w` px wide may go around a node at screen `s` = [x, y, r]: right, left,
/// below, above, then the same sides nudged up or down a line (a compact layout leaves
/// few free places). Each: the rectangle taken and the text's anchor.
fn label_candidates(s: [f32; 3], w: f32) -> Vec<(Rect, f32, f32)> {
    let (x, y, r) = (s[0], s[1], s[2]);
    let mut candidates: Vec<(Rect, f32, f32)> = vec![
        (
            [x + r + 3.0, y - 8.0, x + r + 3.0 + w, y + 6.0],
            x + r + 4.0,
            y + 4.0,
        ),
        (
            [x - r - 3.0 - w, y - 8.0, x - r - 3.0, y + 6.0],
            x - r - 3.0 - w,
            y + 4.0,
        ),
        (
            [x - w / 2.0, y + r + 2.0, x + w / 2.0, y + r + 16.0],
            x - w / 2.0,
            y + r + 13.0,
        ),
        (
            [x - w / 2.0, y - r - 16.0, x + w / 2.0, y - r - 2.0],
            x - w / 2.0,
            y - r - 5.0,
        ),
    ];
    for dy in [-(r + 10.0), r + 10.0] {
        candidates.push((
            [x + 2.0, y - 8.0 + dy, x + 2.0 + w, y + 6.0 + dy],
            x + 3.0,
            y + 4.0 + dy,
        ));
        candidates.push((
            [x - 2.0 - w, y - 8.0 + dy, x - 2.0, y + 6.0 + dy],
            x - 2.0 - w,
            y + 4.0 + dy,
        ));
    }
    candidates
}
