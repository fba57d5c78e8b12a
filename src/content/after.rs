//! Content of "after the ask": the answers a log entry can record, the lower doors, the plan
//! for repeated "no", the timeline's movement check, and the solo work with its journal
//! prompts. Which answer switches paths, and which door is shown to whom, is code (see
//! `core::asklog` and `core::doors`); this file only holds the words.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct After {
    pub format_version: u32,
    /// The words for each way the partner can answer an ask, keyed by the ids in
    /// `core::asklog::ASK_ANSWERS`.
    pub answers: BTreeMap<String, String>,
    /// Shown above the ask log.
    pub log_intro: String,
    /// The same, where the result does not advise asking: a record, not a nudge to ask.
    pub log_intro_noted: String,
    /// What helps a "yes" hold, under a logged yes.
    pub after_yes: AfterYes,
    /// Every door, in the order they are listed. The content owns the ids.
    pub doors: Vec<Door>,
    /// Shown above the list of doors.
    pub doors_intro: String,
    /// Why no doors are shown on the safety and red-flag paths, keyed `safety`, `red_flag`.
    pub doors_gated: BTreeMap<String, String>,
    /// The check-in tags the door rules read.
    pub door_tags: DoorTags,
    pub repeated_no: RepeatedNo,
    pub timeline: TimelineCopy,
    pub solo: Solo,
}

/// What helps a "yes" hold: shown under an ask logged as a yes (never on the safety path,
/// where no ask is advised).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AfterYes {
    pub heading: String,
    pub steps: Vec<YesStep>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YesStep {
    pub id: String,
    pub text: String,
    /// The doors it fits (booking fits a therapist, not a book); empty: every door.
    #[serde(default)]
    pub doors: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

impl YesStep {
    /// Whether it fits a yes to the door `door`.
    pub fn fits(&self, door: &str) -> bool {
        self.doors.is_empty() || self.doors.iter().any(|d| d == door)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Door {
    pub id: String,
    pub name: String,
    /// What it is, in one or two sentences.
    pub what: String,
    /// Who it suits.
    pub suits: String,
    /// How to offer it, in the user's own voice.
    pub how: String,
    /// A way in when money is the barrier.
    #[serde(default)]
    pub money: bool,
    /// Who is shown it among the lower doors.
    pub shown: DoorShown,
    /// Whether logging an ask offers it as the door that was offered.
    #[serde(default)]
    pub in_ask_log: bool,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// Who a door is shown to, among the lower doors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DoorShown {
    /// The door already asked about (couples therapy): never listed as a lower one.
    Asked,
    /// Wherever lower doors are offered.
    Lower,
    /// Only where separation is openly on the table (discernment counseling), and never where
    /// there is a sign of danger.
    Separation,
}

/// The tags the door rules read.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DoorTags {
    /// Separation is openly on the table: a `separation` door is shown.
    pub separation: Vec<String>,
    /// Money is a barrier: the doors marked `money` come first.
    pub money: Vec<String>,
}

/// What the plan for repeated "no" says, its steps in order.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepeatedNo {
    pub intro: String,
    pub steps: Vec<PlanStep>,
    /// The prompt above the box where the user writes their own boundary.
    pub boundary_prompt: String,
    /// When the checker reads an ultimatum or pressure in a boundary: what a boundary is
    /// instead. Never an invitation: the user has stopped asking.
    pub boundary_pressed_note: String,
    /// The one suggestion under a boundary the checker flagged, in place of the checker's
    /// own, which invite.
    pub boundary_suggestion: String,
    /// Shown on the red-flag and safety paths instead of any advice about telling the
    /// partner one is leaving: leaving can raise danger; talk to an advocate first.
    pub leaving_warning: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanStep {
    pub id: String,
    /// What sort of advice it is: the gate decides, by kind, who sees it.
    pub kind: super::StepKind,
    /// Shown only to those whose latest check-in holds these tags.
    #[serde(default)]
    pub when: Option<super::Condition>,
    /// The step where the user writes their own boundary in a text box.
    #[serde(default)]
    pub writes_boundary: bool,
    pub title: String,
    pub body: String,
    /// Why this step, with its basis.
    pub why: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineCopy {
    /// Shown when the user sets a window.
    pub intro: String,
    /// The same, where the result puts something before asking: the window is for that.
    pub intro_not_asking: String,
    /// The movement check, in the order asked.
    pub movement: Vec<MovementItem>,
    /// What the review says, keyed by verdict: `moving`, `some`, `flat`.
    pub verdicts: BTreeMap<String, String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// One question of the movement check: what has changed, said of the partner.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MovementItem {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Solo {
    pub intro: String,
    /// The intro on the safety path, where the communication tools are left out.
    pub intro_safety: String,
    /// For the user's own thoughts of self-harm: nothing here speaks of abuse.
    pub intro_self_harm: String,
    /// Where a red flag or another problem comes first: no "it takes two" framing.
    pub intro_own: String,
    /// Reading sections: the truce, individual therapy, the kids.
    pub sections: Vec<SoloSection>,
    /// The "I feel" and X-Y-Z builders, keyed `i_feel`, `xyz`.
    pub builders: BTreeMap<String, Builder>,
    pub journal_prompts: Vec<JournalPrompt>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SoloSection {
    pub id: String,
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub sources: Vec<String>,
    /// Shown only when the latest check-in's tags match ("the kids" only with children at
    /// home). Empty: shown to everyone whose path has the section.
    #[serde(default)]
    pub when: super::Condition,
    /// The paths (`core::gate::Path` ids) this section is written for. Empty: every path
    /// that has the communication tools (none of the safety paths).
    #[serde(default)]
    pub paths: Vec<String>,
}

/// A sentence built from blanks the user fills: `template` names them `{1}`, `{2}`, `{3}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Builder {
    pub title: String,
    pub about: String,
    /// One prompt per blank.
    pub blanks: Vec<String>,
    pub template: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalPrompt {
    pub id: String,
    pub text: String,
    /// About how the asking lands on the partner: offered only where inviting is the advice.
    #[serde(default)]
    pub about_partner: bool,
    /// The paths (`core::gate::Path` ids) this prompt is written for. Empty: every path that
    /// has the communication tools (none of the safety paths).
    #[serde(default)]
    pub paths: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}
