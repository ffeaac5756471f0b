//! SVG snapshots of the three charts, plus the structural facts a snapshot alone would not
//! explain when it changes: bar count, labels, escaping, and hit rectangles matching the
//! drawn rectangles. `FARMMAP_UPDATE_SNAPSHOTS=1 cargo test charts` rewrites the files.

use std::path::PathBuf;

use super::*;

pub fn owners() -> Chart {
    Chart {
        kind: ChartKind::OwnerGroups,
        data: BarData {
            title: "Farms by owner group".into(),
            unit: "farms".into(),
            category: "owner group".into(),
            note: Some("Source: demo story".into()),
            bars: vec![
                Bar::new("Group A holdings", 12.0, "group-a"),
                Bar::new("Energy trading LLP", 7.0, "group-b"),
                Bar::new("<b>&", 3.0, "group-c"),
                Bar::new("No known owner", 0.0, "none"),
            ],
        },
        style: ChartStyle {
            illustrative: true,
            highlighted_key: Some("group-b".into()),
            ..ChartStyle::default()
        },
    }
}

pub fn capacity() -> Chart {
    let bar = |label: &str, value: f64, unknown: u32| Bar {
        unknown,
        ..Bar::new(label, value, label)
    };
    Chart {
        kind: ChartKind::CapacityByRegion,
        data: BarData {
            title: "Capacity by region".into(),
            unit: "MW".into(),
            category: "region".into(),
            note: None,
            bars: vec![
                bar("Pavlodar", 120.5, 2),
                bar("Qaraghandy", 64.0, 0),
                bar("East Kazakhstan", 30.25, 5),
                bar("Almaty City", 0.0, 1),
            ],
        },
        style: ChartStyle::default(),
    }
}

pub fn shutdowns() -> Chart {
    let months: Vec<YearMonth> = [
        (2021, 11),
        (2021, 11),
        (2022, 1),
        (2022, 2),
        (2022, 2),
        (2022, 2),
    ]
    .iter()
    .map(|&(year, month)| YearMonth { year, month })
    .collect();
    Chart {
        kind: ChartKind::ShutdownsByMonth,
        data: BarData {
            title: "Farms shut down, by month".into(),
            unit: "farms".into(),
            category: "month".into(),
            note: None,
            bars: monthly_bars(&months).unwrap(),
        },
        style: ChartStyle::default(),
    }
}

fn check_snapshot(name: &str, svg: &str) {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        "charts",
        name,
    ]
    .iter()
    .collect();
    if std::env::var("FARMMAP_UPDATE_SNAPSHOTS").as_deref() == Ok("1") {
        std::fs::write(&path, svg).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with FARMMAP_UPDATE_SNAPSHOTS=1 to create it",
            path.display()
        )
    });
    assert!(
        expected == svg,
        "{name} differs from {}; if the change is intended, rerun with \
         FARMMAP_UPDATE_SNAPSHOTS=1 and review the diff",
        path.display()
    );
}

/// `<rect>` elements filled with the colour, as (x, y, width, height).
fn rects_with_fill(svg: &str, colour: plotters::style::RGBColor) -> Vec<(i32, i32, i32, i32)> {
    let fill = format!("fill=\"#{:02X}{:02X}{:02X}\"", colour.0, colour.1, colour.2);
    svg.lines()
        .filter(|l| l.starts_with("<rect") && l.contains(&fill))
        .map(|l| {
            let attr = |name: &str| -> i32 {
                let start = l.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                let end = start + l[start..].find('"').unwrap();
                l[start..end].parse().unwrap()
            };
            (attr("x"), attr("y"), attr("width"), attr("height"))
        })
        .collect()
}

/// A `<text>` element of plotters' SVG: its anchor point, alignment, rotation and text.
#[derive(Debug)]
struct SvgText {
    x: i32,
    y: i32,
    anchor: String,
    rotated: bool,
    text: String,
}

fn attr<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let start = line.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + line[start..].find('"')?;
    Some(&line[start..end])
}

fn svg_texts(svg: &str) -> Vec<SvgText> {
    let lines: Vec<&str> = svg.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("<text"))
        .map(|(i, l)| SvgText {
            x: attr(l, "x").unwrap().parse().unwrap(),
            y: attr(l, "y").unwrap().parse().unwrap(),
            anchor: attr(l, "text-anchor").unwrap().to_string(),
            rotated: l.contains("rotate("),
            text: lines[i + 1].to_string(),
        })
        .collect()
}

/// Every point of the `<line>`, `<polyline>` and `<rect>` elements.
fn svg_points(svg: &str) -> Vec<(i32, i32)> {
    let num = |v: &str| v.parse::<i32>().unwrap();
    let mut points = Vec::new();
    for l in svg.lines() {
        if l.starts_with("<line") {
            points.push((num(attr(l, "x1").unwrap()), num(attr(l, "y1").unwrap())));
            points.push((num(attr(l, "x2").unwrap()), num(attr(l, "y2").unwrap())));
        } else if l.starts_with("<polyline") {
            for p in attr(l, "points").unwrap().split_whitespace() {
                let (x, y) = p.split_once(',').unwrap();
                points.push((num(x), num(y)));
            }
        } else if l.starts_with("<rect") {
            let (x, y) = (num(attr(l, "x").unwrap()), num(attr(l, "y").unwrap()));
            let (w, h) = (
                num(attr(l, "width").unwrap()),
                num(attr(l, "height").unwrap()),
            );
            points.push((x, y));
            points.push((x + w, y + h));
        }
    }
    points
}

/// `<line>` elements (the grid) as (x1, y1, x2, y2).
fn svg_lines(svg: &str) -> Vec<(i32, i32, i32, i32)> {
    let num = |l: &str, n: &str| attr(l, n).unwrap().parse::<i32>().unwrap();
    svg.lines()
        .filter(|l| l.starts_with("<line"))
        .map(|l| (num(l, "x1"), num(l, "y1"), num(l, "x2"), num(l, "y2")))
        .collect()
}

/// Width of `text` in the label font as the SVG backend estimates it (what the layout used).
fn label_width(text: &str) -> i32 {
    let style = ChartStyle::default();
    let mut svg = String::new();
    let root = plotters::prelude::SVGBackend::with_string(&mut svg, (10, 10));
    let root = plotters::prelude::IntoDrawingArea::into_drawing_area(root);
    let font = plotters::style::FontDesc::new(
        plotters::style::FontFamily::from(style.font_family.as_str()),
        style.label_px,
        plotters::style::FontStyle::Normal,
    );
    root.estimate_text_size(text, &font.into()).unwrap().0 as i32
}

#[test]
fn snapshots_match() {
    for (name, chart) in [
        ("owners.svg", owners()),
        ("capacity.svg", capacity()),
        ("shutdowns.svg", shutdowns()),
    ] {
        let svg = render_svg(&chart, 640, 360).unwrap();
        check_snapshot(name, &svg);
    }
}

#[test]
fn rendering_is_deterministic() {
    let a = render_svg(&owners(), 500, 300).unwrap();
    let b = render_svg(&owners(), 500, 300).unwrap();
    assert_eq!(a, b);
}

#[test]
fn bars_labels_and_escaping_are_in_the_svg() {
    let chart = owners();
    let svg = render_svg(&chart, 640, 360).unwrap();
    // Three normal bars (one of them zero wide) and one highlighted.
    assert_eq!(rects_with_fill(&svg, chart.style.bar).len(), 3);
    assert_eq!(rects_with_fill(&svg, chart.style.highlight).len(), 1);
    for text in [
        "Farms by owner group",
        "Illustrative data",
        "Group A holdings",
        "owner group",
        "farms",
    ] {
        assert!(svg.contains(&format!("\n{text}\n")), "{text} missing");
    }
    assert!(svg.contains("&lt;b&gt;&amp;"));
    assert!(!svg.contains("<b>"));
    assert!(!render_svg(&capacity(), 640, 360)
        .unwrap()
        .contains("Illustrative data"));
}

#[test]
fn capacity_chart_states_the_unknowns() {
    let svg = render_svg(&capacity(), 640, 360).unwrap();
    assert!(svg.contains("8 farms of unknown capacity not included"));
    for text in ["+2 unknown", "+5 unknown", "+1 unknown", "120.5"] {
        assert!(svg.contains(&format!("\n{text}\n")), "{text} missing");
    }
    assert!(!svg.contains("+0 unknown"));
}

#[test]
fn hit_rectangles_are_the_drawn_rectangles() {
    for chart in [owners(), capacity(), shutdowns()] {
        let (svg, hits) = render_svg_with_hits(&chart, 640, 360).unwrap();
        let mut drawn = rects_with_fill(&svg, chart.style.bar);
        drawn.extend(rects_with_fill(&svg, chart.style.highlight));
        assert_eq!(hits.bars.len(), chart.data.bars.len());
        for hit in &hits.bars {
            let r = hit.bar;
            if r.width() > 0 && r.height() > 0 {
                // plotters' SVG rect spans both corner pixels, hence the + 1.
                let found = drawn.iter().any(|&(x, y, w, h)| {
                    (x, y) == (r.x0, r.y0)
                        && (w - r.width()).abs() <= 1
                        && (h - r.height()).abs() <= 1
                });
                assert!(
                    found,
                    "{:?}: no drawn rect at {r:?} in {drawn:?}",
                    chart.kind
                );
            }
            let plot = hits.plot.unwrap();
            assert!(r.x0 >= plot.x0 && r.x1 <= plot.x1 && r.y0 >= plot.y0 && r.y1 <= plot.y1);
        }
    }
}

#[test]
fn horizontal_bars_are_ordered_top_down_with_lengths_proportional_to_values() {
    let chart = owners();
    let (_, hits) = render_svg_with_hits(&chart, 640, 360).unwrap();
    let plot = hits.plot.unwrap();
    let ys: Vec<i32> = hits.bars.iter().map(|h| h.bar.y0).collect();
    assert!(ys.windows(2).all(|w| w[0] < w[1]), "{ys:?}");
    // 12 farms on an axis ending at 12 spans the whole plot; 3 is a quarter of it.
    assert_eq!(hits.bars[0].bar.width(), plot.x1 - plot.x0 - 1);
    let quarter = f64::from(hits.bars[0].bar.width()) / 4.0;
    assert!((f64::from(hits.bars[2].bar.width()) - quarter).abs() <= 1.0);
    assert_eq!(hits.bars[3].bar.width(), 0);
    // Bands tile the plot top to bottom without gaps or overlaps.
    assert_eq!(hits.bars[0].band.y0, plot.y0);
    for pair in hits.bars.windows(2) {
        assert_eq!(pair[0].band.y1, pair[1].band.y0);
    }
    assert!((hits.bars[3].band.y1 - plot.y1).abs() <= 1);
}

#[test]
fn a_click_finds_the_bar_key() {
    let (_, hits) = render_svg_with_hits(&owners(), 640, 360).unwrap();
    for hit in &hits.bars {
        let cx = f64::from(hit.band.x0 + 2);
        let cy = f64::from(hit.band.y0 + hit.band.y1) / 2.0;
        assert_eq!(hits.key_at(cx, cy), Some(hit.key.as_str()));
    }
    // The zero bar is still clickable in its row; the caption and the axes are not bars.
    let none = &hits.bars[3];
    assert_eq!(
        hits.key_at(f64::from(none.band.x1 - 5), f64::from(none.band.y0 + 3)),
        Some("none")
    );
    assert_eq!(hits.key_at(10.0, 10.0), None);
    assert_eq!(
        hits.key_at(
            f64::from(hits.plot.unwrap().x0 - 20),
            f64::from(hits.bars[0].band.y0 + 5)
        ),
        None
    );
}

#[test]
fn columns_run_left_to_right_in_month_order() {
    let (svg, hits) = render_svg_with_hits(&shutdowns(), 640, 360).unwrap();
    let keys: Vec<&str> = hits.bars.iter().map(|h| h.key.as_str()).collect();
    assert_eq!(keys, ["2021-11", "2021-12", "2022-01", "2022-02"]);
    let xs: Vec<i32> = hits.bars.iter().map(|h| h.band.x0).collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]));
    // 3 farms reach the top of a 0..3 axis; 2 are two thirds of it; the empty month is flat.
    let plot = hits.plot.unwrap();
    assert_eq!(hits.bars[3].bar.y0, plot.y0);
    let full = f64::from(hits.bars[3].bar.height());
    assert!((f64::from(hits.bars[0].bar.height()) - full * 2.0 / 3.0).abs() <= 1.0);
    assert_eq!(hits.bars[1].bar.height(), 0);
    assert!(svg.contains("\n2021-12\n"));
}

#[test]
fn many_months_thin_out_labels_but_keep_every_column() {
    let months: Vec<YearMonth> = (0..60)
        .map(|i| YearMonth {
            year: 2018 + i / 12,
            month: (i % 12) as u32 + 1,
        })
        .collect();
    let chart = Chart {
        data: BarData {
            bars: monthly_bars(&months).unwrap(),
            ..shutdowns().data
        },
        ..shutdowns()
    };
    let (svg, hits) = render_svg_with_hits(&chart, 640, 360).unwrap();
    assert_eq!(hits.bars.len(), 60);
    assert_eq!(rects_with_fill(&svg, chart.style.bar).len(), 60);
    let labelled = hits
        .bars
        .iter()
        .filter(|h| svg.contains(&format!("\n{}\n", h.key)))
        .count();
    assert!(labelled > 3 && labelled < 30, "{labelled} month labels");
}

#[test]
fn many_rows_thin_out_labels_but_keep_every_bar() {
    let bars = (0..100)
        .map(|i| Bar::new(&format!("group {i}"), f64::from(i), &i.to_string()))
        .collect();
    let chart = Chart {
        data: BarData {
            bars,
            ..owners().data
        },
        ..owners()
    };
    let (svg, hits) = render_svg_with_hits(&chart, 640, 360).unwrap();
    assert_eq!(hits.bars.len(), 100);
    let labelled = (0..100)
        .filter(|i| svg.contains(&format!("\ngroup {i}\n")))
        .count();
    assert!(labelled > 5 && labelled < 30, "{labelled} row labels");
    // The top row is always labelled.
    assert!(svg.contains("\ngroup 0\n"));
}

#[test]
fn empty_data_says_so() {
    for kind in ChartKind::ALL {
        let chart = Chart {
            kind,
            data: BarData {
                title: "Nothing".into(),
                ..BarData::default()
            },
            style: ChartStyle::default(),
        };
        let (svg, hits) = render_svg_with_hits(&chart, 300, 200).unwrap();
        assert!(svg.contains("\nNo data\n"));
        assert!(hits.bars.is_empty());
    }
}

#[test]
fn too_small_and_invalid_are_errors() {
    assert_eq!(
        render_svg(&owners(), 100, 300),
        Err(ChartError::TooSmall {
            width: 100,
            height: 300
        })
    );
    assert!(matches!(
        render_svg(&capacity(), 0, 0),
        Err(ChartError::TooSmall { .. })
    ));
    let mut bad = capacity();
    bad.data.bars[1].value = f64::NAN;
    assert!(matches!(
        render_svg(&bad, 640, 360),
        Err(ChartError::InvalidData(_))
    ));
}

#[test]
fn hostile_labels_and_sizes_do_not_panic_or_leak() {
    let long = "W".repeat(5000);
    let data = BarData {
        title: long.clone(),
        unit: "\u{0}<script>".into(),
        category: long.clone(),
        note: Some("x\ny".into()),
        bars: (0..MAX_BARS)
            .map(|i| Bar {
                unknown: u32::MAX,
                ..Bar::new(&long, i as f64 * 1e12, &i.to_string())
            })
            .collect(),
    };
    for kind in ChartKind::ALL {
        for (w, h) in [
            (MIN_WIDTH, MIN_HEIGHT),
            (161, 121),
            (200, 4000),
            (3000, 130),
        ] {
            let chart = Chart {
                kind,
                data: data.clone(),
                style: ChartStyle::default(),
            };
            let (svg, hits) = render_svg_with_hits(&chart, w, h).unwrap();
            assert!(!svg.contains("NaN") && !svg.contains('\u{0}') && !svg.contains("<script>"));
            assert!(!svg.contains(&long));
            assert_eq!(hits.bars.len(), MAX_BARS);
        }
    }
}

#[test]
fn json_round_trip_draws_the_same_chart() {
    let chart = capacity();
    let json = serde_json::to_string(&chart.data).unwrap();
    let parsed = BarData::from_json(&json).unwrap();
    assert_eq!(parsed, chart.data);
}

#[test]
fn ticks_grid_lines_and_bars_share_one_mapping() {
    // Horizontal bars: the "12" tick label, its grid line and the 12-farm bar's end coincide,
    // as do "0" and the bars' start; every tick is labelled under its grid line.
    let (svg, hits) = render_svg_with_hits(&owners(), 640, 360).unwrap();
    let plot = hits.plot.unwrap();
    let texts = svg_texts(&svg);
    let grid = svg_lines(&svg);
    let ticks = ["0", "2", "4", "6", "8", "10", "12"];
    assert_eq!(grid.len(), ticks.len());
    for (tick, line) in ticks.iter().zip(&grid) {
        let label = texts
            .iter()
            .find(|t| t.text == *tick && t.anchor == "middle" && t.y > plot.y1)
            .unwrap_or_else(|| panic!("no tick label {tick}"));
        assert_eq!((line.0, line.2), (label.x, label.x), "{tick}");
        assert_eq!((line.1, line.3), (plot.y1 - 1, plot.y0), "{tick}");
    }
    assert_eq!(grid[0].0, hits.bars[0].bar.x0);
    assert_eq!(grid[6].0, hits.bars[0].bar.x1);
    // Each row's label sits at its band's middle, right-aligned left of the plot.
    for (hit, label) in hits
        .bars
        .iter()
        .zip(["Group A holdings", "Energy trading LLP"])
    {
        let t = texts.iter().find(|t| t.text == label).unwrap();
        assert_eq!(t.anchor, "end");
        assert!(t.x < plot.x0);
        assert!(
            (t.y - (hit.band.y0 + hit.band.y1) / 2).abs() <= 1,
            "{t:?} {hit:?}"
        );
    }

    // Columns: the "3" tick, its grid line and the top of the 3-farm column coincide.
    let (svg, hits) = render_svg_with_hits(&shutdowns(), 640, 360).unwrap();
    let plot = hits.plot.unwrap();
    let texts = svg_texts(&svg);
    let grid = svg_lines(&svg);
    assert_eq!(grid.len(), 4); // 0, 1, 2, 3 farms
    for (tick, line) in ["0", "1", "2", "3"].iter().zip(&grid) {
        let label = texts
            .iter()
            .find(|t| t.text == *tick && t.anchor == "end")
            .unwrap_or_else(|| panic!("no tick label {tick}"));
        assert_eq!((line.1, line.3), (label.y, label.y), "{tick}");
        assert_eq!((line.0, line.2), (plot.x0, plot.x1 - 1), "{tick}");
    }
    assert_eq!(grid[3].1, hits.bars[3].bar.y0);
    assert_eq!(grid[0].1, hits.bars[3].bar.y1);
    for hit in &hits.bars {
        let t = texts.iter().find(|t| t.text == hit.key).unwrap();
        assert_eq!(t.x, (hit.band.x0 + hit.band.x1) / 2, "{t:?} {hit:?}");
        assert!(t.y > plot.y1);
    }
}

#[test]
fn nothing_is_drawn_outside_the_canvas() {
    let long = "Ownership group with a very long registered name".to_string();
    let mut charts = vec![owners(), capacity(), shutdowns()];
    for base in [owners(), capacity(), shutdowns()] {
        let mut chart = base;
        for bar in &mut chart.data.bars {
            bar.label = long.clone();
        }
        chart.data.category = long.clone();
        chart.data.unit = long.clone();
        charts.push(chart);
    }
    for chart in &charts {
        for (w, h) in [
            (640, 360),
            (300, 360),
            (300, 200),
            (MIN_WIDTH, MIN_HEIGHT),
            (1280, 720),
        ] {
            let svg = render_svg(chart, w, h).unwrap();
            let (w, h) = (w as i32, h as i32);
            for (x, y) in svg_points(&svg) {
                assert!(
                    (0..=w).contains(&x) && (0..=h).contains(&y),
                    "{:?} {w}×{h}: ({x}, {y})",
                    chart.kind
                );
            }
            for t in svg_texts(&svg) {
                assert!(
                    (0..=w).contains(&t.x) && (0..=h).contains(&t.y),
                    "{:?} {w}×{h}: {t:?}",
                    chart.kind
                );
                // Right-aligned labels (rows, value ticks) start inside the canvas.
                if t.anchor == "end" {
                    assert!(t.x - label_width(&t.text) >= 0, "{w}×{h}: {t:?}");
                }
            }
        }
    }
}

#[test]
fn long_labels_and_descriptions_are_cut_to_their_room_not_the_bars() {
    let long = "Ownership group with a very long registered name";
    let mut chart = owners();
    // Rows of long labels; with an odd count the middle row is beside the description.
    for (rows, category, width, height) in [
        (4_u32, "category ".repeat(10), 300, 360),
        (4, "category ".repeat(10), 640, 360),
        (5, "owner".to_string(), 300, 600),
    ] {
        chart.data.bars = (0..rows)
            .map(|i| Bar::new(long, f64::from(i), &i.to_string()))
            .collect();
        chart.data.category = category;
        let (svg, hits) = render_svg_with_hits(&chart, width, height).unwrap();
        let plot = hits.plot.unwrap();
        // The label area takes at most 2/5 of the width: the bars keep the rest.
        assert!(plot.x0 <= width as i32 * 2 / 5 + 8, "{plot:?}");
        let texts = svg_texts(&svg);
        let labels: Vec<&SvgText> = texts.iter().filter(|t| t.text.starts_with("Own")).collect();
        assert_eq!(labels.len(), rows as usize);
        let desc = texts.iter().find(|t| t.rotated).unwrap();
        let (desc_len, line) = (label_width(&desc.text), 14);
        let mut beside = 0;
        for row in labels {
            assert!(
                row.text.ends_with('…') && row.text.len() < long.len(),
                "{row:?}"
            );
            // Inside the margin; in the rows the description spans, clear of it too.
            let start = row.x - label_width(&row.text);
            assert!(start >= 8, "{row:?}");
            if (row.y - desc.y).abs() < (desc_len + line) / 2 {
                assert!(start >= desc.x + line, "{row:?} {desc:?}");
                beside += 1;
            }
        }
        assert!(beside >= 1, "{desc:?}");
        // The description is no longer than the plot is high.
        assert!(desc_len <= plot.y1 - plot.y0, "{desc:?} {plot:?}");
    }
    // Labels that fit are drawn whole.
    let svg = render_svg(&owners(), 640, 360).unwrap();
    assert!(svg.contains("\nEnergy trading LLP\n"));
}
