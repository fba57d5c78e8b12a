//! The lower doors: who sees which. Content holds the doors, which is shown where
//! (`shown`) and the tags the rules read; the path decides here.

use super::gate::Path;
use super::record::SavedData;
use crate::content::Content;
use crate::content::after::{Door, DoorShown};

/// The doors this user is shown now, or `None` when no door is offered on their path (the
/// safety and red-flag paths, and before a check-in). Money doors come first when money is a
/// barrier.
pub fn visible<'c>(content: &'c Content, data: &SavedData) -> Option<Vec<&'c Door>> {
    let path = super::gate::current(data)?;
    let can = path.capabilities();
    if !can.lower_doors && !can.discernment {
        return None;
    }
    let tags = data
        .latest_assessment()
        .map(|a| a.answers.tags(content))
        .unwrap_or_default();
    // A partner already leaving is the path where discernment is the one door.
    let rules = &content.after.door_tags;
    let separation = path == Path::Gone || rules.separation.iter().any(|t| tags.contains(t));
    let money = rules.money.iter().any(|t| tags.contains(t));
    let mut doors: Vec<&Door> = content
        .after
        .doors
        .iter()
        .filter(|d| match d.shown {
            // Couples therapy is the door already offered, not a lower one.
            DoorShown::Asked => false,
            DoorShown::Separation => can.discernment && separation,
            DoorShown::Lower => can.lower_doors,
        })
        .collect();
    if doors.is_empty() {
        return None;
    }
    if money {
        doors.sort_by_key(|d| !d.money);
    }
    Some(doors)
}

/// Whether the doors screen has a door on this path (the home menu lists it only then):
/// the lower doors where inviting is the advice, discernment alone for a partner leaving.
pub fn offered_on(path: Path) -> bool {
    path.capabilities().lower_doors || path == Path::Gone
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
    /// Signs of abuse, control or fear, or the partner's threats of self-harm.
    Safety,
    /// The user's own thoughts of self-harm: their own help comes first.
    SelfHarm,
    /// Contempt, or refusal used as leverage: own support first.
    RedFlag,
    /// An affair, an addiction or a crisis needs its own help first.
    OtherFirst,
}

impl Closed {
    /// The key of its words in `doors_gated` (none before a check-in).
    pub fn key(self) -> Option<&'static str> {
        match self {
            Closed::NoCheckIn => None,
            Closed::Recheck => Some("recheck"),
            Closed::Safety => Some("safety"),
            Closed::SelfHarm => Some("self_harm"),
            Closed::RedFlag => Some("red_flag"),
            Closed::OtherFirst => Some("other_first"),
        }
    }

    pub const KEYS: [&'static str; 5] =
        ["recheck", "safety", "self_harm", "red_flag", "other_first"];
}

/// Why this user is shown no doors now, or `None` when they are shown some.
pub fn closed_because(content: &Content, data: &SavedData) -> Option<Closed> {
    let Some(path) = super::gate::current(data) else {
        return Some(Closed::NoCheckIn);
    };
    if visible(content, data).is_some() {
        return None;
    }
    Some(match path {
        Path::Recheck => Closed::Recheck,
        Path::Abuse | Path::PartnerThreat => Closed::Safety,
        Path::SelfHarm => Closed::SelfHarm,
        Path::RedFlag => Closed::RedFlag,
        _ => Closed::OtherFirst,
    })
}
