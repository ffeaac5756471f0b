//! Story adapter: the camera and highlight a story step asks of the map.
//!
//! Kept here, behaving exactly as before, until the story rules move to the app core.
//! The step's ids are put in a `HashSet` once, so a step naming k farms over n farms costs
//! O(n + k), not O(n·k) `Vec::contains` comparisons.

use super::MapView;
use crate::geometry::{union_of, LngLatBounds, WorldBounds};
use crate::scene::camera::Camera;
use crate::story::{Step, StepCamera};
use std::collections::HashSet;

impl MapView {
    /// The camera a story step asks for; `None` keeps the reader's.
    pub fn step_camera(&self, camera: &StepCamera) -> Option<Camera> {
        match camera {
            StepCamera::Keep => None,
            StepCamera::Bounds(wsen) => {
                let world = LngLatBounds::from_array(*wsen).to_world();
                Some(self.camera.fitted(world, 24.0))
            }
            StepCamera::Focus(ids) => {
                let ids: HashSet<&str> = ids.iter().map(String::as_str).collect();
                let points = (0..self.farms.len())
                    .filter(|&i| ids.contains(self.farms[i].id.as_str()))
                    .map(|i| WorldBounds::point(self.farm_world[i][0], self.farm_world[i][1]));
                let b = union_of(points)?;
                // Close enough to see the place, far enough to keep the country in mind.
                let country = self.camera.fitted(self.basemap.home, 16.0).zoom;
                let cam = self.camera.fitted(b, 60.0);
                Some(Camera {
                    zoom: cam.zoom.min(country + 2.0),
                    ..cam
                })
            }
        }
    }

    /// Which farms a step shows at full strength: those it names, and those its filter
    /// matches; `None` (nothing dimmed) when it names none and has no filter.
    pub fn step_highlight(&self, step: &Step) -> Option<Vec<bool>> {
        let ids: HashSet<&str> = step.highlight.iter().map(String::as_str).collect();
        let named: Vec<bool> = self
            .farms
            .iter()
            .map(|f| ids.contains(f.id.as_str()))
            .collect();
        let any_named = named.iter().any(|&b| b);
        if !any_named && step.filter.is_empty() {
            return None;
        }
        Some(
            self.farms
                .iter()
                .zip(named)
                .map(|(f, n)| n || (!step.filter.is_empty() && step.filter.matches(f)))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::view;
    use super::*;
    use crate::projection::world_from_lnglat;

    #[test]
    fn story_steps_move_the_camera_and_dim_the_rest() {
        let v = view();
        let step = Step {
            id: "s".into(),
            title: "t".into(),
            text: String::new(),
            camera: StepCamera::Focus(vec!["b".into()]),
            highlight: vec!["b".into()],
            filter: Default::default(),
        };
        let cam = v.step_camera(&step.camera).unwrap();
        let (x, y) = world_from_lnglat(73.1, 49.8);
        assert!((cam.center_x - x).abs() < 1e-9 && (cam.center_y - y).abs() < 1e-9);
        assert_eq!(v.step_highlight(&step), Some(vec![false, true]));
        let bounds = StepCamera::Bounds([70.0, 45.0, 80.0, 55.0]);
        let cam = v.step_camera(&bounds).unwrap();
        let vis = cam.visible_world();
        assert!(
            vis.min_x <= world_from_lnglat(70.0, 0.0).0
                && vis.max_x >= world_from_lnglat(80.0, 0.0).0
        );
        assert_eq!(v.step_camera(&StepCamera::Focus(vec!["nope".into()])), None);
        let plain = Step {
            highlight: vec![],
            camera: StepCamera::Keep,
            ..step
        };
        assert_eq!(v.step_highlight(&plain), None);
    }
}
