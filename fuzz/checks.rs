//! One function per fuzz target: feed the bytes to a parser the way the app does, then check
//! the invariants the project promises (ARCHITECTURE.md, "Invariants") — not only "no panic".
//!
//! Shared, through `#[path]`, by the cargo-fuzz targets in `fuzz/fuzz_targets/` (nightly)
//! and by `tests/fuzz_corpus.rs`, which replays every committed corpus and regression file
//! on stable, so CI checks the same things without fuzzing.
//!
//! Each function panics (an assertion) when an invariant fails; a parser returning errors
//! is fine, that is what hostile input should get.

#![allow(dead_code)] // each fuzz target uses one function

use farmmap::charts::{self, BarData, Chart, ChartKind, ChartStyle};
use farmmap::cluster::{ClusterIndex, ClusterOptions, PointAttrs, UNASSIGNED};
use farmmap::import::text::{decode, decode_guess, sniff_delimiter};
use farmmap::import::{self, bods, ftm, links_csv, ImportError, NetworkReport, Report, Severity};
use farmmap::model::Farm;
use farmmap::network::forceatlas2::{ForceAtlas2, Settings};
use farmmap::network::graph::Graph;
use farmmap::network::model::{Network, Node, Tie};
use farmmap::network::{paths, sentence};
use farmmap::story;
use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;

/// Every error names its file, uses one of the units this format has, and a record-level
/// error names a record that exists (1-based, within the input).
fn check_errors(errors: &[ImportError], files: &[&str], units: &[&str], max_record: usize) {
    for e in errors {
        assert!(
            files.contains(&e.file.as_str()),
            "error names file {:?}, expected one of {files:?}: {e}",
            e.file
        );
        if let Some(row) = e.row {
            // The unit is only shown with a record number.
            assert!(
                units.contains(&e.unit),
                "error unit {:?} is not one of {units:?}: {e}",
                e.unit
            );
            assert!(row >= 1, "record numbers are 1-based: {e}");
            assert!(
                row <= max_record.max(1),
                "{e}: {} {row} is past the last record ({max_record})",
                e.unit
            );
        }
        assert!(
            !e.message.trim().is_empty(),
            "error without a message: {e:?}"
        );
    }
}

/// 1-based lines in `text` as a reader counts them (LF, CRLF or a lone CR ends a line).
fn line_count(text: &str) -> usize {
    let b = text.as_bytes();
    let mut n = 1;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

fn check_farm(f: &Farm) {
    assert!(
        f.lng.is_finite() && (-180.0..=180.0).contains(&f.lng),
        "farm {:?}: lng {} out of range",
        f.id,
        f.lng
    );
    assert!(
        f.lat.is_finite() && (-90.0..=90.0).contains(&f.lat),
        "farm {:?}: lat {} out of range",
        f.id,
        f.lat
    );
    assert!(!f.id.trim().is_empty(), "farm with an empty id");
    if let Some(c) = f.capacity_mw {
        assert!(c.is_finite() && c >= 0.0, "farm {:?}: capacity {c}", f.id);
    }
    check_link(&f.source_url);
}

fn check_link(url: &str) {
    let lower = url.to_ascii_lowercase();
    assert!(
        url.is_empty() || lower.starts_with("https://") || lower.starts_with("http://"),
        "a link that is not http(s) got through: {url:?}"
    );
}

/// Cluster the farms as the map does, and query every zoom the map shows: counts add up,
/// positions stay on the globe, and every cluster id answers children, leaves and
/// expansion zoom.
fn check_clusters(farms: &[Farm]) {
    let lnglat: Vec<f64> = farms.iter().flat_map(|f| [f.lng, f.lat]).collect();
    let attrs = PointAttrs {
        capacity: farms
            .iter()
            .map(|f| f.capacity_mw.unwrap_or(f64::NAN))
            .collect(),
        status: farms.iter().map(|f| f.status.index() as u8).collect(),
        group: vec![UNASSIGNED; farms.len()],
    };
    let mut index = ClusterIndex::new(ClusterOptions::default()).expect("default options");
    index
        .load(&lnglat, &attrs)
        .expect("in-range farms are valid cluster input");
    for zoom in [0.0, 3.0, 8.0, 17.0] {
        let c = index
            .clusters([-180.0, -90.0, 180.0, 90.0], zoom)
            .expect("a world query");
        let total: u64 = c.count.iter().map(|&n| u64::from(n)).sum();
        assert_eq!(total, farms.len() as u64, "zoom {zoom}: counts add up");
        for k in 0..c.len() {
            assert!(c.lng[k].is_finite() && c.lng[k].abs() <= 180.0 + 1e-9);
            assert!(c.lat[k].is_finite() && c.lat[k].abs() <= 90.0);
            if c.count[k] > 1 {
                let id = c.id[k];
                index.children(id).expect("children of a listed cluster");
                let leaves = index.leaves(id, 10, 0).expect("leaves of a listed cluster");
                assert!(leaves.iter().all(|&i| (i as usize) < farms.len()));
                index
                    .expansion_zoom(id)
                    .expect("expansion zoom of a listed cluster");
            }
        }
        let _ = index.aggregates(&c);
    }
}

fn check_farms(report: &Report<Farm>) {
    check_clusters(&report.records);
    let mut ids = HashSet::new();
    for f in &report.records {
        check_farm(f);
        assert!(ids.insert(f.id.as_str()), "farm id {:?} loaded twice", f.id);
    }
    if report.skipped > 0 {
        assert!(
            report.errors.iter().any(|e| e.severity == Severity::Error),
            "{} records skipped without an error",
            report.skipped
        );
    }
}

/// Rows of a CSV file as the importers read it: the header's delimiter, flexible, the
/// header row not counted; blank rows are not data. With them, the row the header is on
/// (blank lines before it count, as in a spreadsheet). `None` when there is no header.
fn csv_data_rows(text: &str) -> Option<(usize, usize)> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = records.next()?.ok()?;
    let b = text.as_bytes();
    let mut at = header.position().map_or(0, |p| p.byte() as usize);
    while at < b.len() && (b[at] == b'\r' || b[at] == b'\n') {
        at += 1;
    }
    let header_row = line_count(&text[..at]);
    let rows = records
        .filter(|r| match r {
            Ok(r) => r.iter().any(|c| !c.trim().is_empty()),
            Err(_) => true,
        })
        .count();
    Some((rows, header_row))
}

/// For a CSV report: loaded + skipped == data rows, and each skipped row is named by at
/// least one error of severity Error (distinct rows with such errors == skipped), unless the
/// header itself is at fault. `text` is the file as the importer decoded it.
fn check_csv_counts<T>(text: &str, report: &Report<T>) {
    let table = csv_data_rows(text);
    let header_row = table.map_or(1, |t| t.1);
    let header_fault = report.errors.iter().any(|e| {
        e.severity == Severity::Error
            && (e.row == Some(1)
                || e.row == Some(header_row)
                || (e.row.is_none() && e.unit == "row"))
    });
    let utf16_fault = report
        .errors
        .iter()
        .any(|e| e.row.is_none() && e.message.contains("UTF-16"));
    if let (Some((rows, _)), false) = (table, text.trim().is_empty()) {
        if !header_fault || !report.records.is_empty() {
            assert_eq!(
                report.records.len() + report.skipped,
                rows,
                "loaded {} + skipped {} != {rows} data rows; errors: {:#?}",
                report.records.len(),
                report.skipped,
                report.errors
            );
        }
    }
    if !header_fault && !utf16_fault {
        let named: BTreeSet<usize> = report
            .errors
            .iter()
            .filter(|e| e.severity == Severity::Error)
            .filter_map(|e| e.row)
            .collect();
        assert_eq!(
            named.len(),
            report.skipped,
            "rows named by errors {named:?} but {} skipped; errors: {:#?}",
            report.skipped,
            report.errors
        );
    }
}

/// The editor's column table of the same bytes: never a panic; a file that loads farms has
/// columns; every column says where its meaning comes from and shows at most a few samples.
fn check_columns(file: &str, data: &[u8], loaded: bool) {
    let c = farmmap::story::farms_file::describe(file, data, &Default::default());
    if loaded {
        assert!(!c.columns.is_empty() && c.problem.is_none(), "{c:?}");
    }
    for (i, col) in c.columns.iter().enumerate() {
        assert_eq!(col.index, i);
        assert!(col.samples.len() <= farmmap::import::describe::SAMPLES);
        assert!(col.filled <= c.rows, "{col:?}");
    }
}

pub fn farms_csv(data: &[u8]) {
    let file = "farms.csv";
    let r = import::farms_csv::parse(file, data);
    // Farms files are read in whatever encoding they were saved in (spreadsheets are not
    // CSV: they are checked for errors and farms only).
    let workbook = data.starts_with(b"PK\x03\x04")
        || data.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let text = decode_guess(data).text;
    let max_row = if workbook {
        usize::MAX
    } else {
        line_count(&text)
    };
    check_errors(&r.errors, &[file], &["row"], max_row);
    check_farms(&r);
    check_columns(file, data, !r.records.is_empty());
    if !workbook {
        check_csv_counts(&text, &r);
    }
    assert!(
        !r.records.is_empty() || !r.errors.is_empty(),
        "a farms file that loads nothing must say why"
    );
}

pub fn farms_geojson(data: &[u8]) {
    let file = "farms.geojson";
    let r = import::farms_geojson::parse(file, data);
    let text = decode(file, data).text;
    check_columns(file, data, !r.records.is_empty());
    let root: Option<serde_json::Value> = serde_json::from_str(&text).ok();
    let features = root.as_ref().and_then(|v| match v.get("type")?.as_str()? {
        "FeatureCollection" => Some(v.get("features")?.as_array()?.len()),
        "Feature" => Some(1),
        _ => None,
    });
    let lines = line_count(&text);
    check_errors(
        &r.errors,
        &[file],
        &["line", "feature"],
        lines.max(features.unwrap_or(0)),
    );
    for e in &r.errors {
        if e.unit == "feature" {
            let n = features.expect("a feature error without features");
            assert!(e.row.is_some_and(|row| row <= n), "{e}: only {n} features");
        }
    }
    check_farms(&r);
    if let Some(n) = features {
        assert_eq!(
            r.records.len() + r.skipped,
            n,
            "loaded + skipped != features; errors: {:#?}",
            r.errors
        );
    }
    assert!(
        !r.records.is_empty() || !r.errors.is_empty(),
        "a farms file that loads nothing must say why"
    );
}

fn check_node(n: &Node) {
    assert!(!n.id.trim().is_empty(), "node with an empty id");
    if let Some(lng) = n.lng {
        assert!(lng.is_finite() && (-180.0..=180.0).contains(&lng), "{n:?}");
    }
    if let Some(lat) = n.lat {
        assert!(lat.is_finite() && (-90.0..=90.0).contains(&lat), "{n:?}");
    }
    if let Some(url) = &n.source_url {
        check_link(url);
    }
}

fn check_tie(t: &Tie, ids: &HashSet<&str>) {
    assert!(
        ids.contains(t.source.as_str()) && ids.contains(t.target.as_str()),
        "tie {} -> {} names a node that is not in the network",
        t.source,
        t.target
    );
    if let Some(s) = t.share {
        assert!(
            s.min.is_finite()
                && s.max.is_finite()
                && 0.0 <= s.min
                && s.min <= s.max
                && s.max <= 100.0,
            "tie {} -> {}: share {s:?}",
            t.source,
            t.target
        );
    }
    if let Some(url) = &t.source_url {
        check_link(url);
    }
}

/// New nodes have unique ids not already in `existing`; ties join nodes that exist.
fn check_network(existing: &Network, nodes: &[Node], ties: &[Tie]) {
    let mut ids: HashSet<&str> = existing.nodes.iter().map(|n| n.id.as_str()).collect();
    for n in nodes {
        check_node(n);
        assert!(ids.insert(n.id.as_str()), "node id {:?} loaded twice", n.id);
    }
    for t in ties {
        check_tie(t, &ids);
    }
}

/// The demo's farms and entities: what a links file is loaded against.
fn seed_network() -> &'static Network {
    static NET: OnceLock<Network> = OnceLock::new();
    NET.get_or_init(|| {
        let farms = import::farms_csv::parse("farms.csv", story::DEMO_FARMS_CSV.as_bytes());
        let mut net = Network::with_farms(&farms.records);
        let r =
            links_csv::parse_entities("entities.csv", story::DEMO_ENTITIES_CSV.as_bytes(), &net);
        net.nodes.extend(r.records);
        net
    })
}

fn farms_only_network() -> &'static Network {
    static NET: OnceLock<Network> = OnceLock::new();
    NET.get_or_init(|| {
        let farms = import::farms_csv::parse("farms.csv", story::DEMO_FARMS_CSV.as_bytes());
        Network::with_farms(&farms.records)
    })
}

pub fn entities(data: &[u8]) {
    let file = "entities.csv";
    let base = farms_only_network();
    let r = links_csv::parse_entities(file, data, base);
    check_errors(
        &r.errors,
        &[file],
        &["row"],
        line_count(&decode(file, data).text),
    );
    check_network(base, &r.records, &[]);
    check_csv_counts(&decode(file, data).text, &r);
}

pub fn links(data: &[u8]) {
    let file = "links.csv";
    let base = seed_network();
    let r = links_csv::parse_links(file, data, base);
    check_errors(
        &r.errors,
        &[file],
        &["row"],
        line_count(&decode(file, data).text),
    );
    check_network(base, &[], &r.records);
    check_csv_counts(&decode(file, data).text, &r);
}

fn check_network_report(existing: &Network, r: &NetworkReport) {
    check_network(existing, &r.nodes.records, &r.ties.records);
    if r.nodes.skipped + r.ties.skipped > 0 {
        assert!(
            !r.nodes.errors.is_empty() || !r.ties.errors.is_empty(),
            "records skipped without an error"
        );
    }
}

/// Records in a JSON file as the importers read them (a JSON array, JSON Lines or objects
/// one after another: a single pretty-printed record is record 1): the highest number any
/// record gets.
fn record_count(text: &str) -> usize {
    let mut n = 0;
    let _ = import::json_records::read(text, &HashSet::new(), |item| n = n.max(item.number));
    n
}

pub fn ftm(data: &[u8]) {
    let file = "aleph.json";
    let base = farms_only_network();
    let r = ftm::parse(file, data, base);
    let text = decode(file, data).text;
    // JSON Lines name lines; an array or objects one after another name entities.
    let entities = record_count(&text);
    let max = line_count(&text).max(entities);
    check_errors(&r.nodes.errors, &[file], &["line", "entity"], max);
    check_errors(&r.ties.errors, &[file], &["line", "entity"], max);
    for e in r.nodes.errors.iter().chain(&r.ties.errors) {
        if let (Some(n), "entity") = (e.row, e.unit) {
            assert!(n <= entities, "{e}: only {entities} entities");
        }
    }
    check_network_report(base, &r);
    merged_graph(base, r);
}

pub fn bods(data: &[u8]) {
    let file = "bods.json";
    let base = farms_only_network();
    let r = bods::parse(file, data, base);
    let text = decode(file, data).text;
    let statements = record_count(&text);
    let max = line_count(&text).max(statements);
    check_errors(&r.nodes.errors, &[file], &["line", "statement"], max);
    check_errors(&r.ties.errors, &[file], &["line", "statement"], max);
    for e in r.nodes.errors.iter().chain(&r.ties.errors) {
        if e.unit == "statement" {
            assert!(
                e.row.is_some_and(|n| n <= statements),
                "{e}: only {statements} statements"
            );
        }
    }
    check_network_report(base, &r);
    merged_graph(base, r);
}

/// Merge into a copy of `base` and walk the result as the app would.
fn merged_graph(base: &Network, r: NetworkReport) {
    let mut net = base.clone();
    let _ = r.merge_into(&mut net);
    walk(&net);
}

/// Build the Graph (what `NetworkData`'s `rebuild` does) and check it, then run the path
/// queries the page offers on a few nodes.
fn walk(net: &Network) {
    let (graph, dropped) = Graph::new(net);
    let n = net.nodes.len();
    assert_eq!(graph.adjacent_start.len(), n + 1, "CSR offsets");
    assert!(graph.adjacent_start.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(
        graph.tie.len() + dropped.len(),
        net.ties.len(),
        "every tie is in the graph or dropped"
    );
    for k in 0..graph.tie.len() {
        assert!((graph.tie_source[k] as usize) < n && (graph.tie_target[k] as usize) < n);
        assert!((graph.tie[k] as usize) < net.ties.len());
    }
    for &t in &graph.adjacent_tie {
        assert!((t as usize) < graph.tie.len());
    }
    for (id, &i) in &graph.index {
        assert_eq!(&net.nodes[i as usize].id, id);
    }
    if n == 0 {
        return;
    }
    let picks = [0, (n / 2) as u32, (n - 1) as u32, n as u32];
    for &a in &picks {
        for &b in &picks {
            if (a as usize) < n && (b as usize) < n {
                if let Some(steps) = paths::shortest_path(&graph, net, a, b) {
                    let _ = sentence::describe(net, &steps);
                }
            }
        }
        let reach = paths::controllers(&graph, net, a);
        assert!(reach.nodes.iter().all(|&i| (i as usize) < n));
        let reach = paths::controlled_farms(&graph, net, a);
        assert!(reach.nodes.iter().all(|&i| (i as usize) < n));
        assert!(reach.ties.iter().all(|&t| t < net.ties.len()));
    }
}

pub fn network_json(data: &[u8]) {
    let Ok(net) = serde_json::from_slice::<Network>(data) else {
        return; // refused with a message by NetworkData.fromJSON
    };
    walk(&net);
    // What the page does next: `new ForceLayout(nodeCount, sources, targets)`, a few ticks.
    let (graph, _) = Graph::new(&net);
    if net.nodes.len() <= 2000 {
        let mut layout = ForceAtlas2::new(
            net.nodes.len(),
            &graph.tie_source,
            &graph.tie_target,
            None,
            Settings::default(),
        )
        .expect("the graph's own ties are valid layout input");
        layout.tick(3);
        let xy = layout.positions();
        assert_eq!(xy.len(), 2 * net.nodes.len());
        assert!(xy.iter().all(|v| v.is_finite()), "layout positions {xy:?}");
    }
}

pub fn story(data: &[u8]) {
    let file = "story.json";
    let text = String::from_utf8_lossy(data);
    let (story, errors) = story::parse(file, &text);
    let steps = serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}'))
        .ok()
        .and_then(|v| Some(v.get("steps")?.as_array()?.len()))
        .unwrap_or(0);
    check_errors(
        &errors,
        &[file],
        &["row", "line", "step"],
        line_count(&text).max(steps),
    );
    for e in &errors {
        if e.unit == "step" {
            assert!(e.row.is_some_and(|n| n <= steps), "{e}: only {steps} steps");
        }
    }
    let Some(story) = story else {
        assert!(!errors.is_empty(), "a refused story must say why");
        return;
    };
    for step in &story.steps {
        if let story::StepCamera::Bounds(b) = &step.camera {
            assert!(
                b.iter().all(|v| v.is_finite()),
                "step {:?}: bounds {b:?}",
                step.id
            );
        }
    }
    check_link(&story.source_url);
    let loaded = story::load(&story);
    let names: Vec<&str> = [
        &story.farms,
        &story.entities,
        &story.links,
        &story.ftm,
        &story.bods,
    ]
    .into_iter()
    .flatten()
    .map(|f| f.name.as_str())
    .collect();
    check_errors(
        &loaded.farms.errors,
        &names,
        &["row", "line", "feature", "statement"],
        usize::MAX,
    );
    for f in &loaded.farms.records {
        check_farm(f);
    }
    check_clusters(&loaded.farms.records);
    walk(&loaded.network);
}

/// Input layout: byte 0 picks the chart kind and style, bytes 1–2 the size, byte 3 the
/// pixel ratio; the rest is the chart data JSON as `drawChart` receives it.
pub fn chart_data(data: &[u8]) {
    let (head, json) = data.split_at(data.len().min(4));
    let b = |i: usize| head.get(i).copied().unwrap_or(0);
    let kind = ChartKind::ALL[usize::from(b(0) % 3)];
    let width = 100 + u32::from(b(1)) * 4;
    let height = 80 + u32::from(b(2)) * 3;
    let text = String::from_utf8_lossy(json);
    let Ok(parsed) = BarData::from_json(&text) else {
        return;
    };
    parsed
        .validate()
        .expect("from_json returned data that fails validate");
    let mut style = ChartStyle {
        illustrative: b(0) & 4 != 0,
        highlighted_key: (b(0) & 8 != 0)
            .then(|| parsed.bars.first().map(|bar| bar.key.clone()))
            .flatten(),
        ..ChartStyle::default()
    };
    if b(0) & 16 != 0 {
        style = style.scaled(f64::from(b(3)) / 32.0);
    }
    let chart = Chart {
        kind,
        data: parsed,
        style,
    };
    match charts::render_svg_with_hits(&chart, width, height) {
        Ok((svg, hits)) => {
            assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
            if let Some(c) = svg.chars().find(|&c| !xml_char(c)) {
                panic!("the SVG holds {c:?}, which XML does not allow");
            }
            assert!(hits.bars.len() <= chart.data.bars.len());
            for hit in &hits.bars {
                assert!(hit.index < chart.data.bars.len());
                assert_eq!(hit.key, chart.data.bars[hit.index].key);
            }
        }
        Err(charts::ChartError::TooSmall { .. }) => {
            assert!(width < charts::MIN_WIDTH || height < charts::MIN_HEIGHT);
        }
        Err(e) => panic!("drawing valid data failed: {e}"),
    }
}

/// XML 1.0's Char production.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// A target: bytes in, a panic when an invariant fails.
pub type Target = fn(&[u8]);

/// Every target, by the name of its corpus folder.
pub const TARGETS: &[(&str, Target)] = &[
    ("farms_csv", farms_csv),
    ("farms_geojson", farms_geojson),
    ("entities", entities),
    ("links", links),
    ("ftm", ftm),
    ("bods", bods),
    ("story", story),
    ("network_json", network_json),
    ("chart_data", chart_data),
];
