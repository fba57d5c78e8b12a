//! The rehearsal of the invitation: the gate, the short safety re-check, the rulers, the eight
//! steps with their text boxes, reply practice, and the script and letter.

use super::after::text_box;
use super::{App, Overlay, Screen, Stage, Status, TextPurpose};
use crate::core::flow::Flow;
use crate::core::record::ScriptVersion;
use crate::core::rehearsal::walk::{self, Entry, ScriptEdit};
use crate::tui::keymap::Action;
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

fn editor_text(editor: &TextArea<'_>) -> String {
    editor.lines().join("\n")
}

impl App {
    /// What is written in the text box now, lines joined ("" without a box).
    pub(crate) fn editor_words(&self) -> String {
        self.editor.as_ref().map(editor_text).unwrap_or_default()
    }

    /// The same, closing the box.
    pub(crate) fn take_editor_words(&mut self) -> String {
        self.editor
            .take()
            .as_ref()
            .map(editor_text)
            .unwrap_or_default()
    }

    /// Shows what the rehearsal's gate led to (`core::place::open` asked it).
    pub(crate) fn show_entry(&mut self, entry: Entry) {
        match entry {
            Entry::NoAssessment => {
                self.status = Some(Status::Info(
                    "Take the check-in first: the rehearsal is matched to your answers, and the safety check comes first."
                        .to_string(),
                ));
            }
            Entry::Recheck(why) => {
                self.recheck = true;
                self.flow = Some(Flow::safety_recheck(&self.content));
                self.go(Screen::Question);
                self.enter_question();
                // Say the real reason: a month gone by, a deleted safety entry, a pictured
                // threat.
                let intro = walk::recheck_intro(&self.content, why);
                self.status = Some(Status::Info(crate::content::render(intro, &self.voice())));
            }
            Entry::Closed(gate) => self.go(Screen::Gate(gate)),
            Entry::Open(stage) => self.enter_stage(stage),
        }
    }

    /// The short re-check is done: keep it, then ask the gate again.
    pub(crate) fn finish_recheck(&mut self) {
        self.recheck = false;
        let Some(flow) = self.flow.take() else {
            return;
        };
        let now = self.now();
        let entry = walk::after_recheck(&self.content, &mut self.data, flow.answers, now);
        self.persist();
        self.status = None;
        self.show_entry(entry);
    }

    /// Shows a stage, opening its text box with what was written before.
    fn enter_stage(&mut self, stage: Stage) {
        self.go(Screen::Rehearse(stage));
        if stage.has_rulers() {
            self.ruler = walk::ruler_start(&self.data, stage);
            self.ruler_focus = 0;
        }
        self.guidance_scroll = 0;
        let now = self.now();
        self.editor =
            walk::arrive(&self.content, &mut self.data, stage, now).map(|text| text_box(&text));
        self.persist();
    }

    /// Keeps what is in the text box in the record (without saving to disk).
    fn store_editor(&mut self) {
        let Some(text) = self.editor.as_ref().map(editor_text) else {
            return;
        };
        if let Screen::Rehearse(stage) = self.screen {
            let now = self.now();
            walk::keep_text(&self.content, &mut self.data, stage, text, now);
        }
    }

    /// Before Overture closes (a quick exit, a confirmed quit, a hang-up): whatever is typed
    /// is kept in one last save, and a rehearsal left untouched on its first screen is not.
    pub fn flush_editor(&mut self) {
        if self.screen == Screen::Rehearse(Stage::ReadinessBefore)
            && walk::leave_start(&mut self.data)
        {
            self.persist();
        } else if self.editor.is_some() && matches!(self.screen, Screen::Rehearse(_)) {
            self.store_editor();
            self.persist();
        } else if self.editor.is_some()
            && matches!(
                self.screen,
                Screen::LogNote | Screen::Journal(_) | Screen::RepeatedNo
            )
        {
            self.after_editor_done();
        }
    }

    /// Keys while a multi-line box has focus: Tab and Shift-Tab move between steps, Esc
    /// leaves (saved), page keys scroll the guidance; everything else is typing.
    pub(crate) fn editor_key(&mut self, key: KeyEvent, action: Option<Action>) {
        match action {
            Some(Action::Help) => self.open_overlay(Overlay::Help),
            Some(Action::Advice) => self.open_overlay(Overlay::Advice),
            Some(Action::PageDown) => {
                self.guidance_scroll = self.guidance_scroll.saturating_add(3);
            }
            Some(Action::PageUp) => {
                self.guidance_scroll = self.guidance_scroll.saturating_sub(3);
            }
            Some(Action::Next) => self.editor_next(),
            Some(Action::Prev) => self.editor_prev(),
            Some(Action::Back) => self.editor_leave(),
            _ => {
                self.leave_armed = false;
                if let Some(editor) = self.editor.as_mut() {
                    editor.input(key);
                }
            }
        }
    }

    fn editor_next(&mut self) {
        if self.after_editor_done() {
            return;
        }
        match self.screen {
            Screen::Rehearse(stage) => {
                self.store_editor();
                match walk::next(&self.content, stage) {
                    Some(next) => self.enter_stage(next),
                    None => self.finish_rehearsal(),
                }
            }
            Screen::Script(index) => self.save_script_edit(index),
            _ => {}
        }
    }

    fn editor_prev(&mut self) {
        if self.builder_back(false) {
            return;
        }
        if let Screen::Rehearse(stage) = self.screen {
            self.store_editor();
            self.enter_stage(walk::previous(&self.content, stage).unwrap_or(stage));
        }
    }

    fn editor_leave(&mut self) {
        if self.builder_back(true) {
            return;
        }
        if self.leave_note() || self.after_editor_done() {
            return;
        }
        match self.screen {
            Screen::Rehearse(_) => {
                self.store_editor();
                self.persist();
                self.editor = None;
                self.go(Screen::Home);
                self.status = Some(Status::Info(
                    "Saved. Choose \u{201c}Continue the rehearsal\u{201d} to pick up where you left off."
                        .to_string(),
                ));
            }
            Screen::Script(_) => {
                self.editor = None;
                self.status = Some(Status::Info("Edit discarded.".to_string()));
            }
            _ => self.editor = None,
        }
    }

    /// Keys on the ruler screens and on the reply outcome.
    pub(crate) fn rehearse_action(&mut self, stage: Stage, action: Action) {
        let one_before = std::mem::take(&mut self.ruler_one_typed);
        match (stage, action) {
            (_, Action::Up | Action::Down) if stage.has_rulers() => {
                self.ruler_focus = 1 - self.ruler_focus.min(1);
            }
            (_, Action::Left) if stage.has_rulers() => {
                let v = &mut self.ruler[self.ruler_focus.min(1)];
                *v = v.saturating_sub(1);
            }
            (_, Action::Right) if stage.has_rulers() => {
                let v = &mut self.ruler[self.ruler_focus.min(1)];
                *v = (*v + 1).min(walk::RULER_MAX);
            }
            (_, Action::Set(n)) if stage.has_rulers() => {
                // "1" then "0" is 10, as a person types it.
                let n = if n == 0 && one_before { 10 } else { n };
                self.ruler[self.ruler_focus.min(1)] = n.min(walk::RULER_MAX);
                self.ruler_one_typed = n == 1;
            }
            (_, Action::Choose) if stage.has_rulers() => {
                let note = walk::set_readiness(&mut self.data, stage, self.ruler);
                self.enter_stage(note);
            }
            (_, Action::Back) if stage.has_rulers() => {
                if stage == Stage::ReadinessBefore {
                    walk::leave_start(&mut self.data);
                }
                self.persist();
                self.go(Screen::Home);
            }
            (Stage::Reply, Action::Back) => {
                self.enter_stage(walk::previous(&self.content, stage).unwrap_or(stage));
            }
            (Stage::ReplyOutcome, Action::Back) => {
                // A pictured threat goes on to the safety questions, never back to the picks.
                let pictured = self.data.rehearsals.last().is_some_and(|r| r.pictured);
                if walk::switched(&self.data).is_some() || pictured {
                    self.go(Screen::Home);
                } else {
                    self.enter_stage(Stage::Reply);
                }
            }
            (Stage::ReplyOutcome, Action::Choose) => {
                self.show_entry(walk::after_reply(&self.data));
            }
            (Stage::ReplyOutcome, other) => self.scroll_action(other),
            _ => {}
        }
    }

    pub(crate) fn choose_reply(&mut self, index: usize) {
        let now = self.now();
        let Some(next) = walk::choose_reply(&self.content, &mut self.data, index, now) else {
            return;
        };
        self.persist();
        self.go(Screen::Rehearse(next));
    }

    /// "Has it really happened?": the first answer says yes.
    pub(crate) fn confirm_reply(&mut self, index: usize) {
        if index > 1 {
            return;
        }
        let now = self.now();
        let next = walk::confirm_reply(&self.content, &mut self.data, index == 0, now);
        self.persist();
        self.go(Screen::Rehearse(next));
    }

    fn finish_rehearsal(&mut self) {
        let now = self.now();
        let Some(index) = walk::finish(&self.content, &mut self.data, now) else {
            return;
        };
        self.persist();
        self.editor = None;
        self.letter_view = false;
        self.versions_back = 0;
        self.go(Screen::Script(index));
    }

    /// The script version on screen, if any.
    pub fn script_version(&self, index: usize) -> Option<(usize, &ScriptVersion)> {
        walk::script_version(&self.data, index, self.versions_back)
    }

    /// The text on the script screen now: the chosen version, as script or letter.
    pub fn script_text(&self, index: usize) -> String {
        let voice = self.voice();
        let (Some(record), Some((_, version))) =
            (self.data.rehearsals.get(index), self.script_version(index))
        else {
            return String::new();
        };
        crate::pages::rehearse::script_text(
            crate::pages::Words::new(&self.content, &voice),
            record,
            version,
            self.letter_view,
        )
    }

    pub(crate) fn script_action(&mut self, index: usize, action: Action) {
        match action {
            Action::ToggleLetter => {
                self.letter_view = !self.letter_view;
                self.scroll = 0;
            }
            Action::OlderVersion => {
                let count = self
                    .data
                    .rehearsals
                    .get(index)
                    .map_or(0, |r| r.scripts.len());
                if self.versions_back + 1 < count {
                    self.versions_back += 1;
                } else {
                    self.status = Some(Status::Info("This is the first version.".to_string()));
                }
            }
            Action::NewerVersion => {
                if self.versions_back == 0 {
                    self.status = Some(Status::Info("This is the latest version.".to_string()));
                }
                self.versions_back = self.versions_back.saturating_sub(1);
            }
            Action::Edit => {
                // Editing starts from the version on screen and adds a new latest version.
                let text = self
                    .script_version(index)
                    .map(|(_, v)| v.text.clone())
                    .unwrap_or_default();
                self.letter_view = false;
                self.editor = Some(text_box(&text));
            }
            Action::Export => {
                let mut field = TextArea::default();
                field.set_placeholder_text("for example invitation.md");
                self.text = Some(field);
                self.text_purpose = TextPurpose::ExportPath;
                self.status = Some(Status::Warning(crate::content::render(
                    &self.content.rehearsal.export_warning,
                    &self.voice(),
                )));
            }
            Action::Back | Action::Choose => self.go(Screen::Home),
            other => self.scroll_action(other),
        }
    }

    fn save_script_edit(&mut self, index: usize) {
        let Some(text) = self.editor.take().map(|e| editor_text(&e)) else {
            return;
        };
        let now = self.now();
        match walk::keep_script_edit(&mut self.data, index, text, now) {
            ScriptEdit::Unchanged => {
                self.status = Some(Status::Info("No changes.".to_string()));
            }
            ScriptEdit::Kept => {
                self.versions_back = 0;
                self.persist();
                if !self.unsaved {
                    self.status = Some(Status::Info("Kept as a new version.".to_string()));
                }
            }
            ScriptEdit::Missing => {}
        }
    }

    /// Writes the script or letter on screen to `path`, a new file only this user can read.
    pub(crate) fn export_to(&mut self, path: &str) {
        let Screen::Script(index) = self.screen else {
            self.text = None;
            return;
        };
        if path.is_empty() {
            self.status = Some(Status::Info(
                "Type a file name first, or press Esc.".to_string(),
            ));
            return;
        }
        let (Some(record), Some((_, version))) =
            (self.data.rehearsals.get(index), self.script_version(index))
        else {
            self.text = None;
            return;
        };
        let voice = self.voice();
        let markdown = crate::pages::rehearse::script_markdown(
            crate::pages::Words::new(&self.content, &voice),
            record,
            version,
            self.letter_view,
            &crate::pages::text::date(self.now()),
        );
        let target = self.export_target(path);
        match crate::export::write_new_private_file(&target, &markdown) {
            Ok(()) => {
                self.text = None;
                self.status = Some(Status::Info(crate::export::written_note(&target)));
            }
            Err(e) => {
                self.status = Some(Status::Warning(format!("Not written: {e}")));
            }
        }
    }
}
