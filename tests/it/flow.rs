//! Drive the app with key events, as a person would, and check what is saved on disk.

use crate::common;

use common::*;
use overture::content::StepKind;
use overture::core::place::PageId;
use overture::core::plan;
use overture::core::triage::{OutcomeKind, triage};
use overture::tui::app::{Exit, Overlay, Screen};
use ratatui::crossterm::event::KeyCode;

#[test]
fn first_run_to_a_reachable_result_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    assert_eq!(app.screen, Screen::Welcome);
    first_run(&mut app);
    assert_eq!(app.screen, Screen::Question);
    // The safety check comes first.
    assert_eq!(current_question(&app).as_deref(), Some("safety_physical"));

    let seen = answer_until_done(&mut app, &reachable_answers());
    assert!(
        seen.len() >= 20,
        "a full check-in asks every section: {seen:?}"
    );
    assert_eq!(app.screen, Screen::Result(0));

    let data = saved(dir.path());
    assert_eq!(data["profile"]["voice"]["partner"], "husband");
    assert_eq!(data["profile"]["voice"]["pronouns"], "he");
    assert!(
        data["draft"].is_null(),
        "a finished check-in leaves no draft"
    );
    assert_eq!(data["assessments"].as_array().unwrap().len(), 1);
    assert_eq!(data["assessments"][0]["outcome"], "reachable");
    assert_eq!(
        data["assessments"][0]["answers"]["sig_underneath"][0],
        "bad_past"
    );
}

#[test]
fn any_abuse_answer_ends_at_safety_first_with_no_invitation_advice() {
    for question in overture::core::triage::ABUSE_QUESTIONS {
        let dir = tempfile::tempdir().unwrap();
        let mut app = open_app(dir.path());
        first_run(&mut app);
        let mut answers = reachable_answers();
        for (q, keys) in &mut answers {
            if *q == question {
                *keys = vec!["yes"];
            }
        }
        let seen = answer_until_done(&mut app, &answers);
        assert!(
            seen.iter()
                .all(|q| !q.starts_with("sig_") && q != "reasons"),
            "after a safety answer the invitation questions are skipped: {seen:?}"
        );
        let data = saved(dir.path());
        assert_eq!(
            data["assessments"][0]["outcome"], "safety_first",
            "{question}"
        );

        let record = &app.data.assessments[0];
        let outcome = triage(&record.answers);
        assert_eq!(outcome.kind, OutcomeKind::SafetyFirst);
        let steps = plan::next_steps(&app.content, &record.answers, &outcome);
        assert!(!steps.is_empty(), "the safety path always has steps");
        assert!(
            steps
                .iter()
                .all(|s| matches!(s.kind, StepKind::Safety | StepKind::Support)),
            "{question}: only safety and support steps on the safety path"
        );
    }
}

#[test]
fn quitting_midway_and_coming_back_continues_at_the_same_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    for _ in 0..4 {
        let n = option_number(&app, "no");
        key(&mut app, KeyCode::Char(n));
    }
    let stopped_at = current_question(&app).unwrap();
    key(&mut app, KeyCode::Char('q'));
    assert_eq!(app.exit, Some(Exit::Normal));
    drop(app);

    let data = saved(dir.path());
    assert_eq!(data["draft"]["current"], stopped_at.as_str());
    assert_eq!(data["draft"]["answers"].as_object().unwrap().len(), 4);

    let mut app = open_app(dir.path());
    assert_eq!(app.screen, Screen::Home);
    // "Continue where you stopped" is offered first.
    key(&mut app, KeyCode::Enter);
    assert_eq!(current_question(&app), Some(stopped_at));
    assert_eq!(app.flow.as_ref().unwrap().answers.len(), 4);
}

#[test]
fn quick_exit_mid_assessment_keeps_what_was_answered() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    let n = option_number(&app, "no");
    key(&mut app, KeyCode::Char(n));
    ctrl(&mut app, 'q');
    assert_eq!(app.exit, Some(Exit::Quick));
    drop(app);
    assert_eq!(
        saved(dir.path())["draft"]["answers"]["safety_physical"][0],
        "no"
    );
}

#[test]
fn back_keeps_answers_and_shows_the_earlier_choice() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    let ns = option_number(&app, "not_sure");
    key(&mut app, KeyCode::Char(ns));
    assert_eq!(current_question(&app).as_deref(), Some("safety_sexual"));
    key(&mut app, KeyCode::Esc);
    assert_eq!(current_question(&app).as_deref(), Some("safety_physical"));
    // The cursor sits on the earlier answer, so Enter keeps it.
    key(&mut app, KeyCode::Enter);
    assert_eq!(current_question(&app).as_deref(), Some("safety_sexual"));
    assert_eq!(
        app.flow.as_ref().unwrap().answers.single("safety_physical"),
        Some("not_sure")
    );
    // Backspace also goes back; from the first question, back leads home with the draft kept.
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.screen, Screen::Home);
    assert!(app.data.draft.is_some());
}

#[test]
fn changing_a_safety_answer_on_the_way_back_changes_the_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    // Answer every safety question "no", then go back to the last one and say "yes".
    while current_question(&app).as_deref() != Some("screen_affair") {
        let n = option_number(&app, "no");
        key(&mut app, KeyCode::Char(n));
    }
    key(&mut app, KeyCode::Esc);
    assert_eq!(current_question(&app).as_deref(), Some("self_harm"));
    let y = option_number(&app, "yes");
    key(&mut app, KeyCode::Char(y));
    assert_eq!(app.screen, Screen::Result(0));
    assert_eq!(app.data.assessments[0].outcome, OutcomeKind::SafetyFirst);
}

#[test]
fn multi_select_exclusive_option_clears_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    let answers = reachable_answers();
    while current_question(&app).as_deref() != Some("reasons") {
        let id = current_question(&app).unwrap();
        let keys = answers.iter().find(|(q, _)| *q == id).unwrap().1.clone();
        answer(&mut app, &keys);
    }
    let question = app.content.question("reasons").unwrap().clone();
    let first = &question.options[0];
    let exclusive = question
        .options
        .iter()
        .find(|o| o.exclusive)
        .expect("a 'won't say' option");
    // Enter with nothing ticked does not move on.
    key(&mut app, KeyCode::Enter);
    assert_eq!(current_question(&app).as_deref(), Some("reasons"));
    select(&mut app, &first.key, true);
    assert!(app.ticked.contains(&first.key));
    select(&mut app, &exclusive.key, true);
    assert_eq!(app.ticked.iter().collect::<Vec<_>>(), vec![&exclusive.key]);
    select(&mut app, &first.key, true);
    assert_eq!(app.ticked.iter().collect::<Vec<_>>(), vec![&first.key]);
    key(&mut app, KeyCode::Enter);
    assert_ne!(current_question(&app).as_deref(), Some("reasons"));
    assert_eq!(
        saved(dir.path())["draft"]["answers"]["reasons"],
        serde_json::json!([first.key])
    );
}

#[test]
fn own_partner_word_is_typed_and_used() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('6'));
    assert!(app.text.is_some(), "the last choice opens a text field");
    // Letters go to the field, not to the keymap: 'q' does not quit.
    chars(&mut app, "spouse q");
    assert_eq!(app.exit, None);
    for _ in 0..2 {
        key(&mut app, KeyCode::Backspace);
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Pronouns);
    key(&mut app, KeyCode::Char('3'));
    assert_eq!(app.screen, Screen::Question);
    let data = saved(dir.path());
    assert_eq!(data["profile"]["voice"]["partner"], "spouse");
    assert_eq!(data["profile"]["voice"]["pronouns"], "they");
}

#[test]
fn quick_exit_and_crisis_lines_work_inside_the_text_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('6'));
    ctrl(&mut app, 'g');
    assert_eq!(app.overlay, Some(Overlay::Crisis));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    assert!(
        app.text.is_some(),
        "closing the crisis lines returns to the field"
    );
    ctrl(&mut app, 'q');
    assert_eq!(app.exit, Some(Exit::Quick));
}

#[test]
fn retaking_keeps_the_earlier_result() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    answer_until_done(&mut app, &reachable_answers());
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
    assert!(
        app.home_items()
            .contains(&overture::tui::app::HomeItem::Retake)
    );
    key(
        &mut app,
        KeyCode::Char(overture::tui::app::HomeItem::Retake.key()),
    );
    assert_eq!(current_question(&app).as_deref(), Some("safety_physical"));
    let mut answers = reachable_answers();
    answers.retain(|(q, _)| *q != "sig_contempt");
    answers.push(("sig_contempt", vec!["often"]));
    answer_until_done(&mut app, &answers);
    let data = saved(dir.path());
    let outcomes: Vec<_> = data["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["outcome"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(outcomes, vec!["reachable", "red_flag"]);
}

#[test]
fn wrong_keys_explain_themselves_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    let before = current_question(&app);
    key(&mut app, KeyCode::Char('z'));
    key(&mut app, KeyCode::Char('9'));
    assert_eq!(current_question(&app), before);
    assert!(app.status.is_some(), "a wrong key gets a hint");
    key(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay, Some(Overlay::Help));
    key(&mut app, KeyCode::Esc);
    assert_eq!(current_question(&app), before);
}

#[test]
fn going_back_into_the_safety_check_never_skips_the_screen_questions() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    while current_question(&app).as_deref() != Some("screen_affair") {
        let n = option_number(&app, "no");
        key(&mut app, KeyCode::Char(n));
    }
    answer(&mut app, &["partner"]);
    assert_eq!(current_question(&app).as_deref(), Some("screen_addiction"));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    assert_eq!(current_question(&app).as_deref(), Some("self_harm"));
    // Keep "no" and go on: the affair answer can still be changed.
    key(&mut app, KeyCode::Enter);
    assert_eq!(current_question(&app).as_deref(), Some("screen_affair"));
    answer(&mut app, &["no"]);
    assert_eq!(current_question(&app).as_deref(), Some("screen_addiction"));
}

#[test]
fn a_damaged_draft_cannot_skip_the_safety_check() {
    use overture::core::flow::Flow;
    let content = overture::content::Content::embedded().unwrap();
    // A draft that claims to be at the reasons question with no safety answers at all.
    let mut answers = overture::core::Answers::new();
    answers.set_one("sig_no", "reason");
    let flow = Flow::resume(&content, answers, Some("reasons"));
    assert_eq!(
        flow.current_id(&content),
        Some("safety_physical"),
        "resuming goes back to the first unanswered question"
    );
}

#[test]
fn an_early_end_does_not_keep_answers_that_played_no_part() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    // Answer into the signals, then go back to the safety check and answer "yes".
    while current_question(&app).as_deref() != Some("sig_contempt") {
        answer_current(&mut app, &reachable_answers());
    }
    while current_question(&app).as_deref() != Some("self_harm") {
        key(&mut app, KeyCode::Esc);
    }
    answer(&mut app, &["not_sure"]);
    let record = &saved(dir.path())["assessments"][0];
    assert_eq!(record["outcome"], "safety_first");
    let answers = record["answers"].as_object().unwrap();
    assert!(answers.contains_key("self_harm"));
    assert!(
        !answers.contains_key("screen_affair") && !answers.contains_key("sig_no"),
        "answers after the early end are dropped: {answers:?}"
    );
}

#[test]
fn the_core_refuses_none_of_these_together_with_other_answers() {
    use overture::core::flow::{Flow, FlowError};
    let content = overture::content::Content::embedded().unwrap();
    let mut answers = overture::core::Answers::new();
    for q in &content.questionnaire.questions {
        if q.id == "reasons" {
            break;
        }
        answers.set_one(&q.id, &q.options.last().unwrap().key);
    }
    let mut flow = Flow::resume(&content, answers, Some("reasons"));
    assert_eq!(flow.current_id(&content), Some("reasons"));
    let exclusive = content
        .question("reasons")
        .unwrap()
        .options
        .iter()
        .find(|o| o.exclusive)
        .unwrap();
    let err = flow
        .answer(&content, vec!["referee".into(), exclusive.key.clone()])
        .unwrap_err();
    assert!(matches!(err, FlowError::ExclusiveWithOthers(_)));
    assert_eq!(flow.current_id(&content), Some("reasons"));
}

#[test]
fn a_private_session_chosen_on_the_welcome_page_writes_nothing() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("data");
    let mut app = open_app(&dir);
    assert!(!dir.exists(), "opening with nothing saved creates nothing");
    key(&mut app, KeyCode::Char('p'));
    assert!(app.store().is_none());
    assert!(
        !dir.exists(),
        "a fresh private session leaves no data folder behind"
    );
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Enter);
    answer_until_done(&mut app, &reachable_answers());
    assert_eq!(
        app.data.assessments.len(),
        1,
        "the result is shown from memory"
    );
    drop(app);
    assert!(
        !dir.exists(),
        "still nothing on disk after a whole check-in"
    );
}

fn home_to(app: &mut overture::tui::app::App, item: overture::tui::app::HomeItem) {
    // As a person would past the ninth entry: arrow down to it, then Enter.
    let index = app.home_items().iter().position(|i| *i == item).unwrap();
    app.cursor = 0;
    for _ in 0..index {
        key(app, KeyCode::Down);
    }
    key(app, KeyCode::Enter);
}

#[test]
fn the_chosen_country_comes_first_in_the_crisis_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
    home_to(&mut app, overture::tui::app::HomeItem::Settings);
    assert_eq!(app.screen, Screen::Settings);
    key(&mut app, KeyCode::Char('1'));
    assert_eq!(app.screen, Screen::Country);
    assert!(
        app.country_choices().iter().all(|r| r.id != "intl"),
        "the international directories are not a country to choose"
    );
    let nz = app
        .content
        .resources
        .regions
        .iter()
        .position(|r| r.id == "nz")
        .unwrap();
    let n = char::from_digit(u32::try_from(nz + 1).unwrap(), 10).unwrap();
    key(&mut app, KeyCode::Char(n));
    assert_eq!(saved(dir.path())["settings"]["country"], "nz");
    let order: Vec<&str> = app
        .content
        .regions_for(app.data.settings.country.as_deref())
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(order[0], "nz");
    assert_eq!(order.len(), app.content.resources.regions.len());
}

/// Outside the US the app spells "counselling" and "counsellor", as people there write it,
/// from the moment a country is chosen; in the US, and with no country, as written.
#[test]
fn the_chosen_country_sets_the_spelling_of_counselling() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    answer_until_done(&mut app, &reachable_answers());
    key(&mut app, KeyCode::Esc);
    let export_label = |app: &overture::tui::app::App| {
        let glance = overture::core::glance::Glance::of(&app.data);
        overture::core::session::home_label(
            &app.content,
            &glance,
            overture::tui::app::HomeItem::ExportSummary,
        )
    };
    let choose = |app: &mut overture::tui::app::App, id: &str| {
        home_to(app, overture::tui::app::HomeItem::Settings);
        key(app, KeyCode::Char('1'));
        let index = app
            .country_choices()
            .iter()
            .position(|r| r.id == id)
            .unwrap();
        app.cursor = index;
        key(app, KeyCode::Enter);
        key(app, KeyCode::Esc);
        assert_eq!(app.screen, Screen::Home);
    };
    choose(&mut app, "us");
    assert!(
        export_label(&app).contains("counselor"),
        "{}",
        export_label(&app)
    );
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("counselor"), "{screen}");
    choose(&mut app, "au");
    assert!(
        export_label(&app).contains("counsellor"),
        "{}",
        export_label(&app)
    );
    let screen = render(&mut app, 100, 30);
    assert!(
        screen.contains("counsellor") && !screen.contains("counselor"),
        "{screen}"
    );
    // The next start reads the spelling from the saved country.
    drop(app);
    let mut app = open_app(dir.path());
    home_to(&mut app, overture::tui::app::HomeItem::LatestResult);
    let result = render(&mut app, 100, 60);
    assert!(
        result.contains("counselling") && !result.contains("counseling"),
        "{result}"
    );
}

/// The checker's notes are spelled as the app's texts are; the user's own words it quotes
/// stay as the user typed them.
#[test]
fn the_checkers_notes_are_spelled_but_never_the_users_words() {
    use overture::content::{Spelling, Voice};
    let review = overture::core::draft::review("You need counseling to sort yourself out.");
    let finding = review
        .findings
        .iter()
        .find(|f| f.concern == overture::core::draft::Concern::FixingThem)
        .expect("the checker finds fixing");
    let voice = Voice::default();
    let uk = overture::pages::rehearse::note_text(finding, &voice, Spelling::Commonwealth);
    let us = overture::pages::rehearse::note_text(finding, &voice, Spelling::Us);
    assert!(uk.contains("make counselling sound"), "{uk}");
    assert!(us.contains("make counseling sound"), "{us}");
    assert!(
        uk.contains(&format!("\u{201c}{}\u{201d}", finding.found)),
        "the user's words are quoted as typed: {uk}"
    );
}

/// Outside the US every text is spelled "counselling" but the help lines, each described in
/// its own country's spelling, and the titles of works, in quotation marks, as their authors
/// spelled them. The spelled content passes every check the content must pass, and no key or
/// id holds the words, so spelling can never break a reference between files.
#[test]
fn every_text_but_the_lines_and_titles_is_spelled_outside_the_us() {
    use overture::content::Spelling;
    fn outside_quotes(text: &str) -> String {
        let mut out = String::new();
        let mut quoted = false;
        for c in text.chars() {
            match c {
                '\u{201c}' => quoted = true,
                '\u{201d}' => quoted = false,
                c if !quoted => out.push(c),
                _ => {}
            }
        }
        out
    }
    fn quoted(text: &str) -> Vec<&str> {
        text.split('\u{201c}')
            .skip(1)
            .filter_map(|q| q.split('\u{201d}').next())
            .collect()
    }
    let us = overture::content::Content::embedded().unwrap();
    let uk = us.for_spelling(Spelling::of_country(Some("uk")));
    overture::validate::validate(&uk).expect("the spelled content passes its checks");
    let (before, after) = (
        overture::validate::all_texts(&us),
        overture::validate::all_texts(&uk),
    );
    assert_eq!(before.len(), after.len());
    let mut changed = 0;
    for ((label, was), (_, now)) in before.iter().zip(&after) {
        if label.starts_with("resource") {
            assert_eq!(was, now, "{label}");
            continue;
        }
        let words = outside_quotes(now).to_lowercase();
        assert!(
            !words.contains("counseling") && !words.contains("counselor"),
            "{label}: {now}"
        );
        changed += usize::from(was != now);
    }
    assert!(changed >= 50, "only {changed} texts spelled");
    let mut titles = 0;
    for (was, now) in us.sources.sources.iter().zip(&uk.sources.sources) {
        for (before, after) in [(&was.full, &now.full), (&was.short, &now.short)] {
            assert!(!outside_quotes(after).contains("counseling"), "{after}");
            assert_eq!(quoted(before), quoted(after), "a title changed: {after}");
            titles += usize::from(quoted(after).iter().any(|q| q.contains("Counseling")));
        }
    }
    assert!(
        titles >= 2,
        "the titles spelled \"Counseling\" are gone: {titles}"
    );
    for (file, text) in overture::content::EMBEDDED {
        let json: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut stack = vec![&json];
        while let Some(value) = stack.pop() {
            match value {
                serde_json::Value::Object(map) => {
                    for (key, inner) in map {
                        assert!(!key.contains("ounsel"), "{file}: key {key}");
                        if key == "id" || key.ends_with("_id") {
                            assert!(!inner.to_string().contains("ounsel"), "{file}: id {inner}");
                        }
                        stack.push(inner);
                    }
                }
                serde_json::Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
    }
    for country in [None, Some("us"), Some("intl")] {
        assert_eq!(Spelling::of_country(country), Spelling::Us, "{country:?}");
    }
    for country in ["uk", "ie", "au", "nz", "ca"] {
        let spelling = Spelling::of_country(Some(country));
        assert_eq!(spelling.spell("counseling"), "counselling", "{country}");
    }
}

/// A reader in the US sees US spelling, and every other country "behaviour": no British
/// "-ise" or "practising" for Jordan in Denver, no "behavior" for Priya in Leicester.
#[test]
fn us_spelling_in_the_us_and_behaviour_everywhere_else() {
    use overture::content::Spelling;
    let us = overture::content::Content::embedded().unwrap();
    for country in ["us", "uk", "ie", "nz", "au", "ca"] {
        let spelled = us.for_spelling(Spelling::of_country(Some(country)));
        let mut behaviour = 0;
        for (label, text) in overture::validate::all_texts(&spelled) {
            if label.starts_with("resource") || label.starts_with("source") {
                continue;
            }
            let lower = text.to_lowercase();
            if country == "us" {
                for british in [
                    "behaviour",
                    "practising",
                    "practised",
                    "realise",
                    "recognise",
                ] {
                    assert!(!lower.contains(british), "{label}: {text}");
                }
            } else {
                assert!(!lower.contains("behavior"), "{country} {label}: {text}");
                behaviour += lower.matches("behaviour").count();
            }
        }
        if country != "us" {
            assert!(behaviour >= 5, "{country}: only {behaviour}");
        }
    }
}

/// In the UK, Ireland and New Zealand a course of help is a "programme"; Canada and
/// Australia write "program", as the US does. A name ("Lethality Assessment Program") and an
/// id (`free_program`) keep their letters, and the spelled content passes its checks.
#[test]
fn a_programme_in_the_uk_ireland_and_new_zealand_a_program_elsewhere() {
    use overture::content::Spelling;
    fn words(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric() && c != '_')
            .map(str::to_string)
            .collect()
    }
    let us = overture::content::Content::embedded().unwrap();
    for (country, british) in [
        ("uk", true),
        ("ie", true),
        ("nz", true),
        ("au", false),
        ("ca", false),
        ("us", false),
    ] {
        let spelled = us.for_spelling(Spelling::of_country(Some(country)));
        overture::validate::validate(&spelled).expect("the spelled content passes its checks");
        let (mut program, mut programme) = (0, 0);
        for (label, text) in overture::validate::all_texts(&spelled) {
            if label.starts_with("resource") {
                continue;
            }
            // A capitalised "Program" is a name's; only one name holds it.
            let unnamed = text.replace("Lethality Assessment Program", "");
            assert!(
                !words(&unnamed)
                    .iter()
                    .any(|w| w == "Program" || w == "Programs"),
                "{label}: {text}"
            );
            for word in words(text) {
                program += usize::from(word == "program" || word == "programs");
                programme += usize::from(word == "programme" || word == "programmes");
            }
        }
        if british {
            assert_eq!(program, 0, "{country}: a \"program\" left");
            assert!(programme >= 10, "{country}: only {programme}");
        } else {
            assert_eq!(programme, 0, "{country}");
            assert!(program >= 10, "{country}: only {program}");
        }
        let sources: String = spelled
            .sources
            .sources
            .iter()
            .map(|s| s.full.as_str())
            .collect();
        assert!(
            sources.contains("Lethality Assessment Program "),
            "{country}"
        );
        let rehearsal = &spelled.rehearsal;
        let cost = rehearsal.replies.iter().find(|r| r.id == "cost").unwrap();
        assert_eq!(
            cost.next_line.contains("a programme we can do at home"),
            british,
            "{country}: {}",
            cost.next_line
        );
    }
}

#[test]
fn deleting_everything_from_settings_removes_the_files_and_goes_on_privately() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("data");
    let mut app = open_app(&dir);
    first_run(&mut app);
    answer_until_done(&mut app, &reachable_answers());
    key(&mut app, KeyCode::Esc);
    assert!(dir.join("overture.json").exists());
    home_to(&mut app, overture::tui::app::HomeItem::Settings);
    let delete = app
        .settings_items()
        .iter()
        .position(|i| *i == overture::tui::app::SettingsItem::DeleteEverything)
        .unwrap();
    let n = char::from_digit(u32::try_from(delete + 1).unwrap(), 10).unwrap();
    key(&mut app, KeyCode::Char(n));
    assert_eq!(app.overlay, Some(Overlay::ConfirmWipe));
    key(&mut app, KeyCode::Char('n'));
    assert!(dir.join("overture.json").exists(), "n keeps everything");
    key(&mut app, KeyCode::Char(n));
    key(&mut app, KeyCode::Char('y'));
    assert!(
        !dir.exists(),
        "the data folder and every file in it are gone"
    );
    assert_eq!(app.screen, Screen::Welcome);
    assert!(app.store().is_none(), "nothing is written after a wipe");
    assert!(app.data.assessments.is_empty());
}

#[test]
fn locking_with_a_passphrase_from_settings_encrypts_and_can_be_turned_off() {
    use overture::store::{Opened, SecretString, Store};
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    answer_until_done(&mut app, &reachable_answers());
    key(&mut app, KeyCode::Esc);
    home_to(&mut app, overture::tui::app::HomeItem::Settings);
    key(&mut app, KeyCode::Char('2'));
    assert!(app.secret.is_some(), "the lock item asks for a passphrase");
    // Letters that are keys elsewhere are typed, not obeyed.
    chars(&mut app, "quiet river 42");
    key(&mut app, KeyCode::Enter);
    chars(&mut app, "quiet river 4");
    key(&mut app, KeyCode::Enter);
    assert!(app.secret.is_some(), "a mismatch asks again");
    chars(&mut app, "quiet river 42");
    key(&mut app, KeyCode::Enter);
    chars(&mut app, "quiet river 42");
    // The last Enter first draws a frame that says what is happening (the key takes about
    // a second to derive), never the stale form; the loop then does the work.
    app.handle_key(ratatui::crossterm::event::KeyEvent::from(KeyCode::Enter));
    let working = render(&mut app, 80, 24);
    assert!(working.contains("Turning the lock on"), "{working}");
    assert!(!working.contains("Type it again"), "{working}");
    app.run_pending();
    assert!(app.secret.is_none());
    assert!(app.store().unwrap().is_locked_at_rest(), "{:?}", app.status);
    let done = render(&mut app, 80, 24);
    assert!(done.contains("Locked."), "the lock is confirmed:\n{done}");
    drop(app);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("husband"), "no answer text in any file");
    }
    let (mut store, opened) = Store::open_any(dir.path()).unwrap();
    assert!(matches!(opened, Opened::NeedsPassphrase { .. }));
    assert!(
        store
            .unlock(&SecretString::from("wrong".to_string()))
            .is_err()
    );
    let loaded = store
        .unlock(&SecretString::from("quiet river 42".to_string()))
        .unwrap();
    let overture::store::Loaded::Data(data) = loaded else {
        panic!("unlocked data expected");
    };
    assert_eq!(data.profile.unwrap().voice.partner, "husband");
}

#[test]
fn deleting_everything_also_deletes_the_encrypted_files_and_the_key() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("data");
    let mut app = open_app(&dir);
    first_run(&mut app);
    key(&mut app, KeyCode::Esc);
    home_to(&mut app, overture::tui::app::HomeItem::Settings);
    key(&mut app, KeyCode::Char('2'));
    for _ in 0..2 {
        chars(&mut app, "a long passphrase");
        key(&mut app, KeyCode::Enter);
    }
    assert!(dir.join("overture.key.age").exists(), "{:?}", app.status);
    let delete = app
        .settings_items()
        .iter()
        .position(|i| *i == overture::tui::app::SettingsItem::DeleteEverything)
        .unwrap();
    let n = char::from_digit(u32::try_from(delete + 1).unwrap(), 10).unwrap();
    key(&mut app, KeyCode::Char(n));
    key(&mut app, KeyCode::Char('y'));
    assert!(
        !dir.exists(),
        "every file, encrypted or not, is gone: {:?}",
        app.status
    );
}

/// Beside "Continue where you stopped", starting again says what it does to the unfinished
/// check-in; without one, it says nothing of the kind.
#[test]
fn start_beside_continue_says_it_clears_the_unfinished_check_in() {
    use overture::core::session::{self, HomeItem};
    let content = overture::content::Content::embedded().unwrap();
    let mut app = at_question("sig_contempt");
    key(&mut app, KeyCode::Esc);
    while app.screen != overture::tui::app::Screen::Home {
        key(&mut app, KeyCode::Esc);
    }
    assert!(app.data.draft.is_some());
    let items = app.home_items();
    assert!(items.contains(&HomeItem::Continue));
    let start = items
        .iter()
        .find(|i| matches!(i, HomeItem::Start | HomeItem::Retake))
        .copied()
        .unwrap();
    let label = session::home_label(&content, &app.glance(), start);
    assert!(label.contains("clears the unfinished one"), "{label}");
    app.data.draft = None;
    let label = session::home_label(&content, &app.glance(), start);
    assert!(!label.contains("unfinished"), "{label}");
}

#[test]
fn a_number_then_enter_answers_one_question_not_two() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    // Welcome, then the partner word and the pronouns each by number and Enter, as plain
    // mode takes them: the Enter after the pronouns' number must not answer the first
    // safety question (its first option is "Yes").
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(current_question(&app).as_deref(), Some("safety_physical"));
    assert!(
        saved(dir.path())["draft"]["answers"]
            .get("safety_physical")
            .is_none(),
        "the Enter answered the safety question: {}",
        saved(dir.path())["draft"]
    );
    assert!(
        format!("{:?}", app.status).contains("Nothing is chosen here yet"),
        "{:?}",
        app.status
    );
    // The same on a question: "No" by its number, then Enter.
    let no = option_number(&app, "no");
    key(&mut app, KeyCode::Char(no));
    let next = current_question(&app);
    assert_ne!(next.as_deref(), Some("safety_physical"));
    key(&mut app, KeyCode::Enter);
    assert_eq!(current_question(&app), next);
    let answers = saved(dir.path())["draft"]["answers"].clone();
    assert_eq!(answers["safety_physical"], serde_json::json!(["no"]));
    assert!(answers.get(next.as_deref().unwrap()).is_none(), "{answers}");
    // Any other key in between, and Enter chooses the highlighted answer as always.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_ne!(current_question(&app), next);
    assert!(
        saved(dir.path())["draft"]["answers"]
            .get(next.as_deref().unwrap())
            .is_some()
    );
}

#[test]
fn a_number_then_enter_logs_the_door_but_not_an_answer_never_given() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    reach_home(&mut app);
    let log = overture::core::session::HomeItem::LogAsk;
    key(&mut app, KeyCode::Char(log.key()));
    key(&mut app, KeyCode::Char('2'));
    assert_eq!(app.page_id(), PageId::LogAnswer);
    // The Enter would take the highlighted first answer, one the partner never gave.
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.page_id(), PageId::LogAnswer);
    assert!(app.text.is_none() && app.data.asks.is_empty());
    assert!(
        format!("{:?}", app.status).contains("Nothing is chosen here yet"),
        "{:?}",
        app.status
    );
}

#[test]
fn enter_again_and_again_steps_over_answers_but_never_answers_a_new_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    let mut asked = Vec::new();
    for _ in 0..3 {
        asked.push(current_question(&app).unwrap());
        let no = option_number(&app, "no");
        key(&mut app, KeyCode::Char(no));
    }
    let fourth = current_question(&app);
    for _ in 0..3 {
        key(&mut app, KeyCode::Esc);
    }
    assert_eq!(current_question(&app).as_ref(), asked.first());
    // Enter keeps each answer given and moves on, then stops at the first question with
    // none: its highlighted first option ("Yes") is not an answer the user gave.
    for _ in 0..6 {
        key(&mut app, KeyCode::Enter);
    }
    assert_eq!(current_question(&app), fourth);
    let answers = saved(dir.path())["draft"]["answers"].clone();
    for q in &asked {
        assert_eq!(answers[q.as_str()], serde_json::json!(["no"]), "{q}");
    }
    assert!(
        answers.get(fourth.as_deref().unwrap()).is_none(),
        "{answers}"
    );
    assert!(format!("{:?}", app.status).contains("Nothing is chosen here yet"));
}

#[test]
fn a_partner_word_typed_after_an_export_is_the_word_not_a_file() {
    use overture::core::session::HomeItem;
    let dir = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path()).with_export_dir(exports.path().to_path_buf());
    reach_home(&mut app);
    key(&mut app, KeyCode::Char(HomeItem::ExportSummary.key()));
    chars(&mut app, "summary.md");
    key(&mut app, KeyCode::Enter);
    assert!(
        exports.path().join("summary.md").exists(),
        "{:?}",
        app.status
    );
    key(&mut app, KeyCode::Char(HomeItem::ChangeVoice.key()));
    key(&mut app, KeyCode::Char('6'));
    assert!(render(&mut app, 100, 30).contains("Type your word"));
    chars(&mut app, "spouse");
    key(&mut app, KeyCode::Enter);
    assert!(
        !exports.path().join("spouse").exists(),
        "the partner word was taken as a file name: {:?}",
        app.status
    );
    assert_eq!(app.screen, Screen::Pronouns, "{:?}", app.status);
    key(&mut app, KeyCode::Enter);
    assert_eq!(saved(dir.path())["profile"]["voice"]["partner"], "spouse");
}

/// Leaving half a check-in that already holds a "yes" to a safety question asks first, to
/// point at the help lines; Ctrl-G from there shows them. With only "No" so far, q leaves.
#[test]
fn q_after_a_safety_yes_points_to_the_help_lines_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(dir.path());
    first_run(&mut app);
    key(&mut app, KeyCode::Char('1'));
    assert_eq!(app.screen, Screen::Question);
    key(&mut app, KeyCode::Char('q'));
    assert_eq!(app.exit, None, "q left at once");
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    let asked = render(&mut app, 80, 24);
    assert!(asked.contains("Ctrl-G shows the help lines"), "{asked}");
    ctrl(&mut app, 'g');
    assert_eq!(app.overlay, Some(Overlay::Crisis));

    let calm = tempfile::tempdir().unwrap();
    let mut app = open_app(calm.path());
    first_run(&mut app);
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('q'));
    assert_eq!(app.exit, Some(Exit::Normal));
}

#[test]
fn q_in_a_private_session_asks_first_because_nothing_is_kept() {
    let mut app = private_app();
    first_run(&mut app);
    key(&mut app, KeyCode::Char('q'));
    assert_eq!(app.exit, None, "q left a private session at once");
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    assert!(render(&mut app, 80, 24).contains("gone when you leave"));
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.exit, Some(Exit::Normal));
}
