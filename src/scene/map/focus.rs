//! Keyboard focus on the map's markers: the shared walk of [`crate::scene::focus`] over the
//! markers of the last frame, and keeping focus on the same farm or cluster from one frame
//! to the next (markers are rebuilt every frame, so their indices move).

use super::markers::Marker;
use super::MapView;
use crate::scene::focus;

impl MapView {
    /// Move keyboard focus `step` markers on (reading order: top-to-bottom, left-to-right).
    /// Returns false when it would leave the map, so Tab can move on to the next control.
    pub fn move_focus(&mut self, step: i32) -> bool {
        let points: Vec<[f32; 2]> = self.markers.iter().map(|m| [m.x, m.y]).collect();
        let (w, h) = (self.camera.width as f32, self.camera.height as f32);
        self.focus = focus::move_focus(&points, w, h, self.focus, step);
        self.focus.is_some()
    }

    /// The focused marker.
    pub fn focused(&self) -> Option<Marker> {
        self.focus.and_then(|i| self.markers.get(i)).copied()
    }

    /// After the markers are rebuilt: focus the marker of the same farm or cluster as
    /// `before`, wherever it now sits (none when it left the screen).
    pub(super) fn keep_focus_on(&mut self, before: Option<Marker>) {
        self.focus = before.and_then(|f| self.markers.iter().position(|m| m.item == f.item));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::crowd;

    #[test]
    fn keyboard_focus_walks_the_markers_and_then_lets_go() {
        let mut v = crowd();
        let n = v
            .markers()
            .iter()
            .filter(|m| m.x >= 0.0 && m.y >= 0.0 && m.x <= 800.0 && m.y <= 600.0)
            .count();
        for _ in 0..n {
            assert!(v.move_focus(1));
        }
        assert!(!v.move_focus(1), "past the last marker Tab leaves the map");
        assert!(v.move_focus(-1));
        assert!(v.focused().is_some());
    }

    #[test]
    fn focus_stays_on_the_same_marker_across_frames() {
        let mut v = crowd();
        assert!(v.move_focus(1) && v.move_focus(1));
        let before = v.focused().unwrap();
        v.camera.pan_by(3.0, 2.0);
        v.frame(0.0);
        let after = v.focused().expect("still on screen");
        assert_eq!(after.item, before.item);
        assert!((after.x - before.x - 3.0).abs() < 1e-3);
    }
}
