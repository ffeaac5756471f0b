//! What the editor's publish step asks of a story: which charts the data supports (so the
//! editor offers only those and the story records the choice), and every step as a static
//! picture — the same scene and SVG code as the live map, settled, with the step's title,
//! the source line and the attribution — for pages that cannot run scripts. The command
//! line's `render` draws its posters with [`Session::step_poster`] too.

use super::results::{ChartChoice, ImportProblem, StepPoster};
use super::Session;
use crate::charts::{from_farms, ChartKind};

/// The smallest and largest picture side, in CSS px (the command line's limits).
pub const POSTER_SIDE_PX: std::ops::RangeInclusive<f64> = 100.0..=4000.0;

/// Each animation of a settling frame advances by this much (a flight lands within it).
const SETTLE_STEP_MS: f64 = 1000.0;
/// A picture is taken after at most this much simulated time.
const SETTLE_LIMIT_MS: f64 = 60_000.0;

/// `text`, a story file named `file`, with its network's settled layout as its `layout`:
/// the story shown as a reader's map shows it (its saved layout, if any, placed first, so
/// an editor's moves are where the layout starts), the layout run to its end
/// ([`crate::scene::network_view::NetworkView::settle`]), and every shown node's position
/// written, rounded to four decimals ([`crate::story::layout::to_json`]). A complete
/// layout is drawn as it is, without simulating: every reader sees the same picture at
/// once, and the reader's build needs no refinement code (Cargo.toml, feature `refine`).
/// `text` comes back unchanged when the story cannot be read or its network shows no node.
///
/// # Examples
/// ```
/// # #[cfg(feature = "importers")] {
/// let story = r#"{"steps": [{"title": "A"}],
///   "entities": {"name": "e.csv", "text": "id,name,kind\nP,Person,person\nC,Company,company\nD,Other,company\n"},
///   "links": {"name": "l.csv", "text": "source,target,kind,confidence\nP,C,owns,reported\nC,D,owns,reported\n"}}"#;
/// let text = farmmap::app::publish::with_settled_layout("s.json", story.to_string());
/// let file: serde_json::Value = serde_json::from_str(&text).unwrap();
/// let positions = file["layout"]["positions"].as_object().unwrap();
/// assert_eq!(positions.len(), 3);
/// let mut session = farmmap::app::Session::empty();
/// session.load_story("s.json", &text).unwrap();
/// assert!(!session.frame_network(0.0), "a complete layout is shown as it is");
/// # }
/// ```
#[cfg(feature = "importers")]
pub fn with_settled_layout(file: &str, text: String) -> String {
    let mut session = Session::empty();
    if session.load_story(file, &text).is_err() || session.net.shown().is_empty() {
        return text;
    }
    session.net.settle();
    let layout = session.network_positions();
    match crate::story::parse_with_layout(file, &text) {
        (Some((story, _)), _) => {
            crate::story::file::StoryFile::from_story(&story, Some(layout)).to_json()
        }
        _ => text,
    }
}

impl Session {
    /// Every chart kind, in the order a reader sees them, with whether the data supports it
    /// (the farms have what it counts and it has at least two bars), whether the story
    /// lists it, and, when it is not supported, why in words. The editor offers the
    /// supported ones and keeps a listed one the data does not support marked as such
    /// (the reader never sees it: [`Session::charts`]).
    ///
    /// # Examples
    /// ```
    /// let session = farmmap::app::Session::new();
    /// let owners = &session.chart_choices()[0];
    /// assert_eq!((owners.kind.as_str(), owners.supported, owners.chosen), ("owners", true, true));
    /// let empty = farmmap::app::Session::empty();
    /// let capacity = &empty.chart_choices()[1];
    /// assert!(!capacity.supported);
    /// assert_eq!(capacity.reason.as_deref(), Some("no farm gives a capacity"));
    /// ```
    pub fn chart_choices(&self) -> Vec<ChartChoice> {
        chart_choices(self.farms(), &self.story.charts)
    }

    /// Step `index` (0-based) drawn on a `width` × `height` CSS-pixel map with every
    /// animation settled, as SVG: the step's title above, "Source: …" and the attribution
    /// below (`scene::svg`). `None` when there is no such step. Sizes are clamped to
    /// [`POSTER_SIDE_PX`]. The session is left at that step.
    ///
    /// # Examples
    /// ```
    /// let mut session = farmmap::app::Session::new();
    /// let svg = session.step_poster(0, 700.0, 500.0).unwrap();
    /// assert!(svg.contains(">More than 100 illegal farms</text>"));
    /// assert!(svg.contains("Source: Almaz Kumenov"));
    /// assert!(session.step_poster(99, 700.0, 500.0).is_none());
    /// ```
    pub fn step_poster(&mut self, index: usize, width: f64, height: f64) -> Option<String> {
        let clamp = |v: f64| {
            if v.is_finite() {
                v.clamp(*POSTER_SIDE_PX.start(), *POSTER_SIDE_PX.end())
            } else {
                700.0
            }
        };
        self.resize_map(clamp(width), clamp(height));
        if !self.go_to_step(index, 0.0, 0.0) {
            return None;
        }
        let mut now = 0.0;
        while self.frame_map(now) && now < SETTLE_LIMIT_MS {
            now += SETTLE_STEP_MS;
        }
        Some(self.step_svg())
    }

    /// Every step as a [`StepPoster`]: its id, title, words for the image's alternative
    /// text, its size and its SVG ([`Session::step_poster`]).
    ///
    /// # Examples
    /// ```
    /// let mut session = farmmap::app::Session::new();
    /// let posters = session.step_posters(600.0, 400.0);
    /// assert_eq!(posters.len(), session.story().steps.len());
    /// assert_eq!((posters[0].width, posters[0].height), (600.0, 474.0)); // caption: 74 px
    /// assert!(posters[0].alt.starts_with("More than 100 illegal farms. In March 2022"));
    /// ```
    pub fn step_posters(&mut self, width: f64, height: f64) -> Vec<StepPoster> {
        (0..self.story.steps.len())
            .filter_map(|i| {
                let svg = self.step_poster(i, width, height)?;
                let step = &self.story.steps[i];
                let camera = &self.map.camera;
                Some(StepPoster {
                    id: step.id.clone(),
                    title: step.title.clone(),
                    alt: [step.title.trim(), step.text.trim()]
                        .iter()
                        .filter(|t| !t.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(". "),
                    width: camera.width,
                    height: crate::scene::svg::captioned_height(camera.height),
                    svg,
                })
            })
            .collect()
    }
}

/// A story file's steps as pictures ([`Session::step_posters`]) on a session of their own;
/// `Err` with the problem when the file cannot be read as a story at all.
///
/// # Examples
/// ```
/// let story = r#"{"title": "T", "source": {"name": "S"},
///   "farms": {"name": "f.csv", "text": "id,lat,lon\na,43.2,76.9\nb,51.1,71.4\n"},
///   "steps": [{"id": "one", "title": "One", "text": "Both farms"}]}"#;
/// let posters = farmmap::app::publish::story_posters("story.json", story, 700.0, 500.0).unwrap();
/// assert_eq!(posters[0].id, "one");
/// assert!(posters[0].svg.contains("Source: S"));
/// assert!(farmmap::app::publish::story_posters("story.json", "[", 700.0, 500.0).is_err());
/// ```
pub fn story_posters(
    name: &str,
    text: &str,
    width: f64,
    height: f64,
) -> Result<Vec<StepPoster>, ImportProblem> {
    let mut session = Session::empty();
    session.load_story(name, text)?;
    Ok(session.step_posters(width, height))
}

/// [`Session::chart_choices`] for `farms` and a story listing `listed` (the editor's worker
/// computes them with its check: counting a big file's farms by region takes a while).
pub fn chart_choices(farms: &[crate::model::Farm], listed: &[String]) -> Vec<ChartChoice> {
    ChartKind::ALL
        .iter()
        .map(|&k| {
            let reason = if !from_farms::supports(k, farms) {
                Some(match k {
                    ChartKind::OwnerGroups => "there are no farms",
                    ChartKind::CapacityByRegion => "no farm gives a capacity",
                    ChartKind::ShutdownsByMonth => {
                        "no dates: no shut-down farm gives the month it was shut down (map a column as date in the column mapping)"
                    }
                })
            } else if from_farms::chart_data(k, farms).bars.len() < 2 {
                Some("the data gives it only one bar, which says nothing")
            } else {
                None
            };
            let listed_as: Vec<String> = listed
                .iter()
                .filter(|c| ChartKind::parse(c) == Some(k))
                .cloned()
                .collect();
            ChartChoice {
                kind: k.name().into(),
                title: from_farms::title(k),
                supported: reason.is_none(),
                chosen: !listed_as.is_empty(),
                listed_as,
                reason: reason.map(str::to_string),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::results::MapItem;

    /// A story over `farms` (CSV text, `\n` escaped for JSON) listing `charts`.
    fn story(farms: &str, charts: &str) -> String {
        format!(
            r#"{{"title":"T","source":{{"name":"The source"}},"charts":{charts},
              "steps":[{{"id":"a","title":"First","text":"All of them"}},
                       {{"id":"b","title":"Second","camera":{{"focus":["B"]}},"highlight":["B"]}}],
              "farms":{{"name":"f.csv","text":"{farms}"}}}}"#
        )
    }

    #[test]
    fn the_editor_is_offered_only_the_charts_the_data_supports_and_sees_the_storys_choice() {
        // Two owners, no capacity, no shutdown date.
        let farms = r"id,lat,lon,status,owner\nA,51.7,75.3,shut down,X\nB,43.2,76.9,operating,Y\n";
        let mut s = Session::empty();
        s.load_story("s.json", &story(farms, r#"["capacity"]"#))
            .unwrap();
        let c = s.chart_choices();
        let row = |k: &str| c.iter().find(|c| c.kind == k).unwrap().clone();
        assert_eq!(c.len(), 3);
        assert!(row("owners").supported && !row("owners").chosen && row("owners").reason.is_none());
        // Listed but not supported: still chosen (nothing changes silently), with the reason.
        let cap = row("capacity");
        assert!(!cap.supported && cap.chosen);
        assert_eq!(cap.listed_as, ["capacity"]);
        assert_eq!(cap.reason.as_deref(), Some("no farm gives a capacity"));
        let shut = row("shutdowns");
        assert!(!shut.supported && !shut.chosen);
        assert!(shut.reason.unwrap().starts_with("no dates"));
        // The titles are the charts' own.
        assert_eq!(row("owners").title, s.chart_data("owners").unwrap().title);

        // Capacities in one region only: supported data, but one bar says nothing.
        let farms = r"id,lat,lon,owner,capacity_mw\nA,51.7,75.3,X,10\nB,51.71,75.31,Y,5\n";
        s.load_story("s.json", &story(farms, "[]")).unwrap();
        let cap = s.chart_choices()[1].clone();
        assert_eq!(cap.kind, "capacity");
        assert!(!cap.supported);
        assert!(cap.reason.unwrap().contains("only one bar"));
    }

    #[test]
    fn every_step_becomes_a_captioned_picture_of_its_own_view() {
        let farms = r"id,lat,lon,owner\nA,51.7,75.3,X\nB,43.2,76.9,Y\n";
        let posters = story_posters("s.json", &story(farms, "[]"), 640.0, 400.0).unwrap();
        let ids: Vec<&str> = posters.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        for (p, title) in posters.iter().zip(["First", "Second"]) {
            assert!(p.svg.starts_with("<svg"), "{}", &p.svg[..60]);
            assert!(p.svg.contains(&format!(">{title}</text>")));
            assert!(p.svg.contains("Source: The source"));
            assert!(p.svg.contains("Natural Earth"), "the attribution line");
            assert_eq!((p.width, p.height), (640.0, 474.0));
            assert!(p.svg.contains("width=\"640\" height=\"474\""));
        }
        assert_eq!(posters[0].alt, "First. All of them");
        assert_eq!(posters[1].alt, "Second");
        // The second step focuses one farm: another view, another picture.
        assert_ne!(
            posters[0].svg.replace("First", ""),
            posters[1].svg.replace("Second", "")
        );
        // Sizes are clamped to what the command line accepts.
        let tiny = story_posters("s.json", &story(farms, "[]"), 1.0, f64::NAN).unwrap();
        assert_eq!((tiny[0].width, tiny[0].height), (100.0, 774.0));
        // A story with no steps has no pictures; a file that is no story is an error.
        assert!(story_posters("s.json", r#"{"title":"x"}"#, 700.0, 500.0)
            .unwrap()
            .is_empty());
        let err = story_posters("s.json", "{", 700.0, 500.0).unwrap_err();
        assert!(err.text.starts_with("s.json"), "{}", err.text);
    }

    #[test]
    fn a_clicked_cluster_names_the_farms_inside_it() {
        let mut s = Session::new();
        s.resize_map(300.0, 200.0);
        s.frame_map(0.0);
        let (cluster, count) = s
            .visible_items()
            .into_iter()
            .find_map(|i| match i {
                MapItem::Cluster { cluster, count, .. } => Some((cluster, count)),
                MapItem::Farm { .. } => None,
            })
            .expect("the demo clusters at a small size");
        let ids = s.cluster_farm_ids(cluster);
        assert_eq!(ids.len(), count as usize);
        for id in &ids {
            assert!(s.farm_index(id).is_some(), "{id}");
        }
        // In the file's order, each once.
        let order: Vec<u32> = ids.iter().map(|id| s.farm_index(id).unwrap()).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        // Ids name a cluster at its zoom: still the same after the view moves.
        s.pan_by(50.0, 0.0);
        s.frame_map(1.0);
        assert_eq!(s.cluster_farm_ids(cluster), ids);
        assert!(s.cluster_farm_ids(u32::MAX).is_empty());
    }
}
