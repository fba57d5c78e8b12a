//! "Since last time": what the saved answers show has moved, for the home screen. Derived
//! only from what is saved; a kind of line appears only when its data is there.

use super::glance::Glance;
use super::record::{AskAnswer, SavedData};
use super::timeline::{self, Standing};
use jiff::Timestamp;
use jiff::civil::Date;

/// The most lines the home screen shows.
pub const MAX_LINES: usize = 3;

/// The check-in's signals compared across check-ins, each with its options in order from
/// the reachable end to the red-flag end. Options outside the order ("I haven't asked",
/// "I haven't tried") are not a position and are never compared.
pub const SIGNALS: [(&str, &[&str]); 3] = [
    ("sig_contempt", &["never", "rarely", "sometimes", "often"]),
    ("sig_calm", &["curious", "defensive", "wall", "fight"]),
    ("sig_no", &["reason", "mixed", "shutdown"]),
];

/// One thing that moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Since {
    /// A signal answered differently in the last two check-ins.
    Signal {
        question: &'static str,
        from: String,
        to: String,
        /// The new answer is nearer the red-flag end.
        toward_red_flag: bool,
    },
    /// The timeline's review date has come and the review is not done.
    ReviewDue { days_over: u32 },
    /// The latest ask logged, `days_ago` local days before today.
    LastAsk { days_ago: u32, answer: AskAnswer },
}

/// What moved, at most [`MAX_LINES`], most important first: a signal moving toward the red
/// flag, then a review that is due, then the last ask, then other signal changes.
/// `local_date` gives the user's calendar date of a moment.
pub fn since(glance: &Glance, today: Date, local_date: impl Fn(Timestamp) -> Date) -> Vec<Since> {
    let signals = signal_changes(&glance.data);
    let (worse, other): (Vec<Since>, Vec<Since>) = signals.into_iter().partition(|s| {
        matches!(
            s,
            Since::Signal {
                toward_red_flag: true,
                ..
            }
        )
    });
    let mut lines = worse;
    if glance.timeline_offered
        && !glance.reviewed
        && let Some(window) = &glance.data.timeline
        && let Standing::ReviewDue { days_over } = window.standing(today)
    {
        lines.push(Since::ReviewDue { days_over });
    }
    if let Some((at, answer)) = glance.last_ask {
        let days = timeline::days_between(local_date(at), today);
        // An ask dated after today (a clock that was ahead) says nothing true about "ago".
        if let Ok(days_ago) = u32::try_from(days) {
            lines.push(Since::LastAsk { days_ago, answer });
        }
    }
    lines.extend(other);
    lines.truncate(MAX_LINES);
    lines
}

/// The signals answered differently in the last two finished check-ins, in [`SIGNALS`] order.
fn signal_changes(data: &SavedData) -> Vec<Since> {
    let n = data.assessments.len();
    if n < 2 {
        return Vec::new();
    }
    let (before, after) = (&data.assessments[n - 2], &data.assessments[n - 1]);
    let position = |answers: &super::answers::Answers, question: &str, order: &[&str]| {
        let keys = answers.get(question)?;
        let [key] = keys else { return None };
        let at = order.iter().position(|o| o == key)?;
        Some((key.clone(), at))
    };
    SIGNALS
        .iter()
        .filter_map(|&(question, order)| {
            let (from, was) = position(&before.answers, question, order)?;
            let (to, is) = position(&after.answers, question, order)?;
            (was != is).then_some(Since::Signal {
                question,
                from,
                to,
                toward_red_flag: is > was,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Answers;
    use crate::core::record::{AskEntry, AssessmentRecord, Timeline};
    use crate::core::triage::OutcomeKind;
    use proptest::prelude::*;

    fn at(day: i64) -> Timestamp {
        Timestamp::from_second(1_790_000_000 + day * 86_400).unwrap()
    }

    fn utc(ts: Timestamp) -> Date {
        ts.to_zoned(jiff::tz::TimeZone::UTC).date()
    }

    fn today() -> Date {
        utc(at(100))
    }

    fn check_in(day: i64, answers: &[(&str, &str)]) -> AssessmentRecord {
        let mut a = Answers::new();
        for (q, k) in answers {
            a.set(q, vec![(*k).to_string()]);
        }
        AssessmentRecord {
            id: format!("a{day}"),
            started_at: at(day),
            completed_at: at(day),
            answers: a,
            outcome: OutcomeKind::Reachable,
            reasons: Vec::new(),
            content_version: 1,
        }
    }

    fn ask(day: i64, answer: AskAnswer) -> AskEntry {
        AskEntry {
            id: format!("k{day}"),
            at: at(day),
            door: "couples_therapy".to_string(),
            answer,
            note: String::new(),
        }
    }

    #[test]
    fn nothing_saved_says_nothing() {
        assert!(since(&Glance::of(&SavedData::default()), today(), utc).is_empty());
        // One check-in: nothing to compare it with.
        let mut data = SavedData::default();
        data.assessments
            .push(check_in(1, &[("sig_contempt", "often")]));
        assert!(since(&Glance::of(&data), today(), utc).is_empty());
    }

    #[test]
    fn a_signal_line_appears_exactly_when_both_check_ins_place_it_differently() {
        let mut data = SavedData::default();
        data.assessments.push(check_in(
            1,
            &[
                ("sig_contempt", "sometimes"),
                ("sig_calm", "curious"),
                ("sig_no", "not_asked"),
            ],
        ));
        data.assessments.push(check_in(
            50,
            &[
                ("sig_contempt", "often"),
                ("sig_calm", "curious"),
                ("sig_no", "shutdown"),
            ],
        ));
        assert_eq!(
            since(&Glance::of(&data), today(), utc),
            vec![Since::Signal {
                question: "sig_contempt",
                from: "sometimes".into(),
                to: "often".into(),
                toward_red_flag: true,
            }],
            "unchanged calm and a no that was never asked say nothing"
        );
        // Moving back toward the reachable end is a line too, not a warning.
        data.assessments
            .push(check_in(60, &[("sig_contempt", "rarely")]));
        assert_eq!(
            since(&Glance::of(&data), today(), utc),
            vec![Since::Signal {
                question: "sig_contempt",
                from: "often".into(),
                to: "rarely".into(),
                toward_red_flag: false,
            }]
        );
    }

    #[test]
    fn the_review_line_appears_only_once_the_date_has_come_and_before_the_review() {
        let mut data = SavedData {
            timeline: Some(Timeline {
                started_on: utc(at(10)),
                days: 90,
            }),
            ..SavedData::default()
        };
        assert_eq!(
            since(&Glance::of(&data), today(), utc),
            vec![Since::ReviewDue { days_over: 0 }]
        );
        assert!(
            since(&Glance::of(&data), utc(at(99)), utc).is_empty(),
            "day 90 of 90"
        );
        data.reviews.push(crate::core::record::ReviewRecord {
            id: "r1".into(),
            at: at(100),
            window: data.timeline.clone().unwrap(),
            movement: std::collections::BTreeMap::default(),
            asks: std::collections::BTreeMap::default(),
            verdict: crate::core::record::Verdict::Flat,
        });
        assert!(
            since(&Glance::of(&data), today(), utc).is_empty(),
            "reviewed"
        );
    }

    #[test]
    fn the_last_ask_line_names_the_latest_ask_and_never_one_from_the_future() {
        let mut data = SavedData::default();
        data.asks.push(ask(88, AskAnswer::AskedQuestion));
        data.asks.push(ask(80, AskAnswer::NoWithReason));
        assert_eq!(
            since(&Glance::of(&data), today(), utc),
            vec![Since::LastAsk {
                days_ago: 12,
                answer: AskAnswer::AskedQuestion,
            }]
        );
        let mut ahead = SavedData::default();
        ahead.asks.push(ask(105, AskAnswer::Yes));
        assert!(since(&Glance::of(&ahead), today(), utc).is_empty());
    }

    #[test]
    fn a_move_toward_the_red_flag_comes_first() {
        let mut data = SavedData::default();
        data.asks.push(ask(90, AskAnswer::Maybe));
        data.assessments
            .push(check_in(1, &[("sig_calm", "wall"), ("sig_no", "reason")]));
        data.assessments.push(check_in(
            50,
            &[("sig_calm", "curious"), ("sig_no", "shutdown")],
        ));
        let lines = since(&Glance::of(&data), today(), utc);
        assert!(
            matches!(
                &lines[0],
                Since::Signal {
                    question: "sig_no",
                    toward_red_flag: true,
                    ..
                }
            ),
            "{lines:?}"
        );
        assert!(matches!(lines[1], Since::LastAsk { .. }), "{lines:?}");
        assert!(
            matches!(
                &lines[2],
                Since::Signal {
                    question: "sig_calm",
                    toward_red_flag: false,
                    ..
                }
            ),
            "{lines:?}"
        );
    }

    const KEYS: [&str; 6] = ["never", "often", "curious", "fight", "reason", "untried"];

    proptest! {
        #[test]
        fn never_more_than_three_lines(
            checkins in proptest::collection::vec(
                proptest::collection::vec((0usize..3, 0usize..6), 0..4), 0..6),
            asks in proptest::collection::vec((0i64..200, 0usize..8), 0..5),
            window in proptest::option::of((0i64..150, 1u32..120)),
            reviewed in any::<bool>(),
        ) {
            let mut data = SavedData::default();
            for (n, answers) in checkins.iter().enumerate() {
                let pairs: Vec<(&str, &str)> = answers
                    .iter()
                    .map(|&(q, k)| (SIGNALS[q].0, KEYS[k]))
                    .collect();
                data.assessments.push(check_in(i64::try_from(n).unwrap(), &pairs));
            }
            for &(day, a) in &asks {
                data.asks.push(ask(day, crate::core::asklog::ASK_ANSWERS[a].0));
            }
            if let Some((start, days)) = window {
                let t = Timeline { started_on: utc(at(start)), days };
                if reviewed {
                    data.reviews.push(crate::core::record::ReviewRecord {
                        id: "r".into(),
                        at: at(start),
                        window: t.clone(),
                        movement: std::collections::BTreeMap::default(),
                        asks: std::collections::BTreeMap::default(),
                        verdict: crate::core::record::Verdict::Flat,
                    });
                }
                data.timeline = Some(t);
            }
            let lines = since(&Glance::of(&data), today(), utc);
            prop_assert!(lines.len() <= MAX_LINES, "{lines:?}");
            let reviews = lines.iter().filter(|l| matches!(l, Since::ReviewDue { .. })).count();
            prop_assert!(reviews <= 1);
            if data.assessments.len() < 2 {
                let signal = lines.iter().any(|l| matches!(l, Since::Signal { .. }));
                prop_assert!(!signal);
            }
            if data.asks.is_empty() {
                let last_ask = lines.iter().any(|l| matches!(l, Since::LastAsk { .. }));
                prop_assert!(!last_ask);
            }
        }
    }
}
