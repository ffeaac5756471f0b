//! The session's rules, natively: a reader's whole walk through the demo story, then one
//! test per rule.

use super::results::{LngLatBounds, MapItem, Severity};
use super::Session;
use crate::charts::{from_farms, ChartKind};
use crate::projection::world_from_lnglat;
use crate::story::{self, StepCamera};
use std::collections::BTreeSet;

/// A session on an 800 × 600 map, as a page sizes it.
fn session() -> Session {
    let mut s = Session::new();
    s.resize_map(800.0, 600.0);
    s.resize_network(400.0, 300.0);
    s
}

fn farm(s: &Session, id: &str) -> u32 {
    s.farm_index(id).unwrap_or_else(|| panic!("no farm {id}"))
}

fn lit_ids(s: &Session) -> BTreeSet<String> {
    s.network_highlighted().into_iter().collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// Where the camera's centre is, in world units, after the flight has landed.
fn landed_centre(s: &mut Session) -> (f64, f64) {
    s.frame_map(1e9);
    let c = s.camera();
    (c.center_x, c.center_y)
}

fn assert_near(a: (f64, f64), b: (f64, f64)) {
    assert!(
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9,
        "{a:?} != {b:?}"
    );
}

#[test]
fn a_reader_walks_the_whole_demo_story() {
    let mut s = session();
    let steps = s.story().steps.clone();
    assert_eq!(steps.len(), 7);
    assert_eq!(s.farm_count(), 101);

    // Step 1: the sweep. The camera fits Kazakhstan's box; every shut-down farm is lit.
    assert!(s.go_to_step(0, 0.0, 500.0));
    s.frame_map(1e9);
    let v = s.view_bounds();
    assert!(
        v.west <= 46.5 && v.east >= 87.5 && v.south <= 40.5 && v.north >= 55.5,
        "{v:?}"
    );
    assert!(v.east - v.west < 2.0 * (87.5 - 46.5), "{v:?}");
    let shut: Vec<u32> = (0..101).filter(|i| !(3..6).contains(i)).collect();
    assert_eq!(s.highlighted_farms(), shut);
    assert!(s.network_highlighted().is_empty());

    // Steps 2–7: each flies to its farm, lights it alone, and lights its ids in the network.
    for (i, step) in steps.iter().enumerate().skip(1) {
        let StepCamera::Focus(ids) = &step.camera else {
            panic!("step {i} focuses nothing")
        };
        let id = ids[0].as_str();
        assert!(s.go_to_step(i, 1000.0 * i as f64, 400.0));
        let f = &s.farms()[farm(&s, id) as usize];
        let want = world_from_lnglat(f.lng, f.lat);
        assert_near(landed_centre(&mut s), want);
        assert_eq!(s.highlighted_farms(), vec![farm(&s, id)], "step {i}");
        let want: BTreeSet<String> = step.highlight.iter().cloned().collect();
        assert_eq!(lit_ids(&s), want, "step {i}");
    }
    let gang = farm(&s, "F-GANG");
    let gang_ids = set(&["F-GANG", "o-gang", "b-interior"]);

    // A chart bar lights its farms in both views; clearing it brings the step back.
    assert_eq!(s.highlight_bar("owners", "Bolat Nazarbayev"), 1);
    assert_eq!(s.highlighted_farms(), vec![farm(&s, "F-BN")]);
    assert_eq!(lit_ids(&s), set(&["F-BN"]));
    s.clear_highlight();
    assert_eq!(s.highlighted_farms(), vec![gang]);
    assert_eq!(lit_ids(&s), gang_ids);

    // Selecting a person in the network lights the farms they may control on the map.
    let bolat = s.network().node_index("p-bolat").unwrap();
    assert_eq!(s.network_select(bolat), 1);
    assert_eq!(s.highlighted_farms(), vec![farm(&s, "F-BN")]);
    assert_eq!(
        lit_ids(&s),
        set(&[
            "F-BN",
            "c-bolat-firms",
            "p-bolat",
            "p-dariga",
            "p-nursultan",
            "p-sharipbayev"
        ])
    );

    // A path lights its nodes in the network and its farm on the map, and is said.
    let text = s.network_path("F-KS", "p-nursultan").unwrap();
    assert!(text.contains("Dariga"), "{text}");
    assert_eq!(s.highlighted_farms(), vec![farm(&s, "F-KS")]);
    assert_eq!(
        lit_ids(&s),
        set(&["F-KS", "p-sharipbayev", "p-dariga", "p-nursultan"])
    );

    // Escape: the step's highlight is back in both views, and reset flies to the step.
    s.network_clear();
    assert_eq!(s.highlighted_farms(), vec![gang]);
    assert_eq!(lit_ids(&s), gang_ids);
    s.pan_by(300.0, 200.0);
    s.reset(0.0, 0.0);
    let f = &s.farms()[gang as usize];
    let want = world_from_lnglat(f.lng, f.lat);
    assert_near(landed_centre(&mut s), want);
}

/// The demo story file with its first step only, and the demo's data files.
fn demo_first_step() -> story::file::StoryFile {
    let mut story = story::file::StoryFile::parse("s.json", story::DEMO_STORY_JSON)
        .0
        .unwrap();
    story.steps.truncate(1);
    let demo = story::demo();
    story.farms = demo.farms;
    story.entities = demo.entities;
    story.links = demo.links;
    story
}

#[test]
fn a_step_that_focuses_a_person_flies_to_their_farms() {
    let mut s = session();
    let mut story = demo_first_step();
    story.steps[0].camera = Some(story::file::CameraFile::Focus(vec!["p-bolat".into()]));
    story.steps[0].filter = None;
    s.load_story("s.json", &story.to_json()).unwrap();
    s.go_to_step(0, 0.0, 0.0);
    let f = &s.farms()[farm(&s, "F-BN") as usize];
    let want = world_from_lnglat(f.lng, f.lat);
    assert_near(landed_centre(&mut s), want);
    // Nothing named is a farm and there is no filter: nothing is dimmed.
    assert_eq!(s.highlighted_farms().len(), s.farm_count());
}

#[test]
fn a_step_lights_the_farms_it_names_and_those_its_filter_matches() {
    let mut s = session();
    let mut story = demo_first_step();
    assert!(
        story.steps[0].filter.is_some(),
        "the demo's first step filters"
    );
    // Farm 3 is not shut down (the filter leaves it out); "nobody" names no farm.
    let open = s.farms()[3].id.clone();
    story.steps[0].highlight = vec![open, "nobody".into()];
    s.load_story("s.json", &story.to_json()).unwrap();
    s.go_to_step(0, 0.0, 0.0);
    let lit: Vec<u32> = (0..101).filter(|i| !(4..6).contains(i)).collect();
    assert_eq!(s.highlighted_farms(), lit);
}

#[test]
fn new_farms_reset_the_story_ties_network_camera_and_step() {
    let mut s = session();
    s.go_to_step(2, 0.0, 0.0);
    let report = s.load_farms(
        "f.csv",
        b"id,lat,lon,owner\nA,43.2,76.9,X\nB,51.1,71.4,\n",
        &Default::default(),
    );
    assert_eq!((report.loaded, report.skipped), (2, 0));
    assert_eq!(s.step(), None);
    assert!(s.story().entities.is_none() && s.story().links.is_none());
    assert!(s.network_names().is_empty());
    assert_eq!(s.network_hidden_counts().farms, 2);
    assert_eq!(s.highlighted_farms(), vec![0, 1]);
    assert_eq!(s.camera(), {
        let mut home = Session::empty();
        home.resize_map(800.0, 600.0);
        home.load_farms(
            "f.csv",
            b"id,lat,lon\nA,43.2,76.9\nB,51.1,71.4\n",
            &Default::default(),
        );
        home.camera()
    });
}

#[test]
fn a_file_with_no_good_row_changes_nothing() {
    let mut s = session();
    s.go_to_step(1, 0.0, 0.0);
    let report = s.load_farms("f.csv", b"id,lat,lon\nA,north,76\n", &Default::default());
    assert_eq!((report.loaded, report.skipped), (0, 1));
    assert_eq!(report.problems[0].severity, Severity::Error);
    assert_eq!(report.problems[0].row, Some(2));
    assert_eq!((s.farm_count(), s.step()), (101, Some(1)));
}

#[test]
fn a_story_file_brings_its_layout_and_names_bad_entries() {
    let mut s = session();
    let mut story = story::file::StoryFile::from_story(&story::demo(), None);
    story.layout = Some(serde_json::json!({"positions": {"p-bolat": [1.5, 2.5], "ghost": [0, 0]}}));
    let report = s.load_story("s.json", &story.to_json()).unwrap();
    assert_eq!(report.loaded, 101);
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(report.problems[0]
        .text
        .starts_with("s.json, column layout: \"ghost\""));
    assert_eq!(report.problems[0].severity, Severity::Warning);
    let saved = s.network_positions();
    let saved = serde_json::Value::from(&saved);
    assert_eq!(saved["positions"]["p-bolat"], serde_json::json!([1.5, 2.5]));
}

/// Publishing writes the layout a live map settles to; a reader's map then shows it from
/// the first frame, without simulating.
#[test]
fn publishing_saves_the_settled_layout_that_readers_then_see_at_once() {
    let text = story::file::StoryFile::from_story(&story::demo(), None).to_json();
    let mut live = session();
    live.load_story("s.json", &text).unwrap();
    assert!(
        live.frame_network(0.0),
        "without a saved layout the network is laid out"
    );
    live.net.settle();
    let settled = serde_json::Value::from(&live.network_positions());
    assert_eq!(
        settled["positions"].as_object().unwrap().len(),
        live.net.shown().len()
    );

    let published = super::files::publish_story("s.json", &text, false);
    let published = published.text.unwrap();
    let file: serde_json::Value = serde_json::from_str(&published).unwrap();
    assert_eq!(file["layout"], settled);
    assert!(file.get("farms").is_none(), "published without its sources");

    let mut reader = session();
    let report = reader.load_story("s.json", &published).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(!reader.frame_network(0.0), "shown as it is");
    assert_eq!(
        serde_json::Value::from(&reader.network_positions()),
        settled
    );
}

#[test]
fn an_unreadable_story_is_an_error_and_changes_nothing() {
    let mut s = session();
    let err = s.load_story("s.json", "{\n\"steps\": [\n}").unwrap_err();
    assert!(
        err.text.starts_with("s.json line 3: is not valid JSON"),
        "{}",
        err.text
    );
    assert_eq!(s.story().steps.len(), 7);
}

#[test]
fn a_selected_farm_lights_its_controllers() {
    let mut s = session();
    s.set_selected(Some(farm(&s, "F-BN")));
    // The chain reaches the family the source ties to the farm's owner.
    assert_eq!(
        lit_ids(&s),
        set(&[
            "F-BN",
            "c-bolat-firms",
            "p-bolat",
            "p-dariga",
            "p-nursultan",
            "p-sharipbayev"
        ])
    );
    s.set_selected(Some(10_000));
    assert!(s.network_highlighted().is_empty());
}

#[test]
fn charts_are_those_the_story_asks_for_and_the_data_supports_with_one_title() {
    let s = session();
    // The demo asks for the owners chart only (its shutdowns fall in one month).
    let charts = s.charts();
    let kinds: Vec<&str> = charts.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(kinds, ["owners"]);
    assert_eq!(charts[0].title, s.chart_data("owners").unwrap().title);
    assert_eq!(s.chart_data("pie"), None);

    // Farms with two owners, capacities in two regions and shutdowns in two months.
    let data = "id,lat,lon,status,owner,capacity_mw,shut_down_by\\nA,51.7,75.3,shut down,X,10,2022-01\\nB,43.2,76.9,shut down,Y,5,2022-02\\n";
    let story = |charts: &str| {
        format!(
            r#"{{"title":"T","charts":{charts},"steps":[{{"title":"A"}}],"farms":{{"name":"f.csv","text":"{data}"}}}}"#
        )
    };
    let kinds = |s: &Session| -> Vec<String> { s.charts().into_iter().map(|c| c.kind).collect() };
    let mut s = Session::empty();
    // A story file that lists no chart shows none, whatever its data supports.
    let r = s.load_story("s.json", &story("[]")).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert!(kinds(&s).is_empty());
    // In the story's order, each once; every listed chart the data supports is shown.
    let r = s
        .load_story(
            "s.json",
            &story(r#"["shutdowns","capacity","owners","shutdowns"]"#),
        )
        .unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(kinds(&s), ["shutdowns", "capacity", "owners"]);
    for c in s.charts() {
        let kind = ChartKind::parse(&c.kind).unwrap();
        assert_eq!(c.title, from_farms::title(kind));
        assert_eq!(s.chart_data(&c.kind).unwrap().title, c.title);
    }
    assert_eq!(s.highlight_bar("shutdowns", "2022-01"), 1);
    assert_eq!(s.highlighted_farms(), vec![0]);
    assert_eq!(s.highlight_bar("pie", "x"), 0);

    // Asked for but not supported (no capacities; one month is one bar): not shown, and
    // the report says why; an unknown name is named too.
    let one_month = "id,lat,lon,status,owner,shut_down_by\\nA,51.7,75.3,shut down,X,2022-01\\nB,43.2,76.9,shut down,Y,2022-01\\n";
    let text = story(r#"["capacity","shutdowns","owners","pie"]"#).replace(data, one_month);
    let r = s.load_story("s.json", &text).unwrap();
    assert_eq!(kinds(&s), ["owners"]);
    let texts: Vec<&str> = r.problems.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "s.json, column charts: \"pie\" is not a chart; expected owners, capacity or shutdowns",
            "s.json, column charts: \"capacity\" is not shown: the data gives it fewer than two bars (or nothing to count)",
            "s.json, column charts: \"shutdowns\" is not shown: the data gives it fewer than two bars (or nothing to count)",
        ]
    );
    assert!(r.problems.iter().all(|p| p.severity == Severity::Warning));
    // Synthetic farms have no story: no chart.
    s.load_synthetic(100, 1);
    assert!(kinds(&s).is_empty());
}

#[test]
fn farm_and_node_info_carry_links_hosts_and_the_farm_index() {
    let s = session();
    let f = s.farm_info(farm(&s, "F-BN")).unwrap();
    assert_eq!(
        (f.status.as_str(), f.precision.as_str()),
        ("shut down", "region")
    );
    assert_eq!(f.source_host.as_deref(), Some("eurasianet.org"));
    assert_eq!(f.owner.as_deref(), Some("Bolat Nazarbayev"));
    assert!(f.illustrative);
    let f = s.farm_info(farm(&s, "F001")).unwrap();
    assert_eq!(f.owner, None);
    assert_eq!(s.farm_info(5000), None);

    let bolat = s.network().node_index("p-bolat").unwrap();
    let n = s.node_info(bolat).unwrap();
    assert_eq!((n.kind.as_str(), n.farm), ("person", None));
    assert_eq!(n.ties.len(), 2);
    let node = s.network().node_index("F-GANG").unwrap();
    assert_eq!(s.node_info(node).unwrap().farm, Some(farm(&s, "F-GANG")));
}

#[test]
fn a_javascript_link_never_becomes_a_source() {
    let mut s = Session::empty();
    s.load_farms(
        "f.csv",
        b"id,lat,lon,source_url\nA,43.2,76.9,javascript:alert(1)\n",
        &Default::default(),
    );
    let f = s.farm_info(0).unwrap();
    assert_eq!((f.source_url, f.source_host), (None, None));
}

#[test]
fn the_export_caption_is_laid_out_in_rust() {
    let mut s = session();
    s.frame_map(0.0);
    let svg = s.export_svg();
    assert!(svg.contains("Kazakhstan&#39;s illegal") || svg.contains("Kazakhstan's illegal"));
    assert!(svg.contains("Source: Almaz Kumenov"));
    assert!(svg.contains("Natural Earth"));
}

#[test]
fn the_legend_and_table_come_from_the_data() {
    let mut s = session();
    s.frame_map(0.0);
    let legend = s.legend();
    let keys: Vec<&str> = legend.statuses.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["operating", "shut down", "unknown"]);
    assert_eq!(legend.statuses[1].color, "#0072B2");
    assert_eq!(legend.precisions.len(), 3);
    assert!(!legend.owner_groups.is_empty());
    let table = s.table_sentences();
    assert_eq!(table.farms.len(), 101);
    assert_eq!(table.ties.len(), 16);
    let kinds: Vec<String> = s.network_legend().into_iter().map(|e| e.label).collect();
    assert!(kinds.contains(&"person".to_string()) && kinds.contains(&"farm".to_string()));
}

#[test]
fn synthetic_farms_have_no_story_and_no_network() {
    let mut s = session();
    s.go_to_step(1, 0.0, 0.0);
    s.load_synthetic(5000, 42);
    assert_eq!((s.farm_count(), s.illustrative_count()), (5000, 5000));
    assert_eq!(s.step(), None);
    assert!(s.story().steps.is_empty() && s.network_names().is_empty());
    assert_eq!(s.highlighted_farms().len(), 5000);
}

#[test]
fn picking_returns_the_item_drawn_there() {
    let mut s = session();
    s.frame_map(0.0);
    let items = s.visible_items();
    assert!(!items.is_empty());
    for item in items.iter().take(5) {
        let (x, y) = match *item {
            MapItem::Farm { x, y, .. } | MapItem::Cluster { x, y, .. } => (x, y),
        };
        assert_eq!(s.pick_item(x, y, 0.0).as_ref(), Some(item));
    }
    assert_eq!(s.pick_item(-500.0, -500.0, 0.0), None);
    assert!(s.move_focus(1));
    assert!(s.focused().is_some_and(|f| items.contains(&f)));
    s.clear_focus();
    assert_eq!(s.focused(), None);
}

#[test]
fn flying_to_bounds_shows_them() {
    let mut s = session();
    let b = LngLatBounds {
        west: 70.0,
        south: 45.0,
        east: 75.0,
        north: 50.0,
    };
    s.fly_to_bounds(b, 0.0, 0.0);
    s.frame_map(1.0);
    let v = s.view_bounds();
    assert!(v.west <= 70.0 && v.east >= 75.0 && v.south <= 45.0 && v.north >= 50.0);
    assert!(v.east - v.west < 10.0 || v.north - v.south < 10.0, "{v:?}");
}

#[test]
fn results_serialise_with_the_contracts_names() {
    let s = session();
    let f = serde_json::to_value(s.farm_info(farm(&s, "F001")).unwrap()).unwrap();
    assert!(f.get("statusLabel").is_some() && f.get("sourceHost").is_some());
    assert!(f.get("owner").is_none() && f.get("capacityMw").is_none());
    let item = serde_json::to_value(MapItem::Cluster {
        cluster: 3,
        count: 4,
        lit: 1,
        x: 1.0,
        y: 2.0,
    })
    .unwrap();
    assert_eq!(
        item,
        serde_json::json!({"kind": "cluster", "cluster": 3, "count": 4, "lit": 1, "x": 1.0, "y": 2.0})
    );
    let report = serde_json::to_value(s.legend()).unwrap();
    assert!(report.get("clusterBadge").is_some() && report.get("ownerGroups").is_some());
}

#[test]
fn a_files_notes_reach_the_report_apart_from_its_problems() {
    let mut s = session();
    let report = s.load_farms(
        "plants.csv",
        b"Power Plant ID,lat,lon,Capacity (kW)\nP1,43.2,76.9,1500\n",
        &Default::default(),
    );
    assert_eq!(report.loaded, 1);
    assert!(report.notes.iter().all(|n| n.severity == Severity::Note));
    let texts: Vec<&str> = report.notes.iter().map(|n| n.text.as_str()).collect();
    assert!(
        texts.iter().any(|t| t.contains("converted to MW")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("give no precision")),
        "{texts:?}"
    );
    assert!(report.problems.iter().all(|p| p.severity != Severity::Note));
    // The default the file needed is stated in the legend.
    let region = s
        .legend()
        .precisions
        .into_iter()
        .find(|p| p.key == "region")
        .unwrap();
    assert!(
        region
            .label
            .ends_with("(the file's default for rows that give none)"),
        "{}",
        region.label
    );
}

#[test]
fn the_demo_legend_states_no_default_precision() {
    let s = session();
    assert!(s
        .legend()
        .precisions
        .iter()
        .all(|p| !p.label.contains("default")));
}

#[test]
fn a_storys_farms_options_apply_when_the_story_loads() {
    let mut s = session();
    let story = r#"{"steps": [{"title": "A"}],
      "farms": {"name": "f.csv", "text": "Ref;Breite;Länge;Leistung (kW)\nA;51,7;75,3;1.600\nB;43,2;76,9;800\n",
        "options": {"precision_default": "city", "number_format": "1.234,5",
          "columns": {"Ref": "id", "Breite": "lat", "Länge": "lon", "Leistung (kW)": {"field": "capacity_mw", "unit": "kW"}}}}}"#;
    let report = s.load_story("s.json", story).unwrap();
    assert_eq!(report.loaded, 2, "{:?}", report.problems);
    let a = s.farm_info(s.farm_index("A").unwrap()).unwrap();
    assert_eq!(
        (a.lat, a.capacity_mw, a.precision.as_str()),
        (51.7, Some(1.6), "city")
    );
    assert!(
        report.notes.iter().any(|n| n.text.contains("kW")),
        "{:?}",
        report.notes
    );
    let city = s
        .legend()
        .precisions
        .into_iter()
        .find(|p| p.key == "city")
        .unwrap();
    assert!(city.label.contains("the file's default"), "{}", city.label);
}

#[test]
fn a_storys_farms_may_be_a_workbook_in_base64() {
    // A minimal XLSX written by rust_xlsxwriter (a dev-dependency), kept as its bytes.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Plants").unwrap();
    for (c, h) in ["id", "lat", "lon", "precision"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "X1").unwrap();
    sheet.write_number(1, 1, 51.7).unwrap();
    sheet.write_number(1, 2, 75.3).unwrap();
    sheet.write_string(1, 3, "exact").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let file = crate::story::file::StoryFile {
        steps: vec![crate::story::file::StepFile {
            title: "A".into(),
            ..Default::default()
        }],
        farms: Some(story::DataFile {
            name: "plants.xlsx".into(),
            text: None,
            base64: Some(story::base64::encode(&bytes)),
            options: Some(crate::import::mapping::FarmsOptions {
                sheet: Some("Plants".into()),
                ..Default::default()
            }),
        }),
        ..Default::default()
    };
    let mut s = session();
    let report = s.load_story("s.json", &file.to_json()).unwrap();
    assert_eq!(report.loaded, 1, "{:?}", report.problems);
    assert_eq!(s.farms()[0].id, "X1");
}

#[test]
fn the_network_legend_lists_former_ties_and_money_flows_only_when_present() {
    let shapes = |s: &Session| -> Vec<String> {
        s.network_line_legend()
            .into_iter()
            .map(|e| e.shape)
            .collect()
    };
    let s = session();
    assert_eq!(shapes(&s), ["solid", "dashed", "arrow"]);
    let ftm = [
        r#"{"id":"c1","schema":"Company","properties":{"name":["Alpha LLP"]}}"#,
        r#"{"id":"p1","schema":"Person","properties":{"name":["Ivan Petrov"]}}"#,
        r#"{"id":"x1","schema":"Payment","properties":{"payer":["c1"],"beneficiary":["p1"],"amount":["12000"],"currency":["EUR"],"date":["2019-05-01"],"sourceUrl":["https://example.org/p"]}}"#,
        r#"{"id":"d1","schema":"Directorship","properties":{"director":["p1"],"organization":["c1"],"endDate":["2019"],"sourceUrl":["https://example.org/d"]}}"#,
    ]
    .join("\n");
    let story = crate::story::file::StoryFile {
        steps: vec![crate::story::file::StepFile {
            title: "A".into(),
            ..Default::default()
        }],
        ftm: Some(story::DataFile::text("aleph.json", &ftm)),
        ..Default::default()
    };
    let mut s = session();
    let report = s.load_story("s.json", &story.to_json()).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(shapes(&s), ["solid", "dashed", "arrow", "dotted", "money"]);
    let money = s.network_line_legend().pop().unwrap();
    assert_eq!(money.color, crate::scene::style::LIGHT.money_flow);
}

/// Synthetic farms loaded in small steps: meanwhile the session shows and answers with the
/// farms it had (frames, panning, items), and the result equals the one-shot load's, down
/// to every cluster on screen at several zooms.
#[test]
fn synthetic_farms_loaded_in_steps_equal_the_one_shot_load() {
    use crate::app::results::LoadPhase;
    let items_at_zooms = |s: &mut Session| {
        let mut all = Vec::new();
        for _ in 0..4 {
            s.frame_map(0.0);
            all.push(s.visible_items());
            s.zoom_at(400.0, 300.0, 1.5);
        }
        all
    };
    let mut whole = session();
    whole.resize_map(800.0, 600.0);
    whole.load_synthetic(20_000, 9);
    let want = items_at_zooms(&mut whole);

    let mut s = session();
    s.resize_map(800.0, 600.0);
    let demo = s.farm_count();
    s.begin_synthetic(20_000, 9);
    let (mut steps, mut last, mut phases) = (0, 0.0, Vec::new());
    loop {
        let p = s.load_step(3000);
        steps += 1;
        if p.phase == LoadPhase::Done {
            assert_eq!(p.fraction, 1.0);
            break;
        }
        assert!(
            p.fraction >= last && p.fraction < 1.0,
            "{last} then {}",
            p.fraction
        );
        last = p.fraction;
        if phases.last() != Some(&p.phase) {
            phases.push(p.phase);
        }
        // The old farms stay on the map, pannable, until the last step.
        assert_eq!((s.farm_count(), p.farms), (demo, 20_000));
        assert!(s.is_loading());
        let before = s.map().camera;
        s.pan_by(30.0, -20.0);
        assert_ne!(s.map().camera, before);
        s.frame_map(0.0);
        assert!(!s.visible_items().is_empty());
        s.pan_by(-30.0, 20.0);
    }
    assert!(steps > 50, "{steps} steps");
    assert_eq!(phases, [LoadPhase::Loading, LoadPhase::Clustering]);
    assert!(!s.is_loading());
    assert_eq!(s.farms(), whole.farms());
    assert_eq!(s.farm_index("S19999"), Some(19_999));
    assert!(s.story().steps.is_empty() && s.network_names().is_empty());
    assert_eq!(items_at_zooms(&mut s), want);
}

#[test]
fn a_story_or_farms_file_drops_a_load_in_progress() {
    use crate::app::results::LoadPhase;
    let mut s = session();
    s.begin_synthetic(10_000, 1);
    s.load_step(5000);
    s.load_farms(
        "f.csv",
        b"id,lat,lon\nA,43.2,76.9\n",
        &crate::import::mapping::FarmsOptions::default(),
    );
    assert!(!s.is_loading());
    assert_eq!(s.load_step(5000).phase, LoadPhase::Idle);
    assert_eq!(s.farm_count(), 1);

    s.begin_synthetic(10_000, 1);
    s.load_step(5000);
    s.load_story("s.json", r#"{"steps":[{"title":"A"}]}"#)
        .unwrap();
    assert!(!s.is_loading());
    assert_eq!(s.farm_count(), 1);
}

/// A story's farms loaded in small steps (`begin_story`, `begin_story_checked`, as a page
/// drives them): meanwhile the old story and farms stay shown; at the last step the story,
/// its network, its report and every cluster on screen equal the one-shot load's.
#[test]
fn a_story_loaded_in_steps_equals_the_one_shot_load() {
    use crate::app::results::LoadPhase;
    let mut csv = String::from("id,lat,lon,owner\n");
    for i in 0..6000 {
        let (lat, lon) = (
            41.0 + (i * 37 % 1000) as f64 * 0.01,
            50.0 + (i * 91 % 3000) as f64 * 0.01,
        );
        csv.push_str(&format!("F{i},{lat},{lon},O{}\n", i % 40));
    }
    csv.push_str("BAD,north,70,O1\n");
    let text = serde_json::json!({
        "title": "Sliced",
        "steps": [{"title": "One", "highlight": ["F1"]}],
        "charts": ["by_owner"],
        "farms": {"name": "f.csv", "text": csv},
    })
    .to_string();
    let items_at_zooms = |s: &mut Session| {
        let mut all = Vec::new();
        for _ in 0..4 {
            s.frame_map(0.0);
            all.push(s.visible_items());
            s.zoom_at(400.0, 300.0, 1.5);
        }
        all
    };
    let mut whole = session();
    whole.resize_map(800.0, 600.0);
    let want_report = whole.load_story("s.json", &text).unwrap();
    assert_eq!((want_report.loaded, want_report.skipped), (6000, 1));
    assert!(
        want_report
            .problems
            .iter()
            .any(|p| p.text.contains("row 6002")),
        "{:?}",
        want_report.problems
    );
    let want = items_at_zooms(&mut whole);

    // The reader's path: the story file read now, its farms made ready in steps.
    let drive = |s: &mut Session| {
        let demo = (s.farm_count(), s.story().title.clone());
        let mut steps = 0;
        loop {
            let p = s.load_step(2000);
            steps += 1;
            if p.phase == LoadPhase::Done {
                assert_eq!(p.farms, 6000);
                break p.report.expect("a story's report");
            }
            assert!(p.report.is_none() && p.fraction < 1.0);
            assert_eq!((s.farm_count(), s.story().title.clone()), demo);
            assert!(steps < 10_000, "stuck");
        }
    };
    let mut s = session();
    s.resize_map(800.0, 600.0);
    s.begin_story("s.json", &text).unwrap();
    assert!(s.is_loading());
    assert_eq!(drive(&mut s), want_report);
    assert_eq!(s.farms(), whole.farms());
    assert_eq!(s.story().title, "Sliced");
    assert_eq!(s.farm_index("F5999"), whole.farm_index("F5999"));
    assert_eq!(s.network_names(), whole.network_names());
    assert_eq!(items_at_zooms(&mut s), want);

    // The editor's path: the data checked elsewhere (the worker), the bare story here.
    let (parsed, _) = story::parse("s.json", &text);
    let parsed = parsed.unwrap();
    let data = story::CheckedData::of(&parsed, story::load(&parsed));
    let bare = r#"{"title": "Sliced", "steps": [{"title": "One", "highlight": ["F1"]}], "charts": ["by_owner"]}"#;
    let mut one = session();
    one.resize_map(800.0, 600.0);
    let want_checked = one
        .load_story_checked("s.json", bare, data.clone())
        .unwrap();
    let mut c = session();
    c.resize_map(800.0, 600.0);
    c.begin_story_checked("s.json", bare, data).unwrap();
    assert_eq!(drive(&mut c), want_checked);
    assert_eq!(want_checked.loaded, 6000);
    assert_eq!(c.farms(), whole.farms());
    assert_eq!(items_at_zooms(&mut c), want);

    // A file that cannot be read changes nothing and starts no load.
    assert!(c.begin_story("s.json", "[1").is_err());
    assert!(!c.is_loading());
    assert_eq!(c.story().title, "Sliced");
}
