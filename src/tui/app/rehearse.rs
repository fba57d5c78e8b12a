//! The rehearsal of the invitation: the gate, the short safety re-check, the rulers, the eight
//! steps with their text boxes, reply practice, and the script and letter.

use super::{App, Gate, Overlay, Screen, Stage, Status, TextPurpose};
use crate::content::rehearsal::ReplySwitch;
use crate::core::flow::Flow;
use crate::core::record::{Readiness, RehearsalRecord, SafetyCheck, ScriptVersion};
use crate::core::rehearsal::{self, STEP_IDS};
use crate::tui::keymap::Action;
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

fn text_area(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    let mut area = TextArea::new(lines);
    area.set_max_histories(200);
    area
}

fn editor_text(editor: &TextArea<'_>) -> String {
    editor.lines().join("\n")
}

impl App {
    /// From the home screen: the gate decides what "Rehearse the invitation" opens.
    pub(crate) fn enter_rehearsal(&mut self) {
        match rehearsal::gate(&self.data, self.now()) {
            Gate::NoAssessment => {
                self.status = Some(Status::Info(
                    "Take the check-in first: the rehearsal is matched to your answers, and the safety check comes first."
                        .to_string(),
                ));
            }
            Gate::RecheckDue => {
                self.recheck = true;
                self.flow = Some(Flow::safety_recheck(&self.content));
                self.go(Screen::Question);
                self.enter_question();
                // Say the real reason: a deleted safety entry, or a month gone by.
                let intro = if rehearsal::recheck_pending(&self.data) {
                    &self.content.rehearsal.recheck_after_delete
                } else {
                    &self.content.rehearsal.recheck_intro
                };
                self.status = Some(Status::Info(crate::content::render(intro, &self.voice())));
            }
            gate @ (Gate::Safety | Gate::OtherFirst) => self.go(Screen::Gate(gate)),
            Gate::Open => self.start_or_continue_rehearsal(),
        }
    }

    /// The short re-check is done: keep it, then ask the gate again.
    pub(crate) fn finish_recheck(&mut self) {
        self.recheck = false;
        let Some(flow) = self.flow.take() else {
            return;
        };
        let at = self.now();
        self.data.safety_checks.push(SafetyCheck {
            at,
            answers: flow.answers,
        });
        self.persist();
        self.status = None;
        match rehearsal::gate(&self.data, at) {
            Gate::Open => self.start_or_continue_rehearsal(),
            gate => self.go(Screen::Gate(gate)),
        }
    }

    fn start_or_continue_rehearsal(&mut self) {
        if self.data.open_rehearsal().is_none() {
            let now = self.now();
            let id = format!("r{}", now.as_second());
            self.data.rehearsals.push(RehearsalRecord {
                id,
                started_at: now,
                updated_at: now,
                finished_at: None,
                readiness_before: None,
                readiness_after: None,
                lines: std::collections::BTreeMap::new(),
                current_step: None,
                reply: None,
                switched: None,
                scripts: Vec::new(),
            });
            self.persist();
        }
        let (stage, ruler) = {
            let Some(record) = self.data.open_rehearsal() else {
                return;
            };
            let stage = match record.current_step.as_deref() {
                Some("reply") => Stage::Reply,
                Some("readiness_after") => Stage::ReadinessAfter,
                Some(step) => STEP_IDS
                    .iter()
                    .position(|s| *s == step)
                    .map_or(Stage::ReadinessBefore, Stage::Step),
                None => Stage::ReadinessBefore,
            };
            let ruler = record
                .readiness_before
                .as_ref()
                .map_or([5, 5], |r| [r.importance, r.confidence]);
            (stage, ruler)
        };
        self.ruler = ruler;
        self.ruler_focus = 0;
        self.enter_stage(stage);
    }

    fn record_mut(&mut self) -> Option<&mut RehearsalRecord> {
        self.data
            .rehearsals
            .last_mut()
            .filter(|r| r.finished_at.is_none())
    }

    /// Shows a stage, opening its text box with what was written before.
    fn enter_stage(&mut self, stage: Stage) {
        self.go(Screen::Rehearse(stage));
        self.guidance_scroll = 0;
        self.editor = None;
        let now = self.now();
        let Some(record) = self.record_mut() else {
            return;
        };
        let (current, text) = match stage {
            Stage::Step(i) => {
                let id = STEP_IDS[i.min(STEP_IDS.len() - 1)];
                (
                    Some(id),
                    Some(record.lines.get(id).cloned().unwrap_or_default()),
                )
            }
            Stage::NoteBefore => (
                None,
                Some(
                    record
                        .readiness_before
                        .as_ref()
                        .map(|r| r.note.clone())
                        .unwrap_or_default(),
                ),
            ),
            Stage::NoteAfter => (
                Some("readiness_after"),
                Some(
                    record
                        .readiness_after
                        .as_ref()
                        .map(|r| r.note.clone())
                        .unwrap_or_default(),
                ),
            ),
            Stage::Reply | Stage::ReplyOutcome => (Some("reply"), None),
            Stage::ReadinessAfter => (Some("readiness_after"), None),
            Stage::ReadinessBefore => (None, None),
        };
        if let Some(current) = current {
            record.current_step = Some(current.to_string());
            record.updated_at = now;
        }
        if let Some(text) = text {
            self.editor = Some(text_area(&text));
        }
        self.persist();
    }

    /// Keeps what is in the text box in the record (without saving to disk).
    fn store_editor(&mut self) {
        let Some(text) = self.editor.as_ref().map(editor_text) else {
            return;
        };
        let Screen::Rehearse(stage) = self.screen else {
            return;
        };
        let now = self.now();
        let Some(record) = self.record_mut() else {
            return;
        };
        match stage {
            Stage::Step(i) => {
                record.lines.insert(STEP_IDS[i].to_string(), text);
            }
            Stage::NoteBefore => {
                if let Some(r) = record.readiness_before.as_mut() {
                    r.note = text;
                }
            }
            Stage::NoteAfter => {
                if let Some(r) = record.readiness_after.as_mut() {
                    r.note = text;
                }
            }
            _ => return,
        }
        record.updated_at = now;
    }

    /// Before a quick exit: whatever is typed is kept, in one last save.
    pub fn flush_editor(&mut self) {
        if self.editor.is_some() && matches!(self.screen, Screen::Rehearse(_)) {
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
                let next = match stage {
                    Stage::NoteBefore => Stage::Step(0),
                    Stage::Step(i) if i + 1 < STEP_IDS.len() => Stage::Step(i + 1),
                    Stage::Step(_) => Stage::Reply,
                    Stage::NoteAfter => {
                        self.finish_rehearsal();
                        return;
                    }
                    other => other,
                };
                self.enter_stage(next);
            }
            Screen::Script(index) => self.save_script_edit(index),
            _ => {}
        }
    }

    fn editor_prev(&mut self) {
        if let Screen::Rehearse(stage) = self.screen {
            self.store_editor();
            let prev = match stage {
                Stage::Step(0) => Stage::NoteBefore,
                Stage::Step(i) => Stage::Step(i - 1),
                Stage::NoteBefore => Stage::ReadinessBefore,
                Stage::NoteAfter => Stage::ReadinessAfter,
                other => other,
            };
            self.enter_stage(prev);
        }
    }

    fn editor_leave(&mut self) {
        if let Screen::Build(..) = self.screen {
            self.editor = None;
            self.go(Screen::Solo);
            self.status = Some(Status::Info("Nothing was saved.".to_string()));
            return;
        }
        if self.after_editor_done() {
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
        match (stage, action) {
            (Stage::ReadinessBefore | Stage::ReadinessAfter, Action::Up | Action::Down) => {
                self.ruler_focus = 1 - self.ruler_focus.min(1);
            }
            (Stage::ReadinessBefore | Stage::ReadinessAfter, Action::Left) => {
                let v = &mut self.ruler[self.ruler_focus.min(1)];
                *v = v.saturating_sub(1);
            }
            (Stage::ReadinessBefore | Stage::ReadinessAfter, Action::Right) => {
                let v = &mut self.ruler[self.ruler_focus.min(1)];
                *v = (*v + 1).min(10);
            }
            (Stage::ReadinessBefore | Stage::ReadinessAfter, Action::Set(n)) => {
                self.ruler[self.ruler_focus.min(1)] = n.min(10);
            }
            (Stage::ReadinessBefore | Stage::ReadinessAfter, Action::Choose) => {
                let [importance, confidence] = self.ruler;
                let after = stage == Stage::ReadinessAfter;
                if let Some(record) = self.record_mut() {
                    let slot = if after {
                        &mut record.readiness_after
                    } else {
                        &mut record.readiness_before
                    };
                    let note = slot.take().map(|r| r.note).unwrap_or_default();
                    *slot = Some(Readiness {
                        importance,
                        confidence,
                        note,
                    });
                }
                self.enter_stage(if after {
                    Stage::NoteAfter
                } else {
                    Stage::NoteBefore
                });
            }
            (Stage::ReadinessBefore | Stage::ReadinessAfter, Action::Back) => {
                self.persist();
                self.go(Screen::Home);
            }
            (Stage::Reply, Action::Back) => self.enter_stage(Stage::Step(STEP_IDS.len() - 1)),
            (Stage::ReplyOutcome, Action::Back) => {
                let switched = self.data.rehearsals.last().and_then(|r| r.switched);
                if switched.is_some() {
                    self.go(Screen::Home);
                } else {
                    self.enter_stage(Stage::Reply);
                }
            }
            (Stage::ReplyOutcome, Action::Choose) => {
                let last = self.data.rehearsals.last();
                match last.and_then(|r| r.switched) {
                    Some(ReplySwitch::Safety) => {
                        self.go(Screen::Gate(Gate::Safety));
                    }
                    Some(_) => self.go(Screen::Gate(Gate::OtherFirst)),
                    None => {
                        let ruler = last
                            .and_then(|r| r.readiness_before.as_ref())
                            .map_or([5, 5], |r| [r.importance, r.confidence]);
                        self.ruler = ruler;
                        self.ruler_focus = 0;
                        self.enter_stage(Stage::ReadinessAfter);
                    }
                }
            }
            (Stage::ReplyOutcome, other) => self.scroll_action(other),
            _ => {}
        }
    }

    pub(crate) fn choose_reply(&mut self, index: usize) {
        let Some(reply) = self.content.rehearsal.replies.get(index) else {
            return;
        };
        let id = reply.id.clone();
        // The path switch is decided in code, never by the content.
        let switch = rehearsal::reply_switch(&id);
        let now = self.now();
        if let Some(record) = self.record_mut() {
            record.reply = Some(id);
            record.updated_at = now;
            if switch != ReplySwitch::None {
                record.switched = Some(switch);
                record.finished_at = Some(now);
            }
        }
        self.persist();
        self.go(Screen::Rehearse(Stage::ReplyOutcome));
    }

    fn finish_rehearsal(&mut self) {
        let now = self.now();
        let content = &self.content;
        let Some(record) = self
            .data
            .rehearsals
            .last_mut()
            .filter(|r| r.finished_at.is_none())
        else {
            return;
        };
        let text = rehearsal::script(content, record);
        record.finished_at = Some(now);
        record.updated_at = now;
        record.current_step = None;
        record.scripts.push(ScriptVersion { at: now, text });
        let index = self.data.rehearsals.len() - 1;
        self.persist();
        self.editor = None;
        self.letter_view = false;
        self.versions_back = 0;
        self.go(Screen::Script(index));
    }

    /// The script version on screen, if any.
    pub fn script_version(&self, index: usize) -> Option<(usize, &ScriptVersion)> {
        let scripts = &self.data.rehearsals.get(index)?.scripts;
        let at = scripts.len().checked_sub(1 + self.versions_back)?;
        scripts.get(at).map(|v| (at, v))
    }

    /// The text on the script screen now: the chosen version, as script or letter.
    pub fn script_text(&self, index: usize) -> String {
        let Some((_, version)) = self.script_version(index) else {
            return String::new();
        };
        if self.letter_view {
            rehearsal::letter(&self.content, &version.text, &self.voice())
        } else {
            version.text.clone()
        }
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
                self.editor = Some(text_area(&text));
            }
            Action::Export => {
                let mut field = TextArea::default();
                field.set_placeholder_text("a file name, for example invitation.md");
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
        if let Some(record) = self.data.rehearsals.get_mut(index) {
            if record.scripts.last().is_some_and(|v| v.text == text) {
                self.status = Some(Status::Info("No changes.".to_string()));
                return;
            }
            record.scripts.push(ScriptVersion { at: now, text });
            record.updated_at = now;
        }
        self.versions_back = 0;
        self.persist();
        if !self.unsaved {
            self.status = Some(Status::Info("Kept as a new version.".to_string()));
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
        let title = if self.letter_view {
            "A letter"
        } else {
            "What I want to say"
        };
        let date = self.format_date(self.now());
        let markdown = rehearsal::export_markdown(title, &date, &self.script_text(index));
        match crate::export::write_new_private_file(&self.export_target(path), &markdown) {
            Ok(()) => {
                self.text = None;
                self.status = Some(Status::Info(format!("Written to {path}.")));
            }
            Err(e) => {
                self.status = Some(Status::Warning(format!("Not written: {e}")));
            }
        }
    }
}
