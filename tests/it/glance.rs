//! The home screen's glance (`overture.home.json`): a start with years of history draws the
//! home screen from it, exactly as from the whole history; it is used only while it is the
//! glance of the files on disk; nothing is saved before the rest is read; and it never keeps
//! answers the user deleted or locked.
#![cfg(unix)]

use crate::common::*;
use crate::support::files_containing;
use overture::content::Content;
use overture::core::glance::Glance;
use overture::core::record::{AskAnswer, AskEntry, SavedData};
use overture::store::{AtHome, DATA_FILE, GLANCE_FILE, Loaded, Store, StoreError};
use overture::tui::app::App;
use ratatui::crossterm::event::KeyCode;
use std::fs;
use std::path::Path;

fn content() -> Content {
    Content::embedded().expect("content")
}

/// The full-screen app's store for `dir`, with everything read: it saves the glance.
fn home_store(dir: &Path) -> (Store, SavedData) {
    let (mut store, at_home) = Store::open_at_home(dir).expect("opens");
    let loaded = match at_home {
        AtHome::Glance(_) => store.read_the_rest().unwrap(),
        AtHome::Opened(overture::store::Opened::Ready(loaded)) => loaded,
        AtHome::Opened(_) => panic!("not locked"),
    };
    let data = match loaded {
        Loaded::Fresh => SavedData::default(),
        Loaded::Data(data) => data,
        Loaded::MovedAside { problem, .. } => panic!("unreadable: {problem}"),
    };
    (store, data)
}

/// Saves `data` in `dir` as the full-screen app would, as a session that then quit would
/// leave it.
fn save(dir: &Path, data: &SavedData) {
    home_store(dir).0.save(data).unwrap();
}

/// A folder holding `snapshots` snapshots of sample history, saved by the full-screen app
/// (so with its glance), and that history.
fn saved_history(snapshots: usize) -> (tempfile::TempDir, SavedData) {
    let data = overture::sample::long_history(&content(), snapshots);
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), &data);
    (dir, data)
}

/// Changes `overture.home.json` in `dir` as JSON, leaving its stamps as they are.
fn edit_glance_file(dir: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = dir.join(GLANCE_FILE);
    let mut file: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    edit(&mut file);
    fs::write(&path, serde_json::to_vec(&file).unwrap()).unwrap();
}

fn open_at_home(dir: &Path) -> (Store, AtHome) {
    Store::open_at_home(dir).expect("opens")
}

fn glance_of(dir: &Path) -> (Store, Glance) {
    match open_at_home(dir) {
        (store, AtHome::Glance(glance)) => (store, glance),
        (_, AtHome::Opened(_)) => panic!("expected the glance to be used"),
    }
}

fn full_app(data: SavedData) -> App {
    App::new(content(), data, None).with_clock(fixed_now)
}

fn glance_app(dir: &Path) -> App {
    let (store, glance) = glance_of(dir);
    App::from_glance(content(), glance, store).with_clock(fixed_now)
}

/// Histories that put different things on the home screen: every path the sample reaches
/// (its check-ins cycle through contempt "never", "sometimes", "never", "often"), a timeline
/// with its review due or done, long runs of "no", a check-in in progress, a logged threat.
fn histories() -> Vec<(String, SavedData)> {
    let content = content();
    let mut all: Vec<(String, SavedData)> = [1, 2, 3, 10, 11, 15, 21, 31, 40, 95, 133, 500]
        .into_iter()
        .map(|n| {
            (
                format!("{n} snapshots"),
                overture::sample::long_history(&content, n),
            )
        })
        .collect();
    let mut draft = overture::sample::long_history(&content, 44);
    overture::core::session::start(&mut draft, fixed_now());
    all.push(("a check-in in progress".into(), draft));
    let mut threat = overture::sample::long_history(&content, 52);
    threat.asks.push(AskEntry {
        id: "k-threat".into(),
        at: fixed_now(),
        door: "couples_therapy".into(),
        answer: AskAnswer::Threat,
        note: String::new(),
    });
    all.push(("a logged threat".into(), threat));
    all
}

#[test]
fn the_home_screen_from_the_glance_is_the_home_screen_of_the_whole_history() {
    for (name, data) in histories() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), &data);
        for (width, height) in [(100, 30), (60, 20), (40, 12)] {
            let whole = render(&mut full_app(data.clone()), width, height);
            let from_glance = render(&mut glance_app(dir.path()), width, height);
            assert_eq!(
                from_glance, whole,
                "{name} at {width}x{height}: the glance draws another home screen"
            );
        }
    }
}

#[test]
fn moving_on_the_home_screen_reads_nothing_more_and_anything_else_reads_everything() {
    let (dir, data) = saved_history(200);
    let mut app = glance_app(dir.path());
    assert_eq!(
        app.data.journal.len(),
        0,
        "only the glance is read at start"
    );
    for code in [
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::Up,
        KeyCode::Up,
        KeyCode::Char('?'),
    ] {
        key(&mut app, code);
    }
    key(&mut app, KeyCode::Esc);
    assert!(!app.is_fully_read(), "moving and help need no history");
    let before = render(&mut app, 100, 30);
    key(&mut app, KeyCode::Char('h'));
    assert!(app.is_fully_read());
    assert_eq!(
        app.data, data,
        "the whole history is read at the first key that needs it"
    );
    assert!(
        render(&mut app, 100, 30).contains("200 saved"),
        "the saved answers list the whole history"
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(render(&mut app, 100, 30), before);
}

#[test]
fn an_answer_given_after_a_start_from_the_glance_is_saved_with_the_whole_history() {
    let (dir, data) = saved_history(120);
    let mut app = glance_app(dir.path());
    // The crisis lines open from the glance; starting a check-in reads everything, and its
    // first answer is saved.
    ctrl(&mut app, 'g');
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('n'));
    key(&mut app, KeyCode::Enter);
    drop(app);
    let saved = saved_data(dir.path());
    assert_eq!(
        saved.journal.len(),
        data.journal.len(),
        "no history was lost"
    );
    assert_eq!(saved.asks.len(), data.asks.len());
    assert!(saved.draft.is_some(), "the new check-in was saved");
}

#[test]
fn nothing_is_saved_before_the_rest_is_read() {
    let (dir, data) = saved_history(30);
    let before = fs::read(dir.path().join(DATA_FILE)).unwrap();
    let (mut store, glance) = glance_of(dir.path());
    assert!(matches!(
        store.save(&glance.data),
        Err(StoreError::NotRead { .. })
    ));
    assert!(matches!(
        store.save_scrubbed(&glance.data),
        Err(StoreError::NotRead { .. })
    ));
    assert_eq!(fs::read(dir.path().join(DATA_FILE)).unwrap(), before);
    let Loaded::Data(mut whole) = store.read_the_rest().unwrap() else {
        panic!("the document reads");
    };
    assert_eq!(whole, data);
    whole.journal.clear();
    store.save(&whole).unwrap();
}

#[test]
fn a_glance_that_is_not_of_the_files_on_disk_is_not_used() {
    let content = content();
    let older = overture::sample::long_history(&content, 20);
    let newer = overture::sample::long_history(&content, 21);
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), &older);
    let old_glance = fs::read(dir.path().join(GLANCE_FILE)).unwrap();
    save(dir.path(), &newer);
    assert_eq!(glance_of(dir.path()).1, Glance::of(&newer));

    // A crash between the save and its glance: the glance of the save before.
    fs::write(dir.path().join(GLANCE_FILE), &old_glance).unwrap();
    let (store, opened) = open_at_home(dir.path());
    let AtHome::Opened(overture::store::Opened::Ready(Loaded::Data(read))) = opened else {
        panic!("a stale glance must lead to the whole document");
    };
    assert_eq!(read, newer);
    drop(store);
    // That open saved the glance of what it read.
    assert_eq!(glance_of(dir.path()).1, Glance::of(&newer));

    // The document put back by hand (a copy from a backup), byte for byte the same length.
    let bytes = fs::read(dir.path().join(DATA_FILE)).unwrap();
    fs::remove_file(dir.path().join(DATA_FILE)).unwrap();
    fs::write(dir.path().join(DATA_FILE), &bytes).unwrap();
    assert!(matches!(open_at_home(dir.path()).1, AtHome::Opened(_)));

    // A glance that does not read, or from another version of Overture.
    fs::write(dir.path().join(GLANCE_FILE), b"{\"overture_home\":1,").unwrap();
    assert!(matches!(open_at_home(dir.path()).1, AtHome::Opened(_)));
    drop(open_at_home(dir.path()));
    edit_glance_file(dir.path(), |file| {
        let build = file["version"].as_str().unwrap().to_string();
        assert!(build.starts_with(env!("CARGO_PKG_VERSION")), "{build}");
        file["version"] = format!("{}+0000000000000000", env!("CARGO_PKG_VERSION")).into();
    });
    assert!(matches!(open_at_home(dir.path()).1, AtHome::Opened(_)));
}

#[test]
fn every_save_through_the_log_keeps_the_glance_of_what_is_on_disk() {
    let content = content();
    let dir = tempfile::tempdir().unwrap();
    let mut data = overture::sample::long_history(&content, 60);
    save(dir.path(), &data);
    let (mut store, mut open) = home_store(dir.path());
    for i in 0..5 {
        open.asks.push(AskEntry {
            id: format!("k-new-{i}"),
            at: fixed_now(),
            door: "couples_therapy".into(),
            answer: AskAnswer::NoWithReason,
            note: String::new(),
        });
        store.save(&open).unwrap();
    }
    drop(store);
    assert!(
        dir.path().join(overture::store::LOG_FILE).exists(),
        "saved through the log"
    );
    data = open;
    let (_, glance) = glance_of(dir.path());
    assert_eq!(glance, Glance::of(&data));
    assert_eq!(glance.asks, data.asks.len());
}

#[test]
fn the_glance_keeps_no_deleted_check_in_and_no_plain_text_under_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = private_app();
    first_run(&mut app);
    answer_until_done(&mut app, &answers_for("reachable"));
    let id = app.data.assessments[0].id.clone();
    save(dir.path(), &app.data);
    let glance = fs::read_to_string(dir.path().join(GLANCE_FILE)).unwrap();
    assert!(glance.contains(&id), "the latest check-in is in the glance");

    // Deleted: no file of Overture's holds it, the glance included.
    let (mut store, mut data) = home_store(dir.path());
    data.assessments.clear();
    store.save_scrubbed(&data).unwrap();
    drop(store);
    assert!(files_containing(dir.path(), id.as_bytes()).is_empty());
    assert!(
        dir.path().join(GLANCE_FILE).exists(),
        "the glance of what is left"
    );

    // Locked: the glance goes, and none is written while the lock is on.
    let (mut store, _) = home_store(dir.path());
    crate::support::lock(&mut store, &data, "correct horse battery staple");
    assert!(!dir.path().join(GLANCE_FILE).exists());
    data.journal.push(overture::core::record::JournalEntry {
        id: "j1".into(),
        at: fixed_now(),
        prompt: None,
        text: "A line kept under the lock.".into(),
    });
    store.save(&data).unwrap();
    assert!(!dir.path().join(GLANCE_FILE).exists());
    drop(store);
    let (_, opened) = open_at_home(dir.path());
    assert!(matches!(
        opened,
        AtHome::Opened(overture::store::Opened::NeedsPassphrase { .. })
    ));
}

#[test]
fn the_crisis_lines_and_leaving_work_when_the_rest_cannot_be_read() {
    let (dir, _) = saved_history(40);
    let mut app = glance_app(dir.path());
    // A key file now: the answers are locked behind the app's back, and cannot be read.
    fs::write(dir.path().join(overture::store::KEY_FILE), b"not a key").unwrap();
    key(&mut app, KeyCode::Char('r'));
    assert!(!app.is_fully_read());
    assert!(
        render(&mut app, 100, 30).contains("could not be read"),
        "the user is told"
    );
    assert!(!render(&mut app, 100, 30).contains("Latest result and next steps"));
    // The crisis lines open from the menu, and close again.
    key(&mut app, KeyCode::Char('g'));
    assert!(render(&mut app, 100, 30).contains("Crisis lines"));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    ctrl(&mut app, 'g');
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    // Leaving works.
    key(&mut app, KeyCode::Char('q'));
    assert_eq!(app.exit, Some(overture::tui::app::Exit::Normal));
}

/// A glance that will not go: a folder in its place.
fn glance_that_will_not_go(dir: &Path) {
    let glance = dir.join(GLANCE_FILE);
    let _ = fs::remove_file(&glance);
    crate::support::in_the_way(&glance);
}

#[test]
fn a_delete_or_a_lock_is_not_said_to_be_done_while_the_glance_stays() {
    let (dir, _) = saved_history(12);
    let (mut store, mut whole) = home_store(dir.path());
    glance_that_will_not_go(dir.path());
    let before = fs::read(dir.path().join(DATA_FILE)).unwrap();
    whole.assessments.clear();
    assert!(
        store.save_scrubbed(&whole).is_err(),
        "the delete is not saved"
    );
    assert_eq!(fs::read(dir.path().join(DATA_FILE)).unwrap(), before);
    drop(store);

    // Turning the lock on says that a plain copy is left.
    let _ = fs::remove_dir_all(dir.path().join(GLANCE_FILE));
    let (mut store, whole) = home_store(dir.path());
    glance_that_will_not_go(dir.path());
    let locked = store.set_passphrase_with_work_factor(
        &whole,
        None,
        Some(&crate::support::secret("correct horse battery staple")),
        10,
    );
    assert!(
        matches!(
            locked,
            Err(overture::store::PassphraseError::PlainCopyLeft { .. })
        ),
        "{locked:?}"
    );
}

#[test]
fn a_plain_glance_found_beside_locked_answers_is_removed_at_open() {
    let (dir, data) = saved_history(12);
    let glance = fs::read(dir.path().join(GLANCE_FILE)).unwrap();
    let (mut store, _) = home_store(dir.path());
    crate::support::lock(&mut store, &data, "correct horse battery staple");
    drop(store);
    // As an older Overture that knew nothing of the glance might leave it.
    fs::write(dir.path().join(GLANCE_FILE), glance).unwrap();
    let (_, opened) = open_at_home(dir.path());
    assert!(matches!(
        opened,
        AtHome::Opened(overture::store::Opened::NeedsPassphrase { .. })
    ));
    assert!(!dir.path().join(GLANCE_FILE).exists());
}

#[test]
fn a_key_pressed_on_a_glance_that_turns_out_wrong_is_not_acted_on() {
    let (dir, _) = saved_history(40);
    // The glance's own bytes changed (its stamps still match the files): it shows a menu the
    // history does not have, with "Saved answers" where "See your latest result" is.
    edit_glance_file(dir.path(), |file| {
        let items = file["glance"]["items"].as_array_mut().unwrap();
        assert_eq!(items[0], "latest_result");
        items.remove(0);
    });
    let mut app = glance_app(dir.path());
    key(&mut app, KeyCode::Enter);
    assert!(app.is_fully_read());
    assert_eq!(app.screen, overture::tui::app::Screen::Home, "not acted on");
    assert!(render(&mut app, 100, 30).contains("choose again"));
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, overture::tui::app::Screen::Result(_)));
}

#[test]
fn wipe_deletes_the_glance_with_everything_else() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("overture");
    save(&dir, &overture::sample::long_history(&content(), 12));
    assert!(dir.join(GLANCE_FILE).exists());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_overture"))
        .args(["--data-dir"])
        .arg(&dir)
        .args(["wipe", "--yes"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        !dir.exists(),
        "the folder is gone: nothing of Overture's was left in it"
    );
}
