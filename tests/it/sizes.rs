//! The pages people read first and longest, at the three sizes people use: the welcome, the
//! result (its top and its end), the draft checker with five concerns, and help.

use crate::common::{answer_until_done, answers_for, chars, first_run, key, private_app, render};
use overture::core::session::HomeItem;
use overture::tui::app::App;
use ratatui::crossterm::event::KeyCode;

const SIZES: [(u16, u16); 3] = [(100, 30), (80, 24), (60, 20)];

fn snap(name: &str, make: impl Fn() -> App) {
    snap_after(name, make, &[]);
}

/// Draws, presses keys, and draws again (keys that scroll need the page's length). The page
/// is drawn once before any key, as on screen.
fn snap_after(name: &str, make: impl Fn() -> App, keys: &[KeyCode]) {
    for (w, h) in SIZES {
        let mut app = make();
        let mut screen = render(&mut app, w, h);
        for &code in keys {
            key(&mut app, code);
            screen = render(&mut app, w, h);
        }
        assert!(
            !screen.contains('{'),
            "{name} {w}x{h}: a placeholder:\n{screen}"
        );
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
    }
}

fn result() -> App {
    let mut app = private_app();
    first_run(&mut app);
    answer_until_done(&mut app, &answers_for("reachable"));
    app
}

/// A rehearsal step with words that raise five of the checker's concerns.
const FIVE: &str = "You always ignore me and it is all your fault. You are a narcissist. Either you come to therapy or I am leaving, you idiot.";

fn checker() -> App {
    let mut app = result();
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char(HomeItem::Rehearse.key()));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    chars(&mut app, FIVE);
    app
}

#[test]
fn the_checker_example_raises_five_concerns() {
    let review = overture::core::draft::review(FIVE);
    let mut concerns: Vec<_> = review.findings.iter().map(|f| f.concern).collect();
    concerns.dedup();
    concerns.sort_by_key(|c| c.id());
    concerns.dedup();
    assert!(concerns.len() >= 5, "{concerns:?}");
}

#[test]
fn welcome_result_checker_and_help_at_three_sizes() {
    snap("welcome", private_app);
    snap("result_top", result);
    snap_after("result_end", result, &[KeyCode::End]);
    snap("checker_five_concerns", checker);
    snap_after("help_on_result", result, &[KeyCode::Char('?')]);
}

#[test]
fn advice_cut_off_under_the_box_is_one_key_away_and_scrolls() {
    let mut app = checker();
    let small = render(&mut app, 80, 24);
    assert!(
        small.contains("F2 shows all the advice"),
        "the cut panel says how to read the rest:\n{small}"
    );
    // The step's own question stays in sight above the box.
    assert!(
        small.contains("How will you ask for the time to talk?"),
        "{small}"
    );
    assert!(!small.contains("Name-calling"), "{small}");
    // A narrow window keeps the key whole rather than half the sentence.
    let narrow = render(&mut checker(), 40, 14);
    assert!(narrow.contains("more: F2 shows all"), "{narrow}");
    assert!(!narrow.contains("the advi"), "{narrow}");

    key(&mut app, KeyCode::F(2));
    let mut seen = render(&mut app, 80, 24);
    assert!(seen.contains("What the checker found"), "{seen}");
    // The overlay scrolls to its end and says so; every concern is on one of its pages.
    key(&mut app, KeyCode::End);
    let end = render(&mut app, 80, 24);
    assert!(end.contains("end \u{b7}"), "{end}");
    seen.push_str(&end);
    for title in ["Name-calling", "Sounds like an ultimatum", "Blame"] {
        assert!(
            seen.contains(title),
            "{title} missing from the advice:\n{seen}"
        );
    }
    // Esc closes it, and what was written is still there.
    key(&mut app, KeyCode::Esc);
    let back = render(&mut app, 80, 24);
    assert!(
        back.contains("Your words") && back.contains("narcissist"),
        "{back}"
    );
}

#[test]
fn a_long_help_page_says_where_the_reader_is() {
    let mut app = result();
    key(&mut app, KeyCode::Char('?'));
    let top = render(&mut app, 60, 20);
    assert!(top.contains("more below"), "{top}");
    key(&mut app, KeyCode::End);
    let end = render(&mut app, 60, 20);
    assert!(end.contains("end \u{b7}"), "{end}");
}
