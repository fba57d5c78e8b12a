//! The TUI's model and update: keys in, core actions out, saved after every answer.

use super::keymap::{self, Action, Context};
use crate::content::{Content, Pronouns, QuestionKind, Voice};
use crate::core::flow::{Current, Flow};
use crate::core::record::SavedData;
use crate::core::session::{self, PartnerWordError};
use crate::store::Store;
use jiff::Timestamp;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::TextArea;
use std::collections::BTreeSet;

mod after;
mod rehearse;

pub use after::{BUILDERS, SoloItem};

/// The resources region that holds the international directories, not a country.
pub const INTERNATIONAL_REGION: &str = "intl";

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

/// One entry of the settings screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsItem {
    Country,
    LockOn,
    ChangePassphrase,
    LockOff,
    DeleteEverything,
}

/// What a passphrase form does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockAction {
    On,
    Change,
    Off,
}

/// A passphrase being typed: what it is for, which prompt, and the secrets so far, all wiped
/// from memory when dropped.
pub struct SecretForm {
    pub action: LockAction,
    pub step: usize,
    pub typed: zeroize::Zeroizing<String>,
    current: zeroize::Zeroizing<String>,
    first: zeroize::Zeroizing<String>,
    pub message: Option<String>,
}

impl SecretForm {
    fn new(action: LockAction) -> Self {
        SecretForm {
            action,
            step: 0,
            typed: zeroize::Zeroizing::new(String::new()),
            current: zeroize::Zeroizing::new(String::new()),
            first: zeroize::Zeroizing::new(String::new()),
            message: None,
        }
    }

    /// The prompts of this form, in order.
    pub fn prompts(&self) -> &'static [&'static str] {
        match self.action {
            LockAction::On => &["Choose a passphrase:", "Type it again:"],
            LockAction::Change => &[
                "Your current passphrase:",
                "The new passphrase:",
                "Type the new one again:",
            ],
            LockAction::Off => &["Your current passphrase, to turn the lock off:"],
        }
    }
}

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
    pub data: SavedData,
    store: Option<Store>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub flow: Option<Flow>,
    pub status: Option<Status>,
    /// The last save failed: what is on screen is not all on disk.
    pub unsaved: bool,
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
    /// The one-line text field (the user's own partner word, an export path).
    pub text: Option<TextArea<'static>>,
    pub text_purpose: TextPurpose,
    /// The multi-line box of a rehearsal step, a readiness note or a script edit.
    pub editor: Option<TextArea<'static>>,
    /// The two readiness rulers being set, and which one has focus.
    pub ruler: [u8; 2],
    pub ruler_focus: usize,
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
    /// The check-in marked for comparison (index into `data.assessments`).
    pub compare_mark: Option<usize>,
    /// The snapshot a delete confirmation is about.
    pub delete_target: Option<crate::core::history::Snapshot>,
}

impl App {
    /// Starts the app over loaded data. `store` is `None` for a session that writes nothing.
    pub fn new(content: Content, data: SavedData, store: Option<Store>) -> Self {
        let screen = if data.profile.is_some() {
            Screen::Home
        } else {
            Screen::Welcome
        };
        App {
            content,
            data,
            store,
            screen,
            overlay: None,
            flow: None,
            status: None,
            unsaved: false,
            exit: None,
            theme: super::theme::Theme::new(true),
            clock: Timestamp::now,
            export_dir: None,
            cursor: 0,
            ticked: BTreeSet::new(),
            scroll: 0,
            page_height: 10,
            max_scroll: 0,
            text: None,
            text_purpose: TextPurpose::PartnerWord,
            editor: None,
            ruler: [5, 5],
            ruler_focus: 0,
            recheck: false,
            letter_view: false,
            versions_back: 0,
            guidance_scroll: 0,
            secret: None,
            saved_scroll: 0,
            location: String::new(),
            pending_door: 0,
            pending_answer: None,
            movement: std::collections::BTreeMap::new(),
            choosing_window: false,
            blanks: Vec::new(),
            compare_mark: None,
            delete_target: None,
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

    /// The countries the user can pick: every region but the international directories,
    /// which are listed for everyone anyway.
    pub fn country_choices(&self) -> Vec<&crate::content::Region> {
        self.content
            .resources
            .regions
            .iter()
            .filter(|r| r.id != INTERNATIONAL_REGION)
            .collect()
    }

    /// The settings on offer: the lock only where something is saved to lock.
    pub fn settings_items(&self) -> Vec<SettingsItem> {
        let mut items = vec![SettingsItem::Country];
        match self.store.as_ref().map(Store::is_locked_at_rest) {
            Some(false) => items.push(SettingsItem::LockOn),
            Some(true) => items.extend([SettingsItem::ChangePassphrase, SettingsItem::LockOff]),
            None => {}
        }
        items.push(SettingsItem::DeleteEverything);
        items
    }

    /// Keys while a passphrase is typed: letters go into the (wiped-on-drop) buffer, Enter
    /// goes to the next prompt or applies, Esc cancels. Nothing is ever shown but dots.
    fn secret_key(&mut self, key: KeyEvent, action: Option<Action>) {
        let Some(form) = self.secret.as_mut() else {
            return;
        };
        match (action, key.code) {
            (Some(Action::Back), _) => {
                self.secret = None;
                self.status = Some(Status::Info("Nothing was changed.".to_string()));
            }
            (Some(Action::Choose), _) => {
                if form.typed.is_empty() {
                    form.message = Some("Type it first, or press Esc.".to_string());
                    return;
                }
                let typed = std::mem::take(&mut *form.typed);
                let is_current = form.action != LockAction::On && form.step == 0;
                let is_repeat =
                    form.step + 1 == form.prompts().len() && form.action != LockAction::Off;
                if is_current {
                    *form.current = typed;
                } else if is_repeat {
                    if typed != *form.first {
                        form.first.clear();
                        form.step = usize::from(form.action == LockAction::Change);
                        form.message = Some("The two did not match. Choose it again.".to_string());
                        return;
                    }
                } else {
                    let advice = crate::store::passphrase_advice(
                        &crate::store::SecretString::from(typed.clone()),
                    );
                    form.message = advice.map(str::to_string);
                    *form.first = typed;
                }
                form.step += 1;
                if form.step >= form.prompts().len() {
                    self.apply_lock();
                }
            }
            (_, KeyCode::Backspace) => {
                form.typed.pop();
            }
            (_, KeyCode::Char(c)) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                form.typed.push(c);
            }
            _ => {}
        }
    }

    /// Turns the lock on, changes it or turns it off, with the passphrases the form holds.
    fn apply_lock(&mut self) {
        let Some(form) = self.secret.take() else {
            return;
        };
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let current = (form.action != LockAction::On)
            .then(|| crate::store::SecretString::from((*form.current).clone()));
        let new = (form.action != LockAction::Off)
            .then(|| crate::store::SecretString::from((*form.first).clone()));
        match store.set_passphrase(&self.data, current.as_ref(), new.as_ref()) {
            Ok(()) => {
                self.status = Some(Status::Info(
                    match form.action {
                        LockAction::On => "Locked. From now on Overture asks for the passphrase when it opens. There is no recovery if it is forgotten.",
                        LockAction::Change => "The passphrase is changed.",
                        LockAction::Off => "The lock is off: your answers are saved as plain text again.",
                    }
                    .to_string(),
                ));
                self.cursor = 0;
            }
            Err(e) => self.status = Some(Status::Warning(format!("Not changed: {e}"))),
        }
    }

    /// Deletes everything Overture saved, then goes on as a private session from the start.
    fn wipe_everything(&mut self) {
        let outcome = crate::store::wipe_from_app(self.store.take());
        self.data = SavedData::default();
        self.flow = None;
        self.editor = None;
        self.unsaved = false;
        self.location = "This is a private session: nothing you answer is saved, and it is gone when you leave.".to_string();
        self.go(Screen::Welcome);
        self.status = Some(Status::Warning(outcome));
    }

    /// From now on nothing is written. On a first run, the empty folder the store made is
    /// removed again, so a private session leaves no data folder behind.
    pub fn go_private(&mut self) {
        if let Some(store) = self.store.take() {
            let dir = store.dir().to_path_buf();
            let fresh = !store.data_path().exists() && !store.backup_path().exists();
            drop(store);
            if fresh {
                let _ = std::fs::remove_file(dir.join(crate::store::LOCK_FILE));
                let _ = std::fs::remove_dir(&dir);
            }
        }
        self.location = "This is a private session: nothing you answer is saved, and it is gone when you leave.".to_string();
        self.status = Some(Status::Info(
            "Private session: nothing you answer will be saved.".to_string(),
        ));
    }

    /// The key context of what has focus now.
    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Help | Overlay::Crisis) => return Context::Reading,
            Some(
                Overlay::ConfirmQuit
                | Overlay::ConfirmRestart
                | Overlay::ConfirmWipe
                | Overlay::ConfirmDelete
                | Overlay::ConfirmDeleteAll,
            ) => {
                return Context::Confirm;
            }
            None => {}
        }
        if self.text.is_some() || self.secret.is_some() {
            return Context::Text;
        }
        if self.editor.is_some() {
            return Context::Editor;
        }
        match self.screen {
            Screen::Result(_)
            | Screen::Gate(_)
            | Screen::Rehearse(Stage::ReplyOutcome)
            | Screen::Logged(_)
            | Screen::ReviewResult(_)
            | Screen::Door(_)
            | Screen::SoloSection(_)
            | Screen::Snapshot(_)
            | Screen::Compare(..) => Context::Reading,
            Screen::RepeatedNo => Context::Plan,
            Screen::History => Context::History,
            Screen::Rehearse(Stage::ReadinessBefore | Stage::ReadinessAfter) => Context::Ruler,
            Screen::Script(_) => Context::Script,
            Screen::Welcome => Context::Welcome,
            Screen::Question if self.current_question_kind() == Some(QuestionKind::Multi) => {
                Context::Multi
            }
            Screen::Question
            | Screen::Rehearse(_)
            | Screen::Partner
            | Screen::Pronouns
            | Screen::Settings
            | Screen::Country
            | Screen::Home
            | Screen::LogDoor
            | Screen::LogAnswer
            | Screen::LogNote
            | Screen::Timeline
            | Screen::Review(_)
            | Screen::Doors
            | Screen::Solo
            | Screen::Build(..)
            | Screen::JournalPrompts
            | Screen::Journal(_) => Context::List,
        }
    }

    fn current_question_kind(&self) -> Option<QuestionKind> {
        match self.flow.as_ref()?.current(&self.content) {
            Current::Question { question, .. } => Some(question.kind),
            Current::Finished => None,
        }
    }

    pub fn home_items(&self) -> Vec<HomeItem> {
        session::home_items(&self.data)
    }

    // ----- input -----

    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        let context = self.context();
        let action = keymap::lookup(context, &key);
        // Global keys win everywhere, text fields included.
        match action {
            Some(Action::QuickExit) => {
                // Whatever is in a text box is kept too: one last save, then out.
                self.flush_editor();
                self.exit = Some(Exit::Quick);
                return;
            }
            Some(Action::Crisis) => {
                self.open_overlay(Overlay::Crisis);
                return;
            }
            Some(Action::AskQuit) => {
                self.overlay = Some(Overlay::ConfirmQuit);
                return;
            }
            _ => {}
        }
        if context == Context::Text && self.secret.is_some() {
            self.secret_key(key, action);
            return;
        }
        if context == Context::Text {
            self.text_key(key, action);
            return;
        }
        if context == Context::Editor && self.overlay.is_none() {
            self.editor_key(key, action);
            return;
        }
        let Some(action) = action else {
            if matches!(key.code, KeyCode::Char(_))
                && !key.modifiers.contains(KeyModifiers::CONTROL)
            {
                self.status = Some(Status::Info(
                    "That key does nothing here. Press ? to see the keys.".to_string(),
                ));
            }
            return;
        };
        if let Some(overlay) = self.overlay {
            self.overlay_action(overlay, action);
            return;
        }
        if !matches!(self.status, Some(Status::Warning(_))) {
            self.status = None;
        }
        match action {
            Action::Help => self.open_overlay(Overlay::Help),
            Action::Quit => {
                if self.unsaved {
                    self.overlay = Some(Overlay::ConfirmQuit);
                } else {
                    self.exit = Some(Exit::Normal);
                }
            }
            _ => self.screen_action(action),
        }
    }

    /// Bracketed paste: into the text box or field that is open, never as a submit.
    pub fn handle_paste(&mut self, pasted: &str) {
        if let Some(editor) = self.editor.as_mut() {
            editor.insert_str(pasted.replace("\r\n", "\n").replace('\r', "\n"));
            return;
        }
        if let Some(text) = self.text.as_mut() {
            // One line only: the partner word.
            let line: String = pasted.lines().collect::<Vec<_>>().join(" ");
            text.insert_str(line);
        }
    }

    pub(crate) fn open_overlay(&mut self, overlay: Overlay) {
        if self.overlay.is_none() {
            self.saved_scroll = self.scroll;
        }
        self.overlay = Some(overlay);
        self.scroll = 0;
    }

    fn close_overlay(&mut self) {
        self.overlay = None;
        self.scroll = self.saved_scroll;
    }

    fn overlay_action(&mut self, overlay: Overlay, action: Action) {
        match (overlay, action) {
            (Overlay::ConfirmQuit, Action::Yes) => self.exit = Some(Exit::Normal),
            (Overlay::ConfirmRestart, Action::Yes) => {
                self.close_overlay();
                self.start_assessment();
            }
            (Overlay::ConfirmWipe, Action::Yes) => {
                self.close_overlay();
                self.wipe_everything();
            }
            (Overlay::ConfirmDelete, Action::Yes) => {
                self.close_overlay();
                self.confirm_delete();
            }
            (Overlay::ConfirmDeleteAll, Action::Yes) => {
                self.close_overlay();
                self.confirm_delete_all();
            }
            (
                Overlay::ConfirmQuit
                | Overlay::ConfirmRestart
                | Overlay::ConfirmWipe
                | Overlay::ConfirmDelete
                | Overlay::ConfirmDeleteAll,
                Action::No,
            )
            | (Overlay::Help | Overlay::Crisis, Action::Back | Action::Choose) => {
                self.close_overlay();
            }
            (Overlay::Help | Overlay::Crisis, Action::Quit) => {
                if self.unsaved {
                    self.overlay = Some(Overlay::ConfirmQuit);
                } else {
                    self.exit = Some(Exit::Normal);
                }
            }
            (Overlay::Help | Overlay::Crisis, Action::Help) => self.overlay = Some(Overlay::Help),
            (Overlay::Help | Overlay::Crisis, other) => self.scroll_action(other),
            _ => {}
        }
    }

    pub(crate) fn scroll_action(&mut self, action: Action) {
        let page = self.page_height.saturating_sub(1).max(1);
        self.scroll = match action {
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => self.scroll.saturating_add(1),
            Action::PageUp => self.scroll.saturating_sub(page),
            Action::PageDown => self.scroll.saturating_add(page),
            Action::Top => 0,
            Action::Bottom => self.max_scroll,
            _ => self.scroll,
        }
        .min(self.max_scroll);
    }

    fn text_key(&mut self, key: KeyEvent, action: Option<Action>) {
        match action {
            Some(Action::Choose) if self.text_purpose == TextPurpose::ExportSummary => {
                let path = self
                    .text
                    .as_ref()
                    .map(|t| t.lines().join("").trim().to_string())
                    .unwrap_or_default();
                self.export_summary(&path);
            }
            Some(Action::Choose) if self.text_purpose == TextPurpose::ExportPath => {
                let path = self
                    .text
                    .as_ref()
                    .map(|t| t.lines().join("").trim().to_string())
                    .unwrap_or_default();
                self.export_to(&path);
            }
            Some(Action::Choose) => {
                let typed = self
                    .text
                    .as_ref()
                    .map(|t| t.lines().join(" "))
                    .unwrap_or_default();
                match session::check_partner_word(&typed) {
                    Ok(word) => {
                        self.text = None;
                        self.choose_partner_word(&word);
                    }
                    Err(PartnerWordError::Empty) => {
                        self.status = Some(Status::Info(
                            "Type a word first, or press Esc to pick from the list.".to_string(),
                        ));
                    }
                    Err(PartnerWordError::Unusable) => {
                        self.status = Some(Status::Info(
                            "Please use a short word (up to 40 letters, no braces).".to_string(),
                        ));
                    }
                }
            }
            Some(Action::Back) => {
                self.text = None;
                self.status = None;
            }
            _ => {
                if let Some(text) = self.text.as_mut() {
                    text.input(key);
                }
            }
        }
    }

    fn list_len(&self) -> usize {
        if let Some(len) = self.after_list_len() {
            return len;
        }
        match self.screen {
            Screen::Partner => PARTNER_WORDS.len() + 1,
            Screen::Pronouns => Pronouns::ALL.len(),
            Screen::Home => self.home_items().len(),
            Screen::Question => match self.flow.as_ref().map(|f| f.current(&self.content)) {
                Some(Current::Question { question, .. }) => question.options.len(),
                _ => 0,
            },
            Screen::Rehearse(Stage::Reply) => self.content.rehearsal.replies.len(),
            Screen::Settings => self.settings_items().len(),
            // Every region, and "show them all".
            Screen::Country => self.country_choices().len() + 1,
            _ => 0,
        }
    }

    fn screen_action(&mut self, action: Action) {
        if self.after_action(action) {
            return;
        }
        let len = self.list_len();
        match (self.screen, action) {
            (Screen::Welcome, Action::Choose) => self.go(Screen::Partner),
            (Screen::Welcome, Action::Private) => {
                self.go_private();
                self.go(Screen::Partner);
            }
            (Screen::Welcome, Action::Back) => {}
            (Screen::Result(_) | Screen::Gate(_), Action::Back | Action::Choose) => {
                self.go(Screen::Home);
            }
            (Screen::Welcome | Screen::Result(_) | Screen::Gate(_), other) => {
                self.scroll_action(other);
            }
            (Screen::Rehearse(stage), action) if stage != Stage::Reply => {
                self.rehearse_action(stage, action);
            }
            (Screen::Script(index), action) => self.script_action(index, action),
            (_, Action::Up) => {
                self.cursor = self.cursor.checked_sub(1).unwrap_or(len.saturating_sub(1));
            }
            (_, Action::Down) => {
                self.cursor = if self.cursor + 1 >= len {
                    0
                } else {
                    self.cursor + 1
                }
            }
            (_, Action::Pick(n)) => {
                let index = usize::from(n) - 1;
                if index < len {
                    self.cursor = index;
                    if self.context() == Context::Multi {
                        self.toggle(index);
                    } else {
                        self.choose(index);
                    }
                } else {
                    self.status = Some(Status::Info(format!("There is no option {n} here.")));
                }
            }
            (_, Action::Toggle) => self.toggle(self.cursor),
            (_, Action::Choose) => {
                if self.context() == Context::Multi {
                    self.submit_multi();
                } else {
                    self.choose(self.cursor);
                }
            }
            (_, Action::Back) => self.back(),
            _ => {}
        }
    }

    pub(crate) fn now(&self) -> Timestamp {
        (self.clock)()
    }

    pub(crate) fn go(&mut self, screen: Screen) {
        self.screen = screen;
        self.cursor = 0;
        self.scroll = 0;
    }

    fn back(&mut self) {
        if self.after_back() {
            return;
        }
        match self.screen {
            Screen::Partner => {
                if self.data.profile.is_some() {
                    self.go(Screen::Home);
                } else {
                    self.go(Screen::Welcome);
                }
            }
            Screen::Pronouns => self.go(Screen::Partner),
            Screen::Question => {
                let moved = self.flow.as_mut().is_some_and(Flow::back);
                if moved {
                    self.enter_question();
                    if !self.recheck {
                        self.save_draft();
                    }
                } else {
                    self.flow = None;
                    self.recheck = false;
                    self.go(Screen::Home);
                }
            }
            Screen::Rehearse(Stage::Reply) => self.rehearse_action(Stage::Reply, Action::Back),
            Screen::Settings => self.go(Screen::Home),
            Screen::Country => self.go(Screen::Settings),
            _ => {}
        }
    }

    fn choose(&mut self, index: usize) {
        match self.screen {
            Screen::Partner => {
                if let Some(word) = PARTNER_WORDS.get(index) {
                    self.choose_partner_word(word);
                } else {
                    let mut text = TextArea::default();
                    text.set_placeholder_text("a word that fits after \u{201c}your\u{201d}");
                    self.text = Some(text);
                }
            }
            Screen::Pronouns => {
                if let Some(&pronouns) = Pronouns::ALL.get(index) {
                    self.choose_pronouns(pronouns);
                }
            }
            Screen::Home => {
                if let Some(&item) = self.home_items().get(index) {
                    self.home(item);
                }
            }
            Screen::Question => {
                let key = match self.flow.as_ref().map(|f| f.current(&self.content)) {
                    Some(Current::Question { question, .. }) => {
                        question.options.get(index).map(|o| o.key.clone())
                    }
                    _ => None,
                };
                if let Some(key) = key {
                    self.answer(vec![key]);
                }
            }
            Screen::Rehearse(Stage::Reply) => self.choose_reply(index),
            Screen::Settings => match self.settings_items().get(index) {
                Some(SettingsItem::Country) => {
                    let current = self.data.settings.country.clone();
                    self.go(Screen::Country);
                    let choices = self.country_choices();
                    self.cursor = choices
                        .iter()
                        .position(|r| Some(&r.id) == current.as_ref())
                        .unwrap_or(choices.len());
                }
                Some(SettingsItem::LockOn) => self.secret = Some(SecretForm::new(LockAction::On)),
                Some(SettingsItem::ChangePassphrase) => {
                    self.secret = Some(SecretForm::new(LockAction::Change));
                }
                Some(SettingsItem::LockOff) => self.secret = Some(SecretForm::new(LockAction::Off)),
                Some(SettingsItem::DeleteEverything) => self.overlay = Some(Overlay::ConfirmWipe),
                None => {}
            },
            Screen::Country => {
                let choice = self.country_choices().get(index).copied();
                let chosen = choice.map(|r| r.id.clone());
                let name = choice.map_or_else(|| "every country".to_string(), |r| r.name.clone());
                self.data.settings.country = chosen;
                self.data.settings.country_from_locale = false;
                self.persist();
                self.go(Screen::Settings);
                if !self.unsaved {
                    self.status =
                        Some(Status::Info(format!("Crisis lines now show {name} first.")));
                }
            }
            _ => self.after_choose(index),
        }
    }

    fn choose_partner_word(&mut self, word: &str) {
        // Suggest the usual pronouns for the word, or keep the ones already chosen.
        let suggested = session::set_partner_word(&mut self.data, word, (self.clock)());
        self.go(Screen::Pronouns);
        self.cursor = Pronouns::ALL
            .iter()
            .position(|&p| p == suggested)
            .unwrap_or(0);
    }

    fn choose_pronouns(&mut self, pronouns: Pronouns) {
        let first_run = session::set_pronouns(&mut self.data, pronouns);
        self.persist();
        if first_run {
            self.start_assessment();
        } else {
            self.go(Screen::Home);
            self.status = Some(Status::Info(format!(
                "Overture will now say \u{201c}your {}\u{201d} and \u{201c}{}\u{201d}.",
                self.voice().partner,
                pronouns.label()
            )));
        }
    }

    fn home(&mut self, item: HomeItem) {
        match item {
            HomeItem::Continue => {
                if let Some(flow) = session::resume(&self.content, &self.data) {
                    self.flow = Some(flow);
                    self.screen = Screen::Question;
                    self.enter_question();
                }
            }
            HomeItem::Start | HomeItem::Retake => {
                if self.data.draft.is_some() {
                    self.overlay = Some(Overlay::ConfirmRestart);
                } else {
                    self.start_assessment();
                }
            }
            HomeItem::LatestResult => {
                if let Some(last) = self.data.assessments.len().checked_sub(1) {
                    self.go(Screen::Result(last));
                }
            }
            HomeItem::Rehearse => self.enter_rehearsal(),
            HomeItem::Script => {
                if let Some(index) = crate::core::rehearsal::walk::latest_with_script(&self.data) {
                    self.letter_view = false;
                    self.versions_back = 0;
                    self.go(Screen::Script(index));
                }
            }
            HomeItem::LogAsk
            | HomeItem::RepeatedNo
            | HomeItem::Timeline
            | HomeItem::Doors
            | HomeItem::Solo
            | HomeItem::History
            | HomeItem::ExportSummary => self.after_home(item),
            HomeItem::Crisis => self.open_overlay(Overlay::Crisis),
            HomeItem::Settings => self.go(Screen::Settings),
            HomeItem::ChangeVoice => {
                self.go(Screen::Partner);
                let current = self.voice().partner;
                self.cursor = PARTNER_WORDS
                    .iter()
                    .position(|w| *w == current)
                    .unwrap_or(PARTNER_WORDS.len());
            }
            HomeItem::Quit => {
                if self.unsaved {
                    self.overlay = Some(Overlay::ConfirmQuit);
                } else {
                    self.exit = Some(Exit::Normal);
                }
            }
        }
    }

    fn start_assessment(&mut self) {
        self.flow = Some(session::start(&mut self.data, (self.clock)()));
        self.screen = Screen::Question;
        self.enter_question();
        self.save_draft();
    }

    /// Sets the cursor and ticks from any earlier answer to the question now on screen.
    pub(crate) fn enter_question(&mut self) {
        self.cursor = 0;
        self.scroll = 0;
        self.ticked.clear();
        let Some(flow) = self.flow.as_ref() else {
            return;
        };
        if let Current::Question { question, .. } = flow.current(&self.content)
            && let Some(keys) = flow.answers.get(&question.id)
        {
            self.cursor = question
                .options
                .iter()
                .position(|o| keys.first() == Some(&o.key))
                .unwrap_or(0);
            self.ticked = keys.iter().cloned().collect();
        }
    }

    fn toggle(&mut self, index: usize) {
        let Some(Current::Question { question, .. }) =
            self.flow.as_ref().map(|f| f.current(&self.content))
        else {
            return;
        };
        if question.kind != QuestionKind::Multi {
            return;
        }
        let Some(option) = question.options.get(index) else {
            return;
        };
        if self.ticked.remove(&option.key) {
            return;
        }
        if option.exclusive {
            self.ticked.clear();
        } else {
            for exclusive in question.options.iter().filter(|o| o.exclusive) {
                self.ticked.remove(&exclusive.key);
            }
        }
        self.ticked.insert(option.key.clone());
    }

    fn submit_multi(&mut self) {
        let Some(Current::Question { question, .. }) =
            self.flow.as_ref().map(|f| f.current(&self.content))
        else {
            return;
        };
        if self.ticked.is_empty() {
            self.status = Some(Status::Info(
                "Tick at least one answer with Space or its number, then press Enter.".to_string(),
            ));
            return;
        }
        // Keep the content's order, not the order they were ticked in.
        let keys = question
            .options
            .iter()
            .filter(|o| self.ticked.contains(&o.key))
            .map(|o| o.key.clone())
            .collect();
        self.answer(keys);
    }

    fn answer(&mut self, keys: Vec<String>) {
        let Some(flow) = self.flow.as_mut() else {
            return;
        };
        if let Err(e) = flow.answer(&self.content, keys) {
            self.status = Some(Status::Info(e.to_string()));
            return;
        }
        if flow.is_finished() {
            if self.recheck {
                self.finish_recheck();
            } else {
                self.finish();
            }
        } else if self.recheck {
            self.enter_question();
        } else {
            self.enter_question();
            self.save_draft();
        }
    }

    fn save_draft(&mut self) {
        if let Some(flow) = self.flow.as_ref() {
            session::keep_progress(&self.content, &mut self.data, flow, (self.clock)());
        }
        self.persist();
    }

    fn finish(&mut self) {
        let Some(flow) = self.flow.take() else {
            return;
        };
        let index = session::finish(&mut self.data, flow.answers, (self.clock)());
        self.persist();
        self.go(Screen::Result(index));
    }

    /// Writes everything now. On failure the answers stay in memory and the user is told.
    pub(crate) fn persist(&mut self) {
        let Some(store) = self.store.as_mut() else {
            return;
        };
        match store.save(&self.data) {
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
