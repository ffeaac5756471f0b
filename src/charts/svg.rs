//! SVG output, for the snapshot tests and for exporting a chart as a file.

use plotters::prelude::{IntoDrawingArea, SVGBackend};

use super::{Chart, ChartError, ChartHits};

/// The chart as an SVG document of `width` × `height` pixels.
pub fn render_svg(chart: &Chart, width: u32, height: u32) -> Result<String, ChartError> {
    render_svg_with_hits(chart, width, height).map(|(svg, _)| svg)
}

pub fn render_svg_with_hits(
    chart: &Chart,
    width: u32,
    height: u32,
) -> Result<(String, ChartHits), ChartError> {
    let mut svg = String::new();
    let hits = {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        chart.kind.draw(&root, &chart.data, &chart.style)?
        // The backend writes the closing tag when dropped, at the end of this block.
    };
    Ok((svg, hits))
}
