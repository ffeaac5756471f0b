//! A story's published data: the farms and the ownership network as they were loaded and
//! checked from the story's source files, written compactly under the story file's
//! `published` key, so the reader's build (no importer, no gazetteer: see Cargo.toml's
//! features) shows the story without reading a spreadsheet.
//!
//! ```json
//! "published": {
//!  "format": 1,
//!  "sources": ["farms.csv", "entities.csv", "links.csv"],
//!  "precision_default": "region",
//!  "farms": {"id": ["F1", …], "name": […], "lng": […], "lat": […], "status": […],
//!            "capacity_mw": [12.5, null, …], "precision": […], "owner": […],
//!            "source_url": […], "extra": [[["note", "…"]], …],
//!            "date": ["2022-03", null, …], "illustrative": [true, false, …]},
//!  "network": {"nodes": [{"id", "kind", "name", …}], "ties": [{"source", "target", "kind",
//!              "confidence", "source_url", …}]}
//! }
//! ```
//!
//! The farms are columns (one array per field, farms in load order): the field names are
//! written once, not once per farm. Every field is kept — the extra columns, each tie's
//! source and confidence (its hedge), shares, interests — so the reader sees what the
//! editor saw. `farmmap publish` and the editor's download write it ([`publish`], feature
//! `importers`); a full build prefers the source files when a story has them (so an editor
//! always previews what it edits) and reads this otherwise; the reader's build reads only
//! this.

use super::Loaded;
use crate::import::Report;
use crate::model::{Farm, FarmDate, Precision, Status};
use crate::network::model::{Network, Node};
use serde::{Deserialize, Serialize};

/// The version [`Published::format`] has; a file with another is refused with a sentence.
pub const FORMAT: u32 = 1;

/// The published data of a story (see the module docs).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Published {
    /// [`FORMAT`].
    pub format: u32,
    /// The names of the source files it was published from, in the story's order.
    #[serde(default)]
    pub sources: Vec<String>,
    /// The precision given to farms whose row stated none, when any did (the legend says it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision_default: Option<Precision>,
    pub farms: FarmColumns,
    /// How many of the first farms the network has as its first nodes (each made with
    /// [`Node::from_farm`], in order); those nodes are not written again.
    #[serde(default)]
    pub farm_nodes: usize,
    /// The network, less its first `farm_nodes` nodes.
    pub network: Network,
}

/// The farms, one array per field (all of the same length).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FarmColumns {
    pub id: Vec<String>,
    pub name: Vec<String>,
    pub lng: Vec<f64>,
    pub lat: Vec<f64>,
    pub status: Vec<Status>,
    pub capacity_mw: Vec<Option<f64>>,
    pub precision: Vec<Precision>,
    pub owner: Vec<String>,
    pub source_url: Vec<String>,
    pub extra: Vec<Vec<(String, String)>>,
    /// Each farm's date (`YYYY-MM` or `YYYY-MM-DD`, or null); absent when no farm has one
    /// (and in data published before dates were a field).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub date: Vec<Option<FarmDate>>,
    /// Whether each farm is placed for illustration; absent when none is (and in data
    /// published before it was a field, which says it in `extra`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub illustrative: Vec<bool>,
}

impl FarmColumns {
    /// The farms as columns.
    pub fn from_farms(farms: &[Farm]) -> FarmColumns {
        let col = |f: fn(&Farm) -> String| farms.iter().map(f).collect();
        FarmColumns {
            id: col(|f| f.id.clone()),
            name: col(|f| f.name.clone()),
            lng: farms.iter().map(|f| f.lng).collect(),
            lat: farms.iter().map(|f| f.lat).collect(),
            status: farms.iter().map(|f| f.status).collect(),
            capacity_mw: farms.iter().map(|f| f.capacity_mw).collect(),
            precision: farms.iter().map(|f| f.precision).collect(),
            owner: col(|f| f.owner.clone()),
            source_url: col(|f| f.source_url.clone()),
            extra: farms.iter().map(|f| f.extra.clone()).collect(),
            date: if farms.iter().any(|f| f.date.is_some()) {
                farms.iter().map(|f| f.date).collect()
            } else {
                Vec::new()
            },
            illustrative: if farms.iter().any(|f| f.illustrative) {
                farms.iter().map(|f| f.illustrative).collect()
            } else {
                Vec::new()
            },
        }
    }

    /// The farms back, or why the columns do not fit together (lengths differ).
    ///
    /// # Examples
    /// ```
    /// use farmmap::model::Farm;
    /// use farmmap::story::published::FarmColumns;
    /// let farms = vec![Farm::at("A", 76.9, 43.2), Farm::at("B", 75.0, 51.5)];
    /// let columns = FarmColumns::from_farms(&farms);
    /// assert_eq!(columns.to_farms().unwrap(), farms);
    /// let short = FarmColumns { lat: vec![43.2], ..columns };
    /// assert_eq!(short.to_farms().unwrap_err(), "\"lat\" has 1 values for 2 farms");
    /// ```
    pub fn to_farms(&self) -> Result<Vec<Farm>, String> {
        self.check()?;
        Ok((0..self.id.len())
            .map(|i| Farm {
                id: self.id[i].clone(),
                name: self.name[i].clone(),
                lng: self.lng[i],
                lat: self.lat[i],
                status: self.status[i],
                capacity_mw: self.capacity_mw[i],
                precision: self.precision[i],
                owner: self.owner[i].clone(),
                source_url: self.source_url[i].clone(),
                extra: self.extra[i].clone(),
                date: self.date.get(i).copied().flatten(),
                illustrative: self.illustrative.get(i).copied().unwrap_or(false),
            })
            .collect())
    }

    /// Whether every column has one value per farm; else the first that has not.
    pub fn check(&self) -> Result<(), String> {
        let n = self.id.len();
        let lengths = [
            ("name", self.name.len()),
            ("lng", self.lng.len()),
            ("lat", self.lat.len()),
            ("status", self.status.len()),
            ("capacity_mw", self.capacity_mw.len()),
            ("precision", self.precision.len()),
            ("owner", self.owner.len()),
            ("source_url", self.source_url.len()),
            ("extra", self.extra.len()),
        ];
        // Columns that may be absent (none of the farms has a value).
        let optional = [
            ("date", self.date.len()),
            ("illustrative", self.illustrative.len()),
        ];
        if let Some((field, len)) = lengths
            .iter()
            .chain(optional.iter().filter(|(_, len)| *len != 0))
            .find(|(_, len)| *len != n)
        {
            return Err(format!("\"{field}\" has {len} values for {n} farms"));
        }
        Ok(())
    }
}

impl Published {
    /// The published form of loaded data, naming the files it came from.
    pub fn from_loaded(loaded: &Loaded, sources: Vec<String>) -> Published {
        let farms = &loaded.farms.records;
        let nodes = &loaded.network.nodes;
        let farm_nodes = farms
            .iter()
            .zip(nodes)
            .take_while(|(f, n)| Node::from_farm(f) == **n)
            .count();
        Published {
            format: FORMAT,
            sources,
            precision_default: loaded.precision_default,
            farms: FarmColumns::from_farms(farms),
            farm_nodes,
            network: Network {
                nodes: nodes[farm_nodes..].to_vec(),
                ties: loaded.network.ties.clone(),
            },
        }
    }

    /// Whether the data can be used; else why not (one sentence).
    pub fn check(&self) -> Result<(), String> {
        if self.format != FORMAT {
            return Err(format!(
                "it is in format {}; this version reads format {FORMAT}",
                self.format
            ));
        }
        self.farms.check().map_err(|why| format!("farms: {why}"))?;
        if self.farm_nodes > self.farms.id.len() {
            return Err(format!(
                "\"farm_nodes\" is {} for {} farms",
                self.farm_nodes,
                self.farms.id.len()
            ));
        }
        Ok(())
    }

    /// The data as a story loads it, or why it cannot be used (one sentence).
    pub fn to_loaded(&self) -> Result<Loaded, String> {
        self.check()?;
        let farms = self.farms.to_farms()?;
        let mut nodes: Vec<Node> = farms[..self.farm_nodes]
            .iter()
            .map(Node::from_farm)
            .collect();
        nodes.extend(self.network.nodes.iter().cloned());
        Ok(Loaded {
            farms: Report {
                records: farms,
                ..Report::default()
            },
            network: Network {
                nodes,
                ties: self.network.ties.clone(),
            },
            precision_default: self.precision_default,
            farm_nodes: self.farm_nodes,
        })
    }
}

/// A story file published by [`publish`]: its text, and what loading its sources said.
#[cfg(feature = "importers")]
#[derive(Debug)]
pub struct PublishedStory {
    /// The story file's text, with its `published` data.
    pub text: String,
    /// Every problem of the file and of its sources (rows with errors are left out of the
    /// published data, exactly as they are left out of the map).
    pub problems: Vec<crate::import::ImportError>,
    /// How the source files were read (encoding, units, defaults), as the editor shows it.
    pub notes: Vec<crate::import::ImportError>,
}

/// Publish a story file's text: its source files loaded and checked as a reader's map
/// loads them, written under `published` (replacing any there). `Err` only when the file
/// cannot be read at all. With `keep_sources` false the source files are dropped from the output (a
/// smaller file for readers; the editor needs them to edit the data).
///
/// # Examples
/// ```
/// use farmmap::story::published::publish;
/// let story = r#"{"title": "T", "steps": [{"title": "A"}],
///   "farms": {"name": "f.csv", "text": "id,lat,lon\nA,43.2,76.9\nB,north,76\n"}}"#;
/// let out = publish("s.json", story, false).unwrap();
/// assert_eq!(out.problems[0].to_string(), "f.csv row 3, column lat: \"north\" is not a number");
/// assert!(out.text.contains("\"published\"") && !out.text.contains("id,lat,lon"));
/// let (parsed, _) = farmmap::story::parse("s.json", &out.text);
/// assert_eq!(farmmap::story::load(&parsed.unwrap()).farms.records.len(), 1);
/// ```
#[cfg(feature = "importers")]
pub fn publish(
    file: &str,
    text: &str,
    keep_sources: bool,
) -> Result<PublishedStory, crate::import::ImportError> {
    let (parsed, mut problems) = super::parse_with_layout(file, text);
    let Some((mut story, layout)) = parsed else {
        return Err(problems
            .into_iter()
            .next()
            .unwrap_or_else(|| crate::import::ImportError::file(file, "cannot be read")));
    };
    // Without source files there is nothing to load: the data already published stays.
    if story.source_files().next().is_none() {
        return Ok(PublishedStory {
            text: super::file::StoryFile::from_story(&story, layout).to_json(),
            problems,
            notes: Vec::new(),
        });
    }
    let loaded = super::load_sources(&story);
    let sources = story.source_files().map(|f| f.name.clone()).collect();
    story.published = Some(Published::from_loaded(&loaded, sources));
    if !keep_sources {
        story.farms = None;
        story.entities = None;
        story.links = None;
        story.ftm = None;
        story.bods = None;
    }
    // A stale or broken `published` is what this replaces: not a problem of the result.
    problems.retain(|p| p.column.as_deref() != Some("published"));
    problems.extend(loaded.farms.errors.iter().cloned());
    Ok(PublishedStory {
        text: super::file::StoryFile::from_story(&story, layout).to_json(),
        problems,
        notes: loaded.farms.notes.clone(),
    })
}

#[cfg(all(test, feature = "importers"))]
mod tests {
    use super::*;
    use crate::story::{self, DataFile, Story};

    /// The story as published without its sources, parsed back.
    fn published_only(file: &str, text: &str) -> Story {
        let out = publish(file, text, false).unwrap();
        let (parsed, problems) = story::parse(file, &out.text);
        assert!(
            problems
                .iter()
                .all(|p| p.column.as_deref() != Some("published")),
            "{problems:?}"
        );
        let parsed = parsed.unwrap();
        assert_eq!(parsed.source_files().count(), 0);
        parsed
    }

    #[test]
    fn the_demo_story_file_is_published_from_its_sources() {
        let (story, problems) = story::parse("kazakhstan-2022.json", story::DEMO_PUBLISHED_JSON);
        assert!(problems.is_empty(), "{problems:?}");
        let story = story.unwrap();
        // Its sources are data/story's files…
        let text = |f: &Option<DataFile>| f.as_ref().and_then(|f| f.text.clone()).unwrap();
        assert_eq!(text(&story.farms), story::DEMO_FARMS_CSV);
        assert_eq!(text(&story.entities), story::DEMO_ENTITIES_CSV);
        assert_eq!(text(&story.links), story::DEMO_LINKS_CSV);
        // …and its published data is theirs: publishing again changes no byte.
        let again = publish("kazakhstan-2022.json", story::DEMO_PUBLISHED_JSON, true).unwrap();
        assert!(
            again.text == story::DEMO_PUBLISHED_JSON,
            "www/stories/kazakhstan-2022.json is out of date: run node scripts/data/build_story.mjs"
        );
        assert!(again.problems.is_empty(), "{:?}", again.problems);
    }

    #[test]
    fn publish_then_load_gives_what_the_sources_give() {
        let sources = story::demo();
        let from_sources = story::load_sources(&sources);
        let text = crate::story::file::StoryFile::from_story(&sources, None).to_json();
        let published = published_only("s.json", &text);
        let loaded = story::load(&published);
        assert_eq!(loaded.farms.records, from_sources.farms.records);
        assert_eq!(loaded.network, from_sources.network);
        assert_eq!(loaded.precision_default, from_sources.precision_default);
        assert_eq!(published.steps, sources.steps);
        assert_eq!(
            (published.title, published.charts),
            (sources.title, sources.charts)
        );
        // Every tie keeps its source and hedge.
        assert!(loaded
            .network
            .ties
            .iter()
            .any(|t| t.confidence == crate::network::model::Confidence::Alleged));
        assert!(loaded.network.ties.iter().all(|t| t.source_url.is_some()));
    }

    #[test]
    fn network_files_with_located_sites_and_interests_round_trip() {
        let ftm = [
            r#"{"id":"re1","schema":"RealEstate","properties":{"name":["Site"],"latitude":["51.7"],"longitude":["75.3"],"sourceUrl":["https://example.org/re1"]}}"#,
            r#"{"id":"co1","schema":"Company","properties":{"name":["Mining LLP"]}}"#,
            r#"{"id":"own1","schema":"Ownership","properties":{"owner":["co1"],"asset":["re1"],"percentage":["100"],"sourceUrl":["https://example.org/o"]}}"#,
        ]
        .join("\n");
        let story_text = serde_json::json!({
            "title": "T", "steps": [{"title": "A"}],
            "farms": {"name": "f.csv", "text": "id,name,lat,lon,capacity_mw,note\nA,Ä farm,43.25,76.9,1.5,x\nB,B,50,70,,\n",
                      "options": {"precision_default": "city"}},
            "ftm": {"name": "aleph.json", "text": ftm},
        })
        .to_string();
        let (parsed, _) = story::parse("s.json", &story_text);
        let from_sources = story::load_sources(&parsed.unwrap());
        assert_eq!(
            from_sources.farms.records.len(),
            3,
            "two rows and the FtM site"
        );
        let published = published_only("s.json", &story_text);
        let p = published.published.as_ref().unwrap();
        // The farms' own nodes (the file's two, and the FtM site's, which is the same
        // node) are not written twice.
        assert_eq!(p.farm_nodes, 3);
        assert_eq!(p.network.nodes.len(), from_sources.network.nodes.len() - 3);
        assert_eq!(p.sources, ["f.csv", "aleph.json"]);
        let loaded = story::load(&published);
        assert_eq!(loaded.farms.records, from_sources.farms.records);
        assert_eq!(loaded.network, from_sources.network);
        assert_eq!(loaded.precision_default, Some(Precision::City));
    }

    #[test]
    fn data_published_before_dates_were_a_field_reads_as_it_did() {
        // The extra columns said it; no date or illustrative column.
        let old = r#"{"id": ["A", "B"], "name": ["A", "B"], "lng": [75.3, 76.9], "lat": [51.7, 43.2],
            "status": ["shut_down", "shut_down"], "capacity_mw": [null, null], "precision": ["region", "city"],
            "owner": ["", ""], "source_url": ["", ""],
            "extra": [[["shut_down_by", "2022-03"], ["illustrative", "yes"]], [["shut_down_by", "2022-05"]]]}"#;
        let columns: FarmColumns = serde_json::from_str(old).unwrap();
        let farms = columns.to_farms().unwrap();
        assert!(farms[0].is_illustrative() && !farms[1].is_illustrative());
        assert_eq!(farms[0].date, None);
        let kind = crate::charts::ChartKind::ShutdownsByMonth;
        let bars = crate::charts::from_farms::chart_data(kind, &farms).bars;
        assert_eq!(bars.iter().map(|b| b.value).sum::<f64>(), 2.0);
        // Written again with the fields, which read back the same; a column of the wrong
        // length is named.
        let mut farms = farms;
        farms[1].date = crate::model::FarmDate::new(2022, 5, Some(2));
        let again = FarmColumns::from_farms(&farms);
        assert_eq!(again.date.len(), 2);
        assert!(again.illustrative.is_empty(), "no farm has the field set");
        assert_eq!(again.to_farms().unwrap(), farms);
        let short = FarmColumns {
            date: vec![None],
            ..again
        };
        assert_eq!(
            short.check().unwrap_err(),
            "\"date\" has 1 values for 2 farms"
        );
    }

    #[test]
    fn a_published_block_that_does_not_fit_is_named_and_left_out() {
        let out = publish(
            "s.json",
            &crate::story::file::StoryFile::from_story(&story::demo(), None).to_json(),
            false,
        )
        .unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&out.text).unwrap();
        v["published"]["farms"]["lat"].as_array_mut().unwrap().pop();
        let (parsed, problems) = story::parse("s.json", &v.to_string());
        assert!(parsed.unwrap().published.is_none());
        assert_eq!(
            problems[0].to_string(),
            "s.json, column published: cannot be used (farms: \"lat\" has 100 values for 101 farms); publish the story again (farmmap publish)"
        );
        v["published"]["format"] = 2.into();
        let (_, problems) = story::parse("s.json", &v.to_string());
        assert!(problems[0].message.contains("format 2"), "{problems:?}");
    }

    #[test]
    fn publishing_a_story_without_sources_keeps_its_data_and_bytes() {
        let text = crate::story::file::StoryFile::from_story(&story::demo(), None).to_json();
        let once = publish("s.json", &text, false).unwrap().text;
        assert_eq!(publish("s.json", &once, false).unwrap().text, once);
        assert_eq!(publish("s.json", &once, true).unwrap().text, once);
    }
}
