//! Saved layouts: `{"positions": {id: [x, y]}}`, as the story file's `layout` object
//! stores them. Positions are keyed by node id, so a story stays valid when nodes are
//! added or reordered; a complete saved layout is shown as it is, without simulating.

use super::layout::Phase;
use super::NetworkView;
use crate::import::ImportError;
use serde_json::{Map, Value};

/// What applying a saved layout did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    /// Shown nodes that got a saved position.
    pub placed: usize,
    /// Problems with single entries (the entry is skipped), as messages naming the id.
    pub warnings: Vec<String>,
}

impl NetworkView {
    /// The shown nodes' positions as a story `layout` object.
    pub fn layout_json(&self) -> Value {
        let mut positions = Map::new();
        let pos = &self.layout.pos;
        for (k, &n) in self.slots.nodes().iter().enumerate() {
            let (x, y) = (pos[2 * k], pos[2 * k + 1]);
            if x.is_finite() && y.is_finite() {
                positions.insert(
                    self.network.nodes[n as usize].id.clone(),
                    Value::from(vec![round4(x), round4(y)]),
                );
            }
        }
        let mut out = Map::new();
        out.insert("positions".into(), Value::Object(positions));
        Value::Object(out)
    }

    /// Apply a `layout` object. Every shown node placed: the layout is final (no
    /// simulation). Some placed: those start there and the layout runs on.
    pub fn set_layout(&mut self, layout: &Value) -> Result<Applied, String> {
        let positions = layout
            .get("positions")
            .and_then(Value::as_object)
            .ok_or("must be {\"positions\": {\"node id\": [x, y], …}}")?;
        let mut applied = Applied::default();
        let mut xy = self.layout.pos.clone();
        let mut placed = vec![false; self.slots.len()];
        for (id, v) in positions {
            let pair = v.as_array().and_then(|a| match a.as_slice() {
                [x, y] => Some((x.as_f64()?, y.as_f64()?)),
                _ => None,
            });
            let Some((x, y)) = pair.filter(|(x, y)| x.is_finite() && y.is_finite()) else {
                applied.warnings.push(format!(
                    "position of \"{id}\" must be [x, y] with two numbers"
                ));
                continue;
            };
            let Some(k) = self.node_index(id).and_then(|n| self.slots.slot_of(n)) else {
                applied.warnings.push(format!(
                    "\"{id}\" is not a node with a tie in this network; its position is ignored"
                ));
                continue;
            };
            (xy[2 * k], xy[2 * k + 1]) = (x, y);
            if !placed[k] {
                placed[k] = true;
                applied.placed += 1;
            }
        }
        if applied.placed == 0 {
            return Ok(applied);
        }
        self.layout.set_positions(xy)?;
        self.layout.phase = if applied.placed == self.slots.len() {
            Phase::Settled
        } else {
            Phase::Layout
        };
        self.fit();
        Ok(applied)
    }

    /// Read the `layout` object of a story file's text, if it has one; problems come back
    /// as warnings naming the file (the layout is then simulated as usual).
    pub fn apply_story_layout(&mut self, file: &str, story_json: &str) -> Vec<ImportError> {
        let Ok(root) = serde_json::from_str::<Value>(story_json.trim_start_matches('\u{feff}'))
        else {
            return Vec::new(); // the story parser already named the JSON error
        };
        let Some(layout) = root.get("layout") else {
            return Vec::new();
        };
        let warn = |m: String| {
            ImportError {
                column: Some("layout".into()),
                ..ImportError::file(file, m)
            }
            .warning()
        };
        match self.set_layout(layout) {
            Ok(a) => a.warnings.into_iter().map(warn).collect(),
            Err(m) => vec![warn(m)],
        }
    }
}

/// Four decimals: layouts span tens of units, so this is far below a pixel and keeps the
/// story file readable.
fn round4(v: f64) -> f64 {
    (v * 1e4).round() / 1e4
}
