//! New farms made ready for the map in steps — their world positions and their cluster
//! layer — while the map keeps showing the farms it has; [`MapView::install`] swaps them
//! in at once. [`MapView::set_farms`] is the same run to the end.

use super::MapView;
use crate::model::Farm;
use crate::projection::world_from_lnglat;
use crate::scene::clusters::{MapClusters, MapClustersBuild};

/// Units of work a farm's projection costs (against one for an item the index visits).
const FARM_UNITS: u64 = 4;

/// Farms on their way to the map. See the module docs.
pub struct FarmsBuild {
    farms: Vec<Farm>,
    /// Farms projected so far.
    at: usize,
    farm_world: Vec<[f64; 2]>,
    lnglat: Vec<f64>,
    clusters: Option<MapClustersBuild>,
    done: bool,
}

/// Farms ready to install: the result of a [`FarmsBuild`].
pub struct FarmsReady {
    pub(super) farms: Vec<Farm>,
    pub(super) farm_world: Vec<[f64; 2]>,
    pub(super) clusters: Option<MapClusters>,
}

impl FarmsBuild {
    pub fn new(farms: Vec<Farm>) -> FarmsBuild {
        let n = farms.len();
        FarmsBuild {
            farms,
            at: 0,
            farm_world: Vec::with_capacity(n),
            lnglat: Vec::with_capacity(2 * n),
            clusters: None,
            done: false,
        }
    }

    pub fn farms(&self) -> &[Farm] {
        &self.farms
    }

    /// About `budget` units of work; returns whether the farms are ready.
    pub fn step(&mut self, budget: u64) -> bool {
        if self.done {
            return true;
        }
        let mut left = budget;
        if self.clusters.is_none() {
            let chunk = usize::try_from(left / FARM_UNITS)
                .unwrap_or(usize::MAX)
                .max(1);
            let end = self.farms.len().min(self.at.saturating_add(chunk));
            for f in &self.farms[self.at..end] {
                self.farm_world.push(world_from_lnglat(f.lng, f.lat).into());
                self.lnglat.extend([f.lng, f.lat]);
            }
            left = left.saturating_sub((end - self.at) as u64 * FARM_UNITS);
            self.at = end;
            if end < self.farms.len() {
                return false;
            }
            self.clusters = Some(MapClustersBuild::new(std::mem::take(&mut self.lnglat)));
        }
        let clusters = self.clusters.as_mut().expect("started above");
        self.done = clusters.step(&self.farms, left.max(1));
        self.done
    }

    /// Progress from 0 to 1 (positions a twentieth, the cluster layer the rest).
    pub fn progress(&self) -> f64 {
        match &self.clusters {
            None => 0.05 * self.at as f64 / self.farms.len().max(1) as f64,
            Some(c) => 0.05 + 0.95 * c.progress(self.farms.len()),
        }
    }

    /// The ready farms, completing any work left.
    pub fn finish(mut self) -> FarmsReady {
        while !self.step(u64::MAX) {}
        FarmsReady {
            farms: self.farms,
            farm_world: self.farm_world,
            clusters: self.clusters.and_then(MapClustersBuild::finish),
        }
    }
}

impl MapView {
    /// Show `ready` farms in place of the current ones: spiderfied clusters, focus, hover,
    /// selection and highlight go (they named the old farms).
    pub fn install(&mut self, ready: FarmsReady) {
        self.farm_world = ready.farm_world;
        // The index was built before; frames only query it.
        self.clusters = ready.clusters;
        self.spider = None;
        self.focus = None;
        self.farms = ready.farms;
        self.hovered = None;
        self.selected = None;
        self.highlight = None;
    }
}
