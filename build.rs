//! Embeds the assets without the spaces and line breaks that only help people read them: the
//! JSON in `assets/` stays pretty for editing and review, and the binary carries it minified
//! (about 50 KiB less, part of keeping it under 4 MiB). Only whitespace outside strings is
//! dropped, so the documents are the same, key order included.

use std::fs;
use std::path::Path;

const ASSETS: [&str; 9] = [
    "questions.json",
    "steps.json",
    "copy.json",
    "sources.json",
    "resources.json",
    "rehearsal.json",
    "after.json",
    "draft.json",
    "draft-model.json",
];

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo::rerun-if-changed=assets");
    for name in ASSETS {
        let source = Path::new("assets").join(name);
        println!("cargo::rerun-if-changed={}", source.display());
        let text =
            fs::read_to_string(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        fs::write(Path::new(&out).join(name), minified(&text))
            .unwrap_or_else(|e| panic!("{out}/{name}: {e}"));
    }
}

/// `json` without whitespace outside strings.
fn minified(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}
