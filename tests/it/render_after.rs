//! Snapshots of the "after the ask" screens at 80x24 and 40x12: the history, a comparison,
//! the timeline and the review, and the log, plan, doors and solo screens around them.

use crate::common;

use common::*;
use overture::core::record::{AskAnswer, Timeline};
use overture::core::session::HomeItem;
use overture::tui::app::{App, Screen};
use ratatui::crossterm::event::KeyCode;

fn snap(name: &str, mut make: impl FnMut() -> App) {
    for (w, h) in [(80, 24), (40, 12)] {
        let mut app = make();
        let screen = render(&mut app, w, h);
        assert!(
            !screen.contains('{'),
            "{name} {w}x{h}: a placeholder was left:\n{screen}"
        );
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
    }
}

/// A finished check-in for `outcome`, back on the home screen.
fn home_after(outcome: &str) -> App {
    let mut app = private_app();
    first_run(&mut app);
    answer_until_done(&mut app, &answers_for(outcome));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
    app
}

fn open(app: &mut App, item: HomeItem) {
    let at = app
        .home_items()
        .iter()
        .position(|i| *i == item)
        .unwrap_or_else(|| panic!("{item:?} is on the home menu"));
    app.cursor = at;
    key(app, KeyCode::Enter);
}

/// Logs an ask from the home screen: door and answer by number, no note.
fn log_ask(app: &mut App, door: char, answer: AskAnswer) {
    open(app, HomeItem::LogAsk);
    key(app, KeyCode::Char(door));
    let n = overture::core::asklog::ASK_ANSWERS
        .iter()
        .position(|(a, _)| *a == answer)
        .unwrap();
    key(
        app,
        KeyCode::Char(char::from(b'1' + u8::try_from(n).unwrap())),
    );
    key(app, KeyCode::Tab);
}

fn with_window(app: &mut App, days_ago: i64, days: u32) {
    let today = overture::pages::text::local_date(fixed_now());
    app.data.timeline = Some(Timeline {
        started_on: today.checked_sub(jiff::Span::new().days(days_ago)).unwrap(),
        days,
    });
}

#[test]
fn log_an_ask() {
    snap("log_door", || {
        let mut app = home_after("reachable");
        open(&mut app, HomeItem::LogAsk);
        app
    });
    snap("log_answer", || {
        let mut app = home_after("reachable");
        open(&mut app, HomeItem::LogAsk);
        key(&mut app, KeyCode::Char('2'));
        app
    });
    snap("logged_threat", || {
        let mut app = home_after("reachable");
        log_ask(&mut app, '1', AskAnswer::Threat);
        app
    });
    snap("logged_third_no", || {
        let mut app = home_after("reachable");
        for answer in [AskAnswer::NoWithReason, AskAnswer::NoWithoutReason] {
            log_ask(&mut app, '1', answer);
            key(&mut app, KeyCode::Esc);
        }
        log_ask(&mut app, '1', AskAnswer::WalkedAway);
        app
    });
}

#[test]
fn the_plan_for_repeated_no() {
    let three_noes = |outcome: &str| {
        let mut app = home_after(outcome);
        for _ in 0..3 {
            log_ask(&mut app, '1', AskAnswer::NoWithoutReason);
            key(&mut app, KeyCode::Esc);
        }
        open(&mut app, HomeItem::RepeatedNo);
        app
    };
    snap("plan_reachable", || three_noes("reachable"));
    snap("plan_red_flag", || three_noes("red_flag"));
}

/// The checker quoting a whole long sentence on a narrow screen: the quote gets lines of its
/// own and the advice stays readable, not a column one letter wide.
#[test]
fn a_long_quoted_phrase_leaves_the_advice_readable_in_a_narrow_window() {
    let app = home_after("reachable");
    let text = "If you don't come to counselling with me before the end of March then I am going to pack my bags and leave you for good.";
    let doc = overture::tui::screens::rehearse::findings_doc(
        &app,
        text,
        overture::pages::rehearse::Draft::Invitation,
        48,
    );
    let lines: Vec<String> = doc
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    assert!(lines.len() < 30, "{} lines: {lines:#?}", lines.len());
    let all = lines.join(" ");
    assert!(all.contains("Sounds like an ultimatum"), "{lines:#?}");
    for line in &lines {
        assert!(line.chars().count() <= 48, "{line:?}");
    }
}

/// A boundary written in a private session is not called saved.
#[test]
fn a_boundary_in_a_private_session_is_not_called_saved() {
    let mut app = home_after("reachable");
    assert!(app.store().is_none(), "a private session");
    for _ in 0..3 {
        log_ask(&mut app, '1', AskAnswer::NoWithoutReason);
        key(&mut app, KeyCode::Esc);
    }
    open(&mut app, HomeItem::RepeatedNo);
    key(&mut app, KeyCode::Char('e'));
    chars(&mut app, "I'm going to start seeing a counselor on my own.");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.data.boundaries.len(), 1);
    let status = format!("{:?}", app.status);
    assert!(
        status.contains("a private session saves nothing"),
        "{status}"
    );
    assert!(!status.contains("is saved"), "{status}");
    // Writing again goes on from the end of what was there.
    key(&mut app, KeyCode::Char('e'));
    chars(&mut app, " Every week.");
    key(&mut app, KeyCode::Tab);
    assert_eq!(
        app.data.boundaries.last().map(|b| b.text.as_str()),
        Some("I'm going to start seeing a counselor on my own. Every week.")
    );
}

/// "Since last time": a signal that moved toward the red flag comes first and says so; the
/// last ask follows.
#[test]
fn home_since_last_time() {
    snap("home_since_last_time", || {
        let mut app = home_after("reachable");
        log_ask(&mut app, '1', AskAnswer::AskedQuestion);
        key(&mut app, KeyCode::Esc);
        let mut later = app.data.assessments[0].clone();
        later.id = "a2".to_string();
        later.answers.set_one("sig_contempt", "often");
        app.data.assessments.push(later);
        app
    });
}

#[test]
fn timeline_and_review() {
    snap("timeline_choose", || {
        let mut app = home_after("reachable");
        open(&mut app, HomeItem::Timeline);
        app
    });
    snap("home_day_23", || {
        let mut app = home_after("reachable");
        with_window(&mut app, 22, 90);
        app
    });
    snap("timeline_day_23", || {
        let mut app = home_after("reachable");
        with_window(&mut app, 22, 90);
        open(&mut app, HomeItem::Timeline);
        app
    });
    snap("home_review_due", || {
        let mut app = home_after("reachable");
        with_window(&mut app, 95, 90);
        app
    });
    snap("review_question", || {
        let mut app = home_after("reachable");
        with_window(&mut app, 95, 90);
        open(&mut app, HomeItem::Timeline);
        key(&mut app, KeyCode::Enter);
        app
    });
    snap("review_flat", || {
        let mut app = home_after("reachable");
        with_window(&mut app, 95, 90);
        open(&mut app, HomeItem::Timeline);
        key(&mut app, KeyCode::Enter);
        for _ in 0..app.content.after.timeline.movement.len() {
            key(&mut app, KeyCode::Char('3'));
        }
        app
    });
}

#[test]
fn doors_and_solo() {
    snap("doors_reachable", || {
        let mut app = home_after("reachable");
        open(&mut app, HomeItem::Doors);
        app
    });
    // No door of any kind is offered where there are signs of danger: not even on the menu.
    for outcome in ["safety_first", "red_flag", "not_first_step"] {
        let app = home_after(outcome);
        assert!(!app.home_items().contains(&HomeItem::Doors), "{outcome}");
    }
    snap("door_first_listed", || {
        let mut app = home_after("reachable");
        open(&mut app, HomeItem::Doors);
        key(&mut app, KeyCode::Char('1'));
        app
    });
    snap("solo", || {
        let mut app = home_after("reachable");
        open(&mut app, HomeItem::Solo);
        app
    });
}

#[test]
fn history_and_compare() {
    let two_checkins = || {
        let mut app = home_after("reachable");
        log_ask(&mut app, '2', AskAnswer::Maybe);
        key(&mut app, KeyCode::Esc);
        open(&mut app, HomeItem::Retake);
        answer_until_done(&mut app, &answers_for("red_flag"));
        key(&mut app, KeyCode::Esc);
        open(&mut app, HomeItem::History);
        app
    };
    snap("history", two_checkins);
    snap("compare", || {
        let mut app = two_checkins();
        key(&mut app, KeyCode::Char('c'));
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Char('c'));
        app
    });
    snap("confirm_delete_all", || {
        let mut app = two_checkins();
        key(&mut app, KeyCode::Char('D'));
        app
    });
}

/// Deleting a logged threat closes the doors with the real reason, and the rehearsal asks the
/// safety questions again saying why; once they find no danger, the doors are back.
#[test]
fn deleting_a_logged_threat_asks_the_safety_questions_again_and_says_why() {
    // A clock that moves a second per reading, so that the re-check comes after the delete.
    fn ticking() -> jiff::Timestamp {
        static TICKS: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
        let tick = TICKS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        fixed_now()
            .checked_add(jiff::Span::new().seconds(tick))
            .unwrap()
    }
    let mut app = home_after("reachable").with_clock(ticking);
    log_ask(&mut app, '2', AskAnswer::Threat);
    key(&mut app, KeyCode::Esc);
    open(&mut app, HomeItem::History);
    // The test clock gives both the same time: find the ask's row.
    app.cursor = overture::core::history::list(&app.data)
        .iter()
        .position(|s| s.kind == overture::core::history::Kind::Ask)
        .unwrap();
    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Char('y'));
    assert!(app.data.asks.is_empty() && app.data.assessments.len() == 1);
    key(&mut app, KeyCode::Esc);
    // Until the safety questions are answered again, no door is offered, and home says why.
    assert!(!app.home_items().contains(&HomeItem::Doors));
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("deleted an entry"), "{screen}");
    open(&mut app, HomeItem::Rehearse);
    match &app.status {
        Some(overture::tui::app::Status::Info(text)) => {
            assert!(text.starts_with("You deleted an entry"), "{text}");
        }
        other => panic!("the re-check says why it is asked: {other:?}"),
    }
    // "No" to every safety question.
    while current_question(&app).is_some() {
        let no = option_number(&app, "no");
        key(&mut app, KeyCode::Char(no));
    }
    while app.screen != overture::tui::app::Screen::Home {
        key(&mut app, KeyCode::Esc);
    }
    open(&mut app, HomeItem::Doors);
    let screen = render(&mut app, 80, 24);
    assert!(!screen.contains("No doors are shown"), "{screen}");
}

/// Years of history: the heading stays in view on the first page, and the focus stays on
/// screen far down the list.
#[test]
fn a_long_history_keeps_its_heading_and_its_focus_in_view() {
    let content = overture::content::Content::embedded().unwrap();
    let data = overture::sample::long_history(&content, 300);
    let mut app = App::new(content, data, None).with_clock(fixed_now);
    open(&mut app, HomeItem::History);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("300 saved, newest first"), "{screen}");
    assert!(screen.contains("> 1."), "{screen}");
    for _ in 0..150 {
        key(&mut app, KeyCode::Down);
    }
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("> 151."), "{screen}");
    assert!(
        screen.contains("150."),
        "the rows just above the focus are shown: {screen}"
    );
}

/// A review half answered is not saved until its last question: q and Ctrl-C say so first.
#[test]
fn leaving_a_half_answered_review_asks_first_and_says_what_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    reach_home(&mut app);
    with_window(&mut app, 95, 90);
    open(&mut app, HomeItem::Timeline);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('q'));
    assert_eq!(
        app.exit, None,
        "q dropped a half-answered review without a word"
    );
    assert_eq!(app.overlay, Some(overture::tui::app::Overlay::ConfirmQuit));
    assert!(render(&mut app, 80, 24).contains("drops the answers so far"));
}
