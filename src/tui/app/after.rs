//! After the ask: logging an ask, the plan for repeated "no", the timeline and its review,
//! the lower doors, solo work and the journal, the saved history, and the summary export.
//! Every rule (which path an answer switches to, who sees which door, day counting) is in
//! the core; this file only turns keys into those calls.

use super::{App, Overlay, Screen, Status, TextPurpose};
use crate::core::asklog::BoundaryEdit;
use crate::core::history::{self, Kind, Snapshot};
use crate::core::record::Movement;
use crate::core::timeline::Choice;
use crate::core::{asklog, doors, solo, timeline};
use crate::pages::text;
use crate::tui::keymap::Action;
use ratatui_textarea::{CursorMove, TextArea};

pub use crate::core::solo::{BUILDERS, SoloItem};

/// A text box holding `text`, its cursor at the end: writing again goes on from the end of
/// what was there, not before it (words typed at the start would read scrambled).
pub(super) fn text_box(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    let mut area = TextArea::new(lines);
    area.set_max_histories(200);
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

fn editor_with(text: &str, placeholder: &str) -> TextArea<'static> {
    let mut area = text_box(text);
    area.set_placeholder_text(placeholder);
    area
}

impl App {
    /// Today's date where the user is, from the app's clock.
    pub fn today(&self) -> jiff::civil::Date {
        text::local_date(self.now())
    }

    /// The solo menu for this user (the core decides what each path is shown).
    pub fn solo_items(&self) -> Vec<SoloItem> {
        solo::items(&self.content, &self.data)
    }

    /// Opens one of this file's pages from the home menu.
    pub(crate) fn after_page(&mut self, page: crate::core::place::PageId) {
        use crate::core::place::PageId;
        match page {
            PageId::LogDoor => self.go(Screen::LogDoor),
            PageId::RepeatedNo => self.go(Screen::RepeatedNo),
            PageId::Timeline => {
                self.choosing_window = false;
                self.go(Screen::Timeline);
                if self.data.timeline.is_none() {
                    self.cursor = timeline::default_choice();
                }
            }
            PageId::Doors => self.go(Screen::Doors),
            PageId::Trends => self.go(Screen::Trends),
            PageId::Solo => self.go(Screen::Solo),
            PageId::History => {
                self.compare_mark = None;
                self.history_kind = None;
                self.go(Screen::History);
            }
            PageId::ExportSummary => {
                let mut field = TextArea::default();
                field.set_placeholder_text("for example overture-summary.md");
                self.text = Some(field);
                self.text_purpose = TextPurpose::ExportSummary;
                self.status = Some(Status::Warning(crate::content::render(
                    &self.content.rehearsal.export_warning,
                    &self.voice(),
                )));
            }
            _ => {}
        }
    }

    /// Enter or a number on one of this file's list screens.
    pub(crate) fn after_choose(&mut self, index: usize) {
        match self.screen {
            Screen::LogDoor if index < asklog::ask_doors(&self.content).len() => {
                self.pending_door = index;
                self.go(Screen::LogAnswer);
            }
            Screen::LogAnswer => {
                if let Some(&(answer, _)) = asklog::ASK_ANSWERS.get(index) {
                    self.pending_answer = Some(answer);
                    self.screen = Screen::LogNote;
                    self.editor = Some(editor_with("", "a note, if you want one (Tab saves)"));
                }
            }
            Screen::Timeline => self.timeline_choose(index),
            Screen::Review(item) => {
                let Some(&movement) = Movement::ALL.get(index) else {
                    return;
                };
                match timeline::answer_movement(&self.content, &mut self.movement, item, movement) {
                    Some(next) => self.go(Screen::Review(next)),
                    None => self.finish_review(),
                }
            }
            Screen::Doors => {
                let count = doors::visible(&self.content, &self.data).map_or(0, |d| d.len());
                if index < count {
                    self.go(Screen::Door(index));
                }
            }
            Screen::Solo => match self.solo_items().get(index) {
                Some(SoloItem::Section(i)) => self.go(Screen::SoloSection(*i)),
                Some(SoloItem::Builder(b)) => {
                    self.blanks.clear();
                    self.screen = Screen::Build(*b, 0);
                    self.editor = Some(editor_with("", "your words (Tab: next)"));
                }
                Some(SoloItem::Journal) => self.go(Screen::JournalPrompts),
                None => {}
            },
            Screen::JournalPrompts => {
                let prompt = solo::journal_prompts(&self.content, &self.data)
                    .get(index)
                    .copied();
                self.screen = Screen::Journal(prompt);
                self.editor = Some(editor_with(
                    "",
                    "write as much or as little as you like (Tab saves)",
                ));
            }
            Screen::History => {
                if let Some(snap) = self.history_rows().get(index).copied() {
                    self.go(Screen::Snapshot(snap));
                }
            }
            _ => {}
        }
    }

    fn timeline_choose(&mut self, index: usize) {
        match timeline::choices(&self.data, self.choosing_window).get(index) {
            Some(&Choice::Window(days)) => {
                let today = self.today();
                timeline::start(&mut self.data, today, days);
                self.choosing_window = false;
                self.persist();
                self.cursor = 0;
                if !self.unsaved {
                    self.status = Some(Status::Info(format!(
                        "A window of {days} days from today. The home screen shows where you are; nothing reminds you."
                    )));
                }
            }
            Some(Choice::Review) => {
                self.movement.clear();
                self.go(Screen::Review(0));
            }
            Some(Choice::NewWindow) => {
                self.choosing_window = true;
                self.cursor = timeline::default_choice();
            }
            None => {}
        }
    }

    fn finish_review(&mut self) {
        let movement = std::mem::take(&mut self.movement);
        let now = self.now();
        if timeline::review(&mut self.data, now, movement, text::local_date).is_some() {
            self.persist();
            let last = self.data.reviews.len().saturating_sub(1);
            self.go(Screen::ReviewResult(last));
        } else {
            self.go(Screen::Timeline);
        }
    }

    /// Saves the ask being logged with the note in the box, then says what it means.
    fn save_ask(&mut self) {
        let note = self.take_editor_words();
        let Some(answer) = self.pending_answer.take() else {
            self.go(Screen::Home);
            return;
        };
        let door = asklog::ask_door(&self.content, self.pending_door).to_string();
        let now = self.now();
        let id = asklog::log(&mut self.data, now, &door, answer, &note);
        self.persist();
        let index = self.data.asks.iter().position(|a| a.id == id).unwrap_or(0);
        self.go(Screen::Logged(index));
    }

    fn save_journal(&mut self, prompt: Option<usize>) {
        let text = self.take_editor_words();
        let now = self.now();
        let Some(index) = solo::keep_journal(&self.content, &mut self.data, now, prompt, &text)
        else {
            self.go(Screen::Solo);
            self.status = Some(Status::Info("Nothing written, nothing saved.".to_string()));
            return;
        };
        self.persist();
        self.go(Screen::Snapshot(Snapshot {
            kind: Kind::Journal,
            index,
            at: now,
        }));
        if self.store().is_none() {
            self.status = Some(Status::Info(
                "In your journal until you leave: a private session saves nothing.".to_string(),
            ));
        } else if !self.unsaved {
            self.status = Some(Status::Info(
                "Saved in your journal, with today's date.".to_string(),
            ));
        }
    }

    /// Keeps the words typed into one blank, wherever the user goes next.
    fn keep_blank(&mut self, blank: usize, typed: &str) {
        if self.blanks.len() <= blank {
            self.blanks.resize(blank + 1, String::new());
        }
        self.blanks[blank] = typed.trim().to_string();
    }

    /// Shift-Tab or Esc in a builder's blank: the blank before, with the words kept; from the
    /// first blank, Esc leaves the builder and nothing is saved (plain mode's `back` alike).
    pub(crate) fn builder_back(&mut self, leaving: bool) -> bool {
        let Screen::Build(builder, blank) = self.screen else {
            return false;
        };
        let typed = self
            .editor
            .as_ref()
            .map(|e| e.lines().join(" "))
            .unwrap_or_default();
        if blank == 0 {
            if leaving {
                self.editor = None;
                self.leave_page();
                self.status = Some(Status::Info("Going back. Nothing was saved.".to_string()));
            }
            return true;
        }
        self.keep_blank(blank, &typed);
        self.screen = Screen::Build(builder, blank - 1);
        let before = self.blanks.get(blank - 1).cloned().unwrap_or_default();
        self.editor = Some(editor_with(&before, "your words (Tab: next)"));
        true
    }

    fn builder_next(&mut self, builder: usize, blank: usize) {
        let typed = self
            .editor
            .take()
            .map(|e| e.lines().join(" "))
            .unwrap_or_default();
        self.keep_blank(blank, &typed);
        let Some(b) = BUILDERS
            .get(builder)
            .and_then(|id| self.content.after.solo.builders.get(*id))
        else {
            self.go(Screen::Solo);
            return;
        };
        if blank + 1 < b.blanks.len() {
            self.screen = Screen::Build(builder, blank + 1);
            let next = self.blanks.get(blank + 1).cloned().unwrap_or_default();
            self.editor = Some(editor_with(&next, "your words (Tab: next)"));
            return;
        }
        let now = self.now();
        let Some(index) =
            solo::keep_built(&self.content, &mut self.data, now, builder, &self.blanks)
        else {
            self.go(Screen::Solo);
            self.status = Some(Status::Info("Nothing written, nothing saved.".to_string()));
            return;
        };
        self.persist();
        self.go(Screen::Snapshot(Snapshot {
            kind: Kind::Journal,
            index,
            at: now,
        }));
        if !self.unsaved {
            // The sentence is the user's words in a frame: the checker reads it as it reads a
            // step, so "you never" in a blank does not pass unremarked (plain mode shows the
            // same findings under the sentence).
            let sentence = self.data.journal.get(index).map_or("", |j| j.text.as_str());
            let noticed = crate::core::draft::review(sentence)
                .findings
                .first()
                .map(|f| {
                    format!(
                        " The checker noticed \u{201c}{}\u{201d}: {}.",
                        f.found,
                        f.concern.title().to_lowercase()
                    )
                })
                .unwrap_or_default();
            let kept = if self.store().is_none() {
                "Your sentence is in your journal until you leave: a private session saves nothing."
            } else {
                "Your sentence is saved in your journal."
            };
            self.status = Some(Status::Info(format!(
                "{kept}{noticed} Say it in your own voice when the moment is calm."
            )));
        }
    }

    fn save_boundary(&mut self) {
        let text = self.take_editor_words();
        let at = self.now();
        match asklog::keep_boundary(&mut self.data, at, &text) {
            BoundaryEdit::Empty => {
                self.status = Some(Status::Info("Nothing written, nothing saved.".to_string()));
            }
            BoundaryEdit::Unchanged => {}
            BoundaryEdit::Kept => {
                self.persist();
                if self.store().is_none() {
                    self.status = Some(Status::Info(
                        "Your boundary is kept until you leave: a private session saves nothing."
                            .to_string(),
                    ));
                } else if !self.unsaved {
                    self.status = Some(Status::Info(
                        "Your boundary is saved (earlier versions are kept).".to_string(),
                    ));
                }
            }
        }
    }

    /// Whether the text box on screen holds one note (Tab saves it, Esc closes it): `Some`
    /// with whether closing it leaves the page too. A note and a journal entry are pages of
    /// their own; the boundary and an edit of the script are boxes on a page that stays.
    /// `None` for the rehearsal's steps and the builders' blanks, which are steps of a walk.
    pub(crate) fn note_box(&self) -> Option<bool> {
        match self.screen {
            Screen::LogNote | Screen::Journal(_) => Some(true),
            Screen::RepeatedNo | Screen::Script(_) => Some(false),
            _ => None,
        }
    }

    /// Esc in a note after an ask or a journal entry: back one page, as plain mode's `back`.
    /// Going back never saves on the user's behalf, and never drops their words silently: with
    /// words in the box, the first Esc says so and only a second one leaves.
    pub(crate) fn leave_note(&mut self) -> bool {
        let Some(closes_page) = self.note_box() else {
            return false;
        };
        let written = self
            .editor
            .as_ref()
            .is_some_and(|e| e.lines().iter().any(|l| !l.trim().is_empty()));
        if written && !self.leave_armed {
            self.leave_armed = true;
            self.status = Some(Status::Info(
                "Press Esc again to close without saving what you wrote, or Tab to save it."
                    .to_string(),
            ));
            return true;
        }
        self.leave_armed = false;
        self.editor = None;
        if closes_page {
            self.pending_answer = None;
            self.leave_page();
        }
        self.status = Some(Status::Info("Closed. Nothing was saved.".to_string()));
        true
    }

    /// Tab in one of this file's text boxes (and Esc in the builder's blanks): keeps what was
    /// written.
    pub(crate) fn after_editor_done(&mut self) -> bool {
        match self.screen {
            Screen::LogNote => self.save_ask(),
            Screen::Journal(prompt) => self.save_journal(prompt),
            Screen::Build(builder, blank) => self.builder_next(builder, blank),
            Screen::RepeatedNo => self.save_boundary(),
            _ => return false,
        }
        true
    }

    /// Keys on this file's reading screens and the history list.
    pub(crate) fn after_action(&mut self, action: Action) -> bool {
        match (self.screen, action) {
            (Screen::Logged(_), Action::Choose) if asklog::plan_follows_log(&self.data) => {
                self.go(Screen::RepeatedNo);
            }
            (Screen::RepeatedNo, Action::Edit) => {
                if asklog::boundary_offered(&self.content, &self.data) {
                    let text = self
                        .data
                        .boundaries
                        .last()
                        .map(|b| b.text.clone())
                        .unwrap_or_default();
                    self.editor = Some(editor_with(&text, "I am going to ... (Tab saves)"));
                } else {
                    self.status = Some(Status::Info(
                        "On this path the plan is about your own support first.".to_string(),
                    ));
                }
            }
            // Pages to read: going on and going back both leave them, where core says.
            (
                Screen::Logged(_)
                | Screen::ReviewResult(_)
                | Screen::RepeatedNo
                | Screen::Door(_)
                | Screen::SoloSection(_)
                | Screen::Trends
                | Screen::Snapshot(_)
                | Screen::Compare(..),
                Action::Back | Action::Choose,
            ) => self.leave_page(),
            (Screen::History, Action::Compare) => self.mark_compare(),
            (Screen::History, Action::Delete) => {
                if let Some(snap) = self.history_rows().get(self.cursor).copied() {
                    self.delete_target = Some(snap);
                    self.overlay = Some(Overlay::ConfirmDelete);
                }
            }
            (Screen::History, Action::DeleteAll) => self.overlay = Some(Overlay::ConfirmDeleteAll),
            (Screen::History, Action::FilterKind) => {
                use crate::core::history::Kind;
                self.history_kind = match self.history_kind {
                    None => Some(Kind::ALL[0]),
                    Some(k) => Kind::ALL
                        .iter()
                        .position(|x| *x == k)
                        .and_then(|i| Kind::ALL.get(i + 1).copied()),
                };
                self.cursor = 0;
                self.compare_mark = None;
            }
            (
                Screen::Logged(_)
                | Screen::RepeatedNo
                | Screen::ReviewResult(_)
                | Screen::Door(_)
                | Screen::SoloSection(_)
                | Screen::Trends
                | Screen::Snapshot(_)
                | Screen::Compare(..),
                other,
            ) => self.scroll_action(other),
            _ => return false,
        }
        true
    }

    fn mark_compare(&mut self) {
        let Some(snap) = self.history_rows().get(self.cursor).copied() else {
            return;
        };
        if !history::comparable(snap) {
            self.status = Some(Status::Info(
                "Only check-ins can be compared. Move to a check-in and press c.".to_string(),
            ));
            return;
        }
        match self.compare_mark.take() {
            None => {
                self.compare_mark = Some(snap.index);
                self.status = Some(Status::Info(
                    "Marked. Move to another check-in and press c again to compare the two."
                        .to_string(),
                ));
            }
            Some(first) if first == snap.index => {
                self.status = Some(Status::Info("Unmarked.".to_string()));
            }
            Some(first) => {
                let (older, newer) = (first.min(snap.index), first.max(snap.index));
                self.go(Screen::Compare(older, newer));
            }
        }
    }

    pub(crate) fn confirm_delete(&mut self) {
        let Some(snap) = self.delete_target.take() else {
            return;
        };
        let now = self.now();
        let before = crate::core::gate::current(&self.data);
        if history::delete(&mut self.data, snap, now) {
            self.compare_mark = None;
            self.persist_scrubbed();
            let len = self.history_rows().len();
            self.cursor = self.cursor.min(len.saturating_sub(1));
            if !self.unsaved {
                let change = history::change_after_delete(&self.content, before, &self.data)
                    .map(|c| format!(" {c}"))
                    .unwrap_or_default();
                self.status = Some(Status::Info(format!(
                    "Deleted that {}.{change} Copies outside Overture's file (device backups, synced folders, old disk blocks, an export) are out of its reach.",
                    snap.kind.noun()
                )));
            }
        }
    }

    pub(crate) fn confirm_delete_all(&mut self) {
        history::delete_all(&mut self.data);
        self.compare_mark = None;
        self.flow = None;
        self.persist_scrubbed();
        self.go(Screen::Home);
        if !self.unsaved {
            self.status = Some(Status::Info(
                "Every saved answer is deleted; your partner word and settings are kept. Copies on backups or synced folders are out of reach."
                    .to_string(),
            ));
        }
    }

    pub(crate) fn export_summary(&mut self, path: &str) {
        if path.is_empty() {
            self.status = Some(Status::Info(
                "Type a file name first, or press Esc.".to_string(),
            ));
            return;
        }
        let Some(md) = text::summary(&self.content, &self.data, self.today()) else {
            self.text = None;
            self.status = Some(Status::Info(
                "There is no finished check-in to summarise yet.".to_string(),
            ));
            return;
        };
        let target = self.export_target(path);
        match crate::export::write_new_private_file(&target, &md) {
            Ok(()) => {
                self.text = None;
                self.status = Some(Status::Info(crate::export::written_note(&target)));
            }
            Err(e) => self.status = Some(Status::Warning(format!("Not written: {e}"))),
        }
    }

    /// Back as a step inside one of this file's pages (the window lengths back to the
    /// timeline, the previous review question). False when back leaves the page.
    pub(crate) fn after_back(&mut self) -> bool {
        match self.screen {
            Screen::Timeline if self.choosing_window && self.data.timeline.is_some() => {
                self.choosing_window = false;
                self.cursor = 0;
            }
            Screen::Review(i) if i > 0 => self.go(Screen::Review(i - 1)),
            _ => return false,
        }
        true
    }

    /// The saved answers the list shows: every one, or one kind.
    pub fn history_rows(&self) -> Vec<crate::core::history::Snapshot> {
        let mut rows = history::list(&self.data);
        if let Some(kind) = self.history_kind {
            rows.retain(|s| s.kind == kind);
        }
        rows
    }

    /// The number of rows of this file's list screens.
    pub(crate) fn after_list_len(&self) -> Option<usize> {
        Some(match self.screen {
            Screen::LogDoor => asklog::ask_doors(&self.content).len(),
            Screen::LogAnswer => asklog::ASK_ANSWERS.len(),
            Screen::Timeline => timeline::choices(&self.data, self.choosing_window).len(),
            Screen::Review(_) => Movement::ALL.len(),
            Screen::Doors => doors::visible(&self.content, &self.data).map_or(0, |d| d.len()),
            Screen::Solo => self.solo_items().len(),
            Screen::JournalPrompts => solo::journal_prompts(&self.content, &self.data).len() + 1,
            Screen::History => self.history_rows().len(),
            _ => return None,
        })
    }
}
