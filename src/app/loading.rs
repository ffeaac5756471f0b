//! Loading farms in steps, so a page can load a million without freezing: the farms are
//! made (synthetic data) and made ready for the map — positions, owner groups, the cluster
//! index ([`FarmsBuild`]) — a budget of work at a time, while the session keeps showing
//! what it has. The last step swaps everything in at once, so no answer ever mixes old and
//! new farms. Loading anything else (a story, a farms file, other synthetic data) drops a
//! load in progress.

use super::results::{LoadPhase, LoadProgress};
use super::Session;
use crate::model::synthetic::Generator;
use crate::model::Farm;
use crate::network::model::Network;
use crate::scene::map::FarmsBuild;
use crate::story::Story;
use std::collections::HashMap;

/// Units a synthetic farm costs to make (its strings), against one for an item the
/// cluster index visits: a budget then buys about the same time in every phase.
const MAKE_UNITS: u64 = 40;
/// Units a farm costs in the id map and the illustrative count.
const ID_UNITS: u64 = 24;
/// Share of the progress bar for making synthetic farms (measured: about a quarter of a
/// million farms' load in Chromium).
const MAKE_SHARE: f64 = 0.25;

/// A load in progress (see the module docs).
pub(super) struct Loading {
    total: usize,
    /// Synthetic farms still being made, into `made`.
    generator: Option<Generator>,
    made: Vec<Farm>,
    build: Option<FarmsBuild>,
    /// Farm id → index and the illustrative count, built alongside.
    farm_index: HashMap<String, u32>,
    illustrative: usize,
    indexed: usize,
}

impl Loading {
    fn synthetic(n: usize, seed: u32) -> Loading {
        Loading {
            total: n,
            generator: Some(Generator::new(n, seed)),
            made: Vec::with_capacity(n),
            build: None,
            farm_index: HashMap::with_capacity(n),
            illustrative: 0,
            indexed: 0,
        }
    }

    /// About `budget` units of work; returns whether everything is ready.
    fn step(&mut self, budget: u64) -> bool {
        let mut left = budget;
        if let Some(g) = &mut self.generator {
            let count = usize::try_from(left / MAKE_UNITS)
                .unwrap_or(usize::MAX)
                .max(1);
            let before = self.made.len();
            let done = g.fill(&mut self.made, count);
            left = left.saturating_sub((self.made.len() - before) as u64 * MAKE_UNITS);
            if !done {
                return false;
            }
            self.generator = None;
            self.build = Some(FarmsBuild::new(std::mem::take(&mut self.made)));
        }
        let build = self.build.as_mut().expect("farms to build");
        let farms = build.farms();
        if self.indexed < farms.len() {
            let count = usize::try_from(left / ID_UNITS)
                .unwrap_or(usize::MAX)
                .max(1);
            let end = farms.len().min(self.indexed.saturating_add(count));
            for (i, f) in farms.iter().enumerate().take(end).skip(self.indexed) {
                self.farm_index.insert(f.id.clone(), i as u32);
                self.illustrative += usize::from(f.is_illustrative());
            }
            left = left.saturating_sub((end - self.indexed) as u64 * ID_UNITS);
            self.indexed = end;
            if end < farms.len() {
                return false;
            }
        }
        build.step(left.max(1))
    }

    fn progress(&self) -> LoadProgress {
        let make = match &self.generator {
            Some(g) => 1.0 - g.remaining() as f64 / self.total.max(1) as f64,
            None => 1.0,
        };
        let (phase, rest) = match &self.build {
            None => (LoadPhase::Loading, 0.0),
            Some(b) => {
                let ids = self.indexed as f64 / self.total.max(1) as f64;
                let b = b.progress();
                // Positions and owner groups come first in a build: still "loading".
                let phase = if b < 0.1 {
                    LoadPhase::Loading
                } else {
                    LoadPhase::Clustering
                };
                (phase, 0.05 * ids + 0.95 * b)
            }
        };
        LoadProgress {
            phase,
            farms: self.total,
            fraction: (MAKE_SHARE * make + (1.0 - MAKE_SHARE) * rest).min(0.999),
        }
    }
}

impl Session {
    /// Start replacing the farms with `n` seeded synthetic farms, made and indexed by
    /// [`load_step`](Self::load_step); until the last step the session shows what it
    /// showed. The result equals [`load_synthetic`](Self::load_synthetic)'s.
    ///
    /// # Examples
    /// ```
    /// use farmmap::app::results::LoadPhase;
    /// let mut session = farmmap::app::Session::new();
    /// let demo = session.farm_count();
    /// session.begin_synthetic(5000, 7);
    /// let first = session.load_step(1000);
    /// assert_eq!((first.phase, first.farms), (LoadPhase::Loading, 5000));
    /// assert_eq!(session.farm_count(), demo); // still the demo's farms
    /// let mut p = first;
    /// while p.phase != LoadPhase::Done {
    ///     p = session.load_step(20_000);
    /// }
    /// assert_eq!((session.farm_count(), p.fraction), (5000, 1.0));
    /// assert_eq!(session.load_step(1000).phase, LoadPhase::Idle);
    /// ```
    pub fn begin_synthetic(&mut self, n: usize, seed: u32) {
        let n = n.min(crate::cluster::MAX_POINTS);
        self.loading = Some(Loading::synthetic(n, seed));
    }

    /// About `budget` units of work on the load in progress (an item the cluster index
    /// visits is one unit; a page gives a few thousand a call and measures the time). The
    /// step that completes it shows the new farms and says [`LoadPhase::Done`].
    pub fn load_step(&mut self, budget: u64) -> LoadProgress {
        let Some(loading) = &mut self.loading else {
            return LoadProgress {
                phase: LoadPhase::Idle,
                farms: 0,
                fraction: 0.0,
            };
        };
        if !loading.step(budget) {
            return loading.progress();
        }
        let loading = self.loading.take().expect("a load in progress");
        let total = loading.total;
        let build = loading.build.expect("farms built");
        self.install_farms(build.finish(), loading.farm_index, loading.illustrative);
        self.precision_default = None;
        self.set_network(Network::default());
        self.story = Story::default();
        self.map.tiles = None;
        self.step = None;
        LoadProgress {
            phase: LoadPhase::Done,
            farms: total,
            fraction: 1.0,
        }
    }

    /// Whether a load in steps is under way.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }
}
