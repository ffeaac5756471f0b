//! The reader's wasm is built with `-Zfmt-debug=none` (scripts/build.sh): there `{:?}` prints
//! nothing. So no message a reader or editor can see may format with `Debug`: a value from a
//! file is quoted with `farmmap::json::Quoted`. Panics and assertions may keep `{:?}` (a
//! panic's message is lost detail, not a wrong sentence); so may tests, the command line and
//! the importers, which only the full build (normal `Debug`) compiles.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `{:?}`, `{x:?}`, `{:#?}`, `{x:#?}` in `line`.
fn has_debug_format(line: &str) -> bool {
    line.match_indices('{').any(|(i, _)| {
        let rest = &line[i + 1..];
        let end = rest.find('}').unwrap_or(rest.len());
        let spec = &rest[..end];
        !spec.contains('{') && (spec.ends_with(":?") || spec.ends_with(":#?"))
    })
}

#[test]
fn no_message_formats_with_debug() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let exempt = ["bin", "import/bods.rs", "import/xlsx.rs"];
    let allowed = [
        "assert",
        "panic!",
        "expect(",
        "unreachable!",
        "eprintln!",
        "println!",
        "todo!",
    ];
    let mut found = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if exempt.iter().any(|e| rel.starts_with(e))
            || rel.ends_with("tests.rs")
            || rel.contains("/tests/")
        {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        // Code before the file's test module.
        let end = (0..lines.len())
            .find(|&i| {
                lines[i].trim() == "#[cfg(test)]"
                    && lines
                        .get(i + 1)
                        .is_some_and(|l| l.trim_start().starts_with("mod "))
            })
            .unwrap_or(lines.len());
        for i in 0..end {
            if has_debug_format(lines[i])
                && !lines[i].trim_start().starts_with("//")
                && !lines[i.saturating_sub(6)..=i]
                    .iter()
                    .any(|l| allowed.iter().any(|a| l.contains(a)))
            {
                found.push(format!("src/{rel}:{}: {}", i + 1, lines[i].trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "Debug formatting in messages (use farmmap::json::Quoted):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_debug_formats() {
    assert!(has_debug_format(r#"format!("{s:?} is not a date")"#));
    assert!(has_debug_format(r#"format!("{:?} {why}", o)"#));
    assert!(has_debug_format(r#"format!("{x:#?}")"#));
    assert!(!has_debug_format(
        r#"format!("{} is not a date", Quoted(&s))"#
    ));
    assert!(!has_debug_format(r#"/// `{illustrative?, highlight?}`"#));
}
