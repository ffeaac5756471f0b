//! A draw list as SVG, for print and social cards: the same frame the canvas shows, with a
//! title, the source line and the map attribution underneath.

use super::draw::{DrawList, Op, Style, TextStyle};
use std::fmt::Write;

/// Escape text for SVG content and attributes: data text is never markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn style_attrs(s: &Style) -> String {
    let mut a = String::new();
    let _ = write!(a, " fill=\"{}\"", s.fill.unwrap_or("none"));
    if let Some(stroke) = s.stroke {
        let _ = write!(a, " stroke=\"{stroke}\" stroke-width=\"{}\"", s.line_width);
        if let Some([on, off]) = s.dash {
            let _ = write!(a, " stroke-dasharray=\"{on} {off}\"");
        }
    }
    if s.alpha < 1.0 {
        let _ = write!(a, " opacity=\"{:.3}\"", s.alpha);
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
        " font-family=\"sans-serif\" font-size=\"{size}\"{weight}{italic} text-anchor=\"{anchor}\""
    )
}

/// Lines under the map: title above, source and attribution below.
pub struct Caption<'a> {
    pub title: &'a str,
    pub source: &'a str,
    pub attribution: &'a str,
}

/// Render `d` (a `width` × `height` CSS-pixel frame) with its caption.
pub fn to_svg(d: &DrawList, width: f64, height: f64, caption: &Caption) -> String {
    let (top, bottom) = (34.0, 40.0);
    let total = height + top + bottom;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{total}\" viewBox=\"0 0 {width} {total}\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\
         <text x=\"8\" y=\"23\" font-family=\"sans-serif\" font-size=\"17\" font-weight=\"bold\">{}</text>\
         <defs><clipPath id=\"map\"><rect width=\"{width}\" height=\"{height}\"/></clipPath></defs>\
         <g transform=\"translate(0 {top})\" clip-path=\"url(#map)\">",
        escape(caption.title)
    );
    for op in &d.ops {
        match op {
            Op::Paths {
                style,
                paths,
                closed,
            } => {
                let mut path = String::new();
                for i in paths.clone() {
                    for (k, p) in d.path(i).chunks_exact(2).enumerate() {
                        let _ = write!(
                            path,
                            "{}{:.1} {:.1}",
                            if k == 0 { "M" } else { "L" },
                            p[0],
                            p[1]
                        );
                    }
                    if *closed {
                        path.push('Z');
                    }
                }
                let rule = if *closed {
                    " fill-rule=\"evenodd\""
                } else {
                    ""
                };
                let _ = write!(out, "<path d=\"{path}\"{}{rule}/>", style_attrs(style));
            }
            Op::Circles { style, circles } => {
                let _ = write!(out, "<g{}>", style_attrs(style));
                for c in &d.circles[circles.start as usize..circles.end as usize] {
                    let _ = write!(
                        out,
                        "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\"/>",
                        c[0], c[1], c[2]
                    );
                }
                out.push_str("</g>");
            }
            Op::Wedges { style, wedges } => {
                let _ = write!(out, "<g{}>", style_attrs(style));
                for w in &d.wedges[wedges.start as usize..wedges.end as usize] {
                    let [x, y, r0, r1, a0, a1] = *w;
                    let large = if a1 - a0 > std::f32::consts::PI { 1 } else { 0 };
                    let p = |r: f32, a: f32| (x + r * a.cos(), y + r * a.sin());
                    let (o0, o1, i1, i0) = (p(r1, a0), p(r1, a1), p(r0, a1), p(r0, a0));
                    let _ = write!(
                        out,
                        "<path d=\"M{:.1} {:.1}A{r1} {r1} 0 {large} 1 {:.1} {:.1}L{:.1} {:.1}A{r0} {r0} 0 {large} 0 {:.1} {:.1}Z\"/>",
                        o0.0, o0.1, o1.0, o1.1, i1.0, i1.1, i0.0, i0.1
                    );
                }
                out.push_str("</g>");
            }
            // Raster tiles stay out of the export: it must not depend on another site.
            Op::Tiles { .. } => {}
            Op::Labels { style, labels } => {
                let halo = style.halo.map_or(String::new(), |h| {
                    format!(" stroke=\"{h}\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\"")
                });
                let _ = write!(
                    out,
                    "<g fill=\"{}\"{}{halo}>",
                    style.fill,
                    font_attrs(style)
                );
                for l in &d.labels[labels.start as usize..labels.end as usize] {
                    let _ = write!(
                        out,
                        "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                        l.x,
                        l.y,
                        escape(&l.text)
                    );
                }
                out.push_str("</g>");
            }
        }
    }
    let _ = write!(
        out,
        "</g><text x=\"8\" y=\"{:.1}\" font-family=\"sans-serif\" font-size=\"12\" fill=\"#333\">{}</text>\
         <text x=\"8\" y=\"{:.1}\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#555\">{}</text></svg>",
        top + height + 17.0,
        escape(caption.source),
        top + height + 33.0,
        escape(caption.attribution)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basemap::Basemap;
    use crate::model::Farm;
    use crate::scene::map::MapView;

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
    }
}
