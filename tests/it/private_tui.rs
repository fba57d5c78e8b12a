//! A `--private` session (no store) never claims that answers are saved.

use crate::common;

use common::*;
use overture::tui::app::App;

fn screen(app: &mut App) -> String {
    let text = render(app, 80, 24);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn leaving_a_private_session_says_nothing_was_kept() {
    let mut app = private_app();
    first_run(&mut app);
    ctrl(&mut app, 'c');
    let text = screen(&mut app);
    assert!(
        text.contains("This private session writes nothing"),
        "{text}"
    );
    assert!(!text.contains("Everything you answered is saved"), "{text}");

    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    ctrl(&mut app, 'c');
    assert!(screen(&mut app).contains("Everything you answered is saved"));
}
