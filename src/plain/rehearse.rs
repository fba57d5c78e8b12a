//! The rehearsal in plain mode: the gate, the two rulers as numbers, each step's words ended by
//! an empty line with the checker's advice after them, the replies, and the script with its
//! letter, versions, edits and export. The walk is the core's (`core::rehearsal::walk`), the
//! words are `pages::rehearse`'s.

use super::{Next, Place, Plain, Written, line, number_prompt, options, pick, read_written};
use crate::content::render;
use crate::core::flow::Flow;
use crate::core::place::PageId;
use crate::core::rehearsal::walk::{self, Entry, ScriptEdit};
use crate::core::rehearsal::{Gate, Stage};
use crate::pages::{Words, rehearse as page};
use std::io::{self, BufRead, Write};

/// Where the user is in the rehearsal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum At {
    /// No rehearsal now, and why.
    Closed(Gate),
    /// One of the two rulers (0: importance, 1: confidence) of a ruler stage.
    Ruler(Stage, usize),
    /// A stage with words to write, the replies, or what the reply tells.
    Stage(Stage),
    /// A rehearsal's script (by index into `data.rehearsals`) and what can be done with it.
    Script(usize),
    /// Writing a new version of a script.
    Edit(usize),
    /// Typing the name of the file a script is written to.
    Export(usize),
}

/// What can be done with a script, in the order its menu lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScriptChoice {
    /// Read it as a letter, or as written.
    Turn,
    Edit,
    Export,
    Earlier,
    Later,
    Home,
}

impl Plain {
    /// Shows what the rehearsal's gate led to (`core::place::open` asked it).
    pub(super) fn show_entry(&mut self, entry: Entry, out: &mut impl Write) -> io::Result<()> {
        match entry {
            Entry::NoAssessment => line(
                out,
                "Take the check-in first: the rehearsal is matched to your answers, and the safety check comes first.",
            ),
            Entry::Recheck(why) => {
                self.recheck = true;
                self.flow = Some(Flow::safety_recheck(&self.content));
                let intro = walk::recheck_intro(&self.content, why);
                line(out, "")?;
                line(out, &render(intro, &self.voice()))?;
                self.go(Place::Question, out)
            }
            Entry::Closed(gate) => self.go(Place::Rehearsal(At::Closed(gate)), out),
            Entry::Open(stage) => self.arrive(stage, out),
        }
    }

    /// The short re-check is finished: keep it, then ask the gate again.
    pub(super) fn finish_recheck(&mut self, said: &str, out: &mut impl Write) -> io::Result<()> {
        self.recheck = false;
        let Some(flow) = self.flow.take() else {
            return Ok(());
        };
        let entry =
            walk::after_recheck(&self.content, &mut self.data, flow.answers, (self.clock)());
        let saved = self.persist();
        line(
            out,
            &format!("{said} The safety questions are done.{saved}"),
        )?;
        self.show_entry(entry, out)
    }

    /// Shows a stage, keeping it as where the rehearsal stopped.
    fn arrive(&mut self, stage: Stage, out: &mut impl Write) -> io::Result<()> {
        if stage.has_rulers() {
            self.ruler = walk::ruler_start(&self.data, stage);
        }
        self.written = walk::arrive(&self.content, &mut self.data, stage, (self.clock)());
        self.persist_quietly(out)?;
        let at = if stage.has_rulers() {
            At::Ruler(stage, 0)
        } else {
            At::Stage(stage)
        };
        self.go(Place::Rehearsal(at), out)
    }

    /// "Read your invitation script": the latest rehearsal with one.
    /// Opens a saved script from the start: the latest version, as written.
    pub(super) fn open_script(&mut self, index: usize, out: &mut impl Write) -> io::Result<()> {
        self.letter = false;
        self.versions_back = 0;
        self.go(Place::Rehearsal(At::Script(index)), out)
    }

    pub(super) fn show_rehearsal(&self, at: At, out: &mut impl Write) -> io::Result<()> {
        let voice = self.voice();
        let w = Words::new(&self.content, &voice);
        match at {
            At::Closed(gate) => self.page(out, &page::gate(w, &self.data, gate)),
            At::Ruler(stage, which) => {
                if which == 0 {
                    line(out, &page::header(&self.content, stage))?;
                    self.page(out, &page::rulers_intro(w, stage == Stage::ReadinessAfter))?;
                }
                let questions = page::ruler_questions(w);
                line(
                    out,
                    &format!("Ruler {} of 2: {}", which + 1, questions[which.min(1)]),
                )?;
                line(out, "0 means not at all, 10 means completely.")
            }
            At::Stage(Stage::Reply) => {
                line(out, &page::header(&self.content, Stage::Reply))?;
                let (intro, labels) = page::replies(w);
                self.page(out, &intro)?;
                options(out, &labels)
            }
            At::Stage(Stage::ReplyCheck) => {
                let (question, labels) = page::reply_check(w, &self.data);
                self.page(out, &question)?;
                options(out, &labels)
            }
            At::Stage(Stage::ReplyOutcome) => self.page(out, &page::reply_outcome(w, &self.data)),
            At::Stage(stage) => {
                line(out, &page::header(&self.content, stage))?;
                self.page(out, &page::guidance(w, &self.data, stage, self.ruler))?;
                if let Some(prompt) = page::prompt(w, stage) {
                    line(out, "")?;
                    line(out, &prompt)?;
                }
                if let Some(before) = self.written.as_deref().filter(|t| !t.trim().is_empty()) {
                    line(out, "")?;
                    line(out, "You wrote before:")?;
                    for l in before.lines() {
                        super::own_line(out, &format!("  {l}"))?;
                    }
                }
                Ok(())
            }
            At::Script(index) => {
                let (Some(record), Some((at, version))) = (
                    self.data.rehearsals.get(index),
                    walk::script_version(&self.data, index, self.versions_back),
                ) else {
                    return line(out, "That script is no longer saved.");
                };
                self.page(out, &page::script(w, record, version, at, self.letter))?;
                line(out, "")?;
                line(out, "What would you like to do with it?")?;
                let labels: Vec<String> = self
                    .script_menu(index)
                    .iter()
                    .map(|c| self.script_label(*c).to_string())
                    .collect();
                options(out, &labels)
            }
            At::Edit(_) => {
                line(
                    out,
                    "Write the new version. Each line you type becomes a paragraph; an empty line ends it.",
                )?;
                line(out, "An empty line alone keeps the version as it is.")
            }
            At::Export(_) => line(out, &render(&self.content.rehearsal.export_warning, &voice)),
        }
    }

    pub(super) fn prompt_rehearsal(&self, at: At) -> String {
        match at {
            At::Closed(_) => "Press Enter for the home menu.".to_string(),
            At::Ruler(_, which) => format!(
                "Type a number from 0 to 10, then Enter (Enter alone keeps {}):",
                self.ruler[which.min(1)]
            ),
            At::Stage(Stage::Reply) => number_prompt(self.content.rehearsal.replies.len()),
            At::Stage(Stage::ReplyCheck) => number_prompt(2),
            At::Stage(Stage::ReplyOutcome) if walk::switched(&self.data).is_some() => {
                "Press Enter for what comes first now.".to_string()
            }
            At::Stage(Stage::ReplyOutcome) => "Press Enter to go on.".to_string(),
            At::Stage(_) => {
                if self
                    .written
                    .as_deref()
                    .is_some_and(|t| !t.trim().is_empty())
                {
                    "Type your words, then an empty line. An empty line alone keeps what you wrote before:".to_string()
                } else {
                    "Type your words, then an empty line. An empty line alone goes on without words:".to_string()
                }
            }
            At::Script(index) => number_prompt(self.script_menu(index).len()),
            At::Edit(_) => "Type the new version, then an empty line:".to_string(),
            At::Export(_) => {
                "Type a file name, for example invitation.md, then Enter (an empty line cancels):"
                    .to_string()
            }
        }
    }

    pub(super) fn help_rehearsal(&self, at: At, out: &mut impl Write) -> io::Result<()> {
        let text = match at {
            At::Closed(_) | At::Stage(Stage::ReplyOutcome) => {
                "Press Enter on an empty line to go on."
            }
            At::Ruler(..) => {
                "Type a whole number from 0 to 10. Enter on an empty line keeps the number shown."
            }
            At::Stage(Stage::Reply | Stage::ReplyCheck) | At::Script(_) => {
                "Type the number of your choice and press Enter."
            }
            At::Stage(_) if self.store.is_none() => {
                "Type your own words on as many lines as you like, then press Enter on an empty line. The checker then says what it noticed; type back to write that step again. This private session keeps what you write only until you leave. A blank line ends what you write, so paste one paragraph at a time."
            }
            At::Stage(_) => {
                "Type your own words on as many lines as you like, then press Enter on an empty line. The checker then says what it noticed; type back to write that step again. What you write is saved on this device only. A blank line ends what you write, so paste one paragraph at a time."
            }
            At::Edit(_) => {
                "Type each paragraph as one line; an empty line ends the new version. Earlier versions are kept."
            }
            At::Export(_) => {
                "Type a file name that does not exist yet. The file is readable only by you, and it is outside Overture's folder: delete it when you are done."
            }
        };
        line(out, text)
    }

    pub(super) fn handle_rehearsal(
        &mut self,
        at: At,
        typed: &str,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<Next> {
        match at {
            At::Closed(_) | At::Stage(Stage::ReplyOutcome) if !typed.trim().is_empty() => {
                line(out, "Press Enter on an empty line to go on.")?;
            }
            At::Closed(_) => self.go(Place::Home, out)?,
            At::Stage(Stage::ReplyOutcome) => {
                self.show_entry(walk::after_reply(&self.data), out)?;
            }
            At::Ruler(stage, which) => self.set_ruler(stage, which, typed.trim(), out)?,
            At::Stage(Stage::Reply) => {
                let len = self.content.rehearsal.replies.len();
                if let Some(index) = pick(typed.trim(), len, out)? {
                    self.choose_reply(index, out)?;
                }
            }
            At::Stage(Stage::ReplyCheck) => {
                if let Some(index) = pick(typed.trim(), 2, out)? {
                    let now = (self.clock)();
                    let next = walk::confirm_reply(&self.content, &mut self.data, index == 0, now);
                    self.persist_quietly(out)?;
                    self.go(Place::Rehearsal(At::Stage(next)), out)?;
                }
            }
            At::Stage(stage) => self.write_stage(stage, typed, input, out)?,
            At::Script(index) => {
                let menu = self.script_menu(index);
                if let Some(choice) = pick(typed.trim(), menu.len(), out)? {
                    self.script_choice(index, menu[choice], out)?;
                }
            }
            At::Edit(index) => self.edit_script(index, typed, input, out)?,
            At::Export(index) => self.export_script(index, typed.trim(), out)?,
        }
        Ok(Next::Stay)
    }

    fn set_ruler(
        &mut self,
        stage: Stage,
        which: usize,
        typed: &str,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let which = which.min(1);
        if !typed.is_empty() {
            match typed.parse::<u8>() {
                Ok(n) if n <= walk::RULER_MAX => self.ruler[which] = n,
                _ => return line(out, "Please type a whole number from 0 to 10."),
            }
        }
        if which == 0 {
            return self.go(Place::Rehearsal(At::Ruler(stage, 1)), out);
        }
        let note = walk::set_readiness(&mut self.data, stage, self.ruler);
        let saved = self.persist();
        let [importance, confidence] = self.ruler;
        line(
            out,
            &format!(
                "You chose {importance} for importance and {confidence} for confidence.{saved}"
            ),
        )?;
        self.arrive(note, out)
    }

    fn write_stage(
        &mut self,
        stage: Stage,
        typed: &str,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let text = match read_written(typed, input, out, &self.hide_requested)? {
            Written::Nothing => self.written.clone().unwrap_or_default(),
            Written::Lines(lines) => lines.join("\n"),
        };
        walk::keep_text(
            &self.content,
            &mut self.data,
            stage,
            text.clone(),
            (self.clock)(),
        );
        let saved = self.persist();
        let said = if text.trim().is_empty() {
            "No words for this one."
        } else {
            "Kept."
        };
        line(out, &format!("{said}{saved}"))?;
        if matches!(stage, Stage::Step(_)) && !text.trim().is_empty() {
            let voice = self.voice();
            let findings = page::findings(
                Words::new(&self.content, &voice),
                &text,
                page::Draft::Invitation,
            );
            self.page(out, &findings)?;
            if !rehearsal_clean(&text) {
                line(
                    out,
                    "To write this step again, type back at the next prompt.",
                )?;
            }
        }
        match walk::next(&self.content, stage) {
            Some(next) => self.arrive(next, out),
            None => self.finish_rehearsal(out),
        }
    }

    fn choose_reply(&mut self, index: usize, out: &mut impl Write) -> io::Result<()> {
        let Some(next) = walk::choose_reply(&self.content, &mut self.data, index, (self.clock)())
        else {
            return Ok(());
        };
        let saved = self.persist();
        let label = self
            .content
            .rehearsal
            .replies
            .get(index)
            .map(|r| render(&r.label, &self.voice()))
            .unwrap_or_default();
        line(out, &format!("You chose: {label}.{saved}"))?;
        self.go(Place::Rehearsal(At::Stage(next)), out)
    }

    fn finish_rehearsal(&mut self, out: &mut impl Write) -> io::Result<()> {
        let Some(index) = walk::finish(&self.content, &mut self.data, (self.clock)()) else {
            return self.go(Place::Home, out);
        };
        let saved = self.persist();
        line(
            out,
            &format!("The rehearsal is finished: your lines are kept as a script.{saved}"),
        )?;
        self.letter = false;
        self.versions_back = 0;
        self.go(Place::Rehearsal(At::Script(index)), out)
    }

    /// The script's menu: reading a version earlier or later only where there are several.
    fn script_menu(&self, index: usize) -> Vec<ScriptChoice> {
        let versions = self
            .data
            .rehearsals
            .get(index)
            .map_or(0, |r| r.scripts.len());
        let mut menu = vec![ScriptChoice::Turn, ScriptChoice::Edit, ScriptChoice::Export];
        if versions > 1 {
            menu.extend([ScriptChoice::Earlier, ScriptChoice::Later]);
        }
        menu.push(ScriptChoice::Home);
        menu
    }

    fn script_label(&self, choice: ScriptChoice) -> &'static str {
        match choice {
            ScriptChoice::Turn if self.letter => "Read it as you wrote it",
            ScriptChoice::Turn => "Read it as a letter",
            ScriptChoice::Edit => "Write a new version (earlier ones are kept)",
            ScriptChoice::Export => "Write it to a file",
            ScriptChoice::Earlier => "Read an earlier version",
            ScriptChoice::Later => "Read a later version",
            ScriptChoice::Home => "Back to the home menu",
        }
    }

    fn script_choice(
        &mut self,
        index: usize,
        choice: ScriptChoice,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let count = self
            .data
            .rehearsals
            .get(index)
            .map_or(0, |r| r.scripts.len());
        match choice {
            ScriptChoice::Turn => {
                self.letter = !self.letter;
                self.show(out)
            }
            ScriptChoice::Edit => {
                self.letter = false;
                self.go(Place::Rehearsal(At::Edit(index)), out)
            }
            ScriptChoice::Export => self.go(Place::Rehearsal(At::Export(index)), out),
            ScriptChoice::Earlier if self.versions_back + 1 < count => {
                self.versions_back += 1;
                self.show(out)
            }
            ScriptChoice::Earlier => line(out, "This is the first version."),
            ScriptChoice::Later if self.versions_back > 0 => {
                self.versions_back -= 1;
                self.show(out)
            }
            ScriptChoice::Later => line(out, "This is the latest version."),
            ScriptChoice::Home => self.go(Place::Home, out),
        }
    }

    fn edit_script(
        &mut self,
        index: usize,
        typed: &str,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let Written::Lines(paragraphs) = read_written(typed, input, out, &self.hide_requested)?
        else {
            line(out, "No changes.")?;
            return self.go(Place::Rehearsal(At::Script(index)), out);
        };
        let text = paragraphs
            .iter()
            .map(|p| p.trim())
            .collect::<Vec<_>>()
            .join("\n\n");
        match walk::keep_script_edit(&mut self.data, index, text, (self.clock)()) {
            ScriptEdit::Kept => {
                let saved = self.persist();
                self.versions_back = 0;
                line(out, &format!("Kept as a new version.{saved}"))?;
            }
            ScriptEdit::Unchanged => line(out, "No changes.")?,
            ScriptEdit::Missing => line(out, "That script is no longer saved.")?,
        }
        self.go(Place::Rehearsal(At::Script(index)), out)
    }

    fn export_script(&mut self, index: usize, path: &str, out: &mut impl Write) -> io::Result<()> {
        if path.is_empty() {
            line(out, "Nothing was written.")?;
            return self.go(Place::Rehearsal(At::Script(index)), out);
        }
        let voice = self.voice();
        let (Some(record), Some((_, version))) = (
            self.data.rehearsals.get(index),
            walk::script_version(&self.data, index, self.versions_back),
        ) else {
            return self.go(Place::Home, out);
        };
        let markdown = page::script_markdown(
            Words::new(&self.content, &voice),
            record,
            version,
            self.letter,
            &super::text::date((self.clock)()),
        );
        let target = self.export_target(path);
        match crate::export::write_new_private_file(&target, &markdown) {
            Ok(()) => line(out, &crate::export::written_note(&target))?,
            Err(e) => line(out, &format!("Not written: {e}"))?,
        }
        self.go(Place::Rehearsal(At::Script(index)), out)
    }

    pub(super) fn back_rehearsal(&mut self, at: At, out: &mut impl Write) -> io::Result<()> {
        match at {
            At::Ruler(stage, 1) => self.go(Place::Rehearsal(At::Ruler(stage, 0)), out),
            // After a switch, or a pictured threat, never back to the picks.
            At::Stage(Stage::ReplyOutcome)
                if walk::switched(&self.data).is_some()
                    || self.data.rehearsals.last().is_some_and(|r| r.pictured) =>
            {
                line(out, "Going back to the home menu.")?;
                self.go(Place::Home, out)
            }
            At::Ruler(stage, _) | At::Stage(stage) => match walk::previous(&self.content, stage) {
                Some(previous) => {
                    line(out, "Going back a step. What you wrote is kept.")?;
                    self.arrive(previous, out)
                }
                None if walk::leave_start(&mut self.data) => {
                    self.persist_quietly(out)?;
                    line(
                        out,
                        "Going back to the home menu. Nothing had been written yet.",
                    )?;
                    self.go(Place::Home, out)
                }
                None => {
                    line(
                        out,
                        "Going back to the home menu. Choose \u{201c}Continue the rehearsal\u{201d} to pick up here.",
                    )?;
                    self.go(Place::Home, out)
                }
            },
            At::Edit(index) | At::Export(index) => {
                line(out, "Nothing was changed.")?;
                self.go(Place::Rehearsal(At::Script(index)), out)
            }
            At::Closed(_) | At::Script(_) => {
                line(out, "Going back to the home menu.")?;
                self.go(Place::Home, out)
            }
        }
    }
}

/// Whether the checker has nothing to say about a text.
fn rehearsal_clean(text: &str) -> bool {
    crate::core::draft::review(text).findings.is_empty()
}

/// The page a place of the rehearsal shows, as core names it.
pub(super) fn page_of(at: At) -> PageId {
    match at {
        At::Closed(_) => PageId::RehearsalClosed,
        At::Ruler(..) | At::Stage(_) => PageId::Rehearsal,
        At::Script(_) | At::Edit(_) | At::Export(_) => PageId::Script,
    }
}
