//! What is saved: one versioned document. The store turns it into bytes; the core decides
//! what goes in it.

use super::Answers;
use super::triage::{OutcomeKind, Reason};
use crate::content::Voice;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// The saved-data format this build writes and reads.
pub const SCHEMA_VERSION: u32 = 2;

/// The oldest saved-data format this build still reads (and migrates on load).
pub const OLDEST_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedData {
    pub schema_version: u32,
    /// Set once the welcome is done.
    #[serde(default)]
    pub profile: Option<Profile>,
    /// An assessment in progress.
    #[serde(default)]
    pub draft: Option<Draft>,
    /// Finished assessments, oldest first. Retaking keeps the old ones.
    #[serde(default)]
    pub assessments: Records<AssessmentRecord>,
    /// Short safety re-checks taken before a rehearsal.
    #[serde(default)]
    pub safety_checks: Records<SafetyCheck>,
    /// Rehearsals of the invitation, oldest first; the last may be in progress.
    #[serde(default)]
    pub rehearsals: Records<RehearsalRecord>,
    /// Each time the user raised it, oldest first.
    #[serde(default)]
    pub asks: Records<AskEntry>,
    /// The window the user gave this, if they set one.
    #[serde(default)]
    pub timeline: Option<Timeline>,
    /// Reviews at the end of a window, oldest first.
    #[serde(default)]
    pub reviews: Records<ReviewRecord>,
    /// Dated journal entries and built sentences, oldest first.
    #[serde(default)]
    pub journal: Records<JournalEntry>,
    /// The user's own boundary from the plan for repeated "no", every version kept.
    #[serde(default)]
    pub boundaries: Records<ScriptVersion>,
    /// Set when the user deleted a snapshot that carried safety information: the rehearsal
    /// asks the safety questions again first, so a delete never quietly reopens it.
    #[serde(default)]
    pub recheck_after: Option<Timestamp>,
    #[serde(default)]
    pub settings: Settings,
    /// Which save last wrote or read this document (bookkeeping for the store, not saved).
    #[serde(skip)]
    pub saved_as: SaveStamp,
}

/// Choices the user made once, kept until they change them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The region (an id in `resources.json`) whose crisis lines come first: chosen by the
    /// user, or taken from this computer's language setting until they choose. There is no
    /// geolocation.
    #[serde(default)]
    pub country: Option<String>,
    /// The country came from the locale (`LANG`), not from the user's choice.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub country_from_locale: bool,
}

impl Default for SavedData {
    fn default() -> Self {
        SavedData {
            schema_version: SCHEMA_VERSION,
            profile: None,
            draft: None,
            assessments: Records::new(),
            safety_checks: Records::new(),
            rehearsals: Records::new(),
            asks: Records::new(),
            timeline: None,
            reviews: Records::new(),
            journal: Records::new(),
            boundaries: Records::new(),
            recheck_after: None,
            settings: Settings::default(),
            saved_as: SaveStamp::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub voice: Voice,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub started_at: Timestamp,
    pub updated_at: Timestamp,
    pub answers: Answers,
    /// The question on screen when it was last saved.
    #[serde(default)]
    pub current: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentRecord {
    pub id: String,
    pub started_at: Timestamp,
    pub completed_at: Timestamp,
    pub answers: Answers,
    /// What the triage said at the time, kept even if later content changes the rules.
    pub outcome: OutcomeKind,
    #[serde(default)]
    pub reasons: Vec<Reason>,
    /// The content format the answers were given under.
    pub content_version: u32,
}

/// A short safety re-check (the safety questions alone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyCheck {
    pub at: Timestamp,
    pub answers: Answers,
}

/// A 0 to 10 readiness ruler pair, with the user's own answer to the follow-up questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Readiness {
    pub importance: u8,
    pub confidence: u8,
    #[serde(default)]
    pub note: String,
}

/// One dated version of the assembled script (the user may edit it and keep several).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptVersion {
    pub at: Timestamp,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RehearsalRecord {
    pub id: String,
    pub started_at: Timestamp,
    pub updated_at: Timestamp,
    /// Set when the user reached the end (or a reply switched paths).
    #[serde(default)]
    pub finished_at: Option<Timestamp>,
    #[serde(default)]
    pub readiness_before: Option<Readiness>,
    #[serde(default)]
    pub readiness_after: Option<Readiness>,
    /// The user's own line for each step, by step id.
    #[serde(default)]
    pub lines: std::collections::BTreeMap<String, String>,
    /// The step on screen when last saved.
    #[serde(default)]
    pub current_step: Option<String>,
    /// The reply the user practised.
    #[serde(default)]
    pub reply: Option<String>,
    /// Set when that reply switched to the red-flag or safety path: only once the user said
    /// it has really happened.
    #[serde(default)]
    pub switched: Option<crate::content::rehearsal::ReplySwitch>,
    /// The user said the practised reply (one that would switch paths) has not happened, and
    /// was only pictured: practice, not a report.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pictured: bool,
    /// The pictured reply was a threat: the short safety questions come before the
    /// rehearsal goes on. Cleared when they are answered.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recheck_due: bool,
    #[serde(default)]
    pub scripts: Vec<ScriptVersion>,
}

/// One time the user raised it: when, which door they offered, how the partner answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskEntry {
    pub id: String,
    pub at: Timestamp,
    /// A door id (`core::doors::DOOR_IDS`).
    pub door: String,
    pub answer: AskAnswer,
    #[serde(default)]
    pub note: String,
}

/// How the partner answered an ask. Contempt and a threat switch paths, in code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AskAnswer {
    Yes,
    Maybe,
    AskedQuestion,
    NoWithReason,
    NoWithoutReason,
    WalkedAway,
    Contempt,
    Threat,
}

/// The window the user gives this before a review, counted in calendar days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    pub started_on: jiff::civil::Date,
    pub days: u32,
}

/// One answer of the movement check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    Yes,
    ALittle,
    No,
}

/// What a review found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Moving,
    Some,
    Flat,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRecord {
    pub id: String,
    pub at: Timestamp,
    /// The window reviewed.
    pub window: Timeline,
    /// By movement id (`core::timeline::MOVEMENT_IDS`).
    pub movement: std::collections::BTreeMap<String, Movement>,
    /// The asks logged in the window, by answer.
    pub asks: std::collections::BTreeMap<AskAnswer, u32>,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalEntry {
    pub id: String,
    pub at: Timestamp,
    /// The journal prompt or builder it answers, if any.
    #[serde(default)]
    pub prompt: Option<String>,
    pub text: String,
}

/// A new id, unique among `taken`, from a prefix and a time.
pub fn unique_id<'a, I>(prefix: &str, at: Timestamp, taken: &I) -> String
where
    I: Iterator<Item = &'a str> + Clone,
{
    let base = format!("{prefix}{}", at.as_second());
    let mut id = base.clone();
    let mut n = 1;
    while taken.clone().any(|t| t == id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

impl SavedData {
    /// A new, unique assessment id from its completion time.
    pub fn next_assessment_id(&self, completed_at: Timestamp) -> String {
        let base = format!("a{}", completed_at.as_second());
        let mut id = base.clone();
        let mut n = 1;
        while self.assessments.iter().any(|a| a.id == id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }

    pub fn latest_assessment(&self) -> Option<&AssessmentRecord> {
        self.assessments.last()
    }

    /// The rehearsal in progress, if the last one is unfinished.
    pub fn open_rehearsal(&self) -> Option<&RehearsalRecord> {
        self.rehearsals.last().filter(|r| r.finished_at.is_none())
    }
}

/// A saved list, oldest first, that remembers the lowest place changed since the store last
/// saved or loaded it, so that saving can append what is new instead of rewriting years of
/// history. Reading goes through `Deref` to a slice; every change goes through a method that
/// keeps the mark, so no change can slip past the store. A list put in place of another is
/// new to the store only if it was built or cloned (its mark says "everything"): do not move
/// a list from one saved document into another.
pub struct Records<T> {
    items: Vec<T>,
    /// The lowest index that may differ from what the store last wrote: 0 (everything) for a
    /// list the store has not seen, [`UNCHANGED`] just after it saved or loaded it. Atomic
    /// only so that the store can reset it through a shared reference.
    changed_from: AtomicUsize,
}

/// [`Records::changed_from`] when nothing changed since the store last saved or loaded it.
pub(crate) const UNCHANGED: usize = usize::MAX;

impl<T> Records<T> {
    pub fn new() -> Self {
        Records {
            items: Vec::new(),
            changed_from: AtomicUsize::new(0),
        }
    }

    fn touch(&self, index: usize) {
        self.changed_from.fetch_min(index, Ordering::Relaxed);
    }

    /// Adds a record at the end (an append: it moves no mark).
    pub fn push(&mut self, item: T) {
        self.items.push(item);
    }

    pub fn get_mut(&mut self, index: usize) -> Option<&mut T> {
        self.touch(index);
        self.items.get_mut(index)
    }

    pub fn last_mut(&mut self) -> Option<&mut T> {
        self.touch(self.items.len().saturating_sub(1));
        self.items.last_mut()
    }

    pub fn remove(&mut self, index: usize) -> T {
        self.touch(index);
        self.items.remove(index)
    }

    pub fn insert(&mut self, index: usize, item: T) {
        self.touch(index);
        self.items.insert(index, item);
    }

    pub fn pop(&mut self) -> Option<T> {
        self.touch(self.items.len().saturating_sub(1));
        self.items.pop()
    }

    pub fn truncate(&mut self, len: usize) {
        self.touch(len);
        self.items.truncate(len);
    }

    pub fn clear(&mut self) {
        self.touch(0);
        self.items.clear();
    }

    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.touch(0);
        self.items.retain(keep);
    }

    pub fn sort_by_key<K: Ord>(&mut self, key: impl FnMut(&T) -> K) {
        self.touch(0);
        self.items.sort_by_key(key);
    }

    /// The lowest index that may differ from what the store last wrote (see the field).
    pub(crate) fn changed_from(&self) -> usize {
        self.changed_from.load(Ordering::Relaxed)
    }

    /// Called by the store once what it wrote (or read) is this list exactly.
    pub(crate) fn mark_unchanged(&self) {
        self.changed_from.store(UNCHANGED, Ordering::Relaxed);
    }

    pub fn into_vec(self) -> Vec<T> {
        self.items
    }
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records::new()
    }
}

impl<T> std::ops::Deref for Records<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.items
    }
}

impl<T> std::ops::Index<usize> for Records<T> {
    type Output = T;
    fn index(&self, index: usize) -> &T {
        &self.items[index]
    }
}

impl<T> std::ops::IndexMut<usize> for Records<T> {
    fn index_mut(&mut self, index: usize) -> &mut T {
        self.touch(index);
        &mut self.items[index]
    }
}

impl<T> From<Vec<T>> for Records<T> {
    fn from(items: Vec<T>) -> Self {
        Records {
            items,
            changed_from: AtomicUsize::new(0),
        }
    }
}

impl<T> FromIterator<T> for Records<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Records::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl<T> Extend<T> for Records<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        self.items.extend(iter);
    }
}

impl<'a, T> IntoIterator for &'a Records<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T> IntoIterator for Records<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// A copy is a list the store has not seen: everything in it counts as changed.
impl<T: Clone> Clone for Records<T> {
    fn clone(&self) -> Self {
        Records::from(self.items.clone())
    }
}

/// Equal when the records are: the mark is bookkeeping, not data.
impl<T: PartialEq> PartialEq for Records<T> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl<T: PartialEq> PartialEq<Vec<T>> for Records<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        self.items == *other
    }
}

impl<T: Eq> Eq for Records<T> {}

/// Shown as the list it is.
impl<T: std::fmt::Debug> std::fmt::Debug for Records<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.items.fmt(f)
    }
}

impl<T: Serialize> Serialize for Records<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Records<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::deserialize(deserializer).map(Records::from)
    }
}

/// Which save of which store a document was last written or read by: the store trusts a
/// list's change mark only when the document is the one it last saved or loaded. Not saved;
/// a copy of the document starts unstamped.
#[derive(Default)]
pub struct SaveStamp(AtomicU64);

impl SaveStamp {
    pub(crate) fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    pub(crate) fn set(&self, stamp: u64) {
        self.0.store(stamp, Ordering::Relaxed);
    }
}

impl Clone for SaveStamp {
    fn clone(&self) -> Self {
        SaveStamp::default()
    }
}

impl PartialEq for SaveStamp {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for SaveStamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SaveStamp")
    }
}
