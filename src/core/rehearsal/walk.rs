//! The walk through a rehearsal, the same in every front end: what "Rehearse the invitation"
//! opens, where a rehearsal resumes, what each stage keeps, where going on and going back
//! lead, the practised reply and the path it switches to, and the finished script.
//!
//! A front end shows a stage and hands over what the user typed or chose; the rules are here.
//! Every function that changes the data says so: save after it.

use super::{Gate, gate, recheck_pending, script};
use crate::content::Content;
use crate::content::rehearsal::{Reply, ReplySwitch};
use crate::core::Answers;
use crate::core::record::{
    Readiness, RehearsalRecord, SafetyCheck, SavedData, ScriptVersion, unique_id,
};
use jiff::Timestamp;
use std::collections::BTreeMap;

/// Where the user is in a rehearsal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The two rulers before the rehearsal.
    ReadinessBefore,
    /// The follow-up questions to those numbers.
    NoteBefore,
    /// One of the steps, by index into the content's `rehearsal.steps`.
    Step(usize),
    /// How the partner is likely to answer.
    Reply,
    /// After a reply that would switch paths (mockery, a threat): has it really happened?
    ReplyCheck,
    /// What that answer tells the user, and a calm next line.
    ReplyOutcome,
    ReadinessAfter,
    NoteAfter,
}

impl Stage {
    /// Whether the stage has a text box for the user's own words.
    pub fn has_text(self) -> bool {
        matches!(self, Stage::NoteBefore | Stage::Step(_) | Stage::NoteAfter)
    }

    /// Whether the stage has the two readiness rulers.
    pub fn has_rulers(self) -> bool {
        matches!(self, Stage::ReadinessBefore | Stage::ReadinessAfter)
    }
}

/// What choosing "Rehearse the invitation" leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// No check-in yet: the rehearsal is matched to it, and the safety check comes first.
    NoAssessment,
    /// The safety questions again first, and why.
    Recheck(RecheckWhy),
    /// No rehearsal now, and why (`Gate::Safety` or `Gate::OtherFirst`).
    Closed(Gate),
    /// The rehearsal, at this stage. A new one is started when none is open.
    Open(Stage),
}

/// Why the short safety re-check is asked, so that its first words say the real reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecheckWhy {
    /// The last safety check is more than a month old.
    MonthOld,
    /// An entry that held safety information was deleted.
    Deleted,
    /// The user pictured a threat in reply practice (and said it has not happened).
    PicturedThreat,
}

/// The re-check's first words for `why`, from the content (not yet rendered).
pub fn recheck_intro(content: &Content, why: RecheckWhy) -> &str {
    let r = &content.rehearsal;
    match why {
        RecheckWhy::MonthOld => &r.recheck_intro,
        RecheckWhy::Deleted => &r.recheck_after_delete,
        RecheckWhy::PicturedThreat => &r.reply_check.recheck_pictured,
    }
}

/// Asks the gate and, when it is open, starts or resumes the rehearsal. Save after.
pub fn enter(content: &Content, data: &mut SavedData, now: Timestamp) -> Entry {
    match gate(data, now) {
        Gate::NoAssessment => Entry::NoAssessment,
        Gate::RecheckDue if recheck_pending(data) => Entry::Recheck(RecheckWhy::Deleted),
        Gate::RecheckDue => Entry::Recheck(RecheckWhy::MonthOld),
        closed @ (Gate::Safety | Gate::OtherFirst) => Entry::Closed(closed),
        Gate::Open if pictured_threat_pending(data) => Entry::Recheck(RecheckWhy::PicturedThreat),
        Gate::Open => Entry::Open(start_or_resume(content, data, now)),
    }
}

/// Whether the open rehearsal's practised threat was pictured and the safety questions have
/// not been answered since: they come before the rehearsal goes on, however it is re-entered.
/// (`confirm_reply` sets `recheck_due` for a pictured threat only.)
fn pictured_threat_pending(data: &SavedData) -> bool {
    data.open_rehearsal().is_some_and(|r| r.recheck_due)
}

/// Keeps a finished safety re-check, then asks the gate again. Save after.
pub fn after_recheck(
    content: &Content,
    data: &mut SavedData,
    answers: Answers,
    now: Timestamp,
) -> Entry {
    data.safety_checks.push(SafetyCheck { at: now, answers });
    // The re-check answers a deleted safety entry, whatever the clock says: one that has not
    // moved since, or has gone back, must not keep asking.
    data.recheck_after = None;
    if let Some(record) = open_record_mut(data) {
        record.recheck_due = false;
    }
    match gate(data, now) {
        Gate::Open => Entry::Open(start_or_resume(content, data, now)),
        closed => Entry::Closed(closed),
    }
}

fn start_or_resume(content: &Content, data: &mut SavedData, now: Timestamp) -> Stage {
    if data.open_rehearsal().is_none() {
        let id = unique_id("r", now, &data.rehearsals.iter().map(|r| r.id.as_str()));
        data.rehearsals.push(RehearsalRecord {
            id,
            started_at: now,
            updated_at: now,
            finished_at: None,
            readiness_before: None,
            readiness_after: None,
            lines: BTreeMap::new(),
            current_step: None,
            reply: None,
            switched: None,
            pictured: false,
            recheck_due: false,
            scripts: Vec::new(),
        });
    }
    data.open_rehearsal()
        .map_or(Stage::ReadinessBefore, |r| resume_stage(content, r))
}

/// Leaves the rehearsal from its first screen. A rehearsal with nothing in it yet (no numbers
/// chosen, no words, no reply, no script) is not kept, so home does not offer to continue
/// nothing and Saved answers lists no empty entry. Returns whether it was dropped. Save after.
pub fn leave_start(data: &mut SavedData) -> bool {
    let untouched = data.open_rehearsal().is_some_and(|r| {
        r.readiness_before.is_none()
            && r.readiness_after.is_none()
            && r.lines.values().all(|text| text.trim().is_empty())
            && r.reply.is_none()
            && r.scripts.is_empty()
            && !r.pictured
            && !r.recheck_due
    });
    if untouched {
        data.rehearsals.pop();
    }
    untouched
}

/// The stage a rehearsal record stopped at.
fn resume_stage(content: &Content, record: &RehearsalRecord) -> Stage {
    match record.current_step.as_deref() {
        Some("reply") => Stage::Reply,
        Some("readiness_after") => Stage::ReadinessAfter,
        Some(step) => content
            .rehearsal
            .steps
            .iter()
            .position(|s| s.id == step)
            .map_or(Stage::ReadinessBefore, Stage::Step),
        None => Stage::ReadinessBefore,
    }
}

/// The numbers a ruler stage starts at: what was chosen there before (a resumed rehearsal),
/// else, afterwards, the numbers chosen before the rehearsal, else the middle of the scale.
pub fn ruler_start(data: &SavedData, stage: Stage) -> [u8; 2] {
    let record = data.rehearsals.last();
    let before = record.and_then(|r| r.readiness_before.as_ref());
    let after = record.and_then(|r| r.readiness_after.as_ref());
    let chosen = if stage == Stage::ReadinessAfter {
        after.or(before)
    } else {
        before
    };
    chosen.map_or([5, 5], |r| [r.importance, r.confidence])
}

fn open_record_mut(data: &mut SavedData) -> Option<&mut RehearsalRecord> {
    data.rehearsals
        .last_mut()
        .filter(|r| r.finished_at.is_none())
}

/// Marks `stage` as where the user is, so a later visit resumes there, and returns what its
/// text box holds (`None` for a stage without one). Save after.
pub fn arrive(
    content: &Content,
    data: &mut SavedData,
    stage: Stage,
    now: Timestamp,
) -> Option<String> {
    let record = open_record_mut(data)?;
    let (current, text) = match stage {
        Stage::Step(i) => {
            let id = step_id(content, i)?;
            (
                Some(id),
                Some(record.lines.get(id).cloned().unwrap_or_default()),
            )
        }
        Stage::NoteBefore => (None, Some(note(record.readiness_before.as_ref()))),
        Stage::NoteAfter => (
            Some("readiness_after"),
            Some(note(record.readiness_after.as_ref())),
        ),
        Stage::Reply | Stage::ReplyCheck | Stage::ReplyOutcome => (Some("reply"), None),
        Stage::ReadinessAfter => (Some("readiness_after"), None),
        Stage::ReadinessBefore => (None, None),
    };
    if let Some(current) = current {
        record.current_step = Some(current.to_string());
        record.updated_at = now;
    }
    text
}

/// The id of the step at `index` (the last step for an index past the end), from the content.
fn step_id(content: &Content, index: usize) -> Option<&str> {
    let steps = &content.rehearsal.steps;
    steps
        .get(index.min(steps.len().saturating_sub(1)))
        .map(|s| s.id.as_str())
}

fn note(readiness: Option<&Readiness>) -> String {
    readiness.map(|r| r.note.clone()).unwrap_or_default()
}

/// Keeps what is typed in a stage's text box (a stage without one keeps nothing). Save after.
pub fn keep_text(
    content: &Content,
    data: &mut SavedData,
    stage: Stage,
    text: String,
    now: Timestamp,
) {
    let Some(record) = open_record_mut(data) else {
        return;
    };
    match stage {
        Stage::Step(i) => {
            let Some(id) = step_id(content, i) else {
                return;
            };
            record.lines.insert(id.to_string(), text);
        }
        Stage::NoteBefore => {
            if let Some(r) = record.readiness_before.as_mut() {
                r.note = text;
            }
        }
        Stage::NoteAfter => {
            if let Some(r) = record.readiness_after.as_mut() {
                r.note = text;
            }
        }
        _ => return,
    }
    record.updated_at = now;
}

/// Where going on from a stage with a text box leads; `None` after the last note, when the
/// rehearsal is finished.
pub fn next(content: &Content, stage: Stage) -> Option<Stage> {
    match stage {
        Stage::NoteBefore => Some(Stage::Step(0)),
        Stage::Step(i) if i + 1 < content.rehearsal.steps.len() => Some(Stage::Step(i + 1)),
        Stage::Step(_) => Some(Stage::Reply),
        Stage::NoteAfter => None,
        other => Some(other),
    }
}

/// Where going back from a stage leads (what was written is kept). `None`: out of the
/// rehearsal, to the home menu.
pub fn previous(content: &Content, stage: Stage) -> Option<Stage> {
    match stage {
        Stage::ReadinessBefore | Stage::ReadinessAfter => None,
        Stage::NoteBefore => Some(Stage::ReadinessBefore),
        Stage::Step(0) => Some(Stage::NoteBefore),
        Stage::Step(i) => Some(Stage::Step(i - 1)),
        Stage::Reply => Some(Stage::Step(content.rehearsal.steps.len().saturating_sub(1))),
        Stage::ReplyCheck | Stage::ReplyOutcome => Some(Stage::Reply),
        Stage::NoteAfter => Some(Stage::ReadinessAfter),
    }
}

/// The highest number on a ruler.
pub const RULER_MAX: u8 = 10;

/// Keeps the two ruler numbers (importance, confidence) of a ruler stage, with any note
/// written before, and returns the note stage that follows. Save after.
pub fn set_readiness(
    data: &mut SavedData,
    stage: Stage,
    [importance, confidence]: [u8; 2],
) -> Stage {
    let after = stage == Stage::ReadinessAfter;
    if let Some(record) = open_record_mut(data) {
        let slot = if after {
            &mut record.readiness_after
        } else {
            &mut record.readiness_before
        };
        let note = slot.take().map(|r| r.note).unwrap_or_default();
        *slot = Some(Readiness {
            importance: importance.min(RULER_MAX),
            confidence: confidence.min(RULER_MAX),
            note,
        });
    }
    if after {
        Stage::NoteAfter
    } else {
        Stage::NoteBefore
    }
}

/// Keeps the practised reply and returns the stage that follows: for a reply that would
/// switch paths (mockery, a threat), the question whether it has really happened; otherwise
/// what the reply tells. Nothing switches here: a pick is practice. `None` for a reply that is
/// not there. Save after.
pub fn choose_reply(
    content: &Content,
    data: &mut SavedData,
    index: usize,
    now: Timestamp,
) -> Option<Stage> {
    let reply = content.rehearsal.replies.get(index)?;
    let (id, switch) = (reply.id.clone(), reply.switch);
    let record = open_record_mut(data)?;
    record.reply = Some(id);
    record.pictured = false;
    record.recheck_due = false;
    record.updated_at = now;
    Some(if switch == ReplySwitch::None {
        Stage::ReplyOutcome
    } else {
        Stage::ReplyCheck
    })
}

/// The answer to "has it really happened?". Only a reply that has happened switches the path
/// (and ends the rehearsal, in code, whatever the content says); a pictured one is kept as
/// practice. Returns the stage that follows. Save after.
pub fn confirm_reply(
    content: &Content,
    data: &mut SavedData,
    happened: bool,
    now: Timestamp,
) -> Stage {
    let switch = practised(content, data).map_or(ReplySwitch::None, |r| r.switch);
    if let Some(record) = open_record_mut(data) {
        record.updated_at = now;
        if happened && switch != ReplySwitch::None {
            record.switched = Some(switch);
            record.finished_at = Some(now);
        } else {
            record.pictured = true;
            if switch == ReplySwitch::Safety {
                // After the re-check, the rehearsal goes on from the rulers afterwards.
                record.recheck_due = true;
                record.current_step = Some("readiness_after".to_string());
            }
        }
    }
    Stage::ReplyOutcome
}

/// The reply practised in the latest rehearsal, as the content has it.
pub fn practised<'c>(content: &'c Content, data: &SavedData) -> Option<&'c Reply> {
    let id = data.rehearsals.last()?.reply.as_deref()?;
    content.rehearsal.replies.iter().find(|r| r.id == id)
}

/// The switch of the latest practised reply, if it switched paths.
pub fn switched(data: &SavedData) -> Option<ReplySwitch> {
    data.rehearsals.last().and_then(|r| r.switched)
}

/// Where going on from the reply's outcome leads: what comes first now for a reply that
/// switched paths; the short safety re-check after a pictured threat; otherwise the rulers
/// afterwards.
pub fn after_reply(data: &SavedData) -> Entry {
    match switched(data) {
        Some(ReplySwitch::Safety) => Entry::Closed(Gate::Safety),
        Some(_) => Entry::Closed(Gate::OtherFirst),
        None if pictured_threat_pending(data) => Entry::Recheck(RecheckWhy::PicturedThreat),
        None => Entry::Open(Stage::ReadinessAfter),
    }
}

/// Finishes the open rehearsal: its lines become the first version of the script. Returns
/// the rehearsal's index in `data.rehearsals`. Save after.
pub fn finish(content: &Content, data: &mut SavedData, now: Timestamp) -> Option<usize> {
    let record = open_record_mut(data)?;
    let text = script(content, record);
    record.finished_at = Some(now);
    record.updated_at = now;
    record.current_step = None;
    record.scripts.push(ScriptVersion { at: now, text });
    Some(data.rehearsals.len() - 1)
}

/// What keeping an edited script did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptEdit {
    /// The same words as the latest version: nothing new is kept.
    Unchanged,
    /// Kept as a new latest version. Save after.
    Kept,
    /// There is no such rehearsal.
    Missing,
}

/// Keeps an edited script as a new, dated latest version; earlier versions stay.
pub fn keep_script_edit(
    data: &mut SavedData,
    index: usize,
    text: String,
    now: Timestamp,
) -> ScriptEdit {
    let Some(record) = data.rehearsals.get_mut(index) else {
        return ScriptEdit::Missing;
    };
    if record.scripts.last().is_some_and(|v| v.text == text) {
        return ScriptEdit::Unchanged;
    }
    record.scripts.push(ScriptVersion { at: now, text });
    record.updated_at = now;
    ScriptEdit::Kept
}

/// The rehearsal whose script "Read your invitation script" opens: the latest with one.
pub fn latest_with_script(data: &SavedData) -> Option<usize> {
    data.rehearsals.iter().rposition(|r| !r.scripts.is_empty())
}

/// A version of a rehearsal's script, counted back from the latest (0 = the latest), with
/// its position among the versions.
pub fn script_version(
    data: &SavedData,
    index: usize,
    back: usize,
) -> Option<(usize, &ScriptVersion)> {
    let scripts = &data.rehearsals.get(index)?.scripts;
    let at = scripts.len().checked_sub(1 + back)?;
    scripts.get(at).map(|v| (at, v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::session;

    /// A clean re-check answers a deleted safety entry even when no time has passed between
    /// the two (a clock that has not moved): the rehearsal opens, never "other steps first".
    #[test]
    fn a_recheck_answers_a_deletion_made_at_the_same_instant() {
        let content = Content::embedded().expect("content");
        let at: Timestamp = "2026-11-22T12:00:00Z".parse().expect("time");
        let clean = crate::sample::answered(&content, "never", None).answers;
        let mut data = SavedData::default();
        session::start(&mut data, at);
        session::finish(&mut data, clean.clone(), at);
        assert_eq!(gate(&data, at), Gate::Open);
        data.recheck_after = Some(at);
        assert_eq!(
            enter(&content, &mut data, at),
            Entry::Recheck(RecheckWhy::Deleted)
        );
        assert_eq!(
            after_recheck(&content, &mut data, clean, at),
            Entry::Open(Stage::ReadinessBefore)
        );
        assert_eq!(data.recheck_after, None);
    }

    /// Leaving from the start drops only a rehearsal with nothing in it: any number, word,
    /// reply, script or pending safety question keeps it.
    #[test]
    fn leaving_from_the_start_drops_only_an_untouched_rehearsal() {
        type Touch = fn(&mut RehearsalRecord, Readiness);
        let content = Content::embedded().expect("content");
        let at: Timestamp = "2026-11-22T12:00:00Z".parse().expect("time");
        let clean = crate::sample::answered(&content, "never", None).answers;
        let opened = || {
            let mut data = SavedData::default();
            session::start(&mut data, at);
            session::finish(&mut data, clean.clone(), at);
            assert_eq!(
                enter(&content, &mut data, at),
                Entry::Open(Stage::ReadinessBefore)
            );
            data
        };
        let readiness = || Readiness {
            importance: 5,
            confidence: 5,
            note: String::new(),
        };
        let touches: [(&str, Touch); 7] = [
            ("numbers before", |r, n| r.readiness_before = Some(n)),
            ("numbers after", |r, n| r.readiness_after = Some(n)),
            ("a line", |r, _| {
                r.lines.insert("goal".into(), "I miss us.".into());
            }),
            ("a reply", |r, _| r.reply = Some("fine".into())),
            ("a script", |r, _| {
                r.scripts.push(ScriptVersion {
                    at: r.started_at,
                    text: "I miss us.".into(),
                });
            }),
            ("a pictured reply", |r, _| r.pictured = true),
            ("a safety re-check due", |r, _| r.recheck_due = true),
        ];
        for (what, touch) in touches {
            let mut data = opened();
            touch(data.rehearsals.last_mut().expect("opened"), readiness());
            assert!(!leave_start(&mut data), "{what} was dropped");
            assert_eq!(data.rehearsals.len(), 1, "{what}");
        }
        let mut data = opened();
        data.rehearsals
            .last_mut()
            .expect("opened")
            .lines
            .insert("goal".into(), "  \n".into());
        assert!(leave_start(&mut data), "blank lines are nothing written");
        assert!(data.rehearsals.is_empty());
    }
}
