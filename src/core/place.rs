//! Where a user can be, named once for both faces, and where each home menu entry leads.
//!
//! The faces keep their own view state (the terminal's cursor and text areas, plain mode's
//! line reader), but the decision of what a choice opens is made here, and each face reports
//! the page it shows as a [`PageId`], so a test can drive both and compare.

use super::flow::Flow;
use super::record::SavedData;
use super::rehearsal::walk::{self, Entry};
use super::session::{self, HomeItem};
use crate::content::Content;
use jiff::Timestamp;

/// A page as the user sees it, whatever face draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageId {
    Welcome,
    Partner,
    Pronouns,
    Home,
    /// A question of the check-in (or of the short safety re-check).
    Question,
    Result,
    /// Why the rehearsal is not offered now.
    RehearsalClosed,
    Rehearsal,
    Script,
    Settings,
    Country,
    /// Logging an ask: the door, the answer, the note, then what it means.
    LogDoor,
    LogAnswer,
    LogNote,
    Logged,
    /// The plan for repeated "no" (and the user's boundary).
    RepeatedNo,
    Timeline,
    Review,
    ReviewResult,
    Doors,
    Door,
    Solo,
    SoloSection,
    Build,
    JournalPrompts,
    Journal,
    /// Asking where to write the summary for a counselor.
    ExportSummary,
    History,
    Snapshot,
    Compare,
    CrisisLines,
    /// A yes-or-no question before something that cannot be undone (restart, quit, delete).
    Confirm,
    /// The app has ended.
    Goodbye,
}

/// What a home menu entry opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// The unfinished check-in, where it stopped.
    Resume(Flow),
    /// A check-in is unfinished: starting again would clear it, so ask first.
    ConfirmRestart,
    /// A new check-in.
    StartCheckIn,
    /// A finished check-in, by index into `data.assessments`.
    Result(usize),
    /// The rehearsal's gate and, when open, where it starts or resumes. The data changed: save.
    Rehearsal(Entry),
    /// The latest script, by index into `data.rehearsals`.
    Script(usize),
    /// A page with no choice to make on the way in.
    Page(PageId),
    /// Leave, asking first when something is not saved.
    Quit,
    /// Nothing to open (the entry is stale: its data went away).
    Nothing,
}

/// What choosing `item` on the home menu opens, for this data. The one place this is decided;
/// both faces map the answer to their own screens.
pub fn open(content: &Content, data: &mut SavedData, item: HomeItem, now: Timestamp) -> Opened {
    match item {
        HomeItem::Continue => {
            session::resume(content, data).map_or(Opened::Nothing, Opened::Resume)
        }
        HomeItem::Start | HomeItem::Retake if data.draft.is_some() => Opened::ConfirmRestart,
        HomeItem::Start | HomeItem::Retake => Opened::StartCheckIn,
        HomeItem::LatestResult => data
            .assessments
            .len()
            .checked_sub(1)
            .map_or(Opened::Nothing, Opened::Result),
        HomeItem::Rehearse => Opened::Rehearsal(walk::enter(content, data, now)),
        HomeItem::Script => walk::latest_with_script(data).map_or(Opened::Nothing, Opened::Script),
        HomeItem::LogAsk => Opened::Page(PageId::LogDoor),
        HomeItem::RepeatedNo => Opened::Page(PageId::RepeatedNo),
        HomeItem::Timeline => Opened::Page(PageId::Timeline),
        HomeItem::Doors => Opened::Page(PageId::Doors),
        HomeItem::Solo => Opened::Page(PageId::Solo),
        HomeItem::History => Opened::Page(PageId::History),
        HomeItem::ExportSummary => Opened::Page(PageId::ExportSummary),
        HomeItem::Crisis => Opened::Page(PageId::CrisisLines),
        HomeItem::ChangeVoice => Opened::Page(PageId::Partner),
        HomeItem::Settings => Opened::Page(PageId::Settings),
        HomeItem::Quit => Opened::Quit,
    }
}

/// The page a rehearsal entry shows.
pub fn rehearsal_page(entry: &Entry) -> PageId {
    match entry {
        // Home, with a word on why: the check-in comes first.
        Entry::NoAssessment => PageId::Home,
        Entry::Closed(_) => PageId::RehearsalClosed,
        Entry::Recheck { .. } => PageId::Question,
        Entry::Open(_) => PageId::Rehearsal,
    }
}
