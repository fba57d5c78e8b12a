//! Snapshots of the screens the other render tests leave out, at 80x24 and 60x20: the
//! settings, the country, the passphrase form, the unlock screen, the solo work and the
//! journal. Then plain-mode transcripts of the same places and of a first run to a result.
//!
//! Everything runs at the fixed test clock, in UTC, with the country set in the data (the app
//! reads no locale in process). The unlock screen is drawn only by the real binary, so it is
//! read back from a pseudo-terminal, with the time zone and the "last opened" record pinned.

use crate::common;

use common::*;
use overture::content::Content;
use overture::core::record::SavedData;
use overture::core::session::{HomeItem, home_items};
use overture::plain::Plain;
use overture::store::{Loaded, OPENED_FILE, Opened, SecretString, Store, StoreError};
use overture::tui::app::{App, Screen, SettingsItem};
use ratatui::crossterm::event::KeyCode;
use std::cell::RefCell;
use std::io::{BufRead, Read, Write};
use std::path::Path;
use std::rc::Rc;
use tempfile::TempDir;

/// The two sizes every full-screen state is drawn at.
const SIZES: [(u16, u16); 2] = [(80, 24), (60, 20)];

/// The passphrase of the locked stores made here.
const PASSPHRASE: &str = "quiet river forty two";

/// The scrypt work factor for the locks made here: the lowest the store accepts, so that
/// locking and unlocking take milliseconds (real locks use 18).
const FAST: u8 = 10;

/// What the welcome page says about where answers are kept, as `common::open_app` has it.
const LOCATION: &str = "Your answers are saved only on this device, in /tmp/overture-test";

// ----- the data folder -----

/// Opens the store in `dir`, waiting out (up to 5 s) a lock held for a moment by the unlock
/// test's child, forked from a parallel test thread, before it execs: it inherits the lock's
/// descriptor until then.
fn open_store(dir: &Path) -> (Store, Opened) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match Store::open_any(dir) {
            Err(StoreError::Locked { .. }) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            other => return other.expect("the store opens"),
        }
    }
}

/// The data saved in `dir`, and its store: the folder is not locked with a passphrase.
fn open_ready(dir: &Path) -> (Store, SavedData) {
    let (store, opened) = open_store(dir);
    let data = match opened {
        Opened::Ready(Loaded::Fresh) => SavedData::default(),
        Opened::Ready(Loaded::Data(d)) => d,
        Opened::Ready(Loaded::MovedAside { problem, .. }) => {
            panic!("unexpected unreadable data: {problem}")
        }
        Opened::NeedsPassphrase { .. } => panic!("the folder is not locked"),
    };
    (store, data)
}

// ----- the full-screen app -----

/// Checks what no screen may show.
fn assert_screen(name: &str, screen: &str) {
    assert!(
        !screen.contains('{'),
        "{name}: a placeholder was left:\n{screen}"
    );
    assert!(!screen.contains("panicked"), "{name}:\n{screen}");
}

/// Snapshots one state at both sizes. `make` returns the app and whatever must live as long
/// as it (the data folder of an app with a store).
fn snap_kept<T>(name: &str, mut make: impl FnMut() -> (T, App)) {
    for (w, h) in SIZES {
        let (_keep, mut app) = make();
        let screen = render(&mut app, w, h);
        assert_screen(&format!("{name} {w}x{h}"), &screen);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
    }
}

/// Snapshots one state of an app that writes nothing at both sizes.
fn snap(name: &str, mut make: impl FnMut() -> App) {
    snap_kept(name, || ((), make()));
}

/// The data after a first run and a check-in answered for `outcome`, with the help lines of
/// `country` first, as `LANG` would have set them at the first start.
fn data_after(outcome: &str, country: &str) -> SavedData {
    let mut app = private_app();
    first_run(&mut app);
    answer_until_done(&mut app, &answers_for(outcome));
    let mut data = app.data;
    data.settings.country = Some(country.to_string());
    data.settings.country_from_locale = true;
    data
}

/// An app that writes nothing, on the home screen of `data`.
fn private_home(data: SavedData) -> App {
    let app = App::new(Content::embedded().expect("content"), data, None)
        .with_clock(fixed_now)
        .with_location(LOCATION.into());
    assert_eq!(app.screen, Screen::Home);
    app
}

/// An app over a new data folder holding `data`, on its home screen.
fn stored_home(data: &SavedData) -> (TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = open_ready(dir.path());
    store.save(data).unwrap();
    drop(store);
    let (store, data) = open_ready(dir.path());
    let app = App::new(Content::embedded().expect("content"), data, Some(store))
        .with_clock(fixed_now)
        .with_location(LOCATION.into());
    assert_eq!(app.screen, Screen::Home);
    (dir, app)
}

/// A new data folder holding `data`, locked with [`PASSPHRASE`], last opened at `fixed_now`.
fn locked_folder(data: &SavedData) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = open_ready(dir.path());
    store.save(data).unwrap();
    store
        .set_passphrase_with_work_factor(
            data,
            None,
            Some(&SecretString::from(PASSPHRASE.to_string())),
            FAST,
        )
        .unwrap();
    drop(store);
    // Turning the lock on counts as opening, at the real time: pin it to the test clock.
    let opened = dir.path().join(OPENED_FILE);
    assert!(opened.exists(), "the lock keeps a record of the last open");
    std::fs::write(
        &opened,
        format!(
            "{{\n  \"last_opened\": \"{}\",\n  \"failed_attempts\": 0\n}}\n",
            fixed_now()
        ),
    )
    .unwrap();
    dir
}

/// An app over a locked data folder holding `data`, unlocked, on its home screen.
fn unlocked_home(data: &SavedData) -> (TempDir, App) {
    let dir = locked_folder(data);
    let (mut store, opened) = open_store(dir.path());
    assert!(matches!(opened, Opened::NeedsPassphrase { .. }));
    let loaded = store
        .unlock(&SecretString::from(PASSPHRASE.to_string()))
        .unwrap();
    let Loaded::Data(data) = loaded else {
        panic!("the locked folder holds data");
    };
    let app = App::new(Content::embedded().expect("content"), data, Some(store))
        .with_clock(fixed_now)
        .with_location(LOCATION.into());
    assert_eq!(app.screen, Screen::Home);
    (dir, app)
}

/// Opens `item` on the home screen.
fn open(app: &mut App, item: HomeItem) {
    let at = app
        .home_items()
        .iter()
        .position(|i| *i == item)
        .unwrap_or_else(|| panic!("{item:?} is not on the home menu"));
    app.cursor = at;
    key(app, KeyCode::Enter);
}

/// Chooses `item` on the settings screen.
fn choose_setting(app: &mut App, item: SettingsItem) {
    assert_eq!(app.screen, Screen::Settings);
    let at = app
        .settings_items()
        .iter()
        .position(|i| *i == item)
        .unwrap_or_else(|| panic!("{item:?} is not in the settings"));
    app.cursor = at;
    key(app, KeyCode::Enter);
}

/// The settings of a data folder that can be locked, the country from the language setting.
fn stored_settings() -> (TempDir, App) {
    let (dir, mut app) = stored_home(&data_after("reachable", "us"));
    open(&mut app, HomeItem::Settings);
    (dir, app)
}

#[test]
fn settings() {
    snap_kept("settings", stored_settings);
    // A session that writes nothing has nothing to lock: no lock in the list.
    snap("settings_private", || {
        let mut data = data_after("reachable", "us");
        data.settings.country = None;
        data.settings.country_from_locale = false;
        let mut app = private_home(data);
        open(&mut app, HomeItem::Settings);
        assert!(!app.settings_items().contains(&SettingsItem::LockOn));
        app
    });
    snap_kept("settings_locked", || {
        let (dir, mut app) = unlocked_home(&data_after("reachable", "us"));
        open(&mut app, HomeItem::Settings);
        assert!(
            app.settings_items()
                .contains(&SettingsItem::ChangePassphrase)
        );
        (dir, app)
    });
}

#[test]
fn country() {
    // The country list, the focus on the country from the language setting.
    snap_kept("country", || {
        let (dir, mut app) = stored_settings();
        choose_setting(&mut app, SettingsItem::Country);
        assert_eq!(app.screen, Screen::Country);
        (dir, app)
    });
    // Nothing chosen yet: the focus is on the last entry.
    snap("country_not_chosen", || {
        let mut data = data_after("reachable", "us");
        data.settings.country = None;
        data.settings.country_from_locale = false;
        let mut app = private_home(data);
        open(&mut app, HomeItem::Settings);
        choose_setting(&mut app, SettingsItem::Country);
        app
    });
    // Chosen: back on the settings, saying so.
    snap_kept("country_chosen", || {
        let (dir, mut app) = stored_settings();
        choose_setting(&mut app, SettingsItem::Country);
        let uk = app
            .country_choices()
            .iter()
            .position(|r| r.id == "uk")
            .expect("the United Kingdom is listed");
        app.cursor = uk;
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.screen, Screen::Settings);
        assert_eq!(app.data.settings.country.as_deref(), Some("uk"));
        (dir, app)
    });
}

/// The settings with the lock form open for `item`, `typed` typed (and Enter after each
/// earlier entry in `entered`).
fn passphrase_form(
    make: impl FnOnce() -> (TempDir, App),
    item: SettingsItem,
    entered: &[&str],
    typed: &str,
) -> (TempDir, App) {
    let (dir, mut app) = make();
    choose_setting(&mut app, item);
    assert!(app.secret.is_some(), "the passphrase form is open");
    for entry in entered {
        chars(&mut app, entry);
        key(&mut app, KeyCode::Enter);
    }
    chars(&mut app, typed);
    assert!(app.secret.is_some(), "the form is still open");
    (dir, app)
}

#[test]
fn passphrase_form_to_turn_the_lock_on() {
    snap_kept("passphrase_on", || {
        passphrase_form(stored_settings, SettingsItem::LockOn, &[], "quiet river")
    });
    snap_kept("passphrase_on_short", || {
        passphrase_form(stored_settings, SettingsItem::LockOn, &["river"], "riv")
    });
    snap_kept("passphrase_on_mismatch", || {
        passphrase_form(
            stored_settings,
            SettingsItem::LockOn,
            &["quiet river forty two", "quiet river forty three"],
            "",
        )
    });
    snap_kept("passphrase_on_empty_enter", || {
        let (dir, mut app) = passphrase_form(stored_settings, SettingsItem::LockOn, &[], "");
        key(&mut app, KeyCode::Enter);
        (dir, app)
    });
}

#[test]
fn passphrase_form_to_change_it_or_turn_it_off() {
    let locked_settings = || {
        let (dir, mut app) = unlocked_home(&data_after("reachable", "us"));
        open(&mut app, HomeItem::Settings);
        (dir, app)
    };
    snap_kept("passphrase_change", || {
        passphrase_form(
            locked_settings,
            SettingsItem::ChangePassphrase,
            &[PASSPHRASE],
            "calm",
        )
    });
    snap_kept("passphrase_off", || {
        passphrase_form(locked_settings, SettingsItem::LockOff, &[], "quiet")
    });
    // Esc leaves the form and says nothing changed.
    snap_kept("passphrase_cancelled", || {
        let (dir, mut app) = passphrase_form(locked_settings, SettingsItem::LockOff, &[], "quiet");
        key(&mut app, KeyCode::Esc);
        assert!(app.secret.is_none());
        (dir, app)
    });
}

/// The home screen of a finished reachable check-in, in an app that writes nothing.
fn home_reachable() -> App {
    private_home(data_after("reachable", "us"))
}

#[test]
fn solo_work() {
    snap("solo", || {
        let mut app = home_reachable();
        open(&mut app, HomeItem::Solo);
        app
    });
    snap("solo_safety", || {
        let mut app = private_home(data_after("safety_first", "us"));
        open(&mut app, HomeItem::Solo);
        app
    });
    snap("solo_section", || {
        let mut app = home_reachable();
        open(&mut app, HomeItem::Solo);
        let at = app
            .solo_items()
            .iter()
            .position(|i| matches!(i, overture::tui::app::SoloItem::Section(_)))
            .expect("a reading section");
        app.cursor = at;
        key(&mut app, KeyCode::Enter);
        assert!(matches!(app.screen, Screen::SoloSection(_)));
        app
    });
    snap("solo_builder", || {
        let mut app = home_reachable();
        open(&mut app, HomeItem::Solo);
        let at = app
            .solo_items()
            .iter()
            .position(|i| matches!(i, overture::tui::app::SoloItem::Builder(_)))
            .expect("a sentence builder");
        app.cursor = at;
        key(&mut app, KeyCode::Enter);
        chars(&mut app, "lonely");
        key(&mut app, KeyCode::Tab);
        assert!(matches!(app.screen, Screen::Build(_, 1)));
        app
    });
}

/// The journal prompts of a reachable check-in.
fn journal_prompts() -> App {
    let mut app = home_reachable();
    open(&mut app, HomeItem::Solo);
    let at = app
        .solo_items()
        .iter()
        .position(|i| *i == overture::tui::app::SoloItem::Journal)
        .expect("the journal");
    app.cursor = at;
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::JournalPrompts);
    app
}

/// The journal's first page says where entries go: saved on this device, or, in a private
/// session, kept only until the user leaves.
#[test]
fn the_journal_says_a_private_session_saves_nothing() {
    let mut private = journal_prompts();
    let shown = common::render(&mut private, 100, 40);
    assert!(shown.contains("kept only until you leave"), "{shown}");
    assert!(!shown.contains("saved on this device"), "{shown}");

    let dir = tempfile::tempdir().unwrap();
    let mut app = common::open_app(dir.path());
    common::reach_home(&mut app);
    open(&mut app, HomeItem::Solo);
    app.cursor = app
        .solo_items()
        .iter()
        .position(|i| *i == overture::tui::app::SoloItem::Journal)
        .expect("the journal");
    key(&mut app, KeyCode::Enter);
    let shown = common::render(&mut app, 100, 40);
    assert!(shown.contains("saved on this device only"), "{shown}");
}

#[test]
fn journal() {
    snap("journal_prompts", journal_prompts);
    snap("journal_entry", || {
        let mut app = journal_prompts();
        key(&mut app, KeyCode::Enter);
        assert!(matches!(app.screen, Screen::Journal(Some(_))));
        chars(
            &mut app,
            "We laughed at dinner tonight, the first time in weeks.",
        );
        key(&mut app, KeyCode::Enter);
        chars(&mut app, "I want more evenings like that.");
        app
    });
    snap("journal_free_writing", || {
        let mut app = journal_prompts();
        // The last entry, after the prompts: writing without a prompt.
        app.cursor = overture::core::solo::journal_prompts(&app.content, &app.data).len();
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.screen, Screen::Journal(None));
        app
    });
    snap("journal_saved", || {
        let mut app = journal_prompts();
        key(&mut app, KeyCode::Enter);
        chars(&mut app, "A short entry.");
        key(&mut app, KeyCode::Tab);
        assert_eq!(app.data.journal.len(), 1);
        app
    });
}

// ----- the unlock screen, from the real binary in a pseudo-terminal -----

struct Pty {
    parser: std::sync::Arc<std::sync::Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    cols: u16,
}

impl Pty {
    fn start(data_dir: &Path, cols: u16, rows: u16) -> Pty {
        let pty = portable_pty::native_pty_system()
            .openpty(portable_pty::PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_overture"));
        cmd.arg("--data-dir");
        cmd.arg(data_dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("TZ", "UTC");
        cmd.env("LANG", "C");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_MESSAGES");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("OVERTURE_DATA_DIR");
        let child = pty.slave.spawn_command(cmd).expect("overture starts");
        drop(pty.slave);
        let parser = std::sync::Arc::new(std::sync::Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).unwrap(),
            std::num::NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let sink = std::sync::Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().expect("writer");
        Pty {
            parser,
            writer,
            child,
            _master: pty.master,
            cols,
        }
    }

    /// The screen as the render tests show it: every row in full, in quotes.
    fn screen(&self) -> String {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, _) = screen.size();
        let mut out = String::new();
        for row in 0..rows.get() {
            out.push('"');
            for col in 0..self.cols {
                match screen.cell(row, col) {
                    Some(cell) if cell.is_wide_continuation() => {}
                    Some(cell) if cell.has_contents() => out.push_str(cell.contents()),
                    _ => out.push(' '),
                }
            }
            out.push_str("\"\n");
        }
        out
    }

    /// Waits until `text` is on screen (white space ignored, since lines wrap) and the
    /// screen has stopped changing; returns it.
    fn settled_with(&self, text: &str) -> String {
        let want: String = text.split_whitespace().collect();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        let mut last = String::new();
        loop {
            let screen = self.screen();
            let flat: String = screen.split_whitespace().collect();
            if flat.contains(&want) && screen == last {
                return screen;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "waited for {text:?}; the screen shows:\n{screen}"
            );
            last = screen;
            std::thread::sleep(std::time::Duration::from_millis(150));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(30));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "overture did not exit"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // Only if a failed assertion left it running: this child, by its handle.
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
        }
    }
}

/// The last line of the unlock screen, drawn after everything else.
const UNLOCK_KEYS: &str = "Enter unlock  Esc leave";

#[test]
fn unlock_screen() {
    let data = data_after("reachable", "us");
    for (cols, rows) in SIZES {
        let dir = locked_folder(&data);
        let mut pty = Pty::start(dir.path(), cols, rows);
        let screen = pty.settled_with(UNLOCK_KEYS);
        assert_screen(&format!("unlock {cols}x{rows}"), &screen);
        assert!(screen.contains("Overture is locked"), "{screen}");
        insta::assert_snapshot!(format!("unlock_{cols}x{rows}"), screen);
        // A few letters typed: dots only.
        pty.send("quiet");
        let screen = pty.settled_with("\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}");
        assert!(!screen.contains("quiet"), "the passphrase is never shown");
        insta::assert_snapshot!(format!("unlock_typing_{cols}x{rows}"), screen);
        // A wrong passphrase: refused, counted, the dots cleared.
        pty.send("\r");
        let screen = pty.settled_with("did not open it");
        assert_screen(&format!("unlock wrong {cols}x{rows}"), &screen);
        insta::assert_snapshot!(format!("unlock_wrong_{cols}x{rows}"), screen);
        pty.send("\x1b");
        assert!(pty.wait_exit().success());
    }
}

// ----- plain mode -----

/// The bytes typed and printed so far, in the order a terminal would show them.
type Transcript = Rc<RefCell<Vec<u8>>>;

/// What plain mode prints, into the transcript.
struct Printed {
    transcript: Transcript,
    printed: Vec<u8>,
}

impl Write for Printed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.transcript.borrow_mut().extend_from_slice(buf);
        self.printed.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What is typed: each byte plain mode reads is echoed into the transcript as it is read,
/// as a terminal shows typing after the prompt.
struct Typed {
    input: std::io::Cursor<Vec<u8>>,
    transcript: Transcript,
}

impl Read for Typed {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.input.read(buf)?;
        self.transcript.borrow_mut().extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

impl BufRead for Typed {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.input.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        let at = usize::try_from(self.input.position()).unwrap();
        let bytes = &self.input.get_ref()[at..at + amt];
        self.transcript.borrow_mut().extend_from_slice(bytes);
        self.input.consume(amt);
    }
}

/// Runs one plain session over `dir` at the test clock, typing `input`; returns the
/// transcript (what was printed, with what was typed where it was typed) after checking what
/// was printed.
fn plain_session(dir: &Path, input: &str) -> String {
    let (store, data) = open_ready(dir);
    plain_session_over(dir, data, Some(store), input)
}

fn plain_session_over(dir: &Path, data: SavedData, store: Option<Store>, input: &str) -> String {
    let transcript: Transcript = Rc::default();
    let mut typed = Typed {
        input: std::io::Cursor::new(input.as_bytes().to_vec()),
        transcript: Rc::clone(&transcript),
    };
    let mut printed = Printed {
        transcript: Rc::clone(&transcript),
        printed: Vec::new(),
    };
    let mut plain = Plain::new(Content::embedded().expect("content"), data, store)
        .with_clock(fixed_now)
        .with_location(LOCATION.into())
        .with_export_dir(dir.to_path_buf());
    plain
        .run(&mut typed, &mut printed)
        .expect("plain mode runs");
    drop(plain);
    assert_eq!(
        typed.input.position(),
        u64::try_from(input.len()).unwrap(),
        "every typed line was read"
    );
    let out = String::from_utf8(printed.printed).expect("plain output is UTF-8");
    assert!(!out.contains("Ctrl-G"), "plain mode named Ctrl-G:\n{out}");
    assert!(!out.contains('\u{1b}'), "an escape byte:\n{out}");
    assert!(!out.contains('{'), "a placeholder was left:\n{out}");
    assert!(!out.contains("panicked"), "{out}");
    let dir_name = dir.display().to_string();
    assert!(!out.contains(&dir_name), "the temp folder is named:\n{out}");
    for complaint in [
        "Please type",
        "There is no option",
        "Type a word first",
        "End of input.",
    ] {
        assert!(!out.contains(complaint), "{complaint:?} in:\n{out}");
    }
    String::from_utf8(transcript.take()).expect("UTF-8")
}

/// Snapshots a transcript, with what was typed in the header.
fn snap_transcript(name: &str, input: &str, transcript: &str) {
    let typed: Vec<&str> = input.lines().collect();
    insta::with_settings!({ description => format!("typed, one line each: {typed:?}") }, {
        insta::assert_snapshot!(name, transcript);
    });
}

/// What a first run types before the check-in: Enter on the welcome, "husband", the
/// suggested pronouns.
const FIRST_RUN: &str = "\n1\n\n";

/// The first start of Overture in a new folder, the help lines of the United States first
/// as `LANG=en_US.UTF-8` would have set them.
fn first_start() -> SavedData {
    let mut data = SavedData::default();
    data.settings.country = Some("us".to_string());
    data.settings.country_from_locale = true;
    data
}

/// A data folder after a plain first run with a check-in for `outcome`.
fn plain_folder_after(outcome: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = open_ready(dir.path());
    let input = format!(
        "{FIRST_RUN}{}quit\n",
        plain_answer_lines(&answers_for(outcome))
    );
    plain_session_over(dir.path(), first_start(), Some(store), &input);
    dir
}

/// The number typed for `item` on the home menu of the data in `dir`.
fn home_number(dir: &Path, item: HomeItem) -> String {
    let (_, data) = open_ready(dir);
    let at = home_items(&data)
        .iter()
        .position(|i| *i == item)
        .unwrap_or_else(|| panic!("{item:?} is not on the home menu"));
    (at + 1).to_string()
}

#[test]
fn plain_first_run_to_a_result() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = open_ready(dir.path());
    let input = format!(
        "{FIRST_RUN}{}quit\n",
        plain_answer_lines(&answers_for("reachable"))
    );
    let out = plain_session_over(dir.path(), first_start(), Some(store), &input);
    assert!(out.contains("The check-in is finished. Saved."), "{out}");
    snap_transcript("plain_first_run", &input, &out);
}

#[test]
fn plain_settings_and_country() {
    let dir = plain_folder_after("reachable");
    let settings = home_number(dir.path(), HomeItem::Settings);
    let input = format!("{settings}\nquit\n");
    let out = plain_session(dir.path(), &input);
    snap_transcript("plain_settings", &input, &out);

    // The country list, then the United Kingdom: the settings say so.
    let content = Content::embedded().unwrap();
    let uk = content
        .resources
        .regions
        .iter()
        .filter(|r| r.id != "intl")
        .position(|r| r.id == "uk")
        .expect("the United Kingdom is listed")
        + 1;
    let input = format!("{settings}\n1\n{uk}\nquit\n");
    let out = plain_session(dir.path(), &input);
    let (_, data) = open_ready(dir.path());
    assert_eq!(data.settings.country.as_deref(), Some("uk"));
    snap_transcript("plain_country", &input, &out);
}

#[test]
fn plain_solo_work_and_journal() {
    let dir = plain_folder_after("reachable");
    let solo = home_number(dir.path(), HomeItem::Solo);
    let input = format!("{solo}\nquit\n");
    let out = plain_session(dir.path(), &input);
    snap_transcript("plain_solo", &input, &out);

    // The journal is the last entry of the solo menu; its first prompt, two lines, saved.
    let (_, data) = open_ready(dir.path());
    let journal = overture::core::solo::items(&Content::embedded().unwrap(), &data).len();
    let input = format!(
        "{solo}\n{journal}\n1\nWe laughed at dinner tonight.\nI want more evenings like that.\n\nquit\n"
    );
    let out = plain_session(dir.path(), &input);
    let (_, data) = open_ready(dir.path());
    assert_eq!(
        data.journal[0].text,
        "We laughed at dinner tonight.\nI want more evenings like that."
    );
    snap_transcript("plain_journal", &input, &out);
}

/// A sentence built from the user's own words is read by the checker, as a step is: "you
/// never" in a blank is named when the sentence is saved.
#[test]
fn a_built_sentence_with_you_never_is_named_when_saved() {
    let mut app = home_reachable();
    open(&mut app, HomeItem::Solo);
    let at = app
        .solo_items()
        .iter()
        .position(|i| *i == overture::tui::app::SoloItem::Builder(0))
        .expect("the first sentence builder");
    app.cursor = at;
    key(&mut app, KeyCode::Enter);
    let mut blank = 0;
    while matches!(app.screen, Screen::Build(_, _)) {
        chars(
            &mut app,
            if blank == 1 {
                "you never listen to me"
            } else {
                "alone"
            },
        );
        key(&mut app, KeyCode::Tab);
        blank += 1;
    }
    let status = format!("{:?}", app.status);
    // A private session: nothing is saved, and the status says so.
    assert!(
        status.contains("a private session saves nothing"),
        "{status}"
    );
    assert!(status.contains("The checker noticed"), "{status}");
}
