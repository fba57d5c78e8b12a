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

/// The README's Install section names only things that exist: its scripts (executable), the
/// release files it points to, the Debian package's paths in the manifest, and every
/// `overture` subcommand it names.
#[test]
fn the_install_section_names_only_what_exists() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let install = readme
        .split("\n## Install\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the README has an Install section");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    // Every path in backquotes that looks like a file of the repository is there.
    let quoted: Vec<&str> = install.split('`').skip(1).step_by(2).collect();
    let mut files = 0;
    for q in &quoted {
        let path = q.split_whitespace().next().unwrap_or("");
        if path.starts_with("scripts/")
            || path.starts_with(".github/")
            || std::path::Path::new(path)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        {
            let file = root.join(path);
            assert!(
                file.is_file(),
                "README names {path}, which is not in the repository"
            );
            files += 1;
            #[cfg(unix)]
            if path.starts_with("scripts/") {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&file).unwrap().permissions().mode();
                assert!(mode & 0o111 != 0, "{path} is not executable");
            }
        }
    }
    assert!(files >= 3, "{files} repository files named: {quoted:?}");
    // The package carries what the section promises, where it says.
    for installed in [
        "usr/share/man/man1/",
        "usr/share/bash-completion/completions/overture",
        "usr/share/zsh/vendor-completions/",
        "usr/share/fish/vendor_completions.d/",
    ] {
        assert!(manifest.contains(installed), "the .deb has no {installed}");
    }
    assert!(
        manifest.contains("[[bin]]\nname = \"overture\""),
        "cargo install --path . installs overture"
    );
    assert!(install.contains("cargo install --path ."));
    // `overture X` and `man overture` name real subcommands.
    let cli = overture::cli::command();
    let subcommands: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for q in &quoted {
        let words: Vec<&str> = q.split_whitespace().collect();
        if let ["overture", sub, ..] = words[..]
            && !sub.starts_with('-')
        {
            assert!(
                subcommands.iter().any(|s| s == sub),
                "README names `overture {sub}`"
            );
        }
    }
    assert!(
        subcommands.iter().any(|s| s == "man"),
        "man overture needs `overture man`"
    );
}
