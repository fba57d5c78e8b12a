//! Content of the invitation rehearsal: the steps with their example lines, the replies to
//! practise, the readiness rulers and the letter.

use super::Condition;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rehearsal {
    pub format_version: u32,
    /// Shown before the first step.
    pub intro: String,
    pub steps: Vec<RehearsalStep>,
    pub replies: Vec<Reply>,
    pub readiness: Readiness,
    pub letter: Letter,
    /// Why the rehearsal is not offered, by gate: keys `safety` (an abuse indicator or
    /// self-harm in the latest safety check), `other_first` (red flag or "not the first step").
    pub gated: std::collections::BTreeMap<String, String>,
    /// Shown before a re-check when the last safety check is older than 30 days.
    pub recheck_intro: String,
    /// The re-check's first words when it is asked because safety information was deleted.
    pub recheck_after_delete: String,
    /// Asked after a practised reply that would switch paths: has it really happened?
    pub reply_check: ReplyCheck,
    /// The one-line warning before anything is written to a file.
    pub export_warning: String,
}

/// A practised reply is a guess, not a report: before mockery or a threat changes anything,
/// the user is asked whether it has really happened.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyCheck {
    pub question: String,
    /// The two answers: it has happened; it is only pictured.
    pub happened: String,
    pub pictured: String,
    /// Why the question is asked, under it.
    pub why: String,
    /// What a pictured reply means, by the path it would have switched to.
    pub pictured_red_flag: String,
    pub pictured_safety: String,
    /// The re-check's first words after a pictured threat.
    pub recheck_pictured: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RehearsalStep {
    pub id: String,
    pub title: String,
    /// What to do, in one to three short sentences.
    pub what: String,
    /// Why, one or two lines, with the basis.
    pub why: String,
    #[serde(default)]
    pub sources: Vec<String>,
    /// Example lines; those whose condition matches the user's tags are shown, most specific
    /// (longest condition) first.
    pub examples: Vec<Example>,
    /// The prompt above the text box.
    pub prompt: String,
    /// Whether the user's line from this step goes into the assembled script and letter
    /// (settling yourself is for you, not for the script).
    #[serde(default = "yes")]
    pub in_script: bool,
    /// Whether that line also goes into the letter. Asking for the time to talk and what to
    /// ask after a no belong to the conversation itself, and a letter comes before both.
    #[serde(default = "yes")]
    pub in_letter: bool,
    /// For a step whose line stays out of the letter: what the line is for, as the letter's
    /// page names it ("asking for the time to talk").
    #[serde(default)]
    pub line_for: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    #[serde(default)]
    pub when: Condition,
}

/// What the partner might answer, and what to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplySwitch {
    /// Stay on the rehearsal.
    None,
    /// Mockery or contempt: the red-flag path.
    RedFlag,
    /// A threat: the safety path.
    Safety,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub id: String,
    /// How {they} might answer, as the user would recognise it.
    pub label: String,
    /// A calm next line the user could say.
    pub next_line: String,
    /// What this answer tells the user.
    pub tells: String,
    pub switch: ReplySwitch,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Readiness {
    pub intro: String,
    /// Above the same two rulers after the rehearsal.
    pub intro_after: String,
    pub importance: String,
    pub confidence: String,
    /// "Why this number and not a lower one?"
    pub why_not_lower: String,
    /// "What would move it up one point?"
    pub move_up: String,
    /// The same, when importance is already at ten: only confidence can move.
    pub move_up_confidence: String,
    /// The same, when confidence is already at ten: only importance can move.
    pub move_up_importance: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Letter {
    /// Why a letter can help (shown on the script screen).
    pub about: String,
    pub opening: String,
    pub closing: String,
    /// The closing when the user's own lines hold an ultimatum or pressure: it promises
    /// neither "no deadline" nor "nothing hanging over this".
    pub closing_pressed: String,
    /// Said on the letter's page when that closing is used, and why.
    pub pressed_note: String,
}
