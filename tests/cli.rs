//! The `farmmap` command line (src/bin/farmmap.rs), run as a newsroom's pipeline runs it:
//! `check` on the demo story and on a broken one (exit codes, the editor's sentences), and
//! `render` of a step to SVG (well-formed XML with the step's title) and, with the
//! `cli-png` feature, to PNG.

use std::path::PathBuf;
use std::process::{Command, Output};

const DEMO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/www/stories/kazakhstan-2022.json"
);

fn farmmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_farmmap"))
        .args(args)
        .output()
        .expect("the farmmap binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh directory for this test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("farmmap-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn check_passes_the_demo_story() {
    let out = farmmap(&["check", DEMO]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    // Only the importer's notes (facts about the files, e.g. a column kept in details).
    assert!(stderr.lines().all(|l| l.starts_with("note: ")), "{stderr}");
    assert!(stdout.contains("7 steps"), "{stdout}");
    assert!(stdout.contains("0 errors, 0 warnings"), "{stdout}");
}

#[test]
fn check_names_every_problem_with_the_editors_sentences_and_fails_on_errors() {
    let dir = scratch("broken");
    let story = dir.join("broken.json");
    std::fs::write(
        &story,
        r#"{"title": "Broken", "charts": ["owners", "pie"], "poster": "https://evil.example/x.svg",
  "steps": [{"title": "One", "camera": {"bounds": [1, 2, 3]}}],
  "farms": {"name": "farms.csv", "text": "id,lat,lon\nA,43.2,76.9\nB,43,2,76.9\nA,44,77\n"}}"#,
    )
    .unwrap();
    let out = farmmap(&["check", story.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for line in [
        "warning: broken.json, column charts: \"pie\" is not a chart; expected owners, capacity or shutdowns",
        "warning: broken.json, column poster: must be a file name next to the story file",
        "warning: broken.json step 1, column camera.bounds: must be [west, south, east, north]",
        "error: farms.csv row 4, column id: \"A\" is already used in row 2; ids must be unique",
    ] {
        assert!(stderr.contains(line), "missing {line:?} in\n{stderr}");
    }
    assert!(
        text(&out.stdout).contains("errors"),
        "{}",
        text(&out.stdout)
    );

    // Warnings only: printed, exit 0.
    std::fs::write(&story, r#"{"title": "T", "steps": [{"title": ""}]}"#).unwrap();
    let out = farmmap(&["check", story.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("warning: broken.json step 1, column title: is empty"));

    // Not a story at all: exit 1 with the line named.
    std::fs::write(&story, "{\n\"steps\": [\n}").unwrap();
    let out = farmmap(&["check", story.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("broken.json line 3: is not valid JSON"));

    // A missing file and a bad command line.
    assert_eq!(
        farmmap(&["check", "/nonexistent/story.json"]).status.code(),
        Some(1)
    );
    assert_eq!(farmmap(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(farmmap(&[]).status.code(), Some(2));
}

#[test]
fn render_writes_a_steps_svg_with_its_title_source_and_attribution() {
    let dir = scratch("svg");
    let out_file = dir.join("step2.svg");
    let out = farmmap(&[
        "render",
        DEMO,
        "--step",
        "2",
        "--out",
        out_file.to_str().unwrap(),
        "--width",
        "640",
        "--height",
        "400",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let svg = std::fs::read_to_string(&out_file).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("640"));
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(texts[0], "The ex-president's brother", "{texts:?}");
    assert!(texts.iter().any(|t| t.starts_with("Source: Almaz Kumenov")));
    assert!(
        texts.iter().any(|t| t.contains("Natural Earth")),
        "{texts:?}"
    );
    // Farm markers are drawn.
    assert!(doc.descendants().any(|n| n.has_tag_name("circle")));

    // A step by its id is the same picture.
    let by_id = dir.join("brother.svg");
    let out = farmmap(&[
        "render",
        DEMO,
        "--step",
        "brother",
        "--out",
        by_id.to_str().unwrap(),
        "--width",
        "640",
        "--height",
        "400",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&by_id).unwrap(), svg);

    // No such step; a bad size; a bad output name.
    let o = out_file.to_str().unwrap();
    assert_eq!(
        farmmap(&["render", DEMO, "--step", "99", "--out", o])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        farmmap(&["render", DEMO, "--width", "wide", "--out", o])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        farmmap(&["render", DEMO, "--out", "x.gif"]).status.code(),
        Some(2)
    );
}

#[test]
fn the_committed_poster_is_what_the_cli_renders_now() {
    let dir = scratch("poster");
    let out_file = dir.join("poster.svg");
    let out = farmmap(&[
        "render",
        DEMO,
        "--step",
        "1",
        "--out",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let committed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/stories/kazakhstan-2022.poster.svg"
    );
    assert_eq!(
        std::fs::read_to_string(committed).expect("the demo's poster is committed"),
        std::fs::read_to_string(&out_file).unwrap(),
        "www/stories/kazakhstan-2022.poster.svg is stale: run scripts/data/build_posters.sh"
    );
}

#[test]
fn render_draws_a_dark_russian_poster_when_asked() {
    let dir = scratch("dark");
    let out_file = dir.join("dark.svg");
    let o = out_file.to_str().unwrap();
    let out = farmmap(&[
        "render", DEMO, "--theme", "dark", "--lang", "ru", "--out", o,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let svg = std::fs::read_to_string(&out_file).unwrap();
    // The dark page, sea and land; the source line in Russian; the badges' counts drawn.
    for needle in [
        "fill=\"#15171a\"",
        "fill=\"#0f1c24\"",
        "fill=\"#23262b\"",
        ">Источник: ",
    ] {
        assert!(svg.contains(needle), "{needle} missing");
    }
    assert!(!svg.contains(">Source: "));
    for bad in [&["--theme", "sepia"][..], &["--lang", "de"][..]] {
        let mut args = vec!["render", DEMO, "--out", o];
        args.extend_from_slice(bad);
        assert_eq!(farmmap(&args).status.code(), Some(2), "{bad:?}");
    }
}

#[cfg(feature = "cli-png")]
#[test]
fn render_writes_a_png_with_text() {
    let dir = scratch("png");
    let out_file = dir.join("step1.png");
    let out = farmmap(&[
        "render",
        DEMO,
        "--step",
        "1",
        "--out",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let png = std::fs::read(&out_file).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR: width and height, twice the CSS size (700 × (500 + caption)).
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((w, h), (1400, 2 * (500 + 34 + 40)));
}

#[test]
fn publish_writes_the_checked_data_and_refuses_rows_with_errors() {
    let dir = scratch("publish");
    // The demo, published without its sources: the data the reader's build reads.
    let out_file = dir.join("published.json");
    let out = farmmap(&[
        "publish",
        DEMO,
        "--out",
        out_file.to_str().unwrap(),
        "--without-sources",
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    assert!(
        stdout.contains("published 101 farms, 16 network nodes, 16 ties from farms.csv, entities.csv, links.csv; 0 errors"),
        "{stdout}"
    );
    let written = std::fs::read_to_string(&out_file).unwrap();
    let json: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert!(json.get("farms").is_none() && json.get("links").is_none());
    assert_eq!(
        json["published"]["farms"]["id"].as_array().unwrap().len(),
        101
    );
    // `check` reads it like any story: same steps and farms.
    let checked = farmmap(&["check", out_file.to_str().unwrap()]);
    assert!(
        text(&checked.stdout).contains("7 steps, 101 farms"),
        "{}",
        text(&checked.stdout)
    );

    // A row with an error would be left out of the map: nothing is written without
    // --allow-errors.
    let story = dir.join("bad.json");
    std::fs::write(
        &story,
        r#"{"title": "T", "steps": [{"title": "One"}],
  "farms": {"name": "farms.csv", "text": "id,lat,lon\nA,43.2,76.9\nB,north,76.9\n"}}"#,
    )
    .unwrap();
    let target = dir.join("bad.published.json");
    let out = farmmap(&[
        "publish",
        story.to_str().unwrap(),
        "--out",
        target.to_str().unwrap(),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: farms.csv row 3, column lat: \"north\" is not a number"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing written"), "{stderr}");
    assert!(!target.exists());
    let out = farmmap(&[
        "publish",
        story.to_str().unwrap(),
        "--out",
        target.to_str().unwrap(),
        "--allow-errors",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("published 1 farms"));
}
