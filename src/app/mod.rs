//! The app core: one [`Session`] owns the data set, the story, the current step, the map
//! view and the network view, and every rule that links them. Pure Rust, tested natively;
//! `web::FarmMap` only converts arguments and results, forwards calls, and paints.
//!
//! - [`Session`] (this file): construction, loading stories, farms and synthetic data.
//! - `story_walk`: steps → camera, highlight and filter; reset.
//! - `linking`: a farm ↔ its controllers, a node → its farms, paths, chart bars, clearing.
//! - `map_items`: camera gestures, markers and clusters on screen, keyboard focus.
//! - `loading`: farms loaded in steps (synthetic data made, positions and the cluster index
//!   built a budget at a time), swapped in at the last step.
//! - `answers`: farm and node info, story text, legends, charts, table, export.
//! - [`publish`]: the charts the data supports (the editor's choice) and every step as a
//!   static picture (the publish kit's fallbacks, the command line's posters).
//! - [`results`]: the answers' types (the JS API's objects).
//! - [`files`]: free functions over files (decoding, story files, network files, style
//!   variables).
//!
//! The frames the session builds are [`DrawList`]s (re-exported from the scene, with the
//! types a painter reads), so `web` paints them without importing `scene`.

mod answers;
pub mod files;
mod linking;
mod loading;
mod map_items;
pub mod publish;
pub mod results;
mod story_walk;
#[cfg(test)]
mod tests;
pub mod tile_rule;

pub use crate::scene::draw::{DrawList, Op, Style, Tile};
pub use crate::scene::style::Theme;

use crate::basemap::tile_template::TileOrigin;
use crate::basemap::Basemap;
use crate::i18n::Lang;
pub use crate::import::mapping::FarmsOptions;
use crate::import::{ImportError, Report};
use crate::model::{Farm, Precision};
use crate::network::model::Network;
use crate::scene::map::{FarmsReady, MapView};
use crate::scene::network_view::NetworkView;
use crate::story::{self, Story};
pub use crate::story::{CheckedData, CheckedDataReader};
use results::{ImportProblem, ImportReport};
use std::collections::HashMap;

/// A reader's session: what is loaded, where they are in the story, what is lit.
pub struct Session {
    map: MapView,
    net: NetworkView,
    story: Story,
    step: Option<usize>,
    /// Farm id → index in `map.farms()`, rebuilt with the farms (ids are unique).
    farm_index: HashMap<String, u32>,
    /// Where the publisher allows tiles from ([`tile_rule`]); empty: no tile is requested.
    allowed_tiles: Vec<TileOrigin>,
    /// The precision the farms file gave rows that state none (the legend says it).
    precision_default: Option<Precision>,
    /// Farms being loaded in steps (`loading`), shown when ready.
    loading: Option<loading::Loading>,
    /// How many of the farms are placed for illustration (counted when they change: a
    /// million farms' extra columns take ~0.1 s to read).
    illustrative: usize,
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

impl Session {
    /// A session showing the demo story (compiled in), on the embedded basemap.
    ///
    /// # Examples
    /// ```
    /// let session = farmmap::app::Session::new();
    /// assert!(session.farm_count() > 0);
    /// assert_eq!(session.step(), None);
    /// assert!(session.story().steps.len() >= 6);
    /// ```
    pub fn new() -> Session {
        let mut session = Session::empty();
        session.set_story(story::demo());
        session
    }

    /// A session with no farms and no story, on the embedded basemap.
    ///
    /// # Examples
    /// ```
    /// let session = farmmap::app::Session::empty();
    /// assert_eq!(session.farm_count(), 0);
    /// ```
    pub fn empty() -> Session {
        Session {
            map: MapView::new(Basemap::embedded()),
            net: NetworkView::new(Network::default()),
            story: Story::default(),
            step: None,
            farm_index: HashMap::new(),
            allowed_tiles: Vec::new(),
            precision_default: None,
            loading: None,
            illustrative: 0,
        }
    }

    /// A new network view, in the map's theme and language.
    fn set_network(&mut self, network: Network) {
        self.net = NetworkView::new(network);
        self.net.theme = self.map.theme;
        self.net.lang = self.map.lang;
    }

    /// The language of the words Rust writes and draws (badge counts, cluster summaries,
    /// tie sentences, the table view, chart titles).
    pub fn language(&self) -> Lang {
        self.map.lang
    }

    /// Write and draw in `lang` from the next frame on.
    pub fn set_language(&mut self, lang: Lang) {
        self.map.lang = lang;
        self.net.lang = lang;
    }

    /// The interface's language, by the one rule: the publisher's `lang` attribute when it
    /// names a language the interface has, else the story's `language`, else the page's
    /// language, else English. Sets it and returns it.
    ///
    /// # Examples
    /// ```
    /// use farmmap::i18n::Lang;
    /// let mut s = farmmap::app::Session::new();
    /// assert_eq!(s.choose_language("", "ru-RU"), Lang::Ru);
    /// s.load_story("s.json", r#"{"title": "T", "language": "kk", "steps": []}"#).unwrap();
    /// assert_eq!(s.choose_language("", "ru"), Lang::Kk);
    /// assert_eq!(s.choose_language("en", "ru"), Lang::En);
    /// assert_eq!(s.choose_language("de", "ru"), Lang::Kk);
    /// ```
    pub fn choose_language(&mut self, publisher: &str, page: &str) -> Lang {
        let lang = Lang::parse(publisher)
            .or(self.story.language)
            .or_else(|| Lang::parse(page))
            .unwrap_or_default();
        self.set_language(lang);
        lang
    }

    /// Light or dark: the palette the map and the network draw with.
    pub fn theme(&self) -> Theme {
        self.map.theme
    }

    /// Draw in `theme` from the next frame on.
    pub fn set_theme(&mut self, theme: Theme) {
        self.map.theme = theme;
        self.net.theme = theme;
    }

    /// The map view (its draw list, markers and camera), to paint and to read.
    pub fn map(&self) -> &MapView {
        &self.map
    }

    /// The network view (its draw list), to paint and to read.
    pub fn network(&self) -> &NetworkView {
        &self.net
    }

    /// The story as parsed.
    pub fn story(&self) -> &Story {
        &self.story
    }

    /// The step shown, if any.
    pub fn step(&self) -> Option<usize> {
        self.step
    }

    /// The farms on the map.
    pub fn farms(&self) -> &[Farm] {
        self.map.farms()
    }

    /// The precision given to the loaded farms whose row states none, when any did (or the
    /// story's farms options chose one).
    pub fn precision_default(&self) -> Option<Precision> {
        self.precision_default
    }

    /// How many farms the map has.
    pub fn farm_count(&self) -> usize {
        self.map.farms().len()
    }

    /// The map index of the farm with this id.
    pub fn farm_index(&self, id: &str) -> Option<u32> {
        self.farm_index.get(id).copied()
    }

    /// Advance the map's animations and build its frame; true while more frames are needed.
    pub fn frame_map(&mut self, now_ms: f64) -> bool {
        self.map.frame(now_ms)
    }

    /// Advance the network's layout and build its frame; true while it still moves.
    pub fn frame_network(&mut self, now_ms: f64) -> bool {
        self.net.frame(now_ms)
    }

    /// Replace the farms: the camera goes home and nothing is selected or lit.
    fn set_farms(&mut self, farms: Vec<Farm>) {
        self.loading = None;
        self.farm_index = farms
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.clone(), i as u32))
            .collect();
        self.illustrative = farms.iter().filter(|f| f.is_illustrative()).count();
        self.map.set_farms(farms);
        self.map.camera = self.map.home_camera();
    }

    /// Show farms made ready in steps (`loading`), with their id map and illustrative
    /// count.
    fn install_farms(
        &mut self,
        ready: FarmsReady,
        farm_index: HashMap<String, u32>,
        illustrative: usize,
    ) {
        self.loading = None;
        self.farm_index = farm_index;
        self.illustrative = illustrative;
        self.map.install(ready);
        self.map.camera = self.map.home_camera();
    }

    /// Show `story`: its data (when it has data files) replaces the farms and the network;
    /// the reader starts before the first step. Returns the farms' report (its records
    /// moved to the map, their count given) when it had data.
    fn set_story(&mut self, story: Story) -> Option<(usize, Report<Farm>)> {
        self.loading = None;
        let story::Loaded {
            farms: mut report,
            network,
            precision_default,
            farm_nodes,
        } = story::load(&story);
        let has_data = story.has_data();
        let farms = std::mem::take(&mut report.records);
        let count = farms.len();
        self.set_story_checked(
            story,
            CheckedData {
                has_data,
                farms,
                network,
                precision_default,
                farm_nodes,
            },
        );
        has_data.then_some((count, report))
    }

    /// Show `story` with its data already checked (by [`story::load`], e.g. in the
    /// editor's worker): nothing is parsed again.
    fn set_story_checked(&mut self, story: Story, data: CheckedData) {
        if data.has_data {
            self.set_farms(data.farms);
            self.precision_default = data.precision_default;
        }
        self.set_network(data.network);
        self.map.set_highlight(None);
        self.story = story;
        self.apply_tile_rule();
        self.step = None;
    }

    /// A warning for each chart the story lists that its data cannot show.
    fn unshown_charts(&self, file: &str) -> Vec<ImportError> {
        self.story
            .charts
            .iter()
            .filter_map(|name| crate::charts::ChartKind::parse(name))
            .filter(|&k| !self.chart_says_something(k))
            .map(|k| {
                ImportError {
                    column: Some("charts".into()),
                    ..ImportError::file(
                        file,
                        format!(
                            "\"{}\" is not shown: the data gives it fewer than two bars (or nothing to count)",
                            k.name()
                        ),
                    )
                }
                .warning()
            })
            .collect()
    }

    /// Apply a story's saved network layout; bad entries come back as warnings.
    fn apply_layout(&mut self, file: &str, layout: &crate::json::Value) -> Vec<ImportError> {
        let warn = |m: String| {
            ImportError {
                column: Some("layout".into()),
                ..ImportError::file(file, m)
            }
            .warning()
        };
        let saved = match story::layout::parse(layout) {
            Ok(saved) => saved,
            Err(m) => return vec![warn(m)],
        };
        let mut warnings = saved.warnings;
        match self.net.place(&saved.positions) {
            Ok(a) => warnings.extend(a.warnings),
            Err(m) => warnings.push(m),
        }
        warnings.into_iter().map(warn).collect()
    }

    /// Replace the story with a story file's (and the data and network layout it carries).
    /// `Err` (the first problem) only when the file cannot be read at all; otherwise the
    /// report of its farms, with every problem of the file, its layout and its data files.
    ///
    /// # Examples
    /// ```
    /// let mut session = farmmap::app::Session::new();
    /// let report = session
    ///     .load_story("s.json", r#"{"title": "T", "steps": [{"title": "One"}]}"#)
    ///     .unwrap();
    /// assert_eq!((report.loaded, report.problems.len()), (0, 0));
    /// assert_eq!(session.story().title, "T");
    /// assert!(session.load_story("s.json", "[1").is_err());
    /// ```
    pub fn load_story(&mut self, file: &str, text: &str) -> Result<ImportReport, ImportProblem> {
        // The same path a page drives in slices (`begin_story`, `load_step`), run to the end.
        self.begin_story(file, text)?;
        Ok(self.finish_loading().unwrap_or_default())
    }

    /// [`Session::load_story`] with the story's data checked already (the editor's
    /// worker ran [`story::load`] on the same story and handed over [`CheckedData`]): the
    /// story file's own problems (tiles, layout, charts) come back; its data files, if the
    /// text still has them, are not read again. `loaded` is the farms shown; the files'
    /// problems are the worker's.
    ///
    /// # Examples
    /// ```
    /// use farmmap::app::Session;
    /// use farmmap::story::{self, CheckedData};
    /// let text = r#"{"title": "T", "steps": [{"title": "One"}], "farms": {"name": "f.csv", "text": "id,lat,lon\nA,43.2,76.9\n"}}"#;
    /// let (parsed, _) = story::parse("s.json", text);
    /// let parsed = parsed.unwrap();
    /// let data = CheckedData::of(&parsed, story::load(&parsed));
    /// let mut session = Session::empty();
    /// let report = session.load_story_checked("s.json", r#"{"title": "T", "steps": [{"title": "One"}]}"#, data).unwrap();
    /// assert_eq!((report.loaded, session.farm_count(), session.story().title.as_str()), (1, 1, "T"));
    /// ```
    pub fn load_story_checked(
        &mut self,
        file: &str,
        text: &str,
        data: CheckedData,
    ) -> Result<ImportReport, ImportProblem> {
        self.begin_story_checked(file, text, data)?;
        Ok(self.finish_loading().unwrap_or_default())
    }

    /// The story file's own problems once shown: a refused tile layer, its layout's bad
    /// entries, charts the data cannot show.
    fn story_problems(
        &mut self,
        file: &str,
        layout: Option<&crate::json::Value>,
    ) -> Vec<ImportError> {
        let mut errors = Vec::new();
        if let Some(why) = self.tile_refusal() {
            errors.push(
                ImportError {
                    column: Some("tiles.url".into()),
                    ..ImportError::file(file, format!("{why}; the tile layer is off"))
                }
                .warning(),
            );
        }
        if let Some(layout) = layout {
            errors.extend(self.apply_layout(file, layout));
        }
        errors.extend(self.unshown_charts(file));
        errors
    }

    /// Replace the farms with a file's: GeoJSON by the name's extension, else CSV or an
    /// XLSX/XLS/ODS workbook (by its bytes), read with `options` (a column mapping, the
    /// precision of rows that give none, the number format, the sheet; see
    /// [`FarmsOptions`]). The farms change only when at least one row loaded; then the
    /// story's ties (which named the old farms) go, the network starts over from the new
    /// farms, the camera goes home and the reader is no longer at a step. The reader's build
    /// (no feature `importers`) reads no file: its report's one problem says where to.
    ///
    /// # Examples
    /// ```
    /// # #[cfg(feature = "importers")] {
    /// use farmmap::import::mapping::FarmsOptions;
    /// let mut session = farmmap::app::Session::new();
    /// let report = session.load_farms("f.csv", b"id,lat,lon\nA,43.2,76.9\nB,north,76\n", &FarmsOptions::default());
    /// assert_eq!((report.loaded, report.skipped), (1, 1));
    /// assert_eq!(report.problems[0].text, "f.csv row 3, column lat: \"north\" is not a number");
    /// assert!(report.notes[0].text.contains("give no precision"), "{:?}", report.notes);
    /// assert_eq!(session.farm_count(), 1);
    /// # }
    /// ```
    pub fn load_farms(&mut self, file: &str, bytes: &[u8], options: &FarmsOptions) -> ImportReport {
        #[cfg(not(feature = "importers"))]
        {
            let _ = (bytes, options);
            ImportReport {
                loaded: 0,
                skipped: 0,
                problems: files::not_read_here(file),
                notes: Vec::new(),
            }
        }
        #[cfg(feature = "importers")]
        self.load_farms_file(file, bytes, options)
    }

    #[cfg(feature = "importers")]
    fn load_farms_file(
        &mut self,
        file: &str,
        bytes: &[u8],
        options: &FarmsOptions,
    ) -> ImportReport {
        let report = story::farms_file::parse(file, bytes, options);
        let out = ImportReport {
            loaded: report.records.len(),
            skipped: report.skipped,
            problems: results::problems(&report.errors),
            notes: results::notes(&report.notes),
        };
        if !report.records.is_empty() {
            self.precision_default = story::farms_file::default_precision(options, &report);
            self.set_farms(report.records);
            self.story.entities = None;
            self.story.links = None;
            self.set_network(Network::with_farms(self.map.farms()));
            self.step = None;
        }
        out
    }

    /// Replace the farms with `n` seeded synthetic farms (load tests; marked illustrative).
    /// A million farm nodes would be no network to read: there is none, and no story.
    ///
    /// # Examples
    /// ```
    /// let mut session = farmmap::app::Session::new();
    /// session.load_synthetic(1000, 7);
    /// assert_eq!((session.farm_count(), session.illustrative_count()), (1000, 1000));
    /// assert!(session.story().steps.is_empty());
    /// ```
    pub fn load_synthetic(&mut self, n: usize, seed: u32) {
        self.begin_synthetic(n, seed);
        while self.load_step(u64::MAX).phase != results::LoadPhase::Done {}
    }

    /// Set where the publisher allows tiles from (`https://host[:port]` origins, or `self`
    /// for paths on the page's own site) and apply it to the story's tile layer. Returns the
    /// entries that were refused, as sentences. The story file never widens this list.
    ///
    /// # Examples
    /// ```
    /// let mut session = farmmap::app::Session::new();
    /// let story = r#"{"steps":[{"title":"A"}],"tiles":{"url":"https://t.example/{z}/{x}/{y}.png","attribution":"T"}}"#;
    /// let report = session.load_story("s.json", story).unwrap();
    /// assert!(report.problems[0].text.contains("allow-tiles"));
    /// assert!(!session.attribution().contains(&"Tiles: T".to_string()));
    /// assert!(session.set_allowed_tile_origins(&["https://t.example".into()]).is_empty());
    /// assert_eq!(session.attribution()[0], "Tiles: T");
    /// ```
    pub fn set_allowed_tile_origins(&mut self, origins: &[String]) -> Vec<String> {
        let (allowed, refused) = tile_rule::parse_allowed(origins);
        self.allowed_tiles = allowed;
        self.apply_tile_rule();
        refused
    }

    /// Why the story's tile layer is not drawn, when it asks for one that is not allowed.
    fn tile_refusal(&self) -> Option<String> {
        let layer = self.story.tiles.as_ref()?;
        tile_rule::check(layer, &self.allowed_tiles).err()
    }

    /// Draw the story's tile layer only when the publisher allows its origin.
    fn apply_tile_rule(&mut self) {
        self.map.tiles = self
            .story
            .tiles
            .clone()
            .filter(|l| tile_rule::check(l, &self.allowed_tiles).is_ok());
    }

    /// How many farms are placed for illustration, so the page can say so.
    pub fn illustrative_count(&self) -> usize {
        self.illustrative
    }
}
