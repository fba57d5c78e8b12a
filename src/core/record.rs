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
}

impl Default for SavedData {
    fn default() -> Self {
        SavedData {
            schema_version: SCHEMA_VERSION,
            profile: None,
            draft: None,
            assessments: Vec::new(),
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
}
