//! A generated long history for benchmarks and the start-up measurement: years of use, every
//! kind of snapshot. Not used by the app; it holds no real answers.

use crate::content::{Content, Pronouns, Voice};
use crate::core::answers::Answers;
use crate::core::flow::{Current, Flow};
use crate::core::record::{
    AskAnswer, AskEntry, JournalEntry, Movement, Profile, Readiness, RehearsalRecord, ReviewRecord,
    SavedData, ScriptVersion, Timeline, Verdict,
};
use crate::core::{session, timeline};
use jiff::Timestamp;
use std::collections::BTreeMap;

/// Ten years of weekly use, about ten snapshots a week of every kind.
pub const SNAPSHOTS: usize = 5_000;

/// The first snapshot: 2016-12-01, ten years before the benchmarks' "today".
const FIRST_SECOND: i64 = 1_480_550_400;
/// Ten years of seconds spread over [`SNAPSHOTS`]: one snapshot every ~17.5 hours.
const SPACING_SECONDS: i64 = 315_360_000 / 5_000;

/// "Reluctant but reachable" answers (every other question: its first option). The generated
/// history varies the contempt answer so that compares find changes.
pub const REACHABLE_ANSWERS: [(&str, &str); 16] = [
    ("safety_physical", "no"),
    ("safety_sexual", "no"),
    ("safety_threats", "no"),
    ("safety_suicide_threat", "no"),
    ("safety_choking_weapon", "no"),
    ("safety_monitoring", "no"),
    ("safety_control", "no"),
    ("safety_afraid", "no"),
    ("self_harm", "no"),
    ("screen_affair", "no"),
    ("screen_addiction", "no"),
    ("screen_crisis", "no"),
    ("screen_gone", "no"),
    ("sig_no", "reason"),
    ("sig_calm", "curious"),
    ("sig_underneath", "bad_past"),
];

/// The asks a user logs most: reachable answers, with a no now and then (never contempt or a
/// threat, which would route the whole history to a safety path).
const ASK_ANSWERS: [AskAnswer; 5] = [
    AskAnswer::NoWithReason,
    AskAnswer::Maybe,
    AskAnswer::NoWithoutReason,
    AskAnswer::AskedQuestion,
    AskAnswer::WalkedAway,
];

const NOTE: &str = "We were out walking after dinner and it felt calm enough. I said what I \
                    miss and asked if a single session could be worth a try.";
const JOURNAL: &str = "Tonight the argument started over the dishes again, but underneath it I \
                       think we were both tired and lonely. I noticed I went quiet instead of \
                       saying that I felt left out. Next time I want to say it early, once, \
                       without the list of everything else.";
const LINE: &str = "I have been missing how we used to talk on Sunday mornings, and I would \
                    like us to find that again, together, in whatever way feels safe to you.";

fn at(i: usize) -> Timestamp {
    let offset = i64::try_from(i).map_or(i64::MAX, |i| i.saturating_mul(SPACING_SECONDS));
    Timestamp::from_second(FIRST_SECOND.saturating_add(offset)).unwrap_or(Timestamp::MAX)
}

/// A check-in answered with [`REACHABLE_ANSWERS`] and `contempt` for its contempt question,
/// up to (not including) the question `stop`, or to the end.
pub fn answered(content: &Content, contempt: &str, stop: Option<&str>) -> Flow {
    let mut flow = Flow::new();
    while let Current::Question { question, .. } = flow.current(content) {
        if Some(question.id.as_str()) == stop {
            break;
        }
        let key = if question.id == "sig_contempt" {
            contempt.to_string()
        } else {
            REACHABLE_ANSWERS
                .iter()
                .find(|(q, _)| *q == question.id)
                .map_or_else(
                    || question.options[0].key.clone(),
                    |(_, k)| (*k).to_string(),
                )
        };
        if flow.answer(content, vec![key]).is_err() {
            break;
        }
    }
    flow
}

/// Saved data with `count` snapshots of every kind, oldest first, spread over ten years:
/// per ten, one check-in, one rehearsal, four asks, three journal entries and one review.
pub fn long_history(content: &Content, count: usize) -> SavedData {
    let mut data = SavedData {
        profile: Some(Profile {
            voice: Voice {
                partner: "husband".into(),
                pronouns: Pronouns::He,
            },
            created_at: at(0),
        }),
        ..SavedData::default()
    };
    let contempt = ["never", "sometimes", "never", "often"];
    let answers: Vec<Answers> = contempt
        .iter()
        .map(|c| answered(content, c, None).answers)
        .collect();
    let step_ids: Vec<&str> = content
        .rehearsal
        .steps
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    let door_ids: Vec<&str> = content.after.doors.iter().map(|d| d.id.as_str()).collect();
    for i in 0..count {
        let when = at(i);
        match i % 10 {
            0 => {
                session::start(&mut data, when);
                session::finish(&mut data, answers[(i / 10) % answers.len()].clone(), when);
            }
            1 => data.rehearsals.push(RehearsalRecord {
                id: format!("r{i}"),
                started_at: when,
                updated_at: when,
                finished_at: Some(when),
                readiness_before: Some(Readiness {
                    importance: 8,
                    confidence: 4,
                    note: String::new(),
                }),
                readiness_after: Some(Readiness {
                    importance: 8,
                    confidence: 6,
                    note: String::new(),
                }),
                lines: step_ids
                    .iter()
                    .map(|s| ((*s).to_string(), LINE.to_string()))
                    .collect(),
                current_step: None,
                reply: None,
                switched: None,
                pictured: false,
                recheck_due: false,
                scripts: vec![ScriptVersion {
                    at: when,
                    text: LINE.repeat(3),
                }],
            }),
            2..=5 => data.asks.push(AskEntry {
                id: format!("k{i}"),
                at: when,
                door: door_ids[i % door_ids.len()].to_string(),
                answer: ASK_ANSWERS[(i / 10) % ASK_ANSWERS.len()],
                note: if i % 2 == 0 {
                    NOTE.to_string()
                } else {
                    String::new()
                },
            }),
            6..=8 => data.journal.push(JournalEntry {
                id: format!("j{i}"),
                at: when,
                prompt: None,
                text: JOURNAL.to_string(),
            }),
            _ => data.reviews.push(ReviewRecord {
                id: format!("v{i}"),
                at: when,
                window: Timeline {
                    started_on: when.to_zoned(jiff::tz::TimeZone::UTC).date(),
                    days: timeline::DEFAULT_DAYS,
                },
                movement: content
                    .after
                    .timeline
                    .movement
                    .iter()
                    .map(|m| (m.id.clone(), Movement::ALittle))
                    .collect(),
                asks: BTreeMap::from([(AskAnswer::NoWithReason, 3), (AskAnswer::Maybe, 1)]),
                verdict: Verdict::Some,
            }),
        }
    }
    data.timeline = Some(Timeline {
        started_on: at(count).to_zoned(jiff::tz::TimeZone::UTC).date(),
        days: timeline::DEFAULT_DAYS,
    });
    data
}
