//! Test fixtures load the demo story through `story` and `import`; the view itself only
//! ever receives a `Network` (the layering test exempts test code).

use super::look::Emphasis;
use super::*;

use crate::basemap::Basemap;
use crate::model::Farm;
use crate::network::model::{Confidence, Node, NodeKind, Tie, TieKind};
use crate::network::queries;
use crate::scene::draw::Op;
use crate::scene::map::MapView;
use crate::story;

fn demo() -> (Vec<Farm>, NetworkView) {
    let loaded = story::load(&story::demo());
    assert!(loaded.farms.errors.is_empty(), "{:?}", loaded.farms.errors);
    let mut view = NetworkView::new(loaded.network);
    view.resize(600.0, 480.0);
    (loaded.farms.records, view)
}

fn settle(view: &mut NetworkView) -> usize {
    let mut frames = 0;
    while view.frame(frames as f64 * 16.0) {
        frames += 1;
        assert!(frames < 1000, "the layout never stops animating");
    }
    frames
}

/// Node shapes are the only batches filled with a kind colour.
fn is_node(style: &crate::scene::draw::Style) -> bool {
    style.fill.is_some_and(|f| look::KIND_COLORS.contains(&f))
}

fn id(view: &NetworkView, id: &str) -> u32 {
    view.node_index(id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

#[test]
fn the_demo_shows_only_its_connected_part_and_counts_the_rest() {
    let (_, mut view) = demo();
    assert_eq!(view.network().ties.len(), 16);
    assert_eq!(view.shown().len(), 21, "15 tied entities and 6 tied farms");
    assert_eq!(
        queries::hidden_counts(view.network(), view.graph()),
        (95, 1),
        "95 farms and the FMA have no tie"
    );
    for &n in view.shown() {
        assert!(view.graph().degree(n) > 0);
    }
    view.frame(0.0);
    let drawn: usize = view
        .draw_list()
        .ops
        .iter()
        .map(|op| match op {
            Op::Circles { circles, style } if is_node(style) => circles.len(),
            Op::Paths { paths, style, .. } if is_node(style) => paths.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(
        drawn, 21,
        "one shape per shown node, none for the hidden ones"
    );
}

#[test]
fn selecting_a_farm_lights_its_chain_up_to_people_and_dims_the_rest() {
    let (_, mut view) = demo();
    view.highlight_farm(Some("F-BN"));
    let lit = view.lit_ids();
    for want in ["F-BN", "c-bolat-firms", "p-bolat", "p-nursultan"] {
        assert!(lit.contains(&want.to_string()), "{want} not in {lit:?}");
    }
    assert!(!lit.contains(&"c-klebanov-firms".to_string()));
    assert_eq!(view.emphasis_of_node(id(&view, "F-AK")), Emphasis::Dim);
    assert_eq!(view.emphasis_of_node(id(&view, "p-bolat")), Emphasis::Lit);
    assert_eq!(view.selected, Some(id(&view, "F-BN")));
    view.highlight_farm(None);
    assert!(view.lit_ids().is_empty());
    assert_eq!(view.selected, None);
}

#[test]
fn selecting_a_person_lights_their_farms_on_the_map() {
    let (farms, mut view) = demo();
    let farm_ids = view.select_node(id(&view, "p-bolat"));
    assert_eq!(farm_ids, vec!["F-BN".to_string()]);
    assert_eq!(view.lit_by(), Some(LitBy::Node));
    let mask: Vec<bool> = farms.iter().map(|f| farm_ids.contains(&f.id)).collect();
    assert_eq!(mask.iter().filter(|&&b| b).count(), 1);
    let mut map = MapView::new(Basemap::embedded());
    map.set_farms(farms.clone());
    map.set_highlight(Some(mask));
    let bn = farms.iter().position(|f| f.id == "F-BN").unwrap();
    let ak = farms.iter().position(|f| f.id == "F-AK").unwrap();
    assert!(map.is_highlighted(bn) && !map.is_highlighted(ak));
    // The former president: his brother's firms' farm, through family and affiliation.
    let nz = view.select_node(id(&view, "p-nursultan"));
    assert!(nz.contains(&"F-BN".to_string()), "{nz:?}");
    // A node that controls no farm still shows what it is tied to.
    assert!(view.select_node(id(&view, "c-caec")).is_empty());
    assert!(view.lit_ids().contains(&"p-klebanov".to_string()));
}

#[test]
fn a_story_step_lights_its_ids_and_comes_back_after_a_selection_is_cleared() {
    let (_, mut view) = demo();
    let s = story::demo();
    let step = s.steps.iter().find(|s| s.id == "brother").unwrap();
    view.highlight_ids(&step.highlight);
    let mut want = step.highlight.clone();
    crate::sort::sort(&mut want);
    let mut lit = view.lit_ids();
    crate::sort::sort(&mut lit);
    assert_eq!(lit, want);
    let brother_tie = view
        .network
        .ties
        .iter()
        .position(|t| t.source == "p-bolat" && t.target == "p-nursultan")
        .unwrap();
    assert_eq!(view.emphasis_of_tie(brother_tie), Emphasis::Lit);
    view.select_node(id(&view, "p-klebanov"));
    assert_eq!(view.lit_by(), Some(LitBy::Node));
    view.clear();
    assert_eq!(view.lit_by(), Some(LitBy::Step));
    view.highlight_ids(&[]);
    assert_eq!(view.lit_by(), None);
}

#[test]
fn the_path_from_a_farm_to_the_former_president_is_said_with_its_hedge() {
    let (_, mut view) = demo();
    let text = view.show_path("F-KS", "p-nursultan").expect("connected");
    assert!(text.contains("believed"), "{text}");
    assert!(text.contains("Nursultan Nazarbayev"), "{text}");
    let lit = view.lit_ids();
    for want in ["F-KS", "p-sharipbayev", "p-dariga", "p-nursultan"] {
        assert!(lit.contains(&want.to_string()), "{want} not in {lit:?}");
    }
    assert_eq!(view.lit_farm_ids(), vec!["F-KS".to_string()]);
    assert_eq!(view.show_path("F-KS", "p-klebanov"), None, "not connected");
    assert_eq!(
        queries::example_pair(view.network(), view.graph()),
        Some(("F-KS".to_string(), "p-nursultan".to_string())),
        "the demo's default question is a farm and a person, over a hedged tie"
    );
    assert_eq!(view.show_path("F-KS", "nobody"), None);
}

#[test]
fn alleged_ties_are_dashed_and_reported_ties_solid_in_the_draw_list() {
    let (_, mut view) = demo();
    view.frame(0.0);
    let alleged = view
        .network
        .ties
        .iter()
        .filter(|t| t.confidence == Confidence::Alleged)
        .count();
    assert_eq!(alleged, 3);
    let (mut dashed, mut solid) = (0, 0);
    for op in &view.draw_list().ops {
        if let Op::Paths {
            style,
            paths,
            closed: false,
        } = op
        {
            if style.dash.is_some() {
                dashed += paths.len();
            } else {
                solid += paths.len();
            }
        }
    }
    assert_eq!((dashed, solid), (alleged, 16 - alleged));
}

#[test]
fn parallel_ties_between_two_nodes_are_bent_apart() {
    let node = |i: &str, k| Node::new(i, k, i);
    let net = Network {
        nodes: vec![node("a", NodeKind::Person), node("b", NodeKind::Company)],
        ties: vec![
            Tie::new("a", "b", TieKind::Owns, Confidence::Reported),
            Tie::new("a", "b", TieKind::Directs, Confidence::Reported),
            Tie::new("b", "a", TieKind::Associate, Confidence::Alleged),
        ],
    };
    let mut view = NetworkView::new(net);
    view.resize(400.0, 300.0);
    view.frame(0.0);
    let d = view.draw_list();
    let mids: Vec<[f32; 2]> = d
        .ops
        .iter()
        .filter_map(|op| match op {
            Op::Paths {
                paths,
                closed: false,
                ..
            } => Some(paths.clone()),
            _ => None,
        })
        .flatten()
        .map(|i| {
            let p = d.path(i);
            let m = p.len() / 4 * 2; // the middle vertex of 13
            [p[m], p[m + 1]]
        })
        .collect();
    assert_eq!(mids.len(), 3);
    for i in 0..3 {
        for j in i + 1..3 {
            let dist =
                ((mids[i][0] - mids[j][0]).powi(2) + (mids[i][1] - mids[j][1]).powi(2)).sqrt();
            assert!(dist > 0.8 * 18.0, "ties {i} and {j} overlap: {mids:?}");
        }
    }
}

#[test]
fn no_nan_after_many_frames_and_hostile_gestures() {
    let (_, mut view) = demo();
    for f in 0..400 {
        view.frame(f as f64 * 16.0);
        if f == 50 {
            view.zoom_at(f64::NAN, 1.0, 1.0);
            view.pan_by(f64::INFINITY, 0.0);
            view.zoom_at(300.0, 200.0, 1e9);
            view.drag_to(id(&view, "p-bolat"), 10.0, 10.0);
            view.drag_to(id(&view, "p-bolat"), f64::NAN, 10.0);
            let _ = view.pick(f64::NAN, 0.0, 5.0);
        }
    }
    let d = view.draw_list();
    assert!(d.path_xy.iter().all(|v| v.is_finite()));
    assert!(d.circles.iter().flatten().all(|v| v.is_finite()));
    assert!(d.labels.iter().all(|l| l.x.is_finite() && l.y.is_finite()));
    assert!(view.positions().iter().all(|v| v.is_finite()));
    assert!(view.is_pinned(id(&view, "p-bolat")));
}

#[test]
fn the_layout_settles_and_the_nodes_do_not_overlap() {
    let (_, mut view) = demo();
    let frames = settle(&mut view);
    assert!(frames > 5, "a layout from a random start takes some frames");
    let settled = view.positions().to_vec();
    view.relayout();
    assert!(view.frame(0.0), "a relayout animates again");
    settle(&mut view);
    assert_eq!(
        view.positions(),
        settled.as_slice(),
        "seeded: the same layout"
    );
    let shown: Vec<[f32; 3]> = view
        .shown()
        .iter()
        .filter_map(|&n| view.node_screen(n))
        .collect();
    let mut overlaps = 0;
    for i in 0..shown.len() {
        for j in i + 1..shown.len() {
            let (a, b) = (shown[i], shown[j]);
            if ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt() < a[2] + b[2] {
                overlaps += 1;
            }
        }
    }
    assert_eq!(overlaps, 0);
    // Every node is inside the canvas.
    for s in &shown {
        assert!(
            s[0] > 0.0 && s[1] > 0.0 && s[0] < 600.0 && s[1] < 480.0,
            "{s:?}"
        );
    }
}

#[test]
fn saved_positions_round_trip_and_show_the_finished_layout_without_simulating() {
    let (_, mut view) = demo();
    settle(&mut view);
    let saved = view.positions_by_id();
    assert_eq!(saved.len(), view.shown().len());
    let (_, mut again) = demo();
    let applied = again.place(&saved).unwrap();
    assert_eq!((applied.placed, applied.warnings.len()), (saved.len(), 0));
    assert!(
        !again.frame(0.0),
        "a complete saved layout does not animate"
    );
    assert_eq!(again.positions(), view.positions());
    assert_eq!(again.positions_by_id(), saved);
    // Unknown ids and non-finite positions are named and skipped.
    let bad = [
        ("p-bolat".to_string(), [f64::NAN, 0.0]),
        ("ghost".to_string(), [0.0, 0.0]),
    ];
    let a = again.place(&bad).unwrap();
    assert_eq!(a.placed, 0);
    assert_eq!(a.warnings.len(), 2, "{:?}", a.warnings);
    // Some placed: the layout runs on from there.
    let (_, mut partial) = demo();
    settle(&mut partial);
    assert_eq!(partial.place(&saved[..1]).unwrap().placed, 1);
    assert!(partial.frame(0.0), "a partial layout simulates the rest");
}

#[test]
fn tab_walks_every_visible_node_then_leaves() {
    let (_, mut view) = demo();
    settle(&mut view);
    let mut seen = std::collections::HashSet::new();
    while view.move_focus(1) {
        assert!(seen.insert(view.focus.unwrap()), "a node was visited twice");
    }
    assert_eq!(seen.len(), view.shown().len());
    assert_eq!(view.focus, None);
    assert!(view.move_focus(-1), "Shift+Tab enters at the last node");
}

#[test]
fn pick_finds_the_node_drawn_under_the_pointer() {
    let (_, mut view) = demo();
    settle(&mut view);
    let n = id(&view, "p-klebanov");
    let s = view.node_screen(n).unwrap();
    assert_eq!(view.pick(s[0] as f64 + 1.0, s[1] as f64, 0.0), Some(n));
    assert_eq!(view.pick(-100.0, -100.0, 4.0), None);
}

#[test]
fn each_tie_of_a_node_is_told_as_a_sentence_from_its_side() {
    let (_, view) = demo();
    let t = queries::tie_sentences(
        crate::i18n::Lang::En,
        view.network(),
        view.graph(),
        id(&view, "p-sharipbayev"),
    );
    assert_eq!(t.len(), 3);
    assert!(
        t.iter()
            .any(|t| t.alleged && t.text.contains("believed") && t.text.contains("husband")),
        "{t:?}"
    );
    assert!(t.iter().all(|t| t
        .source_url
        .as_deref()
        .is_some_and(|u| u.contains("eurasianet"))));
}

#[test]
fn a_focus_on_people_means_their_farms() {
    let (_, view) = demo();
    let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let farm_ids_of = |ids: &[String]| queries::farm_ids_of(view.network(), view.graph(), ids);
    assert_eq!(farm_ids_of(&ids(&["p-bolat"])), ids(&["F-BN"]));
    assert_eq!(
        farm_ids_of(&ids(&["F-AK", "p-matkenov"])),
        ids(&["F-AK", "F-TM"])
    );
    // Someone with no farm behind them gives no farm; unknown ids pass through.
    assert!(farm_ids_of(&ids(&["b-fma"])).is_empty());
    assert_eq!(farm_ids_of(&ids(&["nope"])), ids(&["nope"]));
}

#[test]
fn a_chart_bar_lights_its_ids_and_keeps_the_step_for_clearing() {
    let (_, mut view) = demo();
    let step_ids = vec!["p-bolat".to_string(), "F-BN".to_string()];
    view.highlight_ids(&step_ids);
    view.light_ids(&["F-AK".to_string()]);
    assert_eq!(view.lit_by(), Some(LitBy::Ids));
    assert_eq!(view.lit_ids(), vec!["F-AK".to_string()]);
    view.clear();
    assert_eq!(view.lit_by(), Some(LitBy::Step));
    let mut lit = view.lit_ids();
    crate::sort::sort(&mut lit);
    assert_eq!(lit, vec!["F-BN".to_string(), "p-bolat".to_string()]);
    view.light_ids(&[]);
    assert_eq!(view.lit_by(), None, "an empty bar lights nothing");
}

/// A person and a company with one tie, settled on a 400 × 300 canvas.
fn one_tie(tie: Tie) -> NetworkView {
    let net = Network {
        nodes: vec![
            Node::new("a", NodeKind::Person, "Ann"),
            Node::new("b", NodeKind::Company, "Beta LLP"),
        ],
        ties: vec![tie],
    };
    let mut view = NetworkView::new(net);
    view.resize(400.0, 300.0);
    view.frame(0.0);
    view
}

/// The open polylines (ties) and closed triangles (arrowheads) of the frame, by style.
fn lines_and_arrows(
    view: &NetworkView,
) -> (
    Vec<crate::scene::draw::Style>,
    Vec<crate::scene::draw::Style>,
) {
    let (mut lines, mut arrows) = (Vec::new(), Vec::new());
    for op in &view.draw_list().ops {
        if let Op::Paths {
            style,
            paths,
            closed,
        } = op
        {
            if is_node(style) || paths.is_empty() {
                continue;
            }
            if *closed {
                if style.fill != Some(crate::scene::style::LIGHT.network_background) {
                    arrows.push(*style);
                }
            } else {
                lines.push(*style);
            }
        }
    }
    (lines, arrows)
}

#[test]
fn a_former_tie_is_drawn_dotted_grey_and_labelled_in_the_past() {
    let mut tie = Tie::new("a", "b", TieKind::Owns, Confidence::Reported);
    tie.former = true;
    tie.end = Some("2019".into());
    tie.share = Some(crate::network::model::Share {
        min: 50.0,
        max: 50.0,
    });
    let mut view = one_tie(tie.clone());
    let (lines, arrows) = lines_and_arrows(&view);
    assert_eq!(
        lines,
        vec![look::tie_style(
            &crate::scene::style::LIGHT,
            look::Line::Former,
            Emphasis::Normal
        )]
    );
    assert_eq!(lines[0].stroke, Some(crate::scene::style::LIGHT.former_tie));
    assert_eq!(lines[0].dash, Some([1.5, 3.5]));
    assert_eq!(
        arrows,
        vec![look::arrow_style(
            &crate::scene::style::LIGHT,
            look::Line::Former,
            Emphasis::Normal
        )]
    );
    assert_eq!(render::tie_label(&tie), "owned 50% until 2019");
    // Hovering a node labels the tie as former.
    view.hovered = Some(0);
    view.frame(16.0);
    let labels: Vec<&str> = view
        .draw_list()
        .labels
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert!(labels.contains(&"owned 50% until 2019"), "{labels:?}");
    let mut director = Tie::new("a", "b", TieKind::Directs, Confidence::Reported);
    director.former = true;
    assert_eq!(render::tie_label(&director), "former director");
}

#[test]
fn a_payment_has_an_arrow_and_the_money_colour_and_says_how_much_and_when() {
    use crate::network::model::{Money, TieNature};
    let mut pay = Tie::new("a", "b", TieKind::Unknown, Confidence::Reported);
    assert!(
        TieKind::Unknown.is_symmetric(),
        "the kind alone would draw no arrow"
    );
    pay.nature = Some(TieNature::Payment);
    pay.amount = Some(Money {
        value: 12000.0,
        currency: Some("EUR".into()),
    });
    pay.date = Some("2019-05-01".into());
    let view = one_tie(pay.clone());
    let (lines, arrows) = lines_and_arrows(&view);
    assert_eq!(
        lines,
        vec![look::tie_style(
            &crate::scene::style::LIGHT,
            look::Line::Money,
            Emphasis::Normal
        )]
    );
    assert_eq!(lines[0].stroke, Some(crate::scene::style::LIGHT.money_flow));
    assert_eq!(arrows.len(), 1, "one arrowhead, payer → payee");
    assert_eq!(arrows[0].fill, Some(crate::scene::style::LIGHT.money_flow));
    assert_eq!(render::tie_label(&pay), "paid €12,000 · 2019-05-01");
    // Representation reads one way too; an association does not.
    let mut rep = Tie::new("a", "b", TieKind::Unknown, Confidence::Reported);
    rep.nature = Some(TieNature::Representation);
    assert_eq!(lines_and_arrows(&one_tie(rep)).1.len(), 1);
    let assoc = Tie::new("a", "b", TieKind::Associate, Confidence::Reported);
    assert!(lines_and_arrows(&one_tie(assoc)).1.is_empty());
}

/// A random recursive tree of `n` nodes (node i owned by a seeded earlier node), as in the
/// benchmark's network case.
fn random_tree(n: usize) -> crate::network::model::Network {
    use crate::network::model::{Confidence, Network, Node, NodeKind, Tie, TieKind};
    let mut rng = crate::rng::Mulberry32::new(7);
    let nodes = (0..n)
        .map(|i| Node::new(&format!("n{i}"), NodeKind::Company, &format!("Company {i}")))
        .collect();
    let ties = (1..n)
        .map(|i| {
            let p = (rng.next_f64() * i as f64) as usize;
            Tie::new(
                &format!("n{p}"),
                &format!("n{i}"),
                TieKind::Owns,
                Confidence::Reported,
            )
        })
        .collect();
    Network { nodes, ties }
}

#[test]
#[ignore]
fn timing_big_tree() {
    let n: usize = std::env::var("TREE_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50_000);
    let t = std::time::Instant::now();
    let mut view = NetworkView::new(random_tree(n));
    view.resize(800.0, 600.0);
    eprintln!("new: {:?}", t.elapsed());
    for f in 0..5 {
        let t = std::time::Instant::now();
        view.frame(f as f64 * 16.0);
        eprintln!("frame {f}: {:?}", t.elapsed());
    }
    view.pan_by(10.0, 5.0);
    let t = std::time::Instant::now();
    view.frame(100.0);
    eprintln!("pan frame: {:?}", t.elapsed());
    let (mut worst, mut at, mut f) = (std::time::Duration::ZERO, 0, 0);
    while view.is_animating() && f < 3000 {
        let t = std::time::Instant::now();
        view.frame(f as f64);
        if t.elapsed() > worst {
            (worst, at) = (t.elapsed(), f);
        }
        f += 1;
    }
    eprintln!("settled after {f} frames; worst {worst:?} at frame {at}");
}

/// A 50,000-node tree is drawn as a stated reduction: the best-connected
/// [`MAX_SHOWN_NODES`] nodes, the rest counted; the layout works on those alone, and the
/// names tried per frame are capped, so a frame does not grow with the network.
#[test]
fn a_fifty_thousand_node_tree_is_drawn_reduced_and_says_so() {
    let n = 50_000;
    let mut view = NetworkView::new(random_tree(n));
    view.resize(800.0, 600.0);
    assert_eq!(view.shown().len(), super::MAX_SHOWN_NODES);
    assert_eq!(view.left_out(), n - super::MAX_SHOWN_NODES);
    assert_eq!(view.positions().len(), 2 * super::MAX_SHOWN_NODES);
    view.frame(0.0);
    let labels = view.draw_list().labels.len();
    assert!(labels <= super::MAX_NAME_CANDIDATES, "{labels} labels");
    let nodes: usize = view
        .draw_list()
        .ops
        .iter()
        .map(|op| match op {
            Op::Circles { circles, style } if is_node(style) => circles.len(),
            Op::Paths { paths, style, .. } if is_node(style) => paths.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(nodes, super::MAX_SHOWN_NODES);
}

/// Ties (open paths) and node shapes in the frame's draw list.
fn drawn_ties_and_nodes(view: &NetworkView) -> (Vec<Vec<f32>>, usize) {
    let d = view.draw_list();
    let (mut ties, mut nodes) = (Vec::new(), 0);
    for op in &d.ops {
        match op {
            Op::Paths {
                paths,
                closed: false,
                ..
            } => ties.extend(paths.clone().map(|i| d.path(i).to_vec())),
            Op::Circles { circles, style } if is_node(style) => nodes += circles.len(),
            Op::Paths { paths, style, .. } if is_node(style) => nodes += paths.len(),
            _ => {}
        }
    }
    (ties, nodes)
}

/// A lone tie is one straight segment (two vertices, from one node's centre to the
/// other's); only parallel ties are bent polylines.
#[test]
fn a_lone_tie_is_a_straight_segment_between_its_nodes() {
    let (_, mut view) = demo();
    view.frame(0.0);
    let (ties, _) = drawn_ties_and_nodes(&view);
    assert_eq!(ties.len(), 16);
    let g = view.graph();
    for k in 0..g.tie_source.len() {
        let (a, b) = (g.tie_source[k], g.tie_target[k]);
        let parallel = (0..g.tie_source.len()).any(|j| {
            j != k
                && (
                    g.tie_source[j].min(g.tie_target[j]),
                    g.tie_source[j].max(g.tie_target[j]),
                ) == (a.min(b), a.max(b))
        });
        let (sa, sb) = (view.node_screen(a).unwrap(), view.node_screen(b).unwrap());
        let expect = [sa[0], sa[1], sb[0], sb[1]];
        let found = ties.iter().any(|p| p.as_slice() == expect);
        assert_eq!(found, !parallel, "tie {k}: {a} -> {b}");
    }
}

/// Ties and nodes wholly outside the pane are left out of the draw list, and come back
/// when the camera returns; hit testing still knows every node.
#[test]
fn what_is_off_screen_is_not_drawn() {
    let (_, mut view) = demo();
    settle(&mut view);
    let (ties, nodes) = drawn_ties_and_nodes(&view);
    assert_eq!(
        (ties.len(), nodes),
        (16, 21),
        "all of it fits the fitted camera"
    );
    view.pan_by(10_000.0, 0.0);
    view.frame(16.0);
    assert_eq!(drawn_ties_and_nodes(&view), (Vec::new(), 0));
    let far = view.node_screen(view.shown()[0]).unwrap();
    assert_eq!(
        view.pick(f64::from(far[0]), f64::from(far[1]), 0.0),
        Some(view.shown()[0])
    );
    view.pan_by(-10_000.0, 0.0);
    view.frame(32.0);
    let (ties, nodes) = drawn_ties_and_nodes(&view);
    assert_eq!((ties.len(), nodes), (16, 21));
}

/// The settled picture is the same whatever the pane: a phone-sized and a desktop-sized
/// view of the same network end with the same layout positions, bit for bit.
#[test]
fn the_settled_layout_does_not_depend_on_the_pane() {
    let (_, mut wide) = demo();
    let (_, mut phone) = demo();
    wide.resize(1200.0, 800.0);
    phone.resize(320.0, 480.0);
    settle(&mut wide);
    settle(&mut phone);
    assert_eq!(wide.positions(), phone.positions());
}

/// The page's buttons cover a corner of the pane: no name is placed under them, and the
/// names that went there before find other places.
#[test]
fn no_label_goes_under_the_panes_buttons() {
    use crate::scene::labels::text_width;
    let (_, mut view) = demo();
    view.resize(370.0, 300.0);
    settle(&mut view);
    // A label's box as `label_candidates` takes it: from x, 12 px above its baseline.
    let boxes = |view: &NetworkView| -> Vec<(String, [f32; 4])> {
        let d = view.draw_list();
        d.labels
            .iter()
            .map(|l| {
                let w = text_width(&l.text, 12.0);
                (l.text.clone(), [l.x - 1.0, l.y - 12.0, l.x + w, l.y + 2.0])
            })
            .collect()
    };
    let overlaps =
        |a: [f32; 4], b: [f32; 4]| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    // The right half of the pane, where the buttons of a phone's pane would be and more.
    let covered = [185.0, 0.0, 370.0, 300.0];
    let before = boxes(&view);
    assert!(
        before.iter().any(|(_, b)| overlaps(*b, covered)),
        "some name is drawn in the right half before: {before:?}"
    );
    view.set_covered(185.0, 0.0, 370.0, 300.0);
    view.frame(0.0);
    let after = boxes(&view);
    assert!(!after.is_empty());
    for (text, b) in &after {
        assert!(
            !overlaps(*b, covered),
            "{text} at {b:?} is under the buttons"
        );
    }
}

#[test]
fn the_fitted_network_keeps_every_node_clear_of_the_panes_buttons() {
    let (_, mut view) = demo();
    view.resize(370.0, 300.0);
    settle(&mut view);
    let rightmost = |view: &NetworkView| {
        view.shown()
            .iter()
            .filter_map(|&n| view.node_screen(n))
            .map(|s| s[0])
            .fold(f32::NEG_INFINITY, f32::max)
    };
    // A phone pane's zoom buttons: a column at the right edge (network-pane.js reports it).
    let x0 = 320.0;
    assert!(rightmost(&view) > x0 - 36.0, "before: {}", rightmost(&view));
    view.set_covered(f64::from(x0), 8.0, 362.0, 140.0);
    view.frame(0.0);
    let x = rightmost(&view);
    // The buttons' inner edge counts as the pane's: FIT_PADDING clear of it.
    assert!(x <= x0 - 36.0 + 1e-3, "{x}");
    for &n in view.shown() {
        let [sx, sy, _] = view.node_screen(n).unwrap();
        assert!(
            (0.0..=370.0).contains(&sx) && (0.0..=300.0).contains(&sy),
            "{sx} {sy}"
        );
    }
}

/// Tie groups as the view made them with a hash map of end pairs: ordered by their ends,
/// ties ascending. Random multigraphs with parallel ties both ways and self-loops.
#[test]
fn tie_groups_are_the_pairs_of_ends_in_order() {
    let mut rng = crate::rng::Mulberry32::new(21);
    for n in [1u32, 2, 5, 40] {
        let nodes: Vec<Node> = (0..n)
            .map(|i| Node::new(&format!("n{i}"), NodeKind::Company, &format!("N{i}")))
            .collect();
        let ties: Vec<Tie> = (0..3 * n)
            .map(|_| {
                let (s, t) = (rng.next_u32() % n, rng.next_u32() % n);
                Tie::new(
                    &format!("n{s}"),
                    &format!("n{t}"),
                    TieKind::Owns,
                    Confidence::Reported,
                )
            })
            .collect();
        let (graph, _) = crate::network::graph::Graph::new(&Network { nodes, ties });
        let mut pairs: std::collections::HashMap<(u32, u32), Vec<u32>> = Default::default();
        for k in 0..graph.tie_source.len() {
            let (s, t) = (graph.tie_source[k], graph.tie_target[k]);
            if s != t {
                pairs
                    .entry((s.min(t), s.max(t)))
                    .or_default()
                    .push(k as u32);
            }
        }
        let mut want: Vec<(u32, u32, Vec<u32>)> =
            pairs.into_iter().map(|((a, b), t)| (a, b, t)).collect();
        crate::sort::sort_by_key(&mut want, |g| (g.0, g.1));
        let got: Vec<(u32, u32, Vec<u32>)> = tie_groups(&graph)
            .into_iter()
            .map(|g| (g.a, g.b, g.ties))
            .collect();
        assert_eq!(got, want, "{n} nodes");
    }
}
