//! The layers import one way: content reads nothing of ours, core reads content, the faces
//! read everything below them and never each other. A `use crate::…` against the grain fails
//! here, naming the file and the line.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const MODULES: [&str; 12] = [
    "content", "core", "validate", "pages", "store", "export", "tui", "plain", "cli", "sample",
    "check", "output",
];

/// What each top-level module may reference. `sample` is test support (behind a feature):
/// only tests inside core use it.
fn allowed(module: &str) -> &'static [&'static str] {
    match module {
        "core" => &["content", "sample"],
        "validate" | "pages" | "sample" => &["content", "core"],
        "store" => &["core"],
        "tui" | "plain" => &["content", "core", "pages", "store", "export"],
        "cli" => &[
            "content", "core", "pages", "store", "export", "tui", "plain", "validate", "check",
            "output",
        ],
        // `overture check` prints the checker's page as plain mode does.
        "check" => &["content", "core", "pages", "plain"],
        // content and export read nothing of ours.
        _ => &[],
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a file's code (not its comments) names as `crate::<module>`.
fn references(text: &str) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        for module in MODULES {
            for (at, _) in code.match_indices(&format!("crate::{module}")) {
                let rest = &code[at + "crate::".len() + module.len()..];
                if !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
                    found.push((n + 1, module));
                }
            }
        }
    }
    found
}

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    for module in MODULES {
        let mut files = Vec::new();
        let dir = src.join(module);
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        }
        let file = src.join(format!("{module}.rs"));
        if file.is_file() {
            files.push(file);
        }
        assert!(!files.is_empty(), "no source for module {module}");
        for file in files {
            let text = std::fs::read_to_string(&file).expect("readable source");
            for (line, used) in references(&text) {
                seen.insert((module, used));
                if used != module && !allowed(module).contains(&used) {
                    wrong.push(format!(
                        "{}:{line}: {module} uses {used}",
                        file.strip_prefix(&src).unwrap_or(&file).display()
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
    // The check sees real imports (a scan that found nothing would pass on anything).
    assert!(seen.contains(&("core", "content")), "{seen:?}");
    assert!(seen.contains(&("tui", "pages")), "{seen:?}");
}

#[test]
fn the_allowed_imports_have_no_cycle() {
    // Depth-first over the allowed edges, ignoring test support: a cycle would let two layers
    // each decide what the other means.
    fn visit<'a>(m: &'a str, path: &mut Vec<&'a str>) {
        assert!(!path.contains(&m), "cycle: {path:?} -> {m}");
        path.push(m);
        for next in allowed(m).iter().filter(|n| **n != "sample") {
            visit(next, path);
        }
        path.pop();
    }
    for module in MODULES {
        visit(module, &mut Vec::new());
    }
}
