//! `farmmap`, the native command line: a newsroom's build pipeline checks story files and
//! pre-renders posters with the same Rust the embed runs.
//!
//! ```text
//! farmmap check story.json
//! farmmap render story.json --step 1 --out step1.svg [--width 700] [--height 500] [--theme dark] [--lang ru]
//! farmmap render story.json --step brother --out brother.png   (PNG: --features cli-png)
//! farmmap publish story.json --out story.json [--without-sources] [--allow-errors]
//! ```
//!
//! `check` reads the file as the editor does (`decode_data_file`, then a session loads it:
//! the story schema, its data files, layout and charts), prints every problem with the
//! editor's own sentence, and exits 1 when one is an error (0 with warnings only).
//! `render` draws step N (1-based, or a step id) with the map's scene and `scene::svg`
//! (step title above; source and attribution below), as SVG, or as PNG through resvg.
//! `publish` loads the story's source files as a reader's map does and writes the story
//! with its `published` data (`story::published`), which the reader's build reads, and its
//! network's settled layout as the story's `layout` (`app::publish::with_settled_layout`); it
//! prints every problem and, when a row has an error (it would be left out of the map),
//! writes nothing and exits 1 unless `--allow-errors`. `--without-sources` drops the source
//! files from the output (smaller; the editor needs them to edit the data).

use farmmap::app::files::{decode_data_file, publish_story};
use farmmap::app::results::{ImportProblem, Severity};
use farmmap::app::{Session, Theme};
use farmmap::i18n::Lang;
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage:
  farmmap check STORY.json
  farmmap render STORY.json --step N|ID --out FILE.svg|FILE.png [--width PX] [--height PX]
                 [--theme light|dark] [--lang en|ru|kk]
  farmmap publish STORY.json --out FILE.json [--without-sources] [--allow-errors]

check   validates a story file as the editor does; exit 1 on errors, 0 otherwise
render  draws step N (1-based) or the step with id ID, the map 700 x 500 CSS px by default
publish writes the story with its data loaded and checked and its network laid out,
        for the reader's build (--out may be the story file itself); refuses when a row
        has an error";

/// A failure: its message and exit code (1: the story; 2: the command line).
struct Fail(String, u8);

fn usage(msg: impl Into<String>) -> Fail {
    Fail(format!("{}\n\n{USAGE}", msg.into()), 2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(Fail(msg, code)) => {
            eprintln!("farmmap: {msg}");
            ExitCode::from(code)
        }
    }
}

fn run(args: &[String]) -> Result<u8, Fail> {
    match args.first().map(String::as_str) {
        Some("check") => match &args[1..] {
            [path] => check(path),
            _ => Err(usage("check takes one story file")),
        },
        Some("render") => render(&args[1..]),
        Some("publish") => publish(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(0)
        }
        Some(other) => Err(usage(format!("unknown command \"{other}\""))),
        None => Err(usage("no command")),
    }
}

/// The story file at `path`: its name and its text (decoded as the editor decodes it), and
/// the decoder's problems.
fn read_story(path: &str) -> Result<(String, String, Vec<ImportProblem>), Fail> {
    let bytes = std::fs::read(path).map_err(|e| Fail(format!("{path}: {e}"), 1))?;
    let name = Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned());
    let decoded = decode_data_file(&name, &bytes);
    Ok((name, decoded.text, decoded.problems))
}

/// A session with the story file at `path` loaded, and every problem (decoding first).
fn load(path: &str) -> Result<(Session, Vec<ImportProblem>), Fail> {
    let (name, text, mut problems) = read_story(path)?;
    let mut session = Session::empty();
    match session.load_story(&name, &text) {
        Ok(report) => {
            problems.extend(report.problems);
            // The importer's facts about whole files (encoding, units): printed, never counted.
            problems.extend(report.notes);
            Ok((session, problems))
        }
        Err(first) => {
            problems.push(first);
            print_problems(&problems);
            Err(Fail(format!("{name} cannot be read as a story"), 1))
        }
    }
}

fn print_problems(problems: &[ImportProblem]) {
    for p in problems {
        let severity = match p.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        eprintln!("{severity}: {}", p.text);
    }
}

fn check(path: &str) -> Result<u8, Fail> {
    let (session, problems) = load(path)?;
    print_problems(&problems);
    let count = |s: Severity| problems.iter().filter(|p| p.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let story = session.story();
    println!(
        "{path}: {} steps, {} farms, {} network nodes; {errors} errors, {} warnings",
        story.steps.len(),
        session.farm_count(),
        session.network().network().nodes.len(),
        warnings,
    );
    Ok(u8::from(errors > 0))
}

fn publish(args: &[String]) -> Result<u8, Fail> {
    let Some(path) = args.first().filter(|a| !a.starts_with("--")) else {
        return Err(usage("publish takes a story file"));
    };
    let switches = ["--without-sources", "--allow-errors"];
    for a in args[1..].iter().filter(|a| a.starts_with("--")) {
        if a != "--out" && !switches.contains(&a.as_str()) {
            return Err(usage(format!("unknown option {a}")));
        }
    }
    let out = flag(args, "--out")?.ok_or_else(|| usage("publish needs --out FILE"))?;
    let keep_sources = !args.iter().any(|a| a == "--without-sources");
    let (name, text, mut problems) = read_story(path)?;
    let published = publish_story(&name, &text, keep_sources);
    problems.extend(published.problems);
    problems.extend(published.notes);
    print_problems(&problems);
    let Some(text) = published.text else {
        return Err(Fail(format!("{name} cannot be read as a story"), 1));
    };
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    if errors > 0 && !args.iter().any(|a| a == "--allow-errors") {
        return Err(Fail(
            format!("{name}: {errors} errors (their rows would be left out of the map); nothing written: fix them, or publish with --allow-errors"),
            1,
        ));
    }
    std::fs::write(out, &text).map_err(|e| Fail(format!("{out}: {e}"), 1))?;
    let (parsed, _) = farmmap::story::parse(&name, &text);
    let data = parsed.and_then(|s| s.published).unwrap_or_default();
    println!(
        "{out}: published {} farms, {} network nodes, {} ties from {}; {errors} errors",
        data.farms.id.len(),
        data.network.nodes.len(),
        data.network.ties.len(),
        if data.sources.is_empty() {
            "no source file".to_string()
        } else {
            data.sources.join(", ")
        },
    );
    Ok(0)
}

/// The value after `--flag`, if given.
fn flag<'a>(args: &'a [String], name: &str) -> Result<Option<&'a str>, Fail> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) => args
            .get(i + 1)
            .map(|v| Some(v.as_str()))
            .ok_or_else(|| usage(format!("{name} needs a value"))),
    }
}

/// A size in CSS px (`--width`, `--height`), 100 to 4000.
fn size(args: &[String], name: &str, default: f64) -> Result<f64, Fail> {
    match flag(args, name)? {
        None => Ok(default),
        Some(v) => v
            .parse::<f64>()
            .ok()
            .filter(|n| (100.0..=4000.0).contains(n))
            .ok_or_else(|| {
                usage(format!(
                    "{name} {v}: expected a number of pixels, 100 to 4000"
                ))
            }),
    }
}

fn render(args: &[String]) -> Result<u8, Fail> {
    let Some(path) = args.first().filter(|a| !a.starts_with("--")) else {
        return Err(usage("render takes a story file"));
    };
    for a in args[1..].iter().filter(|a| a.starts_with("--")) {
        if ![
            "--step", "--out", "--width", "--height", "--theme", "--lang",
        ]
        .contains(&a.as_str())
        {
            return Err(usage(format!("unknown option {a}")));
        }
    }
    let step = flag(args, "--step")?.unwrap_or("1");
    let out = flag(args, "--out")?.ok_or_else(|| usage("render needs --out FILE"))?;
    let (width, height) = (
        size(args, "--width", 700.0)?,
        size(args, "--height", 500.0)?,
    );
    let png = out.to_ascii_lowercase().ends_with(".png");
    if !png && !out.to_ascii_lowercase().ends_with(".svg") {
        return Err(usage(format!("{out}: the output must end in .svg or .png")));
    }

    let theme = match flag(args, "--theme")? {
        None => Theme::Light,
        Some(t) => {
            Theme::parse(t).ok_or_else(|| usage(format!("--theme {t}: expected light or dark")))?
        }
    };
    let lang = flag(args, "--lang")?;
    if let Some(l) = lang.filter(|l| Lang::parse(l).is_none()) {
        return Err(usage(format!("--lang {l}: expected en, ru or kk")));
    }

    let (mut session, problems) = load(path)?;
    print_problems(&problems);
    session.set_theme(theme);
    // The story's language unless --lang says otherwise (as a publisher's lang attribute).
    session.choose_language(lang.unwrap_or(""), "");
    let steps = &session.story().steps;
    let index = match step.parse::<usize>() {
        Ok(n) if (1..=steps.len()).contains(&n) => n - 1,
        Ok(n) => {
            return Err(Fail(
                format!("there is no step {n}; the story has {} steps", steps.len()),
                1,
            ))
        }
        Err(_) => steps
            .iter()
            .position(|s| s.id == step)
            .ok_or_else(|| Fail(format!("the story has no step with the id \"{step}\""), 1))?,
    };
    let svg = session
        .step_poster(index, width, height)
        .ok_or_else(|| Fail(format!("there is no step {}", index + 1), 1))?;
    let bytes = if png { to_png(&svg)? } else { svg.into_bytes() };
    std::fs::write(out, bytes).map_err(|e| Fail(format!("{out}: {e}"), 1))?;
    println!(
        "{out}: step {} \"{}\"",
        index + 1,
        session.story().steps[index].title
    );
    Ok(0)
}

#[cfg(feature = "cli-png")]
fn to_png(svg: &str) -> Result<Vec<u8>, Fail> {
    use resvg::{tiny_skia, usvg};
    let mut options = usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_system_fonts();
    // The SVG asks for `sans-serif`: map it to a sans face this machine has.
    let family = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial"]
        .into_iter()
        .find(|f| {
            fonts
                .faces()
                .any(|face| face.families.iter().any(|(n, _)| n == f))
        });
    match family {
        Some(f) => fonts.set_sans_serif_family(f),
        None => {
            return Err(Fail(
                "no sans-serif font found, so the PNG would have no text; install one (Debian: fonts-dejavu-core)".into(),
                1,
            ))
        }
    }
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| Fail(format!("SVG: {e}"), 1))?;
    // Twice the CSS size: sharp on phones and in print.
    let scale = 2.0;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap =
        tiny_skia::Pixmap::new(w, h).ok_or_else(|| Fail("the image is too large".into(), 1))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| Fail(format!("PNG: {e}"), 1))
}

#[cfg(not(feature = "cli-png"))]
fn to_png(_svg: &str) -> Result<Vec<u8>, Fail> {
    Err(Fail(
        "this farmmap was built without PNG output; build it with `cargo build --release --features cli-png --bin farmmap`, or write .svg".into(),
        2,
    ))
}
