//! The rehearsal: its gate (tested over every path into it), the re-check, the steps, reply
//! practice switching paths, the script and letter, and export.

use crate::common;

use common::*;
use overture::content::rehearsal::ReplySwitch;
use overture::core::record::{RehearsalRecord, SafetyCheck, SavedData};
use overture::core::rehearsal::{self, Gate};
use overture::core::triage::OutcomeKind;
use overture::tui::app::{App, HomeItem, Screen, Stage};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn days(n: i64) -> jiff::SignedDuration {
    jiff::SignedDuration::from_hours(24 * n)
}

/// An app at home after a full check-in with these changes to the reachable answers.
fn after_check_in(dir: &std::path::Path, changes: &[(&'static str, &'static str)]) -> App {
    let mut app = open_app(dir);
    first_run(&mut app);
    let mut answers = reachable_answers();
    for (q, k) in changes {
        answers.retain(|(x, _)| x != q);
        answers.push((q, vec![k]));
    }
    answer_until_done(&mut app, &answers);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
    app
}

fn choose_home(app: &mut App, item: HomeItem) {
    assert!(
        app.home_items().contains(&item),
        "{item:?} is not on the home screen"
    );
    key(app, KeyCode::Char(item.key()));
}

fn tab(app: &mut App) {
    key(app, KeyCode::Tab);
}

#[test]
fn a_reachable_result_opens_the_rehearsal_at_the_rulers() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = after_check_in(dir.path(), &[]);
    choose_home(&mut app, HomeItem::Rehearse);
    assert_eq!(app.screen, Screen::Rehearse(Stage::ReadinessBefore));
}

/// A ruler set by typing: "1" then "0" is 10, as a person types it; a "0" on its own is 0.
#[test]
fn typing_one_then_zero_sets_a_ruler_to_ten() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = after_check_in(dir.path(), &[]);
    choose_home(&mut app, HomeItem::Rehearse);
    assert_eq!(app.screen, Screen::Rehearse(Stage::ReadinessBefore));
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('0'));
    assert_eq!(app.ruler[0], 10);
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('0'));
    assert_eq!(app.ruler[0], 0);
    // A 1 then a move, then a 0: the 0 stands alone.
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('0'));
    assert_eq!(app.ruler, [1, 0]);
}

/// At the smallest size Overture draws (40x12), both rulers are in sight together, the
/// intro scrolling away first: Enter keeps two numbers, and the person has seen both.
#[test]
fn both_rulers_are_in_sight_at_the_smallest_size() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = after_check_in(dir.path(), &[]);
    choose_home(&mut app, HomeItem::Rehearse);
    let before = render(&mut app, 40, 12);
    assert!(
        before.contains("How important") && before.contains("How confident"),
        "{before}"
    );
    // Moving to the second and back keeps both in sight too.
    key(&mut app, KeyCode::Down);
    let second = render(&mut app, 40, 12);
    assert!(
        second.contains("How important") && second.contains("How confident"),
        "{second}"
    );
    key(&mut app, KeyCode::Up);
    let first = render(&mut app, 40, 12);
    assert!(first.contains("> How important"), "{first}");
    assert!(first.contains("How confident"), "{first}");
}

fn assert_not_on_home(app: &App, items: &[HomeItem], what: &str) {
    let listed = app.home_items();
    for item in items {
        assert!(
            !listed.contains(item),
            "{what}: {item:?} is on the home screen"
        );
    }
}

#[test]
fn any_safety_indicator_keeps_the_rehearsal_closed() {
    for q in overture::core::triage::ABUSE_QUESTIONS
        .iter()
        .chain(&["self_harm"])
    {
        let dir = tempfile::tempdir().unwrap();
        let app = after_check_in(dir.path(), &[(q, "yes")]);
        // Neither the rehearsal nor a log of asking is offered, and the gate behind the
        // rehearsal is the safety one.
        assert_not_on_home(&app, &[HomeItem::Rehearse, HomeItem::LogAsk], q);
        assert_eq!(rehearsal::gate(&app.data, fixed_now()), Gate::Safety, "{q}");
        assert!(
            app.data.rehearsals.is_empty(),
            "{q}: no rehearsal was started"
        );
    }
}

#[test]
fn red_flag_and_not_first_step_results_put_other_steps_first() {
    for change in [("sig_contempt", "often"), ("screen_affair", "suspect")] {
        let dir = tempfile::tempdir().unwrap();
        let app = after_check_in(dir.path(), &[change]);
        let what = format!("{change:?}");
        assert_not_on_home(&app, &[HomeItem::Rehearse], &what);
        assert_eq!(
            rehearsal::gate(&app.data, fixed_now()),
            Gate::OtherFirst,
            "{what}"
        );
        // The ask log stays where only the invitation is set aside.
        assert!(app.home_items().contains(&HomeItem::LogAsk), "{what}");
    }
}

#[test]
fn an_old_safety_check_is_asked_again_and_a_yes_closes_the_rehearsal() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = after_check_in(dir.path(), &[]);
    // Pretend the check-in was 31 days ago.
    let old = fixed_now().checked_sub(days(31)).unwrap();
    app.data.assessments[0].completed_at = old;
    choose_home(&mut app, HomeItem::Rehearse);
    assert_eq!(app.screen, Screen::Question);
    assert!(app.recheck);
    assert_eq!(current_question(&app).as_deref(), Some("safety_physical"));
    let mut asked = 0;
    while current_question(&app).is_some() {
        let id = current_question(&app).unwrap();
        asked += 1;
        answer(
            &mut app,
            &[if id == "safety_afraid" { "yes" } else { "no" }],
        );
    }
    assert_eq!(asked, 9, "the re-check asks the nine safety questions only");
    assert_eq!(app.screen, Screen::Gate(Gate::Safety));
    let saved = saved(dir.path());
    assert_eq!(saved["safety_checks"].as_array().unwrap().len(), 1);
}

#[test]
fn a_clean_re_check_opens_the_rehearsal() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = after_check_in(dir.path(), &[]);
    app.data.assessments[0].completed_at = fixed_now().checked_sub(days(40)).unwrap();
    choose_home(&mut app, HomeItem::Rehearse);
    while current_question(&app).is_some() {
        answer(&mut app, &["no"]);
    }
    assert_eq!(app.screen, Screen::Rehearse(Stage::ReadinessBefore));
}

/// Walks a whole rehearsal typing one line per step; returns the app on the script screen.
fn to_reply(dir: &std::path::Path, reply: &str) -> App {
    let mut app = after_check_in(dir, &[]);
    choose_home(&mut app, HomeItem::Rehearse);
    key(&mut app, KeyCode::Char('8'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('4'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Rehearse(Stage::NoteBefore));
    chars(&mut app, "It matters because I miss us.");
    tab(&mut app);
    let step_ids: Vec<String> = app
        .content
        .rehearsal
        .steps
        .iter()
        .map(|s| s.id.clone())
        .collect();
    for (i, id) in step_ids.iter().enumerate() {
        assert_eq!(app.screen, Screen::Rehearse(Stage::Step(i)), "{id}");
        chars(&mut app, &format!("my line for {id}"));
        tab(&mut app);
    }
    assert_eq!(app.screen, Screen::Rehearse(Stage::Reply));
    let index = app
        .content
        .rehearsal
        .replies
        .iter()
        .position(|r| r.id == reply)
        .unwrap();
    // Digits reach the first nine; the rest are moved to and chosen with Enter.
    match char::from_digit(u32::try_from(index + 1).unwrap(), 10) {
        Some(n) if index < 9 => key(&mut app, KeyCode::Char(n)),
        _ => {
            for _ in 0..index {
                key(&mut app, KeyCode::Down);
            }
            key(&mut app, KeyCode::Enter);
        }
    }
    app
}

/// A whole rehearsal up to what the practised reply tells; a reply that would switch paths is
/// confirmed as having really happened.
fn full_rehearsal(dir: &std::path::Path, reply: &str) -> App {
    let mut app = to_reply(dir, reply);
    if app.screen == Screen::Rehearse(Stage::ReplyCheck) {
        key(&mut app, KeyCode::Char('1'));
    }
    assert_eq!(app.screen, Screen::Rehearse(Stage::ReplyOutcome));
    app
}

/// The same, with the reply only pictured.
fn pictured(dir: &std::path::Path, reply: &str) -> App {
    let mut app = to_reply(dir, reply);
    assert_eq!(app.screen, Screen::Rehearse(Stage::ReplyCheck), "{reply}");
    key(&mut app, KeyCode::Char('2'));
    assert_eq!(app.screen, Screen::Rehearse(Stage::ReplyOutcome));
    app
}

#[test]
fn a_practised_reply_changes_the_path_only_when_it_has_really_happened() {
    let replies: Vec<(String, ReplySwitch)> = overture::content::Content::embedded()
        .unwrap()
        .rehearsal
        .replies
        .iter()
        .map(|r| (r.id.clone(), r.switch))
        .collect();
    for (reply, switch) in replies {
        for happened in [true, false] {
            let dir = tempfile::tempdir().unwrap();
            let mut app = to_reply(dir.path(), &reply);
            if switch == ReplySwitch::None {
                // Nothing to confirm: a reply that switches nothing asks nothing.
                assert_eq!(app.screen, Screen::Rehearse(Stage::ReplyOutcome), "{reply}");
            } else {
                assert_eq!(app.screen, Screen::Rehearse(Stage::ReplyCheck), "{reply}");
                key(&mut app, KeyCode::Char(if happened { '1' } else { '2' }));
            }
            let gate = rehearsal::gate(&app.data, fixed_now());
            let expected = match (switch, happened) {
                (ReplySwitch::Safety, true) => Gate::Safety,
                (ReplySwitch::RedFlag, true) => Gate::OtherFirst,
                _ => Gate::Open,
            };
            assert_eq!(gate, expected, "{reply}, happened: {happened}");
            let switched = app.data.rehearsals[0].switched;
            assert_eq!(
                switched.is_some(),
                happened && switch != ReplySwitch::None,
                "{reply}, happened: {happened}"
            );
            // The check-in's own result never changes with a practice pick.
            assert_eq!(app.data.assessments.len(), 1);
        }
    }
}

#[test]
fn pictured_mockery_says_nothing_changed_and_goes_on_to_the_rulers() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = pictured(dir.path(), "mockery");
    let shown = app_text(&mut app);
    assert!(shown.contains("You are picturing it"), "{shown}");
    assert!(!shown.contains("This rehearsal ends here"), "{shown}");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Rehearse(Stage::ReadinessAfter));
    assert!(app.home_items().contains(&HomeItem::Rehearse));
}

#[test]
fn a_pictured_threat_asks_the_safety_questions_before_the_rehearsal_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = pictured(dir.path(), "threat");
    // The crisis lines are on the page, with what comes next.
    let shown = app_text(&mut app);
    assert!(shown.contains("short safety questions"), "{shown}");
    // Leaving first does not skip the questions: re-entering asks them.
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
    choose_home(&mut app, HomeItem::Rehearse);
    assert_eq!(app.screen, Screen::Question);
    assert!(format!("{:?}", app.status).contains("You pictured"));
    // Clean answers: the rehearsal goes on from the rulers afterwards.
    while app.screen == Screen::Question {
        let no = common::option_number(&app, "no");
        key(&mut app, KeyCode::Char(no));
    }
    assert_eq!(app.screen, Screen::Rehearse(Stage::ReadinessAfter));
    assert_eq!(rehearsal::gate(&app.data, fixed_now()), Gate::Open);
}

#[test]
fn a_pictured_threat_then_a_yes_in_the_safety_questions_closes_the_rehearsal() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = pictured(dir.path(), "threat");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Question);
    let yes = common::option_number(&app, "yes");
    key(&mut app, KeyCode::Char(yes));
    while app.screen == Screen::Question {
        let no = common::option_number(&app, "no");
        key(&mut app, KeyCode::Char(no));
    }
    assert_eq!(app.screen, Screen::Gate(Gate::Safety));
}

#[test]
fn a_full_rehearsal_assembles_the_script_and_keeps_the_rulers() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = full_rehearsal(dir.path(), "you_need_help");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Rehearse(Stage::ReadinessAfter));
    key(&mut app, KeyCode::Char('9'));
    key(&mut app, KeyCode::Enter);
    tab(&mut app);
    assert_eq!(app.screen, Screen::Script(0));

    let data = saved(dir.path());
    let r = &data["rehearsals"][0];
    assert_eq!(r["readiness_before"]["importance"], 8);
    assert_eq!(r["readiness_before"]["confidence"], 4);
    assert_eq!(
        r["readiness_before"]["note"],
        "It matters because I miss us."
    );
    assert_eq!(r["readiness_after"]["importance"], 9);
    assert_eq!(r["reply"], "you_need_help");
    assert!(r["finished_at"].is_string());
    let script = r["scripts"][0]["text"].as_str().unwrap();
    // Settling yourself is for you: it is not in the script. The other seven are, in order.
    assert!(!script.contains("my line for settle"));
    let step_ids: Vec<String> = app
        .content
        .rehearsal
        .steps
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let positions: Vec<usize> = step_ids[1..]
        .iter()
        .map(|id| script.find(&format!("my line for {id}")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{script}");
}

#[test]
fn mockery_switches_to_the_red_flag_path_and_closes_the_rehearsal() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = full_rehearsal(dir.path(), "mockery");
    assert_eq!(app.data.rehearsals[0].switched, Some(ReplySwitch::RedFlag));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Gate(Gate::OtherFirst));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
    // From then on the rehearsal is not offered; the ask log is.
    assert_not_on_home(&app, &[HomeItem::Rehearse, HomeItem::Script], "mockery");
    assert!(app.home_items().contains(&HomeItem::LogAsk));
    assert_eq!(rehearsal::gate(&app.data, fixed_now()), Gate::OtherFirst);
}

#[test]
fn a_threat_switches_to_the_safety_path_until_a_new_check_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = full_rehearsal(dir.path(), "threat");
    assert_eq!(app.data.rehearsals[0].switched, Some(ReplySwitch::Safety));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Gate(Gate::Safety));
    assert_eq!(saved(dir.path())["rehearsals"][0]["switched"], "safety");
}

#[test]
fn typing_and_pasting_in_a_step_and_quick_exit_keep_the_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = after_check_in(dir.path(), &[]);
    choose_home(&mut app, HomeItem::Rehearse);
    key(&mut app, KeyCode::Enter);
    tab(&mut app);
    // Step 1: letters that are keys elsewhere (q, ?, j) are typing here.
    chars(&mut app, "q? j ");
    app.handle_paste("I miss us 💛\nand I want help — 一起");
    assert_eq!(app.exit, None);
    app.handle_key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL));
    assert!(app.exit.is_some());
    drop(app);
    let data = saved(dir.path());
    assert_eq!(
        data["rehearsals"][0]["lines"]["settle"],
        "q? j I miss us 💛\nand I want help — 一起"
    );
}

fn rehearse_label(app: &App) -> String {
    let glance = overture::core::glance::Glance::of(&app.data);
    overture::core::session::home_label(&app.content, &glance, HomeItem::Rehearse)
}

/// Opening the rehearsal and leaving from its first screen, by Esc or the quick exit, keeps
/// nothing: home offers to start it, not to "continue" an empty one, and Saved answers lists
/// no empty entry. Once the numbers are chosen, leaving keeps them.
#[test]
fn leaving_the_rehearsal_before_anything_is_chosen_keeps_no_empty_rehearsal() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = after_check_in(dir.path(), &[]);
    choose_home(&mut app, HomeItem::Rehearse);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
    assert!(app.data.rehearsals.is_empty());
    assert_eq!(rehearse_label(&app), "Rehearse the invitation");
    choose_home(&mut app, HomeItem::Rehearse);
    ctrl(&mut app, 'q');
    drop(app);
    let mut app = open_app(dir.path());
    assert!(app.data.rehearsals.is_empty(), "the quick exit kept one");
    choose_home(&mut app, HomeItem::Rehearse);
    key(&mut app, KeyCode::Char('8'));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    drop(app);
    let app = open_app(dir.path());
    assert_eq!(app.data.rehearsals.len(), 1);
    assert_eq!(
        app.data.rehearsals[0]
            .readiness_before
            .as_ref()
            .map(|r| r.importance),
        Some(8)
    );
    assert_eq!(
        rehearse_label(&app),
        "Continue the rehearsal of the invitation"
    );
}

#[test]
fn leaving_mid_rehearsal_and_coming_back_continues_at_the_same_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = after_check_in(dir.path(), &[]);
    choose_home(&mut app, HomeItem::Rehearse);
    key(&mut app, KeyCode::Enter);
    tab(&mut app);
    tab(&mut app);
    tab(&mut app);
    chars(&mut app, "half a thought");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
    drop(app);
    let mut app = open_app(dir.path());
    choose_home(&mut app, HomeItem::Rehearse);
    assert_eq!(app.screen, Screen::Rehearse(Stage::Step(2)));
    assert_eq!(app.editor.as_ref().unwrap().lines(), ["half a thought"]);
    // Typing goes on after the words kept, not before them; so after a step back too.
    chars(&mut app, ", finished");
    assert_eq!(
        app.editor.as_ref().unwrap().lines(),
        ["half a thought, finished"]
    );
    tab(&mut app);
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.screen, Screen::Rehearse(Stage::Step(2)));
    chars(&mut app, ".");
    assert_eq!(
        app.editor.as_ref().unwrap().lines(),
        ["half a thought, finished."]
    );
}

#[test]
fn edits_are_kept_as_versions_and_export_writes_a_private_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = full_rehearsal(dir.path(), "fine");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    tab(&mut app);
    let Screen::Script(index) = app.screen else {
        panic!("not on the script screen: {:?}", app.screen);
    };
    key(&mut app, KeyCode::Char('e'));
    chars(&mut app, "Added at the start. ");
    tab(&mut app);
    assert_eq!(app.data.rehearsals[index].scripts.len(), 2);
    // The earlier version is kept and can be read again.
    key(&mut app, KeyCode::Char('['));
    assert!(!app.script_text(index).contains("Added at the start."));
    key(&mut app, KeyCode::Char(']'));
    assert!(app.script_text(index).contains("Added at the start."));
    // The letter view wraps the same words.
    key(&mut app, KeyCode::Char('l'));
    assert!(app.script_text(index).contains("Added at the start."));
    let out = dir.path().join("letter.md");
    key(&mut app, KeyCode::Char('x'));
    chars(&mut app, out.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    let written = std::fs::read_to_string(&out).expect("the export was written");
    assert!(written.starts_with("# A letter"));
    assert!(written.contains("Added at the start."));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // An existing file is never overwritten.
    key(&mut app, KeyCode::Char('x'));
    chars(&mut app, out.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    assert!(app.text.is_some(), "the field stays open with a message");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), written);
}

mod gate_properties {
    use super::*;
    use overture::core::Answers;
    use proptest::prelude::*;

    fn safety_answers(flags: &[bool]) -> Answers {
        let mut answers = Answers::new();
        for (q, flag) in overture::core::triage::ABUSE_QUESTIONS
            .iter()
            .chain(&["self_harm"])
            .zip(flags)
        {
            answers.set_one(q, if *flag { "yes" } else { "no" });
        }
        answers
    }

    proptest! {
        /// Whatever else happened, a rehearsal is never open when the latest safety
        /// information has an indicator, and no sequence of keys gets into one.
        #[test]
        fn an_indicator_in_the_latest_check_keeps_the_rehearsal_closed(
            flags in proptest::collection::vec(any::<bool>(), 9),
            older_clean in any::<bool>(),
            keys in proptest::collection::vec(0u8..12, 0..60),
        ) {
            prop_assume!(flags.iter().any(|f| *f));
            let content = overture::content::Content::embedded().unwrap();
            let mut data = SavedData {
                profile: Some(overture::core::record::Profile {
                    voice: overture::content::Voice::default(),
                    created_at: fixed_now(),
                }),
                ..SavedData::default()
            };
            // A clean, reachable check-in some days ago...
            let mut clean = Answers::new();
            for (q, k) in reachable_answers() {
                clean.set(q, k.iter().map(|s| (*s).to_string()).collect());
            }
            data.assessments.push(overture::core::record::AssessmentRecord {
                id: "a1".into(),
                started_at: fixed_now().checked_sub(days(3)).unwrap(),
                completed_at: fixed_now().checked_sub(days(3)).unwrap(),
                answers: clean,
                outcome: OutcomeKind::Reachable,
                reasons: vec![],
                content_version: 1,
            });
            if older_clean {
                data.safety_checks.push(SafetyCheck {
                    at: fixed_now().checked_sub(days(2)).unwrap(),
                    answers: safety_answers(&[false; 9]),
                });
            }
            // ...then a re-check with an indicator.
            data.safety_checks.push(SafetyCheck {
                at: fixed_now().checked_sub(days(1)).unwrap(),
                answers: safety_answers(&flags),
            });
            prop_assert_eq!(rehearsal::gate(&data, fixed_now()), Gate::Safety);
            // Random keys can type a file name at an export prompt: such files go to a
            // temporary folder, never into the repository.
            let exports = tempfile::tempdir().unwrap();
            let mut app = App::new(content, data, None)
                .with_clock(fixed_now)
                .with_export_dir(exports.path().to_path_buf());
            let codes = [
                KeyCode::Enter, KeyCode::Esc, KeyCode::Up, KeyCode::Down, KeyCode::Tab,
                KeyCode::BackTab, KeyCode::Char('1'), KeyCode::Char('2'), KeyCode::Char('3'),
                KeyCode::Char('4'), KeyCode::Char(' '), KeyCode::Char('x'),
            ];
            for k in keys {
                key(&mut app, codes[usize::from(k)]);
                prop_assert!(!matches!(app.screen, Screen::Rehearse(_)), "{:?}", app.screen);
                prop_assert!(app.data.rehearsals.is_empty());
                if app.exit.is_some() {
                    break;
                }
            }
        }
    }

    #[test]
    fn a_threat_in_practice_outranks_an_older_clean_check() {
        let mut data = SavedData::default();
        data.assessments
            .push(overture::core::record::AssessmentRecord {
                id: "a1".into(),
                started_at: fixed_now(),
                completed_at: fixed_now().checked_sub(days(2)).unwrap(),
                answers: safety_answers(&[false; 9]),
                outcome: OutcomeKind::Reachable,
                reasons: vec![],
                content_version: 1,
            });
        data.rehearsals.push(RehearsalRecord {
            id: "r1".into(),
            started_at: fixed_now(),
            updated_at: fixed_now().checked_sub(days(1)).unwrap(),
            finished_at: Some(fixed_now()),
            readiness_before: None,
            readiness_after: None,
            lines: std::collections::BTreeMap::default(),
            current_step: None,
            reply: Some("threat".into()),
            switched: Some(ReplySwitch::Safety),
            pictured: false,
            recheck_due: false,
            scripts: vec![],
        });
        assert_eq!(rehearsal::gate(&data, fixed_now()), Gate::Safety);
    }
}

/// The screen's words as one line of text (wide and tall enough that nothing is cut off).
fn app_text(app: &mut App) -> String {
    let raw = render(app, 250, 200);
    raw.split('"')
        .filter(|part| !part.trim().is_empty())
        .flat_map(|part| part.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ")
}
