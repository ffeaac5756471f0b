//! Loading farms in steps, so a page can load a million without freezing: the farms are
//! made (synthetic data) and made ready for the map — positions, owner groups, the cluster
//! index ([`FarmsBuild`]) — a budget of work at a time, while the session keeps showing
//! what it has. The last step swaps everything in at once, so no answer ever mixes old and
//! new farms. A story's farms load the same way ([`Session::begin_story`],
//! [`Session::begin_story_checked`]): the story, its network and its report wait in the
//! load and come in at the last step. Loading anything else (a story, a farms file, other
//! synthetic data) drops a load in progress.

use super::results::{problems, ImportProblem, ImportReport, LoadPhase, LoadProgress};
use super::{CheckedData, Session};
use crate::import::ImportError;
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
    /// The story shown at the last step (none: synthetic farms).
    story: Option<Box<Waiting>>,
}

/// A story whose farms are being made ready: everything but the farms, as checked.
struct Waiting {
    file: String,
    story: Story,
    layout: Option<crate::json::Value>,
    /// Whether the story has data files (else the map keeps its farms).
    has_data: bool,
    network: Network,
    precision_default: Option<crate::model::Precision>,
    /// The file's and its data's problems so far (the story's own follow when shown).
    errors: Vec<ImportError>,
    skipped: usize,
    notes: Vec<ImportProblem>,
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
            story: None,
        }
    }

    /// Farms made already (a story's), made ready with `story` waiting.
    fn of_story(farms: Vec<Farm>, story: Waiting) -> Loading {
        let n = farms.len();
        Loading {
            total: n,
            generator: None,
            made: Vec::new(),
            build: Some(FarmsBuild::new(farms)),
            farm_index: HashMap::with_capacity(n),
            illustrative: 0,
            indexed: 0,
            story: Some(Box::new(story)),
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
        // A story's farms are made already: the whole bar is theirs.
        let fraction = match self.story {
            None => MAKE_SHARE * make + (1.0 - MAKE_SHARE) * rest,
            Some(_) => rest,
        };
        LoadProgress {
            phase,
            farms: self.total,
            fraction: fraction.min(0.999),
            report: None,
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
                report: None,
            };
        };
        if !loading.step(budget) {
            return loading.progress();
        }
        let loading = self.loading.take().expect("a load in progress");
        let total = loading.total;
        let build = loading.build.expect("farms built");
        let Some(waiting) = loading.story else {
            self.install_farms(build.finish(), loading.farm_index, loading.illustrative);
            self.precision_default = None;
            self.set_network(Network::default());
            self.story = Story::default();
            self.map.tiles = None;
            self.step = None;
            return LoadProgress {
                phase: LoadPhase::Done,
                farms: total,
                fraction: 1.0,
                report: None,
            };
        };
        let Waiting {
            file,
            story,
            layout,
            has_data,
            network,
            precision_default,
            mut errors,
            skipped,
            notes,
        } = *waiting;
        if has_data {
            self.install_farms(build.finish(), loading.farm_index, loading.illustrative);
            self.precision_default = precision_default;
        }
        self.set_network(network);
        self.map.set_highlight(None);
        self.story = story;
        self.apply_tile_rule();
        self.step = None;
        errors.extend(self.story_problems(&file, layout.as_ref()));
        LoadProgress {
            phase: LoadPhase::Done,
            farms: total,
            fraction: 1.0,
            report: Some(ImportReport {
                loaded: if has_data { total } else { 0 },
                skipped,
                problems: problems(&errors),
                notes,
            }),
        }
    }

    /// Start replacing the story with a story file's, its data read now and its farms made
    /// ready for the map by [`load_step`](Self::load_step) (whose last step shows the
    /// story and carries the report [`load_story`](Self::load_story) gives). `Err` (the
    /// first problem) when the file cannot be read at all; the session is then unchanged.
    ///
    /// # Examples
    /// ```
    /// use farmmap::app::results::LoadPhase;
    /// let mut session = farmmap::app::Session::new();
    /// let text = r#"{"title": "T", "steps": [{"title": "One"}], "farms": {"name": "f.csv", "text": "id,lat,lon\nA,43.2,76.9\nB,north,76\n"}}"#;
    /// session.begin_story("s.json", text).unwrap();
    /// assert_ne!(session.story().title, "T"); // shown at the last step
    /// let mut p = session.load_step(1);
    /// while p.phase != LoadPhase::Done {
    ///     p = session.load_step(1);
    /// }
    /// let report = p.report.unwrap();
    /// assert_eq!((report.loaded, report.skipped, session.farm_count()), (1, 1, 1));
    /// assert_eq!(session.story().title, "T");
    /// assert!(session.begin_story("s.json", "[1").is_err());
    /// ```
    pub fn begin_story(&mut self, file: &str, text: &str) -> Result<(), ImportProblem> {
        let (story, layout, errors) = parse_story_file(file, text)?;
        // The reader's build refuses a story it would show without its data.
        if let Some(refusal) = crate::story::unreadable_sources(file, &story) {
            return Err(ImportProblem::from(&refusal));
        }
        let crate::story::Loaded {
            farms: mut report,
            network,
            precision_default,
            farm_nodes: _,
        } = crate::story::load(&story);
        let farms = std::mem::take(&mut report.records);
        let mut waiting = Waiting {
            file: file.to_owned(),
            has_data: story.has_data(),
            story,
            layout,
            network,
            precision_default,
            errors,
            skipped: 0,
            notes: Vec::new(),
        };
        if waiting.has_data {
            waiting.skipped = report.skipped;
            waiting.notes = super::results::notes(&report.notes);
            waiting.errors.extend(report.errors);
        }
        self.loading = Some(Loading::of_story(farms, waiting));
        Ok(())
    }

    /// [`begin_story`](Self::begin_story) with the story's data checked already (see
    /// [`load_story_checked`](Self::load_story_checked)): nothing is parsed again; the last
    /// step's report has the story file's own problems.
    pub fn begin_story_checked(
        &mut self,
        file: &str,
        text: &str,
        data: CheckedData,
    ) -> Result<(), ImportProblem> {
        let (story, layout, errors) = parse_story_file(file, text)?;
        let waiting = Waiting {
            file: file.to_owned(),
            story,
            layout,
            has_data: data.has_data,
            network: data.network,
            precision_default: data.precision_default,
            errors,
            skipped: 0,
            notes: Vec::new(),
        };
        self.loading = Some(Loading::of_story(data.farms, waiting));
        Ok(())
    }

    /// Run the load in progress to its end; its report (a story's).
    pub(super) fn finish_loading(&mut self) -> Option<ImportReport> {
        loop {
            let p = self.load_step(u64::MAX);
            if matches!(p.phase, LoadPhase::Done | LoadPhase::Idle) {
                return p.report;
            }
        }
    }

    /// Whether a load in steps is under way.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }
}

/// A story file read with its layout; `Err` (the first problem) when it cannot be read.
type ParsedStory = (Story, Option<crate::json::Value>, Vec<ImportError>);

fn parse_story_file(file: &str, text: &str) -> Result<ParsedStory, ImportProblem> {
    let (parsed, errors) = crate::story::parse_with_layout(file, text);
    match parsed {
        Some((story, layout)) => Ok((story, layout, errors)),
        None => {
            let first = errors.first().cloned();
            Err(ImportProblem::from(&first.unwrap_or_else(|| {
                ImportError::file(file, "cannot be read")
            })))
        }
    }
}
