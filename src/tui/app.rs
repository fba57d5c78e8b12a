//! The TUI's model and update: keys in, core actions out, saved after every answer.

use crate::content::{Content, Voice};
use crate::core::flow::Flow;
use crate::core::glance::Glance;
use crate::core::place::PageId;
use crate::core::record::SavedData;
use crate::core::session;
use crate::store::Store;
use jiff::Timestamp;
use ratatui_textarea::TextArea;
use std::borrow::Cow;
use std::collections::BTreeSet;

mod after;
mod checkin;
mod home;
mod keys;
mod rehearse;
mod settings;
mod setup;

pub use after::{BUILDERS, SoloItem};
pub use settings::{INTERNATIONAL_REGION, LockAction, SecretForm, SettingsItem};

/// The partner words offered; the last choice lets the user type their own.
pub use crate::core::session::{HomeItem, PARTNER_WORDS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Welcome,
    Partner,
    Pronouns,
    Home,
    Question,
    /// A finished assessment, by index into `data.assessments`.
    Result(usize),
    /// Why the rehearsal is not offered now.
    Gate(Gate),
    /// The rehearsal of the invitation, at one stage.
    Rehearse(Stage),
    /// The assembled script of a rehearsal, by index into `data.rehearsals`.
    Script(usize),
    Settings,
    /// Choosing the country whose crisis lines come first.
    Country,
    /// Logging an ask: which door was offered.
    LogDoor,
    /// Logging an ask: how the partner answered.
    LogAnswer,
    /// Logging an ask: a note if the user wants one, in the text box.
    LogNote,
    /// What a logged ask means, by index into `data.asks`.
    Logged(usize),
    /// The plan for repeated "no" (and the user's boundary, written in the text box).
    RepeatedNo,
    /// The timeline: choose a window, or see the day and review.
    Timeline,
    /// The movement check of a review, one item at a time.
    Review(usize),
    /// A review, by index into `data.reviews`.
    ReviewResult(usize),
    /// The lower doors this user is shown.
    Doors,
    /// How things have moved over time.
    Trends,
    /// One door, by index into the visible doors.
    Door(usize),
    Solo,
    /// A reading section of the solo work, by index into the content's sections.
    SoloSection(usize),
    /// Filling a builder's blanks: builder (index into `BUILDERS`), blank.
    Build(usize, usize),
    /// Choosing a journal prompt.
    JournalPrompts,
    /// Writing a journal entry, to a prompt (or free writing).
    Journal(Option<usize>),
    /// Every saved snapshot, newest first.
    History,
    /// One snapshot in full.
    Snapshot(crate::core::history::Snapshot),
    /// Two check-ins side by side, by index into `data.assessments` (older first).
    Compare(usize, usize),
}

/// Where the user is in a rehearsal: the core's stages.
pub use crate::core::rehearsal::Stage;

/// What the one-line text field is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextPurpose {
    PartnerWord,
    ExportPath,
    /// The summary for the user's own counselor.
    ExportSummary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Crisis,
    /// Everything the draft checker found in the text box, when the panel under it is cut.
    Advice,
    ConfirmQuit,
    ConfirmRestart,
    ConfirmWipe,
    /// Delete the snapshot in `App::delete_target`.
    ConfirmDelete,
    /// Delete every saved answer (not the settings).
    ConfirmDeleteAll,
}

pub use crate::core::rehearsal::Gate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Normal,
    /// Leave at once and clear the screen behind us.
    Quick,
}

/// A message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Info(String),
    Warning(String),
}

// Each flag is one independent toggle of what a screen shows; an enum would only rename them.
#[allow(clippy::struct_excessive_bools)]
pub struct App {
    pub content: Content,
    /// The saved answers. While [`App::glance`] holds the home screen's glance, only its part
    /// (profile, settings, the check-in in progress, the last two check-ins).
    pub data: SavedData,
    /// `Some` while only the home screen's glance is read (a start with years of history):
    /// the rest is read at the first key that needs it ([`App::read_the_rest`]).
    stored_glance: Option<Glance>,
    store: Option<Store>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub flow: Option<Flow>,
    pub status: Option<Status>,
    /// The last save failed: what is on screen is not all on disk.
    pub unsaved: bool,
    /// The cursor rests on an answer the user gave or moved to, not where a new list puts it.
    /// Where Enter records an answer, it records only such a one: a first option nobody
    /// chose is never saved as an answer (a number then Enter, out of the habit plain mode
    /// and the footer's "1-9 pick, Enter choose" teach, or Enter pressed again and again).
    pub(crate) cursor_chosen: bool,
    pub exit: Option<Exit>,
    pub theme: super::theme::Theme,
    clock: fn() -> Timestamp,
    /// Where a relative export path is written: `None` is the working directory, as a user
    /// typing a file name expects. Tests point it at a temp folder.
    export_dir: Option<std::path::PathBuf>,
    /// Highlighted row in a list.
    pub cursor: usize,
    /// Ticked keys in a multi-select question.
    pub ticked: BTreeSet<String>,
    /// Scroll offset of a reading screen or overlay.
    pub scroll: u16,
    /// Height of the body the last time it was drawn, for paging and clamping.
    pub page_height: u16,
    pub max_scroll: u16,
    /// Where the sections of the page on screen start (its headings), as last drawn.
    pub sections: Vec<u16>,
    /// The one-line text field (the user's own partner word, an export path).
    pub text: Option<TextArea<'static>>,
    pub text_purpose: TextPurpose,
    /// The multi-line box of a rehearsal step, a readiness note or a script edit.
    pub editor: Option<TextArea<'static>>,
    /// The two readiness rulers being set, and which one has focus.
    pub ruler: [u8; 2],
    pub ruler_focus: usize,
    /// The last key on a ruler was the digit 1: a 0 straight after it makes 10, as typed.
    pub(crate) ruler_one_typed: bool,
    /// The safety check on screen is the short re-check before a rehearsal.
    pub recheck: bool,
    /// The script screen shows the letter form.
    pub letter_view: bool,
    /// The script version on screen, counted back from the latest (0 = the latest).
    pub versions_back: usize,
    /// Scroll of the guidance above a text box.
    pub guidance_scroll: u16,
    /// A passphrase being typed in the settings.
    pub secret: Option<SecretForm>,
    /// A passphrase change typed in full, waiting for the next frame: deriving the key takes
    /// about a second, so the screen first says it is working (see [`App::run_pending`]).
    pub(crate) pending_lock: Option<SecretForm>,
    /// Where the user was before an overlay that scrolls (so the screen keeps its place).
    pub(crate) saved_scroll: u16,
    /// Where answers are kept, in words, for the welcome page.
    location: String,
    /// The ask being logged: the door (index into `ASK_DOORS`) and the answer.
    pub(crate) pending_door: usize,
    pub(crate) pending_answer: Option<crate::core::record::AskAnswer>,
    /// The movement check being answered.
    pub movement: std::collections::BTreeMap<String, crate::core::record::Movement>,
    /// The timeline screen lists window lengths for a new window.
    pub choosing_window: bool,
    /// The blanks of a builder filled so far.
    pub blanks: Vec<String>,
    /// Esc was pressed once in a note or journal entry with words in it: a second Esc leaves
    /// without saving them.
    pub(crate) leave_armed: bool,
    /// The check-in marked for comparison (index into `data.assessments`).
    pub compare_mark: Option<usize>,
    /// The one kind the saved answers list shows, if it is filtered.
    pub history_kind: Option<crate::core::history::Kind>,
    /// The snapshot a delete confirmation is about.
    pub delete_target: Option<crate::core::history::Snapshot>,
}

impl App {
    /// The page the user sees, named as core names it (plain mode says the same).
    pub fn page_id(&self) -> PageId {
        if self.exit.is_some() {
            return PageId::Goodbye;
        }
        match self.overlay {
            Some(Overlay::Crisis) => return PageId::CrisisLines,
            Some(
                Overlay::ConfirmQuit
                | Overlay::ConfirmRestart
                | Overlay::ConfirmWipe
                | Overlay::ConfirmDelete
                | Overlay::ConfirmDeleteAll,
            ) => return PageId::Confirm,
            Some(Overlay::Help | Overlay::Advice) | None => {}
        }
        if self.text.is_some() && self.text_purpose == TextPurpose::ExportSummary {
            return PageId::ExportSummary;
        }
        match self.screen {
            Screen::Welcome => PageId::Welcome,
            Screen::Partner => PageId::Partner,
            Screen::Pronouns => PageId::Pronouns,
            Screen::Home => PageId::Home,
            Screen::Question
                if self
                    .flow
                    .as_ref()
                    .is_some_and(crate::core::flow::Flow::is_reviewing) =>
            {
                PageId::CheckinReview
            }
            Screen::Question => PageId::Question,
            Screen::Result(_) => PageId::Result,
            Screen::Gate(_) => PageId::RehearsalClosed,
            Screen::Rehearse(_) => PageId::Rehearsal,
            Screen::Script(_) => PageId::Script,
            Screen::Settings => PageId::Settings,
            Screen::Country => PageId::Country,
            Screen::LogDoor => PageId::LogDoor,
            Screen::LogAnswer => PageId::LogAnswer,
            Screen::LogNote => PageId::LogNote,
            Screen::Logged(_) => PageId::Logged,
            Screen::RepeatedNo => PageId::RepeatedNo,
            Screen::Timeline => PageId::Timeline,
            Screen::Review(_) => PageId::Review,
            Screen::ReviewResult(_) => PageId::ReviewResult,
            Screen::Doors => PageId::Doors,
            Screen::Trends => PageId::Trends,
            Screen::Door(_) => PageId::Door,
            Screen::Solo => PageId::Solo,
            Screen::SoloSection(_) => PageId::SoloSection,
            Screen::Build(..) => PageId::Build,
            Screen::JournalPrompts => PageId::JournalPrompts,
            Screen::Journal(_) => PageId::Journal,
            Screen::History => PageId::History,
            Screen::Snapshot(_) => PageId::Snapshot,
            Screen::Compare(..) => PageId::Compare,
        }
    }

    /// Starts the app over loaded data. `store` is `None` for a session that writes nothing.
    pub fn new(content: Content, data: SavedData, store: Option<Store>) -> Self {
        let screen = if data.profile.is_some() {
            Screen::Home
        } else {
            Screen::Welcome
        };
        let spelling = session::spelling(&data);
        App {
            content: content.into_spelling(spelling),
            data,
            stored_glance: None,
            store,
            screen,
            overlay: None,
            flow: None,
            status: None,
            unsaved: false,
            cursor_chosen: false,
            exit: None,
            theme: super::theme::Theme::new(true),
            clock: Timestamp::now,
            export_dir: None,
            cursor: 0,
            ticked: BTreeSet::new(),
            scroll: 0,
            page_height: 10,
            max_scroll: 0,
            sections: Vec::new(),
            text: None,
            text_purpose: TextPurpose::PartnerWord,
            editor: None,
            ruler: [5, 5],
            ruler_focus: 0,
            ruler_one_typed: false,
            recheck: false,
            letter_view: false,
            versions_back: 0,
            guidance_scroll: 0,
            secret: None,
            pending_lock: None,
            saved_scroll: 0,
            location: String::new(),
            pending_door: 0,
            pending_answer: None,
            movement: std::collections::BTreeMap::new(),
            choosing_window: false,
            blanks: Vec::new(),
            leave_armed: false,
            compare_mark: None,
            history_kind: None,
            delete_target: None,
        }
    }

    /// Spells the texts for the country now chosen ([`session::respelling`]).
    pub(crate) fn respell(&mut self) {
        if let Some(spelling) = session::respelling(&self.data) {
            self.content = self.content.for_spelling(spelling);
        }
    }

    /// Starts the app on the home screen from its glance (see [`crate::store::Store::open_at_home`]):
    /// the rest of the saved answers is read at the first key that needs them.
    pub fn from_glance(content: Content, glance: Glance, store: Store) -> Self {
        let mut app = App::new(content, glance.data.clone(), Some(store));
        app.stored_glance = Some(glance);
        if app.data.profile.is_none() {
            // Not the home screen: the welcome saves at once.
            app.read_the_rest();
        }
        app
    }

    /// What the home screen shows: the stored glance, or worked out from the saved answers.
    pub fn glance(&self) -> Cow<'_, Glance> {
        match &self.stored_glance {
            Some(glance) => Cow::Borrowed(glance),
            None => Cow::Owned(Glance::of(&self.data)),
        }
    }

    /// Whether every saved answer is read (not only the home screen's glance).
    pub fn is_fully_read(&self) -> bool {
        self.stored_glance.is_none()
    }

    /// Reads the saved answers the glance left out, if they are not read yet. `false` when
    /// they could not be read: the user is told, and nothing is saved (the store refuses
    /// until they are read).
    pub(crate) fn read_the_rest(&mut self) -> bool {
        if self.stored_glance.is_none() {
            return true;
        }
        let Some(store) = self.store.as_mut() else {
            self.stored_glance = None;
            return true;
        };
        match store.read_the_rest() {
            Ok(loaded) => {
                let settings = self.data.settings.clone();
                let (mut data, warning) = crate::store::settle_loaded(store, loaded);
                // Only the settings can have changed before now (the country taken from the
                // locale at start); nothing was saved since the glance was read.
                data.settings = settings;
                self.data = data;
                self.stored_glance = None;
                if let Some(warning) = warning {
                    self.status = Some(Status::Warning(warning));
                }
                true
            }
            Err(e) => {
                self.status = Some(Status::Warning(format!(
                    "Your saved answers could not be read ({e}). Nothing will be saved until they can; press Ctrl-Q to leave and try again."
                )));
                false
            }
        }
    }

    /// A fixed clock, for tests and snapshots.
    #[must_use]
    pub fn with_clock(mut self, clock: fn() -> Timestamp) -> Self {
        self.clock = clock;
        self
    }

    /// Relative export paths go under `dir` instead of the working directory.
    #[must_use]
    pub fn with_export_dir(mut self, dir: std::path::PathBuf) -> Self {
        self.export_dir = Some(dir);
        self
    }

    /// The file a typed export path names.
    pub(crate) fn export_target(&self, typed: &str) -> std::path::PathBuf {
        crate::export::target(self.export_dir.as_deref(), typed)
    }

    #[must_use]
    pub fn with_theme(mut self, theme: super::theme::Theme) -> Self {
        self.theme = theme;
        self
    }

    /// Says where answers are kept (or that nothing is written), for the welcome page.
    #[must_use]
    pub fn with_location(mut self, location: String) -> Self {
        self.location = location;
        self
    }

    pub fn data_location(&self) -> String {
        self.location.clone()
    }

    pub fn voice(&self) -> Voice {
        session::voice(&self.data)
    }

    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    pub(crate) fn now(&self) -> Timestamp {
        (self.clock)()
    }

    pub(crate) fn go(&mut self, screen: Screen) {
        self.screen = screen;
        self.cursor = 0;
        self.scroll = 0;
        self.cursor_chosen = false;
    }

    /// Writes everything now. On failure the answers stay in memory and the user is told.
    pub(crate) fn persist(&mut self) {
        self.persist_as(false);
    }

    /// [`App::persist`] after a delete: no copy of what was deleted is left in Overture's
    /// files, the backup included ([`crate::store::Store::save_scrubbed`]).
    pub(crate) fn persist_scrubbed(&mut self) {
        self.persist_as(true);
    }

    fn persist_as(&mut self, scrubbed: bool) {
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let saved = if scrubbed {
            store.save_scrubbed(&self.data)
        } else {
            store.save(&self.data)
        };
        match saved {
            Ok(()) => {
                if self.unsaved {
                    self.status = Some(Status::Info("Saved again.".to_string()));
                }
                self.unsaved = false;
            }
            Err(e @ crate::store::StoreError::NotFlushed { .. }) => {
                // The new file is in place; only the final flush of the folder failed.
                self.unsaved = false;
                self.status = Some(Status::Warning(format!(
                    "Saved, but the system could not confirm it is safely on disk ({e})."
                )));
            }
            Err(e) => {
                self.unsaved = true;
                self.status = Some(Status::Warning(format!(
                    "Your last answer was NOT saved ({e}). It stays here while Overture is open."
                )));
            }
        }
    }
}
