//! `cargo bench`: one key handled and the frame drawn (80x24, test backend) on every screen,
//! the plain front end's result text and a whole rehearsal in plain mode, the draft checker, and ten years of history (5,000
//! snapshots): loading, saving, the first frame, opening the history and comparing two
//! check-ins. Benchmarks measure; they never fail a build.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use divan::Bencher;
use jiff::Timestamp;
use overture::content::{Content, Pronouns, Voice};
use overture::core::flow::Flow;
use overture::core::record::{Profile, SavedData};
use overture::core::session::{self, HomeItem};
use overture::plain::text;
use overture::store::Store;
use overture::tui::app::App;
use overture::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn main() {
    divan::main();
}

fn now() -> Timestamp {
    "2026-11-22T12:00:00Z".parse().unwrap()
}

/// Answers every question up to (not including) `stop`, or all of them.
fn answered(content: &Content, stop: Option<&str>) -> Flow {
    overture::sample::answered(content, "never", stop)
}

fn profile() -> Profile {
    Profile {
        voice: Voice {
            partner: "husband".into(),
            pronouns: Pronouns::He,
        },
        created_at: now(),
    }
}

/// Saved data with `finished` check-ins and, if `draft_at` names a question, one stopped there.
fn data(content: &Content, finished: usize, draft_at: Option<&str>) -> SavedData {
    let mut data = SavedData {
        profile: Some(profile()),
        ..SavedData::default()
    };
    let full = answered(content, None).answers;
    for i in 0..finished {
        session::start(&mut data, now());
        let at = Timestamp::from_second(now().as_second() + i64::try_from(i).unwrap()).unwrap();
        session::finish(&mut data, full.clone(), at);
    }
    if let Some(stop) = draft_at {
        session::start(&mut data, now());
        let flow = Flow::resume(content, answered(content, Some(stop)).answers, Some(stop));
        session::keep_progress(content, &mut data, &flow, now());
    }
    data
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// An app on the named screen, and the key that is handled there on every iteration.
fn screen(name: &str) -> (App, KeyCode) {
    let content = Content::embedded().unwrap();
    let app = |data| {
        App::new(Content::embedded().unwrap(), data, None)
            .with_clock(now)
            .with_location("Your answers are saved only on this device, in /tmp/x".into())
    };
    match name {
        "welcome" => (app(SavedData::default()), KeyCode::Down),
        "partner" => {
            let mut a = app(SavedData::default());
            press(&mut a, KeyCode::Enter);
            (a, KeyCode::Down)
        }
        "home" => (app(data(&content, 1, Some("sig_calm"))), KeyCode::Down),
        "question" => {
            let mut a = app(data(&content, 0, Some("sig_calm")));
            press(&mut a, KeyCode::Enter);
            (a, KeyCode::Down)
        }
        "question_multi" => {
            let mut a = app(data(&content, 0, Some("reasons")));
            press(&mut a, KeyCode::Enter);
            (a, KeyCode::Char(' '))
        }
        "result" => {
            let mut a = app(data(&content, 1, None));
            press(&mut a, KeyCode::Enter);
            (a, KeyCode::Down)
        }
        "help" => {
            let mut a = app(data(&content, 0, Some("sig_calm")));
            press(&mut a, KeyCode::Enter);
            press(&mut a, KeyCode::Char('?'));
            (a, KeyCode::Down)
        }
        "crisis" => {
            let mut a = app(data(&content, 1, None));
            a.handle_key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL));
            (a, KeyCode::Down)
        }
        other => after_screen(&content, other),
    }
}

/// Saved data after one check-in, three "no"s and a finished rehearsal with a script.
fn after_data(content: &Content) -> SavedData {
    let mut data = data(content, 1, None);
    for _ in 0..3 {
        overture::core::asklog::log(
            &mut data,
            now(),
            "coach",
            overture::core::record::AskAnswer::NoWithoutReason,
            "He said not now, maybe after the holidays.",
        );
    }
    data
}

/// The screens after the check-in, reached with keys from the home menu.
fn after_screen(content: &Content, name: &str) -> (App, KeyCode) {
    let mut a = App::new(Content::embedded().unwrap(), after_data(content), None)
        .with_clock(now)
        .with_location("Your answers are saved only on this device, in /tmp/x".into());
    let typing = KeyCode::Char('a');
    let key = match name {
        "rehearsal_rulers" | "rehearsal_step" | "replies" => {
            open_home_item(&mut a, HomeItem::Rehearse);
            if name == "rehearsal_rulers" {
                return (a, KeyCode::Right);
            }
            press(&mut a, KeyCode::Enter);
            press(&mut a, KeyCode::Tab);
            if name == "rehearsal_step" {
                // A realistic draft: the checker reads it again on every frame.
                a.handle_paste(&long_draft().chars().take(400).collect::<String>());
                return (a, typing);
            }
            for _ in 0..8 {
                press(&mut a, KeyCode::Tab);
            }
            KeyCode::Down
        }
        "log_ask" => {
            open_home_item(&mut a, HomeItem::LogAsk);
            KeyCode::Down
        }
        "plan" => {
            open_home_item(&mut a, HomeItem::RepeatedNo);
            KeyCode::Down
        }
        "timeline" => {
            open_home_item(&mut a, HomeItem::Timeline);
            KeyCode::Down
        }
        "doors" => {
            open_home_item(&mut a, HomeItem::Doors);
            KeyCode::Down
        }
        "solo" => {
            open_home_item(&mut a, HomeItem::Solo);
            KeyCode::Down
        }
        "journal" => {
            open_home_item(&mut a, HomeItem::Solo);
            a.cursor = a.solo_items().len() - 1;
            press(&mut a, KeyCode::Enter);
            a.cursor = a.content.after.solo.journal_prompts.len();
            press(&mut a, KeyCode::Enter);
            typing
        }
        "history" => {
            open_home_item(&mut a, HomeItem::History);
            KeyCode::Down
        }
        "settings" => {
            open_home_item(&mut a, HomeItem::Settings);
            KeyCode::Down
        }
        other => panic!("no screen {other}"),
    };
    (a, key)
}

const SCREENS: [&str; 19] = [
    "welcome",
    "partner",
    "home",
    "question",
    "question_multi",
    "result",
    "help",
    "crisis",
    "rehearsal_rulers",
    "rehearsal_step",
    "replies",
    "log_ask",
    "plan",
    "timeline",
    "doors",
    "solo",
    "journal",
    "history",
    "settings",
];

/// One key handled and one frame drawn at 80x24.
#[divan::bench(args = SCREENS)]
fn update_and_render(bencher: Bencher, name: &str) {
    let (mut app, code) = screen(name);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.bench_local(|| {
        press(&mut app, code);
        terminal.draw(|frame| view::draw(&mut app, frame)).unwrap();
    });
}

/// The first frame of the welcome, as at start-up (the content read as the app reads it: each
/// file when first used).
#[divan::bench]
fn start_and_first_frame() {
    let content = Content::embedded().unwrap();
    let mut app = App::new(content, SavedData::default(), None);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| view::draw(&mut app, frame)).unwrap();
}

/// The words of a result as the plain front end prints them (`core::report` underneath).
#[divan::bench]
fn plain_result_text(bencher: Bencher) {
    let content = Content::embedded().unwrap();
    let data = data(&content, 1, None);
    let record = &data.assessments[0];
    let voice = session::voice(&data);
    bencher.bench_local(|| text::result(&content, &data, record, &voice, text::Layout::Plain));
}

/// A whole rehearsal in plain mode, as typed lines: the rulers, a note, eight steps with
/// words (the checker reads each), a reply, the rulers again and the script's page.
#[divan::bench(sample_count = 50)]
fn plain_rehearsal_walk(bencher: Bencher) {
    let content = Content::embedded().unwrap();
    let data = after_data(&content);
    let rehearse = session::home_items(&data)
        .iter()
        .position(|i| *i == HomeItem::Rehearse)
        .unwrap()
        + 1;
    let steps = "I feel lonely lately, and I would like us to try one session.\n\n".repeat(8);
    let input = format!("{rehearse}\n7\n6\nIt matters\n\n{steps}4\n\n8\n9\n\n6\nquit\n");
    bencher
        .with_inputs(|| {
            overture::plain::Plain::new(Content::embedded().unwrap(), data.clone(), None)
                .with_clock(now)
        })
        .bench_local_values(|mut plain| {
            plain
                .run(
                    &mut std::io::Cursor::new(input.as_bytes()),
                    &mut std::io::sink(),
                )
                .unwrap();
            plain
        });
}

/// Ten years of weekly use: 5,000 snapshots of every kind (`overture::sample`).
fn long_history() -> SavedData {
    overture::sample::long_history(&Content::embedded().unwrap(), overture::sample::SNAPSHOTS)
}

/// A data folder holding ten years of history.
fn saved_long_history() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    Store::open(dir.path())
        .unwrap()
        .0
        .save(&long_history())
        .unwrap();
    dir
}

/// An app over ten years of history, on the home screen.
fn long_history_app(data: SavedData) -> App {
    App::new(Content::embedded().unwrap(), data, None)
        .with_clock(now)
        .with_location("Your answers are saved only on this device, in /tmp/x".into())
}

fn open_home_item(app: &mut App, item: HomeItem) {
    app.cursor = app.home_items().iter().position(|i| *i == item).unwrap();
    press(app, KeyCode::Enter);
}

/// Writing ten years of history (5,000 snapshots) whole: encode, check, write, flush, keep the
/// backup, rename. What folding the log into the document costs, now and then (a copy of
/// the document is saved whole, since the store cannot tell what changed in it).
#[divan::bench(sample_count = 20)]
fn save_large_history(bencher: Bencher) {
    let data = long_history();
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path()).unwrap();
    store.save(&data).unwrap();
    bencher
        .with_inputs(|| data.clone())
        .bench_local_values(|copy| store.save(&copy).unwrap());
}

/// Saving after one answer, with 0, 500 and 5,000 snapshots already saved, with the
/// passphrase lock off and on: what a keypress that saves costs as the history grows. The
/// store appends the change to its log, so this is the same at every size (issue 17); the
/// occasional whole save that folds the log in is `save_large_history`. The lock uses scrypt's
/// lowest work factor here; it is paid once at unlock, never per save.
#[divan::bench(args = [0, 500, 5_000], consts = [false, true], sample_count = 20)]
fn save_one_answer<const LOCKED: bool>(bencher: Bencher, snapshots: usize) {
    let mut data = overture::sample::long_history(&Content::embedded().unwrap(), snapshots);
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path()).unwrap();
    store.save(&data).unwrap();
    if LOCKED {
        let passphrase = overture::store::SecretString::from("correct horse battery".to_string());
        store
            .set_passphrase_with_work_factor(&data, None, Some(&passphrase), 10)
            .unwrap();
    }
    let mut answer = 0;
    bencher.bench_local(|| {
        answer += 1;
        data.profile.as_mut().unwrap().voice.partner = format!("partner {answer}");
        store.save(&data).unwrap();
    });
}

/// As `save_one_answer` with the lock off, by the full-screen app's store, which also saves
/// the home screen's glance after every save (worked out over the whole history).
#[divan::bench(args = [0, 500, 5_000], sample_count = 20)]
fn save_one_answer_with_glance(bencher: Bencher, snapshots: usize) {
    let mut data = overture::sample::long_history(&Content::embedded().unwrap(), snapshots);
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open_at_home(dir.path()).unwrap();
    store.save(&data).unwrap();
    let mut answer = 0;
    bencher.bench_local(|| {
        answer += 1;
        data.profile.as_mut().unwrap().voice.partner = format!("partner {answer}");
        store.save(&data).unwrap();
    });
}

/// Start-up over ten years of history as the full-screen app starts: the folder opened, the
/// home screen's glance read (not the history) and the home screen's first frame drawn.
#[divan::bench(sample_count = 20)]
fn first_frame_from_glance(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    Store::open_at_home(dir.path())
        .unwrap()
        .0
        .save(&long_history())
        .unwrap();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.bench_local(|| {
        let (store, at_home) = Store::open_at_home(dir.path()).unwrap();
        let overture::store::AtHome::Glance(glance) = at_home else {
            panic!("the glance is there");
        };
        let mut app = App::from_glance(Content::embedded().unwrap(), glance, store).with_clock(now);
        terminal.draw(|frame| view::draw(&mut app, frame)).unwrap();
        app
    });
}

/// Opening a data folder with ten years of history: lock, read, parse, check.
#[divan::bench(sample_count = 20)]
fn load_large_history(bencher: Bencher) {
    let dir = saved_long_history();
    bencher.bench_local(|| Store::open(dir.path()).unwrap());
}

/// Start-up over ten years of history, in process: content parsed, data folder opened and
/// read, the app built and the home screen's first frame drawn.
#[divan::bench(sample_count = 20)]
fn first_frame_with_long_history(bencher: Bencher) {
    let dir = saved_long_history();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.bench_local(|| {
        let (store, loaded) = Store::open(dir.path()).unwrap();
        let overture::store::Loaded::Data(data) = loaded else {
            panic!("the history is there");
        };
        let mut app = App::new(Content::embedded().unwrap(), data, Some(store)).with_clock(now);
        terminal.draw(|frame| view::draw(&mut app, frame)).unwrap();
        app
    });
}

/// Opening the history screen on ten years of history: the key and the first frame.
#[divan::bench(sample_count = 50)]
fn history_open(bencher: Bencher) {
    let data = long_history();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher
        .with_inputs(|| long_history_app(data.clone()))
        .bench_local_values(|mut app| {
            open_home_item(&mut app, HomeItem::History);
            terminal.draw(|frame| view::draw(&mut app, frame)).unwrap();
            app
        });
}

/// Opening the trends screen on ten years of history: the key, every series taken from
/// 5,000 snapshots, the charts drawn and the first frame (issue 18's goal: under 5 ms).
#[divan::bench(sample_count = 50)]
fn trends_open(bencher: Bencher) {
    let data = long_history();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher
        .with_inputs(|| long_history_app(data.clone()))
        .bench_local_values(|mut app| {
            open_home_item(&mut app, HomeItem::Trends);
            terminal.draw(|frame| view::draw(&mut app, frame)).unwrap();
            app
        });
}

/// Comparing the two newest check-ins of ten years of history: the second `c` and the frame.
#[divan::bench(sample_count = 50)]
fn history_compare(bencher: Bencher) {
    let data = long_history();
    let list = overture::core::history::list(&data);
    let mut checkins = list
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == overture::core::history::Kind::Assessment)
        .map(|(row, _)| row);
    let (newest, older) = (checkins.next().unwrap(), checkins.next().unwrap());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher
        .with_inputs(|| {
            let mut app = long_history_app(data.clone());
            open_home_item(&mut app, HomeItem::History);
            app.cursor = newest;
            press(&mut app, KeyCode::Char('c'));
            app.cursor = older;
            app
        })
        .bench_local_values(|mut app| {
            press(&mut app, KeyCode::Char('c'));
            assert!(matches!(
                app.screen,
                overture::tui::app::Screen::Compare(..)
            ));
            terminal.draw(|frame| view::draw(&mut app, frame)).unwrap();
            app
        });
}

/// A 2,000-word draft built from the labelled corpus, good and bad lines together.
fn long_draft() -> String {
    let corpus = include_str!("../tests/fixtures/draft/corpus.jsonl");
    let lines: Vec<String> = corpus
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let mut text = String::new();
    'fill: loop {
        for line in &lines {
            text.push_str(line);
            text.push(' ');
            if text.split_whitespace().count() >= 2000 {
                break 'fill;
            }
        }
    }
    text
}

/// The draft checker runs on every keystroke in the rehearsal: a long draft, checked cold.
#[divan::bench]
fn draft_checker_2000_words(bencher: Bencher) {
    let text = long_draft();
    bencher.bench(|| overture::core::draft::review(divan::black_box(&text)));
}

/// The worst case: a finding in every sentence of a 2,000-word draft.
#[divan::bench]
fn draft_checker_2000_words_all_flagged(bencher: Bencher) {
    let text = "You never listen when I talk about my day and I feel alone. ".repeat(170);
    bencher.bench(|| overture::core::draft::review(divan::black_box(&text)));
}
