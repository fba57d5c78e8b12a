//! The review at the end of a check-in: every answer, one to change, then the result. It
//! never stands between a safety answer and the help lines.

use crate::common;

use common::*;
use overture::core::flow::Flow;
use overture::core::place::PageId;
use overture::tui::app::{App, Screen};
use ratatui::crossterm::event::KeyCode;

fn reviewing(app: &App) -> bool {
    app.flow.as_ref().is_some_and(Flow::is_reviewing)
}

/// Answers every question without going on from the review.
fn answer_all(app: &mut App, answers: &[(&str, Vec<&str>)]) {
    while current_question(app).is_some() {
        answer_current(app, answers);
    }
}

/// Walks the review's cursor down to question `id`'s entry, as a person would, and opens it.
fn open_in_review(app: &mut App, id: &str) {
    let index = app
        .flow
        .as_ref()
        .unwrap()
        .answered(&app.content)
        .iter()
        .position(|q| q.id == id)
        .unwrap()
        + 1;
    while app.cursor < index {
        key(app, KeyCode::Down);
    }
    key(app, KeyCode::Enter);
}

/// The review's entries as shown, "Contempt: Never" and so on.
fn entries(app: &mut App) -> String {
    render(app, 100, 60)
}

#[test]
fn a_whole_check_in_ends_on_the_review_and_enter_gives_the_result() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    answer_all(&mut app, &reachable_answers());
    assert!(reviewing(&app), "the last answer opens the review");
    assert_eq!(app.page_id(), PageId::CheckinReview);
    let screen = entries(&mut app);
    assert!(screen.contains("1. See my result"), "{screen}");
    assert!(screen.contains("Contempt: Never"), "{screen}");
    assert!(screen.contains("Physical harm: No"), "{screen}");
    // Nothing is decided yet: the draft keeps the place.
    let data = saved(dir.path());
    assert_eq!(data["draft"]["current"], "review");
    assert!(data["assessments"].as_array().is_none_or(Vec::is_empty));

    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Result(0));
    assert_eq!(saved(dir.path())["assessments"][0]["outcome"], "reachable");
}

#[test]
fn a_check_in_a_screen_out_decides_says_why_it_stopped_early() {
    let mut app = private_app();
    first_run(&mut app);
    let mut answers = reachable_answers();
    answers.retain(|(q, _)| *q != "screen_affair");
    answers.push(("screen_affair", vec!["partner"]));
    answer_all(&mut app, &answers);
    assert!(reviewing(&app));
    let screen = entries(&mut app);
    assert!(
        screen.contains("stopped after part 3 of 6"),
        "the last header said part 3 of 6: {screen}"
    );
    // A whole check-in says nothing of the kind.
    let mut app = private_app();
    first_run(&mut app);
    answer_all(&mut app, &reachable_answers());
    assert!(reviewing(&app));
    assert!(!entries(&mut app).contains("stopped after"));
}

#[test]
fn a_safety_answer_goes_straight_to_the_result_without_a_review() {
    for question in overture::core::triage::ABUSE_QUESTIONS
        .iter()
        .copied()
        .chain(["self_harm"])
    {
        let mut app = private_app();
        first_run(&mut app);
        let mut answers = reachable_answers();
        answers.retain(|(q, _)| *q != question);
        answers.push((question, vec!["yes"]));
        answer_all(&mut app, &answers);
        assert!(!reviewing(&app), "{question}: no review before safety help");
        assert!(
            matches!(app.screen, Screen::Result(_)),
            "{question}: the result comes at once, not {:?}",
            app.screen
        );
    }
}

#[test]
fn changing_one_answer_from_the_review_returns_to_it_with_the_new_answer() {
    let mut app = private_app();
    first_run(&mut app);
    answer_all(&mut app, &reachable_answers());
    let before = entries(&mut app);
    assert!(before.contains("Contempt: Never"), "{before}");
    open_in_review(&mut app, "sig_contempt");
    assert_eq!(current_question(&app).as_deref(), Some("sig_contempt"));
    answer(&mut app, &["often"]);
    // The questions after it keep their answers: straight back to the review.
    assert!(reviewing(&app));
    let after = entries(&mut app);
    assert!(after.contains("Contempt: Often"), "{after}");
    key(&mut app, KeyCode::Enter);
    let Screen::Result(i) = app.screen else {
        panic!("expected the result, got {:?}", app.screen);
    };
    assert_eq!(
        app.data.assessments[i].answers.single("sig_contempt"),
        Some("often")
    );
}

#[test]
fn a_change_that_opens_new_questions_asks_them_before_the_review() {
    // An addiction of the user's own ends the signals early; changing it to "no" opens the
    // rest of the path, which is asked before the review comes back.
    let mut app = private_app();
    first_run(&mut app);
    let mut answers = reachable_answers();
    answers.retain(|(q, _)| *q != "screen_addiction");
    answers.push(("screen_addiction", vec!["mine"]));
    answer_all(&mut app, &answers);
    assert!(reviewing(&app));
    let short = entries(&mut app);
    assert!(!short.contains("Reasons given"), "{short}");

    open_in_review(&mut app, "screen_addiction");
    answer(&mut app, &["no"]);
    assert!(
        current_question(&app).is_some(),
        "the longer path needs answers first"
    );
    answer_all(&mut app, &reachable_answers());
    assert!(reviewing(&app));
    assert!(entries(&mut app).contains("Reasons given"));
}

#[test]
fn changing_a_safety_answer_from_the_review_ends_at_the_safety_result() {
    let mut app = private_app();
    first_run(&mut app);
    answer_all(&mut app, &reachable_answers());
    key(&mut app, KeyCode::Char('2')); // "Physical harm: No"
    assert_eq!(current_question(&app).as_deref(), Some("safety_physical"));
    answer(&mut app, &["yes"]);
    // The rest of the safety check is still asked; then the result, no review.
    answer_all(&mut app, &reachable_answers());
    assert!(!reviewing(&app));
    let Screen::Result(i) = app.screen else {
        panic!("expected the result, got {:?}", app.screen);
    };
    assert_eq!(
        app.data.assessments[i].outcome,
        overture::core::triage::OutcomeKind::SafetyFirst
    );
}

#[test]
fn leaving_on_the_review_and_coming_back_returns_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    answer_all(&mut app, &reachable_answers());
    assert!(reviewing(&app));
    drop(app);
    let mut app = open_app(dir.path());
    let home = render(&mut app, 100, 30);
    assert!(
        home.contains("ready to look over before the result"),
        "{home}"
    );
    key(&mut app, KeyCode::Char('c'));
    assert!(reviewing(&app), "Continue opens the review again");
    // Esc goes back to the last question asked, its answer kept.
    key(&mut app, KeyCode::Esc);
    assert_eq!(current_question(&app).as_deref(), Some("heat"));
}
