//! One core, two front ends: the same choices made with keys in the full-screen app and with
//! typed lines in plain mode leave the same saved document, byte for byte. If a rule lived in
//! one front end only, the two files would differ.

use crate::common;

use common::{answer_until_done, answers_for, chars, first_run, fixed_now, key, open_app};
use overture::content::Content;
use overture::core::place::PageId;
use overture::core::record::SavedData;
use overture::core::session::{self, HomeItem};
use overture::plain::Plain;
use overture::store::{Loaded, Store};
use overture::tui::app::App;
use ratatui::crossterm::event::KeyCode;
use std::path::Path;

/// Moves to a home menu entry with the arrow keys and opens it.
fn choose_home(app: &mut App, item: HomeItem) {
    let index = session::home_items(&app.data)
        .iter()
        .position(|i| *i == item)
        .unwrap_or_else(|| panic!("{item:?} is not on the home menu"));
    while app.cursor < index {
        key(app, KeyCode::Down);
    }
    while app.cursor > index {
        key(app, KeyCode::Up);
    }
    key(app, KeyCode::Enter);
}

/// Types words into the text box on screen and goes on with Tab.
fn write(app: &mut App, words: &str) {
    chars(app, words);
    key(app, KeyCode::Tab);
}

/// Everything, in the full-screen app.
fn with_keys(dir: &Path) -> SavedData {
    let mut app = open_app(dir);
    first_run(&mut app);
    answer_until_done(&mut app, &answers_for("reachable"));
    key(&mut app, KeyCode::Enter); // the result, then home

    choose_home(&mut app, HomeItem::LogAsk);
    key(&mut app, KeyCode::Char('2')); // a relationship coach
    key(&mut app, KeyCode::Char('4')); // no, with a reason
    write(&mut app, "He said maybe after the holidays");
    key(&mut app, KeyCode::Enter); // what it means, then home

    choose_home(&mut app, HomeItem::Timeline);
    key(&mut app, KeyCode::Char('1')); // 30 days
    key(&mut app, KeyCode::Esc);

    choose_home(&mut app, HomeItem::Rehearse);
    key(&mut app, KeyCode::Char('7'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('6'));
    key(&mut app, KeyCode::Enter);
    write(&mut app, "It matters because I miss us");
    for step in 0..8 {
        write(&mut app, &format!("My words for step {}", step + 1));
    }
    key(&mut app, KeyCode::Char('4')); // "We're fine"
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('8'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('9'));
    key(&mut app, KeyCode::Enter);
    write(&mut app, "Calmer than I expected");
    key(&mut app, KeyCode::Esc); // the script, then home

    choose_home(&mut app, HomeItem::Solo);
    let journal = app.solo_items().len() - 1;
    while app.cursor < journal {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    // "Write freely" comes after the prompts this path is offered.
    let free = overture::core::solo::journal_prompts(&app.content, &app.data).len();
    while app.cursor < free {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    write(&mut app, "Tonight I felt steadier");
    key(&mut app, KeyCode::Char('q'));
    app.data.clone()
}

/// Runs plain mode over `dir` with `input`, as a person typing would.
fn plain_run(dir: &Path, input: &str) -> SavedData {
    let (store, loaded) = Store::open(dir).expect("store opens");
    let data = match loaded {
        Loaded::Fresh => SavedData::default(),
        Loaded::Data(data) => data,
        Loaded::MovedAside { problem, .. } => panic!("unreadable: {problem}"),
    };
    // A walk that goes astray could type a file name at an export prompt: such a file lands
    // in the data folder, never in the repository.
    let mut plain = Plain::new(Content::embedded().expect("content"), data, Some(store))
        .with_clock(fixed_now)
        .with_export_dir(dir.to_path_buf());
    let mut out = Vec::new();
    plain
        .run(
            &mut std::io::Cursor::new(input.as_bytes().to_vec()),
            &mut out,
        )
        .expect("plain mode runs");
    plain.data().clone()
}

fn number(data: &SavedData, item: HomeItem) -> usize {
    session::home_items(data)
        .iter()
        .position(|i| *i == item)
        .expect("on the home menu")
        + 1
}

/// The same, typed line by line in plain mode.
fn with_lines(dir: &Path) -> SavedData {
    let check_in = common::plain_answer_lines(&answers_for("reachable"));
    let mut data = plain_run(dir, &format!("\n1\n\n{check_in}\nquit\n"));

    let log = number(&data, HomeItem::LogAsk);
    data = plain_run(
        dir,
        &format!("{log}\n2\n4\nHe said maybe after the holidays\n\n\nquit\n"),
    );

    let timeline = number(&data, HomeItem::Timeline);
    data = plain_run(dir, &format!("{timeline}\n1\nback\nquit\n"));

    let rehearse = number(&data, HomeItem::Rehearse);
    let steps = (1..=8).fold(String::new(), |mut all, n| {
        all.push_str("My words for step ");
        all.push_str(&n.to_string());
        all.push_str("\n\n");
        all
    });
    data = plain_run(
        dir,
        &format!(
            "{rehearse}\n7\n6\nIt matters because I miss us\n\n{steps}4\n\n8\n9\nCalmer than I expected\n\n6\nquit\n"
        ),
    );

    let solo = number(&data, HomeItem::Solo);
    let journal = overture::core::solo::items(&Content::embedded().expect("content"), &data).len();
    let free = overture::core::solo::journal_prompts(&Content::embedded().expect("content"), &data)
        .len()
        + 1;
    plain_run(
        dir,
        &format!("{solo}\n{journal}\n{free}\nTonight I felt steadier\n\nquit\n"),
    )
}

#[test]
fn keys_and_typed_lines_leave_the_same_saved_document() {
    let keys_dir = tempfile::tempdir().expect("temp dir");
    let lines_dir = tempfile::tempdir().expect("temp dir");
    let by_keys = with_keys(keys_dir.path());
    let by_lines = with_lines(lines_dir.path());

    // The walk really happened, so equal files mean something.
    assert_eq!(by_keys.asks.len(), 1);
    assert_eq!(by_keys.timeline.as_ref().map(|t| t.days), Some(30));
    assert_eq!(by_keys.rehearsals.len(), 1);
    assert_eq!(by_keys.rehearsals[0].scripts.len(), 1);
    assert_eq!(by_keys.rehearsals[0].reply.as_deref(), Some("fine"));
    assert_eq!(by_keys.journal.len(), 1);

    assert_eq!(
        serde_json::to_value(&by_lines).expect("json"),
        serde_json::to_value(&by_keys).expect("json"),
        "the two front ends saved different documents"
    );
    let file = |dir: &Path| std::fs::read(dir.join("overture.json")).expect("saved file");
    assert_eq!(file(lines_dir.path()), file(keys_dir.path()));
}

/// The saved data in `dir`, as a face would load it.
fn load(dir: &Path) -> SavedData {
    match Store::open(dir).expect("store opens").1 {
        Loaded::Fresh => SavedData::default(),
        Loaded::Data(data) => data,
        Loaded::MovedAside { problem, .. } => panic!("unreadable: {problem}"),
    }
}

/// The pages plain mode shows for `input`, typed over `data`, in a session that writes nothing.
fn plain_page(data: &SavedData, input: &str) -> PageId {
    let mut plain = Plain::new(Content::embedded().expect("content"), data.clone(), None)
        .with_clock(fixed_now)
        .with_export_dir(std::env::temp_dir());
    plain
        .run(
            &mut std::io::Cursor::new(input.as_bytes().to_vec()),
            &mut Vec::new(),
        )
        .expect("plain mode runs");
    plain.page_id()
}

/// Answers by question id: the option keys chosen.
type Answers = Vec<(&'static str, Vec<&'static str>)>;

/// Answers for each outcome, and for the paths within them (the user's own thoughts of
/// self-harm, a partner's threats of self-harm, an affair, a crisis, a partner already gone).
fn situations() -> Vec<(&'static str, Answers)> {
    let mut all: Vec<_> = [
        "reachable",
        "safety_first",
        "not_first_step",
        "red_flag",
        "not_yet_clear",
    ]
    .into_iter()
    .map(|o| (o, answers_for(o)))
    .collect();
    for (name, question, key) in [
        ("self_harm", "self_harm", "yes"),
        ("partner_threat", "safety_suicide_threat", "yes"),
        ("affair", "screen_affair", "partner"),
        ("crisis", "screen_crisis", "mine"),
        ("gone", "screen_gone", "said_done"),
    ] {
        let mut answers = answers_for("reachable");
        answers.retain(|(q, _)| *q != question);
        answers.push((question, vec![key]));
        all.push((name, answers));
    }
    all
}

/// On every path and for every home menu entry it offers, the same intents (open the entry,
/// then go back) lead both faces to the same pages: where each entry leads is decided once, in
/// `core::place::open`.
#[test]
fn every_home_entry_opens_the_same_page_in_both_faces_on_every_path() {
    for (outcome, answers) in situations() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut app = open_app(dir.path());
        first_run(&mut app);
        answer_until_done(&mut app, &answers);
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.page_id(), PageId::Home, "{outcome}");
        let items = session::home_items(&app.data);
        drop(app); // it holds the store's lock

        for &item in &items {
            let data = load(dir.path());
            let n = number(&data, item);
            let case = format!("{outcome}, {item:?}");

            let opened_plain = plain_page(&data, &format!("{n}\n"));
            let mut app = open_app(dir.path());
            choose_home(&mut app, item);
            let opened_keys = app.page_id();
            assert_eq!(opened_keys, opened_plain, "{case}: opening it");
            assert_ne!(opened_keys, PageId::Home, "{case}: opens nothing");
            if opened_keys == PageId::Goodbye {
                continue;
            }

            // Then back, with Esc and with the word.
            let back_plain = plain_page(&data, &format!("{n}\nback\n"));
            key(&mut app, KeyCode::Esc);
            assert_eq!(app.page_id(), back_plain, "{case}: then back");
        }
        let path = overture::core::gate::current(&load(dir.path()));
        eprintln!(
            "{outcome} ({path:?}): {} entries open the same page",
            items.len()
        );
    }
}
