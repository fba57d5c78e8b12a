//! What the home screen shows, worked out from the saved answers: the one thing the home
//! screen reads. The store keeps a copy beside the document (`overture.home.json`), so that
//! Overture can draw the home screen at start without reading years of history; the full
//! document is read when the user does anything else.
//!
//! Everything that needs the whole history (the path, counts, the latest ask) is worked out
//! here, from the whole history, and kept as a result. What is kept as records is only what
//! the home screen shows itself: the profile, the settings, the check-in in progress, the
//! window, and the last two check-ins (the latest result, and what moved since the one
//! before).

use super::asklog::{self, Stricter};
use super::gate::{self, Path};
use super::record::{AskAnswer, Records, SavedData};
use super::session::{self, HomeItem};
use super::timeline;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The home screen's view of the saved answers. Made only by [`Glance::of`].
// Each flag is one independent fact the home screen shows; an enum would only rename them.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glance {
    /// The profile, settings, check-in in progress, window and re-check mark as saved; of the
    /// lists, only the last two check-ins.
    pub data: SavedData,
    /// The home menu, in order.
    pub items: Vec<HomeItem>,
    /// The path now (`gate::current`), over the whole history.
    pub path: Option<Path>,
    /// Why the path is stricter than the latest check-in's result, if it is.
    pub stricter: Option<Stricter>,
    /// How many asks are logged.
    pub asks: usize,
    /// "No"s since the last yes (or in all, when there was none).
    pub noes_since_yes: usize,
    /// Whether any ask was answered yes.
    pub any_yes: bool,
    /// Whether the path offers invitations (or there is no check-in yet).
    pub invitations_offered: bool,
    /// Whether the last rehearsal is unfinished.
    pub rehearsal_open: bool,
    /// Whether the timeline is offered on this path.
    pub timeline_offered: bool,
    /// Whether the current window has its review.
    pub reviewed: bool,
    /// The latest ask by its date: when, and how it went.
    pub last_ask: Option<(Timestamp, AskAnswer)>,
}

/// How many check-ins the glance keeps: the latest, and the one before it (what moved).
const KEPT_CHECK_INS: usize = 2;

impl Glance {
    /// The glance of `data`, worked out over its whole history.
    pub fn of(data: &SavedData) -> Glance {
        let path = gate::current(data);
        let mut assessments = Records::new();
        let from = data.assessments.len().saturating_sub(KEPT_CHECK_INS);
        for record in data.assessments.iter().skip(from) {
            assessments.push(record.clone());
        }
        let kept = SavedData {
            schema_version: data.schema_version,
            profile: data.profile.clone(),
            draft: data.draft.clone(),
            assessments,
            timeline: data.timeline.clone(),
            recheck_after: data.recheck_after,
            settings: data.settings.clone(),
            ..SavedData::default()
        };
        Glance {
            data: kept,
            items: session::home_items_on(data, path),
            path,
            stricter: asklog::stricter_because(data),
            asks: data.asks.len(),
            noes_since_yes: asklog::noes_since_yes(data),
            any_yes: asklog::any_yes(data),
            invitations_offered: gate::invitations_offered(path),
            rehearsal_open: data.open_rehearsal().is_some(),
            timeline_offered: timeline::offered_on(path),
            reviewed: timeline::reviewed(data),
            last_ask: data
                .asks
                .iter()
                .max_by_key(|a| a.at)
                .map(|a| (a.at, a.answer)),
        }
    }
}
