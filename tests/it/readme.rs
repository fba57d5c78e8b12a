//! The README's key table is generated from the keymap; this keeps them from drifting.

#[test]
fn readme_key_table_matches_the_keymap() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = overture::tui::keymap::markdown_table();
    assert!(
        readme.contains(&table),
        "README.md's key table is out of date. Replace it with:\n\n{table}"
    );
}

#[test]
fn readme_names_the_two_commands() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
}

/// Every test the README's promises table names exists: a promise whose test was renamed or
/// removed would otherwise go on claiming a proof it no longer has.
#[test]
fn every_test_the_promises_table_names_exists() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let section = readme
        .split("## What Overture promises about your data")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the README has the promises section");
    let mut checked = 0;
    for row in section.lines().filter(|l| l.starts_with("| **")) {
        let tests = row.rsplit('|').nth(1).unwrap();
        let mut file = None;
        for item in tests
            .split(['`', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            if let Some(name) = item.strip_suffix(".rs") {
                file = Some(name.to_string());
                continue;
            }
            let file = file.as_deref().expect("a file before its tests");
            let path = if file == "opened" {
                format!("{root}/src/store/opened.rs")
            } else {
                format!("{root}/tests/it/{file}.rs")
            };
            let source = std::fs::read_to_string(&path).unwrap();
            let names: Vec<&str> = source
                .lines()
                .filter_map(|l| l.trim_start().strip_prefix("fn "))
                .filter_map(|l| l.split('(').next())
                .collect();
            let pattern = item.trim_matches('*');
            let found = names
                .iter()
                .any(|n| match (item.starts_with('*'), item.ends_with('*')) {
                    (true, true) => n.contains(pattern),
                    (false, true) => n.starts_with(pattern),
                    (true, false) => n.ends_with(pattern),
                    (false, false) => *n == pattern,
                });
            assert!(
                found,
                "README names {item} in {path}, which has no such test"
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} tests named");
}
