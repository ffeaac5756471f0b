//! The crate's layering, checked on the source text (no build of the crate needed):
//!
//! - `scene` draws what it is given: it does not import `import`, `story` or `app`;
//! - `web` imports only `app` and the engines its documented JS API wraps (`cluster`,
//!   `network` for `ForceLayout`/`NetworkData`, `charts` for `drawChart`);
//! - only `web` mentions wasm-bindgen, web-sys, js-sys or tsify, except the
//!   `#[cfg_attr(target_arch = "wasm32", …)]` tsify attributes in `app/` and `story/`;
//! - the top-level modules form no cycle.
//!
//! A module's dependencies are every `crate::<module>` path in its code (`use` lines and
//! inline paths), comments left out. Test code is exempt (fixtures may load the demo story
//! through the importers): files named `tests.rs` or `*_tests.rs`, and `#[cfg(test)]` items.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Top-level module → the top-level modules it uses.
type Deps = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file under `src/` belongs to (`None` for lib.rs).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    match first.strip_suffix(".rs") {
        Some("lib") => None,
        Some(stem) => Some(stem.to_string()),
        None => Some(first),
    }
}

fn is_test_file(file: &Path) -> bool {
    let stem = file.file_stem().unwrap().to_str().unwrap();
    stem == "tests" || stem.ends_with("_tests")
}

/// The file's lines without comment lines and without `#[cfg(test)]` items.
fn code_lines(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim();
        if t.starts_with("//") {
            i += 1;
            continue;
        }
        if t != "#[cfg(test)]" {
            out.push(lines[i]);
            i += 1;
            continue;
        }
        // Skip the item the attribute applies to: one line ending in `;`, or a braced block.
        i += 1;
        let mut depth = 0i32;
        while i < lines.len() {
            let l = lines[i];
            depth += l.matches('{').count() as i32 - l.matches('}').count() as i32;
            i += 1;
            if depth <= 0 && (l.trim_end().ends_with(';') || l.trim_end().ends_with('}')) {
                break;
            }
        }
    }
    out
}

/// Every `crate::<name>` in `code`.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // e.g. `some_crate::`
        }
        let name: String = code[at + 7..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            found.insert(name);
        }
    }
    found
}

/// `code` without its `#[cfg_attr(target_arch = "wasm32", …)]` attributes.
fn without_wasm_cfg_attrs(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg_attr(") {
        out.push_str(&rest[..at]);
        let attr = &rest[at..];
        let mut depth = 0;
        let mut end = attr.len();
        for (k, c) in attr.char_indices() {
            match c {
                '[' | '(' => depth += 1,
                ']' | ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        if !attr[..end].contains("target_arch = \"wasm32\"") {
            out.push_str(&attr[..end]);
        }
        rest = &attr[end..];
    }
    out.push_str(rest);
    out
}

const WASM_NAMES: [&str; 4] = ["wasm_bindgen", "web_sys", "js_sys", "tsify"];

/// The dependencies of every top-level module, and every breach of the wasm rule.
fn scan(src: &Path) -> (Deps, Vec<String>) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    farmmap::sort::sort(&mut files);
    let mut deps = Deps::new();
    let mut wasm = Vec::new();
    for file in files {
        let Some(module) = module_of(src, &file) else {
            continue;
        };
        let uses = deps.entry(module.clone()).or_default();
        if is_test_file(&file) {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        let code = code_lines(&text).join("\n");
        uses.extend(crate_paths(&code).into_iter().filter(|m| *m != module));
        if module == "web" {
            continue;
        }
        let checked = if module == "app" || module == "story" {
            without_wasm_cfg_attrs(&code)
        } else {
            code
        };
        for name in WASM_NAMES {
            if checked.contains(name) {
                wasm.push(format!("{} mentions {name}", file.display()));
            }
        }
    }
    (deps, wasm)
}

/// A cycle among the modules, if there is one (as a path that ends where it starts).
fn find_cycle(deps: &Deps) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        deps: &Deps,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(k) = path.iter().position(|p| p == m) {
            let mut cycle = path[k..].to_vec();
            cycle.push(m.to_string());
            return Some(cycle);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for d in deps.get(m).into_iter().flatten() {
            if let Some(c) = visit(d, deps, done, path) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    deps.keys()
        .find_map(|m| visit(m, deps, &mut done, &mut Vec::new()))
}

/// The modules, each after everything it uses (leaves first); `None` when there is a cycle.
fn dependency_order(deps: &Deps) -> Option<Vec<String>> {
    let mut order: Vec<String> = Vec::new();
    while order.len() < deps.len() {
        let next: Vec<String> = deps
            .iter()
            .filter(|(m, uses)| !order.contains(m) && uses.iter().all(|u| order.contains(u)))
            .map(|(m, _)| m.clone())
            .collect();
        if next.is_empty() {
            return None;
        }
        order.extend(next);
    }
    Some(order)
}

#[test]
fn the_modules_are_layered() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (deps, wasm) = scan(&src);
    let mut problems = wasm;
    let uses = |m: &str| deps.get(m).cloned().unwrap_or_default();
    for banned in ["import", "story", "app"] {
        if uses("scene").contains(banned) {
            problems.push(format!("scene uses {banned}"));
        }
    }
    // json: the boundary's text form (answers, and values quoted in messages).
    let web_may = ["app", "cluster", "network", "charts", "json"];
    for m in uses("web") {
        if !web_may.contains(&m.as_str()) {
            problems.push(format!("web uses {m} (only {web_may:?})"));
        }
    }
    if let Some(cycle) = find_cycle(&deps) {
        problems.push(format!("cycle: {}", cycle.join(" → ")));
    }
    assert!(problems.is_empty(), "{problems:#?}\n{deps:#?}");
    let order = dependency_order(&deps).unwrap();
    println!("dependency order (leaves first): {}", order.join(", "));
    for m in &order {
        println!("{m}: {:?}", deps[m]);
    }
}

#[test]
fn the_checks_see_what_they_must() {
    // Paths anywhere in code count; comments and test items do not.
    let code = code_lines(
        "use crate::geometry::X;\n// crate::story\nfn f() { crate::import::y(); }\n\
         #[cfg(test)]\nmod tests {\n    use crate::app;\n}\n",
    )
    .join("\n");
    assert_eq!(
        crate_paths(&code),
        BTreeSet::from(["geometry".into(), "import".into()])
    );
    // Only wasm32 cfg_attrs are removed.
    let attrs = "#[cfg_attr(target_arch = \"wasm32\", derive(tsify::Tsify))]\n\
                 #[cfg_attr(test, derive(tsify::Tsify))]";
    assert!(!without_wasm_cfg_attrs(attrs).contains("wasm32"));
    assert!(without_wasm_cfg_attrs(attrs).contains("tsify"));
    // A cycle is found.
    let mut deps = Deps::new();
    deps.insert("a".into(), BTreeSet::from(["b".into()]));
    deps.insert("b".into(), BTreeSet::from(["a".into()]));
    assert!(find_cycle(&deps).is_some() && dependency_order(&deps).is_none());
}
