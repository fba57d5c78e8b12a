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
    /// Every answer of a check-in, to look over before the result.
    CheckinReview,
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
    /// How things have moved over time.
    Trends,
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
        HomeItem::Trends => Opened::Page(PageId::Trends),
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

/// Where going back leaves a page for: the one rule both faces follow. Steps inside a page
/// (the previous question, rehearsal stage, review question or builder blank) are the page's
/// own and come first; this is where back leads once there is no step left to undo. `None` on
/// the pages back cannot leave (the welcome, the home menu, the end).
pub fn back_from(page: PageId, has_profile: bool) -> Option<PageId> {
    use PageId as P;
    Some(match page {
        P::Welcome | P::Home | P::Goodbye => return None,
        P::Partner if has_profile => P::Home,
        P::Partner => P::Welcome,
        P::Pronouns => P::Partner,
        P::Country => P::Settings,
        P::LogAnswer => P::LogDoor,
        P::LogNote => P::LogAnswer,
        P::Door => P::Doors,
        P::SoloSection | P::Build | P::JournalPrompts => P::Solo,
        P::Journal => P::JournalPrompts,
        P::Snapshot | P::Compare => P::History,
        P::Review => P::Timeline,
        _ => P::Home,
    })
}

#[cfg(test)]
mod tests {
    use super::{PageId, back_from};

    #[test]
    fn back_climbs_to_home_from_every_page_and_never_loops() {
        use PageId as P;
        let all = [
            P::Welcome,
            P::Partner,
            P::Pronouns,
            P::Home,
            P::Question,
            P::CheckinReview,
            P::Result,
            P::RehearsalClosed,
            P::Rehearsal,
            P::Script,
            P::Settings,
            P::Country,
            P::LogDoor,
            P::LogAnswer,
            P::LogNote,
            P::Logged,
            P::RepeatedNo,
            P::Timeline,
            P::Review,
            P::ReviewResult,
            P::Doors,
            P::Door,
            P::Solo,
            P::SoloSection,
            P::Build,
            P::JournalPrompts,
            P::Journal,
            P::ExportSummary,
            P::History,
            P::Trends,
            P::Snapshot,
            P::Compare,
            P::CrisisLines,
            P::Confirm,
        ];
        for page in all {
            let mut at = page;
            for _ in 0..5 {
                match back_from(at, true) {
                    Some(up) => at = up,
                    None => break,
                }
            }
            let end = if page == P::Welcome {
                P::Welcome
            } else {
                P::Home
            };
            assert_eq!(at, end, "back from {page:?} does not reach home");
        }
        assert_eq!(back_from(P::Partner, false), Some(P::Welcome));
    }
}
