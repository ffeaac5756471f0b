//! Walking the story: a step moves the camera (to a box, or to the farms of the farms,
//! people and companies it focuses), lights the farms it names or its filter matches, and
//! lights its ids in the network. Clearing any other highlight comes back to the step's.

use super::Session;
use crate::geometry::{union_of, LngLatBounds, WorldBounds};
use crate::network::queries;
use crate::projection::world_from_lnglat;
use crate::scene::camera::Camera;
use crate::story::{Step, StepCamera};

/// Room around a step's box, in CSS px.
const BOUNDS_PADDING: f64 = 24.0;
/// Room around a step's focused farms, in CSS px.
const FOCUS_PADDING: f64 = 60.0;
/// A focus zooms in at most this many levels past the whole country, so the reader keeps
/// the country in mind.
const FOCUS_MAX_ZOOM_IN: f64 = 2.0;

impl Session {
    /// Show step `i`: fly the camera there over `duration_ms` (0 for reduced motion), dim
    /// the farms the step does not name, and light its ids in the network. `false` (and
    /// nothing changes) when there is no step `i`.
    ///
    /// # Examples
    /// ```
    /// let mut session = farmmap::app::Session::new();
    /// assert!(session.go_to_step(1, 0.0, 0.0));
    /// assert_eq!(session.step(), Some(1));
    /// assert!(!session.go_to_step(99, 0.0, 0.0));
    /// ```
    pub fn go_to_step(&mut self, i: usize, now_ms: f64, duration_ms: f64) -> bool {
        let Some(step) = self.story.steps.get(i) else {
            return false;
        };
        if let Some(to) = self.step_camera(&step.camera) {
            self.map.fly_to(to, now_ms, duration_ms);
        }
        self.step = Some(i);
        self.restore_step_highlight();
        true
    }

    /// Back to the current step's view, or to the view of all farms outside a story.
    ///
    /// # Examples
    /// ```
    /// let mut session = farmmap::app::Session::new();
    /// session.frame_map(0.0);
    /// let home = session.camera();
    /// session.pan_by(100.0, 0.0);
    /// session.reset(0.0, 0.0);
    /// session.frame_map(1.0);
    /// assert_eq!(session.camera(), home);
    /// ```
    pub fn reset(&mut self, now_ms: f64, duration_ms: f64) {
        let step_camera = self
            .current_step()
            .and_then(|s| self.step_camera(&s.camera));
        let to = step_camera.unwrap_or_else(|| self.map.home_camera());
        self.map.fly_to(to, now_ms, duration_ms);
    }

    pub(super) fn current_step(&self) -> Option<&Step> {
        self.step.and_then(|i| self.story.steps.get(i))
    }

    /// Light what the current step lights, in both views (nothing outside a story).
    pub(super) fn restore_step_highlight(&mut self) {
        let (mask, ids) = match self.current_step() {
            Some(s) => (self.step_mask(s), s.highlight.clone()),
            None => (None, Vec::new()),
        };
        self.map.set_highlight(mask);
        self.net.highlight_ids(&ids);
    }

    /// The camera a step asks for; `None` keeps the reader's (no camera, or a focus on ids
    /// that have no farm on the map).
    pub(super) fn step_camera(&self, camera: &StepCamera) -> Option<Camera> {
        match camera {
            StepCamera::Keep => None,
            StepCamera::Bounds(wsen) => {
                let world = LngLatBounds::from_array(*wsen).to_world();
                Some(self.map.fitted(world, BOUNDS_PADDING))
            }
            StepCamera::Focus(ids) => {
                let farms = self.farms_behind(ids);
                let bounds = self.world_bounds_of(&farms)?;
                let country = self.map.fitted(self.map.basemap().home, 16.0);
                let cam = self.map.fitted(bounds, FOCUS_PADDING);
                Some(Camera {
                    zoom: cam.zoom.min(country.zoom + FOCUS_MAX_ZOOM_IN),
                    ..cam
                })
            }
        }
    }

    /// Map indices of the farms behind `ids`: a farm stands for itself, a person or
    /// company for the farms it may control.
    pub(super) fn farms_behind(&self, ids: &[String]) -> Vec<u32> {
        let mut farms: Vec<u32> = queries::farm_ids_of(self.net.network(), self.net.graph(), ids)
            .iter()
            .filter_map(|id| self.farm_index(id))
            .collect();
        crate::sort::sort_u32(&mut farms);
        farms.dedup();
        farms
    }

    /// The world box around these farms.
    fn world_bounds_of(&self, farms: &[u32]) -> Option<WorldBounds> {
        let all = self.map.farms();
        union_of(farms.iter().map(|&i| {
            let f = &all[i as usize];
            let (x, y) = world_from_lnglat(f.lng, f.lat);
            WorldBounds::point(x, y)
        }))
    }

    /// Which farms a step shows at full strength: those it names and those its filter
    /// matches; `None` (nothing dimmed) when it names no farm and has no filter.
    pub(super) fn step_mask(&self, step: &Step) -> Option<Vec<bool>> {
        // The named farms marked straight into the mask (a bitset: no hash set of farm
        // numbers, whose table code the reader's wasm then leaves out).
        let farms = self.map.farms();
        let mut mask = vec![false; farms.len()];
        let mut named = false;
        for i in step.highlight.iter().filter_map(|id| self.farm_index(id)) {
            named = true;
            if let Some(m) = mask.get_mut(i as usize) {
                *m = true;
            }
        }
        if !named && step.filter.is_empty() {
            return None;
        }
        if !step.filter.is_empty() {
            for (m, f) in mask.iter_mut().zip(farms) {
                *m = *m || step.filter.matches(f);
            }
        }
        Some(mask)
    }
}
