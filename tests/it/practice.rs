//! Practice is not a report, and a delete is worked out again from what remains: a practised
//! reply changes the path only when the user says it has happened, and deleting any entry
//! leaves the path the remaining entries give (or, where the deleted entry held safety
//! information, the safety questions first), with words that say what changed.

use crate::common::answers_for;
use jiff::Timestamp;
use overture::content::Content;
use overture::core::flow::{Current, Flow};
use overture::core::gate::{self, Path};
use overture::core::history;
use overture::core::record::{AskAnswer, SavedData};
use overture::core::rehearsal::walk;
use overture::core::{Answers, asklog, session};
use std::sync::LazyLock;

static CONTENT: LazyLock<Content> = LazyLock::new(|| Content::embedded().expect("content"));

fn t(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_790_000_000 + seconds).expect("time")
}

fn answers(outcome: &str) -> Answers {
    let wanted = answers_for(outcome);
    let mut flow = Flow::new();
    while let Current::Question { question, .. } = flow.current(&CONTENT) {
        let keys = wanted.iter().find(|(q, _)| *q == question.id).map_or_else(
            || vec![question.options[0].key.clone()],
            |(_, k)| k.iter().map(|s| (*s).to_string()).collect(),
        );
        flow.answer(&CONTENT, keys).expect("answer");
    }
    flow.answers
}

fn checkin(data: &mut SavedData, outcome: &str, at: Timestamp) {
    session::start(data, at);
    session::finish(data, answers(outcome), at);
}

/// A rehearsal that practised `reply`, said to have happened or only pictured.
fn practise(data: &mut SavedData, reply: &str, happened: bool, at: Timestamp) {
    let entry = walk::enter(&CONTENT, data, at);
    assert!(
        matches!(entry, walk::Entry::Open(_)),
        "the rehearsal is open: {entry:?}"
    );
    let index = CONTENT
        .rehearsal
        .replies
        .iter()
        .position(|r| r.id == reply)
        .expect("reply");
    if walk::choose_reply(&CONTENT, data, index, at) == Some(walk::Stage::ReplyCheck) {
        walk::confirm_reply(&CONTENT, data, happened, at);
    }
}

/// Every history a person could build from one check-in of each outcome, a rehearsal with
/// each kind of practised reply (happened or pictured), and an ask with each kind of answer.
fn histories() -> Vec<(String, SavedData)> {
    let mut all = Vec::new();
    for first in [
        "reachable",
        "not_yet_clear",
        "red_flag",
        "not_first_step",
        "safety_first",
    ] {
        for second in [None, Some("reachable"), Some("red_flag")] {
            for practised in [
                None,
                Some(("fine", true)),
                Some(("mockery", true)),
                Some(("mockery", false)),
                Some(("threat", true)),
                Some(("threat", false)),
            ] {
                for ask in [
                    None,
                    Some(AskAnswer::Maybe),
                    Some(AskAnswer::Contempt),
                    Some(AskAnswer::Threat),
                ] {
                    let mut data = SavedData::default();
                    session::set_partner_word(&mut data, "partner", t(0));
                    checkin(&mut data, first, t(10));
                    if let Some(second) = second {
                        checkin(&mut data, second, t(20));
                    }
                    if let Some((reply, happened)) = practised {
                        if !matches!(
                            walk::enter(&CONTENT, &mut data.clone(), t(30)),
                            walk::Entry::Open(_)
                        ) {
                            continue;
                        }
                        practise(&mut data, reply, happened, t(30));
                    }
                    if let Some(answer) = ask {
                        asklog::log(&mut data, t(40), "coach", answer, "");
                    }
                    let name =
                        format!("{first}, then {second:?}, practised {practised:?}, asked {ask:?}");
                    all.push((name, data));
                }
            }
        }
    }
    all
}

#[test]
fn a_practised_reply_moves_the_path_only_when_it_has_happened() {
    for first in ["reachable", "not_yet_clear"] {
        for reply in CONTENT.rehearsal.replies.iter().map(|r| r.id.as_str()) {
            let mut data = SavedData::default();
            checkin(&mut data, first, t(10));
            let before = gate::current(&data);
            practise(&mut data, reply, false, t(20));
            assert_eq!(gate::current(&data), before, "{first}: {reply} pictured");
        }
    }
}

#[test]
fn a_delete_leaves_the_path_the_remaining_entries_give_or_the_safety_questions_first() {
    let mut checked = 0;
    for (name, data) in histories() {
        for snap in history::list(&data) {
            let mut deleted = data.clone();
            assert!(history::delete(&mut deleted, snap, t(50)));
            // The same entries, as if the deleted one had never been saved.
            let mut never = data.clone();
            let id = history::id(&data, snap).expect("id").to_string();
            never.assessments.retain(|a| a.id != id);
            never.rehearsals.retain(|r| r.id != id);
            never.asks.retain(|a| a.id != id);
            never.reviews.retain(|r| r.id != id);
            never.journal.retain(|j| j.id != id);
            let remaining = gate::current(&never);
            let now = gate::current(&deleted);
            if now == Some(Path::Recheck) {
                // Only for safety information, and only while a check-in remains.
                let before = gate::current(&data);
                assert!(
                    before.is_some_and(Path::is_safety) || remaining.is_some_and(Path::is_safety),
                    "{name}, deleting {snap:?}: the safety questions again, though no safety information was deleted"
                );
            } else {
                assert_eq!(now, remaining, "{name}, deleting {snap:?}");
            }
            // Words for the change whenever the path changed, and never otherwise.
            let said = history::change_after_delete(&CONTENT, gate::current(&data), &deleted);
            assert_eq!(
                said.is_some(),
                now != gate::current(&data),
                "{name}, deleting {snap:?}: {said:?}"
            );
            checked += 1;
        }
    }
    eprintln!("{checked} deletes checked");
    assert!(checked > 500, "{checked}");
}

/// A reachable check-in, a rehearsal whose practised `reply` the user said happened, then
/// that rehearsal deleted: the path before, what remains, and what the delete said.
fn report_then_delete(reply: &str) -> (Option<Path>, SavedData, String) {
    let mut data = SavedData::default();
    checkin(&mut data, "reachable", t(10));
    practise(&mut data, reply, true, t(20));
    let before = gate::current(&data);
    let snap = history::list(&data)
        .into_iter()
        .find(|s| s.kind == history::Kind::Rehearsal)
        .expect("the rehearsal");
    history::delete(&mut data, snap, t(30));
    let said = history::change_after_delete(&CONTENT, before, &data).expect("words");
    (before, data, said)
}

#[test]
fn deleting_a_reported_mockery_says_what_the_path_is_now() {
    let (before, data, said) = report_then_delete("mockery");
    assert_eq!(before, Some(Path::RedFlag));
    assert_eq!(gate::current(&data), Some(Path::Reachable));
    assert!(said.contains("Reluctant, but likely reachable"), "{said}");
    assert!(
        said.contains("it was \u{201c}This looks like more than reluctance"),
        "{said}"
    );
}

#[test]
fn deleting_a_reported_threat_asks_the_safety_questions_first_and_says_why() {
    let (before, data, said) = report_then_delete("threat");
    assert_eq!(before, Some(Path::Abuse));
    assert_eq!(gate::current(&data), Some(Path::Recheck));
    assert!(said.contains("safety questions come first again"), "{said}");
}
