//! The draw list: what a frame paints, in screen CSS pixels, batched by style.
//!
//! The scene decides *what* and *where*; the painter (src/web/) only replays these batches on
//! a canvas, one path and one fill per batch. Keeping it a plain data structure lets native
//! tests check pixels without a browser.

/// How a batch of shapes is filled and stroked. Colours are CSS strings built once.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub fill: Option<&'static str>,
    pub stroke: Option<&'static str>,
    pub line_width: f32,
    /// Dash and gap lengths in CSS pixels; `None` for solid lines.
    pub dash: Option<[f32; 2]>,
    pub alpha: f32,
}

impl Style {
    pub const fn fill(color: &'static str) -> Style {
        Style {
            fill: Some(color),
            stroke: None,
            line_width: 0.0,
            dash: None,
            alpha: 1.0,
        }
    }

    pub const fn stroke(color: &'static str, width: f32) -> Style {
        Style {
            fill: None,
            stroke: Some(color),
            line_width: width,
            dash: None,
            alpha: 1.0,
        }
    }

    pub const fn with_stroke(self, color: &'static str, width: f32) -> Style {
        Style {
            stroke: Some(color),
            line_width: width,
            ..self
        }
    }

    pub const fn dashed(self, on: f32, off: f32) -> Style {
        Style {
            dash: Some([on, off]),
            ..self
        }
    }

    pub const fn alpha(self, alpha: f32) -> Style {
        Style { alpha, ..self }
    }
}

/// How a batch of labels is written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextStyle {
    /// A CSS font shorthand.
    pub font: &'static str,
    pub fill: &'static str,
    /// A light outline under the text so it reads over any background.
    pub halo: Option<&'static str>,
    /// "left", "center" or "right".
    pub align: &'static str,
}

/// One batch. Index ranges point into the shared buffers of [`DrawList`].
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Polygons (filled with the even-odd rule, so holes work) or polylines.
    Paths {
        style: Style,
        paths: std::ops::Range<u32>,
        closed: bool,
    },
    /// Circles from `circles[range]` (x, y, r triplets).
    Circles {
        style: Style,
        circles: std::ops::Range<u32>,
    },
    /// Ring segments from `wedges[range]`: x, y, inner r, outer r, start and end angle.
    Wedges {
        style: Style,
        wedges: std::ops::Range<u32>,
    },
    /// Labels from `labels[range]`.
    Labels {
        style: TextStyle,
        labels: std::ops::Range<u32>,
    },
    /// Raster tiles from `tiles[range]`, drawn as images when loaded.
    Tiles { tiles: std::ops::Range<u32> },
}

/// A raster tile to draw: its address and where it lands on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct Tile {
    pub url: String,
    pub x: f32,
    pub y: f32,
    pub size: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub x: f32,
    pub y: f32,
    pub text: String,
}

/// A frame's worth of drawing.
#[derive(Clone, Debug, Default)]
pub struct DrawList {
    pub ops: Vec<Op>,
    /// Path vertices, x y interleaved.
    pub path_xy: Vec<f32>,
    /// Path i is vertices `path_starts[i] .. path_starts[i + 1]`.
    pub path_starts: Vec<u32>,
    pub circles: Vec<[f32; 3]>,
    pub wedges: Vec<[f32; 6]>,
    pub labels: Vec<Label>,
    pub tiles: Vec<Tile>,
}

impl DrawList {
    pub fn clear(&mut self) {
        self.ops.clear();
        self.path_xy.clear();
        self.path_starts.clear();
        self.path_starts.push(0);
        self.circles.clear();
        self.wedges.clear();
        self.labels.clear();
        self.tiles.clear();
    }

    pub fn path_count(&self) -> u32 {
        self.path_starts.len().saturating_sub(1) as u32
    }

    /// Close the current path (vertices pushed since the last call).
    pub fn end_path(&mut self) {
        if self.path_starts.is_empty() {
            self.path_starts.push(0);
        }
        self.path_starts.push((self.path_xy.len() / 2) as u32);
    }

    pub fn path(&self, i: u32) -> &[f32] {
        let i = i as usize;
        &self.path_xy[2 * self.path_starts[i] as usize..2 * self.path_starts[i + 1] as usize]
    }

    /// Append a batch, skipping empty ones so the painter never sets a style for nothing.
    pub fn push_paths(&mut self, style: Style, first: u32, closed: bool) {
        let end = self.path_count();
        if end > first {
            self.ops.push(Op::Paths {
                style,
                paths: first..end,
                closed,
            });
        }
    }

    pub fn push_circles(&mut self, style: Style, circles: &[[f32; 3]]) {
        if circles.is_empty() {
            return;
        }
        let first = self.circles.len() as u32;
        self.circles.extend_from_slice(circles);
        self.ops.push(Op::Circles {
            style,
            circles: first..self.circles.len() as u32,
        });
    }

    pub fn push_wedges(&mut self, style: Style, wedges: &[[f32; 6]]) {
        if wedges.is_empty() {
            return;
        }
        let first = self.wedges.len() as u32;
        self.wedges.extend_from_slice(wedges);
        self.ops.push(Op::Wedges {
            style,
            wedges: first..self.wedges.len() as u32,
        });
    }

    pub fn push_tiles(&mut self, tiles: Vec<Tile>) {
        if tiles.is_empty() {
            return;
        }
        let first = self.tiles.len() as u32;
        self.tiles.extend(tiles);
        self.ops.push(Op::Tiles {
            tiles: first..self.tiles.len() as u32,
        });
    }

    pub fn push_labels(&mut self, style: TextStyle, labels: Vec<Label>) {
        if labels.is_empty() {
            return;
        }
        let first = self.labels.len() as u32;
        self.labels.extend(labels);
        self.ops.push(Op::Labels {
            style,
            labels: first..self.labels.len() as u32,
        });
    }
}
