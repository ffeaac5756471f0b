//! Saved layouts: positions keyed by node id, so a story stays valid when nodes are added
//! or reordered; a complete saved layout is shown as it is, without simulating. The file
//! format (`{"positions": {id: [x, y]}}` in the story file) is read and written in
//! [`crate::story`]'s `layout` module; the app passes the parsed positions here.

use super::layout::Phase;
use super::NetworkView;

/// What placing saved positions did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    /// Shown nodes that got a saved position.
    pub placed: usize,
    /// Positions that could not be used (the entry is skipped), as messages naming the id.
    pub warnings: Vec<String>,
}

impl NetworkView {
    /// The shown nodes' layout positions by node id, in shown order (finite ones only).
    pub fn positions_by_id(&self) -> Vec<(String, [f64; 2])> {
        let pos = &self.layout.pos;
        self.slots
            .nodes()
            .iter()
            .enumerate()
            .map(|(k, &n)| (n, pos[2 * k], pos[2 * k + 1]))
            .filter(|(_, x, y)| x.is_finite() && y.is_finite())
            .map(|(n, x, y)| (self.network.nodes[n as usize].id.clone(), [x, y]))
            .collect()
    }

    /// Put nodes at saved layout positions. Every shown node placed: the layout is final
    /// (no simulation). Some placed: those start there and the layout runs on. An id that
    /// is not a shown node, or a position that is not finite, is skipped with a warning;
    /// `Err` when the layout refuses the positions.
    pub fn place(&mut self, positions: &[(String, [f64; 2])]) -> Result<Applied, String> {
        let mut applied = Applied::default();
        let mut xy = self.layout.pos.clone();
        let mut placed = vec![false; self.slots.len()];
        for (id, [x, y]) in positions {
            if !(x.is_finite() && y.is_finite()) {
                applied.warnings.push(format!(
                    "position of \"{id}\" must be [x, y] with two numbers"
                ));
                continue;
            }
            let Some(k) = self.node_index(id).and_then(|n| self.slots.slot_of(n)) else {
                applied.warnings.push(format!(
                    "\"{id}\" is not a node with a tie in this network; its position is ignored"
                ));
                continue;
            };
            (xy[2 * k], xy[2 * k + 1]) = (*x, *y);
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
}
