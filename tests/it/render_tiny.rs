//! Below the smallest size Overture works at (40x12) every screen says so in one clear
//! message instead of drawing a broken layout. Snapshots at 20x5.

use crate::common;

use common::*;
use overture::tui::app::App;
use ratatui::crossterm::event::KeyCode;

fn snap(name: &str, mut app: App) {
    let screen = render(&mut app, 20, 5);
    assert!(screen.contains("Make the window"), "{name}:\n{screen}");
    insta::assert_snapshot!(format!("{name}_20x5"), screen);
}

#[test]
fn every_screen_at_20x5() {
    snap("welcome", private_app());

    let mut app = private_app();
    key(&mut app, KeyCode::Enter);
    snap("partner", app);

    let mut app = private_app();
    first_run(&mut app);
    snap("question", app);

    let mut app = private_app();
    first_run(&mut app);
    key(&mut app, KeyCode::Char('?'));
    snap("help", app);

    let mut app = private_app();
    ctrl(&mut app, 'g');
    snap("crisis", app);

    let mut app = private_app();
    first_run(&mut app);
    answer_until_done(&mut app, &reachable_answers());
    snap("result", app);
}

#[test]
fn the_message_fits_at_20x5_and_keeps_the_quick_exit() {
    let mut app = private_app();
    let screen = render(&mut app, 20, 5);
    let text: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Ctrl-Q"), "{screen}");
}

#[test]
fn keys_still_work_while_the_window_is_too_small() {
    // A person may shrink the window mid-answer: the app keeps going, and is whole again
    // at a workable size.
    let mut app = private_app();
    first_run(&mut app);
    render(&mut app, 20, 5);
    let n = option_number(&app, "no");
    key(&mut app, KeyCode::Char(n));
    assert_eq!(current_question(&app).as_deref(), Some("safety_sexual"));
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Safety check · 2 of 9"), "{screen}");
}
