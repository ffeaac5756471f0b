//! A draw list as SVG, for print and social cards: the same frame the canvas shows, with a
//! title, the source line and the map attribution underneath.

use super::draw::{DrawList, Label, Op, Style, TextStyle};
use crate::json::{Fixed, Plain, Plain32};
use std::fmt::Write;

/// `v` to a tenth, as `{:.1}` writes it.
fn tenth(v: f32) -> Fixed {
    Fixed(f64::from(v), 1)
}

/// Escape text for SVG content and attributes: data text is never markup, and the export
/// is always well-formed XML. `&<>"'` become entities; characters XML 1.0 does not allow
/// (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF) are dropped. Tab, line
/// feed and carriage return are kept.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if !xml_allows(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 allows `c` in a document (lone surrogates cannot be in a Rust string).
fn xml_allows(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
}

fn style_attrs(s: &Style) -> String {
    let mut a = String::new();
    let _ = write!(a, " fill=\"{}\"", escape(s.fill.unwrap_or("none")));
    if let Some(stroke) = s.stroke {
        let _ = write!(
            a,
            " stroke=\"{}\" stroke-width=\"{}\"",
            escape(stroke),
            Plain32(s.line_width)
        );
        if let Some([on, off]) = s.dash {
            let (on, off) = (Plain32(on), Plain32(off));
            let _ = write!(a, " stroke-dasharray=\"{on} {off}\"");
        }
    }
    if s.alpha < 1.0 {
        let _ = write!(a, " opacity=\"{}\"", Fixed(f64::from(s.alpha), 3));
    }
    a
}

fn font_attrs(t: &TextStyle) -> String {
    let size = t
        .font
        .split_whitespace()
        .find_map(|w| w.strip_suffix("px"))
        .unwrap_or("12");
    let weight = if t.font.contains("bold") {
        " font-weight=\"bold\""
    } else {
        ""
    };
    let italic = if t.font.contains("italic") {
        " font-style=\"italic\""
    } else {
        ""
    };
    let anchor = match t.align {
        "center" => "middle",
        "right" => "end",
        _ => "start",
    };
    format!(
        " font-family=\"sans-serif\" font-size=\"{}\"{weight}{italic} text-anchor=\"{anchor}\"",
        escape(size)
    )
}

/// Lines under the map: title above, source and attribution below.
pub struct Caption<'a> {
    pub title: &'a str,
    pub source: &'a str,
    pub attribution: &'a str,
    /// The page's colours (the theme's: [`crate::scene::style::Palette::page`]).
    pub page: Page,
}

/// The colours of the page around the map: its ground, the title (`None`: SVG's default
/// black), the source line and the attribution line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Page {
    pub ground: &'static str,
    pub title: Option<&'static str>,
    pub source: &'static str,
    pub attribution: &'static str,
}

/// Room above the map for the title, and below it for the source and attribution (CSS px).
const CAPTION_TOP: f64 = 34.0;
const CAPTION_BOTTOM: f64 = 40.0;

/// The height of the picture [`to_svg`] writes for a map `height` CSS px high: the map plus
/// the caption's room above and below.
///
/// # Examples
/// ```
/// assert_eq!(farmmap::scene::svg::captioned_height(500.0), 574.0);
/// ```
pub fn captioned_height(height: f64) -> f64 {
    height + CAPTION_TOP + CAPTION_BOTTOM
}

/// Render `d` (a `width` × `height` CSS-pixel frame) with its caption.
pub fn to_svg(d: &DrawList, width: f64, height: f64, caption: &Caption) -> String {
    let mut out = String::new();
    write_head(&mut out, width, height, caption);
    for op in &d.ops {
        write_op(&mut out, d, op);
    }
    write_foot(&mut out, height, caption);
    out
}

/// The root element, the white page, the title and the map's clipped group (left open).
fn write_head(out: &mut String, width: f64, height: f64, caption: &Caption) {
    let total = Plain(height + CAPTION_TOP + CAPTION_BOTTOM);
    let (top, width, height) = (Plain(CAPTION_TOP), Plain(width), Plain(height));
    let title_fill = caption
        .page
        .title
        .map(|c| format!(" fill=\"{}\"", escape(c)))
        .unwrap_or_default();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{total}\" viewBox=\"0 0 {width} {total}\">\
         <rect width=\"100%\" height=\"100%\" fill=\"{}\"/>\
         <text x=\"8\" y=\"23\" font-family=\"sans-serif\" font-size=\"17\" font-weight=\"bold\"{title_fill}>{}</text>\
         <defs><clipPath id=\"map\"><rect width=\"{width}\" height=\"{height}\"/></clipPath></defs>\
         <g transform=\"translate(0 {top})\" clip-path=\"url(#map)\">",
        escape(caption.page.ground),
        escape(caption.title)
    );
}

/// Close the map's group; the source and attribution lines under it; close the root.
fn write_foot(out: &mut String, height: f64, caption: &Caption) {
    let below = CAPTION_TOP + height;
    let _ = write!(
        out,
        "</g><text x=\"8\" y=\"{}\" font-family=\"sans-serif\" font-size=\"12\" fill=\"{}\">{}</text>\
         <text x=\"8\" y=\"{}\" font-family=\"sans-serif\" font-size=\"11\" fill=\"{}\">{}</text></svg>",
        Fixed(below + 17.0, 1),
        escape(caption.page.source),
        escape(caption.source),
        Fixed(below + 33.0, 1),
        escape(caption.page.attribution),
        escape(caption.attribution)
    );
}

/// One draw-list operation as SVG.
fn write_op(out: &mut String, d: &DrawList, op: &Op) {
    match op {
        Op::Paths {
            style,
            paths,
            closed,
        } => write_paths(out, d, paths.clone(), *closed, style),
        Op::Circles { style, circles } => {
            let _ = write!(out, "<g{}>", style_attrs(style));
            for c in &d.circles[circles.start as usize..circles.end as usize] {
                let _ = write!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
                    tenth(c[0]),
                    tenth(c[1]),
                    tenth(c[2])
                );
            }
            out.push_str("</g>");
        }
        Op::Wedges { style, wedges } => {
            let _ = write!(out, "<g{}>", style_attrs(style));
            for w in &d.wedges[wedges.start as usize..wedges.end as usize] {
                write_wedge(out, *w);
            }
            out.push_str("</g>");
        }
        // Raster tiles stay out of the export: it must not depend on another site.
        Op::Tiles { .. } => {}
        Op::Labels { style, labels } => write_labels(
            out,
            &d.labels[labels.start as usize..labels.end as usize],
            style,
        ),
    }
}

/// A batch of paths as one `<path>` (even-odd fill when closed), to a tenth of a pixel:
/// each path's first point absolute, the rest relative (`l`), every number in its shortest
/// form (`1.4`, `-.8`, `3`), and a point that rounds onto the one before it left out. The
/// demo's poster (`scripts/data/build_posters.sh`) was 185,230 B (65,150 gzip) with absolute
/// `M412.8 393.0L414.2 392.2…`, and is 109,477 B (35,932 gzip) so; the path read back is the
/// input rounded to 0.1 px (tested).
fn write_paths(
    out: &mut String,
    d: &DrawList,
    paths: std::ops::Range<u32>,
    closed: bool,
    style: &Style,
) {
    let mut path = String::new();
    for i in paths {
        let mut last: Option<[i64; 2]> = None;
        for p in d.path(i).chunks_exact(2) {
            let q = [tenths(p[0]), tenths(p[1])];
            match last {
                None => {
                    path.push('M');
                    push_tenths(&mut path, q[0]);
                    push_tenths(&mut path, q[1]);
                    path.push('l');
                }
                Some(l) if l == q => continue,
                Some(l) => {
                    push_tenths(&mut path, q[0] - l[0]);
                    push_tenths(&mut path, q[1] - l[1]);
                }
            }
            last = Some(q);
        }
        if path.ends_with('l') {
            path.pop(); // a path of one point
        }
        if closed && last.is_some() {
            path.push('Z');
        }
    }
    let rule = if closed { " fill-rule=\"evenodd\"" } else { "" };
    let _ = write!(out, "<path d=\"{path}\"{}{rule}/>", style_attrs(style));
}

/// `v` in tenths of a pixel (saturating; a draw list holds finite numbers).
fn tenths(v: f32) -> i64 {
    (f64::from(v) * 10.0).round() as i64
}

/// `t` tenths as a path number, shortest (`14` → `1.4`, `-8` → `-.8`, `30` → `3`), after a
/// space unless a command letter or its own minus sign separates it.
fn push_tenths(path: &mut String, t: i64) {
    if t >= 0 && !path.ends_with(|c: char| c.is_ascii_alphabetic()) {
        path.push(' ');
    }
    if t < 0 {
        path.push('-');
    }
    let (whole, tenth) = (t.unsigned_abs() / 10, t.unsigned_abs() % 10);
    if whole > 0 || tenth == 0 {
        let _ = write!(path, "{whole}");
    }
    if tenth > 0 {
        let _ = write!(path, ".{tenth}");
    }
}

/// One donut wedge `[x, y, inner r, outer r, start angle, end angle]` as a closed path.
fn write_wedge(out: &mut String, [x, y, r0, r1, a0, a1]: [f32; 6]) {
    let large = if a1 - a0 > std::f32::consts::PI { 1 } else { 0 };
    // In f64: the map's other trigonometry is f64, so f32's sinf/cosf stay out of the wasm.
    let p = |r: f32, a: f32| {
        let a = f64::from(a);
        (x + r * a.cos() as f32, y + r * a.sin() as f32)
    };
    let (o0, o1, i1, i0) = (p(r1, a0), p(r1, a1), p(r0, a1), p(r0, a0));
    let (r0, r1) = (Plain32(r0), Plain32(r1));
    let _ = write!(
        out,
        "<path d=\"M{} {}A{r1} {r1} 0 {large} 1 {} {}L{} {}A{r0} {r0} 0 {large} 0 {} {}Z\"/>",
        tenth(o0.0),
        tenth(o0.1),
        tenth(o1.0),
        tenth(o1.1),
        tenth(i1.0),
        tenth(i1.1),
        tenth(i0.0),
        tenth(i0.1)
    );
}

/// A batch of labels in one group carrying the font, fill and halo.
fn write_labels(out: &mut String, labels: &[Label], style: &TextStyle) {
    let halo = style.halo.map_or(String::new(), |h| {
        format!(
            " stroke=\"{}\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\"",
            escape(h)
        )
    });
    let _ = write!(
        out,
        "<g fill=\"{}\"{}{halo}>",
        escape(style.fill),
        font_attrs(style)
    );
    for l in labels {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            tenth(l.x),
            tenth(l.y),
            escape(&l.text)
        );
    }
    out.push_str("</g>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basemap::Basemap;
    use crate::model::Farm;
    use crate::scene::map::MapView;

    /// The points of an `M…l…Z` path in tenths of a pixel, one list per subpath.
    fn decode(d: &str) -> Vec<Vec<[i64; 2]>> {
        let (mut out, mut nums, mut cmd): (Vec<Vec<[i64; 2]>>, Vec<i64>, char) =
            (vec![], vec![], ' ');
        let b = d.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i] as char;
            if c == 'M' || c == 'l' || c == 'Z' {
                cmd = c;
                if c == 'M' {
                    out.push(vec![]);
                }
                i += 1;
            } else if c == ' ' {
                i += 1;
            } else {
                let start = i;
                i += usize::from(c == '-');
                while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
                    i += 1;
                }
                let v: f64 = d[start..i].parse().unwrap();
                nums.push((v * 10.0).round() as i64);
                if nums.len() == 2 {
                    let sub = out.last_mut().unwrap();
                    let at = match (cmd, sub.last()) {
                        ('l', Some(p)) => [p[0] + nums[0], p[1] + nums[1]],
                        _ => [nums[0], nums[1]],
                    };
                    sub.push(at);
                    nums.clear();
                }
            }
        }
        out
    }

    #[test]
    fn paths_read_back_as_their_points_to_a_tenth_of_a_pixel() {
        let mut v = MapView::new(Basemap::embedded());
        v.resize(700.0, 500.0);
        v.camera = v.home_camera();
        v.frame(0.0);
        let d = v.draw_list();
        let mut checked = 0;
        for op in &d.ops {
            let Op::Paths {
                style,
                paths,
                closed,
            } = op
            else {
                continue;
            };
            let mut svg = String::new();
            write_paths(&mut svg, d, paths.clone(), *closed, style);
            let attr = svg.split("d=\"").nth(1).unwrap().split('"').next().unwrap();
            let mut want = vec![];
            for i in paths.clone() {
                let mut pts: Vec<[i64; 2]> = vec![];
                for p in d.path(i).chunks_exact(2) {
                    let q = [tenths(p[0]), tenths(p[1])];
                    if pts.last() != Some(&q) {
                        pts.push(q);
                    }
                }
                if !pts.is_empty() {
                    want.push(pts);
                }
            }
            checked += want.iter().map(Vec::len).sum::<usize>();
            assert_eq!(decode(attr), want);
            assert_eq!(
                attr.matches('Z').count(),
                if *closed { want.len() } else { 0 }
            );
        }
        assert!(checked > 1_000, "{checked} points");
    }

    #[test]
    fn numbers_are_written_shortest() {
        let mut s = String::from("l");
        for t in [14, -8, 30, 0, 5, -15, -30, 7] {
            push_tenths(&mut s, t);
        }
        assert_eq!(s, "l1.4-.8 3 0 .5-1.5-3 .7");
    }

    #[test]
    fn the_export_carries_the_frame_title_source_and_attribution() {
        let mut v = MapView::new(Basemap::embedded());
        v.resize(640.0, 400.0);
        v.set_farms(vec![Farm::at("x", 75.3, 51.7)]);
        v.camera = v.home_camera();
        v.frame(0.0);
        let caption = Caption {
            title: "Farms <&> owners",
            source: "Source: Eurasianet",
            attribution: "Made with Natural Earth · GeoNames CC BY 4.0",
            page: crate::scene::style::LIGHT.page,
        };
        let svg = to_svg(v.draw_list(), 640.0, 400.0, &caption);
        assert!(svg
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"474\""));
        assert!(svg.contains("Farms &lt;&amp;&gt; owners"));
        assert!(svg.contains("Source: Eurasianet") && svg.contains("Made with Natural Earth"));
        // as many circles as the draw list has
        assert_eq!(svg.matches("<circle").count(), v.draw_list().circles.len());
        // every label, plus title, source and attribution
        assert_eq!(
            svg.matches("</text>").count(),
            v.draw_list().labels.len() + 3
        );
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(escape("<script>\"'&"), "&lt;script&gt;&quot;&#39;&amp;");
        assert_eq!(
            escape("a\u{0}b\u{b}\u{c}\u{1f}\u{fffe}\u{ffff}c\t\n\r"),
            "abc\t\n\r"
        );
    }

    /// Every character XML 1.0 forbids, and markup that would break out of text, a
    /// comment, a CDATA section or an attribute.
    const HOSTILE: &str = "\u{0}\u{1}\u{8}\u{b}\u{c}\u{e}\u{1f}\u{fffe}\u{ffff} ]]> <!-- --> <![CDATA[ \"'& </text></svg> &amp; \u{10ffff}";

    #[test]
    fn a_hostile_caption_and_hostile_names_still_give_valid_xml() {
        let mut v = MapView::new(Basemap::embedded());
        v.resize(640.0, 400.0);
        let mut farm = Farm::at("x", 75.3, 51.7);
        farm.name = format!("farm {HOSTILE}");
        v.set_farms(vec![farm]);
        v.camera = v.home_camera();
        v.frame(0.0);
        let mut d = v.draw_list().clone();
        d.push_labels(
            TextStyle {
                font: "bold 12px sans-serif",
                fill: "#333",
                halo: Some("#fff"),
                align: "left",
            },
            vec![Label {
                x: 10.0,
                y: 10.0,
                text: format!("label {HOSTILE}"),
            }],
        );
        let title = format!("title {HOSTILE}");
        let source = format!("Source: {HOSTILE}");
        let attribution = format!("Tiles: {HOSTILE}");
        let caption = Caption {
            title: &title,
            source: &source,
            attribution: &attribution,
            page: crate::scene::style::DARK.page,
        };
        let svg = to_svg(&d, 640.0, 400.0, &caption);
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}"));
        let texts: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(str::to_string))
            .collect();
        // What the reader sees: the same text, less the characters XML cannot carry.
        let clean = " ]]> <!-- --> <![CDATA[ \"'& </text></svg> &amp; \u{10ffff}";
        for head in ["title", "Source:", "Tiles:", "label"] {
            let want = format!("{head} {clean}");
            assert!(texts.contains(&want), "{want:?} not in {texts:?}");
        }
        assert_eq!(doc.root_element().tag_name().name(), "svg");
    }
}
