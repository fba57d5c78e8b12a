//! The store: atomic saves, a backup, a lock, private permissions, and unreadable files moved
//! aside (never overwritten, never deleted) with an honest problem text.
#![cfg(unix)]

use overture::core::record::{SCHEMA_VERSION, SavedData};
use overture::store::{
    BACKUP_FILE, DATA_FILE, LOCK_FILE, Loaded, MAX_DATA_BYTES, Store, StoreError, TEMP_PREFIX,
    UNREADABLE_PREFIX, default_dir,
};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use tempfile::TempDir;

fn sample(partner: &str) -> SavedData {
    // As the v1 fixture holds it: the second answer names no one.
    crate::support::document(partner, "waited")
}

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
}

fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// Every entry of `dir` (and `dir` itself, as ""): its bytes (files), its mode and mtime.
fn snapshot(dir: &Path) -> BTreeMap<String, (Option<Vec<u8>>, u32, std::time::SystemTime)> {
    let mut map = BTreeMap::new();
    let meta = fs::metadata(dir).unwrap();
    map.insert(String::new(), (None, mode(dir), meta.modified().unwrap()));
    for name in names(dir) {
        let path = dir.join(&name);
        let meta = fs::symlink_metadata(&path).unwrap();
        let bytes = meta.is_file().then(|| fs::read(&path).unwrap());
        map.insert(name, (bytes, mode(&path), meta.modified().unwrap()));
    }
    map
}

/// Every entry of `dir` with its bytes (files) and mode: what a refused open must not change
/// (the folder's own mtime moves when a lock file comes and goes).
fn contents(dir: &Path) -> BTreeMap<String, (Option<Vec<u8>>, u32)> {
    snapshot(dir)
        .into_iter()
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, (bytes, mode, _))| (name, (bytes, mode)))
        .collect()
}

fn open(dir: &Path) -> (Store, Loaded) {
    Store::open(dir).unwrap()
}

/// A fresh store directory holding `bytes` as the data file (and `backup` as the .bak).
fn dir_with(bytes: &[u8], backup: Option<&[u8]>) -> TempDir {
    let tmp = TempDir::new().unwrap();
    fs::write(tmp.path().join(DATA_FILE), bytes).unwrap();
    if let Some(b) = backup {
        fs::write(tmp.path().join(BACKUP_FILE), b).unwrap();
    }
    tmp
}

/// Opens a directory whose data file is `bytes` and checks it was moved aside intact, with
/// exactly `detail` as the problem (after "<path>: "). Returns the backup offered.
fn assert_moved_aside(bytes: &[u8], backup: Option<&[u8]>, detail: &str) -> Option<SavedData> {
    let tmp = dir_with(bytes, backup);
    let dir = tmp.path();
    let (store, loaded) = open(dir);
    let Loaded::MovedAside {
        moved_to,
        problem,
        backup: offered,
        ..
    } = loaded
    else {
        panic!("expected MovedAside, got {loaded:?}");
    };
    let data_path = dir.join(DATA_FILE);
    assert_eq!(problem, format!("{}: {detail}", data_path.display()));
    assert_eq!(moved_to.parent(), Some(dir));
    let name = moved_to.file_name().unwrap().to_str().unwrap();
    let secs = name.strip_prefix(UNREADABLE_PREFIX).unwrap();
    assert!(secs.parse::<u64>().unwrap() > 1_700_000_000, "{name}");
    assert_eq!(fs::read(&moved_to).unwrap(), bytes, "original bytes kept");
    assert_eq!(mode(&moved_to), 0o600);
    assert!(
        !data_path.exists(),
        "the unreadable file is no longer in the way"
    );
    if let Some(b) = backup {
        assert_eq!(
            fs::read(dir.join(BACKUP_FILE)).unwrap(),
            b,
            ".bak untouched"
        );
    }
    drop(store);
    offered
}

fn pretty(data: &SavedData) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(data).unwrap();
    bytes.push(b'\n');
    bytes
}

// ---------------------------------------------------------------------------------------
// Round trip, layout, backup

#[test]
fn round_trip() {
    let tmp = TempDir::new().unwrap();
    let (mut store, loaded) = open(tmp.path());
    assert_eq!(loaded, Loaded::Fresh);
    assert_eq!(store.dir(), tmp.path());
    assert_eq!(store.data_path(), tmp.path().join(DATA_FILE));
    let data = sample("Sam");
    store.save(&data).unwrap();
    drop(store);

    let bytes = fs::read(tmp.path().join(DATA_FILE)).unwrap();
    assert_eq!(bytes, pretty(&data), "pretty JSON with a final newline");
    let (_store, loaded) = open(tmp.path());
    assert_eq!(loaded, Loaded::Data(data));
}

#[test]
fn fixtures_from_earlier_builds_still_load() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store");
    for (name, expected) in [
        ("v1_full.json", sample("Sam")),
        ("v1_minimal.json", SavedData::default()),
    ] {
        let tmp = dir_with(&fs::read(fixtures.join(name)).unwrap(), None);
        let (_store, loaded) = open(tmp.path());
        assert_eq!(loaded, Loaded::Data(expected), "{name}");
    }
}

#[test]
fn a_byte_order_mark_is_tolerated() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(pretty(&sample("Sam")));
    let tmp = dir_with(&bytes, None);
    let (_store, loaded) = open(tmp.path());
    assert_eq!(loaded, Loaded::Data(sample("Sam")));
}

#[test]
fn a_large_but_plausible_document_loads() {
    let data = sample(&"é".repeat(3 * 1024 * 1024));
    let tmp = dir_with(&pretty(&data), None);
    let (_store, loaded) = open(tmp.path());
    assert_eq!(loaded, Loaded::Data(data));
}

#[test]
fn bak_holds_the_previous_save() {
    let tmp = TempDir::new().unwrap();
    let data_path = tmp.path().join(DATA_FILE);
    let bak_path = tmp.path().join(BACKUP_FILE);
    let (mut store, _) = open(tmp.path());

    store.save(&sample("A")).unwrap();
    assert!(!bak_path.exists(), "nothing to back up on the first save");
    store.save(&sample("B")).unwrap();
    assert_eq!(fs::read(&bak_path).unwrap(), pretty(&sample("A")));
    assert_eq!(fs::read(&data_path).unwrap(), pretty(&sample("B")));
    store.save(&sample("C")).unwrap();
    assert_eq!(fs::read(&bak_path).unwrap(), pretty(&sample("B")));
    assert_eq!(fs::read(&data_path).unwrap(), pretty(&sample("C")));
    assert_eq!(mode(&bak_path), 0o600);
    drop(store);

    // A file found at open is backed up by the first save of the next session.
    let (mut store, _) = open(tmp.path());
    store.save(&sample("D")).unwrap();
    assert_eq!(fs::read(&bak_path).unwrap(), pretty(&sample("C")));
    assert_eq!(
        names(tmp.path()),
        [DATA_FILE, BACKUP_FILE, LOCK_FILE],
        "no temp files left behind"
    );
}

#[test]
fn default_dir_is_named_for_overture() {
    // None only without a home directory.
    if let Some(dir) = default_dir() {
        assert_eq!(dir.file_name().unwrap(), "overture");
        assert!(dir.is_absolute());
    }
}

// ---------------------------------------------------------------------------------------
// Permissions

#[test]
fn nothing_is_created_until_the_first_save_then_dir_parents_and_files_are_private() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("a/b/overture");
    let (store, loaded) = open(&dir);
    assert_eq!(loaded, Loaded::Fresh);
    assert!(!store.is_on_disk());
    assert!(
        !tmp.path().join("a").exists(),
        "opening with nothing saved creates nothing, not even the parents"
    );
    drop(store);
    let (mut store, _) = open(&dir);
    store.save(&sample("A")).unwrap();
    assert!(store.is_on_disk());
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&tmp.path().join("a")), 0o700);
    assert_eq!(mode(&dir.join(LOCK_FILE)), 0o600);
    store.save(&sample("B")).unwrap();
    assert_eq!(mode(&dir.join(DATA_FILE)), 0o600);
    assert_eq!(mode(&dir.join(BACKUP_FILE)), 0o600);
}

#[test]
fn loosened_permissions_are_tightened_at_open() {
    let tmp = dir_with(&pretty(&sample("A")), Some(&pretty(&sample("B"))));
    let dir = tmp.path();
    let aside = dir.join(format!("{UNREADABLE_PREFIX}1700000000"));
    fs::write(&aside, b"old unreadable").unwrap();
    fs::write(dir.join(LOCK_FILE), b"").unwrap();
    let other = dir.join("notes.txt");
    fs::write(&other, b"not ours").unwrap();
    set_mode(dir, 0o755);
    set_mode(&dir.join(DATA_FILE), 0o644);
    set_mode(&dir.join(BACKUP_FILE), 0o666);
    set_mode(&dir.join(LOCK_FILE), 0o640);
    set_mode(&aside, 0o604);
    set_mode(&other, 0o644);

    let (_store, loaded) = open(dir);
    assert_eq!(loaded, Loaded::Data(sample("A")));
    assert_eq!(mode(dir), 0o700);
    assert_eq!(mode(&dir.join(DATA_FILE)), 0o600);
    assert_eq!(mode(&dir.join(BACKUP_FILE)), 0o600);
    assert_eq!(mode(&dir.join(LOCK_FILE)), 0o600);
    assert_eq!(mode(&aside), 0o600);
    assert_eq!(
        mode(&other),
        0o644,
        "files that are not Overture's are left alone"
    );
}

#[test]
fn an_unreadable_mode_on_the_data_file_is_repaired_not_moved_aside() {
    let tmp = dir_with(&pretty(&sample("A")), None);
    set_mode(&tmp.path().join(DATA_FILE), 0o000);
    let (_store, loaded) = open(tmp.path());
    assert_eq!(loaded, Loaded::Data(sample("A")));
    assert_eq!(mode(&tmp.path().join(DATA_FILE)), 0o600);
}

#[test]
fn a_shared_sticky_directory_is_refused_and_left_alone() {
    let tmp = TempDir::new().unwrap();
    let shared = tmp.path().join("shared");
    fs::create_dir(&shared).unwrap();
    set_mode(&shared, 0o1777);
    let before = snapshot(&shared);
    let err = Store::open(&shared).unwrap_err();
    assert!(matches!(err, StoreError::NotPrivate { .. }), "{err:?}");
    assert!(
        err.to_string().contains(&shared.display().to_string()),
        "{err}"
    );
    assert_eq!(
        snapshot(&shared),
        before,
        "not made private, nothing written"
    );
}

// ---------------------------------------------------------------------------------------
// Lock

#[test]
fn a_second_open_is_locked_and_writes_nothing() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let (mut first, _) = open(dir);
    first.save(&sample("A")).unwrap();
    first.save(&sample("B")).unwrap();
    // Things an open that went ahead would change: loose modes, a stale temp file.
    fs::write(dir.join(format!("{TEMP_PREFIX}1-0")), b"stale").unwrap();
    set_mode(&dir.join(DATA_FILE), 0o644);
    set_mode(dir, 0o750);
    let before = snapshot(dir);
    std::thread::sleep(std::time::Duration::from_millis(20));

    let err = Store::open(dir).unwrap_err();
    let StoreError::Locked { dir: locked } = &err else {
        panic!("expected Locked, got {err:?}");
    };
    assert_eq!(locked, dir);
    assert!(
        err.to_string().contains(&dir.display().to_string()),
        "{err}"
    );
    assert_eq!(snapshot(dir), before, "the refused open changed nothing");

    // The first store is unaffected.
    first.save(&sample("C")).unwrap();
}

#[test]
fn dropping_the_store_releases_the_lock() {
    let tmp = TempDir::new().unwrap();
    let (mut store, _) = open(tmp.path());
    store.save(&sample("A")).unwrap();
    assert!(matches!(
        Store::open(tmp.path()),
        Err(StoreError::Locked { .. })
    ));
    drop(store);
    let (_store, loaded) = open(tmp.path());
    assert_eq!(loaded, Loaded::Data(sample("A")));
}

#[test]
fn a_store_that_opened_empty_never_saves_over_another_overtures_first_save() {
    let tmp = TempDir::new().unwrap();
    let (mut late, _) = open(tmp.path());
    let (mut early, _) = open(tmp.path());
    early.save(&sample("Early")).unwrap();
    drop(early);
    let err = late.save(&sample("Late")).unwrap_err();
    assert!(matches!(err, StoreError::SavedElsewhere { .. }), "{err:?}");
    let (_store, loaded) = open(tmp.path());
    assert_eq!(loaded, Loaded::Data(sample("Early")));
}

// ---------------------------------------------------------------------------------------
// Crash leftovers

#[test]
fn stale_temp_files_are_removed_at_open() {
    let tmp = dir_with(&pretty(&sample("A")), None);
    let dir = tmp.path();
    for name in [
        format!("{TEMP_PREFIX}4242-0"),
        format!("{TEMP_PREFIX}4242-3.bak"),
        format!("{TEMP_PREFIX}1-99"),
    ] {
        fs::write(dir.join(name), b"{\"schema_version\": 1, \"pro").unwrap();
    }
    symlink("/nonexistent", dir.join(format!("{TEMP_PREFIX}7-7"))).unwrap();
    fs::write(dir.join("overture.json.tmpnotes"), b"keep").unwrap();
    fs::write(dir.join("notes.txt"), b"keep").unwrap();

    let (_store, loaded) = open(dir);
    assert_eq!(loaded, Loaded::Data(sample("A")));
    assert_eq!(
        names(dir),
        ["notes.txt", DATA_FILE, "overture.json.tmpnotes", LOCK_FILE]
    );
}

// ---------------------------------------------------------------------------------------
// Unreadable data files

#[test]
fn truncated_file_is_moved_aside() {
    let full = pretty(&sample("Samantha"));
    // Cut in the middle of the partner's name.
    let at = full.windows(4).position(|w| w == b"Sama").unwrap() + 3;
    let cut = &full[..at];
    assert!(
        cut.ends_with(b"\n      \"partner\": \"Sam"),
        "the layout changed"
    );
    let offered = assert_moved_aside(cut, None, "EOF while parsing a string at line 5 column 21");
    assert_eq!(offered, None);
}

#[test]
fn truncated_mid_list_gives_line_and_column() {
    assert_moved_aside(
        b"{\n  \"schema_version\": 1,\n  \"assessments\": [",
        None,
        "EOF while parsing a list at line 3 column 18",
    );
}

#[test]
fn random_bytes_are_moved_aside() {
    let mut state: u32 = 0x2545_F491;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect();
    assert_ne!(bytes[0], b'{');
    assert!(!bytes[0].is_ascii_whitespace());
    assert_moved_aside(&bytes, None, "expected value at line 1 column 1");
}

#[test]
fn wrong_shape_is_moved_aside() {
    assert_moved_aside(
        b"{\"schema_version\": 1, \"profile\": 3}",
        None,
        "invalid type: integer `3`, expected struct Profile at line 1 column 34",
    );
    assert_moved_aside(
        b"{\"version\": 1}",
        None,
        // The parser's message is cut at 160 characters: it can quote the file.
        "unknown field `version`, expected one of `schema_version`, `profile`, `draft`, \
         `assessments`, `safety_checks`, `rehearsals`, `asks`, `timeline`, `reviews`, `jou\u{2026} \
         at line 1 column 10",
    );
    assert_moved_aside(
        b"{\"profile\": null}",
        None,
        "missing field `schema_version` at line 1 column 17",
    );
    assert_moved_aside(
        b"\"just a string\"",
        None,
        "invalid type: string \"just a string\", expected struct SavedData at line 1 column 15",
    );
    assert_moved_aside(
        b"\n  [1, null, null, []]",
        None,
        "expected a JSON object, found an array at line 2 column 3",
    );
    assert_moved_aside(
        b"{\"schema_version\": 1} {}",
        None,
        "trailing characters at line 1 column 23",
    );
}

#[test]
fn empty_file_is_moved_aside() {
    assert_moved_aside(b"", None, "the file is empty");
    assert_moved_aside(b"\n  \n", None, "the file is empty");
}

#[test]
fn a_newer_schema_is_refused_and_nothing_changes() {
    let newer = "written by a newer version of Overture (schema 7, this one reads 1 to 2)";
    let good = pretty(&sample("Older"));
    for (bytes, backup, problem) in [
        // Same shape as today...
        (&b"{\"schema_version\": 7}"[..], None, newer),
        // ...or with fields this build does not know, in any order, with a backup this
        // build could read (carrying on from it would split the history in two).
        (
            &b"{\"mood\": {\"new\": [1, 2]}, \"schema_version\": 7, \"profile\": \"x\"}"[..],
            Some(&good[..]),
            newer,
        ),
        (
            &b"{\"schema_version\": 1099511627776}"[..],
            None,
            "written by a newer version of Overture (schema 1099511627776, this one reads 1 to 2)",
        ),
    ] {
        let tmp = dir_with(bytes, backup);
        // (Overture's folder and files are made owner-only whatever they hold: not a change
        // to test here.)
        set_mode(tmp.path(), 0o700);
        set_mode(&tmp.path().join(DATA_FILE), 0o600);
        if backup.is_some() {
            set_mode(&tmp.path().join(BACKUP_FILE), 0o600);
        }
        let before = contents(tmp.path());
        let err = Store::open(tmp.path()).unwrap_err();
        let StoreError::TooNew {
            path,
            problem: said,
        } = &err
        else {
            panic!("expected TooNew, got {err:?}");
        };
        assert_eq!(path, &tmp.path().join(DATA_FILE));
        assert_eq!(said, problem);
        assert!(err.to_string().contains("Nothing was changed"), "{err}");
        assert_eq!(
            contents(tmp.path()),
            before,
            "nothing moved, made or changed"
        );
        // Reading commands on read-only media refuse it the same way.
        assert!(matches!(
            Store::read_only(tmp.path()),
            Err(StoreError::TooNew { .. })
        ));
    }
    // A newer backup beside an unreadable data file is refused too: not set aside.
    let tmp = dir_with(b"{\"schema", Some(b"{\"schema_version\": 7}"));
    set_mode(tmp.path(), 0o700);
    set_mode(&tmp.path().join(DATA_FILE), 0o600);
    set_mode(&tmp.path().join(BACKUP_FILE), 0o600);
    let before = contents(tmp.path());
    let err = Store::open(tmp.path()).unwrap_err();
    assert!(
        matches!(&err, StoreError::TooNew { path, .. } if path.ends_with(BACKUP_FILE)),
        "{err:?}"
    );
    assert_eq!(contents(tmp.path()), before);
}

#[test]
fn an_older_unknown_schema_is_moved_aside() {
    assert_moved_aside(
        b"{\"schema_version\": 0}",
        None,
        "schema 0 is not one this version of Overture reads (it reads 1 to 2)",
    );
}

#[test]
fn invalid_utf8_is_moved_aside() {
    let good = pretty(&sample("ZZZZ"));
    let at = good.windows(4).position(|w| w == b"ZZZZ").unwrap();
    let mut bad = good.clone();
    bad[at..at + 4].copy_from_slice(b"\xff\xfe\xc3\x28");
    assert!(
        good[..at].ends_with(b"\n      \"partner\": \""),
        "the layout changed"
    );
    assert_moved_aside(&bad, None, "invalid unicode code point at line 5 column 19");
}

#[test]
fn deep_nesting_is_moved_aside_without_overflowing_the_stack() {
    let deep = "[".repeat(100_000);
    assert_moved_aside(
        deep.as_bytes(),
        None,
        "expected a JSON object, found an array at line 1 column 1",
    );
    let in_field = format!("{{\"draft\": {{\"answers\": {{\"q\": [{deep}");
    assert_moved_aside(
        in_field.as_bytes(),
        None,
        "invalid type: sequence, expected a string at line 1 column 29",
    );
    // An unknown field is skipped by the version check; a closed deep one still reads.
    let closed = format!(
        "{{\"new\": {deep}{}, \"schema_version\": 9}}",
        "]".repeat(100_000)
    );
    let tmp = dir_with(closed.as_bytes(), None);
    let err = Store::open(tmp.path()).unwrap_err();
    assert!(
        err.to_string()
            .contains("written by a newer version of Overture (schema 9, this one reads 1 to 2)"),
        "{err}"
    );
    let objects = format!("{{\"x\": {}", "{\"a\":".repeat(50_000));
    assert_moved_aside(
        objects.as_bytes(),
        None,
        "unknown field `x`, expected one of `schema_version`, `profile`, `draft`, \
         `assessments`, `safety_checks`, `rehearsals`, `asks`, `timeline`, `reviews`, \
         `journal`,\u{2026} at line 1 column 4",
    );
}

#[test]
fn a_file_over_the_cap_is_moved_aside_unread() {
    let cap = usize::try_from(MAX_DATA_BYTES).unwrap();
    let mut huge = b"{\"schema_version\": 1, \"x\": \"".to_vec();
    huge.resize(cap + 1, b'a');
    assert_moved_aside(
        &huge,
        None,
        "larger than 64 MiB, far too large to be Overture's data",
    );
}

#[test]
fn a_huge_string_is_not_quoted_in_the_problem() {
    let secret = "s".repeat(1024 * 1024);
    let bytes = format!("{{\"schema_version\": 1, \"profile\": \"{secret}\"}}");
    let tmp = dir_with(bytes.as_bytes(), None);
    let (_store, loaded) = open(tmp.path());
    let Loaded::MovedAside {
        problem, moved_to, ..
    } = loaded
    else {
        panic!("expected MovedAside, got {loaded:?}");
    };
    assert_eq!(fs::read(moved_to).unwrap(), bytes.as_bytes());
    assert!(problem.len() < 400, "{} bytes", problem.len());
    assert!(
        problem.starts_with(&format!(
            "{}: invalid type: string \"sss",
            tmp.path().join(DATA_FILE).display()
        )),
        "{problem}"
    );
    assert!(
        problem.ends_with(&format!("… at line 1 column {}", bytes.len() - 1)),
        "{problem}"
    );
}

#[test]
fn control_characters_from_the_file_are_escaped_in_the_problem() {
    let tmp = dir_with(
        b"{\"schema_version\": 1, \"\\u001b]0;owned\\u0007\": 1}",
        None,
    );
    let (_store, loaded) = open(tmp.path());
    let Loaded::MovedAside { problem, .. } = loaded else {
        panic!("expected MovedAside, got {loaded:?}");
    };
    assert!(!problem.chars().any(char::is_control), "{problem:?}");
    assert!(
        problem.contains("unknown field `\\u{1b}]0;owned\\u{7}`"),
        "{problem}"
    );
}

#[test]
fn a_directory_or_dangling_link_in_place_of_the_data_file_is_moved_aside() {
    let tmp = TempDir::new().unwrap();
    let data_path = tmp.path().join(DATA_FILE);
    fs::create_dir(&data_path).unwrap();
    fs::write(data_path.join("inside"), b"kept").unwrap();
    let (store, loaded) = open(tmp.path());
    let Loaded::MovedAside {
        moved_to, problem, ..
    } = loaded
    else {
        panic!("expected MovedAside, got {loaded:?}");
    };
    assert_eq!(
        problem,
        format!("{}: not a regular file", data_path.display())
    );
    assert_eq!(fs::read(moved_to.join("inside")).unwrap(), b"kept");
    drop(store);
}

/// Overture never follows a link for its own files: not to read, not to write, not to lock.
#[test]
fn a_link_in_place_of_any_of_overtures_files_is_refused_and_nothing_changes() {
    let outside = TempDir::new().unwrap();
    let target = outside.path().join("answers.json");
    fs::write(&target, pretty(&sample("Outside"))).unwrap();
    set_mode(&target, 0o644);
    for name in [
        DATA_FILE,
        BACKUP_FILE,
        LOCK_FILE,
        "overture.json.age",
        "overture.key.age",
    ] {
        for link_to in [target.as_path(), Path::new("/nonexistent/overture.json")] {
            let tmp = dir_with(&pretty(&sample("Here")), None);
            if name == DATA_FILE {
                fs::remove_file(tmp.path().join(DATA_FILE)).unwrap();
            }
            symlink(link_to, tmp.path().join(name)).unwrap();
            let before = snapshot(tmp.path());
            let err = Store::open(tmp.path()).unwrap_err();
            assert!(
                matches!(&err, StoreError::Link { path } if path.ends_with(name)),
                "{name} -> {link_to:?}: {err:?}"
            );
            assert!(err.to_string().contains("changed nothing"), "{err}");
            assert_eq!(snapshot(tmp.path()), before, "{name}: nothing changed");
            assert_eq!(mode(&target), 0o644, "the link's target is not tightened");
            assert_eq!(fs::read(&target).unwrap(), pretty(&sample("Outside")));
            assert!(
                !Path::new("/nonexistent").exists(),
                "no lock file made through a dangling link"
            );
        }
    }
}

#[test]
fn the_backup_is_offered_when_it_reads() {
    let good = pretty(&sample("Backup"));
    let offered = assert_moved_aside(
        b"{\"schema",
        Some(&good),
        "EOF while parsing a string at line 1 column 8",
    );
    assert_eq!(offered, Some(sample("Backup")));
}

/// Both unreadable: the backup is moved aside too, so the next saves (which keep the data
/// file as the new backup) can never replace it.
#[test]
fn an_unreadable_backup_beside_an_unreadable_file_is_moved_aside_too_and_survives_saves() {
    let tmp = dir_with(b"{\"schema", Some(b"also broken"));
    let (mut store, loaded) = open(tmp.path());
    let Loaded::MovedAside {
        backup,
        backup_moved_to,
        ..
    } = loaded
    else {
        panic!("expected MovedAside, got {loaded:?}");
    };
    assert_eq!(backup, None);
    let kept = backup_moved_to.expect("the backup is moved aside");
    assert!(
        kept.file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with(UNREADABLE_PREFIX)
    );
    for partner in ["One", "Two", "Three"] {
        store.save(&sample(partner)).unwrap();
    }
    assert_eq!(fs::read(&kept).unwrap(), b"also broken");
}

#[test]
fn moved_aside_names_never_replace_anything() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    // Whatever second the move happens in, its first-choice name is taken.
    let mut precious = Vec::new();
    for secs in now..now + 3 {
        let path = dir.join(format!("{UNREADABLE_PREFIX}{secs}"));
        fs::write(&path, format!("precious {secs}")).unwrap();
        precious.push(path);
    }
    let mut moved = Vec::new();
    for round in 0..3 {
        let bad = format!("bad {round}");
        fs::write(dir.join(DATA_FILE), &bad).unwrap();
        let (_store, loaded) = open(dir);
        let Loaded::MovedAside { moved_to, .. } = loaded else {
            panic!("expected MovedAside, got {loaded:?}");
        };
        assert!(!precious.contains(&moved_to), "{}", moved_to.display());
        assert!(!moved.contains(&moved_to), "{}", moved_to.display());
        assert_eq!(fs::read_to_string(&moved_to).unwrap(), bad);
        moved.push(moved_to);
    }
    for (path, secs) in precious.iter().zip(now..) {
        assert_eq!(
            fs::read_to_string(path).unwrap(),
            format!("precious {secs}")
        );
    }
}

#[test]
fn saving_after_a_move_aside_keeps_the_moved_file_and_the_backup() {
    let backup = pretty(&sample("Backup"));
    let tmp = dir_with(b"not json", Some(&backup));
    let dir = tmp.path();
    let (mut store, loaded) = open(dir);
    let Loaded::MovedAside { moved_to, .. } = loaded else {
        panic!("expected MovedAside, got {loaded:?}");
    };
    store.save(&sample("Fresh")).unwrap();
    assert_eq!(fs::read(&moved_to).unwrap(), b"not json");
    assert_eq!(
        fs::read(dir.join(BACKUP_FILE)).unwrap(),
        backup,
        "no current file, no rotation"
    );
    assert_eq!(
        fs::read(dir.join(DATA_FILE)).unwrap(),
        pretty(&sample("Fresh"))
    );
}

// ---------------------------------------------------------------------------------------
// Failed saves

/// Saves "A", then arranges for the next save to fail with `break_it`, then checks the save
/// fails, the data file is byte-identical, and no temp file is left behind.
fn assert_failed_save_changes_nothing(break_it: impl FnOnce(&Path)) -> StoreError {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let (mut store, _) = open(dir);
    store.save(&sample("A")).unwrap();
    store.save(&sample("B")).unwrap();
    let data_before = fs::read(dir.join(DATA_FILE)).unwrap();
    break_it(dir);
    let names_before = names(dir);

    let err = store.save(&sample("C")).unwrap_err();
    assert_eq!(fs::read(dir.join(DATA_FILE)).unwrap(), data_before);
    assert_eq!(names(dir), names_before, "no temp file left");
    err
}

#[test]
fn a_save_whose_temp_file_cannot_be_created_changes_nothing() {
    // Works as root too: the third save's temp name is taken by a directory.
    let pid = std::process::id();
    let blocker = |dir: &Path| dir.join(format!("{TEMP_PREFIX}{pid}-2"));
    let err = assert_failed_save_changes_nothing(|dir| fs::create_dir(blocker(dir)).unwrap());
    let StoreError::Io { path, .. } = &err else {
        panic!("expected Io, got {err:?}");
    };
    assert_eq!(
        path.file_name().unwrap().to_str().unwrap(),
        format!("{TEMP_PREFIX}{pid}-2")
    );
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
}

#[test]
fn a_save_whose_backup_cannot_be_kept_changes_nothing() {
    let err = assert_failed_save_changes_nothing(|dir| {
        let bak = dir.join(BACKUP_FILE);
        fs::remove_file(&bak).unwrap();
        fs::create_dir(&bak).unwrap();
        fs::write(bak.join("occupied"), b"x").unwrap();
    });
    assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
}

#[test]
fn a_save_in_a_read_only_dir_changes_nothing() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let (mut store, _) = open(dir);
    store.save(&sample("A")).unwrap();
    let before = fs::read(dir.join(DATA_FILE)).unwrap();
    // Read-only for whoever runs this: by mode for a user; for root, whom modes do not stop,
    // by the immutable attribute.
    let immutable = |on: bool| {
        std::process::Command::new("chattr")
            .arg(if on { "+i" } else { "-i" })
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success())
    };
    set_mode(dir, 0o500);
    let probe = dir.join("probe");
    let as_root = fs::write(&probe, b"").is_ok();
    if as_root {
        fs::remove_file(&probe).unwrap();
        if !immutable(true) {
            set_mode(dir, 0o700);
            eprintln!("skipped: root, on a file system without the immutable attribute");
            return;
        }
    }
    let err = store.save(&sample("B")).unwrap_err();
    if as_root {
        immutable(false);
    }
    set_mode(dir, 0o700);
    assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
    assert_eq!(fs::read(dir.join(DATA_FILE)).unwrap(), before);
    assert_eq!(names(dir), [DATA_FILE, LOCK_FILE]);
}

#[test]
fn a_document_this_build_would_refuse_is_never_written() {
    let tmp = TempDir::new().unwrap();
    let (mut store, _) = open(tmp.path());
    store.save(&sample("A")).unwrap();
    let before = snapshot(tmp.path());
    std::thread::sleep(std::time::Duration::from_millis(20));
    let mut future = sample("B");
    future.schema_version = SCHEMA_VERSION + 1;
    let err = store.save(&future).unwrap_err();
    assert!(matches!(err, StoreError::Encode { .. }), "{err:?}");
    assert!(
        err.to_string().contains("newer version of Overture"),
        "{err}"
    );
    assert_eq!(snapshot(tmp.path()), before);
}

// ---------------------------------------------------------------------------------------
// Arbitrary input

fn check_arbitrary(bytes: &[u8]) -> Result<(), TestCaseError> {
    let tmp = dir_with(bytes, None);
    let (_store, loaded) = match Store::open(tmp.path()) {
        // A damaged digit can make it a newer schema's document: refused, and left as it is.
        Err(StoreError::TooNew { .. }) => {
            prop_assert_eq!(fs::read(tmp.path().join(DATA_FILE)).unwrap(), bytes);
            return Ok(());
        }
        other => other.map_err(|e| TestCaseError::fail(e.to_string()))?,
    };
    match loaded {
        Loaded::Fresh => prop_assert!(false, "a file was there"),
        Loaded::Data(data) => prop_assert_eq!(data.schema_version, SCHEMA_VERSION),
        Loaded::MovedAside {
            moved_to,
            problem,
            backup,
            ..
        } => {
            prop_assert_eq!(fs::read(&moved_to).unwrap(), bytes);
            prop_assert!(problem.starts_with(&tmp.path().join(DATA_FILE).display().to_string()));
            prop_assert!(!problem.chars().any(char::is_control));
            prop_assert_eq!(backup, None);
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check_arbitrary(&bytes)?;
    }

    #[test]
    fn damaged_documents_never_panic(
        cut in 0usize..2000,
        flip in 0usize..2000,
        byte in any::<u8>(),
    ) {
        let mut bytes = pretty(&sample("Sam"));
        let flip = flip % bytes.len();
        bytes[flip] = byte;
        bytes.truncate(cut.min(bytes.len()));
        check_arbitrary(&bytes)?;
    }
}

#[test]
fn a_schema_1_file_loads_as_schema_2_with_everything_kept_and_saves_as_2() {
    for fixture in ["v1_full.json", "v1_minimal.json"] {
        let text = fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/store")
                .join(fixture),
        )
        .unwrap();
        let v1: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            v1["schema_version"], 1,
            "{fixture} is the foundation's format"
        );
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(DATA_FILE), &text).unwrap();
        let (mut store, loaded) = Store::open(dir.path()).unwrap();
        let Loaded::Data(data) = loaded else {
            panic!("{fixture} did not load: {loaded:?}");
        };
        assert_eq!(data.schema_version, 2);
        assert!(data.asks.is_empty() && data.journal.is_empty() && data.timeline.is_none());
        // Every field the old file had is still there, with the same value.
        let now = serde_json::to_value(&data).unwrap();
        for (key, value) in v1.as_object().unwrap() {
            if key != "schema_version" {
                assert_eq!(
                    &now[key], value,
                    "{fixture}: {key} changed in the migration"
                );
            }
        }
        store.save(&data).unwrap();
        let saved: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(dir.path().join(DATA_FILE)).unwrap()).unwrap();
        assert_eq!(saved["schema_version"], 2, "{fixture} is saved as schema 2");
    }
}
