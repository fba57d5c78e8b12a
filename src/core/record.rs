//! What is saved: one versioned document. The store turns it into bytes; the core decides
//! what goes in it.

use super::Answers;
use super::triage::{OutcomeKind, Reason};
use crate::content::Voice;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The saved-data format this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

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
    pub assessments: Vec<AssessmentRecord>,
    /// Short safety re-checks taken before a rehearsal.
    #[serde(default)]
    pub safety_checks: Vec<SafetyCheck>,
    /// Rehearsals of the invitation, oldest first; the last may be in progress.
    #[serde(default)]
    pub rehearsals: Vec<RehearsalRecord>,
    #[serde(default)]
    pub settings: Settings,
}

/// Choices the user made once, kept until they change them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The region (an id in `resources.json`) whose crisis lines come first. Chosen by the
    /// user, never guessed: there is no geolocation.
    #[serde(default)]
    pub country: Option<String>,
}

impl Default for SavedData {
    fn default() -> Self {
        SavedData {
            schema_version: SCHEMA_VERSION,
            profile: None,
            draft: None,
            assessments: Vec::new(),
            safety_checks: Vec::new(),
            rehearsals: Vec::new(),
            settings: Settings::default(),
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
    /// Set when that reply switched to the red-flag or safety path.
    #[serde(default)]
    pub switched: Option<crate::content::rehearsal::ReplySwitch>,
    #[serde(default)]
    pub scripts: Vec<ScriptVersion>,
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
