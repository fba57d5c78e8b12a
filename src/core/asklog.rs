//! The ask log: each time the user raised it, which door they offered and how the partner
//! answered; the path that follows from it; and the plan for repeated "no".
//!
//! A logged threat is safety information and a logged contempt is a red flag, exactly as the
//! same answers in the check-in: that is code here, never content.

use super::gate::Path;
use super::record::{AskAnswer, AskEntry, SavedData};
use super::triage::OutcomeKind;
use crate::content::Content;
use jiff::Timestamp;

/// Every answer an ask can record, in the order offered, with its id in `after.json`.
pub const ASK_ANSWERS: [(AskAnswer, &str); 8] = [
    (AskAnswer::Yes, "yes"),
    (AskAnswer::Maybe, "maybe"),
    (AskAnswer::AskedQuestion, "asked_question"),
    (AskAnswer::NoWithReason, "no_with_reason"),
    (AskAnswer::NoWithoutReason, "no_without_reason"),
    (AskAnswer::WalkedAway, "walked_away"),
    (AskAnswer::Contempt, "contempt"),
    (AskAnswer::Threat, "threat"),
];

/// The doors an ask can record, in the order offered (the content marks them `in_ask_log`).
pub fn ask_doors(content: &Content) -> Vec<&str> {
    content
        .after
        .doors
        .iter()
        .filter(|d| d.in_ask_log)
        .map(|d| d.id.as_str())
        .collect()
}

/// The ask-log door at `index`, or the first one for an index past the end.
pub fn ask_door(content: &Content, index: usize) -> &str {
    let doors = ask_doors(content);
    doors
        .get(index)
        .or_else(|| doors.first())
        .copied()
        .unwrap_or_default()
}

/// How many "no"s since the last yes before the plan for repeated "no" is offered.
pub const REPEATED_NO_AFTER: usize = 3;

impl AskAnswer {
    pub fn id(self) -> &'static str {
        ASK_ANSWERS
            .iter()
            .find(|(a, _)| *a == self)
            .map_or("", |(_, id)| id)
    }

    /// The path this answer switches to, whatever else the data says.
    pub fn switch(self) -> Option<OutcomeKind> {
        match self {
            AskAnswer::Threat => Some(OutcomeKind::SafetyFirst),
            AskAnswer::Contempt => Some(OutcomeKind::RedFlag),
            _ => None,
        }
    }

    /// Whether this answer is a "no" of some kind (counts towards the repeated-no plan).
    pub fn is_no(self) -> bool {
        matches!(
            self,
            AskAnswer::NoWithReason
                | AskAnswer::NoWithoutReason
                | AskAnswer::WalkedAway
                | AskAnswer::Contempt
                | AskAnswer::Threat
        )
    }
}

/// Records an ask and returns its id.
pub fn log(
    data: &mut SavedData,
    at: Timestamp,
    door: &str,
    answer: AskAnswer,
    note: &str,
) -> String {
    let id = super::record::unique_id("k", at, &data.asks.iter().map(|a| a.id.as_str()));
    let entry = AskEntry {
        id: id.clone(),
        at,
        door: door.to_string(),
        answer,
        note: note.trim().to_string(),
    };
    if data.asks.is_sorted_by_key(|a| a.at) {
        // In time order, after any at the same moment: usually at the end, so the save
        // appends one record rather than the whole list.
        let place = data.asks.partition_point(|a| a.at <= at);
        data.asks.insert(place, entry);
    } else {
        data.asks.push(entry);
        data.asks.sort_by_key(|a| a.at);
    }
    id
}

/// The "no"s logged since the last yes.
pub fn noes_since_yes(data: &SavedData) -> usize {
    data.asks
        .iter()
        .rev()
        .take_while(|a| a.answer != AskAnswer::Yes)
        .filter(|a| a.answer.is_no())
        .count()
}

/// Whether the latest logged ask was answered yes.
pub fn latest_is_yes(data: &SavedData) -> bool {
    data.asks.last().is_some_and(|a| a.answer == AskAnswer::Yes)
}

/// Whether any logged ask was answered yes: without one, the "no"s are counted from the start.
pub fn any_yes(data: &SavedData) -> bool {
    data.asks.iter().any(|a| a.answer == AskAnswer::Yes)
}

/// Whether the plan for repeated "no" is offered: three "no"s since the last yes, or the
/// latest check-in says the user has asked many times already, and no yes came after it.
pub fn repeated_no_due(data: &SavedData) -> bool {
    noes_since_yes(data) >= REPEATED_NO_AFTER
        || data.latest_assessment().is_some_and(|a| {
            a.answers.single(ASKED_COUNT_QUESTION) == Some("many")
                && !data
                    .asks
                    .iter()
                    .any(|ask| ask.answer == AskAnswer::Yes && ask.at > a.completed_at)
        })
}

/// The check-in question that says how often the user has asked already.
pub const ASKED_COUNT_QUESTION: &str = "asked_count";

/// Where the user stands now, for every screen after the check-in: the latest check-in's
/// outcome, made stricter (never milder) by what came after it. A threat in any later
/// safety information (a log entry, a practised reply, a re-check) is the safety path; a
/// logged contempt or a practised mockery since the check-in is at least the red-flag path.
/// A deleted snapshot that held safety information counts as the safety path until the
/// safety questions are answered again. `None` before the first check-in.
pub fn current_outcome(data: &SavedData) -> Option<OutcomeKind> {
    let latest = data.latest_assessment()?;
    let mut outcome = latest.outcome;
    if super::rehearsal::safety_flagged(data) || super::rehearsal::recheck_pending(data) {
        outcome = outcome.min(OutcomeKind::SafetyFirst);
    }
    if super::rehearsal::contempt_since(data, latest.completed_at) {
        outcome = outcome.min(OutcomeKind::RedFlag);
    }
    Some(outcome)
}

/// Why the path now is stricter than the latest check-in's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stricter {
    /// A logged answer that was a threat.
    LoggedThreat,
    /// A practised reply that was a threat.
    PractisedThreat,
    /// A short safety re-check found signs of danger.
    SafetyCheck,
    /// An earlier check-in or re-check said "yes" or "not sure" to a question about what has
    /// ever happened, and a later "No" does not undo that.
    EarlierAnswers,
    /// An entry with safety information was deleted: the safety questions come first again.
    DeletedSafety,
    /// A logged answer that was mockery or contempt.
    LoggedContempt,
    /// A practised reply that was mockery or contempt.
    PractisedMockery,
}

impl Stricter {
    /// The reason in words, to follow "because" (a template: render it with the voice).
    pub fn because(self) -> &'static str {
        match self {
            Stricter::LoggedThreat => "you logged a threat",
            Stricter::PractisedThreat => {
                "you said in the rehearsal that {they} {has|have} answered you with a threat"
            }
            Stricter::SafetyCheck => "your latest safety questions found signs of danger",
            Stricter::EarlierAnswers => {
                "an earlier check-in found signs of danger in what has ever happened, and a later \u{201c}No\u{201d} does not undo that"
            }
            Stricter::DeletedSafety => {
                "you deleted an entry that held safety information, so the safety questions come first again"
            }
            Stricter::LoggedContempt => "you logged mockery or contempt",
            Stricter::PractisedMockery => {
                "you said in the rehearsal that {they} {has|have} answered you with mockery or contempt"
            }
        }
    }
}

/// Why `current_outcome` is stricter than the latest check-in's result, or `None` when it is
/// that result.
pub fn stricter_because(data: &SavedData) -> Option<Stricter> {
    use crate::content::rehearsal::ReplySwitch;
    let latest = data.latest_assessment()?;
    // Contempt since a "not the first step" check-in leaves the tier where it was, but the
    // red flag leads: it is never outranked by the screen-out.
    let contempt_beside_screen_out = latest.outcome == OutcomeKind::NotFirstStep
        && super::rehearsal::contempt_since(data, latest.completed_at);
    if current_outcome(data) == Some(latest.outcome) && !contempt_beside_screen_out {
        return None;
    }
    let latest_ask = |answer: AskAnswer| {
        data.asks
            .iter()
            .filter(|a| a.answer == answer)
            .map(|a| a.at)
            .max()
    };
    let latest_reply = |switch: ReplySwitch| {
        data.rehearsals
            .iter()
            .filter(|r| r.switched == Some(switch))
            .map(|r| r.updated_at)
            .max()
    };
    if super::rehearsal::latest_safety_flagged(data) {
        let check = data
            .safety_checks
            .iter()
            .filter(|c| super::triage::safety_gate(&c.answers).is_some())
            .map(|c| c.at)
            .max();
        let candidates = [
            (latest_ask(AskAnswer::Threat), Stricter::LoggedThreat),
            (latest_reply(ReplySwitch::Safety), Stricter::PractisedThreat),
            (check, Stricter::SafetyCheck),
        ];
        return candidates
            .into_iter()
            .filter_map(|(at, why)| at.map(|at| (at, why)))
            .max_by_key(|(at, _)| *at)
            .map(|(_, why)| why);
    }
    if super::rehearsal::earlier_danger(data).is_some() {
        return Some(Stricter::EarlierAnswers);
    }
    if super::rehearsal::recheck_pending(data) {
        return Some(Stricter::DeletedSafety);
    }
    let logged = latest_ask(AskAnswer::Contempt);
    let practised = latest_reply(ReplySwitch::RedFlag);
    Some(if logged >= practised {
        Stricter::LoggedContempt
    } else {
        Stricter::PractisedMockery
    })
}

/// The plan's steps a path allows, in order: the gate decides by each step's kind (on the
/// safety path only support, on the red-flag path no asking again).
fn allowed_steps(
    content: &Content,
    path: Path,
) -> impl Iterator<Item = &crate::content::after::PlanStep> {
    content
        .after
        .repeated_no
        .steps
        .iter()
        .filter(move |s| path.allows(s.kind))
}

/// The ids of the plan's steps on a path, in order.
pub fn plan_steps(content: &Content, path: Path) -> Vec<&str> {
    allowed_steps(content, path)
        .map(|s| s.id.as_str())
        .collect()
}

/// The plan's steps for this user now: their path's, less those whose condition their latest
/// check-in does not meet (the reply to "you're the one who needs help" only when they said
/// their partner says so).
pub fn plan_steps_now<'c>(content: &'c Content, data: &SavedData) -> Vec<&'c str> {
    let Some(path) = super::gate::current(data) else {
        return Vec::new();
    };
    let tags = data
        .latest_assessment()
        .map(|a| a.answers.tags(content))
        .unwrap_or_default();
    allowed_steps(content, path)
        .filter(|s| s.when.as_ref().is_none_or(|w| w.matches(&tags)))
        .map(|s| s.id.as_str())
        .collect()
}

/// Whether the plan must warn that leaving can raise danger (and never suggest announcing
/// it): on the safety paths and wherever a red flag is, beside a screen-out too.
pub fn leaving_warning(path: Path) -> bool {
    path.is_safety() || path == Path::RedFlag
}

/// Whether the plan for repeated "no" follows right after the ask just logged: it is due,
/// and that answer did not switch paths (a threat or contempt has its own page first).
pub fn plan_follows_log(data: &SavedData) -> bool {
    repeated_no_due(data)
        && data
            .asks
            .last()
            .is_some_and(|a| a.answer.switch().is_none())
}

/// Whether the user may write their own boundary: the plan on their path has that step.
pub fn boundary_offered(content: &Content, data: &SavedData) -> bool {
    super::gate::current(data)
        .is_some_and(|path| allowed_steps(content, path).any(|s| s.writes_boundary))
}

/// What keeping a boundary did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoundaryEdit {
    /// No words: nothing kept.
    Empty,
    /// The same words as the latest version: nothing new kept.
    Unchanged,
    /// Kept as a new latest version (earlier ones stay). Save after.
    Kept,
}

/// Keeps the user's boundary as a new dated version.
pub fn keep_boundary(data: &mut SavedData, at: Timestamp, text: &str) -> BoundaryEdit {
    if text.trim().is_empty() {
        return BoundaryEdit::Empty;
    }
    if data.boundaries.last().is_some_and(|b| b.text == text) {
        return BoundaryEdit::Unchanged;
    }
    data.boundaries.push(super::record::ScriptVersion {
        at,
        text: text.to_string(),
    });
    BoundaryEdit::Kept
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn at(hour: i64) -> Timestamp {
        Timestamp::from_second(1_780_000_000 + hour * 3600).unwrap()
    }

    #[test]
    fn asks_stay_in_time_order_and_a_new_one_changes_only_the_end() {
        let mut data = SavedData::default();
        for hour in [1, 5, 9] {
            log(&mut data, at(hour), "coach", AskAnswer::NoWithoutReason, "");
        }
        data.asks.mark_unchanged();
        // Logged now: only the end of the list changes, so a save appends one record.
        log(&mut data, at(12), "coach", AskAnswer::NoWithoutReason, "");
        assert_eq!(data.asks.changed_from(), 3);
        // Logged for an earlier day: it goes in its place.
        log(&mut data, at(3), "coach", AskAnswer::Yes, "earlier");
        let hours: Vec<i64> = data
            .asks
            .iter()
            .map(|a| (a.at.as_second() - 1_780_000_000) / 3600)
            .collect();
        assert_eq!(hours, [1, 3, 5, 9, 12]);
        assert_eq!(data.asks[1].note, "earlier");
        // Two at the same moment keep the order they were logged in.
        log(
            &mut data,
            at(12),
            "course",
            AskAnswer::NoWithoutReason,
            "second at noon",
        );
        assert_eq!(data.asks[5].note, "second at noon");
    }
}
