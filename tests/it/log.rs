//! The save log: a save appends what changed; opening replays it; a cut-off or damaged log
//! never costs the saves before it; a log for another document is never replayed; the log is
//! folded into the document when it grows; a folder from before the log (one whole document)
//! opens, and exports the same JSON whichever way the same history was saved.
#![cfg(unix)]

use crate::support::{self, FAST, names, open_and_unlock, secret};
use overture::content::Content;
use overture::core::record::{JournalEntry, SavedData};
use overture::store::{
    DATA_FILE, FOLDED_LOG_FILE, LOG_FILE, LOG_UNREADABLE_PREFIX, Loaded, SEALED_FILE,
    SEALED_LOG_FILE, Store,
};
use proptest::prelude::*;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

const PASSPHRASE: &str = "log test passphrase";

fn at(i: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_780_000_000 + i * 3600).unwrap()
}

fn note(i: usize, text: &str) -> JournalEntry {
    JournalEntry {
        id: format!("j{i}"),
        at: at(i64::try_from(i).unwrap()),
        prompt: None,
        text: text.to_string(),
    }
}

fn history(count: usize) -> SavedData {
    overture::sample::long_history(&Content::embedded().unwrap(), count)
}

/// Opens `dir` and returns the store and what it loaded, which must be data.
fn reopen(dir: &Path) -> (Store, SavedData) {
    let (store, loaded) = open_and_unlock(dir, PASSPHRASE);
    let Loaded::Data(data) = loaded else {
        panic!("expected data, got {loaded:?}");
    };
    (store, data)
}

/// Opens `dir`, which must report its log moved aside: where it went, why, and what is
/// offered instead.
fn log_moved_aside(dir: &Path) -> (std::path::PathBuf, String, Option<SavedData>) {
    let (_store, loaded) = open_and_unlock(dir, PASSPHRASE);
    let Loaded::MovedAside {
        moved_to,
        problem,
        backup,
        ..
    } = loaded
    else {
        panic!("expected the log moved aside, got {loaded:?}");
    };
    (moved_to, problem, backup)
}

/// A folder holding `data` as one whole document, opened again: what the app starts with.
fn saved_and_reopened(data: &SavedData) -> (TempDir, Store, SavedData) {
    let tmp = TempDir::new().unwrap();
    Store::open(tmp.path()).unwrap().0.save(data).unwrap();
    let (store, loaded) = reopen(tmp.path());
    assert_eq!(&loaded, data);
    (tmp, store, loaded)
}

#[test]
fn saving_an_answer_appends_and_leaves_the_document_alone() {
    let (tmp, mut store, mut data) = saved_and_reopened(&history(500));
    let document = fs::read(tmp.path().join(DATA_FILE)).unwrap();
    for i in 0..20 {
        data.profile.as_mut().unwrap().voice.partner = format!("partner {i}");
        if i % 5 == 0 {
            data.journal.push(note(10_000 + i, "a new entry"));
        }
        store.save(&data).unwrap();
    }
    assert_eq!(
        fs::read(tmp.path().join(DATA_FILE)).unwrap(),
        document,
        "the document was not rewritten"
    );
    let log = fs::read(tmp.path().join(LOG_FILE)).unwrap();
    assert!(
        log.len() < document.len() / 10,
        "the log holds the changes, not the history: {} bytes against {}",
        log.len(),
        document.len()
    );
    assert_eq!(
        log.split(|&b| b == b'\n').count(),
        22,
        "a header and 20 saves, each a line"
    );
    drop(store);
    assert_eq!(reopen(tmp.path()).1, data);
}

#[test]
fn old_records_edited_removed_or_reordered_survive_a_reopen() {
    let (tmp, mut store, mut data) = saved_and_reopened(&history(500));
    // Each kind of change the app makes to records already saved, one save each.
    data.asks.remove(3);
    store.save(&data).unwrap();
    data.rehearsals.get_mut(10).unwrap().reply = Some("an edited reply".into());
    store.save(&data).unwrap();
    let oldest = data.asks[0].clone();
    data.asks.push(oldest);
    data.asks.sort_by_key(|a| std::cmp::Reverse(a.at));
    store.save(&data).unwrap();
    data.journal[7].text = "edited in place".into();
    data.journal.truncate(40);
    data.journal.push(note(99_999, "after the cut"));
    store.save(&data).unwrap();
    data.assessments.last_mut().unwrap().content_version += 1;
    store.save(&data).unwrap();
    drop(store);
    let (_store, reopened) = reopen(tmp.path());
    assert_eq!(reopened, data);
    assert_eq!(reopened.journal[7].text, "edited in place");
    assert_eq!(reopened.journal.len(), 41);
}

#[test]
fn a_copy_of_the_document_is_saved_whole() {
    let (tmp, mut store, data) = saved_and_reopened(&history(50));
    let document = fs::read(tmp.path().join(DATA_FILE)).unwrap();
    // A copy is not the document the store saved: it cannot tell what changed in it.
    let mut copy = data.clone();
    copy.journal.remove(0);
    store.save(&copy).unwrap();
    assert_ne!(fs::read(tmp.path().join(DATA_FILE)).unwrap(), document);
    assert!(
        !tmp.path().join(LOG_FILE).exists(),
        "a whole save starts the log again"
    );
    // Nor is a document another store saved.
    let other = TempDir::new().unwrap();
    let (mut other_store, _) = Store::open(other.path()).unwrap();
    let mut moved = copy.clone();
    store.save(&moved).unwrap();
    moved.journal.remove(0);
    other_store.save(&moved).unwrap();
    moved.journal.remove(0);
    store.save(&moved).unwrap();
    drop(store);
    assert_eq!(reopen(tmp.path()).1, moved);
}

#[test]
fn a_cut_off_last_save_reads_as_the_save_before_it() {
    let (tmp, mut store, mut data) = saved_and_reopened(&history(100));
    data.journal.push(note(5000, "first"));
    store.save(&data).unwrap();
    let before_last = data.clone();
    data.journal.push(note(5001, "second"));
    store.save(&data).unwrap();
    drop(store);
    let log = tmp.path().join(LOG_FILE);
    let len = fs::metadata(&log).unwrap().len();
    // Killed in the middle of writing the last save.
    fs::OpenOptions::new()
        .write(true)
        .open(&log)
        .unwrap()
        .set_len(len - 40)
        .unwrap();
    let (mut store, mut reopened) = reopen(tmp.path());
    assert_eq!(reopened, before_last, "the cut-off save did not happen");
    // The next save cuts the broken end off and carries on.
    reopened.journal.push(note(5002, "third"));
    store.save(&reopened).unwrap();
    drop(store);
    assert_eq!(reopen(tmp.path()).1, reopened);
    assert!(
        !names(tmp.path())
            .iter()
            .any(|n| n.starts_with(LOG_UNREADABLE_PREFIX))
    );
}

#[test]
fn a_damaged_save_before_the_last_is_moved_aside_and_the_saves_before_it_offered() {
    let (tmp, mut store, mut data) = saved_and_reopened(&history(100));
    let mut after_first = None;
    for i in 0..3 {
        data.journal.push(note(6000 + i, "entry"));
        store.save(&data).unwrap();
        after_first.get_or_insert_with(|| data.clone());
    }
    drop(store);
    let log = tmp.path().join(LOG_FILE);
    let text = fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4);
    // The second save's line damaged; the third still whole after it.
    let damaged = format!(
        "{}\n{}\n{}\n{}\n",
        lines[0],
        lines[1],
        lines[2].replace("\"keep\"", "\"kept\""),
        lines[3]
    );
    fs::write(&log, damaged.as_bytes()).unwrap();
    let (moved_to, problem, backup) = log_moved_aside(tmp.path());
    assert!(problem.contains("entry 3 of 4"), "{problem}");
    assert_eq!(
        backup, after_first,
        "every save before the damaged one is offered"
    );
    assert_eq!(
        fs::read(&moved_to).unwrap(),
        damaged.as_bytes(),
        "moved aside, never changed"
    );
    assert!(!log.exists());
}

#[test]
fn a_log_for_another_document_is_never_replayed() {
    let (tmp, mut store, mut data) = saved_and_reopened(&history(20));
    data.journal.push(note(7000, "only in the log"));
    store.save(&data).unwrap();
    drop(store);
    // The document is replaced by another one; the log is the old document's.
    let other = history(30);
    fs::write(tmp.path().join(DATA_FILE), support::pretty(&other)).unwrap();
    let (_store, reopened) = reopen(tmp.path());
    assert_eq!(reopened, other);
    let aside: Vec<String> = names(tmp.path())
        .into_iter()
        .filter(|n| n.starts_with(LOG_UNREADABLE_PREFIX))
        .collect();
    assert_eq!(aside.len(), 1, "moved aside, not deleted: {aside:?}");
}

#[test]
fn a_crash_mid_fold_keeps_every_save_once() {
    let (tmp, mut store, mut data) = saved_and_reopened(&history(20));
    data.journal.remove(0);
    store.save(&data).unwrap();
    data.journal.remove(0);
    store.save(&data).unwrap();
    let old_document = fs::read(tmp.path().join(DATA_FILE)).unwrap();
    let log = fs::read(tmp.path().join(LOG_FILE)).unwrap();
    // A copy is saved whole: the log is folded into a new document.
    let copy = data.clone();
    store.save(&copy).unwrap();
    drop(store);
    assert!(!tmp.path().join(LOG_FILE).exists());
    assert!(!tmp.path().join(FOLDED_LOG_FILE).exists());

    // Killed after the new document was in place, before the folded log went: the new
    // document holds its saves, and the removals are not applied twice.
    fs::write(tmp.path().join(FOLDED_LOG_FILE), &log).unwrap();
    let (store, reopened) = reopen(tmp.path());
    assert_eq!(reopened, data);
    assert!(!tmp.path().join(FOLDED_LOG_FILE).exists());
    drop(store);

    // Killed before the new document was in place: the log goes back beside the old one.
    fs::write(tmp.path().join(DATA_FILE), &old_document).unwrap();
    fs::write(tmp.path().join(FOLDED_LOG_FILE), &log).unwrap();
    let (_store, reopened) = reopen(tmp.path());
    assert_eq!(reopened, data);
    assert_eq!(fs::read(tmp.path().join(LOG_FILE)).unwrap(), log);
    assert!(
        !names(tmp.path())
            .iter()
            .any(|n| n.starts_with(LOG_UNREADABLE_PREFIX)),
        "nothing moved aside"
    );
}

#[test]
fn the_log_is_folded_into_the_document_when_it_grows() {
    let (tmp, mut store, mut data) = saved_and_reopened(&history(10));
    let long = "x".repeat(20_000);
    let mut folds = 0;
    let mut last_len = 0;
    for i in 0..40 {
        data.profile.as_mut().unwrap().voice.partner = format!("{long} {i}");
        store.save(&data).unwrap();
        let len = fs::metadata(tmp.path().join(LOG_FILE)).map_or(0, |m| m.len());
        if len < last_len {
            folds += 1;
        }
        last_len = len;
        assert!(len <= overture::store::LOG_MIN_BYTES, "{len}");
    }
    assert!(folds >= 2, "folded {folds} times");
    drop(store);
    assert_eq!(reopen(tmp.path()).1, data);
}

#[test]
fn locked_saves_append_encrypted_and_reopen() {
    let tmp = TempDir::new().unwrap();
    let mut data = history(100);
    let (mut store, _) = Store::open(tmp.path()).unwrap();
    store.save(&data).unwrap();
    store
        .set_passphrase_with_work_factor(&data, None, Some(&secret(PASSPHRASE)), FAST)
        .unwrap();
    drop(store);
    let (mut store, loaded) = reopen(tmp.path());
    assert_eq!(loaded, data);
    data = loaded;
    let document = fs::read(tmp.path().join(SEALED_FILE)).unwrap();
    for i in 0..5 {
        data.journal
            .push(note(8000 + i, "LOCKED-LOG-MARKER in the journal"));
        data.journal.remove(0);
        store.save(&data).unwrap();
    }
    assert_eq!(fs::read(tmp.path().join(SEALED_FILE)).unwrap(), document);
    assert!(tmp.path().join(SEALED_LOG_FILE).exists());
    assert!(
        support::files_containing(tmp.path(), b"LOCKED-LOG-MARKER").is_empty(),
        "nothing in plain text"
    );
    drop(store);
    assert_eq!(reopen(tmp.path()).1, data);
    // Turning the lock off folds the log into the plain document.
    let (mut store, data) = reopen(tmp.path());
    store
        .set_passphrase_with_work_factor(&data, Some(&secret(PASSPHRASE)), None, FAST)
        .unwrap();
    drop(store);
    assert!(!tmp.path().join(SEALED_LOG_FILE).exists());
    let plain: SavedData =
        serde_json::from_slice(&fs::read(tmp.path().join(DATA_FILE)).unwrap()).unwrap();
    assert_eq!(plain, data);
}

/// `overture export --format json` of the folder.
fn export_json(dir: &Path) -> String {
    let out = dir.parent().unwrap().join(format!(
        "{}.export.json",
        dir.file_name().unwrap().to_str().unwrap()
    ));
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_overture"))
        .args(["export", "--format", "json", "-o"])
        .arg(&out)
        .arg("--data-dir")
        .arg(dir)
        .env("TZ", "UTC")
        .env("LANG", "C")
        .env_remove("OVERTURE_DATA_DIR")
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let text = fs::read_to_string(&out).unwrap();
    fs::remove_file(&out).unwrap();
    text
}

#[test]
fn a_folder_from_before_the_log_opens_and_exports_the_same_json_either_way() {
    // A folder as earlier builds left it: one whole document (schema 1), no log.
    let fixture =
        fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store/v1_full.json"))
            .unwrap();
    let before = TempDir::new().unwrap();
    let old_dir = before.path().join("old");
    fs::create_dir(&old_dir).unwrap();
    fs::write(old_dir.join(DATA_FILE), &fixture).unwrap();
    let (mut store, mut data) = reopen(&old_dir);
    assert_eq!(data.schema_version, overture::core::record::SCHEMA_VERSION);

    // The first save writes it whole in today's schema; the next ones append.
    data.journal.push(note(9000, "after the update"));
    store.save(&data).unwrap();
    let document = fs::read(old_dir.join(DATA_FILE)).unwrap();
    assert!(String::from_utf8_lossy(&document).contains("\"schema_version\": 2"));
    data.journal.push(note(9001, "and again"));
    data.journal.remove(0);
    store.save(&data).unwrap();
    assert_eq!(fs::read(old_dir.join(DATA_FILE)).unwrap(), document);
    assert!(old_dir.join(LOG_FILE).exists());
    drop(store);

    // The same history saved as one whole document.
    let whole_dir = before.path().join("whole");
    Store::open(&whole_dir).unwrap().0.save(&data).unwrap();
    assert!(!whole_dir.join(LOG_FILE).exists());
    assert_eq!(export_json(&old_dir), export_json(&whole_dir));
}

#[derive(Debug, Clone)]
enum Op {
    Push(u8),
    Remove(u8),
    Edit(u8),
    Sort,
    Truncate(u8),
    Head(u8),
    Copy,
    Reopen,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => any::<u8>().prop_map(Op::Push),
        2 => any::<u8>().prop_map(Op::Remove),
        2 => any::<u8>().prop_map(Op::Edit),
        1 => Just(Op::Sort),
        1 => any::<u8>().prop_map(Op::Truncate),
        3 => any::<u8>().prop_map(Op::Head),
        1 => Just(Op::Copy),
        1 => Just(Op::Reopen),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever the app does to the lists between saves, reopening gives what was saved.
    #[test]
    fn any_sequence_of_changes_reopens_as_saved(ops in prop::collection::vec(op(), 1..40)) {
        let (tmp, mut store, mut data) = saved_and_reopened(&history(30));
        for (step, op) in ops.into_iter().enumerate() {
            let len = data.journal.len();
            let pick = |n: u8| usize::from(n) % len.max(1);
            match op {
                Op::Push(n) => data.journal.push(note(20_000 + step, &format!("pushed {n}"))),
                Op::Remove(n) if len > 0 => { data.journal.remove(pick(n)); }
                Op::Edit(n) if len > 0 => {
                    data.journal[pick(n)].text = format!("edited at step {step}");
                }
                Op::Sort => data.journal.sort_by_key(|e| std::cmp::Reverse(e.text.clone())),
                Op::Truncate(n) => data.journal.truncate(pick(n)),
                Op::Head(n) => {
                    data.profile.as_mut().unwrap().voice.partner = format!("p{n}");
                }
                Op::Copy => data = data.clone(),
                Op::Reopen => {
                    drop(store);
                    let reopened = reopen(tmp.path());
                    prop_assert_eq!(&reopened.1, &data);
                    (store, data) = reopened;
                    continue;
                }
                Op::Remove(_) | Op::Edit(_) => {}
            }
            store.save(&data).unwrap();
        }
        drop(store);
        prop_assert_eq!(reopen(tmp.path()).1, data);
    }
}

#[test]
fn a_damaged_document_gives_back_every_save_from_its_backup_and_log() {
    // A first session: the document is written once, then every save appends.
    let tmp = TempDir::new().unwrap();
    let (mut store, _) = Store::open(tmp.path()).unwrap();
    let mut data = history(40);
    store.save(&data).unwrap();
    drop(store);
    let (mut store, loaded) = reopen(tmp.path());
    assert_eq!(loaded, data);
    data = loaded;
    for i in 0..3 {
        data.journal
            .push(note(11_000 + i, "saved after the document"));
        store.save(&data).unwrap();
    }
    drop(store);
    assert!(tmp.path().join(overture::store::BACKUP_FILE).exists());
    // The document is damaged on disk.
    fs::write(tmp.path().join(DATA_FILE), b"{ damaged").unwrap();
    let (_store, loaded) = open_and_unlock(tmp.path(), PASSPHRASE);
    let Loaded::MovedAside { backup, .. } = loaded else {
        panic!("expected the document moved aside, got {loaded:?}");
    };
    assert_eq!(
        backup,
        Some(data),
        "the backup and the log give back every save"
    );
}

/// A folder holding a short history as its document and `log` as its log.
fn folder_with_log(log: &[u8]) -> (TempDir, SavedData) {
    let tmp = TempDir::new().unwrap();
    let data = history(12);
    Store::open(tmp.path()).unwrap().0.save(&data).unwrap();
    fs::write(tmp.path().join(LOG_FILE), log).unwrap();
    (tmp, data)
}

/// The header line a log of the document in `dir` starts with.
fn header_of(dir: &Path) -> Vec<u8> {
    let (mut store, mut data) = reopen(dir);
    data.journal.push(note(1, "x"));
    store.save(&data).unwrap();
    drop(store);
    let log = fs::read(dir.join(LOG_FILE)).unwrap();
    let end = log.iter().position(|&b| b == b'\n').unwrap();
    log[..=end].to_vec()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever bytes are in the log, opening never panics, never loses the document, and
    /// never replays what is not a whole entry of this document's log.
    #[test]
    fn any_bytes_in_the_log_never_panic_or_replay(
        tail in prop::collection::vec(any::<u8>(), 0..600),
        with_header in any::<bool>(),
    ) {
        let (tmp, data) = folder_with_log(b"");
        let mut log = if with_header { header_of(tmp.path()) } else { Vec::new() };
        log.extend_from_slice(&tail);
        fs::write(tmp.path().join(LOG_FILE), &log).unwrap();
        let (_store, loaded) = open_and_unlock(tmp.path(), PASSPHRASE);
        match loaded {
            Loaded::Data(found) => prop_assert_eq!(found, data),
            Loaded::MovedAside { backup, moved_to, .. } => {
                prop_assert_eq!(backup, Some(data));
                prop_assert_eq!(fs::read(moved_to).unwrap(), log);
            }
            Loaded::Fresh => prop_assert!(false, "the document was there"),
        }
    }
}

/// A locked folder with three saves in its log after the header: the folder, the data after
/// the first save, the data after all three, and where each record of the log starts.
fn locked_with_three_saves() -> (TempDir, SavedData, SavedData, Vec<usize>) {
    let tmp = TempDir::new().unwrap();
    let data = history(20);
    let (mut store, _) = Store::open(tmp.path()).unwrap();
    store.save(&data).unwrap();
    store
        .set_passphrase_with_work_factor(&data, None, Some(&secret(PASSPHRASE)), FAST)
        .unwrap();
    drop(store);
    let (mut store, mut data) = reopen(tmp.path());
    let mut after_first = None;
    for i in 0..3 {
        data.journal.push(note(9000 + i, "entry"));
        store.save(&data).unwrap();
        after_first.get_or_insert_with(|| data.clone());
    }
    drop(store);
    let log = fs::read(tmp.path().join(SEALED_LOG_FILE)).unwrap();
    let mut starts = Vec::new();
    let mut at = 0;
    while at < log.len() {
        starts.push(at);
        let len = u32::from_le_bytes(log[at..at + 4].try_into().unwrap()) as usize;
        at += 4 + len;
    }
    assert_eq!(starts.len(), 4, "a header and three saves");
    (tmp, after_first.unwrap(), data, starts)
}

/// Writes `value` as the length of the record starting at `start` of the locked log.
fn damage_length(dir: &Path, start: usize, value: u32) -> Vec<u8> {
    let path = dir.join(SEALED_LOG_FILE);
    let mut log = fs::read(&path).unwrap();
    log[start..start + 4].copy_from_slice(&value.to_le_bytes());
    fs::write(&path, &log).unwrap();
    log
}

#[test]
fn a_locked_save_whose_length_is_damaged_is_reported_not_taken_for_a_cut_off_end() {
    let (tmp, after_first, _, starts) = locked_with_three_saves();
    // The second save's length now points past the end of the file, so the third save
    // would be hidden inside it.
    let damaged = damage_length(tmp.path(), starts[2], 1 << 30);
    let (moved_to, problem, backup) = log_moved_aside(tmp.path());
    assert!(problem.contains("entry 3 of 3"), "{problem}");
    assert_eq!(backup, Some(after_first), "the saves before it are offered");
    assert_eq!(
        fs::read(moved_to).unwrap(),
        damaged,
        "moved aside unchanged"
    );
}

#[test]
fn a_locked_log_cut_off_mid_save_still_reads_as_the_save_before_it() {
    let (tmp, _, all, starts) = locked_with_three_saves();
    let path = tmp.path().join(SEALED_LOG_FILE);
    let log = fs::read(&path).unwrap();
    // Killed while writing a fourth save: its length and the start of its age file.
    let mut cut = log.clone();
    cut.extend_from_slice(&log[starts[3]..starts[3] + 60]);
    cut[log.len()..log.len() + 4].copy_from_slice(&5000u32.to_le_bytes());
    fs::write(&path, &cut).unwrap();
    assert_eq!(reopen(tmp.path()).1, all);
}

#[test]
fn a_log_whose_first_line_cannot_be_read_is_moved_aside_and_said() {
    // Plain: the header line damaged.
    let (tmp, mut store, mut data) = saved_and_reopened(&history(20));
    let base = data.clone();
    data.journal.push(note(9100, "only in the log"));
    store.save(&data).unwrap();
    drop(store);
    let path = tmp.path().join(LOG_FILE);
    let log = fs::read_to_string(&path)
        .unwrap()
        .replacen("overture_log", "overture_lgo", 1);
    fs::write(&path, &log).unwrap();
    let (moved_to, _, backup) = log_moved_aside(tmp.path());
    assert_eq!(backup, Some(base));
    assert_eq!(fs::read_to_string(moved_to).unwrap(), log);

    // Locked: the header's length damaged, so that the whole log would read as one cut-off
    // record.
    let (tmp, _, _, starts) = locked_with_three_saves();
    let damaged = damage_length(tmp.path(), starts[0], 1 << 30);
    let (moved_to, _, _) = log_moved_aside(tmp.path());
    assert_eq!(fs::read(moved_to).unwrap(), damaged, "kept, not discarded");
}

#[test]
fn a_whole_last_save_that_cannot_be_read_is_reported() {
    let (tmp, mut store, mut data) = saved_and_reopened(&history(20));
    data.journal.push(note(9200, "first"));
    store.save(&data).unwrap();
    let after_first = data.clone();
    data.journal.push(note(9201, "second"));
    store.save(&data).unwrap();
    drop(store);
    let path = tmp.path().join(LOG_FILE);
    // The last line is whole (it ends in a newline), so no killed append left it.
    let log = fs::read_to_string(&path).unwrap();
    let damaged = format!(
        "{}\n",
        &log[..log.len() - 1].replacen("\"keep\"", "\"kept\"", 2)
    );
    let damaged = damaged.replacen("\"kept\"", "\"keep\"", 1);
    fs::write(&path, &damaged).unwrap();
    let (_, problem, backup) = log_moved_aside(tmp.path());
    assert!(problem.contains("entry 3 of 3"), "{problem}");
    assert_eq!(backup, Some(after_first));
}

#[test]
fn a_log_without_its_document_is_moved_aside_not_lost_at_the_first_save() {
    let (tmp, mut store, mut data) = saved_and_reopened(&history(20));
    data.journal.push(note(9300, "only in the log"));
    store.save(&data).unwrap();
    drop(store);
    let log = fs::read(tmp.path().join(LOG_FILE)).unwrap();
    fs::remove_file(tmp.path().join(DATA_FILE)).unwrap();
    let (mut store, loaded) = open_and_unlock(tmp.path(), PASSPHRASE);
    assert_eq!(loaded, Loaded::Fresh);
    store.save(&history(3)).unwrap();
    drop(store);
    let aside: Vec<String> = names(tmp.path())
        .into_iter()
        .filter(|n| n.starts_with(LOG_UNREADABLE_PREFIX))
        .collect();
    assert_eq!(aside.len(), 1, "{:?}", names(tmp.path()));
    assert_eq!(fs::read(tmp.path().join(&aside[0])).unwrap(), log);
}

#[test]
fn after_a_delete_that_failed_the_next_save_still_scrubs_every_file() {
    let (tmp, mut store, mut data) = saved_and_reopened(&history(20));
    data.journal.push(note(9400, "DELETED-NOTE-MARKER"));
    store.save(&data).unwrap();
    store.save_scrubbed(&data).unwrap();
    data.journal.push(note(9401, "kept"));
    store.save(&data).unwrap();
    // The note is deleted, but the delete's save fails: the log cannot be set aside.
    let index = data
        .journal
        .iter()
        .position(|j| j.text == "DELETED-NOTE-MARKER")
        .unwrap();
    data.journal.remove(index);
    let blocker = tmp.path().join(FOLDED_LOG_FILE);
    support::in_the_way(&blocker);
    assert!(store.save_scrubbed(&data).is_err());
    fs::remove_dir_all(&blocker).unwrap();
    // An ordinary save next: it must finish the delete, not append to the log.
    data.journal.push(note(9402, "after"));
    store.save(&data).unwrap();
    drop(store);
    let keeping = support::files_containing(tmp.path(), b"DELETED-NOTE-MARKER");
    assert!(
        keeping.is_empty(),
        "the deleted note is still in {keeping:?}"
    );
    assert_eq!(reopen(tmp.path()).1, data);
}

#[test]
fn a_locked_last_save_whose_length_grew_is_kept_aside_not_cut_away() {
    let (tmp, _, all, starts) = locked_with_three_saves();
    // The last save is whole, but its length now says more bytes follow than do.
    let damaged = damage_length(tmp.path(), starts[3], 1 << 20);
    let (moved_to, problem, backup) = log_moved_aside(tmp.path());
    assert!(problem.contains("entry 4 of 4"), "{problem}");
    let backup = backup.unwrap();
    assert_eq!(
        backup.journal.len() + 1,
        all.journal.len(),
        "the saves before it"
    );
    assert_eq!(
        fs::read(moved_to).unwrap(),
        damaged,
        "the last save is kept"
    );
}

#[test]
fn turning_the_lock_off_after_a_failed_delete_leaves_no_plain_copy_of_it() {
    let tmp = TempDir::new().unwrap();
    let mut data = history(20);
    let (mut store, _) = Store::open(tmp.path()).unwrap();
    store.save(&data).unwrap();
    store
        .set_passphrase_with_work_factor(&data, None, Some(&secret(PASSPHRASE)), FAST)
        .unwrap();
    data.journal.push(note(9500, "LOCKED-DELETE-MARKER"));
    store.save(&data).unwrap();
    store.save_scrubbed(&data).unwrap();
    data.journal.push(note(9501, "kept"));
    store.save(&data).unwrap();
    // The delete's save fails: its log cannot be set aside.
    let index = data
        .journal
        .iter()
        .position(|j| j.text == "LOCKED-DELETE-MARKER")
        .unwrap();
    data.journal.remove(index);
    let blocker = tmp.path().join(format!("{SEALED_LOG_FILE}.folded"));
    support::in_the_way(&blocker);
    assert!(store.save_scrubbed(&data).is_err());
    fs::remove_dir_all(&blocker).unwrap();
    // The lock goes off: the plain document and backup are written from what is there.
    store
        .set_passphrase_with_work_factor(&data, Some(&secret(PASSPHRASE)), None, FAST)
        .unwrap();
    drop(store);
    let keeping = support::files_containing(tmp.path(), b"LOCKED-DELETE-MARKER");
    assert!(keeping.is_empty(), "the deleted note is in {keeping:?}");
    assert_eq!(reopen(tmp.path()).1, data);
}

#[test]
fn a_wipe_deletes_the_document_after_its_log() {
    let (tmp, mut store, mut data) = saved_and_reopened(&history(5));
    data.journal.push(note(9600, "in the log"));
    store.save(&data).unwrap();
    drop(store);
    let wiper = overture::store::Wiper::lock(tmp.path()).unwrap().unwrap();
    let names: Vec<String> = wiper
        .files()
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
        .filter(|n| n != overture::store::LOCK_FILE)
        .collect();
    // Cut short, a wipe leaves the document, which opens as it was, not a log without it.
    assert_eq!(
        names.last().map(String::as_str),
        Some(DATA_FILE),
        "{names:?}"
    );
    assert!(names.contains(&LOG_FILE.to_string()), "{names:?}");
}
