//! The lower doors: who sees which. Content holds the words; the rules are here.

use super::plan;
use super::record::SavedData;
use super::triage::OutcomeKind;
use crate::content::{Content, StepKind, after::Door};

/// Every door, in the order listed. Validation checks `after.json` has exactly these.
pub const DOOR_IDS: [&str; 11] = [
    "couples_therapy",
    "coach",
    "male_therapist",
    "mens_group",
    "workshop",
    "book_app",
    "discernment",
    "checkup",
    "sliding_scale",
    "telehealth",
    "free_program",
];

/// Discernment counseling is for couples where one of them is leaning out: only offered where
/// separation is openly on the table (these check-in tags) and there is no sign of danger.
pub const DISCERNMENT: &str = "discernment";
pub const COUPLES_THERAPY: &str = "couples_therapy";
pub const SEPARATION_TAGS: [&str; 2] = ["gone_said_done", "gone_checked_out"];

/// The doors this user is shown now, or `None` when no door is offered on their path (the
/// safety and red-flag paths, and before a check-in). Money doors come first when money is a
/// barrier.
pub fn visible<'c>(content: &'c Content, data: &SavedData) -> Option<Vec<&'c Door>> {
    let outcome = super::asklog::current_outcome(data)?;
    if !plan::allowed(StepKind::Door, outcome) {
        return None;
    }
    let tags = data
        .latest_assessment()
        .map(|a| a.answers.tags(content))
        .unwrap_or_default();
    let separation = SEPARATION_TAGS.iter().any(|t| tags.contains(*t));
    let no_danger = outcome != OutcomeKind::SafetyFirst;
    let money = tags.contains("money_barrier") || tags.contains("money_some");
    let mut doors: Vec<&Door> = content
        .after
        .doors
        .iter()
        // Couples therapy is the door already offered, not a lower one.
        .filter(|d| d.id != COUPLES_THERAPY)
        .filter(|d| d.id != DISCERNMENT || (separation && no_danger))
        .collect();
    if money {
        doors.sort_by_key(|d| !d.money);
    }
    Some(doors)
}

pub fn door<'c>(content: &'c Content, id: &str) -> Option<&'c Door> {
    content.after.doors.iter().find(|d| d.id == id)
}

/// Why no door is shown, as the key of its words in `after.json`'s `doors_gated`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    /// No check-in yet: the doors are matched to it.
    NoCheckIn,
    /// A snapshot with safety information was deleted: closed until the safety questions are
    /// answered again.
    Recheck,
    /// Signs of danger.
    Safety,
    /// Contempt, or a result where own support comes first.
    RedFlag,
}

impl Closed {
    /// The key of its words in `doors_gated` (none before a check-in).
    pub fn key(self) -> Option<&'static str> {
        match self {
            Closed::NoCheckIn => None,
            Closed::Recheck => Some("recheck"),
            Closed::Safety => Some("safety"),
            Closed::RedFlag => Some("red_flag"),
        }
    }
}

/// Why this user is shown no doors now, or `None` when they are shown some.
pub fn closed_because(data: &SavedData) -> Option<Closed> {
    let Some(outcome) = super::asklog::current_outcome(data) else {
        return Some(Closed::NoCheckIn);
    };
    if plan::allowed(StepKind::Door, outcome) {
        return None;
    }
    Some(match outcome {
        OutcomeKind::SafetyFirst
            if super::rehearsal::recheck_pending(data)
                && !super::rehearsal::latest_safety_flagged(data) =>
        {
            Closed::Recheck
        }
        OutcomeKind::SafetyFirst => Closed::Safety,
        _ => Closed::RedFlag,
    })
}
