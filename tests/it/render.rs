//! Snapshots of every screen at 80x24 and at 40x12, plus the too-small message.

use crate::common;

use common::*;
use overture::tui::app::App;
use ratatui::crossterm::event::KeyCode;

/// Snapshots one state at both sizes.
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

fn result_for(changes: &[(&'static str, &'static str)]) -> App {
    let mut app = private_app();
    first_run(&mut app);
    let mut answers = reachable_answers();
    for (q, k) in changes {
        answers.retain(|(x, _)| x != q);
        answers.push((q, vec![k]));
    }
    answer_until_done(&mut app, &answers);
    app
}

#[test]
fn welcome() {
    snap("welcome", private_app);
}

#[test]
fn partner_and_pronouns() {
    snap("partner", || {
        let mut app = private_app();
        key(&mut app, KeyCode::Enter);
        app
    });
    snap("partner_own_word", || {
        let mut app = private_app();
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Char('6'));
        chars(&mut app, "fiancée");
        app
    });
    snap("pronouns", || {
        let mut app = private_app();
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Char('2'));
        app
    });
}

#[test]
fn questions() {
    snap("question_first_safety", || {
        let mut app = private_app();
        first_run(&mut app);
        app
    });
    snap("question_self_harm", || at_question("self_harm"));
    snap("question_contempt", || at_question("sig_contempt"));
    snap("question_reasons_multi", || {
        let mut app = at_question("reasons");
        key(&mut app, KeyCode::Char('2'));
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Down);
        app
    });
}

#[test]
fn home_with_a_draft() {
    snap("home_with_draft", || {
        let mut app = at_question("screen_affair");
        key(&mut app, KeyCode::Esc);
        while app.screen != overture::tui::app::Screen::Home {
            key(&mut app, KeyCode::Esc);
        }
        app
    });
}

#[test]
fn results_for_each_outcome() {
    snap("result_reachable", || result_for(&[]));
    snap("result_safety_first", || {
        result_for(&[("safety_monitoring", "not_sure")])
    });
    snap("result_self_harm", || result_for(&[("self_harm", "yes")]));
    snap("result_not_first_step", || {
        result_for(&[("screen_addiction", "partner")])
    });
    snap("result_red_flag", || {
        result_for(&[("sig_contempt", "often")])
    });
    snap("result_not_yet_clear", || {
        result_for(&[("sig_no", "shutdown"), ("sig_underneath", "unclear")])
    });
    snap("result_scrolled", || {
        let mut app = result_for(&[]);
        // Draw once so the app knows the page size, then page down.
        render(&mut app, 80, 24);
        key(&mut app, KeyCode::PageDown);
        app
    });
}

/// At the smallest size the chosen country's first line starts one page below what to do in
/// danger, and its number is on the next: which countries are covered, and how numbers were
/// checked, come after the country's lines (they took four more pages before).
#[test]
fn the_first_number_is_one_page_away_at_the_smallest_size() {
    let mut app = private_app();
    app.data.settings.country = Some("us".to_string());
    ctrl(&mut app, 'g');
    let first = render(&mut app, 40, 12);
    assert!(first.contains("call"), "{first}");
    key(&mut app, KeyCode::PageDown);
    let next = render(&mut app, 40, 12);
    assert!(
        next.contains("United States") && next.contains("Emergency services"),
        "{next}"
    );
    key(&mut app, KeyCode::PageDown);
    let number = render(&mut app, 40, 12);
    assert!(number.contains("Call 911"), "{number}");
}

#[test]
fn overlays() {
    snap("help_on_question", || {
        let mut app = private_app();
        first_run(&mut app);
        key(&mut app, KeyCode::Char('?'));
        app
    });
    snap("crisis_lines", || {
        let mut app = private_app();
        ctrl(&mut app, 'g');
        app
    });
    snap("confirm_restart", || {
        let mut app = at_question("safety_sexual");
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Esc);
        // Home: Continue, Start, ...: choose Start with a draft in progress.
        key(
            &mut app,
            KeyCode::Char(overture::tui::app::HomeItem::Start.key()),
        );
        app
    });
}

#[test]
fn too_small_says_so_in_one_line() {
    let mut app = private_app();
    let screen = render(&mut app, 30, 8);
    assert!(screen.contains("Make the window"), "{screen}");
    insta::assert_snapshot!("too_small_30x8", screen);
}

fn rehearsal_at(stage_steps: usize) -> App {
    let mut app = result_for(&[]);
    key(&mut app, KeyCode::Esc);
    key(
        &mut app,
        KeyCode::Char(overture::tui::app::HomeItem::Rehearse.key()),
    );
    if stage_steps > 0 {
        key(&mut app, KeyCode::Enter);
    }
    for _ in 1..stage_steps {
        key(&mut app, KeyCode::Tab);
    }
    app
}

#[test]
fn rehearsal_screens() {
    snap("rehearsal_rulers", || rehearsal_at(0));
    snap("rehearsal_note", || rehearsal_at(1));
    for step in 0..8 {
        snap(&format!("rehearsal_step_{}", step + 1), || {
            rehearsal_at(step + 2)
        });
    }
    snap("rehearsal_replies", || rehearsal_at(10));
}

#[test]
fn rehearsal_checker_findings() {
    snap("rehearsal_findings", || {
        let mut app = rehearsal_at(4);
        chars(
            &mut app,
            "You never listen to me. We go to counseling or I'm done.",
        );
        app
    });
    snap("rehearsal_no_findings", || {
        let mut app = rehearsal_at(4);
        chars(
            &mut app,
            "I miss us, and I'd like us to get some help together.",
        );
        app
    });
}

#[test]
fn rehearsal_reply_outcomes_and_script() {
    // For mockery and a threat: the question whether it has happened, the outcome when it
    // has, and the outcome when it is only pictured.
    for (reply, then, name) in [
        ("fine", None, "fine"),
        ("mockery", None, "mockery_check"),
        ("mockery", Some('1'), "mockery"),
        ("mockery", Some('2'), "mockery_pictured"),
        ("threat", Some('1'), "threat"),
        ("threat", Some('2'), "threat_pictured"),
    ] {
        snap(&format!("rehearsal_reply_{name}"), || {
            let mut app = rehearsal_at(10);
            let index = app
                .content
                .rehearsal
                .replies
                .iter()
                .position(|r| r.id == reply)
                .unwrap();
            let n = char::from_digit(u32::try_from(index + 1).unwrap(), 10).unwrap();
            key(&mut app, KeyCode::Char(n));
            if let Some(then) = then {
                key(&mut app, KeyCode::Char(then));
            }
            app
        });
    }
    let finished = || {
        let mut app = rehearsal_at(2);
        finish_rehearsal(&mut app, 8);
        app
    };
    snap("rehearsal_script", finished);
    snap("rehearsal_letter", || {
        let mut app = finished();
        key(&mut app, KeyCode::Char('l'));
        app
    });
    // On the safety path the home menu offers no rehearsal and no ask log at all.
    snap("home_safety", || {
        let mut app = result_for(&[("safety_control", "yes")]);
        key(&mut app, KeyCode::Esc);
        let items = app.home_items();
        assert!(!items.contains(&overture::tui::app::HomeItem::Rehearse));
        assert!(!items.contains(&overture::tui::app::HomeItem::LogAsk));
        app
    });
}

/// When the checker's advice squeezes the guidance, "You might say:" is never left as the
/// last line in sight with its examples below the fold: at every height, the row under it
/// is an example.
#[test]
fn a_heading_is_never_the_last_guidance_line_in_sight() {
    let mut seen = 0;
    for step in 1..=8 {
        let mut app = rehearsal_at(step);
        chars(
            &mut app,
            "You never listen to me. We go to counseling or I'm done.",
        );
        for height in 12..=40 {
            let screen = render(&mut app, 80, height);
            let rows: Vec<&str> = screen.lines().collect();
            for (n, row) in rows.iter().enumerate() {
                if row.trim_matches(|c| c == '"' || c == ' ') == "You might say:" {
                    seen += 1;
                    let next = rows.get(n + 1).copied().unwrap_or("");
                    assert!(
                        next.trim_start_matches('"').starts_with(" - "),
                        "step {step} at 80x{height}:\n{screen}"
                    );
                }
            }
        }
    }
    assert!(seen > 20, "the heading was shown only {seen} times");
}

/// The export's file-name box shows its whole example, even at 60 columns.
#[test]
fn the_export_box_shows_its_whole_example() {
    let mut app = result_for(&[]);
    key(&mut app, KeyCode::Esc);
    key(
        &mut app,
        KeyCode::Char(overture::tui::app::HomeItem::ExportSummary.key()),
    );
    for width in [60, 100] {
        let screen = render(&mut app, width, 30);
        assert!(
            screen.contains("for example overture-summary.md"),
            "{width}:\n{screen}"
        );
    }
}

/// On a short screen a question stays in sight from its first line, above its options,
/// rather than being scrolled off to show the end of a long list. (Where the question, its
/// help and the first option cannot all fit, as for the reasons at 40x12, the option wins,
/// with as much of the question above it as fits: never the options alone.)
#[test]
fn a_question_is_in_sight_from_its_first_line_on_a_short_screen() {
    for (id, opening, sizes) in [
        (
            "self_harm",
            "This one is about you.",
            &[(40, 12), (60, 20)][..],
        ),
        ("sig_contempt", "How often does", &[(40, 12), (60, 20)][..]),
        ("reasons", "Which of these has", &[(60, 20)][..]),
        ("reasons", "Choose all that", &[(40, 12)][..]),
    ] {
        let mut app = at_question(id);
        for &(width, height) in sizes {
            let screen = render(&mut app, width, height);
            assert!(
                screen.contains(opening),
                "{id} at {width}x{height}:\n{screen}"
            );
            assert!(
                screen.contains("> 1."),
                "{id} at {width}x{height}:\n{screen}"
            );
        }
    }
}
