//! Saved answers to revisit: every dated snapshot newest first, one opened in full, two
//! check-ins compared, one or all deleted. Deleting never leaves a document that would not
//! load, and deleting safety information asks the safety questions again before a rehearsal.

use super::Answers;
use super::record::{AskAnswer, AssessmentRecord, SavedData};
use super::triage::OutcomeKind;
use crate::content::Content;
use jiff::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Assessment,
    Rehearsal,
    Ask,
    Review,
    Journal,
}

impl Kind {
    /// The kind as a noun in a sentence: "that journal entry".
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Assessment => "check-in",
            Kind::Rehearsal => "rehearsal",
            Kind::Ask => "ask",
            Kind::Review => "review",
            Kind::Journal => "journal entry",
        }
    }

    /// The kind as scripts and `--kind` name it.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Assessment => "check-in",
            Kind::Rehearsal => "rehearsal",
            Kind::Ask => "ask",
            Kind::Review => "review",
            Kind::Journal => "journal",
        }
    }

    pub const ALL: [Kind; 5] = [
        Kind::Assessment,
        Kind::Rehearsal,
        Kind::Ask,
        Kind::Review,
        Kind::Journal,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Assessment => "Check-in",
            Kind::Rehearsal => "Rehearsal",
            Kind::Ask => "Ask",
            Kind::Review => "Review",
            Kind::Journal => "Journal",
        }
    }
}

/// One saved snapshot, by kind and index into its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    pub kind: Kind,
    pub index: usize,
    pub at: Timestamp,
}

/// Every snapshot, newest first (ties: the later in its list first).
pub fn list(data: &SavedData) -> Vec<Snapshot> {
    let mut all = Vec::with_capacity(
        data.assessments.len()
            + data.rehearsals.len()
            + data.asks.len()
            + data.reviews.len()
            + data.journal.len(),
    );
    let mut add = |kind: Kind, times: &mut dyn Iterator<Item = Timestamp>| {
        all.extend(
            times
                .enumerate()
                .map(|(index, at)| Snapshot { kind, index, at }),
        );
    };
    add(
        Kind::Assessment,
        &mut data.assessments.iter().map(|a| a.completed_at),
    );
    add(
        Kind::Rehearsal,
        &mut data.rehearsals.iter().map(|r| r.started_at),
    );
    add(Kind::Ask, &mut data.asks.iter().map(|a| a.at));
    add(Kind::Review, &mut data.reviews.iter().map(|r| r.at));
    add(Kind::Journal, &mut data.journal.iter().map(|j| j.at));
    all.sort_by(|a, b| b.at.cmp(&a.at).then(b.index.cmp(&a.index)));
    all
}

/// Whether a snapshot can be compared with another: only check-ins have answers to compare.
pub fn comparable(snap: Snapshot) -> bool {
    snap.kind == Kind::Assessment
}

/// The id a snapshot is saved under.
pub fn id(data: &SavedData, snap: Snapshot) -> Option<&str> {
    Some(match snap.kind {
        Kind::Assessment => data.assessments.get(snap.index)?.id.as_str(),
        Kind::Rehearsal => data.rehearsals.get(snap.index)?.id.as_str(),
        Kind::Ask => data.asks.get(snap.index)?.id.as_str(),
        Kind::Review => data.reviews.get(snap.index)?.id.as_str(),
        Kind::Journal => data.journal.get(snap.index)?.id.as_str(),
    })
}

/// The snapshot saved under `id`, whatever its kind.
pub fn find(data: &SavedData, id: &str) -> Option<Snapshot> {
    list(data)
        .into_iter()
        .find(|s| self::id(data, *s) == Some(id))
}

/// Whether a snapshot carries safety information (signs of abuse or self-harm, a threat the
/// user said happened), so that deleting it must not quietly reopen the rehearsal. Other
/// entries, a red flag among them, are simply gone, and the path is worked out again from
/// what remains.
fn carries_safety(data: &SavedData, snap: Snapshot) -> bool {
    use crate::content::rehearsal::ReplySwitch;
    match snap.kind {
        Kind::Assessment => data
            .assessments
            .get(snap.index)
            .is_some_and(|a| a.outcome == OutcomeKind::SafetyFirst),
        Kind::Rehearsal => data
            .rehearsals
            .get(snap.index)
            .is_some_and(|r| r.switched == Some(ReplySwitch::Safety)),
        Kind::Ask => data
            .asks
            .get(snap.index)
            .is_some_and(|a| a.answer.switch() == Some(OutcomeKind::SafetyFirst)),
        Kind::Review | Kind::Journal => false,
    }
}

/// Whether safety questions were answered after the snapshot was saved: then they, not the
/// snapshot, speak for safety now, and deleting it changes nothing about safety. A check-in
/// that answered "yes" or "not sure" about what has ever happened is never superseded: a
/// later "No" does not undo it (`rehearsal::earlier_danger`).
fn superseded(data: &SavedData, snap: Snapshot) -> bool {
    if snap.kind == Kind::Assessment
        && data
            .assessments
            .get(snap.index)
            .is_some_and(|a| crate::core::triage::ever_danger(&a.answers).is_some())
    {
        return false;
    }
    let other_checkins = data
        .assessments
        .iter()
        .enumerate()
        .filter(|(i, _)| !(snap.kind == Kind::Assessment && *i == snap.index))
        .map(|(_, a)| a.completed_at);
    let rechecks = data.safety_checks.iter().map(|c| c.at);
    other_checkins.chain(rechecks).any(|at| at > snap.at)
}

/// What a delete changed in what Overture offers, in words, or `None` when nothing did.
/// `before` is the path before the delete; `data` is what remains.
pub fn change_after_delete(
    content: &Content,
    before: Option<super::gate::Path>,
    data: &SavedData,
) -> Option<String> {
    use super::gate::{self, Path};
    let after = gate::current(data);
    if after == before {
        return None;
    }
    let title = |path: Path| {
        content
            .copy
            .paths
            .get(path.id())
            .map_or_else(String::new, |c| {
                crate::content::render(&c.title, &super::session::voice(data))
            })
    };
    Some(match (before, after) {
        (_, None) => {
            "No check-in is left, so Overture has no result to go on until you take one.".to_string()
        }
        (_, Some(Path::Recheck)) => {
            "That entry held safety information, so the short safety questions come first again, before anything about asking."
                .to_string()
        }
        (Some(was), Some(now)) => format!(
            "What Overture offers now rests on what is left: \u{201c}{}\u{201d} (it was \u{201c}{}\u{201d}).",
            title(now),
            title(was)
        ),
        (None, Some(now)) => format!(
            "What Overture offers now rests on what is left: \u{201c}{}\u{201d}.",
            title(now)
        ),
    })
}

/// Deletes one snapshot. Returns whether it was there.
pub fn delete(data: &mut SavedData, snap: Snapshot, now: Timestamp) -> bool {
    if id(data, snap).is_none() {
        return false;
    }
    if carries_safety(data, snap) && !superseded(data, snap) {
        data.recheck_after = Some(now);
    }
    match snap.kind {
        Kind::Assessment => {
            data.assessments.remove(snap.index);
        }
        Kind::Rehearsal => {
            data.rehearsals.remove(snap.index);
        }
        Kind::Ask => {
            data.asks.remove(snap.index);
        }
        Kind::Review => {
            data.reviews.remove(snap.index);
        }
        Kind::Journal => {
            data.journal.remove(snap.index);
        }
    }
    true
}

/// Deletes every saved answer: check-ins (and one in progress), re-checks, rehearsals, the
/// log, the timeline, reviews, the journal and boundaries. The user's partner word, pronouns
/// and settings stay, so Overture still speaks the way they chose.
pub fn delete_all(data: &mut SavedData) {
    let kept = SavedData {
        profile: data.profile.take(),
        settings: std::mem::take(&mut data.settings),
        ..SavedData::default()
    };
    *data = kept;
}

/// One answer that differs between two check-ins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub question: String,
    /// The option keys before and after (empty: not answered).
    pub before: Vec<String>,
    pub after: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The outcomes, older first, if they differ.
    pub outcome: Option<(OutcomeKind, OutcomeKind)>,
    /// Exactly the answers that changed, in question order (unknown questions last).
    pub changes: Vec<Change>,
}

/// Compares two check-ins, `older` then `newer`.
pub fn compare(
    content: &Content,
    older: &AssessmentRecord,
    newer: &AssessmentRecord,
) -> Comparison {
    let outcome = (older.outcome != newer.outcome).then_some((older.outcome, newer.outcome));
    Comparison {
        outcome,
        changes: changed_answers(content, &older.answers, &newer.answers),
    }
}

fn changed_answers(content: &Content, older: &Answers, newer: &Answers) -> Vec<Change> {
    let position_of = |q: &str| {
        content
            .questionnaire
            .questions
            .iter()
            .position(|x| x.id == q)
            .unwrap_or(usize::MAX)
    };
    let mut ids: Vec<&String> = older.iter().map(|(q, _)| q).collect();
    ids.extend(
        newer
            .iter()
            .map(|(q, _)| q)
            .filter(|q| !older.is_answered(q)),
    );
    ids.sort_by(|a, b| position_of(a).cmp(&position_of(b)).then(a.cmp(b)));
    ids.dedup();
    ids.into_iter()
        .filter_map(|q| {
            let mut before = older.get(q).map(<[String]>::to_vec).unwrap_or_default();
            let mut after = newer.get(q).map(<[String]>::to_vec).unwrap_or_default();
            before.sort();
            after.sort();
            (before != after).then(|| Change {
                question: q.clone(),
                before,
                after,
            })
        })
        .collect()
}

/// Adds a journal entry (or a built sentence) and returns its id.
pub fn add_journal(
    data: &mut SavedData,
    at: Timestamp,
    prompt: Option<&str>,
    text: &str,
) -> String {
    let id = super::record::unique_id("j", at, &data.journal.iter().map(|j| j.id.as_str()));
    data.journal.push(super::record::JournalEntry {
        id: id.clone(),
        at,
        prompt: prompt.map(str::to_string),
        text: text.trim().to_string(),
    });
    id
}

/// How many asks of each answer the log holds (for the export and the review).
pub fn ask_counts(data: &SavedData) -> std::collections::BTreeMap<AskAnswer, u32> {
    let mut counts = std::collections::BTreeMap::new();
    for a in &data.asks {
        *counts.entry(a.answer).or_insert(0) += 1;
    }
    counts
}

/// A builder's sentence: each `{n}` in the template replaced by the n-th blank the user filled
/// (an empty blank stays as "…", so the gap is visible).
pub fn build_sentence(template: &str, blanks: &[String]) -> String {
    let mut out = template.to_string();
    for (i, blank) in blanks.iter().enumerate() {
        let filled = if blank.trim().is_empty() {
            "…"
        } else {
            blank.trim()
        };
        out = out.replace(&format!("{{{}}}", i + 1), filled);
    }
    out
}
