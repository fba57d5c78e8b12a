//! Key dispatch: the key context of what has focus, and what a key, a paste or an action
//! does there (overlays, the one-line text field, lists, going back, choosing).

use super::{
    App, Exit, HomeItem, LockAction, Overlay, PARTNER_WORDS, Screen, SecretForm, SettingsItem,
    Stage, Status, TextPurpose,
};
use crate::content::{Pronouns, QuestionKind};
use crate::core::flow::{Current, Flow};
use crate::core::place::{self, PageId};
use crate::core::session::{self, PartnerWordError};
use crate::tui::keymap::{self, Action, Context};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::TextArea;

/// How far Page Down and Page Up move in a list.
const LIST_PAGE: usize = 8;

impl App {
    /// The key context of what has focus now.
    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Help | Overlay::Crisis | Overlay::Advice) => return Context::Reading,
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
            return if self.note_box().is_some() {
                Context::Note
            } else {
                Context::Editor
            };
        }
        match self.screen {
            Screen::Result(_)
            | Screen::Gate(_)
            | Screen::Rehearse(Stage::ReplyOutcome)
            | Screen::Logged(_)
            | Screen::ReviewResult(_)
            | Screen::Door(_)
            | Screen::SoloSection(_)
            | Screen::Trends
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
            Screen::Home => Context::Menu,
            Screen::Question
            | Screen::Rehearse(_)
            | Screen::Partner
            | Screen::Pronouns
            | Screen::Settings
            | Screen::Country
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
        // Started from the home screen's glance: anything that needs the history reads it
        // first. If what was read is not what the glance showed, the key is not acted on: the
        // next frame shows the real home screen.
        if self.needs_the_rest(action) {
            let shown = self.glance().into_owned();
            if !self.read_the_rest() {
                return;
            }
            if *self.glance() != shown {
                self.status = Some(Status::Info(
                    "Your saved answers changed the home screen when they were read: choose again."
                        .to_string(),
                ));
                return;
            }
        }
        if context == Context::Text && self.secret.is_some() {
            self.secret_key(key, action);
            return;
        }
        if context == Context::Text {
            self.text_key(key, action);
            return;
        }
        if matches!(context, Context::Editor | Context::Note) && self.overlay.is_none() {
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
        // Where Enter records an answer, only one the user chose or moved to: not the first
        // option a new question puts the cursor on. Elsewhere Enter goes on as it says (the
        // pronouns suggested for the partner word, the check-in's summary).
        if action == Action::Choose
            && matches!(context, Context::List | Context::Multi)
            && self.awaits_an_answer()
            && !self.cursor_chosen
        {
            self.status = Some(Status::Info(
                "Nothing is chosen here yet. Press a number, or move to an answer and press Enter."
                    .to_string(),
            ));
            return;
        }
        match action {
            Action::Help => self.open_overlay(Overlay::Help),
            Action::Quit => self.quit(),
            _ => self.screen_action(action),
        }
        // A move, or a tick in a list that takes several answers (a number there ticks and
        // stays), is a choice; a number in any other list has chosen and moved on already.
        if matches!(
            action,
            Action::Up
                | Action::Down
                | Action::Top
                | Action::Bottom
                | Action::PageUp
                | Action::PageDown
                | Action::Toggle
        ) || (context == Context::Multi && matches!(action, Action::Pick(_)))
        {
            self.cursor_chosen = true;
        }
    }

    /// Whether the list on screen records an answer when Enter is pressed on it.
    fn awaits_an_answer(&self) -> bool {
        match self.screen {
            Screen::Question => self.flow.as_ref().is_some_and(|f| !f.is_reviewing()),
            Screen::LogAnswer | Screen::Review(_) => true,
            _ => false,
        }
    }

    /// Whether `action` needs the saved answers the glance left out. Moving on the home
    /// screen, its help, the crisis lines and leaving need only the glance: they work even
    /// when the rest cannot be read.
    fn needs_the_rest(&self, action: Option<Action>) -> bool {
        if self.is_fully_read() {
            return false;
        }
        match self.overlay {
            Some(Overlay::Help | Overlay::ConfirmQuit | Overlay::Crisis) => return false,
            Some(_) => return true,
            None => {}
        }
        let reads = |item: Option<HomeItem>| {
            item.is_some_and(|item| !matches!(item, HomeItem::Crisis | HomeItem::Quit))
        };
        match action {
            None
            | Some(
                Action::Quit
                | Action::Help
                | Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom,
            ) => false,
            Some(Action::Letter(c)) => reads(self.home_items().into_iter().find(|i| i.key() == c)),
            Some(Action::Choose) => reads(self.home_items().get(self.cursor).copied()),
            Some(_) => true,
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

    pub(super) fn close_overlay(&mut self) {
        self.overlay = None;
        self.scroll = self.saved_scroll;
    }

    pub(super) fn overlay_action(&mut self, overlay: Overlay, action: Action) {
        match (overlay, action) {
            (Overlay::ConfirmQuit, Action::Yes) => {
                // The box says what is answered is saved: so is what is in a text box now,
                // as with the quick exit.
                self.close_overlay();
                self.flush_editor();
                self.exit = Some(Exit::Normal);
            }
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
            | (Overlay::Help | Overlay::Crisis | Overlay::Advice, Action::Back | Action::Choose) => {
                self.close_overlay();
            }
            (Overlay::Help | Overlay::Crisis | Overlay::Advice, Action::Quit) => self.quit(),
            (Overlay::Help | Overlay::Crisis | Overlay::Advice, Action::Help) => {
                self.overlay = Some(Overlay::Help);
            }
            (Overlay::Help | Overlay::Crisis | Overlay::Advice, other) => self.scroll_action(other),
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
            // The next heading below the top line, else a page on; from the end, the top.
            Action::Next => {
                let next = self
                    .sections
                    .iter()
                    .copied()
                    .find(|&row| row > self.scroll && row <= self.max_scroll)
                    .unwrap_or_else(|| self.scroll.saturating_add(page));
                if self.scroll >= self.max_scroll {
                    0
                } else {
                    next
                }
            }
            Action::Prev => self
                .sections
                .iter()
                .copied()
                .rev()
                .find(|&row| row < self.scroll)
                .unwrap_or(0),
            _ => self.scroll,
        }
        .min(self.max_scroll);
    }

    pub(super) fn text_key(&mut self, key: KeyEvent, action: Option<Action>) {
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

    pub(super) fn list_len(&self) -> usize {
        if let Some(len) = self.after_list_len() {
            return len;
        }
        match self.screen {
            Screen::Partner => PARTNER_WORDS.len() + 1,
            Screen::Pronouns => Pronouns::ALL.len(),
            Screen::Home => self.home_items().len(),
            Screen::Question => match self.flow.as_ref().map(|f| f.current(&self.content)) {
                Some(Current::Question { question, .. }) => question.options.len(),
                Some(Current::Review) => self
                    .flow
                    .as_ref()
                    .map_or(0, |f| f.answered(&self.content).len() + 1),
                _ => 0,
            },
            Screen::Rehearse(Stage::Reply) => self.content.rehearsal.replies.len(),
            Screen::Rehearse(Stage::ReplyCheck) => 2,
            Screen::Settings => self.settings_items().len(),
            // Every region, and "show them all".
            Screen::Country => self.country_choices().len() + 1,
            _ => 0,
        }
    }

    pub(super) fn screen_action(&mut self, action: Action) {
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
                self.leave_page();
            }
            (Screen::Welcome | Screen::Result(_) | Screen::Gate(_), other) => {
                self.scroll_action(other);
            }
            (Screen::Rehearse(stage), action)
                if !matches!(stage, Stage::Reply | Stage::ReplyCheck) =>
            {
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
            (Screen::Home, Action::Letter(c)) => {
                match self.home_items().into_iter().position(|i| i.key() == c) {
                    Some(index) => {
                        self.cursor = index;
                        self.choose(index);
                    }
                    None => {
                        self.status = Some(Status::Info(format!(
                            "No entry has the letter {c} here. Press ? to see the keys."
                        )));
                    }
                }
            }
            (_, Action::Top) => self.cursor = 0,
            (_, Action::Bottom) => self.cursor = len.saturating_sub(1),
            (_, Action::PageDown) => {
                self.cursor = (self.cursor + LIST_PAGE).min(len.saturating_sub(1));
            }
            (_, Action::PageUp) => self.cursor = self.cursor.saturating_sub(LIST_PAGE),
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

    pub(super) fn back(&mut self) {
        if self.after_back() {
            return;
        }
        match self.screen {
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
            Screen::Rehearse(Stage::ReplyCheck) => self.go(Screen::Rehearse(Stage::Reply)),
            // The rehearsal's other stages and the script have their own keys for back.
            Screen::Rehearse(_) | Screen::Script(_) => {}
            _ => self.leave_page(),
        }
    }

    /// Leaves the page for the one core names (`place::back_from`).
    pub(crate) fn leave_page(&mut self) {
        let to = place::back_from(self.page_id(), self.data.profile.is_some());
        let screen = match to {
            Some(PageId::Welcome) => Screen::Welcome,
            Some(PageId::Partner) => Screen::Partner,
            Some(PageId::Home) => Screen::Home,
            Some(PageId::Settings) => Screen::Settings,
            Some(PageId::LogDoor) => Screen::LogDoor,
            Some(PageId::LogAnswer) => Screen::LogAnswer,
            Some(PageId::Timeline) => Screen::Timeline,
            Some(PageId::Doors) => Screen::Doors,
            Some(PageId::Solo) => Screen::Solo,
            Some(PageId::JournalPrompts) => Screen::JournalPrompts,
            Some(PageId::History) => Screen::History,
            // A page with state of its own is never where back leads.
            _ => return,
        };
        self.go(screen);
    }

    pub(super) fn choose(&mut self, index: usize) {
        match self.screen {
            Screen::Partner => {
                if let Some(word) = PARTNER_WORDS.get(index) {
                    self.choose_partner_word(word);
                } else {
                    let mut text = TextArea::default();
                    text.set_placeholder_text("a word that fits after \u{201c}your\u{201d}");
                    self.text = Some(text);
                    // The field's Enter does what it was opened for: a file name typed for an
                    // earlier export must not be what this word is taken as.
                    self.text_purpose = TextPurpose::PartnerWord;
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
            Screen::Question if self.flow.as_ref().is_some_and(Flow::is_reviewing) => {
                self.choose_in_review(index);
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
            Screen::Rehearse(Stage::ReplyCheck) => self.confirm_reply(index),
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
                self.respell();
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
}
