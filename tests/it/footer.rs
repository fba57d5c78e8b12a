//! Keys that never lie: every key the footer shows, in every context, does something the user
//! can see there (the screen changes, or the app ends). "That key does nothing here" is not an
//! effect.

use crate::common::{
    answer_until_done, answers_for, at_question, chars, ctrl, finish_rehearsal, first_run, key,
    private_app, render,
};
use overture::core::record::AskAnswer;
use overture::core::{asklog, session::HomeItem};
use overture::tui::app::App;
use overture::tui::keymap::{self, Context, Key};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Small, so that every page to read has more below.
fn screen(app: &mut App) -> String {
    render(app, 50, 12)
}

fn home(outcome: &str) -> App {
    let mut app = private_app();
    first_run(&mut app);
    answer_until_done(&mut app, &answers_for(outcome));
    key(&mut app, KeyCode::Esc);
    app
}

fn open(app: &mut App, item: HomeItem) {
    key(app, KeyCode::Char(item.key()));
}

/// A named way to reach a state.
type State = (&'static str, Box<dyn Fn() -> App>);

/// One state for each context, reached as a person would.
#[allow(clippy::too_many_lines)] // one list: a state per context
fn states() -> Vec<State> {
    vec![
        ("welcome", Box::new(private_app)),
        ("home menu", Box::new(|| home("reachable"))),
        (
            "a list",
            Box::new(|| {
                let mut app = home("reachable");
                open(&mut app, HomeItem::LogAsk);
                app
            }),
        ),
        (
            "a question with several answers",
            Box::new(|| at_question("reasons")),
        ),
        ("a question", Box::new(|| at_question("sig_contempt"))),
        (
            "typing a word",
            Box::new(|| {
                let mut app = private_app();
                key(&mut app, KeyCode::Enter);
                key(&mut app, KeyCode::Char('6'));
                chars(&mut app, "fiance");
                app
            }),
        ),
        (
            "the result",
            Box::new(|| {
                let mut app = home("reachable");
                open(&mut app, HomeItem::LatestResult);
                app
            }),
        ),
        (
            "confirming",
            Box::new(|| {
                let mut app = home("reachable");
                ctrl(&mut app, 'c');
                app
            }),
        ),
        (
            "a note after an ask",
            Box::new(|| {
                let mut app = home("reachable");
                open(&mut app, HomeItem::LogAsk);
                key(&mut app, KeyCode::Char('2'));
                key(&mut app, KeyCode::Char('4'));
                chars(&mut app, "He said after the holidays");
                app
            }),
        ),
        (
            "a rehearsal step",
            Box::new(|| {
                let mut app = home("reachable");
                open(&mut app, HomeItem::Rehearse);
                key(&mut app, KeyCode::Enter);
                key(&mut app, KeyCode::Tab);
                key(&mut app, KeyCode::Tab);
                chars(&mut app, "I miss us");
                app
            }),
        ),
        (
            "the rulers",
            Box::new(|| {
                let mut app = home("reachable");
                open(&mut app, HomeItem::Rehearse);
                app
            }),
        ),
        (
            "the script",
            Box::new(|| {
                let mut app = home("reachable");
                open(&mut app, HomeItem::Rehearse);
                key(&mut app, KeyCode::Enter);
                finish_rehearsal(&mut app, 9);
                app
            }),
        ),
        (
            "the plan for repeated no",
            Box::new(|| {
                let mut app = home("reachable");
                let at = crate::common::fixed_now();
                for _ in 0..3 {
                    asklog::log(&mut app.data, at, "coach", AskAnswer::NoWithoutReason, "");
                }
                open(&mut app, HomeItem::RepeatedNo);
                app
            }),
        ),
        (
            "saved answers",
            Box::new(|| {
                let mut app = home("reachable");
                open(&mut app, HomeItem::History);
                app
            }),
        ),
    ]
}

/// A key event for the first key of a binding.
fn event(keys: &[Key], context: Context) -> KeyEvent {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    match keys[0] {
        Key::Char(c) => plain(KeyCode::Char(c)),
        Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
        Key::Code(code) if code == KeyCode::BackTab => KeyEvent::new(code, KeyModifiers::SHIFT),
        Key::Code(code) => plain(code),
        Key::Digit => plain(KeyCode::Char('2')),
        Key::AnyDigit => plain(KeyCode::Char('3')),
        Key::Letter if context == Context::Menu => {
            plain(KeyCode::Char(HomeItem::LatestResult.key()))
        }
        Key::Letter => plain(KeyCode::Char('a')),
    }
}

#[test]
fn every_key_the_footer_shows_does_something_there() {
    let mut checked = Vec::new();
    let mut lies = Vec::new();
    for (name, make) in states() {
        let mut probe = make();
        let context = probe.context();
        // What the footer shows: the bindings it draws from, in footer order.
        let shown: Vec<_> = keymap::bindings(context)
            .into_iter()
            .filter(|b| b.in_footer && !b.shown.is_empty())
            .collect();
        let footer = screen(&mut probe);
        for b in shown {
            if !footer.contains(b.shown) {
                continue; // cut off at this width
            }
            let mut app = make();
            // Keys that go up or back a page need somewhere to come from.
            screen(&mut app); // as on screen: the page's length is known once drawn
            if matches!(b.shown, "↑/k" | "PgUp/b" | "Home/g") {
                app.handle_key(KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
                app.handle_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
            }
            let before = screen(&mut app);
            app.handle_key(event(b.keys, context));
            app.run_pending();
            let after = screen(&mut app);
            let nothing = format!("{:?}", app.status).contains("does nothing");
            if app.exit.is_none() && (after == before || nothing) {
                lies.push(format!("{name}: {} ({})", b.shown, b.hint));
            }
            checked.push(format!("{name}: {}", b.shown));
        }
    }
    eprintln!("{} footer keys checked", checked.len());
    assert!(
        lies.is_empty(),
        "footer keys that do nothing:\n{}",
        lies.join("\n")
    );
    assert!(checked.len() > 40, "{checked:?}");
}

/// Each home entry has a letter no other entry shown with it has, on every path, and the
/// letter opens the same page as moving to the entry and pressing Enter.
#[test]
fn each_home_entry_keeps_its_own_letter_on_every_path() {
    for outcome in [
        "reachable",
        "not_yet_clear",
        "red_flag",
        "not_first_step",
        "safety_first",
    ] {
        let items = home(outcome).home_items();
        let mut letters: Vec<char> = items.iter().map(|i| i.key()).collect();
        letters.sort_unstable();
        letters.dedup();
        assert_eq!(
            letters.len(),
            items.len(),
            "{outcome}: two entries share a letter"
        );
        for (index, item) in items.into_iter().enumerate() {
            let mut by_letter = home(outcome);
            key(&mut by_letter, KeyCode::Char(item.key()));
            let mut by_enter = home(outcome);
            by_enter.cursor = index;
            key(&mut by_enter, KeyCode::Enter);
            assert_eq!(
                by_letter.page_id(),
                by_enter.page_id(),
                "{outcome}: {item:?}"
            );
        }
    }
}
