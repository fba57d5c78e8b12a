//! Reading the draft checker's labelled corpora (JSON lines: `text`, `expect`), shared by
//! the `it` and `draft` test targets.

use overture::core::draft::Concern;
use std::collections::BTreeSet;

/// One labelled line: the words, and the concerns they should raise (none for a kind line).
pub struct Line {
    pub text: String,
    pub expect: BTreeSet<Concern>,
}

pub fn corpus(src: &str) -> Vec<Line> {
    src.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(n, l)| {
            let v: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("corpus line {}: {e}", n + 1));
            let text = v["text"].as_str().expect("text").to_string();
            let expect = v["expect"]
                .as_array()
                .expect("expect")
                .iter()
                .map(|c| {
                    let id = c.as_str().expect("concern id");
                    Concern::from_id(id).unwrap_or_else(|| panic!("unknown concern {id}"))
                })
                .collect();
            Line { text, expect }
        })
        .collect()
}
