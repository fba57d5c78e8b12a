//! Helpers shared by the integration tests: drive the TUI app with key events.
#![allow(dead_code)]

pub mod pty;

use overture::content::Content;
use overture::core::flow::Current;
use overture::core::record::SavedData;
use overture::store::{Loaded, Store};
use overture::tui::app::App;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;

pub fn fixed_now() -> jiff::Timestamp {
    "2026-11-22T12:00:00Z".parse().expect("valid timestamp")
}

/// Opens the app over the data in `dir`, as `main` does.
pub fn open_app(dir: &Path) -> App {
    let (store, loaded) = reopen(dir);
    let data = match loaded {
        Loaded::Fresh => SavedData::default(),
        Loaded::Data(d) => d,
        Loaded::MovedAside { problem, .. } => panic!("unexpected unreadable data: {problem}"),
    };
    App::new(Content::embedded().expect("content"), data, Some(store))
        .with_clock(fixed_now)
        .with_location("Your answers are saved only on this device, in /tmp/overture-test".into())
}

/// An app that writes nothing, for render tests.
pub fn private_app() -> App {
    App::new(
        Content::embedded().expect("content"),
        SavedData::default(),
        None,
    )
    .with_clock(fixed_now)
    .with_location("Your answers are saved only on this device, in /tmp/overture-test".into())
}

/// One key press, then whatever the event loop runs after the next frame.
pub fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    app.run_pending();
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

pub fn chars(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// The id of the question on screen, if any.
pub fn current_question(app: &App) -> Option<String> {
    match app.flow.as_ref()?.current(&app.content) {
        Current::Question { question, .. } => Some(question.id.clone()),
        Current::Review | Current::Finished => None,
    }
}

/// The 0-based index of option `key` in the question on screen.
pub fn option_index(app: &App, key: &str) -> usize {
    let Some(Current::Question { question, .. }) =
        app.flow.as_ref().map(|f| f.current(&app.content))
    else {
        panic!("no question on screen");
    };
    question
        .options
        .iter()
        .position(|o| o.key == key)
        .unwrap_or_else(|| panic!("question {} has no option {key}", question.id))
}

/// The number key of option `key` in the question on screen (options 1 to 9 have one).
pub fn option_number(app: &App, key: &str) -> char {
    let index = option_index(app, key);
    assert!(index < 9, "option {key} has no number key");
    char::from_digit(u32::try_from(index + 1).expect("small"), 10).expect("1-9")
}

/// Answers the question on screen as a person would: the number key for options 1 to 9,
/// the arrow keys and Space or Enter beyond that; a multi question is then submitted.
pub fn answer(app: &mut App, keys: &[&str]) {
    let multi = matches!(
        app.flow.as_ref().map(|f| f.current(&app.content)),
        Some(Current::Question { question, .. }) if question.kind == overture::content::QuestionKind::Multi
    );
    for k in keys {
        select(app, k, multi);
    }
    if multi {
        key(app, KeyCode::Enter);
    }
}

/// Picks (or in a multi question, ticks) one option without submitting a multi question.
pub fn select(app: &mut App, k: &str, multi: bool) {
    let index = option_index(app, k);
    if index < 9 {
        let n = option_number(app, k);
        key(app, KeyCode::Char(n));
    } else {
        while app.cursor < index {
            key(app, KeyCode::Down);
        }
        while app.cursor > index {
            key(app, KeyCode::Up);
        }
        key(
            app,
            if multi {
                KeyCode::Char(' ')
            } else {
                KeyCode::Enter
            },
        );
    }
}

/// Welcome, partner word (1 = husband), pronouns as suggested.
pub fn first_run(app: &mut App) {
    key(app, KeyCode::Enter);
    key(app, KeyCode::Char('1'));
    key(app, KeyCode::Enter);
}

/// From the welcome page to the home menu, in the app as it is (stored or not, with its export
/// folder): the first run, a check-in that ends "reachable", then Enter on its result.
pub fn reach_home(app: &mut App) {
    first_run(app);
    answer_until_done(app, &answers_for("reachable"));
    key(app, KeyCode::Enter);
    assert_eq!(app.screen, overture::tui::app::Screen::Home);
}

/// Answers that lead to "reachable": everything safe, no screen-outs, a partner who names a
/// reason, no contempt, gets curious, and shame underneath.
pub fn reachable_answers() -> Vec<(&'static str, Vec<&'static str>)> {
    let mut answers: Vec<(&str, Vec<&str>)> = overture::core::triage::ABUSE_QUESTIONS
        .iter()
        .map(|q| (*q, vec!["no"]))
        .collect();
    answers.extend([
        ("self_harm", vec!["no"]),
        ("screen_affair", vec!["no"]),
        ("screen_addiction", vec!["no"]),
        ("screen_crisis", vec!["no"]),
        ("screen_gone", vec!["no"]),
        ("sig_no", vec!["reason"]),
        ("sig_contempt", vec!["never"]),
        ("sig_calm", vec!["curious"]),
        ("sig_underneath", vec!["bad_past"]),
    ]);
    answers
}

/// Answers the question on screen from `answers` by id (its first option otherwise).
pub fn answer_current(app: &mut App, answers: &[(&str, Vec<&str>)]) {
    let id = current_question(app).expect("a question is on screen");
    match answers.iter().find(|(q, _)| *q == id) {
        Some((_, keys)) => answer(app, keys),
        None => {
            let first = app.content.question(&id).expect("question").options[0]
                .key
                .clone();
            answer(app, &[&first]);
        }
    }
}

/// Answers every question as it comes up; returns the ids in the order they were asked.
pub fn answer_until_done(app: &mut App, answers: &[(&str, Vec<&str>)]) -> Vec<String> {
    let mut seen = Vec::new();
    while let Some(id) = current_question(app) {
        assert!(!seen.contains(&id), "question {id} came up twice");
        seen.push(id);
        answer_current(app, answers);
    }
    // The review of every answer comes before the result: its first entry goes on.
    if app
        .flow
        .as_ref()
        .is_some_and(overture::core::flow::Flow::is_reviewing)
    {
        assert_eq!(app.cursor, 0, "the review opens on \"See my result\"");
        key(app, KeyCode::Enter);
    }
    seen
}

/// What is saved in `dir` (the document and its log), as JSON.
pub fn saved(dir: &Path) -> serde_json::Value {
    serde_json::to_value(saved_data(dir)).expect("saved data is JSON")
}

/// What is saved in `dir`: the document with its log replayed, as Overture reads it.
pub fn saved_data(dir: &Path) -> overture::core::record::SavedData {
    overture::store::Store::read_only(dir)
        .expect("the saved answers read")
        .expect("something is saved")
}

/// A copy of what is saved in `from` (the document and its log), in the folder `to`.
pub fn copy_saved(from: &Path, to: &Path) {
    for name in [overture::store::DATA_FILE, overture::store::LOG_FILE] {
        if from.join(name).exists() {
            std::fs::copy(from.join(name), to.join(name)).expect("copy");
        }
    }
}

/// The answers that lead to each of the five outcomes: the reachable set with a few changes.
pub fn answers_for(outcome: &str) -> Vec<(&'static str, Vec<&'static str>)> {
    let changes: &[(&str, &str)] = match outcome {
        "reachable" => &[],
        "safety_first" => &[("safety_monitoring", "not_sure")],
        "not_first_step" => &[("screen_addiction", "partner")],
        "red_flag" => &[("sig_contempt", "often")],
        "not_yet_clear" => &[("sig_no", "shutdown"), ("sig_underneath", "unclear")],
        other => panic!("no such outcome: {other}"),
    };
    let mut answers = reachable_answers();
    answers.push(("reasons", vec!["bad_therapist", "fear_blamed"]));
    for (q, k) in changes {
        answers.retain(|(x, _)| x != q);
        answers.push((q, vec![k]));
    }
    answers
}

/// What a person types in plain mode to answer every question the flow asks, one line per
/// question: option numbers, several separated by ", " on a multi question. Questions not
/// in `answers` get their first option.
pub fn plain_answer_lines(answers: &[(&str, Vec<&str>)]) -> String {
    let content = Content::embedded().expect("content");
    let mut flow = overture::core::flow::Flow::new();
    let mut lines = String::new();
    while let Current::Question { question, .. } = flow.current(&content) {
        let keys: Vec<String> = answers.iter().find(|(q, _)| *q == question.id).map_or_else(
            || vec![question.options[0].key.clone()],
            |(_, k)| k.iter().map(|s| (*s).to_string()).collect(),
        );
        let numbers: Vec<String> = keys
            .iter()
            .map(|k| {
                let i = question
                    .options
                    .iter()
                    .position(|o| &o.key == k)
                    .unwrap_or_else(|| panic!("{} has no option {k}", question.id));
                (i + 1).to_string()
            })
            .collect();
        lines.push_str(&numbers.join(", "));
        lines.push('\n');
        flow.answer(&content, keys).expect("a valid answer");
    }
    if flow.is_reviewing() {
        // Enter on the review goes on to the result.
        lines.push('\n');
    }
    lines
}

/// A private app on question `id`, every question before it answered as in
/// `reachable_answers`.
pub fn at_question(id: &str) -> App {
    let mut app = private_app();
    first_run(&mut app);
    let answers = reachable_answers();
    while current_question(&app).as_deref() != Some(id) {
        answer_current(&mut app, &answers);
    }
    app
}

/// One frame of the app at `width`×`height`, as text (each row quoted, as insta shows it).
pub fn render(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("a test terminal");
    terminal
        .draw(|frame| overture::tui::view::draw(app, frame))
        .expect("a frame");
    terminal.backend().to_string()
}

/// Opens the store in `dir` that an earlier session in this test has closed. The lock is an
/// `flock`, and a pty or process another test thread is spawning at that moment briefly
/// holds a copy of every open file (between its fork and its exec); so a `Locked` here is
/// waited out for up to 5 s before it counts. Tests of the lock itself call `Store::open`.
pub fn reopen(dir: &Path) -> (overture::store::Store, Loaded) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match Store::open(dir) {
            Err(overture::store::StoreError::Locked { .. })
                if std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            opened => return opened.expect("store opens"),
        }
    }
}

/// From a rehearsal step, writes "A line of mine." in it and each of the next `lines - 1`
/// boxes, then picks the fourth reply, goes past its outcome and the readiness rulers: the
/// script page.
pub fn finish_rehearsal(app: &mut App, lines: usize) {
    for _ in 0..lines {
        chars(app, "A line of mine.");
        key(app, KeyCode::Tab);
    }
    key(app, KeyCode::Char('4'));
    key(app, KeyCode::Enter);
    key(app, KeyCode::Enter);
    key(app, KeyCode::Tab);
}
