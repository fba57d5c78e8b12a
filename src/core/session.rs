//! What a session does to the saved data, the same in every front end: the home menu, how
//! Overture refers to the partner, and starting, saving, resuming and finishing a check-in.
//!
//! The TUI and the plain front end both call these, so a rule such as "retaking keeps the old
//! results" or "a first run goes straight into the check-in" lives in one place.

use super::Answers;
use super::flow::{Current, Flow};
use super::glance::Glance;
use super::record::{AssessmentRecord, Draft, Profile, SavedData};
use super::triage;
use crate::content::{Content, Pronouns, Voice, render};
use jiff::Timestamp;

/// The partner words offered; a front end also lets the user type their own.
pub const PARTNER_WORDS: [&str; 5] = ["husband", "wife", "partner", "boyfriend", "girlfriend"];

/// The longest partner word a user may type, in characters.
pub const MAX_PARTNER_WORD_CHARS: usize = 40;

/// One entry of the home menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HomeItem {
    Continue,
    Start,
    Retake,
    LatestResult,
    /// Rehearse the invitation (or continue an open rehearsal).
    Rehearse,
    /// Read the latest script or letter of a rehearsal.
    Script,
    /// Record that the user raised it, and how it went.
    LogAsk,
    /// The plan for repeated "no" (offered after several).
    RepeatedNo,
    /// The window and its review date.
    Timeline,
    /// Lower-threshold ways in.
    Doors,
    /// Work the user can do alone, and the journal.
    Solo,
    /// Every saved snapshot: revisit, compare, delete.
    History,
    /// How things have moved over time: readiness, the signals, the asks, the reviews.
    Trends,
    /// A Markdown summary for the user's own counselor.
    ExportSummary,
    Crisis,
    ChangeVoice,
    /// Country for crisis lines, deleting everything.
    Settings,
    Quit,
}

impl HomeItem {
    /// The entry's key in the full-screen app: a letter of its own, so that it never moves
    /// when other entries come and go. (Start and Retake share one: never shown together.)
    pub fn key(self) -> char {
        match self {
            HomeItem::Continue => 'c',
            HomeItem::Start | HomeItem::Retake => 'n',
            HomeItem::LatestResult => 'r',
            HomeItem::Rehearse => 'i',
            HomeItem::Script => 'w',
            HomeItem::LogAsk => 'l',
            HomeItem::RepeatedNo => 'p',
            HomeItem::Timeline => 't',
            HomeItem::Doors => 'd',
            HomeItem::Solo => 'o',
            HomeItem::History => 'h',
            HomeItem::Trends => 'm',
            HomeItem::ExportSummary => 'e',
            HomeItem::Crisis => 'g',
            HomeItem::ChangeVoice => 'v',
            HomeItem::Settings => 's',
            HomeItem::Quit => 'q',
        }
    }
}

/// The home menu for this data, in order.
pub fn home_items(data: &SavedData) -> Vec<HomeItem> {
    home_items_on(data, super::gate::current(data))
}

/// [`home_items`], with the path now (`gate::current(data)`) already worked out.
pub(crate) fn home_items_on(data: &SavedData, path: Option<super::gate::Path>) -> Vec<HomeItem> {
    let mut items = Vec::new();
    if data.draft.is_some() {
        items.push(HomeItem::Continue);
    }
    if data.assessments.is_empty() {
        items.push(HomeItem::Start);
    } else {
        // What the path offers is the gate's to say; a menu never lists what the path
        // does not allow.
        let can = path.map(super::gate::Path::capabilities);
        items.push(HomeItem::LatestResult);
        if can.is_some_and(|c| c.ask_log) {
            items.push(HomeItem::LogAsk);
        }
        if super::asklog::repeated_no_due(data) {
            items.push(HomeItem::RepeatedNo);
        }
        // A pending re-check is answered through the rehearsal's door, which asks the
        // safety questions first.
        if can.is_some_and(|c| c.rehearsal) || path == Some(super::gate::Path::Recheck) {
            items.push(HomeItem::Rehearse);
        }
        // A saved invitation script is not offered where invitations are not (it stays
        // readable under saved answers).
        if super::gate::invitations_offered(path)
            && data.rehearsals.iter().any(|r| !r.scripts.is_empty())
        {
            items.push(HomeItem::Script);
        }
        if super::timeline::offered_on(path) {
            items.push(HomeItem::Timeline);
        }
        if path.is_some_and(super::doors::offered_on) {
            items.push(HomeItem::Doors);
        }
        items.extend([HomeItem::Solo, HomeItem::History, HomeItem::Trends]);
        items.extend([HomeItem::ExportSummary, HomeItem::Retake]);
    }
    items.extend([
        HomeItem::Crisis,
        HomeItem::ChangeVoice,
        HomeItem::Settings,
        HomeItem::Quit,
    ]);
    items
}

/// The words of one home menu entry (the content's `home` labels, for this glance).
pub fn home_label(content: &Content, glance: &Glance, item: HomeItem) -> String {
    let data = &glance.data;
    let l = &content.copy.home;
    let count = |label: &str, n: usize| crate::content::fill_menu(label, n, "");
    let text = match item {
        HomeItem::Continue => match draft_place(content, data) {
            Some(place) => crate::content::fill_menu(&l.continue_at, 0, &place),
            None => l.resume.clone(),
        },
        // Beside "Continue where you stopped", say what starting again does to it.
        HomeItem::Start if data.draft.is_some() => l.start_over.clone(),
        HomeItem::Retake if data.draft.is_some() => l.retake_over.clone(),
        HomeItem::Start => l.start.clone(),
        HomeItem::Retake => l.retake.clone(),
        HomeItem::LatestResult => l.latest_result.clone(),
        HomeItem::Rehearse => {
            if glance.rehearsal_open && glance.invitations_offered {
                l.rehearse_continue.clone()
            } else {
                l.rehearse.clone()
            }
        }
        HomeItem::Script => l.script.clone(),
        // Where asking again is not the advice, the log is a record of what happened, not
        // an invitation to keep asking.
        HomeItem::LogAsk if !glance.invitations_offered => match glance.asks {
            0 => l.note_ask.clone(),
            n => count(&l.note_ask_count, n),
        },
        HomeItem::LogAsk => match glance.asks {
            0 => l.log_ask.clone(),
            n => count(&l.log_ask_count, n),
        },
        HomeItem::RepeatedNo if !glance.any_yes => {
            count(&l.repeated_no_never_yes, glance.noes_since_yes)
        }
        HomeItem::RepeatedNo => count(&l.repeated_no, glance.noes_since_yes),
        HomeItem::Timeline => {
            if data.timeline.is_some() {
                l.timeline_review.clone()
            } else {
                l.timeline_set.clone()
            }
        }
        HomeItem::Doors => l.doors.clone(),
        HomeItem::Solo => l.solo.clone(),
        HomeItem::History => l.history.clone(),
        HomeItem::Trends => l.trends.clone(),
        HomeItem::ExportSummary => l.export_summary.clone(),
        HomeItem::Crisis => l.crisis.clone(),
        HomeItem::ChangeVoice => l.change_voice.clone(),
        HomeItem::Settings => l.settings.clone(),
        HomeItem::Quit => l.quit.clone(),
    };
    crate::content::render(&text, &voice(data))
}

/// Where the draft stopped, in words: "Safety check, question 3 of 9".
pub fn draft_place(content: &Content, data: &SavedData) -> Option<String> {
    let flow = resume(content, data)?;
    match flow.current(content) {
        Current::Question {
            question,
            number_in_section,
            section_len,
            ..
        } => content.section(&question.section).map(|s| {
            format!(
                "{}, question {number_in_section} of {section_len}",
                render(&s.title, &voice(data))
            )
        }),
        Current::Review => Some("your answers, ready to look over before the result".to_string()),
        Current::Finished => None,
    }
}

/// How the texts spell "counseling" for this user: by the country in their settings.
pub fn spelling(data: &SavedData) -> crate::content::Spelling {
    crate::content::Spelling::of_country(data.settings.country.as_deref())
}

/// The spelling to change to after the country setting changed: `None` when no country is
/// chosen, since the spelling then stays as it is (the next start takes it from the
/// computer's language setting, as this one did).
pub fn respelling(data: &SavedData) -> Option<crate::content::Spelling> {
    data.settings.country.is_some().then(|| spelling(data))
}

/// How Overture speaks about the partner now (the default before the welcome is done).
pub fn voice(data: &SavedData) -> Voice {
    data.profile
        .as_ref()
        .map(|p| p.voice.clone())
        .unwrap_or_default()
}

/// Whether the check-in in progress already holds an answer the safety gate acts on (harm,
/// threats, fear, thoughts of self-harm): leaving then points to the help lines first.
pub fn draft_in_danger(data: &SavedData) -> bool {
    data.draft
        .as_ref()
        .is_some_and(|d| triage::safety_gate(&d.answers).is_some())
}

/// Nothing has been answered yet: choosing the pronouns goes straight into the check-in.
pub fn is_first_run(data: &SavedData) -> bool {
    data.assessments.is_empty() && data.draft.is_none()
}

/// Why a typed partner word cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PartnerWordError {
    #[error("type a word first")]
    Empty,
    /// Too long, or holds braces or control characters (which templating or a terminal
    /// would treat as more than a word).
    #[error("please use a short word (up to {MAX_PARTNER_WORD_CHARS} letters, no braces)")]
    Unusable,
}

/// The word as it will be used (white space trimmed and collapsed), or why it cannot be.
pub fn check_partner_word(typed: &str) -> Result<String, PartnerWordError> {
    let word = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    if word.is_empty() {
        return Err(PartnerWordError::Empty);
    }
    if word.chars().count() > MAX_PARTNER_WORD_CHARS
        || word.contains(['{', '}'])
        || word.chars().any(char::is_control)
    {
        return Err(PartnerWordError::Unusable);
    }
    Ok(word)
}

/// The pronouns most people mean with a word, as a suggestion only.
pub fn usual_pronouns(word: &str) -> Pronouns {
    match word {
        "husband" | "boyfriend" => Pronouns::He,
        "wife" | "girlfriend" => Pronouns::She,
        _ => Pronouns::They,
    }
}

/// Keeps the partner word (creating the profile on first run) and returns the pronouns to
/// suggest next: the usual ones for the word on a first run, the ones already chosen after.
/// Nothing is saved until the pronouns are chosen.
pub fn set_partner_word(data: &mut SavedData, word: &str, now: Timestamp) -> Pronouns {
    let first_run = is_first_run(data);
    let profile = data.profile.get_or_insert_with(|| Profile {
        voice: Voice::default(),
        created_at: now,
    });
    profile.voice.partner = word.to_string();
    if first_run {
        usual_pronouns(word)
    } else {
        profile.voice.pronouns
    }
}

/// Keeps the pronouns. Returns true on a first run, when the check-in starts next.
pub fn set_pronouns(data: &mut SavedData, pronouns: Pronouns) -> bool {
    let first_run = is_first_run(data);
    if let Some(profile) = data.profile.as_mut() {
        profile.voice.pronouns = pronouns;
    }
    first_run
}

/// Starts a new check-in, replacing any draft (finished results are kept). Save after.
pub fn start(data: &mut SavedData, now: Timestamp) -> Flow {
    data.draft = Some(Draft {
        started_at: now,
        updated_at: now,
        answers: Answers::new(),
        current: None,
    });
    Flow::new()
}

/// The saved draft as a flow, at the question it stopped on.
pub fn resume(content: &Content, data: &SavedData) -> Option<Flow> {
    data.draft
        .as_ref()
        .map(|d| Flow::resume(content, d.answers.clone(), d.current.as_deref()))
}

/// Copies the flow's answers and place into the draft. Save after every answer and every step
/// back, so a crash or a quick exit loses at most the key in flight.
pub fn keep_progress(content: &Content, data: &mut SavedData, flow: &Flow, now: Timestamp) {
    if let Some(draft) = data.draft.as_mut() {
        draft.answers = flow.answers.clone();
        draft.current = flow.current_id(content).map(str::to_string);
        draft.updated_at = now;
    }
}

/// Turns the finished answers into a record, keeps it after the earlier ones and clears the
/// draft. Returns the new record's index in `data.assessments`. Save after.
pub fn finish(data: &mut SavedData, answers: Answers, now: Timestamp) -> usize {
    let started_at = data.draft.as_ref().map_or(now, |d| d.started_at);
    let outcome = triage::triage(&answers);
    let record = AssessmentRecord {
        id: data.next_assessment_id(now),
        started_at,
        completed_at: now,
        answers,
        outcome: outcome.kind,
        reasons: outcome.reasons,
        content_version: crate::content::FORMAT_VERSION,
    };
    data.assessments.push(record);
    data.draft = None;
    data.assessments.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_words_are_trimmed_and_checked() {
        assert_eq!(check_partner_word("  my  love \n"), Ok("my love".into()));
        assert_eq!(check_partner_word(" \n "), Err(PartnerWordError::Empty));
        assert_eq!(
            check_partner_word("{they}"),
            Err(PartnerWordError::Unusable)
        );
        assert_eq!(
            check_partner_word("a\u{1b}[2J"),
            Err(PartnerWordError::Unusable)
        );
        assert_eq!(
            check_partner_word(&"x".repeat(MAX_PARTNER_WORD_CHARS + 1)),
            Err(PartnerWordError::Unusable)
        );
        assert!(check_partner_word(&"é".repeat(MAX_PARTNER_WORD_CHARS)).is_ok());
    }

    #[test]
    fn home_menu_follows_the_data() {
        let mut data = SavedData::default();
        assert_eq!(
            home_items(&data),
            [
                HomeItem::Start,
                HomeItem::Crisis,
                HomeItem::ChangeVoice,
                HomeItem::Settings,
                HomeItem::Quit
            ]
        );
        let now = Timestamp::UNIX_EPOCH;
        start(&mut data, now);
        assert_eq!(
            home_items(&data)[..2],
            [HomeItem::Continue, HomeItem::Start]
        );
        finish(&mut data, Answers::new(), now);
        assert_eq!(
            home_items(&data)[..4],
            [
                HomeItem::LatestResult,
                HomeItem::LogAsk,
                HomeItem::Rehearse,
                HomeItem::Timeline
            ]
        );
        assert!(!home_items(&data).contains(&HomeItem::RepeatedNo));
        assert!(home_items(&data).contains(&HomeItem::Retake));
        assert!(data.draft.is_none());
        // Three "no"s since the last yes bring the plan for repeated no onto the menu.
        for _ in 0..3 {
            super::super::asklog::log(
                &mut data,
                now,
                "coach",
                super::super::record::AskAnswer::NoWithoutReason,
                "",
            );
        }
        assert_eq!(home_items(&data)[2], HomeItem::RepeatedNo);
    }
}

/// One entry of the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsItem {
    Country,
    LockOn,
    ChangePassphrase,
    LockOff,
    DeleteEverything,
}

/// The settings on offer, in order: the lock only where something is saved to lock (`locked`
/// is `None` in a private session, which writes nothing).
pub fn settings_items(locked: Option<bool>) -> Vec<SettingsItem> {
    let mut items = vec![SettingsItem::Country];
    match locked {
        Some(false) => items.push(SettingsItem::LockOn),
        Some(true) => items.extend([SettingsItem::ChangePassphrase, SettingsItem::LockOff]),
        None => {}
    }
    items.push(SettingsItem::DeleteEverything);
    items
}
