//! The invitation rehearsal: who may enter it (the gate), which example lines fit this user,
//! and the script and letter assembled from the user's own lines.

use super::draft;
use super::plan;
use super::record::{RehearsalRecord, SavedData};
use super::triage::{self, OutcomeKind};
use crate::content::rehearsal::{Example, RehearsalStep, ReplySwitch};
use crate::content::{Content, Voice, render};
use jiff::{Timestamp, ToSpan};
use std::collections::BTreeSet;

pub mod walk;
pub use walk::Stage;

/// A safety check older than this is re-asked before a rehearsal.
pub const RECHECK_AFTER_DAYS: i64 = 30;

/// How many example lines a step shows.
pub const EXAMPLES_SHOWN: usize = 3;

/// Whether the rehearsal may be entered now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    Open,
    /// No check-in yet: the rehearsal is matched to it, and the safety check comes first.
    NoAssessment,
    /// The latest safety information shows an abuse indicator or self-harm (or a practised
    /// reply was a threat): no rehearsal, support and crisis lines instead.
    Safety,
    /// The latest result is a red flag or "not the first step" (or a practised reply was
    /// mockery): own support first.
    OtherFirst,
    /// The last safety check is more than 30 days old: a short re-check first.
    RecheckDue,
}

/// Every dated piece of safety information, each with whether it shows danger: check-ins,
/// re-checks, practised replies that were threats, and logged threats. Lazy, so a caller that
/// only needs the latest can judge the few at that moment and skip the rest.
fn safety_events(data: &SavedData) -> impl Iterator<Item = (Timestamp, SafetyFlag<'_>)> {
    let assessments = data
        .assessments
        .iter()
        .map(|a| (a.completed_at, SafetyFlag::Answers(&a.answers)));
    let checks = data
        .safety_checks
        .iter()
        .map(|c| (c.at, SafetyFlag::Answers(&c.answers)));
    // A practised reply that was a threat is safety information too, and it is never cleared
    // by anything older than itself.
    let replies = data
        .rehearsals
        .iter()
        .filter(|r| r.switched == Some(ReplySwitch::Safety))
        .map(|r| (r.updated_at, SafetyFlag::Flagged));
    // So is a threat the user logged after an ask.
    let asks = data
        .asks
        .iter()
        .filter(|a| a.answer.switch() == Some(OutcomeKind::SafetyFirst))
        .map(|a| (a.at, SafetyFlag::Flagged));
    assessments.chain(checks).chain(replies).chain(asks)
}

/// Whether one piece of safety information shows danger, judged only when asked.
#[derive(Clone, Copy)]
enum SafetyFlag<'a> {
    Answers(&'a super::Answers),
    Flagged,
}

impl SafetyFlag<'_> {
    fn flagged(self) -> bool {
        match self {
            SafetyFlag::Answers(answers) => triage::safety_gate(answers).is_some(),
            SafetyFlag::Flagged => true,
        }
    }
}

/// Whether the latest safety information (a check-in, a re-check, a practised reply, a
/// logged answer) shows an abuse indicator or self-harm.
pub fn latest_safety_flagged(data: &SavedData) -> bool {
    // A flagged event at the same instant as a clean one wins. Only the events at the latest
    // instant are judged: with years of history that is a handful, not thousands.
    let Some(last) = safety_events(data).map(|(at, _)| at).max() else {
        return false;
    };
    safety_events(data)
        .filter(|(at, _)| *at == last)
        .any(|(_, flag)| flag.flagged())
}

/// The newest check-in that said "yes" or "not sure" to a question about what has ever
/// happened (`triage::EVER_QUESTIONS`), with when it was finished and what those answers show
/// on their own. A later "No" does not undo such an answer; deleting the check-in does (and
/// the safety questions then come first again: `history::delete`). Short re-checks are left
/// out: they cannot be deleted one by one, and the latest of them speaks as before.
pub fn earlier_danger(data: &SavedData) -> Option<(Timestamp, triage::Outcome)> {
    // Check-ins are kept oldest first (the latest is the last): the first found from the end
    // is the newest, and the rest need not be read. Only a check-in that ended on the safety
    // path can hold such an answer (one alone puts it there; `history::carries_safety` reads
    // it the same way), so the others' answers are not looked up: this runs at every save.
    data.assessments
        .iter()
        .rev()
        .filter(|a| a.outcome == OutcomeKind::SafetyFirst)
        .find_map(|a| triage::ever_danger(&a.answers).map(|o| (a.completed_at, o)))
}

/// Whether the safety information shows danger now: the latest of it, or an earlier answer
/// about what has ever happened ([`earlier_danger`]).
pub fn safety_flagged(data: &SavedData) -> bool {
    latest_safety_flagged(data) || earlier_danger(data).is_some()
}

/// Whether contempt was seen since `since`: a practised reply that was mockery, or a logged
/// answer that was contempt.
pub fn contempt_since(data: &SavedData, since: Timestamp) -> bool {
    data.rehearsals
        .iter()
        .any(|r| r.switched == Some(ReplySwitch::RedFlag) && r.updated_at >= since)
        || data
            .asks
            .iter()
            .any(|a| a.answer.switch() == Some(OutcomeKind::RedFlag) && a.at >= since)
}

/// When the latest safety check (full or short) was taken.
pub fn last_safety_check(data: &SavedData) -> Option<Timestamp> {
    data.assessments
        .iter()
        .map(|a| a.completed_at)
        .chain(data.safety_checks.iter().map(|c| c.at))
        .max()
}

/// Whether a snapshot that held safety information was deleted after the latest safety
/// check: until the safety questions are answered again, the deleted answer still counts.
pub fn recheck_pending(data: &SavedData) -> bool {
    data.recheck_after
        .is_some_and(|deleted| last_safety_check(data).is_none_or(|at| at <= deleted))
}

/// The gate, first match wins: no check-in, safety, re-check due, other steps first, open.
pub fn gate(data: &SavedData, now: Timestamp) -> Gate {
    if data.latest_assessment().is_none() {
        return Gate::NoAssessment;
    }
    if safety_flagged(data) {
        return Gate::Safety;
    }
    // A timestamp has no calendar, so 30 days are counted as 30 x 24 hours.
    let due = last_safety_check(data)
        .and_then(|at| at.checked_add((RECHECK_AFTER_DAYS * 24).hours()).ok())
        .is_none_or(|limit| limit < now);
    if due || recheck_pending(data) {
        return Gate::RecheckDue;
    }
    if !super::gate::capabilities(data).is_some_and(|c| c.rehearsal) {
        return Gate::OtherFirst;
    }
    Gate::Open
}

/// The tags example lines are matched against: the latest check-in's answers and outcome.
pub fn tags(content: &Content, data: &SavedData) -> BTreeSet<String> {
    data.latest_assessment()
        .map(|a| {
            let outcome = triage::triage(&a.answers);
            plan::tags(content, &a.answers, &outcome)
        })
        .unwrap_or_default()
}

/// The example lines of a step that fit this user, most specific first.
pub fn examples<'c>(
    content: &'c Content,
    step_id: &str,
    tags: &BTreeSet<String>,
) -> Vec<&'c Example> {
    let Some(step) = content.rehearsal.steps.iter().find(|s| s.id == step_id) else {
        return Vec::new();
    };
    let mut fitting: Vec<&Example> = step
        .examples
        .iter()
        .filter(|e| e.when.matches(tags))
        .collect();
    // A condition that names more tags was written for fewer people: show it first.
    fitting.sort_by_key(|e| std::cmp::Reverse(e.when.all.len() + e.when.any.len().min(1)));
    fitting.truncate(EXAMPLES_SHOWN);
    fitting
}

/// The user's lines, in step order, as one script to read aloud.
pub fn script(content: &Content, record: &RehearsalRecord) -> String {
    content
        .rehearsal
        .steps
        .iter()
        .filter(|s| s.in_script)
        .filter_map(|s| record.lines.get(&s.id))
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The letter's body: the script without the user's lines from steps that belong to the
/// conversation itself (asking for the time to talk, what to ask after a no), since a letter
/// is read before either; and those steps. A script as the rehearsal assembled it is built
/// again from the letter's steps. An edited one loses such a line only where it still holds
/// it exactly, once (a line also written for another step, or rewritten for the letter,
/// stays); with nothing left out it is returned as written.
pub fn letter_body<'c>(
    content: &'c Content,
    record: &RehearsalRecord,
    script_text: &str,
) -> (String, Vec<&'c RehearsalStep>) {
    fn paragraphs(text: &str) -> Vec<&str> {
        text.split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect()
    }
    let written = |s: &&RehearsalStep| {
        s.in_script
            && record
                .lines
                .get(&s.id)
                .is_some_and(|l| !l.trim().is_empty())
    };
    let steps = &content.rehearsal.steps;
    if script_text.trim() == script(content, record).trim() {
        let body = steps
            .iter()
            .filter(|s| s.in_letter)
            .filter(written)
            .filter_map(|s| record.lines.get(&s.id))
            .map(|line| line.trim())
            .collect::<Vec<_>>()
            .join("\n\n");
        return (
            body,
            steps
                .iter()
                .filter(|s| !s.in_letter)
                .filter(written)
                .collect(),
        );
    }
    let mut body = paragraphs(script_text);
    let mut left_out = Vec::new();
    for step in steps.iter().filter(|s| !s.in_letter).filter(written) {
        let run = paragraphs(record.lines.get(&step.id).map_or("", String::as_str));
        let mut at = body
            .windows(run.len())
            .enumerate()
            .filter(|(_, w)| *w == run.as_slice())
            .map(|(i, _)| i);
        if let (Some(i), None) = (at.next(), at.next()) {
            body.drain(i..i + run.len());
            left_out.push(step);
        }
    }
    if left_out.is_empty() {
        return (script_text.to_string(), left_out);
    }
    (body.join("\n\n"), left_out)
}

/// Whether the checker read an ultimatum or pressure in the user's lines: then the
/// letter's closing must not promise "no deadline" or "nothing hanging over this".
pub fn letter_pressed(review: &draft::Review) -> bool {
    review.findings.iter().any(|f| f.concern.presses())
}

/// A script's text as a short letter the partner can read in their own time. `pressed`:
/// [`letter_pressed`] of the checker's reading of the script.
pub fn letter(content: &Content, script: &str, pressed: bool, voice: &Voice) -> String {
    let letter = &content.rehearsal.letter;
    let closing = if pressed {
        &letter.closing_pressed
    } else {
        &letter.closing
    };
    format!(
        "{}\n\n{}\n\n{}",
        render(&letter.opening, voice).trim(),
        script.trim(),
        render(closing, voice).trim()
    )
}

/// The Markdown written by an export: a title, the date, the text.
pub fn export_markdown(title: &str, date: &str, text: &str) -> String {
    format!("# {title}\n\n_{date}_\n\n{}\n", text.trim())
}

/// The outcome whose advice a switched reply leads to.
pub fn switch_outcome(switch: ReplySwitch) -> Option<OutcomeKind> {
    match switch {
        ReplySwitch::None => None,
        ReplySwitch::RedFlag => Some(OutcomeKind::RedFlag),
        ReplySwitch::Safety => Some(OutcomeKind::SafetyFirst),
    }
}
